/* pg_put.c -- storing articles in PostgreSQL: dedupe by constraint,
** story assignment (the same MinHash LSH as the SQLite backend), the
** original bytes (zlib), entities, events, errors. Safe with many
** concurrent writers: every "insert unless there" is one INSERT ... ON
** CONFLICT statement, so two processes storing the same article store it
** once (the second sees a duplicate), with no lock taken by hoso. */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "store/minhash.h"
#include "store/pg_int.h"
#include "text/text.h"

/* bytea text input: "\x" and two hex digits per byte, into out. */
static int hex_bytes(hoso_buf *out, const void *p, size_t n) {
  static const char hx[] = "0123456789abcdef";
  const unsigned char *b = p;
  int rc = hoso__buf_reserve(out, 2 * n + 3);
  if (rc) return rc;
  out->p[out->n++] = '\\';
  out->p[out->n++] = 'x';
  for (size_t i = 0; i < n; i++) {
    out->p[out->n++] = hx[b[i] >> 4];
    out->p[out->n++] = hx[b[i] & 15];
  }
  out->p[out->n] = '\0';
  return HOSO_OK;
}

static int unhex(char c) {
  return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* Two int64 columns of the first row, if any. */
static int lookup(pg_store *s, const char *sql, const char *key, int64_t *a,
                  int64_t *b, int *found, hoso_error *err) {
  *found = 0;
  if (!key) return HOSO_OK;
  const char *p[1] = {key};
  PGresult *r = hoso__pg_exec(s, sql, 1, p, err, "cannot look up article");
  if (!r) return HOSO_EDB;
  if (PQntuples(r) > 0) {
    *found = 1;
    if (a) *a = strtoll(PQgetvalue(r, 0, 0), NULL, 10);
    if (b) *b = strtoll(PQgetvalue(r, 0, 1), NULL, 10);
  }
  PQclear(r);
  return HOSO_OK;
}

static const char by_hash[] =
    "SELECT id, story_id FROM article WHERE content_hash=$1";
static const char by_url[] =
    "SELECT id, story_id FROM article WHERE canonical_url=$1";

int hoso__pg_has_article(hoso_store *st, const char *hash, const char *url,
                         int *found, hoso_error *err) {
  pg_store *s = (pg_store *)st;
  int rc = lookup(s, by_hash, hash, NULL, NULL, found, err);
  if (!rc && !*found) rc = lookup(s, by_url, url, NULL, NULL, found, err);
  return rc;
}

/* The story of the most similar stored article, if similar enough: the
** SQLite backend's rule (store/minhash.h), over the same LSH bands. */
static int find_story(pg_store *s, const uint32_t *sig, const int64_t *bands,
                      int64_t *story, hoso_error *err) {
  hoso_buf arr;
  hoso__buf_init(&arr, 0);
  int rc = hoso__buf_addc(&arr, '{');
  for (int b = 0; b < HOSO_LSH_BANDS && !rc; b++)
    rc = hoso__buf_printf(&arr, "%s%" PRId64, b ? "," : "", bands[b]);
  if (!rc) rc = hoso__buf_addc(&arr, '}');
  if (rc) {
    hoso__buf_free(&arr);
    return hoso__err(err, rc, "out of memory");
  }
  const char *p[1] = {arr.p};
  PGresult *r = hoso__pg_exec(
      s,
      "SELECT a.story_id, a.minhash FROM article a WHERE a.id IN"
      " (SELECT article_id FROM lsh WHERE band = ANY($1::bigint[]) LIMIT 1024)",
      1, p, err, "cannot read duplicates");
  hoso__buf_free(&arr);
  if (!r) return HOSO_EDB;
  double best = 0;
  *story = 0;
  for (int i = 0; i < PQntuples(r); i++) {
    const char *hex = PQgetvalue(r, i, 1);
    uint32_t other[HOSO_MINHASH_N];
    unsigned char *o = (unsigned char *)other;
    if (strlen(hex) != 2 + 2 * sizeof other) continue;
    int bad = 0;
    for (size_t k = 0; k < sizeof other && !bad; k++) {
      int hi = unhex(hex[2 + 2 * k]), lo = unhex(hex[3 + 2 * k]);
      bad = hi < 0 || lo < 0;
      o[k] = (unsigned char)(hi * 16 + lo);
    }
    if (bad) continue;
    double sim = hoso__minhash_sim(sig, other);
    if (sim >= HOSO_DUP_JACCARD && sim > best) {
      best = sim;
      *story = strtoll(PQgetvalue(r, i, 0), NULL, 10);
    }
  }
  PQclear(r);
  return HOSO_OK;
}

/* Insert-or-get an id: the upsert returns the row either way. */
static int upsert_id(pg_store *s, const char *sql, int n,
                     const char *const *p, int64_t *id, const char *what,
                     hoso_error *err) {
  PGresult *r = hoso__pg_exec(s, sql, n, p, err, what);
  if (!r) return HOSO_EDB;
  *id = PQntuples(r) ? strtoll(PQgetvalue(r, 0, 0), NULL, 10) : 0;
  PQclear(r);
  return *id ? HOSO_OK : hoso__err(err, HOSO_EDB, "%s: no id returned", what);
}

static int entity_id(pg_store *s, int kind, const char *name, int64_t *id,
                     hoso_error *err) {
  hoso_buf key;
  hoso__buf_init(&key, 4096);
  int rc = hoso__fold_append(&key, name, strlen(name));
  if (rc || !key.p) {
    hoso__buf_free(&key);
    return hoso__err(err, rc ? rc : HOSO_EARG, "bad entity name");
  }
  char k[16];
  snprintf(k, sizeof k, "%d", kind);
  const char *p[3] = {k, key.p, name};
  /* update first, insert only when absent: an id is drawn from the
  ** sequence only for a new entity, so ids are dense and in first-seen
  ** order, as in the SQLite backend; ON CONFLICT covers a concurrent
  ** writer inserting the same entity in between */
  rc = upsert_id(s,
                 "WITH u AS (UPDATE entity SET mentions = mentions + 1 WHERE"
                 " kind = $1::int AND key = $2 RETURNING id), i AS (INSERT INTO"
                 " entity(kind, key, name, mentions) SELECT $1::int, $2, $3, 1"
                 " WHERE NOT EXISTS (SELECT 1 FROM u) ON CONFLICT (kind, key)"
                 " DO UPDATE SET mentions = entity.mentions + 1 RETURNING id)"
                 " SELECT id FROM u UNION ALL SELECT id FROM i",
                 3, p, id, "cannot store entity", err);
  hoso__buf_free(&key);
  return rc;
}

static int put_events(pg_store *s, const hoso_store_article *a,
                      const char *art, const char *story, hoso_error *err) {
  for (size_t i = 0; i < a->n_events; i++) {
    const hoso_store_event *e = &a->events[i];
    if (!e->type) continue;
    char key[160], st_s[24], en_s[24];
    snprintf(key, sizeof key, "%s|%s", e->type, e->date ? e->date : "");
    snprintf(st_s, sizeof st_s, "%zu", e->start);
    snprintf(en_s, sizeof en_s, "%zu", e->end);
    int64_t day;
    char day_s[24];
    int dated = e->date && hoso__pg_parse_day(e->date, 0, &day) == 0;
    if (dated) snprintf(day_s, sizeof day_s, "%" PRId64, day);
    const char *p[7] = {story, e->type, e->date, e->place, e->summary, key,
                        dated ? day_s : NULL};
    int64_t ev;
    /* a no-op update so the existing event's id comes back */
    int rc = upsert_id(
        s,
        "WITH f AS (SELECT id FROM event WHERE story_id = $1::bigint AND"
        " key = $6), i AS (INSERT INTO event(story_id, type, date, day, place,"
        " summary, key) SELECT $1::bigint, $2, $3, $7::int, $4, $5, $6 WHERE"
        " NOT EXISTS (SELECT 1 FROM f) ON CONFLICT (story_id, key) DO UPDATE"
        " SET type = EXCLUDED.type RETURNING id)"
        " SELECT id FROM f UNION ALL SELECT id FROM i",
        7, p, &ev, "cannot store event", err);
    if (rc) return rc;
    char ev_s[24];
    snprintf(ev_s, sizeof ev_s, "%" PRId64, ev);
    const char *q[4] = {ev_s, art, st_s, en_s};
    rc = hoso__pg_cmd(s,
                      "INSERT INTO event_source(event_id, article_id, start_at,"
                      " end_at) VALUES($1, $2, $3, $4) ON CONFLICT DO NOTHING",
                      4, q, err, "cannot store event source");
    for (size_t k = 0; k < e->n_parts && !rc; k++) {
      if (!e->parts[k].name || !*e->parts[k].name) continue;
      int64_t ent;
      rc = entity_id(s, e->parts[k].kind ? e->parts[k].kind : HOSO_ENTITY_PERSON,
                     e->parts[k].name, &ent, err);
      char ent_s[24];
      snprintf(ent_s, sizeof ent_s, "%" PRId64, ent);
      const char *pp[3] = {ev_s, ent_s, e->parts[k].title};
      if (!rc)
        rc = hoso__pg_cmd(s,
                          "INSERT INTO participant(event_id, entity_id, title)"
                          " VALUES($1, $2, $3) ON CONFLICT DO NOTHING",
                          3, pp, err, "cannot store participant");
    }
    if (rc) return rc;
  }
  return HOSO_OK;
}

static int put_original(pg_store *s, const hoso_store_article *a,
                        const char *art, hoso_error *err) {
  uLongf zn = compressBound((uLong)a->original_n);
  unsigned char *z = malloc(zn ? zn : 1);
  if (!z) return hoso__err(err, HOSO_ENOMEM, "out of memory compressing");
  if (compress2(z, &zn, (const Bytef *)(a->original ? a->original : ""),
                (uLong)a->original_n, 3) != Z_OK) {
    free(z);
    return hoso__err(err, HOSO_EINTERNAL, "zlib failed");
  }
  hoso_buf hex;
  hoso__buf_init(&hex, 0);
  int rc = hex_bytes(&hex, z, zn);
  free(z);
  if (rc) {
    hoso__buf_free(&hex);
    return hoso__err(err, rc, "out of memory");
  }
  char size[24];
  snprintf(size, sizeof size, "%zu", a->original_n);
  const char *p[3] = {art, hex.p, size};
  rc = hoso__pg_cmd(s,
                    "INSERT INTO original(article_id, encoding, bytes, size)"
                    " VALUES($1, 'zlib', $2::bytea, $3)",
                    3, p, err, "cannot store original");
  hoso__buf_free(&hex);
  return rc;
}

int hoso__pg_put_article(hoso_store *stp, const hoso_store_article *a,
                         hoso_store_put *out, hoso_error *err) {
  pg_store *s = (pg_store *)stp;
  memset(out, 0, sizeof(*out));
  int found;
  int rc = lookup(s, by_hash, a->content_hash, &out->article_id,
                  &out->story_id, &found, err);
  if (!rc && !found)
    rc = lookup(s, by_url, a->canonical_url, &out->article_id, &out->story_id,
                &found, err);
  if (rc) return rc;
  if (found) {
    out->duplicate = 1;
    return HOSO_OK;
  }
  int64_t bands[HOSO_LSH_BANDS], story = 0, outlet = 0;
  hoso__minhash_bands(a->minhash, bands);
  rc = find_story(s, a->minhash, bands, &story, err);
  if (!rc && a->outlet && *a->outlet) {
    const char *p[1] = {a->outlet};
    rc = upsert_id(s,
                   "WITH f AS (SELECT id FROM outlet WHERE name = $1), i AS"
                   " (INSERT INTO outlet(name) SELECT $1 WHERE NOT EXISTS"
                   " (SELECT 1 FROM f) ON CONFLICT (name) DO UPDATE SET"
                   " name = EXCLUDED.name RETURNING id)"
                   " SELECT id FROM f UNION ALL SELECT id FROM i",
                   1, p, &outlet, "cannot store outlet", err);
  }
  if (rc) return rc;

  hoso_buf sig;
  hoso__buf_init(&sig, 0);
  if (hex_bytes(&sig, a->minhash, sizeof a->minhash))
    return hoso__err(err, HOSO_ENOMEM, "out of memory");
  char story_s[24], outlet_s[24], day_s[24];
  snprintf(story_s, sizeof story_s, "%" PRId64, story);
  snprintf(outlet_s, sizeof outlet_s, "%" PRId64, outlet);
  snprintf(day_s, sizeof day_s, "%" PRId64, a->published_day);
  hoso_buf text;
  hoso__buf_init(&text, 0);
  if (hoso__buf_add(&text, a->text ? a->text : "", a->text_n)) {
    hoso__buf_free(&sig);
    return hoso__err(err, HOSO_ENOMEM, "out of memory");
  }
  const char *p[15] = {
      story ? story_s : NULL, a->content_hash, a->url, a->canonical_url,
      outlet ? outlet_s : NULL, a->lang, a->title, a->author, a->credit,
      a->published, a->published_day != INT64_MIN ? day_s : NULL, a->origin,
      text.p ? text.p : "", a->record_json, sig.p};
  /* A new story takes its id from the sequence here; the foreign key is
  ** checked at commit, after the story row exists. A conflict on the
  ** content hash or canonical URL (another writer got there first) returns
  ** no row: a duplicate, and nothing is written. */
  PGresult *r = hoso__pg_exec(
      s,
      "INSERT INTO article(story_id, content_hash, url, canonical_url,"
      " outlet_id, lang, title, author, credit, published, published_day,"
      " origin, text, record, minhash) VALUES(COALESCE($1::bigint,"
      " nextval(pg_get_serial_sequence('hoso.story', 'id'))), $2, $3, $4, $5,"
      " $6, $7, $8, $9, $10, $11, $12, $13, $14, $15::bytea)"
      " ON CONFLICT DO NOTHING RETURNING id, story_id",
      15, p, err, "cannot store article");
  hoso__buf_free(&sig);
  hoso__buf_free(&text);
  if (!r) return HOSO_EDB;
  if (PQntuples(r) == 0) {
    PQclear(r);
    rc = lookup(s, by_hash, a->content_hash, &out->article_id, &out->story_id,
                &found, err);
    if (!rc && !found)
      rc = lookup(s, by_url, a->canonical_url, &out->article_id,
                  &out->story_id, &found, err);
    out->duplicate = 1;
    return rc;
  }
  char art_s[24];
  snprintf(art_s, sizeof art_s, "%s", PQgetvalue(r, 0, 0));
  snprintf(story_s, sizeof story_s, "%s", PQgetvalue(r, 0, 1));
  out->article_id = strtoll(art_s, NULL, 10);
  out->story_id = strtoll(story_s, NULL, 10);
  PQclear(r);
  if (!story) {
    const char *q[1] = {story_s};
    rc = hoso__pg_cmd(s, "INSERT INTO story(id) VALUES($1)", 1, q, err,
                      "cannot store story");
    out->new_story = 1;
  }
  int new_outlet = 0;
  if (!rc && outlet) {
    const char *q[3] = {story_s, outlet_s, art_s};
    r = hoso__pg_exec(s,
                      "SELECT 1 FROM article WHERE story_id=$1 AND outlet_id=$2"
                      " AND id<>$3 LIMIT 1",
                      3, q, err, "cannot read story");
    if (!r) return HOSO_EDB;
    new_outlet = PQntuples(r) == 0;
    PQclear(r);
  }
  if (!rc) rc = put_original(s, a, art_s, err);
  if (!rc) {
    hoso_buf arr;
    hoso__buf_init(&arr, 0);
    int brc = hoso__buf_addc(&arr, '{');
    for (int b = 0; b < HOSO_LSH_BANDS && !brc; b++)
      brc = hoso__buf_printf(&arr, "%s%" PRId64, b ? "," : "", bands[b]);
    if (!brc) brc = hoso__buf_addc(&arr, '}');
    const char *q[2] = {arr.p, art_s};
    rc = brc ? hoso__err(err, brc, "out of memory")
             : hoso__pg_cmd(s,
                            "INSERT INTO lsh(band, article_id) SELECT b, $2"
                            " FROM unnest($1::bigint[]) b",
                            2, q, err, "cannot store signature");
    hoso__buf_free(&arr);
  }
  if (!rc) {
    const char *q[7] = {story_s, new_outlet ? "1" : "0",
                        a->published_day != INT64_MIN ? day_s : NULL,
                        a->published, art_s, a->credit, a->title};
    rc = hoso__pg_cmd(
        s,
        "UPDATE story SET n_articles=n_articles+1, n_outlets=n_outlets+$2,"
        " earliest_day=CASE WHEN $3::int IS NOT NULL AND (earliest_day IS NULL"
        " OR $3::int<earliest_day) THEN $3::int ELSE earliest_day END,"
        " earliest=CASE WHEN $3::int IS NOT NULL AND (earliest_day IS NULL OR"
        " $3::int<earliest_day) THEN $4 ELSE earliest END,"
        " first_article=CASE WHEN first_article IS NULL OR ($3::int IS NOT NULL"
        " AND (earliest_day IS NULL OR $3::int<earliest_day)) THEN $5::bigint"
        " ELSE first_article END, credit=COALESCE(credit, $6),"
        " title=COALESCE(title, $7) WHERE id=$1",
        7, q, err, "cannot update story");
  }
  for (size_t i = 0; i < a->n_entities && !rc; i++) {
    const hoso_store_entity *e = &a->entities[i];
    if (!e->name || !*e->name) continue;
    int64_t ent;
    rc = entity_id(s, e->kind, e->name, &ent, err);
    char ent_s[24], st_s[24], en_s[24];
    snprintf(ent_s, sizeof ent_s, "%" PRId64, ent);
    snprintf(st_s, sizeof st_s, "%zu", e->start);
    snprintf(en_s, sizeof en_s, "%zu", e->end);
    const char *q[5] = {art_s, ent_s, e->title, st_s, en_s};
    if (!rc)
      rc = hoso__pg_cmd(s,
                        "INSERT INTO mention(article_id, entity_id, title,"
                        " start_at, end_at) VALUES($1, $2, $3, $4, $5)",
                        5, q, err, "cannot store mention");
  }
  if (!rc) rc = put_events(s, a, art_s, story_s, err);
  return rc;
}

int hoso__pg_put_error(hoso_store *stp, const char *origin, int64_t offset,
                       int code, const char *message, hoso_error *err) {
  pg_store *s = (pg_store *)stp;
  char off[24], c[16];
  snprintf(off, sizeof off, "%" PRId64, offset);
  snprintf(c, sizeof c, "%d", code);
  const char *p[4] = {origin, offset >= 0 ? off : NULL, c,
                      message ? message : "failed"};
  return hoso__pg_cmd(s,
                      "INSERT INTO ingest_error(origin, \"offset\", code,"
                      " message) VALUES($1, $2, $3, $4)",
                      4, p, err, "cannot record the error");
}
