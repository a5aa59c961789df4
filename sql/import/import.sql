-- sql/import/import.sql — load every *.csv file of one directory into the
-- canonical tables (docs/data.md "The import").
--
-- Needs the import module loaded (dist/revops_import: revops_dir,
-- revops_csv, revops_import), a one-row temp table naming the directory,
-- and a transaction opened before the schema is created, so that a failed
-- import on a new file leaves nothing, not even the tables:
--
--   CREATE TEMP TABLE import_request(dir TEXT NOT NULL);
--   INSERT INTO import_request VALUES ('path/to/csv-dir');
--   BEGIN IMMEDIATE;
--   .read sql/schema.sql
--   .read sql/import/import.sql
--   COMMIT;                           -- or ROLLBACK: a dry run
--
-- sql/import/import.sh does all of that in one command.  Each file is
-- matched to a table by a mapping (a user's *.map file of the directory),
-- by its header (the layouts of the shipped presets, sql/import/presets/,
-- and of users' mappings), or by its name (accounts.csv -> accounts).  Every data row
-- ends up either in its table (inserted, updated or unchanged: the import is
-- an upsert on the primary key, so re-importing changes nothing) or in
-- import_rejects with its file, line, raw text and reason.  import_summary
-- counts rows read, loaded and rejected per file; the last statement prints
-- it.  docs/data.md explains every rule.

INSERT INTO main.import_runs (source_dir, started_at)
SELECT dir, datetime('now') FROM temp.import_request;
DROP TABLE IF EXISTS temp.imp_run;
CREATE TEMP TABLE imp_run AS SELECT max(run_id) AS run_id FROM main.import_runs;

-- The tables a file may load: the canonical tables of sql/schema.sql,
-- never the import's log, the kept tables of the views (V_cache,
-- derived_tables), the alert log or the BI tables (report_*).
-- sql/import/import.sh fills temp.import_targets from the shipped schema
-- (sql/lib.sh); run by hand, the tables of the database that are none of
-- those.  Their columns are read from the database itself: a table added
-- to sql/schema.sql imports with no other change.
CREATE TEMP TABLE IF NOT EXISTS import_targets AS
SELECT name FROM main.sqlite_schema
WHERE type = 'table' AND name NOT LIKE 'sqlite%' AND name NOT LIKE 'import\_%' ESCAPE '\'
  AND name NOT LIKE '%\_cache' ESCAPE '\' AND name NOT LIKE 'report\_%' ESCAPE '\'
  AND name NOT IN ('derived_tables', 'derived_changes', 'alert_log');
DROP TABLE IF EXISTS temp.imp_tables;
CREATE TEMP TABLE imp_tables AS
SELECT s.name AS tbl, (SELECT group_concat(c.name, ' ') FROM pragma_table_info(s.name) AS c) AS columns
FROM main.sqlite_schema AS s
WHERE s.type = 'table' AND s.name IN (SELECT name FROM temp.import_targets)
  AND s.name NOT LIKE 'import\_%' ESCAPE '\';
DROP TABLE temp.import_targets;

-- The directory's CSV files, their headers, and what each one loads.
DROP TABLE IF EXISTS temp.imp_files;
CREATE TEMP TABLE imp_files AS
SELECT d.name AS file, d.path,
       lower(substr(d.name, 1, length(d.name) - 4)) AS stem,
       (SELECT c.fields FROM revops_csv(d.path) AS c LIMIT 1) AS header,
       CAST(NULL AS TEXT) AS preset, CAST(NULL AS TEXT) AS tbl, CAST(NULL AS TEXT) AS note,
       CAST(NULL AS TEXT) AS section, CAST(NULL AS TEXT) AS refused
FROM temp.import_request AS r, revops_dir(r.dir) AS d
WHERE d.is_dir = 0 AND lower(d.name) LIKE '%.csv' AND d.name NOT LIKE '.%';

-- Header names, normalised as revops_csv normalises them (trimmed, ASCII
-- lower case), one row per file and column.
DROP TABLE IF EXISTS temp.imp_header;
CREATE TEMP TABLE imp_header AS
SELECT f.file, CAST(j.key AS INTEGER) + 1 AS position, lower(trim(j.value, ' ' || char(9))) AS name
FROM temp.imp_files AS f, json_each(f.header) AS j
WHERE f.header IS NOT NULL;

-- Mappings (docs/data.md "Mappings"): every *.map file of the directory,
-- read by revops_mapping(), and the shipped presets (sql/import/presets/,
-- compiled into the import module: revops_presets), read by the same
-- parser.  A user's section named like a shipped one (a layout or a
-- [values] list) replaces it.  ord: a list's synonyms come after a
-- mapping's own value lines.
DROP TABLE IF EXISTS temp.imp_mapping;
CREATE TEMP TABLE imp_mapping AS
SELECT 'user' AS origin, 0 AS ord, m.* FROM temp.import_request AS r, revops_mapping(r.dir) AS m;
INSERT INTO temp.imp_mapping
SELECT 'shipped', 0, p.* FROM revops_presets AS p
WHERE p.file COLLATE NOCASE NOT IN (SELECT file FROM temp.imp_mapping);

-- A file a user's [file.csv] section gives a table is loaded into it,
-- whatever its name or header.
UPDATE temp.imp_files SET preset = NULL,
  tbl = (SELECT lower(m.dst) FROM temp.imp_mapping AS m WHERE m.file = imp_files.file COLLATE NOCASE
         AND m.setting = 'table' ORDER BY m.map_file DESC, m.line DESC LIMIT 1)
WHERE file IN (SELECT file COLLATE NOCASE FROM temp.imp_mapping WHERE setting = 'table');

-- ---------------------------------------------------------- layouts
-- A section with match = names a layout, found by header whatever the file
-- is called: every match column present, one of match_any (if given), none
-- of refuse (columns that identify another object), and, with id_prefix,
-- ids of its own object: the first non-empty value of its first match
-- column (among the first 100 rows) that starts with a prefix some layout
-- names must start with one of its own (Salesforce ids: 00Q a lead, 001
-- an account).  Header names are compared trimmed and in lower case
-- (revops_csv), prefixes as written.  A file two layouts could take (a
-- user's before a shipped one), or a layout and its name two different
-- tables, is refused with both named: never loaded by a guess.
DROP TABLE IF EXISTS temp.imp_layout_names;
CREATE TEMP TABLE imp_layout_names AS
WITH RECURSIVE s(origin, map_file, layout, kind, item, rest) AS (
  SELECT origin, map_file, file, setting, NULL, src || ',' FROM temp.imp_mapping
  WHERE setting IN ('match', 'match_any', 'refuse', 'id_prefix')
  UNION ALL
  SELECT origin, map_file, layout, kind,
         CASE WHEN kind = 'id_prefix' THEN trim(substr(rest, 1, instr(rest, ',') - 1), ' ' || char(9))
              ELSE lower(trim(substr(rest, 1, instr(rest, ',') - 1), ' ' || char(9)))
         END,
         substr(rest, instr(rest, ',') + 1)
  FROM s WHERE rest <> '')
SELECT DISTINCT origin, map_file, layout, kind, item AS name FROM s WHERE item IS NOT NULL AND item <> '';
DROP TABLE IF EXISTS temp.imp_layouts;
CREATE TEMP TABLE imp_layouts AS
SELECT m.origin, m.map_file, m.file AS layout,
       (SELECT lower(t.dst) FROM temp.imp_mapping AS t WHERE t.origin = m.origin AND t.map_file = m.map_file
        AND t.file = m.file AND t.setting = 'table' ORDER BY t.line DESC LIMIT 1) AS tbl,
       lower(trim(substr(m.src || ',', 1, instr(m.src || ',', ',') - 1), ' ' || char(9))) AS id_col
FROM temp.imp_mapping AS m WHERE m.setting = 'match'
GROUP BY m.origin, m.map_file, m.file;
-- The first id of each file, in the column a layout with id_prefix reads.
DROP TABLE IF EXISTS temp.imp_file_ids;
CREATE TEMP TABLE imp_file_ids AS
SELECT f.file, h.name AS col,
       (SELECT v FROM (SELECT trim(json_extract(c.fields, '$[' || (h.position - 1) || ']'), ' ' || char(9)) AS v
                       FROM revops_csv(f.path) AS c WHERE c.header = 0 LIMIT 100)
        WHERE v <> '' LIMIT 1) AS first_id
FROM temp.imp_files AS f JOIN temp.imp_header AS h ON h.file = f.file
WHERE f.tbl IS NULL
  AND h.name IN (SELECT l.id_col FROM temp.imp_layouts AS l JOIN temp.imp_layout_names AS n
                 ON n.origin = l.origin AND n.map_file = l.map_file AND n.layout = l.layout AND n.kind = 'id_prefix');
DROP TABLE IF EXISTS temp.imp_candidates;
CREATE TEMP TABLE imp_candidates AS
SELECT f.file, l.origin, l.map_file, l.layout, l.tbl
FROM temp.imp_files AS f, temp.imp_layouts AS l
WHERE f.header IS NOT NULL AND f.tbl IS NULL
  AND NOT EXISTS (SELECT 1 FROM temp.imp_layout_names AS n
                  WHERE n.origin = l.origin AND n.map_file = l.map_file AND n.layout = l.layout AND n.kind = 'match'
                    AND n.name NOT IN (SELECT h.name FROM temp.imp_header AS h WHERE h.file = f.file))
  AND (NOT EXISTS (SELECT 1 FROM temp.imp_layout_names AS n
                   WHERE n.origin = l.origin AND n.map_file = l.map_file AND n.layout = l.layout AND n.kind = 'match_any')
       OR EXISTS (SELECT 1 FROM temp.imp_layout_names AS n JOIN temp.imp_header AS h ON h.file = f.file AND h.name = n.name
                  WHERE n.origin = l.origin AND n.map_file = l.map_file AND n.layout = l.layout AND n.kind = 'match_any'))
  AND NOT EXISTS (SELECT 1 FROM temp.imp_layout_names AS n JOIN temp.imp_header AS h ON h.file = f.file AND h.name = n.name
                  WHERE n.origin = l.origin AND n.map_file = l.map_file AND n.layout = l.layout AND n.kind = 'refuse')
  AND NOT EXISTS (
    SELECT 1 FROM temp.imp_file_ids AS i
    WHERE i.file = f.file AND i.col = l.id_col AND i.first_id IS NOT NULL
      AND EXISTS (SELECT 1 FROM temp.imp_layout_names AS n
                  WHERE n.origin = l.origin AND n.map_file = l.map_file AND n.layout = l.layout AND n.kind = 'id_prefix')
      AND EXISTS (SELECT 1 FROM temp.imp_layout_names AS k
                  WHERE k.kind = 'id_prefix' AND substr(i.first_id, 1, length(k.name)) = k.name)
      AND NOT EXISTS (SELECT 1 FROM temp.imp_layout_names AS n
                      WHERE n.origin = l.origin AND n.map_file = l.map_file AND n.layout = l.layout
                        AND n.kind = 'id_prefix' AND substr(i.first_id, 1, length(n.name)) = n.name));
-- layout = NAME in a user's [file.csv] section: that layout, whatever the
-- header (a file that two could take, named by the user).
DELETE FROM temp.imp_candidates WHERE file IN (SELECT f.file FROM temp.imp_files AS f JOIN temp.imp_mapping AS m
  ON m.origin = 'user' AND m.file = f.file COLLATE NOCASE AND m.setting = 'layout');
INSERT INTO temp.imp_candidates
SELECT f.file, coalesce(l.origin, 'user'), coalesce(l.map_file, m.map_file), coalesce(l.layout, m.dst),
       coalesce(l.tbl, CASE WHEN l.layout IS NULL THEN '(none: no layout or preset named ' || m.dst || ')' END)
FROM temp.imp_files AS f
JOIN temp.imp_mapping AS m ON m.origin = 'user' AND m.file = f.file COLLATE NOCASE AND m.setting = 'layout'
LEFT JOIN (SELECT *, row_number() OVER (PARTITION BY lower(layout) ORDER BY origin = 'user' DESC, map_file) AS k
           FROM temp.imp_layouts) AS l ON l.layout = m.dst COLLATE NOCASE AND l.k = 1
WHERE f.tbl IS NULL AND f.header IS NOT NULL;
-- A user's layouts before the shipped ones: only the first origin counts.
DELETE FROM temp.imp_candidates
WHERE origin = 'shipped' AND file IN (SELECT file FROM temp.imp_candidates WHERE origin = 'user');
DROP TABLE IF EXISTS temp.imp_file_layout;
CREATE TEMP TABLE imp_file_layout AS
SELECT c.file, c.origin, c.map_file, c.layout, c.tbl FROM temp.imp_candidates AS c
WHERE (SELECT count(*) FROM temp.imp_candidates AS d WHERE d.file = c.file) = 1;
-- Refused: what could take it, named.
UPDATE temp.imp_files SET refused = (
  SELECT group_concat(x, ' or ') FROM (
    SELECT 'the ' || c.layout || CASE WHEN c.origin = 'user' THEN ' layout of ' || c.map_file ELSE ' preset' END
           || ' (table ' || coalesce(c.tbl, '?') || ')' AS x
    FROM temp.imp_candidates AS c WHERE c.file = imp_files.file ORDER BY c.layout))
WHERE file IN (SELECT file FROM temp.imp_candidates GROUP BY file HAVING count(*) > 1);
UPDATE temp.imp_files SET refused = (
  SELECT 'the ' || x.layout || CASE WHEN x.origin = 'user' THEN ' layout of ' || x.map_file ELSE ' preset' END
         || ' (table ' || coalesce(x.tbl, '?') || ') or, by its name, table ' || imp_files.stem
  FROM temp.imp_file_layout AS x WHERE x.file = imp_files.file)
WHERE refused IS NULL AND stem IN (SELECT tbl FROM temp.imp_tables)
  AND file IN (SELECT x.file FROM temp.imp_file_layout AS x WHERE x.tbl IS NOT imp_files.stem)
  AND file NOT IN (SELECT file COLLATE NOCASE FROM temp.imp_mapping WHERE origin = 'user' AND setting = 'layout');
DELETE FROM temp.imp_file_layout WHERE file IN (SELECT file FROM temp.imp_files WHERE refused IS NOT NULL);
DROP TABLE temp.imp_candidates;
DROP TABLE temp.imp_file_ids;
-- A layout without table = is named in the error revops_import() gives.
UPDATE temp.imp_files SET
  preset = (SELECT layout FROM temp.imp_file_layout AS x WHERE x.file = imp_files.file),
  tbl = (SELECT coalesce(tbl, '(none: [' || layout || '] of ' || map_file || ' has no table =)')
         FROM temp.imp_file_layout AS x WHERE x.file = imp_files.file)
WHERE file IN (SELECT file FROM temp.imp_file_layout);
-- The layout's settings become the file's; a setting and column the
-- user's [file.csv] section gives replaces the layout's lines of it.
INSERT INTO temp.imp_mapping (origin, ord, map_file, line, file, setting, col, src, dst)
SELECT m.origin, 0, m.map_file, m.line, x.file, m.setting, m.col, m.src, m.dst
FROM temp.imp_file_layout AS x
JOIN temp.imp_mapping AS m ON m.origin = x.origin AND m.map_file = x.map_file AND m.file = x.layout
WHERE m.setting NOT IN ('match', 'match_any', 'refuse', 'id_prefix', 'table')
  AND NOT EXISTS (SELECT 1 FROM temp.imp_mapping AS u WHERE u.file = x.file COLLATE NOCASE
                  AND u.setting = m.setting AND u.col IS m.col);
-- FILE -> TABLE sections: the file feeds another table too, with its own
-- settings (docs/data.md "One file, several tables").  A user's
-- [file.csv -> table] section, or a layout's [layout -> table] for each
-- file the layout matched (its lines copied under the file's name).  Each
-- becomes one more entry of the file, loaded after the table's own files.
INSERT INTO temp.imp_mapping (origin, ord, map_file, line, file, setting, col, src, dst)
SELECT m.origin, 0, m.map_file, m.line,
       x.file || ' -> ' || lower(trim(substr(m.file, instr(m.file, ' -> ') + 4), ' ' || char(9))),
       m.setting, m.col, m.src, m.dst
FROM temp.imp_file_layout AS x
JOIN temp.imp_mapping AS m ON m.origin = x.origin AND m.map_file = x.map_file AND instr(m.file, ' -> ') > 0
 AND rtrim(substr(m.file, 1, instr(m.file, ' -> ') - 1), ' ' || char(9)) = x.layout COLLATE NOCASE;
INSERT INTO temp.imp_files (file, path, stem, header, preset, tbl, note, section, refused)
SELECT f.file, f.path, f.stem, f.header, f.preset,
       lower(trim(substr(m.file, instr(m.file, ' -> ') + 4), ' ' || char(9))), NULL, m.file, NULL
FROM (SELECT DISTINCT file FROM temp.imp_mapping WHERE instr(file, ' -> ') > 0 AND file NOT LIKE 'values %') AS m
JOIN temp.imp_files AS f ON f.section IS NULL
 AND rtrim(substr(m.file, 1, instr(m.file, ' -> ') - 1), ' ' || char(9)) = f.file COLLATE NOCASE;
-- values.COLUMN = NAME: the [values NAME] list's lines, as value lines.
INSERT INTO temp.imp_mapping (origin, ord, map_file, line, file, setting, col, src, dst)
SELECT v.origin, 1, v.map_file, v.line, m.file, 'value', m.col, v.src, v.dst
FROM temp.imp_mapping AS m JOIN temp.imp_mapping AS v ON v.file = 'values ' || m.dst COLLATE NOCASE
WHERE m.setting = 'values' AND m.file IN (SELECT coalesce(section, file) FROM temp.imp_files);

-- Canonical files: the file name is the table name.
UPDATE temp.imp_files SET tbl = stem
WHERE tbl IS NULL AND preset IS NULL AND refused IS NULL AND stem IN (SELECT tbl FROM temp.imp_tables);

-- Columns no table has are ignored, and said so in the summary (a column
-- a mapping reads is not ignored).
UPDATE temp.imp_files SET note = (
  SELECT 'ignored columns: ' || group_concat(h.name, ', ')
  FROM temp.imp_header AS h
  WHERE h.file = imp_files.file
    AND (' ' || (SELECT columns FROM temp.imp_tables WHERE tbl = imp_files.tbl) || ' ')
        NOT LIKE '% ' || h.name || ' %'
    AND NOT EXISTS (SELECT 1 FROM temp.imp_mapping AS m
                    WHERE (m.file = imp_files.file COLLATE NOCASE
                           OR m.file IN (SELECT g.section FROM temp.imp_files AS g
                                         WHERE g.file = imp_files.file AND g.section IS NOT NULL))
                      AND (instr('|' || lower(replace(replace(replace(replace(replace(
                                   CASE WHEN m.setting = 'when' THEN m.dst ELSE m.src END,
                                   ' + ', '|'), ' |', '|'), ' |', '|'), '| ', '|'), '| ', '|')) || '|', '|' || h.name || '|') > 0
                           AND m.setting IN ('column', 'times', 'per', 'parent', 'when')
                        OR m.setting = 'when' AND lower(m.src) LIKE h.name || ' is %')))
WHERE tbl IS NOT NULL AND preset IS NULL AND section IS NULL;
UPDATE temp.imp_files SET note = coalesce(note || '; ', '') || 'mapped by '
  || (SELECT group_concat(DISTINCT map_file) FROM temp.imp_mapping AS m
      WHERE m.file = coalesce(imp_files.section, imp_files.file) COLLATE NOCASE AND m.origin = 'user')
WHERE coalesce(section, file) IN (SELECT file COLLATE NOCASE FROM temp.imp_mapping WHERE origin = 'user');
UPDATE temp.imp_files SET note = 'empty file (no header)' WHERE header IS NULL;
UPDATE temp.imp_files SET note = 'refused: it could be ' || refused WHERE refused IS NOT NULL;

-- A file that matches no table: its rows are rejected, not skipped, and
-- the reason names the closest table: the one that has most of the file's
-- column names (ties: a name that starts like the file's, then A-Z).
DROP TABLE IF EXISTS temp.imp_closest;
CREATE TEMP TABLE imp_closest AS
SELECT file, tbl, n, total FROM (
  SELECT file, tbl, n, total, named, row_number() OVER (PARTITION BY file ORDER BY n DESC, named DESC, tbl) AS k
  FROM (SELECT f.file, t.tbl,
               (SELECT count(*) FROM temp.imp_header AS h WHERE h.file = f.file
                AND instr(' ' || t.columns || ' ', ' ' || h.name || ' ') > 0) AS n,
               (SELECT count(*) FROM temp.imp_header AS h WHERE h.file = f.file) AS total,
               (length(f.stem) >= 4 AND substr(t.tbl, 1, length(f.stem) - 1) = substr(f.stem, 1, length(f.stem) - 1)) AS named
        FROM temp.imp_files AS f, temp.imp_tables AS t
        WHERE f.tbl IS NULL AND f.preset IS NULL))
WHERE k = 1 AND (n > 0 OR named);
-- An export one column short of a preset's signature names the preset
-- and the column it lacks.
DROP TABLE IF EXISTS temp.imp_signatures;
CREATE TEMP TABLE imp_signatures AS
SELECT layout AS preset, name FROM temp.imp_layout_names WHERE kind = 'match';
DROP TABLE IF EXISTS temp.imp_near_preset;
CREATE TEMP TABLE imp_near_preset AS
SELECT file, preset, lacks FROM (
  SELECT f.file, g.preset, group_concat(CASE WHEN h.name IS NULL THEN g.name END) AS lacks,
         count(h.name) AS n, count(*) AS total,
         row_number() OVER (PARTITION BY f.file ORDER BY count(h.name) DESC, g.preset) AS k
  FROM temp.imp_files AS f JOIN temp.imp_signatures AS g
       LEFT JOIN temp.imp_header AS h ON h.file = f.file AND h.name = g.name
  WHERE f.tbl IS NULL AND f.preset IS NULL AND f.header IS NOT NULL
  GROUP BY f.file, g.preset)
WHERE k = 1 AND n = total - 1 AND n >= 2;
INSERT INTO main.import_rejects (run_id, file, line, table_name, raw, reason)
SELECT (SELECT run_id FROM temp.imp_run), f.file, c.line, NULL, c.raw,
       CASE WHEN f.refused IS NOT NULL THEN
         'the file could be loaded by ' || f.refused || ': not loaded by a guess; say which in a .map file'
         || ' ([' || f.file || '] with layout = NAME, or table = TABLE and its columns), or rename the file,'
         || ' docs/data.md "Mappings"'
       ELSE 'no table named ' || f.stem || coalesce(
         (SELECT ' (closest: the ' || x.preset || ' export preset, but the file has no column ''' || x.lacks
                 || ''': add it, or map the file in a .map file, docs/data.md "Mappings")'
          FROM temp.imp_near_preset AS x WHERE x.file = f.file),
         (SELECT ' (closest: ' || x.tbl || ', which has ' || x.n || ' of the file''s ' || x.total || ' columns: name the file '
                 || x.tbl || '.csv, or map it in a .map file, docs/data.md "Mappings")'
          FROM temp.imp_closest AS x WHERE x.file = f.file),
         ' (no table has any of its columns: name the file after a table, e.g. accounts.csv, use an export'
         || ' preset, or map it in a .map file, docs/data.md "Mappings")') END
FROM temp.imp_files AS f, revops_csv(f.path) AS c
WHERE f.tbl IS NULL AND f.preset IS NULL AND c.header = 0;
DROP TABLE temp.imp_closest;
DROP TABLE temp.imp_near_preset;
DROP TABLE temp.imp_signatures;
INSERT INTO main.import_summary
SELECT (SELECT run_id FROM temp.imp_run), f.file, '(no table)', NULL, count(c.line), 0, 0, 0, 0, count(c.line), f.note
FROM temp.imp_files AS f LEFT JOIN revops_csv(f.path) AS c ON c.header = 0
WHERE f.tbl IS NULL AND f.preset IS NULL
GROUP BY f.file;

-- Files with a header but no rows still appear in the summary.
INSERT OR IGNORE INTO main.import_summary
SELECT (SELECT run_id FROM temp.imp_run), f.file, f.tbl, f.preset, 0, 0, 0, 0, 0, 0, f.note
FROM temp.imp_files AS f
WHERE f.tbl IS NOT NULL AND NOT EXISTS (SELECT 1 FROM revops_csv(f.path) AS c WHERE c.header = 0);

-- A re-imported file's old rejects are replaced by this run's.
DELETE FROM main.import_rejects
WHERE file IN (SELECT file FROM temp.imp_files)
  AND run_id <> (SELECT run_id FROM temp.imp_run);

-- ------------------------------------------------------------------ load
-- Every table in foreign-key order, parents first: each row typed and
-- checked in C (dist/revops_import, ext/import/import.c and the stage files loader.h lists) and written to its
-- table or to import_rejects with every problem it has.
-- Its scratch tables: rows updated in this run (to find a duplicate's
-- first line) and the keys of rejected rows (so that a child can say its
-- parent was rejected).
DROP TABLE IF EXISTS temp.imp_touched;
CREATE TEMP TABLE imp_touched (rid INTEGER PRIMARY KEY, file_no INTEGER, line INTEGER);
DROP TABLE IF EXISTS temp.imp_rejected;
CREATE TEMP TABLE imp_rejected (tbl TEXT, k TEXT, file TEXT, line INTEGER);
CREATE INDEX temp.imp_rejected_k ON imp_rejected (tbl, k);
-- Called from a statement that reads no table and returns no row (so it
-- prints nothing): only then may the import drop a fresh table's
-- secondary indexes and build them after its rows (SQLite refuses DROP
-- INDEX while another statement reads the database; docs/performance.md).
SELECT 'never printed' WHERE revops_import() < 0;
DROP TABLE temp.imp_touched;
DROP TABLE temp.imp_rejected;

DROP TABLE temp.imp_tables;
DROP TABLE temp.imp_header;
DROP TABLE temp.imp_mapping;
DROP TABLE temp.imp_layout_names;
DROP TABLE temp.imp_layouts;
DROP TABLE temp.imp_file_layout;
DROP TABLE temp.imp_run;
DROP TABLE temp.imp_files;

-- Now COMMIT (or ROLLBACK for a dry run); the run's summary is
--   SELECT * FROM import_summary WHERE run_id = (SELECT max(run_id) FROM import_runs);
