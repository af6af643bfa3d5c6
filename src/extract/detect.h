/* detect.h -- input type and charset detection (detect.c, charset.c). */
#ifndef HOSO_EXTRACT_DETECT_H
#define HOSO_EXTRACT_DETECT_H
#include <stddef.h>

#include "base/base.h"

/* gzip magic (1f 8b). */
int hoso__is_gzip(const char *s, size_t n);
/* Inflate a whole gzip buffer (all members) into *out (free with free()),
** failing with HOSO_ETOOBIG past max bytes, HOSO_EFORMAT (with the byte
** offset) on corrupt data. */
int hoso__gunzip(const char *s, size_t n, size_t max, char **out,
                 size_t *out_n, hoso_error *err);
/* Binary junk: NUL bytes or many control bytes in the first 8 KiB. */
int hoso__is_binary(const char *s, size_t n);
/* Markup: starts (after space / BOM) with '<' and has an HTML tag early. */
int hoso__looks_like_html(const char *s, size_t n);
/* Convert to UTF-8. Valid UTF-8 (with or without BOM) is left alone:
** *out = NULL, *name = "utf-8". Otherwise the declared charset (hint,
** then <meta charset> when html) or the detected legacy Vietnamese
** encoding is converted; *out is malloc'd (free with free()). */
int hoso__to_utf8(const char *s, size_t n, const char *hint, int html,
                  const char **name, char **out, size_t *out_n,
                  hoso_error *err);
#endif
