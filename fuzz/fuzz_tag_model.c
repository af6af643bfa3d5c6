/* fuzz_tag_model.c -- libFuzzer harness for the model loaders: src/tag
** models and the src/vi word dictionary (same bytes, both loaders):
** any bytes must load cleanly or fail with HOSO_EMODEL, never crash; a
** loaded model must decode a short sequence without reading out of
** bounds. The checksum is recomputed on the input so the fuzzer gets past
** it and exercises the structural checks. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tag/tag_impl.h"
#include "vi/vi.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  unsigned char *b = malloc(size ? size : 1);
  if (!b) return 0;
  if (size) memcpy(b, data, size);
  if (size >= 64) {
    uint32_t c = hoso__tag_checksum(b, size);
    b[40] = (unsigned char)c;
    b[41] = (unsigned char)(c >> 8);
    b[42] = (unsigned char)(c >> 16);
    b[43] = (unsigned char)(c >> 24);
  }
  hoso_tag_model *m = NULL;
  hoso_error e;
  if (hoso__tag_model_load(b, size, "fuzz", &m, &e) == HOSO_OK) {
    uint64_t f[6];
    for (int i = 0; i < 6; i++) f[i] = hoso__tag_hash(&i, sizeof(i)) ^ (size * (uint64_t)i);
    size_t off[4] = {0, 2, 4, 6};
    hoso_tag_seq seq = {3, f, off};
    uint16_t out[3];
    hoso_tag_work *w = hoso__tag_work_new();
    if (w && hoso__tag_decode(m, w, &seq, out) == HOSO_OK)
      for (int i = 0; i < 3; i++)
        if (!hoso__tag_label(m, out[i])) abort();
    hoso__tag_work_free(w);
    hoso__tag_model_close(m);
  }
  /* the dictionary loader, with its checksum (bytes 20..23) made right */
  if (size >= 32) {
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < size; i++) {
      if (i >= 20 && i < 24) continue;
      h ^= b[i];
      h *= 16777619u;
    }
    for (int i = 0; i < 4; i++) b[20 + i] = (unsigned char)(h >> (8 * i));
  }
  vi_dict *d = NULL;
  if (vi__dict_load(b, size, "fuzz", &d, &e) == HOSO_OK) {
    uint64_t k[2] = {1, 2};
    (void)vi__dict_has(d, vi__word_hash(k, 2));
    vi__dict_close(d);
  }
  free(b);
  return 0;
}
