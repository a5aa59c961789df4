-- learn_score, learn_explain, win_band, auc, brier_score, log_loss and the
-- forecast ranges on hand-computed cases (docs/learn.md).  The fit itself
-- is checked against Newton's method in Python (tests/python/test_learn.py).
--
-- A hand-written model: logit = 0.5 + 2 * (x - 2) / 4; k is constant.
-- x = 4: logit 1.5, p = 1 / (1 + e^-1.5) = 0.817574476194 (e^-1.5 = 0.22313016).
-- x NULL (missing: the training mean): logit 0.5, p = 0.622459331202.
CREATE TABLE m(model TEXT);
INSERT INTO m VALUES ('{"intercept":0.5,"features":[{"name":"x","mean":2,"scale":4,"coef":2},{"name":"k","mean":3,"scale":0,"coef":0}]}');
SELECT 'learn_score x = 4', round(learn_score(model, 'x', 4, 'k', 3), 12), 0.817574476194 FROM m;
SELECT 'learn_score pairs in any order', round(learn_score(model, 'k', 3, 'x', 4), 12), 0.817574476194 FROM m;
SELECT 'learn_score missing x counts as the mean', round(learn_score(model, 'x', NULL, 'k', 3), 12), 0.622459331202 FROM m;
SELECT 'learn_score: a constant feature adds nothing', round(learn_score(model, 'x', 2, 'k', 1000), 12), 0.622459331202 FROM m;
SELECT 'learn_score NULL model', learn_score(NULL, 'x', 1, 'k', 1), NULL;
SELECT 'learn_explain', learn_explain(model, 'x', 4, 'k', NULL),
  '{"probability":0.817574476193644,"logit":1.5,"intercept":0.5,"features":[{"name":"x","value":4.0,"contribution":1.0},{"name":"k","value":null,"contribution":0.0}]}' FROM m;
SELECT 'learn_explain is JSON to json_extract', json_extract(learn_explain(model, 'x', 0, 'k', 3), '$.features[0].contribution'), -1.0 FROM m;

-- Seed 001 bands: 70%+ high, 40-69% medium, under 40% low.
SELECT 'win_band 0.70', win_band(0.70), 'high';
SELECT 'win_band 1', win_band(1), 'high';
SELECT 'win_band 0.6999', win_band(0.6999), 'medium';
SELECT 'win_band 0.40', win_band(0.40), 'medium';
SELECT 'win_band 0.3999', win_band(0.3999), 'low';
SELECT 'win_band 0', win_band(0), 'low';
SELECT 'win_band NULL', win_band(NULL), NULL;

-- Metrics on four rows: (0.1, 0), (0.4, 1), (0.35, 0), (0.8, 1).
-- AUC: every positive above every negative = 1.
-- Brier: (0.01 + 0.36 + 0.1225 + 0.04) / 4 = 0.133125.
-- Log loss: -(ln 0.9 + ln 0.4 + ln 0.65 + ln 0.8) / 4
--   = (0.105360516 + 0.916290732 + 0.430782916 + 0.223143551) / 4 = 0.418894429.
CREATE TABLE s(p REAL, y INTEGER);
INSERT INTO s VALUES (0.1, 0), (0.4, 1), (0.35, 0), (0.8, 1), (NULL, 1), (0.5, NULL);
SELECT 'auc perfect ranking', auc(p, y), 1.0 FROM s;
SELECT 'brier_score', round(brier_score(p, y), 12), 0.133125 FROM s;
SELECT 'log_loss', round(log_loss(p, y), 9), 0.418894429 FROM s;
-- Ties count one half: positives {0.5, 0.9}, negatives {0.5, 0.2}:
-- (0.5 + 1 + 1 + 1) / 4 = 0.875.
WITH t(p, y) AS (VALUES (0.5, 1), (0.5, 0), (0.2, 0), (0.9, 1))
SELECT 'auc with a tie', auc(p, y), 0.875 FROM t;
WITH t(p, y) AS (VALUES (0.9, 0), (0.1, 1))
SELECT 'auc reversed ranking', auc(p, y), 0.0 FROM t;
WITH t(p, y) AS (VALUES (0.5, 1), (0.7, 1))
SELECT 'auc with one label only is NULL', auc(p, y), NULL FROM t;
SELECT 'brier_score over no rows is NULL', brier_score(p, y), NULL FROM s WHERE 0;
WITH t(p, y) AS (VALUES (0.0, 1))
SELECT 'log_loss clips p = 0 at 1e-15: -ln(1e-15)', round(log_loss(p, y), 6), 34.538776 FROM t;
WITH t(p, y) AS (VALUES (1, 1), (0, 0))
SELECT 'brier_score of certain, right forecasts', brier_score(p, y), 0.0 FROM t;

-- Forecast ranges.  Deals of 100 and 200 at 0.5 each: totals 0, 100, 200,
-- 300 with probability 1/4 each; a 50 at 0 never counts; a NULL amount is
-- skipped.
CREATE TABLE d(amount REAL, probability REAL);
INSERT INTO d VALUES (100, 0.5), (200, 0.5), (50, 0), (NULL, 0.9);
SELECT 'forecast_quantile 0.25', forecast_quantile(amount, probability, 0.25), 0.0 FROM d;
SELECT 'forecast_quantile 0.5', forecast_quantile(amount, probability, 0.5), 100.0 FROM d;
SELECT 'forecast_quantile 0.75', forecast_quantile(amount, probability, 0.75), 200.0 FROM d;
SELECT 'forecast_quantile 0.9', forecast_quantile(amount, probability, 0.9), 300.0 FROM d;
SELECT 'forecast_quantile 0 = the least possible total', forecast_quantile(amount, probability, 0), 0.0 FROM d;
-- A NULL q skips its row like a NULL amount: only the 200 deal is left, so
-- the totals are 0 or 200 at 1/2 each and P90 is 200 (300 with every row).
SELECT 'forecast_quantile: a row with a NULL q is skipped', forecast_quantile(amount, probability, CASE WHEN amount = 200 THEN 0.9 END), 200.0 FROM d;
SELECT 'forecast_quantile: NULL q on every row leaves no deal, a total of 0', forecast_quantile(100, 0.5, NULL), 0.0;
SELECT 'forecast_reach: NULL target on every row gives NULL', forecast_reach(100, 0.5, NULL), NULL;
SELECT 'forecast_quantile 1 = the greatest possible total', forecast_quantile(amount, probability, 1), 300.0 FROM d;
SELECT 'forecast_reach 150', forecast_reach(amount, probability, 150), 0.5 FROM d;
SELECT 'forecast_reach 300', forecast_reach(amount, probability, 300), 0.25 FROM d;
SELECT 'forecast_reach 300.01', forecast_reach(amount, probability, 300.01), 0.0 FROM d;
SELECT 'forecast_reach 0', forecast_reach(amount, probability, 0), 1.0 FROM d;
-- grid step: the smallest 1-2-5 step with total / step + deals / 2 + 2 <= 2^21
-- cells: 300 / 0.0001 = 3,000,000 is too many, 300 / 0.0002 = 1,500,000 fits.
SELECT 'forecast_range', forecast_range(amount, probability),
  '{"deals":3,"mean":150.0,"p10":0.0,"p50":100.0,"p90":300.0,"step":0.0002,"error_bound":0.0}' FROM d;
SELECT 'forecast_quantile over no rows is 0', forecast_quantile(amount, probability, 0.5), 0.0 FROM d WHERE 0;
SELECT 'forecast_reach over no rows is NULL', forecast_reach(amount, probability, 1), NULL FROM d WHERE 0;
-- A certain deal shifts the range: 1000 + {0, 100, 200, 300}.
WITH t(a, p) AS (VALUES (100, 0.5), (200, 0.5), (1000, 1))
SELECT 'forecast_quantile with a certain deal', forecast_quantile(a, p, 0.1), 1000.0 FROM t;
-- Off the grid: 3 deals summing to 3,000,000.03 need a step of 2 (1 would
-- need 3,000,000 cells);
-- 1,000,000.01 rounds to 1,000,000 (0.01 off), 999,999.99 to 1,000,000
-- (0.01 off), 1,000,000.03 to 1,000,000 (0.03 off): bound 0.05.
WITH t(a, p) AS (VALUES (1000000.01, 0.5), (999999.99, 0.5), (1000000.03, 0.5))
SELECT 'forecast_range off the grid: step and bound', forecast_range(a, p),
  '{"deals":3,"mean":1500000.015,"p10":0.0,"p50":1000000.0,"p90":3000000.0,"step":2.0,"error_bound":0.05}' FROM t;

-- Fitting inside a view under trusted_schema=OFF (functions innocuous).
PRAGMA trusted_schema = OFF;
CREATE TABLE h(won INTEGER, x REAL, closed TEXT);
WITH RECURSIVE r(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM r WHERE i < 40)
INSERT INTO h SELECT (i % 3 = 0) OR (i > 30), i % 7, date('2025-01-01', '+' || i || ' days') FROM r;
CREATE VIEW fit AS SELECT learn_fit(won, closed, 1.0, 'x', x) AS model FROM h;
CREATE VIEW scored AS SELECT won, learn_score((SELECT model FROM fit), 'x', x) AS p FROM h;
SELECT 'learn_fit in a view: training period', json_extract((SELECT model FROM fit), '$.period'), '["2025-01-02","2025-02-10"]';
SELECT 'learn_fit: rows, positives', json_extract((SELECT model FROM fit), '$.rows') || ' ' || json_extract((SELECT model FROM fit), '$.positives'), '40 20';
SELECT 'learn_score in a view: mean p = base rate (intercept fitted)', round(avg(p), 6), 0.5 FROM scored;
SELECT 'learn_fit: NULL labels are skipped', json_extract(learn_fit(won, NULL, 1, 'x', x), '$.rows'), 40
  FROM (SELECT won, x FROM h UNION ALL SELECT NULL, 3);
SELECT 'learn_fit over no rows is NULL', learn_fit(won, NULL, 1, 'x', x), NULL FROM h WHERE 0;

-- Every aggregate is a window function: a moving frame gives what the
-- aggregate gives over the same rows (docs/conventions.md).
CREATE TABLE w(i INTEGER PRIMARY KEY, p REAL, y INTEGER, amount REAL);
WITH RECURSIVE r(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM r WHERE i < 60)
INSERT INTO w SELECT i, ((i * 37) % 100) / 100.0, (i * 7919) % 3 = 0 OR (i % 5 = 0), 1000 + (i * 131) % 900 FROM r;
CREATE VIEW frames AS SELECT i,
  auc(p, y) OVER win AS auc_w, brier_score(p, y) OVER win AS brier_w, log_loss(p, y) OVER win AS ll_w,
  forecast_quantile(amount, p, 0.5) OVER win AS fq_w, forecast_reach(amount, p, 5000) OVER win AS fr_w,
  forecast_range(amount, p) OVER win AS frange_w, learn_fit(y, NULL, 1, 'p', p, 'a', amount) OVER fitwin AS fit_w
  FROM w WINDOW win AS (ORDER BY i ROWS BETWEEN 19 PRECEDING AND CURRENT ROW),
    fitwin AS (ORDER BY i ROWS BETWEEN 19 PRECEDING AND 20 FOLLOWING);
CREATE VIEW direct AS SELECT w1.i,
  (SELECT auc(p, y) FROM w WHERE i BETWEEN w1.i - 19 AND w1.i) AS auc_a,
  (SELECT brier_score(p, y) FROM w WHERE i BETWEEN w1.i - 19 AND w1.i) AS brier_a,
  (SELECT log_loss(p, y) FROM w WHERE i BETWEEN w1.i - 19 AND w1.i) AS ll_a,
  (SELECT forecast_quantile(amount, p, 0.5) FROM w WHERE i BETWEEN w1.i - 19 AND w1.i) AS fq_a,
  (SELECT forecast_reach(amount, p, 5000) FROM w WHERE i BETWEEN w1.i - 19 AND w1.i) AS fr_a,
  (SELECT forecast_range(amount, p) FROM w WHERE i BETWEEN w1.i - 19 AND w1.i) AS frange_a,
  (SELECT learn_fit(y, NULL, 1, 'p', p, 'a', amount) FROM w WHERE i BETWEEN w1.i - 19 AND w1.i + 20) AS fit_a
  FROM w AS w1;
-- Both sides computed once (each view is a few hundred aggregate calls on
-- the forecast grid); every comparison below reads the same rows.
CREATE TEMP TABLE both_sides AS SELECT * FROM frames JOIN direct USING (i);
SELECT 'auc window = aggregate over the frame', count(*), 0 FROM both_sides WHERE auc_w IS NOT auc_a;
SELECT 'brier_score window = aggregate (1e-15)', count(*), 0 FROM both_sides WHERE abs(brier_w - brier_a) > 1e-15;
SELECT 'log_loss window = aggregate (1e-15)', count(*), 0 FROM both_sides WHERE abs(ll_w - ll_a) > 1e-15;
SELECT 'forecast_quantile window = aggregate', count(*), 0 FROM both_sides WHERE fq_w IS NOT fq_a;
SELECT 'forecast_reach window = aggregate', count(*), 0 FROM both_sides WHERE fr_w IS NOT fr_a;
SELECT 'forecast_range window = aggregate', count(*), 0 FROM both_sides WHERE frange_w IS NOT frange_a;
-- learn_fit needs 5 rows of each label: its frames hold 20 to 40 rows.
SELECT 'learn_fit window = aggregate, bit for bit', count(*), 0 FROM both_sides WHERE fit_w IS NOT fit_a;
SELECT 'learn_fit window: every frame fitted', count(*), 60 FROM both_sides WHERE fit_w LIKE '{"model":"logistic"%';
