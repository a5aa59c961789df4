-- sql/views/derived/refresh.sql — writes the SQL that brings every derived
-- table current (sql/views/99_derived.sql), in derived_views order.  Run
-- by sql/lib.sh on an in-memory database made from the shipped sources
-- (never on the user's file: its names must not become SQL text), after
-- sql/views/derived/install.sql (temp.derived_plan); sql/views/refresh.sh
-- runs the output on the user's database in one transaction, after
-- sql/check.sql.
--
-- For each kept view V, in order:
--   * its inputs now (derived_plan.inputs) against those of its last
--     refill: the same, and V_cache is left as it is (V is current);
--   * otherwise V_cache is refilled from V_refill.  A view other kept
--     views read (shared) is refilled into a temporary table first and
--     compared with V_cache row by row (rowid, value and type): the same
--     rows keep V_cache and its version, so the views reading it are left
--     as they are; other rows replace V_cache and give it a new version.
--     Refilled for the first time, or after refresh.sh --full (no stored
--     inputs), a view is refilled straight into V_cache.
-- Each statement runs every time; its WHERE or LIMIT (read from
-- temp.derived_run) decides whether it does anything, so no SQL is ever
-- made from the database's contents.  A DELETE's flag is a rowid bound,
-- NULL when there is nothing to delete: SQLite seeks the bound once and
-- stops at a NULL, where a WHERE of a bare subquery is tested on every row
-- (3.40 does not hoist a term holding a subquery out of the loop), which
-- read each untouched cache whole (0.1 s for service_tickets at SCALE=20,
-- about 1.2 s of every refresh).
SELECT 'DROP TABLE IF EXISTS temp.derived_run;' || char(10)
    || 'CREATE TEMP TABLE derived_run (name TEXT PRIMARY KEY, inputs TEXT, rebuild INTEGER, direct INTEGER, changed INTEGER);';
SELECT 'INSERT INTO temp.derived_run (name, inputs, rebuild, direct) SELECT ' || quote(name) || ', i.inputs, '
    || 't.inputs IS NOT i.inputs OR t.version IS NULL, t.inputs IS NULL OR t.version IS NULL OR NOT ' || shared
    || ' FROM (SELECT ' || inputs || ' AS inputs) AS i LEFT JOIN derived_tables AS t ON t.name = ' || quote(name) || ';' || char(10)
    -- straight into V_cache
    || 'DELETE FROM "' || name || '_cache" WHERE rowid >= (SELECT CASE WHEN rebuild AND direct THEN -9223372036854775807 - 1 END FROM temp.derived_run WHERE name = ' || quote(name) || ');' || char(10)
    || 'INSERT INTO "' || name || '_cache" SELECT * FROM (SELECT * FROM (SELECT * FROM "' || name || '_refill" LIMIT -1)'
    || ' LIMIT (SELECT CASE WHEN rebuild AND direct THEN -1 ELSE 0 END FROM temp.derived_run WHERE name = ' || quote(name) || '));' || char(10)
    || 'UPDATE temp.derived_run SET changed = rebuild AND direct WHERE name = ' || quote(name) || ';' || char(10)
    -- through a temporary table, compared
    || CASE WHEN shared THEN
          'DROP TABLE IF EXISTS temp.derived_new;' || char(10)
       || 'CREATE TEMP TABLE derived_new AS SELECT * FROM "' || name || '_cache" LIMIT 0;' || char(10)
       || 'INSERT INTO temp.derived_new SELECT * FROM (SELECT * FROM (SELECT * FROM "' || name || '_refill" LIMIT -1)'
       || ' LIMIT (SELECT CASE WHEN rebuild AND NOT direct THEN -1 ELSE 0 END FROM temp.derived_run WHERE name = ' || quote(name) || '));' || char(10)
       || 'UPDATE temp.derived_run SET changed = (SELECT count(*) FROM temp.derived_new) <> (SELECT count(*) FROM "' || name || '_cache")'
       || ' OR EXISTS (SELECT 1 FROM temp.derived_new AS n LEFT JOIN "' || name || '_cache" AS c ON c.rowid = n.rowid'
       || ' WHERE c.rowid IS NULL OR ' || differs || ')'
       || ' WHERE name = ' || quote(name) || ' AND rebuild AND NOT direct;' || char(10)
       || 'DELETE FROM "' || name || '_cache" WHERE rowid >= (SELECT CASE WHEN changed AND NOT direct THEN -9223372036854775807 - 1 END FROM temp.derived_run WHERE name = ' || quote(name) || ');' || char(10)
       || 'INSERT INTO "' || name || '_cache" (' || cols || ') SELECT ' || cols || ' FROM temp.derived_new'
       || ' WHERE (SELECT changed AND NOT direct FROM temp.derived_run WHERE name = ' || quote(name) || ') ORDER BY rowid;' || char(10)
       || 'DROP TABLE temp.derived_new;' || char(10)
       ELSE '' END
    || 'INSERT OR REPLACE INTO derived_tables (name, fingerprint, inputs, version, refreshed_at, refilled_at, row_count) SELECT '
    || quote(name) || ', ' || fp || ', r.inputs, CASE WHEN r.changed OR t.version IS NULL THEN hex(randomblob(8)) ELSE t.version END, '
    || 'strftime(''%Y-%m-%d %H:%M:%S'', ''now''), CASE WHEN r.rebuild THEN strftime(''%Y-%m-%d %H:%M:%S'', ''now'') ELSE t.refilled_at END, '
    || 'CASE WHEN r.rebuild THEN (SELECT count(*) FROM "' || name || '_cache") ELSE t.row_count END'
    || ' FROM temp.derived_run AS r LEFT JOIN derived_tables AS t ON t.name = r.name WHERE r.name = ' || quote(name) || ';'
FROM temp.derived_plan ORDER BY position;
SELECT 'DROP TABLE temp.derived_run;';
