/* dates.c -- dates as written on news pages, to ISO 8601.
**
** Forms: ISO 8601 / RFC 3339; D/M/YYYY, D-M-YYYY, D.M.YYYY (day first,
** the Vietnamese and Russian order; M/D only when the day cannot be a
** month); "ngày D tháng M năm YYYY"; "D мая YYYY г." (genitive and
** nominative Russian months); "20 May 2021", "May 20, 2021"; times
** HH:MM[:SS], "17h42", am/pm; zones "GMT+7", "GMT + 7", "(GMT+7)",
** "UTC+07:00", "+0700", "Z", and a few names (ICT, MSK, UTC, GMT).
** The text is folded first (hoso__fold_append: lower case, no marks) so
** "Tháng"/"thang" and "Мая"/"мая" match alike. No date -> 0, no guess:
** a two-digit year, an impossible day or month gives no date. Every word
** of these forms (months, "tháng", "th", "г.", "p.m.", zone names, the
** words between a date and its time, the words of a date line) is data:
** dates_words.txt; this file holds the forms only.
*/
#include <stdio.h>
#include <string.h>

#include "extract.h"
#include "text/text.h"

enum { T_NUM, T_WORD, T_PUNCT };
typedef struct tok {
  int type;
  long num;   /* T_NUM value */
  int digits; /* T_NUM length */
  const char *s;
  size_t n;
} tok;

#define MAX_TOK 96

typedef struct ru_month {
  const char *stem;
  const char *endings; /* one-letter endings, each 2 bytes ("яь") */
  int bare;            /* 1: the stem alone is the month ("март") */
} ru_month;

typedef struct month_name {
  const char *w;
  int month; /* 1-12 */
} month_name;

typedef struct half_day {
  const char *w; /* a phrase of tokens: "pm", "p.m" */
  int pm;        /* 1: after noon */
} half_day;

typedef struct zone_name {
  const char *w;
  int minutes;        /* east of UTC */
  int offset_follows; /* 1: "+7" may follow ("GMT+7"); 0: none ("Z") */
} zone_name;

/* the word lists: dates_words.txt, written into C by
** scripts/gen-word-lists.sh (static, read-only) */
#include "dates_words.inc"

#define COUNT_OF(a) (sizeof(a) / sizeof((a)[0]))

_Static_assert(sizeof(months_ru) / sizeof(months_ru[0]) == 12 &&
                   sizeof(months_en) / sizeof(months_en[0]) == 12 &&
                   sizeof(months_en_full) / sizeof(months_en_full[0]) == 12,
               "dates_words.txt: each month list has 12 entries, January first");

static int is_alpha_byte(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
}

static size_t tokenize(const char *f, size_t n, tok *t) {
  size_t k = 0, i = 0;
  while (i < n && k < MAX_TOK) {
    unsigned char c = (unsigned char)f[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      i++;
      continue;
    }
    tok *x = &t[k];
    x->s = f + i;
    if (c >= '0' && c <= '9') {
      long v = 0;
      int d = 0;
      while (i < n && f[i] >= '0' && f[i] <= '9') {
        if (d < 9) v = v * 10 + (f[i] - '0');
        d++;
        i++;
      }
      x->type = T_NUM;
      x->num = v;
      x->digits = d;
    } else if (is_alpha_byte(c)) {
      while (i < n && is_alpha_byte((unsigned char)f[i])) i++;
      x->type = T_WORD;
    } else {
      i++;
      x->type = T_PUNCT;
    }
    x->n = (size_t)(f + i - x->s);
    k++;
  }
  return k;
}

static int word_is(const tok *t, const char *w) {
  return t->type == T_WORD && strlen(w) == t->n && memcmp(t->s, w, t->n) == 0;
}
static int punct_is(const tok *t, char c) {
  return t->type == T_PUNCT && t->s[0] == c;
}
/* Is token t one of the words of list[0..n)? */
static int word_in(const tok *t, const char *const *list, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (word_is(t, list[i])) return 1;
  return 0;
}
#define WORD_IN(t, list) word_in((t), (list), COUNT_OF(list))

/* The tokens of phrase p ("p.m") at t[i..k): how many, or 0. */
static size_t phrase_at(const tok *t, size_t k, size_t i, const char *p) {
  tok pt[MAX_TOK];
  size_t pn = tokenize(p, strlen(p), pt);
  if (pn == 0 || i + pn > k) return 0;
  for (size_t j = 0; j < pn; j++)
    if (t[i + j].type != pt[j].type || t[i + j].n != pt[j].n ||
        memcmp(t[i + j].s, pt[j].s, pt[j].n) != 0)
      return 0;
  return pn;
}

/* Month from a word: English (and months_other), Russian (a stem and
** one of its one-letter endings, or the stem alone when bare). */
static int month_word(const tok *t) {
  if (t->type != T_WORD) return 0;
  for (int m = 0; m < 12; m++)
    if (word_is(t, months_en[m]) || word_is(t, months_en_full[m])) return m + 1;
  for (size_t k = 0; k < COUNT_OF(months_other); k++)
    if (word_is(t, months_other[k].w)) return months_other[k].month;
  for (int m = 0; m < 12; m++) {
    const ru_month *r = &months_ru[m];
    size_t l = strlen(r->stem);
    if (t->n < l || memcmp(t->s, r->stem, l) != 0) continue;
    size_t rest = t->n - l;
    if (rest == 0 && r->bare) return m + 1;
    if (rest != 2) continue;
    for (const char *e = r->endings; e[0] && e[1]; e += 2)
      if (memcmp(t->s + l, e, 2) == 0) return m + 1;
  }
  return 0;
}

static int days_in(int y, int m) {
  static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) return 29;
  return d[m - 1];
}

static int valid_ymd(long y, long m, long d) {
  return y >= 1900 && y <= 2100 && m >= 1 && m <= 12 && d >= 1 &&
         d <= days_in((int)y, (int)m);
}

typedef struct found {
  int y, m, d;
  int end; /* token index after the date */
  int begin;
} found;

static int is_year(const tok *t) { return t->type == T_NUM && t->digits == 4; }
static int is_small(const tok *t) {
  return t->type == T_NUM && t->digits >= 1 && t->digits <= 2;
}

/* Try every date form at token i. */
static int date_at(tok *t, size_t k, size_t i, found *f) {
  /* ISO / Y-M-D / Y/M/D */
  if (i + 4 < k && is_year(&t[i]) && t[i + 1].type == T_PUNCT &&
      (punct_is(&t[i + 1], '-') || punct_is(&t[i + 1], '/') || punct_is(&t[i + 1], '.')) &&
      is_small(&t[i + 2]) && t[i + 3].type == T_PUNCT &&
      t[i + 3].s[0] == t[i + 1].s[0] && is_small(&t[i + 4]) &&
      valid_ymd(t[i].num, t[i + 2].num, t[i + 4].num)) {
    *f = (found){(int)t[i].num, (int)t[i + 2].num, (int)t[i + 4].num, (int)i + 5, (int)i};
    return 1;
  }
  /* ISO with the T glued: "2021-05-20t17" tokenizes as 20t17? no: digits
  ** and letters split, so "20", "t", "17" -- handled by the time scan. */
  /* D/M/YYYY, D-M-YYYY, D.M.YYYY */
  if (i + 4 < k && is_small(&t[i]) && t[i + 1].type == T_PUNCT &&
      (punct_is(&t[i + 1], '/') || punct_is(&t[i + 1], '-') || punct_is(&t[i + 1], '.')) &&
      is_small(&t[i + 2]) && t[i + 3].type == T_PUNCT &&
      t[i + 3].s[0] == t[i + 1].s[0] && is_year(&t[i + 4])) {
    long a = t[i].num, b = t[i + 2].num, y = t[i + 4].num;
    if (valid_ymd(y, b, a)) {
      *f = (found){(int)y, (int)b, (int)a, (int)i + 5, (int)i};
      return 1;
    }
    if (valid_ymd(y, a, b)) { /* only M/D is possible */
      *f = (found){(int)y, (int)a, (int)b, (int)i + 5, (int)i};
      return 1;
    }
  }
  /* [ngay] D thang M [,] [nam] YYYY */
  if (i + 3 < k && is_small(&t[i]) && WORD_IN(&t[i + 1], vi_month_words) &&
      is_small(&t[i + 2])) {
    size_t j = i + 3;
    if (j < k && punct_is(&t[j], ',')) j++;
    if (j < k && WORD_IN(&t[j], vi_year_words)) j++;
    if (j < k && is_year(&t[j]) && valid_ymd(t[j].num, t[i + 2].num, t[i].num)) {
      int b = (int)i;
      if (i > 0 && WORD_IN(&t[i - 1], vi_day_words)) b--;
      *f = (found){(int)t[j].num, (int)t[i + 2].num, (int)t[i].num, (int)j + 1, b};
      return 1;
    }
  }
  /* D Month [,] YYYY (ru, en); also "20th" */
  if (i + 2 < k && is_small(&t[i])) {
    size_t j = i + 1;
    if (j < k && WORD_IN(&t[j], ordinal_suffixes)) j++;
    if (j < k && punct_is(&t[j], '.')) j++;
    int m = j < k ? month_word(&t[j]) : 0;
    if (m) {
      size_t y = j + 1;
      if (y < k && (punct_is(&t[y], ',') || punct_is(&t[y], '.'))) y++;
      if (y < k && is_year(&t[y]) && valid_ymd(t[y].num, m, t[i].num)) {
        size_t e = y + 1;
        if (e < k && WORD_IN(&t[e], year_words_after)) {
          e++;
          if (e < k && punct_is(&t[e], '.')) e++;
        }
        *f = (found){(int)t[y].num, m, (int)t[i].num, (int)e, (int)i};
        return 1;
      }
    }
  }
  /* Month D [,] YYYY (en) */
  if (i + 2 < k && month_word(&t[i]) && (unsigned char)t[i].s[0] < 0x80) {
    size_t j = i + 1;
    if (j < k && punct_is(&t[j], '.')) j++;
    if (j < k && is_small(&t[j])) {
      long d = t[j].num;
      size_t y = j + 1;
      if (y < k && WORD_IN(&t[y], ordinal_suffixes)) y++;
      if (y < k && punct_is(&t[y], ',')) y++;
      if (y < k && is_year(&t[y]) && valid_ymd(t[y].num, month_word(&t[i]), d)) {
        *f = (found){(int)t[y].num, month_word(&t[i]), (int)d, (int)y + 1, (int)i};
        return 1;
      }
    }
  }
  return 0;
}

typedef struct tm_found {
  int h, mi, s;
  int begin, end;
} tm_found;

static int time_at(tok *t, size_t k, size_t i, tm_found *r) {
  if (!(i + 2 < k && is_small(&t[i]))) return 0;
  int sep_colon = punct_is(&t[i + 1], ':');
  int sep_h = WORD_IN(&t[i + 1], hour_marks);
  if (!sep_colon && !sep_h) return 0;
  if (!(t[i + 2].type == T_NUM && t[i + 2].digits == 2)) return 0;
  long h = t[i].num, mi = t[i + 2].num, s = 0;
  size_t e = i + 3;
  if (sep_colon && e + 1 < k && punct_is(&t[e], ':') && t[e + 1].type == T_NUM &&
      t[e + 1].digits == 2) {
    s = t[e + 1].num;
    e += 2;
    /* fractions */
    if (e + 1 < k && punct_is(&t[e], '.') && t[e + 1].type == T_NUM) e += 2;
  }
  for (size_t hd = 0; hd < COUNT_OF(half_days); hd++) {
    size_t pn = phrase_at(t, k, e, half_days[hd].w);
    if (!pn) continue;
    if (half_days[hd].pm && h < 12) h += 12;
    if (!half_days[hd].pm && h == 12) h = 0;
    e += pn;
    if (pn > 1 && e < k && punct_is(&t[e], '.')) e++; /* "p.m." */
    break;
  }
  if (h > 23 || mi > 59 || s > 60) return 0;
  *r = (tm_found){(int)h, (int)mi, (int)s, (int)i, (int)e};
  return 1;
}

/* Zone at token i: returns minutes east in *off and 1, or 0. */
static int zone_at(tok *t, size_t k, size_t i, int *off, size_t *end) {
  size_t j = i;
  if (j < k && punct_is(&t[j], '(')) j++;
  int named = 0, base = 0;
  for (size_t z = 0; j < k && z < COUNT_OF(zone_names); z++) {
    if (!word_is(&t[j], zone_names[z].w)) continue;
    if (!zone_names[z].offset_follows) {
      *off = zone_names[z].minutes;
      *end = j + 1;
      return 1;
    }
    named = 1;
    base = zone_names[z].minutes;
    j++;
    break;
  }
  int sign = 0;
  if (j < k && punct_is(&t[j], '+')) sign = 1;
  else if (j < k && (punct_is(&t[j], '-') ||
                     (t[j].type == T_WORD && t[j].n == 3 &&
                      memcmp(t[j].s, "\xE2\x88\x92", 3) == 0)))
    sign = -1;
  if (sign && j + 1 < k && t[j + 1].type == T_NUM) {
    tok *h = &t[j + 1];
    long hh, mm = 0;
    size_t e = j + 2;
    if (h->digits == 4) {
      hh = h->num / 100;
      mm = h->num % 100;
    } else if (h->digits <= 2) {
      hh = h->num;
      if (e + 1 < k && punct_is(&t[e], ':') && t[e + 1].type == T_NUM &&
          t[e + 1].digits == 2) {
        mm = t[e + 1].num;
        e += 2;
      }
    } else {
      return 0;
    }
    /* without GMT/UTC, a bare "+7" is too weak: require 2 digits or ":" */
    if (!named && !(h->digits == 4 || e > j + 2 || h->digits == 2)) return 0;
    if (hh > 14 || mm > 59) return 0;
    if (e < k && punct_is(&t[e], ')')) e++;
    *off = base + sign * (int)(hh * 60 + mm);
    *end = e;
    return 1;
  }
  if (named) {
    *off = base;
    *end = j < k && punct_is(&t[j], ')') ? j + 1 : j;
    return 1;
  }
  return 0;
}

static int parse_tokens(tok *t, size_t k, char *out, int *consumed_all,
                        size_t *date_tokens) {
  found f = {0, 0, 0, 0, 0}; /* (set by date_at; zeroed for the compiler) */
  size_t i;
  for (i = 0; i < k; i++)
    if (date_at(t, k, i, &f)) break;
  if (i == k) return 0;
  tm_found tm = {0, 0, 0, 0, 0};
  int have_time = 0, have_zone = 0, zone = 0;
  size_t used = (size_t)(f.end - f.begin);
  /* time after the date (skip punctuation and time_lead_words) */
  size_t j = (size_t)f.end;
  for (size_t skip = 0; j < k && skip < 3; skip++) {
    if (time_at(t, k, j, &tm)) {
      have_time = 1;
      break;
    }
    if (t[j].type == T_PUNCT || WORD_IN(&t[j], time_lead_words)) {
      used++;
      j++;
      continue;
    }
    break;
  }
  if (!have_time && f.begin >= 2) { /* time before the date: "17:42 20/5/2021" */
    for (size_t b = (size_t)(f.begin > 6 ? f.begin - 6 : 0); b < (size_t)f.begin; b++)
      if (time_at(t, k, b, &tm) && (size_t)tm.end <= (size_t)f.begin &&
          (size_t)f.begin - (size_t)tm.end <= 3) {
        have_time = 1;
        break;
      }
  }
  if (have_time) {
    used += (size_t)(tm.end - tm.begin);
    size_t after = (size_t)(tm.end > f.end ? tm.end : f.end);
    size_t zend;
    if (zone_at(t, k, after, &zone, &zend)) {
      have_zone = 1;
      used += zend - after;
    } else if (after < k && (punct_is(&t[after], ',') || punct_is(&t[after], '|')) &&
               zone_at(t, k, after + 1, &zone, &zend)) {
      have_zone = 1;
      used += zend - after;
    }
  }
  if (have_time && have_zone) {
    int a = zone < 0 ? -zone : zone;
    snprintf(out, HOSO_DATE_MAX, "%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d",
             f.y, f.m, f.d, tm.h, tm.mi, tm.s, zone < 0 ? '-' : '+', a / 60,
             a % 60);
  } else if (have_time) {
    snprintf(out, HOSO_DATE_MAX, "%04d-%02d-%02dT%02d:%02d:%02d", f.y, f.m,
             f.d, tm.h, tm.mi, tm.s);
  } else {
    snprintf(out, HOSO_DATE_MAX, "%04d-%02d-%02d", f.y, f.m, f.d);
  }
  if (consumed_all) *consumed_all = 0;
  if (date_tokens) *date_tokens = used;
  return 1;
}

/* Fold s into a small stack buffer (dates live in short strings). */
static int fold_small(const char *s, size_t n, hoso_buf *b) {
  if (n > 512) n = 512; /* a date is near the start of whatever holds it */
  return hoso__fold_append(b, s, n);
}

int hoso__date_parse(const char *s, size_t n, char *out, size_t *used_from,
                     size_t *used_to) {
  hoso_buf b;
  hoso__buf_init(&b, 4096);
  tok t[MAX_TOK];
  int r = 0;
  if (fold_small(s, n, &b) == HOSO_OK && b.p) {
    size_t k = tokenize(b.p, b.n, t);
    r = parse_tokens(t, k, out, NULL, NULL);
  }
  hoso__buf_free(&b);
  if (r) {
    if (used_from) *used_from = 0;
    if (used_to) *used_to = n;
  }
  return r;
}

/* Words that may surround a date on a date line. */
static int date_word(const tok *t) {
  if (t->type != T_WORD) return 1;
  if (month_word(t)) return 1;
  return WORD_IN(t, date_line_words);
}

int hoso__date_line(const char *s, size_t n) {
  if (n > 160) return 0;
  hoso_buf b;
  hoso__buf_init(&b, 4096);
  tok t[MAX_TOK];
  int r = 0;
  if (fold_small(s, n, &b) == HOSO_OK && b.p) {
    size_t k = tokenize(b.p, b.n, t);
    char iso[HOSO_DATE_MAX];
    if (k < MAX_TOK && parse_tokens(t, k, iso, NULL, NULL)) {
      size_t other = 0;
      for (size_t i = 0; i < k; i++)
        if (t[i].type == T_WORD && !date_word(&t[i])) other++;
      r = other <= 1;
    }
  }
  hoso__buf_free(&b);
  return r;
}
