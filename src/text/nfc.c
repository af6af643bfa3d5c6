/* nfc.c -- Unicode NFC with a fast path for text that is already NFC.
**
** News text is nearly always NFC already, so running every byte through
** utf8proc_map (which allocates and decodes everything) would be wasted
** work: we copy runs of characters that are known to be stable under NFC
** (ASCII, Latin-1 .. Latin Extended-B, precomposed Vietnamese, Cyrillic
** letters, general punctuation: none of them decomposes canonically or
** composes with a FOLLOWING starter) and hand only the short stretch from
** the character before an unstable one (a combining mark, a singleton
** like U+212B) up to the next stable character to utf8proc. */
#include <stdlib.h>
#include <utf8proc.h>

#include "text.h"

/* Longest stretch handed to utf8proc at once; longer runs of combining
** marks (never seen in real text) are cut, which keeps memory bounded. */
#define NFC_MAX_RUN 4096

static int nfc_stable(int32_t cp) {
  if (cp < 0x300) return cp >= 0;
  if (cp >= 0x1EA0 && cp <= 0x1EF9) return 1;
  if (cp >= 0x0400 && cp <= 0x04FF) return cp < 0x0483 || cp > 0x0489;
  if (cp >= 0x2010 && cp <= 0x205E) return 1;
  return 0;
}

static const char REPL[3] = {(char)0xEF, (char)0xBF, (char)0xBD};

/* NFC of the valid UTF-8 s[0..n) through utf8proc. */
static int nfc_slow(hoso_buf *out, const char *s, size_t n) {
  utf8proc_uint8_t *dst = NULL;
  utf8proc_ssize_t r = utf8proc_map(
      (const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &dst,
      (utf8proc_option_t)(UTF8PROC_STABLE | UTF8PROC_COMPOSE));
  if (r < 0) {
    free(dst);
    return r == UTF8PROC_ERROR_NOMEM ? HOSO_ENOMEM : HOSO_EINTERNAL;
  }
  int rc = hoso__buf_add(out, dst, (size_t)r);
  free(dst);
  return rc;
}

int hoso__nfc_append(hoso_buf *out, const char *s, size_t n) {
  int rc = hoso__buf_reserve(out, n);
  if (rc) return rc;
  size_t i = 0, done = 0, prev = 0; /* prev: start of the previous char */
  int prev_ok = 0;                  /* previous char valid and stable */
  while (i < n) {
    if ((unsigned char)s[i] < 0x80) {
      prev = i++;
      prev_ok = 1;
      continue;
    }
    size_t len;
    int32_t cp = hoso__utf8_dec(s + i, n - i, &len);
    if (cp < 0) {
      rc = hoso__buf_add(out, s + done, i - done);
      if (!rc) rc = hoso__buf_add(out, REPL, 3);
      if (rc) return rc;
      i += len;
      done = i;
      prev_ok = 0;
      continue;
    }
    if (nfc_stable(cp)) {
      prev = i;
      i += len;
      prev_ok = 1;
      continue;
    }
    /* Unstable: normalise from the previous character (its starter) to
    ** the next stable character. */
    size_t from = (prev_ok && prev >= done) ? prev : i;
    size_t j = i + len;
    while (j < n && j - from < NFC_MAX_RUN) {
      size_t l2;
      int32_t c2 = hoso__utf8_dec(s + j, n - j, &l2);
      if (c2 < 0 || nfc_stable(c2)) break;
      j += l2;
    }
    rc = hoso__buf_add(out, s + done, from - done);
    if (!rc) rc = nfc_slow(out, s + from, j - from);
    if (rc) return rc;
    done = i = j;
    prev_ok = 0;
  }
  return hoso__buf_add(out, s + done, n - done);
}
