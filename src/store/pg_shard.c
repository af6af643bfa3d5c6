/* pg_shard.c -- a new PostgreSQL archive whose articles are hash-
** partitioned over shard servers with postgres_fdw (docs/scale.md,
** section 2). The database administrator makes the shards known to the
** coordinator's database the usual way -- CREATE SERVER ... FOREIGN DATA
** WRAPPER postgres_fdw and CREATE USER MAPPING for each -- and names them,
** in partition order, in the database setting hoso.shards:
**
**   ALTER DATABASE hoso SET hoso.shards = 'shard1, shard2';
**
** The first hoso that creates the archive there (any writable open of an
** empty database) then makes hoso.article a table PARTITION BY HASH (id)
** whose partitions are foreign tables, hoso.article_p<i> on the i-th
** server (its table is created there through dblink, with its own
** indexes: primary key, content hash, canonical URL, story, day and the
** text index, RUM when the coordinator has RUM). Everything else (stories,
** outlets, entities, events, originals, bands, the vocabulary) stays on the
** coordinator. What changes for the other tables:
**
**  - no foreign key can point at a partitioned table without a unique
**    index over all its partitions, and foreign partitions cannot be in
**    one: the foreign keys into hoso.article are dropped (hoso only adds
**    articles, each with its rows in one hoso.put_article call);
**  - the global keys move to hoso.article_key on the coordinator (content
**    hash, canonical URL -> article id, both UNIQUE): the BEFORE INSERT
**    trigger article_key inserts the new article's keys ON CONFLICT DO
**    NOTHING and skips the article when either is taken, so two writers
**    storing the same text still keep one copy (the second waits for the
**    first's commit, as it would on a unique index), and put_article's
**    "stored meanwhile" path answers as on one server;
**  - the article's other indexes and triggers are made again on the new
**    table by the schema steps that made them (pg_schema.c runs them again
**    after this): the partitioned RUM index holds nothing on the
**    coordinator but tells searches to rank with <=>, which postgres_fdw
**    ships to the shards (the servers' option extensions 'rum'): a search
**    asks each partition for its own best candidates, grouped by article
**    so that the shard computes the distance of its matches and sends
**    (id, story, distance), best first, at most the candidates wanted
**    (pg_topk.c; a plain `ORDER BY tsv <=> q` becomes a Merge Append over
**    the shards' ordered scans once the coordinator has statistics, each
**    row with its vector).
**
** Only a new archive is sharded: the setting is read when the schema is
** first created, and an existing archive is never moved. A shard that
** already holds articles in its table is refused (another archive's).
**
** No state of its own: the SQL runs in the migration's transaction
** (pg_schema.c); the shards' DDL is each its own remote transaction (all
** "IF NOT EXISTS", so a migration that failed after it can run again). */
#include <string.h>

#include "store/pg_int.h"

/* The conversion, for an archive whose schema was just created (empty
** hoso.article, with the indexes and triggers of versions 1-7). */
static const char shard_sql[] =
    "DO $d$ DECLARE v_srv text[]; v_n int; v_i int; v_cols text;"
    " v_rum text; v_dbl text; v_c record; v_tab text; v_cnt bigint;"
    " v_ddl text; v_ns text; v_o record;"
    " BEGIN"
    " v_srv := regexp_split_to_array(btrim(current_setting('hoso.shards', true),"
    "  E' ,\\t'), E'[ ,\\t]+');"
    " v_n := array_length(v_srv, 1);"
    " FOR v_i IN 1 .. v_n LOOP"
    "  IF NOT EXISTS (SELECT 1 FROM pg_foreign_server fs JOIN"
    "   pg_foreign_data_wrapper w ON w.oid = fs.srvfdw WHERE fs.srvname ="
    "   v_srv[v_i] AND w.fdwname = 'postgres_fdw') THEN"
    "   RAISE EXCEPTION 'hoso.shards names \"%\", which is not a postgres_fdw"
    " server of this database (CREATE SERVER % FOREIGN DATA WRAPPER"
    " postgres_fdw OPTIONS (host ..., port ..., dbname ...) and CREATE USER"
    " MAPPING FOR ... SERVER %)', v_srv[v_i], v_srv[v_i], v_srv[v_i];"
    "  END IF;"
    " END LOOP;"
    " IF EXISTS (SELECT 1 FROM hoso.article) THEN RAISE EXCEPTION"
    "  'hoso.shards: this archive already holds articles; shards are made"
    " for a new archive only'; END IF;"
    " CREATE EXTENSION IF NOT EXISTS dblink;"
    " SELECT n.nspname INTO v_dbl FROM pg_extension e JOIN pg_namespace n"
    "  ON n.oid = e.extnamespace WHERE e.extname = 'dblink';"
    " SELECT n.nspname INTO v_rum FROM pg_extension e JOIN pg_namespace n"
    "  ON n.oid = e.extnamespace WHERE e.extname = 'rum';"
    /* the columns as the coordinator has them (tsv plain since v3) */
    " SELECT string_agg(format('%I %s%s', attname, format_type(atttypid,"
    "  atttypmod), CASE WHEN attnotnull THEN ' NOT NULL' ELSE '' END), ', '"
    "  ORDER BY attnum) INTO v_cols FROM pg_attribute WHERE attrelid ="
    "  'hoso.article'::regclass AND attnum > 0 AND NOT attisdropped;"
    " FOR v_c IN SELECT conname, conrelid::regclass::text AS t FROM"
    "  pg_constraint WHERE confrelid = 'hoso.article'::regclass LOOP"
    "  EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', v_c.t, v_c.conname);"
    " END LOOP;"
    " ALTER TABLE hoso.article RENAME TO article_single;"
    " CREATE TABLE hoso.article (LIKE hoso.article_single INCLUDING DEFAULTS)"
    "  PARTITION BY HASH (id);"
    " ALTER SEQUENCE hoso.article_id_seq OWNED BY hoso.article.id;"
    " DROP TABLE hoso.article_single;"
    /* the global keys */
    " CREATE TABLE hoso.article_key(content_hash text PRIMARY KEY,"
    "  canonical_url text UNIQUE, article_id bigint NOT NULL UNIQUE);"
    " CREATE FUNCTION hoso.article_key() RETURNS trigger LANGUAGE plpgsql AS"
    "  $f$ BEGIN INSERT INTO hoso.article_key VALUES (NEW.content_hash,"
    "  NEW.canonical_url, NEW.id) ON CONFLICT DO NOTHING;"
    "  IF NOT FOUND THEN RETURN NULL; END IF; RETURN NEW; END $f$;"
    " CREATE TRIGGER article_key BEFORE INSERT ON hoso.article"
    "  FOR EACH ROW EXECUTE FUNCTION hoso.article_key();"
    /* the partitions: a table on each shard, a foreign table here */
    " FOR v_i IN 0 .. v_n - 1 LOOP"
    "  v_tab := 'article_p' || v_i;"
    "  v_ddl := 'CREATE SCHEMA IF NOT EXISTS hoso;';"
    "  IF v_rum IS NOT NULL THEN v_ddl := v_ddl || format("
    "   'CREATE SCHEMA IF NOT EXISTS %I; CREATE EXTENSION IF NOT EXISTS rum"
    " SCHEMA %I;', v_rum, v_rum); END IF;"
    "  v_ddl := v_ddl || format('CREATE TABLE IF NOT EXISTS hoso.%I (%s,"
    " PRIMARY KEY (id), UNIQUE (content_hash), UNIQUE (canonical_url));"
    " CREATE INDEX IF NOT EXISTS %I ON hoso.%I (story_id, outlet_id);"
    " CREATE INDEX IF NOT EXISTS %I ON hoso.%I (published_day);"
    " CREATE INDEX IF NOT EXISTS %I ON hoso.%I USING %s;',"
    "   v_tab, v_cols, v_tab || '_story', v_tab, v_tab || '_day', v_tab,"
    "   v_tab || '_tsv', v_tab, CASE WHEN v_rum IS NULL THEN 'gin (tsv)'"
    "   ELSE format('rum (tsv %I.rum_tsvector_ops)', v_rum) END);"
    "  BEGIN"
    "   EXECUTE format('SELECT %I.dblink_exec(%L, %L)', v_dbl, v_srv[v_i + 1], v_ddl);"
    "   EXECUTE format('SELECT n FROM %I.dblink(%L, %L) AS t(n bigint)', v_dbl,"
    "    v_srv[v_i + 1], format('SELECT count(*) FROM hoso.%I', v_tab)) INTO v_cnt;"
    "   EXECUTE format('SELECT ns FROM %I.dblink(%L, %L) AS t(ns text)', v_dbl,"
    "    v_srv[v_i + 1], 'SELECT n.nspname::text FROM pg_extension e JOIN"
    " pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = ''rum''')"
    "    INTO v_ns;"
    "  EXCEPTION WHEN OTHERS THEN"
    "   RAISE EXCEPTION 'hoso.shards: cannot prepare shard \"%\": %',"
    "    v_srv[v_i + 1], SQLERRM;"
    "  END;"
    "  IF v_cnt > 0 THEN RAISE EXCEPTION 'hoso.shards: shard \"%\" already"
    " holds % articles in hoso.% (another archive''s?)', v_srv[v_i + 1],"
    "   v_cnt, v_tab; END IF;"
    "  IF v_rum IS NOT NULL AND v_ns IS DISTINCT FROM v_rum THEN RAISE EXCEPTION"
    "   'hoso.shards: shard \"%\" has the rum extension in schema %, this"
    " database in schema % (ranking is shipped to the shards by name:"
    " install it in the same schema)', v_srv[v_i + 1], coalesce(v_ns, '(none)'),"
    "   v_rum; END IF;"
    /* searches run on all shards at once; <=> is shipped to them */
    "  FOR v_o IN SELECT * FROM (VALUES ('async_capable', 'true'),"
    "   ('extensions', CASE WHEN v_rum IS NULL THEN NULL ELSE 'rum' END)) o(k, val)"
    "   WHERE val IS NOT NULL LOOP"
    "   EXECUTE format('ALTER SERVER %I OPTIONS (%s %I %L)', v_srv[v_i + 1],"
    "    CASE WHEN EXISTS (SELECT 1 FROM pg_foreign_server fs,"
    "    unnest(fs.srvoptions) x WHERE fs.srvname = v_srv[v_i + 1] AND"
    "    x LIKE v_o.k || '=%') THEN 'SET' ELSE 'ADD' END, v_o.k, v_o.val);"
    "  END LOOP;"
    "  EXECUTE format('CREATE FOREIGN TABLE hoso.%I PARTITION OF hoso.article"
    " FOR VALUES WITH (MODULUS %s, REMAINDER %s) SERVER %I OPTIONS"
    " (schema_name %L, table_name %L)', v_tab, v_n, v_i, v_srv[v_i + 1],"
    "   'hoso', v_tab);"
    " END LOOP;"
    " INSERT INTO hoso.meta VALUES ('shards', array_to_string(v_srv, ','))"
    "  ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value;"
    " END $d$;";

int hoso__pg_shard_new(pg_store *s, int *sharded, hoso_error *err) {
  *sharded = 0;
  PGresult *r = hoso__pg_exec(
      s, "SELECT coalesce(btrim(current_setting('hoso.shards', true),"
         " E' ,\\t'), '') <> ''",
      0, NULL, err, "cannot read the setting hoso.shards");
  if (!r) return HOSO_EDB;
  int want = strcmp(PQgetvalue(r, 0, 0), "t") == 0;
  PQclear(r);
  if (!want) return HOSO_OK;
  /* postgres_fdw first, outside the DO block, so that a server without it
  ** says so plainly */
  int rc = hoso__pg_cmd(s, "CREATE EXTENSION IF NOT EXISTS postgres_fdw", 0,
                        NULL, err, "cannot shard the archive (hoso.shards)");
  if (!rc)
    rc = hoso__pg_cmd(s, shard_sql, 0, NULL, err,
                      "cannot shard the archive (hoso.shards)");
  if (!rc) *sharded = 1;
  return rc;
}
