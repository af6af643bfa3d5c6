#!/usr/bin/env python3
"""pages.py HOSO DB EXACT_MAX PAGE ARGS... -- walk every page of a search
(`hoso search --json --limit PAGE --offset ...`) with HOSO_PG_EXACT_MAX set,
and print one JSON object: the results in order (story, score, matching
articles, best article), the first page's totals and whether they were
labelled estimated / the facets sampled, and the facets. tests/pg/views_topk.sh
compares the walk over a store that reads only the best matches with the
walk over one that reads every match. HOSO_TEST_PAGES=N stops after N
pages."""
import json, os, subprocess, sys

hoso, db, exact_max, page = sys.argv[1:5]
args = sys.argv[5:]
env = dict(os.environ, HOSO_PG_EXACT_MAX=exact_max)
res, first, off = [], None, 0
max_pages = int(os.environ.get("HOSO_TEST_PAGES", "0") or 0)
while off <= 100000 and not (max_pages and off >= max_pages * int(page)):
    p = subprocess.run([hoso, "search", "--json", "--limit", page, "--offset",
                        str(off), "--db", db] + args, env=env,
                       capture_output=True, text=True)
    if p.returncode:
        print("hoso search failed: " + p.stderr.strip()[:300])
        sys.exit(1)
    d = json.loads(p.stdout)
    first = first or d
    if not d["results"]:
        break
    res += [[r["story"], round(r["score"], 9), r["matching_articles"],
             r["article"]["id"]] for r in d["results"]]
    off += int(page)
print(json.dumps({"results": res, "articles": first["articles"],
                  "total": first["total"],
                  "estimated": first.get("estimated", False),
                  "sampled": first.get("facets_sampled"),
                  "facets": first.get("facets")}))
