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
--
-- A keyed view (99_derived.sql derived_keyed) whose inputs differ from
-- those of its last refill only by the keyed table's largest rowid, grown
-- by at most a quarter, is refilled by key: temp.derived_k gets the keys
-- of the rows above the largest rowid its cache was computed at, and
-- temp.derived_new the cache's rows of every other key with the keyed
-- text's rows of those keys, in the key's order; it is then compared and
-- kept as a shared view's refill is.
SELECT 'DROP TABLE IF EXISTS temp.derived_run;' || char(10)
    || 'CREATE TEMP TABLE derived_run (name TEXT PRIMARY KEY, inputs TEXT, keyed_inputs TEXT, rebuild INTEGER, direct INTEGER,'
    || ' keyed INTEGER, changed INTEGER);' || char(10)
    || 'DROP TABLE IF EXISTS temp.derived_k;' || char(10)
    || 'CREATE TEMP TABLE derived_k (k);';
SELECT 'INSERT INTO temp.derived_run (name, inputs, keyed_inputs, rebuild, direct, keyed) SELECT ' || quote(p.name)
    || ', inputs, keyed_inputs, rebuild, (stored IS NULL OR version IS NULL OR NOT ' || p.shared || ') AND NOT keyed, keyed'
    || ' FROM (SELECT i.inputs, i.keyed_inputs, t.inputs AS stored, t.version, t.inputs IS NOT i.inputs OR t.version IS NULL AS rebuild, '
    || CASE WHEN k.name IS NULL THEN '0' ELSE
          'coalesce(t.inputs IS NOT NULL AND t.inputs IS NOT i.inputs AND t.version IS NOT NULL AND t.keyed_inputs IS i.keyed_inputs'
       || ' AND (SELECT max(rowid) - t.keyed_rowid BETWEEN 1 AND max(rowid) / 4 FROM "' || k.tbl || '"), 0)'
       END || ' AS keyed'
    || ' FROM (SELECT ' || p.inputs || ' AS inputs, ' || coalesce(k.keyed_inputs, 'NULL') || ' AS keyed_inputs) AS i'
    || ' LEFT JOIN derived_tables AS t ON t.name = ' || quote(p.name) || ');' || char(10)
    -- the keys of the appended rows
    || CASE WHEN k.name IS NULL THEN '' ELSE
          'DELETE FROM temp.derived_k;' || char(10)
       || 'INSERT INTO temp.derived_k SELECT DISTINCT "' || k.col || '" FROM "' || k.tbl || '" WHERE rowid > (SELECT CASE WHEN r.keyed THEN t.keyed_rowid END'
       || ' FROM temp.derived_run AS r, derived_tables AS t WHERE r.name = ' || quote(p.name) || ' AND t.name = r.name);' || char(10)
       END
    -- straight into V_cache
    || 'DELETE FROM "' || p.name || '_cache" WHERE rowid >= (SELECT CASE WHEN rebuild AND direct THEN -9223372036854775807 - 1 END FROM temp.derived_run WHERE name = ' || quote(p.name) || ');' || char(10)
    || 'INSERT INTO "' || p.name || '_cache" SELECT * FROM (SELECT * FROM (SELECT * FROM "' || p.name || '_refill" LIMIT -1)'
    || ' LIMIT (SELECT CASE WHEN rebuild AND direct THEN -1 ELSE 0 END FROM temp.derived_run WHERE name = ' || quote(p.name) || '));' || char(10)
    || 'UPDATE temp.derived_run SET changed = rebuild AND direct WHERE name = ' || quote(p.name) || ';' || char(10)
    -- through a temporary table, compared
    || CASE WHEN p.shared OR k.name IS NOT NULL THEN
          'DROP TABLE IF EXISTS temp.derived_new;' || char(10)
       || 'CREATE TEMP TABLE derived_new AS SELECT * FROM "' || p.name || '_cache" LIMIT 0;' || char(10)
       || 'INSERT INTO temp.derived_new SELECT * FROM (SELECT * FROM (SELECT * FROM "' || p.name || '_refill" LIMIT -1)'
       || ' LIMIT (SELECT CASE WHEN rebuild AND NOT direct AND NOT keyed THEN -1 ELSE 0 END FROM temp.derived_run WHERE name = ' || quote(p.name) || '));' || char(10)
       || CASE WHEN k.name IS NULL THEN '' ELSE
             'INSERT INTO temp.derived_new SELECT * FROM (SELECT * FROM "' || p.name || '_cache" WHERE "' || k.col || '" IS NULL'
          || ' AND NOT EXISTS (SELECT 1 FROM temp.derived_k WHERE k IS NULL) OR "' || k.col || '" NOT IN (SELECT k FROM temp.derived_k WHERE k IS NOT NULL)'
          || ' UNION ALL SELECT * FROM (' || k.body || ')) ORDER BY "' || k.col || '"'
          || ' LIMIT (SELECT CASE WHEN keyed THEN -1 ELSE 0 END FROM temp.derived_run WHERE name = ' || quote(p.name) || ');' || char(10)
          END
       || 'UPDATE temp.derived_run SET changed = (SELECT count(*) FROM temp.derived_new) <> (SELECT count(*) FROM "' || p.name || '_cache")'
       || ' OR EXISTS (SELECT 1 FROM temp.derived_new AS n LEFT JOIN "' || p.name || '_cache" AS c ON c.rowid = n.rowid'
       || ' WHERE c.rowid IS NULL OR ' || p.differs || ')'
       || ' WHERE name = ' || quote(p.name) || ' AND rebuild AND NOT direct;' || char(10)
       || 'DELETE FROM "' || p.name || '_cache" WHERE rowid >= (SELECT CASE WHEN changed AND NOT direct THEN -9223372036854775807 - 1 END FROM temp.derived_run WHERE name = ' || quote(p.name) || ');' || char(10)
       || 'INSERT INTO "' || p.name || '_cache" (' || p.cols || ') SELECT ' || p.cols || ' FROM temp.derived_new'
       || ' WHERE (SELECT changed AND NOT direct FROM temp.derived_run WHERE name = ' || quote(p.name) || ') ORDER BY rowid;' || char(10)
       || 'DROP TABLE temp.derived_new;' || char(10)
       ELSE '' END
    || 'INSERT OR REPLACE INTO derived_tables (name, fingerprint, inputs, version, refreshed_at, refilled_at, row_count,'
    || ' refill_keys, keyed_inputs, keyed_rowid) SELECT '
    || quote(p.name) || ', ' || p.fp || ', r.inputs, CASE WHEN r.changed OR t.version IS NULL THEN hex(randomblob(8)) ELSE t.version END, '
    || 'strftime(''%Y-%m-%d %H:%M:%S'', ''now''), CASE WHEN r.rebuild THEN strftime(''%Y-%m-%d %H:%M:%S'', ''now'') ELSE t.refilled_at END, '
    || 'CASE WHEN r.rebuild THEN (SELECT count(*) FROM "' || p.name || '_cache") ELSE t.row_count END, '
    || CASE WHEN k.name IS NULL THEN 'NULL, NULL, NULL' ELSE
          'CASE WHEN NOT r.rebuild THEN t.refill_keys WHEN r.keyed THEN (SELECT count(*) FROM temp.derived_k) END, r.keyed_inputs, '
       || '(SELECT max(rowid) FROM "' || k.tbl || '")' END
    || ' FROM temp.derived_run AS r LEFT JOIN derived_tables AS t ON t.name = r.name WHERE r.name = ' || quote(p.name) || ';'
FROM temp.derived_plan AS p LEFT JOIN temp.derived_keyplan AS k ON k.name = p.name ORDER BY p.position;
SELECT 'DROP TABLE temp.derived_run;' || char(10) || 'DROP TABLE temp.derived_k;';
