/* sqlite_terms.c -- the search's own evaluation of the FTS5 expressions
** sqlite_match.c builds, over per-term doclists cached across searches.
**
** Why: matching a common word through FTS5 walks its whole doclist and
** calls the rank function per row on every search (a word in a third of
** the corpus: ~10 ms). Here each term's doclist -- article ids and the
** column-weighted count of its instances -- is read from FTS5 once (the
** same MATCH, so the same rows) and kept in a bounded LRU per handle; a
** search then intersects, unites and subtracts sorted id arrays and
** computes hoso_bm25's score (sqlite_rank.c, FTS5's bm25 formula) from
** them, to the same bits. This is a cache of index data, not of answers:
** filters, grouping, ranking, facets and snippets run on every search.
**
** What it evaluates: terms ("fold\x1Fexact", and a word in any spelling,
** the prefix phrase "fold\x1F"*), AND, OR and NOT as sqlite_match.c
** writes them, where an OR holds only terms and ORs and a NOT excludes
** only terms and ORs of terms. Under those shapes FTS5 reports a phrase's
** instances for a matching row exactly when the row holds the phrase, so
** every score term is known from the doclists. Anything else (phrases of
** several words, other prefixes, other shapes, row lengths not in memory) is
** "not handled" and the caller asks FTS5 as before.
**
** The cache is dropped when the database changes (PRAGMA data_version or
** this connection's own writes).
**
** Ownership: sq_terms is owned by its sq_store (freed by the backend's
** close through hoso__sq_terms_free); entries own their copies. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/lru.h"
#include "store/sqlite_int.h"

/* Bytes of doclists kept per handle: a 30,000-article word is ~240 KB. */
#define TERMS_BUDGET ((size_t)32 << 20)
#define TERMS_BUCKETS 4096 /* power of two */

typedef struct tentry {
  hoso_lru_link lru; /* first: the recency list's link */
  char *term;
  size_t term_n;
  uint32_t hash;
  int loaded;     /* doclist read */
  int ok;         /* 1: usable (ids fit in 32 bits) */
  uint32_t *ids;  /* ascending */
  uint32_t *f;    /* weighted instance count per id */
  size_t n;
  int usual_state; /* 0 not looked up, 1 none, 2 usual holds the spelling */
  char *usual;
  size_t bytes;
  struct tentry *hnext;
} tentry;

struct sq_terms {
  tentry *bucket[TERMS_BUCKETS];
  hoso_lru lru; /* entries, most recent first */
  size_t bytes, budget;
  int synced;
  int64_t data_version, changes;
  int have_stats;
  int64_t n_row, n_tok;
  sqlite3_stmt *load, *dv;
  uint64_t loads, hits; /* counters for tests and tuning */
  int off;              /* 1: never handle (tests compare with FTS5) */
};

static uint32_t hash_term(const char *s, size_t n) {
  uint32_t h = 2166136261u;
  for (size_t i = 0; i < n; i++) h = (h ^ (unsigned char)s[i]) * 16777619u;
  return h;
}

static void entry_free(tentry *e) {
  if (!e) return;
  free(e->term);
  free(e->ids);
  free(e->f);
  free(e->usual);
  free(e);
}

static void drop(sq_terms *t, tentry *e) {
  tentry **pp = &t->bucket[e->hash & (TERMS_BUCKETS - 1)];
  while (*pp && *pp != e) pp = &(*pp)->hnext;
  if (*pp) *pp = e->hnext;
  hoso__lru_unlink(&t->lru, &e->lru);
  t->bytes -= e->bytes;
  entry_free(e);
}

static void clear(sq_terms *t) {
  while (t->lru.head) drop(t, (tentry *)t->lru.head);
  t->have_stats = 0;
}

void hoso__sq_terms_free(sq_terms *t) {
  if (!t) return;
  clear(t);
  sqlite3_finalize(t->load);
  sqlite3_finalize(t->dv);
  free(t);
}

static void trim(sq_terms *t) {
  while (t->bytes > t->budget && t->lru.tail) drop(t, (tentry *)t->lru.tail);
}

static int ensure(sq_store *s) {
  if (!s->terms) {
    s->terms = calloc(1, sizeof(*s->terms));
    if (!s->terms) return HOSO_ENOMEM;
    s->terms->budget = TERMS_BUDGET;
  }
  return HOSO_OK;
}

int hoso__sq_terms_enable(sq_store *s, int on) {
  if (ensure(s)) return HOSO_ENOMEM;
  s->terms->off = !on;
  return HOSO_OK;
}

void hoso__sq_terms_counts(const sq_store *s, uint64_t *loads, uint64_t *hits) {
  *loads = s->terms ? s->terms->loads : 0;
  *hits = s->terms ? s->terms->hits : 0;
}

int hoso__sq_db_state(sq_store *s, int64_t *version, int64_t *changes, hoso_error *err) {
  if (ensure(s)) return hoso__err(err, HOSO_ENOMEM, "out of memory");
  sq_terms *t = s->terms;
  if (!t->dv) {
    int rc = sqlite3_prepare_v3(s->db, "PRAGMA data_version", -1,
                                SQLITE_PREPARE_PERSISTENT, &t->dv, NULL);
    if (rc != SQLITE_OK) return hoso__sq_err(s, err, rc, "cannot search");
  }
  int rc = sqlite3_step(t->dv);
  *version = rc == SQLITE_ROW ? sqlite3_column_int64(t->dv, 0) : -1;
  sqlite3_reset(t->dv);
  if (rc != SQLITE_ROW) return hoso__sq_err(s, err, rc, "cannot search");
  *changes = (int64_t)sqlite3_total_changes64(s->db);
  return HOSO_OK;
}

int hoso__sq_terms_sync(sq_store *s, int *changed, hoso_error *err) {
  *changed = 1;
  int64_t v, c;
  int r = hoso__sq_db_state(s, &v, &c, err);
  if (r) return r;
  sq_terms *t = s->terms;
  if (t->synced && v == t->data_version && c == t->changes) {
    *changed = 0;
    return HOSO_OK;
  }
  clear(t);
  t->synced = 1;
  t->data_version = v;
  t->changes = c;
  return HOSO_OK;
}

/* The entry of term s[0..n), created (not loaded) when absent. */
static tentry *get(sq_terms *t, const char *s, size_t n) {
  uint32_t h = hash_term(s, n);
  tentry *e = t->bucket[h & (TERMS_BUCKETS - 1)];
  while (e && !(e->hash == h && e->term_n == n && !memcmp(e->term, s, n))) e = e->hnext;
  if (e) {
    hoso__lru_touch(&t->lru, &e->lru);
    return e;
  }
  e = calloc(1, sizeof(*e));
  if (!e || !(e->term = malloc(n + 1))) {
    free(e);
    return NULL;
  }
  memcpy(e->term, s, n);
  e->term[n] = 0;
  e->term_n = n;
  e->hash = h;
  e->bytes = sizeof(*e) + n + 1;
  t->bytes += e->bytes;
  e->hnext = t->bucket[h & (TERMS_BUCKETS - 1)];
  t->bucket[h & (TERMS_BUCKETS - 1)] = e;
  hoso__lru_push_front(&t->lru, &e->lru);
  return e;
}

/* The FTS5 query of a cached term: '"term"', or for a key ending in '*'
** (a fold key "fold\x1F*": any spelling of the word) the prefix phrase
** '"fold\x1F"*'. Index words never hold '"' or '*'. */
static int term_query(const char *term, size_t n, hoso_buf *q) {
  int prefix = n && term[n - 1] == '*';
  if (prefix) n--;
  int rc = hoso__buf_addc(q, '"');
  if (!rc) rc = hoso__buf_add(q, term, n);
  if (!rc) rc = hoso__buf_addc(q, '"');
  if (!rc && prefix) rc = hoso__buf_addc(q, '*');
  return rc;
}

/* Read e's doclist through FTS5: MATCH '"term"' (or a fold key's prefix
** phrase), rowid order, with the weighted instance count (hoso_tf,
** sqlite_rank.c). */
static int load(sq_store *s, tentry *e, hoso_error *err) {
  sq_terms *t = s->terms;
  if (e->loaded) {
    t->hits++;
    return HOSO_OK;
  }
  t->loads++;
  if (!t->load) {
    int rc = sqlite3_prepare_v3(s->db,
                                "SELECT rowid, hoso_tf(fts, " SQ_W_TITLE_S ", " SQ_W_BODY_S
                                ") FROM fts WHERE fts MATCH ?1",
                                -1, SQLITE_PREPARE_PERSISTENT, &t->load, NULL);
    if (rc != SQLITE_OK) return hoso__sq_err(s, err, rc, "cannot search");
  }
  hoso_buf q;
  hoso__buf_init(&q, 0);
  if (term_query(e->term, e->term_n, &q)) {
    hoso__buf_free(&q);
    return hoso__err(err, HOSO_ENOMEM, "out of memory");
  }
  sqlite3_bind_text(t->load, 1, q.p, (int)q.n, SQLITE_TRANSIENT);
  hoso__buf_free(&q);
  size_t cap = 0, n = 0;
  uint32_t *ids = NULL, *f = NULL;
  int ok = 1, r = HOSO_OK, rc;
  while ((rc = sqlite3_step(t->load)) == SQLITE_ROW) {
    int64_t id = sqlite3_column_int64(t->load, 0);
    int64_t w = sqlite3_column_int64(t->load, 1);
    if (id <= 0 || id > (int64_t)UINT32_MAX || w < 0 || w > (int64_t)UINT32_MAX) ok = 0;
    if (!ok) continue;
    if (n == cap) {
      size_t nc = cap ? cap * 2 : 64;
      uint32_t *a = realloc(ids, nc * sizeof(*a));
      if (a) ids = a;
      uint32_t *b = a ? realloc(f, nc * sizeof(*b)) : NULL;
      if (!b) {
        r = hoso__err(err, HOSO_ENOMEM, "out of memory");
        break;
      }
      f = b;
      cap = nc;
    }
    ids[n] = (uint32_t)id;
    f[n] = (uint32_t)w;
    n++;
  }
  sqlite3_reset(t->load);
  if (!r && rc != SQLITE_DONE) r = hoso__sq_err(s, err, rc, "search failed");
  if (r) {
    free(ids);
    free(f);
    return r;
  }
  for (size_t i = 1; i < n && ok; i++) ok = ids[i] > ids[i - 1];
  if (!ok) {
    free(ids);
    free(f);
    ids = f = NULL;
    n = 0;
  } else if (n && n < cap) { /* no slack kept in the cache */
    uint32_t *a = realloc(ids, n * sizeof(*a));
    if (a) ids = a;
    uint32_t *b = realloc(f, n * sizeof(*b));
    if (b) f = b;
  }
  e->ids = ids;
  e->f = f;
  e->n = n;
  e->ok = ok;
  e->loaded = 1;
  e->bytes += n * 2 * sizeof(uint32_t);
  t->bytes += n * 2 * sizeof(uint32_t);
  return HOSO_OK;
}

int hoso__sq_terms_has(sq_store *s, const char *term, int *found, hoso_error *err) {
  tentry *e = get(s->terms, term, strlen(term));
  if (!e) return hoso__err(err, HOSO_ENOMEM, "out of memory");
  int r = load(s, e, err);
  *found = !r && e->n > 0;
  if (!r && !e->ok) { /* not representable here: ask FTS5 directly */
    sqlite3_stmt *st = hoso__sq_stmt(s, SQ_VOCAB, err);
    if (!st) return HOSO_EDB;
    hoso_buf q;
    hoso__buf_init(&q, 0);
    if (term_query(term, strlen(term), &q)) {
      hoso__buf_free(&q);
      return hoso__err(err, HOSO_ENOMEM, "out of memory");
    }
    sqlite3_bind_text(st, 1, q.p, (int)q.n, SQLITE_TRANSIENT);
    hoso__buf_free(&q);
    int rc = sqlite3_step(st);
    *found = rc == SQLITE_ROW;
    sqlite3_reset(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
      return hoso__sq_err(s, err, rc, "cannot read the search vocabulary");
  }
  return r;
}

int hoso__sq_terms_usual(sq_store *s, const char *fold, const char **usual, int *known,
                         hoso_error *err) {
  tentry *e = get(s->terms, fold, strlen(fold));
  if (!e) return hoso__err(err, HOSO_ENOMEM, "out of memory");
  *known = e->usual_state != 0;
  *usual = e->usual_state == 2 ? e->usual : NULL;
  return HOSO_OK;
}

int hoso__sq_terms_set_usual(sq_store *s, const char *fold, const char *usual,
                             hoso_error *err) {
  tentry *e = get(s->terms, fold, strlen(fold));
  if (!e) return hoso__err(err, HOSO_ENOMEM, "out of memory");
  free(e->usual);
  e->usual = NULL;
  e->usual_state = 1;
  if (usual) {
    size_t n = strlen(usual);
    e->usual = malloc(n + 1);
    if (!e->usual) return hoso__err(err, HOSO_ENOMEM, "out of memory");
    memcpy(e->usual, usual, n + 1);
    e->usual_state = 2;
    e->bytes += n + 1;
    s->terms->bytes += n + 1;
  }
  return HOSO_OK;
}

/* ---- the expression -------------------------------------------------- */

enum { N_TERM, N_AND, N_OR, N_NOT };

typedef struct enode {
  int kind;
  int phrase;                 /* N_TERM: index into the phrase list */
  struct enode **kids;
  size_t n_kids;
} enode;

typedef struct eparse {
  const char *p, *end;
  int bad;         /* not a shape handled here */
  int rc;          /* HOSO_ENOMEM */
  char **phrases;  /* in expression order, as FTS5 numbers them */
  size_t n_phrases, cap;
} eparse;

static void enode_free(enode *n) {
  if (!n) return;
  for (size_t i = 0; i < n->n_kids; i++) enode_free(n->kids[i]);
  free(n->kids);
  free(n);
}

static int add_kid(eparse *ps, enode *n, enode *k) {
  enode **x = realloc(n->kids, (n->n_kids + 1) * sizeof(*x));
  if (!x) {
    ps->rc = HOSO_ENOMEM;
    enode_free(k);
    return -1;
  }
  n->kids = x;
  n->kids[n->n_kids++] = k;
  return 0;
}

static enode *parse_expr(eparse *ps);

static enode *parse_unary(eparse *ps) {
  if (ps->p < ps->end && *ps->p == '(') {
    ps->p++;
    enode *n = parse_expr(ps);
    if (!n) return NULL;
    if (ps->p >= ps->end || *ps->p != ')') {
      ps->bad = 1;
      enode_free(n);
      return NULL;
    }
    ps->p++;
    return n;
  }
  if (ps->p >= ps->end || *ps->p != '"') {
    ps->bad = 1;
    return NULL;
  }
  const char *a = ++ps->p;
  while (ps->p < ps->end && *ps->p != '"') {
    if (*ps->p == ' ') ps->bad = 1; /* a phrase of several words */
    ps->p++;
  }
  if (ps->p >= ps->end || ps->bad) {
    ps->bad = 1;
    return NULL;
  }
  size_t len = (size_t)(ps->p - a);
  ps->p++;
  int fold_key = 0;
  if (ps->p < ps->end && *ps->p == '*') {
    /* a fold key's prefix phrase "fold\x1F"* (one word, any spelling) is a
    ** term here; any other prefix goes to FTS5 */
    if (!len || a[len - 1] != HOSO_TERM_SEP) {
      ps->bad = 1;
      return NULL;
    }
    ps->p++;
    fold_key = 1;
  }
  if (ps->n_phrases == ps->cap) {
    size_t nc = ps->cap ? ps->cap * 2 : 8;
    char **x = realloc(ps->phrases, nc * sizeof(*x));
    if (!x) {
      ps->rc = HOSO_ENOMEM;
      return NULL;
    }
    ps->phrases = x;
    ps->cap = nc;
  }
  char *copy = malloc(len + 2);
  enode *n = calloc(1, sizeof(*n));
  if (!copy || !n) {
    free(copy);
    free(n);
    ps->rc = HOSO_ENOMEM;
    return NULL;
  }
  memcpy(copy, a, len);
  if (fold_key) copy[len++] = '*'; /* the cache's key for it */
  copy[len] = 0;
  n->kind = N_TERM;
  n->phrase = (int)ps->n_phrases;
  ps->phrases[ps->n_phrases++] = copy;
  return n;
}

static int op_at(eparse *ps) {
  static const struct {
    const char *s;
    size_t n;
    int kind;
  } ops[] = {{" AND ", 5, N_AND}, {" OR ", 4, N_OR}, {" NOT ", 5, N_NOT}};
  for (size_t i = 0; i < 3; i++)
    if ((size_t)(ps->end - ps->p) >= ops[i].n && !memcmp(ps->p, ops[i].s, ops[i].n)) {
      ps->p += ops[i].n;
      return ops[i].kind;
    }
  return -1;
}

/* operand (op operand)*, one operator kind per level (the writer puts
** parentheses around every group); NOT is binary. */
static enode *parse_expr(eparse *ps) {
  enode *first = parse_unary(ps);
  if (!first) return NULL;
  if (ps->p >= ps->end || *ps->p == ')') return first;
  const char *save = ps->p;
  int kind = op_at(ps);
  if (kind < 0) {
    ps->p = save;
    ps->bad = 1;
    enode_free(first);
    return NULL;
  }
  enode *n = calloc(1, sizeof(*n));
  if (!n) {
    ps->rc = HOSO_ENOMEM;
    enode_free(first);
    return NULL;
  }
  n->kind = kind;
  if (add_kid(ps, n, first)) {
    free(n);
    return NULL;
  }
  for (;;) {
    enode *k = parse_unary(ps);
    if (!k || add_kid(ps, n, k)) {
      enode_free(n);
      return NULL;
    }
    if (ps->p >= ps->end || *ps->p == ')') break;
    if (op_at(ps) != kind || kind == N_NOT) { /* mixed operators */
      ps->bad = 1;
      enode_free(n);
      return NULL;
    }
  }
  return n;
}

/* Only terms and ORs below? */
static int only_or_terms(const enode *n) {
  if (n->kind == N_TERM) return 1;
  if (n->kind != N_OR) return 0;
  for (size_t i = 0; i < n->n_kids; i++)
    if (!only_or_terms(n->kids[i])) return 0;
  return 1;
}

static int shape_ok(const enode *n) {
  switch (n->kind) {
  case N_TERM: return 1;
  case N_OR: return only_or_terms(n);
  case N_NOT: return shape_ok(n->kids[0]) && only_or_terms(n->kids[1]);
  default:
    for (size_t i = 0; i < n->n_kids; i++)
      if (!shape_ok(n->kids[i])) return 0;
    return 1;
  }
}

/* ---- set operations over ascending id arrays ---------------------------- */

typedef struct idv {
  uint32_t *v;
  size_t n;
  int owned; /* 0: points into a cache entry */
} idv;

static void idv_free(idv *a) {
  if (a->owned) free(a->v);
  memset(a, 0, sizeof(*a));
}

/* first index in v[lo..n) with v[i] >= x (galloping from lo) */
static size_t gallop(const uint32_t *v, size_t lo, size_t n, uint32_t x) {
  size_t step = 1, hi = lo;
  while (hi < n && v[hi] < x) {
    lo = hi + 1;
    hi += step;
    step *= 2;
  }
  if (hi > n) hi = n;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (v[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

static int set_and(const idv *a, const idv *b, idv *out) {
  const idv *s = a->n <= b->n ? a : b, *l = a->n <= b->n ? b : a;
  out->v = malloc((s->n ? s->n : 1) * sizeof(uint32_t));
  out->owned = 1;
  out->n = 0;
  if (!out->v) return HOSO_ENOMEM;
  size_t j = 0;
  for (size_t i = 0; i < s->n && j < l->n; i++) {
    j = gallop(l->v, j, l->n, s->v[i]);
    if (j < l->n && l->v[j] == s->v[i]) out->v[out->n++] = s->v[i];
  }
  return HOSO_OK;
}

static int set_or(const idv *a, const idv *b, idv *out) {
  out->v = malloc((a->n + b->n ? a->n + b->n : 1) * sizeof(uint32_t));
  out->owned = 1;
  out->n = 0;
  if (!out->v) return HOSO_ENOMEM;
  size_t i = 0, j = 0;
  while (i < a->n && j < b->n) {
    if (a->v[i] < b->v[j]) out->v[out->n++] = a->v[i++];
    else if (a->v[i] > b->v[j]) out->v[out->n++] = b->v[j++];
    else {
      out->v[out->n++] = a->v[i++];
      j++;
    }
  }
  while (i < a->n) out->v[out->n++] = a->v[i++];
  while (j < b->n) out->v[out->n++] = b->v[j++];
  return HOSO_OK;
}

static int set_not(const idv *a, const idv *b, idv *out) {
  out->v = malloc((a->n ? a->n : 1) * sizeof(uint32_t));
  out->owned = 1;
  out->n = 0;
  if (!out->v) return HOSO_ENOMEM;
  size_t j = 0;
  for (size_t i = 0; i < a->n; i++) {
    j = gallop(b->v, j, b->n, a->v[i]);
    if (j < b->n && b->v[j] == a->v[i]) continue;
    out->v[out->n++] = a->v[i];
  }
  return HOSO_OK;
}

static int eval(const enode *n, tentry **ph, idv *out) {
  if (n->kind == N_TERM) {
    out->v = ph[n->phrase]->ids;
    out->n = ph[n->phrase]->n;
    out->owned = 0;
    return HOSO_OK;
  }
  idv acc;
  int rc = eval(n->kids[0], ph, &acc);
  for (size_t i = 1; i < n->n_kids && !rc; i++) {
    idv k, r;
    rc = eval(n->kids[i], ph, &k);
    if (rc) break;
    rc = n->kind == N_AND ? set_and(&acc, &k, &r)
         : n->kind == N_OR ? set_or(&acc, &k, &r)
                           : set_not(&acc, &k, &r);
    idv_free(&k);
    idv_free(&acc);
    if (!rc) acc = r;
  }
  if (rc) {
    idv_free(&acc);
    return rc;
  }
  *out = acc;
  return HOSO_OK;
}

int hoso__sq_terms_match(sq_store *s, const char *expr, size_t expr_n, int *handled,
                         sq_hits *out, hoso_error *err) {
  memset(out, 0, sizeof(*out));
  *handled = 0;
  sq_terms *t = s->terms;
  if (!t || t->off) return HOSO_OK;
  eparse ps = {expr, expr + expr_n, 0, HOSO_OK, NULL, 0, 0};
  enode *root = parse_expr(&ps);
  int r = HOSO_OK;
  tentry **ph = NULL;
  if (ps.rc) r = hoso__err(err, HOSO_ENOMEM, "out of memory");
  if (r || !root || ps.bad || ps.p != ps.end || !shape_ok(root)) goto done;
  ph = calloc(ps.n_phrases + 1, sizeof(*ph));
  if (!ph) {
    r = hoso__err(err, HOSO_ENOMEM, "out of memory");
    goto done;
  }
  for (size_t i = 0; i < ps.n_phrases && !r; i++) {
    ph[i] = get(t, ps.phrases[i], strlen(ps.phrases[i]));
    if (!ph[i]) r = hoso__err(err, HOSO_ENOMEM, "out of memory");
    else r = load(s, ph[i], err);
    if (!r && !ph[i]->ok) goto done; /* not representable: FTS5 */
  }
  if (r) goto done;
  idv m = {NULL, 0, 0};
  if (eval(root, ph, &m)) {
    r = hoso__err(err, HOSO_ENOMEM, "out of memory");
    goto done;
  }
  if (m.n && !t->have_stats) { /* rows exist, so some load saw the stats */
    idv_free(&m);
    goto done;
  }
  size_t np = ps.n_phrases;
  double *idf = malloc((np + 1) * sizeof(double));
  size_t *cur = calloc(np + 1, sizeof(size_t));
  out->ids = malloc((m.n + 1) * sizeof(int64_t));
  out->scores = malloc((m.n + 1) * sizeof(double));
  if (!idf || !cur || !out->ids || !out->scores) {
    free(idf);
    free(cur);
    idv_free(&m);
    hoso__sq_hits_free(out);
    r = hoso__err(err, HOSO_ENOMEM, "out of memory");
    goto done;
  }
  out->cap = m.n + 1;
  /* the per-query part of hoso_bm25: average length, each phrase's IDF */
  const double k1 = 1.2, b = 0.75;
  double avgdl = (double)t->n_tok / (double)t->n_row;
  for (size_t i = 0; i < np; i++) {
    double nh = (double)ph[i]->n;
    double v = log(((double)t->n_row - nh + 0.5) / (nh + 0.5));
    idf[i] = v <= 0.0 ? 1e-6 : v;
  }
  /* Each phrase's cursor moves past an id once it is scored (the match's
  ** ids ascend), so the next hit is mostly the next entry: no search. A
  ** phrase absent from a row adds idf * 0 / (...) = +0.0 to a sum that is
  ** never negative, so it is skipped (the same bits); the length part of
  ** the denominator is the same expression for every phrase of the row. */
  const int32_t *dsz = s->cache.dsz;
  size_t n_dsz = s->cache.n_dsz, k;
  for (k = 0; k < m.n; k++) {
    uint32_t id = m.v[k];
    /* every row's length must be in memory, as hoso_bm25 takes it */
    if ((size_t)id >= n_dsz || dsz[id] < 0) break;
    double D = (double)dsz[id], score = 0.0;
    double norm = k1 * (1 - b + b * D / avgdl);
    for (size_t i = 0; i < np; i++) {
      const tentry *e = ph[i];
      size_t c = cur[i];
      if (c < e->n && e->ids[c] < id)
        c = c + 1 < e->n && e->ids[c + 1] >= id ? c + 1 : gallop(e->ids, c, e->n, id);
      if (c < e->n && e->ids[c] == id) {
        double f = (double)e->f[c];
        score += idf[i] * ((f * (k1 + 1.0)) / (f + norm));
        c++;
      }
      cur[i] = c;
    }
    out->ids[k] = id;
    out->scores[k] = -1.0 * score;
  }
  if (k < m.n) { /* a length not in memory: FTS5 scores it */
    free(idf);
    free(cur);
    idv_free(&m);
    hoso__sq_hits_free(out);
    goto done;
  }
  out->n = m.n;
  free(idf);
  free(cur);
  idv_free(&m);
  *handled = 1;
done:
  free(ph);
  for (size_t i = 0; i < ps.n_phrases; i++) free(ps.phrases[i]);
  free(ps.phrases);
  enode_free(root);
  trim(t);
  return r;
}

/* Called by hoso_tf on a row: the index statistics hoso_bm25 uses. */
void hoso__sq_terms_stats(sq_store *s, int64_t n_row, int64_t n_tok) {
  if (!s->terms || s->terms->have_stats) return;
  s->terms->n_row = n_row;
  s->terms->n_tok = n_tok;
  s->terms->have_stats = 1;
}

int hoso__sq_terms_want_stats(const sq_store *s) {
  return s->terms && !s->terms->have_stats;
}
