-- ext/postgres/sqlite_dialect.sql — the run-time half of the dialect
-- layer: SQLite's built-in functions and operators that the schema, the
-- views and the dashboards (written for SQLite) use, with SQLite's
-- semantics, in the schema revops_sqlite.  tools/pg_dialect.py writes the
-- other half: the same source files in PostgreSQL's syntax, calling these.
--
-- What each reproduces (https://sqlite.org/lang_corefunc.html,
-- lang_datefunc.html, lang_aggfunc.html):
--   date, datetime, julianday, strftime  ISO text in and out, the modifiers
--       the views use (+/-N days/months/years, start of month/year, weekday N),
--       day overflow normalised as SQLite does (date('2026-01-31', '+1 month')
--       is 2026-03-03), NULL for what SQLite cannot read;
--   round       half away from zero on the decimal value, a REAL;
--   sum, avg, total      SQLite's result types (integer sum of integers,
--       REAL averages, total() 0.0 on no rows);
--   / and %     integer division truncates, and x / 0 is NULL, not an error;
--   ||          a REAL is written as SQLite writes it (1.0, 0.1, 1.0e+20);
--   to_int, to_real, to_text   CAST(x AS INTEGER | REAL | TEXT);
--   substr, instr, length, max_of, min_of (multi-argument max/min: NULL if
--   any argument is NULL), fmt_* (printf's conversions).
-- Loaded by tools/pg_dialect.py (install); each object is replaced, so
-- loading it again after an upgrade is safe.
CREATE SCHEMA IF NOT EXISTS revops_sqlite;
SET search_path = revops_sqlite, pg_catalog;

-- ------------------------------------------------------------ text form
-- A REAL as SQLite's text conversion writes it: %!.15g.
CREATE OR REPLACE FUNCTION to_text(x double precision) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE
    WHEN x IS NULL THEN NULL
    WHEN x = 0 THEN '0.0'
    WHEN x <> x THEN NULL
    WHEN pg_catalog.abs(x) >= 1e15 OR pg_catalog.abs(x) < 1e-4 THEN
      pg_catalog.regexp_replace(pg_catalog.regexp_replace(
        pg_catalog.to_char(x, 'FM9.99999999999999EEEE'), '\.?0*e', '.0e'), '(e[-+])([0-9])$', '\10\2')
    ELSE (SELECT CASE WHEN t ~ '\.' THEN t ELSE t OPERATOR(pg_catalog.||) '.0' END
          FROM (SELECT pg_catalog.rtrim(pg_catalog.rtrim(pg_catalog.round(x::numeric, greatest(0, 14 - pg_catalog.floor(pg_catalog.log(pg_catalog.abs(x)))::int))::text, '0'), '.') AS t) AS s)
  END
$$;
CREATE OR REPLACE FUNCTION to_text(x bigint) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT x::text $$;
CREATE OR REPLACE FUNCTION to_text(x integer) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT x::text $$;
CREATE OR REPLACE FUNCTION to_text(x numeric) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT revops_sqlite.to_text(x::double precision) $$;
CREATE OR REPLACE FUNCTION to_text(x text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT x $$;
CREATE OR REPLACE FUNCTION to_text(x json) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT x::text $$;
CREATE OR REPLACE FUNCTION to_text(x boolean) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT x::int::text $$;

-- CAST(x AS INTEGER): a REAL truncates toward zero; text reads its
-- leading number (SQLite), else 0.
CREATE OR REPLACE FUNCTION to_int(x double precision) RETURNS bigint LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN x >= 9.223372036854775807e18 THEN 9223372036854775807
              WHEN x <= -9.223372036854775808e18 THEN -9223372036854775808
              ELSE pg_catalog.trunc(x)::bigint END
$$;
CREATE OR REPLACE FUNCTION to_int(x numeric) RETURNS bigint LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT pg_catalog.trunc(x)::bigint $$;
CREATE OR REPLACE FUNCTION to_int(x bigint) RETURNS bigint LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT x $$;
CREATE OR REPLACE FUNCTION to_int(x integer) RETURNS bigint LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT x::bigint $$;
CREATE OR REPLACE FUNCTION to_int(x boolean) RETURNS bigint LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT x::int::bigint $$;
CREATE OR REPLACE FUNCTION to_int(x text) RETURNS bigint LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN x IS NULL THEN NULL
    ELSE coalesce(revops_sqlite.to_int((substring(pg_catalog.ltrim(x) FROM '^[-+]?[0-9]+(?:\.[0-9]*)?(?:[eE][-+]?[0-9]+)?'))::double precision), 0) END
$$;
CREATE OR REPLACE FUNCTION to_int(x json) RETURNS bigint LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT revops_sqlite.to_int(x::text) $$;
CREATE OR REPLACE FUNCTION to_real(x double precision) RETURNS double precision LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT x $$;
CREATE OR REPLACE FUNCTION to_real(x text) RETURNS double precision LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN x IS NULL THEN NULL
    ELSE coalesce((substring(pg_catalog.ltrim(x) FROM '^[-+]?[0-9]*\.?[0-9]+(?:[eE][-+]?[0-9]+)?'))::double precision, 0.0) END
$$;

-- ------------------------------------------------------------ operators
-- Integer division truncates (as PostgreSQL's); dividing by zero is NULL.
CREATE OR REPLACE FUNCTION div(a double precision, b double precision) RETURNS double precision LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT CASE WHEN b = 0 THEN NULL ELSE a OPERATOR(pg_catalog./) b END $$;
CREATE OR REPLACE FUNCTION cat(a text, b text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT a OPERATOR(pg_catalog.||) b $$;
DO $$
DECLARE t record;
BEGIN
  FOR t IN SELECT * FROM (VALUES ('bigint', 'bigint'), ('integer', 'integer'), ('bigint', 'integer'), ('integer', 'bigint')) AS v(l, r) LOOP
    EXECUTE format('CREATE OR REPLACE FUNCTION revops_sqlite.div(a %s, b %s) RETURNS bigint LANGUAGE sql IMMUTABLE PARALLEL SAFE AS %L',
                   t.l, t.r, 'SELECT CASE WHEN b = 0 THEN NULL ELSE a::bigint OPERATOR(pg_catalog./) b END');
    EXECUTE format('CREATE OR REPLACE FUNCTION revops_sqlite.mod(a %s, b %s) RETURNS bigint LANGUAGE sql IMMUTABLE PARALLEL SAFE AS %L',
                   t.l, t.r, 'SELECT CASE WHEN b = 0 THEN NULL ELSE a::bigint OPERATOR(pg_catalog.%) b END');
  END LOOP;
END
$$;
-- || with a REAL writes it as SQLite does.
CREATE OR REPLACE FUNCTION cat(a text, b double precision) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT a OPERATOR(pg_catalog.||) revops_sqlite.to_text(b) $$;
CREATE OR REPLACE FUNCTION cat(a double precision, b text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT revops_sqlite.to_text(a) OPERATOR(pg_catalog.||) b $$;
-- An integer beside text is written as it is (these exact matches keep
-- PostgreSQL from reaching the REAL ones above for an integer).
CREATE OR REPLACE FUNCTION cat(a text, b bigint) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT a OPERATOR(pg_catalog.||) b::text $$;
CREATE OR REPLACE FUNCTION cat(a bigint, b text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT a::text OPERATOR(pg_catalog.||) b $$;
CREATE OR REPLACE FUNCTION cat(a text, b integer) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT a OPERATOR(pg_catalog.||) b::text $$;
CREATE OR REPLACE FUNCTION cat(a integer, b text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT a::text OPERATOR(pg_catalog.||) b $$;
-- The operators, each made once: a second load (an upgrade) keeps them,
-- and the views that use them, in place (the functions above are replaced).
DO $$
DECLARE o record;
BEGIN
  FOR o IN SELECT * FROM (VALUES
      ('/', 'bigint', 'bigint', 'div'), ('/', 'integer', 'integer', 'div'), ('/', 'bigint', 'integer', 'div'),
      ('/', 'integer', 'bigint', 'div'), ('/', 'double precision', 'double precision', 'div'),
      ('%', 'bigint', 'bigint', 'mod'), ('%', 'integer', 'integer', 'mod'), ('%', 'bigint', 'integer', 'mod'),
      ('%', 'integer', 'bigint', 'mod'),
      ('||', 'text', 'bigint', 'cat'), ('||', 'bigint', 'text', 'cat'), ('||', 'text', 'integer', 'cat'),
      ('||', 'integer', 'text', 'cat'), ('||', 'text', 'double precision', 'cat'),
      ('||', 'double precision', 'text', 'cat')) AS v(op, l, r, fn) LOOP
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_operator
                   WHERE oprname = o.op AND oprnamespace = 'revops_sqlite'::regnamespace
                     AND oprleft = o.l::regtype AND oprright = o.r::regtype) THEN
      EXECUTE format('CREATE OPERATOR revops_sqlite.%s (LEFTARG = %s, RIGHTARG = %s, FUNCTION = revops_sqlite.%s)',
                     o.op, o.l, o.r, o.fn);
    END IF;
  END LOOP;
END
$$;

-- ----------------------------------------------------------- aggregates
-- sum: an integer sum of integers (bigint, not numeric), a REAL otherwise.
CREATE OR REPLACE AGGREGATE sum(bigint) (SFUNC = int8pl, STYPE = bigint, COMBINEFUNC = int8pl, PARALLEL = SAFE);
CREATE OR REPLACE FUNCTION sum_step(s bigint, x integer) RETURNS bigint LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN x IS NULL THEN s ELSE coalesce(s, 0) + x END
$$;
CREATE OR REPLACE AGGREGATE sum(integer) (SFUNC = sum_step, STYPE = bigint, COMBINEFUNC = int8pl, PARALLEL = SAFE);
CREATE OR REPLACE AGGREGATE sum(double precision) (SFUNC = float8pl, STYPE = double precision, COMBINEFUNC = float8pl, PARALLEL = SAFE);
-- avg: always a REAL.
CREATE OR REPLACE AGGREGATE avg(double precision) (SFUNC = float8_accum, STYPE = double precision[],
  FINALFUNC = float8_avg, COMBINEFUNC = float8_combine, INITCOND = '{0,0,0}', PARALLEL = SAFE);
-- total: a REAL, 0.0 over no rows.
CREATE OR REPLACE AGGREGATE total(double precision) (SFUNC = float8pl, STYPE = double precision,
  COMBINEFUNC = float8pl, INITCOND = '0', PARALLEL = SAFE);

-- ------------------------------------------------------------ functions
CREATE OR REPLACE FUNCTION round(x double precision, n integer DEFAULT 0) RETURNS double precision LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN x IS NULL OR n IS NULL THEN NULL
              WHEN pg_catalog.abs(x) >= 4503599627370496 THEN x
              ELSE pg_catalog.round(x::numeric, greatest(least(n, 30), 0))::double precision END
$$;
CREATE OR REPLACE FUNCTION round(x bigint, n integer DEFAULT 0) RETURNS double precision LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT x::double precision $$;
CREATE OR REPLACE FUNCTION substr(x text, s bigint, n bigint DEFAULT NULL) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN n IS NULL THEN CASE WHEN s > 0 THEN pg_catalog.substr(x, s::int)
                                       WHEN s = 0 THEN x
                                       ELSE pg_catalog.right(x, (-s)::int) END
              WHEN s > 0 THEN pg_catalog.substr(x, s::int, greatest(n, 0)::int)
              WHEN s = 0 THEN pg_catalog.substr(x, 1, greatest(n - 1, 0)::int)
              ELSE pg_catalog.substr(x, greatest(pg_catalog.length(x) + s + 1, 1)::int,
                                     (least(n, -s) - greatest(0, -(pg_catalog.length(x) + s)))::int) END
$$;
CREATE OR REPLACE FUNCTION substr(x double precision, s bigint, n bigint DEFAULT NULL) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT revops_sqlite.substr(revops_sqlite.to_text(x), s, n) $$;
CREATE OR REPLACE FUNCTION substr(x bigint, s bigint, n bigint DEFAULT NULL) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT revops_sqlite.substr(x::text, s, n) $$;
CREATE OR REPLACE FUNCTION substr(x json, s bigint, n bigint DEFAULT NULL) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT revops_sqlite.substr(x::text, s, n) $$;
CREATE OR REPLACE FUNCTION instr(x text, y text) RETURNS bigint LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT pg_catalog.strpos(x, y)::bigint $$;
CREATE OR REPLACE FUNCTION instr(x json, y text) RETURNS bigint LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT pg_catalog.strpos(x::text, y)::bigint $$;
CREATE OR REPLACE FUNCTION length(x text) RETURNS bigint LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT pg_catalog.length(x)::bigint $$;
CREATE OR REPLACE FUNCTION length(x json) RETURNS bigint LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT pg_catalog.length(x::text)::bigint $$;
CREATE OR REPLACE FUNCTION length(x double precision) RETURNS bigint LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT pg_catalog.length(revops_sqlite.to_text(x))::bigint $$;
CREATE OR REPLACE FUNCTION length(x bigint) RETURNS bigint LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT pg_catalog.length(x::text)::bigint $$;
CREATE OR REPLACE FUNCTION max_of(VARIADIC a anycompatiblearray) RETURNS anycompatible LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN pg_catalog.array_position(a, NULL) IS NOT NULL THEN NULL ELSE (SELECT pg_catalog.max(x) FROM pg_catalog.unnest(a) AS x) END
$$;
CREATE OR REPLACE FUNCTION min_of(VARIADIC a anycompatiblearray) RETURNS anycompatible LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN pg_catalog.array_position(a, NULL) IS NOT NULL THEN NULL ELSE (SELECT pg_catalog.min(x) FROM pg_catalog.unnest(a) AS x) END
$$;

-- ------------------------------------------------------- dates and times
-- In C (ext/postgres/sqlite_dates.c, in the revops module): the views call
-- them per row.  date(x, modifier, ...), datetime(...), julianday(...),
-- strftime(format, x, modifier, ...).
CREATE OR REPLACE FUNCTION date(VARIADIC "any") RETURNS text
  AS '$libdir/revops', 'revops_dispatch' LANGUAGE C STABLE PARALLEL SAFE;
CREATE OR REPLACE FUNCTION datetime(VARIADIC "any") RETURNS text
  AS '$libdir/revops', 'revops_dispatch' LANGUAGE C STABLE PARALLEL SAFE;
CREATE OR REPLACE FUNCTION julianday(VARIADIC "any") RETURNS double precision
  AS '$libdir/revops', 'revops_dispatch' LANGUAGE C STABLE PARALLEL SAFE;
CREATE OR REPLACE FUNCTION strftime(VARIADIC "any") RETURNS text
  AS '$libdir/revops', 'revops_dispatch' LANGUAGE C STABLE PARALLEL SAFE;

-- --------------------------------------------------------------- printf
-- One function per conversion; tools/pg_dialect.py splits printf's
-- (literal) format and calls these with SQLite's NULL rules (a NULL
-- argument prints as 0, 0.0 or '').
CREATE OR REPLACE FUNCTION fmt_d(x double precision, flags text, width int) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN pg_catalog.strpos(flags, '-') > 0 THEN pg_catalog.rpad(s, greatest(width, pg_catalog.length(s)))
              WHEN pg_catalog.strpos(flags, '0') > 0 AND pg_catalog.length(s) < width THEN
                CASE WHEN v < 0 THEN '-' OPERATOR(pg_catalog.||) pg_catalog.lpad(substr(s, 2), width - 1, '0') ELSE pg_catalog.lpad(s, width, '0') END
              ELSE pg_catalog.lpad(s, greatest(width, pg_catalog.length(s))) END
  FROM (SELECT v, CASE WHEN pg_catalog.strpos(flags, ',') > 0 THEN
          CASE WHEN v < 0 THEN '-' ELSE '' END OPERATOR(pg_catalog.||) pg_catalog.regexp_replace(pg_catalog.abs(v)::text, '(\d)(?=(\d{3})+$)', '\1,', 'g')
          ELSE v::text END AS s
        FROM (SELECT revops_sqlite.to_int(coalesce(x, 0)) AS v) AS a) AS b
$$;
CREATE OR REPLACE FUNCTION fmt_d(x bigint, flags text, width int) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT revops_sqlite.fmt_d(x::double precision, flags, width) $$;
CREATE OR REPLACE FUNCTION fmt_d(x text, flags text, width int) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT revops_sqlite.fmt_d(revops_sqlite.to_int(x)::double precision, flags, width) $$;
CREATE OR REPLACE FUNCTION fmt_f(x double precision, prec int, flags text, width int) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN pg_catalog.strpos(flags, '-') > 0 THEN pg_catalog.rpad(s, greatest(width, pg_catalog.length(s))) ELSE pg_catalog.lpad(s, greatest(width, pg_catalog.length(s))) END
  FROM (SELECT CASE WHEN r = 0 AND coalesce(x, 0) < 0 THEN '-' ELSE '' END OPERATOR(pg_catalog.||) r::text AS s
        FROM (SELECT pg_catalog.round(coalesce(x, 0)::numeric, prec) AS r) AS a) AS b
$$;
CREATE OR REPLACE FUNCTION fmt_f(x bigint, prec int, flags text, width int) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT revops_sqlite.fmt_f(x::double precision, prec, flags, width) $$;
CREATE OR REPLACE FUNCTION fmt_f(x text, prec int, flags text, width int) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT revops_sqlite.fmt_f(revops_sqlite.to_real(x), prec, flags, width) $$;
-- %g: prec significant digits, trailing zeros dropped (C's rule for the
-- exponent form: below 1e-4 or from 10^prec).
CREATE OR REPLACE FUNCTION fmt_g(x double precision, prec int, alt boolean) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN v = 0 THEN CASE WHEN alt THEN '0.0' ELSE '0' END
              WHEN pg_catalog.abs(v) < 1e-4 OR pg_catalog.abs(v) >= 10::numeric ^ p THEN
                pg_catalog.regexp_replace(pg_catalog.regexp_replace(pg_catalog.to_char(v, 'FM9.' OPERATOR(pg_catalog.||) repeat('9', p - 1) OPERATOR(pg_catalog.||) 'EEEE'),
                  '\.?0*e', CASE WHEN alt THEN '.0e' ELSE 'e' END), '(e[-+])([0-9])$', '\10\2')
              ELSE (SELECT CASE WHEN alt AND t !~ '\.' THEN t OPERATOR(pg_catalog.||) '.0' ELSE t END
                    FROM (SELECT CASE WHEN r::text ~ '\.' THEN pg_catalog.rtrim(pg_catalog.rtrim(r::text, '0'), '.') ELSE r::text END AS t
                          FROM (SELECT pg_catalog.round(v::numeric, greatest(0, p - 1 - pg_catalog.floor(pg_catalog.log(pg_catalog.abs(v)))::int)) AS r) AS a) AS b) END
  FROM (SELECT coalesce(x, 0) AS v, greatest(coalesce(prec, 6), 1) AS p) AS s
$$;
CREATE OR REPLACE FUNCTION fmt_g(x bigint, prec int, alt boolean) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT revops_sqlite.fmt_g(x::double precision, prec, alt) $$;
CREATE OR REPLACE FUNCTION fmt_s(x text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT coalesce(x, '') $$;
CREATE OR REPLACE FUNCTION fmt_s(x double precision) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT coalesce(revops_sqlite.to_text(x), '') $$;
CREATE OR REPLACE FUNCTION fmt_s(x bigint) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT coalesce(x::text, '') $$;
CREATE OR REPLACE FUNCTION fmt_s(x json) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT coalesce(x::text, '') $$;

RESET search_path;
