/* test_facets.c -- search answers' shortcuts against the long way round.
** The search facets counted from the in-memory mention
** index (the second and later searches of a handle) are the same as
** counted through SQL (a handle's first search): people and
** organisations by count then name, over hit sets large enough for the
** two-tier count (sqlite_facets_mem.c, entity_facets_mem) and small ones,
** with ties at the last place, lists settled without the rare entities
** and lists that need them; outlet and year facets against the results;
** results' sources against the story view; the facet cache
** (sqlite_facets_cache.c): its own rules, answers with it equal to answers
** without it under every option set, and kept facets dropped when the
** archive changes through another handle. The archive is made from
** generated texts. */
#include <jansson.h>

#include "base/base.h"
#include "store/sqlite_int.h"
#include "testutil.h"

typedef struct fx {
  char path[64];
  hoso_archive *ar;
} fx;

#define N_ART 400

static const char *const family[] = {"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi"};
static const char *const middle[] = {"Văn", "Đức", "Minh", "Quang", "Hữu"};
static const char *const given[] = {"An", "Bình", "Cường", "Dũng", "Hải", "Hùng", "Khánh",
                                    "Long", "Nam", "Phong", "Quân", "Sơn", "Tâm", "Thắng"};
static const char *const orgs[] = {"Bộ Quốc phòng", "Bộ Công an", "Bộ Ngoại giao",
                                   "Học viện Quốc phòng", "Tổng cục Chính trị", "Quân khu 7",
                                   "Bộ Tư lệnh Biên phòng", "Học viện Chính trị",
                                   "Tổng cục Hậu cần", "Quân chủng Hải quân", "Bộ Y tế",
                                   "Bộ Giáo dục và Đào tạo"};

static const char *const middle2[] = {"Thành", "Công", "Xuân", "Ngọc"};

/* The name of person k (0 .. 559) into buf. */
static void person(unsigned k, char *buf, size_t n) {
  snprintf(buf, n, "%s %s %s", family[k % 8], middle[(k / 8) % 5], given[(k / 40) % 14]);
}

/* Article i: a few people, some in many articles (k small: i's low
** digits), some in one or two, and organisations; every article has
** "hợp tác", one in two "quân sự", one in five "biên giới". */
static void article(unsigned i, char *buf, size_t n) {
  char a[64], b[64], c[64], d[64];
  person(i % 12, a, sizeof a);            /* in ~33 articles each */
  person(12 + (i * 7) % 60, b, sizeof b); /* in ~6-7 */
  person(72 + (i % 200) * 2, c, sizeof c); /* in 2 */
  person(472 + i % 88, d, sizeof d);       /* in ~4-5 */
  snprintf(buf, n,
           "Hà Nội, ngày %u tháng %u năm 20%02u.\n\n"
           "Sáng nay, Thượng tướng %s đã tiếp Trung tướng %s tại trụ sở %s. "
           "Hai bên trao đổi về hợp tác%s%s. Tham dự buổi tiếp có Đại tá %s, "
           "đại diện %s, và ông %s.\n",
           1 + i % 28, 1 + i % 12, 10 + i % 15, a, b, orgs[i % 12],
           i % 2 ? " quân sự" : "", i % 5 ? "" : " trên biên giới", c, orgs[(i * 5 + 3) % 12],
           d);
}

/* Article N_ART + i (i < N_RARE): "huấn luyện" and two people named in no
** other article, so that a search for it has many hits and no person in
** two of them: its people list is made of entities in one article each. */
#define N_RARE 150
static void rare_article(unsigned i, char *buf, size_t n) {
  snprintf(buf, n,
           "Hải Phòng, ngày %u tháng %u năm 2019.\n\n"
           "Chiều qua, Chuẩn đô đốc %s %s %s đã gặp Đại tá %s %s %s của %s. "
           "Hai bên bàn về huấn luyện hải quân.\n",
           1 + i % 28, 1 + i % 12, family[i % 8], middle2[(i / 8) % 4], given[(i / 32) % 14],
           family[(i + 3) % 8], middle2[(i / 8 + 2) % 4], given[(i / 32 + 7) % 14], orgs[i % 12]);
}

static int setup(void **state) {
  fx *f = calloc(1, sizeof(*f));
  snprintf(f->path, sizeof(f->path), "/tmp/hoso-test-facets-%d.db", (int)getpid());
  unlink(f->path);
  hoso_error err;
  if (hoso_archive_open(f->path, HOSO_ARCHIVE_CREATE, &f->ar, &err)) {
    fprintf(stderr, "%s\n", err.message);
    return 1;
  }
  hoso_ingest *ing;
  hoso_ingest_options o = {2, 0, NULL, NULL, 0, 0}; /* with entities */
  if (hoso_ingest_open(f->ar, &o, &ing, &err)) {
    fprintf(stderr, "%s\n", err.message);
    return 1;
  }
  char text[2048], date[32];
  static const char *const outlets[] = {"qdnd.vn", "vnexpress.net", "baochinhphu.vn",
                                        "tuoitre.vn", "nhandan.vn"};
  for (unsigned i = 0; i < N_ART + N_RARE; i++) {
    if (i < N_ART)
      article(i, text, sizeof text);
    else
      rare_article(i - N_ART, text, sizeof text);
    hoso_document d = {0};
    d.data = text;
    d.n = strlen(text);
    d.is_text = 1;
    d.origin = "test";
    if (i % 9) { /* outlets and dates, some missing; a story's articles differ */
      snprintf(date, sizeof date, "20%02u-%02u-15", 10 + (i * 7) % 6, 1 + i % 12);
      d.published = date;
      d.outlet = outlets[(i / 3) % 5];
    }
    if (hoso_ingest_document(ing, &d, &err)) {
      fprintf(stderr, "%s\n", err.message);
      return 1;
    }
  }
  hoso_ingest_stats st;
  if (hoso_ingest_finish(ing, &st, &err)) {
    fprintf(stderr, "%s\n", err.message);
    return 1;
  }
  hoso_ingest_close(ing);
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

/* The facets object of a search answer (a new reference). */
static json_t *facets_of(const char *answer) {
  json_t *r = hoso__json_parse(answer, strlen(answer), NULL);
  assert_non_null(r);
  json_t *fc = json_object_get(r, "facets");
  assert_non_null(fc);
  json_incref(fc);
  json_decref(r);
  return fc;
}

/* The count of the i-th entry of facet list `name`. */
static int64_t count_at(const json_t *fc, const char *name, size_t i) {
  const json_t *l = json_object_get(fc, name);
  assert_non_null(l);
  assert_true(json_array_size(l) > i);
  return json_integer_value(json_object_get(json_array_get(l, i), "count"));
}

static void facets_memory_equals_sql(void **state) {
  fx *f = *state;
  /* hits: 400 (each list settled by entities in many articles), 200,
  ** 80 (one tier), 150 with every person in one article (the rare tier
  ** needed), 100 (toneless, two words) */
  static const char *const queries[] = {"hợp tác", "quân sự", "biên giới", "huấn luyện",
                                        "hop tac quan su"};
  for (size_t q = 0; q < sizeof queries / sizeof *queries; q++) {
    hoso_archive *ar;
    hoso_error err;
    assert_int_equal(hoso_archive_open(f->path, HOSO_ARCHIVE_READONLY, &ar, &err), HOSO_OK);
    /* counted every time (the facet cache would answer the third) */
    hoso__sq_fcache_enable((sq_store *)hoso__archive_store(ar), 0);
    char *sql = test_search(ar, queries[q], 5); /* the handle's first search: SQL */
    char *mem = test_search(ar, queries[q], 5);
    char *again = test_search(ar, queries[q], 5);
    assert_string_equal(sql, mem);
    assert_string_equal(mem, again); /* the counters were put back */
    json_t *fc = facets_of(mem);
    for (int k = 0; k < 2; k++) /* full lists, ties at the last place */
      assert_int_equal(json_array_size(json_object_get(fc, k ? "orgs" : "people")), 10);
    if (q == 0) assert_true(count_at(fc, "people", 9) >= 30);
    if (q == 3) { /* every person once: ten of them, by name */
      assert_int_equal(count_at(fc, "people", 0), 1);
      assert_int_equal(count_at(fc, "people", 9), 1);
      json_t *r = hoso__json_parse(mem, strlen(mem), NULL);
      assert_int_equal(hoso__json_get_int(r, "articles"), N_RARE); /* >= FACET_TIER_HITS */
      json_decref(r);
    }
    json_decref(fc);
    free(sql);
    free(mem);
    free(again);
    hoso_archive_close(ar);
  }
}

/* The number of stories among per-article results whose article has
** this key: its "outlet" (outlet 1) or the year of its "published". */
static int64_t stories_with(const json_t *results, int outlet, const json_t *key) {
  int64_t n = 0;
  int64_t seen[N_ART + N_RARE];
  size_t ns = 0;
  for (size_t i = 0; i < json_array_size(results); i++) {
    const json_t *res = json_array_get(results, i);
    const json_t *a = json_object_get(res, "article");
    const json_t *v = json_object_get(a, outlet ? "outlet" : "published");
    if (!json_is_string(v)) continue;
    if (outlet ? strcmp(json_string_value(v), json_string_value(key)) != 0
               : atoll(json_string_value(v)) != json_integer_value(key))
      continue;
    int64_t st = json_integer_value(json_object_get(res, "story")), dup = 0;
    for (size_t k = 0; k < ns; k++) dup |= seen[k] == st;
    if (!dup) {
      seen[ns++] = st;
      n++;
    }
  }
  return n;
}

/* Every matching article (per-article results, no filter), then the ids
** of those the filter keeps: outlet name (or NULL), year (or 0). */
static size_t listed_with(const json_t *results, const char *outlet, int year, int64_t *ids) {
  size_t n = 0;
  for (size_t i = 0; i < json_array_size(results); i++) {
    const json_t *a = json_object_get(json_array_get(results, i), "article");
    const char *o = json_string_value(json_object_get(a, "outlet"));
    const char *p = json_string_value(json_object_get(a, "published"));
    if (outlet && (!o || strcmp(o, outlet))) continue;
    if (year && (!p || atoi(p) != year)) continue;
    ids[n++] = json_integer_value(json_object_get(a, "id"));
  }
  return n;
}

/* The outlet and date filters (read from the article cache's facts) keep
** exactly the matching articles of that outlet or year, as the unfiltered
** results list them. */
static void filters_keep_the_listed_articles(void **state) {
  fx *f = *state;
  static const char *const queries[] = {"hợp tác", "biên giới"};
  static const char *const outlets[] = {"qdnd.vn", "tuoitre.vn"};
  static const char *const years[] = {"2011", "2014"};
  int64_t want[N_ART + N_RARE];
  size_t kept = 0;
  for (size_t q = 0; q < sizeof queries / sizeof *queries; q++) {
    hoso_query hq = {0};
    hq.q = queries[q];
    hq.q_n = strlen(queries[q]);
    hq.limit = N_ART + N_RARE;
    hq.flags = HOSO_Q_ARTICLES | HOSO_Q_NO_SNIPPETS | HOSO_Q_NO_FACETS;
    char *all = NULL;
    hoso_error err;
    assert_int_equal(hoso_search(f->ar, &hq, &all, NULL, &err), HOSO_OK);
    json_t *aj = hoso__json_parse(all, strlen(all), NULL);
    const json_t *results = json_object_get(aj, "results");
    for (int k = 0; k < 4; k++) {
      hoso_query fq = hq;
      const char *outlet = k < 2 ? outlets[k] : NULL;
      fq.outlet = outlet;
      fq.from = fq.to = k < 2 ? NULL : years[k - 2];
      size_t n = listed_with(results, outlet, k < 2 ? 0 : atoi(years[k - 2]), want);
      char *got = NULL;
      assert_int_equal(hoso_search(f->ar, &fq, &got, NULL, &err), HOSO_OK);
      json_t *gj = hoso__json_parse(got, strlen(got), NULL);
      const json_t *gr = json_object_get(gj, "results");
      assert_int_equal(json_array_size(gr), n);
      for (size_t i = 0; i < n; i++) { /* the same articles (both by score, then id) */
        int64_t id =
            json_integer_value(json_object_get(json_object_get(json_array_get(gr, i), "article"), "id"));
        int found = 0;
        for (size_t j = 0; j < n; j++) found |= want[j] == id;
        if (!found) fail_msg("'%s' filter %d: article %lld kept, not listed", queries[q], k, (long long)id);
      }
      kept += n;
      json_decref(gj);
      free(got);
    }
    json_decref(aj);
    free(all);
  }
  assert_true(kept > 0);
}

/* Outlets and years count stories (a story's articles from one outlet
** or year count once): the story-grouped facets against the stories of
** every matching article listed one by one. */
static void outlet_year_facets_count_stories(void **state) {
  fx *f = *state;
  static const char *const queries[] = {"hợp tác", "quân sự", "biên giới"};
  for (size_t q = 0; q < sizeof queries / sizeof *queries; q++) {
    char *story_mode = test_search(f->ar, queries[q], 5);
    hoso_query hq = {0};
    hq.q = queries[q];
    hq.q_n = strlen(queries[q]);
    hq.limit = N_ART + N_RARE;
    hq.flags = HOSO_Q_ARTICLES | HOSO_Q_NO_SNIPPETS;
    char *per_article = NULL;
    hoso_error err;
    assert_int_equal(hoso_search(f->ar, &hq, &per_article, NULL, &err), HOSO_OK);
    json_t *fc = facets_of(story_mode), *pa = hoso__json_parse(per_article, strlen(per_article), NULL);
    json_t *pfc = facets_of(per_article);
    const json_t *results = json_object_get(pa, "results");
    assert_int_equal(json_array_size(results), hoso__json_get_int(pa, "articles"));
    for (int o = 0; o < 2; o++) {
      const json_t *l = json_object_get(fc, o ? "outlets" : "years");
      assert_true(json_array_size(l) > 1);
      for (size_t i = 0; i < json_array_size(l); i++) {
        const json_t *e = json_array_get(l, i);
        int64_t want = stories_with(results, o, json_object_get(e, "value"));
        assert_int_equal(json_integer_value(json_object_get(e, "count")), want);
      }
      /* the per-article search counts the same (its own code) */
      char *a = json_dumps(l, JSON_COMPACT), *b = json_dumps(json_object_get(pfc, o ? "outlets" : "years"), JSON_COMPACT);
      assert_string_equal(a, b);
      free(a);
      free(b);
    }
    /* stories with several articles of one outlet count once: fewer
    ** than the articles (every outlet is listed: there are five) */
    int64_t sum = 0, with_outlet = 0;
    const json_t *ol = json_object_get(fc, "outlets");
    for (size_t i = 0; i < json_array_size(ol); i++)
      sum += json_integer_value(json_object_get(json_array_get(ol, i), "count"));
    for (size_t i = 0; i < json_array_size(results); i++)
      with_outlet += json_is_string(
          json_object_get(json_object_get(json_array_get(results, i), "article"), "outlet"));
    assert_true(sum > 0 && sum < with_outlet);
    json_decref(fc);
    json_decref(pfc);
    json_decref(pa);
    free(story_mode);
    free(per_article);
  }
}

/* Each result's story fields and sources (a story of one article
** written from the result's own article row, of several through its own
** query) are the story view's, in both result modes. */
static void result_sources_are_the_story_view(void **state) {
  fx *f = *state;
  static const char *const queries[] = {"hợp tác", "huấn luyện", "biên giới"};
  int single = 0, several = 0;
  for (size_t q = 0; q < sizeof queries / sizeof *queries; q++)
    for (int mode = 0; mode < 2; mode++) {
      hoso_query hq = {0};
      hq.q = queries[q];
      hq.q_n = strlen(queries[q]);
      hq.limit = 100;
      hq.flags = HOSO_Q_NO_FACETS | (mode ? HOSO_Q_ARTICLES : 0);
      char *answer = NULL;
      hoso_error err;
      assert_int_equal(hoso_search(f->ar, &hq, &answer, NULL, &err), HOSO_OK);
      json_t *r = hoso__json_parse(answer, strlen(answer), NULL);
      const json_t *res = json_object_get(r, "results");
      assert_true(json_array_size(res) > 0);
      for (size_t i = 0; i < json_array_size(res); i++) {
        const json_t *x = json_array_get(res, i);
        char *sj = NULL;
        assert_int_equal(hoso_story(f->ar, json_integer_value(json_object_get(x, "story")), &sj, NULL, &err),
                         HOSO_OK);
        json_t *st = hoso__json_parse(sj, strlen(sj), NULL);
        static const char *const keys[] = {"title", "earliest", "credit", "n_articles",
                                           "n_outlets", "origin_article", "sources"};
        for (size_t k = 0; k < sizeof keys / sizeof *keys; k++)
          if (!json_equal(json_object_get(x, keys[k]), json_object_get(st, keys[k])))
            fail_msg("'%s' result %zu: %s differs from the story view", queries[q], i, keys[k]);
        if (json_integer_value(json_object_get(st, "n_articles")) == 1)
          single++;
        else
          several++;
        json_decref(st);
        free(sj);
      }
      json_decref(r);
      free(answer);
    }
  assert_true(single > 0 && several > 0); /* both ways of writing sources */
}

/* ---- the facet cache ---- */

static void fcache_rules(void **state) {
  (void)state;
  sq_fcache *c;
  assert_int_equal(hoso__sq_fcache_new(64 << 10, &c), HOSO_OK);
  hoso__sq_fcache_sync(c, 1, 1);
  int64_t ids[600];
  for (size_t i = 0; i < 600; i++) ids[i] = 3 * (int64_t)i + 1;
  size_t len;
  assert_null(hoso__sq_fcache_get(c, 0, ids, 600, &len));
  assert_int_equal(hoso__sq_fcache_put(c, 0, ids, 600, "{\"a\":1}", 7), HOSO_OK);
  const char *got = hoso__sq_fcache_get(c, 0, ids, 600, &len);
  assert_non_null(got);
  assert_int_equal(len, 7);
  assert_memory_equal(got, "{\"a\":1}", 7);
  /* another mode, fewer ids, one id changed (ids[300]: one the hash does
  ** not read, so only the whole comparison tells), the same ids
  ** reordered: none */
  assert_null(hoso__sq_fcache_get(c, 1, ids, 600, &len));
  assert_null(hoso__sq_fcache_get(c, 0, ids, 599, &len));
  ids[300]++;
  assert_null(hoso__sq_fcache_get(c, 0, ids, 600, &len));
  ids[300]--;
  int64_t t = ids[0];
  ids[0] = ids[1];
  ids[1] = t;
  assert_null(hoso__sq_fcache_get(c, 0, ids, 600, &len));
  ids[1] = ids[0];
  ids[0] = t;
  /* the same key again replaces the bytes */
  assert_int_equal(hoso__sq_fcache_put(c, 0, ids, 600, "{}", 2), HOSO_OK);
  got = hoso__sq_fcache_get(c, 0, ids, 600, &len);
  assert_true(got && len == 2 && !memcmp(got, "{}", 2));
  uint64_t hits, puts;
  size_t bytes;
  hoso__sq_fcache_counts(c, &hits, &puts, &bytes);
  assert_int_equal(hits, 2);
  assert_int_equal(puts, 2);
  assert_true(bytes > 2400 && bytes < 8192); /* one entry: the old one went */
  /* over an eighth of the bound, or an id past 32 bits: not kept */
  int64_t big[2100];
  for (size_t i = 0; i < 2100; i++) big[i] = (int64_t)i;
  assert_int_equal(hoso__sq_fcache_put(c, 0, big, 2100, "{}", 2), HOSO_OK);
  assert_null(hoso__sq_fcache_get(c, 0, big, 2100, &len));
  int64_t wide[2] = {1, (int64_t)1 << 33};
  assert_int_equal(hoso__sq_fcache_put(c, 0, wide, 2, "{}", 2), HOSO_OK);
  assert_null(hoso__sq_fcache_get(c, 0, wide, 2, &len));
  /* the bound holds: the least recently used go first */
  for (int k = 0; k < 40; k++) {
    for (size_t i = 0; i < 600; i++) big[i] = (int64_t)i * 5 + k;
    assert_int_equal(hoso__sq_fcache_put(c, 2, big, 600, "{}", 2), HOSO_OK);
    hoso__sq_fcache_counts(c, &hits, &puts, &bytes);
    assert_true(bytes <= 64 << 10);
  }
  assert_null(hoso__sq_fcache_get(c, 0, ids, 600, &len)); /* the oldest */
  assert_non_null(hoso__sq_fcache_get(c, 2, big, 600, &len)); /* the newest */
  /* the same state keeps, another empties */
  hoso__sq_fcache_sync(c, 1, 1);
  assert_non_null(hoso__sq_fcache_get(c, 2, big, 600, &len));
  hoso__sq_fcache_sync(c, 1, 2);
  assert_null(hoso__sq_fcache_get(c, 2, big, 600, &len));
  hoso__sq_fcache_counts(c, &hits, &puts, &bytes);
  assert_int_equal(bytes, 0);
  hoso__sq_fcache_free(c);
  /* a zero bound keeps nothing */
  assert_int_equal(hoso__sq_fcache_new(0, &c), HOSO_OK);
  assert_int_equal(hoso__sq_fcache_put(c, 0, ids, 600, "{}", 2), HOSO_OK);
  assert_null(hoso__sq_fcache_get(c, 0, ids, 600, &len));
  hoso__sq_fcache_free(c);
}

static char *search_with(hoso_archive *ar, const char *q, int64_t offset, int64_t limit,
                         unsigned flags, const char *from, const char *outlet,
                         const char *person) {
  hoso_query hq = {0};
  hq.q = q;
  hq.q_n = strlen(q);
  hq.offset = offset;
  hq.limit = limit;
  hq.flags = flags;
  hq.from = from;
  hq.outlet = outlet;
  hq.person = person;
  char *json = NULL;
  hoso_error err;
  if (hoso_search(ar, &hq, &json, NULL, &err)) fail_msg("search '%s': %s", q, err.message);
  return json;
}

/* Answers with the facet cache are those without it: pages, ranking
** options, per article, filters (each its own match set), asked twice
** (the second from the cache), on a handle with the cache and one
** without. */
static void fcache_same_answers(void **state) {
  fx *f = *state;
  hoso_archive *with, *without;
  hoso_error err;
  assert_int_equal(hoso_archive_open(f->path, HOSO_ARCHIVE_READONLY, &with, &err), HOSO_OK);
  assert_int_equal(hoso_archive_open(f->path, HOSO_ARCHIVE_READONLY, &without, &err), HOSO_OK);
  hoso__sq_fcache_enable((sq_store *)hoso__archive_store(without), 0);
  static const char *const queries[] = {"hợp tác", "quân sự", "biên giới", "huấn luyện",
                                        "hop tac quan su", "hợp tác -quân"};
  static const struct {
    int64_t offset, limit;
    unsigned flags;
    const char *from, *outlet, *person;
  } opts[] = {{0, 5, 0, NULL, NULL, NULL},
              {5, 5, 0, NULL, NULL, NULL},
              {0, 5, HOSO_Q_FRESHNESS | HOSO_Q_SOURCES, NULL, NULL, NULL},
              {0, 5, HOSO_Q_ARTICLES, NULL, NULL, NULL},
              {10, 5, HOSO_Q_ARTICLES | HOSO_Q_NO_SNIPPETS, NULL, NULL, NULL},
              {0, 5, 0, "2013", NULL, NULL},
              {0, 5, 0, NULL, "qdnd.vn", NULL},
              {0, 5, 0, NULL, NULL, "Nguyễn Văn An"}};
  for (int round = 0; round < 2; round++)
    for (size_t q = 0; q < sizeof queries / sizeof *queries; q++)
      for (size_t k = 0; k < sizeof opts / sizeof *opts; k++) {
        char *a = search_with(with, queries[q], opts[k].offset, opts[k].limit, opts[k].flags,
                              opts[k].from, opts[k].outlet, opts[k].person);
        char *b = search_with(without, queries[q], opts[k].offset, opts[k].limit,
                              opts[k].flags, opts[k].from, opts[k].outlet, opts[k].person);
        if (strcmp(a, b))
          fail_msg("'%s' (options %zu, round %d) differs:\ncached:  %.800s\ncounted: %.800s",
                   queries[q], k, round, a, b);
        free(a);
        free(b);
      }
  uint64_t hits, puts;
  size_t bytes;
  hoso__sq_fcache_counts(((sq_store *)hoso__archive_store(with))->fcache, &hits, &puts, &bytes);
  assert_true(puts >= 10);   /* distinct match sets of 32 hits or more */
  assert_true(hits >= puts); /* at least every one of them again */
  assert_null(((sq_store *)hoso__archive_store(without))->fcache);
  hoso_archive_close(with);
  hoso_archive_close(without);
}

/* Ranking by sources counts each story's distinct outlets among its
** hits: in a bit mask while grouping (fewer than 64 outlets) or over the
** story's hits in order (more): the same answers either way. */
static void outlets_by_mask_or_by_hits(void **state) {
  fx *f = *state;
  sq_store *s = (sq_store *)hoso__archive_store(f->ar);
  static const char *const queries[] = {"hợp tác", "quân sự", "biên giới", "hop tac quan su"};
  static const unsigned flags[] = {HOSO_Q_SOURCES, HOSO_Q_SOURCES | HOSO_Q_FRESHNESS,
                                   HOSO_Q_SOURCES | HOSO_Q_NO_FACETS};
  int differ = 0;
  for (size_t q = 0; q < sizeof queries / sizeof *queries; q++)
    for (size_t k = 0; k < sizeof flags / sizeof *flags; k++) {
      s->group_no_masks = 0;
      char *a = search_with(f->ar, queries[q], 0, 20, flags[k], NULL, NULL, NULL);
      s->group_no_masks = 1;
      char *b = search_with(f->ar, queries[q], 0, 20, flags[k], NULL, NULL, NULL);
      s->group_no_masks = 0;
      char *plain = search_with(f->ar, queries[q], 0, 20, flags[k] & HOSO_Q_NO_FACETS, NULL, NULL, NULL);
      if (strcmp(a, b))
        fail_msg("'%s' (flags %u): mask %.600s\nhits %.600s", queries[q], flags[k], a, b);
      if (k != 1) differ += strcmp(a, plain) != 0; /* the outlets did change the ranking */
      free(a);
      free(b);
      free(plain);
    }
  assert_true(differ > 0);
}

/* Kept facets go when the archive changes (here through other
** connections): an article of a new year is counted at once (a new match
** set), and so is a person renamed behind the handle's back (the same
** match set: only the cache's reset shows it). Runs last: it changes the
** archive. */
static void fcache_follows_archive(void **state) {
  fx *f = *state;
  hoso_archive *ar;
  hoso_error err;
  assert_int_equal(hoso_archive_open(f->path, HOSO_ARCHIVE_READONLY, &ar, &err), HOSO_OK);
  char *before = test_search(ar, "hợp tác", 5);
  char *again = test_search(ar, "hợp tác", 5); /* from the cache */
  assert_string_equal(before, again);
  test_hasnt(before, "{\"value\":2031,");
  hoso_ingest *ing;
  hoso_ingest_options o = {1, 0, NULL, NULL, 0, 0};
  assert_int_equal(hoso_ingest_open(f->ar, &o, &ing, &err), HOSO_OK);
  hoso_document d = {0};
  d.data = "Hà Nội, ngày 2 tháng 3 năm 2031.\n\nHai bên trao đổi về hợp tác.\n";
  d.n = strlen(d.data);
  d.is_text = 1;
  d.origin = "test-new-year";
  d.published = "2031-03-02";
  d.outlet = "qdnd.vn";
  assert_int_equal(hoso_ingest_document(ing, &d, &err), HOSO_OK);
  hoso_ingest_stats st;
  assert_int_equal(hoso_ingest_finish(ing, &st, &err), HOSO_OK);
  hoso_ingest_close(ing);
  assert_int_equal(st.added, 1);
  char *after = test_search(ar, "hợp tác", 5);
  test_has(after, "{\"value\":2031,\"count\":1}");
  char *after2 = test_search(ar, "hợp tác", 5); /* from the cache */
  assert_string_equal(after, after2);
  test_has(after, "\"Nguyễn Văn An\"");
  sqlite3 *db;
  assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
  assert_int_equal(sqlite3_exec(db,
                                "UPDATE entity SET name='Nguyễn Văn An Hai' WHERE kind=1 AND"
                                " name='Nguyễn Văn An'",
                                NULL, NULL, NULL),
                   SQLITE_OK);
  assert_int_equal(sqlite3_changes(db), 1);
  sqlite3_close(db);
  char *renamed = test_search(ar, "hợp tác", 5);
  test_has(renamed, "\"Nguyễn Văn An Hai\"");
  hoso__sq_fcache_enable((sq_store *)hoso__archive_store(ar), 0);
  char *counted = test_search(ar, "hợp tác", 5);
  assert_string_equal(renamed, counted);
  free(after2);
  free(renamed);
  free(before);
  free(again);
  free(after);
  free(counted);
  hoso_archive_close(ar);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(facets_memory_equals_sql),
      cmocka_unit_test(outlet_year_facets_count_stories),
      cmocka_unit_test(filters_keep_the_listed_articles),
      cmocka_unit_test(result_sources_are_the_story_view),
      cmocka_unit_test(fcache_rules),
      cmocka_unit_test(fcache_same_answers),
      cmocka_unit_test(outlets_by_mask_or_by_hits),
      cmocka_unit_test(fcache_follows_archive), /* last: adds an article */
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
