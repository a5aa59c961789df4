-- sql/views/derived/refresh.sql — writes the SQL that refills every
-- derived table (sql/views/99_derived.sql), in derived_views order.  Run
-- by sql/views/refresh.sh on the user's database; its output is run there
-- in one transaction.
SELECT 'DELETE FROM "' || name || '_cache";' || char(10)
    || 'INSERT INTO "' || name || '_cache" SELECT * FROM "' || name || '_refill";' || char(10)
    || 'INSERT OR REPLACE INTO derived_tables (name, fingerprint, refreshed_at, row_count) VALUES ('''
    || name || ''', (SELECT fp FROM derived_fingerprint), strftime(''%Y-%m-%d %H:%M:%S'', ''now''), (SELECT count(*) FROM "'
    || name || '_cache"));'
FROM derived_views ORDER BY position;

-- A table dropped and made again since the install has lost its triggers:
-- refilling then would hide later changes to it.  (refresh.sh stops on
-- this line before it opens a transaction.)
SELECT 'error: sql/views/refresh.sh: ' || substr(fp, 1, instr(fp, ';') - 1)
       || ' (a table was dropped and made again): run sh sql/views/install.sh first'
FROM derived_fingerprint WHERE fp LIKE 'triggers missing%';
