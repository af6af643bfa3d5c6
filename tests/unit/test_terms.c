/* test_terms.c -- the shared search term stream (src/search/terms.h). */
#include "testutil.h"

#include "search/terms.h"

typedef struct {
  char out[1024];
  size_t n;
  int count;
} collect;

static int add_term(void *ctx, const hoso_term *t) {
  collect *c = ctx;
  if (c->n + t->n + 2 >= sizeof c->out) return 99;
  if (c->count++) c->out[c->n++] = ' ';
  memcpy(c->out + c->n, t->p, t->n);
  c->n += t->n;
  c->out[c->n] = '\0';
  assert_true(t->end > t->start);
  return 0;
}

static void check_terms(unsigned flags, const char *in, const char *want) {
  hoso_terms *t;
  assert_int_equal(hoso__terms_new(&t, flags), HOSO_OK);
  collect c = {{0}, 0, 0};
  assert_int_equal(hoso__terms_run(t, in, strlen(in), add_term, &c), HOSO_OK);
  assert_string_equal(c.out, want);
  hoso__terms_free(t);
}

static void vietnamese_folded(void **state) {
  (void)state;
  check_terms(0, "Thượng tướng Nguyễn Văn Nghĩa, Phó Tổng Tham mưu trưởng",
              "thuong tuong nguyen van nghia pho tong tham muu truong");
  check_terms(0, "Quo\xCC\x82\xCC\x81" "c phòng", "quoc phong"); /* NFD */
  check_terms(0, "ĐÀ NẴNG 12/3/2025: COVID-19",
              "da nang 12 3 2025 covid 19");
}

static void russian_lower_and_stemmed(void **state) {
  (void)state;
  check_terms(0, "Переговоры в Москве", "переговоры в москве");
  check_terms(HOSO_TERMS_STEM_RU, "Переговоры в Москве",
              "переговор в москв");
  check_terms(HOSO_TERMS_STEM_RU, "Андрей", "андр"); /* й kept for stemmer */
  /* script change splits a token */
  check_terms(0, "abcабв", "abc абв");
}

static void long_and_bad_input(void **state) {
  (void)state;
  char big[400];
  memset(big, 'a', sizeof big - 1);
  big[sizeof big - 1] = '\0';
  char in[600];
  snprintf(in, sizeof in, "x %s y", big);
  check_terms(0, in, "x y"); /* over HOSO_TERM_MAX_BYTES: not a term */
  check_terms(0, "ab\xFF" "cd \xE1\xBB", "ab cd");
  check_terms(0, "\xCC\x81" "a", "a"); /* leading stray mark */
  check_terms(0, "", "");
}

static int stop_at_first(void *ctx, const hoso_term *t) {
  (void)t;
  (*(int *)ctx)++;
  return 42;
}

static void callback_stops_stream(void **state) {
  (void)state;
  hoso_terms *t;
  assert_int_equal(hoso__terms_new(&t, 0), HOSO_OK);
  int calls = 0;
  assert_int_equal(hoso__terms_run(t, "a b c", 5, stop_at_first, &calls), 42);
  assert_int_equal(calls, 1);
  hoso__terms_free(t);
}

static void tokens_have_offsets(void **state) {
  (void)state;
  const char *s = "  Hà Nội";
  size_t pos = 0;
  hoso_term_token tok;
  assert_int_equal(hoso__tokens_next(s, strlen(s), &pos, &tok), 1);
  assert_int_equal(tok.start, 2);
  assert_int_equal(tok.end, 5); /* "Hà" = H + 2-byte à */
  assert_int_equal(tok.kind, HOSO_TOKEN_WORD);
  assert_int_equal(hoso__tokens_next(s, strlen(s), &pos, &tok), 1);
  assert_int_equal(tok.start, 6);
  assert_int_equal(tok.end, strlen(s));
  assert_int_equal(hoso__tokens_next(s, strlen(s), &pos, &tok), 0);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(vietnamese_folded),
      cmocka_unit_test(russian_lower_and_stemmed),
      cmocka_unit_test(long_and_bad_input),
      cmocka_unit_test(callback_stops_stream),
      cmocka_unit_test(tokens_have_offsets),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
