/* sqlite_article.c -- the article view on SQLite (hoso__sq_article): the
** article's row, its original bytes when asked, its entities and events,
** and its story's sources. */
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "store/sqlite_search_int.h"

static int entities_json(sq_store *s, hoso_json *w, int64_t id, hoso_error *err) {
  sqlite3_stmt *st;
  int rc = sqlite3_prepare_v2(
      s->db,
      "SELECT e.kind, e.name, m.title, m.start, m.end FROM mention m JOIN entity"
      " e ON e.id=m.entity_id WHERE m.article_id=?1 ORDER BY m.start",
      -1, &st, NULL);
  if (rc != SQLITE_OK) return hoso__sq_err(s, err, rc, "cannot read entities");
  sqlite3_bind_int64(st, 1, id);
  hoso__json_key(w, "entities");
  hoso__json_arr_begin(w);
  static const char *const kinds[] = {"any", "person", "org", "place"};
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    int k = sqlite3_column_int(st, 0);
    hoso__json_obj_begin(w);
    hoso__json_key(w, "kind");
    hoso__json_str(w, k >= 0 && k <= 3 ? kinds[k] : "other");
    static const char *const keys[] = {"name", "title", "start", "end"};
    for (int i = 0; i < 4; i++) {
      hoso__json_key(w, keys[i]);
      hoso__sq_json_col(w, st, i + 1);
    }
    hoso__json_obj_end(w);
  }
  hoso__json_arr_end(w);
  sqlite3_finalize(st);
  if (rc != SQLITE_DONE) return hoso__sq_err(s, err, rc, "cannot read entities");
  rc = sqlite3_prepare_v2(
      s->db,
      "SELECT e.id, e.type, e.date, e.place, e.summary, es.start, es.end,"
      " (SELECT group_concat(en.name, '; ') FROM participant p JOIN entity en"
      " ON en.id=p.entity_id WHERE p.event_id=e.id) FROM event_source es JOIN"
      " event e ON e.id=es.event_id WHERE es.article_id=?1 ORDER BY es.start",
      -1, &st, NULL);
  if (rc != SQLITE_OK) return hoso__sq_err(s, err, rc, "cannot read events");
  sqlite3_bind_int64(st, 1, id);
  hoso__json_key(w, "events");
  hoso__json_arr_begin(w);
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    static const char *const keys[] = {"event", "type", "date", "place",
                                       "summary", "start", "end", "participants"};
    hoso__json_obj_begin(w);
    for (int i = 0; i < 8; i++) {
      hoso__json_key(w, keys[i]);
      hoso__sq_json_col(w, st, i);
    }
    hoso__json_obj_end(w);
  }
  hoso__json_arr_end(w);
  sqlite3_finalize(st);
  if (rc != SQLITE_DONE) return hoso__sq_err(s, err, rc, "cannot read events");
  return HOSO_OK;
}

int hoso__sq_article(hoso_store *stp, int64_t id, unsigned flags, hoso_json *w,
                     hoso_error *err) {
  sq_store *s = (sq_store *)stp;
  sqlite3_stmt *st;
  int rc = sqlite3_prepare_v2(
      s->db,
      "SELECT a.id, a.story_id, a.title, o.name, a.url, a.canonical_url,"
      " a.published, a.lang, a.author, a.credit, a.origin, a.added,"
      " a.content_hash, a.text, a.record, g.encoding, g.size, g.bytes"
      " FROM article a LEFT JOIN outlet o ON o.id=a.outlet_id"
      " LEFT JOIN original g ON g.article_id=a.id WHERE a.id=?1",
      -1, &st, NULL);
  if (rc != SQLITE_OK) return hoso__sq_err(s, err, rc, "cannot read article");
  sqlite3_bind_int64(st, 1, id);
  rc = sqlite3_step(st);
  if (rc != SQLITE_ROW) {
    sqlite3_finalize(st);
    if (rc == SQLITE_DONE) return hoso__err(err, HOSO_ENOTFOUND, "no article %lld", (long long)id);
    return hoso__sq_err(s, err, rc, "cannot read article");
  }
  static const char *const keys[] = {
      "id",   "story", "title",  "outlet", "url",  "canonical_url", "published",
      "lang", "author", "credit", "origin", "added", "content_hash", "text"};
  hoso__json_obj_begin(w);
  for (int i = 0; i < 14; i++) {
    hoso__json_key(w, keys[i]);
    hoso__sq_json_col(w, st, i);
  }
  hoso__json_key(w, "record");
  if (sqlite3_column_type(st, 14) == SQLITE_NULL)
    hoso__json_null(w);
  else
    hoso__json_raw(w, (const char *)sqlite3_column_text(st, 14),
                   (size_t)sqlite3_column_bytes(st, 14));
  int r = HOSO_OK;
  if ((flags & HOSO_ARTICLE_ORIGINAL) && !strcmp(hoso__sq_col(st, 15), "text")) {
    hoso__json_key(w, "original");
    hoso__sq_json_col(w, st, 13);
  } else if (flags & HOSO_ARTICLE_ORIGINAL) {
    uLongf n = (uLongf)sqlite3_column_int64(st, 16);
    unsigned char *p = malloc(n ? n : 1);
    if (!p) r = hoso__err(err, HOSO_ENOMEM, "out of memory");
    if (!r && uncompress(p, &n, sqlite3_column_blob(st, 17),
                         (uLong)sqlite3_column_bytes(st, 17)) != Z_OK)
      r = hoso__err(err, HOSO_EDB, "original bytes of article %lld are damaged",
                    (long long)id);
    if (!r) {
      hoso__json_key(w, "original");
      hoso__json_strn(w, (const char *)p, n);
    }
    free(p);
  }
  sqlite3_finalize(st);
  if (!r) r = entities_json(s, w, id, err);
  if (!r) {
    int64_t story = (size_t)id < s->cache.cap ? s->cache.fact[id].story : 0;
    if (!story) {
      sqlite3_stmt *q;
      if (sqlite3_prepare_v2(s->db, "SELECT story_id FROM article WHERE id=?1", -1,
                             &q, NULL) == SQLITE_OK) {
        sqlite3_bind_int64(q, 1, id);
        if (sqlite3_step(q) == SQLITE_ROW) story = sqlite3_column_int64(q, 0);
        sqlite3_finalize(q);
      }
    }
    hoso__json_key(w, "story_sources");
    hoso__json_obj_begin(w);
    r = hoso__sq_story_body(s, w, story, NULL, (json_span){0, 0}, err);
    hoso__json_obj_end(w);
  }
  hoso__json_obj_end(w);
  return r;
}
