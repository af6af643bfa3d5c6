/* fuzz_events_model.c -- libFuzzer harness for the learned event scorer's
** model parser (src/events/scorer.h): any bytes load or fail with
** HOSO_EMODEL, never crash; a loaded model scores a few features. */
#include <stdint.h>
#include <stdlib.h>

#include "events/scorer.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  hoso__escorer *s = NULL;
  hoso_error e;
  int rc = hoso__escorer_parse((const char *)data, size, "fuzz", &s, &e);
  if (rc == HOSO_OK) {
    hoso__efeats f = {0};
    if (!hoso__efeats_add(&f, "", "bias", 4) && !hoso__efeats_add(&f, "t=", "visit", 5))
      (void)hoso__escorer_score(s, &f);
    hoso__efeats_free(&f);
    hoso__escorer_close(s);
  } else if (rc != HOSO_EMODEL && rc != HOSO_ENOMEM) {
    abort();
  }
  return 0;
}
