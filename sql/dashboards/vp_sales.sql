-- sql/dashboards/vp_sales.sql — the VP of Sales / sales executives: seed
-- 002's Revenue Focus page ("for sales leaders": revenue performance,
-- high-value opportunities, growth potential, opportunity scoring matrix,
-- top customer opportunity concentration, hot product lines), seed 001's
-- Forecast page ("Sales Leaders, Finance") and seed 003's Tier 2 operating
-- metrics and QBR team performance.  Format: tools/dashboards.py.
-- Filters: :start_date, :end_date (close date; quota period start for
-- attainment), :segment, :region, :channel, :as_of.

-- name: revenue_performance
-- question: Revenue Performance — achievement against targets and benchmarks: closed revenue, pipeline value, win rates (seed 002, Revenue Impact Dashboard)
-- chart: bar
-- x: quarter
-- y: attainment
-- additive: quota, won_new_business, won_amount
-- metrics: quota=quota_new_business, won_new_business, won_amount=won_amount_all_types_quarter, attainment=quota_attainment, open_pipeline=rep_open_pipeline
-- dimensions: is_partial
SELECT quarter, max(period_start <= (SELECT as_of FROM as_of_calendar) AND period_end > (SELECT as_of FROM as_of_calendar)) AS is_partial,
       total(quota) AS quota, total(won_new_business) AS won_new_business, total(won_amount) AS won_amount,
       total(won_new_business) / nullif(total(quota), 0) AS attainment,
       total(open_pipeline) AS open_pipeline
FROM rep_performance
WHERE (:start_date IS NULL OR period_start >= :start_date) AND (:end_date IS NULL OR period_start <= :end_date)
  AND (:segment IS NULL OR segment = :segment) AND (:region IS NULL OR region = :region)
GROUP BY period_start ORDER BY period_start DESC;

-- name: high_value_opportunities
-- question: High-Value Opportunities — count of opportunities with >80% prediction confidence (seed 002, Revenue Impact Dashboard)
-- additive: deals, amount, weighted
-- metrics: deals=high_prob_deals, amount=high_prob_amount, weighted=high_prob_weighted
SELECT stage, count(*) AS deals, total(amount) AS amount, weighted_pipeline(amount, probability) AS weighted,
       min(close_date) AS first_close_date
FROM pipeline_deals
WHERE is_closed = 0 AND probability > 0.8
  AND (:start_date IS NULL OR close_date >= :start_date) AND (:end_date IS NULL OR close_date <= :end_date)
  AND (:segment IS NULL OR segment = :segment) AND (:region IS NULL OR region = :region)
  AND (:channel IS NULL OR channel = :channel)
GROUP BY stage ORDER BY min(stage_order) DESC;

-- name: growth_potential
-- question: Growth Potential — customers with increasing opportunity counts, quarter-over-quarter opportunity growth (seed 002, Revenue Impact Dashboard)
-- metrics: opps_prior_90_days=opps_prior_90d, opps_last_90_days=opps_last_90d, growth=opps_growth_90d, amount_last_90_days=amount_last_90d
WITH p AS (SELECT (SELECT as_of FROM as_of_date) AS d),
c AS (
  SELECT account_id, account_name, segment, region,
         sum(created_date > date(p.d, '-90 days')) AS opps_last_90_days,
         sum(created_date > date(p.d, '-180 days') AND created_date <= date(p.d, '-90 days')) AS opps_prior_90_days,
         total(CASE WHEN created_date > date(p.d, '-90 days') THEN amount END) AS amount_last_90_days
  FROM pipeline_deals CROSS JOIN p
  WHERE account_id IS NOT NULL AND created_date > date(p.d, '-180 days') AND created_date <= p.d
    AND (:segment IS NULL OR segment = :segment) AND (:region IS NULL OR region = :region)
    AND (:channel IS NULL OR channel = :channel)
  GROUP BY account_id)
SELECT account_name, segment, region, opps_prior_90_days, opps_last_90_days,
       opps_last_90_days - opps_prior_90_days AS growth, amount_last_90_days
FROM c WHERE opps_last_90_days > opps_prior_90_days
ORDER BY growth DESC, amount_last_90_days DESC LIMIT 25;

-- name: opportunity_scoring_matrix
-- question: Opportunity Scoring Matrix — deal size (revenue potential), win probability, time to close (urgency), customer tier (strategic importance) (seed 002, Advanced Analytics)
-- metrics: deal_size=deal_amount, win_probability=deal_probability, days_to_close
WITH arr AS (
  SELECT account_id, 12 * total(mrr) AS annual_value FROM subscriptions
  WHERE start_date <= (SELECT as_of FROM as_of_date) AND (end_date IS NULL OR end_date > (SELECT as_of FROM as_of_date))
  GROUP BY account_id)
SELECT d.account_name, d.name AS opportunity, d.amount AS deal_size, d.probability AS win_probability,
       CAST(d.days_to_close AS INTEGER) AS days_to_close,
       coalesce(account_tier(arr.annual_value), 'Prospect') AS customer_tier, d.stage
FROM pipeline_deals AS d LEFT JOIN arr ON arr.account_id = d.account_id
WHERE d.is_closed = 0
  AND (:start_date IS NULL OR d.close_date >= :start_date) AND (:end_date IS NULL OR d.close_date <= :end_date)
  AND (:segment IS NULL OR d.segment = :segment) AND (:region IS NULL OR d.region = :region)
  AND (:channel IS NULL OR d.channel = :channel)
ORDER BY d.amount * d.probability DESC LIMIT 25;

-- name: top_customer_opportunities
-- question: Top Customer Opportunity Concentration — top customers by opportunity count (seed 002, Graph Explanations)
-- chart: bar
-- x: account_name
-- y: open_opportunities
-- metrics: open_opportunities=account_open_deals, pipeline_value=account_open_pipeline
SELECT account_name, count(*) AS open_opportunities, total(amount) AS pipeline_value
FROM pipeline_deals
WHERE is_closed = 0 AND account_id IS NOT NULL
  AND (:start_date IS NULL OR close_date >= :start_date) AND (:end_date IS NULL OR close_date <= :end_date)
  AND (:segment IS NULL OR segment = :segment) AND (:region IS NULL OR region = :region)
  AND (:channel IS NULL OR channel = :channel)
GROUP BY account_id ORDER BY open_opportunities DESC, pipeline_value DESC LIMIT 10;

-- name: hot_product_lines
-- question: Hot Product Lines — opportunity distribution by product category (seed 002, Graph Explanations)
-- chart: bar
-- x: category
-- y: opportunities
-- additive: opportunities, amount
-- metrics: opportunities=line_item_opportunities, amount=line_item_amount
SELECT p.category, count(DISTINCT d.opportunity_id) AS opportunities, total(li.amount) AS amount
FROM pipeline_deals AS d
JOIN opportunity_line_items AS li ON li.opportunity_id = d.opportunity_id
JOIN products AS p ON p.product_id = li.product_id
WHERE d.is_closed = 0
  AND (:start_date IS NULL OR d.close_date >= :start_date) AND (:end_date IS NULL OR d.close_date <= :end_date)
  AND (:segment IS NULL OR d.segment = :segment) AND (:region IS NULL OR d.region = :region)
  AND (:channel IS NULL OR d.channel = :channel)
GROUP BY p.category ORDER BY opportunities DESC;

-- name: sales_trends
-- question: Tier 2 operating metrics — win rate >25%, average deal size trending up QoQ, sales cycle length trending down QoQ (seed 003, Tier 2)
-- chart: line
-- x: quarter
-- y: avg_deal_size, avg_cycle_days
-- additive: won_deals, won_amount
-- metrics: won_deals=won_deals_quarter, won_amount=won_amount_quarter, win_rate=win_rate_quarter, avg_deal_size=avg_won_deal_quarter, avg_cycle_days=avg_sales_cycle_quarter
-- dimensions: is_partial
SELECT substr(close_date, 1, 4) || '-Q' || ((CAST(substr(close_date, 6, 2) AS INTEGER) + 2) / 3) AS quarter,
       substr(close_date, 1, 4) || '-Q' || ((CAST(substr(close_date, 6, 2) AS INTEGER) + 2) / 3) = (SELECT quarter FROM as_of_calendar) AS is_partial,
       sum(is_won) AS won_deals, total(CASE WHEN is_won = 1 THEN amount END) AS won_amount,
       win_rate(is_won) AS win_rate, avg(CASE WHEN is_won = 1 THEN amount END) AS avg_deal_size,
       round(avg(CASE WHEN is_won = 1 THEN cycle_days END), 1) AS avg_cycle_days
FROM pipeline_deals
WHERE is_closed = 1 AND close_date <= (SELECT as_of FROM as_of_date)
  AND (:start_date IS NULL OR close_date >= :start_date) AND (:end_date IS NULL OR close_date <= :end_date)
  AND (:segment IS NULL OR segment = :segment) AND (:region IS NULL OR region = :region)
  AND (:channel IS NULL OR channel = :channel)
GROUP BY quarter ORDER BY quarter DESC;

-- name: rep_productivity
-- question: Team Performance — rep productivity, ramp, attrition (seed 003, QBR Structure; rep-scorecard.yaml quota, attainment, win_rate, avg_deal_size, avg_cycle_days)
-- metrics: tenure_months=rep_tenure_months, quarters=rep_quarters, quota=rep_quota_closed_quarters, won_new_business=rep_won_new_business_closed_quarters, attainment=rep_attainment_closed_quarters, avg_win_rate=rep_avg_win_rate, avg_deal_size=rep_avg_deal_quarters, avg_cycle_days=rep_avg_cycle_quarters
SELECT p.rep_name, p.segment, p.region,
       CAST((julianday(coalesce(r.end_date, (SELECT as_of FROM as_of_date))) - julianday(r.hire_date)) / 30.44 AS INTEGER) AS tenure_months,
       r.end_date AS left_on, count(*) AS quarters, total(p.quota) AS quota, total(p.won_new_business) AS won_new_business,
       total(p.won_new_business) / nullif(total(p.quota), 0) AS attainment,
       avg(p.win_rate) AS avg_win_rate, avg(p.avg_deal) AS avg_deal_size, round(avg(p.avg_cycle_days), 1) AS avg_cycle_days
FROM rep_performance AS p JOIN reps AS r ON r.rep_id = p.rep_id
WHERE p.is_closed_period
  AND p.period_start >= coalesce(:start_date, date((SELECT as_of FROM as_of_date), '-12 months'))
  AND (:end_date IS NULL OR p.period_start <= :end_date)
  AND (:segment IS NULL OR p.segment = :segment) AND (:region IS NULL OR p.region = :region)
GROUP BY p.rep_id ORDER BY attainment DESC;

-- name: forecast_accuracy_by_rep
-- question: Forecast Accuracy — how well predictions match outcomes, per rep (seed 001, Home and Forecasting; seed 003 MAPE grading)
-- metrics: quarters=forecast_quarters, forecast=forecast_amount, actual=forecast_actual, mape=forecast_mape, wape=forecast_wape
SELECT rep_name, segment, region, count(*) AS quarters, total(forecast) AS forecast, total(actual) AS actual,
       mape(actual, forecast) AS mape, wape(actual, forecast) AS wape, mape_grade(mape(actual, forecast)) AS grade
FROM forecast_calls
WHERE is_closed_period
  AND (:start_date IS NULL OR period_start >= :start_date) AND (:end_date IS NULL OR period_start <= :end_date)
  AND (:segment IS NULL OR segment = :segment) AND (:region IS NULL OR region = :region)
GROUP BY rep_id ORDER BY mape;

-- Issue 12: insights, actions, coaching, churn actions and alerts
-- (sql/views/80-88, docs/insights.md).

-- name: deal_scoring
-- question: What is each open deal's win probability, and is it high (70%+, prioritise closing), medium (40-69%, needs attention) or low (under 40%, identify blockers)? (seed 001, Deal Scoring; the probability next_best_actions ranks with: the deal's probability tempered by its health, docs/insights.md)
-- chart: table
-- metrics: amount=deal_amount, probability=deal_probability, health=deal_health_score, score=win_probability_score
SELECT f.opportunity_id, f.name, f.owner_rep_id, f.stage, f.amount, f.probability, f.health,
       round(f.probability * (0.5 + f.health / 200.0), 4) AS score,
       CASE WHEN f.probability * (0.5 + f.health / 200.0) >= 0.70 THEN 'High: prioritise closing'
            WHEN f.probability * (0.5 + f.health / 200.0) >= 0.40 THEN 'Medium: needs attention'
            ELSE 'Low: identify blockers' END AS meaning
FROM insight_deal_facts AS f JOIN accounts AS a ON a.account_id = f.account_id
WHERE (:segment IS NULL OR a.segment = :segment) AND (:region IS NULL OR a.region = :region)
ORDER BY score DESC, f.amount DESC LIMIT 50;
