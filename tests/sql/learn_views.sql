-- The learn views (sql/views/9x) on a small hand-made company: each
-- feature of win_features computed by hand for one open deal, and the
-- views that need more history than this answering with NULL or no rows
-- rather than failing.
.read tests/sql/lib/install.sql
INSERT INTO settings VALUES ('as_of', '2025-03-01');
INSERT INTO reps (rep_id, name, role, segment) VALUES ('R1', 'Ann', 'AE', 'Enterprise');
INSERT INTO accounts (account_id, name, segment) VALUES ('A1', 'Acme', 'Enterprise'), ('A2', 'Bolt', 'SMB');
INSERT INTO contacts (contact_id, account_id) VALUES ('C1', 'A1'), ('C2', 'A1');
INSERT INTO opportunities (opportunity_id, account_id, owner_rep_id, opportunity_type, stage, amount,
                           original_amount, created_date, close_date) VALUES
  ('O1', 'A1', 'R1', 'New Business', 'Closed Won', 1000, 800, '2025-01-01', '2025-03-10'),
  ('O2', 'A2', 'R1', 'Expansion', 'Closed Lost', 300, 300, '2025-01-05', '2025-02-20'),
  ('O3', 'A1', 'R1', 'New Business', 'Proposal', 500, 400, '2025-02-01', '2025-04-30'),
  ('O4', 'A2', 'R1', 'New Business', 'Negotiation', 2000, 2000, '2025-01-10', '2025-03-20');
INSERT INTO opportunity_stage_history (opportunity_id, stage, entered_date, exited_date) VALUES
  ('O3', 'Discovery', '2025-02-01', '2025-02-10'),
  ('O3', 'Proposal', '2025-02-10', NULL);
-- O3's close date moves out once, between the 10th and the 17th.
INSERT INTO opportunity_snapshots (snapshot_date, opportunity_id, stage, amount, close_date, owner_rep_id) VALUES
  ('2025-02-03', 'O3', 'Discovery', 400, '2025-03-31', 'R1'),
  ('2025-02-10', 'O3', 'Proposal', 400, '2025-03-31', 'R1'),
  ('2025-02-17', 'O3', 'Proposal', 500, '2025-04-30', 'R1'),
  ('2025-02-24', 'O3', 'Proposal', 500, '2025-04-30', 'R1');
INSERT INTO activities (activity_id, activity_type, occurred_at, rep_id, account_id, contact_id, opportunity_id) VALUES
  ('X1', 'Call', '2025-02-05 10:00:00', 'R1', 'A1', 'C1', 'O3'),
  ('X2', 'Email', '2025-02-12 09:00:00', 'R1', 'A1', 'C2', 'O3'),
  ('X3', 'Meeting', '2025-02-20 15:00:00', 'R1', 'A1', 'C1', 'O3'),
  ('X4', 'Call', '2025-02-24 11:00:00', 'R1', 'A1', 'C1', 'O3');

-- On 2025-02-24: in Proposal since the 10th (14 of its 21 expected days);
-- last activity before the snapshot on the 20th (4 days; the call on the
-- 24th itself is not before it); contacts C1 and C2; 3 activities in 30
-- days; 1 push; 65 days to 2025-04-30; amount 500 against 400 originally
-- (+25%); the rep's record before the 24th: O2 lost on the 20th, so
-- (0 + 1) / (1 + 2); no win at A1 before (O1 closes on 3-10); Enterprise,
-- new business; 23 days open against 14 + 14 + 21 + 21 = 70 expected
-- days to the end of Proposal.
SELECT 'win_features on 2025-02-24', days_in_stage || ' ' || expected_days || ' ' || round(stage_time_ratio, 6) || ' ' ||
  days_since_activity || ' ' || contacts_engaged || ' ' || activities_30d || ' ' || pushes || ' ' ||
  days_to_close || ' ' || amount_change || ' ' || round(rep_win_rate, 6) || ' ' || account_prior_wins || ' ' ||
  is_enterprise || is_mid_market || is_expansion || is_renewal || ' ' || round(progression_ratio, 6) || ' ' ||
  stage_order || ' ' || stage_probability || ' ' || ifnull(won, 'open'),
  '14.0 21 0.666667 4.0 2 3 1 65.0 0.25 0.333333 0 1000 0.328571 4 0.6 open'
  FROM win_features WHERE opportunity_id = 'O3' AND snapshot_date = '2025-02-24';
-- On 2025-02-17: 5 days since the 12th, 2 activities, the push already
-- counted, nothing closed yet: (0 + 1) / (0 + 2).
SELECT 'win_features on 2025-02-17', days_since_activity || ' ' || activities_30d || ' ' || pushes || ' ' || rep_win_rate,
  '5.0 2 1 0.5' FROM win_features WHERE opportunity_id = 'O3' AND snapshot_date = '2025-02-17';
SELECT 'win_features on 2025-02-03: no push, no activity yet',
  pushes || ' ' || ifnull(days_since_activity, 'none') || ' ' || contacts_engaged, '0 none 0'
  FROM win_features WHERE opportunity_id = 'O3' AND snapshot_date = '2025-02-03';
SELECT 'learn_deal_outcomes', group_concat(opportunity_id || ':' || won || ':' || closed_date, ' '),
  'O1:1:2025-03-10 O2:0:2025-02-20' FROM (SELECT * FROM learn_deal_outcomes ORDER BY opportunity_id);

-- Too little history to fit: no model, scores NULL, no backtest rows.
SELECT 'win_model with too little history is NULL', (SELECT model FROM win_model), NULL;
SELECT 'win_probability falls back to NULL', group_concat(opportunity_id || ':' || ifnull(win_probability, 'NULL')), 'O3:NULL'
  FROM win_probability;
SELECT 'win_backtest_scores: no cutoff can fit', count(*), 0 FROM win_backtest_scores;
SELECT 'churn_backtest_scores: no customers', count(*), 0 FROM churn_backtest_scores;

-- The quarter from 2025-01-01: O4 (2000 at the Negotiation default 0.8)
-- is the one open new-business deal closing in it (Best Case, so commit
-- is 0 and best case 2000); nothing won yet.
-- Totals 0 (0.2) or 2000 (0.8): P10 = 0, P50 = P90 = 2000.
INSERT INTO quotas VALUES ('R1', '2025-01-01', '2025-04-01', 'new_arr', 1500);
SELECT 'forecast_range_quarter', group_concat(method || ' ' || deals || ' ' || won_so_far || ' ' || commit_amount || ' ' ||
  best_case_amount || ' ' || weighted || ' ' || p10 || ' ' || p50 || ' ' || p90 || ' ' || target || ' ' ||
  probability_of_target, ' | '),
  'learned 1 0.0 0.0 2000.0 1600.0 0.0 2000.0 2000.0 1500.0 0.8 | stage defaults 1 0.0 0.0 2000.0 1600.0 0.0 2000.0 2000.0 1500.0 0.8'
  FROM forecast_range_quarter;
