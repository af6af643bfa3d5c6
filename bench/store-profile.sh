#!/usr/bin/env bash
# store-profile.sh -- where ingest's CPU goes, by stage: `hoso ingest
# --no-analysis` (what bench-store measures) of the first N VNTC articles
# under `perf record` (call graphs), then each stage's share of all the
# CPU samples of the run (a stage's own code and everything it calls).
#
# usage: bench/store-profile.sh [N]     (default 10000; needs perf and ../shared)
# The stages (functions of src/store, src/search, src/vi):
#   reading        the JSON Lines input (main thread; store_bench reads its
#                  corpus before timing, so this is not in its figures)
#   segmentation   words of the text (hoso__words_stream_each: src/vi
#                  segmenter, normalisation, diacritic folding, the stream,
#                  and the signature as the words come)
#   of which vi    the src/vi segmenter alone (hoso_vi_segment)
#   language       the language model (hoso_langid_detect)
#   signature      MinHash, spellings, language evidence (on_word, called
#                  from the stream, so also inside segmentation's share)
#   writer: index  FTS5 inserting the words (tok_tokenize: our tokenizer
#                  reading the stream, FTS5 adding each term)
#   writer: rows   the rest of put_article (articles, stories, LSH, inputs)
#   writer: commit spellings written once per batch, FTS5 segments, WAL
#     spellings    the batch's spelling counts: the table as articles come
#                  (hoso__sq_forms_add) and the upserts at commit (flush)
#   sync, timers   futex wake-ups and waits between the threads; the stage
#                  timers (hoso__thread_cpu: clock_gettime of thread CPU)
set -u
cd "$(dirname "$0")/.."
n=${1:-10000}
SHARED=${SHARED:-../shared}
hoso=build/release/hoso
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
command -v perf > /dev/null || { echo "store-profile: perf is not installed"; exit 2; }
[ -x "$hoso" ] || { echo "store-profile: build first (make)"; exit 2; }
zcat "$SHARED/data/news/vntc.jsonl.gz" | head -n "$n" > "$work/in.jsonl"
perf record -q -F 499 --call-graph dwarf,16384 -o "$work/perf.data" \
  "$hoso" ingest --db "$work/a.db" --no-analysis --quiet --json "$work/in.jsonl" > "$work/out.json" 2> /dev/null \
  || { echo "store-profile: perf record failed (perf_event_paranoid?)"; exit 2; }
echo "hoso ingest --no-analysis, first $n VNTC articles: $(cat "$work/out.json")"
perf report -i "$work/perf.data" --children --sort sym -g none --stdio 2> /dev/null | grep -v '^#' > "$work/rep"
share() { # SYMBOL -> the largest children% of that symbol
  awk -v s="$1" 'NF >= 2 && ($NF == s || $(NF-1) == s) { v = $1; sub("%", "", v); if (v + 0 > m) m = v + 0 } END { printf "%.1f", m + 0 }' "$work/rep"
}
rd=$(share hoso__jsonl_parse); seg=$(share hoso__words_stream_each); lang=$(share hoso_langid_detect)
vi=$(share hoso_vi_segment)
sig=$(share on_word); put=$(share hoso__sq_put_article); idx=$(share tok_tokenize)
com=$(share sq_commit); prep=$(share hoso__prepare)
fadd=$(share hoso__sq_forms_add); flush=$(share hoso__sq_forms_flush)
fut=$(share __x64_sys_futex); tim=$(share hoso__thread_cpu)
printf '%-44s %6s\n' "stage (share of all CPU samples)" "%"
printf '%-44s %6s\n' "reading JSON Lines (main thread)" "$rd"
printf '%-44s %6s\n' "workers: all of preparing" "$prep"
printf '%-44s %6s\n' "  words: segmentation, forms, signature" "$seg"
printf '%-44s %6s\n' "    of which the src/vi segmenter" "$vi"
printf '%-44s %6s\n' "    of which signature, spellings" "$sig"
printf '%-44s %6s\n' "  language model" "$lang"
printf '%-44s %6s\n' "writer: storing articles" "$put"
printf '%-44s %6s\n' "  of which the FTS5 index (tokens in)" "$idx"
printf '%-44s %6s\n' "writer: commits (spellings, FTS5 segments)" "$com"
printf '%-44s %6s\n' "  of which the spellings' upserts" "$flush"
printf '%-44s %6s\n' "writer: the batch's spelling table" "$fadd"
printf '%-44s %6s\n' "futex (thread hand-over, all threads)" "$fut"
printf '%-44s %6s\n' "stage timers (thread CPU clock reads)" "$tim"
