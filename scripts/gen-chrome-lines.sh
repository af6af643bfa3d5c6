#!/usr/bin/env bash
# gen-chrome-lines.sh [FILE] -- write src/extract/chrome_lines.inc (to
# stdout) from the data file src/extract/chrome_lines.txt (see its
# header): one C initializer {"reason", where, "pattern"} per rule, where
# is 0 (any) or 1 (head). Refuses a rule it cannot write as C.
set -eu
f=${1:-$(dirname "$0")/../src/extract/chrome_lines.txt}
echo "/* chrome_lines.inc -- written by scripts/gen-chrome-lines.sh from"
echo "** chrome_lines.txt; do not edit. */"
awk -F '\t' '
/^#/ || /^[ \t]*$/ { next }
{
  if (NF != 3 || $1 == "" || $3 == "" || ($2 != "any" && $2 != "head") || $0 ~ /["\\]/) {
    printf "%s:%d: bad rule: %s\n", FILENAME, FNR, $0 > "/dev/stderr"; bad = 1; exit 1
  }
  printf "{\"%s\", %d, \"%s\"},\n", $1, ($2 == "head"), $3
}
END { if (bad) exit 1 }' "$f"
