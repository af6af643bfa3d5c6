/* test_rank.c -- hoso_bm25 (src/store/sqlite_rank.c) gives FTS5's own
** bm25() score for every matching row, with the row lengths from the
** in-memory cache and without it (xColumnSize), over the bundled sample
** archive (demo/sample: 402 real articles). */
#include <math.h>
#include <sqlite3.h>
#include <unistd.h>

#include "testutil.h"

#include "search/fts.h"
#include "store/sqlite_int.h"

static char path[256];

static int setup(void **state) {
  snprintf(path, sizeof(path), "/tmp/hoso-test-rank-%d.db", (int)getpid());
  unlink(path);
  hoso_archive *ar;
  hoso_error err;
  assert_int_equal(hoso_archive_open(path, HOSO_ARCHIVE_CREATE, &ar, &err), HOSO_OK);
  hoso_ingest_options o = {2, 0, NULL, NULL, HOSO_INGEST_NO_ANALYSIS, 0};
  hoso_ingest *ing;
  assert_int_equal(hoso_ingest_open(ar, &o, &ing, &err), HOSO_OK);
  assert_int_equal(hoso_ingest_path(ing, "demo/sample", &err), HOSO_OK);
  hoso_ingest_stats st;
  assert_int_equal(hoso_ingest_finish(ing, &st, &err), HOSO_OK);
  assert_true(st.added > 300);
  hoso_ingest_close(ing);
  hoso_archive_close(ar);
  *state = NULL;
  return 0;
}

static int teardown(void **state) {
  test_unlink_db(path);
  return 0;
}

/* Rows of q with both scores; returns the number of rows compared. */
static int compare(sq_store *s, const char *q) {
  sqlite3_stmt *st;
  assert_int_equal(sqlite3_prepare_v2(s->db,
                                      "SELECT rowid, bm25(fts, 3.0, 1.0),"
                                      " hoso_bm25(fts, 3.0, 1.0) FROM fts WHERE fts MATCH ?1",
                                      -1, &st, NULL),
                   SQLITE_OK);
  sqlite3_bind_text(st, 1, q, -1, SQLITE_STATIC);
  int n = 0, rc;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    double a = sqlite3_column_double(st, 1), b = sqlite3_column_double(st, 2);
    if (a != b)
      fail_msg("%s: row %lld: bm25 %.17g, hoso_bm25 %.17g", q,
               (long long)sqlite3_column_int64(st, 0), a, b);
    assert_true(a < 0.0);
    n++;
  }
  assert_int_equal(rc, SQLITE_DONE);
  sqlite3_finalize(st);
  return n;
}

static void same_as_bm25(void **state) {
  sq_store s;
  memset(&s, 0, sizeof(s));
  assert_int_equal(sqlite3_open_v2(path, &s.db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
  assert_int_equal(hoso__fts_register(s.db), SQLITE_OK);
  assert_int_equal(hoso__sq_rank_register(&s), SQLITE_OK);
  /* index terms (words.h): "fold\x1F"* is any spelling of a word,
  ** "fold\x1Fexact" one spelling */
  static const char *const qs[] = {
      "\"viet_nam\x1F\"*", "\"nga\x1F\"*", "\"viet_nam\x1F\"* AND \"nga\x1F\"*",
      "(\"quoc_phong\x1F\"* OR \"quoc_phong\x1F" "quốc_phòng\")",
      "\"chinh_phu\x1F\"* OR \"bong_da\x1F\"*",
      "\"hop_tac\x1F\"* + \"quoc_te\x1F\"*", "\"tha\"*",
      "\"viet_nam\x1F\"* NOT \"bong_da\x1F\"*"};
  int total[8];
  for (int pass = 0; pass < 2; pass++) {
    /* pass 0: no cache (xColumnSize); pass 1: lengths from the cache */
    if (pass == 1) {
      hoso_error err;
      assert_int_equal(hoso__sq_dsz_refresh(&s, &err), HOSO_OK);
      assert_true(s.cache.dsz_max > 300);
      assert_true(s.cache.dsz[1] > 0);
    }
    for (int i = 0; i < 8; i++) {
      int n = compare(&s, qs[i]);
      if (pass == 0) total[i] = n;
      assert_int_equal(n, total[i]);
    }
  }
  assert_true(total[0] > 10); /* the comparisons saw real rows */
  assert_true(total[2] > 0 && total[2] < total[0]);
  free(s.cache.dsz);
  sqlite3_close(s.db);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(same_as_bm25, setup, teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
