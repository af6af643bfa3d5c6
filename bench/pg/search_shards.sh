#!/usr/bin/env bash
# bench/pg/search_shards.sh -- search on hoso's sharded archive (a
# coordinator over two shard servers, docs/scale.md section 2), two or
# more builds alternated on the same archive, with the servers' CPU.
#
#   bench/pg/search_shards.sh [BENCH_SEARCH...]
#
# Starts throw-away servers (coordinator, shard1, shard2 on 127.0.0.1),
# ingests the first BENCH_PG_N VNTC articles (default 2000;
# ../shared/data/news/vntc.jsonl.gz; --no-analysis --threads 1) into a
# sharded archive, VACUUM ANALYZE on every server, then runs each given
# tools/bench_search binary (default: this tree's) BENCH_PG_RUNS times
# (default 2), alternated, as `nice -n 10 BENCH_SEARCH URL
# bench/pg/queries.tsv 3` (160 timed searches, 240 in all). One line a run:
# the binary, the load, bench_search's p50/p95/p99, and the servers' CPU:
# user+sys of the three postmasters' ended children (the coordinator's
# session and, on the shards, its postgres_fdw and dblink sessions end
# when bench_search disconnects), from /proc before and after.
# BENCH_PG_MODES: "rank" (default: bench_search's ranked page alone),
# "full" (BENCH_SEARCH_FULL=1: whole pages, facets and snippets) or both,
# each run of each binary in each mode.
# BENCH_PG_SINGLE=1 adds a single-server archive of the same articles on
# the coordinator, run after each sharded run with the first binary.
# BENCH_PG_DUMP=DIR: each binary's BENCH_SEARCH_DUMP answers there (first
# run), to compare builds' answers with cmp.
set -u
cd "$(dirname "$0")/../.."
. bench/pg/lib.sh
RUNS=${BENCH_PG_RUNS:-2}
MODES=${BENCH_PG_MODES:-rank}
bins=("$@"); [ ${#bins[@]} -gt 0 ] || bins=(build/release/tools/bench_search)
for b in "${bins[@]}"; do [ -x "$b" ] || { echo "search_shards: no $b" >&2; exit 1; }; done
bpg_begin search_shards 2000
for s in coord shard1 shard2; do pgl_start "$s" || exit 1; done
for s in shard1 shard2; do pgl_psql $s postgres -c "CREATE DATABASE hoso" >/dev/null || exit 1; done
for d in sharded single; do
  pgl_psql coord postgres -c "CREATE DATABASE $d" >/dev/null && hoso_pg_load coord $d >/dev/null || exit 1
done
bpg_shards sharded hoso || exit 1
W=$PGL_DIR/work; mkdir -p "$W"
bpg_corpus "$W/corpus.jsonl"
SH=$(pgl_url coord sharded); SU=$(pgl_url coord single)
t0=$(date +%s)
$hoso ingest --quiet --no-analysis --threads 1 --db "$SH" "$W/corpus.jsonl" >/dev/null || { echo "search_shards: ingest failed" >&2; exit 1; }
echo "search_shards: $N VNTC articles into the sharded archive in $(( $(date +%s) - t0 )) s"
if [ -n "${BENCH_PG_SINGLE:-}" ]; then
  $hoso ingest --quiet --no-analysis --threads 1 --db "$SU" "$W/corpus.jsonl" >/dev/null || exit 1
fi
pgl_psql coord sharded -c "VACUUM ANALYZE" >/dev/null; pgl_psql coord single -c "VACUUM ANALYZE" >/dev/null
for s in shard1 shard2; do pgl_psql $s hoso -c "VACUUM ANALYZE" >/dev/null; done
tick=$(getconf CLK_TCK)
cpu() { bpg_servers_cpu coord shard1 shard2; }
run() { # run LABEL BIN URL DUMP
  local c0 c1 out load full=""
  [ "$mode" = full ] && full=1
  load=$(cut -d ' ' -f 1 /proc/loadavg)
  c0=$(cpu)
  out=$(BENCH_SEARCH_FULL=$full BENCH_SEARCH_DUMP=$4 nice -n 10 "$2" "$3" bench/pg/queries.tsv 3) || { echo "$1: bench_search failed" >&2; return 1; }
  sleep 1 # the sessions' exits reach the postmasters
  c1=$(cpu)
  python3 -c '
import json, sys
d = json.loads(sys.argv[2])
print("%-40s load %5s  p50 %7.1f  p95 %7.1f  p99 %7.1f ms  servers CPU %6.2f s (%d searches, full %s)" % (
    sys.argv[1], sys.argv[3], d["p50_ms"], d["p95_ms"], d["p99_ms"],
    (int(sys.argv[5]) - int(sys.argv[4])) / int(sys.argv[6]), d["queries"] * 3 // 2, d.get("full")))' \
    "$1" "$out" "$load" "$c0" "$c1" "$tick"
}
for r in $(seq 1 "$RUNS"); do
 for mode in $MODES; do
  i=0
  for b in "${bins[@]}"; do
    i=$((i + 1)); dump=""
    [ -n "${BENCH_PG_DUMP:-}" ] && [ "$r$mode" = "1${MODES%% *}" ] && { mkdir -p "$BENCH_PG_DUMP"; dump=$BENCH_PG_DUMP/sharded-$i.txt; }
    run "$mode sharded $i $b" "$b" "$SH" "$dump"
  done
  if [ -n "${BENCH_PG_SINGLE:-}" ]; then
    dump=""; [ -n "${BENCH_PG_DUMP:-}" ] && [ "$r$mode" = "1${MODES%% *}" ] && dump=$BENCH_PG_DUMP/single.txt
    run "$mode one server ${bins[0]}" "${bins[0]}" "$SU" "$dump"
  fi
 done
done
