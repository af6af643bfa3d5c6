/* test_tokenize.c -- token types and offsets for every kind the issue
** names, sentence splitting, and the strict/lenient UTF-8 policy. */
#include "testutil.h"

#include "text/text.h"

#define MAXT 64
typedef struct toks {
  const char *s;
  int n;
  hoso_token t[MAXT];
} toks;

static int collect(void *ctx, const hoso_token *t) {
  toks *k = ctx;
  assert_true(t->end > t->start);
  if (k->n < MAXT) k->t[k->n++] = *t;
  return 0;
}

static void tokenize(const char *s, toks *k) {
  k->s = s;
  k->n = 0;
  assert_int_equal(hoso_tokenize(s, strlen(s), collect, k), HOSO_OK);
}

/* The whole of s must be exactly one token of type want. */
static void check_one(const char *s, int want) {
  toks k;
  tokenize(s, &k);
  if (k.n != 1 || k.t[0].type != want || k.t[0].start != 0 ||
      k.t[0].end != strlen(s))
    fail_msg("\"%s\": %d tokens, first %s [%zu,%zu), want one %s", s, k.n,
             k.n ? hoso_token_type_name(k.t[0].type) : "-",
             k.n ? k.t[0].start : 0, k.n ? k.t[0].end : 0,
             hoso_token_type_name(want));
}

static void token_kinds(void **state) {
  (void)state;
  check_one("quốc", HOSO_TOK_SYLLABLE);
  check_one("Nga", HOSO_TOK_SYLLABLE);
  check_one("Kartapolov", HOSO_TOK_WORD);
  check_one("Андрей", HOSO_TOK_WORD);
  check_one("80", HOSO_TOK_NUMBER);
  check_one("1.000", HOSO_TOK_NUMBER);
  check_one("3,5", HOSO_TOK_NUMBER);
  check_one("20/5", HOSO_TOK_DATE);
  check_one("20/05/2021", HOSO_TOK_DATE);
  check_one("2-9", HOSO_TOK_DATE);
  check_one("17:42", HOSO_TOK_TIME);
  check_one("17h42", HOSO_TOK_TIME);
  check_one("ADMM+", HOSO_TOK_ABBREV);
  check_one("COVID-19", HOSO_TOK_CODE);
  check_one("UNCLOS", HOSO_TOK_ABBREV);
  check_one("TP.HCM", HOSO_TOK_ABBREV);
  check_one("Th.S", HOSO_TOK_ABBREV);
  check_one("T.Ư", HOSO_TOK_ABBREV);
  check_one("U.S.", HOSO_TOK_ABBREV);
  check_one("PGS.TS", HOSO_TOK_ABBREV);
  check_one("https://baonga.com/a?b=1", HOSO_TOK_URL);
  check_one("baotintuc.vn", HOSO_TOK_URL);
  check_one("info@baonga.com", HOSO_TOK_EMAIL);
  check_one("+7(905) 238 89 99", HOSO_TOK_PHONE);
  check_one("+84.979.137.386", HOSO_TOK_PHONE);
  check_one("0912 345 678", HOSO_TOK_PHONE);
  check_one("ФС77-73891", HOSO_TOK_CODE);
  check_one("…", HOSO_TOK_PUNCT);
  check_one("...", HOSO_TOK_PUNCT);
  check_one("$", HOSO_TOK_SYMBOL);
  check_one("©", HOSO_TOK_SYMBOL);
}

static void token_boundaries(void **state) {
  (void)state;
  toks k;
  tokenize("(ADMM+), 2021-2025; https://baonga.com. Xong", &k);
  const char *want[] = {"(", "ADMM+", ")", ",", "2021", "-", "2025", ";",
                        "https://baonga.com", ".", "Xong"};
  assert_int_equal(k.n, 11);
  for (int i = 0; i < k.n; i++) {
    size_t len = k.t[i].end - k.t[i].start;
    assert_int_equal(len, strlen(want[i]));
    assert_memory_equal(k.s + k.t[i].start, want[i], len);
  }
  /* invalid bytes and NUL separate tokens and are never inside one */
  const char bad[] = "ab\xFF" "cd\0ef";
  k.n = 0;
  assert_int_equal(hoso_tokenize(bad, sizeof(bad) - 1, collect, &k), HOSO_OK);
  assert_int_equal(k.n, 3);
  assert_int_equal(k.t[1].start, 3);
  assert_int_equal(k.t[2].start, 6);
}

static int stop_at_two(void *ctx, const hoso_token *t) {
  int *n = ctx;
  (void)t;
  return ++*n == 2 ? 42 : 0;
}

/* The byte length of the first word when s is two glued words, else 0. */
static size_t glue(const char *s) { return hoso__glue_point(s, strlen(s)); }

/* Words a scraper glued together are split; CamelCase names, "iPhone",
** capitals typed inside a word and Vietnamese spellings of foreign names
** are one word (src/text/glue.c). */
static void glued_words(void **state) {
  (void)state;
  assert_int_equal(glue("thămTrung"), strlen("thăm"));
  assert_int_equal(glue("NộiĐT"), strlen("Nội"));
  assert_int_equal(glue("hoáTiêu"), strlen("hoá"));
  assert_int_equal(glue("vớiVnExpress"), strlen("với"));
  assert_int_equal(glue("Rumsfeldđến"), strlen("Rumsfeld"));
  assert_int_equal(glue("VnExpressđã"), strlen("VnExpress"));
  const char *const whole[] = {"McCain", "iPhone", "PetroVietnam", "VnExpress", "DiCaprio",
                               "eBay", "kWh", "McLaren", "MobiFone", "vớI", "TRƯờNG",
                               "QuốC", "Canađa", "amiđan", "Inđônêxia", "rađa", "Anhđã",
                               "Trung", "thăm", "O'Neil", "ĐắkLắk", "МоскваЦентр",
                               "ÔNG", "ÊBAN", "ƯCV", "VĐV", "NLĐ", "KHĐT", "QSDĐ"};
  for (size_t i = 0; i < sizeof whole / sizeof *whole; i++)
    if (glue(whole[i])) fail_msg("\"%s\" split at %zu", whole[i], glue(whole[i]));
  /* through the tokenizer: "chuyến thămTrung Quốc" is four syllables */
  toks k;
  tokenize("chuyến thămTrung Quốc", &k);
  assert_int_equal(k.n, 4);
  assert_int_equal(k.t[1].end, strlen("chuyến thăm"));
  assert_int_equal(k.t[1].type, HOSO_TOK_SYLLABLE);
  assert_int_equal(k.t[2].start, strlen("chuyến thăm"));
  assert_true(k.t[2].flags & HOSO_TOKF_CAP);
  tokenize("TP.HCM Rumsfeldđến", &k);
  assert_int_equal(k.n, 3);
  assert_int_equal(k.t[0].type, HOSO_TOK_ABBREV);
  assert_int_equal(k.t[1].end, strlen("TP.HCM Rumsfeld"));
}

static void callback_stops(void **state) {
  (void)state;
  int n = 0;
  assert_int_equal(hoso_tokenize("a b c", 5, stop_at_two, &n), 42);
  assert_int_equal(n, 2);
}

#define MAXS 16
typedef struct spans {
  int n;
  hoso_span sp[MAXS];
} spans;
static int collect_span(void *ctx, const hoso_span *sp) {
  spans *k = ctx;
  if (k->n < MAXS) k->sp[k->n++] = *sp;
  return 0;
}

static void check_sentences(const char *s, int want_n, const char *last) {
  spans k = {0};
  assert_int_equal(hoso_sentences(s, strlen(s), collect_span, &k), HOSO_OK);
  if (k.n != want_n) fail_msg("\"%s\": %d sentences, want %d", s, k.n, want_n);
  size_t len = k.sp[k.n - 1].end - k.sp[k.n - 1].start;
  assert_int_equal(len, strlen(last));
  assert_memory_equal(s + k.sp[k.n - 1].start, last, len);
}

static void sentences(void **state) {
  (void)state;
  check_sentences("Ông đến TP. Hồ Chí Minh. Sau đó về.", 2, "Sau đó về.");
  check_sentences("Giá 1.000 đồng. TS. Nguyễn Văn A phát biểu.", 2,
                  "TS. Nguyễn Văn A phát biểu.");
  check_sentences("Ông nói: “Tốt lắm.” Sau đó ông đi.", 2, "Sau đó ông đi.");
  check_sentences("Ông nói: “Tốt lắm.”", 1, "Ông nói: “Tốt lắm.”");
  check_sentences("Thượng tướng A. Kartapolov đến. Xong!", 2, "Xong!");
  check_sentences("Một\nHai", 2, "Hai");
  /* a missing space after the full stop is still a sentence end */
  check_sentences("chống HIV/AIDS.Dự án mới.", 2, "Dự án mới.");
  check_sentences("Anh ấy hỏi: tại sao? rồi đi.", 1, "Anh ấy hỏi: tại sao? rồi đi.");
  spans k = {0};
  assert_int_equal(hoso_sentences("  \n  ", 5, collect_span, &k), HOSO_OK);
  assert_int_equal(k.n, 0);
}

static void utf8_policy(void **state) {
  (void)state;
  size_t at;
  assert_int_equal(hoso_utf8_check("ab\xC3(", 4, &at), HOSO_EUTF8);
  assert_int_equal(at, 2);
  assert_int_equal(hoso_utf8_check("quốc", strlen("quốc"), &at), HOSO_OK);
  hoso_buf b;
  hoso__buf_init(&b, 0);
  size_t nbad, first;
  assert_int_equal(hoso__utf8_repair_append(&b, "a\xFF\xFE" "b", 4, &nbad, &first), HOSO_OK);
  assert_int_equal(nbad, 2);
  assert_int_equal(first, 1);
  assert_string_equal(b.p, "a\xEF\xBF\xBD\xEF\xBF\xBD" "b");
  hoso__buf_free(&b);
  hoso_error err;
  hoso_error_clear(&err);
  assert_int_equal(hoso__utf8_check("xyz\xE1\xBB", 5, &err), HOSO_EUTF8);
  assert_true(err.has_offset);
  assert_int_equal(err.offset, 3);
}

/* hoso__utf8_invalid_at's answer is the decoder's first failure (its fast
** paths for ASCII runs and 2- and 3-byte letters change nothing): every
** first byte from 0x80 with every second byte and a spread of third and
** fourth bytes (overlongs, surrogates, above U+10FFFF, stray and missing
** continuation bytes), after 0 to 10 ASCII bytes (so at every place in
** an eight-byte word), cut after each of its bytes and followed by more
** text. */
static size_t first_bad_decoded(const char *s, size_t n) {
  size_t i = 0, len;
  while (i < n) {
    if (hoso__utf8_decode(s + i, n - i, &len) < 0) return i;
    i += len;
  }
  return n;
}

static void utf8_invalid_at_is_the_decoders(void **state) {
  (void)state;
  static const unsigned char third[] = {0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F,
                                        0xA0, 0xBF, 0xC0, 0xC3, 0xE1, 0xFF};
  static const unsigned char fourth[] = {0x20, 0x80, 0xBF, 0xC0, 0xE1};
  char buf[64];
  size_t checked = 0, bad = 0;
  for (unsigned lead = 0x80; lead <= 0xFF; lead++)
    for (unsigned b1 = 0; b1 <= 0xFF; b1++)
      for (size_t k = 0; k < sizeof(third); k++)
        for (size_t q = 0; q < sizeof(fourth); q++) {
          size_t pre = (lead + b1 + k) % 11, n = 0;
          for (size_t i = 0; i < pre; i++) buf[n++] = (char)('a' + i);
          buf[n++] = (char)lead;
          buf[n++] = (char)b1;
          buf[n++] = (char)third[k];
          buf[n++] = (char)fourth[q];
          memcpy(buf + n, " tiếng Việt ok", strlen(" tiếng Việt ok"));
          n += strlen(" tiếng Việt ok");
          for (size_t cut = pre + 1; cut <= pre + 4; cut++) {
            size_t want = first_bad_decoded(buf, cut);
            assert_int_equal(hoso__utf8_invalid_at(buf, cut), want);
            checked++;
          }
          size_t want = first_bad_decoded(buf, n);
          assert_int_equal(hoso__utf8_invalid_at(buf, n), want);
          bad += want < n;
          checked++;
        }
  assert_true(checked > 2000000);
  assert_true(bad > 0 && bad < checked);
  /* valid text of every length up to 40 bytes, from every start */
  const char *vi = "Hợp tác quốc phòng Việt Nam – Liên bang Nga ­€𝄞 ok";
  size_t vn = strlen(vi);
  for (size_t a = 0; a < vn; a++)
    for (size_t e = a; e <= vn && e - a <= 40; e++)
      assert_int_equal(hoso__utf8_invalid_at(vi + a, e - a), first_bad_decoded(vi + a, e - a));
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(token_kinds),   cmocka_unit_test(token_boundaries),
      cmocka_unit_test(callback_stops), cmocka_unit_test(sentences),
      cmocka_unit_test(utf8_policy),    cmocka_unit_test(glued_words),
      cmocka_unit_test(utf8_invalid_at_is_the_decoders),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
