/*
** jsonl_ref.h -- the JSON Lines reader src/base/jsonl.c replaced (session
** 6: the lenient escapes patched to \uFFFD, then jansson's json_loadb,
** numbers and booleans printed), as a reference: jsonl.c reads lines
** without jansson (for speed) but must take and refuse what json_loadb
** takes and refuses, with the same values. Used by tests/unit/test_jsonl.c
** and fuzz/fuzz_jsonl.c (header-only, static functions).
*/
#ifndef HOSO_JSONL_REF_H
#define HOSO_JSONL_REF_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "base/jsonl.h"

static int jsonl_ref_hex4(const char *s, unsigned *v) {
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

static json_t *jsonl_ref_parse(const char *s, size_t n) {
  char *fix = malloc(n + 1);
  if (!fix) abort();
  memcpy(fix, s, n);
  int in_str = 0;
  for (size_t i = 0; i < n; i++) {
    if (s[i] == '"') {
      in_str = !in_str;
      continue;
    }
    if (!in_str || s[i] != '\\') continue;
    unsigned cp, lo;
    if (i + 6 > n || s[i + 1] != 'u' || jsonl_ref_hex4(s + i + 2, &cp)) {
      i++;
      continue;
    }
    if (cp >= 0xD800 && cp <= 0xDBFF && i + 12 <= n && s[i + 6] == '\\' && s[i + 7] == 'u' &&
        !jsonl_ref_hex4(s + i + 8, &lo) && lo >= 0xDC00 && lo <= 0xDFFF) {
      i += 11;
      continue;
    }
    if (cp == 0 || (cp >= 0xD800 && cp <= 0xDFFF)) memcpy(fix + i + 2, "FFFD", 4);
    i += 5;
  }
  size_t at = 0;
  while (at < n && (s[at] == ' ' || s[at] == '\t' || s[at] == '\r' || s[at] == '\n')) at++;
  json_t *o = at < n && s[at] == '{' ? json_loadb(fix, n, 0, NULL) : NULL;
  free(fix);
  return o;
}

/* A member's value as the reader gives it, or NULL when absent; numbers
** and booleans are printed into t[64]. */
static const char *jsonl_ref_value(const json_t *v, char t[64]) {
  if (json_is_string(v)) return json_string_value(v);
  if (json_is_integer(v)) {
    snprintf(t, 64, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
  } else if (json_is_real(v)) {
    double d = json_real_value(v);
    for (int prec = 15; prec <= 17; prec++) {
      snprintf(t, 64, "%.*g", prec, d);
      if (strtod(t, NULL) == d) break;
    }
  } else if (json_is_boolean(v)) {
    snprintf(t, 64, "%s", json_is_true(v) ? "true" : "false");
  } else {
    return NULL; /* null, object, array: absent */
  }
  return t;
}

/* 1 if the reader and the reference agree on line s[0..n); else 0 and why. */
static int jsonl_agrees(hoso_jsonl *rd, const char *s, size_t n, char *why, size_t wn) {
  hoso_error err;
  hoso_error_clear(&err);
  int rc = hoso__jsonl_parse(rd, s, n, &err);
  if (memchr(s, 0, n)) {
    /* a raw NUL byte is never JSON (the reader refuses it), but jansson
    ** takes one after a number ({"a":1\0}); not compared */
    if (rc == HOSO_OK) snprintf(why, wn, "a raw NUL byte accepted");
    return rc != HOSO_OK;
  }
  json_t *o = jsonl_ref_parse(s, n);
  int ok = 1;
  if (!o != (rc != HOSO_OK)) {
    snprintf(why, wn, "reader %d (%s), jansson %s", rc, err.message, o ? "ok" : "fails");
    ok = 0;
  } else if (rc != HOSO_OK) {
    if (!err.has_offset || err.offset > n) {
      snprintf(why, wn, "error without an offset in the line: %s", err.message);
      ok = 0;
    }
  } else {
    char t[64];
    const char *k;
    json_t *v;
    json_object_foreach(o, k, v) {
      size_t len = 0;
      const char *got = hoso__jsonl_get(rd, k, &len);
      const char *want = jsonl_ref_value(v, t);
      size_t want_n = json_is_string(v) ? json_string_length(v) : want ? strlen(want) : 0;
      if (!want != !got || (got && (len != want_n || memcmp(got, want, len) || got[len]))) {
        snprintf(why, wn, "key '%s': reader '%.100s', jansson '%.100s'", k,
                 got ? got : "(absent)", want ? want : "(absent)");
        ok = 0;
        break;
      }
    }
    for (size_t i = 0; ok && i < rd->n; i++) {
      const char *key = rd->arena.p + rd->mem[i].key;
      if (!json_object_get(o, key)) {
        snprintf(why, wn, "reader has key '%s', jansson not", key);
        ok = 0;
      }
    }
  }
  json_decref(o);
  return ok;
}


#endif
