/* dict.c -- the dictionary template `hoso_template`: one word (the
** original bytes the parser found) in, the forms hoso__words_scan gives
** that word out -- the fold form and, when it differs, the exact form,
** both at the word's position, as in hoso's SQLite FTS5 index:
**   exact = hoso__words_exact(word)           "Quốc" -> "quốc"
**   fold  = hoso__fold_append(exact)          "quốc" -> "quoc"
** For a Cyrillic word the fold form is the folded Snowball stem of the
** exact form; the stem comes from PostgreSQL's built-in Snowball
** dictionary named by the option STEMMER (the extension makes
** `hoso_russian`, TEMPLATE = snowball, LANGUAGE = russian, no stop
** words), the same algorithm libstemmer runs for the SQLite side. */
#include "postgres.h"

#include "catalog/namespace.h"
#include "commands/defrem.h"
#include "fmgr.h"
#include "nodes/pg_list.h"
#include "tsearch/ts_cache.h"
#include "tsearch/ts_public.h"
#include "utils/memutils.h"
#include "utils/regproc.h"

#include "hoso_pg.h"
#include "search/words.h"
#include "text/text.h"

typedef struct hoso_dict {
  Oid stemmer;    /* Snowball dictionary for Cyrillic words, or InvalidOid */
  hoso_words *w;  /* malloc'd; freed when the dictionary's context goes */
  MemoryContextCallback free_cb;
} hoso_dict;

static void free_words(void *arg) {
  hoso_dict *d = arg;
  hoso__words_free(d->w);
  d->w = NULL;
}

PG_FUNCTION_INFO_V1(hoso_dict_init);
Datum hoso_dict_init(PG_FUNCTION_ARGS) {
  List *opts = (List *)PG_GETARG_POINTER(0);
  hoso_dict *d = palloc0(sizeof *d);
  ListCell *l;
  int rc;

  d->stemmer = InvalidOid;
  foreach (l, opts) {
    DefElem *e = (DefElem *)lfirst(l);
    if (strcmp(e->defname, "stemmer") == 0) {
      d->stemmer =
          get_ts_dict_oid(stringToQualifiedNameList(defGetString(e)), false);
    } else {
      ereport(ERROR, (errcode(ERRCODE_INVALID_PARAMETER_VALUE),
                      errmsg("hoso dictionary: unknown option \"%s\"",
                             e->defname)));
    }
  }
  rc = hoso__words_new(&d->w);
  if (rc) hoso_pg_fail(rc, "hoso dictionary");
  d->free_cb.func = free_words;
  d->free_cb.arg = d;
  MemoryContextRegisterResetCallback(CurrentMemoryContext, &d->free_cb);
  PG_RETURN_POINTER(d);
}

/* The Snowball stem of s (palloc'd), or NULL when it gives none. */
static char *stem(Oid dict, const char *s, size_t n) {
  TSDictionaryCacheEntry *e = lookup_ts_dictionary_cache(dict);
  DictSubState ds = {false, false, NULL};
  TSLexeme *res = (TSLexeme *)DatumGetPointer(FunctionCall4(
      &e->lexize, PointerGetDatum(e->dictData), PointerGetDatum(s),
      Int32GetDatum((int32)n), PointerGetDatum(&ds)));
  return res && res[0].lexeme ? res[0].lexeme : NULL;
}

PG_FUNCTION_INFO_V1(hoso_dict_lexize);
Datum hoso_dict_lexize(PG_FUNCTION_ARGS) {
  hoso_dict *d = (hoso_dict *)PG_GETARG_POINTER(0);
  const char *in = (const char *)PG_GETARG_POINTER(1);
  int32 len = PG_GETARG_INT32(2);
  hoso_buf exact, fold;
  TSLexeme *res;
  const char *src;
  size_t src_n;
  char *st = NULL;
  int cyr = 0, rc, k = 0;

  hoso_pg_require_utf8();
  if (!d->w) hoso_pg_fail(HOSO_EINTERNAL, "hoso dictionary");
  hoso__buf_init(&exact, 0);
  hoso__buf_init(&fold, 0);
  rc = hoso__words_exact(d->w, in, (size_t)len, &exact, &cyr);
  if (rc || exact.n == 0) {
    hoso__buf_free(&exact);
    if (rc) hoso_pg_fail(rc, "word forms");
    PG_RETURN_POINTER(NULL); /* not a word: nothing to index */
  }
  src = exact.p;
  src_n = exact.n;
  if (cyr && OidIsValid(d->stemmer)) {
    PG_TRY();
    { st = stem(d->stemmer, exact.p, exact.n); }
    PG_CATCH();
    {
      hoso__buf_free(&exact);
      PG_RE_THROW();
    }
    PG_END_TRY();
    if (st) {
      src = st;
      src_n = strlen(st);
    }
  }
  rc = hoso__fold_append(&fold, src, src_n);
  if (rc) {
    hoso__buf_free(&exact);
    hoso__buf_free(&fold);
    hoso_pg_fail(rc, "word forms");
  }
  res = palloc0(sizeof(TSLexeme) * 3);
  /* In a tsquery, forms of one variant are ANDed, variants ORed: a
  ** Vietnamese word typed with marks needs both forms (exact match: "bàn"
  ** does not find "bán"), typed without them only the fold form; a Russian
  ** word of any inflection finds the others through its stem. */
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
