-- Exports as they come (issue 22): a Salesforce Data Export with every
-- object revops reads, a Salesforce org's own stages, a lone Lead.csv, a
-- Pipedrive and a Chargebee export, and files that could be two things.
-- The files (tests/data/exports/*) are written from the vendors'
-- documented field lists (docs/data.md "Presets" names the sources);
-- every expected value is read off them by hand, the reasoning beside it.
.read sql/schema.sql
CREATE TEMP TABLE import_request(dir TEXT NOT NULL);

-- ------------------------------------------- a Salesforce Data Export
INSERT INTO import_request VALUES ('tests/data/exports/salesforce');
.output /dev/null
BEGIN IMMEDIATE;
.read sql/import/import.sql
COMMIT;
.output stdout
SELECT 'sf export: every object found by its preset',
  (SELECT group_concat(x, ' ') FROM (SELECT DISTINCT file || '=' || preset AS x FROM import_summary WHERE run_id = 1 ORDER BY 1)),
  'Account.csv=salesforce_api_account Campaign.csv=salesforce_api_campaign CampaignMember.csv=salesforce_api_campaign_member Case.csv=salesforce_api_case Contact.csv=salesforce_api_contact Event.csv=salesforce_api_event Lead.csv=salesforce_api_lead Opportunity.csv=salesforce_api_opportunity OpportunityLineItem.csv=salesforce_api_opportunity_line_item PricebookEntry.csv=salesforce_api_pricebook_entry Product2.csv=salesforce_api_product Task.csv=salesforce_api_task User.csv=salesforce_api_user';
SELECT 'sf export: every line accounted for', count(*), 0 FROM import_summary WHERE rows_read <> rows_loaded + rows_rejected;
-- PricebookEntry.csv: line 4 is a second price book's entry of a product
-- (a duplicate), line 5 a product nobody loaded (update_only).
SELECT 'sf export: the only rejects are the price book entries that set nothing',
  (SELECT group_concat(file || ':' || line, ' ') FROM (SELECT * FROM import_rejects ORDER BY file, line)), 'PricebookEntry.csv:4 PricebookEntry.csv:5';
SELECT 'sf export: a second price book is a duplicate', reason,
  'duplicate key (product_id) ''01t8c00000PPPPPP11'' also on line 2 of PricebookEntry.csv' FROM import_rejects WHERE file = 'PricebookEntry.csv' AND line = 4;
SELECT 'sf export: an entry of a product nobody loaded', reason,
  'product_id: no products row ''01t8c00000PPPPPP99'' to update (update_only = yes: the row must be loaded first, by another file or import)'
  FROM import_rejects WHERE file = 'PricebookEntry.csv' AND line = 5;

-- Lead.csv has Industry and NumberOfEmployees, which the account preset
-- reads; Company and IsConverted make it a lead.  Nothing of it is an
-- account (the two accounts are Account.csv's).
SELECT 'sf lead: Lead.csv is leads, not accounts', (SELECT count(*) FROM leads) || ' ' || (SELECT group_concat(name, ', ') FROM (SELECT name FROM accounts ORDER BY 1)),
  '4 Acme Corp, Globex';
-- 11: open, not contacted -> New; Canada -> North America; 12 employees
-- -> SMB; owned by a queue (00G...): no rep.  12: no LeadSource ->
-- Unknown; France -> EMEA (otherwise); 800 -> Enterprise.  13: converted
-- (IsConverted true) into the Acme account, contact and platform deal,
-- on 2025-12-15.  14: closed, not converted -> Disqualified.
SELECT 'sf lead: status, channel, segment, region, owner',
  (SELECT group_concat(lead_id || '/' || status || '/' || channel || '/' || segment || '/' || region || '/' || coalesce(owner_rep_id, '-') || '/' || created_date, ' ')
   FROM (SELECT * FROM leads ORDER BY 1)),
  '00Q8c00004LLLLLL11/New/Web/SMB/North America/-/2025-11-03 00Q8c00004LLLLLL12/Working/Unknown/Enterprise/EMEA/0058c00000UUUUUU12/2025-12-01 00Q8c00004LLLLLL13/Converted/Partner/Mid-Market/North America/0058c00000UUUUUU12/2025-10-20 00Q8c00004LLLLLL14/Disqualified/Web/SMB/APAC/0058c00000UUUUUU12/2025-09-10';
SELECT 'sf lead: the converted lead keeps its account, contact, deal and date',
  account_id || '|' || contact_id || '|' || opportunity_id || '|' || converted_date || '|' || company,
  '0018c00003AAAAAA11|0038c00002CCCCCC11|0068c00001OOOOOO11|2025-12-15|Acme Corp' FROM leads WHERE lead_id = '00Q8c00004LLLLLL13';
-- User.csv has AccountId and LastName (the contact preset's signature)
-- and Username, which the contact preset refuses.
SELECT 'sf user: User.csv is reps, with roles from titles and managers',
  (SELECT group_concat(rep_id || '/' || role || '/' || coalesce(manager_id, '-'), ' ') FROM (SELECT * FROM reps ORDER BY 1)),
  '0058c00000UUUUUU11/Manager/- 0058c00000UUUUUU12/AE/0058c00000UUUUUU11 0058c00000UUUUUU13/Support/0058c00000UUUUUU11';

-- Stages learned: Proposal/Quote is no stage revops knows; its first row
-- (open, 75 %, Best Case) defines it, ordered beside Proposal (0.60 <=
-- 0.75, order 4).  Lost - Budget is closed and not won: Closed Lost's
-- order (8), Omitted.  No deal is rejected for its stage.
SELECT 'sf stages: an export-defined stage is learned, not a reject',
  (SELECT group_concat(stage || '/' || stage_order || '/' || probability || '/' || forecast_category || '/' || is_closed || is_won, ' ')
   FROM (SELECT * FROM stages WHERE stage IN ('Proposal/Quote', 'Lost - Budget') ORDER BY stage)),
  'Lost - Budget/8/0.0/Omitted/10 Proposal/Quote/4/0.75/Best Case/00';
SELECT 'sf stages: every deal loads with its own stage', (SELECT group_concat(opportunity_id || '/' || stage, ' ') FROM (SELECT * FROM opportunities ORDER BY 1)),
  '0068c00001OOOOOO11/Proposal/Quote 0068c00001OOOOOO12/Closed Won 0068c00001OOOOOO13/Proposal/Quote 0068c00001OOOOOO14/Lost - Budget';
-- The stages summary row: 3 keys named (Proposal/Quote, Closed Won, Lost
-- - Budget); Closed Won was there (unchanged), two inserted.
SELECT 'sf stages: what the deals file gave the stages table', rows_read || ' ' || rows_inserted || ' ' || rows_unchanged || ' ' || rows_rejected,
  '3 2 1 0' FROM import_summary WHERE run_id = 1 AND file = 'Opportunity.csv' AND table_name = 'stages';

-- Cases: Closed (IsClosed), High, Problem; Working -> Pending, Medium ->
-- Normal, owned by a queue: no agent, category Question; Escalated ->
-- Pending, Critical -> Urgent, no Type: the Reason (Outage).
SELECT 'sf case: status, priority, category, agent, times',
  (SELECT group_concat(ticket_id || '/' || status || '/' || priority || '/' || category || '/' || coalesce(agent_id, '-') || '/' || opened_at || '/' || coalesce(resolved_at, '-'), ' ')
   FROM (SELECT * FROM support_tickets ORDER BY 1)),
  '5008c00000SSSSSS11/Closed/High/Problem/0058c00000UUUUUU13/2025-10-01 09:00:00/2025-10-02 17:30:00 5008c00000SSSSSS12/Pending/Normal/Question/-/2026-02-10 12:00:00/- 5008c00000SSSSSS13/Pending/Urgent/Outage/0058c00000UUUUUU13/2026-02-20 08:00:00/-';
-- Tasks: a call (completed 15:10, outbound, on the platform deal and
-- John); an email whose WhoId is a lead (00Q: no contact) and WhatId an
-- account (001: no deal), on its due date; a to-do on a case (500: no
-- deal), account from AccountId.  Events: a demo of 60 minutes, a
-- meeting of 45.
SELECT 'sf activities: type, time, the ids each to its own column',
  (SELECT group_concat(activity_id || '/' || activity_type || '/' || occurred_at || '/' || coalesce(account_id, '-') || '/' || coalesce(contact_id, '-') || '/' || coalesce(opportunity_id, '-') || '/' || coalesce(direction, '-') || '/' || coalesce(duration_minutes, '-'), ' ')
   FROM (SELECT * FROM activities ORDER BY 1)),
  '00T8c00000TTTTTT11/Call/2026-02-03 15:10:00/0018c00003AAAAAA11/0038c00002CCCCCC11/0068c00001OOOOOO11/outbound/- 00T8c00000TTTTTT12/Email/2026-02-05 00:00:00/0018c00003AAAAAA12/-/-/-/- 00T8c00000TTTTTT13/Task/2026-02-11 00:00:00/0018c00003AAAAAA12/-/-/-/- 00U8c00000EEEEEE11/Demo/2026-02-12 14:00:00/0018c00003AAAAAA11/0038c00002CCCCCC11/0068c00001OOOOOO11/-/60 00U8c00000EEEEEE12/Meeting/2026-02-20 10:00:00/0018c00003AAAAAA12/-/0068c00001OOOOOO13/-/45';
SELECT 'sf campaigns: the type is the channel, budget from BudgetedCost',
  (SELECT group_concat(campaign_id || '/' || channel || '/' || budget, ' ') FROM (SELECT * FROM campaigns ORDER BY 1)),
  '7018c00000KKKKKK11/Webinar/5000.0 7018c00000KKKKKK12/Trade Show/20000.0';
-- Campaign members as touches: the key is 53 bits of FNV-1a of the
-- member id (computed apart, in Python: 7815861968368056 for ...11);
-- the channel is the campaign's; ...13 names a campaign nobody loaded:
-- no campaign, channel Unknown, counted in the note.
SELECT 'sf campaign members: touches with their campaign''s channel',
  (SELECT group_concat(touchpoint_id || '/' || occurred_at || '/' || channel || '/' || coalesce(campaign_id, '-') || '/' || coalesce(lead_id, '-') || '/' || coalesce(contact_id, '-') || '/' || touch_type, ' ')
   FROM (SELECT * FROM touchpoints ORDER BY occurred_at)),
  '7815861968368056/2025-03-05 00:00:00/Webinar/7018c00000KKKKKK11/00Q8c00004LLLLLL12/-/Responded 7819160503252689/2025-05-01 08:00:00/Trade Show/7018c00000KKKKKK12/-/0038c00002CCCCCC11/Sent 7818060991624478/2025-06-02 00:00:00/Unknown/-/00Q8c00004LLLLLL13/-/Responded';
SELECT 'sf campaign members: the unknown campaign is counted', note, '1 value with no parent row left empty (unknown. = empty)'
  FROM import_summary WHERE run_id = 1 AND file = 'CampaignMember.csv';
-- Products: Product2.csv's two (Onboarding has no family: Unknown), the
-- line items' third made from its id (ADDON, no Product2 row); list
-- prices from the standard price book's entries.
SELECT 'sf products: families, list prices, a product made from a line item',
  (SELECT group_concat(product_id || '/' || name || '/' || category || '/' || coalesce(list_price, '-'), ' ') FROM (SELECT * FROM products ORDER BY 1)),
  '01t8c00000PPPPPP11/Platform Licence/Software/1000.0 01t8c00000PPPPPP12/Onboarding/Unknown/2500.0 01t8c00000PPPPPP13/ADDON/Unknown/-';
-- Line items: line_no is the file's line; 10 % off 40 x 1000 = 36000.
SELECT 'sf line items: the products on deals, so open pipeline has them',
  (SELECT group_concat(opportunity_id || '/' || line_no || '/' || product_id || '/' || quantity || '/' || unit_price || '/' || discount || '/' || amount, ' ') FROM (SELECT * FROM opportunity_line_items ORDER BY 1, 2)),
  '0068c00001OOOOOO11/2/01t8c00000PPPPPP11/40.0/1000.0/0.1/36000.0 0068c00001OOOOOO11/3/01t8c00000PPPPPP12/1.0/2500.0/0.0/2500.0 0068c00001OOOOOO12/4/01t8c00000PPPPPP13/12.0/1000.0/0.0/12000.0';
SELECT 'sf export: foreign keys hold', (SELECT count(*) FROM pragma_foreign_key_check), 0;
-- Again: nothing changes; the price book's two rejects stay rejects.
.output /dev/null
BEGIN IMMEDIATE;
.read sql/import/import.sql
COMMIT;
.output stdout
SELECT 'sf export: a re-import changes nothing', sum(rows_inserted) || ' ' || sum(rows_updated) || ' ' || sum(rows_rejected), '0 0 2'
  FROM import_summary WHERE run_id = 2;

-- ----------------------------------------- the org's own stages
-- OpportunityStage.csv defines Prospecting and Proposal/Quote and
-- redefines Closed Won and Lost (orders 9 and 10); the deal's row (75 %)
-- does not change the stage the file defined (65 %).
-- (the Data Export above is still loaded: its learned Proposal/Quote at 0.75 is redefined by the file)
UPDATE import_request SET dir = 'tests/data/exports/salesforce_stages';
.output /dev/null
BEGIN IMMEDIATE;
.read sql/import/import.sql
COMMIT;
.output stdout
SELECT 'sf OpportunityStage: the org''s stages, with their order, probability and category',
  (SELECT group_concat(stage || '/' || stage_order || '/' || probability || '/' || forecast_category || '/' || is_closed || is_won, ' ')
   FROM (SELECT * FROM stages WHERE stage IN ('Prospecting', 'Proposal/Quote', 'Closed Won', 'Closed Lost') ORDER BY stage_order)),
  'Prospecting/1/0.1/Pipeline/00 Proposal/Quote/4/0.65/Best Case/00 Closed Won/9/1.0/Closed/11 Closed Lost/10/0.0/Omitted/10';
SELECT 'sf OpportunityStage: the deal loads in it', stage || ' ' || probability, 'Proposal/Quote 0.75' FROM opportunities WHERE opportunity_id = '0068c00001OOOOOO21';

-- ------------------------------------------- a lone Lead.csv (issue 22)
-- The columns of the issue's file: no account preset takes it; the
-- converted lead's opportunity is in no file: left empty, counted.
UPDATE import_request SET dir = 'tests/data/exports/salesforce_lead';
.output /dev/null
BEGIN IMMEDIATE;
.read sql/import/import.sql
COMMIT;
.output stdout
SELECT 'lone Lead.csv: leads, no account', (SELECT group_concat(lead_id || '/' || status || '/' || coalesce(converted_date, '-') || '/' || coalesce(opportunity_id, '-') || '/' || segment, ' ')
   FROM (SELECT * FROM leads WHERE lead_id LIKE '00Q5g%' ORDER BY 1)) || ' | ' || (SELECT count(*) FROM accounts WHERE name IN ('Acme', 'Initech')),
  '00Q5g00000AAAA21/Converted/2024-03-01/-/Mid-Market 00Q5g00000AAAA22/New/-/-/SMB | 0';
SELECT 'lone Lead.csv: the summary says what was left empty', table_name || ' ' || rows_read || ' ' || rows_loaded || ' ' || note,
  'leads 2 2 1 value with no parent row left empty (unknown. = empty)'
  FROM import_summary WHERE run_id = (SELECT max(run_id) FROM import_runs) AND file = 'Lead.csv';

-- ---------------------------------------- refused: two things at once
-- accounts.csv with a lead's header: the lead preset by its header, the
-- accounts table by its name.  x.csv: two layouts of one .map file.
UPDATE import_request SET dir = 'tests/data/exports/refused';
.output /dev/null
BEGIN IMMEDIATE;
.read sql/import/import.sql
COMMIT;
.output stdout
SELECT 'refused: a lead file named accounts.csv, both named', reason,
  'the file could be loaded by the salesforce_api_lead preset (table leads) or, by its name, table accounts: not loaded by a guess; say which in a .map file ([accounts.csv] with layout = NAME, or table = TABLE and its columns), or rename the file, docs/data.md "Mappings"'
  FROM import_rejects WHERE file = 'accounts.csv' AND line = 2;
SELECT 'refused: every row of it, nothing loaded', (SELECT count(*) FROM import_rejects WHERE file = 'accounts.csv') || ' ' || (SELECT count(*) FROM leads WHERE lead_id LIKE '00Q5g%')
  || ' ' || (SELECT count(*) FROM accounts WHERE name = 'Acme'), '2 2 0';
SELECT 'refused: two layouts, both named', reason,
  'the file could be loaded by the deals_layout layout of layouts.map (table opportunities) or the spend_layout layout of layouts.map (table marketing_spend): not loaded by a guess; say which in a .map file ([x.csv] with layout = NAME, or table = TABLE and its columns), or rename the file, docs/data.md "Mappings"'
  FROM import_rejects WHERE file = 'x.csv';
SELECT 'refused: the summary', (SELECT group_concat(file || ' ' || table_name || ' ' || rows_rejected, ', ') FROM (SELECT * FROM import_summary WHERE run_id = (SELECT max(run_id) FROM import_runs) ORDER BY file)),
  'accounts.csv (no table) 2, x.csv (no table) 1';

-- What the refusal asks for: layout = NAME in a [file.csv] section
-- (tests/data/exports/refused_chosen/choose.map) loads each file with the
-- layout named, whatever else could take it.
UPDATE import_request SET dir = 'tests/data/exports/refused_chosen';
.output /dev/null
BEGIN IMMEDIATE;
.read sql/import/import.sql
COMMIT;
.output stdout
SELECT 'refused, then chosen: each file by the layout the user names',
  (SELECT group_concat(file || '=' || preset || '/' || table_name || '/' || rows_loaded || '/' || rows_rejected, ' ') FROM (SELECT * FROM import_summary WHERE run_id = (SELECT max(run_id) FROM import_runs) ORDER BY file)),
  'accounts.csv=salesforce_api_lead/leads/2/0 x.csv=spend_layout/marketing_spend/1/0';

-- ------------------------------------------------------------ Pipedrive
-- Won and lost deals are closed whatever their stage, on the day they
-- were won or lost; the default pipeline's stages map; Pilot is learned
-- from the deal's probability (40 %: Pipeline, ordered beside Demo, 0.40
-- <= 0.40, order 3).  Accounts by organization name: Acme Ltd and Beta
-- GmbH from the organizations file, Gamma SA from its deal.
UPDATE import_request SET dir = 'tests/data/exports/pipedrive';
.output /dev/null
BEGIN IMMEDIATE;
.read sql/import/import.sql
COMMIT;
.output stdout
SELECT 'pipedrive deals: stage, status, dates, probability',
  (SELECT group_concat(opportunity_id || '/' || stage || '/' || account_id || '/' || amount || '/' || created_date || '/' || close_date || '/' || coalesce(probability, '-') || '/' || coalesce(loss_reason, '-'), ' ')
   FROM (SELECT * FROM opportunities WHERE opportunity_id LIKE '10_' ORDER BY 1)),
  '101/Proposal/Acme Ltd/12000.0/2026-01-05/2026-04-30/-/- 102/Closed Won/Beta GmbH/5000.0/2025-11-20/2026-02-10/-/- 103/Closed Lost/Gamma SA/3000.0/2025-10-01/2025-12-15/-/Price 104/Pilot/Acme Ltd/8000.0/2026-02-01/2026-05-31/0.4/-';
SELECT 'pipedrive: a stage of its own pipeline is learned', stage_order || ' ' || probability || ' ' || forecast_category || ' ' || is_closed,
  '3 0.4 Pipeline 0' FROM stages WHERE stage = 'Pilot';
SELECT 'pipedrive organizations: keyed by name, segment and region',
  (SELECT group_concat(account_id || '/' || coalesce(segment, '-') || '/' || coalesce(region, '-') || '/' || coalesce(owner_rep_id, '-'), ' ') FROM (SELECT * FROM accounts WHERE account_id IN ('Acme Ltd', 'Beta GmbH', 'Gamma SA') ORDER BY 1)),
  'Acme Ltd/Mid-Market/EMEA/Sam Owner Beta GmbH/SMB/EMEA/Sam Owner Gamma SA/-/-/-';
SELECT 'pipedrive: nothing rejected', count(*), 0 FROM import_rejects WHERE run_id = (SELECT max(run_id) FROM import_runs);

-- ------------------------------------------------------------- Chargebee
-- MRR = unit price x quantity per month of the period: 20 x 5 = 100;
-- 1200 a year = 100 (cancelled: ends when cancelled, no renewal); a trial
-- 0; 30 x 3 a quarter = 30 (non-renewing: still active).
UPDATE import_request SET dir = 'tests/data/exports/chargebee';
.output /dev/null
BEGIN IMMEDIATE;
.read sql/import/import.sql
COMMIT;
.output stdout
SELECT 'chargebee: periods, MRR per month, ends and renewals',
  (SELECT group_concat(subscription_id || '/' || account_id || '/' || plan || '/' || start_date || '/' || coalesce(end_date, '-') || '/' || mrr || '/' || billing_interval || '/' || coalesce(renewal_date, '-'), ' ')
   FROM (SELECT * FROM subscriptions WHERE subscription_id LIKE 'sub\___' ESCAPE '\' ORDER BY 1)),
  'sub_A1/cust_a/growth-monthly/2025-01-05/-/100.0/month/2026-03-05 sub_B1/cust_b/pro-yearly/2024-03-01/2025-08-20/100.0/year/- sub_C1/cust_c/growth-monthly/2026-02-20/-/0.0/month/2026-03-06 sub_D1/cust_a/addon-quarterly/2025-06-01/-/30.0/quarter/2026-03-01';
SELECT 'chargebee: customers named by company, else e-mail',
  (SELECT group_concat(account_id || '=' || name, ' ') FROM (SELECT * FROM accounts WHERE account_id LIKE 'cust\__' ESCAPE '\' ORDER BY 1)),
  'cust_a=Alpha Co cust_b=billing@b.example cust_c=Gamma Ltd';
SELECT 'all exports: foreign keys hold', (SELECT count(*) FROM pragma_foreign_key_check), 0;
