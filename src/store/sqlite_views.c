/* sqlite_views.c -- timeline, person/organisation dossier, entity
** suggestions, ingest errors and archive counts on SQLite. */
#include <stdlib.h>
#include <string.h>

#include "search/snippet.h"
#include "store/sqlite_int.h"
#include "text/text.h"

/* Fill temp.hit with the article ids of hits. */
static int load_hits(sq_store *s, const sq_hits *h, hoso_error *err) {
  int rc = hoso__sq_exec(s,
                         "CREATE TEMP TABLE IF NOT EXISTS hit(id INTEGER PRIMARY"
                         " KEY); DELETE FROM temp.hit",
                         err);
  if (rc) return rc;
  sqlite3_stmt *st;
  int r = sqlite3_prepare_v2(s->db, "INSERT INTO temp.hit(id) VALUES(?1)", -1,
                             &st, NULL);
  if (r != SQLITE_OK) return hoso__sq_err(s, err, r, "cannot select articles");
  for (size_t i = 0; i < h->n && r == SQLITE_DONE - SQLITE_DONE; i++) {
    sqlite3_bind_int64(st, 1, h->ids[i]);
    r = sqlite3_step(st);
    sqlite3_reset(st);
    r = r == SQLITE_DONE ? 0 : r;
  }
  sqlite3_finalize(st);
  if (r) return hoso__sq_err(s, err, r, "cannot select articles");
  return HOSO_OK;
}

/* The columns 0..n-1 of the current row of st as members keys[0..n-1]. */
static void cols_json(hoso_json *w, sqlite3_stmt *st, const char *const *keys, int n) {
  for (int i = 0; i < n; i++) {
    hoso__json_key(w, keys[i]);
    hoso__sq_json_col(w, st, i);
  }
}

/* Every row of st as an object of keys[0..n-1], in an open array.
** Returns the last sqlite3_step code (SQLITE_DONE when all went well). */
static int rows_out(hoso_json *w, sqlite3_stmt *st, const char *const *keys, int n) {
  int rc;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    hoso__json_obj_begin(w);
    cols_json(w, st, keys, n);
    hoso__json_obj_end(w);
  }
  return rc;
}

/* The head of a page of results, inside an open object: total, offset,
** limit, then the items array opened under key. */
static void page_head(hoso_json *w, int64_t total, int64_t offset, int64_t limit,
                      const char *key) {
  hoso__json_key(w, "total");
  hoso__json_int(w, total);
  hoso__json_key(w, "offset");
  hoso__json_int(w, offset);
  hoso__json_key(w, "limit");
  hoso__json_int(w, limit);
  hoso__json_key(w, key);
  hoso__json_arr_begin(w);
}

static int article_filtered(const hoso_query *o) {
  return o && ((o->q && o->q_n) || (o->outlet && *o->outlet) ||
               (o->lang && *o->lang) || (o->person && *o->person) ||
               (o->org && *o->org) || (o->event_type && *o->event_type));
}

/* Events (with participants and cited sources) of the rows of st:
** column 0 is the event id. */
static int events_json(sq_store *s, hoso_json *w, sqlite3_stmt *ev,
                       hoso_error *err) {
  sqlite3_stmt *ps, *ss;
  int rc = sqlite3_prepare_v2(s->db,
                              "SELECT en.name, p.title, en.kind FROM participant p"
                              " JOIN entity en ON en.id=p.entity_id WHERE"
                              " p.event_id=?1 ORDER BY en.name",
                              -1, &ps, NULL);
  if (rc != SQLITE_OK) return hoso__sq_err(s, err, rc, "cannot read events");
  rc = sqlite3_prepare_v2(s->db,
                          "SELECT es.article_id, o.name, a.url, a.published,"
                          " es.start, es.end, substr(CAST(a.text AS BLOB),"
                          " es.start+1, es.end-es.start) FROM event_source es"
                          " JOIN article a ON a.id=es.article_id LEFT JOIN outlet"
                          " o ON o.id=a.outlet_id WHERE es.event_id=?1"
                          " ORDER BY a.published_day, a.id",
                          -1, &ss, NULL);
  if (rc != SQLITE_OK) {
    sqlite3_finalize(ps);
    return hoso__sq_err(s, err, rc, "cannot read events");
  }
  while ((rc = sqlite3_step(ev)) == SQLITE_ROW) {
    int64_t id = sqlite3_column_int64(ev, 0);
    static const char *const keys[] = {"event", "type", "date", "place", "summary"};
    hoso__json_obj_begin(w);
    cols_json(w, ev, keys, 5);
    hoso__json_key(w, "participants");
    hoso__json_arr_begin(w);
    sqlite3_reset(ps);
    sqlite3_bind_int64(ps, 1, id);
    static const char *const pk[] = {"name", "title"};
    rows_out(w, ps, pk, 2);
    hoso__json_arr_end(w);
    hoso__json_key(w, "sources");
    hoso__json_arr_begin(w);
    sqlite3_reset(ss);
    sqlite3_bind_int64(ss, 1, id);
    while (sqlite3_step(ss) == SQLITE_ROW) {
      static const char *const sk[] = {"article", "outlet", "url", "published",
                                       "start", "end"};
      hoso__json_obj_begin(w);
      cols_json(w, ss, sk, 6);
      hoso__json_key(w, "sentence");
      hoso__json_strn(w, (const char *)sqlite3_column_blob(ss, 6),
                      (size_t)sqlite3_column_bytes(ss, 6));
      hoso__json_obj_end(w);
    }
    hoso__json_arr_end(w);
    hoso__json_obj_end(w);
  }
  sqlite3_finalize(ps);
  sqlite3_finalize(ss);
  if (rc != SQLITE_DONE) return hoso__sq_err(s, err, rc, "cannot read events");
  return HOSO_OK;
}

static int count_of(sq_store *s, const char *sql, int64_t a, int64_t *n,
                    hoso_error *err) {
  sqlite3_stmt *st;
  int rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL);
  if (rc != SQLITE_OK) return hoso__sq_err(s, err, rc, "cannot count");
  if (sqlite3_bind_parameter_count(st) >= 1) sqlite3_bind_int64(st, 1, a);
  rc = sqlite3_step(st);
  *n = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
  sqlite3_finalize(st);
  if (rc != SQLITE_ROW) return hoso__sq_err(s, err, rc, "cannot count");
  return HOSO_OK;
}

int hoso__sq_timeline(hoso_store *stp, const hoso_qnode *q,
                      const hoso_query *opt, hoso_json *w, hoso_error *err) {
  sq_store *s = (sq_store *)stp;
  int32_t from = INT32_MIN, to = INT32_MAX;
  if (opt && opt->from && *opt->from && hoso__sq_parse_day(opt->from, 0, &from))
    return hoso__err(err, HOSO_EARG, "bad --from date '%s'", opt->from);
  if (opt && opt->to && *opt->to && hoso__sq_parse_day(opt->to, 1, &to))
    return hoso__err(err, HOSO_EARG, "bad --to date '%s'", opt->to);
  int filtered = article_filtered(opt);
  if (filtered) {
    hoso_query o = *opt;
    o.from = o.to = NULL; /* dates apply to the events, below */
    o.event_type = NULL;  /* and so does the type */
    sq_hits h;
    int rc = hoso__sq_match(s, q, &o, &h, NULL, err);
    if (!rc) rc = load_hits(s, &h, err);
    hoso__sq_hits_free(&h);
    if (rc) return rc;
  }
  char sql[1024];
  snprintf(sql, sizeof(sql),
           "SELECT e.id, e.type, e.date, e.place, e.summary FROM event e WHERE"
           " (?1 IS NULL OR e.day>=?1) AND (?2 IS NULL OR e.day<=?2) AND"
           " (?3 IS NULL OR e.type=?3) %s ORDER BY e.day IS NULL, e.day, e.id"
           " LIMIT ?4 OFFSET ?5",
           filtered ? "AND EXISTS(SELECT 1 FROM event_source es JOIN temp.hit h"
                      " ON h.id=es.article_id WHERE es.event_id=e.id)"
                    : "");
  int64_t offset = opt && opt->offset > 0 ? opt->offset : 0;
  int64_t limit = opt && opt->limit > 0 ? opt->limit : 100;
  /* total first (same conditions) */
  char csql[1200];
  snprintf(csql, sizeof(csql), "SELECT count(*) FROM (%s)", sql);
  sqlite3_stmt *st;
  int64_t total = 0;
  for (int pass = 0; pass < 2; pass++) {
    int rc = sqlite3_prepare_v2(s->db, pass ? sql : csql, -1, &st, NULL);
    if (rc != SQLITE_OK) return hoso__sq_err(s, err, rc, "cannot read the timeline");
    if (from != INT32_MIN) sqlite3_bind_int(st, 1, from);
    if (to != INT32_MAX) sqlite3_bind_int(st, 2, to);
    if (opt && opt->event_type && *opt->event_type)
      hoso__sq_bind_text(st, 3, opt->event_type);
    sqlite3_bind_int64(st, 4, pass ? limit : INT64_MAX);
    sqlite3_bind_int64(st, 5, pass ? offset : 0);
    if (pass == 0) {
      rc = sqlite3_step(st);
      total = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
      sqlite3_finalize(st);
      if (rc != SQLITE_ROW) return hoso__sq_err(s, err, rc, "cannot read the timeline");
    }
  }
  hoso__json_obj_begin(w);
  page_head(w, total, offset, limit, "events");
  int rc = events_json(s, w, st, err);
  sqlite3_finalize(st);
  hoso__json_arr_end(w);
  hoso__json_obj_end(w);
  return rc;
}

/* The entity id for name: same folded key, else the most mentioned whose
** key contains it as whole words. 0 when none. */
static int find_entity(sq_store *s, int kind, const char *key, int64_t *id,
                       char **name, hoso_error *err) {
  sqlite3_stmt *st;
  *id = 0;
  *name = NULL;
  int rc = sqlite3_prepare_v2(
      s->db,
      "SELECT id, name FROM entity WHERE (?1=0 OR kind=?1) AND (key=?2 OR"
      " key LIKE ?2 || ' %' OR key LIKE '% ' || ?2 OR key LIKE '% ' || ?2 || ' %')"
      " ORDER BY key=?2 DESC, mentions DESC LIMIT 1",
      -1, &st, NULL);
  if (rc != SQLITE_OK) return hoso__sq_err(s, err, rc, "cannot find the name");
  sqlite3_bind_int(st, 1, kind);
  hoso__sq_bind_text(st, 2, key);
  rc = sqlite3_step(st);
  if (rc == SQLITE_ROW) {
    *id = sqlite3_column_int64(st, 0);
    *name = strdup(hoso__sq_col(st, 1));
  }
  sqlite3_finalize(st);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return hoso__sq_err(s, err, rc, "cannot find the name");
  return HOSO_OK;
}

static int rows_json(sq_store *s, hoso_json *w, const char *key,
                     const char *sql, int64_t a, const char *const *cols,
                     int ncols, hoso_error *err) {
  sqlite3_stmt *st;
  int rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL);
  if (rc != SQLITE_OK) return hoso__sq_err(s, err, rc, "cannot read the dossier");
  sqlite3_bind_int64(st, 1, a);
  hoso__json_key(w, key);
  hoso__json_arr_begin(w);
  rc = rows_out(w, st, cols, ncols);
  hoso__json_arr_end(w);
  sqlite3_finalize(st);
  if (rc != SQLITE_DONE) return hoso__sq_err(s, err, rc, "cannot read the dossier");
  return HOSO_OK;
}

/* Articles of the dossier: a page of (id, title, outlet, url, published)
** with a snippet around the name. */
static int dossier_articles(sq_store *s, hoso_json *w, const sq_hits *h,
                            const char *terms, size_t terms_n,
                            const hoso_query *opt, hoso_error *err) {
  int64_t offset = opt && opt->offset > 0 ? opt->offset : 0;
  int64_t limit = opt && opt->limit > 0 ? opt->limit : 20;
  hoso__json_key(w, "articles");
  hoso__json_obj_begin(w);
  page_head(w, (int64_t)h->n, offset, limit, "items");
  sqlite3_stmt *st;
  int rc = sqlite3_prepare_v2(
      s->db,
      "SELECT a.id, a.story_id, a.title, o.name, a.url, a.published, a.text"
      " FROM article a LEFT JOIN outlet o ON o.id=a.outlet_id WHERE a.id=?1",
      -1, &st, NULL);
  if (rc != SQLITE_OK) return hoso__sq_err(s, err, rc, "cannot read the dossier");
  int r = HOSO_OK;
  for (int64_t i = offset; i < (int64_t)h->n && i - offset < limit && !r; i++) {
    sqlite3_reset(st);
    sqlite3_bind_int64(st, 1, h->ids[i]);
    if (sqlite3_step(st) != SQLITE_ROW) continue;
    static const char *const keys[] = {"id", "story", "title", "outlet", "url",
                                       "published"};
    hoso__json_obj_begin(w);
    cols_json(w, st, keys, 6);
    const char *text = hoso__sq_col(st, 6);
    size_t tn = (size_t)sqlite3_column_bytes(st, 6);
    hoso_snippet sn;
    if (hoso__snippet(s->words, text, tn, terms, terms_n, &sn)) {
      r = hoso__err(err, HOSO_ENOMEM, "out of memory");
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
  sqlite3_finalize(st);
  hoso__json_arr_end(w);
  hoso__json_obj_end(w);
  return r;
}

static int cmp_hit_day(sq_store *s, int64_t a, int64_t b) {
  int32_t x = s->cache.fact[a].day, y = s->cache.fact[b].day;
  if (x != y) {
    if (x == INT32_MIN) return 1; /* undated last */
    if (y == INT32_MIN) return -1;
    return x < y ? -1 : 1;
  }
  return (a > b) - (a < b);
}

/* insertion-free: sort hits by date (unknown last) then id */
static void sort_by_day(sq_store *s, sq_hits *h) {
  /* simple bottom-up merge sort on ids (scores unused here) */
  size_t n = h->n;
  int64_t *tmp = malloc(n * sizeof(int64_t));
  if (!tmp) return; /* keep id order: still complete */
  for (size_t width = 1; width < n; width *= 2) {
    for (size_t i = 0; i < n; i += 2 * width) {
      size_t a = i, am = i + width < n ? i + width : n, b = am,
             bm = i + 2 * width < n ? i + 2 * width : n, k = i;
      while (a < am && b < bm)
        tmp[k++] = cmp_hit_day(s, h->ids[a], h->ids[b]) <= 0 ? h->ids[a++] : h->ids[b++];
      while (a < am) tmp[k++] = h->ids[a++];
      while (b < bm) tmp[k++] = h->ids[b++];
    }
    memcpy(h->ids, tmp, n * sizeof(int64_t));
  }
  free(tmp);
}

int hoso__sq_dossier(hoso_store *stp, int kind, const char *name, size_t name_n,
                     const hoso_query *opt, hoso_json *w, hoso_error *err) {
  sq_store *s = (sq_store *)stp;
  char *key = NULL, *found_name = NULL;
  int64_t ent = 0;
  if (!name || !name_n) return hoso__err(err, HOSO_EARG, "give a name");
  if (name_n > 512) return hoso__err(err, HOSO_ETOOBIG, "name longer than 512 bytes");
  int rc = hoso__store_fold_key(name, name_n, &key);
  if (rc) return hoso__err(err, rc, "out of memory");
  rc = find_entity(s, kind, key, &ent, &found_name, err);
  if (rc) {
    free(key);
    return rc;
  }
  static const char *const kinds[] = {"any", "person", "org", "place"};
  hoso__json_obj_begin(w);
  hoso__json_key(w, "query");
  hoso__json_strn(w, name, name_n);
  hoso__json_key(w, "kind");
  hoso__json_str(w, kind >= 0 && kind <= 3 ? kinds[kind] : "any");
  hoso__json_key(w, "name");
  if (found_name)
    hoso__json_str(w, found_name);
  else
    hoso__json_strn(w, name, name_n);
  hoso__json_key(w, "entity");
  if (ent)
    hoso__json_int(w, ent);
  else
    hoso__json_null(w);
  /* The articles: through the entity's mentions when it is known, else
  ** every article containing the name as a phrase (basis says which). */
  sq_hits h;
  hoso_buf terms;
  hoso__buf_init(&terms, 1 << 16);
  hoso_query o;
  memset(&o, 0, sizeof(o));
  if (opt) o = *opt;
  hoso_qnode *qn = NULL;
  hoso_buf phrase;
  hoso__buf_init(&phrase, 0);
  const char *basis = ent ? "entities" : "text";
  if (!rc) rc = hoso__buf_addc(&phrase, '"');
  if (!rc) rc = hoso__buf_add(&phrase, found_name ? found_name : name,
                              found_name ? strlen(found_name) : name_n);
  if (!rc) rc = hoso__buf_addc(&phrase, '"');
  if (rc) rc = hoso__err(err, rc, "out of memory");
  if (!rc) rc = hoso__query_parse(phrase.p, phrase.n, &qn, err);
  if (!rc && ent) {
    if (kind == HOSO_ENTITY_ORG)
      o.org = found_name;
    else
      o.person = found_name;
  }
  /* with an entity, the phrase only feeds the snippets */
  if (!rc && ent) {
    sq_hits tmp;
    hoso_qnode *none = NULL;
    rc = hoso__sq_match(s, qn, &o, &tmp, &terms, err); /* collect terms */
    hoso__sq_hits_free(&tmp);
    if (!rc) rc = hoso__sq_match(s, none, &o, &h, NULL, err);
  } else if (!rc) {
    rc = hoso__sq_match(s, qn, &o, &h, &terms, err);
  }
  hoso__query_free(qn);
  hoso__buf_free(&phrase);
  if (!rc) {
    hoso__json_key(w, "basis");
    hoso__json_str(w, basis);
    sort_by_day(s, &h);
    rc = dossier_articles(s, w, &h, terms.p ? terms.p : "", terms.n, opt, err);
    hoso__sq_hits_free(&h);
  }
  if (!rc) {
    static const char *const tcols[] = {"title", "first", "last", "articles"};
    rc = rows_json(s, w, "titles",
                   "SELECT m.title, min(a.published), max(a.published),"
                   " count(DISTINCT m.article_id) FROM mention m JOIN article a"
                   " ON a.id=m.article_id WHERE m.entity_id=?1 AND m.title IS"
                   " NOT NULL AND m.title<>'' GROUP BY m.title ORDER BY"
                   " min(a.published_day), m.title",
                   ent, tcols, 4, err);
  }
  if (!rc) {
    hoso__json_key(w, "events");
    hoso__json_arr_begin(w);
    sqlite3_stmt *st;
    int r = sqlite3_prepare_v2(
        s->db,
        "SELECT e.id, e.type, e.date, e.place, e.summary FROM event e JOIN"
        " participant p ON p.event_id=e.id WHERE p.entity_id=?1 ORDER BY"
        " e.day IS NULL, e.day, e.id",
        -1, &st, NULL);
    if (r != SQLITE_OK) {
      rc = hoso__sq_err(s, err, r, "cannot read the dossier");
    } else {
      sqlite3_bind_int64(st, 1, ent);
      rc = events_json(s, w, st, err);
      sqlite3_finalize(st);
    }
    hoso__json_arr_end(w);
  }
  if (!rc) {
    static const char *const ccols[] = {"name", "kind", "events"};
    rc = rows_json(s, w, "counterparts",
                   "SELECT en.name, CASE en.kind WHEN 1 THEN 'person' WHEN 2"
                   " THEN 'org' ELSE 'place' END, count(DISTINCT p2.event_id) c"
                   " FROM participant p1 JOIN participant p2 ON"
                   " p2.event_id=p1.event_id AND p2.entity_id<>p1.entity_id"
                   " JOIN entity en ON en.id=p2.entity_id WHERE p1.entity_id=?1"
                   " GROUP BY en.id ORDER BY c DESC, en.name",
                   ent, ccols, 3, err);
  }
  hoso__json_obj_end(w);
  hoso__buf_free(&terms);
  free(key);
  free(found_name);
  return rc;
}

int hoso__sq_suggest(hoso_store *stp, int kind, const char *prefix, size_t n,
                     int limit, hoso_json *w, hoso_error *err) {
  sq_store *s = (sq_store *)stp;
  if (n > 512) return hoso__err(err, HOSO_ETOOBIG, "prefix longer than 512 bytes");
  char *key;
  int rc = hoso__store_fold_key(prefix ? prefix : "", prefix ? n : 0, &key);
  if (rc) return hoso__err(err, rc, "out of memory");
  sqlite3_stmt *st;
  rc = sqlite3_prepare_v2(
      s->db,
      "SELECT name, CASE kind WHEN 1 THEN 'person' WHEN 2 THEN 'org' ELSE"
      " 'place' END, mentions FROM entity WHERE (?1=0 OR kind=?1) AND key>=?2"
      " AND key<?2 || x'f48fbfbf' ORDER BY mentions DESC, name LIMIT ?3",
      -1, &st, NULL);
  if (rc != SQLITE_OK) {
    free(key);
    return hoso__sq_err(s, err, rc, "cannot suggest names");
  }
  sqlite3_bind_int(st, 1, kind);
  hoso__sq_bind_text(st, 2, key);
  sqlite3_bind_int(st, 3, limit > 0 ? limit : 10);
  hoso__json_obj_begin(w);
  hoso__json_key(w, "prefix");
  hoso__json_strn(w, prefix ? prefix : "", prefix ? n : 0);
  hoso__json_key(w, "suggestions");
  hoso__json_arr_begin(w);
  static const char *const keys[] = {"name", "kind", "mentions"};
  rc = rows_out(w, st, keys, 3);
  hoso__json_arr_end(w);
  hoso__json_obj_end(w);
  sqlite3_finalize(st);
  free(key);
  if (rc != SQLITE_DONE) return hoso__sq_err(s, err, rc, "cannot suggest names");
  return HOSO_OK;
}

int hoso__sq_errors(hoso_store *stp, int64_t offset, int64_t limit,
                    hoso_json *w, hoso_error *err) {
  sq_store *s = (sq_store *)stp;
  int64_t total;
  int rc = count_of(s, "SELECT count(*) FROM ingest_error", 0, &total, err);
  if (rc) return rc;
  if (offset < 0) offset = 0;
  if (limit <= 0) limit = 100;
  sqlite3_stmt *st;
  rc = sqlite3_prepare_v2(s->db,
                          "SELECT id, at, origin, offset, code, message FROM"
                          " ingest_error ORDER BY id DESC LIMIT ?1 OFFSET ?2",
                          -1, &st, NULL);
  if (rc != SQLITE_OK) return hoso__sq_err(s, err, rc, "cannot read errors");
  sqlite3_bind_int64(st, 1, limit);
  sqlite3_bind_int64(st, 2, offset);
  hoso__json_obj_begin(w);
  page_head(w, total, offset, limit, "errors");
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    static const char *const keys[] = {"id", "at", "origin", "offset"};
    hoso__json_obj_begin(w);
    cols_json(w, st, keys, 4);
    hoso__json_key(w, "code"); /* column 4: the status code, by name */
    hoso__json_str(w, hoso_status_name(sqlite3_column_int(st, 4)));
    hoso__json_key(w, "message");
    hoso__sq_json_col(w, st, 5);
    hoso__json_obj_end(w);
  }
  hoso__json_arr_end(w);
  hoso__json_obj_end(w);
  sqlite3_finalize(st);
  if (rc != SQLITE_DONE) return hoso__sq_err(s, err, rc, "cannot read errors");
  return HOSO_OK;
}

int hoso__sq_stats(hoso_store *stp, hoso_json *w, hoso_error *err) {
  sq_store *s = (sq_store *)stp;
  static const char *const keys[] = {"articles", "stories", "outlets", "entities",
                                     "events", "errors"};
  static const char *const sql[] = {
      "SELECT count(*) FROM article", "SELECT count(*) FROM story",
      "SELECT count(*) FROM outlet", "SELECT count(*) FROM entity",
      "SELECT count(*) FROM event", "SELECT count(*) FROM ingest_error"};
  hoso__json_obj_begin(w);
  hoso__json_key(w, "backend");
  hoso__json_str(w, "sqlite");
  hoso__json_key(w, "schema");
  hoso__json_int(w, HOSO_SCHEMA_VERSION);
  for (int i = 0; i < 6; i++) {
    int64_t n;
    int rc = count_of(s, sql[i], 0, &n, err);
    if (rc) return rc;
    hoso__json_key(w, keys[i]);
    hoso__json_int(w, n);
  }
  hoso__json_obj_end(w);
  return HOSO_OK;
}
