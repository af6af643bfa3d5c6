/* buf.c -- bounded growable byte buffer (see base.h). */
#include <stdlib.h>
#include <string.h>

#include "base.h"

#define BUF_DEFAULT_MAX (SIZE_MAX / 2)

void hoso__buf_init(hoso_buf *b, size_t max) {
  b->p = NULL;
  b->n = 0;
  b->cap = 0;
  b->max = max ? max : BUF_DEFAULT_MAX;
}

void hoso__buf_free(hoso_buf *b) {
  free(b->p);
  b->p = NULL;
  b->n = b->cap = 0;
}

void hoso__buf_reset(hoso_buf *b) {
  b->n = 0;
  if (b->p) b->p[0] = '\0';
}

int hoso__buf_reserve(hoso_buf *b, size_t extra) {
  if (extra > b->max || b->n > b->max - extra) return HOSO_ETOOBIG;
  size_t need = b->n + extra + 1; /* room for the NUL */
  if (need <= b->cap) return HOSO_OK;
  size_t cap = b->cap ? b->cap : 64;
  while (cap < need) {
    if (cap > SIZE_MAX / 2) { cap = need; break; }
    cap *= 2;
  }
  char *p = realloc(b->p, cap);
  if (!p) return HOSO_ENOMEM;
  b->p = p;
  b->cap = cap;
  return HOSO_OK;
}

int hoso__buf_add(hoso_buf *b, const void *p, size_t n) {
  int rc = hoso__buf_reserve(b, n);
  if (rc) return rc;
  if (n) memcpy(b->p + b->n, p, n);
  b->n += n;
  b->p[b->n] = '\0';
  return HOSO_OK;
}

int hoso__buf_addc(hoso_buf *b, char c) { return hoso__buf_add(b, &c, 1); }

int hoso__buf_adds(hoso_buf *b, const char *s) {
  return hoso__buf_add(b, s, strlen(s));
}

int hoso__buf_printf(hoso_buf *b, const char *fmt, ...) {
  va_list ap;
  char small[256];
  va_start(ap, fmt);
  int len = vsnprintf(small, sizeof(small), fmt, ap);
  va_end(ap);
  if (len < 0) return HOSO_EARG;
  if ((size_t)len < sizeof(small)) return hoso__buf_add(b, small, (size_t)len);
  int rc = hoso__buf_reserve(b, (size_t)len);
  if (rc) return rc;
  va_start(ap, fmt);
  vsnprintf(b->p + b->n, (size_t)len + 1, fmt, ap);
  va_end(ap);
  b->n += (size_t)len;
  return HOSO_OK;
}

char *hoso__buf_take(hoso_buf *b) {
  char *p = b->p;
  if (!p) p = calloc(1, 1);
  b->p = NULL;
  b->n = b->cap = 0;
  return p;
}
