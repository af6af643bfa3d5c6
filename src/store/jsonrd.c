/* jsonrd.c -- a flat JSON object reader for JSON Lines input (see
** jsonrd.h). Why our own: ~200 lines for one flat object per line; a
** JSON library would be a new dependency for this one use. */
#include <string.h>

#include "store/jsonrd.h"
#include "text/text.h"

void hoso__jsonrd_init(hoso_jsonrd *r) {
  memset(r, 0, sizeof(*r));
  hoso__buf_init(&r->buf, 0);
}

void hoso__jsonrd_free(hoso_jsonrd *r) { hoso__buf_free(&r->buf); }

typedef struct rd {
  const char *s;
  size_t n, i;
  hoso_error *err;
} rd;

static void ws(rd *p) {
  while (p->i < p->n && (p->s[p->i] == ' ' || p->s[p->i] == '\t' ||
                         p->s[p->i] == '\n' || p->s[p->i] == '\r'))
    p->i++;
}

static int bad(rd *p, const char *what) {
  return hoso__err_at(p->err, HOSO_EFORMAT, p->i, "bad JSON: %s", what);
}

static int hex4(rd *p, int32_t *v) {
  if (p->i + 4 > p->n) return -1;
  int32_t x = 0;
  for (int k = 0; k < 4; k++) {
    char c = p->s[p->i + (size_t)k];
    x <<= 4;
    if (c >= '0' && c <= '9') x |= c - '0';
    else if (c >= 'a' && c <= 'f') x |= c - 'a' + 10;
    else if (c >= 'A' && c <= 'F') x |= c - 'A' + 10;
    else return -1;
  }
  p->i += 4;
  *v = x;
  return 0;
}

/* A string at p->i (on the quote): unescape into out (or skip if NULL). */
static int str(rd *p, hoso_buf *out) {
  p->i++;
  for (;;) {
    size_t start = p->i;
    while (p->i < p->n && p->s[p->i] != '"' && p->s[p->i] != '\\' &&
           (unsigned char)p->s[p->i] >= 0x20)
      p->i++;
    if (out && p->i > start && hoso__buf_add(out, p->s + start, p->i - start))
      return hoso__err(p->err, HOSO_ENOMEM, "out of memory");
    if (p->i >= p->n) return bad(p, "unterminated string");
    char c = p->s[p->i];
    if (c == '"') {
      p->i++;
      return HOSO_OK;
    }
    if ((unsigned char)c < 0x20) return bad(p, "control character in string");
    p->i++; /* backslash */
    if (p->i >= p->n) return bad(p, "unterminated escape");
    c = p->s[p->i++];
    char one = 0;
    switch (c) {
    case '"': one = '"'; break;
    case '\\': one = '\\'; break;
    case '/': one = '/'; break;
    case 'b': one = '\b'; break;
    case 'f': one = '\f'; break;
    case 'n': one = '\n'; break;
    case 'r': one = '\r'; break;
    case 't': one = '\t'; break;
    case 'u': {
      int32_t cp;
      if (hex4(p, &cp)) return bad(p, "bad \\u escape");
      if (cp >= 0xD800 && cp <= 0xDBFF && p->i + 6 <= p->n &&
          p->s[p->i] == '\\' && p->s[p->i + 1] == 'u') {
        size_t save = p->i;
        int32_t lo;
        p->i += 2;
        if (!hex4(p, &lo) && lo >= 0xDC00 && lo <= 0xDFFF)
          cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
        else
          p->i = save;
      }
      if (cp >= 0xD800 && cp <= 0xDFFF) cp = HOSO_REPLACEMENT_CHAR;
      if (cp == 0) cp = HOSO_REPLACEMENT_CHAR; /* keep values C strings */
      char tmp[4];
      size_t k = hoso__utf8_encode(cp, tmp);
      if (out && hoso__buf_add(out, tmp, k))
        return hoso__err(p->err, HOSO_ENOMEM, "out of memory");
      continue;
    }
    default: return bad(p, "unknown escape");
    }
    if (out && hoso__buf_addc(out, one))
      return hoso__err(p->err, HOSO_ENOMEM, "out of memory");
  }
}

static int skip_value(rd *p, int depth);

static int skip_container(rd *p, int depth, char close) {
  p->i++;
  ws(p);
  if (p->i < p->n && p->s[p->i] == close) {
    p->i++;
    return HOSO_OK;
  }
  for (;;) {
    ws(p);
    if (close == '}') {
      if (p->i >= p->n || p->s[p->i] != '"') return bad(p, "expected a key");
      int rc = str(p, NULL);
      if (rc) return rc;
      ws(p);
      if (p->i >= p->n || p->s[p->i] != ':') return bad(p, "expected ':'");
      p->i++;
      ws(p);
    }
    int rc = skip_value(p, depth + 1);
    if (rc) return rc;
    ws(p);
    if (p->i < p->n && p->s[p->i] == ',') {
      p->i++;
      continue;
    }
    if (p->i < p->n && p->s[p->i] == close) {
      p->i++;
      return HOSO_OK;
    }
    return bad(p, "expected ',' or the end of a container");
  }
}

static int skip_value(rd *p, int depth) {
  if (depth > 64) return bad(p, "nested too deeply");
  if (p->i >= p->n) return bad(p, "expected a value");
  char c = p->s[p->i];
  if (c == '"') return str(p, NULL);
  if (c == '{') return skip_container(p, depth, '}');
  if (c == '[') return skip_container(p, depth, ']');
  size_t start = p->i;
  while (p->i < p->n && (strchr("+-.0123456789eEtruefalsn", p->s[p->i])))
    p->i++;
  if (p->i == start) return bad(p, "unexpected character");
  return HOSO_OK;
}

int hoso__jsonrd_parse(hoso_jsonrd *r, const char *s, size_t n,
                       hoso_error *err) {
  rd p = {s, n, 0, err};
  hoso__buf_reset(&r->buf);
  r->n_keys = 0;
  ws(&p);
  if (p.i >= n || s[p.i] != '{') return bad(&p, "a line must hold one JSON object");
  p.i++;
  ws(&p);
  if (p.i < n && s[p.i] == '}') {
    p.i++;
  } else {
    for (;;) {
      ws(&p);
      if (p.i >= n || s[p.i] != '"') return bad(&p, "expected a key");
      size_t koff = r->buf.n;
      int rc = str(&p, &r->buf);
      if (!rc) rc = hoso__buf_addc(&r->buf, 0) ? hoso__err(err, HOSO_ENOMEM, "out of memory") : 0;
      if (rc) return rc;
      ws(&p);
      if (p.i >= n || s[p.i] != ':') return bad(&p, "expected ':'");
      p.i++;
      ws(&p);
      if (p.i >= n) return bad(&p, "expected a value");
      size_t voff = r->buf.n, vstart = p.i;
      int is_str = s[p.i] == '"';
      if (is_str)
        rc = str(&p, &r->buf);
      else {
        rc = skip_value(&p, 1);
        if (!rc && s[vstart] != '{' && s[vstart] != '[')
          rc = hoso__buf_add(&r->buf, s + vstart, p.i - vstart)
                   ? hoso__err(err, HOSO_ENOMEM, "out of memory") : 0;
      }
      if (rc) return rc;
      size_t vlen = r->buf.n - voff;
      if (hoso__buf_addc(&r->buf, 0)) return hoso__err(err, HOSO_ENOMEM, "out of memory");
      if (r->n_keys < HOSO_JSONRD_MAX_KEYS &&
          !(!is_str && vlen == 4 && !memcmp(r->buf.p + voff, "null", 4)) &&
          !(!is_str && vlen == 0)) {
        r->key_off[r->n_keys] = koff;
        r->val_off[r->n_keys] = voff;
        r->val_len[r->n_keys] = vlen;
        r->is_str[r->n_keys] = is_str;
        r->n_keys++;
      }
      ws(&p);
      if (p.i < n && s[p.i] == ',') {
        p.i++;
        continue;
      }
      if (p.i < n && s[p.i] == '}') {
        p.i++;
        break;
      }
      return bad(&p, "expected ',' or '}'");
    }
  }
  ws(&p);
  if (p.i != n) return bad(&p, "text after the object");
  return HOSO_OK;
}

const char *hoso__jsonrd_get(const hoso_jsonrd *r, const char *key,
                             size_t *len) {
  for (size_t i = 0; i < r->n_keys; i++)
    if (!strcmp(r->buf.p + r->key_off[i], key)) {
      if (len) *len = r->val_len[i];
      return r->buf.p + r->val_off[i];
    }
  return NULL;
}
