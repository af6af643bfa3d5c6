/* sqlite_rank.c -- hoso_bm25(fts, w0, w1): FTS5's own bm25() score,
** computed the same way to the last bit, but with each row's length in
** tokens taken from the handle's in-memory article cache (sq_cache.dsz)
** instead of FTS5's docsize table.
**
** Why our own: bm25() asks FTS5 for the row's size (xColumnSize), which
** for our contentless index is a B-tree lookup in fts_docsize per
** matching row; with the instance array it builds (xInst), that was
** about 85% of the CPU of matching a common word (callgrind, 80k
** articles). Here the frequencies come from each phrase's own position
** list (xPhraseFirst/Next) and the size from memory; a row the cache
** does not hold yet falls back to xColumnSize. The per-query parts (the
** average length, each phrase's IDF from xQueryPhrase) are FTS5's,
** computed once per query as bm25() does.
**
** Same formula as FTS5 (fts5_aux.c): k1 = 1.2, b = 0.75,
**   idf(p) = log((N - n(p) + 0.5) / (n(p) + 0.5)), at least 1e-6,
**   score  = -sum_p idf(p) * f(p)(k1 + 1) / (f(p) + k1(1 - b + b D/avgdl))
** with f(p) the weighted count of p's instances in the row (weight by
** column: the function's arguments), D the row's tokens, all columns. The
** weights here are small integers, so sums are exact in any order and the
** score equals bm25()'s (tests/unit/test_rank.c compares them). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "store/sqlite_int.h"

typedef struct rank_data {
  int n_phrase;
  double avgdl;
  double *idf;  /* n_phrase */
  double *freq; /* n_phrase, scratch per row */
} rank_data;

static void rank_data_free(void *p) {
  rank_data *d = p;
  if (!d) return;
  free(d->idf);
  free(d->freq);
  free(d);
}

static int count_cb(const Fts5ExtensionApi *api, Fts5Context *fts, void *ctx) {
  (void)api;
  (void)fts;
  (*(sqlite3_int64 *)ctx)++;
  return SQLITE_OK;
}

/* The per-query data, made on the first row (as bm25() does). */
static int rank_data_get(const Fts5ExtensionApi *api, Fts5Context *fts,
                         rank_data **out) {
  rank_data *d = api->xGetAuxdata(fts, 0);
  if (d) {
    *out = d;
    return SQLITE_OK;
  }
  d = calloc(1, sizeof(*d));
  if (!d) return SQLITE_NOMEM;
  d->n_phrase = api->xPhraseCount(fts);
  size_t n = d->n_phrase > 0 ? (size_t)d->n_phrase : 1;
  d->idf = calloc(n, sizeof(double));
  d->freq = calloc(n, sizeof(double));
  if (!d->idf || !d->freq) {
    rank_data_free(d);
    return SQLITE_NOMEM;
  }
  sqlite3_int64 n_row = 0, n_tok = 0;
  int rc = api->xRowCount(fts, &n_row);
  if (rc == SQLITE_OK) rc = api->xColumnTotalSize(fts, -1, &n_tok);
  if (rc == SQLITE_OK) d->avgdl = (double)n_tok / (double)n_row;
  for (int i = 0; rc == SQLITE_OK && i < d->n_phrase; i++) {
    sqlite3_int64 n_hit = 0;
    rc = api->xQueryPhrase(fts, i, &n_hit, count_cb);
    if (rc == SQLITE_OK) {
      double idf = log((n_row - n_hit + 0.5) / (n_hit + 0.5));
      if (idf <= 0.0) idf = 1e-6;
      d->idf[i] = idf;
    }
  }
  if (rc == SQLITE_OK) rc = api->xSetAuxdata(fts, d, rank_data_free);
  if (rc != SQLITE_OK) {
    rank_data_free(d); /* xSetAuxdata frees it itself only on success */
    return rc;
  }
  *out = d;
  return SQLITE_OK;
}

static void rank_fn(const Fts5ExtensionApi *api, Fts5Context *fts,
                    sqlite3_context *ctx, int n_val, sqlite3_value **val) {
  const double k1 = 1.2, b = 0.75;
  sq_store *s = api->xUserData(fts);
  rank_data *d = NULL;
  int rc = rank_data_get(api, fts, &d);
  double w[8];
  int nw = n_val < 8 ? n_val : 8;
  for (int c = 0; c < nw; c++) w[c] = sqlite3_value_double(val[c]);
  for (int i = 0; rc == SQLITE_OK && i < d->n_phrase; i++) {
    Fts5PhraseIter it;
    int col = -1, off = -1;
    double f = 0.0;
    rc = api->xPhraseFirst(fts, i, &it, &col, &off);
    while (rc == SQLITE_OK && col >= 0) {
      f += col < nw ? w[col] : (col < n_val ? sqlite3_value_double(val[col]) : 1.0);
      api->xPhraseNext(fts, &it, &col, &off);
    }
    d->freq[i] = f;
  }
  double D = 0.0;
  if (rc == SQLITE_OK) {
    sqlite3_int64 id = api->xRowid(fts);
    if (s && id > 0 && (size_t)id < s->cache.n_dsz && s->cache.dsz[id] >= 0) {
      D = (double)s->cache.dsz[id];
    } else {
      int n_tok = 0;
      rc = api->xColumnSize(fts, -1, &n_tok);
      D = (double)n_tok;
    }
  }
  double score = 0.0;
  for (int i = 0; rc == SQLITE_OK && i < d->n_phrase; i++)
    score += d->idf[i] * ((d->freq[i] * (k1 + 1.0)) /
                          (d->freq[i] + k1 * (1 - b + b * D / d->avgdl)));
  if (rc == SQLITE_OK)
    sqlite3_result_double(ctx, -1.0 * score);
  else
    sqlite3_result_error_code(ctx, rc);
}

/* hoso_tf(fts, w0, w1): the weighted count of phrase 0's instances in
** the row (as rank_fn counts f), an integer for integer weights. The term
** cache (sqlite_terms.c) reads doclists with it; on the first row after
** the cache was emptied it also records the statistics rank_fn reads
** (row count, total tokens), so both see the same index. */
static void tf_fn(const Fts5ExtensionApi *api, Fts5Context *fts,
                  sqlite3_context *ctx, int n_val, sqlite3_value **val) {
  sq_store *s = api->xUserData(fts);
  int rc = SQLITE_OK;
  if (s && hoso__sq_terms_want_stats(s)) {
    sqlite3_int64 n_row = 0, n_tok = 0;
    rc = api->xRowCount(fts, &n_row);
    if (rc == SQLITE_OK) rc = api->xColumnTotalSize(fts, -1, &n_tok);
    if (rc == SQLITE_OK) hoso__sq_terms_stats(s, n_row, n_tok);
  }
  Fts5PhraseIter it;
  int col = -1, off = -1;
  double f = 0.0;
  if (rc == SQLITE_OK && api->xPhraseCount(fts) > 0)
    rc = api->xPhraseFirst(fts, 0, &it, &col, &off);
  while (rc == SQLITE_OK && col >= 0) {
    f += col < n_val ? sqlite3_value_double(val[col]) : 1.0;
    api->xPhraseNext(fts, &it, &col, &off);
  }
  if (rc == SQLITE_OK)
    sqlite3_result_int64(ctx, (sqlite3_int64)f);
  else
    sqlite3_result_error_code(ctx, rc);
}

int hoso__sq_rank_register(sq_store *s) {
  fts5_api *api = NULL;
  sqlite3_stmt *st = NULL;
  int rc = sqlite3_prepare_v2(s->db, "SELECT fts5(?1)", -1, &st, NULL);
  if (rc != SQLITE_OK) return rc;
  sqlite3_bind_pointer(st, 1, (void *)&api, "fts5_api_ptr", NULL);
  sqlite3_step(st);
  rc = sqlite3_finalize(st);
  if (rc != SQLITE_OK) return rc;
  if (!api || api->iVersion < 2) return SQLITE_ERROR;
  rc = api->xCreateFunction(api, "hoso_bm25", s, rank_fn, NULL);
  if (rc == SQLITE_OK) rc = api->xCreateFunction(api, "hoso_tf", s, tf_fn, NULL);
  return rc;
}

/* One SQLite varint (as FTS5 writes sizes in fts_docsize). */
static size_t get_varint(const unsigned char *p, size_t n, uint64_t *v) {
  uint64_t x = 0;
  for (size_t i = 0; i < n && i < 9; i++) {
    if (i == 8) {
      *v = (x << 8) | p[i];
      return 9;
    }
    x = (x << 7) | (p[i] & 0x7f);
    if (!(p[i] & 0x80)) {
      *v = x;
      return i + 1;
    }
  }
  return 0;
}

int hoso__sq_dsz_refresh(sq_store *s, hoso_error *err) {
  sq_cache *c = &s->cache;
  sqlite3_stmt *st;
  int rc = sqlite3_prepare_v2(s->db, "SELECT id, sz FROM fts_docsize WHERE id>?1 ORDER BY id",
                              -1, &st, NULL);
  if (rc != SQLITE_OK) return HOSO_OK; /* no docsize table: xColumnSize */
  sqlite3_bind_int64(st, 1, c->dsz_max);
  int r = HOSO_OK;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    int64_t id = sqlite3_column_int64(st, 0);
    if (id <= 0 || id > INT32_MAX) continue;
    if ((size_t)id >= c->n_dsz) {
      size_t nc = c->n_dsz ? c->n_dsz : 1024;
      while (nc <= (size_t)id) nc *= 2;
      int32_t *d = realloc(c->dsz, nc * sizeof(*d));
      if (!d) {
        r = hoso__err(err, HOSO_ENOMEM, "out of memory caching articles");
        break;
      }
      for (size_t i = c->n_dsz; i < nc; i++) d[i] = -1;
      c->dsz = d;
      c->n_dsz = nc;
    }
    const unsigned char *p = sqlite3_column_blob(st, 1);
    size_t n = (size_t)sqlite3_column_bytes(st, 1), at = 0;
    uint64_t total = 0;
    while (p && at < n) {
      uint64_t v;
      size_t k = get_varint(p + at, n - at, &v);
      if (!k) break;
      total += v;
      at += k;
    }
    c->dsz[id] = total <= INT32_MAX ? (int32_t)total : -1;
    c->dsz_max = id;
  }
  if (!r && rc != SQLITE_DONE) r = hoso__sq_err(s, err, rc, "cannot read articles");
  sqlite3_finalize(st);
  return r;
}
