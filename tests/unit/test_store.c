/* test_store.c -- the archive: idempotent ingest, near-duplicate stories,
** toneless and phrase search, exact-diacritic ranking, bad queries,
** read-only archives. Uses only in-repo text (demo/sample seed). */
#include <math.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jansson.h>
#include <sqlite3.h>

#include "testutil.h"

#include "base/base.h"
#include "store/ingest_int.h"
#include "store/sqlite_int.h"

typedef struct fx {
  char path[256];
  hoso_archive *ar;
} fx;

static int setup(void **state) {
  fx *f = calloc(1, sizeof(*f));
  snprintf(f->path, sizeof(f->path), "/tmp/hoso-test-store-%d.db", (int)getpid());
  unlink(f->path);
  *state = f;
  return 0;
}

static int teardown(void **state) {
  fx *f = *state;
  hoso_archive_close(f->ar);
  test_unlink_db(f->path);
  free(f);
  return 0;
}

static hoso_ingest_stats ingest_texts(hoso_archive *ar, const char *const *texts,
                                      const char *const *outlets, size_t n) {
  hoso_ingest *ing;
  hoso_error err;
  hoso_ingest_options o = {2, 0, NULL, NULL, HOSO_INGEST_NO_ANALYSIS, 0};
  assert_int_equal(hoso_ingest_open(ar, &o, &ing, &err), HOSO_OK);
  for (size_t i = 0; i < n; i++) {
    hoso_document d = {0};
    d.data = texts[i];
    d.n = strlen(texts[i]);
    d.is_text = 1;
    d.outlet = outlets ? outlets[i] : NULL;
    d.origin = "test";
    assert_int_equal(hoso_ingest_document(ing, &d, &err), HOSO_OK);
  }
  hoso_ingest_stats st;
  assert_int_equal(hoso_ingest_finish(ing, &st, &err), HOSO_OK);
  hoso_ingest_close(ing);
  return st;
}

/* The answer's JSON text (owned by the caller: hoso_free) for q with at
** most `limit` results, or NULL when hoso_search returned the expected
** error, whose message must say something and leak no SQL. */
static char *search_text(hoso_archive *ar, const char *q, int64_t limit, int expect,
                         size_t *n) {
  hoso_query hq = {0};
  hq.q = q;
  hq.q_n = strlen(q);
  hq.limit = limit;
  char *json = NULL;
  hoso_error err;
  int rc = hoso_search(ar, &hq, &json, n, &err);
  if (rc != expect) fail_msg("search '%.40s': rc %d (%s), want %d", q, rc, err.message, expect);
  if (rc) {
    assert_null(json);
    assert_true(strlen(err.message) > 0);
    assert_null(strstr(err.message, "SQL")); /* no SQL error leaks out */
    return NULL;
  }
  return json;
}

static json_t *search(hoso_archive *ar, const char *q, int expect) {
  size_t n;
  char *json = search_text(ar, q, 100, expect, &n);
  if (!json) return NULL;
  json_t *r = hoso__json_parse(json, n, NULL);
  assert_non_null(r);
  hoso_free(json);
  return r;
}

static const char *result_title(const json_t *r, size_t i) {
  const json_t *res = json_object_get(r, "results");
  if (i >= json_array_size(res)) return "";
  return hoso__json_get_str(json_object_get(json_array_get(res, i), "article"), "title");
}

static const char *const docs[] = {
    "Hợp tác quốc phòng Việt Nam và Liên bang Nga\nHai bên nhất trí tăng cường hợp tác quốc phòng trong đào tạo và công nghiệp.",
    "Bàn ghế mới cho trường học\nTrường mua thêm bàn ghế cho học sinh lớp một năm nay.",
    "Bán hàng qua mạng tăng mạnh\nDoanh nghiệp bán hàng trực tuyến cho biết doanh số tăng.",
    "Hợp tác kinh tế\nHai nước hợp tác về kinh tế; riêng quốc phòng chưa bàn tới trong kỳ họp này.",
};

static const char *article_lang(hoso_archive *ar, int64_t id, char *out, size_t n) {
  char *json = NULL;
  size_t jn;
  hoso_error err;
  assert_int_equal(hoso_article(ar, id, 0, &json, &jn, &err), HOSO_OK);
  json_t *r = hoso__json_parse(json, jn, NULL);
  assert_non_null(r);
  snprintf(out, n, "%s", hoso__json_get_str(r, "lang"));
  json_decref(r);
  hoso_free(json);
  return out;
}

/* Vietnamese is recognised by its letters without the language model;
** accented text of another language (French) is not taken for it, and
** Russian and English still get their languages. */
static void language_of_texts(void **state) {
  fx *f = *state;
  hoso_error err;
  static const char *const texts[] = {
      "Bộ trưởng Bộ Quốc phòng tiếp đoàn đại biểu quân sự cấp cao\nChiều nay, tại "
      "Hà Nội, Bộ trưởng đã tiếp đoàn đại biểu quân sự cấp cao của nước bạn đang "
      "thăm chính thức Việt Nam. Hai bên trao đổi về hợp tác quốc phòng, đào tạo "
      "cán bộ và công nghiệp quốc phòng trong những năm tới.",
      "Le ministre de la Défense reçoit une délégation militaire\nCet après-midi, à "
      "Hanoï, le ministre a reçu la délégation militaire étrangère en visite "
      "officielle. Les deux côtés ont évoqué la coopération, la formation des "
      "élèves officiers et l'industrie de défense pour les années à venir.",
      "Министр обороны принял военную делегацию\nСегодня в Ханое министр принял "
      "военную делегацию, находящуюся с официальным визитом. Стороны обсудили "
      "сотрудничество в области обороны, подготовку кадров и оборонную "
      "промышленность на ближайшие годы.",
      "Defence minister receives a military delegation\nThis afternoon in Hanoi the "
      "minister received the visiting military delegation. The two sides discussed "
      "defence cooperation, the training of officers and the defence industry for "
      "the coming years, and agreed to meet again next year.",
  };
  static const char *const want[] = {"vi", "", "ru", "en"};
  assert_int_equal(hoso_archive_open(f->path, HOSO_ARCHIVE_CREATE, &f->ar, &err), HOSO_OK);
  hoso_ingest_stats a = ingest_texts(f->ar, texts, NULL, 4);
  assert_int_equal(a.added, 4);
  char lang[16];
  assert_string_equal(article_lang(f->ar, 1, lang, sizeof(lang)), want[0]);
  assert_string_not_equal(article_lang(f->ar, 2, lang, sizeof(lang)), "vi");
  assert_string_equal(article_lang(f->ar, 3, lang, sizeof(lang)), want[2]);
  assert_string_equal(article_lang(f->ar, 4, lang, sizeof(lang)), want[3]);
}

static void idempotent_ingest(void **state) {
  fx *f = *state;
  hoso_error err;
  assert_int_equal(hoso_archive_open(f->path, HOSO_ARCHIVE_CREATE, &f->ar, &err), HOSO_OK);
  hoso_ingest_stats a = ingest_texts(f->ar, docs, NULL, 4);
  assert_int_equal(a.added, 4);
  assert_int_equal(a.prepared, 4);
  assert_int_equal(a.skipped, 0);
  /* the CPU split: parts of the thread totals; no analysis was asked */
  assert_true(a.words_cpu > 0 && a.words_cpu <= a.workers_cpu);
  assert_true(a.index_cpu > 0 && a.commit_cpu > 0);
  assert_true(a.index_cpu + a.commit_cpu <= a.writer_cpu);
  assert_true(a.analysis_cpu == 0);
  /* a rerun recognises every document before preparing it */
  hoso_ingest_stats b = ingest_texts(f->ar, docs, NULL, 4);
  assert_int_equal(b.added, 0);
  assert_int_equal(b.duplicates, 4);
  assert_int_equal(b.skipped, 4);
  assert_int_equal(b.prepared, 0);
  /* the same text with other spacing and punctuation is the same article:
  ** other bytes, so it is prepared, then found by its content hash */
  const char *again[] = {"Hợp tác quốc phòng Việt Nam và Liên bang Nga.\n\nHai bên nhất trí "
                         "tăng cường hợp tác quốc phòng trong đào tạo và công nghiệp!"};
  hoso_ingest_stats c = ingest_texts(f->ar, again, NULL, 1);
  assert_int_equal(c.duplicates, 1);
  assert_int_equal(c.prepared, 1);
  assert_int_equal(c.skipped, 0);
  /* ...and remembered: the next time it is skipped too */
  c = ingest_texts(f->ar, again, NULL, 1);
  assert_int_equal(c.skipped, 1);
  assert_int_equal(c.prepared, 0);
  char *json;
  assert_int_equal(hoso_archive_stats(f->ar, &json, NULL, &err), HOSO_OK);
  json_t *s = hoso__json_parse(json, strlen(json), NULL);
  assert_int_equal(hoso__json_get_int(s, "articles"), 4);
  json_decref(s);
  hoso_free(json);
  assert_int_equal(hoso_archive_check(f->ar, &err), HOSO_OK);
}

/* The original bytes come back as given: a page (packed with zlib on a
** worker thread, stored by the writer) and a text (stored as the text
** itself, nothing more), each returned byte for byte by hoso_article. */
static void originals_round_trip(void **state) {
  fx *f = *state;
  hoso_error err;
  assert_int_equal(hoso_archive_open(f->path, HOSO_ARCHIVE_CREATE, &f->ar, &err), HOSO_OK);
  static const char page[] =
      "<!doctype html><html><head><meta charset=\"utf-8\"><title>Hợp tác quốc phòng"
      "</title></head><body><article><h1>Hợp tác quốc phòng Việt Nam - Nga</h1>"
      "<p>Hai bên nhất trí tăng cường hợp tác quốc phòng trong đào tạo, công nghiệp"
      " quốc phòng và tìm kiếm cứu nạn.</p><p>Bộ trưởng hai nước đã ký biên bản ghi"
      " nhớ về hợp tác giai đoạn tới.</p></article></body></html>\n";
  static const char text[] = "Giá lúa gạo tăng mạnh\n\nGiá lúa tại đồng bằng sông Cửu Long"
                             " tăng mạnh trong tuần qua.";
  hoso_ingest *ing;
  hoso_ingest_options o = {2, 0, NULL, NULL, HOSO_INGEST_NO_ANALYSIS, 0};
  assert_int_equal(hoso_ingest_open(f->ar, &o, &ing, &err), HOSO_OK);
  hoso_document d = {0};
  d.data = page;
  d.n = sizeof(page) - 1;
  d.url = "https://example.vn/quoc-phong.html";
  d.origin = "test page";
  assert_int_equal(hoso_ingest_document(ing, &d, &err), HOSO_OK);
  hoso_document t = {0};
  t.data = text;
  t.n = sizeof(text) - 1;
  t.is_text = 1;
  t.origin = "test text";
  assert_int_equal(hoso_ingest_document(ing, &t, &err), HOSO_OK);
  hoso_ingest_stats st;
  assert_int_equal(hoso_ingest_finish(ing, &st, &err), HOSO_OK);
  hoso_ingest_close(ing);
  assert_int_equal(st.added, 2);
  const char *want[2] = {page, text};
  for (int64_t id = 1; id <= 2; id++) {
    char *json;
    size_t n;
    assert_int_equal(hoso_article(f->ar, id, HOSO_ARTICLE_ORIGINAL, &json, &n, &err), HOSO_OK);
    json_t *a = hoso__json_parse(json, n, NULL);
    assert_non_null(a);
    assert_string_equal(json_string_value(json_object_get(a, "original")), want[id - 1]);
    json_decref(a);
    hoso_free(json);
  }
  sqlite3 *db;
  assert_int_equal(sqlite3_open_v2(f->path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
  sqlite3_stmt *q;
  assert_int_equal(sqlite3_prepare_v2(db, "SELECT encoding, length(bytes), size FROM original"
                                          " ORDER BY article_id", -1, &q, NULL), SQLITE_OK);
  assert_int_equal(sqlite3_step(q), SQLITE_ROW);
  assert_string_equal((const char *)sqlite3_column_text(q, 0), "zlib");
  assert_true(sqlite3_column_int(q, 1) > 0 && sqlite3_column_int(q, 1) < (int)sizeof(page));
  assert_int_equal(sqlite3_column_int(q, 2), sizeof(page) - 1);
  assert_int_equal(sqlite3_step(q), SQLITE_ROW);
  assert_string_equal((const char *)sqlite3_column_text(q, 0), "text");
  assert_int_equal(sqlite3_column_int(q, 1), 0);
  assert_int_equal(sqlite3_column_int(q, 2), sizeof(text) - 1);
  sqlite3_finalize(q);
  sqlite3_close(db);
}

/* Filters naming nothing in the archive give no results, not an error
** (a person, organisation or event type with no article: the filter's
** article set is empty; fuzz_http found bsearch called on its NULL array). */
static void filters_matching_nothing(void **state) {
  fx *f = *state;
  hoso_error err;
  assert_int_equal(hoso_archive_open(f->path, HOSO_ARCHIVE_CREATE, &f->ar, &err), HOSO_OK);
  ingest_texts(f->ar, docs, NULL, 4);
  for (int k = 0; k < 3; k++) {
    hoso_query hq = {0};
    hq.q = "quoc phong";
    hq.q_n = strlen(hq.q);
    hq.limit = 10;
    if (k == 0) hq.person = "Không Ai Cả";
    if (k == 1) hq.org = "Bộ Không Có";
    if (k == 2) hq.event_type = "visit"; /* ingested without analysis: no events */
    char *json = NULL;
    size_t n;
    assert_int_equal(hoso_search(f->ar, &hq, &json, &n, &err), HOSO_OK);
    json_t *r = hoso__json_parse(json, n, NULL);
    assert_non_null(r);
    assert_int_equal(hoso__json_get_int(r, "total"), 0);
    json_decref(r);
    hoso_free(json);
  }
}

static void toneless_phrase_and_ranking(void **state) {
  fx *f = *state;
  hoso_error err;
  assert_int_equal(hoso_archive_open(f->path, HOSO_ARCHIVE_CREATE, &f->ar, &err), HOSO_OK);
  ingest_texts(f->ar, docs, NULL, 4);
  /* "quốc" and "phòng" standing apart are not the word "quốc phòng" */
  const char *apart[] = {"Phòng trưng bày quốc gia\nKhách tham quan phòng trưng bày của bảo tàng quốc gia."};
  ingest_texts(f->ar, apart, NULL, 1);
  /* toneless finds the toned text */
  json_t *r = search(f->ar, "quoc phong", HOSO_OK);
  assert_int_equal(hoso__json_get_int(r, "total"), 2);
  json_decref(r);
  r = search(f->ar, "quốc phòng", HOSO_OK);
  assert_int_equal(hoso__json_get_int(r, "total"), 2);
  json_decref(r);
  /* a phrase needs the words together and in order */
  r = search(f->ar, "\"hợp tác quốc phòng\"", HOSO_OK);
  assert_int_equal(hoso__json_get_int(r, "total"), 1);
  assert_string_equal(result_title(r, 0), "Hợp tác quốc phòng Việt Nam và Liên bang Nga");
  json_decref(r);
  r = search(f->ar, "\"hop tac quoc phong\"", HOSO_OK);
  assert_int_equal(hoso__json_get_int(r, "total"), 1);
  json_decref(r);
  /* typed with diacritics: exact matches first, folded matches still found */
  r = search(f->ar, "bán", HOSO_OK);
  assert_true(hoso__json_get_int(r, "total") >= 2); /* bán, and bàn as a word */
  assert_string_equal(result_title(r, 0), "Bán hàng qua mạng tăng mạnh");
  json_decref(r);
  r = search(f->ar, "bàn", HOSO_OK); /* an exact "bàn" first, not "bán" */
  assert_true(hoso__json_get_int(r, "total") >= 2);
  assert_string_not_equal(result_title(r, 0), "Bán hàng qua mạng tăng mạnh");
  json_decref(r);
  /* prefixes: typed with diacritics they match what the toneless prefix
  ** matches, words with the typed spelling first (schema 4: the spellings
  ** starting that way come from the spelling table) */
  r = search(f->ar, "ba*", HOSO_OK);
  int64_t n_ba = hoso__json_get_int(r, "total");
  assert_true(n_ba >= 3); /* bàn, bán, bàn (ghế) */
  json_decref(r);
  r = search(f->ar, "bá*", HOSO_OK);
  assert_int_equal(hoso__json_get_int(r, "total"), n_ba);
  assert_string_equal(result_title(r, 0), "Bán hàng qua mạng tăng mạnh");
  json_decref(r);
  r = search(f->ar, "bà*", HOSO_OK);
  assert_int_equal(hoso__json_get_int(r, "total"), n_ba);
  assert_string_not_equal(result_title(r, 0), "Bán hàng qua mạng tăng mạnh");
  json_decref(r);
  r = search(f->ar, "bầ*", HOSO_OK); /* no word is spelled so: still the fold's matches */
  assert_int_equal(hoso__json_get_int(r, "total"), n_ba);
  json_decref(r);
  /* a phrase typed with diacritics ranks its exact spelling first */
  r = search(f->ar, "\"bán hàng\"", HOSO_OK);
  assert_int_equal(hoso__json_get_int(r, "total"), 1);
  json_decref(r);
  r = search(f->ar, "\"bàn ghế\"", HOSO_OK);
  assert_int_equal(hoso__json_get_int(r, "total"), 1);
  assert_string_equal(result_title(r, 0), "Bàn ghế mới cho trường học");
  json_decref(r);
  /* exclusion and OR */
  r = search(f->ar, "hợp tác -\"kinh tế\"", HOSO_OK);
  assert_int_equal(hoso__json_get_int(r, "total"), 1);
  json_decref(r);
  r = search(f->ar, "\"học sinh\" OR \"doanh nghiệp\"", HOSO_OK);
  assert_int_equal(hoso__json_get_int(r, "total"), 2);
  json_decref(r);
  r = search(f->ar, "doanh*", HOSO_OK);
  assert_int_equal(hoso__json_get_int(r, "total"), 1);
  json_decref(r);
}

static void snippets_point_into_text(void **state) {
  fx *f = *state;
  hoso_error err;
  assert_int_equal(hoso_archive_open(f->path, HOSO_ARCHIVE_CREATE, &f->ar, &err), HOSO_OK);
  ingest_texts(f->ar, docs, NULL, 4);
  json_t *r = search(f->ar, "cong nghiep", HOSO_OK);
  const json_t *res = json_object_get(r, "results");
  assert_int_equal(json_array_size(res), 1);
  const json_t *sn = json_object_get(json_array_get(res, 0), "snippet");
  const json_t *hl = json_object_get(sn, "highlights");
  assert_true(json_array_size(hl) >= 1);
  size_t a = (size_t)json_integer_value(json_array_get(json_array_get(hl, 0), 0)), b = (size_t)json_integer_value(json_array_get(json_array_get(hl, 0), 1));
  /* the offsets cut the stored text exactly at "công nghiệp" */
  assert_memory_equal(docs[0] + a, "công nghiệp", b - a);
  assert_int_equal(b - a, strlen("công nghiệp"));
  json_decref(r);
  /* a long text: the snippet is found far in, offsets still exact */
  hoso_buf big;
  hoso__buf_init(&big, 0);
  assert_int_equal(hoso__buf_adds(&big, "Tin dài\n"), HOSO_OK);
  for (int i = 0; i < 200; i++)
    assert_int_equal(hoso__buf_adds(&big, "Hôm nay trời nắng đẹp ở Trung Quốc và phòng họp. "), HOSO_OK);
  assert_int_equal(hoso__buf_adds(&big, "Cuối cùng hai bên bàn về ngân sách quốc phòng năm tới."), HOSO_OK);
  const char *one[] = {big.p};
  ingest_texts(f->ar, one, NULL, 1);
  r = search(f->ar, "ngan sach quoc phong", HOSO_OK);
  res = json_object_get(r, "results");
  assert_int_equal(json_array_size(res), 1);
  hl = json_object_get(json_object_get(json_array_get(res, 0), "snippet"), "highlights");
  assert_true(json_array_size(hl) >= 1);
  a = (size_t)json_integer_value(json_array_get(json_array_get(hl, 0), 0));
  b = (size_t)json_integer_value(json_array_get(json_array_get(hl, 0), 1));
  assert_true(a > 8000);
  assert_memory_equal(big.p + a, "ngân sách quốc phòng", b - a);
  assert_int_equal(b - a, strlen("ngân sách quốc phòng"));
  json_decref(r);
  hoso__buf_free(&big);
}

/* A segmentation model shared between archives (hoso_archive_open_shared,
** as a server's handles) is the one they segment with, their answers
** (snippets included) are those of an archive with its own model, and it
** stays the caller's: it still segments after they are closed. */
static void shared_model_same_answers(void **state) {
  fx *f = *state;
  hoso_error err;
  assert_int_equal(hoso_archive_open(f->path, HOSO_ARCHIVE_CREATE, &f->ar, &err), HOSO_OK);
  ingest_texts(f->ar, docs, NULL, 4);
  hoso_vi *vi;
  assert_int_equal(hoso_vi_open(NULL, 0, &vi, &err), HOSO_OK);
  hoso_archive *sh[2];
  for (int i = 0; i < 2; i++) {
    assert_int_equal(hoso_archive_open_shared(f->path, HOSO_ARCHIVE_READONLY, vi, &sh[i], &err),
                     HOSO_OK);
    sq_store *s = (sq_store *)hoso__archive_store(sh[i]);
    assert_ptr_equal(hoso__words_segmenter(s->words), vi);
    assert_null(s->vi); /* not loaded, not owned */
  }
  /* NULL: the archive loads its own, as hoso_archive_open */
  hoso_archive *own;
  assert_int_equal(hoso_archive_open_shared(f->path, HOSO_ARCHIVE_READONLY, NULL, &own, &err),
                   HOSO_OK);
  sq_store *so = (sq_store *)hoso__archive_store(own);
  assert_non_null(so->vi);
  assert_ptr_equal(hoso__words_segmenter(so->words), so->vi);
  static const char *const qs[] = {"quốc phòng", "cong nghiep", "\"hợp tác\"", "bàn -ghế",
                                   "hop tac OR doanh"};
  for (size_t q = 0; q < sizeof(qs) / sizeof(qs[0]); q++) {
    char *want = search_text(own, qs[q], 10, HOSO_OK, NULL);
    if (q == 0) assert_non_null(strstr(want, "\"snippet\"")); /* two articles, snippets */
    for (int i = 0; i < 2; i++) {
      char *got = search_text(sh[i], qs[q], 10, HOSO_OK, NULL);
      assert_string_equal(got, want);
      hoso_free(got);
    }
    hoso_free(want);
  }
  hoso_archive_close(own);
  hoso_archive_close(sh[0]);
  hoso_archive_close(sh[1]);
  hoso_vi_ctx *ctx = hoso_vi_ctx_new();
  assert_non_null(ctx);
  const hoso_vi_word *w;
  size_t nw;
  static const char t[] = "hợp tác quốc phòng";
  assert_int_equal(hoso_vi_segment(vi, ctx, t, sizeof(t) - 1, 0, &w, &nw, &err), HOSO_OK);
  assert_int_equal(nw, 2);
  hoso_vi_ctx_free(ctx);
  hoso_vi_close(vi);
}

static void near_duplicates_make_one_story(void **state) {
  fx *f = *state;
  hoso_error err;
  assert_int_equal(hoso_archive_open(f->path, HOSO_ARCHIVE_CREATE, &f->ar, &err), HOSO_OK);
  size_t n;
  char *seed = test_read_file("demo/sample/seed-2025-dialogue.txt", &n);
  /* a reprint: another outlet, the last paragraph dropped, a line added */
  char *cut = strdup(seed);
  char *last = strrchr(cut, '\n');
  while (last && last > cut && last[-1] == '\n') last--;
  if (last) *last = 0;
  char *copy = malloc(n + 200);
  snprintf(copy, n + 200, "%s\n\nTheo TTXVN", cut);
  const char *texts[] = {seed, copy, docs[1]};
  const char *outlets[] = {"qdnd.vn", "baotintuc.vn", "other.vn"};
  hoso_ingest_stats st = ingest_texts(f->ar, texts, outlets, 3);
  assert_int_equal(st.added, 3);
  assert_int_equal(st.stories, 2);
  json_t *r = search(f->ar, "Hoàng Xuân Chiến", HOSO_OK);
  assert_int_equal(hoso__json_get_int(r, "total"), 1);
  const json_t *it = json_array_get(json_object_get(r, "results"), 0);
  assert_int_equal(hoso__json_get_int(it, "n_outlets"), 2);
  assert_int_equal(json_array_size(json_object_get(it, "sources")), 2);
  assert_string_equal(hoso__json_get_str(it, "credit"), "TTXVN");
  json_decref(r);
  free(seed);
  free(cut);
  free(copy);
}

static void bad_queries(void **state) {
  fx *f = *state;
  hoso_error err;
  assert_int_equal(hoso_archive_open(f->path, HOSO_ARCHIVE_CREATE, &f->ar, &err), HOSO_OK);
  ingest_texts(f->ar, docs, NULL, 4);
  /* a joiner alone is an empty word; first, while the handle's word
  ** buffers are still unallocated (fuzz_query found memcmp(NULL) here) */
  json_decref(search(f->ar, "_", HOSO_OK));
  search(f->ar, "", HOSO_EQUERY);
  search(f->ar, "!!! ?? ...", HOSO_EQUERY);
  search(f->ar, "-quoc", HOSO_EQUERY);
  search(f->ar, "* OR -", HOSO_EQUERY);
  search(f->ar, "a*b", HOSO_EQUERY); /* prefix too short: said so */
  char *big = malloc(10001);
  memset(big, 'x', 10000);
  big[10000] = 0;
  search(f->ar, big, HOSO_ETOOBIG);
  free(big);
  static const char *const odd[] = {"\"hợp tác", "hop\"tac", "NEAR(hop tac, 2)",
                                    "body:quoc AND ^hop", "hop*tac*",
                                    "\"\"\" quoc", "quoc) (phong", "\xff\xfe quoc"};
  for (size_t i = 0; i < sizeof(odd) / sizeof(odd[0]); i++) json_decref(search(f->ar, odd[i], HOSO_OK));
  json_t *r = search(f->ar, "body:quoc AND ^hop", HOSO_OK);
  assert_int_equal(hoso__json_get_int(r, "total"), 0); /* words, not FTS5 syntax */
  json_decref(r);
}

static void read_only_archive(void **state) {
  fx *f = *state;
  hoso_error err;
  assert_int_equal(hoso_archive_open(f->path, HOSO_ARCHIVE_CREATE, &f->ar, &err), HOSO_OK);
  ingest_texts(f->ar, docs, NULL, 4);
  hoso_archive_close(f->ar);
  f->ar = NULL;
  if (geteuid() == 0) {
    /* root writes anyway: open read-only instead */
    assert_int_equal(hoso_archive_open(f->path, HOSO_ARCHIVE_READONLY, &f->ar, &err), HOSO_OK);
  } else {
    chmod(f->path, 0444);
    assert_int_equal(hoso_archive_open(f->path, 0, &f->ar, &err), HOSO_OK);
  }
  hoso_ingest *ing = NULL;
  int rc = hoso_ingest_open(f->ar, NULL, &ing, &err);
  assert_int_equal(rc, HOSO_EDB);
  assert_null(ing);
  assert_non_null(strstr(err.message, "read-only"));
  json_t *r = search(f->ar, "quoc phong", HOSO_OK); /* still answers */
  assert_int_equal(hoso__json_get_int(r, "total"), 2);
  json_decref(r);
  chmod(f->path, 0644);
  /* not an archive: a clear error */
  hoso_archive *x;
  assert_int_equal(hoso_archive_open("demo/sample/seed-2021-call.txt", HOSO_ARCHIVE_READONLY, &x, &err),
                   HOSO_EDB);
  assert_non_null(strstr(err.message, "not a hoso archive"));
}

/* The facets of a handle's first search (counted through SQL) and of its
** later ones (the in-memory mention index) are the same, and the index
** follows new articles, whether added on this handle or another. */
static char *raw_search(hoso_archive *ar, const char *q) { return test_search(ar, q, 5); }

static void ingest_file(hoso_archive *ar, const char *path, const char *suffix) {
  hoso_ingest *ing;
  hoso_error err;
  hoso_ingest_options o = {2, 0, NULL, NULL, 0, 0}; /* with entities and events */
  char *text;
  size_t n;
  assert_int_equal(hoso__read_file(path, 1 << 20, &text, &n, &err), HOSO_OK);
  hoso_buf b;
  hoso__buf_init(&b, 2 << 20);
  assert_int_equal(hoso__buf_add(&b, text, n), HOSO_OK);
  assert_int_equal(hoso__buf_add(&b, suffix, strlen(suffix)), HOSO_OK);
  assert_int_equal(hoso_ingest_open(ar, &o, &ing, &err), HOSO_OK);
  hoso_document d = {0};
  d.data = b.p;
  d.n = b.n;
  d.is_text = 1;
  d.origin = "test";
  assert_int_equal(hoso_ingest_document(ing, &d, &err), HOSO_OK);
  hoso_ingest_stats st;
  assert_int_equal(hoso_ingest_finish(ing, &st, &err), HOSO_OK);
  assert_int_equal(st.added, 1);
  hoso_ingest_close(ing);
  hoso__buf_free(&b);
  hoso_free(text);
}

static void facets_same_on_every_search(void **state) {
  fx *f = *state;
  hoso_error err;
  assert_int_equal(hoso_archive_open(f->path, HOSO_ARCHIVE_CREATE, &f->ar, &err), HOSO_OK);
  ingest_file(f->ar, "demo/sample/seed-2021-call.txt", "");
  char *first = raw_search(f->ar, "Nga");
  char *again = raw_search(f->ar, "Nga");
  assert_string_equal(first, again);
  json_t *r = hoso__json_parse(first, strlen(first), NULL);
  assert_non_null(r);
  const json_t *fc = json_object_get(r, "facets");
  assert_non_null(fc);
  const json_t *people = json_object_get(fc, "people");
  assert_non_null(people);
  assert_true(json_array_size(people) > 0); /* the seed names people: the test counts some */
  json_decref(r);
  /* a new article on this handle: the index must not be stale */
  ingest_file(f->ar, "demo/sample/seed-2025-dialogue.txt", "");
  char *after = raw_search(f->ar, "Nga");
  assert_string_not_equal(after, first);
  hoso_archive *other;
  assert_int_equal(hoso_archive_open(f->path, HOSO_ARCHIVE_READONLY, &other, &err), HOSO_OK);
  char *fresh = raw_search(other, "Nga"); /* a first search: through SQL */
  assert_string_equal(after, fresh);
  char *fresh2 = raw_search(other, "Nga");
  assert_string_equal(fresh, fresh2);
  /* a new article through the other handle: this one's index follows */
  ingest_file(f->ar, "demo/sample/seed-2025-dialogue.txt", "\n\nNga và Việt Nam.\n");
  char *later = raw_search(other, "Nga");
  assert_string_not_equal(later, fresh);
  hoso_archive *third;
  assert_int_equal(hoso_archive_open(f->path, HOSO_ARCHIVE_READONLY, &third, &err), HOSO_OK);
  char *later_sql = raw_search(third, "Nga");
  assert_string_equal(later, later_sql);
  hoso_free(later);
  hoso_free(later_sql);
  hoso_archive_close(third);
  char *none = raw_search(f->ar, "zzzqqq"); /* no hits: empty facets */
  assert_non_null(strstr(none, "\"total\":0"));
  hoso_free(none);
  hoso_free(first);
  hoso_free(again);
  hoso_free(after);
  hoso_free(fresh);
  hoso_free(fresh2);
  hoso_archive_close(other);
}

/* n short distinct texts (numbered, and marked with tag) into a run. */
static void queue_texts(hoso_ingest *ing, int n, int tag) {
  hoso_error err;
  for (int i = 0; i < n; i++) {
    char t[160];
    snprintf(t, sizeof(t), "Bản tin %d (%d)\nBộ Quốc phòng thông báo tin số %d về hợp tác.\n",
             i, tag, i * 7 + tag);
    hoso_document d = {0};
    d.data = t;
    d.n = strlen(t);
    d.is_text = 1;
    d.origin = "test";
    assert_int_equal(hoso_ingest_document(ing, &d, &err), HOSO_OK);
  }
}

/* 1,100 short distinct texts in one run; batch 0 = the backend's default. */
static hoso_ingest_stats ingest_many(hoso_archive *ar, int batch) {
  hoso_ingest *ing;
  hoso_error err;
  /* no commits on idleness: a loaded machine (ASan, many jobs) can starve
  ** the writer for seconds, which must not change what this test counts */
  hoso_ingest_options o = {2, batch, NULL, NULL, HOSO_INGEST_NO_ANALYSIS, -1};
  assert_int_equal(hoso_ingest_open(ar, &o, &ing, &err), HOSO_OK);
  queue_texts(ing, 1100, batch);
  hoso_ingest_stats st;
  assert_int_equal(hoso_ingest_finish(ing, &st, &err), HOSO_OK);
  hoso_ingest_close(ing);
  assert_int_equal(st.added, 1100);
  return st;
}

/* SQLite commits 4,096 articles a transaction unless told otherwise (each
** commit writes the batch's spellings and an FTS5 segment); --batch still
** sets it. (Idle commits are off here: idle_commit below.) */
static void default_batch(void **state) {
  fx *f = *state;
  hoso_error err;
  assert_int_equal(hoso_archive_open(f->path, HOSO_ARCHIVE_CREATE, &f->ar, &err), HOSO_OK);
  hoso_ingest_stats a = ingest_many(f->ar, 0);
  assert_int_equal(a.commits, 1);
  hoso_ingest_stats b = ingest_many(f->ar, 500);
  assert_true(b.commits >= 3);
  json_t *r = search(f->ar, "bản tin", HOSO_OK);
  assert_int_equal(json_integer_value(json_object_get(r, "articles")), 2200);
  json_decref(r);
}

/* Articles committed so far, as another connection sees them. */
static int committed_articles(const char *path) {
  sqlite3 *db;
  sqlite3_stmt *st;
  int n = -1;
  assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
  sqlite3_busy_timeout(db, 5000);
  if (sqlite3_prepare_v2(db, "SELECT count(*) FROM article", -1, &st, NULL) == SQLITE_OK) {
    if (sqlite3_step(st) == SQLITE_ROW) n = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
  }
  sqlite3_close(db);
  return n;
}

/* A writer left waiting with a batch open commits it after idle_commit_ms,
** so a kill then loses nothing: the first document becomes visible to
** another connection while the run is still open (polled for up to 120 s,
** which only a broken idle commit exceeds), the second one goes into a
** batch of its own at the end. */
static void idle_commit(void **state) {
  fx *f = *state;
  hoso_error err;
  assert_int_equal(hoso_archive_open(f->path, HOSO_ARCHIVE_CREATE, &f->ar, &err), HOSO_OK);
  hoso_ingest *ing;
  hoso_ingest_options o = {1, 0, NULL, NULL, HOSO_INGEST_NO_ANALYSIS, 50};
  assert_int_equal(hoso_ingest_open(f->ar, &o, &ing, &err), HOSO_OK);
  const char *texts[2] = {"Tin một\nBộ Quốc phòng thông báo tin thứ nhất.\n",
                          "Tin hai\nBộ Ngoại giao thông báo tin thứ hai.\n"};
  for (int i = 0; i < 2; i++) {
    hoso_document d = {0};
    d.data = texts[i];
    d.n = strlen(texts[i]);
    d.is_text = 1;
    d.origin = "test";
    assert_int_equal(hoso_ingest_document(ing, &d, &err), HOSO_OK);
    if (i == 0) {
      int seen = 0;
      for (int tries = 0; tries < 12000 && seen < 1; tries++) {
        seen = committed_articles(f->path);
        if (seen < 1) usleep(10000);
      }
      assert_int_equal(seen, 1);
    }
  }
  hoso_ingest_stats st;
  assert_int_equal(hoso_ingest_finish(ing, &st, &err), HOSO_OK);
  hoso_ingest_close(ing);
  assert_int_equal(st.added, 2);
  assert_int_equal(st.commits, 2);
  assert_int_equal(committed_articles(f->path), 2);
}

/* The idle commit waits for a batch idle_commit_ms old AND for the writer
** to have had nothing to write for an eighth of that: a momentary gap
** (the next document not ready yet, a worker waiting for a core) in an
** old batch is no reason to commit it. */
static void idle_commit_waits_out_gaps(void **state) {
  (void)state;
  /* a young batch: until it is idle_s old */
  assert_true(fabs(hoso__idle_commit_wait(0.5, 1.0, 2.0) - 1.5) < 1e-9);
  /* an old batch, the writer idle for 10 ms: the rest of the 250 ms grace */
  assert_true(fabs(hoso__idle_commit_wait(3.0, 0.01, 2.0) - 0.24) < 1e-9);
  /* both long enough: commit now */
  assert_true(hoso__idle_commit_wait(3.0, 0.3, 2.0) <= 0);
  assert_true(hoso__idle_commit_wait(2.0, 0.25, 2.0) <= 0);
  /* the larger of the two waits */
  assert_true(fabs(hoso__idle_commit_wait(1.9, 0.0, 2.0) - 0.25) < 1e-9);
}

/* A run closed without hoso_ingest_finish (the caller gave up) stops at
** once, with documents still queued, and keeps nothing of its open batch;
** the same documents ingested again are all stored. (The writer used to
** wait for the queued documents the stopped workers would never prepare:
** close never returned. alarm() turns such a hang into a failure.) */
static void abandoned_run_closes(void **state) {
  fx *f = *state;
  hoso_error err;
  assert_int_equal(hoso_archive_open(f->path, HOSO_ARCHIVE_CREATE, &f->ar, &err), HOSO_OK);
  hoso_ingest *ing;
  hoso_ingest_options o = {2, 0, NULL, NULL, HOSO_INGEST_NO_ANALYSIS, -1};
  assert_int_equal(hoso_ingest_open(f->ar, &o, &ing, &err), HOSO_OK);
  queue_texts(ing, 300, 0);
  alarm(300);
  hoso_ingest_close(ing);
  alarm(0);
  assert_int_equal(committed_articles(f->path), 0);
  hoso_ingest_stats st = ingest_many(f->ar, 0);
  assert_int_equal(st.added, 1100);
}

/* Schema 5 -> 6 hashes every stored text again (content hashes and MinHash
** signatures of the syllables, not of the segmented words), in chunks of
** 512 articles: an archive of 1,100 whose hashes, signatures and LSH rows
** were replaced and whose version was set back to 5 gets, on its next
** writable open, exactly what the ingest gave. A read-only open asks for
** the upgrade and changes nothing. */
static char **read_hashes(const char *path, int *version) {
  sqlite3 *db;
  sqlite3_stmt *st;
  assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
  assert_int_equal(sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL), SQLITE_OK);
  assert_int_equal(sqlite3_step(st), SQLITE_ROW);
  *version = sqlite3_column_int(st, 0);
  sqlite3_finalize(st);
  char **h = calloc(1101, sizeof(*h));
  assert_non_null(h);
  assert_int_equal(sqlite3_prepare_v2(db,
                                      "SELECT a.id, a.content_hash || ' ' || hex(a.minhash)"
                                      " || ' ' || hex(l.bands) FROM article a"
                                      " JOIN lsh l ON l.article_id = a.id ORDER BY a.id",
                                      -1, &st, NULL),
                   SQLITE_OK);
  int n = 0;
  while (sqlite3_step(st) == SQLITE_ROW) {
    assert_true(n < 1100);
    assert_int_equal(sqlite3_column_int(st, 0), n + 1);
    h[n++] = strdup((const char *)sqlite3_column_text(st, 1));
  }
  assert_int_equal(n, 1100);
  sqlite3_finalize(st);
  sqlite3_close(db);
  return h;
}

static void free_hashes(char **h) {
  for (size_t i = 0; h[i]; i++) free(h[i]);
  free(h);
}

static void upgrade_rehashes(void **state) {
  fx *f = *state;
  hoso_error err;
  int v;
  assert_int_equal(hoso_archive_open(f->path, HOSO_ARCHIVE_CREATE, &f->ar, &err), HOSO_OK);
  ingest_many(f->ar, 0);
  hoso_archive_close(f->ar);
  f->ar = NULL;
  char **want = read_hashes(f->path, &v);
  assert_int_equal(v, 6);
  sqlite3 *db;
  assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
  assert_int_equal(sqlite3_exec(db,
                                "UPDATE article SET content_hash = printf('old%d', id),"
                                " minhash = zeroblob(256);"
                                "UPDATE lsh SET bands = zeroblob(128);"
                                "PRAGMA user_version=5",
                                NULL, NULL, NULL),
                   SQLITE_OK);
  sqlite3_close(db);
  assert_int_not_equal(hoso_archive_open(f->path, HOSO_ARCHIVE_READONLY, &f->ar, &err), HOSO_OK);
  test_has(err.message, "upgrade");
  f->ar = NULL;
  char **old = read_hashes(f->path, &v);
  assert_int_equal(v, 5);
  assert_true(!strncmp(old[1099], "old1100 0000", 12));
  free_hashes(old);
  assert_int_equal(hoso_archive_open(f->path, 0, &f->ar, &err), HOSO_OK);
  hoso_archive_close(f->ar);
  f->ar = NULL;
  char **got = read_hashes(f->path, &v);
  assert_int_equal(v, 6);
  for (int i = 0; i < 1100; i++) assert_string_equal(got[i], want[i]);
  free_hashes(got);
  free_hashes(want);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(default_batch, setup, teardown),
      cmocka_unit_test_setup_teardown(idle_commit, setup, teardown),
      cmocka_unit_test(idle_commit_waits_out_gaps),
      cmocka_unit_test_setup_teardown(abandoned_run_closes, setup, teardown),
      cmocka_unit_test_setup_teardown(upgrade_rehashes, setup, teardown),
      cmocka_unit_test_setup_teardown(idempotent_ingest, setup, teardown),
      cmocka_unit_test_setup_teardown(originals_round_trip, setup, teardown),
      cmocka_unit_test_setup_teardown(language_of_texts, setup, teardown),
      cmocka_unit_test_setup_teardown(filters_matching_nothing, setup, teardown),
      cmocka_unit_test_setup_teardown(toneless_phrase_and_ranking, setup, teardown),
      cmocka_unit_test_setup_teardown(snippets_point_into_text, setup, teardown),
      cmocka_unit_test_setup_teardown(shared_model_same_answers, setup, teardown),
      cmocka_unit_test_setup_teardown(near_duplicates_make_one_story, setup, teardown),
      cmocka_unit_test_setup_teardown(bad_queries, setup, teardown),
      cmocka_unit_test_setup_teardown(read_only_archive, setup, teardown),
      cmocka_unit_test_setup_teardown(facets_same_on_every_search, setup, teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
