/* glue.c -- two words a scraper glued together without a space ("chuyến
** thămTrung Quốc", "Rumsfeldđến"): where the first one ends inside a run
** of letters, so that the tokenizer ends the token there.
**
** Counted on VNTC (`python3 scripts/glue_census.py build/release/hoso
** ../shared/data/news/vntc.jsonl.gz`: every lower- then upper-case letter,
** or plain letters then "đ", inside a word of the 84,099 reports, by kind):
** brand and name CamelCase in plain Latin letters ("VnExpress" 3,699,
** "McLaren", "MobiFone", "PlayStation": 21,659 joins), one lower-case
** letter before a name ("iPod", "eBay", "kWh": 4,623), plain lower-case
** words ("mmHg": 1,540), abbreviations with "Đ" ("VĐV", "NLĐ": most of
** 30,680) and a capital typed inside a word ("vớI", "TRƯờNG") are single
** words; a Vietnamese syllable glued to the next word ("Văn hoáTiêu
** điểm", "Hà NộiĐT", "vớiVnExpress") is two. Of the 5,464 joins with a
** Vietnamese letter, 4,071 are split; 18 one-letter ones ("ởThe", "ởVN"),
** 67 with "đ" ("Timesđã", "VillarrealĐội"), no CamelCase. Two kinds are
** split:
**   1. a Vietnamese syllable with a letter only Vietnamese writes (ă â đ
**      ê ô ơ ư or a tone mark), its letters after the first in lower
**      case, then an upper-case letter starting a run of two letters or
**      more: "thămTrung", "NộiĐT" (never "DiCaprio": no such letter);
**   2. two or more plain Latin letters ending in one that no Vietnamese
**      syllable ends with (not a vowel, c, ch, m, n, ng, nh, p, t), then a
**      Vietnamese syllable opening with "đ": "Rumsfeldđến", "VnExpressđã";
**      never a foreign name spelt the Vietnamese way ("Canađa", "rađa",
**      "amiđan", "Inđônêxia": their syllables end as Vietnamese ones do).
** Pure; no allocation, no state. Bounded: the syllables looked at are at
** most GLUE_SYL letters, the plain run before "đ" is read once.
*/
#include "text.h"

#define GLUE_SYL 8 /* letters of the longest Vietnamese syllable, and more */

/* The code point at s[i] (invalid bytes: -1), its length in *len (>= 1:
** hoso__utf8_dec's rule, so every step moves on). */
static int32_t cp_at(const char *s, size_t n, size_t i, size_t *len) {
  return hoso__utf8_dec(s + i, n - i, len);
}

/* The end of the letter starting at i: the letter and the combining marks
** after it. */
static size_t letter_end(const char *s, size_t n, size_t i) {
  size_t len;
  cp_at(s, n, i, &len);
  i += len;
  while (i < n) {
    int32_t cp = cp_at(s, n, i, &len);
    if (hoso__cclass(cp) != HOSO_CC_MARK) break;
    i += len;
  }
  return i;
}

static int is_lower_latin(int32_t cp) {
  return cp >= 0 && hoso__cclass(cp) == HOSO_CC_LETTER &&
         hoso__script(cp) == HOSO_SCRIPT_LATIN && !hoso__is_upper(cp);
}

static int is_upper_latin(int32_t cp) {
  return cp >= 0 && hoso__cclass(cp) == HOSO_CC_LETTER &&
         hoso__script(cp) == HOSO_SCRIPT_LATIN && hoso__is_upper(cp);
}

/* Kind 1: the glue point after the syllable opening s, or 0. */
static size_t after_syllable(const char *s, size_t n) {
  size_t i = 0, len;
  int letters = 0, non_ascii = 0, first_upper = 0;
  while (i < n && letters <= GLUE_SYL) {
    int32_t cp = cp_at(s, n, i, &len);
    if (letters > 0 && is_upper_latin(cp)) {
      if (letters == 1 && first_upper) return 0; /* "ÔNG", "ÊBAN": no lower case before */
      /* the syllable before, two letters or more after */
      size_t j = letter_end(s, n, i);
      size_t len2;
      if (!non_ascii || j >= n || hoso__cclass(cp_at(s, n, j, &len2)) != HOSO_CC_LETTER)
        return 0;
      return hoso__vi_is_syllable(s, i) ? i : 0;
    }
    if (letters > 0 && !is_lower_latin(cp)) return 0;
    if (letters == 0 && !is_lower_latin(cp) && !is_upper_latin(cp)) return 0;
    if (letters == 0) first_upper = is_upper_latin(cp);
    size_t e = letter_end(s, n, i);
    if (cp >= 0x80 || e > i + len) non_ascii = 1;
    i = e;
    letters++;
  }
  return 0;
}

/* Could a Vietnamese syllable end with the plain letters s[0..n)? */
static int vi_final(const char *s, size_t n) {
  int c = s[n - 1] | 32;
  if (c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y' || c == 'c' ||
      c == 'm' || c == 'n' || c == 'p' || c == 't')
    return 1;
  int b = n >= 2 ? s[n - 2] | 32 : 0;
  return (c == 'h' && (b == 'c' || b == 'n')) || (c == 'g' && b == 'n');
}

/* Kind 2: the glue point before the "đ" after the plain letters opening s,
** or 0. */
static size_t before_d(const char *s, size_t n) {
  size_t i = 0;
  while (i < n && ((s[i] | 32) >= 'a' && (s[i] | 32) <= 'z')) i++;
  if (i < 2 || i >= n || vi_final(s, i)) return 0;
  size_t len;
  int32_t cp = cp_at(s, n, i, &len);
  if (cp != 0x111 && cp != 0x110) return 0; /* đ, Đ */
  /* the syllable after: up to the next upper-case letter or the end */
  size_t j = letter_end(s, n, i);
  int letters = 1;
  while (j < n && letters <= GLUE_SYL) {
    int32_t c2 = cp_at(s, n, j, &len);
    if (!is_lower_latin(c2)) break;
    j = letter_end(s, n, j);
    letters++;
  }
  return letters <= GLUE_SYL && hoso__vi_is_syllable(s + i, j - i) ? i : 0;
}

size_t hoso__glue_point(const char *s, size_t n) {
  if (n < 4) return 0;
  size_t g = after_syllable(s, n);
  return g ? g : before_d(s, n);
}
