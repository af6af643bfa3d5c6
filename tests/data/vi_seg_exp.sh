#!/usr/bin/env bash
# vi_seg_exp.sh -- the segmenter's training tools on a small slice of the
# real data (a few seconds):
#  - train_seg and train_pos --seed: the default is the seed `make models`
#    uses (--seed=<that seed> gives the same bytes), another seed gives
#    another model, and a seed that is not a number > 0 is refused;
#  - vi_seg_exp scores dev with the trained hashed model exactly as the
#    runtime model that train_seg converts it into does (same dev figures
#    as train_seg --dev), prints a line per seed, their mean, the ensemble,
#    and with --classes how many dev tokens have a class.
# VI_TOOLS_BIN runs another build's tools (e.g. build/asan/tools).
set -u
bin="${VI_TOOLS_BIN:-$(dirname "$0")/../../build/release/tools}"
D="$SHARED/data"
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
fail=0
mkdir -p "$t/s/vi-ud-vtb" "$t/s/vlsp2013-pos/train" "$t/s/vlsp2013-ws/train" "$t/s/lexicons" \
  "$t/a" "$t/b" "$t/c"
conllu_range() { awk -v a="$2" -v b="$3" 'BEGIN{RS=""; ORS="\n\n"} NR>a && NR<=b' "$1"; }
conllu_range "$D/vi-ud-vtb/vi_vtb-ud-train.conllu" 0 300 > "$t/s/vi-ud-vtb/vi_vtb-ud-train.conllu"
conllu_range "$D/vi-ud-vtb/vi_vtb-ud-dev.conllu" 0 60 > "$t/s/vi-ud-vtb/vi_vtb-ud-dev.conllu"
conllu_range "$D/vi-ud-vtb/vi_vtb-ud-test.conllu" 0 5 > "$t/s/vi-ud-vtb/vi_vtb-ud-test.conllu"
cp "$D/vlsp2013-pos/train/10-0001.pos" "$t/s/vlsp2013-pos/train/"
cp "$D/vlsp2013-ws/train/Trainset-Segmentation-1/100067.seg" "$t/s/vlsp2013-ws/train/"
ln -s "$D/lexicons/RDRsegmenter_VnVocab" "$t/s/lexicons/RDRsegmenter_VnVocab"

train() { # DIR SEEDARG: train_seg (--dev) + train_pos into DIR
  local dir=$1; shift
  "$bin/train_seg" "$t/s" "$dir" 3 0.02 --dev "$@" > /dev/null 2> "$dir/seg.err" ||
    { echo "FAIL: train_seg $* exit $?"; tail -3 "$dir/seg.err"; exit 1; }
  "$bin/train_pos" "$t/s" "$dir" 3 0.05 "$@" > /dev/null 2> "$dir/pos.err" ||
    { echo "FAIL: train_pos $* exit $?"; tail -3 "$dir/pos.err"; exit 1; }
}
train "$t/a"
"$bin/train_seg" "$t/s" "$t/b" 3 0.02 --seed=20130101 > /dev/null 2>&1 || { echo "FAIL: train_seg --seed=20130101"; exit 1; }
"$bin/train_pos" "$t/s" "$t/b" 3 0.05 --seed=20130102 > /dev/null 2>&1 || { echo "FAIL: train_pos --seed=20130102"; exit 1; }
for f in vi-seg.model vi-pos.model; do
  cmp -s "$t/a/$f" "$t/b/$f" || { echo "FAIL: $f: the default seed is not the one --seed names"; fail=1; }
done
train "$t/c" --seed=7
for f in vi-seg.model vi-pos.model; do
  cmp -s "$t/a/$f" "$t/c/$f" && { echo "FAIL: $f: --seed=7 gives the default seed's model"; fail=1; }
done
for bad in 0 -1 abc 12x ''; do
  "$bin/train_seg" "$t/s" "$t/c" 1 0.02 --seed="$bad" > /dev/null 2>&1 && { echo "FAIL: train_seg --seed='$bad' accepted"; fail=1; }
  "$bin/train_pos" "$t/s" "$t/c" 1 0.05 --seed="$bad" > /dev/null 2>&1 && { echo "FAIL: train_pos --seed='$bad' accepted"; fail=1; }
done

# the experiment tool's dev figure for train_seg's seed is train_seg's own
want=$(sed -nE 's/^dev: P ([0-9.]+) R ([0-9.]+) F1 ([0-9.]+);.*/P \1 R \2 F1 \3/p' "$t/a/seg.err")
"$bin/vi_seg_exp" "$t/s" "$t/a" 3 0.02 --seeds=20130101,7 --ensemble > "$t/e1.out" 2> "$t/e1.err" ||
  { echo "FAIL: vi_seg_exp exit $?"; tail -3 "$t/e1.err"; exit 1; }
got=$(sed -nE 's/^seed 20130101 +dev (P [0-9.]+ R [0-9.]+ F1 [0-9.]+) .*/\1/p' "$t/e1.out")
[ -n "$want" ] && [ "$want" = "$got" ] || { echo "FAIL: train_seg --dev '$want', vi_seg_exp '$got'"; fail=1; }
grep -qE '^seed 7 +dev P [0-9.]+ R [0-9.]+ F1 [0-9.]+ \([1-9][0-9]* features\)$' "$t/e1.out" || { echo "FAIL: no line for seed 7"; fail=1; }
grep -qE '^dev F1 over 2 seeds: mean [0-9.]+, sd [0-9.]+, range [0-9.]+-[0-9.]+$' "$t/e1.out" || { echo "FAIL: no mean over the seeds"; fail=1; }
grep -qE '^ensemble of the 2 seeds: dev P [0-9.]+ R [0-9.]+ F1 [0-9.]+$' "$t/e1.out" || { echo "FAIL: no ensemble figure"; fail=1; }
"$bin/vi_seg_exp" "$t/s" "$t/a" 2 0.02 --seeds=1 --classes=models/ner-clusters.tsv --cfeat=u0,b12,k1c2 > "$t/e2.out" 2>&1 ||
  { echo "FAIL: vi_seg_exp --classes exit $?"; tail -3 "$t/e2.out"; exit 1; }
grep -qE '^classes models/ner-clusters.tsv: [0-9]+ of [0-9]+ dev tokens \((9[5-9]|100)\.[0-9]+%\) have a class; features u0 b12 k1c2$' "$t/e2.out" ||
  { echo "FAIL: the word classes should cover >= 95% of dev tokens"; grep classes "$t/e2.out"; fail=1; }
"$bin/vi_seg_exp" "$t/s" "$t/a" 2 0.02 --classes=models/ner-clusters.tsv --cfeat=u9 > /dev/null 2>&1 && { echo "FAIL: --cfeat=u9 accepted"; fail=1; }
[ $fail -eq 0 ] && { cat "$t/e1.out"; echo "vi_seg_exp: ok"; }
exit $fail
