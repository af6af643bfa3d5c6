/* sqlite_facets.c -- a search's "facets" object on SQLite: written from
** the facet cache when the match set was counted before, else counted
** (outlets and years: sqlite_facets_story.c; people, organisations and
** event types: sqlite_facets_mem.c from the in-memory indexes, or
** sqlite_facets_sql.c through the tables) and kept. Owns the handle's
** facet cache (s->fcache, sqlite_facets_cache.h). */
#include <stdlib.h>

#include "store/sqlite_search_int.h"

/* Counted from the in-memory indexes (or with nothing to count): the
** bytes facets_count wrote are those of every later count of the same
** hits, and may be kept (facets). */
static int facets_count(sq_store *s, hoso_json *w, grouping *g, const sq_hits *h,
                        int *from_memory, hoso_error *err) {
  *from_memory = 0;
  hoso__json_obj_begin(w);
  int rc = hoso__sq_facets_story(s, w, g, h, err);
  if (rc) return rc;
  /* people, organisations, event types: from the in-memory mention index
  ** when it is current (it knows whether there are any); else through the
  ** tables, when any. A one-off search (the command line) counts through
  ** SQL; a handle that serves many (the server) loads the index once. */
  sqlite3_stmt *st;
  int ok = 0, have = 0;
  rc = hoso__sq_ment_load(s, 0, &ok, err);
  if (!rc && ok) {
    have = s->ment.have;
  } else if (!rc) {
    if (sqlite3_prepare_v2(s->db,
                           "SELECT EXISTS(SELECT 1 FROM mention) OR"
                           " EXISTS(SELECT 1 FROM event_source)",
                           -1, &st, NULL) == SQLITE_OK) {
      if (sqlite3_step(st) == SQLITE_ROW) have = sqlite3_column_int(st, 0);
      sqlite3_finalize(st);
    }
    if (have) rc = hoso__sq_ment_load(s, s->facet_searches > 0, &ok, err);
  }
  s->facet_searches++;
  *from_memory = !rc && (!have || ok);
  if (have && ok && !rc) {
    rc = hoso__sq_facets_mem(s, w, h, err);
  } else if (have && !rc) {
    rc = hoso__sq_facets_sql(s, w, h, err);
  } else if (!rc) {
    static const char *const empty[] = {"people", "orgs", "event_types"};
    for (int i = 0; i < 3; i++) {
      hoso__json_key(w, empty[i]);
      hoso__json_arr_begin(w);
      hoso__json_arr_end(w);
    }
  }
  hoso__json_obj_end(w);
  return rc;
}

void hoso__sq_fcache_enable(sq_store *s, int on) {
  hoso__sq_fcache_free(s->fcache);
  s->fcache = NULL;
  s->fcache_state = on ? 0 : -1;
}

/* The handle's facet cache, made on first use (SQ_FCACHE_BYTES, or
** $HOSO_FACET_CACHE_MB megabytes: 0 turns it off), emptied when the
** archive changed since the last search; NULL when off or without
** memory for it (facets are then counted every time). */
static int fcache_sync(sq_store *s, sq_fcache **out, hoso_error *err) {
  *out = NULL;
  if (s->fcache_state < 0) return HOSO_OK;
  if (!s->fcache_state) {
    size_t bytes = SQ_FCACHE_BYTES;
    const char *e = getenv("HOSO_FACET_CACHE_MB");
    if (e && *e) {
      char *end;
      long long v = strtoll(e, &end, 10);
      if (*end || v < 0 || v > 4096)
        return hoso__err(err, HOSO_EARG,
                         "HOSO_FACET_CACHE_MB='%s': want megabytes from 0 to 4096", e);
      bytes = (size_t)v << 20;
    }
    s->fcache_state = -1;
    if (!bytes || hoso__sq_fcache_new(bytes, &s->fcache)) return HOSO_OK;
    s->fcache_state = 1;
  }
  int64_t v, c;
  int r = hoso__sq_db_state(s, &v, &c, err);
  if (r) return r;
  hoso__sq_fcache_sync(s->fcache, v, c);
  *out = s->fcache;
  return HOSO_OK;
}

/* "facets": {...}, the object kept per match set (sqlite_facets_cache.h):
** written from the cache when these hits were counted before, else
** counted and kept. The key's mode says how stories were counted (by
** story, or per article: g NULL). */
int hoso__sq_facets(sq_store *s, hoso_json *w, grouping *g, const sq_hits *h,
                    hoso_error *err) {
  hoso__json_key(w, "facets");
  sq_fcache *fc = NULL;
  unsigned mode = g ? 0 : 1;
  if (h->n >= SQ_FCACHE_MIN_HITS) {
    int r = fcache_sync(s, &fc, err);
    if (r) return r;
  }
  if (fc) {
    size_t len;
    const char *kept = hoso__sq_fcache_get(fc, mode, h->ids, h->n, &len);
    if (kept) {
      hoso__json_raw(w, kept, len);
      return HOSO_OK;
    }
  }
  size_t at = w->out->n;
  int from_memory;
  int rc = facets_count(s, w, g, h, &from_memory, err);
  if (!rc && !w->rc && fc && from_memory &&
      hoso__sq_fcache_put(fc, mode, h->ids, h->n, w->out->p + at, w->out->n - at))
    rc = hoso__err(err, HOSO_ENOMEM, "out of memory");
  return rc;
}
