-- hoso_pg 0.1 -> 0.2: hoso_segment(text), hoso_query(text).
\echo Use "ALTER EXTENSION hoso_pg UPDATE" to load this file. \quit
CREATE FUNCTION hoso_segment(text) RETURNS text
  AS 'MODULE_PATHNAME', 'hoso_pg_segment' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION hoso_segment(text) IS
  'Vietnamese words as `hoso segment` prints them: Đại tướng Lương Cường -> Đại_tướng Lương_Cường';
CREATE FUNCTION hoso_query(text) RETURNS tsquery
  AS 'MODULE_PATHNAME', 'hoso_pg_query' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION hoso_query(text) IS
  'hoso''s query language as a tsquery on the vietnamese configuration: hoso_query(''quoc phong -Nga'')';
