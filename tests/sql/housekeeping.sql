-- revops_version, revops_functions, and the flags that let the functions
-- live in views, indexes and generated columns.

SELECT 'version', revops_version(), '0.1.0';
SELECT 'revops_functions lists itself', count(*), 1 FROM revops_functions WHERE name = 'revops_functions' AND kind = 'table';
SELECT 'every listed function is pure (deterministic and innocuous)', count(*), 0
  FROM revops_functions WHERE kind <> 'table' AND NOT (deterministic AND innocuous);
SELECT 'aggregates are window functions', count(*), 0 FROM revops_functions WHERE kind = 'aggregate';
SELECT 'the five headline aggregates are windows', count(DISTINCT name), 5 FROM revops_functions
  WHERE kind = 'window' AND name IN ('lead_score', 'weighted_pipeline', 'nrr', 'grr', 'mape');

-- A view over every function keeps working with trusted_schema=OFF: each
-- is SQLITE_INNOCUOUS.  (tests/errors/housekeeping.txt shows the same
-- setting refusing a function that is not.)
CREATE TABLE deals(amount REAL, p REAL, close_date TEXT, s TEXT, o TEXT);
INSERT INTO deals VALUES (1000, 0.5, '2026-01-01', 'demo_request', '2026-02-27');
CREATE VIEW everything AS SELECT
  revops_version() AS v,
  (SELECT count(*) FROM revops_functions) AS nfunc,
  lead_score(s, o, '2026-03-01') AS ls3,
  lead_score(s, o, '2026-03-01', revops_lead_model()) AS ls4,
  length(lead_score_explain(s, o, '2026-03-01')) > 100 AS lse3,
  length(lead_score_explain(s, o, '2026-03-01', revops_lead_model())) > 100 AS lse4,
  lead_grade(80) AS lg1, lead_grade(80, revops_lead_model()) AS lg2,
  deal_health(5, 10, 1, 5, 30, 0, 0) AS dh,
  length(deal_health_factors(5, 10, 1, 5, 30, 0, 0)) > 100 AS dhf,
  deal_health_status(85) AS dhs,
  weighted_pipeline(amount, p) AS wp2,
  weighted_pipeline(amount, p, close_date, '2026-03-01') AS wp4,
  nrr(amount, amount) AS n, grr(amount, amount) AS g, logo_retention(amount, amount) AS l,
  mape(amount, amount * p) AS m, mape_skipped(amount, p) AS ms, wape(amount, amount * p) AS wa,
  mape_grade(0.05) AS mg
  FROM deals;
PRAGMA trusted_schema = OFF;
SELECT 'view of every function under trusted_schema=OFF',
  v || ' ' || ls3 || ' ' || ls4 || ' ' || lse3 || ' ' || lse4 || ' ' || lg1 || ' ' || lg2 || ' ' ||
  dh || ' ' || dhf || ' ' || dhs || ' ' || wp2 || ' ' || wp4 || ' ' || n || ' ' || g || ' ' || l || ' ' ||
  m || ' ' || ms || ' ' || wa || ' ' || mg,
  -- demo_request at age 2 = 25; 1000 x 0.5 = 500, 59 days past -> x0.5 = 250.
  '0.1.0 25 25 1 1 Hot Hot 100 1 Healthy 500.0 250.0 1.0 1.0 1.0 0.5 0 0.5 Excellent'
  FROM everything;
-- The view must name every registered function: a new function without a
-- place here fails this case.  Functions that read files are the exception:
-- they are SQLITE_DIRECTONLY precisely so that no view can call them
-- (tests/errors/import.txt shows SQLite refusing revops_csv in a view), so
-- they are skipped by their directonly flag.
SELECT 'the view above uses every registered function', count(*), 0
  FROM (SELECT DISTINCT name, kind FROM revops_functions WHERE NOT directonly)
  WHERE instr((SELECT sql FROM sqlite_schema WHERE name = 'everything'),
              name || CASE kind WHEN 'table' THEN '' ELSE '(' END) = 0;
PRAGMA trusted_schema = ON;
SELECT 'the functions left out of the view are exactly the file readers',
  (SELECT group_concat(name, ' ') FROM (SELECT name FROM revops_functions WHERE directonly ORDER BY name)), 'revops_csv revops_dir';

-- Deterministic: allowed in generated columns and index expressions.
CREATE TABLE g(score INT, status TEXT AS (deal_health_status(score)), grade TEXT AS (lead_grade(score)));
INSERT INTO g(score) VALUES (85), (45);
SELECT 'generated columns', group_concat(status || '/' || grade, ' '), 'Healthy/Hot At Risk/Nurture' FROM g;
CREATE INDEX g_status ON g(deal_health_status(score));
SELECT 'index on an expression', count(*), 1 FROM g WHERE deal_health_status(score) = 'Healthy';
