/* sqlite_facets_cache.c -- facets' JSON by match set, bounded LRU (see
** sqlite_facets_cache.h). */
#include <stdlib.h>
#include <string.h>

#include "base/base.h"
#include "base/lru.h"
#include "store/sqlite_facets_cache.h"

#define BUCKETS 256 /* hash chains (power of two) */

typedef struct fentry {
  hoso_lru_link lru; /* first: the recency list's link */
  struct fentry *hnext;
  uint64_t hash;
  unsigned mode;
  uint32_t *ids; /* owned, n */
  size_t n;
  char *json; /* owned, json_n bytes */
  size_t json_n;
  size_t bytes;
} fentry;

struct sq_fcache {
  fentry *bucket[BUCKETS];
  hoso_lru lru; /* entries, most recent first */
  size_t bytes, max_bytes;
  int synced;
  int64_t a, b;
  uint64_t hits, puts;
};

int hoso__sq_fcache_new(size_t max_bytes, sq_fcache **out) {
  *out = calloc(1, sizeof(**out));
  if (!*out) return HOSO_ENOMEM;
  (*out)->max_bytes = max_bytes;
  return HOSO_OK;
}

/* The key's hash, from the mode, the number of ids and one id in
** HASH_STRIDE (and the last): it only picks the chain and filters
** candidates, the ids are then compared whole (same_ids). */
#define HASH_STRIDE 8
static uint64_t key_hash(unsigned mode, const int64_t *ids, size_t n) {
  uint64_t h = 0x9E3779B97F4A7C15ull ^ ((uint64_t)mode << 32) ^ (uint64_t)n;
  for (size_t i = 0; i < n; i += HASH_STRIDE) h = (h ^ (uint64_t)ids[i]) * 0x100000001B3ull;
  if (n) h = (h ^ (uint64_t)ids[n - 1]) * 0x100000001B3ull;
  return h ^ (h >> 29);
}

static fentry **chain(sq_fcache *c, uint64_t h) { return &c->bucket[h & (BUCKETS - 1)]; }

/* Equal id for id (in blocks without a branch per id: the loop
** vectorises; an id past 32 bits never equals a kept one). */
static int same_ids(const fentry *e, const int64_t *ids, size_t n) {
  if (e->n != n) return 0;
  for (size_t i = 0; i < n; i += 64) {
    size_t end = n - i < 64 ? n : i + 64;
    uint64_t d = 0;
    for (size_t j = i; j < end; j++) d |= (uint64_t)e->ids[j] ^ (uint64_t)ids[j];
    if (d) return 0;
  }
  return 1;
}

static void drop(sq_fcache *c, fentry *e) {
  fentry **p = chain(c, e->hash);
  while (*p != e) p = &(*p)->hnext;
  *p = e->hnext;
  hoso__lru_unlink(&c->lru, &e->lru);
  c->bytes -= e->bytes;
  free(e->ids);
  free(e->json);
  free(e);
}

static void clear(sq_fcache *c) {
  while (c->lru.tail) drop(c, (fentry *)c->lru.tail);
}

void hoso__sq_fcache_free(sq_fcache *c) {
  if (!c) return;
  clear(c);
  free(c);
}

void hoso__sq_fcache_sync(sq_fcache *c, int64_t a, int64_t b) {
  if (c->synced && c->a == a && c->b == b) return;
  clear(c);
  c->synced = 1;
  c->a = a;
  c->b = b;
}

static fentry *find(sq_fcache *c, uint64_t h, unsigned mode, const int64_t *ids, size_t n) {
  for (fentry *e = *chain(c, h); e; e = e->hnext)
    if (e->hash == h && e->mode == mode && same_ids(e, ids, n)) return e;
  return NULL;
}

const char *hoso__sq_fcache_get(sq_fcache *c, unsigned mode, const int64_t *ids,
                                size_t n, size_t *len) {
  *len = 0;
  fentry *e = find(c, key_hash(mode, ids, n), mode, ids, n);
  if (!e) return NULL;
  hoso__lru_touch(&c->lru, &e->lru);
  c->hits++;
  *len = e->json_n;
  return e->json;
}

int hoso__sq_fcache_put(sq_fcache *c, unsigned mode, const int64_t *ids, size_t n,
                        const char *json, size_t len) {
  if (n > c->max_bytes / 8 / sizeof(uint32_t) || len > c->max_bytes / 8) return HOSO_OK;
  size_t bytes = sizeof(fentry) + n * sizeof(uint32_t) + len;
  if (bytes > c->max_bytes / 8) return HOSO_OK;
  for (size_t i = 0; i < n; i++)
    if ((uint64_t)ids[i] > UINT32_MAX) return HOSO_OK;
  uint64_t h = key_hash(mode, ids, n);
  fentry *old = find(c, h, mode, ids, n);
  if (old) drop(c, old);
  fentry *e = calloc(1, sizeof(*e));
  if (!e) return HOSO_ENOMEM;
  e->ids = malloc((n ? n : 1) * sizeof(uint32_t));
  e->json = malloc(len ? len : 1);
  if (!e->ids || !e->json) {
    free(e->ids);
    free(e->json);
    free(e);
    return HOSO_ENOMEM;
  }
  for (size_t i = 0; i < n; i++) e->ids[i] = (uint32_t)ids[i];
  if (len) memcpy(e->json, json, len);
  e->n = n;
  e->json_n = len;
  e->hash = h;
  e->mode = mode;
  e->bytes = bytes;
  fentry **p = chain(c, h);
  e->hnext = *p;
  *p = e;
  hoso__lru_push_front(&c->lru, &e->lru);
  c->bytes += bytes;
  c->puts++;
  while (c->bytes > c->max_bytes && c->lru.tail) drop(c, (fentry *)c->lru.tail);
  return HOSO_OK;
}

void hoso__sq_fcache_counts(const sq_fcache *c, uint64_t *hits, uint64_t *puts,
                            size_t *bytes) {
  *hits = c ? c->hits : 0;
  *puts = c ? c->puts : 0;
  *bytes = c ? c->bytes : 0;
}
