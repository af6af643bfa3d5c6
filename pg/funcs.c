/* funcs.c -- SQL functions of hoso_pg:
**   hoso_fold(text) -> text     the diacritic-folded key (hoso__fold_append)
**   hoso_terms(text) -> text[]  the library's full term stream with
**                               Snowball russian stemming: exactly what
**                               hoso's SQLite FTS5 tokenizer indexes, so
**                               it can be compared with to_tsvector. */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "fmgr.h"
#include "utils/array.h"
#include "utils/builtins.h"

#include "hoso_pg.h"
#include "search/terms.h"
#include "text/text.h"

PG_FUNCTION_INFO_V1(hoso_pg_fold);
Datum hoso_pg_fold(PG_FUNCTION_ARGS) {
  text *in = PG_GETARG_TEXT_PP(0);
  hoso_buf b;
  text *out;
  int rc;

  hoso_pg_require_utf8();
  hoso__buf_init(&b, 0);
  rc = hoso__fold_append(&b, VARDATA_ANY(in), VARSIZE_ANY_EXHDR(in));
  if (rc) {
    hoso__buf_free(&b);
    hoso_pg_fail(rc, "hoso_fold");
  }
  out = cstring_to_text_with_len(b.p ? b.p : "", (int)b.n);
  hoso__buf_free(&b);
  PG_RETURN_TEXT_P(out);
}

/* Terms are gathered NUL-separated in a malloc'd buffer (no palloc, so
** no longjmp, inside the library's callback), then turned into an array. */
static int gather(void *ctx, const hoso_term *t) {
  hoso_buf *b = ctx;
  int rc = hoso__buf_add(b, t->p, t->n);
  return rc ? rc : hoso__buf_addc(b, '\0');
}

PG_FUNCTION_INFO_V1(hoso_pg_terms);
Datum hoso_pg_terms(PG_FUNCTION_ARGS) {
  text *in = PG_GETARG_TEXT_PP(0);
  hoso_terms *ts;
  hoso_buf b;
  ArrayBuildState *acc = NULL;
  int rc;

  hoso_pg_require_utf8();
  rc = hoso__terms_new(&ts, HOSO_TERMS_STEM_RU);
  if (rc) hoso_pg_fail(rc, "hoso_terms");
  hoso__buf_init(&b, 0);
  rc = hoso__terms_run(ts, VARDATA_ANY(in), VARSIZE_ANY_EXHDR(in), gather, &b);
  hoso__terms_free(ts);
  if (rc) {
    hoso__buf_free(&b);
    hoso_pg_fail(rc, "hoso_terms");
  }
  PG_TRY();
  {
    size_t i = 0;
    acc = initArrayResult(TEXTOID, CurrentMemoryContext, false);
    while (i < b.n) {
      size_t len = strlen(b.p + i);
      acc = accumArrayResult(
          acc, PointerGetDatum(cstring_to_text_with_len(b.p + i, (int)len)),
          false, TEXTOID, CurrentMemoryContext);
      i += len + 1;
    }
  }
  PG_CATCH();
  {
    hoso__buf_free(&b);
    PG_RE_THROW();
  }
  PG_END_TRY();
  hoso__buf_free(&b);
  PG_RETURN_DATUM(makeArrayResult(acc, CurrentMemoryContext));
}
