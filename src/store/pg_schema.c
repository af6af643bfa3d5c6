/* pg_schema.c -- the PostgreSQL archive's schema (in the schema `hoso`)
** and its migrations. The version lives in hoso.meta; each open that may
** write brings an older archive up to version 7 in one transaction,
** serialised between concurrent openers by a transaction advisory lock,
** then to 8 in batches that each commit (pg_rehash.c), then to
** HOSO_PG_SCHEMA_VERSION in one transaction; an archive newer than this program is refused. The same
** concepts as the SQLite schema (store/sqlite_schema.c): outlets,
** stories, articles, originals, LSH bands, entities, mentions, events. */
#include <stdlib.h>
#include <string.h>

#include "store/pg_int.h"

/* Version 0 -> 1. 'vietnamese' resolves (once, when the table is made)
** through a search_path holding the extension's schema. */
static const char v1[] =
    "CREATE TABLE hoso.outlet(id bigserial PRIMARY KEY,"
    " name text NOT NULL UNIQUE);"
    "CREATE TABLE hoso.story(id bigserial PRIMARY KEY, first_article bigint,"
    " title text, earliest text, earliest_day integer, credit text,"
    " n_articles integer NOT NULL DEFAULT 0,"
    " n_outlets integer NOT NULL DEFAULT 0);"
    "CREATE TABLE hoso.article(id bigserial PRIMARY KEY,"
    " story_id bigint NOT NULL REFERENCES hoso.story(id)"
    "  DEFERRABLE INITIALLY DEFERRED,"
    " content_hash text NOT NULL UNIQUE, url text, canonical_url text UNIQUE,"
    " outlet_id bigint REFERENCES hoso.outlet(id), lang text, title text,"
    " author text, credit text, published text, published_day integer,"
    " origin text, added timestamptz NOT NULL DEFAULT now(),"
    " text text NOT NULL, record text, minhash bytea NOT NULL,"
    " tsv tsvector GENERATED ALWAYS AS ("
    "  setweight(to_tsvector('vietnamese', coalesce(title, '')), 'A')"
    "  || to_tsvector('vietnamese', text)) STORED);"
    "CREATE INDEX article_story ON hoso.article(story_id, outlet_id);"
    "CREATE INDEX article_tsv ON hoso.article USING gin(tsv);"
    "CREATE TABLE hoso.original(article_id bigint PRIMARY KEY"
    " REFERENCES hoso.article(id) ON DELETE CASCADE,"
    " encoding text NOT NULL, size bigint NOT NULL, bytes bytea NOT NULL);"
    "CREATE TABLE hoso.lsh(band bigint NOT NULL, article_id bigint NOT NULL"
    " REFERENCES hoso.article(id) ON DELETE CASCADE);"
    "CREATE INDEX lsh_band ON hoso.lsh(band);"
    "CREATE TABLE hoso.entity(id bigserial PRIMARY KEY, kind integer NOT NULL,"
    " key text NOT NULL, name text NOT NULL,"
    " mentions integer NOT NULL DEFAULT 0, UNIQUE(kind, key));"
    "CREATE TABLE hoso.mention(article_id bigint NOT NULL"
    " REFERENCES hoso.article(id) ON DELETE CASCADE,"
    " entity_id bigint NOT NULL REFERENCES hoso.entity(id),"
    " title text, start_at bigint, end_at bigint);"
    "CREATE INDEX mention_entity ON hoso.mention(entity_id, article_id);"
    "CREATE TABLE hoso.event(id bigserial PRIMARY KEY, story_id bigint NOT NULL"
    " REFERENCES hoso.story(id) DEFERRABLE INITIALLY DEFERRED,"
    " type text NOT NULL, date text, day integer, place text, summary text,"
    " key text NOT NULL, UNIQUE(story_id, key));"
    "CREATE TABLE hoso.event_source(event_id bigint NOT NULL"
    " REFERENCES hoso.event(id) ON DELETE CASCADE, article_id bigint NOT NULL"
    " REFERENCES hoso.article(id) ON DELETE CASCADE, start_at bigint,"
    " end_at bigint, PRIMARY KEY(event_id, article_id, start_at));"
    "CREATE TABLE hoso.participant(event_id bigint NOT NULL"
    " REFERENCES hoso.event(id) ON DELETE CASCADE, entity_id bigint NOT NULL"
    " REFERENCES hoso.entity(id), title text,"
    " PRIMARY KEY(event_id, entity_id));"
    "CREATE TABLE hoso.ingest_error(id bigserial PRIMARY KEY,"
    " at timestamptz NOT NULL DEFAULT now(), origin text, \"offset\" bigint,"
    " code integer, message text NOT NULL);";

/* Version 1 -> 2: date filters and timelines read by day. */
static const char v2[] =
    "CREATE INDEX article_day ON hoso.article(published_day);"
    "CREATE INDEX event_day ON hoso.event(day);";

/* Version 2 -> 3: storing an article became one call of hoso.put_article
** (its definition is version 9's, which replaces the one made here: an
** archive that comes up from version 2 or older gets it there). */
static const char v3[] =
    /* the search vector comes from the client (pg_put.c), made from the
    ** words its workers already segmented; same value as the expression */
    "DO $d$ BEGIN IF EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid ="
    " 'hoso.article'::regclass AND attname = 'tsv' AND attgenerated <> '')"
    " THEN ALTER TABLE hoso.article ALTER COLUMN tsv DROP EXPRESSION;"
    " END IF; END $d$;"
    "CREATE INDEX IF NOT EXISTS mention_article ON hoso.mention(article_id);"
    "CREATE INDEX IF NOT EXISTS event_source_article"
    " ON hoso.event_source(article_id);"
    "CREATE INDEX IF NOT EXISTS participant_entity"
    " ON hoso.participant(entity_id);"
    "CREATE OR REPLACE FUNCTION hoso.upsert_entity(p_kind int, p_key text, p_name text)"
    " RETURNS bigint LANGUAGE plpgsql AS $f$ DECLARE v bigint; BEGIN"
    " UPDATE hoso.entity SET mentions = mentions + 1 WHERE kind = p_kind AND"
    "  key = p_key RETURNING id INTO v;"
    " IF v IS NULL THEN INSERT INTO hoso.entity(kind, key, name, mentions)"
    "  VALUES (p_kind, p_key, p_name, 1) ON CONFLICT (kind, key) DO UPDATE"
    "  SET mentions = hoso.entity.mentions + 1 RETURNING id INTO v; END IF;"
    " RETURN v; END $f$;";

/* Version 3 -> 4: searches read the best matches first from a RUM index
** (postgresql-15-rum; `ORDER BY tsv <=> q LIMIT k`, see pg_topk.c) when
** the server has the rum extension and this user may create it; the RUM
** index then replaces the GIN index (it answers tsv @@ q as well). Without
** rum the archive keeps GIN and searches rank with ts_rank_cd. On an
** existing archive this builds the index (bench-pg: ~2 min per 100,000
** articles on 2 shared cores). */
static const char v4[] =
    "DO $d$ DECLARE ns text; BEGIN"
    /* rum next to hoso_pg (the schema of the vietnamese configuration) */
    " SELECT n.nspname INTO ns FROM pg_ts_config c JOIN pg_namespace n"
    "  ON n.oid = c.cfgnamespace WHERE c.cfgname = 'vietnamese' LIMIT 1;"
    " BEGIN EXECUTE format('CREATE EXTENSION IF NOT EXISTS rum SCHEMA %I', ns);"
    " EXCEPTION WHEN OTHERS THEN NULL; END;"
    " ns := NULL;"
    " SELECT n.nspname INTO ns FROM pg_extension e JOIN pg_namespace n"
    "  ON n.oid = e.extnamespace WHERE e.extname = 'rum';"
    " IF ns IS NOT NULL THEN"
    "  EXECUTE format('CREATE INDEX IF NOT EXISTS article_rum ON hoso.article"
    "   USING rum (tsv %I.rum_tsvector_ops)', ns);"
    "  DROP INDEX IF EXISTS hoso.article_tsv;"
    " END IF; END $d$;";

/* Version 4 -> 5: the search vocabulary. A search asks, for each way
** of grouping the typed syllables into words, whether the index holds the
** word (pg_query.c); `tsv @@ 'word' LIMIT 1` made RUM collect every
** posting of the word first (30-50 ms for a word in 45,000 of 200,000
** articles), a lookup here is one b-tree probe. hoso.term holds each term
** of every article's tsv at least once: an AFTER INSERT OR UPDATE trigger
** on article adds the new ones. No unique constraint, on purpose: two
** writers adding the same new term do not wait for each other (which,
** with batches as transactions, could deadlock); a duplicate row costs a
** few bytes. Articles are never deleted by hoso, so a term stays true.
** On an existing archive this reads every article's terms once. */
static const char v5[] =
    "CREATE TABLE IF NOT EXISTS hoso.term(term text NOT NULL);"
    "CREATE INDEX IF NOT EXISTS term_term ON hoso.term(term);"
    "CREATE OR REPLACE FUNCTION hoso.article_terms() RETURNS trigger"
    " LANGUAGE plpgsql AS $f$ BEGIN"
    " INSERT INTO hoso.term(term) SELECT x FROM"
    "  unnest(tsvector_to_array(NEW.tsv)) x"
    "  WHERE NOT EXISTS (SELECT 1 FROM hoso.term t WHERE t.term = x);"
    " RETURN NULL; END $f$;"
    "DROP TRIGGER IF EXISTS article_terms ON hoso.article;"
    "CREATE TRIGGER article_terms AFTER INSERT OR UPDATE OF tsv ON hoso.article"
    " FOR EACH ROW EXECUTE FUNCTION hoso.article_terms();"
    "INSERT INTO hoso.term(term) SELECT DISTINCT x FROM hoso.article a,"
    " unnest(tsvector_to_array(a.tsv)) x"
    " WHERE NOT EXISTS (SELECT 1 FROM hoso.term t WHERE t.term = x);";

/* Version 5 -> 6: best-article lists for common query words (pg_topk.c).
** A search ranks every posting of its words (RUM scores each, ~2.2 us), so
** a common word costs in proportion to the archive. RUM's distance
** `tsv <=> q` depends on the article's tsv and q alone (no corpus
** statistics), so for a frequent one-word query q the archive can keep,
** once, the articles that rank best: hoso.best_list holds q (a word's
** fold form, or fold | exact -- the two forms hoso's query language makes
** of one word) and a cutoff; hoso.best holds EVERY article matching q
** whose distance k is below the cutoff (invariant), so the best C
** matching articles are the list's first C when it has C (with any other
** filters), and a search reads them instead of ranking every posting.
** The lists are made by hoso.best_lists_build() (an administrative step,
** e.g. after a large ingest: it takes a SHARE lock on hoso.article, so
** ingest waits while it runs, and no article is missed); after that
** the AFTER INSERT trigger article_best keeps the invariant: a new
** article enters every list it matches with k below the cutoff (no
** deletes, so concurrent writers never wait for each other; lists grow
** slowly until rebuilt). n_match is the number of matching articles at
** build time (the index's count) and max_article the last article then:
** a search's count is n_match plus the matches after max_article (exact
** while articles are only added, as hoso does). Without the rum extension
** the tables stay empty and the function refuses. */
static const char v6[] =
    "CREATE TABLE IF NOT EXISTS hoso.best_list(id serial PRIMARY KEY,"
    " terms text[] NOT NULL, q tsquery NOT NULL, qtext text NOT NULL UNIQUE,"
    " cutoff float8 NOT NULL, n_match bigint NOT NULL,"
    " max_article bigint NOT NULL);"
    "CREATE INDEX IF NOT EXISTS best_list_terms ON hoso.best_list USING gin(terms);"
    "CREATE TABLE IF NOT EXISTS hoso.best(list int NOT NULL"
    " REFERENCES hoso.best_list(id) ON DELETE CASCADE, k float8 NOT NULL,"
    " article_id bigint NOT NULL REFERENCES hoso.article(id) ON DELETE CASCADE,"
    " PRIMARY KEY (list, k, article_id));"
    "CREATE INDEX IF NOT EXISTS best_article ON hoso.best(article_id);"
    "DO $d$ DECLARE ns text; BEGIN"
    " SELECT n.nspname INTO ns FROM pg_extension e JOIN pg_namespace n"
    "  ON n.oid = e.extnamespace WHERE e.extname = 'rum';"
    " IF ns IS NULL THEN"
    "  CREATE OR REPLACE FUNCTION hoso.best_lists_build(p_n int DEFAULT 1000,"
    "   p_min bigint DEFAULT 5000, p_max int DEFAULT 5000) RETURNS int"
    "   LANGUAGE plpgsql AS $f$ BEGIN RAISE EXCEPTION 'hoso: best-article"
    " lists need a RUM index (postgresql-15-rum)'; END $f$;"
    "  RETURN;"
    " END IF;"
    /* the trigger: a new article enters every list it beats the cutoff of */
    " EXECUTE format($s$CREATE OR REPLACE FUNCTION hoso.article_best()"
    "  RETURNS trigger LANGUAGE plpgsql AS $f$ BEGIN"
    "  IF TG_OP = 'UPDATE' THEN DELETE FROM hoso.best WHERE article_id = NEW.id; END IF;"
    "  INSERT INTO hoso.best(list, k, article_id)"
    "   SELECT l.id, d.k, NEW.id FROM hoso.best_list l,"
    "   LATERAL (SELECT (NEW.tsv OPERATOR(%1$I.<=>) l.q)::float8 AS k) d"
    "   WHERE l.terms && tsvector_to_array(NEW.tsv) AND NEW.tsv @@ l.q"
    "   AND d.k < l.cutoff;"
    "  RETURN NULL; END $f$$s$, ns);"
    " DROP TRIGGER IF EXISTS article_best ON hoso.article;"
    " CREATE TRIGGER article_best AFTER INSERT OR UPDATE OF tsv ON hoso.article"
    "  FOR EACH ROW EXECUTE FUNCTION hoso.article_best();"
    /* the lists: the words PostgreSQL's statistics of tsv call common
    ** (most_common_elems), each estimated in >= p_min articles, the p_max
    ** most frequent; each list the best p_n (ties at the last place left
    ** out: the cutoff is that distance) */
    " EXECUTE format($s$CREATE OR REPLACE FUNCTION hoso.best_lists_build("
    "  p_n int DEFAULT 1000, p_min bigint DEFAULT 5000, p_max int DEFAULT 5000)"
    "  RETURNS int LANGUAGE plpgsql AS $f$"
    "  DECLARE r record; v_q tsquery; v_terms text[]; v_fold text; v_cut float8;"
    "   v_got bigint; v_cnt bigint; v_max bigint; v_id int; v_lists int := 0;"
    "   v_line text; v_fn text;"
    "  BEGIN"
    "  LOCK TABLE hoso.article IN SHARE MODE;"
    "  DELETE FROM hoso.best_list;"
    "  SELECT coalesce(max(id), 0) INTO v_max FROM hoso.article;"
    "  SELECT p.oid::regprocedure::text INTO v_fn FROM pg_proc p"
    "   WHERE p.proname = 'hoso_fold' LIMIT 1;"
    /* the words' frequencies: ANALYZE's most common elements of tsv,
    ** sampled 10x as deep as by default (up to 10,000 words) */
    "  SET LOCAL default_statistics_target = 1000;"
    "  ANALYZE hoso.article(tsv);"
    "  RESET default_statistics_target;"
    "  SET LOCAL enable_seqscan = off;"
    "  FOR r IN SELECT x, (f * c.reltuples)::bigint AS est FROM pg_stats s"
    "   JOIN pg_class c ON c.oid = 'hoso.article'::regclass,"
    "   unnest(s.most_common_elems::text::text[], s.most_common_elem_freqs) u(x, f)"
    "   WHERE s.schemaname = 'hoso' AND s.tablename = 'article'"
    "   AND s.attname = 'tsv' AND x IS NOT NULL AND f * c.reltuples >= p_min"
    "   ORDER BY f DESC, x LIMIT p_max LOOP"
    "   EXECUTE format('SELECT %%s($1)', replace(v_fn, '(text)', ''))"
    "    INTO v_fold USING r.x;"
    "   BEGIN"
    "    IF v_fold IS NULL OR v_fold = r.x THEN"
    "     v_terms := ARRAY[r.x]; v_q := quote_literal(r.x)::tsquery;"
    "    ELSE"
    "     v_terms := ARRAY[v_fold, r.x];"
    "     v_q := (quote_literal(v_fold) || ' | ' || quote_literal(r.x))::tsquery;"
    "    END IF;"
    "   EXCEPTION WHEN OTHERS THEN CONTINUE; END;"
    "   CONTINUE WHEN EXISTS (SELECT 1 FROM hoso.best_list WHERE qtext = v_q::text);"
    /* the best p_n from the index, once; the cutoff is the last one's
    ** distance, and the ties at it are left out */
    "   INSERT INTO hoso.best_list(terms, q, qtext, cutoff, n_match, max_article)"
    "    VALUES (v_terms, v_q, v_q::text, 'Infinity', 0, v_max) RETURNING id INTO v_id;"
    "   INSERT INTO hoso.best(list, k, article_id) SELECT v_id, k, id FROM"
    "    (SELECT a.id, (a.tsv OPERATOR(%1$I.<=>) v_q)::float8 AS k FROM hoso.article a"
    "     WHERE a.tsv @@ v_q ORDER BY a.tsv OPERATOR(%1$I.<=>) v_q LIMIT p_n) t;"
    "   GET DIAGNOSTICS v_got = ROW_COUNT;"
    "   SELECT max(k) INTO v_cut FROM hoso.best WHERE list = v_id;"
    "   DELETE FROM hoso.best WHERE list = v_id AND k >= v_cut;"
    "   IF v_got < p_n THEN DELETE FROM hoso.best_list WHERE id = v_id; CONTINUE; END IF;"
    /* the index's count of the matches (postings, no rows read) */
    "   v_cnt := NULL;"
    "   SET LOCAL enable_indexscan = off;"
    "   FOR v_line IN EXECUTE 'EXPLAIN (ANALYZE, TIMING OFF) SELECT 1 FROM"
    " hoso.article a WHERE a.tsv @@ ' || quote_literal(v_q::text) || '::tsquery LIMIT 1' LOOP"
    "    IF v_cnt IS NULL AND v_line LIKE '%%Bitmap Index Scan%%' THEN"
    "     v_cnt := substring(v_line FROM 'actual rows=([0-9]+)')::bigint;"
    "    END IF;"
    "   END LOOP;"
    "   RESET enable_indexscan;"
    "   IF v_cnt IS NULL THEN DELETE FROM hoso.best_list WHERE id = v_id; CONTINUE; END IF;"
    "   UPDATE hoso.best_list SET cutoff = v_cut, n_match = v_cnt WHERE id = v_id;"
    "   v_lists := v_lists + 1;"
    "  END LOOP;"
    "  RESET enable_seqscan;"
    "  RETURN v_lists; END $f$$s$, ns);"
    " END $d$;";

/* Version 6 -> 7: entity mention counts are added at the end of a batch,
** in entity id order, instead of at each mention. hoso.upsert_entity
** (version 3) updated the entity's row for every mention, and the row
** stayed locked until the batch committed: two writers storing different
** articles that name the same entities (every Vietnamese report names
** Việt Nam) waited for each other's whole batch and, locking the rows in
** different orders, deadlocked (40P01; pg_batch.c then runs the loser's
** batch again). Now an existing entity is only read (no lock), a new one
** inserted with ON CONFLICT DO NOTHING, and each mention noted in the
** session's temporary table hoso_mention_delta (made by the writer when
** it connects, pg_db.c; ON COMMIT DELETE ROWS, and a rolled-back batch
** takes its notes with it); hoso.flush_mentions(), run by the writer just
** before COMMIT (pg_batch.c), locks the batch's entities in id order and
** adds the counts. Two such flushes cannot deadlock; a new entity key
** inserted by two writers still makes the second wait for the first's
** commit (and may still deadlock: then the batch is run again). Readers
** see the counts when the batch commits, as before. */
static const char v7[] =
    "CREATE OR REPLACE FUNCTION hoso.upsert_entity(p_kind int, p_key text, p_name text)"
    " RETURNS bigint LANGUAGE plpgsql AS $f$ DECLARE v bigint; BEGIN"
    " SELECT id INTO v FROM hoso.entity WHERE kind = p_kind AND key = p_key;"
    " IF v IS NULL THEN INSERT INTO hoso.entity(kind, key, name, mentions)"
    "  VALUES (p_kind, p_key, p_name, 0) ON CONFLICT (kind, key) DO NOTHING"
    "  RETURNING id INTO v;"
    "  IF v IS NULL THEN SELECT id INTO v FROM hoso.entity WHERE kind = p_kind"
    "   AND key = p_key; END IF;"
    " END IF;"
    " INSERT INTO pg_temp.hoso_mention_delta(entity_id) VALUES (v);"
    " RETURN v; END $f$;"
    "CREATE OR REPLACE FUNCTION hoso.flush_mentions() RETURNS bigint"
    " LANGUAGE plpgsql AS $f$ DECLARE n bigint; BEGIN"
    " PERFORM 1 FROM hoso.entity e WHERE e.id IN (SELECT entity_id FROM"
    "  pg_temp.hoso_mention_delta) ORDER BY e.id FOR UPDATE;"
    " UPDATE hoso.entity e SET mentions = e.mentions + d.n FROM (SELECT entity_id,"
    "  count(*) AS n FROM pg_temp.hoso_mention_delta GROUP BY 1) d"
    "  WHERE e.id = d.entity_id;"
    " GET DIAGNOSTICS n = ROW_COUNT;"
    " DELETE FROM pg_temp.hoso_mention_delta;"
    " RETURN n; END $f$;";

/* Version 8 -> 9: storing an article asks a sharded archive's shards only
** what they alone hold. Measured on a coordinator over two shards (500
** VNTC articles, pg_stat_statements on every server): each shard ran 8.6
** statements an article -- a cursor (DECLARE, FETCH, CLOSE) for the
** content-hash lookup, another for the LSH candidates' signatures (`id =
** ANY(array)` is not pruned to a partition), a SAVEPOINT and its RELEASE
** for the call's subtransaction, which postgres_fdw mirrors on every shard
** the subtransaction touched -- each a round trip of the single writer.
** Now:
**  - hoso.article_find(hash, canonical URL): the stored article with
**    either key. On one server it reads hoso.article's unique indexes, as
**    before; on a sharded archive (hoso.article_key exists, pg_shard.c)
**    the coordinator's global keys, and the story from the one shard that
**    holds the id (the partition key), only when there is such an article;
**  - the LSH candidates are read into an array first, and the articles'
**    signatures only when there are candidates (most articles have none).
** An article without candidates then meets one shard once: its INSERT
** (with its savepoint). Version 9's hoso.put_article is the one below
** (PUT_ARTICLE_SQL), made by the newest step that changes it. */
/* hoso.put_article, as the newest step makes it (version 3 made it
** first; every step that changes it makes it whole again, from here):
** storing an article is one call, so one round trip per article instead of
** one per row (outlet, article, story, original, bands, each entity and
** mention, each event, source and participant). The rules are those of
** the statements it replaced (see pg_put.c): dedupe by content hash or
** canonical URL (hoso.article_find, version 9); the story of the most
** similar LSH candidate (equal MinHash minima >= min_eq of n_sig), its
** bands claimed first (version 10), the candidates read from
** hoso.article_sig (version 11); entities, events and outlets updated
** first and inserted only when absent (dense ids in first-seen order), ON
** CONFLICT for a concurrent writer in between. An error inside (a
** constraint, a deadlock) comes back in `error` with its SQLSTATE, the
** call's work undone, the batch's transaction still usable. */
#define PUT_ARTICLE_SQL \
    "CREATE OR REPLACE FUNCTION hoso.put_article(p_hash text, p_url text, p_canon text," \
    " p_outlet text, p_lang text, p_title text, p_author text, p_credit text," \
    " p_published text, p_day int, p_origin text, p_text text, p_record text," \
    " p_minhash bytea, p_bands bigint[], p_n_sig int, p_min_eq int," \
    " p_enc text, p_orig bytea, p_size bigint, p_ents jsonb, p_events jsonb," \
    " p_tsv tsvector," \
    " OUT article_id bigint, OUT story_id bigint, OUT duplicate boolean," \
    " OUT new_story boolean, OUT error text)" \
    " LANGUAGE plpgsql AS $f$ #variable_conflict use_column\n" \
    " DECLARE v_story bigint; v_outlet bigint; v_new_outlet int := 0;" \
    "  v_art bigint; v_ev bigint; v_ent bigint; e jsonb; pa jsonb;" \
    "  v_cands bigint[];" \
    " BEGIN" \
    " duplicate := false; new_story := false;" \
    " SELECT f.article_id, f.story_id INTO article_id, story_id" \
    "  FROM hoso.article_find(p_hash, p_canon) f;" \
    " IF article_id IS NOT NULL THEN duplicate := true; RETURN; END IF;" \
    " BEGIN" \
    /* the article's bands claimed first (version 10): a writer storing \
    ** an article with one of them waits here until this one commits, then \
    ** finds it among the candidates; locked in band order */ \
    "  INSERT INTO hoso.lsh_claim AS c(band) SELECT DISTINCT b" \
    "   FROM unnest(p_bands) b ORDER BY b ON CONFLICT (band) DO UPDATE" \
    "   SET n = c.n + 1;" \
    /* the LSH candidates, on this server; most articles have none, and \
    ** then no article row is read (sharded: no shard is asked) */ \
    "  v_cands := ARRAY(SELECT l.article_id FROM hoso.lsh l WHERE" \
    "   l.band = ANY(p_bands) LIMIT 1024);" \
    "  IF cardinality(v_cands) > 0 THEN" \
    "  SELECT c.story_id INTO v_story FROM (SELECT a.id, a.story_id," \
    "   (SELECT count(*) FROM generate_series(0, p_n_sig - 1) i WHERE" \
    "   substring(a.minhash FROM i * 4 + 1 FOR 4) =" \
    "   substring(p_minhash FROM i * 4 + 1 FOR 4)) AS eq FROM hoso.article_sig a" \
    /* the candidates as an array (one primary-key probe each; an IN \
    ** (subquery) over a sharded hoso.article was a hash join reading \
    ** every shard's articles); their signatures and stories from \
    ** hoso.article_sig (version 11: on a sharded archive the \
    ** coordinator's copy, never a shard) */ \
    "   WHERE a.id = ANY(v_cands)) c WHERE c.eq >= p_min_eq" \
    "   ORDER BY c.eq DESC, c.id LIMIT 1;" \
    "  END IF;" \
    "  IF p_outlet IS NOT NULL AND p_outlet <> '' THEN" \
    "   SELECT o.id INTO v_outlet FROM hoso.outlet o WHERE o.name = p_outlet;" \
    "   IF v_outlet IS NULL THEN INSERT INTO hoso.outlet(name)" \
    "    VALUES (p_outlet) ON CONFLICT (name) DO UPDATE SET name =" \
    "    EXCLUDED.name RETURNING id INTO v_outlet; END IF; END IF;" \
    "  IF v_story IS NULL THEN new_story := true;" \
    "   v_story := nextval(pg_get_serial_sequence('hoso.story', 'id'));" \
    "  ELSIF v_outlet IS NOT NULL THEN" \
    "   v_new_outlet := CASE WHEN EXISTS (SELECT 1 FROM hoso.article_sig a WHERE" \
    "    a.story_id = v_story AND a.outlet_id = v_outlet) THEN 0 ELSE 1 END;" \
    "  END IF;" \
    "  IF new_story AND v_outlet IS NOT NULL THEN v_new_outlet := 1; END IF;" \
    "  INSERT INTO hoso.article(story_id, content_hash, url, canonical_url," \
    "   outlet_id, lang, title, author, credit, published, published_day," \
    "   origin, text, record, minhash, tsv) VALUES (v_story, p_hash, p_url," \
    "   p_canon, v_outlet, p_lang, p_title, p_author, p_credit, p_published," \
    "   p_day, p_origin, p_text, p_record, p_minhash, p_tsv)" \
    "   ON CONFLICT DO NOTHING RETURNING id INTO v_art;" \
    "  IF v_art IS NULL THEN" /* another writer stored it meanwhile */ \
    "   SELECT f.article_id, f.story_id INTO article_id, story_id" \
    "    FROM hoso.article_find(p_hash, p_canon) f;" \
    "   duplicate := true; new_story := false; RETURN; END IF;" \
    "  IF new_story THEN INSERT INTO hoso.story(id) VALUES (v_story); END IF;" \
    "  INSERT INTO hoso.original(article_id, encoding, size, bytes)" \
    "   VALUES (v_art, p_enc, p_size, p_orig);" \
    "  INSERT INTO hoso.lsh(band, article_id) SELECT b, v_art" \
    "   FROM unnest(p_bands) b;" \
    "  UPDATE hoso.story SET n_articles = n_articles + 1," \
    "   n_outlets = n_outlets + v_new_outlet," \
    "   earliest_day = CASE WHEN p_day IS NOT NULL AND (earliest_day IS NULL" \
    "    OR p_day < earliest_day) THEN p_day ELSE earliest_day END," \
    "   earliest = CASE WHEN p_day IS NOT NULL AND (earliest_day IS NULL OR" \
    "    p_day < earliest_day) THEN p_published ELSE earliest END," \
    "   first_article = CASE WHEN first_article IS NULL OR (p_day IS NOT NULL" \
    "    AND (earliest_day IS NULL OR p_day < earliest_day)) THEN v_art" \
    "    ELSE first_article END, credit = COALESCE(credit, p_credit)," \
    "   title = COALESCE(title, p_title) WHERE id = v_story;" \
    "  FOR e IN SELECT x FROM jsonb_array_elements(p_ents) x LOOP" \
    "   v_ent := hoso.upsert_entity((e->>'k')::int, e->>'y', e->>'n');" \
    "   INSERT INTO hoso.mention(article_id, entity_id, title, start_at," \
    "    end_at) VALUES (v_art, v_ent, e->>'t', (e->>'s')::bigint," \
    "    (e->>'e')::bigint);" \
    "  END LOOP;" \
    "  FOR e IN SELECT x FROM jsonb_array_elements(p_events) x LOOP" \
    "   v_ev := NULL;" \
    "   SELECT ev.id INTO v_ev FROM hoso.event ev WHERE ev.story_id = v_story" \
    "    AND ev.key = e->>'key';" \
    "   IF v_ev IS NULL THEN INSERT INTO hoso.event(story_id, type, date, day," \
    "    place, summary, key) VALUES (v_story, e->>'ty', e->>'d'," \
    "    (e->>'dy')::int, e->>'p', e->>'su', e->>'key') ON CONFLICT" \
    "    (story_id, key) DO UPDATE SET type = EXCLUDED.type RETURNING id" \
    "    INTO v_ev; END IF;" \
    "   INSERT INTO hoso.event_source(event_id, article_id, start_at, end_at)" \
    "    VALUES (v_ev, v_art, (e->>'s')::bigint, (e->>'e')::bigint)" \
    "    ON CONFLICT DO NOTHING;" \
    "   FOR pa IN SELECT x FROM jsonb_array_elements(e->'pa') x LOOP" \
    "    v_ent := hoso.upsert_entity((pa->>'k')::int, pa->>'y', pa->>'n');" \
    "    INSERT INTO hoso.participant(event_id, entity_id, title)" \
    "     VALUES (v_ev, v_ent, pa->>'t') ON CONFLICT DO NOTHING;" \
    "   END LOOP;" \
    "  END LOOP;" \
    "  article_id := v_art; story_id := v_story;" \
    " EXCEPTION WHEN OTHERS THEN" \
    "  article_id := NULL; story_id := NULL; new_story := false;" \
    "  error := SQLSTATE || ' ' || SQLERRM;" \
    " END;" \
    " END $f$;"

static const char v9[] =
    "DO $d$ BEGIN"
    " IF to_regclass('hoso.article_key') IS NULL THEN"
    "  CREATE OR REPLACE FUNCTION hoso.article_find(p_hash text, p_canon text,"
    "   OUT article_id bigint, OUT story_id bigint)"
    "   LANGUAGE plpgsql STABLE AS $f$ BEGIN"
    "   SELECT a.id, a.story_id INTO article_id, story_id FROM hoso.article a"
    "    WHERE a.content_hash = p_hash;"
    "   IF article_id IS NULL AND p_canon IS NOT NULL THEN"
    "    SELECT a.id, a.story_id INTO article_id, story_id FROM hoso.article a"
    "    WHERE a.canonical_url = p_canon; END IF;"
    "   END $f$;"
    " ELSE"
    "  CREATE OR REPLACE FUNCTION hoso.article_find(p_hash text, p_canon text,"
    "   OUT article_id bigint, OUT story_id bigint)"
    "   LANGUAGE plpgsql STABLE AS $f$ DECLARE v_id bigint; BEGIN"
    "   SELECT k.article_id INTO v_id FROM hoso.article_key k"
    "    WHERE k.content_hash = p_hash;"
    "   IF v_id IS NULL AND p_canon IS NOT NULL THEN"
    "    SELECT k.article_id INTO v_id FROM hoso.article_key k"
    "    WHERE k.canonical_url = p_canon; END IF;"
    "   IF v_id IS NOT NULL THEN"
    "    SELECT a.id, a.story_id INTO article_id, story_id FROM hoso.article a"
    "    WHERE a.id = v_id; END IF;"
    "   END $f$;"
    " END IF; END $d$;";

/* Version 9 -> 10: near-duplicates stored at once by two writers join one
** story, as one writer would store them. A batch is one transaction, so
** an article's LSH bands stay invisible to other writers until its batch
** commits; a second writer storing a near-duplicate in the meantime found
** no candidate and started a story of its own (make bench-pg-ingest: 10 of
** 2,001 articles with other story-mates with 2 processes than with 1, at
** batches of 1,024). Now put_article first upserts every band of the
** article into hoso.lsh_claim (one row per band: inserted by the first
** article with it, updated -- and so row-locked until commit -- by every
** later one), in band order, before it reads the candidates. A writer
** whose article shares a band with another writer's uncommitted article
** waits there for that commit (PostgreSQL waits on the row), then its
** candidate statement, with a new snapshot, sees the other article.
** Writers of articles sharing no band never wait for each other (bands of
** unrelated articles rarely meet: 0 of 500 VNTC articles had a candidate).
** Two writers whose batches claim each other's bands in opposite orders
** deadlock: PostgreSQL fails one, and its batch runs again (pg_batch.c).
** n counts the articles that claimed the band since this version; an
** existing archive's bands are claimed as new articles meet them.
** (put_article is made by version 11, which changed it again.) */
static const char v10[] =
    "CREATE TABLE IF NOT EXISTS hoso.lsh_claim(band bigint PRIMARY KEY,"
    " n integer NOT NULL DEFAULT 1);";

/* Version 10 -> 11: a sharded archive's writers read the articles they
** compare with from the coordinator, not from the shards. postgres_fdw
** runs a transaction's remote side at REPEATABLE READ: a batch's snapshot
** on a shard is taken when the batch first reads or writes there and is
** kept until it commits. A writer B whose batch had touched the shards,
** storing b after writer A committed a near-duplicate a, found a's bands
** in hoso.lsh (on the coordinator, READ COMMITTED: a new snapshot each
** statement) but read a's signature and story through its old snapshot
** of the shard: no row, no candidate, and b started a story of its own
** (make bench-pg-ingest, 2 shards: 2 of 2,001 articles with other
** story-mates with 2 processes than with 1; never on one server, whose
** reads are all READ COMMITTED; tests/pg/writers_shards.sh). The same
** stale read could miss a's story in hoso.article_find (a duplicate of a)
** and a's outlet in the story's outlet count.
** So hoso.article_key (the coordinator's row per sharded article, made by
** the BEFORE INSERT trigger, pg_shard.c) also keeps the article's story,
** outlet and signature (bytes of MinHash minima; an article's three
** never change once stored), and put_article reads them through the view
** hoso.article_sig: on one server hoso.article itself, on a sharded
** archive hoso.article_key. The candidates' signatures then cost the
** shards nothing (before: one `id = ANY` statement on every shard per
** article with candidates). The copy of an existing sharded archive is
** filled from its shards once here (every article's id, story, outlet
** and signature read through postgres_fdw, in the upgrade's
** transaction). */
static const char v11[] =
    "DO $d$ BEGIN"
    " IF to_regclass('hoso.article_key') IS NOT NULL THEN"
    "  ALTER TABLE hoso.article_key ADD COLUMN IF NOT EXISTS story_id bigint,"
    "   ADD COLUMN IF NOT EXISTS outlet_id bigint,"
    "   ADD COLUMN IF NOT EXISTS minhash bytea;"
    "  UPDATE hoso.article_key k SET story_id = a.story_id,"
    "   outlet_id = a.outlet_id, minhash = a.minhash FROM hoso.article a"
    "   WHERE a.id = k.article_id AND k.minhash IS NULL;"
    "  CREATE INDEX IF NOT EXISTS article_key_story"
    "   ON hoso.article_key(story_id, outlet_id);"
    "  CREATE OR REPLACE FUNCTION hoso.article_key() RETURNS trigger"
    "   LANGUAGE plpgsql AS $f$ BEGIN INSERT INTO hoso.article_key(content_hash,"
    "   canonical_url, article_id, story_id, outlet_id, minhash) VALUES"
    "   (NEW.content_hash, NEW.canonical_url, NEW.id, NEW.story_id,"
    "   NEW.outlet_id, NEW.minhash) ON CONFLICT DO NOTHING;"
    "   IF NOT FOUND THEN RETURN NULL; END IF; RETURN NEW; END $f$;"
    "  CREATE OR REPLACE VIEW hoso.article_sig AS SELECT article_id AS id,"
    "   story_id, outlet_id, minhash FROM hoso.article_key;"
    "  CREATE OR REPLACE FUNCTION hoso.article_find(p_hash text, p_canon text,"
    "   OUT article_id bigint, OUT story_id bigint)"
    "   LANGUAGE plpgsql STABLE AS $f$ BEGIN"
    "   SELECT k.article_id, k.story_id INTO article_id, story_id"
    "    FROM hoso.article_key k WHERE k.content_hash = p_hash;"
    "   IF article_id IS NULL AND p_canon IS NOT NULL THEN"
    "    SELECT k.article_id, k.story_id INTO article_id, story_id"
    "    FROM hoso.article_key k WHERE k.canonical_url = p_canon; END IF;"
    "   END $f$;"
    " ELSE"
    "  CREATE OR REPLACE VIEW hoso.article_sig AS SELECT id, story_id,"
    "   outlet_id, minhash FROM hoso.article;"
    " END IF; END $d$;"
    PUT_ARTICLE_SQL ";";

/* Versions 1-7 are SQL, run in one transaction; 7 -> 8 (content hashes
** and signatures of the syllables) is hoso__pg_rehash, pg_rehash.c: it
** reads every stored text, in batches that each commit. Versions 9 and
** later are SQL again, run in one transaction after it (late_steps[0] is
** version 9's). */
#define SQL_STEPS 7
static const char *const steps[SQL_STEPS] = {v1, v2, v3, v4, v5, v6, v7};
#define LATE_STEPS (HOSO_PG_SCHEMA_VERSION - HOSO_PG_REHASH_VERSION)
static const char *const late_steps[LATE_STEPS] = {v9, v10, v11};

/* The schema version stored, or 0 when there is no hoso schema. */
static int stored_version(pg_store *s, int *v, hoso_error *err) {
  *v = 0;
  PGresult *r = hoso__pg_exec(s, "SELECT to_regclass('hoso.meta') IS NOT NULL",
                              0, NULL, err, "cannot read the archive schema");
  if (!r) return HOSO_EDB;
  int have = strcmp(PQgetvalue(r, 0, 0), "t") == 0;
  PQclear(r);
  if (!have) return HOSO_OK;
  r = hoso__pg_exec(s, "SELECT value FROM hoso.meta WHERE key='schema_version'",
                    0, NULL, err, "cannot read the archive schema");
  if (!r) return HOSO_EDB;
  if (PQntuples(r) > 0) *v = atoi(PQgetvalue(r, 0, 0));
  PQclear(r);
  return HOSO_OK;
}

static int refuse_newer(pg_store *s, int v, hoso_error *err) {
  return hoso__err(err, HOSO_EDB,
                   "the archive at %s has schema version %d, newer than this "
                   "hoso (knows up to %d): upgrade hoso",
                   s->where, v, HOSO_PG_SCHEMA_VERSION);
}

/* BEGIN, serialised with other openers migrating the same archive, with
** the search path the steps' SQL expects. */
static int begin_migration(pg_store *s, hoso_error *err) {
  int rc = hoso__pg_cmd(s, "BEGIN", 0, NULL, err, "cannot migrate the archive");
  if (!rc)
    rc = hoso__pg_cmd(s, "SELECT pg_advisory_xact_lock(7101976)", 0, NULL, err,
                      "cannot migrate the archive");
  if (!rc)
    rc = hoso__pg_cmd(s,
                      "SELECT set_config('search_path', 'hoso, ' ||"
                      " cfgnamespace::regnamespace::text || ', public', true)"
                      " FROM pg_ts_config WHERE cfgname = 'vietnamese'",
                      0, NULL, err, "cannot find the hoso_pg extension");
  return rc;
}

/* Runs step `sql`, which makes version `to`, and records the version. */
static int run_step(pg_store *s, const char *sql, int to, hoso_error *err) {
  char ver[32], what[64];
  snprintf(ver, sizeof ver, "%d", to);
  snprintf(what, sizeof what, "cannot upgrade the archive to version %d", to);
  const char *p[1] = {ver};
  int rc = hoso__pg_cmd(s, sql, 0, NULL, err, what);
  if (!rc)
    rc = hoso__pg_cmd(s,
                      "INSERT INTO hoso.meta VALUES('schema_version', $1)"
                      " ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
                      1, p, err, "cannot record the schema version");
  return rc;
}

/* Versions after the rehash (late_steps), in one transaction. */
static int migrate_late(pg_store *s, hoso_error *err) {
  int v, rc = begin_migration(s, err);
  if (!rc) rc = stored_version(s, &v, err); /* another opener may have won */
  if (!rc && v < HOSO_PG_REHASH_VERSION)
    rc = hoso__err(err, HOSO_EDB, "the archive at %s is at schema version %d,"
                   " expected %d or later after its upgrade", s->where, v,
                   HOSO_PG_REHASH_VERSION);
  for (; !rc && v < HOSO_PG_SCHEMA_VERSION; v++)
    rc = run_step(s, late_steps[v - HOSO_PG_REHASH_VERSION], v + 1, err);
  if (!rc) rc = hoso__pg_cmd(s, "COMMIT", 0, NULL, err, "cannot migrate the archive");
  if (rc) PQclear(PQexec(s->conn, "ROLLBACK"));
  return rc;
}

/* Versions up to SQL_STEPS (and a new archive's shards), in one
** transaction; *v: the version stored before them (0: a new archive). */
static int migrate_early(pg_store *s, int *v, hoso_error *err) {
  int rc = begin_migration(s, err);
  if (!rc)
    rc = hoso__pg_cmd(s,
                      "CREATE SCHEMA IF NOT EXISTS hoso;"
                      "CREATE TABLE IF NOT EXISTS hoso.meta(key text PRIMARY KEY,"
                      " value text NOT NULL)",
                      0, NULL, err, "cannot create the archive schema");
  if (!rc) rc = stored_version(s, v, err); /* another opener may have won */
  if (!rc && *v > HOSO_PG_SCHEMA_VERSION) rc = refuse_newer(s, *v, err);
  for (int k = *v; !rc && k < SQL_STEPS; k++) rc = run_step(s, steps[k], k + 1, err);
  /* a new archive whose database names shards (pg_shard.c): its article
  ** table, now partitioned, gets the index that selects RUM ranking (v4)
  ** and the vocabulary and best-list triggers (v5, v6) again */
  int sharded = 0;
  if (!rc && *v == 0) rc = hoso__pg_shard_new(s, &sharded, err);
  for (int k = 3; !rc && sharded && k < 6; k++)
    rc = hoso__pg_cmd(s, steps[k], 0, NULL, err,
                      "cannot shard the archive (hoso.shards)");
  if (!rc) rc = hoso__pg_cmd(s, "COMMIT", 0, NULL, err, "cannot migrate the archive");
  if (rc) PQclear(PQexec(s->conn, "ROLLBACK"));
  return rc;
}

/* Three stages, each committed: the SQL steps up to SQL_STEPS, the
** rehash (version 8, in its own committed batches: pg_rehash.c) when the
** archive was older, then the later SQL steps. */
int hoso__pg_migrate(pg_store *s, hoso_error *err) {
  int v, rc = stored_version(s, &v, err);
  if (rc) return rc;
  if (v > HOSO_PG_SCHEMA_VERSION) return refuse_newer(s, v, err);
  if (v == HOSO_PG_SCHEMA_VERSION) return HOSO_OK;
  if (s->readonly)
    return hoso__err(err, HOSO_EDB,
                     v == 0 ? "no hoso archive in the database at %s "
                              "(ingest into it once to create one)"
                            : "the archive at %s needs a schema upgrade: "
                              "open it writable once (hoso ingest)",
                     s->where);
  rc = migrate_early(s, &v, err);
  if (rc) return rc;
  if (v < HOSO_PG_REHASH_VERSION && (rc = hoso__pg_rehash(s, err)) != 0) return rc;
  return migrate_late(s, err);
}
