#!/usr/bin/env bash
# run-data-tests.sh -- the suite that reads ../shared (large data, seed
# fixtures). Each tests/data/*.sh is one test script: it exits 0 (pass),
# 1 (fail) and prints why. When ../shared is absent the suite says so and
# counts nothing: everything inside the repo is covered by `make test`.
set -u
cd "$(dirname "$0")/.."
SHARED=${SHARED:-$(cd .. && pwd)/shared}
export SHARED HOSO="$PWD/build/release/hoso" HOSO_MODEL_DIR="$PWD/models"
if [ ! -d "$SHARED/fixtures" ]; then
  echo "data tests: SKIPPED ENTIRELY: $SHARED is absent (these tests need ../shared)"
  exit 0
fi
pass=0; fail=0
for t in tests/data/*.sh; do
  [ -f "$t" ] || continue
  if out=$(bash "$t" 2>&1); then
    pass=$((pass + 1)); echo "ok $(basename "$t")"
  else
    fail=$((fail + 1)); echo "FAIL $(basename "$t")"; echo "$out" | tail -n 30 | sed 's/^/  /'
  fi
done
echo "data tests: $pass passed, $fail failed"
[ $fail -eq 0 ]
