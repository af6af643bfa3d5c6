/* test_extract_dates.c -- the date parser (src/extract/dates.c). */
#include "testutil.h"

#include "extract/extract.h"

static void check(const char *in, const char *want) {
  char out[HOSO_DATE_MAX];
  int r = hoso__date_parse(in, strlen(in), out, NULL, NULL);
  if (!want) {
    if (r) fail_msg("'%s' gave %s, want no date", in, out);
    return;
  }
  if (!r) fail_msg("'%s' gave no date, want %s", in, want);
  if (strcmp(out, want) != 0) fail_msg("'%s' gave %s, want %s", in, out, want);
}

static void vietnamese(void **state) {
  (void)state;
  check("Thứ năm 20/05/2021 17:42 GMT + 7", "2021-05-20T17:42:00+07:00");
  check("Thứ năm, 20/5/2021", "2021-05-20");
  check("ngày 20 tháng 5 năm 2021", "2021-05-20");
  check("20-5-2021 17:42", "2021-05-20T17:42:00");
  check("Thứ Năm, 20/5/2021, 17:42 (GMT+7)", "2021-05-20T17:42:00+07:00");
  check("Cập nhật lúc 17h42 ngày 20/05/2021", "2021-05-20T17:42:00");
  check("THỨ NĂM, 20/05/2021 - 17:42 GMT-5", "2021-05-20T17:42:00-05:00");
}

static void russian(void **state) {
  (void)state;
  check("20 мая 2021 г., 17:42", "2021-05-20T17:42:00");
  check("1 января 2020", "2020-01-01");
  check("14 мая 2025, 10:05 МСК", "2025-05-14T10:05:00+03:00");
  check("29 октября 2018 г.", "2018-10-29");
  check("3 март 2022", "2022-03-03");
  check("3 марта 2022", "2022-03-03");
  check("5 май 2021", "2021-05-05");
  check("12 август 2019", "2019-08-12");
  check("20.05.2021 в 17:42 мск", "2021-05-20T17:42:00+03:00");
  check("5 мае 2021", NULL);
}

static void english_iso(void **state) {
  (void)state;
  check("2021-05-20T17:42:00+07:00", "2021-05-20T17:42:00+07:00");
  check("2023-04-28T17:40:08Z", "2023-04-28T17:40:08+00:00");
  check("2023-04-28 17:40:08.123+0000", "2023-04-28T17:40:08+00:00");
  check("May 20, 2021", "2021-05-20");
  check("Updated 20 May 2021 at 5:42 pm UTC", "2021-05-20T17:42:00+00:00");
  check("September 3rd, 2024", "2024-09-03");
  check("2021-05-20", "2021-05-20");
  check("Sept 9, 2021 12:00 a.m. UTC+07:00", "2021-09-09T00:00:00+07:00");
  check("May 20th, 2021 at 10:30 p.m.", "2021-05-20T22:30:00");
  /* "p.m" as the last thing in the text (session 11's parser read 10:30) */
  check("May 20th, 2021 at 10:30 p.m", "2021-05-20T22:30:00");
  check("20/5/2021 17g42", "2021-05-20T17:42:00");
  check("20/5/2021 5:42 CH", "2021-05-20T17:42:00");
  check("2021-05-20 17:42 ICT", "2021-05-20T17:42:00+07:00");
}

static void no_guess(void **state) {
  (void)state;
  check("", NULL);
  check("Tiếp tục củng cố hợp tác quốc phòng Việt - Nga", NULL);
  check("32/05/2021", NULL);
  check("20/13/2021", NULL);
  check("20/5/21", NULL);
  check("29/2/2021", NULL);
  check("Chiều 20/5, tại Hà Nội", NULL);
  check("28 bạn đọc", NULL);
  check("2021", NULL);
}

static void date_lines(void **state) {
  (void)state;
  const char *yes[] = {"Thứ năm 20/05/2021 17:42 GMT + 7", "20 мая 2021 г., 17:42",
                       "Cập nhật: 20/05/2021 17:42", "May 20, 2021"};
  const char *no[] = {"Chiều 20/5/2021, tại Hà Nội, Đại tướng Lương Cường đã điện đàm",
                      "Chuyên mục", "ngày 20 tháng 5 năm 2021 hai bên đã ký biên bản"};
  for (size_t i = 0; i < sizeof(yes) / sizeof(yes[0]); i++)
    if (!hoso__date_line(yes[i], strlen(yes[i]))) fail_msg("not a date line: %s", yes[i]);
  for (size_t i = 0; i < sizeof(no) / sizeof(no[0]); i++)
    if (hoso__date_line(no[i], strlen(no[i]))) fail_msg("taken as a date line: %s", no[i]);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(vietnamese), cmocka_unit_test(russian),
      cmocka_unit_test(english_iso), cmocka_unit_test(no_guess),
      cmocka_unit_test(date_lines),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
