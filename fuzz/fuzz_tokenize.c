/* fuzz_tokenize.c -- libFuzzer harness for the tokenizer: tokens are
** non-empty, in order, non-overlapping, inside the input, of a known type,
** and never start or end inside a UTF-8 sequence. */
#include <stdlib.h>

#include "text/text.h"

typedef struct walk {
  const char *s;
  size_t n, last_end;
} walk;

static int on_token(void *ctx, const hoso_token *t) {
  walk *w = ctx;
  if (t->start < w->last_end || t->end <= t->start || t->end > w->n) abort();
  if (t->type < 1 || t->type > HOSO_TOK_TYPE_MAX) abort();
  if (t->start < w->n && ((unsigned char)w->s[t->start] & 0xC0) == 0x80 &&
      hoso__utf8_invalid_at(w->s + t->start, 1) == 0 && t->start > 0) {
    /* a continuation byte may start a token only if it is invalid there */
    size_t len;
    size_t back = t->start;
    while (back > 0 && t->start - back < 3 &&
           ((unsigned char)w->s[back - 1] & 0xC0) == 0x80)
      back--;
    if (back > 0 && hoso__utf8_decode(w->s + back - 1, w->n - back + 1, &len) >= 0 &&
        back - 1 + len > t->start)
      abort();
  }
  w->last_end = t->end;
  return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  walk w = {(const char *)data, size, 0};
  hoso_tokenize(w.s, size, on_token, &w);
  return 0;
}
