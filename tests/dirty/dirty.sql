-- tests/dirty/dirty.sql — a database of every kind of dirty record the
-- schema accepts (issue 22: "No view or dashboard query raises an error
-- on any data the import accepted").  Written by hand from the CHECK,
-- NOT NULL and FOREIGN KEY constraints of sql/schema.sql, after it:
--   * NULL in every column that may be NULL (some row of each table);
--   * zero amounts, prices, quotas, seats, budgets, probabilities 0 and 1;
--   * dates at the bounds the date CHECKs accept (0000-01-01, 9999-12-31)
--     in the columns the as-of date is not taken from;
--   * impossible durations: closed before created (the migrated
--     Salesforce case: CreatedDate is the load date, after the historical
--     CloseDate), resolved and answered before opened, a stage left before
--     it was entered, a subscription that ends before it starts, a rep who
--     left before being hired, a campaign that ends before it starts, a
--     payment before its invoice;
--   * rows that point at nothing optional (no account, no owner, no
--     product) and accounts nothing points at.
-- Every row is orphan-free (foreign_keys = ON).  The latest business date
-- is 2026-02-27 (activity A-LAST), so the as-of date is 2026-02-28.
-- tests/dirty/run.py builds it, installs the views and runs every view and
-- every dashboard query on it; the figures it checks are worked out by
-- hand in its comments.
PRAGMA foreign_keys = ON;

INSERT INTO reps (rep_id, name, email, role, segment, region, manager_id, hire_date, end_date, annual_cost) VALUES
  ('R-MGR', 'Mona Manager', 'mona@example.com', 'Manager', 'SMB', 'EMEA', NULL, '2020-01-01', NULL, 0),
  ('R-AE', 'Ann Exec', NULL, 'AE', 'SMB', 'EMEA', 'R-MGR', '2024-01-01', NULL, 120000),
  -- left before being hired
  ('R-AE2', 'Bob Backwards', NULL, 'AE', 'Enterprise', NULL, 'R-MGR', '2025-06-01', '2025-01-01', NULL),
  -- nothing but the required columns
  ('R-BARE', 'Bare Rep', NULL, 'AE', NULL, NULL, NULL, NULL, NULL, NULL),
  ('R-SDR', 'Sid Sdr', NULL, 'SDR', 'SMB', 'EMEA', 'R-MGR', '0000-01-01', NULL, NULL),
  ('R-AM', 'Amy Am', NULL, 'AM', 'SMB', 'EMEA', NULL, '2023-01-01', NULL, NULL),
  ('R-CSM', 'Cal Csm', NULL, 'CSM', 'SMB', 'EMEA', NULL, '2023-01-01', NULL, NULL),
  ('R-SUP', 'Sue Support', NULL, 'Support', NULL, NULL, NULL, NULL, NULL, NULL),
  ('R-MKT', 'Max Marketing', NULL, 'Marketing', NULL, NULL, NULL, NULL, NULL, NULL);

INSERT INTO quotas (rep_id, period_start, period_end, quota_type, amount) VALUES
  ('R-AE', '2026-01-01', '2026-04-01', 'new_arr', 0),          -- a zero quota
  ('R-AE', '2025-10-01', '2026-01-01', 'new_arr', 100000),
  ('R-AE2', '2026-01-01', '2026-04-01', 'new_arr', 50000),
  ('R-BARE', '0000-01-01', '9999-12-31', 'new_arr', 10),        -- a quota over all time
  ('R-SDR', '2026-01-01', '2026-04-01', 'pipeline', 0),
  ('R-AM', '2026-01-01', '2026-04-01', 'nrr', 1.1),
  ('R-AM', '2026-01-01', '2026-04-01', 'expansion', 0);

INSERT INTO accounts (account_id, name, domain, industry, employees, segment, region, territory, icp_tier,
                      owner_rep_id, csm_rep_id, parent_account_id, created_date, payment_terms_days, credit_hold,
                      executive_sponsor_engaged, last_qbr_date, next_qbr_date) VALUES
  ('A-FULL', 'Full Co', 'full.example', 'Software', 250, 'SMB', 'EMEA', 'North', 'A',
   'R-AE', 'R-CSM', NULL, '2024-01-15', 30, 0, 1, '2026-01-10', '2026-04-10'),
  -- nothing but the required columns
  ('A-BARE', 'Bare Co', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 0, NULL, NULL, NULL),
  ('A-CHILD', 'Child Co', NULL, NULL, 0, 'Enterprise', 'APAC', NULL, 'D',
   'R-AE2', NULL, 'A-FULL', '0000-01-01', 0, 1, 0, '2026-02-01', '2025-02-01'),
  -- a customer on credit hold with a 9999 QBR
  ('A-HOLD', 'Hold Co', NULL, NULL, 10, 'Mid-Market', 'North America', NULL, 'B',
   'R-BARE', 'R-CSM', NULL, '2025-01-01', 60, 1, NULL, NULL, '9999-12-31'),
  -- a prospect nothing points at
  ('A-LONELY', 'Lonely Co', NULL, NULL, NULL, 'SMB', 'EMEA', NULL, NULL, NULL, NULL, NULL, '2026-02-01', NULL, 0, NULL, NULL, NULL);

INSERT INTO contacts (contact_id, account_id, first_name, last_name, email, title, seniority, persona,
                      is_decision_maker, original_source, latest_source, opted_in, created_date, last_activity_date) VALUES
  ('C-FULL', 'A-FULL', 'Fay', 'Full', 'fay@full.example', 'CEO', 'C-Level', 'Economic Buyer', 1, 'Paid Search', 'Events', 1,
   '2024-01-15', '2026-02-20'),
  ('C-BARE', NULL, NULL, NULL, NULL, NULL, NULL, NULL, 0, NULL, NULL, 0, NULL, NULL),
  -- last active before it was created
  ('C-BACK', 'A-CHILD', 'Ben', NULL, NULL, NULL, 'Individual Contributor', NULL, 0, 'Organic', NULL, 1, '2025-06-01', '2025-01-01');

INSERT INTO campaigns (campaign_id, name, channel, campaign_type, start_date, end_date, budget, segment, region) VALUES
  ('K-FULL', 'Full campaign', 'Paid Search', 'ads', '2025-01-01', '2025-12-31', 10000, 'SMB', 'EMEA'),
  ('K-BACK', 'Backwards campaign', 'Events', NULL, '2025-06-01', '2025-01-01', 0, NULL, NULL),
  ('K-BARE', 'Bare campaign', 'Organic', NULL, NULL, NULL, NULL, NULL, NULL);

INSERT INTO marketing_spend (spend_date, channel, segment, region, amount, campaign_id) VALUES
  ('2026-01-05', 'Paid Search', 'SMB', 'EMEA', 1000, 'K-FULL'),
  ('2026-01-05', 'Events', 'SMB', 'EMEA', 0, NULL),             -- zero spend
  ('0000-01-01', 'Paid Search', 'Enterprise', 'APAC', 5, NULL); -- at the lower bound

INSERT INTO products (product_id, name, category, product_line, list_price, billing, end_of_sale_date, end_of_life_date) VALUES
  ('P-FULL', 'Full Product', 'Platform', 'Core', 100, 'recurring', '2027-01-01', '2028-01-01'),
  ('P-FREE', 'Free Product', 'Add-on', NULL, 0, 'one_time', '0000-01-01', '0000-01-01'),  -- free, long past its end of life
  ('P-BARE', 'Bare Product', 'Misc', NULL, NULL, 'recurring', NULL, '9999-12-31');

INSERT INTO opportunities (opportunity_id, account_id, name, owner_rep_id, opportunity_type, stage, amount, original_amount,
                           probability, forecast_category, created_date, close_date, original_close_date, stage_entered_date,
                           next_step, channel, campaign_id, loss_reason, competitor, meddpicc_score) VALUES
  -- won normally: 61 days from 2025-06-01 to 2025-08-01
  ('O-WON', 'A-FULL', 'Won deal', 'R-AE', 'New Business', 'Closed Won', 50000, 40000,
   NULL, NULL, '2025-06-01', '2025-08-01', '2025-07-15', '2025-08-01', NULL, 'Paid Search', 'K-FULL', NULL, NULL, 8),
  -- the migrated Salesforce record: created (loaded) 2026-01-10, closed
  -- 2025-03-05 in the old system: a cycle of -311 days
  ('O-MIGRATED', 'A-FULL', 'Migrated deal', 'R-AE', 'Expansion', 'Closed Won', 20000, NULL,
   NULL, NULL, '2026-01-10', '2025-03-05', NULL, NULL, NULL, 'Paid Search', NULL, NULL, NULL, NULL),
  -- won at the lower date bound, created long after
  ('O-ANCIENT', 'A-HOLD', 'Ancient deal', 'R-BARE', 'New Business', 'Closed Won', 0, 0,
   1, 'Closed', '2025-03-01', '0000-01-01', '0000-01-01', '0000-01-01', NULL, NULL, NULL, NULL, NULL, 0),
  -- won without a close date, and without a created date
  ('O-NODATES', 'A-HOLD', NULL, NULL, 'Renewal', 'Closed Won', 100, NULL,
   NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
  -- lost, zero amount, no reason
  ('O-LOST', 'A-CHILD', 'Lost deal', 'R-AE2', 'New Business', 'Closed Lost', 0, 0,
   0, 'Omitted', '2025-09-01', '2025-10-01', NULL, '2025-10-01', NULL, 'Events', 'K-BACK', NULL, 'Rival', 1),
  -- open, nothing known: no account, owner, amount or dates
  ('O-BLANK', NULL, NULL, NULL, 'New Business', 'Discovery', NULL, NULL,
   NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
  -- open at probability 0 with a zero amount, in its stage since before it
  -- was created, expected to close at the upper bound
  ('O-ZERO', 'A-LONELY', 'Zero deal', 'R-AE', 'Expansion', 'Proposal', 0, 0,
   0, 'Upside', '2026-02-01', '9999-12-31', '2026-03-01', '2025-12-01', '', 'Organic', 'K-BARE', NULL, NULL, NULL),
  -- open at probability 1, past its close date
  ('O-SURE', 'A-FULL', 'Sure deal', 'R-AE', 'New Business', 'Contract Sent', 70000, 60000,
   1, 'Commit', '2025-11-01', '2026-02-01', '2026-01-01', '2026-01-15', 'Sign', 'Paid Search', 'K-FULL', NULL, NULL, 7),
  -- open, expected to close at the lower bound
  ('O-OLDCLOSE', 'A-CHILD', 'Old close', 'R-AE2', 'Renewal', 'Negotiation', 1000, 0,
   NULL, NULL, '2026-01-01', '0000-01-01', NULL, '2026-01-02', 'Call', NULL, NULL, NULL, NULL, NULL);

INSERT INTO opportunity_line_items (opportunity_id, line_no, product_id, quantity, unit_price, discount, amount) VALUES
  ('O-SURE', 1, 'P-FULL', 1, 70000, 0, 70000),
  ('O-ZERO', 1, 'P-FREE', 0.001, 0, 1, 0),
  ('O-BLANK', 1, 'P-BARE', 5, 0, 0, 0);

INSERT INTO opportunity_stage_history (opportunity_id, stage, entered_date, exited_date, amount, close_date) VALUES
  ('O-WON', 'Discovery', '2025-06-01', '2025-06-11', 40000, '2025-07-15'),     -- 10 days
  ('O-WON', 'Proposal', '2025-06-11', '2025-08-01', 50000, '2025-07-15'),      -- 51 days
  ('O-WON', 'Closed Won', '2025-08-01', NULL, 50000, '2025-08-01'),
  -- left the stage before entering it: -20 days
  ('O-MIGRATED', 'Discovery', '2026-01-10', '2025-12-21', NULL, NULL),
  ('O-MIGRATED', 'Closed Won', '2025-12-21', NULL, NULL, NULL),
  ('O-LOST', 'Discovery', '0000-01-01', '2025-10-01', 0, NULL),
  ('O-LOST', 'Closed Lost', '2025-10-01', NULL, NULL, NULL),
  ('O-SURE', 'Contract Sent', '2026-01-15', NULL, 70000, '2026-02-01');

INSERT INTO opportunity_snapshots (snapshot_date, opportunity_id, stage, amount, probability, forecast_category, close_date, owner_rep_id) VALUES
  ('2026-02-16', 'O-SURE', 'Negotiation', 60000, NULL, NULL, '2026-01-01', 'R-AE'),
  ('2026-02-23', 'O-SURE', 'Contract Sent', 70000, 1, 'Commit', '2026-02-01', 'R-AE'),
  ('2026-02-16', 'O-ZERO', 'Proposal', NULL, NULL, NULL, NULL, NULL),
  ('2026-02-23', 'O-ZERO', 'Proposal', 0, 0, 'Upside', '9999-12-31', 'R-AE'),
  ('2026-02-23', 'O-BLANK', 'Discovery', NULL, NULL, NULL, NULL, NULL),
  ('2026-02-16', 'O-LOST', 'Demo', 0, 0, NULL, '2025-10-01', 'R-AE2'),
  ('2026-02-23', 'O-LOST', 'Closed Lost', 0, 0, 'Omitted', '2025-10-01', 'R-AE2');

INSERT INTO activities (activity_id, activity_type, occurred_at, rep_id, account_id, contact_id, opportunity_id,
                        direction, duration_minutes, outcome) VALUES
  ('A-LAST', 'Meeting', '2026-02-27 10:00:00', 'R-AE', 'A-FULL', 'C-FULL', 'O-SURE', 'outbound', 60, 'Good'),
  ('A-BARE', 'Note', '2026-02-01 00:00:00', NULL, NULL, NULL, NULL, NULL, NULL, NULL),
  ('A-ZERO', 'Call', '0000-01-01 00:00:00', 'R-CSM', 'A-FULL', NULL, NULL, 'inbound', 0, NULL),
  ('A-CSM', 'Call', '2025-08-05 09:00:00', 'R-CSM', 'A-FULL', 'C-FULL', NULL, 'outbound', 30, 'Kickoff');

INSERT INTO leads (lead_id, created_date, channel, campaign_id, contact_id, account_id, email, company, segment, region,
                   employees, industry, status, owner_rep_id, mql_date, sal_date, sql_date, converted_date, opportunity_id,
                   first_response_minutes, rejection_reason) VALUES
  ('L-FULL', '2025-05-01', 'Paid Search', 'K-FULL', 'C-FULL', 'A-FULL', 'fay@full.example', 'Full Co', 'SMB', 'EMEA',
   250, 'Software', 'Converted', 'R-SDR', '2025-05-03', '2025-05-04', '2025-05-10', '2025-06-01', 'O-WON', 3, NULL),
  ('L-BARE', '2026-02-01', 'Organic', NULL, NULL, NULL, NULL, NULL, NULL, NULL,
   NULL, NULL, 'New', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
  -- MQL before it was created, SQL before its MQL, converted before all
  ('L-BACK', '2026-01-20', 'Events', 'K-BACK', NULL, NULL, NULL, 'Back Co', 'Mid-Market', 'APAC',
   0, NULL, 'SQL', 'R-SDR', '2026-01-10', '2026-01-09', '2026-01-05', '2026-01-01', NULL, 0, 'Wrong ICP'),
  ('L-ANCIENT', '0000-01-01', 'Events', NULL, NULL, NULL, NULL, NULL, 'SMB', NULL,
   NULL, NULL, 'MQL', 'R-SDR', '0000-01-01', NULL, NULL, NULL, NULL, 100000, NULL);

INSERT INTO lead_events (event_id, lead_id, signal, occurred_at, campaign_id) VALUES
  (1, 'L-FULL', 'demo_request', '2025-05-02 12:00:00', 'K-FULL'),
  (2, 'L-BARE', 'no_such_signal', '2026-02-01 00:00:00', NULL),
  (3, 'L-BACK', 'pricing_page', '0000-01-01 00:00:00', NULL),
  (4, 'L-ANCIENT', 'unsubscribed', '2026-02-02 00:00:00', NULL);

INSERT INTO touchpoints (touchpoint_id, occurred_at, channel, campaign_id, lead_id, contact_id, opportunity_id,
                         touch_type, is_lead_creation, is_opportunity_creation) VALUES
  (1, '2025-05-01 09:00:00', 'Paid Search', 'K-FULL', 'L-FULL', 'C-FULL', 'O-WON', 'ad_click', 1, 0),
  (2, '2025-06-01 09:00:00', 'Events', NULL, NULL, NULL, 'O-WON', NULL, 0, 1),
  (3, '2025-09-01 09:00:00', 'Organic', NULL, NULL, NULL, 'O-WON', NULL, 0, 0),  -- after the close
  (4, '0000-01-01 00:00:00', 'Organic', NULL, NULL, NULL, 'O-MIGRATED', NULL, 0, 0),
  (5, '2026-01-10 00:00:00', 'Organic', NULL, NULL, NULL, NULL, NULL, 0, 0);

INSERT INTO installed_products (install_id, account_id, product_id, quantity, install_date, support_end_date, status,
                                contract_value, serial_number) VALUES
  ('I-FULL', 'A-FULL', 'P-FULL', 10, '2024-02-01', '2027-02-01', 'Active', 12000, 'SN1'),
  ('I-BACK', 'A-CHILD', 'P-FREE', 1, '2025-06-01', '2025-01-01', 'Expired', 0, NULL),  -- support ends before install
  ('I-BARE', 'A-HOLD', 'P-BARE', 1, NULL, NULL, 'Retired', NULL, NULL);

INSERT INTO subscriptions (subscription_id, account_id, product_id, plan, start_date, end_date, mrr, quantity,
                           billing_interval, renewal_date, opportunity_id) VALUES
  ('S-FULL', 'A-FULL', 'P-FULL', 'Growth', '2024-02-01', NULL, 1000, 10, 'year', '2026-05-01', 'O-WON'),
  ('S-OLD', 'A-FULL', 'P-FULL', 'Starter', '2023-02-01', '2024-02-01', 500, 5, 'month', NULL, NULL),
  ('S-ZERO', 'A-HOLD', NULL, NULL, '2025-03-01', '2025-03-01', 0, NULL, 'month', NULL, NULL),  -- an empty period
  ('S-FREE', 'A-HOLD', 'P-BARE', NULL, '2025-04-01', NULL, 0, 0, 'quarter', '9999-12-31', NULL),  -- a free plan
  -- ends before it starts
  ('S-BACK', 'A-CHILD', 'P-FREE', NULL, '2025-06-01', '2025-01-01', 300, NULL, 'month', '0000-01-01', NULL),
  ('S-ANCIENT', 'A-CHILD', NULL, NULL, '0000-01-01', '0000-02-01', 10, NULL, 'month', NULL, NULL);

INSERT INTO product_usage (account_id, month, seats_purchased, seats_used, active_users, key_feature_events, api_calls,
                           api_call_limit, teams_active) VALUES
  ('A-FULL', '2025-11', 10, 10, 10, 100, 1000, 1000, 2),
  ('A-FULL', '2026-01', 10, 12, 5, 0, 0, 0, 0),     -- over-deployed, a zero limit
  ('A-FULL', '2026-02', 0, 0, 0, 0, 0, NULL, NULL), -- nothing at all
  ('A-HOLD', '0000-01', 0, 0, 0, 0, 0, NULL, NULL);

INSERT INTO churn_events (churn_id, account_id, subscription_id, churn_date, churn_type, reason_code, mrr_lost, competitor, notes) VALUES
  ('CH-OLD', 'A-FULL', 'S-OLD', '2024-02-01', 'contraction', 'price', 0, NULL, NULL),
  ('CH-BARE', 'A-CHILD', NULL, '0000-01-01', 'churn', 'champion_left', 10, NULL, NULL);

INSERT INTO invoices (invoice_id, account_id, subscription_id, invoice_date, due_date, amount, currency, status,
                      disputed, dispute_reason, adjusted) VALUES
  ('INV-PAID', 'A-FULL', 'S-FULL', '2026-01-01', '2026-01-31', 12000, 'USD', 'paid', 0, NULL, 0),
  ('INV-OPEN', 'A-HOLD', NULL, '2025-12-01', '2025-12-01', 500, 'EUR', 'open', 1, NULL, 1),   -- due the day it is issued
  ('INV-ZERO', 'A-FULL', NULL, '2026-02-01', '9999-12-31', 0, 'USD', 'draft', 0, NULL, 0),
  ('INV-VOID', 'A-CHILD', NULL, '0000-01-01', '0000-01-01', 100, 'USD', 'void', 1, 'Wrong price', 0),
  ('INV-BAD', 'A-CHILD', NULL, '2025-06-01', '2025-07-01', 300, 'USD', 'uncollectible', 0, NULL, 1);

INSERT INTO payments (payment_id, invoice_id, paid_date, amount, method) VALUES
  ('PAY-1', 'INV-PAID', '2026-01-15', 12000, 'card'),
  ('PAY-EARLY', 'INV-OPEN', '2025-11-01', 0.01, NULL),   -- paid before it was invoiced
  ('PAY-OVER', 'INV-ZERO', '2026-02-02', 50, 'other');   -- more than the invoice

INSERT INTO support_tickets (ticket_id, account_id, contact_id, product_id, agent_id, opened_at, first_response_at,
                             resolved_at, priority, status, category, sla_response_hours, sla_resolution_hours, csat) VALUES
  -- with targets, answered in 1 hour, resolved in 10: both met
  ('T-MET', 'A-FULL', 'C-FULL', 'P-FULL', 'R-SUP', '2026-02-01 08:00:00', '2026-02-01 09:00:00', '2026-02-01 18:00:00',
   'High', 'Solved', 'Login', 4, 24, 5),
  -- with targets, resolved in 48 hours against 24: missed
  ('T-MISSED', 'A-FULL', NULL, 'P-FULL', 'R-SUP', '2026-02-02 08:00:00', '2026-02-02 09:00:00', '2026-02-04 08:00:00',
   'Urgent', 'Closed', 'Login', 4, 24, 1),
  -- no targets, resolved: neither met nor missed
  ('T-NOTARGET', 'A-HOLD', NULL, NULL, NULL, '2026-02-03 08:00:00', '2026-02-03 10:00:00', '2026-02-03 12:00:00',
   'Normal', 'Solved', NULL, NULL, NULL, NULL),
  -- no targets, still open
  ('T-OPEN', 'A-HOLD', NULL, NULL, NULL, '2026-02-20 08:00:00', NULL, NULL, 'Low', 'Open', NULL, NULL, NULL, NULL),
  -- resolved (and answered) before it was opened
  ('T-BACK', 'A-CHILD', 'C-BACK', 'P-FREE', 'R-SUP', '2026-02-10 12:00:00', '2026-02-10 11:00:00', '2026-02-09 12:00:00',
   'High', 'Solved', 'Billing', 4, 24, 3),
  -- at the lower bound, a target only for the response
  ('T-ANCIENT', 'A-CHILD', NULL, NULL, NULL, '0000-01-01 00:00:00', '0000-01-01 00:00:00', NULL,
   'Urgent', 'Pending', 'Billing', 0.5, NULL, NULL);

INSERT INTO survey_responses (response_id, account_id, contact_id, ticket_id, survey_type, responded_date, score, comment) VALUES
  ('SR-NPS0', 'A-FULL', 'C-FULL', NULL, 'NPS', '2026-02-05', 0, 'Bad'),
  ('SR-NPS10', 'A-FULL', NULL, NULL, 'NPS', '2025-06-01', 10, NULL),
  ('SR-CSAT', 'A-CHILD', NULL, 'T-BACK', 'CSAT', '0000-01-01', 1, NULL);

INSERT INTO forecast_submissions (rep_id, period_start, period_end, submitted_date, category, amount) VALUES
  ('R-AE', '2025-10-01', '2026-01-01', '2025-10-15', 'Commit', 0),
  ('R-AE', '2025-10-01', '2026-01-01', '2025-10-15', 'Best Case', 10),
  ('R-AE', '2026-01-01', '2026-04-01', '2026-01-05', 'Commit', 80000),
  ('R-AE2', '2026-01-01', '2026-04-01', '2026-02-20', 'Pipeline', 0),
  ('R-BARE', '0000-01-01', '0000-04-01', '0000-01-01', 'Commit', 0);

INSERT INTO costs_to_serve (account_id, month, cost_type, amount) VALUES
  ('A-FULL', '2026-01', 'support', 100),
  ('A-FULL', '2026-01', 'infrastructure', 0),
  ('A-HOLD', '0000-01', 'other', 5);

INSERT INTO company_financials (month, revenue, sales_spend, marketing_spend, gross_margin, net_burn, cash_balance, headcount) VALUES
  ('2025-12', 12000, 5000, 1000, 0.8, 2000, 100000, 10),
  ('2026-01', 0, 0, 0, -1, 0, 0, 0),                       -- zero revenue, negative margin
  ('2026-02', NULL, NULL, NULL, NULL, NULL, NULL, NULL),
  ('0000-01', NULL, 1, NULL, 1, -5, -5, NULL);
