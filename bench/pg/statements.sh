#!/usr/bin/env bash
# bench/pg/statements.sh -- what one `hoso ingest` process asks of each
# server of a sharded archive: a coordinator and two shards on throw-away
# clusters (scripts/pg-lib.sh), each with pg_stat_statements (track = all,
# utility statements too), a fresh sharded archive, then N VNTC articles
# (../shared/data/news/vntc.jsonl.gz) ingested by one process
# (--no-analysis --threads 1, as bench/pg/ingest.sh). Prints the client's
# CPU and wall time, then per server: all statements and their total time
# (ms), and the most frequent statements (ms, calls, top level, text).
# postgres_fdw's cursors get a new name each time, so per-article counts
# are best read from the per-server totals.
#
#   BENCH_PG_N     articles (default 500)
#   BENCH_PG_HOSO  the hoso binary (default build/release/hoso)
#   BENCH_PG_BATCH articles per transaction (--batch; default hoso's)
set -u
cd "$(dirname "$0")/../.."
. bench/pg/lib.sh
batch=(); [ -z "${BENCH_PG_BATCH:-}" ] || batch=(--batch "$BENCH_PG_BATCH")
bpg_begin bench-pg-statements 500
for s in coord shard1 shard2; do
  pgl_start $s || exit 1
  printf '%s\n' "shared_preload_libraries = 'pg_stat_statements'" \
    "pg_stat_statements.track = all" "pg_stat_statements.track_utility = on" >> "$PGL_DIR/$s/postgresql.conf"
  pgl_stop $s && pgl_start $s || exit 1
done
db=stmts
pgl_psql coord postgres -c "CREATE DATABASE $db" >/dev/null && hoso_pg_load coord $db >/dev/null || exit 1
for s in shard1 shard2; do pgl_psql $s postgres -c "CREATE DATABASE $db" >/dev/null || exit 1; done
bpg_shards "$db" "$db" || exit 1
U=$(pgl_url coord $db)
# the schema first (one tiny article), so that only the N articles are counted
$hoso ingest --quiet --no-analysis --db "$U" demo/sample/seed-2021-call.txt >/dev/null 2>&1
for s in coord shard1 shard2; do
  pgl_psql $s $db -c "CREATE EXTENSION pg_stat_statements" -c "SELECT pg_stat_statements_reset()" >/dev/null || exit 1
done
bpg_corpus "$PGL_DIR/corpus.jsonl"
echo "bench-pg-statements: $(wc -l < "$PGL_DIR/corpus.jsonl") VNTC articles, one process, sharded (2 shards), load $(cut -d ' ' -f 1-3 /proc/loadavg)"
t0=$(date +%s.%N)
/usr/bin/time -f "client CPU %U s user, %S s sys" $hoso ingest --quiet --no-analysis --threads 1 "${batch[@]}" --db "$U" "$PGL_DIR/corpus.jsonl"
t1=$(date +%s.%N)
python3 -c "import sys; print('wall %.1f s' % (float(sys.argv[2]) - float(sys.argv[1])))" "$t0" "$t1"
for s in coord shard1 shard2; do
  echo "== $s: statements, total ms"
  pgl_psql $s $db -c "SELECT sum(calls), round(sum(total_exec_time)::numeric) FROM pg_stat_statements"
  pgl_psql $s $db -c "SELECT round(total_exec_time::numeric) AS ms, calls, toplevel, left(regexp_replace(query, '\s+', ' ', 'g'), 120) FROM pg_stat_statements ORDER BY calls DESC, total_exec_time DESC LIMIT 12"
done
