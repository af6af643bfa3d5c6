/* test_base.c -- the bounded buffer, the JSON writer, errors, file reads. */
#include "testutil.h"

#include "base/base.h"

static void buf_grows_and_caps(void **state) {
  (void)state;
  hoso_buf b;
  hoso__buf_init(&b, 10);
  assert_int_equal(hoso__buf_adds(&b, "12345"), HOSO_OK);
  assert_int_equal(hoso__buf_adds(&b, "67890"), HOSO_OK);
  assert_int_equal(b.n, 10);
  assert_string_equal(b.p, "1234567890");
  assert_int_equal(hoso__buf_addc(&b, 'x'), HOSO_ETOOBIG);
  assert_int_equal(b.n, 10); /* unchanged after failure */
  hoso__buf_free(&b);
}

static void buf_printf_long(void **state) {
  (void)state;
  hoso_buf b;
  hoso__buf_init(&b, 0);
  char big[1000];
  memset(big, 'a', sizeof(big) - 1);
  big[sizeof(big) - 1] = 0;
  assert_int_equal(hoso__buf_printf(&b, "<%s>%d", big, 42), HOSO_OK);
  assert_int_equal(b.n, 999 + 4);
  assert_memory_equal(b.p + 1000, ">42", 3);
  hoso__buf_free(&b);
}

static void json_escapes_and_commas(void **state) {
  (void)state;
  hoso_buf b;
  hoso__buf_init(&b, 0);
  hoso_json w;
  hoso__json_init(&w, &b);
  hoso__json_obj_begin(&w);
  hoso__json_key(&w, "a");
  hoso__json_str(&w, "q\"\\\n\x01 Quốc");
  hoso__json_key(&w, "b");
  hoso__json_arr_begin(&w);
  hoso__json_int(&w, 1);
  hoso__json_null(&w);
  hoso__json_bool(&w, 1);
  hoso__json_arr_end(&w);
  hoso__json_key(&w, "bad");
  hoso__json_strn(&w, "x\xff", 2);
  hoso__json_obj_end(&w);
  assert_int_equal(w.rc, HOSO_OK);
  assert_string_equal(b.p, "{\"a\":\"q\\\"\\\\\\n\\u0001 Quốc\",\"b\":[1,null,true],"
                           "\"bad\":\"x\xEF\xBF\xBD\"}");
  hoso__buf_free(&b);
}

static void error_format(void **state) {
  (void)state;
  hoso_error e;
  char out[600];
  hoso_error_clear(&e);
  hoso__err_file(&e, "a.html");
  hoso__err_at(&e, HOSO_EUTF8, 17, "invalid byte 0x%02x", 0xff);
  assert_string_equal(hoso_error_format(&e, out, sizeof(out)),
                      "a.html: byte 17: invalid byte 0xff");
}

static void read_file_directory_is_error(void **state) {
  (void)state;
  hoso_error e;
  char *p;
  size_t n;
  hoso_error_clear(&e);
  assert_int_equal(hoso__read_file("tests", 100, &p, &n, &e), HOSO_EIO);
  assert_non_null(strstr(e.message, "directory"));
  assert_string_equal(e.file, "tests");
  assert_int_equal(hoso__read_file("Makefile", 10, &p, &n, &e), HOSO_ETOOBIG);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(buf_grows_and_caps),
      cmocka_unit_test(buf_printf_long),
      cmocka_unit_test(json_escapes_and_commas),
      cmocka_unit_test(error_format),
      cmocka_unit_test(read_file_directory_is_error),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
