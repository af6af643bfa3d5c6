#!/usr/bin/env bash
# text-bench.sh -- `make bench` for the text core: normalize (NFC) +
# tokenize throughput of `hoso tokenize --count` on a large Vietnamese text
# built from ../shared/data/news/vntc.jsonl.gz (one article a line, the
# first BENCH_MB megabytes), next to `wc -w` on the same file in the same
# run. Each figure is the best of 3 runs, measured in CPU time (user +
# system, bash's `time`) so that other jobs on a shared machine do not
# skew the ratio; prints MB/s and the ratio.
set -eu
cd "$(dirname "$0")/.."
SHARED=${SHARED:-$(cd .. && pwd)/shared}
MB=${BENCH_MB:-100}
src="$SHARED/data/news/vntc.jsonl.gz"
out=build/bench/vi-news-${MB}mb.txt
if [ ! -f "$src" ]; then echo "bench text: SKIPPED: $src is absent"; exit 0; fi
mkdir -p build/bench
if [ ! -s "$out" ]; then
  echo "building $out from $src ..."
  zcat "$src" | python3 -c '
import sys, json
limit = int(sys.argv[1]) << 20; n = 0
out = open(sys.argv[2], "w", encoding="utf-8")
for line in sys.stdin:
    t = json.loads(line)["text"].replace("\r", " ").replace("\n", " ")
    out.write(t + "\n"); n += len(t.encode()) + 1
    if n >= limit: break
' "$MB" "$out.tmp"
  mv "$out.tmp" "$out"
fi
bytes=$(stat -c %s "$out")
best() { # best CPU time (user+sys) in microseconds of 3 runs of "$@"
  local b="" t
  for _ in 1 2 3; do
    t=$( { TIMEFORMAT='%3U %3S'; time "$@" > /dev/null; } 2>&1 | tail -n 1 |
         awk '{ printf "%d", ($1 + $2) * 1e6 }')
    if [ -z "$b" ] || [ "$t" -lt "$b" ]; then b=$t; fi
  done
  echo "$b"
}
hoso=build/release/hoso
t_hoso=$(best "$hoso" tokenize --count "$out")
t_wc=$(best env LC_ALL=C.UTF-8 wc -w "$out")
t_wcc=$(best env LC_ALL=C wc -w "$out")
mbs() { awk -v b="$bytes" -v us="$1" 'BEGIN { printf "%.1f", b / 1048576 / (us / 1e6) }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b / a }'; }
tokens=$("$hoso" tokenize --count "$out" | awk '$1 == "total" { print $2 }')
words=$(LC_ALL=C.UTF-8 wc -w < "$out")
echo "text bench: $out, $(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1048576 }') MB, $tokens tokens (wc -w: $words words)"
printf '  %-44s %8s MB/s (CPU time)\n' "hoso tokenize --count (NFC + tokenize)" "$(mbs "$t_hoso")"
printf '  %-44s %8s MB/s (CPU time)\n' "wc -w (LC_ALL=C.UTF-8)" "$(mbs "$t_wc")"
printf '  %-44s %8s MB/s (CPU time)\n' "wc -w (LC_ALL=C, bytes only)" "$(mbs "$t_wcc")"
echo "text bench: hoso / wc -w (C.UTF-8) = $(ratio "$t_hoso" "$t_wc"); hoso / wc -w (C) = $(ratio "$t_hoso" "$t_wcc") (goal: >= 0.25)"
