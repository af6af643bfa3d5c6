/* fuzz_ner_dates.c -- libFuzzer harness for the date normaliser.
** Input: the first 10 bytes are a publication date "YYYY-MM-DD" (used if
** it parses, else none), the rest is text; every token position is tried
** as the start of a date expression and each result formatted. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ner/ner.h"

static hoso__gaz *gaz;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (!gaz && hoso__gaz_load("models/gazetteers", &gaz, NULL)) abort();
  hoso__date ref;
  memset(&ref, 0, sizeof ref);
  size_t skip = size < 10 ? size : 10;
  if (hoso__date_from_iso((const char *)data, skip, &ref)) ref.determinable = 0;
  hoso__ndoc d;
  if (hoso__ndoc_scan(&d, (const char *)data + skip, size - skip, NULL) == HOSO_OK &&
      hoso__gaz_scan(gaz, &d, NULL) == HOSO_OK) {
    for (uint32_t i = 0; i < d.ntok; i++) {
      hoso__date dt;
      uint32_t n = hoso__date_at(&d, gaz, i, &ref, &dt);
      if (n > d.ntok - i) abort();
      char v[40];
      hoso__date_format(&dt, v, sizeof v);
      if (n && dt.month && (dt.month < 1 || dt.month > 12)) abort();
      if (n && dt.day && (dt.day < 1 || dt.day > 31)) abort();
    }
  }
  hoso__ndoc_free(&d);
  return 0;
}
