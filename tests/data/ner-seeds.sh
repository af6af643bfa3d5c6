#!/usr/bin/env bash
# ner-seeds.sh -- every fact of both seed reports' expected files (people,
# ranks, countries, posts, organisations, places, countries, events with
# type, status, date, place, participants, object, roles, evidence; and
# the not-events) from `hoso ner`. The publication date is the one the
# extraction stage reads from the page (checked by its own test).
set -u
S="$SHARED/fixtures/seeds"
command -v python3 >/dev/null || { echo "python3 is required (scripts/debian-packages.txt)"; exit 1; }
rc=0
for f in "$S"/*.txt; do
  exp="${f%.txt}.expected.json"
  pub=$(python3 -c 'import json,sys; a=json.load(open(sys.argv[1]))["article"]; print(a.get("published") or "")' "$exp")
  args=(); [ -n "$pub" ] && args=(--date "$pub")
  out=$(mktemp)
  "$HOSO" ner "${args[@]}" "$f" > "$out" || { echo "hoso ner failed on $f"; rc=1; continue; }
  python3 tests/ner/check_expected.py "$out" "$exp" "$f" || rc=1
  rm -f "$out"
done
exit $rc
