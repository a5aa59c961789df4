-- The import's checks at their boundaries (ext/import/check.c), on a table
-- the import has never seen, read from its CHECKs like any other: a rule
-- between two columns with an empty value and with equal values, bounds
-- at their ends, the percentage hint from 1 to 100.  Fixture:
-- tests/data/checks/shipments.csv; every expected reason written by hand
-- from the file and docs/data.md "Validation".
.read sql/schema.sql
CREATE TABLE shipments (
  shipment_id TEXT PRIMARY KEY,
  ordered_on TEXT NOT NULL CHECK (ordered_on IS date(ordered_on, '+0 days')),
  shipped_on TEXT CHECK (shipped_on IS date(shipped_on, '+0 days')),
  share REAL CHECK (share BETWEEN 0 AND 1),
  qty INTEGER CHECK (qty >= 0),
  CHECK (shipped_on IS NULL OR shipped_on > ordered_on)
) STRICT;
CREATE TEMP TABLE import_request(dir TEXT NOT NULL);
INSERT INTO import_request VALUES ('tests/data/checks');
.output /dev/null
BEGIN IMMEDIATE;
.read sql/import/import.sql
COMMIT;
.output stdout

-- Line 2 (H1): not shipped yet (empty: the rule passes), share 0.5, qty
-- 0 (the lower bound itself).  Line 5 (H4): shipped two days after the
-- order, share 1 (the upper bound itself).
SELECT 'checks: rows at the bounds and with an empty date load', (SELECT group_concat(shipment_id || '/' || coalesce(shipped_on, '-') || '/' || share || '/' || qty, ' ') FROM (SELECT * FROM shipments ORDER BY shipment_id)),
  'H1/-/0.5/0 H4/2026-01-07/1.0/2';
WITH expected(line, reason) AS (VALUES
  -- H2: shipped on the day of the order: "after" means strictly after
  (3, 'shipped_on ''2026-01-05'' must be after ordered_on ''2026-01-05'' (or be empty)'),
  -- H3: 100 is a percentage
  (4, 'share: ''100'' is not between 0 and 1 (a fraction: divide percentages by 100)'),
  -- H5: 1.5 too (over 1, at most 100)
  (6, 'share: ''1.5'' is not between 0 and 1 (a fraction: divide percentages by 100)'),
  -- H6: 101 cannot be a percentage: no hint
  (7, 'share: ''101'' is not between 0 and 1'),
  -- H7: every problem of the row: qty below its bound, shipped before ordered
  (8, 'qty: ''-1'' must be >= 0; shipped_on ''2026-01-04'' must be after ordered_on ''2026-01-05'' (or be empty)'),
  -- H8: shipped on the day of the order and a percentage: both problems,
  -- the rule's too (left to SQLite's CHECK at the write, a row refused
  -- for its share would never reach it)
  (9, 'share: ''100'' is not between 0 and 1 (a fraction: divide percentages by 100); shipped_on ''2026-01-05'' must be after ordered_on ''2026-01-05'' (or be empty)'))
SELECT 'checks: reject line ' || e.line, coalesce(r.reason, '(not rejected)'), e.reason
FROM expected AS e LEFT JOIN import_rejects AS r ON r.file = 'shipments.csv' AND r.line = e.line ORDER BY e.line;
SELECT 'checks: read 8, loaded 2, rejected 6', rows_read || ' ' || rows_loaded || ' ' || rows_rejected, '8 2 6' FROM import_summary WHERE file = 'shipments.csv';
