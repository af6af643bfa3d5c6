/* sqlite_schema.c -- the archive's schema and its migrations. The schema
** version is PRAGMA user_version; each step upgrades by one version in
** its own transaction, so an interrupted migration is simply redone. */
#include <string.h>

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

static const char *const steps[HOSO_SCHEMA_VERSION] = {v1, v2, v3};

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
    if (!rc) rc = hoso__sq_exec(s, steps[v], err);
    if (!rc) rc = hoso__sq_exec(s, ver, err);
    if (!rc) rc = hoso__sq_exec(s, "COMMIT", err);
    if (rc) {
      sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
      return rc;
    }
  }
  return HOSO_OK;
}
