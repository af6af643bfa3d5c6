#!/usr/bin/env bash
# bench-server.sh -- `make bench` for `hoso serve`: wrk against the server
# on 127.0.0.1 (search and story requests/s and p99 latency) beside the
# same queries through the command line, over the bundled sample archive
# and the large archive (VNTC, ../shared/data/news, ≈84k articles); the
# threading modes side by side; then a bounded soak with bad requests
# mixed in that must end with the server healthy and the archive intact.
#
# Knobs: BENCH_SECONDS (wrk run length, default 10), SOAK_SECONDS (600: the ten minutes of issue 7),
# BENCH_LARGE_N (articles of VNTC to ingest, default all), BENCH_CONNS (32),
# BENCH_BUILD_ONLY=1 (build the archives and stop: bench-store uses the large one),
# BENCH_PARTS (which parts to run, default "archives modes soak"),
# BENCH_MODE_ROUNDS (rounds of the threading-mode comparison, default 3),
# BENCH_HOSO (the hoso binary to measure, default build/release/hoso).
# Every request goes to 127.0.0.1 only; every loop is bounded.
set -u
cd "$(dirname "$0")/.."
hoso=${BENCH_HOSO:-build/release/hoso} # another build to compare (same archives)
secs=${BENCH_SECONDS:-10}
soak=${SOAK_SECONDS:-600}
conns=${BENCH_CONNS:-32}
work=build/bench-server
mkdir -p "$work"
SHARED=${SHARED:-../shared}

start_server() { # DB [extra args] -> sets SRV_PID SRV_URL
  # emptied here, not by the child's redirection: the loop below could
  # otherwise read the previous server's URL before the child opens it
  : > "$work/serve.out"
  "$hoso" serve --db "$1" --listen 127.0.0.1:0 "${@:2}" > "$work/serve.out" 2> "$work/serve.err" &
  SRV_PID=$!
  # up to 2 minutes: the server warms every archive handle before it
  # listens (search caches and the facets' mention index)
  for _ in $(seq 1200); do
    SRV_URL=$(grep -o 'http://127\.0\.0\.1:[0-9]*/' "$work/serve.out" 2>/dev/null | head -1)
    [ -n "$SRV_URL" ] && return 0
    sleep 0.1
  done
  echo "bench-server: server did not start:"; cat "$work/serve.err"; exit 1
}
stop_server() {
  kill -TERM "$SRV_PID" 2>/dev/null; wait "$SRV_PID"; local rc=$?
  [ $rc = 0 ] || echo "bench-server: server exited $rc"
  return $rc
}
rss_kb() { awk '/^VmRSS/ {print $2}' "/proc/$1/status" 2>/dev/null || echo 0; }
# CPU time (user + system) of a process in clock ticks
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0; }

# wrk over the paths in FILE; prints "REQ_PER_S P99_MS ERRORS CPU_MS_PER_REQ"
# (the last: the server's own CPU time per answered request, which does not
# depend on how many other jobs share the cores)
run_wrk() { # FILE SECONDS [mode-label]
  local out c0 c1 hz
  hz=$(getconf CLK_TCK)
  c0=$(cpu_ticks "$SRV_PID")
  out=$(WRK_PATHS="$1" wrk -t2 -c"$conns" -d"${2}s" --timeout 30s --latency -s bench/server/paths.lua "$SRV_URL" 2>&1)
  c1=$(cpu_ticks "$SRV_PID")
  echo "$out" >> "$work/wrk.log"
  local rps p99 non2xx reqs cpr
  reqs=$(awk '/requests in/ {print $1}' <<<"$out")
  cpr=$(awk -v a="$c0" -v b="$c1" -v n="${reqs:-0}" -v hz="$hz" 'BEGIN {printf "%.3f", (n > 0 ? (b - a) * 1000 / hz / n : 0)}')
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {v=$2; if (v ~ /us$/) {sub(/us/,"",v); v=v/1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v=v*1000}; print v}' <<<"$out")
  non2xx=$(awk '/Non-2xx/ {print $NF}' <<<"$out")
  echo "${rps:-0} ${p99:-0} ${non2xx:-0} ${cpr:-0}"
}

# Build the archives (cached in build/bench-server/).
small="$work/sample.db"
if [ ! -f "$small" ]; then
  "$hoso" ingest --db "$small" --quiet demo/sample > /dev/null || { echo "bench-server: ingest of demo/sample failed"; exit 1; }
fi
large="$work/large.db"
vntc="$SHARED/data/news/vntc.jsonl.gz"
if [ ! -f "$large" ] && [ -f "$vntc" ]; then
  echo "== building the large archive from $vntc (once; cached in $large)"
  src="$vntc"
  if [ -n "${BENCH_LARGE_N:-}" ]; then
    src="$work/vntc-$BENCH_LARGE_N.jsonl"
    zcat "$vntc" | head -n "$BENCH_LARGE_N" > "$src"
  fi
  t0=$(date +%s)
  nice "$hoso" ingest --db "$large.tmp" --quiet "$src" > /dev/null && mv "$large.tmp" "$large"
  echo "   ingested in $(( $(date +%s) - t0 )) s"
fi
# BENCH_BUILD_ONLY=1: just make the archives (bench-store queries the large one)
[ "${BENCH_BUILD_ONLY:-}" = 1 ] && exit 0
parts=${BENCH_PARTS:-archives modes soak}
want() { case " $parts " in *" $1 "*) return 0 ;; esac; return 1; }
archives=("sample:$small")
[ -f "$large" ] && archives+=("large:$large")
[ -f "$large" ] || echo "== no large archive ($vntc not found): bundled sample only"

# The queries: toned and toneless, phrases, prefixes, filters.
queries=("quốc phòng" "quoc phong" "\"bộ quốc phòng\"" "hợp tác" "hop tac quoc te" "Nga" "hội đàm"
         "ký kết" "kinh tế" "giáo dục" "bóng đá" "thể thao" "công an" "giao thông" "y tế" "chính trị")
urlenc() { node -e 'process.stdout.write(encodeURIComponent(process.argv[1]))' "$1"; }

# The paths for every part: searches (toned and toneless) and the stories
# they find, per archive (the threading modes and the soak need them too).
make_paths() { # DB NAME -> $work/search.paths, $work/story-NAME.paths
  start_server "$1" --cache-mb 0
  : > "$work/search.paths"
  for q in "${queries[@]}"; do echo "/api/v1/search?q=$(urlenc "$q")&limit=10" >> "$work/search.paths"; done
  for q in "${queries[@]}"; do
    curl -s "${SRV_URL}api/v1/search?q=$(urlenc "$q")&limit=10&facets=0&snippets=0"
    echo
  done | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const ids=new Set();for(const l of s.split("\n")){try{for(const r of JSON.parse(l).results)ids.add(r.story)}catch{}}for(const i of ids)console.log("/api/v1/story/"+i)})' > "$work/story-$2.paths"
  stop_server
  [ -s "$work/story-$2.paths" ] || { echo "bench-server: no stories found in $1"; exit 1; }
}
for spec in "${archives[@]}"; do make_paths "${spec#*:}" "${spec%%:*}"; last_db=${spec#*:}; last_name=${spec%%:*}; done

want archives && printf '\n%-7s %-8s %12s %10s %10s %12s %10s %8s\n' archive what "server r/s" "p99 ms" "CPU ms/r" "CLI q/s" "p99 ms" "ratio"
want archives && for spec in "${archives[@]}"; do
  name=${spec%%:*}; db=${spec#*:}
  start_server "$db" --cache-mb 0   # cold: every answer computed by the library
  read -r s_rps s_p99 s_bad s_cpu <<<"$(run_wrk "$work/search.paths" "$secs")"
  stop_server
  # cold, and every search counts its facets (the library's facet cache off)
  HOSO_FACET_CACHE_MB=0 start_server "$db" --cache-mb 0
  read -r f_rps f_p99 f_bad f_cpu <<<"$(run_wrk "$work/search.paths" "$secs")"
  stop_server                       # restart: no search left queued in front of the stories
  start_server "$db" --cache-mb 0
  read -r t_rps t_p99 t_bad t_cpu <<<"$(run_wrk "$work/story-$name.paths" "$secs")"
  stop_server
  start_server "$db"                # default: the answer cache on, warmed by one pass
  while read -r pth; do curl -s -o /dev/null "${SRV_URL%/}$pth"; done < "$work/search.paths"
  read -r c_rps c_p99 c_bad c_cpu <<<"$(run_wrk "$work/search.paths" "$secs")"
  stop_server
  # the same through the CLI: one process per query, as a script would
  cli_times=(); n=0; t0=$(date +%s%N)
  for round in 1 2 3; do
    for q in "${queries[@]}"; do
      a=$(date +%s%N); "$hoso" search --db "$db" --json --limit 10 "$q" > /dev/null || true; b=$(date +%s%N)
      cli_times+=($(( (b - a) / 1000 ))); n=$((n + 1))
    done
  done
  t1=$(date +%s%N)
  cli_qps=$(awk -v n=$n -v ns=$((t1 - t0)) 'BEGIN {printf "%.1f", n / (ns / 1e9)}')
  cli_p99=$(printf '%s\n' "${cli_times[@]}" | sort -n | awk '{a[NR]=$1} END {i=int(NR*0.99); if (i<1) i=1; printf "%.2f", a[i]/1000}')
  story_ids=$(sed 's|.*/||' "$work/story-$name.paths" | head -16)
  st_times=(); m=0; t0=$(date +%s%N)
  for id in $story_ids; do
    a=$(date +%s%N); "$hoso" story --db "$db" "$id" > /dev/null 2>&1 || true; b=$(date +%s%N)
    st_times+=($(( (b - a) / 1000 ))); m=$((m + 1))
  done
  t1=$(date +%s%N)
  cli_sqps=$(awk -v n=$m -v ns=$((t1 - t0)) 'BEGIN {printf "%.1f", n / (ns / 1e9)}')
  cli_sp99=$(printf '%s\n' "${st_times[@]}" | sort -n | awk '{a[NR]=$1} END {i=int(NR*0.99); if (i<1) i=1; printf "%.2f", a[i]/1000}')
  printf '%-7s %-8s %12.1f %10.2f %10s %12s %10s %7.1fx\n' "$name" search "$s_rps" "$s_p99" "$s_cpu" "$cli_qps" "$cli_p99" \
    "$(awk -v a="$s_rps" -v b="$cli_qps" 'BEGIN {print (b > 0 ? a / b : 0)}')"
  printf '%-7s %-8s %12.1f %10.2f %10s %12s %10s %7.1fx\n' "$name" search-f "$f_rps" "$f_p99" "$f_cpu" "$cli_qps" "$cli_p99" \
    "$(awk -v a="$f_rps" -v b="$cli_qps" 'BEGIN {print (b > 0 ? a / b : 0)}')"
  printf '%-7s %-8s %12.0f %10.2f %10s %12s %10s %7.0fx\n' "$name" story "$t_rps" "$t_p99" "$t_cpu" "$cli_sqps" "$cli_sp99" \
    "$(awk -v a="$t_rps" -v b="$cli_sqps" 'BEGIN {print (b > 0 ? a / b : 0)}')"
  printf '%-7s %-8s %12.0f %10.2f %10s %12s %10s %7.0fx\n' "$name" "search*" "$c_rps" "$c_p99" "$c_cpu" "$cli_qps" "$cli_p99" \
    "$(awk -v a="$c_rps" -v b="$cli_qps" 'BEGIN {print (b > 0 ? a / b : 0)}')"
  [ "${s_bad:-0}" = 0 ] && [ "${f_bad:-0}" = 0 ] && [ "${t_bad:-0}" = 0 ] && [ "${c_bad:-0}" = 0 ] ||
    echo "        (non-2xx answers: search $s_bad, search-f $f_bad, story $t_bad, cached $c_bad)"
done
if want archives; then
echo "search/story: answer cache off (--cache-mb 0), every request runs the library query;"
echo "search-f: the same with the library's facet cache off too (HOSO_FACET_CACHE_MB=0): facets counted every time;"
echo "search*: the default answer cache on, warmed by one pass over the ${#queries[@]} queries (the cached path)."
echo "CLI: one 'hoso search|story' process per query, sequential."
echo "CPU ms/r: the server's CPU seconds (user + system) during the run over the requests answered;"
echo "2 cores / CPU ms/r is the rate an otherwise idle 2-core machine could serve. Load now: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "goal (issue 7, large archive): >= 5000 search r/s, p99 < 20 ms"
fi

# Threading modes on the sample archive, cache off (the choice in server.c):
# stories (light queries: the HTTP layer matters) and searches (CPU in the
# library). The modes alternate within each round so that a change in the
# machine's load falls on all of them alike; CPU ms/r (the server's own
# user+system time per answered request) is the figure that does not
# depend on how many other jobs share the cores.
if want modes; then
  echo
  rounds=${BENCH_MODE_ROUNDS:-3}
  msecs=$((secs / 2 > 2 ? secs / 2 : 3))
  echo "== threading modes (sample archive, cache off, $rounds rounds of $msecs s each, -c$conns; load $(cut -d' ' -f1-3 /proc/loadavg))"
  declare -A m_sum
  for round in $(seq "$rounds"); do
    for mode in pool epoll1 perconn; do
      start_server "$small" --mode "$mode" --cache-mb 0
      read -r a_rps a_p99 _ a_cpu <<<"$(run_wrk "$work/story-sample.paths" $msecs)"
      stop_server
      start_server "$small" --mode "$mode" --cache-mb 0
      read -r b_rps b_p99 _ b_cpu <<<"$(run_wrk "$work/search.paths" $msecs)"
      stop_server
      printf '   round %d %-8s story %8.0f r/s p99 %8.2f ms %7.3f CPU ms/r   search %6.0f r/s p99 %8.2f ms %7.3f CPU ms/r\n' \
        "$round" "$mode" "$a_rps" "$a_p99" "$a_cpu" "$b_rps" "$b_p99" "$b_cpu"
      m_sum[$mode]="${m_sum[$mode]:-} $a_rps $a_p99 $a_cpu $b_rps $b_p99 $b_cpu"
    done
  done
  echo "   median of the rounds (load now $(cut -d' ' -f1-3 /proc/loadavg)):"
  for mode in pool epoll1 perconn; do
    # shellcheck disable=SC2086
    printf '   %-8s %s\n' "$mode" "$(echo ${m_sum[$mode]} | awk '{
      n = NF / 6; for (k = 1; k <= 6; k++) { m = 0; for (r = 0; r < n; r++) v[r] = $(r * 6 + k);
        # insertion sort, then the middle value
        for (a = 1; a < n; a++) { x = v[a]; b = a - 1; while (b >= 0 && v[b] > x) { v[b + 1] = v[b]; b-- } v[b + 1] = x }
        med[k] = v[int(n / 2)] }
      printf "story %8.0f r/s p99 %8.2f ms %7.3f CPU ms/r   search %6.0f r/s p99 %8.2f ms %7.3f CPU ms/r", med[1], med[2], med[3], med[4], med[5], med[6] }')"
  done
fi

# Soak: good and bad requests mixed (wrk + soak.lua), with the clients wrk
# cannot be beside it (badclients.mjs: stalled and trickling clients, real
# bodies over the limit, malformed HTTP on raw sockets, traversal, wrong
# tokens); memory sampled; the server must stay up and answer every bad
# request with a 4xx, and the archive must be byte for byte the same
# (export digest before and after) when it has stopped.
want soak || exit 0
echo
echo "== soak: ${soak} s of wrk -c$conns (one request in three bad) + badclients.mjs; RSS sampled every 5 s"
digest() { "$hoso" export --db "$1" | sha256sum | cut -d' ' -f1; }
before_digest=$(digest "$last_db")
soak_token="soak-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
printf '%s\n' "$soak_token" > "$work/soak.token"; chmod 600 "$work/soak.token"
start_server "$last_db" --token-file "$work/soak.token"
before=$(curl -s "${SRV_URL}api/v1/stats")
cat "$work/search.paths" "$work/story-$last_name.paths" > "$work/soak.paths"
WRK_PATHS="$work/soak.paths" wrk -t2 -c"$conns" -d"${soak}s" -s bench/server/soak.lua "$SRV_URL" > "$work/soak.out" 2>&1 &
wrk_pid=$!
node bench/server/badclients.mjs "$SRV_URL" "$soak" 15 16777216 "$soak_token" > "$work/badclients.out" 2>&1 &
bad_pid=$!
rss=()
t_start=$(date +%s)
while [ $(( $(date +%s) - t_start )) -lt "$soak" ]; do sleep 5; rss+=("$(rss_kb "$SRV_PID")"); done
wait "$wrk_pid"
wait "$bad_pid"; bad_rc=$?
health=$(curl -s -o /dev/null -w '%{http_code}' "${SRV_URL}health")
after=$(curl -s "${SRV_URL}api/v1/stats")
metrics=$(curl -s "${SRV_URL}metrics")
reqs=$(awk '/requests in/ {print $1}' "$work/soak.out")
statuses=$(grep '^soak-statuses' "$work/soak.out")
first=${rss[0]:-0}; last=${rss[${#rss[@]}-1]:-0}
peak=$(printf '%s\n' "${rss[@]}" | sort -n | tail -1)
mid=${rss[$(( ${#rss[@]} / 2 ))]:-0}
echo "   wrk: $reqs requests; $statuses"
echo "   $(head -1 "$work/badclients.out")"
sed -n '2,$p' "$work/badclients.out" | head -10
echo "   cut by their deadline: $(awk '/^hoso_http_slow_clients_cut_total/ {print $2}' <<<"$metrics"); refused before routing: $(awk '/^hoso_http_rejected_total/ {print $2}' <<<"$metrics")"
echo "   RSS first/middle/last/peak: ${first}/${mid}/${last}/${peak} kB"
stop_server; src=$?
after_digest=$(digest "$last_db")
echo "   after the soak: /health $health; archive stats unchanged: $([ "$before" = "$after" ] && echo yes || echo NO);" \
  "export digest unchanged: $([ "$before_digest" = "$after_digest" ] && echo yes || echo NO); exit code $src"
ok=1
[ "$health" = 200 ] || ok=0
[ "$before" = "$after" ] || ok=0
[ "$before_digest" = "$after_digest" ] || ok=0
[ $src = 0 ] || ok=0
[ "$bad_rc" = 0 ] || { echo "   some bad client was not handled as it should be"; ok=0; }
grep -q ' 5xx=0 ' <<<"$statuses" || { echo "   5xx answers under the soak"; ok=0; }
# flat: the second half grows by less than 10% (and 8 MB) over the middle
awk -v m="$mid" -v l="$last" 'BEGIN {exit !(l <= m * 1.10 || l - m < 8192)}' || { echo "   memory grew in the second half"; ok=0; }
[ $ok = 1 ] && echo "soak: server healthy, archive intact, memory flat" || { echo "soak: FAILED"; exit 1; }
