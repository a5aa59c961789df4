-- sql/views/72_account_health.sql — customer health and churn risk (seed
-- 004 "Risk/Health Metrics (All Personas)": health_score, health_status,
-- churn_risk_score, churn_risk_level; seed 001 churn predictions; seed 003
-- "decreasing product usage predicts churn").
--
-- The scores are the extension's customer_health, churn_risk and their
-- _factors explainers (docs/accounts.md); this file gathers their inputs
-- per paying customer (ARR > 0 at revenue_calendar.month) from the
-- service (65), billing (70), usage (62) and revenue (50) views.  "Today"
-- is (SELECT as_of FROM as_of_date).

-- Question: what goes into each customer's health?  (seed 004 account
-- metrics: nps_score, csat_score, open_tickets, sla_compliance_pct,
-- overdue_invoices, days_overdue, last_interaction_days,
-- executive_sponsor_engaged, qbr_scheduled, days_to_renewal)
--   nps: nps() of the account's NPS answers in the 12 months before the
--        as-of date; csat: the mean CSAT answer in those months;
--   open_tickets now; sla_compliance: avg(sla_met) of tickets opened in
--        those 12 months (service_ticket_sla);
--   overdue_invoices, days_overdue: billing_open_balances;
--   days_since_interaction: since the latest activity with the account;
--   qbr_scheduled: a next QBR date on or after the as-of date;
--   days_to_renewal: to the earliest renewal date of its running
--        subscriptions (NULL: month-to-month, churn_risk scores it as near);
--   usage_change: as usage_trend (active users against three months
--        earlier).
DROP VIEW IF EXISTS account_health_inputs;
CREATE VIEW account_health_inputs AS
WITH cal AS (SELECT as_of, trailing_12m_after FROM as_of_calendar),
surv AS (SELECT account_id, nps(CASE WHEN survey_type = 'NPS' THEN score END) AS nps,
                avg(CASE WHEN survey_type = 'CSAT' THEN score END) AS csat
         FROM survey_responses, cal
         WHERE responded_date > cal.trailing_12m_after AND responded_date <= cal.as_of
         GROUP BY account_id),
sla AS (SELECT account_id, avg(sla_met) AS sla_compliance FROM service_ticket_sla
        WHERE opened_at >= date((SELECT trailing_12m_after FROM cal), '+1 day')
          AND opened_at < date((SELECT as_of FROM cal), '+1 day') GROUP BY account_id),
open AS (SELECT t.account_id, count(*) AS open_tickets FROM support_tickets AS t, cal
         WHERE t.status IN ('Open', 'Pending') AND t.opened_at < cal.as_of GROUP BY t.account_id),
bill AS (SELECT account_id, sum(is_overdue) AS overdue_invoices, max(days_overdue) AS days_overdue
         FROM billing_open_balances GROUP BY account_id),
use AS (SELECT n.account_id,
               CASE WHEN n.seats_purchased > 0 THEN CAST(n.seats_used AS REAL) / n.seats_purchased END AS seat_utilisation,
               CASE WHEN p.active_users > 0 THEN CAST(n.active_users - p.active_users AS REAL) / p.active_users END AS usage_change
        FROM product_usage AS n
        LEFT JOIN product_usage AS p ON p.account_id = n.account_id
             AND p.month = strftime('%Y-%m', n.month || '-01', '-3 months')
        WHERE n.month = (SELECT month FROM revenue_calendar))
SELECT r.account_id, r.account_name, r.segment, r.region, r.channel, r.owner_rep_id, r.csm_rep_id,
       r.mrr, r.arr, r.tier,
       s.nps, s.csat, coalesce(open.open_tickets, 0) AS open_tickets, sla.sla_compliance,
       coalesce(b.overdue_invoices, 0) AS overdue_invoices,
       CASE WHEN b.overdue_invoices > 0 THEN b.days_overdue END AS days_overdue,
       -- the latest activity: one seek per customer on activities_account
       -- (grouping every activity of every account read the whole index)
       CAST(julianday(cal.as_of) - julianday((SELECT max(x.occurred_at) FROM activities AS x
                                              WHERE x.account_id = r.account_id AND x.occurred_at < cal.as_of))
            AS INTEGER) AS days_since_interaction,
       a.executive_sponsor_engaged AS executive_sponsor,
       coalesce(a.next_qbr_date >= cal.as_of, 0) AS qbr_scheduled,
       CAST(julianday(r.next_renewal_date) - julianday(cal.as_of) AS INTEGER) AS days_to_renewal,
       r.next_renewal_date, u.usage_change, u.seat_utilisation
FROM account_revenue AS r
CROSS JOIN cal
JOIN accounts AS a ON a.account_id = r.account_id
LEFT JOIN surv AS s ON s.account_id = r.account_id
LEFT JOIN sla ON sla.account_id = r.account_id
LEFT JOIN open ON open.account_id = r.account_id
LEFT JOIN bill AS b ON b.account_id = r.account_id
LEFT JOIN use AS u ON u.account_id = r.account_id
WHERE r.is_customer;

-- Question: how healthy is each customer, and how likely to churn, and
-- why?  (seed 004 health_score 0-100, health_status Healthy / At Risk /
-- Critical, churn_risk_score, churn_risk_level; seed 001 churn predictions
-- Critical / High / Medium / Low with the action each requires; seed 004
-- retention_probability)  health = customer_health(...) of
-- account_health_inputs; churn_risk = churn_risk(health, days_to_renewal,
-- usage_change); the _factors columns are the functions' JSON explainers.
-- retention_probability = 1 - churn_risk / 100 (Choice: the score read as
-- a probability; the seeds give no model).  action: seed 001's "Action
-- Required" for the level.
DROP VIEW IF EXISTS account_health;
CREATE VIEW account_health AS
WITH h AS (
  SELECT i.*,
         customer_health(i.nps, i.csat, i.open_tickets, i.sla_compliance, i.overdue_invoices, i.days_overdue,
                         i.days_since_interaction, i.executive_sponsor, i.qbr_scheduled) AS health_score,
         customer_health_factors(i.nps, i.csat, i.open_tickets, i.sla_compliance, i.overdue_invoices, i.days_overdue,
                                 i.days_since_interaction, i.executive_sponsor, i.qbr_scheduled) AS health_factors
  FROM account_health_inputs AS i),
c AS (
  SELECT h.*, customer_health_status(health_score) AS health_status,
         churn_risk(health_score, days_to_renewal, max(usage_change, -1.0)) AS churn_risk_score,
         churn_risk_factors(health_score, days_to_renewal, max(usage_change, -1.0)) AS churn_risk_factors
  FROM h)
SELECT account_id, account_name, segment, region, channel, owner_rep_id, csm_rep_id, mrr, arr, tier,
       nps, csat, open_tickets, sla_compliance, overdue_invoices, days_overdue, days_since_interaction,
       executive_sponsor, qbr_scheduled, days_to_renewal, next_renewal_date, usage_change, seat_utilisation,
       health_score, health_status, health_factors,
       churn_risk_score, churn_risk_level(churn_risk_score) AS churn_risk_level, churn_risk_factors,
       1 - churn_risk_score / 100.0 AS retention_probability,
       CASE churn_risk_level(churn_risk_score)
         WHEN 'Critical' THEN 'Executive escalation within 24 hours'
         WHEN 'High' THEN 'Schedule QBR within 1 week'
         WHEN 'Medium' THEN 'Proactive outreach'
         ELSE 'Maintain regular cadence' END AS action
FROM c;
