/* test_events.c -- event dates stated as ranges of days (src/events/ranges.c)
** through the public call, resolved against a publication date and not,
** and the edges: a range at the very start or end of the text, a dash or
** "đến" with nothing usable around it, a first day after the last; the
** day of an earlier date ("cùng ngày") and its edges. */
#include "testutil.h"

static hoso_ner *ner;

static int setup(void **state) {
  (void)state;
  ner = test_ner_open();
  return ner ? 0 : -1;
}

static int teardown(void **state) {
  (void)state;
  hoso_ner_close(ner);
  return 0;
}

/* The events JSON of text (owned by the caller), published on pub or not. */
static char *events(const char *text, const char *pub) {
  char *json = NULL;
  size_t n = 0;
  hoso_error err;
  hoso_error_clear(&err);
  assert_int_equal(hoso_ner_analyze(ner, text, strlen(text), pub, HOSO_NER_EVENTS, &json, &n,
                                    &err),
                   HOSO_OK);
  assert_non_null(json);
  return json;
}

static void test_range_with_year(void **state) {
  (void)state;
  /* resolved against the publication date: date and date_end */
  char *j = events("Thủ tướng Campuchia Hun Sen sẽ sang thăm Việt Nam từ ngày 10 đến 12/10.",
                   "2005-09-30");
  test_has(j, "\"date\":\"2005-10-10\"");
  test_has(j, "\"date_end\":\"2005-10-12\"");
  hoso_free(j);
  /* no publication date: the days as stated */
  j = events("Thủ tướng Campuchia Hun Sen sẽ sang thăm Việt Nam từ ngày 10 đến 12/10.", NULL);
  test_has(j, "\"date_stated\":\"XXXX-10-10\"");
  test_has(j, "\"date_end_stated\":\"XXXX-10-12\"");
  hoso_free(j);
}

static void test_range_forms(void **state) {
  (void)state;
  /* a dash, at the very start of the text */
  char *j = events("26 - 27/4, Tổng thống Nga Vladimir Putin sẽ thăm Ấn Độ.", "2005-04-01");
  test_has(j, "\"date\":\"2005-04-26\"");
  test_has(j, "\"date_end\":\"2005-04-27\"");
  hoso_free(j);
  /* "ngày 4-5/7": the reader stops at "4-5" */
  j = events("Chủ tịch nước Trần Đức Lương đã thăm Trung Quốc vào ngày 4-5/7.", "2005-07-10");
  test_has(j, "\"date\":\"2005-07-04\"");
  test_has(j, "\"date_end\":\"2005-07-05\"");
  hoso_free(j);
  /* two dates */
  j = events("Chủ tịch nước Trần Đức Lương sẽ thăm Nhật Bản từ 30/6 đến 2/7.", "2005-06-01");
  test_has(j, "\"date\":\"2005-06-30\"");
  hoso_free(j);
}

static void test_not_ranges(void **state) {
  (void)state;
  /* a number before "đến" without "từ" is no first day */
  char *j = events("Ngoại trưởng Mỹ Colin Powell tăng 5 đến 22/7 và sẽ thăm Nhật Bản.", "2005-07-01");
  test_has(j, "\"date\":\"2005-07-22\"");
  test_hasnt(j, "date_end");
  hoso_free(j);
  /* the first day after the last: not a range */
  j = events("Tổng thống Nga Vladimir Putin sẽ thăm Ấn Độ 28 - 27/4.", "2005-04-01");
  test_hasnt(j, "date_end");
  hoso_free(j);
  /* a range cut short at the end of the text, a lone dash, a lone "đến" */
  const char *cut[] = {"Tổng thống Nga Vladimir Putin sẽ thăm Ấn Độ ngày 4-5/",
                       "Tổng thống Nga Vladimir Putin sẽ thăm Ấn Độ - 27/4",
                       "đến 22/7 Tổng thống Nga Vladimir Putin sẽ thăm Ấn Độ", "- 27/4", "đến"};
  for (size_t i = 0; i < sizeof cut / sizeof *cut; i++) {
    j = events(cut[i], "2005-04-01");
    test_hasnt(j, "date_end");
    hoso_free(j);
  }
}

static size_t count(const char *hay, const char *needle) {
  size_t n = 0;
  for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle)) n++;
  return n;
}

static void test_same_day(void **state) {
  (void)state;
  /* "Tối cùng ngày": the day of "Chiều 12/3", not its part of day */
  char *j = events("Chiều 12/3, Thủ tướng Phạm Minh Chính đã hội đàm với Thủ tướng Lào Sonexay "
                   "Siphandone. Tối cùng ngày, Chủ tịch nước Lương Cường đã tiếp Thủ tướng "
                   "Sonexay Siphandone.",
                   "2024-03-13");
  assert_int_equal(count(j, "\"date\":\"2024-03-12\""), 2);
  assert_int_equal(count(j, "\"daypart\":\"afternoon\""), 1);
  hoso_free(j);
  /* no earlier date: none */
  j = events("Tối cùng ngày, Chủ tịch nước Lương Cường đã tiếp Thủ tướng Lào Sonexay Siphandone.",
             "2024-03-13");
  test_has(j, "\"date\":null");
  hoso_free(j);
  /* a date of its own wins; a bare year before is no day */
  j = events("Năm 2023, hai nước ký hiệp định. Cùng ngày 14/3, Chủ tịch nước Lương Cường đã tiếp "
             "Thủ tướng Lào Sonexay Siphandone.",
             "2024-03-20");
  test_has(j, "\"date\":\"2024-03-14\"");
  hoso_free(j);
  j = events("Năm 2023, hai nước ký hiệp định. Hôm đó, Chủ tịch nước Lương Cường đã tiếp "
             "Thủ tướng Lào Sonexay Siphandone.",
             "2024-03-20");
  test_has(j, "\"type\":\"reception\"");
  test_hasnt(j, "\"date\":\"2"); /* no event has a day */
  hoso_free(j);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_range_with_year),
      cmocka_unit_test(test_range_forms),
      cmocka_unit_test(test_not_ranges),
      cmocka_unit_test(test_same_day),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
