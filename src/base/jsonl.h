/*
** jsonl.h -- one JSON Lines record (one JSON object on a line), read in
** one pass without building a JSON tree (jsonl.c says why), as the
** key/value strings ingest and extract want (library-internal).
**
** Top-level members only: a number, true or false is given as its JSON
** text as jansson would print the value ("42", "2.5" for 2.50, "1000" for
** 1e3, "true"); null, an object or an array counts as absent (nested ones
** are checked, not kept); of equal keys the last counts. What jansson
** rejects but news dumps contain is read leniently: a lone UTF-16
** surrogate escape (a string cut inside an emoji) and \u0000 read as
** U+FFFD, so values stay C strings. Anything else that is not JSON is an
** error with the byte offset: HOSO_EUTF8 for malformed UTF-8 (anywhere in
** the line), else HOSO_EFORMAT.
**
** Ownership: a hoso_jsonl owns the parsed record; values stay valid until
** the next hoso__jsonl_parse or hoso__jsonl_free.
*/
#ifndef HOSO_JSONL_H
#define HOSO_JSONL_H

#include <stddef.h>

#include "base/base.h"

typedef struct hoso_jsonl_member {
  size_t key, key_n; /* offsets into the arena (NUL-terminated there) */
  size_t val, val_n;
  int has; /* 0: null, an object or an array */
} hoso_jsonl_member;

typedef struct hoso_jsonl {
  hoso_buf arena;         /* decoded keys and values, reused line after line */
  hoso_jsonl_member *mem; /* the record's members, in order */
  size_t n, cap;
} hoso_jsonl;

void hoso__jsonl_init(hoso_jsonl *r);
void hoso__jsonl_free(hoso_jsonl *r);
/* Parse s[0..n). HOSO_EFORMAT (or HOSO_EUTF8) with the byte offset on
** err when it is not one JSON object; HOSO_ENOMEM. A failed parse leaves
** no member. */
int hoso__jsonl_parse(hoso_jsonl *r, const char *s, size_t n, hoso_error *err);
/* The value of key, or NULL when absent; *len (may be NULL) its length.
** A value is valid UTF-8 without NUL bytes (fuzz/fuzz_jsonl.c checks it):
** ingest does not check such a text again (hoso__ingest_checked_text). */
const char *hoso__jsonl_get(const hoso_jsonl *r, const char *key, size_t *len);

#endif
