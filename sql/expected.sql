-- sql/expected.sql — what a full install creates, as SQL to run on the
-- user's database.  Run by sql/lib.sh (revops_generate) on an in-memory
-- database holding the schema, every view file and the derived tables,
-- made from the shipped sources alone; never on the user's file, whose
-- names must not become SQL text (docs/security.md).  Prints:
--
--   temp.revops_expected(type, name, tbl_name, sql, origin): every object
--     of that install with its exact schema text, origin 'schema' (the
--     tables of sql/schema.sql: the import's targets), 'views' (the view
--     files and the derived tables) or 'dropped' (the caches and twins an
--     earlier install may have left, which install.sh drops);
--   after a line "-- cleanup": what install.sh runs before it writes
--     anything: every trigger it makes dropped (a file's own trigger of
--     such a name goes too), and the 'dropped' names.
--
-- sql/check.sql compares the user's file with revops_expected.

CREATE TEMP TABLE revops_dropped AS
SELECT t.type, v.name || t.suffix AS name
FROM main.sqlite_schema AS v,
     (SELECT 'view' AS type, '_live' AS suffix UNION ALL SELECT 'view', '_refill' UNION ALL SELECT 'view', '_cached' UNION ALL SELECT 'table', '_cache') AS t
WHERE v.type = 'view' AND v.name NOT LIKE '%\_live' ESCAPE '\' AND v.name NOT LIKE '%\_refill' ESCAPE '\'
  AND v.name NOT LIKE '%\_cached' ESCAPE '\'
  AND NOT EXISTS (SELECT 1 FROM main.sqlite_schema AS s WHERE s.name = v.name || t.suffix);

SELECT 'DROP TABLE IF EXISTS temp.revops_expected;';
SELECT 'CREATE TEMP TABLE revops_expected (type TEXT, name TEXT, tbl_name TEXT, sql TEXT, origin TEXT);';
SELECT 'INSERT INTO temp.revops_expected VALUES (' || quote(s.type) || ', ' || quote(s.name) || ', '
       || quote(s.tbl_name) || ', ' || quote(s.sql) || ', '
       || quote(coalesce((SELECT o.origin FROM temp.revops_origin AS o WHERE o.name = s.name), 'views')) || ');'
FROM main.sqlite_schema AS s
WHERE s.name NOT LIKE 'sqlite\_%' ESCAPE '\'
ORDER BY s.type, s.name;
SELECT 'INSERT INTO temp.revops_expected VALUES (' || quote(type) || ', ' || quote(name) || ', '
       || quote(name) || ', NULL, ''dropped'');'
FROM temp.revops_dropped ORDER BY name;
SELECT 'CREATE INDEX temp.revops_expected_name ON revops_expected (name);';

SELECT '-- cleanup';
SELECT 'DROP TRIGGER IF EXISTS "' || name || '";' FROM main.sqlite_schema WHERE type = 'trigger' ORDER BY name;
SELECT 'DROP ' || upper(type) || ' IF EXISTS "' || name || '";' FROM temp.revops_dropped ORDER BY name;
DROP TABLE temp.revops_dropped;
