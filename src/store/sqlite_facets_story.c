/* sqlite_facets_story.c -- the outlet and year facets of a search: the
** number of matching stories per outlet and per publication year, from
** the article cache's facts (sq_fact) and the grouping's per-group
** outlets and days. Allocates only temporary counters. */
#include <stdlib.h>
#include <string.h>

#include "store/sqlite_search_int.h"

typedef struct kv {
  int64_t key;
  int64_t count;
} kv;

static int cmp_kv_count(const void *a, const void *b) {
  const kv *x = a, *y = b;
  if (x->count != y->count) return x->count > y->count ? -1 : 1;
  return (x->key > y->key) - (x->key < y->key);
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

/* "outlets" and "years": stories per outlet (its name) and per year,
** the FACET_TOP most first. With g (story mode) from what the grouping
** kept, or one pass over the hits in story order; per article (g NULL)
** through sorted (key, story) pairs. */
int hoso__sq_facets_story(sq_store *s, hoso_json *w, grouping *g, const sq_hits *h,
                          hoso_error *err) {
  kv *both[2] = {NULL, NULL};
  size_t both_n[2] = {0, 0};
  int have_both = 0;
  if (g && facet_counts_groups(s, g, h, both, both_n, &have_both))
    return hoso__err(err, HOSO_ENOMEM, "out of memory");
  if (g && !have_both) hoso__sq_grouping_order(h, g); /* the hits by story, for outlets and years */
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
  return HOSO_OK;
}
