#!/usr/bin/env bash
# events-picks.sh -- tests/ner/events-vntc/pick_reports.py, run on the VNTC
# news in ../shared, picks exactly the reports of dev4 (session 5's
# criteria), dev5 (session 6's, with --word-trigger), dev6 (session 7: dev5's
# criteria, dev5 skipped too) and dev7 (session 8: dev6's criteria plus
# --foreign, dev6 skipped too), and each picked
# excerpt is byte for byte the text committed in the split.
set -u
D=tests/ner/events-vntc
SRC="$SHARED/data/news/vntc.jsonl.gz"
[ -f "$SRC" ] || { echo "events-picks: $SRC is absent"; exit 1; }
rc=0
check() {  # check SPLIT N ARGS...
  local split=$1 n=$2; shift 2
  local out; out=$(mktemp -d)
  python3 -B "$D/pick_reports.py" "$@" "$SRC" "$n" "$out" > "$out/ids" || { echo "pick_reports.py failed ($split)"; rc=1; return; }
  if ! diff <(sort "$out/ids") <(cd "$D/$split" && ls *.txt | sed 's/\.txt$//' | sort) > /dev/null; then
    echo "FAIL $split: picked ids differ from the committed split"; rc=1
  else
    local f; for f in "$D/$split"/*.txt; do
      cmp -s "$f" "$out/$(basename "$f")" || { echo "FAIL $split: $(basename "$f") differs from the picked excerpt"; rc=1; }
    done
    echo "ok $split: $(wc -l < "$out/ids") reports picked again, texts identical"
  fi
  rm -rf "$out"
}
check dev4 34 --skip dev,dev2,dev3,test
check dev5 40 --skip dev,dev2,dev3,dev4,test --word-trigger
check dev6 45 --skip dev,dev2,dev3,dev4,dev5,test --word-trigger
check dev7 45 --skip dev,dev2,dev3,dev4,dev5,dev6,test --word-trigger --foreign
exit $rc
