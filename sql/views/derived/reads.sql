-- sql/views/derived/reads.sql — writes the statements whose compilation
-- tells which columns each kept view reads (sql/views/derived/install.sql,
-- temp.derived_reads).  Run by sql/lib.sh on the first of its two
-- in-memory databases (shipped text only), after install.sql; its output
-- is run there with the shell's authorizer report on (.auth on), and each
-- "READ table column" line it prints after a line "KIND NAME" is one row
-- of derived_reads:
--   fp V      V_live: V computed from the data alone;
--   inputs V  V_refill: V computed from the caches of the kept views it reads;
--   name X    a view read by name (a quoted name: the MRR engine's source),
--             whose reads SQLite's authorizer does not see from the caller.
-- LIMIT 0: compiled, nothing computed.
SELECT 'SELECT ''fp ' || name || ''';' || char(10) || 'SELECT * FROM "' || name || '_live" LIMIT 0;' || char(10)
    || 'SELECT ''inputs ' || name || ''';' || char(10) || 'SELECT * FROM "' || name || '_refill" LIMIT 0;'
FROM derived_views ORDER BY position;
SELECT DISTINCT 'SELECT ''name ' || q.dst || ''';' || char(10) || 'SELECT * FROM "' || q.dst || '" LIMIT 0;'
FROM temp.derived_quoted AS q WHERE q.dst IN (SELECT name FROM sqlite_schema WHERE type = 'view')
ORDER BY 1;
