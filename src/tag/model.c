/*
** model.c -- loading, validating and decoding with a src/tag model.
**
** FILE FORMAT (version 1). All integers are unsigned little-endian, f32 is
** IEEE-754 binary32 little-endian; every section starts 4-byte aligned.
**
**   offset size  field
**   0      8     magic "HOSOTAG1"
**   8      4     version = 1
**   12     4     flags: bit 0 = greedy decoding (else Viterbi); bit 1 =
**                second order (never with bit 0; L <= 64); others 0
**   16     4     nlabels L (1..1024)
**   20     4     labels_bytes: size of the label block (multiple of 4)
**   24     4     info_bytes: size of the info block (multiple of 4, >= 4)
**   28     4     nslots S: size of the feature table, a power of two
**   32     4     nentries E: u32 words in the weight pool (>= 1)
**   36     4     scale (f32 > 0): an emission weight is int16 * scale
**   40     4     checksum: FNV-1a 32-bit over the whole file except
**                these 4 bytes (bytes [0,40) then [44,end))
**   44     4     nfeatures: occupied slots (< S)
**   48     16    reserved, zero
**   64     labels_bytes   L label names, each NUL-terminated, 1..64 bytes,
**                         distinct; zero padding
**          info_bytes     the trainer's info string, NUL-terminated;
**                         zero padding
**          4*(L+1)*L      transition weights f32, row a = previous label
**                         (row L = sequence start), column b = label
**          4*(L+1)*(L+1)*L  second-order models only (flags bit 1):
**                         label-trigram weights f32 at ((z*(L+1))+a)*L+b,
**                         z = the label two back, a = the previous one
**                         (L = before the sequence start), b = label
**          8*S            feature table: S slots {u32 check, u32 off};
**                         off == 0 marks an empty slot
**          4*E            weight pool; word 0 unused. A feature's row at
**                         off: word off = k (1..L), then k words
**                         (label << 16) | (u16)(int16 weight), labels
**                         strictly increasing, off + k < E.
**   The file ends exactly there.
**
** A feature with 64-bit hash h lives in the first slot i = (h + j) mod S,
** j = 0, 1, ..., whose check equals (u32)(h >> 32), searching until an
** empty slot (there is always one: nfeatures < S). Features absent from
** the table weigh nothing.
**
** The whole file is read with one read() into an aligned buffer and fully
** validated before use (every slot, every row), so decoding never checks
** bounds again and a corrupt file cannot crash a caller.
*/
#include <errno.h>
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "tag/tag_impl.h"

#define HEADER_SIZE 64

struct hoso_tag_work {
  float *em;       /* n*L emission scores, row i = position i */
  int32_t *isum;   /* L integer sums */
  float *delta;    /* n*L Viterbi scores */
  uint16_t *back;  /* n*L back pointers */
  uint32_t *rows;  /* per feature of the sequence: its weight row (pool
                      offset, or the packed weights of a two-label model),
                      0 if absent */
  size_t cap_l, cap_nl, cap_em, cap_rows;
};

static uint32_t rd32(const unsigned char *p) {
  return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
         (uint32_t)p[3] << 24;
}

static int host_is_le(void) {
  uint32_t x = 1;
  unsigned char c;
  memcpy(&c, &x, 1);
  return c == 1;
}

static uint32_t fnv32(uint32_t h, const unsigned char *p, size_t n) {
  for (size_t i = 0; i < n; i++) {
    h ^= p[i];
    h *= 16777619u;
  }
  return h;
}

uint32_t hoso__tag_checksum(const unsigned char *p, size_t n) {
  uint32_t h = fnv32(2166136261u, p, 40);
  return fnv32(h, p + 44, n - 44);
}

static int bad(hoso_error *err, const char *name, size_t off, const char *what) {
  hoso__err_at(err, HOSO_EMODEL, off, "corrupt tagger model: %s", what);
  hoso__err_file(err, name);
  return HOSO_EMODEL;
}

/* Validate buf[0..n) (buf 8-byte aligned, owned by m) and fill m. */
static int parse(hoso_tag_model *m, const char *name, hoso_error *err) {
  const unsigned char *b = m->buf;
  size_t n = m->size;
  if (!host_is_le())
    return bad(err, name, 0, "this host is big-endian; the format is little-endian");
  if (n < HEADER_SIZE) return bad(err, name, n, "file shorter than the 64-byte header (truncated?)");
  if (memcmp(b, HOSO_TAG_MAGIC, 8) != 0) return bad(err, name, 0, "bad magic (not a hoso tagger model)");
  if (rd32(b + 8) != 1) return bad(err, name, 8, "unsupported version");
  uint32_t flags = rd32(b + 12), L = rd32(b + 16), lb = rd32(b + 20),
           ib = rd32(b + 24), S = rd32(b + 28), E = rd32(b + 32);
  uint32_t sum = rd32(b + 40), nf = rd32(b + 44);
  float scale;
  memcpy(&scale, b + 36, 4);
  if (flags & ~3u) return bad(err, name, 12, "unknown flags");
  if (L < 1 || L > HOSO_TAG_MAX_LABELS) return bad(err, name, 16, "label count out of range");
  int order2 = (flags & 2u) != 0;
  if (order2 && ((flags & 1u) || L > HOSO_TAG_MAX_LABELS2))
    return bad(err, name, 12, "second order with greedy decoding or too many labels");
  uint64_t n2 = order2 ? (uint64_t)(L + 1) * (L + 1) * L : 0;
  if (lb % 4 || lb < L * 2 || lb > L * (HOSO_TAG_MAX_LABEL_LEN + 1) + 4)
    return bad(err, name, 20, "label block size out of range");
  if (ib % 4 || ib < 4 || ib > 260) return bad(err, name, 24, "info block size out of range");
  if (S == 0 || (S & (S - 1)) || S > (1u << 28)) return bad(err, name, 28, "slot count not a power of two");
  if (E < 1 || E > (1u << 28)) return bad(err, name, 32, "weight pool size out of range");
  if (!(scale > 0) || !isfinite(scale)) return bad(err, name, 36, "weight scale not positive");
  if (nf >= S) return bad(err, name, 44, "feature table has no empty slot");
  for (int i = 48; i < 64; i++)
    if (b[i]) return bad(err, name, (size_t)i, "reserved header bytes not zero");
  uint64_t need = (uint64_t)HEADER_SIZE + lb + ib + 4ull * (L + 1) * L + 4 * n2 + 8ull * S + 4ull * E;
  if (n < need) return bad(err, name, n, "file is truncated");
  if (n > need) return bad(err, name, need, "trailing bytes after the model");
  if (hoso__tag_checksum(b, n) != sum)
    return bad(err, name, 40, "checksum mismatch (file damaged)");

  size_t at = HEADER_SIZE;
  /* labels */
  m->labels = malloc(sizeof(char *) * L);
  if (!m->labels) return hoso__err(err, HOSO_ENOMEM, "out of memory loading model");
  const char *lp = (const char *)b + at, *lend = lp + lb;
  for (uint32_t i = 0; i < L; i++) {
    const char *z = memchr(lp, 0, (size_t)(lend - lp));
    if (!z || z == lp || z - lp > HOSO_TAG_MAX_LABEL_LEN)
      return bad(err, name, (size_t)(lp - (const char *)b), "bad label name");
    for (uint32_t j = 0; j < i; j++)
      if (strcmp(m->labels[j], lp) == 0)
        return bad(err, name, (size_t)(lp - (const char *)b), "duplicate label name");
    m->labels[i] = lp;
    lp = z + 1;
  }
  for (; lp < lend; lp++)
    if (*lp) return bad(err, name, (size_t)(lp - (const char *)b), "label padding not zero");
  at += lb;
  /* info */
  m->info = (const char *)b + at;
  if (!memchr(m->info, 0, ib)) return bad(err, name, at, "info string not terminated");
  at += ib;
  /* transitions */
  m->trans = (const float *)(const void *)(b + at);
  for (size_t i = 0; i < (size_t)(L + 1) * L; i++)
    if (!isfinite(m->trans[i])) return bad(err, name, at + 4 * i, "transition weight not finite");
  at += 4ull * (L + 1) * L;
  if (order2) {
    m->trans2 = (const float *)(const void *)(b + at);
    for (size_t i = 0; i < n2; i++)
      if (!isfinite(m->trans2[i])) return bad(err, name, at + 4 * i, "transition weight not finite");
    at += 4 * n2;
  }
  m->slots = (const uint32_t *)(const void *)(b + at);
  size_t slots_at = at;
  at += 8ull * S;
  m->pool = (const uint32_t *)(const void *)(b + at);
  size_t pool_at = at;
  if (m->pool[0] != 0) return bad(err, name, pool_at, "weight pool word 0 not zero");
  uint32_t used = 0;
  for (uint32_t s = 0; s < S; s++) {
    uint32_t off = m->slots[2 * s + 1];
    if (!off) continue;
    used++;
    if (off >= E) return bad(err, name, slots_at + 8ull * s + 4, "weight row offset out of range");
    uint32_t k = m->pool[off];
    if (k < 1 || k > L || (uint64_t)off + k >= E)
      return bad(err, name, pool_at + 4ull * off, "weight row length out of range");
    uint32_t prev = 0;
    for (uint32_t j = 1; j <= k; j++) {
      uint32_t lab = m->pool[off + j] >> 16;
      if (lab >= L || (j > 1 && lab <= prev))
        return bad(err, name, pool_at + 4ull * (off + j), "weight row label out of order or range");
      prev = lab;
    }
  }
  if (used != nf) return bad(err, name, 44, "feature count does not match the table");
  if (L == 2) {
    m->slots2 = malloc(8ull * S);
    if (!m->slots2) return hoso__err(err, HOSO_ENOMEM, "out of memory loading model");
    for (uint32_t s = 0; s < S; s++) {
      uint32_t off = m->slots[2 * s + 1], packed = 0;
      if (off) {
        for (uint32_t j = 1; j <= m->pool[off]; j++) {
          uint32_t e = m->pool[off + j];
          packed |= (e & 0xffffu) << (16 * (e >> 16));
        }
        /* rows hold only non-zero weights, so packed != 0 here and
        ** packed == 0 still means "empty slot" */
      }
      m->slots2[2 * s] = m->slots[2 * s];
      m->slots2[2 * s + 1] = packed;
    }
  }
  m->nlabels = L;
  m->nslots = S;
  m->nfeatures = nf;
  m->scale = scale;
  m->greedy = (int)(flags & 1u);
  return HOSO_OK;
}

int hoso__tag_model_load(const void *data, size_t n, const char *name,
                         hoso_tag_model **out, hoso_error *err) {
  *out = NULL;
  if (!name) name = "(memory)";
  hoso_tag_model *m = calloc(1, sizeof(*m));
  if (!m) return hoso__err(err, HOSO_ENOMEM, "out of memory loading model");
  /* uint64_t-sized blocks keep every section 4-byte aligned */
  m->buf = malloc(n ? (n + 7) / 8 * 8 : 8);
  if (!m->buf) {
    free(m);
    return hoso__err(err, HOSO_ENOMEM, "out of memory loading model");
  }
  if (n) memcpy(m->buf, data, n);
  m->size = n;
  int rc = parse(m, name, err);
  if (rc) {
    hoso__tag_model_close(m);
    return rc;
  }
  *out = m;
  return HOSO_OK;
}

int hoso__tag_model_open(const char *path, hoso_tag_model **out,
                         hoso_error *err) {
  *out = NULL;
  char *data = NULL;
  size_t n = 0;
  int rc = hoso__read_file(path, (size_t)1 << 30, &data, &n, err);
  if (rc) {
    if (err) {
      err->code = HOSO_EMODEL;
      hoso__err_file(err, path);
    }
    return HOSO_EMODEL;
  }
  hoso_tag_model *m = calloc(1, sizeof(*m));
  if (!m) {
    hoso_free(data);
    return hoso__err(err, HOSO_ENOMEM, "out of memory loading model");
  }
  /* hoso__read_file's buffer comes from malloc: aligned for any type */
  m->buf = data;
  m->size = n;
  rc = parse(m, path, err);
  if (rc) {
    hoso__tag_model_close(m);
    return rc;
  }
  *out = m;
  return HOSO_OK;
}

void hoso__tag_model_close(hoso_tag_model *m) {
  if (!m) return;
  free(m->labels);
  free(m->slots2);
  free(m->buf);
  free(m);
}

size_t hoso__tag_nlabels(const hoso_tag_model *m) { return m->nlabels; }

const char *hoso__tag_label(const hoso_tag_model *m, size_t id) {
  return id < m->nlabels ? m->labels[id] : NULL;
}

int hoso__tag_label_id(const hoso_tag_model *m, const char *name) {
  for (size_t i = 0; i < m->nlabels; i++)
    if (strcmp(m->labels[i], name) == 0) return (int)i;
  return -1;
}

const char *hoso__tag_info(const hoso_tag_model *m) { return m->info; }
size_t hoso__tag_nfeatures(const hoso_tag_model *m) { return m->nfeatures; }

float hoso__tag_trans(const hoso_tag_model *m, size_t a, size_t b) {
  if (a > m->nlabels || b >= m->nlabels) return 0;
  return m->trans[a * m->nlabels + b];
}

int hoso__tag_weights(const hoso_tag_model *m, uint64_t h, int16_t *w) {
  memset(w, 0, sizeof(int16_t) * m->nlabels);
  const uint32_t mask = m->nslots - 1;
  uint32_t s = (uint32_t)h & mask, chk = (uint32_t)(h >> 32);
  for (;;) {
    uint32_t off = m->slots[2 * s + 1];
    if (!off) return 0;
    if (m->slots[2 * s] == chk) {
      for (uint32_t j = 1; j <= m->pool[off]; j++) {
        uint32_t e = m->pool[off + j];
        w[e >> 16] = (int16_t)(uint16_t)(e & 0xffffu);
      }
      return 1;
    }
    s = (s + 1) & mask;
  }
}

float hoso__tag_scale(const hoso_tag_model *m) { return m->scale; }
int hoso__tag_greedy(const hoso_tag_model *m) { return m->greedy; }
int hoso__tag_order2(const hoso_tag_model *m) { return m->trans2 != NULL; }

/* The weight row of feature h: its pool offset, or for a two-label model
** (m->slots2) its packed weights; 0 if h is not in the table. sl is
** m->slots2 if set, else m->slots. */
static inline uint32_t find_row(const uint32_t *sl, uint32_t mask, uint64_t h) {
  uint32_t s = (uint32_t)h & mask, chk = (uint32_t)(h >> 32);
  for (;;) {
    uint32_t row = sl[2 * s + 1];
    if (!row || sl[2 * s] == chk) return row;
    s = (s + 1) & mask;
  }
}

/* Add the weights of row (find_row's answer, not 0) into isum[0..L). */
static inline void add_row(const hoso_tag_model *m, uint32_t row, int32_t *isum) {
  if (m->slots2) {
    isum[0] += (int16_t)(uint16_t)(row & 0xffffu);
    isum[1] += (int16_t)(uint16_t)(row >> 16);
    return;
  }
  const uint32_t *pool = m->pool;
  uint32_t k = pool[row];
  for (uint32_t j = 1; j <= k; j++) {
    uint32_t e = pool[row + j];
    isum[e >> 16] += (int16_t)(uint16_t)(e & 0xffffu);
  }
}

/* Add integer weights of f[0..nf) into isum[0..L). */
static void add_feats(const hoso_tag_model *m, const uint64_t *f, size_t nf,
                      int32_t *isum) {
  const uint32_t *sl = m->slots2 ? m->slots2 : m->slots;
  for (size_t i = 0; i < nf; i++) {
    uint32_t row = find_row(sl, m->nslots - 1, f[i]);
    if (row) add_row(m, row, isum);
  }
}

void hoso__tag_score(const hoso_tag_model *m, const uint64_t *f, size_t nf,
                     float *scores) {
  int32_t isum[HOSO_TAG_MAX_LABELS];
  memset(isum, 0, sizeof(int32_t) * m->nlabels);
  add_feats(m, f, nf, isum);
  for (size_t y = 0; y < m->nlabels; y++) scores[y] += (float)isum[y] * m->scale;
}

hoso_tag_work *hoso__tag_work_new(void) { return calloc(1, sizeof(hoso_tag_work)); }

void hoso__tag_work_free(hoso_tag_work *w) {
  if (!w) return;
  free(w->em);
  free(w->isum);
  free(w->delta);
  free(w->back);
  free(w->rows);
  free(w);
}

/* Room for L labels, n positions of nl lattice entries and nf features. */
static int work_reserve(hoso_tag_work *w, size_t L, size_t n, size_t nl, size_t nf) {
  if (L > w->cap_l) {
    int32_t *is = realloc(w->isum, L * sizeof(int32_t));
    if (!is) return HOSO_ENOMEM;
    w->isum = is;
    w->cap_l = L;
  }
  if (n > SIZE_MAX / L) return HOSO_ENOMEM;
  if (hoso__tag_grow((void **)&w->em, &w->cap_em, n * L, sizeof(float)) ||
      hoso__tag_grow((void **)&w->rows, &w->cap_rows, nf, sizeof(uint32_t)))
    return HOSO_ENOMEM;
  if (nl > w->cap_nl) {
    size_t nc = w->cap_nl;
    if (hoso__tag_grow((void **)&w->delta, &nc, nl, sizeof(float))) return HOSO_ENOMEM;
    nc = w->cap_nl;
    if (hoso__tag_grow((void **)&w->back, &nc, nl, sizeof(uint16_t))) return HOSO_ENOMEM;
    w->cap_nl = nc;
  }
  return HOSO_OK;
}

/* How far ahead (in features) each pass of emissions() asks for memory.
** On the NER pipeline (3,000 VNTC articles, CPU time, 4 alternating runs,
** load 9-13) 16/16, 32/32 and 64/16 were all 0.85-0.90x of the one-pass
** lookup, within noise of each other. */
#define SLOT_AHEAD 64
#define ROW_AHEAD 16

static inline void prefetch(const void *p) {
#if defined(__GNUC__)
  __builtin_prefetch(p);
#else
  (void)p;
#endif
}

/* The emission scores of every position of seq into w->em (row i =
** position i; room reserved by the caller). The feature table and the
** weight pool are megabytes, so nearly every lookup waits on memory, and a
** row's address is only known once its slot is read. Two passes turn those
** dependent waits into prefetches: the first finds each feature's row
** (asking for the slot of the feature SLOT_AHEAD on), the second adds the
** rows up (asking for the row ROW_AHEAD on). Integer sums, so the scores
** are those of adding the features one by one. */
static void emissions(const hoso_tag_model *m, hoso_tag_work *w,
                      const hoso_tag_seq *seq) {
  size_t n = seq->n, L = m->nlabels, nf = seq->off[n];
  const uint32_t mask = m->nslots - 1;
  const uint32_t *sl = m->slots2 ? m->slots2 : m->slots, *pool = m->pool;
  const uint64_t *f = seq->feats;
  uint32_t *rows = w->rows;
  for (size_t j = 0; j < nf && j < SLOT_AHEAD; j++) prefetch(&sl[2 * ((uint32_t)f[j] & mask)]);
  for (size_t j = 0; j < nf; j++) {
    if (j + SLOT_AHEAD < nf) prefetch(&sl[2 * ((uint32_t)f[j + SLOT_AHEAD] & mask)]);
    rows[j] = find_row(sl, mask, f[j]);
  }
  if (!m->slots2)
    for (size_t j = 0; j < nf && j < ROW_AHEAD; j++)
      if (rows[j]) prefetch(&pool[rows[j]]);
  for (size_t i = 0; i < n; i++) {
    int32_t *isum = w->isum;
    memset(isum, 0, L * sizeof(int32_t));
    for (size_t j = seq->off[i]; j < seq->off[i + 1]; j++) {
      if (!m->slots2 && j + ROW_AHEAD < nf && rows[j + ROW_AHEAD])
        prefetch(&pool[rows[j + ROW_AHEAD]]);
      if (rows[j]) add_row(m, rows[j], isum);
    }
    float *em = w->em + i * L;
    for (size_t y = 0; y < L; y++) em[y] = (float)isum[y] * m->scale;
  }
}

/* Second-order Viterbi: the state of position i is the label pair
** (y[i-1], y[i]); delta row i, entry a*L + b, is the best score of a
** labelling of 0..i ending in (a, b), back the label y[i-2] it came
** from. Position 0 has one row, a = L (before the start). */
static int decode2(const hoso_tag_model *m, hoso_tag_work *w, const hoso_tag_seq *seq,
                   uint16_t *out) {
  size_t n = seq->n, L = m->nlabels, LL = L * L;
  const float *t1 = m->trans, *t2 = m->trans2;
  if (n > SIZE_MAX / sizeof(float) / (LL + L)) return HOSO_ENOMEM;
  if (work_reserve(w, L, n, n * LL + L, seq->off[n])) return HOSO_ENOMEM;
  emissions(m, w, seq);
  float *d = w->delta;
  uint16_t *bk = w->back;
  const float *em = w->em;
  /* row 0: only (start, b) */
  for (size_t b = 0; b < L; b++)
    d[b] = em[b] + t1[L * L + b] + t2[(L * (L + 1) + L) * L + b];
  if (n == 1) {
    size_t y = 0;
    for (size_t b = 1; b < L; b++)
      if (d[b] > d[y]) y = b;
    out[0] = (uint16_t)y;
    return HOSO_OK;
  }
  /* row 1 (at d + L): (a, b) from (start, a) */
  em += L;
  float *d1 = d + L;
  for (size_t a = 0; a < L; a++)
    for (size_t b = 0; b < L; b++) {
      d1[a * L + b] = d[a] + t1[a * L + b] + t2[(L * (L + 1) + a) * L + b] + em[b];
      bk[L + a * L + b] = (uint16_t)L;
    }
  for (size_t i = 2; i < n; i++) {
    em += L;
    const float *dp = d + L + (i - 2) * LL;
    float *di = d + L + (i - 1) * LL;
    uint16_t *bi = bk + L + (i - 1) * LL;
    for (size_t a = 0; a < L; a++)
      for (size_t b = 0; b < L; b++) {
        size_t best = 0;
        float bs = dp[a] + t2[(0 * (L + 1) + a) * L + b];
        for (size_t z = 1; z < L; z++) {
          float s = dp[z * L + a] + t2[(z * (L + 1) + a) * L + b];
          if (s > bs) bs = s, best = z;
        }
        di[a * L + b] = bs + t1[a * L + b] + em[b];
        bi[a * L + b] = (uint16_t)best;
      }
  }
  const float *dl = d + L + (n - 2) * LL;
  size_t ba = 0, bb = 0;
  for (size_t a = 0; a < L; a++)
    for (size_t b = 0; b < L; b++)
      if (dl[a * L + b] > dl[ba * L + bb]) ba = a, bb = b;
  hoso__tag_trace2(bk, L, n, ba, bb, out);
  return HOSO_OK;
}

void hoso__tag_trace2(const uint16_t *bk, size_t L, size_t n, size_t a, size_t b,
                      uint16_t *out) {
  size_t LL = L * L;
  out[n - 1] = (uint16_t)b;
  out[n - 2] = (uint16_t)a;
  for (size_t i = n - 1; i >= 2; i--)
    out[i - 2] = bk[L + (i - 1) * LL + (size_t)out[i - 1] * L + out[i]];
}

int hoso__tag_decode(const hoso_tag_model *m, hoso_tag_work *w,
                     const hoso_tag_seq *seq, uint16_t *out) {
  size_t n = seq->n, L = m->nlabels;
  if (n == 0) return HOSO_OK;
  if (!seq->off || seq->off[0] != 0) return HOSO_EARG;
  for (size_t i = 0; i < n; i++)
    if (seq->off[i + 1] < seq->off[i]) return HOSO_EARG;
  if (m->greedy) {
    if (work_reserve(w, L, n, 0, seq->off[n])) return HOSO_ENOMEM;
    emissions(m, w, seq);
    size_t prev = L;
    for (size_t i = 0; i < n; i++) {
      const float *em = w->em + i * L, *tr = m->trans + prev * L;
      size_t best = 0;
      float bs = em[0] + tr[0];
      for (size_t y = 1; y < L; y++) {
        float s = em[y] + tr[y];
        if (s > bs) bs = s, best = y;
      }
      out[i] = (uint16_t)best;
      prev = best;
    }
    return HOSO_OK;
  }
  if (m->trans2) return decode2(m, w, seq, out);
  if (n > SIZE_MAX / sizeof(float) / L) return HOSO_ENOMEM;
  if (work_reserve(w, L, n, n * L, seq->off[n])) return HOSO_ENOMEM;
  emissions(m, w, seq);
  float *d = w->delta;
  uint16_t *bk = w->back;
  for (size_t i = 0; i < n; i++) {
    const float *em = w->em + i * L;
    float *di = d + i * L;
    if (i == 0) {
      for (size_t y = 0; y < L; y++) di[y] = em[y] + m->trans[L * L + y];
      continue;
    }
    const float *dp = d + (i - 1) * L;
    for (size_t y = 0; y < L; y++) {
      size_t best = 0;
      float bs = dp[0] + m->trans[y];
      for (size_t a = 1; a < L; a++) {
        float s = dp[a] + m->trans[a * L + y];
        if (s > bs) bs = s, best = a;
      }
      di[y] = bs + em[y];
      bk[i * L + y] = (uint16_t)best;
    }
  }
  const float *dl = d + (n - 1) * L;
  size_t y = 0;
  for (size_t a = 1; a < L; a++)
    if (dl[a] > dl[y]) y = a;
  for (size_t i = n; i-- > 0;) {
    out[i] = (uint16_t)y;
    if (i) y = bk[i * L + y];
  }
  return HOSO_OK;
}
