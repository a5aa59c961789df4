-- sql/views/00_as_of.sql — the one "today" every view counts from.
--
-- Question: as of which date are ages, overdue days, "next 90 days" and
-- trailing windows computed?  (Issue 10: one as-of date the user sets in
-- one place, defaulting to the latest date in the data.)
--
-- Set it:    INSERT OR REPLACE INTO settings VALUES ('as_of', '2026-03-01');
--            (then sh sql/views/refresh.sh DB: the derived tables of
--            99_derived.sql are out of date until refilled)
-- Reset it:  DELETE FROM settings WHERE key = 'as_of';
-- Without a setting it is the day after the latest dated fact among deal
-- snapshots, activities, invoices, support tickets and subscription
-- starts, so the demo (generated as of 2026-03-01) reads the same on every
-- run.  Dashboard queries take :as_of and fall back to this view:
--   coalesce(:as_of, (SELECT as_of FROM as_of_date))
DROP VIEW IF EXISTS as_of_date;
CREATE VIEW as_of_date AS
SELECT coalesce(
  (SELECT value FROM settings WHERE key = 'as_of'),
  (SELECT date(max(d), '+1 day') FROM (
     -- each a min/max lookup on an index (sql/schema.sql), not a scan:
     -- the view is read by nearly every other view and dashboard query
     SELECT (SELECT max(snapshot_date) FROM opportunity_snapshots) AS d
     UNION ALL SELECT substr((SELECT max(occurred_at) FROM activities), 1, 10)
     UNION ALL SELECT (SELECT max(invoice_date) FROM invoices)
     UNION ALL SELECT substr((SELECT max(opened_at) FROM support_tickets), 1, 10)
     UNION ALL SELECT (SELECT max(start_date) FROM subscriptions))),
  date('now')) AS as_of;
