#!/usr/bin/env bash
# model_change.sh -- a new segmentation model changes no duplicate decision.
# The content hash and the MinHash signature (schema 6) are of the text's
# syllables, not of the segmenter's words (it was until session 7: re-ingesting after a model
# retraining stored 3 of 7 documents again). Here the "other model" is no
# segmentation model at all (a model folder without vi-seg.model: ingest
# then indexes syllables), which changes every multi-syllable word:
#   - the same documents ingested with and without the model give archives
#     whose search indexes differ but whose content hashes, MinHash
#     signatures and LSH rows (syllable 3-shingles since schema 6) are equal;
#   - the same texts, reformatted (paragraphs separated by blank lines, so
#     two spaces after full stops, so their bytes and input keys are new), ingested after the model changed
#     in either direction, are all recognised: 0 added.
set -u
KEEP=${KEEP:-}
HOSO=${HOSO:-build/release/hoso}
tmp=$(mktemp -d); [ -n "$KEEP" ] || trap 'rm -rf "$tmp"' EXIT; [ -n "$KEEP" ] && echo "$tmp"
fail() { echo "FAIL: $*"; exit 1; }
num() { grep -o "\"$1\":[0-9]*" | head -1 | cut -d: -f2; }

mkdir "$tmp/noseg"
for f in models/*; do
  [ "$(basename "$f")" = vi-seg.model ] || ln -s "$PWD/$f" "$tmp/noseg/"
done
head -20 demo/sample/vntc-sample.jsonl > "$tmp/in.jsonl"
cp demo/sample/seed-2021-call.txt "$tmp/seed.txt"
# the same texts with new bytes: every line break doubled, and two spaces
# after each sentence's full stop
sed 's/\\n/\\n\\n/g; s/\. /.  /g' "$tmp/in.jsonl" > "$tmp/re.jsonl"
sed 's/$/\n/' "$tmp/seed.txt" > "$tmp/re.txt"
cmp -s "$tmp/in.jsonl" "$tmp/re.jsonl" && fail "reformatting changed nothing"

ingest() { # db, model dir ("" = the repo's), files...
  local db=$1 dir=$2; shift 2
  HOSO_MODEL_DIR=$dir "$HOSO" ingest --quiet --json --no-analysis --db "$db" "$@"
}
out=$(ingest "$tmp/syl.db" "$tmp/noseg" "$tmp/in.jsonl" "$tmp/seed.txt") || fail "ingest without the model: $out"
[ "$(echo "$out" | num added)" = 21 ] || fail "syllable archive: $out"
out=$(ingest "$tmp/words.db" "" "$tmp/in.jsonl" "$tmp/seed.txt") || fail "ingest with the model: $out"
[ "$(echo "$out" | num added)" = 21 ] || fail "word archive: $out"

# the segmentation did change: the two search indexes differ
idx() { sqlite3 "$1" "SELECT hex(block) FROM fts_data ORDER BY id" | md5sum; }
[ "$(idx "$tmp/syl.db")" != "$(idx "$tmp/words.db")" ] ||
  fail "the search indexes are the same: the model change changed nothing"
# ... and no content hash, MinHash signature or LSH row did
hashes() { sqlite3 "$1" "SELECT id, content_hash FROM article ORDER BY id"; }
[ "$(hashes "$tmp/syl.db")" = "$(hashes "$tmp/words.db")" ] ||
  fail "content hashes depend on the segmentation model"
sigs() { sqlite3 "$1" "SELECT a.id, hex(a.minhash), hex(l.bands) FROM article a JOIN lsh l ON l.article_id = a.id ORDER BY a.id"; }
[ "$(sigs "$tmp/syl.db" | wc -l)" = 21 ] || fail "signatures: $(sigs "$tmp/syl.db" | wc -l) rows"
[ "$(sigs "$tmp/syl.db")" = "$(sigs "$tmp/words.db")" ] ||
  fail "MinHash signatures depend on the segmentation model"

# reformatted texts after the model changed: recognised, nothing added
out=$(ingest "$tmp/syl.db" "" "$tmp/re.jsonl" "$tmp/re.txt")
[ "$(echo "$out" | num prepared)" = 21 ] || fail "not prepared again (input keys?): $out"
[ "$(echo "$out" | num duplicates)" = 21 ] || fail "syllables -> words: $out"
[ "$(echo "$out" | num added)" = 0 ] || fail "syllables -> words added: $out"
out=$(ingest "$tmp/words.db" "$tmp/noseg" "$tmp/re.jsonl" "$tmp/re.txt")
[ "$(echo "$out" | num duplicates)" = 21 ] || fail "words -> syllables: $out"
[ "$(echo "$out" | num added)" = 0 ] || fail "words -> syllables added: $out"
"$HOSO" stats --check --db "$tmp/syl.db" > /dev/null || fail "check"
echo "ok: 21 documents, segmentation changed both ways, 0 added, same content hashes and signatures"
