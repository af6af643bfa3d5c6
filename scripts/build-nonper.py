#!/usr/bin/env python3
"""build-nonper.py -- names that news never writes as a person's, from news.

Usage: build-nonper.py VNTC_JSONL_GZ NAMEHEADS_TSV TITLES_TSV EXCLUDE_JSONL OUT

Read by the person check (src/ner/namecheck.c): a person the tagger finds
in an article with no sign of a person about it (no rank, post or
person's head word before a mention) whose whole name is listed here gets
the listed type ("Lazio", "Bayern": ORG; "Hong Kong": LOC; "Vista": MISC).
Counted in VNTC news (MIT licence): each run of 1-4 capitalised words
inside a sentence (never its first word) is counted by the head word
right before it, read from models/gazetteers/nameheads.tsv ("CLB Lazio",
"đội Lazio": ORG; "ông": a person; "HLV", "tiền đạo" and the posts of
titles.tsv: a role, which says nothing here, as "tiền đạo Lazio" shows).
A name is listed when its non-person heads were seen at least MIN_SEEN
times, point to one type at least twice as often as to any other, and a
person's head ("ông", "bà") was seen before it less than a tenth as often. Sentences with more
capitalised words than not (titles in Title Case) are skipped; the
articles of EXCLUDE_JSONL (the demo archive's sample, on which the check
is judged) are left out. Output: "name<TAB>TYPE" lines, sorted: the same
input gives the same bytes.
"""
import collections
import re
import sys

from newsruns import capital_runs, news_texts, nfc

MIN_SEEN = 3
MAX_HEAD = 3
WORD = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")


def capital(w):
    return w[0].isupper()


def lower_or_abbr(w):
    return not w[0].isupper() or (len(w) > 1 and w.isupper())


def read_heads(path, titles):
    heads = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            p, t = line.split("\t")
            heads[nfc(p).lower()] = t
    with open(titles, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            p = nfc(line.split("\t")[0]).lower()
            heads.setdefault(p, "ROLE")
    return heads


def count_text(text, heads, cnt):
    for ws, sent, i, j in capital_runs(text, WORD, capital):
        if j - i <= 4:
            # the longest head of 1-3 words in small letters right before
            for n in range(MAX_HEAD, 0, -1):
                if i - n < 0:
                    continue
                hw = ws[i - n:i]
                if not all(lower_or_abbr(w[0]) for w in hw):
                    continue
                if any(sent[hw[k][2]:hw[k + 1][1]] != " " for k in range(n - 1)):
                    continue
                if sent[hw[-1][2]:ws[i][1]] != " ":
                    continue
                t = heads.get(" ".join(w[0] for w in hw).lower())
                if not t:
                    continue
                # a head that ends a name ("Công đảng") is no head
                if i - n >= 1 and capital(ws[i - n - 1][0]) and i - n - 1 > 0:
                    break
                name = " ".join(w[0] for w in ws[i:j])
                cnt[name][t] += 1
                break


def main():
    if len(sys.argv) != 6:
        sys.exit(__doc__)
    news, heads_path, titles, exclude, out = sys.argv[1:]
    heads = read_heads(heads_path, titles)
    cnt = collections.defaultdict(collections.Counter)
    for text in news_texts(news, exclude):
        count_text(text, heads, cnt)
    # one entry per spelling that differs in case only: the counts merge
    merged = collections.defaultdict(collections.Counter)
    for name, c in cnt.items():
        merged[name.lower()].update(c)
    rows = []
    for key, c in merged.items():
        order = [(t, n) for t, n in c.most_common() if t not in ("PER", "ROLE")]
        if not order or 10 * c.get("PER", 0) > order[0][1]:
            continue
        top, n = order[0]
        second = order[1][1] if len(order) > 1 else 0
        if n >= MIN_SEEN and n >= 2 * second:
            rows.append((key, top))
    with open(out, "w", encoding="utf-8") as f:
        f.write("# nonper.tsv -- names VNTC news (MIT) writes after the head words of\n"
                "# nameheads.tsv and never after a person's, with the type their heads\n"
                "# give; by scripts/build-nonper.py (make models); do not edit. Read by\n"
                "# src/ner/namecheck.c.\n")
        for key, t in sorted(rows):
            f.write(f"{key}\t{t}\n")


if __name__ == "__main__":
    main()
