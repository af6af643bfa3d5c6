"""newsruns.py -- what build-namesyl.py and build-nonper.py both read from
news: the texts of a VNTC JSON Lines file less an excluded set, and the
runs of capitalised words inside its sentences.

A run is a stretch of capitalised words separated by single spaces that
is not a sentence's first word; sentences with more capitalised words than
not (titles in Title Case) give no runs. WORD and CAPITAL are the caller's:
each script has its own idea of a word and of a capital.
"""
import gzip
import json
import re
import unicodedata

SENT = re.compile(r"[.!?;:\n\"“”()]+")


def nfc(s):
    return unicodedata.normalize("NFC", s)


def news_texts(news, exclude):
    """Each article text of NEWS (JSON Lines .gz) whose id is not in EXCLUDE
    (a JSON Lines file of articles with "id")."""
    skip = set()
    with open(exclude, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                skip.add(json.loads(line)["id"])
    with gzip.open(news, "rt", encoding="utf-8") as f:
        for line in f:
            o = json.loads(line)
            if o.get("id") in skip:
                continue
            yield o.get("text", "")


def capital_runs(text, word, capital):
    """(ws, sent, i, j) for each run ws[i:j] of TEXT's sentences, ws being
    the sentence's (word, start, end) list."""
    for sent in SENT.split(nfc(text)):
        ws = [(m.group(), m.start(), m.end()) for m in word.finditer(sent)]
        if sum(1 for w in ws if capital(w[0])) * 2 > len(ws):
            continue
        i = 1
        while i < len(ws):
            if not capital(ws[i][0]):
                i += 1
                continue
            j = i + 1
            while j < len(ws) and capital(ws[j][0]) and sent[ws[j - 1][2]:ws[j][1]] == " ":
                j += 1
            yield ws, sent, i, j
            i = j
