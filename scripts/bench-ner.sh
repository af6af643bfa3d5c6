#!/usr/bin/env bash
# bench-ner.sh HOSO -- `make bench` for entities and events: articles per
# second per core of the whole pipeline (hoso extract --entities --events,
# one process, one core) on VNTC news articles, beside extraction alone from
# the same run; and tokens per second of `hoso ner --conll` on VLSP 2016 dev.
# Competing Vietnamese NER systems (VnCoreNLP, underthesea) are not
# installable from the registries this project may use (Debian, npm), so
# their published figures are quoted, not measured.
set -u
cd "$(dirname "$0")/.."
HOSO=$1
SHARED=${SHARED:-../shared}
N=${BENCH_NER_ARTICLES:-3000}
news="$SHARED/data/news/vntc.jsonl.gz"
[ -f "$news" ] || { echo "bench-ner: $news is absent"; exit 1; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
zcat "$news" | head -n "$N" | python3 -c '
import json, sys
for line in sys.stdin:
    d = json.loads(line)
    print(json.dumps({"url": "vntc:" + d["id"], "text": d["text"]}, ensure_ascii=False))
' > "$tmp/in.jsonl"
bytes=$(stat -c %s "$tmp/in.jsonl")
cpu() { # user+sys CPU seconds of a command (bash's own timer)
  local TIMEFORMAT='%U %S'
  { time "$@" > "$tmp/out" 2>/dev/null; } 2> "$tmp/t"
  awk '{printf "%.3f", $1 + $2}' "$tmp/t"
}
"$HOSO" extract "$tmp/in.jsonl" > /dev/null 2>&1  # warm the page cache
t_x=$(cpu "$HOSO" extract "$tmp/in.jsonl")
t_all=$(cpu "$HOSO" extract --entities --events "$tmp/in.jsonl")
got=$(grep -c '"analysis"' "$tmp/out")
ents=$(grep -o '"type":"PER"' "$tmp/out" | wc -l)
evs=$(grep -o '"cameo":' "$tmp/out" | wc -l)
echo "== entities and events: $N VNTC articles ($((bytes / 1024)) KiB), one core, CPU time"
awk -v n="$got" -v tx="$t_x" -v ta="$t_all" -v e="$ents" -v v="$evs" 'BEGIN {
  printf "  extract only                     %8.0f articles/s  (%.2f s)\n", n / tx, tx
  printf "  extract + entities + events      %8.0f articles/s  (%.2f s)   goal >= 500\n", n / ta, ta
  printf "  entities+events cost             %8.2f x extraction time\n", (ta - tx) / tx
  printf "  found: %d person mentions, %d events\n", e, v }'
python3 scripts/vlsp_conll.py 2016 "$SHARED/data/vlsp2016-ner/dev.txt" | cut -f1 > "$tmp/dev.words"
words=$(grep -c . "$tmp/dev.words")
t_c=$(cpu "$HOSO" ner --conll "$tmp/dev.words")
echo "== tagger: hoso ner --conll on VLSP 2016 dev ($words words)"
awk -v w="$words" -v t="$t_c" 'BEGIN { printf "  hoso                             %8.0f words/s\n", w / t }'
echo "  VnCoreNLP / underthesea: not installable from Debian or npm, not measured"
