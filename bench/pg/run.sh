#!/usr/bin/env bash
# bench/pg/run.sh -- `make bench-pg` (part of `make bench`): hoso's archive
# on SQLite and on PostgreSQL (one server; three hash shards) in the same
# run, on the VNTC news corpus (../shared/data/news/vntc.jsonl.gz).
#
#   BENCH_PG_N      articles taken from VNTC (default 5000)
#   BENCH_PG_SCALE  copies of each (default 1; copies differ by a marker so
#                   they are distinct articles: N*SCALE articles in all)
#   BENCH_PG_PROCS  concurrent ingest processes for the scaling row
#                   (default: the number of cores)
#   BENCH_PG_TARGET archive sizes for the large-archive rows, ascending
#                   (default 1000000; e.g. "100000 300000"; 0 skips
#                   them). Ingesting a million articles
#                   takes hours on 2 cores, so the ingested archive is
#                   replicated on the server (INSERT ... SELECT: new ids,
#                   hashes, URLs and stories for each copy, search vectors
#                   copied) until it holds TARGET articles; then search
#                   latency is measured through hoso_search as above,
#                   once with a GIN index and once with RUM.
#
# Prints, per system: ingest articles/s, size on disk, search p50/p99 (ms,
# hoso_search through the public API, 40 queries typed with and without
# diacritics), and toneless agreement (share of queries whose toneless
# form finds the same total; mean top-10 overlap); then ratios to SQLite.
# Ingest runs with --no-analysis (no entity/event extraction, identical for
# both backends) so the storage and index are what is measured.
set -u
cd "$(dirname "$0")/../.."
. scripts/pg-lib.sh
SHARED=${SHARED:-../shared}
corpus_gz=$SHARED/data/news/vntc.jsonl.gz
N=${BENCH_PG_N:-5000}
SCALE=${BENCH_PG_SCALE:-1}
PROCS=${BENCH_PG_PROCS:-$(nproc)}
TARGET=${BENCH_PG_TARGET:-1000000}
hoso=build/release/hoso
bs=build/release/tools/bench_search
queries=bench/pg/queries.tsv
[ -f "$corpus_gz" ] || { echo "bench-pg: SKIPPED: no $corpus_gz"; exit 0; }
pgl_init || exit 1
trap pgl_cleanup EXIT
pgl_start coord && pgl_start shard1 && pgl_start shard2 || exit 1
W=$PGL_DIR/work; mkdir -p "$W"

# The corpus: N articles, SCALE copies.
zcat "$corpus_gz" | head -n "$N" | python3 -c '
import json, sys
scale = int(sys.argv[1]); out = open(sys.argv[2], "w")
lines = [json.loads(l) for l in sys.stdin]
for k in range(scale):
    for d in lines:
        e = dict(d)
        if k: e["id"] = "%s-%d" % (d["id"], k); e["text"] = d["text"] + "\n(bản %d)" % k
        out.write(json.dumps(e, ensure_ascii=False) + "\n")
' "$SCALE" "$W/corpus.jsonl"
total=$(wc -l < "$W/corpus.jsonl")
echo "bench-pg: $total articles (VNTC first $N x $SCALE), $(nproc) cores, PostgreSQL $($PGL_BIN/postgres --version | awk '{print $3}')"

now() { date +%s.%N; }
rate() { python3 -c "import sys; print('%.0f' % (float(sys.argv[1]) / max(1e-9, float(sys.argv[3]) - float(sys.argv[2]))))" "$1" "$2" "$3"; }
mb() { python3 -c "import sys; print('%.1f' % (int(sys.argv[1]) / 1048576))" "$1"; }

# ---- SQLite ----------------------------------------------------------
t0=$(now); $hoso ingest --quiet --no-analysis --db "$W/s.db" "$W/corpus.jsonl" >/dev/null 2>&1 || echo "bench-pg: sqlite ingest failed"
t1=$(now)
sq_rate=$(rate "$total" "$t0" "$t1")
sq_size=$(du -cb "$W"/s.db* | tail -n 1 | cut -f1)
sq_search=$($bs "$W/s.db" "$queries" 3)

# ---- PostgreSQL, one server ------------------------------------------
pg_db() { # fresh database with this tree's extension; prints its URL
  pgl_psql coord postgres -c "CREATE DATABASE $1" >/dev/null && hoso_pg_load coord "$1" >/dev/null && pgl_url coord "$1"
}
U=$(pg_db single)
base=$(pgl_psql coord single -c "SELECT pg_database_size('single')")
t0=$(now); $hoso ingest --quiet --no-analysis --threads 1 --db "$U" "$W/corpus.jsonl" >/dev/null 2>&1 || echo "bench-pg: postgres ingest failed"
t1=$(now)
pg_rate=$(rate "$total" "$t0" "$t1")
pgl_psql coord single -c "VACUUM ANALYZE" >/dev/null
pg_size=$(( $(pgl_psql coord single -c "SELECT pg_database_size('single')") - base ))
pg_search=$($bs "$U" "$queries" 3)

# Ingest scaling: PROCS processes at once, each a share of the corpus.
P=$(pg_db par)
split -n "l/$PROCS" -d "$W/corpus.jsonl" "$W/part."
for f in "$W"/part.*; do mv "$f" "$f.jsonl"; done
$hoso ingest --quiet --no-analysis --db "$P" demo/sample/seed-2021-call.txt >/dev/null 2>&1
t0=$(now)
for f in "$W"/part.*.jsonl; do $hoso ingest --quiet --no-analysis --threads 1 --db "$P" "$f" >/dev/null 2>&1 & done
wait
t1=$(now)
par_rate=$(rate "$total" "$t0" "$t1")
par_n=$(pgl_psql coord par -c "SELECT count(*) - 1 FROM hoso.article")

# ---- PostgreSQL, hoso's own archive over two shards ------------------
# The coordinator names its two shard servers in hoso.shards; hoso ingest
# creates the archive with hoso.article hash-partitioned over them
# (src/store/pg_shard.c). Size: the coordinator's database plus the
# shards' article tables. ANALYZE on the coordinator so that searches rank
# on the shards (docs/scale.md, section 2).
for s in shard1 shard2; do pgl_psql $s postgres -c "CREATE DATABASE hososhard" >/dev/null; done
SH=$(pg_db sharded)
pgl_psql coord sharded -c "CREATE EXTENSION IF NOT EXISTS postgres_fdw;
CREATE SERVER shard1 FOREIGN DATA WRAPPER postgres_fdw OPTIONS (host '127.0.0.1', port '$PGL_PORT_shard1', dbname 'hososhard');
CREATE USER MAPPING FOR CURRENT_USER SERVER shard1 OPTIONS (user 'postgres', password '$PGL_PW');
CREATE SERVER shard2 FOREIGN DATA WRAPPER postgres_fdw OPTIONS (host '127.0.0.1', port '$PGL_PORT_shard2', dbname 'hososhard');
CREATE USER MAPPING FOR CURRENT_USER SERVER shard2 OPTIONS (user 'postgres', password '$PGL_PW');
ALTER DATABASE sharded SET hoso.shards = 'shard1, shard2'" >/dev/null
base=$(pgl_psql coord sharded -c "SELECT pg_database_size('sharded')")
t0=$(now); $hoso ingest --quiet --no-analysis --threads 1 --db "$SH" "$W/corpus.jsonl" >/dev/null 2>&1 || echo "bench-pg: sharded ingest failed"
t1=$(now)
sh_rate=$(rate "$total" "$t0" "$t1")
pgl_psql coord sharded -c "VACUUM ANALYZE" -c "ANALYZE hoso.article" >/dev/null
for s in shard1 shard2; do pgl_psql $s hososhard -c "VACUUM ANALYZE" >/dev/null; done
sh_size=$(( $(pgl_psql coord sharded -c "SELECT pg_database_size('sharded')") - base \
  + $(pgl_psql shard1 hososhard -c "SELECT pg_total_relation_size('hoso.article_p0')") \
  + $(pgl_psql shard2 hososhard -c "SELECT pg_total_relation_size('hoso.article_p1')") ))
sh_search=$($bs "$SH" "$queries" 3)

# ---- PostgreSQL, three hash shards (postgres_fdw) ---------------------
# The articles' text and tsvector, hash-partitioned on id: one partition
# on the coordinator, one on each shard server; compared with the same
# table unpartitioned on one server (the index layer the backend uses).
pgl_psql coord single -c "CREATE TABLE one(id bigint PRIMARY KEY, story_id bigint, title text, body text NOT NULL, tsv tsvector NOT NULL); CREATE INDEX ON one USING gin(tsv)" >/dev/null
for s in shard1 shard2; do pgl_psql $s postgres -c "CREATE DATABASE single" >/dev/null; done
pgl_shard_setup coord single three local shard1 shard2 >/dev/null || echo "bench-pg: shard setup failed"
load="SELECT id, story_id, title, text, to_tsvector('vietnamese', coalesce(title, '')) || to_tsvector('vietnamese', text) FROM hoso.article"
t0=$(now); pgl_psql coord single -c "INSERT INTO one $load" >/dev/null; t1=$(now)
one_rate=$(rate "$total" "$t0" "$t1")
t0=$(now); pgl_psql coord single -c "INSERT INTO three $load" >/dev/null; t1=$(now)
three_rate=$(rate "$total" "$t0" "$t1")
one_size=$(pgl_psql coord single -c "SELECT pg_total_relation_size('one')")
three_size=$(( $(pgl_psql coord single -c "SELECT pg_total_relation_size('three_0')") \
  + $(pgl_psql shard1 single -c "SELECT pg_total_relation_size('three_1')") \
  + $(pgl_psql shard2 single -c "SELECT pg_total_relation_size('three_2')") ))
for t in one three; do pgl_psql coord single -c "ANALYZE $t" >/dev/null; done
for s in shard1 shard2; do pgl_psql $s single -c "ANALYZE" >/dev/null; done
# pgbench: one script per query (toned), top 10 by rank.
mkdir -p "$W/pgb"
i=0
while IFS=$'\t' read -r toned plain; do
  for t in one three; do
    printf "SELECT id FROM %s WHERE tsv @@ plainto_tsquery('vietnamese', '%s') ORDER BY ts_rank_cd(tsv, plainto_tsquery('vietnamese', '%s')) DESC LIMIT 10;\n" \
      "$t" "${toned//\'/\'\'}" "${toned//\'/\'\'}" > "$W/pgb/$t.$i.sql"
  done
  # top-10 ranked on each shard (the tsquery as a constant, so postgres_fdw
  # ships the match, the rank, ORDER BY and LIMIT), merged on the coordinator
  tq=$(pgl_psql coord single -c "SELECT quote_literal(plainto_tsquery('vietnamese', '${toned//\'/\'\'}')::text)")
  {
    printf "SELECT id FROM ("
    for k in 0 1 2; do
      [ $k -gt 0 ] && printf " UNION ALL "
      printf "(SELECT id, ts_rank_cd(tsv, %s::tsquery) AS r FROM three_%d WHERE tsv @@ %s::tsquery ORDER BY 2 DESC LIMIT 10)" "$tq" $k "$tq"
    done
    printf ") u ORDER BY r DESC LIMIT 10;\n"
  } > "$W/pgb/topk.$i.sql"
  i=$((i + 1))
done < "$queries"
pctl() { # pctl TABLE -> "p50 p99" in ms from a pgbench latency log
  local t=$1 args=()
  for f in "$W"/pgb/$t.*.sql; do args+=(-f "$f"); done
  rm -f "$W"/pgb/log.*
  (cd "$W/pgb" && PGPASSWORD=$PGL_PW "$PGL_BIN/pgbench" -n -h 127.0.0.1 -p "$PGL_PORT_coord" -U postgres \
    -t 200 -l --log-prefix=log "${args[@]}" single >/dev/null 2>&1)
  cat "$W"/pgb/log.* 2>/dev/null | python3 -c '
import sys
v = sorted(float(l.split()[2]) / 1000 for l in sys.stdin if len(l.split()) > 2)
print("%.2f %.2f" % (v[len(v) // 2], v[min(len(v) - 1, len(v) * 99 // 100)]) if v else "- -")'
}
read -r one_p50 one_p99 <<<"$(pctl one)"
read -r three_p50 three_p99 <<<"$(pctl three)"
read -r topk_p50 topk_p99 <<<"$(pctl topk)"

# ---- large archives: the ingested one replicated on the server ---------
# For each size in BENCH_PG_TARGET (ascending), the archive is grown to it
# and searched twice: with a GIN index (every match ranked by ts_rank_cd,
# the best k kept) and with the RUM index the schema makes when rum is
# there (best matches read from the index: ORDER BY tsv <=> q LIMIT k).
# Both times hoso_search as above: first 10 stories without facets and
# snippets, and the whole search page (BENCH_SEARCH_FULL=1: facets and
# snippets).
big_rows=()
q1() { pgl_psql coord single -c "$1"; }
ma=$(q1 "SELECT max(id) FROM hoso.article"); ms=$(q1 "SELECT max(id) FROM hoso.story")
have=1 # copies in the archive
for T in $TARGET; do
  [ "$T" -gt "$total" ] || continue
  copies=$(( (T + total - 1) / total ))
  [ $copies -gt $have ] || continue
  echo "bench-pg: replicating $total articles to x $copies on the server (ids, hashes, URLs, stories new per copy)..."
  q1 "SET client_min_messages = warning; DROP INDEX IF EXISTS hoso.article_tsv; DROP INDEX IF EXISTS hoso.article_rum; DROP INDEX IF EXISTS hoso.article_story; DROP INDEX IF EXISTS hoso.article_day" >/dev/null
  t0=$(now)
  # the copies hold the same terms: the vocabulary (hoso.term) has them all
  q1 "ALTER TABLE hoso.article DISABLE TRIGGER article_terms; ALTER TABLE hoso.article DISABLE TRIGGER article_best" >/dev/null
  for k in $(seq $have $((copies - 1))); do
    q1 "INSERT INTO hoso.story(id, first_article, title, earliest, earliest_day, credit, n_articles, n_outlets)
        SELECT id + $k * $ms, first_article + $k * $ma, title, earliest, earliest_day, credit, n_articles, n_outlets
        FROM hoso.story WHERE id <= $ms;
      INSERT INTO hoso.article(id, story_id, content_hash, url, canonical_url, outlet_id, lang, title, author,
        credit, published, published_day, origin, text, record, minhash, tsv)
        SELECT id + $k * $ma, story_id + $k * $ms, content_hash || '-r$k', url, canonical_url || '#r$k',
        outlet_id, lang, title, author, credit, published, published_day, origin, text, record, minhash, tsv
        FROM hoso.article WHERE id <= $ma" >/dev/null || { echo "bench-pg: replication failed"; break; }
  done
  have=$copies
  q1 "ALTER TABLE hoso.article ENABLE TRIGGER article_terms; ALTER TABLE hoso.article ENABLE TRIGGER article_best" >/dev/null
  q1 "SET maintenance_work_mem = '512MB'; CREATE INDEX article_story ON hoso.article(story_id, outlet_id); CREATE INDEX article_day ON hoso.article(published_day);
      SELECT setval(pg_get_serial_sequence('hoso.article', 'id'), (SELECT max(id) FROM hoso.article));
      SELECT setval(pg_get_serial_sequence('hoso.story', 'id'), (SELECT max(id) FROM hoso.story))" >/dev/null
  t1=$(now)
  copy_s=$(python3 -c "import sys; print('%.0f' % (float(sys.argv[2]) - float(sys.argv[1])))" "$t0" "$t1")
  t0=$(now); q1 "SET maintenance_work_mem = '512MB'; CREATE INDEX article_tsv ON hoso.article USING gin(tsv)" >/dev/null; t1=$(now)
  gin_s=$(python3 -c "import sys; print('%.0f' % (float(sys.argv[2]) - float(sys.argv[1])))" "$t0" "$t1")
  q1 "VACUUM ANALYZE hoso.article" >/dev/null; q1 "VACUUM ANALYZE hoso.story" >/dev/null
  n=$(q1 "SELECT count(*) FROM hoso.article")
  gin_idx=$(q1 "SELECT pg_relation_size('hoso.article_tsv')")
  gin_10=$($bs "$U" "$queries" 2); gin_page=$(BENCH_SEARCH_FULL=1 $bs "$U" "$queries" 2)
  t0=$(now); q1 "SET maintenance_work_mem = '512MB'; CREATE INDEX article_rum ON hoso.article USING rum (tsv rum_tsvector_ops)" >/dev/null; t1=$(now)
  rum_s=$(python3 -c "import sys; print('%.0f' % (float(sys.argv[2]) - float(sys.argv[1])))" "$t0" "$t1")
  q1 "DROP INDEX hoso.article_tsv; ANALYZE hoso.article" >/dev/null
  rum_idx=$(q1 "SELECT pg_relation_size('hoso.article_rum')")
  rum_10=$(HOSO_PG_BEST=0 $bs "$U" "$queries" 2); rum_page=$(HOSO_PG_BEST=0 BENCH_SEARCH_FULL=1 $bs "$U" "$queries" 2)
  # best-article lists for the common words (schema 6), then the same
  # searches again: one-word queries read a list instead of ranking
  t0=$(now); q1 "SELECT hoso.best_lists_build()" >/dev/null; t1=$(now)
  best_s=$(python3 -c "import sys; print('%.0f' % (float(sys.argv[2]) - float(sys.argv[1])))" "$t0" "$t1")
  best_n=$(q1 "SELECT count(*) FROM hoso.best_list")
  best_mb=$(q1 "SELECT pg_total_relation_size('hoso.best') + pg_total_relation_size('hoso.best_list')")
  best_10=$($bs "$U" "$queries" 2); best_page=$(BENCH_SEARCH_FULL=1 $bs "$U" "$queries" 2)
  size=$(q1 "SELECT pg_database_size('single')")
  big_rows+=("$n|$size|$copy_s|$gin_s|$gin_idx|$gin_10|$gin_page|$rum_s|$rum_idx|$rum_10|$rum_page|$best_s|$best_mb|$best_10|$best_page|$best_n")
done

# ---- report -------------------------------------------------------------
js() { python3 -c "import json,sys; print(json.loads(sys.argv[1])[sys.argv[2]])" "$1" "$2"; }
ratio() { python3 -c "import sys; a,b=float(sys.argv[1]),float(sys.argv[2]); print('%.2fx' % (a/b) if b else '-')" "$1" "$2"; }
echo
printf "%-34s %12s %10s %9s %9s %13s %13s\n" system "articles/s" "size MB" "p50 ms" "p99 ms" "toneless=" "top10 overlap"
printf "%-34s %12s %10s %9s %9s %13s %13s\n" "SQLite (hoso archive)" "$sq_rate" "$(mb "$sq_size")" \
  "$(js "$sq_search" p50_ms)" "$(js "$sq_search" p99_ms)" "$(js "$sq_search" toneless_same_total)" "$(js "$sq_search" toneless_top10_overlap)"
printf "%-34s %12s %10s %9s %9s %13s %13s\n" "PostgreSQL 1 server (hoso archive)" "$pg_rate" "$(mb "$pg_size")" \
  "$(js "$pg_search" p50_ms)" "$(js "$pg_search" p99_ms)" "$(js "$pg_search" toneless_same_total)" "$(js "$pg_search" toneless_top10_overlap)"
printf "%-34s %12s %10s %9s %9s %13s %13s\n" "PostgreSQL 2 shards (hoso archive)" "$sh_rate" "$(mb "$sh_size")" \
  "$(js "$sh_search" p50_ms)" "$(js "$sh_search" p99_ms)" "$(js "$sh_search" toneless_same_total)" "$(js "$sh_search" toneless_top10_overlap)"
printf "%-34s %12s\n" "PostgreSQL, $PROCS ingest processes" "$par_rate ($par_n stored)"
echo "  2 shards / 1 server (all servers on this machine): ingest $(ratio "$sh_rate" "$pg_rate"), size $(ratio "$sh_size" "$pg_size"), p50 $(ratio "$(js "$sh_search" p50_ms)" "$(js "$pg_search" p50_ms)"), p99 $(ratio "$(js "$sh_search" p99_ms)" "$(js "$pg_search" p99_ms)")"
echo "  ratios to SQLite: ingest $(ratio "$pg_rate" "$sq_rate"), size $(ratio "$pg_size" "$sq_size"), p50 $(ratio "$(js "$pg_search" p50_ms)" "$(js "$sq_search" p50_ms)"), p99 $(ratio "$(js "$pg_search" p99_ms)" "$(js "$sq_search" p99_ms)"); $PROCS processes vs 1: $(ratio "$par_rate" "$pg_rate")"
echo
echo "index layer (text + tsvector + GIN), top-10 ranked search via pgbench:"
printf "%-34s %12s %10s %9s %9s\n" "PostgreSQL 1 table" "$one_rate" "$(mb "$one_size")" "$one_p50" "$one_p99"
printf "%-34s %12s %10s %9s %9s\n" "PostgreSQL 3 hash shards (fdw)" "$three_rate" "$(mb "$three_size")" "$three_p50" "$three_p99"
printf "%-34s %12s %10s %9s %9s\n" "  same, top-10 ranked per shard" "" "" "$topk_p50" "$topk_p99"
echo "  ratios 3 shards / 1 table: ingest $(ratio "$three_rate" "$one_rate"), p50 $(ratio "$three_p50" "$one_p50"), p99 $(ratio "$three_p99" "$one_p99"); per-shard top-10: p50 $(ratio "$topk_p50" "$one_p50"), p99 $(ratio "$topk_p99" "$one_p99")"
if [ ${#big_rows[@]} -gt 0 ]; then
  echo
  echo "large archives (the $total ingested, replicated on the server; hoso_search: first 10 stories | whole page with facets and snippets):"
  printf "%-10s %-5s %9s %9s %8s %9s %9s %9s %9s %13s\n" articles index "DB MB" "index MB" "build s" "p50 ms" "p99 ms" "page p50" "page p99" "toneless="
  for row in "${big_rows[@]}"; do
    IFS='|' read -r n size copy_s gin_s gin_idx gin_10 gin_page rum_s rum_idx rum_10 rum_page best_s best_mb best_10 best_page best_n <<<"$row"
    printf "%-10s %-5s %9s %9s %8s %9s %9s %9s %9s %13s\n" "$n" GIN "$(mb "$size")" "$(mb "$gin_idx")" "$gin_s" \
      "$(js "$gin_10" p50_ms)" "$(js "$gin_10" p99_ms)" "$(js "$gin_page" p50_ms)" "$(js "$gin_page" p99_ms)" "$(js "$gin_10" toneless_same_total)"
    printf "%-10s %-5s %9s %9s %8s %9s %9s %9s %9s %13s\n" "$n" RUM "" "$(mb "$rum_idx")" "$rum_s" \
      "$(js "$rum_10" p50_ms)" "$(js "$rum_10" p99_ms)" "$(js "$rum_page" p50_ms)" "$(js "$rum_page" p99_ms)" "$(js "$rum_10" toneless_same_total)"
    printf "%-10s %-5s %9s %9s %8s %9s %9s %9s %9s %13s\n" "$n" "+list" "" "$(mb "$best_mb")" "$best_s" \
      "$(js "$best_10" p50_ms)" "$(js "$best_10" p99_ms)" "$(js "$best_page" p50_ms)" "$(js "$best_page" p99_ms)" "$(js "$best_10" toneless_same_total)"
    echo "  $n articles: RUM/GIN p50 $(ratio "$(js "$rum_10" p50_ms)" "$(js "$gin_10" p50_ms)"), p99 $(ratio "$(js "$rum_10" p99_ms)" "$(js "$gin_10" p99_ms)"); RUM+lists/RUM p50 $(ratio "$(js "$best_10" p50_ms)" "$(js "$rum_10" p50_ms)"), p99 $(ratio "$(js "$best_10" p99_ms)" "$(js "$rum_10" p99_ms)") ($best_n lists); replication ${copy_s}s"
  done
  echo "  (+list: RUM with best-article lists for the common words, hoso.best_lists_build(): index MB = the lists, build s = making them;"
  echo "   DB MB: the database with the RUM index; past HOSO_PG_EXACT_MAX (default 1000) matching articles the totals are estimated and the facets sampled, see README pg)"
fi
