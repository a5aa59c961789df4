-- sql/dashboards/sales_manager.sql — the sales manager: seed 001's
-- Pipeline Health and Hygiene views ("Sales Managers, RevOps"), Coaching
-- & Performance ("Managers") and "For Sales Managers: review team health
-- daily, address critical deals immediately"; seed 003's weekly "Manager +
-- AE 1:1" pipeline review template and Tuesday deal review (top deals,
-- stuck deals, forecast updates); seed 000's Stuck Deals.  Format:
-- tools/dashboards.py.  Filters: :start_date, :end_date (expected close of
-- open deals; week of changes), :segment, :region, :channel, :as_of.

-- name: health_distribution
-- question: Health Distribution — deals by health status: Healthy, Monitor, At Risk, Critical (seed 001, Home and Pipeline Health View)
-- chart: bar
-- x: status
-- y: deals
-- additive: deals, amount
-- metrics: deals=deal_health_deals, amount=deal_health_amount, avg_health=avg_deal_health
SELECT status, count(*) AS deals, total(amount) AS amount, round(avg(health), 1) AS avg_health
FROM deal_health
WHERE (:start_date IS NULL OR close_date >= :start_date) AND (:end_date IS NULL OR close_date <= :end_date)
  AND (:segment IS NULL OR segment = :segment) AND (:region IS NULL OR region = :region)
  AND (:channel IS NULL OR channel = :channel)
GROUP BY status ORDER BY min(health) DESC;

-- name: deal_health_list
-- question: Pipeline Health View — all open deals with their health scores and the factors behind them; address critical deals immediately (seed 001, Pipeline Management; Tips for Sales Managers)
-- metrics: amount=deal_amount, health=deal_health_score, days_in_stage, expected_days=stage_expected_days, days_since_activity, contacts_engaged, close_date_pushes
SELECT account_name, name AS opportunity, rep_name, stage, amount, close_date, health, status,
       days_in_stage, expected_days, days_since_activity, contacts_engaged, close_date_pushes
FROM deal_health
WHERE (:start_date IS NULL OR close_date >= :start_date) AND (:end_date IS NULL OR close_date <= :end_date)
  AND (:segment IS NULL OR segment = :segment) AND (:region IS NULL OR region = :region)
  AND (:channel IS NULL OR channel = :channel)
ORDER BY health, amount DESC LIMIT 25;

-- name: hygiene_summary
-- question: Pipeline Hygiene — deals that need attention: stale (no activity in 14+ days), past close date, missing next step, single-threaded, missing amount (seed 001, Pipeline Hygiene)
-- chart: bar
-- x: issue
-- y: deals
-- additive: deals
-- metrics: deals=hygiene_deals, amount=hygiene_amount
SELECT issue, count(*) AS deals, total(amount) AS amount
FROM pipeline_hygiene
WHERE (:start_date IS NULL OR close_date >= :start_date) AND (:end_date IS NULL OR close_date <= :end_date)
  AND (:segment IS NULL OR segment = :segment) AND (:region IS NULL OR region = :region)
  AND (:channel IS NULL OR channel = :channel)
GROUP BY issue ORDER BY deals DESC;

-- name: hygiene_issues
-- question: Pipeline Hygiene — which deal, which issue, whose (seed 001, "Click any hygiene alert to view deal details"; seed 003 Data Hygiene Rules)
-- metrics: amount=deal_amount
SELECT rep_name, account_name, name AS opportunity, stage, amount, close_date, issue, detail
FROM pipeline_hygiene
WHERE (:start_date IS NULL OR close_date >= :start_date) AND (:end_date IS NULL OR close_date <= :end_date)
  AND (:segment IS NULL OR segment = :segment) AND (:region IS NULL OR region = :region)
  AND (:channel IS NULL OR channel = :channel)
ORDER BY rep_name, amount DESC LIMIT 40;

-- name: stuck_deals
-- question: Stuck Deals — open deals over 45 days and $50K, sorted by days in stage, to assign owners for follow-up (seed 000, Pipeline tab and "Pipeline inspection before forecast call")
-- additive: amount
-- metrics: amount=stuck_deal_amount, days_in_stage, expected_days=stage_expected_days
SELECT account_name, name AS opportunity, rep_name, stage, amount, days_in_stage, expected_days, close_date
FROM pipeline_stuck_deals
WHERE (:start_date IS NULL OR close_date >= :start_date) AND (:end_date IS NULL OR close_date <= :end_date)
  AND (:segment IS NULL OR segment = :segment) AND (:region IS NULL OR region = :region)
  AND (:channel IS NULL OR channel = :channel)
ORDER BY days_in_stage DESC;

-- name: rep_performance
-- question: Rep Performance Dashboard — Quota Attainment, Pipeline Coverage (open pipeline vs remaining quota), Win Rate, Avg Deal Size, Cycle Time, this quarter (seed 001, Coaching & Performance; seed 000 Rep Performance)
-- metrics: quota=quota_new_business, won_new_business, attainment=quota_attainment, remaining_quota, open_pipeline=rep_open_pipeline, coverage=rep_coverage, win_rate=rep_win_rate, avg_deal=rep_avg_deal, avg_cycle_days=rep_avg_cycle
SELECT rep_name, segment, region, quarter, quota, won_new_business, attainment, remaining_quota, open_pipeline,
       coverage, coverage_status, win_rate, avg_deal, avg_cycle_days
FROM rep_performance
WHERE period_start <= (SELECT as_of FROM as_of_date) AND period_end > (SELECT as_of FROM as_of_date)
  AND (:segment IS NULL OR segment = :segment) AND (:region IS NULL OR region = :region)
ORDER BY attainment DESC;

-- name: weekly_forecast_by_rep
-- question: Weekly Pipeline Review — Forecast: Commit $[X] ([N] deals), Best case $[X] ([N] deals), Change from last week +/- $[X] (seed 003, pipeline-review-cadence.yaml weekly template)
-- additive: commit_amount, commit_deals, best_case, best_case_deals
-- metrics: commit_amount=rep_commit_amount, commit_deals=rep_commit_deals, best_case=rep_best_case, best_case_deals=rep_best_case_deals, weighted_change_last_week=rep_weighted_change_week
WITH w AS (SELECT max(week) AS week FROM pipeline_weekly_changes WHERE week <= (SELECT as_of FROM as_of_date)),
-- each rep's net change in weighted pipeline in that week (one pass over
-- the week's changes, not one per rep)
chg AS MATERIALIZED (
  SELECT c.owner_rep_id, weighted_pipeline(c.amount, c.probability) - weighted_pipeline(c.previous_amount, c.previous_probability) AS change
  FROM pipeline_weekly_changes AS c
  WHERE c.week = (SELECT week FROM w)
    AND (:segment IS NULL OR c.segment = :segment) AND (:region IS NULL OR c.region = :region)
    AND (:channel IS NULL OR c.channel = :channel)
  GROUP BY c.owner_rep_id),
d AS (
  SELECT * FROM pipeline_deals
  WHERE is_closed = 0
    AND (:start_date IS NULL OR close_date >= :start_date) AND (:end_date IS NULL OR close_date <= :end_date)
    AND (:segment IS NULL OR segment = :segment) AND (:region IS NULL OR region = :region)
    AND (:channel IS NULL OR channel = :channel))
SELECT r.name AS rep_name,
       total(CASE WHEN d.forecast_category = 'Commit' THEN d.amount END) AS commit_amount,
       sum(d.forecast_category = 'Commit') AS commit_deals,
       total(CASE WHEN d.forecast_category = 'Best Case' THEN d.amount END) AS best_case,
       sum(d.forecast_category = 'Best Case') AS best_case_deals,
       -- weighted_pipeline() of no rows is 0.0: a rep without changes
       coalesce((SELECT chg.change FROM chg WHERE chg.owner_rep_id = r.rep_id), 0.0) AS weighted_change_last_week
FROM d JOIN reps AS r ON r.rep_id = d.owner_rep_id
GROUP BY r.rep_id ORDER BY commit_amount DESC;

-- name: top_deals
-- question: Top 5 Deals — Deal, Amount, Stage, Next Step, Risk, Close Date (seed 003, weekly pipeline review template; Tuesday deal review "top deals")
-- metrics: amount=deal_amount
SELECT h.rep_name, h.account_name, h.name AS opportunity, h.amount, h.stage,
       coalesce(o.next_step, '(none)') AS next_step, h.status AS risk, h.close_date
FROM deal_health AS h JOIN opportunities AS o ON o.opportunity_id = h.opportunity_id
WHERE (:start_date IS NULL OR h.close_date >= :start_date) AND (:end_date IS NULL OR h.close_date <= :end_date)
  AND (:segment IS NULL OR h.segment = :segment) AND (:region IS NULL OR h.region = :region)
  AND (:channel IS NULL OR h.channel = :channel)
ORDER BY h.amount DESC LIMIT 5;

-- name: week_in_review
-- question: Pipeline Health — New pipe created this week, Deals pushed [N] ($[X]), Deals lost [N] ($[X]) — reasons (seed 003, weekly pipeline review template)
-- additive: deals, amount
-- metrics: deals=week_change_deals, amount=week_change_amount
WITH w AS (SELECT max(week) AS week FROM pipeline_weekly_changes WHERE week <= (SELECT as_of FROM as_of_date))
SELECT c.change, count(*) AS deals, total(c.amount) AS amount,
       group_concat(DISTINCT CASE WHEN c.change = 'Lost' THEN o.loss_reason END) AS loss_reasons
FROM pipeline_weekly_changes AS c JOIN w ON c.week = w.week
JOIN opportunities AS o ON o.opportunity_id = c.opportunity_id
WHERE c.change IN ('New', 'Pushed', 'Lost', 'Won')
  AND (:start_date IS NULL OR c.week >= :start_date) AND (:end_date IS NULL OR c.week <= :end_date)
  AND (:segment IS NULL OR c.segment = :segment) AND (:region IS NULL OR c.region = :region)
  AND (:channel IS NULL OR c.channel = :channel)
GROUP BY c.change ORDER BY c.change;

-- name: performance_drivers
-- question: Performance Drivers — Activity Volume, Meeting Frequency (customer meetings per deal), Response Time, Multi-threading (contacts per deal) against win rate (seed 001, Coaching & Performance)
-- metrics: closed_deals=rep_closed_deals, win_rate=rep_win_rate_closed, activity_volume=rep_activity_volume, meetings_per_deal, contacts_per_deal, lead_response_minutes=rep_lead_response_minutes
WITH closed AS (
  SELECT * FROM pipeline_deals
  WHERE is_closed = 1 AND close_date <= (SELECT as_of FROM as_of_date)
    AND (:start_date IS NULL OR close_date >= :start_date) AND (:end_date IS NULL OR close_date <= :end_date)
    AND (:segment IS NULL OR segment = :segment) AND (:region IS NULL OR region = :region)
    AND (:channel IS NULL OR channel = :channel)),
act AS MATERIALIZED (  -- the kept per-deal counts, indexed by SQLite for the join
  SELECT opportunity_id, activities, meetings, contacts FROM opportunity_activity_counts)
SELECT c.rep_name, count(*) AS closed_deals, win_rate(c.is_won) AS win_rate,
       sum(a.activities) AS activity_volume, round(avg(a.meetings), 2) AS meetings_per_deal,
       round(avg(a.contacts), 2) AS contacts_per_deal,
       max(lr.minutes) AS lead_response_minutes
FROM closed AS c JOIN act AS a ON a.opportunity_id = c.opportunity_id
LEFT JOIN (SELECT owner_rep_id, round(avg(first_response_minutes), 1) AS minutes FROM leads
           WHERE owner_rep_id IS NOT NULL GROUP BY owner_rep_id) AS lr ON lr.owner_rep_id = c.owner_rep_id
GROUP BY c.owner_rep_id ORDER BY win_rate DESC;

-- Issue 12: insights, actions, coaching, churn actions and alerts
-- (sql/views/80-88, docs/insights.md).

-- name: rep_coaching
-- question: What does each rep do well, where can they improve, and what should they do? (seed 001, Coaching Insights: strengths, opportunities, recommendations against the team median; docs/insights.md)
-- chart: table
-- metrics: strength_count=coaching_strength_count, opportunity_count=coaching_opportunity_count
SELECT rep_id, rep_name, role, strength_count, opportunity_count, strengths, opportunities, recommendations
FROM rep_coaching
ORDER BY role, opportunity_count DESC, rep_id;

-- name: top_actions
-- question: What are the top AI-recommended next steps, prioritised by impact, urgency and probability? (seed 001, Home "Top Actions" and Next-Best-Actions; docs/insights.md)
-- chart: table
-- metrics: impact=action_impact, urgency=action_urgency, probability=deal_probability, priority=action_priority
-- dimensions: priority_rank
SELECT n.priority_rank, n.opportunity_id, n.deal_name, n.owner_rep_id, n.stage, n.action_type, n.action, n.reason,
       n.impact, n.urgency, n.probability, n.priority
FROM next_best_actions AS n JOIN accounts AS a ON a.account_id = n.account_id
WHERE (:segment IS NULL OR a.segment = :segment) AND (:region IS NULL OR a.region = :region)
ORDER BY n.priority_rank
LIMIT 25;

-- name: open_alerts
-- question: Which active issues require attention: build failure, stale pipeline, data quality, sync delay, forecast miss? (seed 001, Alerts: "Active issues requiring attention", acknowledge and resolve; docs/insights.md)
-- chart: table
-- metrics: row_count=alert_row_count
SELECT severity, alert_type, alert_key, status, message, row_count
FROM alerts
ORDER BY status <> 'open', severity_order, alert_key;
