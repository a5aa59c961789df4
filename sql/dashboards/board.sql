-- sql/dashboards/board.sql — the Board Chairman (seed 004, strategic
-- oversight) and seed 003's Tier 1 board metrics (monthly).  Format:
-- tools/dashboards.py.  Filters (NULL = all): :segment, :region, :channel
-- (the account's segment, region and acquisition channel); :start_date,
-- :end_date (the months shown; the month-end snapshot is the last month
-- ending on or before :end_date and before :as_of); :as_of ("today",
-- default the as_of_date view).  Health, churn risk and profitability are
-- as of the database's as-of date (settings 'as_of').

-- name: retention_rate
-- question: What is our overall customer retention rate? (seed 004, Board Chairman Q1: retention_probability; seed 003 Tier 1 NRR, GRR)
-- chart: kpi
-- additive: cohort_customers, retained_customers, start_mrr, end_mrr
-- metrics: cohort_customers=cohort_customers_12m, retained_customers=retained_customers_12m, logo_retention=logo_retention_12m, nrr=nrr_12m, grr=grr_12m, start_mrr=cohort_start_mrr_12m, end_mrr=cohort_end_mrr_12m
WITH p AS (SELECT coalesce(min(strftime('%Y-%m', :end_date, '+1 day', 'start of month', '-1 day'), month), month) AS month FROM revenue_calendar),
-- the 12-month cohort of the snapshot month: revenue_retention_customers
-- (50_revenue.sql), one row per customer paying 12 months before
r AS (SELECT r.* FROM (SELECT * FROM revenue_retention_customers_now WHERE :end_date IS NULL  -- the snapshot month, kept on its own
            UNION ALL
            SELECT * FROM revenue_retention_customers WHERE :end_date IS NOT NULL AND month = (SELECT month FROM p)) AS r
      WHERE r.month = (SELECT month FROM p)
        AND (:segment IS NULL OR r.segment = :segment) AND (:region IS NULL OR r.region = :region)
        AND (:channel IS NULL OR r.channel = :channel))
SELECT r.month, r.start_month, count(*) AS cohort_customers, sum(r.end_mrr > 0) AS retained_customers,
       logo_retention(r.start_mrr, r.end_mrr) AS logo_retention,
       nrr(r.start_mrr, r.end_mrr) AS nrr, grr(r.start_mrr, r.end_mrr) AS grr,
       round(total(r.start_mrr), 2) AS start_mrr, round(total(r.end_mrr), 2) AS end_mrr
FROM r
GROUP BY r.month, r.start_month;

-- name: top_customers
-- question: Who are our top 10 revenue generating customers? (seed 004, Board Chairman Q2: annual_revenue sorted)
-- chart: bar
-- x: account_name
-- y: arr
-- metrics: mrr=customer_mrr, arr=account_arr, share_of_arr
-- dimensions: rank
WITH p AS (SELECT coalesce(min(strftime('%Y-%m', :end_date, '+1 day', 'start of month', '-1 day'), month), month) AS month FROM revenue_calendar),
c AS (SELECT c.* FROM (SELECT * FROM revenue_customer_months_now WHERE :end_date IS NULL  -- the snapshot month, kept on its own
            UNION ALL
            SELECT * FROM revenue_customer_months WHERE :end_date IS NOT NULL AND month = (SELECT month FROM p)) AS c
      WHERE c.month = (SELECT month FROM p)
        AND (:segment IS NULL OR c.segment = :segment) AND (:region IS NULL OR c.region = :region)
        AND (:channel IS NULL OR c.channel = :channel))
SELECT rank() OVER (ORDER BY c.arr DESC, c.account_id) AS rank, c.account_id, d.account_name,
       c.segment, c.region, c.mrr, c.arr, account_tier(c.arr) AS tier,
       c.arr / (SELECT total(arr) FROM c) AS share_of_arr
FROM c JOIN account_dimensions AS d ON d.account_id = c.account_id
ORDER BY c.arr DESC, c.account_id
LIMIT 10;

-- name: revenue_concentration
-- question: Revenue concentration risk? (seed 004, Board Chairman Q3: revenue_concentration; seed 002 "Top 20% customers drive 65% revenue")
-- chart: kpi
-- metrics: customers, arr, largest_customer_share, top10_share, top20pct_share, herfindahl
WITH p AS (SELECT coalesce(min(strftime('%Y-%m', :end_date, '+1 day', 'start of month', '-1 day'), month), month) AS month FROM revenue_calendar),
c AS (SELECT c.arr, row_number() OVER (ORDER BY c.arr DESC, c.account_id) AS rn, count(*) OVER () AS n,
             total(c.arr) OVER () AS total_arr
      FROM (SELECT * FROM revenue_customer_months_now WHERE :end_date IS NULL  -- the snapshot month, kept on its own
            UNION ALL
            SELECT * FROM revenue_customer_months WHERE :end_date IS NOT NULL AND month = (SELECT month FROM p)) AS c
      WHERE c.month = (SELECT month FROM p)
        AND (:segment IS NULL OR c.segment = :segment) AND (:region IS NULL OR c.region = :region)
        AND (:channel IS NULL OR c.channel = :channel))
SELECT (SELECT month FROM p) AS month, count(*) AS customers, round(total(arr), 2) AS arr,
       max(arr) / max(total_arr) AS largest_customer_share,
       total(CASE WHEN rn <= 10 THEN arr END) / max(total_arr) AS top10_share,
       total(CASE WHEN rn <= (n + 4) / 5 THEN arr END) / max(total_arr) AS top20pct_share,
       total((arr / total_arr) * (arr / total_arr)) AS herfindahl
FROM c;

-- name: segment_profitability_vs_churn_risk
-- question: Segment profitability vs churn risk? (seed 004, Board Chairman Q4: profit_margin, churn_risk_level)
-- chart: table
-- additive: customers, revenue_12m, cost_to_serve_12m, high_risk_customers, arr_at_high_risk
-- metrics: customers=health_customers, revenue_12m=profit_revenue_12m, cost_to_serve_12m, profit_12m, profit_margin=profit_margin_12m, avg_churn_risk, high_risk_customers, arr_at_high_risk
SELECT p.segment, count(*) AS customers,
       round(total(p.revenue_12m), 2) AS revenue_12m, round(total(p.cost_to_serve_12m), 2) AS cost_to_serve_12m,
       round(total(p.profit_12m), 2) AS profit_12m,
       total(p.profit_12m) / nullif(total(p.revenue_12m), 0) AS profit_margin,
       avg(h.churn_risk_score) AS avg_churn_risk,
       sum(h.churn_risk_level IN ('High', 'Critical')) AS high_risk_customers,
       round(total(CASE WHEN h.churn_risk_level IN ('High', 'Critical') THEN h.arr END), 2) AS arr_at_high_risk
FROM account_profitability AS p
JOIN account_health AS h ON h.account_id = p.account_id
WHERE (:segment IS NULL OR p.segment = :segment) AND (:region IS NULL OR p.region = :region)
  AND (:channel IS NULL OR p.channel = :channel)
GROUP BY p.segment
ORDER BY profit_margin DESC;

-- name: satisfaction_impact
-- question: Customer satisfaction impact? (seed 004, Board Chairman Q5: nps_score, health_status) — how customers who answered NPS as promoters, passives or detractors in the 12 months before a cohort started retained over the next 12 months
-- chart: bar
-- x: nps_band
-- y: nrr
-- additive: customers, start_mrr, end_mrr
-- metrics: customers=cohort_nps_customers, start_mrr=cohort_start_mrr_12m, end_mrr=cohort_end_mrr_12m, nrr=nrr_12m, grr=grr_12m, logo_retention=logo_retention_12m
WITH p AS (SELECT coalesce(min(strftime('%Y-%m', :end_date, '+1 day', 'start of month', '-1 day'), month), month) AS month FROM revenue_calendar),
-- the 12-month cohort of the snapshot month: revenue_retention_customers
-- (50_revenue.sql), one row per customer paying 12 months before
r AS (SELECT r.* FROM (SELECT * FROM revenue_retention_customers_now WHERE :end_date IS NULL  -- the snapshot month, kept on its own
            UNION ALL
            SELECT * FROM revenue_retention_customers WHERE :end_date IS NOT NULL AND month = (SELECT month FROM p)) AS r
      WHERE r.month = (SELECT month FROM p)
        AND (:segment IS NULL OR r.segment = :segment) AND (:region IS NULL OR r.region = :region)
        AND (:channel IS NULL OR r.channel = :channel)),
n AS (SELECT r.account_id,
             (SELECT nps(v.score) FROM survey_responses AS v
              WHERE v.account_id = r.account_id AND v.survey_type = 'NPS'
                AND v.responded_date >= date(r.start_month || '-01', '-11 months')
                AND v.responded_date < date(r.start_month || '-01', '+1 month')) AS nps
      FROM r)
SELECT CASE WHEN n.nps IS NULL THEN 'No answer' WHEN n.nps >= 50 THEN 'Promoters (NPS 50+)'
            WHEN n.nps >= 0 THEN 'Neutral (NPS 0-49)' ELSE 'Detractors (NPS < 0)' END AS nps_band,
       count(*) AS customers, round(total(r.start_mrr), 2) AS start_mrr, round(total(r.end_mrr), 2) AS end_mrr,
       nrr(r.start_mrr, r.end_mrr) AS nrr, grr(r.start_mrr, r.end_mrr) AS grr,
       logo_retention(r.start_mrr, r.end_mrr) AS logo_retention
FROM r JOIN n ON n.account_id = r.account_id
GROUP BY nps_band
ORDER BY min(coalesce(n.nps, -1000)) DESC;

-- name: health_status_distribution
-- question: Risk assessment: churn risk, health status (seed 004, Board Chairman key metrics: Risk Assessment; "Risk/Health Metrics (All Personas)": health_score, health_status)
-- chart: bar
-- x: health_status
-- y: arr
-- additive: customers, arr
-- metrics: customers=health_customers, arr=health_arr, avg_health_score, avg_nps=avg_account_nps, avg_retention_probability
SELECT health_status, count(*) AS customers, round(total(arr), 2) AS arr,
       avg(health_score) AS avg_health_score, avg(nps) AS avg_nps, avg(retention_probability) AS avg_retention_probability
FROM account_health
WHERE (:segment IS NULL OR segment = :segment) AND (:region IS NULL OR region = :region)
  AND (:channel IS NULL OR channel = :channel)
GROUP BY health_status
ORDER BY min(health_score) DESC;

-- name: revenue_trend_3y
-- question: 3-Year Revenue Trend: visual chart showing growth trajectory (seed 004, Board Chairman key metrics; three_year_revenue, previous_year_revenue) — invoiced per calendar year and ARR at each year's last month end
-- chart: line
-- x: year
-- y: invoiced, year_end_arr
-- additive: invoiced, year_end_arr
-- metrics: invoiced=invoiced_year, year_end_arr=arr_year_end
-- dimensions: is_partial
WITH p AS (SELECT coalesce(min(strftime('%Y-%m', :end_date, '+1 day', 'start of month', '-1 day'), month), month) AS month FROM revenue_calendar),
w AS (SELECT month AS last_month,
             max(printf('%04d-01', CAST(substr(month, 1, 4) AS INTEGER) - 2),
                 coalesce(substr(:start_date, 1, 7), printf('%04d-01', CAST(substr(month, 1, 4) AS INTEGER) - 2))) AS first_month
      FROM p),
d AS MATERIALIZED (SELECT account_id FROM account_dimensions
                   WHERE (:segment IS NULL OR segment = :segment) AND (:region IS NULL OR region = :region)
                     AND (:channel IS NULL OR channel = :channel)),
b AS (SELECT substr(b.month, 1, 4) AS year, total(b.invoiced) AS invoiced
      FROM revenue_billed_monthly AS b, w
      WHERE b.month >= w.first_month AND b.month <= w.last_month
        AND (:segment IS NULL OR b.segment = :segment) AND (:region IS NULL OR b.region = :region)
        AND (:channel IS NULL OR b.channel = :channel)
      GROUP BY year),
m AS (SELECT substr(m.month, 1, 4) AS year, total(m.mrr) AS mrr
      FROM w, mrr_months('subscription_mrr', w.first_month, w.last_month) AS m JOIN d ON d.account_id = m.customer_id
      WHERE m.month = min(w.last_month, substr(m.month, 1, 4) || '-12')
      GROUP BY year)
SELECT b.year, b.year || '-12' > (SELECT last_month FROM w) AS is_partial, round(b.invoiced, 2) AS invoiced, arr(m.mrr) AS year_end_arr
FROM b LEFT JOIN m ON m.year = b.year
ORDER BY b.year;

-- name: tier1_board_metrics
-- question: Tier 1: Board Metrics (Monthly) — ARR, NRR, GRR, CAC, LTV, CAC Payback, Magic Number, Burn Multiple, with the seed's benchmark bands (seed 003, Phase 5)
-- chart: table
-- metrics: arr=arr_ending_quarter, net_new_arr=econ_net_new_arr, nrr=nrr_month, grr=grr_month, cac, ltv, ltv_cac, cac_payback_months, magic_number, burn_multiple
WITH p AS (SELECT coalesce(min(strftime('%Y-%m', :end_date, '+1 day', 'start of month', '-1 day'), month), month) AS month FROM revenue_calendar),
e AS (SELECT e.* FROM economics_quarterly AS e, p
      WHERE e.last_month <= p.month AND e.months = 3 AND e.sm_spend IS NOT NULL
        AND (:start_date IS NULL OR e.first_month >= substr(:start_date, 1, 7))),
r AS (SELECT r.month, nrr(r.start_mrr, r.end_mrr) AS nrr, grr(r.start_mrr, r.end_mrr) AS grr
      FROM revenue_retention_customers AS r WHERE r.month IN (SELECT last_month FROM e) GROUP BY r.month)
SELECT e.quarter, e.ending_arr AS arr, e.net_new_arr, r.nrr,
       (SELECT band FROM benchmarks WHERE metric = 'nrr' AND (min_value IS NULL OR r.nrr >= min_value) AND (max_value IS NULL OR r.nrr < max_value)) AS nrr_band,
       r.grr,
       (SELECT band FROM benchmarks WHERE metric = 'grr' AND (min_value IS NULL OR r.grr >= min_value) AND (max_value IS NULL OR r.grr < max_value)) AS grr_band,
       e.cac, e.ltv, e.ltv_cac,
       (SELECT band FROM benchmarks WHERE metric = 'ltv_cac' AND (min_value IS NULL OR e.ltv_cac >= min_value) AND (max_value IS NULL OR e.ltv_cac < max_value)) AS ltv_cac_band,
       e.cac_payback_months,
       (SELECT band FROM benchmarks WHERE metric = 'cac_payback_months' AND (min_value IS NULL OR e.cac_payback_months >= min_value) AND (max_value IS NULL OR e.cac_payback_months < max_value)) AS cac_payback_band,
       e.magic_number,
       (SELECT band FROM benchmarks WHERE metric = 'magic_number' AND (min_value IS NULL OR e.magic_number >= min_value) AND (max_value IS NULL OR e.magic_number < max_value)) AS magic_number_band,
       e.burn_multiple,
       -- a negative multiple is no band of the seed's (they start at 0):
       -- cash generated while ARR grew, or ARR shrinking
       CASE WHEN e.burn_multiple < 0 THEN CASE WHEN e.net_burn < 0 THEN 'Cash generative' ELSE 'ARR shrinking' END
            ELSE (SELECT band FROM benchmarks WHERE metric = 'burn_multiple' AND (min_value IS NULL OR e.burn_multiple >= min_value)
                    AND (max_value IS NULL OR e.burn_multiple < max_value)) END AS burn_multiple_band
FROM e LEFT JOIN r ON r.month = e.last_month
ORDER BY e.quarter DESC;

-- name: customer_lifetime_value
-- question: Customer Lifetime Value: total revenue potential; Profit Margin: profitability of serving the customer (seed 004, Board Chairman key metrics)
-- chart: table
-- additive: customers, total_clv, arr
-- metrics: customers=health_customers, arr=health_arr, total_clv=clv_total, avg_clv=clv_avg, avg_profit_margin=clv_avg_profit_margin
SELECT c.segment, count(*) AS customers, round(total(c.arr), 2) AS arr,
       round(total(c.clv), 2) AS total_clv, avg(c.clv) AS avg_clv, avg(c.profit_margin) AS avg_profit_margin
FROM account_clv AS c
WHERE (:segment IS NULL OR c.segment = :segment) AND (:region IS NULL OR c.region = :region)
  AND (:channel IS NULL OR c.channel = :channel)
GROUP BY c.segment
ORDER BY total_clv DESC;
