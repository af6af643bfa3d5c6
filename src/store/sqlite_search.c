/* sqlite_search.c -- hoso_search on SQLite: the matching articles
** (sqlite_match.c) grouped into stories and ranked (sqlite_group.c), the
** asked page of results with snippets (sqlite_page.c) and the facets
** (sqlite_facets.c), in one read transaction. JSON formats: README.md,
** "The archive". */
#include <stdint.h>

#include "store/sqlite_search_int.h"

static int search_in(sq_store *s, const hoso_qnode *q, const hoso_query *opt,
                     hoso_json *w, hoso_error *err) {
  sq_hits h;
  hoso_buf terms;
  hoso__buf_init(&terms, 1 << 20);
  int rc = hoso__sq_match(s, q, opt, &h, &terms, err);
  if (rc) {
    hoso__buf_free(&terms);
    return rc;
  }
  unsigned flags = opt ? opt->flags : 0;
  int64_t offset = opt && opt->offset > 0 ? opt->offset : 0;
  int64_t limit = opt && opt->limit > 0 ? opt->limit : 10;
  int per_article = (flags & HOSO_Q_ARTICLES) != 0;
  uint64_t want = (uint64_t)offset + (uint64_t)limit;
  grouping g;
  if (hoso__sq_group(s, &h, flags, per_article, want > SIZE_MAX ? SIZE_MAX : (size_t)want, &g)) {
    hoso__sq_hits_free(&h);
    hoso__buf_free(&terms);
    return hoso__err(err, HOSO_ENOMEM, "out of memory");
  }
  story_hit *sh = g.sh;
  size_t n_sh = g.n;
  if (!(flags & HOSO_Q_NO_SNIPPETS)) rc = hoso__sq_snips_sync(s, err);
  hoso__json_obj_begin(w);
  hoso__json_key(w, "query");
  if (opt && opt->q)
    hoso__json_strn(w, opt->q, opt->q_n);
  else
    hoso__json_str(w, "");
  hoso__json_key(w, "total");
  hoso__json_int(w, (int64_t)n_sh);
  hoso__json_key(w, "articles");
  hoso__json_int(w, (int64_t)h.n);
  hoso__json_key(w, "offset");
  hoso__json_int(w, offset);
  hoso__json_key(w, "limit");
  hoso__json_int(w, limit);
  hoso__json_key(w, "results");
  hoso__json_arr_begin(w);
  for (int64_t i = offset; i < (int64_t)n_sh && i - offset < limit && !rc; i++) {
    const story_hit *c = &sh[i];
    int64_t story = (flags & HOSO_Q_ARTICLES) ? s->cache.fact[c->best].story : c->story;
    hoso__json_obj_begin(w);
    hoso__json_key(w, "rank");
    hoso__json_int(w, i + 1);
    hoso__json_key(w, "story");
    hoso__json_int(w, story);
    hoso__json_key(w, "score");
    hoso__json_double(w, -c->score);
    hoso__json_key(w, "matching_articles");
    hoso__json_int(w, c->n);
    sqlite3_stmt *brief = NULL; /* the best article's row, for a story of one */
    json_span title;
    rc = hoso__sq_article_brief(s, w, c->best, &terms, !(flags & HOSO_Q_NO_SNIPPETS), &brief, &title,
                       err);
    if (!rc) rc = hoso__sq_story_body(s, w, story, brief, title, err);
    if (brief) sqlite3_reset(brief);
    hoso__json_obj_end(w);
  }
  hoso__json_arr_end(w);
  if (!rc && !(flags & HOSO_Q_NO_FACETS))
    rc = hoso__sq_facets(s, w, per_article ? NULL : &g, &h, err);
  hoso__json_obj_end(w);
  hoso__sq_grouping_free(s, &g);
  hoso__sq_hits_free(&h);
  hoso__buf_free(&terms);
  return rc;
}

/* One read transaction around the whole search (unless the caller has
** one open): one snapshot of the archive for every statement, and the
** file locks taken once instead of once per statement. */
int hoso__sq_search(hoso_store *stp, const hoso_qnode *q, const hoso_query *opt,
                    hoso_json *w, hoso_error *err) {
  sq_store *s = (sq_store *)stp;
  int own = sqlite3_get_autocommit(s->db) &&
            sqlite3_exec(s->db, "BEGIN", NULL, NULL, NULL) == SQLITE_OK;
  int rc = search_in(s, q, opt, w, err);
  if (own && sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
    sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
  return rc;
}
