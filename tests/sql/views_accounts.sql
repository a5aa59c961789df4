-- The account, billing, service and health views (sql/views/60_accounts.sql,
-- 70_billing.sql, 65_service.sql, 72_account_health.sql) on two hand-made
-- accounts: end-of-life colours and revenue at risk, running services and
-- renewals, receivables by aging bucket, recurring issues and SLAs, the
-- health inputs' 12-month windows.  Every expected figure is worked out by
-- hand in the comments.  The as-of date is 2026-03-01.
.read tests/sql/lib/install.sql
INSERT INTO settings VALUES ('as_of', '2026-03-01');
INSERT INTO accounts (account_id, name, segment, region) VALUES
  ('A1', 'Acme', 'Enterprise', 'EMEA'), ('A2', 'Bolt', 'SMB', 'EMEA');

-- ------------------------------------------------ products, end of life
-- End of life: P1 2027-02-15 (within the 12 months before 2027-03-01),
-- P2 2026-02-20 (past), P3 none, P4 2027-03-01 (exactly 12 months on:
-- not within them).
INSERT INTO products (product_id, name, category, end_of_life_date) VALUES
  ('P1', 'Router', 'WLAN HW', '2027-02-15'), ('P2', 'Switch', 'WLAN HW', '2026-02-20'),
  ('P3', 'Server', 'x86', NULL), ('P4', 'Storage', 'x86', '2027-03-01');
--   install product units status   support ends  value  expired? colour
--   I1      P1       2    Active   2027-12-31     1000  no       Yellow (end of life within 12 months)
--   I2      P2       1    Active   2027-01-01      500  yes      Red (past its end of life)
--   I3      P3       3    Expired  -               300  yes      Red (status)
--   I4      P3       5    Retired  -               900  no       Green (retired counts for nothing)
--   I5      P4       1    Active   2026-02-28      250  yes      Red (support ended before the as-of date)
--   I6      P4       1    Active   2026-03-01      100  no       Green (support ends on the as-of day; end of life 12 months on)
INSERT INTO installed_products (install_id, account_id, product_id, quantity, support_end_date, status, contract_value) VALUES
  ('I1', 'A1', 'P1', 2, '2027-12-31', 'Active', 1000), ('I2', 'A1', 'P2', 1, '2027-01-01', 'Active', 500),
  ('I3', 'A1', 'P3', 3, NULL, 'Expired', 300), ('I4', 'A1', 'P3', 5, NULL, 'Retired', 900),
  ('I5', 'A1', 'P4', 1, '2026-02-28', 'Active', 250), ('I6', 'A1', 'P4', 1, '2026-03-01', 'Active', 100);
SELECT 'account_installed_products: colours', group_concat(install_id || ':' || eol_colour || ':' || is_expired, ' '), 'I1:Yellow:0 I2:Red:1 I3:Red:1 I4:Green:0 I5:Red:1 I6:Green:0' FROM (SELECT * FROM account_installed_products ORDER BY install_id);

-- Subscriptions (running on 2026-03-01: started by then, not ended by then):
--   id  account  product  mrr  start       end         renewal     running?
--   SA  A1       P1       100  2025-01-01  -           2026-03-01  yes
--   SB  A1       P4        50  2025-06-01  -           2026-08-31  yes
--   SC  A1       P2        30  2025-01-01  2026-01-01  2026-01-01  no (ended)
--   SD  A1       P3        70  2025-09-01  2026-06-01  2026-09-01  yes
--   SE  A2       P3        20  2025-01-01  -           2026-02-28  yes
--   SF  A2       P1        10  2026-03-01  -           2026-04-01  yes (starts on the as-of day)
INSERT INTO subscriptions (subscription_id, account_id, product_id, start_date, end_date, mrr, renewal_date) VALUES
  ('SA', 'A1', 'P1', '2025-01-01', NULL, 100, '2026-03-01'),
  ('SB', 'A1', 'P4', '2025-06-01', NULL, 50, '2026-08-31'),
  ('SC', 'A1', 'P2', '2025-01-01', '2026-01-01', 30, '2026-01-01'),
  ('SD', 'A1', 'P3', '2025-09-01', '2026-06-01', 70, '2026-09-01'),
  ('SE', 'A2', 'P3', '2025-01-01', NULL, 20, '2026-02-28'),
  ('SF', 'A2', 'P1', '2026-03-01', NULL, 10, '2026-04-01');
-- Revenue at risk: A1's expired units 1 + 3 + 1 = 5 worth 500 + 300 + 250
-- = 1050; of its running subscriptions only SA's product P1 ends its life
-- before 2027-03-01: ARR 12 x 100 = 1200; 1050 + 1200 = 2250.  A2: SF on
-- P1, ARR 120, nothing expired.
SELECT 'account_revenue_at_risk: A1', expired_products || ' ' || expired_value || ' ' || eol_subscriptions || ' ' || eol_arr || ' ' || revenue_at_risk, '5 1050.0 1 1200.0 2250.0' FROM account_revenue_at_risk WHERE account_id = 'A1';
SELECT 'account_revenue_at_risk: A2, end of life only', expired_products || ' ' || eol_subscriptions || ' ' || eol_arr || ' ' || revenue_at_risk, '0 1 120.0 120.0' FROM account_revenue_at_risk WHERE account_id = 'A2';
-- The account's revenue: MRR at the end of 2026-02 (SA 100 + SB 50 + SD 70
-- = 220, ARR 2640, 'Developing'; SC ended in January; SF starts in March);
-- running services on the as-of date: P1, P4, P3; the first renewal SA's.
SELECT 'account_revenue: A1', mrr || ' ' || arr || ' ' || tier || ' ' || active_services || ' ' || next_renewal_date, '220.0 2640.0 Developing 3 2026-03-01' FROM account_revenue WHERE account_id = 'A1';
-- A2: SE's 20 at the month end; SE and SF (started on the as-of day) run.
SELECT 'account_revenue: A2', mrr || ' ' || active_services || ' ' || next_renewal_date, '20.0 2 2026-02-28' FROM account_revenue WHERE account_id = 'A2';
-- Renewals in the 6 months from the as-of date, 2026-03-01 <= renewal <
-- 2026-09-01: SA on the as-of day (0 days, reminder 30 days), SF on
-- 2026-04-01 (31 days: past 30, within 60), SB on 2026-08-31 (31 + 30 +
-- 31 + 30 + 31 + 30 = 183 days, 3 to 6 months, no reminder); SD's
-- 2026-09-01 is 6 months on, SE's 2026-02-28 has passed.
SELECT 'account_renewals: the next 6 months', group_concat(subscription_id || ':' || days_to_renewal || ':' || renewal_window || ':' || coalesce(reminder, '-'), ' '), 'SA:0:0-3 months:30 days SB:183:3-6 months:- SF:31:0-3 months:60 days' FROM (SELECT * FROM account_renewals ORDER BY subscription_id);

-- ----------------------------------------------------------- billing
-- A1's invoices, days past due on 2026-03-01:
--   V1   100  open  due 2026-01-31   29 days  1-30
--   V2   200  open  due 2025-12-30   61 days  61-90   (1 + 31 + 28 + 1)
--   V3   300  open  due 2025-12-31   60 days  31-60
--   V4   400  open  due 2026-01-30   30 days  1-30
--   V5    50  open  due 2026-03-01    0 days  Current
--   V6    80  open  due 2025-11-01  120 days  90+     (30 + 31 + 31 + 28)
--   V7   999  void                            owes nothing
--   V8   120  paid (no payment rows)           paid in full
--   V9   500  open  due 2026-02-28, 200.01 paid on 2026-02-15: 299.99 owed, 1 day, 1-30
--   V10  150  paid, but paid on 2026-03-05: owed on 2026-03-01, due 2026-02-10, 19 days, 1-30
--   V11   60  open, 60 paid on 2026-02-01: nothing owed
--   V12   70  dated on the as-of day: not yet
INSERT INTO invoices (invoice_id, account_id, invoice_date, due_date, amount, status) VALUES
  ('V1', 'A1', '2026-01-01', '2026-01-31', 100, 'open'), ('V2', 'A1', '2025-12-01', '2025-12-30', 200, 'open'),
  ('V3', 'A1', '2025-12-01', '2025-12-31', 300, 'open'), ('V4', 'A1', '2026-01-01', '2026-01-30', 400, 'open'),
  ('V5', 'A1', '2026-02-01', '2026-03-01', 50, 'open'), ('V6', 'A1', '2025-10-01', '2025-11-01', 80, 'open'),
  ('V7', 'A1', '2026-01-15', '2026-02-14', 999, 'void'), ('V8', 'A1', '2026-01-10', '2026-02-09', 120, 'paid'),
  ('V9', 'A1', '2026-01-29', '2026-02-28', 500, 'open'), ('V10', 'A1', '2026-01-11', '2026-02-10', 150, 'paid'),
  ('V11', 'A1', '2026-01-16', '2026-02-15', 60, 'open'), ('V12', 'A1', '2026-03-01', '2026-03-31', 70, 'open');
INSERT INTO payments (payment_id, invoice_id, paid_date, amount) VALUES
  ('Y9', 'V9', '2026-02-15', 200.01), ('Y10', 'V10', '2026-03-05', 150), ('Y11', 'V11', '2026-02-01', 60);
-- By bucket: Current V5 50; 1-30 V1 100 + V4 400 + V9 299.99 + V10 150 =
-- 949.99 (4 invoices, at most 30 days); 31-60 V3; 61-90 V2; 90+ V6.
SELECT 'billing_aging: the buckets', group_concat(aging_bucket || ':' || invoices || ':' || outstanding || ':' || max_days_overdue, ' '), 'Current:1:50.0:0 1-30:4:949.99:30 31-60:1:300.0:60 61-90:1:200.0:61 90+:1:80.0:120' FROM (SELECT * FROM billing_aging ORDER BY bucket_order);
-- Per account: 11 invoices before the as-of date; owed 100 + 200 + 300 +
-- 400 + 50 + 80 + 299.99 + 150 = 1579.99, of it overdue all but V5's 50
-- (7 invoices, 1529.99), the latest 120 days.
SELECT 'billing_accounts: A1', invoices || ' ' || outstanding || ' ' || overdue_invoices || ' ' || overdue_amount || ' ' || days_overdue, '11 1579.99 7 1529.99 120' FROM billing_accounts WHERE account_id = 'A1';
-- billing_open_balances (what account health and credit holds read) holds
-- the same open invoices, found from the candidates: the same buckets.
SELECT 'billing_open_balances: the buckets', group_concat(aging_bucket || ':' || n || ':' || owed || ':' || days, ' '), 'Current:1:50.0:0 1-30:4:949.99:30 31-60:1:300.0:60 61-90:1:200.0:61 90+:1:80.0:120' FROM (SELECT aging_bucket, count(*) AS n, round(total(outstanding), 2) AS owed, max(days_overdue) AS days, min(days_overdue) AS lo FROM billing_open_balances GROUP BY aging_bucket ORDER BY lo);
SELECT 'billing_invoice_balances: a paid invoice paid after the as-of date is owed', outstanding || ' ' || aging_bucket, '150.0 1-30' FROM billing_invoice_balances WHERE invoice_id = 'V10';

-- ----------------------------------------------------------- service
-- A1's tickets (SLA targets in hours):
--   T1 Billing  opened 2025-03-02 00:00 (the first day of the trailing 12 months)
--               answered after 6 h (target 4: missed), resolved after 24 h (target 48)
--   T2 Billing  opened 2026-02-27 12:00, not answered: 12 + 24 = 36 h old on 2026-03-01 00:00,
--               past its 24 h response target (missed), inside its 72 h resolution target
--   T3 Login    opened 2025-03-01 23:59:59 (12 months before: out), answered
--               after 1 h (target 4), resolved after 2 h (target 48): met
--   T4 Login    opened 2025-06-01 10:00, answered after 2 h (target 4),
--               resolved after 24 h (target 48): met
--   T5 Login    opened 2026-03-01 08:00 (the as-of day: not yet)
INSERT INTO support_tickets (ticket_id, account_id, opened_at, first_response_at, resolved_at, priority, status, category, sla_response_hours, sla_resolution_hours) VALUES
  ('T1', 'A1', '2025-03-02 00:00:00', '2025-03-02 06:00:00', '2025-03-03 00:00:00', 'High', 'Solved', 'Billing', 4, 48),
  ('T2', 'A1', '2026-02-27 12:00:00', NULL, NULL, 'Normal', 'Open', 'Billing', 24, 72),
  ('T3', 'A1', '2025-03-01 23:59:59', '2025-03-02 00:59:59', '2025-03-02 01:59:59', 'Low', 'Closed', 'Login', 4, 48),
  ('T4', 'A1', '2025-06-01 10:00:00', '2025-06-01 12:00:00', '2025-06-02 10:00:00', 'Low', 'Closed', 'Login', 4, 48),
  ('T5', 'A1', '2026-03-01 08:00:00', NULL, NULL, 'Urgent', 'Open', 'Login', 1, 8);
SELECT 'service_ticket_sla: response, resolution, SLA met', group_concat(ticket_id || ':' || coalesce(response_met, '-') || coalesce(resolution_met, '-') || coalesce(sla_met, '-'), ' '), 'T1:010 T2:0-0 T3:111 T4:111' FROM (SELECT * FROM service_ticket_sla ORDER BY ticket_id);
-- Recurring: two tickets of one category in the trailing 12 months
-- (opened on the dates d with 2025-03-01 < d <= 2026-03-01): Billing, T1
-- and T2; Login has only T4 in them.
SELECT 'service_recurring_issues: the trailing 12 months', group_concat(category || ':' || tickets || ':' || first_opened || ':' || last_opened, ' '), 'Billing:2:2025-03-02:2026-02-27' FROM service_recurring_issues;

-- ------------------------------------------------------------ health
-- Surveys of A1: NPS 10 on 2025-03-01 (out), 9 on 2025-03-02 (in), 3 on
-- 2026-03-01 (the as-of day: in), 0 on 2026-03-02 (out); CSAT 4 on
-- 2025-06-01.  NPS of 9 and 3: one promoter, one detractor: 0.
INSERT INTO survey_responses (response_id, account_id, survey_type, responded_date, score) VALUES
  ('N1', 'A1', 'NPS', '2025-03-01', 10), ('N2', 'A1', 'NPS', '2025-03-02', 9),
  ('N3', 'A1', 'NPS', '2026-03-01', 3), ('N4', 'A1', 'NPS', '2026-03-02', 0),
  ('Q1', 'A1', 'CSAT', '2025-06-01', 4);
-- SLA compliance over the tickets opened in the trailing 12 months: T1
-- (0), T2 (0), T4 (1): 1/3; open tickets before the as-of date: T2.
SELECT 'account_health_inputs: A1 over the trailing 12 months', nps || ' ' || csat || ' ' || round(sla_compliance, 6) || ' ' || open_tickets, '0.0 4.0 0.333333 1' FROM account_health_inputs WHERE account_id = 'A1';
