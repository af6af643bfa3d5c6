#!/usr/bin/env bash
# demo.sh -- what `make demo` runs after the build: ingest the bundled
# sample (seed reports + 400 VNTC articles) into build/demo.db and ask it
# a few questions, then serve it. HOSO_DEMO_DB changes the archive file
# (tests/demo/run.sh uses a scratch one).
set -eu
cd "$(dirname "$0")/.."
hoso=build/release/hoso
db=${HOSO_DEMO_DB:-build/demo.db}
echo "== hoso $($hoso --version)"
echo "== hoso ingest --db $db demo/sample/"
$hoso ingest --db "$db" demo/sample/ || [ $? -eq 1 ]   # 1 = some documents failed (listed by hoso errors)
echo "== hoso search --db $db \"quoc phong Nga\""
$hoso search --db "$db" --limit 3 "quoc phong Nga"
echo "== hoso timeline --db $db"
$hoso timeline --db "$db" --limit 10
echo "== hoso person --db $db \"Lương Cường\""
$hoso person --db "$db" --limit 5 "Lương Cường"
# The server stage: serve the demo archive (JSON API + web page) until
# Ctrl-C. HOSO_LISTEN changes the address (default 127.0.0.1:8080).
listen=${HOSO_LISTEN:-127.0.0.1:8080}
echo "== hoso serve --db $db --listen $listen   (Ctrl-C stops it)"
exec $hoso serve --db "$db" --listen "$listen"
