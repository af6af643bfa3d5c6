/* tsq.c -- the query language as tsquery text: one walk of the parsed
** query for every PostgreSQL user of it (see tsq.h). */
#include <stdlib.h>
#include <string.h>

#include "search/tsq.h"

typedef struct tq {
  hoso_words *w;
  hoso_tsq_vocab_fn vocab;
  void *ctx;
  hoso_buf *out;
  hoso_buf *terms; /* fold words for snippets, NUL-separated, or NULL */
  int rc;
  int empty;
  int fold_only; /* no exact alternatives (hoso__tsquery_fold) */
} tq;

typedef struct form {
  hoso_buf exact, fold;
  int marks;
} form;

/* A word the snippets highlight (the SQLite backend's note_term). */
static void note_term(tq *t, const hoso_buf *fold, int prefix) {
  if (t->rc || !t->terms) return;
  t->rc = hoso__buf_add(t->terms, fold->p, fold->n);
  if (!t->rc && prefix) t->rc = hoso__buf_addc(t->terms, '*');
  if (!t->rc) t->rc = hoso__buf_add(t->terms, "", 1);
}

static void put(tq *t, const char *s) {
  if (!t->rc) t->rc = hoso__buf_adds(t->out, s);
}

/* A quoted lexeme: ' and \ doubled, as tsquery input wants. */
static void put_lexeme(tq *t, const char *s, size_t n, int prefix) {
  put(t, "'");
  for (size_t i = 0; i < n && !t->rc; i++) {
    if (s[i] == '\'' || s[i] == '\\') t->rc = hoso__buf_addc(t->out, s[i]);
    if (!t->rc) t->rc = hoso__buf_addc(t->out, s[i]);
  }
  put(t, prefix ? "':*" : "'");
}

/* Never in the index: '-' separates words. */
static void put_nothing(tq *t) {
  put(t, "'hoso-no-word'");
  t->empty = 1;
}

static void forms_free(form *f, size_t n) {
  for (size_t i = 0; i < n; i++) {
    hoso__buf_free(&f[i].exact);
    hoso__buf_free(&f[i].fold);
  }
  free(f);
}

/* Forms of each typed word; words with nothing searchable are dropped. */
static form *forms(tq *t, const hoso_qnode *nd, size_t *k) {
  form *f = calloc(nd->n_words ? nd->n_words : 1, sizeof *f);
  *k = 0;
  if (!f) {
    t->rc = HOSO_ENOMEM;
    return NULL;
  }
  for (size_t i = 0; i < nd->n_words && !t->rc; i++) {
    form *x = &f[*k];
    hoso__buf_init(&x->exact, 0);
    hoso__buf_init(&x->fold, 0);
    t->rc = hoso__words_forms(t->w, nd->words[i].s, nd->words[i].n, &x->exact,
                              &x->fold, &x->marks);
    if (!t->rc && x->fold.n) {
      (*k)++;
    } else {
      hoso__buf_free(&x->exact);
      hoso__buf_free(&x->fold);
    }
  }
  return f;
}

/* Syllables [a, b) joined by '_': fold forms, or (exact) the exact form
** of each syllable typed with marks -- the SQLite backend's join(). */
static int join(const form *f, size_t a, size_t b, int exact, hoso_buf *out) {
  hoso__buf_reset(out);
  int rc = HOSO_OK;
  for (size_t k = a; k < b && !rc; k++) {
    if (k > a) rc = hoso__buf_addc(out, '_');
    const hoso_buf *x = exact && f[k].marks ? &f[k].exact : &f[k].fold;
    if (!rc) rc = hoso__buf_add(out, x->p, x->n);
  }
  if (!rc && !out->p) rc = hoso__buf_addc(out, 0), out->n = 0;
  return rc;
}

/* Typed syllables -> index words: greedy longest match of up to
** HOSO_TSQ_MAX_WORD syllables the index holds. starts[i]..starts[i+1] =
** word i. */
static size_t segment(tq *t, const form *f, size_t n, size_t *starts) {
  size_t nw = 0, i = 0;
  hoso_buf b;
  hoso__buf_init(&b, 0);
  while (i < n && !t->rc) {
    size_t len = 1;
    for (size_t L = n - i < HOSO_TSQ_MAX_WORD ? n - i : HOSO_TSQ_MAX_WORD; L >= 2; L--) {
      int found = 0;
      t->rc = join(f, i, i + L, 0, &b);
      if (!t->rc) t->rc = t->vocab(t->ctx, b.p, b.n, &found);
      if (t->rc) break;
      if (found) {
        len = L;
        break;
      }
    }
    starts[nw++] = i;
    i += len;
  }
  starts[nw] = n;
  hoso__buf_free(&b);
  return nw;
}

/* One word (syllables [a, b)): fold, OR'ed with exact when typed with
** marks; noted for the snippets when note. */
static void word(tq *t, const form *f, size_t a, size_t b, int prefix,
                 int note) {
  int marks = 0;
  for (size_t k = a; k < b; k++) marks |= f[k].marks;
  if (t->fold_only) marks = 0;
  hoso_buf x;
  hoso__buf_init(&x, 0);
  if (marks) put(t, "(");
  if (!t->rc) t->rc = join(f, a, b, 0, &x);
  if (note) note_term(t, &x, prefix);
  if (!t->rc) put_lexeme(t, x.p, x.n, prefix);
  if (marks) {
    put(t, " | ");
    if (!t->rc) t->rc = join(f, a, b, 1, &x);
    if (!t->rc) put_lexeme(t, x.p, x.n, prefix);
    put(t, ")");
  }
  hoso__buf_free(&x);
}

/* Without an index to ask: every grouping of syllables [a, n) into words
** of up to HOSO_TSQ_MAX_WORD syllables, joined by op (" & " for a run,
** " <-> " for a phrase): (w(a,a+1) op rest) | (w(a,a+2) op rest) | ... */
static void alternatives(tq *t, const form *f, size_t a, size_t n,
                         const char *op) {
  size_t max = n - a < HOSO_TSQ_MAX_WORD ? n - a : HOSO_TSQ_MAX_WORD;
  if (max > 1) put(t, "(");
  for (size_t L = 1; L <= max && !t->rc; L++) {
    if (L > 1) put(t, " | ");
    int more = a + L < n;
    if (more) put(t, "(");
    word(t, f, a, a + L, 0, 0);
    if (more) {
      put(t, op);
      alternatives(t, f, a + L, n, op);
      put(t, ")");
    }
  }
  if (max > 1) put(t, ")");
}

/* The snippets' words without an index: each typed syllable. */
static void note_syllables(tq *t, const form *f, size_t n) {
  for (size_t i = 0; i < n; i++) note_term(t, &f[i].fold, 0);
}

static void words_node(tq *t, const hoso_qnode *nd) {
  size_t n;
  form *f = forms(t, nd, &n);
  if (!f) return;
  size_t *starts = n ? malloc((n + 1) * sizeof *starts) : NULL;
  if (n == 0) {
    put_nothing(t);
  } else if (!starts) {
    t->rc = HOSO_ENOMEM;
  } else if (nd->kind == HOSO_QN_PREFIX) {
    word(t, f, 0, n, 1, 1);
  } else if (!t->vocab) {
    const char *op = nd->kind == HOSO_QN_RUN ? " & " : " <-> ";
    note_syllables(t, f, n);
    put(t, "(");
    for (size_t a = 0; a < n && !t->rc; a += HOSO_TSQ_MAX_ALT) {
      size_t b = n - a < HOSO_TSQ_MAX_ALT ? n : a + HOSO_TSQ_MAX_ALT;
      if (a) put(t, op);
      /* pieces of a long run are grouped separately */
      form *piece = f + a;
      alternatives(t, piece, 0, b - a, op);
    }
    put(t, ")");
  } else {
    size_t nw = segment(t, f, n, starts);
    if (nd->kind == HOSO_QN_RUN) {
      put(t, "(");
      for (size_t i = 0; i < nw; i++) {
        if (i) put(t, " & ");
        word(t, f, starts[i], starts[i + 1], 0, 1);
      }
      put(t, ")");
    } else { /* phrase: the fold phrase, OR the exact phrase when marked */
      int marks = 0;
      for (size_t i = 0; i < n; i++) marks |= f[i].marks;
      if (t->fold_only) marks = 0;
      hoso_buf x;
      hoso__buf_init(&x, 0);
      put(t, "(");
      for (int pass = 0; pass < 1 + marks; pass++) {
        if (pass) put(t, " | ");
        put(t, "(");
        for (size_t i = 0; i < nw; i++) {
          if (i) put(t, " <-> ");
          if (!t->rc) t->rc = join(f, starts[i], starts[i + 1], pass, &x);
          if (pass == 0) note_term(t, &x, 0);
          if (!t->rc) put_lexeme(t, x.p, x.n, 0);
        }
        put(t, ")");
      }
      put(t, ")");
      hoso__buf_free(&x);
    }
  }
  free(starts);
  forms_free(f, n);
}

static void node(tq *t, const hoso_qnode *nd) {
  switch (nd->kind) {
  case HOSO_QN_AND:
  case HOSO_QN_OR:
    put(t, "(");
    for (size_t i = 0; i < nd->n_kids; i++) {
      if (i) put(t, nd->kind == HOSO_QN_AND ? " & " : " | ");
      node(t, nd->kids[i]);
    }
    put(t, ")");
    break;
  case HOSO_QN_NOT: {
    hoso_buf *saved = t->terms;
    int was_empty = t->empty;
    t->terms = NULL; /* excluded words are not highlighted */
    put(t, "!");
    if (nd->n_kids) node(t, nd->kids[0]);
    t->terms = saved;
    t->empty = was_empty;
    break;
  }
  default:
    words_node(t, nd);
  }
}

int hoso__tsquery(hoso_words *w, const hoso_qnode *q, hoso_tsq_vocab_fn vocab,
                  void *ctx, hoso_buf *out, hoso_buf *terms, int *empty) {
  tq t = {w, vocab, ctx, out, terms, HOSO_OK, 0, 0};
  node(&t, q);
  *empty = t.empty;
  return t.rc;
}

int hoso__tsquery_fold(hoso_words *w, const hoso_qnode *q,
                       hoso_tsq_vocab_fn vocab, void *ctx, hoso_buf *out) {
  tq t = {w, vocab, ctx, out, NULL, HOSO_OK, 0, 1};
  node(&t, q);
  return t.rc;
}
