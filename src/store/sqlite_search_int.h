/*
** sqlite_search_int.h -- what the parts of hoso_search on SQLite share
** (library-internal). sqlite_search.c drives a search: the match
** (sqlite_match.c), the hits grouped into stories and ranked
** (sqlite_group.c), the page's articles and stories (sqlite_page.c), the
** facets (sqlite_facets.c, which calls sqlite_facets_story.c for outlets
** and years, and sqlite_facets_mem.c or sqlite_facets_sql.c for people,
** organisations and event types).
**
** Ownership: a grouping's arrays are the handle's scratch (sq_scratch.grp),
** released by hoso__sq_grouping_free; the other functions write into the
** caller's hoso_json and keep nothing of theirs past the call.
*/
#ifndef HOSO_SQLITE_SEARCH_INT_H
#define HOSO_SQLITE_SEARCH_INT_H

#include "store/sqlite_int.h"

typedef struct story_hit {
  int64_t story;
  int64_t best;   /* best article */
  double score;   /* bm25 of the best article (lower is better), boosted */
  int32_t n;      /* matching articles */
  int32_t outlets; /* distinct outlets among them */
  int32_t day;    /* latest published day among them */
} story_hit;

/* Hits grouped by story: sh[0..n) (the first `ranked` in rank order, the
** rest in no order); hs[i] is hit i's group (its place before ranking).
** With first/order made (grouping_order): for group k its hits
** h->ids[order[first[k]]] .. h->ids[order[first[k+1]-1]] in index (id)
** order; first is NULL when every group has one hit (group k is hit k). */
typedef struct grouping {
  story_hit *sh;
  size_t n, ranked;
  uint32_t *hs;
  int multi;                /* some group has several hits */
  uint32_t *first, *order;  /* NULL until grouping_order (and when !multi) */
  int32_t max_outlet;       /* highest outlet id among the hits */
  int32_t oldest, newest;   /* published days among the hits (INT32_MIN none) */
  /* By group's place before ranking (as hs): the outlet of its best
  ** article and the day of its first hit (for a group of one hit: that
  ** hit's); with masks, omask its outlets (bit 0: none or unknown). mlist:
  ** the groups of several hits; jlist: the hits that joined a group
  ** after its first. (facet_counts_groups) */
  int masks;
  const int32_t *gout, *gday;
  const uint64_t *omask;
  const uint32_t *mlist, *jlist;
  size_t n_mlist, n_jlist;
} grouping;

/* Outlet ids below this are counted per story in a bit mask while
** grouping (an unknown outlet, 0, is bit 0); with more outlets, a story's
** distinct outlets are counted over its hits in order. */
#define GROUP_MASK_OUTLETS 64

/* ---- sqlite_group.c ---- */
/* Group hits into stories (or articles, per_article), apply the ranking
** options of flags, rank the first `want` (g->sh[0 .. g->ranked)). */
int hoso__sq_group(sq_store *s, const sq_hits *h, unsigned flags, int per_article,
                   size_t want, grouping *g);
/* g->first / g->order (the hits by group), when g->multi and not made yet. */
void hoso__sq_grouping_order(const sq_hits *h, grouping *g);
/* Give the grouping's scratch back (when a large hit set grew it). */
void hoso__sq_grouping_free(sq_store *s, grouping *g);

/* ---- sqlite_page.c ---- */
/* Where a string value already written sits in the output: bytes
** out->p[a .. b) (a == b: none). */
typedef struct json_span {
  size_t a, b;
} json_span;
/* Make the handle's snippet tables current (sqlite_page.c). */
int hoso__sq_snips_sync(sq_store *s, hoso_error *err);
/* "article": the result's article, with its snippet for the folded query
** terms when want_snippet. With keep non-NULL and the row found, the
** SQ_ART_BRIEF statement is left on its row (*keep; the caller resets
** it) and *title is where its title was written. */
int hoso__sq_article_brief(sq_store *s, hoso_json *w, int64_t id, const hoso_buf *terms,
                           int want_snippet, sqlite3_stmt **keep, json_span *title,
                           hoso_error *err);
/* The story's fields and its sources; brief: NULL or article_brief's
** kept row (a story of one article is written from it). */
int hoso__sq_story_body(sq_store *s, hoso_json *w, int64_t story, sqlite3_stmt *brief,
                        json_span title, hoso_error *err);

/* ---- the facets ---- */
#define FACET_TOP SQ_FACET_TOP
/* "facets": {...} of the hits, from the facet cache or counted
** (sqlite_facets.c); g NULL: stories counted per article. */
int hoso__sq_facets(sq_store *s, hoso_json *w, grouping *g, const sq_hits *h,
                    hoso_error *err);
/* "outlets" and "years" (sqlite_facets_story.c). */
int hoso__sq_facets_story(sq_store *s, hoso_json *w, grouping *g, const sq_hits *h,
                          hoso_error *err);
/* "people", "orgs" and "event_types" from the in-memory mention index
** and event sources (s->ment current and holding the archive's;
** sqlite_facets_mem.c). */
int hoso__sq_facets_mem(sq_store *s, hoso_json *w, const sq_hits *h, hoso_error *err);
/* The same through the tables (sqlite_facets_sql.c): a one-off search. */
int hoso__sq_facets_sql(sq_store *s, hoso_json *w, const sq_hits *h, hoso_error *err);

#endif
