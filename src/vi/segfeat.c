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

static inline uint64_t key_at(const vi_tok *t, size_t n, ptrdiff_t j) {
  if (j < 0) return VI_SEG_BOS;
  if ((size_t)j >= n) return VI_SEG_EOS;
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

uint64_t vi__seg_fh_uni(unsigned off, uint64_t k) { return F2(F_U, off, k); }
uint64_t vi__seg_fh_bi(unsigned off, uint64_t a, uint64_t b) { return F3(F_B, off, a, b); }
uint64_t vi__seg_fh_tri(unsigned off, uint64_t a, uint64_t b, uint64_t c) {
  return F3(F_T + 100 * (uint64_t)off, a, b, c);
}
uint64_t vi__seg_fh_small(int kind, unsigned a, unsigned b) {
  switch (kind) {
    case VI_SF_BIAS: return F1(F_BIAS, 0);
    case VI_SF_SH1: return F1(F_SH1, a);
    case VI_SF_SH2: return F1(F_SH2, a);
    case VI_SF_SH3: return F1(F_SH3, a);
    case VI_SF_DSPAN: return F2(F_DSPAN, a, b);
    case VI_SF_DMASK: return F1(F_DMASK, a);
    case VI_SF_DEND: return F2(F_DEND, a, b);
    default: return F2(F_DSTART, a, b);
  }
}

void vi__seg_dict_masks(const vi_tok *t, size_t n, const vi_dict *d, uint8_t *mask) {
  /* batches of spans: hash them all, then look them up together (the
  ** dictionary filters and prefetches before probing) */
  enum { BATCH = 64 };
  uint64_t h[BATCH * 3];
  uint8_t hit[BATCH * 3];
  for (size_t j0 = 0; j0 < n; j0 += BATCH) {
    size_t j1 = j0 + BATCH < n ? j0 + BATCH : n;
    for (size_t j = j0; j < j1; j++) {
      uint64_t *hj = &h[(j - j0) * 3];
      hj[0] = hj[1] = hj[2] = 0;
      if (!d || t[j].type == VI_PUNCT) continue;
      /* vi__word_hash is a left fold: extend the prefix's state */
      uint64_t st = vi__word_hash_step(VI_WORD_HASH_SEED, t[j].key);
      for (size_t len = 2; len <= 4 && j + len <= n; len++) {
        if (t[j + len - 1].type == VI_PUNCT) break;
        st = vi__word_hash_step(st, t[j + len - 1].key);
        hj[len - 2] = st ? st : 1;
      }
    }
    vi__dict_has_many(d, h, (j1 - j0) * 3, hit);
    for (size_t j = j0; j < j1; j++) {
      const uint8_t *x = &hit[(j - j0) * 3];
      mask[j] = (uint8_t)(x[0] << 2 | x[1] << 3 | x[2] << 4);
    }
  }
}

void vi__seg_dict_bit(unsigned bit, unsigned *len, unsigned *back) {
  static const unsigned char L[6] = {2, 3, 3, 4, 4, 4}, B[6] = {1, 1, 2, 1, 2, 3};
  *len = L[bit];
  *back = B[bit];
}

void vi__seg_features(const vi_tok *t, size_t n, size_t i, const uint8_t *dmask,
                      hoso_tag_seqbuf *b) {
  ptrdiff_t p = (ptrdiff_t)i;
  uint64_t km2 = key_at(t, n, p - 2), km1 = key_at(t, n, p - 1), k0 = key_at(t, n, p),
           kp1 = key_at(t, n, p + 1), kp2 = key_at(t, n, p + 2);
  hoso__tag_seqbuf_next(b);
  hoso__tag_seqbuf_add(b, vi__seg_fh_small(VI_SF_BIAS, 0, 0));
  hoso__tag_seqbuf_add(b, vi__seg_fh_uni(0, km2));
  hoso__tag_seqbuf_add(b, vi__seg_fh_uni(1, km1));
  hoso__tag_seqbuf_add(b, vi__seg_fh_uni(2, k0));
  hoso__tag_seqbuf_add(b, vi__seg_fh_uni(3, kp1));
  hoso__tag_seqbuf_add(b, vi__seg_fh_uni(4, kp2));
  hoso__tag_seqbuf_add(b, vi__seg_fh_bi(0, km2, km1));
  hoso__tag_seqbuf_add(b, vi__seg_fh_bi(1, km1, k0));
  hoso__tag_seqbuf_add(b, vi__seg_fh_bi(2, k0, kp1));
  hoso__tag_seqbuf_add(b, vi__seg_fh_bi(3, kp1, kp2));
  hoso__tag_seqbuf_add(b, vi__seg_fh_tri(0, km2, km1, k0));
  hoso__tag_seqbuf_add(b, vi__seg_fh_tri(1, km1, k0, kp1));
  hoso__tag_seqbuf_add(b, vi__seg_fh_tri(2, k0, kp1, kp2));
  unsigned sh = vi__seg_shape_index(t, n, i);
  hoso__tag_seqbuf_add(b, vi__seg_fh_small(VI_SF_SH1, sh >> 4 & 15, 0));
  hoso__tag_seqbuf_add(b, vi__seg_fh_small(VI_SF_SH2, sh >> 4, 0));
  hoso__tag_seqbuf_add(b, vi__seg_fh_small(VI_SF_SH3, sh, 0));
  if (!dmask) return;
  unsigned mask, endlen, startlen;
  vi__seg_dict_parts(dmask, n, i, &mask, &endlen, &startlen);
  for (unsigned bit = 0; bit < 6; bit++)
    if (mask >> bit & 1u) {
      unsigned len, back;
      vi__seg_dict_bit(bit, &len, &back);
      hoso__tag_seqbuf_add(b, vi__seg_fh_small(VI_SF_DSPAN, len, back));
    }
  hoso__tag_seqbuf_add(b, vi__seg_fh_small(VI_SF_DMASK, mask, 0));
  hoso__tag_seqbuf_add(b, vi__seg_fh_small(VI_SF_DEND, endlen, startlen));
  hoso__tag_seqbuf_add(b, vi__seg_fh_small(VI_SF_DSTART, startlen, mask != 0));
}
