/* authors.c -- author names from bylines and metadata: drop "By",
** "Theo", "Tác giả:", e-mail addresses, dates, URLs, degrees after a
** name ("MA", "PhD"), and split lists ("A, B and C", "A và B"). */
#include <string.h>
#include <strings.h>

#include "authors.h"
#include "extract.h"

static int is_sep_word(const char *s, size_t n) {
  return (n == 3 && strncasecmp(s, "and", 3) == 0) || (n == 1 && s[0] == '&') ||
         (n == 3 && strncmp(s, "und", 3) == 0) || (n == 2 && strncmp(s, "et", 2) == 0) ||
         (n == 1 && (s[0] == 'y' || s[0] == 'e')) || (n == 2 && strncmp(s, "og", 2) == 0) ||
         (n == 3 && memcmp(s, "v\xC3\xA0", 3) == 0) || /* và */
         (n == 2 && memcmp(s, "\xD0\xB8", 2) == 0);    /* и */
}

/* A word that can go on a name: it starts with a letter (ASCII upper
** case, or any non-ASCII byte) -- not a separator, digit or bracket. */
static int name_word_at(const char *s, size_t n) {
  if (n == 0) return 0;
  unsigned char c = (unsigned char)s[0];
  if (c >= 0x80) return 1;
  if (c < 'A' || c > 'Z') return 0;
  size_t w = 0;
  while (w < n && s[w] != ' ') w++;
  return !is_sep_word(s, w);
}

/* Letters after a name for a degree or a licence ("Brenda Goodman, MA",
** "Jane Roe, PhD"): a part of a byline, not a person. Written as they
** are (upper case, "PhD"), so a surname such as "Ma" is not one. */
static int is_credential(const char *s, size_t n) {
  static const char *const cred[] = {"MA", "MS", "MSc", "BA", "BSc", "MD", "PhD", "MPH",
                                     "MBA", "RN", "DDS", "DVM", "JD", "LLM", "DrPH", "PharmD"};
  char b[12];
  size_t k = 0;
  for (size_t i = 0; i < n; i++) {
    if (s[i] == '.') continue; /* "Ph.D.", "M.A." */
    if (k + 1 >= sizeof(b)) return 0;
    b[k++] = s[i];
  }
  b[k] = '\0';
  for (size_t i = 0; i < sizeof(cred) / sizeof(cred[0]); i++)
    if (strcmp(b, cred[i]) == 0) return 1;
  return 0;
}

static int add_one(hoso_article_rec *a, const char *s, size_t n) {
  while (n > 0 && (s[0] == ' ' || s[0] == ',' || s[0] == ';' || s[0] == '-' || s[0] == ':')) {
    s++;
    n--;
  }
  while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == ',' || s[n - 1] == '.' ||
                   s[n - 1] == ';' || s[n - 1] == '-' || s[n - 1] == '|'))
    n--;
  if (n < 2 || n > 80 || is_credential(s, n)) return HOSO_OK;
  if (memchr(s, '@', n) || memchr(s, '/', n) || (n > 4 && strncasecmp(s, "http", 4) == 0))
    return HOSO_OK;
  if (!memchr(s, ' ', n) && memchr(s, '.', n)) return HOSO_OK; /* a domain */
  size_t digits = 0;
  for (size_t i = 0; i < n; i++) digits += s[i] >= '0' && s[i] <= '9';
  if (digits) return HOSO_OK;
  return hoso__art_add_str(&a->authors, &a->n_authors, s, n);
}

int hoso__authors_add(hoso_article_rec *a, const char *s, size_t n) {
  /* strip a leading "By" / "Theo" / "Tác giả:" / "Автор:" */
  static const char *const pre[] = {"By ", "by ", "BY ", "Theo ", "Von ", "von ", "Par ", "par ", "Por ", "T\xC3\xA1" "c gi\xE1\xBA\xA3:",
                                    "T\xC3\xA1" "c gi\xE1\xBA\xA3 ", "Author:", "\xD0\x90\xD0\xB2\xD1\x82\xD0\xBE\xD1\x80:"};
  for (size_t k = 0; k < sizeof(pre) / sizeof(pre[0]); k++) {
    size_t l = strlen(pre[k]);
    if (n > l && memcmp(s, pre[k], l) == 0) {
      s += l;
      n -= l;
      break;
    }
  }
  /* cut at " - ", " | ", "(" (often "Name - Agency", "Name (TTXVN)");
  ** a part in parentheses with more of the name after it is the name's
  ** own ("Richard (R.J.) Eskow") and stays */
  for (size_t i = 0; i + 2 < n; i++) {
    if (s[i] == '(') {
      const char *close = memchr(s + i, ')', n - i);
      size_t after = close ? (size_t)(close - s) + 1 : n;
      while (after < n && s[after] == ' ') after++;
      if (close && after < n && name_word_at(s + after, n - after)) {
        i = (size_t)(close - s);
        continue;
      }
      n = i;
      break;
    }
    if (s[i] == ' ' && (s[i + 1] == '-' || s[i + 1] == '|') && s[i + 2] == ' ') {
      n = i;
      break;
    }
  }
  /* split on ",", ";", " and ", " & ", " và " */
  size_t start = 0, i = 0;
  int rc;
  while (i < n) {
    if (s[i] == ',' || s[i] == ';') {
      if ((rc = add_one(a, s + start, i - start))) return rc;
      start = i + 1;
      i++;
      continue;
    }
    if (s[i] == ' ') {
      size_t j = i + 1;
      while (j < n && s[j] != ' ') j++;
      if (j < n && is_sep_word(s + i + 1, j - i - 1)) {
        if ((rc = add_one(a, s + start, i - start))) return rc;
        start = j + 1;
        i = j + 1;
        continue;
      }
    }
    i++;
  }
  return add_one(a, s + start, n - start);
}
