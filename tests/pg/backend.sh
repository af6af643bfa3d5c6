# tests/pg/backend.sh -- sourced by scripts/test-pg.sh: the PostgreSQL
# storage backend through the hoso command (hoso ingest/search/stats
# --db postgresql://...), compared with the SQLite backend on the bundled
# sample. The databases get THIS tree's extension build (hoso_pg_load);
# the backend creating the extension itself is checked once at the end.

for d in arch conc cut; do
  pgl_psql coord postgres -c "CREATE DATABASE $d" >/dev/null
  hoso_pg_load coord $d >/dev/null || bad "load hoso_pg into $d" "failed"
done
U=$(pgl_url coord arch)
sq="$PGL_DIR/sample.db"
out=$($hoso ingest --quiet --db "$U" demo/sample/ 2>&1); rc=$?
check "hoso ingest --db postgresql://... (rc)" "0" "$rc"
$hoso ingest --quiet --db "$sq" demo/sample/ >/dev/null 2>&1
counts() { python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["articles"], d["stories"], d["outlets"], d["entities"], d["events"], d["errors"])'; }
want=$($hoso stats --db "$sq" | counts)
check "same counts as SQLite (articles stories outlets entities events errors)" \
  "$want" "$($hoso stats --db "$U" | counts)"
summary() { python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["total"], d["articles"])'; }
for qq in "quoc phong" "quốc phòng" '"hợp tác quốc phòng"' "Nga OR Mỹ" "bóng đá -Việt" "kinh*" "Thượng tướng"; do
  check "search [$qq]: same totals as SQLite" \
    "$($hoso search --json --no-facets --db "$sq" "$qq" | summary)" \
    "$($hoso search --json --no-facets --db "$U" "$qq" | summary)"
done
check "date filter: same totals as SQLite" \
  "$($hoso search --json --no-facets --from 2021 --to 2021-12 --db "$sq" "quan" | summary)" \
  "$($hoso search --json --no-facets --from 2021 --to 2021-12 --db "$U" "quan" | summary)"
check_has "a result names its story and outlet" '"sources":[{"article":' \
  "$($hoso search --json --no-facets --db "$U" "quoc phong")"
out=$($hoso ingest --quiet --json --db "$U" demo/sample/ 2>&1)
check_has "ingest again: everything already stored" '"added":0' "$out"

# Many writers at once: three processes ingest the same files into a
# fresh archive; constraints + upserts keep one copy of each article.
C=$(pgl_url coord conc)
$hoso ingest --quiet --db "$C" demo/sample/seed-2021-call.txt >/dev/null 2>&1 # schema first
cpids=()
for i in 1 2 3; do $hoso ingest --quiet --threads 1 --batch 16 --db "$C" demo/sample/ >"$PGL_DIR/conc$i.out" 2>&1 & cpids+=($!); done
crc=""; for p in "${cpids[@]}"; do wait $p; crc+="$? "; done
check "3 concurrent ingesters: all exit 0" "0 0 0 " "$crc"
check "3 concurrent ingesters: no duplicate articles" "402" \
  "$(pgl_psql coord conc -c 'SELECT count(*) FROM hoso.article')"
check "3 concurrent ingesters: every content hash once" "0" \
  "$(pgl_psql coord conc -c 'SELECT count(*) FROM (SELECT content_hash FROM hoso.article GROUP BY 1 HAVING count(*) > 1) d')"
check "3 concurrent ingesters: no story without articles" "0" \
  "$(pgl_psql coord conc -c 'SELECT count(*) FROM hoso.story s WHERE NOT EXISTS (SELECT 1 FROM hoso.article a WHERE a.story_id = s.id)')"
# The search vocabulary (schema 5, hoso.term: what a search asks when it
# groups typed syllables into words) holds every term of every article's
# tsv, and no other, however the writers interleaved.
vocab_diff() { # terms missing from hoso.term | terms there that no article has
  pgl_psql coord "$1" -c "SELECT (SELECT count(*) FROM (SELECT unnest(tsvector_to_array(tsv)) FROM hoso.article EXCEPT SELECT term FROM hoso.term) a), (SELECT count(*) FROM (SELECT term FROM hoso.term EXCEPT SELECT unnest(tsvector_to_array(tsv)) FROM hoso.article) b), (SELECT count(DISTINCT term) > 1000 FROM hoso.term)"
}
check "3 concurrent ingesters: the search vocabulary = the articles' terms" "0|0|t" "$(vocab_diff conc)"

# Faults: wrong password, a user who may not create the extension, old
# and newer schemas, a connection lost mid-ingest.
bad_url="postgresql://postgres:wrong-password@127.0.0.1:$PGL_PORT_coord/arch"
out=$($hoso stats --db "$bad_url" 2>&1); rc=$?
check "wrong password: exit 2" "2" "$rc"
check_has "wrong password: says so" "wrong user name or password" "$out"
[[ "$out" == *wrong-password* ]] && bad "wrong password: message leaks the password" "$out" || ok "wrong password: password not echoed"
pgl_psql coord postgres -c "CREATE ROLE clerk LOGIN PASSWORD '$PGL_PW'" -c "CREATE DATABASE clerkdb OWNER clerk" >/dev/null
out=$($hoso ingest --db "postgresql://clerk:$PGL_PW@127.0.0.1:$PGL_PORT_coord/clerkdb" demo/sample/seed-2021-call.txt 2>&1)
check_has "missing extension: says how to install it" "CREATE EXTENSION hoso_pg" "$out"
out=$($hoso stats --db "$(pgl_url coord postgres)" 2>&1)
check_has "no archive in the database (read-only): says so" "no hoso archive" "$out"

pgl_psql coord arch -c "UPDATE hoso.meta SET value='1' WHERE key='schema_version'; DROP INDEX hoso.article_day; DROP INDEX hoso.event_day; DROP TABLE hoso.term; DROP TRIGGER article_terms ON hoso.article" >/dev/null
out=$($hoso stats --db "$U" 2>&1)
check_has "old schema, read-only: asks for an upgrade" "needs a schema upgrade" "$out"
$hoso ingest --quiet --db "$U" demo/sample/seed-2021-call.txt >/dev/null 2>&1
check "old schema migrated by a writer (with the RUM index in place of GIN)" "11|t|t|f" \
  "$(pgl_psql coord arch -c "SELECT value, to_regclass('hoso.article_day') IS NOT NULL, to_regclass('hoso.article_rum') IS NOT NULL, to_regclass('hoso.article_tsv') IS NOT NULL FROM hoso.meta WHERE key='schema_version'")"
check "old schema migrated: the search vocabulary made from the stored articles" "0|0|t" "$(vocab_diff arch)"
pgl_psql coord arch -c "UPDATE hoso.meta SET value='99' WHERE key='schema_version'" >/dev/null
out=$($hoso ingest --db "$U" demo/sample/seed-2021-call.txt 2>&1)
check_has "newer schema refused" "newer than this hoso" "$out"
pgl_psql coord arch -c "UPDATE hoso.meta SET value='11' WHERE key='schema_version'" >/dev/null

# Connection lost mid-ingest: the open batch is rolled back whole, the
# run says so, and running again completes the archive.
K=$(pgl_url coord cut)
$hoso ingest --quiet --db "$K" demo/sample/seed-2021-call.txt >/dev/null 2>&1
$hoso ingest --quiet --threads 1 --batch 8 --db "$K" demo/sample/vntc-sample.jsonl >"$PGL_DIR/cut.out" 2>&1 &
cutpid=$!
for i in $(seq 1 50); do
  n=$(pgl_psql coord cut -c "SELECT count(*) FROM hoso.article" 2>/dev/null)
  [ "${n:-0}" -gt 40 ] && break
  sleep 0.1
done
pgl_psql coord postgres -c "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname='cut' AND pid <> pg_backend_pid()" >/dev/null
wait $cutpid; cutrc=$?
[ $cutrc -ne 0 ] && ok "ingest stops when the connection is lost (rc $cutrc)" || bad "connection loss" "rc 0: $(tail -n 3 "$PGL_DIR/cut.out")"
check_has "and says the connection was lost" "connection" "$(cat "$PGL_DIR/cut.out")"
n=$(pgl_psql coord cut -c "SELECT count(*) FROM hoso.article")
check "only whole batches were kept" "0" \
  "$(pgl_psql coord cut -c "SELECT count(*) FROM hoso.article a WHERE NOT EXISTS (SELECT 1 FROM hoso.original o WHERE o.article_id = a.id) OR NOT EXISTS (SELECT 1 FROM hoso.lsh l WHERE l.article_id = a.id)")"
$hoso ingest --quiet --db "$K" demo/sample/vntc-sample.jsonl >/dev/null 2>&1
check "running again completes the archive" "401" "$(pgl_psql coord cut -c "SELECT count(*) FROM hoso.article")"

# A database without the extension: the backend creates it (superuser).
pgl_psql coord postgres -c "CREATE DATABASE auto" >/dev/null
$hoso ingest --quiet --db "$(pgl_url coord auto)" demo/sample/seed-2021-call.txt >/dev/null 2>&1
check "the backend runs CREATE EXTENSION hoso_pg when it may" "1" \
  "$(pgl_psql coord auto -c "SELECT count(*) FROM pg_extension WHERE extname='hoso_pg'")"
