-- sql/dashboards/marketing.sql — the marketing role: seed 000's Marketing
-- tab (demand generation effectiveness) and seed 003's funnel, lead
-- scoring, attribution and marketing-sales SLAs.  Format: tools/dashboards.py.
-- Filters: :start_date, :end_date (the week of spend, leads, MQLs, SQLs,
-- opportunities and wins; the lead-creation month for the funnel), :segment,
-- :region, :channel; NULL = all.

-- name: marketing_kpis
-- question: KPI cards — total spend, leads, MQLs, SQLs, average CAC, and average ROI (seed 000, Marketing)
-- chart: kpi
-- additive: spend, leads, mqls, sqls, won_deals, won_amount
-- metrics: spend=marketing_spend, leads=leads_created, mqls, sqls, won_deals=marketing_won_deals, won_amount=marketing_won_amount, cac=marketing_cac, roi=marketing_roi
SELECT sum(spend) AS spend, sum(leads) AS leads, sum(mqls) AS mqls, sum(sqls) AS sqls,
       sum(won_deals) AS won_deals, sum(won_amount) AS won_amount,
       cac(sum(spend), sum(won_deals)) AS cac, roi(sum(won_amount), sum(spend)) AS roi
FROM marketing_weekly  -- the weekly sums (kept), not every fact: the filters are by week
WHERE (:start_date IS NULL OR week >= :start_date) AND (:end_date IS NULL OR week <= :end_date)
  AND (:segment IS NULL OR segment = :segment) AND (:region IS NULL OR region = :region)
  AND (:channel IS NULL OR channel = :channel);

-- name: channel_spend_roi
-- question: Channel Spend vs ROI chart — highlights the most efficient channels (seed 000, Marketing: "Identify which campaigns deserve more or less budget")
-- chart: bar
-- x: channel
-- y: spend, roi
-- additive: spend, won_amount
-- metrics: spend=marketing_spend, won_amount=marketing_won_amount, roi=marketing_roi
SELECT channel, sum(spend) AS spend, sum(won_amount) AS won_amount, roi(sum(won_amount), sum(spend)) AS roi
FROM marketing_weekly  -- the weekly sums (kept), not every fact: the filters are by week
WHERE (:start_date IS NULL OR week >= :start_date) AND (:end_date IS NULL OR week <= :end_date)
  AND (:segment IS NULL OR segment = :segment) AND (:region IS NULL OR region = :region)
  AND (:channel IS NULL OR channel = :channel)
GROUP BY channel ORDER BY roi DESC;

-- name: channel_table
-- question: Channel table — sortable details on spend, funnel counts, conversion rate, CAC, and ROI (seed 000, Marketing)
-- additive: spend, leads, mqls, sqls, opportunities, won_deals, won_amount
-- metrics: spend=marketing_spend, leads=leads_created, mqls, sqls, opportunities=marketing_opportunities, won_deals=marketing_won_deals, won_amount=marketing_won_amount, lead_to_mql_rate, mql_to_sql_rate, cac=marketing_cac, roi=marketing_roi
SELECT channel, sum(spend) AS spend, sum(leads) AS leads, sum(mqls) AS mqls, sum(sqls) AS sqls,
       sum(opportunities) AS opportunities, sum(won_deals) AS won_deals, sum(won_amount) AS won_amount,
       CAST(sum(mqls) AS REAL) / nullif(sum(leads), 0) AS lead_to_mql_rate,
       CAST(sum(sqls) AS REAL) / nullif(sum(mqls), 0) AS mql_to_sql_rate,
       cac(sum(spend), sum(won_deals)) AS cac, roi(sum(won_amount), sum(spend)) AS roi
FROM marketing_weekly  -- the weekly sums (kept), not every fact: the filters are by week
WHERE (:start_date IS NULL OR week >= :start_date) AND (:end_date IS NULL OR week <= :end_date)
  AND (:segment IS NULL OR segment = :segment) AND (:region IS NULL OR region = :region)
  AND (:channel IS NULL OR channel = :channel)
GROUP BY channel ORDER BY spend DESC;

-- name: funnel_breakdown
-- question: Funnel Breakdown — visualizes conversion leakage at each stage of the marketing funnel; "Diagnose our funnel": conversion against the benchmarks, the bottom-25% stage is the bottleneck (seed 000, Marketing; seed 003 Conversion Rate Benchmarks)
-- chart: funnel
-- x: label
-- y: from_count
-- metrics: from_count=funnel_stage_from, to_count=funnel_stage_to, rate=funnel_stage_rate, median_low=funnel_benchmark_median
WITH f AS (
  SELECT transition_order, transition, label, sum(from_count) AS from_count, sum(to_count) AS to_count,
         CAST(sum(to_count) AS REAL) / nullif(sum(from_count), 0) AS rate
  FROM marketing_funnel_stages
  WHERE (:start_date IS NULL OR month >= substr(:start_date, 1, 7)) AND (:end_date IS NULL OR month <= substr(:end_date, 1, 7))
    AND (:segment IS NULL OR segment = :segment) AND (:region IS NULL OR region = :region)
    AND (:channel IS NULL OR channel = :channel)
  GROUP BY transition_order),
b AS (
  SELECT f.*, (SELECT x.band_order FROM benchmarks AS x WHERE x.metric = f.transition
                 AND f.rate >= coalesce(x.min_value, -1e308) ORDER BY x.band_order DESC LIMIT 1) AS band_order
  FROM f)
SELECT label, from_count, to_count, rate,
       (SELECT x.band FROM benchmarks AS x WHERE x.metric = b.transition AND x.band_order = b.band_order) AS benchmark_band,
       (SELECT x.min_value FROM benchmarks AS x WHERE x.metric = b.transition AND x.band = 'Median') AS median_low,
       CASE WHEN transition_order = (SELECT y.transition_order FROM b AS y WHERE y.transition <> 'mql_to_won'
                                     ORDER BY y.band_order, y.transition_order LIMIT 1) THEN 'bottleneck' END AS bottleneck
FROM b ORDER BY transition_order;

-- name: weekly_trends
-- question: Weekly Performance Trends — leads, MQLs, and SQLs week over week to spot inflection points (seed 000, Marketing: "Track the impact of recent campaigns by comparing week-over-week trends")
-- chart: line
-- x: week
-- y: leads, mqls, sqls
-- additive: leads, mqls, sqls
-- metrics: leads=leads_created, mqls, sqls, spend=marketing_spend
-- dimensions: is_partial
SELECT week, date(week, '+7 days') > (SELECT as_of FROM as_of_calendar) AS is_partial, sum(leads) AS leads, sum(mqls) AS mqls, sum(sqls) AS sqls, sum(spend) AS spend
FROM marketing_weekly  -- the weekly sums (kept), not every fact: the filters are by week
WHERE (:start_date IS NULL OR week >= :start_date) AND (:end_date IS NULL OR week <= :end_date)
  AND (:segment IS NULL OR segment = :segment) AND (:region IS NULL OR region = :region)
  AND (:channel IS NULL OR channel = :channel)
GROUP BY week ORDER BY week DESC;  -- latest first

-- name: segment_region_conversion
-- question: Spot segments or regions with conversion bottlenecks (seed 000, Marketing "How to use it")
-- additive: leads, mqls, sqls, opportunities, won
-- metrics: leads=funnel_leads, mqls=funnel_mqls, sqls=funnel_sqls, opportunities=funnel_opportunities, won=funnel_won, lead_to_mql_rate=funnel_lead_to_mql, mql_to_sql_rate=funnel_mql_to_sql, sql_to_opp_rate=funnel_sql_to_opp, opp_to_won_rate=funnel_opp_to_won
SELECT segment, region, sum(leads) AS leads, sum(mqls) AS mqls, sum(sqls) AS sqls, sum(opportunities) AS opportunities, sum(won) AS won,
       CAST(sum(mqls) AS REAL) / nullif(sum(leads), 0) AS lead_to_mql_rate,
       CAST(sum(sqls) AS REAL) / nullif(sum(mqls), 0) AS mql_to_sql_rate,
       CAST(sum(opportunities) AS REAL) / nullif(sum(sqls), 0) AS sql_to_opp_rate,
       CAST(sum(won) AS REAL) / nullif(sum(closed), 0) AS opp_to_won_rate
FROM marketing_funnel_counts
WHERE (:start_date IS NULL OR month >= substr(:start_date, 1, 7)) AND (:end_date IS NULL OR month <= substr(:end_date, 1, 7))
  AND (:segment IS NULL OR segment = :segment) AND (:region IS NULL OR region = :region)
  AND (:channel IS NULL OR channel = :channel)
GROUP BY segment, region ORDER BY mql_to_sql_rate;

-- name: attribution_by_model
-- question: Attribution Model Selection — first touch, last touch, linear, U-shaped, W-shaped: won revenue each channel earns under each model (seed 003, Phase 2)
-- additive: first_touch, last_touch, linear, u_shaped, w_shaped, time_decay
-- metrics: first_touch=attributed_first_touch, last_touch=attributed_last_touch, linear=attributed_linear, u_shaped=attributed_u_shaped, w_shaped=attributed_w_shaped, time_decay=attributed_time_decay
SELECT channel,
       total(CASE model WHEN 'first_touch' THEN attributed_amount END) AS first_touch,
       total(CASE model WHEN 'last_touch' THEN attributed_amount END) AS last_touch,
       total(CASE model WHEN 'linear' THEN attributed_amount END) AS linear,
       total(CASE model WHEN 'u_shaped' THEN attributed_amount END) AS u_shaped,
       total(CASE model WHEN 'w_shaped' THEN attributed_amount END) AS w_shaped,
       total(CASE model WHEN 'time_decay' THEN attributed_amount END) AS time_decay
FROM marketing_attribution
WHERE (:start_date IS NULL OR close_month >= substr(:start_date, 1, 7)) AND (:end_date IS NULL OR close_month <= substr(:end_date, 1, 7))
  AND (:segment IS NULL OR segment = :segment) AND (:region IS NULL OR region = :region)
  AND (:channel IS NULL OR channel = :channel)
GROUP BY channel ORDER BY u_shaped DESC;

-- name: lead_grades
-- question: Lead Scoring Model — how many leads are hot (75+), MQL (50+) or nurture, and what do they score? (seed 003, lead-scoring.yaml thresholds)
-- chart: bar
-- x: grade
-- y: leads
-- additive: leads
-- metrics: leads=scored_leads, avg_score=avg_lead_score
WITH s AS MATERIALIZED (  -- each lead scored once (grade and average read the one score)
  SELECT score FROM lead_open_scores
  WHERE (:start_date IS NULL OR created_date >= :start_date) AND (:end_date IS NULL OR created_date <= :end_date)
    AND (:segment IS NULL OR segment = :segment) AND (:region IS NULL OR region = :region)
    AND (:channel IS NULL OR channel = :channel))
SELECT lead_grade(score) AS grade, count(*) AS leads, round(avg(score), 1) AS avg_score
FROM s GROUP BY grade ORDER BY min(score) DESC;

-- name: mql_queue
-- question: MQL queue — "Routed to SDR within 5 minutes", "All MQLs dispositioned within 48 hours": the last 30 days' MQLs, how hot, SLA met, still waiting? (seed 003, funnel definitions and Sales -> Marketing SLA)
-- metrics: days_since_mql, score=lead_score, first_response_minutes, sla_minutes=sla_minutes_target
-- dimensions: overdue
SELECT lead_id, company, segment, region, channel, rep_name, mql_date, days_since_mql, score, grade,
       first_response_minutes, sla_minutes, sla_status, disposition, overdue
FROM lead_mql_queue
WHERE (:start_date IS NULL OR mql_date >= :start_date) AND (:end_date IS NULL OR mql_date <= :end_date)
  AND (:segment IS NULL OR segment = :segment) AND (:region IS NULL OR region = :region)
  AND (:channel IS NULL OR channel = :channel)
ORDER BY disposition <> 'Waiting', score DESC, mql_date LIMIT 25;

-- name: response_time_sla
-- question: Lead response time (target: <5 min for inbound) — MQL response-time SLA compliance by segment (seed 003, Tier 3 and lead-routing.yaml)
-- additive: mqls, responded, within_sla
-- metrics: mqls=lead_sla_mqls, responded=lead_sla_responded, within_sla=lead_sla_within, sla_compliance=lead_sla_compliance, avg_response_minutes=avg_lead_response_minutes
SELECT segment, sum(mqls) AS mqls, sum(responded) AS responded, sum(within_sla) AS within_sla,
       CAST(sum(within_sla) AS REAL) / nullif(sum(mqls), 0) AS sla_compliance,
       total(total_response_minutes) / nullif(sum(responded), 0) AS avg_response_minutes
FROM lead_response_sla
WHERE (:start_date IS NULL OR week >= :start_date) AND (:end_date IS NULL OR week <= :end_date)
  AND (:segment IS NULL OR segment = :segment) AND (:region IS NULL OR region = :region)
  AND (:channel IS NULL OR channel = :channel)
GROUP BY segment ORDER BY segment;

-- Issue 12: insights, actions, coaching, churn actions and alerts
-- (sql/views/80-88, docs/insights.md).

-- name: marketing_insights
-- question: What quick wins and risks do the AI marketing insights show: most and least efficient channels by ROI and CAC, the funnel bottleneck? (seed 000, weekly marketing review: "Read AI marketing insights to capture quick wins and risks"; docs/insights.md)
-- chart: table
-- metrics: confidence=insight_confidence
SELECT severity, confidence, message, data
FROM insight_cards WHERE category = 'Marketing'
  AND (:channel IS NULL OR rule NOT LIKE 'channel%' OR card_id LIKE '%:' || :channel)
ORDER BY severity_order, confidence DESC, card_id;
