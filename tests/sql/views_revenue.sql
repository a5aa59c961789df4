-- The revenue and economics views (sql/views/50_revenue.sql,
-- 55_economics.sql) on five hand-made customers: the MRR waterfall by
-- segment, retention, the trailing 12 months' churn, the KPI row, billed
-- revenue, the quarterly unit economics and the dashboard's funnel
-- window.  Every expected figure is worked out by hand in the comments
-- from the month-end table below (the MRR engine's rule: a period
-- [start, end) counts at a month's end when it starts in that month or
-- before and ends in a later month).
.read tests/sql/lib/install.sql
INSERT INTO settings VALUES ('as_of', '2026-03-01');
INSERT INTO accounts (account_id, name, segment, region) VALUES
  ('C1', 'One', 'SMB', 'EMEA'), ('C2', 'Two', 'SMB', 'EMEA'), ('C3', 'Three', 'Enterprise', 'EMEA'),
  ('C4', 'Four', 'Enterprise', 'EMEA'), ('C5', 'Five', 'Mid-Market', 'EMEA');
INSERT INTO subscriptions (subscription_id, account_id, start_date, end_date, mrr) VALUES
  ('S1a', 'C1', '2025-01-10', '2025-12-15', 100),
  ('S1b', 'C1', '2025-12-15', NULL, 66.67),
  ('S2', 'C2', '2025-01-20', '2025-10-01', 50),
  ('S3a', 'C3', '2024-06-01', NULL, 1000),
  ('S3b', 'C3', '2025-06-01', NULL, 250.55),
  ('S4', 'C4', '2026-01-05', NULL, 400),
  ('S5', 'C5', '2024-11-01', '2025-03-10', 200);
-- Month-end MRR:
--   C1 (SMB)         2025-01 .. 2025-11: 100; from 2025-12: 66.67 (a contraction of 33.33)
--   C2 (SMB)         2025-01 .. 2025-09: 50; churned in 2025-10
--   C3 (Enterprise)  2024-06 .. 2025-05: 1000; from 2025-06: 1250.55 (an expansion of 250.55)
--   C4 (Enterprise)  from 2026-01: 400 (new)
--   C5 (Mid-Market)  2024-11 .. 2025-02: 200; churned in 2025-03
-- The as-of date 2026-03-01 makes 2026-02 the last month that has ended,
-- and 2025-02 the month 12 months before it.
SELECT 'revenue_calendar: month and the month a year before', month || ' ' || year_ago_month, '2026-02 2025-02' FROM revenue_calendar;

-- The waterfall by segment.  SMB in 2025-12: ends at 66.67 (C1), C1 lost
-- 33.33, so it started at 66.67 + 33.33 = 100; net -33.33; one customer
-- at both ends.
SELECT 'mrr_waterfall_by_segment: SMB 2025-12 contraction', contraction_mrr, 33.33 FROM mrr_waterfall_by_segment WHERE month = '2025-12' AND segment = 'SMB';
SELECT 'mrr_waterfall_by_segment: SMB 2025-12 starting, ending, net', starting_mrr || ' ' || ending_mrr || ' ' || net_new_mrr, '100.0 66.67 -33.33' FROM mrr_waterfall_by_segment WHERE month = '2025-12' AND segment = 'SMB';
SELECT 'mrr_waterfall_by_segment: SMB 2025-12 customers', starting_customers || ' ' || ending_customers, '1 1' FROM mrr_waterfall_by_segment WHERE month = '2025-12' AND segment = 'SMB';
-- SMB in 2025-10: C2's 50 churned; C1's 100 is left, so 150 at the start;
-- two customers then, one now.
SELECT 'mrr_waterfall_by_segment: SMB 2025-10 churn', starting_mrr || ' ' || churned_mrr || ' ' || ending_mrr || ' ' || starting_customers || ' ' || churned_customers || ' ' || ending_customers, '150.0 50.0 100.0 2 1 1' FROM mrr_waterfall_by_segment WHERE month = '2025-10' AND segment = 'SMB';
-- SMB in 2025-01: C1 and C2 new, 100 + 50.
SELECT 'mrr_waterfall_by_segment: SMB 2025-01 new', new_mrr || ' ' || new_customers || ' ' || starting_mrr, '150.0 2 0.0' FROM mrr_waterfall_by_segment WHERE month = '2025-01' AND segment = 'SMB';
-- Enterprise in 2025-06: C3 grew by 250.55 from 1000.
SELECT 'mrr_waterfall_by_segment: Enterprise 2025-06 expansion', starting_mrr || ' ' || expansion_mrr || ' ' || ending_mrr || ' ' || net_new_mrr, '1000.0 250.55 1250.55 250.55' FROM mrr_waterfall_by_segment WHERE month = '2025-06' AND segment = 'Enterprise';
-- Enterprise in 2026-01: C4 new with 400 on top of C3's 1250.55.
SELECT 'mrr_waterfall_by_segment: Enterprise 2026-01 new', starting_mrr || ' ' || new_mrr || ' ' || ending_mrr || ' ' || starting_customers || ' ' || ending_customers, '1250.55 400.0 1650.55 1 2' FROM mrr_waterfall_by_segment WHERE month = '2026-01' AND segment = 'Enterprise';
-- The company's waterfall in 2025-12 is the same contraction: 1350.55
-- (C1 100 + C3 1250.55) down to 1317.22.
SELECT 'mrr_waterfall_monthly: 2025-12', starting_mrr || ' ' || contraction_mrr || ' ' || ending_mrr, '1350.55 33.33 1317.22' FROM mrr_waterfall_monthly WHERE month = '2025-12';

-- Retention from 2025-02 to 2026-02: the customers paying at the end of
-- 2025-02 are C1 100, C2 50, C3 1000 and C5 200 (1350 in all; C4 came
-- later); in 2026-02 they pay 66.67, 0, 1250.55 and 0 (1317.22).
--   NRR 1317.22 / 1350 = 0.975718518...
--   GRR (66.67 + 0 + 1000 + 0) / 1350 = 1066.67 / 1350 = 0.790125925...
--   logo retention 2 of 4 = 0.5
SELECT 'revenue_retention: All 2026-02 cohort', start_month || ' ' || cohort_customers || ' ' || start_mrr || ' ' || end_mrr, '2025-02 4 1350.0 1317.22' FROM revenue_retention WHERE month = '2026-02' AND segment = 'All';
SELECT 'revenue_retention: All 2026-02 NRR GRR logo', round(nrr, 6) || ' ' || round(grr, 6) || ' ' || logo_retention, '0.975719 0.790126 0.5' FROM revenue_retention WHERE month = '2026-02' AND segment = 'All';
-- The snapshot month's rows kept on their own (as_of 2026-03-01: 2026-02):
-- the cohort above, customer by customer, and the customers paying at the
-- end of 2026-02: C1 66.67, C3 1250.55 and C4 400 (C2 and C5 have left:
-- end_mrr is the integer 0 of coalesce(mrr, 0)).
SELECT 'revenue_retention_customers_now: the 2026-02 cohort', group_concat(account_id || ' ' || start_mrr || ' ' || end_mrr, '; '),
       'C1 100.0 66.67; C2 50.0 0; C3 1000.0 1250.55; C5 200.0 0'
FROM (SELECT * FROM revenue_retention_customers_now WHERE month = '2026-02' AND start_month = '2025-02' ORDER BY account_id);
SELECT 'revenue_customer_months_now: the customers of 2026-02', group_concat(month || ' ' || account_id || ' ' || mrr, '; '),
       '2026-02 C1 66.67; 2026-02 C3 1250.55; 2026-02 C4 400.0'
FROM (SELECT * FROM revenue_customer_months_now ORDER BY account_id);
-- By segment: SMB 150 -> 66.67 (NRR = GRR = 0.444466..., one of two
-- kept); Enterprise 1000 -> 1250.55 (GRR capped at 1); Mid-Market 200 -> 0.
SELECT 'revenue_retention: SMB 2026-02', round(nrr, 6) || ' ' || round(grr, 6) || ' ' || logo_retention, '0.444467 0.444467 0.5' FROM revenue_retention WHERE month = '2026-02' AND segment = 'SMB';
SELECT 'revenue_retention: Enterprise 2026-02', nrr || ' ' || grr || ' ' || logo_retention, '1.25055 1.0 1.0' FROM revenue_retention WHERE month = '2026-02' AND segment = 'Enterprise';
SELECT 'revenue_retention: Mid-Market 2026-02', nrr || ' ' || grr || ' ' || logo_retention, '0.0 0.0 0.0' FROM revenue_retention WHERE month = '2026-02' AND segment = 'Mid-Market';
-- A customer of the cohort paying nothing now has end_mrr 0, not NULL.
SELECT 'revenue_retention_customers: a churned customer ends at 0', end_mrr, 0 FROM revenue_retention_customers WHERE month = '2026-02' AND account_id = 'C2';

-- The KPI row at 2026-02: 66.67 + 1250.55 + 400 = 1717.22 from three
-- customers, ARR 12 x 1717.22 = 20606.64; the same retention as above
-- (churn rate 1 - 0.5); nobody left in 2026-02.
SELECT 'revenue_kpis: MRR, ARR, customers', month || ' ' || mrr || ' ' || arr || ' ' || customers, '2026-02 1717.22 20606.64 3' FROM revenue_kpis;
SELECT 'revenue_kpis: retention and churn', round(nrr, 6) || ' ' || round(grr, 6) || ' ' || logo_retention || ' ' || churn_rate || ' ' || monthly_logo_churn, '0.975719 0.790126 0.5 0.5 0.0' FROM revenue_kpis;

-- Churn over the 12 months ending 2026-02 (movements of 2025-03 ..
-- 2026-02) over the customer-months at risk (month ends 2025-02 ..
-- 2026-01):
--   SMB         C2 churned in 2025-10; C1 12 months + C2 8 (2025-02 .. 09) = 20
--   Enterprise  nobody; C3 12 + C4 1 (2026-01) = 13
--   Mid-Market  C5 churned in 2025-03, the first month; 1 month (2025-02)
SELECT 'revenue_churn_12m: by segment', group_concat(segment || ':' || churned_customers || '/' || customer_months, ' '), 'Enterprise:0/13 Mid-Market:1/1 SMB:1/20' FROM (SELECT * FROM revenue_churn_12m ORDER BY segment);

-- MRR and ARR per segment at 2026-02: Enterprise 1250.55 + 400 = 1650.55
-- from two customers, ARR 19806.6.
SELECT 'revenue_mrr_monthly: Enterprise 2026-02', customers || ' ' || mrr || ' ' || arr, '2 1650.55 19806.6' FROM revenue_mrr_monthly WHERE month = '2026-02' AND segment = 'Enterprise';
-- Year on year: SMB 12 x 66.67 = 800.04 against 12 x 150 = 1800 (-0.5555333...);
-- Mid-Market 0 against 2400 (-1); C4 is new, so Enterprise 19806.6 against 12000.
SELECT 'revenue_growth_yoy: SMB', arr || ' ' || arr_year_ago || ' ' || round(yoy_growth, 6), '800.04 1800.0 -0.555533' FROM revenue_growth_yoy WHERE segment = 'SMB';
SELECT 'revenue_growth_yoy: Mid-Market gone', arr || ' ' || arr_year_ago || ' ' || customers || ' ' || yoy_growth, '0 2400.0 0 -1.0' FROM revenue_growth_yoy WHERE segment = 'Mid-Market';

-- Billed: C1's invoices of 2026-02 are 100 (open) and 50 (void: not
-- revenue); 70 dated on the as-of day is not in yet.
INSERT INTO invoices (invoice_id, account_id, invoice_date, due_date, amount, status) VALUES
  ('V1', 'C1', '2026-02-10', '2026-03-12', 100, 'open'),
  ('V2', 'C1', '2026-02-11', '2026-03-13', 50, 'void'),
  ('V3', 'C1', '2026-03-01', '2026-03-31', 70, 'open');
SELECT 'revenue_billed_monthly: SMB 2026-02 without the void invoice', invoices || ' ' || invoiced, '1 100.0' FROM revenue_billed_monthly WHERE month = '2026-02' AND segment = 'SMB';
SELECT 'revenue_billed_monthly: nothing dated on the as-of day', count(*), 0 FROM revenue_billed_monthly WHERE month = '2026-03';

-- ---------------------------------------------------------- economics
-- Finance: 2025-10 .. 2025-12 revenue 2000, margin 0.8, sales 1000 and
-- marketing 500, burn 100 a month; 2026-01 .. 02 revenue 3000, margin
-- 0.5, sales 2000 and marketing 1000, burn 500; 2025-02 revenue 1000,
-- margin 0.1 (12 months before 2026-02: outside the trailing 12 months).
INSERT INTO company_financials (month, revenue, sales_spend, marketing_spend, gross_margin, net_burn) VALUES
  ('2025-02', 1000, 0, 0, 0.1, 0),
  ('2025-10', 2000, 1000, 500, 0.8, 100), ('2025-11', 2000, 1000, 500, 0.8, 100), ('2025-12', 2000, 1000, 500, 0.8, 100),
  ('2026-01', 3000, 2000, 1000, 0.5, 500), ('2026-02', 3000, 2000, 1000, 0.5, 500);
-- 2025-Q4 (October .. December): it starts at the end of September with
-- C1 100 + C2 50 + C3 1250.55 = 1400.55 (ARR 16806.6) and ends in
-- December at 1317.22 (ARR 15806.64): net -999.96; C2 churned (ARR 600),
-- C1 contracted by 33.33 (ARR 399.96); customers at the month starts
-- 3 + 2 + 2 = 7, so churn 1 / 7 a month; ARPA 1317.22 / 2 = 658.61.
SELECT 'economics_quarterly: 2025-Q4 ARR bridge', months || ' ' || starting_arr || ' ' || contraction_arr || ' ' || churned_arr || ' ' || ending_arr || ' ' || net_new_arr, '3 16806.6 399.96 600.0 15806.64 -999.96' FROM economics_quarterly WHERE quarter = '2025-Q4';
SELECT 'economics_quarterly: 2025-Q4 customers', new_customers || ' ' || churned_customers || ' ' || ending_customers || ' ' || arpa || ' ' || round(monthly_churn_rate, 6), '0 1 2 658.61 0.142857' FROM economics_quarterly WHERE quarter = '2025-Q4';
-- Spend 3 x (1000 + 500) = 4500, margin 0.8, burn 300; quick ratio
-- nothing gained over 33.33 + 50 lost = 0.
SELECT 'economics_quarterly: 2025-Q4 finance', sm_spend || ' ' || gross_margin || ' ' || net_burn || ' ' || quick_ratio, '4500.0 0.8 300.0 0.0' FROM economics_quarterly WHERE quarter = '2025-Q4';
-- 2026-Q1 to date (2 months): 1317.22 -> 1717.22, C4's 400 new (ARR 4800);
-- spend 2 x 3000 = 6000 for one new customer (CAC 6000); magic number
-- 4800 / Q4's 4500 = 1.0666...; burn 1000 / 4800 = 0.208333...
SELECT 'economics_quarterly: 2026-Q1 to date', months || ' ' || starting_arr || ' ' || new_arr || ' ' || ending_arr || ' ' || net_new_arr || ' ' || new_customers, '2 15806.64 4800.0 20606.64 4800.0 1' FROM economics_quarterly WHERE quarter = '2026-Q1';
SELECT 'economics_quarterly: 2026-Q1 efficiency', cac || ' ' || prior_sm_spend || ' ' || round(magic_number, 6) || ' ' || round(burn_multiple, 6), '6000.0 4500.0 1.066667 0.208333' FROM economics_quarterly WHERE quarter = '2026-Q1';
-- LTV by segment: margin over the 12 months 2025-03 .. 2026-02, revenue
-- weighted: (3 x 2000 x 0.8 + 2 x 3000 x 0.5) / 12000 = 7800 / 12000 =
-- 0.65; SMB pays 66.67 from one customer and churns 1 / 20 a month (see
-- revenue_churn_12m): LTV 66.67 x 0.65 / 0.05 = 866.71.
SELECT 'economics_ltv_by_segment: SMB', customers || ' ' || arpa || ' ' || monthly_churn_rate || ' ' || gross_margin || ' ' || ltv, '1 66.67 0.05 0.65 866.71' FROM economics_ltv_by_segment WHERE segment = 'SMB';

-- The dashboard row: the funnel counts leads that became MQL in the
-- trailing 12 months, 2025-03-01 < mql_date <= 2026-03-01:
--   LD1 MQL 2025-03-02 (the first day), SQL            in
--   LD2 MQL 2026-03-01 (the as-of day)                 in
--   LD3 MQL 2025-03-01 (12 months before), SQL         out
--   LD4 MQL 2025-06-01, SQL, opportunity OW won        in
--   LD5 MQL 2026-03-02 (after)                         out
-- MQL 3, SQL 2, opportunities 1, won 1: MQL -> SQL 2/3, SQL -> opp 1/2,
-- full funnel 1/3.
INSERT INTO opportunities (opportunity_id, account_id, stage, amount, created_date, close_date) VALUES
  ('OW', 'C3', 'Closed Won', 1000, '2025-06-06', '2025-07-01');
INSERT INTO leads (lead_id, created_date, channel, mql_date, sql_date, opportunity_id) VALUES
  ('LD1', '2025-02-20', 'Webinar', '2025-03-02', '2025-03-10', NULL),
  ('LD2', '2026-02-01', 'Webinar', '2026-03-01', NULL, NULL),
  ('LD3', '2025-02-01', 'Webinar', '2025-03-01', '2025-03-05', NULL),
  ('LD4', '2025-05-01', 'Webinar', '2025-06-01', '2025-06-05', 'OW'),
  ('LD5', '2026-02-15', 'Webinar', '2026-03-02', NULL, NULL);
SELECT 'economics_dashboard: the funnel over the trailing 12 months', round(conversion_mql_to_sql, 6) || ' ' || conversion_sql_to_opp || ' ' || round(conversion_full_funnel, 6), '0.666667 0.5 0.333333' FROM economics_dashboard;
-- The quarter to date is 2026-Q1, the efficiency quarter the last whole
-- one, 2025-Q4.
SELECT 'economics_dashboard: periods and ARR', period || ' ' || efficiency_quarter || ' ' || arr_beginning_of_quarter || ' ' || arr_current || ' ' || arr_new_business, '2026-Q1 2025-Q4 15806.64 20606.64 4800.0' FROM economics_dashboard;

-- A customer without a segment (C6, 10 a month since 2024-12) is a
-- retention row of its own, segment NULL, and counts in the company's:
-- one 'All' row for 2026-02 (it was labelled 'All' too, a second row).
-- Company: start 1350 + 10 = 1360, end 1317.22 + 10 = 1327.22, 5
-- customers; NRR 1327.22 / 1360 = 0.975897..., GRR (1066.67 + 10) / 1360
-- = 0.791669..., logo 3 of 5.
INSERT INTO accounts (account_id, name, segment, region) VALUES ('C6', 'Six', NULL, 'EMEA');
INSERT INTO subscriptions (subscription_id, account_id, start_date, end_date, mrr) VALUES ('S6', 'C6', '2024-12-01', NULL, 10);
SELECT 'revenue_retention: one All row a month, customers without a segment apart', (SELECT count(*) FROM revenue_retention WHERE month = '2026-02' AND segment = 'All') || ' ' || (SELECT cohort_customers || ' ' || start_mrr || ' ' || end_mrr || ' ' || nrr || ' ' || grr || ' ' || logo_retention FROM revenue_retention WHERE month = '2026-02' AND segment IS NULL), '1 1 10.0 10.0 1.0 1.0 1.0';
SELECT 'revenue_retention: the company with C6', cohort_customers || ' ' || start_mrr || ' ' || end_mrr || ' ' || round(nrr, 6) || ' ' || round(grr, 6) || ' ' || logo_retention, '5 1360.0 1327.22 0.975897 0.791669 0.6' FROM revenue_retention WHERE month = '2026-02' AND segment = 'All';

-- economics_dashboard's forecast error is forecast_calls' (each rep's
-- first Commit call, 40_forecast.sql; tests/sql/views_pipeline.sql).  The
-- last quarter closed by 2026-03-01 is 2025-Q4.  F2 called 10000 on
-- 2025-10-05 and 8000 on 2025-12-20 and won 8000; F1 called 4000 and won
-- 5000.  First calls: errors 0.25 and 0.2, MAPE 0.225; actual against
-- forecast 13000 / 14000 - 1 = -0.071428...  (The last calls would give
-- MAPE 0.1 and 13000 / 12000 - 1 = 0.083333...)
INSERT INTO reps (rep_id, name, role) VALUES ('F1', 'Fay', 'AE'), ('F2', 'Fox', 'AE');
INSERT INTO opportunities (opportunity_id, account_id, owner_rep_id, stage, amount, created_date, close_date) VALUES
  ('FX1', 'C2', 'F2', 'Closed Won', 8000, '2025-09-01', '2025-11-15'),
  ('FX2', 'C1', 'F1', 'Closed Won', 5000, '2025-09-01', '2025-12-10');
INSERT INTO forecast_submissions (rep_id, period_start, period_end, submitted_date, category, amount) VALUES
  ('F2', '2025-10-01', '2026-01-01', '2025-10-05', 'Commit', 10000),
  ('F2', '2025-10-01', '2026-01-01', '2025-12-20', 'Commit', 8000),
  ('F1', '2025-10-01', '2026-01-01', '2025-11-01', 'Commit', 4000);
SELECT 'economics_dashboard: MAPE and actual against forecast of the first calls, last closed quarter', round(forecast_mape, 6) || ' ' || round(forecast_actual_vs_forecast_last_quarter, 6), '0.225 -0.071429' FROM economics_dashboard;
