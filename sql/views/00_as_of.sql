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
DROP VIEW IF EXISTS as_of_date;
CREATE VIEW as_of_date AS
WITH latest(source, d) AS (
  SELECT 'opportunity_snapshots.snapshot_date', (SELECT max(snapshot_date) FROM opportunity_snapshots)
  UNION ALL SELECT 'activities.occurred_at', substr((SELECT max(occurred_at) FROM activities), 1, 10)
  UNION ALL SELECT 'invoices.invoice_date', (SELECT max(invoice_date) FROM invoices)
  UNION ALL SELECT 'payments.paid_date', (SELECT max(paid_date) FROM payments)
  UNION ALL SELECT 'support_tickets.opened_at', substr((SELECT max(opened_at) FROM support_tickets), 1, 10)
  UNION ALL SELECT 'subscriptions.start_date', (SELECT max(start_date) FROM subscriptions)
  UNION ALL SELECT 'opportunities.created_date', (SELECT max(created_date) FROM opportunities)
  -- a closed deal's close date is a fact, an open one's an expectation:
  -- the latest per closed stage (opportunities_stage is (stage, close_date))
  UNION ALL SELECT 'opportunities.close_date',
                   (SELECT max((SELECT max(o.close_date) FROM opportunities AS o WHERE o.stage = s.stage))
                    FROM stages AS s WHERE s.is_closed = 1)
  UNION ALL SELECT 'leads.created_date', (SELECT max(created_date) FROM leads)
  UNION ALL SELECT 'leads.mql_date', (SELECT max(mql_date) FROM leads)
  UNION ALL SELECT 'leads.sql_date', (SELECT max(sql_date) FROM leads)
  UNION ALL SELECT 'marketing_spend.spend_date', (SELECT max(spend_date) FROM marketing_spend)
  UNION ALL SELECT 'survey_responses.responded_date', (SELECT max(responded_date) FROM survey_responses)),
top AS (SELECT source, d FROM latest WHERE d IS NOT NULL ORDER BY d DESC, source LIMIT 1),
setting AS (SELECT value FROM settings WHERE key = 'as_of' AND value IS NOT NULL)
SELECT coalesce((SELECT value FROM setting), (SELECT date(d, '+1 day') FROM top)) AS as_of,
       CASE WHEN EXISTS (SELECT 1 FROM setting) THEN 'settings' ELSE (SELECT source FROM top) END AS source,
       (SELECT d FROM top) AS latest_date;

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
