-- sql/dashboards/sales.sql — seed 004 "Sales Personnel (Revenue Growth)".
-- Format: tools/dashboards.py.  Filters: :start_date, :end_date (the
-- close date of deals; NULL = all), :segment, :region (the account's),
-- :channel (the deal's source channel), :as_of (the as-of date: "this
-- quarter" is the quarter to date of as_of_calendar).  Ages and open/closed
-- state come from the views, as of the as_of_date view (docs/dashboards.md).

-- name: sales_kpis
-- question: Key Metrics Displayed: Pipeline Value, Open Opportunities, Win Rate, Avg Deal Size, Won Opportunities, Avg Sales Cycle (seed 004, Sales)
-- chart: kpi
-- additive: open_opportunities, pipeline_value, won_opportunities, won_amount
-- metrics: open_opportunities=open_deals, pipeline_value=open_pipeline, weighted_pipeline, win_rate=win_rate_all_time, avg_deal_size=avg_won_deal_all_time, won_opportunities=won_deals, won_amount, avg_sales_cycle_days=avg_sales_cycle_all_time
SELECT sum(is_closed = 0) AS open_opportunities,
       total(CASE WHEN is_closed = 0 THEN amount END) AS pipeline_value,
       weighted_pipeline(amount, probability) FILTER (WHERE is_closed = 0) AS weighted_pipeline,
       win_rate(is_won) FILTER (WHERE is_closed = 1) AS win_rate,
       avg(CASE WHEN is_won = 1 THEN amount END) AS avg_deal_size,
       sum(is_won) AS won_opportunities,
       total(CASE WHEN is_won = 1 THEN amount END) AS won_amount,
       round(avg(cycle_days) FILTER (WHERE is_won = 1), 1) AS avg_sales_cycle_days
FROM pipeline_deals
WHERE (:segment IS NULL OR segment = :segment) AND (:region IS NULL OR region = :region)
  AND (:channel IS NULL OR channel = :channel)
  AND (:start_date IS NULL OR close_date >= :start_date) AND (:end_date IS NULL OR close_date <= :end_date);

-- name: pipeline_by_stage
-- question: Customer pipeline stage? (seed 004, Sales: open_opportunities, pipeline_value by stage)
-- chart: bar
-- x: stage
-- y: amount
-- additive: deals, amount, weighted
-- metrics: deals=open_deals, amount=open_pipeline, weighted=weighted_pipeline
SELECT stage, count(*) AS deals, total(amount) AS amount,
       weighted_pipeline(amount, probability) AS weighted
FROM pipeline_deals
WHERE is_closed = 0
  AND (:segment IS NULL OR segment = :segment) AND (:region IS NULL OR region = :region)
  AND (:channel IS NULL OR channel = :channel)
  AND (:start_date IS NULL OR close_date >= :start_date) AND (:end_date IS NULL OR close_date <= :end_date)
GROUP BY stage ORDER BY min(stage_order);

-- name: customer_pipeline
-- question: Customer pipeline stage? (seed 004, Sales: per customer, the furthest stage of its open deals)
-- metrics: open_deals=account_open_deals, pipeline_value=account_open_pipeline
SELECT account_name, segment, region, open_deals, pipeline_value,
       (SELECT s.stage FROM stages AS s WHERE s.stage_order = g.furthest) AS furthest_stage, next_close_date
FROM (
  SELECT account_id, account_name, segment, region, count(*) AS open_deals, total(amount) AS pipeline_value,
         max(stage_order) AS furthest, min(close_date) AS next_close_date
  FROM pipeline_deals
  WHERE is_closed = 0
    AND (:segment IS NULL OR segment = :segment) AND (:region IS NULL OR region = :region)
    AND (:channel IS NULL OR channel = :channel)
    AND (:start_date IS NULL OR close_date >= :start_date) AND (:end_date IS NULL OR close_date <= :end_date)
  GROUP BY account_id) AS g
ORDER BY pipeline_value DESC LIMIT 25;

-- name: repeat_purchase
-- question: Likelihood of repeat purchase? (seed 004, Sales: win_rate, previous purchases)
-- additive: customers, repeat_customers, expansion_won, expansion_closed
-- metrics: customers=customers_won, repeat_customers, repeat_rate, expansion_won, expansion_closed, expansion_win_rate
WITH won AS (
  SELECT account_id, segment, count(*) AS won_deals
  FROM pipeline_deals
  WHERE is_won = 1 AND account_id IS NOT NULL
    AND (:segment IS NULL OR segment = :segment) AND (:region IS NULL OR region = :region)
    AND (:channel IS NULL OR channel = :channel)
    AND (:start_date IS NULL OR close_date >= :start_date) AND (:end_date IS NULL OR close_date <= :end_date)
  GROUP BY account_id),
exp AS (
  SELECT segment, sum(is_won) AS expansion_won, count(*) AS expansion_closed, win_rate(is_won) AS expansion_win_rate
  FROM pipeline_deals
  WHERE is_closed = 1 AND opportunity_type IN ('Expansion', 'Renewal')
    AND (:segment IS NULL OR segment = :segment) AND (:region IS NULL OR region = :region)
    AND (:channel IS NULL OR channel = :channel)
    AND (:start_date IS NULL OR close_date >= :start_date) AND (:end_date IS NULL OR close_date <= :end_date)
  GROUP BY segment)
SELECT g.segment, count(w.account_id) AS customers, coalesce(sum(w.won_deals >= 2), 0) AS repeat_customers,
       CAST(sum(w.won_deals >= 2) AS REAL) / nullif(count(w.account_id), 0) AS repeat_rate,
       e.expansion_won, e.expansion_closed, e.expansion_win_rate
FROM (SELECT segment FROM won UNION SELECT segment FROM exp) AS g
LEFT JOIN won AS w ON w.segment IS g.segment
LEFT JOIN exp AS e ON e.segment IS g.segment
GROUP BY g.segment ORDER BY g.segment;

-- name: revenue_this_quarter
-- question: Total revenue this quarter? (seed 004, Sales: quarterly_revenue: won bookings and invoiced revenue in the quarter of :as_of to date, against the same days of the quarter before (like with like))
-- chart: kpi
-- additive: won_this_quarter, won_prior_quarter_same_days, invoiced_this_quarter
-- metrics: won_this_quarter=won_qtd, won_prior_quarter_same_days=won_prior_qtd, invoiced_this_quarter=invoiced_qtd
-- dimensions: days_in_quarter
SELECT c.quarter, CAST(julianday(c.as_of) - julianday(c.quarter_start) AS INTEGER) + 1 AS days_in_quarter,
       (SELECT total(amount) FROM pipeline_deals WHERE is_won = 1 AND close_date >= c.quarter_start AND close_date <= c.as_of
          AND (:segment IS NULL OR segment = :segment) AND (:region IS NULL OR region = :region)
          AND (:channel IS NULL OR channel = :channel)) AS won_this_quarter,
       (SELECT total(amount) FROM pipeline_deals WHERE is_won = 1
          AND close_date >= c.prior_quarter_start AND close_date <= c.prior_quarter_same_day
          AND (:segment IS NULL OR segment = :segment) AND (:region IS NULL OR region = :region)
          AND (:channel IS NULL OR channel = :channel)) AS won_prior_quarter_same_days,
       (SELECT total(i.amount) FROM invoices AS i JOIN accounts AS a ON a.account_id = i.account_id
        WHERE i.status <> 'void' AND i.invoice_date >= c.quarter_start AND i.invoice_date <= c.as_of
          AND (:segment IS NULL OR a.segment = :segment) AND (:region IS NULL OR a.region = :region)) AS invoiced_this_quarter
FROM as_of_calendar AS c;

-- name: open_opportunities
-- question: Open opportunities & close probability? (seed 004, Sales: next_close_date, next_close_probability)
-- metrics: amount=deal_amount, probability=deal_probability, days_to_close
SELECT account_name, name AS opportunity, stage, amount, probability, forecast_category, close_date,
       CAST(days_to_close AS INTEGER) AS days_to_close, rep_name
FROM pipeline_deals
WHERE is_closed = 0
  AND (:segment IS NULL OR segment = :segment) AND (:region IS NULL OR region = :region)
  AND (:channel IS NULL OR channel = :channel)
  AND (:start_date IS NULL OR close_date >= :start_date) AND (:end_date IS NULL OR close_date <= :end_date)
ORDER BY close_date IS NULL, close_date, amount DESC LIMIT 25;

-- name: stopped_purchasing
-- question: Customers who stopped purchasing? (seed 004, Sales: yoy_growth negative, last_interaction_days)
-- metrics: mrr_year_ago=mrr_year_ago_account, mrr_now=mrr_now_account, yoy_growth=account_mrr_yoy_growth, last_interaction_days=days_since_interaction
WITH asof AS (SELECT (SELECT as_of FROM as_of_date) AS d),
m AS (
  SELECT s.account_id,
         total(CASE WHEN s.start_date <= asof.d AND (s.end_date IS NULL OR s.end_date > asof.d) THEN s.mrr END) AS mrr_now,
         total(CASE WHEN s.start_date <= date(asof.d, '-12 months') AND (s.end_date IS NULL OR s.end_date > date(asof.d, '-12 months')) THEN s.mrr END) AS mrr_year_ago
  FROM subscriptions AS s CROSS JOIN asof GROUP BY s.account_id)
SELECT a.name AS account_name, a.segment, a.region, m.mrr_year_ago, m.mrr_now,
       (m.mrr_now - m.mrr_year_ago) / m.mrr_year_ago AS yoy_growth,
       CAST(julianday((SELECT d FROM asof)) - julianday(
         (SELECT max(x.occurred_at) FROM activities AS x WHERE x.account_id = a.account_id AND x.occurred_at < (SELECT d FROM asof))) AS INTEGER) AS last_interaction_days
FROM m JOIN accounts AS a ON a.account_id = m.account_id
WHERE m.mrr_year_ago > 0 AND m.mrr_now < m.mrr_year_ago
  AND (:segment IS NULL OR a.segment = :segment) AND (:region IS NULL OR a.region = :region)
ORDER BY m.mrr_now = 0 DESC, m.mrr_year_ago - m.mrr_now DESC LIMIT 25;

-- Issue 12: insights, actions, coaching, churn actions and alerts
-- (sql/views/80-88, docs/insights.md).

-- name: next_best_actions
-- question: What is the next best action for each customer with open deals? (seed 004, Sales/Account recommendations; seed 001 Next-Best-Actions: each customer's highest-priority action, docs/insights.md)
-- chart: table
-- metrics: priority=action_priority
SELECT n.account_id, a.name AS account_name, n.opportunity_id, n.deal_name, n.stage, n.action_type, n.action, n.reason, n.priority
FROM next_best_actions AS n JOIN accounts AS a ON a.account_id = n.account_id
WHERE n.priority_rank = (SELECT min(x.priority_rank) FROM next_best_actions AS x WHERE x.account_id = n.account_id)
  AND (:segment IS NULL OR a.segment = :segment) AND (:region IS NULL OR a.region = :region)
ORDER BY n.priority DESC, n.account_id LIMIT 50;
