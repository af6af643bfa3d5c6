/* sqlite_facets_mem.c -- the people, organisation and event type facets
** of a search from the in-memory mention index and event sources
** (s->ment, sqlite_ment.c): counters in the handle's scratch (ecnt, bits),
** put back to 0 after each search; candidates allocated per search. */
#include <stdlib.h>
#include <string.h>

#include "store/sqlite_search_int.h"

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
** candidates by count, then name, then id (sqlite_facets_sql.c's order, from
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
** output as the SQL of sqlite_facets_sql.c. */
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

int hoso__sq_facets_mem(sq_store *s, hoso_json *w, const sq_hits *h, hoso_error *err) {
  int done = 0;
  if (hit_bits(s, h)) return hoso__err(err, HOSO_ENOMEM, "out of memory");
  int rc = entity_facets_inv(s, w, h, &done, err);
  if (!rc && !done) rc = entity_facets_mem(s, w, h, err);
  if (!rc) rc = event_type_facet(s, w, err);
  return rc;
}
