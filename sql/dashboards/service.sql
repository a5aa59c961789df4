-- sql/dashboards/service.sql — Service Management (seed 004, customer
-- experience): open cases, resolution time, satisfaction by product,
-- region and agent, recurring problems, VIP accounts.  Format:
-- tools/dashboards.py.  Filters (NULL = all): :segment, :region, :channel
-- (the account's); :start_date, :end_date (the day a ticket was opened or
-- a survey answered); open tickets and SLA states are as of the
-- database's as-of date (settings 'as_of').  Ticket statuses are the
-- schema's: open = 'Open' or 'Pending', done = 'Solved' or 'Closed'.

-- name: open_cases
-- question: Open service cases & status? (seed 004, Service Q1: open_tickets; key metrics: Open Cases)
-- chart: bar
-- x: status
-- y: tickets
-- additive: tickets, urgent_or_high, sla_breached
-- metrics: tickets=open_tickets, urgent_or_high=urgent_or_high_open, sla_breached=sla_breached_open, oldest_hours=oldest_open_hours, avg_age_hours=avg_open_age_hours
SELECT status, priority, count(*) AS tickets, sum(priority IN ('Urgent', 'High')) AS urgent_or_high,
       sum(sla_met = 0) AS sla_breached, max(age_hours) AS oldest_hours, avg(age_hours) AS avg_age_hours
FROM service_tickets
WHERE is_open = 1
  AND (:start_date IS NULL OR opened_date >= :start_date) AND (:end_date IS NULL OR opened_date <= :end_date)
  AND (:segment IS NULL OR segment = :segment) AND (:region IS NULL OR region = :region)
  AND (:channel IS NULL OR channel = :channel)
GROUP BY status, priority
ORDER BY status, CASE priority WHEN 'Urgent' THEN 1 WHEN 'High' THEN 2 WHEN 'Normal' THEN 3 ELSE 4 END;

-- name: resolution_time
-- question: Average resolution time? (seed 004, Service Q2: avg_resolution_time_hours; key metrics: Avg Resolution Time, Response Metrics: average response and resolution times) — by month opened
-- chart: line
-- x: month
-- y: avg_resolution_hours, avg_response_hours
-- additive: tickets, resolved, responded
-- metrics: tickets, resolved=resolved_tickets, responded=responded_tickets, avg_resolution_hours, avg_response_hours
-- dimensions: is_partial
SELECT month, month = (SELECT month FROM as_of_calendar) AS is_partial, sum(tickets) AS tickets, sum(resolved) AS resolved, sum(responded) AS responded,
       total(resolution_hours_sum) / sum(resolved) AS avg_resolution_hours,
       total(response_hours_sum) / sum(responded) AS avg_response_hours
FROM service_monthly
WHERE (:start_date IS NULL OR month >= substr(:start_date, 1, 7)) AND (:end_date IS NULL OR month <= substr(:end_date, 1, 7))
  AND (:segment IS NULL OR segment = :segment) AND (:region IS NULL OR region = :region)
  AND (:channel IS NULL OR channel = :channel)
GROUP BY month
ORDER BY month;

-- name: satisfaction_breakdown
-- question: Support satisfaction by product/region/agent? (seed 004, Service Q3: csat_score, sla_compliance_pct)
-- chart: table
-- additive: tickets, csat_responses, sla_decided
-- metrics: tickets, csat_responses, avg_csat, sla_decided, sla_compliance, avg_resolution_hours
WITH t AS (SELECT product, region, agent, csat, sla_met, resolution_hours FROM service_tickets
           WHERE (:start_date IS NULL OR opened_date >= :start_date) AND (:end_date IS NULL OR opened_date <= :end_date)
             AND (:segment IS NULL OR segment = :segment) AND (:region IS NULL OR region = :region)
             AND (:channel IS NULL OR channel = :channel))
SELECT 'product' AS dimension, coalesce(product, '(none)') AS value, count(*) AS tickets, count(csat) AS csat_responses,
       avg(csat) AS avg_csat, count(sla_met) AS sla_decided, avg(sla_met) AS sla_compliance, avg(resolution_hours) AS avg_resolution_hours
FROM t GROUP BY product
UNION ALL
SELECT 'region', coalesce(region, '(none)'), count(*), count(csat), avg(csat), count(sla_met), avg(sla_met), avg(resolution_hours)
FROM t GROUP BY region
UNION ALL
SELECT 'agent', coalesce(agent, '(none)'), count(*), count(csat), avg(csat), count(sla_met), avg(sla_met), avg(resolution_hours)
FROM t GROUP BY agent
ORDER BY 1, 2;

-- name: recurring_issues
-- question: Recurring service problems? (seed 004, Service Q4: recurring_issues_count; Ticket Summary: open, closed, total, and recurring issues) — an account raising the same category twice or more in 12 months
-- chart: bar
-- x: category
-- y: recurring_accounts
-- additive: recurring_accounts, tickets, open_tickets
-- metrics: recurring_accounts, tickets=recurring_tickets, open_tickets=recurring_open_tickets, most_by_one_account=recurring_max_by_account
SELECT category, count(*) AS recurring_accounts, sum(tickets) AS tickets, sum(open_tickets) AS open_tickets,
       max(tickets) AS most_by_one_account
FROM service_recurring_issues
WHERE (:start_date IS NULL OR last_opened >= :start_date) AND (:end_date IS NULL OR first_opened <= :end_date)
  AND (:segment IS NULL OR segment = :segment) AND (:region IS NULL OR region = :region)
  AND (:channel IS NULL OR channel = :channel)
GROUP BY category
ORDER BY recurring_accounts DESC;

-- name: vip_attention
-- question: VIP accounts needing urgent attention? (seed 004, Service Q5: annual_revenue, open_tickets; VIP Alert for high-value accounts) — Strategic accounts (ARR above 100,000) with open tickets
-- chart: table
-- metrics: arr=account_arr, open_tickets, urgent_or_high=urgent_or_high_open, sla_breached=sla_breached_open, oldest_open_hours
SELECT account_id, account_name, segment, region, arr, open_tickets, urgent_or_high, sla_breached,
       round(oldest_open_hours, 1) AS oldest_open_hours
FROM service_vip_attention
WHERE (:segment IS NULL OR segment = :segment) AND (:region IS NULL OR region = :region)
  AND (:channel IS NULL OR channel = :channel)
ORDER BY sla_breached DESC, urgent_or_high DESC, arr DESC;

-- name: service_kpis
-- question: Key metrics — Open Cases, Avg Resolution Time, CSAT Score (1-5), SLA Compliance, Ticket Summary (open, closed, total), Response Metrics (seed 004, Service key metrics)
-- chart: kpi
-- additive: total_tickets, open_tickets, closed_tickets, sla_decided, csat_responses
-- metrics: total_tickets=tickets, open_tickets, closed_tickets, avg_response_hours, avg_resolution_hours, sla_decided, sla_compliance, csat_responses, avg_csat
SELECT sum(tickets) AS total_tickets, sum(open_tickets) AS open_tickets, sum(closed_tickets) AS closed_tickets,
       total(response_hours_sum) / sum(responded) AS avg_response_hours,
       total(resolution_hours_sum) / sum(resolved) AS avg_resolution_hours,
       sum(sla_decided) AS sla_decided, total(sla_met) / sum(sla_decided) AS sla_compliance,
       sum(csat_responses) AS csat_responses, total(csat_sum) / sum(csat_responses) AS avg_csat
FROM service_monthly
WHERE (:start_date IS NULL OR month >= substr(:start_date, 1, 7)) AND (:end_date IS NULL OR month <= substr(:end_date, 1, 7))
  AND (:segment IS NULL OR segment = :segment) AND (:region IS NULL OR region = :region)
  AND (:channel IS NULL OR channel = :channel);

-- name: nps_csat_trend
-- question: NPS and CSAT over time (seed 004, nps_score and csat_score; seed 003 Support Tickets -> CSAT Scores)
-- chart: line
-- x: month
-- y: nps, avg_csat
-- additive: nps_responses, csat_responses
-- metrics: nps_responses, nps, csat_responses=survey_csat_responses, avg_csat=survey_avg_csat
-- dimensions: is_partial
WITH d AS MATERIALIZED (SELECT account_id, segment, region, channel FROM account_dimensions)
SELECT substr(s.responded_date, 1, 7) AS month,
       substr(s.responded_date, 1, 7) = (SELECT month FROM as_of_calendar) AS is_partial,
       sum(s.survey_type = 'NPS') AS nps_responses, nps(CASE WHEN s.survey_type = 'NPS' THEN s.score END) AS nps,
       sum(s.survey_type = 'CSAT') AS csat_responses, avg(CASE WHEN s.survey_type = 'CSAT' THEN s.score END) AS avg_csat
FROM survey_responses AS s JOIN d ON d.account_id = s.account_id
WHERE s.responded_date < (SELECT as_of FROM as_of_date)
  AND (:start_date IS NULL OR s.responded_date >= :start_date) AND (:end_date IS NULL OR s.responded_date <= :end_date)
  AND (:segment IS NULL OR d.segment = :segment) AND (:region IS NULL OR d.region = :region)
  AND (:channel IS NULL OR d.channel = :channel)
GROUP BY month
ORDER BY month;

-- Issue 12: insights, actions, coaching, churn actions and alerts
-- (sql/views/80-88, docs/insights.md).

-- name: customer_risk_alerts
-- question: Which customers have risk alerts: churn risk level, the action it requires, the factor behind it? (seed 004, Service: risk alerts per customer; seed 001 churn predictions, docs/insights.md)
-- chart: table
-- metrics: churn_risk=churn_risk_score, health=health_score, mrr=customer_mrr
SELECT account_id, account_name, segment, region, churn_risk_level, churn_risk, health, main_factor, action, due_date, mrr
FROM churn_actions
WHERE churn_risk_level IN ('Critical', 'High') AND (:segment IS NULL OR segment = :segment) AND (:region IS NULL OR region = :region)
ORDER BY level_order, mrr DESC, account_id LIMIT 50;
