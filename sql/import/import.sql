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
--                             ("Opportunity ID", "Account ID", "Stage", ...)
--   salesforce_accounts       Salesforce account report export
--   hubspot_deals             HubSpot deals export ("Record ID", "Deal Name",
--                             "Deal Stage", ...)
--   hubspot_contacts          HubSpot contacts export
--   stripe_subscriptions      Stripe Dashboard subscriptions export
--                             ("Customer ID", "Current Period Start (UTC)", ...)
--
-- Header names are compared trimmed and in lower case (revops_csv).

-- ------------------------------------------------------------ detection
UPDATE temp.imp_files SET preset = 'salesforce_opportunities', tbl = 'opportunities'
WHERE (SELECT count(*) FROM temp.imp_header AS h WHERE h.file = imp_files.file
       AND h.name IN ('opportunity id', 'account id', 'stage', 'close date')) = 4;
UPDATE temp.imp_files SET preset = 'salesforce_accounts', tbl = 'accounts'
WHERE preset IS NULL
  AND (SELECT count(*) FROM temp.imp_header AS h WHERE h.file = imp_files.file
       AND h.name IN ('account id', 'account name')) = 2
  AND NOT EXISTS (SELECT 1 FROM temp.imp_header AS h WHERE h.file = imp_files.file AND h.name = 'opportunity id');
UPDATE temp.imp_files SET preset = 'hubspot_deals', tbl = 'opportunities'
WHERE preset IS NULL
  AND (SELECT count(*) FROM temp.imp_header AS h WHERE h.file = imp_files.file
       AND h.name IN ('record id', 'deal name', 'deal stage')) = 3;
UPDATE temp.imp_files SET preset = 'hubspot_contacts', tbl = 'contacts'
WHERE preset IS NULL
  AND (SELECT count(*) FROM temp.imp_header AS h WHERE h.file = imp_files.file
       AND h.name IN ('record id', 'first name', 'last name', 'email')) = 4;
UPDATE temp.imp_files SET preset = 'stripe_subscriptions', tbl = 'subscriptions'
WHERE preset IS NULL
  AND (SELECT count(*) FROM temp.imp_header AS h WHERE h.file = imp_files.file
       AND h.name IN ('id', 'customer id', 'status', 'current period start (utc)')) = 4;

-- Every preset file's rows, once: (file, line, raw, error, record of the
-- export's own columns).
DROP TABLE IF EXISTS temp.imp_preset_src;
CREATE TEMP TABLE imp_preset_src AS
SELECT f.file, f.preset, c.line, c.raw, c.error, c.record AS r
FROM temp.imp_files AS f, revops_csv(f.path) AS c
WHERE f.preset IS NOT NULL AND c.header = 0;

-- Salesforce report exports write dates in the user's locale: the US
-- layout (M/D/YYYY, or M/D/YY with the two-digit-year pivot of
-- docs/data.md) is declared as the date order of their rows.

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
  s.error, 0, 'MDY'
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
  s.error, 0, 'MDY'
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

DROP TABLE temp.imp_preset_src;
DROP TABLE temp.imp_stage_map;

-- Canonical files: the file name is the table name.
UPDATE temp.imp_files SET tbl = stem
WHERE preset IS NULL AND stem IN (SELECT tbl FROM temp.imp_tables);

-- Columns no table has are ignored, and said so in the summary.
UPDATE temp.imp_files SET note = (
  SELECT 'ignored columns: ' || group_concat(h.name, ', ')
  FROM temp.imp_header AS h
  WHERE h.file = imp_files.file
    AND (' ' || (SELECT columns FROM temp.imp_tables WHERE tbl = imp_files.tbl) || ' ')
        NOT LIKE '% ' || h.name || ' %')
WHERE tbl IS NOT NULL AND preset IS NULL;
UPDATE temp.imp_files SET note = 'empty file (no header)' WHERE header IS NULL;

-- A file that matches no table: its rows are rejected, not skipped.
INSERT INTO main.import_rejects (run_id, file, line, table_name, raw, reason)
SELECT (SELECT run_id FROM temp.imp_run), f.file, c.line, NULL, c.raw,
       'no table named ' || f.stem || ' (name the file after a table, e.g. accounts.csv, or use a preset layout)'
FROM temp.imp_files AS f, revops_csv(f.path) AS c
WHERE f.tbl IS NULL AND f.preset IS NULL AND c.header = 0;
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
DROP TABLE temp.imp_run;
DROP TABLE temp.imp_files;

-- Now COMMIT (or ROLLBACK for a dry run); the run's summary is
--   SELECT * FROM import_summary WHERE run_id = (SELECT max(run_id) FROM import_runs);
