-- sql/views/80_insights.sql — seed 000's AI co-pilot insight cards, as
-- rules anyone can read.
--
-- Question: what should marketing, sales, finance and success leaders look
-- at first, with the numbers behind it and how sure we are?  (Seed 000
-- "AI Co-Pilot": cards grouped by Marketing, Pipeline and Revenue, each with
-- a confidence bar and supporting data points such as channel, deal ids and
-- churn reason; issue 12 adds Accounts.)
--
-- insight_cards      one row per card: card_id, rule, category, severity
--                    ('critical', 'warning', 'info'), confidence 0..1, the
--                    message with its numbers, and data, the supporting
--                    data points as JSON text (every number the message
--                    prints is a value of it), metrics, the catalogue
--                    metric of each of data's figures as JSON text (data
--                    key -> metric_id of revops_metrics, from
--                    revops_card_metrics), and the inputs of the
--                    confidence formula (conf_kind, conf_k, conf_n,
--                    conf_threshold, conf_claim, conf_d), so it can be checked.
-- insight_channel_stats, insight_funnel_stages, insight_coverage_reps,
-- insight_forecast_drift, insight_churn_trend, insight_churn_reason_trend,
-- insight_retention_bands, insight_concentration, insight_eol_exposure,
-- insight_sla_trend, insight_receivables_trend: the figures each rule reads.
--
-- Confidence (docs/insights.md "Confidence"), computed in one place, the
-- `c` step of insight_cards:
--   rate  : a rate k/n claimed to be below (or above) a threshold t; the
--           share of its 95% Wilson interval that lies on the claimed side
--           of t, times (1 - the interval's width).  Few trials: a wide
--           interval, low confidence.
--   ratio : a figure past its threshold by a relative distance d, backed by
--           n items (deals, customers, invoices): d*sqrt(n) / (d*sqrt(n) + 1).
--           Counted facts (stuck deals, renewals at risk, end-of-life
--           installs) use d = 1: sqrt(n) / (sqrt(n) + 1).
-- JSON is built with printf/group_concat and one escaping expression (no
-- json_*() function: SQLite 3.40's are not innocuous and fail in views
-- under PRAGMA trusted_schema=OFF).

-- ------------------------------------------------------------ marketing

-- Per channel, trailing window: spend, closed-won deals and their revenue,
-- ROI and CAC (seed 000's channel table).  A won deal's channel is its own,
-- else the channel of the lead it converted from.
DROP VIEW IF EXISTS insight_channel_stats;
CREATE VIEW insight_channel_stats AS
-- The same facts as the marketing dashboard's channel table and ROI chart
-- (marketing_facts: spend, and deals won with their source channel), over
-- the trailing window (d.since < day <= as_of): the card says its window,
-- the table is all time (marketing_roi_12m against marketing_roi).
WITH d AS (SELECT as_of, date(as_of, '-' || (SELECT CAST(value AS INTEGER) FROM insight_thresholds WHERE key = 'window_days') || ' days') AS since FROM as_of_date),
per AS (
  SELECT f.channel, total(f.spend) AS spend, sum(f.won_deals) AS won, sum(f.won_amount) AS revenue
  FROM marketing_facts AS f, d
  WHERE f.day > d.since AND f.day <= d.as_of
    -- the spend and won-deal rows only: the lead and created-deal rows add
    -- zeros (or NULL, which total() and sum() skip) to these three sums.
    -- The test is a constant in each arm of marketing_facts, so SQLite
    -- skips those arms' scans of every lead (0.62 -> 0.07 s at SCALE=20)
    AND f.leads = 0 AND f.mqls = 0 AND f.sqls = 0 AND f.opportunities = 0
  GROUP BY f.channel HAVING total(f.spend) > 0),
tot AS (SELECT total(spend) AS spend, sum(revenue) AS revenue, count(*) AS channels FROM per)
SELECT per.channel, per.spend, per.won, per.revenue,
       (SELECT CAST(value AS INTEGER) FROM insight_thresholds WHERE key = 'window_days') AS window_days,
       (SELECT as_of FROM d) AS as_of,
       roi(per.revenue, per.spend) AS roi, cac(per.spend, per.won) AS cac,
       roi(tot.revenue, tot.spend) AS roi_all, tot.channels,
       -- relative distance of this channel's revenue per dollar from all channels'
       CASE WHEN tot.revenue > 0 THEN abs((per.revenue / per.spend) / (tot.revenue / tot.spend) - 1) END AS d,
       -- ties: the best earns more revenue, the worst wastes more spend
       row_number() OVER (ORDER BY roi(per.revenue, per.spend) DESC, per.revenue DESC, per.channel) AS roi_rank_best,
       row_number() OVER (ORDER BY roi(per.revenue, per.spend) ASC, per.spend DESC, per.channel) AS roi_rank_worst,
       row_number() OVER (ORDER BY cac(per.spend, per.won) IS NULL, cac(per.spend, per.won) ASC, per.won DESC, per.channel) AS cac_rank_best,
       row_number() OVER (ORDER BY cac(per.spend, per.won) IS NULL, cac(per.spend, per.won) DESC, per.spend DESC, per.channel) AS cac_rank_worst
FROM per, tot;

-- Funnel conversion per seed 003 stage for leads created in the trailing
-- window, against the benchmark bands of the benchmarks table.
DROP VIEW IF EXISTS insight_funnel_stages;
CREATE VIEW insight_funnel_stages AS
WITH d AS (SELECT as_of, date(as_of, '-' || (SELECT CAST(value AS INTEGER) FROM insight_thresholds WHERE key = 'window_days') || ' days') AS since FROM as_of_date),
l AS (
  SELECT l.*, s.is_closed, s.is_won
  FROM leads AS l CROSS JOIN d
  LEFT JOIN opportunities AS o ON o.opportunity_id = l.opportunity_id
  LEFT JOIN stages AS s ON s.stage = o.stage
  WHERE l.created_date >= d.since AND l.created_date < d.as_of),
conv(metric, stage_order, n, k) AS (
  SELECT 'known_to_mql', 1, count(*), count(mql_date) FROM l
  UNION ALL SELECT 'mql_to_sal', 2, count(mql_date), sum(mql_date IS NOT NULL AND sal_date IS NOT NULL) FROM l
  UNION ALL SELECT 'sal_to_sql', 3, count(sal_date), sum(sal_date IS NOT NULL AND sql_date IS NOT NULL) FROM l
  UNION ALL SELECT 'sql_to_opp', 4, count(sql_date), sum(sql_date IS NOT NULL AND opportunity_id IS NOT NULL) FROM l
  UNION ALL SELECT 'opp_to_won', 5, sum(is_closed = 1), sum(is_won = 1) FROM l)
SELECT c.metric, c.stage_order, c.n, coalesce(c.k, 0) AS k,
       CASE WHEN c.n > 0 THEN 1.0 * coalesce(c.k, 0) / c.n END AS rate,
       bm.min_value AS median_low, bb.max_value AS bottom_max,
       CASE WHEN c.n > 0 THEN (bm.min_value - 1.0 * coalesce(c.k, 0) / c.n) / bm.min_value END AS shortfall
FROM conv AS c
JOIN benchmarks AS bm ON bm.metric = c.metric AND bm.band = 'Median'
JOIN benchmarks AS bb ON bb.metric = c.metric AND bb.band = 'Bottom 25%';

-- ------------------------------------------------------------- pipeline

-- Per AE with a new-ARR quota for the period that contains today: quota,
-- won so far, remaining quota, open pipeline closing before the period
-- ends (overdue deals included: they are still open), coverage.
DROP VIEW IF EXISTS insight_coverage_reps;
CREATE VIEW insight_coverage_reps AS
WITH d AS (SELECT as_of FROM as_of_date),
q AS (
  SELECT q.rep_id, q.period_start, q.period_end, q.amount AS quota
  FROM quotas AS q, d
  WHERE q.quota_type = 'new_arr' AND q.period_start <= d.as_of AND q.period_end > d.as_of),
open AS MATERIALIZED (SELECT owner_rep_id, amount, close_date FROM insight_deal_facts),
per AS (
  SELECT q.*,
         (SELECT total(o.amount) FROM opportunities AS o JOIN stages AS s ON s.stage = o.stage AND s.is_won = 1
          WHERE o.owner_rep_id = q.rep_id AND o.close_date >= q.period_start AND o.close_date < q.period_end) AS won,
         (SELECT total(f.amount) FROM open AS f WHERE f.owner_rep_id = q.rep_id AND f.close_date < q.period_end) AS pipeline,
         (SELECT count(*) FROM open AS f WHERE f.owner_rep_id = q.rep_id AND f.close_date < q.period_end) AS deals
  FROM q)
SELECT per.rep_id, r.name AS rep_name, per.period_start, per.period_end, per.quota, per.won,
       max(0, per.quota - per.won) AS remaining, per.pipeline, per.deals
FROM per JOIN reps AS r ON r.rep_id = per.rep_id;

-- The forecast call against the data for the period that contains today:
-- each rep's Commit at their latest submission, against won so far plus
-- the weighted open pipeline closing in the period.
DROP VIEW IF EXISTS insight_forecast_drift;
CREATE VIEW insight_forecast_drift AS
WITH d AS (SELECT as_of FROM as_of_date),
latest AS (
  SELECT f.rep_id, f.period_start, f.period_end, max(f.submitted_date) AS submitted_date
  FROM forecast_submissions AS f, d
  WHERE f.period_start <= d.as_of AND f.period_end > d.as_of AND f.submitted_date <= d.as_of
  GROUP BY f.rep_id, f.period_start, f.period_end),
open AS MATERIALIZED (SELECT owner_rep_id, amount, probability, close_date FROM insight_deal_facts),
per AS (
  SELECT l.rep_id, l.period_start, l.period_end, l.submitted_date,
         (SELECT total(f.amount) FROM forecast_submissions AS f WHERE f.rep_id = l.rep_id AND f.period_start = l.period_start
            AND f.submitted_date = l.submitted_date AND f.category = 'Commit') AS commit_amount,
         (SELECT total(o.amount) FROM opportunities AS o JOIN stages AS s ON s.stage = o.stage AND s.is_won = 1
            WHERE o.owner_rep_id = l.rep_id AND o.close_date >= l.period_start AND o.close_date < l.period_end) AS won,
         (SELECT count(*) FROM opportunities AS o JOIN stages AS s ON s.stage = o.stage AND s.is_won = 1
            WHERE o.owner_rep_id = l.rep_id AND o.close_date >= l.period_start AND o.close_date < l.period_end) AS won_deals,
         (SELECT coalesce(weighted_pipeline(f.amount, f.probability), 0) FROM open AS f
            WHERE f.owner_rep_id = l.rep_id AND f.close_date < l.period_end) AS weighted,
         (SELECT count(*) FROM open AS f WHERE f.owner_rep_id = l.rep_id AND f.close_date < l.period_end) AS open_deals
  FROM latest AS l)
SELECT per.*, won + weighted AS expected,
       CASE WHEN won + weighted > 0 THEN (commit_amount - (won + weighted)) / (won + weighted) END AS drift
FROM per;

-- ------------------------------------------------------------- revenue

-- The last window of a trend rule and the window before, for each window
-- length a rate trend reads (insight_thresholds): 'trend_days' (logo
-- churn), 'sla_days' (SLA breaches).  win 'recent': since = as_of - days
-- <= d < until = as_of; 'prior': the same days one window earlier.
DROP VIEW IF EXISTS insight_trend_windows;
CREATE VIEW insight_trend_windows AS
WITH t(threshold, days) AS (
  SELECT key, CAST(value AS INTEGER) FROM insight_thresholds WHERE key IN ('trend_days', 'sla_days'))
SELECT t.threshold, 'recent' AS win, date(as_of, '-' || t.days || ' days') AS since, as_of AS until FROM as_of_date, t
UNION ALL
SELECT t.threshold, 'prior', date(as_of, '-' || (2 * t.days) || ' days'), date(as_of, '-' || t.days || ' days') FROM as_of_date, t;

-- Logo churn in the last trend window against the window before: customers
-- with MRR at the window's start who churned (a 'churn' event) within it.
DROP VIEW IF EXISTS insight_churn_trend;
CREATE VIEW insight_churn_trend AS
WITH w AS (SELECT win, since, until FROM insight_trend_windows WHERE threshold = 'trend_days'),
base AS (
  SELECT w.win, s.account_id
  FROM w JOIN subscriptions AS s ON +s.start_date <= w.since AND (s.end_date IS NULL OR s.end_date > w.since)
  GROUP BY w.win, s.account_id HAVING total(s.mrr) > 0)
SELECT w.win, w.since, w.until,
       (SELECT count(*) FROM base WHERE base.win = w.win) AS customers,
       (SELECT count(DISTINCT e.account_id) FROM churn_events AS e JOIN base ON base.account_id = e.account_id AND base.win = w.win
        WHERE e.churn_type = 'churn' AND e.churn_date >= w.since AND e.churn_date < w.until) AS churned
FROM w;

-- Churn and contraction events per segment and reason, last trend window
-- against the one before, with each reason's share of its segment's events.
DROP VIEW IF EXISTS insight_churn_reason_trend;
CREATE VIEW insight_churn_reason_trend AS
WITH t AS (SELECT CAST(value AS INTEGER) AS days FROM insight_thresholds WHERE key = 'trend_days'),
w AS (SELECT as_of, date(as_of, '-' || t.days || ' days') AS mid, date(as_of, '-' || (2 * t.days) || ' days') AS since FROM as_of_date, t),
e AS (
  SELECT coalesce(a.segment, 'Unknown') AS segment, e.reason_code,
         e.churn_date >= w.mid AS recent, e.mrr_lost
  FROM churn_events AS e JOIN accounts AS a ON a.account_id = e.account_id, w
  WHERE e.churn_date >= w.since AND e.churn_date < w.as_of),
seg AS (SELECT segment, sum(recent) AS n_recent, sum(1 - recent) AS n_prior FROM e GROUP BY segment),
per AS (
  SELECT e.segment, e.reason_code, sum(e.recent) AS k_recent, sum(1 - e.recent) AS k_prior,
         total(CASE WHEN e.recent THEN e.mrr_lost END) AS mrr_lost_recent
  FROM e GROUP BY e.segment, e.reason_code),
sh AS (
  SELECT per.segment, per.reason_code, r.description, per.k_recent, seg.n_recent, per.k_prior, seg.n_prior,
         per.mrr_lost_recent,
         1.0 * per.k_recent / seg.n_recent AS share_recent,
         CASE WHEN seg.n_prior > 0 THEN 1.0 * per.k_prior / seg.n_prior ELSE 0 END AS share_prior
  FROM per JOIN seg ON seg.segment = per.segment
  JOIN churn_reasons AS r ON r.reason_code = per.reason_code
  WHERE seg.n_recent > 0)
-- growing: at least 2 events in the last window and a larger share than
-- before; is_top marks the reason that grew most in its segment.
SELECT sh.*, (k_recent >= 2 AND share_recent > share_prior) AS growing,
       (k_recent >= 2 AND share_recent > share_prior)
         AND row_number() OVER (PARTITION BY segment ORDER BY (k_recent >= 2 AND share_recent > share_prior) DESC,
                                share_recent - share_prior DESC, k_recent DESC, reason_code) = 1 AS is_top
FROM sh;

-- NRR and GRR over the trailing 12 months, today and one trend window ago,
-- each placed in seed 003's bands (benchmarks table).
DROP VIEW IF EXISTS insight_retention_bands;
CREATE VIEW insight_retention_bands AS
WITH t AS (SELECT CAST(value AS INTEGER) AS days FROM insight_thresholds WHERE key = 'trend_days'),
at(point, end_date) AS (
  SELECT 'now', as_of FROM as_of_date
  UNION ALL SELECT 'before', date(as_of, '-' || t.days || ' days') FROM as_of_date, t),
cust AS (
  SELECT at.point, s.account_id,
         total(CASE WHEN s.start_date <= date(at.end_date, '-12 months') AND (s.end_date IS NULL OR s.end_date > date(at.end_date, '-12 months')) THEN s.mrr END) AS start_mrr,
         total(CASE WHEN s.start_date <= at.end_date AND (s.end_date IS NULL OR s.end_date > at.end_date) THEN s.mrr END) AS end_mrr
  -- +start_date: a scan; nearly every period starts before the end date
  FROM at JOIN subscriptions AS s ON +s.start_date <= at.end_date
  GROUP BY at.point, s.account_id),
m AS (
  SELECT point, 'nrr' AS metric, nrr(start_mrr, end_mrr) AS value, sum(start_mrr > 0) AS customers FROM cust GROUP BY point
  UNION ALL
  SELECT point, 'grr', grr(start_mrr, end_mrr), sum(start_mrr > 0) FROM cust GROUP BY point)
SELECT m.point, m.metric, m.value, m.customers, b.band, b.band_order, b.min_value, b.max_value
FROM m LEFT JOIN benchmarks AS b ON b.metric = m.metric
  AND (b.min_value IS NULL OR m.value >= b.min_value) AND (b.max_value IS NULL OR m.value < b.max_value);

-- MRR concentration today: the largest customer's share, the top 10's and
-- the top fifth's (seed 004 top 10 customers; seed 002 "top 20% of
-- customers drive 65% of revenue").
DROP VIEW IF EXISTS insight_concentration;
CREATE VIEW insight_concentration AS
WITH d AS (SELECT as_of FROM as_of_date),
c AS (
  SELECT s.account_id, total(s.mrr) AS mrr FROM subscriptions AS s, d
  -- +start_date: a scan, not the near-total subscriptions_start range
  WHERE +s.start_date <= d.as_of AND (s.end_date IS NULL OR s.end_date > d.as_of)
  GROUP BY s.account_id HAVING total(s.mrr) > 0),
r AS (
  SELECT account_id, mrr, row_number() OVER w AS rn, count(*) OVER () AS n, sum(mrr) OVER () AS total,
         sum(mrr) OVER (w ROWS UNBOUNDED PRECEDING) AS running
  FROM c WINDOW w AS (ORDER BY mrr DESC, account_id)),
top AS (
  -- one pass: the running total at rank 10 and at the end of the top fifth
  SELECT max(CASE WHEN rn = min(10, n) THEN running END) AS top10,
         max(CASE WHEN rn = max(1, (n + 4) / 5) THEN running END) AS top_fifth,
         max(1, (max(n) + 4) / 5) AS top_fifth_count
  FROM r)
SELECT r.account_id, r.mrr, r.rn, r.n AS customers, r.total AS total_mrr, r.mrr / r.total AS share,
       top.top10 / r.total AS top10_share, top.top_fifth / r.total AS top_fifth_share, top.top_fifth_count
FROM r, top;

-- ------------------------------------------------------------- accounts

-- Installed products (active or expired support) whose product reaches
-- end of life before today + eol_days: the annual contract value at risk
-- (seed 002 "revenue at risk", EOL colours).
DROP VIEW IF EXISTS insight_eol_exposure;
CREATE VIEW insight_eol_exposure AS
WITH d AS (SELECT as_of, date(as_of, '+' || (SELECT CAST(value AS INTEGER) FROM insight_thresholds WHERE key = 'eol_days') || ' days') AS horizon FROM as_of_date)
SELECT i.install_id, i.account_id, i.product_id, p.name AS product_name, p.end_of_life_date,
       p.end_of_life_date < d.as_of AS past_eol, coalesce(i.contract_value, 0) AS contract_value, i.status
FROM installed_products AS i JOIN products AS p ON p.product_id = i.product_id, d
WHERE i.status IN ('Active', 'Expired') AND p.end_of_life_date IS NOT NULL AND p.end_of_life_date < d.horizon;

-- SLA breaches among tickets opened in the last window against the window
-- before: tickets with an SLA target (service_ticket_sla, the one
-- definition) and those that missed one, answered or resolved later than
-- their target or, still waiting, past it by today.
DROP VIEW IF EXISTS insight_sla_trend;
CREATE VIEW insight_sla_trend AS
WITH w AS (SELECT win, since, until FROM insight_trend_windows WHERE threshold = 'sla_days'),
-- the tickets of both windows first, through the opened_at index: joined
-- to each window, service_ticket_sla computed every ticket's SLA per
-- window (0.87 s at SCALE=20, 0.29 s so)
k AS MATERIALIZED (
  SELECT t.ticket_id, t.opened_at, t.sla_met FROM service_ticket_sla AS t
  WHERE t.opened_at >= (SELECT min(since) FROM w) AND t.opened_at < (SELECT max(until) FROM w) AND t.has_sla_target)
SELECT w.win, w.since, w.until, count(k.ticket_id) AS tickets, coalesce(sum(k.sla_met = 0), 0) AS breaches
FROM w
LEFT JOIN k ON k.opened_at >= w.since AND k.opened_at < w.until
GROUP BY w.win, w.since, w.until;

-- Question: which counted rates rose from the window before to the last
-- one?  The trend rules of one shape, each one card of insight_cards and
-- one definition of its comparison there: k of n in each window (win
-- 'recent', 'prior'), and the words of the card's message.
--   churn_rising          churned of the customers paying at the window's
--                         start (insight_churn_trend, trend_days)
--   sla_breaches_growing  tickets that missed their SLA of those opened in
--                         the window with a target (insight_sla_trend, sla_days)
DROP VIEW IF EXISTS insight_rate_trends;
CREATE VIEW insight_rate_trends AS
SELECT 'churn_rising' AS rule, 'Revenue' AS category, 'Churn is rising' AS headline, 'customers' AS counted,
       'churned' AS event, '' AS outcome, win, since, until, churned AS k, customers AS n
FROM insight_churn_trend
UNION ALL
SELECT 'sla_breaches_growing', 'Accounts', 'SLA breaches are growing', 'tickets', 'opened', ' missed their SLA',
       win, since, until, breaches, tickets
FROM insight_sla_trend;

-- Overdue receivables today and one window ago: invoices (not void, draft
-- or written off) past their due date and not fully paid on that day.
DROP VIEW IF EXISTS insight_receivables_trend;
CREATE VIEW insight_receivables_trend AS
WITH d AS (SELECT as_of AS day, date(as_of, '-' || (SELECT CAST(value AS INTEGER) FROM insight_thresholds WHERE key = 'sla_days') || ' days') AS prior_day FROM as_of_date),
cand AS (
  -- open invoices past due (the (status, due_date) index), and paid ones
  -- that were still unpaid on the prior day: those with a payment since
  SELECT i.invoice_id FROM invoices AS i, d WHERE i.status = 'open' AND i.due_date < d.day
  UNION
  -- (the payments_paid index; unary + keeps the planner off invoices_status,
  -- which would visit every paid invoice)
  -- (CROSS JOIN: the payments drive, so the planner neither reads every
  -- payment in invoice order for a DISTINCT nor scans every invoice; the
  -- UNION removes the duplicates)
  SELECT i.invoice_id
  FROM d CROSS JOIN payments AS p CROSS JOIN invoices AS i ON i.invoice_id = p.invoice_id
  WHERE p.paid_date >= d.prior_day AND +i.status = 'paid' AND +i.due_date < d.prior_day),
o AS (
  SELECT i.invoice_id, i.amount, i.due_date, i.invoice_date,
         (SELECT total(p.amount) FROM payments AS p WHERE p.invoice_id = i.invoice_id AND p.paid_date < d.day) AS paid_now,
         (SELECT total(p.amount) FROM payments AS p WHERE p.invoice_id = i.invoice_id AND p.paid_date < d.prior_day) AS paid_prior
  FROM cand CROSS JOIN invoices AS i ON i.invoice_id = cand.invoice_id, d),
x AS (
  SELECT o.*, CASE WHEN o.amount - paid_now > 0.005 THEN o.amount - paid_now END AS out_now,
         CASE WHEN o.due_date < d.prior_day AND o.amount - paid_prior > 0.005 THEN o.amount - paid_prior END AS out_prior
  FROM o, d)
SELECT d.day, count(x.out_now) AS invoices, total(x.out_now) AS overdue,
       d.prior_day, count(x.out_prior) AS prior_invoices, total(x.out_prior) AS prior_overdue
FROM d LEFT JOIN x;

-- --------------------------------------------------------------- cards

-- One row per card.  Each rule's figures are computed once (the
-- MATERIALIZED steps), then each branch of `facts` is one rule
-- (docs/insights.md lists them with their thresholds and sources) with the
-- inputs of the confidence formula (conf_*), `data` holds the supporting
-- data points in long form (card_id, key, ord 0 for a scalar or 1.. for
-- the elements of a list, text_value, num_value; lists hold at most 20
-- elements, largest first, the message gives the totals), and the last
-- steps compute the confidence and build the JSON.
-- insight_card_facts and insight_card_data were views of early versions.
DROP VIEW IF EXISTS insight_card_facts;
DROP VIEW IF EXISTS insight_card_data;
DROP VIEW IF EXISTS insight_cards;
CREATE VIEW insight_cards AS
WITH ch AS MATERIALIZED (SELECT * FROM insight_channel_stats),
fu AS MATERIALIZED (SELECT * FROM insight_funnel_stages),
df AS MATERIALIZED (SELECT * FROM insight_deal_facts),
cov AS MATERIALIZED (SELECT * FROM insight_coverage_reps),
fd AS MATERIALIZED (SELECT * FROM insight_forecast_drift),
rt AS MATERIALIZED (SELECT * FROM insight_rate_trends),
cr AS MATERIALIZED (SELECT * FROM insight_churn_reason_trend),
rb AS MATERIALIZED (SELECT * FROM insight_retention_bands),
cc AS MATERIALIZED (SELECT * FROM insight_concentration),
ar AS MATERIALIZED (SELECT * FROM insight_account_risk),
eol AS MATERIALIZED (SELECT * FROM insight_eol_exposure),
rv AS MATERIALIZED (SELECT * FROM insight_receivables_trend),
-- the two ends of the CAC ranking, a card each (facts' CAC arm)
cac_ends(rule, severity, word) AS (VALUES ('channel_best_cac', 'info', 'cheapest'), ('channel_worst_cac', 'warning', 'dearest')),
facts AS MATERIALIZED (
  -- Most and least efficient channels by ROI (seed 000 "Channel Spend vs ROI").
  SELECT 'channel_best_roi:' || channel AS card_id, 'channel_best_roi' AS rule, 'Marketing' AS category,
         'info' AS severity,
         printf('%s is the most efficient channel in the %d days to %s: ROI %.0f%% on %,d spend (%d deals won, CAC %s) against %.0f%% for all channels.',
                channel, window_days, as_of, 100 * roi, spend, won, CASE WHEN cac IS NULL THEN 'n/a' ELSE printf('%,d', cac) END, 100 * roi_all) AS message,
         'ratio' AS conf_kind, NULL AS conf_k, won + 1 AS conf_n, NULL AS conf_threshold, NULL AS conf_claim, d AS conf_d
  FROM ch WHERE roi_rank_best = 1 AND channels >= 2 AND roi IS NOT NULL
  UNION ALL
  SELECT 'channel_worst_roi:' || channel, 'channel_worst_roi', 'Marketing',
         CASE WHEN roi < 0 THEN 'warning' ELSE 'info' END,
         printf('%s is the least efficient channel in the %d days to %s: ROI %.0f%% on %,d spend (%d deals won, CAC %s) against %.0f%% for all channels.',
                channel, window_days, as_of, 100 * roi, spend, won, CASE WHEN cac IS NULL THEN 'n/a' ELSE printf('%,d', cac) END, 100 * roi_all),
         'ratio', NULL, won + 1, NULL, NULL, d
  FROM ch WHERE roi_rank_worst = 1 AND roi_rank_best > 1 AND channels >= 2
  UNION ALL
  -- CAC extremes, when another channel than the ROI extremes: the
  -- cheapest and the dearest, one arm for both ends (cac_ends).
  SELECT x.rule || ':' || c.channel, x.rule, 'Marketing', x.severity,
         printf('%s acquires customers %s in the %d days to %s: CAC %,d (%,d spend, %d deals won), ROI %.0f%%.',
                c.channel, x.word, c.window_days, c.as_of, c.cac, c.spend, c.won, 100 * c.roi),
         'ratio', NULL, c.won + 1, NULL, NULL,
         abs(c.cac / ((SELECT total(spend) FROM ch) / nullif((SELECT total(won) FROM ch), 0)) - 1)
  FROM cac_ends AS x
  JOIN ch AS c ON CASE x.rule WHEN 'channel_best_cac' THEN c.cac_rank_best = 1 AND c.roi_rank_best > 1
                              ELSE c.cac_rank_worst = 1 AND c.roi_rank_worst > 1 END
  WHERE c.cac IS NOT NULL AND c.channels >= 2
  UNION ALL
  -- The funnel stage furthest below seed 003's median benchmark.
  SELECT 'funnel_bottleneck:' || metric, 'funnel_bottleneck', 'Marketing',
         CASE WHEN rate < bottom_max THEN 'critical' ELSE 'warning' END,
         printf('Funnel bottleneck at %s: %.1f%% converted (%d of %d) against a median of %.0f%%+%s.',
                replace(metric, '_', ' '), 100 * rate, k, n, 100 * median_low,
                CASE WHEN rate < bottom_max THEN printf(', in the bottom 25%% (below %.0f%%): fix it before optimising anything else', 100 * bottom_max) ELSE '' END),
         'rate', k, n, CASE WHEN rate < bottom_max THEN bottom_max ELSE median_low END, 'below', NULL
  FROM (SELECT *, row_number() OVER (ORDER BY shortfall DESC, stage_order) AS rn FROM fu WHERE n > 0 AND shortfall > 0)
  WHERE rn = 1
  UNION ALL
  -- Stuck deals: open over 45 days in stage and over $50K (seed 000).
  SELECT 'stuck_deals', 'stuck_deals', 'Pipeline', 'warning',
         printf('%d open deals worth %,d (%.0f%% of open pipeline) have sat over %d days in their stage at over %,d; the oldest %d days.',
                count(*), total(f.amount), 100 * total(f.amount) / (SELECT total(amount) FROM opportunities AS o JOIN stages AS s ON s.stage = o.stage WHERE s.is_closed = 0),
                (SELECT CAST(value AS INTEGER) FROM insight_thresholds WHERE key = 'stuck_days'),
                (SELECT value FROM insight_thresholds WHERE key = 'stuck_amount'), CAST(max(f.days_in_stage) AS INTEGER)),
         'ratio', NULL, count(*), NULL, NULL, 1
  FROM df AS f
  WHERE f.days_in_stage > (SELECT value FROM insight_thresholds WHERE key = 'stuck_days')
    AND f.amount > (SELECT value FROM insight_thresholds WHERE key = 'stuck_amount')
  HAVING count(*) > 0
  UNION ALL
  -- Coverage of the remaining quota short of 3x (seed 001/003).
  SELECT 'coverage_short', 'coverage_short', 'Pipeline',
         CASE WHEN cov < (SELECT value FROM insight_thresholds WHERE key = 'coverage_at_risk') THEN 'critical' ELSE 'warning' END,
         printf('Pipeline covers %.1fx the remaining quota (%,d open against %,d to go this period), short of %gx: %s; %d of %d reps below %gx.',
                cov, pipeline, remaining, target, coverage_status(cov), reps_short, reps, target),
         'ratio', NULL, deals, NULL, NULL, (target - cov) / target
  FROM (SELECT total(pipeline) / total(remaining) AS cov, total(pipeline) AS pipeline, total(remaining) AS remaining,
               sum(deals) AS deals, count(*) AS reps,
               sum(remaining > 0 AND pipeline < remaining * (SELECT value FROM insight_thresholds WHERE key = 'coverage_target')) AS reps_short,
               (SELECT value FROM insight_thresholds WHERE key = 'coverage_target') AS target
        FROM cov)
  WHERE remaining > 0 AND cov < target
  UNION ALL
  -- The Commit call drifting from won + weighted pipeline (seed 003 MAPE < 15%).
  SELECT 'forecast_drift', 'forecast_drift', 'Pipeline',
         CASE WHEN abs(drift) > 0.25 THEN 'critical' ELSE 'warning' END,
         printf('The Commit call (%,d) is %.0f%% %s won plus weighted pipeline (%,d = %,d won + %,d weighted) for the period ending %s; %d reps drift over %.0f%%.',
                commit_amount, 100 * abs(drift), CASE WHEN drift > 0 THEN 'above' ELSE 'below' END,
                expected, won, weighted, period_end, reps_drifting, 100 * lim),
         'ratio', NULL, deals, NULL, NULL, (abs(drift) - lim) / lim
  FROM (SELECT total(commit_amount) AS commit_amount, total(won) AS won, total(weighted) AS weighted, total(expected) AS expected,
               (total(commit_amount) - total(expected)) / nullif(total(expected), 0) AS drift, max(period_end) AS period_end,
               sum(open_deals + won_deals) AS deals,
               sum(abs(drift) > (SELECT value FROM insight_thresholds WHERE key = 'forecast_drift')) AS reps_drifting,
               (SELECT value FROM insight_thresholds WHERE key = 'forecast_drift') AS lim
        FROM fd)
  WHERE abs(drift) > lim
  UNION ALL
  -- A rate rising, the last window against the one before
  -- (insight_rate_trends): logo churn over the last quarter, SLA breaches
  -- over the last month.
  SELECT r.rule, r.rule, r.category, 'warning',
         printf('%s: %d of %d %s (%.1f%%) %s in the %d days to %s%s, against %d of %d (%.1f%%) in the %d days before.',
                r.headline, r.k, r.n, r.counted, 100.0 * r.k / r.n, r.event,
                CAST(julianday(r.until) - julianday(r.since) AS INTEGER), r.until, r.outcome,
                p.k, p.n, 100.0 * p.k / p.n, CAST(julianday(p.until) - julianday(p.since) AS INTEGER)),
         'rate', r.k, r.n, 1.0 * p.k / p.n, 'above', NULL
  FROM rt AS r JOIN rt AS p ON p.rule = r.rule AND p.win = 'prior'
  WHERE r.win = 'recent' AND r.n > 0 AND p.n > 0 AND 1.0 * r.k / r.n > 1.0 * p.k / p.n
  UNION ALL
  -- A churn reason growing its share in a segment.
  SELECT 'churn_reason_growing:' || segment, 'churn_reason_growing', 'Revenue', 'warning',
         printf('In %s, "%s" is a growing churn reason: %d of %d churn and contraction events (%.0f%%) in the last quarter, against %d of %d (%.0f%%) the quarter before; %,d MRR lost.',
                segment, description, k_recent, n_recent, 100 * share_recent, k_prior, n_prior, 100 * coalesce(share_prior, 0), mrr_lost_recent),
         'rate', k_recent, n_recent, share_prior, 'above', NULL
  FROM cr WHERE is_top
  UNION ALL
  -- NRR or GRR moving across seed 003's bands.
  SELECT 'retention_band:' || n.metric, 'retention_band', 'Revenue',
         CASE WHEN n.band_order > b.band_order THEN 'info' WHEN n.band_order = 1 THEN 'critical' ELSE 'warning' END,
         printf('%s moved from %s (%.1f%%) to %s (%.1f%%) over the last %d days (trailing 12 months, %d customers).',
                upper(n.metric), b.band, 100 * b.value, n.band, 100 * n.value,
                (SELECT CAST(value AS INTEGER) FROM insight_thresholds WHERE key = 'trend_days'), n.customers),
         'ratio', NULL, n.customers, NULL, NULL,
         -- distance from the band boundary that was crossed
         abs(n.value - CASE WHEN n.band_order > b.band_order THEN n.min_value ELSE n.max_value END)
           / CASE WHEN n.band_order > b.band_order THEN n.min_value ELSE n.max_value END
  FROM rb AS n JOIN rb AS b ON b.metric = n.metric AND b.point = 'before'
  WHERE n.point = 'now' AND n.band_order <> b.band_order
  UNION ALL
  -- Revenue concentration (seed 004 question 3; seed 002 top 20%).
  SELECT 'revenue_concentration', 'revenue_concentration', 'Revenue', 'warning',
         printf('Revenue is concentrated: the largest customer holds %.1f%% of MRR, the top 10 %.1f%%, the top %d (a fifth of %d customers) %.1f%%.',
                100 * share, 100 * top10_share, top_fifth_count, customers, 100 * top_fifth_share),
         'ratio', NULL, customers, NULL, NULL,
         max((share - (SELECT value FROM insight_thresholds WHERE key = 'top_customer_share')) / (SELECT value FROM insight_thresholds WHERE key = 'top_customer_share'),
             (top_fifth_share - (SELECT value FROM insight_thresholds WHERE key = 'top_fifth_share')) / (SELECT value FROM insight_thresholds WHERE key = 'top_fifth_share'))
  FROM cc
  WHERE rn = 1 AND (share > (SELECT value FROM insight_thresholds WHERE key = 'top_customer_share')
                 OR top_fifth_share > (SELECT value FROM insight_thresholds WHERE key = 'top_fifth_share'))
  UNION ALL
  -- Renewals within 90 days at High or Critical churn risk (seed 004, seed 001).
  SELECT 'renewals_at_risk', 'renewals_at_risk', 'Accounts',
         CASE WHEN sum(churn_risk_level = 'Critical') > 0 THEN 'critical' ELSE 'warning' END,
         printf('%d customers renewing in the next %d days are at High or Critical churn risk (%d Critical): %,d MRR (%,d ARR) at stake.',
                count(*), (SELECT CAST(value AS INTEGER) FROM insight_thresholds WHERE key = 'renewal_days'),
                sum(churn_risk_level = 'Critical'), total(mrr), 12 * total(mrr)),
         'ratio', NULL, count(*), NULL, NULL, 1
  FROM ar
  WHERE days_to_renewal >= 0 AND days_to_renewal <= (SELECT value FROM insight_thresholds WHERE key = 'renewal_days')
    AND churn_risk_level IN ('High', 'Critical')
  HAVING count(*) > 0
  UNION ALL
  -- Revenue at risk from end-of-life products (seed 002).
  SELECT 'eol_revenue_at_risk', 'eol_revenue_at_risk', 'Accounts',
         CASE WHEN sum(past_eol) > 0 THEN 'warning' ELSE 'info' END,
         printf('%,d of annual contract value sits on %,d installed products at %,d customers that are past end of life (%,d) or reach it within %d days (%,d).',
                total(contract_value), count(*), count(DISTINCT account_id),
                total(CASE WHEN past_eol THEN contract_value END),
                (SELECT CAST(value AS INTEGER) FROM insight_thresholds WHERE key = 'eol_days'),
                total(CASE WHEN NOT past_eol THEN contract_value END)),
         'ratio', NULL, count(*), NULL, NULL, 1
  FROM eol
  HAVING count(*) > 0
  UNION ALL
  -- Overdue receivables growing (seed 004 billing).
  SELECT 'receivables_growing', 'receivables_growing', 'Accounts', 'warning',
         printf('Overdue receivables grew %.0f%% in %d days: %,d on %d invoices, against %,d on %d invoices on %s.',
                100 * (overdue - prior_overdue) / prior_overdue, CAST(julianday(day) - julianday(prior_day) AS INTEGER),
                overdue, invoices, prior_overdue, prior_invoices, prior_day),
         'ratio', NULL, invoices, NULL, NULL, (overdue - prior_overdue) / prior_overdue
  FROM rv
  WHERE prior_overdue > 0 AND overdue > prior_overdue),
data AS (
  WITH keys(src, key) AS (VALUES
    ('channel', 'channel'), ('channel', 'spend'), ('channel', 'deals_won'), ('channel', 'revenue'),
    ('channel', 'roi'), ('channel', 'cac'), ('channel', 'roi_all_channels'), ('channel', 'window_days'), ('channel', 'as_of'),
    ('stuck', 'deals'), ('stuck', 'amount'), ('stuck', 'open_pipeline_share'), ('stuck', 'stuck_days'),
    ('stuck', 'stuck_amount'), ('stuck', 'oldest_days_in_stage'),
    ('funnel', 'stage'), ('funnel', 'converted'), ('funnel', 'entered'), ('funnel', 'rate'),
    ('funnel', 'benchmark_median_low'), ('funnel', 'benchmark_bottom25_max'),
    ('coverage', 'coverage'), ('coverage', 'pipeline'), ('coverage', 'remaining_quota'), ('coverage', 'target'),
    ('coverage', 'reps_short'), ('coverage', 'reps'),
    ('drift', 'commit'), ('drift', 'won'), ('drift', 'weighted_pipeline'), ('drift', 'drift'), ('drift', 'period_end'),
    ('drift', 'expected'), ('drift', 'reps_drifting'), ('drift', 'drift_limit'),
    ('churn_rising', 'churned'), ('churn_rising', 'customers'), ('churn_rising', 'rate'), ('churn_rising', 'prior_rate'),
    ('churn_rising', 'prior_churned'), ('churn_rising', 'prior_customers'), ('churn_rising', 'window_days'),
    ('churn_rising', 'prior_window_days'), ('churn_rising', 'until'),
    ('reason', 'segment'), ('reason', 'churn_reason'), ('reason', 'reason_code'), ('reason', 'events'),
    ('reason', 'segment_events'), ('reason', 'share'), ('reason', 'prior_share'), ('reason', 'mrr_lost'),
    ('reason', 'prior_events'), ('reason', 'prior_segment_events'),
    ('band', 'metric'), ('band', 'value'), ('band', 'band'), ('band', 'prior_value'), ('band', 'prior_band'), ('band', 'customers'), ('band', 'window_days'),
    ('conc', 'top_customer_share'), ('conc', 'top10_share'), ('conc', 'top_fifth_share'), ('conc', 'customers'), ('conc', 'total_mrr'), ('conc', 'top_fifth_count'),
    ('renew', 'customers'), ('renew', 'renewal_days'), ('renew', 'critical'), ('renew', 'mrr'), ('renew', 'arr'),
    ('eol', 'contract_value'), ('eol', 'installs'), ('eol', 'customers'), ('eol', 'past_eol_value'),
    ('eol', 'eol_days'), ('eol', 'upcoming_value'),
    ('sla_breaches_growing', 'tickets'), ('sla_breaches_growing', 'breaches'), ('sla_breaches_growing', 'rate'),
    ('sla_breaches_growing', 'prior_rate'), ('sla_breaches_growing', 'prior_breaches'), ('sla_breaches_growing', 'prior_tickets'),
    ('sla_breaches_growing', 'window_days'), ('sla_breaches_growing', 'prior_window_days'), ('sla_breaches_growing', 'until'),
    ('recv', 'overdue'), ('recv', 'invoices'), ('recv', 'prior_overdue'), ('recv', 'prior_invoices'),
    ('recv', 'growth'), ('recv', 'window_days'), ('recv', 'prior_day')),
  chan(prefix) AS (VALUES ('channel_best_roi:'), ('channel_worst_roi:'), ('channel_best_cac:'), ('channel_worst_cac:')),
  t AS (SELECT (SELECT value FROM insight_thresholds WHERE key = 'stuck_days') AS stuck_days,
               (SELECT value FROM insight_thresholds WHERE key = 'stuck_amount') AS stuck_amount,
               (SELECT value FROM insight_thresholds WHERE key = 'coverage_target') AS coverage_target,
               (SELECT value FROM insight_thresholds WHERE key = 'forecast_drift') AS drift,
               (SELECT value FROM insight_thresholds WHERE key = 'renewal_days') AS renewal_days,
               (SELECT value FROM insight_thresholds WHERE key = 'trend_days') AS trend_days,
               (SELECT value FROM insight_thresholds WHERE key = 'eol_days') AS eol_days),
  lists(card_id, key, ord, text_value) AS (
    SELECT 'stuck_deals', 'deal_ids', row_number() OVER (ORDER BY f.amount DESC, f.opportunity_id), f.opportunity_id
    FROM df AS f, t WHERE f.days_in_stage > t.stuck_days AND f.amount > t.stuck_amount
    UNION ALL
    SELECT 'coverage_short', 'rep_ids_short', row_number() OVER (ORDER BY c.remaining - c.pipeline / t.coverage_target DESC, c.rep_id), c.rep_id
    FROM cov AS c, t WHERE c.remaining > 0 AND c.pipeline < c.remaining * t.coverage_target
    UNION ALL
    SELECT 'forecast_drift', 'rep_ids_drifting', row_number() OVER (ORDER BY abs(f.drift) DESC, f.rep_id), f.rep_id
    FROM fd AS f, t WHERE abs(f.drift) > t.drift
    UNION ALL
    SELECT 'churn_rising', 'account_ids', row_number() OVER (ORDER BY e.mrr_lost DESC, e.account_id), e.account_id
    FROM (SELECT e.account_id, max(e.mrr_lost) AS mrr_lost FROM churn_events AS e, as_of_date AS d, t
          WHERE e.churn_type = 'churn' AND e.churn_date >= date(d.as_of, '-' || CAST(t.trend_days AS INTEGER) || ' days') AND e.churn_date < d.as_of
          GROUP BY e.account_id) AS e
    UNION ALL
    SELECT 'churn_reason_growing:' || coalesce(a.segment, 'Unknown'), 'account_ids',
           row_number() OVER (PARTITION BY coalesce(a.segment, 'Unknown'), e.reason_code ORDER BY e.mrr_lost DESC, e.churn_id), e.account_id
    FROM churn_events AS e JOIN accounts AS a ON a.account_id = e.account_id, as_of_date AS d, t
    WHERE e.churn_date >= date(d.as_of, '-' || CAST(t.trend_days AS INTEGER) || ' days') AND e.churn_date < d.as_of
      AND e.reason_code IN (SELECT r.reason_code FROM cr AS r
                            WHERE r.is_top AND r.segment = coalesce(a.segment, 'Unknown'))
    UNION ALL
    SELECT 'revenue_concentration', 'account_ids', c.rn, c.account_id FROM cc AS c WHERE c.rn <= 10
    UNION ALL
    SELECT 'renewals_at_risk', 'account_ids', row_number() OVER (ORDER BY r.mrr DESC, r.account_id), r.account_id
    FROM ar AS r, t
    WHERE r.days_to_renewal >= 0 AND r.days_to_renewal <= t.renewal_days AND r.churn_risk_level IN ('High', 'Critical')
    UNION ALL
    SELECT 'eol_revenue_at_risk', 'product_ids', row_number() OVER (ORDER BY total(e.contract_value) DESC, e.product_id), e.product_id
    FROM eol AS e GROUP BY e.product_id
    UNION ALL
    SELECT 'eol_revenue_at_risk', 'account_ids', row_number() OVER (ORDER BY total(e.contract_value) DESC, e.account_id), e.account_id
    FROM eol AS e GROUP BY e.account_id
    UNION ALL
    SELECT 'receivables_growing', 'account_ids', row_number() OVER (ORDER BY total(i.amount) DESC, i.account_id), i.account_id
    FROM invoices AS i, as_of_date AS d WHERE i.status = 'open' AND i.due_date < d.as_of GROUP BY i.account_id)
  SELECT card_id, key, ord, text_value, NULL AS num_value FROM lists WHERE ord <= 20
  UNION ALL
  SELECT chan.prefix || c.channel, k.key, 0,
         CASE k.key WHEN 'channel' THEN c.channel WHEN 'as_of' THEN c.as_of END,
         CASE k.key WHEN 'spend' THEN c.spend WHEN 'deals_won' THEN c.won WHEN 'revenue' THEN c.revenue
                    WHEN 'roi' THEN c.roi WHEN 'cac' THEN c.cac WHEN 'roi_all_channels' THEN c.roi_all
                    WHEN 'window_days' THEN c.window_days END
  FROM ch AS c, chan JOIN keys AS k ON k.src = 'channel'
  UNION ALL
  -- the stuck_deals card's figures, as its message computes them
  SELECT 'stuck_deals', k.key, 0, NULL,
         CASE k.key WHEN 'deals' THEN s.deals WHEN 'amount' THEN s.amount WHEN 'open_pipeline_share' THEN s.share
                    WHEN 'stuck_days' THEN CAST(t.stuck_days AS INTEGER) WHEN 'stuck_amount' THEN t.stuck_amount
                    WHEN 'oldest_days_in_stage' THEN s.oldest END
  FROM (SELECT count(*) AS deals, total(f.amount) AS amount, CAST(max(f.days_in_stage) AS INTEGER) AS oldest,
               total(f.amount) / (SELECT total(amount) FROM opportunities AS o JOIN stages AS s ON s.stage = o.stage WHERE s.is_closed = 0) AS share
        FROM df AS f, t WHERE f.days_in_stage > t.stuck_days AND f.amount > t.stuck_amount) AS s, t
  JOIN keys AS k ON k.src = 'stuck'
  UNION ALL
  SELECT 'funnel_bottleneck:' || f.metric, k.key, 0,
         CASE k.key WHEN 'stage' THEN f.metric END,
         CASE k.key WHEN 'converted' THEN f.k WHEN 'entered' THEN f.n WHEN 'rate' THEN f.rate
                    WHEN 'benchmark_median_low' THEN f.median_low WHEN 'benchmark_bottom25_max' THEN f.bottom_max END
  FROM fu AS f JOIN keys AS k ON k.src = 'funnel'
  UNION ALL
  SELECT 'coverage_short', k.key, 0, NULL,
         CASE k.key WHEN 'coverage' THEN c.pipeline / nullif(c.remaining, 0) WHEN 'pipeline' THEN c.pipeline
                    WHEN 'remaining_quota' THEN c.remaining WHEN 'target' THEN t.coverage_target
                    WHEN 'reps_short' THEN c.reps_short WHEN 'reps' THEN c.reps END
  FROM (SELECT total(pipeline) AS pipeline, total(remaining) AS remaining, count(*) AS reps,
               sum(remaining > 0 AND pipeline < remaining * (SELECT value FROM insight_thresholds WHERE key = 'coverage_target')) AS reps_short
        FROM cov) AS c, t JOIN keys AS k ON k.src = 'coverage'
  UNION ALL
  SELECT 'forecast_drift', k.key, 0, CASE k.key WHEN 'period_end' THEN f.period_end END,
         CASE k.key WHEN 'commit' THEN f.commit_amount WHEN 'won' THEN f.won WHEN 'weighted_pipeline' THEN f.weighted
                    WHEN 'drift' THEN (f.commit_amount - f.expected) / nullif(f.expected, 0)
                    WHEN 'expected' THEN f.expected WHEN 'reps_drifting' THEN f.reps_drifting WHEN 'drift_limit' THEN t.drift END
  FROM (SELECT total(commit_amount) AS commit_amount, total(won) AS won, total(weighted) AS weighted, max(period_end) AS period_end,
               total(expected) AS expected,
               sum(abs(drift) > (SELECT value FROM insight_thresholds WHERE key = 'forecast_drift')) AS reps_drifting
        FROM fd) AS f, t JOIN keys AS k ON k.src = 'drift'
  UNION ALL
  -- the rate trends (insight_rate_trends): k and n named as each card
  -- names them (churned of customers, breaches of tickets)
  SELECT r.rule, k.key, 0, CASE k.key WHEN 'until' THEN r.until END,
         CASE k.key WHEN 'churned' THEN r.k WHEN 'breaches' THEN r.k WHEN 'customers' THEN r.n WHEN 'tickets' THEN r.n
                    WHEN 'rate' THEN 1.0 * r.k / nullif(r.n, 0) WHEN 'prior_rate' THEN 1.0 * p.k / nullif(p.n, 0)
                    WHEN 'prior_churned' THEN p.k WHEN 'prior_breaches' THEN p.k
                    WHEN 'prior_customers' THEN p.n WHEN 'prior_tickets' THEN p.n
                    WHEN 'window_days' THEN CAST(julianday(r.until) - julianday(r.since) AS INTEGER)
                    WHEN 'prior_window_days' THEN CAST(julianday(p.until) - julianday(p.since) AS INTEGER) END
  FROM rt AS r JOIN rt AS p ON p.rule = r.rule AND p.win = 'prior' JOIN keys AS k ON k.src = r.rule
  WHERE r.win = 'recent'
  UNION ALL
  SELECT 'churn_reason_growing:' || r.segment, k.key, 0,
         CASE k.key WHEN 'segment' THEN r.segment WHEN 'churn_reason' THEN r.description WHEN 'reason_code' THEN r.reason_code END,
         CASE k.key WHEN 'events' THEN r.k_recent WHEN 'segment_events' THEN r.n_recent WHEN 'share' THEN r.share_recent
                    WHEN 'prior_share' THEN coalesce(r.share_prior, 0) WHEN 'mrr_lost' THEN r.mrr_lost_recent
                    WHEN 'prior_events' THEN r.k_prior WHEN 'prior_segment_events' THEN r.n_prior END
  FROM cr AS r
  JOIN keys AS k ON k.src = 'reason' WHERE r.is_top
  UNION ALL
  SELECT 'retention_band:' || n.metric, k.key, 0,
         CASE k.key WHEN 'metric' THEN n.metric WHEN 'band' THEN n.band WHEN 'prior_band' THEN b.band END,
         CASE k.key WHEN 'value' THEN n.value WHEN 'prior_value' THEN b.value WHEN 'customers' THEN n.customers
                    WHEN 'window_days' THEN CAST(t.trend_days AS INTEGER) END
  FROM rb AS n JOIN rb AS b ON b.metric = n.metric AND b.point = 'before', t
  JOIN keys AS k ON k.src = 'band' WHERE n.point = 'now'
  UNION ALL
  SELECT 'revenue_concentration', k.key, 0, NULL,
         CASE k.key WHEN 'top_customer_share' THEN c.share WHEN 'top10_share' THEN c.top10_share WHEN 'top_fifth_share' THEN c.top_fifth_share
                    WHEN 'customers' THEN c.customers WHEN 'total_mrr' THEN c.total_mrr WHEN 'top_fifth_count' THEN c.top_fifth_count END
  FROM cc AS c JOIN keys AS k ON k.src = 'conc' WHERE c.rn = 1
  UNION ALL
  SELECT 'renewals_at_risk', k.key, 0, NULL,
         CASE k.key WHEN 'customers' THEN r.customers WHEN 'renewal_days' THEN CAST(t.renewal_days AS INTEGER)
                    WHEN 'critical' THEN r.critical WHEN 'mrr' THEN r.mrr WHEN 'arr' THEN 12 * r.mrr END
  FROM (SELECT count(*) AS customers, sum(a.churn_risk_level = 'Critical') AS critical, total(a.mrr) AS mrr
        FROM ar AS a, t
        WHERE a.days_to_renewal >= 0 AND a.days_to_renewal <= t.renewal_days AND a.churn_risk_level IN ('High', 'Critical')) AS r, t
  JOIN keys AS k ON k.src = 'renew'
  UNION ALL
  SELECT 'eol_revenue_at_risk', k.key, 0, NULL,
         CASE k.key WHEN 'contract_value' THEN x.contract_value WHEN 'installs' THEN x.installs WHEN 'customers' THEN x.customers
                    WHEN 'past_eol_value' THEN x.past_value WHEN 'eol_days' THEN CAST(t.eol_days AS INTEGER)
                    WHEN 'upcoming_value' THEN x.upcoming_value END
  FROM (SELECT total(contract_value) AS contract_value, count(*) AS installs, count(DISTINCT account_id) AS customers,
               total(CASE WHEN past_eol THEN contract_value END) AS past_value,
               total(CASE WHEN NOT past_eol THEN contract_value END) AS upcoming_value
        FROM eol) AS x, t
  JOIN keys AS k ON k.src = 'eol'
  UNION ALL
  SELECT 'receivables_growing', k.key, 0, CASE k.key WHEN 'prior_day' THEN r.prior_day END,
         CASE k.key WHEN 'overdue' THEN r.overdue WHEN 'invoices' THEN r.invoices WHEN 'prior_overdue' THEN r.prior_overdue WHEN 'prior_invoices' THEN r.prior_invoices
                    WHEN 'growth' THEN (r.overdue - r.prior_overdue) / nullif(r.prior_overdue, 0)
                    WHEN 'window_days' THEN CAST(julianday(r.day) - julianday(r.prior_day) AS INTEGER) END
  FROM rv AS r JOIN keys AS k ON k.src = 'recv'),
wi AS MATERIALIZED (
  -- 95% Wilson score interval of conf_k / conf_n (wilson_lower/upper, z 1.96)
  SELECT f.*, wilson_lower(conf_k, conf_n) AS lo, wilson_upper(conf_k, conf_n) AS hi FROM facts AS f),
c AS (
  SELECT wi.*,
         round(CASE
           WHEN conf_kind = 'rate' AND coalesce(conf_n, 0) = 0 THEN 0
           WHEN conf_kind = 'rate' AND conf_claim = 'below' THEN min(1, max(0, (conf_threshold - lo) / (hi - lo))) * (1 - (hi - lo))
           WHEN conf_kind = 'rate' AND conf_claim = 'above' THEN min(1, max(0, (hi - conf_threshold) / (hi - lo))) * (1 - (hi - lo))
           WHEN conf_kind = 'ratio' AND coalesce(conf_n, 0) > 0 AND conf_d > 0
             THEN conf_d * sqrt(conf_n) / (conf_d * sqrt(conf_n) + 1)
           ELSE 0 END, 3) AS confidence
  FROM wi),
-- The JSON string escaping (the same three steps in 88_alerts.sql): backslash,
-- double quote, tab, newline, carriage return, then every other control
-- character as \u00XX.  Three steps, because one expression of 32 nested
-- replace() calls overflows SQLite's parser stack.
e1 AS MATERIALIZED (SELECT card_id, key, ord, num_value, replace(replace(replace(replace(replace(text_value, '\', '\\'), '"', '\"'), char(9), '\t'), char(10), '\n'), char(13), '\r') AS t1 FROM data),
e2 AS (SELECT card_id, key, ord, num_value, replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(t1, char(1), '\u0001'), char(2), '\u0002'), char(3), '\u0003'), char(4), '\u0004'), char(5), '\u0005'), char(6), '\u0006'), char(7), '\u0007'), char(8), '\u0008'), char(11), '\u000b'), char(12), '\u000c'), char(14), '\u000e'), char(15), '\u000f'), char(16), '\u0010'), char(17), '\u0011') AS t2 FROM e1),
e3 AS MATERIALIZED (SELECT card_id, key, ord, num_value, replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(t2, char(18), '\u0012'), char(19), '\u0013'), char(20), '\u0014'), char(21), '\u0015'), char(22), '\u0016'), char(23), '\u0017'), char(24), '\u0018'), char(25), '\u0019'), char(26), '\u001a'), char(27), '\u001b'), char(28), '\u001c'), char(29), '\u001d'), char(30), '\u001e'), char(31), '\u001f') AS t3 FROM e2),
e AS (
  SELECT card_id, key, ord,
         CASE WHEN t3 IS NOT NULL THEN '"' || t3 || '"'
              WHEN num_value IS NULL OR abs(num_value) > 1e300 THEN 'null'
              WHEN num_value = CAST(num_value AS INTEGER) AND abs(num_value) < 1e15 THEN CAST(CAST(num_value AS INTEGER) AS TEXT)
              ELSE printf('%.15g', num_value) END AS elem
  FROM e3 ORDER BY card_id, key, ord),
k AS (
  SELECT card_id, key,
         CASE WHEN max(ord) > 0 THEN '[' || group_concat(elem, ',') || ']' ELSE min(elem) END AS val
  FROM e GROUP BY card_id, key ORDER BY card_id, key),
j AS MATERIALIZED (SELECT card_id, '{' || group_concat('"' || key || '":' || val, ',') || '}' AS data FROM k GROUP BY card_id),
-- metrics: the catalogue metric of each key the card carries
-- (revops_card_metrics, sql/views/02_card_metrics.sql; a row naming the
-- card id's prefix, such as retention_band:nrr, is that card's own)
mk AS (
  SELECT k.card_id, k.key, min(m.metric_id) AS metric_id
  FROM k JOIN c ON c.card_id = k.card_id
  JOIN revops_card_metrics AS m ON m.source = 'insight' AND m.data_key = k.key
   AND (m.rule = c.rule OR m.rule = c.card_id)
  GROUP BY k.card_id, k.key ORDER BY k.card_id, k.key),
jm AS MATERIALIZED (SELECT card_id, '{' || group_concat('"' || key || '":"' || metric_id || '"', ',') || '}' AS metrics FROM mk GROUP BY card_id)
SELECT c.card_id, c.rule, c.category, c.severity, c.confidence, c.message, coalesce(j.data, '{}') AS data,
       coalesce(jm.metrics, '{}') AS metrics,
       c.conf_kind, c.conf_k, c.conf_n, c.conf_threshold, c.conf_claim, c.conf_d,
       CASE c.severity WHEN 'critical' THEN 1 WHEN 'warning' THEN 2 ELSE 3 END AS severity_order
FROM c LEFT JOIN j ON j.card_id = c.card_id LEFT JOIN jm ON jm.card_id = c.card_id;
