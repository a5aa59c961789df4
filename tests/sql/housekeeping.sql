-- revops_version, revops_functions, and the flags that let the functions
-- live in views, indexes and generated columns.

-- The version is written once (include/revops.h); the static C tests
-- compare it with REVOPS_VERSION, here only its shape.
SELECT 'version', revops_version() GLOB '[0-9]*.[0-9]*.[0-9]*', 1;
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
-- One row per function (name/arity), with the value worked out by hand
-- beside it.
CREATE VIEW everything(fn, got, want) AS
  SELECT 'revops_version', revops_version() GLOB '[0-9]*.[0-9]*.[0-9]*', 1 FROM deals UNION ALL
  SELECT 'lead_score/3', lead_score(s, o, '2026-03-01'), 25 FROM deals UNION ALL  -- demo_request at age 2 = 25
  SELECT 'lead_score/4', lead_score(s, o, '2026-03-01', revops_lead_model()), 25 FROM deals UNION ALL
  SELECT 'lead_score_explain/3', length(lead_score_explain(s, o, '2026-03-01')) > 100, 1 FROM deals UNION ALL
  SELECT 'lead_score_explain/4', length(lead_score_explain(s, o, '2026-03-01', revops_lead_model())) > 100, 1 FROM deals UNION ALL
  SELECT 'lead_grade/1', lead_grade(80), 'Hot' FROM deals UNION ALL
  SELECT 'lead_grade/2', lead_grade(80, revops_lead_model()), 'Hot' FROM deals UNION ALL
  SELECT 'revops_lead_model', length(revops_lead_model()) > 100, 1 FROM deals UNION ALL
  SELECT 'deal_health', deal_health(5, 10, 1, 5, 30, 0, 0), 100 FROM deals UNION ALL
  SELECT 'deal_health_factors', length(deal_health_factors(5, 10, 1, 5, 30, 0, 0)) > 100, 1 FROM deals UNION ALL
  SELECT 'deal_health_status', deal_health_status(85), 'Healthy' FROM deals UNION ALL
  SELECT 'weighted_pipeline/2', weighted_pipeline(amount, p), 500.0 FROM deals UNION ALL  -- 1000 x 0.5
  SELECT 'weighted_pipeline/4', weighted_pipeline(amount, p, close_date, '2026-03-01'), 250.0 FROM deals UNION ALL  -- 59 days past close: x0.5
  SELECT 'nrr', nrr(amount, amount), 1.0 FROM deals UNION ALL
  SELECT 'grr', grr(amount, amount), 1.0 FROM deals UNION ALL
  SELECT 'logo_retention', logo_retention(amount, amount), 1.0 FROM deals UNION ALL
  SELECT 'mape', mape(amount, amount * p), 0.5 FROM deals UNION ALL
  SELECT 'mape_skipped', mape_skipped(amount, p), 0 FROM deals UNION ALL
  SELECT 'wape', wape(amount, amount * p), 0.5 FROM deals UNION ALL
  SELECT 'mape_grade', mape_grade(0.05), 'Excellent' FROM deals UNION ALL
  SELECT 'forecast_category', forecast_category(p), 'Pipeline' FROM deals UNION ALL
  SELECT 'coverage_status', coverage_status(3), 'Strong' FROM deals UNION ALL
  SELECT 'win_rate', win_rate(1), 1.0 FROM deals UNION ALL
  SELECT 'sales_velocity', sales_velocity(50, 0.25, 30000, 60), 6250.0 FROM deals UNION ALL  -- 50 x 0.25 x 30000 / 60
  SELECT 'required_pipeline', required_pipeline(1000000, 0.25, 1), 4000000.0 FROM deals UNION ALL  -- 1e6 / 0.25 x 1
  SELECT 'stage_probability/1', stage_probability('Closed Won'), 1.0 FROM deals UNION ALL
  SELECT 'stage_probability/2', stage_probability('Closed Won', 0.95), 0.95 FROM deals UNION ALL
  SELECT 'wilson_lower/2', wilson_lower(0, 10), 0.0 FROM deals UNION ALL  -- 0 successes: exactly 0
  SELECT 'wilson_lower/3', wilson_lower(0, 10, 1), 0.0 FROM deals UNION ALL
  SELECT 'wilson_upper/2', wilson_upper(10, 10), 1.0 FROM deals UNION ALL  -- n successes: exactly 1
  SELECT 'wilson_upper/3', wilson_upper(10, 10, 1), 1.0 FROM deals UNION ALL
  SELECT 'cac', cac(120000, 40), 3000.0 FROM deals UNION ALL  -- 120000 / 40
  SELECT 'ltv/3', ltv(1000, 0.8, 0.02), 40000.0 FROM deals UNION ALL  -- 1000 x 0.8 / 0.02
  SELECT 'ltv/4', ltv(1000, 0.8, 0, 24), 19200.0 FROM deals UNION ALL  -- churn 0 capped at 24 months: 800 x 24
  SELECT 'ltv_cac', ltv_cac(40000, 10000), 4.0 FROM deals UNION ALL
  SELECT 'cac_payback_months', cac_payback_months(12000, 1000, 0.8), 15.0 FROM deals UNION ALL  -- 12000 / 800
  SELECT 'magic_number', magic_number(750000, 1000000), 0.75 FROM deals UNION ALL
  SELECT 'burn_multiple', burn_multiple(1500000, 1000000), 1.5 FROM deals UNION ALL
  SELECT 'quick_ratio', quick_ratio(100, 50, 10, 20, 20), 4.0 FROM deals UNION ALL  -- 160 / 40
  SELECT 'roi', roi(150000, 50000), 2.0 FROM deals UNION ALL  -- (150000 - 50000) / 50000
  SELECT 'arr', arr(1000), 12000.0 FROM deals UNION ALL
  SELECT 'attribution_weight/3', attribution_weight('linear', 1, 4), 0.25 FROM deals UNION ALL  -- linear 1/4
  SELECT 'attribution_weight/4', attribution_weight('w_shaped', 1, 4, 2), 0.3 FROM deals UNION ALL  -- w_shaped first touch
  SELECT 'attribution_weight/5', round(attribution_weight('time_decay', 1, 2, 7, 1.5), 6), 0.333333 FROM deals UNION ALL  -- 2^-1 / 1.5
  SELECT 'attribution_decay_total', attribution_decay_total(7), 0.5 FROM deals UNION ALL  -- 2^-1
  SELECT 'account_tier', account_tier(amount * 100), 'Growth' FROM deals UNION ALL  -- 100000
  SELECT 'engagement_score', engagement_score(12, 63, 27), 15.0 FROM deals UNION ALL  -- 12 x 2 + 63 x 0.5 - 27 x 1.5
  SELECT 'account_status', account_status(12, 27), 'KEY ACCOUNT' FROM deals UNION ALL
  SELECT 'customer_health', customer_health(45, 4.2, 3, 0.92, 2, 45, 12, 1, 0), 66 FROM deals UNION ALL  -- 16 + 8 + 10 + 4 + 20 + 8
  SELECT 'customer_health_factors', length(customer_health_factors(45, 4.2, 3, 0.92, 2, 45, 12, 1, 0)) > 100, 1 FROM deals UNION ALL
  SELECT 'customer_health_status', customer_health_status(66), 'At Risk' FROM deals UNION ALL
  SELECT 'churn_risk', churn_risk(58, 60, -0.2), 49 FROM deals UNION ALL  -- 25 + 14 + 10
  SELECT 'churn_risk_factors', length(churn_risk_factors(58, 60, -0.2)) > 100, 1 FROM deals UNION ALL
  SELECT 'churn_risk_level', churn_risk_level(49), 'Medium' FROM deals UNION ALL
  SELECT 'nps', nps(9), 100.0 FROM deals UNION ALL  -- one promoter
  SELECT 'required_aes', required_aes(5000000, 600000, 0.7), 12 FROM deals UNION ALL  -- ceil(11.9)
  SELECT 'ramped_capacity', ramped_capacity(3), 0.25 FROM deals UNION ALL
  SELECT 'scenario_revenue', scenario_revenue('bear', 1000000), 800000.0 FROM deals UNION ALL
  SELECT 'scenario_win_rate', scenario_win_rate('bear', 0.25), 0.2 FROM deals UNION ALL
  SELECT 'scenario_cycle_days', scenario_cycle_days('bear', 60), 75.0 FROM deals UNION ALL
  SELECT 'scenario_churn_rate', round(scenario_churn_rate('bear', 0.05), 9), 0.07 FROM deals UNION ALL  -- 0.05 + 0.02
  SELECT 'scenario_confidence', scenario_confidence('bull'), 0.3 FROM deals UNION ALL
  SELECT 'mrr_waterfall', (SELECT ending_mrr FROM mrr_waterfall('mrr_subs')), 100.0 FROM deals UNION ALL  -- one customer, 100 new in January 2026
  SELECT 'mrr_movements', (SELECT movement FROM mrr_movements('mrr_subs')), 'new' FROM deals UNION ALL
  SELECT 'mrr_months', (SELECT mrr FROM mrr_months('mrr_subs')), 100.0 FROM deals UNION ALL
  -- learned scores, backtest metrics, forecast ranges (docs/learn.md): a fit over
  -- 10 rows, 5 of each label; x = 0 scores 1/(1 + e^0) = 0.5, a medium win
  -- probability; one label only: no AUC; (0.5 - 1)^2 = 0.25; -ln(0.5) =
  -- 0.693147; one deal of 1000 at 0.5: P(0) = 0.5 so the median is 0, and
  -- P(total >= 1000) = 0.5.
  SELECT 'learn_fit', (WITH RECURSIVE r(i) AS (VALUES (1) UNION ALL SELECT i + 1 FROM r WHERE i < 10)
    SELECT substr(learn_fit(i % 2, '2026-01-01', 1, 'x', i), 1, 19) FROM r), '{"model":"logistic"' FROM deals UNION ALL
  SELECT 'learn_score', learn_score('{"intercept":0,"features":[{"name":"x","mean":0,"scale":1,"coef":1}]}', 'x', 0), 0.5 FROM deals UNION ALL
  SELECT 'learn_explain', substr(learn_explain('{"intercept":0,"features":[{"name":"x","mean":0,"scale":1,"coef":1}]}', 'x', 0), 1, 18), '{"probability":0.5' FROM deals UNION ALL
  SELECT 'win_band', win_band(p), 'medium' FROM deals UNION ALL
  SELECT 'auc', ifnull(auc(p, 1), 'n/a'), 'n/a' FROM deals UNION ALL
  SELECT 'brier_score', brier_score(p, 1), 0.25 FROM deals UNION ALL
  SELECT 'log_loss', round(log_loss(p, 0), 6), 0.693147 FROM deals UNION ALL
  SELECT 'forecast_quantile', forecast_quantile(amount, p, 0.5), 0.0 FROM deals UNION ALL
  SELECT 'forecast_reach', forecast_reach(amount, p, 1000), 0.5 FROM deals UNION ALL
  SELECT 'forecast_range', substr(forecast_range(amount, p), 1, 10), '{"deals":1' FROM deals UNION ALL
  SELECT 'revops_functions', (SELECT count(*) > 50 FROM revops_functions), 1 FROM deals;
PRAGMA trusted_schema = OFF;
SELECT 'under trusted_schema=OFF: ' || fn, got, want FROM everything;
-- tests/run.sh (registry layer) also builds, from revops_functions, a view
-- calling every function with NULL arguments and reads it with
-- trusted_schema=OFF, so a new function needs no line here to be checked.
PRAGMA trusted_schema = ON;
SELECT 'no function of the query extension is direct-only (none touches a file: they are in the import module)',
  (SELECT count(*) FROM revops_functions WHERE directonly), 0;

-- Deterministic: allowed in generated columns and index expressions.
CREATE TABLE g(score INT, status TEXT AS (deal_health_status(score)), grade TEXT AS (lead_grade(score)));
INSERT INTO g(score) VALUES (85), (45);
SELECT 'generated columns', group_concat(status || '/' || grade, ' '), 'Healthy/Hot At Risk/Nurture' FROM g;
CREATE INDEX g_status ON g(deal_health_status(score));
SELECT 'index on an expression', count(*), 1 FROM g WHERE deal_health_status(score) = 'Healthy';
