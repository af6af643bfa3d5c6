/* scorer.c -- the learned event scorer (scorer.h): feature lists, the
** model file, scoring, and averaged-perceptron training. */
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "events/scorer.h"

#define MAGIC "hoso-events-scorer 1\n"

/* ---- feature lists ------------------------------------------------------ */

void hoso__efeats_reset(hoso__efeats *f) {
  f->n = 0;
  f->nf = 0;
}

void hoso__efeats_free(hoso__efeats *f) {
  free(f->buf);
  free(f->off);
  memset(f, 0, sizeof *f);
}

int hoso__efeats_add(hoso__efeats *f, const char *prefix, const char *s, size_t n) {
  size_t pl = strlen(prefix), need = f->n + pl + n + 1;
  if (need > UINT32_MAX) return HOSO_ENOMEM;
  if (need > f->cap) {
    size_t c = f->cap ? f->cap : 256;
    while (c < need) c *= 2;
    char *p = realloc(f->buf, c);
    if (!p) return HOSO_ENOMEM;
    f->buf = p;
    f->cap = c;
  }
  if (f->nf == f->capf) {
    size_t c = f->capf ? f->capf * 2 : 32;
    uint32_t *p = realloc(f->off, c * sizeof *p);
    if (!p) return HOSO_ENOMEM;
    f->off = p;
    f->capf = c;
  }
  f->off[f->nf++] = (uint32_t)f->n;
  char *o = f->buf + f->n;
  memcpy(o, prefix, pl);
  for (size_t i = 0; i < n; i++) {
    char c = s[i];
    o[pl + i] = (c == '\t' || c == '\n' || c == '\r' || c == 0 || c == ' ') ? '_' : c;
  }
  o[pl + n] = 0;
  f->n = need;
  return HOSO_OK;
}

/* ---- interned strings: names in one buffer, an open-addressing table ---- */

typedef struct strtab {
  char *buf;
  size_t n, cap;
  uint32_t *off; /* name i starts at buf + off[i] */
  size_t count, capoff;
  uint32_t *slot; /* index + 1, 0 empty; size mask + 1 (a power of 2) */
  size_t mask;
} strtab;

static uint64_t str_hash(const char *s) {
  uint64_t h = 1469598103934665603ULL;
  for (; *s; s++) h = (h ^ (uint8_t)*s) * 1099511628211ULL;
  return hoso__fmix64(h);
}

static void strtab_free(strtab *t) {
  free(t->buf);
  free(t->off);
  free(t->slot);
  memset(t, 0, sizeof *t);
}

static int strtab_find(const strtab *t, const char *s, uint64_t h) {
  if (!t->slot) return -1;
  for (size_t i = h & t->mask;; i = (i + 1) & t->mask) {
    uint32_t v = t->slot[i];
    if (!v) return -1;
    if (!strcmp(t->buf + t->off[v - 1], s)) return (int)(v - 1);
  }
}

static int strtab_rehash(strtab *t, size_t size) {
  uint32_t *slot = calloc(size, sizeof *slot);
  if (!slot) return HOSO_ENOMEM;
  free(t->slot);
  t->slot = slot;
  t->mask = size - 1;
  for (size_t k = 0; k < t->count; k++) {
    size_t i = str_hash(t->buf + t->off[k]) & t->mask;
    while (t->slot[i]) i = (i + 1) & t->mask;
    t->slot[i] = (uint32_t)(k + 1);
  }
  return HOSO_OK;
}

/* The index of s, added when new (*added = 1). -1 when out of memory. */
static int strtab_intern(strtab *t, const char *s, int *added) {
  uint64_t h = str_hash(s);
  int k = strtab_find(t, s, h);
  if (added) *added = 0;
  if (k >= 0) return k;
  if (t->count >= HOSO__ESCORER_MAX_FEATURES * 4u) return -1;
  if (!t->slot || (t->count + 1) * 2 > t->mask + 1) {
    size_t size = t->slot ? (t->mask + 1) * 2 : 64;
    if (strtab_rehash(t, size)) return -1;
  }
  size_t len = strlen(s) + 1;
  if (t->n + len > UINT32_MAX) return -1;
  if (t->n + len > t->cap) {
    size_t c = t->cap ? t->cap : 1024;
    while (c < t->n + len) c *= 2;
    char *p = realloc(t->buf, c);
    if (!p) return -1;
    t->buf = p;
    t->cap = c;
  }
  if (t->count == t->capoff) {
    size_t c = t->capoff ? t->capoff * 2 : 64;
    uint32_t *p = realloc(t->off, c * sizeof *p);
    if (!p) return -1;
    t->off = p;
    t->capoff = c;
  }
  memcpy(t->buf + t->n, s, len);
  t->off[t->count] = (uint32_t)t->n;
  t->n += len;
  size_t i = h & t->mask;
  while (t->slot[i]) i = (i + 1) & t->mask;
  t->slot[i] = (uint32_t)(t->count + 1);
  if (added) *added = 1;
  return (int)t->count++;
}

/* ---- the model ---------------------------------------------------------- */

struct hoso__escorer {
  strtab names;
  int32_t *w; /* weight of name i */
  size_t capw;
};

void hoso__escorer_close(hoso__escorer *s) {
  if (!s) return;
  strtab_free(&s->names);
  free(s->w);
  free(s);
}

size_t hoso__escorer_size(const hoso__escorer *s) { return s ? s->names.count : 0; }

/* Add name with weight w (a new name; a repeated one is an error). */
static int scorer_put(hoso__escorer *s, const char *name, int32_t w, int *dup) {
  int added;
  int k = strtab_intern(&s->names, name, &added);
  if (k < 0) return HOSO_ENOMEM;
  *dup = !added;
  if (!added) return HOSO_OK;
  if ((size_t)k >= s->capw) {
    size_t c = s->capw ? s->capw * 2 : 64;
    int32_t *p = realloc(s->w, c * sizeof *p);
    if (!p) return HOSO_ENOMEM;
    s->w = p;
    s->capw = c;
  }
  s->w[k] = w;
  return HOSO_OK;
}

int64_t hoso__escorer_score(const hoso__escorer *s, const hoso__efeats *f) {
  int64_t sum = 0;
  for (size_t i = 0; s && i < f->nf; i++) {
    const char *name = hoso__efeats_get(f, i);
    int k = strtab_find(&s->names, name, str_hash(name));
    if (k >= 0) sum += s->w[k];
  }
  return sum;
}

/* A decimal integer at p[0..n): 1 and *v, or 0. */
static int parse_int(const char *p, size_t n, int64_t *v) {
  size_t i = 0;
  int neg = 0;
  if (i < n && p[i] == '-') {
    neg = 1;
    i++;
  }
  if (i == n || n - i > 10) return 0;
  int64_t x = 0;
  for (; i < n; i++) {
    if (p[i] < '0' || p[i] > '9') return 0;
    x = x * 10 + (p[i] - '0');
  }
  *v = neg ? -x : x;
  return 1;
}

int hoso__escorer_parse(const char *buf, size_t n, const char *name,
                        hoso__escorer **out, hoso_error *err) {
  *out = NULL;
  size_t ml = strlen(MAGIC);
  if (n > HOSO__ESCORER_MAX_BYTES)
    return hoso__err(err, HOSO_EMODEL, "%s: events model over %u bytes", name,
                     HOSO__ESCORER_MAX_BYTES);
  if (n < ml || memcmp(buf, MAGIC, ml))
    return hoso__err_at(err, HOSO_EMODEL, 0, "%s: not an events model (no \"%.*s\" line)",
                        name, (int)ml - 1, MAGIC);
  size_t at = ml;
  const char *nl = memchr(buf + at, '\n', n - at);
  int64_t count;
  if (!nl || !parse_int(buf + at, (size_t)(nl - buf) - at, &count) || count < 0 ||
      count > HOSO__ESCORER_MAX_FEATURES)
    return hoso__err_at(err, HOSO_EMODEL, at, "%s: bad count of weights", name);
  at = (size_t)(nl - buf) + 1;
  hoso__escorer *s = calloc(1, sizeof *s);
  if (!s) return hoso__err(err, HOSO_ENOMEM, "out of memory");
  char *line = NULL;
  size_t capline = 0;
  int rc = HOSO_OK;
  for (int64_t i = 0; i < count && !rc; i++) {
    nl = at < n ? memchr(buf + at, '\n', n - at) : NULL;
    if (!nl) {
      rc = hoso__err_at(err, HOSO_EMODEL, at, "%s: truncated: %lld of %lld weights", name,
                        (long long)i, (long long)count);
      break;
    }
    size_t end = (size_t)(nl - buf);
    const char *tab = memchr(buf + at, '\t', end - at);
    int64_t w;
    if (!tab || !parse_int(buf + at, (size_t)(tab - buf) - at, &w) || w > INT32_MAX ||
        w < -INT32_MAX || tab + 1 == nl || memchr(tab + 1, '\t', end - (size_t)(tab + 1 - buf)) ||
        memchr(tab + 1, 0, end - (size_t)(tab + 1 - buf))) {
      rc = hoso__err_at(err, HOSO_EMODEL, at, "%s: bad weight line", name);
      break;
    }
    size_t fl = end - (size_t)(tab + 1 - buf);
    if (fl + 1 > capline) {
      char *p = realloc(line, fl + 1);
      if (!p) {
        rc = hoso__err(err, HOSO_ENOMEM, "out of memory");
        break;
      }
      line = p;
      capline = fl + 1;
    }
    memcpy(line, tab + 1, fl);
    line[fl] = 0;
    int dup;
    if (scorer_put(s, line, (int32_t)w, &dup)) rc = hoso__err(err, HOSO_ENOMEM, "out of memory");
    else if (dup) rc = hoso__err_at(err, HOSO_EMODEL, at, "%s: feature listed twice", name);
    at = end + 1;
  }
  free(line);
  if (!rc && at != n)
    rc = hoso__err_at(err, HOSO_EMODEL, at, "%s: bytes after the last weight", name);
  if (rc) {
    hoso__escorer_close(s);
    return rc;
  }
  *out = s;
  return HOSO_OK;
}

int hoso__escorer_open(const char *path, hoso__escorer **out, hoso_error *err) {
  *out = NULL;
  char *buf;
  size_t n;
  hoso_error e;
  hoso_error_clear(&e);
  int rc = hoso__read_file(path, HOSO__ESCORER_MAX_BYTES, &buf, &n, &e);
  if (rc) return hoso__err(err, HOSO_EMODEL, "events model %s: %s", path, e.message);
  rc = hoso__escorer_parse(buf, n, path, out, err);
  free(buf);
  return rc;
}

/* ---- training ------------------------------------------------------------ */

struct hoso__etrainset {
  strtab vocab;
  int8_t *label;  /* +1 / -1 */
  size_t *beg;    /* example i: ids[beg[i] .. beg[i + 1]) */
  size_t count, capex;
  uint32_t *ids;
  size_t nids, capids;
};

int hoso__etrainset_new(hoso__etrainset **out) {
  *out = calloc(1, sizeof **out);
  if (!*out) return HOSO_ENOMEM;
  (*out)->beg = calloc(1, sizeof *(*out)->beg);
  if (!(*out)->beg) {
    free(*out);
    *out = NULL;
    return HOSO_ENOMEM;
  }
  (*out)->capex = 0;
  return HOSO_OK;
}

void hoso__etrainset_free(hoso__etrainset *t) {
  if (!t) return;
  strtab_free(&t->vocab);
  free(t->label);
  free(t->beg);
  free(t->ids);
  free(t);
}

size_t hoso__etrainset_count(const hoso__etrainset *t) { return t->count; }

int hoso__etrainset_add(hoso__etrainset *t, int label, const hoso__efeats *f) {
  if (t->count == t->capex) {
    size_t c = t->capex ? t->capex * 2 : 64;
    int8_t *l = realloc(t->label, c);
    if (!l) return HOSO_ENOMEM;
    t->label = l;
    size_t *b = realloc(t->beg, (c + 1) * sizeof *b);
    if (!b) return HOSO_ENOMEM;
    t->beg = b;
    t->capex = c;
  }
  if (t->nids + f->nf > t->capids) {
    size_t c = t->capids ? t->capids : 256;
    while (c < t->nids + f->nf) c *= 2;
    uint32_t *p = realloc(t->ids, c * sizeof *p);
    if (!p) return HOSO_ENOMEM;
    t->ids = p;
    t->capids = c;
  }
  size_t n0 = t->nids;
  for (size_t i = 0; i < f->nf; i++) {
    int k = strtab_intern(&t->vocab, hoso__efeats_get(f, i), NULL);
    if (k < 0) {
      t->nids = n0;
      return HOSO_ENOMEM;
    }
    t->ids[t->nids++] = (uint32_t)k;
  }
  t->label[t->count] = label ? 1 : -1;
  t->beg[++t->count] = t->nids;
  return HOSO_OK;
}

static int by_name(const void *a, const void *b, void *ctx) {
  const strtab *t = ctx;
  return strcmp(t->buf + t->off[*(const uint32_t *)a], t->buf + t->off[*(const uint32_t *)b]);
}

/* qsort_r is not in C11: a small merge sort of ids by name instead. */
static void sort_ids(uint32_t *a, uint32_t *tmp, size_t n, const strtab *t) {
  if (n < 2) return;
  size_t h = n / 2;
  sort_ids(a, tmp, h, t);
  sort_ids(a + h, tmp, n - h, t);
  size_t i = 0, j = h, k = 0;
  while (i < h && j < n) tmp[k++] = by_name(&a[j], &a[i], (void *)t) < 0 ? a[j++] : a[i++];
  while (i < h) tmp[k++] = a[i++];
  while (j < n) tmp[k++] = a[j++];
  memcpy(a, tmp, n * sizeof *a);
}

int hoso__escorer_train(const hoso__etrainset *t, int epochs, hoso__escorer **out,
                        hoso_error *err) {
  *out = NULL;
  size_t nf = t->vocab.count, ne = t->count;
  int64_t *w = calloc(nf + 1, sizeof *w), *u = calloc(nf + 1, sizeof *u);
  size_t *order = malloc((ne + 1) * sizeof *order);
  uint32_t *ids = malloc((nf + 1) * sizeof *ids), *tmp = malloc((nf + 1) * sizeof *tmp);
  hoso__escorer *s = calloc(1, sizeof *s);
  int rc = (w && u && order && ids && tmp && s) ? HOSO_OK : HOSO_ENOMEM;
  int64_t c = 1;
  uint64_t rng = 0x9e3779b97f4a7c15ULL; /* fixed seed: the same model every run */
  for (size_t i = 0; !rc && i < ne; i++) order[i] = i;
  for (int ep = 0; !rc && ep < epochs; ep++) {
    for (size_t i = ne; i > 1; i--) { /* Fisher-Yates with a splitmix step */
      rng += 0x9e3779b97f4a7c15ULL;
      size_t j = (size_t)(hoso__fmix64(rng) % i);
      size_t x = order[i - 1];
      order[i - 1] = order[j];
      order[j] = x;
    }
    for (size_t q = 0; q < ne; q++, c++) {
      size_t e = order[q];
      int64_t sc = 0;
      for (size_t k = t->beg[e]; k < t->beg[e + 1]; k++) sc += w[t->ids[k]];
      int y = t->label[e];
      if ((y > 0 && sc > 0) || (y < 0 && sc <= 0)) continue;
      for (size_t k = t->beg[e]; k < t->beg[e + 1]; k++) {
        w[t->ids[k]] += y;
        u[t->ids[k]] += c * y;
      }
    }
  }
  size_t nk = 0;
  for (size_t i = 0; !rc && i < nf; i++) {
    double avg = (double)w[i] - (double)u[i] / (double)c;
    double v = nearbyint(avg * 1000.0);
    if (v != 0.0 && fabs(v) < (double)INT32_MAX) ids[nk++] = (uint32_t)i;
  }
  if (!rc) sort_ids(ids, tmp, nk, &t->vocab);
  for (size_t q = 0; !rc && q < nk; q++) {
    uint32_t i = ids[q];
    double avg = (double)w[i] - (double)u[i] / (double)c;
    int dup;
    rc = scorer_put(s, t->vocab.buf + t->vocab.off[i], (int32_t)nearbyint(avg * 1000.0), &dup);
  }
  free(w);
  free(u);
  free(order);
  free(ids);
  free(tmp);
  if (rc) {
    hoso__escorer_close(s);
    return hoso__err(err, rc, "out of memory (training the events model)");
  }
  *out = s;
  return HOSO_OK;
}

int hoso__escorer_write(const hoso__escorer *s, FILE *f, hoso_error *err) {
  fputs(MAGIC, f);
  fprintf(f, "%zu\n", s->names.count);
  for (size_t i = 0; i < s->names.count; i++)
    fprintf(f, "%ld\t%s\n", (long)s->w[i], s->names.buf + s->names.off[i]);
  if (fflush(f) || ferror(f))
    return hoso__err(err, HOSO_EIO, "writing the events model: %s", strerror(errno));
  return HOSO_OK;
}
