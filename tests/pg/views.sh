# tests/pg/views.sh -- sourced by scripts/test-pg.sh: every read command
# of the PostgreSQL backend against the SQLite backend on the same archive
# (the bundled sample, ingested into both in the same order): the JSON
# (or CSV/Markdown) outputs must be the same, key for key. Only the
# storage clock ("added", "at") and, for searches, the ranking (bm25 vs
# ts_rank_cd: rank, score, best article, snippet) are left out of the
# comparison; see tests/pg/samejson.py. Then `hoso serve --db
# postgresql://...` answers the API as the server on SQLite does.

pgl_psql coord postgres -c "CREATE DATABASE views" >/dev/null
hoso_pg_load coord views >/dev/null || bad "load hoso_pg into views" "failed"
V=$(pgl_url coord views)
vs="$PGL_DIR/views.db"
$hoso ingest --quiet --db "$vs" demo/sample/ >/dev/null 2>&1
$hoso ingest --quiet --db "$V" demo/sample/ >/dev/null 2>&1 \
  || bad "ingest the sample into views" "failed"
check "the search vector made by hoso = to_tsvector('vietnamese') on every article" "0" \
  "$(pgl_psql coord views -c "SELECT count(*) FROM hoso.article WHERE tsv IS DISTINCT FROM
     setweight(to_tsvector('vietnamese', coalesce(title, '')), 'A') || to_tsvector('vietnamese', text)")"
check "and the archive holds them all" "402" "$(pgl_psql coord views -c "SELECT count(*) FROM hoso.article WHERE length(tsv) > 0")"
same() { # same MODE ARGS... : MODE - (JSON), search (JSON, unranked), raw
  local mode=$1; shift
  $hoso "$@" --db "$vs" >"$PGL_DIR/v-s.out" 2>&1
  $hoso "$@" --db "$V" >"$PGL_DIR/v-p.out" 2>&1
  local d
  if [ "$mode" = raw ]; then
    d=$(cmp "$PGL_DIR/v-s.out" "$PGL_DIR/v-p.out" 2>&1)
  else
    d=$(python3 tests/pg/samejson.py "$PGL_DIR/v-s.out" "$PGL_DIR/v-p.out" \
        $([ "$mode" = search ] && echo --search) 2>&1)
  fi
  # an empty or failed output on both sides proves nothing
  if [ $(wc -c < "$PGL_DIR/v-s.out") -lt 20 ]; then bad "same: $*" "SQLite printed almost nothing: $(cat "$PGL_DIR/v-s.out")"
  elif [ -z "$d" ]; then ok "same as SQLite: $*"
  else bad "same as SQLite: $*" "$d"; fi
}
same - stats
same - article 1
same - article 2 --original
same - article 300 --original
same - story 5
same - timeline --json
same - timeline --json --limit 1000 quan
same - timeline --json --type visit
same - timeline --json --from 2020 --to 2021-06
same - timeline --json --person "Lương Cường"
same - person --json "Lương Cường"
same - person --json --limit 100 Putin
same - person --json "Nguyễn Văn Không Có"
same - org --json --limit 100 "Bộ Quốc phòng"
same - org --json --offset 2 --limit 3 "bo quoc phong"
same - suggest --json ng
same - suggest --json --kind org bo
same - suggest --json --kind person --limit 3 "Lương"
same - errors --json
same - export quoc phong
same - export --person "Lương Cường"
same raw export --format csv Nga
same raw export --format md Việt Nam
same - export --from 2021 --outlet baonga.com
for qq in "quoc phong" "quốc phòng" '"hợp tác quốc phòng"' "Nga OR Mỹ" "bóng đá -Việt" "kinh*" "Thượng tướng"; do
  same search search --json --limit 1000 "$qq"
done
same search search --json --limit 1000 --type visit
same search search --json --limit 1000 --person "Luong Cuong" quân
same search search --json --limit 1000 --org "Bộ Quốc phòng"
same search search --json --limit 1000 --outlet VNE --lang vi "kinh tế"
same search search --json --limit 1000 --articles quốc phòng
# filters only (no words): every score ties, so the order is the same too
same - search --json --limit 5 --from 2021 --lang vi
# snippets: the same words highlighted in the same article
snip() { python3 -c 'import json,sys; d=json.load(sys.stdin); r=[x for x in d["results"] if x["article"]["id"]==int(sys.argv[1])]; print(json.dumps(r[0]["snippet"] if r else None))' "$1"; }
check "snippet of the seed report: same text and highlights" \
  "$($hoso search --json --limit 1000 --db "$vs" "Lương Cường" | snip 1)" \
  "$($hoso search --json --limit 1000 --db "$V" "Lương Cường" | snip 1)"
check_has "snippet highlights the name" '"highlights":[[' \
  "$($hoso search --json --limit 1000 --db "$V" "Lương Cường" | snip 1 | tr -d ' ')"
out=$($hoso timeline --json --from 2021-13 --db "$V" 2>&1); rc=$?
check_has "bad date: the SQLite backend's message" "bad --from date '2021-13'" "$out"

# ---- hoso serve --db postgresql://... ---------------------------------
fetch() { python3 -c 'import sys, urllib.request
sys.stdout.write(urllib.request.urlopen(sys.argv[1], timeout=30).read().decode())' "$1" 2>/dev/null; }
sp=$(pgl_free_port); ss=$(pgl_free_port)
$hoso serve --db "$V" --listen 127.0.0.1:$sp --threads 2 >"$PGL_DIR/serve-pg.log" 2>&1 &
srv_pg=$!
$hoso serve --db "$vs" --listen 127.0.0.1:$ss --threads 2 >"$PGL_DIR/serve-sq.log" 2>&1 &
srv_sq=$!
up=0
for i in $(seq 1 100); do
  fetch "http://127.0.0.1:$sp/api/v1/stats" >/dev/null 2>&1 \
    && fetch "http://127.0.0.1:$ss/api/v1/stats" >/dev/null 2>&1 && { up=1; break; }
  sleep 0.1
done
[ $up = 1 ] && ok "hoso serve --db postgresql://... answers" \
  || bad "hoso serve --db postgresql://..." "not up: $(tail -n 3 "$PGL_DIR/serve-pg.log")"
api_same() { # api_same MODE PATH
  fetch "http://127.0.0.1:$ss$2" >"$PGL_DIR/a-s.out"
  fetch "http://127.0.0.1:$sp$2" >"$PGL_DIR/a-p.out"
  local d
  d=$(python3 tests/pg/samejson.py "$PGL_DIR/a-s.out" "$PGL_DIR/a-p.out" \
      $([ "$1" = search ] && echo --search) 2>&1)
  if [ $(wc -c < "$PGL_DIR/a-s.out") -lt 20 ]; then bad "API $2" "SQLite server printed almost nothing"
  elif [ -z "$d" ]; then ok "API same as on SQLite: $2"
  else bad "API same as on SQLite: $2" "$d"; fi
}
api_same - "/api/v1/article/1"
api_same - "/api/v1/story/7"
api_same - "/api/v1/timeline?limit=50"
api_same - "/api/v1/person/L%C6%B0%C6%A1ng%20C%C6%B0%E1%BB%9Dng"
api_same - "/api/v1/suggest?q=ng"
api_same search "/api/v1/search?q=quoc%20phong&limit=100"
api_same search "/api/v1/search?q=Nga&type=visit&limit=100"
total=$(fetch "http://127.0.0.1:$sp/api/v1/search?q=quoc%20phong" | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])' 2>&1)
[ "${total:-0}" -gt 0 ] 2>/dev/null && ok "API search on PostgreSQL finds stories ($total)" || bad "API search" "total [$total]"
# The answer cache watches the SQLite file; on a PostgreSQL archive it is
# keyed by the store's change state (tests/pg/serve_cache.sh), so the
# server keeps it and still sees another process's ingest.
check "serve on PostgreSQL keeps the answer cache" "" \
  "$(grep 'answer cache off' "$PGL_DIR/serve-pg.log")"
articles() { fetch "http://127.0.0.1:$sp/api/v1/stats" \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["articles"])' 2>&1; }
n0=$(articles); n0=$(articles) # twice: a cache would answer the second
printf '%s\n' "Tin mới về hợp tác quốc phòng" "" \
  "Hai bên đã trao đổi về hợp tác quốc phòng trong thời gian tới, theo nguồn tin riêng của phóng viên." \
  >"$PGL_DIR/new-article.txt"
$hoso ingest --quiet --db "$V" "$PGL_DIR/new-article.txt" >/dev/null 2>&1 \
  || bad "ingest one more article while serving" "failed"
check "the PostgreSQL server sees another process's ingest" "$((n0 + 1))" "$(articles)"
kill $srv_pg $srv_sq 2>/dev/null
wait $srv_pg $srv_sq 2>/dev/null
