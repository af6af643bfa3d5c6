/* query.c -- the query language parser (see query.h). Two passes: lex
** the text into items (word, phrase, OR, negation), then build the tree:
** OR chains bind first, consecutive plain words become one RUN. */
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "search/query.h"
#include "text/text.h"

typedef struct item {
  int kind; /* HOSO_QN_RUN (one plain word), PHRASE, PREFIX, or -1 = OR */
  int neg;
  size_t first, count; /* words[first .. first+count) */
  size_t at;           /* byte offset in the query */
} item;

typedef struct parser {
  hoso_qword *words;
  size_t n_words, cap_words;
  item *items;
  size_t n_items, cap_items;
} parser;

static int is_word_cp(int32_t cp) {
  if (cp < 0) return 0;
  if (cp < 0x80)
    return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
           (cp >= '0' && cp <= '9') || cp == '_';
  utf8proc_category_t c = utf8proc_category(cp);
  return (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_ND) ||
         c == UTF8PROC_CATEGORY_NL || c == UTF8PROC_CATEGORY_NO;
}

static int add_word(parser *p, const char *s, size_t n) {
  if (p->n_words == HOSO_QUERY_MAX_TERMS) return HOSO_EQUERY;
  if (p->n_words == p->cap_words) {
    size_t nc = p->cap_words ? p->cap_words * 2 : 16;
    hoso_qword *w = realloc(p->words, nc * sizeof(*w));
    if (!w) return HOSO_ENOMEM;
    p->words = w;
    p->cap_words = nc;
  }
  p->words[p->n_words].s = s;
  p->words[p->n_words].n = n;
  p->n_words++;
  return HOSO_OK;
}

static int add_item(parser *p, item it) {
  if (p->n_items == p->cap_items) {
    size_t nc = p->cap_items ? p->cap_items * 2 : 16;
    item *x = realloc(p->items, nc * sizeof(*x));
    if (!x) return HOSO_ENOMEM;
    p->items = x;
    p->cap_items = nc;
  }
  p->items[p->n_items++] = it;
  return HOSO_OK;
}

/* Length of the word starting at s[i] (0 if s[i] starts no word). */
static size_t word_len(const char *s, size_t n, size_t i) {
  size_t j = i;
  while (j < n) {
    size_t len;
    int32_t cp = hoso__utf8_decode(s + j, n - j, &len);
    if (!is_word_cp(cp)) break;
    j += len;
  }
  return j - i;
}

static size_t skip_nonword(const char *s, size_t n, size_t i, int stop_quote) {
  while (i < n) {
    if (stop_quote && s[i] == '"') break;
    size_t len;
    int32_t cp = hoso__utf8_decode(s + i, n - i, &len);
    if (is_word_cp(cp)) break;
    i += len;
  }
  return i;
}

static int too_many(hoso_error *err, size_t at) {
  return hoso__err_at(err, HOSO_EQUERY, at,
                      "query has more than %d words", HOSO_QUERY_MAX_TERMS);
}

static int lex(parser *p, const char *q, size_t n, hoso_error *err) {
  size_t i = 0;
  int neg = 0;
  while (i < n) {
    char c = q[i];
    if (c == '"') {
      size_t start = i++;
      item it = {HOSO_QN_PHRASE, neg, p->n_words, 0, start};
      while (i < n && q[i] != '"') {
        i = skip_nonword(q, n, i, 1);
        if (i >= n || q[i] == '"') break;
        size_t wl = word_len(q, n, i);
        int rc = add_word(p, q + i, wl);
        if (rc == HOSO_EQUERY) return too_many(err, i);
        if (rc) return hoso__err(err, rc, "out of memory");
        i += wl;
      }
      if (i < n) i++; /* closing quote; unbalanced closes at the end */
      it.count = p->n_words - it.first;
      neg = 0;
      if (it.count == 0) continue;
      int rc = add_item(p, it);
      if (rc) return hoso__err(err, rc, "out of memory");
      continue;
    }
    if (c == '-' && i + 1 < n &&
        (q[i + 1] == '"' || word_len(q, n, i + 1) > 0) &&
        (i == 0 || q[i - 1] == ' ' || q[i - 1] == '(' || q[i - 1] == '\t')) {
      neg = 1;
      i++;
      continue;
    }
    size_t wl = word_len(q, n, i);
    if (wl == 0) {
      size_t len;
      (void)hoso__utf8_decode(q + i, n - i, &len);
      i += len;
      continue;
    }
    size_t at = i;
    const char *w = q + i;
    i += wl;
    if (wl == 2 && !memcmp(w, "OR", 2)) {
      item it = {-1, 0, 0, 0, at};
      int rc = add_item(p, it);
      if (rc) return hoso__err(err, rc, "out of memory");
      continue;
    }
    if (wl == 3 && !memcmp(w, "AND", 3)) continue;
    if (wl == 3 && !memcmp(w, "NOT", 3)) {
      neg = 1;
      continue;
    }
    int prefix = i < n && q[i] == '*';
    if (prefix) {
      i++;
      /* at least two characters before the star */
      size_t chars = 0;
      for (size_t k = 0; k < wl; k++)
        if (((unsigned char)w[k] & 0xC0) != 0x80) chars++;
      if (chars < 2)
        return hoso__err_at(err, HOSO_EQUERY, at,
                            "prefix '%.*s*' is too short: give at least 2 "
                            "characters before '*'", (int)wl, w);
    }
    item it = {prefix ? HOSO_QN_PREFIX : HOSO_QN_RUN, neg, p->n_words, 1, at};
    int rc = add_word(p, w, wl);
    if (rc == HOSO_EQUERY) return too_many(err, at);
    if (rc) return hoso__err(err, rc, "out of memory");
    rc = add_item(p, it);
    if (rc) return hoso__err(err, rc, "out of memory");
    neg = 0;
  }
  return HOSO_OK;
}

static hoso_qnode *node_new(int kind) {
  hoso_qnode *nd = calloc(1, sizeof(*nd));
  if (nd) nd->kind = kind;
  return nd;
}

static int node_add(hoso_qnode *parent, hoso_qnode *kid) {
  hoso_qnode **k =
      realloc(parent->kids, (parent->n_kids + 1) * sizeof(*parent->kids));
  if (!k) return HOSO_ENOMEM;
  parent->kids = k;
  parent->kids[parent->n_kids++] = kid;
  return HOSO_OK;
}

static int node_words(hoso_qnode *nd, const parser *p, size_t first,
                      size_t count) {
  nd->words = malloc(count * sizeof(*nd->words));
  if (!nd->words) return HOSO_ENOMEM;
  memcpy(nd->words, p->words + first, count * sizeof(*nd->words));
  nd->n_words = count;
  return HOSO_OK;
}

void hoso__query_free(hoso_qnode *nd) {
  if (!nd) return;
  for (size_t i = 0; i < nd->n_kids; i++) hoso__query_free(nd->kids[i]);
  free(nd->kids);
  free(nd->words);
  free(nd);
}

static hoso_qnode *leaf(const parser *p, const item *it) {
  hoso_qnode *nd = node_new(it->kind);
  if (!nd) return NULL;
  if (node_words(nd, p, it->first, it->count)) {
    hoso__query_free(nd);
    return NULL;
  }
  return nd;
}

/* Build the tree from p->items. */
static int build(parser *p, hoso_qnode **out, hoso_error *err) {
  hoso_qnode *root = node_new(HOSO_QN_AND);
  hoso_qnode *run = NULL; /* the RUN being extended */
  int positives = 0, negatives = 0;
  if (!root) return hoso__err(err, HOSO_ENOMEM, "out of memory");
  size_t i = 0;
  int rc = HOSO_OK;
  while (i < p->n_items && !rc) {
    item *it = &p->items[i];
    if (it->kind == -1) { /* a stray OR: ignore */
      i++;
      continue;
    }
    /* the OR chain starting here: it OR it2 OR ... */
    size_t j = i;
    while (j + 2 < p->n_items && p->items[j + 1].kind == -1 &&
           p->items[j + 2].kind != -1)
      j += 2;
    if (j == i && it->kind == HOSO_QN_RUN && !it->neg) {
      /* plain word: extend the current run if it ends right before */
      if (run) {
        hoso_qword *w = realloc(run->words, (run->n_words + 1) * sizeof(*w));
        if (!w) {
          rc = HOSO_ENOMEM;
          break;
        }
        run->words = w;
        run->words[run->n_words++] = p->words[it->first];
      } else {
        run = leaf(p, it);
        if (!run || node_add(root, run)) {
          hoso__query_free(run);
          rc = HOSO_ENOMEM;
          break;
        }
      }
      positives++;
      i++;
      continue;
    }
    run = NULL;
    hoso_qnode *unit;
    if (j == i) {
      unit = leaf(p, it);
      if (!unit) {
        rc = HOSO_ENOMEM;
        break;
      }
    } else {
      unit = node_new(HOSO_QN_OR);
      if (!unit) {
        rc = HOSO_ENOMEM;
        break;
      }
      for (size_t k = i; k <= j && !rc; k += 2) {
        item alt = p->items[k];
        alt.neg = 0;
        hoso_qnode *l = leaf(p, &alt);
        if (!l || node_add(unit, l)) {
          hoso__query_free(l);
          rc = HOSO_ENOMEM;
        }
      }
      if (rc) {
        hoso__query_free(unit);
        break;
      }
    }
    if (it->neg) {
      hoso_qnode *no = node_new(HOSO_QN_NOT);
      if (!no || node_add(no, unit)) {
        free(no);
        hoso__query_free(unit);
        rc = HOSO_ENOMEM;
        break;
      }
      unit = no;
      negatives++;
    } else {
      positives++;
    }
    if (node_add(root, unit)) {
      hoso__query_free(unit);
      rc = HOSO_ENOMEM;
      break;
    }
    i = j + 1;
  }
  if (rc) {
    hoso__query_free(root);
    return hoso__err(err, rc, "out of memory");
  }
  if (positives == 0) {
    hoso__query_free(root);
    *out = NULL;
    if (negatives)
      return hoso__err(err, HOSO_EQUERY,
                       "the query only excludes words: add a word to find");
    return HOSO_OK;
  }
  *out = root;
  return HOSO_OK;
}

int hoso__query_parse(const char *q, size_t n, hoso_qnode **out,
                      hoso_error *err) {
  *out = NULL;
  if (n > HOSO_QUERY_MAX)
    return hoso__err_at(err, HOSO_ETOOBIG, HOSO_QUERY_MAX,
                        "query is %zu bytes long; the limit is %d", n,
                        HOSO_QUERY_MAX);
  if (!q) n = 0;
  parser p;
  memset(&p, 0, sizeof(p));
  int rc = n ? lex(&p, q, n, err) : HOSO_OK;
  if (!rc) rc = build(&p, out, err);
  free(p.words);
  free(p.items);
  return rc;
}

static const char *kind_name(int k) {
  switch (k) {
  case HOSO_QN_AND: return "AND";
  case HOSO_QN_OR: return "OR";
  case HOSO_QN_NOT: return "NOT";
  case HOSO_QN_RUN: return "RUN";
  case HOSO_QN_PHRASE: return "PHRASE";
  default: return "PREFIX";
  }
}

int hoso__query_dump(const hoso_qnode *nd, hoso_buf *out) {
  if (!nd) return hoso__buf_adds(out, "EMPTY");
  int rc = hoso__buf_adds(out, kind_name(nd->kind));
  if (!rc) rc = hoso__buf_addc(out, '(');
  for (size_t i = 0; i < nd->n_words && !rc; i++) {
    if (i) rc = hoso__buf_addc(out, ' ');
    if (!rc) rc = hoso__buf_add(out, nd->words[i].s, nd->words[i].n);
  }
  for (size_t i = 0; i < nd->n_kids && !rc; i++) {
    if (i) rc = hoso__buf_addc(out, ' ');
    if (!rc) rc = hoso__query_dump(nd->kids[i], out);
  }
  if (!rc) rc = hoso__buf_addc(out, ')');
  return rc;
}
