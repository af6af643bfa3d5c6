# tests/pg/writers.sh -- sourced by scripts/test-pg.sh (after backend.sh,
# which made `arch`: the sample ingested by one process). Session 6's bug:
# two `hoso ingest` runs storing DIFFERENT files into one archive at once
# (default batch, analysis on) deadlocked on the rows both lock (an
# entity's mention count, a new entity or outlet key) and one stopped with
# exit 2. Now the loser's batch is rolled back and run again
# (src/store/pg_batch.c). Both must succeed, and the archive must hold
# exactly what one process storing everything holds: every article once,
# the same entities with the same mention counts. Run on two fresh
# archives (the collision depends on timing; before the fix it failed 3
# runs out of 3 on this machine).
wq() { pgl_psql coord "$1" -c "$2" 2>&1; }
head -n 200 demo/sample/vntc-sample.jsonl > "$PGL_DIR/half-a.jsonl"
tail -n +201 demo/sample/vntc-sample.jsonl > "$PGL_DIR/half-b.jsonl"
digest() { # the archive's content: articles by hash, entities with counts
  wq "$1" "SELECT md5(string_agg(content_hash, ',' ORDER BY content_hash)) FROM hoso.article"
  wq "$1" "SELECT md5(string_agg(kind || ':' || key || ':' || mentions, ',' ORDER BY kind, key COLLATE \"C\")) FROM hoso.entity"
}
want=$(digest arch)
for w in 1 2; do
  db=writers$w
  pgl_psql coord postgres -c "CREATE DATABASE $db" >/dev/null
  hoso_pg_load coord $db >/dev/null || bad "load hoso_pg into $db" "failed"
  W=$(pgl_url coord $db)
  $hoso ingest --quiet --db "$W" "$PGL_DIR/half-a.jsonl" demo/sample/seed-2021-call.txt >"$PGL_DIR/w$w-a.out" 2>&1 & pa=$!
  $hoso ingest --quiet --db "$W" "$PGL_DIR/half-b.jsonl" demo/sample/seed-2025-dialogue.txt >"$PGL_DIR/w$w-b.out" 2>&1 & pb=$!
  wait $pa; ra=$?; wait $pb; rb=$?
  check "two writers, different files, run $w: both exit 0" "0 0" "$ra $rb"
  [ "$ra$rb" = 00 ] || { head -n 3 "$PGL_DIR/w$w-a.out" "$PGL_DIR/w$w-b.out"; }
  check "two writers, run $w: 402 articles, each once" "402|402" \
    "$(wq $db 'SELECT count(*), count(DISTINCT content_hash) FROM hoso.article')"
  check "two writers, run $w: same articles and entity mention counts as one writer" "$want" "$(digest $db)"
  check "two writers, run $w: archive consistent (stats --check)" "0" \
    "$($hoso stats --check --db "$W" >/dev/null 2>&1; echo $?)"
done

# Session 13: a writer inserting a new outlet (or entity key) kept it
# uncommitted until its batch committed, and a second writer storing an
# article of the same outlet waited for that whole batch (bench/pg/waits.sh:
# two processes on one outlet's articles ran one after the other). The keys
# are now committed apart (src/store/pg_keys.c). Writer A is fed an
# article every 0.3 s; as soon as its first batch (the outlet's insert) is
# open, writer B stores one article of the same new outlet: no lock wait
# may be logged (log_lock_waits; on the build before, B waited for A's
# batch), and the outlet is one row.
db=writers_keys
pgl_psql coord postgres -c "CREATE DATABASE $db" >/dev/null
hoso_pg_load coord $db >/dev/null || bad "load hoso_pg into $db" "failed"
W=$(pgl_url coord $db)
$hoso ingest --quiet --no-analysis --db "$W" demo/sample/seed-2021-call.txt >/dev/null 2>&1
# every lock wait in this database longer than 10 ms goes to the log
pgl_psql coord postgres -c "ALTER DATABASE $db SET log_lock_waits = on" -c "ALTER DATABASE $db SET deadlock_timeout = '10ms'" -c "ALTER DATABASE $db SET log_min_messages = log" >/dev/null
log0=$(wc -l < "$PGL_DIR/coord.log")
grep '"source": "VNE"' demo/sample/vntc-sample.jsonl | head -n 200 > "$PGL_DIR/keys-a.jsonl"
grep '"source": "VNE"' demo/sample/vntc-sample.jsonl | sed -n 201p > "$PGL_DIR/keys-b.jsonl"
rm -f "$PGL_DIR/keys-fifo.jsonl" "$PGL_DIR/keys-stop"; mkfifo "$PGL_DIR/keys-fifo.jsonl"; echo 0 > "$PGL_DIR/keys-fed"
$hoso ingest --quiet --no-analysis --threads 1 --batch 1000 --db "$W" "$PGL_DIR/keys-fifo.jsonl" >"$PGL_DIR/keys-a.out" 2>&1 & pa=$!
# fed until B is done (at most 200 articles, 60 s), however slow B's start
( n=0; while [ ! -e "$PGL_DIR/keys-stop" ] && IFS= read -r line; do printf '%s\n' "$line"; n=$((n + 1)); echo $n > "$PGL_DIR/keys-fed"; sleep 0.3; done < "$PGL_DIR/keys-a.jsonl" ) > "$PGL_DIR/keys-fifo.jsonl" & pf=$!
a_tx() { # A's open batch: the start of its transaction
  wq $db "SELECT xact_start FROM pg_stat_activity WHERE datname = '$db' AND state = 'idle in transaction' AND application_name <> 'hoso-keys' LIMIT 1"
}
i=0; tx0=; while [ $i -lt 300 ] && [ -z "$tx0" ]; do sleep 0.1; tx0=$(a_tx); i=$((i + 1)); done
t0=$(date +%s.%N)
timeout 60 $hoso ingest --quiet --no-analysis --threads 1 --db "$W" "$PGL_DIR/keys-b.jsonl" >"$PGL_DIR/keys-b.out" 2>&1; rb=$?
t1=$(date +%s.%N)
tx1=$(a_tx)
touch "$PGL_DIR/keys-stop"
wait $pf; wait $pa; ra=$?
fed=$(cat "$PGL_DIR/keys-fed")
check "two writers, one new outlet: both exit 0" "0 0" "$ra $rb"
lw=$(sed -n "$((log0 + 1)),\$p" "$PGL_DIR/coord.log" | grep "still waiting for")
check "two writers, one new outlet: no writer waited on a lock (log_lock_waits, 10 ms)" "" "$lw"
# (A's batch, open from before B began to after it ended, is the usual
# case, not a condition: A commits whenever it is idle 2 s into a batch)
[ -n "$tx0" ] && [ "$tx0" = "$tx1" ] && echo "   (A's batch stayed open while B stored: B took $(python3 -c "print('%.1f' % ($t1 - $t0))") s)"
check "two writers, one new outlet: every article stored, one outlet row" "$((fed + 1))|1" \
  "$(wq $db "SELECT count(*) FILTER (WHERE o.name = 'VNE'), count(DISTINCT o.id) FILTER (WHERE o.name = 'VNE') FROM hoso.article a LEFT JOIN hoso.outlet o ON o.id = a.outlet_id")"

# Session 14: two writers' keys statements (src/store/pg_keys.c) inserting
# the same new entity keys in opposite orders deadlocked, and one writer's
# keys fell back to put_article, inside its batch. Now the keys go in in
# (kind, key) order in every writer, their ids still drawn in first-seen
# order. An article is stored alone first, to learn its entities in
# first-seen order: a key E1 seen first and a key E2 seen later that sorts
# before it. Then, in a fresh archive, another session (writer X) holds E2
# uncommitted, the article is ingested, and once the ingest's keys
# statement waits (for E2), X inserts E1 and commits. In first-seen order
# the keys statement would hold E1 and wait for E2 while X waits for E1: a
# deadlock, logged. In (kind, key) order it waits for E2 only.
db=writers_order0
pgl_psql coord postgres -c "CREATE DATABASE $db" >/dev/null
hoso_pg_load coord $db >/dev/null || bad "load hoso_pg into $db" "failed"
sed -n 1p demo/sample/vntc-sample.jsonl > "$PGL_DIR/order.jsonl"
$hoso ingest --quiet --threads 1 --db "$(pgl_url coord $db)" "$PGL_DIR/order.jsonl" >/dev/null 2>&1
e1=$(wq $db "SELECT kind || '|' || key FROM hoso.entity ORDER BY id LIMIT 1")
e2=$(wq $db "SELECT e.kind || '|' || e.key FROM hoso.entity e, (SELECT id, kind, key FROM hoso.entity ORDER BY id LIMIT 1) f WHERE e.id > f.id AND (e.kind, e.key) < (f.kind, f.key) ORDER BY e.id LIMIT 1")
check "keys order: the article names a later entity that sorts first" "1" "$([ -n "$e1" ] && [ -n "$e2" ] && echo 1 || echo "0 (first: '$e1', later: '$e2')")"
db=writers_order
pgl_psql coord postgres -c "CREATE DATABASE $db" >/dev/null
hoso_pg_load coord $db >/dev/null || bad "load hoso_pg into $db" "failed"
W=$(pgl_url coord $db)
$hoso ingest --quiet --no-analysis --db "$W" demo/sample/seed-2021-call.txt >/dev/null 2>&1
pgl_psql coord postgres -c "ALTER DATABASE $db SET deadlock_timeout = '10ms'" >/dev/null
log0=$(wc -l < "$PGL_DIR/coord.log")
sqlq() { printf "'%s'" "${1//\'/\'\'}"; }
cat > "$PGL_DIR/order-x.sql" <<SQL
BEGIN;
INSERT INTO hoso.entity(kind, key, name) VALUES (${e2%%|*}, $(sqlq "${e2#*|}"), 'x');
DO \$\$ DECLARE i int := 0; BEGIN
  WHILE i < 1200 AND NOT EXISTS (SELECT 1 FROM pg_locks WHERE NOT granted AND pid <> pg_backend_pid()) LOOP
    PERFORM pg_sleep(0.05); i := i + 1; END LOOP; END \$\$;
INSERT INTO hoso.entity(kind, key, name) VALUES (${e1%%|*}, $(sqlq "${e1#*|}"), 'x');
COMMIT;
SQL
pgl_psql coord $db -f "$PGL_DIR/order-x.sql" >"$PGL_DIR/order-x.out" 2>&1 & px=$!
i=0; while [ $i -lt 300 ] && [ "$(wq $db "SELECT count(*) FROM pg_stat_activity WHERE query LIKE 'DO %'")" != 1 ]; do sleep 0.1; i=$((i + 1)); done
timeout 120 $hoso ingest --quiet --threads 1 --db "$W" "$PGL_DIR/order.jsonl" >"$PGL_DIR/order-a.out" 2>&1; ra=$?
wait $px; rx=$?
check "keys order: writer and X both exit 0" "0 0" "$ra $rx"
check "keys order: no deadlock logged" "" "$(sed -n "$((log0 + 1)),\$p" "$PGL_DIR/coord.log" | grep -i "deadlock detected")"
check "keys order: the article stored, with its mentions of E1 and E2 (X's rows)" "2|1|1" \
  "$(wq $db "SELECT (SELECT count(*) FROM hoso.article), (SELECT count(*) FROM hoso.entity WHERE kind || '|' || key = $(sqlq "$e1") AND mentions > 0), (SELECT count(*) FROM hoso.entity WHERE kind || '|' || key = $(sqlq "$e2") AND mentions > 0)")"
# ids in first-seen order, as SQLite numbers the same article's entities
$hoso ingest --quiet --threads 1 --db "$PGL_DIR/order.db" "$PGL_DIR/order.jsonl" >/dev/null 2>&1
check "keys order: entity ids in first-seen order (the same order as SQLite's)" \
  "$(python3 -c "import sqlite3, sys; print('\\n'.join(r[0] for r in sqlite3.connect(sys.argv[1]).execute(\"SELECT kind || '|' || key FROM entity ORDER BY id\")))" "$PGL_DIR/order.db")" \
  "$(wq writers_order0 "SELECT kind || '|' || key FROM hoso.entity ORDER BY id")"

# Session 14: a batch rolled back for good (here: its ingest killed while
# put_article waits on a lock) leaves the keys its writer committed apart
# (pg_keys.c): a new outlet and entity keys that no article uses. `hoso
# stats` counts only outlets and entities in use, as SQLite (which never
# holds such keys) counts the same archive. The article is a sample text
# under a new outlet name; another session holds a lock on hoso.article so
# that the writer's keys are committed and its put_article waits.
db=writers_left
pgl_psql coord postgres -c "CREATE DATABASE $db" >/dev/null
hoso_pg_load coord $db >/dev/null || bad "load hoso_pg into $db" "failed"
W=$(pgl_url coord $db)
rm -f "$PGL_DIR/left.db"
for d in "$W" "$PGL_DIR/left.db"; do $hoso ingest --quiet --threads 1 --db "$d" demo/sample/seed-2021-call.txt >/dev/null 2>&1; done
sed -n 2p demo/sample/vntc-sample.jsonl | sed 's/"source": "[^"]*"/"source": "LEFTOVER"/' > "$PGL_DIR/left.jsonl"
pgl_psql coord $db -c "BEGIN" -c "LOCK TABLE hoso.article IN SHARE ROW EXCLUSIVE MODE" -c "SELECT pg_sleep(300)" >/dev/null 2>&1 & pl=$!
i=0; while [ $i -lt 300 ] && [ "$(wq $db "SELECT count(*) FROM pg_stat_activity WHERE query LIKE '%pg_sleep(300)%' AND pid <> pg_backend_pid()")" != 1 ]; do sleep 0.1; i=$((i + 1)); done
$hoso ingest --quiet --threads 1 --db "$W" "$PGL_DIR/left.jsonl" >/dev/null 2>&1 & pa=$!
i=0; while [ $i -lt 600 ] && [ "$(wq $db "SELECT count(*) FROM pg_locks WHERE NOT granted AND relation = 'hoso.article'::regclass")" != 1 ]; do sleep 0.1; i=$((i + 1)); done
kill -9 $pa; wait $pa 2>/dev/null
wq $db "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE '%pg_sleep(300)%' AND pid <> pg_backend_pid()" >/dev/null; wait $pl 2>/dev/null
i=0; while [ $i -lt 300 ] && [ "$(wq $db "SELECT count(*) FROM pg_stat_activity WHERE datname = '$db' AND pid <> pg_backend_pid()")" != 0 ]; do sleep 0.1; i=$((i + 1)); done
check "leftover keys: the killed batch left its new outlet and entity keys, unused" "1|1|1" \
  "$(wq $db "SELECT (SELECT count(*) FROM hoso.outlet WHERE name = 'LEFTOVER'), (SELECT count(*) FROM hoso.article) = 1, (SELECT count(*) > 0 FROM hoso.entity WHERE mentions = 0)" | sed 's/t/1/g;s/f/0/g')"
check "leftover keys: stats counts the outlets and entities in use, as SQLite on the same articles (articles outlets entities)" \
  "$($hoso stats --db "$PGL_DIR/left.db" | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["articles"], d["outlets"], d["entities"])')" \
  "$($hoso stats --db "$W" | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["articles"], d["outlets"], d["entities"])')"

# Session 15 (schema 10): two writers storing near-duplicates at once. A
# batch is one transaction, so writer B did not see writer A's uncommitted
# article among its LSH candidates and started a story of its own, where
# one writer (and SQLite) puts both in one story. Now each article first
# claims its bands (hoso.lsh_claim), and B waits for A's commit. Article a
# is a sample text, b a reprint of it (a few words before it). Another
# session S holds hoso.original locked, so that A stops inside put_article
# after claiming a's bands and before its commit; B then stores b; S ends,
# A commits, B goes on. Without the claims B read its candidates while a
# was uncommitted (then waited for S too, at its own original).
db=writers_dup
pgl_psql coord postgres -c "CREATE DATABASE $db" >/dev/null
hoso_pg_load coord $db >/dev/null || bad "load hoso_pg into $db" "failed"
W=$(pgl_url coord $db)
$hoso ingest --quiet --no-analysis --db "$W" demo/sample/seed-2021-call.txt >/dev/null 2>&1
sed -n 3p demo/sample/vntc-sample.jsonl > "$PGL_DIR/dup-a.jsonl"
sed 's/"text": "/"text": "Tin mới: /; s/"id": "\([^"]*\)"/"id": "\1-reprint"/' "$PGL_DIR/dup-a.jsonl" > "$PGL_DIR/dup-b.jsonl"
rm -f "$PGL_DIR/dup.db"
$hoso ingest --quiet --no-analysis --threads 1 --db "$PGL_DIR/dup.db" "$PGL_DIR/dup-a.jsonl" "$PGL_DIR/dup-b.jsonl" >/dev/null 2>&1
check "near-duplicates: SQLite puts the article and its reprint in one story (articles, stories)" "2|1" \
  "$(python3 -c "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); print('%d|%d' % c.execute('SELECT count(*), count(DISTINCT story_id) FROM article').fetchone())" "$PGL_DIR/dup.db")"
pgl_psql coord $db -c "BEGIN" -c "LOCK TABLE hoso.original IN SHARE ROW EXCLUSIVE MODE" -c "SELECT pg_sleep(300)" >/dev/null 2>&1 & ps_=$!
i=0; while [ $i -lt 300 ] && [ "$(wq $db "SELECT count(*) FROM pg_stat_activity WHERE query LIKE '%pg_sleep(300)%' AND pid <> pg_backend_pid()")" != 1 ]; do sleep 0.1; i=$((i + 1)); done
$hoso ingest --quiet --no-analysis --threads 1 --db "$W" "$PGL_DIR/dup-a.jsonl" >"$PGL_DIR/dup-a.out" 2>&1 & pa=$!
i=0; while [ $i -lt 600 ] && [ "$(wq $db "SELECT count(*) FROM pg_locks WHERE NOT granted")" -lt 1 ]; do sleep 0.1; i=$((i + 1)); done
$hoso ingest --quiet --no-analysis --threads 1 --db "$W" "$PGL_DIR/dup-b.jsonl" >"$PGL_DIR/dup-b.out" 2>&1 & pb=$!
# B waits either for A (claims) or, past its candidates, for S
i=0; while [ $i -lt 600 ] && [ "$(wq $db "SELECT count(*) FROM pg_locks WHERE NOT granted")" -lt 2 ]; do sleep 0.1; i=$((i + 1)); done
wq $db "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE '%pg_sleep(300)%' AND pid <> pg_backend_pid()" >/dev/null; wait $ps_ 2>/dev/null
wait $pa; ra=$?; wait $pb; rb=$?
check "near-duplicates: both writers exit 0" "0 0" "$ra $rb"
check "near-duplicates stored at once by two writers: one story, as SQLite (articles, stories)" "2|1" \
  "$(wq $db "SELECT count(*), count(DISTINCT story_id) FROM hoso.article WHERE origin LIKE '%dup-%'")"
