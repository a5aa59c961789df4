-- sql/views/78_data_quality.sql — records whose dates cannot both be true
-- (issue 22: dirty records are data-quality findings, not errors).
--
-- Real exports hold them: migrated CRM data carries the load date as the
-- created date, after the historical close; help-desk exports have
-- tickets resolved before they were opened; periods end before they
-- start.  The import loads them (sql/schema.sql accepts every one), each
-- view that computes a duration from them leaves it out (NULL, never a
-- negative number: no average cycle of -751 days, no sales_velocity()
-- fed a negative cycle), and this view lists them, one row per record and
-- issue, so the operations dashboard can count them and say where they
-- are.  The rule of each issue is written once, in the view that computes
-- the duration (pipeline_deals.date_issue, pipeline_stage_durations,
-- service_ticket_sla), or here for the tables no figure reads a duration
-- of.
--
--   table_name   the table the record is in
--   record_id    its key (a stage history row: the deal and the stage)
--   issue        what cannot be: 'Closed before created', ...
--   detail       the two dates, and the days between them
--   issue_date   the later-dated side of the pair as the record says it
--                (what the date filters select)
--   account_id, segment, region, channel   the account's (the deal's
--                channel for deals), NULL where the record has none
--   left_out_of  the figures that leave the record out
DROP VIEW IF EXISTS data_quality_issues;
CREATE VIEW data_quality_issues AS
WITH d AS MATERIALIZED (SELECT account_id, segment, region, channel FROM account_dimensions)
SELECT 'opportunities' AS table_name, p.opportunity_id AS record_id, p.date_issue AS issue,
       printf('created %s, closed %s: %d days', p.created_date, p.close_date,
              CAST(julianday(p.close_date) - julianday(p.created_date) AS INTEGER)) AS detail,
       p.created_date AS issue_date, p.account_id, p.segment, p.region, p.channel,
       'sales cycle, sales velocity, scenario cycle' AS left_out_of
FROM pipeline_deals AS p WHERE p.date_issue IS NOT NULL
UNION ALL
SELECT 'opportunity_stage_history', h.opportunity_id || ' ' || h.stage, h.date_issue,
       printf('entered %s, left %s: %d days', h.entered_date, h.exited_date,
              CAST(julianday(h.exited_date) - julianday(h.entered_date) AS INTEGER)),
       h.entered_date, h.account_id, h.segment, h.region, h.channel, 'days in stage, stage delays'
FROM pipeline_stage_durations AS h WHERE h.date_issue IS NOT NULL
UNION ALL
SELECT 'support_tickets', t.ticket_id, t.date_issue,
       printf('opened %s, answered %s, resolved %s', t.opened_at, coalesce(t.first_response_at, '-'), coalesce(t.resolved_at, '-')),
       t.opened_date, t.account_id, t.segment, t.region, t.channel,
       'response and resolution times, SLA compliance'
FROM service_tickets AS t WHERE t.date_issue IS NOT NULL
UNION ALL
SELECT 'subscriptions', s.subscription_id, 'Ends before it starts',
       printf('starts %s, ends %s: %d days', s.start_date, s.end_date,
              CAST(julianday(s.end_date) - julianday(s.start_date) AS INTEGER)),
       s.start_date, s.account_id, d.segment, d.region, d.channel, 'MRR, ARR and every revenue figure'
FROM subscriptions AS s LEFT JOIN d ON d.account_id = s.account_id
WHERE s.end_date < s.start_date
UNION ALL
SELECT 'leads', l.lead_id,
       CASE WHEN l.mql_date < l.created_date THEN 'MQL before created'
            WHEN l.sql_date < l.created_date THEN 'SQL before created'
            ELSE 'Converted before created' END,
       printf('created %s, MQL %s, SQL %s, converted %s', l.created_date, coalesce(l.mql_date, '-'),
              coalesce(l.sql_date, '-'), coalesce(l.converted_date, '-')),
       l.created_date, l.account_id, l.segment, l.region, l.channel, 'none (funnel counts are by date)'
FROM leads AS l
WHERE l.mql_date < l.created_date OR l.sql_date < l.created_date OR l.converted_date < l.created_date
UNION ALL
SELECT 'reps', r.rep_id, 'Left before hired', printf('hired %s, left %s', r.hire_date, r.end_date),
       r.hire_date, NULL, r.segment, r.region, NULL, 'tenure'
FROM reps AS r WHERE r.end_date < r.hire_date
UNION ALL
SELECT 'campaigns', c.campaign_id, 'Ends before it starts', printf('starts %s, ends %s', c.start_date, c.end_date),
       c.start_date, NULL, c.segment, c.region, c.channel, 'none'
FROM campaigns AS c WHERE c.end_date < c.start_date
UNION ALL
SELECT 'payments', p.payment_id, 'Paid before invoiced',
       printf('invoice %s dated %s, paid %s', i.invoice_id, i.invoice_date, p.paid_date),
       i.invoice_date, i.account_id, d.segment, d.region, d.channel, 'none (balances count every payment)'
FROM payments AS p JOIN invoices AS i ON i.invoice_id = p.invoice_id LEFT JOIN d ON d.account_id = i.account_id
WHERE p.paid_date < i.invoice_date
UNION ALL
SELECT 'installed_products', ip.install_id, 'Support ends before installation',
       printf('installed %s, support ends %s', ip.install_date, ip.support_end_date),
       ip.install_date, ip.account_id, d.segment, d.region, d.channel, 'none'
FROM installed_products AS ip LEFT JOIN d ON d.account_id = ip.account_id
WHERE ip.support_end_date < ip.install_date;
