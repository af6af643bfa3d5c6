#!/usr/bin/env bash
# text-huge-line.sh -- a 200 MB single line (no line break at all) goes
# through `hoso tokenize --count` and `hoso normalize` with the address
# space capped at 256 MB: the commands must stream (bounded memory), count
# every token, and give back every byte.
set -eu
gen() {
  python3 -c '
import sys
w = sys.stdout.buffer
chunk = ("quốc phòng 1.000 COVID-19 " * 4000).encode()
for _ in range((200 << 20) // len(chunk)): w.write(chunk)
'
}
reps=$(python3 -c 'print(((200 << 20) // len(("quốc phòng 1.000 COVID-19 " * 4000).encode())) * 4000)')
total=$(gen | (ulimit -v 262144; "$HOSO" tokenize --count) | awk '$1 == "total" { print $2 }')
want=$((reps * 4))
if [ "$total" != "$want" ]; then echo "tokenize --count: $total tokens, want $want"; exit 1; fi
bytes=$(gen | (ulimit -v 262144; "$HOSO" normalize) | wc -c)
inbytes=$(gen | wc -c)
if [ "$bytes" != "$inbytes" ]; then echo "normalize: $bytes bytes out, $inbytes in"; exit 1; fi
echo "200 MB single line: $total tokens, $bytes bytes normalised, under a 256 MB address-space cap"
