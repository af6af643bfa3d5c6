# tests/pg/migrate_v8.sh -- sourced by scripts/test-pg.sh: schema 7 -> 8
# (store/pg_rehash.c). Until schema 8 a PostgreSQL archive kept the content
# hashes and MinHash signatures it was written with -- of the segmented
# words, before the SQLite store's schema 6 -- so re-ingesting the same
# files stored them again and reprints did not join their old stories.
#
# The schema-7 archive is made here from this build, then given old keys
# in SQL: every article's content hash and signature replaced by other
# values (md5 of the new ones; the old functions are gone, and what the
# upgrade needs is only that they differ), its LSH rows by bands of that
# signature, and schema_version 7. Before that, one text is stored twice
# the way an old archive could hold it: the second copy differs only in
# spacing before commas (the same syllables, so the same new hash) and was
# stored while the first still had its old hash. Then: a read-only open is
# told to upgrade; a copy marked 8 without re-hashing stores duplicates (the
# bug this guards against); the upgrade is killed half way (a trigger on
# hoso.meta stalls the transaction after a few batches, the process and its
# connection are killed), resumes where it stopped, and leaves the same
# hashes, signatures and bands as a fresh archive of the same files, keeps
# every row, and a rerun of the files adds nothing.

for d in m7 m7f m7c; do
  pgl_psql coord postgres -c "CREATE DATABASE $d" >/dev/null
  hoso_pg_load coord $d >/dev/null || bad "load hoso_pg into $d" "failed"
done
M=$(pgl_url coord m7); F=$(pgl_url coord m7f)
mq() { pgl_psql coord "$1" -c "$2" 2>&1; }
num() { grep -o "\"$1\":[0-9]*" | head -1 | cut -d: -f2; }
mdir="$PGL_DIR/m7files"; mkdir -p "$mdir/copy"
head -n 40 demo/sample/vntc-sample.jsonl > "$mdir/in.jsonl"
cp demo/sample/seed-2021-call.txt demo/sample/seed-2025-dialogue.txt "$mdir/"
sed 's/,/ ,/g' demo/sample/seed-2025-dialogue.txt > "$mdir/copy/dialogue.txt"
files=("$mdir/in.jsonl" "$mdir/seed-2021-call.txt" "$mdir/seed-2025-dialogue.txt")

$hoso ingest --quiet --db "$F" "${files[@]}" >/dev/null 2>&1
check "v8: the reference archive (schema 11, 42 articles)" "11|42" \
  "$(mq m7f "SELECT (SELECT value FROM hoso.meta WHERE key='schema_version'), (SELECT count(*) FROM hoso.article)")"
out=$($hoso ingest --quiet --json --db "$F" "$mdir/copy/dialogue.txt" 2>&1)
check "v8: the respaced copy has the same new hash (a duplicate when both keys are new)" "0" "$(echo "$out" | num added)"

# the archive to upgrade
$hoso ingest --quiet --db "$M" "${files[@]}" >/dev/null 2>&1
dia="origin LIKE '%/seed-2025-dialogue.txt%'"
mq m7 "UPDATE hoso.article SET content_hash = md5('schema7:' || content_hash) WHERE $dia" >/dev/null
out=$($hoso ingest --quiet --json --db "$M" "$mdir/copy/dialogue.txt" 2>&1)
check "v8: an old archive can hold the same text twice (added, joined its story)" "1|0" \
  "$(echo "$out" | num added)|$(echo "$out" | num new_stories)"
mq m7 "UPDATE hoso.article SET content_hash = md5('schema7:' || content_hash),
         minhash = decode(repeat(md5('sig7:' || id || content_hash), 16), 'hex');
       DELETE FROM hoso.lsh;
       INSERT INTO hoso.lsh(band, article_id) SELECT hashtextextended(encode(substring(a.minhash FROM j * 16 + 1 FOR 16), 'hex'), j), a.id
         FROM hoso.article a, generate_series(0, 15) j;
       UPDATE hoso.meta SET value = '7' WHERE key = 'schema_version'" >/dev/null
counts="SELECT (SELECT count(*) FROM hoso.article), (SELECT count(*) FROM hoso.story), (SELECT count(*) FROM hoso.original), (SELECT count(*) FROM hoso.mention), (SELECT count(*) FROM hoso.event), (SELECT count(*) FROM hoso.event_source), (SELECT count(*) FROM hoso.lsh), (SELECT sum(n_articles) FROM hoso.story)"
before=$(mq m7 "$counts")
copy_old=$(mq m7 "SELECT content_hash FROM hoso.article WHERE origin LIKE '%/copy/%'")
check "v8: the schema-7 archive (43 articles, 16 bands each)" "43|688" "$(mq m7 "SELECT count(*) FROM hoso.article")|$(mq m7 "SELECT count(*) FROM hoso.lsh")"

# the bug: the same archive taken as up to date stores every file again
mq postgres "CREATE DATABASE m7x TEMPLATE m7" >/dev/null
mq m7x "UPDATE hoso.meta SET value = '8' WHERE key = 'schema_version'" >/dev/null
out=$($hoso ingest --quiet --json --db "$(pgl_url coord m7x)" "${files[@]}" 2>&1)
check "v8: control -- old keys without the upgrade: the rerun stores all 42 again" "42" "$(echo "$out" | num added)"
mq postgres "DROP DATABASE m7x" >/dev/null

out=$($hoso stats --db "$M" 2>&1)
check_has "v8: read-only open of a schema-7 archive asks for an upgrade" "needs a schema upgrade" "$out"

# Killed half way: each batch of 5 commits and records its last id; the
# trigger stalls the batch that would record an id past the 20th article.
mid=$(mq m7 "SELECT id FROM hoso.article ORDER BY id OFFSET 19 LIMIT 1")
mq m7 "CREATE TABLE public.rehash_log(v bigint);
CREATE FUNCTION public.rehash_stall() RETURNS trigger LANGUAGE plpgsql AS \$f\$ BEGIN
  IF NEW.key = 'rehash_next' AND NEW.value::bigint > $mid AND EXISTS (SELECT 1 FROM pg_tables WHERE tablename = 'rehash_stall_on') THEN PERFORM pg_sleep(120); END IF;
  RETURN NEW; END \$f\$;
CREATE FUNCTION public.rehash_note() RETURNS trigger LANGUAGE plpgsql AS \$f\$ BEGIN
  IF NEW.key = 'rehash_next' THEN INSERT INTO public.rehash_log VALUES (NEW.value::bigint); END IF;
  RETURN NULL; END \$f\$;
CREATE TABLE public.rehash_stall_on();
CREATE TRIGGER rehash_stall BEFORE INSERT OR UPDATE ON hoso.meta FOR EACH ROW EXECUTE FUNCTION public.rehash_stall();
CREATE TRIGGER rehash_note AFTER INSERT OR UPDATE ON hoso.meta FOR EACH ROW EXECUTE FUNCTION public.rehash_note()" >/dev/null
textidx="SELECT string_agg(c.relname || ':' || i.indisvalid, ',' ORDER BY c.relname) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am am ON am.oid = c.relam WHERE i.indrelid = 'hoso.article'::regclass AND am.amname IN ('rum', 'gin')"
idx0=$(mq m7 "$textidx")
# HOSO_PG_REHASH_REINDEX_MIN=0: the text index is dropped after the first
# batch (every row changes) and built again at the end, as on a large archive
HOSO_PG_REHASH_REINDEX_MIN=0 HOSO_PG_REHASH_BATCH=5 $hoso stats --check --db "$M" >"$PGL_DIR/m7kill.out" 2>&1 &
kpid=$!
stalled=""
for i in $(seq 1 600); do
  stalled=$(mq postgres "SELECT pid FROM pg_stat_activity WHERE datname = 'm7' AND wait_event = 'PgSleep'")
  [ -n "$stalled" ] && break
  sleep 0.1
done
kill -9 $kpid 2>/dev/null; wait $kpid 2>/dev/null
[ -n "$stalled" ] && mq postgres "SELECT pg_terminate_backend($stalled)" >/dev/null
check "v8: the upgrade was stopped half way (after 4 batches of 5)" "y|7|$(mq m7 "SELECT id FROM hoso.article ORDER BY id OFFSET 19 LIMIT 1")" \
  "${stalled:+y}|$(mq m7 "SELECT value FROM hoso.meta WHERE key='schema_version'")|$(mq m7 "SELECT value FROM hoso.meta WHERE key='rehash_next'")"
# re-keyed articles no longer hold the band made from their old signature
check "v8: what the killed run committed stays (20 re-keyed, none after them)" "20|0" \
  "$(mq m7 "SELECT count(*) FILTER (WHERE id <= $mid), count(*) FILTER (WHERE id > $mid) FROM hoso.article a WHERE NOT EXISTS (SELECT 1 FROM hoso.lsh l WHERE l.article_id = a.id AND l.band = hashtextextended(encode(substring(a.minhash FROM 1 FOR 16), 'hex'), 0))")"
check "v8: killed while the text index was dropped for the upgrade (its definition kept)" "|1" \
  "$(mq m7 "$textidx")|$(mq m7 "SELECT count(*) FROM hoso.meta WHERE key LIKE 'rehash\_index:%'")"
mq m7 "DROP TABLE public.rehash_stall_on" >/dev/null
HOSO_PG_REHASH_REINDEX_MIN=0 HOSO_PG_REHASH_BATCH=5 $hoso stats --check --db "$M" >"$PGL_DIR/m7resume.out" 2>&1
check "v8: run again, the upgrade completes, then schema 11 (rc, version, progress key gone)" "0|11|0" \
  "$?|$(mq m7 "SELECT value FROM hoso.meta WHERE key='schema_version'")|$(mq m7 "SELECT count(*) FROM hoso.meta WHERE key='rehash_next'")"
# the rewritten rows' old versions are vacuumed by the upgrade itself
# (without it they stayed until the next VACUUM: 2,580 -> 3,029 MB at
# 200,000 articles), and the planner has the new keys' statistics. Dead
# rows are counted in the pages (pgstattuple): the statistics' n_dead_tup
# may still receive the updates' counts after the VACUUM.
mq m7 "CREATE EXTENSION IF NOT EXISTS pgstattuple" >/dev/null
check "v8: the upgrade ends with VACUUM (ANALYZE) of articles and bands (vacuumed and analyzed; dead rows in articles, bands)" \
  "t|t|0|0" \
  "$(mq m7 "SELECT bool_and(last_vacuum IS NOT NULL), bool_and(last_analyze IS NOT NULL), (SELECT dead_tuple_count FROM pgstattuple('hoso.article')), (SELECT dead_tuple_count FROM pgstattuple('hoso.lsh')) FROM pg_stat_user_tables WHERE relid IN ('hoso.article'::regclass, 'hoso.lsh'::regclass)")"
check "v8: the RUM index built again at the end (as before: $idx0)" "article_rum:true|0" \
  "$(mq m7 "$textidx")|$(mq m7 "SELECT count(*) FROM hoso.meta WHERE key LIKE 'rehash\_index:%'")"
check "v8: it resumed where it stopped (each batch end recorded once: 4 before the kill, 4 after)" "0|8" \
  "$(mq m7 "SELECT count(*) - count(DISTINCT v), count(*) FROM public.rehash_log")"

# the keys now equal a fresh archive's, article by article
keys="SELECT origin, content_hash, encode(minhash, 'hex'), (SELECT string_agg(band::text, ',' ORDER BY band) FROM hoso.lsh l WHERE l.article_id = a.id) FROM hoso.article a WHERE origin NOT LIKE '%/copy/%' ORDER BY origin"
mq m7 "$keys" > "$PGL_DIR/m7keys"; mq m7f "$keys" > "$PGL_DIR/m7fkeys"
[ "$(wc -l < "$PGL_DIR/m7fkeys")" = 42 ] && cmp -s "$PGL_DIR/m7keys" "$PGL_DIR/m7fkeys" \
  && ok "v8: hashes, signatures and LSH bands = a fresh archive's, for all 42" \
  || bad "v8: keys after the upgrade" "$(diff "$PGL_DIR/m7keys" "$PGL_DIR/m7fkeys" | head -n 4 | cut -c1-200)"
check "v8: no row lost or added (articles stories originals mentions events sources bands)" "$before" "$(mq m7 "$counts")"
# the collision: both copies kept; the first has the new hash, the copy
# its old one (UNIQUE) and the new signature
check "v8: collision -- both rows kept, the first takes the new hash, the copy keeps its old one; one signature, one story" "2|1|1|1|1" \
  "$(mq m7 "SELECT count(*), count(*) FILTER (WHERE content_hash <> '$copy_old'), count(*) FILTER (WHERE content_hash = '$copy_old' AND origin LIKE '%/copy/%'), count(DISTINCT minhash), count(DISTINCT story_id) FROM hoso.article WHERE $dia OR origin LIKE '%/copy/%'")"
out=$($hoso ingest --quiet --json --db "$M" "${files[@]}" "$mdir/copy/dialogue.txt" 2>&1)
check "v8: re-ingesting the same files adds nothing (added, new stories, recognised)" "0|0|43" \
  "$(echo "$out" | num added)|$(echo "$out" | num new_stories)|$(( $(echo "$out" | num duplicates) + $(echo "$out" | num skipped) ))"
# a reprint of a stored article joins its story (the new signatures)
sed -n 3p "$mdir/in.jsonl" | sed 's/"text": "/"text": "Tin mới: /' > "$mdir/reprint.jsonl"
out=$($hoso ingest --quiet --json --db "$M" "$mdir/reprint.jsonl" 2>&1)
check "v8: a reprint of an upgraded article joins its story" "1|0" \
  "$(echo "$out" | num added)|$(echo "$out" | num new_stories)"
out=$($hoso stats --check --db "$M" 2>&1)
check "v8: the upgraded archive passes its check" "0" "$?"
# An archive already holding the new keys (stored by a hoso that made them,
# at schema 7) is upgraded without rewriting a row: same row versions.
rows="SELECT md5(string_agg(ctid::text || xmin::text, ',' ORDER BY id)) FROM hoso.article"
lshrows="SELECT md5(string_agg(ctid::text || xmin::text, ',' ORDER BY ctid)) FROM hoso.lsh"
r0="$(mq m7 "$rows")|$(mq m7 "$lshrows")"; mq m7 "UPDATE hoso.meta SET value = '7' WHERE key = 'schema_version'" >/dev/null
$hoso stats --check --db "$M" >/dev/null 2>&1
check "v8: an archive that already has the new keys is upgraded (to 11) without rewriting a row" "11|$r0" \
  "$(mq m7 "SELECT value FROM hoso.meta WHERE key='schema_version'")|$(mq m7 "$rows")|$(mq m7 "$lshrows")"
