-- sql/views/75_planning.sql — capacity and scenario planning (seed 003
-- Phase 6 capacity model, Phase 11 revenue-plan.yaml and scenario
-- planning; seed 001 Scenarios "what-if modeling").
--
-- The formulas are the extension's required_aes, ramped_capacity,
-- required_pipeline, sales_velocity and scenario_* (docs/planning.md).
-- Targets are the AEs' new-ARR quotas (quotas.quota_type 'new_arr');
-- achieved is new business won (Closed Won, opportunity_type 'New
-- Business') by close date.  "Today" is (SELECT as_of FROM as_of_date).

-- Question: per quarter, how many AEs does the target need, how much of
-- the team is ramped, and what is the gap?  (seed 003 capacity model:
-- required AEs = target / (quota x attainment); ramp month 1-2 0%, 3 25%,
-- 4-5 50%, 6+ 100%; revenue-plan.yaml capacity block)
--   target: the quarter's AE new-ARR quotas; quota_per_ae: their mean;
--   expected_attainment: new business won / quota over the four quarters
--     before, at most 1 (NULL for the first quarters);
--   ramped_aes: sum of ramped_capacity(month of tenure at the quarter's
--     start, the hire month being month 1) over AEs hired by then;
--   productive_capacity = ramped_aes x quota_per_ae x attainment;
--   gap = target - capacity; hires_needed = required_aes(gap, quota,
--     attainment) when there is a gap, else 0;
--   achieved: new business won in the quarter (to date for the current).
DROP VIEW IF EXISTS planning_capacity;
CREATE VIEW planning_capacity AS
WITH q AS (
  SELECT q.period_start AS quarter_start, min(q.period_end) AS quarter_end,
         round(total(q.amount), 2) AS target, count(*) AS aes, avg(q.amount) AS quota_per_ae
  FROM quotas AS q JOIN reps AS r ON r.rep_id = q.rep_id
  WHERE r.role = 'AE' AND q.quota_type = 'new_arr'
  GROUP BY q.period_start),
won AS (
  SELECT q.quarter_start,
         (SELECT round(total(o.amount), 2) FROM opportunities AS o JOIN stages AS s ON s.stage = o.stage
          WHERE s.is_won = 1 AND o.opportunity_type = 'New Business'
            AND o.close_date >= q.quarter_start AND o.close_date < q.quarter_end) AS achieved
  FROM q),
att AS (
  SELECT q.quarter_start,
         (SELECT total(w.achieved) / total(p.target) FROM q AS p JOIN won AS w ON w.quarter_start = p.quarter_start
          WHERE p.quarter_start >= date(q.quarter_start, '-12 months') AND p.quarter_start < q.quarter_start
          HAVING count(*) = 4) AS attainment
  FROM q),
ramp AS (
  SELECT q.quarter_start,
         total(ramped_capacity((CAST(strftime('%Y', q.quarter_start) AS INTEGER) * 12 + CAST(strftime('%m', q.quarter_start) AS INTEGER))
                               - (CAST(strftime('%Y', r.hire_date) AS INTEGER) * 12 + CAST(strftime('%m', r.hire_date) AS INTEGER)) + 1)) AS ramped_aes,
         count(*) AS aes_hired
  FROM q JOIN reps AS r ON r.role = 'AE' AND r.hire_date <= q.quarter_start
       AND (r.end_date IS NULL OR r.end_date > q.quarter_start)
  GROUP BY q.quarter_start),
j AS (
  SELECT q.*, w.achieved, min(a.attainment, 1.0) AS expected_attainment, coalesce(r.ramped_aes, 0) AS ramped_aes
  FROM q JOIN won AS w USING (quarter_start) JOIN att AS a USING (quarter_start)
  LEFT JOIN ramp AS r USING (quarter_start))
SELECT strftime('%Y', quarter_start) || '-Q' || ((CAST(strftime('%m', quarter_start) AS INTEGER) + 2) / 3) AS quarter,
       quarter_start, quarter_end, quarter_start <= (SELECT as_of FROM as_of_date) AND quarter_end > (SELECT as_of FROM as_of_date) AS is_current,
       target, aes, quota_per_ae, achieved, achieved / target AS attainment, expected_attainment,
       required_aes(target, quota_per_ae, expected_attainment) AS required_aes,
       ramped_aes,
       round(ramped_aes * quota_per_ae * expected_attainment, 2) AS productive_capacity,
       round(target - ramped_aes * quota_per_ae * expected_attainment, 2) AS gap,
       CASE WHEN target > ramped_aes * quota_per_ae * expected_attainment
            THEN required_aes(target - ramped_aes * quota_per_ae * expected_attainment, quota_per_ae, expected_attainment)
            ELSE 0 END AS hires_needed
FROM j
WHERE quarter_start <= (SELECT as_of FROM as_of_date);

-- Question: what do the bear, base and bull cases give for the current
-- quarter's plan?  (seed 003 scenario planning: bear 70% confidence -20%
-- revenue, win rate -5 points, cycle +15 days, churn +2 points; bull 30%
-- +20%, win rate +5 points, cycle -10 days; revenue-plan.yaml derived
-- block; seed 001 Scenarios)  The plan is the current quarter's AE target;
-- the assumptions are the 12 months before the as-of date: win rate of
-- closed deals, average won new-business deal, average cycle of won
-- deals, annual gross logo churn (1 - logo retention), open deals.  Per
-- scenario: the revenue and assumptions after scenario_*(), then what the
-- plan needs: deals (revenue / average deal), opportunities (deals / win
-- rate), pipeline required_pipeline(revenue, win rate, 1) (seed 003
-- opps x average deal), velocity sales_velocity(open deals, win rate,
-- average deal, cycle), AEs required_aes(revenue, quota per AE,
-- attainment).
DROP VIEW IF EXISTS planning_scenarios;
CREATE VIEW planning_scenarios AS
WITH cal AS (SELECT as_of, trailing_12m_after FROM as_of_calendar),
plan AS (SELECT * FROM planning_capacity WHERE is_current),
-- pipeline_deals' cycle: NULL for a deal closed before it was created, so
-- no scenario is fed a negative cycle
hist AS (SELECT win_rate(o.is_won) AS win_rate,
                avg(CASE WHEN o.is_won = 1 AND o.opportunity_type = 'New Business' THEN o.amount END) AS avg_deal,
                avg(CASE WHEN o.is_won = 1 THEN o.cycle_days END) AS cycle_days
         FROM pipeline_deals AS o, cal
         WHERE o.is_closed = 1 AND o.close_date > cal.trailing_12m_after AND o.close_date <= cal.as_of),
open AS (SELECT count(*) AS deals FROM pipeline_deals WHERE is_closed = 0),
churn AS (SELECT 1 - logo_retention AS churn_rate FROM revenue_kpis),
sc(scenario, scenario_order) AS (VALUES ('bear', 1), ('base', 2), ('bull', 3)),
x AS (
  SELECT sc.scenario, sc.scenario_order, scenario_confidence(sc.scenario) AS confidence,
         plan.quarter, plan.target AS plan_revenue,
         scenario_revenue(sc.scenario, plan.target) AS revenue,
         scenario_win_rate(sc.scenario, hist.win_rate) AS win_rate,
         scenario_cycle_days(sc.scenario, hist.cycle_days) AS cycle_days,
         scenario_churn_rate(sc.scenario, churn.churn_rate) AS churn_rate,
         hist.avg_deal, open.deals AS open_deals, plan.quota_per_ae, plan.expected_attainment
  FROM sc, plan, hist, open, churn)
SELECT scenario, scenario_order, confidence, quarter, plan_revenue, revenue, win_rate, cycle_days, churn_rate,
       avg_deal, revenue / avg_deal AS deals_needed, revenue / avg_deal / win_rate AS opportunities_needed,
       required_pipeline(revenue, win_rate, 1.0) AS pipeline_needed,
       sales_velocity(open_deals, win_rate, avg_deal, cycle_days) AS velocity_per_day,
       required_aes(revenue, quota_per_ae, expected_attainment) AS required_aes
FROM x;
