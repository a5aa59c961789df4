-- tests/postgres/functions.sql — every revops function over the demo
-- tables, written so that SQLite and PostgreSQL both run it as it is
-- (tests/postgres/compare.py runs each statement on both and compares
-- the rows).  A case's label follows "-- case: "; labels starting
-- "aggregate" are also checked for a parallel plan (Partial Aggregate);
-- "grouped" ones have a group per lead, where the planner may rightly
-- prefer to aggregate once above the workers.
-- tests/postgres/run.sh checks that every name of tests/registry.expected
-- appears here.

-- case: scalar revops_version
SELECT revops_version();
-- case: aggregate weighted_pipeline by owner
SELECT owner_rep_id, weighted_pipeline(amount, probability), weighted_pipeline(amount, probability, close_date, '2026-03-01') FROM opportunities GROUP BY owner_rep_id;
-- case: aggregate weighted_pipeline total
SELECT weighted_pipeline(amount, probability), count(*) FROM opportunities;
-- case: window weighted_pipeline moving frame
SELECT opportunity_id, weighted_pipeline(amount, probability) OVER (ORDER BY opportunity_id ROWS BETWEEN 3 PRECEDING AND CURRENT ROW) FROM opportunities;
-- case: aggregate win_rate
SELECT o.owner_rep_id, win_rate(CASE WHEN s.is_closed = 1 THEN s.is_won END) FROM opportunities AS o JOIN stages AS s ON s.stage = o.stage GROUP BY o.owner_rep_id;
-- case: window win_rate moving frame
SELECT o.opportunity_id, win_rate(CASE WHEN s.is_closed = 1 THEN s.is_won END) OVER (ORDER BY o.opportunity_id ROWS BETWEEN 10 PRECEDING AND CURRENT ROW) FROM opportunities AS o JOIN stages AS s ON s.stage = o.stage;
-- case: scalar forecast_category coverage_status stage_probability
SELECT opportunity_id, forecast_category(coalesce(probability, 0)), coverage_status(coalesce(amount, 0) / 10000), stage_probability(stage), stage_probability(stage, probability) FROM opportunities;
-- case: scalar sales_velocity required_pipeline wilson
SELECT sales_velocity(count(*), 0.25, 30000, 60), required_pipeline(1000000, 0.25, 3), wilson_lower(40, count(*)), wilson_upper(40, count(*), 1.64) FROM opportunities;
-- case: scalar deal_health deal_health_factors deal_health_status
SELECT opportunity_id, deal_health(10, 14, 3, 2, 20, 1, 0.1), deal_health_factors(30, 14, 20, 1, -5, 2, -0.3), deal_health_status(deal_health(10, 14, 3, 2, 20, 1, 0.1)) FROM opportunities WHERE opportunity_id < 'O000050';
-- case: grouped lead_score by lead
SELECT lead_id, lead_score(signal, occurred_at, '2026-03-01') FROM lead_events GROUP BY lead_id;
-- case: grouped lead_score_explain by lead
SELECT lead_id, lead_score_explain(signal, occurred_at, '2026-03-01') FROM lead_events GROUP BY lead_id;
-- case: grouped lead_score with a custom model
SELECT lead_id, lead_score(signal, occurred_at, '2026-03-01', '{"signals":{"demo_request":{"points":40,"group":"behavioral"},"pricing_page_visit":{"points":20,"group":"behavioral","decay":{"after_days":7,"every_days":7,"points":5}}}}') FROM lead_events GROUP BY lead_id;
-- case: aggregate lead_score of every event against one as_of
SELECT lead_score(signal, occurred_at, '2026-03-01'), lead_score_explain(signal, occurred_at, '2026-03-01') FROM lead_events;
-- case: window lead_score moving frame
SELECT event_id, lead_score(signal, occurred_at, '2026-03-01') OVER (PARTITION BY lead_id ORDER BY event_id ROWS BETWEEN 2 PRECEDING AND CURRENT ROW) FROM lead_events;
-- case: scalar lead_grade revops_lead_model
SELECT lead_grade(s), lead_grade(s, revops_lead_model()) FROM (SELECT lead_score(signal, occurred_at, '2026-03-01') AS s FROM lead_events GROUP BY lead_id) AS x;
-- case: aggregate nrr grr logo_retention
SELECT a.segment, nrr(s.mrr, e.mrr), grr(s.mrr, e.mrr), logo_retention(s.mrr, e.mrr) FROM subscriptions AS s JOIN accounts AS a ON a.account_id = s.account_id LEFT JOIN subscriptions AS e ON e.subscription_id = s.subscription_id AND e.end_date IS NULL GROUP BY a.segment;
-- case: window nrr moving frame
SELECT subscription_id, nrr(mrr, CASE WHEN end_date IS NULL THEN mrr END) OVER (ORDER BY subscription_id ROWS BETWEEN 5 PRECEDING AND CURRENT ROW) FROM subscriptions;
-- case: aggregate mape mape_skipped wape
SELECT f.rep_id, mape(q.amount, f.amount), mape_skipped(q.amount, f.amount), wape(q.amount, f.amount) FROM forecast_submissions AS f JOIN quotas AS q ON q.rep_id = f.rep_id AND q.period_start = f.period_start GROUP BY f.rep_id;
-- case: scalar mape_grade
SELECT mape_grade(m) FROM (SELECT mape(q.amount, f.amount) AS m FROM forecast_submissions AS f JOIN quotas AS q ON q.rep_id = f.rep_id AND q.period_start = f.period_start GROUP BY f.rep_id) AS x;
-- case: scalar economics
SELECT cac(50000, 4), ltv(1200, 0.8, 0.02), ltv(1200, 0.8, 0, 60), ltv_cac(57600, 12500), cac_payback_months(12500, 1200, 0.8), magic_number(300000, 250000), burn_multiple(500000, 400000), quick_ratio(100, 50, 10, 20, 30), roi(150000, 100000), arr(sum(mrr)) FROM subscriptions;
-- case: scalar attribution_weight every model
SELECT t.opportunity_id, t.touchpoint_id, attribution_weight('linear', 1, 3), attribution_weight('u_shaped', 2, 4), attribution_weight('w_shaped', 2, 5, 3), attribution_weight('time_decay', 1, 2, 3.5, 1.7), attribution_weight('first_touch', 1, 1) FROM touchpoints AS t WHERE t.touchpoint_id < 40;
-- case: aggregate attribution_decay_total
SELECT opportunity_id, attribution_decay_total(touchpoint_id % 30), attribution_decay_total(touchpoint_id % 7 + 0.5) FROM touchpoints WHERE opportunity_id IS NOT NULL GROUP BY opportunity_id;
-- case: scalar accounts
SELECT account_id, account_tier(coalesce(employees, 0) * 100), engagement_score(3, 2, 1), account_status(4, 1), customer_health(40, 4.2, 2, 0.95, 1, 10, 20, 1, 0), customer_health_factors(40, 4.2, 2, 0.95, 1, 10, 20, 1, 0), customer_health_status(65), churn_risk(55, 60, -0.1), churn_risk_factors(55, 60, -0.1), churn_risk_level(churn_risk(55, 60, -0.1)) FROM accounts WHERE account_id < 'A000050';
-- case: scalar aging_bucket
SELECT invoice_id, aging_bucket(due_date, '2026-03-01') FROM invoices;
-- case: aggregate nps
SELECT nps(score) FROM survey_responses WHERE score IS NOT NULL AND survey_type = 'NPS';
-- case: scalar planning
SELECT required_aes(5000000, 800000, 0.75), ramped_capacity(3), scenario_revenue('bear', 1000000), scenario_win_rate('bull', 0.25), scenario_cycle_days('bear', 60), scenario_churn_rate('bear', 0.02), scenario_confidence('base');
-- case: aggregate learn_fit (a model from partial states is the one scan's)
SELECT learn_fit(s.is_won, o.created_date, 1.0, 'amount', o.amount, 'meddpicc', o.meddpicc_score) FROM opportunities AS o JOIN stages AS s ON s.stage = o.stage WHERE s.is_closed = 1;
-- case: scalar learn_score learn_explain win_band
SELECT o.opportunity_id, learn_score(m.model, 'amount', o.amount, 'meddpicc', o.meddpicc_score), learn_explain(m.model, 'amount', o.amount, 'meddpicc', o.meddpicc_score), win_band(learn_score(m.model, 'amount', o.amount, 'meddpicc', o.meddpicc_score)) FROM opportunities AS o CROSS JOIN (SELECT learn_fit(s.is_won, o2.created_date, 1.0, 'amount', o2.amount, 'meddpicc', o2.meddpicc_score) AS model FROM opportunities AS o2 JOIN stages AS s ON s.stage = o2.stage WHERE s.is_closed = 1) AS m WHERE o.opportunity_id < 'O000100';
-- case: aggregate auc brier_score log_loss
SELECT auc(coalesce(o.probability, 0.5), s.is_won), brier_score(coalesce(o.probability, 0.5), s.is_won), log_loss(coalesce(o.probability, 0.5), s.is_won) FROM opportunities AS o JOIN stages AS s ON s.stage = o.stage WHERE s.is_closed = 1;
-- case: aggregate forecast_quantile forecast_reach forecast_range
SELECT forecast_quantile(coalesce(o.amount, 0), coalesce(o.probability, s.probability), 0.5), forecast_reach(coalesce(o.amount, 0), coalesce(o.probability, s.probability), 1000000), forecast_range(coalesce(o.amount, 0), coalesce(o.probability, s.probability)) FROM opportunities AS o JOIN stages AS s ON s.stage = o.stage WHERE s.is_closed = 0;
-- case: table mrr_waterfall
SELECT * FROM mrr_waterfall('subscription_mrr');
-- case: table mrr_movements
SELECT * FROM mrr_movements('subscription_mrr', '2025-01', '2025-12');
-- case: table mrr_months
SELECT * FROM mrr_months('SELECT account_id AS customer_id, start_date, end_date, mrr FROM subscriptions', '2025-06', '2025-08');
-- case: table revops_functions
SELECT name, kind, narg FROM revops_functions WHERE kind <> 'table' AND name NOT IN ('learn_fit', 'learn_score', 'learn_explain');
