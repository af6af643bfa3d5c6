/*
** train.c -- training src/tag models: structured averaged perceptron.
**
** The trainer interns every feature hash into a dense id when a sequence
** is added, and keeps the sequences (feature ids, gold label ids) in
** memory. Each epoch visits the sequences in a seeded pseudo-random order
** (xorshift64*, Fisher-Yates), decodes with the current weights (Viterbi
** or greedy, as the model will), and on a mistake adds +1 to the gold and
** -1 to the predicted label's weights of the features at each wrong
** position, and to the wrong transitions. Averaging uses the lazy trick of
** Daume (2006): avg = w - acc / c, where acc sums c * update and c counts
** the sequences seen. Everything is double precision and the visit order
** is fixed by the seed, so a run is reproducible bit for bit.
**
** With opts.pa_c > 0 (opt-in, tried for NER in session 14: worse) the
** step is passive-aggressive instead of 1 (pa_step below).
**
** Saving quantises the averaged emission weights to int16 with one scale
** (max |w| / 32767), drops zero weights and features left with none, and
** writes the format described in model.c.
*/
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "tag/tag_impl.h"

/* gold[] of a position whose label is unknown (partial labels; label ids
** are below HOSO_TAG_MAX_LABELS) */
#define TAG_UNKNOWN 0xFFFF

struct hoso_tag_trainer {
  hoso_tag_train_opts o;
  char *info;
  /* labels */
  char **lab;
  size_t nlab, caplab;
  /* feature intern table: open addressing over 64-bit hashes */
  uint64_t *tkey;
  uint32_t *tid; /* id + 1; 0 = empty */
  size_t tcap;
  uint64_t *fhash; /* by id */
  uint32_t *fcount;
  size_t nfeat, capfeat;
  /* data */
  uint32_t *pf;
  size_t npf, cappf;
  size_t *poff; /* npos + 1 */
  uint16_t *gold;
  size_t npos, cappos;
  size_t *sstart; /* nseq + 1 */
  size_t nseq, capseq;
  /* weights */
  double *w, *acc, *tw, *tacc;
  double *tw2, *tacc2; /* second order: (L+1)^2 * L label-trigram weights */
  double c;
  size_t L; /* labels fixed at training */
  int trained;
};

static int grow(void **p, size_t *cap, size_t need, size_t elem) {
  if (need <= *cap) return HOSO_OK;
  size_t nc = *cap ? *cap : 256;
  while (nc < need) {
    if (nc > SIZE_MAX / 4 / elem) return HOSO_ENOMEM;
    nc *= 2;
  }
  void *q = realloc(*p, nc * elem);
  if (!q) return HOSO_ENOMEM;
  *p = q;
  *cap = nc;
  return HOSO_OK;
}

hoso_tag_trainer *hoso__tag_trainer_new(const hoso_tag_train_opts *o) {
  hoso_tag_trainer *t = calloc(1, sizeof(*t));
  if (!t) return NULL;
  if (o) t->o = *o;
  if (!t->o.epochs) t->o.epochs = 10;
  if (!t->o.min_count) t->o.min_count = 1;
  const char *info = t->o.info ? t->o.info : "";
  if (strlen(info) > 255 || (t->o.order2 && t->o.greedy) || t->o.pa_c < 0 ||
      (t->o.order2 && t->o.pa_c > 0)) {
    free(t);
    return NULL;
  }
  t->info = strdup(info);
  t->tcap = 1 << 16;
  t->tkey = malloc(t->tcap * sizeof(uint64_t));
  t->tid = calloc(t->tcap, sizeof(uint32_t));
  t->poff = malloc(sizeof(size_t));
  t->sstart = malloc(sizeof(size_t));
  if (!t->info || !t->tkey || !t->tid || !t->poff || !t->sstart) {
    hoso__tag_trainer_free(t);
    return NULL;
  }
  t->cappos = 0;
  t->poff[0] = 0;
  t->capseq = 0;
  t->sstart[0] = 0;
  return t;
}

void hoso__tag_trainer_free(hoso_tag_trainer *t) {
  if (!t) return;
  for (size_t i = 0; i < t->nlab; i++) free(t->lab[i]);
  free(t->lab);
  free(t->info);
  free(t->tkey);
  free(t->tid);
  free(t->fhash);
  free(t->fcount);
  free(t->pf);
  free(t->poff);
  free(t->gold);
  free(t->sstart);
  free(t->w);
  free(t->acc);
  free(t->tw);
  free(t->tacc);
  free(t->tw2);
  free(t->tacc2);
  free(t);
}

static int label_id(hoso_tag_trainer *t, const char *name, hoso_error *err) {
  for (size_t i = 0; i < t->nlab; i++)
    if (strcmp(t->lab[i], name) == 0) return (int)i;
  size_t len = strlen(name);
  if (len == 0 || len > HOSO_TAG_MAX_LABEL_LEN)
    return hoso__err(err, HOSO_EARG, "label \"%.64s\" empty or longer than %d bytes",
                     name, HOSO_TAG_MAX_LABEL_LEN);
  if (t->nlab >= HOSO_TAG_MAX_LABELS)
    return hoso__err(err, HOSO_ETOOBIG, "more than %d labels", HOSO_TAG_MAX_LABELS);
  if (grow((void **)&t->lab, &t->caplab, t->nlab + 1, sizeof(char *)))
    return hoso__err(err, HOSO_ENOMEM, "out of memory");
  char *c = strdup(name);
  if (!c) return hoso__err(err, HOSO_ENOMEM, "out of memory");
  t->lab[t->nlab] = c;
  return (int)t->nlab++;
}

static int rehash(hoso_tag_trainer *t) {
  size_t nc = t->tcap * 2;
  uint64_t *k = malloc(nc * sizeof(uint64_t));
  uint32_t *id = calloc(nc, sizeof(uint32_t));
  if (!k || !id) {
    free(k);
    free(id);
    return HOSO_ENOMEM;
  }
  for (size_t i = 0; i < t->tcap; i++) {
    if (!t->tid[i]) continue;
    size_t s = (size_t)t->tkey[i] & (nc - 1);
    while (id[s]) s = (s + 1) & (nc - 1);
    k[s] = t->tkey[i];
    id[s] = t->tid[i];
  }
  free(t->tkey);
  free(t->tid);
  t->tkey = k;
  t->tid = id;
  t->tcap = nc;
  return HOSO_OK;
}

/* Feature id of hash h, interning it. Returns -1 on out of memory. */
static int64_t intern(hoso_tag_trainer *t, uint64_t h) {
  size_t mask = t->tcap - 1, s = (size_t)h & mask;
  while (t->tid[s]) {
    if (t->tkey[s] == h) {
      uint32_t id = t->tid[s] - 1;
      t->fcount[id]++;
      return id;
    }
    s = (s + 1) & mask;
  }
  if (t->nfeat >= UINT32_MAX - 1) return -1;
  if (grow((void **)&t->fhash, &t->capfeat, t->nfeat + 1, sizeof(uint64_t))) return -1;
  size_t cap2 = t->capfeat;
  /* fcount grows in step with fhash */
  uint32_t *fc = realloc(t->fcount, cap2 * sizeof(uint32_t));
  if (!fc) return -1;
  t->fcount = fc;
  uint32_t id = (uint32_t)t->nfeat++;
  t->fhash[id] = h;
  t->fcount[id] = 1;
  t->tkey[s] = h;
  t->tid[s] = id + 1;
  if (t->nfeat * 2 > t->tcap && rehash(t)) return -1;
  return id;
}

int hoso__tag_trainer_add(hoso_tag_trainer *t, const hoso_tag_seq *seq,
                          const char *const *labels, hoso_error *err) {
  if (t->trained) return hoso__err(err, HOSO_EARG, "trainer already trained");
  if (seq->n == 0) return HOSO_OK;
  size_t nf = seq->off[seq->n];
  if (grow((void **)&t->pf, &t->cappf, t->npf + nf, sizeof(uint32_t)) ||
      grow((void **)&t->gold, &t->cappos, t->npos + seq->n, sizeof(uint16_t)))
    return hoso__err(err, HOSO_ENOMEM, "out of memory");
  /* poff has npos + 1 entries; keep its capacity tied to cappos + 1 */
  size_t *po = realloc(t->poff, (t->cappos + 1) * sizeof(size_t));
  if (!po) return hoso__err(err, HOSO_ENOMEM, "out of memory");
  t->poff = po;
  size_t capss = t->capseq;
  if (grow((void **)&t->sstart, &capss, t->nseq + 2, sizeof(size_t)))
    return hoso__err(err, HOSO_ENOMEM, "out of memory");
  t->capseq = capss;
  for (size_t i = 0; i < seq->n; i++) {
    int y = labels[i] ? label_id(t, labels[i], err) : TAG_UNKNOWN;
    if (y < 0) return y;
    for (size_t j = seq->off[i]; j < seq->off[i + 1]; j++) {
      int64_t id = intern(t, seq->feats[j]);
      if (id < 0) return hoso__err(err, HOSO_ENOMEM, "out of memory");
      t->pf[t->npf++] = (uint32_t)id;
    }
    t->gold[t->npos] = (uint16_t)y;
    t->poff[++t->npos] = t->npf;
  }
  t->sstart[++t->nseq] = t->npos;
  return HOSO_OK;
}

/* The gold of position p: its label, or (partial labels) where it is
** TAG_UNKNOWN the label predicted there, so that the position itself
** gets no update. */
static uint16_t gold_at(const hoso_tag_trainer *t, size_t p, uint16_t pred) {
  return t->gold[p] == TAG_UNKNOWN ? pred : t->gold[p];
}

static uint64_t rng_next(uint64_t *s) {
  uint64_t x = *s;
  x ^= x >> 12;
  x ^= x << 25;
  x ^= x >> 27;
  *s = x;
  return x * 0x2545f4914f6cdd1dULL;
}

/* Second-order Viterbi over label pairs (as decode2 in model.c, in
** double precision): em holds the n*L emissions, d and bk scratch of
** L + (n-1)*L*L entries. */
static void train_decode2(const hoso_tag_trainer *t, size_t n, const double *em, double *d,
                          uint16_t *bk, uint16_t *pred) {
  size_t L = t->L, LL = L * L;
  const double *t1 = t->tw, *t2 = t->tw2;
  for (size_t b = 0; b < L; b++) d[b] = em[b] + t1[L * L + b] + t2[(L * (L + 1) + L) * L + b];
  if (n == 1) {
    size_t y = 0;
    for (size_t b = 1; b < L; b++)
      if (d[b] > d[y]) y = b;
    pred[0] = (uint16_t)y;
    return;
  }
  double *d1 = d + L;
  for (size_t a = 0; a < L; a++)
    for (size_t b = 0; b < L; b++)
      d1[a * L + b] = d[a] + t1[a * L + b] + t2[(L * (L + 1) + a) * L + b] + em[L + b];
  for (size_t i = 2; i < n; i++) {
    const double *dp = d + L + (i - 2) * LL, *e = em + i * L;
    double *di = d + L + (i - 1) * LL;
    uint16_t *bi = bk + L + (i - 1) * LL;
    for (size_t a = 0; a < L; a++)
      for (size_t b = 0; b < L; b++) {
        size_t best = 0;
        double bs = dp[a] + t2[a * L + b];
        for (size_t z = 1; z < L; z++) {
          double sc = dp[z * L + a] + t2[(z * (L + 1) + a) * L + b];
          if (sc > bs) bs = sc, best = z;
        }
        di[a * L + b] = bs + t1[a * L + b] + e[b];
        bi[a * L + b] = (uint16_t)best;
      }
  }
  const double *dl = d + L + (n - 2) * LL;
  size_t ba = 0, bb = 0;
  for (size_t a = 0; a < L; a++)
    for (size_t b = 0; b < L; b++)
      if (dl[a * L + b] > dl[ba * L + bb]) ba = a, bb = b;
  hoso__tag_trace2(bk, L, n, ba, bb, pred);
}

/* Decode positions [p0, p1) with the current weights into pred. em is
** scratch of (p1-p0)*L doubles, bk of the same count. */
static void train_decode(const hoso_tag_trainer *t, size_t p0, size_t p1,
                         uint16_t *pred, double *em, uint16_t *bk) {
  size_t L = t->L, n = p1 - p0;
  for (size_t i = 0; i < n; i++) {
    double *e = em + i * L;
    for (size_t y = 0; y < L; y++) e[y] = 0;
    for (size_t j = t->poff[p0 + i]; j < t->poff[p0 + i + 1]; j++) {
      uint32_t f = t->pf[j];
      if (t->fcount[f] < t->o.min_count) continue;
      const double *wf = t->w + (size_t)f * L;
      for (size_t y = 0; y < L; y++) e[y] += wf[y];
    }
  }
  if (t->tw2) {
    train_decode2(t, n, em, em + n * L, bk, pred);
    return;
  }
  if (t->o.greedy) {
    size_t prev = L;
    for (size_t i = 0; i < n; i++) {
      const double *e = em + i * L, *tr = t->tw + prev * L;
      size_t best = 0;
      double bs = e[0] + tr[0];
      for (size_t y = 1; y < L; y++)
        if (e[y] + tr[y] > bs) bs = e[y] + tr[y], best = y;
      pred[i] = (uint16_t)best;
      prev = best;
    }
    return;
  }
  /* Viterbi in place: em row i becomes delta row i */
  for (size_t y = 0; y < L; y++) em[y] += t->tw[L * L + y];
  for (size_t i = 1; i < n; i++) {
    double *d = em + i * L;
    const double *dp = em + (i - 1) * L;
    for (size_t y = 0; y < L; y++) {
      size_t best = 0;
      double bs = dp[0] + t->tw[y];
      for (size_t a = 1; a < L; a++) {
        double s = dp[a] + t->tw[a * L + y];
        if (s > bs) bs = s, best = a;
      }
      d[y] += bs;
      bk[i * L + y] = (uint16_t)best;
    }
  }
  const double *dl = em + (n - 1) * L;
  size_t y = 0;
  for (size_t a = 1; a < L; a++)
    if (dl[a] > dl[y]) y = a;
  for (size_t i = n; i-- > 0;) {
    pred[i] = (uint16_t)y;
    if (i) y = bk[i * L + y];
  }
}

/* The passive-aggressive step for the prediction pred of sequence
** [p0, p0+n): (score(pred) - score(gold) + wrong positions) / |phi(gold) -
** phi(pred)|^2, capped at pa_c. The squared norm counts each feature
** occurrence at a wrong position and each differing transition as apart
** (a feature repeated in the sequence is not merged): an upper bound when
** they cancel, a lower one when they add up. */
static double pa_step(const hoso_tag_trainer *t, size_t p0, size_t n, const uint16_t *pred) {
  size_t L = t->L, pg = L, pp = L;
  double delta = 0, norm = 0, loss = 0;
  for (size_t i = 0; i < n; i++) {
    uint16_t gi = gold_at(t, p0 + i, pred[i]);
    if (gi != pred[i]) {
      loss += 1;
      for (size_t j = t->poff[p0 + i]; j < t->poff[p0 + i + 1]; j++) {
        uint32_t f = t->pf[j];
        if (t->fcount[f] < t->o.min_count) continue;
        delta += t->w[(size_t)f * L + pred[i]] - t->w[(size_t)f * L + gi];
        norm += 2;
      }
    }
    if (gi != pred[i] || pg != pp) {
      delta += t->tw[pp * L + pred[i]] - t->tw[pg * L + gi];
      norm += 2;
    }
    pg = gi;
    pp = pred[i];
  }
  if (norm <= 0) return 0;
  double tau = (delta + loss) / norm;
  return tau < 0 ? 0 : tau > t->o.pa_c ? t->o.pa_c : tau;
}

static void upd(double *w, double *acc, size_t idx, double v, double c) {
  w[idx] += v;
  acc[idx] += c * v;
}

int hoso__tag_trainer_train(hoso_tag_trainer *t, hoso_error *err) {
  if (t->trained) return hoso__err(err, HOSO_EARG, "trainer already trained");
  if (t->nlab == 0) return hoso__err(err, HOSO_EARG, "no training data");
  size_t L = t->L = t->nlab;
  if (t->nfeat > SIZE_MAX / sizeof(double) / L)
    return hoso__err(err, HOSO_ENOMEM, "too many features");
  t->w = calloc(t->nfeat * L, sizeof(double));
  t->acc = calloc(t->nfeat * L, sizeof(double));
  t->tw = calloc((L + 1) * L, sizeof(double));
  t->tacc = calloc((L + 1) * L, sizeof(double));
  if (t->o.order2) {
    if (L > HOSO_TAG_MAX_LABELS2)
      return hoso__err(err, HOSO_ETOOBIG, "more than %d labels for a second-order model",
                       HOSO_TAG_MAX_LABELS2);
    t->tw2 = calloc((L + 1) * (L + 1) * L, sizeof(double));
    t->tacc2 = calloc((L + 1) * (L + 1) * L, sizeof(double));
    if (!t->tw2 || !t->tacc2) return hoso__err(err, HOSO_ENOMEM, "out of memory for weights");
  }
  size_t maxn = 0;
  for (size_t s = 0; s < t->nseq; s++)
    if (t->sstart[s + 1] - t->sstart[s] > maxn) maxn = t->sstart[s + 1] - t->sstart[s];
  /* second order: emissions, then the pair lattice, in em; bk the same */
  size_t lat = t->o.order2 ? maxn * L + maxn * L * L + L : maxn * L;
  double *em = malloc((lat + 1) * sizeof(double));
  uint16_t *bk = malloc((lat + 1) * sizeof(uint16_t));
  uint16_t *pred = malloc((maxn + 1) * sizeof(uint16_t));
  size_t *order = malloc((t->nseq + 1) * sizeof(size_t));
  if (!t->w || !t->acc || !t->tw || !t->tacc || !em || !bk || !pred || !order) {
    free(em);
    free(bk);
    free(pred);
    free(order);
    return hoso__err(err, HOSO_ENOMEM, "out of memory for weights");
  }
  for (size_t s = 0; s < t->nseq; s++) order[s] = s;
  uint64_t rng = t->o.seed ? t->o.seed : 0x853c49e6748fea9bULL;
  t->c = 1;
  for (unsigned ep = 0; ep < t->o.epochs; ep++) {
    for (size_t s = t->nseq; s > 1; s--) {
      size_t j = (size_t)(rng_next(&rng) % s);
      size_t tmp = order[s - 1];
      order[s - 1] = order[j];
      order[j] = tmp;
    }
    size_t wrong = 0, total = 0;
    for (size_t k = 0; k < t->nseq; k++) {
      size_t s = order[k], p0 = t->sstart[s], p1 = t->sstart[s + 1], n = p1 - p0;
      train_decode(t, p0, p1, pred, em, bk);
      /* the step: 1 (perceptron) or passive-aggressive */
      double step = t->o.pa_c > 0 ? pa_step(t, p0, n, pred) : 1;
      size_t pg = L, pp = L, pg2 = L, pp2 = L;
      for (size_t i = 0; i < n; i++) {
        uint16_t gi = gold_at(t, p0 + i, pred[i]);
        total++;
        if (gi != pred[i]) {
          wrong++;
          for (size_t j = t->poff[p0 + i]; j < t->poff[p0 + i + 1]; j++) {
            uint32_t f = t->pf[j];
            if (t->fcount[f] < t->o.min_count) continue;
            upd(t->w, t->acc, (size_t)f * L + gi, step, t->c);
            upd(t->w, t->acc, (size_t)f * L + pred[i], -step, t->c);
          }
        }
        if (gi != pred[i] || pg != pp) {
          upd(t->tw, t->tacc, pg * L + gi, step, t->c);
          upd(t->tw, t->tacc, pp * L + pred[i], -step, t->c);
        }
        if (t->tw2 && (gi != pred[i] || pg != pp || pg2 != pp2)) {
          upd(t->tw2, t->tacc2, (pg2 * (L + 1) + pg) * L + gi, 1, t->c);
          upd(t->tw2, t->tacc2, (pp2 * (L + 1) + pp) * L + pred[i], -1, t->c);
        }
        pg2 = pg;
        pp2 = pp;
        pg = gi;
        pp = pred[i];
      }
      t->c += 1;
    }
    if (t->o.log)
      fprintf(t->o.log, "epoch %u: %zu/%zu positions wrong (%.3f%%)\n", ep + 1,
              wrong, total, total ? 100.0 * (double)wrong / (double)total : 0.0);
  }
  free(em);
  free(bk);
  free(pred);
  free(order);
  t->trained = 1;
  return HOSO_OK;
}

static void put32(unsigned char *p, uint32_t v) {
  p[0] = (unsigned char)v;
  p[1] = (unsigned char)(v >> 8);
  p[2] = (unsigned char)(v >> 16);
  p[3] = (unsigned char)(v >> 24);
}

static uint32_t rd_slot_off(const unsigned char *slots, size_t s) {
  const unsigned char *p = slots + 8 * s + 4;
  return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
         (uint32_t)p[3] << 24;
}

/* Serialise the averaged model into out (malloc'd), *n its size. */
static int serialise(hoso_tag_trainer *t, unsigned char **out, size_t *n,
                     hoso_error *err) {
  if (!t->trained) return hoso__err(err, HOSO_EARG, "trainer not trained");
  size_t L = t->L;
  double maxabs = 0;
  for (size_t f = 0; f < t->nfeat; f++) {
    if (t->fcount[f] < t->o.min_count) continue;
    for (size_t y = 0; y < L; y++) {
      size_t i = f * L + y;
      double a = fabs(t->w[i] - t->acc[i] / t->c);
      if (a > maxabs) maxabs = a;
    }
  }
  float scale = maxabs > 0 ? (float)(maxabs / 32767.0) : 1.0f;
  /* pruned weights quantise to 0 and are dropped with the zeros */
  double cut = t->o.prune > 0 ? t->o.prune * maxabs : 0;
  /* count rows */
  size_t nkept = 0, nent = 1;
  int16_t *q = malloc(L * sizeof(int16_t));
  if (!q) return hoso__err(err, HOSO_ENOMEM, "out of memory");
#define AVG(f, y) (t->w[(f) * L + (y)] - t->acc[(f) * L + (y)] / t->c)
#define QUANT(f, y)                                                           \
  (fabs(AVG(f, y)) < cut                                                      \
       ? (int16_t)0                                                           \
       : (int16_t)fmax(-32767.0, fmin(32767.0, nearbyint(AVG(f, y) / (double)scale))))
  for (size_t f = 0; f < t->nfeat; f++) {
    if (t->fcount[f] < t->o.min_count) continue;
    size_t k = 0;
    for (size_t y = 0; y < L; y++)
      if (QUANT(f, y)) k++;
    if (k) nkept++, nent += 1 + k;
  }
  size_t S = 8;
  while (S < nkept + nkept / 2 + 1) S *= 2;
  if (S > (1u << 28) || nent > (1u << 28)) {
    free(q);
    return hoso__err(err, HOSO_ETOOBIG, "model too large");
  }
  size_t lb = 0;
  for (size_t y = 0; y < L; y++) lb += strlen(t->lab[y]) + 1;
  lb = (lb + 3) / 4 * 4;
  size_t ib = (strlen(t->info) + 1 + 3) / 4 * 4;
  size_t n2 = t->tw2 ? (L + 1) * (L + 1) * L : 0;
  size_t total = 64 + lb + ib + 4 * (L + 1) * L + 4 * n2 + 8 * S + 4 * nent;
  unsigned char *b = calloc(1, total);
  if (!b) {
    free(q);
    return hoso__err(err, HOSO_ENOMEM, "out of memory");
  }
  memcpy(b, HOSO_TAG_MAGIC, 8);
  put32(b + 8, 1);
  put32(b + 12, (t->o.greedy ? 1u : 0u) | (t->tw2 ? 2u : 0u));
  put32(b + 16, (uint32_t)L);
  put32(b + 20, (uint32_t)lb);
  put32(b + 24, (uint32_t)ib);
  put32(b + 28, (uint32_t)S);
  put32(b + 32, (uint32_t)nent);
  memcpy(b + 36, &scale, 4);
  put32(b + 44, (uint32_t)nkept);
  size_t at = 64;
  for (size_t y = 0; y < L; y++) {
    size_t len = strlen(t->lab[y]);
    memcpy(b + at, t->lab[y], len);
    at += len + 1;
  }
  at = 64 + lb;
  memcpy(b + at, t->info, strlen(t->info));
  at += ib;
  for (size_t i = 0; i < (L + 1) * L; i++) {
    float v = (float)(t->tw[i] - t->tacc[i] / t->c);
    memcpy(b + at + 4 * i, &v, 4);
  }
  at += 4 * (L + 1) * L;
  for (size_t i = 0; i < n2; i++) {
    float v = (float)(t->tw2[i] - t->tacc2[i] / t->c);
    memcpy(b + at + 4 * i, &v, 4);
  }
  at += 4 * n2;
  unsigned char *slots = b + at;
  unsigned char *pool = slots + 8 * S;
  uint32_t pos = 1;
  for (size_t f = 0; f < t->nfeat; f++) {
    if (t->fcount[f] < t->o.min_count) continue;
    uint32_t k = 0;
    for (size_t y = 0; y < L; y++)
      if ((q[y] = QUANT(f, y)) != 0) k++;
    if (!k) continue;
    uint64_t h = t->fhash[f];
    size_t s = (size_t)h & (S - 1);
    while (rd_slot_off(slots, s)) s = (s + 1) & (S - 1);
    put32(slots + 8 * s, (uint32_t)(h >> 32));
    put32(slots + 8 * s + 4, pos);
    put32(pool + 4 * pos, k);
    uint32_t j = pos + 1;
    for (size_t y = 0; y < L; y++)
      if (q[y]) put32(pool + 4 * j++, (uint32_t)y << 16 | (uint16_t)q[y]);
    pos = j;
  }
#undef QUANT
#undef AVG
  free(q);
  put32(b + 40, hoso__tag_checksum(b, total));
  *out = b;
  *n = total;
  return HOSO_OK;
}

int hoso__tag_trainer_model(hoso_tag_trainer *t, hoso_tag_model **out,
                            hoso_error *err) {
  unsigned char *b;
  size_t n;
  *out = NULL;
  int rc = serialise(t, &b, &n, err);
  if (rc) return rc;
  rc = hoso__tag_model_load(b, n, "(trainer)", out, err);
  free(b);
  return rc;
}

int hoso__tag_trainer_save(hoso_tag_trainer *t, const char *path,
                           hoso_error *err) {
  unsigned char *b;
  size_t n;
  int rc = serialise(t, &b, &n, err);
  if (rc) return rc;
  size_t plen = strlen(path);
  char *tmp = malloc(plen + 8);
  if (!tmp) {
    free(b);
    return hoso__err(err, HOSO_ENOMEM, "out of memory");
  }
  memcpy(tmp, path, plen);
  memcpy(tmp + plen, ".tmp", 5);
  FILE *f = fopen(tmp, "wb");
  int ok = f && fwrite(b, 1, n, f) == n;
  if (f && fclose(f) != 0) ok = 0;
  if (ok && rename(tmp, path) != 0) ok = 0;
  if (!ok) {
    remove(tmp);
    rc = hoso__err(err, HOSO_EIO, "cannot write model: %s", strerror(errno));
    hoso__err_file(err, path);
  }
  free(tmp);
  free(b);
  return rc;
}
