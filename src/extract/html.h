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
** into a (fields already set are kept). Sets *title_raw_out to nothing. */
int hoso__meta_read(const GumboNode *root, hoso_article_rec *a) HOSO__WUR;

/* Markup nested deeper than max_depth: returns 1 and a copy of s (free
** with free()) in *out with the excess tags blanked by spaces (offsets
** kept), 0 when s is within the limit, or a negative status. */
int hoso__depth_guard(const char *s, size_t n, int max_depth, char **out);

/* The site name from a URL's host ("https://www.baonga.com/x" ->
** "baonga.com"): writes into a->site when it is NULL. */
int hoso__site_from_url(hoso_article_rec *a, const char *url) HOSO__WUR;
/* 1 when url is a site's home page ("https://x.vn/", "/index.html"). */
int hoso__is_home_url(const char *url);
#endif
