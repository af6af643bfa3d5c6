/* pg_export.c -- hoso_export on PostgreSQL: every selected article in
** date order (undated last), streamed as JSON Lines, CSV or Markdown --
** byte for byte what the SQLite backend writes (store/sqlite_export.c).
** Rows arrive one at a time (libpq single-row mode), so memory stays
** bounded however many articles match. Nothing capped. */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "store/pg_int.h"

static int csv_field(hoso_buf *b, const char *s, size_t n) {
  int rc = hoso__buf_addc(b, '"');
  for (size_t i = 0; i < n && !rc; i++) {
    if (s[i] == '"') rc = hoso__buf_addc(b, '"');
    if (!rc) rc = hoso__buf_addc(b, s[i]);
  }
  if (!rc) rc = hoso__buf_addc(b, '"');
  return rc;
}

#define NCOLS 11
static const char *const cols[NCOLS] = {"id",   "story",  "published", "outlet",
                                        "title", "url",   "lang",      "author",
                                        "credit", "text", "also_in"};

/* One row (columns as cols[]) in the format, appended to b. */
static int row_out(const PGresult *r, int format, hoso_buf *b) {
  int rc = HOSO_OK;
  if (format == HOSO_EXPORT_JSONL) {
    hoso_json w;
    hoso__json_init(&w, b);
    hoso__json_obj_begin(&w);
    for (int k = 0; k < NCOLS; k++) {
      hoso__json_key(&w, cols[k]);
      if (k < 2) hoso__pg_json_int_col(&w, r, 0, k);
      else hoso__pg_json_col(&w, r, 0, k);
    }
    hoso__json_obj_end(&w);
    rc = w.rc;
    return rc ? rc : hoso__buf_addc(b, '\n');
  }
  if (format == HOSO_EXPORT_CSV) {
    for (int k = 0; k < NCOLS && !rc; k++) {
      if (k) rc = hoso__buf_addc(b, ',');
      if (!rc && !PQgetisnull(r, 0, k))
        rc = csv_field(b, PQgetvalue(r, 0, k), (size_t)PQgetlength(r, 0, k));
    }
    return rc ? rc : hoso__buf_adds(b, "\r\n");
  }
  /* Markdown (PQgetvalue gives "" for NULL, as the SQLite text of NULL) */
  const char *title = PQgetvalue(r, 0, 4);
  rc = hoso__buf_printf(b, "## %s\n\n", *title ? title : "(untitled)");
  if (!rc)
    rc = hoso__buf_printf(b, "*%s*, %s%s%s — article %s, story %s\n\n",
                          *PQgetvalue(r, 0, 3) ? PQgetvalue(r, 0, 3) : "unknown outlet",
                          *PQgetvalue(r, 0, 2) ? PQgetvalue(r, 0, 2) : "date unknown",
                          *PQgetvalue(r, 0, 5) ? ", " : "", PQgetvalue(r, 0, 5),
                          PQgetvalue(r, 0, 0), PQgetvalue(r, 0, 1));
  if (!rc && *PQgetvalue(r, 0, 10))
    rc = hoso__buf_printf(b, "Also carried by: %s\n\n", PQgetvalue(r, 0, 10));
  /* the text as a quote block, paragraph by paragraph */
  const char *t = PQgetvalue(r, 0, 9);
  size_t tn = (size_t)PQgetlength(r, 0, 9), a = 0;
  while (a < tn && !rc) {
    size_t e = a;
    while (e < tn && t[e] != '\n') e++;
    if (e > a) {
      rc = hoso__buf_adds(b, "> ");
      if (!rc) rc = hoso__buf_add(b, t + a, e - a);
      if (!rc) rc = hoso__buf_adds(b, "\n>\n");
    }
    a = e + 1;
  }
  return rc ? rc : hoso__buf_adds(b, "\n");
}

/* Drain what is left of a query sent with PQsendQueryParams. */
static void drain(PGconn *c) {
  PGresult *r;
  while ((r = PQgetResult(c)) != NULL) PQclear(r);
}

int hoso__pg_export(hoso_store *stp, const hoso_qnode *q, const hoso_query *opt,
                    int format, hoso_write_fn write, void *ctx,
                    hoso_error *err) {
  pg_store *s = (pg_store *)stp;
  if (format < HOSO_EXPORT_JSONL || format > HOSO_EXPORT_MARKDOWN)
    return hoso__err(err, HOSO_EARG, "unknown export format %d", format);
  pg_sel sel;
  hoso_buf sql, b;
  hoso__buf_init(&sql, 0);
  hoso__buf_init(&b, 0);
  int rc = hoso__pg_select(s, q, opt, 1, &sel, err);
  int64_t n = 0;
  if (!rc && format == HOSO_EXPORT_MARKDOWN) { /* the header says how many */
    if (hoso__buf_printf(&sql, "SELECT count(*) FROM article a WHERE %s",
                         sel.where.p))
      rc = hoso__err(err, HOSO_ENOMEM, "out of memory");
    PGresult *c = rc ? NULL : hoso__pg_exec(s, sql.p, sel.n, sel.p, err,
                                            "cannot export");
    if (!rc && !c) rc = HOSO_EDB;
    if (c) n = strtoll(PQgetvalue(c, 0, 0), NULL, 10);
    PQclear(c);
    hoso__buf_reset(&sql);
  }
  if (!rc && hoso__buf_printf(
                 &sql,
                 "SELECT a.id, a.story_id, a.published, o.name, a.title, a.url,"
                 " a.lang, a.author, a.credit, a.text, (SELECT string_agg("
                 "o2.name || ' ' || coalesce(a2.url, ''), '; ' ORDER BY"
                 " a2.outlet_id, a2.id) FROM article a2 LEFT JOIN outlet o2 ON"
                 " o2.id=a2.outlet_id WHERE a2.story_id=a.story_id AND"
                 " a2.id<>a.id) FROM article a LEFT JOIN outlet o"
                 " ON o.id=a.outlet_id WHERE %s"
                 " ORDER BY a.published_day NULLS LAST, a.id",
                 sel.where.p))
    rc = hoso__err(err, HOSO_ENOMEM, "out of memory");
  if (!rc && format == HOSO_EXPORT_CSV) {
    for (int i = 0; i < NCOLS && !rc; i++) {
      if (i) rc = hoso__buf_addc(&b, ',');
      if (!rc) rc = hoso__buf_adds(&b, cols[i]);
    }
    if (!rc) rc = hoso__buf_adds(&b, "\r\n");
    if (rc) rc = hoso__err(err, rc, "out of memory");
  } else if (!rc && format == HOSO_EXPORT_MARKDOWN) {
    if (hoso__buf_printf(&b, "# hoso export%s%.*s\n\n%" PRId64
                             " articles, oldest first.\n\n",
                         opt && opt->q_n ? ": " : "",
                         opt && opt->q ? (int)opt->q_n : 0,
                         opt && opt->q ? opt->q : "", n))
      rc = hoso__err(err, HOSO_ENOMEM, "out of memory");
  }
  if (!rc) {
    if (!PQsendQueryParams(s->conn, sql.p, sel.n, NULL, sel.p, NULL, NULL, 0) ||
        !PQsetSingleRowMode(s->conn))
      rc = hoso__pg_err(s, err, NULL, "cannot export");
  }
  int sent = !rc;
  while (!rc) {
    PGresult *r = PQgetResult(s->conn);
    if (!r) break;
    ExecStatusType st = PQresultStatus(r);
    if (st == PGRES_SINGLE_TUPLE) {
      rc = row_out(r, format, &b);
      if (rc) rc = hoso__err(err, rc, "out of memory");
    } else if (st != PGRES_TUPLES_OK) {
      rc = hoso__pg_err(s, err, r, "cannot export");
    }
    PQclear(r);
    if (!rc && b.n >= 65536) {
      if (write(ctx, b.p, b.n))
        rc = hoso__err(err, HOSO_EIO, "export stopped: the output could not be written");
      hoso__buf_reset(&b);
    }
  }
  if (sent) drain(s->conn);
  if (!rc && b.n && write(ctx, b.p, b.n))
    rc = hoso__err(err, HOSO_EIO, "export stopped: the output could not be written");
  hoso__pg_sel_free(&sel);
  hoso__buf_free(&sql);
  hoso__buf_free(&b);
  return rc;
}
