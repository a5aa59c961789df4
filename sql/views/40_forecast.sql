-- sql/views/40_forecast.sql — forecast accuracy (seed 003 Forecast
-- Categories: "MAPE < 15%", grading Excellent / Good / Needs work / Broken;
-- seed 001 Home "Forecast Accuracy: how well predictions match outcomes").
--
-- The forecast of a rep for a quarter is the first Commit call the rep
-- submitted for it (forecast_submissions): the call accuracy is graded on,
-- made before the quarter's deals closed (a last call, made as they close,
-- grades the quarter's end, not the forecast).  The actual is the New Business
-- amount the rep closed won in the quarter (what the new_arr quota
-- measures).  Only quarters that have ended by the as-of date count.

-- Question: what did each rep call for each quarter, and what closed?
DROP VIEW IF EXISTS forecast_calls;
CREATE VIEW forecast_calls AS
WITH first_call AS (
  SELECT f.rep_id, f.period_start, f.period_end, min(f.submitted_date) AS submitted_date
  FROM forecast_submissions AS f WHERE f.category = 'Commit'
  GROUP BY f.rep_id, f.period_start, f.period_end),
-- Materialised: a reader names `actual` several times (total, mape, wape,
-- the grade), and a flattened view repeated its subquery for each (0.76 s
-- for cro.forecast_accuracy_quarters at SCALE=20, 0.10 s computed once).
-- The won stages go through opportunities_owner (owner_rep_id, stage):
-- only each rep's won deals are read, not all of them.
calls AS MATERIALIZED (
SELECT c.rep_id, r.name AS rep_name, r.segment, r.region,
       substr(c.period_start, 1, 4) || '-Q' || ((CAST(substr(c.period_start, 6, 2) AS INTEGER) + 2) / 3) AS quarter,
       c.period_start, c.period_end, c.submitted_date,
       f.amount AS forecast,
       (SELECT round(total(o.amount), 2) FROM opportunities AS o
        WHERE o.owner_rep_id = c.rep_id AND o.stage IN (SELECT s.stage FROM stages AS s WHERE s.is_won = 1)
          AND o.opportunity_type = 'New Business'
          AND o.close_date >= c.period_start AND o.close_date < c.period_end) AS actual,
       c.period_end <= (SELECT as_of FROM as_of_date) AS is_closed_period
FROM first_call AS c
JOIN forecast_submissions AS f ON f.rep_id = c.rep_id AND f.period_start = c.period_start
 AND f.submitted_date = c.submitted_date AND f.category = 'Commit'
JOIN reps AS r ON r.rep_id = c.rep_id)
SELECT * FROM calls;

-- Question: how accurate is the forecast, by rep and quarter, and what
-- grade does it earn?  (seed 003 MAPE grading)  One row per rep and ended
-- quarter: the error of that call (mape over one row) and its grade.
DROP VIEW IF EXISTS forecast_accuracy;
CREATE VIEW forecast_accuracy AS
SELECT rep_id, rep_name, segment, region, quarter, period_start, forecast, actual,
       round(forecast - actual, 2) AS variance,
       mape(actual, forecast) AS ape, mape_grade(mape(actual, forecast)) AS grade
FROM forecast_calls WHERE is_closed_period
GROUP BY rep_id, period_start;

-- Question: how accurate is each rep's forecast over the ended quarters
-- (MAPE and WAPE, with seed 003's grade)?
DROP VIEW IF EXISTS forecast_accuracy_by_rep;
CREATE VIEW forecast_accuracy_by_rep AS
SELECT rep_id, rep_name, segment, region, count(*) AS quarters,
       round(total(forecast), 2) AS forecast, round(total(actual), 2) AS actual,
       mape(actual, forecast) AS mape, mape_skipped(actual, forecast) AS quarters_skipped,
       wape(actual, forecast) AS wape, mape_grade(mape(actual, forecast)) AS grade
FROM forecast_calls WHERE is_closed_period
GROUP BY rep_id;

-- Question: how accurate was the team's forecast each quarter?
DROP VIEW IF EXISTS forecast_accuracy_by_quarter;
CREATE VIEW forecast_accuracy_by_quarter AS
SELECT quarter, period_start, count(*) AS reps, round(total(forecast), 2) AS forecast, round(total(actual), 2) AS actual,
       mape(actual, forecast) AS mape, wape(actual, forecast) AS wape,
       mape_grade(mape(actual, forecast)) AS grade
FROM forecast_calls WHERE is_closed_period
GROUP BY period_start;
