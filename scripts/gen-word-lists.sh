#!/usr/bin/env bash
# gen-word-lists.sh FILE -- write the C tables of a word-list data file
# (src/extract/*_words.txt) to stdout, for the .c file that includes the
# matching .inc. The data file holds lists; a line
#   [NAME TYPE]
# opens the list NAME, written as
#   static const TYPE NAME[] = {...};
# or, when TYPE is "str", static const char *const NAME[] = {...}. Each
# line below it is one entry, its fields separated by tabs; a "str" list
# takes one field, any other TYPE a struct initializer of all the fields.
# A field is
#   "text"   the text between the quotes, as it is (for a leading or
#            trailing space, or a text that would read as a number/NULL)
#   NULL     a null pointer
#   -12, 0   an integer
#   text     anything else: the text, as a C string (UTF-8 kept as it is)
# Lines starting with # and blank lines are skipped. Entries keep the
# file's order (prefix lists take the first match). The script refuses a
# field it cannot write as C (a double quote or backslash inside, a tab
# in a quoted field), an entry before any list, a list with no entries,
# and an entry whose first field repeats an earlier one in its list.
set -eu
f=${1:?usage: gen-word-lists.sh FILE}
echo "/* $(basename "${f%.txt}").inc -- written by scripts/gen-word-lists.sh from"
echo "** $(basename "$f"); do not edit. */"
awk -F '\t' '
function fail(msg) {
  printf "%s:%d: %s: %s\n", FILENAME, FNR, msg, $0 > "/dev/stderr"; bad = 1; exit 1
}
function field(x,   inner) {
  if (x ~ /^".*"$/ && length(x) >= 2) {
    inner = substr(x, 2, length(x) - 2)
    if (inner ~ /["\\]/) fail("quote or backslash inside a field")
    return "\"" inner "\""
  }
  if (x == "NULL") return "NULL"
  if (x ~ /^-?[0-9]+$/) return x
  if (x == "" || x ~ /["\\]/) fail("empty field, or a quote or backslash in it")
  return "\"" x "\""
}
function close_list() {
  if (name == "") return
  if (entries == 0) fail("list " name " has no entries")
  print "};"
}
/^#/ || /^[ \t]*$/ { next }
/^\[/ {
  if ($0 !~ /^\[[a-z_][a-z0-9_]* [a-z_][a-z0-9_]*\]$/) fail("bad list header")
  close_list()
  split(substr($0, 2, length($0) - 2), h, " ")
  name = h[1]; type = h[2]; entries = 0
  if (name in lists) fail("list " name " opened twice")
  lists[name] = 1
  if (type == "str") printf "static const char *const %s[] = {\n", name
  else printf "static const %s %s[] = {\n", type, name
  next
}
{
  if (name == "") fail("entry before any [list]")
  if ((name SUBSEP $1) in seen) fail("repeated entry in " name)
  seen[name SUBSEP $1] = 1
  entries++
  if (type == "str") {
    if (NF != 1) fail("a str list takes one field")
    print "    " field($1) ","
    next
  }
  line = "    {"
  for (i = 1; i <= NF; i++) line = line (i > 1 ? ", " : "") field($i)
  print line "},"
}
END {
  if (bad) exit 1
  close_list()
  if (bad) exit 1
}' "$f"
