# mk/ner.mk -- entities and events: gazetteer tables, evaluation, benchmark.
# See README (section ner).
.PHONY: ner-gazetteers eval-ner bench-ner
MODELS_TARGETS += ner-gazetteers
EVAL_TARGETS += eval-ner
BENCH_TARGETS += bench-ner

# Regenerate the shipped gazetteer tables from ../shared (permissive sources only).
ner-gazetteers:
	python3 scripts/build-gazetteers.py $(SHARED) models/gazetteers

eval-ner: release
	@SHARED=$(SHARED) scripts/eval-ner.sh build/release/hoso

bench-ner: release
	@SHARED=$(SHARED) scripts/bench-ner.sh build/release/hoso

# The entity tagger: VLSP 2016 train + VLSP 2018 train (converted to one
# word a line in build/ner/, never committed), 10 epochs (~1 min of CPU).
MODELS_TARGETS += ner-model
.PHONY: ner-model
ner-model: release ner-gazetteers
	@mkdir -p build/ner
	python3 scripts/vlsp_conll.py 2016 $(SHARED)/data/vlsp2016-ner/train.txt > build/ner/vlsp2016-train.conll
	python3 scripts/vlsp_conll.py 2018 $(SHARED)/data/vlsp2018-ner/train > build/ner/vlsp2018-train.conll
	nice build/release/tools/ner_train --epochs 10 models models/ner.model \
	  build/ner/vlsp2016-train.conll build/ner/vlsp2018-train.conll
