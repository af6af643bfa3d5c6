#!/usr/bin/env python3
"""samejson.py A B [--search] -- exit 0 when two hoso JSON outputs (one
value, or JSON Lines) are the same, else print the first difference.

Fields that differ by design are dropped: "added" (when the article was
stored), "at" (when an ingest error happened), "backend" and "schema"
(stats: which store answered, and its own schema version).
--search: the two backends rank with different functions (FTS5 bm25 vs
PostgreSQL ts_rank_cd), so for search results the rank, score, best
article and its snippet are dropped and the results compared as a set of
stories (each with its story record and sources); totals and facets are
compared as they are."""
import json, sys

def load(path):
    text = open(path, encoding="utf-8").read()
    try:
        return json.loads(text)
    except ValueError:
        return [json.loads(l) for l in text.splitlines() if l.strip()]

def strip(v):
    if isinstance(v, dict):
        return {k: strip(x) for k, x in v.items() if k not in ("added", "at", "backend", "schema")}
    if isinstance(v, list):
        return [strip(x) for x in v]
    return v

def unrank(v):
    res = []
    for r in v.get("results", []):
        r = {k: x for k, x in r.items() if k not in ("rank", "score", "article", "snippet")}
        res.append(r)
    v["results"] = sorted(res, key=lambda r: r["story"])
    return v

def first_diff(a, b, path="$"):
    if type(a) != type(b):
        return "%s: %r vs %r" % (path, a, b)
    if isinstance(a, dict):
        if list(a.keys()) != list(b.keys()):
            return "%s: keys %s vs %s" % (path, list(a.keys()), list(b.keys()))
        for k in a:
            d = first_diff(a[k], b[k], path + "." + k)
            if d: return d
        return None
    if isinstance(a, list):
        if len(a) != len(b):
            return "%s: %d vs %d items" % (path, len(a), len(b))
        for i, (x, y) in enumerate(zip(a, b)):
            d = first_diff(x, y, "%s[%d]" % (path, i))
            if d: return d
        return None
    return None if a == b else "%s: %r vs %r" % (path, a, b)

a, b = strip(load(sys.argv[1])), strip(load(sys.argv[2]))
if "--search" in sys.argv[3:]:
    a, b = unrank(a), unrank(b)
d = first_diff(a, b)
if d:
    print(d[:400])
    sys.exit(1)
