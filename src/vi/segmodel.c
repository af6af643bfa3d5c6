/*
** segmodel.c -- the word segmenter's model as the runtime reads it
** (models/vi-seg.model): the weights of the averaged perceptron trained
** with the hashed features of segfeat.c, regrouped so that one token
** costs one syllable lookup (cached per spelling by syl.c), one pair and
** one triple lookup, instead of ~20 hashed feature lookups. Written by
** segbuild.c (tools/train_seg); decoded by segdecode.c.
**
** Why: every segfeat.c feature is either a function of one syllable at a
** fixed offset (unigrams), of two or three adjacent syllables at a fixed
** offset (bigrams, trigrams), or of a small enumerable value (shapes,
** dictionary matches, bias). Summing a syllable's five unigram weights
** into one row, a pair's four bigram weights into one row and so on gives
** exactly the integer sums the hashed model gives, so the output is the
** same, label for label.
**
** FILE FORMAT (version 1). Little-endian; i16/i32/u32/u64 integers, f32
** IEEE-754 binary32. Sections start 8-byte aligned.
**
**   offset size  field
**   0      8     magic "HOSOVSG1"
**   8      4     version = 1
**   12     4     label_b: the label id (0 or 1) that means "starts a word"
**   16     4     scale (f32 > 0): an emission score is (integer sum) * scale
**   20     24    transitions f32 [3][2]: row a = previous label (row 2 =
**                sequence start), column b = label
**   44     4     nsyl: syllables with an id (ids 1..nsyl; < 2^21)
**   48     4     npair: pairs with weights
**   52     4     ntriple: triples with weights
**   56     4     bos_id: id of the "before the line" key (segfeat.c), 0..nsyl
**   60     4     eos_id: id of the "after the line" key
**   64     4     checksum: FNV-1a 32 over the file except these 4 bytes
**   68     12    reserved, zero
**   80     48    info: the feature-set string, NUL-terminated, zero padded
**   128    8*4096  shape table, i32 pairs (label 0, label 1), index
**                  shape[i-1] << 8 | shape[i] << 4 | shape[i+1]: the sum of
**                  the bias and the three shape features
**          8*1600  dictionary table, i32 pairs, index (mask * 5 + endlen)
**                  * 5 + startlen (segfeat.c): the sum of the dictionary
**                  features of a position
**          8*nsyl  syllable keys (u64, strictly increasing); the key at
**                  index k has id k + 1
**          20*(nsyl+1), zero padded to 8: unigram rows, i16 [5][2] per id:
**                  the weights of the syllable at offsets i-2 .. i+2 of a
**                  position; row 0 (unknown syllables) is all zero
**          24*npair  pairs {u64 key, i16 [4][2]}, key = a << 32 | b for
**                  ids a, b (both >= 1), strictly increasing: the weights
**                  of the pair starting at offsets i-2 .. i+1
**          24*ntriple triples {u64 key, i16 [3][2], u32 0}, key = a << 42 |
**                  b << 21 | c (ids >= 1), strictly increasing; offsets
**                  i-2 .. i
**   The file ends there. Any i32 table entry is within +-2^20.
**
** The file is read with one read() and validated in full (sizes,
** checksum, order, ids) before use. The loader then builds open-addressing
** tables for the syllables, pairs and triples (at most half full; a key
** lives in the first slot s = (h(key) + j) & (slots - 1), j = 0, 1, ...,
** holding it, h(key) = (key * 0x9e3779b97f4a7c15) ^ its top 32 bits), so
** a lookup is one cache line and never checks bounds, and a corrupt file
** cannot crash a caller, and a membership filter for the pairs and one for
** the triples (segmodel_impl.h).
*/
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/bigmem.h"
#include "vi/segmodel_impl.h"

static uint32_t rd32(const unsigned char *p) {
  return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
         (uint32_t)p[3] << 24;
}

static uint32_t fnv(uint32_t h, const unsigned char *p, size_t n) {
  for (size_t i = 0; i < n; i++) {
    h ^= p[i];
    h *= 16777619u;
  }
  return h;
}

uint32_t vi__segmodel_checksum(const unsigned char *p, size_t n) {
  return fnv(fnv(2166136261u, p, 64), p + 68, n - 68);
}

static int bad(hoso_error *err, const char *name, size_t off, const char *what) {
  hoso__err_at(err, HOSO_EMODEL, off, "corrupt segmentation model: %s", what);
  hoso__err_file(err, name);
  return HOSO_EMODEL;
}

static uint32_t table_size(size_t count) {
  uint32_t t = 2;
  while (t < count * 2 + 1) t *= 2;
  return t;
}

/* A filter of at least 8 bits a key (segmodel_impl.h); *mask = words - 1. */
static uint64_t *filter_new(size_t count, uint32_t *mask) {
  uint32_t words = 64;
  while ((size_t)words * 8 < count) words *= 2;
  *mask = words - 1;
  return calloc(words, sizeof(uint64_t));
}

static void filter_add(uint64_t *filter, uint32_t mask, uint64_t key) {
  uint64_t h = vi__sm_fhash(key);
  filter[vi__sm_fword(h, mask)] |= vi__sm_fbits(h);
}

/* Build the in-memory tables from the validated sorted arrays. */
static int build_tables(vi_segmodel *m, const uint64_t *keys, const vi_sm_bi *bi, size_t nb,
                        const vi_sm_tri *tri, size_t nt) {
  uint32_t ss = table_size(m->nsyl), bs = table_size(nb), ts = table_size(nt);
  /* the sizes first: vi__segmodel_close frees the tables by them */
  m->syl_mask = ss - 1;
  m->bi_mask = bs - 1;
  m->tri_mask = ts - 1;
  /* on huge pages where the kernel allows (base/bigmem.h): each token
  ** looks up a random slot of each */
  m->syl_own = hoso__big_calloc((size_t)ss * sizeof(vi_sm_syl));
  m->bi_own = hoso__big_calloc((size_t)bs * sizeof(vi_sm_bi));
  m->tri_own = hoso__big_calloc((size_t)ts * sizeof(vi_sm_tri));
  m->bi_filter = filter_new(nb, &m->bi_fmask);
  m->tri_filter = filter_new(nt, &m->tri_fmask);
  if (!m->syl_own || !m->bi_own || !m->tri_own || !m->bi_filter || !m->tri_filter)
    return HOSO_ENOMEM;
  m->syl = m->syl_own;
  m->bi = m->bi_own;
  m->tri = m->tri_own;
  for (uint32_t k = 0; k < m->nsyl; k++) {
    uint32_t s = vi__sm_slot(keys[k], m->syl_mask);
    while (m->syl_own[s].id) s = (s + 1) & m->syl_mask;
    m->syl_own[s].key = keys[k];
    m->syl_own[s].id = k + 1;
  }
  for (size_t k = 0; k < nb; k++) {
    uint32_t s = vi__sm_slot(bi[k].key, m->bi_mask);
    while (m->bi_own[s].key) s = (s + 1) & m->bi_mask;
    m->bi_own[s] = bi[k];
    filter_add(m->bi_filter, m->bi_fmask, bi[k].key);
  }
  for (size_t k = 0; k < nt; k++) {
    uint32_t s = vi__sm_slot(tri[k].key, m->tri_mask);
    while (m->tri_own[s].key) s = (s + 1) & m->tri_mask;
    m->tri_own[s] = tri[k];
    filter_add(m->tri_filter, m->tri_fmask, tri[k].key);
  }
  return HOSO_OK;
}

static int parse(vi_segmodel *m, const char *name, hoso_error *err) {
  const unsigned char *b = m->buf;
  size_t n = m->size;
  uint32_t one = 1;
  unsigned char le;
  memcpy(&le, &one, 1);
  if (!le) return bad(err, name, 0, "this host is big-endian; the format is little-endian");
  if (n < VI_SM_HDR) return bad(err, name, n, "file shorter than the 128-byte header (truncated?)");
  if (memcmp(b, VI_SM_MAGIC, 8) != 0)
    return bad(err, name, 0, "bad magic (not a hoso segmentation model)");
  if (rd32(b + 8) != 1) return bad(err, name, 8, "unsupported version");
  uint32_t lb = rd32(b + 12), nsyl = rd32(b + 44), nb = rd32(b + 48), nt = rd32(b + 52),
           bos = rd32(b + 56), eos = rd32(b + 60);
  if (lb > 1) return bad(err, name, 12, "label_b not 0 or 1");
  memcpy(&m->scale, b + 16, 4);
  if (!(m->scale > 0) || !isfinite(m->scale)) return bad(err, name, 16, "scale not positive");
  memcpy(m->trans, b + 20, sizeof(m->trans));
  for (int i = 0; i < 6; i++)
    if (!isfinite(m->trans[i])) return bad(err, name, 20 + 4 * (size_t)i, "transition not finite");
  if (nsyl >= (1u << 21)) return bad(err, name, 44, "too many syllables");
  if (nb >= (1u << 26)) return bad(err, name, 48, "too many pairs");
  if (nt >= (1u << 26)) return bad(err, name, 52, "too many triples");
  if (bos > nsyl || eos > nsyl) return bad(err, name, 56, "line-edge id out of range");
  for (size_t i = 68; i < 80; i++)
    if (b[i]) return bad(err, name, i, "reserved header bytes not zero");
  if (!memchr(b + 80, 0, 48)) return bad(err, name, 80, "info string not terminated");
  size_t urow_bytes = ((size_t)(nsyl + 1) * 20 + 7) / 8 * 8;
  uint64_t need = (uint64_t)VI_SM_HDR + 8ull * VI_SEG_NSHAPE + 8ull * VI_SEG_NDICT + 8ull * nsyl +
                  urow_bytes + 24ull * nb + 24ull * nt;
  if (n < need) return bad(err, name, n, "file is truncated");
  if (n > need) return bad(err, name, need, "trailing bytes after the model");
  if (vi__segmodel_checksum(b, n) != rd32(b + 64))
    return bad(err, name, 64, "checksum mismatch (file damaged)");

  size_t at = VI_SM_HDR;
  m->shape = (const int32_t *)(const void *)(b + at);
  for (size_t i = 0; i < 2 * VI_SEG_NSHAPE; i++)
    if (m->shape[i] > VI_SM_MAXSUM || m->shape[i] < -VI_SM_MAXSUM)
      return bad(err, name, at + 4 * i, "shape weight out of range");
  at += 8ull * VI_SEG_NSHAPE;
  m->dict = (const int32_t *)(const void *)(b + at);
  for (size_t i = 0; i < 2 * VI_SEG_NDICT; i++)
    if (m->dict[i] > VI_SM_MAXSUM || m->dict[i] < -VI_SM_MAXSUM)
      return bad(err, name, at + 4 * i, "dictionary weight out of range");
  at += 8ull * VI_SEG_NDICT;
  const uint64_t *keys = (const uint64_t *)(const void *)(b + at);
  for (uint32_t k = 1; k < nsyl; k++)
    if (keys[k] <= keys[k - 1]) return bad(err, name, at + 8ull * k, "syllable keys not increasing");
  at += 8ull * nsyl;
  m->urow = (const int16_t *)(const void *)(b + at);
  for (int i = 0; i < 10; i++)
    if (m->urow[i]) return bad(err, name, at + 2 * (size_t)i, "unknown-syllable row not zero");
  for (size_t i = (size_t)(nsyl + 1) * 20; i < urow_bytes; i++)
    if (b[at + i]) return bad(err, name, at + i, "padding not zero");
  at += urow_bytes;
  const vi_sm_bi *bi = (const vi_sm_bi *)(const void *)(b + at);
  for (uint32_t k = 0; k < nb; k++)
    if (!(bi[k].key >> 32) || !(uint32_t)bi[k].key || (k && bi[k].key <= bi[k - 1].key))
      return bad(err, name, at + 24ull * k, "pair key zero or not increasing");
  at += 24ull * nb;
  const vi_sm_tri *tri = (const vi_sm_tri *)(const void *)(b + at);
  for (uint32_t k = 0; k < nt; k++) {
    if (!tri[k].key || (k && tri[k].key <= tri[k - 1].key))
      return bad(err, name, at + 24ull * k, "triple key zero or not increasing");
    if (tri[k].zero) return bad(err, name, at + 24ull * k + 20, "triple padding not zero");
  }
  m->label_b = (int)lb;
  m->nsyl = nsyl;
  m->bos = bos;
  m->eos = eos;
  m->info = (const char *)b + 80;
  if (build_tables(m, keys, bi, nb, tri, nt))
    return hoso__err(err, HOSO_ENOMEM, "out of memory loading a model");
  return HOSO_OK;
}

static int finish(vi_segmodel *m, const char *name, vi_segmodel **out, hoso_error *err) {
  int rc = parse(m, name, err);
  if (rc) {
    vi__segmodel_close(m);
    return rc;
  }
  *out = m;
  return HOSO_OK;
}

int vi__segmodel_load(const void *data, size_t n, const char *name, vi_segmodel **out,
                      hoso_error *err) {
  *out = NULL;
  if (!name) name = "(memory)";
  vi_segmodel *m = calloc(1, sizeof(*m));
  /* whole uint64_t blocks: every section stays aligned */
  if (m) m->buf_n = n ? (n + 7) / 8 * 8 : 8;
  if (!m || !(m->buf = hoso__big_calloc(m->buf_n))) {
    free(m);
    return hoso__err(err, HOSO_ENOMEM, "out of memory loading a model");
  }
  if (n) memcpy(m->buf, data, n);
  m->size = n;
  return finish(m, name, out, err);
}

int vi__segmodel_open(const char *path, vi_segmodel **out, hoso_error *err) {
  *out = NULL;
  char *data = NULL;
  size_t n = 0;
  if (hoso__read_file(path, (size_t)1 << 30, &data, &n, err)) {
    if (err) {
      err->code = HOSO_EMODEL;
      hoso__err_file(err, path);
    }
    return HOSO_EMODEL;
  }
  vi_segmodel *m = calloc(1, sizeof(*m));
  if (m) m->buf_n = n ? (n + 7) / 8 * 8 : 8;
  if (!m || !(m->buf = hoso__big_calloc(m->buf_n))) {
    free(m);
    hoso_free(data);
    return hoso__err(err, HOSO_ENOMEM, "out of memory loading a model");
  }
  memcpy(m->buf, data, n); /* 2 MB aligned: every section stays aligned */
  hoso_free(data);
  m->size = n;
  return finish(m, path, out, err);
}

void vi__segmodel_close(vi_segmodel *m) {
  if (!m) return;
  hoso__big_free(m->syl_own, (size_t)(m->syl_mask + 1) * sizeof(vi_sm_syl));
  hoso__big_free(m->bi_own, (size_t)(m->bi_mask + 1) * sizeof(vi_sm_bi));
  hoso__big_free(m->tri_own, (size_t)(m->tri_mask + 1) * sizeof(vi_sm_tri));
  free(m->bi_filter);
  free(m->tri_filter);
  hoso__big_free(m->buf, m->buf_n);
  free(m);
}

uint32_t vi__segmodel_syl(const vi_segmodel *m, uint64_t key) {
  for (uint32_t s = vi__sm_slot(key, m->syl_mask);; s = (s + 1) & m->syl_mask) {
    const vi_sm_syl *e = &m->syl[s];
    if (!e->id) return 0;
    if (e->key == key) return e->id;
  }
}

int vi__segmodel_label_b(const vi_segmodel *m) { return m->label_b; }
uint32_t vi__segmodel_sum(const vi_segmodel *m) { return rd32((const unsigned char *)m->buf + 64); }
const char *vi__segmodel_info(const vi_segmodel *m) { return m->info; }
