-- sql/dashboards/account_management.sql — Account Management (seed 004,
-- relationship and retention) and seed 002's Revenue Focus page, which is
-- "designed for sales leaders and account managers" (revenue at risk,
-- high-value opportunities, growth potential, revenue performance,
-- product portfolio, engagement, segmentation by revenue).  Format:
-- tools/dashboards.py.  Filters (NULL = all): :segment, :region, :channel
-- (the account's); :start_date, :end_date (the dates of interactions,
-- feedback, deals); :account_id (optional, one account's timeline).
-- Health, churn risk, renewals and the installed base are as of the
-- database's as-of date (settings 'as_of').

-- name: interaction_history
-- question: Complete interaction history? (seed 004, Account Management Q1: customer_timeline) — every activity, ticket, invoice, survey answer and deal of an account (:account_id), newest first; without :account_id the latest 200 across the filtered accounts
-- chart: table
-- metrics: amount=invoice_amount
WITH d AS (SELECT account_id, account_name FROM account_dimensions
           WHERE (:account_id IS NULL OR account_id = :account_id)
             AND (:segment IS NULL OR segment = :segment) AND (:region IS NULL OR region = :region)
             AND (:channel IS NULL OR channel = :channel)),
-- Without :account_id only the latest 200 rows show: the day of the 200th
-- newest activity alone bounds them (200 activities are on or after it, so
-- an older row of any kind cannot be among the 200), and every source is
-- read from that day on, not from the beginning (NULL: read everything).
-- Written as one range, date >= coalesce(day, '0'), so each source reads
-- only the newest part of each account's index (every date is ISO text,
-- which sorts after '0'; a NULL date is dropped below either way): "day
-- IS NULL OR date >= day" read every activity of every account (2.5
-- million at SCALE=20).  Not an empty literal: the SQLite ODBC driver
-- then miscounts the query's parameter markers (tests/dashboards odbc).
cut AS (SELECT CASE WHEN :account_id IS NULL THEN
          (SELECT substr(a.occurred_at, 1, 10) FROM activities AS a JOIN d ON d.account_id = a.account_id
           WHERE a.occurred_at < (SELECT as_of FROM as_of_date)
             AND (:start_date IS NULL OR substr(a.occurred_at, 1, 10) >= :start_date)
             AND (:end_date IS NULL OR substr(a.occurred_at, 1, 10) <= :end_date)
           ORDER BY a.occurred_at DESC LIMIT 1 OFFSET 199) END AS day),
e AS (SELECT a.account_id, substr(a.occurred_at, 1, 10) AS day, 'activity' AS kind,
             a.activity_type || coalesce(' (' || a.outcome || ')', '') AS detail, NULL AS amount
      FROM activities AS a JOIN d ON d.account_id = a.account_id
      WHERE a.occurred_at >= coalesce((SELECT day FROM cut), '0')
      UNION ALL
      SELECT t.account_id, substr(t.opened_at, 1, 10), 'ticket', t.priority || ' ' || coalesce(t.category, '') || ': ' || t.status, NULL
      FROM support_tickets AS t JOIN d ON d.account_id = t.account_id
      WHERE t.opened_at >= coalesce((SELECT day FROM cut), '0')
      UNION ALL
      SELECT i.account_id, i.invoice_date, 'invoice', i.status || CASE WHEN i.disputed = 1 THEN ', disputed' ELSE '' END, i.amount
      FROM invoices AS i JOIN d ON d.account_id = i.account_id
      WHERE i.invoice_date >= coalesce((SELECT day FROM cut), '0')
      UNION ALL
      SELECT s.account_id, s.responded_date, 'survey', s.survey_type || ' ' || s.score || coalesce(': ' || s.comment, ''), NULL
      FROM survey_responses AS s JOIN d ON d.account_id = s.account_id
      WHERE s.responded_date >= coalesce((SELECT day FROM cut), '0')
      UNION ALL
      SELECT o.account_id, o.created_date, 'deal', o.opportunity_type || ' ' || o.stage, o.amount
      FROM opportunities AS o JOIN d ON d.account_id = o.account_id
      WHERE o.created_date >= coalesce((SELECT day FROM cut), '0'))
SELECT e.account_id, d.account_name, e.day, e.kind, e.detail, e.amount
FROM e JOIN d ON d.account_id = e.account_id
WHERE e.day < (SELECT as_of FROM as_of_date)
  AND (:start_date IS NULL OR e.day >= :start_date) AND (:end_date IS NULL OR e.day <= :end_date)
ORDER BY e.day DESC, e.account_id, e.kind
LIMIT CASE WHEN :account_id IS NULL THEN 200 ELSE -1 END;

-- name: churn_risk_accounts
-- question: Customers at risk of churn? (seed 004, Account Management Q2: churn_risk_level, churn_risk_score; Churn Risk Alert) — High and Critical churn risk, with the factors and seed 001's required action
-- chart: table
-- metrics: arr=account_arr, health_score, churn_risk_score, days_to_renewal, usage_change, days_since_interaction
SELECT account_id, account_name, segment, region, arr, health_score, health_status, churn_risk_score, churn_risk_level,
       action, days_to_renewal, usage_change, days_since_interaction, churn_risk_factors
FROM account_health
WHERE churn_risk_level IN ('Critical', 'High')
  AND (:segment IS NULL OR segment = :segment) AND (:region IS NULL OR region = :region)
  AND (:channel IS NULL OR channel = :channel)
ORDER BY churn_risk_score DESC, arr DESC;

-- name: renewals_summary
-- question: Renewal opportunities (3-6 months)? (seed 004, Account Management Q3: days_to_renewal, upcoming_renewals_count; Renewal Status: upcoming renewals count and value)
-- chart: bar
-- x: renewal_window
-- y: renewal_arr
-- additive: subscriptions, accounts, renewal_arr, at_risk_arr
-- metrics: subscriptions=renewal_subscriptions, accounts=renewal_accounts, renewal_arr, at_risk_arr=renewal_arr_at_risk
-- the one health column the panel reads, copied out of the kept table once
WITH h AS MATERIALIZED (SELECT account_id, churn_risk_level FROM account_health)
SELECT r.renewal_window, count(*) AS subscriptions, count(DISTINCT r.account_id) AS accounts,
       round(total(r.renewal_arr), 2) AS renewal_arr,
       round(total(CASE WHEN h.churn_risk_level IN ('High', 'Critical') THEN r.renewal_arr END), 2) AS at_risk_arr
FROM account_renewals AS r
LEFT JOIN h ON h.account_id = r.account_id
WHERE (:segment IS NULL OR r.segment = :segment) AND (:region IS NULL OR r.region = :region)
  AND (:channel IS NULL OR r.channel = :channel)
GROUP BY r.renewal_window
ORDER BY r.renewal_window;

-- name: renewals_list
-- question: Renewal opportunities (3-6 months)? (seed 004, Account Management Q3 and key metrics: Days to Renewal, Retention Probability, Last Interaction, Renewal Opportunity Alert for contracts expiring within 90 days)
-- chart: table
-- metrics: days_to_renewal, renewal_arr, retention_probability, nps=account_nps, days_since_interaction
-- dimensions: qbr_scheduled, executive_sponsor
-- the health columns the panel shows, copied out of the kept table once
-- (joined bare, every column of every customer's health was copied)
WITH h AS MATERIALIZED (SELECT account_id, health_status, churn_risk_level, retention_probability, nps,
                               days_since_interaction, qbr_scheduled, executive_sponsor FROM account_health)
SELECT r.account_id, r.account_name, r.segment, r.region, r.plan, r.renewal_date, r.days_to_renewal, r.renewal_window,
       r.reminder, r.renewal_arr, h.health_status, h.churn_risk_level, h.retention_probability, h.nps,
       h.days_since_interaction, h.qbr_scheduled, h.executive_sponsor
FROM account_renewals AS r
LEFT JOIN h ON h.account_id = r.account_id
WHERE (:segment IS NULL OR r.segment = :segment) AND (:region IS NULL OR r.region = :region)
  AND (:channel IS NULL OR r.channel = :channel)
ORDER BY r.renewal_date, r.renewal_arr DESC;

-- name: customer_feedback
-- question: Customer feedback? (seed 004, Account Management Q4: nps_score, csat_score) — NPS and CSAT by segment with what customers say
-- chart: table
-- additive: nps_responses, promoters, detractors, csat_responses
-- metrics: nps_responses=nps_responses_12m, promoters=nps_promoters_12m, detractors=nps_detractors_12m, nps=nps_12m, csat_responses=csat_responses_12m, avg_csat=avg_csat_12m
WITH d AS MATERIALIZED (SELECT account_id, segment, region, channel FROM account_dimensions),
s AS MATERIALIZED (SELECT s.survey_type, s.score, s.comment, d.segment FROM survey_responses AS s JOIN d ON d.account_id = s.account_id
      WHERE s.responded_date < (SELECT as_of FROM as_of_date)
        AND s.responded_date >= coalesce(:start_date, date((SELECT as_of FROM as_of_date), '-12 months'))
        AND (:end_date IS NULL OR s.responded_date <= :end_date)
        AND (:segment IS NULL OR d.segment = :segment) AND (:region IS NULL OR d.region = :region)
        AND (:channel IS NULL OR d.channel = :channel)),
-- each segment's most common comment, ties to the first in order, in one
-- grouped pass (a subquery per segment read and grouped the surveys again:
-- 0.385 -> 0.333 s CPU at SCALE=20, best of 7 interleaved)
cm AS MATERIALIZED (SELECT segment, comment, row_number() OVER (PARTITION BY segment ORDER BY count(*) DESC, comment) AS k
                    FROM s WHERE comment IS NOT NULL GROUP BY segment, comment)
SELECT segment, sum(survey_type = 'NPS') AS nps_responses,
       sum(survey_type = 'NPS' AND score >= 9) AS promoters, sum(survey_type = 'NPS' AND score <= 6) AS detractors,
       nps(CASE WHEN survey_type = 'NPS' THEN score END) AS nps,
       sum(survey_type = 'CSAT') AS csat_responses, avg(CASE WHEN survey_type = 'CSAT' THEN score END) AS avg_csat,
       (SELECT cm.comment FROM cm WHERE cm.segment IS s.segment AND cm.k = 1) AS most_common_comment
FROM s
GROUP BY segment
ORDER BY segment;

-- name: upsell_opportunities
-- question: Cross-sell/upsell opportunities? (seed 004, Account Management Q5: pipeline_value, active_services; Engagement Metrics) — customers with an expansion signal in their usage or an open expansion deal
-- chart: table
-- metrics: arr=account_arr, active_services, seat_utilisation, open_expansion_deals, open_expansion_pipeline
WITH o AS (SELECT o.account_id, count(*) AS deals, round(total(o.amount), 2) AS amount
           FROM opportunities AS o JOIN stages AS s ON s.stage = o.stage
           WHERE s.is_closed = 0 AND o.opportunity_type IN ('Expansion', 'Renewal') GROUP BY o.account_id),
-- the signals most urgent first, then by name: group_concat as a window
-- over that order (an aggregate's own order is not defined)
u AS (SELECT account_id, max(signals) AS signals, max(seat_utilisation) AS seat_utilisation
      FROM (SELECT account_id, seat_utilisation,
                   group_concat(signal, '; ') OVER (PARTITION BY account_id ORDER BY CASE urgency WHEN 'High' THEN 1 WHEN 'Medium' THEN 2 ELSE 3 END, signal
                                                    ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS signals
            FROM usage_expansion_signals)
      GROUP BY account_id)
SELECT r.account_id, r.account_name, r.segment, r.region, r.arr, r.tier, r.active_services,
       u.signals, u.seat_utilisation, coalesce(o.deals, 0) AS open_expansion_deals, coalesce(o.amount, 0) AS open_expansion_pipeline
FROM account_revenue AS r
LEFT JOIN o ON o.account_id = r.account_id
LEFT JOIN u ON u.account_id = r.account_id
WHERE r.is_customer AND (o.account_id IS NOT NULL OR u.account_id IS NOT NULL)
  AND (:segment IS NULL OR r.segment = :segment) AND (:region IS NULL OR r.region = :region)
  AND (:channel IS NULL OR r.channel = :channel)
ORDER BY r.arr DESC;

-- name: revenue_at_risk
-- question: Total Revenue at Risk — financial value of expired/at-risk products and services: sum of contract values for expired products (seed 002, Revenue Impact Dashboard)
-- chart: kpi
-- additive: accounts, expired_products, expired_value, eol_subscriptions, eol_arr, revenue_at_risk
-- metrics: accounts=revenue_at_risk_accounts, expired_products, expired_value, eol_subscriptions, eol_arr, revenue_at_risk
SELECT count(*) AS accounts, sum(expired_products) AS expired_products, round(total(expired_value), 2) AS expired_value,
       sum(eol_subscriptions) AS eol_subscriptions, round(total(eol_arr), 2) AS eol_arr,
       round(total(revenue_at_risk), 2) AS revenue_at_risk
FROM account_revenue_at_risk
WHERE (:segment IS NULL OR segment = :segment) AND (:region IS NULL OR region = :region)
  AND (:channel IS NULL OR channel = :channel);

-- name: revenue_at_risk_accounts
-- question: Risk Indicators — contract expiration dates, product end-of-life exposure: the accounts with the most revenue at risk (seed 002, Revenue Deep Dive; "Action: prioritize migration/renewal conversations")
-- chart: table
-- metrics: arr=account_arr, expired_products, expired_value, eol_subscriptions, eol_arr, revenue_at_risk
SELECT k.account_id, k.account_name, k.segment, k.region, k.arr, k.tier, k.expired_products, k.expired_value,
       k.eol_subscriptions, k.eol_arr, k.revenue_at_risk, r.next_renewal_date
FROM account_revenue_at_risk AS k
JOIN account_revenue AS r ON r.account_id = k.account_id
WHERE (:segment IS NULL OR k.segment = :segment) AND (:region IS NULL OR k.region = :region)
  AND (:channel IS NULL OR k.channel = :channel)
ORDER BY k.revenue_at_risk DESC
LIMIT 50;

-- name: high_value_opportunities
-- question: High-Value Opportunities — count of opportunities with >80% prediction confidence (seed 002, Revenue Impact Dashboard)
-- chart: kpi
-- additive: opportunities, amount
-- metrics: opportunities=high_value_opps_company, amount=high_value_amount_company, weighted=high_value_weighted_company
SELECT count(*) AS opportunities, round(total(o.amount), 2) AS amount,
       weighted_pipeline(o.amount, stage_probability(o.stage, coalesce(o.probability, s.probability))) AS weighted
FROM opportunities AS o
JOIN stages AS s ON s.stage = o.stage
JOIN account_dimensions AS d ON d.account_id = o.account_id
WHERE s.is_closed = 0 AND stage_probability(o.stage, coalesce(o.probability, s.probability)) > 0.8
  AND (:start_date IS NULL OR o.close_date >= :start_date) AND (:end_date IS NULL OR o.close_date <= :end_date)
  AND (:segment IS NULL OR d.segment = :segment) AND (:region IS NULL OR d.region = :region)
  AND (:channel IS NULL OR d.channel = :channel);

-- name: growth_potential
-- question: Growth Potential — customers with increasing opportunity counts, quarter-over-quarter opportunity growth (seed 002, Revenue Impact Dashboard)
-- chart: table
-- metrics: arr=account_arr, opportunities=gp_opportunities, opportunities_prior_quarter=gp_opportunities_prior, change=gp_change, qoq_growth=gp_qoq_growth, last_quarter_amount=gp_last_quarter_amount
SELECT quarter, account_id, account_name, segment, region, arr, tier, opportunities, opportunities_prior_quarter,
       change, qoq_growth, last_quarter_amount
FROM account_growth_potential
WHERE growing
  AND (:segment IS NULL OR segment = :segment) AND (:region IS NULL OR region = :region)
  AND (:channel IS NULL OR channel = :channel)
ORDER BY change DESC, last_quarter_amount DESC;

-- name: revenue_performance
-- question: Revenue Performance — achievement against targets and benchmarks: closed revenue, pipeline value, win rates (seed 002, Revenue Impact Dashboard) — by segment, the quarter holding :as_of to date: new business won (the deal type the AEs' new-business quota covers) against that quota; open pipeline; win rate over the 12 months to :as_of
-- chart: table
-- additive: quota, won_new_business, open_pipeline
-- metrics: quota=segment_quota_qtd, won_new_business=segment_won_new_business_qtd, attainment=segment_attainment_qtd, open_pipeline, win_rate_12m=win_rate_12m_by_segment
WITH c AS (SELECT * FROM as_of_calendar),
o AS (SELECT d.segment, d.is_closed, d.is_won, d.opportunity_type, d.amount, d.close_date
      FROM pipeline_deals AS d
      JOIN account_dimensions AS a ON a.account_id = d.account_id
      WHERE (:segment IS NULL OR d.segment = :segment) AND (:region IS NULL OR d.region = :region)
        AND (:channel IS NULL OR a.channel = :channel)),
q AS (SELECT r.segment, total(q.amount) AS quota FROM quotas AS q JOIN reps AS r ON r.rep_id = q.rep_id, c
      WHERE r.role = 'AE' AND q.quota_type = 'new_arr' AND q.period_start = c.quarter_start
        AND (:segment IS NULL OR r.segment = :segment) AND (:region IS NULL OR r.region = :region)
      GROUP BY r.segment),
w AS (SELECT o.segment, total(o.amount) AS won FROM o, c
      WHERE o.is_won = 1 AND o.opportunity_type = 'New Business'
        AND o.close_date >= c.quarter_start AND o.close_date <= c.as_of
      GROUP BY o.segment)
SELECT s.segment, round(q.quota, 2) AS quota, round(coalesce(w.won, 0), 2) AS won_new_business,
       coalesce(w.won, 0) / q.quota AS attainment,
       round((SELECT total(amount) FROM o WHERE o.segment IS s.segment AND o.is_closed = 0), 2) AS open_pipeline,
       (SELECT win_rate(is_won) FROM o, c WHERE o.segment IS s.segment AND o.is_closed = 1
          AND o.close_date > c.trailing_12m_after AND o.close_date <= c.as_of) AS win_rate_12m
FROM (SELECT DISTINCT segment FROM o) AS s
LEFT JOIN q ON q.segment IS s.segment
LEFT JOIN w ON w.segment IS s.segment
ORDER BY s.segment;

-- name: product_portfolio
-- question: Product Portfolio Value Analysis — product categories by business impact, colour-coded Green (future EOL), Yellow (approaching EOL), Red (expired); Hot Product Lines (seed 002)
-- chart: bar
-- x: category
-- y: value
-- additive: items, units, value
-- metrics: items=portfolio_items, units=portfolio_units, value=portfolio_value
SELECT source, category, eol_colour, sum(items) AS items, sum(units) AS units, round(total(value), 2) AS value
FROM account_product_portfolio
WHERE (:segment IS NULL OR segment = :segment) AND (:region IS NULL OR region = :region)
  AND (:channel IS NULL OR channel = :channel)
GROUP BY source, category, eol_colour
ORDER BY source, value DESC;

-- name: engagement_analysis
-- question: Customer Engagement Analysis — status KEY ACCOUNT / HIGH VALUE / AT RISK / NEEDS ENGAGEMENT and engagement score = opportunities x 2 + installed products x 0.5 - expired products x 1.5, sorted by score (seed 002)
-- chart: table
-- metrics: arr=account_arr, engagement_score, opportunities=account_opportunities, installed_products, expired_products
SELECT account_id, account_name, segment, region, arr, status, engagement_score, opportunities,
       installed_products, expired_products
FROM account_engagement
WHERE (:segment IS NULL OR segment = :segment) AND (:region IS NULL OR region = :region)
  AND (:channel IS NULL OR channel = :channel)
ORDER BY engagement_score DESC, arr DESC
LIMIT 100;

-- name: account_tiers
-- question: Customer Segmentation by Revenue — Strategic (>$100K annual value), Growth ($50K-$100K), Developing (<$50K) (seed 002)
-- chart: bar
-- x: tier
-- y: arr
-- additive: customers, arr
-- metrics: customers=tier_customers, arr=tier_arr, avg_arr=tier_avg_arr
SELECT tier, count(*) AS customers, round(total(arr), 2) AS arr, avg(arr) AS avg_arr
FROM account_revenue
WHERE is_customer
  AND (:segment IS NULL OR segment = :segment) AND (:region IS NULL OR region = :region)
  AND (:channel IS NULL OR channel = :channel)
GROUP BY tier
ORDER BY min(arr) DESC;

-- Issue 12: insights, actions, coaching, churn actions and alerts
-- (sql/views/80-88, docs/insights.md).

-- name: account_insights
-- question: Which accounts insights need attention: renewals at risk, revenue at risk from end-of-life products, SLA breaches and overdue receivables growing? (issue 12 Accounts cards; seed 002 revenue at risk, seed 004 renewals, SLA and billing; docs/insights.md)
-- chart: table
-- metrics: confidence=insight_confidence
SELECT severity, confidence, message, data
FROM insight_cards WHERE category = 'Accounts'
ORDER BY severity_order, confidence DESC, card_id;

-- name: next_best_actions
-- question: What is the next best action for each customer with open deals? (seed 004, Sales/Account recommendations; seed 001 Next-Best-Actions: each customer's highest-priority action, docs/insights.md)
-- chart: table
-- metrics: priority=action_priority
SELECT n.account_id, a.name AS account_name, n.opportunity_id, n.deal_name, n.stage, n.action_type, n.action, n.reason, n.priority
FROM next_best_actions AS n JOIN accounts AS a ON a.account_id = n.account_id
WHERE n.priority_rank = (SELECT min(x.priority_rank) FROM next_best_actions AS x WHERE x.account_id = n.account_id)
  AND (:segment IS NULL OR a.segment = :segment) AND (:region IS NULL OR a.region = :region)
ORDER BY n.priority DESC, n.account_id LIMIT 50;
