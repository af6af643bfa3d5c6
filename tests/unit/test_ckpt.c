/* test_ckpt.c -- WAL checkpoints off the writer's thread (src/store/
** sqlite_ckpt.c): once a commit leaves the WAL over the threshold, the
** handle's thread checkpoints it; the next commit copies the rest on the
** writer's connection, so the WAL restarts and stays bounded; every row
** committed is there after the close, and the archive passes its check. */
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "testutil.h"

#include "store/sqlite_int.h"

static char path[256];

static sq_store *store_of(hoso_archive *ar) { return (sq_store *)hoso__archive_store(ar); }

static int setup(void **state) {
  snprintf(path, sizeof(path), "/tmp/hoso-test-ckpt-%d.db", (int)getpid());
  test_unlink_db(path);
  *state = NULL;
  return 0;
}

static int teardown(void **state) {
  (void)state;
  test_unlink_db(path);
  return 0;
}

/* articles [from, to] of one story, each with ~2 KB of text: ~40 pages of
** 16 KiB per 300 */
static void add_articles(sq_store *s, int64_t from, int64_t to) {
  char sql[512];
  snprintf(sql, sizeof(sql),
           "INSERT OR IGNORE INTO story(id) VALUES(1);"
           "WITH RECURSIVE n(i) AS (SELECT %lld UNION ALL SELECT i+1 FROM n WHERE i<%lld)"
           " INSERT INTO article(id, story_id, content_hash, added, text, minhash)"
           " SELECT i, 1, 'h'||i, 'now', printf('%%.2000c', 'x')||i, x'' FROM n",
           (long long)from, (long long)to);
  assert_int_equal(sqlite3_exec(s->db, sql, NULL, NULL, NULL), SQLITE_OK);
}

static off_t wal_size(void) {
  char wal[300];
  snprintf(wal, sizeof(wal), "%s-wal", path);
  struct stat sb;
  return stat(wal, &sb) == 0 ? sb.st_size : 0;
}

/* wait (at most 20 s) until the thread has run n checkpoints */
static void wait_thread(sq_store *s, int64_t n) {
  for (int i = 0; i < 2000; i++) {
    int64_t t, tail, fr;
    assert_int_equal(hoso__sq_ckpt_counts(s, &t, &tail, &fr), 0);
    if (t >= n) return;
    struct timespec ts = {0, 10 * 1000 * 1000};
    nanosleep(&ts, NULL);
  }
  fail_msg("the checkpoint thread did not run %lld checkpoints", (long long)n);
}

static void checkpoints_off_the_writer(void **state) {
  (void)state;
  hoso_archive *ar;
  hoso_error err;
  assert_int_equal(hoso_archive_open(path, HOSO_ARCHIVE_CREATE, &ar, &err), HOSO_OK);
  sq_store *s = store_of(ar);
  int64_t t, tail, fr;
  assert_int_equal(hoso__sq_ckpt_counts(s, &t, &tail, &fr), -1); /* no thread before a batch */
  hoso__sq_ckpt_start(s, 16); /* 16 pages: every batch below passes it */
  assert_int_equal(hoso__sq_ckpt_counts(s, &t, &tail, &fr), 0);
  assert_int_equal(t + tail, 0);

  /* batch 1 passes the threshold: the thread checkpoints, not the commit */
  assert_int_equal(s->base.vt->begin(&s->base, &err), HOSO_OK);
  add_articles(s, 1, 300);
  assert_int_equal(s->base.vt->commit(&s->base, &err), HOSO_OK);
  wait_thread(s, 1);
  assert_int_equal(hoso__sq_ckpt_counts(s, &t, &tail, &fr), 0);
  assert_int_equal(tail, 0);
  assert_true(fr >= 16); /* the thread copied the batch's frames */
  int64_t fr1 = fr;
  off_t first = wal_size();
  assert_true(first > 16 * 16384);

  /* batch 2: its commit copies the rest itself (the thread is idle) */
  assert_int_equal(s->base.vt->begin(&s->base, &err), HOSO_OK);
  add_articles(s, 301, 600);
  assert_int_equal(s->base.vt->commit(&s->base, &err), HOSO_OK);
  assert_int_equal(hoso__sq_ckpt_counts(s, &t, &tail, &fr), 0);
  assert_int_equal(tail, 1);

  /* so the WAL restarts: 20 more batches, the same cycle, the file no
  ** longer than about two batches' frames (without restarts: 22) */
  for (int64_t b = 0; b < 20; b++) {
    int64_t t0, tail0;
    assert_int_equal(hoso__sq_ckpt_counts(s, &t0, &tail0, &fr), 0);
    assert_int_equal(s->base.vt->begin(&s->base, &err), HOSO_OK);
    add_articles(s, 601 + 300 * b, 900 + 300 * b);
    assert_int_equal(s->base.vt->commit(&s->base, &err), HOSO_OK);
    assert_int_equal(hoso__sq_ckpt_counts(s, &t, &tail, &fr), 0);
    /* the commit either copied the rest or asked the thread: then wait */
    if (tail == tail0) wait_thread(s, t0 + 1);
  }
  assert_int_equal(hoso__sq_ckpt_counts(s, &t, &tail, &fr), 0);
  assert_int_equal(t, 11); /* batches 1, 3, 5, ... */
  assert_true(fr >= 11 * fr1 / 2); /* each copied about a batch's frames */
  assert_int_equal(tail, 11); /* batches 2, 4, 6, ... */
  assert_true(wal_size() <= 3 * first);
  hoso_archive_close(ar);

  /* every row is there, and the archive is whole */
  assert_int_equal(hoso_archive_open(path, 0, &ar, &err), HOSO_OK);
  sqlite3_stmt *q;
  assert_int_equal(sqlite3_prepare_v2(store_of(ar)->db,
                                      "SELECT count(*), sum(length(text)) FROM article", -1,
                                      &q, NULL),
                   SQLITE_OK);
  assert_int_equal(sqlite3_step(q), SQLITE_ROW);
  assert_int_equal(sqlite3_column_int64(q, 0), 6600);
  assert_true(sqlite3_column_int64(q, 1) > 6600 * 2000);
  sqlite3_finalize(q);
  assert_int_equal(sqlite3_prepare_v2(store_of(ar)->db, "PRAGMA integrity_check", -1, &q, NULL),
                   SQLITE_OK);
  assert_int_equal(sqlite3_step(q), SQLITE_ROW);
  assert_string_equal((const char *)sqlite3_column_text(q, 0), "ok");
  sqlite3_finalize(q);
  hoso_archive_close(ar);
  /* the close checkpointed everything: no WAL left */
  assert_int_equal(wal_size(), 0);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(checkpoints_off_the_writer, setup, teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
