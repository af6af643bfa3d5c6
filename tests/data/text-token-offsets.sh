#!/usr/bin/env bash
# text-token-offsets.sh -- `hoso tokenize --json` on both seed reports (and
# their NFD versions): every token's [start,end) must slice the original
# bytes back to exactly its "text"; the NFD version must give the same
# token types and matching keys as the NFC one.
set -eu
python3 - "$HOSO" "$SHARED"/fixtures/seeds/*.txt <<'PY'
import json, subprocess, sys, unicodedata, tempfile, os
hoso = sys.argv[1]
fail = 0
def toks(path):
    out = subprocess.run([hoso, "tokenize", "--json", path], check=True,
                         capture_output=True).stdout.decode()
    return [json.loads(l) for l in out.splitlines()]
for path in sys.argv[2:]:
    data = open(path, "rb").read()
    ts = toks(path)
    if len(ts) < 100:
        print(f"{path}: only {len(ts)} tokens"); fail = 1
    for t in ts:
        got = data[t["start"]:t["end"]].decode()
        if got != t["text"]:
            print(f"{path}: token {t} slices to {got!r}"); fail = 1; break
    nfd = unicodedata.normalize("NFD", data.decode()).encode()
    if nfd == data:
        print(f"{path}: NFD version is identical?"); fail = 1
    with tempfile.NamedTemporaryFile(suffix=".txt", delete=False) as f:
        f.write(nfd); name = f.name
    try:
        td = toks(name)
    finally:
        os.unlink(name)
    for t in td:
        if nfd[t["start"]:t["end"]].decode() != t["text"]:
            print(f"{path} (NFD): token {t} does not slice"); fail = 1; break
    a = [(t["type"], t["key"]) for t in ts]
    b = [(t["type"], t["key"]) for t in td]
    if a != b:
        for x, y in zip(a, b):
            if x != y:
                print(f"{path}: NFC {x} vs NFD {y}"); break
        print(f"{path}: NFD tokens differ ({len(a)} vs {len(b)})"); fail = 1
    print(f"{path}: {len(ts)} tokens, offsets exact, NFD same types and keys")
sys.exit(fail)
PY
