/* pg_links.c -- a sharded archive's direct lines to its shards: one dblink
** connection per partition, opened on the coordinator's session the first
** time a search needs them, through which a shard is sent a statement of
** hoso's own (pg_topk.c: its best matches read in its RUM index's order,
** with their rank keys computed there). Every shard is sent its statement
** first (dblink_send_query), then the results are read (dblink_get_result),
** so the shards work at once; each line then gives one more, empty,
** result (hoso__pg_links_drain) before it takes the next statement.
**
** Why not postgres_fdw alone: it ships an expression only inside a grouped
** query, and a grouped query cannot read RUM's ordered scan, so each shard
** ranked every match from its stored vector; the form that could (grouped
** by the rank key) is shipped or not at the planner's whim, and when not,
** the coordinator fetched every match's vector (8.3 s for a common word at
** 20,000 articles, docs/scale.md section 2).
**
** The connections are named "hoso:<partition>@<server>", so that a shard's
** error names its table and server (pg_db.c shard_msg). They live as long
** as the coordinator's session; after a failed search they are closed
** (hoso__pg_links_reset) and the next search opens them again, so a shard
** that was restarted is found again. A shard that cannot be reached is
** named in the error. When dblink is refused (the user may not execute
** dblink_connect, or its user mapping has no password, which dblink asks
** of users who are not superusers), the session's searches use
** postgres_fdw alone (pg_topk.c's fallback), with the same answers.
**
** State: pg_store.links (owned by the store; freed at close). */
#include <stdlib.h>
#include <string.h>

#include "store/pg_int.h"

/* Every partition: its dblink connection name, its server, its table on
** the shard (quoted, schema-qualified), in the order of pg_store.parts
** (relname); and the dblink extension's schema. */
static const char links_sql[] =
    "SELECT 'hoso:' || format('%I.%I', n.nspname, c.relname) || '@' ||"
    " fs.srvname, fs.srvname, format('%I.%I', coalesce((SELECT substr(o, 13)"
    " FROM unnest(ft.ftoptions) o WHERE o LIKE 'schema_name=%'), n.nspname),"
    " coalesce((SELECT substr(o, 12) FROM unnest(ft.ftoptions) o WHERE o LIKE"
    " 'table_name=%'), c.relname)), (SELECT quote_ident(e.extnamespace::"
    "regnamespace::text) FROM pg_extension e WHERE e.extname = 'dblink')"
    " FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid JOIN"
    " pg_namespace n ON n.oid = c.relnamespace JOIN pg_foreign_table ft ON"
    " ft.ftrelid = c.oid JOIN pg_foreign_server fs ON fs.oid = ft.ftserver"
    " WHERE i.inhparent = 'hoso.article'::regclass ORDER BY c.relname";

void hoso__pg_links_free(pg_links *l) {
  hoso__buf_free(&l->names);
  memset(l, 0, sizeof *l);
}

const char *hoso__pg_link_name(const pg_links *l, int i, const char **table) {
  const char *p = l->names.p;
  for (int k = 0; k < 3 * i; k++) p += strlen(p) + 1;
  *table = p + strlen(p) + 1;
  *table += strlen(*table) + 1;
  return p;
}

/* connect_one: dblink may not be used here (a shard that cannot be
** reached is HOSO_EDB) */
#define LINK_REFUSED (-1)

/* Connect partition i's line (name, server from the list). */
static int connect_one(pg_store *s, const char *name, const char *srv,
                       const char *table, hoso_error *err) {
  hoso_buf sql;
  hoso__buf_init(&sql, 0);
  /* a line of this name left open by a failed search goes first */
  if (hoso__buf_printf(&sql,
                       "SELECT CASE WHEN $1 = ANY(coalesce(%s."
                       "dblink_get_connections(), '{}')) THEN %s."
                       "dblink_disconnect($1) END, %s.dblink_connect($1, $2)",
                       s->links.ns, s->links.ns, s->links.ns)) {
    hoso__buf_free(&sql);
    return hoso__err(err, HOSO_ENOMEM, "out of memory");
  }
  const char *p[2] = {name, srv};
  PGresult *r = PQexecParams(s->conn, sql.p, 2, NULL, p, NULL, NULL, 0);
  hoso__buf_free(&sql);
  int rc = HOSO_OK;
  const char *state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : NULL;
  if (r && PQresultStatus(r) != PGRES_TUPLES_OK && state &&
      strncmp(state, "08", 2) && PQstatus(s->conn) == CONNECTION_OK) {
    /* refused, not unreachable: no right to dblink's functions (42501),
    ** a user mapping without a password, which dblink requires of a
    ** user who is not a superuser (2F003), ... */
    rc = LINK_REFUSED;
  } else if (!r || PQresultStatus(r) != PGRES_TUPLES_OK) {
    const char *d = r ? PQresultErrorField(r, PG_DIAG_MESSAGE_DETAIL) : NULL;
    const char *m = r ? PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY) : NULL;
    char detail[200];
    size_t k = 0;
    for (const char *c = d ? d : m ? m : "?"; *c && k + 1 < sizeof detail; c++)
      if (*c != '\n' && *c != '\r') detail[k++] = *c;
      else if (k && detail[k - 1] != ' ') detail[k++] = ' ';
    while (k && detail[k - 1] == ' ') k--;
    detail[k] = '\0';
    rc = PQstatus(s->conn) == CONNECTION_BAD
             ? hoso__pg_err(s, err, r, "cannot search")
             : hoso__err(err, HOSO_EDB,
                         "cannot search: could not connect to server \"%s\""
                         " (a shard's table: %s): %s (PostgreSQL at %s)",
                         srv, table, detail, s->where);
  }
  PQclear(r);
  return rc;
}

int hoso__pg_links_open(pg_store *s, int *usable, hoso_error *err) {
  *usable = 0;
  if (s->links.open) {
    *usable = 1;
    return HOSO_OK;
  }
  if (!s->links.read) { /* once per store: the names */
    PGresult *r = hoso__pg_exec(s, links_sql, 0, NULL, err, "cannot search");
    if (!r) return HOSO_EDB;
    int rc = HOSO_OK, n = PQntuples(r);
    hoso__buf_reset(&s->links.names);
    s->links.ns[0] = 0;
    if (n == s->n_parts && n > 0 && !PQgetisnull(r, 0, 3) &&
        PQgetlength(r, 0, 3) < (int)sizeof s->links.ns) {
      memcpy(s->links.ns, PQgetvalue(r, 0, 3), (size_t)PQgetlength(r, 0, 3) + 1);
      for (int i = 0; !rc && i < n; i++)
        for (int col = 0; !rc && col < 3; col++)
          rc = hoso__buf_add(&s->links.names, PQgetvalue(r, i, col),
                             (size_t)PQgetlength(r, i, col) + 1);
    }
    PQclear(r);
    if (rc) return hoso__err(err, HOSO_ENOMEM, "out of memory");
    s->links.read = 1;
  }
  /* no dblink here, or this user may not use it: not usable */
  if (!s->links.ns[0] || s->links.refused) return HOSO_OK;
  for (int i = 0; i < s->n_parts; i++) {
    const char *table, *name = hoso__pg_link_name(&s->links, i, &table);
    const char *srv = name + strlen(name) + 1;
    int rc = connect_one(s, name, srv, table, err);
    if (rc) {
      hoso__pg_links_reset(s);
      if (rc != LINK_REFUSED) return rc;
      /* searches go through postgres_fdw alone, for this session */
      s->links.refused = 1;
      return HOSO_OK;
    }
  }
  s->links.open = 1;
  *usable = 1;
  return HOSO_OK;
}

/* Append "<dblink>.<fn>(<partition i's line>[, <remote as a literal>])". */
static int link_fn(pg_store *s, const char *fn, int i, const char *remote,
                   hoso_buf *out) {
  const char *table, *name = hoso__pg_link_name(&s->links, i, &table);
  char *nlit = PQescapeLiteral(s->conn, name, strlen(name));
  char *rlit = remote ? PQescapeLiteral(s->conn, remote, strlen(remote)) : NULL;
  int rc = nlit && (rlit || !remote)
               ? hoso__buf_printf(out, "%s.%s(%s%s%s)", s->links.ns, fn, nlit,
                                  rlit ? ", " : "", rlit ? rlit : "")
               : HOSO_ENOMEM;
  PQfreemem(rlit);
  PQfreemem(nlit);
  return rc;
}

int hoso__pg_link_send(pg_store *s, int i, const char *remote, hoso_buf *out) {
  return link_fn(s, "dblink_send_query", i, remote, out);
}

int hoso__pg_link_result(pg_store *s, int i, hoso_buf *out) {
  return link_fn(s, "dblink_get_result", i, NULL, out);
}

void hoso__pg_links_drain(pg_store *s) {
  hoso_buf sql;
  hoso__buf_init(&sql, 0);
  int rc = hoso__buf_adds(&sql, "SELECT count(*) FROM (");
  for (int i = 0; !rc && i < s->n_parts; i++) {
    if (i) rc = hoso__buf_adds(&sql, " UNION ALL ");
    if (!rc) rc = hoso__buf_adds(&sql, "SELECT 1 FROM ");
    if (!rc) rc = hoso__pg_link_result(s, i, &sql);
    if (!rc) rc = hoso__buf_adds(&sql, " AS t(x text)");
  }
  if (!rc) rc = hoso__buf_adds(&sql, ") d");
  PGresult *r = rc ? NULL : PQexec(s->conn, sql.p);
  /* a line with a result left over (or not answering) is closed: the
  ** next search connects again */
  if (!r || PQresultStatus(r) != PGRES_TUPLES_OK || strcmp(PQgetvalue(r, 0, 0), "0"))
    hoso__pg_links_reset(s);
  PQclear(r);
  hoso__buf_free(&sql);
}

void hoso__pg_links_reset(pg_store *s) {
  s->links.open = 0;
  if (!s->links.ns[0] || PQstatus(s->conn) != CONNECTION_OK) return;
  /* whichever of ours are open (a failed one may be gone already) */
  hoso_buf sql;
  hoso__buf_init(&sql, 0);
  if (!hoso__buf_printf(&sql,
                        "SELECT %s.dblink_disconnect(c) FROM unnest(%s."
                        "dblink_get_connections()) c WHERE c LIKE 'hoso:%%'",
                        s->links.ns, s->links.ns))
    PQclear(PQexec(s->conn, sql.p));
  hoso__buf_free(&sql);
}

int hoso__pg_links_send(pg_store *s, hoso_pg_remote_fn make, const void *arg,
                        hoso_error *err) {
  hoso_buf sql, remote;
  hoso__buf_init(&sql, 0);
  hoso__buf_init(&remote, 0);
  int rc = hoso__buf_adds(&sql, "SELECT ");
  for (int i = 0; !rc && i < s->n_parts; i++) {
    const char *table;
    hoso__pg_link_name(&s->links, i, &table);
    hoso__buf_reset(&remote);
    rc = make(s, table, arg, &remote);
    if (!rc && i) rc = hoso__buf_adds(&sql, ", ");
    if (!rc) rc = hoso__pg_link_send(s, i, remote.p, &sql);
  }
  hoso__buf_free(&remote);
  if (rc) {
    hoso__buf_free(&sql);
    return hoso__err(err, HOSO_ENOMEM, "out of memory");
  }
  rc = hoso__pg_cmd(s, sql.p, 0, NULL, err, "cannot search");
  hoso__buf_free(&sql);
  if (rc) hoso__pg_links_reset(s); /* the next search connects again */
  return rc;
}

int hoso__pg_links_union(pg_store *s, const char *head, const char *tail,
                         int results, hoso_buf *sql) {
  int rc = HOSO_OK;
  for (int i = 0; !rc && i < s->n_parts; i++)
    for (int k = 0; !rc && k < results; k++) {
      if (i || k) rc = hoso__buf_adds(sql, " UNION ALL ");
      if (!rc) rc = hoso__buf_adds(sql, head);
      if (!rc) rc = hoso__pg_link_result(s, i, sql);
      if (!rc) rc = hoso__buf_adds(sql, tail);
    }
  return rc;
}
