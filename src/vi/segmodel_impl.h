/*
** segmodel_impl.h -- what segmodel.c (loader), segbuild.c (writer) and
** segdecode.c (decoder) share: the loaded model and the slot layouts of
** the file format documented in segmodel.c. Not for other files.
*/
#ifndef HOSO_VI_SEGMODEL_IMPL_H
#define HOSO_VI_SEGMODEL_IMPL_H

#include "vi/vi.h"

#define VI_SM_MAGIC "HOSOVSG1"
#define VI_SM_HDR 128
#define VI_SM_MAXSUM (1 << 20)

typedef struct vi_sm_syl {
  uint64_t key;
  uint32_t id, zero;
} vi_sm_syl;

typedef struct vi_sm_bi {
  uint64_t key;
  int16_t w[8];
} vi_sm_bi;

typedef struct vi_sm_tri {
  uint64_t key;
  int16_t w[6];
  uint32_t zero;
} vi_sm_tri;

struct vi_segmodel {
  void *buf; /* the whole file, owned: buf_n bytes from hoso__big_calloc
             ** (the unigram rows in it are read at random) */
  size_t size, buf_n;
  const int32_t *shape, *dict; /* into buf */
  const int16_t *urow;           /* into buf */
  const vi_sm_syl *syl;          /* the tables built at load (owned) */
  const vi_sm_bi *bi;
  const vi_sm_tri *tri;
  vi_sm_syl *syl_own;
  vi_sm_bi *bi_own;
  vi_sm_tri *tri_own;
  uint64_t *bi_filter, *tri_filter; /* vi__sm_maybe; owned */
  uint32_t bi_fmask, tri_fmask;      /* words - 1 */
  const char *info;
  float scale, trans[6];
  uint32_t nsyl, syl_mask, bi_mask, tri_mask, bos, eos;
  int label_b;
};

static inline uint32_t vi__sm_slot(uint64_t key, uint32_t mask) {
  uint64_t h = key * 0x9e3779b97f4a7c15ULL;
  return (uint32_t)(h ^ (h >> 32)) & mask;
}

static inline uint64_t vi__sm_bikey(uint32_t a, uint32_t b) { return (uint64_t)a << 32 | b; }
static inline uint64_t vi__sm_trikey(uint32_t a, uint32_t b, uint32_t c) {
  return (uint64_t)a << 42 | (uint64_t)b << 21 | c;
}

/* The pair and triple tables' membership filters: one 64-bit word per key
** with two of its bits set (a blocked Bloom filter of >= 8 bits a key;
** shipped model: 64 KB each, 3.8% / 5.1% false positives on pairs / triples
** of unknown ids). Most pairs and triples of running text are not in the
** model (20 MB of VNTC news: 47% of pairs, 91% of triples), and the
** tables (3 MB each) answer that from memory, probing until an empty slot;
** the filters stay in the CPU's cache. A key the filter rejects has no row
** (no false negatives: test_vi seg_filters_keep_every_key), so the
** emissions are the same. Smaller than 16 bits a key (128 KB each): as fast
** or faster in alternating runs. */
static inline uint64_t vi__sm_fhash(uint64_t key) {
  uint64_t h = key * 0xff51afd7ed558ccdULL;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ULL;
  return h ^ (h >> 29);
}
static inline uint32_t vi__sm_fword(uint64_t h, uint32_t fmask) { return (uint32_t)(h >> 32) & fmask; }
static inline uint64_t vi__sm_fbits(uint64_t h) { return 1ULL << (h & 63) | 1ULL << (h >> 6 & 63); }
static inline int vi__sm_maybe(const uint64_t *filter, uint32_t fmask, uint64_t key) {
  uint64_t h = vi__sm_fhash(key), b = vi__sm_fbits(h);
  return (filter[vi__sm_fword(h, fmask)] & b) == b;
}

/* FNV-1a 32 of the n-byte file p (n >= 128), skipping the checksum field. */
uint32_t vi__segmodel_checksum(const unsigned char *p, size_t n);

#endif
