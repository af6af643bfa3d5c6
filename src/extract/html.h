/* html.h -- shared by the HTML modules (html.c walk, meta.c metadata,
** depth.c nesting guard). */
#ifndef HOSO_EXTRACT_HTML_H
#define HOSO_EXTRACT_HTML_H
#include <gumbo.h>

#include "extract.h"

/* Append the text of node and its descendants to out (script/style
** skipped), iteratively; at most max bytes (0 = no limit). */
int hoso__node_text(const GumboNode *node, hoso_buf *out, size_t max) HOSO__WUR;

/* Value of attribute name on an element node, or NULL. */
const char *hoso__attr(const GumboNode *node, const char *name);

/* Read <title>, <meta>, <link rel=canonical>, JSON-LD and <html lang>
** into a (fields already set are kept). *title_src gets where the title
** came from: 0 none, 1 JSON-LD, 2 OpenGraph/twitter, 3 <title>.
** *site_name gets the page's own name for its site (og:site_name or
** application-name; points into the tree) or NULL. The JSON-LD
** article's "articleBody", if any, is appended to article_body (may be
** NULL; the caller owns it). The page's own URLs from its markup (its
** canonical link, og:url) are added to sites (pointers into the tree).
** A JSON-LD author that links to a site account ("/author/admin/") is
** no author: its name is copied to account (account_cap bytes, caller's
** buffer, left as it is when none or too long) for clean.c. */
typedef struct hx_sites hx_sites;
int hoso__meta_read(const GumboNode *root, hoso_article_rec *a,
                    int *title_src, const char **site_name,
                    hoso_buf *article_body, hx_sites *sites,
                    char *account, size_t account_cap) HOSO__WUR;
/* Set a->title from t with a trailing/leading " | Site" part removed: a
** part naming the site's host, site_name (may be NULL) or the article's
** category. pipe_rule (for a <title>): also cut, once, at the last
** " | " (or " – " before two or more words) when the part after it is
** shorter. */
int hoso__title_strip_site(hoso_article_rec *a, const char *t, int pipe_rule,
                           const char *site_name) HOSO__WUR;

/* A prepared copy of the markup (depth.c): tags nested deeper than the
** limit blanked, script/style bodies removed; map turns offsets in p back
** into offsets in the input. */
typedef struct hx_prep {
  char *p; /* NULL when the input is used as it is */
  size_t n;
  size_t *out_pos, *shift; /* removed ranges: from out_pos[k] on, add shift[k] */
  size_t n_map, cap_map;
} hx_prep;

/* Returns 1 with out->p set, 0 when the input can be used as it is, or a
** negative status. Free with hoso__prep_free() either way. */
int hoso__html_prepare(const char *s, size_t n, int max_depth, hx_prep *out);
size_t hoso__prep_offset(const hx_prep *m, size_t pos);
void hoso__prep_free(hx_prep *m);

/* links.c: the hosts naming the page's own site (see links.c). */
#define HX_SITES_MAX 4
struct hx_sites {
  const char *h[HX_SITES_MAX]; /* not NUL-terminated: n[k] bytes */
  size_t n[HX_SITES_MAX];
  int count;
  int home; /* one of the URLs is the site's home page (hoso__is_home_url) */
};
/* The host of an absolute URL ("https://www.x.org:8080/a" -> "x.org",
** "//cdn.x.org/b" -> "cdn.x.org"): *host points into url, the length is
** returned; 0 for a relative or in-page URL. */
size_t hoso__url_host(const char *url, const char **host);
/* Add url's host to the page's hosts (no-op without one, or when full);
** note when url is the site's home page. */
void hoso__sites_add(hx_sites *s, const char *url);
/* 1 when href goes to another site than the page's (see links.c). */
int hoso__link_other_site(const hx_sites *s, const char *href);
/* 1 when a link's rel attribute (may be NULL) says the site does not
** vouch for it: "sponsored", "nofollow" or "ugc" (paid, affiliate or
** readers' links), any case. */
int hoso__link_unvouched(const char *rel);

/* The site name from a URL's host ("https://www.baonga.com/x" ->
** "baonga.com"): writes into a->site when it is NULL. */
int hoso__site_from_url(hoso_article_rec *a, const char *url) HOSO__WUR;
/* 1 when s[0..n) names the site itself (its host or site name). */
int hoso__is_site_name(const hoso_article_rec *a, const char *s, size_t n);
/* 1 when url is a site's home page ("https://x.vn/", "/index.html"). */
int hoso__is_home_url(const char *url);
/* A bounded pre-order walk below an element, without recursion:
** hoso__hwalk_next gives each child of the elements entered, in document
** order (NULL at the end); hoso__hwalk_enter(w, c) walks into element c
** next, unless depth elements (at most HOSO_HWALK_MAX) are open already. */
#define HOSO_HWALK_MAX 64
typedef struct hoso_hwalk {
  const GumboNode *stack[HOSO_HWALK_MAX];
  unsigned idx[HOSO_HWALK_MAX];
  int sp, depth;
} hoso_hwalk;

static inline void hoso__hwalk_init(hoso_hwalk *w, const GumboNode *root, int depth) {
  w->stack[0] = root;
  w->idx[0] = 0;
  w->sp = 0;
  w->depth = depth < HOSO_HWALK_MAX ? depth : HOSO_HWALK_MAX;
}

static inline const GumboNode *hoso__hwalk_next(hoso_hwalk *w) {
  while (w->sp >= 0) {
    const GumboNode *p = w->stack[w->sp];
    if (w->idx[w->sp] < p->v.element.children.length)
      return p->v.element.children.data[w->idx[w->sp]++];
    w->sp--;
  }
  return NULL;
}

static inline void hoso__hwalk_enter(hoso_hwalk *w, const GumboNode *c) {
  if (w->sp + 1 < w->depth) {
    w->stack[++w->sp] = c;
    w->idx[w->sp] = 0;
  }
}

#endif
