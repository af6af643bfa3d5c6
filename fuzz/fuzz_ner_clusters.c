/* fuzz_ner_clusters.c -- libFuzzer harness for the entity tagger's word
** class loader (src/ner/clusters.c): any bytes load cleanly or fail with
** HOSO_EMODEL / HOSO_ETOOBIG (never crash, never read past the input); a
** loaded table answers lookups of every item it was given and of tokens
** of a short text. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ner/clusters.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  hoso__nclust *c = NULL;
  hoso_error e;
  hoso_error_clear(&e);
  int rc = hoso__nclust_load((const char *)data, size, "fuzz", &c, &e);
  if (rc == HOSO_OK) {
    /* every line's item has a class below nclasses */
    size_t p = 0;
    while (p < size) {
      const uint8_t *nl = memchr(data + p, '\n', size - p);
      size_t end = nl ? (size_t)(nl - data) : size;
      const uint8_t *tab = memchr(data + p, '\t', end - p);
      if (tab && data[p] != '#') {
        unsigned k = hoso__nclust_get(c, (const char *)data + p, (size_t)(tab - data) - p);
        if (k == HOSO_NCLUST_NONE || k >= hoso__nclust_nclasses(c)) abort();
      }
      p = end + 1;
    }
    hoso__ndoc d;
    const char *text = "Đại tướng Lương Cường thăm Hà Nội 20/5.";
    if (hoso__ndoc_scan(&d, text, strlen(text), NULL) == HOSO_OK)
      for (uint32_t i = 0; i < d.ntok; i++) (void)hoso__nclust_tok(c, &d, i);
    hoso__ndoc_free(&d);
    hoso__nclust_free(c);
  } else if (rc != HOSO_EMODEL && rc != HOSO_ETOOBIG && rc != HOSO_ENOMEM) {
    abort();
  }
  return 0;
}
