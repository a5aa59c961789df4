-- A user-written mapping (docs/data.md "Mappings"): the dbt MRR
-- playbook's plain subscription list (customer_id, start_date, end_date,
-- monthly_amount), loaded as it is with tests/data/mapping/dbt.map:
-- renamed columns, a generated key, declared US dates, missing accounts
-- created from their keys, a value synonym, a default and a skipped total
-- row.  Expected values by hand from subscription_periods.csv.
.read sql/schema.sql
CREATE TEMP TABLE import_request(dir TEXT NOT NULL);
INSERT INTO import_request VALUES ('tests/data/mapping');
SELECT 'mapping: the settings as read', (SELECT group_concat(setting || ':' || coalesce(col, '') || ':' || coalesce(src, '') || ':' || coalesce(dst, ''), ' | ')
  FROM revops_mapping('tests/data/mapping')),
  'table:::subscriptions | column:account_id:customer_id: | column:mrr:monthly_amount: | key:subscription_id::line | date_order:::MDY | create_parents:::yes | value:plan:Basic:Starter | default:billing_interval::month | skip::Total:';
.output /dev/null
BEGIN IMMEDIATE;
.read sql/import/import.sql
COMMIT;
.output stdout
SELECT 'mapping: every row accounted for, what it did in the note', rows_read || ' ' || rows_loaded || ' ' || rows_rejected || ' | ' || note,
  '4 3 1 | mapped by dbt.map; 1 row skipped (skip = in the mapping); 2 missing parent rows created from their keys (create_parents)'
  FROM import_summary WHERE file = 'subscription_periods.csv';
SELECT 'mapping: rows loaded with their generated keys and US dates',
  (SELECT group_concat(subscription_id || '/' || account_id || '/' || start_date || '/' || coalesce(end_date, '-') || '/' || mrr || '/' || plan || '/' || billing_interval, ' ') FROM (SELECT * FROM subscriptions ORDER BY 1)),
  'subscription_periods-2/cust_1/2026-01-01/2026-03-01/100.0/Starter/month subscription_periods-3/cust_1/2026-03-01/-/150.0/Pro/month subscription_periods-4/cust_2/2026-02-01/2026-02-01/0.0/Starter/month';
SELECT 'mapping: accounts created from their keys, not for a rejected row', (SELECT group_concat(account_id || '=' || name, ' ') FROM (SELECT * FROM accounts ORDER BY 1)),
  'cust_1=cust_1 cust_2=cust_2';
SELECT 'mapping: the rejected row, as in the file', line || ' ' || raw || ' | ' || reason, '5 cust_3,2/1/2026,,-5,Basic | mrr: ''-5'' must be >= 0'
  FROM import_rejects;
-- The same-day period is an empty period for the MRR engine: no month.
.output /dev/null
BEGIN IMMEDIATE;
.read sql/import/import.sql
COMMIT;
.output stdout
SELECT 'mapping: re-import changes nothing', rows_inserted || ' ' || rows_updated || ' ' || rows_unchanged || ' ' || rows_rejected, '0 0 3 1'
  FROM import_summary WHERE file = 'subscription_periods.csv' AND run_id = 2;

-- A mapping with a self reference: R2's manager R1 comes later in the
-- file, so R2 waits for it, and the mapping's default role still applies
-- when it loads; R3's manager R9 is nowhere.
UPDATE import_request SET dir = 'tests/data/mapping_selfref';
.output /dev/null
BEGIN IMMEDIATE;
.read sql/import/import.sql
COMMIT;
.output stdout
SELECT 'mapping: a row waiting for its parent keeps the mapping', (SELECT group_concat(rep_id || '/' || name || '/' || role || '/' || coalesce(manager_id, '-'), ' ') FROM (SELECT * FROM reps ORDER BY 1)),
  'R1/Al/Manager/- R2/Bea/AE/R1';
SELECT 'mapping: an unknown manager after the wait', reason, 'manager_id: unknown ''R9'' (no such reps.rep_id)'
  FROM import_rejects WHERE file = 'people.csv';

-- ------------------------------------------------- the mapping's steps
-- tests/data/mapping_steps/steps.map uses each setting the shipped presets
-- are written with; expected values by hand from the CSV files there.
DELETE FROM reps;
UPDATE import_request SET dir = 'tests/data/mapping_steps';
.output /dev/null
BEGIN IMMEDIATE;
.read sql/import/import.sql
COMMIT;
.output stdout
SELECT 'steps: a user layout (match =) finds companies_export.csv by its header', table_name || ' ' || preset || ' ' || rows_read || ' ' || rows_loaded || ' ' || rows_rejected,
  'accounts crm_companies 5 4 1' FROM import_summary WHERE file = 'companies_export.csv' AND table_name = 'accounts' AND run_id = (SELECT max(run_id) FROM import_runs);
-- Company | Legal Name: K2 has no Company.  band: 9 < 10 SMB; 10 and 1000
-- are <= 1000 Mid-Market; 1001 > 1000 Enterprise.  values list: France,
-- france -> EMEA; otherwise: Nowhere Land -> Rest of World; an empty
-- country stays empty.
SELECT 'steps: alternatives, bands, a values list and otherwise',
  (SELECT group_concat(account_id || '/' || name || '/' || employees || '/' || segment || '/' || coalesce(region, '-'), ' ') FROM (SELECT * FROM accounts WHERE account_id LIKE 'K%' ORDER BY 1)),
  'K1/Alpha/9/SMB/EMEA K2/Beta GmbH/10/Mid-Market/Rest of World K3/Gamma/1001/Enterprise/EMEA K4/Delta/1000/Mid-Market/-';
SELECT 'steps: a value no band can read is the column''s problem, with the others of the row', line || ' ' || reason,
  '6 employees: ''lots'' is not a whole number; segment: ''lots'' is not one of SMB, Mid-Market, Enterprise'
  FROM import_rejects WHERE file = 'companies_export.csv';
-- team.csv: contains (first keyword found), otherwise, default.
SELECT 'steps: role by the keyword the title contains, otherwise and default',
  (SELECT group_concat(rep_id || '/' || role, ' ') FROM (SELECT * FROM reps WHERE rep_id IN ('Ann', 'Bob', 'Cy', 'Di') ORDER BY 1)), 'Ann/AE Bob/Manager Cy/AE Di/CSM';
SELECT 'steps: parent rows never overwrite a file''s rows: Bob stays Manager, one per key',
  rows_read || ' ' || note, '0 rows derived from this export, one per key; 2 already given by another file'
  FROM import_summary WHERE file = 'companies_export.csv' AND table_name = 'reps' AND run_id = (SELECT max(run_id) FROM import_runs);
-- deals_x.csv: first of 'K1;K2' and ' K2 ; K1'; open -> Discovery (value),
-- lost -> Closed Lost (when); amount = Price x Seats (3 x 100, 1 x 50.5,
-- an empty Seats counts 1: 10); 40% and 12.5 are percentages.
SELECT 'steps: first of a list, value, when, times, percent',
  (SELECT group_concat(opportunity_id || '/' || coalesce(account_id, '-') || '/' || stage || '/' || amount || '/' || probability, ' ') FROM (SELECT * FROM opportunities WHERE opportunity_id LIKE 'D%' ORDER BY 1)),
  'D1/K1/Discovery/300.0/0.4 D2/K3/Closed Lost/50.5/0.0 D4/K2/Discovery/10.0/0.125';
SELECT 'steps: a times column that is not a number', line || ' ' || reason, '4 amount: ''two'' is not a number (times.amount)'
  FROM import_rejects WHERE file = 'deals_x.csv';
SELECT 'steps: a column read by times is not an ignored column', note, 'mapped by steps.map'
  FROM import_summary WHERE file = 'deals_x.csv' AND run_id = (SELECT max(run_id) FROM import_runs);
-- subs.csv: per month of the interval: 1200 a year 100, 300 a quarter 100,
-- 10 a week 10 x 52 / 12 = 43.3333 (4 places), no interval: a month.
SELECT 'steps: per month of the billing interval',
  (SELECT group_concat(subscription_id || '/' || mrr || '/' || billing_interval, ' ') FROM (SELECT * FROM subscriptions WHERE subscription_id LIKE 'S_' ORDER BY 1)),
  'S1/100.0/year S2/100.0/quarter S3/43.3333/month S4/99.99/month';
SELECT 'steps: an interval per cannot read', line || ' ' || reason,
  '6 mrr: ''fortnight'' is not a billing interval: day, week, month, quarter or year (per.mrr)'
  FROM import_rejects WHERE file = 'subs.csv';
-- report.csv: 'Yan' (one field) is followed by data, so it is a row (and
-- wrong); the three one-field rows at the end hold 'Generated by ...'.
SELECT 'steps: a footer is skipped and counted, a one-field row before data is not',
  (SELECT group_concat(rep_id || '/' || region, ' ') FROM (SELECT * FROM reps WHERE rep_id IN ('Xi', 'Yan', 'Zed') ORDER BY 1))
  || ' | ' || (SELECT line || ' ' || reason FROM import_rejects WHERE file = 'report.csv')
  || ' | ' || (SELECT rows_read || ' ' || rows_loaded || ' ' || note FROM import_summary WHERE file = 'report.csv' AND run_id = (SELECT max(run_id) FROM import_runs)),
  'Xi/APAC Zed/EMEA | 3 has 1 fields, the header has 2 | 3 2 mapped by steps.map; 3 rows of the footer skipped';
