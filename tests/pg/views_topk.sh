# tests/pg/views_topk.sh -- sourced by scripts/test-pg.sh after views.sh (the
# archive $V, the bundled sample). A search reads only the best-ranked
# matches (store/pg_topk.c): past HOSO_PG_EXACT_MAX matching articles the
# page is still exact but the totals are estimated (and say so) and the
# facets are counted over a sample (and say so). Here the limit is set to
# 5 so that the sample archive takes that path, and every page of each
# search (pages of 7: candidates grow past the first round) must list the
# same stories in the same order, with the same scores and matching
# articles, as the search that reads every match; with words, the
# article count (the index's own count) equals the exact one. Both with
# the RUM index (the archive as migrated) and with GIN only (ranked by
# ts_rank_cd).
pages() { python3 tests/pg/pages.py "$hoso" "$@"; }
topk_same() { # topk_same DB LABEL WANT ARGS... (WANT: est = estimated totals
  # expected; any = exact or estimated, each checked as such; plan =
  # estimated with HOSO_PG_COUNT_MAX=0: the planner's estimate, not the
  # index's count; one = the limit at its default (1000): fewer matches
  # than that, so the totals are exact)
  local db=$1 label=$2 want=$3; shift 3
  local full small exact=5 cmax=
  [ "$want" = one ] && exact=1000
  [ "$want" = plan ] && cmax=0
  full=$(pages "$db" 100000000 1000 "$@")
  small=$(env ${cmax:+HOSO_PG_COUNT_MAX=$cmax} python3 tests/pg/pages.py "$hoso" "$db" $exact 7 "$@")
  local d
  d=$(python3 - "$full" "$small" "$*" "$want" <<'PY'
import json, sys
f, s = json.loads(sys.argv[1]), json.loads(sys.argv[2])
want_est = sys.argv[4] in ("est", "plan")
plan = sys.argv[4] == "plan"
one = sys.argv[4] == "one"
by_article = "--articles" in sys.argv[3].split()
filters_only = sys.argv[3].split()[-2:-1] == ["--lang"] # no words: the planner estimates
n = len(f["results"])
if n < 8: print("too few results to page (%d)" % n); sys.exit()
if f["estimated"] or f["sampled"] is not None: print("reading every match was labelled estimated/sampled")
elif s["results"] != f["results"]:
    i = next((i for i, (a, b) in enumerate(zip(f["results"], s["results"])) if a != b), min(len(f["results"]), len(s["results"])))
    print("result %d differs: %s vs %s (%d vs %d results)" % (i, f["results"][i:i+1], s["results"][i:i+1], n, len(s["results"])))
elif want_est and not s["estimated"]: print("the totals are not labelled estimated")
elif one and s["estimated"]: print("fewer matches than the limit, but the totals are labelled estimated")
elif not s["estimated"]: # every match was read (e.g. 28 candidates for a page of 7, or grown for a boost)
    if s["estimated"] or s["sampled"] is not None or s["total"] != f["total"] or s["articles"] != f["articles"] or s["facets"] != f["facets"]:
        print("every match read in one round, but not the exact totals and facets: %s" % {k: s[k] for k in ("estimated", "sampled", "total", "articles")})
elif not filters_only and not plan and s["articles"] != f["articles"]: print("articles %s vs %s" % (s["articles"], f["articles"]))
elif (filters_only or plan) and not s["articles"] >= 28: print("estimated articles %s below the candidates read (28)" % s["articles"])
elif not isinstance(s["sampled"], int) or not (7 <= s["sampled"] < f["articles"]): print("facets_sampled %r, want 7..%d" % (s["sampled"], f["articles"] - 1))
elif by_article and s["total"] != s["articles"]: print("--articles: total %s != articles %s" % (s["total"], s["articles"]))
elif not (0 < s["total"] <= s["articles"]): print("estimated total %s out of range" % s["total"])
elif sum(x["count"] for x in s["facets"]["outlets"]) > s["sampled"]: print("sampled outlet facet counts more than the sample")
PY
)
  case $want in plan) label="$label, planner's count";; one) label="$label, default limit";; esac
  [ -z "$d" ] && ok "top-k ($label) = every match: search $*" || bad "top-k ($label) = every match: search $*" "$d"
}
check "the migrated archive has a RUM index in place of GIN" "t|f" \
  "$(pgl_psql coord views -c "SELECT to_regclass('hoso.article_rum') IS NOT NULL, to_regclass('hoso.article_tsv') IS NOT NULL")"
check_has "RUM gives the best matches from the index" "article_rum" \
  "$(pgl_psql coord views -c "SET search_path = hoso, public; SET enable_seqscan = off; EXPLAIN SELECT id FROM hoso.article WHERE tsv @@ 'quoc'::tsquery ORDER BY tsv <=> 'quoc'::tsquery LIMIT 10")"
pgl_psql coord postgres -c "CREATE DATABASE viewsgin TEMPLATE views" >/dev/null \
  && pgl_psql coord postgres -c "ALTER DATABASE viewsgin SET hoso.model_dir = '$PGL_DIR/models'" >/dev/null \
  && pgl_psql coord viewsgin -c "DROP INDEX hoso.article_rum; CREATE INDEX article_tsv ON hoso.article USING gin(tsv)" >/dev/null \
  || bad "a GIN-only copy of the archive" "failed"
G=$(pgl_url coord viewsgin)
for db in "$V" "$G"; do
  label=RUM; [ "$db" = "$G" ] && label=GIN
  topk_same "$db" $label any "quoc phong"
  topk_same "$db" $label est "Nga OR Mỹ"
  topk_same "$db" $label any --sources "quân"
  topk_same "$db" $label est --fresh "Việt Nam"
  topk_same "$db" $label any --articles "quốc phòng"
  topk_same "$db" $label est --articles "Việt Nam"
  topk_same "$db" $label est --lang vi
  topk_same "$db" $label plan "Việt Nam"
  topk_same "$db" $label one "quoc phong"
  topk_same "$db" $label one --fresh "Nga OR Mỹ"
done
# the two indexes rank differently but find the same stories
check "RUM and GIN find the same stories" \
  "$(pages "$V" 100000000 1000 "quoc phong" | python3 -c 'import json,sys; print(sorted(r[0] for r in json.load(sys.stdin)["results"]))')" \
  "$(pages "$G" 100000000 1000 "quoc phong" | python3 -c 'import json,sys; print(sorted(r[0] for r in json.load(sys.stdin)["results"]))')"
out=$(HOSO_PG_EXACT_MAX=lots $hoso search --db "$V" quoc 2>&1)
check_has "a bad HOSO_PG_EXACT_MAX is refused by name" "HOSO_PG_EXACT_MAX='lots'" "$out"
out=$(HOSO_PG_COUNT_MAX=-1 $hoso search --db "$V" quoc 2>&1)
check_has "a bad HOSO_PG_COUNT_MAX is refused by name" "HOSO_PG_COUNT_MAX='-1'" "$out"
