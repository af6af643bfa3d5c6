/* test_snippet.c -- a text's snippet table (hoso__snip_text_new) gives
** exactly hoso__snippet's snippets for any query: short texts (words)
** and long ones (stage 1's syllables), exact and prefix words, no hit,
** with and without a segmenter; the table cache (src/search/snipcache.c)
** keeps, evicts within its bound and drops everything on a new archive
** state; a long text's region (hoso__snippet_region) gives the same
** snippet from its kept words, the cache keeps those from a region's
** second request; and through an archive, a repeated search gives the same JSON
** from kept tables, and tables are made again after an ingest. Texts
** from the bundled sample (demo/sample). */
#include <jansson.h>
#include <stdio.h>
#include <unistd.h>

#include "testutil.h"

#include "base/base.h"
#include "search/snipcache.h"
#include "search/snippet.h"
#include "search/words.h"
#include "store/sqlite_int.h"

#define MAX_TEXTS 64

typedef struct texts {
  char *p[MAX_TEXTS];
  size_t n[MAX_TEXTS];
  size_t count;
} texts;

/* The "text" of the sample's first lines, and a long text made of them. */
static void load_texts(texts *t) {
  size_t len;
  char *all = test_read_file("demo/sample/vntc-sample.jsonl", &len);
  t->count = 0;
  char *line = all;
  hoso_buf big;
  hoso__buf_init(&big, 0);
  while (line < all + len && t->count < MAX_TEXTS - 1) {
    char *nl = memchr(line, '\n', (size_t)(all + len - line));
    size_t ln = nl ? (size_t)(nl - line) : (size_t)(all + len - line);
    json_error_t je;
    json_t *o = json_loadb(line, ln, 0, &je);
    assert_non_null(o);
    const char *s = json_string_value(json_object_get(o, "text"));
    assert_non_null(s);
    t->n[t->count] = strlen(s);
    t->p[t->count] = strdup(s);
    assert_non_null(t->p[t->count]);
    if (t->count < 6) assert_int_equal(hoso__buf_adds(&big, s), HOSO_OK);
    t->count++;
    json_decref(o);
    line = nl ? nl + 1 : all + len;
  }
  assert_true(big.n > 4096);
  t->n[t->count] = big.n;
  t->p[t->count++] = hoso__buf_take(&big);
  free(all);
}

static void free_texts(texts *t) {
  for (size_t i = 0; i < t->count; i++) free(t->p[i]);
}

typedef struct pick {
  size_t want[3], seen;
  hoso_buf *terms;
} pick;

/* The folds of the text's words number want[0..2] become query words. */
static int on_pick(void *ctx, const char *fold, size_t fold_n, const char *exact,
                   size_t exact_n, size_t start, size_t end) {
  pick *p = ctx;
  (void)exact;
  (void)exact_n;
  (void)start;
  (void)end;
  for (int k = 0; k < 3; k++)
    if (p->seen == p->want[k]) {
      if (hoso__buf_add(p->terms, fold, fold_n) || hoso__buf_addc(p->terms, 0))
        return HOSO_ENOMEM;
    }
  p->seen++;
  return 0;
}

static void assert_same(const hoso_snippet *a, const hoso_snippet *b) {
  assert_int_equal(a->start, b->start);
  assert_int_equal(a->end, b->end);
  assert_int_equal(a->n_hl, b->n_hl);
  for (size_t i = 0; i < 2 * a->n_hl; i++) assert_int_equal(a->hl[i], b->hl[i]);
}

/* Every text x several queries: table-made snippet == hoso__snippet. */
static void check_all(hoso_words *w, const texts *t, size_t *long_seen,
                      size_t *regions_seen) {
  for (size_t i = 0; i < t->count; i++) {
    hoso_snip_text *tab;
    assert_int_equal(hoso__snip_text_new(w, t->p[i], t->n[i], &tab), HOSO_OK);
    assert_non_null(tab);
    assert_true(hoso__snip_text_bytes(tab) > 0);
    if (t->n[i] >= 2048) (*long_seen)++;
    for (int q = 0; q < 6; q++) {
      hoso_buf terms;
      hoso__buf_init(&terms, 0);
      pick p = {{(size_t)q * 7, (size_t)q * 13 + 5, (size_t)q * 31 + 40}, 0, &terms};
      if (q == 4) { /* nothing in the text */
        assert_int_equal(hoso__buf_add(&terms, "zzqx_vvq", 9), HOSO_OK);
      } else {
        assert_int_equal(hoso__words_scan(w, t->p[i], t->n[i], on_pick, &p), HOSO_OK);
      }
      if (q == 5 && terms.n > 2) { /* a prefix word: its first two bytes */
        char pre[4] = {terms.p[0], terms.p[1], '*', 0};
        assert_int_equal(hoso__buf_add(&terms, pre, 4), HOSO_OK);
      }
      hoso_snippet a, b;
      assert_int_equal(hoso__snippet(w, t->p[i], t->n[i], terms.p ? terms.p : "", terms.n, &a),
                       HOSO_OK);
      assert_int_equal(
          hoso__snippet_with(w, tab, t->p[i], t->n[i], terms.p ? terms.p : "", terms.n, &b),
          HOSO_OK);
      assert_same(&a, &b);
      if (q < 4 && terms.n) assert_true(a.n_hl > 0); /* the picked words light up */
      hoso__snippet_free(&b);
      /* a long text's region: its kept word table gives the same snippet
      ** (and so do no table, and a table of another length) */
      int use;
      size_t ra, rb;
      assert_int_equal(hoso__snippet_region(w, tab, t->n[i], terms.p ? terms.p : "", terms.n,
                                            &use, &ra, &rb),
                       HOSO_OK);
      int prefix = q == 5 && terms.n > 4;
      assert_int_equal(use, t->n[i] >= 2048 && hoso__words_segmenter(w) && !prefix);
      if (use) {
        (*regions_seen)++;
        assert_true(ra < rb && rb <= t->n[i]);
        hoso_snip_text *rt;
        assert_int_equal(hoso__snip_words_new(w, t->p[i] + ra, rb - ra, &rt), HOSO_OK);
        assert_non_null(rt);
        const hoso_snip_text *tabs[3] = {rt, NULL, tab};
        for (int k = 0; k < 3; k++) {
          assert_int_equal(hoso__snippet_in_region(w, tabs[k], t->p[i], ra, rb,
                                                   terms.p ? terms.p : "", terms.n, &b),
                           HOSO_OK);
          assert_same(&a, &b);
          hoso__snippet_free(&b);
        }
        hoso__snip_text_free(rt);
      }
      hoso__snippet_free(&a);
      /* a table of another text length is not used: still the same */
      assert_int_equal(hoso__snippet_with(w, tab, t->p[i], t->n[i] / 2, terms.p ? terms.p : "",
                                          terms.n, &b),
                       HOSO_OK);
      assert_int_equal(hoso__snippet(w, t->p[i], t->n[i] / 2, terms.p ? terms.p : "", terms.n, &a),
                       HOSO_OK);
      assert_same(&a, &b);
      hoso__snippet_free(&a);
      hoso__snippet_free(&b);
      hoso__buf_free(&terms);
    }
    hoso__snip_text_free(tab);
  }
}

static void tables_give_the_same_snippets(void **state) {
  (void)state;
  texts t;
  load_texts(&t);
  hoso_words *w;
  assert_int_equal(hoso__words_new(&w), HOSO_OK);
  size_t long_seen = 0, regions = 0;
  check_all(w, &t, &long_seen, &regions); /* syllables as words, any length */
  assert_int_equal(regions, 0);            /* (no segmenter: no regions) */
  hoso_vi *vi;
  hoso_error err;
  assert_int_equal(hoso_vi_open(NULL, 0, &vi, &err), HOSO_OK);
  assert_int_equal(hoso__words_use_segmenter(w, vi), HOSO_OK);
  long_seen = 0;
  check_all(w, &t, &long_seen, &regions); /* words; long texts by stage 1 */
  assert_true(long_seen >= 1);
  assert_true(regions >= 4 * long_seen);
  hoso__words_free(w);
  hoso_vi_close(vi);
  free_texts(&t);
}

static void cache_keeps_evicts_and_drops(void **state) {
  (void)state;
  texts t;
  load_texts(&t);
  hoso_words *w;
  assert_int_equal(hoso__words_new(&w), HOSO_OK);
  hoso_snipcache *c;
  assert_int_equal(hoso__snipcache_new(1 << 20, &c), HOSO_OK);
  hoso__snipcache_sync(c, 1, 0);
  uint64_t hits, made;
  const hoso_snip_text *a, *b;
  assert_int_equal(hoso__snipcache_get(c, w, 7, t.p[0], t.n[0], &a), HOSO_OK);
  assert_int_equal(hoso__snipcache_get(c, w, 7, t.p[0], t.n[0], &b), HOSO_OK);
  assert_ptr_equal(a, b);
  hoso__snipcache_counts(c, &hits, &made);
  assert_int_equal(hits, 1);
  assert_int_equal(made, 1);
  hoso__snipcache_sync(c, 1, 0); /* same state: kept */
  assert_int_equal(hoso__snipcache_get(c, w, 7, t.p[0], t.n[0], &b), HOSO_OK);
  hoso__snipcache_counts(c, &hits, &made);
  assert_int_equal(made, 1);
  /* a region's words: an entry of its own, kept by range from its
  ** second request (the first only marks it) */
  const hoso_snip_text *r1, *r2;
  size_t half = t.n[0] / 2;
  assert_int_equal(hoso__snipcache_region(c, w, 7, t.p[0], 0, half, &r1), HOSO_OK);
  assert_null(r1);
  hoso__snipcache_counts(c, &hits, &made);
  assert_int_equal(made, 1);
  assert_int_equal(hoso__snipcache_region(c, w, 7, t.p[0], 0, half, &r1), HOSO_OK);
  assert_non_null(r1);
  assert_true(r1 != b);
  assert_int_equal(hoso__snipcache_region(c, w, 7, t.p[0], 0, half, &r2), HOSO_OK);
  assert_ptr_equal(r1, r2);
  assert_int_equal(hoso__snipcache_region(c, w, 7, t.p[0], 1, half, &r2), HOSO_OK);
  assert_null(r2); /* another range: new */
  assert_int_equal(hoso__snipcache_get(c, w, 7, t.p[0], t.n[0], &a), HOSO_OK);
  assert_ptr_equal(a, b); /* the whole text's entry is still its own */
  assert_int_equal(hoso__snipcache_region(c, w, 7, t.p[0], 0, half, &r2), HOSO_OK);
  assert_ptr_equal(r1, r2);
  hoso__snipcache_counts(c, &hits, &made);
  assert_int_equal(made, 2);
  assert_int_equal(hoso__snipcache_region(c, w, 7, t.p[0], half, half - 1, &r2), HOSO_EARG);
  hoso__snipcache_sync(c, 2, 0); /* the archive changed: made again */
  assert_int_equal(hoso__snipcache_get(c, w, 7, t.p[0], t.n[0], &b), HOSO_OK);
  assert_int_equal(hoso__snipcache_region(c, w, 7, t.p[0], 0, half, &r2), HOSO_OK);
  assert_null(r2); /* marks dropped too */
  hoso__snipcache_counts(c, &hits, &made);
  assert_int_equal(made, 3);
  hoso__snipcache_free(c);
  /* a small bound: the oldest go, the bound holds, answers stay right */
  size_t one;
  {
    hoso_snip_text *x;
    assert_int_equal(hoso__snip_text_new(w, t.p[1], t.n[1], &x), HOSO_OK);
    one = hoso__snip_text_bytes(x);
    hoso__snip_text_free(x);
  }
  assert_int_equal(hoso__snipcache_new(one * 12, &c), HOSO_OK);
  for (int round = 0; round < 2; round++)
    for (size_t i = 0; i + 1 < t.count; i++) {
      assert_int_equal(hoso__snipcache_get(c, w, (int64_t)i, t.p[i], t.n[i], &a), HOSO_OK);
      hoso_snippet x, y;
      assert_int_equal(hoso__snippet_with(w, a, t.p[i], t.n[i], "nam\0", 4, &x), HOSO_OK);
      assert_int_equal(hoso__snippet(w, t.p[i], t.n[i], "nam\0", 4, &y), HOSO_OK);
      assert_same(&x, &y);
      hoso__snippet_free(&x);
      hoso__snippet_free(&y);
    }
  hoso__snipcache_counts(c, &hits, &made);
  assert_true(made > t.count - 1);       /* some were pushed out and made again */
  assert_true(hits + made == 2 * (t.count - 1));
  hoso__snipcache_free(c);
  /* a bound of 0 keeps nothing but still hands out tables */
  assert_int_equal(hoso__snipcache_new(0, &c), HOSO_OK);
  assert_int_equal(hoso__snipcache_get(c, w, 1, t.p[0], t.n[0], &a), HOSO_OK);
  assert_non_null(a);
  assert_int_equal(hoso__snipcache_get(c, w, 1, t.p[0], t.n[0], &a), HOSO_OK);
  hoso__snipcache_counts(c, &hits, &made);
  assert_int_equal(hits, 0);
  assert_int_equal(made, 2);
  hoso__snipcache_free(c);
  hoso__words_free(w);
  free_texts(&t);
}

/* ---- through an archive ---- */

static char g_db[256], g_in[256];

static void cleanup_db(void) {
  test_unlink_db(g_db);
}

static void ingest_lines(hoso_archive *ar, size_t from, size_t to) {
  size_t len;
  char *all = test_read_file("demo/sample/vntc-sample.jsonl", &len);
  size_t a = 0, line = 0;
  while (a < len && line < from)
    if (all[a++] == '\n') line++;
  size_t b = a;
  while (b < len && line < to)
    if (all[b++] == '\n') line++;
  FILE *f = fopen(g_in, "w");
  assert_non_null(f);
  assert_int_equal(fwrite(all + a, 1, b - a, f), b - a);
  assert_int_equal(fclose(f), 0);
  free(all);
  test_ingest_path(ar, g_in, HOSO_INGEST_NO_ANALYSIS, NULL);
}

static char *search(hoso_archive *ar, const char *q) { return test_search(ar, q, 10); }

static void archive_searches_use_kept_tables(void **state) {
  (void)state;
  snprintf(g_db, sizeof(g_db), "build/test_snippet_%d.db", (int)getpid());
  snprintf(g_in, sizeof(g_in), "build/test_snippet_%d.jsonl", (int)getpid());
  cleanup_db();
  hoso_archive *ar;
  hoso_error err;
  assert_int_equal(hoso_archive_open(g_db, HOSO_ARCHIVE_CREATE, &ar, &err), HOSO_OK);
  ingest_lines(ar, 0, 40);
  sq_store *s = (sq_store *)hoso__archive_store(ar);
  static const char *const qs[] = {"thí sinh", "cong nghe", "thành phố", "Việt Nam OR Hà Nội",
                                   "nghề*", "\"công nghệ thông tin\""};
  char *first[6];
  uint64_t hits0, made0, hits1, made1;
  for (int i = 0; i < 6; i++) first[i] = search(ar, qs[i]);
  hoso__snipcache_counts(s->snips, &hits0, &made0);
  assert_true(made0 > 0);
  /* twice more: the second time long texts' regions get their word
  ** tables, the third time every table is kept */
  for (int round = 0; round < 2; round++) {
    for (int i = 0; i < 6; i++) {
      char *again = search(ar, qs[i]);
      assert_string_equal(first[i], again); /* kept tables: the same answer */
      hoso_free(again);
    }
    hoso__snipcache_counts(s->snips, &hits1, &made1);
    if (round == 1) assert_int_equal(made1, made0);
    assert_true(hits1 > hits0);
    hits0 = hits1;
    made0 = made1;
  }
  /* an ingest through the same handle: the tables are made again */
  ingest_lines(ar, 40, 60);
  char *after = search(ar, qs[0]);
  hoso__snipcache_counts(s->snips, &hits0, &made0);
  assert_true(made0 > made1);
  hoso_free(after);
  for (int i = 0; i < 6; i++) hoso_free(first[i]);
  hoso_archive_close(ar);
  cleanup_db();
  unlink(g_in);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(tables_give_the_same_snippets),
      cmocka_unit_test(cache_keeps_evicts_and_drops),
      cmocka_unit_test(archive_searches_use_kept_tables),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
