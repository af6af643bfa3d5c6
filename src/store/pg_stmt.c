/* pg_stmt.c -- searches' statements prepared once per connection.
**
** PQexecParams parses, analyses and plans its statement on every call.
** A search sends the same few statement texts again and again (the ranked
** page, the best-article list lookup, each result's article and story),
** so these go through hoso__pg_exec_cached: the first run of a text
** prepares it (PQprepare, "hoso_s<N>"), later runs only bind and execute
** it (PQexecPrepared). PostgreSQL then plans the first five executions
** with their parameter values and afterwards keeps a generic plan when
** its estimated cost is no worse (plan_cache_mode = auto), so the
** planning is saved where the plan does not depend on the values.
**
** The cache holds PG_STMT_CACHE texts per connection; when full, the
** least recently used one is DEALLOCATEd and its slot reused, so the
** server's memory for them stays bounded. HOSO_PG_PREPARE=N in the
** environment (read at open) keeps at most N (0: the cache is off and
** every call is a PQexecParams, as before -- for comparisons; a small N
** makes tests go through the eviction). */
#include <stdlib.h>
#include <string.h>

#include "store/pg_int.h"

/* FNV-1a over the text: the cache compares the whole text too. */
static uint64_t text_hash(const char *p) {
  uint64_t h = 1469598103934665603ULL;
  for (; *p; p++) h = (h ^ (unsigned char)*p) * 1099511628211ULL;
  return h;
}

void hoso__pg_stmts_free(pg_stmts *c) {
  for (int i = 0; i < PG_STMT_CACHE; i++) free(c->e[i].sql);
  memset(c->e, 0, sizeof c->e);
}

/* The slot holding sql prepared, or -1 after a server error (err
** filled): found, or prepared into a free or the least recently used
** slot. */
static int slot_for(pg_store *s, const char *sql, int n, hoso_error *err,
                    const char *what) {
  pg_stmts *c = &s->stmts;
  uint64_t h = text_hash(sql);
  int victim = 0, slots = (int)s->prepare;
  for (int i = 0; i < slots; i++) {
    pg_stmt *e = &c->e[i];
    if (e->sql && e->hash == h && !strcmp(e->sql, sql)) {
      e->used = ++c->clock;
      return i;
    }
    if (!c->e[victim].sql) continue; /* a free slot: keep it */
    if (!e->sql || e->used < c->e[victim].used) victim = i;
  }
  pg_stmt *e = &c->e[victim];
  char name[32];
  if (e->sql) { /* the least recently used text leaves the server too */
    snprintf(name, sizeof name, "hoso_s%u", e->id);
    char cmd[48];
    snprintf(cmd, sizeof cmd, "DEALLOCATE %s", name);
    PGresult *r = PQexec(s->conn, cmd);
    int ok = r && PQresultStatus(r) == PGRES_COMMAND_OK;
    free(e->sql);
    memset(e, 0, sizeof *e);
    if (!ok) {
      hoso__pg_err(s, err, r, what);
      PQclear(r);
      return -1;
    }
    PQclear(r);
  }
  char *copy = strdup(sql);
  if (!copy) {
    hoso__err(err, HOSO_ENOMEM, "out of memory");
    return -1;
  }
  unsigned id = ++c->next_id;
  snprintf(name, sizeof name, "hoso_s%u", id);
  PGresult *r = PQprepare(s->conn, name, sql, n, NULL);
  if (!r || PQresultStatus(r) != PGRES_COMMAND_OK) {
    hoso__pg_err(s, err, r, what);
    PQclear(r);
    free(copy);
    return -1;
  }
  PQclear(r);
  e->sql = copy;
  e->hash = h;
  e->id = id;
  e->used = ++c->clock;
  return victim;
}

PGresult *hoso__pg_exec_cached(pg_store *s, const char *sql, int n,
                               const char *const *params, hoso_error *err,
                               const char *what) {
  if (!s->prepare || n == 0) return hoso__pg_exec(s, sql, n, params, err, what);
  int i = slot_for(s, sql, n, err, what);
  if (i < 0) return NULL;
  char name[32];
  snprintf(name, sizeof name, "hoso_s%u", s->stmts.e[i].id);
  PGresult *r = PQexecPrepared(s->conn, name, n, params, NULL, NULL, 0);
  return hoso__pg_ok(s, r, err, what);
}
