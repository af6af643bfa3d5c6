/* score.h -- main-content selection by content scoring (score.c). */
#ifndef HOSO_EXTRACT_SCORE_H
#define HOSO_EXTRACT_SCORE_H
#include <gumbo.h>

#include "extract.h"

typedef struct hx_el hx_el;

typedef struct hx_score {
  hx_el *el;       /* one per element under body, pre-order */
  size_t n;
  size_t *map;     /* open-addressing node -> index+1 */
  size_t map_cap;
  const GumboNode *top; /* best candidate, or NULL when none */
} hx_score;

/* Score every element under body. Owns memory: hoso__score_free(). */
int hoso__score_build(hx_score *sc, const GumboNode *body) HOSO__WUR;
void hoso__score_free(hx_score *sc);
/* 1 when node is the top candidate or a sibling accepted with it. */
int hoso__score_selected(const hx_score *sc, const GumboNode *node);
/* Why node's subtree is boilerplate ("navigation", "comment box", ...),
** or NULL. Ancestors of the top candidate never have a reason. */
const char *hoso__score_reason(const hx_score *sc, const GumboNode *node);
/* The reasons of boxes inside the main content judged not to be its
** text by what they hold (a gallery, a form, a box of links). */
int hoso__score_reason_is_cond(const char *reason);
/* HX_HINT_* bits (caption, byline, date, lead) from node's class/id. */
int hoso__score_class_hints(const hx_score *sc, const GumboNode *node);
/* 1 when n is a link for link density: an <a> with an href that is not
** "javascript:" (script buttons and <a name> anchors are not links). */
int hoso__score_is_link(const GumboNode *n);
/* 1 when n (an element) has an href within the page itself ("#...": a
** section's permalink, a way back to the contents). */
int hoso__score_in_page_link(const GumboNode *n);
/* Share of node's text inside links (0..1); 0 when node is unknown or
** has no text. */
double hoso__score_link_density(const hx_score *sc, const GumboNode *node);
/* Tags whose content is never text of the page (script, style, ...). */
int hoso__score_skip_tag(GumboTag t);
/* Lower-case "class id" of an element into buf; returns the length. */
size_t hoso__class_id(const GumboNode *n, char *buf, size_t cap);
#endif
