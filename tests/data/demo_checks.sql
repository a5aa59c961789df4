-- Run by tests/run.sh (data layer) against a demo database generated at a
-- small scale: every table the views and dashboards of the seeds read has
-- data, and the patterns they look for are there.  Rows are
-- label<TAB>actual<TAB>expected, as in tests/sql.  The as-of date of the
-- demo is 2026-03-01.
SELECT 'rows: accounts', count(*) > 0, 1 FROM accounts;
SELECT 'rows: contacts', count(*) > 0, 1 FROM contacts;
SELECT 'rows: reps', count(*) > 0, 1 FROM reps;
SELECT 'rows: quotas', count(*) > 0, 1 FROM quotas;
SELECT 'rows: campaigns', count(*) > 0, 1 FROM campaigns;
SELECT 'rows: marketing_spend', count(*) > 0, 1 FROM marketing_spend;
SELECT 'rows: leads', count(*) > 0, 1 FROM leads;
SELECT 'rows: lead_events', count(*) > 0, 1 FROM lead_events;
SELECT 'rows: touchpoints', count(*) > 0, 1 FROM touchpoints;
SELECT 'rows: opportunities', count(*) > 0, 1 FROM opportunities;
SELECT 'rows: opportunity_line_items', count(*) > 0, 1 FROM opportunity_line_items;
SELECT 'rows: opportunity_stage_history', count(*) > 0, 1 FROM opportunity_stage_history;
SELECT 'rows: opportunity_snapshots', count(*) > 0, 1 FROM opportunity_snapshots;
SELECT 'rows: activities', count(*) > 0, 1 FROM activities;
SELECT 'rows: products', count(*) > 0, 1 FROM products;
SELECT 'rows: installed_products', count(*) > 0, 1 FROM installed_products;
SELECT 'rows: subscriptions', count(*) > 0, 1 FROM subscriptions;
SELECT 'rows: churn_events', count(*) > 0, 1 FROM churn_events;
SELECT 'rows: invoices', count(*) > 0, 1 FROM invoices;
SELECT 'rows: payments', count(*) > 0, 1 FROM payments;
SELECT 'rows: support_tickets', count(*) > 0, 1 FROM support_tickets;
SELECT 'rows: survey_responses', count(*) > 0, 1 FROM survey_responses;
SELECT 'rows: forecast_submissions', count(*) > 0, 1 FROM forecast_submissions;
SELECT 'rows: costs_to_serve', count(*) > 0, 1 FROM costs_to_serve;
SELECT 'rows: company_financials (38 months)', count(*), 38 FROM company_financials;
SELECT 'nothing rejected', count(*), 0 FROM import_rejects;
SELECT 'foreign keys hold', (SELECT count(*) FROM pragma_foreign_key_check), 0;

-- Shared filters (seed 000): segments, regions, channels.
SELECT 'three segments', count(DISTINCT segment), 3 FROM accounts;
SELECT 'four regions', count(DISTINCT region), 4 FROM accounts;
SELECT 'ten channels bring leads', count(DISTINCT channel), 10 FROM leads;
SELECT 'spend in every channel, segment and region', count(DISTINCT channel || segment || region), 120 FROM marketing_spend;
-- Seasonality and growth: August below October, 2025 above 2023.
SELECT 'seasonality: fewer leads in August than October',
  (SELECT count(*) FROM leads WHERE strftime('%m', created_date) = '08') < (SELECT count(*) FROM leads WHERE strftime('%m', created_date) = '10'), 1;
SELECT 'growth: more leads in 2025 than 2023',
  (SELECT count(*) FROM leads WHERE created_date LIKE '2025%') > (SELECT count(*) FROM leads WHERE created_date LIKE '2023%'), 1;

-- Funnel (seed 003): MQL, SAL, SQL, opportunity, rejection reasons.
SELECT 'funnel: MQL share of leads between 5% and 60%', avg(mql_date IS NOT NULL) BETWEEN 0.05 AND 0.6, 1 FROM leads;
SELECT 'funnel: every stage reached', count(sal_date) > 0 AND count(sql_date) > 0 AND count(opportunity_id) > 0, 1 FROM leads;
SELECT 'funnel: SAL rejection reasons', count(DISTINCT rejection_reason) >= 3, 1 FROM leads;
SELECT 'leads answered within and after the 5-minute SLA', count(DISTINCT first_response_minutes > 5), 2 FROM leads;
SELECT 'negative lead signals', count(DISTINCT signal), 3 FROM lead_events WHERE signal IN ('competitor_domain', 'student_email', 'unsubscribed');
SELECT 'recent lead signals to score', count(*) > 0, 1 FROM lead_events WHERE occurred_at >= '2026-02-01';

-- Pipeline (seed 001/003): stages, slippage, pushes, hygiene.
SELECT 'every stage appears in the history', count(DISTINCT stage), 8 FROM opportunity_stage_history;
SELECT 'open deals in several stages', count(DISTINCT o.stage) >= 4, 1 FROM opportunities AS o JOIN stages AS s USING (stage) WHERE s.is_closed = 0;
SELECT 'won and lost deals', count(DISTINCT stage), 2 FROM opportunities WHERE stage IN ('Closed Won', 'Closed Lost');
SELECT 'close dates pushed', count(*) > 0, 1 FROM opportunities WHERE close_date > original_close_date;
SELECT 'snapshots see close dates move', count(*) > 0, 1 FROM (
  SELECT opportunity_id FROM opportunity_snapshots GROUP BY opportunity_id HAVING count(DISTINCT close_date) > 2);
SELECT 'open deals past their close date', count(*) > 0, 1 FROM opportunities AS o JOIN stages AS s USING (stage)
  WHERE s.is_closed = 0 AND o.close_date < '2026-03-01';
SELECT 'stale open deals (no activity for 14 days)', count(*) > 0, 1 FROM opportunities AS o JOIN stages AS s USING (stage)
  WHERE s.is_closed = 0 AND NOT EXISTS (SELECT 1 FROM activities AS a WHERE a.opportunity_id = o.opportunity_id AND a.occurred_at >= '2026-02-15');
SELECT 'single-threaded open deals', count(*) > 0, 1 FROM opportunities AS o JOIN stages AS s USING (stage)
  WHERE s.is_closed = 0 AND (SELECT count(DISTINCT contact_id) FROM activities AS a WHERE a.opportunity_id = o.opportunity_id) <= 1;
SELECT 'open deals without a next step', count(*) > 0, 1 FROM opportunities AS o JOIN stages AS s USING (stage)
  WHERE s.is_closed = 0 AND o.next_step IS NULL;
SELECT 'discounted deals', count(*) > 0, 1 FROM opportunities WHERE amount < original_amount;
SELECT 'lost deals with reasons and competitors', count(DISTINCT loss_reason) >= 3 AND count(competitor) > 0, 1 FROM opportunities WHERE stage = 'Closed Lost';
SELECT 'new, expansion and renewal deals', count(DISTINCT opportunity_type), 3 FROM opportunities;
SELECT 'opportunity-creation touches (W-shaped attribution)', count(*) > 0, 1 FROM touchpoints WHERE is_opportunity_creation = 1;
SELECT 'every AE calls a forecast', count(DISTINCT rep_id), (SELECT count(*) FROM reps WHERE role = 'AE') FROM forecast_submissions;
SELECT 'reps hired during the window (still ramping)', count(*) > 0, 1 FROM reps WHERE hire_date >= '2023-01-01';

-- Revenue (seed 000/003): every MRR movement, with reasons.
SELECT 'new subscriptions in the window', count(*) > 0, 1 FROM subscriptions WHERE start_date >= '2023-01-01';
SELECT 'expansion and contraction between periods', count(DISTINCT sign(b.mrr - a.mrr)), 2 FROM subscriptions AS a
  JOIN subscriptions AS b ON b.account_id = a.account_id AND b.product_id = a.product_id AND b.start_date = a.end_date;
SELECT 'churn and contraction with reasons', count(DISTINCT churn_type) || ' ' || (count(DISTINCT reason_code) >= 5), '2 1' FROM churn_events;
SELECT 'reactivated customers', count(*) > 0, 1 FROM subscriptions AS b
  WHERE EXISTS (SELECT 1 FROM subscriptions AS a WHERE a.account_id = b.account_id AND a.end_date < b.start_date)
    AND NOT EXISTS (SELECT 1 FROM subscriptions AS c WHERE c.account_id = b.account_id AND c.start_date < b.start_date
                    AND (c.end_date IS NULL OR c.end_date >= b.start_date));
SELECT 'several periods per subscription', count(*) * 1.0 / count(DISTINCT substr(subscription_id, 1, 8)) > 1.2, 1 FROM subscriptions;
SELECT 'renewals due in the next 90 days', count(*) > 0, 1 FROM subscriptions WHERE end_date IS NULL AND renewal_date < '2026-06-01';
SELECT 'monthly, quarterly and yearly billing', count(DISTINCT billing_interval), 3 FROM subscriptions;

-- Installed base (seed 002): end of life and expired support.
SELECT 'installed products past end of life', count(*) > 0, 1 FROM installed_products AS i JOIN products AS p USING (product_id)
  WHERE p.end_of_life_date < '2026-03-01';
SELECT 'installed products with a future end of life', count(*) > 0, 1 FROM installed_products AS i JOIN products AS p USING (product_id)
  WHERE p.end_of_life_date >= '2026-03-01';
SELECT 'expired support', count(*) > 0, 1 FROM installed_products WHERE status = 'Expired';

-- Billing (seed 004): overdue, disputed, adjusted, split payments.
SELECT 'overdue invoices', count(*) > 0, 1 FROM invoices WHERE status = 'open' AND due_date < '2026-03-01';
SELECT 'disputed and adjusted invoices', sum(disputed) > 0 AND sum(adjusted) > 0, 1 FROM invoices;
SELECT 'invoices paid late', count(*) > 0, 1 FROM invoices AS i JOIN payments AS p USING (invoice_id) WHERE p.paid_date > i.due_date;
SELECT 'invoices paid in instalments', count(*) > 0, 1 FROM (SELECT invoice_id FROM payments GROUP BY invoice_id HAVING count(*) > 1);
SELECT 'accounts on credit hold', count(*) > 0, 1 FROM accounts WHERE credit_hold = 1;

-- Service (seed 004): SLA breaches, open tickets, CSAT, NPS detractors.
SELECT 'tickets that missed their response SLA', count(*) > 0, 1 FROM support_tickets
  WHERE (julianday(first_response_at) - julianday(opened_at)) * 24 > sla_response_hours;
SELECT 'tickets that missed their resolution SLA', count(*) > 0, 1 FROM support_tickets
  WHERE (julianday(resolved_at) - julianday(opened_at)) * 24 > sla_resolution_hours;
SELECT 'open tickets', count(*) > 0, 1 FROM support_tickets WHERE resolved_at IS NULL;
SELECT 'every priority', count(DISTINCT priority), 4 FROM support_tickets;
SELECT 'CSAT from 1 to 5', count(DISTINCT csat), 5 FROM support_tickets;
SELECT 'NPS promoters, passives and detractors', count(DISTINCT CASE WHEN score >= 9 THEN 'p' WHEN score >= 7 THEN 'n' ELSE 'd' END), 3
  FROM survey_responses WHERE survey_type = 'NPS';
SELECT 'QBRs held and scheduled', count(last_qbr_date) > 0 AND count(next_qbr_date) > 0, 1 FROM accounts;
SELECT 'cost to serve by type', count(DISTINCT cost_type), 4 FROM costs_to_serve;

-- The extension's functions have something to say about it.
SELECT 'lead grades of recent leads', count(DISTINCT lead_grade(score)), 3 FROM (
  SELECT lead_score(e.signal, e.occurred_at, '2026-03-01') AS score FROM lead_events AS e JOIN leads AS l USING (lead_id)
  WHERE l.created_date >= '2025-12-01' GROUP BY e.lead_id);
SELECT 'NRR and GRR over the last year', nrr(s, e) > 0.8 AND grr(s, e) < 1, 1 FROM (
  SELECT customer_id,
    total(CASE WHEN start_date <= '2025-02-28' AND (end_date IS NULL OR end_date > '2025-02-28') THEN mrr END) AS s,
    total(CASE WHEN start_date <= '2026-02-28' AND (end_date IS NULL OR end_date > '2026-02-28') THEN mrr END) AS e
  FROM subscription_mrr GROUP BY customer_id);

-- The pieces agree with each other on the demo data.
SELECT 'stages seed = stage_probability() defaults', count(*), 0
  FROM stages WHERE stage_probability(stage) IS NOT probability;
SELECT 'stages: open stages sit in their forecast_category() band', count(*), 0
  FROM stages WHERE is_closed = 0 AND forecast_category(probability) <> forecast_category;
-- The MRR engine over the data layer's view: the February 2026 ending
-- equals the month-end snapshot summed in plain SQL (whole cents).
SELECT 'mrr_waterfall(subscription_mrr) ends at the month-end snapshot',
  (SELECT CAST(round(ending_mrr * 100) AS INT) FROM mrr_waterfall('subscription_mrr', '2026-02', '2026-02')),
  (SELECT sum(CAST(round(mrr * 100) AS INT)) FROM subscription_mrr
    WHERE start_date <= '2026-02-28' AND (end_date IS NULL OR end_date > '2026-02-28'));
SELECT 'mrr_waterfall identity on every demo month', count(*), 0
  FROM mrr_waterfall('subscription_mrr')
  WHERE round((starting_mrr + new_mrr + expansion_mrr + reactivation_mrr - contraction_mrr - churned_mrr) * 100)
        <> round(ending_mrr * 100);
SELECT 'demo has every movement kind', count(DISTINCT movement), 5 FROM mrr_movements('subscription_mrr');

-- Product usage (issue 10): every month of every core plan, seat use that
-- falls before a churn and nears the seat limit before an expansion.
SELECT 'rows: product_usage', count(*) > 0, 1 FROM product_usage;
SELECT 'usage: seats used within purchased', count(*), 0 FROM product_usage WHERE seats_used > seats_purchased OR active_users > seats_used;
SELECT 'usage: seat use the month before a churn below the overall average',
  (SELECT avg(1.0 * u.seats_used / u.seats_purchased) FROM product_usage AS u JOIN churn_events AS c
     ON c.account_id = u.account_id AND c.churn_type = 'churn'
     AND u.month = strftime('%Y-%m', c.churn_date, 'start of month', '-1 month'))
  < (SELECT avg(1.0 * seats_used / seats_purchased) FROM product_usage), 1;
SELECT 'usage: some accounts above 80% of their seats in the last month, not most',
  (SELECT avg(seats_used > 0.8 * seats_purchased) BETWEEN 0.02 AND 0.4 FROM product_usage WHERE month = '2026-02'), 1;
