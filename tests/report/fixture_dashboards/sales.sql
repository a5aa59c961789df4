-- tests/report/fixture_dashboards/sales.sql — a small persona dashboard
-- over the canonical tables and functions, so the report, the Datasette
-- metadata and their tests do not wait for sql/dashboards/.  It uses every
-- chart hint of tools/dashboards.py and all six shared filters.

-- name: pipeline_kpis
-- question: How much open pipeline is there, weighted, and how many deals? (fixture)
-- chart: kpi
SELECT count(*) AS open_deals,
       total(o.amount) AS pipeline,
       weighted_pipeline(o.amount, coalesce(o.probability, s.probability)) AS weighted_pipeline,
       (SELECT avg(s2.is_won) FROM opportunities AS o2 JOIN stages AS s2 ON s2.stage = o2.stage
         JOIN accounts AS a2 ON a2.account_id = o2.account_id
        WHERE s2.is_closed = 1
          AND (:segment IS NULL OR a2.segment = :segment) AND (:region IS NULL OR a2.region = :region)
          AND (:start_date IS NULL OR o2.close_date >= :start_date)
          AND (:end_date IS NULL OR o2.close_date <= :end_date)) AS win_rate
FROM opportunities AS o JOIN stages AS s ON s.stage = o.stage
JOIN accounts AS a ON a.account_id = o.account_id
WHERE s.is_closed = 0
  AND (:segment IS NULL OR a.segment = :segment) AND (:region IS NULL OR a.region = :region)
  AND (:channel IS NULL OR o.channel = :channel);

-- name: stage_distribution
-- question: Where is the money in the funnel? (fixture, seed 000 stage distribution)
-- chart: bar
-- x: stage
-- y: deals, amount
-- additive: deals, amount
SELECT s.stage, count(o.opportunity_id) AS deals, total(o.amount) AS amount
FROM stages AS s
LEFT JOIN (SELECT o.* FROM opportunities AS o JOIN accounts AS a ON a.account_id = o.account_id
           WHERE (:segment IS NULL OR a.segment = :segment) AND (:region IS NULL OR a.region = :region)
             AND (:channel IS NULL OR o.channel = :channel)) AS o ON o.stage = s.stage
WHERE s.is_closed = 0
GROUP BY s.stage ORDER BY s.stage_order;

-- name: deal_health_distribution
-- question: How many open deals are healthy, to monitor, at risk or critical? (fixture, seed 001)
-- chart: bar
-- x: status
-- y: deals
-- additive: deals
WITH asof AS (SELECT coalesce(:as_of, '2026-03-01') AS d),
scored AS (
  SELECT deal_health(max(0, julianday(asof.d) - julianday(o.stage_entered_date)), s.expected_days,
                     7, 2, julianday(o.close_date) - julianday(asof.d), 0, 0) AS health
  FROM opportunities AS o JOIN stages AS s ON s.stage = o.stage
  JOIN accounts AS a ON a.account_id = o.account_id, asof
  WHERE s.is_closed = 0
    AND (:segment IS NULL OR a.segment = :segment) AND (:region IS NULL OR a.region = :region))
SELECT deal_health_status(health) AS status, count(*) AS deals
FROM scored GROUP BY status ORDER BY min(health) DESC;

-- name: weekly_leads
-- question: How many leads, MQLs and SQLs came in each week? (fixture, seed 000 weekly trends)
-- chart: line
-- x: week
-- y: leads, mqls, sqls
-- additive: leads, mqls, sqls
SELECT date(created_date, 'weekday 1', '-7 days') AS week, count(*) AS leads,
       count(mql_date) AS mqls, count(sql_date) AS sqls
FROM leads
WHERE created_date >= coalesce(:start_date, date(coalesce(:as_of, '2026-03-01'), '-84 days'))
  AND created_date <= coalesce(:end_date, coalesce(:as_of, '2026-03-01'))
  AND (:segment IS NULL OR segment = :segment) AND (:region IS NULL OR region = :region)
  AND (:channel IS NULL OR channel = :channel)
GROUP BY week ORDER BY week;

-- name: lead_funnel
-- question: How do leads convert stage by stage against seed 003's median benchmark? (fixture)
-- chart: funnel
-- x: stage
-- y: leads, conversion, benchmark_median
WITH l AS (
  SELECT * FROM leads
  WHERE (:segment IS NULL OR segment = :segment) AND (:region IS NULL OR region = :region)
    AND (:channel IS NULL OR channel = :channel)
    AND (:start_date IS NULL OR created_date >= :start_date)
    AND (:end_date IS NULL OR created_date <= :end_date)),
f(n, stage, metric, leads) AS (
  SELECT 1, 'Lead', NULL, count(*) FROM l
  UNION ALL SELECT 2, 'MQL', 'known_to_mql', count(mql_date) FROM l
  UNION ALL SELECT 3, 'SAL', 'mql_to_sal', count(sal_date) FROM l
  UNION ALL SELECT 4, 'SQL', 'sal_to_sql', count(sql_date) FROM l
  UNION ALL SELECT 5, 'Converted', 'sql_to_opp', count(converted_date) FROM l)
SELECT f.stage, f.leads,
       CAST(f.leads AS REAL) / nullif((SELECT p.leads FROM f AS p WHERE p.n = f.n - 1), 0) AS conversion,
       (SELECT (b.min_value + b.max_value) / 2 FROM benchmarks AS b WHERE b.metric = f.metric AND b.band = 'Median') AS benchmark_median
FROM f ORDER BY f.n;

-- name: channel_spend_roi
-- question: Which channels earn back their spend? (fixture, seed 000 channel spend vs ROI)
-- chart: bar
-- x: channel
-- y: spend, roi
-- additive: spend
WITH sp AS (
  SELECT channel, total(amount) AS spend FROM marketing_spend
  WHERE (:segment IS NULL OR segment = :segment) AND (:region IS NULL OR region = :region)
    AND (:channel IS NULL OR channel = :channel)
    AND (:start_date IS NULL OR spend_date >= :start_date) AND (:end_date IS NULL OR spend_date <= :end_date)
  GROUP BY channel),
won AS (
  SELECT o.channel, total(o.amount) AS revenue FROM opportunities AS o
  JOIN accounts AS a ON a.account_id = o.account_id
  WHERE o.stage = 'Closed Won'
    AND (:segment IS NULL OR a.segment = :segment) AND (:region IS NULL OR a.region = :region)
    AND (:start_date IS NULL OR o.close_date >= :start_date) AND (:end_date IS NULL OR o.close_date <= :end_date)
  GROUP BY o.channel)
SELECT sp.channel, sp.spend, roi(coalesce(won.revenue, 0), sp.spend) AS roi
FROM sp LEFT JOIN won ON won.channel = sp.channel
WHERE sp.spend > 0
ORDER BY roi DESC;

-- name: top_open_deals
-- question: Which open deals are the biggest, and whose are they? (fixture)
-- chart: table
SELECT o.opportunity_id, a.name AS account, a.segment, o.stage, o.amount, o.close_date,
       coalesce(o.probability, s.probability) AS probability
FROM opportunities AS o JOIN stages AS s ON s.stage = o.stage
JOIN accounts AS a ON a.account_id = o.account_id
WHERE s.is_closed = 0
  AND (:segment IS NULL OR a.segment = :segment) AND (:region IS NULL OR a.region = :region)
  AND (:channel IS NULL OR o.channel = :channel)
ORDER BY o.amount DESC, o.opportunity_id LIMIT 10;
