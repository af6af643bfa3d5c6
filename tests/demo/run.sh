#!/usr/bin/env bash
# tests/demo/run.sh -- `make test-demo`: runs `make demo` itself, as the README
# tells a user to, into a scratch archive on a free loopback port, and checks
# what the user is promised: the sample is ingested, the CLI questions print
# answers, the server answers /health and a toneless search over HTTP, and the
# server listens on 127.0.0.1. Exit 0 pass, 1 fail.
set -u
cd "$(dirname "$0")/../.."
make_cmd=${MAKE:-make}
tmp=$(mktemp -d) || exit 1
pid=
cleanup() { [ -n "$pid" ] && kill -TERM -- -"$pid" 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT
trap 'exit 1' TERM INT
fail() { echo "test-demo: FAIL: $*"; echo "---- make demo output"; cat "$tmp/out"; exit 1; }

# setsid: the demo's make, demo.sh and the server share one process group
# that the cleanup stops together.
HOSO_DEMO_DB="$tmp/demo.db" HOSO_LISTEN=127.0.0.1:0 \
  setsid "$make_cmd" --no-print-directory demo > "$tmp/out" 2>&1 < /dev/null &
pid=$!

port=
for _ in $(seq 1800); do   # up to 180 s: a cold build may happen first
  port=$(grep -o 'http://127\.0\.0\.1:[0-9]*/' "$tmp/out" | head -1 | sed 's|.*:\([0-9]*\)/|\1|')
  [ -n "$port" ] && break
  kill -0 "$pid" 2>/dev/null || fail "make demo exited before serving"
  sleep 0.1
done
[ -n "$port" ] || fail "no server address printed within 180 s"

get() { # get PATH -> response body on stdout (HTTP/1.0 over bash's /dev/tcp)
  local body
  exec 3<>"/dev/tcp/127.0.0.1/$port" || return 1
  printf 'GET %s HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' "$1" >&3
  body=$(timeout 20 cat <&3) || { exec 3<&-; return 1; }
  exec 3<&-
  printf '%s\n' "$body" | sed '1,/^\r\{0,1\}$/d'
}

n_ok=0
check() { # check NAME CONDITION-RESULT
  if [ "$2" = 0 ]; then n_ok=$((n_ok + 1)); echo "ok   $1"; else fail "$1"; fi
}

grep -q '^== hoso ingest' "$tmp/out"; check "ingest step ran" $?
[ -s "$tmp/demo.db" ]; check "archive written to HOSO_DEMO_DB" $?
# the three CLI questions print answers ("N stories", "N events", a dossier)
grep -Eq '^[1-9][0-9]* stories \([1-9][0-9]* articles\)' "$tmp/out"; check "CLI search printed stories" $?
grep -Eq '^[1-9][0-9]* events' "$tmp/out"; check "CLI timeline printed events" $?
grep -q '^Lương Cường (person)' "$tmp/out" && grep -Eq '^[1-9][0-9]* articles' "$tmp/out"
check "CLI person dossier printed articles" $?
health=$(get /health); echo "$health" | grep -q '"ok"\|ok'; check "/health answers" $?
ans=$(get '/api/v1/search?q=quoc+phong&limit=5')
total=$(printf '%s' "$ans" | grep -o '"total": *[0-9]*' | head -1 | grep -o '[0-9]*$')
[ "${total:-0}" -gt 0 ]; check "toneless search 'quoc phong' finds articles over HTTP (total ${total:-none})" $?
printf '%s' "$ans" | grep -q 'quốc phòng\|Quốc phòng'; check "the answer shows the toned words" $?
hex=$(printf '%04X' "$port")
addr=$(awk -v h="$hex" '$4 == "0A" { split($2, a, ":"); if (a[2] == h) print a[1] }' /proc/net/tcp | head -1)
[ "$addr" = 0100007F ]; check "server listens on 127.0.0.1 (kernel says ${addr:-nothing})" $?
echo "demo tests: $n_ok passed, 0 failed"
