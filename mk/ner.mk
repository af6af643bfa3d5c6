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

# The dev figure to judge a NER change by: mean and spread of VLSP 2016/2018
# dev F1 over 4 trainings that differ only in the perceptron's seed (one
# retraining alone moves 2016 dev by up to ~0.9). ~1 min of CPU a seed.
.PHONY: eval-ner-seeds
eval-ner-seeds: release
	nice -n 10 python3 scripts/eval_ner_seeds.py build/release/hoso $(SHARED)

# Word classes for the tagger's features: the first 80 MB of VNTC news text
# (tools/vi_newstext), 256 classes by the exchange algorithm
# (tools/ner_clusters, deterministic, ~20 s of CPU) -> models/ner-clusters.tsv.
MODELS_TARGETS += ner-clusters
.PHONY: ner-clusters
ner-clusters: release
	@mkdir -p build/ner
	build/release/tools/vi_newstext $(SHARED)/data/news/vntc.jsonl.gz build/ner/news80.txt 80
	nice build/release/tools/ner_clusters --classes 256 --vocab 40000 --iters 10 \
	  build/ner/news80.txt models/ner-clusters.tsv

# The entity tagger: VLSP 2016 train + VLSP 2018 train (converted to one
# word a line in build/ner/, never committed), 10 epochs, its memory of
# the training data's names (models/ner-memory.tsv: hashes of token
# sequences, type, reliability; the training features come from 4-fold
# cross-validated memories) and its second, document-level stage
# (models/ner-doc.model: stacked on 4-fold cross-validated first-stage
# labels; ~40 s of CPU in all).
MODELS_TARGETS += ner-model
.PHONY: ner-model
ner-model: release ner-gazetteers ner-clusters
	@mkdir -p build/ner
	python3 scripts/vlsp_conll.py 2016 $(SHARED)/data/vlsp2016-ner/train.txt > build/ner/vlsp2016-train.conll
	python3 scripts/vlsp_conll.py 2018 $(SHARED)/data/vlsp2018-ner/train > build/ner/vlsp2018-train.conll
	nice build/release/tools/ner_train --epochs 10 --stage2 models/ner-doc.model \
	  models models/ner.model build/ner/vlsp2016-train.conll build/ner/vlsp2018-train.conll
	@sha256sum models/ner-clusters.tsv models/ner-memory.tsv models/ner.model models/ner-doc.model

# The person check's tables from VNTC news (src/ner/namecheck.h): the
# syllables Vietnamese names use (models/gazetteers/namesyl.txt) and the
# names news writes only after a club's, a place's or a product's head
# word (models/gazetteers/nonper.tsv); the demo archive's sample articles
# are left out (the check is judged on it). ~110 s of CPU.
MODELS_TARGETS += ner-namecheck
.PHONY: ner-namecheck
ner-namecheck: ner-gazetteers
	nice python3 scripts/build-namesyl.py $(SHARED)/data/news/vntc.jsonl.gz \
	  $(SHARED)/data/lexicons/UITws_dict/VNFamilyName.txt \
	  $(SHARED)/data/lexicons/UITws_dict/VNMiddle.txt demo/sample/vntc-sample.jsonl \
	  models/gazetteers/namesyl.txt
	nice python3 scripts/build-nonper.py $(SHARED)/data/news/vntc.jsonl.gz \
	  models/gazetteers/nameheads.tsv models/gazetteers/titles.tsv \
	  demo/sample/vntc-sample.jsonl models/gazetteers/nonper.tsv
	@sha256sum models/gazetteers/namesyl.txt models/gazetteers/nonper.tsv
