#!/usr/bin/env bash
# ingest_limits.sh -- a file over the document size limit (32 MiB) and a
# JSON Lines line over the line limit (33 MiB; in the middle and at the end) are refused with a clear
# error naming the file (and line), recorded for `hoso errors`, and cost
# nothing already stored nor the other documents of the same run.
# Also: `--quiet` prints nothing on stdout (no summary), failures still go
# to stderr; `--quiet --json` still prints the counts.
set -u
HOSO=${HOSO:-build/release/hoso}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; [ -f "$db" ] && "$HOSO" errors --db "$db"; exit 1; }
db="$tmp/a.db"
# a successful quiet run says nothing at all
"$HOSO" ingest --quiet --db "$db" demo/sample/seed-2021-call.txt > "$tmp/out" 2> "$tmp/err" ||
  fail "first ingest"
[ -s "$tmp/out" ] && fail "--quiet printed on stdout: $(cat "$tmp/out")"
[ -s "$tmp/err" ] && fail "--quiet printed on stderr: $(cat "$tmp/err")"
before=$("$HOSO" stats --db "$db" | grep -o '"articles":[0-9]*' | cut -d: -f2)
[ "$before" = 1 ] || fail "1 article stored first, got $before"
# ~37 MB of real text in one file; a JSON Lines file whose 2nd line is as long
yes "Quân đội nhân dân Việt Nam tăng cường hợp tác quốc phòng với Liên bang Nga." |
  head -n 420000 > "$tmp/big.txt"
{ printf '{"text":"Tiêu đề một\\nBộ Quốc phòng Việt Nam và Nga ký biên bản ghi nhớ hợp tác."}\n'
  printf '{"text":"'; tr -d '\n' < "$tmp/big.txt"; printf '"}\n'
  printf '{"text":"Tiêu đề ba\\nThứ trưởng Bộ Quốc phòng tiếp Đại sứ Liên bang Nga tại Hà Nội."}\n'
} > "$tmp/big.jsonl"
# ... and as the last line, without a newline
{ printf '{"text":"Tiêu đề bốn\\nHải quân hai nước diễn tập chung."}\n'
  printf '{"text":"'; tr -d '\n' < "$tmp/big.txt"; printf '"}'
} > "$tmp/last.jsonl"
"$HOSO" ingest --quiet --db "$db" "$tmp/big.txt" demo/sample/seed-2025-dialogue.txt "$tmp/big.jsonl" "$tmp/last.jsonl" \
  > "$tmp/out" 2> "$tmp/err"; rc=$?
[ $rc = 1 ] || fail "exit $rc, want 1 (documents failed); stderr: $(cat "$tmp/err")"
[ -s "$tmp/out" ] && fail "--quiet printed on stdout: $(cat "$tmp/out")"
grep -q "3 of 7 documents failed" "$tmp/err" || fail "stderr does not say what failed: $(cat "$tmp/err")"
"$HOSO" errors --db "$db" > "$tmp/errors"
grep -q "big.txt: file is over the document size limit (32 MiB)" "$tmp/errors" ||
  fail "hoso errors does not name the big file and the limit: $(cat "$tmp/errors")"
grep -q "big.jsonl:2: byte [0-9]*: line too long" "$tmp/errors" ||
  fail "hoso errors does not name the long line: $(cat "$tmp/errors")"
grep -q "last.jsonl:2: byte [0-9]*: line too long" "$tmp/errors" ||
  fail "hoso errors does not name the long last line: $(cat "$tmp/errors")"
after=$("$HOSO" stats --check --db "$db" | grep -o '"articles":[0-9]*' | cut -d: -f2) ||
  fail "archive check after the refusal"
# the article stored before, the dialogue, 1st and 3rd lines, the other 1st
[ "$after" = 5 ] || fail "articles after the run: $after, want 5"
"$HOSO" search --db "$db" --no-facets "Đại sứ" | grep -q "Tiêu đề ba" || fail "the line after the long one is not searchable"
# --quiet --json: the counts, on stdout
out=$("$HOSO" ingest --quiet --json --db "$db" demo/sample/seed-2021-call.txt) || fail "rerun"
echo "$out" | grep -q '"seen":1,"added":0,"duplicates":1' || fail "--quiet --json: $out"
echo "ok: 37 MB file and 37 MB line refused ($(grep -c . "$tmp/errors") lines of errors), 5 articles kept"
