/* score.c -- find the main content of a page by scoring, after the
** well-known Readability idea, written from its description: paragraphs
** (p, pre, td, blockquote, and divs holding text directly) earn points
** for length and commas; the points flow to their parent (full), grand-
** parent (half) and a few more ancestors (less); a container starts from
** a tag prior and its class/id hints (lexicon.c); the final score is
** discounted by link density. The best container and the siblings that
** score close to it (or are clean paragraphs) are the main content.
** Subtrees whose tag (nav, aside, footer, form controls) or class/id
** marks them as boilerplate are not scored and carry a reason.
*/
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "html.h"
#include "lexicon.h"
#include "score.h"

struct hx_el {
  const GumboNode *node;
  long parent;
  size_t text, link, own;
  size_t olink; /* of link: text in links to other pages (href not "#...") */
  size_t ptext; /* text inside <p> descendants */
  unsigned commas;
  /* in the subtree: paragraphs with text, images, list items, form
  ** fields, embedded frames and objects; text inside headings */
  unsigned n_p, n_img, n_li, n_input, n_embed, n_figcap;
  unsigned n_slide; /* text nodes that are a gallery position ("4/50") */
  unsigned child_slide; /* the most of those in one child */
  /* headings (h2-h6) mostly link (teasers' headlines) and their text,
  ** outside boxes that go anyway (any reason) */
  unsigned n_lhead;
  size_t lhtext;
  size_t htext;
  /* text and linked text inside related-links and advertisement boxes
  ** in the subtree (from class words; see kept_text) */
  size_t gone_text, gone_link;
  int hint;
  const char *reason; /* boilerplate reason from tag or class */
  const char *hint_reason; /* the reason of its most negative class word */
  int class_hints;    /* HX_HINT_* bits from the class/id words */
  int excluded;       /* reason here or on an ancestor */
  int inited, selected, top_ancestor, box;
  double score;
};

int hoso__score_skip_tag(GumboTag t) {
  switch (t) {
  case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE: case GUMBO_TAG_NOSCRIPT:
  case GUMBO_TAG_TEMPLATE: case GUMBO_TAG_SVG: case GUMBO_TAG_MATH:
  case GUMBO_TAG_BUTTON: case GUMBO_TAG_SELECT: case GUMBO_TAG_OPTION:
  case GUMBO_TAG_INPUT: case GUMBO_TAG_TEXTAREA: case GUMBO_TAG_IFRAME:
  case GUMBO_TAG_OBJECT: case GUMBO_TAG_EMBED: case GUMBO_TAG_CANVAS:
  case GUMBO_TAG_AUDIO: case GUMBO_TAG_VIDEO: case GUMBO_TAG_MAP:
  case GUMBO_TAG_HEAD: case GUMBO_TAG_TITLE: case GUMBO_TAG_META:
  case GUMBO_TAG_LINK:
    return 1;
  default:
    return 0;
  }
}

/* A class or id token that is a slug of the page's own words (a heading
** anchor such as "sharing-with-a-single-developer", made by documentation
** and blog generators): four or more hyphen-joined words (24+ bytes, no
** BEM "--"/"__") say nothing
** about the element's role, and their words must not trip the hints. */
static int is_slug(const char *p, size_t n) {
  size_t hyph = 0;
  for (size_t i = 0; i < n; i++) {
    if (p[i] == '-') {
      if (i == 0 || p[i - 1] == '-') return 0; /* BEM "block--modifier" */
      hyph++;
    } else if (p[i] == '_') {
      return 0; /* BEM "block__element", generated ids */
    }
  }
  return hyph >= 3 && n >= 24;
}

size_t hoso__class_id(const GumboNode *n, char *buf, size_t cap) {
  size_t l = 0;
  const char *parts[2] = {hoso__attr(n, "class"), hoso__attr(n, "id")};
  for (int k = 0; k < 2; k++) {
    const char *p = parts[k];
    while (p && *p) {
      while (*p == ' ' || *p == '\t' || *p == '\n') p++;
      size_t tl = 0;
      while (p[tl] && p[tl] != ' ' && p[tl] != '\t' && p[tl] != '\n') tl++;
      if (tl && !is_slug(p, tl)) {
        if (l && l + 1 < cap) buf[l++] = ' ';
        for (size_t i = 0; i < tl && l + 1 < cap; i++)
          buf[l++] = (char)((p[i] >= 'A' && p[i] <= 'Z') ? (p[i] | 0x20) : p[i]);
      }
      p += tl;
    }
  }
  buf[l] = '\0';
  return l;
}

static const char *tag_reason(GumboTag t) {
  switch (t) {
  case GUMBO_TAG_NAV: return "navigation";
  case GUMBO_TAG_ASIDE: return "sidebar";
  case GUMBO_TAG_FOOTER: return "footer";
  case GUMBO_TAG_FORM: return NULL; /* whole pages sit in <form> */
  default: return NULL;
  }
}

static int tag_prior(GumboTag t) {
  switch (t) {
  case GUMBO_TAG_DIV: case GUMBO_TAG_SECTION: return 5;
  case GUMBO_TAG_ARTICLE: case GUMBO_TAG_MAIN: return 10;
  case GUMBO_TAG_PRE: case GUMBO_TAG_TD: case GUMBO_TAG_BLOCKQUOTE: return 3;
  case GUMBO_TAG_ADDRESS: case GUMBO_TAG_OL: case GUMBO_TAG_UL:
  case GUMBO_TAG_DL: case GUMBO_TAG_DD: case GUMBO_TAG_DT: case GUMBO_TAG_LI:
  case GUMBO_TAG_FORM: return -3;
  case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3: case GUMBO_TAG_H4:
  case GUMBO_TAG_H5: case GUMBO_TAG_H6: case GUMBO_TAG_TH: case GUMBO_TAG_HEADER:
    return -5;
  default: return 0;
  }
}

static size_t hash_ptr(const void *p, size_t cap) {
  uintptr_t x = (uintptr_t)p;
  x ^= x >> 17;
  x *= (uintptr_t)0x9E3779B97F4A7C15ull;
  x ^= x >> 29;
  return (size_t)x & (cap - 1);
}

static long find(const hx_score *sc, const GumboNode *n) {
  if (!sc->map) return -1;
  size_t h = hash_ptr(n, sc->map_cap);
  while (sc->map[h]) {
    if (sc->el[sc->map[h] - 1].node == n) return (long)sc->map[h] - 1;
    h = (h + 1) & (sc->map_cap - 1);
  }
  return -1;
}

/* style="display: none" or "visibility: hidden" (any case and spacing). */
static int style_hidden(const char *st) {
  char b[256];
  size_t k = 0;
  for (; *st && k + 1 < sizeof(b); st++)
    if (*st != ' ' && *st != '\t' && *st != '\n')
      b[k++] = (char)((*st >= 'A' && *st <= 'Z') ? (*st | 0x20) : *st);
  b[k] = '\0';
  return strstr(b, "display:none") != NULL || strstr(b, "visibility:hidden") != NULL;
}

static int push_el(hx_score *sc, size_t *cap, const GumboNode *n, long parent) {
  if (sc->n == *cap) {
    size_t nc = *cap ? *cap * 2 : 1024;
    hx_el *ne = realloc(sc->el, nc * sizeof(*ne));
    if (!ne) return HOSO_ENOMEM;
    sc->el = ne;
    *cap = nc;
  }
  hx_el *e = &sc->el[sc->n++];
  memset(e, 0, sizeof(*e));
  e->node = n;
  e->parent = parent;
  char cls[256];
  size_t l = hoso__class_id(n, cls, sizeof(cls));
  const char *r = NULL;
  e->hint = l ? hoso__lex_class_hint(cls, l, &r, &e->class_hints) : 0;
  e->hint_reason = r;
  e->reason = tag_reason(n->v.element.tag);
  if (!e->reason && e->hint <= -20) e->reason = r;
  const char *style = hoso__attr(n, "style");
  if (style && style_hidden(style)) e->reason = "hidden";
  if (hoso__attr(n, "hidden") || (hoso__attr(n, "aria-hidden") &&
                                  strcmp(hoso__attr(n, "aria-hidden"), "true") == 0))
    e->reason = "hidden";
  e->excluded = e->reason != NULL || (parent >= 0 && sc->el[parent].excluded);
  return HOSO_OK;
}

static unsigned count_commas(const char *t) {
  unsigned c = 0;
  for (; *t; t++)
    if (*t == ',') c++;
    else if ((unsigned char)t[0] == 0xEF && (unsigned char)t[1] == 0xBC &&
             (unsigned char)t[2] == 0x8C)
      c++; /* fullwidth comma */
    else if ((unsigned char)t[0] == 0xD8 && (unsigned char)t[1] == 0x8C)
      c++; /* Arabic comma U+060C */
    else if ((unsigned char)t[0] == 0xE3 && (unsigned char)t[1] == 0x80 &&
             (unsigned char)t[2] == 0x81)
      c++; /* ideographic comma U+3001 */
  return c;
}

static size_t nonspace(const char *t) {
  size_t k = 0;
  for (; *t; t++)
    if (*t != ' ' && *t != '\n' && *t != '\t' && *t != '\r') k++;
  return k;
}

int hoso__score_is_link(const GumboNode *n) {
  if (n->type != GUMBO_NODE_ELEMENT || n->v.element.tag != GUMBO_TAG_A) return 0;
  const char *h = hoso__attr(n, "href");
  if (!h) return 0; /* an anchor (<a name>), not a link */
  while (*h == ' ' || *h == '\t' || *h == '\n') h++;
  return strncasecmp(h, "javascript:", 11) != 0;
}

int hoso__score_in_page_link(const GumboNode *n) {
  const char *h = hoso__attr(n, "href");
  while (h && (*h == ' ' || *h == '\t' || *h == '\n')) h++;
  return h && *h == '#';
}

/* Is the text node t a gallery position alone ("4/50", "4 of 50")?
** ASCII letters are lower-cased for the lexicon; *k and *of get the
** numbers. */
static int slide_text(const char *t, unsigned *k, unsigned *of) {
  while (*t == ' ' || *t == '\n' || *t == '\t' || *t == '\r') t++;
  char b[24];
  size_t n = 0;
  for (; *t && n < sizeof(b); t++) {
    char c = *t;
    if (c == '\n' || c == '\t' || c == '\r') c = ' ';
    b[n++] = (char)((c >= 'A' && c <= 'Z') ? (c | 0x20) : c);
  }
  if (*t) return 0; /* longer than any position */
  while (n > 0 && b[n - 1] == ' ') n--;
  return n >= 3 && hoso__lex_gallery_position(b, n, k, of);
}

/* Pre-order walk recording elements and their direct text. */
static int walk(hx_score *sc, const GumboNode *body) {
  size_t cap = 0;
  typedef struct {
    const GumboNode *n;
    unsigned idx;
    long el;
    int in_link, in_olink;
  } fr;
  size_t scap = 256, sp = 0;
  fr *st = malloc(scap * sizeof(*st));
  if (!st) return HOSO_ENOMEM;
  int rc = push_el(sc, &cap, body, -1);
  if (rc) {
    free(st);
    return rc;
  }
  st[sp++] = (fr){body, 0, 0, 0, 0};
  while (sp > 0) {
    fr *f = &st[sp - 1];
    if (f->idx >= f->n->v.element.children.length) {
      sp--;
      continue;
    }
    const GumboNode *c = f->n->v.element.children.data[f->idx++];
    if (c->type == GUMBO_NODE_TEXT || c->type == GUMBO_NODE_CDATA) {
      hx_el *e = &sc->el[f->el];
      size_t k = nonspace(c->v.text.text);
      e->own += k;
      if (f->in_link) e->link += k;
      if (f->in_olink) e->olink += k;
      e->commas += count_commas(c->v.text.text);
      if (k <= 20 && slide_text(c->v.text.text, NULL, NULL)) e->n_slide++;
      continue;
    }
    if (c->type != GUMBO_NODE_ELEMENT) continue;
    if (hoso__score_skip_tag(c->v.element.tag)) {
      GumboTag t = c->v.element.tag;
      if (t == GUMBO_TAG_INPUT || t == GUMBO_TAG_SELECT || t == GUMBO_TAG_TEXTAREA)
        sc->el[f->el].n_input++;
      else if (t == GUMBO_TAG_IFRAME || t == GUMBO_TAG_OBJECT || t == GUMBO_TAG_EMBED ||
               t == GUMBO_TAG_VIDEO || t == GUMBO_TAG_AUDIO)
        sc->el[f->el].n_embed++;
      continue;
    }
    if ((rc = push_el(sc, &cap, c, f->el))) break;
    if (sp == scap) {
      fr *ns = realloc(st, scap * 2 * sizeof(*ns));
      if (!ns) {
        rc = HOSO_ENOMEM;
        break;
      }
      st = ns;
      scap *= 2;
      f = &st[sp - 1];
    }
    int is_link = hoso__score_is_link(c);
    st[sp] = (fr){c, 0, (long)sc->n - 1, f->in_link || is_link,
                  f->in_olink || (is_link && !hoso__score_in_page_link(c))};
    sp++;
  }
  free(st);
  return rc;
}

/* The class/id words of one element may match several patterns
** ("maincontent_articledetails_text"); summed they would outweigh the
** text itself, so a container's bonus is capped (like one class and one
** id match) while penalties stay strong. */
#define HINT_MAX 25
#define HINT_MIN (-50)

static void init_el(hx_el *e) {
  if (e->inited) return;
  e->inited = 1;
  int h = e->hint > HINT_MAX ? HINT_MAX : e->hint < HINT_MIN ? HINT_MIN : e->hint;
  e->score = tag_prior(e->node->v.element.tag) + h;
}

static void score_paragraphs(hx_score *sc, int use_exclusion) {
  for (size_t i = 0; i < sc->n; i++) {
    sc->el[i].inited = 0;
    sc->el[i].score = 0;
  }
  for (size_t i = 0; i < sc->n; i++) {
    hx_el *e = &sc->el[i];
    if (use_exclusion && e->excluded) continue;
    GumboTag t = e->node->v.element.tag;
    size_t len;
    if (t == GUMBO_TAG_P || t == GUMBO_TAG_PRE || t == GUMBO_TAG_TD ||
        t == GUMBO_TAG_BLOCKQUOTE)
      len = e->text;
    else if (t == GUMBO_TAG_DIV || t == GUMBO_TAG_SECTION || t == GUMBO_TAG_ARTICLE ||
             t == GUMBO_TAG_SPAN || t == GUMBO_TAG_FONT || t == GUMBO_TAG_CENTER ||
             t == GUMBO_TAG_LI)
      len = e->own;
    else
      continue;
    if (len < 25) continue;
    double s = 1.0 + (double)e->commas + (len / 100.0 > 3 ? 3 : (double)(len / 100));
    /* a paragraph that is mostly links is a comma-separated list of
    ** them (the names of readers who liked a post), not prose: its
    ** points shrink with its link density */
    if (e->link * 2 > e->text) s *= 1.0 - (double)e->link / (double)e->text;
    long p = e->parent;
    for (int level = 0; p >= 0 && level < 5; level++, p = sc->el[p].parent) {
      hx_el *a = &sc->el[p];
      init_el(a);
      a->score += level == 0 ? s : level == 1 ? s / 2 : s / (level * 3);
    }
    /* a div holding text directly is itself a candidate too (a list item
    ** only scores its container: lists of notes are articles too) */
    if (t != GUMBO_TAG_P && t != GUMBO_TAG_TD && t != GUMBO_TAG_PRE && t != GUMBO_TAG_LI) {
      init_el(e);
      e->score += s;
    }
  }
}

static long best(hx_score *sc, double *best_score) {
  long top = -1;
  double bs = 0;
  for (size_t i = 0; i < sc->n; i++) {
    hx_el *e = &sc->el[i];
    if (!e->inited) continue;
    double ld = e->text ? (double)e->link / (double)e->text : 0;
    double f = e->score * (1.0 - ld);
    e->score = f;
    if (top < 0 || f > bs) {
      top = (long)i;
      bs = f;
    }
  }
  *best_score = bs;
  return top;
}

/* Index one past the subtree of element i (pre-order: the subtree is the
** run of elements after i whose parent lies inside it). */
static size_t subtree_end(const hx_score *sc, size_t i) {
  size_t j = i + 1;
  while (j < sc->n && sc->el[j].parent >= (long)i) j++;
  return j;
}

/* Text and linked text of element i's subtree without the boxes inside
** it that go as related links or advertisements by their class words (a
** "related stories" box inside a step of a how-to): what is left when
** the box is read as part of the article. Other reasons (hidden, share,
** navigation) do not count: teasers and video boxes carry those. */
static void kept_text(const hx_score *sc, size_t i, size_t *text, size_t *link) {
  const hx_el *e = &sc->el[i];
  *text = e->text - e->gone_text;
  *link = e->link - e->gone_link;
}

static int same_class(const GumboNode *a, const GumboNode *b) {
  if (a->v.element.tag != b->v.element.tag) return 0;
  const char *ca = hoso__attr(a, "class"), *cb = hoso__attr(b, "class");
  return ca && cb && *ca && strcmp(ca, cb) == 0;
}

/* A slideshow embedded in the article (another story's photos with
** their captions, "4/50 Title" over each): the box holds three or more
** gallery positions of one count with different numbers, and about no
** paragraphs besides the slides' own (caption and credit: two per
** slide), and the article it sits in (ref: the top candidate or a
** selected sibling) keeps three paragraphs and 400 characters of its
** own without it (else the slideshow is the page's story). Judged
** whatever its commas (the slides' captions are prose), and never one
** of the article's boxes however much of its text it holds. */
#define SLIDES_MAX 64
#define TEASER_MAX_TEXT 300
static const char COND_TEASERS[] = "related links";
static const char COND_GALLERY[] = "gallery", COND_FORM[] = "form", COND_LINKS[] = "link box";
static int slides_of_one_show(const hx_score *sc, size_t i) {
  const hx_el *e = &sc->el[i];
  if (e->n_slide < 3 || e->n_p > 2 * e->n_slide + 2) return 0;
  unsigned ks[SLIDES_MAX], ofs[SLIDES_MAX];
  size_t m = 0, end = subtree_end(sc, i);
  for (size_t j = i; j < end && m < SLIDES_MAX; j++) {
    const GumboVector *ch = &sc->el[j].node->v.element.children;
    for (unsigned c = 0; c < ch->length && m < SLIDES_MAX; c++) {
      const GumboNode *x = ch->data[c];
      if (x->type == GUMBO_NODE_TEXT && slide_text(x->v.text.text, &ks[m], &ofs[m]) &&
          ks[m] >= 1 && ks[m] <= ofs[m])
        m++;
    }
  }
  for (size_t a = 0; a < m; a++) {
    size_t distinct = 0;
    for (size_t b = 0; b < m; b++) {
      if (ofs[b] != ofs[a]) continue;
      size_t c = 0;
      while (c < b && !(ofs[c] == ofs[a] && ks[c] == ks[b])) c++;
      distinct += c == b; /* first time this number is seen */
    }
    if (distinct >= 3) return 1;
  }
  return 0;
}

static int slideshow(const hx_score *sc, size_t i, size_t ref) {
  const hx_el *e = &sc->el[i], *r = &sc->el[ref];
  if (e->n_slide < 3 || r->n_p < e->n_p + 3 || r->ptext < e->ptext + 400) return 0;
  return slides_of_one_show(sc, i);
}

/* Before scoring, the slides' own box (the innermost holding three or
** more positions: no child holds three) is not scored: fifty captions
** would outscore the story they sit in. When the slides are the page's
** story, scoring without the exclusions wins as for any excluded box. */
static void mark_slideshows(hx_score *sc) {
  for (size_t i = 0; i < sc->n; i++) {
    hx_el *e = &sc->el[i];
    if (e->excluded || e->n_slide < 3 || e->child_slide >= 3 || !slides_of_one_show(sc, i))
      continue;
    if (!e->reason) e->reason = COND_GALLERY;
    size_t end = subtree_end(sc, i);
    for (size_t j = i; j < end; j++) sc->el[j].excluded = 1;
    i = end - 1;
  }
}

/* A reason that came from class/id words (a "sidebar-layout" box), not
** from the tag (<nav>, <aside>, <footer>) or from hiding. */
static int class_reason(const hx_el *e) {
  return e->reason && !tag_reason(e->node->v.element.tag) && strcmp(e->reason, "hidden") != 0 &&
         strcmp(e->reason, "comment box") != 0;
}

/* The article's boxes, and an article cut into boxes of one kind.
**
** The article's boxes are the top candidate, its ancestors that hold
** little besides it (up to ARTICLE_BOX_UP levels), and the boxes inside
** it that hold at least half of its paragraph text (and a third of all
** its text: not a teaser box on a page written in <div>s). A box holding most
** of the article is not boilerplate whatever its class words say (a
** "sidebar-layout__main" column), so those inside lose their reason.
**
** A sibling of one of these boxes with the same tag and class attribute
** continues the article -- the steps of a how-to, each in its own
** <div class="step">, or a story whose paragraphs go on in a second
** <div class="article__content"> after an advertisement -- when it is
** mostly text (links under a quarter), is not an <article> of its own
** and has no <h1> (another story's headline). Inside such a sibling,
** elements classed like one of the article's boxes lose their reason
** too. */
#define ARTICLE_BOX_UP 4
#define ARTICLE_BOX_MAX 32
#define SAME_KIND_MAX_LINKS 0.25
static void article_boxes(hx_score *sc, long top) {
  long box[ARTICLE_BOX_MAX];
  size_t nbox = 0;
  const hx_el *t = &sc->el[top];
  for (long a = top; a > 0 && nbox < ARTICLE_BOX_UP; a = sc->el[a].parent) {
    if (sc->el[a].text > t->text + t->text / 2 + 200) break; /* holds more than the article */
    box[nbox++] = a;
  }
  size_t tend = subtree_end(sc, (size_t)top);
  for (size_t j = (size_t)top + 1; j < tend && t->ptext > 0; j++) {
    hx_el *e = &sc->el[j];
    if (e->ptext * 2 < t->ptext || e->text * 3 < t->text || e->node->v.element.tag == GUMBO_TAG_P ||
        slideshow(sc, j, (size_t)top))
      continue;
    if (class_reason(e)) e->reason = NULL;
    e->box = 1;
    if (nbox < ARTICLE_BOX_MAX) box[nbox++] = (long)j;
  }
  for (size_t k = 0; k < nbox; k++) {
    const hx_el *ae = &sc->el[box[k]];
    long parent = ae->parent;
    if (parent < 0 || ae->node->v.element.tag == GUMBO_TAG_ARTICLE ||
        !hoso__attr(ae->node, "class"))
      continue;
    size_t end = subtree_end(sc, (size_t)parent);
    for (size_t i = (size_t)parent + 1; i < end; i = subtree_end(sc, i)) {
      hx_el *s = &sc->el[i];
      if ((long)i == box[k] || s->selected || !same_class(s->node, ae->node) || s->text == 0)
        continue;
      if (s->reason && !class_reason(s)) continue;
      if ((double)s->link > SAME_KIND_MAX_LINKS * (double)s->text) continue;
      size_t se = subtree_end(sc, i);
      int h1 = 0;
      for (size_t j = i; j < se && !h1; j++)
        h1 = sc->el[j].node->v.element.tag == GUMBO_TAG_H1;
      if (h1) continue;
      s->selected = 1;
      s->reason = NULL;
      for (size_t j = i + 1; j < se; j++)
        for (size_t m = 0; m < nbox; m++)
          if (class_reason(&sc->el[j]) && same_class(sc->el[j].node, sc->el[box[m]].node))
            sc->el[j].reason = NULL;
    }
  }
}

/* Boxes inside the article that are not its text, judged by what they
** hold (after the Readability idea of "conditional cleaning", written
** from its description): a box with fewer than ten commas goes when it
** is a photo gallery (more than one image, under one paragraph per two
** images, not in a <figure> nor holding a <figcaption>: captions are
** kept as captions), a form (a field per three paragraphs or
** more), a small linked snippet (under 25 characters, some of it
** linked, not a heading), or mostly links (over a fifth of its text
** linked, over half in a box whose class says it is content; lists are
** judged by the gallery, form and content-class rules only; a box with
** no block inside is a paragraph, not judged here). The top
** candidate, its ancestors and the article's boxes (those holding half
** its paragraph text) stay whatever they hold. The reason is
** "gallery", "form" or "link box"; the blocks inside are still read for
** the date, byline and credit lines (clean.c). A box whose class words
** count against it (a "promo" strip, weaker than the words that mark
** boilerplate outright) goes, with their reason, when its own paragraph
** points do not outweigh them. */
#define COND_MAX_COMMAS 10

int hoso__score_reason_is_cond(const char *r) {
  return r == COND_GALLERY || r == COND_FORM || r == COND_LINKS || r == COND_TEASERS;
}

/* A <div> or <section> with no block inside (only text and inline
** elements) is a paragraph written as a box, judged as one by the link
** rules of html.c, not as a box. */
/* Teasers of other stories: two or more headlines that are mostly a
** link, each with no more than a summary of a few lines (a paragraph or
** two, TEASER_MAX_TEXT characters besides the headline). Headlines in
** boxes that go anyway (a "Related Coverage" box inside the story) and
** the text of related-links boxes do not count. */
static int teaser_series(const hx_el *e) {
  return e->n_lhead >= 2 && e->n_p <= 2 * e->n_lhead &&
         e->text - e->gone_text <= e->lhtext + (size_t)e->n_lhead * TEASER_MAX_TEXT;
}

static int holds_blocks(const GumboNode *n) {
  const GumboVector *ch = &n->v.element.children;
  for (unsigned k = 0; k < ch->length; k++) {
    const GumboNode *c = ch->data[k];
    if (c->type != GUMBO_NODE_ELEMENT) continue;
    switch (c->v.element.tag) {
    case GUMBO_TAG_DIV: case GUMBO_TAG_P: case GUMBO_TAG_UL: case GUMBO_TAG_OL:
    case GUMBO_TAG_DL: case GUMBO_TAG_TABLE: case GUMBO_TAG_PRE: case GUMBO_TAG_BLOCKQUOTE:
    case GUMBO_TAG_IMG: case GUMBO_TAG_SECTION: case GUMBO_TAG_FORM: case GUMBO_TAG_FIGURE:
    case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3: case GUMBO_TAG_H4:
    case GUMBO_TAG_H5: case GUMBO_TAG_H6:
      return 1;
    default:
      break;
    }
  }
  return 0;
}

static const char *cond_reason(const hx_score *sc, size_t i, size_t ref, int in_figure) {
  const hx_el *e = &sc->el[i];
  GumboTag t = e->node->v.element.tag;
  if (t != GUMBO_TAG_DIV && t != GUMBO_TAG_UL && t != GUMBO_TAG_OL && t != GUMBO_TAG_FORM &&
      t != GUMBO_TAG_FIELDSET && t != GUMBO_TAG_SECTION)
    return NULL;
  if ((t == GUMBO_TAG_DIV || t == GUMBO_TAG_SECTION) && !holds_blocks(e->node)) return NULL;
  if (e->top_ancestor || e->box || e->selected) return NULL;
  if (slideshow(sc, i, ref)) return COND_GALLERY;
  if (e->commas >= COND_MAX_COMMAS) return NULL;
  /* class words against it and no paragraph points of its own to
  ** outweigh them */
  if (e->hint < 0 && e->hint_reason && (e->inited ? e->score : 0) + e->hint < 0)
    return e->hint_reason;
  int is_list = t == GUMBO_TAG_UL || t == GUMBO_TAG_OL;
  size_t kt, kl;
  kept_text(sc, i, &kt, &kl);
  double ld = kt ? (double)kl / (double)kt : 0;
  if (e->n_img > 1 && e->n_p * 2 < e->n_img && !in_figure && !e->n_figcap) return COND_GALLERY;
  if (e->n_input > 0 && e->n_input * 3 > e->n_p) return COND_FORM;
  if (teaser_series(e)) return COND_TEASERS;
  if (!is_list && e->text > 0 && e->text < 25 && e->htext * 10 < e->text * 9 &&
      (e->n_img == 0 || e->n_img > 2) && e->link > 0)
    return COND_LINKS;
  if (!is_list && e->hint <= 0 && ld > 0.2) return COND_LINKS;
  if (e->hint > 0 && ld > 0.5) return COND_LINKS;
  return NULL;
}

static void clean_conditionally(hx_score *sc) {
  for (size_t i = 0; i < sc->n; i++) {
    if (!sc->el[i].selected) continue;
    size_t end = subtree_end(sc, i);
    /* figure ancestors: a stack of subtree ends */
    size_t fig_end[64];
    int nfig = 0;
    for (size_t j = i + 1; j < end;) {
      while (nfig > 0 && j >= fig_end[nfig - 1]) nfig--;
      hx_el *e = &sc->el[j];
      if (e->reason) { /* already dropped with everything inside */
        j = subtree_end(sc, j);
        continue;
      }
      const char *r = cond_reason(sc, j, i, nfig > 0);
      if (r) {
        e->reason = r;
        j = subtree_end(sc, j);
        continue;
      }
      if (e->node->v.element.tag == GUMBO_TAG_FIGURE && nfig < 64)
        fig_end[nfig++] = subtree_end(sc, j);
      j++;
    }
    i = end - 1;
  }
}

int hoso__score_build(hx_score *sc, const GumboNode *body) {
  memset(sc, 0, sizeof(*sc));
  int rc = walk(sc, body);
  if (rc) {
    hoso__score_free(sc);
    return rc;
  }
  /* totals: children follow parents in pre-order, so go backwards */
  for (size_t i = sc->n; i-- > 0;) {
    hx_el *e = &sc->el[i];
    e->text += e->own;
    GumboTag tg = e->node->v.element.tag;
    if (tg == GUMBO_TAG_P) e->ptext = e->text;
    if (tg == GUMBO_TAG_P && e->text > 0) e->n_p++;
    if (tg == GUMBO_TAG_IMG) e->n_img++;
    if (tg == GUMBO_TAG_LI) e->n_li++;
    if (tg == GUMBO_TAG_FIGCAPTION) e->n_figcap++;
    if (tg >= GUMBO_TAG_H1 && tg <= GUMBO_TAG_H6) e->htext = e->text;
    if (tg >= GUMBO_TAG_H2 && tg <= GUMBO_TAG_H6 && e->text > 0 && e->olink * 2 >= e->text)
      e->n_lhead = 1, e->lhtext = e->text;
    /* the children are done: e->text and e->link are complete */
    if (e->reason && (!strcmp(e->reason, "related links") || !strcmp(e->reason, "advertisement"))) {
      e->gone_text = e->text;
      e->gone_link = e->link;
    }
    if (e->parent >= 0) {
      hx_el *p = &sc->el[e->parent];
      p->gone_text += e->gone_text;
      p->gone_link += e->gone_link;
      p->text += e->text;
      p->link += e->link;
      p->olink += e->olink;
      p->commas += e->commas;
      p->ptext += e->ptext;
      p->n_p += e->n_p;
      p->n_img += e->n_img;
      p->n_li += e->n_li;
      p->n_input += e->n_input;
      p->n_embed += e->n_embed;
      p->n_figcap += e->n_figcap;
      p->n_slide += e->n_slide;
      if (!e->reason) {
        p->n_lhead += e->n_lhead;
        p->lhtext += e->lhtext;
      }
      if (e->n_slide > p->child_slide) p->child_slide = e->n_slide;
      p->htext += e->htext;
    }
  }
  /* subtract own commas double counting: commas are per element total */
  size_t cap = 16;
  while (cap < sc->n * 2) cap *= 2;
  sc->map = calloc(cap, sizeof(size_t));
  if (!sc->map) {
    hoso__score_free(sc);
    return HOSO_ENOMEM;
  }
  sc->map_cap = cap;
  for (size_t i = 0; i < sc->n; i++) {
    size_t h = hash_ptr(sc->el[i].node, cap);
    while (sc->map[h]) h = (h + 1) & (cap - 1);
    sc->map[h] = i + 1;
  }
  /* score without and with the class/tag exclusions; a page that wraps
  ** its article in a "widget"/"sidebar"-named box loses it to exclusion,
  ** which shows as a much better candidate without them */
  mark_slideshows(sc);
  double bs0, bs;
  score_paragraphs(sc, 0);
  long top0 = best(sc, &bs0);
  score_paragraphs(sc, 1);
  long top = best(sc, &bs);
  if (top0 >= 0 && (top < 0 || bs0 > 2.0 * bs + 10)) {
    score_paragraphs(sc, 0);
    top = best(sc, &bs);
  }
  if (top < 0 && sc->n > 0 && sc->el[0].text > 0) {
    top = 0; /* no paragraph anywhere: the body's text is all there is */
    bs = 0;
  }
  if (top < 0) return HOSO_OK; /* nothing that reads like an article */
  /* the points of a long article split in many boxes (sections, table
  ** cells) collect in one of them; an ancestor that scores higher than the
  ** chain below it, without falling under a third of the top on the way,
  ** holds the whole article */
  {
    double last = sc->el[top].score, floor = last / 3;
    for (long p = sc->el[top].parent; p > 0; p = sc->el[p].parent) {
      hx_el *a = &sc->el[p];
      if (!a->inited) continue;
      if (a->score < floor) break;
      if (a->score > last) {
        top = p;
        break;
      }
      last = a->score;
    }
  }
  /* a top candidate that is a lone child of a container with the same
  ** text is the same content: climb while the parent adds little */
  hx_el *t = &sc->el[top];
  while (t->parent > 0) {
    hx_el *p = &sc->el[t->parent];
    if (p->text > t->text + t->text / 10 + 40) break;
    top = t->parent;
    t = p;
  }
  sc->top = t->node;
  t->selected = 1;

  for (long p = top; p >= 0; p = sc->el[p].parent) {
    sc->el[p].top_ancestor = 1;
    sc->el[p].reason = NULL;
  }
  article_boxes(sc, top);
  /* siblings */
  double threshold = bs * 0.2 > 10 ? bs * 0.2 : 10;
  long parent = t->parent;
  if (parent >= 0) {
    for (size_t i = (size_t)parent + 1; i < sc->n; i++) {
      hx_el *s = &sc->el[i];
      if (s->parent != parent || s == t || s->reason) continue;
      if (teaser_series(s)) { /* other stories after the article */
        s->reason = COND_TEASERS;
        continue;
      }
      double ld = s->text ? (double)s->link / (double)s->text : 1;
      /* the same without the boxes inside that go anyway (a step of a
      ** how-to holding a "related stories" box) */
      size_t kt, kl;
      kept_text(sc, i, &kt, &kl);
      double kld = kt ? (double)kl / (double)kt : 1;
      int take = 0;
      if (s->inited && s->score >= threshold) take = 1;
      /* the article continued in a sibling box (text split around ads) */
      else if (s->ptext >= 100 && s->ptext * 2 >= kt && kld < 0.2 && !s->excluded) take = 1;
      else if (s->node->v.element.tag == GUMBO_TAG_P) {
        if (s->text >= 80 && ld < 0.25) take = 1;
        else if (s->text > 0 && s->text < 80 && ld == 0 && s->commas > 0) take = 1;
      }
      if (take) s->selected = 1;
    }
  }
  clean_conditionally(sc);
  return HOSO_OK;
}

void hoso__score_free(hx_score *sc) {
  free(sc->el);
  free(sc->map);
  memset(sc, 0, sizeof(*sc));
}

int hoso__score_selected(const hx_score *sc, const GumboNode *node) {
  long i = find(sc, node);
  return i >= 0 && sc->el[i].selected;
}

const char *hoso__score_reason(const hx_score *sc, const GumboNode *node) {
  long i = find(sc, node);
  if (i < 0) return NULL;
  return sc->el[i].reason;
}

int hoso__score_class_hints(const hx_score *sc, const GumboNode *node) {
  long i = find(sc, node);
  return i < 0 ? 0 : sc->el[i].class_hints;
}

double hoso__score_link_density(const hx_score *sc, const GumboNode *node) {
  long i = find(sc, node);
  if (i < 0 || sc->el[i].text == 0) return 0;
  return (double)sc->el[i].link / (double)sc->el[i].text;
}
