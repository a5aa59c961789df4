-- Accounts (SPEC section 4, seeds 002 and 004; weights in docs/accounts.md).

-- account_tier (seed 002): Strategic > 100000, Growth 50000..100000, Developing < 50000.
SELECT 'tier 0', account_tier(0), 'Developing';
SELECT 'tier 49999.99', account_tier(49999.99), 'Developing';
SELECT 'tier 50000', account_tier(50000), 'Growth';
SELECT 'tier 100000', account_tier(100000), 'Growth';
SELECT 'tier 100000.01', account_tier(100000.01), 'Strategic';
SELECT 'tier 2300000 (seed 002 TCV)', account_tier(2300000), 'Strategic';
SELECT 'tier NULL', account_tier(NULL), NULL;

-- engagement_score (seed 002) = opps x 2 + installed x 0.5 - expired x 1.5.
SELECT 'engagement 12, 63, 27: 24 + 31.5 - 40.5', engagement_score(12, 63, 27), 15.0;
SELECT 'engagement seed 002 territory without opps: 31.5 - 40.5', engagement_score(0, 63, 27), -9.0;
SELECT 'engagement 1, 1, 1: 2 + 0.5 - 1.5', engagement_score(1, 1, 1), 1.0;
SELECT 'engagement zero', engagement_score(0, 0, 0), 0.0;
SELECT 'engagement a REAL', typeof(engagement_score(1, 2, 0)), 'real';
SELECT 'engagement 3 installed: 1.5', engagement_score(0, 3, 0), 1.5;
SELECT 'engagement NULL', engagement_score(12, NULL, 27), NULL;
SELECT 'engagement whole REAL counts', engagement_score(2.0, 4.0, 0.0), 6.0;

-- account_status (seed 002), first match wins: KEY ACCOUNT 10+, HIGH
-- VALUE 5+, AT RISK with expired products, NEEDS ENGAGEMENT.
SELECT 'status 10 opps', account_status(10, 0), 'KEY ACCOUNT';
SELECT 'status 9 opps', account_status(9, 0), 'HIGH VALUE';
SELECT 'status 5 opps', account_status(5, 0), 'HIGH VALUE';
SELECT 'status 4 opps, 1 expired', account_status(4, 1), 'AT RISK';
SELECT 'status 4 opps, none expired', account_status(4, 0), 'NEEDS ENGAGEMENT';
SELECT 'status nothing', account_status(0, 0), 'NEEDS ENGAGEMENT';
SELECT 'status precedence: key account with expired products', account_status(12, 27), 'KEY ACCOUNT';
SELECT 'status precedence: high value with expired products', account_status(5, 27), 'HIGH VALUE';
SELECT 'status NULL', account_status(NULL, 3), NULL;

-- customer_health.  Baseline 100: NPS 60 (20), CSAT 4.8 (10), 0 tickets
-- (10), SLA 1.0 (10), nothing overdue (15), contact 5 days ago (20),
-- sponsor (8) and QBR (7).  Each case moves one input.
SELECT 'health baseline', customer_health(60, 4.8, 0, 1, 0, NULL, 5, 1, 1), 100;
SELECT 'health an INTEGER', typeof(customer_health(60, 4.8, 0, 1, 0, NULL, 5, 1, 1)), 'integer';
-- NPS: >= 50 -> 20; >= 30 -> 16; >= 0 -> 10; >= -30 -> 4; else 0; NULL -> 10.
SELECT 'health NPS 50', customer_health(50, 4.8, 0, 1, 0, NULL, 5, 1, 1), 100;
SELECT 'health NPS 49.9', customer_health(49.9, 4.8, 0, 1, 0, NULL, 5, 1, 1), 96;
SELECT 'health NPS 30', customer_health(30, 4.8, 0, 1, 0, NULL, 5, 1, 1), 96;
SELECT 'health NPS 29', customer_health(29, 4.8, 0, 1, 0, NULL, 5, 1, 1), 90;
SELECT 'health NPS 0', customer_health(0, 4.8, 0, 1, 0, NULL, 5, 1, 1), 90;
SELECT 'health NPS -1', customer_health(-1, 4.8, 0, 1, 0, NULL, 5, 1, 1), 84;
SELECT 'health NPS -30', customer_health(-30, 4.8, 0, 1, 0, NULL, 5, 1, 1), 84;
SELECT 'health NPS -31', customer_health(-31, 4.8, 0, 1, 0, NULL, 5, 1, 1), 80;
SELECT 'health NPS -100', customer_health(-100, 4.8, 0, 1, 0, NULL, 5, 1, 1), 80;
SELECT 'health NPS 100', customer_health(100, 4.8, 0, 1, 0, NULL, 5, 1, 1), 100;
SELECT 'health NPS NULL (neutral)', customer_health(NULL, 4.8, 0, 1, 0, NULL, 5, 1, 1), 90;
-- CSAT: >= 4.5 -> 10; >= 4 -> 8; >= 3.5 -> 5; >= 3 -> 2; else 0; NULL -> 5.
SELECT 'health CSAT 4.5', customer_health(60, 4.5, 0, 1, 0, NULL, 5, 1, 1), 100;
SELECT 'health CSAT 4.49', customer_health(60, 4.49, 0, 1, 0, NULL, 5, 1, 1), 98;
SELECT 'health CSAT 4', customer_health(60, 4, 0, 1, 0, NULL, 5, 1, 1), 98;
SELECT 'health CSAT 3.99', customer_health(60, 3.99, 0, 1, 0, NULL, 5, 1, 1), 95;
SELECT 'health CSAT 3.5', customer_health(60, 3.5, 0, 1, 0, NULL, 5, 1, 1), 95;
SELECT 'health CSAT 3.49', customer_health(60, 3.49, 0, 1, 0, NULL, 5, 1, 1), 92;
SELECT 'health CSAT 3', customer_health(60, 3, 0, 1, 0, NULL, 5, 1, 1), 92;
SELECT 'health CSAT 2.99', customer_health(60, 2.99, 0, 1, 0, NULL, 5, 1, 1), 90;
SELECT 'health CSAT 1', customer_health(60, 1, 0, 1, 0, NULL, 5, 1, 1), 90;
SELECT 'health CSAT 5', customer_health(60, 5, 0, 1, 0, NULL, 5, 1, 1), 100;
SELECT 'health CSAT NULL (neutral)', customer_health(60, NULL, 0, 1, 0, NULL, 5, 1, 1), 95;
-- Open tickets: 0 -> 10; 1-2 -> 7; 3-5 -> 3; 6+ -> 0; NULL = 0.
SELECT 'health 1 ticket', customer_health(60, 4.8, 1, 1, 0, NULL, 5, 1, 1), 97;
SELECT 'health 2 tickets', customer_health(60, 4.8, 2, 1, 0, NULL, 5, 1, 1), 97;
SELECT 'health 3 tickets', customer_health(60, 4.8, 3, 1, 0, NULL, 5, 1, 1), 93;
SELECT 'health 5 tickets', customer_health(60, 4.8, 5, 1, 0, NULL, 5, 1, 1), 93;
SELECT 'health 6 tickets', customer_health(60, 4.8, 6, 1, 0, NULL, 5, 1, 1), 90;
SELECT 'health 40 tickets', customer_health(60, 4.8, 40, 1, 0, NULL, 5, 1, 1), 90;
SELECT 'health tickets NULL = none', customer_health(60, 4.8, NULL, 1, 0, NULL, 5, 1, 1), 100;
-- SLA: >= 0.95 -> 10; >= 0.90 -> 7; >= 0.80 -> 3; else 0; NULL -> 10.
SELECT 'health SLA 0.95', customer_health(60, 4.8, 0, 0.95, 0, NULL, 5, 1, 1), 100;
SELECT 'health SLA 0.9499', customer_health(60, 4.8, 0, 0.9499, 0, NULL, 5, 1, 1), 97;
SELECT 'health SLA 0.90', customer_health(60, 4.8, 0, 0.90, 0, NULL, 5, 1, 1), 97;
SELECT 'health SLA 0.8999', customer_health(60, 4.8, 0, 0.8999, 0, NULL, 5, 1, 1), 93;
SELECT 'health SLA 0.80', customer_health(60, 4.8, 0, 0.80, 0, NULL, 5, 1, 1), 93;
SELECT 'health SLA 0.7999', customer_health(60, 4.8, 0, 0.7999, 0, NULL, 5, 1, 1), 90;
SELECT 'health SLA 0', customer_health(60, 4.8, 0, 0, 0, NULL, 5, 1, 1), 90;
SELECT 'health SLA NULL (none measured)', customer_health(60, 4.8, 0, NULL, 0, NULL, 5, 1, 1), 100;
-- Billing: none overdue -> 15; oldest <= 30 -> 10, <= 60 -> 6, <= 90 -> 3,
-- more -> 0, age NULL -> 6; minus 2 per overdue invoice after the first.
SELECT 'health nothing overdue ignores days', customer_health(60, 4.8, 0, 1, 0, 100, 5, 1, 1), 100;
SELECT 'health overdue NULL = none', customer_health(60, 4.8, 0, 1, NULL, NULL, 5, 1, 1), 100;
SELECT 'health 1 overdue, 30 days', customer_health(60, 4.8, 0, 1, 1, 30, 5, 1, 1), 95;
SELECT 'health 1 overdue, 31 days', customer_health(60, 4.8, 0, 1, 1, 31, 5, 1, 1), 91;
SELECT 'health 1 overdue, 60 days', customer_health(60, 4.8, 0, 1, 1, 60, 5, 1, 1), 91;
SELECT 'health 1 overdue, 61 days', customer_health(60, 4.8, 0, 1, 1, 61, 5, 1, 1), 88;
SELECT 'health 1 overdue, 90 days', customer_health(60, 4.8, 0, 1, 1, 90, 5, 1, 1), 88;
SELECT 'health 1 overdue, 91 days', customer_health(60, 4.8, 0, 1, 1, 91, 5, 1, 1), 85;
SELECT 'health 1 overdue, age unknown', customer_health(60, 4.8, 0, 1, 1, NULL, 5, 1, 1), 91;
SELECT 'health 2 overdue, 10 days: 10 - 2', customer_health(60, 4.8, 0, 1, 2, 10, 5, 1, 1), 93;
SELECT 'health 3 overdue, 10 days: 10 - 4', customer_health(60, 4.8, 0, 1, 3, 10, 5, 1, 1), 91;
SELECT 'health 5 overdue, 10 days: 10 - 8', customer_health(60, 4.8, 0, 1, 5, 10, 5, 1, 1), 87;
SELECT 'health 6 overdue, 10 days: 10 - 10', customer_health(60, 4.8, 0, 1, 6, 10, 5, 1, 1), 85;
SELECT 'health 3 overdue, 75 days: 3 - 4 -> 0', customer_health(60, 4.8, 0, 1, 3, 75, 5, 1, 1), 85;
SELECT 'health 1000 overdue', customer_health(60, 4.8, 0, 1, 1000, 10, 5, 1, 1), 85;
-- Engagement: <= 14 -> 20; <= 30 -> 15; <= 60 -> 8; <= 90 -> 3; else or NULL 0.
SELECT 'health contact 14 days', customer_health(60, 4.8, 0, 1, 0, NULL, 14, 1, 1), 100;
SELECT 'health contact 14.5 days', customer_health(60, 4.8, 0, 1, 0, NULL, 14.5, 1, 1), 95;
SELECT 'health contact 30 days', customer_health(60, 4.8, 0, 1, 0, NULL, 30, 1, 1), 95;
SELECT 'health contact 31 days', customer_health(60, 4.8, 0, 1, 0, NULL, 31, 1, 1), 88;
SELECT 'health contact 60 days', customer_health(60, 4.8, 0, 1, 0, NULL, 60, 1, 1), 88;
SELECT 'health contact 61 days', customer_health(60, 4.8, 0, 1, 0, NULL, 61, 1, 1), 83;
SELECT 'health contact 90 days', customer_health(60, 4.8, 0, 1, 0, NULL, 90, 1, 1), 83;
SELECT 'health contact 91 days', customer_health(60, 4.8, 0, 1, 0, NULL, 91, 1, 1), 80;
SELECT 'health never contacted', customer_health(60, 4.8, 0, 1, 0, NULL, NULL, 1, 1), 80;
SELECT 'health contact today', customer_health(60, 4.8, 0, 1, 0, NULL, 0, 1, 1), 100;
-- Relationship: sponsor 8, QBR 7; NULL = no; TRUE/FALSE work.
SELECT 'health no sponsor', customer_health(60, 4.8, 0, 1, 0, NULL, 5, 0, 1), 92;
SELECT 'health no QBR', customer_health(60, 4.8, 0, 1, 0, NULL, 5, 1, 0), 93;
SELECT 'health neither', customer_health(60, 4.8, 0, 1, 0, NULL, 5, 0, 0), 85;
SELECT 'health flags NULL', customer_health(60, 4.8, 0, 1, 0, NULL, 5, NULL, NULL), 85;
SELECT 'health TRUE and FALSE', customer_health(60, 4.8, 0, 1, 0, NULL, 5, TRUE, FALSE), 93;
-- Extremes.
SELECT 'health nothing known: 10 + 5 + 20 + 15 + 0 + 0', customer_health(NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL), 50;
SELECT 'health worst', customer_health(-100, 1, 6, 0, 6, 120, 365, 0, 0), 0;
-- The docs example: 16 + 8 + (3 + 7) + (6 - 2) + 20 + 8.
SELECT 'health docs example', customer_health(45, 4.2, 3, 0.92, 2, 45, 12, 1, 0), 66;

-- customer_health_status: Healthy >= 70, At Risk >= 40, Critical.
SELECT 'health status 100', customer_health_status(100), 'Healthy';
SELECT 'health status 70', customer_health_status(70), 'Healthy';
SELECT 'health status 69.99', customer_health_status(69.99), 'At Risk';
SELECT 'health status 40', customer_health_status(40), 'At Risk';
SELECT 'health status 39', customer_health_status(39), 'Critical';
SELECT 'health status 0', customer_health_status(0), 'Critical';
SELECT 'health status NULL', customer_health_status(NULL), NULL;
SELECT 'health status of a score', customer_health_status(customer_health(45, 4.2, 3, 0.92, 2, 45, 12, 1, 0)), 'At Risk';

-- customer_health_factors: the same score, the factors add up to it.
CREATE TABLE h(nps, csat, tickets, sla, overdue, days_overdue, contact, sponsor, qbr);
INSERT INTO h VALUES (45, 4.2, 3, 0.92, 2, 45, 12, 1, 0), (NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
  (-100, 1, 6, 0, 6, 120, 365, 0, 0), (60, 4.8, 0, 1, 1, NULL, 31, 0, 1);
SELECT 'health factors: score = customer_health (4 rows)', count(*), 4 FROM h
  WHERE json_extract(customer_health_factors(nps, csat, tickets, sla, overdue, days_overdue, contact, sponsor, qbr), '$.score')
      = customer_health(nps, csat, tickets, sla, overdue, days_overdue, contact, sponsor, qbr);
SELECT 'health factors: points add up to the score (4 rows)', count(*), 4 FROM h
  WHERE (SELECT sum(json_extract(value, '$.points')) FROM json_each(customer_health_factors(nps, csat, tickets, sla, overdue,
         days_overdue, contact, sponsor, qbr), '$.factors'))
      = customer_health(nps, csat, tickets, sla, overdue, days_overdue, contact, sponsor, qbr);
SELECT 'health factors: maxima add up to 100', (SELECT sum(json_extract(value, '$.max')) FROM json_each(
  customer_health_factors(45, 4.2, 3, 0.92, 2, 45, 12, 1, 0), '$.factors')), 100;
SELECT 'health factors: names in order', (SELECT group_concat(key, ' ') FROM json_each(
  customer_health_factors(45, 4.2, 3, 0.92, 2, 45, 12, 1, 0), '$.factors')), 'nps csat support billing engagement relationship';
SELECT 'health factors: status', json_extract(customer_health_factors(45, 4.2, 3, 0.92, 2, 45, 12, 1, 0), '$.status'), 'At Risk';
SELECT 'health factors: reasons for unknowns', (SELECT group_concat(json_extract(value, '$.reason'), '; ') FROM json_each(
  customer_health_factors(NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL), '$.factors')),
  'no NPS answer: scored as neutral; no CSAT rating: scored as neutral; 0 open tickets, no SLA measured; no overdue invoice; no interaction recorded; no executive sponsor engaged, no QBR scheduled';
SELECT 'health factors: age unknown reason', json_extract(customer_health_factors(60, 4.8, 0, 1, 1, NULL, 31, 0, 1),
  '$.factors.billing.reason'), '1 overdue invoice, age unknown';
SELECT 'health factors: one ticket', json_extract(customer_health_factors(60, 4.8, 1, NULL, 0, NULL, 5, 1, 1),
  '$.factors.support.reason'), '1 open ticket, no SLA measured';
SELECT 'health factors: embedded as JSON', json_extract(json_object('h', customer_health_factors(45, 4.2, 3, 0.92, 2, 45, 12, 1, 0)), '$.h.score'), 66;

-- churn_risk.  Health factor alone (renewal 365 days: 0, usage up: 0):
-- round half up of (100 - health) x 0.6.
SELECT 'risk health 100', churn_risk(100, 365, 0.1), 0;
SELECT 'risk health 0', churn_risk(0, 365, 0.1), 60;
SELECT 'risk health 50', churn_risk(50, 365, 0.1), 30;
SELECT 'risk health 59: 24.6 -> 25', churn_risk(59, 365, 0.1), 25;
SELECT 'risk health 57.5: 25.5 -> 26', churn_risk(57.5, 365, 0.1), 26;
SELECT 'risk health 99: 0.6 -> 1', churn_risk(99, 365, 0.1), 1;
SELECT 'risk health 75: 15', churn_risk(75, 365, 0.1), 15;
SELECT 'risk health NULL -> 30', churn_risk(NULL, 365, 0.1), 30;
SELECT 'risk an INTEGER', typeof(churn_risk(50, 365, 0)), 'integer';
-- Renewal (health 100, usage NULL): <= 30 -> 20, <= 90 -> 14, <= 180 -> 7,
-- more -> 0, passed or NULL -> 20.
SELECT 'risk renewal today', churn_risk(100, 0, NULL), 20;
SELECT 'risk renewal 30', churn_risk(100, 30, NULL), 20;
SELECT 'risk renewal 31', churn_risk(100, 31, NULL), 14;
SELECT 'risk renewal 90', churn_risk(100, 90, NULL), 14;
SELECT 'risk renewal 91', churn_risk(100, 91, NULL), 7;
SELECT 'risk renewal 180', churn_risk(100, 180, NULL), 7;
SELECT 'risk renewal 181', churn_risk(100, 181, NULL), 0;
SELECT 'risk renewal passed', churn_risk(100, -5, NULL), 20;
SELECT 'risk no renewal date (month-to-month)', churn_risk(100, NULL, NULL), 20;
-- Usage (health 100, renewal 365): >= 0 -> 0, >= -0.10 -> 5, >= -0.25 ->
-- 10, >= -0.50 -> 15, else 20; NULL -> 0.
SELECT 'risk usage up', churn_risk(100, 365, 0.5), 0;
SELECT 'risk usage flat', churn_risk(100, 365, 0), 0;
SELECT 'risk usage -0.10', churn_risk(100, 365, -0.10), 5;
SELECT 'risk usage -0.1001', churn_risk(100, 365, -0.1001), 10;
SELECT 'risk usage -0.25', churn_risk(100, 365, -0.25), 10;
SELECT 'risk usage -0.2501', churn_risk(100, 365, -0.2501), 15;
SELECT 'risk usage -0.50', churn_risk(100, 365, -0.50), 15;
SELECT 'risk usage -0.5001', churn_risk(100, 365, -0.5001), 20;
SELECT 'risk usage -1 (stopped)', churn_risk(100, 365, -1), 20;
SELECT 'risk usage NULL', churn_risk(100, 365, NULL), 0;
-- Extremes and the docs examples.
SELECT 'risk worst: 60 + 20 + 20', churn_risk(0, 10, -0.9), 100;
SELECT 'risk nothing known: 30 + 20 + 0', churn_risk(NULL, NULL, NULL), 50;
SELECT 'risk docs example: 25 + 14 + 10', churn_risk(58, 60, -0.2), 49;
SELECT 'risk composed: health 47 -> 32 + 20 + 15',
  churn_risk(customer_health(10, 3.8, 4, 0.85, 1, 20, 40, 1, 0), 20, -0.3), 67;

-- churn_risk_level: Critical >= 75, High >= 50, Medium >= 25, Low.
SELECT 'risk level 100', churn_risk_level(100), 'Critical';
SELECT 'risk level 75', churn_risk_level(75), 'Critical';
SELECT 'risk level 74.9', churn_risk_level(74.9), 'High';
SELECT 'risk level 50', churn_risk_level(50), 'High';
SELECT 'risk level 49', churn_risk_level(49), 'Medium';
SELECT 'risk level 25', churn_risk_level(25), 'Medium';
SELECT 'risk level 24', churn_risk_level(24), 'Low';
SELECT 'risk level 0', churn_risk_level(0), 'Low';
SELECT 'risk level NULL', churn_risk_level(NULL), NULL;

-- churn_risk_factors.
SELECT 'risk factors score and level', json_extract(churn_risk_factors(58, 60, -0.2), '$.score') || ' ' ||
  json_extract(churn_risk_factors(58, 60, -0.2), '$.level'), '49 Medium';
SELECT 'risk factors add up', (SELECT sum(json_extract(value, '$.points')) FROM json_each(
  churn_risk_factors(0, -3, -0.9), '$.factors')), 100;
SELECT 'risk factors reasons', (SELECT group_concat(json_extract(value, '$.reason'), '; ') FROM json_each(
  churn_risk_factors(NULL, -3, 0.15), '$.factors')), 'health unknown: scored as 50; renewal date passed 3 days ago; usage up 15%';
SELECT 'risk factors no renewal date', json_extract(churn_risk_factors(80, NULL, NULL), '$.factors.renewal.reason'),
  'no renewal date: can leave in any month';

-- nps: % promoters (9-10) - % detractors (0-6) of 0..10 answers.
WITH t(a) AS (VALUES (10), (10), (9), (8), (3), (NULL))
SELECT 'nps (3 - 1) / 5 x 100', nps(a), 40.0 FROM t;
WITH t(a) AS (VALUES (10), (9), (8), (7), (6), (0))
SELECT 'nps balanced', nps(a), 0.0 FROM t;
WITH t(a) AS (VALUES (9), (10.0))
SELECT 'nps all promoters', nps(a), 100.0 FROM t;
WITH t(a) AS (VALUES (0), (6))
SELECT 'nps all detractors', nps(a), -100.0 FROM t;
WITH t(a) AS (VALUES (7), (8))
SELECT 'nps passives only', nps(a), 0.0 FROM t;
-- 1 promoter, 2 detractors of 3: -1/3 x 100
WITH t(a) AS (VALUES (9), (6), (5))
SELECT 'nps rounding', round(nps(a), 6), -33.333333 FROM t;
SELECT 'nps no answers', nps(a), NULL FROM (SELECT 1 AS a) WHERE 0;
CREATE TABLE survey(id INTEGER PRIMARY KEY, answer INT);
INSERT INTO survey(answer) VALUES (10), (2), (9), (7), (NULL), (4), (10), (8), (9), (0);
SELECT 'nps window frame = aggregate (10 frames)', count(*), 10 FROM (
  SELECT id, nps(answer) OVER (ORDER BY id ROWS BETWEEN 3 PRECEDING AND 1 FOLLOWING) AS w FROM survey) AS f
  WHERE w IS (SELECT nps(answer) FROM survey g WHERE g.id BETWEEN f.id - 3 AND f.id + 1);
-- nps feeds customer_health: the survey above has promoters 10, 9, 10, 9
-- and detractors 2, 4, 0 of 9 answers: (4 - 3) / 9 x 100 = 11.1 -> 10 points.
SELECT 'nps into customer_health', customer_health((SELECT nps(answer) FROM survey), 4.8, 0, 1, 0, NULL, 5, 1, 1), 90;

-- aging_bucket(due_date, as_of): days past due = floor(julianday(as_of) -
-- julianday(due_date)); <= 0 current, 1-30, 31-60, 61-90, more: 90+.
-- As of 2026-03-01: due 2026-03-01 is 0 days (current), 2026-02-28 is 1,
-- 2026-01-30 is 30 (Jan 30 -> Mar 1: 1 + 28 + 1), 2026-01-29 is 31.
SELECT 'aging: due today is current', aging_bucket('2026-03-01', '2026-03-01'), 'current';
SELECT 'aging: due in the future is current', aging_bucket('2026-04-15', '2026-03-01'), 'current';
SELECT 'aging: 1 day past due', aging_bucket('2026-02-28', '2026-03-01'), '1-30';
SELECT 'aging: 30 days past due', aging_bucket('2026-01-30', '2026-03-01'), '1-30';
SELECT 'aging: 31 days past due', aging_bucket('2026-01-29', '2026-03-01'), '31-60';
-- 60 days before 2026-03-01 is 2025-12-31 (31 Jan + 28 Feb + 1), 61 is 2025-12-30.
SELECT 'aging: 60 days past due', aging_bucket('2025-12-31', '2026-03-01'), '31-60';
SELECT 'aging: 61 days past due', aging_bucket('2025-12-30', '2026-03-01'), '61-90';
-- 90 days: 2025-12-01 (30 Dec days + 60 above), 91: 2025-11-30.
SELECT 'aging: 90 days past due', aging_bucket('2025-12-01', '2026-03-01'), '61-90';
SELECT 'aging: 91 days past due', aging_bucket('2025-11-30', '2026-03-01'), '90+';
SELECT 'aging: years past due', aging_bucket('2020-01-01', '2026-03-01'), '90+';
-- Whole days, rounded down: due at 18:00, as of the next day 09:00 is 0
-- days (15 hours): still current; a time on as_of counts the same way.
SELECT 'aging: partial days round down', aging_bucket('2026-02-28 18:00', '2026-03-01 09:00'), 'current';
SELECT 'aging: NULL due date', aging_bucket(NULL, '2026-03-01'), NULL;
SELECT 'aging: NULL as_of', aging_bucket('2026-02-01', NULL), NULL;
SELECT 'aging: a TEXT result', typeof(aging_bucket('2026-02-01', '2026-03-01')), 'text';
-- Per bucket, as a receivables report groups invoices (due dates above:
-- 0, 1, 31, 61 and 91 days past due on 2026-03-01).
CREATE TABLE inv(due TEXT, amount REAL);
INSERT INTO inv VALUES ('2026-03-01', 100), ('2026-02-28', 200), ('2026-01-29', 300), ('2025-12-30', 400), ('2025-11-30', 500), ('2026-02-01', 50);
SELECT 'aging: receivables by bucket',
  (SELECT group_concat(b || '=' || s, ' ') FROM (SELECT aging_bucket(due, '2026-03-01') AS b, sum(amount) AS s FROM inv GROUP BY b ORDER BY b)),
  '1-30=250.0 31-60=300.0 61-90=400.0 90+=500.0 current=100.0';
