/* fuzz_sentences.c -- libFuzzer harness for the sentence splitter: spans
** are non-empty, ordered, non-overlapping and inside the input. */
#include <stdlib.h>

#include "text/text.h"

typedef struct walk {
  size_t n, last_end;
} walk;

static int on_span(void *ctx, const hoso_span *sp) {
  walk *w = ctx;
  if (sp->start < w->last_end || sp->end <= sp->start || sp->end > w->n) abort();
  w->last_end = sp->end;
  return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  walk w = {size, 0};
  hoso_sentences((const char *)data, size, on_span, &w);
  return 0;
}
