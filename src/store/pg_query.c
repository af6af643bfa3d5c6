/* pg_query.c -- queries on the PostgreSQL backend: the query language
** turned into a tsquery with the SQLite backend's matching rule (each
** word: its fold form, OR its exact form when typed with marks; phrases
** adjacent; prefixes), filters, stories ranked by their best article,
** and the story, errors and stats views. */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "store/pg_int.h"

/* ---- tsquery ----------------------------------------------------- */

#define MAX_WORD_SYLL 4 /* longest word looked up in the index (as SQLite) */

typedef struct tq {
  pg_store *s;
  hoso_buf *out;
  int rc;
  int empty;
  hoso_error *err;
} tq;

static void put(tq *t, const char *s) {
  if (!t->rc) t->rc = hoso__buf_adds(t->out, s);
}

static void put_lexeme(tq *t, const char *s, size_t n, int prefix) {
  put(t, "'");
  for (size_t i = 0; i < n && !t->rc; i++) {
    if (s[i] == '\'' || s[i] == '\\') t->rc = hoso__buf_addc(t->out, s[i]);
    if (!t->rc) t->rc = hoso__buf_addc(t->out, s[i]);
  }
  put(t, prefix ? "':*" : "'");
}

/* Never in the index: '-' separates words. */
static void put_nothing(tq *t) {
  put(t, "'hoso-no-word'");
  t->empty = 1;
}

typedef struct form {
  hoso_buf exact, fold;
  int marks;
} form;

static void forms_free(form *f, size_t n) {
  for (size_t i = 0; i < n; i++) {
    hoso__buf_free(&f[i].exact);
    hoso__buf_free(&f[i].fold);
  }
  free(f);
}

/* Forms of each typed word; words with nothing searchable are dropped. */
static form *forms(tq *t, const hoso_qnode *nd, size_t *k) {
  form *f = calloc(nd->n_words ? nd->n_words : 1, sizeof *f);
  *k = 0;
  if (!f) {
    t->rc = HOSO_ENOMEM;
    return NULL;
  }
  for (size_t i = 0; i < nd->n_words && !t->rc; i++) {
    form *x = &f[*k];
    hoso__buf_init(&x->exact, 0);
    hoso__buf_init(&x->fold, 0);
    t->rc = hoso__words_forms(t->s->words, nd->words[i].s, nd->words[i].n,
                              &x->exact, &x->fold, &x->marks);
    if (!t->rc && x->fold.n) {
      (*k)++;
    } else {
      hoso__buf_free(&x->exact);
      hoso__buf_free(&x->fold);
    }
  }
  return f;
}

/* Syllables [a, b) joined by '_': fold forms, or (exact) the exact form
** of each syllable typed with marks -- the SQLite backend's join(). */
static int join(const form *f, size_t a, size_t b, int exact, hoso_buf *out) {
  hoso__buf_reset(out);
  int rc = HOSO_OK;
  for (size_t k = a; k < b && !rc; k++) {
    if (k > a) rc = hoso__buf_addc(out, '_');
    const hoso_buf *x = exact && f[k].marks ? &f[k].exact : &f[k].fold;
    if (!rc) rc = hoso__buf_add(out, x->p, x->n);
  }
  if (!rc && !out->p) rc = hoso__buf_addc(out, 0), out->n = 0;
  return rc;
}

/* Is this word in the index? (GIN lookup of one lexeme) */
static int in_index(tq *t, const hoso_buf *w, int *found) {
  hoso_buf q;
  hoso__buf_init(&q, 0);
  hoso_buf *save = t->out;
  t->out = &q;
  put_lexeme(t, w->p, w->n, 0);
  t->out = save;
  if (t->rc) {
    hoso__buf_free(&q);
    return t->rc;
  }
  const char *p[1] = {q.p};
  PGresult *r = hoso__pg_exec(t->s,
                              "SELECT 1 FROM article WHERE tsv @@ $1::tsquery"
                              " LIMIT 1",
                              1, p, t->err, "cannot read the search vocabulary");
  hoso__buf_free(&q);
  if (!r) return HOSO_EDB;
  *found = PQntuples(r) > 0;
  PQclear(r);
  return HOSO_OK;
}

/* Typed syllables -> index words: greedy longest match of up to
** MAX_WORD_SYLL syllables against the index, as the SQLite backend does
** against its vocabulary. starts[i]..starts[i+1] = word i. */
static size_t segment(tq *t, const form *f, size_t n, size_t *starts) {
  size_t nw = 0, i = 0;
  hoso_buf b;
  hoso__buf_init(&b, 0);
  while (i < n && !t->rc) {
    size_t len = 1;
    for (size_t L = n - i < MAX_WORD_SYLL ? n - i : MAX_WORD_SYLL; L >= 2; L--) {
      int found = 0;
      t->rc = join(f, i, i + L, 0, &b);
      if (!t->rc) t->rc = in_index(t, &b, &found);
      if (t->rc) break;
      if (found) {
        len = L;
        break;
      }
    }
    starts[nw++] = i;
    i += len;
  }
  starts[nw] = n;
  hoso__buf_free(&b);
  return nw;
}

/* One word (syllables [a, b)): fold, OR'ed with exact when typed with marks. */
static void word(tq *t, const form *f, size_t a, size_t b, int prefix) {
  int marks = 0;
  for (size_t k = a; k < b; k++) marks |= f[k].marks;
  hoso_buf x;
  hoso__buf_init(&x, 0);
  if (marks) put(t, "(");
  if (!t->rc) t->rc = join(f, a, b, 0, &x);
  if (!t->rc) put_lexeme(t, x.p, x.n, prefix);
  if (marks) {
    put(t, " | ");
    if (!t->rc) t->rc = join(f, a, b, 1, &x);
    if (!t->rc) put_lexeme(t, x.p, x.n, prefix);
    put(t, ")");
  }
  hoso__buf_free(&x);
}

static void words_node(tq *t, const hoso_qnode *nd) {
  size_t n;
  form *f = forms(t, nd, &n);
  if (!f) return;
  size_t *starts = n ? malloc((n + 1) * sizeof *starts) : NULL;
  if (n == 0) {
    put_nothing(t);
  } else if (!starts) {
    t->rc = HOSO_ENOMEM;
  } else if (nd->kind == HOSO_QN_PREFIX) {
    word(t, f, 0, n, 1);
  } else {
    size_t nw = segment(t, f, n, starts);
    if (nd->kind == HOSO_QN_RUN) {
      put(t, "(");
      for (size_t i = 0; i < nw; i++) {
        if (i) put(t, " & ");
        word(t, f, starts[i], starts[i + 1], 0);
      }
      put(t, ")");
    } else { /* phrase: the fold phrase, OR the exact phrase when marked */
      int marks = 0;
      for (size_t i = 0; i < n; i++) marks |= f[i].marks;
      hoso_buf x;
      hoso__buf_init(&x, 0);
      put(t, "(");
      for (int pass = 0; pass < 1 + marks; pass++) {
        if (pass) put(t, " | ");
        put(t, "(");
        for (size_t i = 0; i < nw; i++) {
          if (i) put(t, " <-> ");
          if (!t->rc) t->rc = join(f, starts[i], starts[i + 1], pass, &x);
          if (!t->rc) put_lexeme(t, x.p, x.n, 0);
        }
        put(t, ")");
      }
      put(t, ")");
      hoso__buf_free(&x);
    }
  }
  free(starts);
  forms_free(f, n);
}

static void node(tq *t, const hoso_qnode *nd) {
  switch (nd->kind) {
  case HOSO_QN_AND:
  case HOSO_QN_OR:
    put(t, "(");
    for (size_t i = 0; i < nd->n_kids; i++) {
      if (i) put(t, nd->kind == HOSO_QN_AND ? " & " : " | ");
      node(t, nd->kids[i]);
    }
    put(t, ")");
    break;
  case HOSO_QN_NOT:
    put(t, "!");
    if (nd->n_kids) node(t, nd->kids[0]);
    break;
  default:
    words_node(t, nd);
  }
}

int hoso__pg_tsquery(pg_store *s, const hoso_qnode *q, hoso_buf *out,
                     int *empty, hoso_error *err) {
  tq t = {s, out, HOSO_OK, 0, err};
  node(&t, q);
  *empty = t.empty;
  return t.rc;
}

/* ---- filters ----------------------------------------------------- */

static int64_t days_from_civil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = (unsigned)(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + (int64_t)doe - 719468;
}

/* "YYYY", "YYYY-MM" or "YYYY-MM-DD" -> first (or last) day; -1 if bad. */
static int parse_day(const char *s, int is_end, int64_t *day) {
  int y = 0, m = 0, d = 0, n = 0;
  if (sscanf(s, "%4d%n", &y, &n) != 1 || n != 4) return -1;
  s += n;
  if (*s == '-') {
    if (sscanf(s, "-%2d%n", &m, &n) != 1 || n != 3 || m < 1 || m > 12) return -1;
    s += n;
    if (*s == '-') {
      if (sscanf(s, "-%2d%n", &d, &n) != 1 || n != 3 || d < 1 || d > 31) return -1;
      s += n;
    }
  }
  if (*s) return -1;
  if (!m) {
    *day = is_end ? days_from_civil(y, 12, 31) : days_from_civil(y, 1, 1);
  } else if (!d) {
    *day = is_end ? days_from_civil(m == 12 ? y + 1 : y, m == 12 ? 1 : (unsigned)m + 1, 1) - 1
                  : days_from_civil(y, (unsigned)m, 1);
  } else {
    *day = days_from_civil(y, (unsigned)m, (unsigned)d);
  }
  return 0;
}

/* Appends " AND ..." conditions on article a; parameters from $first. */
typedef struct filt {
  char from[24], to[24];
  const char *p[8];
  int n;
} filt;

static int filters(pg_store *s, const hoso_query *o, hoso_buf *sql, filt *f,
                   int first, hoso_error *err) {
  int64_t day;
  int rc = HOSO_OK;
  if (!o) return HOSO_OK;
  if ((o->person && *o->person) || (o->org && *o->org) ||
      (o->event_type && *o->event_type))
    return hoso__err(err, HOSO_EQUERY,
                     "person, org and event filters are not available on the "
                     "PostgreSQL backend yet (%s)",
                     s->where);
  if (o->from && *o->from) {
    if (parse_day(o->from, 0, &day))
      return hoso__err(err, HOSO_EQUERY, "--from: not a date: '%s' (YYYY, YYYY-MM or YYYY-MM-DD)", o->from);
    snprintf(f->from, sizeof f->from, "%" PRId64, day);
    f->p[f->n++] = f->from;
    rc = hoso__buf_printf(sql, " AND a.published_day >= $%d", first + f->n - 1);
  }
  if (!rc && o->to && *o->to) {
    if (parse_day(o->to, 1, &day))
      return hoso__err(err, HOSO_EQUERY, "--to: not a date: '%s' (YYYY, YYYY-MM or YYYY-MM-DD)", o->to);
    snprintf(f->to, sizeof f->to, "%" PRId64, day);
    f->p[f->n++] = f->to;
    rc = hoso__buf_printf(sql, " AND a.published_day <= $%d", first + f->n - 1);
  }
  if (!rc && o->outlet && *o->outlet) {
    f->p[f->n++] = o->outlet;
    rc = hoso__buf_printf(sql, " AND a.outlet_id IN (SELECT id FROM outlet"
                               " WHERE lower(name) = lower($%d))", first + f->n - 1);
  }
  if (!rc && o->lang && *o->lang) {
    f->p[f->n++] = o->lang;
    rc = hoso__buf_printf(sql, " AND a.lang = $%d", first + f->n - 1);
  }
  return rc ? hoso__err(err, rc, "out of memory") : HOSO_OK;
}

/* ---- JSON helpers ------------------------------------------------ */

static void json_col(hoso_json *w, const PGresult *r, int row, int col) {
  if (PQgetisnull(r, row, col))
    hoso__json_null(w);
  else
    hoso__json_str(w, PQgetvalue(r, row, col));
}

static void json_int_col(hoso_json *w, const PGresult *r, int row, int col) {
  if (PQgetisnull(r, row, col))
    hoso__json_null(w);
  else
    hoso__json_int(w, strtoll(PQgetvalue(r, row, col), NULL, 10));
}

/* The story's fields and its sources, as the SQLite backend writes them. */
static int story_body(pg_store *s, hoso_json *w, const char *story,
                      hoso_error *err) {
  const char *p[1] = {story};
  PGresult *r = hoso__pg_exec(s,
                              "SELECT title, earliest, credit, n_articles,"
                              " n_outlets, first_article FROM story WHERE id=$1",
                              1, p, err, "cannot read story");
  if (!r) return HOSO_EDB;
  if (PQntuples(r)) {
    static const char *const keys[] = {"title", "earliest", "credit",
                                       "n_articles", "n_outlets", "origin_article"};
    for (int i = 0; i < 6; i++) {
      hoso__json_key(w, keys[i]);
      if (i >= 3) json_int_col(w, r, 0, i); else json_col(w, r, 0, i);
    }
  }
  PQclear(r);
  r = hoso__pg_exec(s,
                    "SELECT a.id, o.name, a.url, a.published, a.title, a.credit"
                    " FROM article a LEFT JOIN outlet o ON o.id=a.outlet_id"
                    " WHERE a.story_id=$1"
                    " ORDER BY a.published_day IS NULL, a.published_day, a.id",
                    1, p, err, "cannot read story");
  if (!r) return HOSO_EDB;
  hoso__json_key(w, "sources");
  hoso__json_arr_begin(w);
  for (int i = 0; i < PQntuples(r); i++) {
    static const char *const keys[] = {"article", "outlet", "url",
                                       "published", "title", "credit"};
    hoso__json_obj_begin(w);
    for (int k = 0; k < 6; k++) {
      hoso__json_key(w, keys[k]);
      if (k == 0) json_int_col(w, r, i, k); else json_col(w, r, i, k);
    }
    hoso__json_obj_end(w);
  }
  hoso__json_arr_end(w);
  PQclear(r);
  return HOSO_OK;
}

static int article_brief(pg_store *s, hoso_json *w, const char *id,
                         hoso_error *err) {
  const char *p[1] = {id};
  PGresult *r = hoso__pg_exec(
      s,
      "SELECT a.id, a.title, o.name, a.url, a.published, a.lang, a.credit"
      " FROM article a LEFT JOIN outlet o ON o.id=a.outlet_id WHERE a.id=$1",
      1, p, err, "cannot read article");
  if (!r) return HOSO_EDB;
  if (PQntuples(r)) {
    static const char *const keys[] = {"id", "title", "outlet", "url",
                                       "published", "lang", "credit"};
    hoso__json_key(w, "article");
    hoso__json_obj_begin(w);
    for (int i = 0; i < 7; i++) {
      hoso__json_key(w, keys[i]);
      if (i == 0) json_int_col(w, r, 0, i); else json_col(w, r, 0, i);
    }
    hoso__json_obj_end(w);
  }
  PQclear(r);
  return HOSO_OK;
}

/* ---- search ------------------------------------------------------ */

int hoso__pg_search(hoso_store *stp, const hoso_qnode *q, const hoso_query *o,
                    hoso_json *w, hoso_error *err) {
  pg_store *s = (pg_store *)stp;
  hoso_buf tsq, sql;
  hoso__buf_init(&tsq, 0);
  hoso__buf_init(&sql, 0);
  filt f;
  memset(&f, 0, sizeof f);
  int empty = 0, rc = HOSO_OK;
  if (q) rc = hoso__pg_tsquery(s, q, &tsq, &empty, err);
  if (rc && rc != HOSO_EDB) rc = hoso__err(err, rc, "out of memory");
  /* $1 tsquery (or NULL: filters only), $2 limit, $3 offset, then filters */
  if (!rc)
    rc = hoso__buf_adds(&sql,
                        "WITH hits AS (SELECT a.id, a.story_id, CASE WHEN $1::tsquery"
                        " IS NULL THEN 0 ELSE ts_rank_cd(a.tsv, $1::tsquery) END"
                        " AS score FROM article a WHERE ($1::tsquery IS NULL"
                        " OR a.tsv @@ $1::tsquery)") ? HOSO_ENOMEM : HOSO_OK;
  if (!rc) rc = filters(s, o, &sql, &f, 4, err);
  int by_article = o && (o->flags & HOSO_Q_ARTICLES);
  if (!rc && hoso__buf_printf(
                 &sql,
                 "), best AS (SELECT DISTINCT ON (story_id) story_id, id, score,"
                 " count(*) OVER (PARTITION BY story_id) AS n FROM hits"
                 " ORDER BY story_id, score DESC, id),"
                 " groups AS (SELECT %s FROM %s)"
                 " SELECT story_id, id, score, n,"
                 " (SELECT count(*) FROM groups), (SELECT count(*) FROM hits)"
                 " FROM groups ORDER BY score DESC, id LIMIT $2 OFFSET $3",
                 by_article ? "story_id, id, score, 1 AS n" : "*",
                 by_article ? "hits" : "best"))
    rc = hoso__err(err, HOSO_ENOMEM, "out of memory");
  int64_t offset = o && o->offset > 0 ? o->offset : 0;
  int64_t limit = o && o->limit > 0 ? o->limit : 10;
  char lim[24], off[24];
  snprintf(lim, sizeof lim, "%" PRId64, limit);
  snprintf(off, sizeof off, "%" PRId64, offset);
  PGresult *r = NULL;
  if (!rc) {
    const char *p[3 + 8] = {q ? tsq.p : NULL, lim, off};
    for (int i = 0; i < f.n; i++) p[3 + i] = f.p[i];
    r = hoso__pg_exec(s, sql.p, 3 + f.n, p, err, "cannot search");
    if (!r) rc = HOSO_EDB;
  }
  int64_t total = 0, articles = 0;
  if (r && PQntuples(r)) {
    total = strtoll(PQgetvalue(r, 0, 4), NULL, 10);
    articles = strtoll(PQgetvalue(r, 0, 5), NULL, 10);
  } else if (r && offset > 0) { /* past the end: count anyway */
    const char *p[3 + 8] = {q ? tsq.p : NULL, "1", "0"};
    for (int i = 0; i < f.n; i++) p[3 + i] = f.p[i];
    PGresult *c = hoso__pg_exec(s, sql.p, 3 + f.n, p, err, "cannot search");
    if (!c) rc = HOSO_EDB;
    else if (PQntuples(c)) {
      total = strtoll(PQgetvalue(c, 0, 4), NULL, 10);
      articles = strtoll(PQgetvalue(c, 0, 5), NULL, 10);
    }
    PQclear(c);
  }
  if (!rc) {
    hoso__json_obj_begin(w);
    hoso__json_key(w, "query");
    if (o && o->q) hoso__json_strn(w, o->q, o->q_n); else hoso__json_str(w, "");
    hoso__json_key(w, "total");
    hoso__json_int(w, total);
    hoso__json_key(w, "articles");
    hoso__json_int(w, articles);
    hoso__json_key(w, "offset");
    hoso__json_int(w, offset);
    hoso__json_key(w, "limit");
    hoso__json_int(w, limit);
    hoso__json_key(w, "results");
    hoso__json_arr_begin(w);
    for (int i = 0; i < PQntuples(r) && !rc; i++) {
      hoso__json_obj_begin(w);
      hoso__json_key(w, "rank");
      hoso__json_int(w, offset + i + 1);
      hoso__json_key(w, "story");
      json_int_col(w, r, i, 0);
      hoso__json_key(w, "score");
      hoso__json_double(w, strtod(PQgetvalue(r, i, 2), NULL));
      hoso__json_key(w, "matching_articles");
      json_int_col(w, r, i, 3);
      rc = article_brief(s, w, PQgetvalue(r, i, 1), err);
      if (!rc) rc = story_body(s, w, PQgetvalue(r, i, 0), err);
      hoso__json_obj_end(w);
    }
    hoso__json_arr_end(w);
    hoso__json_obj_end(w);
  }
  PQclear(r);
  hoso__buf_free(&tsq);
  hoso__buf_free(&sql);
  return rc;
}

int hoso__pg_story(hoso_store *stp, int64_t id, hoso_json *w, hoso_error *err) {
  pg_store *s = (pg_store *)stp;
  char ids[24];
  snprintf(ids, sizeof ids, "%" PRId64, id);
  const char *p[1] = {ids};
  PGresult *r = hoso__pg_exec(s, "SELECT 1 FROM story WHERE id=$1", 1, p, err,
                              "cannot read story");
  if (!r) return HOSO_EDB;
  int found = PQntuples(r) > 0;
  PQclear(r);
  if (!found) return hoso__err(err, HOSO_ENOTFOUND, "no story %" PRId64, id);
  hoso__json_obj_begin(w);
  hoso__json_key(w, "story");
  hoso__json_int(w, id);
  int rc = story_body(s, w, ids, err);
  hoso__json_obj_end(w);
  return rc;
}

int hoso__pg_errors(hoso_store *stp, int64_t offset, int64_t limit,
                    hoso_json *w, hoso_error *err) {
  pg_store *s = (pg_store *)stp;
  char lim[24], off[24];
  snprintf(lim, sizeof lim, "%" PRId64, limit > 0 ? limit : 10);
  snprintf(off, sizeof off, "%" PRId64, offset > 0 ? offset : 0);
  const char *p[2] = {lim, off};
  PGresult *r = hoso__pg_exec(
      s,
      "SELECT id, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'),"
      " origin, \"offset\", code, message, count(*) OVER () FROM ingest_error"
      " ORDER BY id DESC LIMIT $1 OFFSET $2",
      2, p, err, "cannot read errors");
  if (!r) return HOSO_EDB;
  hoso__json_obj_begin(w);
  hoso__json_key(w, "total");
  hoso__json_int(w, PQntuples(r) ? strtoll(PQgetvalue(r, 0, 6), NULL, 10) : 0);
  hoso__json_key(w, "errors");
  hoso__json_arr_begin(w);
  for (int i = 0; i < PQntuples(r); i++) {
    static const char *const keys[] = {"id", "at", "origin", "offset", "code",
                                       "message"};
    hoso__json_obj_begin(w);
    for (int k = 0; k < 6; k++) {
      hoso__json_key(w, keys[k]);
      if (k == 0 || k == 3 || k == 4) json_int_col(w, r, i, k);
      else json_col(w, r, i, k);
    }
    hoso__json_obj_end(w);
  }
  hoso__json_arr_end(w);
  hoso__json_obj_end(w);
  PQclear(r);
  return HOSO_OK;
}

int hoso__pg_stats(hoso_store *stp, hoso_json *w, hoso_error *err) {
  pg_store *s = (pg_store *)stp;
  PGresult *r = hoso__pg_exec(
      s,
      "SELECT (SELECT count(*) FROM article), (SELECT count(*) FROM story),"
      " (SELECT count(*) FROM outlet), (SELECT count(*) FROM entity),"
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
    json_int_col(w, r, 0, i);
  }
  hoso__json_obj_end(w);
  PQclear(r);
  return HOSO_OK;
}
