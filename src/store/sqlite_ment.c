/* sqlite_ment.c -- the in-memory mention index of the search facets: the
** people and organisations each article mentions (sq_ment, sqlite_int.h).
** One scan of the entity kinds and one of the mention table; kept until
** the database changes. */
#include <stdlib.h>
#include <string.h>

#include "store/sqlite_int.h"

void hoso__sq_ment_free(sq_ment *m) {
  free(m->off);
  free(m->ent);
  free(m->kind);
  free(m->es_art);
  free(m->es_event);
  free(m->es_type);
  free(m->es_off);
  free(m->es_bits);
  free(m->rent);
  free(m->rkind);
  free(m->eoff);
  free(m->eart);
  free(m->by_df[0]);
  free(m->by_df[1]);
  free(m->names);
  free(m->rname);
  free(m->rname_n);
  free(m->rord);
  for (size_t i = 0; i < m->n_types; i++) free(m->types[i]);
  free(m->types);
  memset(m, 0, sizeof(*m));
}

typedef struct dfe {
  uint32_t df;
  int32_t e;
} dfe;

static int cmp_dfe(const void *a, const void *b) {
  const dfe *x = a, *y = b;
  if (x->df != y->df) return x->df > y->df ? -1 : 1;
  return (x->e > y->e) - (x->e < y->e);
}

/* Number the entities by rank (ent[] then holds ranks) and build the
** by-entity side of the index from the by-article side. */
static int invert(sq_ment *m) {
  uint32_t w = m->off[m->n_art];
  uint32_t *df = calloc(m->n_ent + 1, sizeof(uint32_t));
  int32_t *rank_of = malloc((m->n_ent + 1) * sizeof(int32_t));
  if (!df || !rank_of) {
    free(df);
    free(rank_of);
    return HOSO_ENOMEM;
  }
  for (uint32_t i = 0; i < w; i++) df[m->ent[i]]++;
  size_t nr = 0;
  for (size_t e = 0; e < m->n_ent; e++) nr += df[e] > 0;
  dfe *v = malloc((nr + 1) * sizeof(*v));
  m->rent = malloc((nr + 1) * sizeof(int32_t));
  m->rkind = malloc(nr + 1);
  m->eoff = calloc(nr + 1, sizeof(uint32_t));
  m->eart = malloc(((size_t)w + 1) * sizeof(int32_t));
  uint32_t *fill = malloc((nr + 1) * sizeof(uint32_t));
  if (!v || !m->rent || !m->rkind || !m->eoff || !m->eart || !fill) {
    free(df);
    free(rank_of);
    free(v);
    free(fill);
    return HOSO_ENOMEM;
  }
  nr = 0;
  for (size_t e = 0; e < m->n_ent; e++)
    if (df[e]) v[nr++] = (dfe){df[e], (int32_t)e};
  qsort(v, nr, sizeof(*v), cmp_dfe);
  for (size_t r = 0; r < nr; r++) {
    m->rent[r] = v[r].e;
    m->rkind[r] = m->kind[v[r].e];
    rank_of[v[r].e] = (int32_t)r;
    m->eoff[r + 1] = m->eoff[r] + v[r].df;
  }
  m->n_rank = nr;
  for (uint32_t i = 0; i < w; i++) m->ent[i] = rank_of[m->ent[i]];
  /* each row by rank (short rows: insertion sort), so an article's
  ** frequent entities come first and a count over the frequent ones
  ** stops at the first rare one (entity_facets_mem, sqlite_facets_mem.c) */
  for (size_t a = 0; a < m->n_art; a++)
    for (uint32_t i = m->off[a] + 1; i < m->off[a + 1]; i++) {
      int32_t x = m->ent[i];
      uint32_t j = i;
      while (j > m->off[a] && m->ent[j - 1] > x) {
        m->ent[j] = m->ent[j - 1];
        j--;
      }
      m->ent[j] = x;
    }
  memcpy(fill, m->eoff, (nr + 1) * sizeof(uint32_t));
  for (size_t a = 0; a < m->n_art; a++)
    for (uint32_t i = m->off[a]; i < m->off[a + 1]; i++)
      m->eart[fill[m->ent[i]]++] = (int32_t)a;
  free(fill);
  free(v);
  free(df);
  free(rank_of);
  for (int k = 0; k < 2; k++) {
    size_t n = 0;
    for (size_t r = 0; r < nr; r++) n += m->rkind[r] == k + 1;
    m->by_df[k] = malloc((n + 1) * sizeof(int32_t));
    if (!m->by_df[k]) return HOSO_ENOMEM;
    n = 0;
    for (size_t r = 0; r < nr; r++)
      if (m->rkind[r] == k + 1) m->by_df[k][n++] = (int32_t)r;
    m->n_by_df[k] = n;
    for (size_t i = 0; i < n && i < SQ_FACET_TOP; i++)
      m->head_df += m->eoff[m->by_df[k][i] + 1] - m->eoff[m->by_df[k][i]];
  }
  return HOSO_OK;
}

typedef struct named {
  const char *name;
  int32_t id, rank;
} named;

static int cmp_named(const void *a, const void *b) {
  const named *x = a, *y = b;
  int c = strcmp(x->name, y->name);
  if (c) return c;
  return (x->id > y->id) - (x->id < y->id);
}

/* Per rank its name (from the names read by id) and its place in (name,
** id) order. */
static int name_order(sq_ment *m, const uint32_t *noff, const uint32_t *nlen) {
  size_t nr = m->n_rank;
  named *v = malloc((nr + 1) * sizeof(*v));
  m->rname = malloc((nr + 1) * sizeof(uint32_t));
  m->rname_n = malloc((nr + 1) * sizeof(uint32_t));
  m->rord = malloc((nr + 1) * sizeof(uint32_t));
  if (!v || !m->rname || !m->rname_n || !m->rord) {
    free(v);
    return HOSO_ENOMEM;
  }
  for (size_t r = 0; r < nr; r++) {
    int32_t e = m->rent[r];
    m->rname[r] = noff[e];
    m->rname_n[r] = nlen[e];
    v[r] = (named){m->names + noff[e], e, (int32_t)r};
  }
  qsort(v, nr, sizeof(*v), cmp_named);
  for (size_t i = 0; i < nr; i++) m->rord[v[i].rank] = (uint32_t)i;
  free(v);
  return HOSO_OK;
}

/* SELECT max(id) of a table (0 when empty). */
static int max_id(sq_store *s, const char *sql, int64_t *out, hoso_error *err) {
  sqlite3_stmt *st;
  int rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL);
  if (rc != SQLITE_OK) return hoso__sq_err(s, err, rc, "cannot count facets");
  rc = sqlite3_step(st);
  *out = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
  sqlite3_finalize(st);
  if (rc != SQLITE_ROW) return hoso__sq_err(s, err, rc, "cannot count facets");
  return HOSO_OK;
}

static int events_by_article(sq_ment *m);

/* Every event source with its event's type. */
static int load_events(sq_store *s, sq_ment *m, hoso_error *err) {
  sqlite3_stmt *st;
  int rc = sqlite3_prepare_v2(s->db,
                              "SELECT es.article_id, es.event_id, e.type FROM"
                              " event_source es JOIN event e ON e.id=es.event_id",
                              -1, &st, NULL);
  if (rc != SQLITE_OK) return hoso__sq_err(s, err, rc, "cannot count facets");
  size_t cap = 0, tcap = 0;
  int r = HOSO_OK;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    if (m->n_es == cap) {
      size_t nc = cap ? cap * 2 : 1024;
      int64_t *a = realloc(m->es_art, nc * sizeof(int64_t));
      if (a) m->es_art = a;
      int64_t *e = a ? realloc(m->es_event, nc * sizeof(int64_t)) : NULL;
      if (e) m->es_event = e;
      uint32_t *t = e ? realloc(m->es_type, nc * sizeof(uint32_t)) : NULL;
      if (!t) {
        r = hoso__err(err, HOSO_ENOMEM, "out of memory");
        break;
      }
      m->es_type = t;
      cap = nc;
    }
    const char *ty = (const char *)sqlite3_column_text(st, 2);
    size_t tn = (size_t)sqlite3_column_bytes(st, 2);
    if (!ty) ty = "";
    size_t k = 0;
    while (k < m->n_types && strcmp(m->types[k], ty)) k++;
    if (k == m->n_types) {
      if (m->n_types == tcap) {
        size_t nc = tcap ? tcap * 2 : 16;
        char **nt = realloc(m->types, nc * sizeof(char *));
        if (!nt) {
          r = hoso__err(err, HOSO_ENOMEM, "out of memory");
          break;
        }
        m->types = nt;
        tcap = nc;
      }
      char *copy = malloc(tn + 1);
      if (!copy) {
        r = hoso__err(err, HOSO_ENOMEM, "out of memory");
        break;
      }
      memcpy(copy, ty, tn);
      copy[tn] = 0;
      m->types[m->n_types++] = copy;
    }
    int64_t ev = sqlite3_column_int64(st, 1);
    if (ev > m->max_event) m->max_event = ev;
    m->es_art[m->n_es] = sqlite3_column_int64(st, 0);
    m->es_event[m->n_es] = ev;
    m->es_type[m->n_es] = (uint32_t)k;
    m->n_es++;
  }
  sqlite3_finalize(st);
  if (!r && rc != SQLITE_DONE) r = hoso__sq_err(s, err, rc, "cannot count facets");
  if (!r) r = events_by_article(m) ? hoso__err(err, HOSO_ENOMEM, "out of memory") : HOSO_OK;
  return r;
}

/* The event sources ordered by article (a counting sort, stable), with
** each article's rows (es_off) and a bit per article that has any
** (es_bits), so the event-type facet reads only the rows of hit articles
** that have events. Rows of articles outside 0 .. INT32_MAX-1 are
** dropped (no hit has such an id). */
static int events_by_article(sq_ment *m) {
  int64_t max_a = -1;
  size_t n = 0;
  for (size_t i = 0; i < m->n_es; i++)
    if (m->es_art[i] >= 0 && m->es_art[i] < INT32_MAX) {
      n++;
      if (m->es_art[i] > max_a) max_a = m->es_art[i];
    }
  size_t na = (size_t)(max_a + 1);
  m->n_es_art = na;
  m->es_off = calloc(na + 2, sizeof(uint32_t));
  m->es_bits = calloc(na / 64 + 1, sizeof(uint64_t));
  int64_t *art = malloc((n + 1) * sizeof(int64_t));
  int64_t *ev = malloc((n + 1) * sizeof(int64_t));
  uint32_t *ty = malloc((n + 1) * sizeof(uint32_t));
  if (!m->es_off || !m->es_bits || !art || !ev || !ty || n >= UINT32_MAX) {
    free(art);
    free(ev);
    free(ty);
    return HOSO_ENOMEM;
  }
  for (size_t i = 0; i < m->n_es; i++) {
    int64_t a = m->es_art[i];
    if (a < 0 || a >= INT32_MAX) continue;
    m->es_off[a + 2]++;
    m->es_bits[a / 64] |= (uint64_t)1 << (a % 64);
  }
  for (size_t a = 0; a < na; a++) m->es_off[a + 2] += m->es_off[a + 1];
  /* es_off[a + 1] is article a's cursor; after the fill it is its end */
  for (size_t i = 0; i < m->n_es; i++) {
    int64_t a = m->es_art[i];
    if (a < 0 || a >= INT32_MAX) continue;
    uint32_t at = m->es_off[a + 1]++;
    art[at] = a;
    ev[at] = m->es_event[i];
    ty[at] = m->es_type[i];
  }
  free(m->es_art);
  free(m->es_event);
  free(m->es_type);
  m->es_art = art;
  m->es_event = ev;
  m->es_type = ty;
  m->n_es = n;
  return HOSO_OK;
}

/* The load with the entity ids up to max_ent and articles up to max_art;
** noff and nlen (max_ent + 1 each, zeroed) take the names by id. */
static int load_with(sq_store *s, sq_ment *m, int64_t max_ent, int64_t max_art,
                     uint32_t *noff, uint32_t *nlen, int *ok, hoso_error *err) {
  /* kinds, and the names of people and organisations (by id: offsets
  ** into m->names, made per rank by name_order) */
  size_t ncap = 1 << 16;
  m->names = malloc(ncap);
  if (!m->names) return hoso__err(err, HOSO_ENOMEM, "out of memory");
  m->names_n = 0;
  sqlite3_stmt *st;
  int rc = sqlite3_prepare_v2(s->db, "SELECT id, kind, name FROM entity", -1, &st, NULL);
  if (rc != SQLITE_OK) return hoso__sq_err(s, err, rc, "cannot count facets");
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    int64_t id = sqlite3_column_int64(st, 0);
    int k = sqlite3_column_int(st, 1);
    if (id < 0 || id > max_ent || (k != 1 && k != 2)) continue;
    const char *nm = (const char *)sqlite3_column_text(st, 2);
    size_t nl = nm ? strlen(nm) : 0; /* up to a NUL, as the facets compare */
    if (m->names_n + nl + 1 > UINT32_MAX) continue; /* (4 GB of names) */
    if (m->names_n + nl + 1 > ncap) {
      while (m->names_n + nl + 1 > ncap) ncap *= 2;
      char *x = realloc(m->names, ncap);
      if (!x) {
        sqlite3_finalize(st);
        return hoso__err(err, HOSO_ENOMEM, "out of memory");
      }
      m->names = x;
    }
    m->kind[id] = (uint8_t)k;
    noff[id] = (uint32_t)m->names_n;
    nlen[id] = (uint32_t)nl;
    if (nl) memcpy(m->names + m->names_n, nm, nl);
    m->names[m->names_n + nl] = 0;
    m->names_n += nl + 1;
  }
  sqlite3_finalize(st);
  if (rc != SQLITE_DONE) return hoso__sq_err(s, err, rc, "cannot count facets");
  /* (article, entity) pairs of kinds 1 and 2, then a counting sort */
  size_t cap = 1 << 16, n = 0;
  int32_t *pairs = malloc(cap * 2 * sizeof(int32_t));
  if (!pairs) return hoso__err(err, HOSO_ENOMEM, "out of memory");
  rc = sqlite3_prepare_v2(s->db, "SELECT article_id, entity_id FROM mention", -1,
                          &st, NULL);
  if (rc != SQLITE_OK) {
    free(pairs);
    return hoso__sq_err(s, err, rc, "cannot count facets");
  }
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    int64_t a = sqlite3_column_int64(st, 0), e = sqlite3_column_int64(st, 1);
    if (a < 0 || a > max_art || e < 0 || e > max_ent || !m->kind[e]) continue;
    if (n == cap) {
      int32_t *np = n < ((size_t)1 << 28) ? realloc(pairs, cap * 4 * sizeof(int32_t)) : NULL;
      if (!np) {
        sqlite3_finalize(st);
        free(pairs);
        return hoso__err(err, HOSO_ENOMEM, "out of memory");
      }
      pairs = np;
      cap *= 2;
    }
    pairs[2 * n] = (int32_t)a;
    pairs[2 * n + 1] = (int32_t)e;
    n++;
  }
  sqlite3_finalize(st);
  if (rc != SQLITE_DONE) {
    free(pairs);
    return hoso__sq_err(s, err, rc, "cannot count facets");
  }
  m->ent = malloc((n + 1) * sizeof(int32_t));
  if (!m->ent || n >= UINT32_MAX) {
    free(pairs);
    return hoso__err(err, HOSO_ENOMEM, "out of memory");
  }
  for (size_t i = 0; i < n; i++) m->off[pairs[2 * i] + 1]++;
  for (size_t a = 0; a < m->n_art; a++) m->off[a + 1] += m->off[a];
  uint32_t *fill = malloc((m->n_art + 1) * sizeof(uint32_t));
  if (!fill) {
    free(pairs);
    return hoso__err(err, HOSO_ENOMEM, "out of memory");
  }
  memcpy(fill, m->off, (m->n_art + 1) * sizeof(uint32_t));
  for (size_t i = 0; i < n; i++) m->ent[fill[pairs[2 * i]]++] = pairs[2 * i + 1];
  free(fill);
  free(pairs);
  /* each article's entities once (an entity mentioned twice counts one
  ** article): sort each row (short: insertion sort), drop repeats, close
  ** the gaps */
  uint32_t w = 0;
  for (size_t a = 0; a < m->n_art; a++) {
    uint32_t b = m->off[a], e = m->off[a + 1];
    for (uint32_t i = b + 1; i < e; i++) {
      int32_t x = m->ent[i];
      uint32_t j = i;
      while (j > b && m->ent[j - 1] > x) {
        m->ent[j] = m->ent[j - 1];
        j--;
      }
      m->ent[j] = x;
    }
    m->off[a] = w;
    for (uint32_t i = b; i < e; i++)
      if (i == b || m->ent[i] != m->ent[i - 1]) m->ent[w++] = m->ent[i];
  }
  m->off[m->n_art] = w;
  if (invert(m) || name_order(m, noff, nlen))
    return hoso__err(err, HOSO_ENOMEM, "out of memory");
  int r2 = load_events(s, m, err);
  if (r2) return r2;
  rc = sqlite3_prepare_v2(s->db,
                          "SELECT EXISTS(SELECT 1 FROM mention) OR"
                          " EXISTS(SELECT 1 FROM event_source)",
                          -1, &st, NULL);
  if (rc != SQLITE_OK) return hoso__sq_err(s, err, rc, "cannot count facets");
  rc = sqlite3_step(st);
  m->have = rc == SQLITE_ROW && sqlite3_column_int(st, 0);
  sqlite3_finalize(st);
  if (rc != SQLITE_ROW) return hoso__sq_err(s, err, rc, "cannot count facets");
  if (m->max_event >= INT32_MAX) return HOSO_OK;
  for (size_t i = 0; i < m->n_es; i++)
    if (m->es_event[i] < 0) return HOSO_OK; /* *ok stays 0 */
  *ok = 1;
  return HOSO_OK;
}

static int load(sq_store *s, sq_ment *m, int *ok, hoso_error *err) {
  int64_t max_ent, max_art;
  int r = max_id(s, "SELECT max(id) FROM entity", &max_ent, err);
  if (!r) r = max_id(s, "SELECT max(article_id) FROM mention", &max_art, err);
  if (r) return r;
  if (max_ent < 0 || max_art < 0 || max_ent >= INT32_MAX || max_art >= INT32_MAX)
    return HOSO_OK; /* *ok stays 0: the SQL path counts */
  m->n_ent = (size_t)max_ent + 1;
  m->n_art = (size_t)max_art + 1;
  m->kind = calloc(m->n_ent, 1);
  m->off = calloc(m->n_art + 1, sizeof(uint32_t));
  uint32_t *noff = calloc(m->n_ent, sizeof(uint32_t));
  uint32_t *nlen = calloc(m->n_ent, sizeof(uint32_t));
  if (!m->kind || !m->off || !noff || !nlen)
    r = hoso__err(err, HOSO_ENOMEM, "out of memory");
  else
    r = load_with(s, m, max_ent, max_art, noff, nlen, ok, err);
  free(noff);
  free(nlen);
  return r;
}

int hoso__sq_ment_load(sq_store *s, int want, int *ok, hoso_error *err) {
  *ok = 0;
  int64_t version = -1, changes = -1;
  int r = hoso__sq_db_state(s, &version, &changes, err); /* what the load is valid for */
  if (r) return r;
  sq_ment *m = &s->ment;
  if (m->loaded && m->data_version == version && m->changes == changes) {
    *ok = 1;
    return HOSO_OK;
  }
  hoso__sq_ment_free(m);
  if (!want) return HOSO_OK;
  r = load(s, m, ok, err);
  if (r || !*ok) {
    hoso__sq_ment_free(m);
    *ok = 0;
    return r;
  }
  m->loaded = 1;
  m->data_version = version;
  m->changes = changes;
  return HOSO_OK;
}
