-- sql/views/00_as_of.sql — the one "today" every view counts from, and the
-- one definition of every window counted from it.
--
-- Question: as of which date are ages, overdue days, "next 90 days" and
-- trailing windows computed, and where does that date come from?  (Issue
-- 10: one as-of date the user sets in one place, defaulting to the latest
-- date in the data; issue 22: the latest business date of whatever is
-- loaded, and as_of_date says where it came from.)
--
-- Set it:    INSERT OR REPLACE INTO settings VALUES ('as_of', '2026-03-01');
--            (then sh sql/views/refresh.sh DB: the derived tables of
--            99_derived.sql are out of date until refilled)
-- Reset it:  DELETE FROM settings WHERE key = 'as_of';
-- Without a setting it is the day after the latest business date among
-- every kind of dated fact an export brings: deal snapshots, activities,
-- invoices and payments, support tickets, subscription starts, the created
-- dates of opportunities and the close dates of closed ones, lead
-- creation, MQL and SQL dates, marketing spend and survey answers.  So a
-- CRM-only or marketing-only file of 2016-2018 is read as of the end of
-- its own data, not as of today, and the demo (generated as of
-- 2026-03-01, nothing dated after 2026-02-28) reads the same on every run.
-- Dates that are expectations, not facts, do not count: an open deal's
-- expected close, a renewal date, a due date, a subscription's end.
--   as_of        the date
--   source       where it came from: 'settings' (the setting), else the
--                table.column holding the latest business date; NULL when
--                there is neither (no dated fact, no setting)
--   latest_date  that latest business date (NULL when set by the setting
--                and the data holds none)
-- A database with no dated fact and no setting has no as-of (NULL): no
-- view reads the machine's clock (issue 21), so its figures are the same
-- on every machine and every day.  Each latest date is one lookup at the
-- end of an index (sql/schema.sql indexes every one of those columns): the
-- view is read by nearly every other view and dashboard query.
-- tools/dashboards.py sets the setting (in a transaction it rolls back)
-- when a dashboard is run with another as-of, so the views and the queries
-- read one date.
-- It is written to cost little to compile as well as to run: it is read
-- by nearly every view, and each reading compiles its own copy.  The
-- thirteen latest dates are one row of scalar lookups, computed once per
-- statement with the as-of date (d, materialized: a reader then reads
-- as_of as a stored value, not as an expression recomputed per row); the
-- source is the first in alphabetical order of table.column among those
-- holding the latest date (the CASE lists them in that order).  Written
-- as a union of the thirteen with ORDER BY d DESC LIMIT 1, the insight
-- cards took a third more to compile (0.20 s against 0.15 s;
-- docs/performance.md).
DROP VIEW IF EXISTS as_of_date;
CREATE VIEW as_of_date AS
WITH d AS MATERIALIZED (
  SELECT l.*, coalesce(s.value, date(l.latest, '+1 day')) AS as_of, s.value IS NOT NULL AS is_set
  FROM (SELECT x.*, nullif(max(coalesce(snapshots, ''), coalesce(activities, ''), coalesce(invoices, ''), coalesce(payments, ''),
                               coalesce(tickets, ''), coalesce(subscriptions, ''), coalesce(deal_created, ''), coalesce(deal_closed, ''),
                               coalesce(lead_created, ''), coalesce(lead_mql, ''), coalesce(lead_sql, ''), coalesce(spend, ''),
                               coalesce(surveys, '')), '') AS latest
        FROM (SELECT (SELECT max(snapshot_date) FROM opportunity_snapshots) AS snapshots,
                     substr((SELECT max(occurred_at) FROM activities), 1, 10) AS activities,
                     (SELECT max(invoice_date) FROM invoices) AS invoices,
                     (SELECT max(paid_date) FROM payments) AS payments,
                     substr((SELECT max(opened_at) FROM support_tickets), 1, 10) AS tickets,
                     (SELECT max(start_date) FROM subscriptions) AS subscriptions,
                     (SELECT max(created_date) FROM opportunities) AS deal_created,
                     (SELECT max((SELECT max(o.close_date) FROM opportunities AS o WHERE o.stage = s.stage))
                      FROM stages AS s WHERE s.is_closed = 1) AS deal_closed,
                     (SELECT max(created_date) FROM leads) AS lead_created,
                     (SELECT max(mql_date) FROM leads) AS lead_mql,
                     (SELECT max(sql_date) FROM leads) AS lead_sql,
                     (SELECT max(spend_date) FROM marketing_spend) AS spend,
                     (SELECT max(responded_date) FROM survey_responses) AS surveys) AS x) AS l
  LEFT JOIN settings AS s ON s.key = 'as_of' AND s.value IS NOT NULL)
SELECT as_of,
       CASE WHEN is_set THEN 'settings'
            WHEN latest = activities THEN 'activities.occurred_at'
            WHEN latest = invoices THEN 'invoices.invoice_date'
            WHEN latest = lead_created THEN 'leads.created_date'
            WHEN latest = lead_mql THEN 'leads.mql_date'
            WHEN latest = lead_sql THEN 'leads.sql_date'
            WHEN latest = spend THEN 'marketing_spend.spend_date'
            WHEN latest = deal_closed THEN 'opportunities.close_date'
            WHEN latest = deal_created THEN 'opportunities.created_date'
            WHEN latest = snapshots THEN 'opportunity_snapshots.snapshot_date'
            WHEN latest = payments THEN 'payments.paid_date'
            WHEN latest = subscriptions THEN 'subscriptions.start_date'
            WHEN latest = tickets THEN 'support_tickets.opened_at'
            WHEN latest = surveys THEN 'survey_responses.responded_date' END AS source,
       latest AS latest_date
FROM d;

-- Question: where does each window counted from the as-of date start and
-- end?  The one window convention (issue 26, docs/metrics.md "Windows"):
--
--   as-of snapshot        the state on the as-of date (open deals, open
--                         tickets, balances due): as_of
--   trailing N months     dates d with  date(as_of, '-N months') < d <= as_of
--                         (the N months ending on the as-of date, the as-of
--                         day in, the day N months before out: 365 days for
--                         N = 12 in a year without 29 February); the lower
--                         bound is trailing_Nm_after
--   quarter to date       quarter_start <= d <= as_of, quarter_start the
--                         first day of the calendar quarter holding as_of
--   the same days of the prior quarter (period over period, like with like)
--                         prior_quarter_start <= d <= prior_quarter_same_day
--   current quarter       quarter_start <= d < next_quarter_start (open
--                         deals expected to close in it)
--   month to date         month_start <= d <= as_of
--   a period holding the as-of date is partial: a month, quarter or year
--   series marks it with is_partial = 1 (months: month >= month_start).
--
-- Date-time columns (occurred_at, opened_at) compare by their date:
-- substr(x, 1, 10) or the same bounds, as the views write them.
DROP VIEW IF EXISTS as_of_calendar;
CREATE VIEW as_of_calendar AS
WITH a AS (SELECT as_of,
                  date(as_of, 'start of month',
                       printf('-%d months', (CAST(strftime('%m', as_of) AS INTEGER) - 1) % 3)) AS qs
           FROM as_of_date)
SELECT as_of,
       date(as_of, 'start of month') AS month_start,
       strftime('%Y-%m', as_of) AS month,
       qs AS quarter_start,
       date(qs, '+3 months') AS next_quarter_start,
       strftime('%Y', qs) || '-Q' || ((CAST(strftime('%m', qs) AS INTEGER) + 2) / 3) AS quarter,
       date(qs, '-3 months') AS prior_quarter_start,
       min(date(qs, '-3 months', printf('+%d days', CAST(julianday(as_of) - julianday(qs) AS INTEGER))),
           date(qs, '-1 day')) AS prior_quarter_same_day,
       date(as_of, 'start of year') AS year_start,
       date(as_of, '-1 months') AS trailing_1m_after,
       date(as_of, '-3 months') AS trailing_3m_after,
       date(as_of, '-6 months') AS trailing_6m_after,
       date(as_of, '-12 months') AS trailing_12m_after,
       date(as_of, '-24 months') AS trailing_24m_after
FROM a;
