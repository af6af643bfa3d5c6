/* test_ner.c -- entities and events: date normalisation, name keys,
** gazetteer matching (case, tone placement), rank/title/name spans,
** event patterns, and bad input (empty, no entities, ranks without names,
** ALL CAPS, Cyrillic only, thousands of names, invalid UTF-8). */
#include "testutil.h"

#include <unistd.h>

#include "events/events.h"
#include "ner/clusters.h"
#include "ner/memory.h"
#include "ner/model.h"
#include "ner/ner.h"
#include "tag/tag.h"
#include "text/text.h"

static hoso_ner *ner;
static hoso__gaz *gaz;

static int setup(void **state) {
  (void)state;
  hoso_error err;
  hoso_error_clear(&err);
  if (!(ner = test_ner_open())) return -1;
  if (hoso__gaz_load("models/gazetteers", &gaz, &err) != HOSO_OK) return -1;
  return 0;
}
static int teardown(void **state) {
  (void)state;
  hoso_ner_close(ner);
  hoso__gaz_free(gaz);
  return 0;
}

/* ---- tokens ------------------------------------------------------------ */

typedef struct tok_list { hoso_token t[64]; size_t n; } tok_list;
static int collect(void *ctx, const hoso_token *t) {
  tok_list *l = ctx;
  if (l->n < 64) l->t[l->n++] = *t;
  return 0;
}

/* The entity scanner splits text exactly as the text core's tokenizer
** does (same byte spans), classes its tokens, marks line starts, and turns
** junk between tokens (invalid UTF-8, control bytes) into tokens of its own. */
static void test_scan_tokens(void **state) {
  (void)state;
  const char *text = "Tại TP.HCM ngày 20/05/2021, COVID-19\nÔng A34 nói.";
  tok_list l = {.n = 0};
  assert_int_equal(hoso__tokenize(text, strlen(text), collect, &l), 0);
  hoso__ndoc d;
  assert_int_equal(hoso__ndoc_scan(&d, text, strlen(text), NULL), HOSO_OK);
  assert_int_equal(d.ntok, l.n);
  for (size_t i = 0; i < l.n; i++) {
    assert_int_equal(d.tok[i].off, l.t[i].start);
    assert_int_equal(d.tok[i].off + d.tok[i].len, l.t[i].end);
  }
  /* Tại TP.HCM ngày 20/05/2021 , COVID-19 | Ông A34 nói . */
  assert_int_equal(d.ntok, 10);
  assert_true(d.tok[1].flags & NT_WORD);
  assert_int_equal(d.tok[1].len, strlen("TP.HCM"));
  assert_true(d.tok[3].flags & NT_NUM);
  assert_true(d.tok[4].flags & NT_PUNCT);
  assert_true(d.tok[5].flags & NT_WORD);
  assert_true(d.tok[6].flags & NT_NL);
  assert_false(d.tok[7].flags & NT_NL);
  assert_int_equal(d.nsent, 2);
  assert_int_equal(d.sent[1].tok0, 6);
  hoso__ndoc_free(&d);
  const char junk[] = "Lê \x01 Văn \xff\xfe Hà";
  assert_int_equal(hoso__ndoc_scan(&d, junk, sizeof junk - 1, NULL), HOSO_OK);
  assert_int_equal(d.ntok, 5); /* Lê, \x01, Văn, \xff\xfe, Hà */
  assert_true(d.tok[1].flags & NT_PUNCT);
  assert_int_equal(d.tok[3].off, 11);
  assert_int_equal(d.tok[3].len, 2);
  hoso__ndoc_free(&d);
  /* a hyphen inside a name joins it; one with spaces does not */
  const char *hy = "Kim Jong-Il và Timor - Leste";
  assert_int_equal(hoso__ndoc_scan(&d, hy, strlen(hy), NULL), HOSO_OK);
  assert_int_equal(d.ntok, 6);
  assert_int_equal(d.tok[1].off, 4);
  assert_int_equal(d.tok[1].len, strlen("Jong-Il"));
  assert_true((d.tok[1].flags & NT_WORD) && (d.tok[1].flags & NT_UPPER));
  assert_true(hoso__tok_is(&d, 1, "jong-il"));
  assert_true(hoso__tok_is(&d, 2, "và") || d.tok[2].flags & NT_WORD);
  assert_true(d.tok[4].flags & NT_PUNCT);
  hoso__ndoc_free(&d);
}

/* Sentences: an abbreviation's full stop ("TP. HCM", "Q. 1", "PGS. TS.")
** ends none; a full stop before a capital does; with HOSO__SCAN_LINES
** (CoNLL input) only line breaks do. */
static void test_scan_sentences(void **state) {
  (void)state;
  hoso__ndoc d;
  const char *t1 = "Tại TP. HCM và Q. 1 có PGS. TS. Lan. Sau đó Ông An đến.";
  assert_int_equal(hoso__ndoc_scan(&d, t1, strlen(t1), NULL), HOSO_OK);
  assert_int_equal(d.nsent, 2);
  assert_true(hoso__tok_is(&d, d.sent[1].tok0, "sau"));
  hoso__ndoc_free(&d);
  const char *t2 = "Ông A đến Hà Nội. Bà B ở lại\nHai bên";
  assert_int_equal(hoso__ndoc_scan_opts(&d, t2, strlen(t2), HOSO__SCAN_LINES, NULL), HOSO_OK);
  assert_int_equal(d.nsent, 2);
  assert_true(hoso__tok_is(&d, d.sent[1].tok0, "hai"));
  hoso__ndoc_free(&d);
  assert_int_equal(hoso__ndoc_scan(&d, t2, strlen(t2), NULL), HOSO_OK);
  assert_int_equal(d.nsent, 3);
  hoso__ndoc_free(&d);
}

/* Word classes: lookups, the item of a token, clear errors on bad lines. */
static void test_clusters(void **state) {
  (void)state;
  const char ok[] = "# classes\nha1\t3\n^ha1\t7\n0\t2\r\n";
  hoso__nclust *c = NULL;
  hoso_error err;
  hoso_error_clear(&err);
  assert_int_equal(hoso__nclust_load(ok, sizeof ok - 1, "t.tsv", &c, &err), HOSO_OK);
  assert_int_equal(hoso__nclust_nclasses(c), 8);
  assert_int_equal(hoso__nclust_get(c, "ha1", 3), 3);
  assert_int_equal(hoso__nclust_get(c, "^ha1", 4), 7);
  assert_int_equal(hoso__nclust_get(c, "ha2", 3), HOSO_NCLUST_NONE);
  /* tokens: a sentence-initial capital is looked up lower case, a capital
  ** inside the sentence with '^', a number as "0" */
  hoso__ndoc d;
  const char *text = "Hà ở Hà 20/5";
  assert_int_equal(hoso__ndoc_scan(&d, text, strlen(text), NULL), HOSO_OK);
  char item[HOSO_NCLUST_MAX_ITEM];
  size_t n = hoso__nclust_item(&d, 2, item);
  assert_true(n > 1 && item[0] == '^');
  assert_int_equal(hoso__nclust_tok(c, &d, 3), 2);
  assert_int_equal(hoso__nclust_tok(c, &d, 2) == HOSO_NCLUST_NONE,
                   hoso__nclust_get(c, item, n) == HOSO_NCLUST_NONE);
  assert_int_not_equal(hoso__nclust_tok(c, &d, 0), 7); /* not the '^' item */
  hoso__ndoc_free(&d);
  hoso__nclust_free(c);
  const char bad[] = "a\t1\nb\tx\n";
  c = NULL;
  assert_int_equal(hoso__nclust_load(bad, sizeof bad - 1, "bad.tsv", &c, &err), HOSO_EMODEL);
  assert_null(c);
  assert_non_null(strstr(err.message, "line 2"));
  assert_int_equal(err.offset, 4);
  assert_int_equal(hoso__nclust_open("/nonexistent/ner-clusters.tsv", &c, &err), HOSO_EIO);
}

/* The memory of names (memory.c): built from labelled spans, the longest
** remembered sequence wins, a prefix alone is no match, the bucket says
** how often the tokens were an entity where they occurred; save/load
** gives the same answers; bad lines are errors naming line and offset. */
static void test_name_memory(void **state) {
  (void)state;
  hoso__ndoc d;
  const char *text = "Ngân hàng Chính sách xã hội cho vay\n"
                     "Ngân hàng Nhà nước và Ngân hàng Chính sách xã hội\n"
                     "Hội nói Hội làm , Hội đi";
  assert_int_equal(hoso__ndoc_scan_opts(&d, text, strlen(text), HOSO__SCAN_LINES, NULL),
                   HOSO_OK);
  assert_int_equal(d.nsent, 3);
  hoso__nmem *m = hoso__nmem_new();
  assert_non_null(m);
  uint32_t s1 = d.sent[1].tok0, s2 = d.sent[2].tok0;
  assert_int_equal(hoso__nmem_add_entity(m, &d, 0, 6, 2), HOSO_OK);      /* ORG */
  assert_int_equal(hoso__nmem_add_entity(m, &d, s1 + 5, s1 + 11, 2), HOSO_OK);
  assert_int_equal(hoso__nmem_add_entity(m, &d, s2, s2 + 1, 1), HOSO_OK); /* one of 3 */
  for (size_t k = 0; k < d.nsent; k++) hoso__nmem_count_text(m, &d, d.sent[k].tok0, d.sent[k].tok1);
  hoso__nmem_finish(m);
  char path[] = "/tmp/hoso-nmem-XXXXXX";
  int fd = mkstemp(path);
  assert_true(fd >= 0);
  close(fd);
  hoso_error err;
  hoso_error_clear(&err);
  assert_int_equal(hoso__nmem_save(m, path, &err), HOSO_OK);
  hoso__nmem *l = NULL;
  assert_int_equal(hoso__nmem_open(path, &l, &err), HOSO_OK);
  unlink(path);
  for (int pass = 0; pass < 2; pass++) {
    const hoso__nmem *x = pass ? l : m;
    int ty = 0;
    unsigned rel = 9;
    assert_int_equal(hoso__nmem_match(x, &d, 0, d.sent[0].tok1, &ty, &rel), 6);
    assert_int_equal(ty, 2);
    assert_int_equal(rel, 2); /* both occurrences were the entity */
    ty = 0;
    /* "Ngân hàng Nhà nước": "Ngân hàng" is only a prefix */
    assert_int_equal(hoso__nmem_match(x, &d, s1, d.sent[1].tok1, &ty, &rel), 0);
    assert_int_equal(ty, 0);
    /* the sentence end cuts the sequence short */
    assert_int_equal(hoso__nmem_match(x, &d, s1 + 5, s1 + 9, &ty, &rel), 0);
    assert_int_equal(hoso__nmem_match(x, &d, s2 + 2, d.sent[2].tok1, &ty, &rel), 1);
    assert_int_equal(ty, 1);
    assert_int_equal(rel, 0); /* "Hội" was a person once in three */
  }
  hoso__nmem_free(m);
  hoso__nmem_free(l);
  hoso__ndoc_free(&d);
  static const char *const bad[] = {
      "# c\n0123456789abcdef\tO\t2\n0123456789abcdeg\tO\t2\n", /* not hex */
      "# c\n0123456789abcdef\tO\t2\n0123456789abcdee\tX\t2\n", /* type */
      "# c\n0123456789abcdef\tO\t2\n0123456789abcdee\t-\t1\n", /* prefix bucket */
      "# c\n0123456789abcdef\tO\t2\n0123456789abcdef\tP\t0\n", /* twice */
      "# c\n0123456789abcdef\tO\t2\n0123456789abcdee\tO\t3\n", /* bucket */
  };
  for (size_t k = 0; k < sizeof bad / sizeof *bad; k++) {
    l = NULL;
    hoso_error_clear(&err);
    assert_int_equal(hoso__nmem_load(bad[k], strlen(bad[k]), "m.tsv", &l, &err), HOSO_EMODEL);
    assert_null(l);
    assert_non_null(strstr(err.message, "line 3"));
    assert_int_equal(err.offset, 25);
    assert_non_null(strstr(err.file, "m.tsv"));
  }
}

/* ---- dates ------------------------------------------------------------ */

/* Normalise the first date expression of text against pub ("" = none). */
static void date_of(const char *text, const char *pub, char *value, size_t vn,
                    const char **daypart, int *determinable) {
  hoso__ndoc d;
  assert_int_equal(hoso__ndoc_scan(&d, text, strlen(text), NULL), HOSO_OK);
  assert_int_equal(hoso__gaz_scan(gaz, &d, NULL), HOSO_OK);
  hoso__date ref;
  memset(&ref, 0, sizeof ref);
  if (*pub) assert_int_equal(hoso__date_from_iso(pub, strlen(pub), &ref), 0);
  else ref.determinable = 0;
  value[0] = 0;
  *daypart = NULL;
  *determinable = -1;
  for (uint32_t i = 0; i < d.ntok; i++) {
    hoso__date dt;
    if (hoso__date_at(&d, gaz, i, &ref, &dt)) {
      hoso__date_format(&dt, value, vn);
      *daypart = dt.daypart;
      *determinable = dt.determinable;
      break;
    }
  }
  hoso__ndoc_free(&d);
}

static void check_date(const char *text, const char *pub, const char *want,
                       const char *want_daypart, int want_det) {
  char v[32];
  const char *dp;
  int det;
  date_of(text, pub, v, sizeof v, &dp, &det);
  if (strcmp(v, want) != 0) fail_msg("'%s' (pub %s): got '%s', want '%s'", text, pub, v, want);
  if (want_daypart) assert_non_null(dp), assert_string_equal(dp, want_daypart);
  if (want_det >= 0) assert_int_equal(det, want_det);
}

static void test_dates(void **state) {
  (void)state;
  check_date("Chiều 20/5, tại Hà Nội", "2021-05-20", "2021-05-20", "afternoon", 1);
  check_date("Thứ năm 20/05/2021 17:42 GMT + 7", "", "2021-05-20", NULL, 1);
  check_date("hôm qua, ông nói", "2021-05-20", "2021-05-19", NULL, 1);
  check_date("sáng nay đoàn đến", "2021-05-20", "2021-05-20", "morning", 1);
  check_date("tuần tới sẽ ký", "2021-05-20", "2021-W21", NULL, 1);
  check_date("vào tháng 9 năm ngoái", "2021-05-20", "2020-09", NULL, 1);
  check_date("ngày 5 tháng 10 năm 2024", "", "2024-10-05", NULL, 1);
  check_date("tháng 9/2025", "", "2025-09", NULL, 1);
  check_date("năm 2025", "", "2025", NULL, 1);
  check_date("от 29 октября 2018 г.", "", "2018-10-29", NULL, 1);
  /* the year of a day and month: the publication year, or the one before
  ** when that would be long after publication */
  check_date("ngày 28/12", "2022-01-03", "2021-12-28", NULL, 1);
  check_date("ngày 2/1", "2022-01-03", "2022-01-02", NULL, 1);
  /* an article dated in the future is just a date */
  check_date("hôm qua", "2099-03-01", "2099-02-28", NULL, 1);
  check_date("ngày 29/2/2024", "", "2024-02-29", NULL, 1);
  /* undeterminable without a publication date: says so */
  check_date("hôm qua", "", "", NULL, 0);
  check_date("Chiều 20/5", "", "XXXX-05-20", "afternoon", 0);
  /* not dates */
  check_date("ngày 29/2/2023", "", "", NULL, -1);
  check_date("ngày 31/4", "2021-05-20", "", NULL, -1);
  check_date("Quốc khánh 2-9", "2025-09-03", "", NULL, -1);
  check_date("giai đoạn 2024 - 2027", "", "", NULL, -1);
}

static void test_calendar(void **state) {
  (void)state;
  for (int64_t z = -800000; z <= 800000; z += 997) {
    int y, m, d;
    hoso__civil_from_days(z, &y, &m, &d);
    assert_int_equal(hoso__days_from_civil(y, m, d), z);
  }
  assert_int_equal(hoso__days_from_civil(1970, 1, 1), 0);
}

/* ---- keys ------------------------------------------------------------- */

static char *name_key(const char *s) {
  hoso_buf b;
  hoso__buf_init(&b, 0);
  assert_int_equal(hoso__name_key_append(&b, s, strlen(s)), HOSO_OK);
  if (!b.p) assert_int_equal(hoso__buf_adds(&b, ""), HOSO_OK);
  return hoso__buf_take(&b);
}

static void same_key(const char *a, const char *b) {
  char *ka = name_key(a), *kb = name_key(b);
  if (strcmp(ka, kb)) fail_msg("'%s' -> '%s' but '%s' -> '%s'", a, ka, b, kb);
  hoso_free(ka);
  hoso_free(kb);
}
static void other_key(const char *a, const char *b) {
  char *ka = name_key(a), *kb = name_key(b);
  if (!strcmp(ka, kb)) fail_msg("'%s' and '%s' both -> '%s'", a, b, ka);
  hoso_free(ka);
  hoso_free(kb);
}

static void test_keys(void **state) {
  (void)state;
  same_key("Андрей Картаполов", "Andrey Kartapolov");
  same_key("Картаполов Андрей", "Andrey Kartapolov");
  same_key("Александр Васильевич Фомин", "Alexander Fomin");
  same_key("Alexander Vasilyevich Fomin", "Александр Фомин");
  same_key("Сергей Шойгу", "Sergei Shoigu");
  same_key("Lương Cường", "LƯƠNG CƯỜNG");
  same_key("Lương Cường", "Luong Cuong");
  same_key("Nguyễn Văn Hoà", "Nguyễn Văn Hòa");
  other_key("Lương Cường", "Lương Tam Quang");
  other_key("Andrey Kartapolov", "Andrey Belousov");
  /* the match key keeps vowel marks but not tone placement */
  hoso_buf a, b;
  hoso__buf_init(&a, 0);
  hoso__buf_init(&b, 0);
  assert_int_equal(hoso__match_key_append(&a, "Thiếu uý", strlen("Thiếu uý")), 0);
  assert_int_equal(hoso__match_key_append(&b, "thiếu úy", strlen("thiếu úy")), 0);
  assert_string_equal(a.p, b.p);
  hoso__buf_reset(&b);
  assert_int_equal(hoso__match_key_append(&b, "Lao", 3), 0);
  hoso__buf_reset(&a);
  assert_int_equal(hoso__match_key_append(&a, "Lào", strlen("Lào")), 0);
  assert_string_not_equal(a.p, b.p);
  hoso__buf_free(&a);
  hoso__buf_free(&b);
}

/* ---- gazetteers ------------------------------------------------------- */

static int class_at(const char *text, uint32_t tok, unsigned mask, uint32_t *len,
                    const char **canon) {
  hoso__ndoc d;
  assert_int_equal(hoso__ndoc_scan(&d, text, strlen(text), NULL), HOSO_OK);
  assert_int_equal(hoso__gaz_scan(gaz, &d, NULL), HOSO_OK);
  int id = hoso__gaz_match(gaz, &d, tok, mask, len);
  if (canon) *canon = id >= 0 ? hoso__gaz_entry(gaz, id)->f[2] : NULL;
  hoso__ndoc_free(&d);
  return id;
}

static void test_gazetteers(void **state) {
  (void)state;
  uint32_t l;
  const char *c;
  assert_true(class_at("Đại tướng Lương Cường", 0, GCM(GC_RANK), &l, &c) >= 0);
  assert_int_equal(l, 2);
  assert_string_equal(c, "Đại tướng");
  assert_true(class_at("ĐẠI TƯỚNG LƯƠNG CƯỜNG", 0, GCM(GC_RANK), &l, NULL) >= 0);
  assert_true(class_at("Thiếu úy Nam", 0, GCM(GC_RANK), &l, NULL) >= 0);
  assert_true(class_at("Thiếu uý Nam", 0, GCM(GC_RANK), &l, NULL) >= 0);
  assert_true(class_at("генерал-полковник Фомин", 0, GCM(GC_RANK), &l, &c) >= 0);
  assert_string_equal(c, "Thượng tướng");
  /* longest match: "Liên bang Nga", not "Nga" */
  assert_true(class_at("Liên bang Nga", 0, GCM(GC_GPE), &l, &c) >= 0);
  assert_int_equal(l, 3);
  assert_string_equal(c, "Liên bang Nga");
  assert_true(class_at("Россия", 0, GCM(GC_GPE), &l, &c) >= 0);
  assert_string_equal(c, "Liên bang Nga");
  /* provinces before and after the 2025 merger */
  assert_true(class_at("tỉnh Hà Giang", 1, GCM(GC_LOC), &l, NULL) >= 0);
  assert_true(class_at("tỉnh Tuyên Quang", 1, GCM(GC_LOC), &l, NULL) >= 0);
  assert_true(class_at("Huân chương Hữu nghị", 0, GCM(GC_AWARD), &l, NULL) >= 0);
  assert_true(class_at("Tổng thống", 0, GCM(GC_TITLE), &l, NULL) >= 0);
  assert_int_equal(class_at("tổng hợp", 0, GCM(GC_TITLE), &l, NULL), -1);
}

static void test_gazetteer_errors(void **state) {
  (void)state;
  hoso_error err;
  hoso_error_clear(&err);
  hoso__gaz *g;
  assert_int_not_equal(hoso__gaz_load("/nonexistent-dir", &g, &err), HOSO_OK);
  char path[] = "/tmp/hoso-gaz-XXXXXX";
  int fd = mkstemp(path);
  assert_true(fd >= 0);
  const char bad[] = "Hà Nội\tNOTACLASS\tHà Nội\n";
  assert_int_equal(write(fd, bad, sizeof bad - 1), (ssize_t)(sizeof bad - 1));
  close(fd);
  hoso__gaz *g2 = calloc(1, 1); /* not used: add_file needs a loaded g */
  free(g2);
  assert_int_equal(hoso__gaz_load("models/gazetteers", &g, &err), HOSO_OK);
  hoso_error_clear(&err);
  assert_int_equal(hoso__gaz_add_file(g, path, &err), HOSO_EFORMAT);
  assert_non_null(strstr(err.message, "line 1"));
  assert_non_null(strstr(err.file, "hoso-gaz-"));
  hoso__gaz_free(g);
  unlink(path);
}

/* ---- whole analyses ----------------------------------------------------- */

static char *analyze(const char *text, const char *pub) {
  char *json = NULL;
  size_t n;
  hoso_error err;
  hoso_error_clear(&err);
  int rc = hoso_ner_analyze(ner, text, strlen(text), pub,
                            HOSO_NER_ENTITIES | HOSO_NER_EVENTS, &json, &n, &err);
  if (rc) fail_msg("analyze: %s", err.message);
  assert_int_equal(strlen(json), n);
  return json;
}


static void test_spans(void **state) {
  (void)state;
  char *j = analyze("Tổng thống Mỹ Donald Trump đã hội đàm với Thủ tướng Nhật Bản Shinzo Abe.", NULL);
  test_has(j, "\"type\":\"PER\",\"name\":\"Donald Trump\"");
  test_has(j, "\"posts\":[\"Tổng thống Mỹ\"],\"country\":\"US\"");
  test_has(j, "\"name\":\"Shinzo Abe\"");
  test_has(j, "\"posts\":[\"Thủ tướng Nhật Bản\"],\"country\":\"JP\"");
  test_has(j, "\"type\":\"GPE\",\"name\":\"Hoa Kỳ\"");
  test_hasnt(j, "\"name\":\"Tổng thống Mỹ Donald Trump\"");
  test_has(j, "\"type\":\"talks\"");
  hoso_free(j);
  /* rank, name, two posts; a post stated before the rank */
  j = analyze("Thứ trưởng Bộ Quốc phòng Thượng tướng Hoàng Xuân Chiến tiếp Đại tá "
              "Ivan Petrov, Tùy viên Quốc phòng Nga.", NULL);
  test_has(j, "\"name\":\"Hoàng Xuân Chiến\",\"key\":\"chien hoang ksuan\",\"rank\":\"Thượng tướng\","
         "\"posts\":[\"Thứ trưởng Bộ Quốc phòng\"]");
  test_has(j, "\"name\":\"Ivan Petrov\"");
  test_has(j, "\"rank\":\"Đại tá\",\"posts\":[\"Tùy viên Quốc phòng Nga\"],\"country\":\"RU\"");
  test_has(j, "\"type\":\"reception\"");
  test_has(j, "\"role\":\"host\"");
  test_has(j, "\"role\":\"guest\"");
  hoso_free(j);
}

static void test_events(void **state) {
  (void)state;
  char *j = analyze("Sáng 3/4, tại Hà Nội, Bộ trưởng Phan Văn Giang đã tiếp Đại sứ Lào "
                    "Khamphao Ernthavanh.", "2025-04-04");
  test_has(j, "\"type\":\"reception\",\"cameo\":\"043\",\"status\":\"happened\",\"date\":\"2025-04-03\","
         "\"daypart\":\"morning\",\"place\":\"Hà Nội\"");
  hoso_free(j);
  /* planned and proposed */
  j = analyze("Tuần tới, Thủ tướng Phạm Minh Chính sẽ thăm chính thức Nhật Bản.", "2025-02-14");
  test_has(j, "\"type\":\"visit\",\"cameo\":\"042\",\"status\":\"planned\",\"date\":\"2025-W08\"");
  hoso_free(j);
  /* not events: "tiếp tục", a document signed before, a negated signing,
  ** nobody named */
  j = analyze("Hai bên tiếp tục triển khai bản ghi nhớ đã ký kết. Ông Nguyễn Văn An "
              "chưa ký hợp đồng. Các bên cần tham vấn thêm.", "2025-02-14");
  test_has(j, "\"events\":[]");
  hoso_free(j);
  /* an award: presenter, honour, recipient */
  j = analyze("Đại tướng Lương Cường trao tặng Huân chương Hữu nghị cho Thượng tướng "
              "Alexander Fomin.", NULL);
  test_has(j, "\"type\":\"award\"");
  test_has(j, "\"object\":\"Huân chương Hữu nghị\"");
  test_has(j, "\"role\":\"presenter\"");
  test_has(j, "\"role\":\"recipient\"");
  test_has(j, "\"date\":null,\"date_note\":\"no date stated in the evidence\"");
  hoso_free(j);
}

static void test_bad_input(void **state) {
  (void)state;
  char *j = analyze("", NULL);
  assert_string_equal(j, "{\"entities\":[],\"events\":[]}");
  hoso_free(j);
  j = analyze("trời hôm nay mưa rất to và gió mạnh", NULL);
  test_has(j, "\"events\":[]");
  test_hasnt(j, "\"PER\"");
  hoso_free(j);
  /* ranks without names */
  j = analyze("Đại tướng, Thượng tướng và Trung tướng đều có mặt.", NULL);
  test_hasnt(j, "\"PER\"");
  hoso_free(j);
  /* ALL CAPS */
  j = analyze("ĐẠI TƯỚNG LƯƠNG CƯỜNG ĐIỆN ĐÀM VỚI THƯỢNG TƯỚNG ANDREY KARTAPOLOV", NULL);
  test_has(j, "\"name\":\"LƯƠNG CƯỜNG\",\"key\":\"cuong luong\",\"rank\":\"Đại tướng\"");
  test_has(j, "\"key\":\"andrei kartapolov\",\"rank\":\"Thượng tướng\"");
  test_has(j, "\"type\":\"call\"");
  hoso_free(j);
  /* Cyrillic only */
  j = analyze("Генерал-полковник Андрей Картаполов провёл переговоры в Москве.", NULL);
  test_has(j, "\"key\":\"andrei kartapolov\",\"rank\":\"Thượng tướng\"");
  test_has(j, "\"type\":\"LOC\",\"name\":\"Moskva\"");
  hoso_free(j);
  /* invalid UTF-8 and control bytes */
  const char junk[] = "Đại tướng \xff\xfe L\xc6\xb0\xc6 \x01\x02 Hà Nội \xe2\x80";
  char *json;
  size_t n;
  assert_int_equal(hoso_ner_analyze(ner, junk, sizeof junk - 1, NULL, 3, &json, &n, NULL), 0);
  test_has(json, "\"name\":\"Hà Nội\"");
  hoso_free(json);
  /* 5,000 names in a page: bounded, every one found */
  hoso_buf b;
  hoso__buf_init(&b, 0);
  for (int i = 0; i < 5000; i++)
    assert_int_equal(hoso__buf_printf(&b, "Đại tá Nguyễn Văn A%d, ", i), 0);
  /* (without the person check: a name with digits is no one's) */
  assert_int_equal(hoso_ner_analyze(ner, b.p, b.n, NULL, 3 | HOSO_NER_NO_PERSON_CHECK, &json,
                                    &n, NULL),
                   0);
  size_t pers = 0;
  for (const char *p = json; (p = strstr(p, "\"type\":\"PER\"")); p++) pers++;
  assert_int_equal(pers, 5000);
  hoso_free(json);
  hoso__buf_free(&b);
  /* NULL and bad arguments */
  assert_int_equal(hoso_ner_analyze(NULL, "x", 1, NULL, 3, &json, &n, NULL), HOSO_EARG);
}

static void test_conll(void **state) {
  (void)state;
  const char in[] = "Đại_tướng\nLương_Cường\nthăm\nHà_Nội\n\nÔng\nPutin\n";
  char *out;
  size_t n;
  assert_int_equal(hoso_ner_conll(ner, in, sizeof in - 1, &out, &n, NULL), HOSO_OK);
  /* every line back, in order, with a tag */
  const char *p = out;
  const char *want[] = {"Đại_tướng\t", "Lương_Cường\tB-PER", "thăm\tO", "Hà_Nội\tB-LOC", "",
                        "Ông\t", "Putin\tB-PER"};
  for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
    const char *e = strchr(p, '\n');
    assert_non_null(e);
    if (strncmp(p, want[i], strlen(want[i])))
      fail_msg("line %zu: '%.*s', want '%s...'", i, (int)(e - p), p, want[i]);
    p = e + 1;
  }
  assert_int_equal(*p, 0);
  hoso_free(out);
}

/* Word-segmented input (CoNLL) is read under the VLSP 2016 conventions:
** each token keeps every feature it has in raw text and gains salted
** copies of some (bias, key, form), which raw text never has. */
static void test_style_features(void **state) {
  (void)state;
  const char *text = "Đảng Cộng sản Việt Nam họp .";
  hoso__ndoc raw, seg;
  assert_int_equal(hoso__ndoc_scan_opts(&raw, text, strlen(text), HOSO__SCAN_LINES, NULL), HOSO_OK);
  assert_int_equal(hoso__ndoc_scan_opts(&seg, text, strlen(text), HOSO__SCAN_LINES, NULL), HOSO_OK);
  /* words: Đảng | Cộng_sản | Việt_Nam | họp | . */
  const size_t spans[] = {0, 7, 8, 20, 21, 31, 32, 37, 38, 39};
  hoso__ndoc_mark_words(&seg, spans, 5);
  assert_int_equal(raw.ntok, 7);
  hoso_tag_seqbuf a, b, c;
  hoso__tag_seqbuf_init(&a);
  hoso__tag_seqbuf_init(&b);
  hoso__tag_seqbuf_init(&c);
  assert_int_equal(hoso__nermodel_features(&raw, NULL, NULL, NULL, 0, raw.ntok, &a), HOSO_OK);
  assert_int_equal(hoso__nermodel_features(&seg, NULL, NULL, NULL, 0, seg.ntok, &b), HOSO_OK);
  assert_int_equal(hoso__nermodel_features(&raw, NULL, NULL, NULL, 0, raw.ntok, &c), HOSO_OK);
  hoso_tag_seq sa, sb, sc;
  assert_int_equal(hoso__tag_seqbuf_seq(&a, &sa), HOSO_OK);
  assert_int_equal(hoso__tag_seqbuf_seq(&b, &sb), HOSO_OK);
  assert_int_equal(hoso__tag_seqbuf_seq(&c, &sc), HOSO_OK);
  assert_int_equal(sa.n, sb.n);
  assert_int_equal(sa.off[sa.n], sc.off[sc.n]); /* raw text: the same every time */
  for (size_t i = 0; i < sa.n; i++) {
    size_t na = sa.off[i + 1] - sa.off[i], nb = sb.off[i + 1] - sb.off[i];
    assert_true(nb >= na + 3);
    for (size_t k = sa.off[i]; k < sa.off[i + 1]; k++) { /* raw's features all kept */
      int found = 0;
      for (size_t j = sb.off[i]; j < sb.off[i + 1] && !found; j++) found = sb.feats[j] == sa.feats[k];
      assert_true(found);
    }
  }
  hoso__tag_seqbuf_free(&a);
  hoso__tag_seqbuf_free(&b);
  hoso__tag_seqbuf_free(&c);
  hoso__ndoc_free(&raw);
  hoso__ndoc_free(&seg);
}

/* Later mentions of a one-syllable name: in word-segmented input a
** capitalised syllable that opens a longer lower-case word ("Phương_thức")
** is not the person "Phương" met before, while the name alone is. */
static void test_alias_mid_word(void **state) {
  (void)state;
  const char *words[] = {"Thượng tướng", "Phương", "đến", "thăm", ".", "\n", "Phương",
                         "nói", ".", "\n", "Phương thức", "này", "là", "đánh", "lớn", "."};
  enum { NW = sizeof words / sizeof *words };
  char text[512];
  size_t spans[2 * NW], ns = 0, n = 0;
  for (size_t k = 0; k < NW; k++) {
    if (!strcmp(words[k], "\n")) {
      text[n - 1] = '\n';
      continue;
    }
    size_t l = strlen(words[k]);
    spans[2 * ns] = n;
    memcpy(text + n, words[k], l);
    n += l;
    spans[2 * ns + 1] = n;
    ns++;
    text[n++] = ' ';
  }
  hoso__ndoc d;
  assert_int_equal(hoso__ndoc_scan_opts(&d, text, n, HOSO__SCAN_LINES, NULL), HOSO_OK);
  hoso__ndoc_mark_words(&d, spans, ns);
  assert_int_equal(d.nsent, 3);
  assert_int_equal(hoso__ner_run(&d, gaz, NULL, 0, NULL), HOSO_OK);
  int per[3] = {0, 0, 0};
  for (size_t m = 0; m < d.nmen; m++)
    if (d.men[m].type == ET_PER) per[d.tok[d.men[m].tok0].sent]++;
  assert_int_equal(per[0], 1); /* Thượng tướng Phương */
  assert_int_equal(per[1], 1); /* Phương nói */
  assert_int_equal(per[2], 0); /* Phương_thức này */
  hoso__ndoc_free(&d);
}

/* A models directory without ner.model runs the rules only; one whose
** ner.model is there but unusable (here: not a model at all) is an error
** naming the file, not silently the rules only. */
static void test_model_unusable(void **state) {
  (void)state;
  char dir[] = "/tmp/hoso-nermodel-XXXXXX", cwd[2048], p[4200], q[4200];
  assert_non_null(mkdtemp(dir));
  assert_non_null(getcwd(cwd, sizeof cwd));
  snprintf(p, sizeof p, "%s/models/gazetteers", cwd);
  snprintf(q, sizeof q, "%s/gazetteers", dir);
  assert_int_equal(symlink(p, q), 0);
  snprintf(p, sizeof p, "%s/models/events", cwd);
  snprintf(q, sizeof q, "%s/events", dir);
  assert_int_equal(symlink(p, q), 0);
  hoso_ner *n = NULL;
  hoso_error err;
  hoso_error_clear(&err);
  assert_int_equal(hoso_ner_open(dir, &n, &err), HOSO_OK);
  assert_false(hoso_ner_has_model(n));
  hoso_ner_close(n);
  char m[4200];
  snprintf(m, sizeof m, "%s/ner.model", dir);
  FILE *f = fopen(m, "wb");
  assert_non_null(f);
  fputs("not a model\n", f);
  fclose(f);
  n = NULL;
  hoso_error_clear(&err);
  assert_int_equal(hoso_ner_open(dir, &n, &err), HOSO_EMODEL);
  assert_null(n);
  assert_non_null(strstr(err.file, "ner.model"));
  unlink(m);
  unlink(q);
  snprintf(q, sizeof q, "%s/gazetteers", dir);
  unlink(q);
  rmdir(dir);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_dates),      cmocka_unit_test(test_calendar),
      cmocka_unit_test(test_keys),       cmocka_unit_test(test_gazetteers),
      cmocka_unit_test(test_gazetteer_errors), cmocka_unit_test(test_spans),
      cmocka_unit_test(test_events),     cmocka_unit_test(test_bad_input),
      cmocka_unit_test(test_conll),     cmocka_unit_test(test_scan_tokens),
      cmocka_unit_test(test_clusters),
      cmocka_unit_test(test_name_memory),
      cmocka_unit_test(test_scan_sentences),
      cmocka_unit_test(test_style_features),
      cmocka_unit_test(test_alias_mid_word),
      cmocka_unit_test(test_model_unusable),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
