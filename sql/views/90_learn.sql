-- sql/views/90_learn.sql — the learned win probability and its backtest.
--
-- Question: how likely is each open deal to be won, judged from this
-- company's own closed history, and does that judgement predict better
-- than the stage defaults?  (Issue 14; seed 001: win probability from
-- similar deals, engagement, rep track record, account history and stage
-- progression speed; 70%+ high, 40-69% medium, under 40% low.)
-- docs/calibration.md shows the demo's figures and how to read them.
--
-- Settings (table settings, key/value), all optional:
--   learn_lambda            L2 penalty of the fit (default 1.0)
--   learn_backtest_from     first backtest cutoff (default as_of - 12 months)
--   learn_backtest_to       last backtest cutoff (default as_of - 3 months)
--   learn_backtest_every    weeks between cutoffs (default 4)
--
-- Every feature of a deal at a snapshot date S is computed from what was
-- known at S: the snapshot itself (stage, amount, close date), the stage
-- history entered by S, activities before S, deals closed before S.

DROP VIEW IF EXISTS learn_params;
CREATE VIEW learn_params AS
SELECT
  coalesce((SELECT CAST(value AS REAL) FROM settings WHERE key = 'learn_lambda'), 1.0) AS lambda,
  coalesce((SELECT value FROM settings WHERE key = 'learn_backtest_from'),
           date((SELECT as_of FROM as_of_date), '-12 months')) AS backtest_from,
  coalesce((SELECT value FROM settings WHERE key = 'learn_backtest_to'),
           date((SELECT as_of FROM as_of_date), '-3 months')) AS backtest_to,
  coalesce((SELECT CAST(value AS INTEGER) FROM settings WHERE key = 'learn_backtest_every'), 4) AS every_weeks;

-- Closed deals: the outcome and the day it was decided (a closed deal's
-- close_date is the day it closed).
DROP VIEW IF EXISTS learn_deal_outcomes;
CREATE VIEW learn_deal_outcomes AS
SELECT o.opportunity_id, o.owner_rep_id, o.account_id, s.is_won AS won, o.close_date AS closed_date
FROM opportunities AS o JOIN stages AS s ON s.stage = o.stage
WHERE s.is_closed = 1;

-- One row per open deal per weekly snapshot, with the model's features.
DROP VIEW IF EXISTS win_features;
CREATE VIEW win_features AS
WITH moved AS (
  SELECT sn.snapshot_date, sn.opportunity_id, sn.stage, sn.amount, sn.close_date, sn.owner_rep_id,
         st.stage_order, st.expected_days, st.probability AS stage_probability,
         (sn.close_date > lag(sn.close_date) OVER (PARTITION BY sn.opportunity_id ORDER BY sn.snapshot_date))
           AS pushed
  FROM opportunity_snapshots AS sn JOIN stages AS st ON st.stage = sn.stage
  WHERE st.is_closed = 0
),
snap AS (
  -- close-date pushes so far: how often the close date moved out
  SELECT moved.*, sum(coalesce(pushed, 0)) OVER (PARTITION BY opportunity_id ORDER BY snapshot_date
                                                  ROWS UNBOUNDED PRECEDING) AS pushes
  FROM moved
),
rep_record AS (
  -- each rep's record at each snapshot date: won / closed before it,
  -- smoothed towards one half (+1 / +2) so a new rep is not 0 or 1
  SELECT rw.owner_rep_id, rw.snapshot_date, (coalesce(sum(d.won), 0) + 1.0) / (count(d.won) + 2.0) AS rep_win_rate
  FROM (SELECT DISTINCT owner_rep_id, snapshot_date FROM moved) AS rw
  LEFT JOIN learn_deal_outcomes AS d ON d.owner_rep_id = rw.owner_rep_id AND d.closed_date < rw.snapshot_date
  GROUP BY rw.owner_rep_id, rw.snapshot_date
)
SELECT snap.snapshot_date, snap.opportunity_id, snap.owner_rep_id, snap.amount, snap.stage,
       snap.stage_probability,
       snap.stage_order,
       -- days in the current stage against the stage's expected days
       (julianday(snap.snapshot_date) - julianday(
          (SELECT max(h.entered_date) FROM opportunity_stage_history AS h
           WHERE h.opportunity_id = snap.opportunity_id AND h.stage = snap.stage
             AND h.entered_date <= snap.snapshot_date))) AS days_in_stage,
       snap.expected_days,
       (julianday(snap.snapshot_date) - julianday(
          (SELECT max(h.entered_date) FROM opportunity_stage_history AS h
           WHERE h.opportunity_id = snap.opportunity_id AND h.stage = snap.stage
             AND h.entered_date <= snap.snapshot_date))) / nullif(snap.expected_days, 0) AS stage_time_ratio,
       -- engagement before the snapshot
       (julianday(snap.snapshot_date) - julianday(
          (SELECT max(substr(a.occurred_at, 1, 10)) FROM activities AS a
           WHERE a.opportunity_id = snap.opportunity_id AND a.occurred_at < snap.snapshot_date))) AS days_since_activity,
       (SELECT count(DISTINCT a.contact_id) FROM activities AS a
        WHERE a.opportunity_id = snap.opportunity_id AND a.occurred_at < snap.snapshot_date) AS contacts_engaged,
       (SELECT count(*) FROM activities AS a
        WHERE a.opportunity_id = snap.opportunity_id AND a.occurred_at < snap.snapshot_date
          AND a.occurred_at >= date(snap.snapshot_date, '-30 days')) AS activities_30d,
       snap.pushes,
       julianday(snap.close_date) - julianday(snap.snapshot_date) AS days_to_close,
       CASE WHEN o.original_amount > 0 THEN snap.amount / o.original_amount - 1 END AS amount_change,
       rr.rep_win_rate,
       -- the account's history: deals won before the snapshot
       (SELECT count(*) FROM opportunities AS o3
        WHERE o3.account_id = o.account_id AND o3.close_date < snap.snapshot_date
          AND o3.stage IN (SELECT stage FROM stages WHERE is_won = 1))
         AS account_prior_wins,
       (acc.segment = 'Enterprise') AS is_enterprise,
       (acc.segment = 'Mid-Market') AS is_mid_market,
       (o.opportunity_type = 'Expansion') AS is_expansion,
       (o.opportunity_type = 'Renewal') AS is_renewal,
       -- stage progression speed: days open against the expected days of
       -- the stages passed so far
       (julianday(snap.snapshot_date) - julianday(o.created_date)) /
         (SELECT sum(s2.expected_days) FROM stages AS s2 WHERE s2.is_closed = 0 AND s2.stage_order <= snap.stage_order)
         AS progression_ratio,
       d.won, d.closed_date
FROM snap
JOIN opportunities AS o ON o.opportunity_id = snap.opportunity_id
LEFT JOIN accounts AS acc ON acc.account_id = o.account_id
LEFT JOIN rep_record AS rr ON rr.owner_rep_id IS snap.owner_rep_id AND rr.snapshot_date = snap.snapshot_date
LEFT JOIN learn_deal_outcomes AS d ON d.opportunity_id = snap.opportunity_id;

-- The features as learn_fit / learn_score / learn_explain take them: one
-- list, written once per function call below.  (A view cannot pass a
-- list of arguments on, so the three calls spell it out; keep them in
-- step: the names must match the model's.)

-- The model on every closed deal's history up to the as-of date: each
-- weekly snapshot of a deal while it was open is one training row, labelled
-- with how the deal ended.
DROP VIEW IF EXISTS win_model;
CREATE VIEW win_model AS
SELECT learn_fit(f.won, f.snapshot_date, p.lambda,
         'stage_order', f.stage_order, 'stage_time_ratio', f.stage_time_ratio,
         'days_since_activity', f.days_since_activity, 'contacts_engaged', f.contacts_engaged,
         'activities_30d', f.activities_30d, 'pushes', f.pushes, 'days_to_close', f.days_to_close,
         'amount_change', f.amount_change, 'rep_win_rate', f.rep_win_rate,
         'account_prior_wins', f.account_prior_wins, 'is_enterprise', f.is_enterprise,
         'is_mid_market', f.is_mid_market, 'is_expansion', f.is_expansion, 'is_renewal', f.is_renewal,
         'progression_ratio', f.progression_ratio) AS model
FROM win_features AS f, learn_params AS p
WHERE f.won IS NOT NULL AND f.closed_date < (SELECT as_of FROM as_of_date)
  -- too little history (learn_fit needs 5 rows of each label): no model,
  -- and win_probability falls back to NULL rather than failing
  AND (SELECT count(DISTINCT d.opportunity_id) >= 5 AND sum(d.won) >= 5 AND sum(1 - d.won) >= 5
       FROM learn_deal_outcomes AS d JOIN opportunity_snapshots AS sn ON sn.opportunity_id = d.opportunity_id
       JOIN stages AS st ON st.stage = sn.stage
       WHERE st.is_closed = 0 AND d.closed_date < (SELECT as_of FROM as_of_date));

-- Every open deal at its latest snapshot, scored: probability, seed 001
-- band, the stage default beside it, and each feature's contribution.
DROP VIEW IF EXISTS win_probability;
CREATE VIEW win_probability AS
WITH latest AS (
  SELECT f.* FROM win_features AS f
  WHERE f.won IS NULL
    AND f.snapshot_date = (SELECT max(snapshot_date) FROM opportunity_snapshots
                           WHERE snapshot_date <= (SELECT as_of FROM as_of_date))
),
scored AS (
  SELECT l.*, learn_score(m.model,
         'stage_order', l.stage_order, 'stage_time_ratio', l.stage_time_ratio,
         'days_since_activity', l.days_since_activity, 'contacts_engaged', l.contacts_engaged,
         'activities_30d', l.activities_30d, 'pushes', l.pushes, 'days_to_close', l.days_to_close,
         'amount_change', l.amount_change, 'rep_win_rate', l.rep_win_rate,
         'account_prior_wins', l.account_prior_wins, 'is_enterprise', l.is_enterprise,
         'is_mid_market', l.is_mid_market, 'is_expansion', l.is_expansion, 'is_renewal', l.is_renewal,
         'progression_ratio', l.progression_ratio) AS win_probability,
         learn_explain(m.model,
         'stage_order', l.stage_order, 'stage_time_ratio', l.stage_time_ratio,
         'days_since_activity', l.days_since_activity, 'contacts_engaged', l.contacts_engaged,
         'activities_30d', l.activities_30d, 'pushes', l.pushes, 'days_to_close', l.days_to_close,
         'amount_change', l.amount_change, 'rep_win_rate', l.rep_win_rate,
         'account_prior_wins', l.account_prior_wins, 'is_enterprise', l.is_enterprise,
         'is_mid_market', l.is_mid_market, 'is_expansion', l.is_expansion, 'is_renewal', l.is_renewal,
         'progression_ratio', l.progression_ratio) AS explanation
  FROM latest AS l, win_model AS m
)
SELECT opportunity_id, snapshot_date, owner_rep_id, stage, amount, stage_probability,
       round(win_probability, 4) AS win_probability, win_band(win_probability) AS band,
       explanation
FROM scored;

-- ------------------------------------------------------------ backtest
-- Out of time: at each cutoff, fit on what was known before it (deals
-- closed before the cutoff, their snapshots before it), score the deals
-- open at the cutoff's snapshot, and compare with how they ended.  Deals
-- still open at the as-of date have no outcome and are left out.
DROP VIEW IF EXISTS win_backtest_cutoffs;
CREATE VIEW win_backtest_cutoffs AS
SELECT snapshot_date AS cutoff FROM (
  SELECT snapshot_date, row_number() OVER (ORDER BY snapshot_date) - 1 AS k
  FROM (SELECT DISTINCT snapshot_date FROM opportunity_snapshots), learn_params AS p
  WHERE snapshot_date BETWEEN p.backtest_from AND p.backtest_to)
WHERE k % (SELECT every_weeks FROM learn_params) = 0;

-- One row per (cutoff, deal open at the cutoff): the learned probability,
-- the stage default, and the outcome.
DROP VIEW IF EXISTS win_backtest_scores;
CREATE VIEW win_backtest_scores AS
WITH f AS (SELECT * FROM win_features),
-- cutoffs with enough history to fit (learn_fit needs 5 rows of each label)
fittable AS (
  SELECT c.cutoff FROM win_backtest_cutoffs AS c JOIN f ON f.snapshot_date < c.cutoff AND f.closed_date < c.cutoff
  GROUP BY c.cutoff HAVING sum(f.won) >= 5 AND sum(1 - f.won) >= 5
),
models AS (
  SELECT c.cutoff, learn_fit(f.won, f.snapshot_date, p.lambda,
         'stage_order', f.stage_order, 'stage_time_ratio', f.stage_time_ratio,
         'days_since_activity', f.days_since_activity, 'contacts_engaged', f.contacts_engaged,
         'activities_30d', f.activities_30d, 'pushes', f.pushes, 'days_to_close', f.days_to_close,
         'amount_change', f.amount_change, 'rep_win_rate', f.rep_win_rate,
         'account_prior_wins', f.account_prior_wins, 'is_enterprise', f.is_enterprise,
         'is_mid_market', f.is_mid_market, 'is_expansion', f.is_expansion, 'is_renewal', f.is_renewal,
         'progression_ratio', f.progression_ratio) AS model
  FROM fittable AS c JOIN f ON f.snapshot_date < c.cutoff AND f.closed_date < c.cutoff,
       learn_params AS p
  GROUP BY c.cutoff
),
stage_rates AS (
  -- the simplest learned baseline: each stage's historical win rate
  -- before the cutoff (smoothed +1 / +2)
  SELECT c.cutoff, f.stage, (sum(f.won) + 1.0) / (count(*) + 2.0) AS rate
  FROM win_backtest_cutoffs AS c JOIN f ON f.snapshot_date < c.cutoff AND f.closed_date < c.cutoff
  GROUP BY c.cutoff, f.stage
)
SELECT m.cutoff, t.opportunity_id, t.stage, t.amount, t.won, t.stage_probability,
       coalesce((SELECT rate FROM stage_rates AS r WHERE r.cutoff = m.cutoff AND r.stage = t.stage),
                t.stage_probability) AS stage_rate_probability,
       learn_score(m.model,
         'stage_order', t.stage_order, 'stage_time_ratio', t.stage_time_ratio,
         'days_since_activity', t.days_since_activity, 'contacts_engaged', t.contacts_engaged,
         'activities_30d', t.activities_30d, 'pushes', t.pushes, 'days_to_close', t.days_to_close,
         'amount_change', t.amount_change, 'rep_win_rate', t.rep_win_rate,
         'account_prior_wins', t.account_prior_wins, 'is_enterprise', t.is_enterprise,
         'is_mid_market', t.is_mid_market, 'is_expansion', t.is_expansion, 'is_renewal', t.is_renewal,
         'progression_ratio', t.progression_ratio) AS learned_probability
FROM models AS m JOIN f AS t ON t.snapshot_date = m.cutoff AND t.won IS NOT NULL;

-- The scores side by side: AUC (ranking: 0.5 is a coin, 1 perfect),
-- Brier score (mean squared error of the probability: lower is better;
-- always saying the base rate scores base_rate x (1 - base_rate)) and log
-- loss (lower is better), for the learned model, each stage's historical
-- win rate, and the stage defaults of the stages table.
DROP VIEW IF EXISTS win_backtest;
CREATE VIEW win_backtest AS
WITH s AS (SELECT * FROM win_backtest_scores),
base AS (SELECT avg(won) AS rate FROM s)
SELECT 'learned model' AS method, count(*) AS deals, (SELECT count(DISTINCT cutoff) FROM s) AS cutoffs,
       round((SELECT rate FROM base), 4) AS base_rate,
       round(auc(learned_probability, won), 4) AS auc, round(brier_score(learned_probability, won), 4) AS brier,
       round(log_loss(learned_probability, won), 4) AS log_loss
FROM s
UNION ALL
SELECT 'stage win rate (history)', count(*), (SELECT count(DISTINCT cutoff) FROM s), round((SELECT rate FROM base), 4),
       round(auc(stage_rate_probability, won), 4), round(brier_score(stage_rate_probability, won), 4),
       round(log_loss(stage_rate_probability, won), 4)
FROM s
UNION ALL
SELECT 'stage defaults', count(*), (SELECT count(DISTINCT cutoff) FROM s), round((SELECT rate FROM base), 4),
       round(auc(stage_probability, won), 4), round(brier_score(stage_probability, won), 4),
       round(log_loss(stage_probability, won), 4)
FROM s;

-- Calibration by decile of the learned probability: does a deal scored
-- 0.7 win about 70% of the time?  predicted and actual should be close
-- in every row.
DROP VIEW IF EXISTS win_calibration;
CREATE VIEW win_calibration AS
SELECT decile, count(*) AS deals, round(min(learned_probability), 3) AS from_probability,
       round(max(learned_probability), 3) AS to_probability,
       round(avg(learned_probability), 3) AS predicted, round(avg(won), 3) AS actual,
       round(avg(stage_probability), 3) AS stage_default
FROM (SELECT learned_probability, won, stage_probability,
             ntile(10) OVER (ORDER BY learned_probability, opportunity_id, cutoff) AS decile
      FROM win_backtest_scores)
GROUP BY decile;

-- Win rate by seed 001 band of the learned probability at the cutoff.
DROP VIEW IF EXISTS win_band_backtest;
CREATE VIEW win_band_backtest AS
SELECT win_band(learned_probability) AS band, count(*) AS deals, round(avg(learned_probability), 3) AS predicted,
       round(avg(won), 3) AS actual
FROM win_backtest_scores
GROUP BY band
ORDER BY min(learned_probability) DESC;
