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
