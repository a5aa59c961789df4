-- sql/views/86_churn_actions.sql — seed 001's churn actions per risk level.
--
-- Question: which customers may churn, why, and what should customer
-- success do about each, by when?  (Seed 001 "Churn Predictions": Critical,
-- executive escalation within 24 hours; High, schedule a QBR within 1 week;
-- Medium, proactive outreach; Low, maintain regular cadence.  Seed 004
-- account view: churn risk alert, days to renewal.)
--
-- churn_actions  one row per customer (active MRR today) with the churn
--                risk score and level (churn_risk, churn_risk_level), the
--                action for the level (account_health's, in seed 001's
--                words), its due date, the owner to act
--                (the CSM, else the account owner), the factors behind the
--                level (churn_risk_factors and customer_health_factors, JSON
--                text from the extension) and the main reason in words: the
--                health factor that lost the most points.
-- Due dates: Critical today + 1 day (24 hours), High today + 7 days;
-- Medium, choice: within 30 days (seed 003 renewal reminders come at
-- 90/60/30 days, a month is the shortest of them); Low: no due date, the
-- regular cadence.  Ordered by level, then MRR: at_risk is 1 for Critical,
-- High and Medium (those with an action beyond the cadence).

DROP VIEW IF EXISTS churn_actions;
CREATE VIEW churn_actions AS
WITH d AS (SELECT as_of FROM as_of_date),
r AS MATERIALIZED (SELECT * FROM insight_account_risk),
f(name, max_points, pos) AS (VALUES ('nps', 20, 1), ('csat', 10, 2), ('support', 20, 3), ('billing', 15, 4), ('engagement', 20, 5), ('relationship', 15, 6)),
lost AS (
  -- the health factor that lost the most points.  customer_health_factors
  -- writes each factor as '"name":{"points":N,...' (docs/accounts.md); the
  -- points are read with instr/substr because SQLite 3.40's json_extract
  -- is not innocuous and fails in a view under trusted_schema=OFF.  A tie
  -- (nps and support both down 20 points) goes to the factor with more
  -- points to lose, then to the one customer_health_factors lists first
  -- (pos): the order is total, so every engine names the same factor.
  SELECT r.account_id, f.name AS factor,
         f.max_points - CAST(substr(r.health_factors, instr(r.health_factors, '"' || f.name || '":{"points":') + length(f.name) + 13) AS INTEGER) AS lost_points,
         row_number() OVER (PARTITION BY r.account_id ORDER BY
           f.max_points - CAST(substr(r.health_factors, instr(r.health_factors, '"' || f.name || '":{"points":') + length(f.name) + 13) AS INTEGER) DESC, f.max_points DESC, f.pos) AS rn
  FROM r, f)
SELECT r.account_id, r.name AS account_name, r.segment, r.region,
       coalesce(r.csm_rep_id, r.owner_rep_id) AS owner_rep_id,
       r.mrr, 12 * r.mrr AS arr, r.renewal_date, CAST(r.days_to_renewal AS INTEGER) AS days_to_renewal,
       r.health, r.health_status, r.churn_risk, r.churn_risk_level,
       r.churn_action AS action,
       CASE r.churn_risk_level WHEN 'Critical' THEN date(d.as_of, '+1 day')
                               WHEN 'High' THEN date(d.as_of, '+7 days')
                               WHEN 'Medium' THEN date(d.as_of, '+30 days') END AS due_date,
       r.churn_risk_level IN ('Critical', 'High', 'Medium') AS at_risk,
       CASE WHEN l.lost_points > 0 THEN l.factor END AS main_factor,
       r.churn_risk_factors AS risk_factors, r.health_factors,
       CASE r.churn_risk_level WHEN 'Critical' THEN 1 WHEN 'High' THEN 2 WHEN 'Medium' THEN 3 ELSE 4 END AS level_order
FROM r CROSS JOIN d
LEFT JOIN lost AS l ON l.account_id = r.account_id AND l.rn = 1;
