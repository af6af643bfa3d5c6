#!/usr/bin/env bash
# run-golden.sh HOSO -- golden-file tests, curl style: tests as data.
#
# Each case is a folder tests/golden/<area>/<case>/ holding
#   cmd            one shell command line; `hoso` in it runs HOSO; it runs
#                  inside the case folder with the repo's tests/ as $TESTS,
#                  under `bash -o pipefail` (a failing command anywhere in a
#                  pipe fails the case unless expected.rc says otherwise)
#   expected.out   what the command must print on stdout, byte for byte
#   expected.rc    (optional) the exit code; 0 when absent
# plus any input files the command reads. Set HOSO_GOLDEN_UPDATE=1 to
# rewrite expected.out from the current output (then review the diff!).
#
# A case fails when its exit code or output differs, when it runs longer
# than HOSO_GOLDEN_TIMEOUT seconds (default 300), when a sanitizer (ASan,
# UBSan, LSan) reports anything in any process it started (reports go to
# files, so a redirect or `|| true` in cmd cannot hide them), or when its
# folder has an expected.out but no cmd, or an empty cmd. Running no case
# at all is a failure too. HOSO_GOLDEN_DIR (default tests/golden) is where
# the cases are (the harness self-test points it elsewhere).
# The last line is always "golden: N passed, N failed"; the exit code is 0
# only when nothing failed.
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
gdir=${HOSO_GOLDEN_DIR:-$root/tests/golden}
gdir=$(cd "$gdir" && pwd) || { echo "golden: no folder $gdir"; echo "golden: 0 passed, 1 failed"; exit 1; }
[ -e "$1" ] || { echo "golden: no binary $1"; echo "golden: 0 passed, 1 failed"; exit 1; }
hoso_bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
timeout_s=${HOSO_GOLDEN_TIMEOUT:-300}
export TESTS="$root/tests" HOSO_MODEL_DIR="${HOSO_MODEL_DIR:-$root/models}"
bindir=$(mktemp -d); trap 'rm -rf "$bindir"' EXIT
ln -s "$hoso_bin" "$bindir/hoso"
mkdir "$bindir/san"
# Sanitizer reports of every process a case starts go to $bindir/san/log.PID.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}log_path=$bindir/san/log"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:+$UBSAN_OPTIONS:}log_path=$bindir/san/log"
export LSAN_OPTIONS="${LSAN_OPTIONS:+$LSAN_OPTIONS:}log_path=$bindir/san/log"
pass=0; fail=0
failed=()
bad() { # bad NAME WHY
  echo "FAIL $1: $2"; fail=$((fail + 1)); failed+=("$1")
}
# A folder with an expected.out is a case: it must have a cmd.
while IFS= read -r exp; do
  dir=$(dirname "$exp")
  [ -f "$dir/cmd" ] || bad "${dir#"$gdir/"}" "expected.out but no cmd file"
done < <(find "$gdir" -name expected.out | sort)
while IFS= read -r cmdfile; do
  dir=$(dirname "$cmdfile"); name=${dir#"$gdir/"}
  if ! grep -q '[^[:space:]]' "$cmdfile"; then bad "$name" "empty cmd"; continue; fi
  want_rc=0; [ -f "$dir/expected.rc" ] && want_rc=$(cat "$dir/expected.rc")
  rm -f "$bindir"/san/*
  out=$(cd "$dir" && PATH="$bindir:$PATH" timeout -k 5 "$timeout_s" bash -o pipefail -c "$(cat cmd)" 2>"$bindir/stderr"); rc=$?
  if [ "${HOSO_GOLDEN_UPDATE:-0}" = 1 ]; then
    printf '%s\n' "$out" > "$dir/expected.out"; echo "$rc" > "$dir/expected.rc"
    [ "$rc" = 0 ] && rm -f "$dir/expected.rc"
  fi
  if compgen -G "$bindir/san/log*" >/dev/null; then
    bad "$name" "sanitizer report (exit $rc)"; cat "$bindir"/san/log* | head -40 | sed 's/^/  /'
    continue
  fi
  if [ "$rc" = 124 ] || [ "$rc" = 137 ]; then
    bad "$name" "timed out after ${timeout_s} s (exit $rc)"; continue
  fi
  if [ "$rc" != "$want_rc" ]; then
    bad "$name" "exit $rc, want $want_rc"; sed 's/^/  stderr: /' "$bindir/stderr" | head -20
    continue
  fi
  if ! diff -u "$dir/expected.out" <(printf '%s\n' "$out") > "$bindir/diff" 2>&1; then
    bad "$name" "output differs"; head -40 "$bindir/diff"
    continue
  fi
  echo "ok $name"; pass=$((pass + 1))
done < <(find "$gdir" -name cmd | sort)
if [ $((pass + fail)) -eq 0 ]; then bad "golden" "no case found under $gdir"; fi
[ $fail -gt 0 ] && echo "golden failing: ${failed[*]}"
echo "golden: $pass passed, $fail failed"
[ $fail -eq 0 ]
