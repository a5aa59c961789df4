-- tools/drill/deal.sql — one deal's page (the drill-down of every table,
-- card and bar that names a deal: docs/report.md "Drill-down").  Format
-- and rules as tools/drill/account.sql: :opportunity_id (NULL: every
-- deal, split by the opportunity_id column), views only, every number a
-- metric of the catalogue or a record's field declared a dimension.

-- name: profile
-- question: Where does this deal stand? (seed 001 Deal Health: amount, stage, close date, health)
-- chart: kpi
-- metrics: amount=deal_amount, probability=deal_probability, health=deal_health_score, days_in_stage, days_to_close, days_since_activity, contacts_engaged, close_date_pushes
SELECT d.opportunity_id, d.name, d.account_id, d.account_name, d.stage, d.status, d.forecast_category, d.close_date,
       d.rep_name, p.opportunity_type,
       CASE WHEN p.is_won = 1 THEN 'Won' WHEN p.is_closed = 1 THEN 'Lost' ELSE 'Open' END AS state,
       d.amount, d.probability, d.health, d.days_in_stage, d.days_to_close, d.days_since_activity,
       d.contacts_engaged, d.close_date_pushes
FROM deal_health AS d JOIN pipeline_deals AS p ON p.opportunity_id = d.opportunity_id
WHERE (:opportunity_id IS NULL OR d.opportunity_id = :opportunity_id);

-- name: closed_profile
-- question: How did this closed deal end? (seed 001 Win/Loss: outcome, loss reason, cycle)
-- chart: kpi
-- metrics: amount=deal_amount
SELECT opportunity_id, name, account_id, account_name, opportunity_type, stage,
       CASE WHEN is_won = 1 THEN 'Won' ELSE 'Lost' END AS state, created_date, close_date, rep_name, loss_reason,
       competitor, amount
FROM pipeline_deals
WHERE is_closed = 1 AND (:opportunity_id IS NULL OR opportunity_id = :opportunity_id);

-- name: health_factors
-- question: What drives its health score? (seed 001 Deal Health factors)
-- chart: factors
SELECT opportunity_id, factors
FROM deal_health
WHERE (:opportunity_id IS NULL OR opportunity_id = :opportunity_id);

-- name: stage_history
-- question: How has it moved through the stages? (seed 001 Stage Velocity)
-- dimensions: amount
SELECT opportunity_id, stage, entered_date, exited_date, close_date, amount
FROM opportunity_stage_history
WHERE (:opportunity_id IS NULL OR opportunity_id = :opportunity_id)
ORDER BY opportunity_id, entered_date;

-- name: activities
-- question: What has happened on it lately? (seed 001 Activity Recency)
-- dimensions: duration_minutes
SELECT opportunity_id, occurred_at, activity_type, direction, outcome, duration_minutes
FROM (SELECT a.*, row_number() OVER (PARTITION BY opportunity_id ORDER BY occurred_at DESC) AS k
      FROM activities AS a WHERE opportunity_id IS NOT NULL)
WHERE (:opportunity_id IS NULL OR opportunity_id = :opportunity_id) AND k <= 20
ORDER BY opportunity_id, occurred_at DESC;

-- name: line_items
-- question: What does it sell? (seed 002 product portfolio)
-- dimensions: line_no, quantity, unit_price, discount, amount
SELECT l.opportunity_id, l.line_no, p.name AS product, p.category, l.quantity, l.unit_price, l.discount, l.amount
FROM opportunity_line_items AS l LEFT JOIN products AS p ON p.product_id = l.product_id
WHERE (:opportunity_id IS NULL OR l.opportunity_id = :opportunity_id)
ORDER BY l.opportunity_id, l.line_no;

-- name: actions
-- question: What is its next best action? (seed 001 Next-Best-Actions)
-- metrics: impact=action_impact, urgency=action_urgency, priority=action_priority
SELECT opportunity_id, action_type, action, reason, impact, urgency, priority
FROM next_best_actions
WHERE (:opportunity_id IS NULL OR opportunity_id = :opportunity_id)
ORDER BY opportunity_id, priority DESC;

-- name: insights
-- question: Which insight cards name it? (docs/insights.md)
-- metrics: confidence=insight_confidence
SELECT j.value AS opportunity_id, c.category, c.severity, c.confidence, c.message, c.data
FROM insight_cards AS c, json_each(c.data, '$.deal_ids') AS j
WHERE (:opportunity_id IS NULL OR j.value = :opportunity_id)
ORDER BY j.value, c.severity_order, c.confidence DESC;
