#!/usr/bin/env bash
# vi_pos_cmap.sh -- train_pos --cmap, the contextual VLSP -> UPOS map
# (tools/vi_pos.h, vp_map_ctx), on synthetic data where one (word, VLSP tag)
# pair takes two UPOS by context: VLSP tags "ra" R everywhere, UD tags it
# VERB after a pronoun ("tôi ra chợ", go out to) and ADV after "đi" ("tôi
# đi ra chợ", direction). A word-by-word map gives every "ra"/R one UPOS;
# the contextual map, learnt on the VLSP sentences that UD train also holds,
# must relabel the other VLSP sentences by context: exactly the 16 VERB
# "ra" (8 aligned, which take UD's tags, and 8 VLSP-only) differ from the
# tag-for-tag table (R -> ADV). train_pos --cmap is deterministic, its
# model tags dev (new pronoun/noun pairs) right, vi_pos_exp --cmap=K prints
# the map's K-fold accuracy, and its --guide and --guide-ud experiments
# run. VI_TOOLS_BIN runs another build's tools (e.g. build/asan/tools).
set -u
bin="${VI_TOOLS_BIN:-$(dirname "$0")/../../build/release/tools}"
models="$(dirname "$0")/../../models"
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
fail=0
mkdir -p "$t/s/vi-ud-vtb" "$t/s/vlsp2013-pos/train" "$t/s/vlsp2013-ws/train" "$t/m1" "$t/m2"
cp "$models/vi-dict.bin" "$t/m1/" && cp "$models/vi-dict.bin" "$t/m2/"

# conllu WORD/UPOS ...: one CoNLL-U sentence (ID, FORM, LEMMA, UPOS)
conllu() {
  local i=1 x
  for x in "$@"; do printf '%d\t%s\t_\t%s\n' $i "${x%/*}" "${x##*/}"; i=$((i + 1)); done
  echo
}
ud_p="tôi anh chị nó"; ud_n="chợ phố"    # UD train and VLSP both
vl_p="họ em ông bà"; vl_n="vườn làng"    # VLSP only
for p in $ud_p; do for n in $ud_n; do
  conllu "$p/PRON" "ra/VERB" "$n/NOUN" "./PUNCT"
  conllu "$p/PRON" "đi/VERB" "ra/ADV" "$n/NOUN" "./PUNCT"
done; done > "$t/s/vi-ud-vtb/vi_vtb-ud-train.conllu"
for p in $ud_p $vl_p; do
  case " $ud_p " in *" $p "*) ns=$ud_n ;; *) ns=$vl_n ;; esac
  for n in $ns; do
    echo "$p/P ra/R $n/N ./CH"
    echo "$p/P đi/V ra/R $n/N ./CH"
  done
done > "$t/s/vlsp2013-pos/train/a.pos"
for p in $vl_p; do
  conllu "$p/PRON" "ra/VERB" "chợ/NOUN" "./PUNCT"
  conllu "$p/PRON" "đi/VERB" "ra/ADV" "phố/NOUN" "./PUNCT"
done > "$t/s/vi-ud-vtb/vi_vtb-ud-dev.conllu"
conllu "tôi/PRON" "ra/VERB" "vườn/NOUN" "./PUNCT" > "$t/s/vi-ud-vtb/vi_vtb-ud-test.conllu"
echo "tôi ra vườn ." > "$t/s/vlsp2013-ws/train/a.seg"

"$bin/train_pos" "$t/s" "$t/m1" 5 0 --cmap --dev > /dev/null 2> "$t/c1.err" ||
  { echo "FAIL: train_pos --cmap exit $?"; cat "$t/c1.err"; exit 1; }
grep -qF "train_pos: contextual VLSP->UPOS map from 16 aligned UD train sentences: 16 of 144 VLSP tags differ from the tag-for-tag table" "$t/c1.err" ||
  { echo "FAIL: expected the 16 VERB 'ra' to differ from the table"; grep -F "VLSP" "$t/c1.err"; fail=1; }
grep -qF "dev: POS accuracy (gold words) 100.00;" "$t/c1.err" ||
  { echo "FAIL: the --cmap model should tag dev right"; grep "^dev:" "$t/c1.err"; fail=1; }
"$bin/train_pos" "$t/s" "$t/m2" 5 0 --cmap > /dev/null 2>&1 || { echo "FAIL: train_pos --cmap (2nd) exit $?"; exit 1; }
cmp -s "$t/m1/vi-pos.model" "$t/m2/vi-pos.model" || { echo "FAIL: train_pos --cmap is not deterministic"; fail=1; }
# without --cmap: the word map gives all 32 "ra"/R one UPOS, so it cannot
# reproduce those 16 (the line counts the tags it changes)
"$bin/train_pos" "$t/s" "$t/m2" 5 0 > /dev/null 2> "$t/w.err" || { echo "FAIL: train_pos exit $?"; exit 1; }
grep -qE "train_pos: 16 UD train sentences aligned with VLSP, [0-9]+ word pairs; (0|32) of 144 VLSP tags mapped by word" "$t/w.err" ||
  { echo "FAIL: the word map should map all 'ra' alike"; grep -F "VLSP" "$t/w.err"; fail=1; }
"$bin/vi_pos_exp" "$t/s" "$t/m1" 5 0 --cmap=2 > "$t/e.out" 2> "$t/e.err" ||
  { echo "FAIL: vi_pos_exp --cmap=2 exit $?"; cat "$t/e.err"; exit 1; }
grep -qE "^train_pos: contextual VLSP->UPOS map, 2-fold on the 16 aligned sentences \(72 words\): [0-9.]+% UD's tags \(tag-for-tag table: 88.89%\)$" "$t/e.err" ||
  { echo "FAIL: vi_pos_exp --cmap=2 report"; cat "$t/e.err"; fail=1; }
grep -qE "^contextual VLSP map \(--cmap\) +dev 100.00 " "$t/e.out" ||
  { echo "FAIL: vi_pos_exp --cmap dev figure"; cat "$t/e.out"; fail=1; }
# vi_pos_exp --guide / --guide-ud (guide stacking, an experiment): the
# guide learns the VLSP tags (deterministic here: every word has one), and
# the stacked taggers print a dev figure
for g in guide guide-ud; do
  "$bin/vi_pos_exp" "$t/s" "$t/m1" 5 0 --cmap --$g=2 > "$t/g.out" 2> "$t/g.err" ||
    { echo "FAIL: vi_pos_exp --$g=2 exit $?"; cat "$t/g.err"; exit 1; }
  grep -qE "^guide tagger \(VLSP tags\), 2-fold on VLSP train: [0-9.]+%$" "$t/g.out" ||
    { echo "FAIL: no guide accuracy for --$g"; cat "$t/g.out"; fail=1; }
  grep -qE "^guide-stacked tagger.* \(--$g\) +dev [0-9.]+ +unseen dev" "$t/g.out" ||
    { echo "FAIL: no dev figure for --$g"; cat "$t/g.out"; fail=1; }
done
"$bin/vi_pos_exp" "$t/s" "$t/m1" 5 0 --guide=1 > /dev/null 2>&1 && { echo "FAIL: --guide=1 accepted"; fail=1; }
# --conf-unknown=Q (session 8, an option, not what `make models` uses): the
# VLSP-only words (72 here) whose map margin is in the lowest Q train with
# unknown labels; some but at most half of them at Q=0.5, deterministic
"$bin/train_pos" "$t/s" "$t/m1" 5 0 --cmap --conf-unknown=0.5 > /dev/null 2> "$t/u1.err" ||
  { echo "FAIL: train_pos --conf-unknown exit $?"; cat "$t/u1.err"; exit 1; }
cp "$t/m1/vi-pos.model" "$t/u1.model"
"$bin/train_pos" "$t/s" "$t/m1" 5 0 --cmap --conf-unknown=0.5 > /dev/null 2>&1 ||
  { echo "FAIL: train_pos --conf-unknown (2nd) exit $?"; exit 1; }
cmp -s "$t/m1/vi-pos.model" "$t/u1.model" || { echo "FAIL: train_pos --conf-unknown is not deterministic"; fail=1; }
grep -qE "^train_pos: map margins of 72 VLSP words: quantile 0.500 is " "$t/u1.err" ||
  { echo "FAIL: --conf-unknown: margins of the 72 VLSP-only words"; cat "$t/u1.err"; fail=1; }
nu=$(sed -nE 's/^train_pos: ([0-9]+) VLSP words mapped with margin < .* have unknown labels$/\1/p' "$t/u1.err")
[ -n "$nu" ] && [ "$nu" -gt 0 ] && [ "$nu" -le 36 ] ||
  { echo "FAIL: --conf-unknown=0.5 left '$nu' of 72 words unknown (want 1..36)"; fail=1; }
"$bin/train_pos" "$t/s" "$t/m1" 5 0 --conf-unknown=0.5 > /dev/null 2>&1 &&
  { echo "FAIL: --conf-unknown accepted without --cmap"; fail=1; }
# vi_pos_exp --dump: the training data as the tagger sees it, with the map's
# margins (UD's and the aligned sentences' words: inf); --ud-times and
# --conf-drop run and print a dev figure
"$bin/vi_pos_exp" "$t/s" "$t/m1" 5 0 --cmap --conf-drop=0.5 --ud-times=2 --dump="$t/d.tsv" \
  > "$t/x.out" 2> "$t/x.err" || { echo "FAIL: vi_pos_exp --conf-drop exit $?"; cat "$t/x.err"; exit 1; }
grep -qE "^--cmap, UD x2, --conf-drop +dev [0-9.]+ " "$t/x.out" ||
  { echo "FAIL: vi_pos_exp --conf-drop --ud-times dev figure"; cat "$t/x.out"; fail=1; }
grep -qE "^train_pos: [1-9][0-9]* VLSP sentences with a word mapped with margin < .* left out$" "$t/x.err" ||
  { echo "FAIL: vi_pos_exp --conf-drop left no sentence out"; cat "$t/x.err"; fail=1; }
[ "$(awk -F'\t' 'NF == 4 && $1 == "ud" && $4 == "inf"' "$t/d.tsv" | wc -l)" = 72 ] &&
  [ "$(awk -F'\t' 'NF == 4 && $1 == "vlsp" && $4 == "inf"' "$t/d.tsv" | wc -l)" = 72 ] &&
  [ "$(awk -F'\t' 'NF == 4 && $1 == "vlsp" && $4 != "inf"' "$t/d.tsv" | wc -l)" = 72 ] ||
  { echo "FAIL: --dump: want 72 UD words, 72 aligned VLSP words (inf) and 72 mapped ones"; fail=1; }
[ $fail = 0 ] && echo "vi_pos_cmap: ok"
exit $fail
