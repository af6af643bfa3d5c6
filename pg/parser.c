/* parser.c -- the text search parser `hoso_parser` behind the
** configuration `vietnamese`. Word boundaries come from the library's
** hoso__words_scan() (src/search/words.h) -- the scan whose words the
** SQLite FTS5 tokenizer indexes -- so both indexes see the same words.
** The parser hands PostgreSQL the ORIGINAL bytes of each word (ts_debug
** and ts_headline show the text as written); the dictionary (dict.c)
** turns them into the scan's forms. Gaps between words are `blank`
** tokens (id 12, the id the built-in headline function treats as space),
** so ts_headline can rebuild the text. */
#include "postgres.h"

#include "fmgr.h"
#include "tsearch/ts_public.h"

#include "hoso_pg.h"
#include "search/words.h"

#define TOK_WORD 1
#define TOK_CYRWORD 2
#define TOK_BLANK 12

typedef struct span {
  size_t start, end;
} span;

typedef struct hoso_prs {
  const char *s;
  size_t n;
  size_t pos; /* bytes before pos have been returned */
  span *words;
  size_t n_words, next;
} hoso_prs;

/* Inside the library's callback: malloc only (no palloc, no longjmp). */
static int note_word(void *ctx, const char *fold, size_t fold_n,
                     const char *exact, size_t exact_n, size_t start,
                     size_t end) {
  span sp = {start, end};
  return hoso__buf_add((hoso_buf *)ctx, &sp, sizeof sp);
}

PG_FUNCTION_INFO_V1(hoso_prs_start);
Datum hoso_prs_start(PG_FUNCTION_ARGS) {
  hoso_prs *p = palloc0(sizeof *p);
  hoso_words *w = hoso_pg_words();
  hoso_buf b;
  int rc;

  hoso_pg_require_utf8();
  p->s = (const char *)PG_GETARG_POINTER(0);
  p->n = (size_t)PG_GETARG_INT32(1);
  hoso__buf_init(&b, 0);
  rc = hoso__words_scan(w, p->s, p->n, note_word, &b);
  if (rc) {
    hoso__buf_free(&b);
    hoso_pg_fail(rc, "word scan");
  }
  p->n_words = b.n / sizeof(span);
  if (p->n_words) {
    p->words = (span *)MemoryContextAllocExtended(
        CurrentMemoryContext, b.n, MCXT_ALLOC_HUGE | MCXT_ALLOC_NO_OOM);
    if (p->words) memcpy(p->words, b.p, b.n);
  }
  hoso__buf_free(&b);
  if (p->n_words && !p->words) hoso_pg_fail(HOSO_ENOMEM, "word scan");
  PG_RETURN_POINTER(p);
}

PG_FUNCTION_INFO_V1(hoso_prs_gettoken);
Datum hoso_prs_gettoken(PG_FUNCTION_ARGS) {
  hoso_prs *p = (hoso_prs *)PG_GETARG_POINTER(0);
  char **t = (char **)PG_GETARG_POINTER(1);
  int *tlen = (int *)PG_GETARG_POINTER(2);
  size_t gap_end = p->next < p->n_words ? p->words[p->next].start : p->n;
  span *sp;

  if (p->pos < gap_end) { /* the gap before the next word, or the tail */
    *t = (char *)p->s + p->pos;
    *tlen = (int)(gap_end - p->pos);
    p->pos = gap_end;
    PG_RETURN_INT32(TOK_BLANK);
  }
  if (p->next >= p->n_words) PG_RETURN_INT32(0);
  sp = &p->words[p->next++];
  *t = (char *)p->s + sp->start;
  *tlen = (int)(sp->end - sp->start);
  p->pos = sp->end;
  PG_RETURN_INT32(hoso_pg_is_cyrillic(*t, (size_t)*tlen) ? TOK_CYRWORD : TOK_WORD);
}

PG_FUNCTION_INFO_V1(hoso_prs_end);
Datum hoso_prs_end(PG_FUNCTION_ARGS) {
  hoso_prs *p = (hoso_prs *)PG_GETARG_POINTER(0);
  if (p->words) pfree(p->words);
  pfree(p);
  PG_RETURN_VOID();
}

PG_FUNCTION_INFO_V1(hoso_prs_lextype);
Datum hoso_prs_lextype(PG_FUNCTION_ARGS) {
  static const struct {
    int id;
    const char *alias, *descr;
  } types[] = {
      {TOK_WORD, "word", "Word (Vietnamese, Latin or other letters)"},
      {TOK_CYRWORD, "cyrword", "Word, Cyrillic"},
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
