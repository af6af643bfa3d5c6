/*
** snipcache.h -- texts' snippet tables (snippet.h) kept across searches,
** by article id (library-internal, no SQLite).
**
** Why: a snippet of a stored article costs the segmentation of the text
** (or, for a long one, a pass over all its syllables), and the results of
** different queries share articles. The table depends only on the text,
** so an article's table serves every later query; the per-query work
** (which words hit, the window, the region of a long text) is still done
** for every snippet, and answers are the same as without the cache. A
** long text's region, once segmented, is kept too (its own entry, by
** article and byte range): a later query that picks the same region
** skips the segmenter.
**
** Bounded LRU by bytes. The owner says when the archive changed
** (hoso__snipcache_sync with its state numbers): everything is dropped
** then, as articles may have been replaced.
**
** Ownership: one per archive handle (not thread-safe), free with
** hoso__snipcache_free. A table handed out by hoso__snipcache_get is
** owned by the cache and valid until the next call on it.
*/
#ifndef HOSO_SNIPCACHE_H
#define HOSO_SNIPCACHE_H

#include <stddef.h>
#include <stdint.h>

#include "search/snippet.h"

typedef struct hoso_snipcache hoso_snipcache;

#define HOSO_SNIPCACHE_MB 16 /* default bound per handle */

/* max_bytes 0 = keep nothing (every get makes the table afresh). */
int hoso__snipcache_new(size_t max_bytes, hoso_snipcache **out);
void hoso__snipcache_free(hoso_snipcache *c);
/* Drop everything unless (a, b) equal the numbers of the last call. */
void hoso__snipcache_sync(hoso_snipcache *c, int64_t a, int64_t b);
/* The table of article id, whose text is text[0..n): kept, or made with
** w (and kept when it fits). *t may be NULL (a text too long for a
** table: hoso__snippet_with copes). HOSO_ENOMEM only. */
int hoso__snipcache_get(hoso_snipcache *c, hoso_words *w, int64_t id,
                        const char *text, size_t n, const hoso_snip_text **t);
/* The word table of the region text[a .. b) of article id
** (hoso__snip_words_new; for hoso__snippet_in_region): kept, or made
** with w -- from the second time the region is asked for: the first
** time only marks it and *t is NULL (a region asked for once costs what
** it cost without the cache; a table costs more than one snippet).
** Otherwise the rules of hoso__snipcache_get; the region's entry is
** separate from the whole text's. HOSO_ENOMEM, or HOSO_EARG for a
** range that is not one (a > b, or b past 4 GiB). */
int hoso__snipcache_region(hoso_snipcache *c, hoso_words *w, int64_t id,
                           const char *text, size_t a, size_t b,
                           const hoso_snip_text **t);
/* Tables found / made since the cache was created. */
void hoso__snipcache_counts(const hoso_snipcache *c, uint64_t *hits,
                            uint64_t *made);

#endif
