/* normalize.c -- the normal forms built from NFC: case folding, canonical
** Vietnamese tone placement, the matching key, the diacritic-free key.
** Stored text is never rewritten; these are display and matching forms. */
#include <stdlib.h>
#include <utf8proc.h>

#include "text.h"

/* Case folding (Unicode full case folding, result in NFC). ASCII-only
** stretches are lowered in place; utf8proc handles the rest. */
static int casefold_append(hoso_buf *out, const char *s, size_t n) {
  size_t i = 0, done = 0;
  int rc = hoso__buf_reserve(out, n);
  if (rc) return rc;
  while (i < n) {
    unsigned char c = (unsigned char)s[i];
    /* An ASCII letter followed by a non-ASCII byte goes to utf8proc with
    ** the stretch: a combining mark after it may compose only once it is
    ** lower case ("H" U+0331 folds to U+1E96, which has no capital). */
    if (c < 0x80 && (i + 1 == n || (unsigned char)s[i + 1] < 0x80)) {
      if (c >= 'A' && c <= 'Z') {
        rc = hoso__buf_add(out, s + done, i - done);
        if (!rc) rc = hoso__buf_addc(out, (char)(c + 32));
        if (rc) return rc;
        done = i + 1;
      }
      i++;
      continue;
    }
    /* a non-ASCII stretch up to the next ASCII byte, with its base */
    size_t j = c < 0x80 ? i + 1 : i;
    while (j < n && (unsigned char)s[j] >= 0x80) j++;
    rc = hoso__buf_add(out, s + done, i - done);
    if (rc) return rc;
    hoso_buf valid;
    hoso__buf_init(&valid, 0);
    rc = hoso__utf8_repair_append(&valid, s + i, j - i, NULL, NULL);
    utf8proc_uint8_t *dst = NULL;
    utf8proc_ssize_t r = 0;
    if (!rc) {
      r = utf8proc_map((const utf8proc_uint8_t *)valid.p,
                       (utf8proc_ssize_t)valid.n, &dst,
                       (utf8proc_option_t)(UTF8PROC_STABLE | UTF8PROC_COMPOSE |
                                           UTF8PROC_CASEFOLD));
      if (r < 0) rc = r == UTF8PROC_ERROR_NOMEM ? HOSO_ENOMEM : HOSO_EINTERNAL;
    }
    if (!rc) rc = hoso__buf_add(out, dst, (size_t)r);
    free(dst);
    hoso__buf_free(&valid);
    if (rc) return rc;
    i = done = j;
  }
  return hoso__buf_add(out, s + done, n - done);
}

int hoso__normalize_append(hoso_buf *out, const char *s, size_t n,
                           unsigned flags) {
  if (flags & HOSO_NORM_FOLD) return hoso__fold_append(out, s, n);
  if (!(flags & (HOSO_NORM_CASEFOLD | HOSO_NORM_TONE)))
    return hoso__nfc_append(out, s, n);
  hoso_buf a, b;
  hoso__buf_init(&a, 0);
  hoso__buf_init(&b, 0);
  int rc = hoso__nfc_append(&a, s, n);
  const hoso_buf *cur = &a;
  if (!rc && (flags & HOSO_NORM_CASEFOLD)) {
    rc = casefold_append(&b, a.p ? a.p : "", a.n);
    cur = &b;
  }
  if (!rc) {
    if (flags & HOSO_NORM_TONE)
      rc = hoso__vi_tone_append(out, cur->p ? cur->p : "", cur->n);
    else
      rc = hoso__buf_add(out, cur->p ? cur->p : "", cur->n);
  }
  hoso__buf_free(&a);
  hoso__buf_free(&b);
  return rc;
}

int hoso__key_append(hoso_buf *out, const char *s, size_t n) {
  return hoso__normalize_append(out, s, n, HOSO_NORM_KEY);
}
