# tests/pg/serve_cache.sh -- sourced by scripts/test-pg.sh: `hoso serve`
# on a PostgreSQL archive keeps its answer cache on, keyed by the store's
# change state (hoso_archive_state: the WAL insert position), so a repeated
# search is served from the cache and an ingest by another process is seen
# at once (no stale answer).

pgl_psql coord postgres -c "CREATE DATABASE srvcache" >/dev/null
hoso_pg_load coord srvcache >/dev/null || bad "load hoso_pg into srvcache" "failed"
SC=$(pgl_url coord srvcache)
$hoso ingest --quiet --db "$SC" demo/sample/seed-2021-call.txt >/dev/null 2>&1
$hoso serve --db "$SC" --listen 127.0.0.1:0 >"$PGL_DIR/serve.out" 2>"$PGL_DIR/serve.err" &
srv_pid=$!
srv_url=""
for _ in $(seq 300); do
  srv_url=$(grep -o 'http://127\.0\.0\.1:[0-9]*/' "$PGL_DIR/serve.out" 2>/dev/null | head -1)
  [ -n "$srv_url" ] && break
  sleep 0.1
done
if [ -z "$srv_url" ]; then
  bad "serve on PostgreSQL" "did not start: $(cat "$PGL_DIR/serve.err")"
else
  check "serve on PostgreSQL: no note that the cache is off" "" \
    "$(grep -i 'cache off' "$PGL_DIR/serve.err")"
  metric() { curl -s "${srv_url}metrics" | awk -v m="$1" '$1 == m {print $2}'; }
  total() { curl -s "${srv_url}api/v1/search?q=Nga&limit=5" | python3 -c 'import json,sys; print(json.load(sys.stdin)["articles"])'; }
  first=$(total)
  # the key is the cluster's WAL position, which background work
  # (autovacuum after the other suites' ingests) also moves: a repeat
  # within a few tries must be a hit, and never a different answer
  hit=0; same=1
  for _ in 1 2 3 4 5; do
    h0=$(metric hoso_cache_hits_total)
    again=$(total)
    [ "$again" = "$first" ] || same=0
    [ "$(metric hoso_cache_hits_total)" = "$((h0 + 1))" ] && { hit=1; break; }
  done
  check "repeated search: same answer" "1" "$same"
  check "repeated search: served from the cache (within 5 repeats)" "1" "$hit"
  # another process adds an article that mentions Nga: the next answer has it
  $hoso ingest --quiet --db "$SC" demo/sample/seed-2025-dialogue.txt >/dev/null 2>&1
  after=$(total)
  if [ -n "$first" ] && [ -n "$after" ] && [ "$after" -gt "$first" ]; then
    ok "ingest by another process: the next search sees it ($first -> $after articles)"
  else
    bad "ingest by another process seen" "articles [$first] then [$after]"
  fi
  check "and that answer is the library's (same as the CLI)" \
    "$($hoso search --json --db "$SC" --limit 5 Nga | python3 -c 'import json,sys; print(json.load(sys.stdin)["articles"])')" "$after"
  kill -TERM "$srv_pid"; wait "$srv_pid"; check "serve on PostgreSQL: exit 0 on SIGTERM" "0" "$?"
fi
