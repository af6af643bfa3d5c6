/* fuzz_words_keys.c -- libFuzzer harness for the content hash and MinHash
** made in the words pass (hoso__words_stream_keys) on arbitrary bytes, with
** the repository's segmenter and without: they must equal hoso__text_keys's
** own scan of the syllables, and the stream hoso__words_stream's, whatever
** the segmenter cut and whatever bytes are not UTF-8. The handles (and so
** their word tables) live across inputs, as a worker's do across texts. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "hoso.h"
#include "search/words.h"
#include "store/minhash.h"

typedef struct fz {
  hoso_vi *vi;
  hoso_words *seg, *plain, *ref;
} fz;

static fz *state(void) {
  /* the harness's only state: models and handles made once per process */
  static fz s;
  if (!s.vi) {
    hoso_error e;
    if (hoso_vi_open(NULL, 0, &s.vi, &e)) abort();
    if (hoso__words_new(&s.seg) || hoso__words_use_segmenter(s.seg, s.vi) ||
        hoso__words_new(&s.plain) || hoso__words_new(&s.ref))
      abort();
  }
  return &s;
}

static void check(hoso_words *w, hoso_words *ref, const char *t, size_t n) {
  hoso_buf a, b;
  hoso__buf_init(&a, 0);
  hoso__buf_init(&b, 0);
  hoso_keys_acc acc;
  hoso__keys_init(&acc);
  if (hoso__words_stream_keys(w, t, n, &a, NULL, NULL, hoso__keys_syl, &acc)) abort();
  if (hoso__words_stream(w, t, n, &b)) abort();
  if (a.n != b.n || (a.n && memcmp(a.p, b.p, a.n))) abort();
  char h1[33], h2[33];
  uint32_t g1[HOSO_MINHASH_N], g2[HOSO_MINHASH_N];
  size_t n1, n2;
  hoso__keys_done(&acc, h1, g1, &n1);
  if (hoso__text_keys(ref, t, n, h2, g2, &n2)) abort();
  if (n1 != n2 || strcmp(h1, h2) || memcmp(g1, g2, sizeof(g1))) abort();
  hoso__buf_free(&a);
  hoso__buf_free(&b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  fz *s = state();
  check(s->seg, s->ref, (const char *)data, size);
  check(s->plain, s->ref, (const char *)data, size);
  return 0;
}
