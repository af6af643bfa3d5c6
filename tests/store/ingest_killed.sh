#!/usr/bin/env bash
# ingest_killed.sh -- kill -9 an ingest mid-run: the archive must pass its
# integrity check, hold only whole committed batches, and a second run must
# complete it to exactly what an uninterrupted run stores.
set -u
HOSO=${HOSO:-build/release/hoso}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
# input: the bundled sample, 3 times with the article ids changed, so there
# is enough work to interrupt (the texts stay duplicates: stored once)
for i in 1 2 3; do sed "s/\"id\": \"/\"id\": \"r$i-/" demo/sample/vntc-sample.jsonl; done > "$tmp/in.jsonl"
cp demo/sample/seed-*.txt "$tmp/"

mkdir "$tmp/in" && mv "$tmp/in.jsonl" "$tmp"/seed-*.txt "$tmp/in/"
"$HOSO" ingest --quiet --db "$tmp/ref.db" "$tmp/in" > /dev/null || { echo "FAIL: reference ingest"; exit 1; }
want=$("$HOSO" stats --db "$tmp/ref.db" | grep -o '"articles":[0-9]*' | cut -d: -f2)

"$HOSO" ingest --quiet --threads 1 --batch 8 --db "$tmp/a.db" "$tmp/in" > /dev/null 2>&1 &
pid=$!
# wait for the first committed batch, then kill at once
for _ in $(seq 1 500); do
  n=$("$HOSO" stats --db "$tmp/a.db" 2>/dev/null | grep -o '"articles":[0-9]*' | cut -d: -f2)
  [ -n "$n" ] && [ "$n" -gt 0 ] && break
  sleep 0.01
done
kill -9 $pid 2>/dev/null; wait $pid 2>/dev/null
got=$("$HOSO" stats --check --db "$tmp/a.db" | grep -o '"articles":[0-9]*' | cut -d: -f2) ||
  { echo "FAIL: archive damaged after kill -9"; exit 1; }
echo "killed after $got of $want articles"
[ "$got" -gt 0 ] || { echo "FAIL: nothing committed before the kill"; exit 1; }
[ "$got" -lt "$want" ] || { echo "FAIL: the run finished before the kill (test did not interrupt)"; exit 1; }
res=$("$HOSO" ingest --quiet --json --db "$tmp/a.db" "$tmp/in") || { echo "FAIL: resume"; exit 1; }
# the resume recognises what the killed run committed before preparing it
skipped=$(echo "$res" | grep -o '"skipped":[0-9]*' | cut -d: -f2)
[ -n "$skipped" ] && [ "$skipped" -ge "$got" ] ||
  { echo "FAIL: resume skipped ${skipped:-?} documents before preparing, want >= $got: $res"; exit 1; }
end=$("$HOSO" stats --check --db "$tmp/a.db" | grep -o '"articles":[0-9]*' | cut -d: -f2)
[ "$end" = "$want" ] || { echo "FAIL: after resume $end articles, want $want"; exit 1; }
# same stories as the uninterrupted run
s1=$("$HOSO" stats --db "$tmp/ref.db" | grep -o '"stories":[0-9]*')
s2=$("$HOSO" stats --db "$tmp/a.db" | grep -o '"stories":[0-9]*')
[ "$s1" = "$s2" ] || { echo "FAIL: stories differ: $s1 vs $s2"; exit 1; }
echo "ok: resumed to $end articles ($s2)"
