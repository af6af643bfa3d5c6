#!/usr/bin/env bash
# vi_pos_exp.sh -- the POS training tools on a small slice of the real data
# (a few seconds): train_pos is deterministic; vi_pos_exp's plain model is
# train_pos's (same dev figures); its report of dev sentences found in the
# training data counts and compares them right (dev here = 20 training
# sentences as they are + 30 with every tag replaced by X, so the labels
# agree on exactly the first 20's words and the words UD itself tags X);
# --extra reads a 4-column file and skips a sentence with an unknown tag;
# --salt, --cv, --stack, --ens and --x each print a dev figure. The held-out
# filter drops the training sentences that dev or test hold, exactly or
# but for their edge punctuation, and says how many from which file (the
# overlap report above runs with --keep-heldout). VI_TOOLS_BIN runs
# another build's tools (e.g. build/asan/tools).
set -u
bin="${VI_TOOLS_BIN:-$(dirname "$0")/../../build/release/tools}"
D="$SHARED/data"
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
fail=0
mkdir -p "$t/s/vi-ud-vtb" "$t/s/vlsp2013-pos/train" "$t/s/vlsp2013-ws/train" "$t/m1" "$t/m2"
# the first N sentences of a CoNLL-U file
conllu_head() { awk -v n="$2" 'BEGIN{RS=""; ORS="\n\n"} NR<=n' "$1"; }
conllu_head "$D/vi-ud-vtb/vi_vtb-ud-train.conllu" 150 > "$t/s/vi-ud-vtb/vi_vtb-ud-train.conllu"
{
  conllu_head "$D/vi-ud-vtb/vi_vtb-ud-train.conllu" 20
  awk 'BEGIN{RS=""; ORS="\n\n"; FS=OFS="\t"} NR>20 && NR<=50 {
         n = split($0, l, "\n"); out = "";
         for (i = 1; i <= n; i++) { k = split(l[i], f, "\t");
           if (k == 10 && f[1] ~ /^[0-9]+$/) f[4] = "X";
           s = f[1]; for (j = 2; j <= k; j++) s = s "\t" f[j];
           out = out (i > 1 ? "\n" : "") (k == 10 ? s : l[i]) }
         print out }' "$D/vi-ud-vtb/vi_vtb-ud-train.conllu"
} > "$t/s/vi-ud-vtb/vi_vtb-ud-dev.conllu"
# test: 5 sentences that are not in the training slice (151-155) and a
# near copy of one that is: the first of 51-150 that ends in one
# punctuation token, without it
{
  awk 'BEGIN{RS=""; ORS="\n\n"} NR>150 && NR<=155' "$D/vi-ud-vtb/vi_vtb-ud-train.conllu"
  awk 'BEGIN{RS=""; FS="\n"} NR>50 && NR<=150 && !done {
         k = split($NF, a, "\t"); split($(NF-1), b, "\t");
         if (a[4] == "PUNCT" && b[4] != "PUNCT") { for (i = 1; i < NF; i++) print $i; print ""; done = 1 } }' \
      "$D/vi-ud-vtb/vi_vtb-ud-train.conllu"
} > "$t/s/vi-ud-vtb/vi_vtb-ud-test.conllu"
cp "$D/vlsp2013-pos/train/10-0001.pos" "$D/vlsp2013-pos/train/10-0002.pos" "$t/s/vlsp2013-pos/train/"
cp "$D/vlsp2013-ws/train/Trainset-Segmentation-1/100067.seg" "$t/s/vlsp2013-ws/train/"
awk 'BEGIN{RS=""; ORS="\n\n"} NR<=50' "$D/vlsp2016-ner/dev-4col.txt" > "$t/extra.txt"
printf 'Hà Nội\tNp\tB-NP\tB-LOC\nmưa\tQQ\tB-VP\tO\n\n' >> "$t/extra.txt"
cp models/vi-dict.bin "$t/m1/" && cp models/vi-dict.bin "$t/m2/"

"$bin/train_pos" "$t/s" "$t/m1" 3 0.05 --dev --heldout-tsv="$t/held.tsv" > /dev/null 2> "$t/tp1.err" || { echo "FAIL: train_pos exit $?"; cat "$t/tp1.err"; exit 1; }
# the held-out filter: dev's 50 sentences are training sentences 1-50 (the
# last 30 with other tags: the tags do not matter), test's near copy one more
grep -qF "train_pos: held-out filter: vi-ud-vtb/vi_vtb-ud-train.conllu: dropped 51 of 150 sentences (50 exact, 1 near) from 1 of 1 files" "$t/tp1.err" ||
  { echo "FAIL: held-out filter should drop 50 + 1 UD train sentences"; grep held-out "$t/tp1.err"; fail=1; }
printf '%s\t150\t50\t1\n' "$t/s/vi-ud-vtb/vi_vtb-ud-train.conllu" | cmp -s - <(grep -F vi-ud-vtb "$t/held.tsv") ||
  { echo "FAIL: held-out TSV line for UD train"; cat "$t/held.tsv"; fail=1; }
grep -qE "^train_pos: 1[0-9]{2} sentences \(UD VTB 99, VLSP POS [0-9]+\) after dropping [0-9]+ that match one of UD VTB dev\+test's 56$" "$t/tp1.err" ||
  { echo "FAIL: training set size after the filter"; grep "^train_pos: [0-9]* sentences" "$t/tp1.err"; fail=1; }
"$bin/train_pos" "$t/s" "$t/m2" 3 0.05 > /dev/null 2>&1 || { echo "FAIL: train_pos (2nd) exit $?"; exit 1; }
cmp -s "$t/m1/vi-pos.model" "$t/m2/vi-pos.model" || { echo "FAIL: train_pos is not deterministic"; fail=1; }

"$bin/vi_pos_exp" "$t/s" "$t/m1" 3 0.05 > "$t/e1.out" 2> "$t/e1.err" || { echo "FAIL: vi_pos_exp exit $?"; cat "$t/e1.err"; exit 1; }
want=$(sed -nE 's/^dev: POS accuracy \(gold words\) ([0-9.]+); unseen sentences ([0-9.]+)$/\1 \2/p' "$t/tp1.err")
got=$(sed -nE 's/^plain model.* dev ([0-9.]+) +unseen dev ([0-9.]+)$/\1 \2/p' "$t/e1.out")
[ -n "$want" ] && [ "$want" = "$got" ] || { echo "FAIL: train_pos dev '$want', vi_pos_exp plain '$got'"; fail=1; }
grep -qF "dev sentences in the POS training data with the same words: 0 (0 words)" "$t/e1.out" ||
  { echo "FAIL: the filtered training data should hold no dev sentence"; cat "$t/e1.out"; fail=1; }
# the overlap analysis needs the unfiltered data (--keep-heldout)
"$bin/vi_pos_exp" "$t/s" "$t/m1" 3 0.05 --keep-heldout > "$t/e1.out" 2> "$t/e1.err" || { echo "FAIL: vi_pos_exp --keep-heldout exit $?"; cat "$t/e1.err"; exit 1; }
# words whose dev tag is their training label: the first 20 sentences', and
# the next 30's words that UD itself tags X
w20=$(conllu_head "$D/vi-ud-vtb/vi_vtb-ud-train.conllu" 50 |
      awk -F'\t' 'BEGIN{RS=""} {n = split($0, l, "\n"); for (i = 1; i <= n; i++) { k = split(l[i], f, "\t");
                   if (k == 10 && f[1] ~ /^[0-9]+$/ && (NR <= 20 || f[4] == "X")) c++ } } END{print c}')
w50=$(awk -F'\t' 'NF==10 && $1 ~ /^[0-9]+$/' "$t/s/vi-ud-vtb/vi_vtb-ud-dev.conllu" | wc -l)
agree=$(awk -v a="$w20" -v b="$w50" 'BEGIN{printf "%.2f", 100 * a / b}')
grep -qF "dev sentences in the POS training data with the same words: 50 ($w50 words)" "$t/e1.out" ||
  { echo "FAIL: expected 50 dev sentences ($w50 words) found in training"; cat "$t/e1.out"; fail=1; }
grep -qE "their training labels agree with dev's tags on $agree% of the words" "$t/e1.out" ||
  { echo "FAIL: expected agreement $agree%"; cat "$t/e1.out"; fail=1; }
grep -qE "^  the other 0 dev words" "$t/e1.out" || { echo "FAIL: expected no other dev words"; fail=1; }

"$bin/vi_pos_exp" "$t/s" "$t/m1" 3 0.05 --extra="$t/extra.txt" --salt=1 --stack=2 --ens=2 > "$t/e2.out" 2> "$t/e2.err" ||
  { echo "FAIL: vi_pos_exp with options exit $?"; cat "$t/e2.err"; exit 1; }
grep -qF "train_pos: 50 sentences from $t/extra.txt (1 skipped)" "$t/e2.err" ||
  { echo "FAIL: --extra should read 50 sentences and skip 1"; grep extra "$t/e2.err"; fail=1; }
for what in 'plain model \(with --extra\)' 'UD-specific feature copies' 'stacked second tagger' 'ensemble of 2 seeds'; do
  grep -qE "^$what.* dev (100\.00|[0-9]?[0-9]\.[0-9][0-9]) +unseen dev" "$t/e2.out" || { echo "FAIL: no dev figure for $what"; fail=1; }
done
grep -qE '^2-fold cross-validated accuracy on the training data: [0-9.]+% \([1-9][0-9]* words\)' "$t/e2.out" ||
  { echo "FAIL: no cross-validated accuracy"; fail=1; }
"$bin/vi_pos_exp" "$t/s" "$t/m1" 3 0.05 --stack=1 > /dev/null 2>&1 && { echo "FAIL: --stack=1 accepted"; fail=1; }
# the experimental feature groups (--x) train and print a dev figure
"$bin/vi_pos_exp" "$t/s" "$t/m1" 3 0.05 --x=7 > "$t/e3.out" 2>&1 || { echo "FAIL: vi_pos_exp --x=7 exit $?"; fail=1; }
grep -qE "^model with --x=7 +dev [0-9.]+ +unseen dev" "$t/e3.out" || { echo "FAIL: no dev figure for --x=7"; cat "$t/e3.out"; fail=1; }
[ $fail -eq 0 ] && { cat "$t/e2.out"; echo "vi_pos_exp: ok"; }
exit $fail
