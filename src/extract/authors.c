/* authors.c -- author names from bylines and metadata: drop "By",
** "Theo", "Tác giả:", e-mail addresses, dates (the name before a date
** stays), URLs, degrees after a
** name ("MA", "PhD"), and split lists ("A, B and C", "A và B"); the
** co-authors of "A (with B and C)" are authors too. */
#include <string.h>
#include <strings.h>

#include "authors.h"
#include "extract.h"
#include "lexicon.h"

typedef struct joining_word {
  const char *w;
  int any_case; /* 1: "and", "And", "AND" alike */
} joining_word;

/* the word lists: authors_words.txt, written into C by
** scripts/gen-word-lists.sh (static, read-only) */
#include "authors_words.inc"

#define COUNT_OF(a) (sizeof(a) / sizeof((a)[0]))

static int is_sep_word(const char *s, size_t n) {
  for (size_t k = 0; k < COUNT_OF(joining_words); k++) {
    const joining_word *j = &joining_words[k];
    if (strlen(j->w) == n &&
        (j->any_case ? strncasecmp(s, j->w, n) == 0 : memcmp(s, j->w, n) == 0))
      return 1;
  }
  return 0;
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
  char b[12];
  size_t k = 0;
  for (size_t i = 0; i < n; i++) {
    if (s[i] == '.') continue; /* "Ph.D.", "M.A." */
    if (k + 1 >= sizeof(b)) return 0;
    b[k++] = s[i];
  }
  b[k] = '\0';
  for (size_t i = 0; i < COUNT_OF(credentials); i++)
    if (strcmp(b, credentials[i]) == 0) return 1;
  return 0;
}

/* Words that join a date to the name before it in a byline ("By Jane
** Roe March 11, 2015 3:46 PM", "Jane Roe, updated on 3 May"): month
** names (English, German, French, Spanish; full and short), "on", "at",
** "updated", "published", "posted" and dashes. */
static int date_word(const char *s, size_t n) {
  while (n > 0 && (s[n - 1] == '.' || s[n - 1] == ',' || s[n - 1] == ':')) n--;
  for (size_t i = 0; i < COUNT_OF(byline_date_words); i++)
    if (strlen(byline_date_words[i]) == n && memcmp(byline_date_words[i], s, n) == 0) return 1;
  return 0;
}

/* Is the digit at s[at] the end of a word of a name ("BR24 Redaktion",
** "Sport1 Redaktion")? Letters before it in its word, the word ends with
** its digits, and another word follows that is neither a date word nor
** a number: "Lucas Nolan22 Dec" and "Jane Roe 12.03." are dates. */
static int name_with_number(const char *s, size_t n, size_t at) {
  if (at == 0 || s[at - 1] == ' ') return 0;
  size_t e = at;
  while (e < n && s[e] >= '0' && s[e] <= '9') e++;
  if (e >= n || s[e] != ' ') return 0;
  size_t w = e + 1, we = w;
  while (we < n && s[we] != ' ') we++;
  if (we == w || (s[w] >= '0' && s[w] <= '9') || date_word(s + w, we - w)) return 0;
  return 1;
}

/* The name before a date in a byline part: the part cut at its first
** digit (at the start of its word unless the letters before the digit
** make a word of two or more), then without the month names and joining words left
** before it; 0 when nothing is left. A part without digits is kept. */
static size_t cut_date(const char *s, size_t n) {
  size_t cut = 0;
  for (;;) {
    while (cut < n && !(s[cut] >= '0' && s[cut] <= '9')) cut++;
    if (cut == n) return n;
    if (!name_with_number(s, n, cut)) break;
    while (cut < n && s[cut] != ' ') cut++;
  }
  /* a date glued to the name by the page's markup ("Lucas Nolan22 Dec")
  ** is cut where its digits start; any other word with a digit goes */
  if (cut > 0 && s[cut - 1] != ' ') {
    size_t b = cut;
    while (b > 0 && s[b - 1] != ' ') b--;
    int letters = 1;
    for (size_t k = b; k < cut; k++)
      if (!((s[k] >= 'a' && s[k] <= 'z') || (s[k] >= 'A' && s[k] <= 'Z') ||
            (unsigned char)s[k] >= 0x80))
        letters = 0;
    if (!letters || cut - b < 2) cut = b;
  }
  n = cut;
  for (;;) {
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == ',' || s[n - 1] == ';')) n--;
    size_t b = n;
    while (b > 0 && s[b - 1] != ' ') b--;
    if (n == 0 || !date_word(s + b, n - b)) break;
    n = b;
  }
  return n;
}

/* A host name: labels of ASCII letters, digits and hyphens joined by
** dots, the last (the top-level domain) two to six letters, the first
** two or more characters ("ORF.at", "ntv.com.tr"; not "R.J."). */
static int is_domain(const char *s, size_t n) {
  size_t label = 0, labels = 0, first = 0, tld_letters = 1;
  for (size_t i = 0; i <= n; i++) {
    if (i == n || s[i] == '.') {
      if (label == 0) return 0;
      if (labels == 0) first = label;
      labels++;
      if (i == n && (!tld_letters || label < 2 || label > 6)) return 0;
      label = 0;
      tld_letters = 1;
      continue;
    }
    char c = s[i];
    int letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    if (!letter && !(c >= '0' && c <= '9') && c != '-') return 0;
    if (!letter) tld_letters = 0;
    label++;
  }
  return labels >= 2 && first >= 2;
}

/* The name without a job written after it ("신현주 기자" is
** "신현주"): a last word, after a space, of job_words goes. */
static size_t cut_job(const char *s, size_t n) {
  size_t b = n;
  while (b > 0 && s[b - 1] != ' ') b--;
  if (b == 0) return n;
  for (size_t k = 0; k < COUNT_OF(job_words); k++)
    if (strlen(job_words[k]) == n - b && memcmp(job_words[k], s + b, n - b) == 0) {
      while (b > 0 && s[b - 1] == ' ') b--;
      return b;
    }
  return n;
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
  /* one word with a dot: a domain naming the publisher ("ORF.at",
  ** "ndr.de") is kept -- hoso__ex_finish keeps it only when the page
  ** names no person -- anything else ("R.J.") is no name */
  if (!memchr(s, ' ', n) && memchr(s, '.', n) && !is_domain(s, n)) return HOSO_OK;
  n = cut_date(s, n);
  n = cut_job(s, n);
  if (n < 2) return HOSO_OK;
  return hoso__art_add_str(&a->authors, &a->n_authors, s, n);
}

/* "with" at the start of a part in parentheses: "A (with B and C)",
** "A (avec B et C)" name B and C as co-authors. Returns the length of
** the word and the space after it, or 0. */
static size_t with_word(const char *s, size_t n) {
  for (size_t k = 0; k < COUNT_OF(with_words); k++) {
    size_t l = strlen(with_words[k]);
    if (n > l && memcmp(s, with_words[k], l) == 0) return l;
  }
  return 0;
}

/* Is the word at s[0..n) (up to a space) a single letter? */
static int one_letter(const char *s, size_t n) {
  return n >= 1 && (n == 1 || s[1] == ' ');
}

/* The last part of a byline after a comma, when it is one word that
** starts with a capital (and is no run of initials: "AFP", "TTXVN") and
** the byline has already given a name of two or more words: the place
** the reporter writes from ("Anna Sleegers, Frankfurt", "A und B,
** Sweidah"), or a job title ("Redakteur"), not a person. An agency
** written as a word ("Jane Roe, Reuters") goes too. a->authors[first..]
** are the names this byline gave. */
static int dateline_place(const char *s, size_t n, const hoso_article_rec *a, size_t first) {
  while (n > 0 && (s[0] == ' ' || s[0] == '\t' || s[0] == '\n')) {
    s++;
    n--;
  }
  while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '.' || s[n - 1] == '\n')) n--;
  if (n < 2 || memchr(s, ' ', n) || !(s[0] >= 'A' && s[0] <= 'Z')) return 0;
  size_t caps = 0; /* an agency's initials ("AFP", "TTXVN") name a source */
  for (size_t i = 0; i < n; i++) caps += s[i] >= 'A' && s[i] <= 'Z';
  if (caps >= 2) return 0;
  for (size_t k = first; k < a->n_authors; k++)
    if (strchr(a->authors[k], ' ')) return 1;
  return 0;
}

/* Split a list of names ("A, B and C") and add each. A "&" with a
** single letter on either side is part of a name ("Mac & i", "AT & T"),
** not a list. */
static int add_list(hoso_article_rec *a, const char *s, size_t n) {
  size_t start = 0, i = 0, first = a->n_authors;
  int rc, after_comma = 0;
  while (i < n) {
    if (s[i] == ',' || s[i] == ';') {
      if ((rc = add_one(a, s + start, i - start))) return rc;
      start = i + 1;
      after_comma = s[i] == ',';
      i++;
      continue;
    }
    if (s[i] == ' ') {
      size_t j = i + 1;
      while (j < n && s[j] != ' ') j++;
      if (j < n && is_sep_word(s + i + 1, j - i - 1)) {
        size_t pw = i;
        while (pw > start && s[pw - 1] != ' ') pw--;
        int glued = s[i + 1] == '&' && (one_letter(s + pw, i - pw) || one_letter(s + j + 1, n - j - 1));
        if (!glued) {
          if ((rc = add_one(a, s + start, i - start))) return rc;
          start = j + 1;
          i = j + 1;
          after_comma = 0;
          continue;
        }
      }
    }
    i++;
  }
  if (after_comma && dateline_place(s + start, n - start, a, first)) return HOSO_OK;
  return add_one(a, s + start, n - start);
}

int hoso__authors_add(hoso_article_rec *a, const char *s, size_t n) {
  /* strip a leading "By" / "Theo" / "Tác giả:" / "Автор:" */
  for (size_t k = 0; k < COUNT_OF(byline_leads); k++) {
    size_t l = strlen(byline_leads[k]);
    if (n > l && memcmp(s, byline_leads[k], l) == 0) {
      s += l;
      n -= l;
      break;
    }
  }
  /* cut at " - ", " | ", "(" (often "Name - Agency", "Name (TTXVN)");
  ** a part in parentheses with more of the name after it is the name's
  ** own ("Richard (R.J.) Eskow") and stays; one that starts with "with"
  ** names co-authors ("(avec Damien Leloup et Morgane Tual)") */
  const char *co = NULL;
  size_t co_n = 0;
  for (size_t i = 0; i + 2 < n; i++) {
    if (s[i] == '(') {
      const char *close = memchr(s + i, ')', n - i);
      size_t after = close ? (size_t)(close - s) + 1 : n;
      while (after < n && s[after] == ' ') after++;
      if (close && after < n && name_word_at(s + after, n - after)) {
        i = (size_t)(close - s);
        continue;
      }
      size_t inner = close ? (size_t)(close - s) - i - 1 : n - i - 1;
      size_t ww = with_word(s + i + 1, inner);
      if (ww && name_word_at(s + i + 1 + ww, inner - ww)) {
        co = s + i + 1 + ww;
        co_n = inner - ww;
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
  int rc = add_list(a, s, n);
  if (!rc && co_n) rc = add_list(a, co, co_n);
  return rc;
}


int hoso__authors_add_inverted(hoso_article_rec *a, const char *s, size_t n) {
  const char *comma = memchr(s, ',', n);
  if (!comma || memchr(comma + 1, ',', n - (size_t)(comma - s) - 1) || memchr(s, ';', n))
    return hoso__authors_add(a, s, n);
  size_t fam = (size_t)(comma - s), g = fam + 1;
  while (g < n && s[g] == ' ') g++;
  size_t fw = hoso__lex_words(s, fam), gw = hoso__lex_words(s + g, n - g);
  if (fw < 1 || fw > 2 || gw < 1 || gw > 3 || !name_word_at(s, fam) ||
      !name_word_at(s + g, n - g))
    return hoso__authors_add(a, s, n);
  for (size_t i = 0; i < n; i++)
    if (s[i] >= '0' && s[i] <= '9') return hoso__authors_add(a, s, n);
  char buf[160];
  if (n + 1 > sizeof(buf)) return hoso__authors_add(a, s, n);
  size_t k = n - g;
  memcpy(buf, s + g, k);
  buf[k++] = ' ';
  memcpy(buf + k, s, fam);
  k += fam;
  return hoso__art_add_str(&a->authors, &a->n_authors, buf, k);
}
