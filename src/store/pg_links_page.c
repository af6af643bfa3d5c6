/* pg_links_page.c -- a sharded search's page records through the shards'
** dblink lines (pg_links.c), as its candidates came (pg_topk.c): the
** page's stories' matching articles, the page's best articles (with their
** text for the snippets), the page's stories' sources and the facets'
** articles. Each shard is sent one text of up to four statements, all
** shards at once (hoso__pg_links_send); the coordinator then reads each
** statement's results from every shard, joining what it holds itself
** (outlet names; the facets' entities and events). Before, each of these
** was a statement on hoso.article through postgres_fdw: per shard a remote
** transaction, a cursor, its fetches and its close, four times a search.
**
** The records read are the rows the one-server statements read
** (pg_search.c page_read and facets), in the same shapes and orders, so
** the answers are the same byte for byte (tests/pg/shards_archive.sh).
**
** Ownership: hoso__pg_links_page fills a pg_lpage whose results the
** caller frees with hoso__pg_lpage_free; its `hits` text is what the
** facets statement reads (the lines' next results), and it must run before
** hoso__pg_links_drain. On any failure the lines are closed
** (hoso__pg_links_reset): the next search connects again. */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "store/pg_int.h"

/* What each shard is sent: arrays as literals, the query's words too. */
typedef struct lp_arg {
  const char *q;                    /* the words, a literal */
  const char *stories, *arts, *ids; /* "'{...}'" literals, or NULL: skip */
  int counts, text;
} lp_arg;

static int lp_remote(const pg_store *s, const char *table, const void *argp,
                     hoso_buf *r) {
  const lp_arg *a = argp;
  int rc = HOSO_OK;
  (void)s;
  if (a->counts)
    rc = hoso__buf_printf(r,
                          "SELECT a.story_id, count(*) FROM %s a WHERE"
                          " a.story_id = ANY(%s::bigint[]) AND a.tsv @@"
                          " %s::tsquery GROUP BY a.story_id;",
                          table, a->stories, a->q);
  if (!rc && a->arts)
    rc = hoso__buf_printf(r,
                          "SELECT a.id, a.title, a.outlet_id, a.url,"
                          " a.published, a.lang, a.credit%s FROM %s a WHERE"
                          " a.id = ANY(%s::bigint[]);",
                          a->text ? ", a.text" : "", table, a->arts);
  if (!rc && a->arts)
    rc = hoso__buf_printf(r,
                          "SELECT a.story_id, a.id, a.outlet_id, a.url,"
                          " a.published, a.title, a.credit, a.published_day"
                          " FROM %s a WHERE a.story_id = ANY(%s::bigint[]);",
                          table, a->stories);
  if (!rc && a->ids)
    rc = hoso__buf_printf(r,
                          "SELECT a.id, a.story_id, a.outlet_id,"
                          " a.published_day FROM %s a WHERE a.id ="
                          " ANY(%s::bigint[]);",
                          table, a->ids);
  return rc;
}

/* "{v1,...}" of column col of the n rows of r, as a quoted literal. */
static char *id_literal(pg_store *s, const PGresult *r, int n, int col) {
  hoso_buf b;
  hoso__buf_init(&b, 0);
  int rc = hoso__buf_addc(&b, '{');
  for (int i = 0; i < n && !rc; i++)
    rc = hoso__buf_printf(&b, "%s%s", i ? "," : "", PQgetvalue(r, i, col));
  if (!rc) rc = hoso__buf_addc(&b, '}');
  char *lit = rc ? NULL : PQescapeLiteral(s->conn, b.p, b.n);
  hoso__buf_free(&b);
  return lit;
}

/* Run head + the shards' next results + tail on the coordinator. */
static PGresult *read_one(pg_store *s, const char *head, const char *row,
                          const char *tail, hoso_error *err) {
  hoso_buf sql;
  hoso__buf_init(&sql, 0);
  int rc = hoso__buf_adds(&sql, head);
  if (!rc) rc = hoso__pg_links_union(s, "(SELECT * FROM ", row, 1, &sql);
  if (!rc) rc = hoso__buf_adds(&sql, tail);
  if (rc) {
    hoso__buf_free(&sql);
    hoso__err(err, HOSO_ENOMEM, "out of memory");
    return NULL;
  }
  PGresult *r = hoso__pg_exec(s, sql.p, 0, NULL, err, "cannot search");
  hoso__buf_free(&sql);
  return r;
}

void hoso__pg_lpage_free(pg_lpage *lp) {
  PQclear(lp->counts);
  PQclear(lp->art);
  PQclear(lp->src);
  hoso__buf_free(&lp->hits);
  memset(lp, 0, sizeof *lp);
}

int hoso__pg_links_page(pg_store *s, const pg_sel *sel, const pg_page *pg,
                        int want_text, int want_facets, pg_lpage *lp,
                        hoso_error *err) {
  memset(lp, 0, sizeof *lp);
  hoso__buf_init(&lp->hits, 0);
  lp_arg a = {0};
  a.counts = pg->late_counts && pg->n > 0;
  a.text = want_text;
  char *q = PQescapeLiteral(s->conn, sel->p[0], strlen(sel->p[0]));
  char *stories = pg->n ? id_literal(s, pg->rows, pg->n, 0) : NULL;
  char *arts = pg->n ? id_literal(s, pg->rows, pg->n, 1) : NULL;
  const char *ids = pg->ids ? pg->ids : "{}";
  char *idl = want_facets ? PQescapeLiteral(s->conn, ids, strlen(ids)) : NULL;
  int rc = HOSO_OK;
  if (!q || (pg->n && (!stories || !arts)) || (want_facets && !idl))
    rc = hoso__err(err, HOSO_ENOMEM, "out of memory");
  a.q = q;
  a.stories = stories;
  a.arts = arts;
  a.ids = idl;
  if (!rc && (a.arts || a.ids)) rc = hoso__pg_links_send(s, lp_remote, &a, err);
  else if (!rc) lp->none = 1;
  PQfreemem(q);
  PQfreemem(stories);
  PQfreemem(arts);
  PQfreemem(idl);
  if (rc || lp->none) return rc;
  /* the results in the order sent */
  if (a.counts) {
    lp->counts = read_one(s, "SELECT story_id, sum(n)::bigint FROM (",
                          " AS t(story_id bigint, n bigint))",
                          ") c GROUP BY story_id", err);
    if (!lp->counts) goto fail;
  }
  if (a.arts) {
    lp->art = read_one(
        s,
        want_text ? "SELECT t.id, t.title, o.name, t.url, t.published, t.lang,"
                    " t.credit, t.text FROM ("
                  : "SELECT t.id, t.title, o.name, t.url, t.published, t.lang,"
                    " t.credit FROM (",
        want_text ? " AS t(id bigint, title text, outlet_id bigint, url text,"
                    " published text, lang text, credit text, text text))"
                  : " AS t(id bigint, title text, outlet_id bigint, url text,"
                    " published text, lang text, credit text))",
        ") t LEFT JOIN outlet o ON o.id = t.outlet_id", err);
    if (!lp->art) goto fail;
    /* pg_search.c's sources: by story, then SOURCE_ORDER */
    lp->src = read_one(
        s, "SELECT t.story_id, t.id, o.name, t.url, t.published, t.title,"
           " t.credit FROM (",
        " AS t(story_id bigint, id bigint, outlet_id bigint, url text,"
        " published text, title text, credit text, published_day integer))",
        ") t LEFT JOIN outlet o ON o.id = t.outlet_id ORDER BY t.story_id,"
        " t.published_day IS NULL, t.published_day, t.id",
        err);
    if (!lp->src) goto fail;
  }
  if (a.ids) {
    if (hoso__pg_links_union(s, "(SELECT * FROM ",
                             " AS t(id bigint, story_id bigint, outlet_id"
                             " bigint, published_day integer))",
                             1, &lp->hits)) {
      rc = hoso__err(err, HOSO_ENOMEM, "out of memory");
      goto fail;
    }
  } else
    hoso__pg_links_drain(s);
  return HOSO_OK;
fail:
  hoso__pg_links_reset(s);
  hoso__pg_lpage_free(lp);
  return rc ? rc : HOSO_EDB;
}

int64_t hoso__pg_lpage_count(const pg_lpage *lp, const char *story) {
  if (!lp->counts) return -1;
  for (int i = 0; i < PQntuples(lp->counts); i++)
    if (!strcmp(PQgetvalue(lp->counts, i, 0), story))
      return strtoll(PQgetvalue(lp->counts, i, 1), NULL, 10);
  return 0;
}
