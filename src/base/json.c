/* json.c -- a small compact JSON writer with sticky errors (see base.h).
** Why our own: output only, ~150 lines; a full JSON library would add a
** dependency for what is string escaping and comma bookkeeping. */
#include <math.h>
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

/* The inside of a JSON string, piece by piece through put (when the
** buffer cannot take the worst case of a chunk at once). */
static void escape_slow(hoso_json *w, const char *s, size_t n) {
  const unsigned char *p = (const unsigned char *)s;
  size_t i = 0, run = 0;
  while (i < n && !w->rc) {
    unsigned c = p[i];
    if (c >= 0x20 && c != '"' && c != '\\' && c < 0x80) {
      run++;
      i++;
      continue;
    }
    size_t len = c >= 0x80 ? utf8_seq(p + i, n - i) : 0;
    if (len) { /* a well-formed sequence: copied with the run */
      run += len;
      i += len;
      continue;
    }
    if (run) put(w, (const char *)p + i - run, run);
    run = 0;
    if (c >= 0x80) {
      put(w, "\xEF\xBF\xBD", 3);
      i++;
      continue;
    }
    char esc[8];
    switch (c) {
    case '"': put(w, "\\\"", 2); break;
    case '\\': put(w, "\\\\", 2); break;
    case '\n': put(w, "\\n", 2); break;
    case '\r': put(w, "\\r", 2); break;
    case '\t': put(w, "\\t", 2); break;
    default:
      snprintf(esc, sizeof(esc), "\\u%04x", c);
      put(w, esc, 6);
    }
    i++;
  }
  if (run) put(w, (const char *)p + i - run, run);
}

/* Bytes of input escaped per step of the fast path. */
#define ESC_CHUNK 4096

/* A JSON string. Each input byte becomes at most 6 output bytes
** ("\u00XX"), so with room for 6 x a chunk (and a sequence running over
** its end) reserved, the chunk is written straight into the buffer
** without a bounds check per piece; when the buffer cannot take that
** (its max), the rest goes piece by piece. Same bytes either way. */
static void put_escaped(hoso_json *w, const char *s, size_t n) {
  static const char hex[] = "0123456789abcdef";
  const unsigned char *p = (const unsigned char *)s;
  hoso_buf *b = w->out;
  size_t i = 0;
  put_c(w, '"');
  while (i < n && !w->rc) {
    size_t stop = n - i > ESC_CHUNK ? i + ESC_CHUNK : n;
    if (hoso__buf_reserve(b, 6 * (stop - i) + 24) != HOSO_OK) {
      escape_slow(w, s + i, n - i);
      break;
    }
    char *o = b->p + b->n;
    while (i < stop) { /* a sequence may end up to 3 bytes past stop */
      unsigned c = p[i];
      if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
        *o++ = (char)c;
        i++;
        continue;
      }
      if (c >= 0xC2 && c <= 0xDF && i + 1 < n && (p[i + 1] & 0xC0) == 0x80) {
        o[0] = (char)c; /* two bytes: always well-formed */
        o[1] = (char)p[i + 1];
        o += 2;
        i += 2;
        continue;
      }
      if (c >= 0xE1 && c <= 0xEC && i + 2 < n && (p[i + 1] & 0xC0) == 0x80 &&
          (p[i + 2] & 0xC0) == 0x80) {
        o[0] = (char)c; /* three bytes, lead E1..EC: never overlong, never a surrogate */
        o[1] = (char)p[i + 1];
        o[2] = (char)p[i + 2];
        o += 3;
        i += 3;
        continue;
      }
      if (c >= 0x80) {
        size_t len = utf8_seq(p + i, n - i);
        if (len) {
          for (size_t k = 0; k < len; k++) o[k] = (char)p[i + k];
          o += len;
          i += len;
        } else {
          memcpy(o, "\xEF\xBF\xBD", 3);
          o += 3;
          i++;
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
      i++;
    }
    b->n = (size_t)(o - b->p);
    b->p[b->n] = 0;
  }
  put_c(w, '"');
}

void hoso__json_key(hoso_json *w, const char *key) {
  before_value(w);
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

void hoso__json_double(hoso_json *w, double v) {
  char tmp[40];
  before_value(w);
  if (!isfinite(v)) {
    put(w, "null", 4);
    return;
  }
  int len = snprintf(tmp, sizeof(tmp), "%.6g", v);
  put(w, tmp, (size_t)len);
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
