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
# rows, and say what happened.
q "CREATE FUNCTION slow(bigint) RETURNS bigint LANGUAGE sql AS 'SELECT \$1 FROM pg_sleep(0.005)'" >/dev/null
q "ALTER SERVER shard2 OPTIONS (SET fetch_size '10')" >/dev/null
pgl_psql coord hoso -c "SELECT sum(slow(id)) FROM shdocs" >"$PGL_DIR/mid.out" 2>"$PGL_DIR/mid.err" &
midpid=$!
sleep 1
pgl_kill shard2
wait $midpid; midrc=$?
[ $midrc -ne 0 ] && ok "query failed when its shard died (rc $midrc)" || bad "query during shard death" "rc 0: $(cat "$PGL_DIR/mid.out")"
check "no partial result printed" "" "$(cat "$PGL_DIR/mid.out")"
check_has "error says the shard connection broke" "server closed the connection" "$(cat "$PGL_DIR/mid.err")"
check_has "error names the shard's table" "shdocs_1" "$(cat "$PGL_DIR/mid.err")"
down=$(q "SELECT count(*) FROM shdocs WHERE tsv @@ $tsq")
check_has "query while a shard is down: clear error, no count" "could not connect to server \"shard2\"" "$down"

pgl_start shard2 && ok "restarted shard2" || bad "restart shard2" "failed"
check "nothing lost after the crash" "402" "$(q 'SELECT count(*) FROM shdocs')"
check "same search results after restart" "$want" \
  "$(q "SELECT count(*) FROM shdocs WHERE tsv @@ $tsq")"
