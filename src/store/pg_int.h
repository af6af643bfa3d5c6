/*
** pg_int.h -- shared internals of the PostgreSQL backend (store/pg_*.c),
** the second implementation of store.h's hoso_store_vt. Only these files
** include libpq-fe.h.
**
** An archive path "postgresql://user:pw@host:port/db" (or "postgres://")
** selects it. The database needs the hoso_pg extension (make pg-install
** on the server): the search index is to_tsvector('vietnamese', ...),
** whose terms are hoso__words_scan's, the SQLite index's.
**
** Concurrency: many ingest processes on many machines may write at once.
** Duplicates are stopped by UNIQUE constraints and INSERT ... ON CONFLICT
** (content hash, canonical URL, outlet and entity names, event keys), not
** by locks in hoso; a batch is one transaction, so a lost connection
** loses the batch whole, never half of it.
**
** Ownership: pg_store owns its connection (PQfinish in close) and its
** query-side word state.
*/
#ifndef HOSO_PG_INT_H
#define HOSO_PG_INT_H

#include <libpq-fe.h>

#include "search/words.h"
#include "store/store.h"

#define HOSO_PG_SCHEMA_VERSION 2

typedef struct pg_store {
  hoso_store base;
  PGconn *conn;
  int readonly;
  int in_tx;
  char where[256]; /* "host:port/db" for messages: never the password */
  hoso_words *words;
} pg_store;

/* Fill err with "what: <server message>" (HOSO_EDB), naming the server;
** a lost connection says so. Returns HOSO_EDB. */
int hoso__pg_err(pg_store *s, hoso_error *err, const PGresult *r,
                 const char *what);
/* Run sql with text parameters (NULL = SQL NULL). Returns the result
** (caller PQclear()s) or NULL with err filled. */
PGresult *hoso__pg_exec(pg_store *s, const char *sql, int n,
                        const char *const *params, hoso_error *err,
                        const char *what);
/* Same, for commands whose result is not needed. */
int hoso__pg_cmd(pg_store *s, const char *sql, int n,
                 const char *const *params, hoso_error *err, const char *what);
/* Create or migrate the schema (in a transaction, serialised between
** concurrent openers by a transaction advisory lock). */
int hoso__pg_migrate(pg_store *s, hoso_error *err);

int hoso__pg_put_article(hoso_store *st, const hoso_store_article *a,
                         hoso_store_put *out, hoso_error *err);
int hoso__pg_has_article(hoso_store *st, const char *hash, const char *url,
                         int *found, hoso_error *err);
int hoso__pg_put_error(hoso_store *st, const char *origin, int64_t offset,
                       int code, const char *message, hoso_error *err);
int hoso__pg_search(hoso_store *st, const hoso_qnode *q, const hoso_query *opt,
                    hoso_json *w, hoso_error *err);
int hoso__pg_story(hoso_store *st, int64_t id, hoso_json *w, hoso_error *err);
int hoso__pg_errors(hoso_store *st, int64_t offset, int64_t limit,
                    hoso_json *w, hoso_error *err);
int hoso__pg_stats(hoso_store *st, hoso_json *w, hoso_error *err);
/* The tsquery text of q, appended to out: typed syllables grouped into
** the index's words and each word's fold OR exact form, as the SQLite
** backend matches; *empty = 1 when q has nothing searchable. */
int hoso__pg_tsquery(pg_store *s, const hoso_qnode *q, hoso_buf *out,
                     int *empty, hoso_error *err);

#endif
