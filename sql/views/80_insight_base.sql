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
-- insight_deal_facts  one row per open deal with deal_health's inputs,
--                     its score and status.
-- insight_account_risk one row per customer (active MRR as of today) with
--                     customer_health's and churn_risk's inputs, the score,
--                     the level and the factors (JSON text from
--                     churn_risk_factors).
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

-- Open deals with deal_health's seven inputs (docs/deals.md).
DROP VIEW IF EXISTS insight_deal_facts;
CREATE VIEW insight_deal_facts AS
WITH d AS (SELECT as_of FROM as_of_date),
o AS (
  -- open deals first, then their activities and snapshots through the
  -- (opportunity_id, date) indexes
  SELECT o.*, s.stage_order, s.probability AS stage_p, s.expected_days
  FROM opportunities AS o JOIN stages AS s ON s.stage = o.stage WHERE s.is_closed = 0),
f AS (
  SELECT o.opportunity_id, o.account_id, o.owner_rep_id, o.name, o.stage, o.stage_order,
         o.opportunity_type, o.amount, coalesce(o.probability, o.stage_p) AS probability,
         o.close_date, o.next_step,
         max(0, julianday(d.as_of) - julianday(coalesce(o.stage_entered_date, o.created_date))) AS days_in_stage,
         o.expected_days,
         julianday(d.as_of) - julianday(date((SELECT max(a.occurred_at) FROM activities AS a
            WHERE a.opportunity_id = o.opportunity_id AND a.occurred_at < d.as_of))) AS days_since_activity,
         (SELECT count(DISTINCT a.contact_id) FROM activities AS a
            WHERE a.opportunity_id = o.opportunity_id AND a.occurred_at < d.as_of) AS contacts_engaged,
         (SELECT count(*) FROM activities AS a
            WHERE a.opportunity_id = o.opportunity_id AND a.occurred_at < d.as_of AND a.activity_type IN ('Meeting', 'Demo')) AS meetings,
         julianday(o.close_date) - julianday(d.as_of) AS days_to_close,
         max(0, (SELECT count(DISTINCT p.close_date) - 1 FROM opportunity_snapshots AS p
            WHERE p.opportunity_id = o.opportunity_id), 0) AS close_date_pushes,
         CASE WHEN o.original_amount > 0 AND o.amount IS NOT NULL
              THEN max(-1, (o.amount - o.original_amount) / o.original_amount) END AS amount_change,
         EXISTS (SELECT 1 FROM activities AS a JOIN contacts AS c ON c.contact_id = a.contact_id
                 WHERE a.opportunity_id = o.opportunity_id
                   AND (c.is_decision_maker = 1 OR c.seniority IN ('C-Level', 'VP'))) AS senior_contact
  FROM o CROSS JOIN d)
SELECT f.*,
       deal_health(days_in_stage, expected_days, days_since_activity, contacts_engaged,
                   days_to_close, close_date_pushes, amount_change) AS health,
       deal_health_status(deal_health(days_in_stage, expected_days, days_since_activity, contacts_engaged,
                   days_to_close, close_date_pushes, amount_change)) AS health_status
FROM f;

-- Customers (active MRR as of today) with customer_health's nine inputs
-- and churn_risk's three (docs/accounts.md).  Windows: NPS and CSAT over
-- the last 12 months, SLA compliance over tickets opened in the last 90
-- days, overdue = open invoice past its due date.  usage_change is NULL
-- (no evidence of decline) until usage data lands.
DROP VIEW IF EXISTS insight_account_risk;
CREATE VIEW insight_account_risk AS
WITH d AS (SELECT as_of FROM as_of_date),
mrr AS (
  SELECT s.account_id, total(s.mrr) AS mrr, min(s.renewal_date) AS renewal_date
  FROM subscriptions AS s, d
  WHERE s.start_date <= d.as_of AND (s.end_date IS NULL OR s.end_date > d.as_of)
  GROUP BY s.account_id HAVING total(s.mrr) > 0),
survey AS (
  SELECT r.account_id,
         nps(CASE WHEN r.survey_type = 'NPS' THEN r.score END) AS nps,
         avg(CASE WHEN r.survey_type = 'CSAT' THEN r.score END) AS csat
  FROM survey_responses AS r, d
  WHERE r.responded_date >= date(d.as_of, '-12 months') AND r.responded_date < d.as_of
  GROUP BY r.account_id),
tix AS (
  SELECT t.account_id,
         sum(t.status IN ('Open', 'Pending')) AS open_tickets,
         avg(CASE WHEN t.opened_at >= date(d.as_of, '-90 days') AND (t.sla_response_hours IS NOT NULL OR t.sla_resolution_hours IS NOT NULL)
                  THEN NOT ((t.sla_response_hours IS NOT NULL AND (julianday(coalesce(t.first_response_at, d.as_of)) - julianday(t.opened_at)) * 24 > t.sla_response_hours)
                         OR (t.sla_resolution_hours IS NOT NULL AND (julianday(coalesce(t.resolved_at, d.as_of)) - julianday(t.opened_at)) * 24 > t.sla_resolution_hours)) END) AS sla_compliance
  FROM support_tickets AS t, d
  WHERE t.opened_at < d.as_of AND (t.status IN ('Open', 'Pending') OR t.opened_at >= date(d.as_of, '-90 days'))
  GROUP BY t.account_id),
overdue AS (
  SELECT i.account_id, count(*) AS overdue_invoices,
         max(julianday(d.as_of) - julianday(i.due_date)) AS days_overdue
  FROM invoices AS i, d
  WHERE i.status = 'open' AND i.due_date < d.as_of
  GROUP BY i.account_id),
touch AS (
  SELECT a.account_id, max(a.occurred_at) AS last_at
  FROM activities AS a, d WHERE a.account_id IS NOT NULL AND a.occurred_at < d.as_of
  GROUP BY a.account_id),
h AS (
  SELECT ac.account_id, ac.name, ac.segment, ac.region, ac.owner_rep_id, ac.csm_rep_id,
         m.mrr, m.renewal_date,
         sv.nps, sv.csat, coalesce(t.open_tickets, 0) AS open_tickets, t.sla_compliance,
         coalesce(o.overdue_invoices, 0) AS overdue_invoices, o.days_overdue,
         julianday(d.as_of) - julianday(date(tc.last_at)) AS days_since_interaction,
         coalesce(ac.executive_sponsor_engaged, 0) AS executive_sponsor,
         (ac.next_qbr_date >= d.as_of) IS 1 AS qbr_scheduled,
         julianday(m.renewal_date) - julianday(d.as_of) AS days_to_renewal,
         CAST(NULL AS REAL) AS usage_change
  FROM mrr AS m JOIN accounts AS ac ON ac.account_id = m.account_id CROSS JOIN d
  LEFT JOIN survey AS sv ON sv.account_id = m.account_id
  LEFT JOIN tix AS t ON t.account_id = m.account_id
  LEFT JOIN overdue AS o ON o.account_id = m.account_id
  LEFT JOIN touch AS tc ON tc.account_id = m.account_id),
hs AS (
  SELECT h.*, customer_health(nps, csat, open_tickets, sla_compliance, overdue_invoices, days_overdue,
                              days_since_interaction, executive_sponsor, qbr_scheduled) AS health
  FROM h)
SELECT hs.*, customer_health_status(health) AS health_status,
       churn_risk(health, days_to_renewal, usage_change) AS churn_risk,
       churn_risk_level(churn_risk(health, days_to_renewal, usage_change)) AS churn_risk_level,
       churn_risk_factors(health, days_to_renewal, usage_change) AS churn_risk_factors,
       customer_health_factors(nps, csat, open_tickets, sla_compliance, overdue_invoices, days_overdue,
                               days_since_interaction, executive_sponsor, qbr_scheduled) AS health_factors
FROM hs;
