/*
** model.c -- the statistical entity tagger over syllable tokens.
** Features (per token): the token key, lower-cased shape, prefix/suffix,
** neighbours' keys (+-2), capitalisation pattern, gazetteer classes that
** start/continue at the token. Labels BIO over PER/ORG/LOC/MISC.
** Until the model file exists (make models), open fails with HOSO_EMODEL
** and the rules run alone.
*/
#include <stdlib.h>
#include <string.h>

#include "ner/model.h"

struct hoso__nermodel {
  int unused;
};
struct hoso__nerwork {
  int unused;
};

int hoso__nermodel_open(const char *path, hoso__nermodel **out,
                        hoso_error *err) {
  *out = NULL;
  hoso__err_file(err, path);
  return hoso__err(err, HOSO_EMODEL, "no tagger model yet");
}
void hoso__nermodel_close(hoso__nermodel *m) { free(m); }
hoso__nerwork *hoso__nerwork_new(void) { return calloc(1, sizeof(hoso__nerwork)); }
void hoso__nerwork_free(hoso__nerwork *w) { free(w); }
int hoso__nermodel_tag(const hoso__nermodel *m, hoso__nerwork *w,
                       const hoso__ndoc *d, const hoso__gaz *g, uint32_t tok0,
                       uint32_t tok1, uint8_t *out) {
  (void)m; (void)w; (void)d; (void)g;
  memset(out, 0, tok1 - tok0);
  return HOSO_OK;
}
