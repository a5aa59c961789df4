-- sql/views/10_marketing.sql — demand generation (seed 000 Marketing tab:
-- spend, leads, MQLs, SQLs, CAC, ROI by channel, segment, region and week,
-- funnel breakdown; seed 003 funnel definitions, conversion benchmarks and
-- attribution models).
--
-- Counts are by the date each thing happened: spend by spend date, leads
-- by creation, MQLs by MQL date, SQLs by SQL date, opportunities by
-- creation and won deals by close date, so a week's row says what happened
-- that week; nothing dated after the as-of date counts.  Opportunities count when they carry a channel (lead-sourced
-- deals); their segment and region are the account's.  CAC = cac(spend,
-- won deals) and ROI = roi(won amount, spend), seed 000's definitions.

-- Question: every marketing fact — a day's spend, a lead created, an MQL,
-- an SQL, a sourced opportunity created, a sourced deal won — with its
-- week, channel, segment and region and its measures (0 where not that
-- kind of fact).  (seed 000 Marketing: the shared filters' grain)  No
-- GROUP BY, so a query's WHERE on week, channel, segment or region reaches
-- each table's rows before anything is summed; sum the measures.
-- Empty is not zero (issue 22): with no spend loaded at all (a CRM-only
-- export) spend is NULL on every row, and with no opportunity loaded (a
-- spend-only or marketing-only export) won_amount is: sum() of them is
-- NULL, so CAC and ROI are NULL ("no revenue loaded"), not -100 %; a
-- channel that spent and won nothing while deals are loaded is -100 %.
-- marketing_facts is its two halves, so that the weekly sums of the half
-- that reads no deal can be kept apart (marketing_weekly below).
DROP VIEW IF EXISTS marketing_lead_facts;
CREATE VIEW marketing_lead_facts AS
SELECT date(spend_date, '-6 days', 'weekday 1') AS week, spend_date AS day, channel, segment, region,
       amount AS spend, 0 AS leads, 0 AS mqls, 0 AS sqls
FROM marketing_spend WHERE spend_date <= (SELECT as_of FROM as_of_date)
UNION ALL
SELECT date(created_date, '-6 days', 'weekday 1'), created_date, channel, segment, region, (SELECT 0.0 FROM marketing_spend LIMIT 1), 1, 0, 0
FROM leads WHERE created_date <= (SELECT as_of FROM as_of_date)
UNION ALL
SELECT date(mql_date, '-6 days', 'weekday 1'), mql_date, channel, segment, region, (SELECT 0.0 FROM marketing_spend LIMIT 1), 0, 1, 0
FROM leads WHERE mql_date <= (SELECT as_of FROM as_of_date)
UNION ALL
SELECT date(sql_date, '-6 days', 'weekday 1'), sql_date, channel, segment, region, (SELECT 0.0 FROM marketing_spend LIMIT 1), 0, 0, 1
FROM leads WHERE sql_date <= (SELECT as_of FROM as_of_date);

DROP VIEW IF EXISTS marketing_deal_facts;
CREATE VIEW marketing_deal_facts AS
SELECT date(created_date, '-6 days', 'weekday 1') AS week, created_date AS day, channel, segment, region,
       (SELECT 0.0 FROM marketing_spend LIMIT 1) AS spend, 1 AS opportunities, 0 AS won_deals,
       (SELECT 0.0 FROM opportunities LIMIT 1) AS won_amount
FROM pipeline_deals WHERE channel IS NOT NULL AND created_date <= (SELECT as_of FROM as_of_date)
UNION ALL
SELECT date(close_date, '-6 days', 'weekday 1'), close_date, channel, segment, region, (SELECT 0.0 FROM marketing_spend LIMIT 1), 0, 1, coalesce(amount, 0)
FROM pipeline_deals WHERE channel IS NOT NULL AND is_won = 1 AND close_date <= (SELECT as_of FROM as_of_date);

DROP VIEW IF EXISTS marketing_facts;
CREATE VIEW marketing_facts AS
SELECT week, day, channel, segment, region, spend, leads, mqls, sqls, 0 AS opportunities, 0 AS won_deals,
       (SELECT 0.0 FROM opportunities LIMIT 1) AS won_amount
FROM marketing_lead_facts
UNION ALL
SELECT week, day, channel, segment, region, spend, 0, 0, 0, opportunities, won_deals, won_amount
FROM marketing_deal_facts;

-- The weekly sums of the spend and lead facts (kept: they read no deal).
DROP VIEW IF EXISTS marketing_weekly_leads;
CREATE VIEW marketing_weekly_leads AS
SELECT week, channel, segment, region, sum(spend) AS spend, sum(leads) AS leads, sum(mqls) AS mqls, sum(sqls) AS sqls
FROM marketing_lead_facts
GROUP BY week, channel, segment, region;

-- Question: what did each channel spend and produce, week by week, by
-- segment and region?  (seed 000 Weekly Performance Trends, Channel table)
-- Kept, and read by the marketing dashboard's panels in place of the
-- facts, so empty stays empty: sum(), not total(), leaves spend NULL with
-- no spend loaded and won_amount NULL with no opportunity loaded, as
-- marketing_facts' own sums do.  marketing_facts grouped by week, made of
-- the kept weekly sums of its lead half and the deal half's rows: in each
-- group spend comes only from the first (the deal rows add 0.0 or NULL)
-- and won_amount only from the second, so every sum is the one over the
-- facts, and a change to the deals recomputes only the deal rows (1.0 ->
-- 0.2 s at SCALE=20).
DROP VIEW IF EXISTS marketing_weekly;
CREATE VIEW marketing_weekly AS
SELECT week, channel, segment, region,
       sum(spend) AS spend, sum(leads) AS leads, sum(mqls) AS mqls, sum(sqls) AS sqls,
       sum(opportunities) AS opportunities, sum(won_deals) AS won_deals, sum(won_amount) AS won_amount
FROM (SELECT week, channel, segment, region, spend, leads, mqls, sqls, 0 AS opportunities, 0 AS won_deals,
             (SELECT 0.0 FROM opportunities LIMIT 1) AS won_amount
      FROM marketing_weekly_leads
      UNION ALL
      SELECT week, channel, segment, region, spend, 0, 0, 0, opportunities, won_deals, won_amount
      FROM marketing_deal_facts)
GROUP BY week, channel, segment, region;

-- Question: which channels deserve more or less budget: spend, funnel
-- counts, conversion, CAC and ROI per channel, all time?  (seed 000
-- Channel Spend vs ROI, Channel table)
DROP VIEW IF EXISTS marketing_channel;
CREATE VIEW marketing_channel AS
SELECT channel, round(sum(spend), 2) AS spend, sum(leads) AS leads, sum(mqls) AS mqls, sum(sqls) AS sqls,
       sum(opportunities) AS opportunities, sum(won_deals) AS won_deals, round(sum(won_amount), 2) AS won_amount,
       CAST(sum(won_deals) AS REAL) / nullif(sum(leads), 0) AS lead_to_won_rate,
       cac(sum(spend), sum(won_deals)) AS cac, roi(sum(won_amount), sum(spend)) AS roi
FROM marketing_facts
GROUP BY channel;

-- Question: how many leads of each cohort reached each funnel stage?
-- (seed 003 Universal Funnel Stages)  One row per lead-creation month,
-- channel, segment and region; a lead reached a stage when that stage's
-- date (for the opportunity: its created date; won: its close date) is on
-- or before the as-of date.  Later dates are not facts yet: the demo
-- generator writes some (docs/views.md).
DROP VIEW IF EXISTS marketing_funnel_counts;
CREATE VIEW marketing_funnel_counts AS
SELECT substr(l.created_date, 1, 7) AS month, l.channel, l.segment, l.region,
       count(*) AS leads, sum(coalesce(l.mql_date <= d.as_of, 0)) AS mqls, sum(coalesce(l.sal_date <= d.as_of, 0)) AS sals,
       sum(coalesce(l.sql_date <= d.as_of, 0)) AS sqls, sum(coalesce(o.created_date <= d.as_of, 0)) AS opportunities,
       sum(coalesce(s.is_won = 1 AND o.close_date <= d.as_of, 0)) AS won, sum(coalesce(s.is_closed = 1 AND o.close_date <= d.as_of, 0)) AS closed
FROM leads AS l
CROSS JOIN as_of_date AS d
LEFT JOIN opportunities AS o ON o.opportunity_id = l.opportunity_id
LEFT JOIN stages AS s ON s.stage = o.stage
WHERE l.created_date <= d.as_of
GROUP BY month, l.channel, l.segment, l.region;

-- Question: the funnel as stage transitions, ready to compare with seed
-- 003's benchmark (benchmarks.metric names): from_count leads reached the
-- first stage, to_count of them the next.  Opp -> Closed Won counts closed
-- deals only (won ÷ closed, the win rate); the others count every lead
-- that reached the first stage.
DROP VIEW IF EXISTS marketing_funnel_stages;
CREATE VIEW marketing_funnel_stages AS
SELECT month, channel, segment, region, t.transition_order, t.transition, t.label,
       CASE t.transition WHEN 'known_to_mql' THEN leads WHEN 'mql_to_sal' THEN mqls WHEN 'sal_to_sql' THEN sals
         WHEN 'sql_to_opp' THEN sqls WHEN 'opp_to_won' THEN closed WHEN 'mql_to_won' THEN mqls END AS from_count,
       CASE t.transition WHEN 'known_to_mql' THEN mqls WHEN 'mql_to_sal' THEN sals WHEN 'sal_to_sql' THEN sqls
         WHEN 'sql_to_opp' THEN opportunities WHEN 'opp_to_won' THEN won WHEN 'mql_to_won' THEN won END AS to_count
FROM marketing_funnel_counts
CROSS JOIN (SELECT 1 AS transition_order, 'known_to_mql' AS transition, 'Known -> MQL' AS label
            UNION ALL SELECT 2, 'mql_to_sal', 'MQL -> SAL' UNION ALL SELECT 3, 'sal_to_sql', 'SAL -> SQL'
            UNION ALL SELECT 4, 'sql_to_opp', 'SQL -> Opp Created' UNION ALL SELECT 5, 'opp_to_won', 'Opp -> Closed Won'
            UNION ALL SELECT 6, 'mql_to_won', 'Full funnel (MQL -> Closed Won)') AS t;

-- Question: where does the funnel leak, against seed 003's conversion
-- benchmarks, and which stage is the bottleneck?  (seed 003 "Diagnostic
-- rule: if any stage conversion is bottom 25%, that's your bottleneck";
-- seed 000 Funnel Breakdown)  band is the best benchmark band whose lower
-- bound the rate reaches (a rate between two published bands, such as
-- 45 % for MQL -> SAL, is in the lower one).  The bottleneck is the stage
-- transition (not the full-funnel row) in the lowest band, the earliest
-- one on a tie: fix it before anything else.
DROP VIEW IF EXISTS marketing_funnel;
CREATE VIEW marketing_funnel AS
WITH f AS (
  SELECT transition_order, transition, label, sum(from_count) AS from_count, sum(to_count) AS to_count,
         CAST(sum(to_count) AS REAL) / nullif(sum(from_count), 0) AS rate
  FROM marketing_funnel_stages GROUP BY transition_order),
b AS (
  SELECT f.*,
         (SELECT b.band_order FROM benchmarks AS b WHERE b.metric = f.transition
            AND f.rate >= coalesce(b.min_value, -1e308) ORDER BY b.band_order DESC LIMIT 1) AS band_order,
         (SELECT b.min_value FROM benchmarks AS b WHERE b.metric = f.transition AND b.band = 'Median') AS median_low,
         (SELECT b.max_value FROM benchmarks AS b WHERE b.metric = f.transition AND b.band = 'Median') AS median_high
  FROM f)
SELECT b.transition_order, b.transition, b.label, b.from_count, b.to_count, b.rate,
       (SELECT x.band FROM benchmarks AS x WHERE x.metric = b.transition AND x.band_order = b.band_order) AS band,
       b.median_low, b.median_high,
       b.transition_order = (SELECT y.transition_order FROM b AS y WHERE y.transition <> 'mql_to_won'
                             ORDER BY y.band_order, y.transition_order LIMIT 1) AS is_bottleneck
FROM b;

-- Question: how much won revenue does each channel earn under each
-- attribution model?  (seed 003 Attribution Model Selection: first touch,
-- last touch, linear, U-shaped, W-shaped; plus time decay)  Touches are
-- the marketing touchpoints of won deals up to the close date, in time
-- order; w_shaped's middle touch is the opportunity-creation touch; time
-- decay counts days before the close.  One row per model, touch channel,
-- segment, region and close month: attributed deals (fractions of deals)
-- and attributed amount.
DROP VIEW IF EXISTS marketing_attribution;
CREATE VIEW marketing_attribution AS
WITH t AS (
  SELECT t.opportunity_id, t.channel, t.is_opportunity_creation, d.segment, d.region, d.close_date, d.amount,
         row_number() OVER w AS position, count(*) OVER p AS touch_count,
         max(0, julianday(d.close_date) - julianday(t.occurred_at)) AS days_before
  FROM touchpoints AS t JOIN pipeline_deals AS d ON d.opportunity_id = t.opportunity_id
  WHERE d.is_won = 1 AND t.occurred_at < date(d.close_date, '+1 day')
  WINDOW w AS (PARTITION BY t.opportunity_id ORDER BY t.occurred_at, t.touchpoint_id),
         p AS (PARTITION BY t.opportunity_id)),
t2 AS (
  SELECT t.*,
         max(CASE WHEN is_opportunity_creation = 1 THEN position END) OVER p AS opportunity_position,
         attribution_decay_total(days_before) OVER p AS decay_total
  FROM t WINDOW p AS (PARTITION BY opportunity_id)),
w AS (
  SELECT m.model, t2.channel, t2.segment, t2.region, substr(t2.close_date, 1, 7) AS close_month, t2.amount,
         attribution_weight(m.model, t2.position, t2.touch_count,
                            CASE m.model WHEN 'w_shaped' THEN t2.opportunity_position ELSE t2.days_before END,
                            t2.decay_total) AS weight
  FROM t2 CROSS JOIN (SELECT 'first_touch' AS model UNION ALL SELECT 'last_touch' UNION ALL SELECT 'linear'
                      UNION ALL SELECT 'u_shaped' UNION ALL SELECT 'w_shaped' UNION ALL SELECT 'time_decay') AS m)
SELECT model, channel, segment, region, close_month,
       total(weight) AS attributed_deals, total(weight * amount) AS attributed_amount
FROM w
GROUP BY model, channel, segment, region, close_month;
