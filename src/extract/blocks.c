/* blocks.c -- the candidate block list shared by the HTML and text paths. */
#include <stdlib.h>
#include <string.h>

#include "extract.h"

void hoso__hx_init(hx_doc *d, const char *src, size_t n) {
  memset(d, 0, sizeof(*d));
  d->src = src;
  d->src_n = n;
  hoso__buf_init(&d->arena, 0);
}

void hoso__hx_free(hx_doc *d) {
  hoso__buf_free(&d->arena);
  free(d->b);
  d->b = NULL;
  d->n = d->cap = 0;
}

int hoso__hx_add_byline(hx_doc *d, const char *t, size_t tn, size_t at) {
  if (d->n_by == HX_MAX_BYLINES) return HOSO_OK;
  size_t off = d->arena.n;
  int rc = hoso__ex_collapse(&d->arena, t, tn);
  if (rc) return rc;
  size_t len = d->arena.n - off;
  if (len == 0) return HOSO_OK;
  if ((rc = hoso__buf_addc(&d->arena, '\0'))) return rc;
  d->by[d->n_by++] = (hx_byline){off, len, at};
  return HOSO_OK;
}

int hoso__hx_add(hx_doc *d, const char *t, size_t tn, size_t start,
                 size_t end, int has_span, int kind, hx_block **out) {
  if (out) *out = NULL;
  size_t off = d->arena.n;
  int rc = hoso__ex_collapse(&d->arena, t, tn);
  if (rc) return rc;
  size_t len = d->arena.n - off;
  if (len == 0) return HOSO_OK;
  if ((rc = hoso__buf_addc(&d->arena, '\0'))) {
    d->arena.n = off;
    return rc;
  }
  if (d->n == d->cap) {
    size_t cap = d->cap ? d->cap * 2 : 64;
    hx_block *nb = realloc(d->b, cap * sizeof(*nb));
    if (!nb) {
      d->arena.n = off;
      return HOSO_ENOMEM;
    }
    d->b = nb;
    d->cap = cap;
  }
  hx_block *b = &d->b[d->n++];
  memset(b, 0, sizeof(*b));
  b->text_off = off;
  b->len = len;
  b->start = start;
  b->end = end;
  b->has_span = has_span;
  b->kind = kind;
  b->main = 1;
  if (out) *out = b;
  return HOSO_OK;
}

int hoso__hx_add_text(hx_doc *d, const char *t, size_t tn, size_t *off, size_t *len) {
  size_t at = d->arena.n;
  *off = at;
  *len = 0;
  int rc = hoso__ex_collapse(&d->arena, t, tn);
  if (!rc) rc = hoso__buf_addc(&d->arena, '\0');
  if (rc) {
    d->arena.n = at;
    return rc;
  }
  *len = d->arena.n - at - 1;
  return HOSO_OK;
}
