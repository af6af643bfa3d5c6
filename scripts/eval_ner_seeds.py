#!/usr/bin/env python3
"""eval_ner_seeds.py [--seeds S1,S2,...] [--keep] HOSO SHARED -- the NER dev
figure to judge a change by: the tagger trained as `make ner-model` trains
it, once per perceptron seed (ner_train --seed; the visit order of the
training data), each model scored by eval_ner.py on VLSP 2016 and 2018 dev;
prints each seed's all-type F1 (and ORG F1), then the mean, the spread
(max - min) and the sample standard deviation over the seeds.

One retraining moves 2016 dev F1 by up to ~0.9 (session 10), so a single
model's figure cannot tell a change of less than that from noise; the mean
of four seeds can (its standard error is the standard deviation / 2).
The default seeds are 20260101 (ner_train's default: the shipped models,
rebuilt bit for bit) and 1, 2, 3.

Each seed's models go to build/ner/seeds/SEED/ (a copy of models/ with the
tagger's three files retrained; removed at the end unless --keep); the
training data is converted as mk/ner.mk does. The word classes and
gazetteers are the shipped ones. ~1 min of CPU per seed, more under load.
Run at nice 10 by `make eval-ner-seeds`.

--train "ARGS": more ner_train options for every seed (e.g. "--min-count 2"
or "--epochs 12", which replaces the 10), to judge a learner setting;
--name NAME: work in build/ner/seeds-NAME/ (data and models), so that two
runs with different settings can go at once."""
import os, re, shutil, statistics, subprocess, sys

args = sys.argv[1:]
seeds = [20260101, 1, 2, 3]
keep = False
extra, name = [], ""
while args and args[0].startswith("--"):
    if args[0] == "--seeds": seeds = [int(x) for x in args[1].split(",")]; args = args[2:]
    elif args[0] == "--keep": keep = True; args = args[1:]
    elif args[0] == "--train": extra = args[1].split(); args = args[2:]
    elif args[0] == "--name": name = args[1]; args = args[2:]
    else: sys.exit("usage: eval_ner_seeds.py [--seeds S1,S2,...] [--keep] [--train ARGS] [--name NAME] HOSO SHARED")
if len(args) != 2 or len(seeds) < 2:
    sys.exit("usage: eval_ner_seeds.py [--seeds S1,S2,...] [--keep] HOSO SHARED (two seeds or more)")
hoso, shared = args
root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
tools = os.path.join(os.path.dirname(os.path.abspath(hoso)), "tools")
train = os.path.join(tools, "ner_train")
if not os.access(train, os.X_OK):
    sys.exit("eval_ner_seeds: no %s (make release)" % train)
work = os.path.join(root, "build", "ner", "seeds-" + name if name else "")
os.makedirs(work, exist_ok=True)

def run(cmd, out=None):
    p = subprocess.run(cmd, stdout=subprocess.PIPE if out is None else out,
                       stderr=subprocess.PIPE)
    if p.returncode != 0:
        sys.exit("eval_ner_seeds: %s failed: %s" % (" ".join(cmd), p.stderr.decode()[-500:]))
    return p.stdout.decode() if out is None else None

conll = []
for year, src in (("2016", os.path.join(shared, "data", "vlsp2016-ner", "train.txt")),
                  ("2018", os.path.join(shared, "data", "vlsp2018-ner", "train"))):
    dst = os.path.join(work, "vlsp%s-train.conll" % year)
    with open(dst, "wb") as f:
        run([sys.executable, os.path.join(root, "scripts", "vlsp_conll.py"), year, src], out=f)
    conll.append(dst)

def scores(text):
    """{set: (all F1, ORG F1)} from eval_ner.py's output."""
    out, cur = {}, None
    for ln in text.splitlines():
        m = re.match(r"VLSP (\d+) NER dev", ln)
        if m: cur = m.group(1); out[cur] = [None, None]; continue
        f = ln.split()
        if cur and len(f) == 5 and f[0] in ("all", "ORG"):
            out[cur][0 if f[0] == "all" else 1] = float(f[3])
    return out

rows = []
for seed in seeds:
    mdir = os.path.join(work, "seeds", str(seed))
    if os.path.exists(mdir): shutil.rmtree(mdir)
    shutil.copytree(os.path.join(root, "models"), mdir)
    run([train, "--epochs", "10"] + extra + ["--seed", str(seed), "--stage2",
         os.path.join(mdir, "ner-doc.model"), mdir, os.path.join(mdir, "ner.model")] + conll)
    s = scores(run([sys.executable, os.path.join(root, "scripts", "eval_ner.py"),
                    "--models", mdir, hoso, shared]))
    rows.append((seed, s))
    print("seed %-9d%s 2016 dev %6.2f (ORG %6.2f)   2018 dev %6.2f (ORG %6.2f)" %
          (seed, " " + " ".join(extra) if extra else "", s["2016"][0], s["2016"][1], s["2018"][0], s["2018"][1]), flush=True)
    if not keep: shutil.rmtree(mdir)
for year in ("2016", "2018"):
    v = [s[year][0] for _, s in rows]
    o = [s[year][1] for _, s in rows]
    print("VLSP %s dev over %d seeds: mean %.2f, spread %.2f (%.2f-%.2f), sd %.2f; ORG mean %.2f" %
          (year, len(v), statistics.mean(v), max(v) - min(v), min(v), max(v),
           statistics.stdev(v), statistics.mean(o)))
