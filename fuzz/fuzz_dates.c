/* fuzz_dates.c -- libFuzzer: the date parser on any bytes. Output, when
** there is one, must be ISO 8601 with valid ranges. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "extract/extract.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  char out[HOSO_DATE_MAX];
  if (hoso__date_parse((const char *)data, size, out, NULL, NULL)) {
    size_t l = strlen(out);
    if (l < 10 || out[4] != '-' || out[7] != '-') __builtin_trap();
    int m = atoi(out + 5), d = atoi(out + 8);
    if (m < 1 || m > 12 || d < 1 || d > 31) __builtin_trap();
  }
  (void)hoso__date_line((const char *)data, size);
  return 0;
}
