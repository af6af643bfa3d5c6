/* test_extract_charset.c -- legacy Vietnamese encodings are detected and
** converted (src/extract/charset.c); UTF-8 is left alone. The legacy
** inputs are made from UTF-8 text with iconv's tables (the same tables
** the converter uses), so what is tested is the detection. */
#include <iconv.h>

#include "testutil.h"

#include "extract/detect.h"

static const char *const vi_text =
    "Chiều 20/5, tại Hà Nội, Đại tướng Lương Cường, Ủy viên Bộ Chính trị, "
    "đã điện đàm trực tuyến với Thượng tướng Andrey Kartapolov, Thứ trưởng "
    "Quốc phòng Liên bang Nga. Hai bên nhất trí tiếp tục củng cố quan hệ "
    "hợp tác quốc phòng, đặc biệt trong lĩnh vực đào tạo và lịch sử quân sự.";

static size_t encode(const char *to, const char *s, char *out, size_t cap) {
  iconv_t cd = iconv_open(to, "UTF-8");
  assert_true(cd != (iconv_t)-1);
  char *in = (char *)s, *o = out;
  size_t il = strlen(s), ol = cap;
  size_t r = iconv(cd, &in, &il, &o, &ol);
  iconv_close(cd);
  assert_true(r != (size_t)-1);
  return cap - ol;
}

static void roundtrip(const char *iconv_name, const char *want_name) {
  char enc[4096];
  size_t n = encode(iconv_name, vi_text, enc, sizeof(enc));
  const char *name = NULL;
  char *out = NULL;
  size_t out_n = 0;
  hoso_error err;
  assert_int_equal(hoso__to_utf8(enc, n, NULL, 0, &name, &out, &out_n, &err), HOSO_OK);
  assert_non_null(out);
  assert_string_equal(name, want_name);
  assert_int_equal(out_n, strlen(vi_text));
  assert_memory_equal(out, vi_text, out_n);
  free(out);
}

static void detects_tcvn3(void **state) {
  (void)state;
  roundtrip("TCVN5712-1", "tcvn3");
}
static void detects_viscii(void **state) {
  (void)state;
  roundtrip("VISCII", "viscii");
}
static void detects_windows_1258(void **state) {
  (void)state;
  roundtrip("CP1258", "windows-1258");
}

static void utf8_untouched(void **state) {
  (void)state;
  const char *name = NULL;
  char *out = (char *)1;
  size_t out_n = 9;
  assert_int_equal(hoso__to_utf8(vi_text, strlen(vi_text), NULL, 0, &name, &out, &out_n, NULL), HOSO_OK);
  assert_null(out);
  assert_string_equal(name, "utf-8");
}

static void declared_charset_wins(void **state) {
  (void)state;
  char enc[4096];
  size_t n = encode("CP1252", "Caf\xC3\xA9 na\xC3\xAFve", enc, sizeof(enc));
  const char *name = NULL;
  char *out = NULL;
  size_t out_n = 0;
  assert_int_equal(hoso__to_utf8(enc, n, "windows-1252", 0, &name, &out, &out_n, NULL), HOSO_OK);
  assert_string_equal(name, "windows-1252");
  assert_string_equal(out, "Caf\xC3\xA9 na\xC3\xAFve");
  free(out);
  /* from <meta charset> in HTML */
  const char *page = "<html><head><meta charset=\"windows-1251\"></head><body>\xCC\xEE\xF1\xEA\xE2\xE0</body></html>";
  assert_int_equal(hoso__to_utf8(page, strlen(page), NULL, 1, &name, &out, &out_n, NULL), HOSO_OK);
  assert_string_equal(name, "windows-1251");
  assert_non_null(strstr(out, "Москва"));
  free(out);
}

static void whole_extract_from_tcvn3(void **state) {
  (void)state;
  char enc[4096];
  size_t n = encode("TCVN5712-1", vi_text, enc, sizeof(enc));
  hoso_article_rec *a = NULL;
  assert_int_equal(hoso_extract(enc, n, NULL, &a, NULL), HOSO_OK);
  assert_string_equal(a->charset, "tcvn3");
  assert_int_equal(a->spans_exact, 0);
  assert_int_equal(a->n_body, 1);
  assert_string_equal(a->body[0].text, vi_text);
  hoso_article_free(a);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(detects_tcvn3), cmocka_unit_test(detects_viscii),
      cmocka_unit_test(detects_windows_1258), cmocka_unit_test(utf8_untouched),
      cmocka_unit_test(declared_charset_wins), cmocka_unit_test(whole_extract_from_tcvn3),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
