-- sql/views/20_leads.sql — lead scoring and the MQL queue (seed 003
-- lead-scoring.yaml, funnel definitions "MQL: score >= 50 ... routed to SDR
-- within 5 minutes", lead-routing.yaml SLAs, Tier 3 "lead response time
-- (target: <5 min for inbound)").
--
-- Scores are lead_score(signal, occurred_at, as_of) over the lead's
-- events, grades lead_grade(score), explanations lead_score_explain(...)
-- (JSON text).  Events dated after the as-of date are ignored by the
-- functions themselves.  Each is a scalar subquery, so a query that
-- filters the leads (status, segment, ...) scores only the leads it keeps.

-- Question: what does each lead score, which grade is that, and why?
DROP VIEW IF EXISTS lead_scores;
CREATE VIEW lead_scores AS
SELECT l.lead_id, l.created_date, l.channel, l.campaign_id, l.segment, l.region, l.company, l.industry,
       l.account_id, l.owner_rep_id, l.status, l.mql_date, d.as_of,
       (SELECT lead_score(e.signal, e.occurred_at, d.as_of) FROM lead_events AS e WHERE e.lead_id = l.lead_id) AS score,
       lead_grade((SELECT lead_score(e.signal, e.occurred_at, d.as_of) FROM lead_events AS e WHERE e.lead_id = l.lead_id)) AS grade,
       (SELECT lead_score_explain(e.signal, e.occurred_at, d.as_of) FROM lead_events AS e WHERE e.lead_id = l.lead_id) AS explanation
FROM leads AS l CROSS JOIN as_of_date AS d
WHERE l.created_date <= d.as_of;

-- Question: what do the open leads score?  (seed 003 lead scoring: the
-- grades of the leads still being worked)  The leads not converted or
-- disqualified, with lead_scores' score and the dimensions a dashboard
-- filters by.  Kept (99_derived.sql): marketing.lead_grades reads every
-- open lead's score (337,480 at SCALE=20, 1.1 s computed each time).
DROP VIEW IF EXISTS lead_open_scores;
CREATE VIEW lead_open_scores AS
SELECT lead_id, created_date, segment, region, channel, status, score
FROM lead_scores
WHERE status NOT IN ('Converted', 'Disqualified');

-- The response-time target of a lead by segment, in minutes (seed 003
-- lead-routing.yaml): 5 for Enterprise and Mid-Market, 15 for SMB; a lead
-- of unknown segment gets 5 (coalesce(sla_minutes, 5) where it is joined).
DROP VIEW IF EXISTS lead_sla;
DROP VIEW IF EXISTS lead_sla_targets;
CREATE VIEW lead_sla_targets AS
SELECT 'Enterprise' AS segment, 5 AS sla_minutes
UNION ALL SELECT 'Mid-Market', 5
UNION ALL SELECT 'SMB', 15;

-- Question: which MQLs came in over the last 30 days, how hot are they,
-- were they answered within the response-time SLA, and which still wait
-- for sales to accept or reject them?  (seed 003 MQL definition, "routed
-- to SDR within 5 minutes", sales-sla.yaml "all MQLs dispositioned within
-- 48 hours")  disposition is 'Waiting' while the lead is still in status
-- MQL, else its status; overdue = waiting more than 48 hours.
DROP VIEW IF EXISTS lead_mql_queue;
CREATE VIEW lead_mql_queue AS
SELECT s.lead_id, s.company, s.segment, s.region, s.channel, s.owner_rep_id, r.name AS rep_name,
       s.mql_date, CAST(julianday(s.as_of) - julianday(s.mql_date) AS INTEGER) AS days_since_mql,
       s.score, s.grade, l.first_response_minutes, coalesce(t.sla_minutes, 5) AS sla_minutes,
       CASE WHEN l.first_response_minutes IS NULL THEN 'No response yet'
            WHEN l.first_response_minutes <= coalesce(t.sla_minutes, 5) THEN 'Met' ELSE 'Breached' END AS sla_status,
       CASE WHEN s.status = 'MQL' THEN 'Waiting' ELSE s.status END AS disposition,
       s.status = 'MQL' AND julianday(s.as_of) - julianday(s.mql_date) > 2 AS overdue
FROM lead_scores AS s
JOIN leads AS l ON l.lead_id = s.lead_id
LEFT JOIN lead_sla_targets AS t ON t.segment = s.segment
LEFT JOIN reps AS r ON r.rep_id = s.owner_rep_id
WHERE s.mql_date <= s.as_of AND s.mql_date > date(s.as_of, '-30 days');

-- Question: how fast are MQLs answered, and how often within the SLA, by
-- week, channel, segment, region and SDR?  (seed 003 response-time SLA)
-- One row per MQL (no GROUP BY: a query's filters reach the leads index
-- first); sum the counts: compliance = sum(within_sla) / sum(mqls).
DROP VIEW IF EXISTS lead_response_sla;
CREATE VIEW lead_response_sla AS
SELECT date(l.mql_date, '-6 days', 'weekday 1') AS week, l.channel, l.segment, l.region, l.owner_rep_id,
       1 AS mqls, l.first_response_minutes IS NOT NULL AS responded,
       coalesce(l.first_response_minutes <= coalesce(t.sla_minutes, 5), 0) AS within_sla,
       coalesce(l.first_response_minutes, 0) AS total_response_minutes
FROM leads AS l LEFT JOIN lead_sla_targets AS t ON t.segment = l.segment
WHERE l.mql_date <= (SELECT as_of FROM as_of_date);
