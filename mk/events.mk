# mk/events.mk -- the learned event scorer (src/events/scorer.h), opt-in.
#   make models-events  -> build/events/events.model: the scorer trained on
#                          every candidate event of the annotated splits in
#                          EVENTS_TRAIN (tests/ner/events-vntc/, in the repo;
#                          no ../shared data), EVENTS_EPOCHS passes. Use it with
#                          `hoso ner --event-model build/events/events.model`.
#                          Not committed under models/ and not in `make models`:
#                          cross-validated it does not beat the rules (README,
#                          section ner), and its training data is hoso's own
#                          output, which every entity or rule change moves.
#   make eval-events-cv -> leave-one-split-out cross-validation over
#                          EVENTS_TRAIN: rules alone beside the scorer, per split,
#                          mean and pooled (scripts/events_cv.py).
EVENTS_SPLITS := tests/ner/events-vntc
EVENTS_TRAIN ?= $(notdir $(wildcard $(EVENTS_SPLITS)/dev $(EVENTS_SPLITS)/dev2 $(EVENTS_SPLITS)/dev3 \
                  $(EVENTS_SPLITS)/dev4 $(EVENTS_SPLITS)/dev6 $(EVENTS_SPLITS)/dev7))
EVENTS_EPOCHS ?= 10

EVAL_TARGETS += eval-events-cv
.PHONY: models-events eval-events-cv

models-events: release
	@mkdir -p build/events
	@for s in $(EVENTS_TRAIN); do \
	  nice python3 scripts/events_train_data.py build/release/hoso build/events/$$s.tsv \
	    $(EVENTS_SPLITS)/$$s/*.txt || exit 1; done
	nice build/release/tools/train_events build/events/events.model $(EVENTS_EPOCHS) \
	  $(foreach s,$(EVENTS_TRAIN),build/events/$(s).tsv)

eval-events-cv: release
	@nice python3 scripts/events_cv.py build/release/hoso build/release/tools/train_events \
	  $(EVENTS_SPLITS) $(EVENTS_EPOCHS) $(EVENTS_TRAIN)
