#!/usr/bin/env bash
# ner-seeds.sh -- every fact of both seed reports' expected files (people:
# name, rank, country, posts; organisations, places, countries; events:
# type, status, date, place, participants, object, roles, evidence; the
# not-events) through the whole pipeline, `hoso extract --entities
# --events`, and through `hoso ner` on the raw text with the publication
# date the extraction found.
set -u
S="$SHARED/fixtures/seeds"
command -v python3 >/dev/null || { echo "python3 is required (scripts/debian-packages.txt)"; exit 1; }
rc=0
for f in "$S"/*.txt; do
  exp="${f%.txt}.expected.json"
  out=$(mktemp)
  echo "-- hoso extract --entities --events $(basename "$f")"
  "$HOSO" extract --entities --events "$f" > "$out" || { echo "hoso extract failed on $f"; rc=1; }
  python3 tests/ner/check_expected.py "$out" "$exp" "$f" || rc=1
  pub=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1])).get("published") or "")' "$out")
  args=(); [ -n "$pub" ] && args=(--date "$pub")
  echo "-- hoso ner ${args[*]} $(basename "$f")"
  "$HOSO" ner "${args[@]}" "$f" > "$out" || { echo "hoso ner failed on $f"; rc=1; }
  python3 tests/ner/check_expected.py "$out" "$exp" "$f" || rc=1
  rm -f "$out"
done
exit $rc
