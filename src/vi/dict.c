/*
** dict.c -- the Vietnamese word dictionary used by segmentation features:
** a set of 64-bit word hashes (vi__word_hash over canonical syllable keys).
**
** FILE FORMAT (version 1), little-endian:
**   offset size field
**   0      8    magic "HOSODIC1"
**   8      4    version = 1
**   12     4    nslots S, a power of two
**   16     4    count: occupied slots (< S)
**   20     4    checksum: FNV-1a 32 over the file except these 4 bytes
**   24     8    reserved, zero
**   32     8*S  open-addressing table of u64 word hashes; 0 = empty slot.
**                A hash h sits in the first of slots (h + j) mod S, j = 0..
**                that holds it; searching stops at an empty slot.
**   The file ends there. Loaded with one read and validated (size, count,
**   checksum) before use.
*/
#include <stdlib.h>
#include <string.h>

#include "base/bigmem.h"
#include "vi/vi.h"

#define DICT_MAGIC "HOSODIC1"
#define DICT_HDR 32

/* A bitmap over 2^FILTER_BITS hash values of the words, built at load:
** most spans looked up are not words and are rejected by one access to
** 64 KiB that stays in cache, instead of a probe of the whole table. */
#define FILTER_BITS 19

struct vi_dict {
  void *buf; /* owned: buf_n bytes from hoso__big_calloc (a lookup is a
             ** random slot of 1 MB: on huge pages where the kernel allows) */
  size_t buf_n;
  const uint64_t *slot;
  uint32_t mask, count;
  uint64_t filter[(1u << FILTER_BITS) / 64];
};

static inline uint32_t filter_bit(uint64_t h) { return (uint32_t)(h >> (64 - FILTER_BITS)); }

struct vi_dict_builder {
  uint64_t *slot;
  size_t cap, count;
};

uint64_t vi__word_hash(const uint64_t *k, size_t n) {
  uint64_t h = 0x9ae16a3b2f90404fULL;
  for (size_t i = 0; i < n; i++) h = hoso__tag_hash_mix(h, k[i]);
  return h ? h : 1;
}

static uint32_t fnv(uint32_t h, const unsigned char *p, size_t n) {
  for (size_t i = 0; i < n; i++) {
    h ^= p[i];
    h *= 16777619u;
  }
  return h;
}

static uint32_t checksum(const unsigned char *p, size_t n) {
  return fnv(fnv(2166136261u, p, 20), p + 24, n - 24);
}

static uint32_t rd32(const unsigned char *p) {
  return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
         (uint32_t)p[3] << 24;
}

static void put32(unsigned char *p, uint32_t v) {
  for (int i = 0; i < 4; i++) p[i] = (unsigned char)(v >> (8 * i));
}

vi_dict_builder *vi__dict_builder_new(void) {
  vi_dict_builder *b = calloc(1, sizeof(*b));
  if (!b) return NULL;
  b->cap = 1024;
  b->slot = calloc(b->cap, sizeof(uint64_t));
  if (!b->slot) {
    free(b);
    return NULL;
  }
  return b;
}

void vi__dict_builder_free(vi_dict_builder *b) {
  if (!b) return;
  free(b->slot);
  free(b);
}

static void ins(uint64_t *slot, size_t cap, uint64_t h) {
  size_t s = (size_t)h & (cap - 1);
  while (slot[s] && slot[s] != h) s = (s + 1) & (cap - 1);
  slot[s] = h;
}

int vi__dict_builder_add(vi_dict_builder *b, uint64_t h) {
  if (!h) h = 1;
  size_t s = (size_t)h & (b->cap - 1);
  while (b->slot[s]) {
    if (b->slot[s] == h) return HOSO_OK;
    s = (s + 1) & (b->cap - 1);
  }
  b->slot[s] = h;
  b->count++;
  if (b->count * 2 > b->cap) {
    size_t nc = b->cap * 2;
    uint64_t *ns = calloc(nc, sizeof(uint64_t));
    if (!ns) return HOSO_ENOMEM;
    for (size_t i = 0; i < b->cap; i++)
      if (b->slot[i]) ins(ns, nc, b->slot[i]);
    free(b->slot);
    b->slot = ns;
    b->cap = nc;
  }
  return HOSO_OK;
}

size_t vi__dict_builder_count(const vi_dict_builder *b) { return b->count; }

static int cmp_u64(const void *a, const void *b) {
  uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
  return x < y ? -1 : x > y;
}

/* Serialise: insert in sorted order so the file does not depend on the
** order words were added in. */
static int serialise(vi_dict_builder *b, unsigned char **out, size_t *n) {
  size_t S = 16;
  while (S < b->count * 2 + 1) S *= 2;
  uint64_t *keys = malloc((b->count + 1) * sizeof(uint64_t));
  size_t total = DICT_HDR + 8 * S;
  unsigned char *p = calloc(1, total);
  if (!keys || !p) {
    free(keys);
    free(p);
    return HOSO_ENOMEM;
  }
  size_t k = 0;
  for (size_t i = 0; i < b->cap; i++)
    if (b->slot[i]) keys[k++] = b->slot[i];
  qsort(keys, k, sizeof(uint64_t), cmp_u64);
  uint64_t *tab = calloc(S, sizeof(uint64_t));
  if (!tab) {
    free(keys);
    free(p);
    return HOSO_ENOMEM;
  }
  for (size_t i = 0; i < k; i++) ins(tab, S, keys[i]);
  for (size_t i = 0; i < S; i++)
    for (int j = 0; j < 8; j++) p[DICT_HDR + 8 * i + (size_t)j] = (unsigned char)(tab[i] >> (8 * j));
  free(tab);
  free(keys);
  memcpy(p, DICT_MAGIC, 8);
  put32(p + 8, 1);
  put32(p + 12, (uint32_t)S);
  put32(p + 16, (uint32_t)k);
  put32(p + 20, checksum(p, total));
  *out = p;
  *n = total;
  return HOSO_OK;
}

int vi__dict_builder_save(vi_dict_builder *b, const char *path, hoso_error *err) {
  unsigned char *p;
  size_t n;
  if (serialise(b, &p, &n)) return hoso__err(err, HOSO_ENOMEM, "out of memory");
  FILE *f = fopen(path, "wb");
  int ok = f && fwrite(p, 1, n, f) == n;
  if (f && fclose(f)) ok = 0;
  free(p);
  if (!ok) {
    hoso__err(err, HOSO_EIO, "cannot write dictionary");
    hoso__err_file(err, path);
    return HOSO_EIO;
  }
  return HOSO_OK;
}

int vi__dict_builder_dict(vi_dict_builder *b, vi_dict **out, hoso_error *err) {
  unsigned char *p;
  size_t n;
  *out = NULL;
  if (serialise(b, &p, &n)) return hoso__err(err, HOSO_ENOMEM, "out of memory");
  int rc = vi__dict_load(p, n, "(builder)", out, err);
  free(p);
  return rc;
}

static int bad(hoso_error *err, const char *name, size_t off, const char *what) {
  hoso__err_at(err, HOSO_EMODEL, off, "corrupt word dictionary: %s", what);
  hoso__err_file(err, name);
  return HOSO_EMODEL;
}

static int parse(vi_dict *d, size_t n, const char *name, hoso_error *err) {
  const unsigned char *p = d->buf;
  uint32_t one = 1;
  unsigned char le;
  memcpy(&le, &one, 1);
  if (le != 1) return bad(err, name, 0, "big-endian host not supported");
  if (n < DICT_HDR) return bad(err, name, n, "file shorter than its header (truncated?)");
  if (memcmp(p, DICT_MAGIC, 8)) return bad(err, name, 0, "bad magic (not a hoso dictionary)");
  if (rd32(p + 8) != 1) return bad(err, name, 8, "unsupported version");
  uint32_t S = rd32(p + 12), count = rd32(p + 16);
  if (S == 0 || (S & (S - 1)) || S > (1u << 26)) return bad(err, name, 12, "slot count not a power of two");
  if (count >= S) return bad(err, name, 16, "no empty slot");
  for (int i = 24; i < 32; i++)
    if (p[i]) return bad(err, name, (size_t)i, "reserved bytes not zero");
  if (n != DICT_HDR + 8ull * S)
    return bad(err, name, n < DICT_HDR + 8ull * S ? n : DICT_HDR + 8ull * S,
               n < DICT_HDR + 8ull * S ? "file is truncated" : "trailing bytes");
  if (checksum(p, n) != rd32(p + 20)) return bad(err, name, 20, "checksum mismatch (file damaged)");
  d->slot = (const uint64_t *)(const void *)(p + DICT_HDR);
  uint32_t used = 0;
  for (uint32_t i = 0; i < S; i++) used += d->slot[i] != 0;
  if (used != count) return bad(err, name, 16, "word count does not match the table");
  memset(d->filter, 0, sizeof(d->filter));
  for (uint32_t i = 0; i < S; i++)
    if (d->slot[i]) d->filter[filter_bit(d->slot[i]) / 64] |= 1ull << (filter_bit(d->slot[i]) % 64);
  d->mask = S - 1;
  d->count = count;
  return HOSO_OK;
}

int vi__dict_load(const void *data, size_t n, const char *name, vi_dict **out,
                  hoso_error *err) {
  *out = NULL;
  vi_dict *d = calloc(1, sizeof(*d));
  if (!d) return hoso__err(err, HOSO_ENOMEM, "out of memory");
  d->buf_n = n ? n : 1;
  d->buf = hoso__big_calloc(d->buf_n);
  if (!d->buf) {
    free(d);
    return hoso__err(err, HOSO_ENOMEM, "out of memory");
  }
  if (n) memcpy(d->buf, data, n);
  int rc = parse(d, n, name ? name : "(memory)", err);
  if (rc) {
    vi__dict_close(d);
    return rc;
  }
  *out = d;
  return HOSO_OK;
}

int vi__dict_open(const char *path, vi_dict **out, hoso_error *err) {
  *out = NULL;
  char *data;
  size_t n;
  if (hoso__read_file(path, (size_t)1 << 29, &data, &n, err)) {
    if (err) err->code = HOSO_EMODEL;
    hoso__err_file(err, path);
    return HOSO_EMODEL;
  }
  vi_dict *d = calloc(1, sizeof(*d));
  if (d) d->buf_n = n ? n : 1;
  if (!d || !(d->buf = hoso__big_calloc(d->buf_n))) {
    free(d);
    hoso_free(data);
    return hoso__err(err, HOSO_ENOMEM, "out of memory");
  }
  memcpy(d->buf, data, n);
  hoso_free(data);
  int rc = parse(d, n, path, err);
  if (rc) {
    vi__dict_close(d);
    return rc;
  }
  *out = d;
  return HOSO_OK;
}

void vi__dict_close(vi_dict *d) {
  if (!d) return;
  hoso__big_free(d->buf, d->buf_n);
  free(d);
}

int vi__dict_has(const vi_dict *d, uint64_t h) {
  if (!d) return 0;
  if (!h) h = 1;
  uint32_t fb = filter_bit(h);
  if (!(d->filter[fb / 64] >> (fb % 64) & 1u)) return 0;
  uint32_t s = (uint32_t)h & d->mask;
  for (;;) {
    uint64_t v = d->slot[s];
    if (v == h) return 1;
    if (!v) return 0;
    s = (s + 1) & d->mask;
  }
}

void vi__dict_has_many(const vi_dict *d, const uint64_t *h, size_t n, uint8_t *out) {
  for (size_t k = 0; k < n; k++) {
    out[k] = 0;
    if (!d || !h[k]) continue;
    uint32_t fb = filter_bit(h[k]);
    if (!(d->filter[fb / 64] >> (fb % 64) & 1u)) continue;
    out[k] = 1; /* a candidate: probe below */
#if defined(__GNUC__)
    __builtin_prefetch(&d->slot[(uint32_t)h[k] & d->mask]);
#endif
  }
  for (size_t k = 0; k < n; k++) {
    if (!out[k]) continue;
    uint32_t s = (uint32_t)h[k] & d->mask;
    for (;;) {
      uint64_t v = d->slot[s];
      if (v == h[k]) break;
      if (!v) {
        out[k] = 0;
        break;
      }
      s = (s + 1) & d->mask;
    }
  }
}

void vi__dict_prefetch(const vi_dict *d, uint64_t h) {
#if defined(__GNUC__)
  if (!h) h = 1;
  uint32_t fb = filter_bit(h);
  if (d->filter[fb / 64] >> (fb % 64) & 1u) __builtin_prefetch(&d->slot[(uint32_t)h & d->mask]);
#else
  (void)d, (void)h;
#endif
}

size_t vi__dict_size(const vi_dict *d) { return d ? d->count : 0; }
