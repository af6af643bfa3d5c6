/* test_reader.c -- the streaming reader: units cover the file exactly and
** in order, no unit exceeds the limit, long lines are cut after white
** space (or at a character boundary when there is none), UTF-16 is
** refused with a clear error at byte 0, a directory is refused. */
#include "testutil.h"

#include <unistd.h>

#include "text/text.h"

static char *write_tmp(const char *data, size_t n) {
  char *path = strdup("/tmp/hoso-test-reader-XXXXXX");
  assert_non_null(path);
  int fd = mkstemp(path);
  assert_true(fd >= 0);
  assert_int_equal(write(fd, data, n), (ssize_t)n);
  close(fd);
  return path;
}

static void read_back(const char *data, size_t n, size_t max_unit, int want_ws_cuts) {
  char *path = write_tmp(data, n);
  hoso_reader *r;
  hoso_error err;
  hoso_error_clear(&err);
  assert_int_equal(hoso__reader_open(path, max_unit, &r, &err), HOSO_OK);
  const char *p;
  size_t len, off, pos = 0, units = 0;
  int rc;
  while ((rc = hoso__reader_next(r, &p, &len, &off, &err)) == 1) {
    assert_int_equal(off, pos);
    assert_true(len >= 1 && len <= max_unit);
    assert_memory_equal(p, data + pos, len);
    pos += len;
    units++;
    /* a cut that is not at a line end falls after white space, or (with
    ** no white space at all) never inside a UTF-8 sequence */
    if (pos < n && data[pos - 1] != '\n') {
      if (want_ws_cuts) assert_true(data[pos - 1] == ' ');
      assert_true(((unsigned char)data[pos] & 0xC0) != 0x80);
    }
  }
  assert_int_equal(rc, 0);
  assert_int_equal(pos, n);
  assert_true(units >= n / max_unit);
  hoso__reader_close(r);
  unlink(path);
  free(path);
}

static void long_lines(void **state) {
  (void)state;
  size_t n = 300000;
  char *data = malloc(n);
  assert_non_null(data);
  const char *word = "quốc phòng ";
  size_t wl = strlen(word);
  for (size_t i = 0; i < n; i++) data[i] = word[i % wl];
  data[1000] = '\n';
  data[50000] = '\n';
  read_back(data, n - (n % wl), 4096, 1);
  /* no white space at all: cut at a character boundary */
  const char *ch = "ố";
  for (size_t i = 0; i < n; i++) data[i] = ch[i % 3];
  read_back(data, n - (n % 3), 4096, 0);
  free(data);
}

static void refusals(void **state) {
  (void)state;
  hoso_reader *r;
  hoso_error err;
  hoso_error_clear(&err);
  char *path = write_tmp("\xFF\xFEH\0i\0", 6);
  assert_int_equal(hoso__reader_open(path, 0, &r, &err), HOSO_OK);
  const char *p;
  size_t len, off;
  assert_int_equal(hoso__reader_next(r, &p, &len, &off, &err), HOSO_EFORMAT);
  assert_true(err.has_offset);
  assert_int_equal(err.offset, 0);
  assert_non_null(strstr(err.message, "UTF-16"));
  assert_string_equal(err.file, path);
  hoso__reader_close(r);
  unlink(path);
  free(path);
  hoso_error_clear(&err);
  assert_int_equal(hoso__reader_open("/tmp", 0, &r, &err), HOSO_EIO);
  assert_non_null(strstr(err.message, "directory"));
  /* empty file: no unit at all */
  path = write_tmp("", 0);
  assert_int_equal(hoso__reader_open(path, 0, &r, &err), HOSO_OK);
  assert_int_equal(hoso__reader_next(r, &p, &len, &off, &err), 0);
  hoso__reader_close(r);
  unlink(path);
  free(path);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(long_lines),
      cmocka_unit_test(refusals),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
