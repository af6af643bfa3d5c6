#!/usr/bin/env bash
# test-browser.sh -- `make test-browser`: the server over real sockets
# (tests/browser/api.test.mjs, against the ASan build) and the web page in
# Debian's Chromium (tests/browser/ui.test.mjs, Playwright), both on an
# archive built here from the bundled sample (demo/sample).
# Installs what it needs: Debian packages (scripts/debian-packages-browser.txt)
# and playwright-core from tests/browser/package-lock.json (npm ci).
# Prints "browser: N passed, N failed"; screenshots of failures go to
# build/artifacts/.
set -u
cd "$(dirname "$0")/.."
scripts/deps.sh ensure browser || exit 1
( cd tests/browser
  if [ ! -f node_modules/playwright-core/package.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    npm ci --no-audit --no-fund --loglevel=error >/dev/null || { echo "test-browser: npm ci failed" >&2; exit 1; }
  fi ) || exit 1
work=build/test-browser
rm -rf "$work"; mkdir -p "$work" build/artifacts
if ! build/release/hoso ingest --db "$work/sample.db" --quiet demo/sample > "$work/ingest.log" 2>&1; then
  echo "test-browser: cannot build the sample archive:"; tail -5 "$work/ingest.log"; exit 1
fi
pass=0; fail=0; todo=0
run() { # NAME BIN FILE
  cp "$work/sample.db" "$work/$1.db"
  rm -rf "$work/san-$1"; mkdir -p "$work/san-$1"
  # Sanitizer reports of every server the tests start go to files: a test
  # that does not check the server's exit code or stderr cannot miss one.
  HOSO_BIN=$2 HOSO_TEST_DB=$work/$1.db ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:log_path=$PWD/$work/san-$1/log \
    UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1:log_path=$PWD/$work/san-$1/log \
    node --test --test-concurrency=1 --test-reporter=tap "$3" > "$work/$1.tap" 2>&1
  local rc=$? p f
  p=$(awk '/^# pass [0-9]+$/ { s += $3 } END { print s + 0 }' "$work/$1.tap")
  f=$(awk '/^# fail [0-9]+$/ { s += $3 } END { print s + 0 }' "$work/$1.tap")
  local d
  d=$(awk '/^# todo [0-9]+$/ { s += $3 } END { print s + 0 }' "$work/$1.tap")
  [ -z "$p" ] && p=0; [ -z "$f" ] && f=1; [ -z "$d" ] && d=0
  # A cancelled test (its file or parent failed) is a failure; a skipped
  # one is named, never counted as passed.
  f=$((f + $(awk '/^# cancelled [0-9]+$/ { s += $3 } END { print s + 0 }' "$work/$1.tap")))
  grep -E '^ *ok [0-9]+ - .* # SKIP' "$work/$1.tap" | sed -E "s/^ *ok [0-9]+ - (.*) # SKIP ?(.*)/SKIPPED browser $1: \1: \2/"
  if [ "$d" != 0 ]; then
    echo "---- $1: $d TODO (not counted as passed):"; grep -E '^(not )?ok .*# TODO' "$work/$1.tap" | sed 's/^/  /'
  fi
  todo=$((todo + d)); p=$((p - $(grep -Ec '^ok .*# TODO' "$work/$1.tap")))
  if compgen -G "$work/san-$1/log*" >/dev/null; then
    echo "---- $1: sanitizer report:"; cat "$work/san-$1"/log* | head -40; [ "$f" = 0 ] && f=1
  fi
  if [ "$f" != 0 ] || [ "$p" = 0 ] || [ "$rc" != 0 ]; then
    [ "$f" = 0 ] && f=1
    echo "---- $1 ($3) failed (node exit $rc):"; grep -E '^not ok|^# |error|Error|assert|expected|actual|screenshot' "$work/$1.tap" | head -60
  fi
  pass=$((pass + p)); fail=$((fail + f))
}
run api build/asan/hoso tests/browser/api.test.mjs
run ui build/release/hoso tests/browser/ui.test.mjs
[ "$todo" != 0 ] && echo "browser: $todo tests marked TODO (see above)"
echo "browser: $pass passed, $fail failed"
[ "$fail" = 0 ]
