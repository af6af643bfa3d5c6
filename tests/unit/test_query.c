/* test_query.c -- the query language parser: structure and edge cases. */
#include "testutil.h"

#include "search/query.h"

static void check(const char *q, const char *want) {
  hoso_qnode *nd = NULL;
  hoso_error err;
  hoso_error_clear(&err);
  int rc = hoso__query_parse(q, strlen(q), &nd, &err);
  if (rc) fail_msg("parse '%s': %s", q, err.message);
  hoso_buf b;
  hoso__buf_init(&b, 0);
  assert_int_equal(hoso__query_dump(nd, &b), HOSO_OK);
  assert_string_equal(b.p, want);
  hoso__buf_free(&b);
  hoso__query_free(nd);
}

static void check_fails(const char *q, size_t n, int code) {
  hoso_qnode *nd = NULL;
  hoso_error err;
  hoso_error_clear(&err);
  assert_int_equal(hoso__query_parse(q, n, &nd, &err), code);
  assert_null(nd);
  assert_true(strlen(err.message) > 0);
}

static void words_runs_phrases(void **state) {
  (void)state;
  check("quốc phòng Nga", "AND(RUN(quốc phòng Nga))");
  check("\"hợp tác quốc phòng\" Nga", "AND(PHRASE(hợp tác quốc phòng) RUN(Nga))");
  check("Nga OR Russia quân*", "AND(OR(RUN(Nga) RUN(Russia)) PREFIX(quân))");
  check("quoc phong -covid", "AND(RUN(quoc phong) NOT(RUN(covid)))");
  check("a NOT \"b c\"", "AND(RUN(a) NOT(PHRASE(b c)))");
  check("x AND y", "AND(RUN(x y))");
}

static void hostile_input(void **state) {
  (void)state;
  check("", "EMPTY");
  check("!!! ... ???", "EMPTY");
  check("\"unbalanced quote", "AND(PHRASE(unbalanced quote))");
  check("title:x NEAR(a b) ^c {d}", "AND(RUN(title x NEAR a b c d))");
  check("OR OR", "EMPTY");
  check("a OR", "AND(RUN(a))");
  check("\"\" \"", "EMPTY");
  check("e-mail", "AND(RUN(e mail))");
  check_fails("-x", 2, HOSO_EQUERY);
  check_fails("a*", 2, HOSO_EQUERY);
  char *big = malloc(10000);
  assert_non_null(big);
  memset(big, 'a', 10000);
  check_fails(big, 10000, HOSO_ETOOBIG);
  for (int i = 0; i < 10000; i += 2) big[i] = 'a', big[i + 1] = ' ';
  check_fails(big, HOSO_QUERY_MAX, HOSO_EQUERY); /* too many words */
  free(big);
  check("\xff\xfe", "EMPTY"); /* binary junk: no words, not an error */
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(words_runs_phrases),
      cmocka_unit_test(hostile_input),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
