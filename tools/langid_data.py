#!/usr/bin/env python3
"""langid_data.py SHARED OUTDIR -- the language-id training and evaluation
sets, as TSV lines "lang<TAB>source<TAB>text" (text on one line).

  vi  train: VNTC articles of split Train_Full (first 6,000), cut into
             paragraphs at sentence ends.  eval: VNTC Test_Full (first 600
             articles) and fundus vn/ pages (VnExpress, out of domain).
  ru  train: UD Russian GSD dev + UD Russian PUD sentences (# text).
      eval:  UD Russian GSD test sentences, and fundus Russian-language pages.
  en / other: fundus-pages paragraphs. A publisher's language is decided
      once from all its paragraphs (script counts; English function-word
      rate); Vietnamese/Russian publishers go to eval only. Publishers are
      split deterministically: every 4th (sorted by path) is held out for
      eval, the rest train.
Deterministic: no randomness, files read in sorted order."""
import glob, gzip, json, os, re, sys

shared, out = sys.argv[1], sys.argv[2]
os.makedirs(out, exist_ok=True)
train = open(os.path.join(out, "train.tsv"), "w", encoding="utf-8")
evalf = open(os.path.join(out, "eval.tsv"), "w", encoding="utf-8")

def clean(t):
    return re.sub(r"\s+", " ", t).strip()

def put(f, lang, src, text):
    text = clean(text)
    if len(text) >= 20:
        f.write(f"{lang}\t{src}\t{text}\n")

def paragraphs(text, size=400):
    """Cut a long article into paragraph-sized pieces at sentence ends."""
    parts, cur = [], ""
    for s in re.split(r"(?<=[.!?])\s+", text):
        cur = (cur + " " + s).strip()
        if len(cur) >= size:
            parts.append(cur); cur = ""
    if cur: parts.append(cur)
    return parts

# ---- Vietnamese: VNTC
ntrain = ntest = 0
with gzip.open(os.path.join(shared, "data/news/vntc.jsonl.gz"), "rt", encoding="utf-8") as f:
    for line in f:
        d = json.loads(line)
        if d["split"] == "Train_Full" and ntrain < 6000:
            ntrain += 1
            for p in paragraphs(d["text"]): put(train, "vi", "vntc-train", p)
        elif d["split"] == "Test_Full" and ntest < 600:
            ntest += 1
            for p in paragraphs(d["text"]): put(evalf, "vi", "vntc-test", p)
        if ntrain >= 6000 and ntest >= 600: break

# ---- Russian: UD
def ud_texts(path):
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("# text = "): yield line[9:].strip()
ru = os.path.join(shared, "data/ru")
for p in ("ud-gsd/ru_gsd-ud-dev.conllu", "ud-pud/ru_pud-ud-test.conllu"):
    for t in ud_texts(os.path.join(ru, p)): put(train, "ru", "ud-" + p.split("/")[0][3:], t)
for t in ud_texts(os.path.join(ru, "ud-gsd/ru_gsd-ud-test.conllu")): put(evalf, "ru", "ud-gsd-test", t)

# ---- fundus pages: en and other (vi/ru publishers: eval only)
EN = set("the and of to in is that for was with on as by it at from are be this have has".split())
def fundus_paragraphs(path):
    d = json.load(open(path, encoding="utf-8"))
    out = []
    for ver in sorted(d):
        v = d[ver]
        body = v.get("body") or {}
        for sec in body.get("sections", []):
            out += sec.get("paragraphs", [])
        break  # one parser version is enough
    return out

def publisher_lang(paras):
    text = " ".join(paras)
    cyr = len(re.findall(r"[\u0400-\u04FF]", text))
    lat = len(re.findall(r"[A-Za-z\u00C0-\u024F\u1E00-\u1EFF]", text))
    vi = len(re.findall(r"[ăâđêôơưĂÂĐÊÔƠƯ\u1EA0-\u1EF9]", text))
    if cyr > lat:
        return "other" if re.search(r"[іїєґІЇЄҐ]", text) else "ru"
    if lat == 0: return "other"
    if vi > 0.02 * lat: return "vi"
    words = re.findall(r"[a-z]+", text.lower())
    if words and sum(w in EN for w in words) / len(words) > 0.15: return "en"
    return "other"

pubs = sorted(glob.glob(os.path.join(shared, "data/extraction/fundus-pages/*/*.json")))
for i, path in enumerate(pubs):
    paras = fundus_paragraphs(path)
    if not paras: continue
    lang = publisher_lang(paras)
    src = "fundus-" + os.path.relpath(path, os.path.join(shared, "data/extraction/fundus-pages"))
    held = lang in ("vi", "ru") or i % 4 == 3
    for p in paras: put(evalf if held else train, lang, src, p)
train.close(); evalf.close()
