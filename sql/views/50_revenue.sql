-- sql/views/50_revenue.sql — recurring revenue (seed 000 Revenue tab, seed
-- 003 Tier 1 board metrics and revops-dashboard.yaml `arr`/`retention`,
-- seed 004 board and CEO financial metrics).
--
-- MRR is the MRR engine's month-end snapshot (docs/mrr.md): mrr_months and
-- mrr_movements over the schema's subscription_mrr view, so every figure
-- here reconciles with mrr_waterfall to the cent.  The months run to the
-- last month that has ended before the as-of date (as_of 2026-03-01 ->
-- 2026-02): a month-end snapshot of a month still running would be a
-- guess.  Dimensions are the account's segment, region and acquisition
-- channel (account_dimensions below); "today" is
-- (SELECT as_of FROM as_of_date) (00_as_of.sql).

-- Question: which segment, region, acquisition channel, owner and CSM does
-- each account belong to?  (seed 000 shared filters: segments, channels,
-- regions)  The channel of an account is where it came from: the channel
-- of its first won new-business deal, else of its first lead, else its
-- first contact's original source (customers older than the CRM have only
-- that).  One row per account.
DROP VIEW IF EXISTS account_dimensions;
CREATE VIEW account_dimensions AS
SELECT a.account_id, a.name AS account_name, a.segment, a.region, a.territory,
       coalesce(
         (SELECT o.channel FROM opportunities AS o JOIN stages AS s ON s.stage = o.stage
          WHERE o.account_id = a.account_id AND s.is_won = 1 AND o.opportunity_type = 'New Business'
            AND o.channel IS NOT NULL
          ORDER BY o.close_date, o.opportunity_id LIMIT 1),
         (SELECT l.channel FROM leads AS l WHERE l.account_id = a.account_id
          ORDER BY l.created_date, l.lead_id LIMIT 1),
         (SELECT c.original_source FROM contacts AS c WHERE c.account_id = a.account_id
            AND c.original_source IS NOT NULL
          ORDER BY c.created_date, c.contact_id LIMIT 1)) AS channel,
       a.owner_rep_id, a.csm_rep_id, a.icp_tier, a.industry
FROM accounts AS a;

-- Question: up to which month do the month-end figures run, and where do
-- the trailing windows start?  (one as-of date for every money view)
-- month: the last month that ended before the as-of date; year_ago_month
-- 12 months earlier (NRR, GRR, YoY); quarter_start: the first month of the
-- quarter that month is in.  An as-of date before year 2 (the schema
-- accepts dates from 0000-01-01) counts as 0002-01-01, so every month
-- named here, and the months before it that the views ask the MRR engine
-- for, is a month (no year -1).
DROP VIEW IF EXISTS revenue_calendar;
CREATE VIEW revenue_calendar AS
WITH a AS (SELECT as_of, max(as_of, '0002-01-01') AS d FROM as_of_date)
SELECT as_of,
       strftime('%Y-%m', d, 'start of month', '-1 day') AS month,
       date(d, 'start of month', '-1 day') AS month_end,
       strftime('%Y-%m', d, 'start of month', '-13 months') AS year_ago_month,
       strftime('%Y-%m', d, 'start of month', '-1 day', 'start of month',
                printf('-%d months', (CAST(strftime('%m', d, 'start of month', '-1 day') AS INTEGER) - 1) % 3)) AS quarter_start
FROM a;

-- Question: what did each customer pay per month?  (seed 000 MRR; seed 004
-- monthly_recurring_revenue)  One row per customer and month with MRR > 0
-- at the month end, through revenue_calendar.month; arr = arr(mrr).
DROP VIEW IF EXISTS revenue_customer_months;
CREATE VIEW revenue_customer_months AS
WITH d AS MATERIALIZED (SELECT account_id, segment, region, channel FROM account_dimensions
                   -- the MRR engine's customers are subscription accounts: the
                   -- channel of those only (a third of the accounts at SCALE=10)
                   WHERE account_id IN (SELECT account_id FROM subscriptions))
SELECT m.month, m.customer_id AS account_id, d.segment, d.region, d.channel,
       m.mrr, arr(m.mrr) AS arr
FROM mrr_months('subscription_mrr', NULL, (SELECT month FROM revenue_calendar)) AS m
LEFT JOIN d ON d.account_id = m.customer_id;

-- Question: when did each customer start paying, and how much?  (seed
-- 004 board "cohort analysis"; seed 003 cohort retention)  One row per
-- customer of revenue_customer_months: its first month with MRR > 0
-- through revenue_calendar.month and that month's MRR (SQLite gives a bare
-- column the value of the row min() chose).  A cohort table reads these
-- 1 row per customer instead of every customer-month.
DROP VIEW IF EXISTS revenue_customer_cohorts;
CREATE VIEW revenue_customer_cohorts AS
SELECT account_id, segment, region, channel, min(month) AS first_month, mrr AS start_mrr
FROM revenue_customer_months
GROUP BY account_id;

-- Question: who pays what at the last month end?  (the current customers
-- every account view starts from)  revenue_customer_months for
-- revenue_calendar.month alone, computed for that month only.
DROP VIEW IF EXISTS revenue_customers_now;
CREATE VIEW revenue_customers_now AS
SELECT m.month, m.customer_id AS account_id, d.segment, d.region, d.channel, m.mrr, arr(m.mrr) AS arr
FROM mrr_months('subscription_mrr', (SELECT month FROM revenue_calendar), (SELECT month FROM revenue_calendar)) AS m
-- not materialised: the dimensions (the channel's three lookups) of the
-- paying customers only, not of every account (SCALE=10: 0.25 -> 0.11 s)
LEFT JOIN account_dimensions AS d ON d.account_id = m.customer_id;

-- Question: how many customers did we lose over the last 12 months, out
-- of how many customer-months at risk, by segment, region and channel?
-- (seed 003 LTV's churn rate; seed 000 churn rate)  churned_customers: the
-- 'churned' movements of the 12 months ending revenue_calendar.month;
-- customer_months: the paying customers at each of the 12 month ends
-- before those months (the waterfall's starting customers), so
-- churned / customer_months is a monthly logo churn rate.  The MRR engine
-- is asked for those months only.  Additive: both columns.
DROP VIEW IF EXISTS revenue_churn_12m;
CREATE VIEW revenue_churn_12m AS
WITH cal AS (SELECT month, year_ago_month FROM revenue_calendar),
d AS MATERIALIZED (SELECT account_id, segment, region, channel FROM account_dimensions),
s AS (SELECT customer_id, count(*) AS months_at_risk
      FROM mrr_months('subscription_mrr', (SELECT year_ago_month FROM cal),
                      (SELECT strftime('%Y-%m', month || '-01', '-1 month') FROM cal))
      GROUP BY customer_id),
c AS (SELECT customer_id, count(*) AS churned
      FROM mrr_movements('subscription_mrr', (SELECT strftime('%Y-%m', year_ago_month || '-01', '+1 month') FROM cal),
                         (SELECT month FROM cal))
      WHERE movement = 'churned'
      GROUP BY customer_id)
SELECT d.segment, d.region, d.channel, sum(coalesce(c.churned, 0)) AS churned_customers,
       sum(s.months_at_risk) AS customer_months
FROM s
LEFT JOIN c ON c.customer_id = s.customer_id
LEFT JOIN d ON d.account_id = s.customer_id
GROUP BY d.segment, d.region, d.channel;

-- Question: what are MRR and ARR, and how many paying customers, per month
-- and segment?  (seed 000 Revenue KPI cards and "MRR by Segment"; seed 004
-- monthly_recurring_revenue)  Additive: customers, mrr, arr.
DROP VIEW IF EXISTS revenue_mrr_monthly;
CREATE VIEW revenue_mrr_monthly AS
SELECT month, segment, region, channel, count(*) AS customers, round(total(mrr), 2) AS mrr, arr(total(mrr)) AS arr
FROM revenue_customer_months
GROUP BY month, segment, region, channel;

-- Question: how did MRR move from one month end to the next, for the whole
-- company?  (seed 000 MRR Waterfall: starting, new, expansion, contraction,
-- churn, ending; seed 003 ARR bridge)  mrr_waterfall itself.
DROP VIEW IF EXISTS mrr_waterfall_monthly;
CREATE VIEW mrr_waterfall_monthly AS
SELECT * FROM mrr_waterfall('subscription_mrr', NULL, (SELECT month FROM revenue_calendar));

-- Question: which customer moved, when, and in which segment, region and
-- channel?  (seed 000 "pinpoint segments driving expansion or suffering
-- contraction")  mrr_movements with the account's dimensions.
DROP VIEW IF EXISTS revenue_movements;
CREATE VIEW revenue_movements AS
WITH d AS MATERIALIZED (SELECT account_id, segment, region, channel FROM account_dimensions
                   -- the MRR engine's customers are subscription accounts: the
                   -- channel of those only (a third of the accounts at SCALE=10)
                   WHERE account_id IN (SELECT account_id FROM subscriptions))
SELECT m.month, m.customer_id AS account_id, d.segment, d.region, d.channel,
       m.movement, m.amount, m.prev_mrr, m.curr_mrr
FROM mrr_movements('subscription_mrr', NULL, (SELECT month FROM revenue_calendar)) AS m
LEFT JOIN d ON d.account_id = m.customer_id;

-- Question: the MRR waterfall by segment, region and channel?  (seed 000
-- MRR Waterfall under the shared filters)  Every column is a sum over
-- customers, so rows add up to mrr_waterfall_monthly for each month and
-- any filter gives the waterfall of that slice: ending from the month-end
-- snapshot, the movements from mrr_movements, and starting = ending - net
-- movement (the waterfall identity, exact per customer).
DROP VIEW IF EXISTS mrr_waterfall_by_segment;
CREATE VIEW mrr_waterfall_by_segment AS
-- the month-end MRR and the movements are each grouped on their own (two
-- narrow sorts of 700,000 and 130,000 rows at SCALE=10 instead of one of
-- both with fourteen columns) and the groups joined
WITH e AS (SELECT month, segment, region, channel, total(mrr) AS ending, count(*) AS ending_n
           FROM revenue_customer_months GROUP BY month, segment, region, channel),
m AS (SELECT month, segment, region, channel,
             total(CASE movement WHEN 'new' THEN amount ELSE 0 END) AS new,
             total(CASE movement WHEN 'expansion' THEN amount ELSE 0 END) AS expansion,
             total(CASE movement WHEN 'reactivation' THEN amount ELSE 0 END) AS reactivation,
             total(CASE movement WHEN 'contraction' THEN amount ELSE 0 END) AS contraction,
             total(CASE movement WHEN 'churned' THEN amount ELSE 0 END) AS churned,
             sum(movement = 'new') AS new_n, sum(movement = 'reactivation') AS reactivated_n,
             sum(movement = 'churned') AS churned_n
      FROM revenue_movements GROUP BY month, segment, region, channel),
parts AS (
  SELECT month, segment, region, channel, ending, ending_n,
         0 AS new, 0 AS expansion, 0 AS reactivation, 0 AS contraction, 0 AS churned,
         0 AS new_n, 0 AS reactivated_n, 0 AS churned_n
  FROM e
  UNION ALL
  SELECT month, segment, region, channel, 0, 0, new, expansion, reactivation, contraction, churned,
         new_n, reactivated_n, churned_n
  FROM m)
-- each group has at most one row of each kind, the other's columns 0:
-- the sums below are the two groupings' sums exactly
SELECT month, segment, region, channel,
       round(total(ending) - total(new) - total(expansion) - total(reactivation)
             + total(contraction) + total(churned), 2) AS starting_mrr,
       round(total(new), 2) AS new_mrr, round(total(expansion), 2) AS expansion_mrr,
       round(total(reactivation), 2) AS reactivation_mrr, round(total(contraction), 2) AS contraction_mrr,
       round(total(churned), 2) AS churned_mrr, round(total(ending), 2) AS ending_mrr,
       round(total(new) + total(expansion) + total(reactivation) - total(contraction) - total(churned), 2) AS net_new_mrr,
       sum(ending_n) - sum(new_n) - sum(reactivated_n) + sum(churned_n) AS starting_customers,
       sum(new_n) AS new_customers, sum(reactivated_n) AS reactivated_customers,
       sum(churned_n) AS churned_customers, sum(ending_n) AS ending_customers
FROM parts
GROUP BY month, segment, region, channel;

-- Question: of the customers paying 12 months ago, what do they pay now?
-- (seed 003 NRR, GRR, logo retention; seed 004 board "overall customer
-- retention rate")  One row per customer with MRR at the end of
-- start_month, for every month that has a month 12 months earlier; feed
-- nrr(start_mrr, end_mrr), grr(...) and logo_retention(...).
DROP VIEW IF EXISTS revenue_retention_customers;
CREATE VIEW revenue_retention_customers AS
WITH cm AS MATERIALIZED (SELECT month, account_id, segment, region, channel, mrr FROM revenue_customer_months)
SELECT e.month, s.month AS start_month, s.account_id, s.segment, s.region, s.channel,
       s.mrr AS start_mrr, coalesce(c.mrr, 0) AS end_mrr
FROM (SELECT DISTINCT month FROM cm) AS e
JOIN cm AS s ON s.month = strftime('%Y-%m', e.month || '-01', '-12 months')
LEFT JOIN cm AS c ON c.account_id = s.account_id AND c.month = e.month;

-- Question: which rows of revenue_customer_months and of
-- revenue_retention_customers are the snapshot month's (revenue_calendar.
-- month)?  The same rows, kept on their own (sql/views/99_derived.sql):
-- the board, CEO and customer-success panels read the snapshot month
-- unless a query sets :end_date, and picking it out of the 1.4 and 1.1
-- million cached rows cost 0.25-0.4 s a query at SCALE=20 (a month test
-- with a subquery does not reach inside a kept view: docs/views.md).
DROP VIEW IF EXISTS revenue_customer_months_now;
CREATE VIEW revenue_customer_months_now AS
SELECT * FROM revenue_customer_months WHERE month = (SELECT month FROM revenue_calendar);

DROP VIEW IF EXISTS revenue_retention_customers_now;
CREATE VIEW revenue_retention_customers_now AS
SELECT * FROM revenue_retention_customers WHERE month = (SELECT month FROM revenue_calendar);

-- Question: what are NRR, GRR and logo retention over the trailing 12
-- months, by segment?  (seed 003 Tier 1: NRR good 105%+, GRR good 85%+;
-- seed 000 "average net revenue retention")  segment 'All' is the company;
-- the customers without a segment are a row of their own, segment NULL
-- (they were labelled 'All' too: two 'All' rows in a month).
DROP VIEW IF EXISTS revenue_retention;
CREATE VIEW revenue_retention AS
SELECT month, start_month, segment, count(*) AS cohort_customers,
       round(total(start_mrr), 2) AS start_mrr, round(total(end_mrr), 2) AS end_mrr,
       nrr(start_mrr, end_mrr) AS nrr, grr(start_mrr, end_mrr) AS grr,
       logo_retention(start_mrr, end_mrr) AS logo_retention
FROM revenue_retention_customers
GROUP BY month, start_month, segment
UNION ALL
SELECT month, start_month, 'All', count(*), round(total(start_mrr), 2), round(total(end_mrr), 2),
       nrr(start_mrr, end_mrr), grr(start_mrr, end_mrr), logo_retention(start_mrr, end_mrr)
FROM revenue_retention_customers
GROUP BY month, start_month;

-- Question: why do customers leave or shrink, by segment?  (seed 000 Churn
-- Reasons table: "ranks quitting drivers by segment and count")  One row
-- per month, dimensions and reason; additive: churned, contracted, mrr_lost.
DROP VIEW IF EXISTS revenue_churn_reasons;
CREATE VIEW revenue_churn_reasons AS
WITH d AS MATERIALIZED (SELECT account_id, segment, region, channel FROM account_dimensions)
SELECT substr(e.churn_date, 1, 7) AS month, d.segment, d.region, d.channel,
       e.reason_code, r.description AS reason, r.category,
       sum(e.churn_type = 'churn') AS churned, sum(e.churn_type = 'contraction') AS contracted,
       round(total(e.mrr_lost), 2) AS mrr_lost
FROM churn_events AS e
JOIN churn_reasons AS r ON r.reason_code = e.reason_code
LEFT JOIN d ON d.account_id = e.account_id
GROUP BY month, d.segment, d.region, d.channel, e.reason_code;

-- Question: who are the top revenue customers and what share of ARR does
-- each bring?  (seed 004 board "top 10 revenue generating customers",
-- revenue_concentration; seed 002 strategic accounts)  One row per paying
-- customer at revenue_calendar.month, ranked by ARR; arr_share is the
-- customer's ARR over all customers' ARR.
DROP VIEW IF EXISTS revenue_top_customers;
CREATE VIEW revenue_top_customers AS
SELECT rank() OVER (ORDER BY c.arr DESC, c.account_id) AS arr_rank,
       c.account_id, d.account_name, c.segment, c.region, c.channel,
       c.mrr, c.arr, account_tier(c.arr) AS tier,
       c.arr / sum(c.arr) OVER () AS arr_share,
       sum(c.arr) OVER (ORDER BY c.arr DESC, c.account_id) / sum(c.arr) OVER () AS cumulative_share
FROM revenue_customers_now AS c
JOIN account_dimensions AS d ON d.account_id = c.account_id;

-- Question: how concentrated is revenue?  (seed 004 board "revenue
-- concentration risk"; seed 002 "top 20% customers drive 65% revenue")
-- One row: ARR share of the largest customer, the top 10 and the top 20%
-- of customers, and the Herfindahl index (sum of squared shares; 1 = one
-- customer).
DROP VIEW IF EXISTS revenue_concentration;
CREATE VIEW revenue_concentration AS
WITH n AS (SELECT count(*) AS customers FROM revenue_top_customers)
SELECT (SELECT month FROM revenue_calendar) AS month, n.customers, round(total(t.arr), 2) AS arr,
       max(t.arr_share) AS largest_customer_share,
       total(CASE WHEN t.arr_rank <= 10 THEN t.arr_share END) AS top10_share,
       total(CASE WHEN t.arr_rank <= (n.customers + 4) / 5 THEN t.arr_share END) AS top20pct_share,
       total(t.arr_share * t.arr_share) AS herfindahl
FROM revenue_top_customers AS t, n;

-- Question: which segments and regions grow fastest year over year?  (seed
-- 004 CEO "which segments are growing fastest", yoy_growth by region; seed
-- 000 "measure overall recurring revenue momentum")  ARR at
-- revenue_calendar.month against 12 months earlier, per segment, region
-- and channel; additive: arr, arr_year_ago, customers, customers_year_ago;
-- yoy_growth = arr / arr_year_ago - 1 (NULL without a year-ago ARR).
DROP VIEW IF EXISTS revenue_growth_yoy;
CREATE VIEW revenue_growth_yoy AS
WITH cal AS (SELECT month, year_ago_month FROM revenue_calendar),
now AS (SELECT segment, region, channel, round(total(arr), 2) AS arr, count(*) AS customers
        FROM revenue_customer_months WHERE month = (SELECT month FROM cal) GROUP BY segment, region, channel),
ago AS (SELECT segment, region, channel, round(total(arr), 2) AS arr, count(*) AS customers
        FROM revenue_customer_months WHERE month = (SELECT year_ago_month FROM cal) GROUP BY segment, region, channel),
keys AS (SELECT segment, region, channel FROM now UNION SELECT segment, region, channel FROM ago)
SELECT (SELECT month FROM cal) AS month, (SELECT year_ago_month FROM cal) AS year_ago_month,
       k.segment, k.region, k.channel,
       coalesce(n.arr, 0) AS arr, coalesce(a.arr, 0) AS arr_year_ago,
       coalesce(n.customers, 0) AS customers, coalesce(a.customers, 0) AS customers_year_ago,
       CASE WHEN a.arr > 0 THEN coalesce(n.arr, 0) / a.arr - 1 END AS yoy_growth
FROM keys AS k
LEFT JOIN now AS n ON n.segment IS k.segment AND n.region IS k.region AND n.channel IS k.channel
LEFT JOIN ago AS a ON a.segment IS k.segment AND a.region IS k.region AND a.channel IS k.channel;

-- Question: how much did we bill per month?  (seed 004 annual_revenue,
-- quarterly_revenue, three_year_revenue: revenue as invoiced, void
-- invoices excluded; cash collected is billing's, 70_billing.sql)
-- Additive: invoices, invoiced.
DROP VIEW IF EXISTS revenue_billed_monthly;
CREATE VIEW revenue_billed_monthly AS
-- one pass over the invoices (+invoice_date: a scan, not nearly every
-- invoice through the invoices_date index), one grouping
WITH d AS MATERIALIZED (SELECT account_id, segment, region, channel FROM account_dimensions)
SELECT substr(i.invoice_date, 1, 7) AS month, d.segment, d.region, d.channel, count(*) AS invoices,
       round(total(i.amount), 2) AS invoiced
FROM invoices AS i LEFT JOIN d ON d.account_id = i.account_id
WHERE i.status <> 'void' AND +i.invoice_date < (SELECT as_of FROM as_of_date)
GROUP BY month, d.segment, d.region, d.channel;

-- Question: the Revenue tab's KPI cards: MRR, ARR, NRR and churn rate?
-- (seed 000 Revenue KPI cards: total MRR, total ARR, average NRR, churn
-- rate)  One row at revenue_calendar.month.  churn_rate is seed 000's
-- churned accounts / total accounts over the trailing 12 months: customers
-- of 12 months ago who pay nothing now, i.e. 1 - logo retention;
-- monthly_logo_churn is the last month's churned / starting customers.
-- The MRR engine is asked for the two month ends and the one month only.
DROP VIEW IF EXISTS revenue_kpis;
CREATE VIEW revenue_kpis AS
WITH cal AS (SELECT month, year_ago_month FROM revenue_calendar),
s AS (SELECT customer_id, mrr FROM mrr_months('subscription_mrr', (SELECT year_ago_month FROM cal), (SELECT year_ago_month FROM cal))),
e AS (SELECT customer_id, mrr FROM mrr_months('subscription_mrr', (SELECT month FROM cal), (SELECT month FROM cal))),
r AS (SELECT nrr(s.mrr, coalesce(e.mrr, 0)) AS nrr, grr(s.mrr, coalesce(e.mrr, 0)) AS grr,
             logo_retention(s.mrr, coalesce(e.mrr, 0)) AS logo_retention
      FROM s LEFT JOIN e ON e.customer_id = s.customer_id)
SELECT w.month, w.ending_mrr AS mrr, arr(w.ending_mrr) AS arr, w.ending_customers AS customers,
       r.nrr, r.grr, r.logo_retention, 1 - r.logo_retention AS churn_rate,
       CAST(w.churned_customers AS REAL) / w.starting_customers AS monthly_logo_churn,
       w.churned_mrr / w.starting_mrr AS monthly_revenue_churn
FROM mrr_waterfall('subscription_mrr', (SELECT month FROM cal), (SELECT month FROM cal)) AS w, r;
