/* funcs.c -- SQL functions of hoso_pg:
**   hoso_fold(text) -> text     the diacritic-folded key (hoso__fold_append)
**   hoso_terms(text) -> text[]  what hoso's SQLite FTS5 index holds for a
**                               text: hoso__words_scan's words in order,
**                               each word's fold form then (if different)
**                               its exact form, the two in byte order --
**                               so it can be compared with to_tsvector. */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "fmgr.h"
#include "utils/array.h"
#include "utils/builtins.h"

#include "hoso_pg.h"
#include "search/words.h"
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

static int add_term(hoso_buf *b, const char *s, size_t n) {
  int rc = hoso__buf_add(b, s, n);
  return rc ? rc : hoso__buf_addc(b, '\0');
}

/* Inside the library's callback: malloc only (no palloc, no longjmp). */
static int gather(void *ctx, const char *fold, size_t fold_n,
                  const char *exact, size_t exact_n, size_t start,
                  size_t end) {
  hoso_buf *b = ctx;
  int rc;
  if (!exact) return add_term(b, fold, fold_n);
  size_t m = fold_n < exact_n ? fold_n : exact_n;
  int c = memcmp(fold, exact, m);
  if (c < 0 || (c == 0 && fold_n < exact_n)) {
    rc = add_term(b, fold, fold_n);
    return rc ? rc : add_term(b, exact, exact_n);
  }
  rc = add_term(b, exact, exact_n);
  return rc ? rc : add_term(b, fold, fold_n);
}

PG_FUNCTION_INFO_V1(hoso_pg_terms);
Datum hoso_pg_terms(PG_FUNCTION_ARGS) {
  text *in = PG_GETARG_TEXT_PP(0);
  hoso_words *w;
  hoso_buf b;
  ArrayBuildState *acc = NULL;
  int rc;

  hoso_pg_require_utf8();
  w = hoso_pg_words();
  hoso__buf_init(&b, 0);
  rc = hoso__words_scan(w, VARDATA_ANY(in), VARSIZE_ANY_EXHDR(in), gather,
                        &b);
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
