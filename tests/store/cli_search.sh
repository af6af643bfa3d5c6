#!/usr/bin/env bash
# cli_search.sh -- the demo questions answer from the sample archive, and
# bad queries give a clear error (exit 2), never an SQL error or a crash.
set -u
HOSO=${HOSO:-build/release/hoso}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
db="$tmp/d.db"
"$HOSO" ingest --quiet --db "$db" demo/sample > /dev/null || { echo "FAIL: ingest"; exit 1; }
out=$("$HOSO" search --db "$db" --json "quoc phong Nga")
echo "$out" | grep -q '"total":[1-9]' || { echo "FAIL: quoc phong Nga found nothing"; exit 1; }
echo "$out" | grep -q 'hợp tác quốc phòng Việt - Nga' || { echo "FAIL: seed report not found"; exit 1; }
"$HOSO" person --db "$db" --json "Lương Cường" | grep -q '"total":[1-9]' || { echo "FAIL: person"; exit 1; }
"$HOSO" person --db "$db" --json "luong cuong" | grep -q '"entity":[0-9]' || { echo "FAIL: person toneless"; exit 1; }
"$HOSO" timeline --db "$db" --json | grep -q '"total":[1-9]' || { echo "FAIL: timeline empty"; exit 1; }
n=$("$HOSO" export --db "$db" --format jsonl | wc -l)
[ "$n" -ge 400 ] || { echo "FAIL: export gave $n lines"; exit 1; }
for q in "" "!!!" "-x" "$(head -c 10000 /dev/zero | tr '\0' 'a')"; do
  "$HOSO" search --db "$db" -- "$q" > /dev/null 2> "$tmp/err"; rc=$?
  [ $rc = 2 ] || { echo "FAIL: query '${q:0:20}' exit $rc"; exit 1; }
  grep -qi "sql\|fts5" "$tmp/err" && { echo "FAIL: SQL leaks: $(cat "$tmp/err")"; exit 1; }
done
for q in '"unbalanced' 'NEAR(a b)' 'title:x OR ^y' '*' 'a OR OR b' '("x")'; do
  "$HOSO" search --db "$db" -- "$q" > /dev/null 2> "$tmp/err"; rc=$?
  [ $rc = 0 ] || [ $rc = 2 ] || { echo "FAIL: query '$q' exit $rc"; exit 1; }
  grep -qi "sql\|fts5" "$tmp/err" && { echo "FAIL: SQL leaks: $(cat "$tmp/err")"; exit 1; }
done
echo ok
