-- sql/views/35_deals.sql — deal health and pipeline hygiene (seed 001
-- Pipeline Health View and Pipeline Hygiene; seed 003 Data Hygiene Rules).
--
-- Open deals only.  Activity recency and contacts engaged come from
-- activities on the deal up to the as-of date; close-date pushes are the
-- distinct expected close dates in the weekly snapshots, less one.

-- Question: how healthy is each open deal, which status is it in and which
-- factors drag it down?  (seed 001 Health Scores Explained / Health
-- Factors: stage velocity, activity recency, multi-threading, close date,
-- amount)  health = deal_health(...), status = deal_health_status(health),
-- factors = deal_health_factors(...) as JSON text (read it with the JSON
-- functions outside views).  deal_health_inputs holds the seven inputs
-- per open deal (seed 001 Health Factors); deal_health scores them.
DROP VIEW IF EXISTS deal_health_inputs;
CREATE VIEW deal_health_inputs AS
SELECT d.opportunity_id, d.name, d.account_id, d.account_name, d.segment, d.region, d.channel,
       d.owner_rep_id, d.rep_name, d.stage, d.amount, d.probability, d.forecast_category,
       d.close_date, d.next_step, d.as_of,
       max(0, d.days_in_stage) AS days_in_stage, d.expected_days,
       julianday(d.as_of) - julianday(
         (SELECT max(occurred_at) FROM activities AS x
          WHERE x.opportunity_id = d.opportunity_id AND x.occurred_at < d.as_of)) AS days_since_activity,
       (SELECT count(DISTINCT contact_id) FROM activities AS x
        WHERE x.opportunity_id = d.opportunity_id AND x.occurred_at < d.as_of) AS contacts_engaged,
       d.days_to_close,
       coalesce((SELECT count(DISTINCT close_date) - 1 FROM opportunity_snapshots AS p
                 WHERE p.opportunity_id = d.opportunity_id AND p.snapshot_date <= d.as_of), 0) AS close_date_pushes,
       (d.amount - d.original_amount) / nullif(d.original_amount, 0) AS amount_change
FROM pipeline_deals AS d
WHERE d.is_closed = 0;

DROP VIEW IF EXISTS deal_health;
CREATE VIEW deal_health AS
WITH h AS (
  SELECT i.*,
         deal_health(days_in_stage, expected_days, days_since_activity, contacts_engaged,
                     days_to_close, max(close_date_pushes, 0), max(amount_change, -1)) AS health
  FROM deal_health_inputs AS i)
SELECT h.opportunity_id, h.name, h.account_id, h.account_name, h.segment, h.region, h.channel,
       h.owner_rep_id, h.rep_name, h.stage, h.amount, h.probability, h.forecast_category, h.close_date,
       CAST(h.days_in_stage AS INTEGER) AS days_in_stage, h.expected_days,
       CAST(h.days_since_activity AS INTEGER) AS days_since_activity, h.contacts_engaged,
       CAST(h.days_to_close AS INTEGER) AS days_to_close, h.close_date_pushes,
       h.health, deal_health_status(h.health) AS status,
       deal_health_factors(h.days_in_stage, h.expected_days, h.days_since_activity, h.contacts_engaged,
                           h.days_to_close, max(h.close_date_pushes, 0), max(h.amount_change, -1)) AS factors
FROM h;

-- Question: how much selling went into each deal?  (seed 004 Sales
-- Manager "what drives rep performance": activity volume, meetings,
-- contacts engaged per deal)  One row per opportunity, deals without an
-- activity included (0 activities and contacts, NULL meetings: what a
-- LEFT JOIN of the deal to its activities counts).  Kept
-- (99_derived.sql): sales_manager.performance_drivers counted the
-- activities of every closed deal on each run (1.8 million at SCALE=20,
-- 1.0 s).
DROP VIEW IF EXISTS opportunity_activity_counts;
CREATE VIEW opportunity_activity_counts AS
SELECT o.opportunity_id, count(a.activity_id) AS activities,
       sum(a.activity_type IN ('Meeting', 'Demo')) AS meetings, count(DISTINCT a.contact_id) AS contacts
FROM opportunities AS o LEFT JOIN activities AS a ON a.opportunity_id = o.opportunity_id
GROUP BY o.opportunity_id;

-- Question: which open deals need attention for hygiene: stale (no
-- activity for 14 days or more, or never), past their close date, missing
-- a next step, single-threaded (one contact or none engaged), missing an
-- amount?  (seed 001 Pipeline Hygiene: Common Issues; seed 003 Data
-- Hygiene Rules "stale opportunities (no activity 14d+)", "missing fields
-- on open opps")  One row per deal and issue; the thresholds are the ones
-- deal_health_factors() flags with (docs/deals.md).
DROP VIEW IF EXISTS pipeline_hygiene;
CREATE VIEW pipeline_hygiene AS
WITH i AS (SELECT * FROM deal_health_inputs)
SELECT opportunity_id, name, account_name, segment, region, channel, owner_rep_id, rep_name, stage, amount, close_date,
       'Stale' AS issue, 'no activity for ' || coalesce(CAST(days_since_activity AS INTEGER) || ' days', 'ever') AS detail
FROM i WHERE days_since_activity IS NULL OR days_since_activity >= 14
UNION ALL
SELECT opportunity_id, name, account_name, segment, region, channel, owner_rep_id, rep_name, stage, amount, close_date,
       'Past close date', 'close date ' || close_date || ' passed ' || CAST(-days_to_close AS INTEGER) || ' days ago'
FROM i WHERE days_to_close < 0
UNION ALL
SELECT opportunity_id, name, account_name, segment, region, channel, owner_rep_id, rep_name, stage, amount, close_date,
       'Missing next step', 'no next step'
FROM i WHERE next_step IS NULL OR trim(next_step) = ''
UNION ALL
SELECT opportunity_id, name, account_name, segment, region, channel, owner_rep_id, rep_name, stage, amount, close_date,
       'Single-threaded', contacts_engaged || ' contact(s) engaged'
FROM i WHERE contacts_engaged <= 1
UNION ALL
SELECT opportunity_id, name, account_name, segment, region, channel, owner_rep_id, rep_name, stage, amount, close_date,
       'Missing amount', 'amount not set'
FROM i WHERE amount IS NULL;
