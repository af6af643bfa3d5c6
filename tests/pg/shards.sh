# tests/pg/shards.sh -- sourced by scripts/test-pg.sh after the extension
# checks (the coordinator's database hoso holds the table docs with the
# 402 sample texts). Articles hash-partitioned over the two shard servers
# with postgres_fdw; searches fanned out; a shard killed mid-query.

pgl_shard_setup coord hoso shdocs shard1 shard2 \
  && ok "sharded table over shard1 and shard2 (postgres_fdw, hash on id)" \
  || bad "shard setup" "failed"
q "INSERT INTO shdocs SELECT row_number() OVER (ORDER BY id), NULL, NULL, body, to_tsvector('vietnamese', body) FROM docs" >/dev/null
check "all rows through the coordinator" "402" "$(q 'SELECT count(*) FROM shdocs')"
n1=$(pgl_psql shard1 hoso -c 'SELECT count(*) FROM shdocs_0')
n2=$(pgl_psql shard2 hoso -c 'SELECT count(*) FROM shdocs_1')
check "rows spread over both shard servers ($n1 + $n2)" "402" "$((n1 + n2))"
[ "${n1:-0}" -gt 100 ] && [ "${n2:-0}" -gt 100 ] && ok "neither shard is empty" || bad "spread" "$n1 / $n2"
check "shards need no hoso_pg: plain tsvector columns" "0" \
  "$(pgl_psql shard1 hoso -c "SELECT count(*) FROM pg_extension WHERE extname='hoso_pg'")"

tsq="plainto_tsquery('vietnamese', 'quốc phòng')"
want=$(q "SELECT count(*) FROM docs WHERE to_tsvector('vietnamese', body) @@ $tsq")
check "sharded search = single-server search" "$want" \
  "$(q "SELECT count(*) FROM shdocs WHERE tsv @@ $tsq")"
plan=$(q "EXPLAIN (VERBOSE) SELECT id FROM shdocs WHERE tsv @@ $tsq")
check_has "search fans out to both shards at once" "Async Foreign Scan" "$plan"
check_has "the match runs on the shards" "WHERE ((tsv @@" "$plan"

# Kill shard2 while a query reads from it: the query must fail, print no
# rows, and say what happened. Deterministic (a `sleep 1` before the kill
# raced the query's connect under load: "could not connect" twice in
# session 11): slow() waits for an advisory lock the test holds, so the
# query stops after its first rows; the kill comes once shard2 has served
# a FETCH (10 of its ~200 rows) and the query waits on the lock; then the
# lock is let go and the query's next FETCH meets the dead shard.
q "CREATE FUNCTION slow(bigint) RETURNS bigint LANGUAGE sql AS 'SELECT \$1 FROM pg_advisory_xact_lock_shared(4242)'" >/dev/null
q "ALTER SERVER shard2 OPTIONS (SET fetch_size '10')" >/dev/null
pgl_psql coord hoso -c "SELECT pg_advisory_lock(4242), pg_sleep(600)" >/dev/null 2>&1 &
holdpid=$!
waited=0
until [ "$(q "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND objid = 4242 AND granted")" = 1 ] || [ $waited -ge 300 ]; do sleep 0.1; waited=$((waited + 1)); done
pgl_psql coord hoso -c "SELECT sum(slow(id)) FROM shdocs" >"$PGL_DIR/mid.out" 2>"$PGL_DIR/mid.err" &
midpid=$!
waited=0
until [ "$(pgl_psql shard2 hoso -c "SELECT count(*) FROM pg_stat_activity WHERE query LIKE 'FETCH %'" 2>/dev/null)" = 1 ] \
  && [ "$(q "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND objid = 4242 AND NOT granted")" = 1 ] || [ $waited -ge 600 ]; do
  sleep 0.1; waited=$((waited + 1))
done
[ $waited -lt 600 ] && ok "the query is reading from shard2 (a FETCH served) when it is killed" \
  || bad "query reading from shard2 before the kill" "no FETCH on shard2 or no lock wait after 60 s"
pgl_kill shard2
q "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE '%pg_advisory_lock(4242)%' AND pid <> pg_backend_pid()" >/dev/null
wait $holdpid
wait $midpid; midrc=$?
[ $midrc -ne 0 ] && ok "query failed when its shard died (rc $midrc)" || bad "query during shard death" "rc 0: $(cat "$PGL_DIR/mid.out")"
check "no partial result printed" "" "$(cat "$PGL_DIR/mid.out")"
# what the user may see: the shard's connection closed, or the shard's own
# last word before it went (its backends end when the postmaster dies)
miderr=$(cat "$PGL_DIR/mid.err")
if [[ "$miderr" == *"server closed the connection unexpectedly"* || "$miderr" == *"terminating connection due to unexpected postmaster exit"* ]] \
  && [[ "$miderr" != *"could not connect"* ]]; then ok "error says the shard connection broke"
else bad "error says the shard connection broke" "$miderr"; fi
check_has "error names the shard's table" "shdocs_1" "$miderr"
down=$(q "SELECT count(*) FROM shdocs WHERE tsv @@ $tsq")
check_has "query while a shard is down: clear error, no count" "could not connect to server \"shard2\"" "$down"

pgl_start shard2 && ok "restarted shard2" || bad "restart shard2" "failed"
check "nothing lost after the crash" "402" "$(q 'SELECT count(*) FROM shdocs')"
check "same search results after restart" "$want" \
  "$(q "SELECT count(*) FROM shdocs WHERE tsv @@ $tsq")"
