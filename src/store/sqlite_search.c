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

static int cmp_pair(const void *a, const void *b) {
  const pair *x = a, *y = b;
  if (x->story != y->story) return x->story < y->story ? -1 : 1;
  if (x->outlet != y->outlet) return x->outlet < y->outlet ? -1 : 1;
  return (x->score > y->score) - (x->score < y->score);
}

static int cmp_story(const void *a, const void *b) {
  const story_hit *x = a, *y = b;
  if (x->score != y->score) return x->score < y->score ? -1 : 1;
  return (x->story < y->story) - (x->story > y->story); /* newer id first */
}

/* Group hits into stories, apply the ranking options. */
static int group(sq_store *s, const sq_hits *h, unsigned flags, int per_article,
                 story_hit **out, size_t *out_n) {
  *out = NULL;
  *out_n = 0;
  if (!h->n) return HOSO_OK;
  pair *p = malloc(h->n * sizeof(*p));
  story_hit *sh = malloc(h->n * sizeof(*sh));
  if (!p || !sh) {
    free(p);
    free(sh);
    return HOSO_ENOMEM;
  }
  int32_t newest = INT32_MIN;
  for (size_t i = 0; i < h->n; i++) {
    int64_t id = h->ids[i];
    p[i].story = per_article ? id : s->cache.story[id];
    p[i].id = id;
    p[i].outlet = s->cache.outlet[id];
    p[i].score = h->scores[i];
    if (s->cache.day[id] > newest) newest = s->cache.day[id];
  }
  qsort(p, h->n, sizeof(*p), cmp_pair);
  size_t k = 0;
  for (size_t i = 0; i < h->n; i++) {
    if (k == 0 || sh[k - 1].story != p[i].story) {
      sh[k].story = p[i].story;
      sh[k].best = p[i].id;
      sh[k].score = p[i].score;
      sh[k].n = 0;
      sh[k].outlets = 0;
      sh[k].day = INT32_MIN;
      k++;
    }
    story_hit *c = &sh[k - 1];
    if (p[i].score < c->score) {
      c->score = p[i].score;
      c->best = p[i].id;
    }
    if (c->n == 0 || p[i - 1].outlet != p[i].outlet) c->outlets++;
    c->n++;
    int32_t d = s->cache.day[p[i].id];
    if (d > c->day) c->day = d;
  }
  free(p);
  for (size_t i = 0; i < k; i++) {
    double boost = 1.0;
    if (flags & HOSO_Q_SOURCES) boost *= 1.0 + 0.25 * log2((double)sh[i].outlets);
    if ((flags & HOSO_Q_FRESHNESS) && sh[i].day != INT32_MIN && newest != INT32_MIN)
      boost *= 1.0 + 1.0 / (1.0 + (double)(newest - sh[i].day) / 180.0);
    /* bm25 is negative (lower is better): a boost makes it more negative */
    sh[i].score = sh[i].score == 0.0 ? -boost * 1e-9 : sh[i].score * boost;
  }
  qsort(sh, k, sizeof(*sh), cmp_story);
  *out = sh;
  *out_n = k;
  return HOSO_OK;
}

/* ---- rendering ------------------------------------------------------- */

static int article_brief(sq_store *s, hoso_json *w, int64_t id,
                         const hoso_buf *terms, int want_snippet,
                         hoso_error *err) {
  sqlite3_stmt *st;
  int rc = sqlite3_prepare_v2(
      s->db,
      "SELECT a.id, a.title, o.name, a.url, a.published, a.lang, a.credit,"
      " a.text FROM article a LEFT JOIN outlet o ON o.id=a.outlet_id"
      " WHERE a.id=?1",
      -1, &st, NULL);
  if (rc != SQLITE_OK) return hoso__sq_err(s, err, rc, "cannot read article");
  sqlite3_bind_int64(st, 1, id);
  rc = sqlite3_step(st);
  int r = HOSO_OK;
  if (rc == SQLITE_ROW) {
    hoso__json_key(w, "article");
    hoso__json_obj_begin(w);
    static const char *const keys[] = {"id", "title", "outlet", "url",
                                       "published", "lang", "credit"};
    for (int i = 0; i < 7; i++) {
      hoso__json_key(w, keys[i]);
      hoso__sq_json_col(w, st, i);
    }
    hoso__json_obj_end(w);
    if (want_snippet) {
      const char *text = (const char *)sqlite3_column_text(st, 7);
      size_t tn = (size_t)sqlite3_column_bytes(st, 7);
      hoso_snippet sn;
      r = hoso__snippet(s->words, text ? text : "", text ? tn : 0,
                        terms && terms->p ? terms->p : "", terms ? terms->n : 0, &sn);
      if (r) {
        sqlite3_finalize(st);
        return hoso__err(err, r, "out of memory");
      }
      hoso__json_key(w, "snippet");
      hoso__json_obj_begin(w);
      hoso__json_key(w, "text");
      hoso__json_strn(w, text + sn.start, sn.end - sn.start);
      hoso__json_key(w, "start");
      hoso__json_int(w, (int64_t)sn.start);
      hoso__json_key(w, "end");
      hoso__json_int(w, (int64_t)sn.end);
      hoso__json_key(w, "highlights");
      hoso__json_arr_begin(w);
      for (size_t i = 0; i < sn.n_hl; i++) {
        hoso__json_arr_begin(w);
        hoso__json_int(w, (int64_t)sn.hl[2 * i]);
        hoso__json_int(w, (int64_t)sn.hl[2 * i + 1]);
        hoso__json_arr_end(w);
      }
      hoso__json_arr_end(w);
      hoso__json_obj_end(w);
      hoso__snippet_free(&sn);
    }
  } else if (rc != SQLITE_DONE) {
    r = hoso__sq_err(s, err, rc, "cannot read article");
  }
  sqlite3_finalize(st);
  return r;
}

/* The story's fields and its sources (every article). */
static int story_body(sq_store *s, hoso_json *w, int64_t story, hoso_error *err) {
  sqlite3_stmt *st;
  int rc = sqlite3_prepare_v2(s->db,
                              "SELECT title, earliest, credit, n_articles,"
                              " n_outlets, first_article FROM story WHERE id=?1",
                              -1, &st, NULL);
  if (rc != SQLITE_OK) return hoso__sq_err(s, err, rc, "cannot read story");
  sqlite3_bind_int64(st, 1, story);
  rc = sqlite3_step(st);
  if (rc == SQLITE_ROW) {
    static const char *const keys[] = {"title", "earliest", "credit",
                                       "n_articles", "n_outlets", "origin_article"};
    for (int i = 0; i < 6; i++) {
      hoso__json_key(w, keys[i]);
      hoso__sq_json_col(w, st, i);
    }
  }
  sqlite3_finalize(st);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return hoso__sq_err(s, err, rc, "cannot read story");
  rc = sqlite3_prepare_v2(
      s->db,
      "SELECT a.id, o.name, a.url, a.published, a.title, a.credit FROM article a"
      " LEFT JOIN outlet o ON o.id=a.outlet_id WHERE a.story_id=?1"
      " ORDER BY a.published_day IS NULL, a.published_day, a.id",
      -1, &st, NULL);
  if (rc != SQLITE_OK) return hoso__sq_err(s, err, rc, "cannot read story");
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
  sqlite3_finalize(st);
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

/* Count distinct (story, key) pairs; keys from the cache. */
static int facet_counts(sq_store *s, const story_hit *sh, size_t n_sh,
                        const sq_hits *h, int which, kv **out, size_t *out_n) {
  /* which: 0 outlet, 1 year; count stories per key */
  int64_t *pk = malloc((h->n + 1) * 2 * sizeof(int64_t));
  (void)sh;
  (void)n_sh;
  if (!pk) return HOSO_ENOMEM;
  size_t m = 0;
  for (size_t i = 0; i < h->n; i++) {
    int64_t id = h->ids[i], key;
    if (which == 0) {
      key = s->cache.outlet[id];
      if (!key) continue;
    } else {
      int32_t d = s->cache.day[id];
      if (d == INT32_MIN) continue;
      /* civil year from day number */
      int64_t z = d + 719468, era = (z >= 0 ? z : z - 146096) / 146097;
      int64_t doe = z - era * 146097;
      int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
      int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
      int64_t mp = (5 * doy + 2) / 153;
      int64_t mo = mp < 10 ? mp + 3 : mp - 9;
      key = yoe + era * 400 + (mo <= 2);
    }
    pk[2 * m] = key;
    pk[2 * m + 1] = s->cache.story[id];
    m++;
  }
  /* sort (key, story) pairs */
  qsort(pk, m, 2 * sizeof(int64_t), cmp_i64); /* sorts by key (first) */
  kv *res = malloc((m + 1) * sizeof(*res));
  if (!res) {
    free(pk);
    return HOSO_ENOMEM;
  }
  size_t k = 0, i = 0;
  while (i < m) {
    size_t j = i;
    while (j < m && pk[2 * j] == pk[2 * i]) j++;
    /* distinct stories within [i, j) */
    int64_t *stories = malloc((j - i) * sizeof(int64_t));
    if (!stories) {
      free(pk);
      free(res);
      return HOSO_ENOMEM;
    }
    for (size_t t = i; t < j; t++) stories[t - i] = pk[2 * t + 1];
    qsort(stories, j - i, sizeof(int64_t), cmp_i64);
    int64_t c = 0;
    for (size_t t = 0; t < j - i; t++) c += t == 0 || stories[t] != stories[t - 1];
    free(stories);
    res[k].key = pk[2 * i];
    res[k].count = c;
    k++;
    i = j;
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

#define FACET_TOP 10

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
        int64_t e = m->ent[j];
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
    if (!r) {
      qsort(cand, nc, sizeof(*cand), cmp_ent_name);
      hoso__json_key(w, kind == 1 ? "people" : "orgs");
      hoso__json_arr_begin(w);
      for (size_t i = 0; i < nc && i < FACET_TOP; i++) {
        hoso__json_obj_begin(w);
        hoso__json_key(w, "value");
        hoso__json_strn(w, cand[i].name, cand[i].name_n);
        hoso__json_key(w, "count");
        hoso__json_int(w, cand[i].count);
        hoso__json_obj_end(w);
      }
      hoso__json_arr_end(w);
    }
    for (size_t i = 0; i < nc; i++) free(cand[i].name);
    free(cand);
  }
done:
  sqlite3_finalize(st);
  free(ec);
  free(ids);
  free(last);
  free(cnt);
  return r;
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
static int event_type_facet(sq_store *s, hoso_json *w, const sq_hits *h,
                            hoso_error *err) {
  const sq_ment *m = &s->ment;
  size_t n_art = s->cache.cap;
  for (size_t i = 0; i < h->n; i++)
    if (h->ids[i] >= 0 && (size_t)h->ids[i] + 1 > n_art) n_art = (size_t)h->ids[i] + 1;
  uint8_t *hit = calloc(n_art + 1, 1);
  uint8_t *seen = calloc((size_t)m->max_event + 1, 1);
  type_count *tc = calloc(m->n_types + 1, sizeof(*tc));
  if (!hit || !seen || !tc) {
    free(hit);
    free(seen);
    free(tc);
    return hoso__err(err, HOSO_ENOMEM, "out of memory");
  }
  for (size_t i = 0; i < h->n; i++)
    if (h->ids[i] >= 0) hit[h->ids[i]] = 1;
  for (size_t t = 0; t < m->n_types; t++) tc[t].type = m->types[t];
  for (size_t i = 0; i < m->n_es; i++) {
    int64_t a = m->es_art[i], e = m->es_event[i];
    if (a < 0 || (size_t)a >= n_art || !hit[a] || seen[e]) continue;
    seen[e] = 1;
    tc[m->es_type[i]].count++;
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
  free(hit);
  free(seen);
  free(tc);
  return HOSO_OK;
}

static int facets(sq_store *s, hoso_json *w, const story_hit *sh, size_t n_sh,
                  const sq_hits *h, hoso_error *err) {
  hoso__json_key(w, "facets");
  hoso__json_obj_begin(w);
  for (int which = 0; which < 2; which++) {
    kv *v;
    size_t n;
    if (facet_counts(s, sh, n_sh, h, which, &v, &n))
      return hoso__err(err, HOSO_ENOMEM, "out of memory");
    hoso__json_key(w, which ? "years" : "outlets");
    hoso__json_arr_begin(w);
    sqlite3_stmt *st = NULL;
    if (!which &&
        sqlite3_prepare_v2(s->db, "SELECT name FROM outlet WHERE id=?1", -1, &st,
                           NULL) != SQLITE_OK) {
      free(v);
      return hoso__sq_err(s, err, sqlite3_errcode(s->db), "cannot count facets");
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
    sqlite3_finalize(st);
    free(v);
  }
  /* people, organisations, event types: through the tables, when any */
  sqlite3_stmt *st;
  int have = 0;
  if (sqlite3_prepare_v2(s->db,
                         "SELECT EXISTS(SELECT 1 FROM mention) OR"
                         " EXISTS(SELECT 1 FROM event_source)",
                         -1, &st, NULL) == SQLITE_OK) {
    if (sqlite3_step(st) == SQLITE_ROW) have = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
  }
  int rc = HOSO_OK;
  /* the in-memory mention index when current; loaded for many hits */
  int ok = 0;
  /* a one-off search (the command line) counts through SQL; a handle that
  ** serves many (the server) loads the index once */
  if (have)
    rc = hoso__sq_ment_load(s, s->facet_searches > 0, &ok, err);
  s->facet_searches++;
  if (have && ok && !rc) {
    rc = entity_facets(s, w, h, ok, err);
    if (!rc) rc = event_type_facet(s, w, h, err);
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

int hoso__sq_search(hoso_store *stp, const hoso_qnode *q, const hoso_query *opt,
                    hoso_json *w, hoso_error *err) {
  sq_store *s = (sq_store *)stp;
  sq_hits h;
  hoso_buf terms;
  hoso__buf_init(&terms, 1 << 20);
  int rc = hoso__sq_match(s, q, opt, &h, &terms, err);
  if (rc) {
    hoso__buf_free(&terms);
    return rc;
  }
  unsigned flags = opt ? opt->flags : 0;
  story_hit *sh;
  size_t n_sh;
  if (group(s, &h, flags, (flags & HOSO_Q_ARTICLES) != 0, &sh, &n_sh)) {
    hoso__sq_hits_free(&h);
    hoso__buf_free(&terms);
    return hoso__err(err, HOSO_ENOMEM, "out of memory");
  }
  int64_t offset = opt && opt->offset > 0 ? opt->offset : 0;
  int64_t limit = opt && opt->limit > 0 ? opt->limit : 10;
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
    int64_t story = (flags & HOSO_Q_ARTICLES) ? s->cache.story[c->best] : c->story;
    hoso__json_obj_begin(w);
    hoso__json_key(w, "rank");
    hoso__json_int(w, i + 1);
    hoso__json_key(w, "story");
    hoso__json_int(w, story);
    hoso__json_key(w, "score");
    hoso__json_double(w, -c->score);
    hoso__json_key(w, "matching_articles");
    hoso__json_int(w, c->n);
    rc = article_brief(s, w, c->best, &terms, !(flags & HOSO_Q_NO_SNIPPETS), err);
    if (!rc) rc = story_body(s, w, story, err);
    hoso__json_obj_end(w);
  }
  hoso__json_arr_end(w);
  if (!rc && !(flags & HOSO_Q_NO_FACETS)) rc = facets(s, w, sh, n_sh, &h, err);
  hoso__json_obj_end(w);
  free(sh);
  hoso__sq_hits_free(&h);
  hoso__buf_free(&terms);
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
  rc = story_body(s, w, id, err);
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
    int64_t story = (size_t)id < s->cache.cap ? s->cache.story[id] : 0;
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
    r = story_body(s, w, story, err);
    hoso__json_obj_end(w);
  }
  hoso__json_obj_end(w);
  return r;
}
