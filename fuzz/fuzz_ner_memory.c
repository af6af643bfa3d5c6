/* fuzz_ner_memory.c -- libFuzzer harness for the entity tagger's memory
** of names loader (src/ner/memory.c): any bytes load cleanly or fail with
** HOSO_EMODEL / HOSO_ETOOBIG (never crash, never read past the input); a
** loaded table answers lookups of every hash it was given and matches the
** tokens of a short text. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ner/memory.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  hoso__nmem *m = NULL;
  hoso_error e;
  hoso_error_clear(&e);
  int rc = hoso__nmem_load((const char *)data, size, "fuzz", &m, &e);
  if (rc == HOSO_OK) {
    /* every line's hash is known: an entity type 1-4, or a prefix (-1) */
    size_t p = 0;
    while (p < size) {
      const uint8_t *nl = memchr(data + p, '\n', size - p);
      size_t end = nl ? (size_t)(nl - data) : size;
      if (end - p >= 16 && data[p] != '#') {
        uint64_t h = 0;
        for (size_t k = 0; k < 16; k++) {
          unsigned c = data[p + k];
          h = h << 4 | (c <= '9' ? c - '0' : c - 'a' + 10);
        }
        unsigned rel = 0;
        int t = hoso__nmem_get(m, h, &rel);
        if (t == 0 || t > 4 || (t > 0 && rel > 2)) abort();
      }
      p = end + 1;
    }
    hoso__ndoc d;
    const char *text = "Đại tướng Lương Cường thăm Ngân hàng Nhà nước 20/5.";
    if (hoso__ndoc_scan(&d, text, strlen(text), NULL) == HOSO_OK)
      for (uint32_t i = 0; i < d.ntok; i++) {
        int ty = 0;
        unsigned rel = 0;
        unsigned len = hoso__nmem_match(m, &d, i, (uint32_t)d.ntok, &ty, &rel);
        if (len > HOSO_NMEM_MAXLEN || i + len > d.ntok || (len && (ty < 1 || ty > 4)))
          abort();
      }
    hoso__ndoc_free(&d);
    hoso__nmem_free(m);
  } else if (rc != HOSO_EMODEL && rc != HOSO_ETOOBIG && rc != HOSO_ENOMEM) {
    abort();
  }
  return 0;
}
