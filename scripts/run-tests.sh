#!/usr/bin/env bash
# run-tests.sh VARIANT... -- unit tests (cmocka) and golden tests for each
# build variant (release, asan). Prints one summary line per variant and a
# final "N passed, N failed" line; exits non-zero if anything failed.
set -u
cd "$(dirname "$0")/.."
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
total_pass=0; total_fail=0
failed_names=()
for v in "$@"; do
  pass=0; fail=0
  for t in build/$v/tests/test_*; do
    [ -x "$t" ] || continue
    out=$("$t" 2>&1); rc=$?
    p=$(grep -Eo '^\[  PASSED  \] [0-9]+' <<<"$out" | grep -Eo '[0-9]+$' || echo 0)
    f=$(grep -Eo '^\[  FAILED  \] [0-9]+' <<<"$out" | grep -Eo '[0-9]+$' || echo 0)
    p=${p:-0}; f=${f:-0}
    if [ $rc -ne 0 ] && [ "$f" = 0 ]; then f=1; fi   # crashed or sanitizer report
    pass=$((pass + p)); fail=$((fail + f))
    if [ "$f" != 0 ]; then
      failed_names+=("$v:$(basename "$t")")
      echo "---- $v $(basename "$t") failed:"; echo "$out" | tail -n 40
    fi
  done
  gout=$(scripts/run-golden.sh "build/$v/hoso" 2>&1); grc=$?
  gp=$(grep -Eo '^golden: [0-9]+ passed' <<<"$gout" | grep -Eo '[0-9]+' || echo 0)
  gf=$(grep -Eo '^golden: [0-9]+ passed, [0-9]+ failed' <<<"$gout" | grep -Eo '[0-9]+ failed$' | grep -Eo '[0-9]+' || echo 0)
  gp=${gp:-0}; gf=${gf:-0}
  if [ $grc -ne 0 ]; then
    [ "$gf" = 0 ] && gf=1
    echo "$gout" | grep -v '^ok ' | tail -n 60
    failed_names+=("$v:golden")
  fi
  pass=$((pass + gp)); fail=$((fail + gf))
  echo "$v: unit+golden: $pass passed, $fail failed"
  total_pass=$((total_pass + pass)); total_fail=$((total_fail + fail))
done
[ ${#failed_names[@]} -gt 0 ] && echo "failing: ${failed_names[*]}"
echo "tests: $total_pass passed, $total_fail failed"
[ $total_fail -eq 0 ]
