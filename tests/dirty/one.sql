-- tests/dirty/one.sql — one row in every table (after sql/schema.sql; the
-- stages, benchmarks and churn reasons are the schema's own rows): every
-- figure that compares, ranks or divides has a single row to work on.
-- The latest business date is 2026-02-10 (the ticket), as-of 2026-02-11.
PRAGMA foreign_keys = ON;
INSERT INTO reps (rep_id, name, role, segment, region, hire_date) VALUES ('R1', 'Only Rep', 'AE', 'SMB', 'EMEA', '2025-01-01');
INSERT INTO quotas (rep_id, period_start, period_end, quota_type, amount) VALUES ('R1', '2026-01-01', '2026-04-01', 'new_arr', 1000);
INSERT INTO accounts (account_id, name, segment, region, owner_rep_id, csm_rep_id) VALUES ('A1', 'Only Co', 'SMB', 'EMEA', 'R1', 'R1');
INSERT INTO contacts (contact_id, account_id, original_source) VALUES ('C1', 'A1', 'Organic');
INSERT INTO campaigns (campaign_id, name, channel) VALUES ('K1', 'Only campaign', 'Organic');
INSERT INTO marketing_spend (spend_date, channel, segment, region, amount, campaign_id) VALUES ('2026-01-05', 'Organic', 'SMB', 'EMEA', 100, 'K1');
INSERT INTO opportunities (opportunity_id, account_id, owner_rep_id, stage, amount, created_date, close_date, channel, campaign_id)
  VALUES ('O1', 'A1', 'R1', 'Closed Won', 1200, '2025-10-01', '2026-01-15', 'Organic', 'K1');
INSERT INTO products (product_id, name, category) VALUES ('P1', 'Only Product', 'Platform');
INSERT INTO opportunity_line_items (opportunity_id, line_no, product_id, quantity, unit_price, amount) VALUES ('O1', 1, 'P1', 1, 1200, 1200);
INSERT INTO opportunity_stage_history (opportunity_id, stage, entered_date) VALUES ('O1', 'Closed Won', '2026-01-15');
INSERT INTO opportunity_snapshots (snapshot_date, opportunity_id, stage, amount) VALUES ('2026-01-12', 'O1', 'Negotiation', 1200);
INSERT INTO activities (activity_id, activity_type, occurred_at, rep_id, account_id, opportunity_id) VALUES ('X1', 'Call', '2026-01-10 10:00:00', 'R1', 'A1', 'O1');
INSERT INTO leads (lead_id, created_date, channel, campaign_id, account_id, segment, region, status, mql_date, opportunity_id)
  VALUES ('L1', '2025-09-01', 'Organic', 'K1', 'A1', 'SMB', 'EMEA', 'Converted', '2025-09-02', 'O1');
INSERT INTO lead_events (event_id, lead_id, signal, occurred_at) VALUES (1, 'L1', 'demo_request', '2025-09-01 12:00:00');
INSERT INTO touchpoints (touchpoint_id, occurred_at, channel, lead_id, opportunity_id) VALUES (1, '2025-09-01 11:00:00', 'Organic', 'L1', 'O1');
INSERT INTO installed_products (install_id, account_id, product_id) VALUES ('I1', 'A1', 'P1');
INSERT INTO subscriptions (subscription_id, account_id, product_id, start_date, mrr, renewal_date, opportunity_id)
  VALUES ('S1', 'A1', 'P1', '2026-02-01', 100, '2027-02-01', 'O1');
INSERT INTO product_usage (account_id, month, seats_purchased, seats_used, active_users) VALUES ('A1', '2026-01', 5, 4, 3);
INSERT INTO churn_events (churn_id, account_id, churn_date, churn_type, reason_code, mrr_lost) VALUES ('CH1', 'A1', '2025-12-01', 'contraction', 'price', 10);
INSERT INTO invoices (invoice_id, account_id, invoice_date, due_date, amount, status) VALUES ('INV1', 'A1', '2026-02-01', '2026-03-01', 100, 'open');
INSERT INTO payments (payment_id, invoice_id, paid_date, amount) VALUES ('PAY1', 'INV1', '2026-02-05', 40);
INSERT INTO support_tickets (ticket_id, account_id, opened_at, priority, status, sla_response_hours, sla_resolution_hours)
  VALUES ('T1', 'A1', '2026-02-10 09:00:00', 'Normal', 'Open', 8, 48);
INSERT INTO survey_responses (response_id, account_id, survey_type, responded_date, score) VALUES ('SR1', 'A1', 'NPS', '2026-02-01', 9);
INSERT INTO forecast_submissions (rep_id, period_start, period_end, submitted_date, category, amount)
  VALUES ('R1', '2026-01-01', '2026-04-01', '2026-01-05', 'Commit', 1000);
INSERT INTO costs_to_serve (account_id, month, cost_type, amount) VALUES ('A1', '2026-01', 'support', 20);
INSERT INTO company_financials (month, revenue, sales_spend, marketing_spend, gross_margin, net_burn) VALUES ('2026-01', 100, 50, 100, 0.7, 10);
