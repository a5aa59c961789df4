-- Planning (SPEC section 4, seed 003 capacity model and scenarios).

-- required_aes = ceil(target / (quota x attainment)).
-- seed 003: 5,000,000 / (600,000 x 0.70) = 11.9 -> 12.
SELECT 'required_aes seed 003', required_aes(5000000, 600000, 0.7), 12;
SELECT 'required_aes an INTEGER', typeof(required_aes(5000000, 600000, 0.7)), 'integer';
-- Exact multiples stay exact although 600000 x 0.7 is a hair below 420000
-- in binary: 420000 / 420000 = 1; 4,200,000 / 420,000 = 10.
SELECT 'required_aes exactly 1', required_aes(420000, 600000, 0.7), 1;
SELECT 'required_aes exactly 10', required_aes(4200000, 600000, 0.7), 10;
-- One cent over a multiple needs another person: 420000.01 / 420000 -> 2.
SELECT 'required_aes a cent over', required_aes(420000.01, 600000, 0.7), 2;
-- 0.1 x 3 style noise: 900000 / (1000000 x 0.3) = 3 exactly
SELECT 'required_aes 900000 / 300000', required_aes(900000, 1000000, 0.3), 3;
SELECT 'required_aes target 0', required_aes(0, 600000, 0.7), 0;
SELECT 'required_aes attainment 0 -> NULL', required_aes(5000000, 600000, 0), NULL;
SELECT 'required_aes quota 0 -> NULL', required_aes(5000000, 0, 0.7), NULL;
SELECT 'required_aes full attainment: 5M / 600K = 8.33 -> 9', required_aes(5000000, 600000, 1), 9;
SELECT 'required_aes NULL target', required_aes(NULL, 600000, 0.7), NULL;
SELECT 'required_aes NULL attainment', required_aes(5000000, 600000, NULL), NULL;

-- ramped_capacity (seed 003 ramp; month 1 is the month of the hire).
SELECT 'ramp month 1', ramped_capacity(1), 0.0;
SELECT 'ramp month 2', ramped_capacity(2), 0.0;
SELECT 'ramp month 3', ramped_capacity(3), 0.25;
SELECT 'ramp month 4', ramped_capacity(4), 0.5;
SELECT 'ramp month 5', ramped_capacity(5), 0.5;
SELECT 'ramp month 6', ramped_capacity(6), 1.0;
SELECT 'ramp month 60', ramped_capacity(60), 1.0;
SELECT 'ramp a whole REAL', ramped_capacity(3.0), 0.25;
SELECT 'ramp month 1e18', ramped_capacity(1e18), 1.0;
SELECT 'ramp NULL', ramped_capacity(NULL), NULL;
SELECT 'ramp a REAL', typeof(ramped_capacity(1)), 'real';
-- A team hired in months 1, 3, 4, 6, 12 of its tenure: 0 + 0.25 + 0.5 + 1 + 1.
WITH team(m) AS (VALUES (1), (3), (4), (6), (12))
SELECT 'ramp a team', sum(ramped_capacity(m)), 2.75 FROM team;
-- Productive capacity (seed 003 revenue plan: aes x quota x attainment)
-- of that team: 2.75 x 600000 x 0.7 = 1155000.
WITH team(m) AS (VALUES (1), (3), (4), (6), (12))
SELECT 'ramp productive capacity', sum(ramped_capacity(m)) * 600000 * 0.7, 1155000.0 FROM team;

-- Scenarios (seed 003): bear -20 %, win rate -5 points, cycle +15 days,
-- churn +2 points; bull +20 %, win rate +5 points, cycle -10 days.
SELECT 'revenue bear', scenario_revenue('bear', 1000000), 800000.0;
SELECT 'revenue base', scenario_revenue('base', 1000000), 1000000.0;
SELECT 'revenue bull', scenario_revenue('bull', 1000000), 1200000.0;
-- 1234.56 x 0.8 = 987.648 -> 987.65; x 1.2 = 1481.472 -> 1481.47
SELECT 'revenue bear cents', scenario_revenue('bear', 1234.56), 987.65;
SELECT 'revenue bull cents', scenario_revenue('bull', 1234.56), 1481.47;
SELECT 'revenue NULL plan', scenario_revenue('bear', NULL), NULL;
SELECT 'revenue NULL scenario', scenario_revenue(NULL, 1000000), NULL;
SELECT 'win rate bear', scenario_win_rate('bear', 0.25), 0.2;
SELECT 'win rate bear = 0.2 exactly', scenario_win_rate('bear', 0.25) = 0.2, 1;
SELECT 'win rate base', scenario_win_rate('base', 0.25), 0.25;
SELECT 'win rate bull', scenario_win_rate('bull', 0.25), 0.3;
SELECT 'win rate bull = 0.3 exactly', scenario_win_rate('bull', 0.25) = 0.3, 1;
SELECT 'win rate bear floor 0', scenario_win_rate('bear', 0.03), 0.0;
SELECT 'win rate bull ceiling 1', scenario_win_rate('bull', 0.98), 1.0;
SELECT 'win rate NULL', scenario_win_rate('bull', NULL), NULL;
SELECT 'cycle bear', scenario_cycle_days('bear', 60), 75.0;
SELECT 'cycle base', scenario_cycle_days('base', 60), 60.0;
SELECT 'cycle bull', scenario_cycle_days('bull', 60), 50.0;
SELECT 'cycle bull floor 0', scenario_cycle_days('bull', 5), 0.0;
SELECT 'cycle bear fractional', scenario_cycle_days('bear', 0.5), 15.5;
SELECT 'churn bear', scenario_churn_rate('bear', 0.05), 0.07;
SELECT 'churn bear = 0.07 exactly', scenario_churn_rate('bear', 0.05) = 0.07, 1;
SELECT 'churn base', scenario_churn_rate('base', 0.05), 0.05;
SELECT 'churn bull unchanged', scenario_churn_rate('bull', 0.05), 0.05;
SELECT 'churn bear ceiling 1', scenario_churn_rate('bear', 0.99), 1.0;
SELECT 'confidence', scenario_confidence('bear') || ' ' || scenario_confidence('base') || ' ' ||
  scenario_confidence('bull'), '0.7 0.5 0.3';
SELECT 'confidence NULL', scenario_confidence(NULL), NULL;
-- Velocity per scenario from seed 003's example: bear 50 x 0.20 x 30000 /
-- 75 = 4000; base 6250; bull 50 x 0.30 x 30000 / 50 = 9000.
WITH s(name) AS (VALUES ('bear'), ('base'), ('bull'))
SELECT 'velocity per scenario', group_concat(name || '=' ||
  sales_velocity(50, scenario_win_rate(name, 0.25), 30000, scenario_cycle_days(name, 60)), ' '),
  'bear=4000.0 base=6250.0 bull=9000.0' FROM s;
-- LTV per scenario: 1000 x 0.8 / churn; bear churn 0.02 + 0.02 = 0.04: 20000.
SELECT 'ltv in the bear case', ltv(1000, 0.8, scenario_churn_rate('bear', 0.02)), 20000.0;
-- NULL in, NULL out for the two scenario helpers whose NULL cases were
-- missing (docs/planning.md: "a NULL scenario or value gives NULL").
SELECT 'scenario_churn_rate NULL scenario', scenario_churn_rate(NULL, 0.05), NULL;
SELECT 'scenario_churn_rate NULL value', scenario_churn_rate('bear', NULL), NULL;
SELECT 'scenario_cycle_days NULL scenario', scenario_cycle_days(NULL, 60), NULL;
SELECT 'scenario_cycle_days NULL value', scenario_cycle_days('bull', NULL), NULL;
