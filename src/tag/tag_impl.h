/*
** tag_impl.h -- what model.c, seq.c and train.c share inside src/tag: the
** loaded model struct (format in model.c), the checksum and array growth.
** Not for other modules.
*/
#ifndef HOSO_TAG_IMPL_H
#define HOSO_TAG_IMPL_H

#include "tag/tag.h"

#define HOSO_TAG_MAGIC "HOSOTAG1"

struct hoso_tag_model {
  void *buf;            /* the whole file, owned */
  size_t size;
  const char **labels;  /* nlabels pointers into buf, owned array */
  const char *info;     /* into buf */
  const float *trans;   /* (nlabels+1) * nlabels, into buf */
  const float *trans2;  /* second-order models: (nlabels+1)^2 * nlabels
                           label-trigram weights, into buf; else NULL */
  const uint32_t *slots;/* 2 * nslots, into buf */
  const uint32_t *pool; /* into buf */
  uint32_t nlabels, nslots, nfeatures;
  float scale;
  int greedy;
  /* Models with at most 2 labels: a copy of the feature table with the
  ** weights in the slot, {check, w0 | w1 << 16}, built at load, so a
  ** feature costs one memory access instead of two. NULL otherwise. */
  uint32_t *slots2;
};

/* The back-trace of second-order Viterbi (decoding and training share it):
** bk holds L + (n-1)*L*L back-pointers laid out as the decoders write them,
** (a, b) is the best label pair at the last two positions (n >= 2);
** writes the n labels to out. */
void hoso__tag_trace2(const uint16_t *bk, size_t L, size_t n, size_t a, size_t b,
                      uint16_t *out);

/* Grow the array *p (capacity *cap elements of elem bytes, doubling from
** 64) to hold need elements; HOSO_ENOMEM leaves *p and *cap as they were.
** (seq.c) */
int hoso__tag_grow(void **p, size_t *cap, size_t need, size_t elem);

/* FNV-1a 32 of the n-byte model file p, skipping the checksum field. */
uint32_t hoso__tag_checksum(const unsigned char *p, size_t n);

#endif
