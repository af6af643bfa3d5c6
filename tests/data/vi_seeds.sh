#!/usr/bin/env bash
# vi_seeds.sh -- `hoso segment` and `hoso tag` on both seed reports:
#  - line in, line out: as many output lines as input lines;
#  - nothing lost or invented: the output without white space and "_"
#    is the input without white space;
#  - every person's name and rank listed in the seed's expected.json is
#    one word (its syllables joined by "_"), and names are tagged PROPN.
set -u
seeds="$SHARED/fixtures/seeds"
fail=0
for txt in "$seeds"/seed-*.txt; do
  exp="${txt%.txt}.expected.json"
  name=$(basename "$txt")
  out=$("$HOSO" segment "$txt") || { echo "FAIL $name: hoso segment exit $?"; fail=1; continue; }
  tagged=$("$HOSO" tag "$txt") || { echo "FAIL $name: hoso tag exit $?"; fail=1; continue; }
  nin=$(awk 'END{print NR}' "$txt"); nout=$("$HOSO" segment "$txt" | awk 'END{print NR}')
  [ "$nin" = "$nout" ] || { echo "FAIL $name: $nin lines in, $nout out"; fail=1; }
  # white space (including no-break spaces) is not content
  a=$(sed 's/\xc2\xa0//g' "$txt" | tr -d ' \t\r\n')
  b=$(printf '%s' "$out" | sed 's/\xc2\xa0//g' | tr -d ' \t\r\n_')
  [ "$a" = "$b" ] || { echo "FAIL $name: output text differs from input text"; fail=1; }
  n=0
  while IFS= read -r w; do
    [ -n "$w" ] || continue
    n=$((n + 1))
    u=${w// /_}
    if ! grep -qE "(^| )${u}( |$)" <<<"$out"; then echo "FAIL $name: \"$w\" is not one word"; fail=1; fi
  done < <(grep -oE '"(name|rank)": *"[^"]*"' "$exp" | sed -E 's/^"(name|rank)": *"(.*)"$/\2/' | sort -u)
  [ $n -gt 0 ] || { echo "FAIL $name: no names/ranks found in $exp"; fail=1; }
  while IFS= read -r w; do
    [ -n "$w" ] || continue
    u=${w// /_}
    if ! grep -qE "(^| )${u}/PROPN( |$)" <<<"$tagged"; then echo "FAIL $name: \"$w\" not tagged PROPN"; fail=1; fi
  done < <(grep -oE '"name": *"[^"]*"' "$exp" | sed -E 's/^"name": *"(.*)"$/\1/' | sort -u)
  echo "$name: $nin lines, $n names/ranks checked"
done
exit $fail
