#!/usr/bin/env python3
"""check_vocab.py README TRIGGERS -- every event type and CAMEO code used in
models/events/triggers.tsv is a row of the README's event vocabulary table
(`type` | triggers | code ...), with the same code. Prints a summary or
the mismatches (exit 1)."""
import re, sys
readme, trig = sys.argv[1], sys.argv[2]
table = {}
for line in open(readme, encoding="utf-8"):
    m = re.match(r"\| `([a-z]+)` \| .* \| (\d{3}) ", line)
    if m: table[m.group(1)] = m.group(2)
used = {}; n = 0; bad = []
for line in open(trig, encoding="utf-8"):
    if line.startswith("#") or not line.strip(): continue
    f = line.rstrip("\n").split("\t")
    if len(f) < 7 or f[2] == "-": continue
    n += 1; used.setdefault(f[2], set()).add(f[3])
for t, codes in sorted(used.items()):
    if t not in table: bad.append("type %s (CAMEO %s) is not in the README table" % (t, ",".join(sorted(codes))))
    elif codes != {table[t]}: bad.append("type %s: triggers use CAMEO %s, README says %s" % (t, ",".join(sorted(codes)), table[t]))
for t in sorted(set(table) - set(used)):
    bad.append("README lists %s but no trigger has it" % t)
for b in bad: print(b)
if bad: sys.exit(1)
print("%d event types: every trigger's type is in the README table with its CAMEO code" % len(used))
print(", ".join("%s %s" % (t, table[t]) for t in sorted(used)))
