/* sqlite_lsh.c -- the LSH bands of the stored articles, looked up in
** memory by the writer (schema 4).
**
** Why: with the bands in an SQL table keyed by (band, article), each new
** article cost 16 lookups and 16 inserts at random places of a B-tree of
** 16 rows per article; the inserts dirtied most of its leaves in every
** batch, and each commit wrote them all again to the WAL. Now the table
** holds one row per article (lsh: article_id, bands: 16 band values, 8
** bytes each, little-endian), appended in id order, and the writer keeps
** an open-addressing table from band value to article id in memory,
** loaded from those rows on its first lookup and topped up with rows of
** other writers at the start of each batch. A lookup gives what
** "SELECT article_id FROM lsh WHERE band=? ORDER BY article_id LIMIT 64"
** gave: entries of one band value lie along its probe sequence in the
** order they were added, and they are added in ascending article id.
**
** Memory: 12 bytes a slot, at most 70% full: ~270-550 bytes per stored
** article while a handle writes. A rollback drops the table (it may hold
** bands of rolled-back articles); the next lookup loads it again.
**
** Ownership: sq_lsh lives in its sq_store; hoso__sq_lsh_free at close. */
#include <stdlib.h>
#include <string.h>

#include "store/minhash.h"
#include "store/sqlite_int.h"

#define LSH_PER_BAND 64 /* ids a band lookup gives, the lowest first */

void hoso__sq_lsh_free(sq_lsh *l) {
  free(l->key);
  free(l->id);
  memset(l, 0, sizeof(*l));
}

static size_t slot_of(uint64_t key, size_t mask) {
  key ^= key >> 31;
  key *= 0x9E3779B97F4A7C15ull;
  return (size_t)(key >> 17) & mask;
}

static void put(sq_lsh *l, uint64_t key, uint32_t id) {
  size_t mask = l->cap - 1, i = slot_of(key, mask);
  while (l->id[i]) i = (i + 1) & mask;
  l->key[i] = key;
  l->id[i] = id;
  l->used++;
}

/* Room for one more entry (at most 70% of the slots used). Entries are
** re-added in slot order from each one's probe start, which keeps the
** order of equal keys: a key's entries are met in the old table in the
** order they were added (see the comment above), and put() appends. */
static int reserve(sq_lsh *l) {
  if (l->cap && (l->used + 1) * 10 <= l->cap * 7) return HOSO_OK;
  size_t nc = l->cap ? l->cap * 2 : 1u << 16;
  sq_lsh n = {0};
  n.key = malloc(nc * sizeof(*n.key));
  n.id = calloc(nc, sizeof(*n.id));
  if (!n.key || !n.id) {
    free(n.key);
    free(n.id);
    return HOSO_ENOMEM;
  }
  n.cap = nc;
  /* walk the old table from the start of a probe run (a slot after an
  ** empty one), so every run is read in order */
  size_t start = 0;
  if (l->cap) {
    while (start < l->cap && l->id[start]) start++;
    for (size_t k = 0; k < l->cap; k++) {
      size_t i = (start + k) & (l->cap - 1);
      if (l->id[i]) put(&n, l->key[i], l->id[i]);
    }
  }
  n.max_id = l->max_id;
  n.loaded = l->loaded;
  free(l->key);
  free(l->id);
  *l = n;
  return HOSO_OK;
}

static int add(sq_lsh *l, int64_t id, const int64_t *bands) {
  if (id <= 0 || id > (int64_t)UINT32_MAX) return HOSO_ETOOBIG;
  for (int b = 0; b < HOSO_LSH_BANDS; b++) {
    if (reserve(l)) return HOSO_ENOMEM;
    put(l, (uint64_t)bands[b], (uint32_t)id);
  }
  if (id > l->max_id) l->max_id = id;
  return HOSO_OK;
}

void hoso__sq_lsh_encode(const int64_t *bands, unsigned char *out) {
  for (int b = 0; b < HOSO_LSH_BANDS; b++)
    for (int k = 0; k < 8; k++) out[b * 8 + k] = (unsigned char)((uint64_t)bands[b] >> (8 * k));
}

static void decode(const unsigned char *p, int64_t *bands) {
  for (int b = 0; b < HOSO_LSH_BANDS; b++) {
    uint64_t v = 0;
    for (int k = 0; k < 8; k++) v |= (uint64_t)p[b * 8 + k] << (8 * k);
    bands[b] = (int64_t)v;
  }
}

/* Rows of articles above max_id: all of them the first time, afterwards
** those other writers added since (ids only grow). */
static int sync(sq_store *s, hoso_error *err) {
  sq_lsh *l = &s->lsh;
  sqlite3_stmt *st = hoso__sq_stmt(s, SQ_LSH_LOAD, err);
  if (!st) return HOSO_EDB;
  sqlite3_bind_int64(st, 1, l->max_id);
  int rc, r = HOSO_OK;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    if (sqlite3_column_bytes(st, 1) != HOSO_LSH_BANDS * 8) continue; /* not ours */
    int64_t bands[HOSO_LSH_BANDS];
    decode(sqlite3_column_blob(st, 1), bands);
    r = add(l, sqlite3_column_int64(st, 0), bands);
    if (r) break;
  }
  sqlite3_reset(st);
  if (r == HOSO_ETOOBIG)
    return hoso__err(err, r, "article ids above 2^32: near-duplicate lookup unavailable");
  if (r) return hoso__err(err, r, "out of memory loading near-duplicate bands");
  if (rc != SQLITE_DONE) return hoso__sq_err(s, err, rc, "cannot read duplicates");
  l->loaded = 1;
  l->stale = 0;
  return HOSO_OK;
}

int hoso__sq_lsh_find(sq_store *s, const int64_t *bands, int64_t *ids, size_t cap,
                      size_t *n, hoso_error *err) {
  sq_lsh *l = &s->lsh;
  *n = 0;
  if (!l->loaded || l->stale) {
    int rc = sync(s, err);
    if (rc) return rc;
  }
  if (!l->cap) return HOSO_OK;
  size_t mask = l->cap - 1;
  for (int b = 0; b < HOSO_LSH_BANDS; b++) {
    uint64_t key = (uint64_t)bands[b];
    int got = 0;
    for (size_t i = slot_of(key, mask); l->id[i] && got < LSH_PER_BAND; i = (i + 1) & mask) {
      if (l->key[i] != key) continue;
      got++;
      int64_t id = l->id[i];
      int dup = 0;
      for (size_t k = 0; k < *n && !dup; k++) dup = ids[k] == id;
      if (!dup && *n < cap) ids[(*n)++] = id;
    }
  }
  return HOSO_OK;
}

int hoso__sq_lsh_add(sq_store *s, int64_t id, const int64_t *bands, hoso_error *err) {
  unsigned char blob[HOSO_LSH_BANDS * 8];
  hoso__sq_lsh_encode(bands, blob);
  sqlite3_stmt *st = hoso__sq_stmt(s, SQ_LSH_ADD, err);
  if (!st) return HOSO_EDB;
  sqlite3_bind_int64(st, 1, id);
  sqlite3_bind_blob(st, 2, blob, (int)sizeof(blob), SQLITE_STATIC);
  int rc = sqlite3_step(st);
  sqlite3_reset(st);
  if (rc != SQLITE_DONE) return hoso__sq_err(s, err, rc, "cannot store signature");
  if (!s->lsh.loaded) return HOSO_OK; /* loaded, with this row, on the next lookup */
  rc = add(&s->lsh, id, bands);
  if (rc == HOSO_ETOOBIG)
    return hoso__err(err, rc, "article ids above 2^32: near-duplicate lookup unavailable");
  if (rc) return hoso__err(err, rc, "out of memory adding near-duplicate bands");
  return HOSO_OK;
}

void hoso__sq_lsh_batch(sq_store *s) { s->lsh.stale = 1; }

void hoso__sq_lsh_drop(sq_store *s) { hoso__sq_lsh_free(&s->lsh); }
