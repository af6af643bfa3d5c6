/* test_events_scorer.c -- the learned event scorer (src/events/scorer.h):
** training learns a separable toy set, the model file round-trips, and a
** corrupt model is HOSO_EMODEL with the byte offset of what is wrong. */
#include "testutil.h"

#include <stdio.h>

#include "events/scorer.h"

/* f := the space-separated features of s */
static void feats(hoso__efeats *f, const char *s) {
  hoso__efeats_reset(f);
  while (*s) {
    const char *e = strchr(s, ' ');
    size_t n = e ? (size_t)(e - s) : strlen(s);
    assert_int_equal(hoso__efeats_add(f, "", s, n), HOSO_OK);
    s += n + (e != NULL);
  }
}

/* Real events have a participant and a trigger that names an encounter;
** the others lack one of the two (separable by the pair, not by either
** feature alone with a zero bias). */
static const struct { int y; const char *f; } toy[] = {
    {1, "bias tr=hội_đàm np=2"}, {1, "bias tr=tiếp np=2"},   {1, "bias tr=thăm np=1"},
    {0, "bias tr=tiếp_tục np=2"}, {0, "bias tr=hội_đàm np=0"}, {0, "bias tr=thăm np=0"},
    {0, "bias tr=tiếp_tục np=0"}, {1, "bias tr=hội_đàm np=1"}, {0, "bias tr=tiếp_tục np=1"},
};

static hoso__escorer *train_toy(int epochs) {
  hoso__etrainset *t;
  assert_int_equal(hoso__etrainset_new(&t), HOSO_OK);
  hoso__efeats f = {0};
  for (size_t i = 0; i < sizeof toy / sizeof toy[0]; i++) {
    feats(&f, toy[i].f);
    assert_int_equal(hoso__etrainset_add(t, toy[i].y, &f), HOSO_OK);
  }
  assert_int_equal(hoso__etrainset_count(t), sizeof toy / sizeof toy[0]);
  hoso__escorer *s = NULL;
  hoso_error err;
  assert_int_equal(hoso__escorer_train(t, epochs, &s, &err), HOSO_OK);
  hoso__etrainset_free(t);
  hoso__efeats_free(&f);
  return s;
}

static void training_separates_a_toy_set(void **state) {
  (void)state;
  hoso__escorer *s = train_toy(20);
  hoso__efeats f = {0};
  for (size_t i = 0; i < sizeof toy / sizeof toy[0]; i++) {
    feats(&f, toy[i].f);
    int64_t sc = hoso__escorer_score(s, &f);
    if (toy[i].y) assert_true(sc > 0);
    else assert_true(sc <= 0);
  }
  /* an unseen feature weighs nothing */
  feats(&f, "never-seen");
  assert_int_equal(hoso__escorer_score(s, &f), 0);
  hoso__efeats_free(&f);
  hoso__escorer_close(s);
}

static char *written(const hoso__escorer *s, size_t *n) {
  char *buf = NULL;
  FILE *f = open_memstream(&buf, n);
  assert_non_null(f);
  hoso_error err;
  assert_int_equal(hoso__escorer_write(s, f, &err), HOSO_OK);
  fclose(f);
  return buf;
}

static void model_file_round_trips_bit_for_bit(void **state) {
  (void)state;
  hoso__escorer *a = train_toy(20), *b = train_toy(20), *c = NULL;
  size_t na, nb, nc;
  char *ta = written(a, &na), *tb = written(b, &nb);
  /* the same data: the same bytes */
  assert_int_equal(na, nb);
  assert_memory_equal(ta, tb, na);
  assert_true(!strncmp(ta, "hoso-events-scorer 1\n", 21));
  hoso_error err;
  assert_int_equal(hoso__escorer_parse(ta, na, "toy", &c, &err), HOSO_OK);
  assert_int_equal(hoso__escorer_size(c), hoso__escorer_size(a));
  char *tc = written(c, &nc);
  assert_int_equal(nc, na);
  assert_memory_equal(tc, ta, na);
  hoso__efeats f = {0};
  feats(&f, "bias tr=thăm np=1");
  assert_int_equal(hoso__escorer_score(c, &f), hoso__escorer_score(a, &f));
  hoso__efeats_free(&f);
  free(ta);
  free(tb);
  free(tc);
  hoso__escorer_close(a);
  hoso__escorer_close(b);
  hoso__escorer_close(c);
}

static void scores_add_weights(void **state) {
  (void)state;
  static const char m[] = "hoso-events-scorer 1\n3\n-5\tbias\n7\tt=visit\n2\ttr=thăm\n";
  hoso__escorer *s;
  hoso_error err;
  assert_int_equal(hoso__escorer_parse(m, sizeof m - 1, "m", &s, &err), HOSO_OK);
  hoso__efeats f = {0};
  feats(&f, "bias t=visit tr=thăm other");
  assert_int_equal(hoso__escorer_score(s, &f), 4);
  feats(&f, "bias t=visit t=visit"); /* a feature listed twice counts twice */
  assert_int_equal(hoso__escorer_score(s, &f), 9);
  /* spaces, tabs and newlines in a feature's value become '_' */
  hoso__efeats_reset(&f);
  assert_int_equal(hoso__efeats_add(&f, "w=", "a b\tc\n", 6), HOSO_OK);
  assert_string_equal(hoso__efeats_get(&f, 0), "w=a_b_c_");
  hoso__efeats_free(&f);
  hoso__escorer_close(s);
}

static void corrupt(const char *text, size_t want_off, const char *want_msg) {
  hoso__escorer *s = (hoso__escorer *)1;
  hoso_error err;
  hoso_error_clear(&err);
  assert_int_equal(hoso__escorer_parse(text, strlen(text), "bad.model", &s, &err), HOSO_EMODEL);
  assert_null(s);
  assert_non_null(strstr(err.message, "bad.model"));
  assert_non_null(strstr(err.message, want_msg));
  assert_true(err.has_offset);
  assert_int_equal(err.offset, want_off);
}

static void corrupt_models_are_errors_with_offsets(void **state) {
  (void)state;
  corrupt("", 0, "not an events model");
  corrupt("hoso-tag-model\n", 0, "not an events model");
  corrupt("hoso-events-scorer 1\nx\n", 21, "bad count");
  corrupt("hoso-events-scorer 1\n-1\n", 21, "bad count");
  corrupt("hoso-events-scorer 1\n2\n1\tbias\n", 30, "truncated");
  corrupt("hoso-events-scorer 1\n1\n1.5\tbias\n", 23, "bad weight line");
  corrupt("hoso-events-scorer 1\n1\n1\t\n", 23, "bad weight line");
  corrupt("hoso-events-scorer 1\n1\n99999999999\tbias\n", 23, "bad weight line");
  corrupt("hoso-events-scorer 1\n1\n1\ta\tb\n", 23, "bad weight line");
  corrupt("hoso-events-scorer 1\n2\n1\tbias\n2\tbias\n", 30, "listed twice");
  corrupt("hoso-events-scorer 1\n1\n1\tbias\nextra", 30, "bytes after");
  /* a missing file names itself */
  hoso__escorer *s;
  hoso_error err;
  hoso_error_clear(&err);
  assert_int_equal(hoso__escorer_open("/nonexistent/events.model", &s, &err), HOSO_EMODEL);
  assert_non_null(strstr(err.message, "/nonexistent/events.model"));
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(training_separates_a_toy_set),
      cmocka_unit_test(model_file_round_trips_bit_for_bit),
      cmocka_unit_test(scores_add_weights),
      cmocka_unit_test(corrupt_models_are_errors_with_offsets),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
