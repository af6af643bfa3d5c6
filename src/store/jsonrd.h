/*
** jsonrd.h -- read one flat JSON object (a JSON Lines record) into
** key/value strings (library-internal). Nested values are skipped.
** Strings are unescaped into the reader's own buffer (\uXXXX incl.
** surrogate pairs; a lone surrogate becomes U+FFFD).
**
** Ownership: a hoso_jsonrd owns its buffers; values point into them and
** stay valid until the next parse or hoso__jsonrd_free.
*/
#ifndef HOSO_JSONRD_H
#define HOSO_JSONRD_H

#include <stddef.h>

#include "base/base.h"

#define HOSO_JSONRD_MAX_KEYS 64

typedef struct hoso_jsonrd {
  hoso_buf buf;
  size_t n_keys;
  size_t key_off[HOSO_JSONRD_MAX_KEYS], val_off[HOSO_JSONRD_MAX_KEYS];
  size_t val_len[HOSO_JSONRD_MAX_KEYS];
  int is_str[HOSO_JSONRD_MAX_KEYS]; /* 0: number/true/false/null as text */
} hoso_jsonrd;

void hoso__jsonrd_init(hoso_jsonrd *r);
void hoso__jsonrd_free(hoso_jsonrd *r);
/* Parse s[0..n). HOSO_EFORMAT with the byte offset on err when it is not
** one JSON object. */
int hoso__jsonrd_parse(hoso_jsonrd *r, const char *s, size_t n,
                       hoso_error *err);
/* The value of key (NUL-terminated, *len its length), or NULL; JSON null
** is NULL too. */
const char *hoso__jsonrd_get(const hoso_jsonrd *r, const char *key,
                             size_t *len);

#endif
