/*
** extract.h -- internal interface of the article extractor (src/extract/).
** Public entry points are in include/hoso.h (section extract).
**
** Pipeline: api.c detects the input type and charset (charset.c) and
** turns the document into a list of candidate blocks -- html.c walks the
** gumbo tree (score.c chooses the main content, meta.c reads JSON-LD /
** OpenGraph / <meta>), plaintext.c splits lines. clean.c then applies the
** same block rules to both (captions, bylines, credits, counters, prompts,
** footers, repeated title, date lines) and fills the hoso_article_rec
** (record.c owns allocation and JSON output). dates.c parses dates.
**
** Ownership: a hx_doc owns its block array and the text arena; blocks
** refer to text by offset into the arena. Nothing here keeps global
** mutable state.
*/
#ifndef HOSO_EXTRACT_H
#define HOSO_EXTRACT_H

#include <stddef.h>

#include "base/base.h"

/* ---- record.c: building and printing articles ---------------------- */

hoso_article_rec *hoso__article_new(void);
/* Replace *field with a copy of s[0..n) (whitespace collapsed, trimmed);
** an empty result sets NULL. */
int hoso__art_set(char **field, const char *s, size_t n) HOSO__WUR;
/* Append a copy of s[0..n) (collapsed) to a string array unless empty or
** already present (case-sensitive). */
int hoso__art_add_str(char ***arr, size_t *count, const char *s,
                      size_t n) HOSO__WUR;
/* Append a block; its text is a collapsed copy of s[0..n). On success
** *out (may be NULL) points at the new block (valid until the next add). */
int hoso__art_add_block(hoso_block **arr, size_t *count, const char *s,
                        size_t n, size_t start, size_t end, int has_span,
                        int kind, hoso_block **out) HOSO__WUR;
/* Write the members of a (without the enclosing braces) into w, so that
** other modules can add their own members to the same object. */
void hoso__article_json_members(hoso_json *w, const hoso_article_rec *a,
                                unsigned flags);

/* Append s[0..n) to out with runs of white space (ASCII and Unicode
** spaces) collapsed to one ASCII space, leading/trailing space removed. */
int hoso__ex_collapse(hoso_buf *out, const char *s, size_t n) HOSO__WUR;

/* ---- lang.c: language of a text -------------------------------------- */
/* "vi", "ru", "en" or NULL (too little text). Static strings. With a
** model m (may be NULL) the text core's language id decides. */
const char *hoso__ex_language(const hoso_langid *m, const char *s, size_t n);

/* ---- dates.c --------------------------------------------------------- */
/* Parse a date in s[0..n): Vietnamese, Russian, English and ISO forms.
** Writes ISO 8601 into out (room for HOSO_DATE_MAX bytes): with time and
** zone "2021-05-20T17:42:00+07:00", time without zone
** "2021-05-20T17:42:00", date alone "2021-05-20". Returns 1 when a date
** was found (and used_from and used_to, if not NULL, get its byte span),
** 0 otherwise -- never a guess. */
#define HOSO_DATE_MAX 32
int hoso__date_parse(const char *s, size_t n, char *out, size_t *used_from,
                     size_t *used_to);
/* 1 when s[0..n) is essentially nothing but a date line (a date plus
** weekday, time, zone, "Cập nhật", "|" and similar words). */
int hoso__date_line(const char *s, size_t n);

/* ---- candidate blocks, shared by the HTML and plain-text paths ------- */

enum hx_hint { HX_HINT_NONE = 0, HX_HINT_CAPTION = 1, HX_HINT_BYLINE = 2,
               HX_HINT_DATE = 4, HX_HINT_HEADING = 8, HX_HINT_LEAD = 16,
               HX_HINT_TABLE = 32 /* a cell of a data table */,
               HX_HINT_FIGURE = 64 /* inside a <figure> */,
               HX_HINT_BOLD = 128 /* all its text inside <strong>/<b> */,
               HX_HINT_CREDIT = 256 /* class words of a photo's credit */ };

typedef struct hx_block {
  size_t text_off, len;  /* text in hx_doc.arena */
  size_t start, end;     /* span in the document */
  int has_span;
  int kind;              /* enum hoso_block_kind */
  int hints;             /* enum hx_hint bits from markup */
  int removed;           /* 0 = keep; else index+1 into reason table */
  const char *reason;    /* why removed (static), NULL if kept */
  /* a caption's photo credit given by the markup (an element inside
  ** the <figure> or caption with a credit class, or a <cite>): its text
  ** in hx_doc.arena, NUL-ended, not part of the block's text above;
  ** credit_len 0 when none. credit_only: the block's text was nothing
  ** but the credit (then the text above is the credit too). */
  size_t credit_off, credit_len;
  int credit_only;
  const void *figure;    /* the <figure> or caption element around it (HTML;
                         ** compared, never read), NULL when none */
  double link_density;   /* share of the text inside links (HTML) */
  double other_density;  /* share inside links to other sites (links.c) */
  double cite_density;   /* of those, links not marked paid or untrusted */
  int main;              /* 1 when inside the chosen main content */
  int cond;              /* inside it, but in a box judged not its text
                         ** (score.c's gallery/form/link-box rules) */
  const char *lang;      /* language (static), valid when lang_done */
  int lang_done;
} hx_block;

/* A byline element of the markup (rel=author, itemprop=author, a class
** or id saying "byline"/"author"): its text -- or that of its
** itemprop=name child -- and where it stands among the blocks. */
typedef struct hx_byline {
  size_t text_off, len;  /* text in hx_doc.arena */
  size_t at;             /* index the next block gets when it was met */
} hx_byline;

/* At most this many byline elements are kept per page. */
#define HX_MAX_BYLINES 64
/* The longest account author name kept (bytes, with its NUL). */
#define HX_ACCOUNT_MAX 96

typedef struct hx_doc {
  const char *src;       /* the document (UTF-8) */
  size_t src_n;
  hoso_buf arena;        /* block texts, NUL after each */
  hx_block *b;
  size_t n, cap;
  hx_byline by[HX_MAX_BYLINES];
  size_t n_by;
  int is_html;
  int home_page;         /* the page's own URL (given, canonical or og:url)
                         ** is its site's home page (html.c) */
  const hoso_langid *langid; /* may be NULL */
  /* the name of a metadata author that links to a site account
  ** ("/author/admin/"), not a person's page (meta.c); "" when none */
  char account_author[HX_ACCOUNT_MAX];
} hx_doc;

void hoso__hx_init(hx_doc *d, const char *src, size_t n);
void hoso__hx_free(hx_doc *d);
/* Add a block with text t[0..tn) (collapsed); empty text adds nothing
** and returns HOSO_OK with *out = NULL. */
int hoso__hx_add(hx_doc *d, const char *t, size_t tn, size_t start,
                 size_t end, int has_span, int kind,
                 hx_block **out) HOSO__WUR;
static inline const char *hx_text(const hx_doc *d, const hx_block *b) {
  return d->arena.p + b->text_off;
}

/* Record a byline element with text t[0..tn) (collapsed) met before
** block `at`; empty text or a full table adds nothing. */
/* Append t[0..tn) collapsed and NUL-ended to d's arena: its offset and
** length (0 when it collapses to nothing) in *off and *len. */
int hoso__hx_add_text(hx_doc *d, const char *t, size_t tn, size_t *off, size_t *len) HOSO__WUR;
int hoso__hx_add_byline(hx_doc *d, const char *t, size_t tn, size_t at) HOSO__WUR;

/* The block's language, computed once (lang.c). */
const char *hoso__hx_lang(const hx_doc *d, hx_block *b);

/* plaintext.c: one block per non-empty line (paragraph). */
int hoso__text_blocks(hx_doc *d) HOSO__WUR;

/* teasers.c: 1 when the text read is one teaser of a page that lists
** many (a home or section page whose URL is not known), else 0. */
int hoso__teaser_page(const hx_doc *d);

/* clean.c: classify blocks and fill the article (title and other
** metadata already set on a are kept). */
int hoso__ex_finish(hx_doc *d, hoso_article_rec *a,
                    const hoso_extract_opts *opts) HOSO__WUR;

/* html.c: parse HTML, fill metadata into a and the main blocks into d. */
int hoso__html_extract(hx_doc *d, hoso_article_rec *a,
                       const hoso_extract_opts *opts,
                       hoso_error *err) HOSO__WUR;

#endif
