#!/usr/bin/env bash
# migrate_v3.sh -- an archive made by hoso with schema 3 (the search index
# held each word's fold form and, colocated, its exact form) opens, is
# migrated to schema 4 (one index term per word, "fold\x1F[exact]": every
# article's stored title and text indexed again), then 5 (LSH bands in one
# row per article, from the stored signatures) and answers as an archive
# built fresh from the same input: the same articles in the same order with
# the same scores, for words, toneless words, phrases, exclusions, prefixes.
#
# tests/store/data/archive-v3.db was made by hoso at commit 6ab54d2 (schema
# 3) with: head -6 demo/sample/vntc-sample.jsonl > v3in.jsonl;
# hoso ingest --db archive-v3.db v3in.jsonl demo/sample/seed-2021-call.txt;
# sqlite3 archive-v3.db 'PRAGMA journal_mode=DELETE; PRAGMA page_size=4096;
# VACUUM' -- 7 articles, 7 stories, 1 event.
set -u
HOSO=${HOSO:-build/release/hoso}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
num() { grep -o "\"$1\":[0-9]*" | head -1 | cut -d: -f2; }

cp tests/store/data/archive-v3.db "$tmp/m.db"
chmod a-w "$tmp/m.db"
if [ "$(id -u)" != 0 ]; then
  "$HOSO" stats --db "$tmp/m.db" > /dev/null 2> "$tmp/err" && fail "read-only v3 archive opened"
  grep -q "upgrade" "$tmp/err" || fail "no upgrade message: $(cat "$tmp/err")"
fi
chmod u+w "$tmp/m.db"
st=$("$HOSO" stats --check --db "$tmp/m.db") || fail "migrated archive fails its check"
[ "$(echo "$st" | num schema)" = 6 ] || fail "schema not 6: $st"
[ "$(echo "$st" | num articles)" = 7 ] || fail "articles: $st"
[ "$(echo "$st" | num events)" = 1 ] || fail "events: $st"

head -6 demo/sample/vntc-sample.jsonl > "$tmp/in.jsonl"
"$HOSO" ingest --quiet --db "$tmp/f.db" "$tmp/in.jsonl" demo/sample/seed-2021-call.txt > /dev/null ||
  fail "fresh ingest"
ranked() { "$HOSO" search --db "$1" --json --articles --no-facets --limit 100 -- "$2" |
             grep -o '"article":{"id":[0-9]*,"title":"[^"]*"\|"score":[-0-9.e]*'; }
for q in "quoc phong Nga" "quốc phòng Nga" "Nga" "Lương Cường" "điện đàm" "nước" \
         '"hợp tác quốc phòng"' '"hop tac quoc phong"' 'Nga -"quốc phòng"' "quan*" "quân*"; do
  a=$(ranked "$tmp/m.db" "$q"); b=$(ranked "$tmp/f.db" "$q")
  [ -n "$b" ] || fail "query '$q' finds nothing in the fresh archive"
  [ "$a" = "$b" ] || fail "query '$q' differs: migrated [$a] fresh [$b]"
done
# the migrated archive takes new articles and finds them
sed -n 7p demo/sample/vntc-sample.jsonl > "$tmp/more.jsonl"
out=$("$HOSO" ingest --quiet --json --db "$tmp/m.db" "$tmp/more.jsonl")
[ "$(echo "$out" | num added)" = 1 ] || fail "new article not added: $out"
"$HOSO" stats --check --db "$tmp/m.db" > /dev/null || fail "check after an ingest"
echo "ok: schema 3 -> 6, same ranked answers as a fresh archive"
