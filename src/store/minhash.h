/*
** minhash.h -- near-duplicate signatures (library-internal, no SQLite).
**
** MinHash over 3-shingles of the folded syllables (so retyped
** diacritics and punctuation do not matter, and a new segmentation model
** changes no signature; word 3-shingles until schema 6): one-permutation
** MinHash (schema 6; 64 seeded hash functions before): each shingle's hash
** picks one of HOSO_MINHASH_N bins by its top 6 bits and keeps the minimum
** of its low 32 bits there; a bin no shingle reached takes a hash of the
** next filled bin's value and its distance (rotation densification), so
** short texts compare too. One bin update per shingle instead of 64 (the
** signature cost 116 -> 79 ns a syllable), and on `make bench`'s 2,000
** reprints it found 99.0% (64 functions: 98.5%) with no false pair among
** 179,700. Two articles' Jaccard similarity is estimated by the share of
** equal bins. LSH: the signature is cut
** into HOSO_LSH_BANDS bands of HOSO_LSH_ROWS rows; articles sharing any
** band hash are candidates. With 16 bands x 4 rows a pair at Jaccard 0.5
** is a candidate with probability 1-(1-0.5^4)^16 = 0.64, at 0.7 0.98.
** Why MinHash and not SimHash: see README (measured by `make bench`).
*/
#ifndef HOSO_MINHASH_H
#define HOSO_MINHASH_H

#include <stddef.h>
#include <stdint.h>

#include "search/words.h"
#include "store/store.h"

#define HOSO_LSH_BANDS 16
#define HOSO_LSH_ROWS (HOSO_MINHASH_N / HOSO_LSH_BANDS)
#define HOSO_DUP_JACCARD 0.5 /* estimated Jaccard at or above: same story */

/* Accumulates shingles; plain struct, no allocation. */
typedef struct hoso_minhash {
  uint32_t sig[HOSO_MINHASH_N];
  uint64_t prev[2]; /* hashes of the two previous words */
  size_t words;
} hoso_minhash;

void hoso__minhash_init(hoso_minhash *m);
/* Feed the next word (its folded form). */
void hoso__minhash_word(hoso_minhash *m, const char *w, size_t n);
/* The same, given hoso__hash64(w, n, 0) (a caller that knows it). */
void hoso__minhash_word_hash(hoso_minhash *m, uint64_t h);
/* Finish: texts of fewer than 3 words get one shingle of what they have. */
void hoso__minhash_done(hoso_minhash *m);
/* Estimated Jaccard similarity of two signatures, 0..1. */
double hoso__minhash_sim(const uint32_t *a, const uint32_t *b);
/* The band hashes (HOSO_LSH_BANDS of them; band index mixed in). */
void hoso__minhash_bands(const uint32_t *sig, int64_t *bands);
/* 64-bit FNV-1a, then a murmur finaliser: the content hash building block. */
uint64_t hoso__hash64(const void *p, size_t n, uint64_t seed);
/* hoso__hash64(p, n, seed1) and (p, n, seed2) in one pass. */
void hoso__hash64_pair(const void *p, size_t n, uint64_t seed1, uint64_t seed2,
                       uint64_t *h1, uint64_t *h2);

/* What the archive derives from a stored text itself, through no model
** (schema 6), in one pass over its syllables (hoso__words_syllable_forms;
** w: any words handle, its segmenter is not used):
**   hash  article.content_hash, 32 hex digits and a NUL: two 64-bit
**         order-dependent hashes of the syllables' exact forms, so spacing,
**         punctuation, case and Unicode composition do not change it, and
**         diacritics, words and their order do;
**   sig   the MinHash signature over 3-shingles of the syllables' folded
**         forms (hoso__minhash_word_hash of each).
** Until schema 6 both came from the segmenter's words, so every retrained
** segmentation model changed them. *n_syl (may be NULL): syllables seen.
** HOSO_ENOMEM only. */
int hoso__text_keys(hoso_words *w, const char *text, size_t n, char hash[33],
                    uint32_t sig[HOSO_MINHASH_N], size_t *n_syl);

/* The same keys fed syllable by syllable, by a caller that walks the
** syllables anyway (ingest: hoso__words_stream_keys, so the text is
** scanned once): init, hoso__keys_syl (a hoso_syl_key_fn; ctx is the
** hoso_keys_acc) for each syllable in order, done. Plain struct, no
** allocation; hoso__text_keys is these three over
** hoso__words_syllable_forms. */
typedef struct hoso_keys_acc {
  uint64_t h1, h2, n;
  hoso_minhash mh;
} hoso_keys_acc;
void hoso__keys_init(hoso_keys_acc *a);
int hoso__keys_syl(void *ctx, uint64_t fold_hash, uint64_t exact_hash);
void hoso__keys_done(hoso_keys_acc *a, char hash[33], uint32_t sig[HOSO_MINHASH_N],
                     size_t *n_syl);

#endif
