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
CREATE TABLE mrr_subs(customer_id TEXT, start_date TEXT, end_date TEXT, mrr REAL);
INSERT INTO mrr_subs VALUES ('A', '2026-01-15', NULL, 100);
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
  mape_grade(0.05) AS mg,
  -- SPEC section 4: pipeline, unit economics, attribution, accounts, planning
  forecast_category(p) AS fc, coverage_status(3) AS cs, win_rate(1) AS wr,
  sales_velocity(50, 0.25, 30000, 60) AS sv, required_pipeline(1000000, 0.25, 1) AS rp,
  stage_probability('Closed Won') AS sp1, stage_probability('Closed Won', 0.95) AS sp2,
  wilson_lower(0, 10) AS wl2, wilson_lower(0, 10, 1) AS wl3, wilson_upper(10, 10) AS wu2,
  wilson_upper(10, 10, 1) AS wu3,
  cac(120000, 40) AS ca, ltv(1000, 0.8, 0.02) AS lt3, ltv(1000, 0.8, 0, 24) AS lt4,
  ltv_cac(40000, 10000) AS lc, cac_payback_months(12000, 1000, 0.8) AS pb,
  magic_number(750000, 1000000) AS mn, burn_multiple(1500000, 1000000) AS bm,
  quick_ratio(100, 50, 10, 20, 20) AS qr, roi(150000, 50000) AS ro, arr(1000) AS ar,
  attribution_weight('linear', 1, 4) AS aw3, attribution_weight('w_shaped', 1, 4, 2) AS aw4,
  attribution_weight('time_decay', 1, 2, 7, 1.5) AS aw5, attribution_decay_total(7) AS adt,
  account_tier(amount * 100) AS at, engagement_score(12, 63, 27) AS es, account_status(12, 27) AS ast,
  customer_health(45, 4.2, 3, 0.92, 2, 45, 12, 1, 0) AS ch,
  length(customer_health_factors(45, 4.2, 3, 0.92, 2, 45, 12, 1, 0)) > 100 AS chf,
  customer_health_status(66) AS chs, churn_risk(58, 60, -0.2) AS cr,
  length(churn_risk_factors(58, 60, -0.2)) > 100 AS crf, churn_risk_level(49) AS crl, nps(9) AS np,
  required_aes(5000000, 600000, 0.7) AS ra, ramped_capacity(3) AS rc,
  scenario_revenue('bear', 1000000) AS sr, scenario_win_rate('bear', 0.25) AS sw,
  scenario_cycle_days('bear', 60) AS sc, scenario_churn_rate('bear', 0.05) AS sh,
  scenario_confidence('bull') AS sf,
  (SELECT ending_mrr FROM mrr_waterfall('mrr_subs')) AS mw,
  (SELECT movement FROM mrr_movements('mrr_subs')) AS mmv,
  (SELECT mrr FROM mrr_months('mrr_subs')) AS mmo
  FROM deals;
PRAGMA trusted_schema = OFF;
SELECT 'view of every function under trusted_schema=OFF',
  v || ' ' || ls3 || ' ' || ls4 || ' ' || lse3 || ' ' || lse4 || ' ' || lg1 || ' ' || lg2 || ' ' ||
  dh || ' ' || dhf || ' ' || dhs || ' ' || wp2 || ' ' || wp4 || ' ' || n || ' ' || g || ' ' || l || ' ' ||
  m || ' ' || ms || ' ' || wa || ' ' || mg || ' ' || mw || ' ' || mmv || ' ' || mmo,
  -- demo_request at age 2 = 25; 1000 x 0.5 = 500, 59 days past -> x0.5 = 250;
  -- mrr_subs: one customer, 100 new in January 2026.
  '0.1.0 25 25 1 1 Hot Hot 100 1 Healthy 500.0 250.0 1.0 1.0 1.0 0.5 0 0.5 Excellent 100.0 new 100.0'
  FROM everything;
-- By hand: p 0.5 Pipeline; 50 x 0.25 x 30000 / 60 = 6250; 1e6 / 0.25 x 1 =
-- 4e6; 120000 / 40 = 3000; 1000 x 0.8 / 0.02 = 40000; churn 0 capped at 24
-- months: 800 x 24 = 19200; 40000 / 10000 = 4; 12000 / 800 = 15; 0.75;
-- 1.5; 160 / 40 = 4; (150000 - 50000) / 50000 = 2; 1000 x 12 = 12000;
-- linear 1/4; w_shaped first touch 0.3; 2^-1 / 1.5 = 1/3; 2^-1 = 0.5;
-- 100000 is Growth; 12 x 2 + 63 x 0.5 - 27 x 1.5 = 15; 12 opportunities
-- KEY ACCOUNT; health 16 + 8 + 10 + 4 + 20 + 8 = 66; risk 25 + 14 + 10 =
-- 49; one promoter: NPS 100; ceil(11.9) = 12; month 3 = 0.25; 800000;
-- 0.2; 75 days; 0.07; bull 0.3; Wilson bounds at 0 and n successes are
-- exactly 0 and 1.
SELECT 'view of the SPEC section 4 functions under trusted_schema=OFF',
  fc || ' ' || cs || ' ' || wr || ' ' || sv || ' ' || rp || ' ' || sp1 || ' ' || sp2 || ' ' ||
  ca || ' ' || lt3 || ' ' || lt4 || ' ' || lc || ' ' || pb || ' ' || mn || ' ' || bm || ' ' ||
  qr || ' ' || ro || ' ' || ar || ' ' || aw3 || ' ' || aw4 || ' ' || round(aw5, 6) || ' ' || adt || ' ' ||
  at || ' ' || es || ' ' || ast || ' ' || ch || ' ' || chf || ' ' || chs || ' ' || cr || ' ' ||
  crf || ' ' || crl || ' ' || np || ' ' || ra || ' ' || rc || ' ' || sr || ' ' || sw || ' ' ||
  sc || ' ' || sh || ' ' || sf || ' ' || wl2 || ' ' || wl3 || ' ' || wu2 || ' ' || wu3,
  'Pipeline Strong 1.0 6250.0 4000000.0 1.0 0.95 3000.0 40000.0 19200.0 4.0 15.0 0.75 1.5 '
  || '4.0 2.0 12000.0 0.25 0.3 0.333333 0.5 Growth 15.0 KEY ACCOUNT 66 1 At Risk 49 1 Medium '
  || '100.0 12 0.25 800000.0 0.2 75.0 0.07 0.3 0.0 0.0 1.0 1.0'
  FROM everything;
-- The view must name every registered function: a new function without a
-- place here fails this case.  (Functions that read files would be the
-- exception, but the query extension has none: they are in the import
-- module, tests/errors/files.txt.)
SELECT 'the view above uses every registered function', count(*), 0
  FROM (SELECT DISTINCT name, kind FROM revops_functions WHERE NOT directonly)
  WHERE instr((SELECT sql FROM sqlite_schema WHERE name = 'everything'),
              name || CASE kind WHEN 'table' THEN '' ELSE '(' END) = 0;
PRAGMA trusted_schema = ON;
SELECT 'no function of the query extension is direct-only (none touches a file)',
  (SELECT count(*) FROM revops_functions WHERE directonly), 0;

-- Deterministic: allowed in generated columns and index expressions.
CREATE TABLE g(score INT, status TEXT AS (deal_health_status(score)), grade TEXT AS (lead_grade(score)));
INSERT INTO g(score) VALUES (85), (45);
SELECT 'generated columns', group_concat(status || '/' || grade, ' '), 'Healthy/Hot At Risk/Nurture' FROM g;
CREATE INDEX g_status ON g(deal_health_status(score));
SELECT 'index on an expression', count(*), 1 FROM g WHERE deal_health_status(score) = 'Healthy';
