/* pg_query.c -- from a parsed query and filters to the articles they
** select on the PostgreSQL backend: the query language turned into a
** tsquery by the shared walk (search/tsq.h: the SQLite backend's matching
** rule, typed syllables grouped greedily into the words this archive's
** index holds, asked here of the archive's vocabulary), and the filters
** (dates, outlet, language, person, organisation, event type) as SQL
** conditions. */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "search/tsq.h"
#include "store/pg_int.h"
#include "text/text.h"

/* ---- tsquery ----------------------------------------------------- */

typedef struct vocab_ctx {
  pg_store *s;
  hoso_error *err;
} vocab_ctx;

/* Is this word in the index? One b-tree probe of the archive's
** vocabulary (hoso.term, schema 5: every term of every article's tsv). */
static int in_index(void *ctx, const char *fold, size_t n, int *found) {
  vocab_ctx *v = ctx;
  char *word = malloc(n + 1);
  if (!word) return HOSO_ENOMEM;
  memcpy(word, fold, n);
  word[n] = 0;
  const char *p[1] = {word};
  PGresult *r = hoso__pg_exec_cached(v->s, "SELECT 1 FROM term WHERE term = $1 LIMIT 1",
                              1, p, v->err, "cannot read the search vocabulary");
  free(word);
  if (!r) return HOSO_EDB;
  *found = PQntuples(r) > 0;
  PQclear(r);
  return HOSO_OK;
}

int hoso__pg_tsquery(pg_store *s, const hoso_qnode *q, hoso_buf *out,
                     hoso_buf *terms, int *empty, hoso_error *err) {
  vocab_ctx v = {s, err};
  return hoso__tsquery(s->words, q, in_index, &v, out, terms, empty);
}

int hoso__pg_tsquery_fold(pg_store *s, const hoso_qnode *q, hoso_buf *out,
                          hoso_error *err) {
  vocab_ctx v = {s, err};
  int rc = hoso__tsquery_fold(s->words, q, in_index, &v, out);
  if (rc && rc != HOSO_EDB) rc = hoso__err(err, rc, "out of memory");
  return rc;
}

/* ---- filters ----------------------------------------------------- */

/* Parameter v as $n: appends before, "$n", after to the condition. */
static int add_param(pg_sel *sel, const char *v, const char *before,
                     const char *after) {
  if (sel->n >= PG_SEL_MAX) return HOSO_EINTERNAL;
  sel->p[sel->n++] = v;
  return hoso__buf_printf(&sel->where, "%s$%d%s", before, sel->n, after);
}

void hoso__pg_sel_free(pg_sel *sel) {
  hoso__buf_free(&sel->tsq);
  hoso__buf_free(&sel->terms);
  hoso__buf_free(&sel->where);
  free(sel->person_key);
  free(sel->org_key);
  memset(sel, 0, sizeof *sel);
}

int hoso__pg_select(pg_store *s, const hoso_qnode *q, const hoso_query *o,
                    int dates, pg_sel *sel, hoso_error *err) {
  memset(sel, 0, sizeof *sel);
  hoso__buf_init(&sel->tsq, 0);
  hoso__buf_init(&sel->terms, 0);
  hoso__buf_init(&sel->where, 0);
  int rc = HOSO_OK, empty = 0;
  if (q) {
    rc = hoso__pg_tsquery(s, q, &sel->tsq, &sel->terms, &empty, err);
    if (rc && rc != HOSO_EDB) rc = hoso__err(err, rc, "out of memory");
    if (rc) return rc;
  }
  sel->q = q;
  sel->p[sel->n++] = q ? sel->tsq.p : NULL;
  /* one shape per case, not "($1 IS NULL OR tsv @@ $1)": the statement is
  ** prepared (pg_stmt.c), and a generic plan of that OR could not use the
  ** text index; without a query $1 is NULL and the condition true */
  rc = hoso__buf_adds(&sel->where, sel->p[0] ? "(a.tsv @@ $1::tsquery)" : "($1::tsquery IS NULL)");
  if (!o || rc) return rc ? hoso__err(err, rc, "out of memory") : HOSO_OK;
  int64_t day;
  if (dates && o->from && *o->from) {
    if (hoso__store_parse_day(o->from, 0, &day))
      return hoso__err(err, HOSO_EARG, "bad --from date '%s': use YYYY, YYYY-MM or YYYY-MM-DD", o->from);
    snprintf(sel->from, sizeof sel->from, "%" PRId64, day);
    rc = add_param(sel, sel->from, " AND a.published_day >= ", "");
  }
  if (!rc && dates && o->to && *o->to) {
    if (hoso__store_parse_day(o->to, 1, &day))
      return hoso__err(err, HOSO_EARG, "bad --to date '%s': use YYYY, YYYY-MM or YYYY-MM-DD", o->to);
    snprintf(sel->to, sizeof sel->to, "%" PRId64, day);
    rc = add_param(sel, sel->to, " AND a.published_day <= ", "");
  }
  /* the outlet's name compared without case, as the SQLite backend */
  if (!rc && o->outlet && *o->outlet)
    rc = add_param(sel, o->outlet, " AND a.outlet_id = (SELECT id FROM outlet"
                                   " WHERE lower(name) = lower(", ") LIMIT 1)");
  /* languages other than vi/ru/en are stored as one "other" class there */
  if (!rc && o->lang && *o->lang) {
    rc = add_param(sel, o->lang,
                   " AND (CASE WHEN a.lang IN ('vi','ru','en') THEN a.lang END)"
                   " IS NOT DISTINCT FROM (CASE WHEN ", "::text");
    if (!rc)
      rc = hoso__buf_printf(&sel->where, " IN ('vi','ru','en') THEN $%d::text"
                                         " END)", sel->n);
  }
  for (int k = 0; k < 2 && !rc; k++) {
    const char *name = k == 0 ? o->person : o->org;
    char **key = k == 0 ? &sel->person_key : &sel->org_key;
    if (!name || !*name) continue;
    if (hoso__store_fold_key(name, strlen(name), key))
      return hoso__err(err, HOSO_ENOMEM, "out of memory");
    rc = add_param(sel, *key,
                   k == 0 ? " AND a.id IN (SELECT m.article_id FROM entity e JOIN"
                            " mention m ON m.entity_id = e.id WHERE e.kind = 1"
                            " AND e.key = "
                          : " AND a.id IN (SELECT m.article_id FROM entity e JOIN"
                            " mention m ON m.entity_id = e.id WHERE e.kind = 2"
                            " AND e.key = ", ")");
  }
  if (!rc && o->event_type && *o->event_type)
    rc = add_param(sel, o->event_type,
                   " AND a.id IN (SELECT es.article_id FROM event e JOIN"
                   " event_source es ON es.event_id = e.id WHERE e.type = ", ")");
  if (rc == HOSO_EINTERNAL) return hoso__err(err, rc, "too many filters");
  return rc ? hoso__err(err, rc, "out of memory") : HOSO_OK;
}
