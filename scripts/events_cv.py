#!/usr/bin/env python3
"""events_cv.py HOSO TRAIN_EVENTS SPLITDIR EPOCHS SPLIT... -- leave-one-split-out
cross-validation of the learned event scorer: for each SPLIT, the scorer is
trained (TRAIN_EVENTS, EPOCHS) on the candidates of the other splits and
the held split is scored strictly (scripts/eval_events.py) with the rules
alone and with the scorer.  Prints one line per split and the mean and
pooled figures.  Work files go to build/events/cv/."""
import os, subprocess, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from eval_events import hoso_ner, expected, strict_hits, prf

def score(hoso, files, extra):
    tp = npred = nexp = 0
    for f in files:
        exp = expected(f)
        pub = (exp.get("article") or {}).get("published")
        pred = hoso_ner(hoso, f, pub, extra)["events"]
        want = exp.get("events", [])
        used, _ = strict_hits(want, pred)
        tp += len(used); npred += len(pred); nexp += len(want)
    return tp, npred, nexp

def main():
    hoso, trainer, root, epochs, splits = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5:]
    work = "build/events/cv"
    os.makedirs(work, exist_ok=True)
    files = {s: sorted(os.path.join(root, s, x) for x in os.listdir(os.path.join(root, s)) if x.endswith(".txt"))
             for s in splits}
    for s in splits:
        subprocess.run([sys.executable, os.path.join(os.path.dirname(__file__), "events_train_data.py"),
                        hoso, os.path.join(work, s + ".tsv")] + files[s], check=True)
    tot = {"rules": [0, 0, 0], "learned": [0, 0, 0]}
    f1s = {"rules": [], "learned": []}
    for h in splits:
        model = os.path.join(work, "without-" + h + ".model")
        subprocess.run([trainer, model, epochs] + [os.path.join(work, s + ".tsv") for s in splits if s != h],
                       check=True, stderr=subprocess.DEVNULL)
        row = []
        for name, extra in (("rules", []), ("learned", ["--event-model", model])):
            tp, npred, nexp = score(hoso, files[h], extra)
            P, R, F = prf(tp, npred, nexp)
            t = tot[name]; t[0] += tp; t[1] += npred; t[2] += nexp
            f1s[name].append(F)
            row.append("%s P %.3f R %.3f F1 %.3f" % (name, P, R, F))
        print("%-5s (%3d events)  %s   |   %s" % (h, nexp, row[0], row[1]))
    for name in ("rules", "learned"):
        P, R, F = prf(*tot[name])
        print("%-7s mean F1 %.3f   pooled P %.3f R %.3f F1 %.3f" % (name, sum(f1s[name]) / len(f1s[name]), P, R, F))

main()
