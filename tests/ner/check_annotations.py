#!/usr/bin/env python3
"""check_annotations.py DIR... -- the event annotations under each DIR
(tests/ner/events-vntc: one folder per split, NAME.txt beside
NAME.expected.json) follow the annotation guide's format (README, section
ner: event evaluation), so that scripts/eval_events.py scores what the
annotator meant: every text has its annotation and the reverse; "id" and
"split" name the file and its folder; each event has a type of the
vocabulary (or a list of them), a status, a participants list, a place;
roles and sides name listed participants; roles are the vocabulary's,
sides ISO alpha-2 codes; dates are null, a year, a month or a day
("2003", "XXXX-02", "XXXX-03-21", "2006-04-14").  Prints a summary, or
each fault with its file (exit 1)."""
import json, os, re, sys

TYPES = {"call", "talks", "meeting", "reception", "dialogue", "visit", "signing", "award"}
STATUS = {"happened", "planned", "proposed"}
ROLES = {"participant", "host", "guest", "signatory", "presenter", "recipient"}
KEYS = ("type", "status", "participants", "roles", "sides", "date", "place", "object")
DATE = re.compile(r"^(\d{4}|XXXX)(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")

def strs(v):
    """v is a string or a non-empty list of non-empty strings."""
    if isinstance(v, str): return bool(v.strip())
    return isinstance(v, list) and bool(v) and all(isinstance(x, str) and x.strip() for x in v)

def check_event(e, where, bad):
    if not isinstance(e, dict): bad.append("%s: not an object" % where); return
    for k in e:
        if k not in KEYS: bad.append("%s: unknown field %r" % (where, k))
    t = e.get("type")
    ts = t if isinstance(t, list) else [t]
    if not ts or any(x not in TYPES for x in ts): bad.append("%s: type %r is not in the vocabulary" % (where, t))
    if e.get("status") not in STATUS: bad.append("%s: status %r" % (where, e.get("status")))
    ps = e.get("participants")
    if not isinstance(ps, list) or not all(isinstance(p, str) and p.strip() for p in ps):
        bad.append("%s: participants must be a list of names" % where); ps = []
    if len(set(ps)) != len(ps): bad.append("%s: a participant is listed twice" % where)
    for k, allowed in (("roles", ROLES), ("sides", None)):
        m = e.get(k, {})
        if not isinstance(m, dict): bad.append("%s: %s must be an object" % (where, k)); continue
        for n, v in m.items():
            if n not in ps: bad.append("%s: %s names %r, not a participant" % (where, k, n))
            if allowed is not None and v not in allowed: bad.append("%s: role %r of %r" % (where, v, n))
            if allowed is None and not (isinstance(v, str) and re.match(r"^[A-Z]{2}$", v)):
                bad.append("%s: side %r of %r is no ISO alpha-2 code" % (where, v, n))
    if "date" in e and e["date"] is not None and not (isinstance(e["date"], str) and DATE.match(e["date"])):
        bad.append("%s: date %r" % (where, e["date"]))
    if "place" not in e: bad.append("%s: no place (null when none is stated)" % where)
    elif e["place"] is not None and not strs(e["place"]): bad.append("%s: place %r" % (where, e["place"]))
    if e.get("object") is not None and not strs(e["object"]): bad.append("%s: object %r" % (where, e["object"]))

def check_dir(top, bad):
    nrep = nev = 0
    for split in sorted(os.listdir(top)):
        d = os.path.join(top, split)
        if not os.path.isdir(d): continue
        names = set(os.listdir(d))
        for f in sorted(names):
            if f.endswith(".txt") and f[:-4] + ".expected.json" not in names:
                bad.append("%s/%s: no annotation" % (split, f))
        for f in sorted(names):
            if not f.endswith(".expected.json"): continue
            where = "%s/%s" % (split, f); rid = f[:-len(".expected.json")]
            if rid + ".txt" not in names: bad.append("%s: no text" % where)
            try:
                with open(os.path.join(d, f), encoding="utf-8") as fh: j = json.load(fh)
            except (ValueError, UnicodeDecodeError) as ex:
                bad.append("%s: %s" % (where, ex)); continue
            if not isinstance(j, dict) or not isinstance(j.get("events"), list):
                bad.append("%s: no events list" % where); continue
            if j.get("id") != rid: bad.append("%s: id %r" % (where, j.get("id")))
            if j.get("split") != split: bad.append("%s: split %r" % (where, j.get("split")))
            nrep += 1
            for k, e in enumerate(j["events"]):
                nev += 1; check_event(e, "%s event %d" % (where, k + 1), bad)
    return nrep, nev

def main():
    if len(sys.argv) < 2: sys.exit("usage: check_annotations.py DIR...")
    bad = []; nrep = nev = 0
    for top in sys.argv[1:]:
        r, e = check_dir(top, bad); nrep += r; nev += e
    for b in bad: print(b)
    if bad: sys.exit(1)
    print("%d annotated reports, %d events: format ok" % (nrep, nev))

main()
