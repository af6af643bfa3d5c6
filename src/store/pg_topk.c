/* pg_topk.c -- the ranked page of a search on PostgreSQL without reading
** every match: the best C matching articles in rank order (with a RUM
** index, `ORDER BY tsv <=> q LIMIT C` reads them from the index; with
** GIN alone the server ranks every match with ts_rank_cd and keeps the
** top C), grouped into stories; only the page's groups are looked up
** further (their matching articles, story, sources).
**
** Exactness. The page is exact, not approximate: a group (story, or
** article with HOSO_Q_ARTICLES) whose best rank key k comes strictly
** before the C-th candidate's has all its better articles among the C,
** so its best article and its place are final (with GIN, and for
** filter-only searches, ties in k are ordered by group in the candidates
** too, so a group is final when its (k, group) comes first). When fewer
** than offset + limit groups are final, C grows (x4) until they are or
** every match has been read. With a boost (sources, freshness) a group is
** final when its boosted score beats the best any group outside the C
** could reach (the C-th score times the largest boost).
**
** Totals. The first round reads max(4 (offset + limit), min(100,
** exact_max + 1)) candidates; when that is every match, totals and facets
** are exact. Otherwise, when the text index counts at most exact_max
** (HOSO_PG_EXACT_MAX, default 1000) matching articles, a second round
** reads exact_max + 1 and is exact if that was all. (Reading exact_max +
** 1 in the first round whenever the planner expects few matches was
** tried: the planner puts every word outside its most common ones at
** 0.5 % of the articles, and reading 1001 candidates' vectors is slower
** than a second round.) Past that, counting would read every match (a
** bitmap heap scan: 0.4 s for 30,000 matches at 200,000 articles), so
** "articles" is the text index's own count of the words (the postings,
** no rows read; times the share the other filters keep; counted with the
** query's fold forms only -- the same matches, since the index holds a
** word's fold form wherever it holds its exact form, and half the
** postings for a query typed with marks: 31-41 ms instead of 56-66 ms
** for `giá vàng` at 200,000 articles) -- or, when the
** planner expects more than count_max matches (HOSO_PG_COUNT_MAX; by
** default never), the planner's estimate (the column statistics'
** frequency of the words: no postings read, but toned and toneless forms
** of a query then get different estimates) -- never below what was read;
** the number of stories is scaled from the candidates' stories per
** article, the JSON says so ("estimated": true), and the facets are
** counted over the C best-ranked matches ("facets_sampled": C). Paging
** reaches every group
** however deep: the page asked for is always computed exactly.
**
** Best-article lists (schema 6). RUM finds the best C by scoring every
** posting of the query's words, so a common word costs in proportion to
** the archive. When the query is one word that has a list (hoso.best:
** every matching article whose distance k is below the list's cutoff;
** pg_schema.c v6), the candidates are the list's first C in (k, group
** DESC) order, joined to the articles and filtered as above (the whole
** list is read and sorted: a bounded number of rows), so that, as with
** GIN, a group tied with the C-th candidate is final when it comes first
** -- and the count is the list's (counted when it was built, plus the
** matches added since), not the index's. When the list (after filters)
** has fewer than C entries, the matches beyond it are not in it: that
** round ranks every posting instead. HOSO_PG_BEST=0 turns the lists off. */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "store/pg_int.h"

/* The rank key k of an article (lower is better), the score shown from
** k, and the candidates' order; by the archive's index (see pg_int.h). */
typedef struct rankexpr {
  char k[160], score[128], order[240];
  int by_g; /* ties in k ordered by g DESC in the candidates too */
} rankexpr;

static void rank_exprs(const pg_store *s, int have_q, const char *g,
                       rankexpr *x) {
  if (!have_q) { /* filters only: every score ties, newest group first */
    snprintf(x->k, sizeof x->k, "0::float8");
    snprintf(x->score, sizeof x->score, "0::float8");
    snprintf(x->order, sizeof x->order, "%s DESC", g);
    x->by_g = 1;
  } else if (s->rum_ops[0]) {
    snprintf(x->k, sizeof x->k, "(a.tsv OPERATOR(%s.<=>) $1::tsquery)::float8",
             s->rum_ops);
    snprintf(x->score, sizeof x->score,
             "(CASE WHEN k = 'Infinity' THEN 0 ELSE 1 / k END)");
    /* the index's order alone: a second key would make the planner sort
    ** every match instead of reading the best first from the index */
    snprintf(x->order, sizeof x->order, "a.tsv OPERATOR(%s.<=>) $1::tsquery",
             s->rum_ops);
    x->by_g = 0;
  } else {
    snprintf(x->k, sizeof x->k, "(-ts_rank_cd(a.tsv, $1::tsquery))::float8");
    snprintf(x->score, sizeof x->score, "(-k)");
    snprintf(x->order, sizeof x->order, "-ts_rank_cd(a.tsv, $1::tsquery), %s DESC", g);
    x->by_g = 1;
  }
}

/* The shard's best c: its RUM order, the key computed there (arg: the
** query's words as a literal and c). */
typedef struct best_arg {
  const char *q;
  int64_t c;
} best_arg;

static int best_remote(const pg_store *s, const char *table, const void *arg,
                       hoso_buf *remote) {
  const best_arg *b = arg;
  return hoso__buf_printf(
      remote,
      "SELECT a.id, a.story_id, (a.tsv OPERATOR(%s.<=>) %s::tsquery)::float8"
      " FROM %s a WHERE a.tsv @@ %s::tsquery ORDER BY a.tsv OPERATOR(%s.<=>)"
      " %s::tsquery LIMIT %" PRId64,
      s->rum_ops, b->q, table, b->q, s->rum_ops, b->q, b->c);
}

/* The candidates of a sharded archive (the CTE `cand`): each partition
** (shard) asked for its own best c, by name -- PG15 does not push ORDER
** BY/LIMIT below the partitioned table's Append, so through hoso.article
** every shard sent every match. c is written into the text. The best c of
** all the matches are among the shards' best c each, so the page and the
** exactness test are as on one server.
**
** links (words only, RUM, the shards' dblink lines open: pg_links.c):
** each shard is sent `ORDER BY tsv <=> q LIMIT c` with the rank key in its
** select list, as one server runs it -- its RUM index's ordered scan, the
** key computed there from its own vectors, (id, story, k) of c rows back.
** The query's words are written into that text (a literal). Every shard is
** sent its statement before any result is read (hoso__pg_links_send), so the
** shards work at the same time.
**
** Otherwise through postgres_fdw, which ships an expression only inside a
** grouped query (a plain scan fetches the columns: the vectors, and the
** coordinator would compute the key from vectors parsed from text, which
** RUM ranks differently -- tests/pg/rum_distance.sql): grouped by
** article, so the shard computes k (ranking every match from its stored
** vector: a grouped query cannot read RUM's order) and sends its best c
** in k order. c is not a parameter there: a generic plan sees no value in
** a parameter and never ships that LIMIT. */
static int shard_cand_sql(pg_store *s, const pg_sel *sel, const rankexpr *x,
                          const char *g, int64_t c_lit, int links,
                          hoso_buf *sql) {
  int rc = hoso__buf_adds(sql, "WITH cand AS MATERIALIZED (SELECT id, story_id,"
                               " g, k FROM (");
  if (links) { /* the shards' results of best_remote (hoso__pg_links_send) */
    char head[96];
    snprintf(head, sizeof head, "(SELECT t.id, t.story_id, t.%s AS g, t.k FROM ",
             g + 2);
    if (!rc)
      rc = hoso__pg_links_union(s, head, " AS t(id bigint, story_id bigint, k float8))",
                       1, sql);
  } else {
    const char *part = s->parts.p;
    for (int i = 0; !rc && i < s->n_parts; i++, part += strlen(part) + 1)
      rc = hoso__buf_printf(
          sql,
          "%s(SELECT a.id, a.story_id, %s AS g, min(%s) AS k FROM %s a WHERE"
          " %s GROUP BY a.id, a.story_id ORDER BY k%s LIMIT %" PRId64 ")",
          i ? " UNION ALL " : "", g, x->k, part, sel->where.p,
          x->by_g ? ", g DESC" : "", c_lit);
  }
  /* $1 named once at least (with links the words are in the text; a
  ** parameter nowhere used has no type) */
  if (!rc)
    rc = hoso__buf_printf(sql, ") a WHERE $1::tsquery IS NOT NULL ORDER BY k%s"
                          " LIMIT $%d),", x->by_g ? ", g DESC" : "", sel->n + 1);
  return rc;
}

/* Parameters after the selection's: $n+1 = C, $n+2 = limit, $n+3 =
** offset; on a sharded archive C is also written into the text (c_lit). Result columns: story, article, score, matching articles,
** candidates read, groups among them, final groups, sample ids (or NULL). */
static int page_sql(pg_store *s, const pg_sel *sel, unsigned flags,
                    int want_ids, int list, int64_t c_lit, int links,
                    hoso_buf *sql) {
  int by_article = (flags & HOSO_Q_ARTICLES) != 0;
  int boost = (flags & (HOSO_Q_SOURCES | HOSO_Q_FRESHNESS)) != 0;
  const char *g = by_article ? "a.id" : "a.story_id";
  rankexpr x;
  rank_exprs(s, sel->p[0] != NULL, g, &x);
  int c = sel->n + 1, lim = sel->n + 2, off = sel->n + 3, ls = sel->n + 4;
  int rc;
  /* the word's best-article list: $ls = list, $ls+1 = cutoff. It holds
  ** every match below the cutoff, so the candidates can come in (k, g
  ** DESC) order, and groups tied with the C-th are final too */
  if (list) {
    /* every entry matches the words (the list is made and kept with
    ** tsv @@ q): only the other filters are checked, no vector read */
    static const char words[] = "(a.tsv @@ $1::tsquery)";
    const char *rest = sel->where.p, *and = " AND ";
    if (!strncmp(rest, words, sizeof words - 1)) {
      rest += sizeof words - 1; /* "" or " AND ..." */
      and = "";
    } /* else (another shape of selection): every condition kept */
    x.by_g = 1;
    rc = hoso__buf_printf(
        sql,
        "WITH cand AS MATERIALIZED (SELECT a.id, a.story_id, %s AS g, b.k"
        " FROM best b JOIN article a ON a.id = b.article_id WHERE b.list = $%d"
        " AND b.k < $%d::float8 AND $1::tsquery IS NOT NULL%s%s"
        " ORDER BY b.k, %s DESC, b.article_id LIMIT $%d),",
        g, ls, ls + 1, and, rest, g, c);
  } else if (s->sharded && sel->p[0]) {
    rc = shard_cand_sql(s, sel, &x, g, c_lit, links, sql);
  } else
    rc = hoso__buf_printf(
        sql,
        "WITH cand AS MATERIALIZED (SELECT a.id, a.story_id, %s AS g, %s AS k"
        " FROM article a WHERE %s ORDER BY %s LIMIT $%d),",
        g, x.k, sel->where.p, x.order, c);
  if (!rc)
    rc = hoso__buf_printf(
        sql,
        " best AS MATERIALIZED (SELECT DISTINCT ON (g) g, story_id, id, k,"
        " %s AS score FROM cand ORDER BY g, k, id),"
        " last AS (SELECT k, g, %s AS score FROM cand ORDER BY k DESC, g LIMIT 1),",
        x.score, x.score);
  if (rc) return rc;
  /* the matching articles of the groups (`of`: the page's, or with a
  ** boost every candidate group's), their outlets and newest day: one
  ** grouped statement for all of them, where a lateral count per group
  ** ran once per group -- on a sharded archive once per group per shard,
  ** each a remote round trip (docs/scale.md, section 2). Per article: the
  ** article's own day. Every group has a match (its best article). */
  hoso_buf agg_b;
  hoso__buf_init(&agg_b, 0);
  const char *of = boost ? "best" : "page";
  if (by_article && !boost) /* one article a group: nothing to read */
    rc = hoso__buf_adds(&agg_b, " cnt AS (SELECT g, 1::bigint AS n FROM page),");
  else if (links && !boost) /* counted with the page's records, through
                            ** the same lines (pg_links_page.c) */
    rc = hoso__buf_adds(&agg_b, " cnt AS (SELECT g, NULL::bigint AS n FROM page),");
  else if (by_article)
    rc = hoso__buf_printf(&agg_b,
                          " cnt AS (SELECT a.id AS g, 1::bigint AS n, 1::bigint"
                          " AS outlets, a.published_day AS day FROM article a"
                          " WHERE a.id = ANY(ARRAY(SELECT id FROM %s))),",
                          of);
  else
    rc = hoso__buf_printf(&agg_b,
                          " cnt AS (SELECT a.story_id AS g, count(*) AS n,"
                          " count(DISTINCT coalesce(a.outlet_id, 0)) AS outlets,"
                          " max(a.published_day) AS day FROM article a WHERE"
                          " a.story_id = ANY(ARRAY(SELECT story_id FROM %s))"
                          " AND %s GROUP BY a.story_id),",
                          of, sel->where.p);
  if (rc) {
    hoso__buf_free(&agg_b);
    return rc;
  }
  const char *agg = agg_b.p;
  if (!boost) {
    rc = hoso__buf_printf(
        sql,
        " page AS (SELECT * FROM best ORDER BY k, g DESC LIMIT $%d OFFSET $%d),"
        "%s ranked AS (SELECT b.g, b.story_id, b.id, b.k, x.n, CASE WHEN"
        " b.score = 0 THEN 1e-9 ELSE b.score END AS score FROM page b"
        " JOIN cnt x ON x.g = b.g),"
        " fin AS (SELECT count(*) AS n FROM best b, last l WHERE b.k < l.k%s)",
        lim, off, agg, x.by_g ? " OR (b.k = l.k AND b.g > l.g)" : "");
  } else {
    const char *src = (flags & HOSO_Q_SOURCES)
                          ? "(1 + 0.25 * ln(x.outlets) / ln(2))" : "1";
    const char *fresh =
        (flags & HOSO_Q_FRESHNESS)
            ? "(CASE WHEN x.day IS NOT NULL AND nw.day IS NOT NULL THEN"
              " 1 + 1 / (1 + (nw.day - x.day) / 180.0) ELSE 1 END)"
            : "1";
    rc = hoso__buf_printf(
        sql,
        " newest AS (SELECT a.published_day AS day FROM article a WHERE %s"
        " AND a.published_day IS NOT NULL ORDER BY a.published_day DESC"
        " LIMIT 1),%s"
        " all_ranked AS (SELECT b.g, b.story_id, b.id, b.k, x.n, (CASE WHEN"
        " b.score = 0 THEN 1e-9 ELSE b.score END) * %s * %s AS score"
        " FROM best b JOIN cnt x ON x.g = b.g LEFT JOIN newest nw ON true),"
        " ranked AS (SELECT * FROM all_ranked ORDER BY score DESC, g DESC"
        " LIMIT $%d OFFSET $%d),"
        " fin AS (SELECT count(*) AS n FROM all_ranked r, last l WHERE"
        " r.score > (CASE WHEN l.score = 0 THEN 1e-9 ELSE l.score END) * %s * %s)",
        sel->where.p, agg, src, fresh, lim, off,
        (flags & HOSO_Q_SOURCES)
            ? "(1 + 0.25 * ln((SELECT count(*) + 1 FROM outlet)) / ln(2))" : "1",
        (flags & HOSO_Q_FRESHNESS) ? "2" : "1");
  }
  hoso__buf_free(&agg_b);
  if (rc) return rc;
  if (want_ids)
    rc = hoso__buf_adds(sql, ", sample AS (SELECT array_agg(id) AS ids FROM cand)");
  else
    rc = hoso__buf_adds(sql, ", sample AS (SELECT NULL::bigint[] AS ids)");
  if (rc) return rc;
  /* one row even for an empty page: the counts come with it */
  return hoso__buf_adds(
      sql,
      " SELECT r.story_id, r.id, r.score, r.n, (SELECT count(*) FROM cand),"
      " (SELECT count(*) FROM best), fin.n, sample.ids FROM fin CROSS JOIN"
      " sample LEFT JOIN ranked r ON true ORDER BY r.score DESC, r.g DESC");
}

/* The planner's row estimate for `SELECT 1 FROM article a WHERE cond`
** (params as cond wants them): *n, or -1 when the plan does not say. */
static int planned_rows(pg_store *s, const char *cond, int np,
                        const char *const *p, int64_t *n, hoso_error *err) {
  hoso_buf sql;
  hoso__buf_init(&sql, 0);
  if (hoso__buf_printf(&sql, "EXPLAIN SELECT 1 FROM article a WHERE %s", cond)) {
    hoso__buf_free(&sql);
    return hoso__err(err, HOSO_ENOMEM, "out of memory");
  }
  PGresult *r = hoso__pg_exec(s, sql.p, np, p, err, "cannot search");
  hoso__buf_free(&sql);
  if (!r) return HOSO_EDB;
  const char *t = PQntuples(r) ? strstr(PQgetvalue(r, 0, 0), "rows=") : NULL;
  *n = t ? strtoll(t + 5, NULL, 10) : -1;
  PQclear(r);
  return HOSO_OK;
}

/* How many articles hold the query's words, counted by the text index
** alone: the bitmap index scan of `tsv @@ q` (its "actual rows") when the
** heap scan above it stops after one row -- the index's postings, without
** visiting every matching row (which a count(*) does, and which costs as
** much as ranking them). Rows deleted but not yet vacuumed count too. *n
** = -1 when the plan has no such node. */
/* The postings a text index read, from one line of EXPLAIN ANALYZE's
** plan of the count statement (its Bitmap Index Scan's actual rows): 1
** and *rows when the line is that node's. Used by index_count (one
** server) and links_count (each shard). */
static int postings_in_line(const char *line, int64_t *rows) {
  const char *t = strstr(line, "Bitmap Index Scan");
  const char *a = t ? strstr(t, "(actual rows=") : NULL;
  if (!a) return 0;
  *rows = strtoll(a + 13, NULL, 10);
  return 1;
}

static int index_count(pg_store *s, const char *tsq, int64_t *n,
                       hoso_error *err) {
  *n = -1;
  /* One round trip for the five statements (the tsquery as a quoted
  ** literal). They run as one implicit transaction: when one fails, the
  ** SETs are rolled back with it, so the session's settings are never
  ** left changed. */
  char *lit = PQescapeLiteral(s->conn, tsq, strlen(tsq));
  if (!lit) return hoso__pg_err(s, err, NULL, "cannot search");
  hoso_buf sql;
  hoso__buf_init(&sql, 0);
  int rc = hoso__buf_printf(
      &sql,
      "SET enable_seqscan = off; SET enable_indexscan = off;"
      " EXPLAIN (ANALYZE, TIMING OFF) SELECT 1 FROM article a WHERE"
      " a.tsv @@ %s::tsquery LIMIT 1; RESET enable_seqscan;"
      " RESET enable_indexscan",
      lit);
  PQfreemem(lit);
  if (rc) {
    hoso__buf_free(&sql);
    return hoso__err(err, HOSO_ENOMEM, "out of memory");
  }
  int sent = PQsendQuery(s->conn, sql.p);
  hoso__buf_free(&sql);
  if (!sent) return hoso__pg_err(s, err, NULL, "cannot search");
  PGresult *r;
  while ((r = PQgetResult(s->conn)) != NULL) {
    ExecStatusType st = PQresultStatus(r);
    for (int i = 0; st == PGRES_TUPLES_OK && *n < 0 && i < PQntuples(r); i++) {
      int64_t rows;
      if (postings_in_line(PQgetvalue(r, i, 0), &rows)) *n = rows;
    }
    if (st != PGRES_TUPLES_OK && st != PGRES_COMMAND_OK && !rc)
      rc = hoso__pg_err(s, err, r, "cannot search");
    PQclear(r);
  }
  return rc;
}

/* The same count on a sharded archive, whose text indexes are on the
** shards, where the coordinator cannot read their postings (the planner's
** estimate instead made totals differ from one server's, and between a
** query typed with and without marks: at 20,000 articles `hợp tác` 2,646
** against 1,370, 35 % of the benchmark's toned/toneless pairs apart;
** docs/scale.md): each shard counts its matches -- with the search's
** lines to the shards open (pg_links.c), its text index's postings, as
** one server counts (links_count); otherwise one count per partition,
** pushed down whole and run on the shards at once, reading every
** matching row. */
static int links_count(pg_store *s, const char *tsq, int64_t *n,
                       hoso_error *err); /* below */

static int shard_count(pg_store *s, const char *tsq, int64_t *n,
                       hoso_error *err) {
  *n = -1;
  if (s->links.open) { /* the postings, as one server counts them */
    int rc = links_count(s, tsq, n, err);
    if (rc || *n >= 0) return rc;
  }
  hoso_buf sql;
  hoso__buf_init(&sql, 0);
  int rc = hoso__buf_adds(&sql, "SELECT sum(n)::bigint FROM (");
  const char *part = s->parts.p;
  for (int i = 0; !rc && i < s->n_parts; i++, part += strlen(part) + 1)
    rc = hoso__buf_printf(&sql,
                          "%s(SELECT count(*) AS n FROM %s a WHERE a.tsv @@"
                          " $1::tsquery)",
                          i ? " UNION ALL " : "", part);
  if (!rc) rc = hoso__buf_adds(&sql, ") c");
  if (rc) {
    hoso__buf_free(&sql);
    return hoso__err(err, HOSO_ENOMEM, "out of memory");
  }
  const char *p[1] = {tsq};
  PGresult *r = hoso__pg_exec_cached(s, sql.p, 1, p, err, "cannot search");
  hoso__buf_free(&sql);
  if (!r) return HOSO_EDB;
  if (PQntuples(r) == 1 && !PQgetisnull(r, 0, 0))
    *n = strtoll(PQgetvalue(r, 0, 0), NULL, 10);
  PQclear(r);
  return HOSO_OK;
}

/* shard_count through the shards' lines (pg_links.c): each shard's text
** index counts its postings of the words, as index_count does on one
** server (the same statements, run there as one implicit transaction, so
** the settings end with it) -- where a count(*) through postgres_fdw read
** every matching row (461 ms for `người` on a shard of 10,000 articles,
** against 2-6 ms for its 4,893 postings). *n = -1 when a shard's plan has
** no such node. (Its code follows count_remote.) */

/* The shard's count of its postings (arg: the words as a literal). */
static int count_remote(const pg_store *s, const char *table, const void *arg,
                        hoso_buf *remote) {
  return hoso__buf_printf(
      remote,
      "SET LOCAL enable_seqscan = off; SET LOCAL enable_indexscan = off;"
      " EXPLAIN (ANALYZE, TIMING OFF) SELECT 1 FROM %s a WHERE a.tsv @@"
      " %s::tsquery LIMIT 1",
      table, (const char *)arg);
}

static int links_count(pg_store *s, const char *tsq, int64_t *n,
                       hoso_error *err) {
  *n = -1;
  char *q = PQescapeLiteral(s->conn, tsq, strlen(tsq));
  if (!q) return hoso__pg_err(s, err, NULL, "cannot search");
  hoso_buf sql;
  hoso__buf_init(&sql, 0);
  int rc = hoso__pg_links_send(s, count_remote, q, err);
  PQfreemem(q);
  if (rc) return rc;
  /* three results a shard: its two SETs' ("SET", parsed as no postings)
  ** and the plan's lines */
  if (hoso__pg_links_union(s, "SELECT line FROM ", " AS t(line text)", 3, &sql)) {
    hoso__buf_free(&sql);
    hoso__pg_links_reset(s);
    return hoso__err(err, HOSO_ENOMEM, "out of memory");
  }
  PGresult *r = hoso__pg_exec(s, sql.p, 0, NULL, err, "cannot search");
  hoso__buf_free(&sql);
  if (!r) {
    hoso__pg_links_reset(s);
    return HOSO_EDB;
  }
  hoso__pg_links_drain(s);
  int64_t sum = 0;
  int found = 0;
  for (int i = 0; i < PQntuples(r); i++) {
    int64_t rows;
    if (postings_in_line(PQgetvalue(r, i, 0), &rows)) {
      sum += rows;
      found++;
    }
  }
  PQclear(r);
  if (found == s->n_parts) *n = sum;
  return HOSO_OK;
}

/* The best-article list of the query (schema 6, pg_schema.c v6): when
** the archive ranks with RUM and the query's tsquery is one listed word,
** its id and cutoff. */
typedef struct bestlist {
  int have;
  char id[24], cutoff[64], max_article[24];
  int64_t n_match; /* matching articles up to max_article */
} bestlist;

static int best_list(pg_store *s, const pg_sel *sel, bestlist *bl,
                     hoso_error *err) {
  memset(bl, 0, sizeof *bl);
  if (!s->rum_ops[0] || !sel->p[0] || !s->best) return HOSO_OK;
  const char *p[1] = {sel->p[0]};
  PGresult *r = hoso__pg_exec_cached(s, "SELECT id, cutoff, n_match, max_article"
                                 " FROM best_list WHERE qtext = $1::tsquery::text",
                              1, p, err, "cannot search");
  if (!r) return HOSO_EDB;
  if (PQntuples(r) == 1 && PQgetlength(r, 0, 0) < (int)sizeof bl->id &&
      PQgetlength(r, 0, 1) < (int)sizeof bl->cutoff &&
      PQgetlength(r, 0, 3) < (int)sizeof bl->max_article) {
    bl->have = 1;
    memcpy(bl->id, PQgetvalue(r, 0, 0), (size_t)PQgetlength(r, 0, 0) + 1);
    memcpy(bl->cutoff, PQgetvalue(r, 0, 1), (size_t)PQgetlength(r, 0, 1) + 1);
    memcpy(bl->max_article, PQgetvalue(r, 0, 3),
           (size_t)PQgetlength(r, 0, 3) + 1);
    bl->n_match = strtoll(PQgetvalue(r, 0, 2), NULL, 10);
  }
  PQclear(r);
  return HOSO_OK;
}

/* The list's word in how many articles: those counted when the list was
** made plus the matches added since (articles after max_article: a range
** of the primary key, each checked; hoso only adds articles). */
static int best_count(pg_store *s, const pg_sel *sel, const bestlist *bl,
                      int64_t *n, hoso_error *err) {
  const char *p[2] = {bl->max_article, sel->p[0]};
  PGresult *r = hoso__pg_exec_cached(s, "SELECT count(*) FROM article a WHERE"
                                 " a.id > $1::bigint AND a.tsv @@ $2::tsquery",
                              2, p, err, "cannot search");
  if (!r) return HOSO_EDB;
  *n = bl->n_match + strtoll(PQgetvalue(r, 0, 0), NULL, 10);
  PQclear(r);
  return HOSO_OK;
}

/* The matching articles when too many to count them: with words, the
** index's count of the words times the share the other filters keep (the
** planner's estimates with and without them) -- but when the planner
** expects more than count_max matches for the words, the planner's
** estimate: counting the index's postings costs a tenth of the search
** (52 ms for a word in 45,000 of 200,000 articles; make bench-pg).
** Filters alone: the planner's estimate. *n = -1 when unknown. */
static int estimate(pg_store *s, const pg_sel *sel, const bestlist *bl,
                    int64_t *n, hoso_error *err) {
  int64_t all = -1, words, idx = -1;
  int rc = HOSO_OK;
  if (!bl->have || sel->n > 1)
    rc = planned_rows(s, sel->where.p, sel->n, sel->p, &all, err);
  *n = all;
  if (rc || !sel->p[0]) return rc;
  words = all;
  if (sel->n > 1)
    rc = planned_rows(s, "a.tsv @@ $1::tsquery", 1, sel->p, &words, err);
  if (rc || (!bl->have && words > s->count_max)) return rc;
  /* a listed word: its count is kept with the list (no postings read) */
  if (bl->have)
    rc = best_count(s, sel, bl, &idx, err);
  else { /* the fold-only query: the same matches, fewer postings read */
    hoso_buf fold;
    hoso__buf_init(&fold, 0);
    rc = sel->q ? hoso__pg_tsquery_fold(s, sel->q, &fold, err) : HOSO_OK;
    if (!rc)
      rc = s->sharded ? shard_count(s, fold.p ? fold.p : sel->p[0], &idx, err)
                      : index_count(s, fold.p ? fold.p : sel->p[0], &idx, err);
    hoso__buf_free(&fold);
  }
  if (rc || idx < 0) return rc;
  if (sel->n == 1 || words <= 0 || all < 0) *n = idx;
  else *n = (int64_t)((double)idx * (double)all / (double)words + 0.5);
  if (*n > idx) *n = idx;
  return HOSO_OK;
}

int hoso__pg_topk(pg_store *s, const pg_sel *sel, unsigned flags,
                  int64_t offset, int64_t limit, int want_facets,
                  pg_page *out, hoso_error *err) {
  memset(out, 0, sizeof *out);
  int64_t need = offset + limit, c = 4 * need, est = -1;
  int have_est = 0;
  bestlist bl;
  int rc = best_list(s, sel, &bl, err);
  if (rc) return rc;
  if (c < 100 && c < s->exact_max + 1) c = 100 < s->exact_max + 1 ? 100 : s->exact_max + 1;
  char cs[24], lims[24], offs[24];
  snprintf(lims, sizeof lims, "%" PRId64, limit);
  snprintf(offs, sizeof offs, "%" PRId64, offset);
  const char *p[PG_SEL_MAX + 5];
  for (int i = 0; i < sel->n; i++) p[i] = sel->p[i];
  p[sel->n] = cs;
  p[sel->n + 1] = lims;
  p[sel->n + 2] = offs;
  p[sel->n + 3] = bl.id;
  p[sel->n + 4] = bl.cutoff;
  hoso_buf sql, lsql;
  hoso__buf_init(&sql, 0);
  hoso__buf_init(&lsql, 0);
  if (bl.have && page_sql(s, sel, flags, want_facets, 1, c, 0, &lsql)) {
    hoso__buf_free(&lsql);
    return hoso__err(err, HOSO_ENOMEM, "out of memory");
  }
  int use_list = bl.have;
  for (;;) {
    snprintf(cs, sizeof cs, "%" PRId64, c);
    /* the statement holds c on a sharded archive (page_sql) */
    hoso__buf_reset(&sql);
    /* the shards' own ordered scans (shard_cand_sql), for the words alone */
    int links = 0;
    if (!use_list && s->sharded && s->rum_ops[0] && sel->p[0] && sel->n == 1 &&
        (rc = hoso__pg_links_open(s, &links, err)) != 0)
      break;
    if (!use_list && page_sql(s, sel, flags, want_facets, 0, c, links, &sql)) {
      rc = hoso__err(err, HOSO_ENOMEM, "out of memory");
      break;
    }
    /* a sharded archive's two rounds (shard_cand_sql) are planned with
    ** the query's words each time, not prepared: the generic plan of
    ** round 1 expects a few matches per shard (0.5 %) and groups fetched
    ** vectors on the coordinator */
    /* with links: each shard sent its best c first, all at once */
    if (links) {
      char *q = PQescapeLiteral(s->conn, sel->p[0], strlen(sel->p[0]));
      best_arg arg = {q, c};
      rc = q ? hoso__pg_links_send(s, best_remote, &arg, err)
             : hoso__pg_err(s, err, NULL, "cannot search");
      PQfreemem(q);
      if (rc) break;
    }
    PGresult *r =
        use_list ? hoso__pg_exec_cached(s, lsql.p, sel->n + 5, p, err, "cannot search")
        : links ? hoso__pg_exec(s, sql.p, sel->n + 3, p, err, "cannot search")
                : hoso__pg_exec_cached(s, sql.p, sel->n + 3, p, err, "cannot search");
    if (!r) {
      if (links) hoso__pg_links_reset(s); /* the next search connects again */
      rc = HOSO_EDB;
      break;
    }
    if (links) hoso__pg_links_drain(s);
    int64_t read = strtoll(PQgetvalue(r, 0, 4), NULL, 10);
    int64_t groups = strtoll(PQgetvalue(r, 0, 5), NULL, 10);
    int64_t final = strtoll(PQgetvalue(r, 0, 6), NULL, 10);
    if (use_list && read < c) {
      /* the list (with the other filters) has fewer than c: the rest of
      ** the matches rank below its cutoff, unread -- rank every posting */
      PQclear(r);
      use_list = 0;
      continue;
    }
    int done = read < c; /* every match read: exact */
    if (!done && final >= need) {
      /* enough for the page; few enough matches to read them all? */
      if (!have_est && estimate(s, sel, &bl, &est, err)) {
        PQclear(r);
        break;
      }
      have_est = 1;
      if (c <= s->exact_max && est <= s->exact_max) {
        PQclear(r);
        c = s->exact_max + 1;
        continue;
      }
    }
    if (done || final >= need) {
      out->rows = r;
      out->n = PQgetisnull(r, 0, 0) ? 0 : PQntuples(r);
      out->links = links;
      out->late_counts = links && !(flags & (HOSO_Q_ARTICLES | HOSO_Q_SOURCES |
                                             HOSO_Q_FRESHNESS));
      out->ids = want_facets && !PQgetisnull(r, 0, 7) ? PQgetvalue(r, 0, 7)
                                                      : NULL;
      if (done) {
        out->total = groups;
        out->articles = read;
      } else { /* estimated: never below what was read */
        out->estimated = out->sampled = 1;
        out->cand = read;
        out->articles = est > read ? est : read;
        double share = (flags & HOSO_Q_ARTICLES) ? 1 : (double)groups / (double)read;
        out->total = (int64_t)(share * (double)out->articles + 0.5);
        if (out->total < groups) out->total = groups;
      }
      hoso__buf_free(&sql);
      hoso__buf_free(&lsql);
      return HOSO_OK;
    }
    PQclear(r);
    c *= 4;
  }
  hoso__buf_free(&sql);
  hoso__buf_free(&lsql);
  return rc ? rc : HOSO_EDB;
}
