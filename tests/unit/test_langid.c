/* test_langid.c -- the language-id model: loads, answers on clear cases,
** and refuses missing, truncated or corrupted model files with
** HOSO_EMODEL (never crashes on them). */
#include "testutil.h"

#include <unistd.h>

#include "text/text.h"

static void detects(void **state) {
  (void)state;
  hoso_langid *m;
  hoso_error err;
  hoso_error_clear(&err);
  assert_int_equal(hoso_langid_open(NULL, &m, &err), HOSO_OK);
  const char *vi = "Bộ trưởng Quốc phòng hai nước đã hội đàm tại Hà Nội.";
  const char *ru = "Министр обороны провёл переговоры в Москве.";
  const char *en = "The defence ministers met in Hanoi on Tuesday.";
  double c;
  assert_int_equal(hoso_langid_detect(m, vi, strlen(vi), &c), HOSO_LANG_VI);
  assert_true(c > 0.5 && c <= 1.0);
  assert_int_equal(hoso_langid_detect(m, ru, strlen(ru), NULL), HOSO_LANG_RU);
  assert_int_equal(hoso_langid_detect(m, en, strlen(en), NULL), HOSO_LANG_EN);
  assert_int_equal(hoso_langid_detect(m, "", 0, &c), HOSO_LANG_OTHER);
  assert_int_equal(hoso_langid_detect(m, "12:30 !!", 8, NULL), HOSO_LANG_OTHER);
  /* short paragraphs follow the one before, unless clearly another script */
  assert_int_equal(hoso_langid_paragraph(m, "X", 1, HOSO_LANG_EN, NULL), HOSO_LANG_EN);
  assert_int_equal(hoso_langid_paragraph(m, "X", 1, HOSO_LANG_VI, NULL), HOSO_LANG_VI);
  assert_int_equal(hoso_langid_paragraph(m, "Москва", strlen("Москва"), HOSO_LANG_VI, NULL),
                   HOSO_LANG_RU);
  assert_string_equal(hoso_lang_name(HOSO_LANG_VI), "vi");
  assert_string_equal(hoso_lang_name(99), "other");
  hoso_langid_close(m);
  hoso_langid_close(NULL);
}

static void write_file(const char *path, const char *p, size_t n) {
  FILE *f = fopen(path, "wb");
  assert_non_null(f);
  assert_int_equal(fwrite(p, 1, n, f), n);
  fclose(f);
}

static void refuses_bad_models(void **state) {
  (void)state;
  char path[1024];
  hoso__model_path("langid.bin", path, sizeof(path));
  size_t n;
  char *good = test_read_file(path, &n);
  const char *tmp = "/tmp/hoso-test-langid.bin";
  hoso_langid *m = NULL;
  hoso_error err;
  /* truncated */
  write_file(tmp, good, n / 2);
  hoso_error_clear(&err);
  assert_int_equal(hoso_langid_open(tmp, &m, &err), HOSO_EMODEL);
  assert_null(m);
  assert_non_null(strstr(err.message, "corrupt"));
  /* one byte flipped in the table: the checksum catches it */
  good[n / 2] ^= 0x40;
  write_file(tmp, good, n);
  assert_int_equal(hoso_langid_open(tmp, &m, &err), HOSO_EMODEL);
  good[n / 2] ^= 0x40;
  /* intact copy loads */
  write_file(tmp, good, n);
  assert_int_equal(hoso_langid_open(tmp, &m, &err), HOSO_OK);
  hoso_langid_close(m);
  /* missing */
  unlink(tmp);
  hoso_error_clear(&err);
  assert_int_equal(hoso_langid_open(tmp, &m, &err), HOSO_EMODEL);
  assert_int_equal(err.code, HOSO_EMODEL);
  free(good);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(detects),
      cmocka_unit_test(refuses_bad_models),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
