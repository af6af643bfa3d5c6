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

/* Writes the member "snippet": {"text","start","end","highlights"} of a
** search answer (text: the article text sn was made from). One writer for
** both stores, so their answers keep one shape. */
void hoso__snippet_json(hoso_json *w, const char *text, const hoso_snippet *sn);

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


/* A long text's snippet is stage 2 -- the words of one region segmented
** and a window picked among them -- on a region found from its syllable
** table. hoso__snippet_region says whether hoso__snippet_with(w, t, text,
** n, terms) is that (*use 1, the region text[*a .. *b)) or not (*use 0: t
** is not a long text's table of length n, the query has prefix words or
** w no segmenter). A region's words depend only on its bytes, so their
** table (hoso__snip_words_new on text + a, b - a: every word, whatever
** the length) can be kept and reused by any query that picks the same
** region; hoso__snippet_in_region then gives exactly hoso__snippet_with's
** answer (r NULL or not that region's word table: segmented afresh).
** HOSO_ENOMEM only. */
int hoso__snippet_region(hoso_words *w, const hoso_snip_text *t, size_t n,
                         const char *terms, size_t terms_n, int *use, size_t *a,
                         size_t *b);
int hoso__snip_words_new(hoso_words *w, const char *text, size_t n,
                         hoso_snip_text **out);
int hoso__snippet_in_region(hoso_words *w, const hoso_snip_text *r, const char *text,
                            size_t a, size_t b, const char *terms, size_t terms_n,
                            hoso_snippet *out);
#endif
