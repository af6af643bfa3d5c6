#!/usr/bin/env bash
# ingest_warc.sh -- the ingest WARC reader (src/store/inputs.c): pages
# (response), plain text (conversion) and metadata records, with a damaged
# record header and a record whose Content-Length is wrong in the middle.
# Each bad record is listed by 'hoso errors' with the file and its byte
# offset; every good record before and after it is stored; the same file
# gzipped gives the same archive; a rerun stores nothing new.
set -u
KEEP=${KEEP:-}
HOSO=${HOSO:-build/release/hoso}
tmp=$(mktemp -d); [ -n "$KEEP" ] || trap 'rm -rf "$tmp"' EXIT; [ -n "$KEEP" ] && echo "$tmp"
fail() { echo "FAIL: $*"; exit 1; }

# an HTML page from a text file: first line the title, the rest paragraphs
page() {
  printf 'HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n'
  awk 'NR==1 { printf "<html><head><title>%s</title></head><body><article><h1>%s</h1>\n", $0, $0; next }
       NF { printf "<p>%s</p>\n", $0 }
       END { print "</article></body></html>" }' "$1"
}
rec() { # TYPE URI FILE: one well-formed record
  local n; n=$(wc -c < "$3")
  printf 'WARC/1.0\r\nWARC-Type: %s\r\nWARC-Target-URI: %s\r\nContent-Length: %d\r\n\r\n' "$1" "$2" "$n"
  cat "$3"; printf '\r\n\r\n'
}
# four different articles: the two seed reports as pages, two sample texts
tail -n +2 demo/sample/seed-2021-call.txt > "$tmp/a.txt"
tail -n +2 demo/sample/seed-2025-dialogue.txt > "$tmp/b.txt"
page "$tmp/a.txt" > "$tmp/a.http"; page "$tmp/b.txt" > "$tmp/b.http"
sed -n 10p demo/sample/vntc-sample.jsonl | sed 's/.*"text": "//; s/", ".*//; s/\\n/\n/g' > "$tmp/c.txt"
sed -n 20p demo/sample/vntc-sample.jsonl | sed 's/.*"text": "//; s/", ".*//; s/\\n/\n/g' > "$tmp/d.txt"
[ "$(wc -c < "$tmp/c.txt")" -gt 200 ] && [ "$(wc -c < "$tmp/d.txt")" -gt 200 ] || fail "sample texts"
printf 'software: test\r\n' > "$tmp/info"

w="$tmp/in.warc"
rec warcinfo "" "$tmp/info" > "$w"
rec response "http://example.vn/a" "$tmp/a.http" >> "$w"
bad3=$(wc -c < "$w")                      # not a record at all
printf 'this line is not a WARC header\r\nnor this\r\n\r\n' >> "$w"
rec conversion "http://example.vn/c" "$tmp/c.txt" >> "$w"
bad1=$(wc -c < "$w")                      # a damaged header
printf 'WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 12x\r\n\r\ngarbage\r\n\r\n' >> "$w"
rec response "http://example.vn/b" "$tmp/b.http" >> "$w"
bad2=$(wc -c < "$w")                      # Content-Length 300 bytes too long
n=$(( $(wc -c < "$tmp/d.txt") + 300 ))
printf 'WARC/1.0\r\nWARC-Type: conversion\r\nWARC-Target-URI: http://example.vn/x\r\nContent-Length: %d\r\n\r\n' "$n" >> "$w"
cat "$tmp/d.txt" >> "$w"; printf '\r\n\r\n' >> "$w"
rec conversion "http://example.vn/d" "$tmp/d.txt" >> "$w"   # after all of it

out=$("$HOSO" ingest --quiet --json --db "$tmp/a.db" "$w"); rc=$?
[ $rc = 1 ] || fail "ingest exit $rc, want 1 (some documents failed): $out"
echo "$out" | grep -q '"added":4,' || fail "want 4 articles added: $out"
echo "$out" | grep -q '"failed":3,' || fail "want 3 failures: $out"
errs=$("$HOSO" errors --json --db "$tmp/a.db")
for off in $bad1 $bad2 $bad3; do
  echo "$errs" | grep -q "\"offset\":$off," || fail "no error at byte $off: $errs"
done
echo "$errs" | grep -q 'in.warc:record' || fail "errors do not name the file and record: $errs"
echo "$errs" | grep -q 'Content-Length' || fail "no Content-Length message: $errs"
"$HOSO" stats --check --db "$tmp/a.db" > /dev/null || fail "archive check"
# the records after the damage are there and searchable
for u in example.vn/a example.vn/b example.vn/c example.vn/d; do
  "$HOSO" export --db "$tmp/a.db" --format csv | grep -q "$u" || fail "$u not stored"
done

# gzip: same articles, same error offsets (uncompressed)
gzip -c "$w" > "$tmp/in.warc.gz"
out=$("$HOSO" ingest --quiet --json --db "$tmp/g.db" "$tmp/in.warc.gz")
echo "$out" | grep -q '"added":4,' || fail "gzip: want 4 added: $out"
errs=$("$HOSO" errors --json --db "$tmp/g.db")
for off in $bad1 $bad2 $bad3; do
  echo "$errs" | grep -q "\"offset\":$off," || fail "gzip: no error at byte $off"
done

# a rerun: nothing new, the stored records are recognised before extraction
out=$("$HOSO" ingest --quiet --json --db "$tmp/a.db" "$w")
echo "$out" | grep -q '"added":0,' || fail "rerun added articles: $out"
echo "$out" | grep -q '"skipped":4,' || fail "rerun did not skip the 4 stored records: $out"
echo "$out" | grep -q '"prepared":0,' || fail "rerun prepared documents: $out"
echo "ok: 4 records stored around 3 damaged ones (errors at bytes $bad1, $bad2, $bad3)"
