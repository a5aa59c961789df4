-- sql/dashboards/operations.sql — seed 004 "Operational Personnel
-- (Efficiency & Execution)".  Format: tools/dashboards.py.  Filters:
-- :start_date, :end_date (ticket opened date; close date of deals for
-- cycle times; the date a record with impossible dates began), :segment,
-- :region, :channel (the account's); recurring issues and open tickets
-- are counted at the as-of date (as_of_calendar; tools/dashboards.py makes
-- a dashboard's as-of the views').  Every panel selects from a view: the
-- ticket panels from the service views (service_monthly, service_tickets:
-- 65_service.sql), so their figures are the service persona's (one
-- definition of SLA compliance: tickets meeting every SLA target they
-- have, over tickets whose SLA is decided; a ticket without targets is in
-- no compliance and counted apart); dates filter tickets by the month
-- they were opened.  Records whose dates cannot both be true (closed
-- before created, resolved before opened, ...) are counted and listed
-- (data_quality_issues, 78_data_quality.sql) and left out of every
-- average here.

-- name: operations_kpis
-- question: Key Metrics Displayed: Open Tickets, Avg Response Time, SLA Compliance, Recurring Issues, Support Activity (total, open, closed with resolution times), Process Efficiency (seed 004, Operations); tickets without SLA targets and tickets with impossible times, counted apart (issue 22)
-- chart: kpi
-- additive: total_tickets, open_tickets, closed_tickets, sla_no_target, tickets_with_impossible_times
-- metrics: total_tickets=tickets, open_tickets, closed_tickets, avg_response_hours, avg_resolution_hours, sla_compliance, sla_no_target, tickets_with_impossible_times=ticket_date_issues, recurring_issues_90d
SELECT sum(tickets) AS total_tickets, sum(open_tickets) AS open_tickets, sum(closed_tickets) AS closed_tickets,
       total(response_hours_sum) / sum(responded) AS avg_response_hours,
       total(resolution_hours_sum) / sum(resolved) AS avg_resolution_hours,
       total(sla_met) / sum(sla_decided) AS sla_compliance,
       sum(sla_no_target) AS sla_no_target, sum(date_issues) AS tickets_with_impossible_times,
       (SELECT count(*) FROM service_recurring_issues_90d AS r
        WHERE (:segment IS NULL OR r.segment = :segment) AND (:region IS NULL OR r.region = :region)
          AND (:channel IS NULL OR r.channel = :channel)) AS recurring_issues_90d
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
-- service_tickets_by_category: the tickets summed per month and dimensions (kept)
SELECT category, sum(tickets) AS tickets, sum(open_tickets) AS open_tickets,
       sum(resolution_hours_sum) / sum(resolved) AS avg_resolution_hours
FROM service_tickets_by_category
WHERE (:start_date IS NULL OR opened_month >= substr(:start_date, 1, 7)) AND (:end_date IS NULL OR opened_month <= substr(:end_date, 1, 7))
  AND (:segment IS NULL OR segment = :segment) AND (:region IS NULL OR region = :region)
  AND (:channel IS NULL OR channel = :channel)
GROUP BY category ORDER BY tickets DESC, category;

-- name: stage_delays
-- question: Process delays in onboarding/delivery? (seed 004, Operations: avg_sales_cycle_days — where deals wait longer than the stage's expected days; a stage left before it was entered is in no average)
-- chart: bar
-- x: stage
-- y: avg_days
-- metrics: deals=stage_deals_exited, avg_days=stage_avg_days, expected_days=stage_expected_days, share_over_expected=stage_share_over_expected
SELECT stage, count(days) AS deals, round(avg(days), 1) AS avg_days, expected_days, avg(over_expected) AS share_over_expected
FROM pipeline_stage_durations
WHERE is_closed_stage = 0
  AND (:start_date IS NULL OR exited_date >= :start_date) AND (:end_date IS NULL OR exited_date <= :end_date)
  AND (:segment IS NULL OR segment = :segment) AND (:region IS NULL OR region = :region)
  AND (:channel IS NULL OR channel = :channel)
GROUP BY stage ORDER BY min(stage_order);

-- name: sales_cycle
-- question: Process delays in onboarding/delivery? (seed 004, Operations: avg_sales_cycle_days by segment, and days from a won deal to the customer's next subscription start — onboarding; a deal closed before it was created is counted but in no average)
-- additive: won_deals
-- metrics: won_deals, avg_sales_cycle_days=avg_sales_cycle_all_time, avg_days_to_go_live
SELECT segment, count(*) AS won_deals, round(avg(cycle_days), 1) AS avg_sales_cycle_days,
       round(avg(days_to_go_live), 1) AS avg_days_to_go_live
FROM won_deal_onboarding
WHERE (:start_date IS NULL OR close_date >= :start_date) AND (:end_date IS NULL OR close_date <= :end_date)
  AND (:segment IS NULL OR segment = :segment) AND (:region IS NULL OR region = :region)
  AND (:channel IS NULL OR channel = :channel)
GROUP BY segment ORDER BY segment;

-- name: sla_compliance
-- question: SLA target compliance? (seed 004, Operations: sla_compliance_pct, by priority)
-- additive: tickets, response_met, resolution_met, both_met
-- metrics: tickets=sla_decided, response_met=sla_response_met, resolution_met=sla_resolution_met, both_met=sla_both_met, sla_compliance
-- service_sla_by_priority: the decided tickets summed per month and dimensions (kept)
SELECT priority, sum(sla_decided) AS tickets, sum(response_met) AS response_met, sum(resolution_met) AS resolution_met,
       sum(sla_met) AS both_met, CAST(sum(sla_met) AS REAL) / sum(sla_decided) AS sla_compliance
FROM service_sla_by_priority
WHERE (:start_date IS NULL OR opened_month >= substr(:start_date, 1, 7)) AND (:end_date IS NULL OR opened_month <= substr(:end_date, 1, 7))
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
SELECT t.product, p.category AS product_category, sum(t.tickets) AS tickets, sum(t.open_tickets) AS open_tickets,
       coalesce(a.active_customers, 0) AS active_customers
FROM service_tickets_by_product AS t JOIN products AS p ON p.product_id = t.product_id
LEFT JOIN product_active_customers AS a ON a.product_id = t.product_id
WHERE (:start_date IS NULL OR t.opened_month >= substr(:start_date, 1, 7)) AND (:end_date IS NULL OR t.opened_month <= substr(:end_date, 1, 7))
  AND (:segment IS NULL OR t.segment = :segment) AND (:region IS NULL OR t.region = :region)
  AND (:channel IS NULL OR t.channel = :channel)
GROUP BY t.product_id ORDER BY tickets DESC;

-- name: recurring_issues
-- question: Recurring customer issues? (seed 004, Operations: recurring_issues_count — the same issue category at one account twice or more in the 90 days to the as-of date; the date range picks those seen in it)
-- metrics: tickets=recurring_issue_tickets_90d, still_open=recurring_issue_open_90d
SELECT account_name, segment, region, category, tickets, first_opened, last_opened, open_tickets AS still_open
FROM service_recurring_issues_90d
WHERE (:start_date IS NULL OR last_opened >= :start_date) AND (:end_date IS NULL OR first_opened <= :end_date)
  AND (:segment IS NULL OR segment = :segment) AND (:region IS NULL OR region = :region)
  AND (:channel IS NULL OR channel = :channel)
ORDER BY tickets DESC, last_opened DESC LIMIT 25;

-- name: data_quality
-- question: Which records have dates that cannot both be true — deals closed before they were created, tickets resolved or answered before they were opened, stages left before they were entered, periods ending before they start — how many, and which figures leave them out? (issue 22: dirty records are data-quality findings, not errors; seed 001 Alerts "Data Quality")
-- chart: table
-- additive: records
-- metrics: records=date_issue_records
SELECT table_name, issue, count(*) AS records, min(record_id) AS first_record, min(detail) AS example, left_out_of
FROM data_quality_issues
WHERE (:start_date IS NULL OR issue_date >= :start_date) AND (:end_date IS NULL OR issue_date <= :end_date)
  AND (:segment IS NULL OR segment = :segment) AND (:region IS NULL OR region = :region)
  AND (:channel IS NULL OR channel = :channel)
GROUP BY table_name, issue ORDER BY records DESC, table_name, issue;
