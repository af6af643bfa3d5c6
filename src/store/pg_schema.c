/* pg_schema.c -- the PostgreSQL archive's schema (in the schema `hoso`)
** and its migrations. The version lives in hoso.meta; each open that may
** write brings an older archive up to HOSO_PG_SCHEMA_VERSION in one
** transaction, serialised between concurrent openers by a transaction
** advisory lock; an archive newer than this program is refused. The same
** concepts as the SQLite schema (store/sqlite_schema.c): outlets,
** stories, articles, originals, LSH bands, entities, mentions, events. */
#include <stdlib.h>
#include <string.h>

#include "store/pg_int.h"

/* Version 0 -> 1. 'vietnamese' resolves (once, when the table is made)
** through a search_path holding the extension's schema. */
static const char v1[] =
    "CREATE TABLE hoso.outlet(id bigserial PRIMARY KEY,"
    " name text NOT NULL UNIQUE);"
    "CREATE TABLE hoso.story(id bigserial PRIMARY KEY, first_article bigint,"
    " title text, earliest text, earliest_day integer, credit text,"
    " n_articles integer NOT NULL DEFAULT 0,"
    " n_outlets integer NOT NULL DEFAULT 0);"
    "CREATE TABLE hoso.article(id bigserial PRIMARY KEY,"
    " story_id bigint NOT NULL REFERENCES hoso.story(id)"
    "  DEFERRABLE INITIALLY DEFERRED,"
    " content_hash text NOT NULL UNIQUE, url text, canonical_url text UNIQUE,"
    " outlet_id bigint REFERENCES hoso.outlet(id), lang text, title text,"
    " author text, credit text, published text, published_day integer,"
    " origin text, added timestamptz NOT NULL DEFAULT now(),"
    " text text NOT NULL, record text, minhash bytea NOT NULL,"
    " tsv tsvector GENERATED ALWAYS AS ("
    "  setweight(to_tsvector('vietnamese', coalesce(title, '')), 'A')"
    "  || to_tsvector('vietnamese', text)) STORED);"
    "CREATE INDEX article_story ON hoso.article(story_id, outlet_id);"
    "CREATE INDEX article_tsv ON hoso.article USING gin(tsv);"
    "CREATE TABLE hoso.original(article_id bigint PRIMARY KEY"
    " REFERENCES hoso.article(id) ON DELETE CASCADE,"
    " encoding text NOT NULL, size bigint NOT NULL, bytes bytea NOT NULL);"
    "CREATE TABLE hoso.lsh(band bigint NOT NULL, article_id bigint NOT NULL"
    " REFERENCES hoso.article(id) ON DELETE CASCADE);"
    "CREATE INDEX lsh_band ON hoso.lsh(band);"
    "CREATE TABLE hoso.entity(id bigserial PRIMARY KEY, kind integer NOT NULL,"
    " key text NOT NULL, name text NOT NULL,"
    " mentions integer NOT NULL DEFAULT 0, UNIQUE(kind, key));"
    "CREATE TABLE hoso.mention(article_id bigint NOT NULL"
    " REFERENCES hoso.article(id) ON DELETE CASCADE,"
    " entity_id bigint NOT NULL REFERENCES hoso.entity(id),"
    " title text, start_at bigint, end_at bigint);"
    "CREATE INDEX mention_entity ON hoso.mention(entity_id, article_id);"
    "CREATE TABLE hoso.event(id bigserial PRIMARY KEY, story_id bigint NOT NULL"
    " REFERENCES hoso.story(id) DEFERRABLE INITIALLY DEFERRED,"
    " type text NOT NULL, date text, day integer, place text, summary text,"
    " key text NOT NULL, UNIQUE(story_id, key));"
    "CREATE TABLE hoso.event_source(event_id bigint NOT NULL"
    " REFERENCES hoso.event(id) ON DELETE CASCADE, article_id bigint NOT NULL"
    " REFERENCES hoso.article(id) ON DELETE CASCADE, start_at bigint,"
    " end_at bigint, PRIMARY KEY(event_id, article_id, start_at));"
    "CREATE TABLE hoso.participant(event_id bigint NOT NULL"
    " REFERENCES hoso.event(id) ON DELETE CASCADE, entity_id bigint NOT NULL"
    " REFERENCES hoso.entity(id), title text,"
    " PRIMARY KEY(event_id, entity_id));"
    "CREATE TABLE hoso.ingest_error(id bigserial PRIMARY KEY,"
    " at timestamptz NOT NULL DEFAULT now(), origin text, \"offset\" bigint,"
    " code integer, message text NOT NULL);";

/* Version 1 -> 2: date filters and timelines read by day. */
static const char v2[] =
    "CREATE INDEX article_day ON hoso.article(published_day);"
    "CREATE INDEX event_day ON hoso.event(day);";

static const char *const steps[HOSO_PG_SCHEMA_VERSION] = {v1, v2};

/* The schema version stored, or 0 when there is no hoso schema. */
static int stored_version(pg_store *s, int *v, hoso_error *err) {
  *v = 0;
  PGresult *r = hoso__pg_exec(s, "SELECT to_regclass('hoso.meta') IS NOT NULL",
                              0, NULL, err, "cannot read the archive schema");
  if (!r) return HOSO_EDB;
  int have = strcmp(PQgetvalue(r, 0, 0), "t") == 0;
  PQclear(r);
  if (!have) return HOSO_OK;
  r = hoso__pg_exec(s, "SELECT value FROM hoso.meta WHERE key='schema_version'",
                    0, NULL, err, "cannot read the archive schema");
  if (!r) return HOSO_EDB;
  if (PQntuples(r) > 0) *v = atoi(PQgetvalue(r, 0, 0));
  PQclear(r);
  return HOSO_OK;
}

static int refuse_newer(pg_store *s, int v, hoso_error *err) {
  return hoso__err(err, HOSO_EDB,
                   "the archive at %s has schema version %d, newer than this "
                   "hoso (knows up to %d): upgrade hoso",
                   s->where, v, HOSO_PG_SCHEMA_VERSION);
}

int hoso__pg_migrate(pg_store *s, hoso_error *err) {
  int v, rc = stored_version(s, &v, err);
  if (rc) return rc;
  if (v > HOSO_PG_SCHEMA_VERSION) return refuse_newer(s, v, err);
  if (v == HOSO_PG_SCHEMA_VERSION) return HOSO_OK;
  if (s->readonly)
    return hoso__err(err, HOSO_EDB,
                     v == 0 ? "no hoso archive in the database at %s "
                              "(ingest into it once to create one)"
                            : "the archive at %s needs a schema upgrade: "
                              "open it writable once (hoso ingest)",
                     s->where);
  rc = hoso__pg_cmd(s, "BEGIN", 0, NULL, err, "cannot migrate the archive");
  if (!rc)
    rc = hoso__pg_cmd(s, "SELECT pg_advisory_xact_lock(7101976)", 0, NULL, err,
                      "cannot migrate the archive");
  if (!rc)
    rc = hoso__pg_cmd(s,
                      "SELECT set_config('search_path', 'hoso, ' ||"
                      " cfgnamespace::regnamespace::text || ', public', true)"
                      " FROM pg_ts_config WHERE cfgname = 'vietnamese'",
                      0, NULL, err, "cannot find the hoso_pg extension");
  if (!rc)
    rc = hoso__pg_cmd(s,
                      "CREATE SCHEMA IF NOT EXISTS hoso;"
                      "CREATE TABLE IF NOT EXISTS hoso.meta(key text PRIMARY KEY,"
                      " value text NOT NULL)",
                      0, NULL, err, "cannot create the archive schema");
  if (!rc) rc = stored_version(s, &v, err); /* another opener may have won */
  if (!rc && v > HOSO_PG_SCHEMA_VERSION) rc = refuse_newer(s, v, err);
  for (; !rc && v < HOSO_PG_SCHEMA_VERSION; v++) {
    char ver[32];
    snprintf(ver, sizeof ver, "%d", v + 1);
    const char *p[1] = {ver};
    {
      char what[64];
      snprintf(what, sizeof what, "cannot upgrade the archive to version %d",
               v + 1);
      rc = hoso__pg_cmd(s, steps[v], 0, NULL, err, what);
    }
    if (!rc)
      rc = hoso__pg_cmd(s,
                        "INSERT INTO hoso.meta VALUES('schema_version', $1)"
                        " ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
                        1, p, err, "cannot record the schema version");
  }
  if (!rc) return hoso__pg_cmd(s, "COMMIT", 0, NULL, err,
                               "cannot migrate the archive");
  PGresult *rb = PQexec(s->conn, "ROLLBACK");
  PQclear(rb);
  return rc;
}
