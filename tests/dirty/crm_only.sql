-- tests/dirty/crm_only.sql — a CRM-only export of 2016-2018 (accounts and
-- opportunities, nothing else), shaped like the Salesforce orgs of issue
-- 22: migrated deals carry the load date as their created date, after the
-- historical close.  The latest business date is a created date,
-- 2018-11-20 (O-C4), so the as-of date is 2018-11-21.
PRAGMA foreign_keys = ON;
INSERT INTO accounts (account_id, name, segment, region) VALUES
  ('A-1', 'Acme', 'SMB', 'EMEA'), ('A-2', 'Globex', 'Enterprise', 'North America');
INSERT INTO opportunities (opportunity_id, account_id, opportunity_type, stage, amount, created_date, close_date) VALUES
  -- won in 40 days, inside the 12 months to 2018-11-21
  ('O-C1', 'A-1', 'New Business', 'Closed Won', 10000, '2018-01-10', '2018-02-19'),
  -- won in 100 days, inside the 12 months
  ('O-C2', 'A-2', 'New Business', 'Closed Won', 30000, '2018-03-01', '2018-06-09'),
  -- migrated: closed 2016-05-01, loaded (created) 2018-11-20: -933 days
  ('O-C3', 'A-1', 'Expansion', 'Closed Won', 5000, '2018-11-20', '2016-05-01'),
  -- migrated inside the 12 months: closed 2018-07-01, created 2018-11-20: -142 days
  ('O-C4', 'A-2', 'Renewal', 'Closed Won', 8000, '2018-11-20', '2018-07-01'),
  -- lost inside the 12 months
  ('O-C5', 'A-2', 'New Business', 'Closed Lost', 20000, '2018-02-01', '2018-04-01'),
  -- open since 2018-09-01, expected 2018-12-15
  ('O-C6', 'A-1', 'New Business', 'Proposal', 12000, '2018-09-01', '2018-12-15');
UPDATE opportunities SET stage_entered_date = '2018-10-01' WHERE opportunity_id = 'O-C6';
-- O-C1 came from a channel: a won deal with a source, and no spend loaded
UPDATE opportunities SET channel = 'Paid Search' WHERE opportunity_id = 'O-C1';
