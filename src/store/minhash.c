/* minhash.c -- MinHash signatures and LSH bands (see minhash.h). */
#include <stdio.h>
#include <string.h>

#include "base/base.h"
#include "store/minhash.h"

uint64_t hoso__hash64(const void *p, size_t n, uint64_t seed) {
  const unsigned char *s = p;
  uint64_t h = 0xcbf29ce484222325ULL ^ seed;
  for (size_t i = 0; i < n; i++) {
    h ^= s[i];
    h *= 0x100000001b3ULL;
  }
  return hoso__fmix64(h);
}

void hoso__hash64_pair(const void *p, size_t n, uint64_t seed1, uint64_t seed2,
                       uint64_t *h1, uint64_t *h2) {
  /* two independent multiply chains in one loop: twice the work per
  ** byte of one chain at about the same speed */
  const unsigned char *s = p;
  uint64_t a = 0xcbf29ce484222325ULL ^ seed1, b = 0xcbf29ce484222325ULL ^ seed2;
  for (size_t i = 0; i < n; i++) {
    a = (a ^ s[i]) * 0x100000001b3ULL;
    b = (b ^ s[i]) * 0x100000001b3ULL;
  }
  *h1 = hoso__fmix64(a);
  *h2 = hoso__fmix64(b);
}

void hoso__minhash_init(hoso_minhash *m) {
  memset(m, 0, sizeof(*m));
  for (int i = 0; i < HOSO_MINHASH_N; i++) m->sig[i] = UINT32_MAX;
}

_Static_assert(HOSO_MINHASH_N == 64, "a shingle's bin is its hash's top 6 bits");

static void add_shingle(hoso_minhash *m, uint64_t sh) {
  /* one permutation (minhash.h): the bin from the top bits, the value
  ** from the low ones */
  unsigned bin = (unsigned)(sh >> 58);
  uint32_t v = (uint32_t)sh;
  if (v < m->sig[bin]) m->sig[bin] = v;
}

void hoso__minhash_word(hoso_minhash *m, const char *w, size_t n) {
  hoso__minhash_word_hash(m, hoso__hash64(w, n, 0));
}

void hoso__minhash_word_hash(hoso_minhash *m, uint64_t h) {
  if (m->words >= 2)
    add_shingle(m, hoso__fmix64(m->prev[0] * 31 + m->prev[1] * 7 + h));
  m->prev[0] = m->prev[1];
  m->prev[1] = h;
  m->words++;
}

void hoso__minhash_done(hoso_minhash *m) {
  if (m->words > 0 && m->words < 3)
    add_shingle(m, hoso__fmix64(m->prev[0] * 31 + m->prev[1] * 7));
  int any = 0;
  for (int i = 0; i < HOSO_MINHASH_N; i++) any |= m->sig[i] != UINT32_MAX;
  if (!any) return; /* no shingle: every bin empty */
  /* rotation densification: an empty bin takes a hash of the next filled
  ** bin's value (to the right, wrapping) and of how far that bin is */
  uint32_t filled[HOSO_MINHASH_N];
  memcpy(filled, m->sig, sizeof(filled));
  for (int i = 0; i < HOSO_MINHASH_N; i++) {
    if (filled[i] != UINT32_MAX) continue;
    unsigned d = 1;
    while (filled[(i + d) % HOSO_MINHASH_N] == UINT32_MAX) d++;
    uint64_t from = filled[(i + d) % HOSO_MINHASH_N];
    m->sig[i] = (uint32_t)(hoso__fmix64(from << 8 ^ d) >> 32);
  }
}

double hoso__minhash_sim(const uint32_t *a, const uint32_t *b) {
  int eq = 0;
  for (int i = 0; i < HOSO_MINHASH_N; i++) eq += a[i] == b[i];
  return (double)eq / HOSO_MINHASH_N;
}

void hoso__minhash_bands(const uint32_t *sig, int64_t *bands) {
  for (int b = 0; b < HOSO_LSH_BANDS; b++) {
    uint64_t h = hoso__hash64(sig + b * HOSO_LSH_ROWS,
                              HOSO_LSH_ROWS * sizeof(uint32_t), (uint64_t)b);
    bands[b] = (int64_t)(h >> 1);
  }
}

static uint64_t rotl64(uint64_t x, int r) { return (x << r) | (x >> (64 - r)); }

void hoso__keys_init(hoso_keys_acc *a) {
  a->h1 = 0x243f6a8885a308d3ULL;
  a->h2 = 0x13198a2e03707344ULL;
  a->n = 0;
  hoso__minhash_init(&a->mh);
}

int hoso__keys_syl(void *ctx, uint64_t fold_hash, uint64_t exact_hash) {
  hoso_keys_acc *a = ctx;
  /* two independent order-dependent mixes of the exact forms' hashes */
  a->h1 = rotl64(a->h1 ^ exact_hash, 27) * 0x9e3779b97f4a7c15ULL + 0x52dce729ULL;
  a->h2 = rotl64(a->h2 + exact_hash * 0x87c37b91114253d5ULL, 31) * 0x4cf5ad432745937fULL;
  a->n++;
  /* the syllable table's FNV-1a of the fold form, finalised */
  hoso__minhash_word_hash(&a->mh, hoso__fmix64(fold_hash));
  return 0;
}

void hoso__keys_done(hoso_keys_acc *a, char hash[33], uint32_t sig[HOSO_MINHASH_N],
                     size_t *n_syl) {
  hoso__minhash_done(&a->mh);
  snprintf(hash, 33, "%016llx%016llx", (unsigned long long)hoso__fmix64(a->h1 ^ a->n),
           (unsigned long long)hoso__fmix64(a->h2 + a->n));
  memcpy(sig, a->mh.sig, sizeof(a->mh.sig));
  if (n_syl) *n_syl = (size_t)a->n;
}

static int keys_syl(void *ctx, uint64_t fold_hash, uint64_t exact_hash, size_t start,
                    size_t end) {
  (void)start;
  (void)end;
  return hoso__keys_syl(ctx, fold_hash, exact_hash);
}

int hoso__text_keys(hoso_words *w, const char *text, size_t n, char hash[33],
                    uint32_t sig[HOSO_MINHASH_N], size_t *n_syl) {
  hoso_keys_acc a;
  hoso__keys_init(&a);
  int rc = hoso__words_syllable_forms(w, text, n, keys_syl, &a);
  if (rc) return rc;
  hoso__keys_done(&a, hash, sig, n_syl);
  return HOSO_OK;
}
