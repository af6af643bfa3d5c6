#!/usr/bin/env bash
# bench/pg/ingest.sh -- `make bench-pg-ingest`: does ingest into PostgreSQL
# scale with the number of ingest processes? The same N VNTC articles
# (../shared/data/news/vntc.jsonl.gz) are ingested into a fresh archive by
# one `hoso ingest` process, then into another fresh archive by P processes
# at once (each a 1/P share of the file), on one server and on a
# coordinator over two shard servers (hoso's sharded archive, docs/scale.md
# section 2). All servers run on this machine, on throw-away clusters.
#
#   BENCH_PG_N      articles (default 2000)
#   BENCH_PG_PROCS  ingest processes for the second run (default: cores)
#   BENCH_PG_SHARDS 0 skips the sharded rows (default 1)
#   BENCH_PG_BATCH  articles per transaction (--batch; default hoso's)
#
# Each row: wall seconds and articles/s; the ingest processes' CPU
# (user+sys, summed over the processes, from /usr/bin/time); the servers'
# CPU (user+sys of every server process that ended meanwhile: the
# postmasters' reaped-children times, read from /proc before and after --
# each ingest's backends end when it disconnects); articles stored.
# Ingest runs with --no-analysis --threads 1 (storage is what is measured).
# On a shared machine the wall figures move with the load; the CPU figures
# say whether the work itself grew with the processes.
# Last, the stories: for each article (by content hash), the articles of
# its story, in the archive of one process against the archive of
# BENCH_PG_PROCS; the count of articles whose story-mates differ (0: the
# concurrent writers grouped the stories exactly as one writer did).
set -u
cd "$(dirname "$0")/../.."
. bench/pg/lib.sh
PROCS=${BENCH_PG_PROCS:-$(nproc)}
SHARDS=${BENCH_PG_SHARDS:-1}
batch=(); [ -z "${BENCH_PG_BATCH:-}" ] || batch=(--batch "$BENCH_PG_BATCH")
[ -x /usr/bin/time ] || { echo "bench-pg-ingest: needs /usr/bin/time (Debian package time)"; exit 1; }
bpg_begin bench-pg-ingest 2000
servers=(coord)
[ "$SHARDS" = 0 ] || servers+=(shard1 shard2)
for s in "${servers[@]}"; do pgl_start "$s" || exit 1; done
W=$PGL_DIR/work; mkdir -p "$W"
bpg_corpus "$W/corpus.jsonl"
total=$(wc -l < "$W/corpus.jsonl")
split -n "l/$PROCS" -d "$W/corpus.jsonl" "$W/part."
for f in "$W"/part.*; do mv "$f" "$f.jsonl"; done
echo "bench-pg-ingest: $total VNTC articles, 1 vs $PROCS ingest processes, $(nproc) cores, load $(cut -d ' ' -f 1-3 /proc/loadavg)"

server_cpu() { bpg_servers_cpu "${servers[@]}"; } # clock ticks (100 a second)
settle() { # settle DB: until no backend serves DB on any server (they end
  # after their client disconnects, and only then are their times counted)
  local s n i=0
  while [ $i -lt 100 ]; do
    n=0
    for s in "${servers[@]}"; do
      n=$((n + $(pgl_psql "$s" postgres -c "SELECT count(*) FROM pg_stat_activity WHERE datname = '$1' AND pid <> pg_backend_pid()")))
    done
    [ "$n" = 0 ] && return 0
    sleep 0.1; i=$((i + 1))
  done
}
new_db() { # new_db NAME SHARDED: a fresh archive database; prints its URL
  pgl_psql coord postgres -c "CREATE DATABASE $1" >/dev/null && hoso_pg_load coord "$1" >/dev/null || return 1
  if [ "$2" = 1 ]; then
    local s
    for s in shard1 shard2; do pgl_psql $s postgres -c "CREATE DATABASE $1" >/dev/null || return 1; done
    bpg_shards "$1" "$1" || return 1
  fi
  pgl_url coord "$1"
}
# run LABEL DB SHARDED FILE...: one ingest process per file, all at once
run() {
  local label=$1 db=$2 sharded=$3; shift 3
  local url f i=0 c0 c1 t0 t1 pids=()
  url=$(new_db "$db" "$sharded") || { echo "bench-pg-ingest: cannot make $db"; return 1; }
  # the schema first (one tiny article), so the timed processes only store
  $hoso ingest --quiet --no-analysis --db "$url" demo/sample/seed-2021-call.txt >/dev/null 2>&1
  settle "$db"; c0=$(server_cpu); t0=$(date +%s.%N)
  for f in "$@"; do
    /usr/bin/time -f "%U %S" -o "$W/time.$db.$i" $hoso ingest --quiet --no-analysis --threads 1 "${batch[@]}" --db "$url" "$f" >/dev/null 2>"$W/err.$db.$i" &
    pids+=($!); i=$((i + 1))
  done
  local rc=0 p; for p in "${pids[@]}"; do wait "$p" || rc=1; done
  t1=$(date +%s.%N)
  settle "$db"; c1=$(server_cpu)
  [ $rc = 0 ] || echo "bench-pg-ingest: an ingest into $db failed: $(head -c 300 "$W"/err.$db.* | tr '\n' ' ')"
  local stored client
  stored=$(pgl_psql coord "$db" -c "SELECT count(*) - 1 FROM hoso.article")
  client=$(cat "$W"/time.$db.* | awk '{s += $1 + $2} END {printf "%.1f", s}')
  python3 -c "
import sys
label, n, t0, t1, client, srv, stored = sys.argv[1:]
wall = float(t1) - float(t0)
print('%-30s %8.1f %10.1f %10s %10.1f %8s' % (label, wall, int(n) / wall, client, int(srv) / 100, stored))" \
    "$label" "$total" "$t0" "$t1" "$client" "$((c1 - c0))" "$stored"
}
printf '%-30s %8s %10s %10s %10s %8s\n' "" "wall s" "articles/s" "client s" "server s" "stored"
run "1 server, 1 process" one1 0 "$W/corpus.jsonl"
run "1 server, $PROCS processes" onep 0 "$W"/part.*.jsonl
if [ "$SHARDS" != 0 ]; then
  run "2 shards, 1 process" sh1 1 "$W/corpus.jsonl"
  run "2 shards, $PROCS processes" shp 1 "$W"/part.*.jsonl
fi
# mates DB SERVER: per article, its content hash and its story-mates' hashes
mates() {
  pgl_psql coord "$1" -c "SELECT a.content_hash, string_agg(b.content_hash, ',' ORDER BY b.content_hash)
FROM hoso.article a JOIN hoso.article b ON b.story_id = a.story_id GROUP BY a.content_hash ORDER BY 1"
}
compare_stories() { # compare_stories LABEL DB1 DBP
  mates "$2" > "$W/mates.$2" && mates "$3" > "$W/mates.$3" || return 1
  local n diff
  n=$(wc -l < "$W/mates.$2")
  diff=$(comm -3 "$W/mates.$2" "$W/mates.$3" | cut -f 1- | awk -F '|' '{print $1}' | tr -d '\t' | sort -u | wc -l)
  echo "stories, $1: $diff of $n articles have other story-mates with $PROCS processes than with 1" \
    "($(pgl_psql coord "$2" -c "SELECT count(*) FROM hoso.story") stories vs $(pgl_psql coord "$3" -c "SELECT count(*) FROM hoso.story"))"
  # which (up to 6): each one's origin and the size of its story, with 1
  # and with PROCS processes
  local h
  comm -3 "$W/mates.$2" "$W/mates.$3" | tr -d '\t' | cut -d '|' -f 1 | sort -u | head -n 6 | while read -r h; do
    echo "  $(pgl_psql coord "$2" -c "SELECT origin FROM hoso.article WHERE content_hash = '$h'"):" \
      "story of $(grep "^$h|" "$W/mates.$2" | tr -cd , | wc -c | awk '{print $1 + 1}') with 1 process," \
      "$(grep "^$h|" "$W/mates.$3" | tr -cd , | wc -c | awk '{print $1 + 1}') with $PROCS"
  done
}
compare_stories "1 server" one1 onep
[ "$SHARDS" = 0 ] || compare_stories "2 shards" sh1 shp
