/* test_json_read.c -- reading JSON through jansson (base/json_read.c):
** errors name the byte offset, the getters' defaults and number types,
** and everything our own writer produces reads back unchanged. */
#include <jansson.h>

#include "testutil.h"

#include "base/base.h"

static void parse_error_names_offset(void **state) {
  (void)state;
  static const struct {
    const char *in;
    size_t from; /* where the fault starts: the offset is at or after it */
  } bad[] = {
      {"{\"a\": 1,}", 8},          /* trailing comma: the '}' */
      {"{\"a\": tru}", 6},         /* bad literal */
      {"{\"a\": \"\\ud800\"}", 7}, /* lone surrogate escape */
      {"{\"a\": \"x\\u0000\"}", 8},/* NUL would cut a C string */
      {"[1, 2] x", 7},             /* text after the value */
  };
  for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
    hoso_error err;
    hoso_error_clear(&err);
    json_t *v = hoso__json_parse(bad[i].in, strlen(bad[i].in), &err);
    if (v) fail_msg("'%s' parsed", bad[i].in);
    assert_int_equal(err.code, HOSO_EFORMAT);
    assert_true(err.has_offset);
    if (err.offset < bad[i].from || err.offset > strlen(bad[i].in))
      fail_msg("'%s': offset %zu, want %zu..%zu (%s)", bad[i].in, err.offset, bad[i].from,
               strlen(bad[i].in), err.message);
    assert_non_null(strstr(err.message, "bad JSON: "));
  }
  /* invalid UTF-8 is its own error, still with the offset */
  hoso_error uerr;
  assert_null(hoso__json_parse("{\"a\": \"x\xff\"}", 11, &uerr));
  assert_int_equal(uerr.code, HOSO_EUTF8);
  assert_true(uerr.has_offset && uerr.offset >= 6 && uerr.offset <= 11);
  /* a bare value is not a record */
  hoso_error err;
  assert_null(hoso__json_parse("42", 2, &err));
  assert_int_equal(err.code, HOSO_EFORMAT);
  /* the length is honoured: no read past n */
  assert_null(hoso__json_parse("{\"a\":1}", 5, &err));
  json_t *empty = hoso__json_parse("{}", 2, NULL); /* err may be NULL */
  assert_non_null(empty);
  json_decref(empty);
  assert_null(hoso__json_parse("{", 1, NULL));
}

static void getters_default_and_types(void **state) {
  (void)state;
  const char *s = "{\"s\":\"Quốc\",\"i\":9007199254740993,\"r\":-2.75,\"big\":1e300,"
                  "\"t\":true,\"n\":null,\"a\":[1],\"o\":{\"s\":\"x\"}}";
  hoso_error err;
  json_t *v = hoso__json_parse(s, strlen(s), &err);
  assert_non_null(v);
  assert_string_equal(hoso__json_get_str(v, "s"), "Quốc");
  assert_string_equal(hoso__json_get_str(v, "i"), ""); /* not a string */
  assert_string_equal(hoso__json_get_str(v, "missing"), "");
  assert_string_equal(hoso__json_get_str(NULL, "s"), "");
  assert_string_equal(hoso__json_get_str(json_object_get(v, "a"), "s"), ""); /* not an object */
  assert_string_equal(hoso__json_get_str(json_object_get(v, "o"), "s"), "x");
  /* integers are exact past 2^53; reals truncate toward zero */
  assert_true(hoso__json_get_int(v, "i") == INT64_C(9007199254740993));
  assert_int_equal(hoso__json_get_int(v, "r"), -2);
  assert_true(hoso__json_get_num(v, "r") == -2.75);
  assert_true(hoso__json_get_int(v, "big") == INT64_MAX); /* clamped, not UB */
  assert_int_equal(hoso__json_get_int(v, "t"), 0);
  assert_int_equal(hoso__json_get_int(v, "n"), 0);
  assert_int_equal(hoso__json_get_int(v, "s"), 0);
  assert_true(hoso__json_get_num(v, "missing") == 0);
  json_decref(v);
}

/* The store reads back what the library wrote: every string the writer
** can produce (control characters, invalid UTF-8, NUL-free) must parse
** and give the same text, with invalid bytes as U+FFFD. */
static void writer_output_reads_back(void **state) {
  (void)state;
  static const char in[] = "a\"b\\c\n\t\x01\x1f Hà Nội \xff\xc3 Москва \xed\xa0\x80 end";
  hoso_buf b;
  hoso__buf_init(&b, 0);
  hoso_json w;
  hoso__json_init(&w, &b);
  hoso__json_obj_begin(&w);
  hoso__json_key(&w, "k");
  hoso__json_strn(&w, in, sizeof(in) - 1);
  hoso__json_key(&w, "n");
  hoso__json_int(&w, INT64_MIN);
  hoso__json_key(&w, "d");
  hoso__json_double(&w, 0.125);
  hoso__json_obj_end(&w);
  assert_int_equal(w.rc, HOSO_OK);
  hoso_error err;
  json_t *v = hoso__json_parse(b.p, b.n, &err);
  if (!v) fail_msg("%s at %zu in %s", err.message, err.offset, b.p);
  const char *got = hoso__json_get_str(v, "k");
  assert_string_equal(got, "a\"b\\c\n\t\x01\x1f Hà Nội \xef\xbf\xbd\xef\xbf\xbd Москва "
                           "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd end");
  assert_true(hoso__json_get_int(v, "n") == INT64_MIN);
  assert_true(hoso__json_get_num(v, "d") == 0.125);
  json_decref(v);
  hoso__buf_free(&b);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(parse_error_names_offset),
      cmocka_unit_test(getters_default_and_types),
      cmocka_unit_test(writer_output_reads_back),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
