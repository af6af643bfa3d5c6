/* test_base.c -- the bounded buffer, the JSON writer, errors, file reads. */
#include "testutil.h"

#include <float.h>
#include <math.h>

#include "base/base.h"
#include "base/bigmem.h"

#include <stdint.h>

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

/* The test's own escaping (a plain per-byte reading of the rules):
** valid UTF-8 copied, a byte that starts no valid sequence -> U+FFFD,
** '"' '\\' \n \r \t escaped, other controls \u00XX. */
static size_t ref_seq(const unsigned char *s, size_t n) {
  if (s[0] < 0x80) return 1;
  size_t len = s[0] >= 0xF0 && s[0] <= 0xF4 ? 4 : s[0] >= 0xE0 && s[0] <= 0xEF ? 3
             : s[0] >= 0xC2 && s[0] <= 0xDF ? 2 : 0;
  if (!len || n < len) return 0;
  unsigned cp = s[0] & (0xFF >> (len + 1));
  for (size_t i = 1; i < len; i++) {
    if ((s[i] & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (s[i] & 0x3F);
  }
  unsigned min = len == 2 ? 0x80 : len == 3 ? 0x800 : 0x10000;
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return len;
}

static void ref_escape(hoso_buf *o, const unsigned char *s, size_t n) {
  assert_int_equal(hoso__buf_addc(o, '"'), HOSO_OK);
  for (size_t i = 0; i < n;) {
    size_t len = ref_seq(s + i, n - i);
    char tmp[8];
    if (!len) {
      assert_int_equal(hoso__buf_add(o, "\xEF\xBF\xBD", 3), HOSO_OK);
      i++;
    } else if (len > 1 || (s[i] >= 0x20 && s[i] != '"' && s[i] != '\\')) {
      assert_int_equal(hoso__buf_add(o, s + i, len), HOSO_OK);
      i += len;
    } else {
      const char *e = s[i] == '"' ? "\\\"" : s[i] == '\\' ? "\\\\" : s[i] == '\n' ? "\\n"
                    : s[i] == '\r' ? "\\r" : s[i] == '\t' ? "\\t" : NULL;
      if (!e) snprintf(tmp, sizeof(tmp), "\\u%04x", s[i]);
      assert_int_equal(hoso__buf_adds(o, e ? e : tmp), HOSO_OK);
      i++;
    }
  }
  assert_int_equal(hoso__buf_addc(o, '"'), HOSO_OK);
}

/* Long strings (past the writer's 4 KiB steps, with sequences cut at
** every step boundary), every kind of byte, written into a roomy buffer
** and into ones whose limit forces the piece-by-piece path: the same
** bytes as the reference; a limit below the output is ETOOBIG. */
static void json_long_strings_same_bytes(void **state) {
  (void)state;
  static const char *const parts[] = {"Quốc phòng ", "a\"b\\c", "\n\r\t\x01\x1f\x7f",
                                      "\xff", "\xC0\x80", "\xED\xA0\x80", "\xF0\x9F\x98\x80",
                                      "\xE1\xBB", "x", "Россия "};
  hoso_buf in;
  hoso__buf_init(&in, 0);
  unsigned seed = 7;
  while (in.n < 60000) { /* limits near the end: fast steps, then piece by piece */
    seed = seed * 1103515245u + 12345u;
    assert_int_equal(hoso__buf_adds(&in, parts[(seed >> 16) % 10]), HOSO_OK);
  }
  for (size_t cut = 0; cut < 5; cut++) {
    size_t n = in.n - cut; /* ends mid-sequence for some cuts */
    hoso_buf want;
    hoso__buf_init(&want, 0);
    ref_escape(&want, (const unsigned char *)in.p, n);
    size_t limits[] = {0, want.n + 3, want.n + 2, want.n + 1}; /* output: [ string ] */
    for (int k = 0; k < 4; k++) {
      hoso_buf out;
      hoso__buf_init(&out, limits[k]);
      hoso_json w;
      hoso__json_init(&w, &out);
      hoso__json_arr_begin(&w);
      hoso__json_strn(&w, in.p, n);
      hoso__json_arr_end(&w);
      if (k < 3) {
        assert_int_equal(w.rc, HOSO_OK);
        assert_int_equal(out.n, want.n + 2);
        assert_memory_equal(out.p + 1, want.p, want.n);
        assert_int_equal(out.p[out.n], 0);
      } else {
        assert_int_equal(w.rc, HOSO_ETOOBIG);
      }
      hoso__buf_free(&out);
    }
    hoso__buf_free(&want);
  }
  hoso__buf_free(&in);
}

/* Keys: plain names (the one-step copy), keys with bytes to escape,
** keys longer than the one-step limit, written into roomy buffers and
** into buffers limited at every length around the output: the same
** bytes as the reference escaper, or ETOOBIG when the limit is below. */
static void json_keys_same_bytes(void **state) {
  (void)state;
  char long_plain[200], long_late[200];
  memset(long_plain, 'k', sizeof(long_plain) - 1);
  long_plain[sizeof(long_plain) - 1] = 0;
  memcpy(long_late, long_plain, sizeof(long_late));
  long_late[60] = '"'; /* past the one-step limit */
  const char *keys[] = {"", "a", "matching_articles", "k\"q", "b\\s", "tab\t",
                        "Quốc", "x\xff", "\x7f", long_plain, long_late, long_plain + 150,
                        long_plain + 152, long_plain + 151};
  size_t nk = sizeof(keys) / sizeof(keys[0]);
  for (size_t i = 0; i < nk; i++) {
    hoso_buf want;
    hoso__buf_init(&want, 0);
    assert_int_equal(hoso__buf_addc(&want, '{'), HOSO_OK);
    ref_escape(&want, (const unsigned char *)keys[i], strlen(keys[i]));
    assert_int_equal(hoso__buf_adds(&want, ":1}"), HOSO_OK);
    for (size_t lim = 0; lim <= want.n + 60; lim++) {
      hoso_buf out;
      hoso__buf_init(&out, lim ? lim : 0);
      hoso_json w;
      hoso__json_init(&w, &out);
      hoso__json_obj_begin(&w);
      hoso__json_key(&w, keys[i]);
      hoso__json_int(&w, 1);
      hoso__json_obj_end(&w);
      if (lim == 0 || lim >= want.n) {
        assert_int_equal(w.rc, HOSO_OK);
        assert_int_equal(out.n, want.n);
        assert_memory_equal(out.p, want.p, want.n);
        assert_int_equal(out.p[out.n], 0);
      } else {
        assert_int_equal(w.rc, HOSO_ETOOBIG);
      }
      hoso__buf_free(&out);
    }
    hoso__buf_free(&want);
  }
}

static void json_int_extremes(void **state) {
  (void)state;
  hoso_buf b;
  hoso__buf_init(&b, 0);
  hoso_json w;
  hoso__json_init(&w, &b);
  hoso__json_arr_begin(&w);
  const int64_t v[] = {0, -1, 9, 10, -10, 1234567890123LL, INT64_MAX, INT64_MIN};
  for (int i = 0; i < 8; i++) hoso__json_int(&w, v[i]);
  hoso__json_arr_end(&w);
  assert_int_equal(w.rc, HOSO_OK);
  assert_string_equal(b.p, "[0,-1,9,10,-10,1234567890123,9223372036854775807,"
                           "-9223372036854775808]");
  hoso__buf_free(&b);
}

/* One double through the writer against printf's "%.6g" (the writer's
** own formatter must give the same bytes); non-finite ones are null. */
static void check_double(double v) {
  hoso_buf b;
  hoso__buf_init(&b, 0);
  hoso_json w;
  hoso__json_init(&w, &b);
  hoso__json_double(&w, v);
  assert_int_equal(w.rc, HOSO_OK);
  char want[64];
  if (isfinite(v))
    snprintf(want, sizeof(want), "%.6g", v);
  else
    strcpy(want, "null");
  if (strcmp(b.p, want)) fail_msg("%a: wrote %s, printf %s", v, b.p, want);
  hoso__buf_free(&b);
}

static uint64_t mix64(uint64_t *state) { /* splitmix64 */
  uint64_t z = (*state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

/* Doubles as the search writes them (scores) and every other shape:
** exact halves at the sixth digit (printf rounds those to even), the
** edges of the two styles and of the formatter's fast range, powers of
** ten and their neighbours, random bit patterns and random scores. */
static void json_doubles_same_as_printf(void **state) {
  (void)state;
  const double edges[] = {0.0, -0.0, 1, -1, 0.5, 1.5, 2.5, -2.5, 0.125, 12345.25, 12345.75,
                          1234.125, 4321.375, 1234565, 1234575, 9999995, 99999.5, 999999.5,
                          999999.4999999, 999999.5000001, 99999.95, 9.999995, 0.0001,
                          0.00009999995, 0.000099999949, 0.000123456, 1e-5, 123456, 1234567,
                          100000, 0.1, 0.3, 1e21, 9.999995e20, 1e-16, 1e-17, 9.9999949e-17,
                          DBL_MIN, DBL_MAX, DBL_TRUE_MIN, 5e-324, 1e300, -1e-300, INFINITY,
                          -INFINITY, NAN, 3.14159265358979, 17.5, 0.0078125, 1048575.5,
                          2.5e-5, 0.00025, 123456789012345678.0, 4503599627370497.0};
  for (size_t i = 0; i < sizeof(edges) / sizeof(edges[0]); i++) check_double(edges[i]);
  for (int e = -30; e <= 30; e++) { /* powers of ten and their neighbours */
    double p = pow(10, e);
    check_double(p);
    check_double(nextafter(p, 0));
    check_double(nextafter(p, INFINITY));
    check_double(-p);
  }
  uint64_t seed = 20261206;
  for (int i = 0; i < 100000; i++) {
    uint64_t r = mix64(&seed);
    double v;
    memcpy(&v, &r, sizeof(v));
    check_double(v); /* any bit pattern: NaN, infinities, subnormals too */
    /* exact ties: dyadic fractions (q / 2^j) and integers of seven or more
    ** digits ending in 5 (x 10^t) -- and their neighbours */
    double t = (double)(mix64(&seed) % (1u << 24)) / (double)(1u << (mix64(&seed) % 12));
    check_double(t);
    check_double(nextafter(t, 0));
    check_double(nextafter(t, INFINITY));
    double tie = (double)((mix64(&seed) % 900000 + 100000) * 10 + 5) * pow(10, (double)(i % 9));
    check_double(tie);
    check_double(nextafter(tie, 0));
    check_double(nextafter(tie, INFINITY));
    /* scores: uniform over a few scales */
    double u = (double)(mix64(&seed) >> 11) / 9007199254740992.0;
    check_double(u * pow(10, (double)(i % 40 - 20)));
    check_double(-u * 50);
  }
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

/* Large-table blocks: zeroed, writable to the last byte, and (where the
** build maps them itself) 2 MB aligned with the huge-page hint taken by
** the kernel, which is what makes the lookups cheaper (bigmem.c). */
static void big_blocks_zeroed_aligned_hinted(void **state) {
  (void)state;
  assert_null(hoso__big_calloc(0));
  size_t sizes[] = {1, 4096, ((size_t)3 << 20) + 5};
  for (size_t k = 0; k < sizeof(sizes) / sizeof(sizes[0]); k++) {
    size_t n = sizes[k];
    unsigned char *p = hoso__big_calloc(n);
    assert_non_null(p);
    for (size_t i = 0; i < n; i += 4093) assert_int_equal(p[i], 0);
    assert_int_equal(p[n - 1], 0);
    memset(p, 0xAB, n);
    assert_int_equal(p[n - 1], 0xAB);
#if HOSO_BIG_HUGE
    assert_int_equal((uintptr_t)p % ((uintptr_t)2 << 20), 0);
    FILE *thp = fopen("/sys/kernel/mm/transparent_hugepage/enabled", "r");
    if (thp) { /* a kernel with transparent huge pages takes the hint */
      fclose(thp);
      assert_int_equal(hoso__big_hinted(p, n), 1);
    }
#endif
    hoso__big_free(p, n);
  }
  hoso__big_free(NULL, 10);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(buf_grows_and_caps),
      cmocka_unit_test(buf_printf_long),
      cmocka_unit_test(json_escapes_and_commas),
      cmocka_unit_test(json_long_strings_same_bytes),
      cmocka_unit_test(json_keys_same_bytes),
      cmocka_unit_test(json_int_extremes),
      cmocka_unit_test(json_doubles_same_as_printf),
      cmocka_unit_test(error_format),
      cmocka_unit_test(read_file_directory_is_error),
      cmocka_unit_test(big_blocks_zeroed_aligned_hinted),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
