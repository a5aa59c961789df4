-- tests/report/fixture_dashboards/revenue.sql — the revenue side of the
-- fixture: a waterfall, a table with rates, and insight-style cards.

-- name: mrr_now
-- question: What are MRR and ARR at the as-of month's start? (fixture)
-- chart: kpi
WITH m AS (SELECT date(coalesce(:as_of, '2026-03-01'), 'start of month', '-1 day') AS d)
SELECT total(s.mrr) AS mrr, 12 * total(s.mrr) AS arr, count(DISTINCT s.customer_id) AS customers
FROM subscription_mrr AS s, m
WHERE s.start_date <= m.d AND (s.end_date IS NULL OR s.end_date > m.d)
  AND (:segment IS NULL OR s.segment = :segment);

-- name: mrr_waterfall
-- question: How did MRR move over the last three months? (fixture, seed 000 MRR waterfall)
-- chart: waterfall
-- x: month
-- y: starting_mrr, new_mrr, expansion_mrr, reactivation_mrr, contraction_mrr, churned_mrr, ending_mrr
SELECT month, starting_mrr, new_mrr, expansion_mrr, reactivation_mrr, contraction_mrr, churned_mrr, ending_mrr
FROM mrr_waterfall('subscription_mrr',
                   strftime('%Y-%m', coalesce(:as_of, '2026-03-01'), 'start of month', '-3 months'),
                   strftime('%Y-%m', coalesce(:as_of, '2026-03-01'), 'start of month', '-1 months'));

-- name: retention_by_segment
-- question: How much of last year's recurring revenue did each segment keep? (fixture)
-- chart: table
WITH cust AS (
  SELECT customer_id, segment,
         total(CASE WHEN start_date <= '2025-02-28' AND (end_date IS NULL OR end_date > '2025-02-28') THEN mrr END) AS start_mrr,
         total(CASE WHEN start_date <= '2026-02-28' AND (end_date IS NULL OR end_date > '2026-02-28') THEN mrr END) AS end_mrr
  FROM subscription_mrr WHERE (:segment IS NULL OR segment = :segment) GROUP BY customer_id, segment)
SELECT segment, total(start_mrr) AS starting_mrr, total(end_mrr) AS ending_mrr,
       nrr(start_mrr, end_mrr) AS nrr, grr(start_mrr, end_mrr) AS grr, count(*) AS customers
FROM cust GROUP BY segment ORDER BY segment;

-- name: insights
-- question: What should a revenue leader look at first? (fixture, seed 000 co-pilot cards)
-- chart: table
WITH ch AS (
  SELECT channel, total(amount) AS spend, count(*) AS n FROM marketing_spend
  WHERE (:segment IS NULL OR segment = :segment) GROUP BY channel)
SELECT 'Marketing' AS category, 'info' AS severity,
       round(min(0.95, 0.5 + n / 2000.0), 2) AS confidence,
       'Channel ' || channel || ' spent ' || printf('%,.0f', spend) || ' across ' || n || ' spend rows' AS message,
       json_object('channel', channel, 'spend', spend) AS supporting
FROM ch ORDER BY spend DESC LIMIT 3;
