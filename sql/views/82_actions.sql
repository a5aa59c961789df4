-- sql/views/82_actions.sql — seed 001's next-best actions, per open deal.
--
-- Question: what should each rep do next on each open deal, and in what
-- order?  (Seed 001 "Next-Best-Actions": Engagement, Progression, Strategy,
-- Hygiene and Rescue actions, prioritised by impact, urgency and
-- probability; seed 001 home "Top Actions".)
--
-- next_best_actions  one row per (open deal, action): the action type, the
--                    action, the reason that triggered it with its numbers,
--                    and the three ranking factors as columns so the order
--                    can be checked:
--   impact      revenue affected: the deal's amount (a deal without an
--               amount counts at the average open deal's, since its value
--               is what is unknown);
--   urgency     time sensitivity, 0..1: from the days to the expected close
--               (past 1.0, within 30 days 0.9, within 90 0.6, later 0.3,
--               no date 0.5); Engagement and Rescue also from the days
--               without activity (days / 28, at most 1), the larger wins;
--               a past close date's Hygiene action is 1.0;
--   probability likelihood of success, 0..1: the deal's win probability
--               (its override, else its stage's) times (0.5 + health / 200),
--               so a healthy deal keeps its probability and a deal at
--               health 0 counts at half;
--   priority    impact x urgency x probability; priority_rank orders all
--               actions, deal_rank the actions of one deal.
-- Triggers (docs/insights.md "Next-best actions" gives the sources):
--   Engagement  follow up: 7 to 13 days without activity;
--               schedule a meeting: past Discovery and no meeting or demo;
--   Progression longer in the stage than its expected days (stages table);
--   Strategy    multi-thread: at most one contact engaged;
--               executive sponsor: $50K+ from Demo on, no decision maker,
--               C-level or VP contact engaged;
--   Hygiene     close date passed; no next step; no amount;
--   Rescue      no activity for 14 days or more, or never.

DROP VIEW IF EXISTS next_best_actions;
CREATE VIEW next_best_actions AS
WITH t AS (
  SELECT (SELECT value FROM insight_thresholds WHERE key = 'stale_days') AS stale_days,
         (SELECT value FROM insight_thresholds WHERE key = 'follow_up_days') AS follow_up_days,
         (SELECT value FROM insight_thresholds WHERE key = 'big_deal') AS big_deal,
         (SELECT avg(amount) FROM insight_deal_facts) AS avg_amount),
f AS MATERIALIZED (
  SELECT f.*,
         coalesce(f.amount, t.avg_amount, 0) AS impact,
         CASE WHEN f.days_to_close IS NULL THEN 0.5 WHEN f.days_to_close < 0 THEN 1.0
              WHEN f.days_to_close <= 30 THEN 0.9 WHEN f.days_to_close <= 90 THEN 0.6 ELSE 0.3 END AS close_urgency,
         CASE WHEN f.days_since_activity IS NULL THEN 1.0 ELSE min(1.0, f.days_since_activity / 28.0) END AS activity_urgency,
         f.probability * (0.5 + f.health / 200.0) AS success
  FROM insight_deal_facts AS f, t),
a(opportunity_id, action_type, action, reason, urgency) AS (
  SELECT f.opportunity_id, 'Engagement', 'Follow up',
         printf('No activity for %d days: follow up before the deal goes stale at %d days.', CAST(f.days_since_activity AS INTEGER), CAST(t.stale_days AS INTEGER)),
         max(f.close_urgency, f.activity_urgency)
  FROM f, t WHERE f.days_since_activity >= t.follow_up_days AND f.days_since_activity < t.stale_days
  UNION ALL
  SELECT f.opportunity_id, 'Engagement', 'Schedule a meeting',
         printf('In %s with no meeting or demo logged.', f.stage),
         max(f.close_urgency, f.activity_urgency)
  FROM f WHERE f.meetings = 0 AND f.stage_order >= 2
  UNION ALL
  SELECT f.opportunity_id, 'Progression', CASE WHEN f.stage_order <= 3 THEN 'Send proposal' ELSE 'Advance stage' END,
         printf('%d days in %s, %d expected.', CAST(f.days_in_stage AS INTEGER), f.stage, f.expected_days),
         f.close_urgency
  FROM f WHERE f.expected_days IS NOT NULL AND f.days_in_stage > f.expected_days
  UNION ALL
  SELECT f.opportunity_id, 'Strategy', 'Multi-thread',
         printf('%d contact%s engaged; deals with 3+ engaged contacts win 2.3x as often.', f.contacts_engaged, CASE WHEN f.contacts_engaged = 1 THEN '' ELSE 's' END),
         f.close_urgency
  FROM f WHERE f.contacts_engaged <= 1
  UNION ALL
  SELECT f.opportunity_id, 'Strategy', 'Get executive sponsor',
         printf('%,d deal in %s without a decision maker, C-level or VP engaged.', CAST(f.amount AS INTEGER), f.stage),
         f.close_urgency
  FROM f, t WHERE f.amount >= t.big_deal AND f.stage_order >= 3 AND NOT f.senior_contact
  UNION ALL
  SELECT f.opportunity_id, 'Hygiene', 'Update close date',
         printf('Expected close %s passed %d days ago.', f.close_date, CAST(-f.days_to_close AS INTEGER)),
         1.0
  FROM f WHERE f.days_to_close < 0
  UNION ALL
  SELECT f.opportunity_id, 'Hygiene', 'Add next step', 'No next step recorded.', f.close_urgency
  FROM f WHERE f.next_step IS NULL OR trim(f.next_step) = ''
  UNION ALL
  SELECT f.opportunity_id, 'Hygiene', 'Set amount', 'No amount recorded.', f.close_urgency
  FROM f WHERE f.amount IS NULL
  UNION ALL
  SELECT f.opportunity_id, 'Rescue', 'Re-engage stale deal',
         CASE WHEN f.days_since_activity IS NULL THEN 'No activity ever logged.'
              ELSE printf('No activity for %d days (stale at %d).', CAST(f.days_since_activity AS INTEGER), CAST(t.stale_days AS INTEGER)) END,
         max(f.close_urgency, f.activity_urgency)
  FROM f, t WHERE f.days_since_activity IS NULL OR f.days_since_activity >= t.stale_days),
r AS (
  SELECT f.opportunity_id, f.name AS deal_name, f.account_id, f.owner_rep_id, f.stage, f.amount, f.health,
         a.action_type, a.action, a.reason,
         round(f.impact, 2) AS impact, round(a.urgency, 4) AS urgency, round(f.success, 4) AS probability,
         round(f.impact * a.urgency * f.success, 2) AS priority
  FROM a JOIN f ON f.opportunity_id = a.opportunity_id)
SELECT r.*,
       row_number() OVER (ORDER BY priority DESC, opportunity_id, action_type, action) AS priority_rank,
       row_number() OVER (PARTITION BY opportunity_id ORDER BY priority DESC, action_type, action) AS deal_rank
FROM r;
