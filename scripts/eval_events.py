#!/usr/bin/env python3
"""eval_events.py HOSO NAME TEXT... -- event precision/recall/F1 of
`hoso ner --events` on reports with NAME.expected.json beside each text.

Matching (one-to-one, greedy in the expected order):
  strict  (the headline figure): same type (an expected event may allow
          two, "meeting/talks"); the participants are the same set of
          people or bodies -- every expected one named by exactly one
          predicted one and no predicted one left over (an expected event
          with no named participant needs a predicted one with none); and,
          where the annotation gives the date (null included), the same
          date: the event's "date", or its "date_stated" when the year is
          unknown ("XXXX-03-21").
  lenient (session 1's criterion, kept for comparison): same type, every
          expected participant among the predicted ones; date not checked.
Two names match when one's words are a run of the other's words after
case and Unicode folding ("Koizumi" ~ "Junichiro Koizumi"); a predicted
participant's names are its canonical name and every mention of its entity
as written ("Mỹ" for the entity "Hoa Kỳ").
Field accuracy over strictly matched events: status, place and object (any
of the listed alternatives; an object matches when one is a prefix of the
other), roles and sides of the participants.
Prints P/R/F1 per event type and overall ("match R/P": an expected event
allowing several types counts for recall under its first type, and for
precision under the type predicted); with --errors, what was missed
and what was predicted wrongly (for the development set only); with
--categories, the errors counted by kind (see categorise()).  Neither
flag changes the figures.  --learned: events decided by the learned scorer
(models/events.model, `hoso ner --learned-events`); --model FILE: by the
scorer in FILE (`--event-model FILE`).

--candidates: the recall of the candidate generator instead -- every
candidate of `hoso ner --event-features` (the events the rules report and
the ones they drop, "rule": 0).  An expected event is *reached* when a
candidate of its type names one of its participants or was read from a
sentence that names one (for an event with no participant: any candidate
of its type in the report); *with a party* when a candidate of its type
names one of its participants (or, with none expected, names none either);
*strict-reachable* when a candidate matches it
strictly (one-to-one, as above): the most any scorer over these candidates
can find.  Each expected event not reached is given a cause from the text
(see why_missed()); --errors lists them with the sentences that name their
participants."""
import json, re, subprocess, sys, unicodedata

def norm(s):
    if s is None: return None
    s = unicodedata.normalize("NFC", s).casefold()
    for a in "\u2013\u2014\u2212": s = s.replace(a, "-")
    return " ".join(s.replace("\u00a0", " ").split())

def name_match(a, b):
    wa, wb = norm(a).split(), norm(b).split()
    if len(wa) > len(wb): wa, wb = wb, wa
    return any(wb[i:i + len(wa)] == wa for i in range(len(wb) - len(wa) + 1))

def alts(v):
    return v if isinstance(v, list) else [v]

def assign(exp_names, pred_names):
    """A one-to-one assignment of expected to predicted names, or None."""
    used = set(); pairs = {}
    def go(i):
        if i == len(exp_names): return True
        for j, p in enumerate(pred_names):
            if j not in used and any_match(exp_names[i], p):
                used.add(j); pairs[exp_names[i]] = j
                if go(i + 1): return True
                used.discard(j); del pairs[exp_names[i]]
        return False
    return dict(pairs) if go(0) else None

def pred_date(e):
    return e.get("date") or e.get("date_stated")

def names_of(e):
    """Per participant: its canonical name and its entity's mentions as written."""
    return [[x["name"]] + x.get("_forms", []) for x in e["participants"]]

def any_match(a, forms):
    return any(name_match(a, f) for f in forms)

def strict_ok(w, e):
    if e["type"] not in alts(w["type"]): return None
    names = names_of(e)
    if len(names) != len(w.get("participants", [])): return None
    pairs = assign(w.get("participants", []), names)
    if pairs is None: return None
    if "date" in w and pred_date(e) != w["date"]: return None
    return pairs

def lenient_ok(w, e):
    if e["type"] not in alts(w["type"]): return False
    names = names_of(e)
    return all(any(any_match(x, n) for n in names) for x in w.get("participants", []))

CATEGORIES = (
    ("missed", "no predicted event of the type shares a participant (trigger or participants not found)"),
    ("type", "a predicted event with a participant in common has another type"),
    ("participant-missing", "same type, some expected participants absent, none extra"),
    ("participant-extra", "same type, all expected participants present plus others"),
    ("participant-wrong", "same type, some absent and some extra"),
    ("date", "same type and participants, another date"),
    ("duplicate", "predicted, same type and a participant of an event already matched (one event told twice)"),
    ("spurious", "predicted, nothing expected of its type shares a participant"),
)

def overlap(w, e):
    """How many of w's expected participants the predicted event e names."""
    names = names_of(e)
    return sum(any(any_match(x, n) for n in names) for x in w.get("participants", []))

def categorise(missed, pred, used, want_hits):
    """Pair each missed expected event with the closest unused predicted
    one of its report and name the difference; name the leftover
    predicted ones.  want_hits: the expected events strictly matched.
    Returns [(category, text)]."""
    out = []; taken = set()
    for w in missed:
        best = None
        for i, e in enumerate(pred):
            if i in used or i in taken: continue
            same = e["type"] in alts(w["type"])
            ov = overlap(w, e)
            noone = not w.get("participants") and not e["participants"]
            if not same and ov == 0: continue
            if same and ov == 0 and not noone and w.get("participants"): continue
            score = (same, ov)
            if best is None or score > best[0]: best = (score, i)
        desc = "%s %s" % ("/".join(alts(w["type"])), w.get("participants"))
        if best is None:
            out.append(("missed", desc)); continue
        (same, ov), i = best; e = pred[i]; taken.add(i)
        if not same:
            out.append(("type", desc + " -> " + e["type"])); continue
        nexp = len(w.get("participants", [])); npred = len(e["participants"])
        miss = nexp - ov
        extra = npred - ov
        pn = [x["name"] for x in e["participants"]]
        if miss == 0 and extra == 0: out.append(("date", desc + " date %s -> %s" % (w.get("date"), pred_date(e))))
        elif extra == 0: out.append(("participant-missing", desc + " -> " + str(pn)))
        elif miss == 0: out.append(("participant-extra", desc + " -> " + str(pn)))
        else: out.append(("participant-wrong", desc + " -> " + str(pn)))
    for i, e in enumerate(pred):
        if i in used or i in taken: continue
        desc = "%s %s" % (e["type"], [x["name"] for x in e["participants"]])
        dup = any(e["type"] in alts(w["type"]) and (overlap(w, e) > 0 or not e["participants"]) for w in want_hits)
        out.append(("duplicate" if dup else "spurious", desc))
    return out

def prf(tp, npred, nexp):
    P = tp / npred if npred else 0.0; R = tp / nexp if nexp else 0.0
    return P, R, (2 * P * R / (P + R) if P + R else 0.0)

def hoso_ner(hoso, f, pub, extra):
    """The parsed output of `hoso ner --entities --events` on f, each
    predicted participant with its entity's mentions as written (_forms)."""
    cmd = [hoso, "ner", "--entities", "--events"] + extra + (["--date", pub] if pub else []) + [f]
    p = subprocess.run(cmd, capture_output=True)
    if p.returncode:
        print("hoso ner failed on", f, p.stderr.decode()[:300]); sys.exit(1)
    out = json.loads(p.stdout)
    raw = open(f, "rb").read()
    forms = {}
    for ent in out.get("entities", []):
        forms[ent["id"]] = sorted({raw[a:b].decode("utf-8", "replace") for a, b in ent.get("mentions", [])})
    for e in out["events"]:
        for x in e["participants"]:
            if x.get("entity") is not None: x["_forms"] = forms.get(x["entity"], [])
    return out

def expected(f):
    return json.load(open(f[:-4] + ".expected.json", encoding="utf-8"))

def strict_hits(want, pred):
    """Greedy one-to-one strict matching in the expected order: the set of
    matched predicted indexes and [(expected, predicted index, pairs)]."""
    used = set(); hits = []
    for w in want:
        for i, e in enumerate(pred):
            if i in used: continue
            pairs = strict_ok(w, e)
            if pairs is not None:
                used.add(i); hits.append((w, i, pairs)); break
    return used, hits

def load_triggers(path=None):
    """{type: [folded trigger surface]} from the trigger list (rows of
    type "-", phrases that hide a trigger, left out)."""
    import os
    path = path or os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "models", "events", "triggers.tsv")
    out = {}
    for line in open(path, encoding="utf-8"):
        f = line.rstrip("\n").split("\t")
        if line.startswith("#") or len(f) < 3 or f[1] != "TRIGGER" or f[2] == "-": continue
        out.setdefault(f[2], []).append(norm(f[0]))
    return out

def sentences(text):
    """The text cut into sentences, roughly (lines, then ". " before a
    capital): for naming causes only; the figures use hoso's evidence."""
    out = []
    for line in text.split("\n"):
        out += [x for x in re.split(r"(?<=[.!?])\s+(?=[\"\u201c(]?[A-Z\u0110\u00c0-\u1ef9])", line) if x.strip()]
    return out

def has_words(text, phrase):
    """Does the folded text hold phrase as a run of whole words?"""
    return re.search(r"(?<!\w)" + re.escape(phrase) + r"(?!\w)", text) is not None

def why_missed(w, sents, trig):
    """The cause of an expected event no candidate reaches, from the text:
    no-trigger (no trigger of its type anywhere: not in the lexicon),
    title-only (one only in the first line), party-elsewhere (triggers of
    its type, but no sentence holds one together with a participant's name:
    parties by pronoun, post or in another sentence), rejected (a sentence
    holds both: the generator's conditions or the entity stage failed)."""
    ns = [norm(x) for x in sents]
    tr = set()
    for t in alts(w["type"]): tr.update(trig.get(t, []))
    with_t = [i for i, x in enumerate(ns) if any(has_words(x, t) for t in tr)]
    if not with_t: return "no-trigger"
    names = [norm(x) for x in w.get("participants", [])]
    if not names: return "rejected"
    both = [i for i in with_t if any(has_words(ns[i], n) for n in names)]
    if both: return "rejected"
    if with_t == [0]: return "title-only"
    return "party-elsewhere"

def reached(w, e, text):
    """Is candidate e of w's type, naming one of w's participants or read
    from a sentence that names one?"""
    if e["type"] not in alts(w["type"]): return False
    names = w.get("participants", [])
    if not names: return True
    if overlap(w, e): return True
    for a, b in e.get("evidence", []):
        sent = norm(text[a:b].decode("utf-8", "replace"))
        if any(has_words(sent, norm(n)) for n in names): return True
    return False

def candidates(hoso, name, files, extra, show):
    """Candidate recall (--candidates; see the module comment)."""
    trig = load_triggers()
    nexp = nreach = nparty = nstrict = ncand = nrule = 0
    causes = {}; bytype = {}
    for f in files:
        exp = expected(f)
        pub = (exp.get("article") or {}).get("published")
        pred = hoso_ner(hoso, f, pub, extra + ["--event-features"])["events"]
        raw = open(f, "rb").read()
        want = exp.get("events", [])
        ncand += len(pred); nrule += sum(1 for e in pred if e.get("rule", 1))
        used, hits = strict_hits(want, pred)
        strict_ids = {id(w) for w, _, _ in hits}
        sents = sentences(raw.decode("utf-8", "replace"))
        for w in want:
            t = alts(w["type"])[0]
            bt = bytype.setdefault(t, [0, 0, 0, 0]); bt[0] += 1; nexp += 1
            nstrict += id(w) in strict_ids; bt[2] += id(w) in strict_ids
            party = any(e["type"] in alts(w["type"]) and (overlap(w, e) if w.get("participants") else not e["participants"])
                        for e in pred)
            nparty += party; bt[3] += party
            if any(reached(w, e, raw) for e in pred):
                nreach += 1; bt[1] += 1; continue
            c = why_missed(w, sents, trig)
            causes[c] = causes.get(c, 0) + 1
            if show:
                print("  %-16s %s: %s %s %s" % (c.upper(), f.split("/")[-1], "/".join(alts(w["type"])),
                                                 w.get("status"), w.get("participants")))
                names = [norm(x) for x in w.get("participants", [])]
                for x in sents:
                    if any(has_words(norm(x), n) for n in names): print("      | " + x.strip()[:300])
    print("%s: %d reports, %d expected events, %d candidates (%d the rules keep)" % (name, len(files), nexp, ncand, nrule))
    for t in sorted(bytype):
        v = bytype[t]
        print("  %-10s exp %3d reached %3d with a party %3d strict-reachable %3d" % (t, v[0], v[1], v[3], v[2]))
    print("  candidate recall (a candidate of its type names or shares a sentence with a participant)   %d/%d = %.3f"
          % (nreach, nexp, nreach / nexp if nexp else 0.0))
    print("  with a party (a candidate of its type names one of its participants)   %d/%d = %.3f"
          % (nparty, nexp, nparty / nexp if nexp else 0.0))
    print("  strict-reachable (a candidate matches it strictly: the ceiling of any scorer)   %d/%d = %.3f"
          % (nstrict, nexp, nstrict / nexp if nexp else 0.0))
    print("  not reached, by cause: " + ", ".join("%s %d" % (c, causes.get(c, 0))
                                                for c in ("no-trigger", "title-only", "party-elsewhere", "rejected")))

def main():
    args = sys.argv[1:]
    show = "--errors" in args
    cats = "--categories" in args
    extra = []
    if "--learned" in args: extra.append("--learned-events")
    if "--model" in args:
        k = args.index("--model"); extra += ["--event-model", args[k + 1]]; del args[k:k + 2]
    cand = "--candidates" in args
    args = [a for a in args if a not in ("--errors", "--categories", "--learned", "--candidates")]
    catn = {}
    hoso, name, files = args[0], args[1], args[2:]
    if cand: return candidates(hoso, name, files, extra, show)
    types = {}
    def T(t):
        # tp_p: matches counted under the predicted type (precision);
        # tp_r: under the expected event's first type (recall) -- they
        # differ when an expected type lists alternatives
        return types.setdefault(t, {"tp_p": 0, "tp_r": 0, "pred": 0, "exp": 0})
    ltp = 0
    fields = {k: [0, 0] for k in ("status", "date", "place", "object", "roles", "sides")}
    for f in files:
        exp = expected(f)
        pub = (exp.get("article") or {}).get("published")
        pred = hoso_ner(hoso, f, pub, extra)["events"]
        want = exp.get("events", [])
        for e in pred: T(e["type"])["pred"] += 1
        for w in want: T(alts(w["type"])[0])["exp"] += 1
        used = set(); lused = set(); missed = []; hits = []
        for w in want:
            hit = None
            for i, e in enumerate(pred):
                if i in used: continue
                pairs = strict_ok(w, e)
                if pairs is not None: hit = (i, pairs); break
            for i, e in enumerate(pred):
                if i not in lused and lenient_ok(w, e): lused.add(i); ltp += 1; break
            if hit is None: missed.append(w); continue
            i, pairs = hit; e = pred[i]; used.add(i); hits.append(w)
            T(e["type"])["tp_p"] += 1
            T(alts(w["type"])[0])["tp_r"] += 1
            fields["status"][1] += 1; fields["status"][0] += e["status"] == w.get("status", "happened")
            if "date" in w: fields["date"][1] += 1; fields["date"][0] += pred_date(e) == w["date"]
            if w.get("place") is not None:
                fields["place"][1] += 1
                fields["place"][0] += any(norm(e["place"]) == norm(x) for x in alts(w["place"]))
            if w.get("object") is not None:
                fields["object"][1] += 1
                po = norm(e["object"]) or ""
                fields["object"][0] += bool(po) and any(po.startswith(norm(x)) or norm(x).startswith(po) for x in alts(w["object"]))
            for pn, role in w.get("roles", {}).items():
                fields["roles"][1] += 1; fields["roles"][0] += e["participants"][pairs[pn]]["role"] == role
            for pn, side in w.get("sides", {}).items():
                fields["sides"][1] += 1; fields["sides"][0] += (e["participants"][pairs[pn]]["side"] or "") == side
        if cats:
            for c, desc in categorise(missed, pred, used, hits):
                catn[c] = catn.get(c, 0) + 1
                if show: print("  %-19s %s: %s" % (c.upper(), f.split("/")[-1], desc))
        elif show:
            for w in missed:
                print("  MISS  %s: %s %s %s date=%s" % (f.split("/")[-1], "/".join(alts(w["type"])), w.get("status"), w.get("participants"), w.get("date")))
            for i, e in enumerate(pred):
                if i not in used:
                    print("  WRONG %s: %s %s %s date=%s" % (f.split("/")[-1], e["type"], e["status"], [x["name"] for x in e["participants"]], pred_date(e)))
    tp = sum(v["tp_p"] for v in types.values()); npred = sum(v["pred"] for v in types.values())
    nexp = sum(v["exp"] for v in types.values())
    print("%s: %d reports, %d expected events, %d predicted" % (name, len(files), nexp, npred))
    for t in sorted(types):
        v = types[t]
        P = v["tp_p"] / v["pred"] if v["pred"] else 0.0
        R = v["tp_r"] / v["exp"] if v["exp"] else 0.0
        F = 2 * P * R / (P + R) if P + R else 0.0
        print("  %-10s exp %3d pred %3d match %3d/%-3d P %.2f  R %.2f  F1 %.2f" % (t, v["exp"], v["pred"], v["tp_r"], v["tp_p"], P, R, F))
    P, R, F = prf(tp, npred, nexp)
    print("  overall, strict (type + participants + date)   P %.3f  R %.3f  F1 %.3f" % (P, R, F))
    P, R, F = prf(ltp, npred, nexp)
    print("  overall, lenient (type + expected participants among predicted)   P %.3f  R %.3f  F1 %.3f" % (P, R, F))
    print("  fields over strict matches: " + ", ".join("%s %d/%d" % (k, v[0], v[1]) for k, v in fields.items() if v[1]))
    if cats:
        print("  errors by category (a missed expected event paired with its closest predicted one counts once):")
        for c, what in CATEGORIES:
            print("    %-19s %3d  %s" % (c, catn.get(c, 0), what))

if __name__ == "__main__":
    main()
