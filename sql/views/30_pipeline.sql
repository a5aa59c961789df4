-- sql/views/30_pipeline.sql — the pipeline (seed 000 Pipeline tab, seed 001
-- Pipeline Health / Hygiene / Forecast, seed 003 Phase 4).
--
-- Every view here starts from pipeline_deals, one row per opportunity with
-- its dimensions (segment, region, channel, rep, account) and the values
-- computed once: probability (stage_probability with the stages table's
-- override and the deal's own), forecast category, ages against the as-of
-- date.  Opportunities without an account (account_id NULL) keep NULL
-- segment, region and account name (LEFT JOIN); without a created date
-- their age and cycle are NULL and they are left out of "created" counts.
-- "Today" is (SELECT as_of FROM as_of_date) (00_as_of.sql).
--
-- Impossible durations are data-quality findings, not figures (issue 22):
-- a deal closed before it was created (migrated CRM data carries the load
-- date as its created date, after the historical close) has date_issue
-- 'Closed before created' and a NULL cycle_days, so no average cycle and
-- no sales_velocity() is fed a negative one; a stage left before it was
-- entered has a NULL duration in pipeline_stage_durations.  Both are
-- listed and counted by data_quality_issues (78_data_quality.sql).  Ages
-- counted from a date after the as-of date (an as-of set before the
-- deal's creation or stage entry) are NULL, not negative.

-- Question: which deals are there, with their dimensions and the numbers
-- every pipeline metric starts from?  (seed 003 Phase 2 Opportunity)
DROP VIEW IF EXISTS pipeline_deals;
CREATE VIEW pipeline_deals AS
SELECT o.opportunity_id, o.name, o.account_id, a.name AS account_name,
       a.segment, a.region, o.channel, o.campaign_id,
       o.owner_rep_id, r.name AS rep_name, o.opportunity_type,
       o.stage, s.stage_order, s.is_closed, s.is_won,
       o.amount, o.original_amount,
       stage_probability(o.stage, coalesce(o.probability, s.probability)) AS probability,
       coalesce(o.forecast_category, s.forecast_category) AS forecast_category,
       o.created_date, o.close_date, o.original_close_date, o.stage_entered_date,
       o.next_step, o.loss_reason, o.competitor, s.expected_days,
       d.as_of,
       CASE WHEN s.is_closed = 0 AND o.stage_entered_date <= d.as_of
            THEN julianday(d.as_of) - julianday(o.stage_entered_date) END AS days_in_stage,
       CASE WHEN s.is_closed = 0 AND o.created_date <= d.as_of THEN julianday(d.as_of) - julianday(o.created_date) END AS age_days,
       julianday(o.close_date) - julianday(d.as_of) AS days_to_close,
       CASE WHEN s.is_closed = 1 AND o.close_date >= o.created_date
            THEN julianday(o.close_date) - julianday(o.created_date) END AS cycle_days,
       CASE WHEN s.is_closed = 1 AND o.close_date < o.created_date THEN 'Closed before created' END AS date_issue
FROM opportunities AS o
JOIN stages AS s ON s.stage = o.stage
LEFT JOIN accounts AS a ON a.account_id = o.account_id
LEFT JOIN reps AS r ON r.rep_id = o.owner_rep_id
CROSS JOIN as_of_date AS d;

-- Question: what is the open pipeline, weighted and aged, what does a deal
-- average, what do we win and how fast does money move?  (seed 000 Pipeline
-- KPI cards; seed 003 deal velocity formula and coverage model ageing)
-- Win rate, average deal and cycle are over deals closed in the 12 months
-- before the as-of date; velocity is seed 003's
-- sales_velocity(open deals, win rate, average won deal, cycle days).
DROP VIEW IF EXISTS pipeline_summary;
CREATE VIEW pipeline_summary AS
WITH open AS (
  SELECT count(*) AS open_deals, round(total(amount), 2) AS total_pipeline,
         weighted_pipeline(amount, probability) AS weighted_pipeline,
         weighted_pipeline(amount, probability, close_date, as_of) AS weighted_pipeline_aged,
         avg(amount) AS avg_open_deal, avg(days_in_stage) AS avg_days_in_stage
  FROM pipeline_deals WHERE is_closed = 0),
closed AS (
  SELECT win_rate(is_won) AS win_rate, avg(CASE WHEN is_won = 1 THEN amount END) AS avg_won_deal,
         avg(CASE WHEN is_won = 1 THEN cycle_days END) AS avg_cycle_days,
         sum(is_won) AS won_deals, round(total(CASE WHEN is_won = 1 THEN amount END), 2) AS won_amount
  FROM pipeline_deals
  WHERE is_closed = 1 AND close_date > (SELECT trailing_12m_after FROM as_of_calendar) AND close_date <= as_of)
SELECT (SELECT as_of FROM as_of_date) AS as_of, open.*, closed.*,
       sales_velocity(open.open_deals, closed.win_rate, closed.avg_won_deal, closed.avg_cycle_days) AS velocity_per_day,
       open.weighted_pipeline / open.avg_days_in_stage AS weighted_per_day_in_stage
FROM open, closed;

-- Question: where is the money in the funnel?  (seed 000 Stage
-- Distribution; seed 003 "deals in negotiation stage" share)
DROP VIEW IF EXISTS pipeline_stage_distribution;
CREATE VIEW pipeline_stage_distribution AS
SELECT s.stage, s.stage_order, s.forecast_category, d.segment, d.region,
       count(d.opportunity_id) AS deals, total(d.amount) AS amount,
       weighted_pipeline(d.amount, d.probability) AS weighted,
       avg(d.days_in_stage) AS avg_days_in_stage, s.expected_days
FROM stages AS s JOIN pipeline_deals AS d ON d.stage = s.stage
WHERE s.is_closed = 0
GROUP BY s.stage, d.segment, d.region;

-- Question: of the deals that entered a stage, how many moved on to a
-- later stage, how many were lost from it, how many are still in it?
-- (seed 003 Tier 3 "stage-to-stage conversion by segment, rep, source")
-- From opportunity_stage_history; a deal that skipped stages counts as
-- advanced from the stages it did enter.  Rate = advanced ÷ (advanced +
-- lost): deals still in the stage have not converted either way yet.
DROP VIEW IF EXISTS pipeline_stage_conversion;
CREATE VIEW pipeline_stage_conversion AS
WITH h AS MATERIALIZED (
  SELECT h.opportunity_id, h.stage, s.stage_order,
         (SELECT min(s2.stage_order) FROM opportunity_stage_history AS h2 JOIN stages AS s2 ON s2.stage = h2.stage
          WHERE h2.opportunity_id = h.opportunity_id AND h2.entered_date >= h.entered_date
            AND s2.stage_order > s.stage_order AND s2.is_won + (1 - s2.is_closed) > 0) AS next_order,
         EXISTS (SELECT 1 FROM opportunity_stage_history AS h3 JOIN stages AS s3 ON s3.stage = h3.stage
                 WHERE h3.opportunity_id = h.opportunity_id AND s3.is_closed = 1 AND s3.is_won = 0) AS lost
  FROM opportunity_stage_history AS h JOIN stages AS s ON s.stage = h.stage
  WHERE s.is_closed = 0)
SELECT h.stage, h.stage_order, d.segment, d.region, d.channel, d.owner_rep_id,
       count(*) AS entered,
       sum(h.next_order IS NOT NULL) AS advanced,
       sum(h.next_order IS NULL AND h.lost) AS lost,
       sum(h.next_order IS NULL AND NOT h.lost) AS still_open,
       CAST(sum(h.next_order IS NOT NULL) AS REAL) / nullif(sum(h.next_order IS NOT NULL) + sum(h.next_order IS NULL AND h.lost), 0) AS conversion_rate
FROM h JOIN pipeline_deals AS d ON d.opportunity_id = h.opportunity_id
GROUP BY h.stage, d.segment, d.region, d.channel, d.owner_rep_id;

-- Question: which open deals are stuck: more than 45 days in their stage
-- and worth more than 50,000?  (seed 000 Stuck Deals)
DROP VIEW IF EXISTS pipeline_stuck_deals;
CREATE VIEW pipeline_stuck_deals AS
SELECT opportunity_id, name, account_id, account_name, segment, region, channel,
       owner_rep_id, rep_name, stage, amount, probability, close_date,
       CAST(days_in_stage AS INTEGER) AS days_in_stage, expected_days
FROM pipeline_deals
WHERE is_closed = 0 AND days_in_stage > 45 AND amount > 50000;

-- Question: how long did deals wait in each stage they left, against the
-- stage's expected days?  (seed 004 Operations "process delays in
-- onboarding/delivery"; seed 003 Stage History "stage entry dates for
-- velocity")  One row per stage a deal entered and left
-- (opportunity_stage_history with an exited date), with the deal's
-- dimensions.  days is NULL, and date_issue says why, when the stage was
-- left before it was entered; over_expected is days > the stage's
-- expected days (NULL when either is unknown).
DROP VIEW IF EXISTS pipeline_stage_durations;
CREATE VIEW pipeline_stage_durations AS
SELECT h.opportunity_id, h.stage, s.stage_order, s.is_closed AS is_closed_stage, s.expected_days,
       h.entered_date, h.exited_date,
       CASE WHEN h.exited_date >= h.entered_date THEN julianday(h.exited_date) - julianday(h.entered_date) END AS days,
       CASE WHEN h.exited_date >= h.entered_date THEN julianday(h.exited_date) - julianday(h.entered_date) > s.expected_days END AS over_expected,
       CASE WHEN h.exited_date < h.entered_date THEN 'Left its stage before entering it' END AS date_issue,
       d.account_id, d.segment, d.region, d.channel, d.owner_rep_id
FROM opportunity_stage_history AS h
JOIN stages AS s ON s.stage = h.stage
JOIN pipeline_deals AS d ON d.opportunity_id = h.opportunity_id
WHERE h.exited_date IS NOT NULL;

-- Question: what is the forecast by category?  (seed 001 Forecast
-- Categories; seed 003 forecast categories, revops-dashboard.yaml
-- forecast block)  Open deals by their category and the quarter they are
-- expected to close in, plus deals won (category 'Closed').
DROP VIEW IF EXISTS pipeline_forecast_category;
CREATE VIEW pipeline_forecast_category AS
SELECT forecast_category, segment, region, owner_rep_id,
       substr(close_date, 1, 4) || '-Q' || ((CAST(substr(close_date, 6, 2) AS INTEGER) + 2) / 3) AS close_quarter,
       count(*) AS deals, round(total(amount), 2) AS amount,
       weighted_pipeline(amount, probability) AS weighted
FROM pipeline_deals
WHERE is_closed = 0 OR is_won = 1
GROUP BY forecast_category, segment, region, owner_rep_id, close_quarter;

-- Question: what changed in the forecast since last week: which deals went
-- up (new, advanced, pulled in, increased, won) and which went down
-- (pushed, reduced, moved back, lost)?  (seed 001 Weekly Forecast Review;
-- seed 003 weekly pipeline review "change from last week", deals pushed)
-- One row per deal and weekly snapshot that changed, compared with the
-- snapshot seven days before.  A deal can change several ways in a week;
-- change is the first of: Won, Lost, New, Advanced, Moved back, Pushed,
-- Pulled in, Increased, Reduced.  The amounts and probabilities before
-- and after are columns, so weighted_pipeline() gives the net movement.
-- Question: which segment, region and channel is each deal's?  The
-- account's segment and region, the deal's own channel.  Kept
-- (sql/views/99_derived.sql) for pipeline_weekly_changes: a change to the
-- deals that leaves these as they were (an amount, a stage) refills this
-- small table, finds the same rows and leaves the weekly changes alone
-- (249,000 rows at SCALE=20, 4 s to rewrite).
DROP VIEW IF EXISTS opportunity_dimensions;
CREATE VIEW opportunity_dimensions AS
SELECT o.opportunity_id, ac.segment, ac.region, o.channel
FROM opportunities AS o LEFT JOIN accounts AS ac ON ac.account_id = o.account_id;

DROP VIEW IF EXISTS pipeline_weekly_changes;
CREATE VIEW pipeline_weekly_changes AS
WITH od AS MATERIALIZED (SELECT opportunity_id, segment, region, channel FROM opportunity_dimensions),
c AS (
  SELECT s.snapshot_date AS week, s.opportunity_id, s.owner_rep_id, s.stage, p.stage AS previous_stage,
         s.amount, p.amount AS previous_amount,
         stage_probability(s.stage, coalesce(s.probability, st.probability)) AS probability,
         stage_probability(p.stage, coalesce(p.probability, pt.probability)) AS previous_probability,
         s.close_date, p.close_date AS previous_close_date,
         CASE
           WHEN st.is_won = 1 AND coalesce(pt.is_won, 0) = 0 THEN 'Won'
           WHEN st.is_closed = 1 AND st.is_won = 0 AND coalesce(pt.is_closed, 0) = 0 THEN 'Lost'
           WHEN p.opportunity_id IS NULL THEN 'New'
           WHEN st.stage_order > pt.stage_order THEN 'Advanced'
           WHEN st.stage_order < pt.stage_order THEN 'Moved back'
           WHEN s.close_date > p.close_date THEN 'Pushed'
           WHEN s.close_date < p.close_date THEN 'Pulled in'
           WHEN s.amount > p.amount THEN 'Increased'
           WHEN s.amount < p.amount THEN 'Reduced'
         END AS change
  FROM opportunity_snapshots AS s
  JOIN stages AS st ON st.stage = s.stage
  LEFT JOIN opportunity_snapshots AS p
    ON p.snapshot_date = date(s.snapshot_date, '-7 days') AND p.opportunity_id = s.opportunity_id
  LEFT JOIN stages AS pt ON pt.stage = p.stage)
SELECT c.week, c.opportunity_id, od.segment, od.region, od.channel,
       c.owner_rep_id, c.change,
       CASE WHEN c.change IN ('Won', 'New', 'Advanced', 'Pulled in', 'Increased') THEN 'up' ELSE 'down' END AS direction,
       c.previous_stage, c.stage, c.previous_amount, c.amount, c.previous_probability, c.probability,
       c.previous_close_date, c.close_date
FROM c LEFT JOIN od ON od.opportunity_id = c.opportunity_id
WHERE c.change IS NOT NULL;

-- Question: how much new pipeline was created each month, against the
-- target of 1.5x the month's new-ARR quota?  (seed 003 Healthy Pipeline
-- Ratios: new pipeline created/month 1x quota minimum, 1.5x healthy, 2x
-- optimal; Tier 2 "Pipeline created ($ and #)")  One row per month and
-- segment: the quota of a month is a third of the new_arr quotas of the
-- segment's AEs for the quarter holding it; multiple = amount / quota and
-- band is the benchmarks row (new_pipeline_per_month) it falls in.
DROP VIEW IF EXISTS pipeline_created_monthly;
CREATE VIEW pipeline_created_monthly AS
WITH created AS (
  SELECT substr(created_date, 1, 7) AS month, segment, count(*) AS deals, round(total(amount), 2) AS amount
  FROM pipeline_deals WHERE created_date IS NOT NULL
  GROUP BY month, segment),
quota AS (
  SELECT c.month, c.segment, total(q.amount) / 3.0 AS new_arr_quota
  FROM created AS c
  JOIN reps AS r ON r.segment = c.segment
  JOIN quotas AS q ON q.rep_id = r.rep_id AND q.quota_type = 'new_arr'
   AND q.period_start <= c.month || '-01' AND q.period_end > c.month || '-01'
  GROUP BY c.month, c.segment)
SELECT c.month, c.segment, c.deals, c.amount, q.new_arr_quota,
       1.5 * q.new_arr_quota AS target, c.amount / q.new_arr_quota AS multiple,
       (SELECT b.band FROM benchmarks AS b WHERE b.metric = 'new_pipeline_per_month'
          AND c.amount / q.new_arr_quota >= coalesce(b.min_value, -1e308)
        ORDER BY b.band_order DESC LIMIT 1) AS band
FROM created AS c LEFT JOIN quota AS q ON q.month = c.month AND q.segment IS c.segment;
