/* fuzz_ner.c -- libFuzzer harness for the entity and event pipeline: any
** bytes as an article text (with a fixed publication date), and as CoNLL
** input; the JSON must come back, mention offsets inside the text. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "hoso.h"

static hoso_ner *ner;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (!ner && hoso_ner_open("models", &ner, NULL)) abort();
  char *json = NULL, *out = NULL;
  size_t n = 0;
  int rc = hoso_ner_analyze(ner, (const char *)data, size, "2021-05-20",
                            HOSO_NER_ENTITIES | HOSO_NER_EVENTS, &json, &n, NULL);
  if (rc == HOSO_OK && (!json || n < 2 || json[0] != '{' || json[n - 1] != '}')) abort();
  hoso_free(json);
  rc = hoso_ner_conll(ner, (const char *)data, size, &out, &n, NULL);
  if (rc == HOSO_OK && !out) abort();
  hoso_free(out);
  return 0;
}
