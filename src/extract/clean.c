/* clean.c -- block rules shared by the HTML and plain-text paths.
**
** Given the candidate blocks (HTML: the chosen main content is marked
** main=1, the rest already carries a reason), decide for each main block:
** body paragraph, caption (with its photo credit), byline (author),
** credit line, date line (-> published), repeated title, or chrome
** (category label, counter, rating, comment prompt, related links,
** footer, other-language footer). Rules are general: they look at the
** block's words (matched on the diacritic-folded text, see lexicon.c),
** length, position (head: before the first real paragraph; tail: after
** the last one) and language -- never at a particular site.
*/
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "authors.h"
#include "credits.h"
#include "extract.h"
#include "html.h"
#include "lexicon.h"
#include "text/text.h"

typedef struct cleaner {
  hx_doc *d;
  hoso_article_rec *a;
  const hoso_extract_opts *opts;
  const char *doc_lang;
  hoso_buf fold; /* folded text of the current block */
  size_t first_real, last_real; /* indices of real paragraphs */
  int have_real;
  int meta_authors; /* authors came from metadata or the byline element:
                       bylines in the text are only removed */
  size_t bold_byline_at; /* the article's opening name line in bold, or d->n */
  const void *caption_figure; /* the figure of the last caption added (html.c's
                                 hx_block.figure), NULL when none */
} cleaner;


/* Offset in s of what follows its first pw words and the spaces and
** colons after them: a prefix matched on the folded text ("Nguồn:",
** "Bài và ảnh:") mapped back to the original by its word count. */
static size_t skip_prefix_words(const char *s, size_t n, size_t pw) {
  size_t i = 0, seen = 0;
  int in = 0;
  while (i < n) {
    int sp = s[i] == ' ';
    if (!sp && !in && ++seen > pw) break;
    in = !sp;
    i++;
  }
  while (i < n && (s[i] == ' ' || s[i] == ':')) i++;
  return i;
}

/* Last non-space byte is sentence punctuation (also closing quotes). */
static int ends_sentence(const char *s, size_t n) {
  while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '"' || s[n - 1] == ')' ||
                   s[n - 1] == '\''))
    n--;
  if (n == 0) return 0;
  char c = s[n - 1];
  if (c == '.' || c == '!' || c == '?' || c == ';' || c == ':') return 1;
  /* closing quotes ” » (UTF-8 E2 80 9D, C2 BB) and ellipsis … */
  if (n >= 3 && (unsigned char)s[n - 3] == 0xE2 && (unsigned char)s[n - 2] == 0x80 &&
      ((unsigned char)c == 0x9D || (unsigned char)c == 0xA6))
    return ends_sentence(s, n - 3) || (unsigned char)c == 0xA6;
  if (n >= 2 && (unsigned char)s[n - 2] == 0xC2 && (unsigned char)c == 0xBB)
    return ends_sentence(s, n - 2);
  return 0;
}

/* A "real paragraph": prose in the document's language. */
static int is_real_paragraph(const char *s, size_t n, const char *lang,
                             const char *doc_lang) {
  size_t w = hoso__lex_words(s, n);
  if (w < 12) return 0;
  if (doc_lang && lang && strcmp(lang, doc_lang) != 0) return 0;
  return ends_sentence(s, n) || w >= 25;
}

/* Is every word capitalised (a name)? Letters only, 2..5 words. */
static int looks_like_name(const char *s, size_t n) {
  size_t w = hoso__lex_words(s, n);
  if (w < 2 || w > 5 || n > 60) return 0;
  int at_word = 1;
  size_t i = 0;
  while (i < n) {
    size_t len = 1;
    int32_t c = (unsigned char)s[i];
    if (c >= 0x80) c = hoso__utf8_decode(s + i, n - i, &len);
    if (c < 0) return 0;
    if (c == ' ' || (c == '(' && at_word)) {
      at_word = 1; /* "Richard (R.J.) Eskow": the bracket opens a word */
    } else if (c == ')' && !at_word) {
      /* closes it */
    } else {
      utf8proc_category_t cat = utf8proc_category(c);
      int letter = cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO;
      int mark = cat == UTF8PROC_CATEGORY_MN;
      if (!letter && !mark && c != '.' && c != '-' && c != '\'') return 0;
      if (at_word && cat != UTF8PROC_CATEGORY_LU) return 0;
      at_word = 0;
    }
    i += len;
  }
  return 1;
}

/* Does s[0..n) read as a list of names (hoso__authors_add gives at least
** one, and each looks like a name)? 1 or 0, or a negative HOSO_E*. */
static int names_only(const char *s, size_t n) {
  hoso_article_rec *t = hoso__article_new();
  if (!t) return HOSO_ENOMEM;
  int rc = hoso__authors_add(t, s, n);
  int ok = !rc && t->n_authors > 0;
  for (size_t k = 0; ok && k < t->n_authors; k++)
    ok = looks_like_name(t->authors[k], strlen(t->authors[k]));
  hoso_article_free(t);
  return rc ? rc : ok;
}

static int fold_block(cleaner *c, const char *s, size_t n) {
  hoso__buf_reset(&c->fold);
  int rc = hoso__fold_append(&c->fold, s, n);
  if (!rc && !c->fold.p) rc = hoso__buf_reserve(&c->fold, 1);
  return rc;
}

/* Record a removed block (only with explain). */
static int add_removed(cleaner *c, const hx_block *b, const char *reason,
                       const char *lang) {
  if (!c->opts || !c->opts->explain) return HOSO_OK;
  hoso_block *out;
  int rc = hoso__art_add_block(&c->a->removed, &c->a->n_removed,
                               hx_text(c->d, b), b->len, b->start, b->end,
                               b->has_span, b->kind, &out);
  if (rc) return rc;
  out->reason = reason;
  out->language = lang;
  return HOSO_OK;
}

/* Split "text. Ảnh: credit" -- returns 1 with the credit's byte offset
** in the ORIGINAL text (ctext) and the end of the caption text. */
static int split_caption(cleaner *c, const char *s, size_t n, size_t *cap_end,
                         size_t *cred_start) {
  /* find the marker in the original text by scanning word starts */
  for (size_t i = 0; i < n; i++) {
    if (i > 0 && s[i - 1] != ' ' && s[i - 1] != '(' && s[i - 1] != '[' &&
        s[i - 1] != '|')
      continue;
    size_t m = hoso__lex_caption_marker(s + i, n - i);
    if (!m) continue;
    size_t cs = i + m;
    while (cs < n && s[cs] == ' ') cs++;
    size_t rest = n - cs;
    if (rest == 0 || rest > 80 || hoso__lex_words(s + cs, rest) > 8) continue;
    *cap_end = i;
    *cred_start = cs;
    return 1;
  }
  (void)c;
  return 0;
}

/* Does a credit's text s[0..n) name a source: one of its first three
** words opens with a capital letter or a digit or is a domain name
** ("TTXVN", "báo Nhân Dân", "hãng tin Reuters", "baotintuc.vn"), and
** it does not end with a colon? Not "Theo
** đó, ... gồm:", "Theo dòng sự kiện", "Theo chân già làng ...": "theo"
** is a verb or a preposition there. */
static int names_source(const char *s, size_t n) {
  while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '.')) n--;
  if (n == 0 || s[n - 1] == ':') return 0;
  size_t i = 0;
  for (int w = 0; w < 3 && i < n; w++) {
    while (i < n && s[i] == ' ') i++;
    if (i >= n) break;
    utf8proc_int32_t cp;
    utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(n - i), &cp);
    if (k <= 0) return 0;
    utf8proc_category_t cat = utf8proc_category(cp);
    if (cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LT || cat == UTF8PROC_CATEGORY_ND)
      return 1;
    /* or a domain name ("baotintuc.vn"): a dot inside the word */
    for (; i < n && s[i] != ' '; i++)
      if (s[i] == '.' && i + 1 < n && s[i + 1] >= 'a' && s[i + 1] <= 'z') return 1;
  }
  return 0;
}

/* A credit closing the article's last paragraph in brackets: "... cho
** người dân. (Nguồn: Bộ Tài chính)", "(Theo TTXVN)". Returns the length
** of the paragraph's own text (before the bracket) in *own (0 when
** there is none) and the credit's place in *cs, *cn. */
static int tail_credit(cleaner *c, const char *s, size_t n, size_t *own, size_t *cs,
                       size_t *cn) {
  *own = 0;
  size_t e = n;
  while (e > 0 && (s[e - 1] == ' ' || s[e - 1] == '.')) e--;
  if (e < 4 || s[e - 1] != ')') return HOSO_OK;
  size_t o = e - 1;
  while (o > 0 && s[o - 1] != '(' && s[o - 1] != ')' && e - o < 120) o--;
  if (o == 0 || s[o - 1] != '(' || o < 2) return HOSO_OK;
  const char *in = s + o;
  size_t inn = e - 1 - o;
  while (inn > 0 && *in == ' ') {
    in++;
    inn--;
  }
  hoso_buf *fb = &c->fold;
  hoso__buf_reset(fb);
  int rc = hoso__fold_append(fb, in, inn);
  if (rc) return rc;
  size_t pl = hoso__lex_credit_prefix(fb->p, fb->n);
  if (!pl) return HOSO_OK;
  size_t i = skip_prefix_words(in, inn, hoso__lex_words(fb->p, pl));
  size_t ce = inn;
  while (ce > i && in[ce - 1] == ' ') ce--;
  if (ce <= i || hoso__lex_words(in + i, ce - i) > 8 || !names_source(in + i, ce - i)) return HOSO_OK;
  *cs = (size_t)(in + i - s);
  *cn = ce - i;
  size_t t = o - 1;
  while (t > 0 && s[t - 1] == ' ') t--;
  *own = t;
  return HOSO_OK;
}

static int add_caption(cleaner *c, const hx_block *b, const char *s,
                       size_t n) {
  size_t cap_end = n, cred = n;
  int has_credit = split_caption(c, s, n, &cap_end, &cred);
  size_t te = cap_end;
  while (te > 0 && (s[te - 1] == ' ' || s[te - 1] == '(' || s[te - 1] == '[' ||
                    s[te - 1] == '|' || s[te - 1] == '-'))
    te--;
  const char *cr = s + cred;
  size_t crn = has_credit ? hoso__credit_end(cr, n - cred) : 0;
  /* the markup's credit element (html.c): the credit, unless the text
  ** names one with a marker ("Ảnh: X") already */
  if (b->credit_len && !has_credit) {
    cr = c->d->arena.p + b->credit_off;
    crn = b->credit_len;
    hoso__credit_trim(&cr, &crn);
    has_credit = crn > 0;
    if (b->credit_only) te = 0;
  }
  /* or a credit in brackets closing the text ("... Epstein. (AP)"), or
  ** one with no mark after its last sentence ("... arrival. Supplied") */
  size_t own, ccs, ccn;
  if (!has_credit && !b->credit_len &&
      (hoso__caption_closing_credit(s, te, &own, &ccs, &ccn) ||
       hoso__caption_tail_credit(s, te, &own, &ccs, &ccn))) {
    te = own;
    cr = s + ccs;
    crn = ccn;
    has_credit = 1;
  }
  hoso_article_rec *a = c->a;
  hoso_block *prev = a->n_captions ? &a->captions[a->n_captions - 1] : NULL;
  /* a credit alone ("Фото: X" in its own element) belongs to the caption
  ** just before it -- when the markup marks it as a credit, only to a
  ** caption of the same figure */
  if (te == 0 && has_credit && prev &&
      (!b->credit_only || (b->figure && b->figure == c->caption_figure)))
    return prev->credit ? HOSO_OK : hoso__art_set(&prev->credit, cr, crn);
  /* a credit element alone with no caption of its figure before it: its
  ** text is the caption, and the credit */
  if (te == 0 && b->credit_only) te = n;
  /* the same caption twice (pages carry desktop and mobile copies) */
  for (size_t i = 0; i < a->n_captions; i++)
    if (a->captions[i].len == te && memcmp(a->captions[i].text, s, te) == 0 && te > 0)
      return HOSO_OK;
  hoso_block *out;
  int rc = hoso__art_add_block(&a->captions, &a->n_captions, s, te, b->start, b->end,
                               b->has_span, HOSO_BLOCK_CAPTION, &out);
  if (rc) return rc;
  c->caption_figure = b->figure;
  if (has_credit && (rc = hoso__art_set(&out->credit, cr, crn))) return rc;
  return HOSO_OK;
}

/* Extract the domain most often named in text (for the site). */
static int domain_at(const char *s, size_t n, size_t i, size_t *len) {
  /* label(.label)+ with a final label of 2..6 ASCII letters */
  size_t j = i, dots = 0, last_label = 0, label = 0;
  while (j < n) {
    char ch = s[j];
    if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
        (ch >= '0' && ch <= '9') || ch == '-') {
      label++;
      j++;
    } else if (ch == '.' && label > 0 && j + 1 < n &&
               ((s[j + 1] >= 'a' && s[j + 1] <= 'z') ||
                (s[j + 1] >= 'A' && s[j + 1] <= 'Z'))) {
      dots++;
      last_label = 0;
      label = 0;
      j++;
      continue;
    } else {
      break;
    }
    last_label++;
  }
  if (dots == 0 || last_label < 2 || last_label > 6) return 0;
  for (size_t k = j - last_label; k < j; k++)
    if (!((s[k] >= 'a' && s[k] <= 'z') || (s[k] >= 'A' && s[k] <= 'Z'))) return 0;
  *len = j - i;
  return 1;
}

static int site_from_text(hoso_article_rec *a, const char *s, size_t n) {
  /* candidates: up to 16 distinct domains with counts */
  char dom[16][64];
  int cnt[16];
  size_t nd = 0;
  for (size_t i = 0; i < n; i++) {
    if (i > 0 && (s[i - 1] == '.' || s[i - 1] == '-' ||
                  ((s[i - 1] | 0x20) >= 'a' && (s[i - 1] | 0x20) <= 'z') ||
                  (s[i - 1] >= '0' && s[i - 1] <= '9')))
      continue;
    size_t len;
    if (!domain_at(s, n, i, &len) || len >= 64) continue;
    char tmp[64];
    size_t k = 0;
    for (size_t q = 0; q < len; q++)
      tmp[k++] = (char)((s[i + q] >= 'A' && s[i + q] <= 'Z') ? s[i + q] | 0x20 : s[i + q]);
    tmp[k] = '\0';
    const char *t = tmp;
    if (strncmp(t, "www.", 4) == 0) t += 4;
    size_t f;
    for (f = 0; f < nd; f++)
      if (strcmp(dom[f], t) == 0) break;
    if (f == nd) {
      if (nd == 16) continue;
      strcpy(dom[nd], t);
      cnt[nd++] = 0;
    }
    cnt[f]++;
    i += len - 1;
  }
  size_t best = nd;
  for (size_t f = 0; f < nd; f++)
    if (best == nd || cnt[f] > cnt[best]) best = f;
  if (best == nd) return HOSO_OK;
  return hoso__art_set(&a->site, dom[best], strlen(dom[best]));
}

/* The language of the main text: the language with most text bytes. */
static const char *doc_language(hx_doc *d) {
  size_t vi = 0, ru = 0, en = 0;
  for (size_t i = 0; i < d->n; i++) {
    hx_block *b = &d->b[i];
    if (!b->main) continue;
    const char *l = hoso__hx_lang(d, b);
    if (!l) continue;
    if (l[0] == 'v') vi += b->len;
    else if (l[0] == 'r') ru += b->len;
    else en += b->len;
  }
  if (vi + ru + en == 0) return NULL;
  if (vi >= ru && vi >= en) return "vi";
  if (ru >= en) return "ru";
  return "en";
}

/* Next word of folded text f[*i..n) (letters, digits, non-ASCII). */
static int next_word(const char *f, size_t n, size_t *i, size_t *ws, size_t *wl) {
  while (*i < n && !((unsigned char)f[*i] >= 0x80 || (f[*i] >= 'a' && f[*i] <= 'z') ||
                     (f[*i] >= '0' && f[*i] <= '9')))
    (*i)++;
  *ws = *i;
  while (*i < n && ((unsigned char)f[*i] >= 0x80 || (f[*i] >= 'a' && f[*i] <= 'z') ||
                    (f[*i] >= '0' && f[*i] <= '9')))
    (*i)++;
  *wl = *i - *ws;
  return *wl > 0;
}

/* Share of the words of a[0..an) found in b[0..bn) (both folded). */
static double word_share(const char *a, size_t an, const char *b, size_t bn) {
  size_t i = 0, ws, wl, all = 0, hit = 0;
  while (next_word(a, an, &i, &ws, &wl) && all < 64) {
    all++;
    size_t j = 0, vs, vl;
    while (next_word(b, bn, &j, &vs, &vl))
      if (vl == wl && memcmp(a + ws, b + vs, wl) == 0) {
        hit++;
        break;
      }
  }
  return all ? (double)hit / (double)all : 0;
}

/* *same = 1 when three in four words of the folded block f[0..fn) are
** words of the title t (a headline the title adds a section or the
** site's name to). */
static int same_words(cleaner *c, const char *f, size_t fn, const char *t, int *same) {
  hoso_buf ft;
  hoso__buf_init(&ft, 0);
  int rc = hoso__fold_append(&ft, t, strlen(t));
  *same = 0;
  if (!rc && ft.p)
    *same = word_share(f, fn, ft.p, ft.n) >= 0.75;
  hoso__buf_free(&ft);
  (void)c;
  return rc;
}

/* A line written as an item of a list ("* Fixed ...", "+ Added ...",
** "- Removed ...", "• ..."): short and without a full stop, it is still
** content (a changelog, a list of notes). */
static int list_line(const char *s, size_t n) {
  if (n >= 3 && (s[0] == '*' || s[0] == '+' || s[0] == '-') && s[1] == ' ') return 1;
  return n >= 5 && memcmp(s, "\xE2\x80\xA2 ", 4) == 0; /* "• " */
}

/* Classify one main block; returns the reason to remove it or NULL to
** keep it in the body. May set fields on the article. */
static int classify(cleaner *c, size_t idx, const char **reason,
                    const char **lang_out) {
  hx_doc *d = c->d;
  hx_block *b = &d->b[idx];
  const char *s = hx_text(d, b);
  size_t n = b->len;
  int rc;
  *reason = NULL;
  *lang_out = NULL;
  int head = !c->have_real || idx < c->first_real;
  int tail = c->have_real && idx > c->last_real;
  if ((rc = fold_block(c, s, n))) return rc;
  const char *f = c->fold.p;
  size_t fn = c->fold.n;
  const char *lang = hoso__hx_lang(d, b);
  *lang_out = lang;
  size_t words = hoso__lex_words(s, n);

  if (idx == c->bold_byline_at) {
    *reason = "byline";
    return HOSO_OK;
  }
  /* a caption whose photo credit the markup marks (html.c), or that
  ** credit alone: a caption, never a byline (not in a box judged not the
  ** article's text, like the caption rule below) */
  if (b->credit_len && !b->cond) {
    if ((rc = add_caption(c, b, s, n))) return rc;
    *reason = "caption";
    return HOSO_OK;
  }
  /* repeated title */
  if (c->a->title && strcmp(c->a->title, s) == 0) {
    *reason = "repeated title";
    return HOSO_OK;
  }
  /* the headline (<h1>) inside the article: the title again, unless it
  ** has other words (a section's heading) */
  if ((b->hints & HX_HINT_HEADING) && b->kind == HOSO_BLOCK_HEADING && d->is_html) {
    int same = !c->a->title;
    if (!same && (rc = same_words(c, f, fn, c->a->title, &same))) return rc;
    if (same) {
      *reason = "repeated title";
      return HOSO_OK;
    }
  }
  /* chrome phrases: whole block equals a known label */
  const char *lr = hoso__lex_chrome(f, fn);
  if (!lr) {
    lr = hoso__lex_chrome_line(f, fn, head);
    /* an "updated" stamp dates the last change, not the publication */
    char iso[HOSO_DATE_MAX];
    if (lr && !strcmp(lr, "update line") && !c->a->modified &&
        hoso__date_parse(s, n, iso, NULL, NULL) &&
        (rc = hoso__art_set(&c->a->modified, iso, strlen(iso))))
      return rc;
  }
  if (lr) {
    *reason = lr;
    return HOSO_OK;
  }
  /* a data table's cells are content, short or not */
  if (b->hints & HX_HINT_TABLE) return HOSO_OK;
  if (hoso__lex_counter(f, fn)) {
    *reason = "counter";
    return HOSO_OK;
  }
  /* a line with no letters or a single letter ("X", "|", "»") */
  if (fn <= 2 || !lang) {
    if (words <= 3 && n < 12) {
      *reason = "chrome";
      return HOSO_OK;
    }
  }
  /* date line */
  if ((head || tail || n < 80) && hoso__date_line(s, n)) {
    char iso[HOSO_DATE_MAX];
    if (!c->a->published && hoso__date_parse(s, n, iso, NULL, NULL))
      if ((rc = hoso__art_set(&c->a->published, iso, strlen(iso)))) return rc;
    *reason = "date line";
    return HOSO_OK;
  }
  /* credit line: "Nguồn: X", "Theo X", "Source: X" */
  size_t cl = hoso__lex_credit_prefix(f, fn);
  if (cl && n < 100 && words <= 10 && (tail || n < 60)) {
    /* map the folded prefix length to the original: same word count */
    size_t i = skip_prefix_words(s, n, hoso__lex_words(f, cl));
    size_t e = n;
    while (e > i && (s[e - 1] == '.' || s[e - 1] == ' ')) e--;
    if (e > i && names_source(s + i, e - i)) {
      if ((rc = hoso__art_add_str(&c->a->credit, &c->a->n_credit, s + i, e - i)))
        return rc;
      *reason = "credit";
      return HOSO_OK;
    }
  }
  /* byline: "Tác giả: X", "By X" or a bare name in the tail; after the
  ** prefix a name, or a list of them ("Par A (avec B et C)", "By A and
  ** B") where every part looks like a name */
  size_t bl = hoso__lex_byline_prefix(f, fn);
  if (bl && n < 80) {
    size_t i = skip_prefix_words(s, n, hoso__lex_words(f, bl));
    int named = i < n && looks_like_name(s + i, n - i);
    if (i < n && !named && (rc = names_only(s + i, n - i)) < 0) return rc;
    if (named || (i < n && rc == 1)) {
      if (!c->meta_authors &&
          (rc = named ? hoso__art_add_str(&c->a->authors, &c->a->n_authors, s + i, n - i)
                      : hoso__authors_add(c->a, s + i, n - i)))
        return rc;
      *reason = "byline";
      return HOSO_OK;
    }
  }
  /* a bare name: marked as a byline in the markup, or (plain text) the
  ** short line right after the last paragraph */
  /* (HTML too for Vietnamese and Russian pages, where the author's name
  ** closing the article on a line of its own is the house style) */
  int near_end = tail && idx <= c->last_real + 3 &&
                 (!d->is_html || (c->doc_lang && (!strcmp(c->doc_lang, "vi") ||
                                                  !strcmp(c->doc_lang, "ru"))));
  if ((near_end || (b->hints & HX_HINT_BYLINE)) && looks_like_name(s, n)) {
    if (!c->meta_authors &&
        (rc = hoso__art_add_str(&c->a->authors, &c->a->n_authors, s, n)))
      return rc;
    *reason = "byline";
    return HOSO_OK;
  }
  /* caption (not from a box judged not the article's text: a gallery's
  ** captions go with it) */
  if (!b->cond && ((b->hints & HX_HINT_CAPTION) || (words <= 60))) {
    size_t ce, cs;
    if ((b->hints & HX_HINT_CAPTION) || split_caption(c, s, n, &ce, &cs)) {
      if ((rc = add_caption(c, b, s, n))) return rc;
      *reason = "caption";
      return HOSO_OK;
    }
  }
  /* other-language block after the article: a footer */
  if (tail && lang && c->doc_lang && strcmp(lang, c->doc_lang) != 0) {
    *reason = "footer";
    return HOSO_OK;
  }
  if (tail && hoso__lex_footer(f, fn)) {
    *reason = "footer";
    return HOSO_OK;
  }
  /* text-path title: first title-like line in the head */
  if (!d->is_html && head && !c->a->title && words >= 3 && words <= 30 &&
      !ends_sentence(s, n)) {
    if ((rc = hoso__art_set(&c->a->title, s, n))) return rc;
    *reason = "title";
    return HOSO_OK;
  }
  if (head && !d->is_html && words <= 4 && !ends_sentence(s, n)) {
    *reason = "chrome";
    return HOSO_OK;
  }
  if (tail && words < 12 && !ends_sentence(s, n) && !list_line(s, n)) {
    *reason = "chrome";
    return HOSO_OK;
  }
  return HOSO_OK;
}

/* Of the authors from index `from` on, drop those naming the publisher
** itself ("von David Straub, MDR THÜRINGEN" on mdr.de) when a person
** remains. */
static void drop_site_names(hoso_article_rec *a, size_t from) {
  size_t people = 0;
  for (size_t i = from; i < a->n_authors; i++)
    people += !hoso__is_site_name(a, a->authors[i], strlen(a->authors[i]));
  if (people == 0 || people == a->n_authors - from) return;
  for (size_t i = from; i < a->n_authors;) {
    if (hoso__is_site_name(a, a->authors[i], strlen(a->authors[i]))) {
      free(a->authors[i]);
      memmove(&a->authors[i], &a->authors[i + 1], (a->n_authors - i - 1) * sizeof(char *));
      a->n_authors--;
    } else {
      i++;
    }
  }
}

/* The names in a byline text: "By Jane Doe", "Von ...", "A and B", a
** name. With dry set, only says (1/0) whether s gives names: after a
** byline prefix anything short goes; without one, every part must look
** like a name. */
static int byline_names(cleaner *c, const char *s, size_t n, int dry) {
  int rc = fold_block(c, s, n);
  if (rc) return rc;
  size_t bl = hoso__lex_byline_prefix(c->fold.p, c->fold.n);
  size_t i = bl ? skip_prefix_words(s, n, hoso__lex_words(c->fold.p, bl)) : 0;
  if (i >= n || n - i >= 80) return dry ? 0 : HOSO_OK;
  if (!dry) {
    size_t before = c->a->n_authors;
    if ((rc = hoso__authors_add(c->a, s + i, n - i))) return rc;
    drop_site_names(c->a, before);
    return HOSO_OK;
  }
  if (bl) return 1;
  return names_only(s + i, n - i);
}

/* A byline in the article's head (between its headline and its text)
** that the markup does not mark as one: a byline prefix ("Von: A, B"),
** or names, a separator and a date line on one line ("Jane Doe |
** 05.04.2025 - Güncelleme: 05.04.2025"). Returns 1 with *name_n the
** length of the names part and *date_at where the date part starts (n
** when there is none), else 0, or a negative HOSO_E*. */
static int head_byline(cleaner *c, const char *s, size_t n, size_t *name_n,
                       size_t *date_at) {
  *name_n = n;
  *date_at = n;
  int rc = fold_block(c, s, n);
  if (rc) return rc;
  /* (the names must look like names even after a prefix: "By Euronews
  ** with Agencies" names no one) */
  size_t bl = hoso__lex_byline_prefix(c->fold.p, c->fold.n);
  if (bl) {
    size_t i = skip_prefix_words(s, n, hoso__lex_words(c->fold.p, bl));
    return i < n ? names_only(s + i, n - i) : 0;
  }
  size_t sep_len, sep = hoso__lex_byline_separator(s, n, &sep_len);
  if (sep >= n) return 0;
  size_t e = sep, d0 = sep + sep_len;
  while (e > 0 && s[e - 1] == ' ') e--;
  while (d0 < n && s[d0] == ' ') d0++;
  if (e == 0 || d0 >= n || !hoso__date_line(s + d0, n - d0)) return 0;
  *name_n = e;
  *date_at = d0;
  return names_only(s, e);
}

/* Is block i a byline of another story? It stands in a box removed as a
** sidebar or related links, and that box -- the run of such blocks
** around it -- holds a second byline that names someone (a block with a
** byline hint, or where a byline element of the markup stands): a list
** of teasers, each with its author. A box with one byline can be the
** article's own header misread. 1 yes, 0 no, or a negative status. */
static int other_story_byline(cleaner *c, size_t i) {
  const hx_doc *d = c->d;
  if (i >= d->n || !d->b[i].reason) return 0;
  const char *r = d->b[i].reason;
  if (strcmp(r, "sidebar") != 0 && strcmp(r, "related links") != 0) return 0;
  size_t lo = i, hi = i + 1;
  while (lo > 0 && d->b[lo - 1].reason && !strcmp(d->b[lo - 1].reason, r)) lo--;
  while (hi < d->n && d->b[hi].reason && !strcmp(d->b[hi].reason, r)) hi++;
  int bylines = 0;
  for (size_t k = lo; k < hi && bylines < 2; k++) {
    int marked = (d->b[k].hints & HX_HINT_BYLINE) != 0;
    for (size_t y = 0; y < d->n_by && !marked; y++) marked = d->by[y].at == k;
    if (!marked || d->b[k].len >= 100) continue;
    int yes = byline_names(c, hx_text(d, &d->b[k]), d->b[k].len, 1);
    if (yes < 0) return yes;
    bylines += yes;
  }
  return bylines >= 2;
}

/* The byline element of the markup that names the authors: of those
** before the article's end that give names, the one closest to where the
** article starts (author boxes of related stories, account menus and
** teasers carry "author" classes too); the outermost on a tie. Returns
** its index, d->n_by when none, or a negative status. */
static long markup_byline(cleaner *c, size_t first_main, size_t last_main) {
  hx_doc *d = c->d;
  size_t best = d->n_by, best_dist = (size_t)-1;
  for (size_t k = 0; k < d->n_by; k++) {
    const hx_byline *y = &d->by[k];
    if (y->at > last_main + 2) continue; /* "Posted by" right after the text */
    int other = other_story_byline(c, y->at);
    if (other < 0) return other;
    if (other) continue;
    size_t dist = y->at < first_main ? first_main - y->at : y->at - first_main;
    if (dist >= best_dist) continue;
    int yes = byline_names(c, d->arena.p + y->text_off, y->len, 1);
    if (yes < 0) return yes;
    if (yes) {
      best = k;
      best_dist = dist;
    }
  }
  return (long)best;
}

/* The lead (standfirst) of an HTML page often stands between the
** headline and the article's container, in the page's header: the
** first prose paragraph after the <h1> and before the main content,
** when nothing but unmarked blocks (no navigation, sidebar, ...) lies
** between. *at gets its index or d->n; returns a status. */
static int lead_before(cleaner *c, size_t first_main, size_t *at) {
  hx_doc *d = c->d;
  *at = d->n;
  if (!d->is_html || first_main >= d->n) return HOSO_OK;
  size_t h1 = d->n;
  for (size_t i = first_main; i-- > 0;)
    if ((d->b[i].hints & HX_HINT_HEADING) && d->b[i].kind == HOSO_BLOCK_HEADING) {
      h1 = i;
      break;
    }
  if (h1 == d->n) return HOSO_OK;
  for (size_t i = h1 + 1; i < first_main; i++) {
    hx_block *b = &d->b[i];
    if (b->reason || b->main) continue;
    if (b->kind != HOSO_BLOCK_PARAGRAPH) continue;
    const char *l = hoso__hx_lang(d, b);
    if (!is_real_paragraph(hx_text(d, b), b->len, l, c->doc_lang)) continue;
    size_t ce, cs;
    /* a photo's caption above the article is not its lead */
    if ((b->hints & (HX_HINT_CAPTION | HX_HINT_FIGURE | HX_HINT_BYLINE)) ||
        split_caption(c, hx_text(d, b), b->len, &ce, &cs))
      continue;
    /* nor is an author's note ("By Jane Doe, a deputy editor ...") */
    int rc = fold_block(c, hx_text(d, b), b->len);
    if (rc) return rc;
    if (!hoso__lex_byline_prefix(c->fold.p, c->fold.n)) *at = i;
    return HOSO_OK;
  }
  return HOSO_OK;
}

/* A heading of the article that is a link to another site ("<h3><a
** href=shop>Game ($30)</a></h3>", a reviewed product named by its link)
** went as "links" (html.c); when the article's prose follows it directly
** -- the next block is a real paragraph of the main content -- it heads
** that section and stays. Teasers link to the site's own stories (and
** their summaries can read as prose), so those headings still go. */
static void section_headings(cleaner *c) {
  hx_doc *d = c->d;
  for (size_t i = 0; i + 1 < d->n; i++) {
    hx_block *b = &d->b[i], *next = &d->b[i + 1];
    if (b->kind != HOSO_BLOCK_HEADING || !b->reason || strcmp(b->reason, "links") != 0 ||
        b->other_density <= 0.5 || !next->main || next->kind != HOSO_BLOCK_PARAGRAPH)
      continue;
    if (!is_real_paragraph(hx_text(d, next), next->len, hoso__hx_lang(d, next), c->doc_lang))
      continue;
    b->main = 1;
    b->reason = NULL;
  }
}

/* A list item or heading of the article that is mostly links went as
** "links" (html.c); when those links go to another site that the page
** vouches for (links.c: a bug tracker, a paper, a source -- not a shop's
** affiliate link, not the site's own stories) and it stands between the
** article's real paragraphs, it is the article's list of references
** ("In progress: Bug 1677080 -- ..."), not a list of other stories:
** those link to the site itself, or follow the article's end. */
static void cited_lists(cleaner *c) {
  hx_doc *d = c->d;
  if (!c->have_real) return;
  for (size_t i = c->first_real + 1; i < c->last_real; i++) {
    hx_block *b = &d->b[i];
    if ((b->kind != HOSO_BLOCK_LIST_ITEM && b->kind != HOSO_BLOCK_HEADING) || !b->reason ||
        strcmp(b->reason, "links") != 0 || b->cite_density <= 0.5)
      continue;
    b->main = 1;
    b->reason = NULL;
  }
}

/* The article's text opening with a name on a line of its own, all in
** bold ("<p><strong>JANE DOE</strong></p>"), right before its first
** paragraph: that line is its byline, removed from the text, and its
** author when no metadata named one (a site account's name does not
** count: meta.c keeps it aside). Needs first_real; sets
** c->bold_byline_at. */
static int bold_byline(cleaner *c) {
  hx_doc *d = c->d;
  c->bold_byline_at = d->n;
  if (!c->have_real) return HOSO_OK;
  for (size_t i = c->first_real; i-- > 0;) {
    hx_block *b = &d->b[i];
    if (!b->main) continue;
    if ((b->hints & HX_HINT_BOLD) && b->kind != HOSO_BLOCK_HEADING &&
        looks_like_name(hx_text(d, b), b->len))
      c->bold_byline_at = i;
    break;
  }
  if (c->bold_byline_at == d->n || c->meta_authors) return HOSO_OK;
  hx_block *b = &d->b[c->bold_byline_at];
  int rc = hoso__art_add_str(&c->a->authors, &c->a->n_authors, hx_text(d, b), b->len);
  c->meta_authors = c->a->n_authors > 0;
  return rc;
}

/* Is author s an agency written as its initials ("AFP", "TTXVN"): one
** word of two to eight capital letters? */
static int agency_initials(const char *s) {
  size_t n = strlen(s);
  if (n < 2 || n > 8) return 0;
  for (size_t i = 0; i < n; i++)
    if (s[i] < 'A' || s[i] > 'Z') return 0;
  return 1;
}

int hoso__ex_finish(hx_doc *d, hoso_article_rec *a,
                    const hoso_extract_opts *opts) {
  cleaner c;
  memset(&c, 0, sizeof(c));
  c.d = d;
  c.a = a;
  c.opts = opts;
  hoso__buf_init(&c.fold, 0);
  c.doc_lang = doc_language(d);
  /* an "author" that is the publisher itself gives way to a person named
  ** on the page; it comes back when there is none. Beside an agency only
  ** ("Le Figaro et AFP") it is no stand-in for a person: both stay. */
  char *site_author = NULL;
  size_t site_names = 0, agencies = 0;
  for (size_t i = 0; i < a->n_authors; i++) {
    if (hoso__is_site_name(a, a->authors[i], strlen(a->authors[i]))) site_names++;
    else agencies += agency_initials(a->authors[i]);
  }
  int keep_site = site_names > 0 && agencies > 0 && site_names + agencies == a->n_authors;
  for (size_t i = 0; i < a->n_authors && !keep_site;) {
    if (hoso__is_site_name(a, a->authors[i], strlen(a->authors[i]))) {
      if (!site_author) site_author = a->authors[i];
      else free(a->authors[i]);
      memmove(&a->authors[i], &a->authors[i + 1], (a->n_authors - i - 1) * sizeof(char *));
      a->n_authors--;
    } else {
      i++;
    }
  }
  c.meta_authors = a->n_authors > 0;
  int rc = HOSO_OK;
  section_headings(&c);
  for (size_t i = 0; i < d->n; i++) {
    hx_block *b = &d->b[i];
    if (!b->main) continue;
    const char *l = hoso__hx_lang(d, b);
    if (is_real_paragraph(hx_text(d, b), b->len, l, c.doc_lang)) {
      if (!c.have_real) c.first_real = i;
      c.last_real = i;
      c.have_real = 1;
    }
  }
  cited_lists(&c);
  if ((rc = bold_byline(&c))) goto done;
  if (c.doc_lang && !a->language && (rc = hoso__art_set(&a->language, c.doc_lang, 2)))
    goto done;
  /* Bylines outside the main content: author boxes of related stories,
  ** account menus and teasers carry "author" classes too, so only the
  ** one closest to where the article starts counts, and only when it
  ** stands before the article's end. */
  size_t first_main = d->n, last_main = 0, byline_at = d->n, best_dist = (size_t)-1;
  size_t text_start = d->n;
  for (size_t i = 0; i < d->n; i++)
    if (d->b[i].main) {
      if (first_main == d->n) first_main = i;
      /* for bylines the article starts after its headline */
      int h1 = (d->b[i].hints & HX_HINT_HEADING) && d->b[i].kind == HOSO_BLOCK_HEADING;
      if (text_start == d->n && !h1) text_start = i;
      last_main = i;
    }
  if (!c.meta_authors && first_main < d->n) {
    long k = markup_byline(&c, text_start, last_main);
    if (k < 0) {
      rc = (int)k;
      goto done;
    }
    if ((size_t)k < d->n_by) {
      const hx_byline *y = &d->by[k];
      if ((rc = byline_names(&c, d->arena.p + y->text_off, y->len, 0))) goto done;
      c.meta_authors = a->n_authors > 0;
    }
  }
  /* the article's headline: the last heading before its text */
  size_t headline = d->n;
  for (size_t i = text_start < d->n ? text_start : 0; i-- > 0;)
    if ((d->b[i].hints & HX_HINT_HEADING) && d->b[i].kind == HOSO_BLOCK_HEADING) {
      headline = i;
      break;
    }
  size_t byline_n = 0, byline_date = 0;
  if (!c.meta_authors && first_main < d->n) {
    for (size_t i = 0; i < last_main; i++) {
      hx_block *b = &d->b[i];
      if (b->main || b->len >= 100) continue;
      size_t name_n = b->len, date_at = b->len;
      int yes;
      if (b->hints & HX_HINT_BYLINE) {
        int other = other_story_byline(&c, i);
        if (other < 0) {
          rc = other;
          goto done;
        }
        if (other) continue;
        yes = byline_names(&c, hx_text(d, b), b->len, 1);
      } else if (headline < d->n && i > headline && i < text_start) {
        yes = head_byline(&c, hx_text(d, b), b->len, &name_n, &date_at);
      } else {
        continue;
      }
      if (yes < 0) {
        rc = yes;
        goto done;
      }
      size_t dist = i < text_start ? text_start - i : i - text_start;
      if (yes && dist < best_dist) {
        best_dist = dist;
        byline_at = i;
        byline_n = name_n;
        byline_date = date_at;
      }
    }
  }
  size_t lead_at;
  if ((rc = lead_before(&c, first_main, &lead_at))) goto done;
  for (size_t i = 0; i < d->n; i++) {
    hx_block *b = &d->b[i];
    const char *reason = b->reason, *lang = NULL;
    if (i == lead_at && !a->lead) {
      if ((rc = hoso__art_set(&a->lead, hx_text(d, b), b->len))) goto done;
      continue;
    }
    if (b->main) {
      if ((rc = classify(&c, i, &reason, &lang))) goto done;
    } else if (b->cond) {
      /* a box of links or a gallery inside the article still has its
      ** date, byline and credit lines read like the article's own */
      const char *r2 = NULL;
      if ((rc = classify(&c, i, &r2, &lang))) goto done;
      if (r2 && (!strcmp(r2, "date line") || !strcmp(r2, "byline") || !strcmp(r2, "credit")))
        reason = r2;
    } else {
      if (!reason) reason = "boilerplate";
      /* bylines and dates often sit outside the article's container */
      if (i == byline_at) {
        const char *t = hx_text(d, b);
        char iso[HOSO_DATE_MAX];
        if ((rc = byline_names(&c, t, byline_n, 0))) goto done;
        if (byline_date < b->len && !a->published &&
            hoso__date_parse(t + byline_date, b->len - byline_date, iso, NULL, NULL) &&
            (rc = hoso__art_set(&a->published, iso, strlen(iso))))
          goto done;
      }
      if ((b->hints & HX_HINT_DATE) && !a->published && hoso__date_line(hx_text(d, b), b->len)) {
        char iso[HOSO_DATE_MAX];
        if (hoso__date_parse(hx_text(d, b), b->len, iso, NULL, NULL) &&
            (rc = hoso__art_set(&a->published, iso, strlen(iso))))
          goto done;
      }
    }
    if (reason) {
      if (strcmp(reason, "caption") != 0 && (rc = add_removed(&c, b, reason, lang)))
        goto done;
      if (strcmp(reason, "footer") == 0 && !a->site && !a->url &&
          (rc = site_from_text(a, hx_text(d, b), b->len)))
        goto done;
      continue;
    }
    if ((b->hints & HX_HINT_LEAD) && !a->lead && a->n_body == 0 && b->len >= 40) {
      if ((rc = hoso__art_set(&a->lead, hx_text(d, b), b->len))) goto done;
      continue;
    }
    size_t len = b->len, cs = 0, cn = 0;
    /* the article's last paragraph may end with its source in brackets */
    if (c.have_real && i >= c.last_real) {
      size_t own;
      if ((rc = tail_credit(&c, hx_text(d, b), b->len, &own, &cs, &cn))) goto done;
      if (own && (rc = hoso__art_add_str(&a->credit, &a->n_credit, hx_text(d, b) + cs, cn)))
        goto done;
      if (own) len = own;
    }
    hoso_block *out;
    if ((rc = hoso__art_add_block(&a->body, &a->n_body, hx_text(d, b), len,
                                  b->start, b->end, b->has_span, b->kind, &out)))
      goto done;
    out->language = lang;
  }
  if (a->n_body == 0 && !a->empty_reason) a->empty_reason = "no main text";
  if (site_author && a->n_authors == 0)
    rc = hoso__art_add_str(&a->authors, &a->n_authors, site_author, strlen(site_author));
  /* a site account's name (meta.c) when the page names no one else */
  if (!rc && d->account_author[0] && a->n_authors == 0)
    rc = hoso__art_add_str(&a->authors, &a->n_authors, d->account_author,
                           strlen(d->account_author));
done:
  free(site_author);
  hoso__buf_free(&c.fold);
  return rc;
}
