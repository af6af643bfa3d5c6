/* fuzz_normalize.c -- libFuzzer harness for the normalizer: every form
** (NFC, casefold, tone, key, fold) on any bytes gives valid UTF-8, and NFC
** and the key are idempotent. */
#include <stdlib.h>
#include <string.h>

#include "text/text.h"

static void check(const char *s, size_t n, unsigned flags) {
  hoso_buf a, b;
  hoso__buf_init(&a, 0);
  hoso__buf_init(&b, 0);
  if (hoso__normalize_append(&a, s, n, flags) == HOSO_OK) {
    const char *p = a.p ? a.p : "";
    if (hoso__utf8_invalid_at(p, a.n) != a.n) abort();
    if ((flags == HOSO_NORM_NFC || flags == HOSO_NORM_KEY) &&
        hoso__normalize_append(&b, p, a.n, flags) == HOSO_OK &&
        (b.n != a.n || memcmp(b.p ? b.p : "", p, a.n)))
      abort();
  }
  hoso__buf_free(&a);
  hoso__buf_free(&b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const char *s = (const char *)data;
  check(s, size, HOSO_NORM_NFC);
  check(s, size, HOSO_NORM_CASEFOLD);
  check(s, size, HOSO_NORM_TONE);
  check(s, size, HOSO_NORM_KEY);
  check(s, size, HOSO_NORM_FOLD);
  return 0;
}
