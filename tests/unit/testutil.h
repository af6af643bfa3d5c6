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
#include <unistd.h>

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

/* Ingest path into ar on 2 threads with the given HOSO_INGEST_* flags;
** fails the test on any error. *st (may be NULL) gets the run's figures. */
static inline void test_ingest_path(hoso_archive *ar, const char *path, unsigned flags,
                                    hoso_ingest_stats *st) {
  hoso_error err;
  hoso_ingest *ing;
  hoso_ingest_stats mine;
  hoso_ingest_options o = {2, 0, NULL, NULL, flags, 0};
  if (hoso_ingest_open(ar, &o, &ing, &err)) fail_msg("ingest open: %s", err.message);
  if (hoso_ingest_path(ing, path, &err)) fail_msg("ingest %s: %s", path, err.message);
  if (hoso_ingest_finish(ing, st ? st : &mine, &err)) fail_msg("ingest finish: %s", err.message);
  hoso_ingest_close(ing);
}

/* The JSON answer (free with free()) of a plain search for q, first limit
** stories; fails the test on an error. */
static inline char *test_search(hoso_archive *ar, const char *q, int64_t limit) {
  hoso_query hq = {0};
  hq.q = q;
  hq.q_n = strlen(q);
  hq.limit = limit;
  char *json = NULL;
  hoso_error err;
  if (hoso_search(ar, &hq, &json, NULL, &err)) fail_msg("search '%s': %s", q, err.message);
  if (!json) fail_msg("search '%s': no answer", q);
  return json;
}

/* The NER stage on the repository's models/ (tests run from the root);
** NULL, with the reason on stderr, if it cannot be opened. */
static inline hoso_ner *test_ner_open(void) {
  hoso_ner *ner = NULL;
  hoso_error err;
  hoso_error_clear(&err);
  if (hoso_ner_open("models", &ner, &err) != HOSO_OK) {
    fprintf(stderr, "hoso_ner_open: %s\n", err.message);
    return NULL;
  }
  return ner;
}

/* Remove an SQLite archive and its -wal and -shm files (missing ones are fine). */
static inline void test_unlink_db(const char *path) {
  char p[4096];
  unlink(path);
  snprintf(p, sizeof(p), "%s-wal", path);
  unlink(p);
  snprintf(p, sizeof(p), "%s-shm", path);
  unlink(p);
}

#endif
