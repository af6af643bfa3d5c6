/*
** sqlite_facets_cache.h -- search facets counted before, kept per match
** set (library-internal, no SQLite).
**
** Why: a search's facets (outlets, years, people, organisations, event
** types) are a function of the set of matching articles alone -- not of
** the page asked for, the ranking options or the snippets -- and counting
** them is about a third of a search of a few thousand hits. The pages of
** one query (offset 0, 10, 20 ...), its re-sorts (fresh, sources) and the
** same words typed again match the same articles, so their facets are
** counted once. This is not the server's answer cache: matching, grouping,
** ranking, the results and their snippets still run on every search, and
** a search whose match set was never seen counts its facets as before.
**
** Key: a mode number (what kind of counting made the bytes) and the hit
** ids, in the order the match gives them; an entry keeps its ids and is
** used only when they are equal id for id (a hash only picks the chain).
** Value: the facets' JSON object, bytes as written. Bounded LRU by bytes.
** The owner says when the archive changed (hoso__sq_fcache_sync with its
** state numbers): everything is dropped then.
**
** Ownership: one per archive handle (not thread-safe), free with
** hoso__sq_fcache_free. Bytes handed out by hoso__sq_fcache_get are owned
** by the cache and valid until the next call on it.
*/
#ifndef HOSO_SQLITE_FACETS_CACHE_H
#define HOSO_SQLITE_FACETS_CACHE_H

#include <stddef.h>
#include <stdint.h>

typedef struct sq_fcache sq_fcache;

/* Default bound per handle: an entry of 3,000 hits is ~14 KB. */
#define SQ_FCACHE_BYTES ((size_t)4 << 20)
/* Match sets smaller than this are counted every time (cheap, and they
** would only churn the cache). */
#define SQ_FCACHE_MIN_HITS 32

/* max_bytes 0 = keep nothing. HOSO_ENOMEM only. */
int hoso__sq_fcache_new(size_t max_bytes, sq_fcache **out);
void hoso__sq_fcache_free(sq_fcache *c);
/* Drop everything unless (a, b) equal the numbers of the last call. */
void hoso__sq_fcache_sync(sq_fcache *c, int64_t a, int64_t b);
/* The bytes kept for (mode, ids[0..n)), or NULL (*len 0). */
const char *hoso__sq_fcache_get(sq_fcache *c, unsigned mode, const int64_t *ids,
                                size_t n, size_t *len);
/* Keep json[0..len) for (mode, ids[0..n)), replacing an equal key's; not
** kept (HOSO_OK all the same) when it is over an eighth of the bound or an
** id is outside 0 .. UINT32_MAX. HOSO_ENOMEM only. */
int hoso__sq_fcache_put(sq_fcache *c, unsigned mode, const int64_t *ids, size_t n,
                        const char *json, size_t len);
/* Entries found / kept since the cache was created, and bytes held now. */
void hoso__sq_fcache_counts(const sq_fcache *c, uint64_t *hits, uint64_t *puts,
                            size_t *bytes);

#endif
