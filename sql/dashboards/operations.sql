-- sql/dashboards/operations.sql — seed 004 "Operational Personnel
-- (Efficiency & Execution)".  Format: tools/dashboards.py.  Filters:
-- :start_date, :end_date (ticket opened date; close date of deals for
-- cycle times), :segment, :region (the account's), :as_of (the date
-- recurring issues and open tickets are counted at).  Ticket panels select
-- from the service views (service_monthly, service_tickets: 65_service.sql),
-- so their figures are the service persona's (one definition of SLA
-- compliance: tickets meeting both SLAs over tickets whose SLA is decided);
-- dates filter tickets by the month they were opened; :channel is the
-- account's acquisition channel.

-- name: operations_kpis
-- question: Key Metrics Displayed: Open Tickets, Avg Response Time, SLA Compliance, Recurring Issues, Support Activity (total, open, closed with resolution times), Process Efficiency (seed 004, Operations)
-- chart: kpi
-- additive: total_tickets, open_tickets, closed_tickets
-- metrics: total_tickets=tickets, open_tickets, closed_tickets, avg_response_hours, avg_resolution_hours, sla_compliance, recurring_issues_90d
SELECT sum(tickets) AS total_tickets, sum(open_tickets) AS open_tickets, sum(closed_tickets) AS closed_tickets,
       total(response_hours_sum) / sum(responded) AS avg_response_hours,
       total(resolution_hours_sum) / sum(resolved) AS avg_resolution_hours,
       total(sla_met) / sum(sla_decided) AS sla_compliance,
       (SELECT count(*) FROM (
          SELECT 1 FROM service_tickets AS r, as_of_calendar AS c
          WHERE r.opened_date > date(c.as_of, '-90 days') AND r.opened_date <= c.as_of
            AND (:segment IS NULL OR r.segment = :segment) AND (:region IS NULL OR r.region = :region)
            AND (:channel IS NULL OR r.channel = :channel)
          GROUP BY r.account_id, r.category HAVING count(*) >= 2)) AS recurring_issues_90d
FROM service_monthly
WHERE (:start_date IS NULL OR month >= substr(:start_date, 1, 7)) AND (:end_date IS NULL OR month <= substr(:end_date, 1, 7))
  AND (:segment IS NULL OR segment = :segment) AND (:region IS NULL OR region = :region)
  AND (:channel IS NULL OR channel = :channel);

-- name: frequent_issues
-- question: Most frequent service/product issues? (seed 004, Operations: recurring_issues_count, total_tickets)
-- chart: bar
-- x: category
-- y: tickets
-- additive: tickets, open_tickets
-- metrics: tickets, open_tickets, avg_resolution_hours
SELECT category, count(*) AS tickets, sum(is_open) AS open_tickets, avg(resolution_hours) AS avg_resolution_hours
FROM service_tickets
WHERE (:start_date IS NULL OR opened_month >= substr(:start_date, 1, 7)) AND (:end_date IS NULL OR opened_month <= substr(:end_date, 1, 7))
  AND (:segment IS NULL OR segment = :segment) AND (:region IS NULL OR region = :region)
  AND (:channel IS NULL OR channel = :channel)
GROUP BY category ORDER BY tickets DESC;

-- name: stage_delays
-- question: Process delays in onboarding/delivery? (seed 004, Operations: avg_sales_cycle_days — where deals wait longer than the stage's expected days)
-- chart: bar
-- x: stage
-- y: avg_days
-- metrics: deals=stage_deals_exited, avg_days=stage_avg_days, expected_days=stage_expected_days, share_over_expected=stage_share_over_expected
SELECT h.stage, count(*) AS deals, round(avg(julianday(h.exited_date) - julianday(h.entered_date)), 1) AS avg_days,
       s.expected_days,
       avg(julianday(h.exited_date) - julianday(h.entered_date) > s.expected_days) AS share_over_expected
FROM opportunity_stage_history AS h
JOIN stages AS s ON s.stage = h.stage
JOIN pipeline_deals AS d ON d.opportunity_id = h.opportunity_id
WHERE s.is_closed = 0 AND h.exited_date IS NOT NULL
  AND (:start_date IS NULL OR h.exited_date >= :start_date) AND (:end_date IS NULL OR h.exited_date <= :end_date)
  AND (:segment IS NULL OR d.segment = :segment) AND (:region IS NULL OR d.region = :region)
  AND (:channel IS NULL OR d.channel = :channel)
GROUP BY h.stage ORDER BY s.stage_order;

-- name: sales_cycle
-- question: Process delays in onboarding/delivery? (seed 004, Operations: avg_sales_cycle_days by segment, and days from a won deal to the customer's next subscription start — onboarding)
-- additive: won_deals
-- metrics: won_deals, avg_sales_cycle_days=avg_sales_cycle_all_time, avg_days_to_go_live
SELECT segment, count(*) AS won_deals, round(avg(cycle_days), 1) AS avg_sales_cycle_days,
       round(avg((SELECT julianday(min(s.start_date)) FROM subscriptions AS s
                  WHERE s.account_id = d.account_id AND s.start_date >= d.close_date) - julianday(d.close_date)), 1) AS avg_days_to_go_live
FROM pipeline_deals AS d
WHERE is_won = 1
  AND (:start_date IS NULL OR close_date >= :start_date) AND (:end_date IS NULL OR close_date <= :end_date)
  AND (:segment IS NULL OR segment = :segment) AND (:region IS NULL OR region = :region)
  AND (:channel IS NULL OR channel = :channel)
GROUP BY segment ORDER BY segment;

-- name: sla_compliance
-- question: SLA target compliance? (seed 004, Operations: sla_compliance_pct, by priority)
-- additive: tickets, response_met, resolution_met, both_met
-- metrics: tickets=sla_decided, response_met=sla_response_met, resolution_met=sla_resolution_met, both_met=sla_both_met, sla_compliance
SELECT priority, count(*) AS tickets, sum(response_met) AS response_met, sum(resolution_met) AS resolution_met,
       sum(sla_met) AS both_met, avg(sla_met) AS sla_compliance
FROM service_tickets
WHERE sla_met IS NOT NULL
  AND (:start_date IS NULL OR opened_month >= substr(:start_date, 1, 7)) AND (:end_date IS NULL OR opened_month <= substr(:end_date, 1, 7))
  AND (:segment IS NULL OR segment = :segment) AND (:region IS NULL OR region = :region)
  AND (:channel IS NULL OR channel = :channel)
GROUP BY priority ORDER BY CASE priority WHEN 'Urgent' THEN 1 WHEN 'High' THEN 2 WHEN 'Normal' THEN 3 ELSE 4 END;

-- name: tickets_by_product
-- question: Products driving most support tickets? (seed 004, Operations: total_tickets, active_services)
-- chart: bar
-- x: product
-- y: tickets
-- additive: tickets
-- metrics: tickets, open_tickets, active_customers=active_customers_product
SELECT t.product, p.category AS product_category, count(*) AS tickets, sum(t.is_open) AS open_tickets,
       (SELECT count(DISTINCT s.account_id) FROM subscriptions AS s, as_of_calendar AS c WHERE s.product_id = t.product_id
          AND s.start_date <= c.as_of AND (s.end_date IS NULL OR s.end_date > c.as_of)) AS active_customers
FROM service_tickets AS t JOIN products AS p ON p.product_id = t.product_id
WHERE (:start_date IS NULL OR t.opened_month >= substr(:start_date, 1, 7)) AND (:end_date IS NULL OR t.opened_month <= substr(:end_date, 1, 7))
  AND (:segment IS NULL OR t.segment = :segment) AND (:region IS NULL OR t.region = :region)
  AND (:channel IS NULL OR t.channel = :channel)
GROUP BY t.product_id ORDER BY tickets DESC;

-- name: recurring_issues
-- question: Recurring customer issues? (seed 004, Operations: recurring_issues_count — the same issue category at one account twice or more in the 90 days before :end_date or :as_of)
-- metrics: tickets=recurring_issue_tickets_90d, still_open=recurring_issue_open_90d
SELECT a.name AS account_name, a.segment, a.region, t.category, count(*) AS tickets,
       min(t.opened_at) AS first_opened, max(t.opened_at) AS last_opened,
       sum(t.status IN ('Open', 'Pending')) AS still_open
FROM support_tickets AS t JOIN accounts AS a ON a.account_id = t.account_id
WHERE t.opened_at >= date(min(coalesce(date(:end_date, '+1 day'), '9999-12-31'), coalesce(:as_of, (SELECT as_of FROM as_of_date))), '-90 days')
  AND t.opened_at < min(coalesce(date(:end_date, '+1 day'), '9999-12-31'), coalesce(:as_of, (SELECT as_of FROM as_of_date)))
  AND (:start_date IS NULL OR t.opened_at >= :start_date)
  AND (:segment IS NULL OR a.segment = :segment) AND (:region IS NULL OR a.region = :region)
GROUP BY t.account_id, t.category HAVING count(*) >= 2
ORDER BY tickets DESC, last_opened DESC LIMIT 25;
