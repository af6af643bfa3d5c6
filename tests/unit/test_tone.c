/* test_tone.c -- the canonical tone placement, exhaustively: every vowel
** cluster of the generated table (vi_nuclei), with several onsets and
** codas, every tone, the tone written on EVERY vowel of the cluster, in
** NFC and NFD, lower and upper case. The expected position is computed here
** from the rule as documented (README, src/text/vietnamese.c), written
** independently of the implementation; the expected text is built with
** utf8proc from base letters and combining marks. */
#include "testutil.h"

#include <utf8proc.h>

#include "text/text.h"
#include "text/vi_tables.inc"

static const char CODE[] = "aABeEioOPuUy";
static const char BASE[] = "aaaeeiooouuy";
static const int QUALITY[] = {0, 0x0306, 0x0302, 0, 0x0302, 0, 0, 0x0302, 0x031B, 0, 0x031B, 0};
static const int TONES[] = {0x0300, 0x0301, 0x0309, 0x0303, 0x0323};

/* Rule: last vowel with a quality mark; else the last vowel of a closed
** syllable; else the middle of three; else the first. */
static int expected_at(const char *nuc, int coda) {
  int n = (int)strlen(nuc);
  for (int i = n - 1; i >= 0; i--)
    if (strchr("ABEOPU", nuc[i])) return i;
  if (coda) return n - 1;
  return n == 3 ? 1 : 0;
}

/* Build onset + nucleus (tone on vowel `at`, -1 none) + coda as NFD
** UTF-8, upper-cased if upper, and return its NFC or NFD form (malloc). */
static char *build(const char *onset, const char *nuc, const char *coda,
                   int tone, int at, int upper, int nfd) {
  char raw[128];
  size_t k = 0;
  for (const char *p = onset; *p; p++) raw[k++] = (char)(upper ? *p - 32 : *p);
  for (int i = 0; nuc[i]; i++) {
    int v = (int)(strchr(CODE, nuc[i]) - CODE);
    raw[k++] = (char)(upper ? BASE[v] - 32 : BASE[v]);
    if (QUALITY[v]) k += hoso__utf8_encode(QUALITY[v], raw + k);
    if (i == at) k += hoso__utf8_encode(tone, raw + k);
  }
  for (const char *p = coda; *p; p++) raw[k++] = (char)(upper ? *p - 32 : *p);
  utf8proc_uint8_t *out = NULL;
  int opt = UTF8PROC_STABLE | (nfd ? UTF8PROC_DECOMPOSE : UTF8PROC_COMPOSE);
  assert_true(utf8proc_map((const utf8proc_uint8_t *)raw, (utf8proc_ssize_t)k,
                           &out, (utf8proc_option_t)opt) >= 0);
  return (char *)out;
}

static char *norm(const char *s, unsigned flags) {
  char *out;
  assert_int_equal(hoso_normalize(s, strlen(s), flags, &out, NULL), HOSO_OK);
  return out;
}

static void every_cluster(void **state) {
  (void)state;
  static const char *const onsets[] = {"", "h", "th", "ng", "qu", "gi"};
  static const char *const codas[] = {"", "n", "ng", "t", "ch"};
  size_t checked = 0, moved = 0;
  size_t nn = sizeof(vi_nuclei) / sizeof(vi_nuclei[0]);
  assert_true(nn >= 50);
  for (size_t ni = 0; ni < nn; ni++) {
    const char *nuc = vi_nuclei[ni];
    int len = (int)strlen(nuc);
    for (size_t oi = 0; oi < sizeof(onsets) / sizeof(onsets[0]); oi++) {
      /* "qu"+u.. and "gi"+i.. would read as a different onset/cluster */
      if (!strcmp(onsets[oi], "qu") && nuc[0] == 'u') continue;
      if (!strcmp(onsets[oi], "gi") && (nuc[0] == 'i' || nuc[0] == 'y')) continue;
      for (size_t ci = 0; ci < sizeof(codas) / sizeof(codas[0]); ci++) {
        int want = expected_at(nuc, codas[ci][0] != 0);
        for (int t = 0; t < 5; t++) {
          for (int upper = 0; upper < 2; upper++) {
            char *canon = build(onsets[oi], nuc, codas[ci], TONES[t], want, upper, 0);
            char *canon_lower = build(onsets[oi], nuc, codas[ci], TONES[t], want, 0, 0);
            for (int at = 0; at < len; at++) {
              for (int nfd = 0; nfd < 2; nfd++) {
                char *in = build(onsets[oi], nuc, codas[ci], TONES[t], at, upper, nfd);
                char *key = norm(in, HOSO_NORM_KEY);
                char *tone = norm(in, HOSO_NORM_TONE);
                if (strcmp(key, canon_lower) || strcmp(tone, canon))
                  fail_msg("%s|%s|%s tone %d at %d%s%s: key \"%s\" want \"%s\", "
                           "tone form \"%s\" want \"%s\"",
                           onsets[oi], nuc, codas[ci], t + 1, at,
                           upper ? " upper" : "", nfd ? " NFD" : "", key,
                           canon_lower, tone, canon);
                hoso_vi_syllable syl;
                assert_int_equal(hoso__vi_parse(in, strlen(in), &syl), 1);
                checked++;
                moved += at != want;
                hoso_free(key);
                hoso_free(tone);
                free(in);
              }
            }
            free(canon);
            free(canon_lower);
          }
        }
      }
    }
  }
  print_message("tone placement: %zu spellings checked, %zu moved\n", checked, moved);
  assert_true(moved > 0);
}

static void documented_pairs(void **state) {
  (void)state;
  static const char *const pairs[][2] = {
      {"hoà", "hòa"}, {"thuỷ", "thủy"}, {"uý", "úy"}, {"Khoá", "Khóa"},
      {"khoẻ", "khỏe"}, {"Uỷ ban", "Ủy ban"}, {"hoàn", "hoàn"},
      {"tuỳ", "tùy"}, {"quý", "quý"}, {"giữa", "giữa"}, {"người", "người"},
      {"khuỷu", "khuỷu"}, {"ngoài", "ngoài"}, {"thuở", "thuở"}};
  for (size_t i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++) {
    char *a = norm(pairs[i][0], HOSO_NORM_TONE);
    assert_string_equal(a, pairs[i][1]);
    hoso_free(a);
  }
  /* not Vietnamese syllables: never rewritten */
  static const char *const keep[] = {"Andrè", "naïve", "Hoàng-Anh", "Kartapolòv"};
  for (size_t i = 0; i < sizeof(keep) / sizeof(keep[0]); i++) {
    char *a = norm(keep[i], HOSO_NORM_TONE);
    assert_string_equal(a, keep[i]);
    hoso_free(a);
  }
}

static void fold_of_key_is_fold(void **state) {
  (void)state;
  const char *s = "Hoà bình, THUỶ lợi, Quốc phòng, Đà Nẵng, Андрей";
  char *key = norm(s, HOSO_NORM_KEY);
  char *f1 = norm(s, HOSO_NORM_FOLD);
  char *f2 = norm(key, HOSO_NORM_FOLD);
  assert_string_equal(f1, f2);
  assert_string_equal(f1, "hoa binh, thuy loi, quoc phong, da nang, андреи");
  hoso_free(key);
  hoso_free(f1);
  hoso_free(f2);
}

/* hoso__vi_is_syllable (the tokenizer's one-pass check) must agree with
** hoso__vi_parse on syllable-like strings: deterministic pseudo-random
** words from onsets, vowel letters (NFC and NFD marks) and codas. */
static void fast_check_agrees(void **state) {
  (void)state;
  static const char *const parts[] = {
      "", "b", "ch", "gi", "qu", "ngh", "tr", "đ", "Đ", "k", "f", "w",
      "a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y", "A", "Ư",
      "à", "ố", "ợ", "ủ", "ỹ", "\xCC\x81", "\xCC\x80", "\xCC\xA3",
      "\xCC\x82", "\xCC\x9B", "\xCC\x86", "\xCC\x84", "n", "ng", "nh",
      "c", "t", "p", "m", "x", "-", "1"};
  size_t np = sizeof(parts) / sizeof(parts[0]), agree = 0, valid = 0;
  uint32_t r = 12345;
  for (int w = 0; w < 200000; w++) {
    char buf[64];
    size_t k = 0;
    r = r * 1103515245u + 12345u;
    int len = 1 + (int)((r >> 16) % 5);
    for (int j = 0; j < len; j++) {
      r = r * 1103515245u + 12345u;
      const char *p = parts[(r >> 16) % np];
      size_t pl = strlen(p);
      memcpy(buf + k, p, pl);
      k += pl;
    }
    hoso_vi_syllable syl;
    int full = hoso__vi_parse(buf, k, &syl);
    int fast = hoso__vi_is_syllable(buf, k);
    if (full != fast) fail_msg("\"%.*s\": parse %d, fast %d", (int)k, buf, full, fast);
    agree++;
    valid += full;
  }
  print_message("fast syllable check: %zu words agree (%zu valid)\n", agree, valid);
  assert_true(valid > 1000);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(every_cluster),
      cmocka_unit_test(documented_pairs),
      cmocka_unit_test(fold_of_key_is_fold),
      cmocka_unit_test(fast_check_agrees),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
