/* fuzz_ner_ntable.c -- libFuzzer harness for the person check's phrase
** tables (src/ner/namecheck.c: nameheads.tsv, namesyl.txt, nonper.tsv,
** nametails.tsv): any bytes load cleanly or fail with HOSO_EFORMAT /
** HOSO_ETOOBIG (never crash, never read past the input); a loaded table
** answers for every span of a short text with 0 or a listed value, and the
** check runs over a person of that text. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ner/namecheck.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  hoso__ntable *t = NULL;
  hoso_error e;
  hoso_error_clear(&e);
  int rc = hoso__ntable_load((const char *)data, size, "fuzz", &t, &e);
  if (rc != HOSO_OK) {
    if (t || (rc != HOSO_EFORMAT && rc != HOSO_ETOOBIG && rc != HOSO_ENOMEM)) abort();
    return 0;
  }
  hoso__ndoc d;
  const char *text = "Tại ngã tư Nguyễn Thái Học, CLB Hòa Phát gặp ông Kassim OumaCó 7Roma.";
  if (hoso__ndoc_scan(&d, text, strlen(text), NULL) == HOSO_OK) {
    for (uint32_t i = 0; i < d.ntok; i++)
      for (uint32_t j = i + 1; j <= d.ntok && j <= i + HOSO_NTABLE_MAXTOK + 1; j++) {
        int v = hoso__ntable_get(t, &d, i, j);
        if (v < 0 || v > HOSO_NTABLE_ROLE) abort();
      }
    hoso__ndoc_free(&d);
  }
  hoso__ntable_free(t);
  return 0;
}
