#!/usr/bin/env bash
# run-data-tests.sh -- the suite that reads ../shared (large data, seed
# fixtures). Each tests/data/*.sh is one test script: it exits 0 (pass),
# 1 (fail) and prints why. When ../shared is absent the suite says so and
# counts nothing: everything inside the repo is covered by `make test`.
# A script fails when it exits non-zero or runs longer than
# HOSO_DATA_TIMEOUT seconds (default 1800). HOSO_DATA_TESTS (default
# tests/data) is where the scripts are (the harness self-test points it
# elsewhere). An empty folder is a failure, not a pass.
set -u
cd "$(dirname "$0")/.."
SHARED=${SHARED:-$(cd .. && pwd)/shared}
export SHARED HOSO="$PWD/build/release/hoso" HOSO_MODEL_DIR="$PWD/models"
if [ ! -d "$SHARED/fixtures" ]; then
  echo "data tests: SKIPPED ENTIRELY: $SHARED is absent (these tests need ../shared)"
  exit 0
fi
timeout_s=${HOSO_DATA_TIMEOUT:-1800}
pass=0; fail=0; failed=()
for t in "${HOSO_DATA_TESTS:-tests/data}"/*.sh; do
  [ -f "$t" ] || continue
  out=$(timeout -k 10 "$timeout_s" bash "$t" 2>&1); rc=$?
  if [ $rc = 0 ]; then
    pass=$((pass + 1)); echo "ok $(basename "$t")"
  else
    why="exit $rc"; { [ $rc = 124 ] || [ $rc = 137 ]; } && why="timed out after $timeout_s s"
    fail=$((fail + 1)); failed+=("$(basename "$t")")
    echo "FAIL $(basename "$t") ($why)"; echo "$out" | tail -n 30 | sed 's/^/  /'
  fi
done
if [ $((pass + fail)) = 0 ]; then
  fail=1; failed+=("(no script in ${HOSO_DATA_TESTS:-tests/data})")
fi
[ $fail -gt 0 ] && echo "data tests failing: ${failed[*]}"
echo "data tests: $pass passed, $fail failed"
[ $fail -eq 0 ]
