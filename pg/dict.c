/* dict.c -- the dictionary template `hoso_template`: one token in, its
** normalised term out, computed by the library's hoso__term_norm()
** (src/search/terms.h). Options:
**   MODE = fold   (Latin words and numbers: "Quốc" -> "quoc")
**   MODE = lower  (Cyrillic words: lower case, marks kept)
**   FILTER = true (pass the result on to the next dictionary: Cyrillic
**                  words go on to the Snowball `russian` stemmer). */
#include "postgres.h"

#include "commands/defrem.h"
#include "fmgr.h"
#include "nodes/pg_list.h"
#include "tsearch/ts_public.h"

#include "hoso_pg.h"
#include "search/terms.h"

typedef struct hoso_dict {
  int kind; /* HOSO_TOKEN_WORD (fold) or HOSO_TOKEN_CYRILLIC (lower) */
  bool filter;
} hoso_dict;

PG_FUNCTION_INFO_V1(hoso_dict_init);
Datum hoso_dict_init(PG_FUNCTION_ARGS) {
  List *opts = (List *)PG_GETARG_POINTER(0);
  hoso_dict *d = palloc0(sizeof *d);
  ListCell *l;
  d->kind = HOSO_TOKEN_WORD;
  foreach (l, opts) {
    DefElem *e = (DefElem *)lfirst(l);
    if (strcmp(e->defname, "mode") == 0) {
      const char *m = defGetString(e);
      if (strcmp(m, "fold") == 0)
        d->kind = HOSO_TOKEN_WORD;
      else if (strcmp(m, "lower") == 0)
        d->kind = HOSO_TOKEN_CYRILLIC;
      else
        ereport(ERROR, (errcode(ERRCODE_INVALID_PARAMETER_VALUE),
                        errmsg("hoso dictionary: MODE must be fold or "
                               "lower, not \"%s\"", m)));
    } else if (strcmp(e->defname, "filter") == 0) {
      d->filter = defGetBoolean(e);
    } else {
      ereport(ERROR, (errcode(ERRCODE_INVALID_PARAMETER_VALUE),
                      errmsg("hoso dictionary: unknown option \"%s\"",
                             e->defname)));
    }
  }
  PG_RETURN_POINTER(d);
}

PG_FUNCTION_INFO_V1(hoso_dict_lexize);
Datum hoso_dict_lexize(PG_FUNCTION_ARGS) {
  hoso_dict *d = (hoso_dict *)PG_GETARG_POINTER(0);
  const char *in = (const char *)PG_GETARG_POINTER(1);
  int32 len = PG_GETARG_INT32(2);
  hoso_buf b;
  TSLexeme *res;
  int rc;

  hoso_pg_require_utf8();
  hoso__buf_init(&b, 0);
  rc = hoso__term_norm(&b, d->kind, in, (size_t)len);
  if (rc) {
    hoso__buf_free(&b);
    hoso_pg_fail(rc, "term normalisation");
  }
  res = palloc0(sizeof(TSLexeme) * 2);
  res[0].lexeme = pnstrdup(b.p ? b.p : "", b.n);
  res[0].flags = d->filter ? TSL_FILTER : 0;
  hoso__buf_free(&b);
  PG_RETURN_POINTER(res);
}
