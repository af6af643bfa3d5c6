/* fuzz_charset.c -- libFuzzer: any bytes through the charset path
** (src/extract/charset.c: declared charset or detection among
** windows-1258, TCVN3, VISCII, VNI-Windows and windows-1252; UTF-16 by
** BOM, hint or zero-byte pattern) and the
** VNI-Windows decoder/encoder (vni.c). The output must be valid UTF-8,
** and VNI decoding must be stable: decode(encode(decode(x))) ==
** decode(x). Must never crash, leak or read out of bounds. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "extract/detect.h"
#include "text/text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static const char *const hints[] = {NULL, "vni-windows", "windows-1252", "tcvn3",
                                      "utf-16", "utf-16le", "utf-16be", NULL};
  const char *hint = size > 0 ? hints[data[0] % 8] : NULL;
  const char *name = NULL;
  char *out = NULL;
  size_t out_n = 0;
  hoso_error err;
  if (hoso__to_utf8((const char *)data, size, hint, size > 1 && (data[1] & 1), &name, &out,
                    &out_n, &err) == HOSO_OK) {
    if (out && hoso__utf8_invalid_at(out, out_n) != out_n) __builtin_trap();
    free(out);
  }
  if (hoso__utf16_to_utf8((const char *)data, size, hint, &name, &out, &out_n, &err) ==
      HOSO_OK) {
    if (out && hoso__utf8_invalid_at(out, out_n) != out_n) __builtin_trap();
    free(out);
  }
  hoso_buf d1, e, d2;
  hoso__buf_init(&d1, 0);
  hoso__buf_init(&e, 0);
  hoso__buf_init(&d2, 0);
  size_t unmapped = 0;
  if (hoso__vni_decode((const char *)data, size, &d1) == HOSO_OK) {
    if (hoso__utf8_invalid_at(d1.p ? d1.p : "", d1.n) != d1.n) __builtin_trap();
    if (hoso__vni_encode(d1.p ? d1.p : "", d1.n, &e, &unmapped) == HOSO_OK &&
        hoso__vni_decode(e.p ? e.p : "", e.n, &d2) == HOSO_OK) {
      if (unmapped || d1.n != d2.n || (d1.n && memcmp(d1.p, d2.p, d1.n) != 0))
        __builtin_trap();
    }
  }
  hoso__buf_free(&d1);
  hoso__buf_free(&e);
  hoso__buf_free(&d2);
  return 0;
}
