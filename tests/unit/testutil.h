/* testutil.h -- what every cmocka unit test includes.
** Tests run from the repository root; HOSO_SHARED (set by the runner to
** ../shared) is where large data lives; unit tests must not need it. */
#ifndef HOSO_TESTUTIL_H
#define HOSO_TESTUTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "hoso.h"

/* Read a whole file for a test; fails the test if it cannot. Free with free(). */
static inline char *test_read_file(const char *path, size_t *n) {
  FILE *f = fopen(path, "rb");
  if (!f) fail_msg("cannot open %s", path);
  fseek(f, 0, SEEK_END);
  long len = ftell(f);
  fseek(f, 0, SEEK_SET);
  char *p = malloc((size_t)len + 1);
  assert_non_null(p);
  if (fread(p, 1, (size_t)len, f) != (size_t)len) fail_msg("short read %s", path);
  p[len] = '\0';
  fclose(f);
  if (n) *n = (size_t)len;
  return p;
}

/* Fail the test unless hay contains needle (or, test_hasnt, unless it does not). */
static inline void test_has(const char *hay, const char *needle) {
  if (!strstr(hay, needle)) fail_msg("missing '%s' in %s", needle, hay);
}
static inline void test_hasnt(const char *hay, const char *needle) {
  if (strstr(hay, needle)) fail_msg("unexpected '%s' in %s", needle, hay);
}

#endif
