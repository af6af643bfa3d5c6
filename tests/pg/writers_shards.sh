# tests/pg/writers_shards.sh -- sourced by scripts/test-pg.sh (after
# shards_archive.sh). Session 17's bug: with two `hoso ingest` processes
# into a SHARDED archive, a near-duplicate sometimes started a story of
# its own (make bench-pg-ingest: 2 of 2,001 articles had other story-mates
# with 2 processes than with 1; never on one server). postgres_fdw runs the
# remote side of a transaction at REPEATABLE READ: a batch's snapshot on a
# shard is taken when the batch first reads or writes there, and kept to
# its commit. A writer B whose batch had touched the shards, storing b
# after writer A committed a (b a reprint of a), found a's bands in the
# coordinator's hoso.lsh (READ COMMITTED: a new snapshot per statement)
# but read a's signature and story from the shard through its old
# snapshot: no such article, so no candidate, so a new story.
#
# Made deterministic with a lock: B's file holds three other articles, f
# (a reprint of g, stored before) and then b. Session S holds every story
# row (FOR UPDATE), so B stops inside put_article(f) at its story's counts
# -- after f's candidates were read from the shards, with B's remote
# transactions open on both. A then stores a and commits; S ends; B goes
# on to b. One writer storing the same files in the same order puts a and b
# in one story (and g and f in another): so must the two.
db=race
for s in shard1 shard2; do pgl_psql $s postgres -c "CREATE DATABASE hoso_race" -c "CREATE DATABASE hoso_race1" >/dev/null; done
for d in race race1; do
  pgl_psql coord postgres -c "CREATE DATABASE $d" >/dev/null
  hoso_pg_load coord $d >/dev/null || bad "load hoso_pg into $d" "failed"
  pgl_psql coord $d -c "CREATE EXTENSION IF NOT EXISTS postgres_fdw;
CREATE SERVER shard1 FOREIGN DATA WRAPPER postgres_fdw OPTIONS (host '127.0.0.1', port '$PGL_PORT_shard1', dbname 'hoso_$d');
CREATE USER MAPPING FOR CURRENT_USER SERVER shard1 OPTIONS (user 'postgres', password '$PGL_PW');
CREATE SERVER shard2 FOREIGN DATA WRAPPER postgres_fdw OPTIONS (host '127.0.0.1', port '$PGL_PORT_shard2', dbname 'hoso_$d');
CREATE USER MAPPING FOR CURRENT_USER SERVER shard2 OPTIONS (user 'postgres', password '$PGL_PW');
ALTER DATABASE $d SET hoso.shards = 'shard1, shard2';" >/dev/null
done
rq() { pgl_psql coord "$1" -c "$2" 2>&1; }
# g, the three others and a: sample articles of one outlet (NLD, which
# exists once g is stored); f and b: reprints (a few words before the text)
R=$PGL_DIR/race; mkdir -p "$R"
pick() { grep '"source": "NLD"' demo/sample/vntc-sample.jsonl | sed -n "$1p"; }
reprint() { sed 's/"text": "/"text": "Tin mới: /; s/"id": "\([^"]*\)"/"id": "\1-reprint"/'; }
pick 5 > "$R/g.jsonl"
pick 3 > "$R/a.jsonl"
{ pick 10; pick 11; pick 12; reprint < "$R/g.jsonl"; reprint < "$R/a.jsonl"; } > "$R/b.jsonl"
ing() { $hoso ingest --quiet --no-analysis --threads 1 --db "$@"; }
# one writer: g, B's file up to f, a, b (the order the two writers store them)
U1=$(pgl_url coord race1)
{ cat "$R/g.jsonl"; head -n 4 "$R/b.jsonl"; cat "$R/a.jsonl"; tail -n 1 "$R/b.jsonl"; } > "$R/one.jsonl"
ing "$U1" "$R/one.jsonl" >/dev/null 2>&1
mates() { # per article (content hash), its story-mates' hashes
  rq "$1" "SELECT a.content_hash, string_agg(b.content_hash, ',' ORDER BY b.content_hash) FROM hoso.article a JOIN hoso.article b ON b.story_id = a.story_id GROUP BY a.content_hash ORDER BY 1"
}
check "sharded, one writer: 7 articles, 5 stories (g with its reprint f, a with its reprint b)" "7|5" \
  "$(rq race1 "SELECT count(*), count(DISTINCT story_id) FROM hoso.article")"
# two writers
U=$(pgl_url coord $db)
ing "$U" "$R/g.jsonl" >/dev/null 2>&1
pgl_psql coord $db -c "BEGIN" -c "SELECT id FROM hoso.story FOR UPDATE" -c "SELECT pg_sleep(300)" >/dev/null 2>&1 & ps_=$!
i=0; while [ $i -lt 300 ] && [ "$(rq $db "SELECT count(*) FROM pg_stat_activity WHERE query LIKE '%pg_sleep(300)%' AND pid <> pg_backend_pid()")" != 1 ]; do sleep 0.1; i=$((i + 1)); done
ing "$U" "$R/b.jsonl" >"$R/b.out" 2>&1 & pb=$!
i=0; while [ $i -lt 600 ] && [ "$(rq $db "SELECT count(*) FROM pg_locks WHERE NOT granted")" -lt 1 ]; do sleep 0.1; i=$((i + 1)); done
# B waits on S, its batch open on both shards (with their snapshots)
open=$(for s in shard1 shard2; do pgl_psql $s hoso_race -c "SELECT count(*) FROM pg_stat_activity WHERE datname = 'hoso_race' AND state LIKE 'idle in transaction%'"; done | tr '\n' ' ')
check "two sharded writers: B waits inside f, its batch open on both shards" "1|1 1 " \
  "$(rq $db "SELECT count(*) FROM pg_locks WHERE NOT granted")|$open"
timeout 120 $hoso ingest --quiet --no-analysis --threads 1 --db "$U" "$R/a.jsonl" >"$R/a.out" 2>&1; ra=$?
rq $db "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE '%pg_sleep(300)%' AND pid <> pg_backend_pid()" >/dev/null; wait $ps_ 2>/dev/null
wait $pb; rb=$?
check "two sharded writers: both exit 0" "0 0" "$ra $rb"
[ "$ra$rb" = 00 ] || head -n 3 "$R/a.out" "$R/b.out"
akey=$(python3 -c 'import json, sys; print(json.loads(open(sys.argv[1]).read())["text"][:40].replace("\x27", "\x27\x27"))' "$R/a.jsonl")
check "two sharded writers: b, stored after a committed, in a's story (as one writer puts them)" "2|1" \
  "$(rq $db "SELECT count(*), count(DISTINCT story_id) FROM hoso.article WHERE strpos(text, '$akey') > 0")"
mates race1 > "$R/mates.1"; mates $db > "$R/mates.2"
check "two sharded writers: every article's story-mates as with one writer (articles that differ)" "0" \
  "$(comm -3 "$R/mates.1" "$R/mates.2" | tr -d '\t' | cut -d '|' -f 1 | sort -u | wc -l)"
check "two sharded writers: story counts as with one writer (articles, outlets per story)" \
  "$(rq race1 "SELECT string_agg(n_articles || ':' || n_outlets, ',' ORDER BY n_articles, n_outlets) FROM hoso.story")" \
  "$(rq $db "SELECT string_agg(n_articles || ':' || n_outlets, ',' ORDER BY n_articles, n_outlets) FROM hoso.story")"
