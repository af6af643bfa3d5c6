-- tests/pg/rum_distance.sql -- a reproduction of RUM's `<=>` giving
-- different distances for the same query words at the same positions
-- (postgresql-15-rum 1.3.13). Not part of make test-pg (it shows a
-- behaviour of RUM, not of hoso); run it on any database of a server with
-- the rum package (no hoso needed):
--
--   psql -X -d DB -f tests/pg/rum_distance.sql
--
-- Every vector below holds the query's words at the same positions; they
-- differ only in n words outside the query, which the distance does not
-- read. Expected: one distance. On PostgreSQL 15.20 with RUM 1.3.13 (this
-- machine, session 10) it prints two rows, the same on every run and on
-- every server:
--
--   2.4576623 | 14 vectors | fillers 50 .. 430
--   3.3465545 | 137 vectors | fillers 0 .. 1500
--
-- Why (rum_ts_utils.c, calc_score_docr): the rank counts a cover that
-- repeats an earlier one with less weight, and it recognises a repeat by a
-- key summed from the *addresses* of per-word arrays allocated during the
-- call. Whether two different covers get the same key therefore depends on
-- where those arrays happened to be allocated, which changes with the
-- vector's size and with how the datum reached the function (a detoasted
-- copy, a value parsed from text): hoso's archive gave different distances
-- for a stored vector and the same vector parsed from its text, and even
-- for one expression evaluated twice in one statement (docs/scale.md,
-- section 2). The query here has the shape hoso's queries have: each word
-- in its exact and its toneless form, both at the same positions.
CREATE EXTENSION IF NOT EXISTS rum;
WITH base AS (
  SELECT 'giao_thong:24,69,115,212,245,302,306,312,451,455,462,464,471,531,551,702,741'
         ' giao_thông:24,69,115,212,245,302,306,312,451,455,462,464,471,531,551,702,741'
         ' tai_nan:470,537,550,629,740 tai_nạn:470,537,550,629,740'::text::tsvector AS v,
         '(tai_nan | tai_nạn) & (giao_thong | giao_thông)'::tsquery AS q)
SELECT d AS distance, count(*) AS vectors, min(n) AS fewest_fillers,
       max(n) AS most_fillers
FROM (SELECT n, (v || coalesce((SELECT string_agg('w' || k || ':' || (800 + k), ' ')
                                FROM generate_series(1, n) k), '')::tsvector) <=> q AS d
      FROM base, generate_series(0, 1500, 10) n) s
GROUP BY d ORDER BY d;
