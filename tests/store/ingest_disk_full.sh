#!/usr/bin/env bash
# ingest_disk_full.sh -- the disk fills up mid-ingest (a file size limit):
# a clear error, exit 2, the archive still opens and passes its check, and
# a rerun with room completes it. Then a read-only archive file.
set -u
HOSO=${HOSO:-build/release/hoso}
tmp=$(mktemp -d); trap 'chmod -R u+w "$tmp"; rm -rf "$tmp"' EXIT
"$HOSO" ingest --quiet --db "$tmp/ref.db" demo/sample > /dev/null
want=$("$HOSO" stats --db "$tmp/ref.db" | grep -o '"articles":[0-9]*' | cut -d: -f2)
# 1 MB of file size allowed: the sample needs several
( trap '' XFSZ; ulimit -f 1024; exec "$HOSO" ingest --quiet --batch 16 --db "$tmp/a.db" demo/sample ) \
  > "$tmp/out" 2> "$tmp/err"; rc=$?
[ $rc = 2 ] || { echo "FAIL: exit $rc, want 2"; cat "$tmp/err"; exit 1; }
grep -qi "disk is full\|I/O error\|cannot" "$tmp/err" || { echo "FAIL: unclear error:"; cat "$tmp/err"; exit 1; }
grep -q "SQLITE\|sqlite3_" "$tmp/err" && { echo "FAIL: raw SQLite error leaks:"; cat "$tmp/err"; exit 1; }
echo "error said: $(head -n1 "$tmp/err")"
got=$("$HOSO" stats --check --db "$tmp/a.db" | grep -o '"articles":[0-9]*' | cut -d: -f2) ||
  { echo "FAIL: archive damaged after disk full"; exit 1; }
[ "$got" -lt "$want" ] || { echo "FAIL: the limit did not bite ($got of $want)"; exit 1; }
"$HOSO" ingest --quiet --db "$tmp/a.db" demo/sample > /dev/null || { echo "FAIL: rerun"; exit 1; }
end=$("$HOSO" stats --check --db "$tmp/a.db" | grep -o '"articles":[0-9]*' | cut -d: -f2)
[ "$end" = "$want" ] || { echo "FAIL: after rerun $end, want $want"; exit 1; }
# a read-only archive (folder and file): clear error, still searchable
chmod a-w "$tmp/a.db" "$tmp"
if [ "$(id -u)" != 0 ]; then
  "$HOSO" ingest --quiet --db "$tmp/a.db" demo/sample > /dev/null 2> "$tmp/err2"; rc=$?
  [ $rc = 2 ] && grep -q "read-only" "$tmp/err2" || { echo "FAIL: read-only: exit $rc"; cat "$tmp/err2"; exit 1; }
fi
"$HOSO" search --db "$tmp/a.db" --no-facets quoc phong > /dev/null || { echo "FAIL: read-only search"; exit 1; }
echo "ok: disk full stopped at $got, rerun completed $end"
