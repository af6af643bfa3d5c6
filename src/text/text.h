/*
** text.h -- interface to the text core (src/text/), library-internal.
** The text core is the ONLY place that decodes UTF-8; every other module
** calls these functions. Public entry points are in include/hoso.h.
*/
#ifndef HOSO_TEXT_H
#define HOSO_TEXT_H

#include <stddef.h>
#include <stdint.h>

#include "base/base.h"

#define HOSO_REPLACEMENT_CHAR 0xFFFD

/* ---- Interface to code in utf8.c ---------------------------------- */

/* Decode one code point from s[0..n) (n >= 1). Returns the code point and
** sets *len to the bytes consumed (1..4). On an invalid or truncated
** sequence returns -1 and sets *len to the number of bytes to skip (>= 1),
** so a lenient caller substitutes U+FFFD and moves on: it never loops. */
int32_t hoso__utf8_decode(const char *s, size_t n, size_t *len);

/* Encode cp into out (room for 4 bytes). Returns bytes written (1..4),
** 0 for an invalid code point. */
size_t hoso__utf8_encode(int32_t cp, char *out);

/* Offset of the first invalid byte in s[0..n), or n if all valid. */
size_t hoso__utf8_invalid_at(const char *s, size_t n);

/* ---- Interface to code in fold.c ---------------------------------- */

/* Append the search key of s[0..n) to out: NFC, case folded, diacritics
** removed, đ/Đ -> d. Invalid bytes become U+FFFD. */
int hoso__fold_append(hoso_buf *out, const char *s, size_t n);

#endif
