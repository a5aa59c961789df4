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
  '4 3 1 | mapped by dbt.map; 1 rows skipped (skip = in the mapping); 2 missing parent rows created from their keys (create_parents)'
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
