#!/usr/bin/env python3
"""build-namesyl.py -- the syllables Vietnamese person names use, from news.

Usage: build-namesyl.py VNTC_JSONL_GZ SURNAMES_TXT MIDDLE_TXT EXCLUDE_JSONL OUT

Read by the person check (src/ner/namecheck.c): a person the tagger finds
whose name is written in Vietnamese letters must open with a surname or
with one of these syllables ("Gạch Đồng Tâm", "Dệt Thắng Lợi", "Sân Thành
Long" do not). Counted in VNTC news (MIT licence), inside sentences (never
a sentence's first word):
  - the syllables after a surname that opens a run of 3-4 capitalised
    words ("Phạm Văn Sanh": văn, sanh), the surname list being UITws'
    VNFamilyName.txt (MIT);
  - every syllable of a run of 1-4 capitalised words right after "ông",
    "bà", "anh", "chị" ("anh Giàng A Vàng": giàng, a, vàng).
Sentences with more capitalised words than not (titles in Title Case)
are skipped. A syllable seen at least MIN_COUNT times is kept, with UITws' surnames and
middle names (VNMiddle.txt). The articles of EXCLUDE_JSONL (the demo
archive's sample, on which the check is judged) are left out. Output:
one lower-case NFC syllable a line, sorted: the same input gives the same
bytes.
"""
import collections
import re
import sys

from newsruns import capital_runs, news_texts, nfc

MIN_COUNT = 3
HEADS = {"ông", "bà", "anh", "chị"}
WORD = re.compile(r"[^\W\d_]+")


def read_list(path):
    out = set()
    with open(path, encoding="utf-8") as f:
        for line in f:
            w = nfc(line.strip()).lower()
            if w and not w.startswith("#"):
                out.add(w)
    return out


def capital(w):
    return w[0].isupper() and not (len(w) > 1 and w.isupper())


def count_text(text, surnames, cnt):
    # runs: capitalised words separated by single spaces; a title in Title
    # Case ("Ông Nguyễn Văn A Về Thăm Quê") gives none (newsruns.py)
    for ws, sent, i, j in capital_runs(text, WORD, capital):
        run = [w[0].lower() for w in ws[i:j]]
        before = ws[i - 1][0]
        if before in HEADS and sent[ws[i - 1][2]:ws[i][1]] == " " and len(run) <= 4:
            for s in run:
                cnt[s] += 1
        elif 3 <= len(run) <= 4 and run[0] in surnames:
            for s in run[1:]:
                cnt[s] += 1


def main():
    if len(sys.argv) != 6:
        sys.exit(__doc__)
    news, surn, middle, exclude, out = sys.argv[1:]
    surnames = read_list(surn)
    keep = set(surnames) | read_list(middle)
    cnt = collections.Counter()
    for text in news_texts(news, exclude):
        count_text(text, surnames, cnt)
    keep |= {s for s, c in cnt.items() if c >= MIN_COUNT}
    with open(out, "w", encoding="utf-8") as f:
        f.write("# namesyl.txt -- syllables of Vietnamese person names, counted in VNTC\n"
                "# news (MIT) with UITws' surname and middle-name lists (MIT) by\n"
                "# scripts/build-namesyl.py (make models); do not edit. Read by\n"
                "# src/ner/namecheck.c.\n")
        for s in sorted(keep):
            f.write(s + "\n")


if __name__ == "__main__":
    main()
