/* snipcache.c -- texts' snippet tables by article id, bounded LRU
** (see snipcache.h). */
#include <stdlib.h>
#include <string.h>

#include "base/lru.h"
#include "search/snipcache.h"

#define BUCKETS 4096 /* hash chains (power of two) */

typedef struct sentry {
  hoso_lru_link lru;          /* first: the recency list's link */
  struct sentry *hnext;       /* chain */
  int64_t id;
  int region;                 /* 1: the words of text[a .. b) (else the whole text's table) */
  uint32_t a, b;
  size_t bytes;
  hoso_snip_text *t; /* owned; NULL for a text too long for a table */
} sentry;

struct hoso_snipcache {
  sentry *bucket[BUCKETS];
  hoso_lru lru; /* entries, most recent first */
  size_t bytes, max_bytes;
  hoso_snip_text *spare; /* the last table too big to keep (owned) */
  int synced;
  int64_t a, b;
  uint64_t hits, made;
};

int hoso__snipcache_new(size_t max_bytes, hoso_snipcache **out) {
  *out = calloc(1, sizeof(**out));
  if (!*out) return HOSO_ENOMEM;
  (*out)->max_bytes = max_bytes;
  return HOSO_OK;
}

static size_t slot(int64_t id) {
  uint64_t x = (uint64_t)id * 0x9E3779B97F4A7C15ull;
  return (size_t)(x >> 52) & (BUCKETS - 1);
}

static void drop(hoso_snipcache *c, sentry *e) {
  sentry **p = &c->bucket[slot(e->id)];
  while (*p != e) p = &(*p)->hnext;
  *p = e->hnext;
  hoso__lru_unlink(&c->lru, &e->lru);
  c->bytes -= e->bytes;
  hoso__snip_text_free(e->t);
  free(e);
}

static void clear(hoso_snipcache *c) {
  while (c->lru.tail) drop(c, (sentry *)c->lru.tail);
  hoso__snip_text_free(c->spare);
  c->spare = NULL;
}

void hoso__snipcache_free(hoso_snipcache *c) {
  if (!c) return;
  clear(c);
  free(c);
}

void hoso__snipcache_sync(hoso_snipcache *c, int64_t a, int64_t b) {
  if (c->synced && c->a == a && c->b == b) return;
  clear(c);
  c->synced = 1;
  c->a = a;
  c->b = b;
}

/* The table of article id (region 0: the whole text[0..n); 1: the
** words of text[a .. b)), kept or made. */
static int get(hoso_snipcache *c, hoso_words *w, int64_t id, int region, size_t a,
               size_t b, const char *text, size_t n, const hoso_snip_text **t) {
  *t = NULL;
  for (sentry *e = c->bucket[slot(id)]; e; e = e->hnext) {
    if (e->id != id || e->region != region || (region && (e->a != a || e->b != b)))
      continue;
    hoso__lru_touch(&c->lru, &e->lru);
    if (region && !e->t) { /* seen once before: now its words are kept */
      hoso_snip_text *x;
      int rc = hoso__snip_words_new(w, text + a, b - a, &x);
      if (rc) return rc;
      c->made++;
      size_t more = hoso__snip_text_bytes(x);
      if (sizeof(sentry) + more > c->max_bytes / 4) {
        hoso__snip_text_free(c->spare);
        c->spare = x;
        *t = x;
        return HOSO_OK;
      }
      while (c->lru.tail && c->lru.tail != &e->lru && c->bytes + more > c->max_bytes)
        drop(c, (sentry *)c->lru.tail);
      e->t = x;
      e->bytes += more;
      c->bytes += more;
      *t = x;
      return HOSO_OK;
    }
    c->hits++;
    *t = e->t;
    return HOSO_OK;
  }
  hoso__snip_text_free(c->spare);
  c->spare = NULL;
  hoso_snip_text *x = NULL;
  int rc = region ? HOSO_OK /* first sight: only marked (a one-off region costs no table) */
                  : hoso__snip_text_new(w, text, n, &x);
  if (rc) return rc;
  if (!region) c->made++;
  size_t bytes = sizeof(sentry) + hoso__snip_text_bytes(x);
  if (bytes > c->max_bytes / 4) { /* would push out too much: not kept */
    c->spare = x;
    *t = x;
    return HOSO_OK;
  }
  sentry *e = calloc(1, sizeof(*e));
  if (!e) {
    hoso__snip_text_free(x);
    return HOSO_ENOMEM;
  }
  while (c->lru.tail && c->bytes + bytes > c->max_bytes) drop(c, (sentry *)c->lru.tail);
  e->id = id;
  e->region = region;
  e->a = (uint32_t)a;
  e->b = (uint32_t)b;
  e->bytes = bytes;
  e->t = x;
  size_t s = slot(id);
  e->hnext = c->bucket[s];
  c->bucket[s] = e;
  hoso__lru_push_front(&c->lru, &e->lru);
  c->bytes += bytes;
  *t = x;
  return HOSO_OK;
}

int hoso__snipcache_get(hoso_snipcache *c, hoso_words *w, int64_t id,
                        const char *text, size_t n, const hoso_snip_text **t) {
  return get(c, w, id, 0, 0, 0, text, n, t);
}

int hoso__snipcache_region(hoso_snipcache *c, hoso_words *w, int64_t id,
                           const char *text, size_t a, size_t b,
                           const hoso_snip_text **t) {
  *t = NULL;
  if (a > b || b > UINT32_MAX) return HOSO_EARG;
  return get(c, w, id, 1, a, b, text, b, t);
}

void hoso__snipcache_counts(const hoso_snipcache *c, uint64_t *hits,
                            uint64_t *made) {
  *hits = c ? c->hits : 0;
  *made = c ? c->made : 0;
}
