/* parser.c -- the text search parser `hoso_parser` behind the
** configuration `vietnamese`. Token boundaries come from the library's
** hoso__tokens_next() (src/search/terms.h), the same function the SQLite
** FTS5 tokenizer runs, so both indexes see the same words. The parser
** hands PostgreSQL the ORIGINAL bytes of each word (ts_debug and
** ts_headline show the text as written); the dictionaries (dict.c) then
** normalise them with the library's hoso__term_norm(). The gaps between
** words are returned as `blank` tokens (id 12, the id the built-in
** headline function treats as space), so ts_headline can rebuild text. */
#include "postgres.h"

#include "fmgr.h"
#include "tsearch/ts_public.h"

#include "hoso_pg.h"
#include "search/terms.h"

#define TOK_BLANK 12

typedef struct hoso_prs {
  const char *s;
  size_t n;
  size_t pos;      /* bytes before pos have been returned */
  hoso_term_token next; /* the next word, when has_next */
  int has_next;
} hoso_prs;

PG_FUNCTION_INFO_V1(hoso_prs_start);
Datum hoso_prs_start(PG_FUNCTION_ARGS) {
  hoso_prs *p = palloc0(sizeof *p);
  hoso_pg_require_utf8();
  p->s = (const char *)PG_GETARG_POINTER(0);
  p->n = (size_t)PG_GETARG_INT32(1);
  PG_RETURN_POINTER(p);
}

PG_FUNCTION_INFO_V1(hoso_prs_gettoken);
Datum hoso_prs_gettoken(PG_FUNCTION_ARGS) {
  hoso_prs *p = (hoso_prs *)PG_GETARG_POINTER(0);
  char **t = (char **)PG_GETARG_POINTER(1);
  int *tlen = (int *)PG_GETARG_POINTER(2);

  if (!p->has_next) {
    size_t cur = p->pos;
    if (hoso__tokens_next(p->s, p->n, &cur, &p->next)) {
      p->has_next = 1;
    } else {
      if (p->pos >= p->n) PG_RETURN_INT32(0);
      *t = (char *)p->s + p->pos; /* trailing gap */
      *tlen = (int)(p->n - p->pos);
      p->pos = p->n;
      PG_RETURN_INT32(TOK_BLANK);
    }
  }
  if (p->pos < p->next.start) { /* the gap before the next word */
    *t = (char *)p->s + p->pos;
    *tlen = (int)(p->next.start - p->pos);
    p->pos = p->next.start;
    PG_RETURN_INT32(TOK_BLANK);
  }
  *t = (char *)p->s + p->next.start;
  *tlen = (int)(p->next.end - p->next.start);
  p->pos = p->next.end;
  p->has_next = 0;
  PG_RETURN_INT32(p->next.kind); /* 1 word, 2 cyrword, 3 number */
}

PG_FUNCTION_INFO_V1(hoso_prs_end);
Datum hoso_prs_end(PG_FUNCTION_ARGS) {
  pfree(PG_GETARG_POINTER(0));
  PG_RETURN_VOID();
}

PG_FUNCTION_INFO_V1(hoso_prs_lextype);
Datum hoso_prs_lextype(PG_FUNCTION_ARGS) {
  static const struct {
    int id;
    const char *alias, *descr;
  } types[] = {
      {HOSO_TOKEN_WORD, "word", "Word, Latin or other letters (folded)"},
      {HOSO_TOKEN_CYRILLIC, "cyrword", "Word, Cyrillic letters"},
      {HOSO_TOKEN_NUMBER, "number", "Decimal digits"},
      {TOK_BLANK, "blank", "Space and punctuation"},
  };
  size_t k = sizeof types / sizeof types[0];
  LexDescr *d = palloc(sizeof(LexDescr) * (k + 1));
  for (size_t i = 0; i < k; i++) {
    d[i].lexid = types[i].id;
    d[i].alias = pstrdup(types[i].alias);
    d[i].descr = pstrdup(types[i].descr);
  }
  d[k].lexid = 0;
  PG_RETURN_POINTER(d);
}
