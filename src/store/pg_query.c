/* pg_query.c -- from a parsed query and filters to the articles they
** select on the PostgreSQL backend: the query language turned into a
** tsquery with the SQLite backend's matching rule (each word: its fold
** form, OR its exact form when typed with marks; phrases adjacent;
** prefixes), and the filters (dates, outlet, language, person,
** organisation, event type) as SQL conditions. */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "store/pg_int.h"
#include "text/text.h"

/* ---- tsquery ----------------------------------------------------- */

#define MAX_WORD_SYLL 4 /* longest word looked up in the index (as SQLite) */

typedef struct tq {
  pg_store *s;
  hoso_buf *out;
  int rc;
  int empty;
  hoso_error *err;
  hoso_buf *terms; /* fold words for snippets, NUL-separated, or NULL */
} tq;

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

typedef struct form {
  hoso_buf exact, fold;
  int marks;
} form;

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
    t->rc = hoso__words_forms(t->s->words, nd->words[i].s, nd->words[i].n,
                              &x->exact, &x->fold, &x->marks);
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

/* Is this word in the index? (GIN lookup of one lexeme) */
static int in_index(tq *t, const hoso_buf *w, int *found) {
  hoso_buf q;
  hoso__buf_init(&q, 0);
  hoso_buf *save = t->out;
  t->out = &q;
  put_lexeme(t, w->p, w->n, 0);
  t->out = save;
  if (t->rc) {
    hoso__buf_free(&q);
    return t->rc;
  }
  const char *p[1] = {q.p};
  PGresult *r = hoso__pg_exec(t->s,
                              "SELECT 1 FROM article WHERE tsv @@ $1::tsquery"
                              " LIMIT 1",
                              1, p, t->err, "cannot read the search vocabulary");
  hoso__buf_free(&q);
  if (!r) return HOSO_EDB;
  *found = PQntuples(r) > 0;
  PQclear(r);
  return HOSO_OK;
}

/* Typed syllables -> index words: greedy longest match of up to
** MAX_WORD_SYLL syllables against the index, as the SQLite backend does
** against its vocabulary. starts[i]..starts[i+1] = word i. */
static size_t segment(tq *t, const form *f, size_t n, size_t *starts) {
  size_t nw = 0, i = 0;
  hoso_buf b;
  hoso__buf_init(&b, 0);
  while (i < n && !t->rc) {
    size_t len = 1;
    for (size_t L = n - i < MAX_WORD_SYLL ? n - i : MAX_WORD_SYLL; L >= 2; L--) {
      int found = 0;
      t->rc = join(f, i, i + L, 0, &b);
      if (!t->rc) t->rc = in_index(t, &b, &found);
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

/* One word (syllables [a, b)): fold, OR'ed with exact when typed with marks. */
static void word(tq *t, const form *f, size_t a, size_t b, int prefix) {
  int marks = 0;
  for (size_t k = a; k < b; k++) marks |= f[k].marks;
  hoso_buf x;
  hoso__buf_init(&x, 0);
  if (marks) put(t, "(");
  if (!t->rc) t->rc = join(f, a, b, 0, &x);
  note_term(t, &x, prefix);
  if (!t->rc) put_lexeme(t, x.p, x.n, prefix);
  if (marks) {
    put(t, " | ");
    if (!t->rc) t->rc = join(f, a, b, 1, &x);
    if (!t->rc) put_lexeme(t, x.p, x.n, prefix);
    put(t, ")");
  }
  hoso__buf_free(&x);
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
    word(t, f, 0, n, 1);
  } else {
    size_t nw = segment(t, f, n, starts);
    if (nd->kind == HOSO_QN_RUN) {
      put(t, "(");
      for (size_t i = 0; i < nw; i++) {
        if (i) put(t, " & ");
        word(t, f, starts[i], starts[i + 1], 0);
      }
      put(t, ")");
    } else { /* phrase: the fold phrase, OR the exact phrase when marked */
      int marks = 0;
      for (size_t i = 0; i < n; i++) marks |= f[i].marks;
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

int hoso__pg_tsquery(pg_store *s, const hoso_qnode *q, hoso_buf *out,
                     hoso_buf *terms, int *empty, hoso_error *err) {
  tq t = {s, out, HOSO_OK, 0, err, terms};
  node(&t, q);
  *empty = t.empty;
  return t.rc;
}

/* ---- filters ----------------------------------------------------- */

static int64_t days_from_civil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = (unsigned)(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + (int64_t)doe - 719468;
}

/* The SQLite backend's rule (hoso__sq_parse_day), so both give an event
** or a filter the same day: "YYYY[-MM[-DD]]" optionally followed by 'T'
** or ' ' and anything. */
int hoso__pg_parse_day(const char *s, int is_end, int64_t *day) {
  int y = 0, m = 0, d = 0, k = 0;
  for (; k < 4; k++) {
    if (s[k] < '0' || s[k] > '9') return -1;
    y = y * 10 + (s[k] - '0');
  }
  if (s[k] == '-' && s[k + 1] >= '0' && s[k + 1] <= '9' && s[k + 2] >= '0' &&
      s[k + 2] <= '9') {
    m = (s[k + 1] - '0') * 10 + (s[k + 2] - '0');
    k += 3;
    if (s[k] == '-' && s[k + 1] >= '0' && s[k + 1] <= '9' && s[k + 2] >= '0' &&
        s[k + 2] <= '9') {
      d = (s[k + 1] - '0') * 10 + (s[k + 2] - '0');
      k += 3;
    }
  }
  if (s[k] != 0 && s[k] != 'T' && s[k] != ' ') return -1;
  if (m > 12 || d > 31 || (m == 0 && d)) return -1;
  if (m == 0) m = is_end ? 12 : 1;
  if (d == 0) {
    if (!is_end) {
      d = 1;
    } else {
      static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
      d = mdays[m - 1];
      if (m == 2 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) d = 28;
    }
  }
  *day = days_from_civil(y, (unsigned)m, (unsigned)d);
  return 0;
}

int hoso__pg_fold_key(const char *s, size_t n, char **out) {
  hoso_buf b;
  hoso__buf_init(&b, 4096);
  int rc = hoso__fold_append(&b, s, n);
  if (!rc && !b.p) rc = hoso__buf_addc(&b, 0);
  *out = rc ? NULL : hoso__buf_take(&b);
  hoso__buf_free(&b);
  return rc ? rc : (*out ? HOSO_OK : HOSO_ENOMEM);
}

/* Parameter v as $n: appends before, "$n", after to the condition. */
static int add_param(pg_sel *sel, const char *v, const char *before,
                     const char *after) {
  if (sel->n >= PG_SEL_MAX) return HOSO_EINTERNAL;
  sel->p[sel->n++] = v;
  return hoso__buf_printf(&sel->where, "%s$%d%s", before, sel->n, after);
}

void hoso__pg_sel_free(pg_sel *sel) {
  hoso__buf_free(&sel->tsq);
  hoso__buf_free(&sel->terms);
  hoso__buf_free(&sel->where);
  free(sel->person_key);
  free(sel->org_key);
  memset(sel, 0, sizeof *sel);
}

int hoso__pg_select(pg_store *s, const hoso_qnode *q, const hoso_query *o,
                    int dates, pg_sel *sel, hoso_error *err) {
  memset(sel, 0, sizeof *sel);
  hoso__buf_init(&sel->tsq, 0);
  hoso__buf_init(&sel->terms, 0);
  hoso__buf_init(&sel->where, 0);
  int rc = HOSO_OK, empty = 0;
  if (q) {
    rc = hoso__pg_tsquery(s, q, &sel->tsq, &sel->terms, &empty, err);
    if (rc && rc != HOSO_EDB) rc = hoso__err(err, rc, "out of memory");
    if (rc) return rc;
  }
  sel->p[sel->n++] = q ? sel->tsq.p : NULL;
  rc = hoso__buf_adds(&sel->where, "($1::tsquery IS NULL OR a.tsv @@ $1::tsquery)");
  if (!o || rc) return rc ? hoso__err(err, rc, "out of memory") : HOSO_OK;
  int64_t day;
  if (dates && o->from && *o->from) {
    if (hoso__pg_parse_day(o->from, 0, &day))
      return hoso__err(err, HOSO_EARG, "bad --from date '%s': use YYYY, YYYY-MM or YYYY-MM-DD", o->from);
    snprintf(sel->from, sizeof sel->from, "%" PRId64, day);
    rc = add_param(sel, sel->from, " AND a.published_day >= ", "");
  }
  if (!rc && dates && o->to && *o->to) {
    if (hoso__pg_parse_day(o->to, 1, &day))
      return hoso__err(err, HOSO_EARG, "bad --to date '%s': use YYYY, YYYY-MM or YYYY-MM-DD", o->to);
    snprintf(sel->to, sizeof sel->to, "%" PRId64, day);
    rc = add_param(sel, sel->to, " AND a.published_day <= ", "");
  }
  /* the outlet's name compared without case, as the SQLite backend */
  if (!rc && o->outlet && *o->outlet)
    rc = add_param(sel, o->outlet, " AND a.outlet_id = (SELECT id FROM outlet"
                                   " WHERE lower(name) = lower(", ") LIMIT 1)");
  /* languages other than vi/ru/en are stored as one "other" class there */
  if (!rc && o->lang && *o->lang) {
    rc = add_param(sel, o->lang,
                   " AND (CASE WHEN a.lang IN ('vi','ru','en') THEN a.lang END)"
                   " IS NOT DISTINCT FROM (CASE WHEN ", "::text");
    if (!rc)
      rc = hoso__buf_printf(&sel->where, " IN ('vi','ru','en') THEN $%d::text"
                                         " END)", sel->n);
  }
  for (int k = 0; k < 2 && !rc; k++) {
    const char *name = k == 0 ? o->person : o->org;
    char **key = k == 0 ? &sel->person_key : &sel->org_key;
    if (!name || !*name) continue;
    if (hoso__pg_fold_key(name, strlen(name), key))
      return hoso__err(err, HOSO_ENOMEM, "out of memory");
    rc = add_param(sel, *key,
                   k == 0 ? " AND a.id IN (SELECT m.article_id FROM entity e JOIN"
                            " mention m ON m.entity_id = e.id WHERE e.kind = 1"
                            " AND e.key = "
                          : " AND a.id IN (SELECT m.article_id FROM entity e JOIN"
                            " mention m ON m.entity_id = e.id WHERE e.kind = 2"
                            " AND e.key = ", ")");
  }
  if (!rc && o->event_type && *o->event_type)
    rc = add_param(sel, o->event_type,
                   " AND a.id IN (SELECT es.article_id FROM event e JOIN"
                   " event_source es ON es.event_id = e.id WHERE e.type = ", ")");
  if (rc == HOSO_EINTERNAL) return hoso__err(err, rc, "too many filters");
  return rc ? hoso__err(err, rc, "out of memory") : HOSO_OK;
}
