/* query.c -- the SQL function hoso_query(text) -> tsquery: hoso's query
** language (words, "phrases", OR, -exclusion, prefix*) as a tsquery on
** the `vietnamese` configuration's terms, through the library's own walk
** (src/search/tsq.h). Unlike plainto_tsquery it groups typed syllables
** into words without diacritics too: with no index at hand it ORs every
** way of grouping them ("quoc phong" -> 'quoc_phong' | 'quoc' & 'phong'),
** so it finds every article `hoso search` finds (and possibly more).
** Bad queries (too long, a one-letter prefix, only exclusions) are SQL
** errors with the library's message. */
#include "postgres.h"

#include "fmgr.h"
#include "utils/builtins.h"
#include "utils/fmgrprotos.h"

#include "hoso.h"
#include "hoso_pg.h"
#include "search/query.h"
#include "search/tsq.h"

PG_FUNCTION_INFO_V1(hoso_pg_query);
Datum hoso_pg_query(PG_FUNCTION_ARGS) {
  text *in = PG_GETARG_TEXT_PP(0);
  hoso_words *w;
  hoso_qnode *q = NULL;
  hoso_error err;
  hoso_buf b;
  char *s;
  int rc, empty = 0;

  hoso_pg_require_utf8();
  w = hoso_pg_words();
  rc = hoso__query_parse(VARDATA_ANY(in), VARSIZE_ANY_EXHDR(in), &q, &err);
  if (rc)
    ereport(ERROR, (errcode(ERRCODE_INVALID_PARAMETER_VALUE),
                    errmsg("hoso_query: %s", err.message)));
  hoso__buf_init(&b, 0);
  if (q) rc = hoso__tsquery(w, q, NULL, NULL, &b, NULL, &empty);
  hoso__query_free(q);
  if (rc) {
    hoso__buf_free(&b);
    hoso_pg_fail(rc, "hoso_query");
  }
  s = pstrdup(b.p ? b.p : "");
  hoso__buf_free(&b);
  PG_RETURN_DATUM(DirectFunctionCall1(tsqueryin, CStringGetDatum(s)));
}
