# mk/vi.mk -- Vietnamese word segmentation and POS tagging (src/vi, src/tag).
#   make models  -> models/vi-dict.bin, models/vi-seg.model, models/vi-pos.model
#                   (POS: VLSP tags mapped to UPOS in context, train_pos --cmap)
#                   (trained without any sentence of UD VTB dev or test: the
#                   tools print what they drop per source, and per file in
#                   build/vi/heldout-{seg,pos}.tsv)
#   make eval    -> segmentation P/R/F1 + POS accuracy on UD VTB dev/test,
#                   with a longest-matching baseline from the same run
#   make bench   -> MB/s and words/s of `hoso segment` (1 and 2 threads) on
#                   >= 50 MB of VNTC news, beside `wc -w`; peak memory; load time
VI_TOOLS := train_seg train_pos vi_pos_exp vi_seg_exp vi_eval vi_newstext
$(foreach t,$(VI_TOOLS),$(eval build/release/tools/$(t) build/asan/tools/$(t): tools/vi_data.h tools/vi_pos.h tools/vi_seg.h))

VI_SEG_EPOCHS ?= 40
# segmenter pruning, chosen on dev without the overlap (session 6): 0.05 97.15, 0.02 97.24, 0.01 97.24
VI_SEG_PRUNE ?= 0.02
VI_POS_PRUNE ?= 0.05
VI_POS_EPOCHS ?= 20

MODELS_TARGETS += models-vi
EVAL_TARGETS += eval-vi
BENCH_TARGETS += bench-vi

.PHONY: models-vi eval-vi bench-vi
models-vi: release
	@test -d $(SHARED)/data/vi-ud-vtb || { echo "models-vi: $(SHARED)/data is missing"; exit 1; }
	@mkdir -p build/vi
	nice build/release/tools/train_seg $(SHARED)/data models $(VI_SEG_EPOCHS) $(VI_SEG_PRUNE) \
	  --heldout-tsv=build/vi/heldout-seg.tsv
	nice build/release/tools/train_pos $(SHARED)/data models $(VI_POS_EPOCHS) $(VI_POS_PRUNE) --cmap \
	  --heldout-tsv=build/vi/heldout-pos.tsv
	@sha256sum models/vi-dict.bin models/vi-seg.model models/vi-pos.model

eval-vi: release
	@test -d $(SHARED)/data/vi-ud-vtb || { echo "eval-vi: $(SHARED)/data is missing"; exit 1; }
	nice build/release/tools/vi_eval $(SHARED)/data models

bench-vi: release
	@SHARED=$(SHARED) bench/vi_bench.sh

# The training's own noise: the vi models trained once per perceptron seed
# (train_seg/train_pos --seed; "default" = the shipped models, checked byte
# for byte), each scored on UD VTB dev and test: per-seed rows, then mean,
# sd and range (scripts/eval_vi_seeds.py; ~1.5 min of CPU a seed). Judge a
# segmenter or tagger change by the dev mean over seeds, never by test.
# VI_SEEDS_ARGS passes more options (e.g. --seg-args "..." --seg-only).
VI_SEEDS_ARGS ?=
.PHONY: eval-vi-seeds
eval-vi-seeds: release
	@test -d $(SHARED)/data/vi-ud-vtb || { echo "eval-vi-seeds: $(SHARED)/data is missing"; exit 1; }
	nice -n 10 python3 scripts/eval_vi_seeds.py --epochs-seg $(VI_SEG_EPOCHS) --prune-seg $(VI_SEG_PRUNE) \
	  --epochs-pos $(VI_POS_EPOCHS) --prune-pos $(VI_POS_PRUNE) $(VI_SEEDS_ARGS) build/release/tools $(SHARED)

# POS experiments on UD VTB dev (tools/vi_pos_exp.c; writes no model; not
# part of `make eval`: about 3 min of CPU). README section vi has the figures.
.PHONY: exp-vi-pos
exp-vi-pos: release
	@test -d $(SHARED)/data/vi-ud-vtb || { echo "exp-vi-pos: $(SHARED)/data is missing"; exit 1; }
	nice build/release/tools/vi_pos_exp $(SHARED)/data models $(VI_POS_EPOCHS) $(VI_POS_PRUNE) --salt=1 --stack=4 --ens=3
	nice build/release/tools/vi_pos_exp $(SHARED)/data models $(VI_POS_EPOCHS) $(VI_POS_PRUNE) --salt=2
	nice build/release/tools/vi_pos_exp $(SHARED)/data models $(VI_POS_EPOCHS) $(VI_POS_PRUNE) --extra=$(SHARED)/data/vlsp2016-ner/dev-4col.txt
