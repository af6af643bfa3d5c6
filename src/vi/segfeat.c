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

static inline uint64_t F1(uint64_t tmpl, uint64_t a) { return hoso__tag_hash_mix(tmpl, a); }
static inline uint64_t F2(uint64_t tmpl, uint64_t a, uint64_t b) {
  return hoso__tag_hash_mix(hoso__tag_hash_mix(tmpl, a), b);
}
static inline uint64_t F3(uint64_t tmpl, uint64_t a, uint64_t b, uint64_t c) {
  return hoso__tag_hash_mix(hoso__tag_hash_mix(hoso__tag_hash_mix(tmpl, a), b), c);
}

/* Is t[a..a+len) a dictionary word (all tokens word-like)? */
static int span_in_dict(const vi_tok *t, size_t n, ptrdiff_t a, size_t len,
                        const vi_dict *d) {
  if (!d || a < 0 || (size_t)a + len > n) return 0;
  uint64_t k[VI_DICT_MAXLEN];
  for (size_t j = 0; j < len; j++) {
    const vi_tok *x = &t[(size_t)a + j];
    if (x->type == VI_PUNCT) return 0;
    k[j] = x->key;
  }
  return vi__dict_has(d, vi__word_hash(k, len));
}

int vi__seg_forced_begin(const vi_tok *t, size_t n, size_t i) {
  (void)n;
  return i == 0 || t[i].type == VI_PUNCT || t[i - 1].type == VI_PUNCT;
}

void vi__seg_features(const vi_tok *t, size_t n, size_t i, const vi_dict *d,
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
  if (!d) return;
  /* dictionary words containing both i-1 and i */
  unsigned mask = 0, bit = 0;
  for (size_t len = 2; len <= 4; len++) {
    for (size_t back = 1; back < len; back++, bit++) {
      ptrdiff_t a = p - (ptrdiff_t)back; /* span [a, a+len) holds i-1 and i */
      if (span_in_dict(t, n, a, len, d)) {
        mask |= 1u << bit;
        hoso__tag_seqbuf_add(b, F2(F_DSPAN, len, back));
      }
    }
  }
  hoso__tag_seqbuf_add(b, F1(F_DMASK, mask));
  size_t endlen = 0, startlen = 0;
  for (size_t len = 2; len <= 4; len++) {
    if (span_in_dict(t, n, p - (ptrdiff_t)len, len, d)) endlen = len;
    if (span_in_dict(t, n, p, len, d)) startlen = len;
  }
  hoso__tag_seqbuf_add(b, F2(F_DEND, endlen, startlen));
  hoso__tag_seqbuf_add(b, F2(F_DSTART, startlen, mask != 0));
}
