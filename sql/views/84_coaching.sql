-- sql/views/84_coaching.sql — seed 001's coaching insights, per rep.
--
-- Question: what does each rep do well, where can they improve, and what
-- should they do about it?  (Seed 001 "Coaching & Performance": strengths,
-- opportunities, recommendations; performance drivers activity volume,
-- meeting frequency, response time, multi-threading; key metrics win rate,
-- cycle time, quota attainment.)
--
-- rep_coaching_metrics  one row per (rep, metric): the rep's value, the
--                       median of the reps of the same role, which way is
--                       better, the relative difference and the verdict
--                       ('strength', 'opportunity', 'on par', or NULL when
--                       the rep or the team has no value).
-- rep_coaching          one row per active AE or SDR: the seven metrics as
--                       columns, and the strengths, opportunities and
--                       recommendations as text, '; '-separated.
-- Windows: the trailing window_days (365) to today, except attainment,
-- which is closed-won new business over the new-ARR quota of the quota
-- periods that started in the window and have ended.  A metric is a
-- strength when it is at least min_gap (20%) better than the team median
-- and an opportunity when at least 20% worse (docs/insights.md).

-- The activities of the window, per rep and per deal: kept tables of
-- their own (sql/views/99_derived.sql), as they read only the activities
-- and the window, so a change to the deals, leads or quotas refills
-- rep_coaching_metrics without counting 590,000 activities again (4.4 s
-- of its 6.4 s refill at SCALE=20).
--   coaching_window        the window: as_of and since (window_days before)
--   coaching_rep_activity  per rep: activities, deals touched, meetings and
--                          demos on a deal
--   coaching_deal_contacts per deal with an activity: the distinct contacts
DROP VIEW IF EXISTS coaching_window;
CREATE VIEW coaching_window AS
SELECT as_of, date(as_of, '-' || (SELECT CAST(value AS INTEGER) FROM insight_thresholds WHERE key = 'window_days') || ' days') AS since
FROM as_of_date;

DROP VIEW IF EXISTS coaching_rep_activity;
CREATE VIEW coaching_rep_activity AS
SELECT a.rep_id, count(*) AS activities,
       count(DISTINCT a.opportunity_id) AS deals_touched,
       sum(a.opportunity_id IS NOT NULL AND a.activity_type IN ('Meeting', 'Demo')) AS deal_meetings
FROM activities AS a, coaching_window AS d WHERE a.occurred_at >= d.since AND a.occurred_at < d.as_of
GROUP BY a.rep_id;

DROP VIEW IF EXISTS coaching_deal_contacts;
CREATE VIEW coaching_deal_contacts AS
SELECT a.opportunity_id, count(DISTINCT a.contact_id) AS contacts
FROM activities AS a, coaching_window AS d
WHERE a.opportunity_id IS NOT NULL AND a.occurred_at >= d.since AND a.occurred_at < d.as_of
GROUP BY a.opportunity_id;

DROP VIEW IF EXISTS rep_coaching_metrics;
CREATE VIEW rep_coaching_metrics AS
WITH d AS (SELECT as_of, since FROM coaching_window),
r AS MATERIALIZED (
  SELECT r.rep_id, r.name, r.role FROM reps AS r, d
  WHERE r.role IN ('AE', 'SDR') AND (r.end_date IS NULL OR r.end_date > d.as_of)),
act AS MATERIALIZED (SELECT rep_id, activities, deals_touched, deal_meetings FROM coaching_rep_activity),
-- the kept deal counts first, each deal looked up once (CROSS JOIN keeps
-- that order: the cache is never the inner loop)
dc AS MATERIALIZED (SELECT opportunity_id, contacts FROM coaching_deal_contacts),
contacts AS (
  SELECT o.owner_rep_id AS rep_id, avg(c.contacts) AS contacts_per_deal
  FROM dc AS c CROSS JOIN opportunities AS o ON o.opportunity_id = c.opportunity_id
  GROUP BY o.owner_rep_id),
resp AS (
  SELECT l.owner_rep_id AS rep_id, avg(l.first_response_minutes) AS response_minutes
  FROM leads AS l, d WHERE l.created_date >= d.since AND l.created_date < d.as_of AND l.first_response_minutes IS NOT NULL
  GROUP BY l.owner_rep_id),
closed AS MATERIALIZED (
  -- pipeline_deals' cycle: NULL for a deal closed before it was created
  SELECT o.owner_rep_id AS rep_id, win_rate(o.is_won) AS win_rate, count(*) AS closed_deals,
         avg(CASE WHEN o.is_won = 1 THEN o.cycle_days END) AS cycle_days
  FROM pipeline_deals AS o, d
  WHERE o.is_closed = 1 AND o.close_date >= d.since AND o.close_date < d.as_of
  GROUP BY o.owner_rep_id),
att AS (
  SELECT q.rep_id,
         total((SELECT total(o.amount) FROM opportunities AS o JOIN stages AS s ON s.stage = o.stage AND s.is_won = 1
                WHERE o.owner_rep_id = q.rep_id AND o.opportunity_type = 'New Business'
                  AND o.close_date >= q.period_start AND o.close_date < q.period_end)) / sum(q.amount) AS attainment
  FROM quotas AS q, d
  WHERE q.quota_type = 'new_arr' AND q.period_start >= d.since AND q.period_end <= d.as_of
  GROUP BY q.rep_id HAVING sum(q.amount) > 0),
m(rep_id, name, role, metric, metric_order, value, better) AS (
  SELECT r.rep_id, r.name, r.role, 'activity_volume', 1, coalesce(a.activities, 0), 'higher' FROM r LEFT JOIN act AS a ON a.rep_id = r.rep_id
  UNION ALL
  SELECT r.rep_id, r.name, r.role, 'meetings_per_deal', 2, 1.0 * a.deal_meetings / nullif(a.deals_touched, 0), 'higher'
  FROM r LEFT JOIN act AS a ON a.rep_id = r.rep_id WHERE r.role = 'AE'
  UNION ALL
  SELECT r.rep_id, r.name, r.role, 'response_minutes', 3, x.response_minutes, 'lower' FROM r LEFT JOIN resp AS x ON x.rep_id = r.rep_id
  UNION ALL
  SELECT r.rep_id, r.name, r.role, 'contacts_per_deal', 4, x.contacts_per_deal, 'higher'
  FROM r LEFT JOIN contacts AS x ON x.rep_id = r.rep_id WHERE r.role = 'AE'
  UNION ALL
  SELECT r.rep_id, r.name, r.role, 'win_rate', 5, x.win_rate, 'higher' FROM r LEFT JOIN closed AS x ON x.rep_id = r.rep_id WHERE r.role = 'AE'
  UNION ALL
  SELECT r.rep_id, r.name, r.role, 'cycle_days', 6, x.cycle_days, 'lower' FROM r LEFT JOIN closed AS x ON x.rep_id = r.rep_id WHERE r.role = 'AE'
  UNION ALL
  SELECT r.rep_id, r.name, r.role, 'attainment', 7, x.attainment, 'higher' FROM r LEFT JOIN att AS x ON x.rep_id = r.rep_id WHERE r.role = 'AE'),
ranked AS (
  SELECT m.*, row_number() OVER (PARTITION BY role, metric ORDER BY value) AS rn,
         count(value) OVER (PARTITION BY role, metric) AS cnt
  FROM m WHERE value IS NOT NULL),
med AS (
  SELECT role, metric, avg(value) AS team_median, max(cnt) AS team_reps FROM ranked
  WHERE rn IN ((cnt + 1) / 2, (cnt + 2) / 2) GROUP BY role, metric),
g AS (SELECT value AS min_gap FROM insight_thresholds WHERE key = 'min_gap'),
v AS (
  SELECT m.*, med.team_median, med.team_reps,
         CASE WHEN m.value IS NOT NULL AND med.team_median > 0
              THEN (m.value - med.team_median) / med.team_median * CASE m.better WHEN 'higher' THEN 1 ELSE -1 END END AS relative
  FROM m LEFT JOIN med ON med.role = m.role AND med.metric = m.metric)
SELECT v.rep_id, v.name AS rep_name, v.role, v.metric, v.metric_order, v.value, v.team_median, v.team_reps, v.better,
       round(v.relative, 4) AS relative,
       CASE WHEN v.relative IS NULL OR v.team_reps < 2 THEN NULL
            WHEN v.relative >= g.min_gap THEN 'strength'
            WHEN v.relative <= -g.min_gap THEN 'opportunity' ELSE 'on par' END AS verdict,
       CASE v.metric
         WHEN 'activity_volume' THEN printf('activity volume %,d (team median %,d)', CAST(v.value AS INTEGER), CAST(v.team_median AS INTEGER))
         WHEN 'meetings_per_deal' THEN printf('%.1f meetings per deal (team median %.1f)', v.value, v.team_median)
         WHEN 'response_minutes' THEN printf('lead response %.0f minutes (team median %.0f)', v.value, v.team_median)
         WHEN 'contacts_per_deal' THEN printf('%.1f contacts per deal (team median %.1f)', v.value, v.team_median)
         WHEN 'win_rate' THEN printf('win rate %.0f%% (team median %.0f%%)', 100 * v.value, 100 * v.team_median)
         WHEN 'cycle_days' THEN printf('cycle time %.0f days (team median %.0f)', v.value, v.team_median)
         WHEN 'attainment' THEN printf('attainment %.0f%% (team median %.0f%%)', 100 * v.value, 100 * v.team_median) END AS statement,
       CASE v.metric
         WHEN 'activity_volume' THEN 'Raise activity: seed 003 targets 8-12 calls and 15-20 emails a day for AEs, 40-60 calls for SDRs.'
         WHEN 'meetings_per_deal' THEN 'Book more customer meetings per deal: seed 003 targets 10-15 meetings and 5-8 demos a week.'
         WHEN 'response_minutes' THEN 'Answer inbound leads faster: seed 003''s SLA is 5 minutes for inbound MQLs.'
         WHEN 'contacts_per_deal' THEN 'Multi-thread: engage 3+ contacts per deal (2.3x higher win rate, seed 003).'
         WHEN 'win_rate' THEN 'Tighten qualification and review loss reasons: seed 003 win-rate target is above 25%.'
         WHEN 'cycle_days' THEN 'Shorten cycles: agree next steps and dates with the champion; review stuck deals.'
         WHEN 'attainment' THEN 'Close the gap to quota: build pipeline to 3x the remaining quota and work the Commit deals first.' END AS recommendation
FROM v, g;

DROP VIEW IF EXISTS rep_coaching;
CREATE VIEW rep_coaching AS
SELECT rep_id, rep_name, role,
       max(CASE metric WHEN 'activity_volume' THEN value END) AS activity_volume,
       max(CASE metric WHEN 'meetings_per_deal' THEN value END) AS meetings_per_deal,
       max(CASE metric WHEN 'response_minutes' THEN value END) AS response_minutes,
       max(CASE metric WHEN 'contacts_per_deal' THEN value END) AS contacts_per_deal,
       max(CASE metric WHEN 'win_rate' THEN value END) AS win_rate,
       max(CASE metric WHEN 'cycle_days' THEN value END) AS cycle_days,
       max(CASE metric WHEN 'attainment' THEN value END) AS attainment,
       sum(verdict = 'strength') AS strength_count,
       sum(verdict = 'opportunity') AS opportunity_count,
       group_concat(CASE WHEN verdict = 'strength' THEN statement END, '; ') AS strengths,
       group_concat(CASE WHEN verdict = 'opportunity' THEN statement END, '; ') AS opportunities,
       group_concat(CASE WHEN verdict = 'opportunity' THEN recommendation END, ' ') AS recommendations
FROM (SELECT * FROM rep_coaching_metrics ORDER BY rep_id, metric_order)
GROUP BY rep_id, rep_name, role;
