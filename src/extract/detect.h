/* detect.h -- input type and charset detection (detect.c, charset.c). */
#ifndef HOSO_EXTRACT_DETECT_H
#define HOSO_EXTRACT_DETECT_H
#include <stddef.h>
#include <stdint.h>

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
/* UTF-16 to UTF-8: a byte-order mark (FF FE, FE FF), a declared
** utf-16/utf-16le/utf-16be hint, or, with no hint, the zero bytes of
** ASCII-range code units in one byte of each pair (markup and
** Latin/Cyrillic prose). Not UTF-16: HOSO_OK with *out = NULL. Otherwise
** *out (malloc'd, free with free()) holds the NFC UTF-8, the BOM dropped,
** a lone surrogate or a cut last unit as U+FFFD; *name is "utf-16le" or
** "utf-16be" (static). */
int hoso__utf16_to_utf8(const char *s, size_t n, const char *hint,
                        const char **name, char **out, size_t *out_n,
                        hoso_error *err);

/* ---- vni.c: VNI-Windows (no iconv table; tables in vni_table.inc) ---- */
/* The code point at s[0..n) (n >= 1) and the bytes it takes (1 or 2). */
int32_t hoso__vni_next(const unsigned char *s, size_t n, size_t *used);
/* Append the UTF-8 (NFC) of VNI-Windows bytes s[0..n) to out. */
int hoso__vni_decode(const char *s, size_t n, hoso_buf *out) HOSO__WUR;
/* Append UTF-8 text s[0..n) as VNI-Windows bytes to out; characters VNI
** cannot write become '?' and are counted in *unmapped. (Tests and the
** fuzz harness use it to round-trip.) */
int hoso__vni_encode(const char *s, size_t n, hoso_buf *out,
                     size_t *unmapped) HOSO__WUR;
#endif
