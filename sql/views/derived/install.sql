-- sql/views/derived/install.sql — writes the SQL that turns each view of
-- derived_views into V_live, V_refill, V_cache and V, and the triggers and
-- fingerprint that say when a cache is current (sql/views/99_derived.sql).
--
-- Run by sql/views/install.sh on an in-memory database holding the schema
-- and every view file, never on the user's database; its output is then
-- run on the user's database in the install transaction.  Output: one
-- statement per line, in order; a line starting "error: " stops the
-- install before it opens the database.

-- A cached view must be written as "CREATE VIEW name AS ..." (its body
-- becomes name_refill and name_live); anything else stops the install.
SELECT 'error: sql/views/derived: view ' || v.name || ' is not "CREATE VIEW ' || v.name || ' AS ...", cannot cache it'
FROM derived_views AS v LEFT JOIN sqlite_schema AS s ON s.type = 'view' AND s.name = v.name
WHERE s.sql IS NULL OR substr(s.sql, 1, length('CREATE VIEW ' || v.name || ' AS')) <> 'CREATE VIEW ' || v.name || ' AS';

-- The columns each kept view reads, as SQLite's authorizer reports them
-- when V_live and V_refill are compiled (sql/lib.sh fills it from a first
-- pass of this generator on another in-memory database, where the as-of
-- date is a constant, so its own reads are not counted: its value is).
-- kind 'fp': V_live's whole computation (name V); 'inputs': V_refill's
-- (the other kept views' caches in place of their computation); 'name':
-- a view read by name, such as the MRR engine's source.  Empty on that
-- first pass.
CREATE TEMP TABLE IF NOT EXISTS derived_reads (kind TEXT, name TEXT, tbl TEXT, col TEXT);

-- The tables whose rows the views read: every table of the schema and of
-- the view files except the import's log (import_*), the alert log (read
-- only by the alerts views, which are not cached) and the derived tables.
-- tests/dashboards/derived.py checks (EXPLAIN) that every V_live reads
-- only these tables.
CREATE TEMP VIEW derived_sources AS
SELECT name FROM sqlite_schema
WHERE type = 'table' AND name NOT LIKE 'sqlite%' AND name NOT LIKE 'import\_%' ESCAPE '\'
  AND name NOT IN ('alert_log', 'derived_tables', 'derived_changes') AND name NOT LIKE '%\_cache' ESCAPE '\';

-- The fingerprint needs a rowid: a WITHOUT ROWID table stops the install.
SELECT 'error: sql/views/derived: table ' || t.name || ' has no rowid, the derived tables cannot see its inserts'
FROM temp.derived_sources AS s JOIN pragma_table_list AS t ON t.name = s.name AND t.schema = 'main'
WHERE t.wr;

-- What the largest rowid (below) does not show counts itself in
-- derived_changes, so a kept view whose tables did not change stays
-- current (99_derived.sql).  Under the table's name, what changes its set
-- of rows:
--   delete   every DELETE;
--   replace  an INSERT whose rowid is taken: INSERT OR REPLACE (or
--            REPLACE INTO) of a row by its INTEGER PRIMARY KEY deletes the
--            old row without firing a DELETE trigger and leaves the
--            largest rowid as it was (BEFORE INSERT sees the old row;
--            NEW.rowid is -1 when SQLite picks the rowid itself);
--   insert   an INSERT below the largest rowid (a gap filled, an explicit
--            rowid, a REPLACE that removed a row by another UNIQUE key and
--            kept a lower rowid);
--   update   an UPDATE that moves a row's rowid.
-- And under "table.column", per updated row (an UPSERT's DO UPDATE
-- included), each column whose value or storage class the UPDATE changed
-- (compared as the refresh compares rows, bytewise for text), so a kept
-- view is out of date only when a column it reads changed: a new amount
-- on a deal leaves the views that read only its stage or channel current.
-- An INSERT at the top raises the largest rowid and needs no count; a
-- REPLACE by another key with a rowid SQLite picks lands at the top too.
SELECT 'DROP TRIGGER IF EXISTS "derived_' || op || '_' || name || '";' || char(10)
    || 'CREATE TRIGGER "derived_' || op || '_' || name || '" ' || timing || ' ON "' || name || '"'
    || replace(cond, '%T', '"' || name || '"')
    || ' BEGIN INSERT INTO derived_changes (name, changes) VALUES (' || quote(name) || ', 1)'
    || ' ON CONFLICT (name) DO UPDATE SET changes = changes + 1; END;'
FROM temp.derived_sources,
     (SELECT 'delete' AS op, 'AFTER DELETE' AS timing, '' AS cond
      UNION ALL SELECT 'replace', 'BEFORE INSERT', ' WHEN EXISTS (SELECT 1 FROM %T WHERE rowid = NEW.rowid)'
      UNION ALL SELECT 'insert', 'AFTER INSERT', ' WHEN NEW.rowid < (SELECT max(rowid) FROM %T)')
ORDER BY name, op;
SELECT 'DROP TRIGGER IF EXISTS "derived_update_' || s.name || '";' || char(10)
    || 'CREATE TRIGGER "derived_update_' || s.name || '" AFTER UPDATE ON "' || s.name || '"'
    || ' BEGIN INSERT INTO derived_changes (name, changes) SELECT n, 1 FROM (SELECT ' || quote(s.name)
    || ' AS n WHERE NEW.rowid IS NOT OLD.rowid'
    || (SELECT group_concat(' UNION ALL SELECT ' || quote(s.name || '.' || c.name) || ' WHERE NEW."' || c.name
                            || '" IS NOT OLD."' || c.name || '" COLLATE BINARY OR typeof(NEW."' || c.name || '") <> typeof(OLD."'
                            || c.name || '")', '')
        FROM (SELECT name FROM pragma_table_info(s.name) ORDER BY cid) AS c)
    || ') WHERE true ON CONFLICT (name) DO UPDATE SET changes = changes + 1; END;'
FROM temp.derived_sources AS s
ORDER BY s.name;

-- Each kept view V becomes three views and a table:
--   V_refill  what refresh.sh fills V_cache from: the file's text reading
--             W_cache of every kept view W it names and Y_cached of every
--             other view it names that reads a kept view (those get a
--             Y_cached too, the same rewriting of their text).  The kept
--             views it reads are current by then, and reading their
--             caches, not their wrappers, keeps each refill statement
--             small: a wrapper holds its view's whole live computation,
--             which SQLite compiles even when the cache is read (0.7 s of
--             CPU for insight_cards at any scale, paid on every refresh);
--   V_live    the same text reading V_live of every view it names that is
--             kept or reads a kept view (those get an X_live too): computed
--             from the data alone, with the plans the views had before any
--             was kept; V's fallback, and what the tests compare V with;
--   V_cache   the rows, with V's column types;
--   V         V_cache while current, V_live otherwise.
-- A reference to W is "FROM W", "JOIN W" or ", W" followed by a space, a
-- line end, ")", "," or ";" (how the view files are written);
-- tests/dashboards/derived.py checks that no V_live reads a cache.
CREATE TEMP TABLE derived_body AS
SELECT name, substr(sql, length('CREATE VIEW ' || name || ' AS') + 1) || char(10) AS body,
       substr(sql, 1, length('CREATE VIEW ' || name || ' AS')) = 'CREATE VIEW ' || name || ' AS' AS plain
FROM sqlite_schema WHERE type = 'view';
CREATE TEMP TABLE derived_pattern AS
SELECT p.prefix, x.suffix
FROM (SELECT 'FROM ' AS prefix UNION ALL SELECT 'JOIN ' UNION ALL SELECT ', ') AS p,
     (SELECT ' ' AS suffix UNION ALL SELECT char(10) UNION ALL SELECT ')' UNION ALL SELECT ',' UNION ALL SELECT ';') AS x;
-- the kept views and every view that reads one, directly or not
CREATE TEMP TABLE derived_closure AS
WITH RECURSIVE c(name) AS (
  SELECT name FROM derived_views
  UNION
  SELECT b.name FROM temp.derived_body AS b, c
  WHERE EXISTS (SELECT 1 FROM temp.derived_pattern AS p WHERE instr(b.body, p.prefix || c.name || p.suffix) > 0))
SELECT name FROM c;

SELECT 'error: sql/views/derived: view ' || b.name || ' reads a kept view but is not "CREATE VIEW ' || b.name || ' AS ..."'
FROM temp.derived_body AS b WHERE NOT b.plain AND b.name IN (SELECT name FROM temp.derived_closure)
  AND b.name NOT IN (SELECT name FROM derived_views);  -- those, the first check names

-- variant 'live': every view of the closure W becomes W_live;
-- variant 'cached': a kept view W becomes W_cache, another view of the
-- closure Y becomes Y_cached.
CREATE TEMP TABLE derived_rewrites AS
SELECT x.variant, row_number() OVER (PARTITION BY x.variant ORDER BY c.name, p.prefix, p.suffix) AS k,
       p.prefix || c.name || p.suffix AS a,
       p.prefix || c.name || CASE WHEN x.variant = 'live' THEN '_live'
                                  WHEN c.name IN (SELECT name FROM derived_views) THEN '_cache'
                                  ELSE '_cached' END || p.suffix AS b
FROM temp.derived_closure AS c, temp.derived_pattern AS p, (SELECT 'live' AS variant UNION ALL SELECT 'cached') AS x;

-- Per view, the rewrites whose text occurs in it, in the same order:
-- applying only those gives the same text (26 s for all of them on every
-- view, 64 kept views and 18 readers, against 0.3 s).  A rewrite neither
-- makes nor breaks another's text: it only puts _live, _cache or _cached
-- between a name and the delimiter after it, no pattern starts or ends
-- inside those letters, and no view's name ends in them.
CREATE TEMP TABLE derived_apply AS
SELECT r.variant, b.name, row_number() OVER (PARTITION BY r.variant, b.name ORDER BY r.k) AS k, r.a, r.b
FROM temp.derived_body AS b JOIN temp.derived_rewrites AS r ON instr(b.body, r.a) > 0
WHERE b.name IN (SELECT name FROM temp.derived_closure);
CREATE TEMP TABLE derived_variants AS
WITH RECURSIVE rw(variant, name, k, body) AS (
  SELECT x.variant, b.name, 0, b.body
  FROM temp.derived_body AS b, (SELECT 'live' AS variant UNION ALL SELECT 'cached') AS x
  WHERE b.name IN (SELECT name FROM temp.derived_closure)
  UNION ALL
  SELECT rw.variant, rw.name, rw.k + 1, replace(rw.body, r.a, r.b)
  FROM rw JOIN temp.derived_apply AS r ON r.variant = rw.variant AND r.name = rw.name AND r.k = rw.k + 1)
SELECT variant, name, substr(body, 1, length(body) - 1) AS body
FROM rw WHERE k = (SELECT count(*) FROM temp.derived_apply AS r WHERE r.variant = rw.variant AND r.name = rw.name);
CREATE TEMP VIEW derived_live(name, live) AS SELECT name, body FROM temp.derived_variants WHERE variant = 'live';
CREATE TEMP VIEW derived_cached(name, cached) AS SELECT name, body FROM temp.derived_variants WHERE variant = 'cached';

-- What each kept view depends on (the refresh and the fingerprints):
-- view V reads W (a view or a table) when V's text names W as the view
-- files are written (the patterns above) or as a quoted name (the MRR
-- engine reads its source by name: mrr_months('subscription_mrr', ...)).
-- Naming too much only costs a refill; tests/dashboards/derived.py checks
-- (EXPLAIN) that every table a V_live reads is in V's fingerprint.
CREATE TEMP TABLE derived_edge AS
SELECT DISTINCT b.name AS src, n.name AS dst
FROM temp.derived_body AS b,
     (SELECT name FROM temp.derived_body UNION SELECT name FROM temp.derived_sources) AS n
WHERE n.name <> b.name AND instr(b.body, n.name) > 0
  AND (instr(b.body, '''' || n.name || '''') > 0
       OR EXISTS (SELECT 1 FROM temp.derived_pattern AS p WHERE instr(b.body, p.prefix || n.name || p.suffix) > 0));
-- From each kept view, everything it reads, directly or through other
-- views; as_of_date counts as one source (its value), not as the tables
-- it takes the latest date of.  direct = 1: read by V_refill itself, not
-- through another kept view (V_refill reads that one's cache).
CREATE TEMP TABLE derived_reach AS
WITH RECURSIVE w(root, node, direct) AS (
  SELECT name, name, 1 FROM derived_views
  UNION
  SELECT w.root, e.dst, w.direct AND (w.node = w.root OR w.node NOT IN (SELECT name FROM derived_views))
  FROM w JOIN temp.derived_edge AS e ON e.src = w.node
  WHERE w.node <> 'as_of_date' AND w.node IN (SELECT name FROM temp.derived_body))
SELECT DISTINCT root, node, direct FROM w WHERE node <> root;
-- The sources read by name: a quoted name as a function's first argument,
-- such as the MRR engine's mrr_months('subscription_mrr', ...), the one
-- function of the extension that runs SQL (ext/sqlite/mrr_source.c).
-- SQLite's authorizer does not see what a function reads when it runs, so
-- a view counts as reading every column of such a table, and everything
-- such a view reads (kind 'name').
CREATE TEMP TABLE derived_quoted AS
SELECT DISTINCT e.src, e.dst FROM temp.derived_edge AS e JOIN temp.derived_body AS b ON b.name = e.src
WHERE instr(b.body, '(''' || e.dst || '''') > 0;
-- Per kept view (root), for its fingerprint (scope 'fp': every table it
-- reads in the end) and its refill's inputs (scope 'inputs': the tables
-- V_refill reads itself), the columns it reads of each table: those the
-- authorizer saw, and for a source named in quotes by the root or a view
-- it reads (directly, for the inputs), all it reads.
CREATE TEMP TABLE derived_byname AS
SELECT DISTINCT x.scope, v.name AS root, q.dst AS name
FROM derived_views AS v, (SELECT 'fp' AS scope UNION ALL SELECT 'inputs') AS x, temp.derived_quoted AS q
WHERE (q.src = v.name
       OR EXISTS (SELECT 1 FROM temp.derived_reach AS r WHERE r.root = v.name AND r.node = q.src
                  AND (x.scope = 'fp' OR (r.direct AND r.node NOT IN (SELECT name FROM derived_views)))))
  -- (as_of_date's sources are its value, not read)
  AND EXISTS (SELECT 1 FROM temp.derived_reach AS r WHERE r.root = v.name AND r.node = q.dst);
CREATE TEMP TABLE derived_colread AS
WITH r AS (  -- the authorizer's reads of the tables' own columns
  SELECT d.kind, d.name, d.tbl, c.name AS col
  FROM temp.derived_reads AS d JOIN temp.derived_sources AS t ON t.name = d.tbl
  JOIN pragma_table_info AS c ON c.arg = d.tbl AND c.schema = 'main' AND c.name = d.col COLLATE NOCASE)
SELECT kind AS scope, name AS root, tbl, col FROM r WHERE kind IN ('fp', 'inputs')
UNION
SELECT n.scope, n.root, r.tbl, r.col FROM temp.derived_byname AS n JOIN r ON r.kind = 'name' AND r.name = n.name
UNION
SELECT n.scope, n.root, n.name, c.name
FROM temp.derived_byname AS n JOIN temp.derived_sources AS t ON t.name = n.name
JOIN pragma_table_info AS c ON c.arg = n.name AND c.schema = 'main';
-- The authorizer saw a kept view read a table the text search above did
-- not find: the fingerprint would miss its changes.
SELECT 'error: sql/views/derived: view ' || c.root || ' reads ' || c.tbl || ', which its fingerprint does not cover'
FROM (SELECT DISTINCT root, tbl FROM temp.derived_colread WHERE scope = 'fp') AS c
WHERE NOT EXISTS (SELECT 1 FROM temp.derived_reach AS r WHERE r.root = c.root AND r.node = c.tbl);
-- One text per source, which changes whenever the rows V reads may have:
--   a table     its largest rowid (an INSERT raises it) and the sum of its
--               counts in derived_changes (the triggers above) of what
--               changes its set of rows and of each column V reads (only
--               the set, for a table V reads no column of: count(*), or a
--               test that it has rows);
--   as_of_date  its value;
--   a kept view its version, a new one each time a refill changed its rows.
-- keyless: a table's text without its largest rowid (the keyed refill's
-- test that nothing but an append changed, 99_derived.sql derived_keyed).
CREATE TEMP TABLE derived_token AS
SELECT scope, root, name, kind,
       quote(name || '=') || ' || coalesce((SELECT max(rowid) FROM "' || name || '"), 0) || ''.'' || ' || counts AS token,
       quote(name || '=') || ' || ''.'' || ' || counts AS keyless
FROM (SELECT x.scope, r.root, r.node AS name, 'table' AS kind,
             'coalesce((SELECT sum(changes) FROM derived_changes WHERE name IN ('
             || (SELECT group_concat(quote(n), ', ') FROM (
                   SELECT r.node AS n UNION ALL
                   SELECT * FROM (SELECT r.node || '.' || c.col FROM temp.derived_colread AS c
                                  WHERE c.scope = x.scope AND c.root = r.root AND c.tbl = r.node ORDER BY c.col)))
             || ')), 0)' AS counts
      FROM temp.derived_reach AS r, (SELECT 'fp' AS scope UNION ALL SELECT 'inputs') AS x
      WHERE r.node IN (SELECT name FROM temp.derived_sources) AND (x.scope = 'fp' OR r.direct))
UNION ALL SELECT NULL, NULL, 'as_of_date', 'as_of', '''as_of='' || quote((SELECT as_of FROM as_of_date))', NULL
UNION ALL SELECT NULL, NULL, name, 'kept', quote(name || '=') || ' || coalesce((SELECT version FROM derived_tables WHERE name = '
       || quote(name) || '), ''?'')', NULL
FROM derived_views;
-- Per kept view:
--   fp      the SQL of its fingerprint: what is missing of the triggers,
--           then every table it reads in the end and the as-of date; V
--           reads V_cache while the fingerprint stored at its refill
--           equals this;
--   inputs  the SQL of what V_refill reads directly (tables, the as-of
--           date, the versions of the kept views it reads): the refresh
--           refills V only when this differs from the stored text;
--   shared  1 when another kept view reads it: the refresh then compares
--           the refilled rows with the old ones, and keeps its version
--           when they are the same, so the views reading it need no refill.
-- the texts of what each V_refill reads directly, one row per source
CREATE TEMP TABLE derived_input AS
SELECT r.root, t.name, t.token, t.keyless FROM temp.derived_reach AS r
JOIN temp.derived_token AS t ON t.name = r.node
     AND t.kind = CASE WHEN r.node IN (SELECT name FROM derived_views) THEN 'kept'
                       WHEN r.node = 'as_of_date' THEN 'as_of' ELSE 'table' END
     AND (t.kind <> 'table' OR (t.scope = 'inputs' AND t.root = r.root))
WHERE r.direct GROUP BY r.root, t.name;
CREATE TEMP TABLE derived_plan AS
SELECT v.position, v.name,
       '(SELECT CASE count(*) WHEN ' || (SELECT 4 * count(*) FROM temp.derived_sources)
       || ' THEN '''' ELSE ''triggers missing: '' || count(*) || '' of ' || (SELECT 4 * count(*) FROM temp.derived_sources)
       || ';'' END FROM sqlite_schema WHERE type = ''trigger'' AND name LIKE ''derived\_%'' ESCAPE ''\'') || '
       || coalesce((SELECT group_concat(token, ' || '','' || ') FROM (
            SELECT t.token FROM temp.derived_reach AS r JOIN temp.derived_token AS t ON t.name = r.node AND t.kind <> 'kept'
                   AND (t.kind = 'as_of' OR (t.scope = 'fp' AND t.root = r.root))
            WHERE r.root = v.name GROUP BY t.name ORDER BY t.name)), '''''') AS fp,
       coalesce((SELECT group_concat(token, ' || '','' || ') FROM (
            SELECT token FROM temp.derived_input WHERE root = v.name ORDER BY name)), '''''') AS inputs,
       EXISTS (SELECT 1 FROM temp.derived_reach AS r WHERE r.node = v.name AND r.direct
               AND r.root IN (SELECT name FROM derived_views)) AS shared,
       (SELECT group_concat('"' || replace(c.name, '"', '""') || '"', ', ') FROM pragma_table_info(v.name) AS c) AS cols,
       (SELECT group_concat('n."' || replace(c.name, '"', '""') || '" IS NOT c."' || replace(c.name, '"', '""') || '" OR typeof(n."'
                            || replace(c.name, '"', '""') || '") <> typeof(c."' || replace(c.name, '"', '""') || '")', ' OR ')
        FROM pragma_table_info(v.name) AS c) AS differs
FROM derived_views AS v;

-- Per keyed view (99_derived.sql derived_keyed):
--   keyed_inputs  the SQL of its inputs with the keyed table's largest
--                 rowid left out: the same as at the last refill, and only
--                 rows appended to that table changed what V reads;
--   body          V_refill's text reading only the new rows' keys
--                 (temp.derived_k, filled by the refresh), "expr IN" those
--                 put before its one "GROUP BY expr".
SELECT 'error: sql/views/derived: derived_keyed: ' || k.name || ' is not a kept view reading ' || k.tbl || ' with a column ' || k.col
FROM derived_keyed AS k
WHERE k.name NOT IN (SELECT name FROM derived_views)
   OR NOT EXISTS (SELECT 1 FROM temp.derived_reach AS r WHERE r.root = k.name AND r.node = k.tbl AND r.direct)
   OR NOT EXISTS (SELECT 1 FROM pragma_table_info(k.name) AS c WHERE c.name = k.col)
   OR NOT EXISTS (SELECT 1 FROM pragma_table_info(k.tbl) AS c WHERE c.name = k.col AND c.schema = 'main');
SELECT 'error: sql/views/derived: derived_keyed: ' || k.name || ' must hold "WHERE" and "GROUP BY ' || k.expr || '" once'
FROM derived_keyed AS k JOIN temp.derived_cached AS c ON c.name = k.name
WHERE (length(c.cached) - length(replace(c.cached, 'GROUP BY ' || k.expr, ''))) <> length('GROUP BY ' || k.expr)
   OR instr(substr(c.cached, 1, instr(c.cached, 'GROUP BY ' || k.expr)), 'WHERE ') = 0;
CREATE TEMP TABLE derived_keyplan AS
SELECT k.name, k.tbl, k.col,
       (SELECT group_concat(token, ' || '','' || ') FROM (
          SELECT CASE WHEN name = k.tbl THEN keyless ELSE token END AS token FROM temp.derived_input
          WHERE root = k.name ORDER BY name)) AS keyed_inputs,
       replace(c.cached, 'GROUP BY ' || k.expr,
               'AND (' || k.expr || ' IN (SELECT k FROM temp.derived_k) OR ' || k.expr
               || ' IS NULL AND EXISTS (SELECT 1 FROM temp.derived_k WHERE k IS NULL))' || char(10) || 'GROUP BY ' || k.expr) AS body
FROM derived_keyed AS k JOIN temp.derived_cached AS c ON c.name = k.name;

-- One row per kept view: its fingerprint now (derived_status compares it).
SELECT 'DROP VIEW IF EXISTS derived_fingerprint;' || char(10)
    || 'CREATE VIEW derived_fingerprint(name, fp) AS '
    || group_concat('SELECT ' || quote(name) || ', ' || fp, ' UNION ALL ') || ';'
FROM (SELECT name, fp FROM temp.derived_plan ORDER BY position);

-- the views that read a kept view without being kept: their X_live
SELECT 'DROP VIEW IF EXISTS "' || l.name || '_live";' || char(10)
    || 'CREATE VIEW "' || l.name || '_live" AS' || l.live || ';'
FROM temp.derived_live AS l WHERE l.name NOT IN (SELECT name FROM derived_views)
ORDER BY l.name;
-- and their Y_cached, which the refills read
SELECT 'DROP VIEW IF EXISTS "' || c.name || '_cached";' || char(10)
    || 'CREATE VIEW "' || c.name || '_cached" AS' || c.cached || ';'
FROM temp.derived_cached AS c WHERE c.name NOT IN (SELECT name FROM derived_views)
ORDER BY c.name;

SELECT 'DROP VIEW IF EXISTS "' || v.name || '_refill";' || char(10)
    || 'CREATE VIEW "' || v.name || '_refill" AS' || k.cached || ';' || char(10)
    || 'DROP VIEW IF EXISTS "' || v.name || '_live";' || char(10)
    || 'CREATE VIEW "' || v.name || '_live" AS' || l.live || ';' || char(10)
    || 'DROP VIEW "' || v.name || '";' || char(10)
    || 'DROP TABLE IF EXISTS "' || v.name || '_cache";' || char(10)
    || 'CREATE TABLE "' || v.name || '_cache" ('
    || (SELECT group_concat(c, ', ') FROM (SELECT '"' || replace(c.name, '"', '""') || '"' || CASE WHEN c.type <> '' THEN ' ' || c.type ELSE '' END AS c
                                          FROM pragma_table_info(v.name) AS c ORDER BY c.cid)) || ');' || char(10)
    || 'DELETE FROM derived_tables WHERE name = ''' || v.name || ''';' || char(10)
    || 'CREATE VIEW "' || v.name || '" AS SELECT * FROM "' || v.name || '_cache"'
    -- the test inside one scalar subquery: SQLite computes that once per
    -- statement; written bare, the comparison and the concatenation of the
    -- fingerprint ran once per cached row (3.2 s for the 1.4 million
    -- customer-months at SCALE=20, against 0.06 s)
    || ' WHERE (SELECT (SELECT fingerprint FROM derived_tables WHERE name = ''' || v.name || ''') = (' || p.fp || '))'
    || ' UNION ALL SELECT * FROM (SELECT * FROM (SELECT * FROM "' || v.name || '_live" LIMIT -1)'
    || ' LIMIT CASE WHEN (SELECT fingerprint FROM derived_tables WHERE name = ''' || v.name || ''')'
    || ' IS NOT (' || p.fp || ') THEN -1 ELSE 0 END);'
FROM derived_views AS v JOIN temp.derived_body AS b ON b.name = v.name JOIN temp.derived_live AS l ON l.name = v.name
JOIN temp.derived_cached AS k ON k.name = v.name JOIN temp.derived_plan AS p ON p.name = v.name
ORDER BY v.position;
