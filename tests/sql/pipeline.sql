-- weighted_pipeline (SPEC section 3, seed 003 aging discount).

SELECT 'one deal: 100000 x 0.25', weighted_pipeline(100000, 0.25), 25000.0;
SELECT 'a REAL result', typeof(weighted_pipeline(100000, 1)), 'real';
SELECT 'no rows -> 0.0', weighted_pipeline(amount, p), 0.0 FROM (SELECT 1 AS amount, 1 AS p) WHERE 0;
WITH t(a, p) AS (VALUES (NULL, 0.5), (100, NULL))
SELECT 'only NULL rows -> 0.0', weighted_pipeline(a, p), 0.0 FROM t;
WITH t(a, p) AS (VALUES (NULL, 0.5), (100, NULL), (60, 0.5))
SELECT 'NULL rows are skipped', weighted_pipeline(a, p), 30.0 FROM t;
-- Exact to the cent where a double sum is not: 0.1 ten times.
SELECT 'ten times 0.10 is 1.00', weighted_pipeline(0.1, 1), 1.0 FROM (VALUES (1),(2),(3),(4),(5),(6),(7),(8),(9),(10));
-- Half a cent rounds away from zero: 10.01 x 0.5 = 5.005 -> 5.01.
SELECT 'half cent rounds up', weighted_pipeline(10.01, 0.5), 5.01;
-- 3 x 33.33 x 0.3333 = 33.326667 -> 33.33
SELECT 'three fractional products', weighted_pipeline(33.33, 0.3333), 33.33 FROM (VALUES (1),(2),(3));
WITH t(a, p) AS (VALUES (1000, 0), (500, 1))
SELECT 'probability 0 and 1', weighted_pipeline(a, p), 500.0 FROM t;

-- Aging (seed 003): days past close = as_of - close_date;
-- < 30 -> x1, 30..59 -> x0.5, >= 60 -> x0.25.  1000 at probability 1.
SELECT 'not yet due (close in 5 days)', weighted_pipeline(1000, 1, '2026-06-06', '2026-06-01'), 1000.0;
SELECT 'due today', weighted_pipeline(1000, 1, '2026-06-01', '2026-06-01'), 1000.0;
SELECT '29 days past', weighted_pipeline(1000, 1, date('2026-06-01', '-29 days'), '2026-06-01'), 1000.0;
SELECT '30 days past', weighted_pipeline(1000, 1, date('2026-06-01', '-30 days'), '2026-06-01'), 500.0;
SELECT '59 days past', weighted_pipeline(1000, 1, date('2026-06-01', '-59 days'), '2026-06-01'), 500.0;
SELECT '60 days past', weighted_pipeline(1000, 1, date('2026-06-01', '-60 days'), '2026-06-01'), 250.0;
SELECT '400 days past', weighted_pipeline(1000, 1, date('2026-06-01', '-400 days'), '2026-06-01'), 250.0;
SELECT 'NULL close date counts fully', weighted_pipeline(1000, 1, NULL, '2026-06-01'), 1000.0;
SELECT 'NULL as_of counts fully', weighted_pipeline(1000, 1, '2026-01-01', NULL), 1000.0;
SELECT '29.5 days past is 29 whole days', weighted_pipeline(1000, 1, '2026-05-02 12:00', '2026-06-01'), 1000.0;
-- A pipeline: 100000 x 0.25 fresh + 40000 x 0.5 at 45 days (x0.5) +
-- 10000 x 0.1 at 90 days (x0.25) = 25000 + 10000 + 250.
WITH t(a, p, c) AS (VALUES (100000, 0.25, '2026-06-30'), (40000, 0.5, date('2026-06-01', '-45 days')),
               (10000, 0.1, date('2026-06-01', '-90 days')))
SELECT 'a mixed pipeline', weighted_pipeline(a, p, c, '2026-06-01'), 35250.0
  FROM t;
-- Odd quarter: 0.01 x 0.5 x 0.25 = 0.00125 -> 0.00; x 0.5 = 0.0025 -> 0.00.
SELECT 'tiny aged amounts', weighted_pipeline(0.01, 0.5, '2026-01-01', '2026-06-01'), 0.0;

-- Window over a frame = aggregate over the same rows.
CREATE TABLE d(id INTEGER PRIMARY KEY, amount REAL, p REAL, close_date TEXT);
INSERT INTO d(amount, p, close_date) VALUES
  (120000, 0.9, '2026-05-30'), (45000.5, 0.6, '2026-03-01'), (8000.25, 0.2, '2026-01-15'),
  (NULL, 0.5, '2026-04-01'), (30000, 0.35, NULL), (99.99, 0.05, '2026-04-20'),
  (750000, 0.1, '2025-12-01'), (12345.67, 0.75, '2026-06-01');
SELECT 'window frame = aggregate (8 frames)', count(*), 8 FROM (
  SELECT id, weighted_pipeline(amount, p, close_date, '2026-06-01') OVER (ORDER BY id ROWS BETWEEN 1 PRECEDING AND 2 FOLLOWING) AS w FROM d) AS f
  WHERE w = (SELECT weighted_pipeline(amount, p, close_date, '2026-06-01') FROM d AS g WHERE g.id BETWEEN f.id - 1 AND f.id + 2);
-- Rows 1..3 by hand: 120000 x 0.9 (2 days: x1) = 108000; 45000.5 x 0.6
-- (92 days: x0.25) = 6750.075; 8000.25 x 0.2 (137 days: x0.25) = 400.0125.
-- 115150.0875 -> 115150.09
SELECT 'window: running total of rows 1-3 by hand', w, 115150.09 FROM (
  SELECT id, weighted_pipeline(amount, p, close_date, '2026-06-01') OVER (ORDER BY id) AS w FROM d) WHERE id = 3;
SELECT 'window: empty frame -> 0.0', w, 0.0 FROM (
  SELECT id, weighted_pipeline(amount, p) OVER (ORDER BY id ROWS BETWEEN 5 FOLLOWING AND 6 FOLLOWING) AS w FROM d) WHERE id = 8;
