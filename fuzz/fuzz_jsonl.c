/* fuzz_jsonl.c -- libFuzzer harness for JSON Lines records (the ingest's
** JSON input from outside, read by src/base/jsonl.c's own one-pass reader):
** any line parses or fails with HOSO_EFORMAT or HOSO_EUTF8 and an offset
** inside it; every value read is NUL-free valid UTF-8 of the stated length;
** and the reader agrees with the jansson-based reference it replaced
** (tests/unit/jsonl_ref.h): the same lines accepted, the same values. */
#include <stdlib.h>
#include <string.h>

#include "../tests/unit/jsonl_ref.h"
#include "base/jsonl.h"
#include "text/text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static const char *const keys[] = {"text", "html", "url", "source", "published",
                                     "lang", "id", "body", "date"};
  hoso_jsonl r;
  hoso__jsonl_init(&r);
  hoso_error err;
  hoso_error_clear(&err);
  int rc = hoso__jsonl_parse(&r, (const char *)data, size, &err);
  if (rc != HOSO_OK && rc != HOSO_EFORMAT && rc != HOSO_EUTF8 && rc != HOSO_ENOMEM) abort();
  if ((rc == HOSO_EFORMAT || rc == HOSO_EUTF8) && (!err.has_offset || err.offset > size))
    abort();
  for (size_t k = 0; rc == HOSO_OK && k < sizeof(keys) / sizeof(keys[0]); k++) {
    size_t n = 0;
    const char *v = hoso__jsonl_get(&r, keys[k], &n);
    if (!v) continue;
    if (strlen(v) != n || hoso__utf8_invalid_at(v, n) != n) abort();
  }
  char why[512];
  if (rc != HOSO_ENOMEM && !jsonl_agrees(&r, (const char *)data, size, why, sizeof(why))) {
    fprintf(stderr, "reader and jansson differ: %s\n", why);
    abort();
  }
  /* a second parse on the same reader drops the first record */
  if (hoso__jsonl_parse(&r, "{\"text\":\"x\"}", 12, NULL) != HOSO_OK) abort();
  if (hoso__jsonl_get(&r, "id", NULL)) abort();
  hoso__jsonl_free(&r);
  return 0;
}
