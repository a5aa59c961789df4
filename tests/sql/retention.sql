-- nrr, grr, logo_retention (SPEC section 3, seed 003 Tier 1).
-- Cohort example: A 100 -> 120 (expansion 20), B 200 -> 150 (contraction
-- 50), C 100 -> churned (100), D new (0 -> 50, outside the cohort).
-- Seed 003: NRR = (400 + 20 - 50 - 100) / 400 = 0.675;
--           GRR = (400 - 50 - 100) / 400 = 0.625; logos kept 2 of 3.
CREATE TABLE c(id TEXT, start_mrr REAL, end_mrr REAL);
INSERT INTO c VALUES ('A', 100, 120), ('B', 200, 150), ('C', 100, NULL), ('D', 0, 50);
SELECT 'nrr', nrr(start_mrr, end_mrr), 0.675 FROM c;
SELECT 'grr', grr(start_mrr, end_mrr), 0.625 FROM c;
SELECT 'logo retention 2/3', logo_retention(start_mrr, end_mrr) = 2.0 / 3, 1 FROM c;
SELECT 'end NULL is churn, same as 0', nrr(start_mrr, coalesce(end_mrr, 0)), 0.675 FROM c;
WITH t(s, e) AS (VALUES (NULL, 500), (100, 120))
SELECT 'start NULL is outside the cohort', nrr(s, e), 1.2 FROM t;
WITH t(s, e) AS (VALUES (100, 300), (100, 0))
SELECT 'expansion cannot hide churn in GRR', grr(s, e), 0.5 FROM t;
WITH t(s, e) AS (VALUES (100, 300), (100, 100))
SELECT 'NRR can exceed 1', nrr(s, e), 2.0 FROM t;
WITH t(s, e) AS (VALUES (0, 50), (NULL, 10))
SELECT 'empty cohort -> NULL (nrr)', nrr(s, e), NULL FROM t;
WITH t(s, e) AS (VALUES (0, 50))
SELECT 'empty cohort -> NULL (grr)', grr(s, e), NULL FROM t;
WITH t(s, e) AS (VALUES (0, 50))
SELECT 'empty cohort -> NULL (logo)', logo_retention(s, e), NULL FROM t;
SELECT 'no rows -> NULL', nrr(start_mrr, end_mrr), NULL FROM c WHERE 0;
WITH t(s, e) AS (VALUES (33.33, 33.34), (33.33, 33.34), (33.33, 33.34))
SELECT 'cents are exact: 3 x 33.33 -> 3 x 33.34', nrr(s, e), 100.02 / 99.99 FROM t;
SELECT 'a REAL result', typeof(nrr(100, 100)), 'real';
-- By segment.
CREATE TABLE seg(segment TEXT, start_mrr REAL, end_mrr REAL);
INSERT INTO seg VALUES ('SMB', 100, 90), ('SMB', 100, 0), ('Enterprise', 1000, 1300), ('Enterprise', 500, 500);
SELECT 'by segment', group_concat(segment || '=' || r, ' '), 'Enterprise=1.2 SMB=0.45' FROM (
  SELECT segment, nrr(start_mrr, end_mrr) AS r FROM seg GROUP BY segment ORDER BY segment);
-- Window frame = aggregate.
CREATE TABLE w(id INTEGER PRIMARY KEY, s REAL, e REAL);
INSERT INTO w(s, e) VALUES (100, 120), (200, 150), (100, NULL), (0, 50), (300, 330), (50, 0), (NULL, 10), (80, 80);
SELECT 'window frame = aggregate (nrr, grr, logo)', count(*), 8 FROM (
  SELECT id, nrr(s, e) OVER f AS n, grr(s, e) OVER f AS g, logo_retention(s, e) OVER f AS l FROM w
  WINDOW f AS (ORDER BY id ROWS BETWEEN 2 PRECEDING AND 1 FOLLOWING)) AS x
  WHERE n IS (SELECT nrr(s, e) FROM w WHERE id BETWEEN x.id - 2 AND x.id + 1)
    AND g IS (SELECT grr(s, e) FROM w WHERE id BETWEEN x.id - 2 AND x.id + 1)
    AND l IS (SELECT logo_retention(s, e) FROM w WHERE id BETWEEN x.id - 2 AND x.id + 1);
-- Frame of rows 2..5: B 200 -> 150, C 100 -> 0, D outside, E 300 -> 330:
-- (150 + 0 + 330) / 600 = 0.8
SELECT 'window: rows 2-5 by hand', n, 0.8 FROM (
  SELECT id, nrr(s, e) OVER (ORDER BY id ROWS BETWEEN 2 PRECEDING AND 1 FOLLOWING) AS n FROM w) WHERE id = 4;
