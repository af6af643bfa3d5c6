/* cache.c -- a bounded LRU cache of API answers (JSON bodies of 200
** responses), keyed by the raw request target.
**
** Why: a search costs the library milliseconds (ranking, snippets,
** facets) while the archive changes rarely; people repeat queries, the
** page asks for the same suggestions as one types, and a story is read
** by many. Answers are valid for one state of the archive: each entry
** carries the archive's signature (size and modification time of the
** database file and its write-ahead log, from stat(), so ingests by the
** server, by `hoso ingest` or by any other process are all seen), and an
** entry with an older signature is never served. A PostgreSQL archive has
** no file: there the signature is the store's change state (its WAL
** position, hoso_archive_state), read per request on a pooled handle. Bounded by bytes and
** entries; one mutex (the work under it is a hash lookup and a memcpy).
** `--cache-mb 0` turns it off. */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/lru.h"
#include "srv.h"

typedef struct centry {
  hoso_lru_link lru;           /* first: the recency list's link */
  struct centry *hnext;        /* hash chain */
  uint64_t hash, sig;
  char *key;                   /* owned: key bytes then body bytes */
  size_t key_n, body_n;
} centry;

struct srv_cache {
  pthread_mutex_t mu;
  centry **tab;
  size_t nslots;
  hoso_lru lru;                /* entries, most recent first */
  size_t bytes, max_bytes, n, max_n;
  _Atomic uint64_t hits, misses;
};

static uint64_t fnv1a(const char *p, size_t n) {
  uint64_t h = 1469598103934665603ull;
  for (size_t i = 0; i < n; i++) {
    h ^= (unsigned char)p[i];
    h *= 1099511628211ull;
  }
  return h;
}

uint64_t srv_archive_signature(const char *db_path) {
  if (!db_path) return 0;
  struct stat a, b;
  uint64_t s = 1469598103934665603ull;
  char wal[4096];
  size_t n = strlen(db_path);
  if (stat(db_path, &a) == 0) {
    uint64_t v[3] = {(uint64_t)a.st_size, (uint64_t)a.st_mtim.tv_sec,
                     (uint64_t)a.st_mtim.tv_nsec};
    s ^= fnv1a((const char *)v, sizeof(v));
  }
  if (n + 5 <= sizeof(wal)) {
    memcpy(wal, db_path, n);
    memcpy(wal + n, "-wal", 5);
    if (stat(wal, &b) == 0) {
      uint64_t v[3] = {(uint64_t)b.st_size, (uint64_t)b.st_mtim.tv_sec,
                       (uint64_t)b.st_mtim.tv_nsec};
      s = s * 31 + fnv1a((const char *)v, sizeof(v));
    }
  }
  return s;
}

int srv_answer_state(srv_ctx *ctx, uint64_t *sig) {
  if (!ctx->state_from_store) {
    *sig = srv_archive_signature(srv_pool_path(ctx->pool));
    return 0;
  }
  hoso_archive *a = NULL;
  hoso_error err;
  hoso_error_clear(&err);
  if (srv_pool_get(ctx->pool, SRV_POOL_WAIT_MS, &a, &err) != HOSO_OK) return -1;
  int rc = hoso_archive_state(a, sig, &err);
  srv_pool_put(ctx->pool, a);
  return rc == HOSO_OK ? 0 : -1;
}

int srv_cache_new(size_t max_bytes, size_t max_entries, srv_cache **out) {
  *out = NULL;
  if (max_bytes == 0 || max_entries == 0) return HOSO_OK; /* off */
  srv_cache *c = calloc(1, sizeof(*c));
  if (!c) return HOSO_ENOMEM;
  c->nslots = 1;
  while (c->nslots < max_entries) c->nslots <<= 1;
  c->tab = calloc(c->nslots, sizeof(*c->tab));
  if (!c->tab) {
    free(c);
    return HOSO_ENOMEM;
  }
  c->max_bytes = max_bytes;
  c->max_n = max_entries;
  pthread_mutex_init(&c->mu, NULL);
  atomic_init(&c->hits, 0);
  atomic_init(&c->misses, 0);
  *out = c;
  return HOSO_OK;
}

static void drop(srv_cache *c, centry *e) {
  centry **pp = &c->tab[e->hash & (c->nslots - 1)];
  while (*pp && *pp != e) pp = &(*pp)->hnext;
  if (*pp) *pp = e->hnext;
  hoso__lru_unlink(&c->lru, &e->lru);
  c->bytes -= e->key_n + e->body_n;
  c->n--;
  free(e->key);
  free(e);
}

static centry *find(srv_cache *c, const char *key, size_t kn, uint64_t h) {
  for (centry *e = c->tab[h & (c->nslots - 1)]; e; e = e->hnext)
    if (e->hash == h && e->key_n == kn && !memcmp(e->key, key, kn)) return e;
  return NULL;
}

int srv_cache_get(srv_cache *c, const char *key, size_t kn, uint64_t sig,
                  hoso_buf *out) {
  if (!c) return 0;
  uint64_t h = fnv1a(key, kn);
  int hit = 0;
  pthread_mutex_lock(&c->mu);
  centry *e = find(c, key, kn, h);
  if (e && e->sig != sig) {
    drop(c, e); /* the archive changed since */
    e = NULL;
  }
  if (e) {
    hoso__lru_touch(&c->lru, &e->lru);
    hoso__buf_reset(out);
    hit = hoso__buf_add(out, e->key + e->key_n, e->body_n) == HOSO_OK;
  }
  pthread_mutex_unlock(&c->mu);
  atomic_fetch_add(hit ? &c->hits : &c->misses, 1);
  return hit;
}

void srv_cache_put(srv_cache *c, const char *key, size_t kn, uint64_t sig,
                   const char *body, size_t n) {
  if (!c || kn + n > c->max_bytes / 8) return; /* no single giant entry */
  centry *e = calloc(1, sizeof(*e));
  if (!e) return;
  e->key = malloc(kn + n ? kn + n : 1);
  if (!e->key) {
    free(e);
    return;
  }
  memcpy(e->key, key, kn);
  memcpy(e->key + kn, body, n);
  e->key_n = kn;
  e->body_n = n;
  e->sig = sig;
  e->hash = fnv1a(key, kn);
  pthread_mutex_lock(&c->mu);
  centry *old = find(c, key, kn, e->hash);
  if (old) drop(c, old);
  while (c->lru.tail && (c->n + 1 > c->max_n || c->bytes + kn + n > c->max_bytes))
    drop(c, (centry *)c->lru.tail);
  size_t slot = e->hash & (c->nslots - 1);
  e->hnext = c->tab[slot];
  c->tab[slot] = e;
  hoso__lru_push_front(&c->lru, &e->lru);
  c->bytes += kn + n;
  c->n++;
  pthread_mutex_unlock(&c->mu);
}

void srv_cache_stats(srv_cache *c, uint64_t *hits, uint64_t *misses,
                     uint64_t *bytes, uint64_t *entries) {
  *hits = *misses = *bytes = *entries = 0;
  if (!c) return;
  *hits = atomic_load(&c->hits);
  *misses = atomic_load(&c->misses);
  pthread_mutex_lock(&c->mu);
  *bytes = c->bytes;
  *entries = c->n;
  pthread_mutex_unlock(&c->mu);
}

void srv_cache_free(srv_cache *c) {
  if (!c) return;
  while (c->lru.head) drop(c, (centry *)c->lru.head);
  pthread_mutex_destroy(&c->mu);
  free(c->tab);
  free(c);
}
