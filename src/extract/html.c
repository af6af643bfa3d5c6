/* html.c -- HTML to candidate blocks: parse with gumbo, read metadata
** (meta.c), find the main content by scoring (score.c), then walk the
** tree once in document order emitting one block per block-level
** element, marked main or not (with the reason it is not).
**
** Every walk is iterative (explicit stacks) and markup deeper than
** opts->max_depth is flattened first (depth.c), so hostile nesting
** cannot exhaust the C stack.
*/
#include <stdlib.h>
#include <string.h>

#include "html.h"
#include "lexicon.h"
#include "score.h"
#include "statebody.h"
#include "text/text.h"

#define DEFAULT_MAX_DEPTH 512

static int is_block_tag(GumboTag t) {
  switch (t) {
  case GUMBO_TAG_P: case GUMBO_TAG_DIV: case GUMBO_TAG_SECTION:
  case GUMBO_TAG_ARTICLE: case GUMBO_TAG_H1: case GUMBO_TAG_H2:
  case GUMBO_TAG_H3: case GUMBO_TAG_H4: case GUMBO_TAG_H5: case GUMBO_TAG_H6:
  case GUMBO_TAG_LI: case GUMBO_TAG_UL: case GUMBO_TAG_OL:
  case GUMBO_TAG_BLOCKQUOTE: case GUMBO_TAG_PRE: case GUMBO_TAG_TABLE:
  case GUMBO_TAG_TR: case GUMBO_TAG_TD: case GUMBO_TAG_TH:
  case GUMBO_TAG_FIGURE: case GUMBO_TAG_FIGCAPTION: case GUMBO_TAG_HEADER:
  case GUMBO_TAG_FOOTER: case GUMBO_TAG_NAV: case GUMBO_TAG_ASIDE:
  case GUMBO_TAG_DL: case GUMBO_TAG_DT: case GUMBO_TAG_DD: case GUMBO_TAG_BR:
  case GUMBO_TAG_HR: case GUMBO_TAG_MAIN: case GUMBO_TAG_FORM:
  case GUMBO_TAG_ADDRESS: case GUMBO_TAG_CAPTION: case GUMBO_TAG_TBODY:
  case GUMBO_TAG_CENTER: case GUMBO_TAG_DETAILS: case GUMBO_TAG_SUMMARY:
  case GUMBO_TAG_BODY: case GUMBO_TAG_IMG:
    return 1;
  default:
    return 0;
  }
}

/* The emission walk: accumulate inline text, flush at block boundaries. */
typedef struct emitter {
  hx_doc *d;
  const hx_score *sc;
  const hx_prep *prep;
  hoso_buf acc;
  hoso_buf tmp;       /* scratch for byline texts */
  size_t first, last; /* span of the accumulated text */
  size_t link;        /* bytes of accumulated text inside links */
  size_t link_out;    /* of those, inside links to other pages (not "#...") */
  size_t link_other;  /* of those, inside links to other sites (links.c) */
  size_t link_cite;   /* of those, not marked paid or untrusted (links.c) */
  size_t text, bold;  /* bytes of accumulated text; of those, in <strong>/<b> */
  /* the part of acc inside a photo-credit element (in_credit), as
  ** [cred_from, cred_to); cred_to 0 when none */
  size_t cred_from, cred_to;
  const GumboNode *figure; /* the block's figure or caption element, if any */
  const hx_sites *sites; /* the page's own hosts */
  int any;
  int kind, hints;
  int main;
  const char *reason;
  /* the reason came from an inline element's class words (a paragraph
  ** starting with <a class="popup">): it holds for the block only while
  ** all of the block's text is inside such elements */
  int reason_inline;
  const GumboNode *item, *list; /* the block's <li> and <ul>/<ol>, if any */
} emitter;

/* A linked fragment of a list item (a "Learn more" link after the
** item's text, a reference whose title is a link) is content when the
** item or its list as a whole is mostly text: the list is part of the
** article, not a list of links to other pages (which stays "links"). */
#define LIST_TEXT_MAX_LINKS 0.5
static int list_content(const emitter *e) {
  if (!e->item) return 0;
  if (hoso__score_link_density(e->sc, e->item) <= LIST_TEXT_MAX_LINKS) return 1;
  return e->list && hoso__score_link_density(e->sc, e->list) <= LIST_TEXT_MAX_LINKS;
}

/* Does t[0..n) hold a letter or digit (ASCII, or a character outside the
** U+2000..U+2FFF punctuation and symbol blocks), not only separators
** ("|", "·", "—")? */
static int has_letter_n(const char *t, size_t n) {
  for (const unsigned char *u = (const unsigned char *)t; u < (const unsigned char *)t + n; u++)
    if ((*u >= 'a' && *u <= 'z') || (*u >= 'A' && *u <= 'Z') || (*u >= '0' && *u <= '9') ||
        (*u >= 0xC0 && *u != 0xE2))
      return 1;
  return 0;
}

/* Add the accumulated text as a block; a photo credit marked inside it
** (cred_from..cred_to) is kept apart from the rest of its text. */
static int add_acc(emitter *e, hx_block **b) {
  *b = NULL;
  const char *t = e->acc.p;
  size_t n = e->acc.n, from = e->cred_from, to = e->cred_to;
  if (to <= from || to > n)
    return hoso__hx_add(e->d, t, n, e->first, e->last, 1, e->kind, b);
  /* the text around the credit, joined by a space */
  hoso__buf_reset(&e->tmp);
  int rc = hoso__buf_add(&e->tmp, t, from);
  if (!rc) rc = hoso__buf_addc(&e->tmp, ' ');
  if (!rc) rc = hoso__buf_add(&e->tmp, t + to, n - to);
  if (rc) return rc;
  int only = !has_letter_n(e->tmp.p, e->tmp.n);
  rc = only ? hoso__hx_add(e->d, t, n, e->first, e->last, 1, e->kind, b)
            : hoso__hx_add(e->d, e->tmp.p, e->tmp.n, e->first, e->last, 1, e->kind, b);
  if (rc || !*b) return rc;
  size_t bi = (size_t)(*b - e->d->b);
  rc = hoso__hx_add_text(e->d, t + from, to - from, &e->d->b[bi].credit_off,
                         &e->d->b[bi].credit_len);
  *b = &e->d->b[bi];
  (*b)->credit_only = only && (*b)->credit_len > 0;
  return rc;
}

static int flush(emitter *e) {
  if (!e->any) return HOSO_OK;
  hx_block *b;
  int rc = add_acc(e, &b);
  e->cred_from = e->cred_to = 0;
  if (!rc && b) {
    b->hints = e->hints;
    b->figure = e->figure;
    if (e->text > 0 && e->bold == e->text) b->hints |= HX_HINT_BOLD;
    b->main = e->main && !e->reason;
    b->reason = e->reason;
    b->cond = e->main && e->reason && hoso__score_reason_is_cond(e->reason);
    b->link_density = e->acc.n ? (double)e->link / (double)e->acc.n : 0;
    b->other_density = e->acc.n ? (double)e->link_other / (double)e->acc.n : 0;
    b->cite_density = e->acc.n ? (double)e->link_cite / (double)e->acc.n : 0;
    /* a heading linked only within the page (a section's permalink or
    ** its way back to the contents) is the section's heading */
    double out_density = e->acc.n ? (double)e->link_out / (double)e->acc.n : 0;
    double density = e->kind == HOSO_BLOCK_HEADING ? out_density : b->link_density;
    if (b->main && density > 0.5 && b->len < 400 && !(b->hints & HX_HINT_TABLE) &&
        !list_content(e)) {
      b->main = 0;
      b->reason = "links";
    }
  }
  hoso__buf_reset(&e->acc);
  e->any = 0;
  e->link = 0;
  e->link_out = 0;
  e->link_other = 0;
  e->link_cite = 0;
  e->text = 0;
  e->bold = 0;
  return rc;
}

typedef struct frame {
  const GumboNode *node;
  unsigned idx;
  int in_link, main, kind, hints;
  int in_outlink; /* inside a link to another page (href not "#...") */
  int in_otherlink; /* inside a link to another site (links.c) */
  int in_citelink;  /* ... one not marked paid or untrusted (links.c) */
  int in_byline; /* inside a byline element already recorded */
  int in_bold;   /* inside <strong> or <b> */
  int in_credit; /* inside a photo's credit within a figure or caption */
  const GumboNode *figure; /* nearest <figure> or <figcaption> around */
  const char *reason;
  int reason_inline; /* reason set by an inline element (see emitter) */
  const GumboNode *item, *list; /* nearest <li> and <ul>/<ol> around */
} frame;

static int kind_of(GumboTag t, int parent_kind) {
  switch (t) {
  case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3: case GUMBO_TAG_H4:
  case GUMBO_TAG_H5: case GUMBO_TAG_H6:
    return HOSO_BLOCK_HEADING;
  case GUMBO_TAG_LI: case GUMBO_TAG_DD: case GUMBO_TAG_DT:
    return HOSO_BLOCK_LIST_ITEM;
  case GUMBO_TAG_BLOCKQUOTE:
    return HOSO_BLOCK_QUOTE;
  case GUMBO_TAG_FIGCAPTION: case GUMBO_TAG_CAPTION:
    return HOSO_BLOCK_CAPTION;
  case GUMBO_TAG_P: case GUMBO_TAG_PRE:
    return HOSO_BLOCK_PARAGRAPH;
  default:
    return parent_kind;
  }
}

/* Hints from markup: tag and class/id words. */
static int hints_of(const hx_score *sc, const GumboNode *n, int parent_hints) {
  int h = parent_hints;
  GumboTag t = n->v.element.tag;
  if (t == GUMBO_TAG_FIGCAPTION) h |= HX_HINT_CAPTION;
  if (t == GUMBO_TAG_FIGURE) h |= HX_HINT_FIGURE;
  if (t == GUMBO_TAG_TIME) h |= HX_HINT_DATE;
  if (t == GUMBO_TAG_H1) h |= HX_HINT_HEADING;
  h |= hoso__score_class_hints(sc, n);
  const char *rel = hoso__attr(n, "rel");
  if (rel && strstr(rel, "author")) h |= HX_HINT_BYLINE;
  const char *ip = hoso__attr(n, "itemprop");
  if (ip && (strstr(ip, "author") || strstr(ip, "creator"))) h |= HX_HINT_BYLINE;
  if (ip && strstr(ip, "date")) h |= HX_HINT_DATE;
  if (ip && strstr(ip, "description")) h |= HX_HINT_LEAD;
  return h;
}

/* A table of data (not of layout): header cells, a caption or a summary,
** or enough rows and columns, and no table inside it. Its cells are
** the article's content even when short or linked ("1947", a title). */
static int data_table(const GumboNode *t) {
  const char *role = hoso__attr(t, "role");
  if (role && strcmp(role, "presentation") == 0) return 0;
  if (hoso__attr(t, "summary")) return 1;
  hoso_hwalk w;
  int seen = 0, header = 0;
  size_t rows = 0, cols = 0, row_cells = 0;
  hoso__hwalk_init(&w, t, 32);
  for (const GumboNode *c; (c = hoso__hwalk_next(&w));) {
    if (c->type != GUMBO_NODE_ELEMENT) continue;
    if (++seen > 5000) break;
    GumboTag g = c->v.element.tag;
    if (g == GUMBO_TAG_TABLE) return 0;
    if (g == GUMBO_TAG_TH || g == GUMBO_TAG_THEAD || g == GUMBO_TAG_CAPTION) header = 1;
    if (g == GUMBO_TAG_TR) {
      rows++;
      row_cells = 0;
    }
    if (g == GUMBO_TAG_TD || g == GUMBO_TAG_TH) {
      if (++row_cells > cols) cols = row_cells;
      continue; /* cells hold text, not rows */
    }
    hoso__hwalk_enter(&w, c);
  }
  if (rows <= 1 || cols <= 1) return 0;
  return header || rows >= 10 || cols > 4 || rows * cols > 10;
}

/* Does the element itself (not an ancestor) say it holds the byline? */
static int own_byline(const hx_score *sc, const GumboNode *n) {
  if (hoso__score_class_hints(sc, n) & HX_HINT_BYLINE) return 1;
  const char *rel = hoso__attr(n, "rel");
  if (rel && strstr(rel, "author")) return 1;
  const char *ip = hoso__attr(n, "itemprop");
  return ip && (strstr(ip, "author") || strstr(ip, "creator"));
}

/* The first descendant of n with itemprop "name" (a schema.org Person's
** name inside an author element), searched breadth-limited. */
static const GumboNode *name_child(const GumboNode *n) {
  hoso_hwalk w;
  int seen = 0;
  hoso__hwalk_init(&w, n, 32);
  for (const GumboNode *c; seen < 200 && (c = hoso__hwalk_next(&w));) {
    if (c->type != GUMBO_NODE_ELEMENT) continue;
    seen++;
    const char *ip = hoso__attr(c, "itemprop");
    if (ip && strcmp(ip, "name") == 0) return c;
    hoso__hwalk_enter(&w, c);
  }
  return NULL;
}

static size_t word_count(const char *s, size_t n) {
  size_t w = 0;
  int in = 0;
  for (size_t i = 0; i < n; i++) {
    int sp = s[i] == ' ' || s[i] == '\n' || s[i] == '\t' || s[i] == '\r';
    if (!sp && !in) w++;
    in = !sp;
  }
  return w;
}

/* Does t hold a letter or digit (ASCII, or a character outside the
** U+2000..U+2FFF punctuation and symbol blocks), not only separators
** ("|", "·", "—")? */
static int has_letter(const char *t) { return has_letter_n(t, strlen(t)); }

/* The text of a byline element up to the first block inside it that
** follows two or more words: the name, not the job title or date the
** element shows in a box of its own below it ("Ben Silverman" / "Games
** Editor"). At most max bytes. */
static int byline_text(const GumboNode *node, hoso_buf *out, size_t max) {
  hoso_hwalk w;
  hoso__hwalk_init(&w, node, 64);
  for (const GumboNode *c; (c = hoso__hwalk_next(&w));) {
    if (c->type == GUMBO_NODE_TEXT || c->type == GUMBO_NODE_WHITESPACE ||
        c->type == GUMBO_NODE_CDATA) {
      int rc = hoso__buf_adds(out, c->v.text.text);
      if (rc) return rc;
      if (out->n > max) return HOSO_OK;
      continue;
    }
    if (c->type != GUMBO_NODE_ELEMENT || hoso__score_skip_tag(c->v.element.tag)) continue;
    if (is_block_tag(c->v.element.tag)) {
      if (out->p && word_count(out->p, out->n) >= 2) return HOSO_OK;
      int rc = hoso__buf_addc(out, ' ');
      if (rc) return rc;
    }
    hoso__hwalk_enter(&w, c);
  }
  return HOSO_OK;
}

/* Record element c as a byline candidate (short texts only). */
static int note_byline(emitter *e, const GumboNode *c) {
  if (e->d->n_by == HX_MAX_BYLINES) return HOSO_OK;
  const GumboNode *nm = name_child(c);
  const char *content = nm ? hoso__attr(nm, "content") : NULL;
  hoso__buf_reset(&e->tmp);
  int rc = content ? hoso__buf_adds(&e->tmp, content) : byline_text(nm ? nm : c, &e->tmp, 200);
  if (rc || !e->tmp.p || e->tmp.n >= 200) return rc;
  return hoso__hx_add_byline(e->d, e->tmp.p, e->tmp.n, e->d->n);
}

static int emit(emitter *e, const GumboNode *body) {
  frame *st = NULL;
  size_t cap = 0, sp = 0;
  int rc = HOSO_OK;
  cap = 256;
  st = malloc(cap * sizeof(*st));
  if (!st) return HOSO_ENOMEM;
  st[0] = (frame){.node = body, .main = hoso__score_selected(e->sc, body),
                  .kind = HOSO_BLOCK_PARAGRAPH};
  sp = 1;
  while (sp > 0 && !rc) {
    frame *f = &st[sp - 1];
    const GumboNode *n = f->node;
    if (f->idx >= n->v.element.children.length) {
      if (is_block_tag(n->v.element.tag)) rc = flush(e);
      sp--;
      continue;
    }
    const GumboNode *c = n->v.element.children.data[f->idx++];
    if (c->type == GUMBO_NODE_TEXT || c->type == GUMBO_NODE_CDATA ||
        c->type == GUMBO_NODE_WHITESPACE) {
      const char *t = c->v.text.text;
      size_t tl = strlen(t);
      if (c->type != GUMBO_NODE_WHITESPACE) {
        if (!e->any) {
          size_t s0 = hoso__prep_offset(e->prep, c->v.text.start_pos.offset);
          size_t e0 = s0 + c->v.text.original_text.length;
          while (s0 < e0 && s0 < e->d->src_n && (e->d->src[s0] == ' ' || e->d->src[s0] == '\n' ||
                                                e->d->src[s0] == '\t' || e->d->src[s0] == '\r'))
            s0++;
          e->first = s0;
          e->main = f->main;
          e->reason = f->reason;
          e->reason_inline = f->reason_inline;
          e->kind = f->kind;
          e->hints = f->hints;
          e->item = f->item;
          e->list = f->list;
          e->figure = f->figure;
        }
        else if (e->reason && e->reason_inline && !f->reason && has_letter(t))
          e->reason = NULL; /* text outside the inline element: a paragraph */
        e->any = 1;
        e->last = hoso__prep_offset(e->prep, c->v.text.start_pos.offset) +
                  c->v.text.original_text.length;
        while (e->last > e->first && e->last <= e->d->src_n &&
               (e->d->src[e->last - 1] == ' ' || e->d->src[e->last - 1] == '\n' ||
                e->d->src[e->last - 1] == '\t' || e->d->src[e->last - 1] == '\r'))
          e->last--;
        if (f->in_link) e->link += tl;
        if (f->in_outlink) e->link_out += tl;
        if (f->in_otherlink) e->link_other += tl;
        if (f->in_citelink) e->link_cite += tl;
        if (has_letter(t)) {
          e->text += tl;
          if (f->in_bold) e->bold += tl;
        }
        if (f->in_credit) {
          if (e->cred_to == 0) e->cred_from = e->acc.n;
          /* one credit per block: text of another element in between
          ** ends it (the range below keeps the first) */
          if (e->cred_to == 0 || e->cred_to == e->acc.n) e->cred_to = e->acc.n + tl;
        }
      }
      if (e->any && (rc = hoso__buf_add(&e->acc, t, tl))) break;
      continue;
    }
    if (c->type != GUMBO_NODE_ELEMENT) continue;
    GumboTag t = c->v.element.tag;
    if (hoso__score_skip_tag(t)) continue;
    if (is_block_tag(t) && (rc = flush(e))) break;
    if (t == GUMBO_TAG_BR || t == GUMBO_TAG_HR || t == GUMBO_TAG_IMG) continue;
    if (sp == cap) {
      size_t nc = cap * 2;
      frame *ns = realloc(st, nc * sizeof(*ns));
      if (!ns) {
        rc = HOSO_ENOMEM;
        break;
      }
      st = ns;
      cap = nc;
      f = &st[sp - 1];
    }
    frame nf;
    nf.node = c;
    nf.idx = 0;
    nf.in_link = f->in_link || hoso__score_is_link(c);
    nf.in_outlink = f->in_outlink || (hoso__score_is_link(c) && !hoso__score_in_page_link(c));
    int other = hoso__score_is_link(c) && hoso__link_other_site(e->sites, hoso__attr(c, "href"));
    nf.in_otherlink = f->in_otherlink || other;
    nf.in_citelink = f->in_citelink || (other && !hoso__link_unvouched(hoso__attr(c, "rel")));
    nf.in_bold = f->in_bold || t == GUMBO_TAG_STRONG || t == GUMBO_TAG_B;
    /* a photo's credit: an element inside a figure or caption whose own
    ** class words say so (lexicon_words.txt, bit 256), or a <cite> */
    nf.in_credit = f->in_credit ||
                   ((f->hints & (HX_HINT_CAPTION | HX_HINT_FIGURE)) &&
                    (t == GUMBO_TAG_CITE || (hoso__score_class_hints(e->sc, c) & HX_HINT_CREDIT)));
    nf.main = f->main || hoso__score_selected(e->sc, c);
    nf.kind = kind_of(t, f->kind);
    nf.hints = hints_of(e->sc, c, f->hints);
    if (t == GUMBO_TAG_TABLE && data_table(c)) nf.hints |= HX_HINT_TABLE;
    nf.figure = t == GUMBO_TAG_FIGURE || (t == GUMBO_TAG_FIGCAPTION && !f->figure) ? c : f->figure;
    nf.item = t == GUMBO_TAG_LI ? c : f->item;
    nf.list = t == GUMBO_TAG_UL || t == GUMBO_TAG_OL ? c : f->list;
    nf.reason = f->reason;
    nf.reason_inline = f->reason_inline;
    /* a credit's class words ("copyright") are not a footer's there */
    if (!nf.reason && !(nf.in_credit && !f->in_credit)) {
      nf.reason = hoso__score_reason(e->sc, c);
      nf.reason_inline = nf.reason && !is_block_tag(t);
    }
    /* an <h1> outside the article is its headline (or the site's); one
    ** inside it is dropped by clean.c only when it repeats the title --
    ** pages use <h1> for their sections too */
    if (t == GUMBO_TAG_H1 && !nf.main) {
      nf.reason = nf.reason ? nf.reason : "title";
    }
    /* a byline element inside a recorded one (its job title, its link)
    ** is part of it, not a byline of its own */
    nf.in_byline = f->in_byline;
    if (!f->in_byline && own_byline(e->sc, c) &&
        !(nf.reason && (!strcmp(nf.reason, "hidden") || !strcmp(nf.reason, "comment box")))) {
      size_t had = e->d->n_by;
      if ((rc = note_byline(e, c))) break;
      nf.in_byline = e->d->n_by > had;
    }
    /* a hidden inline element inside kept text loses its own text, not
    ** the paragraph's (class words on inline elements are too noisy --
    ** "popup" notes are body text -- to drop them the same way) */
    if (nf.reason && !f->reason && !is_block_tag(t) && !strcmp(nf.reason, "hidden")) continue;
    st[sp++] = nf;
  }
  if (!rc) rc = flush(e);
  free(st);
  return rc;
}

/* Words of the folded text, for comparing titles. */
static size_t words_of(const char *f, size_t n, const char **w, size_t *wl, size_t max) {
  size_t k = 0, i = 0;
  while (i < n && k < max) {
    while (i < n && !(((unsigned char)f[i] >= 0x80) || (f[i] >= 'a' && f[i] <= 'z') ||
                      (f[i] >= '0' && f[i] <= '9')))
      i++;
    size_t st = i;
    while (i < n && (((unsigned char)f[i] >= 0x80) || (f[i] >= 'a' && f[i] <= 'z') ||
                     (f[i] >= '0' && f[i] <= '9')))
      i++;
    if (i > st) {
      w[k] = f + st;
      wl[k++] = i - st;
    }
  }
  return k;
}

/* Share of a's words found in b (0..1), and a's word count. */
static double overlap(const char *a, size_t an, const char *b, size_t bn, size_t *na, size_t *nb) {
  const char *wa[64], *wb[64];
  size_t la[64], lb[64];
  *na = words_of(a, an, wa, la, 64);
  *nb = words_of(b, bn, wb, lb, 64);
  if (*na == 0) return 0;
  size_t hit = 0;
  for (size_t i = 0; i < *na; i++)
    for (size_t j = 0; j < *nb; j++)
      if (la[i] == lb[j] && memcmp(wa[i], wb[j], la[i]) == 0) {
        hit++;
        break;
      }
  return (double)hit / (double)*na;
}

/* The page's own headline (first <h1>) wins over metadata titles when it
** is clearly the same title (metadata titles carry site names, section
** prefixes); a metadata title loses its " | Site" part otherwise. */
static int choose_title(hx_doc *d, hoso_article_rec *a, int title_src,
                        const char *site_name) {
  const hx_block *h1 = NULL;
  for (size_t i = 0; i < d->n; i++)
    if ((d->b[i].hints & HX_HINT_HEADING) && d->b[i].kind == HOSO_BLOCK_HEADING &&
        d->b[i].len >= 8) {
      h1 = &d->b[i];
      break;
    }
  int rc = HOSO_OK;
  if (h1 && !a->title) return hoso__art_set(&a->title, hx_text(d, h1), h1->len);
  if (!a->title) return HOSO_OK;
  if (h1) {
    hoso_buf f1, f2;
    hoso__buf_init(&f1, 0);
    hoso__buf_init(&f2, 0);
    rc = hoso__fold_append(&f1, hx_text(d, h1), h1->len);
    if (!rc) rc = hoso__fold_append(&f2, a->title, strlen(a->title));
    if (!rc && f1.p && f2.p) {
      size_t n1, n2;
      double ov = overlap(f1.p, f1.n, f2.p, f2.n, &n1, &n2);
      /* measured on the fundus pages: the metadata title matches the
      ** publisher's own record more often than the <h1>, so the <h1>
      ** only stands in when the metadata title is much longer (a
      ** headline with a section prefix or a teaser) */
      if (ov >= 0.9 && n2 > n1 * 2 + 4) rc = hoso__art_set(&a->title, hx_text(d, h1), h1->len);
      else if (title_src == 1 || title_src == 2) {
        char *t = strdup(a->title);
        if (!t) rc = HOSO_ENOMEM;
        else rc = hoso__title_strip_site(a, t, 0, site_name);
        free(t);
      }
    }
    hoso__buf_free(&f1);
    hoso__buf_free(&f2);
    return rc;
  }
  if (title_src == 1 || title_src == 2) {
    char *t = strdup(a->title);
    if (!t) return HOSO_ENOMEM;
    rc = hoso__title_strip_site(a, t, 0, site_name);
    free(t);
  }
  return rc;
}

static int has_main(const hx_doc *d) {
  for (size_t i = 0; i < d->n; i++)
    if (d->b[i].main) return 1;
  return 0;
}

/* A page rendered by script shows little of its article, while its
** JSON-LD carries the whole "articleBody": when the visible main text is
** under a quarter of it, the articleBody's paragraphs (its lines) stand
** in for it (without spans: they are not in the markup as such) and
** the visible blocks go as "not the article". */
static int ld_body_fallback(hx_doc *d, const hoso_buf *ab) {
  if (ab->n < 200) return HOSO_OK;
  size_t main_bytes = 0;
  for (size_t i = 0; i < d->n; i++)
    if (d->b[i].main) main_bytes += d->b[i].len;
  if (main_bytes * 4 >= ab->n) return HOSO_OK;
  for (size_t i = 0; i < d->n; i++)
    if (d->b[i].main) {
      d->b[i].main = 0;
      d->b[i].reason = "not the article";
    }
  size_t st = 0;
  for (size_t i = 0; i <= ab->n; i++) {
    if (i < ab->n && ab->p[i] != '\n') continue;
    hx_block *b;
    int rc = hoso__hx_add(d, ab->p + st, i - st, 0, 0, 0, HOSO_BLOCK_PARAGRAPH, &b);
    if (rc) return rc;
    if (b) b->main = 1;
    st = i + 1;
  }
  return HOSO_OK;
}

static const GumboNode *find_body(const GumboNode *root) {
  if (root->type != GUMBO_NODE_ELEMENT) return NULL;
  const GumboVector *ch = &root->v.element.children;
  for (unsigned i = 0; i < ch->length; i++) {
    const GumboNode *c = ch->data[i];
    if (c->type == GUMBO_NODE_ELEMENT && c->v.element.tag == GUMBO_TAG_BODY) return c;
  }
  return NULL;
}

int hoso__html_extract(hx_doc *d, hoso_article_rec *a,
                       const hoso_extract_opts *opts, hoso_error *err) {
  int max_depth = opts && opts->max_depth > 0 ? opts->max_depth : DEFAULT_MAX_DEPTH;
  hx_prep prep;
  int g = hoso__html_prepare(d->src, d->src_n, max_depth, &prep);
  if (g < 0) return hoso__err(err, g, "out of memory");
  const char *src = prep.p ? prep.p : d->src;
  size_t src_n = prep.p ? prep.n : d->src_n;
  GumboOptions go = kGumboDefaultOptions;
  go.max_errors = 0;
  GumboOutput *out = gumbo_parse_with_options(&go, src, src_n);
  if (!out) {
    hoso__prep_free(&prep);
    return hoso__err(err, HOSO_ENOMEM, "HTML parser failed (out of memory)");
  }
  int title_src = 0;
  const char *site_name = NULL;
  hoso_buf ld_body;
  hoso__buf_init(&ld_body, 0);
  hx_sites sites;
  memset(&sites, 0, sizeof(sites));
  hoso__sites_add(&sites, a->url); /* the URL given with the page */
  int rc = hoso__meta_read(out->root, a, &title_src, &site_name, &ld_body, &sites,
                           d->account_author, sizeof(d->account_author));
  d->home_page = sites.home;
  const GumboNode *body = find_body(out->root);
  if (!rc && body) {
    hx_score sc;
    rc = hoso__score_build(&sc, body);
    if (!rc) {
      emitter e;
      memset(&e, 0, sizeof(e));
      e.d = d;
      e.sc = &sc;
      e.prep = &prep;
      e.sites = &sites;
      hoso__buf_init(&e.acc, 0);
      hoso__buf_init(&e.tmp, 0);
      rc = emit(&e, body);
      hoso__buf_free(&e.acc);
      hoso__buf_free(&e.tmp);
      /* without a JSON-LD articleBody, the body a script's state holds
      ** (statebody.c) stands in for a page that shows little of it, by
      ** the same rule */
      if (!rc && ld_body.n == 0) {
        int st = hoso__state_body(d->src, d->src_n, &ld_body);
        if (st < 0) rc = st;
      }
      if (!rc) rc = ld_body_fallback(d, &ld_body);
      if (!sc.top && !a->empty_reason && !has_main(d)) a->empty_reason = "no main text";
      if (!rc) rc = choose_title(d, a, title_src, site_name);
      hoso__score_free(&sc);
    }
  }
  gumbo_destroy_output(&go, out);
  hoso__prep_free(&prep);
  hoso__buf_free(&ld_body);
  if (rc) return hoso__err(err, rc, "out of memory");
  return HOSO_OK;
}
