/* sqlite_put.c -- storing articles: dedupe, story assignment (MinHash
** LSH), originals (zlib), search index, entities, events, errors. */
#include <stdlib.h>
#include <string.h>

#include "store/minhash.h"
#include "store/sqlite_int.h"
#include "text/text.h"

#define STEP_DONE(rc) ((rc) == SQLITE_DONE || (rc) == SQLITE_ROW)

static int run(sq_store *s, sqlite3_stmt *st, const char *what, hoso_error *err);

static int lookup2(sq_store *s, int id, const char *key, int64_t *a,
                   int64_t *b, int *found, hoso_error *err) {
  *found = 0;
  if (!key) return HOSO_OK;
  sqlite3_stmt *st = hoso__sq_stmt(s, id, err);
  if (!st) return HOSO_EDB;
  hoso__sq_bind_text(st, 1, key);
  int rc = sqlite3_step(st);
  if (rc == SQLITE_ROW) {
    *found = 1;
    if (a) *a = sqlite3_column_int64(st, 0);
    if (b) *b = sqlite3_column_int64(st, 1);
  }
  sqlite3_reset(st);
  if (!STEP_DONE(rc)) return hoso__sq_err(s, err, rc, "cannot look up article");
  return HOSO_OK;
}

int hoso__sq_input_keys(hoso_store *st, int (*fn)(void *ctx, uint64_t key),
                        void *ctx, hoso_error *err) {
  sq_store *s = (sq_store *)st;
  sqlite3_stmt *q;
  int rc = sqlite3_prepare_v2(s->db, "SELECT key FROM input", -1, &q, NULL);
  if (rc != SQLITE_OK) return hoso__sq_err(s, err, rc, "cannot read stored inputs");
  int r = HOSO_OK;
  while (!r && (rc = sqlite3_step(q)) == SQLITE_ROW)
    r = fn(ctx, (uint64_t)sqlite3_column_int64(q, 0));
  if (!r && rc != SQLITE_DONE) r = hoso__sq_err(s, err, rc, "cannot read stored inputs");
  sqlite3_finalize(q);
  return r;
}

/* Record the document's input keys for the stored article id. */
static int put_inputs(sq_store *s, const hoso_store_article *a, int64_t id,
                      hoso_error *err) {
  for (size_t i = 0; i < a->n_input_keys; i++) {
    sqlite3_stmt *st = hoso__sq_stmt(s, SQ_INPUT_ADD, err);
    if (!st) return HOSO_EDB;
    sqlite3_bind_int64(st, 1, (int64_t)a->input_keys[i]);
    sqlite3_bind_int64(st, 2, id);
    int rc = run(s, st, "cannot record the input", err);
    if (rc) return rc;
  }
  return HOSO_OK;
}

int hoso__sq_has_article(hoso_store *st, const char *hash, const char *url,
                         int *found, hoso_error *err) {
  sq_store *s = (sq_store *)st;
  int rc = lookup2(s, SQ_HAS_HASH, hash, NULL, NULL, found, err);
  if (!rc && !*found) rc = lookup2(s, SQ_HAS_URL, url, NULL, NULL, found, err);
  return rc;
}

static int run(sq_store *s, sqlite3_stmt *st, const char *what,
               hoso_error *err) {
  int rc = sqlite3_step(st);
  sqlite3_reset(st);
  if (!STEP_DONE(rc)) return hoso__sq_err(s, err, rc, what);
  return HOSO_OK;
}

/* The story of the most similar stored article, if similar enough. */
static int find_story(sq_store *s, const uint32_t *sig, const int64_t *bands,
                      int64_t *story, hoso_error *err) {
  double best = 0;
  *story = 0;
  int64_t seen[HOSO_LSH_BANDS * 64];
  size_t n_seen = 0;
  int r = hoso__sq_lsh_find(s, bands, seen, sizeof(seen) / sizeof(seen[0]), &n_seen, err);
  if (r) return r;
  for (size_t k = 0; k < n_seen; k++) {
    sqlite3_stmt *st = hoso__sq_stmt(s, SQ_ART_SIG, err);
    if (!st) return HOSO_EDB;
    sqlite3_bind_int64(st, 1, seen[k]);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW &&
        sqlite3_column_bytes(st, 0) == (int)(HOSO_MINHASH_N * sizeof(uint32_t))) {
      uint32_t other[HOSO_MINHASH_N];
      memcpy(other, sqlite3_column_blob(st, 0), sizeof(other));
      double sim = hoso__minhash_sim(sig, other);
      if (sim >= HOSO_DUP_JACCARD && sim > best) {
        best = sim;
        *story = sqlite3_column_int64(st, 1);
      }
    }
    sqlite3_reset(st);
    if (!STEP_DONE(rc)) return hoso__sq_err(s, err, rc, "cannot read duplicates");
  }
  return HOSO_OK;
}

static int outlet_id(sq_store *s, const char *name, int64_t *id,
                     hoso_error *err) {
  *id = 0;
  if (!name || !*name) return HOSO_OK;
  /* known outlets (nearly every article's) cost one lookup */
  int found;
  int rc = lookup2(s, SQ_OUTLET_GET, name, id, NULL, &found, err);
  if (rc || found) return rc;
  sqlite3_stmt *st = hoso__sq_stmt(s, SQ_OUTLET_ADD, err);
  if (!st) return HOSO_EDB;
  hoso__sq_bind_text(st, 1, name);
  rc = run(s, st, "cannot store outlet", err);
  if (rc) return rc;
  return lookup2(s, SQ_OUTLET_GET, name, id, NULL, &found, err);
}

static int entity_id(sq_store *s, int kind, const char *name, int64_t *id,
                     hoso_error *err) {
  hoso_buf key;
  hoso__buf_init(&key, 4096);
  int rc = hoso__fold_append(&key, name, strlen(name));
  if (rc || !key.p) {
    hoso__buf_free(&key);
    return hoso__err(err, rc ? rc : HOSO_EARG, "bad entity name");
  }
  sqlite3_stmt *st = hoso__sq_stmt(s, SQ_ENT_ADD, err);
  if (!st) rc = HOSO_EDB;
  if (!rc) {
    sqlite3_bind_int(st, 1, kind);
    hoso__sq_bind_text(st, 2, key.p);
    hoso__sq_bind_text(st, 3, name);
    int r = sqlite3_step(st);
    *id = r == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_reset(st);
    if (!STEP_DONE(r)) rc = hoso__sq_err(s, err, r, "cannot store entity");
  }
  hoso__buf_free(&key);
  return rc;
}

static int put_events(sq_store *s, const hoso_store_article *a, int64_t art,
                      int64_t story, hoso_error *err) {
  for (size_t i = 0; i < a->n_events; i++) {
    const hoso_store_event *e = &a->events[i];
    if (!e->type) continue;
    char key[160];
    snprintf(key, sizeof(key), "%s|%s", e->type, e->date ? e->date : "");
    int64_t ev = 0;
    sqlite3_stmt *st = hoso__sq_stmt(s, SQ_EVENT_FIND, err);
    if (!st) return HOSO_EDB;
    sqlite3_bind_int64(st, 1, story);
    hoso__sq_bind_text(st, 2, key);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) ev = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    if (!STEP_DONE(rc)) return hoso__sq_err(s, err, rc, "cannot read events");
    if (!ev) {
      st = hoso__sq_stmt(s, SQ_EVENT_ADD, err);
      if (!st) return HOSO_EDB;
      int32_t day;
      sqlite3_bind_int64(st, 1, story);
      hoso__sq_bind_text(st, 2, e->type);
      hoso__sq_bind_text(st, 3, e->date);
      if (e->date && hoso__sq_parse_day(e->date, 0, &day) == 0)
        sqlite3_bind_int(st, 4, day);
      hoso__sq_bind_text(st, 5, e->place);
      hoso__sq_bind_text(st, 6, e->summary);
      hoso__sq_bind_text(st, 7, key);
      int r = run(s, st, "cannot store event", err);
      if (r) return r;
      ev = sqlite3_last_insert_rowid(s->db);
    }
    st = hoso__sq_stmt(s, SQ_EVSRC_ADD, err);
    if (!st) return HOSO_EDB;
    sqlite3_bind_int64(st, 1, ev);
    sqlite3_bind_int64(st, 2, art);
    sqlite3_bind_int64(st, 3, (int64_t)e->start);
    sqlite3_bind_int64(st, 4, (int64_t)e->end);
    int r = run(s, st, "cannot store event source", err);
    if (r) return r;
    for (size_t p = 0; p < e->n_parts; p++) {
      if (!e->parts[p].name || !*e->parts[p].name) continue;
      int64_t ent;
      r = entity_id(s, e->parts[p].kind ? e->parts[p].kind : HOSO_ENTITY_PERSON,
                    e->parts[p].name, &ent, err);
      if (r) return r;
      st = hoso__sq_stmt(s, SQ_PART_ADD, err);
      if (!st) return HOSO_EDB;
      sqlite3_bind_int64(st, 1, ev);
      sqlite3_bind_int64(st, 2, ent);
      hoso__sq_bind_text(st, 3, e->parts[p].title);
      r = run(s, st, "cannot store participant", err);
      if (r) return r;
    }
  }
  return HOSO_OK;
}

int hoso__sq_put_article(hoso_store *stp, const hoso_store_article *a,
                         hoso_store_put *out, hoso_error *err) {
  sq_store *s = (sq_store *)stp;
  memset(out, 0, sizeof(*out));
  int found;
  int rc = lookup2(s, SQ_HAS_HASH, a->content_hash, &out->article_id,
                   &out->story_id, &found, err);
  if (!rc && !found)
    rc = lookup2(s, SQ_HAS_URL, a->canonical_url, &out->article_id,
                 &out->story_id, &found, err);
  if (rc) return rc;
  if (found) {
    out->duplicate = 1;
    return put_inputs(s, a, out->article_id, err);
  }
  int64_t bands[HOSO_LSH_BANDS];
  hoso__minhash_bands(a->minhash, bands);
  int64_t story = 0, outlet = 0;
  rc = find_story(s, a->minhash, bands, &story, err);
  if (!rc) rc = outlet_id(s, a->outlet, &outlet, err);
  if (rc) return rc;
  /* the new article's id, known before its row is written, so that a new
  ** story is written whole in one statement: max(id) + 1, as SQLite
  ** assigns it (no AUTOINCREMENT), read once per transaction, in which no
  ** other writer can add articles */
  if (!s->next_article) {
    sqlite3_stmt *q = hoso__sq_stmt(s, SQ_ART_NEXT, err);
    if (!q) return HOSO_EDB;
    int r = sqlite3_step(q);
    s->next_article = r == SQLITE_ROW ? sqlite3_column_int64(q, 0) : 0;
    sqlite3_reset(q);
    if (!STEP_DONE(r)) return hoso__sq_err(s, err, r, "cannot number article");
    if (s->next_article <= 0) return hoso__err(err, HOSO_EDB, "cannot number article: no ids left");
  }
  int64_t id = s->next_article;
  if (!story) {
    sqlite3_stmt *st = hoso__sq_stmt(s, SQ_STORY_ADD, err);
    if (!st) return HOSO_EDB;
    sqlite3_bind_int64(st, 1, id);
    hoso__sq_bind_text(st, 2, a->title);
    if (a->published_day != INT64_MIN) {
      hoso__sq_bind_text(st, 3, a->published);
      sqlite3_bind_int64(st, 4, a->published_day);
    }
    hoso__sq_bind_text(st, 5, a->credit);
    sqlite3_bind_int(st, 6, outlet ? 1 : 0);
    rc = run(s, st, "cannot store story", err);
    if (rc) return rc;
    story = sqlite3_last_insert_rowid(s->db);
    out->new_story = 1;
  }
  int new_outlet = 1;
  if (!out->new_story) {
    sqlite3_stmt *st = hoso__sq_stmt(s, SQ_STORY_HAS_OUTLET, err);
    if (!st) return HOSO_EDB;
    sqlite3_bind_int64(st, 1, story);
    if (outlet) sqlite3_bind_int64(st, 2, outlet);
    int r = sqlite3_step(st);
    new_outlet = r != SQLITE_ROW;
    sqlite3_reset(st);
    if (!STEP_DONE(r)) return hoso__sq_err(s, err, r, "cannot read story");
  }
  sqlite3_stmt *st = hoso__sq_stmt(s, SQ_ART_ADD, err);
  if (!st) return HOSO_EDB;
  sqlite3_bind_int64(st, 1, story);
  hoso__sq_bind_text(st, 2, a->content_hash);
  hoso__sq_bind_text(st, 3, a->url);
  hoso__sq_bind_text(st, 4, a->canonical_url);
  if (outlet) sqlite3_bind_int64(st, 5, outlet);
  hoso__sq_bind_text(st, 6, a->lang);
  hoso__sq_bind_text(st, 7, a->title);
  hoso__sq_bind_text(st, 8, a->author);
  hoso__sq_bind_text(st, 9, a->credit);
  hoso__sq_bind_text(st, 10, a->published);
  if (a->published_day != INT64_MIN) sqlite3_bind_int64(st, 11, a->published_day);
  hoso__sq_bind_text(st, 12, a->origin);
  sqlite3_bind_text(st, 13, a->text ? a->text : "", (int)a->text_n, SQLITE_STATIC);
  hoso__sq_bind_text(st, 14, a->record_json);
  sqlite3_bind_blob(st, 15, a->minhash, (int)sizeof(a->minhash), SQLITE_STATIC);
  sqlite3_bind_int64(st, 16, id);
  rc = run(s, st, "cannot store article", err);
  if (rc) return rc;
  s->next_article++;
  out->article_id = id;
  out->story_id = story;
  rc = put_inputs(s, a, id, err);
  if (rc) return rc;

  /* the original bytes, zlib-compressed, or nothing more than the text
  ** (encoding "text"): packed by ingest's workers, else here */
  const char *enc = a->original_encoding;
  const unsigned char *packed = a->original_packed;
  size_t packed_n = a->original_packed_n;
  unsigned char *z = NULL;
  if (!enc) {
    rc = hoso__original_pack(a->original, a->original_n, a->text, a->text_n, &z, &packed_n,
                             &enc);
    if (rc)
      return hoso__err(err, rc, rc == HOSO_ENOMEM ? "out of memory compressing" : "zlib failed");
    packed = z;
  }
  st = hoso__sq_stmt(s, SQ_ORIG_ADD, err);
  if (!st) {
    free(z);
    return HOSO_EDB;
  }
  sqlite3_bind_int64(st, 1, id);
  sqlite3_bind_text(st, 2, enc, -1, SQLITE_STATIC);
  sqlite3_bind_blob(st, 3, packed ? (const void *)packed : "", (int)packed_n, SQLITE_STATIC);
  sqlite3_bind_int64(st, 4, (int64_t)a->original_n);
  rc = run(s, st, "cannot store original", err);
  sqlite3_clear_bindings(st);
  free(z);
  if (rc) return rc;

  rc = hoso__sq_lsh_add(s, id, bands, err);
  if (rc) return rc;

  double t0 = hoso__thread_cpu();
  st = hoso__sq_stmt(s, SQ_FTS_ADD, err);
  if (!st) return HOSO_EDB;
  sqlite3_bind_int64(st, 1, id);
  if (a->title_tokens)
    sqlite3_bind_text(st, 2, a->title_tokens, (int)a->title_tokens_n, SQLITE_STATIC);
  else
    hoso__sq_bind_text(st, 2, a->title);
  if (a->text_tokens)
    sqlite3_bind_text(st, 3, a->text_tokens, (int)a->text_tokens_n, SQLITE_STATIC);
  else
    sqlite3_bind_text(st, 3, a->text ? a->text : "", (int)a->text_n, SQLITE_STATIC);
  rc = run(s, st, "cannot index article", err);
  sqlite3_clear_bindings(st);
  out->index_cpu = hoso__thread_cpu() - t0;
  if (rc) return rc;

  if (!out->new_story) { /* a new story was written whole above */
    st = hoso__sq_stmt(s, SQ_STORY_UPDATE, err);
    if (!st) return HOSO_EDB;
    sqlite3_bind_int64(st, 1, story);
    sqlite3_bind_int(st, 2, new_outlet && outlet ? 1 : 0);
    if (a->published_day != INT64_MIN) sqlite3_bind_int64(st, 3, a->published_day);
    hoso__sq_bind_text(st, 4, a->published);
    sqlite3_bind_int64(st, 5, id);
    hoso__sq_bind_text(st, 6, a->credit);
    hoso__sq_bind_text(st, 7, a->title);
    rc = run(s, st, "cannot update story", err);
    if (rc) return rc;
  }

  /* spellings: one count per article that uses them, summed over the
  ** batch and written at commit (sqlite_forms.c) */
  if (a->forms && hoso__sq_forms_add_lines(&s->forms, a->forms, a->forms_n, a->forms_hash))
    rc = hoso__err(err, HOSO_ENOMEM, "out of memory counting spellings");
  for (size_t i = 0; i < a->n_entities && !rc; i++) {
    const hoso_store_entity *e = &a->entities[i];
    if (!e->name || !*e->name) continue;
    int64_t ent;
    rc = entity_id(s, e->kind, e->name, &ent, err);
    if (rc) break;
    st = hoso__sq_stmt(s, SQ_MENTION_ADD, err);
    if (!st) return HOSO_EDB;
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int64(st, 2, ent);
    hoso__sq_bind_text(st, 3, e->title);
    sqlite3_bind_int64(st, 4, (int64_t)e->start);
    sqlite3_bind_int64(st, 5, (int64_t)e->end);
    rc = run(s, st, "cannot store mention", err);
  }
  if (!rc) rc = put_events(s, a, id, story, err);
  return rc;
}

int hoso__sq_put_error(hoso_store *stp, const char *origin, int64_t offset,
                       int code, const char *message, hoso_error *err) {
  sq_store *s = (sq_store *)stp;
  sqlite3_stmt *st = hoso__sq_stmt(s, SQ_ERROR_ADD, err);
  if (!st) return HOSO_EDB;
  hoso__sq_bind_text(st, 1, origin);
  if (offset >= 0) sqlite3_bind_int64(st, 2, offset);
  sqlite3_bind_int(st, 3, code);
  hoso__sq_bind_text(st, 4, message ? message : "failed");
  return run(s, st, "cannot record the error", err);
}
