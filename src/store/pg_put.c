/* pg_put.c -- storing articles in PostgreSQL: one call of the server
** function hoso.put_article (pg_schema.c, schema version 3) per article,
** with the article's fields, its MinHash signature and LSH bands, its
** original bytes (zlib, or "text" when they are the text; packed by
** ingest's workers, pg_db.c's packs_original) and its
** mentions and events as JSON; the function does the dedupe (content
** hash, canonical URL), story assignment (the SQLite backend's MinHash
** rule), and every row, in one round trip. Safe with many concurrent
** writers: every "insert unless there" ends in INSERT ... ON CONFLICT, so
** two processes storing the same article store it once (the second sees
** a duplicate), with no lock taken by hoso; a deadlock between writers
** runs the batch again (pg_batch.c). Also the has-article pre-check and ingest errors. */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "store/minhash.h"
#include "store/pg_int.h"
#include "text/text.h"

/* Two int64 columns of the first row, if any. */
static int lookup(pg_store *s, int id, const char *sql, const char *key,
                  int64_t *a, int64_t *b, int *found, hoso_error *err) {
  *found = 0;
  if (!key) return HOSO_OK;
  const char *p[1] = {key};
  PGresult *r = hoso__pg_exec_prepared(s, id, sql, 1, p, NULL, NULL, err,
                                       "cannot look up article");
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
  int rc = lookup(s, PG_HAS_HASH, by_hash, hash, NULL, NULL, found, err);
  if (!rc && !*found)
    rc = lookup(s, PG_HAS_URL, by_url, url, NULL, NULL, found, err);
  return rc;
}

/* The entity's folded key (the dedupe key), appended as a JSON member. */
static int entity_json(hoso_json *w, int kind, const char *name,
                       const char *title, const size_t *span) {
  char *key;
  int rc = hoso__store_fold_key(name, strlen(name), &key);
  if (rc) return rc;
  hoso__json_obj_begin(w);
  hoso__json_key(w, "k");
  hoso__json_int(w, kind);
  hoso__json_key(w, "y");
  hoso__json_str(w, key);
  hoso__json_key(w, "n");
  hoso__json_str(w, name);
  hoso__json_key(w, "t");
  hoso__json_str(w, title);
  if (span) {
    hoso__json_key(w, "s");
    hoso__json_int(w, (int64_t)span[0]);
    hoso__json_key(w, "e");
    hoso__json_int(w, (int64_t)span[1]);
  }
  hoso__json_obj_end(w);
  free(key);
  return w->rc;
}

/* The article's mentions and events as the two jsonb arguments of
** hoso.put_article (pg_schema.c, version 3). */
static int facts_json(const hoso_store_article *a, hoso_buf *ents,
                      hoso_buf *evs) {
  hoso_json w;
  int rc = HOSO_OK;
  hoso__json_init(&w, ents);
  hoso__json_arr_begin(&w);
  for (size_t i = 0; i < a->n_entities && !rc; i++) {
    const hoso_store_entity *e = &a->entities[i];
    if (!e->name || !*e->name) continue;
    size_t span[2] = {e->start, e->end};
    rc = entity_json(&w, e->kind, e->name, e->title, span);
  }
  hoso__json_arr_end(&w);
  if (!rc) rc = w.rc;
  hoso__json_init(&w, evs);
  hoso__json_arr_begin(&w);
  for (size_t i = 0; i < a->n_events && !rc; i++) {
    const hoso_store_event *e = &a->events[i];
    if (!e->type) continue;
    char key[160];
    int64_t day;
    snprintf(key, sizeof key, "%s|%s", e->type, e->date ? e->date : "");
    hoso__json_obj_begin(&w);
    hoso__json_key(&w, "ty");
    hoso__json_str(&w, e->type);
    hoso__json_key(&w, "d");
    hoso__json_str(&w, e->date);
    hoso__json_key(&w, "dy");
    if (e->date && hoso__store_parse_day(e->date, 0, &day) == 0)
      hoso__json_int(&w, day);
    else
      hoso__json_null(&w);
    hoso__json_key(&w, "p");
    hoso__json_str(&w, e->place);
    hoso__json_key(&w, "su");
    hoso__json_str(&w, e->summary);
    hoso__json_key(&w, "key");
    hoso__json_str(&w, key);
    hoso__json_key(&w, "s");
    hoso__json_int(&w, (int64_t)e->start);
    hoso__json_key(&w, "e");
    hoso__json_int(&w, (int64_t)e->end);
    hoso__json_key(&w, "pa");
    hoso__json_arr_begin(&w);
    for (size_t k = 0; k < e->n_parts && !rc; k++) {
      const hoso_store_participant *pp = &e->parts[k];
      if (!pp->name || !*pp->name) continue;
      rc = entity_json(&w, pp->kind ? pp->kind : HOSO_ENTITY_PERSON, pp->name,
                       pp->title, NULL);
    }
    hoso__json_arr_end(&w);
    hoso__json_obj_end(&w);
  }
  hoso__json_arr_end(&w);
  return rc ? rc : w.rc;
}

/* ---- the search vector, made here -------------------------------- */

/* PostgreSQL's largest lexeme position (MAXENTRYPOS - 1): later words
** share it, as in to_tsvector. */
#define PG_MAX_POS 16383

typedef struct tsv_ctx {
  hoso_buf *out;
  int pos, last;  /* word count so far, highest position written */
  int base;       /* positions of this field start after base */
  const char *weight;
} tsv_ctx;

static int tsv_lexeme(hoso_buf *b, const char *s, size_t n, int pos,
                      const char *weight) {
  int rc = hoso__buf_addc(b, '\'');
  for (size_t i = 0; i < n && !rc; i++) {
    if (s[i] == '\'' || s[i] == '\\') rc = hoso__buf_addc(b, '\\');
    if (!rc) rc = hoso__buf_addc(b, s[i]);
  }
  return rc ? rc : hoso__buf_printf(b, "':%d%s ", pos, weight);
}

static int tsv_word(void *ctx, const char *fold, size_t fold_n,
                    const char *exact, size_t exact_n, size_t start,
                    size_t end) {
  tsv_ctx *t = ctx;
  (void)start;
  (void)end;
  t->pos++;
  int pos = t->base + t->pos;
  if (pos > PG_MAX_POS) pos = PG_MAX_POS;
  t->last = pos;
  int rc = tsv_lexeme(t->out, fold, fold_n, pos, t->weight);
  if (!rc && exact) rc = tsv_lexeme(t->out, exact, exact_n, pos, t->weight);
  return rc;
}

/* One field's words: from the worker's stream when there is one, else
** scanned here (same words: search/words.h). */
static int tsv_field(pg_store *s, const char *tokens, size_t tokens_n,
                     const char *text, size_t text_n, tsv_ctx *t) {
  if (tokens && tokens_n)
    return hoso__words_unstream(tokens, tokens_n, tsv_word, t);
  if (!text || !text_n) return HOSO_OK;
  return hoso__words_scan(s->words, text, text_n, tsv_word, t);
}

/* The article's tsvector as text input, equal to the index definition
** setweight(to_tsvector('vietnamese', title), 'A') ||
** to_tsvector('vietnamese', text): the title's words weighted A, the
** text's positions after the title's last. Made on the client, so the
** server does not segment the text a second time (tests/pg checks it
** equals to_tsvector for every sample article). */
static int tsv_text(pg_store *s, const hoso_store_article *a, hoso_buf *out) {
  tsv_ctx t = {out, 0, 0, 0, "A"};
  int rc = tsv_field(s, a->title_tokens, a->title_tokens_n, a->title,
                     a->title ? strlen(a->title) : 0, &t);
  if (rc) return rc;
  t.base = t.last;
  t.pos = 0;
  t.weight = "";
  rc = tsv_field(s, a->text_tokens, a->text_tokens_n, a->text, a->text_n, &t);
  if (!rc && !out->p) rc = hoso__buf_addc(out, 0), out->n = 0;
  return rc;
}

#define PUT_SQL                                                               \
  "SELECT article_id, story_id, duplicate, new_story, error FROM"            \
  " hoso.put_article($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::int, $11, $12," \
  " $13, $14::bytea, $15::bigint[], $16::int, $17::int, $18, $19::bytea,"     \
  " $20::bigint, $21::jsonb, $22::jsonb, $23::tsvector)"

/* One article, one round trip: hoso.put_article (a prepared statement)
** does the dedupe, story, outlet, rows and counts on the server. The
** signature and the original go as binary parameters. A deadlock or
** serialisation failure between concurrent writers runs the whole batch
** again (pg_batch.c): its earlier articles' locks are what the other
** writer waits for. */
int hoso__pg_put_article(hoso_store *stp, const hoso_store_article *a,
                         hoso_store_put *out, hoso_error *err) {
  pg_store *s = (pg_store *)stp;
  memset(out, 0, sizeof(*out));
  int64_t bands[HOSO_LSH_BANDS];
  hoso__minhash_bands(a->minhash, bands);
  hoso_buf arr, text, ents, evs, tsv;
  hoso__buf_init(&tsv, 0);
  hoso__buf_init(&arr, 0);
  hoso__buf_init(&text, 0);
  hoso__buf_init(&ents, 0);
  hoso__buf_init(&evs, 0);
  /* the original as stored, packed by ingest's workers (packs_original),
  ** else here: "text" or zlib, as SQLite stores it (original.c) */
  unsigned char *z = NULL;
  const unsigned char *packed = a->original_packed;
  size_t zn = a->original_packed_n;
  const char *enc = a->original_encoding;
  int rc = hoso__buf_addc(&arr, '{');
  for (int b = 0; b < HOSO_LSH_BANDS && !rc; b++)
    rc = hoso__buf_printf(&arr, "%s%" PRId64, b ? "," : "", bands[b]);
  if (!rc) rc = hoso__buf_addc(&arr, '}');
  if (!rc) rc = hoso__buf_add(&text, a->text ? a->text : "", a->text_n);
  if (!rc && !text.p) rc = hoso__buf_addc(&text, 0);
  if (!rc) rc = facts_json(a, &ents, &evs);
  /* in a batch: new keys committed apart first (pg_keys.c), so that
  ** another writer never waits for this batch on them */
  if (!rc && s->in_tx)
    hoso__pg_keys_put(&s->keys, a->outlet, a->n_entities > 0 || a->n_events > 0,
                      ents.p, evs.p);
  if (!rc && !enc) {
    rc = hoso__original_pack(a->original, a->original_n, a->text, a->text_n, &z, &zn, &enc);
    packed = z;
  }
  if (!rc) rc = tsv_text(s, a, &tsv);
  if (rc) {
    rc = hoso__err(err, rc, rc == HOSO_ENOMEM ? "out of memory" : "cannot prepare article");
    goto done;
  }
  char day_s[24], nsig[16], mineq[16], size[24];
  snprintf(day_s, sizeof day_s, "%" PRId64, a->published_day);
  snprintf(nsig, sizeof nsig, "%d", HOSO_MINHASH_N);
  /* same story when the estimated Jaccard (equal minima / N) is at least
  ** HOSO_DUP_JACCARD: the smallest such count of equal minima */
  int eq = 0;
  while (eq < HOSO_MINHASH_N && (double)eq / HOSO_MINHASH_N < HOSO_DUP_JACCARD) eq++;
  snprintf(mineq, sizeof mineq, "%d", eq);
  snprintf(size, sizeof size, "%zu", a->original_n);
  const char *p[23] = {
      a->content_hash, a->url, a->canonical_url, a->outlet, a->lang, a->title,
      a->author, a->credit, a->published,
      a->published_day != INT64_MIN ? day_s : NULL, a->origin, text.p,
      a->record_json, (const char *)a->minhash, arr.p, nsig, mineq, enc,
      packed ? (const char *)packed : "", size, ents.p, evs.p, tsv.p};
  int len[23] = {0}, fmt[23] = {0};
  len[13] = (int)sizeof a->minhash;
  fmt[13] = 1;
  len[18] = (int)zn;
  fmt[18] = 1;
  PGresult *r = hoso__pg_batch_exec(s, PG_PUT_ARTICLE, PUT_SQL, 23, p, len,
                                    fmt, err, "cannot store article");
  if (!r) {
    rc = HOSO_EDB;
    goto done;
  }
  if (!PQgetisnull(r, 0, 4)) {
    rc = hoso__err(err, HOSO_EDB, "cannot store article: %s (PostgreSQL at %s)",
                   PQgetvalue(r, 0, 4), s->where);
  } else {
    out->article_id = strtoll(PQgetvalue(r, 0, 0), NULL, 10);
    out->story_id = strtoll(PQgetvalue(r, 0, 1), NULL, 10);
    out->duplicate = PQgetvalue(r, 0, 2)[0] == 't';
    out->new_story = PQgetvalue(r, 0, 3)[0] == 't';
  }
  PQclear(r);
done:
  free(z);
  hoso__buf_free(&arr);
  hoso__buf_free(&text);
  hoso__buf_free(&ents);
  hoso__buf_free(&evs);
  hoso__buf_free(&tsv);
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
  PGresult *r = hoso__pg_batch_exec(
      s, PG_PUT_ERROR,
      "INSERT INTO ingest_error(origin, \"offset\", code, message)"
      " VALUES($1, $2, $3, $4)",
      4, p, NULL, NULL, err, "cannot record the error");
  if (!r) return HOSO_EDB;
  PQclear(r);
  return HOSO_OK;
}
