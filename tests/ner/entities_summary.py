#!/usr/bin/env python3
"""entities_summary.py -- one line per entity of `hoso ner --entities` JSON
on stdin (golden tests, tests/golden/ner-entities): TYPE name | rank |
posts (";"-separated) | country; DATE name | value."""
import json, sys
for line in sys.stdin:
    d = json.loads(line)
    for e in d["entities"]:
        if e["type"] == "DATE":
            print("DATE %s | %s" % (e["name"], e.get("value") or "-"))
        elif e["type"] == "PER":
            print("PER %s | %s | %s | %s" % (e["name"], e.get("rank") or "-",
                  "; ".join(e.get("posts") or []) or "-", e.get("country") or "-"))
        else:
            print("%s %s | %s" % (e["type"], e["name"], e.get("country") or "-"))
    if not d["entities"]:
        print("no entities")
