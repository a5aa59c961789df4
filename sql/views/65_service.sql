-- sql/views/65_service.sql — customer service (seed 004 service and
-- operations personas: open cases, resolution time, CSAT, SLA compliance,
-- recurring issues, VIP accounts; seed 003 "Support Tickets -> CSAT
-- Scores", NPS).
--
-- Vocabulary is the schema's CHECK constraints: a ticket is open while its
-- status is 'Open' or 'Pending' and done when 'Solved' or 'Closed'.
-- "Today" is (SELECT as_of FROM as_of_date).

-- Question: every ticket with its dimensions, response and resolution
-- times and whether it met its SLA.  (seed 004 open_tickets,
-- avg_response_time_hours, avg_resolution_time_hours, sla_compliance_pct)
-- Times are in hours.  A ticket is judged only against the targets it has
-- (issue 22: an export without SLA targets has no compliance, not 100 %):
--   has_sla_target  1 when it has a response or a resolution target;
--   response_met / resolution_met  1 within the target, 0 over it (a
--     ticket still waiting past its target is 0 already), NULL while still
--     waiting inside it, and NULL when it has no such target;
--   sla_met  0 when a target it has was missed, 1 when every target it has
--     was met, NULL otherwise: no target at all (neither met nor missed),
--     or not yet decided.  So avg(sla_met) is the compliance of decided
--     tickets with targets, and count(sla_met) how many those are.
-- An answer or resolution dated before the ticket was opened is an
-- impossible duration (help-desk exports have them): its hours are NULL,
-- so no average reads a negative time, the target it concerns is
-- undecided, and date_issue names it (listed and counted by
-- data_quality_issues, 78_data_quality.sql).  Tickets opened on or after
-- the as-of date are left out.  service_ticket_sla is the ticket alone
-- (what account health reads); service_tickets adds the account's
-- dimensions.
DROP VIEW IF EXISTS service_ticket_sla;
CREATE VIEW service_ticket_sla AS
WITH t AS (
  SELECT t.*,
         CASE WHEN t.first_response_at >= t.opened_at
              THEN (julianday(t.first_response_at) - julianday(t.opened_at)) * 24 END AS response_hours,
         CASE WHEN t.resolved_at >= t.opened_at
              THEN (julianday(t.resolved_at) - julianday(t.opened_at)) * 24 END AS resolution_hours,
         (julianday(d.as_of) - julianday(t.opened_at)) * 24 AS age_hours
  FROM support_tickets AS t, as_of_date AS d
  -- +opened_at: a plain scan of the table, not every ticket through the
  -- tickets_opened index (nearly all of them open before today); a filter
  -- on opened_at from a query above still reaches that index
  WHERE +t.opened_at < d.as_of),
m AS (
  SELECT t.*,
         CASE WHEN t.sla_response_hours IS NULL THEN NULL
              WHEN t.response_hours IS NOT NULL THEN t.response_hours <= t.sla_response_hours
              WHEN t.first_response_at IS NULL AND t.age_hours > t.sla_response_hours THEN 0 END AS response_met,
         CASE WHEN t.sla_resolution_hours IS NULL THEN NULL
              WHEN t.resolution_hours IS NOT NULL THEN t.resolution_hours <= t.sla_resolution_hours
              WHEN t.resolved_at IS NULL AND t.age_hours > t.sla_resolution_hours THEN 0 END AS resolution_met
  FROM t)
SELECT m.ticket_id, m.account_id, m.contact_id, m.product_id, m.agent_id,
       m.opened_at, m.first_response_at, m.resolved_at, m.priority, m.status, m.category,
       m.status IN ('Open', 'Pending') AS is_open,
       m.sla_response_hours, m.sla_resolution_hours, m.csat,
       m.response_hours, m.resolution_hours, m.age_hours,
       m.sla_response_hours IS NOT NULL OR m.sla_resolution_hours IS NOT NULL AS has_sla_target,
       m.response_met, m.resolution_met,
       CASE WHEN m.sla_response_hours IS NULL AND m.sla_resolution_hours IS NULL THEN NULL
            WHEN m.response_met = 0 OR m.resolution_met = 0 THEN 0
            WHEN (m.sla_response_hours IS NULL OR m.response_met = 1)
             AND (m.sla_resolution_hours IS NULL OR m.resolution_met = 1) THEN 1 END AS sla_met,
       CASE WHEN m.resolved_at < m.opened_at THEN 'Resolved before opened'
            WHEN m.first_response_at < m.opened_at THEN 'Answered before opened' END AS date_issue
FROM m;

-- The same tickets with their account's dimensions and names (the view
-- the dashboards filter).
DROP VIEW IF EXISTS service_tickets;
CREATE VIEW service_tickets AS
WITH d AS MATERIALIZED (SELECT account_id, account_name, segment, region, channel FROM account_dimensions)
SELECT t.ticket_id, t.account_id, d.account_name, d.segment, d.region, d.channel,
       t.product_id, p.name AS product, t.agent_id, r.name AS agent,
       t.opened_at, substr(t.opened_at, 1, 10) AS opened_date, substr(t.opened_at, 1, 7) AS opened_month,
       t.first_response_at, t.resolved_at, t.priority, t.status, t.category, t.is_open,
       t.sla_response_hours, t.sla_resolution_hours, t.csat,
       t.response_hours, t.resolution_hours, t.age_hours, t.has_sla_target, t.response_met, t.resolution_met, t.sla_met,
       t.date_issue
FROM service_ticket_sla AS t
LEFT JOIN d ON d.account_id = t.account_id
LEFT JOIN products AS p ON p.product_id = t.product_id
LEFT JOIN reps AS r ON r.rep_id = t.agent_id;

-- Question: how many tickets were opened, solved and are open, how fast
-- were they answered and resolved, what share met the SLA and how
-- satisfied were customers, per month?  (seed 004 service and operations
-- key metrics)  Per month opened, segment, region, channel and priority.
-- Additive: tickets, open_tickets, closed_tickets, sla_decided, sla_met,
-- sla_no_target (tickets without any SLA target: in no compliance),
-- csat_responses, csat_sum, response_hours_sum, responded,
-- resolution_hours_sum, resolved, date_issues (tickets answered or
-- resolved before they were opened: in no average).  Averages are sums
-- over counts.
DROP VIEW IF EXISTS service_monthly;
CREATE VIEW service_monthly AS
-- one pass: each ticket's account dimensions looked up in the materialised
-- dimensions, then one grouping (was grouped per account first and again
-- per segment: two sorts)
WITH d AS MATERIALIZED (SELECT account_id, segment, region, channel FROM account_dimensions)
SELECT substr(t.opened_at, 1, 7) AS month, d.segment, d.region, d.channel, t.priority,
       count(*) AS tickets, sum(t.is_open) AS open_tickets, count(*) - sum(t.is_open) AS closed_tickets,
       count(t.sla_met) AS sla_decided, total(t.sla_met) AS sla_met,
       total(t.sla_met) / count(t.sla_met) AS sla_compliance,
       count(*) - sum(t.has_sla_target) AS sla_no_target,
       count(t.date_issue) AS date_issues,
       count(t.csat) AS csat_responses, total(t.csat) AS csat_sum,
       total(t.csat) / count(t.csat) AS avg_csat,
       count(t.response_hours) AS responded, total(t.response_hours) AS response_hours_sum,
       total(t.response_hours) / count(t.response_hours) AS avg_response_hours,
       count(t.resolution_hours) AS resolved, total(t.resolution_hours) AS resolution_hours_sum,
       total(t.resolution_hours) / count(t.resolution_hours) AS avg_resolution_hours
FROM service_ticket_sla AS t LEFT JOIN d ON d.account_id = t.account_id
GROUP BY month, d.segment, d.region, d.channel, t.priority;

-- Question: which products draw the support tickets?  (seed 004
-- Operations total_tickets by product)  Per month opened, segment,
-- region, channel and product: tickets and open tickets, counts summed
-- exactly by any grouping of these columns.  Kept (99_derived.sql), so
-- operations.tickets_by_product sums a few thousand rows instead of
-- grouping every ticket (647,137 at SCALE=20: 1.2 s).
DROP VIEW IF EXISTS service_tickets_by_product;
CREATE VIEW service_tickets_by_product AS
SELECT opened_month, segment, region, channel, product_id, product,
       count(*) AS tickets, sum(is_open) AS open_tickets
FROM service_tickets
GROUP BY opened_month, segment, region, channel, product_id, product;

-- Question: which kinds of issue draw the tickets, and how long do they
-- take to resolve; and how many decided tickets met their SLA, by
-- priority?  (seed 004 Operations "most frequent issues" and
-- sla_compliance_pct)  Per month opened, segment, region, channel and
-- category (priority): counts and sums, so any grouping of these columns
-- sums them exactly (an average is sum / count).  Kept, so
-- operations.frequent_issues and sla_compliance sum a few thousand rows
-- instead of grouping every ticket (0.5 s each at SCALE=20).
DROP VIEW IF EXISTS service_tickets_by_category;
CREATE VIEW service_tickets_by_category AS
SELECT opened_month, segment, region, channel, category,
       count(*) AS tickets, sum(is_open) AS open_tickets,
       count(resolution_hours) AS resolved, sum(resolution_hours) AS resolution_hours_sum
FROM service_tickets
GROUP BY opened_month, segment, region, channel, category;

DROP VIEW IF EXISTS service_sla_by_priority;
CREATE VIEW service_sla_by_priority AS
SELECT opened_month, segment, region, channel, priority,
       count(*) AS sla_decided, sum(response_met) AS response_met, sum(resolution_met) AS resolution_met,
       sum(sla_met) AS sla_met
FROM service_tickets
WHERE sla_met IS NOT NULL
GROUP BY opened_month, segment, region, channel, priority;

-- Question: which accounts raise the same category again and again, in
-- each window a recurring-issue view reads?  (seed 004 service "recurring
-- service problems", operations "recurring customer issues",
-- recurring_issues_count)  One definition of a recurring issue for both
-- windows: one row per window, account and category with two or more
-- tickets opened in the window.  span '12m': the trailing 12 months to
-- the as-of date (trailing_12m_after < opened date <= as_of); '90d': the
-- 90 days to it (date(as_of, '-90 days') < opened date <= as_of).
-- first_opened and last_opened are opened_at (date and time).
DROP VIEW IF EXISTS service_recurring_windows;
CREATE VIEW service_recurring_windows AS
WITH w(span, since, until) AS (
  SELECT '12m', date(trailing_12m_after, '+1 day'), date(as_of, '+1 day') FROM as_of_calendar
  UNION ALL
  SELECT '90d', date(as_of, '-89 days'), date(as_of, '+1 day') FROM as_of_calendar)
SELECT w.span, t.account_id, t.account_name, t.segment, t.region, t.channel, t.category,
       count(*) AS tickets, sum(t.is_open) AS open_tickets,
       min(t.opened_at) AS first_opened, max(t.opened_at) AS last_opened,
       group_concat(DISTINCT t.product) AS products
FROM w JOIN service_tickets AS t ON t.opened_at >= w.since AND t.opened_at < w.until
GROUP BY w.span, t.account_id, t.category
HAVING count(*) >= 2;

-- Question: which problems keep coming back?  (seed 004 service
-- "recurring service problems", operations "most frequent issues",
-- "recurring customer issues", recurring_issues_count)  A recurring issue
-- is an account raising the same category again: one row per account and
-- category with two or more tickets opened in the 12 months before the
-- as-of date (service_recurring_windows, span '12m'); first_opened and
-- last_opened are dates.
DROP VIEW IF EXISTS service_recurring_issues;
CREATE VIEW service_recurring_issues AS
SELECT account_id, account_name, segment, region, channel, category, tickets, open_tickets,
       substr(first_opened, 1, 10) AS first_opened, substr(last_opened, 1, 10) AS last_opened, products
FROM service_recurring_windows WHERE span = '12m';

-- Question: which issues keep coming back right now?  (seed 004
-- Operations "recurring customer issues", recurring_issues_count)  The
-- same rule over the 90 days to the as-of date, date(as_of, '-90 days') <
-- opened date <= as-of (service_recurring_windows, span '90d'):
-- first_opened and last_opened are opened_at.
DROP VIEW IF EXISTS service_recurring_issues_90d;
CREATE VIEW service_recurring_issues_90d AS
SELECT account_id, account_name, segment, region, channel, category, tickets, open_tickets, first_opened, last_opened
FROM service_recurring_windows WHERE span = '90d';

-- Question: what is NPS and CSAT per month?  (seed 004 nps_score,
-- csat_score; seed 003 CSAT)  Survey answers per month and dimensions;
-- nps = nps(score) over the NPS answers (-100..100), avg_csat over CSAT
-- answers (1-5).  Additive: nps_responses, promoters, passives,
-- detractors, csat_responses, csat_sum.
DROP VIEW IF EXISTS service_surveys_monthly;
CREATE VIEW service_surveys_monthly AS
WITH d AS MATERIALIZED (SELECT account_id, segment, region, channel FROM account_dimensions)
SELECT substr(s.responded_date, 1, 7) AS month, d.segment, d.region, d.channel,
       sum(s.survey_type = 'NPS') AS nps_responses,
       sum(s.survey_type = 'NPS' AND s.score >= 9) AS promoters,
       sum(s.survey_type = 'NPS' AND s.score BETWEEN 7 AND 8) AS passives,
       sum(s.survey_type = 'NPS' AND s.score <= 6) AS detractors,
       nps(CASE WHEN s.survey_type = 'NPS' THEN s.score END) AS nps,
       sum(s.survey_type = 'CSAT') AS csat_responses,
       total(CASE WHEN s.survey_type = 'CSAT' THEN s.score END) AS csat_sum,
       avg(CASE WHEN s.survey_type = 'CSAT' THEN s.score END) AS avg_csat
FROM survey_responses AS s
LEFT JOIN d ON d.account_id = s.account_id
WHERE s.responded_date < (SELECT as_of FROM as_of_date)
GROUP BY month, d.segment, d.region, d.channel;

-- Question: which high-value accounts need urgent service attention?
-- (seed 004 service "VIP accounts needing urgent attention", VIP alert:
-- annual_revenue with open_tickets)  A VIP is a Strategic account
-- (account_tier of its ARR above 100,000, seed 002); one row per VIP with
-- open tickets, the urgent/high ones and SLA breaches among them.
DROP VIEW IF EXISTS service_vip_attention;
CREATE VIEW service_vip_attention AS
SELECT c.account_id, c.account_name, c.segment, c.region, c.channel, c.arr, c.tier,
       count(t.ticket_id) AS open_tickets,
       sum(t.priority IN ('Urgent', 'High')) AS urgent_or_high,
       sum(t.sla_met = 0) AS sla_breached,
       max(t.age_hours) AS oldest_open_hours
FROM revenue_top_customers AS c
JOIN service_tickets AS t ON t.account_id = c.account_id AND t.is_open = 1
WHERE c.tier = 'Strategic'
GROUP BY c.account_id;
