#!/usr/bin/env python3
"""entities_summary.py [--mentions] -- one line per entity of `hoso ner
--entities` JSON on stdin (golden tests, tests/golden/ner-entities): TYPE
name | rank | posts (";"-separated) | country; DATE name | value. With
--mentions, each line ends with " | " and the entity's mentions as written
(";"-separated), read from the JSON's "file". With --from, a country is
followed by where it came from ("US from bracket"). With --posts, the
posts told without a name follow: POST post | head | country | holder's
name (or "-") and where the link came from; "plural" when told of several."""
import json, sys
mentions = "--mentions" in sys.argv[1:]
with_from = "--from" in sys.argv[1:]
posts = "--posts" in sys.argv[1:]
def country(e):
    c = e.get("country") or "-"
    return c + " from " + e["country_from"] if with_from and e.get("country_from") else c
for line in sys.stdin:
    d = json.loads(line)
    text = open(d["file"], "rb").read() if mentions else b""
    for e in d["entities"]:
        if e["type"] == "DATE":
            out = "DATE %s | %s" % (e["name"], e.get("value") or "-")
        elif e["type"] == "PER":
            out = "PER %s | %s | %s | %s" % (e["name"], e.get("rank") or "-",
                  "; ".join(e.get("posts") or []) or "-", country(e))
        else:
            out = "%s %s | %s" % (e["type"], e["name"], country(e))
        if mentions:
            out += " | " + "; ".join(text[a:b].decode() for a, b in e["mentions"])
        print(out)
    if not d["entities"]:
        print("no entities")
    for p in d.get("posts", []) if posts else []:
        h = p["holder"]
        out = "POST %s | %s | %s | %s" % (p["post"], p["head"], p.get("country") or "-",
              d["entities"][h]["name"] + " from " + p["holder_from"] if h is not None else "-")
        print(out + (" | plural" if p.get("plural") else ""))
