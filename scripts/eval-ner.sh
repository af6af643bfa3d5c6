#!/usr/bin/env bash
# eval-ner.sh HOSO -- `make eval` for entities and events: NER P/R/F1 per
# type on VLSP 2016/2018 dev, event P/R/F1 on the seed reports and on the
# annotated reports in tests/ner/events/.
set -u
cd "$(dirname "$0")/.."
HOSO=$1
SHARED=${SHARED:-../shared}
if [ ! -d "$SHARED/data/vlsp2016-ner" ]; then echo "eval-ner: $SHARED/data is absent"; exit 1; fi
echo "== entities (hoso ner --conll: $( [ -f models/ner.model ] && echo 'tagger + name back-references' || echo 'rules and gazetteers only: no tagger model') )"
python3 scripts/eval_ner.py "$HOSO" "$SHARED" || exit 1
echo "== events"
python3 scripts/eval_events.py "$HOSO" "seed reports" "$SHARED"/fixtures/seeds/*.txt || exit 1
python3 scripts/eval_events.py "$HOSO" "annotated reports, development (tests/ner/events)" tests/ner/events/*.txt || exit 1
python3 scripts/eval_events.py "$HOSO" "annotated reports, second set (tests/ner/events-fresh; rules improved on it after a first run at F1 0.11)" tests/ner/events-fresh/*.txt || exit 1
python3 scripts/eval_events.py "$HOSO" "annotated reports, third set (tests/ner/events-unseen; first run F1 0.53, then improved)" tests/ner/events-unseen/*.txt || exit 1
python3 scripts/eval_events.py "$HOSO" "annotated reports, fourth set (tests/ner/events-unseen2; first run F1 0.50, then improved)" tests/ner/events-unseen2/*.txt || exit 1
