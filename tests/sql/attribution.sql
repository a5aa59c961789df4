-- attribution_weight and attribution_decay_total (SPEC section 4, seed
-- 003).  Weights by hand from the model definitions in docs/attribution.md.

-- One touch: 1 under every model.
SELECT 'one touch: first_touch', attribution_weight('first_touch', 1, 1), 1.0;
SELECT 'one touch: last_touch', attribution_weight('last_touch', 1, 1), 1.0;
SELECT 'one touch: linear', attribution_weight('linear', 1, 1), 1.0;
SELECT 'one touch: u_shaped', attribution_weight('u_shaped', 1, 1), 1.0;
SELECT 'one touch: w_shaped', attribution_weight('w_shaped', 1, 1, 1), 1.0;
-- one touch 3 days before: 2^(-3/7) / 2^(-3/7) = 1
SELECT 'one touch: time_decay', attribution_weight('time_decay', 1, 1, 3, attribution_decay_total(3)), 1.0;

-- Two touches: u_shaped and w_shaped 0.5 each (SPEC).
SELECT 'two touches: first_touch', attribution_weight('first_touch', 1, 2) || ' ' || attribution_weight('first_touch', 2, 2), '1.0 0.0';
SELECT 'two touches: last_touch', attribution_weight('last_touch', 1, 2) || ' ' || attribution_weight('last_touch', 2, 2), '0.0 1.0';
SELECT 'two touches: linear', attribution_weight('linear', 1, 2) || ' ' || attribution_weight('linear', 2, 2), '0.5 0.5';
SELECT 'two touches: u_shaped', attribution_weight('u_shaped', 1, 2) || ' ' || attribution_weight('u_shaped', 2, 2), '0.5 0.5';
SELECT 'two touches: w_shaped, opportunity at touch 1', attribution_weight('w_shaped', 1, 2, 1) || ' ' || attribution_weight('w_shaped', 2, 2, 1), '0.5 0.5';
SELECT 'two touches: w_shaped, opportunity at touch 2', attribution_weight('w_shaped', 1, 2, 2) || ' ' || attribution_weight('w_shaped', 2, 2, 2), '0.5 0.5';
-- 7 and 0 days: decays 0.5 and 1, total 1.5: 1/3 and 2/3
SELECT 'two touches: time_decay', round(attribution_weight('time_decay', 1, 2, 7, 1.5), 12) || ' ' ||
  round(attribution_weight('time_decay', 2, 2, 0, 1.5), 12), '0.333333333333 0.666666666667';

-- Three touches.
SELECT 'three: u_shaped 40/20/40', attribution_weight('u_shaped', 1, 3) || ' ' ||
  attribution_weight('u_shaped', 2, 3) || ' ' || attribution_weight('u_shaped', 3, 3), '0.4 0.2 0.4';
-- three anchors and no middle: 0.3 + 0.1 / 3 = 1/3 each
SELECT 'three: w_shaped opportunity at 2', round(attribution_weight('w_shaped', 1, 3, 2), 12) || ' ' ||
  round(attribution_weight('w_shaped', 2, 3, 2), 12) || ' ' || round(attribution_weight('w_shaped', 3, 3, 2), 12),
  '0.333333333333 0.333333333333 0.333333333333';
-- opportunity created at the last touch: two anchors, the U
SELECT 'three: w_shaped opportunity at 3 is the U', attribution_weight('w_shaped', 1, 3, 3) || ' ' ||
  attribution_weight('w_shaped', 2, 3, 3) || ' ' || attribution_weight('w_shaped', 3, 3, 3), '0.4 0.2 0.4';
SELECT 'three: linear', round(attribution_weight('linear', 2, 3), 12), 0.333333333333;

-- Four and five touches.
SELECT 'four: w_shaped opportunity at 2', attribution_weight('w_shaped', 1, 4, 2) || ' ' ||
  attribution_weight('w_shaped', 2, 4, 2) || ' ' || attribution_weight('w_shaped', 3, 4, 2) || ' ' ||
  attribution_weight('w_shaped', 4, 4, 2), '0.3 0.3 0.1 0.3';
SELECT 'four: w_shaped opportunity at 3', attribution_weight('w_shaped', 2, 4, 3) || ' ' ||
  attribution_weight('w_shaped', 3, 4, 3), '0.1 0.3';
-- five, opportunity at 3: anchors 1, 3, 5 at 0.3; touches 2 and 4 share 0.1
SELECT 'five: w_shaped opportunity at 3', attribution_weight('w_shaped', 1, 5, 3) || ' ' ||
  attribution_weight('w_shaped', 2, 5, 3) || ' ' || attribution_weight('w_shaped', 3, 5, 3) || ' ' ||
  attribution_weight('w_shaped', 4, 5, 3) || ' ' || attribution_weight('w_shaped', 5, 5, 3),
  '0.3 0.05 0.3 0.05 0.3';
-- five, u_shaped: middle three share 0.2
SELECT 'five: u_shaped middle', round(attribution_weight('u_shaped', 3, 5), 12), 0.066666666667;
SELECT 'ten: linear', attribution_weight('linear', 7, 10), 0.1;
SELECT 'ten: first_touch, touch 7', attribution_weight('first_touch', 7, 10), 0.0;
SELECT 'a REAL', typeof(attribution_weight('first_touch', 1, 1)), 'real';
SELECT 'integer-valued REAL positions are whole', attribution_weight('last_touch', 3.0, 3.0), 1.0;

-- time_decay: half-life 7 days.  Fractional days: 3.5 days decays to
-- 2^-0.5; with a touch on the day (1): 0.70711 / 1.70711 = sqrt(2) - 1.
SELECT 'time_decay half a half-life', round(attribution_weight('time_decay', 1, 2, 3.5,
  attribution_decay_total(3.5) + attribution_decay_total(0)), 9), 0.414213562;
-- Far in the past every decay is 0 (underflow): 0 / 0 -> NULL
SELECT 'time_decay every touch underflowed -> NULL', attribution_weight('time_decay', 1, 1, 100000, 0), NULL;
-- A total a hair below the touch's own decay (summed elsewhere) is accepted
SELECT 'time_decay total within rounding', attribution_weight('time_decay', 1, 1, 0, 0.9999999999999), 1.0;

-- NULL in an argument the model uses gives NULL; unused ones are ignored.
SELECT 'NULL model', attribution_weight(NULL, 1, 2), NULL;
SELECT 'NULL position', attribution_weight('linear', NULL, 2), NULL;
SELECT 'NULL touch_count', attribution_weight('linear', 1, NULL), NULL;
SELECT 'NULL opportunity_position', attribution_weight('w_shaped', 1, 4, NULL), NULL;
SELECT 'NULL days', attribution_weight('time_decay', 1, 4, NULL, 1.5), NULL;
SELECT 'NULL decay_total', attribution_weight('time_decay', 1, 4, 7, NULL), NULL;
SELECT 'unused arguments are ignored', attribution_weight('linear', 1, 4, 'not used', x'00'), 0.25;
SELECT 'w_shaped ignores a 5th argument', attribution_weight('w_shaped', 2, 4, 2, 'x'), 0.3;

-- In one query with row_number() and count(*) OVER (PARTITION BY ...):
-- every model's weights of every conversion sum to 1.
CREATE TABLE touches(id INTEGER PRIMARY KEY, opp TEXT, channel TEXT, touched_at TEXT,
                     opp_created TEXT, converted_at TEXT);
INSERT INTO touches(opp, channel, touched_at, opp_created, converted_at) VALUES
  ('A', 'webinar', '2026-01-01', '2026-01-20', '2026-02-15'),
  ('A', 'search',  '2026-01-08', '2026-01-20', '2026-02-15'),
  ('A', 'email',   '2026-01-15', '2026-01-20', '2026-02-15'),
  ('A', 'demo',    '2026-01-20', '2026-01-20', '2026-02-15'),
  ('A', 'event',   '2026-02-01', '2026-01-20', '2026-02-15'),
  ('A', 'email',   '2026-02-10', '2026-01-20', '2026-02-15'),
  ('A', 'call',    '2026-02-15', '2026-01-20', '2026-02-15'),
  ('B', 'referral','2026-03-01', '2026-03-01', '2026-03-09'),
  ('C', 'search',  '2026-03-02', '2026-03-05', '2026-03-30'),
  ('C', 'demo',    '2026-03-05', '2026-03-05', '2026-03-30');
CREATE TABLE models(model TEXT);
INSERT INTO models VALUES ('first_touch'), ('last_touch'), ('linear'), ('u_shaped'), ('w_shaped'), ('time_decay');
CREATE VIEW weights AS
  SELECT m.model, t.opp, t.id, t.channel,
    attribution_weight(m.model, row_number() OVER w, count(*) OVER c,
      CASE m.model WHEN 'w_shaped' THEN count(*) FILTER (WHERE touched_at <= opp_created) OVER c
                   ELSE julianday(converted_at) - julianday(touched_at) END,
      attribution_decay_total(julianday(converted_at) - julianday(touched_at)) OVER c) AS weight
  FROM models m CROSS JOIN touches t
  WINDOW w AS (PARTITION BY m.model, t.opp ORDER BY t.touched_at), c AS (PARTITION BY m.model, t.opp);
SELECT 'every model sums to 1 per conversion (6 models x 3 opps)', count(*), 18 FROM (
  SELECT model, opp, sum(weight) AS s FROM weights GROUP BY model, opp) WHERE abs(s - 1) < 1e-12;
-- A by hand: 7 touches, opportunity created at the demo (touch 4):
-- anchors 1, 4, 7 at 0.3; touches 2, 3, 5, 6 share 0.1 (0.025 each).
SELECT 'w_shaped per touch of A', group_concat(weight, ' '), '0.3 0.025 0.025 0.3 0.025 0.025 0.3'
  FROM (SELECT weight FROM weights WHERE model = 'w_shaped' AND opp = 'A' ORDER BY id);
-- A's time decay: days before conversion 45, 38, 31, 26, 14, 5, 0.
SELECT 'time_decay of A: newest touch earns most', (SELECT channel FROM weights
  WHERE model = 'time_decay' AND opp = 'A' ORDER BY weight DESC LIMIT 1), 'call';
-- C: search 28 days, demo 25 days before: 2^-4 and 2^(-25/7);
-- demo's share = 1 / (1 + 2^(-3/7)); 2^(-3/7) = e^(-0.2970631) = 0.7429971,
-- 1 / 1.7429971 = 0.573724
SELECT 'time_decay of C by hand', round((SELECT weight FROM weights WHERE model = 'time_decay' AND opp = 'C'
  AND channel = 'demo'), 6), 0.573724;
-- Channel credit, u_shaped: A gives webinar 0.4, call 0.4, five middle
-- touches 0.04 each (email twice: 0.08); B referral 1; C search 0.5, demo 0.5.
SELECT 'u_shaped channel credit', group_concat(channel || '=' || round(credit, 4), ' '),
  'call=0.4 demo=0.54 email=0.08 event=0.04 referral=1.0 search=0.54 webinar=0.4' FROM (
  SELECT channel, sum(weight) AS credit FROM weights WHERE model = 'u_shaped' GROUP BY channel ORDER BY channel);

-- attribution_decay_total.
WITH t(days) AS (VALUES (0), (7), (14), (NULL))
SELECT 'decay_total 1 + 0.5 + 0.25', attribution_decay_total(days), 1.75 FROM t;
SELECT 'decay_total no rows -> NULL', attribution_decay_total(d), NULL FROM (SELECT 1 AS d) WHERE 0;
WITH t(days) AS (VALUES (NULL))
SELECT 'decay_total only NULL -> NULL', attribution_decay_total(days), NULL FROM t;
SELECT 'decay_total 21 days = 1/8', attribution_decay_total(21), 0.125;
-- A moving window frame = the aggregate over the same rows.
SELECT 'decay_total window frame = aggregate (10 frames)', count(*), 10 FROM (
  SELECT id, attribution_decay_total(julianday(converted_at) - julianday(touched_at))
    OVER (ORDER BY id ROWS BETWEEN 2 PRECEDING AND 1 FOLLOWING) AS w FROM touches) AS f
  WHERE abs(w - (SELECT attribution_decay_total(julianday(converted_at) - julianday(touched_at))
                 FROM touches g WHERE g.id BETWEEN f.id - 2 AND f.id + 1)) < 1e-15;
