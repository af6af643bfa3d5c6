/* fuzz_extract_html.c -- libFuzzer: any bytes through hoso_extract() as
** HTML (and, by the first byte, as plain text or auto-detected), then the
** JSON writer. Must never crash, leak or read out of bounds. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "hoso.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  hoso_extract_opts o;
  memset(&o, 0, sizeof(o));
  o.explain = 1;
  o.max_depth = 64;
  if (size > 0) o.format = data[0] % 3; /* auto, html, text */
  hoso_article_rec *a = NULL;
  hoso_error err;
  if (hoso_extract((const char *)data, size, &o, &a, &err) == HOSO_OK) {
    char *json = NULL;
    size_t n = 0;
    if (hoso_article_to_json(a, HOSO_JSON_EXPLAIN | HOSO_JSON_SPANS, &json, &n) == HOSO_OK)
      hoso_free(json);
    /* spans must lie inside the document */
    for (size_t i = 0; i < a->n_body; i++)
      if (a->spans_exact && a->body[i].has_span &&
          (a->body[i].start > a->body[i].end || a->body[i].end > size))
        __builtin_trap();
    hoso_article_free(a);
  }
  return 0;
}
