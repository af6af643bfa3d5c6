#!/usr/bin/env bash
# models_reproducible.sh -- `make models` rebuilds every committed model
# bit for bit (issue #4's "Done when", and what keeps models/ honest: a
# model changed by hand or trained with an uncommitted option fails here).
# It copies the repository's tracked files and its release build (mtimes
# kept, so nothing recompiles) into a scratch directory, runs `make models`
# there against the same ../shared, and compares the scratch models/ tree
# with this one, file by file, both ways. About 90 s of CPU.
set -u
cd "$(dirname "$0")/../.."
repo=$PWD
[ -x build/release/hoso ] || { echo "FAIL: build/release is missing (run make first)"; exit 1; }
command -v git > /dev/null && git -C "$repo" rev-parse --git-dir > /dev/null 2>&1 ||
  { echo "FAIL: $repo is not a git checkout: cannot tell which files are the repository's"; exit 1; }
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
# tracked files as they are in the working tree (deleted ones skipped)
git -C "$repo" ls-files -z | while IFS= read -r -d '' f; do
  [ -e "$f" ] && printf '%s\0' "$f"
done > "$t/files"
mkdir -p "$t/r" && tar --null -T "$t/files" -cf - | tar -xf - -C "$t/r" 2> "$t/tar.err" ||
  { echo "FAIL: copying the tracked files"; cat "$t/tar.err"; exit 1; }
mkdir -p "$t/r/build" && cp -a build/release "$t/r/build/" ||
  { echo "FAIL: copying build/release"; exit 1; }
# models/ as committed, before the rebuild overwrites the copy's
(cd "$t/r" && find models -type f | LC_ALL=C sort) > "$t/before.list"
if ! make -C "$t/r" --no-print-directory models SHARED="$SHARED" > "$t/models.log" 2>&1; then
  echo "FAIL: make models exited non-zero"; tail -n 20 "$t/models.log"; exit 1
fi
fail=0
(cd "$t/r" && find models -type f | LC_ALL=C sort) > "$t/after.list"
if ! cmp -s "$t/before.list" "$t/after.list"; then
  echo "FAIL: make models changed the set of files under models/:"
  diff "$t/before.list" "$t/after.list" | sed 's/^/  /'
  fail=1
fi
n=0
while IFS= read -r f; do
  n=$((n + 1))
  cmp -s "$repo/$f" "$t/r/$f" || { echo "FAIL: $f differs from what make models builds"; fail=1; }
done < "$t/before.list"
[ $fail -eq 0 ] && echo "models_reproducible: $n files under models/ rebuilt bit for bit"
exit $fail
