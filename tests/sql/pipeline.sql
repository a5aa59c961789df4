-- weighted_pipeline (SPEC section 3, seed 003 aging discount).

SELECT 'one deal: 100000 x 0.25', weighted_pipeline(100000, 0.25), 25000.0;
SELECT 'a REAL result', typeof(weighted_pipeline(100000, 1)), 'real';
SELECT 'no rows -> 0.0', weighted_pipeline(amount, p), 0.0 FROM (SELECT 1 AS amount, 1 AS p) WHERE 0;
WITH t(a, p) AS (VALUES (NULL, 0.5), (100, NULL))
SELECT 'only NULL rows -> 0.0', weighted_pipeline(a, p), 0.0 FROM t;
WITH t(a, p) AS (VALUES (NULL, 0.5), (100, NULL), (60, 0.5))
SELECT 'NULL rows are skipped', weighted_pipeline(a, p), 30.0 FROM t;
-- Exact to the cent where a double sum is not: 0.1 ten times.
SELECT 'ten times 0.10 is 1.00', weighted_pipeline(0.1, 1), 1.0 FROM (VALUES (1),(2),(3),(4),(5),(6),(7),(8),(9),(10));
-- Half a cent rounds away from zero: 10.01 x 0.5 = 5.005 -> 5.01.
SELECT 'half cent rounds up', weighted_pipeline(10.01, 0.5), 5.01;
-- 3 x 33.33 x 0.3333 = 33.326667 -> 33.33
SELECT 'three fractional products', weighted_pipeline(33.33, 0.3333), 33.33 FROM (VALUES (1),(2),(3));
WITH t(a, p) AS (VALUES (1000, 0), (500, 1))
SELECT 'probability 0 and 1', weighted_pipeline(a, p), 500.0 FROM t;

-- Aging (seed 003): days past close = as_of - close_date;
-- < 30 -> x1, 30..59 -> x0.5, >= 60 -> x0.25.  1000 at probability 1.
SELECT 'not yet due (close in 5 days)', weighted_pipeline(1000, 1, '2026-06-06', '2026-06-01'), 1000.0;
SELECT 'due today', weighted_pipeline(1000, 1, '2026-06-01', '2026-06-01'), 1000.0;
SELECT '29 days past', weighted_pipeline(1000, 1, date('2026-06-01', '-29 days'), '2026-06-01'), 1000.0;
SELECT '30 days past', weighted_pipeline(1000, 1, date('2026-06-01', '-30 days'), '2026-06-01'), 500.0;
SELECT '59 days past', weighted_pipeline(1000, 1, date('2026-06-01', '-59 days'), '2026-06-01'), 500.0;
SELECT '60 days past', weighted_pipeline(1000, 1, date('2026-06-01', '-60 days'), '2026-06-01'), 250.0;
SELECT '400 days past', weighted_pipeline(1000, 1, date('2026-06-01', '-400 days'), '2026-06-01'), 250.0;
SELECT 'NULL close date counts fully', weighted_pipeline(1000, 1, NULL, '2026-06-01'), 1000.0;
SELECT 'NULL as_of counts fully', weighted_pipeline(1000, 1, '2026-01-01', NULL), 1000.0;
SELECT '29.5 days past is 29 whole days', weighted_pipeline(1000, 1, '2026-05-02 12:00', '2026-06-01'), 1000.0;
-- A pipeline: 100000 x 0.25 fresh + 40000 x 0.5 at 45 days (x0.5) +
-- 10000 x 0.1 at 90 days (x0.25) = 25000 + 10000 + 250.
WITH t(a, p, c) AS (VALUES (100000, 0.25, '2026-06-30'), (40000, 0.5, date('2026-06-01', '-45 days')),
               (10000, 0.1, date('2026-06-01', '-90 days')))
SELECT 'a mixed pipeline', weighted_pipeline(a, p, c, '2026-06-01'), 35250.0
  FROM t;
-- Odd quarter: 0.01 x 0.5 x 0.25 = 0.00125 -> 0.00; x 0.5 = 0.0025 -> 0.00.
SELECT 'tiny aged amounts', weighted_pipeline(0.01, 0.5, '2026-01-01', '2026-06-01'), 0.0;

-- Window over a frame = aggregate over the same rows.
CREATE TABLE d(id INTEGER PRIMARY KEY, amount REAL, p REAL, close_date TEXT);
INSERT INTO d(amount, p, close_date) VALUES
  (120000, 0.9, '2026-05-30'), (45000.5, 0.6, '2026-03-01'), (8000.25, 0.2, '2026-01-15'),
  (NULL, 0.5, '2026-04-01'), (30000, 0.35, NULL), (99.99, 0.05, '2026-04-20'),
  (750000, 0.1, '2025-12-01'), (12345.67, 0.75, '2026-06-01');
SELECT 'window frame = aggregate (8 frames)', count(*), 8 FROM (
  SELECT id, weighted_pipeline(amount, p, close_date, '2026-06-01') OVER (ORDER BY id ROWS BETWEEN 1 PRECEDING AND 2 FOLLOWING) AS w FROM d) AS f
  WHERE w = (SELECT weighted_pipeline(amount, p, close_date, '2026-06-01') FROM d AS g WHERE g.id BETWEEN f.id - 1 AND f.id + 2);
-- Rows 1..3 by hand: 120000 x 0.9 (2 days: x1) = 108000; 45000.5 x 0.6
-- (92 days: x0.25) = 6750.075; 8000.25 x 0.2 (137 days: x0.25) = 400.0125.
-- 115150.0875 -> 115150.09
SELECT 'window: running total of rows 1-3 by hand', w, 115150.09 FROM (
  SELECT id, weighted_pipeline(amount, p, close_date, '2026-06-01') OVER (ORDER BY id) AS w FROM d) WHERE id = 3;
SELECT 'window: empty frame -> 0.0', w, 0.0 FROM (
  SELECT id, weighted_pipeline(amount, p) OVER (ORDER BY id ROWS BETWEEN 5 FOLLOWING AND 6 FOLLOWING) AS w FROM d) WHERE id = 8;

-- ------------------------------------------------------------------------
-- SPEC section 4.

-- forecast_category (seed 003): Commit >= 0.90, Best Case >= 0.60,
-- Pipeline >= 0.20, Upside > 0, Omitted = 0.
SELECT 'forecast_category 1.0', forecast_category(1.0), 'Commit';
SELECT 'forecast_category integer 1', forecast_category(1), 'Commit';
SELECT 'forecast_category 0.90', forecast_category(0.90), 'Commit';
SELECT 'forecast_category 0.8999', forecast_category(0.8999), 'Best Case';
SELECT 'forecast_category 0.60', forecast_category(0.60), 'Best Case';
SELECT 'forecast_category 0.5999', forecast_category(0.5999), 'Pipeline';
SELECT 'forecast_category 0.20', forecast_category(0.20), 'Pipeline';
SELECT 'forecast_category 0.1999', forecast_category(0.1999), 'Upside';
SELECT 'forecast_category 0.0001', forecast_category(0.0001), 'Upside';
SELECT 'forecast_category 0', forecast_category(0), 'Omitted';
SELECT 'forecast_category 0.0', forecast_category(0.0), 'Omitted';
SELECT 'forecast_category NULL', forecast_category(NULL), NULL;

-- coverage_status (seed 001): Strong >= 3, Adequate >= 2, else At Risk.
SELECT 'coverage_status 0', coverage_status(0), 'At Risk';
SELECT 'coverage_status 1.99', coverage_status(1.99), 'At Risk';
SELECT 'coverage_status 2', coverage_status(2), 'Adequate';
SELECT 'coverage_status 2.99', coverage_status(2.99), 'Adequate';
SELECT 'coverage_status 3', coverage_status(3), 'Strong';
SELECT 'coverage_status 3.0', coverage_status(3.0), 'Strong';
SELECT 'coverage_status 10', coverage_status(10), 'Strong';
SELECT 'coverage_status NULL', coverage_status(NULL), NULL;
-- seed 002: "Pipeline Coverage: 3.2x target coverage ratio".
SELECT 'coverage_status of pipeline / quota', coverage_status(3200000.0 / 1000000), 'Strong';

-- win_rate: won / closed; NULL rows (open deals) are skipped.
WITH t(w) AS (VALUES (1), (0), (1), (NULL))
SELECT 'win_rate 2 of 3 closed', win_rate(w), 2.0 / 3 FROM t;
SELECT 'win_rate a REAL', typeof(win_rate(1)), 'real';
WITH t(w) AS (VALUES (0), (0))
SELECT 'win_rate all lost', win_rate(w), 0.0 FROM t;
WITH t(w) AS (VALUES (1), (1.0), (TRUE))
SELECT 'win_rate all won (1, 1.0, TRUE)', win_rate(w), 1.0 FROM t;
SELECT 'win_rate no rows', win_rate(w), NULL FROM (SELECT 1 AS w) WHERE 0;
WITH t(w) AS (VALUES (NULL), (NULL))
SELECT 'win_rate only NULL rows', win_rate(w), NULL FROM t;
-- seed 002: "Win Rate: 73% for qualified opportunities": 73 won of 100.
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100)
SELECT 'win_rate 73 of 100', win_rate(i <= 73), 0.73 FROM n;

-- Over the stages table the data layer creates (exact DDL), FILTER keeps
-- open deals out: won 2 (Closed Won x2), lost 1; the Negotiation deal is
-- open.
CREATE TABLE stages(stage TEXT PRIMARY KEY, stage_order INTEGER NOT NULL,
  probability REAL NOT NULL, expected_days INTEGER, forecast_category TEXT NOT NULL,
  is_closed INTEGER NOT NULL DEFAULT 0, is_won INTEGER NOT NULL DEFAULT 0);
INSERT INTO stages VALUES
  ('Discovery', 1, 0.3, 14, 'Pipeline', 0, 0),
  ('Negotiation', 2, 0.65, 14, 'Best Case', 0, 0),
  ('Security Review', 3, 0.85, 10, 'Best Case', 0, 0),
  ('Closed Won', 4, 1.0, NULL, 'Closed', 1, 1),
  ('Closed Lost', 5, 0.0, NULL, 'Omitted', 1, 0);
CREATE TABLE opp(id INTEGER PRIMARY KEY, owner TEXT, stage TEXT, close_date TEXT);
INSERT INTO opp(owner, stage, close_date) VALUES
  ('ana', 'Closed Won', '2026-01-10'), ('ana', 'Closed Lost', '2026-01-20'),
  ('ana', 'Negotiation', '2026-03-01'), ('ana', 'Closed Won', '2026-02-05'),
  ('bo', 'Closed Lost', '2026-01-15'), ('bo', 'Discovery', '2026-04-01'),
  ('bo', 'Closed Lost', '2026-02-01'), ('bo', 'Closed Won', '2026-02-20'),
  ('cy', 'Negotiation', '2026-03-10');
SELECT 'win_rate FILTER over stages (ana 2 of 3)', win_rate(s.is_won) FILTER (WHERE s.is_closed),
  2.0 / 3 FROM opp JOIN stages s USING (stage) WHERE owner = 'ana';
SELECT 'win_rate CASE over stages (bo 1 of 3)',
  win_rate(CASE WHEN s.is_closed THEN s.is_won END), 1.0 / 3
  FROM opp JOIN stages s USING (stage) WHERE owner = 'bo';
SELECT 'win_rate of an owner with only open deals', win_rate(s.is_won) FILTER (WHERE s.is_closed), NULL
  FROM opp JOIN stages s USING (stage) WHERE owner = 'cy';
-- Running win rate by close date, by hand for ana: won (1/1), lost (1/2),
-- won (2/3); the open deal's NULL leaves the rate at 2/3.
SELECT 'win_rate running window (ana)', group_concat(round(w, 4), ' '), '1.0 0.5 0.6667 0.6667' FROM (
  SELECT win_rate(CASE WHEN s.is_closed THEN s.is_won END) OVER (ORDER BY close_date) AS w
  FROM opp JOIN stages s USING (stage) WHERE owner = 'ana' ORDER BY close_date);
-- Window over a moving frame = aggregate over the same rows.
SELECT 'win_rate window frame = aggregate (9 frames)', count(*), 9 FROM (
  SELECT o.id, win_rate(CASE WHEN s.is_closed THEN s.is_won END)
    OVER (ORDER BY o.id ROWS BETWEEN 2 PRECEDING AND 1 FOLLOWING) AS w
  FROM opp o JOIN stages s USING (stage)) AS f
  WHERE w IS (SELECT win_rate(CASE WHEN s.is_closed THEN s.is_won END)
              FROM opp g JOIN stages s USING (stage) WHERE g.id BETWEEN f.id - 2 AND f.id + 1);
SELECT 'win_rate per owner', group_concat(owner || '=' || coalesce(round(w, 4), 'NULL'), ' '), 'ana=0.6667 bo=0.3333 cy=NULL' FROM (
  SELECT owner, win_rate(s.is_won) FILTER (WHERE s.is_closed) AS w
  FROM opp JOIN stages s USING (stage) GROUP BY owner ORDER BY owner);

-- sales_velocity (seed 003): (50 x 0.25 x 30000) / 60 = 6250 per day.
SELECT 'sales_velocity seed 003', sales_velocity(50, 0.25, 30000, 60), 6250.0;
SELECT 'sales_velocity a REAL', typeof(sales_velocity(50, 0.25, 30000, 60)), 'real';
SELECT 'sales_velocity cycle 0 -> NULL', sales_velocity(50, 0.25, 30000, 0), NULL;
SELECT 'sales_velocity win rate 0', sales_velocity(50, 0, 30000, 60), 0.0;
SELECT 'sales_velocity no opps', sales_velocity(0, 0.25, 30000, 60), 0.0;
-- 1 x 1 x 100 / 3 = 33.333... -> 33.33; 1 x 1 x 0.01 / 2 = 0.005 -> 0.01.
SELECT 'sales_velocity rounds to the cent', sales_velocity(1, 1, 100, 3), 33.33;
SELECT 'sales_velocity half cent away from zero', sales_velocity(1, 1, 0.01, 2), 0.01;
-- fractional opportunities (an average per month): 12.5 x 0.2 x 8000 / 45 = 444.44
SELECT 'sales_velocity fractional opps', sales_velocity(12.5, 0.2, 8000, 45), 444.44;
SELECT 'sales_velocity NULL opps', sales_velocity(NULL, 0.25, 30000, 60), NULL;
SELECT 'sales_velocity NULL win_rate', sales_velocity(50, NULL, 30000, 60), NULL;
SELECT 'sales_velocity NULL avg_deal', sales_velocity(50, 0.25, NULL, 60), NULL;
SELECT 'sales_velocity NULL cycle', sales_velocity(50, 0.25, 30000, NULL), NULL;

-- required_pipeline (seed 003): quota / win rate x coverage; $1M at 25% = $4M.
SELECT 'required_pipeline seed 003', required_pipeline(1000000, 0.25, 1), 4000000.0;
SELECT 'required_pipeline x1.25', required_pipeline(1000000, 0.25, 1.25), 5000000.0;
SELECT 'required_pipeline win rate 0 -> NULL', required_pipeline(1000000, 0, 1), NULL;
SELECT 'required_pipeline win rate 1', required_pipeline(1000000, 1, 1), 1000000.0;
SELECT 'required_pipeline coverage 0', required_pipeline(1000000, 0.25, 0), 0.0;
-- 100 / 0.3 = 333.333... -> 333.33
SELECT 'required_pipeline rounds to the cent', required_pipeline(100, 0.3, 1), 333.33;
-- Whole amounts above 5,000,000 must not gain a cent (revops_round_cents).
SELECT 'required_pipeline 123456789.12', required_pipeline(123456789.12, 1, 1), 123456789.12;
SELECT 'required_pipeline NULL quota', required_pipeline(NULL, 0.25, 1), NULL;
SELECT 'required_pipeline NULL win_rate', required_pipeline(1000000, NULL, 1), NULL;
SELECT 'required_pipeline NULL coverage', required_pipeline(1000000, 0.25, NULL), NULL;

-- stage_probability: built-in defaults (docs/pipeline.md table).
SELECT 'stage Prospecting', stage_probability('Prospecting'), 0.1;
SELECT 'stage Qualification', stage_probability('Qualification'), 0.2;
SELECT 'stage Opportunity Created', stage_probability('Opportunity Created'), 0.2;
SELECT 'stage Discovery', stage_probability('Discovery'), 0.1;
SELECT 'stage Demo', stage_probability('Demo'), 0.4;
SELECT 'stage Proposal', stage_probability('Proposal'), 0.6;
SELECT 'stage Proposal/Negotiation', stage_probability('Proposal/Negotiation'), 0.7;
SELECT 'stage Negotiation', stage_probability('Negotiation'), 0.8;
SELECT 'stage Contract Sent', stage_probability('Contract Sent'), 0.9;
SELECT 'stage Closed Won', stage_probability('Closed Won'), 1.0;
SELECT 'stage Closed Lost', stage_probability('Closed Lost'), 0.0;
SELECT 'stage On Hold', stage_probability('On Hold'), 0.0;
SELECT 'stage names: case and punctuation', stage_probability('closed_won') || ' ' ||
  stage_probability('CLOSED-WON') || ' ' || stage_probability('  ClosedWon ') || ' ' ||
  stage_probability('proposal / negotiation'), '1.0 1.0 1.0 0.7';
SELECT 'stage unknown -> NULL', stage_probability('Limbo'), NULL;
SELECT 'stage empty -> NULL', stage_probability(''), NULL;
SELECT 'stage longer than any default -> NULL',
  stage_probability('Closed Won but only after a very long legal review'), NULL;
SELECT 'stage NULL -> NULL', stage_probability(NULL), NULL;
-- Each default sits in its seed 003 forecast-category band.
SELECT 'default stages by forecast category',
  forecast_category(stage_probability('Prospecting')) || '/' ||
  forecast_category(stage_probability('Qualification')) || '/' ||
  forecast_category(stage_probability('Demo')) || '/' ||
  forecast_category(stage_probability('Proposal')) || '/' ||
  forecast_category(stage_probability('Negotiation')) || '/' ||
  forecast_category(stage_probability('Contract Sent')) || '/' ||
  forecast_category(stage_probability('Closed Lost')),
  'Upside/Pipeline/Pipeline/Best Case/Best Case/Commit/Omitted';
-- The override form: a value that is not NULL wins, NULL falls back.
SELECT 'stage override', stage_probability('Negotiation', 0.65), 0.65;
SELECT 'stage override 0', stage_probability('Negotiation', 0), 0.0;
SELECT 'stage override NULL -> default', stage_probability('Negotiation', NULL), 0.8;
SELECT 'stage override of an unknown stage', stage_probability('Security Review', 0.85), 0.85;
SELECT 'stage NULL with override -> NULL', stage_probability(NULL, 0.5), NULL;
-- The stages table overrides by a join (stages rows above: Negotiation
-- 0.65, Security Review 0.85, Discovery 0.3, Closed Won 1.0, Closed Lost 0).
SELECT 'stage join override', group_concat(o.stage || '=' || coalesce(stage_probability(o.stage, s.probability), 'NULL'), ' '),
  'Closed Won=1.0 Closed Lost=0.0 Negotiation=0.65 Closed Won=1.0 Closed Lost=0.0 Discovery=0.3 Closed Lost=0.0 Closed Won=1.0 Negotiation=0.65'
  FROM opp o LEFT JOIN stages s ON s.stage = o.stage;
INSERT INTO opp(owner, stage) VALUES ('dee', 'Demo'), ('dee', 'Limbo');
SELECT 'stage join falls back to the default', group_concat(coalesce(stage_probability(o.stage, s.probability), 'NULL'), ' '),
  '0.4 NULL' FROM opp o LEFT JOIN stages s ON s.stage = o.stage WHERE owner = 'dee';
SELECT 'stage correlated subquery override',
  stage_probability('Security Review', (SELECT probability FROM stages WHERE stage = 'Security Review')), 0.85;
-- Both forms work in a view under trusted_schema=OFF (they are innocuous)
-- and in generated columns and index expressions (deterministic).
CREATE VIEW opp_prob AS SELECT o.id, stage_probability(o.stage) AS p1,
  stage_probability(o.stage, s.probability) AS p2 FROM opp o LEFT JOIN stages s ON s.stage = o.stage;
PRAGMA trusted_schema = OFF;
SELECT 'stage_probability in a view, trusted_schema=OFF', (SELECT p1 || '/' || p2 FROM opp_prob WHERE id = 3), '0.8/0.65';
PRAGMA trusted_schema = ON;
CREATE TABLE g(stage TEXT, p REAL AS (stage_probability(stage)));
INSERT INTO g(stage) VALUES ('Demo'), ('Closed Won');
CREATE INDEX g_p ON g(stage_probability(stage, 0.5));
SELECT 'stage_probability in a generated column', group_concat(p, ' '), '0.4 1.0' FROM g;

-- wilson_lower / wilson_upper: the Wilson score interval.  By hand for 8
-- of 10 at z = 1.96: z^2 = 3.8416, n + z^2 = 13.8416; the bounds are
-- (2s + z^2 -/+ z sqrt(z^2 + 4 s (n - s) / n)) / (2 (n + z^2))
-- = (19.8416 -/+ 1.96 x sqrt(3.8416 + 6.4)) / 27.6832
-- = (19.8416 -/+ 1.96 x 3.200250) / 27.6832 = 0.490157 and 0.943319.
SELECT 'wilson_lower 8/10', round(wilson_lower(8, 10), 4), 0.4902;
SELECT 'wilson_upper 8/10', round(wilson_upper(8, 10), 4), 0.9433;
SELECT 'wilson_lower 8/10 to 6 places', round(wilson_lower(8, 10), 6), 0.490157;
SELECT 'wilson_upper 8/10 to 6 places', round(wilson_upper(8, 10), 6), 0.943319;
SELECT 'wilson_lower a REAL', typeof(wilson_lower(8, 10)), 'real';
-- z = 1.96 is the default: passing it, or NULL, changes nothing.
SELECT 'wilson z 1.96 is the default', wilson_lower(8, 10, 1.96) = wilson_lower(8, 10), 1;
SELECT 'wilson z NULL is the default', wilson_upper(8, 10, NULL) = wilson_upper(8, 10), 1;
-- 99 % (z = 2.576, z^2 = 6.635776): (16 + 6.635776 -/+ 2.576 x
-- sqrt(6.635776 + 6.4)) / (2 x 16.635776) = (22.635776 -/+ 9.300671) /
-- 33.271552 = 0.400796, 0.959872.
SELECT 'wilson_lower 8/10 at z 2.576', round(wilson_lower(8, 10, 2.576), 6), 0.400796;
SELECT 'wilson_upper 8/10 at z 2.576', round(wilson_upper(8, 10, 2.576), 6), 0.959872;
-- The edges: 0 successes has a lower bound of exactly 0 and an upper of
-- z^2 / (n + z^2) = 3.8416 / 13.8416 = 0.277540; n successes mirrors it.
SELECT 'wilson_lower 0/10 is 0', wilson_lower(0, 10), 0.0;
SELECT 'wilson_upper 0/10', round(wilson_upper(0, 10), 6), 0.27754;
SELECT 'wilson_upper 10/10 is 1', wilson_upper(10, 10), 1.0;
SELECT 'wilson_lower 10/10', round(wilson_lower(10, 10), 6), 0.72246;
-- 1 of 2 at z = 1: 0.5 -/+ sqrt(3) / 6 = 0.5 -/+ 0.288675.
SELECT 'wilson 1/2 at z 1', round(wilson_lower(1, 2, 1), 6) || ' ' || round(wilson_upper(1, 2, 1), 6), '0.211325 0.788675';
-- Counts may arrive as REAL holding a whole number (sum() of a flag * 1.0).
SELECT 'wilson counts as REAL', wilson_lower(8.0, 10.0) = wilson_lower(8, 10), 1;
-- More trials at the same rate narrow the interval: 80/100 at 1.96 is
-- (160 + 3.8416 -/+ 1.96 sqrt(3.8416 + 64)) / 207.6832
-- = (163.8416 -/+ 16.143744) / 207.6832 = 0.711169, 0.866634.
SELECT 'wilson 80/100', round(wilson_lower(80, 100), 6) || ' ' || round(wilson_upper(80, 100), 6), '0.711169 0.866634';
-- No trials: NULL (a rate of nothing has no interval); NULL in, NULL out.
SELECT 'wilson_lower 0/0 -> NULL', wilson_lower(0, 0), NULL;
SELECT 'wilson_upper 0/0 -> NULL', wilson_upper(0, 0, 2), NULL;
SELECT 'wilson_lower NULL successes', wilson_lower(NULL, 10), NULL;
SELECT 'wilson_upper NULL trials', wilson_upper(8, NULL), NULL;
SELECT 'wilson_upper NULL successes with z', wilson_upper(NULL, 10, 1.0), NULL;
-- Per group: the lower bound ranks a small perfect record below a large
-- good one (1 of 1: 1 / (1 + 3.8416) = 0.206543; 80 of 100: 0.711169).
CREATE TABLE wil(src TEXT, won INT);
INSERT INTO wil VALUES ('tiny', 1);
WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < 100)
INSERT INTO wil SELECT 'big', i <= 80 FROM k;
SELECT 'wilson_lower per group ranks by evidence',
  (SELECT group_concat(src || '=' || round(lo, 6), ' ') FROM
    (SELECT src, wilson_lower(sum(won), count(*)) AS lo FROM wil GROUP BY src ORDER BY lo DESC)),
  'big=0.711169 tiny=0.206543';
