-- mape, mape_skipped, wape, mape_grade (SPEC section 3, seed 003).
-- Rows: (100, 90), (200, 220), (0, 10), (50, 50).
-- MAPE over actual <> 0: (10/100 + 20/200 + 0/50) / 3 = 0.2 / 3.
-- WAPE: (10 + 20 + 10 + 0) / (100 + 200 + 0 + 50) = 40 / 350.
CREATE TABLE f(actual REAL, forecast REAL);
INSERT INTO f VALUES (100, 90), (200, 220), (0, 10), (50, 50);
SELECT 'mape', abs(mape(actual, forecast) - 0.2 / 3) < 1e-15, 1 FROM f;
SELECT 'mape skipped the zero actual', mape_skipped(actual, forecast), 1 FROM f;
SELECT 'wape', abs(wape(actual, forecast) - 40.0 / 350) < 1e-15, 1 FROM f;
-- scikit-learn: mean_absolute_percentage_error([3, -0.5, 2, 7], [2.5, 0.0, 2, 8])
-- = (0.5/3 + 0.5/0.5 + 0/2 + 1/7) / 4 = 0.3273809523809524 (its docstring).
WITH t(a, p) AS (VALUES (3, 2.5), (-0.5, 0.0), (2, 2), (7, 8))
SELECT 'matches scikit-learn docstring example', round(mape(a, p), 12), 0.327380952381
  FROM t;
WITH t(a, p) AS (VALUES (10, 10), (20, 20))
SELECT 'perfect forecast', mape(a, p), 0.0 FROM t;
WITH t(a, p) AS (VALUES (100, 110), (NULL, 5), (7, NULL))
SELECT 'NULL rows are skipped', mape(a, p), 0.1 FROM t;
WITH t(a, p) AS (VALUES (0, 10), (0, 0))
SELECT 'all actuals zero: mape NULL', mape(a, p), NULL FROM t;
WITH t(a, p) AS (VALUES (0, 10), (0, 0))
SELECT 'all actuals zero: wape NULL', wape(a, p), NULL FROM t;
WITH t(a, p) AS (VALUES (0, 10), (0, 0))
SELECT 'all actuals zero: 2 skipped', mape_skipped(a, p), 2 FROM t;
SELECT 'no rows: mape NULL', mape(actual, forecast), NULL FROM f WHERE 0;
SELECT 'no rows: 0 skipped', mape_skipped(actual, forecast), 0 FROM f WHERE 0;
WITH t(a, p) AS (VALUES (10, 40))
SELECT 'mape above 1 is allowed', mape(a, p), 3.0 FROM t;
-- Window frames = aggregate.
CREATE TABLE w(id INTEGER PRIMARY KEY, a REAL, p REAL);
INSERT INTO w(a, p) VALUES (100, 90), (200, 220), (0, 10), (50, 50), (80, 60), (NULL, 3), (120, 150);
SELECT 'window frame = aggregate (mape, wape, skipped)', count(*), 7 FROM (
  SELECT id, mape(a, p) OVER f AS m, wape(a, p) OVER f AS wa, mape_skipped(a, p) OVER f AS s FROM w
  WINDOW f AS (ORDER BY id ROWS BETWEEN 1 PRECEDING AND 2 FOLLOWING)) AS x
  WHERE abs(m - (SELECT mape(a, p) FROM w WHERE id BETWEEN x.id - 1 AND x.id + 2)) < 1e-15
    AND abs(wa - (SELECT wape(a, p) FROM w WHERE id BETWEEN x.id - 1 AND x.id + 2)) < 1e-15
    AND s = (SELECT mape_skipped(a, p) FROM w WHERE id BETWEEN x.id - 1 AND x.id + 2);
-- Rows 4..7: (50, 50), (80, 60), (120, 150): (0 + 0.25 + 0.25) / 3.
SELECT 'window: rows 4-7 by hand', abs(m - 0.5 / 3) < 1e-15, 1 FROM (
  SELECT id, mape(a, p) OVER (ORDER BY id ROWS BETWEEN CURRENT ROW AND 3 FOLLOWING) AS m FROM w) WHERE id = 4;

-- Grades (seed 003): < 0.10 Excellent, < 0.15 Good, <= 0.25 Needs work.
SELECT 'grade 0', mape_grade(0), 'Excellent';
SELECT 'grade 0.0999', mape_grade(0.0999), 'Excellent';
SELECT 'grade 0.10', mape_grade(0.10), 'Good';
SELECT 'grade 0.1499', mape_grade(0.1499), 'Good';
SELECT 'grade 0.15', mape_grade(0.15), 'Needs work';
SELECT 'grade 0.25', mape_grade(0.25), 'Needs work';
SELECT 'grade 0.2501', mape_grade(0.2501), 'Broken';
SELECT 'grade 2', mape_grade(2), 'Broken';
SELECT 'grade NULL', mape_grade(NULL), NULL;
SELECT 'grade of a mape', mape_grade(mape(actual, forecast)), 'Excellent' FROM f;
-- mape_skipped counts rows with both values and actual 0; rows with a
-- NULL are not skipped-for-zero, they are not rows at all: (0, 5) only.
WITH t(a, p) AS (VALUES (0, 5), (0, NULL), (NULL, 3), (10, 12))
SELECT 'mape_skipped ignores NULL rows', mape_skipped(a, p), 1 FROM t;
-- issue 9: mape(1e-300, 1e10) was Inf and the NULL of an overflowing sum
-- stuck in every later frame.  Such a row is now an error
-- (tests/errors/forecast.txt); WAPE, which does not divide per row, takes
-- it: (|1e-300 - 1e10| + 10) / (1e-300 + 100) = 100000000.1.
WITH t(a, p) AS (VALUES (1e-300, 1e10), (100, 90))
SELECT 'wape takes a tiny actual', wape(a, p), 100000000.1 FROM t;
-- A sliding frame over the largest allowed values recovers exactly once
-- they leave it: rows 3-4 are (100, 90), (200, 220): MAPE (0.1 + 0.1) / 2
-- = 0.1 and WAPE 30 / 300 = 0.1, whatever rows 1-2 held.
CREATE TABLE big(id INTEGER PRIMARY KEY, a REAL, p REAL);
INSERT INTO big(a, p) VALUES (1e15, -1e15), (0.001, 1e12), (100, 90), (200, 220);
SELECT 'window recovers after the largest values (mape)', m, 0.1 FROM (
  SELECT id, mape(a, p) OVER (ORDER BY id ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) AS m FROM big) WHERE id = 4;
SELECT 'window recovers after the largest values (wape)', w, 0.1 FROM (
  SELECT id, wape(a, p) OVER (ORDER BY id ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) AS w FROM big) WHERE id = 4;
-- And in between, the frame holding both extremes: (2 + 1e15 / 1) ... the
-- percentage errors are 2 and (1e12 - 0.001) / 0.001 = 999999999999999.
SELECT 'window over the extremes (mape)', m, 500000000000000.5 FROM (
  SELECT id, mape(a, p) OVER (ORDER BY id ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) AS m FROM big) WHERE id = 2;
