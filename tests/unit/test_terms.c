/* test_terms.c -- the search's cached doclists (src/store/sqlite_terms.c)
** answer exactly as FTS5 does: the same JSON for words, toneless words,
** OR, exclusions, phrases and prefixes (those two still through FTS5),
** under several option sets; repeated searches read no doclist again; and
** the cache follows the archive when it changes, through the same handle
** and through another one. Uses in-repo text (demo/sample). */
#include <stdio.h>
#include <unistd.h>

#include "testutil.h"

#include "base/base.h"
#include "search/words.h"
#include "store/sqlite_int.h"

static char g_db[256], g_in[256];

static void cleanup_db(void) {
  test_unlink_db(g_db);
}

/* The first n articles of the bundled sample, ingested into a new archive. */
static hoso_archive *make_archive(size_t n) {
  size_t len;
  char *all = test_read_file("demo/sample/vntc-sample.jsonl", &len);
  assert_non_null(all);
  size_t cut = 0, lines = 0;
  while (cut < len && lines < n)
    if (all[cut++] == '\n') lines++;
  FILE *f = fopen(g_in, "w");
  assert_non_null(f);
  assert_int_equal(fwrite(all, 1, cut, f), cut);
  assert_int_equal(fclose(f), 0);
  free(all);
  hoso_archive *ar;
  hoso_error err;
  cleanup_db();
  assert_int_equal(hoso_archive_open(g_db, HOSO_ARCHIVE_CREATE, &ar, &err), HOSO_OK);
  hoso_ingest_stats st;
  test_ingest_path(ar, g_in, HOSO_INGEST_NO_ANALYSIS, &st);
  assert_true(st.added >= n / 2);
  return ar;
}

static char *search(hoso_archive *ar, const char *q, int64_t offset, int64_t limit,
                    unsigned flags) {
  hoso_query hq = {0};
  hq.q = q;
  hq.q_n = strlen(q);
  hq.offset = offset;
  hq.limit = limit;
  hq.flags = flags;
  char *json = NULL;
  hoso_error err;
  int rc = hoso_search(ar, &hq, &json, NULL, &err);
  if (rc) fail_msg("search '%s': %s", q, err.message);
  return json;
}

static long total_of(const char *json) {
  const char *p = strstr(json, "\"total\":");
  assert_non_null(p);
  return strtol(p + 8, NULL, 10);
}

static sq_store *store_of(hoso_archive *ar) { return (sq_store *)hoso__archive_store(ar); }

static const char *const queries[] = {
    "thí sinh", "thi sinh", "công nghệ", "cong nghe", "nghề", "thành phố",
    "thanh pho Việt Nam", "Việt Nam OR Hà Nội", "viet nam OR ha noi OR tphcm",
    "năm -thi", "người dân -công nghệ -nghe", "của", "cua nam ngay",
    "\"công nghệ thông tin\"", "công*", "kinh tế OR xã hội", "khong co gi xyzq",
    "quốc tế (hợp tác OR đầu tư)", "trường"};

static void test_same_as_fts5(void **state) {
  (void)state;
  hoso_archive *ar = make_archive(60);
  sq_store *s = store_of(ar);
  static const struct {
    int64_t offset, limit;
    unsigned flags;
  } opts[] = {{0, 10, 0},
              {0, 10, HOSO_Q_ARTICLES},
              {3, 200, HOSO_Q_NO_FACETS},
              {0, 10, HOSO_Q_FRESHNESS | HOSO_Q_SOURCES}};
  size_t nq = sizeof(queries) / sizeof(queries[0]);
  long nonzero = 0;
  for (size_t i = 0; i < nq; i++)
    for (size_t k = 0; k < sizeof(opts) / sizeof(opts[0]); k++) {
      assert_int_equal(hoso__sq_terms_enable(s, 0), HOSO_OK);
      char *want = search(ar, queries[i], opts[k].offset, opts[k].limit, opts[k].flags);
      assert_int_equal(hoso__sq_terms_enable(s, 1), HOSO_OK);
      char *got = search(ar, queries[i], opts[k].offset, opts[k].limit, opts[k].flags);
      if (strcmp(want, got))
        fail_msg("'%s' (options %zu) differs:\nFTS5:  %.600s\nterms: %.600s", queries[i],
                 k, want, got);
      nonzero += total_of(got) > 0;
      hoso_free(want);
      hoso_free(got);
    }
  assert_true(nonzero >= (long)(nq * 4 * 3 / 4)); /* the queries do find things */
  /* repeated: no doclist read again */
  uint64_t l0, h0, l1, h1;
  hoso__sq_terms_counts(s, &l0, &h0);
  assert_true(l0 > 0);
  for (size_t i = 0; i < nq; i++) hoso_free(search(ar, queries[i], 0, 10, 0));
  hoso__sq_terms_counts(s, &l1, &h1);
  assert_int_equal(l1, l0);
  assert_true(h1 > h0);
  hoso_archive_close(ar);
  cleanup_db();
}

static void add_text(hoso_archive *ar, const char *text) {
  hoso_ingest *ing;
  hoso_error err;
  hoso_ingest_options o = {1, 0, NULL, NULL, HOSO_INGEST_NO_ANALYSIS, 0};
  assert_int_equal(hoso_ingest_open(ar, &o, &ing, &err), HOSO_OK);
  hoso_document d = {0};
  d.data = text;
  d.n = strlen(text);
  d.is_text = 1;
  d.origin = "test";
  assert_int_equal(hoso_ingest_document(ing, &d, &err), HOSO_OK);
  hoso_ingest_stats st;
  assert_int_equal(hoso_ingest_finish(ing, &st, &err), HOSO_OK);
  hoso_ingest_close(ing);
  assert_int_equal(st.added, 1);
}

static void test_follows_changes(void **state) {
  (void)state;
  hoso_archive *ar = make_archive(20);
  hoso_archive *other;
  hoso_error err;
  assert_int_equal(hoso_archive_open(g_db, HOSO_ARCHIVE_READONLY, &other, &err), HOSO_OK);
  const char *q = "Zorbanu thí sinh";
  char *a = search(ar, q, 0, 10, 0), *b = search(other, q, 0, 10, 0);
  assert_int_equal(total_of(a), 0); /* the empty doclist is cached now */
  assert_int_equal(total_of(b), 0);
  char *c = search(ar, "thí sinh", 0, 10, 0);
  long before = total_of(c);
  hoso_free(c);
  hoso_free(a);
  hoso_free(b);
  add_text(ar, "Zorbanu gặp thí sinh\nZorbanu đã gặp các thí sinh dự thi tay nghề "
               "trẻ tại thành phố trong ngày hội.");
  a = search(ar, q, 0, 10, 0);     /* the writing handle */
  b = search(other, q, 0, 10, 0);  /* another connection */
  assert_int_equal(total_of(a), 1);
  assert_int_equal(total_of(b), 1);
  assert_string_equal(a, b);
  hoso_free(a);
  hoso_free(b);
  a = search(other, "thí sinh", 0, 10, 0);
  assert_int_equal(total_of(a), before + 1);
  hoso_free(a);
  /* and the same answer as FTS5 after the change */
  sq_store *s = store_of(other);
  for (size_t i = 0; i < sizeof(queries) / sizeof(queries[0]); i++) {
    assert_int_equal(hoso__sq_terms_enable(s, 0), HOSO_OK);
    char *want = search(other, queries[i], 0, 50, 0);
    assert_int_equal(hoso__sq_terms_enable(s, 1), HOSO_OK);
    char *got = search(other, queries[i], 0, 50, 0);
    assert_string_equal(want, got);
    hoso_free(want);
    hoso_free(got);
  }
  hoso_archive_close(other);
  hoso_archive_close(ar);
  cleanup_db();
}

/* hoso__words_syllable_hashes (the snippet's first pass) gives the spans
** of hoso__words_scan without a segmenter and the FNV-1a hash of each
** one's fold, also when a text repeats its syllables (the table) and for
** syllables too long for it. */
typedef struct spans {
  uint64_t h[512];
  size_t a[512], b[512], n;
} spans;

static uint64_t fnv64(const char *s, size_t n) {
  uint64_t h = 1469598103934665603ull;
  for (size_t i = 0; i < n; i++) h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
  return h;
}

static int on_scan(void *ctx, const char *fold, size_t fold_n, const char *exact,
                   size_t exact_n, size_t start, size_t end) {
  spans *s = ctx;
  (void)exact;
  (void)exact_n;
  if (s->n == 512) return 1;
  s->h[s->n] = fnv64(fold, fold_n);
  s->a[s->n] = start;
  s->b[s->n++] = end;
  return 0;
}

static int on_hash(void *ctx, uint64_t h, size_t start, size_t end) {
  spans *s = ctx;
  if (s->n == 512) return 1;
  s->h[s->n] = h;
  s->a[s->n] = start;
  s->b[s->n++] = end;
  return 0;
}

/* the same for any number of syllables: (hash, start, end) triples */
static int on_scan_all(void *ctx, const char *fold, size_t fold_n, const char *exact,
                       size_t exact_n, size_t start, size_t end) {
  (void)exact;
  (void)exact_n;
  uint64_t e[3] = {fnv64(fold, fold_n), start, end};
  return hoso__buf_add(ctx, (const char *)e, sizeof(e));
}

typedef struct cmp_all {
  const uint64_t *ref;
  size_t n, i;
  int bad;
} cmp_all;

static int on_hash_cmp(void *ctx, uint64_t h, size_t start, size_t end) {
  cmp_all *c = ctx;
  if (c->i >= c->n) return 1;
  const uint64_t *e = c->ref + 3 * c->i++;
  if (e[0] != h || e[1] != start || e[2] != end) c->bad = 1;
  return 0;
}

static void test_syllable_hashes(void **state) {
  (void)state;
  const char *text = "Bộ trưởng Quốc phòng HOÀ hòa hoà, ĐỒNG đồng-dong! Москва "
                     "Việt Nam... quốc phòng Quốc Phòng "
                     "Siêudàiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiii 2025 ½ x";
  hoso_words *w;
  assert_int_equal(hoso__words_new(&w), HOSO_OK);
  spans *x = calloc(1, sizeof(*x)), *y = calloc(1, sizeof(*y));
  assert_non_null(x);
  assert_non_null(y);
  assert_int_equal(hoso__words_scan(w, text, strlen(text), on_scan, x), HOSO_OK);
  for (int round = 0; round < 2; round++) { /* the second from the table */
    y->n = 0;
    assert_int_equal(hoso__words_syllable_hashes(w, text, strlen(text), on_hash, y), HOSO_OK);
    assert_int_equal(y->n, x->n);
    for (size_t i = 0; i < x->n; i++) {
      assert_true(x->h[i] == y->h[i]);
      assert_int_equal(x->a[i], y->a[i]);
      assert_int_equal(x->b[i], y->b[i]);
    }
  }
  assert_true(x->n > 15);
  assert_true(x->h[2] == x->h[15]); /* "Quốc" and "quốc" fold alike */
  /* syllables of 1 to 30 bytes (the table keeps up to 24), ASCII and
  ** two-byte letters, pairs that differ in their last byte only, more of
  ** them than a batch of lookups, each twice, and texts ending with each
  ** length (fewer bytes left than a key) */
  hoso_buf t;
  hoso__buf_init(&t, 0);
  for (int rep = 0; rep < 2; rep++)
    for (int len = 1; len <= 30; len++) {
      for (int v = 0; v < 2; v++) { /* the same but for the last letter */
        for (int k = 0; k < len; k++)
          assert_int_equal(hoso__buf_addc(&t, (char)(v && k == len - 1 ? 'z' : 'a' + k % 7)), HOSO_OK);
        assert_int_equal(hoso__buf_adds(&t, len % 3 ? " " : ", "), HOSO_OK);
      }
      for (int k = 0; k < len / 2; k++) assert_int_equal(hoso__buf_adds(&t, k % 2 ? "đ" : "Ư"), HOSO_OK);
      assert_int_equal(hoso__buf_adds(&t, "\n"), HOSO_OK);
    }
  for (size_t cut = t.n; cut > t.n - 40; cut--) {
    hoso_words *fresh;
    assert_int_equal(hoso__words_new(&fresh), HOSO_OK);
    x->n = 0;
    assert_int_equal(hoso__words_scan(fresh, t.p, cut, on_scan, x), HOSO_OK);
    assert_true(x->n > 60);
    for (int round = 0; round < 2; round++) {
      y->n = 0;
      assert_int_equal(hoso__words_syllable_hashes(fresh, t.p, cut, on_hash, y), HOSO_OK);
      assert_int_equal(y->n, x->n);
      for (size_t i = 0; i < x->n; i++) {
        assert_true(x->h[i] == y->h[i]);
        assert_int_equal(x->a[i], y->a[i]);
        assert_int_equal(x->b[i], y->b[i]);
      }
    }
    hoso__words_free(fresh);
  }
  /* more distinct syllables than the table has slots, of 17 to 24 bytes
  ** that share their first 16 (slots are shared: a lookup must compare
  ** every byte of the key) */
  hoso__buf_reset(&t);
  for (unsigned i = 0; i < 30000; i++) {
    char syl[40];
    unsigned v = i;
    int k = snprintf(syl, sizeof(syl), "abcdefghabcdefgh");
    do {
      syl[k++] = (char)('a' + v % 26);
      v /= 26;
    } while (v && k < 24);
    syl[k++] = ' ';
    assert_int_equal(hoso__buf_add(&t, syl, (size_t)k), HOSO_OK);
  }
  hoso_buf ref;
  hoso__buf_init(&ref, 0);
  assert_int_equal(hoso__words_scan(w, t.p, t.n, on_scan_all, &ref), HOSO_OK);
  for (int round = 0; round < 2; round++) {
    cmp_all c = {(const uint64_t *)ref.p, ref.n / (3 * sizeof(uint64_t)), 0, 0};
    assert_int_equal(hoso__words_syllable_hashes(w, t.p, t.n, on_hash_cmp, &c), HOSO_OK);
    assert_int_equal(c.i, c.n);
    assert_int_equal(c.n, 30000);
    assert_false(c.bad);
  }
  hoso__buf_free(&ref);
  hoso__buf_free(&t);
  free(x);
  free(y);
  hoso__words_free(w);
}

int main(void) {
  snprintf(g_db, sizeof(g_db), "/tmp/hoso-test-terms-%d.db", (int)getpid());
  snprintf(g_in, sizeof(g_in), "/tmp/hoso-test-terms-%d.jsonl", (int)getpid());
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_same_as_fts5),
      cmocka_unit_test(test_follows_changes),
      cmocka_unit_test(test_syllable_hashes),
  };
  int r = cmocka_run_group_tests(tests, NULL, NULL);
  unlink(g_in);
  cleanup_db();
  return r;
}
