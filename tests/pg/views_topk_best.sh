# tests/pg/views_topk_best.sh -- sourced by scripts/test-pg.sh after
# views_topk.sh (the archive $V, the bundled sample; topk_same). The
# best-article lists (schema 6, store/pg_schema.c v6): a one-word search
# reads the word's list instead of ranking every posting. A list holds
# every matching article whose distance is below its cutoff, so its first
# C are the best C; checked here directly (the lists against every
# matching article's distance), through the searches (every page the same
# as reading every match, with the list read while it has enough
# candidates and the fallback after: the first five pages), and after more articles came in
# through the trigger, from two ingest processes at once.
bq() { pgl_psql coord "$1" -c "SET search_path = hoso, public; $2" 2>&1; }
best_diff() { # missing from the lists | in them wrongly | wrong distance
  bq "$1" "WITH want AS (SELECT l.id AS list, a.id FROM best_list l, article a
      WHERE a.tsv @@ l.q AND (a.tsv <=> l.q)::float8 < l.cutoff),
    have AS (SELECT list, article_id AS id FROM best)
    SELECT (SELECT count(*) FROM (SELECT * FROM want EXCEPT SELECT * FROM have) x),
      (SELECT count(*) FROM (SELECT * FROM have EXCEPT SELECT * FROM want) y),
      (SELECT count(*) FROM best b JOIN best_list l ON l.id = b.list JOIN article a
       ON a.id = b.article_id WHERE b.k <> (a.tsv <=> l.q)::float8)"
}
best_reads() { # how many times the lists were read (the server's statistics)
  bq "$1" "SELECT pg_stat_clear_snapshot(); SELECT coalesce(idx_scan, 0) + coalesce(seq_scan, 0) FROM pg_stat_user_tables WHERE relid = 'hoso.best'::regclass" | tail -n 1
}
used_list() { # used_list DB LABEL ARGS... : the search reads the word's list
  local db=$1 dbu=$2 label=$3 before after i; shift 3
  before=$(best_reads "$db")
  $hoso search --json --limit 7 --db "$dbu" "$@" >/dev/null 2>&1
  for i in 1 2 3 4 5 6 7 8 9 10; do # the backend reports at its exit
    after=$(best_reads "$db")
    [ "$after" != "$before" ] && break
    sleep 0.3
  done
  [ "$after" != "$before" ] && ok "$label reads the word's best-article list: search $*" \
    || bad "$label reads the word's best-article list: search $*" "hoso.best not read ($before -> $after)"
}

pgl_psql coord postgres -c "CREATE DATABASE viewsbest TEMPLATE views" >/dev/null \
  && pgl_psql coord postgres -c "ALTER DATABASE viewsbest SET hoso.model_dir = '$PGL_DIR/models'" >/dev/null \
  || bad "a copy of the archive for the best-article lists" "failed"
B=$(pgl_url coord viewsbest)
check "no lists before they are built: the table is there, empty" "0" "$(bq viewsbest "SELECT count(*) FROM best_list")"
# lists of the best 60 for the words in >= 80 of the 402 articles: a
# first page of 7 reads 28 candidates and the second 56 (from the list),
# the third 84 (more than the list: every posting ranked)
nl=$(bq viewsbest "ANALYZE article; SELECT best_lists_build(60, 80, 1000)" | tail -n 1)
[ "${nl:-0}" -ge 20 ] 2>/dev/null && ok "best_lists_build made $nl lists" || bad "best_lists_build" "made [$nl]"
check "the lists hold exactly the matches below their cutoff, with their distances" "0|0|0" "$(best_diff viewsbest)"
check "a list for the toneless and one for the toned word" "2" \
  "$(bq viewsbest "SELECT count(*) FROM best_list WHERE qtext IN ('''nguoi''', '''nguoi'' | ''người''')")"
# against the archive without lists ($V: the same articles, the same ids)
best_same() { # best_same WANT ARGS...: pages of 7 here = every match read there
  local want=$1; shift
  local full small d
  full=$(pages "$V" 100000000 1000 "$@")
  small=$(HOSO_TEST_PAGES=5 pages "$B" 5 7 "$@") # 2 pages from the list, 3 past it
  d=$(python3 - "$full" "$small" "$want" <<'PY'
import json, sys
f, s, want = json.loads(sys.argv[1]), json.loads(sys.argv[2]), sys.argv[3]
n = len(f["results"])
if n < 15 and want != "few": print("too few results to page past the list (%d)" % n)
elif s["results"] != f["results"][:35]:
    i = next((i for i, (a, b) in enumerate(zip(f["results"], s["results"])) if a != b), min(len(f["results"]), len(s["results"])))
    print("result %d differs: %s vs %s (%d vs %d results)" % (i, f["results"][i:i+1], s["results"][i:i+1], n, len(s["results"])))
elif want == "est" and not (s["estimated"] and s["articles"] == f["articles"]):
    print("estimated %s, articles %s vs %s" % (s["estimated"], s["articles"], f["articles"]))
PY
)
  [ -z "$d" ] && ok "best-article list: every page = every match read: search $*" \
    || bad "best-article list: every page = every match read: search $*" "$d"
}
best_same est "nguoi"
best_same est "người"
best_same est --articles "không"
best_same est --sources "cũng"
best_same est --fresh "nguoi"
best_same any --lang vi "nguoi" # (filters: the count scaled by the planner)
best_same few --from 2021 "nguoi"
used_list viewsbest "$B" "toneless word" "nguoi"
used_list viewsbest "$B" "toned word" "người"
used_list viewsbest "$B" "with a filter" --lang vi "người"
check "two words are not one list (ranked from the index)" "0" \
  "$(bq viewsbest "SELECT count(*) FROM best_list WHERE qtext LIKE '%&%'")"
out=$(bq views "SELECT best_lists_build()" | tail -n 1)
check "best_lists_build on an archive without enough common words: none" "0" "$out"

# The trigger: lists built on half the sample, the other half ingested by
# two processes at once; the lists still hold exactly the matches below
# their cutoffs, searches equal the ranking of every posting
# (HOSO_PG_BEST=0), and the count kept with the list (counted at build +
# the matches since) is the index's count.
pgl_psql coord postgres -c "CREATE DATABASE bestinc" >/dev/null
hoso_pg_load coord bestinc >/dev/null || bad "load hoso_pg into bestinc" "failed"
I=$(pgl_url coord bestinc)
head -n 200 demo/sample/vntc-sample.jsonl > "$PGL_DIR/best-a.jsonl"
tail -n +201 demo/sample/vntc-sample.jsonl > "$PGL_DIR/best-b.jsonl"
sed -n '1~2p' "$PGL_DIR/best-b.jsonl" > "$PGL_DIR/best-b1.jsonl"
sed -n '2~2p' "$PGL_DIR/best-b.jsonl" > "$PGL_DIR/best-b2.jsonl"
$hoso ingest --quiet --db "$I" "$PGL_DIR/best-a.jsonl" >/dev/null 2>&1 || bad "ingest half the sample" "failed"
nl=$(bq bestinc "ANALYZE article; SELECT best_lists_build(40, 40, 1000)" | tail -n 1)
[ "${nl:-0}" -ge 10 ] 2>/dev/null && ok "lists on half the sample: $nl" || bad "lists on half the sample" "made [$nl]"
before=$(bq bestinc "SELECT count(*) FROM best")
$hoso ingest --quiet --threads 1 --batch 16 --db "$I" "$PGL_DIR/best-b1.jsonl" >/dev/null 2>&1 & bp1=$!
$hoso ingest --quiet --threads 1 --batch 16 --db "$I" "$PGL_DIR/best-b2.jsonl" >/dev/null 2>&1 & bp2=$!
wait $bp1; br1=$?; wait $bp2; br2=$?
check "two ingesters adding to the lists: both exit 0" "0 0" "$br1 $br2"
check "all of the sample stored" "400" "$(bq bestinc "SELECT count(*) FROM article")"
pgl_psql coord bestinc -c "VACUUM hoso.article" >/dev/null # the index's count includes rolled-back rows until then
after=$(bq bestinc "SELECT count(*) FROM best")
[ "${after:-0}" -gt "${before:-0}" ] 2>/dev/null && ok "new articles entered the lists ($before -> $after entries)" \
  || bad "new articles entered the lists" "$before -> $after"
check "after two concurrent ingesters the lists hold exactly the matches below their cutoff" "0|0|0" "$(best_diff bestinc)"
for qq in "nguoi" "người" "không"; do
  full=$(HOSO_TEST_PAGES=5 HOSO_PG_BEST=0 python3 tests/pg/pages.py "$hoso" "$I" 5 7 "$qq")
  small=$(HOSO_TEST_PAGES=5 python3 tests/pg/pages.py "$hoso" "$I" 5 7 "$qq")
  # (the sampled facets and the story total scaled from the candidates
  # may differ: candidates tied with the C-th are picked differently)
  d=$(python3 -c 'import json,sys; f,s=json.loads(sys.argv[1]),json.loads(sys.argv[2]); print("" if f["results"]==s["results"] and f["articles"]==s["articles"] and s["estimated"] and len(f["results"])==35 else "differ: %d vs %d results, articles %s vs %s" % (len(f["results"]), len(s["results"]), f["articles"], s["articles"]))' "$full" "$small")
  [ -z "$d" ] && ok "after ingest, with the lists = without (5 pages, count): search $qq" \
    || bad "after ingest, with the lists = without: search $qq" "$d"
done
used_list bestinc "$I" "after ingest, a toneless word" "nguoi"
