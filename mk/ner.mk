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
