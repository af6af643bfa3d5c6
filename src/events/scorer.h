/*
** scorer.h -- the learned event scorer: a binary averaged perceptron over
** string features that says whether a candidate event found by the rules
** (src/events/events.c) is a real one (score > 0) or not.
**
** Written here rather than reusing src/tag: that perceptron is a sequence
** tagger over hashed features with label transitions; this is one yes/no
** decision per candidate, and its model file keeps the feature names as
** text so that a person can read which cues count (models/events.model).
**
** Model file (text, one item a line, '\n' only):
**   hoso-events-scorer 1
**   <count of weight lines>
**   <weight>\t<feature>          (weight: a decimal integer, |w| < 2^31;
**                                  feature: bytes other than \t \n \0)
** A feature not in the file weighs 0. Score = sum of the weights of the
** features of a candidate (a feature listed twice counts twice).
**
** Ownership: a hoso__escorer is the caller's from _open/_parse/_train
** until hoso__escorer_close; read-only after that, shareable by threads.
** A hoso__efeats owns its buffers (hoso__efeats_free).
*/
#ifndef HOSO_EVENTS_SCORER_H
#define HOSO_EVENTS_SCORER_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "base/base.h"

/* A list of feature strings, each NUL-terminated in buf. */
typedef struct hoso__efeats {
  char *buf;
  size_t n, cap;     /* bytes of buf */
  uint32_t *off;     /* start of feature i in buf */
  size_t nf, capf;
} hoso__efeats;

void hoso__efeats_reset(hoso__efeats *f); /* nf = 0, keeps memory */
void hoso__efeats_free(hoso__efeats *f);
/* Append one feature: prefix, then s[0..n) (bytes \t \n \0 and spaces
** become '_'). HOSO_OK or HOSO_ENOMEM (f unchanged). */
int hoso__efeats_add(hoso__efeats *f, const char *prefix, const char *s, size_t n);
static inline const char *hoso__efeats_get(const hoso__efeats *f, size_t i) {
  return f->buf + f->off[i];
}

typedef struct hoso__escorer hoso__escorer;

/* Limits of a model file: bytes and weight lines. */
#define HOSO__ESCORER_MAX_BYTES (8u << 20)
#define HOSO__ESCORER_MAX_FEATURES (1u << 20)

/* Read the model at path: HOSO_EMODEL naming the file (and the byte
** offset of what is wrong) when it is missing, truncated or corrupt. */
int hoso__escorer_open(const char *path, hoso__escorer **out, hoso_error *err);
/* Parse a model from buf[0..n); name is used in error messages. */
int hoso__escorer_parse(const char *buf, size_t n, const char *name,
                        hoso__escorer **out, hoso_error *err);
void hoso__escorer_close(hoso__escorer *s);
size_t hoso__escorer_size(const hoso__escorer *s); /* weight lines */
/* Sum of the weights of f's features. */
int64_t hoso__escorer_score(const hoso__escorer *s, const hoso__efeats *f);

/* ---- training ---------------------------------------------------------- */

/* Training examples: label (1 real event, 0 not) and features. */
typedef struct hoso__etrainset hoso__etrainset;
int hoso__etrainset_new(hoso__etrainset **out);
void hoso__etrainset_free(hoso__etrainset *t);
/* Add one example (f is copied). HOSO_OK or HOSO_ENOMEM. */
int hoso__etrainset_add(hoso__etrainset *t, int label, const hoso__efeats *f);
size_t hoso__etrainset_count(const hoso__etrainset *t);

/* Train an averaged perceptron for epochs passes over t, the examples
** visited in an order shuffled by a fixed seed (the same model bit for
** bit on every run); the averaged weights are stored scaled by 1000 and
** rounded. Features whose rounded weight is 0 are left out. */
int hoso__escorer_train(const hoso__etrainset *t, int epochs,
                        hoso__escorer **out, hoso_error *err);
/* Write s in the model file format, features in byte order. HOSO_OK or
** HOSO_EIO. */
int hoso__escorer_write(const hoso__escorer *s, FILE *f, hoso_error *err);

#endif
