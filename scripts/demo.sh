#!/usr/bin/env bash
# demo.sh -- what `make demo` runs after the build. Until the archive
# exists, it runs the text pipeline over the bundled sample and prints it.
set -eu
cd "$(dirname "$0")/.."
hoso=build/release/hoso
echo "== hoso $($hoso --version)"
for f in demo/sample/*.txt; do
  [ -f "$f" ] || continue
  echo "== $f"
  head -c 400 "$f"; echo
done
