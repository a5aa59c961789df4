-- sql/views/95_forecast_range.sql — how uncertain is this quarter's number?
--
-- Question: the open deals closing this quarter will not all close: what
-- total is likely (P50), what is a bad quarter (P10) and a good one (P90),
-- and how likely is the team to reach its quota?  Beside commit and best
-- case, as seed 001's forecast review shows them.  (Issue 14.)
--
-- Each open deal closing in the quarter is won or lost independently with
-- its probability: the learned win probability (win_probability, sql/views/
-- 90_learn.sql) where the model has one, the stage default otherwise; the
-- row 'stage defaults' uses the stage defaults throughout, for comparison.
-- forecast_quantile computes the distribution exactly on a money grid
-- (docs/learn.md: the error is at most the grid's stated bound).
-- Won so far this quarter is certain and is added to every figure.  New
-- business only, to compare with the AEs' new-ARR quotas (quota_type
-- 'new_arr').

DROP VIEW IF EXISTS forecast_range_quarter;
CREATE VIEW forecast_range_quarter AS
WITH q AS (
  SELECT date(as_of, 'start of month', '-' || ((CAST(strftime('%m', as_of) AS INTEGER) - 1) % 3) || ' months') AS q_start
  FROM as_of_date
),
q2 AS (SELECT q_start, date(q_start, '+3 months') AS q_end FROM q),
open_deals AS (
  SELECT o.opportunity_id, o.amount, coalesce(o.forecast_category, s.forecast_category) AS category,
         coalesce(o.probability, s.probability) AS stage_probability,
         coalesce(w.win_probability, o.probability, s.probability) AS learned_probability
  FROM opportunities AS o JOIN stages AS s ON s.stage = o.stage, q2
  LEFT JOIN win_probability AS w ON w.opportunity_id = o.opportunity_id
  WHERE s.is_closed = 0 AND o.amount IS NOT NULL AND o.opportunity_type = 'New Business'
    AND o.close_date >= q2.q_start AND o.close_date < q2.q_end
),
won AS (
  SELECT coalesce(sum(o.amount), 0) AS won
  FROM opportunities AS o JOIN stages AS s ON s.stage = o.stage, q2
  WHERE s.is_won = 1 AND o.opportunity_type = 'New Business' AND o.close_date >= q2.q_start AND o.close_date < q2.q_end
    AND o.close_date < (SELECT as_of FROM as_of_date)
),
target AS (
  SELECT sum(qu.amount) AS target
  FROM quotas AS qu, q2
  WHERE qu.quota_type = 'new_arr' AND qu.period_start >= q2.q_start AND qu.period_end <= q2.q_end
),
sums AS (
  SELECT count(*) AS deals,
         sum(CASE WHEN category = 'Commit' THEN amount ELSE 0 END) AS commit_open,
         sum(CASE WHEN category IN ('Commit', 'Best Case') THEN amount ELSE 0 END) AS best_case_open,
         sum(amount) AS pipeline_open
  FROM open_deals
)
SELECT q2.q_start AS quarter_start, m.method, sums.deals,
       round(won.won, 2) AS won_so_far,
       round(won.won + sums.commit_open, 2) AS commit_amount,
       round(won.won + sums.best_case_open, 2) AS best_case_amount,
       round(won.won + m.weighted, 2) AS weighted,
       round(won.won + m.p10, 2) AS p10, round(won.won + m.p50, 2) AS p50, round(won.won + m.p90, 2) AS p90,
       round(won.won + sums.pipeline_open, 2) AS pipeline,
       target.target,
       round(m.reach, 4) AS probability_of_target
FROM q2, won, target, sums,
     (SELECT 'learned' AS method, sum(amount * learned_probability) AS weighted,
             forecast_quantile(amount, learned_probability, 0.1) AS p10,
             forecast_quantile(amount, learned_probability, 0.5) AS p50,
             forecast_quantile(amount, learned_probability, 0.9) AS p90,
             forecast_reach(amount, learned_probability,
                            max(0, coalesce((SELECT target FROM target), 0) - (SELECT won FROM won))) AS reach
      FROM open_deals
      UNION ALL
      SELECT 'stage defaults', sum(amount * stage_probability),
             forecast_quantile(amount, stage_probability, 0.1),
             forecast_quantile(amount, stage_probability, 0.5),
             forecast_quantile(amount, stage_probability, 0.9),
             forecast_reach(amount, stage_probability,
                            max(0, coalesce((SELECT target FROM target), 0) - (SELECT won FROM won)))
      FROM open_deals) AS m;
