/* dict.c -- the dictionary template `hoso_template`: one word (the
** original bytes the parser found) in, the forms hoso's SQLite index
** holds for it out -- the fold form and, when it differs, the exact form,
** both at the word's position. Both come from the library's
** hoso__words_forms() (src/search/words.h), the code the SQLite FTS5
** tokenizer's word scan runs, so the terms agree by construction:
**   "Quốc" -> quoc, quốc      "Переговоры" -> переговор, переговоры
** Russian stems are Snowball russian (Debian's libstemmer inside the
** library), the algorithm of PostgreSQL's built-in `russian` dictionary;
** scripts/test-pg.sh checks the two agree word for word. */
#include "postgres.h"

#include "fmgr.h"
#include "nodes/pg_list.h"
#include "tsearch/ts_public.h"

#include "hoso_pg.h"
#include "search/words.h"

PG_FUNCTION_INFO_V1(hoso_dict_init);
Datum hoso_dict_init(PG_FUNCTION_ARGS) {
  List *opts = (List *)PG_GETARG_POINTER(0);
  if (list_length(opts) > 0)
    ereport(ERROR, (errcode(ERRCODE_INVALID_PARAMETER_VALUE),
                    errmsg("hoso dictionary: takes no options")));
  PG_RETURN_POINTER(NULL);
}

PG_FUNCTION_INFO_V1(hoso_dict_lexize);
Datum hoso_dict_lexize(PG_FUNCTION_ARGS) {
  const char *in = (const char *)PG_GETARG_POINTER(1);
  int32 len = PG_GETARG_INT32(2);
  hoso_buf exact, fold;
  TSLexeme *res;
  int has_marks = 0, rc, k = 0, cyr;

  hoso_pg_require_utf8();
  hoso__buf_init(&exact, 0);
  hoso__buf_init(&fold, 0);
  rc = hoso__words_forms(hoso_pg_words(), in, (size_t)len, &exact, &fold, &has_marks);
  if (rc || fold.n == 0) {
    hoso__buf_free(&exact);
    hoso__buf_free(&fold);
    if (rc) hoso_pg_fail(rc, "word forms");
    PG_RETURN_POINTER(NULL); /* not a word: nothing to index */
  }
  cyr = hoso_pg_is_cyrillic(in, (size_t)len);
  /* In a tsquery, forms of one variant are ANDed, variants ORed: a
  ** Vietnamese word typed with marks needs both forms (exact match: "bàn"
  ** does not find "bán"), typed without them only the fold form; a Russian
  ** word of any inflection finds the others through its stem. */
  res = palloc0(sizeof(TSLexeme) * 3);
  res[k].lexeme = pnstrdup(fold.p, fold.n);
  res[k++].nvariant = 1;
  if (fold.n != exact.n || memcmp(fold.p, exact.p, fold.n) != 0) {
    res[k].lexeme = pnstrdup(exact.p, exact.n);
    res[k++].nvariant = cyr ? 2 : 1;
  }
  hoso__buf_free(&exact);
  hoso__buf_free(&fold);
  PG_RETURN_POINTER(res);
}
