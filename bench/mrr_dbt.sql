-- bench/mrr_dbt.sql: the mrr_waterfall('src') rules of SPEC section 3 in
-- plain SQL, built the way the dbt mrr-playbook builds its MRR model
-- (github.com/dbt-labs/mrr-playbook: a month calendar, a customer-month
-- spine from each customer's first to last month, a join of the periods
-- onto it, lag() over each customer's months and a CASE to classify),
-- adapted to month-END snapshots and to net movements per customer.
-- Dates are compared as text, which is right for the 'YYYY-MM-DD' dates
-- bench/mrr_gen.sql writes.  One statement; the benchmark's baseline.
WITH RECURSIVE
  bounds AS (
    SELECT min(substr(start_date, 1, 7)) AS first_month,
           max(max(substr(start_date, 1, 7)), coalesce(max(substr(end_date, 1, 7)), '')) AS last_month
    FROM src),
  -- the calendar: each month and the first day of the next one
  months(month, next_first) AS (
    SELECT first_month, date(first_month || '-01', '+1 month') FROM bounds
    UNION ALL
    SELECT substr(next_first, 1, 7), date(next_first, '+1 month')
    FROM months, bounds WHERE substr(next_first, 1, 7) <= last_month),
  -- each customer's first month, and its last: the month of its last end,
  -- or the end of the calendar while a period is still open
  customers AS (
    SELECT customer_id, min(substr(start_date, 1, 7)) AS first_month,
           CASE WHEN count(*) > count(end_date) THEN (SELECT last_month FROM bounds)
                ELSE max(substr(end_date, 1, 7)) END AS last_month
    FROM src GROUP BY customer_id),
  -- the customer-month spine
  customer_months AS (
    SELECT c.customer_id, m.month, m.next_first
    FROM customers c JOIN months m ON m.month BETWEEN c.first_month AND c.last_month),
  -- month-end snapshot: the periods active at the close of the last day
  snapshots AS (
    SELECT cm.customer_id, cm.month,
           coalesce(CAST(round(sum(p.mrr) * 100) AS INTEGER), 0) AS cents
    FROM customer_months cm LEFT JOIN src p
      ON p.customer_id = cm.customer_id AND p.start_date < cm.next_first
     AND (p.end_date IS NULL OR p.end_date >= cm.next_first)
    GROUP BY cm.customer_id, cm.month),
  changes AS (
    SELECT month, cents,
           coalesce(lag(cents) OVER w, 0) AS prev,
           coalesce(max(cents > 0) OVER (w ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS was_active
    FROM snapshots WINDOW w AS (PARTITION BY customer_id ORDER BY month)),
  classified AS (
    SELECT month, cents, prev,
           CASE WHEN prev = 0 AND cents > 0 AND NOT was_active THEN 'new'
                WHEN prev = 0 AND cents > 0 THEN 'reactivation'
                WHEN prev > 0 AND cents = 0 THEN 'churned'
                WHEN cents > prev THEN 'expansion'
                WHEN cents < prev THEN 'contraction' END AS movement
    FROM changes),
  per_month AS (
    SELECT month, sum(cents) AS ending, sum(cents > 0) AS n_ending,
           sum(CASE movement WHEN 'new' THEN cents ELSE 0 END) AS new_c,
           sum(CASE movement WHEN 'expansion' THEN cents - prev ELSE 0 END) AS exp_c,
           sum(CASE movement WHEN 'reactivation' THEN cents ELSE 0 END) AS react_c,
           sum(CASE movement WHEN 'contraction' THEN prev - cents ELSE 0 END) AS contr_c,
           sum(CASE movement WHEN 'churned' THEN prev ELSE 0 END) AS churn_c,
           sum(movement = 'new') AS n_new, sum(movement = 'reactivation') AS n_react,
           sum(movement = 'churned') AS n_churn
    FROM classified GROUP BY month)
SELECT month, lag(ending, 1, 0) OVER o / 100.0, new_c / 100.0, exp_c / 100.0, react_c / 100.0,
       contr_c / 100.0, churn_c / 100.0, ending / 100.0, (ending - lag(ending, 1, 0) OVER o) / 100.0,
       lag(n_ending, 1, 0) OVER o, n_new, n_react, n_churn, n_ending
FROM per_month
WHERE month >= (SELECT min(month) FROM classified WHERE cents > 0)
WINDOW o AS (ORDER BY month)
ORDER BY month
