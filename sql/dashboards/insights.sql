-- sql/dashboards/insights.sql — the insight cards, next-best actions,
-- coaching, churn actions and alerts of issue 12 (docs/insights.md), as
-- dashboard queries (format: tools/dashboards.py).
--
-- Persona "insights" until the persona files exist on the same branch;
-- each query's `persona:` line names the dashboard(s) the seeds put it in,
-- for the integrator to move it there:
--   copilot_insights     ceo, cro (seed 000 AI Co-Pilot tab)
--   marketing_insights   marketing (seed 000 weekly marketing review)
--   pipeline_insights    cro, vp_sales, sales_manager (seed 000 pipeline inspection)
--   revenue_insights     finance, customer_success, board (seed 000 monthly retention debrief)
--   account_insights     account_management, service, billing (issue 12 Accounts category)
--   top_actions          sales, sales_manager (seed 001 home "Top Actions")
--   rep_coaching         sales_manager, vp_sales (seed 001 Coaching)
--   churn_actions        customer_success, account_management (seed 001 Churn Predictions)
--   open_alerts          operations, and every persona (seed 001 Alerts: "Everyone")

-- name: copilot_insights
-- question: Which insights should I skim before deep dives or leadership updates, grouped by Marketing, Pipeline and Revenue, each with a confidence bar and supporting data points? (seed 000, AI Co-Pilot)
-- persona: ceo, cro
-- chart: table
SELECT category, severity, confidence, message, data
FROM insight_cards
ORDER BY CASE category WHEN 'Marketing' THEN 1 WHEN 'Pipeline' THEN 2 WHEN 'Revenue' THEN 3 ELSE 4 END,
         severity_order, confidence DESC, card_id;

-- name: marketing_insights
-- question: What quick wins and risks do the AI marketing insights show? (seed 000, weekly marketing review: "Read AI marketing insights to capture quick wins and risks")
-- persona: marketing
-- chart: table
SELECT severity, confidence, message, data
FROM insight_cards WHERE category = 'Marketing'
  AND (:channel IS NULL OR data LIKE '%"channel":"' || :channel || '"%' OR rule NOT LIKE 'channel%')
ORDER BY severity_order, confidence DESC, card_id;

-- name: pipeline_insights
-- question: Which AI pipeline insights are talking points for the forecast call (stuck deals volume, coverage, forecast drift)? (seed 000, pipeline inspection before forecast call: "Capture AI pipeline insights for meeting talking points")
-- persona: cro, vp_sales, sales_manager
-- chart: table
SELECT severity, confidence, message, data
FROM insight_cards WHERE category = 'Pipeline'
ORDER BY severity_order, confidence DESC, card_id;

-- name: revenue_insights
-- question: Which AI revenue insights (rising churn, churn reasons by segment, NRR and GRR bands, concentration) should be paired with save and expansion plays? (seed 000, monthly retention debrief: "Pair AI revenue insights with actionable initiatives")
-- persona: finance, customer_success, board
-- chart: table
SELECT severity, confidence, message, data
FROM insight_cards WHERE category = 'Revenue'
  AND (:segment IS NULL OR rule <> 'churn_reason_growing' OR card_id = 'churn_reason_growing:' || :segment)
ORDER BY severity_order, confidence DESC, card_id;

-- name: account_insights
-- question: Which accounts insights need attention: renewals at risk, revenue at risk from end-of-life products, SLA breaches and overdue receivables growing? (issue 12, Accounts category; seed 002 revenue at risk, seed 004 renewals, SLA and billing)
-- persona: account_management, service, billing
-- chart: table
SELECT severity, confidence, message, data
FROM insight_cards WHERE category = 'Accounts'
ORDER BY severity_order, confidence DESC, card_id;

-- name: top_actions
-- question: What are the top AI-recommended next steps, prioritised by impact, urgency and probability? (seed 001, Home "Top Actions" and Next-Best-Actions)
-- persona: sales, sales_manager
-- chart: table
SELECT n.priority_rank, n.opportunity_id, n.deal_name, n.owner_rep_id, n.stage, n.action_type, n.action, n.reason,
       n.impact, n.urgency, n.probability, n.priority
FROM next_best_actions AS n JOIN accounts AS a ON a.account_id = n.account_id
WHERE (:segment IS NULL OR a.segment = :segment) AND (:region IS NULL OR a.region = :region)
ORDER BY n.priority_rank
LIMIT 25;

-- name: rep_coaching
-- question: What does each rep do well, where can they improve, and what should they do? (seed 001, Coaching Insights: strengths, opportunities, recommendations)
-- persona: sales_manager, vp_sales
-- chart: table
SELECT rep_id, rep_name, role, strength_count, opportunity_count, strengths, opportunities, recommendations
FROM rep_coaching
ORDER BY role, opportunity_count DESC, rep_id;

-- name: churn_actions
-- question: Which customers are at risk of churning, and what action does each risk level require? (seed 001, Churn Predictions: Critical executive escalation within 24 hours, High QBR within 1 week, Medium proactive outreach)
-- persona: customer_success, account_management
-- chart: table
SELECT churn_risk_level, action, due_date, account_id, account_name, segment, region, owner_rep_id, mrr,
       days_to_renewal, churn_risk, health, main_factor, risk_factors
FROM churn_actions
WHERE at_risk = 1 AND (:segment IS NULL OR segment = :segment) AND (:region IS NULL OR region = :region)
ORDER BY level_order, mrr DESC, account_id
LIMIT 50;

-- name: open_alerts
-- question: Which active issues require attention (build failure, stale pipeline, data quality, sync delay, forecast miss)? (seed 001, Alerts: "Active issues requiring attention", used by everyone)
-- persona: operations
-- chart: table
SELECT severity, alert_type, alert_key, status, message, row_count
FROM alerts
ORDER BY status <> 'open', severity_order, alert_key;
