-- The window convention (sql/views/00_as_of.sql): as_of_date and every
-- column of as_of_calendar on a few as-of dates, each worked out by hand
-- from the calendar below the case (not from the views' output).
.read tests/sql/lib/install.sql

-- No setting and no dated fact: no as-of date at all (no clock is read).
SELECT 'as_of: an empty database has none', as_of, NULL FROM as_of_date;

-- Without a setting: the day after the latest dated fact.  The latest
-- here is the ticket opened on 2026-02-28 at 09:00 (the activity is on the
-- 27th, the invoice on the 20th, the snapshot on the 23rd, the
-- subscription starts on 2026-02-01), so as-of is 2026-03-01.
INSERT INTO accounts (account_id, name) VALUES ('A1', 'Acme');
INSERT INTO opportunities (opportunity_id, account_id, stage) VALUES ('O1', 'A1', 'Demo');
INSERT INTO opportunity_snapshots (snapshot_date, opportunity_id, stage) VALUES ('2026-02-23', 'O1', 'Demo');
INSERT INTO activities (activity_id, activity_type, occurred_at, account_id) VALUES ('X1', 'Call', '2026-02-27 16:00:00', 'A1');
INSERT INTO invoices (invoice_id, account_id, invoice_date, due_date, amount, status) VALUES ('V1', 'A1', '2026-02-20', '2026-03-22', 10, 'open');
INSERT INTO support_tickets (ticket_id, account_id, opened_at, priority, status) VALUES ('T1', 'A1', '2026-02-28 09:00:00', 'Low', 'Open');
INSERT INTO subscriptions (subscription_id, account_id, start_date, mrr) VALUES ('S1', 'A1', '2026-02-01', 10);
SELECT 'as_of: the day after the latest fact (a ticket on 2026-02-28)', as_of, '2026-03-01' FROM as_of_date;
-- A later subscription start moves it: 2026-03-04 + 1 day.
INSERT INTO subscriptions (subscription_id, account_id, start_date, mrr) VALUES ('S2', 'A1', '2026-03-04', 10);
SELECT 'as_of: a subscription starting 2026-03-04 moves it to the 5th', as_of, '2026-03-05' FROM as_of_date;
-- The setting wins over the facts.
INSERT INTO settings VALUES ('as_of', '2025-06-15');
SELECT 'as_of: the setting wins', as_of, '2025-06-15' FROM as_of_date;

-- as_of 2026-03-01, a Sunday in the first quarter:
--   month 2026-03 from 2026-03-01; quarter 2026-Q1 from 2026-01-01, the
--   next from 2026-04-01, the prior from 2025-10-01;
--   quarter to date 2026-01-01..2026-03-01 is 31 + 28 + 1 = 60 days, so
--   the prior quarter's same days end 59 days after 2025-10-01: October
--   gives 30 of them (to the 31st), November 29 more: 2025-11-29;
--   the trailing windows start (exclusive) 1, 3, 6, 12 and 24 months
--   before: 2026-02-01, 2025-12-01, 2025-09-01, 2025-03-01, 2024-03-01.
UPDATE settings SET value = '2026-03-01' WHERE key = 'as_of';
SELECT 'calendar 2026-03-01: month', month_start || ' ' || month, '2026-03-01 2026-03' FROM as_of_calendar;
SELECT 'calendar 2026-03-01: quarter', quarter || ' ' || quarter_start || ' ' || next_quarter_start, '2026-Q1 2026-01-01 2026-04-01' FROM as_of_calendar;
SELECT 'calendar 2026-03-01: prior quarter, same days', prior_quarter_start || ' ' || prior_quarter_same_day, '2025-10-01 2025-11-29' FROM as_of_calendar;
SELECT 'calendar 2026-03-01: year', year_start, '2026-01-01' FROM as_of_calendar;
SELECT 'calendar 2026-03-01: trailing 1, 3, 6, 12, 24 months after', trailing_1m_after || ' ' || trailing_3m_after || ' ' || trailing_6m_after || ' ' || trailing_12m_after || ' ' || trailing_24m_after, '2026-02-01 2025-12-01 2025-09-01 2025-03-01 2024-03-01' FROM as_of_calendar;
SELECT 'calendar 2026-03-01: the as-of date itself', as_of, '2026-03-01' FROM as_of_calendar;

-- as_of 2025-11-15, the middle month of the fourth quarter: quarter
-- 2025-Q4 from 2025-10-01 (November is its second month), the next from
-- 2026-01-01, the prior from 2025-07-01; 31 + 14 = 45 days since the
-- quarter began, so the same days end 45 days after 2025-07-01: July
-- gives 30 (to the 31st), August 15: 2025-08-15.  Year from 2025-01-01.
UPDATE settings SET value = '2025-11-15' WHERE key = 'as_of';
SELECT 'calendar 2025-11-15: quarter', quarter || ' ' || quarter_start || ' ' || next_quarter_start, '2025-Q4 2025-10-01 2026-01-01' FROM as_of_calendar;
SELECT 'calendar 2025-11-15: prior quarter, same days', prior_quarter_start || ' ' || prior_quarter_same_day, '2025-07-01 2025-08-15' FROM as_of_calendar;
SELECT 'calendar 2025-11-15: month and year', month_start || ' ' || month || ' ' || year_start, '2025-11-01 2025-11 2025-01-01' FROM as_of_calendar;
SELECT 'calendar 2025-11-15: trailing 12 months after', trailing_12m_after, '2024-11-15' FROM as_of_calendar;

-- as_of 2025-09-30, the last day of the third quarter (92 days: July 31,
-- August 31, September 30): 91 days after 2025-07-01, and 91 days after
-- the prior quarter's start 2025-04-01 is 2025-07-01, past the prior
-- quarter (91 days, April to June): the same days stop at its last day,
-- 2025-06-30.
UPDATE settings SET value = '2025-09-30' WHERE key = 'as_of';
SELECT 'calendar 2025-09-30: quarter', quarter || ' ' || quarter_start || ' ' || next_quarter_start, '2025-Q3 2025-07-01 2025-10-01' FROM as_of_calendar;
SELECT 'calendar 2025-09-30: the prior quarter is shorter: its last day', prior_quarter_start || ' ' || prior_quarter_same_day, '2025-04-01 2025-06-30' FROM as_of_calendar;
SELECT 'calendar 2025-09-30: trailing 3, 12 months after', trailing_3m_after || ' ' || trailing_12m_after, '2025-06-30 2024-09-30' FROM as_of_calendar;

-- as_of 2026-01-01, the first day of a quarter and a year: the quarter to
-- date is that one day, so the prior quarter's same days are its first
-- day alone.
UPDATE settings SET value = '2026-01-01' WHERE key = 'as_of';
SELECT 'calendar 2026-01-01: the first day of the quarter', quarter || ' ' || quarter_start || ' ' || prior_quarter_start || ' ' || prior_quarter_same_day || ' ' || year_start, '2026-Q1 2026-01-01 2025-10-01 2025-10-01 2026-01-01' FROM as_of_calendar;
-- as_of 2026-12-31: the fourth quarter to its end (92 days), the prior
-- quarter 92 days too (July to September): 91 days after 2026-07-01 is
-- 2026-09-30, inside it.
UPDATE settings SET value = '2026-12-31' WHERE key = 'as_of';
SELECT 'calendar 2026-12-31: the last day of the year', quarter || ' ' || quarter_start || ' ' || next_quarter_start || ' ' || prior_quarter_same_day, '2026-Q4 2026-10-01 2027-01-01 2026-09-30' FROM as_of_calendar;
