/* lexicon.c -- the word lists behind the block rules (see lexicon.h).
** These are general phrases of news-site chrome in Vietnamese, Russian
** and English, not rules for any one site. Entries are folded
** (lower case, no diacritics) except the caption markers. */
#include <string.h>

#include "lexicon.h"

typedef struct phrase {
  const char *f;
  const char *reason;
} phrase;

static const phrase chrome[] = {
    {"chuyen muc", "navigation"},
    {"danh muc", "navigation"},
    {"trang chu", "navigation"},
    {"menu", "navigation"},
    {"home", "navigation"},
    {"chuyen muc lien quan", "related links"},
    {"tin lien quan", "related links"},
    {"bai lien quan", "related links"},
    {"tin cung chuyen muc", "related links"},
    {"tin khac", "related links"},
    {"xem them", "related links"},
    {"doc them", "related links"},
    {"co the ban quan tam", "related links"},
    {"tin moi nhat", "related links"},
    {"tin doc nhieu", "related links"},
    {"doc nhieu nhat", "related links"},
    {"related", "related links"},
    {"related articles", "related links"},
    {"related stories", "related links"},
    {"read more", "related links"},
    {"more stories", "related links"},
    {"читаите также", "related links"},
    {"по теме", "related links"},
    {"смотрите также", "related links"},
    {"danh gia tot", "rating"},
    {"danh gia", "rating"},
    {"danh gia bai viet", "rating"},
    {"thich", "rating"},
    {"like", "rating"},
    {"rate this article", "rating"},
    {"binh luan cua ban", "comment box"},
    {"binh luan", "comment box"},
    {"y kien cua ban", "comment box"},
    {"y kien ban doc", "comment box"},
    {"gui binh luan", "comment box"},
    {"viet binh luan", "comment box"},
    {"gui y kien", "comment box"},
    {"comments", "comment box"},
    {"leave a comment", "comment box"},
    {"your comment", "comment box"},
    {"add a comment", "comment box"},
    {"комментарии", "comment box"},
    {"ваш комментарии", "comment box"},
    {"chia se", "share"},
    {"share", "share"},
    {"share this article", "share"},
    {"in bai viet", "share"},
    {"print", "share"},
    {"gui bai viet", "share"},
    {"lam moi", "chrome"},
    {"dong", "chrome"},
    {"close", "chrome"},
    {"quang cao", "advertisement"},
    {"advertisement", "advertisement"},
    {"реклама", "advertisement"},
    {"tags", "tags"},
    {"tag", "tags"},
    {"tu khoa", "tags"},
    {"теги", "tags"},
    {"dang nhap", "chrome"},
    {"dang ky", "chrome"},
    {"subscribe", "chrome"},
    {"sign in", "chrome"},
    {"log in", "chrome"},
    {"skip to content", "navigation"},
    {"back to top", "navigation"},
    {"len dau trang", "navigation"},
    {"ve dau trang", "navigation"},
};

const char *hoso__lex_chrome(const char *f, size_t n) {
  while (n > 0 && (f[n - 1] == ':' || f[n - 1] == ' ' || f[n - 1] == '.'))
    n--;
  if (n == 0 || n > 40) return NULL;
  for (size_t i = 0; i < sizeof(chrome) / sizeof(chrome[0]); i++)
    if (strlen(chrome[i].f) == n && memcmp(chrome[i].f, f, n) == 0)
      return chrome[i].reason;
  return NULL;
}

static const char *const counter_words[] = {
    "ban doc", "luot xem", "luot doc", "binh luan", "luot thich", "thich",
    "chia se", "views", "view", "comments", "comment", "likes", "shares",
    "reads", "просмотров", "просмотра", "просмотр", "комментариев",
    "комментария", "комментарии"};

/* "3 of 12", "3 / 12 |", "3 von 12", "3 из 12", "3 tren 12": a photo
** gallery's position line (f folded); *k and *of get the numbers. */
int hoso__lex_gallery_position(const char *f, size_t n, unsigned *k_out, unsigned *of_out) {
  static const char *const mid[] = {"of", "/", "von", "de", "sur", "tren", "\xD0\xB8\xD0\xB7"};
  size_t i = 0;
  unsigned kv = 0, ov = 0;
  while (i < n && f[i] >= '0' && f[i] <= '9') kv = kv * 10 + (unsigned)(f[i++] - '0');
  if (i == 0 || i > 4) return 0;
  while (i < n && f[i] == ' ') i++;
  size_t k;
  for (k = 0; k < sizeof(mid) / sizeof(mid[0]); k++) {
    size_t l = strlen(mid[k]);
    if (n - i > l && memcmp(f + i, mid[k], l) == 0) break;
  }
  if (k == sizeof(mid) / sizeof(mid[0])) return 0;
  i += strlen(mid[k]);
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

static const char *const credit_prefixes[] = {
    "nguon :", "nguon:", "nguon tin:", "theo ", "source:", "sources:",
    "источник:", "по данным ", "по материалам ", "via "};

size_t hoso__lex_credit_prefix(const char *f, size_t n) {
  return prefix_in(f, n, credit_prefixes,
                   sizeof(credit_prefixes) / sizeof(credit_prefixes[0]));
}

static const char *const byline_prefixes[] = {
    "tac gia:", "tac gia ", "bai va anh:", "bai, anh:", "bai:", "by ",
    "author:", "written by ", "reporting by ", "автор:", "автор ", "текст:",
    "von ", "par ", "por ", "door ", "av ", "di "};

size_t hoso__lex_byline_prefix(const char *f, size_t n) {
  return prefix_in(f, n, byline_prefixes,
                   sizeof(byline_prefixes) / sizeof(byline_prefixes[0]));
}

static const char *const footer_words[] = {
    "ban quyen", "copyright", "\xC2\xA9", "giay phep", "chiu trach nhiem",
    "all rights reserved", "все права защищены", "зарегистрировано",
    "tong bien tap", "главныи редактор", "privacy policy", "terms of use",
    "dieu khoan su dung"};

int hoso__lex_footer(const char *f, size_t n) {
  for (size_t k = 0; k < sizeof(footer_words) / sizeof(footer_words[0]); k++)
    if (memmem(f, n, footer_words[k], strlen(footer_words[k]))) return 1;
  return 0;
}

static const char *const caption_markers[] = {
    "Ảnh minh họa:", "Ảnh minh hoạ:", "Ảnh tư liệu:", "Ảnh chụp màn hình:",
    "Nguồn ảnh:", "Ảnh:", "ảnh:", "ẢNH:", "Ảnh :", "Photo:", "Photos:",
    "Photo by", "Photograph:", "Image:", "Picture:", "Фото:", "Фото ",
    "Photo credit:", "(Ảnh:", "Foto:", "Fotos:", "Bild:"};

size_t hoso__lex_caption_marker(const char *s, size_t n) {
  for (size_t k = 0; k < sizeof(caption_markers) / sizeof(caption_markers[0]); k++) {
    size_t l = strlen(caption_markers[k]);
    if (n >= l && memcmp(s, caption_markers[k], l) == 0) return l;
  }
  return 0;
}

typedef struct hint {
  const char *f;
  int weight;
  const char *reason;
  int bits; /* HX_HINT_* (1 caption, 2 byline, 4 date, 16 lead) */
} hint;

/* Substrings of class/id values. Order matters only for the reason. */
static const hint hints[] = {
    {"comment", -30, "comment box", 0}, {"binhluan", -30, "comment box", 0},
    {"disqus", -30, "comment box", 0}, {"comentario", -30, "comment box", 0},
    {"kommentar", -30, "comment box", 0}, {"komentar", -30, "comment box", 0},
    {"yorum", -30, "comment box", 0}, {"footer", -25, "footer", 0},
    {"foot", -15, "footer", 0}, {"copyright", -25, "footer", 0},
    {"sidebar", -25, "sidebar", 0}, {"widget", -10, "sidebar", 0},
    {"related", -25, "related links", 0}, {"lienquan", -25, "related links", 0},
    {"relate", -20, "related links", 0}, {"recommend", -20, "related links", 0},
    {"more-news", -20, "related links", 0}, {"readmore", -15, "related links", 0},
    {"share", -20, "share", 0}, {"social", -20, "share", 0}, {"sharing", -20, "share", 0},
    {"print", -10, "share", 0}, {"rating", -20, "rating", 0}, {"vote", -15, "rating", 0},
    {"breadcrumb", -25, "navigation", 0}, {"menu", -20, "navigation", 0},
    {"nav", -20, "navigation", 0}, {"header", -15, "header", 0},
    {"masthead", -20, "header", 0}, {"banner", -20, "advertisement", 0},
    {"advert", -25, "advertisement", 0}, {"sponsor", -20, "advertisement", 0},
    {"promo", -15, "advertisement", 0}, {"qc", -5, "advertisement", 0},
    {"adsbygoogle", -25, "advertisement", 0}, {"popup", -20, "chrome", 0},
    {"modal", -15, "chrome", 0}, {"newsletter", -20, "chrome", 0},
    {"subscribe", -20, "chrome", 0}, {"login", -20, "chrome", 0},
    {"cookie", -25, "chrome", 0}, {"tags", -15, "tags", 0}, {"tag-", -10, "tags", 0},
    {"keyword", -10, "tags", 0}, {"hidden", -10, "chrome", 0},
    {"author", -5, "byline", 2}, {"byline", -5, "byline", 2},
    {"tacgia", 0, NULL, 2}, {"writer", 0, NULL, 2},
    {"caption", 0, NULL, 1}, {"desc_image", 0, NULL, 1}, {"image-desc", 0, NULL, 1},
    {"photo-desc", 0, NULL, 1}, {"date", 0, NULL, 4}, {"time", 0, NULL, 4},
    {"publish", 0, NULL, 4}, {"sapo", 0, NULL, 16}, {"lead", 0, NULL, 16},
    {"standfirst", 0, NULL, 16}, {"summary", 0, NULL, 16},
    {"description", 0, NULL, 16}, {"excerpt", 0, NULL, 16},
    {"article", 20, NULL, 0}, {"content", 15, NULL, 0}, {"body", 10, NULL, 0},
    {"entry", 15, NULL, 0}, {"main", 10, NULL, 0}, {"post", 10, NULL, 0},
    {"story", 15, NULL, 0}, {"text", 10, NULL, 0}, {"detail", 15, NULL, 0},
    {"chitiet", 15, NULL, 0}, {"noidung", 20, NULL, 0}, {"page", 5, NULL, 0},
    {"blog", 10, NULL, 0}, {"fck", 15, NULL, 0}, {"prose", 15, NULL, 0}};

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
