# bench/pg/lib.sh -- sourced by the PostgreSQL benchmarks (bench/pg/*.sh)
# after `cd` to the tree's root: what each began with, copied, before.
# Uses scripts/pg-lib.sh (sourced here) for the servers.
#
#   bpg_begin NAME N            SHARED, corpus_gz, N (BENCH_PG_N, default
#                               N), hoso (BENCH_PG_HOSO, default this tree's
#                               release build); without the VNTC corpus
#                               prints "NAME: SKIPPED: ..." and exits 0;
#                               then pgl_init, and pgl_cleanup at exit
#   bpg_corpus FILE             the first N VNTC articles into FILE
#   bpg_shards DB SHARD_DB      in the coordinator's database DB, the
#                               servers shard1 and shard2 (their database
#                               SHARD_DB) as postgres_fdw servers with user
#                               mappings, named in DB's hoso.shards: the
#                               first hoso ingest there makes a sharded
#                               archive (docs/scale.md section 2)
#   bpg_servers_cpu NAME...     clock ticks of user+sys of the servers'
#                               postmasters and their ended children (a
#                               backend's time counts once it has ended)
. scripts/pg-lib.sh

bpg_begin() {
  SHARED=${SHARED:-../shared}
  corpus_gz=$SHARED/data/news/vntc.jsonl.gz
  N=${BENCH_PG_N:-$2}
  hoso=${BENCH_PG_HOSO:-build/release/hoso}
  [ -f "$corpus_gz" ] || { echo "$1: SKIPPED: no $corpus_gz"; exit 0; }
  pgl_init || exit 1
  trap pgl_cleanup EXIT
}

bpg_corpus() {
  zcat "$corpus_gz" | head -n "$N" > "$1"
}

bpg_shards() {
  pgl_psql coord "$1" -c "CREATE EXTENSION IF NOT EXISTS postgres_fdw;
CREATE SERVER shard1 FOREIGN DATA WRAPPER postgres_fdw OPTIONS (host '127.0.0.1', port '$PGL_PORT_shard1', dbname '$2');
CREATE USER MAPPING FOR CURRENT_USER SERVER shard1 OPTIONS (user 'postgres', password '$PGL_PW');
CREATE SERVER shard2 FOREIGN DATA WRAPPER postgres_fdw OPTIONS (host '127.0.0.1', port '$PGL_PORT_shard2', dbname '$2');
CREATE USER MAPPING FOR CURRENT_USER SERVER shard2 OPTIONS (user 'postgres', password '$PGL_PW');
ALTER DATABASE $1 SET hoso.shards = 'shard1, shard2'" >/dev/null
}

bpg_servers_cpu() {
  local t=0 s pid
  for s in "$@"; do
    pid=$(head -n 1 "$PGL_DIR/$s/postmaster.pid") || return 1
    t=$((t + $(awk '{print $14 + $15 + $16 + $17}' "/proc/$pid/stat")))
  done
  echo "$t"
}
