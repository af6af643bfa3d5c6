/*
** segbuild.c -- write the runtime segmentation model (format in
** segmodel.c) from a src/tag model trained with segfeat.c's hashed
** features. Used by tools/train_seg after training.
**
** The caller passes every training sentence's tokens: the syllables,
** pairs and triples (with the line-edge keys around each sentence) that
** occur there are exactly those whose features can have weights. For each
** distinct one the converter asks the trained model for the weights of
** its features at every offset and keeps it when any is non-zero. The
** small templates (shapes, dictionary matches, bias) are enumerated whole.
** Tables are filled in sorted key order, so the same trained model and
** sentences give the same file, byte for byte.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vi/segmodel_impl.h"

/* A set of n-grams (keys k[0..order)) with their weight rows. */
typedef struct gram {
  uint64_t k[3];
  int16_t w[10];
} gram;

typedef struct gset {
  gram *g;
  uint8_t *used;
  size_t cap, n;
} gset;

struct vi_segbuild {
  const hoso_tag_model *m;
  gset set[3]; /* unigrams, bigrams, trigrams */
  int rc;
};

static uint64_t gram_hash(const uint64_t *k) {
  uint64_t h = hoso__tag_hash_mix(hoso__tag_hash_mix(k[0], k[1]), k[2]);
  return h;
}

static int gset_grow(gset *s) {
  size_t nc = s->cap ? s->cap * 2 : 4096;
  gram *g = calloc(nc, sizeof(gram));
  uint8_t *u = calloc(nc, 1);
  if (!g || !u) {
    free(g);
    free(u);
    return HOSO_ENOMEM;
  }
  for (size_t i = 0; i < s->cap; i++) {
    if (!s->used[i]) continue;
    size_t j = (size_t)gram_hash(s->g[i].k) & (nc - 1);
    while (u[j]) j = (j + 1) & (nc - 1);
    g[j] = s->g[i];
    u[j] = 1;
  }
  free(s->g);
  free(s->used);
  s->g = g;
  s->used = u;
  s->cap = nc;
  return HOSO_OK;
}

/* The slot of k in s: its entry, or the empty slot where it would go. */
static size_t gset_find(const gset *s, const uint64_t *k) {
  size_t j = (size_t)gram_hash(k) & (s->cap - 1);
  while (s->used[j] && memcmp(s->g[j].k, k, sizeof(s->g[j].k)) != 0) j = (j + 1) & (s->cap - 1);
  return j;
}

vi_segbuild *vi__segbuild_new(const hoso_tag_model *m) {
  if (hoso__tag_nlabels(m) != 2 || hoso__tag_greedy(m)) return NULL;
  vi_segbuild *b = calloc(1, sizeof(*b));
  if (!b) return NULL;
  b->m = m;
  for (int o = 0; o < 3; o++)
    if (gset_grow(&b->set[o])) {
      vi__segbuild_free(b);
      return NULL;
    }
  return b;
}

void vi__segbuild_free(vi_segbuild *b) {
  if (!b) return;
  for (int o = 0; o < 3; o++) {
    free(b->set[o].g);
    free(b->set[o].used);
  }
  free(b);
}

/* Weights of the n-gram k of order o+1 at each of its 5 - o offsets. */
static int gram_weights(const hoso_tag_model *m, int o, const uint64_t *k, int16_t *w) {
  int any = 0;
  for (unsigned off = 0; off < 5u - (unsigned)o; off++) {
    uint64_t h = o == 0   ? vi__seg_fh_uni(off, k[0])
                 : o == 1 ? vi__seg_fh_bi(off, k[0], k[1])
                          : vi__seg_fh_tri(off, k[0], k[1], k[2]);
    int16_t x[2];
    hoso__tag_weights(m, h, x);
    w[2 * off] = x[0];
    w[2 * off + 1] = x[1];
    any |= x[0] | x[1];
  }
  return any;
}

static void add_gram(vi_segbuild *b, int o, const uint64_t *k) {
  gset *s = &b->set[o];
  uint64_t kk[3] = {k[0], o >= 1 ? k[1] : 0, o >= 2 ? k[2] : 0};
  size_t j = gset_find(s, kk);
  if (s->used[j]) return;
  int16_t w[10] = {0};
  if (!gram_weights(b->m, o, kk, w)) return;
  if ((s->n + 1) * 2 > s->cap) {
    if (gset_grow(s)) {
      b->rc = HOSO_ENOMEM;
      return;
    }
    j = gset_find(s, kk);
  }
  memcpy(s->g[j].k, kk, sizeof(kk));
  memcpy(s->g[j].w, w, sizeof(w));
  s->used[j] = 1;
  s->n++;
}

int vi__segbuild_add(vi_segbuild *b, const vi_tok *t, size_t n) {
  if (!n || b->rc) return b->rc;
  /* the sentence with two line-edge keys on each side */
  for (size_t p = 0; p < n + 4; p++) {
    uint64_t k[3];
    for (size_t j = 0; j < 3; j++) {
      size_t q = p + j;
      k[j] = q < 2 ? VI_SEG_BOS : q - 2 < n ? t[q - 2].key : VI_SEG_EOS;
    }
    add_gram(b, 0, k);
    if (p + 1 < n + 4) add_gram(b, 1, k);
    if (p + 2 < n + 4) add_gram(b, 2, k);
  }
  return b->rc;
}

static int cmp_u64(const void *a, const void *b) {
  uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
  return x < y ? -1 : x > y;
}

static int cmp_gram(const void *a, const void *b) {
  const gram *x = a, *y = b;
  for (int i = 0; i < 3; i++)
    if (x->k[i] != y->k[i]) return x->k[i] < y->k[i] ? -1 : 1;
  return 0;
}

/* The entries of s, sorted by key. */
static gram *sorted(const gset *s) {
  gram *g = malloc((s->n ? s->n : 1) * sizeof(gram));
  if (!g) return NULL;
  size_t k = 0;
  for (size_t i = 0; i < s->cap; i++)
    if (s->used[i]) g[k++] = s->g[i];
  qsort(g, k, sizeof(gram), cmp_gram);
  return g;
}

static uint32_t id_of(const uint64_t *keys, size_t n, uint64_t key) {
  size_t lo = 0, hi = n;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (keys[mid] < key) lo = mid + 1;
    else hi = mid;
  }
  return lo < n && keys[lo] == key ? (uint32_t)lo + 1 : 0;
}

static void put32(unsigned char *p, uint32_t v) {
  for (int i = 0; i < 4; i++) p[i] = (unsigned char)(v >> (8 * i));
}

static int32_t small(const hoso_tag_model *m, int kind, unsigned a, unsigned bb, int y) {
  int16_t w[2];
  hoso__tag_weights(m, vi__seg_fh_small(kind, a, bb), w);
  return w[y];
}

static unsigned char *serialise(vi_segbuild *b, const char *info, size_t *out_n) {
  const hoso_tag_model *m = b->m;
  gram *g[3] = {sorted(&b->set[0]), sorted(&b->set[1]), sorted(&b->set[2])};
  size_t cnt[3] = {b->set[0].n, b->set[1].n, b->set[2].n};
  size_t maxsyl = cnt[0] + 2 * cnt[1] + 3 * cnt[2] + 2;
  uint64_t *keys = malloc(maxsyl * sizeof(uint64_t));
  unsigned char *p = NULL;
  if (!g[0] || !g[1] || !g[2] || !keys) goto done;
  /* syllables: those with weights, those in a kept pair or triple, and
  ** the line-edge keys */
  size_t nk = 0;
  keys[nk++] = VI_SEG_BOS;
  keys[nk++] = VI_SEG_EOS;
  for (int o = 0; o < 3; o++)
    for (size_t i = 0; i < cnt[o]; i++)
      for (int j = 0; j <= o; j++) keys[nk++] = g[o][i].k[j];
  qsort(keys, nk, sizeof(uint64_t), cmp_u64);
  size_t nsyl = 0;
  for (size_t i = 0; i < nk; i++)
    if (!nsyl || keys[i] != keys[nsyl - 1]) keys[nsyl++] = keys[i];
  if (nsyl >= (1u << 21)) goto done;
  size_t urow_bytes = ((nsyl + 1) * 20 + 7) / 8 * 8;
  size_t n = VI_SM_HDR + 8 * VI_SEG_NSHAPE + 8 * VI_SEG_NDICT + 8 * nsyl + urow_bytes +
             24 * cnt[1] + 24 * cnt[2];
  p = calloc(1, n);
  if (!p) goto done;
  memcpy(p, VI_SM_MAGIC, 8);
  put32(p + 8, 1);
  put32(p + 12, (uint32_t)hoso__tag_label_id(m, "B"));
  float sc = hoso__tag_scale(m);
  memcpy(p + 16, &sc, 4);
  for (size_t a = 0; a < 3; a++)
    for (size_t y = 0; y < 2; y++) {
      float tr = hoso__tag_trans(m, a, y);
      memcpy(p + 20 + 4 * (2 * a + y), &tr, 4);
    }
  put32(p + 44, (uint32_t)nsyl);
  put32(p + 48, (uint32_t)cnt[1]);
  put32(p + 52, (uint32_t)cnt[2]);
  put32(p + 56, id_of(keys, nsyl, VI_SEG_BOS));
  put32(p + 60, id_of(keys, nsyl, VI_SEG_EOS));
  snprintf((char *)p + 80, 48, "%s", info ? info : "");
  size_t at = VI_SM_HDR;
  int32_t *shp = (int32_t *)(void *)(p + at);
  for (unsigned idx = 0; idx < VI_SEG_NSHAPE; idx++)
    for (int y = 0; y < 2; y++)
      shp[2 * idx + (unsigned)y] = small(m, VI_SF_BIAS, 0, 0, y) +
                                   small(m, VI_SF_SH1, idx >> 4 & 15, 0, y) +
                                   small(m, VI_SF_SH2, idx >> 4, 0, y) +
                                   small(m, VI_SF_SH3, idx, 0, y);
  at += 8 * VI_SEG_NSHAPE;
  int32_t *dp = (int32_t *)(void *)(p + at);
  for (unsigned mask = 0; mask < 64; mask++)
    for (unsigned e = 0; e < 5; e++)
      for (unsigned st = 0; st < 5; st++)
        for (int y = 0; y < 2; y++) {
          int32_t v = small(m, VI_SF_DMASK, mask, 0, y) + small(m, VI_SF_DEND, e, st, y) +
                      small(m, VI_SF_DSTART, st, mask != 0, y);
          for (unsigned bit = 0; bit < 6; bit++)
            if (mask >> bit & 1u) {
              unsigned len, back;
              vi__seg_dict_bit(bit, &len, &back);
              v += small(m, VI_SF_DSPAN, len, back, y);
            }
          dp[2 * ((mask * 5 + e) * 5 + st) + (unsigned)y] = v;
        }
  at += 8 * VI_SEG_NDICT;
  memcpy(p + at, keys, 8 * nsyl);
  at += 8 * nsyl;
  int16_t *ur = (int16_t *)(void *)(p + at);
  for (size_t i = 0; i < cnt[0]; i++)
    memcpy(ur + 10 * id_of(keys, nsyl, g[0][i].k[0]), g[0][i].w, 20);
  at += urow_bytes;
  /* pairs and triples by their id keys, in increasing order */
  vi_sm_bi *bi = (vi_sm_bi *)(void *)(p + at);
  for (size_t i = 0; i < cnt[1]; i++) {
    bi[i].key = vi__sm_bikey(id_of(keys, nsyl, g[1][i].k[0]), id_of(keys, nsyl, g[1][i].k[1]));
    memcpy(bi[i].w, g[1][i].w, 16);
  }
  qsort(bi, cnt[1], sizeof(vi_sm_bi), cmp_u64);
  at += 24 * cnt[1];
  vi_sm_tri *tri = (vi_sm_tri *)(void *)(p + at);
  for (size_t i = 0; i < cnt[2]; i++) {
    tri[i].key = vi__sm_trikey(id_of(keys, nsyl, g[2][i].k[0]), id_of(keys, nsyl, g[2][i].k[1]),
                               id_of(keys, nsyl, g[2][i].k[2]));
    memcpy(tri[i].w, g[2][i].w, 12);
  }
  qsort(tri, cnt[2], sizeof(vi_sm_tri), cmp_u64);
  put32(p + 64, vi__segmodel_checksum(p, n));
  *out_n = n;
done:
  for (int o = 0; o < 3; o++) free(g[o]);
  free(keys);
  return p;
}

int vi__segbuild_save(vi_segbuild *b, const char *path, const char *info, hoso_error *err) {
  if (b->rc) return hoso__err(err, b->rc, "out of memory building the segmentation model");
  size_t n = 0;
  unsigned char *p = serialise(b, info, &n);
  if (!p) return hoso__err(err, HOSO_ENOMEM, "out of memory building the segmentation model");
  char tmp[4096];
  int k = snprintf(tmp, sizeof(tmp), "%s.tmp", path);
  int ok = k > 0 && (size_t)k < sizeof(tmp);
  FILE *f = ok ? fopen(tmp, "wb") : NULL;
  ok = f && fwrite(p, 1, n, f) == n;
  if (f && fclose(f)) ok = 0;
  if (ok && rename(tmp, path) != 0) ok = 0;
  free(p);
  if (!ok) {
    hoso__err(err, HOSO_EIO, "cannot write the segmentation model");
    hoso__err_file(err, path);
    return HOSO_EIO;
  }
  return HOSO_OK;
}
