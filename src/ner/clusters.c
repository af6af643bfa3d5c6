/*
** clusters.c -- word classes for the entity tagger: load the class file
** and look tokens up (see clusters.h). The table is open addressing over
** 64-bit item hashes (hoso__tag_hash), so a lookup is one hash and, on
** average, one or two probes.
*/
#include <stdlib.h>
#include <string.h>

#include "ner/clusters.h"
#include "tag/tag.h"

struct hoso__nclust {
  uint64_t *h;     /* item hashes (0 = empty slot) */
  uint16_t *cls;   /* class of the slot */
  size_t mask;     /* slots - 1 (a power of two) */
  unsigned nclass;
};

void hoso__nclust_free(hoso__nclust *c) {
  if (!c) return;
  free(c->h);
  free(c->cls);
  free(c);
}

unsigned hoso__nclust_nclasses(const hoso__nclust *c) { return c ? c->nclass : 0; }

static uint64_t item_hash(const char *s, size_t n) {
  uint64_t h = hoso__tag_hash(s, n);
  return h ? h : 1; /* 0 marks an empty slot */
}

unsigned hoso__nclust_get(const hoso__nclust *c, const char *item, size_t n) {
  if (!c || !n || n > HOSO_NCLUST_MAX_ITEM) return HOSO_NCLUST_NONE;
  uint64_t h = item_hash(item, n);
  for (size_t s = h & c->mask;; s = (s + 1) & c->mask) {
    if (c->h[s] == h) return c->cls[s];
    if (!c->h[s]) return HOSO_NCLUST_NONE;
  }
}

size_t hoso__nclust_item(const hoso__ndoc *d, uint32_t i, char *buf) {
  const hoso__ntok *t = &d->tok[i];
  if (t->flags & NT_NUM) {
    buf[0] = '0';
    return 1;
  }
  size_t n, o = 0;
  const char *k = hoso__tok_key(d, i, &n);
  if ((t->flags & NT_WORD) && (t->flags & NT_UPPER) && !(t->flags & NT_SENT))
    buf[o++] = '^';
  if (!n || n + o > HOSO_NCLUST_MAX_ITEM) return 0;
  memcpy(buf + o, k, n);
  return n + o;
}

unsigned hoso__nclust_tok(const hoso__nclust *c, const hoso__ndoc *d, uint32_t i) {
  char buf[HOSO_NCLUST_MAX_ITEM];
  size_t n = hoso__nclust_item(d, i, buf);
  return n ? hoso__nclust_get(c, buf, n) : HOSO_NCLUST_NONE;
}

/* Insert; an item already present keeps its first class. */
static void put(hoso__nclust *c, uint64_t h, unsigned cls) {
  size_t s = h & c->mask;
  while (c->h[s] && c->h[s] != h) s = (s + 1) & c->mask;
  if (c->h[s]) return;
  c->h[s] = h;
  c->cls[s] = (uint16_t)cls;
}

int hoso__nclust_load(const char *data, size_t n, const char *name,
                      hoso__nclust **out, hoso_error *err) {
  *out = NULL;
  /* count the lines to size the table (load factor <= 1/2) */
  size_t lines = 1;
  for (size_t i = 0; i < n; i++) lines += data[i] == '\n';
  if (lines > HOSO_NCLUST_MAX_ITEMS) lines = HOSO_NCLUST_MAX_ITEMS;
  size_t slots = 16;
  while (slots < 2 * lines) slots *= 2;
  hoso__nclust *c = calloc(1, sizeof *c);
  if (c) {
    c->h = calloc(slots, sizeof *c->h);
    c->cls = calloc(slots, sizeof *c->cls);
    c->mask = slots - 1;
  }
  if (!c || !c->h || !c->cls) {
    hoso__nclust_free(c);
    return hoso__err(err, HOSO_ENOMEM, "out of memory (word classes)");
  }
  size_t p = 0, line = 0, items = 0;
  int rc = HOSO_OK;
  while (p < n && !rc) {
    line++;
    const char *nl = memchr(data + p, '\n', n - p);
    size_t e = nl ? (size_t)(nl - data) : n;
    if (e > p && data[p] != '#') {
      const char *tab = memchr(data + p, '\t', e - p);
      size_t il = tab ? (size_t)(tab - (data + p)) : 0;
      unsigned long v = 0;
      size_t q = tab ? (size_t)(tab - data) + 1 : e, digits = 0;
      while (q < e && data[q] >= '0' && data[q] <= '9' && v < HOSO_NCLUST_NONE)
        v = v * 10 + (unsigned long)(data[q++] - '0'), digits++;
      if (q < e && data[q] == '\r') q++;
      if (!tab || !il || il > HOSO_NCLUST_MAX_ITEM || !digits || q != e ||
          v >= HOSO_NCLUST_NONE) {
        rc = hoso__err_at(err, HOSO_EMODEL, p,
                          "line %zu: want ITEM<TAB>CLASS (item 1..%d bytes, class < %d)",
                          line, HOSO_NCLUST_MAX_ITEM, HOSO_NCLUST_NONE);
      } else if (++items > HOSO_NCLUST_MAX_ITEMS) {
        rc = hoso__err_at(err, HOSO_ETOOBIG, p, "more than %d items",
                          HOSO_NCLUST_MAX_ITEMS);
      } else {
        put(c, item_hash(data + p, il), (unsigned)v);
        if (v + 1 > c->nclass) c->nclass = (unsigned)v + 1;
      }
    }
    p = e + 1;
  }
  if (rc) {
    hoso__err_file(err, name);
    hoso__nclust_free(c);
    return rc;
  }
  *out = c;
  return HOSO_OK;
}

int hoso__nclust_open(const char *path, hoso__nclust **out, hoso_error *err) {
  *out = NULL;
  char *data;
  size_t n;
  int rc = hoso__read_file(path, 64u << 20, &data, &n, err);
  if (rc) return rc;
  rc = hoso__nclust_load(data, n, path, out, err);
  hoso_free(data);
  return rc;
}
