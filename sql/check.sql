-- sql/check.sql — does the user's database hold only what revops made of
-- its own objects?  Run by sql/import/import.sh, sql/views/install.sh and
-- sql/views/refresh.sh on the user's file, inside their transaction and
-- before anything is written, with temp.revops_expected (sql/expected.sql:
-- every object of a full install, from the shipped sources) and
-- temp.revops_mode ('install', 'import' or 'refresh').  Prints one line
-- "error: ..." per problem and then fails (a CHECK constraint), which
-- stops the script's sqlite3 (-bail) and rolls the transaction back.
--
-- Refused, in every mode:
--   * a trigger on a revops table or view that revops did not create (on
--     install: whose name is not one install creates; install drops and
--     makes those again before it writes anything).  A trigger runs inside
--     revops' own statements, so it is refused before any of them runs;
--   * a name revops keeps a table under that is something else (a view, a
--     virtual table), or a name revops installs a view under that is a
--     table.
-- Refused by refresh (which reads the views): a view of revops whose text
-- is not the shipped one, the views not installed, or the triggers that
-- keep the caches honest missing (a table dropped and made again).
--
-- Names the file chose reach the terminal: one holding anything but
-- printable ASCII is shown in hex (no escape sequences).

DROP TABLE IF EXISTS temp.revops_problems;
CREATE TEMP TABLE revops_problems (k INTEGER PRIMARY KEY, msg TEXT);
DROP TABLE IF EXISTS temp.revops_objects;
CREATE TEMP TABLE revops_objects AS
SELECT s.type, s.name, s.tbl_name, s.sql, s.rootpage,
       CASE WHEN s.name GLOB '*[^ -~]*' THEN 'x''' || hex(s.name) || '''' ELSE '"' || s.name || '"' END AS shown,
       CASE WHEN s.tbl_name GLOB '*[^ -~]*' THEN 'x''' || hex(s.tbl_name) || '''' ELSE s.tbl_name END AS shown_tbl
FROM main.sqlite_schema AS s;
CREATE INDEX temp.revops_objects_name ON revops_objects (name, type);

INSERT INTO temp.revops_problems (msg)
SELECT 'trigger ' || o.shown || ' on ' || o.shown_tbl || ' was not created by revops, and it would run inside '
       || 'revops'' own statements: this file is refused (drop the trigger if you trust the file)'
FROM temp.revops_objects AS o
WHERE o.type = 'trigger'
  AND o.tbl_name IN (SELECT name FROM temp.revops_expected)
  AND NOT EXISTS (SELECT 1 FROM temp.revops_expected AS e
                  WHERE e.type = 'trigger' AND e.name = o.name
                    AND ((SELECT mode FROM temp.revops_mode) = 'install' OR e.sql IS o.sql))
ORDER BY o.name;

INSERT INTO temp.revops_problems (msg)
SELECT o.shown || ' is a ' || CASE WHEN o.type = 'table' THEN 'virtual table' ELSE o.type END
       || ', but revops keeps a table of that name: this file is refused (rename or drop it)'
FROM temp.revops_expected AS e
JOIN temp.revops_objects AS o ON o.name = e.name AND o.type IN ('table', 'view')
WHERE e.type = 'table'
  AND (o.type = 'view' OR o.rootpage = 0 OR upper(substr(ltrim(o.sql, ' ' || char(9, 10, 13)), 1, 14)) = 'CREATE VIRTUAL')
ORDER BY o.name;

INSERT INTO temp.revops_problems (msg)
SELECT o.shown || ' is a ' || o.type || ', but revops installs a view of that name: this file is refused (rename or drop it)'
FROM temp.revops_objects AS o
JOIN temp.revops_expected AS e ON e.name = o.name AND e.type = 'view'
WHERE o.type <> 'view'
ORDER BY o.name;

-- refresh: the views it reads and the triggers behind the fingerprint
INSERT INTO temp.revops_problems (msg)
SELECT 'the views are not installed in this database: run sh sql/views/install.sh first'
WHERE (SELECT mode FROM temp.revops_mode) = 'refresh'
  AND NOT EXISTS (SELECT 1 FROM temp.revops_objects WHERE type = 'table' AND name = 'derived_tables');
INSERT INTO temp.revops_problems (msg)
SELECT count(*) || ' of the views revops installs differ from the shipped ones or are missing (first: '
       || group_concat(name, ', ') FILTER (WHERE k <= 5)
       || '): run sh sql/views/install.sh again'
FROM (SELECT e.name, row_number() OVER (ORDER BY e.name) AS k
      FROM temp.revops_expected AS e
      WHERE e.type = 'view' AND e.origin = 'views'
        AND NOT EXISTS (SELECT 1 FROM temp.revops_objects AS o WHERE o.type = 'view' AND o.name = e.name AND o.sql IS e.sql))
WHERE (SELECT mode FROM temp.revops_mode) = 'refresh'
  AND EXISTS (SELECT 1 FROM temp.revops_objects WHERE type = 'table' AND name = 'derived_tables')
HAVING count(*) > 0;
INSERT INTO temp.revops_problems (msg)
SELECT 'triggers missing: ' || count(*) || ' of ' || (SELECT count(*) FROM temp.revops_expected WHERE type = 'trigger')
       || ' (a table was dropped and made again): run sh sql/views/install.sh first'
FROM temp.revops_expected AS e
WHERE e.type = 'trigger' AND (SELECT mode FROM temp.revops_mode) = 'refresh'
  AND EXISTS (SELECT 1 FROM temp.revops_objects WHERE type = 'table' AND name = 'derived_tables')
  AND NOT EXISTS (SELECT 1 FROM temp.revops_objects AS o WHERE o.type = 'trigger' AND o.name = e.name)
HAVING count(*) > 0;

.mode list
.headers off
SELECT 'error: ' || msg FROM temp.revops_problems ORDER BY k;
DROP TABLE IF EXISTS temp.revops_gate;
CREATE TEMP TABLE revops_gate (ok INTEGER CHECK (ok));
INSERT INTO temp.revops_gate SELECT NOT EXISTS (SELECT 1 FROM temp.revops_problems);
DROP TABLE temp.revops_gate;
DROP TABLE temp.revops_objects;
DROP TABLE temp.revops_problems;
