/* pg_batch.c -- the open batch's writes, kept so that the batch can be
** run again when PostgreSQL aborts it for a deadlock (40P01) or a
** serialisation failure (40001) with another writer.
**
** Why whole batches: a batch is one transaction, and the rows it locked
** for earlier articles (an entity's mention count, a story's counts, a
** new outlet or entity key another writer also inserts) stay locked until
** it commits. Two `hoso ingest` runs storing different articles that name
** the same entities lock those rows in different orders, and PostgreSQL
** breaks the cycle by failing one statement. Running only that article
** again, inside the same transaction, waits for the same writer again
** (which still waits for this one's earlier rows): the same deadlock, up
** to the retry limit, and the run stopped with exit 2 (session 6's bug).
** So on 40P01/40001 the whole transaction is rolled back -- the other
** writer then goes on -- and, after a short random pause, every write of
** the batch is sent again, in order, in a new transaction; at most
** PG_BATCH_TRIES times a batch. Each write is an idempotent "store unless
** there" (hoso.put_article dedupes by content hash and canonical URL), so
** a batch run twice stores nothing twice and loses nothing.
**
** Memory: the log holds copies of the batch's parameters (an article's
** text, search vector, compressed original, facts as JSON), bounded by
** PG_BATCH_LOG_MAX bytes; a batch bigger than that is not replayable and
** a deadlock in it is reported as before (run again). The log belongs to
** its pg_store (no shared state); entries are freed at begin, commit and
** rollback. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "store/pg_int.h"

#define PG_BATCH_TRIES 10
#define PG_BATCH_LOG_MAX ((size_t)512 << 20)

/* One logged write: its statement and a copy of its parameters, all in
** the one allocation after the header. */
struct pg_logged {
  int id;          /* prepared statement (PG_* in pg_int.h) */
  const char *sql; /* static text */
  int n;
  char **p;        /* n parameters (NULL = SQL NULL), pointing into data */
  int *len, *fmt;  /* n each */
};

static void log_free_entries(pg_log *l) {
  for (size_t i = 0; i < l->n; i++) free(l->e[i]);
  l->n = 0;
  l->bytes = 0;
}

/* The batch cannot be run again (too big, or out of memory): keep no
** copies until the next batch. */
static void log_give_up(pg_log *l) {
  l->overflow = 1;
  log_free_entries(l);
}

void hoso__pg_log_reset(pg_log *l) {
  log_free_entries(l);
  l->overflow = 0;
  l->tries = 0;
}

void hoso__pg_log_free(pg_log *l) {
  log_free_entries(l);
  free(l->e);
  l->e = NULL;
  l->cap = 0;
}

/* Appends a copy of the write; on failure (memory, or the log past its
** bound) the batch is marked not replayable and HOSO_OK is still
** returned: the write itself goes ahead. */
static void log_add(pg_log *l, int id, const char *sql, int n,
                    const char *const *p, const int *len, const int *fmt) {
  if (l->overflow) return;
  size_t data = 0;
  for (int i = 0; i < n; i++)
    if (p[i]) data += (fmt && fmt[i]) ? (size_t)len[i] : strlen(p[i]) + 1;
  size_t head = sizeof(struct pg_logged) + (size_t)n * (sizeof(char *) + 2 * sizeof(int));
  head = (head + 7) & ~(size_t)7;
  if (l->bytes + head + data > PG_BATCH_LOG_MAX) {
    log_give_up(l);
    return;
  }
  if (l->n == l->cap) {
    size_t cap = l->cap ? l->cap * 2 : 64;
    struct pg_logged **e = realloc(l->e, cap * sizeof *e);
    if (!e) {
      log_give_up(l);
      return;
    }
    l->e = e;
    l->cap = cap;
  }
  struct pg_logged *g = malloc(head + (data ? data : 1));
  if (!g) {
    log_give_up(l);
    return;
  }
  g->id = id;
  g->sql = sql;
  g->n = n;
  g->p = (char **)(g + 1);
  g->len = (int *)(g->p + n);
  g->fmt = g->len + n;
  char *d = (char *)g + head;
  for (int i = 0; i < n; i++) {
    g->fmt[i] = fmt ? fmt[i] : 0;
    g->len[i] = len ? len[i] : 0;
    if (!p[i]) {
      g->p[i] = NULL;
      continue;
    }
    size_t k = g->fmt[i] ? (size_t)g->len[i] : strlen(p[i]) + 1;
    memcpy(d, p[i], k);
    g->p[i] = d;
    d += k;
  }
  l->e[l->n++] = g;
  l->bytes += head + data;
}

static int retry_state(const char *st) {
  return st && (!strncmp(st, "40P01", 5) || !strncmp(st, "40001", 5));
}

/* hoso.put_article's own error column (any error it caught). */
static int put_failed(int id, const PGresult *r) {
  return id == PG_PUT_ARTICLE && PQntuples(r) > 0 && PQnfields(r) > 4 &&
         !PQgetisnull(r, 0, 4);
}

/* Whether a write's result is a deadlock or serialisation failure, the
** batch to run again: an error result with that SQLSTATE, or (for
** hoso.put_article, which catches its errors) its error column. */
static int must_retry(int id, const PGresult *r) {
  if (!r) return 0;
  ExecStatusType st = PQresultStatus(r);
  if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK)
    return retry_state(PQresultErrorField(r, PG_DIAG_SQLSTATE));
  return put_failed(id, r) && retry_state(PQgetvalue(r, 0, 4));
}

/* End the transaction open on the connection, if any (a failed statement
** or COMMIT may have left it aborted). */
static void rollback_open(pg_store *s) {
  if (PQtransactionStatus(s->conn) != PQTRANS_IDLE) {
    PGresult *rb = PQexec(s->conn, "ROLLBACK");
    PQclear(rb);
  }
}

/* A random pause before running the batch again, growing with the tries
** (20-40 ms, then doubling, at most 2-4 s), so two writers that keep
** colliding fall out of step. */
static void pause_before(pg_log *l) {
  if (!l->seed) l->seed = (unsigned)time(NULL) ^ (unsigned)(uintptr_t)l;
  unsigned ms = 20u << (l->tries < 6 ? l->tries : 6);
  if (ms > 2000) ms = 2000;
  ms += (unsigned)rand_r(&l->seed) % ms;
  struct timespec ts = {(time_t)(ms / 1000), (long)(ms % 1000) * 1000000L};
  nanosleep(&ts, NULL);
}

/* Run one write; a result (caller PQclear()s) or NULL when it could not
** be sent (err filled). Errors are returned as results, not reported. */
static PGresult *send_write(pg_store *s, const struct pg_logged *g, int id,
                      const char *sql, int n, const char *const *p,
                      const int *len, const int *fmt, hoso_error *err,
                      const char *what) {
  if (g) {
    id = g->id;
    sql = g->sql;
    n = g->n;
    p = (const char *const *)g->p;
    len = g->len;
    fmt = g->fmt;
  }
  char name[32];
  PGresult *bad;
  if (hoso__pg_prepare_once(s, id, sql, n, name, &bad)) {
    if (must_retry(id, bad)) return bad; /* the transaction was aborted */
    hoso__pg_err(s, err, bad, what);
    PQclear(bad);
    return NULL;
  }
  PGresult *r = PQexecPrepared(s->conn, name, n, p, len, fmt, 0);
  if (!r) hoso__pg_err(s, err, NULL, what);
  return r;
}

static int plain(pg_store *s, const char *sql, hoso_error *err,
                 const char *what) {
  return hoso__pg_cmd(s, sql, 0, NULL, err, what);
}

/* Roll the batch back and send its writes again, until they all go
** through or PG_BATCH_TRIES. *last gets the result of the last write
** (NULL if none). */
static int replay(pg_store *s, PGresult **last, hoso_error *err,
                  const char *what) {
  pg_log *l = &s->log;
  *last = NULL;
  for (;;) {
    if (l->overflow)
      return hoso__err(err, HOSO_EDB,
                       "%s: deadlock with another writer in a batch too big "
                       "to run again (PostgreSQL at %s): run again, or use a "
                       "smaller --batch",
                       what, s->where);
    if (++l->tries > PG_BATCH_TRIES)
      return hoso__err(err, HOSO_EDB,
                       "%s: deadlock with another writer %d times in one "
                       "batch (PostgreSQL at %s): nothing of it was stored; "
                       "run again",
                       what, PG_BATCH_TRIES, s->where);
    l->retried++;
    rollback_open(s);
    pause_before(l);
    int rc = plain(s, "BEGIN", err, what);
    if (rc) return rc;
    int again = 0;
    for (size_t i = 0; i < l->n && !again; i++) {
      PGresult *r = send_write(s, l->e[i], 0, NULL, 0, NULL, NULL, NULL, err, what);
      if (!r) return HOSO_EDB;
      if (must_retry(l->e[i]->id, r)) {
        again = 1;
        PQclear(r);
        break;
      }
      ExecStatusType st = PQresultStatus(r);
      if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) {
        hoso__pg_err(s, err, r, what);
        PQclear(r);
        return HOSO_EDB;
      }
      if (i + 1 < l->n && put_failed(l->e[i]->id, r)) {
        /* an article stored the first time fails now: never drop it */
        hoso__err(err, HOSO_EDB, "%s: %s (PostgreSQL at %s)", what,
                  PQgetvalue(r, 0, 4), s->where);
        PQclear(r);
        return HOSO_EDB;
      }
      if (i + 1 == l->n)
        *last = r;
      else
        PQclear(r);
    }
    if (!again) return HOSO_OK;
  }
}

PGresult *hoso__pg_batch_exec(pg_store *s, int id, const char *sql, int n,
                              const char *const *p, const int *len,
                              const int *fmt, hoso_error *err,
                              const char *what) {
  if (s->in_tx) log_add(&s->log, id, sql, n, p, len, fmt);
  PGresult *r = send_write(s, NULL, id, sql, n, p, len, fmt, err, what);
  if (!r) return NULL;
  if (s->in_tx && must_retry(id, r)) {
    PQclear(r);
    if (replay(s, &r, err, what)) return NULL;
    if (!r)
      return hoso__err(err, HOSO_EINTERNAL, "%s: nothing to run again", what),
             NULL;
  }
  return hoso__pg_ok(s, r, err, what);
}

int hoso__pg_batch_commit(pg_store *s, hoso_error *err) {
  const char *what = "cannot commit the batch";
  int rc = HOSO_OK;
  for (;;) {
    /* the batch's entity mention counts, in entity id order (pg_schema.c
    ** v7), then COMMIT; a deadlock in either runs the batch again */
    PGresult *r = PQexec(s->conn, "SELECT hoso.flush_mentions()");
    ExecStatusType st = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
    if (st == PGRES_TUPLES_OK) {
      PQclear(r);
      r = PQexec(s->conn, "COMMIT");
      st = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
    }
    if (st == PGRES_COMMAND_OK) {
      PQclear(r);
      break;
    }
    if (!must_retry(-1, r)) {
      rc = hoso__pg_err(s, err, r, what);
      PQclear(r);
      rollback_open(s); /* a failed flush leaves it open (aborted) */
      break;
    }
    PQclear(r);
    PGresult *last = NULL;
    rc = replay(s, &last, err, what);
    PQclear(last);
    if (rc) {
      rollback_open(s);
      break;
    }
  }
  hoso__pg_log_reset(&s->log);
  return rc;
}
