/* jsonl.c -- one JSON Lines record, read in one pass (see jsonl.h).
**
** Why not jansson (which the rest of hoso uses for JSON): ingest reads
** every article of a JSON Lines dump through here, and building a jansson
** tree of each line -- every string decoded into its own allocation, a
** hash table of the members, then the numbers turned into text -- cost 15%
** of `hoso ingest`'s CPU on VNTC (bench/store-profile.sh). This reader
** checks the line's UTF-8 once, then walks it once: the top-level members'
** strings are decoded into one arena that is reused line after line,
** numbers and booleans are kept as their text, nested objects and arrays
** are checked and skipped. It accepts and rejects what jansson's
** json_loadb does (tests/unit/test_jsonl.c compares both on the sample
** corpus and on mutated lines; fuzz/fuzz_jsonl.c too), except the two
** escapes jansson rejects and news dumps contain: a lone UTF-16 surrogate
** (a string cut inside an emoji) and \u0000 read as U+FFFD. A malformed
** UTF-8 byte anywhere in the line is HOSO_EUTF8 at its offset.
*/
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/jsonl.h"
#include "text/text.h"

#define MAX_DEPTH 2048 /* nested containers, as jansson's parser allows */

void hoso__jsonl_init(hoso_jsonl *r) {
  memset(r, 0, sizeof(*r));
  hoso__buf_init(&r->arena, 0);
}

void hoso__jsonl_free(hoso_jsonl *r) {
  hoso__buf_free(&r->arena);
  free(r->mem);
  memset(r, 0, sizeof(*r));
}

/* The parse of one line: the input and where the reader is. */
typedef struct lex {
  const char *s;
  size_t n, i;
  hoso_jsonl *r;
  hoso_error *err;
} lex;

static int bad(lex *x, size_t at, const char *what) {
  return hoso__err_at(x->err, HOSO_EFORMAT, at, "bad JSON: %s", what);
}

static void skip_ws(lex *x) {
  while (x->i < x->n) {
    char c = x->s[x->i];
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r') break;
    x->i++;
  }
}

static int hex4(const char *s, unsigned *v) {
  unsigned r = 0;
  for (int k = 0; k < 4; k++) {
    char c = s[k];
    r <<= 4;
    if (c >= '0' && c <= '9') r |= (unsigned)(c - '0');
    else if (c >= 'a' && c <= 'f') r |= (unsigned)(c - 'a' + 10);
    else if (c >= 'A' && c <= 'F') r |= (unsigned)(c - 'A' + 10);
    else return -1;
  }
  *v = r;
  return 0;
}

/* A string at x->i (on its opening quote). keep: decode it onto the
** arena, NUL-terminated, and say where (*off, *len); else only check it. */
static int string(lex *x, int keep, size_t *off, size_t *len) {
  hoso_buf *a = &x->r->arena;
  const char *s = x->s;
  size_t n = x->n, i = x->i + 1;
  if (keep) *off = a->n;
  for (;;) {
    size_t run = i;
    /* the plain bytes up to the next quote, backslash or control byte */
    while (i < n) {
      unsigned char c = (unsigned char)s[i];
      if (c == '"' || c == '\\' || c < 0x20) break;
      i++;
    }
    if (keep && i > run && hoso__buf_add(a, s + run, i - run))
      return hoso__err(x->err, HOSO_ENOMEM, "out of memory");
    if (i >= n) return bad(x, n, "premature end of input in a string");
    char c = s[i];
    if (c == '"') break;
    if (c != '\\') return bad(x, i, "control character in a string");
    if (i + 1 >= n) return bad(x, n, "premature end of input in a string");
    char e = s[i + 1], one = 0;
    switch (e) {
    case '"': one = '"'; break;
    case '\\': one = '\\'; break;
    case '/': one = '/'; break;
    case 'b': one = '\b'; break;
    case 'f': one = '\f'; break;
    case 'n': one = '\n'; break;
    case 'r': one = '\r'; break;
    case 't': one = '\t'; break;
    case 'u': break;
    default: return bad(x, i, "invalid escape");
    }
    if (one) {
      if (keep && hoso__buf_addc(a, one)) return hoso__err(x->err, HOSO_ENOMEM, "out of memory");
      i += 2;
      continue;
    }
    unsigned cp, lo;
    if (i + 6 > n || hex4(s + i + 2, &cp)) return bad(x, i, "invalid \\u escape");
    i += 6;
    if (cp >= 0xD800 && cp <= 0xDBFF && i + 6 <= n && s[i] == '\\' && s[i + 1] == 'u' &&
        !hex4(s + i + 2, &lo) && lo >= 0xDC00 && lo <= 0xDFFF) {
      cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00); /* a pair */
      i += 6;
    } else if (cp == 0 || (cp >= 0xD800 && cp <= 0xDFFF)) {
      cp = 0xFFFD; /* a lone half, or NUL: values stay C strings */
    }
    if (keep) {
      char u[4];
      size_t un = hoso__utf8_encode((int32_t)cp, u);
      if (hoso__buf_add(a, u, un)) return hoso__err(x->err, HOSO_ENOMEM, "out of memory");
    }
  }
  x->i = i + 1;
  if (keep) {
    *len = a->n - *off;
    if (hoso__buf_addc(a, '\0')) return hoso__err(x->err, HOSO_ENOMEM, "out of memory");
  }
  return HOSO_OK;
}

static int is_digit(char c) { return c >= '0' && c <= '9'; }

/* A number at x->i: JSON's grammar; an integer must fit in 64 bits and a
** real must not overflow (as jansson). keep: its text onto the arena as
** jansson's value prints -- integers exactly, reals in the shortest form
** that reads back the same. */
static int number(lex *x, int keep, size_t *off, size_t *len) {
  const char *s = x->s;
  size_t n = x->n, i = x->i, start = i;
  int real = 0;
  if (i < n && s[i] == '-') i++;
  if (i < n && s[i] == '0') {
    i++;
  } else if (i < n && s[i] >= '1' && s[i] <= '9') {
    while (i < n && is_digit(s[i])) i++;
  } else {
    return bad(x, start, "invalid token");
  }
  if (i < n && s[i] == '.') {
    real = 1;
    if (++i >= n || !is_digit(s[i])) return bad(x, start, "invalid number");
    while (i < n && is_digit(s[i])) i++;
  }
  if (i < n && (s[i] == 'e' || s[i] == 'E')) {
    real = 1;
    i++;
    if (i < n && (s[i] == '+' || s[i] == '-')) i++;
    if (i >= n || !is_digit(s[i])) return bad(x, start, "invalid number");
    while (i < n && is_digit(s[i])) i++;
  }
  x->i = i;
  char tok[64], t[40];
  size_t tn = i - start;
  if (real) {
    /* digits beyond what a double holds change nothing but the length */
    char *big = NULL;
    const char *num = tok;
    if (tn < sizeof(tok)) {
      memcpy(tok, s + start, tn);
      tok[tn] = 0;
    } else {
      if (!(big = malloc(tn + 1))) return hoso__err(x->err, HOSO_ENOMEM, "out of memory");
      memcpy(big, s + start, tn);
      big[tn] = 0;
      num = big;
    }
    errno = 0;
    double d = strtod(num, NULL);
    int over = errno == ERANGE && (d > 1.0 || d < -1.0);
    free(big);
    if (over) return bad(x, start, "real number overflow");
    if (!keep) return HOSO_OK;
    for (int prec = 15; prec <= 17; prec++) {
      snprintf(t, sizeof(t), "%.*g", prec, d);
      if (strtod(t, NULL) == d) break;
    }
  } else {
    if (tn >= sizeof(tok)) return bad(x, start, "too big integer");
    memcpy(tok, s + start, tn);
    tok[tn] = 0;
    errno = 0;
    long long v = strtoll(tok, NULL, 10);
    if (errno == ERANGE) return bad(x, start, v < 0 ? "too big negative integer" : "too big integer");
    if (!keep) return HOSO_OK;
    snprintf(t, sizeof(t), "%lld", v);
  }
  *off = x->r->arena.n;
  *len = strlen(t);
  if (hoso__buf_add(&x->r->arena, t, *len + 1)) return hoso__err(x->err, HOSO_ENOMEM, "out of memory");
  return HOSO_OK;
}

static int literal(lex *x, const char *word) {
  size_t wn = strlen(word);
  if (x->n - x->i < wn || memcmp(x->s + x->i, word, wn)) return bad(x, x->i, "invalid token");
  x->i += wn;
  return HOSO_OK;
}

/* A nested object or array at x->i: checked, not kept. The kinds of the
** open containers are bits of a fixed stack (no recursion). */
static int skip_container(lex *x) {
  unsigned char is_obj[MAX_DEPTH / 8];
  size_t depth = 0;
  enum { KEY_OR_END, KEY, COLON, VALUE_OR_END, VALUE, NEXT } want = VALUE;
  for (;;) {
    skip_ws(x);
    if (x->i >= x->n) return bad(x, x->n, "premature end of input");
    char c = x->s[x->i];
    int obj = depth && (is_obj[(depth - 1) / 8] >> ((depth - 1) % 8) & 1);
    int rc;
    if ((want == KEY_OR_END && c == '}') || (want == VALUE_OR_END && c == ']') ||
        (want == NEXT && c == (obj ? '}' : ']'))) {
      x->i++;
      if (--depth == 0) return HOSO_OK;
      want = NEXT;
      continue;
    }
    switch (want) {
    case KEY_OR_END:
    case KEY:
      if (c != '"') return bad(x, x->i, "string expected as an object key");
      if ((rc = string(x, 0, NULL, NULL))) return rc;
      want = COLON;
      continue;
    case COLON:
      if (c != ':') return bad(x, x->i, "':' expected");
      x->i++;
      want = VALUE;
      continue;
    case NEXT:
      if (c != ',') return bad(x, x->i, obj ? "',' or '}' expected" : "',' or ']' expected");
      x->i++;
      want = obj ? KEY : VALUE;
      continue;
    case VALUE_OR_END:
    case VALUE:
      break;
    }
    if (c == '{' || c == '[') {
      if (depth + 2 > MAX_DEPTH) /* the record itself is the first level */
        return bad(x, x->i, "maximum parsing depth reached");
      unsigned char bit = (unsigned char)(1u << (depth % 8));
      if (c == '{') is_obj[depth / 8] |= bit;
      else is_obj[depth / 8] &= (unsigned char)~bit;
      depth++;
      x->i++;
      want = c == '{' ? KEY_OR_END : VALUE_OR_END;
      continue;
    }
    if (c == '"') rc = string(x, 0, NULL, NULL);
    else if (c == 't') rc = literal(x, "true");
    else if (c == 'f') rc = literal(x, "false");
    else if (c == 'n') rc = literal(x, "null");
    else if (c == '-' || is_digit(c)) rc = number(x, 0, NULL, NULL);
    else rc = bad(x, x->i, "invalid token");
    if (rc) return rc;
    want = NEXT;
  }
}

static int add_member(hoso_jsonl *r, size_t k, size_t kn, size_t v, size_t vn, int has) {
  if (r->n == r->cap) {
    size_t nc = r->cap ? r->cap * 2 : 16;
    hoso_jsonl_member *m = realloc(r->mem, nc * sizeof(*m));
    if (!m) return HOSO_ENOMEM;
    r->mem = m;
    r->cap = nc;
  }
  hoso_jsonl_member *m = &r->mem[r->n++];
  m->key = k;
  m->key_n = kn;
  m->val = v;
  m->val_n = vn;
  m->has = has;
  return HOSO_OK;
}

int hoso__jsonl_parse(hoso_jsonl *r, const char *s, size_t n, hoso_error *err) {
  r->n = 0;
  hoso__buf_reset(&r->arena);
  lex x = {s, n, 0, r, err};
  skip_ws(&x);
  if (x.i == n || s[x.i] != '{')
    return hoso__err_at(err, HOSO_EFORMAT, x.i, "bad JSON: a line must hold one JSON object");
  size_t badu = hoso__utf8_invalid_at(s, n);
  if (badu < n)
    return hoso__err_at(err, HOSO_EUTF8, badu,
                        "malformed UTF-8 in JSON (is the file in another encoding?)");
  x.i++;
  int rc = HOSO_OK;
  skip_ws(&x);
  if (x.i < n && s[x.i] == '}') {
    x.i++;
  } else {
    for (;;) {
      skip_ws(&x);
      if (x.i >= n) {
        rc = bad(&x, n, "premature end of input");
        break;
      }
      if (s[x.i] != '"') {
        rc = bad(&x, x.i, "string expected as an object key");
        break;
      }
      size_t k = 0, kn = 0, v = 0, vn = 0;
      if ((rc = string(&x, 1, &k, &kn))) break;
      skip_ws(&x);
      if (x.i >= n || s[x.i] != ':') {
        rc = bad(&x, x.i, "':' expected");
        break;
      }
      x.i++;
      skip_ws(&x);
      if (x.i >= n) {
        rc = bad(&x, n, "premature end of input");
        break;
      }
      char c = s[x.i];
      int has = 1;
      if (c == '"') rc = string(&x, 1, &v, &vn);
      else if (c == '-' || is_digit(c)) rc = number(&x, 1, &v, &vn);
      else if (c == 't' || c == 'f') {
        rc = literal(&x, c == 't' ? "true" : "false");
        if (!rc) {
          v = r->arena.n;
          vn = c == 't' ? 4 : 5;
          rc = hoso__buf_add(&r->arena, c == 't' ? "true" : "false", vn + 1)
                   ? hoso__err(err, HOSO_ENOMEM, "out of memory")
                   : HOSO_OK;
        }
      } else if (c == 'n') {
        rc = literal(&x, "null");
        has = 0;
      } else if (c == '{' || c == '[') {
        rc = skip_container(&x);
        has = 0;
      } else {
        rc = bad(&x, x.i, "invalid token");
      }
      if (rc) break;
      if (add_member(r, k, kn, v, vn, has)) {
        rc = hoso__err(err, HOSO_ENOMEM, "out of memory");
        break;
      }
      skip_ws(&x);
      if (x.i < n && s[x.i] == ',') {
        x.i++;
        continue;
      }
      if (x.i < n && s[x.i] == '}') {
        x.i++;
        break;
      }
      rc = bad(&x, x.i < n ? x.i : n, "',' or '}' expected");
      break;
    }
  }
  if (!rc) {
    skip_ws(&x);
    if (x.i < n) rc = bad(&x, x.i, "end of input expected");
  }
  if (rc) r->n = 0; /* nothing left from this or an earlier record */
  return rc;
}

const char *hoso__jsonl_get(const hoso_jsonl *r, const char *key, size_t *len) {
  size_t kn = strlen(key);
  for (size_t i = r->n; i-- > 0;) { /* the last of equal keys counts */
    const hoso_jsonl_member *m = &r->mem[i];
    if (m->key_n != kn || memcmp(r->arena.p + m->key, key, kn)) continue;
    if (!m->has) return NULL;
    if (len) *len = m->val_n;
    return r->arena.p + m->val;
  }
  return NULL;
}
