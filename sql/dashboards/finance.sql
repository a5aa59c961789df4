-- sql/dashboards/finance.sql — Finance: seed 003's revops-dashboard.yaml
-- and Tier 1 unit economics, the ARR bridge, revenue plan, capacity model
-- and scenarios (Phases 5, 6, 11), the monthly review's headline metrics
-- (Phase 12) and cohort analysis (Phase 13); seed 000's Revenue tab for
-- "finance leaders" (MRR, waterfall, MRR by segment); seed 001's Forecast
-- and Scenarios pages ("Sales Leaders, Finance"; "RevOps, Finance").
-- Format: tools/dashboards.py.  Filters (NULL = all): :segment, :region,
-- :channel (the account's segment, region and acquisition channel; the
-- rep's segment and region for forecast calls); :start_date, :end_date
-- (the months or quarters shown); :as_of ("today").  Company-level
-- figures (S&M spend, gross margin, burn: company_financials) are not
-- split by segment, so queries built on them take dates only.

-- name: revops_dashboard
-- question: Revenue Dashboard YAML — arr (current, beginning_of_quarter, new_business, expansion, contraction, churned, net_new), retention (nrr, grr, logo_retention), efficiency (cac, ltv, ltv_cac_ratio, cac_payback_months, magic_number, burn_multiple), pipeline, conversion and forecast (seed 003, Phase 5 revops-dashboard.yaml)
-- chart: kpi
-- metrics: arr_current=econ_arr_current, arr_beginning_of_quarter=econ_arr_boq, arr_new_business=econ_arr_new, arr_expansion=econ_arr_expansion, arr_contraction=econ_arr_contraction, arr_churned=econ_arr_churned, arr_net_new=econ_arr_net_new, nrr=company_nrr_12m, grr=company_grr_12m, logo_retention=company_logo_retention_12m, cac=econ_cac_lq, ltv=econ_ltv_lq, ltv_cac_ratio=econ_ltv_cac_lq, cac_payback_months=econ_payback_lq, magic_number=econ_magic_lq, burn_multiple=econ_burn_lq, pipeline_total_value=pipeline_total_value_company, pipeline_total_deals=pipeline_total_deals_company, pipeline_coverage_ratio=coverage_ratio_full_quota, pipeline_weighted=pipeline_weighted_company, pipeline_new_created_this_month=new_pipeline_last_month_company, pipeline_velocity_per_day=velocity_per_day, conversion_mql_to_sql=mqls_12m, conversion_sql_to_opp=sql_to_opp_12m, conversion_opp_to_closed_won=win_rate_12m, conversion_full_funnel=full_funnel_12m, forecast_commit=forecast_call_commit, forecast_best_case=forecast_call_best_case, forecast_pipeline=forecast_call_pipeline, forecast_actual_vs_forecast_last_quarter=forecast_actual_vs_forecast, forecast_mape=forecast_mape_last_quarter
SELECT * FROM economics_dashboard;

-- name: unit_economics
-- question: GTM Efficiency & Unit Economics — CAC, LTV, LTV:CAC, CAC payback, magic number, burn multiple per quarter (seed 003, Phase 5 Tier 1 and Phase 6; QBR "GTM Efficiency — CAC, payback, magic number")
-- chart: table
-- metrics: new_customers=econ_new_customers, sm_spend, cac, arpa, gross_margin, monthly_churn_rate, ltv, ltv_cac, cac_payback_months, net_new_arr=econ_net_new_arr, prior_sm_spend, magic_number, net_burn, burn_multiple, quick_ratio
-- dimensions: months, is_partial
WITH p AS (SELECT strftime('%Y-%m', a.as_of, 'start of month', '-1 day') AS month FROM as_of_date AS a)
SELECT e.quarter, e.months, e.months < 3 AS is_partial, e.new_customers, e.sm_spend, e.cac, e.arpa, e.gross_margin, e.monthly_churn_rate,
       e.ltv, e.ltv_cac, e.cac_payback_months, e.net_new_arr, e.prior_sm_spend, e.magic_number,
       e.net_burn, e.burn_multiple, e.quick_ratio
FROM economics_quarterly AS e, p
WHERE e.sm_spend IS NOT NULL AND e.last_month <= p.month
  AND (:start_date IS NULL OR e.last_month >= substr(:start_date, 1, 7))
  AND (:end_date IS NULL OR e.first_month <= substr(:end_date, 1, 7))
ORDER BY e.quarter DESC;

-- name: arr_bridge
-- question: ARR bridge — beginning, new business, expansion, contraction, churned, net new, current (seed 003, revops-dashboard.yaml arr block; QBR "Results vs. Plan — ARR") per quarter
-- chart: table
-- additive: new_arr, expansion_arr, reactivation_arr, contraction_arr, churned_arr
-- metrics: starting_arr=arr_starting_quarter, new_arr=arr_new_quarter, expansion_arr=arr_expansion_quarter, reactivation_arr=arr_reactivation_quarter, contraction_arr=arr_contraction_quarter, churned_arr=arr_churned_quarter, ending_arr=arr_ending_quarter, net_new_arr=arr_net_new_quarter
-- dimensions: is_partial
WITH p AS (SELECT coalesce(min(strftime('%Y-%m', :end_date, '+1 day', 'start of month', '-1 day'), month), month) AS month FROM revenue_calendar),
w AS (SELECT substr(w.month, 1, 4) || '-Q' || ((CAST(substr(w.month, 6, 2) AS INTEGER) + 2) / 3) AS quarter, w.*
      FROM mrr_waterfall_by_segment AS w, p
      WHERE w.month <= p.month
        AND (:start_date IS NULL OR w.month >= substr(:start_date, 1, 7))
        AND (:segment IS NULL OR w.segment = :segment) AND (:region IS NULL OR w.region = :region)
        AND (:channel IS NULL OR w.channel = :channel)),
q AS (SELECT quarter, min(month) AS first_month, max(month) AS last_month FROM w GROUP BY quarter)
-- starting and ending MRR picked out in the one grouping (a lookup per
-- quarter into w grows with the square of the months shown)
SELECT q.quarter, q.first_month, q.last_month,
       CAST(substr(q.last_month, 6, 2) AS INTEGER) % 3 <> 0 AS is_partial,
       arr(total(CASE WHEN w.month = q.first_month THEN w.starting_mrr END)) AS starting_arr,
       arr(total(w.new_mrr)) AS new_arr, arr(total(w.expansion_mrr)) AS expansion_arr,
       arr(total(w.reactivation_mrr)) AS reactivation_arr, arr(total(w.contraction_mrr)) AS contraction_arr,
       arr(total(w.churned_mrr)) AS churned_arr,
       arr(total(CASE WHEN w.month = q.last_month THEN w.ending_mrr END)) AS ending_arr,
       arr(total(w.net_new_mrr)) AS net_new_arr
FROM q JOIN w ON w.quarter = q.quarter
GROUP BY q.quarter
ORDER BY q.quarter;

-- name: mrr_waterfall
-- question: MRR Waterfall — decomposes ending MRR into starting value, new, expansion, contraction, and churn components (seed 000, Revenue; "Monthly retention debrief": adjust the date range to the previous month) — from :start_date's month (default: the first) to the last month ending by :end_date
-- chart: waterfall
-- x: step
-- y: amount
-- metrics: amount=mrr_waterfall_step
-- dimensions: step_order
WITH p AS (SELECT coalesce(min(strftime('%Y-%m', :end_date, '+1 day', 'start of month', '-1 day'), month), month) AS month FROM revenue_calendar),
w AS (SELECT w.* FROM mrr_waterfall_by_segment AS w, p
      WHERE w.month <= p.month AND (:start_date IS NULL OR w.month >= substr(:start_date, 1, 7))
        AND (:segment IS NULL OR w.segment = :segment) AND (:region IS NULL OR w.region = :region)
        AND (:channel IS NULL OR w.channel = :channel)),
t AS (SELECT min(month) AS first_month, max(month) AS last_month,
             total(new_mrr) AS new, total(expansion_mrr) AS expansion, total(reactivation_mrr) AS reactivation,
             total(contraction_mrr) AS contraction, total(churned_mrr) AS churned FROM w)
SELECT 1 AS step_order, 'Starting MRR' AS step, t.first_month AS period,
       round((SELECT total(starting_mrr) FROM w WHERE w.month = t.first_month), 2) AS amount FROM t
UNION ALL SELECT 2, 'New', t.first_month || '..' || t.last_month, round(new, 2) FROM t
UNION ALL SELECT 3, 'Expansion', t.first_month || '..' || t.last_month, round(expansion, 2) FROM t
UNION ALL SELECT 4, 'Reactivation', t.first_month || '..' || t.last_month, round(reactivation, 2) FROM t
UNION ALL SELECT 5, 'Contraction', t.first_month || '..' || t.last_month, -round(contraction, 2) FROM t
UNION ALL SELECT 6, 'Churn', t.first_month || '..' || t.last_month, -round(churned, 2) FROM t
UNION ALL SELECT 7, 'Ending MRR', t.last_month,
       round((SELECT total(ending_mrr) FROM w WHERE w.month = t.last_month), 2) FROM t
ORDER BY step_order;

-- name: mrr_by_segment
-- question: KPI cards — total MRR, total ARR; MRR by Segment treemap: which segments generate the most recurring revenue and expansion (seed 000, Revenue) — MRR at the last month end by :end_date, movements since :start_date
-- chart: bar
-- x: segment
-- y: mrr
-- additive: customers, mrr, arr, expansion_mrr, contraction_mrr, churned_mrr
-- metrics: customers, mrr=mrr_ending, arr, expansion_mrr=mrr_expansion, contraction_mrr=mrr_contraction, churned_mrr=mrr_churned
WITH p AS (SELECT coalesce(min(strftime('%Y-%m', :end_date, '+1 day', 'start of month', '-1 day'), month), month) AS month FROM revenue_calendar)
SELECT w.segment,
       sum(CASE WHEN w.month = p.month THEN w.ending_customers END) AS customers,
       round(total(CASE WHEN w.month = p.month THEN w.ending_mrr END), 2) AS mrr,
       arr(total(CASE WHEN w.month = p.month THEN w.ending_mrr END)) AS arr,
       round(total(w.expansion_mrr), 2) AS expansion_mrr, round(total(w.contraction_mrr), 2) AS contraction_mrr,
       round(total(w.churned_mrr), 2) AS churned_mrr
FROM mrr_waterfall_by_segment AS w, p
WHERE w.month <= p.month AND (:start_date IS NULL OR w.month >= substr(:start_date, 1, 7))
  AND (:segment IS NULL OR w.segment = :segment) AND (:region IS NULL OR w.region = :region)
  AND (:channel IS NULL OR w.channel = :channel)
GROUP BY w.segment
ORDER BY mrr DESC;

-- name: retention_trend
-- question: Net Revenue Retention and Gross Revenue Retention over time, trailing 12 months (seed 003, Tier 1 board metrics; seed 000 KPI card "average net revenue retention (NRR), and churn rate")
-- chart: line
-- x: month
-- y: nrr, grr, logo_retention
-- metrics: cohort_customers=cohort_customers_month, nrr=nrr_month, grr=grr_month, logo_retention=logo_retention_month, churn_rate=churn_rate_month
WITH p AS (SELECT coalesce(min(strftime('%Y-%m', :end_date, '+1 day', 'start of month', '-1 day'), month), month) AS month FROM revenue_calendar)
SELECT r.month, count(*) AS cohort_customers, nrr(r.start_mrr, r.end_mrr) AS nrr, grr(r.start_mrr, r.end_mrr) AS grr,
       logo_retention(r.start_mrr, r.end_mrr) AS logo_retention, 1 - logo_retention(r.start_mrr, r.end_mrr) AS churn_rate
FROM revenue_retention_customers AS r  -- the month's test below is a WHERE on the kept view's rows, not a join (docs/views.md)
WHERE r.month <= (SELECT month FROM p) AND (:start_date IS NULL OR r.month >= substr(:start_date, 1, 7))
  AND (:segment IS NULL OR r.segment = :segment) AND (:region IS NULL OR r.region = :region)
  AND (:channel IS NULL OR r.channel = :channel)
GROUP BY r.month
ORDER BY r.month;

-- name: scenarios
-- question: Scenario Planning — always model three scenarios: Bear (70% confidence, -20% from plan), Base (50%, plan), Bull (30%, +20%) (seed 003, Phase 11; seed 001 Scenarios: what-if modeling, RevOps and Finance)
-- chart: table
-- metrics: confidence=scenario_confidence, plan_revenue, revenue=scenario_revenue, win_rate=scenario_win_rate, cycle_days=scenario_cycle_days, churn_rate=scenario_churn_rate, avg_deal=scenario_avg_deal, deals_needed=scenario_deals_needed, opportunities_needed=scenario_opportunities_needed, pipeline_needed=scenario_pipeline_needed, velocity_per_day=scenario_velocity, required_aes=scenario_required_aes
SELECT scenario, confidence, quarter, plan_revenue, revenue, win_rate, cycle_days, churn_rate,
       avg_deal, deals_needed, opportunities_needed, pipeline_needed, velocity_per_day, required_aes
FROM planning_scenarios
ORDER BY scenario_order;

-- name: capacity_plan
-- question: Capacity Model — Required AEs = Revenue Target / (Quota x Expected Attainment), with the ramp schedule (seed 003, Phase 6; revenue-plan.yaml capacity: aes_at_full_ramp, quota_per_ae, expected_attainment, productive_capacity, gap, hires_needed)
-- chart: table
-- metrics: target=capacity_target, aes=capacity_aes, quota_per_ae=capacity_quota_per_ae, achieved=capacity_achieved, attainment=capacity_attainment, expected_attainment=capacity_expected_attainment, required_aes=capacity_required_aes, ramped_aes=capacity_ramped_aes, productive_capacity=capacity_productive, gap=capacity_gap, hires_needed=capacity_hires_needed
-- dimensions: is_current, is_partial
SELECT quarter, is_current, is_current AS is_partial, target, aes, quota_per_ae, achieved, attainment, expected_attainment,
       required_aes, ramped_aes, productive_capacity, gap, hires_needed
FROM planning_capacity
WHERE (:start_date IS NULL OR quarter_end > :start_date) AND (:end_date IS NULL OR quarter_start <= :end_date)
  AND quarter_start <= (SELECT as_of FROM as_of_date)
ORDER BY quarter_start DESC;

-- name: forecast_calls
-- question: Forecast — revenue projections: Commit, Best Case, Pipeline as called by the AEs for the current quarter, against what is already won (seed 001, Forecast for Sales Leaders and Finance; seed 003 revops-dashboard.yaml forecast: commit, best_case, pipeline)
-- chart: bar
-- x: category
-- y: amount
-- additive: amount, reps
-- metrics: reps=forecast_call_reps, amount=forecast_call_amount
WITH p AS (SELECT a.as_of AS as_of FROM as_of_date AS a),
f AS (SELECT f.rep_id, f.category, f.amount, f.period_start, f.period_end,
             row_number() OVER (PARTITION BY f.rep_id, f.category ORDER BY f.submitted_date DESC) AS latest
      FROM forecast_submissions AS f JOIN reps AS r ON r.rep_id = f.rep_id, p
      WHERE f.period_start <= p.as_of AND f.period_end > p.as_of AND f.submitted_date < p.as_of
        AND (:segment IS NULL OR r.segment = :segment) AND (:region IS NULL OR r.region = :region))
SELECT category, count(*) AS reps, round(total(amount), 2) AS amount
FROM f WHERE latest = 1
GROUP BY category
UNION ALL
SELECT 'Closed (won so far)', count(DISTINCT o.owner_rep_id), round(total(o.amount), 2)
FROM opportunities AS o JOIN stages AS s ON s.stage = o.stage JOIN reps AS r ON r.rep_id = o.owner_rep_id, p
WHERE s.is_won = 1 AND o.opportunity_type = 'New Business' AND r.role = 'AE'
  AND o.close_date >= date(p.as_of, 'start of month', printf('-%d months', (CAST(strftime('%m', p.as_of) AS INTEGER) - 1) % 3))
  AND o.close_date < p.as_of
  AND (:segment IS NULL OR r.segment = :segment) AND (:region IS NULL OR r.region = :region);

-- name: monthly_review_headline
-- question: Monthly RevOps Review — Headline Metrics: ARR, Net New ARR, NRR, CAC Payback, Pipeline Coverage, Forecast Accuracy, actual against target (seed 003, Phase 12 monthly review template)
-- chart: table
-- metrics: actual=headline_actual, target=headline_target
WITH d AS (SELECT * FROM economics_dashboard)
SELECT 'ARR' AS metric, d.arr_current AS actual, NULL AS target, NULL AS status FROM d
UNION ALL SELECT 'Net New ARR (quarter to date)', d.arr_net_new, NULL, NULL FROM d
UNION ALL SELECT 'NRR', d.nrr, 1.05,
  (SELECT band FROM benchmarks WHERE metric = 'nrr' AND (min_value IS NULL OR d.nrr >= min_value) AND (max_value IS NULL OR d.nrr < max_value)) FROM d
UNION ALL SELECT 'CAC Payback (months)', d.cac_payback_months, 18,
  (SELECT band FROM benchmarks WHERE metric = 'cac_payback_months' AND (min_value IS NULL OR d.cac_payback_months >= min_value) AND (max_value IS NULL OR d.cac_payback_months < max_value)) FROM d
UNION ALL SELECT 'Pipeline Coverage', d.pipeline_coverage_ratio, 3.5,
  (SELECT band FROM benchmarks WHERE metric = 'pipeline_coverage' AND (min_value IS NULL OR d.pipeline_coverage_ratio >= min_value) AND (max_value IS NULL OR d.pipeline_coverage_ratio < max_value)) FROM d
UNION ALL SELECT 'Forecast Accuracy (MAPE)', d.forecast_mape, 0.15,
  (SELECT band FROM benchmarks WHERE metric = 'mape' AND (min_value IS NULL OR d.forecast_mape >= min_value) AND (max_value IS NULL OR d.forecast_mape < max_value)) FROM d;

-- name: cohort_retention
-- question: Cohort Analysis Framework — by acquisition month: do newer cohorts retain better? (seed 003, Phase 13); here by acquisition quarter, customers and MRR at their first month end against now
-- chart: table
-- additive: customers, retained_customers, start_mrr, mrr_now
-- metrics: customers=acq_cohort_customers, retained_customers=acq_cohort_retained, start_mrr=acq_cohort_start_mrr, mrr_now=acq_cohort_mrr_now, logo_retention=acq_cohort_logo_retention, nrr=acq_cohort_nrr
WITH p AS (SELECT coalesce(min(strftime('%Y-%m', :end_date, '+1 day', 'start of month', '-1 day'), month), month) AS month FROM revenue_calendar),
-- each customer's first month and MRR then (one row per customer), and
-- its MRR at p.month (0 if none)
k AS (SELECT account_id, first_month, start_mrr FROM revenue_customer_cohorts
      WHERE first_month <= (SELECT month FROM p)
        AND (:segment IS NULL OR segment = :segment) AND (:region IS NULL OR region = :region)
        AND (:channel IS NULL OR channel = :channel)),
n AS MATERIALIZED (SELECT account_id, mrr FROM revenue_customer_months WHERE month = (SELECT month FROM p)),
f AS (SELECT k.account_id, k.first_month, total(k.start_mrr) AS start_mrr, total(n.mrr) AS mrr_now
      FROM k LEFT JOIN n ON n.account_id = k.account_id GROUP BY k.account_id)
SELECT substr(first_month, 1, 4) || '-Q' || ((CAST(substr(first_month, 6, 2) AS INTEGER) + 2) / 3) AS cohort,
       count(*) AS customers, sum(mrr_now > 0) AS retained_customers,
       round(total(start_mrr), 2) AS start_mrr, round(total(mrr_now), 2) AS mrr_now,
       logo_retention(start_mrr, mrr_now) AS logo_retention, nrr(start_mrr, mrr_now) AS nrr
FROM f
WHERE first_month >= '2023-01'
  AND (:start_date IS NULL OR first_month >= substr(:start_date, 1, 7))
GROUP BY cohort
ORDER BY cohort;

-- name: ltv_by_channel
-- question: Lead source — which channels produce best LTV? (seed 003, Phase 13 cohort analysis)
-- chart: bar
-- x: channel
-- y: ltv
-- additive: customers, mrr, churned_customers, customer_months
-- metrics: customers=ltv_customers, mrr=ltv_mrr, arpa=ltv_arpa, churned_customers=ltv_churned_customers, customer_months=ltv_customer_months, monthly_churn_rate=ltv_monthly_churn, ltv=ltv_capped_10y
SELECT channel, sum(customers) AS customers, round(total(mrr), 2) AS mrr, total(mrr) / sum(customers) AS arpa,
       sum(churned_customers) AS churned_customers, sum(customer_months) AS customer_months,
       CAST(sum(churned_customers) AS REAL) / sum(customer_months) AS monthly_churn_rate,
       ltv(total(mrr) / sum(customers), max(gross_margin), CAST(sum(churned_customers) AS REAL) / sum(customer_months), 120) AS ltv
FROM economics_ltv_by_segment
WHERE (:segment IS NULL OR segment = :segment) AND (:region IS NULL OR region = :region)
  AND (:channel IS NULL OR channel = :channel)
GROUP BY channel
ORDER BY ltv DESC;

-- Issue 12: insights, actions, coaching, churn actions and alerts
-- (sql/views/80-88, docs/insights.md).

-- name: health_signals
-- question: What are the health signals of revops-dashboard.yaml: metric, status green / yellow / red, note? (seed 003 revops-dashboard.yaml health_signals: each insight card as a signal, critical red, warning yellow, info green; docs/insights.md)
-- chart: table
-- metrics: confidence=insight_confidence
SELECT rule AS metric, CASE severity WHEN 'critical' THEN 'red' WHEN 'warning' THEN 'yellow' ELSE 'green' END AS status,
       message AS note, confidence
FROM insight_cards
ORDER BY severity_order, confidence DESC, card_id;
