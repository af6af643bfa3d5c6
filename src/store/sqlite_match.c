/* sqlite_match.c -- from a parsed query to the matching articles:
** the FTS5 expression (words found by looking syllable runs up in the
** index vocabulary), filters from the in-memory article cache, and the
** cache itself. */
#include <stdlib.h>
#include <string.h>

#include "store/sqlite_int.h"
#include "text/text.h"

#define MAX_WORD_SYLL 4 /* longest word looked up in the vocabulary */

/* ---- the article cache ------------------------------------------------ */

static int cache_grow(sq_cache *c, size_t need) {
  if (need <= c->cap) return HOSO_OK;
  size_t nc = c->cap ? c->cap : 1024;
  while (nc < need) nc *= 2;
  sq_fact *f = realloc(c->fact, nc * sizeof(*f));
  if (!f) return HOSO_ENOMEM;
  c->fact = f;
  uint8_t *l = realloc(c->lang, nc);
  if (!l) return HOSO_ENOMEM;
  c->lang = l;
  for (size_t i = c->cap; i < nc; i++) {
    c->fact[i] = (sq_fact){0, INT32_MIN, 0};
    c->lang[i] = 0;
  }
  c->cap = nc;
  return HOSO_OK;
}

/* Reads the covering index article_facts (schema 3), not the article
** rows: loading 84,000 articles' facts then reads ~3 MB, not the texts. */
int hoso__sq_cache_refresh(sq_store *s, hoso_error *err) {
  sqlite3_stmt *st;
  int rc = sqlite3_prepare_v2(s->db,
                              "SELECT id, story_id, published_day, outlet_id,"
                              " lang FROM article INDEXED BY article_facts"
                              " WHERE id>?1 ORDER BY id",
                              -1, &st, NULL);
  if (rc != SQLITE_OK) return hoso__sq_err(s, err, rc, "cannot read articles");
  sqlite3_bind_int64(st, 1, s->cache.max_id);
  int r = HOSO_OK;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    int64_t id = sqlite3_column_int64(st, 0);
    if (id < 0 || cache_grow(&s->cache, (size_t)id + 1)) {
      r = hoso__err(err, HOSO_ENOMEM, "out of memory caching articles");
      break;
    }
    sq_fact *f = &s->cache.fact[id];
    f->story = sqlite3_column_int64(st, 1);
    f->day = sqlite3_column_type(st, 2) == SQLITE_NULL ? INT32_MIN
                                                       : (int32_t)sqlite3_column_int64(st, 2);
    f->outlet = (int32_t)sqlite3_column_int64(st, 3);
    s->cache.lang[id] = hoso__sq_lang_code((const char *)sqlite3_column_text(st, 4));
    s->cache.max_id = id;
  }
  if (!r && rc != SQLITE_DONE) r = hoso__sq_err(s, err, rc, "cannot read articles");
  sqlite3_finalize(st);
  if (!r) r = hoso__sq_dsz_refresh(s, err);
  return r;
}

/* ---- the FTS5 expression ---------------------------------------------- */

typedef struct xb {
  sq_store *s;
  hoso_buf *expr;
  hoso_buf *terms; /* folded words for snippets, NUL-separated */
  hoso_error *err;
  int rc;
  int empty; /* a word the index does not know: no match possible */
} xb;

typedef struct syl {
  char *exact, *fold;
  int marks;
} syl;

/* Index terms (words.h, schema 4): a word is one FTS5 token
** "fold\x1F[exact]". Any spelling of fold is the prefix phrase
** "fold\x1F"*, one spelling the term "fold\x1Fexact". */
static int fold_key(const char *fold, hoso_buf *out) {
  hoso__buf_reset(out);
  int rc = hoso__buf_adds(out, fold);
  if (!rc) rc = hoso__buf_addc(out, HOSO_TERM_SEP);
  if (!rc) rc = hoso__buf_addc(out, '*');
  return rc;
}

/* Through the term cache (sqlite_terms.c): a probe reads the doclist the
** search then uses, and a word seen before costs no SQL. */
static int in_vocab(sq_store *s, const char *fold, int *found, hoso_error *err) {
  hoso_buf k;
  hoso__buf_init(&k, 0);
  int rc = fold_key(fold, &k);
  if (rc) {
    hoso__buf_free(&k);
    return hoso__err(err, HOSO_ENOMEM, "out of memory");
  }
  rc = hoso__sq_terms_has(s, k.p, found, err);
  hoso__buf_free(&k);
  return rc;
}

static void put(xb *x, const char *s) {
  if (!x->rc) x->rc = hoso__buf_adds(x->expr, s);
}

static void put_quoted(xb *x, const char *s) {
  put(x, "\"");
  put(x, s); /* word forms never hold '"' (words are letters and digits) */
  put(x, "\"");
}

/* Any spelling of a folded word: "fold\x1F"* */
static void put_fold(xb *x, const char *fold) {
  put(x, "\"");
  put(x, fold);
  put(x, "\x1F\"*");
}

/* One spelling (exact differs from fold): "fold\x1Fexact" */
static void put_exact(xb *x, const char *fold, const char *exact) {
  put(x, "\"");
  put(x, fold);
  put(x, "\x1F");
  put(x, exact);
  put(x, "\"");
}

/* The spellings of the words starting with a typed prefix that has marks
** ("quân*"): from the spelling table, the words whose fold starts with the
** fold prefix and whose spelling starts with the typed one, the
** SQ_PREFIX_FORMS_MAX most used. OR'ed as terms: one FTS5 prefix query
** cannot ask for them, the index term being "fold\x1Fexact". */
#define SQ_PREFIX_FORMS_MAX 64
static void put_exact_prefix(xb *x, const char *fold, const char *exact) {
  sqlite3_stmt *st = hoso__sq_stmt(x->s, SQ_FORM_PREFIX, x->err);
  if (!st) {
    x->rc = HOSO_EDB;
    return;
  }
  size_t fn = strlen(fold), en = strlen(exact);
  sqlite3_bind_text(st, 1, fold, (int)fn, SQLITE_STATIC);
  sqlite3_bind_text(st, 2, exact, (int)en, SQLITE_STATIC);
  sqlite3_bind_int(st, 3, SQ_PREFIX_FORMS_MAX);
  int rc = SQLITE_DONE, k = 0;
  while (!x->rc && (rc = sqlite3_step(st)) == SQLITE_ROW) {
    put(x, k++ ? " OR " : "(");
    put_exact(x, hoso__sq_col(st, 0), hoso__sq_col(st, 1));
  }
  if (!x->rc && rc != SQLITE_DONE)
    x->rc = hoso__sq_err(x->s, x->err, rc, "cannot read spellings");
  sqlite3_reset(st);
  if (k) put(x, ")");
  else put(x, "\"\x02\""); /* no word has that spelling: no term matches */
}

static void free_syls(syl *sy, size_t n) {
  for (size_t i = 0; i < n; i++) {
    free(sy[i].exact);
    free(sy[i].fold);
  }
  free(sy);
}

/* Forms of each typed word; words that normalise to nothing are dropped. */
static syl *forms(xb *x, const hoso_qword *w, size_t n, size_t *out_n) {
  syl *sy = calloc(n ? n : 1, sizeof(*sy));
  size_t k = 0;
  if (!sy) {
    x->rc = HOSO_ENOMEM;
    return NULL;
  }
  for (size_t i = 0; i < n && !x->rc; i++) {
    hoso_buf e, f;
    hoso__buf_init(&e, 0);
    hoso__buf_init(&f, 0);
    int marks = 0;
    x->rc = hoso__words_forms(x->s->words, w[i].s, w[i].n, &e, &f, &marks);
    if (!x->rc && f.n) {
      sy[k].exact = hoso__buf_take(&e);
      sy[k].fold = hoso__buf_take(&f);
      sy[k].marks = marks;
      if (!sy[k].exact || !sy[k].fold) x->rc = HOSO_ENOMEM;
      k++;
    }
    hoso__buf_free(&e);
    hoso__buf_free(&f);
  }
  *out_n = k;
  return sy;
}

/* Join syllables [i, i+len) with '_' into out. */
static int join(const syl *sy, size_t i, size_t len, int exact, hoso_buf *out) {
  hoso__buf_reset(out);
  int rc = HOSO_OK;
  for (size_t k = i; k < i + len && !rc; k++) {
    if (k > i) rc = hoso__buf_addc(out, '_');
    if (!rc) rc = hoso__buf_adds(out, exact && sy[k].marks ? sy[k].exact : sy[k].fold);
  }
  return rc;
}

/* Segment a syllable sequence into index words: greedy longest match of
** up to MAX_WORD_SYLL syllables against the index vocabulary. Fills
** starts[] (word i = syllables starts[i]..starts[i+1]). */
static size_t segment(xb *x, const syl *sy, size_t n, size_t *starts) {
  size_t nw = 0, i = 0;
  hoso_buf b;
  hoso__buf_init(&b, 0);
  while (i < n && !x->rc) {
    size_t len = 1;
    for (size_t L = (n - i < MAX_WORD_SYLL ? n - i : MAX_WORD_SYLL); L >= 2; L--) {
      int found = 0;
      x->rc = join(sy, i, L, 0, &b);
      if (!x->rc) x->rc = in_vocab(x->s, b.p, &found, x->err);
      if (x->rc) break;
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

static void note_term(xb *x, const char *fold, int prefix) {
  if (x->rc || !x->terms) return;
  x->rc = hoso__buf_add(x->terms, fold, strlen(fold));
  if (!x->rc && prefix) x->rc = hoso__buf_addc(x->terms, '*');
  if (!x->rc) x->rc = hoso__buf_add(x->terms, "", 1);
}

/* The usual spelling of a folded word: the form most articles use, if at
** least half of them do. */
static int usual_form(xb *x, const char *fold, hoso_buf *out) {
  const char *known_form;
  int known = 0;
  if (hoso__sq_terms_usual(x->s, fold, &known_form, &known, x->err)) return HOSO_ENOMEM;
  if (known) { /* looked up before (the cache is dropped when the archive changes) */
    if (!known_form) return 0;
    hoso__buf_reset(out);
    return hoso__buf_adds(out, known_form) == HOSO_OK ? 1 : HOSO_ENOMEM;
  }
  sqlite3_stmt *st = hoso__sq_stmt(x->s, SQ_FORM_TOP, x->err);
  if (!st) return HOSO_EDB;
  hoso__sq_bind_text(st, 1, fold);
  int found = 0, rc = sqlite3_step(st);
  if (rc == SQLITE_ROW && 2 * sqlite3_column_int64(st, 1) >= sqlite3_column_int64(st, 2)) {
    hoso__buf_reset(out);
    if (hoso__buf_adds(out, hoso__sq_col(st, 0)) == HOSO_OK) found = 1;
  }
  sqlite3_reset(st);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return hoso__sq_err(x->s, x->err, rc, "cannot read spellings");
  if (hoso__sq_terms_set_usual(x->s, fold, found ? out->p : NULL, x->err)) return HOSO_ENOMEM;
  return found ? 1 : 0;
}

/* One word (syllables [a, b)): fold, OR'ed with exact when typed with
** marks -- or, typed without, with its usual spelling, so a toneless query
** ranks like the query most people would have typed. */
static void word_expr(xb *x, const syl *sy, size_t a, size_t b, int prefix) {
  hoso_buf f, e;
  hoso__buf_init(&f, 0);
  hoso__buf_init(&e, 0);
  int marks = 0;
  for (size_t k = a; k < b; k++) marks |= sy[k].marks;
  x->rc = x->rc ? x->rc : join(sy, a, b - a, 0, &f);
  if (!x->rc && marks) x->rc = join(sy, a, b - a, 1, &e);
  if (!x->rc && !marks && !prefix) {
    int u = usual_form(x, f.p, &e);
    if (u < 0 || u > 1) x->rc = u; /* an error code */
    else marks = u;
  }
  if (!x->rc) {
    note_term(x, f.p, prefix);
    if (marks) put(x, "(");
    if (prefix) {
      put_quoted(x, f.p);
      put(x, "*");
    } else {
      put_fold(x, f.p);
    }
    if (marks) {
      put(x, " OR ");
      if (prefix) put_exact_prefix(x, f.p, e.p);
      else put_exact(x, f.p, e.p);
      put(x, ")");
    }
  }
  hoso__buf_free(&f);
  hoso__buf_free(&e);
}

static void node_expr(xb *x, const hoso_qnode *nd);

static void seq_expr(xb *x, const hoso_qnode *nd) {
  size_t n;
  syl *sy = forms(x, nd->words, nd->n_words, &n);
  if (!sy) return;
  if (n == 0) {
    /* nothing searchable in this part (e.g. only symbols) */
    put(x, "\"\x02\"");
    x->empty = 1;
    free_syls(sy, n);
    return;
  }
  if (nd->kind == HOSO_QN_PREFIX) {
    word_expr(x, sy, 0, n, 1);
    free_syls(sy, n);
    return;
  }
  size_t *starts = malloc((n + 1) * sizeof(*starts));
  if (!starts) {
    x->rc = HOSO_ENOMEM;
    free_syls(sy, n);
    return;
  }
  size_t nw = segment(x, sy, n, starts);
  if (nd->kind == HOSO_QN_RUN) {
    put(x, "(");
    for (size_t i = 0; i < nw; i++) {
      if (i) put(x, " AND ");
      word_expr(x, sy, starts[i], starts[i + 1], 0);
    }
    put(x, ")");
  } else { /* phrase: the fold phrase, OR the exact phrase when marked */
    int marks = 0;
    for (size_t k = 0; k < n; k++) marks |= sy[k].marks;
    /* FTS5's phrase of prefix and plain terms: "a\x1F"* + "b\x1Fexact" */
    hoso_buf b, e;
    hoso__buf_init(&b, 0);
    hoso__buf_init(&e, 0);
    for (int pass = 0; pass < 1 + marks && !x->rc; pass++) {
      put(x, pass ? " OR " : "(");
      for (size_t i = 0; i < nw && !x->rc; i++) {
        size_t a = starts[i], len = starts[i + 1] - starts[i];
        int wm = 0;
        for (size_t k = a; k < a + len; k++) wm |= sy[k].marks;
        if (i) put(x, " + ");
        x->rc = join(sy, a, len, 0, &b);
        if (!x->rc && pass && wm) x->rc = join(sy, a, len, 1, &e);
        if (x->rc) break;
        if (pass && wm) put_exact(x, b.p, e.p);
        else put_fold(x, b.p);
        if (pass == 0) note_term(x, b.p, 0);
      }
    }
    put(x, ")");
    hoso__buf_free(&b);
    hoso__buf_free(&e);
  }
  free(starts);
  free_syls(sy, n);
}

static void node_expr(xb *x, const hoso_qnode *nd) {
  switch (nd->kind) {
  case HOSO_QN_RUN:
  case HOSO_QN_PHRASE:
  case HOSO_QN_PREFIX:
    seq_expr(x, nd);
    return;
  case HOSO_QN_OR:
    put(x, "(");
    for (size_t i = 0; i < nd->n_kids; i++) {
      if (i) put(x, " OR ");
      node_expr(x, nd->kids[i]);
    }
    put(x, ")");
    return;
  default: { /* AND with NOT kids */
    size_t pos = 0, neg = 0;
    for (size_t i = 0; i < nd->n_kids; i++)
      if (nd->kids[i]->kind == HOSO_QN_NOT)
        neg++;
      else
        pos++;
    for (size_t i = 0; i < neg; i++) put(x, "(");
    put(x, "(");
    size_t k = 0;
    for (size_t i = 0; i < nd->n_kids; i++) {
      if (nd->kids[i]->kind == HOSO_QN_NOT) continue;
      if (k++) put(x, " AND ");
      node_expr(x, nd->kids[i]);
    }
    put(x, ")");
    for (size_t i = 0; i < nd->n_kids; i++) {
      if (nd->kids[i]->kind != HOSO_QN_NOT) continue;
      hoso_buf *saved = x->terms;
      x->terms = NULL; /* excluded words are not highlighted */
      int was_empty = x->empty;
      put(x, " NOT ");
      node_expr(x, nd->kids[i]->kids[0]);
      put(x, ")");
      x->empty = was_empty;
      x->terms = saved;
    }
    (void)pos;
  }
  }
}

/* ---- filters ------------------------------------------------------------ */

typedef struct idset {
  int64_t *v;
  size_t n;
  int active;
} idset;

static int cmp_i64(const void *a, const void *b) {
  int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
  return (x > y) - (x < y);
}

static int idset_has(const idset *s, int64_t id) {
  if (!s->active) return 1;
  if (!s->n) return 0; /* bsearch must not see the empty set's NULL array */
  return bsearch(&id, s->v, s->n, sizeof(int64_t), cmp_i64) != NULL;
}

/* Article ids from one SQL query with one text parameter. */
static int idset_load(sq_store *s, const char *sql, const char *p1, idset *out,
                      hoso_error *err) {
  sqlite3_stmt *st;
  int rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL);
  if (rc != SQLITE_OK) return hoso__sq_err(s, err, rc, "cannot apply a filter");
  hoso__sq_bind_text(st, 1, p1);
  size_t cap = 0;
  int r = HOSO_OK;
  out->active = 1;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    if (out->n == cap) {
      cap = cap ? cap * 2 : 256;
      int64_t *v = realloc(out->v, cap * sizeof(*v));
      if (!v) {
        r = hoso__err(err, HOSO_ENOMEM, "out of memory");
        break;
      }
      out->v = v;
    }
    out->v[out->n++] = sqlite3_column_int64(st, 0);
  }
  if (!r && rc != SQLITE_DONE) r = hoso__sq_err(s, err, rc, "cannot apply a filter");
  sqlite3_finalize(st);
  if (out->n) qsort(out->v, out->n, sizeof(int64_t), cmp_i64);
  return r;
}

typedef struct filters {
  int32_t from, to;
  int64_t outlet; /* -1 none, 0 = unknown outlet (matches nothing) */
  int lang;       /* -1 any */
  idset person, org, event;
} filters;

static void filters_free(filters *f) {
  free(f->person.v);
  free(f->org.v);
  free(f->event.v);
}

static int filters_load(sq_store *s, const hoso_query *o, filters *f,
                        hoso_error *err) {
  memset(f, 0, sizeof(*f));
  f->from = INT32_MIN;
  f->to = INT32_MAX;
  f->outlet = -1;
  f->lang = -1;
  if (!o) return HOSO_OK;
  if (o->from && *o->from && hoso__sq_parse_day(o->from, 0, &f->from))
    return hoso__err(err, HOSO_EARG, "bad --from date '%s': use YYYY, YYYY-MM or YYYY-MM-DD", o->from);
  if (o->to && *o->to && hoso__sq_parse_day(o->to, 1, &f->to))
    return hoso__err(err, HOSO_EARG, "bad --to date '%s': use YYYY, YYYY-MM or YYYY-MM-DD", o->to);
  if (o->lang && *o->lang) f->lang = hoso__sq_lang_code(o->lang);
  if (o->outlet && *o->outlet) {
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(s->db,
                                "SELECT id FROM outlet WHERE name=?1 COLLATE NOCASE",
                                -1, &st, NULL);
    if (rc != SQLITE_OK) return hoso__sq_err(s, err, rc, "cannot apply a filter");
    hoso__sq_bind_text(st, 1, o->outlet);
    f->outlet = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_finalize(st);
  }
  static const char *const ent_sql[2] = {
      "SELECT DISTINCT m.article_id FROM entity e JOIN mention m ON"
      " m.entity_id=e.id WHERE e.kind=1 AND e.key=?1",
      "SELECT DISTINCT m.article_id FROM entity e JOIN mention m ON"
      " m.entity_id=e.id WHERE e.kind=2 AND e.key=?1"};
  int rc = HOSO_OK;
  for (int k = 0; k < 2 && !rc; k++) {
    const char *name = k == 0 ? o->person : o->org;
    if (!name || !*name) continue;
    char *key;
    if (hoso__store_fold_key(name, strlen(name), &key)) return hoso__err(err, HOSO_ENOMEM, "out of memory");
    rc = idset_load(s, ent_sql[k], key, k == 0 ? &f->person : &f->org, err);
    free(key);
  }
  if (!rc && o->event_type && *o->event_type)
    rc = idset_load(s,
                    "SELECT DISTINCT es.article_id FROM event e JOIN event_source"
                    " es ON es.event_id=e.id WHERE e.type=?1",
                    o->event_type, &f->event, err);
  if (rc) filters_free(f);
  return rc;
}

static int passes(const sq_store *s, const filters *f, int64_t id) {
  if (id <= 0 || (size_t)id >= s->cache.cap || !s->cache.fact[id].story) return 0;
  const sq_fact *fa = &s->cache.fact[id];
  int32_t d = fa->day;
  if ((f->from != INT32_MIN || f->to != INT32_MAX) &&
      (d == INT32_MIN || d < f->from || d > f->to))
    return 0;
  if (f->outlet >= 0 && fa->outlet != f->outlet) return 0;
  if (f->lang >= 0 && s->cache.lang[id] != f->lang) return 0;
  return idset_has(&f->person, id) && idset_has(&f->org, id) &&
         idset_has(&f->event, id);
}

/* No filter set: passes() is then only "a cached article". */
static int no_filters(const filters *f) {
  return f->from == INT32_MIN && f->to == INT32_MAX && f->outlet < 0 && f->lang < 0 &&
         !f->person.active && !f->org.active && !f->event.active;
}

/* Keep the hits that pass f, in order (the doclists' hits: a search
** without filters, the common one, tests each hit inline). */
static void hits_filter(const sq_store *s, const filters *f, sq_hits *h) {
  size_t k = 0;
  if (no_filters(f)) {
    const sq_fact *fact = s->cache.fact;
    size_t cap = s->cache.cap;
    for (size_t i = 0; i < h->n; i++) {
      int64_t id = h->ids[i];
      if (id <= 0 || (size_t)id >= cap || !fact[id].story) continue;
      h->ids[k] = id;
      h->scores[k++] = h->scores[i];
    }
  } else {
    for (size_t i = 0; i < h->n; i++)
      if (passes(s, f, h->ids[i])) {
        h->ids[k] = h->ids[i];
        h->scores[k++] = h->scores[i];
      }
  }
  h->n = k;
}

static int hits_add(sq_hits *h, int64_t id, double score) {
  if (h->n == h->cap) {
    size_t nc = h->cap ? h->cap * 2 : 1024;
    int64_t *ids = realloc(h->ids, nc * sizeof(*ids));
    if (!ids) return HOSO_ENOMEM;
    h->ids = ids;
    double *sc = realloc(h->scores, nc * sizeof(*sc));
    if (!sc) return HOSO_ENOMEM;
    h->scores = sc;
    h->cap = nc;
  }
  h->ids[h->n] = id;
  h->scores[h->n] = score;
  h->n++;
  return HOSO_OK;
}

void hoso__sq_hits_free(sq_hits *h) {
  free(h->ids);
  free(h->scores);
  memset(h, 0, sizeof(*h));
}

int hoso__sq_match(sq_store *s, const hoso_qnode *q, const hoso_query *opt,
                   sq_hits *hits, hoso_buf *fold_terms, hoso_error *err) {
  memset(hits, 0, sizeof(*hits));
  int changed = 1;
  int rc = hoso__sq_terms_sync(s, &changed, err);
  if (!rc && changed) rc = hoso__sq_cache_refresh(s, err);
  if (rc) return rc;
  filters f;
  rc = filters_load(s, opt, &f, err);
  if (rc) return rc;
  if (!q) {
    for (int64_t id = 1; id <= s->cache.max_id && !rc; id++)
      if (passes(s, &f, id)) rc = hits_add(hits, id, 0.0);
    filters_free(&f);
    if (rc) return hoso__err(err, rc, "out of memory");
    return HOSO_OK;
  }
  hoso_buf expr;
  hoso__buf_init(&expr, 0);
  xb x = {s, &expr, fold_terms, err, HOSO_OK, 0};
  node_expr(&x, q);
  if (x.rc) {
    rc = x.rc == HOSO_EDB ? HOSO_EDB : hoso__err(err, x.rc, "out of memory");
    hoso__buf_free(&expr);
    filters_free(&f);
    return rc;
  }
  int handled = 0;
  rc = hoso__sq_terms_match(s, expr.p, expr.n, &handled, hits, err);
  if (rc || handled) { /* from the cached doclists: apply the filters */
    if (!rc) hits_filter(s, &f, hits);
    else hoso__sq_hits_free(hits);
    hoso__buf_free(&expr);
    filters_free(&f);
    return rc;
  }
  sqlite3_stmt *st;
  int r = sqlite3_prepare_v2(s->db,
                             "SELECT rowid, hoso_bm25(fts, " SQ_W_TITLE_S ", " SQ_W_BODY_S
                             ") FROM fts WHERE fts MATCH ?1",
                             -1, &st, NULL);
  if (r != SQLITE_OK) {
    hoso__buf_free(&expr);
    filters_free(&f);
    return hoso__sq_err(s, err, r, "cannot search");
  }
  sqlite3_bind_text(st, 1, expr.p, (int)expr.n, SQLITE_STATIC);
  while ((r = sqlite3_step(st)) == SQLITE_ROW) {
    int64_t id = sqlite3_column_int64(st, 0);
    if (!passes(s, &f, id)) continue;
    if (hits_add(hits, id, sqlite3_column_double(st, 1))) {
      rc = hoso__err(err, HOSO_ENOMEM, "out of memory");
      break;
    }
  }
  if (!rc && r != SQLITE_DONE) {
    /* our expression is built from normalised words only, so this is a
    ** bug or an I/O problem, not the user's query */
    rc = hoso__sq_err(s, err, r, "search failed");
  }
  sqlite3_finalize(st);
  hoso__buf_free(&expr);
  filters_free(&f);
  if (rc) hoso__sq_hits_free(hits);
  return rc;
}
