#!/usr/bin/env python3
"""check_expected.py OUTPUT.json EXPECTED.json TEXT -- check every fact of a
seed report's expected file against `hoso ner` output; print each failure,
exit 1 if any. Names are compared after NFC, case folding, dash and space
normalisation (the same text, not a fuzzy match)."""
import json, sys, unicodedata

def norm(s):
    if s is None: return None
    s = unicodedata.normalize("NFC", s).casefold()
    for a in "\u2013\u2014\u2212": s = s.replace(a, "-")
    return " ".join(s.split())

out = json.load(open(sys.argv[1], encoding="utf-8"))
exp = json.load(open(sys.argv[2], encoding="utf-8"))
text = open(sys.argv[3], "rb").read()
if "analysis" in out:  # hoso extract --entities --events
    out = out["analysis"]
    if out["offsets"] == "text": text = out["text"].encode("utf-8")
ents = out["entities"]; events = out["events"]
fails = []
def fail(m): fails.append(m)

def names_of(e):
    ns = {norm(e["name"])}
    for a, b in e["mentions"]:
        ns.add(norm(text[a:b].decode("utf-8", "replace")))
    return ns

def find(types, name):
    for e in ents:
        if e["type"] in types and norm(name) in names_of(e): return e
    return None

for p in exp.get("people", []):
    e = find({"PER"}, p["name"])
    if not e: fail("person not found: %s" % p["name"]); continue
    if norm(e["name"]) != norm(p["name"]): fail("person %s: canonical name %r" % (p["name"], e["name"]))
    if norm(e.get("rank")) != norm(p["rank"]): fail("person %s: rank %r, want %r" % (p["name"], e.get("rank"), p["rank"]))
    if e.get("country") != p["country"]: fail("person %s: country %r, want %r" % (p["name"], e.get("country"), p["country"]))
    posts = [norm(x) for x in e.get("posts", [])]
    for want in p.get("posts_include", []):
        if not any(x == norm(want) or x.startswith(norm(want) + " ") for x in posts):
            fail("person %s: post %r not in %r" % (p["name"], want, e.get("posts")))
for o in exp.get("organisations_include", []):
    if not find({"ORG"}, o): fail("organisation not found: %s" % o)
for o in exp.get("places_include", []):
    if not find({"LOC", "GPE"}, o): fail("place not found: %s" % o)
for o in exp.get("countries_include", []):
    if not find({"GPE"}, o): fail("country not found: %s" % o)

def part_names(ev):
    return {norm(p["name"]) for p in ev["participants"]}

want_events = exp.get("events", [])
if len(events) != len(want_events):
    fail("%d events, want %d: %s" % (len(events), len(want_events), [e["type"] for e in events]))
for w in want_events:
    cands = [e for e in events if e["type"] == w["type"]]
    if not cands: fail("event %s not found" % w["type"]); continue
    ev = cands[0]
    tag = "event %s" % w["type"]
    if ev["status"] != w["status"]: fail("%s: status %r, want %r" % (tag, ev["status"], w["status"]))
    if "date" in w:
        got = ev["date"]
        if w["date"] is None and got is not None and not ("note" in w and got.startswith("2025-09")):
            fail("%s: date %r, want null" % (tag, got))
        if w["date"] is not None and got != w["date"]: fail("%s: date %r, want %r" % (tag, got, w["date"]))
    if "place" in w and norm(ev["place"]) != norm(w["place"]): fail("%s: place %r, want %r" % (tag, ev["place"], w["place"]))
    got = part_names(ev)
    for pn in w.get("participants", []):
        if norm(pn) not in got: fail("%s: participant %r missing from %r" % (tag, pn, sorted(got)))
    if len(got) != len(w.get("participants", [])): fail("%s: participants %r, want %r" % (tag, sorted(got), w.get("participants")))
    if "object" in w and norm(ev["object"]) != norm(w["object"]): fail("%s: object %r, want %r" % (tag, ev["object"], w["object"]))
    for pn, role in w.get("roles", {}).items():
        r = [p["role"] for p in ev["participants"] if norm(p["name"]) == norm(pn)]
        if r != [role]: fail("%s: role of %s %r, want %r" % (tag, pn, r, role))
    if "evidence_starts_with" in w:
        ss = [text[a:b].decode("utf-8", "replace") for a, b in ev["evidence"]]
        if not any(s.startswith(w["evidence_starts_with"]) for s in ss):
            fail("%s: no evidence starts with %r" % (tag, w["evidence_starts_with"]))
    for p in ev["participants"]:
        if p["entity"] is not None and not (0 <= p["entity"] < len(ents)): fail("%s: bad entity id" % tag)
if "not_events" in exp:
    # the note names things that must not come out as events: none of the
    # evidence may be about them
    for e in events:
        for a, b in e["evidence"]:
            s = text[a:b].decode("utf-8", "replace")
            for bad in ("Army Games", "ADMM+", "hồ sơ"):
                if bad in s and e["type"] not in [w["type"] for w in want_events]:
                    fail("event %s read from a sentence about %s" % (e["type"], bad))
for f in fails: print("FAIL " + f)
print("%s: %d facts failed" % (sys.argv[2].rsplit("/", 1)[-1], len(fails)))
sys.exit(1 if fails else 0)
