/* fuzz_words_keys.c -- libFuzzer harness for the content hash and MinHash
** made in the words pass (hoso__words_stream_keys) on arbitrary bytes, with
** the repository's segmenter and without: they must equal hoso__text_keys's
** own scan of the syllables, and the stream hoso__words_stream's, whatever
** the segmenter cut and whatever bytes are not UTF-8; and the tokenizer's
** walk of the stream (hoso__words_unstream_terms) must give the terms
** hoso__words_term makes of hoso__words_unstream's forms, pointing into
** the stream, and take the raw input too without reading past it. The handles (and so
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

/* the terms both ways, each followed by ' ' */
typedef struct terms {
  hoso_buf made, given;
  const char *s;
  size_t copied;
} terms;

static int made(void *ctx, const char *fold, size_t fold_n, const char *exact, size_t exact_n,
                size_t start, size_t end) {
  terms *t = ctx;
  char term[HOSO_TERM_MAX];
  (void)start;
  (void)end;
  if (!fold_n) return 0;
  if (hoso__buf_add(&t->made, term, hoso__words_term(fold, fold_n, exact, exact_n, term)) ||
      hoso__buf_addc(&t->made, ' '))
    abort();
  return 0;
}

static int given(void *ctx, const char *term, size_t term_n, size_t start, size_t end) {
  terms *t = ctx;
  (void)end;
  t->copied += term != t->s + start;
  if (hoso__buf_add(&t->given, term, term_n) || hoso__buf_addc(&t->given, ' ')) abort();
  return 0;
}

/* s[0..n) walked both ways; returns the terms not pointing into s */
static size_t check_terms(const char *s, size_t n) {
  terms t;
  memset(&t, 0, sizeof(t));
  t.s = s;
  hoso__buf_init(&t.made, 0);
  hoso__buf_init(&t.given, 0);
  int r1 = hoso__words_unstream(s, n, made, &t), r2 = hoso__words_unstream_terms(s, n, given, &t);
  if (r1 != r2 || t.made.n != t.given.n || (t.made.n && memcmp(t.made.p, t.given.p, t.made.n)))
    abort();
  hoso__buf_free(&t.made);
  hoso__buf_free(&t.given);
  return t.copied;
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
  if (check_terms(a.p, a.n)) abort(); /* a stream's records are its terms */
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
  /* the input as a stream of its own, magic put in front (any bytes) */
  char *st = malloc(size + HOSO_WORDS_MAGIC_N);
  if (!st) abort();
  memcpy(st, HOSO_WORDS_MAGIC, HOSO_WORDS_MAGIC_N);
  if (size) memcpy(st + HOSO_WORDS_MAGIC_N, data, size);
  check_terms(st, size + HOSO_WORDS_MAGIC_N);
  free(st);
  return 0;
}
