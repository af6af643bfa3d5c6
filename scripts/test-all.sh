#!/usr/bin/env bash
# test-all.sh TARGET... -- what `make test` runs once both builds are made:
# scripts/run-tests.sh on the variants in HOSO_TEST_VARIANTS (default
# "release asan": unit + golden tests), then `$MAKE TARGET` for each TARGET
# (test-harness, test-data and every TEST_EXTRA_TARGETS suite). Every suite
# runs even when an earlier one failed, each under HOSO_SUITE_TIMEOUT
# seconds (default 2400; `timeout --foreground`, so Ctrl-C still reaches
# the suite; on expiry the suite's top process gets SIGTERM, and make
# passes it on to its recipe), its output shown as it comes and kept in
# build/test-logs/SUITE.log. The runners time out each test themselves.
#
# The end is a summary: one line per suite, "ok", "FAILED (exit N)" or
# "SKIPPED" (some or all of it), then every skip line of any suite's output
# (a line starting "SKIPPED" or "NAME: SKIPPED", then the reason), then
# "make test: ok" or "make test: FAILED: SUITE...". Pass or fail is each
# suite's exit code only; the exit code is 0 only when every suite passed.
set -u
cd "$(dirname "$0")/.."
make_cmd=${MAKE:-make}
timeout_s=${HOSO_SUITE_TIMEOUT:-2400}
logs=build/test-logs
mkdir -p "$logs" || exit 1
names=(); rcs=(); failed=()
skip_re='^(SKIPPED|[A-Za-z0-9 _+-]+: SKIPPED)'
run_suite() { # run_suite NAME COMMAND...
  local name=$1; shift
  echo "==== $name"
  timeout --foreground -k 30 "$timeout_s" "$@" 2>&1 | tee "$logs/$name.log"
  local rc=${PIPESTATUS[0]}
  names+=("$name"); rcs+=("$rc")
  [ "$rc" = 0 ] || failed+=("$name")
}
read -r -a variants <<<"${HOSO_TEST_VARIANTS:-release asan}"
run_suite unit+golden scripts/run-tests.sh "${variants[@]}"
for t in "$@"; do
  run_suite "$t" "$make_cmd" --no-print-directory "$t"
done
echo
echo "==== make test summary"
for i in "${!names[@]}"; do
  n=${names[$i]}; rc=${rcs[$i]}
  last=$(grep -E '^[a-z+ ]*(tests|[a-z]+): [0-9]+ passed, [0-9]+ failed' "$logs/$n.log" | tail -n 1)
  skips=$(grep -cE "$skip_re" "$logs/$n.log")
  if [ "$rc" != 0 ]; then
    why="exit $rc"; { [ "$rc" = 124 ] || [ "$rc" = 137 ]; } && why="timed out after $timeout_s s"
    printf '%-8s %-14s %s\n' FAILED "$n" "($why) $last"
  elif [ "$skips" != 0 ]; then
    printf '%-8s %-14s %s\n' SKIPPED "$n" "(some or all: see below) $last"
  else
    printf '%-8s %-14s %s\n' ok "$n" "$last"
  fi
done
for n in "${names[@]}"; do
  grep -hE "$skip_re" "$logs/$n.log" | sed "s|^|$n: |"
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "make test: FAILED: ${failed[*]}"
  exit 1
fi
echo "make test: ok"
