#!/usr/bin/env bash
# deps.sh check|install|ensure -- the Debian packages hoso needs.
#   check   : say exactly which packages are missing; exit 1 if any
#   install : apt-get install the missing ones (needs root)
#   ensure  : check, and install if missing and we are root
# The list is scripts/debian-packages.txt (plus scripts/debian-packages-*.txt
# for optional suites, e.g. the browser and PostgreSQL tests).
set -u
here=$(cd "$(dirname "$0")" && pwd)
mode=${1:-check}
shift || true
lists=("$here/debian-packages.txt")
for extra in "$@"; do lists+=("$here/debian-packages-$extra.txt"); done

missing=()
while read -r check pkg; do
  case "$check" in ''|'#'*) continue ;; esac
  kind=${check%%:*}; what=${check#*:}
  ok=1
  case "$kind" in
    pkg) pkg-config --exists "$what" 2>/dev/null || ok=0 ;;
    hdr) [ -e "$what" ] || ok=0 ;;
    bin) command -v "$what" >/dev/null 2>&1 || ok=0 ;;
    deb) dpkg -s "$what" >/dev/null 2>&1 || ok=0 ;;
  esac
  [ $ok = 1 ] || missing+=("$pkg")
done < <(cat "${lists[@]}")

if [ ${#missing[@]} -eq 0 ]; then exit 0; fi

case "$mode" in
  check)
    echo "hoso: missing Debian packages: ${missing[*]}" >&2
    echo "hoso: install them with: sudo apt-get install ${missing[*]}   (or: make deps)" >&2
    exit 1 ;;
  install|ensure)
    if [ "$(id -u)" != 0 ]; then
      echo "hoso: missing Debian packages: ${missing[*]}" >&2
      echo "hoso: run as root: apt-get install ${missing[*]}" >&2
      exit 1
    fi
    echo "hoso: installing ${missing[*]}" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q >/dev/null || { echo "hoso: apt-get update failed" >&2; exit 1; }
    apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null \
      || { echo "hoso: apt-get install ${missing[*]} failed" >&2; exit 1; }
    ;;
esac
