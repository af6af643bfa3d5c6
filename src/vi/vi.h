/*
** vi.h -- interface between the files of src/vi (Vietnamese words),
** library-internal. Public calls are in include/hoso.h (section vi).
**
**   syl.c      pre-tokenisation of a text into syllable tokens with types,
**              shapes and canonical keys (tone placement and NFD folded)
**   dict.c     the word dictionary: a hash set of canonical word keys,
**              its file format, lookups by syllable span
**   segfeat.c  segmentation features (training: hashed, for src/tag)
**   segmodel.c the segmentation model the runtime reads: the trained
**              perceptron's weights regrouped per syllable, syllable pair
**              and triple (format at the top of the file)
**   segbuild.c writing that model from a trained src/tag model (tools)
**   segdecode.c emissions and Viterbi over a line with that model
**   posfeat.c  POS features (shared by training and runtime)
**   api.c      hoso_vi_open/close, segment and tag (include/hoso.h)
**
** Ownership: a vi_tokens array and a vi_keycache are owned by their
** caller (one per thread) and reused.
*/
#ifndef HOSO_VI_H
#define HOSO_VI_H

#include <stddef.h>
#include <stdint.h>

#include "base/base.h"
#include "tag/tag.h"

/* ---- syl.c ------------------------------------------------------------ */

enum vi_type {
  VI_WORD = 0,  /* letters only: a syllable or a foreign word */
  VI_NUM = 1,   /* digits, with inner . , / : separators (1.000, 20/5/2021) */
  VI_CODE = 2,  /* letters and digits mixed or with -/+ (COVID-19, ADMM+) */
  VI_PUNCT = 3, /* one punctuation or symbol (runs of the same one merged) */
};

enum vi_shape {
  VI_SH_LOWER = 0, /* quốc */
  VI_SH_TITLE = 1, /* Quốc */
  VI_SH_UPPER = 2, /* QUỐC, ADMM */
  VI_SH_MIXED = 3, /* iPhone */
  VI_SH_NUM = 4,
  VI_SH_CODE = 5,
  VI_SH_PUNCT = 6,
  VI_SH_FOREIGN = 7,     /* a lower-case letter word that is not a Vietnamese
                            syllable (Russian, English words) */
  VI_SH_FOREIGN_CAP = 8, /* the same capitalised: Kartapolov, Fomin, Москва */
};

typedef struct vi_tok {
  size_t off, len; /* bytes of the original text */
  uint64_t key;    /* hash of the text core's matching key (hoso__key_append:
                      NFC, case folded, tone on its canonical vowel) */
  uint32_t id;     /* the segmentation model's syllable id of key, 0 when
                      unknown or tokenized without a model */
  uint8_t type;    /* enum vi_type */
  uint8_t shape;   /* enum vi_shape */
} vi_tok;

typedef struct vi_segmodel vi_segmodel; /* segmodel.c */

/* Per-thread caches of syl.c (mutable: one per thread):
**  - the run memo: the bytes of a letter run (ASCII letters and non-ASCII
**    bytes, at most 16 bytes, followed by white space, the end or one
**    ASCII punctuation mark and white space) -> the one token the text
**    core's tokenizer made of it, with key, shape and model id. Entries
**    hold the bytes themselves and are compared exactly; a run enters
**    only when the tokenizer made exactly one token of it, and such a run
**    is one token wherever it occurs (the tokenizer looks only forward,
**    and the characters it inspects after a word are not white space or
**    a lone punctuation mark: see syl.c).
**  - the key cache for other tokens: token surface -> (key hash, shape,
**    id), so the text core's key (NFC + case fold + tone placement) is
**    computed once per distinct spelling rather than once per token;
**    direct-mapped, identified by a 64-bit hash of (type, bytes).
** Model ids are valid for the model `owner`; another model clears them. */
#define VI_KEYCACHE_BITS 14
#define VI_MEMO_BITS 14
typedef struct vi_memo {
  uint64_t b0, b1; /* the run's bytes, zero padded */
  uint64_t key;
  uint32_t id;
  uint8_t len; /* 0 = empty */
  uint8_t type, shape;
} vi_memo;
typedef struct vi_keycache {
  const vi_segmodel *owner; /* with its checksum: a model loaded later at */
  uint32_t owner_sum;       /* the same address is told apart */
  vi_memo memo[1u << VI_MEMO_BITS];
  uint64_t id[1u << VI_KEYCACHE_BITS]; /* 0 = empty */
  uint64_t key[1u << VI_KEYCACHE_BITS];
  uint32_t sid[1u << VI_KEYCACHE_BITS];
  uint8_t shape[1u << VI_KEYCACHE_BITS];
  hoso_buf buf; /* scratch for the key */
} vi_keycache;

/* Allocate/free a cache (NULL on out of memory). */
vi_keycache *vi__keycache_new(void);
void vi__keycache_free(vi_keycache *c);

/* A growable token array (owned by the caller). */
typedef struct vi_tokens {
  vi_tok *t;
  size_t n, cap;
} vi_tokens;

void vi__tokens_free(vi_tokens *ts);

/* Split s[0..n) into tokens with the text core's tokenizer (hoso__tokenize),
** appending to ts (not cleared); m (may be NULL) gives the tokens' ids.
** Returns HOSO_OK or HOSO_ENOMEM. */
int vi__tokenize(vi_keycache *kc, const vi_segmodel *m, const char *s, size_t n,
                 vi_tokens *ts);

/* ---- dict.c ------------------------------------------------------------ */

#define VI_DICT_MAXLEN 6 /* syllables per dictionary word, at most */

typedef struct vi_dict vi_dict; /* read-only after load; shareable */

/* Hash of a word made of syllable keys k[0..n): a left fold of
** vi__word_hash_step from VI_WORD_HASH_SEED, 0 mapped to 1. */
uint64_t vi__word_hash(const uint64_t *k, size_t n);
#define VI_WORD_HASH_SEED 0x9ae16a3b2f90404fULL
static inline uint64_t vi__word_hash_step(uint64_t h, uint64_t k) {
  return hoso__tag_hash_mix(h, k);
}

/* Building (training tools): add word hashes, then save. */
typedef struct vi_dict_builder vi_dict_builder;
vi_dict_builder *vi__dict_builder_new(void);
void vi__dict_builder_free(vi_dict_builder *b);
int vi__dict_builder_add(vi_dict_builder *b, uint64_t wordhash);
size_t vi__dict_builder_count(const vi_dict_builder *b);
int vi__dict_builder_save(vi_dict_builder *b, const char *path, hoso_error *err);
/* An in-memory dict from the builder (for baselines). */
int vi__dict_builder_dict(vi_dict_builder *b, vi_dict **out, hoso_error *err);

int vi__dict_open(const char *path, vi_dict **out, hoso_error *err);
int vi__dict_load(const void *data, size_t n, const char *name, vi_dict **out,
                  hoso_error *err);
void vi__dict_close(vi_dict *d);
int vi__dict_has(const vi_dict *d, uint64_t wordhash);
/* Hint that vi__dict_has(d, wordhash) follows soon (a cache prefetch). */
void vi__dict_prefetch(const vi_dict *d, uint64_t wordhash);
/* out[k] = vi__dict_has(d, h[k]) for k < n, 0 where h[k] == 0 or d is
** NULL; the lookups overlap (filter and prefetch first, then probe). */
void vi__dict_has_many(const vi_dict *d, const uint64_t *h, size_t n, uint8_t *out);
size_t vi__dict_size(const vi_dict *d);

/* ---- segfeat.c ------------------------------------------------------------ */

#define VI_SEG_INFO "hoso vi-seg features v3"

/* The keys of the positions before the first and after the last token. */
#define VI_SEG_BOS 0x5bd1e9955bd1e995ULL
#define VI_SEG_EOS 0xc2b2ae3d27d4eb4fULL

/* The feature hashes vi__seg_features uses, for the model converter
** (segbuild.c): unigram at offset off (0..4 = tokens i-2..i+2), bigram at
** off (0..3 = pairs starting at i-2..i+1), trigram at off (0..2 = triples
** starting at i-2..i), and the small templates below. */
uint64_t vi__seg_fh_uni(unsigned off, uint64_t k);
uint64_t vi__seg_fh_bi(unsigned off, uint64_t a, uint64_t b);
uint64_t vi__seg_fh_tri(unsigned off, uint64_t a, uint64_t b, uint64_t c);
enum {
  VI_SF_BIAS,  /* () */
  VI_SF_SH1,   /* (shape[i]) */
  VI_SF_SH2,   /* (shape[i-1] << 4 | shape[i]) */
  VI_SF_SH3,   /* (shape[i-1] << 8 | shape[i] << 4 | shape[i+1]) */
  VI_SF_DSPAN, /* (len, back) */
  VI_SF_DMASK, /* (mask) */
  VI_SF_DEND,  /* (endlen, startlen) */
  VI_SF_DSTART /* (startlen, mask != 0) */
};
uint64_t vi__seg_fh_small(int kind, unsigned a, unsigned b);
/* Shape index of position i (shape 15 outside the line) and dictionary
** index of position i: (mask * 5 + endlen) * 5 + startlen, see
** segfeat.c. Used by both the training features and the runtime. */
#define VI_SEG_NSHAPE 4096
#define VI_SEG_NDICT 1600
static inline unsigned vi__seg_shape_index(const vi_tok *t, size_t n, size_t i) {
  unsigned shm1 = i ? t[i - 1].shape : 15, sh0 = t[i].shape,
           shp1 = i + 1 < n ? t[i + 1].shape : 15;
  return (shm1 << 8 | sh0 << 4 | shp1) & (VI_SEG_NSHAPE - 1);
}
/* mask: bit (len, back) set when tokens i-back .. i-back+len-1 form a
** dictionary word (so the word contains both i-1 and i), bits in the
** order (2,1) (3,1) (3,2) (4,1) (4,2) (4,3); endlen: the longest word
** ending at i-1; startlen: the longest starting at i. dmask from
** vi__seg_dict_masks only has bits for spans inside the line, so only the
** lower edge needs a check. */
static inline void vi__seg_dict_parts(const uint8_t *dmask, size_t n, size_t i,
                                      unsigned *mask, unsigned *endlen, unsigned *startlen) {
  (void)n;
  unsigned d0 = dmask[i], d1 = i >= 1 ? dmask[i - 1] : 0, d2 = i >= 2 ? dmask[i - 2] : 0,
           d3 = i >= 3 ? dmask[i - 3] : 0, d4 = i >= 4 ? dmask[i - 4] : 0;
  *mask = (d1 >> 2 & 1u) | (d1 >> 3 & 1u) << 1 | (d2 >> 3 & 1u) << 2 | (d1 >> 4 & 1u) << 3 |
          (d2 >> 4 & 1u) << 4 | (d3 >> 4 & 1u) << 5;
  *endlen = d4 >> 4 & 1u ? 4 : d3 >> 3 & 1u ? 3 : d2 >> 2 & 1u ? 2 : 0;
  *startlen = d0 >> 4 & 1u ? 4 : d0 >> 3 & 1u ? 3 : d0 >> 2 & 1u ? 2 : 0;
}
static inline unsigned vi__seg_dict_index(const uint8_t *dmask, size_t n, size_t i) {
  unsigned mask, e, st;
  vi__seg_dict_parts(dmask, n, i, &mask, &e, &st);
  return (mask * 5 + e) * 5 + st;
}
/* Bit b of a dictionary mask: the (len, back) pair of VI_SF_DSPAN. */
void vi__seg_dict_bit(unsigned bit, unsigned *len, unsigned *back);

/* Dictionary words starting at each token: bit L of mask[j] is set when
** tokens j..j+L-1 (L = 2..4) form a dictionary word. mask has n entries. */
void vi__seg_dict_masks(const vi_tok *t, size_t n, const vi_dict *d, uint8_t *mask);
/* Append the features of token i of t[0..n) to b (calls _next first);
** dmask from vi__seg_dict_masks (NULL: no dictionary features). */
void vi__seg_features(const vi_tok *t, size_t n, size_t i, const uint8_t *dmask,
                      hoso_tag_seqbuf *b);
/* 1 when token i must start a word whatever the model says: the first
** token, punctuation and what follows it, and lower-case foreign words
** (Russian or English text is not joined into "words"; capitalised
** foreign names such as "Andrey Kartapolov" still are). */
static inline int vi__seg_forced_begin(const vi_tok *t, size_t n, size_t i) {
  (void)n;
  return i == 0 || t[i].type == VI_PUNCT || t[i - 1].type == VI_PUNCT ||
         t[i].shape == VI_SH_FOREIGN || t[i - 1].shape == VI_SH_FOREIGN;
}

/* ---- segmodel.c, segbuild.c, segdecode.c ------------------------------ */

/* Load a segmentation model file (one read, validated; errors name the
** file and byte offset). The result is read-only, shareable by threads. */
int vi__segmodel_open(const char *path, vi_segmodel **out, hoso_error *err);
int vi__segmodel_load(const void *data, size_t n, const char *name, vi_segmodel **out,
                      hoso_error *err);
void vi__segmodel_close(vi_segmodel *m);
/* Syllable id of a key, 0 when the model has none. */
uint32_t vi__segmodel_syl(const vi_segmodel *m, uint64_t key);
/* The file's checksum (identifies the model's content). */
uint32_t vi__segmodel_sum(const vi_segmodel *m);
/* Label id of "B" (0 or 1). */
int vi__segmodel_label_b(const vi_segmodel *m);
/* The info string the model was built with. */
const char *vi__segmodel_info(const vi_segmodel *m);

/* Building (tools/train_seg): from a trained src/tag model with the
** features of segfeat.c, and every training sentence's tokens (so that
** every syllable, pair and triple the model has weights for is known). */
typedef struct vi_segbuild vi_segbuild;
vi_segbuild *vi__segbuild_new(const hoso_tag_model *m);
void vi__segbuild_free(vi_segbuild *b);
int vi__segbuild_add(vi_segbuild *b, const vi_tok *t, size_t n);
int vi__segbuild_save(vi_segbuild *b, const char *path, const char *info, hoso_error *err);

/* Per-thread scratch for decoding (grows with the longest line). */
typedef struct vi_segwork {
  uint32_t *id;           /* n + 4 padded ids */
  const int16_t **bi, **tri;
  uint64_t *bh, *th;      /* filter hashes of the pairs and triples */
  float *em;              /* 2 * n emission scores */
  size_t cap;
} vi_segwork;
void vi__segwork_free(vi_segwork *w);
/* Emission scores em[2 * i + label] of tokens t[0..n) (ids set by
** vi__tokenize with m; dmask from vi__seg_dict_masks): exactly the sums
** the src/tag model would give for vi__seg_features. Returns HOSO_OK or
** HOSO_ENOMEM; w->em holds the result. */
int vi__seg_emissions(const vi_segmodel *m, vi_segwork *w, const vi_tok *t, size_t n,
                      const uint8_t *dmask);
/* First-order Viterbi over positions [a, b) of w->em (b - a <= 512):
** out[i - a] = label id, as hoso__tag_decode would choose. */
void vi__seg_viterbi(const vi_segmodel *m, const float *em, size_t a, size_t b, uint16_t *out);

/* ---- posfeat.c -------------------------------------------------------------- */

#define VI_POS_INFO "hoso vi-pos features v4"

/* A word for the tagger: its syllable tokens t[first .. first+nsyl). */
typedef struct vi_word {
  size_t first, nsyl;
} vi_word;

/* Append the features of word i of w[0..n) (tokens t) to b. */
void vi__pos_features(const vi_tok *t, const vi_word *w, size_t n, size_t i,
                      const vi_dict *d, hoso_tag_seqbuf *b);

#endif /* HOSO_VI_H */
