-- Unit economics (SPEC section 4, seed 003 Tier 1, seed 000).  Every
-- expected value is worked out in the comment beside it.

-- cac = spend / new customers.
SELECT 'cac 120000 / 40', cac(120000, 40), 3000.0;
SELECT 'cac a REAL', typeof(cac(120000, 40)), 'real';
SELECT 'cac 0 customers -> NULL', cac(120000, 0), NULL;
SELECT 'cac 0 spend', cac(0, 10), 0.0;
-- 100 / 3 = 33.333... -> 33.33; 0.05 / 10 = 0.005 -> 0.01 (half away from zero)
SELECT 'cac rounds to the cent', cac(100, 3), 33.33;
SELECT 'cac half cent rounds up', cac(0.05, 10), 0.01;
-- attributed customers: 5000 / 2.5 = 2000
SELECT 'cac fractional customers', cac(5000, 2.5), 2000.0;
-- a large whole amount stays whole: 9000000 / 1 = 9000000
SELECT 'cac large whole amount', cac(9000000, 1), 9000000.0;
SELECT 'cac NULL spend', cac(NULL, 40), NULL;
SELECT 'cac NULL customers', cac(120000, NULL), NULL;

-- ltv = arpa x gross margin / churn, lifetime capped at max_months.
SELECT 'ltv 1000 x 0.8 / 0.02', ltv(1000, 0.8, 0.02), 40000.0;
SELECT 'ltv churn 0 -> NULL', ltv(1000, 0.8, 0), NULL;
SELECT 'ltv churn 0, cap 60 -> 800 x 60', ltv(1000, 0.8, 0, 60), 48000.0;
SELECT 'ltv cap binds: 50-month lifetime, cap 24 -> 800 x 24', ltv(1000, 0.8, 0.02, 24), 19200.0;
SELECT 'ltv cap does not bind: 50 months within 60', ltv(1000, 0.8, 0.02, 60), 40000.0;
SELECT 'ltv cap equal to the lifetime', ltv(1000, 0.8, 0.02, 50), 40000.0;
SELECT 'ltv NULL cap = no cap', ltv(1000, 0.8, 0.02, NULL), 40000.0;
SELECT 'ltv NULL cap, churn 0 -> NULL', ltv(1000, 0.8, 0, NULL), NULL;
SELECT 'ltv cap 0', ltv(1000, 0.8, 0.02, 0), 0.0;
SELECT 'ltv churn 1 (everyone leaves after one period)', ltv(1000, 0.8, 1), 800.0;
SELECT 'ltv gross margin 0', ltv(1000, 0, 0.02), 0.0;
-- 99.99 x 0.75 / 0.03 = 2499.75
SELECT 'ltv cents', ltv(99.99, 0.75, 0.03), 2499.75;
-- 100 x 0.7 / 0.03 = 2333.333... -> 2333.33
SELECT 'ltv rounds to the cent', ltv(100, 0.7, 0.03), 2333.33;
SELECT 'ltv NULL arpa', ltv(NULL, 0.8, 0.02), NULL;
SELECT 'ltv NULL margin', ltv(1000, NULL, 0.02, 24), NULL;
SELECT 'ltv NULL churn', ltv(1000, 0.8, NULL), NULL;

-- ltv_cac = ltv / cac (seed 003: > 3).
SELECT 'ltv_cac 40000 / 10000', ltv_cac(40000, 10000), 4.0;
SELECT 'ltv_cac 9000 / 3000', ltv_cac(9000, 3000), 3.0;
SELECT 'ltv_cac cac 0 -> NULL', ltv_cac(40000, 0), NULL;
SELECT 'ltv_cac of the functions: 40000 / 3000', round(ltv_cac(ltv(1000, 0.8, 0.02), cac(120000, 40)), 6), 13.333333;
SELECT 'ltv_cac is not rounded: 1 / 3', ltv_cac(1, 3), 1.0 / 3;
SELECT 'ltv_cac NULL', ltv_cac(NULL, 3000), NULL;

-- cac_payback_months = cac / (arpa x gross margin).
SELECT 'payback 12000 / 800', cac_payback_months(12000, 1000, 0.8), 15.0;
SELECT 'payback arpa 0 -> NULL', cac_payback_months(12000, 0, 0.8), NULL;
SELECT 'payback margin 0 -> NULL', cac_payback_months(12000, 1000, 0), NULL;
SELECT 'payback cac 0', cac_payback_months(0, 1000, 0.8), 0.0;
-- CAC 18000, ARPA 2000 per month at 75 %: 18000 / 1500 = 12 months, the
-- edge of seed 003's "great" (< 12)
SELECT 'payback 18000 / 1500', cac_payback_months(18000, 2000, 0.75), 12.0;
SELECT 'payback NULL', cac_payback_months(12000, NULL, 0.8), NULL;

-- magic_number = net new ARR / prior quarter S&M spend; never x4.
SELECT 'magic 750000 / 1000000', magic_number(750000, 1000000), 0.75;
SELECT 'magic 1.2M / 1M', magic_number(1200000, 1000000), 1.2;
SELECT 'magic shrinking quarter', magic_number(-100000, 500000), -0.2;
SELECT 'magic no spend -> NULL', magic_number(750000, 0), NULL;
SELECT 'magic no growth', magic_number(0, 500000), 0.0;
-- Net new ARR from a quarter's ARR movements (seed 003 dashboard YAML):
-- new 400000 + expansion 150000 - contraction 50000 - churned 100000 = 400000;
-- on 800000 of prior spend: 0.5.
SELECT 'magic from movements', magic_number(400000 + 150000 - 50000 - 100000, 800000), 0.5;
SELECT 'magic NULL', magic_number(NULL, 500000), NULL;

-- burn_multiple = net burn / net new ARR; no growth -> NULL.
SELECT 'burn 1.5M / 1M', burn_multiple(1500000, 1000000), 1.5;
SELECT 'burn elite 0.8', burn_multiple(800000, 1000000), 0.8;
SELECT 'burn no growth -> NULL', burn_multiple(1500000, 0), NULL;
SELECT 'burn shrinking -> NULL', burn_multiple(1500000, -200000), NULL;
SELECT 'burn cash generative', burn_multiple(-300000, 1000000), -0.3;
SELECT 'burn 0', burn_multiple(0, 1000000), 0.0;
SELECT 'burn NULL', burn_multiple(1500000, NULL), NULL;

-- quick_ratio = (new + expansion + reactivation) / (contraction + churned).
SELECT 'quick (100 + 50 + 10) / (20 + 20)', quick_ratio(100, 50, 10, 20, 20), 4.0;
SELECT 'quick nothing lost -> NULL', quick_ratio(100, 50, 10, 0, 0), NULL;
SELECT 'quick only churn', quick_ratio(0, 0, 0, 0, 50), 0.0;
SELECT 'quick only contraction counts', quick_ratio(30, 0, 0, 10, 0), 3.0;
-- cents: (10.5 + 0.25 + 0.25) / (2.75 + 2.75) = 11 / 5.5 = 2
SELECT 'quick cents', quick_ratio(10.5, 0.25, 0.25, 2.75, 2.75), 2.0;
SELECT 'quick NULL reactivation', quick_ratio(100, 50, NULL, 20, 20), NULL;

-- roi = (revenue - spend) / spend (seed 000 without the x100).
SELECT 'roi 150000 on 50000', roi(150000, 50000), 2.0;
SELECT 'roi loss', roi(30000, 50000), -0.4;
SELECT 'roi break even', roi(50000, 50000), 0.0;
SELECT 'roi no revenue', roi(0, 50000), -1.0;
SELECT 'roi spend 0 -> NULL', roi(150000, 0), NULL;
SELECT 'roi NULL', roi(NULL, 50000), NULL;

-- arr = mrr x 12.
SELECT 'arr 1000', arr(1000), 12000.0;
SELECT 'arr 83.33 -> 999.96', arr(83.33), 999.96;
SELECT 'arr 0.005 x 12 = 0.06', arr(0.005), 0.06;
SELECT 'arr a negative movement', arr(-500), -6000.0;
SELECT 'arr integer input gives REAL', typeof(arr(1)), 'real';
-- 41666.67 x 12 = 500000.04
SELECT 'arr large', arr(41666.67), 500000.04;
SELECT 'arr NULL', arr(NULL), NULL;
-- arr of a column's sum: (100 + 50 + 0.12) x 12 = 1801.44
WITH t(mrr) AS (VALUES (100), (50), (0.12))
SELECT 'arr of a sum', arr(sum(mrr)), 1801.44 FROM t;
