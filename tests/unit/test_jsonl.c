/* test_jsonl.c -- JSON Lines records (src/base/jsonl.c): values as the
** ingest reads them, the lenient escapes, errors with offsets. */
#include "testutil.h"

#include "base/jsonl.h"

static int parse(hoso_jsonl *rd, const char *line, hoso_error *err) {
  hoso_error_clear(err);
  return hoso__jsonl_parse(rd, line, strlen(line), err);
}

static const char *get(hoso_jsonl *rd, const char *key) { return hoso__jsonl_get(rd, key, NULL); }

static void values_as_text(void **state) {
  hoso_jsonl *rd = *state;
  hoso_error err;
  assert_int_equal(parse(rd, " {\"text\": \"Hà Nội\\n\\\"x\\\"\", \"id\": 42, \"neg\": -7,"
                         " \"r\": 2.50, \"e\": 1e3, \"t\": true, \"f\": false, \"n\": null,"
                         " \"o\": {\"text\": \"inner\"}, \"a\": [1], \"s\": \"\\/\"} ",
                         &err),
                   HOSO_OK);
  size_t len = 0;
  assert_string_equal(hoso__jsonl_get(rd, "text", &len), "Hà Nội\n\"x\"");
  assert_int_equal(len, strlen("Hà Nội\n\"x\""));
  assert_string_equal(get(rd, "id"), "42");
  assert_string_equal(get(rd, "neg"), "-7");
  assert_string_equal(get(rd, "r"), "2.5");
  assert_string_equal(get(rd, "e"), "1000");
  assert_string_equal(get(rd, "t"), "true");
  assert_string_equal(get(rd, "f"), "false");
  assert_string_equal(get(rd, "s"), "/");
  assert_null(get(rd, "n")); /* null, containers and missing keys are absent */
  assert_null(get(rd, "o"));
  assert_null(get(rd, "a"));
  assert_null(get(rd, "inner"));
  assert_null(get(rd, "missing"));
}

static void lenient_escapes(void **state) {
  hoso_jsonl *rd = *state;
  hoso_error err;
  /* a pair is one character; a lone half and \u0000 are U+FFFD */
  assert_int_equal(parse(rd, "{\"a\":\"\\ud83d\\ude00\",\"b\":\"x\\ud83d\",\"c\":\"\\ude00y\","
                         "\"d\":\"\\ud83d\\u0041\",\"e\":\"p\\u0000q\"}",
                         &err),
                   HOSO_OK);
  assert_string_equal(get(rd, "a"), "\xf0\x9f\x98\x80");
  assert_string_equal(get(rd, "b"), "x\xef\xbf\xbd");
  assert_string_equal(get(rd, "c"), "\xef\xbf\xbdy");
  assert_string_equal(get(rd, "d"), "\xef\xbf\xbd" "A");
  assert_string_equal(get(rd, "e"), "p\xef\xbf\xbdq");
  /* an escaped backslash before "ud800" is text, not an escape */
  assert_int_equal(parse(rd, "{\"a\":\"\\\\ud800\"}", &err), HOSO_OK);
  assert_string_equal(get(rd, "a"), "\\ud800");
  /* keys are patched the same way */
  assert_int_equal(parse(rd, "{\"k\\ud800\":1}", &err), HOSO_OK);
  assert_string_equal(get(rd, "k\xef\xbf\xbd"), "1");
}

static void errors_name_offset(void **state) {
  hoso_jsonl *rd = *state;
  static const struct {
    const char *line;
    size_t from;
  } bad[] = {
      {"not json", 0},
      {"[1, 2]", 0},                      /* not an object */
      {"{\"text\": \"a\"} {}", 14},        /* text after the object */
      {"{\"text\": \"a\tb\"}", 10},        /* raw control character */
      {"{\"text\": \"\\q\"}", 10},         /* unknown escape */
      {"{\"text\": \"\\u12\"}", 10},       /* short \u escape */
      {"{\"id\": 99999999999999999999}", 7}, /* beyond 64 bits */
      {"{\"text\": \"open", 9},
  };
  for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
    hoso_error err;
    if (parse(rd, bad[i].line, &err) != HOSO_EFORMAT) fail_msg("'%s' parsed", bad[i].line);
    assert_true(err.has_offset);
    if (err.offset < bad[i].from || err.offset > strlen(bad[i].line))
      fail_msg("'%s': offset %zu (%s)", bad[i].line, err.offset, err.message);
    assert_non_null(strstr(err.message, "bad JSON"));
    if (bad[i].from == 0 && !strstr(err.message, "a line must hold one JSON object"))
      fail_msg("'%s': %s", bad[i].line, err.message);
    assert_null(get(rd, "text")); /* nothing left from an earlier record */
  }
  hoso_error err;
  assert_int_equal(parse(rd, "{\"text\": \"ok\"}", &err), HOSO_OK);
  assert_int_equal(parse(rd, "{\"text\": \"a \xff\"}", &err), HOSO_EUTF8);
  assert_true(err.has_offset && err.offset >= 9);
  assert_null(get(rd, "text"));
}

static int setup(void **state) {
  hoso_jsonl *rd = malloc(sizeof(*rd));
  if (!rd) return -1;
  hoso__jsonl_init(rd);
  *state = rd;
  return 0;
}

static int teardown(void **state) {
  hoso__jsonl_free(*state);
  free(*state);
  return 0;
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(values_as_text, setup, teardown),
      cmocka_unit_test_setup_teardown(lenient_escapes, setup, teardown),
      cmocka_unit_test_setup_teardown(errors_name_offset, setup, teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
