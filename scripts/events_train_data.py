#!/usr/bin/env python3
"""events_train_data.py HOSO OUT.tsv TEXT... -- training data for the
learned event scorer (tools/train_events.c): every candidate event of
`hoso ner --event-features` on each report TEXT (with TEXT's
.expected.json beside it), one line each: "1" when it matches an expected
event strictly (the headline criterion of scripts/eval_events.py: type,
participants, date; one-to-one, greedy in the expected order, as there),
else "0"; a TAB; its features separated by spaces.  Prints a count per
label on stderr."""
import os, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from eval_events import hoso_ner, expected, strict_hits

def main():
    hoso, out, files = sys.argv[1], sys.argv[2], sys.argv[3:]
    n = [0, 0]
    lines = []
    for f in files:
        exp = expected(f)
        pub = (exp.get("article") or {}).get("published")
        pred = hoso_ner(hoso, f, pub, ["--event-features"])["events"]
        used, _ = strict_hits(exp.get("events", []), pred)
        for i, e in enumerate(pred):
            y = 1 if i in used else 0
            n[y] += 1
            lines.append("%d\t%s\n" % (y, " ".join(e["features"])))
    with open(out, "w", encoding="utf-8") as o:
        o.writelines(lines)
    print("%s: %d reports, %d candidates: %d events, %d not" % (out, len(files), n[0] + n[1], n[1], n[0]),
          file=sys.stderr)

main()
