/*
** seq.c -- hoso_tag_seqbuf, the growable builder of hoso_tag_seq.
** Errors are sticky in b->rc so feature extractors can add without
** checking every call.
*/
#include <stdlib.h>
#include <string.h>

#include "tag/tag_impl.h"

void hoso__tag_seqbuf_init(hoso_tag_seqbuf *b) { memset(b, 0, sizeof(*b)); }

void hoso__tag_seqbuf_free(hoso_tag_seqbuf *b) {
  free(b->feats);
  free(b->off);
  memset(b, 0, sizeof(*b));
}

void hoso__tag_seqbuf_reset(hoso_tag_seqbuf *b) {
  b->nfeats = 0;
  b->n = 0;
  b->rc = HOSO_OK;
}

int hoso__tag_grow(void **p, size_t *cap, size_t need, size_t elem) {
  if (need <= *cap) return HOSO_OK;
  size_t nc = *cap ? *cap : 64;
  while (nc < need) {
    if (nc > SIZE_MAX / 2 / elem) return HOSO_ENOMEM;
    nc *= 2;
  }
  void *q = realloc(*p, nc * elem);
  if (!q) return HOSO_ENOMEM;
  *p = q;
  *cap = nc;
  return HOSO_OK;
}

void hoso__tag_seqbuf_next(hoso_tag_seqbuf *b) {
  if (b->rc) return;
  /* off[i] = start of position i; off[n] is written by _seq(). */
  if (hoso__tag_grow((void **)&b->off, &b->capoff, b->n + 2, sizeof(size_t))) {
    b->rc = HOSO_ENOMEM;
    return;
  }
  b->off[b->n++] = b->nfeats;
}

void hoso__tag_seqbuf_add_slow(hoso_tag_seqbuf *b, uint64_t h) {
  if (b->rc) return;
  if (b->n == 0) { /* a feature before any position: start one */
    hoso__tag_seqbuf_next(b);
    if (b->rc) return;
  }
  if (hoso__tag_grow((void **)&b->feats, &b->capfeats, b->nfeats + 1, sizeof(uint64_t))) {
    b->rc = HOSO_ENOMEM;
    return;
  }
  b->feats[b->nfeats++] = h;
}

void hoso__tag_seqbuf_add_str(hoso_tag_seqbuf *b, const char *prefix,
                              const char *s, size_t n) {
  uint64_t h = hoso__tag_hash(prefix, strlen(prefix));
  hoso__tag_seqbuf_add(b, hoso__tag_hash_mix(h, hoso__tag_hash(s, n)));
}

int hoso__tag_seqbuf_seq(hoso_tag_seqbuf *b, hoso_tag_seq *out) {
  if (b->rc) return b->rc;
  if (hoso__tag_grow((void **)&b->off, &b->capoff, b->n + 1, sizeof(size_t)))
    return b->rc = HOSO_ENOMEM;
  b->off[b->n] = b->nfeats;
  out->n = b->n;
  out->feats = b->feats;
  out->off = b->off;
  return HOSO_OK;
}
