-- sql/dashboards/cro.sql — the CRO: seed 003's revops-dashboard.yaml
-- (pipeline, conversion and forecast blocks), the monthly "CRO/VP + all
-- managers" forecast call and Thursday forecast call (commit/best case
-- updates, risk deals), the QBR's pipeline quality (coverage, aging, source
-- mix), seed 000's "Pipeline inspection before forecast call" and seed
-- 001's Forecast page.  Format: tools/dashboards.py.  Filters:
-- :start_date, :end_date (expected close date of open deals; week of
-- forecast changes; lead-creation month of the funnel), :segment,
-- :region, :channel, :as_of (the quarter the forecast is for).

-- name: cro_pipeline
-- question: revops-dashboard.yaml pipeline: total_value, total_deals, coverage_ratio, weighted_pipeline, new_created_this_month (the month of the day before :as_of), velocity_per_day (seed 003, Revenue Dashboard YAML); "Verify weighted pipeline covers quota multiples" (seed 000)
-- chart: kpi
-- additive: total_deals, total_value, weighted_pipeline, new_created_this_month
-- metrics: total_deals=open_deals, total_value=open_pipeline, weighted_pipeline, weighted_pipeline_aged, coverage_ratio=coverage_ratio_quarter, new_created_this_month=new_pipeline_last_month, velocity_per_day
WITH p AS (
  SELECT (SELECT as_of FROM as_of_date) AS as_of),
q AS (
  SELECT p.as_of, date(p.as_of, 'start of month', '-' || ((CAST(strftime('%m', p.as_of) AS INTEGER) - 1) % 3) || ' months') AS qs FROM p),
d AS (
  SELECT * FROM pipeline_deals
  WHERE (:segment IS NULL OR segment = :segment) AND (:region IS NULL OR region = :region)
    AND (:channel IS NULL OR channel = :channel))
SELECT (SELECT count(*) FROM d WHERE is_closed = 0
          AND (:start_date IS NULL OR close_date >= :start_date) AND (:end_date IS NULL OR close_date <= :end_date)) AS total_deals,
       (SELECT total(amount) FROM d WHERE is_closed = 0
          AND (:start_date IS NULL OR close_date >= :start_date) AND (:end_date IS NULL OR close_date <= :end_date)) AS total_value,
       (SELECT weighted_pipeline(amount, probability) FROM d WHERE is_closed = 0
          AND (:start_date IS NULL OR close_date >= :start_date) AND (:end_date IS NULL OR close_date <= :end_date)) AS weighted_pipeline,
       (SELECT weighted_pipeline(amount, probability, close_date, as_of) FROM d WHERE is_closed = 0
          AND (:start_date IS NULL OR close_date >= :start_date) AND (:end_date IS NULL OR close_date <= :end_date)) AS weighted_pipeline_aged,
       (SELECT total(amount) FROM d WHERE is_closed = 0 AND close_date < date(q.qs, '+3 months'))
         / nullif((SELECT total(r.remaining_quota) FROM rep_performance AS r WHERE r.period_start = q.qs
                     AND (:segment IS NULL OR r.segment = :segment) AND (:region IS NULL OR r.region = :region)), 0) AS coverage_ratio,
       (SELECT total(amount) FROM d WHERE created_date >= date(q.as_of, '-1 day', 'start of month') AND created_date < q.as_of) AS new_created_this_month,
       (SELECT sales_velocity(
          (SELECT count(*) FROM d WHERE is_closed = 0),
          win_rate(is_won), avg(CASE WHEN is_won = 1 THEN amount END), avg(CASE WHEN is_won = 1 THEN cycle_days END))
        FROM d WHERE is_closed = 1 AND close_date > date(q.as_of, '-12 months') AND close_date <= q.as_of) AS velocity_per_day
FROM q;

-- name: forecast_by_category
-- question: Forecast Categories — Commit, Best Case, Pipeline, Upside, Closed: the forecast for the quarter (seed 001, Forecasting; seed 003 revops-dashboard.yaml forecast: commit, best_case, pipeline)
-- chart: bar
-- x: forecast_category
-- y: amount
-- additive: deals, amount, weighted
-- metrics: deals=forecast_category_deals, amount=forecast_category_amount, weighted=forecast_category_weighted
WITH q AS (
  SELECT a AS as_of, date(a, 'start of month', '-' || ((CAST(strftime('%m', a) AS INTEGER) - 1) % 3) || ' months') AS qs
  FROM (SELECT (SELECT as_of FROM as_of_date) AS a))
SELECT d.forecast_category, count(*) AS deals, total(d.amount) AS amount, weighted_pipeline(d.amount, d.probability) AS weighted
FROM pipeline_deals AS d CROSS JOIN q
WHERE ((d.is_closed = 0 AND (d.close_date IS NULL OR d.close_date < date(q.qs, '+3 months')))
       OR (d.is_won = 1 AND d.close_date >= q.qs AND d.close_date <= q.as_of))
  AND (:start_date IS NULL OR d.close_date >= :start_date) AND (:end_date IS NULL OR d.close_date <= :end_date)
  AND (:segment IS NULL OR d.segment = :segment) AND (:region IS NULL OR d.region = :region)
  AND (:channel IS NULL OR d.channel = :channel)
GROUP BY d.forecast_category
ORDER BY CASE d.forecast_category WHEN 'Closed' THEN 1 WHEN 'Commit' THEN 2 WHEN 'Best Case' THEN 3 WHEN 'Pipeline' THEN 4 ELSE 5 END;

-- name: forecast_trend
-- question: Forecast Trends — how the forecast has changed: increasing, flat or decreasing; Weekly Forecast Review ups, downs, net change (seed 001, Forecasting)
-- chart: line
-- x: week
-- y: net_change
-- additive: ups, downs
-- metrics: ups=forecast_ups, downs=forecast_downs, net_change=forecast_net_change, deals_changed
-- dimensions: is_partial
SELECT week, date(week, '+7 days') > (SELECT as_of FROM as_of_calendar) AS is_partial,
       weighted_pipeline(amount, probability) FILTER (WHERE direction = 'up')
         - weighted_pipeline(previous_amount, previous_probability) FILTER (WHERE direction = 'up') AS ups,
       weighted_pipeline(previous_amount, previous_probability) FILTER (WHERE direction = 'down')
         - weighted_pipeline(amount, probability) FILTER (WHERE direction = 'down') AS downs,
       weighted_pipeline(amount, probability) - weighted_pipeline(previous_amount, previous_probability) AS net_change,
       count(*) AS deals_changed
FROM pipeline_weekly_changes
WHERE (:start_date IS NULL OR week >= :start_date) AND (:end_date IS NULL OR week <= :end_date)
  AND (:segment IS NULL OR segment = :segment) AND (:region IS NULL OR region = :region)
  AND (:channel IS NULL OR channel = :channel)
GROUP BY week ORDER BY week DESC;  -- latest first

-- name: forecast_accuracy_quarters
-- question: Forecast accuracy target: MAPE < 15% — Excellent, Good, Needs work, Broken (seed 003, Forecast Categories; revops-dashboard.yaml forecast.mape)
-- chart: line
-- x: quarter
-- y: mape
-- additive: forecast, actual
-- metrics: reps=forecast_reps, forecast=forecast_amount, actual=forecast_actual, mape=forecast_mape, wape=forecast_wape
SELECT quarter, count(*) AS reps, total(forecast) AS forecast, total(actual) AS actual,
       mape(actual, forecast) AS mape, wape(actual, forecast) AS wape, mape_grade(mape(actual, forecast)) AS grade
FROM forecast_calls
WHERE is_closed_period
  AND (:start_date IS NULL OR period_start >= :start_date) AND (:end_date IS NULL OR period_start <= :end_date)
  AND (:segment IS NULL OR segment = :segment) AND (:region IS NULL OR region = :region)
GROUP BY period_start ORDER BY period_start;

-- name: conversion_rates
-- question: revops-dashboard.yaml conversion: mql_to_sql, sql_to_opp, opp_to_closed_won, full_funnel (seed 003, Revenue Dashboard YAML; Tier 2 targets MQL->SQL >40%, SQL->Opp >60%)
-- additive: mqls, sqls, opportunities, won
-- metrics: mqls=funnel_mqls, sqls=funnel_sqls, opportunities=funnel_opportunities, won=funnel_won, mql_to_sql_rate=funnel_mql_to_sql, sql_to_opp_rate=funnel_sql_to_opp, opp_to_won_rate=funnel_opp_to_won, full_funnel_rate=funnel_full
SELECT sum(mqls) AS mqls, sum(sqls) AS sqls, sum(opportunities) AS opportunities, sum(won) AS won,
       CAST(sum(sqls) AS REAL) / nullif(sum(mqls), 0) AS mql_to_sql_rate,
       CAST(sum(opportunities) AS REAL) / nullif(sum(sqls), 0) AS sql_to_opp_rate,
       CAST(sum(won) AS REAL) / nullif(sum(closed), 0) AS opp_to_won_rate,
       CAST(sum(won) AS REAL) / nullif(sum(mqls), 0) AS full_funnel_rate
FROM marketing_funnel_counts
WHERE (:start_date IS NULL OR month >= substr(:start_date, 1, 7)) AND (:end_date IS NULL OR month <= substr(:end_date, 1, 7))
  AND (:segment IS NULL OR segment = :segment) AND (:region IS NULL OR region = :region)
  AND (:channel IS NULL OR channel = :channel);

-- name: pipeline_quality
-- question: Pipeline Quality — coverage, aging, source mix (seed 003, Quarterly Business Review Structure)
-- additive: deals, amount
-- metrics: deals=pipeline_age_deals, amount=pipeline_age_amount, weighted=pipeline_age_weighted
SELECT coalesce(channel, '(no marketing source)') AS source,
       CASE WHEN age_days < 30 THEN '0-29 days' WHEN age_days < 90 THEN '30-89 days'
            WHEN age_days < 180 THEN '90-179 days' ELSE '180+ days' END AS age,
       count(*) AS deals, total(amount) AS amount, weighted_pipeline(amount, probability) AS weighted
FROM pipeline_deals
WHERE is_closed = 0
  AND (:start_date IS NULL OR close_date >= :start_date) AND (:end_date IS NULL OR close_date <= :end_date)
  AND (:segment IS NULL OR segment = :segment) AND (:region IS NULL OR region = :region)
  AND (:channel IS NULL OR channel = :channel)
GROUP BY source, age ORDER BY source, min(age_days);

-- name: risk_deals
-- question: Forecast call — commit/best case updates, risk deals (seed 003, Weekly RevOps Cadence, Thursday): open deals at risk or critical, commit and best case first
-- metrics: amount=deal_amount, health=deal_health_score, days_since_activity, close_date_pushes
SELECT h.account_name, h.name AS opportunity, h.rep_name, h.forecast_category, h.stage, h.amount, h.close_date,
       h.health, h.status, h.days_since_activity, h.close_date_pushes
FROM deal_health AS h
WHERE h.status IN ('At Risk', 'Critical')
  AND (:start_date IS NULL OR h.close_date >= :start_date) AND (:end_date IS NULL OR h.close_date <= :end_date)
  AND (:segment IS NULL OR h.segment = :segment) AND (:region IS NULL OR h.region = :region)
  AND (:channel IS NULL OR h.channel = :channel)
ORDER BY CASE h.forecast_category WHEN 'Commit' THEN 1 WHEN 'Best Case' THEN 2 WHEN 'Pipeline' THEN 3 ELSE 4 END, h.amount DESC LIMIT 20;

-- Issue 12: insights, actions, coaching, churn actions and alerts
-- (sql/views/80-88, docs/insights.md).

-- name: copilot_insights
-- question: Which insights should I skim before deep dives or leadership updates, grouped by Marketing, Pipeline, Revenue and Accounts, each with a confidence bar and supporting data points? (seed 000, AI Co-Pilot tab; docs/insights.md)
-- chart: table
-- metrics: confidence=insight_confidence
SELECT category, severity, confidence, message, data
FROM insight_cards
ORDER BY CASE category WHEN 'Marketing' THEN 1 WHEN 'Pipeline' THEN 2 WHEN 'Revenue' THEN 3 ELSE 4 END,
         severity_order, confidence DESC, card_id;

-- name: pipeline_insights
-- question: Which AI pipeline insights are talking points for the forecast call: stuck deals volume, coverage short of 3x, Commit drifting from the weighted pipeline? (seed 000, pipeline inspection before forecast call: "Capture AI pipeline insights for meeting talking points"; docs/insights.md)
-- chart: table
-- metrics: confidence=insight_confidence
SELECT severity, confidence, message, data
FROM insight_cards WHERE category = 'Pipeline'
ORDER BY severity_order, confidence DESC, card_id;

-- name: open_alerts
-- question: Which active issues require attention: build failure, stale pipeline, data quality, sync delay, forecast miss? (seed 001, Alerts: "Active issues requiring attention", acknowledge and resolve; docs/insights.md)
-- chart: table
-- metrics: row_count=alert_row_count
SELECT severity, alert_type, alert_key, status, message, row_count
FROM alerts
ORDER BY status <> 'open', severity_order, alert_key;
