#!/usr/bin/env bash
# compare-archive-output.sh OLD_HOSO NEW_HOSO [EXTRA_INPUT...] -- for a
# refactoring: ingest demo/sample (and any extra inputs, e.g. a .jsonl)
# plus some broken records with both binaries, run every archive verb in
# text and --json form (and their error paths), and diff the outputs
# (ingest times and timestamps masked). Exit 0 when all are identical.
# OLD_HOSO: e.g. build/release/hoso copied before the change.
set -u
old=$1; new=$2; shift 2
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d) # KEEP=1 keeps it (the path is printed) to look at the outputs
if [ -n "${KEEP:-}" ]; then echo "outputs in $work" >&2; else trap 'rm -rf "$work"' EXIT; fi
printf 'not json\n{"text": "\\ud800 lone"}\n{"text":"x\\u0000y Hà Nội"}\n{"html": 5}\n' > "$work/bad.jsonl"
printf '\xff\xfe bad utf8\n' > "$work/bad.txt"
dump() { # BIN OUTDIR [EXTRA_INPUT...]
  local B=$1 O=$2
  shift 2
  mkdir -p "$O"
  export HOSO_DB=$O/a.db HOSO_MODEL_DIR=$root/models
  "$B" ingest "$root/demo/sample" "$@" "$work/bad.jsonl" "$work/bad.txt" > "$O/ingest" 2>&1
  for q in "quoc phong" "Nga" "Việt Nam" "hợp tác" "hanoi OR moskva" "-nga quân"; do
    for f in "" "--json" "--articles" "--limit 3 --offset 2" "--fresh --sources" "--lang vi" "--from 2020 --to 2025-12"; do
      echo "== search $f $q"; "$B" search $f -- $q; echo "rc $?"
    done
  done > "$O/search" 2>&1
  for f in "" "--json" "--type call" "--from 2021 --to 2021" "--limit 5 --offset 1"; do
    echo "== timeline $f"; "$B" timeline $f; echo "rc $?"; "$B" timeline $f quoc phong; echo "rc $?"
  done > "$O/timeline" 2>&1
  for v in person org; do for n in "Hoàng Xuân Chiến" "Hoang Xuan Chien" "Bộ Quốc phòng" "Nobody Here"; do
    for f in "" "--json" "--limit 2"; do echo "== $v $f $n"; "$B" $v $f "$n"; echo "rc $?"; done
  done; done > "$O/dossier" 2>&1
  for f in "" "--json" "--limit 2 --offset 1"; do echo "== errors $f"; "$B" errors $f; echo "rc $?"; done > "$O/errors" 2>&1
  for p in Ho Ng Bo Vi; do for f in "" "--json" "--kind person" "--kind org --limit 3"; do
    echo "== suggest $f $p"; "$B" suggest $f $p; echo "rc $?"; done; done > "$O/suggest" 2>&1
  { "$B" stats; for i in 1 2 3 5 8 13; do "$B" story $i; "$B" article $i; done
    for f in jsonl csv md; do "$B" export --format $f; done; } > "$O/records" 2>&1
  { "$B" person; "$B" search --limit x; "$B" timeline --bogus; "$B" errors --db; "$B" suggest
    "$B" stats --check; echo "rc $?"; "$B" story 99999; echo "rc $?"; "$B" article 0; echo "rc $?"
    for v in search timeline errors person org stats suggest story; do "$B" $v --db /nonexistent/x.db quoc; echo "rc $?"; done
    "$B" search --from 2021-13 quoc; echo "rc $?"; "$B" person --offset -1 x; echo "rc $?"; } > "$O/misc" 2>&1
  rm -f "$O"/a.db*
}
dump "$old" "$work/old" "$@"
dump "$new" "$work/new" "$@"
mask() { sed -E 's/20[0-9-]{8}T[0-9:]{8}Z//g; s/in [0-9.]+s \([0-9.]+ MB\/s, [0-9]+ articles\/s\)//' "$1"; }
same=0; diff=0
for f in "$work"/old/*; do
  b=$(basename "$f")
  if cmp -s <(mask "$f") <(mask "$work/new/$b"); then same=$((same + 1))
  else diff=$((diff + 1)); echo "DIFF $b:"; diff <(mask "$f") <(mask "$work/new/$b") | head -n 10; fi
done
echo "compare: $same outputs identical, $diff differ"
[ $diff = 0 ]
