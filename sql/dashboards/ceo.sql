-- sql/dashboards/ceo.sql — the CEO (seed 004, growth and business
-- strategy).  Format: tools/dashboards.py.  Filters (NULL = all):
-- :segment, :region, :channel (the account's segment, region and
-- acquisition channel); :start_date, :end_date (the months shown; the
-- month-end snapshot is the last month ending on or before :end_date and
-- before :as_of); :as_of ("today", default the as_of_date view).  Health,
-- churn risk and profitability are as of the database's as-of date.

-- name: segment_growth
-- question: Which segments are growing fastest? (seed 004, CEO Q1: yoy_growth, region)
-- chart: bar
-- x: segment
-- y: yoy_growth
-- additive: customers, arr, customers_year_ago, arr_year_ago
-- metrics: customers, customers_year_ago, arr, arr_year_ago, yoy_growth=arr_yoy_growth
WITH p AS (SELECT coalesce(min(strftime('%Y-%m', :end_date, '+1 day', 'start of month', '-1 day'), month), month) AS month FROM revenue_calendar),
m AS (SELECT month, strftime('%Y-%m', month || '-01', '-12 months') AS year_ago FROM p),
-- the customer-months alone in FROM (months from scalar subqueries): read
-- as they stream, not copied into a temporary table first
c AS (SELECT c.segment, c.region,
             sum(c.month = (SELECT month FROM m)) AS customers,
             total(CASE WHEN c.month = (SELECT month FROM m) THEN c.arr END) AS arr,
             sum(c.month = (SELECT year_ago FROM m)) AS customers_year_ago,
             total(CASE WHEN c.month = (SELECT year_ago FROM m) THEN c.arr END) AS arr_year_ago
      FROM revenue_customer_months AS c
      WHERE c.month IN ((SELECT month FROM m), (SELECT year_ago FROM m))
        AND (:segment IS NULL OR c.segment = :segment) AND (:region IS NULL OR c.region = :region)
        AND (:channel IS NULL OR c.channel = :channel)
      GROUP BY c.segment, c.region)
SELECT segment, region, customers, round(arr, 2) AS arr, customers_year_ago, round(arr_year_ago, 2) AS arr_year_ago,
       CASE WHEN arr_year_ago > 0 THEN arr / arr_year_ago - 1 END AS yoy_growth
FROM c
ORDER BY yoy_growth DESC;

-- name: customer_ltv
-- question: What is customer LTV? (seed 004, CEO Q2: customer_lifetime_value, calculated per region/product; seed 003 LTV = ARPA x gross margin / churn rate)
-- chart: table
-- additive: customers, mrr, churned_customers, customer_months
-- metrics: customers=ltv_customers, mrr=ltv_mrr, arpa=ltv_arpa, churned_customers=ltv_churned_customers, customer_months=ltv_customer_months, monthly_churn_rate=ltv_monthly_churn, gross_margin=ltv_gross_margin, ltv=ltv_segment, ltv_capped_10y
SELECT segment, region, sum(customers) AS customers, round(total(mrr), 2) AS mrr,
       total(mrr) / sum(customers) AS arpa,
       sum(churned_customers) AS churned_customers, sum(customer_months) AS customer_months,
       CAST(sum(churned_customers) AS REAL) / sum(customer_months) AS monthly_churn_rate,
       max(gross_margin) AS gross_margin,
       ltv(total(mrr) / sum(customers), max(gross_margin), CAST(sum(churned_customers) AS REAL) / sum(customer_months)) AS ltv,
       ltv(total(mrr) / sum(customers), max(gross_margin), CAST(sum(churned_customers) AS REAL) / sum(customer_months), 120) AS ltv_capped_10y
FROM economics_ltv_by_segment
WHERE (:segment IS NULL OR segment = :segment) AND (:region IS NULL OR region = :region)
  AND (:channel IS NULL OR channel = :channel)
GROUP BY segment, region
ORDER BY segment, region;

-- name: churn_correlation
-- question: Churn correlation analysis? (seed 004, CEO Q3: churn_risk_score, pricing, service quality) — the share of the customers of 12 months ago who have left since, by price band (annual value), service quality (SLA compliance of their tickets) and NPS in the 12 months before
-- chart: table
-- additive: customers, churned
-- metrics: customers=churn_factor_customers, churned=churn_factor_churned, churn_rate=churn_rate_12m, nrr=nrr_12m
WITH p AS (SELECT coalesce(min(strftime('%Y-%m', :end_date, '+1 day', 'start of month', '-1 day'), month), month) AS month FROM revenue_calendar),
-- the 12-month cohort of the snapshot month: revenue_retention_customers
-- (50_revenue.sql), one row per customer paying 12 months before
r AS (SELECT r.* FROM (SELECT * FROM revenue_retention_customers_now WHERE :end_date IS NULL  -- the snapshot month, kept on its own
            UNION ALL
            SELECT * FROM revenue_retention_customers WHERE :end_date IS NOT NULL AND month = (SELECT month FROM p)) AS r
      WHERE r.month = (SELECT month FROM p)
        AND (:segment IS NULL OR r.segment = :segment) AND (:region IS NULL OR r.region = :region)
        AND (:channel IS NULL OR r.channel = :channel)),
f AS (SELECT r.account_id, r.start_mrr, r.end_mrr,
             account_tier(arr(r.start_mrr)) AS price_band,
             (SELECT avg(t.sla_met) FROM service_ticket_sla AS t WHERE t.account_id = r.account_id
                AND t.opened_at >= date(r.start_month || '-01', '-11 months') AND t.opened_at < date(r.start_month || '-01', '+1 month')) AS sla,
             (SELECT nps(v.score) FROM survey_responses AS v WHERE v.account_id = r.account_id AND v.survey_type = 'NPS'
                AND v.responded_date >= date(r.start_month || '-01', '-11 months')
                AND v.responded_date < date(r.start_month || '-01', '+1 month')) AS nps
      FROM r),
b AS (SELECT 'price (annual value)' AS factor, price_band AS band, start_mrr, end_mrr FROM f
      UNION ALL
      SELECT 'service quality (SLA compliance)',
             CASE WHEN sla IS NULL THEN 'no tickets' WHEN sla >= 0.95 THEN '95%+' WHEN sla >= 0.8 THEN '80-95%' ELSE 'below 80%' END,
             start_mrr, end_mrr FROM f
      UNION ALL
      SELECT 'NPS', CASE WHEN nps IS NULL THEN 'no answer' WHEN nps >= 50 THEN '50+' WHEN nps >= 0 THEN '0-49' ELSE 'below 0' END,
             start_mrr, end_mrr FROM f)
SELECT factor, band, count(*) AS customers, sum(end_mrr = 0) AS churned,
       1 - logo_retention(start_mrr, end_mrr) AS churn_rate, nrr(start_mrr, end_mrr) AS nrr
FROM b
GROUP BY factor, band
ORDER BY factor, churn_rate DESC;

-- name: cross_sell_potential
-- question: Cross-sell/upsell potential? (seed 004, CEO Q4: pipeline_value, active_services; CEO key metrics: Cross-sell Potential, pipeline value and open opportunities)
-- chart: bar
-- x: segment
-- y: expansion_pipeline
-- additive: customers, expansion_deals, expansion_pipeline, weighted_expansion_pipeline, accounts_with_usage_signal, signal_arr
-- metrics: customers=health_customers, avg_active_services, expansion_deals=expansion_deals_open, expansion_pipeline=expansion_pipeline_open, weighted_expansion_pipeline, accounts_with_usage_signal, signal_arr
WITH o AS (SELECT o.account_id, count(*) AS deals, total(o.amount) AS amount,
                  weighted_pipeline(o.amount, stage_probability(o.stage, coalesce(o.probability, s.probability))) AS weighted
           FROM opportunities AS o JOIN stages AS s ON s.stage = o.stage
           WHERE s.is_closed = 0 AND o.opportunity_type = 'Expansion'
             AND (:start_date IS NULL OR o.close_date >= :start_date) AND (:end_date IS NULL OR o.close_date <= :end_date)
           GROUP BY o.account_id),
u AS (SELECT DISTINCT account_id FROM usage_expansion_signals)
SELECT r.segment, count(*) AS customers, avg(r.active_services) AS avg_active_services,
       coalesce(sum(o.deals), 0) AS expansion_deals, round(total(o.amount), 2) AS expansion_pipeline,
       round(total(o.weighted), 2) AS weighted_expansion_pipeline,
       count(u.account_id) AS accounts_with_usage_signal,
       round(total(CASE WHEN u.account_id IS NOT NULL THEN r.arr END), 2) AS signal_arr
FROM account_revenue AS r
LEFT JOIN o ON o.account_id = r.account_id
LEFT JOIN u ON u.account_id = r.account_id
WHERE r.is_customer
  AND (:segment IS NULL OR r.segment = :segment) AND (:region IS NULL OR r.region = :region)
  AND (:channel IS NULL OR r.channel = :channel)
GROUP BY r.segment
ORDER BY expansion_pipeline DESC;

-- name: nps_financial_impact
-- question: NPS impact on financial performance? (seed 004, CEO Q5: nps_score, annual_revenue, profit_margin) — customers grouped by their NPS over the last 12 months, with their ARR, revenue, profit margin and expansion
-- chart: table
-- additive: customers, arr, revenue_12m, expansion_mrr_12m, contraction_mrr_12m
-- metrics: customers=nps_band_customers, arr=nps_band_arr, avg_arr=nps_band_avg_arr, revenue_12m=profit_revenue_12m, profit_12m, profit_margin=profit_margin_12m, expansion_mrr_12m=expansion_mrr_12m_account, contraction_mrr_12m=contraction_mrr_12m_account
WITH m AS (SELECT account_id, total(CASE WHEN movement = 'expansion' THEN amount END) AS expansion,
                  total(CASE WHEN movement = 'contraction' THEN amount END) AS contraction
           FROM revenue_movements
           WHERE month > (SELECT year_ago_month FROM revenue_calendar)
           GROUP BY account_id)
SELECT CASE WHEN h.nps IS NULL THEN 'No answer' WHEN h.nps >= 50 THEN 'Promoters (NPS 50+)'
            WHEN h.nps >= 0 THEN 'Neutral (NPS 0-49)' ELSE 'Detractors (NPS < 0)' END AS nps_band,
       count(*) AS customers, round(total(h.arr), 2) AS arr, total(h.arr) / count(*) AS avg_arr,
       round(total(p.revenue_12m), 2) AS revenue_12m, round(total(p.profit_12m), 2) AS profit_12m,
       total(p.profit_12m) / nullif(total(p.revenue_12m), 0) AS profit_margin,
       round(total(m.expansion), 2) AS expansion_mrr_12m, round(total(m.contraction), 2) AS contraction_mrr_12m
FROM account_health AS h
LEFT JOIN account_profitability AS p ON p.account_id = h.account_id
LEFT JOIN m ON m.account_id = h.account_id
WHERE (:segment IS NULL OR h.segment = :segment) AND (:region IS NULL OR h.region = :region)
  AND (:channel IS NULL OR h.channel = :channel)
GROUP BY nps_band
ORDER BY min(coalesce(h.nps, -1000)) DESC;

-- name: quarterly_revenue
-- question: Quarterly Revenue Performance: visual chart of last 4 quarters (seed 004, CEO key metrics; quarterly_revenue) — invoiced per quarter and ARR at each quarter's last month end
-- chart: bar
-- x: quarter
-- y: invoiced
-- additive: invoiced, ending_arr
-- metrics: months=months_in_period, invoiced=invoiced_quarter, ending_arr=arr_quarter_end
-- dimensions: is_partial
WITH p AS (SELECT coalesce(min(strftime('%Y-%m', :end_date, '+1 day', 'start of month', '-1 day'), month), month) AS month FROM revenue_calendar),
w AS (SELECT strftime('%Y-%m', month || '-01', printf('-%d months', 9 + (CAST(substr(month, 6, 2) AS INTEGER) - 1) % 3)) AS first_month,
             month AS last_month FROM p),
d AS MATERIALIZED (SELECT account_id FROM account_dimensions
                   WHERE (:segment IS NULL OR segment = :segment) AND (:region IS NULL OR region = :region)
                     AND (:channel IS NULL OR channel = :channel)),
b AS (SELECT substr(b.month, 1, 4) || '-Q' || ((CAST(substr(b.month, 6, 2) AS INTEGER) + 2) / 3) AS quarter, b.month, b.invoiced
      FROM revenue_billed_monthly AS b, w
      WHERE b.month >= w.first_month AND b.month <= w.last_month
        AND (:start_date IS NULL OR b.month >= substr(:start_date, 1, 7))
        AND (:segment IS NULL OR b.segment = :segment) AND (:region IS NULL OR b.region = :region)
        AND (:channel IS NULL OR b.channel = :channel)),
m AS (SELECT m.month, total(m.mrr) AS mrr
      FROM w, mrr_months('subscription_mrr', w.first_month, w.last_month) AS m JOIN d ON d.account_id = m.customer_id
      GROUP BY m.month),
q AS (SELECT quarter, count(DISTINCT month) AS months, max(month) AS last_month, total(invoiced) AS invoiced FROM b GROUP BY quarter)
SELECT q.quarter, q.months, CAST(substr(q.last_month, 6, 2) AS INTEGER) % 3 <> 0 AS is_partial, round(q.invoiced, 2) AS invoiced, arr(m.mrr) AS ending_arr
FROM q LEFT JOIN m ON m.month = q.last_month
ORDER BY q.quarter;

-- name: annual_revenue_yoy
-- question: Annual Revenue: current year revenue with YoY comparison; YoY Growth (seed 004, CEO key metrics: annual_revenue, previous_year_revenue, yoy_growth)
-- chart: kpi
-- additive: revenue_12m, revenue_prior_12m, arr, arr_year_ago
-- metrics: revenue_12m, revenue_prior_12m, revenue_yoy_growth, arr, arr_year_ago, arr_yoy_growth
WITH p AS (SELECT coalesce(min(strftime('%Y-%m', :end_date, '+1 day', 'start of month', '-1 day'), month), month) AS month FROM revenue_calendar),
q AS (SELECT month, strftime('%Y-%m', month || '-01', '-12 months') AS ago, strftime('%Y-%m', month || '-01', '-24 months') AS ago2 FROM p),
d AS MATERIALIZED (SELECT account_id FROM account_dimensions
                   WHERE (:segment IS NULL OR segment = :segment) AND (:region IS NULL OR region = :region)
                     AND (:channel IS NULL OR channel = :channel)),
b AS (SELECT total(CASE WHEN b.month > q.ago THEN b.invoiced END) AS cur,
             total(CASE WHEN b.month <= q.ago THEN b.invoiced END) AS prior
      FROM revenue_billed_monthly AS b, q
      WHERE b.month <= q.month AND b.month > q.ago2
        AND (:segment IS NULL OR b.segment = :segment) AND (:region IS NULL OR b.region = :region)
        AND (:channel IS NULL OR b.channel = :channel)),
n AS (SELECT total(m.mrr) AS mrr FROM q, mrr_months('subscription_mrr', q.month, q.month) AS m JOIN d ON d.account_id = m.customer_id),
o AS (SELECT total(m.mrr) AS mrr FROM q, mrr_months('subscription_mrr', q.ago, q.ago) AS m JOIN d ON d.account_id = m.customer_id)
SELECT (SELECT month FROM p) AS month, round(b.cur, 2) AS revenue_12m, round(b.prior, 2) AS revenue_prior_12m,
       b.cur / nullif(b.prior, 0) - 1 AS revenue_yoy_growth,
       arr(n.mrr) AS arr, arr(o.mrr) AS arr_year_ago, n.mrr / nullif(o.mrr, 0) - 1 AS arr_yoy_growth
FROM b, n, o;
