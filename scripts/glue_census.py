#!/usr/bin/env python3
"""glue_census.py HOSO VNTC.jsonl.gz -- how often a lower-case letter is
followed by an upper-case one (or plain Latin letters by "đ") inside a
word of the VNTC reports, by kind, and how many of each kind the
tokenizer splits (src/text/glue.c; `HOSO tokenize`, one word a line).

Kinds, by the letters before the join (the run of letters it ends) and
after it:
  one-letter   one lower-case letter before ("iPod", "eBay", "kWh")
  short-cap    a capital and at most two letters, plain Latin both sides
               ("VnExpress", "McLaren", "ElBaradei")
  camel        a longer capitalised run, plain Latin both sides
               ("MobiFone", "PlayStation")
  vietnamese   a letter only Vietnamese writes on either side ("thămTrung",
               "NộiĐT", "vớI")
  plain-lower  lower-case plain Latin before ("mmHg", "netSent")
  d-after      plain Latin letters, then "đ" ("Rumsfeldđến", "Canađa")
Prints per kind: joins, joins split, and the most frequent of each.
Usage: python3 scripts/glue_census.py build/release/hoso ../shared/data/news/vntc.jsonl.gz
"""
import collections, gzip, json, re, subprocess, sys

VN = set("ăâđêôơưáàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ")
LETTERS = re.compile(r"[^\W\d_]+")


def vn(s):
    return any(c.lower() in VN for c in s)


def kind(left, right, d_join):
    if d_join:
        return "d-after"
    if len(left) == 1:
        return "one-letter"
    if vn(left) or vn(right):
        return "vietnamese"
    if left[0].isupper():
        return "short-cap" if len(left) <= 3 else "camel"
    return "plain-lower"


def main():
    hoso, corpus = sys.argv[1], sys.argv[2]
    joins = collections.defaultdict(collections.Counter)  # kind -> word -> count
    for line in gzip.open(corpus, "rt", encoding="utf-8"):
        for word in LETTERS.findall(json.loads(line)["text"]):
            for i in range(1, len(word)):
                a, b = word[i - 1], word[i]
                d_join = a.isascii() and b in "đĐ" and word[:i].isascii()
                if (a.islower() and b.isupper()) or d_join:
                    joins[kind(word[:i], word[i:], d_join)][word] += 1
                    break
    words = sorted({w for c in joins.values() for w in c})
    out = subprocess.run([hoso, "tokenize"], input="\n".join(words) + "\n",
                         capture_output=True, text=True, check=True).stdout.split("\n")
    split = {w for w, t in zip(words, out) if " " in t}
    for k in ("one-letter", "short-cap", "camel", "vietnamese", "plain-lower", "d-after"):
        c = joins[k]
        n_split = sum(v for w, v in c.items() if w in split)
        top = ", ".join(f"{w} {v}" for w, v in c.most_common(6))
        top_split = ", ".join(f"{w} {v}" for w, v in
                              sorted(((w, v) for w, v in c.items() if w in split),
                                     key=lambda x: -x[1])[:6])
        print(f"{k:12} joins {sum(c.values()):6}  split {n_split:6}  e.g. {top}")
        if n_split:
            print(f"{'':12} split e.g. {top_split}")


if __name__ == "__main__":
    main()
