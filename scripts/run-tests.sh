#!/usr/bin/env bash
# run-tests.sh VARIANT... -- unit tests (cmocka) and golden tests for each
# build variant (release, asan). Prints one summary line per variant and a
# final "N passed, N failed" line; exits non-zero if anything failed.
#
# Pass or fail comes from exit codes, never from parsing text: a unit
# binary fails when it exits non-zero (a failed assert, a crash, a
# sanitizer report), when it runs longer than HOSO_UNIT_TIMEOUT seconds
# (default 900), when it ran no test at all (no "[  PASSED  ] N" with N > 0
# and no failure), or when tests/unit/test_X.c has no built binary; the
# golden suite fails when scripts/run-golden.sh exits non-zero. The counts
# read from the output are only for the summary. A test cmocka skipped is
# printed as SKIPPED with its name.
set -u
cd "$(dirname "$0")/.."
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
timeout_s=${HOSO_UNIT_TIMEOUT:-900}
[ $# -gt 0 ] || { echo "usage: run-tests.sh VARIANT..."; exit 2; }
total_pass=0; total_fail=0
failed_names=()
for v in "$@"; do
  pass=0; fail=0
  for src in tests/unit/test_*.c; do
    [ -f "$src" ] || continue
    name=$(basename "$src" .c); t=build/$v/tests/$name
    if [ ! -x "$t" ]; then
      echo "---- $v $name failed: $t is not built"
      fail=$((fail + 1)); failed_names+=("$v:$name"); continue
    fi
    out=$(timeout -k 10 "$timeout_s" "$t" 2>&1); rc=$?
    p=$(awk '/^\[  PASSED  \] [0-9]+ test/ { s += $4 } END { print s + 0 }' <<<"$out")
    f=$(awk '/^\[  FAILED  \] [0-9]+ test/ { s += $4 } END { print s + 0 }' <<<"$out")
    why=""
    if [ $rc = 124 ] || [ $rc = 137 ]; then why="timed out after $timeout_s s"
    elif [ $rc != 0 ]; then why="exit $rc"
    elif [ "$f" != 0 ]; then why="$f failed test(s) but exit 0"
    elif [ "$p" = 0 ]; then why="ran no test (exit 0, no '[  PASSED  ] N test(s)' line)"
    fi
    while IFS= read -r s; do
      [ -n "$s" ] && echo "SKIPPED $v:$name: $s (cmocka skip)"
    done < <(awk '/^\[  SKIPPED \] [^0-9]/ { sub(/^\[  SKIPPED \] /, ""); print }' <<<"$out")
    if [ -n "$why" ]; then
      [ "$f" = 0 ] && f=1
      failed_names+=("$v:$name")
      echo "---- $v $name failed ($why):"; echo "$out" | tail -n 40
    fi
    pass=$((pass + p)); fail=$((fail + f))
  done
  gout=$(scripts/run-golden.sh "build/$v/hoso" 2>&1); grc=$?
  gsum=$(grep -E '^golden: [0-9]+ passed, [0-9]+ failed$' <<<"$gout" | tail -n 1)
  gp=$(awk '{ print $2 + 0 }' <<<"${gsum:-golden: 0 passed, 0 failed}")
  gf=$(awk '{ print $4 + 0 }' <<<"${gsum:-golden: 0 passed, 0 failed}")
  if [ $grc -ne 0 ]; then
    [ "$gf" = 0 ] && gf=1
    echo "---- $v golden failed (exit $grc):"
    echo "$gout" | grep -v '^ok ' | tail -n 60
    failed_names+=("$v:golden")
  fi
  pass=$((pass + gp)); fail=$((fail + gf))
  echo "$v: unit+golden: $pass passed, $fail failed"
  total_pass=$((total_pass + pass)); total_fail=$((total_fail + fail))
done
if [ ${#failed_names[@]} -gt 0 ]; then
  [ $total_fail = 0 ] && total_fail=${#failed_names[@]}
  echo "failing: ${failed_names[*]}"
fi
echo "tests: $total_pass passed, $total_fail failed"
[ ${#failed_names[@]} -eq 0 ]
