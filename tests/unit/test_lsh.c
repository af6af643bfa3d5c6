/* test_lsh.c -- the writer's LSH bands in memory (src/store/sqlite_lsh.c)
** answer as the SQL lookup did: per band, the ids sharing it, lowest
** first, at most 64, each id once; through the table's growth, rows
** added by another handle, and a rollback. */
#include <unistd.h>

#include "testutil.h"

#include "store/minhash.h"
#include "store/sqlite_int.h"

static char path[256];

static sq_store *store_of(hoso_archive *ar) { return (sq_store *)hoso__archive_store(ar); }

static hoso_archive *open_ar(void) {
  hoso_archive *ar;
  hoso_error err;
  assert_int_equal(hoso_archive_open(path, HOSO_ARCHIVE_CREATE, &ar, &err), HOSO_OK);
  return ar;
}

static int setup(void **state) {
  snprintf(path, sizeof(path), "/tmp/hoso-test-lsh-%d.db", (int)getpid());
  test_unlink_db(path);
  *state = NULL;
  return 0;
}

static int teardown(void **state) {
  (void)state;
  test_unlink_db(path);
  return 0;
}

/* bands of article id: band b is "shared" (value 1000 + b) when id is a
** multiple of share, else unique to the article */
static void bands_of(int64_t id, int64_t share, int64_t *bands) {
  for (int b = 0; b < HOSO_LSH_BANDS; b++)
    bands[b] = share && id % share == 0 ? 1000 + b : id * 100 + b + 1000000;
}

/* lsh rows reference articles: add bare article rows first */
static void add_articles(sq_store *s, int64_t from, int64_t to) {
  char sql[256];
  snprintf(sql, sizeof(sql),
           "INSERT OR IGNORE INTO story(id) VALUES(1);"
           "WITH RECURSIVE n(i) AS (SELECT %lld UNION ALL SELECT i+1 FROM n WHERE i<%lld)"
           " INSERT INTO article(id, story_id, content_hash, added, text, minhash)"
           " SELECT i, 1, 'h'||i, 'now', '', x'' FROM n",
           (long long)from, (long long)to);
  assert_int_equal(sqlite3_exec(s->db, sql, NULL, NULL, NULL), SQLITE_OK);
}

static void lookups(void **state) {
  (void)state;
  hoso_archive *ar = open_ar();
  sq_store *s = store_of(ar);
  hoso_error err;
  /* 9,000 articles: 144,000 entries, past several growths of the table */
  assert_int_equal(s->base.vt->begin(&s->base, &err), HOSO_OK);
  add_articles(s, 1, 9000);
  int64_t bands[HOSO_LSH_BANDS], ids[HOSO_LSH_BANDS * 64];
  size_t n;
  for (int64_t id = 1; id <= 9000; id++) {
    bands_of(id, 100, bands);
    if (id == 1) { /* the first lookup loads the (empty) table */
      assert_int_equal(hoso__sq_lsh_find(s, bands, ids, 1024, &n, &err), HOSO_OK);
      assert_int_equal(n, 0);
    }
    assert_int_equal(hoso__sq_lsh_add(s, id, bands, &err), HOSO_OK);
  }
  assert_true(s->lsh.cap >= 144000);
  /* a shared band: 90 articles (100, 200, ...) share all 16 values; each
  ** id once, the 64 lowest, in order */
  bands_of(100, 100, bands);
  assert_int_equal(hoso__sq_lsh_find(s, bands, ids, 1024, &n, &err), HOSO_OK);
  assert_int_equal(n, 64);
  for (size_t i = 0; i < n; i++) assert_int_equal(ids[i], 100 * (int64_t)(i + 1));
  /* a unique article: itself only; an unknown one: nothing */
  bands_of(4321, 100, bands);
  assert_int_equal(hoso__sq_lsh_find(s, bands, ids, 1024, &n, &err), HOSO_OK);
  assert_int_equal(n, 1);
  assert_int_equal(ids[0], 4321);
  bands_of(9999, 100, bands);
  bands[3] = 1000 + 3; /* one shared band */
  assert_int_equal(hoso__sq_lsh_find(s, bands, ids, 1024, &n, &err), HOSO_OK);
  assert_int_equal(n, 64);
  /* the cap on ids is kept */
  bands_of(100, 100, bands);
  assert_int_equal(hoso__sq_lsh_find(s, bands, ids, 10, &n, &err), HOSO_OK);
  assert_int_equal(n, 10);
  assert_int_equal(s->base.vt->commit(&s->base, &err), HOSO_OK);

  /* another handle adds articles: seen at this handle's next batch */
  hoso_archive *other = open_ar();
  sq_store *o = store_of(other);
  assert_int_equal(o->base.vt->begin(&o->base, &err), HOSO_OK);
  add_articles(o, 9001, 9001);
  bands_of(9001, 0, bands);
  assert_int_equal(hoso__sq_lsh_add(o, 9001, bands, &err), HOSO_OK);
  assert_int_equal(o->base.vt->commit(&o->base, &err), HOSO_OK);
  hoso_archive_close(other);
  assert_int_equal(s->base.vt->begin(&s->base, &err), HOSO_OK);
  bands_of(9001, 0, bands);
  assert_int_equal(hoso__sq_lsh_find(s, bands, ids, 1024, &n, &err), HOSO_OK);
  assert_int_equal(n, 1);
  assert_int_equal(ids[0], 9001);
  /* a rolled-back article is forgotten */
  add_articles(s, 9002, 9002);
  bands_of(9002, 0, bands);
  assert_int_equal(hoso__sq_lsh_add(s, 9002, bands, &err), HOSO_OK);
  assert_int_equal(hoso__sq_lsh_find(s, bands, ids, 1024, &n, &err), HOSO_OK);
  assert_int_equal(n, 1);
  s->base.vt->rollback(&s->base);
  assert_int_equal(s->base.vt->begin(&s->base, &err), HOSO_OK);
  assert_int_equal(hoso__sq_lsh_find(s, bands, ids, 1024, &n, &err), HOSO_OK);
  assert_int_equal(n, 0);
  bands_of(300, 100, bands); /* and the rest is loaded again */
  assert_int_equal(hoso__sq_lsh_find(s, bands, ids, 1024, &n, &err), HOSO_OK);
  assert_int_equal(n, 64);
  assert_int_equal(ids[63], 6400);
  s->base.vt->rollback(&s->base);
  hoso_archive_close(ar);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(lookups, setup, teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
