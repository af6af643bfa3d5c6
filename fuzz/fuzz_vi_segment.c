/* fuzz_vi_segment.c -- libFuzzer harness for Vietnamese segmentation and
** tagging (hoso_vi_segment with HOSO_VI_TAG) on arbitrary bytes, with the
** repository's models. Every word must lie inside the input, in order,
** with a tag. */
#include <stdint.h>
#include <stdlib.h>

#include "hoso.h"

typedef struct fz {
  hoso_vi *vi;
  hoso_vi_ctx *ctx;
} fz;

static fz *state(void) {
  /* the harness's only state: models loaded once per fuzzing process */
  static fz s;
  if (!s.vi) {
    hoso_error e;
    if (hoso_vi_open(NULL, HOSO_VI_TAG, &s.vi, &e)) abort();
    s.ctx = hoso_vi_ctx_new();
    if (!s.ctx) abort();
  }
  return &s;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  fz *s = state();
  const hoso_vi_word *w;
  size_t nw;
  hoso_error e;
  if (hoso_vi_segment(s->vi, s->ctx, (const char *)data, size, HOSO_VI_TAG, &w, &nw, &e))
    abort();
  size_t end = 0;
  for (size_t i = 0; i < nw; i++) {
    if (w[i].off < end || w[i].off + w[i].len > size || !w[i].len || !w[i].pos || !w[i].nsyl)
      abort();
    end = w[i].off + w[i].len;
  }
  return 0;
}
