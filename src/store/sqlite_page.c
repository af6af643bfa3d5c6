/* sqlite_page.c -- the JSON of a search result's article (with its
** snippet) and of a story (its fields and sources), shared by the search
** results and the story view (hoso__sq_story). Owns the handle's snippet
** tables (s->snips, made on first use). */
#include <string.h>

#include "search/snippet.h"
#include "store/sqlite_search_int.h"

/* The handle's snippet tables (made on first use), emptied when the
** archive changed since the last search. Without memory for the cache,
** snippets are made without it. */
int hoso__sq_snips_sync(sq_store *s, hoso_error *err) {
  if (!s->snips && hoso__snipcache_new((size_t)HOSO_SNIPCACHE_MB << 20, &s->snips))
    return HOSO_OK;
  int64_t v, c;
  int r = hoso__sq_db_state(s, &v, &c, err);
  if (r) return r;
  hoso__snipcache_sync(s->snips, v, c);
  return HOSO_OK;
}

/* Column i of st as a value -- or, when it is text equal to `same`'s
** bytes (the column `same_col` of the statement `same`, already written
** at span sp), a copy of those escaped bytes: a story's title and its
** only source's title are mostly the result article's, escaped once. */
static void json_col_reuse(hoso_json *w, sqlite3_stmt *st, int i, sqlite3_stmt *same,
                           int same_col, json_span sp) {
  hoso_buf *o = w->out;
  if (same && sp.b > sp.a && !w->rc && sqlite3_column_type(st, i) == SQLITE_TEXT) {
    const void *x = sqlite3_column_text(st, i), *y = sqlite3_column_text(same, same_col);
    size_t xn = (size_t)sqlite3_column_bytes(st, i);
    if (x && y && xn == (size_t)sqlite3_column_bytes(same, same_col) && !memcmp(x, y, xn) &&
        hoso__buf_reserve(o, sp.b - sp.a) == HOSO_OK) {
      hoso__json_raw(w, o->p + sp.a, sp.b - sp.a); /* (reserved: p stays put) */
      return;
    }
  }
  hoso__sq_json_col(w, st, i);
}

/* The result's article and its snippet. With keep non-NULL and the row
** found, the statement is left on its row for the caller (who resets it)
** and *keep set to it; else *keep is NULL. */
int hoso__sq_article_brief(sq_store *s, hoso_json *w, int64_t id,
                         const hoso_buf *terms, int want_snippet,
                         sqlite3_stmt **keep, json_span *title, hoso_error *err) {
  if (keep) *keep = NULL;
  *title = (json_span){0, 0};
  sqlite3_stmt *st = hoso__sq_stmt(s, SQ_ART_BRIEF, err);
  if (!st) return HOSO_EDB;
  sqlite3_bind_int64(st, 1, id);
  int rc = sqlite3_step(st);
  int r = HOSO_OK;
  if (rc == SQLITE_ROW) {
    hoso__json_key(w, "article");
    hoso__json_obj_begin(w);
    static const char *const keys[] = {"id", "title", "outlet", "url",
                                       "published", "lang", "credit"};
    for (int i = 0; i < 7; i++) {
      hoso__json_key(w, keys[i]);
      size_t at = w->out->n;
      hoso__sq_json_col(w, st, i);
      if (i == 1 && !w->rc && sqlite3_column_type(st, 1) == SQLITE_TEXT)
        *title = (json_span){at, w->out->n};
    }
    hoso__json_obj_end(w);
    if (want_snippet) {
      const char *text = (const char *)sqlite3_column_text(st, 7);
      size_t tn = (size_t)sqlite3_column_bytes(st, 7);
      hoso_snippet sn;
      const hoso_snip_text *tab = NULL;
      if (!text) tn = 0;
      const char *tx = text ? text : "", *tm = terms && terms->p ? terms->p : "";
      size_t tmn = terms ? terms->n : 0, ra = 0, rb = 0;
      int in_region = 0;
      r = s->snips ? hoso__snipcache_get(s->snips, s->words, id, tx, tn, &tab) : HOSO_OK;
      /* a long text: its region's words kept too (snipcache.h) */
      if (!r && s->snips)
        r = hoso__snippet_region(s->words, tab, tn, tm, tmn, &in_region, &ra, &rb);
      if (!r && in_region) {
        const hoso_snip_text *rt;
        r = hoso__snipcache_region(s->snips, s->words, id, tx, ra, rb, &rt);
        if (!r) r = hoso__snippet_in_region(s->words, rt, tx, ra, rb, tm, tmn, &sn);
      } else if (!r) {
        r = hoso__snippet_with(s->words, tab, tx, tn, tm, tmn, &sn);
      }
      if (r) {
        sqlite3_reset(st);
        return hoso__err(err, r, "out of memory");
      }
      hoso__snippet_json(w, text, &sn);
      hoso__snippet_free(&sn);
    }
  } else if (rc != SQLITE_DONE) {
    r = hoso__sq_err(s, err, rc, "cannot read article");
  }
  if (keep && rc == SQLITE_ROW && !r) {
    *keep = st;
    return HOSO_OK;
  }
  sqlite3_reset(st);
  return r;
}

/* The story's fields and its sources (every article). brief: NULL, or
** the SQ_ART_BRIEF statement on the row of one of the story's articles:
** a story of one article has that one as its only source, written from
** the row (same columns as SQ_STORY_SOURCES) without another query. */
int hoso__sq_story_body(sq_store *s, hoso_json *w, int64_t story, sqlite3_stmt *brief,
                      json_span title, hoso_error *err) {
  sqlite3_stmt *st = hoso__sq_stmt(s, SQ_STORY_HEAD, err);
  if (!st) return HOSO_EDB;
  sqlite3_bind_int64(st, 1, story);
  int rc = sqlite3_step(st);
  int single = 0;
  if (rc == SQLITE_ROW) {
    static const char *const keys[] = {"title", "earliest", "credit",
                                       "n_articles", "n_outlets", "origin_article"};
    for (int i = 0; i < 6; i++) {
      hoso__json_key(w, keys[i]);
      if (i == 0)
        json_col_reuse(w, st, 0, brief, 1, title);
      else
        hoso__sq_json_col(w, st, i);
    }
    single = sqlite3_column_type(st, 3) == SQLITE_INTEGER && sqlite3_column_int64(st, 3) == 1;
  }
  sqlite3_reset(st);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return hoso__sq_err(s, err, rc, "cannot read story");
  if (single && brief) {
    /* SQ_ART_BRIEF's columns: id, title, outlet, url, published, lang, credit */
    static const char *const keys[] = {"article", "outlet", "url",
                                       "published", "title", "credit"};
    static const int cols[] = {0, 2, 3, 4, 1, 6};
    hoso__json_key(w, "sources");
    hoso__json_arr_begin(w);
    hoso__json_obj_begin(w);
    for (int i = 0; i < 6; i++) {
      hoso__json_key(w, keys[i]);
      if (cols[i] == 1)
        json_col_reuse(w, brief, 1, brief, 1, title);
      else
        hoso__sq_json_col(w, brief, cols[i]);
    }
    hoso__json_obj_end(w);
    hoso__json_arr_end(w);
    return HOSO_OK;
  }
  st = hoso__sq_stmt(s, SQ_STORY_SOURCES, err);
  if (!st) return HOSO_EDB;
  sqlite3_bind_int64(st, 1, story);
  hoso__json_key(w, "sources");
  hoso__json_arr_begin(w);
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    static const char *const keys[] = {"article", "outlet", "url",
                                       "published", "title", "credit"};
    hoso__json_obj_begin(w);
    for (int i = 0; i < 6; i++) {
      hoso__json_key(w, keys[i]);
      hoso__sq_json_col(w, st, i);
    }
    hoso__json_obj_end(w);
  }
  hoso__json_arr_end(w);
  sqlite3_reset(st);
  if (rc != SQLITE_DONE) return hoso__sq_err(s, err, rc, "cannot read story");
  return HOSO_OK;
}

int hoso__sq_story(hoso_store *stp, int64_t id, hoso_json *w, hoso_error *err) {
  sq_store *s = (sq_store *)stp;
  sqlite3_stmt *st;
  int rc = sqlite3_prepare_v2(s->db, "SELECT 1 FROM story WHERE id=?1", -1, &st, NULL);
  if (rc != SQLITE_OK) return hoso__sq_err(s, err, rc, "cannot read story");
  sqlite3_bind_int64(st, 1, id);
  rc = sqlite3_step(st);
  sqlite3_finalize(st);
  if (rc != SQLITE_ROW) return hoso__err(err, HOSO_ENOTFOUND, "no story %lld", (long long)id);
  hoso__json_obj_begin(w);
  hoso__json_key(w, "story");
  hoso__json_int(w, id);
  rc = hoso__sq_story_body(s, w, id, NULL, (json_span){0, 0}, err);
  hoso__json_obj_end(w);
  return rc;
}
