/*
** jsonl.h -- one JSON Lines record (one JSON object on a line), read
** through jansson, as the key/value strings ingest and extract want
** (library-internal).
**
** Top-level members only: a number, true or false is given as its JSON
** text ("42", "true"); null, an object or an array counts as absent.
** What jansson rejects but news dumps contain is read leniently: a lone
** UTF-16 surrogate escape (a string cut inside an emoji) and \u0000 read
** as U+FFFD, so values stay C strings. Anything else that is not JSON is
** an error with the byte offset: HOSO_EUTF8 for malformed UTF-8, else
** HOSO_EFORMAT.
**
** Ownership: a hoso_jsonl owns the parsed record; values stay valid until
** the next hoso__jsonl_parse or hoso__jsonl_free.
*/
#ifndef HOSO_JSONL_H
#define HOSO_JSONL_H

#include <stddef.h>

#include "base/base.h"

typedef struct hoso_jsonl {
  struct json_t *obj; /* the record, members turned into strings */
  hoso_buf fix;       /* the line with escapes patched, when it needed it */
} hoso_jsonl;

void hoso__jsonl_init(hoso_jsonl *r);
void hoso__jsonl_free(hoso_jsonl *r);
/* Parse s[0..n). HOSO_EFORMAT (or HOSO_EUTF8) with the byte offset on
** err when it is not one JSON object; HOSO_ENOMEM. */
int hoso__jsonl_parse(hoso_jsonl *r, const char *s, size_t n, hoso_error *err);
/* The value of key, or NULL when absent; *len (may be NULL) its length. */
const char *hoso__jsonl_get(const hoso_jsonl *r, const char *key, size_t *len);

#endif
