-- The pipeline views (sql/views/30_pipeline.sql) on a hand-made pipeline:
-- pipeline_summary's open pipeline and its trailing 12-month window at
-- each boundary, pipeline_stuck_deals' thresholds.  Every expected figure
-- is worked out by hand in the comments.
.read tests/sql/lib/install.sql
INSERT INTO settings VALUES ('as_of', '2026-03-01');
-- The stages table overrides Proposal's built-in 0.60 with 0.50.
UPDATE stages SET probability = 0.5 WHERE stage = 'Proposal';
INSERT INTO reps (rep_id, name, role) VALUES ('R1', 'Ann', 'AE');
INSERT INTO accounts (account_id, name, segment, region) VALUES
  ('A1', 'Acme', 'Enterprise', 'EMEA'), ('A2', 'Bolt', 'SMB', 'APAC');

-- Open deals on 2026-03-01:
--   id  account  stage          amount  probability         in stage since  days
--   O1  A1       Proposal        10000  0.5 (stages table)  2026-01-30        30
--   O2  (none)   Negotiation      2000  0.5 (its own)       2026-02-19        10
--   O4  A2       Demo            60000  0.4                 2026-01-10        50
--   O5  A2       Demo            50000  0.4                 2025-12-31        60
--   O6  A1       Qualification   80000  0.2                 2026-01-15        45
-- (days: to 2026-03-01 from 2026-01-30 is 2 + 28, from the 19th of
-- February 9 + 1, from 2026-01-10 22 + 28, from 2025-12-31 1 + 31 + 28,
-- from 2026-01-15 17 + 28.)
INSERT INTO opportunities (opportunity_id, account_id, owner_rep_id, stage, amount, probability, created_date, close_date, stage_entered_date) VALUES
  ('O1', 'A1', 'R1', 'Proposal', 10000, NULL, '2025-12-01', '2026-04-15', '2026-01-30'),
  ('O2', NULL, 'R1', 'Negotiation', 2000, 0.5, '2026-01-02', '2026-03-20', '2026-02-19'),
  ('O4', 'A2', 'R1', 'Demo', 60000, NULL, '2025-11-01', '2026-05-01', '2026-01-10'),
  ('O5', 'A2', 'R1', 'Demo', 50000, NULL, '2025-11-01', '2026-05-01', '2025-12-31'),
  ('O6', 'A1', 'R1', 'Qualification', 80000, NULL, '2026-01-02', '2026-06-30', '2026-01-15');
-- Closed deals; the trailing 12 months to 2026-03-01 are the close dates
-- d with 2025-03-01 < d <= 2026-03-01:
--   W1  won   1000  created 2025-02-01, closed 2025-03-02  in (the first day); cycle 28 + 1 = 29
--   W2  won   3000  created 2025-12-01, closed 2026-03-01  in (the as-of day); cycle 31 + 31 + 28 = 90
--   L1  lost   500  closed 2025-03-01                      out (the day 12 months before)
--   L2  lost   700  closed 2025-04-01                      in
--   W3  won   9000  closed 2026-03-02                      out (after the as-of date)
INSERT INTO opportunities (opportunity_id, account_id, owner_rep_id, stage, amount, created_date, close_date) VALUES
  ('W1', 'A1', 'R1', 'Closed Won', 1000, '2025-02-01', '2025-03-02'),
  ('W2', 'A2', 'R1', 'Closed Won', 3000, '2025-12-01', '2026-03-01'),
  ('L1', 'A1', 'R1', 'Closed Lost', 500, '2025-01-01', '2025-03-01'),
  ('L2', 'A2', 'R1', 'Closed Lost', 700, '2025-02-01', '2025-04-01'),
  ('W3', 'A1', 'R1', 'Closed Won', 9000, '2026-01-01', '2026-03-02');

-- The open pipeline: 5 deals (O2, without an account, counts), 202000 in
-- all; weighted 10000 x 0.5 + 2000 x 0.5 + 60000 x 0.4 + 50000 x 0.4 +
-- 80000 x 0.2 = 5000 + 1000 + 24000 + 20000 + 16000 = 66000; average
-- 202000 / 5 = 40400; days in stage (30 + 10 + 50 + 60 + 45) / 5 = 39.
SELECT 'pipeline_summary: open deals and pipeline', open_deals || ' ' || total_pipeline || ' ' || avg_open_deal, '5 202000.0 40400.0' FROM pipeline_summary;
SELECT 'pipeline_summary: weighted pipeline (the stages table and the deal''s own probability)', weighted_pipeline, 66000.0 FROM pipeline_summary;
SELECT 'pipeline_summary: average days in stage', avg_days_in_stage, 39.0 FROM pipeline_summary;
-- 66000 / 39 = 1692.307692...
SELECT 'pipeline_summary: weighted per day in stage', round(weighted_per_day_in_stage, 6), 1692.307692 FROM pipeline_summary;
-- Closed in the window: W1, W2 won, L2 lost: win rate 2 / 3, 2 won for
-- 4000, average 2000, cycle (29 + 90) / 2 = 59.5 days.
SELECT 'pipeline_summary: won deals in the trailing 12 months (first day and as-of day in)', won_deals || ' ' || won_amount, '2 4000.0' FROM pipeline_summary;
SELECT 'pipeline_summary: win rate over the trailing 12 months', round(win_rate, 6), 0.666667 FROM pipeline_summary;
SELECT 'pipeline_summary: average won deal and cycle', avg_won_deal || ' ' || avg_cycle_days, '2000.0 59.5' FROM pipeline_summary;
-- Velocity: 5 open x 2/3 x 2000 / 59.5 = 20000 / 178.5 = 112.0448..., to
-- the cent 112.04.
SELECT 'pipeline_summary: velocity per day', velocity_per_day, 112.04 FROM pipeline_summary;
SELECT 'pipeline_summary: as of', as_of, '2026-03-01' FROM pipeline_summary;

-- Stuck: more than 45 days in the stage and more than 50000: O4 (50 days,
-- 60000) only; O5 has 60 days but exactly 50000, O6 80000 but exactly 45
-- days.
SELECT 'pipeline_stuck_deals: over 45 days and over 50000', group_concat(opportunity_id || ':' || days_in_stage, ' '), 'O4:50' FROM (SELECT * FROM pipeline_stuck_deals ORDER BY opportunity_id);

-- pipeline_deals keeps the deal without an account, with NULL dimensions.
SELECT 'pipeline_deals: a deal without an account', coalesce(segment, 'none') || ' ' || probability || ' ' || days_in_stage, 'none 0.5 10.0' FROM pipeline_deals WHERE opportunity_id = 'O2';
-- Ages: O1 created 2025-12-01 is 31 + 31 + 28 = 90 days old; W2 took 90 days to close.
SELECT 'pipeline_deals: age and cycle', (SELECT age_days FROM pipeline_deals WHERE opportunity_id = 'O1') || ' ' || (SELECT cycle_days FROM pipeline_deals WHERE opportunity_id = 'W2'), '90.0 90.0';

-- Forecast accuracy (40_forecast.sql; economics_dashboard reads the same
-- rows: tests/sql/views_revenue.sql): each rep's first
-- Commit call of a quarter against the new business the rep won in it.
-- The last quarter closed by 2026-03-01 is 2025-Q4 [2025-10-01,
-- 2026-01-01).  R2 called 10000 on 2025-10-05 and 8000 on 2025-12-20 and
-- won 8000 (X1); R1 called 4000 and won 5000 (X2).  First calls: errors
-- 2000 / 8000 = 0.25 and 1000 / 5000 = 0.2, MAPE 0.225, WAPE 3000 / 13000
-- = 0.230769..., actual against forecast 13000 / 14000 - 1 = -0.071428...
-- (the last calls would give R2 no error and MAPE 0.1).  A Best Case
-- call and the open quarter's Commit call are not compared.
INSERT INTO reps (rep_id, name, role, segment) VALUES ('R2', 'Bo', 'AE', 'SMB');
INSERT INTO opportunities (opportunity_id, account_id, owner_rep_id, stage, amount, created_date, close_date) VALUES
  ('X1', 'A2', 'R2', 'Closed Won', 8000, '2025-09-01', '2025-11-15'),
  ('X2', 'A1', 'R1', 'Closed Won', 5000, '2025-09-01', '2025-12-10');
INSERT INTO forecast_submissions (rep_id, period_start, period_end, submitted_date, category, amount) VALUES
  ('R2', '2025-10-01', '2026-01-01', '2025-10-05', 'Commit', 10000),
  ('R2', '2025-10-01', '2026-01-01', '2025-12-20', 'Commit', 8000),
  ('R2', '2025-10-01', '2026-01-01', '2025-10-05', 'Best Case', 15000),
  ('R1', '2025-10-01', '2026-01-01', '2025-11-01', 'Commit', 4000),
  ('R2', '2026-01-01', '2026-04-01', '2026-01-10', 'Commit', 9000);
SELECT 'forecast_calls: the first Commit call of the closed quarter', group_concat(rep_id || ' ' || quarter || ' ' || submitted_date || ' ' || forecast || ' ' || actual, '; '), 'R1 2025-Q4 2025-11-01 4000.0 5000.0; R2 2025-Q4 2025-10-05 10000.0 8000.0' FROM (SELECT * FROM forecast_calls WHERE is_closed_period ORDER BY rep_id);
SELECT 'forecast_calls: the open quarter is not closed', group_concat(rep_id || ' ' || quarter || ' ' || is_closed_period), 'R2 2026-Q1 0' FROM forecast_calls WHERE NOT is_closed_period;
SELECT 'forecast_calls: MAPE and WAPE of the closed quarter, as cro grades it', round(mape(actual, forecast), 6) || ' ' || round(wape(actual, forecast), 6), '0.225 0.230769' FROM forecast_calls WHERE is_closed_period;

-- Money sums are to the cent (docs/views.md, Conventions): two open deals
-- of 0.10 and 0.20 on top of the 202000 above make 202000.30, which an
-- unrounded float sum misses (202000.0 + 0.1 + 0.2 <> 202000.3).
INSERT INTO opportunities (opportunity_id, account_id, owner_rep_id, stage, amount, created_date, close_date, stage_entered_date) VALUES
  ('C10', 'A1', 'R1', 'Demo', 0.1, '2026-02-01', '2026-05-01', '2026-02-01'),
  ('C20', 'A1', 'R1', 'Demo', 0.2, '2026-02-01', '2026-05-01', '2026-02-01');
SELECT 'pipeline_summary: the open pipeline to the cent', total_pipeline = 202000.3, 1 FROM pipeline_summary;
