-- lead_score, lead_score_explain, lead_grade, revops_lead_model.
-- Each row: label, actual, expected.  Expected values are worked out by
-- hand from SPEC section 3 (seed 003 lead-scoring.yaml); the arithmetic is
-- in the comments.

-- A base that every decay case shares: content_download today (10) +
-- icp_industry (15) + company_size_fit (10) = 35, with no inactivity
-- penalty because content_download is recent.
CREATE TABLE ev(lead TEXT, signal TEXT, occurred_at TEXT);
WITH k(lead) AS (VALUES ('age00'), ('age14'), ('age20'), ('age21'), ('age28'), ('age34'), ('age35')),
     b(signal) AS (VALUES ('content_download'), ('icp_industry'), ('company_size_fit'))
INSERT INTO ev SELECT k.lead, b.signal, '2026-03-01' FROM k CROSS JOIN b;
INSERT INTO ev VALUES
  ('age00', 'pricing_page_visit', '2026-03-01'),
  ('age14', 'pricing_page_visit', date('2026-03-01', '-14 days')),
  ('age20', 'pricing_page_visit', date('2026-03-01', '-20 days')),
  ('age21', 'pricing_page_visit', date('2026-03-01', '-21 days')),
  ('age28', 'pricing_page_visit', date('2026-03-01', '-28 days')),
  ('age34', 'pricing_page_visit', date('2026-03-01', '-34 days')),
  ('age35', 'pricing_page_visit', date('2026-03-01', '-35 days'));

-- 15 - 5 * floor((age - 14) / 7): 20 -> 15, 21 -> 10, 28 -> 5, 35 -> 0.
SELECT 'decay: age 0 keeps 15 (35 + 15)',  lead_score(signal, occurred_at, '2026-03-01'), 50 FROM ev WHERE lead = 'age00';
SELECT 'decay: age 14 keeps 15',           lead_score(signal, occurred_at, '2026-03-01'), 50 FROM ev WHERE lead = 'age14';
SELECT 'decay: age 20 keeps 15',           lead_score(signal, occurred_at, '2026-03-01'), 50 FROM ev WHERE lead = 'age20';
SELECT 'decay: age 21 gives 10 (35 + 10)', lead_score(signal, occurred_at, '2026-03-01'), 45 FROM ev WHERE lead = 'age21';
SELECT 'decay: age 28 gives 5',            lead_score(signal, occurred_at, '2026-03-01'), 40 FROM ev WHERE lead = 'age28';
SELECT 'decay: age 34 gives 5',            lead_score(signal, occurred_at, '2026-03-01'), 40 FROM ev WHERE lead = 'age34';
SELECT 'decay: age 35 gives 0',            lead_score(signal, occurred_at, '2026-03-01'), 35 FROM ev WHERE lead = 'age35';
SELECT 'grouped: one row per lead', count(*), 7 FROM (SELECT lead, lead_score(signal, occurred_at, '2026-03-01') FROM ev GROUP BY lead);
SELECT 'result is an integer', typeof(lead_score(signal, occurred_at, '2026-03-01')), 'integer' FROM ev WHERE lead = 'age00';

-- Caps: the eight behavioral signals, fresh, sum to 15+10+12+25+8+10+8+5
-- = 93, capped at 60; the four firmographic sum to 15+10+10+5 = 40.
CREATE TABLE allsig(n INTEGER PRIMARY KEY, signal TEXT);
INSERT INTO allsig(signal) VALUES
  ('pricing_page_visit'), ('content_download'), ('webinar_attended'), ('demo_request'),
  ('email_engaged'), ('deep_session'), ('return_visit'), ('chatbot_engaged'),
  ('icp_industry'), ('company_size_fit'), ('decision_maker'), ('target_geography'),
  ('unsubscribed'), ('student_email'), ('competitor_domain');
SELECT 'cap: behavioral 93 -> 60', lead_score(signal, '2026-02-28', '2026-03-01'), 60 FROM allsig WHERE n <= 8;
SELECT 'cap: firmographic 40, no activity -15', lead_score(signal, '2026-02-28', '2026-03-01'), 25 FROM allsig WHERE n BETWEEN 9 AND 12;
SELECT 'cap: 60 + 40', lead_score(signal, '2026-02-28', '2026-03-01'), 100 FROM allsig WHERE n <= 12;
SELECT 'negatives after caps: 100 - 20', lead_score(signal, '2026-02-28', '2026-03-01'), 80 FROM allsig WHERE n <= 13;
SELECT 'negatives after caps: 100 - 20 - 30', lead_score(signal, '2026-02-28', '2026-03-01'), 50 FROM allsig WHERE n <= 14;
SELECT 'clamped at 0: 100 - 150', lead_score(signal, '2026-02-28', '2026-03-01'), 0 FROM allsig;

-- Inactivity: no behavioral signal in the 30 days up to as_of -> -15.
-- icp (15) + decision_maker (10) + content_download at age 30 or 31.
CREATE TABLE inact(lead TEXT, signal TEXT, occurred_at TEXT);
INSERT INTO inact VALUES
  ('a30', 'icp_industry', '2026-01-01'), ('a30', 'decision_maker', '2026-01-01'),
  ('a30', 'content_download', date('2026-03-01', '-30 days')),
  ('a31', 'icp_industry', '2026-01-01'), ('a31', 'decision_maker', '2026-01-01'),
  ('a31', 'content_download', date('2026-03-01', '-31 days')),
  ('none', 'icp_industry', '2026-01-01'), ('none', 'decision_maker', '2026-01-01');
SELECT 'inactivity: behavioral at age 30 counts (25 + 10)', lead_score(signal, occurred_at, '2026-03-01'), 35 FROM inact WHERE lead = 'a30';
SELECT 'inactivity: behavioral at age 31 does not (25 + 10 - 15)', lead_score(signal, occurred_at, '2026-03-01'), 20 FROM inact WHERE lead = 'a31';
SELECT 'inactivity: no behavioral at all (25 - 15)', lead_score(signal, occurred_at, '2026-03-01'), 10 FROM inact WHERE lead = 'none';

-- Each signal counts once, at its best occurrence; future rows, unknown
-- names and NULLs are left out.
WITH t(s, o) AS (VALUES ('demo_request', '2026-02-27'), ('demo_request', '2026-02-20'), ('icp_industry', '2026-01-01'))
SELECT 'duplicates count once: 25 + 15', lead_score(s, o, '2026-03-01'), 40
  FROM t;
WITH t(s, o) AS (VALUES ('pricing_page_visit', date('2026-03-01', '-40 days')), ('pricing_page_visit', '2026-02-26'))
SELECT 'best occurrence wins: pricing at 40 days and 3 days -> 15', lead_score(s, o, '2026-03-01'), 15
  FROM t;
WITH t(s, o) AS (VALUES ('demo_request', '2026-03-02'), ('icp_industry', '2026-01-01'), ('company_size_fit', '2026-01-01'), ('decision_maker', '2026-01-01'))
SELECT 'after as_of is ignored: 35 - 15', lead_score(s, o, '2026-03-01'), 20
  FROM t;
WITH t(s, o) AS (VALUES ('demo_request', '2026-03-01 10:00'))
SELECT 'later the same day is after as_of', lead_score(s, o, '2026-03-01'), 0
  FROM t;
WITH t(s, o) AS (VALUES ('demo_request', '2026-03-01 10:00'))
SELECT 'earlier the same day counts: 25', lead_score(s, o, '2026-03-01 12:00'), 25
  FROM t;
WITH t(s, o) AS (VALUES ('icp_industry', '2026-01-01'), ('company_size_fit', '2026-01-01'), ('decision_maker', '2026-01-01'),
               ('content_download', '2026-02-28'), ('viewed_careers_page', '2026-02-28'))
SELECT 'unknown names score 0: 35 + 10', lead_score(s, o, '2026-03-01'), 45
  FROM t;
WITH t(s, o) AS (VALUES ('demo_request', '2026-02-28'), (NULL, '2026-02-28'), ('icp_industry', NULL))
SELECT 'NULL rows are skipped', lead_score(s, o, '2026-03-01'), 25
  FROM t;
WITH t(s, o) AS (VALUES (NULL, '2026-02-28'), ('icp_industry', NULL))
SELECT 'only NULL rows -> NULL', lead_score(s, o, '2026-03-01'), NULL
  FROM t;
SELECT 'no rows -> NULL', lead_score(signal, occurred_at, '2026-03-01'), NULL FROM ev WHERE 0;
WITH t(s, o) AS (VALUES ('demo_request', '2026-03-05'))
SELECT 'rows all after as_of -> scored (0), not NULL', lead_score(s, o, '2026-03-01'), 0
  FROM t;
WITH t(s, o, a) AS (VALUES ('demo_request', '2026-02-28', '2026-03-01'), ('icp_industry', '2026-01-01', '2026-03-01T00:00:00Z'))
SELECT 'as_of written two ways is the same instant', lead_score(s, o, a), 40
  FROM t;

-- Window: a frame gives what the aggregate gives over the same rows.
CREATE TABLE wev(id INTEGER PRIMARY KEY, signal TEXT, occurred_at TEXT);
INSERT INTO wev(signal, occurred_at) VALUES
  ('demo_request', '2026-02-01'), ('pricing_page_visit', '2026-02-25'), ('icp_industry', '2026-01-15'),
  ('unsubscribed', '2026-02-20'), ('webinar_attended', '2026-01-10'), ('pricing_page_visit', '2026-01-20'),
  ('decision_maker', '2026-02-27'), ('student_email', '2026-02-02'), ('content_download', '2026-02-28');
SELECT 'window frame = aggregate over the same rows (9 frames)', count(*), 9 FROM (
  SELECT id, lead_score(signal, occurred_at, '2026-03-01') OVER (ORDER BY id ROWS BETWEEN 2 PRECEDING AND 1 FOLLOWING) AS w
  FROM wev) AS f
  WHERE w = (SELECT lead_score(signal, occurred_at, '2026-03-01') FROM wev AS g WHERE g.id BETWEEN f.id - 2 AND f.id + 1);
-- Frame ending at row 3: demo_request (age 28, 25) + pricing (age 4, 15)
-- + icp (15) = 55.
SELECT 'window: frame of rows 1-3 by hand', w, 55 FROM (
  SELECT id, lead_score(signal, occurred_at, '2026-03-01') OVER (ORDER BY id ROWS BETWEEN 2 PRECEDING AND CURRENT ROW) AS w FROM wev) WHERE id = 3;
-- Frame of rows 4-6: unsubscribed (-20) + webinar (age 50, 12) + pricing
-- (age 40: 15 - 5 * 3 = 0); no behavioral in 30 days (-15): 12 - 20 - 15 < 0.
SELECT 'window: frame of rows 4-6 by hand', w, 0 FROM (
  SELECT id, lead_score(signal, occurred_at, '2026-03-01') OVER (ORDER BY id ROWS BETWEEN 2 PRECEDING AND CURRENT ROW) AS w FROM wev) WHERE id = 6;

-- Custom models, edited from the default with json_set.
WITH t(s, o) AS (VALUES ('demo_request', '2026-02-28'), ('icp_industry', '2026-01-01'))
SELECT 'model: demo_request worth 40 (40 + 15)',
  lead_score(s, o, '2026-03-01', json_set(revops_lead_model(), '$.signals.demo_request.points', 40)), 55
  FROM t;
WITH t(s, o) AS (VALUES ('demo_request', '2026-02-28'), ('trial_started', '2026-02-28'))
SELECT 'model: a new signal (trial_started 30) + 25',
  lead_score(s, o, '2026-03-01', json_set(revops_lead_model(), '$.signals.trial_started', json('{"points":30,"group":"behavioral"}'))), 55
  FROM t;
WITH t(s, o) AS (VALUES ('icp_industry', '2026-01-01'))
SELECT 'model: no inactivity penalty (icp 15 alone)',
  lead_score(s, o, '2026-03-01', json_set(revops_lead_model(), '$.inactivity.points', 0)), 15
  FROM t;
WITH t(s, o) AS (VALUES ('demo_request', '2026-02-28'))
SELECT 'model: NULL model means the default', lead_score(s, o, '2026-03-01', NULL), 25
  FROM t;
SELECT 'model: per group, two models in one query', group_concat(sc, ','), '25,40' FROM (
  SELECT m, lead_score(s, o, '2026-03-01', m) AS sc FROM (
    SELECT NULL AS m, 'demo_request' AS s, '2026-02-28' AS o
    UNION ALL SELECT json_set(revops_lead_model(), '$.signals.demo_request.points', 40), 'demo_request', '2026-02-28')
  GROUP BY m ORDER BY sc);

-- The default model as JSON.
SELECT 'revops_lead_model is valid JSON', json_valid(revops_lead_model()), 1;
SELECT 'model: 15 signals', (SELECT count(*) FROM json_each(revops_lead_model(), '$.signals')), 15;
SELECT 'model: pricing decay 5 per 7 days after 14',
  json_extract(revops_lead_model(), '$.signals.pricing_page_visit.decay.points') || '/' ||
  json_extract(revops_lead_model(), '$.signals.pricing_page_visit.decay.every_days') || '/' ||
  json_extract(revops_lead_model(), '$.signals.pricing_page_visit.decay.after_days'), '5/7/14';
SELECT 'model: caps 60/40', json_extract(revops_lead_model(), '$.caps.behavioral') || '/' || json_extract(revops_lead_model(), '$.caps.firmographic'), '60/40';
SELECT 'model: thresholds 50/75', json_extract(revops_lead_model(), '$.thresholds.mql') || '/' || json_extract(revops_lead_model(), '$.thresholds.hot'), '50/75';
SELECT 'model: inactivity -15 after 30 days', json_extract(revops_lead_model(), '$.inactivity.points') || '/' || json_extract(revops_lead_model(), '$.inactivity.days'), '-15/30';
SELECT 'model: embeds as JSON, not a string', json_type(json_object('m', revops_lead_model()), '$.m'), 'object';

-- lead_grade boundaries (seed 003: MQL 50, hot 75).
SELECT 'grade 100', lead_grade(100), 'Hot';
SELECT 'grade 75', lead_grade(75), 'Hot';
SELECT 'grade 74.9', lead_grade(74.9), 'MQL';
SELECT 'grade 50', lead_grade(50), 'MQL';
SELECT 'grade 49', lead_grade(49), 'Nurture';
SELECT 'grade 0', lead_grade(0), 'Nurture';
SELECT 'grade NULL', lead_grade(NULL), NULL;
SELECT 'grade with a model: hot at 60', lead_grade(60, json_set(revops_lead_model(), '$.thresholds.hot', 60)), 'Hot';

-- lead_score_explain: the same score, with the working shown.
CREATE TABLE ex(signal TEXT, occurred_at TEXT);
INSERT INTO ex VALUES
  ('pricing_page_visit', date('2026-03-01', '-22 days')), ('pricing_page_visit', date('2026-03-01', '-29 days')),
  ('demo_request', '2026-02-20'), ('webinar_attended', '2026-02-10'), ('deep_session', '2026-02-11'),
  ('content_download', '2026-02-12'), ('icp_industry', '2026-01-01'), ('unsubscribed', '2026-02-01'),
  ('mystery', '2026-02-01'), ('mystery', '2026-02-02'), ('demo_request', '2026-04-01');
-- pricing best at age 22: 15 - 5 = 10; behavioral 10 + 25 + 12 + 10 + 10
-- = 67 -> 60; firmographic 15; negative -20: 60 + 15 - 20 = 55.
SELECT 'explain: score', json_extract(lead_score_explain(signal, occurred_at, '2026-03-01'), '$.score'), 55 FROM ex;
SELECT 'explain: same as lead_score', lead_score(signal, occurred_at, '2026-03-01'), 55 FROM ex;
SELECT 'explain: grade', json_extract(lead_score_explain(signal, occurred_at, '2026-03-01'), '$.grade'), 'MQL' FROM ex;
SELECT 'explain: behavioral raw/cap/counted',
  json_extract(x, '$.behavioral.points') || '/' || json_extract(x, '$.behavioral.cap') || '/' || json_extract(x, '$.behavioral.counted'), '67/60/60'
  FROM (SELECT lead_score_explain(signal, occurred_at, '2026-03-01') AS x FROM ex);
SELECT 'explain: pricing points/base/decay/occurrences',
  (SELECT json_extract(value, '$.points') || '/' || json_extract(value, '$.base') || '/' || json_extract(value, '$.decay') || '/' || json_extract(value, '$.occurrences')
   FROM json_each(x, '$.signals') WHERE json_extract(value, '$.signal') = 'pricing_page_visit'), '10/15/5/2'
  FROM (SELECT lead_score_explain(signal, occurred_at, '2026-03-01') AS x FROM ex);
SELECT 'explain: unknown signals reported', json_extract(x, '$.unknown[0].signal') || ' x' || json_extract(x, '$.unknown[0].occurrences'), 'mystery x2'
  FROM (SELECT lead_score_explain(signal, occurred_at, '2026-03-01') AS x FROM ex);
SELECT 'explain: rows after as_of counted', json_extract(x, '$.ignored_after_as_of'), 1
  FROM (SELECT lead_score_explain(signal, occurred_at, '2026-03-01') AS x FROM ex);
SELECT 'explain: negative and inactivity', json_extract(x, '$.negative') || '/' || json_extract(x, '$.inactivity'), '-20/0'
  FROM (SELECT lead_score_explain(signal, occurred_at, '2026-03-01') AS x FROM ex);
SELECT 'explain: window frame matches aggregate', count(*), 11 FROM (
  SELECT rowid AS id, lead_score_explain(signal, occurred_at, '2026-03-01') OVER (ORDER BY rowid ROWS BETWEEN 3 PRECEDING AND CURRENT ROW) AS w FROM ex) AS f
  WHERE w = (SELECT lead_score_explain(signal, occurred_at, '2026-03-01') FROM ex AS g WHERE g.rowid BETWEEN f.id - 3 AND f.id);
-- lead_score_explain skips NULL rows as lead_score does (docs/leads.md):
-- only demo_request (25) counts; only NULL rows -> NULL.
WITH t(s, o) AS (VALUES ('demo_request', '2026-02-28'), (NULL, '2026-02-28'), ('icp_industry', NULL))
SELECT 'explain: NULL rows are skipped', json_extract(lead_score_explain(s, o, '2026-03-01'), '$.score'), 25 FROM t;
WITH t(s, o) AS (VALUES (NULL, '2026-02-28'), ('icp_industry', NULL))
SELECT 'explain: only NULL rows -> NULL', lead_score_explain(s, o, '2026-03-01'), NULL FROM t;
