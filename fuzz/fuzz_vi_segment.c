/* fuzz_vi_segment.c -- libFuzzer harness for Vietnamese segmentation and
** tagging (hoso_vi_segment with HOSO_VI_TAG) on arbitrary bytes, with the
** repository's models. Every word must lie inside the input, in order,
** with a tag. And syl.c's run memo, warmed by every earlier input, must
** give exactly the text core tokenizer's tokens. */
#include <stdint.h>
#include <stdlib.h>

#include "hoso.h"
#include "text/text.h"
#include "vi/vi.h"

typedef struct fz {
  hoso_vi *vi;
  hoso_vi_ctx *ctx;
  vi_keycache *kc;
  vi_tokens ts;
} fz;

typedef struct cmp {
  const vi_tokens *ts;
  size_t k;
} cmp;

static int same_token(void *arg, const hoso_token *t) {
  cmp *c = arg;
  if (c->k >= c->ts->n) abort();
  const vi_tok *v = &c->ts->t[c->k++];
  if (v->off != t->start || v->off + v->len != t->end) abort();
  return 0;
}

static fz *state(void) {
  /* the harness's only state: models loaded once per fuzzing process */
  static fz s;
  if (!s.vi) {
    hoso_error e;
    if (hoso_vi_open(NULL, HOSO_VI_TAG, &s.vi, &e)) abort();
    s.ctx = hoso_vi_ctx_new();
    s.kc = vi__keycache_new();
    if (!s.ctx || !s.kc) abort();
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
  s->ts.n = 0;
  if (vi__tokenize(s->kc, NULL, (const char *)data, size, &s->ts)) abort();
  cmp c = {&s->ts, 0};
  if (hoso__tokenize((const char *)data, size, same_token, &c) || c.k != s->ts.n) abort();
  size_t end = 0;
  for (size_t i = 0; i < nw; i++) {
    if (w[i].off < end || w[i].off + w[i].len > size || !w[i].len || !w[i].pos || !w[i].nsyl)
      abort();
    end = w[i].off + w[i].len;
  }
  return 0;
}
