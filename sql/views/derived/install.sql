-- sql/views/derived/install.sql — writes the SQL that turns each view of
-- derived_views into V_live, V_cache and V (sql/views/99_derived.sql).
--
-- Run by sql/views/install.sh on an in-memory database holding the schema
-- and every view file, never on the user's database; its output is then
-- run on the user's database in the install transaction.  Output: one
-- statement per line, in order.

-- A cached view must be written as "CREATE VIEW name AS ..." (its body is
-- moved under the name name_live); anything else stops the install.
SELECT '.print ''sql/views/derived: view ' || v.name || ' is not "CREATE VIEW ' || v.name || ' AS ...", cannot cache it''' || char(10) || '.exit 1'
FROM derived_views AS v LEFT JOIN sqlite_schema AS s ON s.type = 'view' AND s.name = v.name
WHERE s.sql IS NULL OR substr(s.sql, 1, length('CREATE VIEW ' || v.name || ' AS')) <> 'CREATE VIEW ' || v.name || ' AS';

-- The tables whose rows the views read: every table of the schema and of
-- the view files except the import's log (import_*), the alert log (read
-- only by the alerts views, which are not cached) and the derived tables.
-- tests/dashboards/derived.py checks that no cached view reads another.
CREATE TEMP VIEW derived_sources AS
SELECT name FROM sqlite_schema
WHERE type = 'table' AND name NOT LIKE 'sqlite%' AND name NOT LIKE 'import\_%' ESCAPE '\'
  AND name NOT IN ('alert_log', 'derived_tables') AND name NOT LIKE '%\_cache' ESCAPE '\';

-- The fingerprint needs a rowid: a WITHOUT ROWID table stops the install.
SELECT '.print ''sql/views/derived: table ' || t.name || ' has no rowid, the derived tables cannot see its inserts''' || char(10) || '.exit 1'
FROM temp.derived_sources AS s JOIN pragma_table_list AS t ON t.name = s.name AND t.schema = 'main'
WHERE t.wr;

SELECT 'DROP VIEW IF EXISTS derived_fingerprint;';
SELECT 'CREATE VIEW derived_fingerprint(fp) AS SELECT '
       || group_concat('coalesce((SELECT max(rowid) FROM "' || name || '"), 0)', ' || '','' || ') || ';'
FROM (SELECT name FROM temp.derived_sources ORDER BY name);

-- UPDATE and DELETE leave the largest rowid as it is: they clear every
-- stored fingerprint instead.  (An INSERT raises the largest rowid.)
SELECT 'DROP TRIGGER IF EXISTS "derived_' || op || '_' || name || '";' || char(10)
    || 'CREATE TRIGGER "derived_' || op || '_' || name || '" AFTER ' || upper(op) || ' ON "' || name || '"'
    || ' WHEN EXISTS (SELECT 1 FROM derived_tables WHERE fingerprint IS NOT NULL)'
    || ' BEGIN UPDATE derived_tables SET fingerprint = NULL; END;'
FROM temp.derived_sources, (SELECT 'update' AS op UNION ALL SELECT 'delete') ORDER BY name, op;

SELECT 'DROP VIEW IF EXISTS "' || v.name || '_live";' || char(10)
    || 'CREATE VIEW "' || v.name || '_live" AS' || substr(s.sql, length('CREATE VIEW ' || v.name || ' AS') + 1) || ';' || char(10)
    || 'DROP VIEW "' || v.name || '";' || char(10)
    || 'DROP TABLE IF EXISTS "' || v.name || '_cache";' || char(10)
    || 'CREATE TABLE "' || v.name || '_cache" ('
    || (SELECT group_concat(c, ', ') FROM (SELECT '"' || replace(c.name, '"', '""') || '"' || CASE WHEN c.type <> '' THEN ' ' || c.type ELSE '' END AS c
                                          FROM pragma_table_info(v.name) AS c ORDER BY c.cid)) || ');' || char(10)
    || 'DELETE FROM derived_tables WHERE name = ''' || v.name || ''';' || char(10)
    || 'CREATE VIEW "' || v.name || '" AS SELECT * FROM "' || v.name || '_cache"'
    || ' WHERE (SELECT fingerprint FROM derived_tables WHERE name = ''' || v.name || ''') = (SELECT fp FROM derived_fingerprint)'
    || ' UNION ALL SELECT * FROM (SELECT * FROM (SELECT * FROM "' || v.name || '_live" LIMIT -1)'
    || ' LIMIT CASE WHEN (SELECT fingerprint FROM derived_tables WHERE name = ''' || v.name || ''')'
    || ' IS NOT (SELECT fp FROM derived_fingerprint) THEN -1 ELSE 0 END);'
FROM derived_views AS v JOIN sqlite_schema AS s ON s.type = 'view' AND s.name = v.name
ORDER BY v.position;
