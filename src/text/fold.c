/* fold.c -- the diacritic-folded search key ("Quốc phòng" -> "quoc phong").
** Decompose (NFD) with case folding through utf8proc, drop combining
** marks, map đ -> d. Works the same on NFC and NFD input. */
#include <utf8proc.h>

#include "text.h"

int hoso__fold_append(hoso_buf *out, const char *s, size_t n) {
  size_t i = 0;
  while (i < n) {
    size_t len;
    int32_t cp = hoso__utf8_decode(s + i, n - i, &len);
    i += len;
    if (cp < 0) cp = HOSO_REPLACEMENT_CHAR;
    if (cp < 0x80) {
      char c = (char)cp;
      if (c >= 'A' && c <= 'Z') c = (char)(c + 32);
      int rc = hoso__buf_addc(out, c);
      if (rc) return rc;
      continue;
    }
    if (cp == 0x0110 || cp == 0x0111) cp = 'd'; /* Đ đ */
    utf8proc_int32_t dec[8];
    int opts = UTF8PROC_DECOMPOSE | UTF8PROC_CASEFOLD;
    utf8proc_ssize_t k =
        utf8proc_decompose_char(cp, dec, 8, (utf8proc_option_t)opts, NULL);
    if (k < 0 || k > 8) {
      dec[0] = cp;
      k = 1;
    }
    for (utf8proc_ssize_t j = 0; j < k; j++) {
      const utf8proc_property_t *prop = utf8proc_get_property(dec[j]);
      if (prop->category == UTF8PROC_CATEGORY_MN) continue;
      int32_t c = dec[j] == 0x0111 ? 'd' : dec[j];
      char tmp[4];
      size_t m = hoso__utf8_encode(c, tmp);
      int rc = hoso__buf_add(out, tmp, m);
      if (rc) return rc;
    }
  }
  return HOSO_OK;
}
