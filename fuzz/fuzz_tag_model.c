/* fuzz_tag_model.c -- libFuzzer harness for the model loaders: src/tag
** models, the src/vi word dictionary and the src/vi segmentation model
** (same bytes, all three loaders):
** any bytes must load cleanly or fail with HOSO_EMODEL, never crash; a
** loaded model must decode a short sequence without reading out of
** bounds. The checksum is recomputed on the input so the fuzzer gets past
** it and exercises the structural checks. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tag/tag_impl.h"
#include "vi/segmodel_impl.h"

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
  /* the segmentation model, its checksum (bytes 64..67) made right; a
  ** loaded one segments a short text */
  if (size >= 128) {
    uint32_t c = vi__segmodel_checksum(b, size);
    for (int i = 0; i < 4; i++) b[64 + i] = (unsigned char)(c >> (8 * i));
  }
  vi_segmodel *sm = NULL;
  if (vi__segmodel_load(b, size, "fuzz", &sm, &e) == HOSO_OK) {
    static const char text[] = "Thượng tướng Andrey Kartapolov hợp tác quốc phòng, ADMM+ 2021.";
    vi_keycache *kc = vi__keycache_new();
    vi_tokens ts = {0};
    vi_segwork sw = {0};
    if (kc && vi__tokenize(kc, sm, text, sizeof(text) - 1, &ts) == HOSO_OK && ts.n) {
      uint8_t dmask[64] = {0};
      uint16_t lab[64];
      size_t n = ts.n < 64 ? ts.n : 64;
      if (vi__seg_emissions(sm, &sw, ts.t, n, dmask) == HOSO_OK) {
        vi__seg_viterbi(sm, sw.em, 0, n, lab);
        for (size_t i = 0; i < n; i++)
          if (lab[i] > 1) abort();
      }
    }
    vi__segwork_free(&sw);
    vi__tokens_free(&ts);
    vi__keycache_free(kc);
    vi__segmodel_close(sm);
  }
  free(b);
  return 0;
}
