#!/usr/bin/env bash
# bench/pg/waits.sh -- `make bench-pg-waits`: what do concurrent ingest
# processes wait on in PostgreSQL? The first N VNTC articles
# (../shared/data/news/vntc.jsonl.gz) are split into P parts and ingested
# into a fresh archive by P `hoso ingest` processes at once (as
# bench/pg/ingest.sh's second row), while a sampler on each server reads
# pg_stat_activity and pg_locks every BENCH_PG_TICK seconds: for each
# backend serving the archive, its state, wait event, statement and, when
# it waits for a lock, the lock (type, relation, mode) and who holds it.
#
#   BENCH_PG_N       articles (default 2000)
#   BENCH_PG_PROCS   ingest processes (default 2)
#   BENCH_PG_SHARDS  1: a coordinator over two shard servers (default 0)
#   BENCH_PG_TICK    seconds between samples (default 0.05)
#   BENCH_PG_ANALYSIS 1: ingest with entities and events (default 0:
#                    --no-analysis, as bench/pg/ingest.sh)
#   BENCH_PG_LOGWAIT_MS  deadlock_timeout: lock waits longer are logged
#                    (default 100)
#
# Output: per server, the share of the writers' samples in each class --
#   keys connection:  a writer's second session (pg_keys.c), its own shares
#   cpu               active, no wait event (running or waiting for a core)
#   client            idle or idle in transaction: waiting for the client
#   Lock:<type> <rel> <mode> / LWLock:<name> / IO:<name> / ...: waiting
# and for the lock waits the statement waited in. Wait shares are seen
# even under load; a busy machine adds to `cpu` (a runnable backend
# without a core shows no wait event).
set -u
cd "$(dirname "$0")/../.."
. bench/pg/lib.sh
PROCS=${BENCH_PG_PROCS:-2}
SHARDS=${BENCH_PG_SHARDS:-0}
TICK=${BENCH_PG_TICK:-0.05}
analysis=--no-analysis
[ "${BENCH_PG_ANALYSIS:-0}" = 0 ] || analysis=
bpg_begin bench-pg-waits 2000
servers=(coord)
[ "$SHARDS" = 0 ] || servers+=(shard1 shard2)
for s in "${servers[@]}"; do
  pgl_start "$s" || exit 1
  # each lock wait longer than deadlock_timeout is logged with the
  # statement (and PL/pgSQL line) that waits: the summary's second part
  pgl_psql "$s" postgres -c "ALTER SYSTEM SET log_lock_waits = on" -c "ALTER SYSTEM SET deadlock_timeout = '${BENCH_PG_LOGWAIT_MS:-100}ms'" -c "ALTER SYSTEM SET log_min_messages = log" -c "SELECT pg_reload_conf()" >/dev/null || exit 1
done
W=$PGL_DIR/work; mkdir -p "$W"
bpg_corpus "$W/corpus.jsonl"
total=$(wc -l < "$W/corpus.jsonl")
split -n "l/$PROCS" -d "$W/corpus.jsonl" "$W/part."
for f in "$W"/part.*; do mv "$f" "$f.jsonl"; done
db=waits
pgl_psql coord postgres -c "CREATE DATABASE $db" >/dev/null && hoso_pg_load coord $db >/dev/null || exit 1
if [ "$SHARDS" != 0 ]; then
  for s in shard1 shard2; do pgl_psql $s postgres -c "CREATE DATABASE $db" >/dev/null || exit 1; done
  bpg_shards $db $db || exit 1
fi
url=$(pgl_url coord $db)
# the schema first (one tiny article), so that the sampled processes only store
$hoso ingest --quiet --no-analysis --db "$url" demo/sample/seed-2021-call.txt >/dev/null 2>&1 || { echo "bench-pg-waits: cannot make the archive"; exit 1; }

# The sampler: one session per server, in database postgres, a loop that
# ends when the file $W/stop exists (checked through pg_stat_file) and
# keeps its samples in an unlogged table.
sample_sql="CREATE UNLOGGED TABLE IF NOT EXISTS waits_sample(t timestamptz, pid int,
  app text, state text, wtype text, wevent text, query text, lock text, blockers int[]);
TRUNCATE waits_sample;
DO \$d\$ BEGIN
  LOOP
    EXIT WHEN (pg_stat_file('$W/stop', true)).size IS NOT NULL;
    PERFORM pg_stat_clear_snapshot();
    INSERT INTO waits_sample
      SELECT clock_timestamp(), a.pid, a.application_name, a.state, a.wait_event_type, a.wait_event,
        left(regexp_replace(a.query, '\\s+', ' ', 'g'), 70),
        (SELECT l.locktype || coalesce(' ' || l.relation::regclass::text, '') || ' ' || l.mode
           FROM pg_locks l WHERE l.pid = a.pid AND NOT l.granted LIMIT 1),
        pg_blocking_pids(a.pid)
      FROM pg_stat_activity a
      WHERE a.datname = '$db' AND a.backend_type = 'client backend';
    PERFORM pg_sleep($TICK);
  END LOOP;
END \$d\$;"
spids=()
for s in "${servers[@]}"; do
  pgl_psql "$s" postgres -c "$sample_sql" >"$W/sampler.$s.log" 2>&1 &
  spids+=($!)
done
sleep 1
echo "bench-pg-waits: $total VNTC articles, $PROCS ingest processes, servers: ${servers[*]}, $(nproc) cores, load $(cut -d ' ' -f 1-3 /proc/loadavg)"
t0=$(date +%s.%N)
pids=(); i=0
for f in "$W"/part.*.jsonl; do
  $hoso ingest --quiet $analysis --threads 1 --db "$url" "$f" >/dev/null 2>"$W/err.$i" &
  pids+=($!); i=$((i + 1))
done
rc=0; for p in "${pids[@]}"; do wait "$p" || rc=1; done
t1=$(date +%s.%N)
touch "$W/stop"; chmod 644 "$W/stop"
for p in "${spids[@]}"; do wait "$p"; done
[ $rc = 0 ] || echo "bench-pg-waits: an ingest failed: $(head -c 300 "$W"/err.* | tr '\n' ' ')"
echo "wall $(python3 -c "print('%.1f' % ($t1 - $t0))") s, stored $(pgl_psql coord $db -c "SELECT count(*) - 1 FROM hoso.article"), load $(cut -d ' ' -f 1-3 /proc/loadavg)"
for s in "${servers[@]}"; do
  echo "== $s: writers' samples by class (share of the writers' samples; the keys connections apart)"
  pgl_psql "$s" postgres -F ' ' -c "
WITH c AS (SELECT coalesce(app, '') = 'hoso-keys' AS keys, CASE
    WHEN state IN ('idle', 'idle in transaction') THEN 'client'
    WHEN wtype IS NULL THEN 'cpu'
    WHEN wtype = 'Lock' THEN 'Lock:' || coalesce(lock, wevent)
    ELSE wtype || ':' || wevent END AS class FROM waits_sample)
SELECT to_char(100.0 * count(*) / sum(count(*)) OVER (PARTITION BY keys), '990.0') || '%',
  count(*), CASE WHEN keys THEN 'keys connection (pg_keys.c): ' ELSE '' END || class
FROM c GROUP BY keys, class ORDER BY keys, count(*) DESC"
  echo "== $s: lock and LWLock waits by statement"
  pgl_psql "$s" postgres -F ' | ' -c "
SELECT count(*), wtype || ':' || coalesce(lock, wevent), query FROM waits_sample
WHERE wtype IN ('Lock', 'LWLock') GROUP BY 2, 3 ORDER BY 1 DESC LIMIT 12"
  echo "== $s: lock waits longer than ${BENCH_PG_LOGWAIT_MS:-100} ms (server log), by where they waited"
  awk '/still waiting for/ {w = 1; next} w && /CONTEXT:/ {sub(/.*CONTEXT: */, ""); print; w = 0}' "$PGL_DIR/$s.log" |
    sort | uniq -c | sort -rn | head -n 12
done
