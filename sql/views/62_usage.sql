-- sql/views/62_usage.sql — product usage (seed 003 expansion signals and
-- revenue intelligence: "approaching seat/usage limit (>80%)", "new
-- department/team using product", "API usage growing >20% MoM",
-- "decreasing product usage predicts churn in 60-90 days"; churn_risk's
-- usage factor).
--
-- From the product_usage table (sql/schema.sql: one row per account and
-- month).  The latest usage month is the last month that ended before the
-- as-of date (revenue_calendar.month).

-- Question: how much of what they bought do customers use, month by month?
-- (seed 003 "seats used against purchased", "usage above 80% of plan")
-- seat_utilisation = seats_used / seats_purchased; api_utilisation =
-- api_calls / api_call_limit (NULL when unlimited); *_mom: the change
-- against the previous month as a fraction ((this - last) / last).
DROP VIEW IF EXISTS usage_monthly;
CREATE VIEW usage_monthly AS
WITH d AS MATERIALIZED (SELECT account_id, account_name, segment, region, channel FROM account_dimensions),
u AS (
  SELECT u.*,
         lag(u.month) OVER w AS prev_month, lag(u.active_users) OVER w AS prev_active_users,
         lag(u.api_calls) OVER w AS prev_api_calls, lag(u.teams_active) OVER w AS prev_teams_active
  FROM product_usage AS u
  WHERE u.month <= (SELECT month FROM revenue_calendar)
  WINDOW w AS (PARTITION BY u.account_id ORDER BY u.month))
SELECT u.month, u.account_id, d.account_name, d.segment, d.region, d.channel,
       u.seats_purchased, u.seats_used, u.active_users, u.key_feature_events, u.api_calls, u.api_call_limit,
       u.teams_active,
       CASE WHEN u.seats_purchased > 0 THEN CAST(u.seats_used AS REAL) / u.seats_purchased END AS seat_utilisation,
       CASE WHEN u.api_call_limit > 0 THEN CAST(u.api_calls AS REAL) / u.api_call_limit END AS api_utilisation,
       CASE WHEN u.prev_month = strftime('%Y-%m', u.month || '-01', '-1 month') AND u.prev_active_users > 0
            THEN CAST(u.active_users - u.prev_active_users AS REAL) / u.prev_active_users END AS active_users_mom,
       CASE WHEN u.prev_month = strftime('%Y-%m', u.month || '-01', '-1 month') AND u.prev_api_calls > 0
            THEN CAST(u.api_calls - u.prev_api_calls AS REAL) / u.prev_api_calls END AS api_calls_mom,
       CASE WHEN u.prev_month = strftime('%Y-%m', u.month || '-01', '-1 month')
            THEN u.teams_active - u.prev_teams_active END AS teams_added
FROM u
LEFT JOIN d ON d.account_id = u.account_id;

-- Question: how much of what they bought do customers use, month by month,
-- in total?  (seed 003 Tier 3 "feature adoption rates", "seats used against
-- purchased")  usage_monthly summed per month, segment, region and channel:
-- accounts counts its rows, the other columns sum them (NULL where every
-- row is NULL, as sum() of the rows is), so any grouping of these columns
-- sums to what grouping usage_monthly gives.  Kept (99_derived.sql):
-- customer_success.adoption_trend grouped every account-month (about
-- 700,000 at SCALE=20, 0.9 s) on each run.
DROP VIEW IF EXISTS usage_adoption_monthly;
CREATE VIEW usage_adoption_monthly AS
SELECT month, segment, region, channel, count(*) AS accounts,
       sum(seats_purchased) AS seats_purchased, sum(seats_used) AS seats_used,
       sum(active_users) AS active_users, sum(key_feature_events) AS key_feature_events
FROM usage_monthly
GROUP BY month, segment, region, channel;

-- Question: is each customer using the product more or less than three
-- months ago?  (seed 003 "decreasing product usage predicts churn in 60-90
-- days"; churn_risk's usage_change input)  One row per account with usage
-- in the latest month: usage_change = (active users now - three months
-- earlier) / three months earlier, a fraction >= -1 (NULL without a month
-- three months back, or none active then).  Choice: monthly active users,
-- not seats: seats are what was bought, active users what is used.
DROP VIEW IF EXISTS usage_trend;
CREATE VIEW usage_trend AS
WITH m AS (SELECT month FROM revenue_calendar),
d AS MATERIALIZED (SELECT account_id, account_name, segment, region, channel FROM account_dimensions)
SELECT n.account_id, d.account_name, d.segment, d.region, d.channel, n.month,
       n.active_users, p.active_users AS active_users_3m_ago,
       n.seats_used, n.seats_purchased,
       CASE WHEN n.seats_purchased > 0 THEN CAST(n.seats_used AS REAL) / n.seats_purchased END AS seat_utilisation,
       CASE WHEN n.api_call_limit > 0 THEN CAST(n.api_calls AS REAL) / n.api_call_limit END AS api_utilisation,
       CASE WHEN p.active_users > 0 THEN CAST(n.active_users - p.active_users AS REAL) / p.active_users END AS usage_change
FROM product_usage AS n
LEFT JOIN product_usage AS p ON p.account_id = n.account_id
     AND p.month = strftime('%Y-%m', n.month || '-01', '-3 months')
LEFT JOIN d ON d.account_id = n.account_id
WHERE n.month = (SELECT month FROM m);

-- Question: which customers show an expansion signal now?  (seed 003
-- expansion-signals.yaml usage_signals, with its actions and urgency)  One
-- row per account and signal in the latest month:
--   'Approaching seat/usage limit (>80%)'  seats used or API calls above
--      80% of what was bought (High: "Alert CS + AE, send upgrade nudge");
--   'New department/team using product'    more teams active than the
--      month before (Medium: "Alert AE for cross-sell conversation");
--   'API usage growing >20% MoM'           (Medium: "Log for QBR, prepare
--      enterprise tier pitch").
-- value is the measure that fired (utilisation, teams added, growth); arr
-- the account's ARR at the same month end.
DROP VIEW IF EXISTS usage_expansion_signals;
CREATE VIEW usage_expansion_signals AS
WITH cal AS (SELECT month FROM revenue_calendar),
d AS MATERIALIZED (SELECT account_id, account_name, segment, region, channel FROM account_dimensions),
u AS (SELECT n.month, n.account_id, d.account_name, d.segment, d.region, d.channel,
             CASE WHEN n.seats_purchased > 0 THEN CAST(n.seats_used AS REAL) / n.seats_purchased END AS seat_utilisation,
             CASE WHEN n.api_call_limit > 0 THEN CAST(n.api_calls AS REAL) / n.api_call_limit END AS api_utilisation,
             CASE WHEN p.api_calls > 0 THEN CAST(n.api_calls - p.api_calls AS REAL) / p.api_calls END AS api_calls_mom,
             n.teams_active - p.teams_active AS teams_added
      FROM product_usage AS n
      LEFT JOIN product_usage AS p ON p.account_id = n.account_id
           AND p.month = strftime('%Y-%m', n.month || '-01', '-1 month')
      LEFT JOIN d ON d.account_id = n.account_id
      WHERE n.month = (SELECT month FROM cal)),
s AS (
  SELECT account_id, 'Approaching seat/usage limit (>80%)' AS signal, 'High' AS urgency,
         'Alert CS + AE, send upgrade nudge' AS action,
         max(coalesce(seat_utilisation, 0), coalesce(api_utilisation, 0)) AS value
  FROM u WHERE seat_utilisation > 0.8 OR api_utilisation > 0.8
  UNION ALL
  SELECT account_id, 'New department/team using product', 'Medium',
         'Alert AE for cross-sell conversation', teams_added
  FROM u WHERE teams_added > 0
  UNION ALL
  SELECT account_id, 'API usage growing >20% MoM', 'Medium',
         'Log for QBR, prepare enterprise tier pitch', api_calls_mom
  FROM u WHERE api_calls_mom > 0.2)
SELECT u.month, s.account_id, u.account_name, u.segment, u.region, u.channel,
       s.signal, s.urgency, s.action, s.value, u.seat_utilisation, u.api_utilisation,
       coalesce(c.arr, 0) AS arr
FROM s
JOIN u ON u.account_id = s.account_id
LEFT JOIN revenue_customers_now AS c ON c.account_id = s.account_id;
