/*
** posfeat.c -- features of the POS tagger, for word i of a segmented
** sentence: the word (its canonical syllable keys hashed together) and its
** neighbours at -2..+2, the bigrams w-1 w0 and w0 w+1, the trigrams
** w-2 w-1 w0 and w0 w+1 w+2, the first and the
** last syllable, the syllable count, the shape and type of the first
** syllable and its neighbours', whether the word is in the dictionary, and
** a bias. Changing anything here changes VI_POS_INFO's version.
*/
#include "vi/vi.h"

enum { P_BIAS = 1, P_W, P_WW, P_FIRST, P_LAST, P_NSYL, P_SHAPE, P_SHAPE3, P_DICT,
       P_TYPE, P_WSH };

#define BOS 0x5bd1e9955bd1e995ULL
#define EOS 0xc2b2ae3d27d4eb4fULL

static uint64_t word_key(const vi_tok *t, const vi_word *w) {
  uint64_t k[VI_DICT_MAXLEN];
  size_t n = w->nsyl < VI_DICT_MAXLEN ? w->nsyl : VI_DICT_MAXLEN;
  for (size_t j = 0; j < n; j++) k[j] = t[w->first + j].key;
  uint64_t h = vi__word_hash(k, n);
  /* longer words: fold the rest in */
  for (size_t j = n; j < w->nsyl; j++) h = hoso__tag_hash_mix(h, t[w->first + j].key);
  return h;
}

static uint64_t M2(uint64_t a, uint64_t b) { return hoso__tag_hash_mix(a, b); }
static uint64_t M3(uint64_t a, uint64_t b, uint64_t c) {
  return hoso__tag_hash_mix(hoso__tag_hash_mix(a, b), c);
}

/* One copy of each feature for all training data: UD VTB train and VLSP
** 2013 with its tags mapped to UD's conventions word by word
** (tools/train_pos.c). Versions up to v3 added every feature a second
** time marked as UD-specific (domain adaptation, Daume 2007); with the
** word-by-word mapping that no longer helped (dev 94.25 single vs 94.32
** doubled, at half the model size). */
#define ADD(h) hoso__tag_seqbuf_add(b, (h))

void vi__pos_features(const vi_tok *t, const vi_word *w, size_t n, size_t i,
                      const vi_dict *d, hoso_tag_seqbuf *b) {
  uint64_t wk[5];
  unsigned sh[5];
  for (int j = -2; j <= 2; j++) {
    ptrdiff_t p = (ptrdiff_t)i + j;
    if (p < 0) wk[j + 2] = BOS, sh[j + 2] = 15;
    else if ((size_t)p >= n) wk[j + 2] = EOS, sh[j + 2] = 14;
    else {
      wk[j + 2] = word_key(t, &w[p]);
      sh[j + 2] = t[w[p].first].shape;
    }
  }
  const vi_word *x = &w[i];
  const vi_tok *first = &t[x->first], *last = &t[x->first + x->nsyl - 1];
  hoso__tag_seqbuf_next(b);
  ADD(M2(P_BIAS, 0));
  for (int j = 0; j < 5; j++) ADD(M3(P_W, (uint64_t)j, wk[j]));
  ADD(M3(P_WW, wk[1], wk[2]));
  ADD(M3(P_WW + 100, wk[2], wk[3]));
  ADD(M2(P_FIRST, first->key));
  ADD(M2(P_LAST, last->key));
  ADD(M2(P_NSYL, x->nsyl > 4 ? 4 : x->nsyl));
  ADD(M2(P_SHAPE, sh[2]));
  ADD(M2(P_SHAPE3, sh[1] << 8 | sh[2] << 4 | sh[3]));
  ADD(M3(P_WSH, wk[1], sh[2]));
  ADD(M3(P_TYPE, first->type, x->nsyl > 1));
  /* the word with its two left and its two right neighbours */
  ADD(M3(P_WW + 200, wk[0], wk[1]) ^ wk[2]);
  ADD(M3(P_WW + 300, wk[3], wk[4]) ^ wk[2]);
  if (x->nsyl >= 2 && x->nsyl <= 4 && d) {
    uint64_t k[4];
    for (size_t j = 0; j < x->nsyl; j++) k[j] = t[x->first + j].key;
    ADD(M2(P_DICT, vi__dict_has(d, vi__word_hash(k, x->nsyl))));
  }
}
