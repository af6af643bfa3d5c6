#!/usr/bin/env bash
# tests/harness/run.sh -- the test runners' own test (make test-harness,
# part of make test). In a scratch copy of the repository's layout holding
# one passing unit test, one passing golden case and one passing data
# script, it injects one fault at a time -- a failing assert, a crash, a
# sanitizer error hidden behind `|| true`, a hang, a test binary that runs
# nothing, a changed expected.out whose output says "0 failed", a missing
# or empty cmd, a failing command inside a pipe, a data script that exits 1,
# an extra suite that fails -- and checks that scripts/run-tests.sh,
# run-golden.sh, run-data-tests.sh and test-all.sh exit non-zero and name
# the failing test in their last lines; and that the clean copy passes, so
# a runner that always fails cannot pass this test either.
# Prints "ok NAME" / "FAIL NAME: why" and "harness: N passed, N failed".
set -u
repo=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d) || exit 1
trap 'rm -rf "$work"' EXIT
pass=0; fail=0; failed=()
ok() { pass=$((pass + 1)); echo "ok $1"; }
bad() { fail=$((fail + 1)); failed+=("$1"); echo "FAIL $1: $2"; }

# A fake cmocka binary NAME in variant v: prints OUTPUT, runs SHELL-LINE,
# exits RC (only its output and exit code matter to the runner).
unit() { # unit REPO NAME RC OUTPUT [SHELL-LINE]
  : > "$1/tests/unit/$2.c"
  { printf '#!/usr/bin/env bash\n'; printf 'printf %%s %q\n' "$4"; printf '%s\n' "${5:-:}"; printf 'exit %s\n' "$3"; } \
    > "$1/build/v/tests/$2"
  chmod +x "$1/build/v/tests/$2"
}
golden() { # golden REPO NAME CMD EXPECTED
  mkdir -p "$1/tests/golden/h/$2"
  printf '%s\n' "$3" > "$1/tests/golden/h/$2/cmd"
  printf '%s\n' "$4" > "$1/tests/golden/h/$2/expected.out"
}
PASS_OUT=$'[==========] Running 1 test(s).\n[ RUN      ] t\n[       OK ] t\n[==========] 1 test(s) run.\n[  PASSED  ] 1 test(s).\n'
# The clean copy: one passing test of each kind.
fresh() { # fresh NAME -> prints the new copy's path
  local r=$work/$1
  mkdir -p "$r/scripts" "$r/tests/unit" "$r/tests/data" "$r/build/v/tests" "$r/shared/fixtures"
  cp "$repo/scripts/run-tests.sh" "$repo/scripts/run-golden.sh" "$repo/scripts/run-data-tests.sh" \
     "$repo/scripts/test-all.sh" "$r/scripts/"
  printf '#!/bin/sh\nprintf "%%s\\n" "$*"\n' > "$r/build/v/hoso"; chmod +x "$r/build/v/hoso"
  unit "$r" test_good 0 "$PASS_OUT"
  golden "$r" good 'hoso hello' 'hello'
  printf 'echo fine\n' > "$r/tests/data/good.sh"
  printf 'test-data:\n\t@SHARED=%s scripts/run-data-tests.sh\n' "$r/shared" > "$r/Makefile"
  echo "$r"
}
# expect NAME RC-WANT(0|fail) NEEDLE COMMAND...: run COMMAND in the copy;
# its exit code must be 0 (or non-zero for "fail") and its last 3 lines
# must contain NEEDLE.
expect() {
  local name=$1 want=$2 needle=$3; shift 3
  local out rc
  out=$(cd "$r" && HOSO_UNIT_TIMEOUT=60 HOSO_GOLDEN_TIMEOUT=60 HOSO_DATA_TIMEOUT=60 \
        HOSO_TEST_VARIANTS=v MAKEFLAGS= "$@" 2>&1); rc=$?
  if [ "$want" = 0 ] && [ $rc != 0 ]; then bad "$name" "exit $rc, want 0; output:"; echo "$out" | tail -n 8 | sed 's/^/    /'; return; fi
  if [ "$want" = fail ] && [ $rc = 0 ]; then bad "$name" "exit 0, want a failure; output:"; echo "$out" | tail -n 8 | sed 's/^/    /'; return; fi
  if ! tail -n 3 <<<"$out" | grep -qF -- "$needle"; then
    bad "$name" "the last lines do not say '$needle':"; echo "$out" | tail -n 8 | sed 's/^/    /'; return
  fi
  ok "$name"
}

# ---- the clean copy passes every runner ---------------------------------
r=$(fresh clean)
expect "clean copy: run-tests.sh passes" 0 "tests: 2 passed, 0 failed" scripts/run-tests.sh v
expect "clean copy: run-data-tests.sh passes" 0 "data tests: 1 passed, 0 failed" env SHARED="$r/shared" scripts/run-data-tests.sh
expect "clean copy: test-all.sh passes" 0 "make test: ok" scripts/test-all.sh test-data

# ---- unit tests -----------------------------------------------------------
r=$(fresh unit-assert)
unit "$r" test_bad 1 $'[ RUN      ] t\n[  FAILED  ] t\n[  ERROR   ] --- 0x1 != 0x2\n[  FAILED  ] 1 test(s), listed below:\n[  FAILED  ] t\n'
expect "unit: failing assert" fail "failing: v:test_bad" scripts/run-tests.sh v
r=$(fresh unit-failed-exit0)
unit "$r" test_bad 0 $'[  PASSED  ] 3 test(s).\n[  FAILED  ] 1 test(s), listed below:\n'
expect "unit: a failure reported with exit 0" fail "failing: v:test_bad" scripts/run-tests.sh v
r=$(fresh unit-nothing)
unit "$r" test_bad 0 ''
expect "unit: exits 0 without running a test" fail "failing: v:test_bad" scripts/run-tests.sh v
r=$(fresh unit-zero)
unit "$r" test_bad 0 $'[==========] 0 test(s) run.\n[  PASSED  ] 0 test(s).\n'
expect "unit: ran 0 tests" fail "failing: v:test_bad" scripts/run-tests.sh v
r=$(fresh unit-crash)
unit "$r" test_bad 0 "$PASS_OUT" 'kill -SEGV $$'
expect "unit: crash (SIGSEGV)" fail "failing: v:test_bad" scripts/run-tests.sh v
r=$(fresh unit-hang)
unit "$r" test_bad 0 "$PASS_OUT" 'sleep 60'
expect "unit: hang (timeout)" fail "failing: v:test_bad" env HOSO_UNIT_TIMEOUT=1 scripts/run-tests.sh v
r=$(fresh unit-unbuilt)
: > "$r/tests/unit/test_unbuilt.c"
expect "unit: a test source without a binary" fail "failing: v:test_unbuilt" scripts/run-tests.sh v
r=$(fresh unit-words)
unit "$r" test_words 0 $'golden: 7 passed, 1 failed\ntests: 9 passed, 0 failed\n[  PASSED  ] 2 test(s).\n[  PASSED  ] 1 test(s).\n'
expect "unit: two cmocka groups, output with 'passed'/'failed' words" 0 "tests: 5 passed, 0 failed" scripts/run-tests.sh v
r=$(fresh unit-skip)
unit "$r" test_skip 0 $'[  PASSED  ] 1 test(s).\n[  SKIPPED ] 1 test(s), listed below:\n[  SKIPPED ] needs_x\n'
out=$(cd "$r" && scripts/run-tests.sh v 2>&1)
grep -q '^SKIPPED v:test_skip: needs_x' <<<"$out" && ok "unit: a cmocka skip is printed as SKIPPED" \
  || bad "unit: a cmocka skip is printed as SKIPPED" "$(tail -n 3 <<<"$out")"

# ---- golden cases ---------------------------------------------------------
r=$(fresh golden-diff)
golden "$r" words 'echo "ok h/good"; echo "golden: 9 passed, 0 failed"; echo "tests: 1 passed, 0 failed"' 'something else'
expect "golden: changed output that says 'passed'/'ok'" fail "failing: v:golden" scripts/run-tests.sh v
expect "golden: the runner names the case" fail "golden failing: h/words" scripts/run-golden.sh build/v/hoso
r=$(fresh golden-rc)
golden "$r" rc 'hoso x; exit 3' 'x'
expect "golden: wrong exit code" fail "golden failing: h/rc" scripts/run-golden.sh build/v/hoso
r=$(fresh golden-pipe)
golden "$r" pipe 'hoso x | false | cat' ''
expect "golden: a failing command inside a pipe" fail "golden failing: h/pipe" scripts/run-golden.sh build/v/hoso
r=$(fresh golden-nocmd)
mkdir -p "$r/tests/golden/h/nocmd"; echo x > "$r/tests/golden/h/nocmd/expected.out"
expect "golden: expected.out without cmd" fail "golden failing: h/nocmd" scripts/run-golden.sh build/v/hoso
r=$(fresh golden-emptycmd)
golden "$r" empty '' ''
expect "golden: empty cmd" fail "golden failing: h/empty" scripts/run-golden.sh build/v/hoso
r=$(fresh golden-noexp)
golden "$r" noexp 'hoso x' 'x'; rm "$r/tests/golden/h/noexp/expected.out"
expect "golden: cmd without expected.out" fail "golden failing: h/noexp" scripts/run-golden.sh build/v/hoso
r=$(fresh golden-hang)
golden "$r" hang 'sleep 60; hoso x' 'x'
expect "golden: hang (timeout)" fail "golden failing: h/hang" env HOSO_GOLDEN_TIMEOUT=1 scripts/run-golden.sh build/v/hoso
r=$(fresh golden-none)
rm -rf "$r/tests/golden/h"; mkdir -p "$r/tests/golden"
expect "golden: no case at all" fail "golden: 0 passed, 1 failed" scripts/run-golden.sh build/v/hoso
r=$(fresh golden-nobin)
rm "$r/build/v/hoso"
expect "golden: no hoso binary" fail "failing: v:golden" scripts/run-tests.sh v
# A real AddressSanitizer error in a program the case runs, its stderr
# thrown away and its exit code ignored: the report file still fails it.
if printf '#include <stdlib.h>\nint main(int c, char **v) { (void)v; char *p = malloc(4); p[c + 3] = 1; free(p); return 0; }\n' \
     > "$work/overflow.c" && cc -fsanitize=address -g -o "$work/overflow" "$work/overflow.c" 2>"$work/cc.err"; then
  r=$(fresh golden-asan)
  cp "$work/overflow" "$r/build/v/overflow"
  golden "$r" asan '"$TESTS/../build/v/overflow" 2>/dev/null || true; hoso x' 'x'
  expect "golden: ASan error behind 2>/dev/null || true" fail "golden failing: h/asan" scripts/run-golden.sh build/v/hoso
else
  bad "golden: ASan error" "cannot build the ASan test program: $(head -3 "$work/cc.err")"
fi

# ---- data scripts -------------------------------------------------------
r=$(fresh data-fail)
printf 'echo "all 3 passed, 0 failed"; exit 1\n' > "$r/tests/data/bad.sh"
expect "data: a script that exits 1" fail "data tests failing: bad.sh" env SHARED="$r/shared" scripts/run-data-tests.sh
r=$(fresh data-hang)
printf 'sleep 60\n' > "$r/tests/data/hang.sh"
expect "data: hang (timeout)" fail "data tests failing: hang.sh" env HOSO_DATA_TIMEOUT=1 SHARED="$r/shared" scripts/run-data-tests.sh
r=$(fresh data-none)
rm "$r/tests/data/good.sh"
expect "data: no script at all" fail "data tests: 0 passed, 1 failed" env SHARED="$r/shared" scripts/run-data-tests.sh
r=$(fresh data-noshared)
expect "data: ../shared absent is SKIPPED, not silent" 0 "SKIPPED" env SHARED="$r/absent" scripts/run-data-tests.sh

# ---- test-all.sh: every suite runs, the summary names failures and skips --
r=$(fresh all-extra)
printf 'test-bad:\n\t@echo "x: 0 passed, 0 failed"; exit 1\ntest-late:\n\t@echo "late suite ran"\n' >> "$r/Makefile"
expect "make test: a failing extra suite" fail "make test: FAILED: test-bad" scripts/test-all.sh test-data test-bad test-late
grep -q 'late suite ran' "$r/build/test-logs/test-late.log" 2>/dev/null \
  && ok "make test: suites after a failure still run" || bad "make test: suites after a failure still run" "test-late did not run"
r=$(fresh all-unit)
unit "$r" test_bad 1 ''
expect "make test: a failing unit test" fail "make test: FAILED: unit+golden" scripts/test-all.sh test-data
r=$(fresh all-skip)
printf 'test-skip:\n\t@echo "SKIPPED frob: no frobnicator here"; echo "gizmo: SKIPPED ENTIRELY: no gizmo"\n' >> "$r/Makefile"
printf 'test-words:\n\t@echo "ok the word SKIPPED in a test name"\n' >> "$r/Makefile"
out=$(cd "$r" && HOSO_TEST_VARIANTS=v MAKEFLAGS= scripts/test-all.sh test-skip test-words 2>&1)
sum=$(sed -n '/^==== make test summary/,$p' <<<"$out")
grep -q '^test-skip: SKIPPED frob: no frobnicator here' <<<"$sum" && grep -q '^test-skip: gizmo: SKIPPED ENTIRELY: no gizmo' <<<"$sum" \
  && grep -q '^SKIPPED *test-skip' <<<"$sum" \
  && ok "make test: a skip is in the summary with its reason" \
  || bad "make test: a skip is in the summary with its reason" "$(tail -n 5 <<<"$out")"
grep -q '^ok *test-words' <<<"$sum" && ! grep -q 'test-words: ok the word' <<<"$sum" \
  && ok "make test: the word SKIPPED inside a line is not a skip" \
  || bad "make test: the word SKIPPED inside a line is not a skip" "$(tail -n 5 <<<"$out")"

[ $fail -gt 0 ] && echo "harness failing: ${failed[*]}"
echo "harness: $pass passed, $fail failed"
[ $fail -eq 0 ] && [ $pass -gt 0 ]
