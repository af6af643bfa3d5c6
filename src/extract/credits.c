/* credits.c -- a photo credit inside a caption's text: the tail a credit
** element or a split caption leaves ("Getty Images)."), the marker before
** a credit ("Image:", "©"), and a credit in brackets closing the caption
** ("... Epstein. (AP)", "... [사진 출처 = 연합뉴스]"). The markers are
** data (lexicon_words.txt, caption_markers); the rules are the shape of
** the text only, never a site. No state, no allocation: see credits.h. */
#include <string.h>
#include <utf8proc.h>

#include "credits.h"
#include "lexicon.h"

/* a marked credit in brackets may run long ("Photo: Frank van Beek / UN
** Photo / ICJ-CIJ. Courtesy of the ICJ"); an unmarked one is a name or
** two ("AP Photo/Carolyn Kaster", "U.S. District Court, Eastern District
** of New York") */
#define CLOSING_MAX_WORDS_MARKED 16
#define CLOSING_MAX_WORDS 8
#define CLOSING_MAX_BYTES 200

size_t hoso__credit_end(const char *s, size_t n) {
  while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == ')' || s[n - 1] == ']' || s[n - 1] == '.'))
    n--;
  return n;
}

void hoso__credit_trim(const char **s, size_t *n) {
  const char *p = *s;
  size_t m = *n;
  while (m > 0 && (*p == ' ' || *p == '(' || *p == '[' || *p == '|' || *p == '-')) {
    p++;
    m--;
  }
  size_t k = hoso__lex_caption_marker(p, m);
  if (k) {
    p += k;
    m -= k;
    while (m > 0 && *p == ' ') {
      p++;
      m--;
    }
  }
  *s = p;
  *n = hoso__credit_end(p, m);
}

/* Does s[0..n) end a sentence: . ! ? or a closing quote (", ”, ’, »)? */
static int ends_sentence(const char *s, size_t n) {
  if (n == 0) return 0;
  char c = s[n - 1];
  if (c == '.' || c == '!' || c == '?' || c == '"') return 1;
  if (n >= 3 && (unsigned char)s[n - 3] == 0xE2 && (unsigned char)s[n - 2] == 0x80 &&
      ((unsigned char)c == 0x9D || (unsigned char)c == 0x99))
    return 1; /* ” ’ */
  return n >= 2 && (unsigned char)s[n - 2] == 0xC2 && (unsigned char)c == 0xBB; /* » */
}

static int opens_with_capital(const char *s, size_t n) {
  utf8proc_int32_t cp;
  utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &cp);
  if (k <= 0) return 0;
  utf8proc_category_t cat = utf8proc_category(cp);
  return cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LT;
}

/* An unmarked credit's text: no end of a sentence, colon or bracket
** inside ("U.S. District Court" keeps its abbreviation dots: a dot is an
** end only before a space and a lower-case word or at the very end). */
static int plain_name_text(const char *s, size_t n) {
  if (n == 0 || s[n - 1] == '.' || s[n - 1] == '!' || s[n - 1] == '?' || s[n - 1] == ',')
    return 0;
  for (size_t i = 0; i < n; i++) {
    char c = s[i];
    if (c == ':' || c == ';' || c == '(' || c == ')' || c == '[' || c == ']') return 0;
    if ((c == '!' || c == '?') && i + 1 < n && s[i + 1] == ' ') return 0;
    if (c == '.' && i + 2 < n && s[i + 1] == ' ' && s[i + 2] >= 'a' && s[i + 2] <= 'z') return 0;
  }
  return 1;
}

int hoso__caption_closing_credit(const char *s, size_t n, size_t *own, size_t *cs, size_t *cn) {
  size_t e = n;
  while (e > 0 && (s[e - 1] == ' ' || s[e - 1] == '.')) e--;
  if (e < 2) return 0;
  char close = s[e - 1];
  if (close != ')' && close != ']') return 0;
  char open = close == ')' ? '(' : '[';
  size_t o = e - 1; /* the inside is s[o..e-1) once the opener is found */
  while (o > 0 && s[o - 1] != open && s[o - 1] != close && e - o < CLOSING_MAX_BYTES) o--;
  if (o == 0 || s[o - 1] != open) return 0;
  size_t before = o - 1; /* the caption's own text is s[0..before) */
  while (before > 0 && s[before - 1] == ' ') before--;
  if (before == 0) return 0;
  const char *in = s + o;
  size_t inn = e - 1 - o;
  while (inn > 0 && *in == ' ') {
    in++;
    inn--;
  }
  while (inn > 0 && in[inn - 1] == ' ') inn--;
  if (inn == 0) return 0;
  size_t m = hoso__lex_caption_marker(in, inn);
  if (m) {
    const char *c = in + m;
    size_t k = inn - m;
    while (k > 0 && *c == ' ') {
      c++;
      k--;
    }
    k = hoso__credit_end(c, k);
    if (k == 0 || hoso__lex_words(c, k) > CLOSING_MAX_WORDS_MARKED) return 0;
    *cs = (size_t)(c - s);
    *cn = k;
  } else {
    if (!ends_sentence(s, before) || !opens_with_capital(in, inn) ||
        hoso__lex_words(in, inn) > CLOSING_MAX_WORDS || !plain_name_text(in, inn))
      return 0;
    *cs = (size_t)(in - s);
    *cn = inn;
  }
  *own = before;
  return 1;
}

/* The start of the last sentence's end in s[0..n): the offset just past
** a '.', '!' or '?' followed by a space, or by a capital letter with no
** space (two inline elements joined: "kommen.Unsplash/Kelly Sikkema"); 0
** when there is none. "mbl.is/X" and "U.S" are not ends. */
static size_t last_sentence_end(const char *s, size_t n) {
  for (size_t i = n; i-- > 1;) {
    char c = s[i - 1];
    if (c != '.' && c != '!' && c != '?') continue;
    /* an initial ("Chang W. Lee") ends no sentence */
    if (c == '.' && i >= 2 && s[i - 2] >= 'A' && s[i - 2] <= 'Z' && (i == 2 || s[i - 3] == ' ' || s[i - 3] == '.'))
      continue;
    if (s[i] == ' ') return i;
    if (opens_with_capital(s + i, n - i) && i >= 3 && s[i - 2] != '.' && s[i - 3] != '.' &&
        s[i - 2] != ' ' && s[i - 3] != ' ')
      return i; /* not an initial ("J.Doe") nor an abbreviation ("U.S.A") */
  }
  return 0;
}

int hoso__caption_tail_credit(const char *s, size_t n, size_t *own, size_t *cs, size_t *cn) {
  size_t e = n;
  while (e > 0 && s[e - 1] == ' ') e--;
  size_t p = last_sentence_end(s, e);
  if (p == 0) return 0;
  size_t t = p;
  while (t < e && s[t] == ' ') t++;
  const char *tail = s + t;
  size_t tn = e - t, w = hoso__lex_words(tail, tn);
  if (tn == 0 || w > CLOSING_MAX_WORDS || !plain_name_text(tail, tn)) return 0;
  int ok = hoso__lex_caption_tail_credit(tail, tn);
  if (!ok && w <= 3) { /* a name and a job after it ("고영권 기자") */
    size_t lw = tn;
    while (lw > 0 && tail[lw - 1] != ' ') lw--;
    ok = lw > 0 && hoso__lex_caption_tail_job(tail + lw, tn - lw);
  }
  if (!ok) { /* "mbl.is/Atli Steinn Guðmundsson", "Ljósmynd/Aðsend": a
             ** source and a name parted by a slash, up to 4 words */
    const char *sl = memchr(tail, '/', tn);
    ok = sl && sl > tail && sl[-1] != ' ' && sl + 1 < tail + tn && sl[1] != ' ' && w <= 4 &&
         tail[0] != '/';
  }
  if (!ok) return 0;
  *own = p;
  *cs = t;
  *cn = tn;
  return 1;
}
