/* utf8.c -- the one UTF-8 decoder (see text.h).
** Policy: strict decoding (no overlongs, no surrogates, nothing above
** U+10FFFF); callers choose to report (strict mode) or substitute U+FFFD
** (lenient mode). Written by hand rather than utf8proc_iterate so the
** skip length of a bad sequence is defined (maximal subpart, as the
** Unicode standard recommends) and the hot path stays inline-able. */
#include <string.h>

#include "text.h"

int32_t hoso__utf8_decode(const char *s, size_t n, size_t *len) {
  return hoso__utf8_dec(s, n, len);
}

size_t hoso__utf8_encode(int32_t cp, char *out) {
  unsigned char *o = (unsigned char *)out;
  if (cp < 0) return 0;
  if (cp < 0x80) {
    o[0] = (unsigned char)cp;
    return 1;
  }
  if (cp < 0x800) {
    o[0] = (unsigned char)(0xC0 | (cp >> 6));
    o[1] = (unsigned char)(0x80 | (cp & 0x3F));
    return 2;
  }
  if (cp >= 0xD800 && cp <= 0xDFFF) return 0;
  if (cp < 0x10000) {
    o[0] = (unsigned char)(0xE0 | (cp >> 12));
    o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
    o[2] = (unsigned char)(0x80 | (cp & 0x3F));
    return 3;
  }
  if (cp > 0x10FFFF) return 0;
  o[0] = (unsigned char)(0xF0 | (cp >> 18));
  o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
  o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
  o[3] = (unsigned char)(0x80 | (cp & 0x3F));
  return 4;
}

/* Why not a plain hoso__utf8_dec loop: Vietnamese text has a non-ASCII
** letter every few bytes, so a check eight ASCII bytes at a time seldom
** skips a whole eight; here the ASCII bytes before the first non-ASCII
** one of the eight are skipped at once (its position from the lowest
** high bit), and the 2-byte letters and the 3-byte ones whose second
** byte may be any continuation byte (E1..EC, EE, EF: all of Vietnamese's
** precomposed letters) are checked inline; the rest goes through
** hoso__utf8_dec, so the answer is the decoder's. It was 3.4% of
** ingest's CPU samples (perf, 20,000 VNTC articles); `STORE_BENCH_ACCOUNT=1
** tools/store_bench` times it next to the plain loop. */
size_t hoso__utf8_invalid_at(const char *s, size_t n) {
  const unsigned char *p = (const unsigned char *)s;
  size_t i = 0;
  while (i < n) {
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    if (i + 8 <= n) {
      uint64_t w;
      memcpy(&w, p + i, 8);
      uint64_t high = w & 0x8080808080808080ull;
      if (!high) {
        i += 8;
        continue;
      }
      i += (size_t)__builtin_ctzll(high) >> 3; /* the first byte >= 0x80 */
    } else
#endif
    if (p[i] < 0x80) {
      i++;
      continue;
    }
    unsigned c = p[i];
    if (c >= 0xC2 && c <= 0xDF) {
      if (i + 1 < n && (p[i + 1] & 0xC0) == 0x80) {
        i += 2;
        continue;
      }
      return i;
    }
    if ((c >= 0xE1 && c <= 0xEC) || c == 0xEE || c == 0xEF) {
      if (i + 2 < n && (p[i + 1] & 0xC0) == 0x80 && (p[i + 2] & 0xC0) == 0x80) {
        i += 3;
        continue;
      }
      return i;
    }
    size_t len;
    if (hoso__utf8_dec(s + i, n - i, &len) < 0) return i;
    i += len;
  }
  return n;
}

int hoso__utf8_check(const char *s, size_t n, hoso_error *err) {
  size_t at = hoso__utf8_invalid_at(s, n);
  if (at == n) return HOSO_OK;
  size_t len;
  (void)hoso__utf8_decode(s + at, n - at, &len);
  char hex[16] = "";
  size_t k = 0;
  for (size_t i = 0; i < len && i < 4; i++)
    k += (size_t)snprintf(hex + k, sizeof(hex) - k, "%s%02X", i ? " " : "",
                          (unsigned char)s[at + i]);
  return hoso__err_at(err, HOSO_EUTF8, at, "invalid UTF-8 (bytes %s)", hex);
}

int hoso__utf8_repair_append(hoso_buf *out, const char *s, size_t n,
                             size_t *n_bad, size_t *first_bad) {
  size_t bad = 0, first = n, done = 0, i = 0;
  static const char repl[3] = {(char)0xEF, (char)0xBF, (char)0xBD};
  while (i < n) {
    if ((unsigned char)s[i] < 0x80) {
      i++;
      continue;
    }
    size_t len;
    if (hoso__utf8_decode(s + i, n - i, &len) >= 0) {
      i += len;
      continue;
    }
    int rc = hoso__buf_add(out, s + done, i - done);
    if (!rc) rc = hoso__buf_add(out, repl, 3);
    if (rc) return rc;
    if (!bad) first = i;
    bad++;
    i += len;
    done = i;
  }
  int rc = hoso__buf_add(out, s + done, n - done);
  if (rc) return rc;
  if (n_bad) *n_bad = bad;
  if (first_bad) *first_bad = first;
  return HOSO_OK;
}
