-- sql/views/derived/refresh.sql — writes the SQL that refills every
-- derived table (sql/views/99_derived.sql), in derived_views order.  Run
-- by sql/lib.sh on an in-memory database made from the shipped sources
-- (never on the user's file: its names must not become SQL text);
-- sql/views/refresh.sh runs the output on the user's database in one
-- transaction, after sql/check.sql.
SELECT 'DELETE FROM "' || name || '_cache";' || char(10)
    || 'INSERT INTO "' || name || '_cache" SELECT * FROM "' || name || '_refill";' || char(10)
    || 'INSERT OR REPLACE INTO derived_tables (name, fingerprint, refreshed_at, row_count) VALUES ('''
    || name || ''', (SELECT fp FROM derived_fingerprint), strftime(''%Y-%m-%d %H:%M:%S'', ''now''), (SELECT count(*) FROM "'
    || name || '_cache"));'
FROM derived_views ORDER BY position;
