#!/usr/bin/env bash
# bench/pg/big.sh -- one large PostgreSQL archive kept between runs, to
# measure search changes before and after on the same data (the full
# `make bench-pg` rebuilds everything, GIN rows included, each time).
#
#   bench/pg/big.sh setup DIR     start a server in DIR, ingest BENCH_PG_N
#                                 VNTC articles (default 5000), replicate on
#                                 the server to BENCH_PG_TARGET (default
#                                 200000) as bench/pg/run.sh does, build the
#                                 RUM index and the best-article lists
#   bench/pg/big.sh url DIR       print the archive's URL (server started
#                                 again if it was stopped)
#   bench/pg/big.sh load DIR      load this tree's extension build again
#   bench/pg/big.sh search DIR [BENCH_SEARCH [ROUNDS]]
#                                 bench_search (default this tree's) on it
#                                 with bench/pg/queries.tsv, ROUNDS (default
#                                 3: 160 timed searches); adds to its JSON
#                                 the server's CPU time a search (user + sys
#                                 of the backends that ended meanwhile, from
#                                 the postmaster's children times)
#   bench/pg/big.sh stop DIR      stop the server (DIR is kept; rm -rf it)
set -u
cd "$(dirname "$0")/../.."
. scripts/pg-lib.sh
cmd=${1:-}; dir=${2:-}
[ -n "$cmd" ] && [ -n "$dir" ] || { echo "usage: bench/pg/big.sh setup|url|search|load|stop DIR" >&2; exit 2; }
SHARED=${SHARED:-../shared}
N=${BENCH_PG_N:-5000}
TARGET=${BENCH_PG_TARGET:-200000}
hoso=build/release/hoso

attach() { # the server's settings from DIR/env
  [ -f "$dir/env" ] || { echo "big.sh: no archive in $dir (run setup)" >&2; exit 1; }
  . "$dir/env"
  export PGPASSWORD=$PGL_PW PGCONNECT_TIMEOUT=10
  PGL_NAMES=(coord)
}

case $cmd in
setup)
  [ -e "$dir" ] && { echo "big.sh: $dir exists" >&2; exit 1; }
  corpus_gz=$SHARED/data/news/vntc.jsonl.gz
  [ -f "$corpus_gz" ] || { echo "big.sh: no $corpus_gz" >&2; exit 1; }
  pgl_init || exit 1
  rm -rf "$PGL_DIR" && mkdir -p "$dir" && PGL_DIR=$(cd "$dir" && pwd) || exit 1
  chmod 755 "$PGL_DIR"; printf '%s\n' "$PGL_PW" > "$PGL_DIR/pwfile"
  [ "$(id -u)" = 0 ] && chown -R "$PGL_USER" "$PGL_DIR"
  pgl_start coord || exit 1
  printf 'PGL_DIR=%q\nPGL_PW=%q\nPGL_USER=%q\nPGL_PORT_coord=%q\n' "$PGL_DIR" "$PGL_PW" "$PGL_USER" "$PGL_PORT_coord" > "$PGL_DIR/env"
  zcat "$corpus_gz" | head -n "$N" > "$PGL_DIR/corpus.jsonl"
  pgl_psql coord postgres -c "CREATE DATABASE single" >/dev/null && hoso_pg_load coord single >/dev/null || exit 1
  U=$(pgl_url coord single)
  t0=$(date +%s)
  $hoso ingest --quiet --no-analysis --db "$U" "$PGL_DIR/corpus.jsonl" >/dev/null || { echo "big.sh: ingest failed" >&2; exit 1; }
  echo "big.sh: ingested $N in $(( $(date +%s) - t0 )) s"
  q1() { pgl_psql coord single -c "$1"; }
  total=$(q1 "SELECT count(*) FROM hoso.article")
  ma=$(q1 "SELECT max(id) FROM hoso.article"); ms=$(q1 "SELECT max(id) FROM hoso.story")
  copies=$(( (TARGET + total - 1) / total ))
  t0=$(date +%s)
  q1 "SET client_min_messages = warning; DROP INDEX IF EXISTS hoso.article_tsv; DROP INDEX IF EXISTS hoso.article_rum; DROP INDEX IF EXISTS hoso.article_story; DROP INDEX IF EXISTS hoso.article_day" >/dev/null
  q1 "ALTER TABLE hoso.article DISABLE TRIGGER article_terms; ALTER TABLE hoso.article DISABLE TRIGGER article_best" >/dev/null
  # the same replication as bench/pg/run.sh: new ids, hashes, URLs, stories
  for k in $(seq 1 $((copies - 1))); do
    q1 "INSERT INTO hoso.story(id, first_article, title, earliest, earliest_day, credit, n_articles, n_outlets)
        SELECT id + $k * $ms, first_article + $k * $ma, title, earliest, earliest_day, credit, n_articles, n_outlets
        FROM hoso.story WHERE id <= $ms;
      INSERT INTO hoso.article(id, story_id, content_hash, url, canonical_url, outlet_id, lang, title, author,
        credit, published, published_day, origin, text, record, minhash, tsv)
        SELECT id + $k * $ma, story_id + $k * $ms, content_hash || '-r$k', url, canonical_url || '#r$k',
        outlet_id, lang, title, author, credit, published, published_day, origin, text, record, minhash, tsv
        FROM hoso.article WHERE id <= $ma" >/dev/null || { echo "big.sh: replication failed" >&2; exit 1; }
  done
  q1 "ALTER TABLE hoso.article ENABLE TRIGGER article_terms; ALTER TABLE hoso.article ENABLE TRIGGER article_best" >/dev/null
  q1 "SET maintenance_work_mem = '512MB'; CREATE INDEX article_story ON hoso.article(story_id, outlet_id); CREATE INDEX article_day ON hoso.article(published_day);
      SELECT setval(pg_get_serial_sequence('hoso.article', 'id'), (SELECT max(id) FROM hoso.article));
      SELECT setval(pg_get_serial_sequence('hoso.story', 'id'), (SELECT max(id) FROM hoso.story))" >/dev/null
  echo "big.sh: replicated x $copies in $(( $(date +%s) - t0 )) s"
  t0=$(date +%s)
  q1 "SET maintenance_work_mem = '512MB'; CREATE INDEX article_rum ON hoso.article USING rum (tsv rum_tsvector_ops)" >/dev/null || exit 1
  q1 "VACUUM ANALYZE hoso.article" >/dev/null; q1 "VACUUM ANALYZE hoso.story" >/dev/null
  echo "big.sh: RUM index in $(( $(date +%s) - t0 )) s"
  t0=$(date +%s)
  q1 "SELECT hoso.best_lists_build()" >/dev/null || exit 1
  echo "big.sh: best-article lists ($(q1 "SELECT count(*) FROM hoso.best_list")) in $(( $(date +%s) - t0 )) s"
  echo "big.sh: $(q1 "SELECT count(*) FROM hoso.article") articles, $(q1 "SELECT pg_size_pretty(pg_database_size('single'))"); URL: $U"
  ;;
url)
  attach
  pgl_as "$PGL_BIN/pg_ctl" -D "$PGL_DIR/coord" status >/dev/null 2>&1 || pgl_start coord >&2 || exit 1
  pgl_url coord single
  ;;
search)
  attach
  bin=${3:-build/release/tools/bench_search}; rounds=${4:-3}
  U=$("$0" url "$dir") || exit 1
  pm=$(head -n 1 "$PGL_DIR/coord/postmaster.pid")
  tick=$(getconf CLK_TCK)
  kids() { awk '{print $16 + $17}' "/proc/$pm/stat"; } # cutime + cstime, ticks
  c0=$(kids)
  out=$("$bin" "$U" bench/pg/queries.tsv "$rounds") || exit 1
  sleep 1 # the backend's exit reaches the postmaster
  c1=$(kids)
  python3 -c '
import json, sys
d = json.loads(sys.argv[1]); timed = d["queries"]
d["server_cpu_ms_per_search"] = round((int(sys.argv[3]) - int(sys.argv[2])) * 1000 / int(sys.argv[4]) / (timed * (int(sys.argv[5])) / (int(sys.argv[5]) - 1)), 2)
print(json.dumps(d))' "$out" "$c0" "$c1" "$tick" "$rounds"
  ;;
load)
  attach
  hoso_pg_load coord single
  ;;
stop)
  attach
  pgl_stop coord
  ;;
*) echo "usage: bench/pg/big.sh setup|url|search|load|stop DIR" >&2; exit 2 ;;
esac
