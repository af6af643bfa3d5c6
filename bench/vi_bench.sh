#!/usr/bin/env bash
# vi_bench.sh -- `make bench` for Vietnamese word segmentation (bench-vi).
# Builds >= 50 MB of real Vietnamese news text from VNTC (once, cached in
# build/bench/), then times on the same file:
#   wc -w                      (the reference: the fastest "word" splitter)
#   hoso segment --threads 1   (one core)
#   hoso segment --threads 2
# MB/s = input bytes / seconds spent segmenting (hoso: measured inside the
# process by --stats, excluding reading the file and writing output;
# wc -w: the whole command). Two clocks: wall time, and CPU time (user +
# system, all threads), which is what counts on a shared, busy machine.
# words/s counts each program's own words.
# Also prints peak memory (max RSS) and model load time (best of 5 runs).
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED=${SHARED:-$(cd .. && pwd)/shared}
HOSO=build/release/hoso
src="$SHARED/data/news/vntc.jsonl.gz"
txt=build/bench/vi-news.txt
[ -f "$src" ] || { echo "bench-vi: $src is missing"; exit 1; }
mkdir -p build/bench
if [ ! -s "$txt" ]; then build/release/tools/vi_newstext "$src" "$txt" 55; fi
bytes=$(stat -c %s "$txt")
cat "$txt" > /dev/null   # warm the page cache for every contender

TIMEFORMAT='%R %U %S'
wc_t=$( { time wc -w "$txt" > build/bench/wc.out; } 2>&1 )
wc_s=$(awk '{print $1}' <<<"$wc_t"); wc_cpu=$(awk '{print $2 + $3}' <<<"$wc_t")
wc_words=$(awk '{print $1}' build/bench/wc.out)
stat1=$("$HOSO" segment --stats --threads 1 "$txt" 2>&1 >/dev/null | grep 'stats:')
stat2=$("$HOSO" segment --stats --threads 2 "$txt" 2>&1 >/dev/null | grep 'stats:')
field() { sed -n "s/.* $1 \([0-9.]*\).*/\1/p" <<<"$2"; }
best_load=999999; best_cpu=999999
for i in 1 2 3 4 5; do
  l=$(: | "$HOSO" tag --stats 2>&1 >/dev/null | grep 'stats:')
  best_load=$(awk -v a="$best_load" -v b="$(field load_ms "$l")" 'BEGIN{print (b<a)?b:a}')
  best_cpu=$(awk -v a="$best_cpu" -v b="$(field load_cpu_ms "$l")" 'BEGIN{print (b<a)?b:a}')
done
wc_mbs=$(awk -v b="$bytes" -v s="$wc_s" 'BEGIN{printf "%.2f", b/1e6/s}')
wc_cmbs=$(awk -v b="$bytes" -v s="$wc_cpu" 'BEGIN{printf "%.2f", b/1e6/(s>0?s:1e-9)}')
echo "Vietnamese word segmentation speed -- $txt ($(awk -v b="$bytes" 'BEGIN{printf "%.1f", b/1e6}') MB of VNTC news)"
printf "%-26s %9s %9s %12s %10s %10s %8s\n" system "MB/s" "MB/cpu-s" "words/s" "vs wc -w" "(cpu)" "peak MB"
printf "%-26s %9s %9s %12s %10s %10s %8s\n" "wc -w" "$wc_mbs" "$wc_cmbs" \
  "$(awk -v w="$wc_words" -v s="$wc_s" 'BEGIN{printf "%.0f", w/s}')" "1.000" "1.000" "-"
for st in "$stat1" "$stat2"; do
  th=$(field threads "$st"); mbs=$(field mb_per_s "$st"); cmbs=$(field mb_per_cpu_s "$st")
  printf "%-26s %9s %9s %12s %10s %10s %8s\n" "hoso segment, $th thread(s)" "$mbs" "$cmbs" \
    "$(field words_per_s "$st")" "$(awk -v a="$mbs" -v b="$wc_mbs" 'BEGIN{printf "%.3f", a/b}')" \
    "$(awk -v a="$cmbs" -v b="$wc_cmbs" 'BEGIN{printf "%.3f", a/b}')" "$(field peak_rss_mb "$st")"
done
echo "load average now: $(cut -d' ' -f1-3 /proc/loadavg) (2 cores; wall-clock figures suffer when it is high)"
echo "hoso words: $(field words "$stat1") (wc -w: $wc_words); load of all three models (hoso tag): ${best_load} ms wall, ${best_cpu} ms CPU (best of 5)"
