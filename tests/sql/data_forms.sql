-- The import's value forms (docs/data.md "Values", "Dates", "Vocabulary"):
-- every accepted and every refused date form, orders decided by a file's
-- values or asked for, two-digit years, synonyms, zero-length periods,
-- every problem of a row at once, the closest table of an unknown file.
-- Fixtures: tests/data/forms/*, tests/data/unmatched; expected values
-- worked out by hand from the files.
.read sql/schema.sql
CREATE TEMP TABLE import_request(dir TEXT NOT NULL);
INSERT INTO import_request VALUES ('tests/data/forms/iso');
.output /dev/null
BEGIN IMMEDIATE;
.read sql/import/import.sql
COMMIT;
.output stdout

-- ISO 8601: extended and basic offsets, Z, fractions, a date alone, year
-- first with slashes.  -02:00 and +05:30 convert to UTC.
WITH expected(id, at) AS (VALUES
  ('T01', '2026-01-05 00:00:00'), ('T02', '2026-01-05 10:30:00'), ('T03', '2026-01-05 10:30:15'),
  ('T04', '2024-01-22 16:14:25'), ('T05', '2024-01-22 16:14:25'), ('T06', '2026-01-06 01:30:00'),
  ('T07', '2026-01-05 10:30:00'), ('T08', '2026-01-05 00:00:00'), ('T09', '2026-01-05 05:00:00'))
SELECT 'date accepted: ' || e.id, coalesce(a.occurred_at, '(rejected)'), e.at
FROM expected AS e LEFT JOIN activities AS a ON a.activity_id = e.id ORDER BY e.id;
WITH expected(line, v) AS (VALUES
  (11, '2026-01-05T25:00:00Z'), (12, '2026-02-30'), (13, '20260105'), (14, 'yesterday'),
  (15, '2026-01-05T10:30:00+0000 extra'), (16, '2026-01-05 10:30:00 +0000'), (17, '2026-13-01'),
  (18, '2026-01-05T10:30:00+1500'))
SELECT 'date refused: ' || e.v, coalesce(r.reason, '(loaded)'),
       'occurred_at: ''' || e.v || ''' is not a valid date and time (use YYYY-MM-DD HH:MM:SS, UTC)'
FROM expected AS e LEFT JOIN import_rejects AS r ON r.file = 'activities.csv' AND r.line = e.line ORDER BY e.line;
SELECT 'activities: 9 loaded, 8 refused', rows_loaded || ' ' || rows_rejected, '9 8' FROM import_summary WHERE file = 'activities.csv';

-- Vocabulary: billing intervals, ticket statuses and priorities.
SELECT 'billing interval synonyms', (SELECT group_concat(subscription_id || '=' || billing_interval, ' ') FROM (SELECT * FROM subscriptions ORDER BY 1)),
  'S1=month S2=year S3=year S4=quarter S5=month';
SELECT 'a zero-length subscription (start = end) loads: an empty period', start_date || ' ' || end_date, '2026-01-01 2026-01-01'
  FROM subscriptions WHERE subscription_id = 'S5';
SELECT 'an interval with no synonym', reason, 'billing_interval: ''weekly'' is not one of month, quarter, year'
  FROM import_rejects WHERE file = 'subscriptions.csv' AND line = 7;
-- A period that ends before it starts is no problem of the row (issue 22:
-- a data-quality finding the views flag); its negative MRR is.
SELECT 'a backwards period is no reject; its MRR below zero is', reason, 'mrr: ''-3'' must be >= 0'
  FROM import_rejects WHERE file = 'subscriptions.csv' AND line = 8;
SELECT 'every problem of a row at once, the rule in words', reason,
  'amount: ''-3'' must be >= 0; due_date ''2026-01-01'' must be on or after invoice_date ''2026-02-01'''
  FROM import_rejects WHERE file = 'invoices.csv' AND line = 2;
SELECT 'ticket status and priority synonyms', (SELECT group_concat(ticket_id || '=' || priority || '/' || status, ' ') FROM (SELECT * FROM support_tickets ORDER BY 1)),
  'K1=Normal/Open K2=Urgent/Pending K3=Low/Solved';
SELECT 'a status with no synonym', reason, 'status: ''done'' is not one of Open, Pending, Solved, Closed'
  FROM import_rejects WHERE file = 'support_tickets.csv' AND line = 5;

-- Month/day: '02/13/26' decides the file (13 is no month).  3.4.2026 is
-- March 4th; 12/31/69 is 1969 and 1/1/68 is 2068 (pivot 00-68 -> 20xx);
-- '4/1/2026 10:30 PM' in a date column is its day.
UPDATE import_request SET dir = 'tests/data/forms/mdy';
.output /dev/null
BEGIN IMMEDIATE;
.read sql/import/import.sql
COMMIT;
.output stdout
SELECT 'M/D/Y decided by the file', (SELECT group_concat(subscription_id || '=' || start_date || '/' || coalesce(end_date, '-'), ' ') FROM (SELECT * FROM subscriptions WHERE subscription_id LIKE 'M%' ORDER BY 1)),
  'M1=2026-01-05/2026-02-13 M2=2026-03-04/- M3=1969-12-31/2068-01-01 M4=2026-03-01/2026-04-01';

-- Day/month: '13/02/2026' decides it; 31-12-26 is 2026-12-31.
UPDATE import_request SET dir = 'tests/data/forms/dmy';
.output /dev/null
BEGIN IMMEDIATE;
.read sql/import/import.sql
COMMIT;
.output stdout
SELECT 'D/M/Y decided by the file', (SELECT group_concat(subscription_id || '=' || start_date || '/' || coalesce(end_date, '-'), ' ') FROM (SELECT * FROM subscriptions WHERE subscription_id LIKE 'D%' ORDER BY 1)),
  'D1=2026-02-13/- D2=2026-01-05/2026-12-31 D3=2026-02-01/-';

-- Nothing decides: 03/04/2026 is never guessed; 05/05/2026 reads the same
-- either way.
UPDATE import_request SET dir = 'tests/data/forms/ambiguous';
.output /dev/null
BEGIN IMMEDIATE;
.read sql/import/import.sql
COMMIT;
.output stdout
SELECT 'an ambiguous date is asked for, not guessed', reason,
  'start_date: ''03/04/2026'' could be month/day or day/month and no value of the file decides it (declare date_order = MDY or DMY in a mapping, docs/data.md)'
  FROM import_rejects WHERE file = 'subscriptions.csv' AND line = 2 AND run_id = (SELECT max(run_id) FROM import_runs);
SELECT 'a date the same in both orders loads', end_date, '2026-05-05' FROM subscriptions WHERE subscription_id = 'Q2';

-- A file that matches no table names the closest one.
UPDATE import_request SET dir = 'tests/data/unmatched';
.output /dev/null
BEGIN IMMEDIATE;
.read sql/import/import.sql
COMMIT;
.output stdout
SELECT 'an unknown file names the closest table', reason,
  'no table named opportunity (closest: opportunities, which has 5 of the file''s 6 columns: name the file opportunities.csv, or map it in a .map file, docs/data.md "Mappings")'
  FROM import_rejects WHERE file = 'opportunity.csv';

-- A table the import has never seen (as a new table in sql/schema.sql
-- would be): it imports with no code change, its types, CHECK shapes and
-- foreign key read from the database (this replaces the old check that a
-- generated import.sql was up to date).
CREATE TABLE widgets (
  widget_id TEXT PRIMARY KEY,
  account_id TEXT NOT NULL REFERENCES accounts (account_id),
  kind TEXT CHECK (kind IN ('Small', 'Large')),
  weight REAL CHECK (weight > 0),
  made_on TEXT CHECK (made_on IS date(made_on, '+0 days')),
  active INTEGER CHECK (active IN (0, 1)),
  colour TEXT CHECK (colour = 'Red' OR colour = 'It''s blue'),  -- a list written with OR, as sql/schema.sql does
  grade TEXT CHECK (grade = 'A' OR grade > 'M')  -- OR with another term: SQLite's to check
) STRICT;
UPDATE import_request SET dir = 'tests/data/newtable';
.output /dev/null
BEGIN IMMEDIATE;
.read sql/import/import.sql
COMMIT;
.output stdout
SELECT 'a new table: its rows typed by its own schema', (SELECT group_concat(widget_id || '/' || kind || '/' || weight || '/' || made_on || '/' || active || '/' || colour || '/' || grade, ' ') FROM widgets),
  'W1/Small/1.5/2026-01-02/1/It''s blue/A';
SELECT 'a new table: every problem of a row from its own CHECKs', reason,
  'kind: ''huge'' is not one of Small, Large; weight: ''-1'' must be > 0; made_on: ''2026-02-30'' is not a valid date (use YYYY-MM-DD); active: ''maybe'' is not a yes/no value (use 1/0, true/false or yes/no); colour: ''green'' is not one of Red, It''s blue'
  FROM import_rejects WHERE file = 'widgets.csv' AND line = 3;
SELECT 'a new table: a CHECK of OR with another term is SQLite''s, quoted as the rule', reason,
  'grade = ''A'' OR grade > ''M'''
  FROM import_rejects WHERE file = 'widgets.csv' AND line = 5;
SELECT 'a new table: its foreign key, with the ambiguous date', reason,
  'made_on: ''1/2/2026'' could be month/day or day/month and no value of the file decides it (declare date_order = MDY or DMY in a mapping, docs/data.md); account_id: unknown ''A9'' (no such accounts.account_id)'
  FROM import_rejects WHERE file = 'widgets.csv' AND line = 4;
SELECT 'an export one column short of a preset names the preset and the column', reason,
  'no table named opportunity_export (closest: the salesforce_api_opportunity export preset, but the file has no column ''accountid'': add it, or map the file in a .map file, docs/data.md "Mappings")'
  FROM import_rejects WHERE file = 'Opportunity_export.csv';
