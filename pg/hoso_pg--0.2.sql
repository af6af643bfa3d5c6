-- hoso_pg 0.2: the `vietnamese` text search configuration and functions.
\echo Use "CREATE EXTENSION hoso_pg" to load this file. \quit

CREATE FUNCTION hoso_prs_start(internal, int4) RETURNS internal
  AS 'MODULE_PATHNAME' LANGUAGE C STRICT;
CREATE FUNCTION hoso_prs_gettoken(internal, internal, internal) RETURNS internal
  AS 'MODULE_PATHNAME' LANGUAGE C STRICT;
CREATE FUNCTION hoso_prs_end(internal) RETURNS void
  AS 'MODULE_PATHNAME' LANGUAGE C STRICT;
CREATE FUNCTION hoso_prs_lextype(internal) RETURNS internal
  AS 'MODULE_PATHNAME' LANGUAGE C STRICT;

CREATE TEXT SEARCH PARSER hoso_parser (
  START = hoso_prs_start, GETTOKEN = hoso_prs_gettoken, END = hoso_prs_end,
  LEXTYPES = hoso_prs_lextype, HEADLINE = pg_catalog.prsd_headline);

CREATE FUNCTION hoso_dict_init(internal) RETURNS internal
  AS 'MODULE_PATHNAME' LANGUAGE C STRICT;
CREATE FUNCTION hoso_dict_lexize(internal, internal, internal, internal) RETURNS internal
  AS 'MODULE_PATHNAME' LANGUAGE C STRICT;

CREATE TEXT SEARCH TEMPLATE hoso_template (
  INIT = hoso_dict_init, LEXIZE = hoso_dict_lexize);

-- Every word -> its fold form ("quoc") and, when different, its exact
-- form ("quốc"), exactly as hoso's SQLite index (src/search/words.h).
CREATE TEXT SEARCH DICTIONARY hoso_words (TEMPLATE = hoso_template);
-- PostgreSQL's built-in Snowball russian stemmer without stop words: the
-- algorithm hoso's word scan applies to Russian (the tests compare them).
CREATE TEXT SEARCH DICTIONARY hoso_russian (
  TEMPLATE = pg_catalog.snowball, LANGUAGE = russian);

CREATE TEXT SEARCH CONFIGURATION vietnamese (PARSER = hoso_parser);
ALTER TEXT SEARCH CONFIGURATION vietnamese
  ADD MAPPING FOR word, cyrword WITH hoso_words;

CREATE FUNCTION hoso_fold(text) RETURNS text
  AS 'MODULE_PATHNAME', 'hoso_pg_fold' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION hoso_fold(text) IS
  'diacritic-folded search key: Quốc phòng -> quoc phong';
CREATE FUNCTION hoso_terms(text) RETURNS text[]
  AS 'MODULE_PATHNAME', 'hoso_pg_terms' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION hoso_terms(text) IS
  'the terms hoso indexes for a text, in order (same as its SQLite FTS5 tokenizer)';
CREATE FUNCTION hoso_segment(text) RETURNS text
  AS 'MODULE_PATHNAME', 'hoso_pg_segment' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION hoso_segment(text) IS
  'Vietnamese words as `hoso segment` prints them: Đại tướng Lương Cường -> Đại_tướng Lương_Cường';
CREATE FUNCTION hoso_query(text) RETURNS tsquery
  AS 'MODULE_PATHNAME', 'hoso_pg_query' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION hoso_query(text) IS
  'hoso''s query language as a tsquery on the vietnamese configuration: hoso_query(''quoc phong -Nga'')';
