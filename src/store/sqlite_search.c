/* sqlite_search.c -- hoso_search on SQLite: matching articles grouped
** into stories, ranked, paged, with snippets and facets; and the story
** and article views. JSON formats: README.md, "The archive". */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "search/snippet.h"
#include "store/sqlite_int.h"

typedef struct story_hit {
  int64_t story;
  int64_t best;   /* best article */
  double score;   /* bm25 of the best article (lower is better), boosted */
  int32_t n;      /* matching articles */
  int32_t outlets; /* distinct outlets among them */
  int32_t day;    /* latest published day among them */
} story_hit;

typedef struct pair {
  int64_t story, id;
  int32_t outlet;
  double score;
} pair;

static int cmp_story(const void *a, const void *b) {
  const story_hit *x = a, *y = b;
  if (x->score != y->score) return x->score < y->score ? -1 : 1;
  return (x->story < y->story) - (x->story > y->story); /* newer id first */
}

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

/* The arrays are the handle's scratch (sq_scratch.grp): nothing to free
** per search; a scratch grown past GROUP_KEEP_BYTES by a large hit set is
** given back after it. */
#define GROUP_KEEP_BYTES ((size_t)1 << 20)
static void grouping_free(sq_store *s, grouping *g) {
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
** scratch (group() reserved them). */
static void grouping_order(const sq_hits *h, grouping *g) {
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

/* Outlet ids below this are counted per story in a bit mask while
** grouping (an unknown outlet, 0, is bit 0); with more outlets, a story's
** distinct outlets are counted over its hits in order. */
#define GROUP_MASK_OUTLETS 64

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
static int group(sq_store *s, const sq_hits *h, unsigned flags, int per_article,
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
    grouping_order(h, g);
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

/* ---- rendering ------------------------------------------------------- */

/* The handle's snippet tables (made on first use), emptied when the
** archive changed since the last search. Without memory for the cache,
** snippets are made without it. */
static int snips_sync(sq_store *s, hoso_error *err) {
  if (!s->snips && hoso__snipcache_new((size_t)HOSO_SNIPCACHE_MB << 20, &s->snips))
    return HOSO_OK;
  int64_t v, c;
  int r = hoso__sq_db_state(s, &v, &c, err);
  if (r) return r;
  hoso__snipcache_sync(s->snips, v, c);
  return HOSO_OK;
}

/* Where a string value already written sits in the output: bytes
** out->p[a .. b) (a == b: none). */
typedef struct json_span {
  size_t a, b;
} json_span;

/* Column i of st as a value -- or, when it is text equal to `same`'s
** bytes (the column `same_col` of the statement `same`, already written
** at span sp), a copy of those escaped bytes: a story's title and its
** only source's title are mostly the result article's, escaped once. */
static void json_col_reuse(hoso_json *w, sqlite3_stmt *st, int i, sqlite3_stmt *same,
                           int same_col, json_span sp) {
  hoso_buf *o = w->out;
  if (same && sp.b > sp.a && !w->rc && sqlite3_column_type(st, i) == SQLITE_TEXT) {
    const void *x = sqlite3_column_text(st, i), *y = sqlite3_column_text(same, same_col);
    size_t xn = (size_t)sqlite3_column_bytes(st, i);
    if (x && y && xn == (size_t)sqlite3_column_bytes(same, same_col) && !memcmp(x, y, xn) &&
        hoso__buf_reserve(o, sp.b - sp.a) == HOSO_OK) {
      hoso__json_raw(w, o->p + sp.a, sp.b - sp.a); /* (reserved: p stays put) */
      return;
    }
  }
  hoso__sq_json_col(w, st, i);
}

/* The result's article and its snippet. With keep non-NULL and the row
** found, the statement is left on its row for the caller (who resets it)
** and *keep set to it; else *keep is NULL. */
static int article_brief(sq_store *s, hoso_json *w, int64_t id,
                         const hoso_buf *terms, int want_snippet,
                         sqlite3_stmt **keep, json_span *title, hoso_error *err) {
  if (keep) *keep = NULL;
  *title = (json_span){0, 0};
  sqlite3_stmt *st = hoso__sq_stmt(s, SQ_ART_BRIEF, err);
  if (!st) return HOSO_EDB;
  sqlite3_bind_int64(st, 1, id);
  int rc = sqlite3_step(st);
  int r = HOSO_OK;
  if (rc == SQLITE_ROW) {
    hoso__json_key(w, "article");
    hoso__json_obj_begin(w);
    static const char *const keys[] = {"id", "title", "outlet", "url",
                                       "published", "lang", "credit"};
    for (int i = 0; i < 7; i++) {
      hoso__json_key(w, keys[i]);
      size_t at = w->out->n;
      hoso__sq_json_col(w, st, i);
      if (i == 1 && !w->rc && sqlite3_column_type(st, 1) == SQLITE_TEXT)
        *title = (json_span){at, w->out->n};
    }
    hoso__json_obj_end(w);
    if (want_snippet) {
      const char *text = (const char *)sqlite3_column_text(st, 7);
      size_t tn = (size_t)sqlite3_column_bytes(st, 7);
      hoso_snippet sn;
      const hoso_snip_text *tab = NULL;
      if (!text) tn = 0;
      const char *tx = text ? text : "", *tm = terms && terms->p ? terms->p : "";
      size_t tmn = terms ? terms->n : 0, ra = 0, rb = 0;
      int in_region = 0;
      r = s->snips ? hoso__snipcache_get(s->snips, s->words, id, tx, tn, &tab) : HOSO_OK;
      /* a long text: its region's words kept too (snipcache.h) */
      if (!r && s->snips)
        r = hoso__snippet_region(s->words, tab, tn, tm, tmn, &in_region, &ra, &rb);
      if (!r && in_region) {
        const hoso_snip_text *rt;
        r = hoso__snipcache_region(s->snips, s->words, id, tx, ra, rb, &rt);
        if (!r) r = hoso__snippet_in_region(s->words, rt, tx, ra, rb, tm, tmn, &sn);
      } else if (!r) {
        r = hoso__snippet_with(s->words, tab, tx, tn, tm, tmn, &sn);
      }
      if (r) {
        sqlite3_reset(st);
        return hoso__err(err, r, "out of memory");
      }
      hoso__snippet_json(w, text, &sn);
      hoso__snippet_free(&sn);
    }
  } else if (rc != SQLITE_DONE) {
    r = hoso__sq_err(s, err, rc, "cannot read article");
  }
  if (keep && rc == SQLITE_ROW && !r) {
    *keep = st;
    return HOSO_OK;
  }
  sqlite3_reset(st);
  return r;
}

/* The story's fields and its sources (every article). brief: NULL, or
** the SQ_ART_BRIEF statement on the row of one of the story's articles:
** a story of one article has that one as its only source, written from
** the row (same columns as SQ_STORY_SOURCES) without another query. */
static int story_body(sq_store *s, hoso_json *w, int64_t story, sqlite3_stmt *brief,
                      json_span title, hoso_error *err) {
  sqlite3_stmt *st = hoso__sq_stmt(s, SQ_STORY_HEAD, err);
  if (!st) return HOSO_EDB;
  sqlite3_bind_int64(st, 1, story);
  int rc = sqlite3_step(st);
  int single = 0;
  if (rc == SQLITE_ROW) {
    static const char *const keys[] = {"title", "earliest", "credit",
                                       "n_articles", "n_outlets", "origin_article"};
    for (int i = 0; i < 6; i++) {
      hoso__json_key(w, keys[i]);
      if (i == 0)
        json_col_reuse(w, st, 0, brief, 1, title);
      else
        hoso__sq_json_col(w, st, i);
    }
    single = sqlite3_column_type(st, 3) == SQLITE_INTEGER && sqlite3_column_int64(st, 3) == 1;
  }
  sqlite3_reset(st);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return hoso__sq_err(s, err, rc, "cannot read story");
  if (single && brief) {
    /* SQ_ART_BRIEF's columns: id, title, outlet, url, published, lang, credit */
    static const char *const keys[] = {"article", "outlet", "url",
                                       "published", "title", "credit"};
    static const int cols[] = {0, 2, 3, 4, 1, 6};
    hoso__json_key(w, "sources");
    hoso__json_arr_begin(w);
    hoso__json_obj_begin(w);
    for (int i = 0; i < 6; i++) {
      hoso__json_key(w, keys[i]);
      if (cols[i] == 1)
        json_col_reuse(w, brief, 1, brief, 1, title);
      else
        hoso__sq_json_col(w, brief, cols[i]);
    }
    hoso__json_obj_end(w);
    hoso__json_arr_end(w);
    return HOSO_OK;
  }
  st = hoso__sq_stmt(s, SQ_STORY_SOURCES, err);
  if (!st) return HOSO_EDB;
  sqlite3_bind_int64(st, 1, story);
  hoso__json_key(w, "sources");
  hoso__json_arr_begin(w);
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    static const char *const keys[] = {"article", "outlet", "url",
                                       "published", "title", "credit"};
    hoso__json_obj_begin(w);
    for (int i = 0; i < 6; i++) {
      hoso__json_key(w, keys[i]);
      hoso__sq_json_col(w, st, i);
    }
    hoso__json_obj_end(w);
  }
  hoso__json_arr_end(w);
  sqlite3_reset(st);
  if (rc != SQLITE_DONE) return hoso__sq_err(s, err, rc, "cannot read story");
  return HOSO_OK;
}

/* ---- facets ------------------------------------------------------------ */

typedef struct kv {
  int64_t key;
  int64_t count;
} kv;

static int cmp_kv_count(const void *a, const void *b) {
  const kv *x = a, *y = b;
  if (x->count != y->count) return x->count > y->count ? -1 : 1;
  return (x->key > y->key) - (x->key < y->key);
}

static int cmp_i64(const void *a, const void *b) {
  int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
  return (x > y) - (x < y);
}

/* (key, story) pairs by key, then story */
static int cmp_pair_i64(const void *a, const void *b) {
  const int64_t *x = a, *y = b;
  if (x[0] != y[0]) return (x[0] > y[0]) - (x[0] < y[0]);
  return (x[1] > y[1]) - (x[1] < y[1]);
}

static int64_t year_of(int32_t d) { /* civil year from day number */
  int64_t z = d + 719468, era = (z >= 0 ? z : z - 146096) / 146097;
  int64_t doe = z - era * 146097;
  int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  int64_t mp = (5 * doy + 2) / 153;
  int64_t mo = mp < 10 ? mp + 3 : mp - 9;
  return yoe + era * 400 + (mo <= 2);
}

/* The day number of 1 January of year y (year_of's inverse). */
static int64_t jan1_of(int64_t y) {
  y -= 1; /* January counts with the year before (March-based years) */
  int64_t era = (y >= 0 ? y : y - 399) / 400, yoe = y - era * 400;
  int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + 306; /* 306: 1 March .. 1 January */
  return era * 146097 + doe - 719468;
}

/* The facet key of an article: 0 outlet id (0 = none), 1 year. */
static int facet_key(const sq_store *s, int64_t id, int which, int64_t *key) {
  if (which == 0) {
    *key = s->cache.fact[id].outlet;
    return *key != 0;
  }
  int32_t d = s->cache.fact[id].day;
  if (d == INT32_MIN) return 0;
  *key = year_of(d);
  return 1;
}

/* The counts of a dense key range lo .. lo+span-1 as kv pairs, most
** first, then by key (into *out, malloc'd). */
static int dense_kv(const int64_t *cnt, size_t span, int64_t lo, kv **out, size_t *out_n) {
  size_t nk = 0;
  for (size_t x = 0; x < span; x++) nk += cnt[x] != 0;
  kv *res = malloc((nk + 1) * sizeof(*res));
  if (!res) return HOSO_ENOMEM;
  size_t m = 0;
  for (size_t x = 0; x < span; x++)
    if (cnt[x]) res[m++] = (kv){lo + (int64_t)x, cnt[x]};
  qsort(res, m, sizeof(*res), cmp_kv_count);
  *out = res;
  *out_n = m;
  return HOSO_OK;
}

/* The year facet's day-to-year table covers ranges of up to this many
** years (facet_counts_both). */
#define FACET_YEARS_MAX 64

/* Year by day without year_of per hit: the first day of each year of
** ylo .. yhi into jan1 (checked against year_of), and their number; 0
** when the range is empty, over FACET_YEARS_MAX or a check fails (then
** year_of per day). */
static size_t year_table(int64_t ylo, int64_t yhi, int64_t jan1[FACET_YEARS_MAX]) {
  size_t ny = yhi >= ylo && yhi - ylo < FACET_YEARS_MAX ? (size_t)(yhi - ylo + 1) : 0;
  for (size_t y = 0; y < ny; y++) {
    jan1[y] = jan1_of(ylo + (int64_t)y);
    if (jan1[y] < INT32_MIN + 1 || jan1[y] > INT32_MAX || year_of((int32_t)jan1[y]) != ylo + (int64_t)y ||
        year_of((int32_t)jan1[y] - 1) != ylo + (int64_t)y - 1)
      return 0;
  }
  return ny;
}

/* The year of day d (within the table's years) as an index from its first
** year: the last year whose first day is not after d, from below (a year
** has at most 366 days), a step or two. */
static inline size_t year_at(const int64_t *jan1, size_t ny, int32_t d) {
  size_t y = d >= jan1[0] ? (size_t)((d - jan1[0]) / 366) : 0;
  if (y >= ny) y = ny - 1;
  while (y + 1 < ny && jan1[y + 1] <= d) y++;
  return y;
}

/* Both story facets from what group() kept per group, without the hits
** in story order (grouping_order): a group of one hit counts its best
** article's outlet and its first hit's day (the same article); a group of
** several counts the outlets of its mask and the years of its hits (its
** first hit's and those that joined it, as a mask over the year table).
** Same counts as facet_counts_both; *done stays 0 (nothing made) without
** outlet masks or when the hits' years do not fit the year table. */
static int facet_counts_groups(const sq_store *s, const grouping *g, const sq_hits *h,
                               kv *v[2], size_t n[2], int *done) {
  *done = 0;
  v[0] = v[1] = NULL;
  n[0] = n[1] = 0;
  if (!g->masks || g->max_outlet < 0 || g->max_outlet >= GROUP_MASK_OUTLETS) return HOSO_OK;
  int64_t ylo = 0, yhi = -1, jan1[FACET_YEARS_MAX];
  if (g->oldest != INT32_MIN) {
    ylo = year_of(g->oldest);
    yhi = year_of(g->newest);
  }
  size_t ny = year_table(ylo, yhi, jan1);
  if (g->oldest != INT32_MIN && !ny) return HOSO_OK;
  int64_t co[GROUP_MASK_OUTLETS] = {0}, cy[FACET_YEARS_MAX] = {0};
  int32_t max_outlet = g->max_outlet;
  /* every group as if of one hit ... */
  for (size_t k = 0; k < g->n; k++) {
    int32_t o = g->gout[k], d = g->gday[k];
    if (o > 0 && o <= max_outlet) co[o]++;
    if (d != INT32_MIN) cy[year_at(jan1, ny, d)]++;
  }
  /* ... then the groups of several hits: that count taken back, theirs
  ** added (ymask by group place, set for those groups only) */
  if (g->n_mlist) {
    uint64_t *ymask = malloc(g->n * sizeof(uint64_t));
    if (!ymask) return HOSO_ENOMEM;
    for (size_t i = 0; i < g->n_mlist; i++) {
      uint32_t k = g->mlist[i];
      int32_t o = g->gout[k], d = g->gday[k];
      if (o > 0 && o <= max_outlet) co[o]--;
      ymask[k] = 0;
      if (d != INT32_MIN) {
        size_t y = year_at(jan1, ny, d);
        cy[y]--;
        ymask[k] = (uint64_t)1 << y;
      }
    }
    for (size_t i = 0; i < g->n_jlist; i++) {
      uint32_t j = g->jlist[i];
      int32_t d = s->cache.fact[h->ids[j]].day;
      if (d != INT32_MIN) ymask[g->hs[j]] |= (uint64_t)1 << year_at(jan1, ny, d);
    }
    for (size_t i = 0; i < g->n_mlist; i++) {
      uint32_t k = g->mlist[i];
      for (uint64_t x = g->omask[k] & ~(uint64_t)1; x; x &= x - 1) co[__builtin_ctzll(x)]++;
      for (uint64_t x = ymask[k]; x; x &= x - 1) cy[__builtin_ctzll(x)]++;
    }
    free(ymask);
  }
  int r = dense_kv(co, (size_t)max_outlet + 1, 0, &v[0], &n[0]);
  if (!r) r = dense_kv(cy, ny, ylo, &v[1], &n[1]);
  if (r) {
    free(v[0]);
    v[0] = NULL;
    return r;
  }
  *done = 1;
  return HOSO_OK;
}

/* Both story facets at once (outlets v[0], years v[1]) in one pass over
** the hits grouped by story, keys counted once per story in dense arrays
** over the ranges group() saw; same counts as facet_counts. *done stays
** 0 (nothing made) when a range is too wide for dense counting. */
static int facet_counts_both(const sq_store *s, const grouping *g, const sq_hits *h,
                             kv *v[2], size_t n[2], int *done) {
  *done = 0;
  v[0] = v[1] = NULL;
  n[0] = n[1] = 0;
  int64_t ylo = 0, yhi = -1;
  if (g->oldest != INT32_MIN) {
    ylo = year_of(g->oldest);
    yhi = year_of(g->newest);
  }
  if (g->max_outlet < 0 || g->max_outlet > 1000000 || yhi - ylo > 1000000) return HOSO_OK;
  size_t so = (size_t)g->max_outlet + 1, sy = (size_t)(yhi - ylo + 1);
  int64_t *cnt = calloc(so + sy, sizeof(int64_t));
  uint32_t *last = calloc(so + sy, sizeof(uint32_t));
  if (!cnt || !last) {
    free(cnt);
    free(last);
    return HOSO_ENOMEM;
  }
  int64_t *cy = cnt + so;
  uint32_t *ly = last + so;
  int64_t jan1[FACET_YEARS_MAX];
  size_t ny = year_table(ylo, yhi, jan1);
  for (size_t k = 0; k < g->n; k++)
    for (uint32_t j = g->first ? g->first[k] : (uint32_t)k,
                  je = g->first ? g->first[k + 1] : (uint32_t)k + 1;
         j < je; j++) {
      int64_t id = h->ids[g->order ? g->order[j] : j];
      int32_t o = s->cache.fact[id].outlet, d = s->cache.fact[id].day;
      if (o > 0 && o <= g->max_outlet && last[o] != (uint32_t)k + 1) {
        last[o] = (uint32_t)k + 1; /* 0: none (ids are rowids, > 0) */
        cnt[o]++;
      }
      if (d != INT32_MIN) {
        int64_t yr = ny ? ylo + (int64_t)year_at(jan1, ny, d) : year_of(d);
        size_t x = (size_t)(yr - ylo);
        if (ly[x] != (uint32_t)k + 1) {
          ly[x] = (uint32_t)k + 1;
          cy[x]++;
        }
      }
    }
  int r = dense_kv(cnt, so, 0, &v[0], &n[0]);
  if (!r) r = dense_kv(cy, sy, ylo, &v[1], &n[1]);
  free(cnt);
  free(last);
  if (r) {
    free(v[0]);
    v[0] = NULL;
    return r;
  }
  *done = 1;
  return HOSO_OK;
}

/* Stories per key (which: 0 outlet, 1 year), most first, then by key.
** With the hits grouped by story (g, story mode): one pass, a key counted
** once per story. Per article (g NULL): sorted (key, story) pairs. */
static int facet_counts(sq_store *s, const grouping *g, const sq_hits *h,
                        int which, kv **out, size_t *out_n) {
  *out = NULL;
  *out_n = 0;
  if (g) {
    int64_t lo = INT64_MAX, hi = INT64_MIN, key;
    for (size_t i = 0; i < h->n; i++)
      if (facet_key(s, h->ids[i], which, &key)) {
        if (key < lo) lo = key;
        if (key > hi) hi = key;
      }
    if (lo > hi) {
      *out = malloc(sizeof(kv));
      return *out ? HOSO_OK : HOSO_ENOMEM;
    }
    if ((uint64_t)(hi - lo) > 1000000u) g = NULL; /* keys far apart: sort (bounded memory) */
    else {
      size_t span = (size_t)(hi - lo) + 1;
      int64_t *cnt = calloc(span, sizeof(int64_t));
      uint32_t *last = calloc(span, sizeof(uint32_t));
      if (!cnt || !last) {
        free(cnt);
        free(last);
        return HOSO_ENOMEM;
      }
      size_t nk = 0;
      for (size_t k = 0; k < g->n; k++)
        for (uint32_t j = g->first ? g->first[k] : (uint32_t)k,
                      je = g->first ? g->first[k + 1] : (uint32_t)k + 1;
             j < je; j++) {
          if (!facet_key(s, h->ids[g->order ? g->order[j] : j], which, &key)) continue;
          size_t x = (size_t)(key - lo);
          if (last[x] == (uint32_t)k + 1) continue;
          last[x] = (uint32_t)k + 1;
          if (!cnt[x]++) nk++;
        }
      kv *res = malloc((nk + 1) * sizeof(*res));
      if (!res) {
        free(cnt);
        free(last);
        return HOSO_ENOMEM;
      }
      size_t m = 0;
      for (size_t x = 0; x < span; x++)
        if (cnt[x]) res[m++] = (kv){lo + (int64_t)x, cnt[x]};
      free(cnt);
      free(last);
      qsort(res, m, sizeof(*res), cmp_kv_count);
      *out = res;
      *out_n = m;
      return HOSO_OK;
    }
  }
  int64_t *pk = malloc((h->n + 1) * 2 * sizeof(int64_t));
  if (!pk) return HOSO_ENOMEM;
  size_t m = 0;
  for (size_t i = 0; i < h->n; i++) {
    int64_t id = h->ids[i], key;
    if (!facet_key(s, id, which, &key)) continue;
    pk[2 * m] = key;
    pk[2 * m + 1] = s->cache.fact[id].story;
    m++;
  }
  /* sort (key, story) pairs */
  qsort(pk, m, 2 * sizeof(int64_t), cmp_pair_i64);
  kv *res = malloc((m + 1) * sizeof(*res));
  if (!res) {
    free(pk);
    return HOSO_ENOMEM;
  }
  size_t k = 0;
  for (size_t i = 0; i < m; i++) {
    if (k && res[k - 1].key == pk[2 * i]) {
      if (pk[2 * i + 1] != pk[2 * i - 1]) res[k - 1].count++;
      continue;
    }
    res[k].key = pk[2 * i];
    res[k].count = 1;
    k++;
  }
  free(pk);
  qsort(res, k, sizeof(*res), cmp_kv_count);
  *out = res;
  *out_n = k;
  return HOSO_OK;
}

static int facet_sql(sq_store *s, hoso_json *w, const char *name,
                     const char *sql, hoso_error *err) {
  sqlite3_stmt *st;
  int rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL);
  if (rc != SQLITE_OK) return hoso__sq_err(s, err, rc, "cannot count facets");
  hoso__json_key(w, name);
  hoso__json_arr_begin(w);
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    hoso__json_obj_begin(w);
    hoso__json_key(w, "value");
    hoso__sq_json_col(w, st, 0);
    hoso__json_key(w, "count");
    hoso__sq_json_col(w, st, 1);
    hoso__json_obj_end(w);
  }
  hoso__json_arr_end(w);
  sqlite3_finalize(st);
  if (rc != SQLITE_DONE) return hoso__sq_err(s, err, rc, "cannot count facets");
  return HOSO_OK;
}

#define FACET_TOP SQ_FACET_TOP
/* entity facets: counted first over the entities in at least
** (hits / FACET_TIER_HITS) articles (entity_facets_mem) */
#define FACET_TIER_HITS 128
/* entity facets by entity (entity_facets_inv): at most this many postings
** read per hit, else counted per hit (3: the best mean and p99 of the
** 200 dev queries of bench_search, against 1 and 8) */
#define FACET_INV_POSTINGS 3
/* entity_facets_mem: the first tier is counted densely when it has at
** most this many entities per hit */
#define FACET_DENSE_PER_HIT 8

/* People and organisations among the hits: for each entity of kind 1
** (person) or 2 (organisation), the number of matching articles that
** mention it; the top FACET_TOP of each kind by count, then name. One pass
** over the mentions of the hits, counted in a dense array indexed by entity
** id (no temporary table, no SQL grouping); kinds and names are read only
** for the entities that can reach a top list. Same output as
** "SELECT e.name, count(DISTINCT m.article_id) ... GROUP BY e.id
**  ORDER BY count DESC, e.name LIMIT 10" per kind. */
typedef struct ent_count {
  int64_t id;
  int64_t count;
  char *name; /* owned; NULL until read */
  size_t name_n;
} ent_count;

static int cmp_ent_count(const void *a, const void *b) {
  const ent_count *x = a, *y = b;
  if (x->count != y->count) return x->count > y->count ? -1 : 1;
  return (x->id > y->id) - (x->id < y->id);
}

static int cmp_ent_name(const void *a, const void *b) {
  const ent_count *x = a, *y = b;
  if (x->count != y->count) return x->count > y->count ? -1 : 1;
  int c = strcmp(x->name, y->name);
  if (c) return c;
  return (x->id > y->id) - (x->id < y->id);
}

/* The people or orgs facet (kind 1 or 2): the candidates sorted by count
** then name, the first FACET_TOP written. */
static void write_entity_top(hoso_json *w, int kind, ent_count *cand, size_t n) {
  qsort(cand, n, sizeof(*cand), cmp_ent_name);
  hoso__json_key(w, kind == 1 ? "people" : "orgs");
  hoso__json_arr_begin(w);
  for (size_t i = 0; i < n && i < FACET_TOP; i++) {
    hoso__json_obj_begin(w);
    hoso__json_key(w, "value");
    hoso__json_strn(w, cand[i].name, cand[i].name_n);
    hoso__json_key(w, "count");
    hoso__json_int(w, cand[i].count);
    hoso__json_obj_end(w);
  }
  hoso__json_arr_end(w);
}

static void free_cands(ent_count *cand, size_t n) {
  for (size_t i = 0; i < n; i++) free(cand[i].name);
  free(cand);
}

static int entity_facets(sq_store *s, hoso_json *w, const sq_hits *h, int ok,
                         hoso_error *err) {
  sqlite3_stmt *st = NULL;
  int64_t max_id = 0;
  int rc = sqlite3_prepare_v2(s->db, "SELECT max(id) FROM entity", -1, &st, NULL);
  if (rc != SQLITE_OK) return hoso__sq_err(s, err, rc, "cannot count facets");
  if (sqlite3_step(st) == SQLITE_ROW) max_id = sqlite3_column_int64(st, 0);
  sqlite3_finalize(st);
  if (max_id < 0) max_id = 0;
  /* per entity: matching articles, and the last article counted */
  int64_t *cnt = calloc((size_t)max_id + 1, sizeof(int64_t));
  int64_t *last = calloc((size_t)max_id + 1, sizeof(int64_t));
  int64_t *ids = malloc((h->n + 1) * sizeof(int64_t));
  ent_count *ec = NULL;
  size_t n_ec = 0;
  int r = HOSO_OK;
  if (!cnt || !last || !ids) {
    r = hoso__err(err, HOSO_ENOMEM, "out of memory");
    goto done;
  }
  if (h->n) memcpy(ids, h->ids, h->n * sizeof(int64_t));
  qsort(ids, h->n, sizeof(int64_t), cmp_i64); /* index order: locality */
  if (ok) { /* the in-memory mention index */
    const sq_ment *m = &s->ment;
    for (size_t i = 0; i < h->n; i++) {
      if ((i && ids[i] == ids[i - 1]) || ids[i] < 0 || (size_t)ids[i] >= m->n_art)
        continue;
      for (uint32_t j = m->off[ids[i]]; j < m->off[ids[i] + 1]; j++) {
        int64_t e = m->rent[m->ent[j]];
        if (e < 1 || e > max_id || last[e] == ids[i]) continue;
        last[e] = ids[i];
        if (!cnt[e]++) n_ec++;
      }
    }
    goto counted;
  }
  rc = sqlite3_prepare_v2(s->db, "SELECT entity_id FROM mention WHERE article_id=?1",
                          -1, &st, NULL);
  if (rc != SQLITE_OK) {
    r = hoso__sq_err(s, err, rc, "cannot count facets");
    goto done;
  }
  for (size_t i = 0; i < h->n; i++) {
    if (i && ids[i] == ids[i - 1]) continue;
    sqlite3_bind_int64(st, 1, ids[i]);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
      int64_t e = sqlite3_column_int64(st, 0);
      if (e < 1 || e > max_id || last[e] == ids[i]) continue;
      last[e] = ids[i];
      if (!cnt[e]++) n_ec++;
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
      sqlite3_finalize(st);
      r = hoso__sq_err(s, err, rc, "cannot count facets");
      goto done;
    }
  }
  sqlite3_finalize(st);
  st = NULL;
counted:
  ec = malloc((n_ec + 1) * sizeof(*ec));
  if (!ec) {
    r = hoso__err(err, HOSO_ENOMEM, "out of memory");
    goto done;
  }
  n_ec = 0;
  for (int64_t e = 1; e <= max_id; e++)
    if (cnt[e]) ec[n_ec++] = (ent_count){e, cnt[e], NULL, 0};
  qsort(ec, n_ec, sizeof(*ec), cmp_ent_count);
  rc = sqlite3_prepare_v2(s->db, "SELECT kind, name FROM entity WHERE id=?1", -1,
                          &st, NULL);
  if (rc != SQLITE_OK) {
    r = hoso__sq_err(s, err, rc, "cannot count facets");
    goto done;
  }
  for (int kind = 1; kind <= 2 && !r; kind++) {
    /* candidates of this kind, in count order: every one whose count is
    ** at least the FACET_TOP-th count of the kind (ties broken by name) */
    ent_count *cand = malloc((n_ec + 1) * sizeof(*cand));
    size_t nc = 0, seen = 0;
    int64_t floor_count = 0;
    if (!cand) {
      r = hoso__err(err, HOSO_ENOMEM, "out of memory");
      break;
    }
    for (size_t i = 0; i < n_ec && !r; i++) {
      if (seen >= FACET_TOP && ec[i].count < floor_count) break;
      sqlite3_reset(st);
      sqlite3_bind_int64(st, 1, ec[i].id);
      rc = sqlite3_step(st);
      if (rc != SQLITE_ROW) {
        if (rc != SQLITE_DONE) r = hoso__sq_err(s, err, rc, "cannot count facets");
        continue;
      }
      if (sqlite3_column_int(st, 0) != kind) continue;
      const char *nm = (const char *)sqlite3_column_text(st, 1);
      size_t nl = (size_t)sqlite3_column_bytes(st, 1);
      char *copy = malloc(nl + 1);
      if (!copy) {
        r = hoso__err(err, HOSO_ENOMEM, "out of memory");
        break;
      }
      if (nl) memcpy(copy, nm, nl);
      copy[nl] = 0;
      cand[nc++] = (ent_count){ec[i].id, ec[i].count, copy, nl};
      if (++seen == FACET_TOP) floor_count = ec[i].count;
    }
    if (!r) write_entity_top(w, kind, cand, nc);
    free_cands(cand, nc);
  }
done:
  sqlite3_finalize(st);
  free(ec);
  free(ids);
  free(last);
  free(cnt);
  return r;
}

/* A candidate of the people or orgs facet from the mention index: its
** rank, count and place in name order (sq_ment.rord). */
typedef struct rank_count {
  int64_t count;
  uint32_t ord;
  int32_t rank;
} rank_count;

static int cmp_rank_count(const void *a, const void *b) {
  const rank_count *x = a, *y = b;
  if (x->count != y->count) return x->count > y->count ? -1 : 1;
  return (x->ord > y->ord) - (x->ord < y->ord);
}

/* The people or orgs facet (kind 1 or 2) from the mention index: the
** candidates by count, then name, then id (write_entity_top's order, from
** the names kept in memory), the first FACET_TOP written. */
static void write_rank_top(hoso_json *w, const sq_ment *m, int kind, rank_count *cand,
                           size_t n) {
  if (n) qsort(cand, n, sizeof(*cand), cmp_rank_count); /* (cand is NULL when none) */
  hoso__json_key(w, kind == 1 ? "people" : "orgs");
  hoso__json_arr_begin(w);
  for (size_t i = 0; i < n && i < FACET_TOP; i++) {
    int32_t e = cand[i].rank;
    hoso__json_obj_begin(w);
    hoso__json_key(w, "value");
    hoso__json_strn(w, m->names + m->rname[e], m->rname_n[e]);
    hoso__json_key(w, "count");
    hoso__json_int(w, cand[i].count);
    hoso__json_obj_end(w);
  }
  hoso__json_arr_end(w);
}

/* 1 when the hit ids ascend strictly from 0 or more to below n_art (the
** doclists' hits do): every id is then a row of the mention index and
** none repeats, and the counting loops skip those checks per hit. */
static int hits_clean(const sq_hits *h, size_t n_art) {
  const int64_t *ids = h->ids;
  size_t n = h->n;
  if (!n) return 1;
  if (ids[0] < 0 || (uint64_t)ids[n - 1] >= n_art) return 0;
  int up = 1;
  for (size_t i = 1; i < n; i++) up &= ids[i] > ids[i - 1];
  return up;
}

/* The entity row of hit i (its ranks m->ent[*b .. *e)), or 0 when the hit
** has none or repeats the previous id; asks for later hits' offsets and
** rows now, since the rows are far apart. clean (hits_clean, a constant
** where this is inlined): no check needed, and the offsets of ascending
** ids are read in order (no prefetch of them). */
static inline __attribute__((always_inline)) int hit_row(const sq_ment *m, const sq_hits *h,
                                                         const int clean, size_t i,
                                                         uint32_t *b, uint32_t *e) {
  const int64_t *ids = h->ids;
  size_t n = h->n;
  if (clean) {
    if (i + 6 < n) __builtin_prefetch(&m->ent[m->off[ids[i + 6]]]);
    *b = m->off[ids[i]];
    *e = m->off[ids[i] + 1];
    return 1;
  }
  if (i + 16 < n && ids[i + 16] >= 0 && (size_t)ids[i + 16] < m->n_art)
    __builtin_prefetch(&m->off[ids[i + 16]]);
  if (i + 6 < n && ids[i + 6] >= 0 && (size_t)ids[i + 6] < m->n_art)
    __builtin_prefetch(&m->ent[m->off[ids[i + 6]]]);
  int64_t id = ids[i];
  if (id < 0 || (size_t)id >= m->n_art) return 0;
  if (i && id == ids[i - 1]) return 0; /* (hits are distinct ids) */
  *b = m->off[id];
  *e = m->off[id + 1];
  return 1;
}

/* Count the hits' entities of ranks lo .. hi-1 into cnt (each row is
** ascending, so a row's ranks below lo are skipped and the first at hi or
** above ends it); every counter that leaves 0 is listed in *touched. */
static inline __attribute__((always_inline)) int
count_ranks_with(const sq_ment *m, const sq_hits *h, const int clean, int32_t lo, int32_t hi,
                 uint32_t *cnt, int32_t **touched, size_t *nt, size_t *cap) {
  uint32_t b, end;
  for (size_t i = 0; i < h->n; i++) {
    if (!hit_row(m, h, clean, i, &b, &end)) continue;
    for (uint32_t j = b; j < end; j++) {
      int32_t e = m->ent[j]; /* a rank; each entity once per article (sqlite_ment.c) */
      if (e < lo) continue;
      if (e >= hi) break;
      if (cnt[e]++) continue;
      if (*nt == *cap) {
        size_t nc = *cap ? *cap * 2 : 1024;
        int32_t *x = realloc(*touched, nc * sizeof(*x));
        if (!x) return HOSO_ENOMEM;
        *touched = x;
        *cap = nc;
      }
      (*touched)[(*nt)++] = e;
    }
  }
  return HOSO_OK;
}

static int count_ranks(const sq_ment *m, const sq_hits *h, int clean, int32_t lo, int32_t hi,
                       uint32_t *cnt, int32_t **touched, size_t *nt, size_t *cap) {
  return clean ? count_ranks_with(m, h, 1, lo, hi, cnt, touched, nt, cap)
               : count_ranks_with(m, h, 0, lo, hi, cnt, touched, nt, cap);
}

/* Count the hits' entities of ranks 0 .. hi-1 into cnt, without keeping
** a list of the counters touched: the caller reads and clears the whole
** range (it is short: the frequent entities). Each row is ascending, so
** its first rank at hi or above ends it. */
static inline __attribute__((always_inline)) void
count_ranks_dense_with(const sq_ment *m, const sq_hits *h, const int clean, int32_t hi,
                       uint32_t *cnt) {
  uint32_t b, end;
  for (size_t i = 0; i < h->n; i++) {
    if (!hit_row(m, h, clean, i, &b, &end)) continue;
    const int32_t *e = m->ent + b, *stop = m->ent + end;
    while (e < stop && *e < hi) cnt[*e++]++;
  }
}

static void count_ranks_dense(const sq_ment *m, const sq_hits *h, int clean, int32_t hi,
                              uint32_t *cnt) {
  if (clean)
    count_ranks_dense_with(m, h, 1, hi, cnt);
  else
    count_ranks_dense_with(m, h, 0, hi, cnt);
}

/* The rank below which every entity is in at least `df` articles. */
static int32_t ranks_with_df(const sq_ment *m, uint32_t df) {
  size_t lo = 0, hi = m->n_rank; /* df by rank is non-increasing */
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (m->eoff[mid + 1] - m->eoff[mid] >= df)
      lo = mid + 1;
    else
      hi = mid;
  }
  return (int32_t)lo;
}

/* Keep c among a kind's FACET_TOP largest counts so far (top[], ntop). */
static void top_add(int64_t *top, size_t *ntop, int64_t c) {
  if (*ntop == FACET_TOP && c <= top[FACET_TOP - 1]) return;
  size_t x = *ntop < FACET_TOP ? (*ntop)++ : FACET_TOP - 1;
  while (x > 0 && top[x - 1] < c) {
    top[x] = top[x - 1];
    x--;
  }
  top[x] = c;
}

/* Per kind (0 people, 1 organisations) the FACET_TOP-th largest count
** among the counted entities -- ranks 0 .. dense-1 with a count, and the
** touched ones -- (1 when the kind has fewer). */
static void touched_floors(const sq_ment *m, const uint32_t *cnt, int32_t dense,
                           const int32_t *touched, size_t nt, int64_t floor_count[2]) {
  int64_t top[2][FACET_TOP];
  size_t ntop[2] = {0, 0};
  for (int32_t e = 0; e < dense; e++) {
    if (!cnt[e]) continue;
    int k = m->rkind[e] - 1;
    if (k >= 0 && k <= 1) top_add(top[k], &ntop[k], cnt[e]);
  }
  for (size_t i = 0; i < nt; i++) {
    int32_t e = touched[i];
    int k = m->rkind[e] - 1;
    if (k >= 0 && k <= 1) top_add(top[k], &ntop[k], cnt[e]);
  }
  for (int k = 0; k < 2; k++) floor_count[k] = ntop[k] == FACET_TOP ? top[k][FACET_TOP - 1] : 1;
}

/* The same facets from the in-memory mention index (s->ment current;
** each article's entities listed once): per-handle counters (s->scratch),
** touched entries only. Counted in two tiers: first only the entities in
** at least T articles (T grows with the hits; their counters are few and
** close together, and each row stops at its first rarer entity); the
** rarer ones are counted only when a kind's top list is not settled
** without them -- an entity in fewer than T articles can reach a list only
** when the list's last count is below T. The candidates of a kind are its
** touched entities whose count reaches the kind's FACET_TOP-th count;
** names and name order come from memory (write_rank_top). Same output
** whatever T is. */
static int entity_facets_mem(sq_store *s, hoso_json *w, const sq_hits *h,
                             hoso_error *err) {
  const sq_ment *m = &s->ment;
  sq_scratch *sc = &s->scratch;
  if (m->n_rank > sc->n_ent) {
    uint32_t *c = realloc(sc->ecnt, m->n_rank * sizeof(uint32_t));
    if (!c) return hoso__err(err, HOSO_ENOMEM, "out of memory");
    sc->ecnt = c;
    memset(sc->ecnt + sc->n_ent, 0, (m->n_rank - sc->n_ent) * sizeof(uint32_t));
    sc->n_ent = m->n_rank;
  }
  uint32_t *cnt = sc->ecnt;
  int32_t *touched = NULL;
  size_t nt = 0, cap = 0;
  uint32_t tier_df = h->n / FACET_TIER_HITS > 2 ? (uint32_t)(h->n / FACET_TIER_HITS) : 2;
  int32_t hot = h->n >= FACET_TIER_HITS ? ranks_with_df(m, tier_df) : (int32_t)m->n_rank;
  /* the first tier counted densely (no list of touched counters; the
  ** range is read and cleared whole) when it is short beside the hits */
  int32_t dense = (uint64_t)hot <= (uint64_t)h->n * FACET_DENSE_PER_HIT ? hot : 0;
  int64_t floor_count[2];
  int clean = hits_clean(h, m->n_art);
  rank_count *cand[2] = {NULL, NULL};
  size_t n_cand[2] = {0, 0};
  int r = HOSO_OK;
  if (dense)
    count_ranks_dense(m, h, clean, dense, cnt);
  else
    r = count_ranks(m, h, clean, 0, hot, cnt, &touched, &nt, &cap);
  if (!r) {
    touched_floors(m, cnt, dense, touched, nt, floor_count);
    if (hot < (int32_t)m->n_rank && (floor_count[0] < tier_df || floor_count[1] < tier_df)) {
      r = count_ranks(m, h, clean, hot, (int32_t)m->n_rank, cnt, &touched, &nt, &cap);
      if (!r) touched_floors(m, cnt, dense, touched, nt, floor_count);
    }
  }
  for (int k = 0; k < 2 && !r; k++) {
    if (!(cand[k] = malloc((nt + (size_t)dense + 1) * sizeof(rank_count)))) r = HOSO_ENOMEM;
  }
  if (!r) {
    for (int32_t e = 0; e < dense; e++) {
      int k = m->rkind[e] - 1;
      if (cnt[e] && k >= 0 && k <= 1 && cnt[e] >= floor_count[k])
        cand[k][n_cand[k]++] = (rank_count){cnt[e], m->rord[e], e};
    }
    for (size_t i = 0; i < nt; i++) {
      int32_t e = touched[i];
      int k = m->rkind[e] - 1;
      if (k >= 0 && k <= 1 && cnt[e] >= floor_count[k])
        cand[k][n_cand[k]++] = (rank_count){cnt[e], m->rord[e], e};
    }
    for (int k = 0; k < 2; k++) write_rank_top(w, m, k + 1, cand[k], n_cand[k]);
  }
  /* scratch back to unused */
  if (dense) memset(cnt, 0, (size_t)dense * sizeof(*cnt));
  for (size_t i = 0; i < nt; i++) cnt[touched[i]] = 0;
  free(touched);
  free(cand[0]);
  free(cand[1]);
  return r ? hoso__err(err, HOSO_ENOMEM, "out of memory") : HOSO_OK;
}

/* The same facets by entity, for many hits: the entities of each kind in
** order of their number of articles (the most any count can reach),
** each one's hits counted on the hit bitmap, stopping at the first whose
** number of articles is below the kind's FACET_TOP-th count so far: no
** entity after it can reach the list or tie with it, so the output is
** that of entity_facets_mem. Gives up (*done 0, nothing written) when it
** would read more than FACET_INV_POSTINGS postings per hit: counting per
** hit (its hot tier) is then cheaper, and giving up late wastes the walk. */
static int entity_facets_inv(sq_store *s, hoso_json *w, const sq_hits *h,
                             int *done, hoso_error *err) {
  const sq_ment *m = &s->ment;
  const uint64_t *bits = s->scratch.bits;
  size_t nb = s->scratch.n_bits * 64;
  *done = 0;
  uint64_t budget = (uint64_t)h->n * FACET_INV_POSTINGS, cost = 0;
  /* the walk reads at least the first FACET_TOP entities of each kind
  ** (a list is settled only with FACET_TOP counts): give up at once when
  ** those alone are over the budget */
  if (m->head_df > budget) return HOSO_OK;
  rank_count *cand[2] = {NULL, NULL};
  size_t n_cand[2] = {0, 0}, cap[2] = {0, 0};
  int64_t floor_count[2] = {0, 0};
  int r = HOSO_OK, gave_up = 0;
  for (int k = 0; k < 2 && !r && !gave_up; k++) {
    int64_t top[FACET_TOP];
    size_t ntop = 0;
    for (size_t i = 0; i < m->n_by_df[k]; i++) {
      int32_t e = m->by_df[k][i];
      uint32_t a0 = m->eoff[e], a1 = m->eoff[e + 1];
      int64_t df = (int64_t)(a1 - a0);
      if (ntop == FACET_TOP && df < top[FACET_TOP - 1]) break;
      cost += (uint64_t)df;
      if (cost > budget) {
        gave_up = 1;
        break;
      }
      int64_t c = 0;
      for (uint32_t j = a0; j < a1; j++) {
        uint32_t a = (uint32_t)m->eart[j];
        if (a < nb) c += (int64_t)((bits[a >> 6] >> (a & 63)) & 1);
      }
      if (!c || (ntop == FACET_TOP && c < top[FACET_TOP - 1])) continue;
      int filling = ntop < FACET_TOP; /* top[ntop] is not set yet */
      size_t x = filling ? ntop++ : FACET_TOP - 1;
      if (filling || c > top[x]) {
        while (x > 0 && top[x - 1] < c) {
          top[x] = top[x - 1];
          x--;
        }
        top[x] = c;
      }
      if (n_cand[k] == cap[k]) {
        size_t nc = cap[k] ? cap[k] * 2 : 32;
        rank_count *v = realloc(cand[k], nc * sizeof(*v));
        if (!v) {
          r = hoso__err(err, HOSO_ENOMEM, "out of memory");
          break;
        }
        cand[k] = v;
        cap[k] = nc;
      }
      cand[k][n_cand[k]++] = (rank_count){c, m->rord[e], e};
    }
    floor_count[k] = ntop == FACET_TOP ? top[FACET_TOP - 1] : 0;
  }
  for (int k = 0; k < 2 && !r && !gave_up; k++) {
    size_t nk = 0; /* keep those that reach the floor */
    for (size_t i = 0; i < n_cand[k]; i++)
      if (cand[k][i].count >= floor_count[k]) cand[k][nk++] = cand[k][i];
    n_cand[k] = nk;
  }
  if (!r && !gave_up) {
    for (int k = 0; k < 2; k++) write_rank_top(w, m, k + 1, cand[k], n_cand[k]);
    *done = 1;
  }
  for (int k = 0; k < 2; k++) free(cand[k]);
  return r;
}

/* Set the hit bitmap (s->scratch.bits) to h's articles. */
static int hit_bits(sq_store *s, const sq_hits *h) {
  sq_scratch *sc = &s->scratch;
  size_t n_art = s->cache.cap;
  if (s->ment.n_art > n_art) n_art = s->ment.n_art;
  size_t words = n_art / 64 + 1;
  if (words > sc->n_bits) {
    uint64_t *b = realloc(sc->bits, words * sizeof(uint64_t));
    if (!b) return HOSO_ENOMEM;
    sc->bits = b;
    sc->n_bits = words;
  }
  memset(sc->bits, 0, sc->n_bits * sizeof(uint64_t));
  for (size_t i = 0; i < h->n; i++) {
    uint64_t a = (uint64_t)h->ids[i];
    if (a / 64 < sc->n_bits) sc->bits[a / 64] |= (uint64_t)1 << (a % 64);
  }
  return HOSO_OK;
}

typedef struct type_count {
  const char *type;
  int64_t count;
} type_count;

static int cmp_type_count(const void *a, const void *b) {
  const type_count *x = a, *y = b;
  if (x->count != y->count) return x->count > y->count ? -1 : 1;
  return strcmp(x->type, y->type);
}

/* Event types among the hits from the in-memory event sources: the
** number of distinct events with a source among the hits, per type; same
** output as the SQL of facets() below. */
static int event_type_facet(sq_store *s, hoso_json *w, hoso_error *err) {
  const sq_ment *m = &s->ment;
  const uint64_t *bits = s->scratch.bits; /* the hits (hit_bits) */
  size_t nb = s->scratch.n_bits * 64;
  uint8_t *seen = calloc((size_t)m->max_event + 1, 1);
  type_count *tc = calloc(m->n_types + 1, sizeof(*tc));
  if (!seen || !tc) {
    free(seen);
    free(tc);
    return hoso__err(err, HOSO_ENOMEM, "out of memory");
  }
  for (size_t t = 0; t < m->n_types; t++) tc[t].type = m->types[t];
  /* the hit articles that have event sources: the two bitmaps' AND */
  size_t words = nb / 64, ew = m->n_es_art / 64 + 1;
  if (ew < words) words = ew;
  for (size_t wi = 0; wi < words; wi++) {
    uint64_t x = bits[wi] & m->es_bits[wi];
    while (x) {
      size_t a = wi * 64 + (size_t)__builtin_ctzll(x);
      x &= x - 1;
      if (a >= m->n_es_art) break;
      for (uint32_t i = m->es_off[a]; i < m->es_off[a + 1]; i++) {
        int64_t e = m->es_event[i];
        if (seen[e]) continue;
        seen[e] = 1;
        tc[m->es_type[i]].count++;
      }
    }
  }
  qsort(tc, m->n_types, sizeof(*tc), cmp_type_count);
  hoso__json_key(w, "event_types");
  hoso__json_arr_begin(w);
  for (size_t i = 0; i < m->n_types && i < FACET_TOP && tc[i].count; i++) {
    hoso__json_obj_begin(w);
    hoso__json_key(w, "value");
    hoso__json_str(w, tc[i].type);
    hoso__json_key(w, "count");
    hoso__json_int(w, tc[i].count);
    hoso__json_obj_end(w);
  }
  hoso__json_arr_end(w);
  free(seen);
  free(tc);
  return HOSO_OK;
}

/* Counted from the in-memory indexes (or with nothing to count): the
** bytes facets_count wrote are those of every later count of the same
** hits, and may be kept (facets). */
static int facets_count(sq_store *s, hoso_json *w, grouping *g, const sq_hits *h,
                        int *from_memory, hoso_error *err) {
  *from_memory = 0;
  hoso__json_obj_begin(w);
  kv *both[2] = {NULL, NULL};
  size_t both_n[2] = {0, 0};
  int have_both = 0;
  if (g && facet_counts_groups(s, g, h, both, both_n, &have_both))
    return hoso__err(err, HOSO_ENOMEM, "out of memory");
  if (g && !have_both) grouping_order(h, g); /* the hits by story, for outlets and years */
  if (g && !have_both && facet_counts_both(s, g, h, both, both_n, &have_both))
    return hoso__err(err, HOSO_ENOMEM, "out of memory");
  for (int which = 0; which < 2; which++) {
    kv *v = both[which];
    size_t n = both_n[which];
    if (!have_both && facet_counts(s, g, h, which, &v, &n))
      return hoso__err(err, HOSO_ENOMEM, "out of memory");
    hoso__json_key(w, which ? "years" : "outlets");
    hoso__json_arr_begin(w);
    sqlite3_stmt *st = NULL;
    if (!which && !(st = hoso__sq_stmt(s, SQ_OUTLET_NAME, err))) {
      free(v);
      free(both[1]);
      return HOSO_EDB;
    }
    for (size_t i = 0; i < n && i < FACET_TOP; i++) {
      hoso__json_obj_begin(w);
      hoso__json_key(w, "value");
      if (which) {
        hoso__json_int(w, v[i].key);
      } else {
        sqlite3_reset(st);
        sqlite3_bind_int64(st, 1, v[i].key);
        if (sqlite3_step(st) == SQLITE_ROW)
          hoso__sq_json_col(w, st, 0);
        else
          hoso__json_null(w);
      }
      hoso__json_key(w, "count");
      hoso__json_int(w, v[i].count);
      hoso__json_obj_end(w);
    }
    hoso__json_arr_end(w);
    if (st) sqlite3_reset(st);
    free(v);
  }
  /* people, organisations, event types: from the in-memory mention index
  ** when it is current (it knows whether there are any); else through the
  ** tables, when any. A one-off search (the command line) counts through
  ** SQL; a handle that serves many (the server) loads the index once. */
  sqlite3_stmt *st;
  int ok = 0, have = 0;
  int rc = hoso__sq_ment_load(s, 0, &ok, err);
  if (!rc && ok) {
    have = s->ment.have;
  } else if (!rc) {
    if (sqlite3_prepare_v2(s->db,
                           "SELECT EXISTS(SELECT 1 FROM mention) OR"
                           " EXISTS(SELECT 1 FROM event_source)",
                           -1, &st, NULL) == SQLITE_OK) {
      if (sqlite3_step(st) == SQLITE_ROW) have = sqlite3_column_int(st, 0);
      sqlite3_finalize(st);
    }
    if (have) rc = hoso__sq_ment_load(s, s->facet_searches > 0, &ok, err);
  }
  s->facet_searches++;
  *from_memory = !rc && (!have || ok);
  if (have && ok && !rc) {
    int done = 0;
    if (hit_bits(s, h)) return hoso__err(err, HOSO_ENOMEM, "out of memory");
    rc = entity_facets_inv(s, w, h, &done, err);
    if (!rc && !done) rc = entity_facets_mem(s, w, h, err);
    if (!rc) rc = event_type_facet(s, w, err);
  } else if (have && !rc) {
    rc = hoso__sq_exec(s,
                       "CREATE TEMP TABLE IF NOT EXISTS hit(id INTEGER PRIMARY"
                       " KEY); DELETE FROM temp.hit",
                       err);
    if (!rc && sqlite3_prepare_v2(s->db, "INSERT INTO temp.hit(id) VALUES(?1)",
                                  -1, &st, NULL) == SQLITE_OK) {
      for (size_t i = 0; i < h->n; i++) {
        sqlite3_bind_int64(st, 1, h->ids[i]);
        sqlite3_step(st);
        sqlite3_reset(st);
      }
      sqlite3_finalize(st);
    }
    if (!rc) rc = entity_facets(s, w, h, ok, err);
    if (!rc)
      rc = facet_sql(s, w, "event_types",
                     "SELECT e.type, count(DISTINCT e.id) c FROM temp.hit h"
                     " JOIN event_source es ON es.article_id=h.id JOIN event e"
                     " ON e.id=es.event_id GROUP BY e.type ORDER BY c DESC,"
                     " e.type LIMIT 10",
                     err);
  } else if (!rc) {
    static const char *const empty[] = {"people", "orgs", "event_types"};
    for (int i = 0; i < 3; i++) {
      hoso__json_key(w, empty[i]);
      hoso__json_arr_begin(w);
      hoso__json_arr_end(w);
    }
  }
  hoso__json_obj_end(w);
  return rc;
}

void hoso__sq_fcache_enable(sq_store *s, int on) {
  hoso__sq_fcache_free(s->fcache);
  s->fcache = NULL;
  s->fcache_state = on ? 0 : -1;
}

/* The handle's facet cache, made on first use (SQ_FCACHE_BYTES, or
** $HOSO_FACET_CACHE_MB megabytes: 0 turns it off), emptied when the
** archive changed since the last search; NULL when off or without
** memory for it (facets are then counted every time). */
static int fcache_sync(sq_store *s, sq_fcache **out, hoso_error *err) {
  *out = NULL;
  if (s->fcache_state < 0) return HOSO_OK;
  if (!s->fcache_state) {
    size_t bytes = SQ_FCACHE_BYTES;
    const char *e = getenv("HOSO_FACET_CACHE_MB");
    if (e && *e) {
      char *end;
      long long v = strtoll(e, &end, 10);
      if (*end || v < 0 || v > 4096)
        return hoso__err(err, HOSO_EARG,
                         "HOSO_FACET_CACHE_MB='%s': want megabytes from 0 to 4096", e);
      bytes = (size_t)v << 20;
    }
    s->fcache_state = -1;
    if (!bytes || hoso__sq_fcache_new(bytes, &s->fcache)) return HOSO_OK;
    s->fcache_state = 1;
  }
  int64_t v, c;
  int r = hoso__sq_db_state(s, &v, &c, err);
  if (r) return r;
  hoso__sq_fcache_sync(s->fcache, v, c);
  *out = s->fcache;
  return HOSO_OK;
}

/* "facets": {...}, the object kept per match set (sqlite_facets_cache.h):
** written from the cache when these hits were counted before, else
** counted and kept. The key's mode says how stories were counted (by
** story, or per article: g NULL). */
static int facets(sq_store *s, hoso_json *w, grouping *g, const sq_hits *h,
                  hoso_error *err) {
  hoso__json_key(w, "facets");
  sq_fcache *fc = NULL;
  unsigned mode = g ? 0 : 1;
  if (h->n >= SQ_FCACHE_MIN_HITS) {
    int r = fcache_sync(s, &fc, err);
    if (r) return r;
  }
  if (fc) {
    size_t len;
    const char *kept = hoso__sq_fcache_get(fc, mode, h->ids, h->n, &len);
    if (kept) {
      hoso__json_raw(w, kept, len);
      return HOSO_OK;
    }
  }
  size_t at = w->out->n;
  int from_memory;
  int rc = facets_count(s, w, g, h, &from_memory, err);
  if (!rc && !w->rc && fc && from_memory &&
      hoso__sq_fcache_put(fc, mode, h->ids, h->n, w->out->p + at, w->out->n - at))
    rc = hoso__err(err, HOSO_ENOMEM, "out of memory");
  return rc;
}

static int search_in(sq_store *s, const hoso_qnode *q, const hoso_query *opt,
                     hoso_json *w, hoso_error *err) {
  sq_hits h;
  hoso_buf terms;
  hoso__buf_init(&terms, 1 << 20);
  int rc = hoso__sq_match(s, q, opt, &h, &terms, err);
  if (rc) {
    hoso__buf_free(&terms);
    return rc;
  }
  unsigned flags = opt ? opt->flags : 0;
  int64_t offset = opt && opt->offset > 0 ? opt->offset : 0;
  int64_t limit = opt && opt->limit > 0 ? opt->limit : 10;
  int per_article = (flags & HOSO_Q_ARTICLES) != 0;
  uint64_t want = (uint64_t)offset + (uint64_t)limit;
  grouping g;
  if (group(s, &h, flags, per_article, want > SIZE_MAX ? SIZE_MAX : (size_t)want, &g)) {
    hoso__sq_hits_free(&h);
    hoso__buf_free(&terms);
    return hoso__err(err, HOSO_ENOMEM, "out of memory");
  }
  story_hit *sh = g.sh;
  size_t n_sh = g.n;
  if (!(flags & HOSO_Q_NO_SNIPPETS)) rc = snips_sync(s, err);
  hoso__json_obj_begin(w);
  hoso__json_key(w, "query");
  if (opt && opt->q)
    hoso__json_strn(w, opt->q, opt->q_n);
  else
    hoso__json_str(w, "");
  hoso__json_key(w, "total");
  hoso__json_int(w, (int64_t)n_sh);
  hoso__json_key(w, "articles");
  hoso__json_int(w, (int64_t)h.n);
  hoso__json_key(w, "offset");
  hoso__json_int(w, offset);
  hoso__json_key(w, "limit");
  hoso__json_int(w, limit);
  hoso__json_key(w, "results");
  hoso__json_arr_begin(w);
  for (int64_t i = offset; i < (int64_t)n_sh && i - offset < limit && !rc; i++) {
    const story_hit *c = &sh[i];
    int64_t story = (flags & HOSO_Q_ARTICLES) ? s->cache.fact[c->best].story : c->story;
    hoso__json_obj_begin(w);
    hoso__json_key(w, "rank");
    hoso__json_int(w, i + 1);
    hoso__json_key(w, "story");
    hoso__json_int(w, story);
    hoso__json_key(w, "score");
    hoso__json_double(w, -c->score);
    hoso__json_key(w, "matching_articles");
    hoso__json_int(w, c->n);
    sqlite3_stmt *brief = NULL; /* the best article's row, for a story of one */
    json_span title;
    rc = article_brief(s, w, c->best, &terms, !(flags & HOSO_Q_NO_SNIPPETS), &brief, &title,
                       err);
    if (!rc) rc = story_body(s, w, story, brief, title, err);
    if (brief) sqlite3_reset(brief);
    hoso__json_obj_end(w);
  }
  hoso__json_arr_end(w);
  if (!rc && !(flags & HOSO_Q_NO_FACETS))
    rc = facets(s, w, per_article ? NULL : &g, &h, err);
  hoso__json_obj_end(w);
  grouping_free(s, &g);
  hoso__sq_hits_free(&h);
  hoso__buf_free(&terms);
  return rc;
}

/* One read transaction around the whole search (unless the caller has
** one open): one snapshot of the archive for every statement, and the
** file locks taken once instead of once per statement. */
int hoso__sq_search(hoso_store *stp, const hoso_qnode *q, const hoso_query *opt,
                    hoso_json *w, hoso_error *err) {
  sq_store *s = (sq_store *)stp;
  int own = sqlite3_get_autocommit(s->db) &&
            sqlite3_exec(s->db, "BEGIN", NULL, NULL, NULL) == SQLITE_OK;
  int rc = search_in(s, q, opt, w, err);
  if (own && sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
    sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
  return rc;
}

int hoso__sq_story(hoso_store *stp, int64_t id, hoso_json *w, hoso_error *err) {
  sq_store *s = (sq_store *)stp;
  sqlite3_stmt *st;
  int rc = sqlite3_prepare_v2(s->db, "SELECT 1 FROM story WHERE id=?1", -1, &st, NULL);
  if (rc != SQLITE_OK) return hoso__sq_err(s, err, rc, "cannot read story");
  sqlite3_bind_int64(st, 1, id);
  rc = sqlite3_step(st);
  sqlite3_finalize(st);
  if (rc != SQLITE_ROW) return hoso__err(err, HOSO_ENOTFOUND, "no story %lld", (long long)id);
  hoso__json_obj_begin(w);
  hoso__json_key(w, "story");
  hoso__json_int(w, id);
  rc = story_body(s, w, id, NULL, (json_span){0, 0}, err);
  hoso__json_obj_end(w);
  return rc;
}

static int entities_json(sq_store *s, hoso_json *w, int64_t id, hoso_error *err) {
  sqlite3_stmt *st;
  int rc = sqlite3_prepare_v2(
      s->db,
      "SELECT e.kind, e.name, m.title, m.start, m.end FROM mention m JOIN entity"
      " e ON e.id=m.entity_id WHERE m.article_id=?1 ORDER BY m.start",
      -1, &st, NULL);
  if (rc != SQLITE_OK) return hoso__sq_err(s, err, rc, "cannot read entities");
  sqlite3_bind_int64(st, 1, id);
  hoso__json_key(w, "entities");
  hoso__json_arr_begin(w);
  static const char *const kinds[] = {"any", "person", "org", "place"};
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    int k = sqlite3_column_int(st, 0);
    hoso__json_obj_begin(w);
    hoso__json_key(w, "kind");
    hoso__json_str(w, k >= 0 && k <= 3 ? kinds[k] : "other");
    static const char *const keys[] = {"name", "title", "start", "end"};
    for (int i = 0; i < 4; i++) {
      hoso__json_key(w, keys[i]);
      hoso__sq_json_col(w, st, i + 1);
    }
    hoso__json_obj_end(w);
  }
  hoso__json_arr_end(w);
  sqlite3_finalize(st);
  if (rc != SQLITE_DONE) return hoso__sq_err(s, err, rc, "cannot read entities");
  rc = sqlite3_prepare_v2(
      s->db,
      "SELECT e.id, e.type, e.date, e.place, e.summary, es.start, es.end,"
      " (SELECT group_concat(en.name, '; ') FROM participant p JOIN entity en"
      " ON en.id=p.entity_id WHERE p.event_id=e.id) FROM event_source es JOIN"
      " event e ON e.id=es.event_id WHERE es.article_id=?1 ORDER BY es.start",
      -1, &st, NULL);
  if (rc != SQLITE_OK) return hoso__sq_err(s, err, rc, "cannot read events");
  sqlite3_bind_int64(st, 1, id);
  hoso__json_key(w, "events");
  hoso__json_arr_begin(w);
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    static const char *const keys[] = {"event", "type", "date", "place",
                                       "summary", "start", "end", "participants"};
    hoso__json_obj_begin(w);
    for (int i = 0; i < 8; i++) {
      hoso__json_key(w, keys[i]);
      hoso__sq_json_col(w, st, i);
    }
    hoso__json_obj_end(w);
  }
  hoso__json_arr_end(w);
  sqlite3_finalize(st);
  if (rc != SQLITE_DONE) return hoso__sq_err(s, err, rc, "cannot read events");
  return HOSO_OK;
}

int hoso__sq_article(hoso_store *stp, int64_t id, unsigned flags, hoso_json *w,
                     hoso_error *err) {
  sq_store *s = (sq_store *)stp;
  sqlite3_stmt *st;
  int rc = sqlite3_prepare_v2(
      s->db,
      "SELECT a.id, a.story_id, a.title, o.name, a.url, a.canonical_url,"
      " a.published, a.lang, a.author, a.credit, a.origin, a.added,"
      " a.content_hash, a.text, a.record, g.encoding, g.size, g.bytes"
      " FROM article a LEFT JOIN outlet o ON o.id=a.outlet_id"
      " LEFT JOIN original g ON g.article_id=a.id WHERE a.id=?1",
      -1, &st, NULL);
  if (rc != SQLITE_OK) return hoso__sq_err(s, err, rc, "cannot read article");
  sqlite3_bind_int64(st, 1, id);
  rc = sqlite3_step(st);
  if (rc != SQLITE_ROW) {
    sqlite3_finalize(st);
    if (rc == SQLITE_DONE) return hoso__err(err, HOSO_ENOTFOUND, "no article %lld", (long long)id);
    return hoso__sq_err(s, err, rc, "cannot read article");
  }
  static const char *const keys[] = {
      "id",   "story", "title",  "outlet", "url",  "canonical_url", "published",
      "lang", "author", "credit", "origin", "added", "content_hash", "text"};
  hoso__json_obj_begin(w);
  for (int i = 0; i < 14; i++) {
    hoso__json_key(w, keys[i]);
    hoso__sq_json_col(w, st, i);
  }
  hoso__json_key(w, "record");
  if (sqlite3_column_type(st, 14) == SQLITE_NULL)
    hoso__json_null(w);
  else
    hoso__json_raw(w, (const char *)sqlite3_column_text(st, 14),
                   (size_t)sqlite3_column_bytes(st, 14));
  int r = HOSO_OK;
  if ((flags & HOSO_ARTICLE_ORIGINAL) && !strcmp(hoso__sq_col(st, 15), "text")) {
    hoso__json_key(w, "original");
    hoso__sq_json_col(w, st, 13);
  } else if (flags & HOSO_ARTICLE_ORIGINAL) {
    uLongf n = (uLongf)sqlite3_column_int64(st, 16);
    unsigned char *p = malloc(n ? n : 1);
    if (!p) r = hoso__err(err, HOSO_ENOMEM, "out of memory");
    if (!r && uncompress(p, &n, sqlite3_column_blob(st, 17),
                         (uLong)sqlite3_column_bytes(st, 17)) != Z_OK)
      r = hoso__err(err, HOSO_EDB, "original bytes of article %lld are damaged",
                    (long long)id);
    if (!r) {
      hoso__json_key(w, "original");
      hoso__json_strn(w, (const char *)p, n);
    }
    free(p);
  }
  sqlite3_finalize(st);
  if (!r) r = entities_json(s, w, id, err);
  if (!r) {
    int64_t story = (size_t)id < s->cache.cap ? s->cache.fact[id].story : 0;
    if (!story) {
      sqlite3_stmt *q;
      if (sqlite3_prepare_v2(s->db, "SELECT story_id FROM article WHERE id=?1", -1,
                             &q, NULL) == SQLITE_OK) {
        sqlite3_bind_int64(q, 1, id);
        if (sqlite3_step(q) == SQLITE_ROW) story = sqlite3_column_int64(q, 0);
        sqlite3_finalize(q);
      }
    }
    hoso__json_key(w, "story_sources");
    hoso__json_obj_begin(w);
    r = story_body(s, w, story, NULL, (json_span){0, 0}, err);
    hoso__json_obj_end(w);
  }
  hoso__json_obj_end(w);
  return r;
}
