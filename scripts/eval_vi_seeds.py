#!/usr/bin/env python3
"""eval_vi_seeds.py [options] TOOLS SHARED -- how much the Vietnamese word
segmenter's and POS tagger's figures move when only the training's shuffle
order changes: the models are trained as `make models-vi` trains them, once
per seed (train_seg --seed, train_pos --seed: the perceptrons' visit order
of the sentences), each model set scored by vi_eval on UD Vietnamese VTB dev
and test; prints each seed's word F1, POS accuracy and word+POS F1, then per
split and figure the mean, the sample standard deviation and the range.

Options:
  --seeds S1,S2,...  seeds ("default" = the tools' own seeds, i.e. the
                     shipped models; default: default,1,2,3,4,5)
  --seg-args "..."   more train_seg arguments (an experiment's option)
  --pos-args "..."   more train_pos arguments
  --seg-only         train the POS tagger only once (default seed): the
                     segmentation figures do not depend on it, the POS
                     figures (gold words) not on the segmenter
  --epochs-seg N --prune-seg X --epochs-pos N --prune-pos X  (mk/vi.mk's)
  --keep             keep build/vi/seeds/SEED/ (otherwise removed)
  --jobs N           seeds trained at once (default 1)

The "default" seed's models must equal the shipped models/ byte for byte
(when no --seg-args/--pos-args are given): the script checks it, which also
checks that `make models-vi` is reproducible. Judge a change by the mean
over the seeds on dev, never by test. ~1.5 min of CPU a seed (less with
--seg-only). Run at nice 10 by `make eval-vi-seeds`."""
import concurrent.futures, filecmp, os, re, shlex, shutil, statistics, subprocess, sys

args = sys.argv[1:]
seeds = ["default", "1", "2", "3", "4", "5"]
seg_args, pos_args, seg_only, keep, jobs = [], [], False, False, 1
ep_seg, pr_seg, ep_pos, pr_pos = "40", "0.02", "20", "0.05"
USAGE = ("usage: eval_vi_seeds.py [--seeds S1,S2,...] [--seg-args ARGS] [--pos-args ARGS] "
         "[--seg-only] [--keep] [--jobs N] [--epochs-seg N] [--prune-seg X] [--epochs-pos N] "
         "[--prune-pos X] TOOLS SHARED")
while args and args[0].startswith("--"):
    a = args[0]
    if a in ("--seg-only", "--keep"):
        seg_only, keep = (True, keep) if a == "--seg-only" else (seg_only, True)
        args = args[1:]
        continue
    if len(args) < 2: sys.exit(USAGE)
    v = args[1]
    if a == "--seeds": seeds = v.split(",")
    elif a == "--seg-args": seg_args = shlex.split(v)
    elif a == "--pos-args": pos_args = shlex.split(v)
    elif a == "--jobs": jobs = int(v)
    elif a == "--epochs-seg": ep_seg = v
    elif a == "--prune-seg": pr_seg = v
    elif a == "--epochs-pos": ep_pos = v
    elif a == "--prune-pos": pr_pos = v
    else: sys.exit(USAGE)
    args = args[2:]
if len(args) != 2 or len(seeds) < 2 or len(set(seeds)) != len(seeds):
    sys.exit(USAGE + " (two different seeds or more)")
for s in seeds:
    if s != "default" and not re.fullmatch(r"[1-9][0-9]*", s):
        sys.exit("eval_vi_seeds: a seed is 'default' or a decimal number > 0, not %r" % s)
tools, shared = args
data = os.path.join(shared, "data")
root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
for t in ("train_seg", "train_pos", "vi_eval"):
    if not os.access(os.path.join(tools, t), os.X_OK):
        sys.exit("eval_vi_seeds: no %s (make release)" % os.path.join(tools, t))
work = os.path.join(root, "build", "vi", "seeds")
os.makedirs(work, exist_ok=True)
VI_MODELS = ("vi-dict.bin", "vi-seg.model", "vi-pos.model")


def run(cmd):
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if p.returncode != 0:
        sys.exit("eval_vi_seeds: %s failed: %s" % (" ".join(cmd), p.stderr.decode()[-800:]))
    return p.stdout.decode()


def scores(text):
    """{split: (F1, POS, w+POS)} from vi_eval's hoso rows."""
    out = {}
    for ln in text.splitlines():
        m = re.match(r"(dev|test)\s+hoso \(perceptron\)\s+\d+\s+(\S+)\s+(\S+)\s+(\S+)\s+(\S+)\s+(\S+)", ln)
        if m: out[m.group(1)] = (float(m.group(4)), float(m.group(5)), float(m.group(6)))
    if set(out) != {"dev", "test"}:
        sys.exit("eval_vi_seeds: no dev/test rows in vi_eval's output:\n" + text)
    return out


def one(seed):
    mdir = os.path.join(work, seed)
    if os.path.exists(mdir): shutil.rmtree(mdir)
    os.makedirs(mdir)
    sopt = [] if seed == "default" else ["--seed=" + seed]
    run([os.path.join(tools, "train_seg"), data, mdir, ep_seg, pr_seg] + sopt + seg_args)
    pseed = [] if seg_only else sopt
    run([os.path.join(tools, "train_pos"), data, mdir, ep_pos, pr_pos, "--cmap"] + pseed + pos_args)
    same = None
    if seed == "default" and not seg_args and not pos_args:
        same = all(filecmp.cmp(os.path.join(mdir, f), os.path.join(root, "models", f), shallow=False)
                   for f in VI_MODELS)
    s = scores(run([os.path.join(tools, "vi_eval"), data, mdir]))
    if not keep: shutil.rmtree(mdir)
    return seed, s, same


print("UD VTB, models trained as make models-vi (seg %s epochs prune %s%s; pos %s epochs prune %s%s)%s"
      % (ep_seg, pr_seg, (" " + " ".join(seg_args)) if seg_args else "", ep_pos, pr_pos,
         (" " + " ".join(pos_args)) if pos_args else "",
         "; POS tagger trained with the default seed only" if seg_only else ""))
print("%-9s %7s %7s %7s   %7s %7s %7s" % ("seed", "devF1", "devPOS", "devW+P", "testF1", "testPOS", "testW+P"))
rows, bad = [], False
with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, jobs)) as ex:
    for seed, s, same in ex.map(one, seeds):
        rows.append((seed, s))
        note = "" if same is None else ("  (= models/, byte for byte)" if same else "  DIFFERS FROM models/")
        bad |= same is False
        print("%-9s %7.2f %7.2f %7.2f   %7.2f %7.2f %7.2f%s" %
              ((seed,) + s["dev"] + s["test"] + (note,)), flush=True)
names = ("word F1", "POS", "word+POS")
for split in ("dev", "test"):
    for k, name in enumerate(names):
        if seg_only and k > 0: continue
        v = [s[split][k] for _, s in rows]
        print("%-4s %-8s over %d seeds: mean %.3f, sd %.3f, range %.2f-%.2f (spread %.2f)" %
              (split, name, len(v), statistics.mean(v), statistics.stdev(v), min(v), max(v),
               max(v) - min(v)))
if bad:
    sys.exit("eval_vi_seeds: the default seed's models differ from models/ (make models-vi is not "
             "reproducible, or models/ is stale)")
