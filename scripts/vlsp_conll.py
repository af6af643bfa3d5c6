#!/usr/bin/env python3
"""vlsp_conll.py FORMAT PATH -- write a VLSP NER set as one word a line with
its BIO tag (PER, LOC, ORG, MISC), a blank line between sentences:
  2016 FILE   word<TAB>tag (IMGID lines dropped), gold segmentation kept
  2018 DIR    inline <ENAMEX TYPE=...> files: outermost entities, punctuation split off
  2021 FILE   fine-grained tags mapped to PER/LOC/ORG/MISC, others O
Used by `make models` and `make eval` (data stays in ../shared)."""
import os, re, sys, unicodedata

TYPES = {"PERSON": "PER", "LOCATION": "LOC", "ORGANIZATION": "ORG", "MISCELLANEOUS": "MISC"}
TAG = re.compile(r'<ENAMEX\s+TYPE="([A-Z]+)"\s*>|</ENAMEX>')
WORD = re.compile(r"\w+(?:[-.'/]\w+)*|[^\w\s]", re.UNICODE)

def vlsp2016(path):
    sents, ws, ts = [], [], []
    for ln in open(path, encoding="utf-8"):
        ln = ln.rstrip("\r\n")
        if ln.startswith("IMGID:"): continue
        if not ln.strip():
            if ws: sents.append((ws, ts)); ws, ts = [], []
            continue
        c = ln.split("\t")
        ws.append(c[0]); ts.append(c[-1] if len(c) > 1 else "O")
    if ws: sents.append((ws, ts))
    return sents

def vlsp2021(path):
    out = []
    for ws, ts in vlsp2016(path):
        nt = []
        for t in ts:
            if t == "O": nt.append("O"); continue
            bio, typ = t[:2], t[2:]
            m = {"PERSON": "PER", "LOCATION": "LOC", "LOCATION-GPE": "LOC", "LOCATION-GEO": "LOC",
                 "ORGANIZATION": "ORG", "ORGANIZATION-MED": "ORG", "ORGANIZATION-SPORTS": "ORG",
                 "ORGANIZATION-STOCK": "ORG"}.get(typ)
            nt.append(bio + m if m else "O")
        out.append((ws, nt))
    return out

def vlsp2018(folder):
    sents = []
    for root, _, files in sorted(os.walk(folder)):
        for f in sorted(files):
            text = unicodedata.normalize("NFC", open(os.path.join(root, f), encoding="utf-8").read())
            for para in text.split("\n"):
                if not para.strip(): continue
                ws, ts, stack, pos, first = [], [], [], 0, False
                for m in list(TAG.finditer(para)) + [None]:
                    seg = para[pos:m.start()] if m else para[pos:]
                    for w in WORD.findall(seg):
                        if stack:
                            ts.append(("B-" if first else "I-") + stack[0]); first = False
                        else:
                            ts.append("O")
                        ws.append(w)
                    if not m: break
                    pos = m.end()
                    if m.group(1):
                        if not stack: first = True
                        stack.append(TYPES.get(m.group(1), "MISC"))
                    elif stack:
                        stack.pop()
                if ws: sents.append((ws, ts))
    return sents

def read(fmt, path):
    return {"2016": vlsp2016, "2018": vlsp2018, "2021": vlsp2021}[fmt](path)

if __name__ == "__main__":
    out = sys.stdout
    for ws, ts in read(sys.argv[1], sys.argv[2]):
        for w, t in zip(ws, ts): out.write("%s\t%s\n" % (w, t))
        out.write("\n")
