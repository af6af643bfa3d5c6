/* pg_rehash.c -- schema 7 -> 8 of the PostgreSQL archive: every stored
** article's content hash and MinHash signature (and so its LSH bands)
** computed again with hoso__text_keys, the function the SQLite store
** (schema 6) and new ingests use: of the text's syllables, not of the
** segmented words as before, which changed with every segmentation model.
** Until this step an archive kept its old keys, so re-ingesting the same
** files stored them again and reprints did not join their old stories.
**
** Bounded memory and restartable: articles are read in id order, a batch
** (HOSO_PG_REHASH_BATCH in the environment, default 256) at a time; each
** batch is one transaction that rewrites its articles' keys and bands
** and records the last id done in hoso.meta ('rehash_next'), so a killed
** run loses at most the open batch and the next writable open carries on
** from there. The last batch sets schema_version 8 in the same
** transaction (readers are told to upgrade until then). Concurrent hoso
** writers wait on the migration's advisory lock; each batch also takes a
** SHARE ROW EXCLUSIVE lock on hoso.article, so a writer of an older hoso
** cannot add an article the last batch would miss (searches still read).
** When most rows change on a large archive the text index is dropped for
** the upgrade and built again at its end (maybe_drop).
**
** Two stored articles whose texts now have the same hash (they differed
** only in what the old word hash saw: word boundaries of the old model,
** and whatever else it kept) keep BOTH rows, as the SQLite upgrade does:
** the article already holding the new hash, else the lower id, takes it,
** the other keeps its old hash (the column is UNIQUE) and gets the new
** signature and bands. No row goes: each article is a source of its story
** (outlet, URL, original, mentions, events), and re-ingesting either file
** is then recognised (its hash is the first one's). Stories stay as
** grouped: two texts with the same syllables had near-equal old signatures
** too, so they were already one story. */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "store/minhash.h"
#include "store/pg_int.h"

#define REHASH_BATCH 256
#define REHASH_REINDEX_MIN 10000 /* see maybe_drop */
#define REHASH_LOCK "7101976" /* pg_schema.c's migration lock */

enum { SIG_BYTES = HOSO_MINHASH_N * (int)sizeof(uint32_t) };

/* The batch's keys, as statement parameters: ids "{1,2}", hashes
** "{h,h}", bands "{b,...}" (HOSO_LSH_BANDS an article), sigs the raw
** signatures back to back (binary parameter). Owned by rehash(). */
typedef struct batch {
  hoso_buf ids, hashes, bands, sigs;
  int64_t last;
  int n;
  int64_t rewritten;          /* rows this batch rewrote */
  int64_t seen_all, rewritten_all; /* over this run */
  int indexes_dropped;        /* the text indexes are waiting in meta */
} batch;

/* One statement a batch. u: the new keys; f: the first article of the
** batch with each new hash; c: what each article gets -- the new hash when
** it already has it or is first and no other article holds it, else its
** own; the new signature. Only articles whose keys change are rewritten
** (one new row version each: an archive whose articles were stored with
** the new keys, by session 7's hoso, rewrites none), and only those whose
** signature changes get new LSH rows. Returns the rows rewritten, the
** articles left with their old hash because another holds the new one,
** and the LSH rows deleted and added. */
static const char update_sql[] =
    "WITH u AS (SELECT x.id, x.h, x.i, substring($3::bytea FROM"
    "  (x.i::int - 1) * $4::int + 1 FOR $4::int) AS m"
    "  FROM unnest($1::bigint[], $2::text[]) WITH ORDINALITY x(id, h, i)),"
    " f AS (SELECT DISTINCT ON (u.h) u.id FROM u ORDER BY u.h, u.id),"
    " c AS (SELECT a.id, u.i, u.m, u.h AS new_h, a.content_hash AS old_h,"
    "  a.minhash IS DISTINCT FROM u.m AS sig,"
    "  CASE WHEN u.h = a.content_hash OR (u.id IN (SELECT f.id FROM f) AND"
    "   NOT EXISTS (SELECT 1 FROM hoso.article b WHERE b.content_hash = u.h))"
    "   THEN u.h ELSE a.content_hash END AS h"
    "  FROM u JOIN hoso.article a ON a.id = u.id),"
    " up AS (UPDATE hoso.article a SET minhash = c.m, content_hash = c.h FROM c"
    "  WHERE a.id = c.id AND (c.sig OR c.h <> c.old_h) RETURNING a.id),"
    " gone AS (DELETE FROM hoso.lsh l USING c WHERE c.sig AND"
    "  l.article_id = c.id RETURNING 1),"
    " ins AS (INSERT INTO hoso.lsh(band, article_id)"
    "  SELECT ($5::bigint[])[(c.i::int - 1) * $6::int + j], c.id"
    "  FROM c, generate_series(1, $6::int) j WHERE c.sig RETURNING 1)"
    " SELECT (SELECT count(*) FROM up), (SELECT count(*) FROM c WHERE"
    "  c.h <> c.new_h), (SELECT count(*) FROM gone), (SELECT count(*) FROM ins)";

/* The next batch after id last: read, keys computed, written. */
static int one_batch(pg_store *s, hoso_words *w, int64_t limit, batch *b,
                     hoso_error *err) {
  static const char what[] = "cannot re-hash the stored articles";
  char last_s[24], limit_s[24];
  snprintf(last_s, sizeof last_s, "%" PRId64, b->last);
  snprintf(limit_s, sizeof limit_s, "%" PRId64, limit);
  const char *p[4] = {last_s, limit_s, NULL, NULL};
  PGresult *r = hoso__pg_exec(
      s, "SELECT id, text FROM hoso.article WHERE id > $1::bigint ORDER BY id"
         " LIMIT $2::bigint", 2, p, err, what);
  if (!r) return HOSO_EDB;
  b->n = PQntuples(r);
  hoso__buf_reset(&b->ids);
  hoso__buf_reset(&b->hashes);
  hoso__buf_reset(&b->bands);
  hoso__buf_reset(&b->sigs);
  int rc = hoso__buf_addc(&b->ids, '{');
  if (!rc) rc = hoso__buf_addc(&b->hashes, '{');
  if (!rc) rc = hoso__buf_addc(&b->bands, '{');
  for (int i = 0; i < b->n && !rc; i++) {
    char hash[33];
    uint32_t sig[HOSO_MINHASH_N];
    int64_t bands[HOSO_LSH_BANDS];
    const char *id = PQgetvalue(r, i, 0);
    rc = hoso__text_keys(w, PQgetvalue(r, i, 1), (size_t)PQgetlength(r, i, 1),
                         hash, sig, NULL);
    if (rc) break;
    hoso__minhash_bands(sig, bands);
    const char *sep = i ? "," : "";
    rc = hoso__buf_printf(&b->ids, "%s%s", sep, id);
    if (!rc) rc = hoso__buf_printf(&b->hashes, "%s%s", sep, hash);
    for (int k = 0; k < HOSO_LSH_BANDS && !rc; k++)
      rc = hoso__buf_printf(&b->bands, "%s%" PRId64, i || k ? "," : "", bands[k]);
    if (!rc) rc = hoso__buf_add(&b->sigs, sig, sizeof sig);
    b->last = strtoll(id, NULL, 10);
  }
  PQclear(r);
  if (!rc) rc = hoso__buf_addc(&b->ids, '}');
  if (!rc) rc = hoso__buf_addc(&b->hashes, '}');
  if (!rc) rc = hoso__buf_addc(&b->bands, '}');
  if (rc) return hoso__err(err, HOSO_ENOMEM, "out of memory re-hashing the archive");
  if (b->n == 0) return HOSO_OK;

  char sigb[16], nb[16];
  snprintf(sigb, sizeof sigb, "%d", SIG_BYTES);
  snprintf(nb, sizeof nb, "%d", HOSO_LSH_BANDS);
  const char *up[6] = {b->ids.p, b->hashes.p, b->sigs.p, sigb, b->bands.p, nb};
  const int len[6] = {0, 0, (int)b->sigs.n, 0, 0, 0}, fmt[6] = {0, 0, 1, 0, 0, 0};
  r = hoso__pg_ok(s, PQexecParams(s->conn, update_sql, 6, NULL, up, len, fmt, 0),
                  err, what);
  if (!r) return HOSO_EDB;
  b->rewritten = strtoll(PQgetvalue(r, 0, 0), NULL, 10);
  b->seen_all += b->n;
  b->rewritten_all += b->rewritten;
  PQclear(r);
  return HOSO_OK;
}

/* A count from the environment variable name (def when unset or empty). */
static int env_num(const char *name, int64_t def, int64_t lo, int64_t hi,
                   int64_t *out, hoso_error *err) {
  const char *e = getenv(name);
  *out = def;
  if (!e || !*e) return HOSO_OK;
  char *end;
  long long v = strtoll(e, &end, 10);
  if (*end || v < lo || v > hi)
    return hoso__err(err, HOSO_EARG,
                     "%s='%s': want a number of articles from %" PRId64
                     " to %" PRId64, name, e, lo, hi);
  *out = v;
  return HOSO_OK;
}

/* The text indexes (RUM or GIN on tsv) cost most of a rewritten row: a
** new row version gets index entries for all its terms again -- 39 ms a
** row at 200,000 articles with RUM against 0.35 ms without (EXPLAIN
** ANALYZE of 256 rows; docs/scale.md), while building RUM anew costs
** about 2.3 ms an article. So once this run has rewritten more than one
** row in 16 and more than reindex_min articles remain, they are dropped,
** their definitions kept in hoso.meta ('rehash_index:NAME'), and built
** again by the last batch's transaction (which a killed run also redoes).
** An archive whose keys are already the new ones keeps its indexes. */
static const char drop_sql[] =
    "DO $d$ DECLARE r record; BEGIN"
    " FOR r IN SELECT c.relname, pg_get_indexdef(i.indexrelid) AS def"
    "  FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid"
    "  JOIN pg_am am ON am.oid = c.relam"
    "  WHERE i.indrelid = 'hoso.article'::regclass AND am.amname IN ('rum', 'gin')"
    " LOOP"
    "  INSERT INTO hoso.meta VALUES ('rehash_index:' || r.relname, r.def)"
    "   ON CONFLICT (key) DO NOTHING;"
    "  EXECUTE format('DROP INDEX hoso.%I', r.relname);"
    " END LOOP; END $d$";

static const char rebuild_sql[] =
    "DO $d$ DECLARE r record; BEGIN"
    " IF (SELECT setting::bigint FROM pg_settings"
    "  WHERE name = 'maintenance_work_mem') < 262144 THEN"
    "  PERFORM set_config('maintenance_work_mem', '256MB', true); END IF;"
    " FOR r IN SELECT key, value FROM hoso.meta"
    "  WHERE key LIKE 'rehash\\_index:%' ORDER BY key LOOP"
    "  EXECUTE r.value;"
    "  DELETE FROM hoso.meta WHERE key = r.key;"
    " END LOOP; END $d$";

static int maybe_drop(pg_store *s, batch *b, int64_t reindex_min,
                      hoso_error *err) {
  static const char what[] = "cannot drop the text index for the upgrade";
  if (b->indexes_dropped || b->rewritten_all * 16 <= b->seen_all) return HOSO_OK;
  char last_s[24];
  snprintf(last_s, sizeof last_s, "%" PRId64, b->last);
  const char *p[1] = {last_s};
  PGresult *r = hoso__pg_exec(s, "SELECT count(*) FROM hoso.article WHERE id > $1::bigint",
                              1, p, err, what);
  if (!r) return HOSO_EDB;
  int64_t left = strtoll(PQgetvalue(r, 0, 0), NULL, 10);
  PQclear(r);
  if (left <= reindex_min) return HOSO_OK;
  int rc = hoso__pg_cmd(s, drop_sql, 0, NULL, err, what);
  if (!rc) b->indexes_dropped = 1;
  return rc;
}

/* One transaction: where the last run stopped, the next batch, progress
** (or, after the last article, the new version). *done when finished. */
static int step(pg_store *s, hoso_words *w, int64_t limit,
                int64_t reindex_min, batch *b, int *done, hoso_error *err) {
  static const char what[] = "cannot upgrade the archive to version 8";
  int rc = hoso__pg_cmd(s, "BEGIN", 0, NULL, err, what);
  if (!rc)
    rc = hoso__pg_cmd(s, "LOCK TABLE hoso.article IN SHARE ROW EXCLUSIVE MODE",
                      0, NULL, err, what);
  if (rc) return rc;
  PGresult *r = hoso__pg_exec(
      s, "SELECT (SELECT value FROM hoso.meta WHERE key = 'schema_version'),"
         " (SELECT value FROM hoso.meta WHERE key = 'rehash_next'),"
         " EXISTS (SELECT 1 FROM hoso.meta WHERE key LIKE 'rehash\\_index:%')",
      0, NULL, err, what);
  if (!r) return HOSO_EDB;
  int v = atoi(PQgetvalue(r, 0, 0));
  b->last = PQgetisnull(r, 0, 1) ? 0 : strtoll(PQgetvalue(r, 0, 1), NULL, 10);
  b->indexes_dropped = strcmp(PQgetvalue(r, 0, 2), "t") == 0;
  PQclear(r);
  if (v >= HOSO_PG_REHASH_VERSION) { /* another opener finished it */
    *done = 1;
    return hoso__pg_cmd(s, "COMMIT", 0, NULL, err, what);
  }
  rc = one_batch(s, w, limit, b, err);
  if (rc) return rc;
  *done = b->n < limit;
  char last_s[24], ver[16];
  snprintf(last_s, sizeof last_s, "%" PRId64, b->last);
  snprintf(ver, sizeof ver, "%d", HOSO_PG_REHASH_VERSION);
  const char *p[1] = {*done ? ver : last_s};
  if (*done)
    rc = hoso__pg_cmd(s, "DELETE FROM hoso.meta WHERE key = 'rehash_next'", 0,
                      NULL, err, what);
  if (!rc && *done && b->indexes_dropped)
    rc = hoso__pg_cmd(s, rebuild_sql, 0, NULL, err,
                      "cannot build the text index again after the upgrade");
  if (!rc && !*done) rc = maybe_drop(s, b, reindex_min, err);
  if (!rc)
    rc = hoso__pg_cmd(s,
                      *done ? "INSERT INTO hoso.meta VALUES ('schema_version', $1)"
                              " ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value"
                            : "INSERT INTO hoso.meta VALUES ('rehash_next', $1)"
                              " ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
                      1, p, err, what);
  if (!rc) rc = hoso__pg_cmd(s, "COMMIT", 0, NULL, err, what);
  return rc;
}

int hoso__pg_rehash(pg_store *s, hoso_error *err) {
  int64_t limit, reindex_min;
  int rc = env_num("HOSO_PG_REHASH_BATCH", REHASH_BATCH, 1, 100000, &limit, err);
  if (!rc)
    rc = env_num("HOSO_PG_REHASH_REINDEX_MIN", REHASH_REINDEX_MIN, 0,
                 INT64_C(1) << 50, &reindex_min, err);
  if (rc) return rc;
  hoso_words *w = NULL;
  batch b;
  memset(&b, 0, sizeof b);
  hoso__buf_init(&b.ids, 0);
  hoso__buf_init(&b.hashes, 0);
  hoso__buf_init(&b.bands, 0);
  hoso__buf_init(&b.sigs, 0);
  if (hoso__words_new(&w))
    return hoso__err(err, HOSO_ENOMEM, "out of memory re-hashing the archive");
  rc = hoso__pg_cmd(s, "SELECT pg_advisory_lock(" REHASH_LOCK ")", 0, NULL, err,
                    "cannot upgrade the archive to version 8");
  int locked = !rc;
  for (int done = 0; !rc && !done;)
    rc = step(s, w, limit, reindex_min, &b, &done, err);
  if (rc) PQclear(PQexec(s->conn, "ROLLBACK"));
  /* The rewritten rows' old versions (every article and its bands, on an
  ** archive written before schema 8) stay in the files until a VACUUM:
  ** the 200,000-article archive grew from 2,580 to 3,029 MB. VACUUM makes
  ** their space reusable by the next ingests (the files do not shrink:
  ** VACUUM FULL would, rewriting every index under an exclusive lock) and
  ** ANALYZE gives the planner the new keys' statistics. Outside any
  ** transaction, still under the upgrade's lock; skipped when the run
  ** read no article (a new archive). */
  if (!rc && b.seen_all > 0)
    rc = hoso__pg_cmd(s, "VACUUM (ANALYZE) hoso.article, hoso.lsh", 0, NULL,
                      err, "cannot VACUUM the archive after the upgrade to version 8"
                           " (it is upgraded; run VACUUM (ANALYZE) hoso.article, hoso.lsh)");
  if (locked) PQclear(PQexec(s->conn, "SELECT pg_advisory_unlock(" REHASH_LOCK ")"));
  hoso__words_free(w);
  hoso__buf_free(&b.ids);
  hoso__buf_free(&b.hashes);
  hoso__buf_free(&b.bands);
  hoso__buf_free(&b.sigs);
  return rc;
}
