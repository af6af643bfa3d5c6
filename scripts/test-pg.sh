#!/usr/bin/env bash
# test-pg.sh -- the PostgreSQL suite (make test-pg, part of make test).
# Starts real servers from Debian's PostgreSQL 15 in a temporary folder on
# 127.0.0.1 (one coordinator, two shards), runs the checks below against
# them, stops them and deletes everything. Needs `make pg-install` done.
# Prints "ok NAME" / "FAIL NAME: ..." per check and "pg: N passed, N failed".
set -u
cd "$(dirname "$0")/.."
. scripts/pg-lib.sh
hoso=${HOSO:-build/release/hoso}
pass=0; fail=0
ok() { pass=$((pass + 1)); echo "ok $1"; }
bad() { fail=$((fail + 1)); echo "FAIL $1: $2"; }
check() { # check NAME EXPECTED ACTUAL
  if [ "$2" == "$3" ]; then ok "$1"; else bad "$1" "expected [$2] got [$3]"; fi
}
check_has() { # check_has NAME NEEDLE HAYSTACK
  if [[ "$3" == *"$2"* ]]; then ok "$1"; else bad "$1" "no [$2] in [$3]"; fi
}
finish() {
  # a suite that stopped the script (set -u, exit) must not pass as done
  [ -n "${all_ran:-}" ] || bad "test-pg" "stopped before the last suite (see above)"
  pgl_cleanup
  echo "pg: $pass passed, $fail failed"
  [ $fail -eq 0 ] && [ $pass -gt 0 ]
}
trap 'finish; exit $?' EXIT
trap 'exit 1' INT TERM

pgl_init || exit 1
for s in coord shard1 shard2; do pgl_start $s || exit 1; done
ok "started coordinator and two shards on 127.0.0.1"
for s in coord shard1 shard2; do
  pgl_psql $s postgres -c "CREATE DATABASE hoso" || { bad "createdb $s" "failed"; exit 1; }
done
q() { pgl_psql coord hoso -c "$1" 2>&1; }

# ---- the extension ------------------------------------------------
# The extension as `make pg-install` put it in PostgreSQL's directories.
check "CREATE EXTENSION hoso_pg (make pg-install)" "da" \
  "$(pgl_psql coord postgres -c 'CREATE EXTENSION hoso_pg' -c "SELECT hoso_fold('Đà')" 2>&1)"
# the segmenter's models where make pg-install put them, found by the
# default hoso.model_dir (the database `postgres` sets none). (Whether the
# installed files are this tree's is not checked: other checkouts on a
# shared machine may install theirs meanwhile; the checks below load this
# tree's build.)
check "make pg-install: segments with the installed models (default hoso.model_dir)" "Đại_tướng Lương_Cường" \
  "$(pgl_psql coord postgres -c "SELECT hoso_segment('Đại tướng Lương Cường')" 2>&1)"
# The checks below load THIS tree's build (the script with the .so's own
# path), so a concurrent `make pg-install` from elsewhere cannot change
# what is tested.
check "load hoso_pg from this tree" "" "$(hoso_pg_load coord hoso)"
check "hoso_fold" "quoc phong da nang" "$(q "SELECT hoso_fold('Quốc phòng ĐÀ NẴNG')")"
check "hoso_fold NFD" "quoc" "$(q "SELECT hoso_fold(U&'Quo\0302\0301c')")"
check "tsvector: segmented words, fold and exact forms" "'dai_tuong':1 'luong_cuong':2 'lương_cường':2 'đại_tướng':1" \
  "$(q "SELECT to_tsvector('vietnamese', 'Đại tướng Lương Cường')")"
check "phrase query matches" "t" \
  "$(q "SELECT to_tsvector('vietnamese', 'hợp tác quốc phòng Việt - Nga') @@ phraseto_tsquery('vietnamese', 'quốc phòng Việt')")"
check "toneless one-syllable word matches" "t" \
  "$(q "SELECT to_tsvector('vietnamese', 'hai bên đã ký') @@ plainto_tsquery('vietnamese', 'da')")"
check "toned query matches toned text" "t" \
  "$(q "SELECT to_tsvector('vietnamese', 'hợp tác quốc phòng') @@ plainto_tsquery('vietnamese', 'Quốc Phòng')")"
check "toned query is exact (bàn does not find bán)" "f" \
  "$(q "SELECT to_tsvector('vietnamese', 'giá bán') @@ plainto_tsquery('vietnamese', 'bàn')")"
check "phrase order matters" "f" \
  "$(q "SELECT to_tsvector('vietnamese', 'quốc phòng') @@ phraseto_tsquery('vietnamese', 'phong quoc')")"
check "russian stemmed by snowball" "'в':2 'москв':3 'москве':3 'переговор':1 'переговоры':1" \
  "$(q "SELECT to_tsvector('vietnamese', 'Переговоры в Москве')")"
check "russian query form-insensitive" "t" \
  "$(q "SELECT to_tsvector('vietnamese', 'Переговоры в Москве') @@ plainto_tsquery('vietnamese', 'переговоров')")"
check "headline keeps the original text" "hợp tác <b>quốc phòng</b>" \
  "$(q "SELECT ts_headline('vietnamese', 'hợp tác quốc phòng', plainto_tsquery('vietnamese', 'quốc phòng'))")"
check "token types" "word,cyrword,blank" \
  "$(q "SELECT string_agg(alias, ',' ORDER BY tokid) FROM ts_token_type('hoso_parser')")"

# The bundled sample: 400 VNTC articles + the two seed reports.
q "CREATE TABLE raw(line text)" >/dev/null
pgl_psql coord hoso -c "\\copy raw(line) FROM 'demo/sample/vntc-sample.jsonl' WITH (FORMAT csv, QUOTE E'\\x01', DELIMITER E'\\x02')" \
  || bad "load sample" "copy failed"
q "CREATE TABLE docs(id text PRIMARY KEY, body text NOT NULL)" >/dev/null
q "INSERT INTO docs SELECT line::jsonb->>'id', line::jsonb->>'text' FROM raw" >/dev/null
for f in demo/sample/seed-*.txt; do
  pgl_psql coord hoso -v body="$(cat "$f")" -v id="$(basename "$f")" \
    <<<"INSERT INTO docs VALUES (:'id', :'body')"
done
check "sample loaded" "402" "$(q 'SELECT count(*) FROM docs')"

# The same terms as the library's word scan (hoso__words_scan: what the
# SQLite FTS5 index holds), in the same order, for every sample document.
seqsql="SELECT array_agg(lexeme ORDER BY p, lexeme COLLATE \"C\") FROM unnest(to_tsvector('vietnamese', body)) u, unnest(u.positions) p"
check "to_tsvector = hoso term stream on all 402 texts" "0" \
  "$(q "SELECT count(*) FROM docs WHERE hoso_terms(body) IS DISTINCT FROM ($seqsql)")"
diff=$(q "SELECT id FROM docs WHERE hoso_terms(body) IS DISTINCT FROM ($seqsql) LIMIT 3")
[ -n "$diff" ] && echo "   first differing documents: $diff"
check "russian texts agree too" "0" "$(q "SELECT count(*) FROM (VALUES
  ('Заместитель министра обороны России генерал армии Александр Фомин провёл переговоры с вьетнамской делегацией.'),
  ('Стороны подписали меморандум о взаимопонимании; ЁЛКА, Йошкар-Ола, 2025 год.'),
  ('Mixed: Thượng tướng Хоанг Суан Тьен и Fomin, số 3/2025')) t(body)
  WHERE hoso_terms(body) IS DISTINCT FROM ($seqsql)")"

# Russian stems: the library's Snowball (libstemmer) = PostgreSQL's own.
rutext='Заместитель министра обороны Российской Федерации генерал армии Александр Фомин провёл переговоры с вьетнамской делегацией; стороны подписали меморандум о взаимопонимании, обсудили военно-техническое сотрудничество, подготовку кадров и наградили генерала орденом Дружбы. Визиты министров, встречи командующих, совместные учения флотов.'
check "russian: PostgreSQL Snowball = library stemmer, word for word" "0" \
  "$(q "SELECT count(*) FROM (SELECT DISTINCT lower(w) AS w FROM regexp_split_to_table('$rutext', '[^а-яёА-ЯЁ]+') w WHERE w <> '') t
       WHERE hoso_fold((ts_lexize('hoso_russian', w))[1]) IS DISTINCT FROM hoso_fold((hoso_terms(w))[1])")"

# hoso_segment = `hoso segment`, line for line, on every sample line.
check "hoso_segment" "Đại_tướng Lương_Cường gặp Bộ_trưởng Quốc_phòng ." \
  "$(q "SELECT hoso_segment('Đại tướng Lương Cường gặp Bộ trưởng Quốc phòng.')")"
check "hoso_segment keeps line breaks" "$(printf 'Việt_Nam\n\nLiên_bang Nga')" \
  "$(q "SELECT hoso_segment(E'Việt Nam\n\nLiên bang Nga')")"
lines="SELECT l, id, k FROM docs, regexp_split_to_table(body, E'\\n') WITH ORDINALITY t(l, k)"
q "SELECT l FROM ($lines) x ORDER BY id, k" | $hoso segment > "$PGL_DIR/seg-cli.txt"
q "SELECT hoso_segment(l) FROM ($lines) x ORDER BY id, k" > "$PGL_DIR/seg-pg.txt"
nl=$(wc -l < "$PGL_DIR/seg-cli.txt")
[ "$nl" -gt 1000 ] && cmp -s "$PGL_DIR/seg-cli.txt" "$PGL_DIR/seg-pg.txt" \
  && ok "hoso_segment = hoso segment on all $nl sample lines" \
  || bad "hoso_segment = hoso segment" "$(diff "$PGL_DIR/seg-cli.txt" "$PGL_DIR/seg-pg.txt" | head -n 4)"

# hoso_query: the query language as a tsquery; toneless syllables grouped.
check "hoso_query groups toneless syllables" "'quoc' & 'phong' | 'quoc_phong'" "$(q "SELECT hoso_query('quoc phong')")"
check "toneless multi-syllable: hoso_query matches, plainto_tsquery does not" "t|f" \
  "$(q "SELECT to_tsvector('vietnamese', 'hợp tác quốc phòng') @@ hoso_query('quoc phong'), to_tsvector('vietnamese', 'hợp tác quốc phòng') @@ plainto_tsquery('vietnamese', 'quoc phong')")"
check_has "hoso_query: a bad query is an error with the library's message" "too short" "$(q "SELECT hoso_query('a*')")"
for pair in "quốc phòng|quoc phong" "hợp tác quốc tế|hop tac quoc te" "Liên bang Nga|lien bang nga" "bóng đá|bong da"; do
  toned=${pair%%|*}; plain=${pair#*|}
  n_toned=$(q "SELECT count(*) FROM docs WHERE to_tsvector('vietnamese', body) @@ plainto_tsquery('vietnamese', '$toned')")
  n_q=$(q "SELECT count(*) FROM docs WHERE to_tsvector('vietnamese', body) @@ hoso_query('$plain')")
  missed=$(q "SELECT count(*) FROM docs WHERE to_tsvector('vietnamese', body) @@ plainto_tsquery('vietnamese', '$toned') AND NOT to_tsvector('vietnamese', body) @@ hoso_query('$plain')")
  [ "${n_toned:-0}" -gt 0 ] 2>/dev/null && [ "$missed" = 0 ] \
    && ok "hoso_query('$plain') finds every text plainto_tsquery('$toned') finds ($n_toned; $n_q in all)" \
    || bad "hoso_query('$plain')" "toned $n_toned, missed $missed"
done
nx=$(q "SELECT count(*) FROM docs WHERE to_tsvector('vietnamese', body) @@ hoso_query('\"quoc phong\" -Nga')")
[ "${nx:-0}" -gt 0 ] 2>/dev/null && ok "hoso_query: phrase with an exclusion finds texts ($nx)" || bad "hoso_query exclusion" "found [$nx]"
check "hoso_query: those hold the phrase and not the excluded word" "0" \
  "$(q "SELECT count(*) FROM docs WHERE to_tsvector('vietnamese', body) @@ hoso_query('\"quoc phong\" -Nga') AND (to_tsvector('vietnamese', body) @@ 'nga'::tsquery OR NOT to_tsvector('vietnamese', body) @@ phraseto_tsquery('vietnamese', 'quốc phòng'))")"

# GIN index: used, and gives the same answer as a sequential scan.
q "CREATE INDEX docs_gin ON docs USING gin (to_tsvector('vietnamese', body))" >/dev/null
tq="plainto_tsquery('vietnamese', 'quốc phòng')"
want=$(q "SET enable_indexscan=off; SET enable_bitmapscan=off; SELECT count(*) FROM docs WHERE to_tsvector('vietnamese', body) @@ $tq")
got=$(q "SET enable_seqscan=off; SELECT count(*) FROM docs WHERE to_tsvector('vietnamese', body) @@ $tq")
check "GIN search = sequential scan" "$want" "$got"
[ "${want:-0}" -gt 0 ] 2>/dev/null && ok "search finds sample articles ($want)" || bad "search" "found [$want]"
check_has "GIN index used" "docs_gin" \
  "$(q "SET enable_seqscan=off; EXPLAIN SELECT id FROM docs WHERE to_tsvector('vietnamese', body) @@ $tq")"
toned=$(q "SET enable_seqscan=off; SELECT count(*) FROM docs WHERE to_tsvector('vietnamese', body) @@ plainto_tsquery('vietnamese', 'đã')")
[ "${toned:-0}" -gt 0 ] 2>/dev/null && ok "toned word finds sample articles ($toned)" || bad "toned search" "found [$toned]"
check "toned hits are all toneless hits" "0" \
  "$(q "SELECT count(*) FROM docs WHERE to_tsvector('vietnamese', body) @@ plainto_tsquery('vietnamese', 'đã') AND NOT to_tsvector('vietnamese', body) @@ plainto_tsquery('vietnamese', 'da')")"

# RUM index (postgresql-15-rum): ranked and phrase queries from the index.
check "create extension rum" "" "$(q 'CREATE EXTENSION rum')"
q "ALTER TABLE docs ADD COLUMN tsv tsvector GENERATED ALWAYS AS (to_tsvector('vietnamese', body)) STORED" >/dev/null
q "CREATE INDEX docs_rum ON docs USING rum (tsv rum_tsvector_ops)" >/dev/null
check_has "RUM index used for ranking" "docs_rum" \
  "$(q "SET enable_seqscan=off; EXPLAIN SELECT id FROM docs WHERE tsv @@ $tq ORDER BY tsv <=> $tq LIMIT 5")"
check "RUM phrase search = GIN" "$(q "SET enable_seqscan=off; SELECT count(*) FROM docs WHERE to_tsvector('vietnamese', body) @@ phraseto_tsquery('vietnamese', 'hợp tác quốc phòng')")" \
  "$(q "SET enable_seqscan=off; SET enable_bitmapscan=off; SELECT count(*) FROM docs WHERE tsv @@ phraseto_tsquery('vietnamese', 'hợp tác quốc phòng')")"

# Not UTF8: a clear refusal, not garbage terms.
pgl_psql coord postgres -c "CREATE DATABASE latin TEMPLATE template0 ENCODING 'LATIN1' LC_COLLATE 'C' LC_CTYPE 'C'"
hoso_pg_load coord latin >/dev/null 2>&1
check_has "non-UTF8 database refused" "needs a UTF8 database" \
  "$(pgl_psql coord latin -c "SELECT to_tsvector('vietnamese', 'abc')" 2>&1)"

# ---- more suites (storage backend, shards) follow here -------------
# A file that does not parse would run up to its syntax error and drop
# the rest of its checks silently: check the whole file first.
# HOSO_PG_ONLY="backend migrate_v8": only those files (while developing).
for t in tests/pg/*.sh; do
  [ -f "$t" ] || continue
  if [ -n "${HOSO_PG_ONLY:-}" ] && [[ " $HOSO_PG_ONLY " != *" $(basename "$t" .sh) "* ]]; then continue; fi
  if ! err=$(bash -n "$t" 2>&1); then bad "$t" "does not parse: $err"; continue; fi
  . "$t"
done
all_ran=1
