#!/usr/bin/env bash
# run-golden.sh HOSO -- golden-file tests, curl style: tests as data.
#
# Each case is a folder tests/golden/<area>/<case>/ holding
#   cmd            one shell command line; `hoso` in it runs HOSO; it runs
#                  inside the case folder with the repo's tests/ as $TESTS
#   expected.out   what the command must print on stdout, byte for byte
#   expected.rc    (optional) the exit code; 0 when absent
# plus any input files the command reads. Set HOSO_GOLDEN_UPDATE=1 to
# rewrite expected.out from the current output (then review the diff!).
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
hoso_bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
export TESTS="$root/tests" HOSO_MODEL_DIR="${HOSO_MODEL_DIR:-$root/models}"
bindir=$(mktemp -d); trap 'rm -rf "$bindir"' EXIT
ln -s "$hoso_bin" "$bindir/hoso"
pass=0; fail=0
while IFS= read -r cmdfile; do
  dir=$(dirname "$cmdfile"); name=${dir#"$root/tests/golden/"}
  want_rc=0; [ -f "$dir/expected.rc" ] && want_rc=$(cat "$dir/expected.rc")
  out=$(cd "$dir" && PATH="$bindir:$PATH" bash -c "$(cat cmd)" 2>"$bindir/stderr"); rc=$?
  if [ "${HOSO_GOLDEN_UPDATE:-0}" = 1 ]; then
    printf '%s\n' "$out" > "$dir/expected.out"; echo "$rc" > "$dir/expected.rc"
    [ "$rc" = 0 ] && rm -f "$dir/expected.rc"
  fi
  if [ "$rc" != "$want_rc" ]; then
    echo "FAIL $name: exit $rc, want $want_rc"; sed 's/^/  stderr: /' "$bindir/stderr" | head -20
    fail=$((fail + 1)); continue
  fi
  if ! diff -u "$dir/expected.out" <(printf '%s\n' "$out") > "$bindir/diff"; then
    echo "FAIL $name: output differs"; head -40 "$bindir/diff"
    fail=$((fail + 1)); continue
  fi
  echo "ok $name"; pass=$((pass + 1))
done < <(find "$root/tests/golden" -name cmd | sort)
echo "golden: $pass passed, $fail failed"
[ $fail -eq 0 ]
