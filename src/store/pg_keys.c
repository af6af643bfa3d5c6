/* pg_keys.c -- an article's new outlet name and entity keys, committed at
** once on a second connection of the writer, before the batch's call of
** hoso.put_article (pg_put.c) needs them.
**
** Why: a batch is one transaction. When hoso.put_article inserts a new
** outlet or entity key, the unique index entry stays uncommitted until
** the batch commits, and another writer inserting the same key waits
** for that whole batch (PostgreSQL waits on the first writer's
** transaction id before it can decide the conflict). Two ingest
** processes storing one outlet's articles then ran one after the other:
** bench/pg/waits.sh (2,000 VNTC articles, 2 processes, one server)
** sampled a writer waiting on `transactionid ShareLock` in put_article in
** 32-35 % of all writer samples, the log naming the outlet's index. Here
** the key is inserted in a transaction of its own (a few microseconds
** long), so a second writer waits for that at most, and put_article then
** finds the key committed and only reads it.
**
** Same keys, same ids: the statement inserts only keys not already
** stored, and draws their ids in the order put_article would (the
** outlet; the mentions' keys in order, then the events' participants),
** so one writer gets the same dense ids in first-seen order as before.
** The rows themselves go in in (kind, key) order, the same in every
** writer: two writers' statements inserting the same new keys then wait
** for each other at most once, never in a cycle (in first-seen order,
** articles naming two new entities in opposite orders deadlocked, and one
** writer's keys fell back to put_article, inside its batch; session 13).
** put_article keeps its own
** "insert unless there", so nothing depends on this step: when the
** second connection cannot be opened or its statement fails, the writer
** goes on without it (the waits come back, nothing is lost) -- the
** failure is not an error of the ingest. Trade-off, said in README: a
** batch rolled back for good (a killed ingest never rerun) may leave
** the outlet names and entity keys it introduced, with 0 mentions; name
** suggestions skip those, and stats counts only the keys in use
** (pg_views.c).
**
** Commits here need no flush to disk (synchronous_commit off on this
** connection): a key lost in a server crash is inserted again by
** put_article, inside its batch.
**
** Ownership: the pg_keys of a pg_store owns its connection, the copy of
** the connection string and the names of the outlets known stored. */
#include <stdlib.h>
#include <string.h>

#include "store/pg_int.h"

/* Outlet names kept as known stored; past that, every article with an
** outlet asks the server (one index probe). */
#define PG_KEYS_OUTLETS 64

#define KEYS_SQL                                                             \
  "WITH o AS (INSERT INTO hoso.outlet(name) SELECT $1::text"                 \
  " WHERE $1::text <> '' AND NOT EXISTS (SELECT 1 FROM hoso.outlet"          \
  " WHERE name = $1::text) ON CONFLICT (name) DO NOTHING RETURNING 1),"      \
  " k AS (SELECT DISTINCT ON (kind, key) kind, key, name, ord FROM ("        \
  " SELECT (x->>'k')::int AS kind, x->>'y' AS key, x->>'n' AS name,"         \
  " ARRAY[0, i, 0] AS ord FROM jsonb_array_elements($2::jsonb)"              \
  " WITH ORDINALITY a(x, i) UNION ALL"                                       \
  " SELECT (p->>'k')::int, p->>'y', p->>'n', ARRAY[1, i, j]"                 \
  " FROM jsonb_array_elements($3::jsonb) WITH ORDINALITY e(ev, i),"          \
  " jsonb_array_elements(ev->'pa') WITH ORDINALITY q(p, j)) u"               \
  " ORDER BY kind, key, ord),"                                               \
  " n AS (SELECT kind, key, name, nextval('hoso.entity_id_seq') AS id"       \
  " FROM (SELECT * FROM k WHERE NOT EXISTS (SELECT 1 FROM hoso.entity e"     \
  " WHERE e.kind = k.kind AND e.key = k.key) ORDER BY ord) f)"               \
  " INSERT INTO hoso.entity(id, kind, key, name, mentions)"                  \
  " SELECT id, kind, key, name, 0 FROM n ORDER BY kind, key"                 \
  " ON CONFLICT (kind, key) DO NOTHING"

int hoso__pg_keys_init(pg_keys *k, const char *conninfo) {
  memset(k, 0, sizeof *k);
  hoso__buf_init(&k->outlets, 0);
  k->conninfo = strdup(conninfo);
  return k->conninfo ? HOSO_OK : HOSO_ENOMEM;
}

void hoso__pg_keys_free(pg_keys *k) {
  if (k->conn) PQfinish(k->conn);
  k->conn = NULL;
  free(k->conninfo);
  k->conninfo = NULL;
  hoso__buf_free(&k->outlets);
}

/* Stop using the second connection for this session. */
static void give_up(pg_keys *k) {
  if (k->conn) PQfinish(k->conn);
  k->conn = NULL;
  k->off = 1;
}

static int known_outlet(const pg_keys *k, const char *name) {
  for (size_t at = 0; at < k->outlets.n; at += strlen(k->outlets.p + at) + 1)
    if (!strcmp(k->outlets.p + at, name)) return 1;
  return 0;
}

static int ok(PGresult *r) {
  int good = r && (PQresultStatus(r) == PGRES_COMMAND_OK ||
                   PQresultStatus(r) == PGRES_TUPLES_OK);
  PQclear(r);
  return good;
}

/* Open the connection and prepare the statement; 0 when ready. */
static int open_keys(pg_keys *k) {
  k->conn = PQconnectdb(k->conninfo);
  if (!k->conn || PQstatus(k->conn) != CONNECTION_OK ||
      PQsetClientEncoding(k->conn, "UTF8") != 0 ||
      !ok(PQexec(k->conn, "SET synchronous_commit = off;"
                          " SET application_name = 'hoso-keys';"
                          " SET client_min_messages = warning")) ||
      !ok(PQprepare(k->conn, "hoso_keys", KEYS_SQL, 3, NULL)))
    return -1;
  return 0;
}

void hoso__pg_keys_put(pg_keys *k, const char *outlet, int has_entities,
                       const char *ents_json, const char *events_json) {
  if (k->off) return;
  int new_outlet = outlet && *outlet && !known_outlet(k, outlet);
  if (!new_outlet && !has_entities) return;
  if (!k->conn && open_keys(k)) {
    give_up(k);
    return;
  }
  const char *p[3] = {outlet ? outlet : "", ents_json, events_json};
  if (!ok(PQexecPrepared(k->conn, "hoso_keys", 3, p, NULL, NULL, 0))) {
    /* a lost connection: stop using it; any other failure (two writers'
    ** statements inserting the same new keys in opposite orders deadlock,
    ** and one fails) leaves this article's keys to put_article */
    if (PQstatus(k->conn) != CONNECTION_OK) give_up(k);
    return;
  }
  /* committed now (stored by this call or by an earlier writer) */
  if (new_outlet && k->n_outlets < PG_KEYS_OUTLETS &&
      !hoso__buf_add(&k->outlets, outlet, strlen(outlet) + 1))
    k->n_outlets++;
}
