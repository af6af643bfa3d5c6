/* json.c -- a small compact JSON writer with sticky errors (see base.h).
** Why our own: output only, ~150 lines; a full JSON library would add a
** dependency for what is string escaping and comma bookkeeping. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "base.h"

void hoso__json_init(hoso_json *w, hoso_buf *out) {
  memset(w, 0, sizeof(*w));
  w->out = out;
}

static void put(hoso_json *w, const char *s, size_t n) {
  if (w->rc) return;
  w->rc = hoso__buf_add(w->out, s, n);
}

/* One byte: written in place when the buffer has room (the common case:
** commas, colons, brackets), else through put. */
static inline void put_c(hoso_json *w, char c) {
  hoso_buf *b = w->out;
  if (!w->rc && b->n + 2 <= b->cap && b->n < b->max) {
    b->p[b->n++] = c;
    b->p[b->n] = 0;
    return;
  }
  put(w, &c, 1);
}

/* Before any value: a comma if this container already has a member. */
static void before_value(hoso_json *w) {
  if (w->rc) return;
  if (w->after_key) {
    w->after_key = 0;
    return;
  }
  if (w->depth > 0 && w->need_comma[w->depth - 1]) put_c(w, ',');
  if (w->depth > 0) w->need_comma[w->depth - 1] = 1;
}

static void open(hoso_json *w, char c) {
  before_value(w);
  if (w->rc) return;
  if (w->depth >= HOSO_JSON_MAX_DEPTH) {
    w->rc = HOSO_ETOOBIG;
    return;
  }
  put_c(w, c);
  w->need_comma[w->depth++] = 0;
}

static void close_(hoso_json *w, char c) {
  if (w->rc) return;
  if (w->depth == 0) {
    w->rc = HOSO_EINTERNAL;
    return;
  }
  w->depth--;
  put_c(w, c);
}

void hoso__json_obj_begin(hoso_json *w) { open(w, '{'); }
void hoso__json_obj_end(hoso_json *w) { close_(w, '}'); }
void hoso__json_arr_begin(hoso_json *w) { open(w, '['); }
void hoso__json_arr_end(hoso_json *w) { close_(w, ']'); }

/* Length of a valid UTF-8 sequence at s (at most n bytes), 0 if invalid. */
static size_t utf8_seq(const unsigned char *s, size_t n) {
  unsigned c = s[0];
  size_t len;
  unsigned min;
  if (c < 0x80) return 1;
  if (c >= 0xC2 && c <= 0xDF) { len = 2; min = 0x80; }
  else if (c >= 0xE0 && c <= 0xEF) { len = 3; min = 0x800; }
  else if (c >= 0xF0 && c <= 0xF4) { len = 4; min = 0x10000; }
  else return 0;
  if (n < len) return 0;
  unsigned cp = c & (0xFF >> (len + 1));
  for (size_t i = 1; i < len; i++) {
    if ((s[i] & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (s[i] & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return len;
}

/* Escapes p[*i ..] into o until *i reaches stop (a well-formed sequence
** starting before stop may run up to 3 bytes past it, never past n);
** returns the end of the output. Each input byte becomes at most 6
** output bytes ("\u00XX"), so o needs room for 6 x (stop - *i) + 3. */
static char *escape_chunk(const unsigned char *p, size_t n, size_t *i, size_t stop,
                          char *o) {
  static const char hex[] = "0123456789abcdef";
  size_t k = *i;
  while (k < stop) {
    unsigned c = p[k];
    if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
      *o++ = (char)c;
      k++;
      continue;
    }
    if (c >= 0xC2 && c <= 0xDF && k + 1 < n && (p[k + 1] & 0xC0) == 0x80) {
      o[0] = (char)c; /* two bytes: always well-formed */
      o[1] = (char)p[k + 1];
      o += 2;
      k += 2;
      continue;
    }
    if (c >= 0xE1 && c <= 0xEC && k + 2 < n && (p[k + 1] & 0xC0) == 0x80 &&
        (p[k + 2] & 0xC0) == 0x80) {
      o[0] = (char)c; /* three bytes, lead E1..EC: never overlong, never a surrogate */
      o[1] = (char)p[k + 1];
      o[2] = (char)p[k + 2];
      o += 3;
      k += 3;
      continue;
    }
    if (c >= 0x80) {
      size_t len = utf8_seq(p + k, n - k);
      if (len) {
        for (size_t j = 0; j < len; j++) o[j] = (char)p[k + j];
        o += len;
        k += len;
      } else {
        memcpy(o, "\xEF\xBF\xBD", 3);
        o += 3;
        k++;
      }
      continue;
    }
    *o++ = '\\';
    switch (c) {
    case '"': *o++ = '"'; break;
    case '\\': *o++ = '\\'; break;
    case '\n': *o++ = 'n'; break;
    case '\r': *o++ = 'r'; break;
    case '\t': *o++ = 't'; break;
    default:
      *o++ = 'u';
      *o++ = '0';
      *o++ = '0';
      *o++ = hex[c >> 4];
      *o++ = hex[c & 15];
    }
    k++;
  }
  *i = k;
  return o;
}

/* Bytes of input escaped per step: straight into the buffer, or (when
** the buffer cannot reserve that, near its max) through a small local
** array and put, a SLOW_CHUNK at a time. Same bytes either way. */
#define ESC_CHUNK 4096
#define SLOW_CHUNK 64

/* A JSON string. */
static void put_escaped(hoso_json *w, const char *s, size_t n) {
  const unsigned char *p = (const unsigned char *)s;
  hoso_buf *b = w->out;
  size_t i = 0;
  int slow = 0;
  put_c(w, '"');
  while (i < n && !w->rc) {
    if (!slow) {
      size_t stop = n - i > ESC_CHUNK ? i + ESC_CHUNK : n;
      if (hoso__buf_reserve(b, 6 * (stop - i) + 24) == HOSO_OK) {
        char *o = escape_chunk(p, n, &i, stop, b->p + b->n);
        b->n = (size_t)(o - b->p);
        b->p[b->n] = 0;
        continue;
      }
      slow = 1;
    }
    char tmp[6 * SLOW_CHUNK + 8];
    size_t stop = n - i > SLOW_CHUNK ? i + SLOW_CHUNK : n;
    char *o = escape_chunk(p, n, &i, stop, tmp);
    put(w, tmp, (size_t)(o - tmp));
  }
  put_c(w, '"');
}

/* Keys are mostly short plain ASCII names: copied with their quotes and
** colon in one step when the buffer has room; else (or at the first byte
** that needs escaping) through put_escaped. Same bytes either way. */
#define KEY_FAST_MAX 48

void hoso__json_key(hoso_json *w, const char *key) {
  before_value(w);
  hoso_buf *b = w->out;
  if (!w->rc && b->n + KEY_FAST_MAX + 4 <= b->cap && b->n + KEY_FAST_MAX + 3 <= b->max) {
    char *o = b->p + b->n;
    size_t i = 0;
    *o++ = '"';
    for (; i < KEY_FAST_MAX; i++) {
      unsigned c = (unsigned char)key[i];
      if (c < 0x20 || c >= 0x80 || c == '"' || c == '\\') break;
      o[i] = (char)c;
    }
    if (!key[i]) { /* the whole key was plain */
      o += i;
      *o++ = '"';
      *o++ = ':';
      *o = 0;
      b->n = (size_t)(o - b->p);
      w->after_key = 1;
      return;
    }
    b->p[b->n] = 0; /* not plain: undo (nothing was counted) */
  }
  put_escaped(w, key, strlen(key));
  put_c(w, ':');
  w->after_key = 1;
}

void hoso__json_strn(hoso_json *w, const char *s, size_t n) {
  before_value(w);
  put_escaped(w, s, n);
}

void hoso__json_str(hoso_json *w, const char *s) {
  if (!s) {
    hoso__json_null(w);
    return;
  }
  hoso__json_strn(w, s, strlen(s));
}

void hoso__json_int(hoso_json *w, int64_t v) {
  char tmp[24], *e = tmp + sizeof(tmp), *q = e;
  before_value(w);
  /* digits from the end, on the magnitude as unsigned (INT64_MIN too) */
  uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
  do {
    *--q = (char)('0' + u % 10);
    u /= 10;
  } while (u);
  if (v < 0) *--q = '-';
  put(w, q, (size_t)(e - q));
}

/* printf's "%.6g" of a finite double, the same bytes, without printf's
** general path (about 4,800 instructions a number, 2.7% of a search: each
** result's score is one). Six digits: n = |v| x 10^(5-X) rounded, X the
** decimal exponent. 10^k is exact in a double for k <= 22, so n comes
** from one correctly rounded multiply or divide: the computed s is within
** half an ulp of the exact value (under 1.2e-10, as s < 2^20), and its
** rounding to an integer is certain unless s is within FMT_TIE_MARGIN of
** a half -- then, and outside 1e-16 <= |v| < 1e21, printf decides (which
** rounds exact halves to even). Libraries that do this (Debian's
** libdouble-conversion) are C++; this is the one shape the project needs. */
#define FMT_TIE_MARGIN 1e-7

static size_t fmt_g6_slow(char *out, size_t cap, double v) {
  int len = snprintf(out, cap, "%.6g", v);
  return len > 0 ? (size_t)len : 0;
}

static size_t fmt_g6(char *out, size_t cap, double v) {
  static const double p10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                               1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                               1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
  double a = fabs(v);
  if (!(a >= 1e-16 && a < 1e21)) return fmt_g6_slow(out, cap, v); /* 0 too */
  int x = 0; /* the decimal exponent, estimated, then mended below */
  if (a >= 1) {
    while (x < 21 && a >= p10[x + 1]) x++;
  } else {
    while (x > -17 && a * p10[-x] < 1) x--;
  }
  double s = 0;
  for (int tries = 0; tries < 3; tries++) {
    int k = 5 - x;
    if (k > 22 || k < -22) return fmt_g6_slow(out, cap, v);
    s = k >= 0 ? a * p10[k] : a / p10[-k];
    if (s < 1e5) x--;
    else if (s >= 1e6) x++;
    else break;
  }
  if (s < 1e5 || s >= 1e6) return fmt_g6_slow(out, cap, v);
  double whole = floor(s), frac = s - whole; /* exact: s < 2^20 */
  if (fabs(frac - 0.5) < FMT_TIE_MARGIN) return fmt_g6_slow(out, cap, v);
  uint32_t n = (uint32_t)whole + (frac > 0.5);
  if (n == 1000000) { /* 999999.5.. rounds up to the next power of ten */
    n = 100000;
    x++;
  }
  char d[6];
  for (int i = 5; i >= 0; i--) {
    d[i] = (char)('0' + n % 10);
    n /= 10;
  }
  int nd = 6; /* the digits without trailing zeros (no '#' flag) */
  while (nd > 1 && d[nd - 1] == '0') nd--;
  char *o = out;
  if (signbit(v)) *o++ = '-';
  if (x >= 0 && x < 6) { /* style f: integer digits, then any fraction */
    for (int i = 0; i <= x; i++) *o++ = d[i];
    if (nd > x + 1) {
      *o++ = '.';
      for (int i = x + 1; i < nd; i++) *o++ = d[i];
    }
  } else if (x < 0 && x >= -4) { /* style f below 1: 0.000ddd */
    *o++ = '0';
    *o++ = '.';
    for (int i = x + 1; i < 0; i++) *o++ = '0';
    for (int i = 0; i < nd; i++) *o++ = d[i];
  } else { /* style e: d.ddddde+XX (two exponent digits here) */
    *o++ = d[0];
    if (nd > 1) {
      *o++ = '.';
      for (int i = 1; i < nd; i++) *o++ = d[i];
    }
    int e = x < 0 ? -x : x;
    *o++ = 'e';
    *o++ = x < 0 ? '-' : '+';
    *o++ = (char)('0' + e / 10);
    *o++ = (char)('0' + e % 10);
  }
  return (size_t)(o - out);
}

void hoso__json_double(hoso_json *w, double v) {
  char tmp[40];
  before_value(w);
  if (!isfinite(v)) {
    put(w, "null", 4);
    return;
  }
  put(w, tmp, fmt_g6(tmp, sizeof(tmp), v));
}

void hoso__json_bool(hoso_json *w, int v) {
  before_value(w);
  if (v) put(w, "true", 4);
  else put(w, "false", 5);
}

void hoso__json_null(hoso_json *w) {
  before_value(w);
  put(w, "null", 4);
}

void hoso__json_raw(hoso_json *w, const char *s, size_t n) {
  before_value(w);
  put(w, s, n);
}
