/* test_words_exact.c -- hoso__words_exact, the one-word entry point the
** PostgreSQL dictionary uses, agrees with hoso__words_scan. */
#include "testutil.h"

#include "search/words.h"

typedef struct {
  char exact[1024];
  int calls;
} one_word;

static int keep_exact(void *ctx, const char *fold, size_t fold_n,
                      const char *exact, size_t exact_n, size_t start,
                      size_t end) {
  one_word *o = ctx;
  const char *s = exact ? exact : fold;
  size_t n = exact ? exact_n : fold_n;
  assert_true(n < sizeof o->exact);
  memcpy(o->exact, s, n);
  o->exact[n] = '\0';
  o->calls++;
  return 0;
}

static void check_same_as_scan(hoso_words *w, const char *word, int want_cyr) {
  one_word o = {{0}, 0};
  assert_int_equal(hoso__words_scan(w, word, strlen(word), keep_exact, &o), 0);
  assert_int_equal(o.calls, 1);
  hoso_buf b;
  hoso__buf_init(&b, 0);
  int cyr = -1;
  assert_int_equal(hoso__words_exact(w, word, strlen(word), &b, &cyr), 0);
  assert_string_equal(b.p, o.exact);
  assert_int_equal(cyr, want_cyr);
  hoso__buf_free(&b);
}

static void exact_matches_scan(void **state) {
  (void)state;
  hoso_words *w;
  assert_int_equal(hoso__words_new(&w), 0);
  check_same_as_scan(w, "Quốc", 0);
  check_same_as_scan(w, "Quo\xCC\x82\xCC\x81" "c", 0); /* NFD */
  check_same_as_scan(w, "ĐÀ", 0);
  check_same_as_scan(w, "Переговоры", 1);
  char big[700];
  for (size_t i = 0; i + 2 < sizeof big; i += 2) memcpy(big + i, "\xC3\xA0", 2);
  big[sizeof big - 2] = '\0'; /* 349 x "à": cut at HOSO_WORD_MAX */
  check_same_as_scan(w, big, 0);
  hoso__words_free(w);
}

static void syllables_join_with_underscore(void **state) {
  (void)state;
  hoso_words *w;
  assert_int_equal(hoso__words_new(&w), 0);
  hoso_buf b;
  hoso__buf_init(&b, 0);
  int cyr;
  assert_int_equal(hoso__words_exact(w, "Quốc phòng", 13, &b, &cyr), 0);
  assert_string_equal(b.p, "quốc_phòng");
  hoso__buf_reset(&b);
  assert_int_equal(hoso__words_exact(w, " - ", 3, &b, &cyr), 0);
  assert_int_equal(b.n, 0);
  hoso__buf_free(&b);
  hoso__words_free(w);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(exact_matches_scan),
      cmocka_unit_test(syllables_join_with_underscore),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
