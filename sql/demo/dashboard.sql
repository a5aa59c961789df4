-- sql/demo/dashboard.sql — the pipeline and revenue summary `make demo`
-- prints from demo.db (sqlite3 shell, extension loaded).  Plain SQL over the
-- canonical tables plus the revops functions; the persona dashboards of
-- sql/dashboards/ replace it when they land.  Every figure is as of
-- 2026-03-01, the generator's as-of date, so the output never depends on
-- the day it is run.
.headers on
.mode column

.print
.print == Pipeline (open deals, as of 2026-03-01)
-- name: pipeline_headline
-- question: How much open pipeline is there, and what is it worth weighted by stage probability and aged by seed 003's discount?
WITH open AS (
  SELECT o.amount, coalesce(o.probability, s.probability) AS p, o.close_date
  FROM opportunities AS o JOIN stages AS s ON s.stage = o.stage
  WHERE s.is_closed = 0)
SELECT count(*) AS open_deals,
       printf('%.2f', total(amount)) AS pipeline,
       printf('%.2f', weighted_pipeline(amount, p)) AS weighted,
       printf('%.2f', weighted_pipeline(amount, p, close_date, '2026-03-01')) AS weighted_aged,
       sum(amount IS NULL) AS deals_without_amount
FROM open;

-- name: pipeline_by_stage
-- question: Where is the money in the funnel?
SELECT s.stage, count(o.opportunity_id) AS deals, printf('%.2f', total(o.amount)) AS amount,
       printf('%.2f', weighted_pipeline(o.amount, coalesce(o.probability, s.probability))) AS weighted,
       CAST(avg(julianday('2026-03-01') - julianday(o.stage_entered_date)) AS INTEGER) AS avg_days_in_stage,
       s.expected_days
FROM stages AS s LEFT JOIN opportunities AS o ON o.stage = s.stage
WHERE s.is_closed = 0
GROUP BY s.stage ORDER BY s.stage_order;

.print
.print == Deal health (seed 001 five factors)
-- name: deal_health_distribution
-- question: How many open deals are healthy, to monitor, at risk or critical?
WITH act AS (
  SELECT opportunity_id, max(occurred_at) AS last_at, count(DISTINCT contact_id) AS contacts
  FROM activities WHERE opportunity_id IS NOT NULL GROUP BY opportunity_id),
pushes AS (
  SELECT opportunity_id, count(DISTINCT close_date) - 1 AS pushes
  FROM opportunity_snapshots GROUP BY opportunity_id),
scored AS (
  SELECT o.opportunity_id,
         deal_health(max(0, julianday('2026-03-01') - julianday(o.stage_entered_date)), s.expected_days,
                     julianday('2026-03-01') - julianday(a.last_at), coalesce(a.contacts, 0),
                     julianday(o.close_date) - julianday('2026-03-01'), coalesce(p.pushes, 0),
                     (o.amount - o.original_amount) / o.original_amount) AS health
  FROM opportunities AS o JOIN stages AS s ON s.stage = o.stage
  LEFT JOIN act AS a ON a.opportunity_id = o.opportunity_id
  LEFT JOIN pushes AS p ON p.opportunity_id = o.opportunity_id
  WHERE s.is_closed = 0)
SELECT deal_health_status(health) AS status, count(*) AS deals, CAST(avg(health) AS INTEGER) AS avg_score
FROM scored GROUP BY status ORDER BY min(health) DESC;

.print
.print == Won and lost, last 12 months (closed 2025-03-01 .. 2026-02-28)
-- name: win_rate_12m
-- question: What share of closed deals did we win, how big were they and how long did they take?
SELECT o.opportunity_type AS type, sum(s.is_won) AS won, sum(1 - s.is_won) AS lost,
       printf('%.3f', avg(s.is_won)) AS win_rate,
       printf('%.2f', avg(CASE WHEN s.is_won THEN o.amount END)) AS avg_won_amount,
       CAST(avg(julianday(o.close_date) - julianday(o.created_date)) AS INTEGER) AS avg_cycle_days
FROM opportunities AS o JOIN stages AS s ON s.stage = o.stage
WHERE s.is_closed = 1 AND o.close_date >= '2025-03-01' AND o.close_date < '2026-03-01'
GROUP BY o.opportunity_type ORDER BY o.opportunity_type;

.print
.print == Recurring revenue (month-end snapshot 2026-02-28)
-- name: mrr_by_segment
-- question: What is MRR and ARR today, by segment?
WITH now AS (
  SELECT segment, customer_id, mrr FROM subscription_mrr
  WHERE start_date <= '2026-02-28' AND (end_date IS NULL OR end_date > '2026-02-28'))
SELECT segment, count(DISTINCT customer_id) AS customers,
       printf('%.2f', total(mrr)) AS mrr, printf('%.2f', 12 * total(mrr)) AS arr
FROM now GROUP BY segment
UNION ALL
SELECT 'All', count(DISTINCT customer_id), printf('%.2f', total(mrr)), printf('%.2f', 12 * total(mrr))
FROM now;

-- name: mrr_waterfall_6m
-- question: How did MRR move over the last six months (seed 000 MRR waterfall: new, expansion, reactivation, contraction, churn)?
SELECT month, printf('%.2f', starting_mrr) AS starting, printf('%.2f', new_mrr) AS new,
       printf('%.2f', expansion_mrr) AS expansion, printf('%.2f', reactivation_mrr) AS reactivation,
       printf('%.2f', contraction_mrr) AS contraction, printf('%.2f', churned_mrr) AS churned,
       printf('%.2f', ending_mrr) AS ending, ending_customers AS customers
FROM mrr_waterfall('subscription_mrr', '2025-09', '2026-02');

-- name: retention_12m
-- question: How much of last year's recurring revenue did we keep (NRR, GRR, logo retention; seed 003 Tier 1)?
WITH cust AS (
  SELECT customer_id, segment,
         total(CASE WHEN start_date <= '2025-02-28' AND (end_date IS NULL OR end_date > '2025-02-28') THEN mrr END) AS start_mrr,
         total(CASE WHEN start_date <= '2026-02-28' AND (end_date IS NULL OR end_date > '2026-02-28') THEN mrr END) AS end_mrr
  FROM subscription_mrr GROUP BY customer_id, segment)
SELECT segment, printf('%.3f', nrr(start_mrr, end_mrr)) AS nrr, printf('%.3f', grr(start_mrr, end_mrr)) AS grr,
       printf('%.3f', logo_retention(start_mrr, end_mrr)) AS logo_retention
FROM cust GROUP BY segment
UNION ALL
SELECT 'All', printf('%.3f', nrr(start_mrr, end_mrr)), printf('%.3f', grr(start_mrr, end_mrr)),
       printf('%.3f', logo_retention(start_mrr, end_mrr))
FROM cust;

-- name: churn_reasons_12m
-- question: Why did customers leave or shrink in the last 12 months (seed 000 churn reasons)?
SELECT r.description AS reason, sum(e.churn_type = 'churn') AS churned, sum(e.churn_type = 'contraction') AS contracted,
       printf('%.2f', total(e.mrr_lost)) AS mrr_lost
FROM churn_events AS e JOIN churn_reasons AS r ON r.reason_code = e.reason_code
WHERE e.churn_date >= '2025-03-01' AND e.churn_date < '2026-03-01'
GROUP BY r.description ORDER BY total(e.mrr_lost) DESC LIMIT 5;

.print
.print == Leads created in the last 60 days, scored as of 2026-03-01
-- name: lead_grades
-- question: How many recent leads are hot, MQL or to nurture (seed 003 lead scoring)?
WITH scored AS (
  SELECT e.lead_id, lead_score(e.signal, e.occurred_at, '2026-03-01') AS score
  FROM lead_events AS e JOIN leads AS l ON l.lead_id = e.lead_id
  WHERE l.created_date >= '2025-12-31'
  GROUP BY e.lead_id)
SELECT lead_grade(score) AS grade, count(*) AS leads, CAST(avg(score) AS INTEGER) AS avg_score
FROM scored GROUP BY grade ORDER BY min(score) DESC;

.print
.print == Forecast accuracy: first Commit call of each quarter vs new business won
-- name: forecast_accuracy
-- question: How close were the reps' Commit calls to what closed (seed 003: MAPE < 15%)?
WITH calls AS (
  SELECT f.rep_id, f.period_start, f.period_end, f.amount AS forecast
  FROM forecast_submissions AS f
  WHERE f.category = 'Commit'
    AND f.submitted_date = (SELECT min(g.submitted_date) FROM forecast_submissions AS g
                            WHERE g.rep_id = f.rep_id AND g.period_start = f.period_start AND g.category = 'Commit')
    AND f.period_end <= '2026-01-01' AND f.period_start >= '2025-01-01'),
actuals AS (
  SELECT c.rep_id, c.period_start, c.forecast,
         (SELECT total(o.amount) FROM opportunities AS o
          WHERE o.owner_rep_id = c.rep_id AND o.stage = 'Closed Won' AND o.opportunity_type = 'New Business'
            AND o.close_date >= c.period_start AND o.close_date < c.period_end) AS actual
  FROM calls AS c)
SELECT substr(period_start, 1, 7) AS quarter_start, count(*) AS reps,
       printf('%.3f', mape(actual, forecast)) AS mape, printf('%.3f', wape(actual, forecast)) AS wape,
       mape_grade(mape(actual, forecast)) AS grade
FROM actuals GROUP BY period_start ORDER BY period_start;

.print
.print == Billing and service
-- name: billing_and_service
-- question: What is overdue, how many tickets broke their SLA, and what is our NPS?
SELECT
  (SELECT count(*) FROM invoices AS i WHERE i.status = 'open' AND i.due_date < '2026-03-01') AS overdue_invoices,
  (SELECT printf('%.2f', total(i.amount - coalesce((SELECT total(p.amount) FROM payments AS p WHERE p.invoice_id = i.invoice_id), 0)))
   FROM invoices AS i WHERE i.status = 'open' AND i.due_date < '2026-03-01') AS overdue_amount,
  (SELECT count(*) FROM invoices WHERE disputed = 1) AS disputed_invoices,
  (SELECT printf('%.3f', avg((julianday(coalesce(first_response_at, '2026-03-01')) - julianday(opened_at)) * 24 > sla_response_hours
                            OR (julianday(coalesce(resolved_at, '2026-03-01')) - julianday(opened_at)) * 24 > sla_resolution_hours))
   FROM support_tickets WHERE opened_at >= '2025-12-01') AS sla_breach_rate_90d,
  (SELECT CAST(round(100.0 * (avg(score >= 9) - avg(score <= 6))) AS INTEGER)
   FROM survey_responses WHERE survey_type = 'NPS' AND responded_date >= '2025-03-01') AS nps_12m;
