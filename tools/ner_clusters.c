/*
** ner_clusters.c -- learn word classes for the entity tagger from
** unlabelled text (models/ner-clusters.tsv; see src/ner/clusters.h).
**
** usage: ner_clusters [--classes C] [--vocab V] [--iters I] TEXT OUT
**
** TEXT is plain UTF-8 (here: the VNTC news articles, written by
** tools/vi_newstext). Each line is scanned into tokens exactly as the
** tagger scans text; every token becomes an item (hoso__nclust_item:
** match key, '^' for a capital inside a sentence, '0' for numbers). The V
** most frequent items (seen >= 3 times; ties by bytes) are clustered into
** C classes by the exchange algorithm (Kneser and Ney 1993; Martin,
** Liermann and Ney 1998): the classes maximise the likelihood of a class
** bigram model, sum N(a,b) log N(a,b) - sum Nl(a) log Nl(a) -
** sum Nr(b) log Nr(b), over the bigrams of adjacent items in a sentence
** (bigrams of an item with itself and with items out of the vocabulary
** are left out). Items start in class rank % C and are visited in
** frequency order; each moves to the class that gains most. Everything is
** deterministic: the same text gives the same file, byte for byte.
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ner/clusters.h"
#include "ner/ner.h"
#include "tag/tag.h"

/* ---- items ------------------------------------------------------------ */

typedef struct item { uint64_t h; uint32_t off, len; uint64_t count; } item;

typedef struct vocab {
  item *it;        /* by id */
  size_t n, cap;
  uint32_t *slot;  /* open addressing: id + 1, 0 empty */
  size_t mask;
  hoso_buf bytes;  /* item strings back to back */
} vocab;

static int vocab_grow(vocab *v) {
  size_t ns = (v->mask + 1) * 2;
  uint32_t *s = calloc(ns, sizeof *s);
  if (!s) return -1;
  for (size_t i = 0; i < v->n; i++) {
    size_t k = v->it[i].h & (ns - 1);
    while (s[k]) k = (k + 1) & (ns - 1);
    s[k] = (uint32_t)i + 1;
  }
  free(v->slot);
  v->slot = s;
  v->mask = ns - 1;
  return 0;
}

/* Id of item s[0..n), added if new; -1 on out of memory. */
static int64_t vocab_id(vocab *v, const char *s, size_t n) {
  uint64_t h = hoso__tag_hash(s, n);
  size_t k = h & v->mask;
  while (v->slot[k]) {
    item *x = &v->it[v->slot[k] - 1];
    if (x->h == h && x->len == n && !memcmp(v->bytes.p + x->off, s, n))
      return v->slot[k] - 1;
    k = (k + 1) & v->mask;
  }
  if (v->n == v->cap) {
    size_t nc = v->cap ? v->cap * 2 : 4096;
    item *ni = realloc(v->it, nc * sizeof *ni);
    if (!ni) return -1;
    v->it = ni;
    v->cap = nc;
  }
  item *x = &v->it[v->n];
  x->h = h;
  x->off = (uint32_t)v->bytes.n;
  x->len = (uint32_t)n;
  x->count = 0;
  if (hoso__buf_add(&v->bytes, s, n)) return -1;
  v->slot[k] = (uint32_t)v->n + 1;
  v->n++;
  if (v->n * 2 > v->mask && vocab_grow(v)) return -1;
  return (int64_t)v->n - 1;
}

/* ---- the corpus as item ids ------------------------------------------- */

#define SENT_END UINT32_MAX

typedef struct corpus { uint32_t *id; size_t n, cap; } corpus;

static int corpus_add(corpus *c, uint32_t id) {
  if (c->n == c->cap) {
    size_t nc = c->cap ? c->cap * 2 : (1u << 20);
    uint32_t *p = realloc(c->id, nc * sizeof *p);
    if (!p) return -1;
    c->id = p;
    c->cap = nc;
  }
  c->id[c->n++] = id;
  return 0;
}

static int read_text(const char *path, vocab *v, corpus *c, hoso_error *err) {
  char *data;
  size_t n;
  int rc = hoso__read_file(path, (size_t)1 << 31, &data, &n, err);
  if (rc) return rc;
  size_t p = 0;
  char buf[HOSO_NCLUST_MAX_ITEM];
  while (p < n && !rc) {
    const char *nl = memchr(data + p, '\n', n - p);
    size_t e = nl ? (size_t)(nl - data) : n;
    hoso__ndoc d;
    rc = hoso__ndoc_scan(&d, data + p, e - p, err);
    for (size_t s = 0; !rc && s < d.nsent; s++) {
      for (uint32_t t = d.sent[s].tok0; t < d.sent[s].tok1 && !rc; t++) {
        size_t il = hoso__nclust_item(&d, t, buf);
        if (!il) {
          if (corpus_add(c, SENT_END)) rc = HOSO_ENOMEM;
          continue;
        }
        int64_t id = vocab_id(v, buf, il);
        if (id < 0 || corpus_add(c, (uint32_t)id)) rc = HOSO_ENOMEM;
        else v->it[id].count++;
      }
      if (!rc && corpus_add(c, SENT_END)) rc = HOSO_ENOMEM;
    }
    hoso__ndoc_free(&d);
    p = e + 1;
  }
  hoso_free(data);
  if (rc == HOSO_ENOMEM) hoso__err(err, rc, "out of memory");
  return rc;
}

/* ---- clustering --------------------------------------------------------- */

typedef struct rank_el { uint64_t count; const char *s; uint32_t len, id; } rank_el;

static int by_count(const void *a, const void *b) {
  const rank_el *x = a, *y = b;
  if (x->count != y->count) return x->count > y->count ? -1 : 1;
  size_t m = x->len < y->len ? x->len : y->len;
  int c = memcmp(x->s, y->s, m);
  if (c) return c;
  return x->len < y->len ? -1 : x->len > y->len;
}

static int u64cmp(const void *a, const void *b) {
  uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
  return x < y ? -1 : x > y;
}

/* Sparse rows: for word w, neighbours nb[row[w] .. row[w+1]) with counts. */
typedef struct rows { size_t *row; uint32_t *nb; uint32_t *cnt; } rows;

/* Build rows from sorted (a<<32|b) pairs (runs of equal pairs counted). */
static int build_rows(const uint64_t *p, size_t np, size_t V, rows *r) {
  size_t distinct = 0;
  for (size_t i = 0; i < np; i++) distinct += !i || p[i] != p[i - 1];
  r->row = calloc(V + 1, sizeof *r->row);
  r->nb = malloc((distinct ? distinct : 1) * sizeof *r->nb);
  r->cnt = malloc((distinct ? distinct : 1) * sizeof *r->cnt);
  if (!r->row || !r->nb || !r->cnt) return -1;
  size_t k = 0;
  for (size_t i = 0; i < np;) {
    size_t j = i;
    while (j < np && p[j] == p[i]) j++;
    uint32_t a = (uint32_t)(p[i] >> 32);
    r->nb[k] = (uint32_t)p[i];
    r->cnt[k] = (uint32_t)(j - i);
    r->row[a + 1]++;
    k++;
    i = j;
  }
  for (size_t w = 0; w < V; w++) r->row[w + 1] += r->row[w];
  return 0;
}

#define FTAB (1u << 20)
typedef struct xlogx { double *t; } xlogx;
static inline double F(const xlogx *f, int64_t x) {
  if (x <= 0) return 0;
  return x < (int64_t)FTAB ? f->t[x] : (double)x * log((double)x);
}

int main(int argc, char **argv) {
  unsigned C = 256, iters = 8;
  size_t V = 40000;
  int a = 1;
  while (a + 1 < argc && argv[a][0] == '-' && argv[a][1] == '-') {
    if (!strcmp(argv[a], "--classes")) C = (unsigned)atoi(argv[a + 1]);
    else if (!strcmp(argv[a], "--vocab")) V = (size_t)atol(argv[a + 1]);
    else if (!strcmp(argv[a], "--iters")) iters = (unsigned)atoi(argv[a + 1]);
    else break;
    a += 2;
  }
  if (argc - a != 2 || C < 2 || C >= HOSO_NCLUST_NONE || V < C) {
    fprintf(stderr, "usage: ner_clusters [--classes C] [--vocab V] [--iters I] TEXT OUT\n");
    return 2;
  }
  hoso_error err;
  hoso_error_clear(&err);
  vocab v;
  memset(&v, 0, sizeof v);
  hoso__buf_init(&v.bytes, 0);
  v.mask = 4095;
  v.slot = calloc(v.mask + 1, sizeof *v.slot);
  corpus c;
  memset(&c, 0, sizeof c);
  int rc = v.slot ? read_text(argv[a], &v, &c, &err) : HOSO_ENOMEM;
  if (rc) {
    char m[600];
    if (!err.code) hoso__err(&err, rc, "failed");
    fprintf(stderr, "ner_clusters: %s\n", hoso_error_format(&err, m, sizeof m));
    return 1;
  }
  /* the vocabulary: the V most frequent items seen >= 3 times */
  rank_el *order = malloc((v.n ? v.n : 1) * sizeof *order);
  uint32_t *newid = malloc((v.n ? v.n : 1) * sizeof *newid);
  if (!order || !newid) return fprintf(stderr, "ner_clusters: out of memory\n"), 1;
  for (size_t i = 0; i < v.n; i++)
    order[i] = (rank_el){v.it[i].count, v.bytes.p + v.it[i].off, v.it[i].len, (uint32_t)i};
  qsort(order, v.n, sizeof *order, by_count);
  size_t nv = 0;
  while (nv < v.n && nv < V && order[nv].count >= 3) nv++;
  for (size_t i = 0; i < v.n; i++) newid[i] = UINT32_MAX;
  for (size_t i = 0; i < nv; i++) newid[order[i].id] = (uint32_t)i;
  fprintf(stderr, "ner_clusters: %zu tokens, %zu items, vocabulary %zu, %u classes\n",
          c.n, v.n, nv, C);
  /* bigrams among vocabulary items: (left<<32|right) and (right<<32|left) */
  size_t np = 0;
  for (size_t i = 0; i + 1 < c.n; i++) {
    uint32_t x = c.id[i], y = c.id[i + 1];
    if (x == SENT_END || y == SENT_END) continue;
    x = newid[x];
    y = newid[y];
    np += x != UINT32_MAX && y != UINT32_MAX && x != y;
  }
  uint64_t *pr = malloc((np ? np : 1) * sizeof *pr);
  uint64_t *pl = malloc((np ? np : 1) * sizeof *pl);
  if (!pr || !pl) return fprintf(stderr, "ner_clusters: out of memory\n"), 1;
  size_t k = 0;
  for (size_t i = 0; i + 1 < c.n; i++) {
    uint32_t x = c.id[i], y = c.id[i + 1];
    if (x == SENT_END || y == SENT_END) continue;
    x = newid[x];
    y = newid[y];
    if (x == UINT32_MAX || y == UINT32_MAX || x == y) continue;
    pr[k] = (uint64_t)x << 32 | y;
    pl[k] = (uint64_t)y << 32 | x;
    k++;
  }
  free(c.id);
  qsort(pr, np, sizeof *pr, u64cmp);
  qsort(pl, np, sizeof *pl, u64cmp);
  rows R, L; /* R: right neighbours of w; L: left neighbours of w */
  memset(&R, 0, sizeof R);
  memset(&L, 0, sizeof L);
  if (build_rows(pr, np, nv, &R) || build_rows(pl, np, nv, &L))
    return fprintf(stderr, "ner_clusters: out of memory\n"), 1;
  free(pr);
  free(pl);
  /* class counts */
  xlogx f;
  f.t = malloc(FTAB * sizeof *f.t);
  uint32_t *cls = malloc((nv ? nv : 1) * sizeof *cls);
  int64_t *N = calloc((size_t)C * C, sizeof *N); /* N[a*C+b]: class bigram */
  int64_t *Nl = calloc(C, sizeof *Nl), *Nr = calloc(C, sizeof *Nr);
  int64_t *lw = calloc(nv ? nv : 1, sizeof *lw), *rw = calloc(nv ? nv : 1, sizeof *rw);
  int64_t *Rc = calloc(C, sizeof *Rc), *Lc = calloc(C, sizeof *Lc);
  uint32_t *rl = malloc(C * sizeof *rl), *ll = malloc(C * sizeof *ll);
  double *gain = malloc(C * sizeof *gain);
  if (!f.t || !cls || !N || !Nl || !Nr || !lw || !rw || !Rc || !Lc || !rl || !ll || !gain)
    return fprintf(stderr, "ner_clusters: out of memory\n"), 1;
  f.t[0] = 0;
  for (size_t x = 1; x < FTAB; x++) f.t[x] = (double)x * log((double)x);
  for (size_t w = 0; w < nv; w++) cls[w] = (uint32_t)(w % C);
  for (size_t w = 0; w < nv; w++)
    for (size_t j = R.row[w]; j < R.row[w + 1]; j++) {
      N[(size_t)cls[w] * C + cls[R.nb[j]]] += R.cnt[j];
      lw[w] += R.cnt[j];
      rw[R.nb[j]] += R.cnt[j];
    }
  for (size_t w = 0; w < nv; w++) {
    Nl[cls[w]] += lw[w];
    Nr[cls[w]] += rw[w];
  }
  for (unsigned it = 0; it < iters; it++) {
    size_t moved = 0;
    for (size_t w = 0; w < nv; w++) {
      /* the word's neighbours by class */
      size_t nr = 0, nl = 0;
      for (size_t j = R.row[w]; j < R.row[w + 1]; j++) {
        uint32_t cc = cls[R.nb[j]];
        if (!Rc[cc]) rl[nr++] = cc;
        Rc[cc] += R.cnt[j];
      }
      for (size_t j = L.row[w]; j < L.row[w + 1]; j++) {
        uint32_t cc = cls[L.nb[j]];
        if (!Lc[cc]) ll[nl++] = cc;
        Lc[cc] += L.cnt[j];
      }
      /* take it out of its class */
      uint32_t from = cls[w];
      for (size_t j = 0; j < nr; j++) N[(size_t)from * C + rl[j]] -= Rc[rl[j]];
      for (size_t j = 0; j < nl; j++) N[(size_t)ll[j] * C + from] -= Lc[ll[j]];
      Nl[from] -= lw[w];
      Nr[from] -= rw[w];
      /* the gain of each class */
      for (uint32_t b = 0; b < C; b++) {
        double g = -(F(&f, Nl[b] + lw[w]) - F(&f, Nl[b])) - (F(&f, Nr[b] + rw[w]) - F(&f, Nr[b]));
        const int64_t *row = N + (size_t)b * C;
        for (size_t j = 0; j < nr; j++) {
          uint32_t cc = rl[j];
          if (cc == b) continue;
          g += F(&f, row[cc] + Rc[cc]) - F(&f, row[cc]);
        }
        for (size_t j = 0; j < nl; j++) {
          uint32_t cc = ll[j];
          if (cc == b) continue;
          int64_t x = N[(size_t)cc * C + b];
          g += F(&f, x + Lc[cc]) - F(&f, x);
        }
        int64_t bb = N[(size_t)b * C + b];
        g += F(&f, bb + Rc[b] + Lc[b]) - F(&f, bb);
        gain[b] = g;
      }
      uint32_t best = from;
      for (uint32_t b = 0; b < C; b++)
        if (gain[b] > gain[best] + 1e-9) best = b;
      /* put it in the best class */
      for (size_t j = 0; j < nr; j++) N[(size_t)best * C + rl[j]] += Rc[rl[j]];
      for (size_t j = 0; j < nl; j++) N[(size_t)ll[j] * C + best] += Lc[ll[j]];
      /* a neighbour in the word's own class: its (best, best) cell took
      ** both directions above, which is right (distinct bigrams) */
      Nl[best] += lw[w];
      Nr[best] += rw[w];
      if (best != from) moved++;
      cls[w] = best;
      for (size_t j = 0; j < nr; j++) Rc[rl[j]] = 0;
      for (size_t j = 0; j < nl; j++) Lc[ll[j]] = 0;
    }
    double ll_total = 0;
    for (size_t x = 0; x < (size_t)C * C; x++) ll_total += F(&f, N[x]);
    for (uint32_t b = 0; b < C; b++) ll_total -= F(&f, Nl[b]) + F(&f, Nr[b]);
    fprintf(stderr, "ner_clusters: pass %u: %zu moved, objective %.6e\n", it + 1, moved, ll_total);
    if (!moved) break;
  }
  /* write: items sorted by bytes (a stable, diff-friendly file) */
  rank_el *out = malloc((nv ? nv : 1) * sizeof *out);
  if (!out) return fprintf(stderr, "ner_clusters: out of memory\n"), 1;
  for (size_t w = 0; w < nv; w++) out[w] = order[w], out[w].count = 0, out[w].id = (uint32_t)w;
  qsort(out, nv, sizeof *out, by_count);
  char tmp[4200];
  snprintf(tmp, sizeof tmp, "%s.tmp", argv[a + 1]);
  FILE *o = fopen(tmp, "wb");
  if (!o) return fprintf(stderr, "ner_clusters: cannot write %s\n", tmp), 1;
  fprintf(o, "# hoso entity tagger word classes: %zu items, %u classes (tools/ner_clusters.c)\n",
          nv, C);
  for (size_t w = 0; w < nv; w++)
    fprintf(o, "%.*s\t%u\n", (int)out[w].len, out[w].s, cls[out[w].id]);
  if (fclose(o) || rename(tmp, argv[a + 1]))
    return fprintf(stderr, "ner_clusters: cannot write %s\n", argv[a + 1]), 1;
  free(out); free(order); free(newid); free(f.t); free(cls); free(N); free(Nl); free(Nr);
  free(lw); free(rw); free(Rc); free(Lc); free(rl); free(ll); free(gain);
  free(R.row); free(R.nb); free(R.cnt); free(L.row); free(L.nb); free(L.cnt);
  free(v.it); free(v.slot); hoso__buf_free(&v.bytes);
  return 0;
}
