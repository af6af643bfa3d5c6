/* test_fold.c -- the diacritic-folded key and the UTF-8 decoder. */
#include "testutil.h"

#include "text/text.h"

static void check_fold(const char *in, const char *want) {
  char *out;
  size_t n;
  assert_int_equal(hoso_fold(in, strlen(in), &out, &n), HOSO_OK);
  assert_string_equal(out, want);
  assert_int_equal(n, strlen(want));
  hoso_free(out);
}

static void fold_vietnamese(void **state) {
  (void)state;
  check_fold("Quốc phòng", "quoc phong");
  check_fold("Đại tướng Lương Cường", "dai tuong luong cuong");
  check_fold("Qu\xE1\xBB\x91" "c", "quoc");        /* NFC ố */
  check_fold("Quo\xCC\x82\xCC\x81" "c", "quoc");   /* NFD o + ^ + ´ */
  check_fold("ĐÀ NẴNG", "da nang");
  check_fold("Андрей", "андреи"); /* й decomposes to и + breve */
}

static void decode_rejects_bad_sequences(void **state) {
  (void)state;
  size_t len;
  assert_int_equal(hoso__utf8_decode("\xC0\x80", 2, &len), -1); /* overlong */
  assert_int_equal(len, 1);
  assert_int_equal(hoso__utf8_decode("\xED\xA0\x80", 3, &len), -1); /* surrogate */
  assert_int_equal(hoso__utf8_decode("\xE1\xBB", 2, &len), -1); /* truncated */
  assert_int_equal(len, 2);
  assert_int_equal(hoso__utf8_decode("\xE1\xBB\x91", 3, &len), 0x1ED1);
  assert_int_equal(len, 3);
  assert_int_equal(hoso__utf8_invalid_at("ab\xFF" "c", 4), 2);
}

static void check_key(const char *in, const char *want) {
  char *out;
  assert_int_equal(hoso_normalize(in, strlen(in), HOSO_NORM_KEY, &out, NULL),
                   HOSO_OK);
  assert_string_equal(out, want);
  hoso_free(out);
}

static void key_tone_placement(void **state) {
  (void)state;
  check_key("hoà", "hòa");
  check_key("hòa", "hòa");
  check_key("Thuỷ", "thủy");
  check_key("uý", "úy");
  check_key("Khoá", "khóa");
  check_key("KHOÁ HỌC", "khóa học");
  check_key("ho\xCC\x80" "a", "hòa");     /* NFD: h o + grave a */
  check_key("hoa\xCC\x80", "hòa");     /* NFD, new style */
  check_key("quý qúy", "quý quý");
  check_key("Andrè", "andrè"); /* not Vietnamese: left alone */
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(fold_vietnamese),
      cmocka_unit_test(decode_rejects_bad_sequences),
      cmocka_unit_test(key_tone_placement),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
