/* pg_views.c -- the article, timeline, person/organisation dossier, name
** suggestions, ingest errors and counts on PostgreSQL. Same JSON as the
** SQLite backend (store/sqlite_search.c, store/sqlite_views.c), key for
** key and in the same order: text is ordered by bytes (COLLATE "C", as
** SQLite's BINARY), unknown days sort as SQLite sorts NULL. */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "search/snippet.h"
#include "store/pg_int.h"

static int unhex(char c) {
  return c >= '0' && c <= '9'   ? c - '0'
         : c >= 'a' && c <= 'f' ? c - 'a' + 10
         : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                : -1;
}

/* bytea in hex text form ("\x...") -> malloc'd bytes. */
static int bytea_decode(const char *hex, size_t n, unsigned char **out,
                        size_t *out_n) {
  *out = NULL;
  *out_n = 0;
  if (n < 2 || hex[0] != '\\' || hex[1] != 'x' || (n - 2) % 2) return HOSO_EDB;
  size_t k = (n - 2) / 2;
  unsigned char *b = malloc(k ? k : 1);
  if (!b) return HOSO_ENOMEM;
  for (size_t i = 0; i < k; i++) {
    int hi = unhex(hex[2 + 2 * i]), lo = unhex(hex[3 + 2 * i]);
    if (hi < 0 || lo < 0) {
      free(b);
      return HOSO_EDB;
    }
    b[i] = (unsigned char)(hi * 16 + lo);
  }
  *out = b;
  *out_n = k;
  return HOSO_OK;
}

static const char *kind_name(int k) {
  static const char *const kinds[] = {"any", "person", "org", "place"};
  return k >= 0 && k <= 3 ? kinds[k] : "other";
}

/* ---- events --------------------------------------------------------- */

/* The event ids of ev's rows as a bigint[] literal. */
static int id_array(const PGresult *ev, hoso_buf *arr) {
  int rc = hoso__buf_addc(arr, '{');
  for (int i = 0; i < PQntuples(ev) && !rc; i++)
    rc = hoso__buf_printf(arr, "%s%s", i ? "," : "", PQgetvalue(ev, i, 0));
  return rc ? rc : hoso__buf_addc(arr, '}');
}

int hoso__pg_events_json(pg_store *s, hoso_json *w, const PGresult *ev,
                         hoso_error *err) {
  if (!PQntuples(ev)) return HOSO_OK;
  hoso_buf arr;
  hoso__buf_init(&arr, 0);
  if (id_array(ev, &arr)) {
    hoso__buf_free(&arr);
    return hoso__err(err, HOSO_ENOMEM, "out of memory");
  }
  const char *p[1] = {arr.p};
  /* participants and sources of every event of the page: two round trips */
  PGresult *ps = hoso__pg_exec(
      s,
      "SELECT p.event_id, en.name, p.title FROM participant p JOIN entity en"
      " ON en.id=p.entity_id WHERE p.event_id = ANY($1::bigint[])"
      " ORDER BY p.event_id, en.name COLLATE \"C\", en.id",
      1, p, err, "cannot read events");
  PGresult *ss = ps ? hoso__pg_exec(
                          s,
                          "SELECT es.event_id, es.article_id, o.name, a.url,"
                          " a.published, es.start_at, es.end_at, a.text FROM"
                          " event_source es JOIN article a ON a.id=es.article_id"
                          " LEFT JOIN outlet o ON o.id=a.outlet_id WHERE"
                          " es.event_id = ANY($1::bigint[]) ORDER BY es.event_id,"
                          " a.published_day NULLS FIRST, a.id, es.start_at",
                          1, p, err, "cannot read events")
                    : NULL;
  hoso__buf_free(&arr);
  if (!ps || !ss) {
    PQclear(ps);
    return HOSO_EDB;
  }
  int np = PQntuples(ps), ns = PQntuples(ss);
  for (int i = 0; i < PQntuples(ev); i++) {
    int64_t id = strtoll(PQgetvalue(ev, i, 0), NULL, 10);
    static const char *const keys[] = {"event", "type", "date", "place", "summary"};
    hoso__json_obj_begin(w);
    for (int k = 0; k < 5; k++) {
      hoso__json_key(w, keys[k]);
      if (k == 0) hoso__pg_json_int_col(w, ev, i, k);
      else hoso__pg_json_col(w, ev, i, k);
    }
    hoso__json_key(w, "participants");
    hoso__json_arr_begin(w);
    for (int j = 0; j < np; j++) {
      if (strtoll(PQgetvalue(ps, j, 0), NULL, 10) != id) continue;
      hoso__json_obj_begin(w);
      hoso__json_key(w, "name");
      hoso__pg_json_col(w, ps, j, 1);
      hoso__json_key(w, "title");
      hoso__pg_json_col(w, ps, j, 2);
      hoso__json_obj_end(w);
    }
    hoso__json_arr_end(w);
    hoso__json_key(w, "sources");
    hoso__json_arr_begin(w);
    for (int j = 0; j < ns; j++) {
      if (strtoll(PQgetvalue(ss, j, 0), NULL, 10) != id) continue;
      static const char *const sk[] = {"article", "outlet", "url", "published",
                                       "start", "end"};
      hoso__json_obj_begin(w);
      for (int k = 0; k < 6; k++) {
        hoso__json_key(w, sk[k]);
        if (k == 0 || k >= 4) hoso__pg_json_int_col(w, ss, j, k + 1);
        else hoso__pg_json_col(w, ss, j, k + 1);
      }
      /* the cited sentence: bytes [start, end) of the text */
      const char *text = PQgetvalue(ss, j, 7);
      long long tn = PQgetlength(ss, j, 7);
      long long a = strtoll(PQgetvalue(ss, j, 5), NULL, 10);
      long long b = strtoll(PQgetvalue(ss, j, 6), NULL, 10);
      if (a < 0) a = 0;
      if (a > tn) a = tn;
      if (b > tn) b = tn;
      if (b < a) b = a;
      hoso__json_key(w, "sentence");
      hoso__json_strn(w, text + a, (size_t)(b - a));
      hoso__json_obj_end(w);
    }
    hoso__json_arr_end(w);
    hoso__json_obj_end(w);
  }
  PQclear(ps);
  PQclear(ss);
  return HOSO_OK;
}

/* ---- article -------------------------------------------------------- */

static int entities_json(pg_store *s, hoso_json *w, const char *id,
                         hoso_error *err) {
  const char *p[1] = {id};
  PGresult *r = hoso__pg_exec(
      s,
      "SELECT e.kind, e.name, m.title, m.start_at, m.end_at FROM mention m"
      " JOIN entity e ON e.id=m.entity_id WHERE m.article_id=$1"
      " ORDER BY m.start_at, m.ctid",
      1, p, err, "cannot read entities");
  if (!r) return HOSO_EDB;
  hoso__json_key(w, "entities");
  hoso__json_arr_begin(w);
  for (int i = 0; i < PQntuples(r); i++) {
    hoso__json_obj_begin(w);
    hoso__json_key(w, "kind");
    hoso__json_str(w, kind_name(atoi(PQgetvalue(r, i, 0))));
    static const char *const keys[] = {"name", "title", "start", "end"};
    for (int k = 0; k < 4; k++) {
      hoso__json_key(w, keys[k]);
      if (k >= 2) hoso__pg_json_int_col(w, r, i, k + 1);
      else hoso__pg_json_col(w, r, i, k + 1);
    }
    hoso__json_obj_end(w);
  }
  hoso__json_arr_end(w);
  PQclear(r);
  r = hoso__pg_exec(
      s,
      "SELECT e.id, e.type, e.date, e.place, e.summary, es.start_at,"
      " es.end_at, (SELECT string_agg(en.name, '; ' ORDER BY p.entity_id)"
      " FROM participant p JOIN entity en ON en.id=p.entity_id WHERE"
      " p.event_id=e.id) FROM event_source es JOIN event e"
      " ON e.id=es.event_id WHERE es.article_id=$1 ORDER BY es.start_at, e.id",
      1, p, err, "cannot read events");
  if (!r) return HOSO_EDB;
  hoso__json_key(w, "events");
  hoso__json_arr_begin(w);
  for (int i = 0; i < PQntuples(r); i++) {
    static const char *const keys[] = {"event", "type", "date", "place",
                                       "summary", "start", "end", "participants"};
    hoso__json_obj_begin(w);
    for (int k = 0; k < 8; k++) {
      hoso__json_key(w, keys[k]);
      if (k == 0 || k == 5 || k == 6) hoso__pg_json_int_col(w, r, i, k);
      else hoso__pg_json_col(w, r, i, k);
    }
    hoso__json_obj_end(w);
  }
  hoso__json_arr_end(w);
  PQclear(r);
  return HOSO_OK;
}

/* The original bytes: zlib-compressed, or the text itself. */
static int original_json(pg_store *s, hoso_json *w, const PGresult *r,
                         int64_t id, hoso_error *err) {
  if (PQgetisnull(r, 0, 15)) return HOSO_OK; /* no original row */
  hoso__json_key(w, "original");
  if (!strcmp(PQgetvalue(r, 0, 15), "text")) {
    hoso__pg_json_col(w, r, 0, 13);
    return HOSO_OK;
  }
  unsigned char *z;
  size_t zn;
  int rc = bytea_decode(PQgetvalue(r, 0, 17), (size_t)PQgetlength(r, 0, 17),
                        &z, &zn);
  if (rc == HOSO_ENOMEM) return hoso__err(err, rc, "out of memory");
  uLongf n = (uLongf)strtoull(PQgetvalue(r, 0, 16), NULL, 10);
  unsigned char *p = rc ? NULL : malloc(n ? n : 1);
  if (!rc && !p) {
    free(z);
    return hoso__err(err, HOSO_ENOMEM, "out of memory");
  }
  if (rc || uncompress(p, &n, z, (uLong)zn) != Z_OK) {
    free(z);
    free(p);
    return hoso__err(err, HOSO_EDB,
                     "original bytes of article %" PRId64 " are damaged", id);
  }
  hoso__json_strn(w, (const char *)p, n);
  free(z);
  free(p);
  return HOSO_OK;
}

int hoso__pg_article(hoso_store *stp, int64_t id, unsigned flags, hoso_json *w,
                     hoso_error *err) {
  pg_store *s = (pg_store *)stp;
  char ids[24];
  snprintf(ids, sizeof ids, "%" PRId64, id);
  const char *p[1] = {ids};
  PGresult *r = hoso__pg_exec(
      s,
      "SELECT a.id, a.story_id, a.title, o.name, a.url, a.canonical_url,"
      " a.published, a.lang, a.author, a.credit, a.origin,"
      " to_char(a.added AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'),"
      " a.content_hash, a.text, a.record, g.encoding, g.size, g.bytes"
      " FROM article a LEFT JOIN outlet o ON o.id=a.outlet_id"
      " LEFT JOIN original g ON g.article_id=a.id WHERE a.id=$1",
      1, p, err, "cannot read article");
  if (!r) return HOSO_EDB;
  if (!PQntuples(r)) {
    PQclear(r);
    return hoso__err(err, HOSO_ENOTFOUND, "no article %" PRId64, id);
  }
  static const char *const keys[] = {
      "id",   "story",  "title",  "outlet", "url",  "canonical_url", "published",
      "lang", "author", "credit", "origin", "added", "content_hash", "text"};
  hoso__json_obj_begin(w);
  for (int i = 0; i < 14; i++) {
    hoso__json_key(w, keys[i]);
    if (i < 2) hoso__pg_json_int_col(w, r, 0, i);
    else hoso__pg_json_col(w, r, 0, i);
  }
  hoso__json_key(w, "record");
  if (PQgetisnull(r, 0, 14))
    hoso__json_null(w);
  else
    hoso__json_raw(w, PQgetvalue(r, 0, 14), (size_t)PQgetlength(r, 0, 14));
  int rc = HOSO_OK;
  if (flags & HOSO_ARTICLE_ORIGINAL) rc = original_json(s, w, r, id, err);
  char story[24];
  snprintf(story, sizeof story, "%s", PQgetvalue(r, 0, 1));
  PQclear(r);
  if (!rc) rc = entities_json(s, w, ids, err);
  if (!rc) {
    hoso__json_key(w, "story_sources");
    hoso__json_obj_begin(w);
    rc = hoso__pg_story_body(s, w, story, err);
    hoso__json_obj_end(w);
  }
  hoso__json_obj_end(w);
  return rc;
}

/* ---- timeline ------------------------------------------------------- */

static int article_filtered(const hoso_query *o) {
  return o && ((o->q && o->q_n) || (o->outlet && *o->outlet) ||
               (o->lang && *o->lang) || (o->person && *o->person) ||
               (o->org && *o->org) || (o->event_type && *o->event_type));
}

static int64_t count_of(const PGresult *r) {
  return PQntuples(r) ? strtoll(PQgetvalue(r, 0, 0), NULL, 10) : 0;
}

int hoso__pg_timeline(hoso_store *stp, const hoso_qnode *q,
                      const hoso_query *opt, hoso_json *w, hoso_error *err) {
  pg_store *s = (pg_store *)stp;
  int64_t from = 0, to = 0;
  int has_from = opt && opt->from && *opt->from;
  int has_to = opt && opt->to && *opt->to;
  if (has_from && hoso__store_parse_day(opt->from, 0, &from))
    return hoso__err(err, HOSO_EARG, "bad --from date '%s'", opt->from);
  if (has_to && hoso__store_parse_day(opt->to, 1, &to))
    return hoso__err(err, HOSO_EARG, "bad --to date '%s'", opt->to);
  int filtered = article_filtered(opt);
  pg_sel sel;
  memset(&sel, 0, sizeof sel);
  int rc = HOSO_OK;
  if (filtered) {
    hoso_query o = *opt;
    o.event_type = NULL; /* dates and type apply to the events, below */
    rc = hoso__pg_select(s, q, &o, 0, &sel, err);
  }
  int64_t offset = opt && opt->offset > 0 ? opt->offset : 0;
  int64_t limit = opt && opt->limit > 0 ? opt->limit : 100;
  char from_s[24], to_s[24], lim[24], off[24];
  snprintf(from_s, sizeof from_s, "%" PRId64, from);
  snprintf(to_s, sizeof to_s, "%" PRId64, to);
  snprintf(lim, sizeof lim, "%" PRId64, limit);
  snprintf(off, sizeof off, "%" PRId64, offset);
  const char *p[PG_SEL_MAX + 5];
  int n = sel.n;
  for (int i = 0; i < n; i++) p[i] = sel.p[i];
  p[n] = has_from ? from_s : NULL;
  p[n + 1] = has_to ? to_s : NULL;
  p[n + 2] = opt && opt->event_type && *opt->event_type ? opt->event_type : NULL;
  p[n + 3] = lim;
  p[n + 4] = off;
  hoso_buf cond, sql;
  hoso__buf_init(&cond, 0);
  hoso__buf_init(&sql, 0);
  if (!rc &&
      (hoso__buf_printf(&cond,
                        " FROM event e WHERE ($%d::int IS NULL OR e.day >= $%d::int)"
                        " AND ($%d::int IS NULL OR e.day <= $%d::int) AND"
                        " ($%d::text IS NULL OR e.type = $%d::text)",
                        n + 1, n + 1, n + 2, n + 2, n + 3, n + 3) ||
       (filtered &&
        hoso__buf_printf(&cond,
                         " AND EXISTS (SELECT 1 FROM event_source es JOIN"
                         " article a ON a.id = es.article_id WHERE"
                         " es.event_id = e.id AND %s)",
                         sel.where.p))))
    rc = hoso__err(err, HOSO_ENOMEM, "out of memory");
  PGresult *c = NULL, *r = NULL;
  if (!rc && hoso__buf_printf(&sql, "SELECT count(*)%s", cond.p))
    rc = hoso__err(err, HOSO_ENOMEM, "out of memory");
  if (!rc) {
    /* the count takes no page: its parameters stop before limit/offset,
    ** which it does not use */
    c = hoso__pg_exec(s, sql.p, n + 3, p, err, "cannot read the timeline");
    if (!c) rc = HOSO_EDB;
  }
  hoso__buf_reset(&sql);
  if (!rc && hoso__buf_printf(&sql,
                              "SELECT e.id, e.type, e.date, e.place, e.summary%s"
                              " ORDER BY e.day IS NULL, e.day, e.id"
                              " LIMIT $%d OFFSET $%d",
                              cond.p, n + 4, n + 5))
    rc = hoso__err(err, HOSO_ENOMEM, "out of memory");
  if (!rc) {
    r = hoso__pg_exec(s, sql.p, n + 5, p, err, "cannot read the timeline");
    if (!r) rc = HOSO_EDB;
  }
  if (!rc) {
    hoso__json_obj_begin(w);
    hoso__json_key(w, "total");
    hoso__json_int(w, count_of(c));
    hoso__json_key(w, "offset");
    hoso__json_int(w, offset);
    hoso__json_key(w, "limit");
    hoso__json_int(w, limit);
    hoso__json_key(w, "events");
    hoso__json_arr_begin(w);
    rc = hoso__pg_events_json(s, w, r, err);
    hoso__json_arr_end(w);
    hoso__json_obj_end(w);
  }
  PQclear(c);
  PQclear(r);
  hoso__buf_free(&cond);
  hoso__buf_free(&sql);
  hoso__pg_sel_free(&sel);
  return rc;
}

/* ---- dossier -------------------------------------------------------- */

/* The entity for key: same folded key, else the most mentioned whose key
** holds it as whole words. *id 0 when none. An entity with 0 mentions is
** a key committed ahead of its batch (pg_keys.c): not stored yet. */
static int find_entity(pg_store *s, int kind, const char *key, int64_t *id,
                       char **name, hoso_error *err) {
  char k[16];
  snprintf(k, sizeof k, "%d", kind);
  const char *p[2] = {k, key};
  *id = 0;
  *name = NULL;
  PGresult *r = hoso__pg_exec(
      s,
      "SELECT id, name FROM entity WHERE ($1::int = 0 OR kind = $1::int) AND"
      " mentions > 0 AND (key = $2 OR key LIKE $2 || ' %' OR key LIKE '% ' || $2 OR"
      " key LIKE '% ' || $2 || ' %') ORDER BY key = $2 DESC, mentions DESC, id"
      " LIMIT 1",
      2, p, err, "cannot find the name");
  if (!r) return HOSO_EDB;
  int rc = HOSO_OK;
  if (PQntuples(r)) {
    *id = strtoll(PQgetvalue(r, 0, 0), NULL, 10);
    *name = strdup(PQgetvalue(r, 0, 1));
    if (!*name) rc = hoso__err(err, HOSO_ENOMEM, "out of memory");
  }
  PQclear(r);
  return rc;
}

/* Rows of a one-parameter query as an array of objects; cols[i] starting
** with '#' are integers. */
static int rows_json(pg_store *s, hoso_json *w, const char *key,
                     const char *sql, const char *arg,
                     const char *const *cols, int ncols, hoso_error *err) {
  const char *p[1] = {arg};
  PGresult *r = hoso__pg_exec(s, sql, 1, p, err, "cannot read the dossier");
  if (!r) return HOSO_EDB;
  hoso__json_key(w, key);
  hoso__json_arr_begin(w);
  for (int i = 0; i < PQntuples(r); i++) {
    hoso__json_obj_begin(w);
    for (int k = 0; k < ncols; k++) {
      int num = cols[k][0] == '#';
      hoso__json_key(w, cols[k] + num);
      if (num) hoso__pg_json_int_col(w, r, i, k);
      else hoso__pg_json_col(w, r, i, k);
    }
    hoso__json_obj_end(w);
  }
  hoso__json_arr_end(w);
  PQclear(r);
  return HOSO_OK;
}

/* The dossier's page of articles, oldest first (undated last), each with
** the text around the name. */
static int dossier_articles(pg_store *s, hoso_json *w, const pg_sel *sel,
                            const hoso_buf *terms, const hoso_query *opt,
                            hoso_error *err) {
  int64_t offset = opt && opt->offset > 0 ? opt->offset : 0;
  int64_t limit = opt && opt->limit > 0 ? opt->limit : 20;
  char lim[24], off[24];
  snprintf(lim, sizeof lim, "%" PRId64, limit);
  snprintf(off, sizeof off, "%" PRId64, offset);
  const char *p[PG_SEL_MAX + 2];
  for (int i = 0; i < sel->n; i++) p[i] = sel->p[i];
  p[sel->n] = lim;
  p[sel->n + 1] = off;
  hoso_buf sql;
  hoso__buf_init(&sql, 0);
  if (hoso__buf_printf(&sql, "SELECT count(*) FROM article a WHERE %s",
                       sel->where.p)) {
    hoso__buf_free(&sql);
    return hoso__err(err, HOSO_ENOMEM, "out of memory");
  }
  PGresult *c = hoso__pg_exec(s, sql.p, sel->n, p, err, "cannot read the dossier");
  if (!c) {
    hoso__buf_free(&sql);
    return HOSO_EDB;
  }
  hoso__buf_reset(&sql);
  if (hoso__buf_printf(&sql,
                       "SELECT a.id, a.story_id, a.title, o.name, a.url,"
                       " a.published, a.text FROM article a LEFT JOIN"
                       " outlet o ON o.id=a.outlet_id WHERE %s ORDER BY"
                       " a.published_day NULLS LAST, a.id LIMIT $%d OFFSET $%d",
                       sel->where.p, sel->n + 1, sel->n + 2)) {
    PQclear(c);
    hoso__buf_free(&sql);
    return hoso__err(err, HOSO_ENOMEM, "out of memory");
  }
  PGresult *r = hoso__pg_exec(s, sql.p, sel->n + 2, p, err, "cannot read the dossier");
  hoso__buf_free(&sql);
  if (!r) {
    PQclear(c);
    return HOSO_EDB;
  }
  hoso__json_key(w, "articles");
  hoso__json_obj_begin(w);
  hoso__json_key(w, "total");
  hoso__json_int(w, count_of(c));
  hoso__json_key(w, "offset");
  hoso__json_int(w, offset);
  hoso__json_key(w, "limit");
  hoso__json_int(w, limit);
  hoso__json_key(w, "items");
  hoso__json_arr_begin(w);
  int rc = HOSO_OK;
  for (int i = 0; i < PQntuples(r) && !rc; i++) {
    static const char *const keys[] = {"id", "story", "title", "outlet", "url",
                                       "published"};
    hoso__json_obj_begin(w);
    for (int k = 0; k < 6; k++) {
      hoso__json_key(w, keys[k]);
      if (k < 2) hoso__pg_json_int_col(w, r, i, k);
      else hoso__pg_json_col(w, r, i, k);
    }
    const char *text = PQgetvalue(r, i, 6);
    size_t tn = (size_t)PQgetlength(r, i, 6);
    hoso_snippet sn;
    if (hoso__snippet(s->words, text, tn, terms->p ? terms->p : "", terms->n,
                      &sn)) {
      rc = hoso__err(err, HOSO_ENOMEM, "out of memory");
      break;
    }
    hoso__json_key(w, "context");
    hoso__json_strn(w, text + sn.start, sn.end - sn.start);
    hoso__json_key(w, "start");
    hoso__json_int(w, (int64_t)sn.start);
    hoso__json_key(w, "end");
    hoso__json_int(w, (int64_t)sn.end);
    hoso__snippet_free(&sn);
    hoso__json_obj_end(w);
  }
  hoso__json_arr_end(w);
  hoso__json_obj_end(w);
  PQclear(c);
  PQclear(r);
  return rc;
}

int hoso__pg_dossier(hoso_store *stp, int kind, const char *name, size_t name_n,
                     const hoso_query *opt, hoso_json *w, hoso_error *err) {
  pg_store *s = (pg_store *)stp;
  if (!name || !name_n) return hoso__err(err, HOSO_EARG, "give a name");
  if (name_n > 512) return hoso__err(err, HOSO_ETOOBIG, "name longer than 512 bytes");
  char *key = NULL, *found = NULL;
  int64_t ent = 0;
  int rc = hoso__store_fold_key(name, name_n, &key);
  if (rc) return hoso__err(err, rc, "out of memory");
  rc = find_entity(s, kind, key, &ent, &found, err);
  if (rc) {
    free(key);
    return rc;
  }
  /* The articles: through the entity's mentions when it is known, else
  ** every article holding the name as a phrase (basis says which); the
  ** phrase's words are what the contexts highlight. */
  hoso_buf phrase, tsq, terms;
  hoso__buf_init(&phrase, 0);
  hoso__buf_init(&tsq, 0);
  hoso__buf_init(&terms, 0);
  hoso_qnode *qn = NULL;
  if (hoso__buf_addc(&phrase, '"') ||
      hoso__buf_add(&phrase, found ? found : name, found ? strlen(found) : name_n) ||
      hoso__buf_addc(&phrase, '"'))
    rc = hoso__err(err, HOSO_ENOMEM, "out of memory");
  if (!rc) rc = hoso__query_parse(phrase.p, phrase.n, &qn, err);
  hoso_query o;
  memset(&o, 0, sizeof o);
  if (opt) o = *opt;
  if (ent) {
    if (kind == HOSO_ENTITY_ORG) o.org = found;
    else o.person = found;
  }
  pg_sel sel;
  memset(&sel, 0, sizeof sel);
  if (!rc && ent) {
    int empty;
    rc = hoso__pg_tsquery(s, qn, &tsq, &terms, &empty, err);
    if (rc && rc != HOSO_EDB) rc = hoso__err(err, rc, "out of memory");
    if (!rc) rc = hoso__pg_select(s, NULL, &o, 1, &sel, err);
  } else if (!rc) {
    rc = hoso__pg_select(s, qn, &o, 1, &sel, err);
  }
  hoso__query_free(qn);
  char ent_s[24];
  snprintf(ent_s, sizeof ent_s, "%" PRId64, ent);
  if (!rc) {
    hoso__json_obj_begin(w);
    hoso__json_key(w, "query");
    hoso__json_strn(w, name, name_n);
    hoso__json_key(w, "kind");
    hoso__json_str(w, kind >= 0 && kind <= 3 ? kind_name(kind) : "any");
    hoso__json_key(w, "name");
    if (found) hoso__json_str(w, found); else hoso__json_strn(w, name, name_n);
    hoso__json_key(w, "entity");
    if (ent) hoso__json_int(w, ent); else hoso__json_null(w);
    hoso__json_key(w, "basis");
    hoso__json_str(w, ent ? "entities" : "text");
    rc = dossier_articles(s, w, &sel, ent ? &terms : &sel.terms, opt, err);
    if (!rc) {
      static const char *const tcols[] = {"title", "first", "last", "#articles"};
      rc = rows_json(s, w, "titles",
                     "SELECT m.title, min(a.published COLLATE \"C\"),"
                     " max(a.published COLLATE \"C\"), count(DISTINCT m.article_id)"
                     " FROM mention m JOIN article a ON a.id=m.article_id"
                     " WHERE m.entity_id=$1 AND m.title IS NOT NULL AND"
                     " m.title<>'' GROUP BY m.title ORDER BY"
                     " min(a.published_day) NULLS FIRST, m.title COLLATE \"C\"",
                     ent_s, tcols, 4, err);
    }
    if (!rc) {
      const char *p[1] = {ent_s};
      PGresult *r = hoso__pg_exec(
          s,
          "SELECT e.id, e.type, e.date, e.place, e.summary FROM event e JOIN"
          " participant p ON p.event_id=e.id WHERE p.entity_id=$1 ORDER BY"
          " e.day IS NULL, e.day, e.id",
          1, p, err, "cannot read the dossier");
      if (!r) rc = HOSO_EDB;
      hoso__json_key(w, "events");
      hoso__json_arr_begin(w);
      if (!rc) rc = hoso__pg_events_json(s, w, r, err);
      hoso__json_arr_end(w);
      PQclear(r);
    }
    if (!rc) {
      static const char *const ccols[] = {"name", "kind", "#events"};
      rc = rows_json(s, w, "counterparts",
                     "SELECT en.name, CASE en.kind WHEN 1 THEN 'person' WHEN 2"
                     " THEN 'org' ELSE 'place' END, count(DISTINCT p2.event_id) c"
                     " FROM participant p1 JOIN participant p2 ON"
                     " p2.event_id=p1.event_id AND p2.entity_id<>p1.entity_id"
                     " JOIN entity en ON en.id=p2.entity_id WHERE p1.entity_id=$1"
                     " GROUP BY en.id ORDER BY c DESC, en.name COLLATE \"C\", en.id",
                     ent_s, ccols, 3, err);
    }
    hoso__json_obj_end(w);
  }
  hoso__pg_sel_free(&sel);
  hoso__buf_free(&phrase);
  hoso__buf_free(&tsq);
  hoso__buf_free(&terms);
  free(key);
  free(found);
  return rc;
}

/* ---- suggestions, errors, counts ----------------------------------- */

/* Entities with 0 mentions are keys whose batch is not committed (or was
** rolled back for good: pg_keys.c), so they are not suggested. */
int hoso__pg_suggest(hoso_store *stp, int kind, const char *prefix, size_t n,
                     int limit, hoso_json *w, hoso_error *err) {
  pg_store *s = (pg_store *)stp;
  if (n > 512) return hoso__err(err, HOSO_ETOOBIG, "prefix longer than 512 bytes");
  char *key;
  int rc = hoso__store_fold_key(prefix ? prefix : "", prefix ? n : 0, &key);
  if (rc) return hoso__err(err, rc, "out of memory");
  char k[16], lim[16];
  snprintf(k, sizeof k, "%d", kind);
  snprintf(lim, sizeof lim, "%d", limit > 0 ? limit : 10);
  const char *p[3] = {k, key, lim};
  PGresult *r = hoso__pg_exec(
      s,
      "SELECT name, CASE kind WHEN 1 THEN 'person' WHEN 2 THEN 'org' ELSE"
      " 'place' END, mentions FROM entity WHERE ($1::int = 0 OR kind = $1::int)"
      " AND mentions > 0 AND starts_with(key, $2) ORDER BY mentions DESC, name COLLATE \"C\", id"
      " LIMIT $3",
      3, p, err, "cannot suggest names");
  free(key);
  if (!r) return HOSO_EDB;
  hoso__json_obj_begin(w);
  hoso__json_key(w, "prefix");
  hoso__json_strn(w, prefix ? prefix : "", prefix ? n : 0);
  hoso__json_key(w, "suggestions");
  hoso__json_arr_begin(w);
  for (int i = 0; i < PQntuples(r); i++) {
    hoso__json_obj_begin(w);
    hoso__json_key(w, "name");
    hoso__pg_json_col(w, r, i, 0);
    hoso__json_key(w, "kind");
    hoso__pg_json_col(w, r, i, 1);
    hoso__json_key(w, "mentions");
    hoso__pg_json_int_col(w, r, i, 2);
    hoso__json_obj_end(w);
  }
  hoso__json_arr_end(w);
  hoso__json_obj_end(w);
  PQclear(r);
  return HOSO_OK;
}

int hoso__pg_errors(hoso_store *stp, int64_t offset, int64_t limit,
                    hoso_json *w, hoso_error *err) {
  pg_store *s = (pg_store *)stp;
  if (offset < 0) offset = 0;
  if (limit <= 0) limit = 100;
  char lim[24], off[24];
  snprintf(lim, sizeof lim, "%" PRId64, limit);
  snprintf(off, sizeof off, "%" PRId64, offset);
  const char *p[2] = {lim, off};
  PGresult *c = hoso__pg_exec(s, "SELECT count(*) FROM ingest_error", 0, NULL,
                              err, "cannot read errors");
  if (!c) return HOSO_EDB;
  PGresult *r = hoso__pg_exec(
      s,
      "SELECT id, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'),"
      " origin, \"offset\", code, message FROM ingest_error"
      " ORDER BY id DESC LIMIT $1 OFFSET $2",
      2, p, err, "cannot read errors");
  if (!r) {
    PQclear(c);
    return HOSO_EDB;
  }
  hoso__json_obj_begin(w);
  hoso__json_key(w, "total");
  hoso__json_int(w, count_of(c));
  hoso__json_key(w, "offset");
  hoso__json_int(w, offset);
  hoso__json_key(w, "limit");
  hoso__json_int(w, limit);
  hoso__json_key(w, "errors");
  hoso__json_arr_begin(w);
  for (int i = 0; i < PQntuples(r); i++) {
    static const char *const keys[] = {"id", "at", "origin", "offset", "code",
                                       "message"};
    hoso__json_obj_begin(w);
    for (int k = 0; k < 6; k++) {
      hoso__json_key(w, keys[k]);
      if (k == 4) hoso__json_str(w, hoso_status_name(atoi(PQgetvalue(r, i, 4))));
      else if (k == 0 || k == 3) hoso__pg_json_int_col(w, r, i, k);
      else hoso__pg_json_col(w, r, i, k);
    }
    hoso__json_obj_end(w);
  }
  hoso__json_arr_end(w);
  hoso__json_obj_end(w);
  PQclear(c);
  PQclear(r);
  return HOSO_OK;
}

/* The archive's counts. Outlets and entities are those in use (an
** article of the outlet; a mention or an event naming the entity): a
** writer commits new keys apart from its batch (pg_keys.c), so a batch
** rolled back for good (a killed ingest) can leave keys that nothing
** uses, which a SQLite archive never holds. */
int hoso__pg_stats(hoso_store *stp, hoso_json *w, hoso_error *err) {
  pg_store *s = (pg_store *)stp;
  PGresult *r = hoso__pg_exec(
      s,
      "SELECT (SELECT count(*) FROM article), (SELECT count(*) FROM story),"
      " (SELECT count(*) FROM outlet o WHERE EXISTS (SELECT 1 FROM article a"
      "  WHERE a.outlet_id = o.id)),"
      " (SELECT count(*) FROM entity e WHERE e.mentions > 0 OR EXISTS"
      "  (SELECT 1 FROM participant p WHERE p.entity_id = e.id)),"
      " (SELECT count(*) FROM event), (SELECT count(*) FROM ingest_error)",
      0, NULL, err, "cannot count");
  if (!r) return HOSO_EDB;
  static const char *const keys[] = {"articles", "stories", "outlets",
                                     "entities", "events", "errors"};
  hoso__json_obj_begin(w);
  hoso__json_key(w, "backend");
  hoso__json_str(w, "postgres");
  hoso__json_key(w, "schema");
  hoso__json_int(w, HOSO_PG_SCHEMA_VERSION);
  for (int i = 0; i < 6; i++) {
    hoso__json_key(w, keys[i]);
    hoso__pg_json_int_col(w, r, 0, i);
  }
  hoso__json_obj_end(w);
  PQclear(r);
  return HOSO_OK;
}
