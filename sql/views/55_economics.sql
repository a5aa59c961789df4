-- sql/views/55_economics.sql — unit economics and GTM efficiency (seed 003
-- Tier 1 board metrics, Phase 6, revops-dashboard.yaml `efficiency`).
--
-- Every formula is the extension's: cac, ltv, ltv_cac, cac_payback_months,
-- magic_number, burn_multiple, quick_ratio, arr (docs/economics.md).  The
-- inputs: the MRR waterfall (50_revenue.sql) for new customers, ARR
-- movements and churn; company_financials for S&M spend (sales_spend +
-- marketing_spend), gross margin (revenue-weighted) and net burn.
-- Quarters are calendar quarters named 'YYYY-Qn'; the current quarter is
-- included with the months that have ended (column months < 3).

-- Question: per quarter, what do we spend to win a customer, what is a
-- customer worth, how fast does spend come back and how efficiently do we
-- grow?  (seed 003 Tier 1: CAC, LTV, LTV:CAC > 3, CAC payback < 18 months,
-- magic number > 0.75, burn multiple < 2; the SaaS quick ratio)
-- arpa is monthly MRR per paying customer at the quarter's last month end;
-- monthly_churn_rate is churned customers over customer-months at risk
-- (the sum of the months' starting customers), so arpa and churn are both
-- monthly as ltv() requires.  magic_number divides the quarter's net new
-- ARR by the previous quarter's S&M spend (NULL for the first quarter).
DROP VIEW IF EXISTS economics_quarterly;
CREATE VIEW economics_quarterly AS
WITH w AS (
  SELECT substr(month, 1, 4) || '-Q' || ((CAST(substr(month, 6, 2) AS INTEGER) + 2) / 3) AS quarter, *
  FROM mrr_waterfall_monthly),
q AS (
  SELECT quarter, count(*) AS months, min(month) AS first_month, max(month) AS last_month,
         total(new_mrr) AS new_mrr, total(expansion_mrr) AS expansion_mrr,
         total(reactivation_mrr) AS reactivation_mrr, total(contraction_mrr) AS contraction_mrr,
         total(churned_mrr) AS churned_mrr, sum(new_customers) AS new_customers,
         sum(churned_customers) AS churned_customers, sum(starting_customers) AS customer_months
  FROM w GROUP BY quarter),
f AS (
  SELECT substr(month, 1, 4) || '-Q' || ((CAST(substr(month, 6, 2) AS INTEGER) + 2) / 3) AS quarter,
         total(sales_spend) + total(marketing_spend) AS sm_spend,
         total(revenue * gross_margin) / total(revenue) AS gross_margin,
         total(net_burn) AS net_burn, total(revenue) AS revenue
  FROM company_financials GROUP BY quarter),
j AS (
  SELECT q.*, s.starting_mrr, e.ending_mrr, e.ending_customers,
         f.sm_spend, lag(f.sm_spend) OVER (ORDER BY q.quarter) AS prior_sm_spend,
         f.gross_margin, f.net_burn, f.revenue
  FROM q
  JOIN w AS s ON s.month = q.first_month
  JOIN w AS e ON e.month = q.last_month
  LEFT JOIN f ON f.quarter = q.quarter),
k AS (
  SELECT *, arr(starting_mrr) AS starting_arr, arr(ending_mrr) AS ending_arr,
         arr(ending_mrr) - arr(starting_mrr) AS net_new_arr,
         ending_mrr / ending_customers AS arpa,
         CAST(churned_customers AS REAL) / customer_months AS monthly_churn_rate,
         cac(sm_spend, new_customers) AS cac
  FROM j)
SELECT quarter, months, first_month, last_month,
       starting_arr, arr(new_mrr) AS new_arr, arr(expansion_mrr) AS expansion_arr,
       arr(reactivation_mrr) AS reactivation_arr, arr(contraction_mrr) AS contraction_arr,
       arr(churned_mrr) AS churned_arr, ending_arr, round(net_new_arr, 2) AS net_new_arr,
       new_customers, churned_customers, ending_customers,
       round(sm_spend, 2) AS sm_spend, round(prior_sm_spend, 2) AS prior_sm_spend, gross_margin,
       round(net_burn, 2) AS net_burn, round(revenue, 2) AS revenue,
       arpa, monthly_churn_rate, cac,
       ltv(arpa, gross_margin, monthly_churn_rate) AS ltv,
       ltv_cac(ltv(arpa, gross_margin, monthly_churn_rate), cac) AS ltv_cac,
       cac_payback_months(cac, arpa, gross_margin) AS cac_payback_months,
       magic_number(net_new_arr, prior_sm_spend) AS magic_number,
       burn_multiple(net_burn, net_new_arr) AS burn_multiple,
       quick_ratio(new_mrr, expansion_mrr, reactivation_mrr, contraction_mrr, churned_mrr) AS quick_ratio
FROM k;

-- Question: what is a customer worth, by segment and region?  (seed 004
-- CEO "what is customer LTV", customer_lifetime_value "calculated per
-- region/product"; seed 003 "which channels produce best LTV" with the
-- channel column)  Per segment, region and acquisition channel: ARPA at
-- revenue_calendar.month, monthly logo churn over the trailing 12 months
-- (revenue_churn_12m: churned customers / customer-months at risk), the
-- company's gross
-- margin over the same 12 months, ltv(arpa, margin, churn).  Additive:
-- customers, mrr, churned_customers, customer_months.
DROP VIEW IF EXISTS economics_ltv_by_segment;
CREATE VIEW economics_ltv_by_segment AS
WITH cal AS (SELECT month, year_ago_month FROM revenue_calendar),
gm AS (SELECT total(revenue * gross_margin) / total(revenue) AS gross_margin FROM company_financials
       WHERE month > (SELECT year_ago_month FROM cal) AND month <= (SELECT month FROM cal)),
churn AS (SELECT * FROM revenue_churn_12m),
now AS (SELECT segment, region, channel, count(*) AS customers, round(total(mrr), 2) AS mrr
        FROM revenue_customers_now GROUP BY segment, region, channel)
SELECT (SELECT month FROM cal) AS month, n.segment, n.region, n.channel, n.customers, n.mrr,
       n.mrr / n.customers AS arpa, c.churned_customers, c.customer_months,
       CAST(c.churned_customers AS REAL) / c.customer_months AS monthly_churn_rate,
       gm.gross_margin,
       ltv(n.mrr / n.customers, gm.gross_margin, CAST(c.churned_customers AS REAL) / c.customer_months) AS ltv
FROM now AS n
LEFT JOIN churn AS c ON c.segment IS n.segment AND c.region IS n.region AND c.channel IS n.channel
CROSS JOIN gm;

-- Question: the seed 003 revops-dashboard.yaml, filled in: one row with
-- every number of its arr, retention, efficiency, pipeline, conversion and
-- forecast blocks.  (seed 003 "Revenue Dashboard YAML")
--   period: the quarter of revenue_calendar.month ('2026-Q1' on the demo),
--     quarter to date; arr_*: the ARR bridge of that quarter to date;
--   retention: trailing 12 months (revenue_kpis);
--   efficiency: the last complete quarter (efficiency_quarter), since a
--     part quarter has no full spend to divide;
--   pipeline: open deals at the as-of date; coverage_ratio = open pipeline
--     / the AEs' new-ARR quota of the quarter containing the as-of date;
--     new_created_this_month: deals created in revenue_calendar.month
--     (the last month that has ended); velocity_per_day =
--     sales_velocity(open deals, win rate, average won deal, cycle) over
--     deals closed in the 12 months before the as-of date;
--   conversion: leads that became MQL in those 12 months (mql_to_sql,
--     sql_to_opp, full_funnel = won / MQL) and opp_to_closed_won = win rate;
--   forecast: the latest call of each AE for the quarter containing the
--     as-of date, by category; mape and actual_vs_forecast compare the
--     last complete quarter's new business won with each rep's first Commit
--     call of that quarter (forecast_calls, the rows cro and vp_sales
--     grade).
-- health_signals (green/yellow/red notes) are insight cards (8x views).
DROP VIEW IF EXISTS economics_dashboard;
CREATE VIEW economics_dashboard AS
WITH cal AS (SELECT * FROM revenue_calendar),
cq AS (SELECT * FROM economics_quarterly WHERE last_month = (SELECT month FROM cal)),
pq AS (SELECT * FROM economics_quarterly WHERE months = 3 AND last_month <= (SELECT month FROM cal)
       ORDER BY quarter DESC LIMIT 1),
-- the open pipeline, win rate and velocity are pipeline_summary's (one
-- definition: 30_pipeline.sql), not computed again here
ps AS (SELECT * FROM pipeline_summary),
quota AS (SELECT total(q.amount) AS quota FROM quotas AS q JOIN reps AS r ON r.rep_id = q.rep_id, cal
          WHERE r.role = 'AE' AND q.quota_type = 'new_arr' AND q.period_start <= cal.as_of AND q.period_end > cal.as_of),
created AS (SELECT total(amount) AS amount FROM opportunities, cal WHERE substr(created_date, 1, 7) = cal.month),
funnel AS (SELECT count(*) AS mql, count(l.sql_date) AS sqls, count(l.opportunity_id) AS opps,
                  sum(s.is_won = 1) AS won
           FROM leads AS l, cal
           LEFT JOIN opportunities AS o ON o.opportunity_id = l.opportunity_id
           LEFT JOIN stages AS s ON s.stage = o.stage
           WHERE l.mql_date > (SELECT trailing_12m_after FROM as_of_calendar) AND l.mql_date <= cal.as_of),
fq AS (SELECT f.rep_id, f.category, f.amount,
              row_number() OVER (PARTITION BY f.rep_id, f.category ORDER BY f.submitted_date DESC) AS latest
       FROM forecast_submissions AS f, cal WHERE f.period_start <= cal.as_of AND f.period_end > cal.as_of),
fc AS (SELECT total(CASE WHEN category = 'Commit' THEN amount END) AS commit_amount,
              total(CASE WHEN category = 'Best Case' THEN amount END) AS best_case,
              total(CASE WHEN category = 'Pipeline' THEN amount END) AS pipeline
       FROM fq WHERE latest = 1),
-- the last closed quarter's calls are forecast_calls' (one definition:
-- 40_forecast.sql, each rep's first Commit call of the quarter)
lastq AS (SELECT min(period_start) AS qs FROM (
            SELECT period_start FROM forecast_submissions, cal
            WHERE period_end <= cal.as_of ORDER BY period_end DESC LIMIT 1)),
actual AS (SELECT forecast, actual FROM forecast_calls WHERE period_start = (SELECT qs FROM lastq))
SELECT cq.quarter AS period, (SELECT as_of FROM cal) AS as_of,
       cq.ending_arr AS arr_current, cq.starting_arr AS arr_beginning_of_quarter,
       cq.new_arr AS arr_new_business, round(cq.expansion_arr + cq.reactivation_arr, 2) AS arr_expansion,
       cq.contraction_arr AS arr_contraction, cq.churned_arr AS arr_churned, cq.net_new_arr AS arr_net_new,
       k.nrr, k.grr, k.logo_retention,
       pq.quarter AS efficiency_quarter, pq.cac, pq.ltv, pq.ltv_cac AS ltv_cac_ratio,
       pq.cac_payback_months, pq.magic_number, pq.burn_multiple,
       ps.total_pipeline AS pipeline_total_value, ps.open_deals AS pipeline_total_deals,
       ps.total_pipeline / quota.quota AS pipeline_coverage_ratio, ps.weighted_pipeline AS pipeline_weighted,
       created.amount AS pipeline_new_created_this_month,
       ps.velocity_per_day AS pipeline_velocity_per_day,
       CAST(funnel.sqls AS REAL) / funnel.mql AS conversion_mql_to_sql,
       CAST(funnel.opps AS REAL) / funnel.sqls AS conversion_sql_to_opp,
       ps.win_rate AS conversion_opp_to_closed_won,
       CAST(funnel.won AS REAL) / funnel.mql AS conversion_full_funnel,
       fc.commit_amount AS forecast_commit, fc.best_case AS forecast_best_case, fc.pipeline AS forecast_pipeline,
       (SELECT total(actual) / total(forecast) - 1 FROM actual) AS forecast_actual_vs_forecast_last_quarter,
       (SELECT mape(actual, forecast) FROM actual) AS forecast_mape
FROM cq, pq, ps, quota, created, funnel, fc
LEFT JOIN revenue_kpis AS k ON 1;
