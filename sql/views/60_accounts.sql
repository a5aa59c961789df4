-- sql/views/60_accounts.sql — accounts (seed 002 Revenue Focus: tiers,
-- engagement, revenue at risk from expired and end-of-life products,
-- growth potential, product portfolio; seed 004 account management, board
-- and CEO account metrics: renewals, profit margin, cost to serve, CLV,
-- active services).  Health and churn risk, which also need service and
-- billing, are in 72_account_health.sql.
--
-- "Today" is (SELECT as_of FROM as_of_date); ARR is the month-end snapshot
-- of revenue_calendar.month (50_revenue.sql).  A product is expired when
-- its support has ended (support_end_date before the as-of date, or status
-- 'Expired') or the product is past its end-of-life date; retired
-- products count for nothing.  Counts of installed products are units
-- (quantity), as seed 002 counts them ("AP-325 dominant (30 units)").
-- account_revenue_at_risk and account_profitability share a shape (two
-- optional per-account facts beside account_revenue's attributes), not a
-- formula: two metrics, two views (docs/architecture.md, "Logic written
-- once").

-- Question: which subscriptions are running on the as-of date?  (the one
-- definition of "active": started on or before it, not yet ended; a period
-- that ends before it starts never runs)  Every view and query that counts
-- active subscriptions, services or customers reads this one.
DROP VIEW IF EXISTS subscriptions_running;
CREATE VIEW subscriptions_running AS
SELECT s.*, a.as_of
FROM subscriptions AS s CROSS JOIN as_of_date AS a
-- +start_date: a plain scan; the subscriptions_start range is nearly every
-- row, read through the index at three times the cost
WHERE +s.start_date <= a.as_of AND (s.end_date IS NULL OR s.end_date > a.as_of);

-- Question: how many customers run each product today?  (seed 004
-- Operations "products driving most support tickets" beside
-- active_services)  One row per product with a running subscription.
DROP VIEW IF EXISTS product_active_customers;
CREATE VIEW product_active_customers AS
SELECT product_id, count(DISTINCT account_id) AS active_customers
FROM subscriptions_running WHERE product_id IS NOT NULL
GROUP BY product_id;

-- Question: how long does a won deal take to close, to go live and to be
-- handed to customer success?  (seed 004 Operations "process delays in
-- onboarding/delivery": avg_sales_cycle_days, onboarding; seed 003 funnel
-- "Closed Won: CS kickoff within 48 hours", cs-handoff-sla.yaml)  One row
-- per won deal (pipeline_deals): its cycle (NULL when it closed before it
-- was created), the account's first subscription starting on or after the
-- close (go-live) and the days to it, and the account's CSM's first
-- activity at the account on or after the close (kickoff) with the days to
-- it and whether that was within 48 hours.  channel is the deal's source,
-- account_channel the account's acquisition channel (account_dimensions).
DROP VIEW IF EXISTS won_deal_onboarding;
CREATE VIEW won_deal_onboarding AS
WITH w AS (
  SELECT p.opportunity_id, p.account_id, p.opportunity_type, p.segment, p.region, p.channel,
         d.channel AS account_channel, d.csm_rep_id, p.owner_rep_id, p.amount, p.close_date, p.cycle_days,
         (SELECT min(s.start_date) FROM subscriptions AS s
          WHERE s.account_id = p.account_id AND s.start_date >= p.close_date) AS go_live_date,
         (SELECT min(a.occurred_at) FROM activities AS a
          -- +rep_id: read the account's activities (activities_account), not the CSM's
          WHERE a.account_id = p.account_id AND +a.rep_id = d.csm_rep_id AND a.occurred_at >= p.close_date) AS kickoff_at
  FROM pipeline_deals AS p LEFT JOIN account_dimensions AS d ON d.account_id = p.account_id
  WHERE p.is_won = 1)
SELECT w.*, julianday(w.go_live_date) - julianday(w.close_date) AS days_to_go_live,
       julianday(w.kickoff_at) - julianday(w.close_date) AS days_to_kickoff,
       julianday(w.kickoff_at) - julianday(w.close_date) <= 2 AS kickoff_within_48h
FROM w;

-- Question: what does each account pay, which tier is it in and what does
-- it use?  (seed 002 customer segmentation by revenue: Strategic >$100K,
-- Growth $50K-$100K, Developing <$50K; seed 004 annual_revenue,
-- active_services)  One row per account, customers and prospects; arr 0
-- for an account paying nothing at the month end.
DROP VIEW IF EXISTS account_revenue;
CREATE VIEW account_revenue AS
WITH subs AS (SELECT s.account_id, count(DISTINCT s.product_id) AS active_services, min(s.renewal_date) AS next_renewal_date
         FROM subscriptions_running AS s GROUP BY s.account_id)
SELECT d.account_id, d.account_name, d.segment, d.region, d.channel, d.owner_rep_id, d.csm_rep_id,
       coalesce(c.mrr, 0) AS mrr, coalesce(c.arr, 0) AS arr, account_tier(coalesce(c.arr, 0)) AS tier,
       coalesce(s.active_services, 0) AS active_services, s.next_renewal_date,
       c.account_id IS NOT NULL AS is_customer
FROM account_dimensions AS d
LEFT JOIN revenue_customers_now AS c ON c.account_id = d.account_id
LEFT JOIN subs AS s ON s.account_id = d.account_id;

-- Question: every installed product with its lifecycle state.  (seed 002
-- install base: expired products, EOL colour Green / Yellow / Red)
-- eol_colour: 'Red' expired (support ended or past end of life), 'Yellow'
-- end of life within 12 months of the as-of date, else 'Green'.
DROP VIEW IF EXISTS account_installed_products;
CREATE VIEW account_installed_products AS
SELECT i.install_id, i.account_id, i.product_id, p.name AS product, p.category, p.product_line,
       i.quantity, i.install_date, i.support_end_date, p.end_of_life_date, i.status, i.contract_value,
       i.status <> 'Retired' AND (i.status = 'Expired' OR i.support_end_date < d.as_of OR p.end_of_life_date < d.as_of) AS is_expired,
       CASE WHEN i.status = 'Expired' OR i.support_end_date < d.as_of OR p.end_of_life_date < d.as_of THEN 'Red'
            WHEN p.end_of_life_date < date(d.as_of, '+12 months') THEN 'Yellow'
            ELSE 'Green' END AS eol_colour
FROM installed_products AS i
JOIN products AS p ON p.product_id = i.product_id
CROSS JOIN as_of_date AS d;

-- Question: how engaged is each account, and what status does that give
-- it?  (seed 002 Customer Engagement Analysis: engagement score =
-- opportunities x 2 + installed products x 0.5 - expired products x 1.5;
-- status KEY ACCOUNT / HIGH VALUE / AT RISK / NEEDS ENGAGEMENT)
-- opportunities are the account's open deals; products are units.
DROP VIEW IF EXISTS account_engagement;
CREATE VIEW account_engagement AS
WITH opp AS (SELECT o.account_id, count(*) AS n FROM opportunities AS o JOIN stages AS s ON s.stage = o.stage
             WHERE s.is_closed = 0 GROUP BY o.account_id),
ib AS (SELECT account_id, sum(CASE WHEN status <> 'Retired' THEN quantity ELSE 0 END) AS installed,
              sum(CASE WHEN is_expired THEN quantity ELSE 0 END) AS expired
       FROM account_installed_products GROUP BY account_id)
SELECT r.account_id, r.account_name, r.segment, r.region, r.channel, r.arr, r.tier,
       coalesce(opp.n, 0) AS opportunities, coalesce(ib.installed, 0) AS installed_products,
       coalesce(ib.expired, 0) AS expired_products,
       engagement_score(coalesce(opp.n, 0), coalesce(ib.installed, 0), coalesce(ib.expired, 0)) AS engagement_score,
       account_status(coalesce(opp.n, 0), coalesce(ib.expired, 0)) AS status
FROM account_revenue AS r
LEFT JOIN opp ON opp.account_id = r.account_id
LEFT JOIN ib ON ib.account_id = r.account_id
WHERE r.is_customer OR opp.n > 0 OR ib.installed > 0;

-- Question: how much revenue is at risk from expired and end-of-life
-- products?  (seed 002 "Total Revenue at Risk": sum of contract values
-- for expired products; "Support Gap Impact")  Per account: the contract
-- value of expired installed products, and the ARR of running
-- subscriptions on products past or within 12 months of their end of life
-- (a migration to sell before the product goes).  Additive: every column
-- but the names.
DROP VIEW IF EXISTS account_revenue_at_risk;
CREATE VIEW account_revenue_at_risk AS
WITH ib AS (SELECT account_id, sum(quantity) AS expired_products, round(total(contract_value), 2) AS expired_value
            FROM account_installed_products WHERE is_expired GROUP BY account_id),
eol AS (SELECT s.account_id, count(*) AS eol_subscriptions, arr(total(s.mrr)) AS eol_arr
        FROM subscriptions_running AS s JOIN products AS p ON p.product_id = s.product_id
        WHERE p.end_of_life_date < date(s.as_of, '+12 months')
        GROUP BY s.account_id)
SELECT r.account_id, r.account_name, r.segment, r.region, r.channel, r.arr, r.tier,
       coalesce(ib.expired_products, 0) AS expired_products, coalesce(ib.expired_value, 0) AS expired_value,
       coalesce(eol.eol_subscriptions, 0) AS eol_subscriptions, coalesce(eol.eol_arr, 0) AS eol_arr,
       round(coalesce(ib.expired_value, 0) + coalesce(eol.eol_arr, 0), 2) AS revenue_at_risk
FROM account_revenue AS r
LEFT JOIN ib ON ib.account_id = r.account_id
LEFT JOIN eol ON eol.account_id = r.account_id
WHERE ib.account_id IS NOT NULL OR eol.account_id IS NOT NULL;

-- Question: what is the installed and subscribed portfolio worth, by
-- product category, and how close is it to end of life?  (seed 002 Product
-- Portfolio Value Analysis: colour-coded bars Green future EOL, Yellow
-- approaching, Red expired; Hot Product Lines)  source 'installed': units
-- and contract value of the installed base; 'subscription': seats and ARR
-- of running subscriptions.  Additive: items, units, value.
DROP VIEW IF EXISTS account_product_portfolio;
CREATE VIEW account_product_portfolio AS
WITH d AS MATERIALIZED (SELECT account_id, segment, region, channel FROM account_dimensions)
SELECT 'installed' AS source, i.category, i.product_id, i.product, i.end_of_life_date, i.eol_colour,
       d.segment, d.region, d.channel,
       count(*) AS items, sum(i.quantity) AS units, round(total(i.contract_value), 2) AS value
FROM account_installed_products AS i LEFT JOIN d ON d.account_id = i.account_id
WHERE i.status <> 'Retired'
GROUP BY i.category, i.product_id, i.eol_colour, d.segment, d.region, d.channel
UNION ALL
SELECT 'subscription', p.category, p.product_id, p.name, p.end_of_life_date,
       CASE WHEN p.end_of_life_date < s.as_of THEN 'Red'
            WHEN p.end_of_life_date < date(s.as_of, '+12 months') THEN 'Yellow' ELSE 'Green' END,
       d.segment, d.region, d.channel,
       count(*), total(s.quantity), arr(total(s.mrr))
FROM subscriptions_running AS s JOIN products AS p ON p.product_id = s.product_id
LEFT JOIN d ON d.account_id = s.account_id
GROUP BY p.category, p.product_id, d.segment, d.region, d.channel;

-- Question: which customers are opening more opportunities than last
-- quarter?  (seed 002 Growth Potential: "customers with increasing
-- opportunity counts", quarter-over-quarter opportunity growth)  Deals
-- created in the last complete quarter before the as-of date against the
-- quarter before it; growing = more than before.
DROP VIEW IF EXISTS account_growth_potential;
CREATE VIEW account_growth_potential AS
WITH q AS (SELECT date(as_of, 'start of month', printf('-%d months', (CAST(strftime('%m', as_of) AS INTEGER) - 1) % 3)) AS cur
           FROM as_of_date),
b AS (SELECT date(cur, '-3 months') AS last_start, cur AS last_end, date(cur, '-6 months') AS prior_start FROM q),
o AS (SELECT o.account_id,
             sum(o.created_date >= b.last_start AND o.created_date < b.last_end) AS last_quarter,
             sum(o.created_date >= b.prior_start AND o.created_date < b.last_start) AS prior_quarter,
             round(total(CASE WHEN o.created_date >= b.last_start AND o.created_date < b.last_end THEN o.amount END), 2) AS last_quarter_amount
      FROM opportunities AS o, b
      WHERE o.created_date >= b.prior_start AND o.created_date < b.last_end
      GROUP BY o.account_id)
SELECT r.account_id, r.account_name, r.segment, r.region, r.channel, r.arr, r.tier,
       (SELECT strftime('%Y', last_start) || '-Q' || ((CAST(strftime('%m', last_start) AS INTEGER) + 2) / 3) FROM b) AS quarter,
       o.last_quarter AS opportunities, o.prior_quarter AS opportunities_prior_quarter,
       o.last_quarter - o.prior_quarter AS change,
       CASE WHEN o.prior_quarter > 0 THEN CAST(o.last_quarter - o.prior_quarter AS REAL) / o.prior_quarter END AS qoq_growth,
       o.last_quarter > o.prior_quarter AS growing, o.last_quarter_amount
FROM o JOIN account_revenue AS r ON r.account_id = o.account_id;

-- Question: which contracts renew in the next 3 and 6 months, for how
-- much?  (seed 004 account management "renewal opportunities (3-6
-- months)", days_to_renewal, upcoming_renewals_count,
-- upcoming_renewal_value, contract_end_date; seed 003 renewal reminders
-- 90/60/30 days)  One row per running subscription whose renewal date is
-- within 6 months of the as-of date; renewal_window '0-3 months' or '3-6
-- months'; reminder '30 days' / '60 days' / '90 days' / NULL.
DROP VIEW IF EXISTS account_renewals;
CREATE VIEW account_renewals AS
WITH d AS MATERIALIZED (SELECT account_id, account_name, segment, region, channel, owner_rep_id, csm_rep_id FROM account_dimensions)
SELECT s.subscription_id, s.account_id, d.account_name, d.segment, d.region, d.channel, d.owner_rep_id, d.csm_rep_id,
       s.product_id, s.plan, s.renewal_date,
       CAST(julianday(s.renewal_date) - julianday(s.as_of) AS INTEGER) AS days_to_renewal,
       s.mrr, arr(s.mrr) AS renewal_arr,
       CASE WHEN s.renewal_date < date(s.as_of, '+3 months') THEN '0-3 months' ELSE '3-6 months' END AS renewal_window,
       CASE WHEN s.renewal_date <= date(s.as_of, '+30 days') THEN '30 days'
            WHEN s.renewal_date <= date(s.as_of, '+60 days') THEN '60 days'
            WHEN s.renewal_date <= date(s.as_of, '+90 days') THEN '90 days' END AS reminder
FROM subscriptions_running AS s
LEFT JOIN d ON d.account_id = s.account_id
WHERE s.renewal_date >= s.as_of AND s.renewal_date < date(s.as_of, '+6 months');

-- Question: what does each customer earn us after the cost to serve it?
-- (seed 004 board/CEO profit_margin, total_cost_to_serve; board "segment
-- profitability")  Over the 12 months that ended with
-- revenue_calendar.month: revenue = the customer's month-end MRR summed
-- over those months, cost = costs_to_serve; profit_margin = (revenue -
-- cost) / revenue.  Additive: revenue_12m, cost_to_serve_12m, profit_12m.
DROP VIEW IF EXISTS account_profitability;
CREATE VIEW account_profitability AS
WITH cal AS (SELECT month, year_ago_month FROM revenue_calendar),
rev AS (SELECT customer_id AS account_id, round(total(mrr), 2) AS revenue
        FROM mrr_months('subscription_mrr', (SELECT strftime('%Y-%m', year_ago_month || '-01', '+1 month') FROM cal),
                        (SELECT month FROM cal))
        GROUP BY customer_id),
cost AS (SELECT account_id, round(total(amount), 2) AS cost FROM costs_to_serve
         WHERE month > (SELECT year_ago_month FROM cal) AND month <= (SELECT month FROM cal) GROUP BY account_id)
SELECT r.account_id, r.account_name, r.segment, r.region, r.channel, r.arr, r.tier,
       coalesce(rev.revenue, 0) AS revenue_12m, coalesce(cost.cost, 0) AS cost_to_serve_12m,
       round(coalesce(rev.revenue, 0) - coalesce(cost.cost, 0), 2) AS profit_12m,
       CASE WHEN rev.revenue > 0 THEN (rev.revenue - coalesce(cost.cost, 0)) / rev.revenue END AS profit_margin
FROM account_revenue AS r
LEFT JOIN rev ON rev.account_id = r.account_id
LEFT JOIN cost ON cost.account_id = r.account_id
WHERE rev.account_id IS NOT NULL OR cost.account_id IS NOT NULL;

-- Question: what is each customer worth over its lifetime?  (seed 004
-- customer_lifetime_value, "total revenue potential"; seed 003 LTV = ARPA
-- x gross margin / churn rate)  ltv(current MRR, the customer's own profit
-- margin clamped to 0..1, its segment's monthly logo churn over the
-- trailing 12 months, capped at 120 months): a customer that costs more
-- than it pays is worth 0; a segment without churn still gets a finite
-- ten-year lifetime.
DROP VIEW IF EXISTS account_clv;
CREATE VIEW account_clv AS
WITH churn AS (SELECT segment, CAST(sum(churned_customers) AS REAL) / sum(customer_months) AS monthly_churn_rate
               FROM revenue_churn_12m GROUP BY segment)
SELECT p.account_id, p.account_name, p.segment, p.region, p.channel, p.arr, p.tier,
       r.mrr, p.profit_margin, c.monthly_churn_rate,
       ltv(r.mrr, max(0.0, min(1.0, coalesce(p.profit_margin, 0))), c.monthly_churn_rate, 120) AS clv
FROM account_profitability AS p
JOIN account_revenue AS r ON r.account_id = p.account_id
LEFT JOIN churn AS c ON c.segment IS p.segment
WHERE r.is_customer;
