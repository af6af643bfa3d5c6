#!/usr/bin/env python3
"""events_summary.py -- one line per event of `hoso ner --events` JSON on
stdin (golden tests, tests/golden/events): type status date place
participants (name:role:side) object."""
import json, sys
for line in sys.stdin:
    d = json.loads(line)
    for e in d["events"]:
        parts = ", ".join("%s:%s:%s" % (p["name"], p["role"], p["side"] or "-") for p in e["participants"])
        date = e["date"] or e.get("date_stated") or "-"
        end = e.get("date_end") or e.get("date_end_stated")
        if end: date += ".." + end  # a range of days: first..last
        print("%s %s %s | %s | %s | %s" % (e["type"], e["status"], date, e["place"] or "-", parts, e["object"] or "-"))
    if not d["events"]:
        print("no events")
