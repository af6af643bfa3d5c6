#!/usr/bin/env python3
"""eval_events.py HOSO NAME TEXT... -- event precision/recall/F1 of `hoso ner`
on reports with NAME.expected.json beside each text. A predicted event
matches an expected one of the same type whose participants it all names
(one-to-one, greedy). Field accuracy over matched events: status, date,
place, object, roles."""
import json, subprocess, sys, unicodedata

def norm(s):
    if s is None: return None
    s = unicodedata.normalize("NFC", s).casefold()
    for a in "\u2013\u2014\u2212": s = s.replace(a, "-")
    return " ".join(s.split())

hoso, name, files = sys.argv[1], sys.argv[2], sys.argv[3:]
tp = npred = nexp = 0
fields = {k: [0, 0] for k in ("status", "date", "place", "object", "roles")}
for f in files:
    exp = json.load(open(f[:-4] + ".expected.json", encoding="utf-8"))
    pub = (exp.get("article") or {}).get("published")
    args = [hoso, "ner", "--events"] + (["--date", pub] if pub else []) + [f]
    p = subprocess.run(args, capture_output=True)
    if p.returncode: print("hoso ner failed on", f, p.stderr.decode()[:300]); sys.exit(1)
    pred = json.loads(p.stdout)["events"]
    want = exp.get("events", [])
    npred += len(pred); nexp += len(want)
    used = set()
    for w in want:
        wp = {norm(x) for x in w.get("participants", [])}
        for i, e in enumerate(pred):
            if i in used or e["type"] != w["type"]: continue
            got = {norm(x["name"]) for x in e["participants"]}
            if wp <= got:
                used.add(i); tp += 1
                fields["status"][1] += 1; fields["status"][0] += e["status"] == w.get("status", "happened")
                if "date" in w:
                    fields["date"][1] += 1; fields["date"][0] += e["date"] == w["date"]
                if "place" in w:
                    fields["place"][1] += 1; fields["place"][0] += norm(e["place"]) == norm(w["place"])
                if "object" in w:
                    fields["object"][1] += 1; fields["object"][0] += norm(e["object"]) == norm(w["object"])
                for pn, role in w.get("roles", {}).items():
                    fields["roles"][1] += 1
                    fields["roles"][0] += any(norm(x["name"]) == norm(pn) and x["role"] == role for x in e["participants"])
                break
P = tp / npred if npred else 0; R = tp / nexp if nexp else 0
F = 2 * P * R / (P + R) if P + R else 0
print("%s: %d reports, %d expected events, %d predicted, %d matched" % (name, len(files), nexp, npred, tp))
print("  events  P %.3f  R %.3f  F1 %.3f" % (P, R, F))
print("  fields over matched events: " + ", ".join("%s %d/%d" % (k, v[0], v[1]) for k, v in fields.items() if v[1]))
