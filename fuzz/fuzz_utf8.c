/* fuzz_utf8.c -- libFuzzer harness for the UTF-8 decoder and the strict /
** lenient policy: decoding never overruns, always advances, agrees with
** hoso__utf8_invalid_at, and repair output is valid UTF-8. */
#include <stdlib.h>
#include <string.h>

#include "text/text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const char *s = (const char *)data;
  size_t i = 0, first_bad = size;
  while (i < size) {
    size_t len = 0;
    int32_t cp = hoso__utf8_decode(s + i, size - i, &len);
    if (len < 1 || len > 4 || len > size - i) abort();
    if (cp < 0 && first_bad == size) first_bad = i;
    if (cp >= 0) {
      char enc[4];
      size_t m = hoso__utf8_encode(cp, enc);
      if (m != len || memcmp(enc, s + i, m)) abort(); /* round trip */
    }
    i += len;
  }
  if (hoso__utf8_invalid_at(s, size) != first_bad) abort();
  hoso_buf b;
  hoso__buf_init(&b, 0);
  size_t nbad, fb;
  if (hoso__utf8_repair_append(&b, s, size, &nbad, &fb) == HOSO_OK) {
    if (fb != first_bad) abort();
    if (hoso__utf8_invalid_at(b.p ? b.p : "", b.n) != b.n) abort();
  }
  hoso__buf_free(&b);
  return 0;
}
