/*
** tag.h -- a generic sequence labeller, library-internal (src/tag/).
**
** Model: a first-order structured averaged perceptron (Collins 2002) over
** hashed sparse features. Each position of a sequence carries a bag of
** 64-bit feature hashes supplied by the caller; the model holds, for each
** known feature, a sparse row of per-label weights, plus a label-bigram
** transition matrix. Decoding is Viterbi (exact, O(n*L^2)) or greedy
** left-to-right (O(n*L)); the model remembers which one it was trained
** with. Opt-in (hoso_tag_train_opts.order2): a second-order model adds
** label-trigram transitions and decodes with exact Viterbi over label
** pairs (O(n*L^3)). Training is deterministic: the same data, options and seed give
** the same model file, byte for byte.
**
** Why a perceptron: linear time in training and decoding, a few lines of
** arithmetic per feature, and within a few tenths of a CRF's accuracy on
** segmentation/POS/NER with the same features.
**
** Users: src/vi (segmenter, POS tagger), src/ner (named entities). The
** feature extractor lives with the user; this module never sees text.
**
** Threads: a hoso_tag_model is read-only after hoso__tag_model_open() and
** may be shared by any number of threads; each thread decodes with its own
** hoso_tag_work. A trainer is single-threaded.
**
** Ownership: every *_new/_open result is owned by the caller and released
** with the matching *_free/_close (NULL is a no-op). Pointers returned by
** accessors (label names, info) point into the model and live as long as
** it does.
**
** The model file format is documented at the top of model.c.
**
** Typical use (error checks omitted):
**   // training (tools/train_X.c)
**   hoso_tag_train_opts o = {.epochs = 10, .seed = 1, .info = "ner v1"};
**   hoso_tag_trainer *t = hoso__tag_trainer_new(&o);
**   hoso_tag_seqbuf b; hoso__tag_seqbuf_init(&b);
**   for each sentence:
**     hoso__tag_seqbuf_reset(&b);
**     for each token i: hoso__tag_seqbuf_next(&b);
**                       hoso__tag_seqbuf_add_str(&b, "w0=", tok, len); ...
**     hoso_tag_seq s; hoso__tag_seqbuf_seq(&b, &s);
**     hoso__tag_trainer_add(t, &s, label_names, &err);
**   hoso__tag_trainer_train(t, &err); hoso__tag_trainer_save(t, path, &err);
**   // tagging (any thread, with its own work + seqbuf)
**   hoso__tag_model_open(path, &m, &err);  w = hoso__tag_work_new();
**   build the sequence with the SAME features; hoso__tag_decode(m, w, &s, ids);
**   hoso__tag_label(m, ids[i]) is the name.
*/
#ifndef HOSO_TAG_H
#define HOSO_TAG_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "base/base.h"

#define HOSO_TAG_MAX_LABELS 1024 /* label ids fit in uint16_t */
#define HOSO_TAG_MAX_LABEL_LEN 64
#define HOSO_TAG_MAX_LABELS2 64  /* labels of a second-order model, at most */

/* ---- feature hashes (hash.c) -------------------------------------- */
/* Stable across runs and machines (a fixed 64-bit mixing function over
** bytes read little-endian): models store hashes, so these never change. */

/* Hash of the bytes s[0..n). */
uint64_t hoso__tag_hash(const void *s, size_t n);
/* Combine a hash with another value (order matters): for conjunctions,
** e.g. mix(mix(hash("w-1|w0"), id_a), id_b). Inline: feature extractors
** call it per token. (MurmurHash3's fmix64 of a multiply-add.) */
static inline uint64_t hoso__tag_hash_mix(uint64_t h, uint64_t v) {
  return hoso__fmix64(h * 0x9e3779b97f4a7c15ULL + v + 0x632be59bd9b4e019ULL);
}

/* ---- sequences (seq.c) --------------------------------------------- */

/* A sequence of n positions. Position i has the feature hashes
** feats[off[i] .. off[i+1]); off has n+1 entries and off[0] == 0. The
** arrays belong to whoever built the sequence. */
typedef struct hoso_tag_seq {
  size_t n;
  const uint64_t *feats;
  const size_t *off;
} hoso_tag_seq;

/* A growable builder for hoso_tag_seq (the arrays are owned by the
** builder; reuse one per thread, _reset between sequences). Errors are
** sticky in b->rc (HOSO_ENOMEM): add calls become no-ops after a failure,
** check rc once before using the sequence. */
typedef struct hoso_tag_seqbuf {
  uint64_t *feats;
  size_t nfeats, capfeats;
  size_t *off;
  size_t n, capoff; /* positions started */
  int rc;
} hoso_tag_seqbuf;

void hoso__tag_seqbuf_init(hoso_tag_seqbuf *b);
void hoso__tag_seqbuf_free(hoso_tag_seqbuf *b);
void hoso__tag_seqbuf_reset(hoso_tag_seqbuf *b);
/* Start the next position; features added after this call belong to it. */
void hoso__tag_seqbuf_next(hoso_tag_seqbuf *b);
/* Add a feature (as a hash) to the current position. Inline fast path;
** hoso__tag_seqbuf_add_slow grows the arrays (or starts a position). */
void hoso__tag_seqbuf_add_slow(hoso_tag_seqbuf *b, uint64_t h);
static inline void hoso__tag_seqbuf_add(hoso_tag_seqbuf *b, uint64_t h) {
  if (b->n && b->nfeats < b->capfeats) b->feats[b->nfeats++] = h;
  else hoso__tag_seqbuf_add_slow(b, h);
}
/* Add the feature "prefix" + s[0..n) (e.g. prefix "w0=", the word). */
void hoso__tag_seqbuf_add_str(hoso_tag_seqbuf *b, const char *prefix,
                              const char *s, size_t n);
/* View the built sequence (valid until the next call on b). Returns b->rc. */
int hoso__tag_seqbuf_seq(hoso_tag_seqbuf *b, hoso_tag_seq *out);

/* ---- models and decoding (model.c) --------------------------------- */

typedef struct hoso_tag_model hoso_tag_model;
typedef struct hoso_tag_work hoso_tag_work;

/* Load a model file (one read into memory, then validated). A missing,
** truncated or corrupt file fails with HOSO_EMODEL (HOSO_EIO if it cannot
** be read) and err names the file and, where known, the byte offset. */
int hoso__tag_model_open(const char *path, hoso_tag_model **out,
                         hoso_error *err);
/* The same from bytes in memory (copied; name is used in errors). */
int hoso__tag_model_load(const void *data, size_t n, const char *name,
                         hoso_tag_model **out, hoso_error *err);
void hoso__tag_model_close(hoso_tag_model *m);

size_t hoso__tag_nlabels(const hoso_tag_model *m);
/* Label name of id (NUL-terminated), NULL if out of range. */
const char *hoso__tag_label(const hoso_tag_model *m, size_t id);
/* Label id of name, -1 if unknown. */
int hoso__tag_label_id(const hoso_tag_model *m, const char *name);
/* The caller's info string given at training time (feature-set version,
** data provenance); "" if none. Check it to refuse a model built for a
** different feature extractor. */
const char *hoso__tag_info(const hoso_tag_model *m);
/* Number of features with weights, for reports. */
size_t hoso__tag_nfeatures(const hoso_tag_model *m);

/* Per-thread decoding scratch; grows as needed, bounded by the longest
** sequence decoded. NULL on out of memory. */
hoso_tag_work *hoso__tag_work_new(void);
void hoso__tag_work_free(hoso_tag_work *w);

/* Label seq: writes seq->n label ids to out. HOSO_ENOMEM if scratch
** cannot grow; HOSO_EARG on a malformed seq. */
int hoso__tag_decode(const hoso_tag_model *m, hoso_tag_work *w,
                     const hoso_tag_seq *seq, uint16_t *out);

/* Add the weights of features f[0..nf) to scores[0..nlabels) (no
** transitions): the emission scores of one position, for callers that
** decode themselves (e.g. with constraints). */
void hoso__tag_score(const hoso_tag_model *m, const uint64_t *f, size_t nf,
                     float *scores);
/* Transition weight from label a to b; a == nlabels means "start". */
float hoso__tag_trans(const hoso_tag_model *m, size_t a, size_t b);
/* The stored integer weights of feature h: w[0..nlabels) get its int16
** weights (0 where none); returns 1 if h is in the table, else 0 (and w
** is all zeros). An emission weight is w[y] * hoso__tag_scale(m). For
** tools that convert a model into another layout. */
int hoso__tag_weights(const hoso_tag_model *m, uint64_t h, int16_t *w);
float hoso__tag_scale(const hoso_tag_model *m);
/* 1 if the model decodes greedily, 0 for Viterbi. */
int hoso__tag_greedy(const hoso_tag_model *m);
/* 1 for a second-order model (label-trigram transitions), else 0. */
int hoso__tag_order2(const hoso_tag_model *m);

/* ---- training (train.c) --------------------------------------------- */

typedef struct hoso_tag_train_opts {
  unsigned epochs;    /* passes over the data; 0 = 10 */
  uint64_t seed;      /* for the per-epoch shuffle; any value */
  unsigned min_count; /* drop features seen in fewer positions; 0 = 1 */
  int greedy;         /* 1 = greedy decoding, 0 = Viterbi */
  const char *info;   /* stored in the model (<= 255 bytes), may be NULL */
  FILE *log;          /* per-epoch progress, or NULL */
  double prune;       /* at save, drop weights below prune * the largest
                         |weight| (0 = keep all): smaller, faster models */
  int order2;         /* 1 = second-order: label-trigram transitions as
                         well, exact Viterbi over label pairs (O(n*L^3));
                         needs Viterbi and at most HOSO_TAG_MAX_LABELS2
                         labels. 0 (the default) = first-order, and the
                         model file is what it always was. */
  double pa_c;        /* > 0: passive-aggressive steps (PA-I, Crammer et
                         al. 2006) capped at pa_c instead of the
                         perceptron's step of 1: a wrong sequence moves the
                         weights just far enough to score gold above the
                         prediction by its number of wrong positions
                         (first order only). 0 (the default) = the
                         perceptron, bit for bit as before. */
} hoso_tag_train_opts;

typedef struct hoso_tag_trainer hoso_tag_trainer;

/* A trainer keeps every added sequence (feature ids and gold labels) in
** memory until freed. NULL on out of memory or bad opts. */
hoso_tag_trainer *hoso__tag_trainer_new(const hoso_tag_train_opts *o);
void hoso__tag_trainer_free(hoso_tag_trainer *t);

/* Add one gold-labelled sequence: labels[i] is position i's label name
** (new names get new ids in order of first appearance). Partial labels
** (opt-in): labels[i] == NULL means position i's label is unknown; in
** training it counts as whatever the model predicts there, so the
** position gets no emission update of its own (its neighbours' transition
** updates use that label). Sequences without NULL train as before. */
int hoso__tag_trainer_add(hoso_tag_trainer *t, const hoso_tag_seq *seq,
                          const char *const *labels, hoso_error *err);
/* Run the epochs. */
int hoso__tag_trainer_train(hoso_tag_trainer *t, hoso_error *err);
/* Write the averaged model to path (atomically: temp file + rename). */
int hoso__tag_trainer_save(hoso_tag_trainer *t, const char *path,
                           hoso_error *err);
/* The averaged model in memory, e.g. to score a dev set between runs.
** Caller closes it. */
int hoso__tag_trainer_model(hoso_tag_trainer *t, hoso_tag_model **out,
                            hoso_error *err);

#endif /* HOSO_TAG_H */
