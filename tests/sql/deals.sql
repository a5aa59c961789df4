-- deal_health, deal_health_status, deal_health_factors (SPEC section 3,
-- seed 001).  Each factor is isolated by holding the others at known
-- points: days_in_stage 0 of 10 (25), no activity NULL (0), no contacts
-- (0), no close date (0), amount NULL (15) -> base 40 plus the factor
-- under test, where the factor is one of those.

-- Everything best: 25 + 25 + 20 + 15 + 15.
SELECT 'all best', deal_health(5, 10, 1, 5, 30, 0, 0.05), 100;
-- Everything NULL: stage neutral 12 + activity 0 + contacts 0 + close 0 + amount 15.
SELECT 'all NULL', deal_health(NULL, NULL, NULL, NULL, NULL, NULL, NULL), 27;
SELECT 'an integer', typeof(deal_health(5, 10, 1, 5, 30, 0, 0.05)), 'integer';

-- Stage velocity: r = days / expected; activity 1 (25), contacts 5 (20),
-- close 30 days, 0 pushes (15), amount 0 (15) = 75 + stage points.
SELECT 'stage r=0.5', deal_health(5, 10, 1, 5, 30, 0, 0), 100;
SELECT 'stage r=1', deal_health(10, 10, 1, 5, 30, 0, 0), 100;
SELECT 'stage r=1.1', deal_health(11, 10, 1, 5, 30, 0, 0), 93;
SELECT 'stage r=1.5', deal_health(15, 10, 1, 5, 30, 0, 0), 93;
SELECT 'stage r=1.6', deal_health(16, 10, 1, 5, 30, 0, 0), 85;
SELECT 'stage r=2', deal_health(20, 10, 1, 5, 30, 0, 0), 85;
SELECT 'stage r=2.1', deal_health(21, 10, 1, 5, 30, 0, 0), 80;
SELECT 'stage r=3', deal_health(30, 10, 1, 5, 30, 0, 0), 80;
SELECT 'stage r=3.1', deal_health(31, 10, 1, 5, 30, 0, 0), 75;
SELECT 'stage expected 0 -> 12', deal_health(5, 0, 1, 5, 30, 0, 0), 87;
SELECT 'stage days NULL -> 12', deal_health(NULL, 10, 1, 5, 30, 0, 0), 87;
SELECT 'stage expected NULL -> 12', deal_health(5, NULL, 1, 5, 30, 0, 0), 87;

-- Activity recency; the rest at 25 + 20 + 15 + 15 = 75.
SELECT 'activity 0', deal_health(1, 10, 0, 5, 30, 0, 0), 100;
SELECT 'activity 3', deal_health(1, 10, 3, 5, 30, 0, 0), 100;
SELECT 'activity 4', deal_health(1, 10, 4, 5, 30, 0, 0), 95;
SELECT 'activity 7', deal_health(1, 10, 7, 5, 30, 0, 0), 95;
SELECT 'activity 8', deal_health(1, 10, 8, 5, 30, 0, 0), 87;
SELECT 'activity 14', deal_health(1, 10, 14, 5, 30, 0, 0), 87;
SELECT 'activity 15', deal_health(1, 10, 15, 5, 30, 0, 0), 80;
SELECT 'activity 21', deal_health(1, 10, 21, 5, 30, 0, 0), 80;
SELECT 'activity 22', deal_health(1, 10, 22, 5, 30, 0, 0), 75;
SELECT 'activity NULL (never)', deal_health(1, 10, NULL, 5, 30, 0, 0), 75;

-- Multi-threading; the rest at 25 + 25 + 15 + 15 = 80.
SELECT 'contacts 6', deal_health(1, 10, 1, 6, 30, 0, 0), 100;
SELECT 'contacts 5', deal_health(1, 10, 1, 5, 30, 0, 0), 100;
SELECT 'contacts 4', deal_health(1, 10, 1, 4, 30, 0, 0), 97;
SELECT 'contacts 3', deal_health(1, 10, 1, 3, 30, 0, 0), 94;
SELECT 'contacts 2', deal_health(1, 10, 1, 2, 30, 0, 0), 90;
SELECT 'contacts 1', deal_health(1, 10, 1, 1, 30, 0, 0), 84;
SELECT 'contacts 0', deal_health(1, 10, 1, 0, 30, 0, 0), 80;
SELECT 'contacts NULL', deal_health(1, 10, 1, NULL, 30, 0, 0), 80;

-- Close date; the rest at 25 + 25 + 20 + 15 = 85.
SELECT 'close in 30, 0 pushes', deal_health(1, 10, 1, 5, 30, 0, 0), 100;
SELECT 'close today, 0 pushes', deal_health(1, 10, 1, 5, 0, 0, 0), 100;
SELECT 'close in 30, 1 push', deal_health(1, 10, 1, 5, 30, 1, 0), 95;
SELECT 'close in 30, 2 pushes', deal_health(1, 10, 1, 5, 30, 2, 0), 90;
SELECT 'close in 30, 3 pushes', deal_health(1, 10, 1, 5, 30, 3, 0), 85;
SELECT 'close in 30, 7 pushes', deal_health(1, 10, 1, 5, 30, 7, 0), 85;
SELECT 'close in 30, pushes NULL = 0', deal_health(1, 10, 1, 5, 30, NULL, 0), 100;
SELECT 'close date passed', deal_health(1, 10, 1, 5, -1, 0, 0), 85;
SELECT 'no close date', deal_health(1, 10, 1, 5, NULL, 0, 0), 85;

-- Amount change; the rest at 25 + 25 + 20 + 15 = 85.
SELECT 'amount +20%', deal_health(1, 10, 1, 5, 30, 0, 0.2), 100;
SELECT 'amount 0', deal_health(1, 10, 1, 5, 30, 0, 0), 100;
SELECT 'amount -5%', deal_health(1, 10, 1, 5, 30, 0, -0.05), 95;
SELECT 'amount -10%', deal_health(1, 10, 1, 5, 30, 0, -0.10), 95;
SELECT 'amount -10% as (45-50)/50', deal_health(1, 10, 1, 5, 30, 0, (45.0 - 50) / 50), 95;
SELECT 'amount -11%', deal_health(1, 10, 1, 5, 30, 0, -0.11), 90;
SELECT 'amount -25%', deal_health(1, 10, 1, 5, 30, 0, -0.25), 90;
SELECT 'amount -26%', deal_health(1, 10, 1, 5, 30, 0, -0.26), 85;
SELECT 'amount -100%', deal_health(1, 10, 1, 5, 30, 0, -1), 85;
SELECT 'amount NULL', deal_health(1, 10, 1, 5, 30, 0, NULL), 100;
SELECT 'integers and reals mix', deal_health(1.0, 10, 1.5, 5.0, 30.0, 0.0, 0), 100;

-- Status bands (seed 001).
SELECT 'status 100', deal_health_status(100), 'Healthy';
SELECT 'status 80', deal_health_status(80), 'Healthy';
SELECT 'status 79', deal_health_status(79), 'Monitor';
SELECT 'status 79.5', deal_health_status(79.5), 'Monitor';
SELECT 'status 60', deal_health_status(60), 'Monitor';
SELECT 'status 59', deal_health_status(59), 'At Risk';
SELECT 'status 40', deal_health_status(40), 'At Risk';
SELECT 'status 39', deal_health_status(39), 'Critical';
SELECT 'status 0', deal_health_status(0), 'Critical';
SELECT 'status NULL', deal_health_status(NULL), NULL;
SELECT 'status of a score', deal_health_status(deal_health(30, 10, 10, 2, 5, 1, -0.05)), 'At Risk';

-- Factors explainer: 30 days of 20 expected (r = 1.5 -> 18), activity
-- 14 days ago (12), 1 contact (4), close date passed (0), amount -20% (5)
-- = 39, Critical, with all four hygiene flags.
CREATE TABLE f AS SELECT deal_health_factors(30, 20, 14, 1, -3, 2, -0.2) AS j;
SELECT 'factors: score', json_extract(j, '$.score'), 39 FROM f;
SELECT 'factors: status', json_extract(j, '$.status'), 'Critical' FROM f;
SELECT 'factors: stage points/max', json_extract(j, '$.factors.stage_velocity.points') || '/' || json_extract(j, '$.factors.stage_velocity.max'), '18/25' FROM f;
SELECT 'factors: activity', json_extract(j, '$.factors.activity_recency.points'), 12 FROM f;
SELECT 'factors: multi-threading', json_extract(j, '$.factors.multi_threading.points'), 4 FROM f;
SELECT 'factors: close date', json_extract(j, '$.factors.close_date.points'), 0 FROM f;
SELECT 'factors: amount', json_extract(j, '$.factors.amount.points'), 5 FROM f;
SELECT 'factors: maxima sum to 100', (SELECT sum(json_extract(value, '$.max')) FROM json_each(j, '$.factors')), 100 FROM f;
SELECT 'factors: points sum to the score', (SELECT sum(json_extract(value, '$.points')) FROM json_each(j, '$.factors')), 39 FROM f;
SELECT 'factors: reason', json_extract(j, '$.factors.stage_velocity.reason'), '30 days in stage, 20 expected (150% of expected)' FROM f;
SELECT 'factors: flags', json_extract(j, '$.flags'), '["stale","past_close","single_threaded","slipping"]' FROM f;
SELECT 'factors: no flags on a clean deal', json_extract(deal_health_factors(1, 10, 13, 2, 0, 1, 0), '$.flags'), '[]';
SELECT 'factors: never active is stale', json_extract(deal_health_factors(1, 10, NULL, 3, 10, 0, 0), '$.flags'), '["stale"]';
SELECT 'factors: same score as deal_health', json_extract(deal_health_factors(16, 10, 8, 3, 12, 1, -0.12), '$.score'), deal_health(16, 10, 8, 3, 12, 1, -0.12);
-- 10 + 12 + 14 + 10 + 5 = 51
SELECT 'factors: by hand', deal_health(16, 10, 8, 3, 12, 1, -0.12), 51;
