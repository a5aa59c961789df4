-- sql/views/88_alerts.sql — seed 001's alerts, with acknowledge and resolve.
--
-- Question: what needs attention now, and has someone already seen it?
-- (Seed 001 "Alerts & Notifications": Build Failure (critical), Stale
-- Pipeline, Data Quality, Sync Delay, Forecast Miss (warnings); acknowledge
-- to mark as seen, resolve when fixed; email and chat notifications.)
--
-- alert_log      (table) every acknowledge and resolve: alert_key, action,
--                the fingerprint of the facts it was given for, when, who,
--                a note.  Append-only; tools/alerts.py writes it.
-- alerts_raised  one row per alert whose rule fires now: alert_key (stable:
--                the rule, e.g. 'stale_pipeline'), alert_type, severity,
--                message with its numbers, row_count and fingerprint, the
--                facts as text (the ids and figures behind the alert),
--                data (every number the message prints, and its dates, as
--                JSON) and metrics (data key -> metric_id of
--                revops_metrics, from revops_card_metrics).
-- alert_rows     the rows behind each raised alert, long form: alert_key,
--                row_no, kind ('file', 'deal', 'source', 'rep'), id, detail.
-- alerts         alerts_raised with its status: 'acknowledged' or
--                'resolved' when the latest alert_log entry for the key
--                carries the current fingerprint, otherwise 'open'.  So an
--                acknowledged alert is not raised again until its facts
--                change; then it is open again.
-- The day the sync-delay rule measures data age against is settings
-- 'today' when set (a cron job that pages on stale data sets it to the
-- real date), else the as-of date: no view reads the machine's clock
-- (issue 21), so the same file gives the same alerts on every machine.
--
-- alert_log is created here rather than in sql/schema.sql: schema.sql holds
-- the imported tables (sql/import/import.sql is generated from it and the
-- import loads every table it lists), while this table is state the alerts
-- feature writes; CREATE TABLE IF NOT EXISTS keeps it across re-installs.

CREATE TABLE IF NOT EXISTS alert_log (
  event_id INTEGER PRIMARY KEY,
  alert_key TEXT NOT NULL,
  action TEXT NOT NULL CHECK (action IN ('acknowledged', 'resolved')),
  fingerprint TEXT NOT NULL,
  logged_at TEXT NOT NULL CHECK (logged_at IS datetime(logged_at, '+0 days')),
  logged_by TEXT,
  note TEXT
) STRICT;
CREATE INDEX IF NOT EXISTS alert_log_key ON alert_log (alert_key, event_id);

-- The last forecast period that has ended, per rep: the Commit at the rep's
-- latest submission against what the rep won in the period.
DROP VIEW IF EXISTS insight_forecast_miss;
CREATE VIEW insight_forecast_miss AS
WITH d AS (SELECT as_of FROM as_of_date),
last_period AS (
  SELECT period_start, period_end FROM forecast_submissions, d
  WHERE period_end <= d.as_of ORDER BY period_end DESC, period_start DESC LIMIT 1),
fc AS (
  SELECT f.rep_id, lp.period_start, lp.period_end,
         (SELECT total(x.amount) FROM forecast_submissions AS x
           WHERE x.rep_id = f.rep_id AND x.period_start = lp.period_start AND x.category = 'Commit'
             AND x.submitted_date = (SELECT max(y.submitted_date) FROM forecast_submissions AS y
                                     WHERE y.rep_id = f.rep_id AND y.period_start = lp.period_start)) AS commit_amount,
         (SELECT total(o.amount) FROM opportunities AS o JOIN stages AS s ON s.stage = o.stage AND s.is_won = 1
           WHERE o.owner_rep_id = f.rep_id AND o.close_date >= lp.period_start AND o.close_date < lp.period_end) AS actual
  FROM (SELECT DISTINCT rep_id, period_start FROM forecast_submissions) AS f
  JOIN last_period AS lp ON lp.period_start = f.period_start)
SELECT fc.*, (SELECT abs(total(actual) - total(commit_amount)) / nullif(total(actual), 0) FROM fc) AS team_miss FROM fc;

DROP VIEW IF EXISTS alert_rows;
CREATE VIEW alert_rows AS
WITH d AS (SELECT as_of, date(as_of, '-' || (SELECT CAST(value AS INTEGER) FROM insight_thresholds WHERE key = 'window_days') || ' days') AS since FROM as_of_date),
t AS (SELECT (SELECT value FROM insight_thresholds WHERE key = 'stale_days') AS stale_days),
-- the open deals once: the rules below read them seven times, and each
-- read computed every deal's facts again (0.2 s of cro.open_alerts'
-- 0.33 s at SCALE=20)
deals AS MATERIALIZED (SELECT opportunity_id, amount, close_date, next_step, days_to_close, days_since_activity
                       FROM insight_deal_facts),
r(alert_key, kind, id, detail, sort_key) AS (
  -- Import failure: rows rejected (import_rejects keeps, per file, what is
  -- still wrong) or a file whose counts do not add up.
  SELECT 'import_failure', 'file', file || ':' || line, coalesce(table_name, '(no table)') || ': ' || reason, printf('%s:%09d', file, line)
  FROM import_rejects
  UNION ALL
  SELECT 'import_failure', 'file', s.file, printf('run %d: %d rows read, %d loaded, %d rejected', s.run_id, s.rows_read, s.rows_loaded, s.rows_rejected), s.file
  FROM import_summary AS s
  WHERE s.run_id = (SELECT max(run_id) FROM import_summary) AND s.rows_read <> s.rows_loaded + s.rows_rejected
  UNION ALL
  -- Stale pipeline: open deals without activity for 14+ days.
  SELECT 'stale_pipeline', 'deal', f.opportunity_id,
         CASE WHEN f.days_since_activity IS NULL THEN 'no activity ever' ELSE printf('no activity for %d days', CAST(f.days_since_activity AS INTEGER)) END,
         f.opportunity_id
  FROM deals AS f, t WHERE f.days_since_activity IS NULL OR f.days_since_activity >= t.stale_days
  UNION ALL
  -- Data quality: seed 001 hygiene issues and seed 003 required fields.
  SELECT 'data_quality', 'deal', f.opportunity_id, 'open deal without an amount', 'a' || f.opportunity_id FROM deals AS f WHERE f.amount IS NULL
  UNION ALL
  SELECT 'data_quality', 'deal', f.opportunity_id, 'open deal without a close date', 'b' || f.opportunity_id FROM deals AS f WHERE f.close_date IS NULL
  UNION ALL
  SELECT 'data_quality', 'deal', f.opportunity_id, 'open deal without a next step', 'c' || f.opportunity_id FROM deals AS f WHERE f.next_step IS NULL OR trim(f.next_step) = ''
  UNION ALL
  SELECT 'data_quality', 'deal', f.opportunity_id, printf('open deal past its close date %s', f.close_date), 'd' || f.opportunity_id FROM deals AS f WHERE f.days_to_close < 0
  UNION ALL
  SELECT 'data_quality', 'deal', o.opportunity_id, printf('closed lost on %s without a loss reason', o.close_date), 'e' || o.opportunity_id
  FROM opportunities AS o, d WHERE o.stage = 'Closed Lost' AND (o.loss_reason IS NULL OR trim(o.loss_reason) = '')
    AND o.close_date >= d.since AND o.close_date < d.as_of
  UNION ALL
  -- Sync delay: the newest fact per source (not the last import: an
  -- import of old files does not make the data fresh).  The date of the
  -- latest time, substr(max(t), 1, 10), is the latest date (ISO text sorts
  -- by its prefix first) and one step to the end of the time's index;
  -- max(substr(t, 1, 10)) read every activity and ticket (four scans of
  -- 2.5 million rows at SCALE=20 on every read of the alerts).
  SELECT 'sync_delay', 'source', src, 'latest ' || coalesce(latest, 'none'), src
  FROM (SELECT 'deal snapshots' AS src, max(snapshot_date) AS latest FROM opportunity_snapshots
        UNION ALL SELECT 'activities', substr(max(occurred_at), 1, 10) FROM activities
        UNION ALL SELECT 'invoices', max(invoice_date) FROM invoices
        UNION ALL SELECT 'support tickets', substr(max(opened_at), 1, 10) FROM support_tickets
        UNION ALL SELECT 'subscriptions', max(start_date) FROM subscriptions)
  WHERE (SELECT max(x) FROM (SELECT max(snapshot_date) AS x FROM opportunity_snapshots
          UNION ALL SELECT substr(max(occurred_at), 1, 10) FROM activities
          UNION ALL SELECT max(invoice_date) FROM invoices
          UNION ALL SELECT substr(max(opened_at), 1, 10) FROM support_tickets
          UNION ALL SELECT max(start_date) FROM subscriptions))
        < date(coalesce((SELECT value FROM settings WHERE key = 'today'), (SELECT as_of FROM as_of_date)),
               '-' || (SELECT CAST(value AS INTEGER) FROM insight_thresholds WHERE key = 'sync_delay_days') || ' days')
  UNION ALL
  -- Forecast miss: the last ended period, per rep.
  SELECT 'forecast_miss', 'rep', rep_id,
         printf('period %s to %s: commit %,d, actual %,d', period_start, period_end, CAST(commit_amount AS INTEGER), CAST(actual AS INTEGER)),
         rep_id
  FROM insight_forecast_miss
  WHERE team_miss > (SELECT value FROM insight_thresholds WHERE key = 'forecast_miss'))
SELECT alert_key, row_number() OVER (PARTITION BY alert_key ORDER BY sort_key) AS row_no, kind, id, detail
FROM r
WHERE alert_key <> 'stale_pipeline'
   OR (SELECT count(*) FROM deals AS f, t WHERE f.days_since_activity IS NULL OR f.days_since_activity >= t.stale_days)
      >= (SELECT value FROM insight_thresholds WHERE key = 'stale_share') * (SELECT count(*) FROM deals);

DROP VIEW IF EXISTS alerts_raised;
CREATE VIEW alerts_raised AS
WITH ar AS MATERIALIZED (SELECT * FROM alert_rows),
agg AS (
  SELECT alert_key, count(*) AS row_count,
         -- the facts: every row's id and detail, in row order
         group_concat(id || '=' || detail, char(10)) AS fingerprint
  FROM (SELECT * FROM ar ORDER BY alert_key, row_no) GROUP BY alert_key),
th AS (
  SELECT (SELECT CAST(value AS INTEGER) FROM insight_thresholds WHERE key = 'stale_days') AS stale_days,
         (SELECT CAST(value AS INTEGER) FROM insight_thresholds WHERE key = 'sync_delay_days') AS sync_delay_days,
         (SELECT value FROM insight_thresholds WHERE key = 'forecast_miss') AS miss_limit,
         coalesce((SELECT value FROM settings WHERE key = 'today'), (SELECT as_of FROM as_of_date)) AS today,
         (SELECT count(*) FROM insight_deal_facts) AS open_deals,
         (SELECT max(substr(detail, 8)) FROM ar WHERE alert_key = 'sync_delay' AND detail <> 'latest none') AS latest),
-- the data-quality issues: alert_rows' detail text of each
dq(key, pattern) AS (VALUES ('no_amount', 'open deal without an amount'), ('no_close_date', 'open deal without a close date'),
  ('no_next_step', 'open deal without a next step'), ('past_close_date', 'open deal past its close date%'),
  ('losses_without_reason', 'closed lost on%')),
fm AS (
  SELECT min(period_start) AS period_start, min(period_end) AS period_end, total(commit_amount) AS commit_amount,
         total(actual) AS actual, max(team_miss) AS miss
  FROM insight_forecast_miss),
-- the figures of th and fm each alert prints (fig's last arm)
figk(alert_key, key) AS (VALUES ('stale_pipeline', 'open_deals'), ('stale_pipeline', 'stale_days'),
  ('sync_delay', 'latest'), ('sync_delay', 'data_age_days'), ('sync_delay', 'today'), ('sync_delay', 'sync_delay_days'),
  ('forecast_miss', 'period_start'), ('forecast_miss', 'period_end'), ('forecast_miss', 'commit'),
  ('forecast_miss', 'won'), ('forecast_miss', 'miss'), ('forecast_miss', 'miss_limit')),
-- Every figure a message prints, long form (alert_key, key, num_value,
-- text_value: a date): the message is written from these, and `data` and
-- `metrics` (revops_card_metrics, sql/views/02_card_metrics.sql) are built
-- from them.
fig(alert_key, key, num_value, text_value) AS (
  SELECT alert_key, 'rows', row_count, NULL FROM agg WHERE alert_key IN ('import_failure', 'stale_pipeline', 'data_quality')
  UNION ALL
  SELECT 'import_failure', 'files', count(DISTINCT substr(id, 1, instr(id || ':', ':') - 1)), NULL FROM ar WHERE alert_key = 'import_failure'
  UNION ALL
  SELECT 'stale_pipeline', 'stale_share', 1.0 * a.row_count / nullif(th.open_deals, 0), NULL FROM agg AS a, th WHERE a.alert_key = 'stale_pipeline'
  UNION ALL
  SELECT 'data_quality', q.key, (SELECT count(*) FROM ar WHERE alert_key = 'data_quality' AND detail LIKE q.pattern), NULL
  FROM dq AS q
  UNION ALL
  -- the thresholds, dates and forecast figures (th, fm: one row each),
  -- one row per key of figk
  SELECT k.alert_key, k.key,
         CASE k.key WHEN 'open_deals' THEN th.open_deals WHEN 'stale_days' THEN th.stale_days
                    WHEN 'data_age_days' THEN CAST(julianday(th.today) - julianday(th.latest) AS INTEGER)
                    WHEN 'sync_delay_days' THEN th.sync_delay_days WHEN 'commit' THEN fm.commit_amount
                    WHEN 'won' THEN fm.actual WHEN 'miss' THEN fm.miss WHEN 'miss_limit' THEN th.miss_limit END,
         CASE k.key WHEN 'latest' THEN th.latest WHEN 'today' THEN th.today
                    WHEN 'period_start' THEN fm.period_start WHEN 'period_end' THEN fm.period_end END
  FROM th, fm, figk AS k),
f AS MATERIALIZED (
  SELECT fig.* FROM fig JOIN agg ON agg.alert_key = fig.alert_key ORDER BY fig.alert_key, fig.key),
-- one row per raised alert, the figures as columns (NULL where the alert has none)
p AS (
  SELECT alert_key,
         max(CASE key WHEN 'rows' THEN num_value END) AS n_rows, max(CASE key WHEN 'files' THEN num_value END) AS files,
         max(CASE key WHEN 'open_deals' THEN num_value END) AS open_deals, max(CASE key WHEN 'stale_share' THEN num_value END) AS stale_share,
         max(CASE key WHEN 'stale_days' THEN num_value END) AS stale_days,
         max(CASE key WHEN 'no_amount' THEN num_value END) AS no_amount, max(CASE key WHEN 'no_close_date' THEN num_value END) AS no_close_date,
         max(CASE key WHEN 'no_next_step' THEN num_value END) AS no_next_step, max(CASE key WHEN 'past_close_date' THEN num_value END) AS past_close_date,
         max(CASE key WHEN 'losses_without_reason' THEN num_value END) AS losses_without_reason,
         max(CASE key WHEN 'latest' THEN text_value END) AS latest, max(CASE key WHEN 'data_age_days' THEN num_value END) AS data_age_days,
         max(CASE key WHEN 'today' THEN text_value END) AS today, max(CASE key WHEN 'sync_delay_days' THEN num_value END) AS sync_delay_days,
         max(CASE key WHEN 'period_start' THEN text_value END) AS period_start, max(CASE key WHEN 'period_end' THEN text_value END) AS period_end,
         max(CASE key WHEN 'commit' THEN num_value END) AS commit_amount, max(CASE key WHEN 'won' THEN num_value END) AS won,
         max(CASE key WHEN 'miss' THEN num_value END) AS miss, max(CASE key WHEN 'miss_limit' THEN num_value END) AS miss_limit
  FROM f GROUP BY alert_key),
-- data: the figures as JSON; a text value is a date (anything else,
-- e.g. a malformed date in the data, is null: no text from the file is
-- copied into the JSON unescaped)
j AS (
  SELECT alert_key, '{' || group_concat('"' || key || '":' || CASE
           WHEN text_value IS NOT NULL THEN CASE WHEN text_value = date(text_value) THEN '"' || text_value || '"' ELSE 'null' END
           WHEN num_value IS NULL OR abs(num_value) > 1e300 THEN 'null'
           WHEN num_value = CAST(num_value AS INTEGER) AND abs(num_value) < 1e15 THEN CAST(CAST(num_value AS INTEGER) AS TEXT)
           ELSE printf('%.15g', num_value) END, ',') || '}' AS data
  FROM f GROUP BY alert_key),
jm AS (
  SELECT f.alert_key, '{' || group_concat('"' || f.key || '":"' || m.metric_id || '"', ',') || '}' AS metrics
  FROM f JOIN revops_card_metrics AS m ON m.source = 'alert' AND m.rule = f.alert_key AND m.data_key = f.key
  GROUP BY f.alert_key)
SELECT a.alert_key,
       CASE a.alert_key WHEN 'import_failure' THEN 'Build Failure' WHEN 'stale_pipeline' THEN 'Stale Pipeline'
                        WHEN 'data_quality' THEN 'Data Quality' WHEN 'sync_delay' THEN 'Sync Delay'
                        WHEN 'forecast_miss' THEN 'Forecast Miss' END AS alert_type,
       CASE a.alert_key WHEN 'import_failure' THEN 'critical' ELSE 'warning' END AS severity,
       CASE a.alert_key
         WHEN 'import_failure' THEN printf('Import: %d row%s rejected or unaccounted for in %d file%s; see import_rejects.',
              p.n_rows, CASE WHEN p.n_rows = 1 THEN '' ELSE 's' END, p.files, CASE WHEN p.files = 1 THEN '' ELSE 's' END)
         WHEN 'stale_pipeline' THEN printf('%d of %d open deals (%.0f%%) have had no activity for %d days or more.',
              p.n_rows, p.open_deals, 100.0 * p.stale_share, p.stale_days)
         WHEN 'data_quality' THEN printf('%d data issues: %d open deals without an amount, %d without a close date, %d without a next step, %d past their close date, %d recent losses without a reason.',
              p.n_rows, p.no_amount, p.no_close_date, p.no_next_step, p.past_close_date, p.losses_without_reason)
         WHEN 'sync_delay' THEN printf('The newest data is from %s, %d days before %s (more than %d).',
              p.latest, p.data_age_days, p.today, p.sync_delay_days)
         WHEN 'forecast_miss' THEN printf('Forecast miss for %s to %s: commit %,d against %,d won, %.0f%% off (target under %.0f%%).',
              p.period_start, p.period_end, CAST(p.commit_amount AS INTEGER), CAST(p.won AS INTEGER), 100 * p.miss, 100 * p.miss_limit)
       END AS message,
       a.row_count, a.fingerprint,
       CASE a.alert_key WHEN 'import_failure' THEN 1 ELSE 2 END AS severity_order,
       coalesce(j.data, '{}') AS data, coalesce(jm.metrics, '{}') AS metrics
FROM agg AS a LEFT JOIN p ON p.alert_key = a.alert_key LEFT JOIN j ON j.alert_key = a.alert_key
LEFT JOIN jm ON jm.alert_key = a.alert_key;

DROP VIEW IF EXISTS alerts;
CREATE VIEW alerts AS
SELECT r.alert_key, r.alert_type, r.severity, r.message, r.row_count,
       CASE WHEN l.fingerprint = r.fingerprint THEN l.action ELSE 'open' END AS status,
       CASE WHEN l.fingerprint = r.fingerprint THEN l.logged_at END AS status_at,
       CASE WHEN l.fingerprint = r.fingerprint THEN l.note END AS status_note,
       l.fingerprint IS NOT NULL AND l.fingerprint <> r.fingerprint AS facts_changed,
       r.fingerprint, r.severity_order, r.data, r.metrics
FROM alerts_raised AS r
LEFT JOIN alert_log AS l ON l.event_id = (SELECT max(x.event_id) FROM alert_log AS x WHERE x.alert_key = r.alert_key);
