-- sql/dashboards/billing.sql — Billing (seed 004, financial accuracy):
-- overdue invoices and how late, receivables by segment, disputes and
-- adjustments, credit holds, billing accuracy.  Format:
-- tools/dashboards.py.  Filters (NULL = all): :segment, :region, :channel
-- (the account's); :start_date, :end_date (invoice date).  What is owed
-- and how late is as of the database's as-of date (settings 'as_of');
-- payments dated on or after it are not counted.

-- name: overdue_aging
-- question: Overdue invoices & duration? (seed 004, Billing Q1: overdue_invoices, days_overdue) — open receivables by aging bucket
-- chart: bar
-- x: aging_bucket
-- y: outstanding
-- additive: invoices, outstanding, disputed
-- metrics: invoices=open_invoices, outstanding, disputed=open_invoices_disputed, max_days_overdue
SELECT aging_bucket, count(*) AS invoices, round(total(outstanding), 2) AS outstanding, sum(disputed) AS disputed,
       max(days_overdue) AS max_days_overdue
FROM billing_open_invoices
WHERE (:start_date IS NULL OR invoice_date >= :start_date) AND (:end_date IS NULL OR invoice_date <= :end_date)
  AND (:segment IS NULL OR segment = :segment) AND (:region IS NULL OR region = :region)
  AND (:channel IS NULL OR channel = :channel)
GROUP BY aging_bucket
ORDER BY CASE aging_bucket WHEN 'Current' THEN 1 WHEN '1-30' THEN 2 WHEN '31-60' THEN 3 WHEN '61-90' THEN 4 ELSE 5 END;

-- name: overdue_invoices
-- question: Overdue invoices & duration? (seed 004, Billing Q1 and key metrics: Overdue Invoices, Days Overdue) — the overdue invoices, the most days overdue first
-- chart: table
-- metrics: amount=invoice_amount, outstanding=invoice_outstanding, days_overdue=invoice_days_overdue, payment_terms_days
-- dimensions: disputed, credit_hold
SELECT invoice_id, account_id, account_name, segment, region, invoice_date, due_date, amount, outstanding,
       days_overdue, aging_bucket, disputed, credit_hold, payment_terms_days
FROM billing_open_invoices
WHERE is_overdue
  AND (:start_date IS NULL OR invoice_date >= :start_date) AND (:end_date IS NULL OR invoice_date <= :end_date)
  AND (:segment IS NULL OR segment = :segment) AND (:region IS NULL OR region = :region)
  AND (:channel IS NULL OR channel = :channel)
ORDER BY days_overdue DESC, outstanding DESC
LIMIT 100;

-- name: receivables_by_segment
-- question: Outstanding receivables by segment? (seed 004, Billing Q2: overdue_amount, region; Outstanding Receivables: total owed)
-- chart: bar
-- x: segment
-- y: outstanding
-- additive: invoices_open, outstanding, overdue_invoices, overdue_amount
-- metrics: invoices_open=invoices_with_balance, outstanding, overdue_invoices, overdue_amount
SELECT segment, region, sum(outstanding > 0) AS invoices_open, round(total(outstanding), 2) AS outstanding,
       sum(is_overdue) AS overdue_invoices, round(total(CASE WHEN is_overdue THEN outstanding END), 2) AS overdue_amount
FROM billing_open_invoices
WHERE (:start_date IS NULL OR invoice_date >= :start_date) AND (:end_date IS NULL OR invoice_date <= :end_date)
  AND (:segment IS NULL OR segment = :segment) AND (:region IS NULL OR region = :region)
  AND (:channel IS NULL OR channel = :channel)
GROUP BY segment, region
ORDER BY segment, region;

-- name: disputes_adjustments
-- question: Invoice disputes/adjustments? (seed 004, Billing Q3: disputed_invoices; Payment Status: disputed invoices) — by invoice month
-- chart: line
-- x: month
-- y: disputed, adjusted
-- additive: invoices, disputed, disputed_amount, adjusted, adjusted_amount
-- metrics: invoices=invoices_issued, disputed=invoices_disputed, disputed_amount, adjusted=invoices_adjusted, adjusted_amount
-- dimensions: is_partial
SELECT month, month = (SELECT month FROM as_of_calendar) AS is_partial, sum(invoices) AS invoices, sum(disputed) AS disputed, round(total(disputed_amount), 2) AS disputed_amount,
       sum(adjusted) AS adjusted, round(total(adjusted_amount), 2) AS adjusted_amount
FROM billing_quality_monthly
WHERE (:start_date IS NULL OR month >= substr(:start_date, 1, 7)) AND (:end_date IS NULL OR month <= substr(:end_date, 1, 7))
  AND (:segment IS NULL OR segment = :segment) AND (:region IS NULL OR region = :region)
  AND (:channel IS NULL OR channel = :channel)
GROUP BY month
ORDER BY month;

-- name: dispute_reasons
-- question: Invoice disputes — open disputes and their reasons (seed 004, Billing Q3: disputed_invoices): a dispute is open while the disputed invoice still has an amount owed
-- chart: table
-- additive: disputed, disputed_amount, still_owed
-- metrics: disputed=open_disputes, disputed_amount=open_disputed_amount, still_owed=open_disputes_still_owed
SELECT coalesce(dispute_reason, '(no reason given)') AS dispute_reason, count(*) AS disputed,
       round(total(amount), 2) AS disputed_amount, round(total(outstanding), 2) AS still_owed
FROM billing_invoices
WHERE disputed = 1 AND outstanding > 0
  AND (:start_date IS NULL OR invoice_date >= :start_date) AND (:end_date IS NULL OR invoice_date <= :end_date)
  AND (:segment IS NULL OR segment = :segment) AND (:region IS NULL OR region = :region)
  AND (:channel IS NULL OR channel = :channel)
GROUP BY dispute_reason
ORDER BY disputed DESC;

-- name: credit_holds
-- question: Customers on credit hold & impact? (seed 004, Billing Q4: credit_hold, overdue_amount; Credit Hold Warning)
-- chart: table
-- metrics: outstanding=hold_outstanding, overdue_amount=hold_overdue_amount, overdue_invoices=hold_overdue_invoices, max_days_overdue=hold_max_days_overdue, arr_at_stake=hold_arr_at_stake, open_pipeline=account_open_pipeline
SELECT account_id, account_name, segment, region, outstanding, overdue_amount, overdue_invoices, max_days_overdue,
       arr_at_stake, open_pipeline
FROM billing_credit_holds
WHERE (:segment IS NULL OR segment = :segment) AND (:region IS NULL OR region = :region)
  AND (:channel IS NULL OR channel = :channel)
ORDER BY arr_at_stake DESC, outstanding DESC;

-- name: billing_accuracy
-- question: Billing accuracy rate? (seed 004, Billing Q5: billing_accuracy_pct, the share of error-free invoices; an invoice adjusted after issue is an error)
-- chart: kpi
-- additive: invoices, adjusted
-- metrics: invoices=invoices_issued, adjusted=invoices_adjusted, billing_accuracy
SELECT sum(invoices) AS invoices, sum(adjusted) AS adjusted,
       1 - CAST(sum(adjusted) AS REAL) / sum(invoices) AS billing_accuracy
FROM billing_quality_monthly
WHERE (:start_date IS NULL OR month >= substr(:start_date, 1, 7)) AND (:end_date IS NULL OR month <= substr(:end_date, 1, 7))
  AND (:segment IS NULL OR segment = :segment) AND (:region IS NULL OR region = :region)
  AND (:channel IS NULL OR channel = :channel);

-- name: billing_kpis
-- question: Key metrics — Overdue Invoices, Overdue Amount, Days Overdue, Outstanding Receivables, Payment Terms (seed 004, Billing key metrics)
-- chart: kpi
-- additive: overdue_invoices, overdue_amount, outstanding, accounts_on_credit_hold_owing
-- metrics: overdue_invoices, overdue_amount, avg_days_overdue, max_days_overdue, outstanding, accounts_on_credit_hold_owing, avg_payment_terms_days
SELECT sum(is_overdue) AS overdue_invoices, round(total(CASE WHEN is_overdue THEN outstanding END), 2) AS overdue_amount,
       avg(CASE WHEN is_overdue THEN days_overdue END) AS avg_days_overdue, max(days_overdue) AS max_days_overdue,
       round(total(outstanding), 2) AS outstanding,
       count(DISTINCT CASE WHEN credit_hold = 1 AND outstanding > 0 THEN account_id END) AS accounts_on_credit_hold_owing,
       avg(payment_terms_days) AS avg_payment_terms_days
FROM billing_open_invoices
WHERE (:start_date IS NULL OR invoice_date >= :start_date) AND (:end_date IS NULL OR invoice_date <= :end_date)
  AND (:segment IS NULL OR segment = :segment) AND (:region IS NULL OR region = :region)
  AND (:channel IS NULL OR channel = :channel);
