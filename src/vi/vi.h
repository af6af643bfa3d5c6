/*
** vi.h -- interface between the files of src/vi (Vietnamese words),
** library-internal. Public calls are in include/hoso.h (section vi).
**
**   syl.c      pre-tokenisation of a text into syllable tokens with types,
**              shapes and canonical keys (tone placement and NFD folded)
**   dict.c     the word dictionary: a hash set of canonical word keys,
**              its file format, lookups by syllable span
**   segfeat.c  segmentation features (shared by training and runtime)
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
  uint8_t type;    /* enum vi_type */
  uint8_t shape;   /* enum vi_shape */
} vi_tok;

/* A per-thread cache: token surface -> (key hash, shape), so the text
** core's key (NFC + case fold + tone placement) is computed once per
** distinct spelling rather than once per token. Direct-mapped; entries are
** identified by a 64-bit hash of (type, surface bytes). Mutable: one per
** thread. */
#define VI_KEYCACHE_BITS 14
typedef struct vi_keycache {
  uint64_t id[1u << VI_KEYCACHE_BITS]; /* 0 = empty */
  uint64_t key[1u << VI_KEYCACHE_BITS];
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
** appending to ts (not cleared). Returns HOSO_OK or HOSO_ENOMEM. */
int vi__tokenize(vi_keycache *kc, const char *s, size_t n, vi_tokens *ts);

/* ---- dict.c ------------------------------------------------------------ */

#define VI_DICT_MAXLEN 6 /* syllables per dictionary word, at most */

typedef struct vi_dict vi_dict; /* read-only after load; shareable */

/* Hash of a word made of syllable keys k[0..n). */
uint64_t vi__word_hash(const uint64_t *k, size_t n);

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
size_t vi__dict_size(const vi_dict *d);

/* ---- segfeat.c ------------------------------------------------------------ */

#define VI_SEG_INFO "hoso vi-seg features v3"

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
int vi__seg_forced_begin(const vi_tok *t, size_t n, size_t i);

/* ---- posfeat.c -------------------------------------------------------------- */

#define VI_POS_INFO "hoso vi-pos features v2"

/* A word for the tagger: its syllable tokens t[first .. first+nsyl). */
typedef struct vi_word {
  size_t first, nsyl;
} vi_word;

/* Append the features of word i of w[0..n) (tokens t) to b. domain is 0
** at run time (UD VTB conventions); training data from other annotation
** conventions passes its own small number (see posfeat.c). */
void vi__pos_features(const vi_tok *t, const vi_word *w, size_t n, size_t i,
                      const vi_dict *d, int domain, hoso_tag_seqbuf *b);

#endif /* HOSO_VI_H */
