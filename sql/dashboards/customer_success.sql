-- sql/dashboards/customer_success.sql — Customer Success: seed 001's churn
-- predictions, seed 000's "coordinate with Customer Success on top churn
-- reasons" and monthly retention debrief, seed 003's CS handoff SLA,
-- expansion signals, renewal reminders (90/60/30 days), usage decline
-- ("CS intervention + exec sponsor call") and CS/AM NRR targets, seed
-- 004's health metrics for all personas.  Format: tools/dashboards.py.
-- Filters (NULL = all): :segment, :region, :channel (the account's);
-- :start_date, :end_date (months or dates of churn, movements, handoffs,
-- usage); health, churn risk, renewals and signals are as of the
-- database's as-of date (settings 'as_of').

-- name: churn_predictions
-- question: Churn Predictions — customers at risk of churning by risk level with the action required: Critical executive escalation within 24 hours, High QBR within 1 week, Medium proactive outreach, Low regular cadence (seed 001, AI-Powered Insights)
-- chart: bar
-- x: churn_risk_level
-- y: arr
-- additive: customers, arr
-- metrics: customers=churn_customers, arr=churn_arr, avg_score=avg_churn_risk, avg_health=avg_health_score
SELECT churn_risk_level, action, count(*) AS customers, round(total(arr), 2) AS arr,
       avg(churn_risk_score) AS avg_score, avg(health_score) AS avg_health
FROM account_health
WHERE (:segment IS NULL OR segment = :segment) AND (:region IS NULL OR region = :region)
  AND (:channel IS NULL OR channel = :channel)
GROUP BY churn_risk_level
ORDER BY min(churn_risk_score) DESC;

-- name: churn_reasons
-- question: Churn Reasons table — ranks quitting drivers by segment and count; "Consult Churn Reasons and share top drivers with Customer Success" (seed 000, Revenue and Monthly retention debrief)
-- chart: table
-- additive: churned, contracted, mrr_lost
-- metrics: churned=churned_logos, contracted=contracted_logos, mrr_lost
SELECT reason, category, segment, sum(churned) AS churned, sum(contracted) AS contracted, round(total(mrr_lost), 2) AS mrr_lost
FROM revenue_churn_reasons
WHERE month < strftime('%Y-%m', (SELECT as_of FROM as_of_date))
  AND (:start_date IS NULL OR month >= substr(:start_date, 1, 7)) AND (:end_date IS NULL OR month <= substr(:end_date, 1, 7))
  AND (:segment IS NULL OR segment = :segment) AND (:region IS NULL OR region = :region)
  AND (:channel IS NULL OR channel = :channel)
GROUP BY reason, segment
ORDER BY churned DESC, mrr_lost DESC;

-- name: retention_mix_by_segment
-- question: Monthly retention debrief — compare segment treemap vs. MRR waterfall for expansion/contraction mix; pinpoint segments driving expansion or suffering contraction (seed 000) — movements from :start_date's month (set it to the previous month for the debrief) to the last month ending by :end_date
-- chart: bar
-- x: segment
-- y: expansion_mrr, contraction_mrr, churned_mrr
-- additive: ending_mrr, new_mrr, expansion_mrr, reactivation_mrr, contraction_mrr, churned_mrr
-- metrics: ending_mrr=mrr_ending, new_mrr=mrr_new, expansion_mrr=mrr_expansion, reactivation_mrr=mrr_reactivation, contraction_mrr=mrr_contraction, churned_mrr=mrr_churned, net_new_mrr=mrr_net_new
WITH p AS (SELECT coalesce(min(strftime('%Y-%m', :end_date, '+1 day', 'start of month', '-1 day'), month), month) AS month FROM revenue_calendar)
SELECT w.segment, round(total(CASE WHEN w.month = p.month THEN w.ending_mrr END), 2) AS ending_mrr,
       round(total(w.new_mrr), 2) AS new_mrr, round(total(w.expansion_mrr), 2) AS expansion_mrr,
       round(total(w.reactivation_mrr), 2) AS reactivation_mrr, round(total(w.contraction_mrr), 2) AS contraction_mrr,
       round(total(w.churned_mrr), 2) AS churned_mrr, round(total(w.net_new_mrr), 2) AS net_new_mrr
FROM mrr_waterfall_by_segment AS w, p
WHERE w.month <= p.month AND (:start_date IS NULL OR w.month >= substr(:start_date, 1, 7))
  AND (:segment IS NULL OR w.segment = :segment) AND (:region IS NULL OR w.region = :region)
  AND (:channel IS NULL OR w.channel = :channel)
GROUP BY w.segment
ORDER BY ending_mrr DESC;

-- name: expansion_signals
-- question: Expansion Signal Detection — approaching seat/usage limit (>80%), new department/team using product, API usage growing >20% MoM, with the action and urgency (seed 003, Phase 8 expansion-signals.yaml; "Expansion signal alerts")
-- chart: table
-- metrics: arr=account_arr, value=signal_value, seat_utilisation, api_utilisation
SELECT signal, urgency, action, account_id, account_name, segment, region, arr, value, seat_utilisation, api_utilisation
FROM usage_expansion_signals
WHERE (:segment IS NULL OR segment = :segment) AND (:region IS NULL OR region = :region)
  AND (:channel IS NULL OR channel = :channel)
ORDER BY CASE urgency WHEN 'High' THEN 1 ELSE 2 END, arr DESC, account_id, signal;  -- ties in a fixed order

-- name: renewal_reminders
-- question: Renewal reminders (90/60/30 day); lifecycle signal "Renewal in 90 days + healthy NPS: initiate renewal + expansion conversation" (seed 003, Phase 8)
-- chart: table
-- additive: renewal_arr
-- metrics: days_to_renewal, renewal_arr, nps=account_nps
SELECT r.reminder, r.account_id, r.account_name, r.segment, r.region, r.renewal_date, r.days_to_renewal,
       round(r.renewal_arr, 2) AS renewal_arr, h.nps, h.health_status, h.churn_risk_level,
       CASE WHEN h.nps >= 30 AND h.health_status = 'Healthy' THEN 'Initiate renewal + expansion conversation'
            WHEN h.churn_risk_level IN ('High', 'Critical') THEN 'Save play: ' || h.action
            ELSE 'Renewal conversation' END AS next_step
FROM account_renewals AS r
LEFT JOIN account_health AS h ON h.account_id = r.account_id
WHERE r.reminder IS NOT NULL
  AND (:segment IS NULL OR r.segment = :segment) AND (:region IS NULL OR r.region = :region)
  AND (:channel IS NULL OR r.channel = :channel)
ORDER BY r.renewal_date;

-- name: usage_decline
-- question: Decreasing product usage predicts churn in 60-90 days: CS intervention + exec sponsor call (seed 003, Phase 13 revenue intelligence) — customers whose monthly active users fell more than 20% over three months
-- chart: table
-- metrics: arr=account_arr, active_users=active_users_account, active_users_3m_ago=active_users_3m_ago_account, usage_change, seat_utilisation, days_to_renewal
-- dimensions: executive_sponsor
SELECT u.account_id, u.account_name, u.segment, u.region, h.arr, u.active_users, u.active_users_3m_ago,
       u.usage_change, u.seat_utilisation, h.churn_risk_level, h.executive_sponsor, h.days_to_renewal
FROM usage_trend AS u
JOIN account_health AS h ON h.account_id = u.account_id
WHERE u.usage_change < -0.2
  AND (:segment IS NULL OR u.segment = :segment) AND (:region IS NULL OR u.region = :region)
  AND (:channel IS NULL OR u.channel = :channel)
ORDER BY u.usage_change, h.arr DESC;

-- name: health_distribution
-- question: Risk/Health Metrics (All Personas) — health_score (0-100), health_status Healthy / At-Risk / Critical (seed 004; seed 003 account health score)
-- chart: bar
-- x: health_status
-- y: customers
-- additive: customers, arr
-- metrics: customers=health_customers, arr=health_arr, avg_health_score, avg_nps=avg_account_nps, avg_sla_compliance=avg_account_sla, avg_days_since_interaction
SELECT health_status, count(*) AS customers, round(total(arr), 2) AS arr, avg(health_score) AS avg_health_score,
       avg(nps) AS avg_nps, avg(sla_compliance) AS avg_sla_compliance, avg(days_since_interaction) AS avg_days_since_interaction
FROM account_health
WHERE (:segment IS NULL OR segment = :segment) AND (:region IS NULL OR region = :region)
  AND (:channel IS NULL OR channel = :channel)
GROUP BY health_status
ORDER BY min(health_score) DESC;

-- name: handoff_sla
-- question: Sales -> CS Handoff SLA — CS kickoff within 48 hours of the contract being signed (seed 003, funnel "Closed Won: CS kickoff within 48 hours" and cs-handoff-sla.yaml) — won new-business deals and the first customer-success touch after the close
-- chart: kpi
-- additive: won_deals, kicked_off, kicked_off_within_48h
-- metrics: won_deals=handoff_won_deals, kicked_off=handoff_kicked_off, kicked_off_within_48h=handoff_within_48h, avg_days_to_kickoff=handoff_avg_days, sla_met_share=handoff_sla_met_share
SELECT count(*) AS won_deals, count(kickoff_at) AS kicked_off, sum(kickoff_within_48h) AS kicked_off_within_48h,
       avg(days_to_kickoff) AS avg_days_to_kickoff, CAST(sum(kickoff_within_48h) AS REAL) / count(*) AS sla_met_share
FROM won_deal_onboarding
WHERE opportunity_type = 'New Business' AND account_id IS NOT NULL AND close_date < (SELECT as_of FROM as_of_date)
  AND (:start_date IS NULL OR close_date >= :start_date) AND (:end_date IS NULL OR close_date <= :end_date)
  AND (:segment IS NULL OR segment = :segment) AND (:region IS NULL OR region = :region)
  AND (:channel IS NULL OR account_channel = :channel);

-- name: nrr_vs_target
-- question: CS/AM comp: NRR + expansion targets — trailing 12-month NRR per segment against the account managers' NRR quota (seed 003, Phase 9 comp plan; Comp Plan "Align to NRR, not just new logo")
-- chart: table
-- additive: cohort_customers, start_mrr, end_mrr
-- metrics: cohort_customers=cohort_customers_12m, start_mrr=cohort_start_mrr_12m, end_mrr=cohort_end_mrr_12m, nrr=nrr_12m, nrr_target, gap_to_target=nrr_gap_to_target, grr=grr_12m
WITH p AS (SELECT coalesce(min(strftime('%Y-%m', :end_date, '+1 day', 'start of month', '-1 day'), month), month) AS month FROM revenue_calendar),
-- the 12-month cohort of the snapshot month: revenue_retention_customers
-- (50_revenue.sql), one row per customer paying 12 months before
r AS (SELECT r.* FROM (SELECT * FROM revenue_retention_customers_now WHERE :end_date IS NULL  -- the snapshot month, kept on its own
            UNION ALL
            SELECT * FROM revenue_retention_customers WHERE :end_date IS NOT NULL AND month = (SELECT month FROM p)) AS r
      WHERE r.month = (SELECT month FROM p)
        AND (:segment IS NULL OR r.segment = :segment) AND (:region IS NULL OR r.region = :region)
        AND (:channel IS NULL OR r.channel = :channel)),
t AS (SELECT r.segment, avg(q.amount) AS nrr_target FROM quotas AS q JOIN reps AS r ON r.rep_id = q.rep_id, as_of_date AS a
      WHERE q.quota_type = 'nrr' AND q.period_start <= a.as_of AND q.period_end > a.as_of
      GROUP BY r.segment)
SELECT r.segment, count(*) AS cohort_customers, round(total(r.start_mrr), 2) AS start_mrr, round(total(r.end_mrr), 2) AS end_mrr,
       nrr(r.start_mrr, r.end_mrr) AS nrr, t.nrr_target, nrr(r.start_mrr, r.end_mrr) - t.nrr_target AS gap_to_target,
       grr(r.start_mrr, r.end_mrr) AS grr
FROM r LEFT JOIN t ON t.segment IS r.segment
GROUP BY r.segment
ORDER BY r.segment;

-- name: adoption_trend
-- question: Feature adoption rates (for expansion signals); seats used against purchased (seed 003, Tier 3 diagnostic metrics and expansion signals)
-- chart: line
-- x: month
-- y: seat_utilisation, active_share
-- additive: accounts, seats_purchased, seats_used, active_users, key_feature_events
-- metrics: accounts=usage_accounts, seats_purchased, seats_used, active_users, key_feature_events, seat_utilisation=seat_utilisation_month, active_share, key_events_per_active_user
SELECT month, sum(accounts) AS accounts, sum(seats_purchased) AS seats_purchased, sum(seats_used) AS seats_used,
       sum(active_users) AS active_users, sum(key_feature_events) AS key_feature_events,
       CAST(sum(seats_used) AS REAL) / sum(seats_purchased) AS seat_utilisation,
       CAST(sum(active_users) AS REAL) / sum(seats_used) AS active_share,
       CAST(sum(key_feature_events) AS REAL) / sum(active_users) AS key_events_per_active_user
FROM usage_adoption_monthly  -- usage_monthly summed by month and dimensions (kept)
WHERE (:start_date IS NULL OR month >= substr(:start_date, 1, 7)) AND (:end_date IS NULL OR month <= substr(:end_date, 1, 7))
  AND month < strftime('%Y-%m', (SELECT as_of FROM as_of_date))
  AND (:segment IS NULL OR segment = :segment) AND (:region IS NULL OR region = :region)
  AND (:channel IS NULL OR channel = :channel)
GROUP BY month
ORDER BY month;

-- Issue 12: insights, actions, coaching, churn actions and alerts
-- (sql/views/80-88, docs/insights.md).

-- name: revenue_insights
-- question: Which AI revenue insights (rising churn, churn reasons growing by segment, NRR and GRR bands, concentration) should be paired with save and expansion plays? (seed 000, monthly retention debrief: "Pair AI revenue insights with actionable initiatives"; docs/insights.md)
-- chart: table
-- metrics: confidence=insight_confidence
SELECT severity, confidence, message, data
FROM insight_cards WHERE category = 'Revenue'
  AND (:segment IS NULL OR rule <> 'churn_reason_growing' OR card_id = 'churn_reason_growing:' || :segment)
ORDER BY severity_order, confidence DESC, card_id;

-- name: churn_actions
-- question: Which customers are at risk of churning, and what action does each risk level require? (seed 001, Churn Predictions: Critical executive escalation within 24 hours, High QBR within 1 week, Medium proactive outreach; docs/insights.md)
-- chart: table
-- metrics: mrr=customer_mrr, days_to_renewal, churn_risk=churn_risk_score, health=health_score
SELECT churn_risk_level, action, due_date, account_id, account_name, segment, region, owner_rep_id, mrr,
       days_to_renewal, churn_risk, health, main_factor, risk_factors
FROM churn_actions
WHERE at_risk = 1 AND (:segment IS NULL OR segment = :segment) AND (:region IS NULL OR region = :region)
ORDER BY level_order, mrr DESC, account_id
LIMIT 50;
