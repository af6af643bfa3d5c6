/* api.c -- public entry points of the text core (include/hoso.h). */
#include "text.h"

int hoso_fold(const char *s, size_t n, char **out, size_t *out_n) {
  hoso_buf b;
  hoso__buf_init(&b, 0);
  *out = NULL;
  int rc = hoso__buf_reserve(&b, n);
  if (!rc) rc = hoso__fold_append(&b, s, n);
  if (rc) {
    hoso__buf_free(&b);
    return rc;
  }
  if (out_n) *out_n = b.n;
  *out = hoso__buf_take(&b);
  return *out ? HOSO_OK : HOSO_ENOMEM;
}
