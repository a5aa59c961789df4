-- sql/views/91_rule_backtest.sql — do the rule-based scores predict?
--
-- Question: the fixed rules (seed 003's lead grades, seed 001's deal
-- health) were written for companies in general.
-- On this company's own history, does a Hot lead convert more than an MQL,
-- an MQL more than a Nurture?  Does a Healthy deal win more than one At
-- Risk?  (Issue 14; MAPE by rep is forecast_accuracy_by_rep, in
-- sql/views/40_forecast.sql.)  The
-- cutoffs are win_backtest_cutoffs' (sql/views/90_learn.sql): each
-- question is asked as of each cutoff and answered by what happened next.
-- docs/calibration.md reads the demo's figures.
-- The calibration tables here and churn_risk_backtest (92_churn.sql) share
-- one shape, band by band, but not one view: a UNION ALL of the three read
-- by rule made each compute all three (docs/architecture.md, "Logic
-- written once").

-- Leads open at a cutoff (created in the 90 days before it, not yet
-- converted), scored with the signals seen before it; converted = the
-- lead converted within the 90 days after the cutoff.
DROP VIEW IF EXISTS lead_grade_backtest_leads;
CREATE VIEW lead_grade_backtest_leads AS
SELECT c.cutoff, l.lead_id,
       lead_score(e.signal, e.occurred_at, c.cutoff) AS score,
       coalesce(l.converted_date > c.cutoff AND l.converted_date <= date(c.cutoff, '+90 days'), 0) AS converted
FROM win_backtest_cutoffs AS c
JOIN leads AS l ON l.created_date > date(c.cutoff, '-90 days') AND l.created_date <= c.cutoff
                AND (l.converted_date IS NULL OR l.converted_date > c.cutoff)
JOIN lead_events AS e ON e.lead_id = l.lead_id AND e.occurred_at < c.cutoff
GROUP BY c.cutoff, l.lead_id;

DROP VIEW IF EXISTS lead_grade_backtest;
CREATE VIEW lead_grade_backtest AS
SELECT lead_grade(score) AS grade, count(*) AS leads, sum(converted) AS converted,
       round(avg(converted), 4) AS conversion_rate, round(avg(score), 1) AS mean_score
FROM lead_grade_backtest_leads
GROUP BY grade
ORDER BY min(score) DESC;

-- Deal health at each cutoff (win_features: the inputs as known then) and
-- how the deals ended.
DROP VIEW IF EXISTS deal_health_backtest;
CREATE VIEW deal_health_backtest AS
WITH h AS (
  SELECT f.won, deal_health(f.days_in_stage, f.expected_days, f.days_since_activity, f.contacts_engaged,
                            f.days_to_close, f.pushes, f.amount_change) AS health
  FROM win_backtest_cutoffs AS c JOIN win_features AS f ON f.snapshot_date = c.cutoff
  WHERE f.won IS NOT NULL
)
SELECT deal_health_status(health) AS status, count(*) AS deals, sum(won) AS won,
       round(avg(won), 4) AS win_rate, round(avg(health), 1) AS mean_health
FROM h
GROUP BY status
ORDER BY min(health) DESC;
