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
  HOSO_BIN=$2 HOSO_TEST_DB=$work/$1.db ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 \
    node --test --test-concurrency=1 --test-reporter=tap "$3" > "$work/$1.tap" 2>&1
  local p f
  p=$(grep -Eo '^# pass [0-9]+' "$work/$1.tap" | grep -Eo '[0-9]+$' || echo 0)
  f=$(grep -Eo '^# fail [0-9]+' "$work/$1.tap" | grep -Eo '[0-9]+$' || echo 0)
  local d
  d=$(grep -Eo '^# todo [0-9]+' "$work/$1.tap" | grep -Eo '[0-9]+$' || echo 0)
  [ -z "$p" ] && p=0; [ -z "$f" ] && f=1; [ -z "$d" ] && d=0
  if [ "$d" != 0 ]; then
    echo "---- $1: $d TODO (not counted as passed):"; grep -E '^(not )?ok .*# TODO' "$work/$1.tap" | sed 's/^/  /'
  fi
  todo=$((todo + d)); p=$((p - $(grep -Ec '^ok .*# TODO' "$work/$1.tap")))
  if [ "$f" != 0 ] || [ "$p" = 0 ]; then
    [ "$f" = 0 ] && f=1
    echo "---- $1 ($3) failed:"; grep -E '^not ok|^# |error|Error|assert|expected|actual|screenshot' "$work/$1.tap" | head -60
  fi
  pass=$((pass + p)); fail=$((fail + f))
}
run api build/asan/hoso tests/browser/api.test.mjs
run ui build/release/hoso tests/browser/ui.test.mjs
[ "$todo" != 0 ] && echo "browser: $todo tests marked TODO (see above)"
echo "browser: $pass passed, $fail failed"
[ "$fail" = 0 ]
