-- sql/import/import.sql — load every *.csv file of one directory into the
-- canonical tables (docs/data.md "The import").
--
-- Needs the import module loaded (dist/revops_import: revops_dir,
-- revops_csv, revops_import), a one-row temp table naming the directory,
-- and a transaction opened before the schema is created, so that a failed
-- import on a new file leaves nothing, not even the tables:
--
--   CREATE TEMP TABLE import_request(dir TEXT NOT NULL);
--   INSERT INTO import_request VALUES ('path/to/csv-dir');
--   BEGIN IMMEDIATE;
--   .read sql/schema.sql
--   .read sql/import/import.sql
--   COMMIT;                           -- or ROLLBACK: a dry run
--
-- sql/import/import.sh does all of that in one command.  Each file is
-- matched to a table by its name (accounts.csv -> accounts) or, for the
-- export layouts of sql/import/presets.sql, by its header.  Every data row
-- ends up either in its table (inserted, updated or unchanged: the import is
-- an upsert on the primary key, so re-importing changes nothing) or in
-- import_rejects with its file, line, raw text and reason.  import_summary
-- counts rows read, loaded and rejected per file; the last statement prints
-- it.  docs/data.md explains every rule.

INSERT INTO main.import_runs (source_dir, started_at)
SELECT dir, datetime('now') FROM temp.import_request;
DROP TABLE IF EXISTS temp.imp_run;
CREATE TEMP TABLE imp_run AS SELECT max(run_id) AS run_id FROM main.import_runs;

-- The tables a file may load, with their columns, read from the database
-- itself: a table added to sql/schema.sql imports with no other change.
DROP TABLE IF EXISTS temp.imp_tables;
CREATE TEMP TABLE imp_tables AS
SELECT s.name AS tbl, (SELECT group_concat(c.name, ' ') FROM pragma_table_info(s.name) AS c) AS columns
FROM main.sqlite_schema AS s
WHERE s.type = 'table' AND s.name NOT LIKE 'sqlite%'
  AND s.name NOT IN ('import_runs', 'import_summary', 'import_rejects');

-- The directory's CSV files, their headers, and what each one loads.
DROP TABLE IF EXISTS temp.imp_files;
CREATE TEMP TABLE imp_files AS
SELECT d.name AS file, d.path,
       lower(substr(d.name, 1, length(d.name) - 4)) AS stem,
       (SELECT c.fields FROM revops_csv(d.path) AS c LIMIT 1) AS header,
       CAST(NULL AS TEXT) AS preset, CAST(NULL AS TEXT) AS tbl, CAST(NULL AS TEXT) AS note
FROM temp.import_request AS r, revops_dir(r.dir) AS d
WHERE d.is_dir = 0 AND lower(d.name) LIKE '%.csv' AND d.name NOT LIKE '.%';

-- Header names, normalised as revops_csv normalises them (trimmed, ASCII
-- lower case), one row per file and column.
DROP TABLE IF EXISTS temp.imp_header;
CREATE TEMP TABLE imp_header AS
SELECT f.file, CAST(j.key AS INTEGER) + 1 AS position, lower(trim(j.value, ' ' || char(9))) AS name
FROM temp.imp_files AS f, json_each(f.header) AS j
WHERE f.header IS NOT NULL;

-- Rows that presets derive from export files (filled by presets.sql).
DROP TABLE IF EXISTS temp.imp_preset_rows;
-- date_order: how the export writes dates that are not ISO (MDY, DMY).
CREATE TEMP TABLE imp_preset_rows (tbl TEXT, file TEXT, line INTEGER, raw TEXT,
                                   record TEXT, error TEXT, derived INTEGER,
                                   date_order TEXT);

-- User mappings: every *.map file of the directory (docs/data.md
-- "Mappings"), read by revops_mapping(); a file a mapping gives a table
-- is loaded into it whatever its name or header (a preset included), the
-- rest of the mapping (columns, values, defaults, keys, date order,
-- parents, rows to skip) is applied by revops_import().
DROP TABLE IF EXISTS temp.imp_mapping;
CREATE TEMP TABLE imp_mapping AS
SELECT m.* FROM temp.import_request AS r, revops_mapping(r.dir) AS m;
UPDATE temp.imp_files SET preset = NULL,
  tbl = (SELECT lower(m.dst) FROM temp.imp_mapping AS m WHERE m.file = imp_files.file COLLATE NOCASE
         AND m.setting = 'table' ORDER BY m.map_file DESC, m.line DESC LIMIT 1)
WHERE file IN (SELECT file COLLATE NOCASE FROM temp.imp_mapping WHERE setting = 'table');

-- ---------------------------------------------------------------- presets
-- Export layouts of common tools, mapped onto the canonical tables.
--
-- A file is recognised by its header, whatever its name: each preset names
-- the columns its export always has.  Its rows become canonical rows (a JSON
-- object keyed by canonical column names, values still text) that then go
-- through exactly the same validation as a canonical file, so a bad value in
-- an export is rejected with the export's file and line.  Rows a preset
-- derives for a parent table (the account of an opportunity, the owner rep)
-- are inserted only when the key is new: they never overwrite what a
-- canonical file or an earlier import holds.
--
--   salesforce_opportunities  Salesforce opportunity report export
--                             ("Opportunity ID", "Account ID", "Stage", ...);
--                             the report footer ("Copyright (c) ...
--                             salesforce.com", "Confidential Information",
--                             "Generated By") is skipped
--   salesforce_accounts       Salesforce account report export
--   salesforce_api_opportunity  Salesforce API names, as Data Loader and the
--                             weekly Data Export write Opportunity.csv
--                             (Id, AccountId, StageName, CloseDate, ...)
--   salesforce_api_account    Account.csv (Id, Name, NumberOfEmployees, ...)
--   salesforce_api_contact    Contact.csv (Id, AccountId, FirstName, LastName, ...)
--   salesforce_api_opportunity_history  OpportunityHistory.csv: each stage
--                             change becomes a stage-history row
--   salesforce_api_user       User.csv: the owners, as reps
--   hubspot_deals             HubSpot deals export ("Record ID", "Deal Name",
--                             "Deal Stage", ...)
--   hubspot_contacts          HubSpot contacts export
--   stripe_subscriptions      Stripe Dashboard subscriptions export
--                             ("Customer ID", "Current Period Start (UTC)", ...)
--
-- Header names are compared trimmed and in lower case (revops_csv).

-- ------------------------------------------------------------ detection
-- Salesforce API names (Data Loader, weekly Data Export): by header.
UPDATE temp.imp_files SET preset = 'salesforce_api_opportunity', tbl = 'opportunities'
WHERE tbl IS NULL AND (SELECT count(*) FROM temp.imp_header AS h WHERE h.file = imp_files.file
       AND h.name IN ('id', 'stagename', 'closedate', 'accountid')) = 4;
UPDATE temp.imp_files SET preset = 'salesforce_api_opportunity_history', tbl = 'opportunity_stage_history'
WHERE tbl IS NULL AND preset IS NULL
  AND (SELECT count(*) FROM temp.imp_header AS h WHERE h.file = imp_files.file
       AND h.name IN ('opportunityid', 'stagename', 'createddate')) = 3;
UPDATE temp.imp_files SET preset = 'salesforce_api_user', tbl = 'reps'
WHERE tbl IS NULL AND preset IS NULL
  AND (SELECT count(*) FROM temp.imp_header AS h WHERE h.file = imp_files.file
       AND h.name IN ('id', 'username', 'lastname')) = 3;
UPDATE temp.imp_files SET preset = 'salesforce_api_contact', tbl = 'contacts'
WHERE tbl IS NULL AND preset IS NULL
  AND (SELECT count(*) FROM temp.imp_header AS h WHERE h.file = imp_files.file
       AND h.name IN ('id', 'accountid', 'lastname')) = 3;
UPDATE temp.imp_files SET preset = 'salesforce_api_account', tbl = 'accounts'
WHERE tbl IS NULL AND preset IS NULL
  AND (SELECT count(*) FROM temp.imp_header AS h WHERE h.file = imp_files.file AND h.name IN ('id', 'name')) = 2
  AND EXISTS (SELECT 1 FROM temp.imp_header AS h WHERE h.file = imp_files.file
              AND h.name IN ('numberofemployees', 'billingcountry', 'industry', 'accountnumber', 'parentid'));
UPDATE temp.imp_files SET preset = 'salesforce_opportunities', tbl = 'opportunities'
WHERE tbl IS NULL AND (SELECT count(*) FROM temp.imp_header AS h WHERE h.file = imp_files.file
       AND h.name IN ('opportunity id', 'account id', 'stage', 'close date')) = 4;
UPDATE temp.imp_files SET preset = 'salesforce_accounts', tbl = 'accounts'
WHERE tbl IS NULL AND preset IS NULL
  AND (SELECT count(*) FROM temp.imp_header AS h WHERE h.file = imp_files.file
       AND h.name IN ('account id', 'account name')) = 2
  AND NOT EXISTS (SELECT 1 FROM temp.imp_header AS h WHERE h.file = imp_files.file AND h.name = 'opportunity id');
UPDATE temp.imp_files SET preset = 'hubspot_deals', tbl = 'opportunities'
WHERE tbl IS NULL AND preset IS NULL
  AND (SELECT count(*) FROM temp.imp_header AS h WHERE h.file = imp_files.file
       AND h.name IN ('record id', 'deal name', 'deal stage')) = 3;
UPDATE temp.imp_files SET preset = 'hubspot_contacts', tbl = 'contacts'
WHERE tbl IS NULL AND preset IS NULL
  AND (SELECT count(*) FROM temp.imp_header AS h WHERE h.file = imp_files.file
       AND h.name IN ('record id', 'first name', 'last name', 'email')) = 4;
UPDATE temp.imp_files SET preset = 'stripe_subscriptions', tbl = 'subscriptions'
WHERE tbl IS NULL AND preset IS NULL
  AND (SELECT count(*) FROM temp.imp_header AS h WHERE h.file = imp_files.file
       AND h.name IN ('id', 'customer id', 'status', 'current period start (utc)')) = 4;

-- Every preset file's rows, once: (file, line, raw, error, record of the
-- export's own columns).
DROP TABLE IF EXISTS temp.imp_preset_src;
CREATE TEMP TABLE imp_preset_src AS
SELECT f.file, f.preset, c.line, c.raw, c.error, c.record AS r, c.nfield
FROM temp.imp_files AS f, revops_csv(f.path) AS c
WHERE f.preset IS NOT NULL AND c.header = 0;

-- A Salesforce report export ends with a footer of one-field rows after
-- the data: an empty one, "Copyright (c) 2000-2026 salesforce.com, inc.
-- All rights reserved.", "Confidential Information - Do Not Distribute",
-- "Generated By: ..." and the company name.  When a copyright row of
-- salesforce.com follows the last data row, every one-field row after the
-- data is footer: skipped, and counted in the summary's note.
DROP TABLE IF EXISTS temp.imp_footer;
CREATE TEMP TABLE imp_footer AS
SELECT file, last_data FROM (
  SELECT file, max(CASE WHEN nfield > 1 THEN line END) AS last_data,
         max(CASE WHEN nfield = 1 AND raw LIKE '%Copyright (c)%salesforce.com%' THEN line END) AS copyright
  FROM temp.imp_preset_src WHERE preset IN ('salesforce_opportunities', 'salesforce_accounts') GROUP BY file)
WHERE copyright > coalesce(last_data, 0);
UPDATE temp.imp_files SET note = coalesce(note || '; ', '') || (
    SELECT count(*) FROM temp.imp_preset_src AS s JOIN temp.imp_footer AS ft ON ft.file = s.file
    WHERE s.file = imp_files.file AND s.line > coalesce(ft.last_data, 0) AND s.nfield = 1)
  || ' rows of the Salesforce report footer skipped'
WHERE file IN (SELECT file FROM temp.imp_footer);
DELETE FROM temp.imp_preset_src
WHERE nfield = 1 AND EXISTS (SELECT 1 FROM temp.imp_footer AS ft
                             WHERE ft.file = imp_preset_src.file AND imp_preset_src.line > coalesce(ft.last_data, 0));
DROP TABLE temp.imp_footer;

-- Dates that are not ISO (report exports write the user's locale): the
-- import reads each file's order from its own values (docs/data.md
-- "Dates"), so presets pass them through as written.

-- ---------------------------------------------- salesforce_opportunities
-- Stage names of Salesforce's default sales process, onto revops stages;
-- other names go through as they are (add them to `stages` to load them).
DROP TABLE IF EXISTS temp.imp_stage_map;
CREATE TEMP TABLE imp_stage_map (src TEXT PRIMARY KEY, stage TEXT);
INSERT INTO temp.imp_stage_map VALUES
  ('prospecting', 'Discovery'), ('qualification', 'Qualification'),
  ('needs analysis', 'Demo'), ('value proposition', 'Demo'),
  ('id. decision makers', 'Demo'), ('perception analysis', 'Proposal'),
  ('proposal/price quote', 'Proposal'), ('negotiation/review', 'Negotiation'),
  ('closed won', 'Closed Won'), ('closed lost', 'Closed Lost'),
  -- HubSpot's default deal pipeline (internal names and labels)
  ('appointmentscheduled', 'Discovery'), ('appointment scheduled', 'Discovery'),
  ('qualifiedtobuy', 'Qualification'), ('qualified to buy', 'Qualification'),
  ('presentationscheduled', 'Demo'), ('presentation scheduled', 'Demo'),
  ('decisionmakerboughtin', 'Proposal'), ('decision maker bought-in', 'Proposal'),
  ('contractsent', 'Contract Sent'), ('contract sent', 'Contract Sent'),
  ('closedwon', 'Closed Won'), ('closedlost', 'Closed Lost');

INSERT INTO temp.imp_preset_rows
SELECT 'opportunities', s.file, s.line, s.raw,
  json_object(
    'opportunity_id', json_extract(r, '$."opportunity id"'),
    'account_id', json_extract(r, '$."account id"'),
    'name', json_extract(r, '$."opportunity name"'),
    'owner_rep_id', json_extract(r, '$."opportunity owner"'),
    'opportunity_type', CASE lower(trim(json_extract(r, '$.type')))
        WHEN 'new business' THEN 'New Business' WHEN 'existing business' THEN 'Expansion'
        WHEN 'renewal' THEN 'Renewal' ELSE coalesce(json_extract(r, '$.type'), 'New Business') END,
    'stage', coalesce((SELECT stage FROM temp.imp_stage_map WHERE src = lower(trim(json_extract(r, '$.stage')))),
                      json_extract(r, '$.stage')),
    'amount', json_extract(r, '$.amount'),
    -- "Probability (%)" is a percentage; revops keeps fractions.
    'probability', CASE WHEN json_valid(rtrim(trim(json_extract(r, '$."probability (%)"')), '%'))
                        THEN rtrim(trim(json_extract(r, '$."probability (%)"')), '%') / 100.0
                        ELSE json_extract(r, '$."probability (%)"') END,
    'created_date', json_extract(r, '$."created date"'),
    'close_date', json_extract(r, '$."close date"'),
    'next_step', json_extract(r, '$."next step"'),
    'channel', json_extract(r, '$."lead source"')),
  s.error, 0, NULL
FROM temp.imp_preset_src AS s WHERE s.preset = 'salesforce_opportunities';

-- The accounts and owners named in the export, once per key (first line).
INSERT INTO temp.imp_preset_rows
SELECT 'accounts', file, min(line), NULL,
  json_object('account_id', json_extract(r, '$."account id"'),
              'name', coalesce(json_extract(r, '$."account name"'), json_extract(r, '$."account id"'))),
  NULL, 1, NULL
FROM temp.imp_preset_src WHERE preset = 'salesforce_opportunities' AND error IS NULL
  AND json_extract(r, '$."account id"') IS NOT NULL
GROUP BY file, json_extract(r, '$."account id"');

-- ------------------------------------------------- salesforce_accounts
-- Segment from employee count (seed 003 lead routing: < 50 SMB, 50-499
-- Mid-Market, 500+ Enterprise); region from the billing country.
INSERT INTO temp.imp_preset_rows
SELECT 'accounts', s.file, s.line, s.raw,
  json_object(
    'account_id', json_extract(r, '$."account id"'),
    'name', json_extract(r, '$."account name"'),
    'industry', json_extract(r, '$.industry'),
    'employees', json_extract(r, '$.employees'),
    'segment', CASE WHEN json_valid(trim(json_extract(r, '$.employees'))) THEN
        CASE WHEN json_extract(r, '$.employees') + 0 >= 500 THEN 'Enterprise'
             WHEN json_extract(r, '$.employees') + 0 >= 50 THEN 'Mid-Market' ELSE 'SMB' END END,
    'region', CASE WHEN lower(json_extract(r, '$."billing country"')) IN ('us', 'usa', 'united states', 'canada', 'ca', 'mexico')
                   THEN 'North America'
                   WHEN lower(json_extract(r, '$."billing country"')) IN ('brazil', 'argentina', 'chile', 'colombia', 'peru')
                   THEN 'LATAM'
                   WHEN lower(json_extract(r, '$."billing country"')) IN ('australia', 'japan', 'india', 'singapore', 'china', 'new zealand', 'south korea')
                   THEN 'APAC'
                   WHEN json_extract(r, '$."billing country"') IS NOT NULL THEN 'EMEA' END,
    'owner_rep_id', json_extract(r, '$."account owner"'),
    'created_date', json_extract(r, '$."created date"')),
  s.error, 0, NULL
FROM temp.imp_preset_src AS s WHERE s.preset = 'salesforce_accounts';

-- Owners of Salesforce records become reps (id = the owner's name), once
-- per name across the files, credited to the first line naming them.
INSERT INTO temp.imp_preset_rows
SELECT 'reps', file, line, NULL,
  json_object('rep_id', owner, 'name', owner, 'role', 'AE'), NULL, 1, NULL
FROM (SELECT file, line, owner, row_number() OVER (PARTITION BY owner ORDER BY file, line) AS rn
      FROM (SELECT file, line, trim(coalesce(json_extract(r, '$."opportunity owner"'), json_extract(r, '$."account owner"'))) AS owner
            FROM temp.imp_preset_src
            WHERE preset IN ('salesforce_opportunities', 'salesforce_accounts') AND error IS NULL)
      WHERE owner IS NOT NULL AND owner <> '')
WHERE rn = 1;

-- ------------------------------------------------------- hubspot_deals
-- "Associated Company IDs" may list several companies ('101;102'): the
-- first is the deal's account.
INSERT INTO temp.imp_preset_rows
SELECT 'opportunities', s.file, s.line, s.raw,
  json_object(
    'opportunity_id', json_extract(r, '$."record id"'),
    'account_id', nullif(trim(substr(coalesce(json_extract(r, '$."associated company ids"'), ''), 1,
        instr(coalesce(json_extract(r, '$."associated company ids"'), '') || ';', ';') - 1)), ''),
    'name', json_extract(r, '$."deal name"'),
    'owner_rep_id', json_extract(r, '$."deal owner"'),
    'opportunity_type', CASE lower(trim(json_extract(r, '$."deal type"')))
        WHEN 'newbusiness' THEN 'New Business' WHEN 'new business' THEN 'New Business'
        WHEN 'existingbusiness' THEN 'Expansion' WHEN 'existing business' THEN 'Expansion'
        ELSE 'New Business' END,
    'stage', coalesce((SELECT stage FROM temp.imp_stage_map WHERE src = lower(trim(json_extract(r, '$."deal stage"')))),
                      json_extract(r, '$."deal stage"')),
    'amount', json_extract(r, '$.amount'),
    'created_date', json_extract(r, '$."create date"'),
    'close_date', json_extract(r, '$."close date"'),
    'channel', json_extract(r, '$."original source type"')),
  s.error, 0, NULL
FROM temp.imp_preset_src AS s WHERE s.preset = 'hubspot_deals';

-- The companies deals and contacts point at, once per id across both
-- files, named by any row that names them (the contacts export has ids only).
INSERT INTO temp.imp_preset_rows
SELECT 'accounts', file, line, NULL,
  json_object('account_id', account_id, 'name', coalesce(company, account_id)), NULL, 1, NULL
FROM (SELECT file, line, account_id, max(company) OVER (PARTITION BY account_id) AS company,
             row_number() OVER (PARTITION BY account_id ORDER BY file, line) AS rn
      FROM (SELECT file, line, json_extract(r, '$."associated company"') AS company,
              nullif(trim(substr(coalesce(json_extract(r, '$."associated company ids"'), ''), 1,
                instr(coalesce(json_extract(r, '$."associated company ids"'), '') || ';', ';') - 1)), '') AS account_id
            FROM temp.imp_preset_src WHERE preset IN ('hubspot_deals', 'hubspot_contacts') AND error IS NULL)
      WHERE account_id IS NOT NULL)
WHERE rn = 1;

INSERT INTO temp.imp_preset_rows
SELECT 'reps', file, line, NULL,
  json_object('rep_id', owner, 'name', owner, 'role', 'AE'), NULL, 1, NULL
FROM (SELECT file, line, owner, row_number() OVER (PARTITION BY owner ORDER BY file, line) AS rn
      FROM (SELECT file, line, trim(coalesce(json_extract(r, '$."deal owner"'), json_extract(r, '$."contact owner"'))) AS owner
            FROM temp.imp_preset_src WHERE preset IN ('hubspot_deals', 'hubspot_contacts') AND error IS NULL)
      WHERE owner IS NOT NULL AND owner <> '')
WHERE rn = 1;

-- ---------------------------------------------------- hubspot_contacts
INSERT INTO temp.imp_preset_rows
SELECT 'contacts', s.file, s.line, s.raw,
  json_object(
    'contact_id', json_extract(r, '$."record id"'),
    'account_id', nullif(trim(substr(coalesce(json_extract(r, '$."associated company ids"'), ''), 1,
        instr(coalesce(json_extract(r, '$."associated company ids"'), '') || ';', ';') - 1)), ''),
    'first_name', json_extract(r, '$."first name"'),
    'last_name', json_extract(r, '$."last name"'),
    'email', json_extract(r, '$.email'),
    'title', json_extract(r, '$."job title"'),
    'original_source', json_extract(r, '$."original source"'),
    'latest_source', json_extract(r, '$."latest source"'),
    'created_date', json_extract(r, '$."create date"'),
    'last_activity_date', json_extract(r, '$."last activity date"')),
  s.error, 0, NULL
FROM temp.imp_preset_src AS s WHERE s.preset = 'hubspot_contacts';

-- ------------------------------------------------ stripe_subscriptions
-- One Stripe subscription = one service period.  MRR = Amount x Quantity
-- per month of the billing interval (Amount in currency units, e.g. 49.00).
-- The period ends (exclusive) at "Ended At"; a canceled subscription with no
-- end date ends when it was canceled.  Trials and incomplete subscriptions
-- bring no revenue yet: MRR 0.
INSERT INTO temp.imp_preset_rows
SELECT 'subscriptions', s.file, s.line, s.raw,
  json_object(
    'subscription_id', json_extract(r, '$.id'),
    'account_id', json_extract(r, '$."customer id"'),
    'plan', coalesce(json_extract(r, '$.plan'), json_extract(r, '$.product')),
    'start_date', coalesce(json_extract(r, '$."start date (utc)"'), json_extract(r, '$."start (utc)"'),
                           json_extract(r, '$."created (utc)"')),
    'end_date', CASE WHEN lower(json_extract(r, '$.status')) IN ('canceled', 'incomplete_expired')
                     THEN coalesce(json_extract(r, '$."ended at (utc)"'), json_extract(r, '$."canceled at (utc)"'))
                     ELSE json_extract(r, '$."ended at (utc)"') END,
    'mrr', CASE
      WHEN lower(json_extract(r, '$.status')) IN ('trialing', 'incomplete', 'incomplete_expired') THEN '0'
      WHEN json_valid(trim(json_extract(r, '$.amount')))
           AND json_valid(trim(coalesce(json_extract(r, '$.quantity'), '1'))) THEN
        printf('%.4f', trim(json_extract(r, '$.amount')) * trim(coalesce(json_extract(r, '$.quantity'), '1'))
               / CASE lower(json_extract(r, '$.interval')) WHEN 'year' THEN 12.0 WHEN 'week' THEN 12.0 / 52
                 WHEN 'day' THEN 12.0 / 365 ELSE 1.0 END)
      ELSE json_extract(r, '$.amount') END,
    'quantity', coalesce(json_extract(r, '$.quantity'), '1'),
    'billing_interval', CASE lower(json_extract(r, '$.interval')) WHEN 'year' THEN 'year' ELSE 'month' END,
    'renewal_date', CASE WHEN lower(json_extract(r, '$.status')) IN ('active', 'past_due', 'trialing')
                         THEN json_extract(r, '$."current period end (utc)"') END),
  s.error, 0, NULL
FROM temp.imp_preset_src AS s WHERE s.preset = 'stripe_subscriptions';

INSERT INTO temp.imp_preset_rows
SELECT 'accounts', file, min(line), NULL,
  json_object('account_id', json_extract(r, '$."customer id"'),
              'name', coalesce(json_extract(r, '$."customer name"'), json_extract(r, '$."customer description"'),
                               json_extract(r, '$."customer email"'), json_extract(r, '$."customer id"'))),
  NULL, 1, NULL
FROM temp.imp_preset_src WHERE preset = 'stripe_subscriptions' AND error IS NULL
  AND json_extract(r, '$."customer id"') IS NOT NULL
GROUP BY file, json_extract(r, '$."customer id"');

-- ------------------------------------------------ Salesforce API names
-- Data Loader and the weekly Data Export write one file per object with
-- the API field names; booleans are true/false, times ISO 8601 with a
-- +0000 offset (2024-01-22T16:14:25.000+0000), dates YYYY-MM-DD.
INSERT INTO temp.imp_preset_rows
SELECT 'opportunities', s.file, s.line, s.raw,
  json_object(
    'opportunity_id', json_extract(r, '$.id'),
    'account_id', json_extract(r, '$.accountid'),
    'name', json_extract(r, '$.name'),
    'owner_rep_id', json_extract(r, '$.ownerid'),
    'opportunity_type', json_extract(r, '$.type'),
    'stage', coalesce((SELECT stage FROM temp.imp_stage_map WHERE src = lower(trim(json_extract(r, '$.stagename')))),
                      json_extract(r, '$.stagename')),
    'amount', json_extract(r, '$.amount'),
    -- Probability is a percentage (0-100) in the API too.
    'probability', CASE WHEN json_valid(trim(json_extract(r, '$.probability')))
                        THEN trim(json_extract(r, '$.probability')) / 100.0
                        ELSE json_extract(r, '$.probability') END,
    'forecast_category', json_extract(r, '$.forecastcategoryname'),
    'created_date', json_extract(r, '$.createddate'),
    'close_date', json_extract(r, '$.closedate'),
    'next_step', json_extract(r, '$.nextstep'),
    'channel', json_extract(r, '$.leadsource')),
  s.error, 0, NULL
FROM temp.imp_preset_src AS s WHERE s.preset = 'salesforce_api_opportunity';

INSERT INTO temp.imp_preset_rows
SELECT 'accounts', s.file, s.line, s.raw,
  json_object(
    'account_id', json_extract(r, '$.id'),
    'name', json_extract(r, '$.name'),
    'domain', json_extract(r, '$.website'),
    'industry', json_extract(r, '$.industry'),
    'employees', json_extract(r, '$.numberofemployees'),
    'segment', CASE WHEN json_valid(trim(json_extract(r, '$.numberofemployees'))) THEN
        CASE WHEN json_extract(r, '$.numberofemployees') + 0 >= 500 THEN 'Enterprise'
             WHEN json_extract(r, '$.numberofemployees') + 0 >= 50 THEN 'Mid-Market' ELSE 'SMB' END END,
    'region', CASE WHEN lower(json_extract(r, '$.billingcountry')) IN ('us', 'usa', 'united states', 'canada', 'ca', 'mexico')
                   THEN 'North America'
                   WHEN lower(json_extract(r, '$.billingcountry')) IN ('brazil', 'argentina', 'chile', 'colombia', 'peru')
                   THEN 'LATAM'
                   WHEN lower(json_extract(r, '$.billingcountry')) IN ('australia', 'japan', 'india', 'singapore', 'china', 'new zealand', 'south korea')
                   THEN 'APAC'
                   WHEN json_extract(r, '$.billingcountry') IS NOT NULL THEN 'EMEA' END,
    'owner_rep_id', json_extract(r, '$.ownerid'),
    'parent_account_id', json_extract(r, '$.parentid'),
    'created_date', json_extract(r, '$.createddate')),
  s.error, 0, NULL
FROM temp.imp_preset_src AS s WHERE s.preset = 'salesforce_api_account';

INSERT INTO temp.imp_preset_rows
SELECT 'contacts', s.file, s.line, s.raw,
  json_object(
    'contact_id', json_extract(r, '$.id'),
    'account_id', json_extract(r, '$.accountid'),
    'first_name', json_extract(r, '$.firstname'),
    'last_name', json_extract(r, '$.lastname'),
    'email', json_extract(r, '$.email'),
    'title', json_extract(r, '$.title'),
    'original_source', json_extract(r, '$.leadsource'),
    'opted_in', CASE lower(trim(json_extract(r, '$.hasoptedoutofemail'))) WHEN 'true' THEN '0' WHEN 'false' THEN '1' END,
    'created_date', json_extract(r, '$.createddate'),
    'last_activity_date', json_extract(r, '$.lastactivitydate')),
  s.error, 0, NULL
FROM temp.imp_preset_src AS s WHERE s.preset = 'salesforce_api_contact';

-- Users: the reps.  Role from the title (docs/data.md); a user who is not
-- active has left (end_date unknown: left NULL, IsActive kept in no column).
INSERT INTO temp.imp_preset_rows
SELECT 'reps', s.file, s.line, s.raw,
  json_object(
    'rep_id', json_extract(r, '$.id'),
    'name', coalesce(json_extract(r, '$.name'),
                     trim(coalesce(json_extract(r, '$.firstname') || ' ', '') || coalesce(json_extract(r, '$.lastname'), ''))),
    'email', json_extract(r, '$.email'),
    'role', CASE WHEN t LIKE '%development%' OR t LIKE '%sdr%' OR t LIKE '%bdr%' THEN 'SDR'
                 WHEN t LIKE '%success%' OR t LIKE '%csm%' THEN 'CSM'
                 WHEN t LIKE '%support%' THEN 'Support'
                 WHEN t LIKE '%marketing%' THEN 'Marketing'
                 WHEN t LIKE '%account manager%' THEN 'AM'
                 WHEN t LIKE '%manager%' OR t LIKE '%director%' OR t LIKE '%vp%' OR t LIKE '%head%' OR t LIKE '%chief%' THEN 'Manager'
                 ELSE 'AE' END,
    'manager_id', json_extract(r, '$.managerid')),
  s.error, 0, NULL
FROM (SELECT *, lower(coalesce(json_extract(r, '$.title'), '')) AS t FROM temp.imp_preset_src) AS s
WHERE s.preset = 'salesforce_api_user';

-- OpportunityHistory: one row per change of an opportunity (stage, amount,
-- close date, probability); a stage-history row is a change of stage.  The
-- stage is entered on the change's day and exited on the next stage
-- change's day.  Rows that change no stage are counted in the note.
DROP TABLE IF EXISTS temp.imp_history;
CREATE TEMP TABLE imp_history AS
SELECT s.*, json_extract(r, '$.opportunityid') AS opp,
       coalesce((SELECT stage FROM temp.imp_stage_map WHERE src = lower(trim(json_extract(r, '$.stagename')))),
                json_extract(r, '$.stagename')) AS stage,
       json_extract(r, '$.createddate') AS at
FROM temp.imp_preset_src AS s WHERE s.preset = 'salesforce_api_opportunity_history';
DROP TABLE IF EXISTS temp.imp_history_changes;
CREATE TEMP TABLE imp_history_changes AS
SELECT * FROM (
  SELECT h.*, lag(stage) OVER w AS prev_stage, row_number() OVER w AS k
  FROM temp.imp_history AS h WHERE error IS NULL
  WINDOW w AS (PARTITION BY opp ORDER BY at, line))
WHERE k = 1 OR prev_stage IS NOT stage;
INSERT INTO temp.imp_preset_rows
SELECT 'opportunity_stage_history', c.file, c.line, c.raw,
  json_object(
    'opportunity_id', c.opp,
    'stage', c.stage,
    'entered_date', c.at,
    'exited_date', lead(c.at) OVER (PARTITION BY c.opp ORDER BY c.at, c.line),
    'amount', json_extract(c.r, '$.amount'),
    'close_date', json_extract(c.r, '$.closedate')),
  NULL, 0, NULL
FROM temp.imp_history_changes AS c
UNION ALL
SELECT 'opportunity_stage_history', file, line, raw, '{}', error, 0, NULL
FROM temp.imp_history WHERE error IS NOT NULL;
UPDATE temp.imp_files SET note = coalesce(note || '; ', '') || ((
    SELECT count(*) FROM temp.imp_history AS h WHERE h.file = imp_files.file AND h.error IS NULL)
  - (SELECT count(*) FROM temp.imp_history_changes AS c WHERE c.file = imp_files.file))
  || ' rows change no stage (amount, date or probability only) and are not stage entries'
WHERE preset = 'salesforce_api_opportunity_history';
DROP TABLE temp.imp_history;
DROP TABLE temp.imp_history_changes;

-- The accounts and owners the API files point at, when no Account.csv or
-- User.csv gives them: once per key, named by the key.
INSERT INTO temp.imp_preset_rows
SELECT 'accounts', file, min(line), NULL,
  json_object('account_id', json_extract(r, '$.accountid'), 'name', json_extract(r, '$.accountid')), NULL, 1, NULL
FROM temp.imp_preset_src WHERE preset IN ('salesforce_api_opportunity', 'salesforce_api_contact') AND error IS NULL
  AND nullif(trim(json_extract(r, '$.accountid')), '') IS NOT NULL
GROUP BY file, json_extract(r, '$.accountid');
INSERT INTO temp.imp_preset_rows
SELECT 'reps', file, min(line), NULL,
  json_object('rep_id', json_extract(r, '$.ownerid'), 'name', json_extract(r, '$.ownerid'), 'role', 'AE'), NULL, 1, NULL
FROM temp.imp_preset_src WHERE preset IN ('salesforce_api_opportunity', 'salesforce_api_account') AND error IS NULL
  AND nullif(trim(json_extract(r, '$.ownerid')), '') IS NOT NULL
GROUP BY file, json_extract(r, '$.ownerid');

DROP TABLE temp.imp_preset_src;
DROP TABLE temp.imp_stage_map;

-- Canonical files: the file name is the table name.
UPDATE temp.imp_files SET tbl = stem
WHERE preset IS NULL AND stem IN (SELECT tbl FROM temp.imp_tables);

-- Columns no table has are ignored, and said so in the summary (a column
-- a mapping reads is not ignored).
UPDATE temp.imp_files SET note = (
  SELECT 'ignored columns: ' || group_concat(h.name, ', ')
  FROM temp.imp_header AS h
  WHERE h.file = imp_files.file
    AND (' ' || (SELECT columns FROM temp.imp_tables WHERE tbl = imp_files.tbl) || ' ')
        NOT LIKE '% ' || h.name || ' %'
    AND h.name NOT IN (SELECT lower(trim(m.src)) FROM temp.imp_mapping AS m
                       WHERE m.file = imp_files.file COLLATE NOCASE AND m.setting = 'column'))
WHERE tbl IS NOT NULL AND preset IS NULL;
UPDATE temp.imp_files SET note = coalesce(note || '; ', '') || 'mapped by '
  || (SELECT group_concat(DISTINCT map_file) FROM temp.imp_mapping AS m WHERE m.file = imp_files.file COLLATE NOCASE)
WHERE file IN (SELECT file COLLATE NOCASE FROM temp.imp_mapping);
UPDATE temp.imp_files SET note = 'empty file (no header)' WHERE header IS NULL;

-- A file that matches no table: its rows are rejected, not skipped, and
-- the reason names the closest table: the one that has most of the file's
-- column names (ties: a name that starts like the file's, then A-Z).
DROP TABLE IF EXISTS temp.imp_closest;
CREATE TEMP TABLE imp_closest AS
SELECT file, tbl, n, total FROM (
  SELECT file, tbl, n, total, named, row_number() OVER (PARTITION BY file ORDER BY n DESC, named DESC, tbl) AS k
  FROM (SELECT f.file, t.tbl,
               (SELECT count(*) FROM temp.imp_header AS h WHERE h.file = f.file
                AND instr(' ' || t.columns || ' ', ' ' || h.name || ' ') > 0) AS n,
               (SELECT count(*) FROM temp.imp_header AS h WHERE h.file = f.file) AS total,
               (length(f.stem) >= 4 AND substr(t.tbl, 1, length(f.stem) - 1) = substr(f.stem, 1, length(f.stem) - 1)) AS named
        FROM temp.imp_files AS f, temp.imp_tables AS t
        WHERE f.tbl IS NULL AND f.preset IS NULL))
WHERE k = 1 AND (n > 0 OR named);
-- An export one column short of a preset's signature names the preset
-- and the column it lacks.
DROP TABLE IF EXISTS temp.imp_signatures;
CREATE TEMP TABLE imp_signatures (preset TEXT, name TEXT);
INSERT INTO temp.imp_signatures VALUES
  ('salesforce_api_opportunity', 'id'), ('salesforce_api_opportunity', 'stagename'),
  ('salesforce_api_opportunity', 'closedate'), ('salesforce_api_opportunity', 'accountid'),
  ('salesforce_api_opportunity_history', 'opportunityid'), ('salesforce_api_opportunity_history', 'stagename'),
  ('salesforce_api_opportunity_history', 'createddate'),
  ('salesforce_api_user', 'id'), ('salesforce_api_user', 'username'), ('salesforce_api_user', 'lastname'),
  ('salesforce_api_contact', 'id'), ('salesforce_api_contact', 'accountid'), ('salesforce_api_contact', 'lastname'),
  ('salesforce_opportunities', 'opportunity id'), ('salesforce_opportunities', 'account id'),
  ('salesforce_opportunities', 'stage'), ('salesforce_opportunities', 'close date'),
  ('salesforce_accounts', 'account id'), ('salesforce_accounts', 'account name'),
  ('hubspot_deals', 'record id'), ('hubspot_deals', 'deal name'), ('hubspot_deals', 'deal stage'),
  ('hubspot_contacts', 'record id'), ('hubspot_contacts', 'first name'), ('hubspot_contacts', 'last name'),
  ('hubspot_contacts', 'email'),
  ('stripe_subscriptions', 'id'), ('stripe_subscriptions', 'customer id'), ('stripe_subscriptions', 'status'),
  ('stripe_subscriptions', 'current period start (utc)');
DROP TABLE IF EXISTS temp.imp_near_preset;
CREATE TEMP TABLE imp_near_preset AS
SELECT file, preset, lacks FROM (
  SELECT f.file, g.preset, group_concat(CASE WHEN h.name IS NULL THEN g.name END) AS lacks,
         count(h.name) AS n, count(*) AS total,
         row_number() OVER (PARTITION BY f.file ORDER BY count(h.name) DESC, g.preset) AS k
  FROM temp.imp_files AS f JOIN temp.imp_signatures AS g
       LEFT JOIN temp.imp_header AS h ON h.file = f.file AND h.name = g.name
  WHERE f.tbl IS NULL AND f.preset IS NULL AND f.header IS NOT NULL
  GROUP BY f.file, g.preset)
WHERE k = 1 AND n = total - 1 AND n >= 2;
INSERT INTO main.import_rejects (run_id, file, line, table_name, raw, reason)
SELECT (SELECT run_id FROM temp.imp_run), f.file, c.line, NULL, c.raw,
       'no table named ' || f.stem || coalesce(
         (SELECT ' (closest: the ' || x.preset || ' export preset, but the file has no column ''' || x.lacks
                 || ''': add it, or map the file in a .map file, docs/data.md "Mappings")'
          FROM temp.imp_near_preset AS x WHERE x.file = f.file),
         (SELECT ' (closest: ' || x.tbl || ', which has ' || x.n || ' of the file''s ' || x.total || ' columns: name the file '
                 || x.tbl || '.csv, or map it in a .map file, docs/data.md "Mappings")'
          FROM temp.imp_closest AS x WHERE x.file = f.file),
         ' (no table has any of its columns: name the file after a table, e.g. accounts.csv, use an export'
         || ' preset, or map it in a .map file, docs/data.md "Mappings")')
FROM temp.imp_files AS f, revops_csv(f.path) AS c
WHERE f.tbl IS NULL AND f.preset IS NULL AND c.header = 0;
DROP TABLE temp.imp_closest;
DROP TABLE temp.imp_near_preset;
DROP TABLE temp.imp_signatures;
INSERT INTO main.import_summary
SELECT (SELECT run_id FROM temp.imp_run), f.file, '(no table)', NULL, count(c.line), 0, 0, 0, 0, count(c.line), f.note
FROM temp.imp_files AS f LEFT JOIN revops_csv(f.path) AS c ON c.header = 0
WHERE f.tbl IS NULL AND f.preset IS NULL
GROUP BY f.file;

-- Files with a header but no rows still appear in the summary.
INSERT INTO main.import_summary
SELECT (SELECT run_id FROM temp.imp_run), f.file, f.tbl, f.preset, 0, 0, 0, 0, 0, 0, f.note
FROM temp.imp_files AS f
WHERE f.tbl IS NOT NULL AND NOT EXISTS (SELECT 1 FROM revops_csv(f.path) AS c WHERE c.header = 0);

-- A re-imported file's old rejects are replaced by this run's.
DELETE FROM main.import_rejects
WHERE file IN (SELECT file FROM temp.imp_files)
  AND run_id <> (SELECT run_id FROM temp.imp_run);

-- ------------------------------------------------------------------ load
-- Every table in foreign-key order, parents first: each row typed and
-- checked in C (dist/revops_import, ext/import/engine.c) and written to its
-- table or to import_rejects with every problem it has.
-- Its scratch tables: rows updated in this run (to find a duplicate's
-- first line) and the keys of rejected rows (so that a child can say its
-- parent was rejected).
DROP TABLE IF EXISTS temp.imp_touched;
CREATE TEMP TABLE imp_touched (rid INTEGER PRIMARY KEY, file_no INTEGER, line INTEGER);
DROP TABLE IF EXISTS temp.imp_rejected;
CREATE TEMP TABLE imp_rejected (tbl TEXT, k TEXT, file TEXT, line INTEGER);
CREATE INDEX temp.imp_rejected_k ON imp_rejected (tbl, k);
DROP TABLE IF EXISTS temp.imp_done;
CREATE TEMP TABLE imp_done (rows_read INTEGER);
INSERT INTO temp.imp_done SELECT revops_import();
DROP TABLE temp.imp_done;
DROP TABLE temp.imp_touched;
DROP TABLE temp.imp_rejected;

DROP TABLE temp.imp_tables;
DROP TABLE temp.imp_header;
DROP TABLE temp.imp_preset_rows;
DROP TABLE temp.imp_mapping;
DROP TABLE temp.imp_run;
DROP TABLE temp.imp_files;

-- Now COMMIT (or ROLLBACK for a dry run); the run's summary is
--   SELECT * FROM import_summary WHERE run_id = (SELECT max(run_id) FROM import_runs);
