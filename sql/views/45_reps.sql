-- sql/views/45_reps.sql — rep performance (seed 000 Rep Performance; seed
-- 001 Coaching & Performance: quota attainment, pipeline coverage of the
-- remaining quota, win rate, average deal size, cycle time; seed 003
-- rep-scorecard.yaml).
--
-- One row per AE and quota quarter (quota_type 'new_arr').  Attainment is
-- New Business won in the quarter ÷ quota; coverage is the rep's open
-- pipeline expected to close by the quarter's end ÷ the quota still to
-- win, banded by coverage_status(); win rate, average won deal and cycle
-- are over the deals the rep closed in the quarter.

-- Question: how is each rep doing against quota, and does the open
-- pipeline cover what is left of it?
DROP VIEW IF EXISTS rep_performance;
CREATE VIEW rep_performance AS
WITH q AS (
  SELECT q.rep_id, q.period_start, q.period_end, q.amount AS quota, d.as_of
  FROM quotas AS q CROSS JOIN as_of_date AS d
  WHERE q.quota_type = 'new_arr' AND q.period_start <= d.as_of),
perf AS (
  -- one pass over each rep's deals per quota row: the deals closed in the
  -- quarter (by the as-of date) and, for a quarter still running, the open ones
  SELECT q.rep_id, q.period_start, q.period_end, q.quota, q.as_of,
         round(total(CASE WHEN o.is_won = 1 AND o.opportunity_type = 'New Business' THEN o.amount END), 2) AS won_new_business,
         round(total(CASE WHEN o.is_won = 1 THEN o.amount END), 2) AS won_amount,
         win_rate(o.is_won) FILTER (WHERE o.is_closed = 1) AS win_rate,
         avg(CASE WHEN o.is_won = 1 THEN o.amount END) AS avg_deal,
         avg(CASE WHEN o.is_won = 1 THEN o.cycle_days END) AS avg_cycle_days,
         round(total(CASE WHEN o.is_closed = 0 THEN o.amount END), 2) AS open_pipeline
  FROM q LEFT JOIN pipeline_deals AS o
    ON o.owner_rep_id = q.rep_id
   AND ((o.is_closed = 1 AND o.close_date >= q.period_start AND o.close_date < q.period_end AND o.close_date <= q.as_of)
        OR (o.is_closed = 0 AND q.period_end > q.as_of AND (o.close_date IS NULL OR o.close_date < q.period_end)))
  GROUP BY q.rep_id, q.period_start)
SELECT p.rep_id, r.name AS rep_name, r.segment, r.region, r.manager_id,
       substr(p.period_start, 1, 4) || '-Q' || ((CAST(substr(p.period_start, 6, 2) AS INTEGER) + 2) / 3) AS quarter,
       p.period_start, p.period_end, p.period_end <= p.as_of AS is_closed_period,
       p.quota, p.won_new_business, p.won_amount,
       p.won_new_business / nullif(p.quota, 0) AS attainment,
       round(max(p.quota - p.won_new_business, 0), 2) AS remaining_quota,
       p.open_pipeline,
       p.open_pipeline / nullif(max(p.quota - p.won_new_business, 0), 0) AS coverage,
       coverage_status(p.open_pipeline / nullif(max(p.quota - p.won_new_business, 0), 0)) AS coverage_status,
       p.win_rate, p.avg_deal, p.avg_cycle_days
FROM perf AS p JOIN reps AS r ON r.rep_id = p.rep_id;
