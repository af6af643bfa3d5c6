#!/usr/bin/env python3
"""eval_ner.py [--models DIR] [--errors] [--org-table] HOSO SHARED -- NER
precision/recall/F1 per type (CoNLL chunk level, like conlleval) of
`hoso ner --conll` on the VLSP 2016 and VLSP 2018 development sets.
--models: the model directory (hoso ner --models); --errors: one ERR line
per missed or spurious entity (kind, type, words, overlapping other-side
entities, context): dev only; --org-table: the missed organisations of each
set counted by what the tagger made of them and by the form of the name
(org_form below; the head words are the ORGHEAD entries of the model
directory's gazetteers). VLSP 2018's inline ENAMEX files are turned
into one word a line (outermost entities, punctuation split off)."""
import os, subprocess, sys

args = sys.argv[1:]
models = None
errors = False
org_table = False
while args and args[0].startswith("--"):
    if args[0] == "--models": models = args[1]; args = args[2:]
    elif args[0] == "--errors": errors = True; args = args[1:]
    elif args[0] == "--org-table": org_table = True; args = args[1:]
    else: sys.exit("usage: eval_ner.py [--models DIR] [--errors] [--org-table] HOSO SHARED")
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

def org_heads():
    """The ORGHEAD surfaces of the gazetteers (lower case, '_' for spaces)."""
    gdir = os.path.join(models or os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                               "..", "models"), "gazetteers")
    heads = set()
    for f in sorted(os.listdir(gdir)):
        if not f.endswith(".tsv"): continue
        for ln in open(os.path.join(gdir, f), encoding="utf-8"):
            c = ln.rstrip("\n").split("\t")
            if len(c) > 1 and c[1] == "ORGHEAD": heads.add(c[0].lower().replace(" ", "_"))
    return heads

VI_LETTERS = set("ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ")

def org_form(words, heads):
    """The form of an organisation's name: a listed head word alone ("Đảng"), a
    listed head word then more, capitalised or not ("Bệnh_viện Mắt T.Ư",
    "tập_đoàn Unilever"), another lower-case word first ("sư 23", "nhà_máy A34"),
    an all-capital abbreviation ("JAL"), a name in Latin letters ("Unilever"),
    a name in Vietnamese letters ("Khai_Minh")."""
    syl = "_".join(words).lower().split("_")
    for n in range(len(syl), 0, -1):
        if "_".join(syl[:n]) in heads:
            if n == len(syl): return "head word alone"
            return "head word + name" if words[0][:1].isupper() else "lower-case head + name"
    if words[0][:1].islower(): return "other lower-case word first"
    if all(not any(ch.islower() for ch in w) for w in words): return "abbreviation"
    if any(ch in VI_LETTERS for ch in "".join(words).lower()): return "Vietnamese name"
    return "Latin-letter name"

def print_org_table(misses):
    """misses: (form, what the tagger made of it, name) per missed ORG."""
    import collections
    kinds = ["nothing", "ORG, other span", "LOC, same span", "PER, same span",
             "other type or span"]
    print("  missed ORG (%d) by the form of the name and what the tagger made of it:" % len(misses))
    print(" | ".join(["  %-28s %5s" % ("form", "all")] + kinds))
    byform = collections.defaultdict(collections.Counter)
    for form, what, _ in misses: byform[form][what] += 1
    names = collections.Counter(n for _, _, n in misses)
    for form in sorted(byform, key=lambda f: -sum(byform[f].values())):
        c = byform[form]
        print(" | ".join(["  %-28s %5d" % (form, sum(c.values()))] + ["%*d" % (len(k), c[k]) for k in kinds]))
    rep = sum(n for n in names.values() if n > 1)
    print("  of them names missed more than once: %d (%d names)" % (rep, sum(1 for n in names.values() if n > 1)))

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
    heads = org_heads() if org_table else None
    org_misses = []
    for (ws, gold), pred in zip(sents, pred_sents):
        g, pr = chunks(gold), chunks(pred)
        for c in (g - pr if org_table else ()):
            if c[2] != "ORG": continue
            over = [x for x in pr if x[0] < c[1] and c[0] < x[1]]
            if not over: what = "nothing"
            elif any(x[2] == "ORG" for x in over): what = "ORG, other span"
            elif any(x[:2] == c[:2] and x[2] in ("LOC", "PER") for x in over):
                what = [x[2] for x in over if x[:2] == c[:2]][0] + ", same span"
            else: what = "other type or span"
            org_misses.append((org_form(ws[c[0]:c[1]], heads), what, " ".join(ws[c[0]:c[1]])))
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
    if org_table: print_org_table(org_misses)

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from vlsp_conll import vlsp2016, vlsp2018

d16 = os.path.join(shared, "data", "vlsp2016-ner", "dev.txt")
d18 = os.path.join(shared, "data", "vlsp2018-ner", "dev")
score("VLSP 2016 NER dev", vlsp2016(d16))
score("VLSP 2018 NER dev", vlsp2018(d18))
