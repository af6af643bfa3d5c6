/* test_extract_charset.c -- legacy Vietnamese encodings are detected and
** converted (src/extract/charset.c); UTF-8 is left alone. The legacy
** inputs are made from UTF-8 text with iconv's tables (the same tables
** the converter uses), so what is tested is the detection. */
#include <iconv.h>

#include "testutil.h"

#include "extract/detect.h"
#include "text/text.h"

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

/* ---- VNI-Windows (vni.c; tables generated from vni_windows.txt) ---- */

/* A real paragraph of the 2025 seed report (ĐỖ, –, "hòa" tone style). */
static const char *const vi_para =
    "Khẳng định nhân dân, quân đội nhân dân Việt Nam luôn ghi nhớ và tri ân "
    "sự ủng hộ, giúp đỡ to lớn, chí nghĩa, chí tình của Liên Xô trước đây và "
    "Liên bang Nga ngày nay. 2 bên khẳng định, hợp tác nghiên cứu khoa học "
    "trong khuôn khổ Trung tâm Nhiệt đới Việt – Nga có ý nghĩa quan trọng; "
    "Việt Nam nhất quán đường lối đối ngoại độc lập, tự chủ, hòa bình, hữu "
    "nghị. Quang cảnh buổi tọa đàm. Ảnh: ĐỖ TRUNG";

static char *vni_of(const char *utf8, size_t *n) {
  hoso_buf b;
  hoso__buf_init(&b, 0);
  size_t unmapped = 9;
  assert_int_equal(hoso__vni_encode(utf8, strlen(utf8), &b, &unmapped), HOSO_OK);
  assert_int_equal(unmapped, 0);
  *n = b.n;
  return hoso__buf_take(&b);
}

static char *vni_decoded(const char *s, size_t n) {
  hoso_buf b;
  hoso__buf_init(&b, 0);
  assert_int_equal(hoso__vni_decode(s, n, &b), HOSO_OK);
  assert_int_equal(hoso__buf_add(&b, "", 1), HOSO_OK);
  return hoso__buf_take(&b);
}

/* Known VNI spellings (as VNI fonts type them, independent of our table):
** base letter + mark byte, the letters i/y-dot/ơ/ư/đ as single bytes,
** upper-case mark bytes after upper-case letters. */
static void vni_known_words(void **state) {
  (void)state;
  static const struct { const char *vni, *utf8; } w[] = {
      {"Vie\xE4t Nam", "Việt Nam"},
      {"ng\xF6\xF4\xF8i", "người"},
      {"\xD1" "a\xEFi t\xF6\xF4\xF9ng", "Đại tướng"},
      {"TIE\xC1NG VIE\xC4T", "TIẾNG VIỆT"},
      {"qua\xF9 kh\xE6\xF9", "quá khỉù"}, /* ỉ then a lone acute byte: ù */
      {"th\xF6\xF4\xFBng \xF1\xF3" "a", "thưởng đĩa"},
      {"ma\xEBt, na\xFCng, ky\xF5, ch\xF6\xEF, x\xEE", "mặt, nẵng, kỹ, chự, xỵ"},
  };
  for (size_t i = 0; i < sizeof(w) / sizeof(w[0]); i++) {
    char *o = vni_decoded(w[i].vni, strlen(w[i].vni));
    assert_string_equal(o, w[i].utf8);
    free(o);
  }
}

/* Every Vietnamese letter, both cases, all six tones: built from the text
** core's own syllable test (a letter that is a one-vowel syllable), so the
** set is not typed here. Each must encode without loss and decode back. */
static void vni_all_letters_roundtrip(void **state) {
  (void)state;
  hoso_buf all;
  hoso__buf_init(&all, 0);
  size_t letters = 0;
  for (int32_t cp = 0xC0; cp <= 0x1EF9; cp++) {
    char u[4];
    size_t k = hoso__utf8_encode(cp, u);
    if (cp > 0x1B0 && cp < 0x1EA0) continue;
    if (!hoso__vi_is_syllable(u, k) && cp != 0x110 && cp != 0x111) continue;
    assert_int_equal(hoso__buf_add(&all, u, k), HOSO_OK);
    assert_int_equal(hoso__buf_add(&all, " ", 1), HOSO_OK);
    letters++;
  }
  assert_int_equal(hoso__buf_add(&all, "", 1), HOSO_OK);
  assert_true(letters >= 2 * 67); /* 67 toned vowels + đ per case, at least */
  size_t n = 0;
  char *v = vni_of(all.p, &n);
  char *o = vni_decoded(v, n);
  assert_string_equal(o, all.p);
  free(v);
  free(o);
  hoso__buf_free(&all);
}

static void vni_detected_and_nfc(const char *text, const char *hint, int html) {
  size_t n = 0;
  char *v = vni_of(text, &n);
  const char *name = NULL;
  char *out = NULL;
  size_t out_n = 0;
  assert_int_equal(hoso__to_utf8(v, n, hint, html, &name, &out, &out_n, NULL), HOSO_OK);
  assert_string_equal(name, "vni-windows");
  assert_int_equal(out_n, strlen(text));
  assert_memory_equal(out, text, out_n);
  free(out);
  free(v);
}

static void detects_vni(void **state) {
  (void)state;
  vni_detected_and_nfc(vi_text, NULL, 0);
  vni_detected_and_nfc(vi_para, NULL, 0);
  /* VNI pages were served as Latin-1: a declared Western charset is
  ** checked too */
  vni_detected_and_nfc(vi_para, "iso-8859-1", 0);
}

/* Western text stays windows-1252, and the other legacy encodings are
** not mistaken for VNI (nor VNI for them). */
static void vni_not_overeager(void **state) {
  (void)state;
  char enc[4096];
  const char *fr = "Déjà vu: le maître a goûté la crème brûlée à la fête, "
                   "où été üäö naïve.";
  size_t n = encode("CP1252", fr, enc, sizeof(enc));
  const char *name = NULL;
  char *out = NULL;
  size_t out_n = 0;
  assert_int_equal(hoso__to_utf8(enc, n, NULL, 0, &name, &out, &out_n, NULL), HOSO_OK);
  assert_string_equal(name, "windows-1252");
  assert_string_equal(out, fr);
  free(out);
  roundtrip("CP1258", "windows-1258");
  roundtrip("TCVN5712-1", "tcvn3");
}

/* A page in VNI that declares no charset comes out as NFC Vietnamese. */
static void whole_extract_from_vni_html(void **state) {
  (void)state;
  hoso_buf page;
  hoso__buf_init(&page, 0);
  const char *head = "<html><head><title>Tiếp tục củng cố hợp tác quốc phòng</title>"
                     "</head><body><article><p>";
  assert_int_equal(hoso__buf_add(&page, head, strlen(head)), HOSO_OK);
  assert_int_equal(hoso__buf_add(&page, vi_text, strlen(vi_text)), HOSO_OK);
  assert_int_equal(hoso__buf_add(&page, "</p><p>", 7), HOSO_OK);
  assert_int_equal(hoso__buf_add(&page, vi_para, strlen(vi_para)), HOSO_OK);
  assert_int_equal(hoso__buf_add(&page, "</p></article></body></html>", 28), HOSO_OK);
  assert_int_equal(hoso__buf_add(&page, "", 1), HOSO_OK);
  size_t n = 0;
  char *v = vni_of(page.p, &n);
  hoso_article_rec *a = NULL;
  hoso_extract_opts o;
  memset(&o, 0, sizeof(o));
  o.format = HOSO_FORMAT_HTML;
  assert_int_equal(hoso_extract(v, n, &o, &a, NULL), HOSO_OK);
  assert_string_equal(a->charset, "vni-windows");
  assert_string_equal(a->title, "Tiếp tục củng cố hợp tác quốc phòng");
  assert_true(a->n_body >= 2);
  assert_string_equal(a->body[0].text, vi_text);
  assert_string_equal(a->body[1].text, vi_para);
  hoso_article_free(a);
  free(v);
  hoso__buf_free(&page);
}

/* UTF-16: with a BOM of either order, without one (the zero bytes of
** ASCII-range units), declared; a lone surrogate is U+FFFD; zero bytes
** that follow no byte-order pattern and UTF-8 are not UTF-16. */
static void utf16_check(const char *buf, size_t n, const char *hint, const char *want_name,
                        const char *want) {
  const char *name = NULL;
  char *out = NULL;
  size_t out_n = 0;
  hoso_error err;
  hoso_error_clear(&err);
  assert_int_equal(hoso__utf16_to_utf8(buf, n, hint, &name, &out, &out_n, &err), HOSO_OK);
  if (!want_name) {
    assert_null(out);
    assert_null(name);
    return;
  }
  assert_non_null(out);
  assert_string_equal(name, want_name);
  assert_int_equal(out_n, strlen(want));
  assert_memory_equal(out, want, out_n);
  free(out);
}

static void utf16_decoded(void **state) {
  (void)state;
  char enc[4096];
  /* little-endian with a BOM: the BOM is dropped */
  enc[0] = (char)0xFF;
  enc[1] = (char)0xFE;
  size_t n = encode("UTF-16LE", vi_text, enc + 2, sizeof(enc) - 2) + 2;
  utf16_check(enc, n, NULL, "utf-16le", vi_text);
  /* big-endian with a BOM */
  enc[0] = (char)0xFE;
  enc[1] = (char)0xFF;
  n = encode("UTF-16BE", vi_text, enc + 2, sizeof(enc) - 2) + 2;
  utf16_check(enc, n, NULL, "utf-16be", vi_text);
  /* no BOM: either order from its zero bytes */
  n = encode("UTF-16LE", vi_text, enc, sizeof(enc));
  utf16_check(enc, n, NULL, "utf-16le", vi_text);
  n = encode("UTF-16BE", vi_text, enc, sizeof(enc));
  utf16_check(enc, n, NULL, "utf-16be", vi_text);
  /* declared */
  utf16_check(enc, n, "utf-16be", "utf-16be", vi_text);
  /* a lone high surrogate, then 'A'; a cut last unit */
  const char lone[] = {(char)0xFF, (char)0xFE, 'a', 0, 0x00, (char)0xD8, 'A', 0, 'b'};
  utf16_check(lone, sizeof(lone), NULL, "utf-16le", "a\xEF\xBF\xBD" "A\xEF\xBF\xBD");
}

static void utf16_not_overeager(void **state) {
  (void)state;
  /* UTF-8 text, and a UTF-8 page that declares utf-16 in its markup */
  utf16_check(vi_text, strlen(vi_text), NULL, NULL, NULL);
  /* binary junk with zero bytes in both halves of the pairs */
  char junk[512];
  for (size_t i = 0; i < sizeof(junk); i++) junk[i] = (char)(i % 3 == 0 ? 0 : 'x' + i % 5);
  utf16_check(junk, sizeof(junk), NULL, NULL, NULL);
  /* an invalid-UTF-8 page declaring utf-16 is not read as UTF-16 */
  const char *page = "<html><head><meta charset=\"utf-16\"></head><body>Caf\xE9 na\xEF" "ve "
                     "caf\xE9 cr\xE8me br\xFB" "l\xE9" "e</body></html>";
  const char *name = NULL;
  char *out = NULL;
  size_t out_n = 0;
  assert_int_equal(hoso__to_utf8(page, strlen(page), NULL, 1, &name, &out, &out_n, NULL), HOSO_OK);
  assert_string_equal(name, "windows-1252");
  assert_non_null(strstr(out, "Caf\xC3\xA9"));
  free(out);
  /* and whole extraction of a UTF-16 page is not "binary input" */
  char enc[4096];
  const char *html = "<html><head><title>Ti\xC3\xAAu \xC4\x91\xE1\xBB\x81</title></head>"
                     "<body><p>Xin ch\xC3\xA0o.</p></body></html>";
  enc[0] = (char)0xFF;
  enc[1] = (char)0xFE;
  size_t n = encode("UTF-16LE", html, enc + 2, sizeof(enc) - 2) + 2;
  hoso_article_rec *a = NULL;
  assert_int_equal(hoso_extract(enc, n, NULL, &a, NULL), HOSO_OK);
  assert_null(a->empty_reason);
  assert_string_equal(a->format, "html");
  assert_string_equal(a->title, "Ti\xC3\xAAu \xC4\x91\xE1\xBB\x81");
  hoso_article_free(a);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(detects_tcvn3), cmocka_unit_test(detects_viscii),
      cmocka_unit_test(detects_windows_1258), cmocka_unit_test(utf8_untouched),
      cmocka_unit_test(declared_charset_wins), cmocka_unit_test(whole_extract_from_tcvn3),
      cmocka_unit_test(vni_known_words), cmocka_unit_test(vni_all_letters_roundtrip),
      cmocka_unit_test(detects_vni), cmocka_unit_test(vni_not_overeager),
      cmocka_unit_test(whole_extract_from_vni_html),
      cmocka_unit_test(utf16_decoded), cmocka_unit_test(utf16_not_overeager),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
