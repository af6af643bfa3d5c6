/* fts.c -- the "hoso" FTS5 tokenizer (see fts.h). */
#include <stdlib.h>
#include <string.h>

#include "search/fts.h"
#include "search/words.h"

typedef struct tok {
  hoso_words *words; /* for raw text; made on first use */
} tok;

static int tok_create(void *ctx, const char **argv, int argc,
                      Fts5Tokenizer **out) {
  (void)ctx;
  (void)argv;
  (void)argc;
  tok *t = calloc(1, sizeof(*t));
  if (!t) return SQLITE_NOMEM;
  *out = (Fts5Tokenizer *)t;
  return SQLITE_OK;
}

static void tok_delete(Fts5Tokenizer *p) {
  tok *t = (tok *)p;
  if (!t) return;
  hoso__words_free(t->words);
  free(t);
}

typedef struct emit_ctx {
  void *fts_ctx;
  int (*x_token)(void *, int, const char *, int, int, int);
  int rc;
  char term[HOSO_TERM_MAX]; /* fold, HOSO_TERM_SEP, exact */
} emit_ctx;

/* One token per word: its index term (words.h: "fold\x1F" or
** "fold\x1Fexact"). */
static int emit_word(void *ctx, const char *fold, size_t fold_n,
                     const char *exact, size_t exact_n, size_t start,
                     size_t end) {
  emit_ctx *e = ctx;
  if (fold_n == 0) return 0;
  size_t n = hoso__words_term(fold, fold_n, exact, exact_n, e->term);
  int rc = e->x_token(e->fts_ctx, 0, e->term, (int)n, (int)start, (int)end);
  if (rc != SQLITE_OK) e->rc = rc;
  return rc != SQLITE_OK;
}

/* One token per stream record: the term as it is (words.h). */
static int emit_term(void *ctx, const char *term, size_t term_n, size_t start,
                     size_t end) {
  emit_ctx *e = ctx;
  int rc = e->x_token(e->fts_ctx, 0, term, (int)term_n, (int)start, (int)end);
  if (rc != SQLITE_OK) e->rc = rc;
  return rc != SQLITE_OK;
}

static int tok_tokenize(Fts5Tokenizer *p, void *ctx, int flags,
                        const char *text, int n,
                        int (*x_token)(void *, int, const char *, int, int,
                                       int)) {
  tok *t = (tok *)p;
  emit_ctx e;
  e.fts_ctx = ctx;
  e.x_token = x_token;
  e.rc = SQLITE_OK;
  if (n <= 0) return SQLITE_OK;
  if ((flags & FTS5_TOKENIZE_QUERY) || (flags & FTS5_TOKENIZE_PREFIX)) {
    /* pre-normalised by the store: split on spaces only */
    int i = 0;
    while (i < n) {
      while (i < n && text[i] == ' ') i++;
      int s = i;
      while (i < n && text[i] != ' ') i++;
      if (i > s) {
        int rc = x_token(ctx, 0, text + s, i - s, s, i);
        if (rc != SQLITE_OK) return rc;
      }
    }
    return SQLITE_OK;
  }
  if ((size_t)n >= HOSO_WORDS_MAGIC_N &&
      !memcmp(text, HOSO_WORDS_MAGIC, HOSO_WORDS_MAGIC_N)) {
    /* a stream: its records are the terms, handed over without a copy */
    int rc = hoso__words_unstream_terms(text, (size_t)n, emit_term, &e);
    if (e.rc != SQLITE_OK) return e.rc;
    return rc == HOSO_OK ? SQLITE_OK : SQLITE_ERROR;
  }
  if (!t->words && hoso__words_new(&t->words) != HOSO_OK) return SQLITE_NOMEM;
  int rc = hoso__words_scan(t->words, text, (size_t)n, emit_word, &e);
  if (e.rc != SQLITE_OK) return e.rc;
  return rc == HOSO_OK ? SQLITE_OK : SQLITE_NOMEM;
}

int hoso__fts_register(sqlite3 *db) {
  fts5_api *api = NULL;
  sqlite3_stmt *st = NULL;
  int rc = sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, NULL);
  if (rc != SQLITE_OK) return rc;
  sqlite3_bind_pointer(st, 1, (void *)&api, "fts5_api_ptr", NULL);
  sqlite3_step(st);
  rc = sqlite3_finalize(st);
  if (rc != SQLITE_OK) return rc;
  if (!api || api->iVersion < 2) return SQLITE_ERROR;
  fts5_tokenizer t = {tok_create, tok_delete, tok_tokenize};
  return api->xCreateTokenizer(api, "hoso", NULL, &t, NULL);
}
