/* sqlite_schema.c -- the archive's schema and its migrations. The schema
** version is PRAGMA user_version; each step upgrades by one version in
** its own transaction, so an interrupted migration is simply redone. */
#include <stdlib.h>
#include <string.h>

#include "store/minhash.h"
#include "store/sqlite_int.h"

/* Version 0 -> 1: the first schema. */
static const char v1[] =
    "CREATE TABLE outlet(id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);"
    "CREATE TABLE story(id INTEGER PRIMARY KEY, first_article INTEGER,"
    " title TEXT, earliest TEXT, earliest_day INTEGER, credit TEXT,"
    " n_articles INTEGER NOT NULL DEFAULT 0,"
    " n_outlets INTEGER NOT NULL DEFAULT 0);"
    "CREATE TABLE article(id INTEGER PRIMARY KEY,"
    " story_id INTEGER NOT NULL REFERENCES story(id),"
    " content_hash TEXT NOT NULL UNIQUE, url TEXT, canonical_url TEXT UNIQUE,"
    " outlet_id INTEGER REFERENCES outlet(id), lang TEXT, title TEXT,"
    " author TEXT, credit TEXT, published TEXT, published_day INTEGER,"
    " origin TEXT, added TEXT NOT NULL, text TEXT NOT NULL, record TEXT,"
    " minhash BLOB NOT NULL);"
    "CREATE INDEX article_story ON article(story_id, outlet_id);"
    "CREATE TABLE original(article_id INTEGER PRIMARY KEY"
    " REFERENCES article(id) ON DELETE CASCADE, encoding TEXT NOT NULL,"
    " size INTEGER NOT NULL, bytes BLOB NOT NULL);"
    "CREATE TABLE lsh(band INTEGER NOT NULL, article_id INTEGER NOT NULL"
    " REFERENCES article(id) ON DELETE CASCADE);"
    "CREATE INDEX lsh_band ON lsh(band);"
    "CREATE TABLE entity(id INTEGER PRIMARY KEY, kind INTEGER NOT NULL,"
    " key TEXT NOT NULL, name TEXT NOT NULL,"
    " mentions INTEGER NOT NULL DEFAULT 0, UNIQUE(kind, key));"
    "CREATE TABLE mention(article_id INTEGER NOT NULL REFERENCES article(id)"
    " ON DELETE CASCADE, entity_id INTEGER NOT NULL REFERENCES entity(id),"
    " title TEXT, start INTEGER, end INTEGER);"
    "CREATE INDEX entity_key ON entity(key);"
    "CREATE INDEX mention_entity ON mention(entity_id, article_id);"
    "CREATE INDEX mention_article ON mention(article_id);"
    "CREATE TABLE event(id INTEGER PRIMARY KEY, story_id INTEGER NOT NULL"
    " REFERENCES story(id), type TEXT NOT NULL, date TEXT, day INTEGER,"
    " place TEXT, summary TEXT, key TEXT NOT NULL);"
    "CREATE INDEX event_story ON event(story_id, key);"
    "CREATE INDEX event_day ON event(day);"
    "CREATE TABLE event_source(event_id INTEGER NOT NULL REFERENCES event(id)"
    " ON DELETE CASCADE, article_id INTEGER NOT NULL REFERENCES article(id)"
    " ON DELETE CASCADE, start INTEGER, end INTEGER,"
    " PRIMARY KEY(event_id, article_id, start));"
    "CREATE TABLE participant(event_id INTEGER NOT NULL REFERENCES event(id)"
    " ON DELETE CASCADE, entity_id INTEGER NOT NULL REFERENCES entity(id),"
    " title TEXT, PRIMARY KEY(event_id, entity_id));"
    "CREATE INDEX participant_entity ON participant(entity_id);"
    "CREATE TABLE ingest_error(id INTEGER PRIMARY KEY, at TEXT NOT NULL,"
    " origin TEXT, offset INTEGER, code INTEGER, message TEXT NOT NULL);"
    "CREATE VIRTUAL TABLE fts USING fts5(title, body, tokenize='hoso',"
    " content='');"
    "CREATE VIRTUAL TABLE fts_vocab USING fts5vocab(fts, 'row');";

/* Version 1 -> 2: how often each spelling of a folded word occurs, so a
** query typed without diacritics ranks like its usual spelling. Archives
** made by version 1 get the table empty (filled by later ingests). */
static const char v2[] =
    "CREATE TABLE form(fold TEXT NOT NULL, exact TEXT NOT NULL,"
    " n INTEGER NOT NULL, PRIMARY KEY(fold, exact)) WITHOUT ROWID;";

/* Version 2 -> 3, for ingest and search speed:
** - input: keys of the documents already stored (hashes of a document's
**   bytes and of its canonical URL, made by ingest), so a rerun skips them
**   before extraction and analysis. Archives made by version 2 start it
**   empty: their documents are recognised after analysis, as before, and
**   recorded then.
** - lsh keyed by (band, article) WITHOUT ROWID: one B-tree instead of a
**   table and an index (same rows, same order per band).
** - article_facts: a covering index of the per-article facts the search
**   caches, so loading them does not read every article's text. */
static const char v3[] =
    "CREATE TABLE input(key INTEGER PRIMARY KEY, article_id INTEGER NOT NULL);"
    "CREATE TABLE lsh_v3(band INTEGER NOT NULL, article_id INTEGER NOT NULL"
    " REFERENCES article(id) ON DELETE CASCADE, PRIMARY KEY(band, article_id))"
    " WITHOUT ROWID;"
    "INSERT OR IGNORE INTO lsh_v3(band, article_id)"
    " SELECT band, article_id FROM lsh ORDER BY band, article_id;"
    "DROP TABLE lsh;"
    "ALTER TABLE lsh_v3 RENAME TO lsh;"
    "CREATE INDEX article_facts ON article(id, story_id, published_day,"
    " outlet_id, lang);";

/* Version 3 -> 4: the search index holds one term per word, "fold\x1F"
** or "fold\x1Fexact" (search/words.h), instead of the fold form and,
** colocated, the exact form. The terms cannot be derived from the old
** index alone (its instances do not say which of two colocated terms is
** the fold form), so every article's stored title and text are segmented
** and indexed again, as an ingest would (src/vi's segmenter when its
** models load, else syllables, as ingest falls back). */
static const char v4_sql[] =
    "DROP TABLE fts;"
    "CREATE VIRTUAL TABLE fts USING fts5(title, body, tokenize='hoso',"
    " content='');";

static int v4_reindex(sq_store *s, hoso_error *err) {
  int rc = hoso__sq_exec(s, v4_sql, err);
  if (rc) return rc;
  sqlite3_stmt *any;
  int r = sqlite3_prepare_v2(s->db, "SELECT 1 FROM article LIMIT 1", -1, &any, NULL);
  if (r != SQLITE_OK) return hoso__sq_err(s, err, r, "cannot re-index the archive");
  r = sqlite3_step(any);
  sqlite3_finalize(any);
  if (r == SQLITE_DONE) return HOSO_OK; /* a new archive: nothing to index */
  if (r != SQLITE_ROW) return hoso__sq_err(s, err, r, "cannot re-index the archive");
  hoso_vi *vi = NULL;
  if (hoso_vi_open(NULL, 0, &vi, NULL) != HOSO_OK) vi = NULL;
  hoso_words *w = NULL;
  hoso_buf title, body;
  hoso__buf_init(&title, 0);
  hoso__buf_init(&body, 0);
  sqlite3_stmt *rd = NULL, *wr = NULL;
  if (hoso__words_new(&w) || (vi && hoso__words_use_segmenter(w, vi))) {
    rc = hoso__err(err, HOSO_ENOMEM, "out of memory re-indexing the archive");
    goto done;
  }
  r = sqlite3_prepare_v2(s->db, "SELECT id, title, text FROM article ORDER BY id",
                             -1, &rd, NULL);
  if (r == SQLITE_OK)
    r = sqlite3_prepare_v2(s->db, "INSERT INTO fts(rowid, title, body) VALUES(?1, ?2, ?3)",
                           -1, &wr, NULL);
  if (r != SQLITE_OK) {
    rc = hoso__sq_err(s, err, r, "cannot re-index the archive");
    goto done;
  }
  while (!rc && (r = sqlite3_step(rd)) == SQLITE_ROW) {
    const char *t = (const char *)sqlite3_column_text(rd, 1);
    size_t tn = (size_t)sqlite3_column_bytes(rd, 1);
    const char *x = (const char *)sqlite3_column_text(rd, 2);
    size_t xn = (size_t)sqlite3_column_bytes(rd, 2);
    hoso__buf_reset(&title);
    hoso__buf_reset(&body);
    if ((t && hoso__words_stream(w, t, tn, &title)) ||
        hoso__words_stream(w, x ? x : "", x ? xn : 0, &body)) {
      rc = hoso__err(err, HOSO_ENOMEM, "out of memory re-indexing the archive");
      break;
    }
    sqlite3_bind_int64(wr, 1, sqlite3_column_int64(rd, 0));
    if (t) sqlite3_bind_text(wr, 2, title.p, (int)title.n, SQLITE_STATIC);
    else sqlite3_bind_null(wr, 2);
    sqlite3_bind_text(wr, 3, body.p, (int)body.n, SQLITE_STATIC);
    r = sqlite3_step(wr);
    sqlite3_reset(wr);
    if (r != SQLITE_DONE) rc = hoso__sq_err(s, err, r, "cannot re-index the archive");
  }
  if (!rc && r != SQLITE_DONE) rc = hoso__sq_err(s, err, r, "cannot re-index the archive");
done:
  sqlite3_finalize(rd);
  sqlite3_finalize(wr);
  hoso__buf_free(&title);
  hoso__buf_free(&body);
  hoso__words_free(w);
  hoso_vi_close(vi);
  return rc;
}

/* Version 4 -> 5, for ingest speed: lsh holds one row per article with
** its 16 band values (sqlite_lsh.c: the writer looks them up in memory)
** instead of a row per band; made from the stored signatures. */
static const char v5_sql[] =
    "DROP TABLE lsh;"
    "CREATE TABLE lsh(article_id INTEGER PRIMARY KEY REFERENCES article(id)"
    " ON DELETE CASCADE, bands BLOB NOT NULL);";

static int v5_lsh(sq_store *s, hoso_error *err) {
  int rc = hoso__sq_exec(s, v5_sql, err);
  if (rc) return rc;
  sqlite3_stmt *rd = NULL, *wr = NULL;
  int r = sqlite3_prepare_v2(s->db, "SELECT id, minhash FROM article ORDER BY id", -1, &rd,
                             NULL);
  if (r == SQLITE_OK)
    r = sqlite3_prepare_v2(s->db, "INSERT INTO lsh(article_id, bands) VALUES(?1, ?2)", -1,
                           &wr, NULL);
  while (r == SQLITE_OK && (r = sqlite3_step(rd)) == SQLITE_ROW) {
    r = SQLITE_OK;
    if (sqlite3_column_bytes(rd, 1) != (int)(HOSO_MINHASH_N * sizeof(uint32_t))) continue;
    uint32_t sig[HOSO_MINHASH_N];
    int64_t bands[HOSO_LSH_BANDS];
    unsigned char blob[HOSO_LSH_BANDS * 8];
    memcpy(sig, sqlite3_column_blob(rd, 1), sizeof(sig));
    hoso__minhash_bands(sig, bands);
    hoso__sq_lsh_encode(bands, blob);
    sqlite3_bind_int64(wr, 1, sqlite3_column_int64(rd, 0));
    sqlite3_bind_blob(wr, 2, blob, (int)sizeof(blob), SQLITE_STATIC);
    r = sqlite3_step(wr);
    sqlite3_reset(wr);
    if (r == SQLITE_DONE) r = SQLITE_OK;
  }
  if (r != SQLITE_DONE) rc = hoso__sq_err(s, err, r, "cannot rebuild the near-duplicate bands");
  sqlite3_finalize(rd);
  sqlite3_finalize(wr);
  return rc;
}

/* Version 5 -> 6: the content hash and the MinHash signature are of the
** text's syllables (hoso__text_keys), no longer of its segmented words,
** which changed with every retrained segmentation model (a rerun after a
** model update stored documents again). Every stored text is read again,
** REHASH_CHUNK articles at a time: their ids, hashes and signatures are
** collected (no statement reads the table while it is updated), then
** written, with each article's LSH row. Memory is bounded by the chunk and
** one text; the step is one transaction, so a killed upgrade changes
** nothing and the next open redoes it. Stories stay as they were grouped.
** Two stored articles whose texts differ only in what the new hash ignores
** (word boundaries of the old model) keep both rows: the later one keeps
** its old hash (UPDATE OR IGNORE on the UNIQUE column), and gets its new
** signature. */
#define REHASH_CHUNK 512

typedef struct rehash_row {
  int64_t id;
  char hash[33];
  uint32_t sig[HOSO_MINHASH_N];
} rehash_row;

enum { RH_READ, RH_BOTH, RH_SIG, RH_LSH, RH_N };

static int v6_rehash(sq_store *s, hoso_error *err) {
  static const char what[] = "cannot re-hash the stored articles";
  static const char *const sql[RH_N] = {
      [RH_READ] = "SELECT id, text FROM article WHERE id > ?1 ORDER BY id LIMIT ?2",
      [RH_BOTH] = "UPDATE OR IGNORE article SET content_hash=?2, minhash=?3 WHERE id=?1",
      [RH_SIG] = "UPDATE article SET minhash=?3 WHERE id=?1",
      [RH_LSH] = "INSERT OR REPLACE INTO lsh(article_id, bands) VALUES(?1, ?4)",
  };
  hoso_words *w = NULL;
  sqlite3_stmt *st[RH_N] = {0};
  rehash_row *rows = malloc(REHASH_CHUNK * sizeof(*rows));
  int rc = HOSO_OK, r = SQLITE_OK;
  if (!rows || hoso__words_new(&w)) {
    rc = hoso__err(err, HOSO_ENOMEM, "out of memory re-hashing the archive");
    goto done;
  }
  for (int k = 0; k < RH_N && r == SQLITE_OK; k++)
    r = sqlite3_prepare_v2(s->db, sql[k], -1, &st[k], NULL);
  if (r != SQLITE_OK) {
    rc = hoso__sq_err(s, err, r, what);
    goto done;
  }
  sqlite3_stmt *rd = st[RH_READ];
  int64_t last = INT64_MIN;
  for (;;) {
    size_t n = 0;
    sqlite3_bind_int64(rd, 1, last);
    sqlite3_bind_int(rd, 2, REHASH_CHUNK);
    while ((r = sqlite3_step(rd)) == SQLITE_ROW) {
      const char *x = (const char *)sqlite3_column_text(rd, 1);
      size_t xn = (size_t)sqlite3_column_bytes(rd, 1);
      rows[n].id = sqlite3_column_int64(rd, 0);
      if (hoso__text_keys(w, x ? x : "", x ? xn : 0, rows[n].hash, rows[n].sig, NULL)) {
        rc = hoso__err(err, HOSO_ENOMEM, "out of memory re-hashing the archive");
        break;
      }
      n++;
    }
    sqlite3_reset(rd);
    if (rc) break;
    if (r != SQLITE_DONE) {
      rc = hoso__sq_err(s, err, r, what);
      break;
    }
    for (size_t i = 0; i < n && !rc; i++) {
      int64_t bands[HOSO_LSH_BANDS];
      unsigned char blob[HOSO_LSH_BANDS * 8];
      hoso__minhash_bands(rows[i].sig, bands);
      hoso__sq_lsh_encode(bands, blob);
      for (int k = RH_BOTH; k < RH_N && !rc; k++) {
        if (k == RH_SIG && sqlite3_changes(s->db) > 0) continue; /* RH_BOTH did it */
        sqlite3_stmt *u = st[k];
        sqlite3_bind_int64(u, 1, rows[i].id);
        if (k == RH_BOTH) sqlite3_bind_text(u, 2, rows[i].hash, 32, SQLITE_STATIC);
        if (k != RH_LSH)
          sqlite3_bind_blob(u, 3, rows[i].sig, (int)sizeof(rows[i].sig), SQLITE_STATIC);
        else
          sqlite3_bind_blob(u, 4, blob, (int)sizeof(blob), SQLITE_STATIC);
        r = sqlite3_step(u);
        sqlite3_reset(u);
        if (r != SQLITE_DONE) rc = hoso__sq_err(s, err, r, what);
      }
    }
    if (rc || n < REHASH_CHUNK) break;
    last = rows[n - 1].id;
  }
done:
  for (int k = 0; k < RH_N; k++) sqlite3_finalize(st[k]);
  hoso__words_free(w);
  free(rows);
  return rc;
}

/* NULL: a step done in C (v4_reindex, v5_lsh, v6_rehash). */
static const char *const steps[HOSO_SCHEMA_VERSION] = {v1, v2, v3, NULL, NULL, NULL};

static int user_version(sq_store *s, int *v, hoso_error *err) {
  sqlite3_stmt *st;
  int rc = sqlite3_prepare_v2(s->db, "PRAGMA user_version", -1, &st, NULL);
  if (rc != SQLITE_OK) return hoso__sq_err(s, err, rc, "cannot open the archive");
  rc = sqlite3_step(st);
  *v = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
  rc = sqlite3_finalize(st);
  if (rc != SQLITE_OK) return hoso__sq_err(s, err, rc, "cannot open the archive");
  return HOSO_OK;
}

int hoso__sq_migrate(sq_store *s, hoso_error *err) {
  int v = 0;
  int rc = user_version(s, &v, err);
  if (rc) return rc;
  if (v > HOSO_SCHEMA_VERSION) {
    hoso__err_file(err, s->path);
    return hoso__err(err, HOSO_EDB,
                     "archive schema version %d is newer than this hoso "
                     "(knows up to %d): upgrade hoso",
                     v, HOSO_SCHEMA_VERSION);
  }
  if (v == HOSO_SCHEMA_VERSION) return HOSO_OK;
  if (s->readonly) {
    hoso__err_file(err, s->path);
    if (v == 0)
      return hoso__err(err, HOSO_EDB, "not a hoso archive (empty or foreign database)");
    return hoso__err(err, HOSO_EDB,
                     "archive schema %d needs an upgrade to %d: run 'hoso stats "
                     "--check --db %s' once (or ingest into it) where the file "
                     "is writable",
                     v, HOSO_SCHEMA_VERSION, s->path);
  }
  if (v == 0) {
    /* a non-empty database that is not ours must not be touched */
    sqlite3_stmt *st;
    int r = sqlite3_prepare_v2(s->db, "SELECT count(*) FROM sqlite_master", -1,
                               &st, NULL);
    if (r != SQLITE_OK) return hoso__sq_err(s, err, r, "cannot read the file");
    int n = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
    sqlite3_finalize(st);
    if (n > 0) {
      hoso__err_file(err, s->path);
      return hoso__err(err, HOSO_EDB,
                       "this SQLite file is not a hoso archive; not touching it");
    }
  }
  for (; v < HOSO_SCHEMA_VERSION; v++) {
    char ver[64];
    snprintf(ver, sizeof(ver), "PRAGMA user_version=%d", v + 1);
    rc = hoso__sq_exec(s, "BEGIN IMMEDIATE", err);
    if (!rc)
      rc = steps[v] ? hoso__sq_exec(s, steps[v], err)
           : v == 3 ? v4_reindex(s, err)
           : v == 4 ? v5_lsh(s, err)
                    : v6_rehash(s, err);
    if (!rc) rc = hoso__sq_exec(s, ver, err);
    if (!rc) rc = hoso__sq_exec(s, "COMMIT", err);
    if (rc) {
      sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
      return rc;
    }
  }
  return HOSO_OK;
}
