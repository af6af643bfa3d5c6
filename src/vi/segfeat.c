/*
** segfeat.c -- features of the word segmenter. The segmenter labels each
** syllable token B (starts a word) or I (continues the previous one);
** the features of token i describe the gap between tokens i-1 and i:
**
**   unigrams   k[i-2] k[i-1] k[i] k[i+1] k[i+2]   (canonical keys)
**   bigrams    k[i-2..i-1] k[i-1..i] k[i..i+1] k[i+1..i+2]
**   trigrams   k[i-2..i] k[i-1..i+1] k[i..i+2]
**   shapes     shape[i-1..i], shape[i-1..i+1], shape[i]
**   dictionary every dictionary word of 2..4 syllables that contains
**              tokens i-1 and i (one feature per (length, start) and one
**              for the set), the longest word ending at i-1 and the
**              longest word starting at i
**   bias
** Changing anything here changes VI_SEG_INFO's version so old models are
** refused (the model stores the info string it was trained with).
*/
#include "vi/vi.h"

enum {
  F_BIAS = 1, F_U, F_B, F_T, F_SH2, F_SH3, F_SH1, F_DSPAN, F_DMASK, F_DEND,
  F_DSTART
};

#define BOS 0x5bd1e9955bd1e995ULL
#define EOS 0xc2b2ae3d27d4eb4fULL

static inline uint64_t key_at(const vi_tok *t, size_t n, ptrdiff_t j) {
  if (j < 0) return BOS;
  if ((size_t)j >= n) return EOS;
  return t[j].key;
}

/* Feature hash of a template and up to three keys. Cheaper than chained
** hoso__tag_hash_mix (the multiplies are independent), and mixed at the
** end so both the low bits (table slot) and the high 32 bits (check) of
** the result depend on every input. */
static inline uint64_t rotl(uint64_t x, int r) { return x << r | x >> (64 - r); }
static inline uint64_t FH(uint64_t tmpl, uint64_t a, uint64_t b, uint64_t c) {
  uint64_t x = (a * 0x9e3779b97f4a7c15ULL) ^ (rotl(b, 21) * 0xc2b2ae3d27d4eb4fULL) ^
               (rotl(c, 43) * 0x165667b19e3779f9ULL) ^ (tmpl * 0xd6e8feb86659fd93ULL);
  x ^= x >> 32;
  x *= 0xff51afd7ed558ccdULL;
  x ^= x >> 29;
  return x;
}
#define F1(t, a) FH((t), (a), 0, 0)
#define F2(t, a, b) FH((t), (a), (b), 0)
#define F3(t, a, b, c) FH((t), (a), (b), (c))

void vi__seg_dict_masks(const vi_tok *t, size_t n, const vi_dict *d, uint8_t *mask) {
  /* batches of spans: hash them all and ask for their table lines first,
  ** then test, so the lookups overlap instead of waiting one by one */
  enum { BATCH = 64 };
  uint64_t h[BATCH * 3];
  for (size_t j0 = 0; j0 < n; j0 += BATCH) {
    size_t j1 = j0 + BATCH < n ? j0 + BATCH : n;
    for (size_t j = j0; j < j1; j++) {
      uint64_t *hj = &h[(j - j0) * 3];
      hj[0] = hj[1] = hj[2] = 0;
      mask[j] = 0;
      if (!d || t[j].type == VI_PUNCT) continue;
      uint64_t k[4] = {t[j].key, 0, 0, 0};
      for (size_t len = 2; len <= 4 && j + len <= n; len++) {
        if (t[j + len - 1].type == VI_PUNCT) break;
        k[len - 1] = t[j + len - 1].key;
        hj[len - 2] = vi__word_hash(k, len);
        vi__dict_prefetch(d, hj[len - 2]);
      }
    }
    for (size_t j = j0; j < j1; j++)
      for (size_t len = 2; len <= 4; len++) {
        uint64_t x = h[(j - j0) * 3 + len - 2];
        if (x && vi__dict_has(d, x)) mask[j] |= (uint8_t)(1u << len);
      }
  }
}

/* Is t[a..a+len) a dictionary word? */
static inline int in_dict(const uint8_t *mask, size_t n, ptrdiff_t a, size_t len) {
  return a >= 0 && (size_t)a + len <= n && (mask[a] >> len & 1u);
}

int vi__seg_forced_begin(const vi_tok *t, size_t n, size_t i) {
  (void)n;
  return i == 0 || t[i].type == VI_PUNCT || t[i - 1].type == VI_PUNCT ||
         t[i].shape == VI_SH_FOREIGN || t[i - 1].shape == VI_SH_FOREIGN;
}

void vi__seg_features(const vi_tok *t, size_t n, size_t i, const uint8_t *dmask,
                      hoso_tag_seqbuf *b) {
  ptrdiff_t p = (ptrdiff_t)i;
  uint64_t km2 = key_at(t, n, p - 2), km1 = key_at(t, n, p - 1), k0 = key_at(t, n, p),
           kp1 = key_at(t, n, p + 1), kp2 = key_at(t, n, p + 2);
  hoso__tag_seqbuf_next(b);
  hoso__tag_seqbuf_add(b, F1(F_BIAS, 0));
  hoso__tag_seqbuf_add(b, F2(F_U, 0, km2));
  hoso__tag_seqbuf_add(b, F2(F_U, 1, km1));
  hoso__tag_seqbuf_add(b, F2(F_U, 2, k0));
  hoso__tag_seqbuf_add(b, F2(F_U, 3, kp1));
  hoso__tag_seqbuf_add(b, F2(F_U, 4, kp2));
  hoso__tag_seqbuf_add(b, F3(F_B, 0, km2, km1));
  hoso__tag_seqbuf_add(b, F3(F_B, 1, km1, k0));
  hoso__tag_seqbuf_add(b, F3(F_B, 2, k0, kp1));
  hoso__tag_seqbuf_add(b, F3(F_B, 3, kp1, kp2));
  hoso__tag_seqbuf_add(b, F3(F_T, km2, km1, k0));
  hoso__tag_seqbuf_add(b, F3(F_T + 100, km1, k0, kp1));
  hoso__tag_seqbuf_add(b, F3(F_T + 200, k0, kp1, kp2));
  unsigned shm1 = i ? t[i - 1].shape : 15, sh0 = t[i].shape,
           shp1 = i + 1 < n ? t[i + 1].shape : 15;
  hoso__tag_seqbuf_add(b, F1(F_SH1, sh0));
  hoso__tag_seqbuf_add(b, F1(F_SH2, shm1 << 4 | sh0));
  hoso__tag_seqbuf_add(b, F1(F_SH3, shm1 << 8 | sh0 << 4 | shp1));
  if (!dmask) return;
  /* dictionary words containing both i-1 and i */
  unsigned mask = 0, bit = 0;
  for (size_t len = 2; len <= 4; len++) {
    for (size_t back = 1; back < len; back++, bit++) {
      if (in_dict(dmask, n, p - (ptrdiff_t)back, len)) {
        mask |= 1u << bit;
        hoso__tag_seqbuf_add(b, F2(F_DSPAN, len, back));
      }
    }
  }
  hoso__tag_seqbuf_add(b, F1(F_DMASK, mask));
  size_t endlen = 0, startlen = 0;
  for (size_t len = 2; len <= 4; len++) {
    if (in_dict(dmask, n, p - (ptrdiff_t)len, len)) endlen = len;
    if (in_dict(dmask, n, p, len)) startlen = len;
  }
  hoso__tag_seqbuf_add(b, F2(F_DEND, endlen, startlen));
  hoso__tag_seqbuf_add(b, F2(F_DSTART, startlen, mask != 0));
}
