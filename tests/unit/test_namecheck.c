/* test_namecheck.c -- the person check (src/ner/namecheck.c): the phrase
** table (case and tone placement ignored, values, bad lines with file,
** line and byte offset) and each rule on a document whose person entity
** the test sets itself, so the rules are tested apart from the tagger:
** digits, capitals glued inside a word, one all-capital abbreviation,
** head words before a mention (and one that ends a longer word), a head
** opening the name, name syllables, listed non-person names, last words
** of bodies, a listed place as a whole, and a rank that keeps a person. */
#include "testutil.h"

#include "ner/namecheck.h"
#include "ner/ner.h"

static hoso__gaz *gaz;
static hoso__ntable *heads, *syl, *nonper, *tails;

static int setup(void **state) {
  (void)state;
  hoso_error err;
  hoso_error_clear(&err);
  if (hoso__gaz_load("models/gazetteers", &gaz, &err) != HOSO_OK) return -1;
  if (hoso__ntable_open("models/gazetteers/nameheads.tsv", &heads, &err)) return -1;
  if (hoso__ntable_open("models/gazetteers/namesyl.txt", &syl, &err)) return -1;
  if (hoso__ntable_open("models/gazetteers/nametails.tsv", &tails, &err)) return -1;
  const char *np = "hong kong\tLOC\nvista\tMISC\nlazio\tORG\n";
  if (hoso__ntable_load(np, strlen(np), "nonper", &nonper, &err)) return -1;
  return 0;
}
static int teardown(void **state) {
  (void)state;
  hoso__gaz_free(gaz);
  hoso__ntable_free(heads);
  hoso__ntable_free(syl);
  hoso__ntable_free(nonper);
  hoso__ntable_free(tails);
  return 0;
}

static void test_table(void **state) {
  (void)state;
  hoso_error err;
  hoso_error_clear(&err);
  const char *data = "# comment\nCLB\tORG\nngã tư\tLOC\nông\tPER\nHLV\tROLE\nhoá\n";
  hoso__ntable *t;
  assert_int_equal(hoso__ntable_load(data, strlen(data), "t", &t, &err), HOSO_OK);
  assert_int_equal(hoso__ntable_size(t), 5);
  const char *text = "clb Ngã Tư ÔNG hóa HLV xyz";
  hoso__ndoc d;
  assert_int_equal(hoso__ndoc_scan(&d, text, strlen(text), NULL), HOSO_OK);
  assert_int_equal(hoso__ntable_get(t, &d, 0, 1), ET_ORG);
  assert_int_equal(hoso__ntable_get(t, &d, 1, 3), ET_LOC);
  assert_int_equal(hoso__ntable_get(t, &d, 1, 2), 0); /* a prefix is no match */
  assert_int_equal(hoso__ntable_get(t, &d, 3, 4), ET_PER);
  assert_int_equal(hoso__ntable_get(t, &d, 4, 5), 1); /* tone placement */
  assert_int_equal(hoso__ntable_get(t, &d, 5, 6), HOSO_NTABLE_ROLE);
  assert_int_equal(hoso__ntable_get(t, &d, 6, 7), 0);
  assert_int_equal(hoso__ntable_get(NULL, &d, 0, 1), 0);
  hoso__ndoc_free(&d);
  hoso__ntable_free(t);
  /* a bad type: file, line and byte offset */
  const char *bad = "ông\tPER\nđội\tTEAM\n";
  t = NULL;
  hoso_error_clear(&err);
  assert_int_equal(hoso__ntable_load(bad, strlen(bad), "heads.tsv", &t, &err), HOSO_EFORMAT);
  assert_null(t);
  assert_non_null(strstr(err.message, "heads.tsv:2 (byte 9)"));
  const char *five = "a b c d e\n";
  hoso_error_clear(&err);
  assert_int_equal(hoso__ntable_load(five, strlen(five), "x", &t, &err), HOSO_EFORMAT);
  hoso_error_clear(&err);
  assert_int_not_equal(hoso__ntable_open("/nonexistent/heads.tsv", &t, &err), HOSO_OK);
}

/* The type the check gives the document's one person: the mentions
** sp[0..2n) as token spans [sp[2k], sp[2k+1]) of text, the first the
** canonical one; rank: the rank's gazetteer id, -1 none. */
static int checkn(const char *text, const uint32_t *sp, size_t n, int rank) {
  hoso__ndoc d;
  assert_int_equal(hoso__ndoc_scan(&d, text, strlen(text), NULL), HOSO_OK);
  assert_int_equal(hoso__gaz_scan(gaz, &d, NULL), HOSO_OK);
  d.men = calloc(n, sizeof *d.men);
  d.ents = calloc(1, sizeof *d.ents);
  assert_non_null(d.men);
  assert_non_null(d.ents);
  d.capmen = n;
  d.capents = 1;
  for (size_t k = 0; k < n; k++) {
    assert_true(sp[2 * k] < sp[2 * k + 1] && sp[2 * k + 1] <= d.ntok);
    d.men[k] = (hoso__mention){sp[2 * k], sp[2 * k + 1], ET_PER, 0, -1, 1, -1};
  }
  d.nmen = n;
  d.nents = 1;
  d.ents[0].type = ET_PER;
  d.ents[0].rank_gz = rank;
  d.ents[0].first_mention = 0;
  d.ents[0].nmentions = (int)n;
  hoso__namecheck nc = {heads, syl, nonper, tails, 0};
  hoso__ner_check_persons(&d, gaz, &nc);
  int t = d.ents[0].type;
  for (size_t m = 0; m < d.nmen; m++) assert_int_equal(d.men[m].type, t);
  hoso__ndoc_free(&d);
  return t;
}

static int check(const char *text, uint32_t a, uint32_t b, uint32_t a2, uint32_t b2,
                 int rank) {
  uint32_t sp[4] = {a, b, a2, b2};
  return checkn(text, sp, b2 > a2 ? 2 : 1, rank);
}

static void test_shape(void **state) {
  (void)state;
  assert_int_equal(check("Bảng : 7Roma 24 98", 2, 4, 0, 0, -1), ET_MISC);
  assert_int_equal(check("máy bay Mirage và F16 bay", 4, 5, 0, 0, -1), ET_MISC);
  /* digits and glue beat even a rank */
  assert_int_equal(check("Đại tá Kassim OumaCó nói", 2, 4, 0, 0, 1), ET_MISC);
  assert_int_equal(check("theo AFPPaul Hockey", 1, 3, 0, 0, -1), ET_MISC);
  assert_int_equal(check("Tom McDonald và Tom DeLay", 3, 5, 0, 0, -1), ET_PER);
  assert_int_equal(check("ông Mohammed ElBaradei nói", 1, 3, 0, 0, -1), ET_PER);
  /* one all-capital abbreviation; initials with dots are someone's */
  assert_int_equal(check("theo TT hôm qua", 1, 2, 0, 0, -1), ET_MISC);
  assert_int_equal(check("bài của N.T. hôm qua", 2, 3, 0, 0, -1), ET_PER);
}

static void test_heads(void **state) {
  (void)state;
  /* 0 tại 1 ngã 2 tư 3 Nguyễn 4 Thái 5 Học */
  assert_int_equal(check("tại ngã tư Nguyễn Thái Học", 3, 6, 0, 0, -1), ET_LOC);
  assert_int_equal(check("đội Hòa Phát thắng", 1, 3, 0, 0, -1), ET_ORG);
  assert_int_equal(check("bệnh Parkinson nặng", 1, 2, 0, 0, -1), ET_MISC);
  /* a person's head word wins: "ông Block" */
  assert_int_equal(check("ông Block nói với CLB Block", 1, 2, 5, 6, -1), ET_PER);
  /* a role ("HLV") is no non-person, and says person against the list */
  assert_int_equal(check("HLV Lazio nói", 1, 2, 0, 0, -1), ET_PER);
  /* "hồ" ends "đồng hồ": no head */
  assert_int_equal(check("chiếc đồng hồ Thuyết thích", 3, 4, 0, 0, -1), ET_PER);
  /* "đảng" ends "Công đảng": no head */
  assert_int_equal(check("thủ lĩnh Công đảng Simon Peres nói", 4, 6, 0, 0, -1), ET_PER);
  /* a head before one mention in three at least: one of two is, one of
  ** four ("album Trịnh Công Sơn") is not */
  const char *t4 = "album Trịnh Công Sơn . Trịnh Công Sơn . Trịnh Công Sơn . Trịnh Công Sơn";
  assert_int_equal(check(t4, 1, 4, 5, 8, -1), ET_MISC);
  const uint32_t sp4[8] = {1, 4, 5, 8, 9, 12, 13, 16};
  assert_int_equal(checkn(t4, sp4, 4, -1), ET_PER);
  /* a head opening the name; a person's ("Ms Trân") */
  assert_int_equal(check("về Sân Thành Long", 1, 4, 0, 0, -1), ET_LOC);
  assert_int_equal(check("Dải Gaza căng thẳng", 0, 2, 0, 0, -1), ET_LOC);
  assert_int_equal(check("cô Ms Trân nói", 1, 3, 0, 0, -1), ET_PER);
  /* a one-word head that is a surname or a name's syllable is a name */
  assert_int_equal(check("rồi Hồ Văn Minh nói", 1, 4, 0, 0, -1), ET_PER);
}

static void test_names(void **state) {
  (void)state;
  /* Vietnamese letters: the first syllable is a surname or a name's */
  assert_int_equal(check("rồi Gạch Đồng Tâm thắng", 1, 4, 0, 0, -1), ET_MISC);
  assert_int_equal(check("rồi Dệt Thắng Lợi thắng", 1, 4, 0, 0, -1), ET_MISC);
  assert_int_equal(check("rồi Phạm Văn Sanh thắng", 1, 4, 0, 0, -1), ET_PER);
  assert_int_equal(check("rồi Văn Quyến thắng", 1, 3, 0, 0, -1), ET_PER);
  /* a rank keeps a person */
  assert_int_equal(check("Đại tá Dệt Thắng Lợi", 2, 5, 0, 0, 1), ET_PER);
  /* listed non-person names, in Latin letters only */
  assert_int_equal(check("rồi Vista chạy", 1, 2, 0, 0, -1), ET_MISC);
  assert_int_equal(check("rồi Lazio thắng", 1, 2, 0, 0, -1), ET_ORG);
  /* the last word of a body, an event, a product */
  assert_int_equal(check("thao Army Games năm", 1, 3, 0, 0, -1), ET_MISC);
  assert_int_equal(check("của Providential Holding cho", 1, 3, 0, 0, -1), ET_ORG);
  assert_int_equal(check("Đại tá Providential Holding cho", 2, 4, 0, 0, 1), ET_ORG);
  assert_int_equal(check("của Benjamin Park cho", 1, 3, 0, 0, -1), ET_PER);
  /* a listed place as a whole */
  assert_int_equal(check("tại Hong Kong nhận", 1, 3, 0, 0, -1), ET_LOC);
  /* no tables: only the shape */
  hoso__ndoc d;
  const char *text = "rồi Gạch Đồng Tâm 7X";
  assert_int_equal(hoso__ndoc_scan(&d, text, strlen(text), NULL), HOSO_OK);
  hoso__ner_check_persons(&d, gaz, NULL); /* no tables given: nothing */
  hoso__ndoc_free(&d);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_table),
      cmocka_unit_test(test_shape),
      cmocka_unit_test(test_heads),
      cmocka_unit_test(test_names),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
