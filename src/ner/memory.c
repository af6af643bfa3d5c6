/*
** memory.c -- the entity tagger's memory of names (see memory.h). One
** open-addressing table over 64-bit sequence hashes (0 = empty slot) with
** a byte per slot: the type (1-4, or MEM_PREFIX for a prefix only) and
** the reliability bucket above it. While building, each slot also counts
** how often its sequence was labelled with each type and how often it
** occurs at all.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ner/memory.h"
#include "ner/seqhash.h"
#include "tag/tag.h"

#define MEM_PREFIX 5
#define MEM_SEED 0x6e65726d656d3031ULL /* "nermem01" */

struct hoso__nmem {
  uint64_t *h;   /* sequence hashes, 0 = empty */
  uint8_t *v;    /* type (low 3 bits) | bucket << 3 */
  uint32_t *cnt; /* building only: 5 per slot (PER ORG LOC MISC, occurrences) */
  size_t mask, used;
};

void hoso__nmem_free(hoso__nmem *m) {
  if (!m) return;
  free(m->h);
  free(m->v);
  free(m->cnt);
  free(m);
}

static hoso__nmem *alloc_table(size_t slots, int counts) {
  hoso__nmem *m = calloc(1, sizeof *m);
  if (!m) return NULL;
  m->h = calloc(slots, sizeof *m->h);
  m->v = calloc(slots, 1);
  m->cnt = counts ? calloc(slots * 5, sizeof *m->cnt) : NULL;
  m->mask = slots - 1;
  if (!m->h || !m->v || (counts && !m->cnt)) {
    hoso__nmem_free(m);
    return NULL;
  }
  return m;
}

hoso__nmem *hoso__nmem_new(void) { return alloc_table(1024, 1); }

uint64_t hoso__nmem_step(uint64_t h, const hoso__ndoc *d, uint32_t i) {
  size_t n;
  const char *k = hoso__tok_key(d, i, &n);
  return hoso__seqhash_step(MEM_SEED, h, k, n);
}

static size_t find(const hoso__nmem *m, uint64_t h) { return hoso__seqhash_find(m->h, m->mask, h); }

int hoso__nmem_get(const hoso__nmem *m, uint64_t h, unsigned *rel) {
  if (!m || !h) return 0;
  size_t s = find(m, h);
  if (!m->h[s]) return 0;
  unsigned t = m->v[s] & 7;
  if (t == MEM_PREFIX || t == 0) return t ? -1 : 0;
  *rel = m->v[s] >> 3;
  return (int)t;
}

unsigned hoso__nmem_match(const hoso__nmem *m, const hoso__ndoc *d, uint32_t i,
                          uint32_t t1, int *type, unsigned *rel) {
  unsigned best = 0;
  uint64_t h = 0;
  for (uint32_t k = i; m && k < t1 && k - i < HOSO_NMEM_MAXLEN; k++) {
    h = hoso__nmem_step(h, d, k);
    unsigned r = 0;
    int t = hoso__nmem_get(m, h, &r);
    if (!t) break;
    if (t > 0) {
      best = k - i + 1;
      *type = t;
      *rel = r;
    }
  }
  return best;
}

/* Building: double the table when it is half full. */
static int grow(hoso__nmem *m) {
  if (2 * (m->used + 1) <= m->mask + 1) return HOSO_OK;
  hoso__nmem *n = alloc_table(2 * (m->mask + 1), 1);
  if (!n) return HOSO_ENOMEM;
  for (size_t s = 0; s <= m->mask; s++) {
    if (!m->h[s]) continue;
    size_t t = find(n, m->h[s]);
    n->h[t] = m->h[s];
    n->v[t] = m->v[s];
    memcpy(n->cnt + 5 * t, m->cnt + 5 * s, 5 * sizeof *n->cnt);
  }
  free(m->h);
  free(m->v);
  free(m->cnt);
  m->h = n->h;
  m->v = n->v;
  m->cnt = n->cnt;
  m->mask = n->mask;
  free(n);
  return HOSO_OK;
}

/* Slot of h, inserted as a prefix if new; SIZE_MAX on out of memory. */
static size_t insert(hoso__nmem *m, uint64_t h) {
  if (grow(m)) return SIZE_MAX;
  size_t s = find(m, h);
  if (!m->h[s]) {
    m->h[s] = h;
    m->v[s] = MEM_PREFIX;
    m->used++;
  }
  return s;
}

int hoso__nmem_add_entity(hoso__nmem *m, const hoso__ndoc *d, uint32_t a, uint32_t b,
                          int type) {
  if (!m->cnt || b <= a || b - a > HOSO_NMEM_MAXLEN || type < 1 || type > 4)
    return HOSO_OK;
  uint64_t h = 0;
  size_t s = 0;
  for (uint32_t k = a; k < b; k++) {
    h = hoso__nmem_step(h, d, k);
    s = insert(m, h);
    if (s == SIZE_MAX) return HOSO_ENOMEM;
  }
  m->cnt[5 * s + (size_t)type - 1]++;
  return HOSO_OK;
}

void hoso__nmem_count_text(hoso__nmem *m, const hoso__ndoc *d, uint32_t t0, uint32_t t1) {
  if (!m->cnt) return;
  for (uint32_t i = t0; i < t1; i++) {
    uint64_t h = 0;
    for (uint32_t k = i; k < t1 && k - i < HOSO_NMEM_MAXLEN; k++) {
      h = hoso__nmem_step(h, d, k);
      size_t s = find(m, h);
      if (!m->h[s]) break;
      m->cnt[5 * s + 4]++;
    }
  }
}

/* The bucket of a share of occurrences labelled as an entity. */
static unsigned bucket(uint32_t ent, uint32_t occ) {
  if (occ < ent) occ = ent;
  if (!occ) return 0;
  if (5 * (uint64_t)ent >= 4 * (uint64_t)occ) return 2; /* >= 80% */
  if (5 * (uint64_t)ent >= 2 * (uint64_t)occ) return 1; /* >= 40% */
  return 0;
}

void hoso__nmem_finish(hoso__nmem *m) {
  if (!m->cnt) return;
  for (size_t s = 0; s <= m->mask; s++) {
    if (!m->h[s]) continue;
    const uint32_t *c = m->cnt + 5 * s;
    uint32_t tot = c[0] + c[1] + c[2] + c[3];
    if (!tot) {
      m->v[s] = MEM_PREFIX;
      continue;
    }
    int best = 0;
    for (int t = 1; t < 4; t++)
      if (c[t] > c[best]) best = t;
    m->v[s] = (uint8_t)((best + 1) | bucket(tot, c[4]) << 3);
  }
}

static int cmp_u64(const void *a, const void *b) {
  uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
  return x < y ? -1 : x > y;
}

int hoso__nmem_save(const hoso__nmem *m, const char *path, hoso_error *err) {
  uint64_t *hs = malloc((m->used + 1) * sizeof *hs);
  if (!hs) return hoso__err(err, HOSO_ENOMEM, "out of memory (name memory)");
  size_t n = 0;
  for (size_t s = 0; s <= m->mask; s++)
    if (m->h[s]) hs[n++] = m->h[s];
  qsort(hs, n, sizeof *hs, cmp_u64);
  char tmp[4200];
  snprintf(tmp, sizeof tmp, "%s.tmp", path);
  FILE *f = fopen(tmp, "wb");
  if (!f) {
    free(hs);
    hoso__err_file(err, path);
    return hoso__err(err, HOSO_EIO, "cannot write");
  }
  fprintf(f, "# ner-memory.tsv -- entity sequences of the tagger's training data, as\n"
             "# hashes (src/ner/memory.h): HASH<TAB>TYPE<TAB>BUCKET. Written by\n"
             "# tools/ner_train (make models); do not edit.\n");
  static const char tc[] = "?POLM-";
  for (size_t k = 0; k < n; k++) {
    size_t s = find(m, hs[k]);
    unsigned t = m->v[s] & 7;
    fprintf(f, "%016llx\t%c\t%u\n", (unsigned long long)hs[k], tc[t <= 5 ? t : 0],
            t == MEM_PREFIX ? 0u : (unsigned)(m->v[s] >> 3));
  }
  free(hs);
  int bad = ferror(f);
  if (fclose(f) || bad || rename(tmp, path)) {
    remove(tmp);
    hoso__err_file(err, path);
    return hoso__err(err, HOSO_EIO, "cannot write");
  }
  return HOSO_OK;
}

static int hexval(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

int hoso__nmem_load(const char *data, size_t n, const char *name, hoso__nmem **out,
                    hoso_error *err) {
  *out = NULL;
  size_t lines = 1;
  for (size_t i = 0; i < n; i++) lines += data[i] == '\n';
  if (lines > HOSO_NMEM_MAX_ITEMS) lines = HOSO_NMEM_MAX_ITEMS;
  size_t slots = 16;
  while (slots < 2 * lines) slots *= 2;
  hoso__nmem *m = alloc_table(slots, 0);
  if (!m) return hoso__err(err, HOSO_ENOMEM, "out of memory (name memory)");
  size_t p = 0, line = 0;
  int rc = HOSO_OK;
  while (p < n && !rc) {
    line++;
    const char *nl = memchr(data + p, '\n', n - p);
    size_t e = nl ? (size_t)(nl - data) : n, le = e;
    if (le > p && data[le - 1] == '\r') le--;
    if (le > p && data[p] != '#') {
      uint64_t h = 0;
      int ok = le - p == 20 && data[p + 16] == '\t' && data[p + 18] == '\t';
      for (size_t k = 0; ok && k < 16; k++) {
        int v = hexval(data[p + k]);
        if (v < 0) ok = 0;
        else h = h << 4 | (uint64_t)v;
      }
      static const char types[] = "POLM-";
      const char *tp = ok ? strchr(types, data[p + 17]) : NULL;
      char r = ok ? data[p + 19] : 0;
      if (!ok || !h || !tp || !data[p + 17] || r < '0' || r > '2' ||
          (*tp == '-' && r != '0')) {
        rc = hoso__err_at(err, HOSO_EMODEL, p,
                          "line %zu: want HASH<TAB>TYPE<TAB>BUCKET (16 hex digits, "
                          "P/O/L/M/-, 0-2)", line);
      } else if (m->used + 1 > HOSO_NMEM_MAX_ITEMS || 2 * (m->used + 1) > slots) {
        rc = hoso__err_at(err, HOSO_ETOOBIG, p, "too many entries");
      } else {
        size_t s = find(m, h);
        if (m->h[s]) {
          rc = hoso__err_at(err, HOSO_EMODEL, p, "line %zu: hash listed twice", line);
        } else {
          m->h[s] = h;
          m->v[s] = (uint8_t)(((unsigned)(tp - types) + 1) | (unsigned)(r - '0') << 3);
          m->used++;
        }
      }
    }
    p = e + 1;
  }
  if (rc) {
    hoso__err_file(err, name);
    hoso__nmem_free(m);
    return rc;
  }
  *out = m;
  return HOSO_OK;
}

int hoso__nmem_open(const char *path, hoso__nmem **out, hoso_error *err) {
  *out = NULL;
  char *data;
  size_t n;
  int rc = hoso__read_file(path, 256u << 20, &data, &n, err);
  if (rc) return rc;
  rc = hoso__nmem_load(data, n, path, out, err);
  hoso_free(data);
  return rc;
}
