/* pg_search.c -- hoso_search on PostgreSQL: the selected articles
** (pg_query.c) grouped into stories, ranked, paged, with snippets and
** facets; the story view. The JSON is the SQLite backend's
** (store/sqlite_search.c), key for key. Ranking differs in one point:
** PostgreSQL scores an article with ts_rank_cd (cover density) where
** SQLite uses FTS5's bm25, so the order of stories with a query may
** differ; the matches, totals, facets, story and source records do not. */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "search/snippet.h"
#include "store/pg_int.h"

void hoso__pg_json_col(hoso_json *w, const PGresult *r, int row, int col) {
  if (PQgetisnull(r, row, col))
    hoso__json_null(w);
  else
    hoso__json_strn(w, PQgetvalue(r, row, col),
                    (size_t)PQgetlength(r, row, col));
}

void hoso__pg_json_int_col(hoso_json *w, const PGresult *r, int row, int col) {
  if (PQgetisnull(r, row, col))
    hoso__json_null(w);
  else
    hoso__json_int(w, strtoll(PQgetvalue(r, row, col), NULL, 10));
}

/* A story's fields from row `row` of st, columns col0.. (title, earliest,
** credit, n_articles, n_outlets, first_article), then its sources: rows
** [from, to) of src, columns col0.. (id, outlet, url, published, title,
** credit). The SQLite backend's keys, in its order. */
static void story_json(hoso_json *w, const PGresult *st, int row, int col0,
                       const PGresult *src, int from, int to, int scol0) {
  if (st && row >= 0) {
    static const char *const keys[] = {"title", "earliest", "credit",
                                       "n_articles", "n_outlets", "origin_article"};
    for (int i = 0; i < 6; i++) {
      hoso__json_key(w, keys[i]);
      if (i >= 3) hoso__pg_json_int_col(w, st, row, col0 + i);
      else hoso__pg_json_col(w, st, row, col0 + i);
    }
  }
  hoso__json_key(w, "sources");
  hoso__json_arr_begin(w);
  for (int i = from; i < to; i++) {
    static const char *const keys[] = {"article", "outlet", "url",
                                       "published", "title", "credit"};
    hoso__json_obj_begin(w);
    for (int k = 0; k < 6; k++) {
      hoso__json_key(w, keys[k]);
      if (k == 0) hoso__pg_json_int_col(w, src, i, scol0 + k);
      else hoso__pg_json_col(w, src, i, scol0 + k);
    }
    hoso__json_obj_end(w);
  }
  hoso__json_arr_end(w);
}

#define STORY_COLS "title, earliest, credit, n_articles, n_outlets, first_article"
#define SOURCE_COLS "a.id, o.name, a.url, a.published, a.title, a.credit"
#define SOURCE_ORDER "a.published_day IS NULL, a.published_day, a.id"

int hoso__pg_story_body(pg_store *s, hoso_json *w, const char *story,
                        hoso_error *err) {
  const char *p[1] = {story};
  PGresult *st = hoso__pg_exec_cached(s, "SELECT " STORY_COLS " FROM story WHERE id=$1",
                                      1, p, err, "cannot read story");
  if (!st) return HOSO_EDB;
  PGresult *src = hoso__pg_exec_cached(
      s,
      "SELECT " SOURCE_COLS " FROM article a LEFT JOIN outlet o"
      " ON o.id=a.outlet_id WHERE a.story_id=$1 ORDER BY " SOURCE_ORDER,
      1, p, err, "cannot read story");
  if (!src) {
    PQclear(st);
    return HOSO_EDB;
  }
  story_json(w, st, PQntuples(st) ? 0 : -1, 0, src, 0, PQntuples(src), 0);
  PQclear(st);
  PQclear(src);
  return HOSO_OK;
}

/* The page's records, read in three statements for all its results (one
** each per result before: 3 round trips a result): the best articles
** (id, title, outlet, url, published, lang, credit[, text]), the stories
** (id, then STORY_COLS) and their sources (story_id, then SOURCE_COLS, by
** story). Owned; page_free. */
typedef struct page_rec {
  PGresult *art, *story, *src;
} page_rec;

static void page_free(page_rec *pr) {
  PQclear(pr->art);
  PQclear(pr->story);
  PQclear(pr->src);
  memset(pr, 0, sizeof *pr);
}

/* "{v1,v2,...}" of column col of the n rows of r. */
static int id_array(const PGresult *r, int n, int col, hoso_buf *out) {
  int rc = hoso__buf_addc(out, '{');
  for (int i = 0; i < n && !rc; i++)
    rc = hoso__buf_printf(out, "%s%s", i ? "," : "", PQgetvalue(r, i, col));
  if (!rc) rc = hoso__buf_addc(out, '}');
  return rc;
}

/* lp (may be NULL): a sharded search's articles and sources read through
** the shards' lines (pg_links_page.c), taken over (its art and src become
** pr's); then only the stories are read here, on the coordinator. */
static int page_read(pg_store *s, const PGresult *rows, int n, int want_text,
                     pg_lpage *lp, page_rec *pr, hoso_error *err) {
  memset(pr, 0, sizeof *pr);
  if (lp && lp->art && lp->src) {
    pr->art = lp->art;
    pr->src = lp->src;
    lp->art = lp->src = NULL;
  }
  hoso_buf arts, stories;
  hoso__buf_init(&arts, 0);
  hoso__buf_init(&stories, 0);
  if (id_array(rows, n, 1, &arts) || id_array(rows, n, 0, &stories)) {
    hoso__buf_free(&arts);
    hoso__buf_free(&stories);
    return hoso__err(err, HOSO_ENOMEM, "out of memory");
  }
  const char *pa[1] = {arts.p}, *ps[1] = {stories.p};
  if (!pr->art)
    pr->art = hoso__pg_exec_cached(
      s,
      want_text ? "SELECT a.id, a.title, o.name, a.url, a.published, a.lang,"
                  " a.credit, a.text FROM article a LEFT JOIN outlet o"
                  " ON o.id=a.outlet_id WHERE a.id = ANY($1::bigint[])"
                : "SELECT a.id, a.title, o.name, a.url, a.published, a.lang,"
                  " a.credit FROM article a LEFT JOIN outlet o ON o.id=a.outlet_id"
                  " WHERE a.id = ANY($1::bigint[])",
      1, pa, err, "cannot read article");
  if (pr->art)
    pr->story = hoso__pg_exec_cached(
        s, "SELECT id, " STORY_COLS " FROM story WHERE id = ANY($1::bigint[])",
        1, ps, err, "cannot read story");
  if (pr->story && !pr->src)
    pr->src = hoso__pg_exec_cached(
        s,
        "SELECT a.story_id, " SOURCE_COLS " FROM article a LEFT JOIN outlet o"
        " ON o.id=a.outlet_id WHERE a.story_id = ANY($1::bigint[])"
        " ORDER BY a.story_id, " SOURCE_ORDER,
        1, ps, err, "cannot read story");
  hoso__buf_free(&arts);
  hoso__buf_free(&stories);
  if (!pr->story || !pr->src) {
    page_free(pr);
    return HOSO_EDB;
  }
  return HOSO_OK;
}

/* The row of r whose column 0 is the text id, or -1. */
static int row_of(const PGresult *r, const char *id) {
  for (int i = 0; i < PQntuples(r); i++)
    if (!strcmp(PQgetvalue(r, i, 0), id)) return i;
  return -1;
}

/* The sources of story id: rows [*from, *to) of src (sorted by story). */
static void sources_of(const PGresult *src, const char *id, int *from, int *to) {
  int64_t want = strtoll(id, NULL, 10);
  int lo = 0, hi = PQntuples(src);
  while (lo < hi) { /* the first row with story_id >= want */
    int mid = lo + (hi - lo) / 2;
    if (strtoll(PQgetvalue(src, mid, 0), NULL, 10) < want) lo = mid + 1;
    else hi = mid;
  }
  *from = *to = lo;
  while (*to < PQntuples(src) && strtoll(PQgetvalue(src, *to, 0), NULL, 10) == want)
    (*to)++;
}

/* The best article of a result (row ar of art), with a snippet around the
** query's words (search/snippet.h: the SQLite backend's snippets). */
static int article_brief(pg_store *s, hoso_json *w, const PGresult *art, int ar,
                         const hoso_buf *terms, int want_snippet,
                         hoso_error *err) {
  if (ar < 0) return HOSO_OK;
  static const char *const keys[] = {"id", "title", "outlet", "url",
                                     "published", "lang", "credit"};
  hoso__json_key(w, "article");
  hoso__json_obj_begin(w);
  for (int i = 0; i < 7; i++) {
    hoso__json_key(w, keys[i]);
    if (i == 0) hoso__pg_json_int_col(w, art, ar, i);
    else hoso__pg_json_col(w, art, ar, i);
  }
  hoso__json_obj_end(w);
  if (!want_snippet) return HOSO_OK;
  const char *text = PQgetvalue(art, ar, 7);
  size_t tn = (size_t)PQgetlength(art, ar, 7);
  hoso_snippet sn;
  int rc = hoso__snippet(s->words, text, tn, terms->p ? terms->p : "",
                         terms->n, &sn);
  if (rc) return hoso__err(err, rc, "out of memory");
  hoso__snippet_json(w, text, &sn);
  hoso__snippet_free(&sn);
  return HOSO_OK;
}

/* ---- facets --------------------------------------------------------- */

#define FACET_TOP 10

/* All five facet lists in one round trip: rows (facet, value, count) in
** output order, each list its top FACET_TOP, ordered as the SQLite
** backend orders them (count, then outlet id / year / byte order of the
** name / type). Counts: outlets and years count stories; people and
** organisations count matching articles; event types count events.
** hits (NULL: the articles of ids): a sharded search's statement reading
** them (id, story_id, outlet_id, published_day) from the shards' lines
** (pg_links_page.c). */
static int facets(pg_store *s, hoso_json *w, const char *ids,
                  const char *hits, hoso_error *err) {
  hoso_buf sql;
  hoso__buf_init(&sql, 0);
  int rc = hoso__buf_printf(
      &sql,
      "WITH hits AS MATERIALIZED (%s),"
      " f AS ("
      "SELECT 0 AS f, row_number() OVER (ORDER BY count(DISTINCT h.story_id)"
      " DESC, h.outlet_id) AS rn, min(o.name) AS v,"
      " count(DISTINCT h.story_id) AS c FROM hits h JOIN outlet o"
      " ON o.id = h.outlet_id GROUP BY h.outlet_id"
      " UNION ALL "
      "SELECT 1, row_number() OVER (ORDER BY count(DISTINCT story_id) DESC, y),"
      " y::text, count(DISTINCT story_id) FROM (SELECT story_id,"
      " extract(year FROM date '1970-01-01' + published_day)::int AS y"
      " FROM hits WHERE published_day IS NOT NULL) t GROUP BY y"
      " UNION ALL "
      "SELECT 1 + e.kind, row_number() OVER (PARTITION BY e.kind ORDER BY"
      " count(DISTINCT m.article_id) DESC, e.name COLLATE \"C\", e.id), e.name,"
      " count(DISTINCT m.article_id) FROM hits h JOIN mention m"
      " ON m.article_id = h.id JOIN entity e ON e.id = m.entity_id"
      " WHERE e.kind IN (1, 2) GROUP BY e.id"
      " UNION ALL "
      "SELECT 4, row_number() OVER (ORDER BY count(DISTINCT e.id) DESC,"
      " e.type COLLATE \"C\"), e.type, count(DISTINCT e.id) FROM hits h"
      " JOIN event_source es ON es.article_id = h.id JOIN event e"
      " ON e.id = es.event_id GROUP BY e.type)"
      " SELECT f, v, c FROM f WHERE rn <= %d ORDER BY f, rn",
      hits ? hits
           : "SELECT a.id, a.story_id, a.outlet_id, a.published_day FROM"
             " article a WHERE a.id = ANY($1::bigint[])",
      FACET_TOP);
  if (rc) {
    hoso__buf_free(&sql);
    return hoso__err(err, rc, "out of memory");
  }
  const char *p[1] = {ids ? ids : "{}"};
  PGresult *r = hits ? hoso__pg_exec(s, sql.p, 0, NULL, err, "cannot count facets")
                     : hoso__pg_exec_cached(s, sql.p, 1, p, err, "cannot count facets");
  hoso__buf_free(&sql);
  if (!r) return HOSO_EDB;
  static const char *const names[] = {"outlets", "years", "people", "orgs",
                                      "event_types"};
  hoso__json_key(w, "facets");
  hoso__json_obj_begin(w);
  int row = 0, n = PQntuples(r);
  for (int f = 0; f < 5; f++) {
    hoso__json_key(w, names[f]);
    hoso__json_arr_begin(w);
    for (; row < n && atoi(PQgetvalue(r, row, 0)) == f; row++) {
      hoso__json_obj_begin(w);
      hoso__json_key(w, "value");
      if (f == 1) hoso__pg_json_int_col(w, r, row, 1);
      else hoso__pg_json_col(w, r, row, 1);
      hoso__json_key(w, "count");
      hoso__pg_json_int_col(w, r, row, 2);
      hoso__json_obj_end(w);
    }
    hoso__json_arr_end(w);
  }
  hoso__json_obj_end(w);
  PQclear(r);
  return HOSO_OK;
}

/* ---- search --------------------------------------------------------- */

/* The page: groups (stories, or articles with HOSO_Q_ARTICLES) ranked by
** their best article's score, boosted as the SQLite backend boosts
** (sources: 1 + 0.25 log2 outlets; freshness: 1 + 1 / (1 + days behind
** the newest hit / 180)); ties: newer group first. pg_topk.c computes it
** from the best-ranked matches, exactly; past HOSO_PG_EXACT_MAX matching
** articles the number of stories is estimated and the facets sampled,
** and the JSON says so ("estimated", "facets_sampled"). */
int hoso__pg_search(hoso_store *stp, const hoso_qnode *q, const hoso_query *o,
                    hoso_json *w, hoso_error *err) {
  pg_store *s = (pg_store *)stp;
  pg_sel sel;
  unsigned flags = o ? o->flags : 0;
  int want_facets = !(flags & HOSO_Q_NO_FACETS);
  int64_t offset = o && o->offset > 0 ? o->offset : 0;
  int64_t limit = o && o->limit > 0 ? o->limit : 10;
  pg_page pg;
  memset(&pg, 0, sizeof pg);
  int want_text = !(flags & HOSO_Q_NO_SNIPPETS);
  pg_lpage lp;
  memset(&lp, 0, sizeof lp);
  int rc = hoso__pg_select(s, q, o, 1, &sel, err);
  if (!rc) rc = hoso__pg_topk(s, &sel, flags, offset, limit, want_facets, &pg, err);
  /* sharded: the page's records through the lines the candidates came by */
  if (!rc && pg.links)
    rc = hoso__pg_links_page(s, &sel, &pg, want_text, want_facets, &lp, err);
  PGresult *r = pg.rows;
  if (!rc) {
    hoso__json_obj_begin(w);
    hoso__json_key(w, "query");
    if (o && o->q) hoso__json_strn(w, o->q, o->q_n); else hoso__json_str(w, "");
    hoso__json_key(w, "total");
    hoso__json_int(w, pg.total);
    if (pg.estimated) { /* total and articles: see pg_topk.c */
      hoso__json_key(w, "estimated");
      hoso__json_bool(w, 1);
    }
    hoso__json_key(w, "articles");
    hoso__json_int(w, pg.articles);
    hoso__json_key(w, "offset");
    hoso__json_int(w, offset);
    hoso__json_key(w, "limit");
    hoso__json_int(w, limit);
    hoso__json_key(w, "results");
    hoso__json_arr_begin(w);
    page_rec pr;
    memset(&pr, 0, sizeof pr);
    if (pg.n) rc = page_read(s, r, pg.n, want_text, &lp, &pr, err);
    for (int i = 0; i < pg.n && !rc; i++) {
      hoso__json_obj_begin(w);
      hoso__json_key(w, "rank");
      hoso__json_int(w, offset + i + 1);
      hoso__json_key(w, "story");
      hoso__pg_json_int_col(w, r, i, 0);
      hoso__json_key(w, "score");
      hoso__json_double(w, strtod(PQgetvalue(r, i, 2), NULL));
      hoso__json_key(w, "matching_articles");
      if (pg.late_counts)
        hoso__json_int(w, hoso__pg_lpage_count(&lp, PQgetvalue(r, i, 0)));
      else
        hoso__pg_json_int_col(w, r, i, 3);
      rc = article_brief(s, w, pr.art, row_of(pr.art, PQgetvalue(r, i, 1)),
                         &sel.terms, want_text, err);
      if (!rc) {
        int from, to;
        sources_of(pr.src, PQgetvalue(r, i, 0), &from, &to);
        story_json(w, pr.story, row_of(pr.story, PQgetvalue(r, i, 0)), 1,
                   pr.src, from, to, 1);
      }
      hoso__json_obj_end(w);
    }
    page_free(&pr);
    hoso__json_arr_end(w);
    if (!rc && want_facets) {
      int lines = lp.hits.n > 0;
      rc = facets(s, w, pg.ids, lines ? lp.hits.p : NULL, err);
      if (lines && !rc) hoso__pg_links_drain(s);
      hoso__buf_reset(&lp.hits); /* read, or failed (closed below) */
      if (!rc && pg.sampled) {
        /* how many of the best-ranked matching articles were counted */
        hoso__json_key(w, "facets_sampled");
        hoso__json_int(w, pg.cand);
      }
    }
    hoso__json_obj_end(w);
  }
  /* results left unread on the lines (a failure on the way): close them,
  ** the next search connects again */
  if (lp.hits.n || (rc && pg.links)) hoso__pg_links_reset(s);
  hoso__pg_lpage_free(&lp);
  PQclear(r);
  hoso__pg_sel_free(&sel);
  return rc;
}

int hoso__pg_story(hoso_store *stp, int64_t id, hoso_json *w, hoso_error *err) {
  pg_store *s = (pg_store *)stp;
  char ids[24];
  snprintf(ids, sizeof ids, "%" PRId64, id);
  const char *p[1] = {ids};
  PGresult *r = hoso__pg_exec_cached(s, "SELECT 1 FROM story WHERE id=$1", 1, p, err,
                              "cannot read story");
  if (!r) return HOSO_EDB;
  int found = PQntuples(r) > 0;
  PQclear(r);
  if (!found) return hoso__err(err, HOSO_ENOTFOUND, "no story %" PRId64, id);
  hoso__json_obj_begin(w);
  hoso__json_key(w, "story");
  hoso__json_int(w, id);
  int rc = hoso__pg_story_body(s, w, ids, err);
  hoso__json_obj_end(w);
  return rc;
}
