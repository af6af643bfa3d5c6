/* test_jsonl.c -- JSON Lines records (src/base/jsonl.c): values as the
** ingest reads them, the lenient escapes, errors with offsets, and the
** same answers as the jansson-based reader it replaced (jsonl_ref.h). */
#include "testutil.h"

#include "base/jsonl.h"
#include "jsonl_ref.h"

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

/* The reader against the jansson-based reference (jsonl_ref.h): the
** lines above and more, nesting at jansson's depth limit, the sample
** corpus, and 16,000 mutations of its first 40 records cut short (a byte
** replaced by one that matters to JSON, or a piece inserted: escapes,
** numbers, containers, broken UTF-8), about a sixth of which parse. */
static void same_as_jansson(void **state) {
  hoso_jsonl *rd = *state;
  char why[512];
  static const char *const lines[] = {
      "{}", " { } ", "{\"a\":[]}", "{\"a\":{}}", "{\"a\":[1,[2,{\"b\":[]}],{}]}",
      "{\"a\":[1,]}", "{\"a\":[,1]}", "{\"a\":{\"b\":1,}}", "{\"a\":1,}", "{,}", "{\"a\"}",
      "{\"a\":}", "{\"a\" 1}", "{\"a\":1 \"b\":2}", "{\"a\":[1 2]}", "{\"a\":{\"b\"}}",
      "{\"a\":{1:2}}", "{\"a\":[}", "{\"a\":{]}", "{\"a\":[1}", "{\"a\":tru}", "{\"a\":nul}",
      "{\"a\":True}", "{\"a\":-}", "{\"a\":-0}", "{\"a\":-0.0}", "{\"a\":01}", "{\"a\":1.}",
      "{\"a\":.5}", "{\"a\":1e}", "{\"a\":1e+}", "{\"a\":1E-2}", "{\"a\":+1}", "{\"a\":1e400}",
      "{\"a\":-1e400}", "{\"a\":1e-400}", "{\"a\":9223372036854775807}",
      "{\"a\":9223372036854775808}", "{\"a\":-9223372036854775808}",
      "{\"a\":-9223372036854775809}", "{\"a\":0.1}", "{\"a\":123456789012345678.5}",
      "{\"a\":1.7976931348623157e308}", "{\"a\":4.9e-324}",
      "{\"a\":0.000000000000000000000000000000000000000000000000000000000000000000000000001}",
      "{\"a\":\"\\u00e9\\u00C9\"}", "{\"a\":\"\\u\"}", "{\"a\":\"\\u12\"}", "{\"a\":\"\\u12G4\"}",
      "{\"a\":\"\\ud83d\\ude00\"}", "{\"a\":\"\\ud83d\"}", "{\"a\":\"\\ude00\"}",
      "{\"a\":\"\\ud83d\\u0041\"}", "{\"a\":\"\\ud83d\\ud83d\\ude00\"}", "{\"a\":\"\\u0000\"}",
      "{\"a\":\"\\\\ud800\"}", "{\"a\":\"\\/\\b\\f\\n\\r\\t\\\"\\\\\"}", "{\"a\":\"\\x\"}",
      "{\"a\":\"\\\"}", "{\"a\":\"x\ty\"}", "{\"a\":\"x\x01y\"}", "{\"a\":\"x\x7fy\"}",
      "{\"a\":1,\"a\":2}", "{\"a\":1,\"a\":null}", "{\"a\":null,\"a\":\"x\"}",
      "{\"\":\"empty key\"}", "{\"k\\u00e9\":1}", "{\"k\\ud800\":1}", "{\"a\":1} x", "{\"a\":1}}",
      "{\"a\":1} \r\n\t", "\t{\"a\":1}", "[]", "1", "\"s\"", "", "   ", "{", "{\"", "{\"a",
      "{\"a\":", "{\"a\":\"", "{\"a\":\"b", "{\"a\":\"b\"", "{\"a\":\"b\",", "{\"a\":[",
      "{\"a\":[1,", "{\"a\":{\"b\":", "{\"a\":true,\"b\":false,\"c\":null}",
      "{\"a\":\"Hà Nội\"}", "{\"a\": \"x\"  ,  \"b\" :\t\"y\" }",
  };
  for (size_t i = 0; i < sizeof(lines) / sizeof(*lines); i++)
    if (!jsonl_agrees(rd, lines[i], strlen(lines[i]), why, sizeof(why)))
      fail_msg("'%s': %s", lines[i], why);
  /* nesting deeper than jansson allows (2,048) */
  size_t dn = 2 * 2100 + 16;
  char *deep = malloc(dn);
  assert_non_null(deep);
  for (int depth = 2046; depth <= 2050; depth++) {
    size_t k = 0;
    k += (size_t)snprintf(deep + k, dn - k, "{\"a\":");
    for (int d = 0; d < depth; d++) deep[k++] = '[';
    for (int d = 0; d < depth; d++) deep[k++] = ']';
    deep[k++] = '}';
    if (!jsonl_agrees(rd, deep, k, why, sizeof(why))) fail_msg("depth %d: %s", depth, why);
  }
  free(deep);
  /* the sample corpus, then its first lines mutated: a byte replaced by
  ** one that matters to JSON, or a piece inserted, many times over */
  size_t fn;
  char *file = test_read_file("demo/sample/vntc-sample.jsonl", &fn);
  static const char alpha[] = "\"\\{}[],:u0e-. \n\x01\xc3nt9E+";
  static const char *const piece[] = {"\\u00e9", "\\ud83d", "\\ude00", "\\u0000", "[1,{\"a\":[]}]",
                                      "1e400", "-0", "01", "1.", "\\", "\"", "null", "{}",
                                      "\xe1\xbb", "\xff", ",\"x\":2", "\":"};
  uint64_t seed = 0x2545F4914F6CDD1DULL;
  size_t lines_seen = 0, mutated = 0, parsed = 0;
  char *buf = malloc(1024);
  assert_non_null(buf);
  for (char *p = file; p < file + fn;) {
    char *nl = memchr(p, '\n', (size_t)(file + fn - p));
    size_t ln = nl ? (size_t)(nl - p) : (size_t)(file + fn - p);
    if (!jsonl_agrees(rd, p, ln, why, sizeof(why))) fail_msg("sample line %zu: %s", lines_seen + 1, why);
    if (lines_seen < 40) {
      /* a short record from the line: its first 120 bytes and a closing */
      size_t cut = ln < 120 ? ln : 120;
      for (int m = 0; m < 400; m++) {
        size_t bn = 0;
        memcpy(buf, p, cut);
        bn = cut;
        if (cut < ln) {
          memcpy(buf + bn, "\"}", 2);
          bn += 2;
        }
        for (int e = 0; e < 1 + m % 3; e++) {
          seed ^= seed << 13, seed ^= seed >> 7, seed ^= seed << 17;
          size_t at = (size_t)(seed >> 8) % (bn + 1);
          if (seed & 1) {
            if (at < bn) buf[at] = alpha[(seed >> 40) % (sizeof(alpha) - 1)];
          } else {
            const char *pc = piece[(seed >> 40) % (sizeof(piece) / sizeof(*piece))];
            size_t pn = strlen(pc);
            memmove(buf + at + pn, buf + at, bn - at);
            memcpy(buf + at, pc, pn);
            bn += pn;
          }
        }
        if (!jsonl_agrees(rd, buf, bn, why, sizeof(why)))
          fail_msg("mutation %d of line %zu ('%.*s'): %s", m, lines_seen + 1, (int)bn, buf, why);
        mutated++;
        parsed += rd->n > 0;
      }
    }
    lines_seen++;
    p += ln + 1;
  }
  assert_true(lines_seen >= 400);
  assert_int_equal(mutated, 40 * 400);
  /* the mutations make both good and bad records */
  if (parsed < mutated / 10 || parsed > mutated * 9 / 10)
    fail_msg("%zu of %zu mutated lines parsed", parsed, mutated);
  free(buf);
  free(file);
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
      cmocka_unit_test_setup_teardown(same_as_jansson, setup, teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
