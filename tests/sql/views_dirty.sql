-- Dirty records on a hand-made fixture (issue 22): a deal closed before it
-- was created, a stage left before it was entered, a ticket resolved
-- before it was opened, a period that ends before it starts, a lead
-- qualified before it was created.  Each loads, is flagged once in
-- data_quality_issues and is left out of the figure it would corrupt; SLA
-- compliance counts only tickets with a target; the as-of date comes from
-- the latest business date and names its source.  Every expected figure
-- is worked out by hand in the comments (tests/dirty/ runs every view and
-- dashboard on bigger dirty databases).
.read tests/sql/lib/install.sql
INSERT INTO settings VALUES ('as_of', '2026-03-01');
INSERT INTO reps (rep_id, name, role) VALUES ('R1', 'Ann', 'AE');
INSERT INTO accounts (account_id, name, segment, region) VALUES ('A1', 'Acme', 'SMB', 'EMEA');

-- Deals, as of 2026-03-01 (the trailing 12 months: close dates after
-- 2025-03-01, up to 2026-03-01):
--   W1  won   1000  created 2025-06-01, closed 2025-07-01: cycle 30 days
--   M1  won   2000  created 2026-01-10, closed 2025-03-05: closed before
--                   created (a migrated record), no cycle
--   L1  lost     0  created 2025-08-01, closed 2025-09-01
--   O1  open  5000  Demo, created 2026-01-01, expected to close 2026-06-30
INSERT INTO opportunities (opportunity_id, account_id, owner_rep_id, stage, amount, created_date, close_date, stage_entered_date) VALUES
  ('W1', 'A1', 'R1', 'Closed Won', 1000, '2025-06-01', '2025-07-01', '2025-07-01'),
  ('M1', 'A1', 'R1', 'Closed Won', 2000, '2026-01-10', '2025-03-05', NULL),
  ('L1', 'A1', 'R1', 'Closed Lost', 0, '2025-08-01', '2025-09-01', '2025-09-01'),
  ('O1', 'A1', 'R1', 'Demo', 5000, '2026-01-01', '2026-06-30', '2026-02-01');
-- W1 waited 10 days in Discovery; M1 left Discovery 20 days before it
-- entered it.
INSERT INTO opportunity_stage_history (opportunity_id, stage, entered_date, exited_date) VALUES
  ('W1', 'Discovery', '2025-06-01', '2025-06-11'),
  ('W1', 'Closed Won', '2025-06-11', NULL),
  ('M1', 'Discovery', '2026-01-10', '2025-12-21');

SELECT 'pipeline_deals: closed before created has no cycle and says why', quote(cycle_days) || ' ' || date_issue,
  'NULL Closed before created' FROM pipeline_deals WHERE opportunity_id = 'M1';
SELECT 'pipeline_deals: a normal close keeps its cycle', cycle_days || ' ' || quote(date_issue), '30.0 NULL'
  FROM pipeline_deals WHERE opportunity_id = 'W1';
-- Closed in the window: W1, M1 won, L1 lost: win rate 2/3, won 3000,
-- average won 1500, cycle 30 (W1 alone; not (30 - 311) / 2 = -140.5);
-- velocity 1 open x 2/3 x 1500 / 30 = 33.33 a day.
SELECT 'pipeline_summary: the deal closed before created counts as won, not in the cycle',
  won_deals || ' ' || won_amount || ' ' || avg_won_deal || ' ' || avg_cycle_days || ' ' || velocity_per_day,
  '2 3000.0 1500.0 30.0 33.33' FROM pipeline_summary;
SELECT 'pipeline_stage_durations: a stage left before it was entered has no days',
  (SELECT group_concat(opportunity_id || ':' || coalesce(days, '-') || ':' || coalesce(date_issue, '-'), ' ')
   FROM (SELECT * FROM pipeline_stage_durations ORDER BY opportunity_id)),
  'M1:-:Left its stage before entering it W1:10.0:-';

-- Tickets, all opened in February 2026 (hours from the opening):
--   T1  targets 4 h / 24 h, answered in 1, resolved in 10: met
--   T2  no target, answered in 2, resolved in 4: neither met nor missed
--   T3  targets 4 / 24, answered and resolved before it was opened: no
--       times, undecided, flagged
--   T4  a response target only (2 h), answered in 1, still open: met
--   T5  targets 4 / 24, answered in 1, resolved in 48: missed
INSERT INTO support_tickets (ticket_id, account_id, opened_at, first_response_at, resolved_at, priority, status,
                             sla_response_hours, sla_resolution_hours) VALUES
  ('T1', 'A1', '2026-02-01 08:00:00', '2026-02-01 09:00:00', '2026-02-01 18:00:00', 'High', 'Solved', 4, 24),
  ('T2', 'A1', '2026-02-03 08:00:00', '2026-02-03 10:00:00', '2026-02-03 12:00:00', 'High', 'Solved', NULL, NULL),
  ('T3', 'A1', '2026-02-10 12:00:00', '2026-02-10 11:00:00', '2026-02-09 12:00:00', 'High', 'Solved', 4, 24),
  ('T4', 'A1', '2026-02-12 09:00:00', '2026-02-12 10:00:00', NULL, 'High', 'Open', 2, NULL),
  ('T5', 'A1', '2026-02-02 08:00:00', '2026-02-02 09:00:00', '2026-02-04 08:00:00', 'High', 'Closed', 4, 24);
SELECT 'service_ticket_sla: met only against the targets a ticket has',
  (SELECT group_concat(ticket_id || '=' || coalesce(sla_met, '-') || '/' || has_sla_target, ' ') FROM (SELECT * FROM service_ticket_sla ORDER BY ticket_id)),
  'T1=1/1 T2=-/0 T3=-/1 T4=1/1 T5=0/1';
SELECT 'service_ticket_sla: times before the opening are no times', quote(response_hours) || ' ' || quote(resolution_hours) || ' ' || date_issue,
  'NULL NULL Resolved before opened' FROM service_ticket_sla WHERE ticket_id = 'T3';
-- February: decided T1, T4, T5: 2 met of 3; T2 without a target; T3's
-- impossible times; responses 1 + 2 + 1 + 1 = 5 hours over 4; resolutions
-- 10 + 4 + 48 = 62 hours over 3.
SELECT 'service_monthly: SLA over tickets with targets, the rest counted apart',
  sum(sla_decided) || ' ' || sum(sla_met) || ' ' || sum(sla_no_target) || ' ' || sum(date_issues),
  '3 2.0 1 1' FROM service_monthly WHERE month = '2026-02';
SELECT 'service_monthly: no negative time in the averages',
  sum(responded) || ' ' || round(sum(response_hours_sum), 6) || ' ' || sum(resolved) || ' ' || round(sum(resolution_hours_sum), 6),
  '4 5.0 3 62.0' FROM service_monthly WHERE month = '2026-02';

-- Subscriptions: S1 runs from 2025-01-01 at 100 a month; S2 ends
-- (2025-01-01) before it starts (2025-06-01), 300 a month: no revenue.
INSERT INTO subscriptions (subscription_id, account_id, start_date, end_date, mrr) VALUES
  ('S1', 'A1', '2025-01-01', NULL, 100),
  ('S2', 'A1', '2025-06-01', '2025-01-01', 300);
SELECT 'subscription_mrr: a period ending before it starts is no revenue', group_concat(subscription_id), 'S1' FROM subscription_mrr;
SELECT 'subscriptions_running: the backwards period never runs', group_concat(subscription_id), 'S1' FROM subscriptions_running;
-- The last full month before 2026-03-01 is February: S1's 100 alone.
SELECT 'account_revenue: MRR without the backwards period', mrr, 100.0 FROM account_revenue WHERE account_id = 'A1';

-- A lead qualified (2026-01-10) before it was created (2026-01-20).
INSERT INTO leads (lead_id, created_date, channel, status, mql_date) VALUES ('LB', '2026-01-20', 'Events', 'MQL', '2026-01-10');

SELECT 'data_quality_issues: each impossible record once',
  (SELECT group_concat(table_name || ':' || record_id || ':' || issue, ' | ') FROM (SELECT * FROM data_quality_issues ORDER BY table_name, record_id)),
  'leads:LB:MQL before created | opportunities:M1:Closed before created | opportunity_stage_history:M1 Discovery:Left its stage before entering it | subscriptions:S2:Ends before it starts | support_tickets:T3:Resolved before opened';
-- M1: 2025-03-05 - 2026-01-10 = -(26 + 30 + 31 + 30 + 31 + 31 + 30 + 31 + 30 + 31 + 10) = -311 days.
SELECT 'data_quality_issues: the two dates and the days between', detail, 'created 2026-01-10, closed 2025-03-05: -311 days'
  FROM data_quality_issues WHERE record_id = 'M1';

-- The as-of date.  With the setting: 'settings'; the latest business date
-- is T4's opening, 2026-02-12 (O1's expected close 2026-06-30 is no fact).
SELECT 'as_of_date: the setting, and the latest business date beside it', as_of || ' ' || source || ' ' || latest_date,
  '2026-03-01 settings 2026-02-12' FROM as_of_date;
DELETE FROM settings WHERE key = 'as_of';
SELECT 'as_of_date: the day after the latest business date, named', as_of || ' ' || source, '2026-02-13 support_tickets.opened_at' FROM as_of_date;
-- A lead's SQL date is a business date: 2026-02-20 moves it to the 21st.
UPDATE leads SET sql_date = '2026-02-20' WHERE lead_id = 'LB';
SELECT 'as_of_date: a lead''s SQL date counts', as_of || ' ' || source, '2026-02-21 leads.sql_date' FROM as_of_date;
-- A closed deal's close date is a fact: L1 closed 2026-02-25 moves it.
UPDATE opportunities SET close_date = '2026-02-25' WHERE opportunity_id = 'L1';
SELECT 'as_of_date: a closed deal''s close date counts', as_of || ' ' || source, '2026-02-26 opportunities.close_date' FROM as_of_date;
-- Two sources holding the same latest date: the first by table.column
-- name (leads.mql_date before opportunities.close_date), either way round.
UPDATE leads SET mql_date = '2026-02-25' WHERE lead_id = 'LB';
SELECT 'as_of_date: a tie named by the first table.column', as_of || ' ' || source || ' ' || latest_date,
  '2026-02-26 leads.mql_date 2026-02-25' FROM as_of_date;
UPDATE leads SET mql_date = '2026-01-10' WHERE lead_id = 'LB';
SELECT 'as_of_date: the tie undone', as_of || ' ' || source, '2026-02-26 opportunities.close_date' FROM as_of_date;
