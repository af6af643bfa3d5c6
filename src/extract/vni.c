/* vni.c -- VNI-Windows to and from UTF-8 (see vni_windows.txt).
**
** iconv has no VNI table, so this is ours; the tables are generated
** (tools/gen_vni_table.c, vni_table.inc). Decoding: an ASCII vowel (or
** the letters ơ, ư) followed by a mark byte its letter takes is one
** composed letter; any other byte is its VNI letter or windows-1252
** meaning. The output is NFC: every composed letter is precomposed. */
#include <stdint.h>
#include <stdlib.h>

#include "detect.h"
#include "text/text.h"
#include "vni_table.inc"

int32_t hoso__vni_next(const unsigned char *s, size_t n, size_t *used) {
  unsigned c = s[0];
  *used = 1;
  unsigned b = vni_base[c];
  if (b && n > 1) {
    unsigned m = vni_mark[s[1]];
    if (m) {
      uint16_t cp = vni_pair[b >> 7][(b & 0x7F) - 1][m - 1];
      if (cp) {
        *used = 2;
        return cp;
      }
    }
  }
  return c < 0x80 ? (int32_t)c : (int32_t)vni_single[c - 0x80];
}

int hoso__vni_decode(const char *s, size_t n, hoso_buf *out) {
  const unsigned char *u = (const unsigned char *)s;
  size_t i = 0;
  int rc = hoso__buf_reserve(out, n + n / 2 + 4);
  if (rc) return rc;
  while (i < n) {
    /* ASCII runs that start no pair go through as they are */
    size_t j = i;
    while (j < n && u[j] < 0x80 && !vni_base[u[j]]) j++;
    if (j > i) {
      if ((rc = hoso__buf_add(out, s + i, j - i))) return rc;
      i = j;
      continue;
    }
    size_t used;
    int32_t cp = hoso__vni_next(u + i, n - i, &used);
    char tmp[4];
    size_t k = hoso__utf8_encode(cp, tmp);
    if ((rc = hoso__buf_add(out, tmp, k))) return rc;
    i += used;
  }
  return HOSO_OK;
}

static const vni_enc_t *enc_find(int32_t cp) {
  size_t lo = 0, hi = VNI_NENC;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (vni_enc[mid].cp == cp) return &vni_enc[mid];
    if (vni_enc[mid].cp < cp) lo = mid + 1;
    else hi = mid;
  }
  return NULL;
}

int hoso__vni_encode(const char *s, size_t n, hoso_buf *out, size_t *unmapped) {
  size_t i = 0;
  int rc;
  *unmapped = 0;
  while (i < n) {
    size_t len = 1;
    int32_t cp = (unsigned char)s[i];
    if (cp >= 0x80) cp = hoso__utf8_decode(s + i, n - i, &len);
    i += len;
    char b[2];
    size_t k = 1;
    if (cp >= 0 && cp < 0x80) {
      b[0] = (char)cp;
    } else {
      const vni_enc_t *e = cp > 0 && cp <= 0xFFFF ? enc_find(cp) : NULL;
      if (e) {
        b[0] = (char)e->b1;
        if (e->b2) b[k++] = (char)e->b2;
      } else {
        b[0] = '?';
        (*unmapped)++;
      }
    }
    if ((rc = hoso__buf_add(out, b, k))) return rc;
  }
  return HOSO_OK;
}
