#!/usr/bin/env bash
# text-langid-seeds.sh -- `hoso langid` on both seed reports: every
# paragraph written mostly in Cyrillic (the Russian legal footer of the
# first report) must come out `ru`, every other paragraph `vi`; and there
# must be at least one of each over the two reports.
set -eu
python3 - "$HOSO" "$SHARED"/fixtures/seeds/*.txt <<'PY'
import json, re, subprocess, sys
hoso = sys.argv[1]
fail = 0; seen = {"ru": 0, "vi": 0}
for path in sys.argv[2:]:
    data = open(path, "rb").read()
    out = subprocess.run([hoso, "langid", "--json", path], check=True,
                         capture_output=True).stdout.decode()
    for line in out.splitlines():
        p = json.loads(line)
        text = data[p["start"]:p["end"]].decode()
        letters = re.findall(r"[^\W\d_]", text)
        cyr = sum(1 for c in letters if "\u0400" <= c <= "\u04ff")
        want = "ru" if letters and cyr > len(letters) / 2 else "vi"
        seen[want] += 1
        if p["lang"] != want:
            print(f"{path}: [{p['start']},{p['end']}) {text[:60]!r}: {p['lang']}, want {want}")
            fail = 1
print(f"langid on seeds: {seen['vi']} vi and {seen['ru']} ru paragraphs checked")
if not seen["ru"] or not seen["vi"]: fail = 1
sys.exit(fail)
PY
