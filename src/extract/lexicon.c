/* lexicon.c -- the matchers behind the block rules (see lexicon.h). The
** words they match are data: lexicon_words.txt (general phrases of
** news-site chrome in Vietnamese, Russian, English and a few more
** languages, not rules for any one site) and chrome_lines.txt, each
** written into a C table (.inc) by a script in scripts/. All tables are
** static and read-only; nothing here allocates. */
#include <string.h>

#include "lexicon.h"

typedef struct phrase {
  const char *f;
  const char *reason;
} phrase;

typedef struct hint {
  const char *f;
  int weight;
  const char *reason;
  int bits; /* HX_HINT_* (1 caption, 2 byline, 4 date, 16 lead) */
} hint;

/* the lists themselves: lexicon_words.txt, written into C by
** scripts/gen-word-lists.sh */
#include "lexicon_words.inc"

#define N_GALLERY_WORDS (sizeof(gallery_position_words) / sizeof(gallery_position_words[0]))

const char *hoso__lex_chrome(const char *f, size_t n) {
  while (n > 0 && (f[n - 1] == ':' || f[n - 1] == ' ' || f[n - 1] == '.'))
    n--;
  if (n == 0 || n > 40) return NULL;
  for (size_t i = 0; i < sizeof(chrome) / sizeof(chrome[0]); i++)
    if (strlen(chrome[i].f) == n && memcmp(chrome[i].f, f, n) == 0)
      return chrome[i].reason;
  return NULL;
}


/* "3 of 12", "3 / 12 |", "3 von 12", "3 из 12", "3 tren 12": a photo
** gallery's position line (f folded); *k and *of get the numbers. */
int hoso__lex_gallery_position(const char *f, size_t n, unsigned *k_out, unsigned *of_out) {
  size_t i = 0;
  unsigned kv = 0, ov = 0;
  while (i < n && f[i] >= '0' && f[i] <= '9') kv = kv * 10 + (unsigned)(f[i++] - '0');
  if (i == 0 || i > 4) return 0;
  while (i < n && f[i] == ' ') i++;
  size_t k;
  for (k = 0; k < N_GALLERY_WORDS; k++) {
    size_t l = strlen(gallery_position_words[k]);
    if (n - i > l && memcmp(f + i, gallery_position_words[k], l) == 0) break;
  }
  if (k == N_GALLERY_WORDS) return 0;
  i += strlen(gallery_position_words[k]);
  while (i < n && f[i] == ' ') i++;
  size_t d = i;
  while (i < n && f[i] >= '0' && f[i] <= '9') ov = ov * 10 + (unsigned)(f[i++] - '0');
  if (i == d || i - d > 4) return 0;
  while (i < n && (f[i] == ' ' || f[i] == '|' || f[i] == ':' || f[i] == '.')) i++;
  if (i != n) return 0;
  if (k_out) *k_out = kv;
  if (of_out) *of_out = ov;
  return 1;
}

int hoso__lex_counter(const char *f, size_t n) {
  if (hoso__lex_gallery_position(f, n, NULL, NULL)) return 1;
  size_t i = 0;
  while (i < n && ((f[i] >= '0' && f[i] <= '9') || f[i] == '.' || f[i] == ','))
    i++;
  if (i == 0 || i >= n || f[i] != ' ') {
    /* "luot xem: 123" */
    for (size_t k = 0; k < sizeof(counter_words) / sizeof(counter_words[0]); k++) {
      size_t l = strlen(counter_words[k]);
      if (n > l && memcmp(f, counter_words[k], l) == 0) {
        size_t j = l;
        while (j < n && (f[j] == ':' || f[j] == ' ')) j++;
        if (j == n) return 0;
        while (j < n && ((f[j] >= '0' && f[j] <= '9') || f[j] == '.' || f[j] == ','))
          j++;
        if (j == n) return 1;
      }
    }
    return 0;
  }
  i++;
  size_t rest = n - i;
  while (rest > 0 && (f[i + rest - 1] == ' ' || f[i + rest - 1] == '.')) rest--;
  for (size_t k = 0; k < sizeof(counter_words) / sizeof(counter_words[0]); k++)
    if (strlen(counter_words[k]) == rest && memcmp(f + i, counter_words[k], rest) == 0)
      return 1;
  return 0;
}

static size_t prefix_in(const char *f, size_t n, const char *const *list,
                        size_t count) {
  for (size_t k = 0; k < count; k++) {
    size_t l = strlen(list[k]);
    if (n > l && memcmp(f, list[k], l) == 0) return l;
  }
  return 0;
}


size_t hoso__lex_credit_prefix(const char *f, size_t n) {
  return prefix_in(f, n, credit_prefixes,
                   sizeof(credit_prefixes) / sizeof(credit_prefixes[0]));
}


size_t hoso__lex_byline_prefix(const char *f, size_t n) {
  return prefix_in(f, n, byline_prefixes,
                   sizeof(byline_prefixes) / sizeof(byline_prefixes[0]));
}


size_t hoso__lex_byline_separator(const char *s, size_t n, size_t *len) {
  size_t best = n;
  *len = 0;
  for (size_t k = 0; k < sizeof(byline_separators) / sizeof(byline_separators[0]); k++) {
    const char *m = memmem(s, n, byline_separators[k], strlen(byline_separators[k]));
    if (m && (size_t)(m - s) < best) {
      best = (size_t)(m - s);
      *len = strlen(byline_separators[k]);
    }
  }
  return best;
}


int hoso__lex_footer(const char *f, size_t n) {
  for (size_t k = 0; k < sizeof(footer_words) / sizeof(footer_words[0]); k++)
    if (memmem(f, n, footer_words[k], strlen(footer_words[k]))) return 1;
  return 0;
}


static int in_list(const char *const *list, size_t count, const char *s, size_t n) {
  for (size_t k = 0; k < count; k++)
    if (strlen(list[k]) == n && memcmp(list[k], s, n) == 0) return 1;
  return 0;
}

int hoso__lex_caption_tail_credit(const char *s, size_t n) {
  return in_list(caption_tail_credits, sizeof(caption_tail_credits) / sizeof(caption_tail_credits[0]),
                 s, n);
}

int hoso__lex_caption_tail_job(const char *s, size_t n) {
  return in_list(caption_tail_jobs, sizeof(caption_tail_jobs) / sizeof(caption_tail_jobs[0]), s, n);
}

size_t hoso__lex_caption_marker(const char *s, size_t n) {
  for (size_t k = 0; k < sizeof(caption_markers) / sizeof(caption_markers[0]); k++) {
    size_t l = strlen(caption_markers[k]);
    if (n >= l && memcmp(s, caption_markers[k], l) == 0) return l;
  }
  return 0;
}



#define N_HINTS (sizeof(hints) / sizeof(hints[0]))

/* Each pattern counts once, like a substring test; a first-letter screen
** keeps this one pass over the class string (it runs for every element). */
int hoso__lex_class_hint(const char *f, size_t n, const char **reason, int *bits) {
  unsigned char seen[N_HINTS];
  memset(seen, 0, sizeof(seen));
  int w = 0, worst = 0, b = 0;
  const char *r = NULL;
  for (size_t i = 0; i < n; i++) {
    char c = f[i];
    if (c < 'a' || c > 'z') continue;
    for (size_t k = 0; k < N_HINTS; k++) {
      if (hints[k].f[0] != c || seen[k]) continue;
      size_t l = strlen(hints[k].f);
      if (l > n - i || memcmp(f + i, hints[k].f, l) != 0) continue;
      seen[k] = 1;
      w += hints[k].weight;
      b |= hints[k].bits;
      if (hints[k].weight < worst) {
        worst = hints[k].weight;
        r = hints[k].reason;
      }
    }
  }
  if (reason) *reason = r;
  if (bits) *bits = b;
  return w;
}

/* ---- chrome lines (data: chrome_lines.txt) ------------------------- */

#define CHROME_LINE_MAX 100 /* bytes of folded text */
#define CHROME_LINE_WORDS 12

typedef struct chrome_line {
  const char *reason;
  int head_only;
  const char *pattern;
} chrome_line;

static const chrome_line chrome_lines[] = {
#include "chrome_lines.inc"
};

/* Does folded f[0..n) match the whole pattern p? "#" takes one or more
** digits, "*" any run (backtracking to the last star, the usual
** wildcard walk: at most n steps per star position), " " one or more
** spaces. */
static int line_match(const char *p, const char *f, size_t n) {
  const char *star = NULL;
  size_t star_at = 0, i = 0;
  while (i < n || *p) {
    if (*p == '*') {
      star = ++p;
      star_at = i;
      continue;
    }
    if (i < n && *p == '#' && f[i] >= '0' && f[i] <= '9') {
      while (i < n && f[i] >= '0' && f[i] <= '9') i++;
      p++;
      continue;
    }
    if (i < n && *p == ' ' && f[i] == ' ') {
      while (i < n && f[i] == ' ') i++;
      p++;
      continue;
    }
    if (i < n && *p && *p != '#' && *p != ' ' && *p == f[i]) {
      p++;
      i++;
      continue;
    }
    if (!star || star_at >= n) return 0;
    p = star; /* let the last star take one more byte */
    i = ++star_at;
  }
  return 1;
}

const char *hoso__lex_chrome_line(const char *f, size_t n, int head) {
  while (n > 0 && (f[n - 1] == ':' || f[n - 1] == ' ' || f[n - 1] == '.')) n--;
  if (n == 0 || n > CHROME_LINE_MAX) return NULL;
  size_t words = 0;
  for (size_t i = 0; i < n; i++)
    if (f[i] != ' ' && (i == 0 || f[i - 1] == ' ') && ++words > CHROME_LINE_WORDS) return NULL;
  for (size_t k = 0; k < sizeof(chrome_lines) / sizeof(chrome_lines[0]); k++)
    if ((head || !chrome_lines[k].head_only) && line_match(chrome_lines[k].pattern, f, n))
      return chrome_lines[k].reason;
  return NULL;
}

size_t hoso__lex_words(const char *s, size_t n) {
  size_t w = 0;
  for (size_t i = 0; i < n; i++)
    if (s[i] != ' ' && (i == 0 || s[i - 1] == ' ')) w++;
  return w;
}
