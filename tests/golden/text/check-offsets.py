# check-offsets.py FILE < tokens.jsonl -- every token's [start,end) must
# slice FILE's bytes back to exactly its "text"; prints a summary line.
import json, sys
data = open(sys.argv[1], "rb").read()
n = bad = 0
last = 0
for line in sys.stdin:
    t = json.loads(line)
    n += 1
    if data[t["start"]:t["end"]].decode("utf-8") != t["text"] or t["start"] < last:
        bad += 1
        print("BAD", t)
    last = t["end"]
print(f"{n} tokens, {bad} bad offsets")
