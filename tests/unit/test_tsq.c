/* test_tsq.c -- the query language as tsquery text (search/tsq.h): the
** walk shared by the PostgreSQL backend (greedy grouping through an index
** lookup) and hoso_pg's hoso_query() (every grouping, no index). */
#include "testutil.h"

#include "search/query.h"
#include "search/tsq.h"

/* A stand-in index: knows the words listed in ctx ("a_b\0c_d\0\0"). */
static int vocab(void *ctx, const char *fold, size_t n, int *found) {
  *found = 0;
  for (const char *w = ctx; *w; w += strlen(w) + 1)
    if (strlen(w) == n && !memcmp(w, fold, n)) *found = 1;
  return HOSO_OK;
}

static int failing_vocab(void *ctx, const char *fold, size_t n, int *found) {
  (void)ctx;
  (void)fold;
  (void)n;
  *found = 0;
  return HOSO_EDB;
}

/* tsquery text of q; vocab_words NULL = no index (every grouping). */
static void check(const char *q, const char *vocab_words, const char *want,
                  const char *want_terms) {
  hoso_words *w;
  assert_int_equal(hoso__words_new(&w), HOSO_OK);
  hoso_qnode *nd = NULL;
  hoso_error err;
  hoso_error_clear(&err);
  assert_int_equal(hoso__query_parse(q, strlen(q), &nd, &err), HOSO_OK);
  hoso_buf out, terms;
  hoso__buf_init(&out, 0);
  hoso__buf_init(&terms, 0);
  int empty = -1;
  assert_int_equal(hoso__tsquery(w, nd, vocab_words ? vocab : NULL,
                                 (void *)vocab_words, &out, &terms, &empty),
                   HOSO_OK);
  assert_string_equal(out.p, want);
  if (want_terms) { /* NUL-separated -> '|'-separated for the comparison */
    for (size_t i = 0; i < terms.n; i++)
      if (!terms.p[i]) terms.p[i] = '|';
    assert_int_equal(hoso__buf_addc(&terms, 0), HOSO_OK);
    assert_string_equal(terms.p, want_terms);
  }
  assert_int_equal(empty, 0);
  hoso__buf_free(&out);
  hoso__buf_free(&terms);
  hoso__query_free(nd);
  hoso__words_free(w);
}

static void greedy_with_an_index(void **state) {
  (void)state;
  /* the index knows quoc_phong: the two syllables are one word */
  check("quoc phong Nga", "quoc_phong\0", "(('quoc_phong' & 'nga'))",
        "quoc_phong|nga|");
  /* marks: fold OR exact */
  check("quốc phòng", "quoc_phong\0", "((('quoc_phong' | 'quốc_phòng')))",
        "quoc_phong|");
  /* unknown pair: syllables stay words */
  check("hop tac", "quoc_phong\0", "(('hop' & 'tac'))", "hop|tac|");
  check("\"hợp tác\"", "hop_tac\0", "((('hop_tac') | ('hợp_tác')))", "hop_tac|");
  check("kinh* -covid", "\0", "('kinh':* & !('covid'))", "kinh*|");
  check("a OR b", "\0", "((('a') | ('b')))", "a|b|");
}

/* The fold-only walk (for counting): no exact alternatives. */
static void check_fold(const char *q, const char *vocab_words, const char *want) {
  hoso_words *w;
  assert_int_equal(hoso__words_new(&w), HOSO_OK);
  hoso_qnode *nd = NULL;
  hoso_error err;
  hoso_error_clear(&err);
  assert_int_equal(hoso__query_parse(q, strlen(q), &nd, &err), HOSO_OK);
  hoso_buf out;
  hoso__buf_init(&out, 0);
  assert_int_equal(hoso__tsquery_fold(w, nd, vocab_words ? vocab : NULL,
                                      (void *)vocab_words, &out),
                   HOSO_OK);
  assert_string_equal(out.p, want);
  hoso__buf_free(&out);
  hoso__query_free(nd);
  hoso__words_free(w);
}

static void fold_only_for_counting(void **state) {
  (void)state;
  check_fold("quốc phòng", "quoc_phong\0", "(('quoc_phong'))");
  check_fold("giá vàng -Mỹ", "\0", "(('gia' & 'vang') & !('my'))");
  check_fold("\"hợp tác\" OR quân*", "hop_tac\0", "(((('hop_tac')) | 'quan':*))");
  /* without marks the two walks agree */
  check_fold("quoc phong Nga", "quoc_phong\0", "(('quoc_phong' & 'nga'))");
}

static void every_grouping_without_an_index(void **state) {
  (void)state;
  check("quoc phong", NULL, "(((('quoc' & 'phong') | 'quoc_phong')))", "quoc|phong|");
  check("\"a b c\"", NULL,
        "(((('a' <-> (('b' <-> 'c') | 'b_c')) | ('a_b' <-> 'c') | 'a_b_c')))",
        NULL);
}

static void index_errors_stop_the_walk(void **state) {
  (void)state;
  hoso_words *w;
  assert_int_equal(hoso__words_new(&w), HOSO_OK);
  hoso_qnode *nd = NULL;
  hoso_error err;
  assert_int_equal(hoso__query_parse("quoc phong", 10, &nd, &err), HOSO_OK);
  hoso_buf out;
  hoso__buf_init(&out, 0);
  int empty;
  assert_int_equal(hoso__tsquery(w, nd, failing_vocab, NULL, &out, NULL, &empty),
                   HOSO_EDB);
  hoso__buf_free(&out);
  hoso__query_free(nd);
  hoso__words_free(w);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(greedy_with_an_index),
      cmocka_unit_test(every_grouping_without_an_index),
      cmocka_unit_test(fold_only_for_counting),
      cmocka_unit_test(index_errors_stop_the_walk),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
