#!/usr/bin/env bash
# extract_seeds.sh -- the seed reports extract as their *.expected.json
# say (title, published, authors, credit, site, captions with credits,
# body paragraphs in order, no chrome in the body, the removed footer's
# language). Checked by tools/extract_check.c through the library.
set -u
check=build/release/tools/extract_check
[ -x "$check" ] || { echo "missing $check (make release)"; exit 1; }
rc=0; n=0
for exp in "$SHARED"/fixtures/seeds/*.expected.json; do
  input=${exp%.expected.json}.txt
  [ -f "$input" ] || { echo "no input for $exp"; rc=1; continue; }
  "$check" "$exp" "$input" || rc=1
  n=$((n + 1))
done
[ $n -gt 0 ] || { echo "no seed fixtures found in $SHARED/fixtures/seeds"; exit 1; }
exit $rc
