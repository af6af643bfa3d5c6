/* sqlite_facets_sql.c -- the people, organisation and event type facets
** of a search through the tables (mention, entity, event_source), for a
** handle that has not loaded the mention index (a one-off search: the
** command line). Uses the temporary table temp.hit; allocates per search. */
#include <stdlib.h>
#include <string.h>

#include "store/sqlite_search_int.h"

static int cmp_i64(const void *a, const void *b) {
  int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
  return (x > y) - (x < y);
}

static int facet_sql(sq_store *s, hoso_json *w, const char *name,
                     const char *sql, hoso_error *err) {
  sqlite3_stmt *st;
  int rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL);
  if (rc != SQLITE_OK) return hoso__sq_err(s, err, rc, "cannot count facets");
  hoso__json_key(w, name);
  hoso__json_arr_begin(w);
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    hoso__json_obj_begin(w);
    hoso__json_key(w, "value");
    hoso__sq_json_col(w, st, 0);
    hoso__json_key(w, "count");
    hoso__sq_json_col(w, st, 1);
    hoso__json_obj_end(w);
  }
  hoso__json_arr_end(w);
  sqlite3_finalize(st);
  if (rc != SQLITE_DONE) return hoso__sq_err(s, err, rc, "cannot count facets");
  return HOSO_OK;
}

/* People and organisations among the hits: for each entity of kind 1
** (person) or 2 (organisation), the number of matching articles that
** mention it; the top FACET_TOP of each kind by count, then name. One pass
** over the mentions of the hits (one indexed query per hit), counted in a
** dense array indexed by entity id (no SQL grouping); kinds and names are read only
** for the entities that can reach a top list. Same output as
** "SELECT e.name, count(DISTINCT m.article_id) ... GROUP BY e.id
**  ORDER BY count DESC, e.name LIMIT 10" per kind. */
typedef struct ent_count {
  int64_t id;
  int64_t count;
  char *name; /* owned; NULL until read */
  size_t name_n;
} ent_count;

static int cmp_ent_count(const void *a, const void *b) {
  const ent_count *x = a, *y = b;
  if (x->count != y->count) return x->count > y->count ? -1 : 1;
  return (x->id > y->id) - (x->id < y->id);
}

static int cmp_ent_name(const void *a, const void *b) {
  const ent_count *x = a, *y = b;
  if (x->count != y->count) return x->count > y->count ? -1 : 1;
  int c = strcmp(x->name, y->name);
  if (c) return c;
  return (x->id > y->id) - (x->id < y->id);
}

/* The people or orgs facet (kind 1 or 2): the candidates sorted by count
** then name, the first FACET_TOP written. */
static void write_entity_top(hoso_json *w, int kind, ent_count *cand, size_t n) {
  qsort(cand, n, sizeof(*cand), cmp_ent_name);
  hoso__json_key(w, kind == 1 ? "people" : "orgs");
  hoso__json_arr_begin(w);
  for (size_t i = 0; i < n && i < FACET_TOP; i++) {
    hoso__json_obj_begin(w);
    hoso__json_key(w, "value");
    hoso__json_strn(w, cand[i].name, cand[i].name_n);
    hoso__json_key(w, "count");
    hoso__json_int(w, cand[i].count);
    hoso__json_obj_end(w);
  }
  hoso__json_arr_end(w);
}

static void free_cands(ent_count *cand, size_t n) {
  for (size_t i = 0; i < n; i++) free(cand[i].name);
  free(cand);
}

static int entity_facets(sq_store *s, hoso_json *w, const sq_hits *h, hoso_error *err) {
  sqlite3_stmt *st = NULL;
  int64_t max_id = 0;
  int rc = sqlite3_prepare_v2(s->db, "SELECT max(id) FROM entity", -1, &st, NULL);
  if (rc != SQLITE_OK) return hoso__sq_err(s, err, rc, "cannot count facets");
  if (sqlite3_step(st) == SQLITE_ROW) max_id = sqlite3_column_int64(st, 0);
  sqlite3_finalize(st);
  if (max_id < 0) max_id = 0;
  /* per entity: matching articles, and the last article counted */
  int64_t *cnt = calloc((size_t)max_id + 1, sizeof(int64_t));
  int64_t *last = calloc((size_t)max_id + 1, sizeof(int64_t));
  int64_t *ids = malloc((h->n + 1) * sizeof(int64_t));
  ent_count *ec = NULL;
  size_t n_ec = 0;
  int r = HOSO_OK;
  if (!cnt || !last || !ids) {
    r = hoso__err(err, HOSO_ENOMEM, "out of memory");
    goto done;
  }
  if (h->n) memcpy(ids, h->ids, h->n * sizeof(int64_t));
  qsort(ids, h->n, sizeof(int64_t), cmp_i64); /* index order: locality */
  rc = sqlite3_prepare_v2(s->db, "SELECT entity_id FROM mention WHERE article_id=?1",
                          -1, &st, NULL);
  if (rc != SQLITE_OK) {
    r = hoso__sq_err(s, err, rc, "cannot count facets");
    goto done;
  }
  for (size_t i = 0; i < h->n; i++) {
    if (i && ids[i] == ids[i - 1]) continue;
    sqlite3_bind_int64(st, 1, ids[i]);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
      int64_t e = sqlite3_column_int64(st, 0);
      if (e < 1 || e > max_id || last[e] == ids[i]) continue;
      last[e] = ids[i];
      if (!cnt[e]++) n_ec++;
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
      sqlite3_finalize(st);
      r = hoso__sq_err(s, err, rc, "cannot count facets");
      goto done;
    }
  }
  sqlite3_finalize(st);
  st = NULL;
  ec = malloc((n_ec + 1) * sizeof(*ec));
  if (!ec) {
    r = hoso__err(err, HOSO_ENOMEM, "out of memory");
    goto done;
  }
  n_ec = 0;
  for (int64_t e = 1; e <= max_id; e++)
    if (cnt[e]) ec[n_ec++] = (ent_count){e, cnt[e], NULL, 0};
  qsort(ec, n_ec, sizeof(*ec), cmp_ent_count);
  rc = sqlite3_prepare_v2(s->db, "SELECT kind, name FROM entity WHERE id=?1", -1,
                          &st, NULL);
  if (rc != SQLITE_OK) {
    r = hoso__sq_err(s, err, rc, "cannot count facets");
    goto done;
  }
  for (int kind = 1; kind <= 2 && !r; kind++) {
    /* candidates of this kind, in count order: every one whose count is
    ** at least the FACET_TOP-th count of the kind (ties broken by name) */
    ent_count *cand = malloc((n_ec + 1) * sizeof(*cand));
    size_t nc = 0, seen = 0;
    int64_t floor_count = 0;
    if (!cand) {
      r = hoso__err(err, HOSO_ENOMEM, "out of memory");
      break;
    }
    for (size_t i = 0; i < n_ec && !r; i++) {
      if (seen >= FACET_TOP && ec[i].count < floor_count) break;
      sqlite3_reset(st);
      sqlite3_bind_int64(st, 1, ec[i].id);
      rc = sqlite3_step(st);
      if (rc != SQLITE_ROW) {
        if (rc != SQLITE_DONE) r = hoso__sq_err(s, err, rc, "cannot count facets");
        continue;
      }
      if (sqlite3_column_int(st, 0) != kind) continue;
      const char *nm = (const char *)sqlite3_column_text(st, 1);
      size_t nl = (size_t)sqlite3_column_bytes(st, 1);
      char *copy = malloc(nl + 1);
      if (!copy) {
        r = hoso__err(err, HOSO_ENOMEM, "out of memory");
        break;
      }
      if (nl) memcpy(copy, nm, nl);
      copy[nl] = 0;
      cand[nc++] = (ent_count){ec[i].id, ec[i].count, copy, nl};
      if (++seen == FACET_TOP) floor_count = ec[i].count;
    }
    if (!r) write_entity_top(w, kind, cand, nc);
    free_cands(cand, nc);
  }
done:
  sqlite3_finalize(st);
  free(ec);
  free(ids);
  free(last);
  free(cnt);
  return r;
}

int hoso__sq_facets_sql(sq_store *s, hoso_json *w, const sq_hits *h, hoso_error *err) {
  sqlite3_stmt *st;
  int rc = hoso__sq_exec(s,
                         "CREATE TEMP TABLE IF NOT EXISTS hit(id INTEGER PRIMARY"
                         " KEY); DELETE FROM temp.hit",
                         err);
  if (!rc && sqlite3_prepare_v2(s->db, "INSERT INTO temp.hit(id) VALUES(?1)",
                                -1, &st, NULL) == SQLITE_OK) {
    for (size_t i = 0; i < h->n; i++) {
      sqlite3_bind_int64(st, 1, h->ids[i]);
      sqlite3_step(st);
      sqlite3_reset(st);
    }
    sqlite3_finalize(st);
  }
  if (!rc) rc = entity_facets(s, w, h, err);
  if (!rc)
    rc = facet_sql(s, w, "event_types",
                   "SELECT e.type, count(DISTINCT e.id) c FROM temp.hit h"
                   " JOIN event_source es ON es.article_id=h.id JOIN event e"
                   " ON e.id=es.event_id GROUP BY e.type ORDER BY c DESC,"
                   " e.type LIMIT 10",
                   err);
  return rc;
}
