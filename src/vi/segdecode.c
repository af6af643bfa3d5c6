/*
** segdecode.c -- emission scores and Viterbi with the runtime
** segmentation model (segmodel.c). For position i of a line the score of
** each label is the integer sum of
**   the unigram rows of the tokens at i-2 .. i+2 (each at its offset),
**   the pair rows of the pairs starting at i-2 .. i+1,
**   the triple rows of the triples starting at i-2 .. i,
**   the shape table at i's shape index and the dictionary table at i's
**   dictionary index (segfeat.c),
** times the model's scale: the same sum, in the same integer arithmetic,
** as the hashed src/tag model it was built from, so the labels are the
** same. Positions outside the line take the line-edge ids.
**
** Pair and triple lookups are hashed once per token for the whole line,
** tested against the model's filters (most are not in the model), and the
** table lines of the others requested ahead (prefetch), then resolved.
*/
#include <stdlib.h>
#include <string.h>

#include "vi/segmodel_impl.h"

static const int16_t ZERO_ROW[10];

void vi__segwork_free(vi_segwork *w) {
  free(w->id);
  free(w->bi);
  free(w->tri);
  free(w->em);
  free(w->bh);
  free(w->th);
  memset(w, 0, sizeof(*w));
}

static int reserve(vi_segwork *w, size_t n) {
  if (n + 4 <= w->cap) return HOSO_OK;
  size_t nc = w->cap ? w->cap : 1024;
  while (nc < n + 4) nc *= 2;
  uint32_t *id = realloc(w->id, nc * sizeof(uint32_t));
  if (id) w->id = id;
  const int16_t **bi = realloc(w->bi, nc * sizeof(*bi));
  if (bi) w->bi = bi;
  const int16_t **tri = realloc(w->tri, nc * sizeof(*tri));
  if (tri) w->tri = tri;
  float *em = realloc(w->em, 2 * nc * sizeof(float));
  if (em) w->em = em;
  uint64_t *bh = realloc(w->bh, nc * sizeof(uint64_t));
  if (bh) w->bh = bh;
  uint64_t *th = realloc(w->th, nc * sizeof(uint64_t));
  if (th) w->th = th;
  if (!id || !bi || !tri || !em || !bh || !th) return HOSO_ENOMEM;
  w->cap = nc;
  return HOSO_OK;
}

static inline void prefetch(const void *p) {
#if defined(__GNUC__)
  __builtin_prefetch(p);
#else
  (void)p;
#endif
}

static const int16_t *find_bi(const vi_segmodel *m, uint64_t key) {
  for (uint32_t s = vi__sm_slot(key, m->bi_mask);; s = (s + 1) & m->bi_mask) {
    const vi_sm_bi *e = &m->bi[s];
    if (e->key == key) return e->w;
    if (!e->key) return ZERO_ROW;
  }
}

static const int16_t *find_tri(const vi_segmodel *m, uint64_t key) {
  for (uint32_t s = vi__sm_slot(key, m->tri_mask);; s = (s + 1) & m->tri_mask) {
    const vi_sm_tri *e = &m->tri[s];
    if (e->key == key) return e->w;
    if (!e->key) return ZERO_ROW;
  }
}

#define AHEAD 8 /* tokens between a prefetch and its lookup */

int vi__seg_emissions(const vi_segmodel *m, vi_segwork *w, const vi_tok *t, size_t n,
                      const uint8_t *dmask) {
  if (reserve(w, n)) return HOSO_ENOMEM;
  size_t np = n + 4; /* padded positions: p = i + 2 */
  uint32_t *id = w->id;
  id[0] = id[1] = m->bos;
  for (size_t i = 0; i < n; i++) id[i + 2] = t[i].id;
  id[n + 2] = id[n + 3] = m->eos;
  /* pair p = (p, p+1), triple p = (p, p+1, p+2); 0 ids have no rows, nor
  ** keys the filters reject. Three stages over the line: at position p the
  ** filter words of pair and triple p are requested, at p - AHEAD they are
  ** tested and the table lines of the keys that pass requested (w->bi and
  ** w->tri NULL), at p - 2 * AHEAD those are looked up. */
  uint64_t *bh = w->bh, *th = w->th;
  for (size_t p = 0; p + 1 < np + 2 * AHEAD; p++) {
    if (p + 1 < np) {
      bh[p] = vi__sm_fhash(vi__sm_bikey(id[p], id[p + 1]));
      prefetch(&m->bi_filter[vi__sm_fword(bh[p], m->bi_fmask)]);
      if (p + 2 < np) {
        th[p] = vi__sm_fhash(vi__sm_trikey(id[p], id[p + 1], id[p + 2]));
        prefetch(&m->tri_filter[vi__sm_fword(th[p], m->tri_fmask)]);
      }
    }
    if (p < AHEAD) continue;
    size_t q = p - AHEAD;
    if (q + 1 < np) {
      uint64_t b = vi__sm_fbits(bh[q]);
      int maybe = id[q] && id[q + 1] && (m->bi_filter[vi__sm_fword(bh[q], m->bi_fmask)] & b) == b;
      if (maybe) prefetch(&m->bi[vi__sm_slot(vi__sm_bikey(id[q], id[q + 1]), m->bi_mask)]);
      w->bi[q] = maybe ? NULL : ZERO_ROW;
      if (q + 2 < np) {
        b = vi__sm_fbits(th[q]);
        maybe = id[q] && id[q + 1] && id[q + 2] &&
                (m->tri_filter[vi__sm_fword(th[q], m->tri_fmask)] & b) == b;
        if (maybe)
          prefetch(&m->tri[vi__sm_slot(vi__sm_trikey(id[q], id[q + 1], id[q + 2]), m->tri_mask)]);
        w->tri[q] = maybe ? NULL : ZERO_ROW;
      }
    }
    if (p < 2 * AHEAD) continue;
    size_t r = p - 2 * AHEAD;
    if (r + 1 >= np) continue;
    if (!w->bi[r]) w->bi[r] = find_bi(m, vi__sm_bikey(id[r], id[r + 1]));
    if (r + 2 < np && !w->tri[r]) w->tri[r] = find_tri(m, vi__sm_trikey(id[r], id[r + 1], id[r + 2]));
  }
  const int16_t *U = m->urow;
  /* rolling windows: dictionary masks of tokens i-4 .. i (vi__seg_dict_parts
  ** and vi__seg_shape_index without their edge tests; test_vi and the
  ** identical output on the bench file check they agree) */
  unsigned d1 = 0, d2 = 0, d3 = 0, d4 = 0;
  unsigned shm1 = 15, sh0 = n ? t[0].shape : 15;
  for (size_t i = 0; i < n; i++) {
    unsigned d0 = dmask[i];
    unsigned mask = (d1 >> 2 & 1u) | (d1 >> 3 & 1u) << 1 | (d2 >> 3 & 1u) << 2 |
                    (d1 >> 4 & 1u) << 3 | (d2 >> 4 & 1u) << 4 | (d3 >> 4 & 1u) << 5;
    unsigned endlen = d4 >> 4 & 1u ? 4 : d3 >> 3 & 1u ? 3 : d2 >> 2 & 1u ? 2 : 0;
    unsigned startlen = d0 >> 4 & 1u ? 4 : d0 >> 3 & 1u ? 3 : d0 >> 2 & 1u ? 2 : 0;
    d4 = d3;
    d3 = d2;
    d2 = d1;
    d1 = d0;
    unsigned shp1 = i + 1 < n ? t[i + 1].shape : 15;
    const int32_t *sh = m->shape + 2 * ((shm1 << 8 | sh0 << 4 | shp1) & (VI_SEG_NSHAPE - 1));
    shm1 = sh0;
    sh0 = shp1;
    const int32_t *dc = m->dict + 2 * ((mask * 5 + endlen) * 5 + startlen);
    const uint32_t *d = id + i; /* d[k] = padded position i + k, token i - 2 + k */
    if (i + 4 + AHEAD < np) prefetch(U + 10 * (size_t)d[4 + AHEAD]);
    const int16_t *u0 = U + 10 * (size_t)d[0], *u1 = U + 10 * (size_t)d[1],
                  *u2 = U + 10 * (size_t)d[2], *u3 = U + 10 * (size_t)d[3],
                  *u4 = U + 10 * (size_t)d[4];
    const int16_t *b0 = w->bi[i], *b1 = w->bi[i + 1], *b2 = w->bi[i + 2], *b3 = w->bi[i + 3];
    const int16_t *t0 = w->tri[i], *t1 = w->tri[i + 1], *t2 = w->tri[i + 2];
    for (int y = 0; y < 2; y++) {
      int32_t s = sh[y] + dc[y];
      s += u0[0 + y] + u1[2 + y] + u2[4 + y] + u3[6 + y] + u4[8 + y];
      s += b0[0 + y] + b1[2 + y] + b2[4 + y] + b3[6 + y];
      s += t0[0 + y] + t1[2 + y] + t2[4 + y];
      w->em[2 * i + (size_t)y] = (float)s * m->scale;
    }
  }
  return HOSO_OK;
}

void vi__seg_viterbi(const vi_segmodel *m, const float *em, size_t a, size_t b, uint16_t *out) {
  /* the arithmetic of hoso__tag_decode for two labels, step for step */
  enum { MAXN = 512 };
  float d[2 * MAXN];
  uint8_t bk[2 * MAXN];
  size_t n = b - a;
  if (n == 0) return;
  if (n > MAXN) n = MAXN;
  const float *tr = m->trans;
  em += 2 * a;
  d[0] = em[0] + tr[4];
  d[1] = em[1] + tr[5];
  for (size_t i = 1; i < n; i++) {
    const float *dp = d + 2 * (i - 1);
    for (int y = 0; y < 2; y++) {
      uint8_t best = 0;
      float bs = dp[0] + tr[y];
      float s1 = dp[1] + tr[2 + y];
      if (s1 > bs) bs = s1, best = 1;
      d[2 * i + (size_t)y] = bs + em[2 * i + (size_t)y];
      bk[2 * i + (size_t)y] = best;
    }
  }
  unsigned y = d[2 * (n - 1) + 1] > d[2 * (n - 1)] ? 1u : 0u;
  for (size_t i = n; i-- > 0;) {
    out[i] = (uint16_t)y;
    if (i) y = bk[2 * i + y];
  }
}
