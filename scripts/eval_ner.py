#!/usr/bin/env python3
"""eval_ner.py [--models DIR] [--errors] HOSO SHARED -- NER precision/recall/F1 per type (CoNLL
chunk level, like conlleval) of `hoso ner --conll` on the VLSP 2016 and
VLSP 2018 development sets. --models: the model directory
(hoso ner --models); --errors: one ERR line per missed or spurious entity
(kind, type, words, overlapping other-side entities, context): dev only.
VLSP 2018's inline ENAMEX files are turned
into one word a line (outermost entities, punctuation split off)."""
import os, subprocess, sys

args = sys.argv[1:]
models = None
errors = False
while args and args[0].startswith("--"):
    if args[0] == "--models": models = args[1]; args = args[2:]
    elif args[0] == "--errors": errors = True; args = args[1:]
    else: sys.exit("usage: eval_ner.py [--models DIR] [--errors] HOSO SHARED")
hoso, shared = args[0], args[1]

def chunks(tags):
    out, start, typ = set(), None, None
    for i, t in enumerate(tags + ["O"]):
        b = t.startswith("B-") or t == "O" or (t.startswith("I-") and t[2:] != typ)
        if b and typ is not None:
            out.add((start, i, typ)); typ = None
        if t.startswith("B-") or (t.startswith("I-") and typ is None):
            start, typ = i, t[2:]
    return out

def score(name, sents):
    """sents: list of (words, gold_tags)."""
    inp = "\n\n".join("\n".join(w for w in ws) for ws, _ in sents) + "\n"
    cmd = [hoso, "ner", "--conll"] + (["--models", models] if models else []) + ["-"]
    p = subprocess.run(cmd, input=inp.encode(), capture_output=True)
    if p.returncode != 0:
        print("hoso ner --conll failed:", p.stderr.decode()[:500]); sys.exit(1)
    lines = p.stdout.decode().split("\n")
    pred_sents, cur = [], []
    for ln in lines:
        if ln == "":
            if cur: pred_sents.append(cur); cur = []
        else:
            cur.append(ln.rsplit("\t", 1)[-1])
    if cur: pred_sents.append(cur)
    if len(pred_sents) != len(sents):
        print("sentence count mismatch", len(pred_sents), len(sents)); sys.exit(1)
    stats = {}
    for (ws, gold), pred in zip(sents, pred_sents):
        g, pr = chunks(gold), chunks(pred)
        if errors:
            for c in sorted(g ^ pr):
                kind = "MISS" if c in g else "FP"
                other = [x for x in (pr if c in g else g) if x[0] < c[1] and c[0] < x[1]]
                print("ERR\t%s\t%s\t%s\t%s\t%s" % (kind, c[2], " ".join(ws[c[0]:c[1]]),
                      ";".join("%s:%s" % (x[2], " ".join(ws[x[0]:x[1]])) for x in other),
                      " ".join(ws[max(0, c[0] - 6):c[1] + 6])))
        for c in g | pr:
            s = stats.setdefault(c[2], [0, 0, 0])
            if c in g and c in pr: s[0] += 1
            elif c in pr: s[1] += 1
            else: s[2] += 1
    tot = [0, 0, 0]
    print("%s (%d sentences)" % (name, len(sents)))
    print("  %-5s %7s %7s %7s %6s" % ("type", "P", "R", "F1", "gold"))
    for t in sorted(stats):
        tp, fp, fn = stats[t]
        for k in range(3): tot[k] += stats[t][k]
        P = tp / (tp + fp) if tp + fp else 0; R = tp / (tp + fn) if tp + fn else 0
        F = 2 * P * R / (P + R) if P + R else 0
        print("  %-5s %7.2f %7.2f %7.2f %6d" % (t, 100 * P, 100 * R, 100 * F, tp + fn))
    tp, fp, fn = tot
    P = tp / (tp + fp) if tp + fp else 0; R = tp / (tp + fn) if tp + fn else 0
    F = 2 * P * R / (P + R) if P + R else 0
    print("  %-5s %7.2f %7.2f %7.2f %6d" % ("all", 100 * P, 100 * R, 100 * F, tp + fn))

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from vlsp_conll import vlsp2016, vlsp2018

d16 = os.path.join(shared, "data", "vlsp2016-ner", "dev.txt")
d18 = os.path.join(shared, "data", "vlsp2018-ner", "dev")
score("VLSP 2016 NER dev", vlsp2016(d16))
score("VLSP 2018 NER dev", vlsp2018(d18))
