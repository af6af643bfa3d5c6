/*
** key.c -- the keys entities are matched and merged by.
**
** Match key: what gazetteer phrases and tokens are compared on. Case
** folded, canonical decomposition, and the Vietnamese tone mark taken off
** its vowel and written as a digit at the end of the syllable, so the two
** spellings corpora disagree on ("hoá"/"hóa", "uý"/"úy") give one key.
** Vowel marks (ă â ê ô ơ ư) and đ are kept: "Lào" and "lao" differ.
**
** Name key: what links one person or body across articles and scripts.
** Diacritics folded, Cyrillic transliterated (a simple BGN-like table),
** then spelling variants merged so "Андрей" and "Andrey", "Александр" and
** "Alexander" meet; patronymics dropped; words sorted, so word order
** ("Картаполов Андрей") does not matter.
**
** UTF-8 is decoded only with hoso__utf8_decode (src/text); character
** properties and decompositions come from utf8proc.
*/
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "ner/ner.h"
#include "text/text.h"

static int is_tone_mark(int32_t c) {
  return c == 0x300 || c == 0x301 || c == 0x303 || c == 0x309 ||
         c == 0x323 || c == 0x340 || c == 0x341;
}
static char tone_digit(int32_t c) {
  switch (c) {
  case 0x300: case 0x340: return '1';
  case 0x301: case 0x341: return '2';
  case 0x309: return '3';
  case 0x303: return '4';
  default: return '5';
  }
}

static int add_cp(hoso_buf *out, int32_t c) {
  char e[4];
  size_t k = hoso__utf8_encode(c, e);
  if (!k) return HOSO_OK;
  return hoso__buf_add(out, e, k);
}

/* Decompose + case fold one code point into dst (room for 8). */
static utf8proc_ssize_t decomp(int32_t c, utf8proc_int32_t *dst) {
  int bc = 0;
  utf8proc_ssize_t k = utf8proc_decompose_char(
      c, dst, 8, (utf8proc_option_t)(UTF8PROC_DECOMPOSE | UTF8PROC_CASEFOLD),
      &bc);
  if (k < 0 || k > 8) {
    dst[0] = c;
    k = 1;
  }
  return k;
}

int hoso__match_key_append(hoso_buf *out, const char *s, size_t n) {
  char tone = 0;
  size_t i = 0;
  while (i < n) {
    size_t len;
    int32_t c = hoso__utf8_decode(s + i, n - i, &len);
    i += len;
    if (c < 0) c = HOSO_REPLACEMENT_CHAR;
    if (c == 0x2013 || c == 0x2014 || c == 0x2212) c = '-';
    if (c == 0x2019) c = '\'';
    utf8proc_int32_t d[8];
    utf8proc_ssize_t k = decomp(c, d);
    for (utf8proc_ssize_t j = 0; j < k; j++) {
      int32_t x = d[j];
      if (x == 0xF0) x = 0x111; /* eth written for đ */
      if (is_tone_mark(x)) {
        tone = tone_digit(x);
        continue;
      }
      if (x == '-' || x == '\'') { /* syllable boundary inside a token */
        if (tone) {
          int rc = hoso__buf_addc(out, tone);
          if (rc) return rc;
          tone = 0;
        }
      }
      int rc = add_cp(out, x);
      if (rc) return rc;
    }
  }
  if (tone) return hoso__buf_addc(out, tone);
  return HOSO_OK;
}

uint32_t hoso__word_flags(const char *s, size_t n) {
  uint32_t f = 0;
  int letters = 0, upper = 0, first = 1;
  size_t i = 0;
  while (i < n) {
    size_t len;
    int32_t c = hoso__utf8_decode(s + i, n - i, &len);
    i += len;
    if (c < 0) continue;
    utf8proc_category_t cat = utf8proc_category(c);
    int is_letter = cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO;
    if (c >= 0x400 && c <= 0x52F) f |= NT_CYR;
    if ((c >= 0xC0 && c < 0x250) || (c >= 0x1EA0 && c <= 0x1EFF) ||
        (c >= 0x300 && c <= 0x323))
      f |= NT_VIET;
    if (!is_letter) continue;
    letters++;
    int up = cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LT;
    if (up) upper++;
    if (first && up) f |= NT_UPPER;
    first = 0;
  }
  if (letters >= 2 && upper == letters) f |= NT_ALLCAPS;
  return f;
}

/* ---- name keys ---------------------------------------------------------- */

static const char *cyr_latin(int32_t c) {
  static const char *const t[32] = {
      "a", "b", "v", "g", "d", "e", "zh", "z", "i", "y", "k",
      "l", "m", "n", "o", "p", "r", "s", "t", "u", "f", "kh",
      "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya"};
  if (c >= 0x430 && c <= 0x44F) return t[c - 0x430];
  if (c == 0x451) return "e";                /* ё */
  if (c == 0x456 || c == 0x457) return "i";  /* і ї */
  if (c == 0x454) return "e";                /* є */
  return NULL;
}

/* Spelling-variant merge on one lower-case ASCII word w (in place). */
static size_t norm_word(char *w, size_t n) {
  char tmp[256];
  size_t k = 0;
  for (size_t i = 0; i < n && k + 2 < sizeof tmp; i++) {
    char c = w[i];
    if (c == 'x') {
      tmp[k++] = 'k';
      tmp[k++] = 's';
      continue;
    }
    if (c == 'y' || c == 'j') c = 'i';
    if (c == 'w') c = 'v';
    if (k > 0 && tmp[k - 1] == c && c >= 'a' && c <= 'z') continue; /* doubled letters */
    tmp[k++] = c;
  }
  /* "-ander"/"-andr", "Peter"/"Pëtr": drop e before a final r after a consonant */
  if (k >= 4 && tmp[k - 1] == 'r' && tmp[k - 2] == 'e' &&
      !strchr("aeiou", tmp[k - 3])) {
    tmp[k - 2] = 'r';
    k--;
  }
  memcpy(w, tmp, k);
  return k;
}

static int is_patronymic(const char *w, size_t n) {
  static const char *const sfx[] = {"vich", "vna", "ichna", "ovic", "evic"};
  for (size_t i = 0; i < sizeof sfx / sizeof *sfx; i++) {
    size_t m = strlen(sfx[i]);
    if (n > m + 2 && memcmp(w + n - m, sfx[i], m) == 0) return 1;
  }
  return 0;
}

static int cmp_str(const void *a, const void *b) {
  return strcmp(*(const char *const *)a, *(const char *const *)b);
}

int hoso__name_key_append(hoso_buf *out, const char *s, size_t n) {
  hoso_buf raw;
  hoso__buf_init(&raw, 1u << 20);
  int rc = HOSO_OK;
  size_t i = 0;
  while (i < n && !rc) {
    size_t len;
    int32_t c = hoso__utf8_decode(s + i, n - i, &len);
    i += len;
    if (c < 0) continue;
    utf8proc_int32_t d[8];
    utf8proc_ssize_t k = decomp(c, d);
    for (utf8proc_ssize_t j = 0; j < k && !rc; j++) {
      int32_t x = d[j];
      const char *lat = cyr_latin(x);
      if (lat) {
        rc = hoso__buf_adds(&raw, lat);
      } else if (x == 0x111 || x == 0xF0) {
        rc = hoso__buf_addc(&raw, 'd');
      } else if (x >= 'a' && x <= 'z') {
        rc = hoso__buf_addc(&raw, (char)x);
      } else if (x >= '0' && x <= '9') {
        rc = hoso__buf_addc(&raw, (char)x);
      } else if (x >= 0x300 && x <= 0x36F) {
        /* combining mark: folded away */
      } else {
        utf8proc_category_t cat = utf8proc_category(x);
        if (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO)
          rc = add_cp(&raw, x); /* other scripts kept as they are */
        else
          rc = hoso__buf_addc(&raw, ' ');
      }
    }
  }
  if (rc) {
    hoso__buf_free(&raw);
    return rc;
  }
  /* split into words, normalise, drop patronymics, sort */
  hoso_buf nb;
  hoso__buf_init(&nb, 0);
  size_t woff[64];
  size_t nw = 0;
  const char *p = raw.p ? raw.p : "";
  size_t total = raw.n, a = 0;
  while (a < total && nw < 64 && !rc) {
    while (a < total && p[a] == ' ') a++;
    size_t b = a;
    while (b < total && p[b] != ' ') b++;
    if (b > a) {
      char w[256];
      size_t m = b - a < sizeof w ? b - a : sizeof w;
      memcpy(w, p + a, m);
      m = norm_word(w, m);
      if (!is_patronymic(w, m)) {
        woff[nw++] = nb.n;
        rc = hoso__buf_add(&nb, w, m);
        if (!rc) rc = hoso__buf_addc(&nb, '\0');
      }
    }
    a = b + 1;
  }
  const char *words[64];
  for (size_t w = 0; w < nw && !rc; w++) words[w] = nb.p + woff[w];
  if (!rc) qsort(words, nw, sizeof *words, cmp_str);
  for (size_t w = 0; w < nw && !rc; w++) {
    if (w) rc = hoso__buf_addc(out, ' ');
    if (!rc) rc = hoso__buf_adds(out, words[w]);
  }
  hoso__buf_free(&nb);
  hoso__buf_free(&raw);
  return rc;
}
