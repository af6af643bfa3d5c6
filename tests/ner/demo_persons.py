#!/usr/bin/env python3
"""demo_persons.py DB [JUDGED] -- person precision of a demo archive.

Lists every person entity of DB (an archive built by `hoso ingest --db DB
demo/sample/`) and scores it against the hand judgement in
tests/ner/demo-persons/judged.tsv: precision by name and by mention, the
errors left by kind, the judged people no longer listed, and the names
nobody judged yet (judge them by hand before trusting the figure)."""
import collections
import os
import sqlite3
import sys

db = sys.argv[1]
judged_path = sys.argv[2] if len(sys.argv) > 2 else os.path.join(
    os.path.dirname(os.path.abspath(__file__)), "demo-persons", "judged.tsv")
verdict = {}
for line in open(judged_path, encoding="utf-8"):
    if line.startswith("#") or not line.strip():
        continue
    name, v = line.rstrip("\n").split("\t")[:2]
    verdict[name] = v
rows = sqlite3.connect(db).execute(
    "select name, mentions from entity where kind = 1").fetchall()
names = {n: m for n, m in rows}
good = [n for n in names if verdict.get(n) == "person"]
bad = [n for n in names if n in verdict and verdict[n] != "person"]
new = sorted(n for n in names if n not in verdict)
judged = len(good) + len(bad)
mg = sum(names[n] for n in good)
mb = sum(names[n] for n in bad)
print(f"person names {len(names)}, judged {judged}, unjudged {len(new)}")
if judged:
    print(f"precision by name {100 * len(good) / judged:.1f}% ({len(good)}/{judged}), "
          f"by mention {100 * mg / (mg + mb):.1f}% ({mg}/{mg + mb})")
print("errors by kind:", dict(collections.Counter(verdict[n] for n in bad).most_common()))
lost = sorted(n for n, v in verdict.items() if v == "person" and n not in names)
print(f"judged people no longer listed ({len(lost)}):", ", ".join(lost))
if new:
    print("unjudged:", ", ".join(new))
