# mk/text.mk -- the text core: language-id model, its evaluation, and the
# normalize+tokenize benchmark. See README (text core).

LANGID_DATA := build/langid

# make models: training and held-out sets from ../shared/data, then the
# naive Bayes model (deterministic) into models/langid.bin.
.PHONY: models-langid eval-langid eval-sentences bench-text
$(LANGID_DATA)/train.tsv $(LANGID_DATA)/eval.tsv: tools/langid_data.py
	@test -d $(SHARED)/data || { echo "langid: $(SHARED)/data is absent"; exit 1; }
	python3 tools/langid_data.py $(SHARED) $(LANGID_DATA)

models-langid: release $(LANGID_DATA)/train.tsv
	nice build/release/tools/train_langid $(LANGID_DATA)/train.tsv models/langid.bin 16

eval-langid: release $(LANGID_DATA)/eval.tsv
	@build/release/tools/eval_langid $(LANGID_DATA)/eval.tsv models/langid.bin

# Sentence ends against the gold sentences of UD treebanks (joined five at
# a time into paragraphs): Vietnamese VTB test, Russian GSD test and PUD.
eval-sentences: release
	@build/release/tools/eval_sentences vi-ud-vtb-test $(SHARED)/data/vi-ud-vtb/vi_vtb-ud-test.conllu
	@build/release/tools/eval_sentences ru-ud-gsd-test $(SHARED)/data/ru/ud-gsd/ru_gsd-ud-test.conllu
	@build/release/tools/eval_sentences ru-ud-pud $(SHARED)/data/ru/ud-pud/ru_pud-ud-test.conllu

bench-text: release
	@SHARED=$(SHARED) nice bench/text-bench.sh

MODELS_TARGETS += models-langid
EVAL_TARGETS += eval-langid eval-sentences
BENCH_TARGETS += bench-text
