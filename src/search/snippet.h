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

/* What hoso__snippet reads of a text before it looks at the query, made
** once so that later snippets of the same text skip it: for a short text
** (or without a segmenter) its words with their distinct folds; for a
** long one the syllables and fold hashes of the first pass. With it,
** hoso__snippet_with gives exactly hoso__snippet's answer (a long text
** still has its region segmented per query; a query with prefix words
** on a long text goes the whole way, since syllables' folds are not kept).
**
** Ownership: hoso__snip_text_new makes *out (free with
** hoso__snip_text_free); *out stays NULL (and HOSO_OK is returned) for a
** text too long to describe, which hoso__snippet_with then handles
** without. HOSO_ENOMEM only. w must have the same segmenter (or none)
** when the table is made and when it is used. */
typedef struct hoso_snip_text hoso_snip_text;
int hoso__snip_text_new(hoso_words *w, const char *text, size_t n,
                        hoso_snip_text **out);
void hoso__snip_text_free(hoso_snip_text *t);
/* Bytes it holds (for a cache's bound). */
size_t hoso__snip_text_bytes(const hoso_snip_text *t);
/* hoso__snippet of text[0..n) from its table t (NULL, or one made from
** another length: computed as hoso__snippet does). */
int hoso__snippet_with(hoso_words *w, const hoso_snip_text *t, const char *text,
                       size_t n, const char *terms, size_t terms_n,
                       hoso_snippet *out);

#endif
