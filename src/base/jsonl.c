/* jsonl.c -- a JSON Lines record through jansson (see jsonl.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "base/jsonl.h"

void hoso__jsonl_init(hoso_jsonl *r) {
  memset(r, 0, sizeof(*r));
  hoso__buf_init(&r->fix, 0);
}

void hoso__jsonl_free(hoso_jsonl *r) {
  json_decref(r->obj);
  r->obj = NULL;
  hoso__buf_free(&r->fix);
}

static int hex4(const char *s, unsigned *v) {
  unsigned x = 0;
  for (int k = 0; k < 4; k++) {
    char c = s[k];
    x <<= 4;
    if (c >= '0' && c <= '9') x |= (unsigned)(c - '0');
    else if (c >= 'a' && c <= 'f') x |= (unsigned)(c - 'a' + 10);
    else if (c >= 'A' && c <= 'F') x |= (unsigned)(c - 'A' + 10);
    else return -1;
  }
  *v = x;
  return 0;
}

/* The \u escapes jansson rejects -- a lone surrogate, \u0000 -- become
** \uFFFD in a copy (r->fix), same length, so the offsets jansson reports
** are offsets in the line. *use is the line to parse. */
static int patch_escapes(hoso_jsonl *r, const char *s, size_t n, const char **use) {
  *use = s;
  int in_str = 0;
  for (size_t i = 0; i < n; i++) {
    if (s[i] == '"') {
      in_str = !in_str;
      continue;
    }
    if (!in_str || s[i] != '\\') continue;
    unsigned cp, lo;
    if (i + 6 > n || s[i + 1] != 'u' || hex4(s + i + 2, &cp)) {
      i++; /* a one-character escape (or a bad one: jansson says so) */
      continue;
    }
    if (cp >= 0xD800 && cp <= 0xDBFF && i + 12 <= n && s[i + 6] == '\\' &&
        s[i + 7] == 'u' && !hex4(s + i + 8, &lo) && lo >= 0xDC00 && lo <= 0xDFFF) {
      i += 11; /* a pair */
      continue;
    }
    if (cp == 0 || (cp >= 0xD800 && cp <= 0xDFFF)) {
      if (*use == s) {
        hoso__buf_reset(&r->fix);
        if (hoso__buf_add(&r->fix, s, n)) return HOSO_ENOMEM;
        *use = r->fix.p;
      }
      memcpy(r->fix.p + i + 2, "FFFD", 4);
    }
    i += 5;
  }
  return HOSO_OK;
}

/* A scalar member as the text it had: integers exactly, reals in the
** shortest form that reads back the same. */
static json_t *as_text(const json_t *v) {
  char t[40];
  if (json_is_integer(v)) {
    snprintf(t, sizeof(t), "%" JSON_INTEGER_FORMAT, json_integer_value(v));
  } else if (json_is_real(v)) {
    double d = json_real_value(v);
    for (int prec = 15; prec <= 17; prec++) {
      snprintf(t, sizeof(t), "%.*g", prec, d);
      if (strtod(t, NULL) == d) break;
    }
  } else {
    snprintf(t, sizeof(t), "%s", json_is_true(v) ? "true" : "false");
  }
  return json_string(t);
}

int hoso__jsonl_parse(hoso_jsonl *r, const char *s, size_t n, hoso_error *err) {
  json_decref(r->obj);
  r->obj = NULL;
  size_t at = 0;
  while (at < n && (s[at] == ' ' || s[at] == '\t' || s[at] == '\r' || s[at] == '\n')) at++;
  if (at == n || s[at] != '{')
    return hoso__err_at(err, HOSO_EFORMAT, at, "bad JSON: a line must hold one JSON object");
  const char *line;
  if (patch_escapes(r, s, n, &line)) return hoso__err(err, HOSO_ENOMEM, "out of memory");
  hoso_error e;
  hoso_error_clear(&e);
  json_t *o = hoso__json_parse(line, n, &e);
  if (!o) {
    if (err) *err = e;
    return e.code;
  }
  for (void *it = json_object_iter(o); it; it = json_object_iter_next(o, it)) {
    json_t *v = json_object_iter_value(it);
    if (!json_is_number(v) && !json_is_boolean(v)) continue;
    json_t *t = as_text(v);
    if (!t || json_object_iter_set_new(o, it, t)) {
      json_decref(o);
      return hoso__err(err, HOSO_ENOMEM, "out of memory");
    }
  }
  r->obj = o;
  return HOSO_OK;
}

const char *hoso__jsonl_get(const hoso_jsonl *r, const char *key, size_t *len) {
  const json_t *v = json_object_get(r->obj, key);
  if (!json_is_string(v)) return NULL;
  if (len) *len = json_string_length(v);
  return json_string_value(v);
}
