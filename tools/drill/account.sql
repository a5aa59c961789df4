-- tools/drill/account.sql — one account's page (the drill-down of every
-- table, card and bar that names an account: docs/report.md "Drill-down").
-- Format: tools/dashboards.py (the dashboards' own), so every numeric
-- column is a metric of the catalogue or a declared dimension (a record's
-- field as imported), checked by tests/report/test_layout.py.  Each query
-- takes :account_id (NULL: every account, which the static report runs
-- once and splits by the account_id column) and selects from the views:
-- nothing here computes a metric.  Lists hold the latest rows and every
-- open one.

-- name: profile
-- question: Who is this customer, and how healthy is the relationship? (seed 002 Customer Revenue Profile; seed 004 /api/customer/<id>)
-- chart: kpi
-- metrics: arr=account_arr, mrr=customer_mrr, active_services, health_score, churn_risk_score, retention_probability, nps=account_nps, days_since_interaction, days_to_renewal
SELECT h.account_id, h.account_name, h.segment, h.region, h.channel, r.tier, h.health_status, h.churn_risk_level,
       h.action, h.next_renewal_date,
       r.arr, r.mrr, r.active_services, h.health_score, h.churn_risk_score, h.retention_probability, h.nps,
       h.days_since_interaction, h.days_to_renewal
FROM account_health AS h LEFT JOIN account_revenue AS r ON r.account_id = h.account_id
WHERE (:account_id IS NULL OR h.account_id = :account_id);

-- name: health_factors
-- question: What drives its health score and its churn risk? (seed 004 Customer Success: health with its factors)
-- chart: factors
SELECT account_id, health_factors, churn_risk_factors
FROM account_health
WHERE (:account_id IS NULL OR account_id = :account_id);

-- name: mrr_history
-- question: How has its recurring revenue moved, month by month? (seed 002 Revenue Trend Analysis)
-- chart: line
-- x: month
-- y: mrr
-- metrics: mrr=customer_mrr
SELECT account_id, month, mrr
FROM revenue_customer_months
WHERE (:account_id IS NULL OR account_id = :account_id)
ORDER BY account_id, month;

-- name: opportunities
-- question: Which opportunities does it have, open and closed? (seed 002 Opportunity Pipeline)
-- metrics: amount=deal_amount, probability=deal_probability
SELECT account_id, opportunity_id, name, opportunity_type, stage,
       CASE WHEN is_won = 1 THEN 'Won' WHEN is_closed = 1 THEN 'Lost' ELSE 'Open' END AS state,
       amount, probability, forecast_category, created_date, close_date, rep_name
FROM pipeline_deals
WHERE (:account_id IS NULL OR account_id = :account_id)
ORDER BY account_id, is_closed, close_date DESC;

-- name: renewals
-- question: What renews, and when? (seed 002 Risk Indicators: contract expiration dates)
-- metrics: days_to_renewal, renewal_arr
SELECT account_id, subscription_id, plan, renewal_date, days_to_renewal, renewal_window, reminder, renewal_arr
FROM account_renewals
WHERE (:account_id IS NULL OR account_id = :account_id)
ORDER BY account_id, renewal_date;

-- name: tickets_summary
-- question: How is its support going? (seed 004 Service: tickets, response and resolution, SLA, CSAT)
-- chart: kpi
-- metrics: tickets, open_tickets, avg_response_hours, avg_resolution_hours, sla_compliance, csat_responses, avg_csat
SELECT account_id, count(*) AS tickets, sum(is_open) AS open_tickets,
       avg(response_hours) AS avg_response_hours, avg(resolution_hours) AS avg_resolution_hours,
       avg(sla_met) AS sla_compliance, count(csat) AS csat_responses, avg(csat) AS avg_csat
FROM service_tickets
WHERE (:account_id IS NULL OR account_id = :account_id)
GROUP BY account_id;

-- name: tickets
-- question: Its open tickets and the latest ones (seed 004 Service: open cases)
-- dimensions: sla_met
SELECT account_id, ticket_id, opened_date, priority, status, category, product, sla_met
FROM (SELECT t.*, row_number() OVER (PARTITION BY account_id ORDER BY opened_at DESC) AS k FROM service_tickets AS t)
WHERE (:account_id IS NULL OR account_id = :account_id) AND (is_open = 1 OR k <= 12)
ORDER BY account_id, opened_at DESC;

-- name: invoices
-- question: Its open invoices and the latest ones: payment status and history (seed 002 Payment Terms and Status)
-- metrics: amount=invoice_amount, outstanding=invoice_outstanding, days_overdue=invoice_days_overdue
-- dimensions: payment_terms_days, disputed
SELECT account_id, invoice_id, invoice_date, due_date, status, amount, outstanding, days_overdue, aging_bucket,
       disputed, payment_terms_days
FROM (SELECT i.*, row_number() OVER (PARTITION BY account_id ORDER BY invoice_date DESC) AS k FROM billing_invoices AS i)
WHERE (:account_id IS NULL OR account_id = :account_id) AND (outstanding > 0 OR k <= 12)
ORDER BY account_id, invoice_date DESC;

-- name: contacts
-- question: Who are its people? (seed 001 multi-threading; seed 004 Account Management)
-- dimensions: is_decision_maker
SELECT account_id, first_name || ' ' || last_name AS contact, title, seniority, persona, is_decision_maker, email,
       last_activity_date
FROM contacts
WHERE (:account_id IS NULL OR account_id = :account_id)
ORDER BY account_id, is_decision_maker DESC, last_activity_date DESC;

-- name: insights
-- question: Which insight cards name it? (docs/insights.md)
-- metrics: confidence=insight_confidence
SELECT j.value AS account_id, c.category, c.severity, c.confidence, c.message, c.data
FROM insight_cards AS c, json_each(c.data, '$.account_ids') AS j
WHERE (:account_id IS NULL OR j.value = :account_id)
ORDER BY j.value, c.severity_order, c.confidence DESC;

-- name: actions
-- question: What should we do next: its churn action and its deals' next best actions? (seed 004 /api/customer/<id>/recommendations)
-- metrics: priority=action_priority
SELECT account_id, 'Churn risk ' || churn_risk_level AS kind, action, main_factor AS reason, due_date, NULL AS deal, NULL AS priority
FROM churn_actions WHERE (:account_id IS NULL OR account_id = :account_id)
UNION ALL
SELECT account_id, action_type, action, reason, NULL, deal_name, priority
FROM next_best_actions WHERE (:account_id IS NULL OR account_id = :account_id)
ORDER BY account_id, priority DESC;
