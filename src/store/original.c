/* original.c -- the stored form of a document's original bytes, one rule
** for every caller: nothing more than the text when the original is the
** text itself (plain-text input), else zlib at level 3 (fast; pages
** shrink ~5x). Ingest's workers call it (prepare.c), so a backend's one
** writer thread does not compress; a backend packs what it was handed
** unpacked (sqlite_put.c). */
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "store/store.h"

int hoso__original_pack(const char *original, size_t original_n, const char *text,
                        size_t text_n, unsigned char **z, size_t *zn, const char **enc) {
  *z = NULL;
  *zn = 0;
  if (original_n == text_n && text && !memcmp(original ? original : "", text, text_n)) {
    *enc = "text";
    return HOSO_OK;
  }
  *enc = "zlib";
  uLongf n = compressBound((uLong)original_n);
  unsigned char *out = malloc(n ? n : 1);
  if (!out) return HOSO_ENOMEM;
  if (compress2(out, &n, (const Bytef *)(original ? original : ""), (uLong)original_n, 3) !=
      Z_OK) {
    free(out);
    return HOSO_EINTERNAL;
  }
  *z = out;
  *zn = n;
  return HOSO_OK;
}
