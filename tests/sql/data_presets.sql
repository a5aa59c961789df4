-- Presets (sql/import/presets/*.map, applied like any mapping): exports of Salesforce, HubSpot and
-- Stripe, recognised by their headers, land in the canonical tables.  The
-- sample files are tests/data/presets/*; expected values are read off them
-- by hand.
.read sql/schema.sql
CREATE TEMP TABLE import_request(dir TEXT NOT NULL);

-- -------------------------------------------------------- revops_presets
-- The shipped maps as the import module holds them (compiled in): one
-- layout per [section] of sql/import/presets/*.map with a match line.
SELECT 'revops_presets: the shipped layouts', (SELECT group_concat(file, ' ') FROM (SELECT DISTINCT file FROM revops_presets WHERE setting = 'match' ORDER BY 1)),
  'chargebee_subscriptions hubspot_companies hubspot_contacts hubspot_deals pipedrive_deals pipedrive_organizations salesforce_accounts salesforce_api_account salesforce_api_campaign salesforce_api_campaign_member salesforce_api_case salesforce_api_contact salesforce_api_event salesforce_api_lead salesforce_api_opportunity salesforce_api_opportunity_history salesforce_api_opportunity_line_item salesforce_api_opportunity_stage salesforce_api_pricebook_entry salesforce_api_product salesforce_api_task salesforce_api_user salesforce_opportunities stripe_subscriptions';
SELECT 'revops_presets: Stripe MRR is the amount times the quantity, per month of the interval',
  (SELECT group_concat(setting || ':' || col || ':' || src, ' ') FROM (SELECT * FROM revops_presets
     WHERE file = 'stripe_subscriptions' AND setting IN ('times', 'per') ORDER BY line)),
  'times:mrr:Quantity per:mrr:Interval';

-- ------------------------------------------------------------ Salesforce
INSERT INTO import_request VALUES ('tests/data/presets/salesforce');
.output /dev/null
BEGIN IMMEDIATE;
.read sql/import/import.sql
COMMIT;
.output stdout
SELECT 'salesforce: layouts recognised', (SELECT group_concat(x, ' ') FROM (SELECT DISTINCT file || '=' || preset AS x FROM import_summary WHERE run_id = 1 ORDER BY 1)),
  'accounts_report.csv=salesforce_accounts opportunities_report.csv=salesforce_opportunities';
SELECT 'salesforce: every line accounted for', rows_read || ' ' || rows_loaded || ' ' || rows_rejected, '4 3 1'
  FROM import_summary WHERE file = 'opportunities_report.csv' AND table_name = 'opportunities';
-- 250 employees -> Mid-Market (50-499), United States -> North America,
-- '1/15/2024' (US locale) -> 2024-01-15.
SELECT 'salesforce account: segment from employees, region from country, US date',
  name || '|' || employees || '|' || segment || '|' || region || '|' || created_date || '|' || owner_rep_id,
  'Acme Corp|250|Mid-Market|North America|2024-01-15|Jane Smith' FROM accounts WHERE account_id = '0015g00000XyZ01';
SELECT 'salesforce account: 1200 employees in Germany', segment || ' ' || region, 'Enterprise EMEA' FROM accounts WHERE account_id = '0015g00000XyZ02';
SELECT 'salesforce account: 12 employees in Australia', segment || ' ' || region, 'SMB APAC' FROM accounts WHERE account_id = '0015g00000XyZ03';
SELECT 'salesforce: an account only named on a deal is created from it', name || ' ' || quote(segment), 'Initech NULL' FROM accounts WHERE account_id = '0015g00000XyZ04';
-- 'Proposal/Price Quote' -> Proposal; Probability (%) 60 -> 0.6.
SELECT 'salesforce deal: stage, percentage to fraction, dates',
  stage || '|' || amount || '|' || probability || '|' || close_date || '|' || created_date || '|' || opportunity_type || '|' || channel || '|' || next_step,
  'Proposal|50000.0|0.6|2026-03-31|2026-01-15|New Business|Web|Send contract' FROM opportunities WHERE opportunity_id = '0065g00000AbC01';
SELECT 'salesforce deal: Existing Business is an expansion, won at 100%', stage || '|' || amount || '|' || probability || '|' || opportunity_type,
  'Closed Won|120000.5|1.0|Expansion' FROM opportunities WHERE opportunity_id = '0065g00000AbC02';
SELECT 'salesforce deal: a percentage written with %', stage || '|' || probability, 'Negotiation|0.75' FROM opportunities WHERE opportunity_id = '0065g00000AbC03';
SELECT 'salesforce deal: a formatted amount is rejected with its line', line || ' ' || reason,
  '5 amount: ''USD 1,000'' is not a number (write a plain number such as 1200.50: no currency sign, no thousands separator)'
  FROM import_rejects WHERE file = 'opportunities_report.csv';
SELECT 'salesforce: owners become reps', (SELECT group_concat(rep_id || '/' || role, ' ') FROM (SELECT * FROM reps ORDER BY rep_id)), 'Jane Smith/AE Raj Patel/AE';

-- ---------------------------------------------------------------- HubSpot
UPDATE import_request SET dir = 'tests/data/presets/hubspot';
.output /dev/null
BEGIN IMMEDIATE;
.read sql/import/import.sql
COMMIT;
.output stdout
SELECT 'hubspot: layouts recognised', (SELECT group_concat(x, ' ') FROM (SELECT DISTINCT file || '=' || preset AS x FROM import_summary WHERE run_id = 2 ORDER BY 1)),
  'companies.csv=hubspot_companies contacts.csv=hubspot_contacts deals.csv=hubspot_deals';
SELECT 'hubspot deal: internal stage name, company id, dates with times',
  account_id || '|' || stage || '|' || amount || '|' || close_date || '|' || created_date || '|' || owner_rep_id || '|' || opportunity_type,
  '1001|Qualification|25000.0|2026-04-30|2026-01-10|Sarah Chen|New Business' FROM opportunities WHERE opportunity_id = '9001';
SELECT 'hubspot deal: stage label, first of several companies', account_id || '|' || stage || '|' || amount || '|' || opportunity_type,
  '1002|Contract Sent|18000.75|Expansion' FROM opportunities WHERE opportunity_id = '9002';
SELECT 'hubspot deal: closedlost', stage, 'Closed Lost' FROM opportunities WHERE opportunity_id = '9003';
SELECT 'hubspot deal: an open deal with no company loads, without an account (issue 11)', quote(account_id) || ' ' || stage || ' ' || created_date,
  'NULL Discovery 2026-02-01' FROM opportunities WHERE opportunity_id = '9004';
SELECT 'hubspot deals: nothing rejected', (SELECT count(*) FROM import_rejects WHERE file = 'deals.csv'), 0;
SELECT 'hubspot: companies from companies.csv and named by deals', (SELECT group_concat(account_id || '=' || name, ' ') FROM (SELECT * FROM accounts WHERE length(account_id) = 4 ORDER BY 1)),
  '1001=Acme Inc 1002=Globex 1004=Hooli 1005=Stark Industries';
-- companies.csv: 250 employees in the United States, 5000 in Japan; the
-- deals' own Acme Inc (1001) is the file's row, counted as given.
SELECT 'hubspot companies: domain, segment from employees, region from country, owner, created',
  (SELECT group_concat(account_id || '/' || domain || '/' || employees || '/' || segment || '/' || region || '/' || owner_rep_id || '/' || created_date, ' ') FROM (SELECT * FROM accounts WHERE account_id IN ('1001', '1005') ORDER BY 1)),
  '1001/acme.example/250/Mid-Market/North America/Sarah Chen/2025-05-01 1005/stark.example/5000/Enterprise/APAC/Ingrid Larsen/2025-07-15';
-- contacts.csv has Company name and Industry columns (contact properties):
-- it is still the contacts export, not a companies one (refuse = First Name).
SELECT 'hubspot: a contacts export with a Company name column is contacts', (SELECT count(*) FROM contacts WHERE contact_id IN ('501', '502', '503')) || ' ' ||
  (SELECT group_concat(DISTINCT preset) FROM import_summary WHERE run_id = 2 AND file = 'contacts.csv'), '3 hubspot_contacts';
SELECT 'hubspot contact', account_id || '|' || first_name || ' ' || last_name || '|' || title || '|' || created_date || '|' || last_activity_date || '|' || original_source,
  '1001|Ada Lovelace|VP Engineering|2025-06-01|2026-02-20|Organic Search' FROM contacts WHERE contact_id = '501';
SELECT 'hubspot contact without a company', quote(account_id) || ' ' || email, 'NULL alan@nowhere.example' FROM contacts WHERE contact_id = '503';

-- ----------------------------------------------------------------- Stripe
UPDATE import_request SET dir = 'tests/data/presets/stripe';
.output /dev/null
BEGIN IMMEDIATE;
.read sql/import/import.sql
COMMIT;
.output stdout
SELECT 'stripe: subscriptions.csv is the export, not the canonical table', preset, 'stripe_subscriptions'
  FROM import_summary WHERE run_id = 3 AND table_name = 'subscriptions';
-- 49.00 x 3 seats, monthly = 147 a month.
SELECT 'stripe: active monthly subscription', account_id || '|' || plan || '|' || start_date || '|' || quote(end_date) || '|' || mrr || '|' || billing_interval || '|' || renewal_date,
  'cus_A|price_growth_m|2025-01-10|NULL|147.0|month|2026-03-10' FROM subscriptions WHERE subscription_id = 'sub_1AAA';
-- 12000.00 a year / 12 = 1000 a month; the period ends when it ended.
SELECT 'stripe: canceled yearly subscription', start_date || '|' || end_date || '|' || mrr || '|' || billing_interval || '|' || quote(renewal_date),
  '2024-06-01|2025-09-15|1000.0|year|NULL' FROM subscriptions WHERE subscription_id = 'sub_1BBB';
SELECT 'stripe: a trial brings no revenue yet', mrr, 0.0 FROM subscriptions WHERE subscription_id = 'sub_1CCC';
SELECT 'stripe: a bad amount is rejected', line || ' ' || reason,
  '5 mrr: ''abc'' is not a number (write a plain number such as 1200.50: no currency sign, no thousands separator)'
  FROM import_rejects WHERE file = 'subscriptions.csv';
SELECT 'stripe: customers become accounts', (SELECT group_concat(account_id || '=' || name, ' ') FROM (SELECT * FROM accounts WHERE account_id LIKE 'cus%' ORDER BY 1)),
  'cus_A=Acme Inc cus_B=Globex cus_C=cfo@initech.example';
SELECT 'stripe: straight into the MRR source view', customer_id || ' ' || mrr, 'cus_A 147.0' FROM subscription_mrr WHERE subscription_id = 'sub_1AAA';
SELECT 'all presets: read = loaded + rejected', count(*), 0 FROM import_summary WHERE rows_read <> rows_loaded + rows_rejected;
SELECT 'all presets: foreign keys hold', (SELECT count(*) FROM pragma_foreign_key_check), 0;

-- ------------------------------------------ Salesforce API names (issue 11)
-- tests/data/presets/salesforce_api: Account, User, Contact, Opportunity
-- and OpportunityHistory as Data Loader / the weekly Data Export write
-- them (API field names, true/false, 2024-01-22T16:14:25.000+0000).
DELETE FROM import_request;
INSERT INTO import_request VALUES ('tests/data/presets/salesforce_api');
.output /dev/null
BEGIN IMMEDIATE;
.read sql/import/import.sql
COMMIT;
.output stdout
SELECT 'sf api: every file found by its header',
  (SELECT group_concat(x, ' ') FROM (SELECT DISTINCT file || '=' || preset AS x FROM import_summary
   WHERE run_id = (SELECT max(run_id) FROM import_runs) AND rows_read > 0 AND note IS NOT 'rows derived from this export, one per key' ORDER BY 1)),
  'Account.csv=salesforce_api_account Contact.csv=salesforce_api_contact Opportunity.csv=salesforce_api_opportunity OpportunityHistory.csv=salesforce_api_opportunity_history User.csv=salesforce_api_user';
SELECT 'sf api: everything loads, nothing rejected', (SELECT count(*) FROM import_rejects WHERE run_id = (SELECT max(run_id) FROM import_runs)), 0;
SELECT 'sf api account: +0000 timestamp, segment, region, owner',
  name || '|' || employees || '|' || segment || '|' || region || '|' || created_date || '|' || owner_rep_id || '|' || domain,
  'Acme Corp|250|Mid-Market|North America|2024-01-22|0058c00000UUUUUU01|acme.example' FROM accounts WHERE account_id = '0018c00002AAAAAAA1';
SELECT 'sf api account: the parent account', parent_account_id || ' ' || segment || ' ' || region,
  '0018c00002AAAAAAA1 Enterprise EMEA' FROM accounts WHERE account_id = '0018c00002AAAAAAA2';
SELECT 'sf api users: reps with role from title and manager',
  (SELECT group_concat(rep_id || '/' || name || '/' || role || '/' || coalesce(manager_id, '-'), ' ') FROM (SELECT * FROM reps WHERE rep_id LIKE '0058%' ORDER BY rep_id)),
  '0058c00000UUUUUU01/Jane Smith/Manager/- 0058c00000UUUUUU02/Raj Patel/AE/0058c00000UUUUUU01 0058c00000UUUUUU03/0058c00000UUUUUU03/AE/-';
SELECT 'sf api contact: opted out of email is opted_in 0, no account is NULL',
  (SELECT group_concat(contact_id || '/' || coalesce(account_id, 'NULL') || '/' || opted_in || '/' || created_date, ' ') FROM (SELECT * FROM contacts WHERE contact_id LIKE '0038%' ORDER BY contact_id)),
  '0038c00001CCCCCCC1/0018c00002AAAAAAA1/1/2024-01-23 0038c00001CCCCCCC2/NULL/0/2024-01-24';
SELECT 'sf api opportunity: stage, probability %, forecast category, created from the timestamp',
  stage || '|' || amount || '|' || probability || '|' || forecast_category || '|' || created_date || '|' || close_date || '|' || opportunity_type,
  'Proposal|50000.0|0.75|Best Case|2026-01-15|2026-03-31|New Business' FROM opportunities WHERE opportunity_id = '0068c00000OOOOOO01';
SELECT 'sf api opportunity: an open deal with no account and no created date loads',
  quote(account_id) || '|' || quote(created_date) || '|' || stage || '|' || owner_rep_id,
  'NULL|NULL|Discovery|0058c00000UUUUUU03' FROM opportunities WHERE opportunity_id = '0068c00000OOOOOO03';
-- History: rows 2-5 of the file; row 3 changes the amount only.  Row 4 is
-- 2025-10-02 23:30 at -02:00, i.e. 2025-10-03 01:30 UTC.
SELECT 'sf api history: one row per change of stage, exited at the next',
  (SELECT group_concat(stage || '/' || entered_date || '/' || coalesce(exited_date, '-') || '/' || amount, ' ') FROM (SELECT * FROM opportunity_stage_history WHERE opportunity_id = '0068c00000OOOOOO02' ORDER BY entered_date)),
  'Discovery/2025-09-01/2025-10-03/100000.0 Negotiation/2025-10-03/2025-12-20/120000.5 Closed Won/2025-12-20/-/120000.5';
SELECT 'sf api history: the rows that change no stage are named',
  rows_read || ' ' || rows_loaded || ' ' || note, '3 3 1 row changes no stage (amount, date or probability only) and is not a stage entry'
  FROM import_summary WHERE file = 'OpportunityHistory.csv' AND run_id = (SELECT max(run_id) FROM import_runs);

-- ------------------------------------ Salesforce report with its footer
-- tests/data/presets/salesforce_report/opportunities.csv: two deals, then
-- the footer (an empty row, copyright, confidential, generated by, the
-- company): 5 one-field rows.  '02/23/26' decides month/day order for the
-- file (23 cannot be a month), so '12/01/25' is 2025-12-01, and two-digit
-- years are 20xx (pivot: 00-68).
DELETE FROM import_request;
INSERT INTO import_request VALUES ('tests/data/presets/salesforce_report');
.output /dev/null
BEGIN IMMEDIATE;
.read sql/import/import.sql
COMMIT;
.output stdout
SELECT 'sf report: the footer is skipped and said so', rows_read || ' ' || rows_loaded || ' ' || rows_rejected || ' ' || note,
  '2 2 0 5 rows of the Salesforce report footer skipped'
  FROM import_summary WHERE file = 'opportunities.csv' AND table_name = 'opportunities' AND run_id = (SELECT max(run_id) FROM import_runs);
SELECT 'sf report: 02/23/26 is 2026-02-23 (not 26-02-23), Won is Closed Won',
  (SELECT group_concat(opportunity_id || '/' || stage || '/' || close_date || '/' || created_date, ' ') FROM (SELECT * FROM opportunities WHERE opportunity_id LIKE '0065g00000AbC1_' ORDER BY 1)),
  '0065g00000AbC11/Closed Won/2026-02-23/2025-12-01 0065g00000AbC12/Closed Won/2026-03-02/2026-01-05';

-- ------------------------------------------------ re-import (idempotent)
-- The same exports again: every row, derived parents included, is there
-- already with the same values.  Unchanged: 2 accounts, 2 users, 2
-- contacts, 3 opportunities, 3 stage changes, and rep ...03, which only
-- Opportunity.csv names (the other derived keys are given by Account.csv
-- and User.csv in this run: counted there), and the 3 stages its deals
-- name (Proposal, Closed Won, Discovery: revops's own, learned from
-- nothing) = 16.
DELETE FROM import_request;
INSERT INTO import_request VALUES ('tests/data/presets/salesforce_api');
.output /dev/null
BEGIN IMMEDIATE;
.read sql/import/import.sql
COMMIT;
.output stdout
SELECT 'sf api: a re-import changes nothing', sum(rows_inserted) || ' ' || sum(rows_updated) || ' ' || sum(rows_rejected) || ' ' || sum(rows_unchanged),
  '0 0 0 16' FROM import_summary WHERE run_id = (SELECT max(run_id) FROM import_runs);

-- ------------------------------------------- User.csv without a Name column
-- tests/data/sf_user_noname/User.csv: the name is FirstName
-- and LastName joined (Name | FirstName + LastName); U2 has no first
-- name; U3 has neither, so no name (required): rejected.
DELETE FROM import_request;
INSERT INTO import_request VALUES ('tests/data/sf_user_noname');
.output /dev/null
BEGIN IMMEDIATE;
.read sql/import/import.sql
COMMIT;
.output stdout
SELECT 'sf api users without Name: first and last name joined',
  (SELECT group_concat(rep_id || '/' || name || '/' || role, ' ') FROM (SELECT * FROM reps WHERE rep_id IN ('U1', 'U2', 'U3') ORDER BY 1))
  || ' | ' || (SELECT line || ' ' || reason FROM import_rejects WHERE file = 'User.csv' AND run_id = (SELECT max(run_id) FROM import_runs)),
  'U1/Jane Smith/Manager U2/Patel/AE | 4 name is empty (required)';
