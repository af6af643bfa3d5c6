/* pg_db.c -- the PostgreSQL backend: connection, clear connection
** errors (wrong password, no server, no extension), transactions, the
** vtable. See pg_int.h. */
#include <stdlib.h>
#include <string.h>

#include "store/pg_int.h"

static int pg_accepts(const char *path) {
  return strncmp(path, "postgresql://", 13) == 0 ||
         strncmp(path, "postgres://", 11) == 0;
}

/* libpq messages end in a newline and may hold several lines (and tabs):
** one line, one space between words. */
static void clean_msg(const char *in, char *out, size_t n) {
  size_t k = 0;
  for (; in && *in && k + 1 < n; in++) {
    char c = (*in == '\n' || *in == '\r' || *in == '\t') ? ' ' : *in;
    if (c != ' ' || (k && out[k - 1] != ' ')) out[k++] = c;
  }
  while (k && out[k - 1] == ' ') k--;
  out[k] = '\0';
}

/* An error of a shard of a sharded archive (pg_shard.c) comes through
** postgres_fdw with the whole remote statement as its context, which does
** not fit a message: its primary message and the table it read ("FROM
** hoso.article_p1"), into out. 0 when r is no such error. */
static int shard_msg(const PGresult *r, char *out, size_t n) {
  const char *prim = r ? PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY) : NULL;
  const char *ctx = r ? PQresultErrorField(r, PG_DIAG_CONTEXT) : NULL;
  const char *remote = ctx ? strstr(ctx, "remote SQL command:") : NULL;
  /* or through a search's line to the shard (pg_links.c), whose name is
  ** "hoso:<partition>@<server>" */
  static const char line[] = "dblink connection named \"hoso:";
  const char *link = ctx ? strstr(ctx, line) : NULL;
  if (!prim || (!remote && !link)) return 0;
  const char *from = remote ? strstr(remote, " FROM ") : NULL;
  char table[72] = "?";
  if (link) {
    size_t k = 0;
    for (link += sizeof line - 1; k + 1 < sizeof table && *link && *link != '"';
         link++)
      table[k++] = *link == '@' ? ' ' : *link;
    table[k] = '\0';
    char *at = strrchr(table, ' ');
    if (at && strlen(table) + 11 < sizeof table) { /* "... on server S" */
      memmove(at + 11, at + 1, strlen(at + 1) + 1);
      memcpy(at, " on server ", 11);
    }
  } else if (from) {
    size_t k = 0;
    for (from += 6; k + 1 < sizeof table && *from && *from != ' ' &&
                    *from != ')' && *from != '\n'; from++)
      table[k++] = *from;
    table[k] = '\0';
  }
  char p[160];
  clean_msg(prim, p, sizeof p);
  snprintf(out, n, "%s (a shard's table: %s)", p, table);
  return 1;
}

int hoso__pg_err(pg_store *s, hoso_error *err, const PGresult *r,
                 const char *what) {
  char msg[256]; /* shard_msg: up to 159 + 71 + 20 bytes */
  if (PQstatus(s->conn) == CONNECTION_BAD)
    return hoso__err(err, HOSO_EDB,
                     "%s: lost the connection to PostgreSQL at %s (the "
                     "transaction was rolled back; run again to retry)",
                     what, s->where);
  if (!shard_msg(r, msg, sizeof msg))
    clean_msg(r ? PQresultErrorMessage(r) : PQerrorMessage(s->conn), msg,
              sizeof msg);
  return hoso__err(err, HOSO_EDB, "%s: %s (PostgreSQL at %s)", what, msg,
                   s->where);
}

PGresult *hoso__pg_ok(pg_store *s, PGresult *r, hoso_error *err,
                      const char *what) {
  ExecStatusType st = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
  if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK) return r;
  hoso__pg_err(s, err, r, what);
  PQclear(r);
  return NULL;
}

PGresult *hoso__pg_exec(pg_store *s, const char *sql, int n,
                        const char *const *params, hoso_error *err,
                        const char *what) {
  /* PQexec runs several statements (schema steps); parameters need
  ** PQexecParams, which runs one. */
  PGresult *r = n == 0 ? PQexec(s->conn, sql)
                       : PQexecParams(s->conn, sql, n, NULL, params, NULL,
                                      NULL, 0);
  return hoso__pg_ok(s, r, err, what);
}

int hoso__pg_prepare_once(pg_store *s, int id, const char *sql, int n,
                          char name[32], PGresult **fail) {
  snprintf(name, 32, "hoso_%d", id);
  *fail = NULL;
  if (s->prepared[id]) return 0;
  PGresult *r = PQprepare(s->conn, name, sql, n, NULL);
  if (!r || PQresultStatus(r) != PGRES_COMMAND_OK) {
    *fail = r;
    return -1;
  }
  PQclear(r);
  s->prepared[id] = 1;
  return 0;
}

PGresult *hoso__pg_exec_prepared(pg_store *s, int id, const char *sql, int n,
                                 const char *const *params, const int *lengths,
                                 const int *formats, hoso_error *err,
                                 const char *what) {
  char name[32];
  PGresult *bad;
  if (hoso__pg_prepare_once(s, id, sql, n, name, &bad)) {
    hoso__pg_err(s, err, bad, what);
    PQclear(bad);
    return NULL;
  }
  PGresult *r = PQexecPrepared(s->conn, name, n, params, lengths, formats, 0);
  return hoso__pg_ok(s, r, err, what);
}

int hoso__pg_cmd(pg_store *s, const char *sql, int n,
                 const char *const *params, hoso_error *err,
                 const char *what) {
  PGresult *r = hoso__pg_exec(s, sql, n, params, err, what);
  if (!r) return HOSO_EDB;
  PQclear(r);
  return HOSO_OK;
}

/* Why a connection failed, in words a user can act on. */
static int connect_error(pg_store *s, hoso_error *err) {
  char msg[256]; /* shard_msg: up to 159 + 71 + 20 bytes */
  clean_msg(PQerrorMessage(s->conn), msg, sizeof msg);
  const char *hint = "";
  if (strstr(msg, "password authentication failed"))
    hint = " -- wrong user name or password in the URL (or ~/.pgpass)";
  else if (strstr(msg, "no password supplied"))
    hint = " -- give the password in the URL or ~/.pgpass";
  else if (strstr(msg, "Connection refused"))
    hint = " -- is the server running and listening there?";
  else if (strstr(msg, "does not exist"))
    hint = " -- create the database first (createdb)";
  return hoso__err(err, HOSO_EDB, "cannot connect to PostgreSQL at %s: %s%s",
                   s->where, msg, hint);
}

/* The extension must be there: create it if we may, else say how. */
static int check_extension(pg_store *s, hoso_error *err) {
  /* CREATE EXTENSION hoso_pg, or its script run by hand (a managed
  ** server, the test suite): what we need is the configuration. */
  PGresult *r = hoso__pg_exec(
      s, "SELECT 1 FROM pg_ts_config c JOIN pg_ts_parser p"
         " ON p.oid = c.cfgparser WHERE c.cfgname = 'vietnamese'"
         " AND p.prsname = 'hoso_parser'", 0,
      NULL, err, "cannot read the database's extensions");
  if (!r) return HOSO_EDB;
  int have = PQntuples(r) > 0;
  PQclear(r);
  if (have) return HOSO_OK;
  if (!s->readonly) {
    r = PQexec(s->conn, "CREATE EXTENSION IF NOT EXISTS hoso_pg");
    int ok = r && PQresultStatus(r) == PGRES_COMMAND_OK;
    PQclear(r);
    if (ok) return HOSO_OK;
  }
  r = hoso__pg_exec(s,
                    "SELECT 1 FROM pg_available_extensions WHERE name='hoso_pg'",
                    0, NULL, err, "cannot read the server's extensions");
  if (!r) return HOSO_EDB;
  int available = PQntuples(r) > 0;
  PQclear(r);
  if (!available)
    return hoso__err(
        err, HOSO_EDB,
        "the PostgreSQL server at %s does not have the hoso_pg extension: "
        "install it on the database machine with `make pg-install` (as root, "
        "from a hoso checkout; needs postgresql-server-dev-15), then run "
        "`CREATE EXTENSION hoso_pg;` in the database as a superuser",
        s->where);
  return hoso__err(err, HOSO_EDB,
                   "the database at %s lacks the hoso_pg extension and this "
                   "user may not create it: run `CREATE EXTENSION hoso_pg;` in "
                   "it as a superuser",
                   s->where);
}

/* A count of articles from the environment variable name (def when unset
** or empty); a value that is not a number from 0 to 100000000 is an
** error naming the variable. */
static int env_count(const char *name, int64_t def, int64_t *out,
                     hoso_error *err) {
  const char *e = getenv(name);
  *out = def;
  if (!e || !*e) return HOSO_OK;
  char *end;
  long long v = strtoll(e, &end, 10);
  if (*end || v < 0 || v > 100000000)
    return hoso__err(err, HOSO_EARG,
                     "%s='%s': want a number of articles from 0 to 100000000",
                     name, e);
  *out = v;
  return HOSO_OK;
}

/* The partitions of a sharded archive's hoso.article, by name: a search
** asks each for its own best candidates (pg_topk.c). */
static int read_parts(pg_store *s, hoso_error *err) {
  PGresult *r = hoso__pg_exec(
      s, "SELECT format('%I.%I', n.nspname, c.relname) FROM pg_inherits i JOIN"
         " pg_class c ON c.oid = i.inhrelid JOIN pg_namespace n ON n.oid ="
         " c.relnamespace WHERE i.inhparent = 'hoso.article'::regclass ORDER"
         " BY c.relname",
      0, NULL, err, "cannot read the archive's partitions");
  if (!r) return HOSO_EDB;
  hoso__buf_reset(&s->parts);
  s->n_parts = 0;
  int rc = HOSO_OK;
  for (int i = 0; !rc && i < PQntuples(r); i++) {
    rc = hoso__buf_add(&s->parts, PQgetvalue(r, i, 0),
                       (size_t)PQgetlength(r, i, 0) + 1);
    if (!rc) s->n_parts++;
  }
  PQclear(r);
  return rc ? hoso__err(err, HOSO_ENOMEM, "out of memory") : HOSO_OK;
}

/* How searches rank (pg_topk.c): through a RUM index on article.tsv
** when there is one (its operator <=> named with the rum extension's
** schema), else with ts_rank_cd over GIN's matches. */
static int search_setup(pg_store *s, hoso_error *err) {
  PGresult *r = hoso__pg_exec(
      s, "SELECT (SELECT n.nspname FROM pg_index i JOIN pg_class c ON c.oid ="
         " i.indexrelid JOIN pg_am am ON am.oid = c.relam JOIN pg_extension e"
         " ON e.extname = 'rum' JOIN pg_namespace n ON n.oid ="
         " e.extnamespace WHERE i.indrelid = 'hoso.article'::regclass AND"
         " am.amname = 'rum' AND i.indisvalid AND i.indisready LIMIT 1),"
         " EXISTS (SELECT 1 FROM pg_inherits i JOIN pg_foreign_table f ON"
         " f.ftrelid = i.inhrelid WHERE i.inhparent = 'hoso.article'::regclass)",
      0, NULL, err, "cannot read the archive's indexes");
  if (!r) return HOSO_EDB;
  s->rum_ops[0] = 0;
  if (!PQgetisnull(r, 0, 0)) {
    const char *ns = PQgetvalue(r, 0, 0);
    /* quoted as an identifier; a name that does not fit: GIN ranking */
    if (strlen(ns) + 3 <= sizeof s->rum_ops && !strchr(ns, '"'))
      snprintf(s->rum_ops, sizeof s->rum_ops, "\"%s\"", ns);
  }
  s->sharded = PQgetvalue(r, 0, 1)[0] == 't';
  PQclear(r);
  int rc = s->sharded ? read_parts(s, err) : HOSO_OK;
  if (!rc) rc = env_count("HOSO_PG_EXACT_MAX", 1000, &s->exact_max, err);
  if (!rc) rc = env_count("HOSO_PG_COUNT_MAX", 100000000, &s->count_max, err);
  if (!rc) rc = env_count("HOSO_PG_BEST", 1, &s->best, err);
  if (!rc) rc = env_count("HOSO_PG_PREPARE", PG_STMT_CACHE, &s->prepare, err);
  if (s->prepare > PG_STMT_CACHE) s->prepare = PG_STMT_CACHE;
  return rc;
}

static void pg_close(hoso_store *st) {
  pg_store *s = (pg_store *)st;
  if (!s) return;
  if (s->conn) PQfinish(s->conn);
  hoso__pg_log_free(&s->log);
  hoso__pg_stmts_free(&s->stmts);
  hoso__buf_free(&s->parts);
  hoso__pg_links_free(&s->links);
  hoso__pg_keys_free(&s->keys);
  hoso__words_free(s->words);
  hoso_vi_close(s->vi);
  free(s);
}

static int pg_open(const char *path, int flags, hoso_store **out,
                   hoso_error *err) {
  *out = NULL;
  pg_store *s = calloc(1, sizeof *s);
  if (!s) return hoso__err(err, HOSO_ENOMEM, "out of memory");
  s->base.vt = &hoso__store_pg;
  hoso__buf_init(&s->parts, 0);
  hoso__buf_init(&s->links.names, 0);
  s->readonly = (flags & HOSO_ARCHIVE_READONLY) != 0;
  s->conn = PQconnectdb(path);
  if (!s->conn) {
    free(s);
    return hoso__err(err, HOSO_ENOMEM, "out of memory connecting");
  }
  snprintf(s->where, sizeof s->where, "%s:%s/%s",
           PQhost(s->conn) ? PQhost(s->conn) : "?",
           PQport(s->conn) ? PQport(s->conn) : "?",
           PQdb(s->conn) ? PQdb(s->conn) : "?");
  int rc = HOSO_OK;
  if (PQstatus(s->conn) != CONNECTION_OK) rc = connect_error(s, err);
  if (!rc && PQsetClientEncoding(s->conn, "UTF8") != 0)
    rc = hoso__pg_err(s, err, NULL, "cannot use UTF-8");
  if (!rc) {
    PGresult *r = hoso__pg_exec(s, "SHOW server_encoding", 0, NULL, err,
                                "cannot read the server encoding");
    if (!r) rc = HOSO_EDB;
    else if (strcmp(PQgetvalue(r, 0, 0), "UTF8") != 0)
      rc = hoso__err(err, HOSO_EDB,
                     "the database at %s is not UTF8 (%s): create one with "
                     "ENCODING 'UTF8'",
                     s->where, PQgetvalue(r, 0, 0));
    PQclear(r);
  }
  /* the server's notices (a migration's "... does not exist, skipping")
  ** are not for the user; warnings and errors still come */
  if (!rc) rc = hoso__pg_cmd(s, "SET client_min_messages = warning", 0, NULL,
                             err, "cannot configure the session");
  if (!rc && hoso__pg_keys_init(&s->keys, path))
    rc = hoso__err(err, HOSO_ENOMEM, "out of memory");
  s->keys.off = s->readonly;
  if (!rc) rc = check_extension(s, err);
  if (!rc) rc = hoso__pg_migrate(s, err);
  /* a writer notes each entity mention of a batch here; the counts are
  ** added just before COMMIT (pg_schema.c v7, pg_batch.c). Made outside
  ** any transaction so that a rolled-back batch keeps the table. */
  if (!rc && !s->readonly)
    rc = hoso__pg_cmd(s,
                      "CREATE TEMP TABLE IF NOT EXISTS hoso_mention_delta("
                      "entity_id bigint NOT NULL) ON COMMIT DELETE ROWS",
                      0, NULL, err, "cannot prepare the session for writing");
  if (!rc) rc = hoso__pg_cmd(s, "SET search_path = hoso, public", 0, NULL,
                             err, "cannot select the hoso schema");
  if (!rc) rc = search_setup(s, err);
  /* words for queries and snippets: with the segmenter when its models
  ** load (as the SQLite backend), so snippets are the same */
  if (!rc && hoso_vi_open(NULL, 0, &s->vi, NULL) != HOSO_OK) s->vi = NULL;
  if (!rc && (hoso__words_new(&s->words) ||
              hoso__words_use_segmenter(s->words, s->vi)))
    rc = hoso__err(err, HOSO_ENOMEM, "out of memory");
  if (rc) {
    pg_close(&s->base);
    return rc;
  }
  *out = &s->base;
  return HOSO_OK;
}

static int pg_begin(hoso_store *st, hoso_error *err) {
  pg_store *s = (pg_store *)st;
  if (s->readonly)
    return hoso__err(err, HOSO_EDB, "the archive at %s is open read-only",
                     s->where);
  hoso__pg_log_reset(&s->log);
  int rc = hoso__pg_cmd(s, "BEGIN", 0, NULL, err, "cannot start a batch");
  if (!rc) s->in_tx = 1;
  return rc;
}

static int pg_commit(hoso_store *st, hoso_error *err) {
  pg_store *s = (pg_store *)st;
  s->in_tx = 0;
  return hoso__pg_batch_commit(s, err);
}

static void pg_rollback(hoso_store *st) {
  pg_store *s = (pg_store *)st;
  s->in_tx = 0;
  hoso__pg_log_reset(&s->log);
  PGresult *r = PQexec(s->conn, "ROLLBACK");
  PQclear(r);
}

/* Consistency: every article has its story, original and LSH bands, and
** every story counts its articles. */
static int pg_check(hoso_store *st, hoso_error *err) {
  pg_store *s = (pg_store *)st;
  static const struct {
    const char *sql, *what;
  } checks[] = {
      {"SELECT count(*) FROM article a WHERE NOT EXISTS (SELECT 1 FROM story s"
       " WHERE s.id = a.story_id)", "articles without a story"},
      {"SELECT count(*) FROM article a WHERE NOT EXISTS (SELECT 1 FROM"
       " original o WHERE o.article_id = a.id)", "articles without original"},
      {"SELECT count(*) FROM article a WHERE NOT EXISTS (SELECT 1 FROM lsh l"
       " WHERE l.article_id = a.id)", "articles without signature"},
      {"SELECT count(*) FROM story s WHERE n_articles <> (SELECT count(*) FROM"
       " article a WHERE a.story_id = s.id)", "stories with a wrong count"},
  };
  for (size_t i = 0; i < sizeof checks / sizeof checks[0]; i++) {
    PGresult *r = hoso__pg_exec(s, checks[i].sql, 0, NULL, err,
                                "cannot check the archive");
    if (!r) return HOSO_EDB;
    long n = strtol(PQgetvalue(r, 0, 0), NULL, 10);
    PQclear(r);
    if (n)
      return hoso__err(err, HOSO_EDB, "archive at %s: %ld %s", s->where, n,
                       checks[i].what);
  }
  return HOSO_OK;
}

/* The archive's change state (hoso_archive_state): the write-ahead log's
** insert position, which moves with every change of any table (and with
** other databases' changes: a cache keyed by it then misses, never
** serves stale). Read with one short query; fails on a standby. */
static int pg_state(hoso_store *st, uint64_t *out, hoso_error *err) {
  pg_store *s = (pg_store *)st;
  PGresult *r = hoso__pg_exec(s, "SELECT pg_current_wal_insert_lsn()", 0, NULL, err,
                              "cannot read the archive's state");
  if (!r) return HOSO_EDB;
  unsigned long hi = 0, lo = 0; /* "16/B374D848" */
  int ok = PQntuples(r) == 1 && sscanf(PQgetvalue(r, 0, 0), "%lx/%lx", &hi, &lo) == 2;
  PQclear(r);
  if (!ok) return hoso__err(err, HOSO_EDB, "cannot read the archive's state (PostgreSQL at %s)", s->where);
  *out = ((uint64_t)hi << 32) | (uint64_t)(lo & 0xFFFFFFFFul);
  return HOSO_OK;
}

const hoso_store_vt hoso__store_pg = {
    .name = "postgres",
    .accepts = pg_accepts,
    .open = pg_open,
    .close = pg_close,
    .begin = pg_begin,
    .commit = pg_commit,
    .rollback = pg_rollback,
    .put_article = hoso__pg_put_article,
    .has_article = hoso__pg_has_article,
    .put_error = hoso__pg_put_error,
    .search = hoso__pg_search,
    .story = hoso__pg_story,
    .article = hoso__pg_article,
    .timeline = hoso__pg_timeline,
    .dossier = hoso__pg_dossier,
    .suggest = hoso__pg_suggest,
    .errors = hoso__pg_errors,
    .stats = hoso__pg_stats,
    .export_ = hoso__pg_export,
    .check = pg_check,
    /* 64 articles per transaction (was the default 1,024): concurrent
    ** writers no longer wait for each other's batches (pg_keys.c), so an
    ** article's near-duplicate stored by another writer is seen only once
    ** that writer's batch commits. With small batches the two processes
    ** of bench/pg/ingest.sh (2,000 VNTC articles) grouped stories exactly
    ** as one process (0 of 2,001 articles with other story-mates; 10 with
    ** 1,024). A commit per 64 articles costs little next to the articles. */
    .batch = 64,
    .state = pg_state,
    /* ingest's workers compress the originals (pg_put.c stores them) */
    .packs_original = 1,
};
