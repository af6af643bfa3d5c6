/* sqlite_group.c -- a search's hits grouped into stories (or kept as
** articles), the ranking options applied (sources, freshness) and the
** first page's worth ranked. Reads the article cache's facts (sq_fact);
** the arrays are the handle's scratch (sq_scratch.grp, slot), nothing is
** allocated per search but a short table of outlets. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "store/sqlite_search_int.h"

static int cmp_story(const void *a, const void *b) {
  const story_hit *x = a, *y = b;
  if (x->score != y->score) return x->score < y->score ? -1 : 1;
  return (x->story < y->story) - (x->story > y->story); /* newer id first */
}

/* The arrays are the handle's scratch (sq_scratch.grp): nothing to free
** per search; a scratch grown past GROUP_KEEP_BYTES by a large hit set is
** given back after it. */
#define GROUP_KEEP_BYTES ((size_t)1 << 20)
void hoso__sq_grouping_free(sq_store *s, grouping *g) {
  sq_scratch *sc = &s->scratch;
  if (sc->grp_n > GROUP_KEEP_BYTES) {
    free(sc->grp);
    sc->grp = NULL;
    sc->grp_n = 0;
  }
  memset(g, 0, sizeof(*g));
}

/* first/order from hs (a counting sort of the hits by group; stable, so
** each group's hits stay in index order). The arrays follow hs in the
** scratch (hoso__sq_group reserved them). */
void hoso__sq_grouping_order(const sq_hits *h, grouping *g) {
  if (!g->multi || g->first) return;
  size_t n = h->n, k = g->n;
  const uint32_t *hs = g->hs;
  uint32_t *first = g->hs + n, *order = first + n + 2;
  memset(first, 0, (k + 2) * sizeof(*first));
  for (size_t i = 0; i < n; i++) first[hs[i] + 1]++;
  for (size_t i = 0; i < k; i++) first[i + 1] += first[i];
  /* fill the groups (first[] is used as the cursor, then shifted back) */
  for (size_t i = 0; i < n; i++) order[first[hs[i]]++] = (uint32_t)i;
  for (size_t i = k; i > 0; i--) first[i] = first[i - 1];
  first[0] = 0;
  g->first = first;
  g->order = order;
}

/* Grow a scratch array of int32 to hold index `need`, new entries = fill. */
static int scratch_i32(int32_t **a, size_t *n, size_t need, int32_t fill) {
  if (need < *n) return HOSO_OK;
  size_t nc = *n ? *n : 1024;
  while (nc <= need) nc *= 2;
  int32_t *x = realloc(*a, nc * sizeof(*x));
  if (!x) return HOSO_ENOMEM;
  for (size_t i = *n; i < nc; i++) x[i] = fill;
  *a = x;
  *n = nc;
  return HOSO_OK;
}

/* Put the best `want` of sh[0..n) (by cmp_story) first, in order: a
** bounded max-heap of the best so far, then one sort of those; the whole
** array is sorted when want is a large part of it. */
static void top_k(story_hit *sh, size_t n, size_t want) {
  if (want >= n / 4 || n < 64) {
    qsort(sh, n, sizeof(*sh), cmp_story);
    return;
  }
  /* heap in sh[0..want): the worst of the best on top */
  for (size_t i = 0; i < n; i++) {
    /* most stories rank below the worst kept: a worse score is
    ** cmp_story's answer without the copy */
    if (i >= want && sh[i].score > sh[0].score) continue;
    story_hit x = sh[i];
    size_t k;
    if (i < want) { /* sift up */
      k = i;
      while (k > 0 && cmp_story(&sh[(k - 1) / 2], &x) < 0) {
        sh[k] = sh[(k - 1) / 2];
        k = (k - 1) / 2;
      }
      sh[k] = x;
      continue;
    }
    if (cmp_story(&x, &sh[0]) >= 0) continue;
    sh[i] = sh[0]; /* the displaced one goes to the back part */
    k = 0;         /* sift x down from the top */
    for (;;) {
      size_t c = 2 * k + 1;
      if (c >= want) break;
      if (c + 1 < want && cmp_story(&sh[c + 1], &sh[c]) > 0) c++;
      if (cmp_story(&sh[c], &x) <= 0) break;
      sh[k] = sh[c];
      k = c;
    }
    sh[k] = x;
  }
  qsort(sh, want, sizeof(*sh), cmp_story);
}

/* The highest story and outlet ids of the article cache (sq_scratch's
** max_story, max_outlet), brought up to date over the ids the cache added
** since (it only adds ids). */
static void maxima_sync(sq_store *s) {
  sq_scratch *sc = &s->scratch;
  size_t need = s->cache.max_id >= 0 ? (size_t)s->cache.max_id + 1 : 0;
  if (need > s->cache.cap) need = s->cache.cap;
  if (need < sc->n_seen) { /* (the cache never shrinks; start again if it did) */
    sc->n_seen = 0;
    sc->max_story = sc->max_outlet = 0;
  }
  for (size_t id = sc->n_seen; id < need; id++) {
    const sq_fact *f = &s->cache.fact[id];
    if (f->story > sc->max_story) sc->max_story = f->story;
    if (f->outlet > sc->max_outlet) sc->max_outlet = f->outlet;
  }
  sc->n_seen = need;
}

/* Group hits into stories (or articles), apply the ranking options, rank
** the first `want`. One pass over the hits through the per-handle slot
** array (no sort of the hits), each hit's story, outlet and day read from
** its article's sq_fact (one cache line, which the match's filter read). Same result as sorting (story, outlet, score)
** pairs: a story's best article is the one with the lowest score, on
** ties the lowest outlet id, then the lowest article id. */
int hoso__sq_group(sq_store *s, const sq_hits *h, unsigned flags, int per_article,
                 size_t want, grouping *g) {
  memset(g, 0, sizeof(*g));
  if (!h->n) return HOSO_OK;
  if (h->n > UINT32_MAX - 1) return HOSO_ENOMEM;
  maxima_sync(s);
  sq_scratch *sc = &s->scratch;
  int64_t max_key = per_article ? s->cache.max_id : sc->max_story;
  int32_t max_outlet = sc->max_outlet < 0 ? 0 : sc->max_outlet;
  if (max_key > INT32_MAX || scratch_i32(&sc->slot, &sc->n_slot, (size_t)max_key, -1))
    return HOSO_ENOMEM;
  /* sh, then omask (each group's outlets), best_outlet, hs (each hit's
  ** group), first and order, gday, mlist and jlist, in the handle's scratch
  ** (story_hit's size is a multiple of 8) */
  size_t n = h->n,
         need = n * (sizeof(story_hit) + sizeof(uint64_t)) + (7 * n + 2) * sizeof(uint32_t);
  if (need > sc->grp_n) {
    unsigned char *x = realloc(sc->grp, need);
    if (!x) return HOSO_ENOMEM;
    sc->grp = x;
    sc->grp_n = need;
  }
  story_hit *sh = (story_hit *)(void *)sc->grp;
  uint64_t *omask = (uint64_t *)(void *)(sh + n);
  int32_t *best_outlet = (int32_t *)(void *)(omask + n);
  uint32_t *hs = (uint32_t *)(best_outlet + n);
  int32_t *gday = (int32_t *)(hs + 3 * n + 2); /* (after first and order) */
  uint32_t *mlist = (uint32_t *)(gday + n), *jlist = mlist + n;
  size_t n_jlist = 0;
  int masks = max_outlet < GROUP_MASK_OUTLETS && !s->group_no_masks;
  int32_t newest = INT32_MIN, oldest = INT32_MAX;
  size_t k = 0, multi = 0;
  for (size_t i = 0; i < h->n; i++) {
    int64_t id = h->ids[i];
    if (id < 0 || (size_t)id >= sc->n_seen) { /* (hits are cached articles) */
      for (size_t j = 0; j < k; j++) sc->slot[sh[j].story] = -1;
      return HOSO_EINTERNAL;
    }
    /* the hit's sq_fact was just read by the match's filter
    ** (sqlite_match.c), so it is likely still in cache */
    const sq_fact *f = &s->cache.fact[id];
    int64_t key = per_article ? id : f->story;
    int32_t outlet = f->outlet, d = f->day;
    double score = h->scores[i];
    if (d > newest) newest = d;
    if (d != INT32_MIN && d < oldest) oldest = d;
    /* (outlet ids are at most max_outlet; a negative one counts as unknown) */
    uint64_t obit = masks ? (uint64_t)1 << (outlet > 0 ? outlet : 0) : 0;
    int32_t at = sc->slot[key];
    if (at < 0) {
      at = (int32_t)k++;
      sc->slot[key] = at;
      sh[at] = (story_hit){key, id, score, 1, 1, d};
      best_outlet[at] = outlet;
      gday[at] = d;
      omask[at] = obit;
    } else {
      story_hit *c = &sh[at];
      if (c->n == 1) mlist[multi++] = (uint32_t)at;
      jlist[n_jlist++] = (uint32_t)i;
      if (score < c->score ||
          (score == c->score &&
           (outlet < best_outlet[at] || (outlet == best_outlet[at] && id < c->best)))) {
        c->score = score;
        c->best = id;
        best_outlet[at] = outlet;
      }
      c->n++;
      if (d > c->day) c->day = d;
      omask[at] |= obit;
    }
    hs[i] = (uint32_t)at;
  }
  for (size_t i = 0; i < k; i++) sc->slot[sh[i].story] = -1; /* scratch back to unused */
  g->sh = sh;
  g->n = k;
  g->hs = hs;
  g->multi = multi > 0;
  g->masks = masks;
  g->gout = best_outlet;
  g->gday = gday;
  g->omask = omask;
  g->mlist = mlist;
  g->n_mlist = multi;
  g->jlist = jlist;
  g->n_jlist = n_jlist;
  if (multi && masks) { /* distinct outlets of the stories of several hits */
    for (size_t i = 0; i < k; i++)
      if (sh[i].n > 1) sh[i].outlets = __builtin_popcountll(omask[i]);
  } else if (multi) { /* over each story's hits */
    hoso__sq_grouping_order(h, g);
    const uint32_t *first = g->first, *order = g->order;
    int32_t *olast = calloc((size_t)max_outlet + 1, sizeof(int32_t));
    if (!olast) return HOSO_ENOMEM;
    for (size_t i = 0; i < k; i++) {
      if (sh[i].n == 1) continue;
      int32_t o = 0; /* an unknown outlet (0) counting once */
      for (uint32_t j = first[i]; j < first[i + 1]; j++) {
        int32_t ou = s->cache.fact[h->ids[order[j]]].outlet;
        if (ou < 0 || ou > max_outlet) ou = 0;
        if (olast[ou] != (int32_t)i + 1) {
          olast[ou] = (int32_t)i + 1;
          o++;
        }
      }
      sh[i].outlets = o;
    }
    free(olast);
  }
  if (flags & (HOSO_Q_SOURCES | HOSO_Q_FRESHNESS)) {
    for (size_t i = 0; i < k; i++) {
      double boost = 1.0;
      if (flags & HOSO_Q_SOURCES) boost *= 1.0 + 0.25 * log2((double)sh[i].outlets);
      if ((flags & HOSO_Q_FRESHNESS) && sh[i].day != INT32_MIN && newest != INT32_MIN)
        boost *= 1.0 + 1.0 / (1.0 + (double)(newest - sh[i].day) / 180.0);
      /* bm25 is negative (lower is better): a boost makes it more negative */
      sh[i].score = sh[i].score == 0.0 ? -boost * 1e-9 : sh[i].score * boost;
    }
  } else { /* a boost of 1 */
    for (size_t i = 0; i < k; i++)
      if (sh[i].score == 0.0) sh[i].score = -1e-9;
  }
  g->ranked = want < k ? want : k;
  g->max_outlet = max_outlet;
  g->newest = newest;
  g->oldest = newest == INT32_MIN ? INT32_MIN : oldest;
  top_k(sh, k, g->ranked);
  return HOSO_OK;
}

