-- sql/views/80_insight_base.sql — what the insight, action, coaching,
-- churn-action and alert views (80_insights.sql .. 88_alerts.sql) share.
--
-- Question: which thresholds do the rules use, and what does each open deal
-- and each customer look like as of today?  (Issue 12; seeds 000, 001, 003,
-- 004.)  docs/insights.md documents every threshold with its source.
--
-- insight_thresholds  one row per threshold: key, value, source.  A row in
--                     settings with the same key overrides the default:
--                       INSERT OR REPLACE INTO settings VALUES ('stuck_days', '30');
-- insight_deal_facts  one row per open deal with deal_health's inputs
--                     (deal_health_inputs, 35_deals.sql), its score and
--                     status, and what the actions need.
-- insight_account_risk one row per customer: account_health (72_account_
--                     health.sql) under the names the insight views use.
-- Every view here works under PRAGMA trusted_schema=OFF: only core SQL and
-- the extension's innocuous functions.

DROP VIEW IF EXISTS insight_thresholds;
CREATE VIEW insight_thresholds AS
WITH defaults(key, value, source) AS (VALUES
  ('stuck_days', 45, 'seed 000: stuck deals are open deals over 45 days (in stage)'),
  ('stuck_amount', 50000, 'seed 000: ... and over $50K'),
  ('stale_days', 14, 'seed 001/003: stale deal, no activity in 14+ days'),
  ('follow_up_days', 7, 'choice: half the stale limit, a follow-up before a deal goes stale'),
  ('coverage_target', 3, 'seed 001/003: 3x coverage or higher is strong / the minimum'),
  ('coverage_at_risk', 2, 'seed 001: under 2x coverage is at risk'),
  ('forecast_drift', 0.15, 'seed 003: forecast accuracy target MAPE < 15%'),
  ('forecast_miss', 0.15, 'seed 003: forecast accuracy target MAPE < 15%'),
  ('renewal_days', 90, 'seed 004: contracts expiring within 90 days; seed 003: renewal reminders 90/60/30'),
  ('window_days', 365, 'choice: trailing 12 months for rates (channels, funnel, coaching)'),
  ('trend_days', 90, 'choice: a quarter against the quarter before, for rising churn'),
  ('sla_days', 30, 'choice: a month against the month before, for SLA breaches and receivables'),
  ('top_customer_share', 0.10, 'choice: one customer above 10% of MRR is a concentration risk'),
  ('top_fifth_share', 0.80, 'choice: the top 20% of customers above 80% of MRR (seed 002 reports 65%)'),
  ('eol_days', 365, 'choice: end of life within a year counts as revenue at risk (seed 002)'),
  ('min_gap', 0.20, 'choice: a coaching metric 20% better or worse than the team median'),
  ('stale_share', 0.20, 'choice: stale-pipeline alert when 20%+ of open deals are stale'),
  ('sync_delay_days', 2, 'choice: seed 000 data is updated daily; one missed day of slack'),
  ('big_deal', 50000, 'seed 000: the $50K line of stuck deals, reused for executive sponsor actions'))
SELECT d.key, coalesce(CAST(s.value AS REAL), d.value) AS value,
       CASE WHEN s.value IS NULL THEN d.source ELSE 'settings (default ' || d.value || ', ' || d.source || ')' END AS source
FROM defaults AS d LEFT JOIN settings AS s ON s.key = d.key;

-- Open deals with deal_health's seven inputs: deal_health_inputs of
-- sql/views/35_deals.sql (one definition of days in stage, activity
-- recency, contacts engaged, pushes), plus what the actions need: the stage
-- order, meetings and demos logged, and whether a decision maker, C-level
-- or VP contact is engaged.
DROP VIEW IF EXISTS insight_deal_facts;
CREATE VIEW insight_deal_facts AS
WITH f AS (
  SELECT i.opportunity_id, i.account_id, i.owner_rep_id, i.name, i.stage, s.stage_order,
         o.opportunity_type, i.amount, i.probability, i.close_date, i.next_step,
         i.days_in_stage, i.expected_days, i.days_since_activity, i.contacts_engaged,
         (SELECT count(*) FROM activities AS a
            WHERE a.opportunity_id = i.opportunity_id AND a.occurred_at < i.as_of AND a.activity_type IN ('Meeting', 'Demo')) AS meetings,
         i.days_to_close, max(0, i.close_date_pushes) AS close_date_pushes, max(-1, i.amount_change) AS amount_change,
         EXISTS (SELECT 1 FROM activities AS a JOIN contacts AS c ON c.contact_id = a.contact_id
                 WHERE a.opportunity_id = i.opportunity_id AND a.occurred_at < i.as_of
                   AND (c.is_decision_maker = 1 OR c.seniority IN ('C-Level', 'VP'))) AS senior_contact
  FROM deal_health_inputs AS i
  JOIN stages AS s ON s.stage = i.stage
  JOIN opportunities AS o ON o.opportunity_id = i.opportunity_id)
SELECT f.*,
       deal_health(days_in_stage, expected_days, days_since_activity, contacts_engaged,
                   days_to_close, close_date_pushes, amount_change) AS health,
       deal_health_status(deal_health(days_in_stage, expected_days, days_since_activity, contacts_engaged,
                   days_to_close, close_date_pushes, amount_change)) AS health_status
FROM f;

-- Customers with customer_health's and churn_risk's inputs, scores and
-- factors: account_health of sql/views/72_account_health.sql (one health
-- score per customer everywhere, usage trend included), under the column
-- names the insight views use.
DROP VIEW IF EXISTS insight_account_risk;
CREATE VIEW insight_account_risk AS
SELECT account_id, account_name AS name, segment, region, owner_rep_id, csm_rep_id, mrr,
       next_renewal_date AS renewal_date, nps, csat, open_tickets, sla_compliance, overdue_invoices, days_overdue,
       days_since_interaction, executive_sponsor, qbr_scheduled, days_to_renewal, usage_change, seat_utilisation,
       health_score AS health, health_status, churn_risk_score AS churn_risk, churn_risk_level, churn_risk_factors,
       health_factors, action AS churn_action
FROM account_health;
