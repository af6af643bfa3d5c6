# tests/pg/views_topk_prepared.sh -- sourced by scripts/test-pg.sh after
# views_topk_best.sh (the archive $V, the bundled sample, with its
# best-article lists). The search path's statements are prepared once per
# connection (store/pg_stmt.c): every answer must be the one PQexecParams
# gives (HOSO_PG_PREPARE=0), after enough runs of each statement for
# PostgreSQL to switch to its generic plan (more than five), with the
# cache at its size and at 2 statements (each search then evicts and
# prepares again), with exact and with estimated totals. (Sampled facets
# count the C best-ranked matches; articles tied in rank at the C-th place
# may come in either order, so with a sample the facets are not compared:
# everything else is, byte for byte.)
pq="$PGL_DIR/prepared-queries.tsv"
printf '%s\t%s\n' "quốc phòng" "quoc phong" "Việt Nam" "Viet Nam" "hợp tác quốc phòng" "hop tac quoc phong" \
  "Nga OR Mỹ" "Nga OR My" "\"Bộ Quốc phòng\"" "\"Bo Quoc phong\"" "quân -Nga" "quan -Nga" "Hà Nội" "Ha Noi" > "$pq"
bs=build/release/tools/bench_search
for exact in 1000 5; do
  HOSO_PG_PREPARE=0 HOSO_PG_EXACT_MAX=$exact BENCH_SEARCH_DUMP="$PGL_DIR/plain.$exact" $bs "$V" "$pq" 7 >/dev/null 2>&1 \
    || bad "search without prepared statements (exact max $exact)" "bench_search failed"
  for cache in "" 2; do
    HOSO_PG_PREPARE=$cache HOSO_PG_EXACT_MAX=$exact BENCH_SEARCH_DUMP="$PGL_DIR/prep.$exact$cache" $bs "$V" "$pq" 7 >/dev/null 2>&1 \
      || bad "search with prepared statements (exact max $exact, cache ${cache:-default})" "bench_search failed"
    n=$(wc -l < "$PGL_DIR/plain.$exact")
    errs=$(grep -c $'\terror ' "$PGL_DIR/prep.$exact$cache")
    for f in plain.$exact prep.$exact$cache; do
      python3 -c '
import json, sys
for l in open(sys.argv[1], encoding="utf-8"):
    q, tag, j = l.rstrip("\n").split("\t", 2)
    if j.startswith("{"):
        d = json.loads(j)
        if "facets_sampled" in d: d.pop("facets", None)
        j = json.dumps(d, ensure_ascii=False, sort_keys=True)
    print(q, tag, j, sep="\t")' "$PGL_DIR/$f" > "$PGL_DIR/$f.cmp"
    done
    if [ "$n" -ge 98 ] && [ "$errs" = 0 ] && cmp -s "$PGL_DIR/plain.$exact.cmp" "$PGL_DIR/prep.$exact$cache.cmp"; then
      ok "prepared statements (cache ${cache:-default}, exact max $exact): the same $n answers as PQexecParams, after 7 runs of each search"
    else
      bad "prepared statements (cache ${cache:-default}, exact max $exact)" \
        "$n answers, $errs errors; $(diff "$PGL_DIR/plain.$exact.cmp" "$PGL_DIR/prep.$exact$cache.cmp" | head -c 600)"
    fi
  done
done
grep -q '"estimated":true' "$PGL_DIR/prep.5" && ok "prepared statements: the estimated path was taken (exact max 5)" \
  || bad "prepared statements: estimated path" "no estimated answer with HOSO_PG_EXACT_MAX=5"
check_has "HOSO_PG_PREPARE: a bad value is an error naming it" "HOSO_PG_PREPARE" \
  "$(HOSO_PG_PREPARE=x $hoso search --db "$V" "quoc phong" 2>&1)"
