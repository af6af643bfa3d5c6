/*
** snippet.h -- a highlighted snippet of an article for a query
** (library-internal, no SQLite). Matching is per word on the folded
** key, so toneless and toned queries highlight alike (words come from hoso__words_scan, so it agrees with the index).
** All offsets are byte offsets into the text given.
**
** Ownership: hoso_snippet owns hl; free with hoso__snippet_free.
*/
#ifndef HOSO_SNIPPET_H
#define HOSO_SNIPPET_H

#include <stddef.h>

#include "base/base.h"
#include "search/words.h"

#define HOSO_SNIPPET_TOKENS 36 /* window length in syllables */

typedef struct hoso_snippet {
  size_t start, end; /* the window */
  size_t *hl;        /* pairs: start0, end0, start1, end1, ... */
  size_t n_hl;       /* number of pairs */
} hoso_snippet;

/* terms: folded words (as the index holds them, "quoc_phong"; a final
** '*' makes a prefix), each NUL-terminated, one after the other, terms_n
** bytes in all. With no match the snippet is the start of the text. */
int hoso__snippet(hoso_words *w, const char *text, size_t n, const char *terms,
                  size_t terms_n, hoso_snippet *out);
void hoso__snippet_free(hoso_snippet *s);

#endif
