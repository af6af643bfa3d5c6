/* tokenize.c -- the tokenizer: typed tokens with byte offsets into the
** original input (see hoso_tokenize in include/hoso.h).
**
** One left-to-right pass with bounded look-ahead; at each position the
** longest of these wins, tried in this order: URL ("http://", "www.", a
** bare domain with a known top-level domain), e-mail, phone number ("+"
** or a leading 0 with 9..15 digits in groups), number / date / time
** (digit groups with . , : / - between them, the longest prefix that reads
** as a time, then a date, then a number), code (letters and digits mixed:
** "COVID-19"), dotted abbreviation ("TP.HCM", "Th.S", "U.S."), word; a
** word ends where a scraper glued the next one to it ("thămTrung",
** "Rumsfeldđến": glue.c).
** Look-ahead scans are capped (LOOK_MAX) so no input makes the pass
** quadratic. Invalid UTF-8 and white space separate tokens and are never
** part of one. No allocation, no state outside the call. */
#include <string.h>

#include "text.h"

#define LOOK_MAX 64 /* cap on e-mail / domain / abbreviation look-ahead */
#define MAX_GROUPS 8   /* digit groups read for one number / date / time */

typedef struct tok_state {
  const char *s;
  size_t n;
} tok_state;

static inline int32_t dec(const tok_state *st, size_t i, size_t *len) {
  unsigned char c = (unsigned char)st->s[i];
  if (c < 0x80) {
    *len = 1;
    return c;
  }
  return hoso__utf8_dec(st->s + i, st->n - i, len);
}

static inline int is_digit(int c) { return c >= '0' && c <= '9'; }
static inline int is_alpha(int c) { return (c | 32) >= 'a' && (c | 32) <= 'z'; }
static inline int is_alnum(int c) { return is_digit(c) || is_alpha(c); }
static inline int at(const tok_state *st, size_t i) {
  return i < st->n ? (unsigned char)st->s[i] : -1;
}

/* 1 if the character at i is a letter (any script). */
static int letter_at(const tok_state *st, size_t i) {
  if (i >= st->n) return 0;
  size_t len;
  return hoso__cclass(dec(st, i, &len)) == HOSO_CC_LETTER;
}
/* 1 if a letter or digit starts at i. */
static int alnum_at(const tok_state *st, size_t i) {
  return i < st->n && (is_digit(at(st, i)) || letter_at(st, i));
}

/* ---- URLs and domains ---------------------------------------------- */

static const char *const TLDS[] = {
    "com", "net", "org", "info", "gov", "edu", "int", "mil", "vn", "ru", "uk",
    "us", "de", "fr", "jp", "cn", "kr", "io", "co", "biz", "eu", "ua", "by",
    "kz", "asia", "tv", "me", "news", "online", "site", "su", "рф", "la", "kh",
    "th", "sg", "au", "ca", "in", "it", "es", "ch", "nl", "pl", "se", "no"};

static int prefix_ci(const tok_state *st, size_t i, const char *p) {
  size_t k = strlen(p);
  if (st->n - i < k) return 0;
  for (size_t j = 0; j < k; j++) {
    int c = (unsigned char)st->s[i + j];
    if (c >= 'A' && c <= 'Z') c += 32;
    if (c != p[j]) return 0;
  }
  return 1;
}

static int url_stop(int32_t cp) {
  return hoso__cclass(cp) == HOSO_CC_SPACE || cp == '<' || cp == '>' ||
         cp == '"' || cp == '\'' || cp == 0x201C || cp == 0x201D ||
         cp == 0x00AB || cp == 0x00BB || cp == 0x2018 || cp == 0x2019;
}

/* The rest of a URL from i: up to white space or a quote, then trailing
** punctuation is given back (")" only when unbalanced). */
static size_t url_rest(const tok_state *st, size_t i) {
  size_t j = i;
  while (j < st->n) {
    size_t len;
    int32_t cp = dec(st, j, &len);
    if (url_stop(cp)) break;
    j += len;
  }
  int bal = 0; /* ( minus ) inside the URL */
  for (size_t k = i; k < j; k++)
    bal += st->s[k] == '(' ? 1 : st->s[k] == ')' ? -1 : 0;
  while (j > i) {
    int c = at(st, j - 1);
    if (c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?' ||
        c == ']' || c == '}' || (c == ')' && bal < 0)) {
      if (c == ')') bal++;
      j--;
      continue;
    }
    break;
  }
  return j;
}

static size_t try_url(const tok_state *st, size_t i) {
  int c = at(st, i) | 32;
  if (c != 'h' && c != 'f' && c != 'w') return 0;
  size_t p = 0;
  if (prefix_ci(st, i, "https://"))
    p = 8;
  else if (prefix_ci(st, i, "http://"))
    p = 7;
  else if (prefix_ci(st, i, "ftp://"))
    p = 6;
  else if (prefix_ci(st, i, "www."))
    p = 4;
  if (!p || !alnum_at(st, i + p)) return 0;
  return url_rest(st, i + p);
}

/* A bare domain "baonga.com", "baotintuc.vn/abc": ASCII labels joined by
** dots, the last one a known top-level domain. */
static size_t try_domain(const tok_state *st, size_t i) {
  size_t j = i, last = i, labels = 0;
  while (j < st->n && j - i < LOOK_MAX) {
    size_t k = j;
    while (k < st->n && (is_alnum(at(st, k)) || at(st, k) == '-')) k++;
    if (k == j) break;
    labels++;
    last = j;
    j = k;
    if (at(st, j) == '.' && is_alnum(at(st, j + 1))) {
      j++;
      continue;
    }
    break;
  }
  if (labels < 2 || letter_at(st, j) || is_digit(at(st, j))) return 0;
  size_t tl = j - last;
  for (size_t k = last; k < j; k++) /* a domain's TLD is written lower case */
    if (!(at(st, k) >= 'a' && at(st, k) <= 'z')) return 0;
  int ok = 0;
  for (size_t t = 0; t < sizeof(TLDS) / sizeof(TLDS[0]) && !ok; t++)
    if (strlen(TLDS[t]) == tl && prefix_ci(st, last, TLDS[t])) ok = 1;
  if (!ok) return 0;
  if (at(st, j) == '/' && j + 1 < st->n && !url_stop(at(st, j + 1)))
    return url_rest(st, j);
  return j;
}

/* ---- e-mail ---------------------------------------------------------- */

static int email_local(int c) {
  return is_alnum(c) || c == '.' || c == '_' || c == '%' || c == '+' ||
         c == '-';
}

static size_t try_email(const tok_state *st, size_t i) {
  size_t j = i;
  while (j < st->n && j - i < 64 && email_local(at(st, j))) j++;
  if (at(st, j) != '@' || j == i || at(st, j - 1) == '.') return 0;
  size_t k = j + 1, dots = 0, end = 0;
  while (k < st->n && k - j < LOOK_MAX) {
    size_t l = k;
    while (l < st->n && (is_alnum(at(st, l)) || at(st, l) == '-')) l++;
    if (l == k) break;
    end = l;
    if (at(st, l) == '.' && is_alnum(at(st, l + 1))) {
      dots++;
      k = l + 1;
      continue;
    }
    break;
  }
  if (!dots || !end) return 0;
  return end;
}

/* ---- phone numbers ---------------------------------------------------- */

static size_t try_phone(const tok_state *st, size_t i) {
  size_t j = i, last = 0, digits = 0, groups = 0;
  int plus = at(st, j) == '+';
  if (plus) j++;
  int first_digit = -1;
  while (j < st->n && j - i < 40) {
    if (at(st, j) == '(') {
      size_t k = j + 1;
      while (is_digit(at(st, k))) k++;
      if (k == j + 1 || at(st, k) != ')' || k - j > 6) break;
      if (first_digit < 0) first_digit = at(st, j + 1);
      digits += k - j - 1;
      j = k + 1;
    } else if (is_digit(at(st, j))) {
      if (first_digit < 0) first_digit = at(st, j);
      while (is_digit(at(st, j))) {
        j++;
        digits++;
      }
    } else {
      break;
    }
    groups++;
    last = j;
    int c = at(st, j);
    if ((c == ' ' || c == '.' || c == '-') &&
        (is_digit(at(st, j + 1)) || at(st, j + 1) == '(')) {
      if (c == ' ') { /* a space only before a group of 2+ digits */
        if (!(is_digit(at(st, j + 2)) || at(st, j + 1) == '(')) break;
      }
      j++;
      continue;
    }
    if (c == '(' || (is_digit(c) && at(st, j - 1) == ')')) continue;
    break;
  }
  if (!last || letter_at(st, last) || is_digit(at(st, last))) return 0;
  if (plus) return digits >= 7 && digits <= 15 ? last : 0;
  if (first_digit == '0' && digits >= 9 && digits <= 12 &&
      (groups >= 2 || digits >= 10))
    return last;
  return 0;
}

/* ---- numbers, dates, times ------------------------------------------- */

typedef struct numparse {
  size_t start[MAX_GROUPS], len[MAX_GROUPS];
  char sep[MAX_GROUPS]; /* sep[k] precedes group k (k >= 1) */
  int k;
} numparse;

static long group_val(const tok_state *st, const numparse *np, int g) {
  long v = 0;
  for (size_t j = 0; j < np->len[g] && j < 9; j++)
    v = v * 10 + (st->s[np->start[g] + j] - '0');
  return v;
}

static int seps_all(const numparse *np, int m, char c) {
  for (int g = 1; g < m; g++)
    if (np->sep[g] != c) return 0;
  return 1;
}

static int day_month(const tok_state *st, const numparse *np, int d, int mo) {
  long dv = group_val(st, np, d), mv = group_val(st, np, mo);
  return np->len[d] <= 2 && np->len[mo] <= 2 && dv >= 1 && dv <= 31 &&
         mv >= 1 && mv <= 12;
}

/* Type of the first m groups, 0 if they do not form one token. */
static int num_type(const tok_state *st, const numparse *np, int m) {
  if (m == 1) return HOSO_TOK_NUMBER;
  if (seps_all(np, m, ':') && m <= 3) {
    if (np->len[0] > 2 || group_val(st, np, 0) > 24) return 0;
    for (int g = 1; g < m; g++)
      if (np->len[g] != 2 || group_val(st, np, g) > 59) return 0;
    return HOSO_TOK_TIME;
  }
  if (seps_all(np, m, '/') || seps_all(np, m, '-') || seps_all(np, m, '.')) {
    char c = np->sep[1];
    if (m == 2 && c != '.' && day_month(st, np, 0, 1)) return HOSO_TOK_DATE;
    if (m == 2 && c == '/' && np->len[0] <= 2 && np->len[1] == 4 &&
        group_val(st, np, 0) >= 1 && group_val(st, np, 0) <= 12)
      return HOSO_TOK_DATE; /* 5/2021 */
    if (m == 3 && day_month(st, np, 0, 1) &&
        (np->len[2] == 4 || (np->len[2] == 2 && c != '.')))
      return HOSO_TOK_DATE;
    if (m == 3 && c == '-' && np->len[0] == 4 && np->len[1] == 2 &&
        np->len[2] == 2 && day_month(st, np, 2, 1))
      return HOSO_TOK_DATE; /* 2021-05-20 */
  }
  for (int g = 1; g < m; g++)
    if (np->sep[g] != '.' && np->sep[g] != ',') return 0;
  return HOSO_TOK_NUMBER;
}

/* Letters and digits, joined by "-" before a letter or digit. */
static size_t scan_code(const tok_state *st, size_t j) {
  for (;;) {
    while (alnum_at(st, j)) {
      size_t len;
      (void)dec(st, j, &len);
      j += len;
    }
    if (at(st, j) == '-' && alnum_at(st, j + 1)) {
      j++;
      continue;
    }
    return j;
  }
}

static void scan_number(const tok_state *st, size_t i, hoso_token *t) {
  numparse np;
  size_t j = i;
  np.k = 0;
  for (;;) {
    np.start[np.k] = j;
    while (is_digit(at(st, j))) j++;
    np.len[np.k] = j - np.start[np.k];
    np.k++;
    int c = at(st, j);
    if (np.k < MAX_GROUPS &&
        (c == '.' || c == ',' || c == ':' || c == '/' || c == '-') &&
        is_digit(at(st, j + 1))) {
      np.sep[np.k] = (char)c;
      j++;
      continue;
    }
    break;
  }
  int m = np.k, type = 0;
  for (; m >= 1; m--)
    if ((type = num_type(st, &np, m))) break;
  size_t end = np.start[m - 1] + np.len[m - 1];
  t->type = type;
  t->end = end;
  if (!letter_at(st, end)) return;
  /* "17h", "17h42": Vietnamese clock time */
  int h = at(st, end) | 32;
  if (m == 1 && np.len[0] <= 2 && group_val(st, &np, 0) <= 24 &&
      (h == 'h' || h == 'g')) {
    size_t e = end + 1, d = 0;
    while (is_digit(at(st, e)) && d < 3) {
      e++;
      d++;
    }
    if ((d == 0 || d == 2) && !alnum_at(st, e)) {
      t->type = HOSO_TOK_TIME;
      t->end = e;
      return;
    }
  }
  t->type = HOSO_TOK_CODE;
  t->end = scan_code(st, end);
}

/* ---- words, abbreviations, codes -------------------------------------- */

typedef struct wordinfo {
  size_t end;
  int letters, upper, first_upper, script;
} wordinfo;

static void scan_letters(const tok_state *st, size_t i, wordinfo *w) {
  size_t j = i;
  memset(w, 0, sizeof(*w));
  w->script = -1;
  while (j < st->n) {
    size_t len;
    int32_t cp = dec(st, j, &len);
    int cc = hoso__cclass(cp);
    if (cc == HOSO_CC_LETTER) {
      int up = hoso__is_upper(cp);
      if (!w->letters) {
        w->first_upper = up;
        w->script = hoso__script(cp);
      }
      w->letters++;
      w->upper += up;
    } else if (cc == HOSO_CC_MARK) {
      /* joins the letter before it */
    } else if ((cp == '\'' || cp == 0x2019) && w->letters &&
               letter_at(st, j + len)) {
      /* O'Neil, Vietnam's */
    } else {
      break;
    }
    j += len;
  }
  w->end = j;
}

/* "TP.HCM", "Th.S", "U.S.", "v.v.", "T.Ư": letter runs of at most 4 letters
** joined by single dots, every run after the first all capitals (or one
** letter), or every run one letter. "AIDS.Dự" (a missing space) is not. */
static size_t try_dotted(const tok_state *st, size_t i, const wordinfo *w0) {
  wordinfo w = *w0;
  int runs = 1, short_runs = w.letters <= 4, rest_caps = 1,
      singles = w.letters == 1;
  size_t end = w.end;
  while (at(st, end) == '.' && letter_at(st, end + 1) && runs < 8 &&
         end - i < LOOK_MAX) {
    scan_letters(st, end + 1, &w);
    runs++;
    short_runs &= w.letters <= 4;
    rest_caps &= w.upper == w.letters || w.letters == 1;
    singles &= w.letters == 1;
    end = w.end;
  }
  if (runs < 2 || !short_runs || !(rest_caps || singles)) return 0;
  if (singles && at(st, end) == '.') end++;
  return end;
}

static void scan_word(const tok_state *st, size_t i, hoso_token *t) {
  wordinfo w;
  scan_letters(st, i, &w);
  /* two words a scraper glued ("thămTrung"): the first ends there (glue.c) */
  size_t glue = hoso__glue_point(st->s + i, w.end - i);
  if (glue) {
    tok_state first = {st->s, i + glue};
    scan_letters(&first, i, &w);
  }
  size_t j = w.end;
  t->script = w.script;
  if (w.first_upper) t->flags |= HOSO_TOKF_CAP;
  int allcaps = w.letters >= 2 && w.upper == w.letters;
  if (allcaps) t->flags |= HOSO_TOKF_ALLCAPS;
  t->end = j;
  int c = at(st, j);
  if (is_digit(c) || (c == '-' && is_digit(at(st, j + 1)))) {
    t->type = HOSO_TOK_CODE;
    t->end = scan_code(st, j);
    return;
  }
  if (c == '.' && j + 1 < st->n) {
    size_t e;
    if (is_alpha(at(st, i)) && is_alnum(at(st, j + 1)) &&
        (e = try_domain(st, i))) {
      t->type = HOSO_TOK_URL;
      t->end = e;
      return;
    }
    if (letter_at(st, j + 1) && (e = try_dotted(st, i, &w))) {
      t->type = HOSO_TOK_ABBREV;
      t->end = e;
      return;
    }
  }
  if (allcaps && c == '+' && !alnum_at(st, j + 1)) {
    t->type = HOSO_TOK_ABBREV;
    t->end = j + 1;
    return;
  }
  if (w.script == HOSO_SCRIPT_LATIN && hoso__vi_is_syllable(st->s + i, j - i)) {
    t->type = HOSO_TOK_SYLLABLE;
    return;
  }
  if (allcaps || (w.upper >= 2 && w.letters <= 4)) {
    t->type = HOSO_TOK_ABBREV;
    return;
  }
  t->type = HOSO_TOK_WORD;
}

/* ---- the pass ------------------------------------------------------- */

static size_t marks_after(const tok_state *st, size_t j) {
  while (j < st->n) {
    size_t len;
    if (hoso__cclass(dec(st, j, &len)) != HOSO_CC_MARK) break;
    j += len;
  }
  return j;
}

int hoso__tokenize(const char *s, size_t n, hoso_tok_cb cb, void *ctx) {
  tok_state st = {s, n};
  size_t i = 0;
  while (i < n) {
    size_t len;
    int32_t cp = dec(&st, i, &len);
    int cc = hoso__cclass(cp);
    if (cc == HOSO_CC_SPACE) {
      i += len;
      continue;
    }
    hoso_token t;
    memset(&t, 0, sizeof(t));
    t.start = i;
    size_t e = 0;
    if (cc == HOSO_CC_LETTER || cc == HOSO_CC_DIGIT) {
      if ((e = try_url(&st, i))) {
        t.type = HOSO_TOK_URL;
      } else if (cp < 0x80 && (e = try_email(&st, i))) {
        t.type = HOSO_TOK_EMAIL;
      } else if (cp == '0' && (e = try_phone(&st, i))) {
        t.type = HOSO_TOK_PHONE;
      } else if (cc == HOSO_CC_DIGIT) {
        scan_number(&st, i, &t);
      } else {
        scan_word(&st, i, &t);
      }
      if (e) t.end = e;
      if (t.type == HOSO_TOK_URL || t.type == HOSO_TOK_EMAIL)
        t.script = HOSO_SCRIPT_LATIN;
    } else if ((cp == '+' || cp == '(') && (e = try_phone(&st, i))) {
      t.type = HOSO_TOK_PHONE;
      t.end = e;
    } else if ((cp == '.' || cp == '-') && at(&st, i + 1) == cp) {
      size_t j = i;
      while (at(&st, j) == cp) j++;
      t.type = HOSO_TOK_PUNCT;
      t.end = j;
    } else {
      t.type = cc == HOSO_CC_PUNCT ? HOSO_TOK_PUNCT : HOSO_TOK_SYMBOL;
      t.end = marks_after(&st, i + len);
    }
    if (t.end <= i) t.end = i + len; /* never stall */
    int rc = cb(ctx, &t);
    if (rc) return rc;
    i = t.end;
  }
  return HOSO_OK;
}
