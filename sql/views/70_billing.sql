-- sql/views/70_billing.sql — billing and receivables (seed 004 billing
-- persona: overdue invoices and days overdue, receivables by segment,
-- disputes and adjustments, credit holds, billing accuracy; seed 002
-- "payment status and history").
--
-- An invoice's outstanding amount is its amount less the payments made
-- before the as-of date; it is overdue when something is outstanding after
-- its due date, as of (SELECT as_of FROM as_of_date).  An invoice whose
-- status is 'paid' is paid in full (billing systems export the status
-- even where no payment rows come with it), unless a payment of it is
-- dated on or after the as-of date: then it was still owed as of then.  Invoice statuses are
-- the schema's ('draft', 'open', 'paid', 'void', 'uncollectible'): a void
-- invoice owes nothing, an uncollectible one is written off (written_off,
-- not a receivable).

-- Question: every invoice with what is still owed and how late it is.
-- (seed 004 overdue_invoices, overdue_amount, days_overdue,
-- disputed_invoices, billing_accuracy_pct)  aging_bucket: 'Current' (not
-- yet due), '1-30', '31-60', '61-90', '90+' days past due, 'Paid' when
-- nothing is outstanding.  Invoices dated on or after the as-of date are
-- left out.  billing_invoice_balances is the invoice alone (what account
-- health reads); billing_invoices adds the account's dimensions.
DROP VIEW IF EXISTS billing_invoice_balances;
CREATE VIEW billing_invoice_balances AS
WITH a AS (SELECT as_of FROM as_of_date),
late AS MATERIALIZED (SELECT DISTINCT y.invoice_id FROM payments AS y, a WHERE y.paid_date >= a.as_of),
p AS (
  SELECT i.*,
         CASE WHEN i.status = 'paid' AND i.invoice_id NOT IN (SELECT invoice_id FROM late) THEN i.amount
              ELSE (SELECT total(y.amount) FROM payments AS y, a
                    WHERE y.invoice_id = i.invoice_id AND y.paid_date < a.as_of) END AS paid
  FROM invoices AS i, a
  WHERE +i.invoice_date < a.as_of),   -- a scan: nearly every invoice is before today
i AS (
  SELECT p.*,
         CASE WHEN status IN ('void', 'uncollectible') THEN 0 ELSE max(round(amount - paid, 2), 0) END AS outstanding,
         CASE WHEN status = 'uncollectible' THEN max(round(amount - paid, 2), 0) ELSE 0 END AS written_off,
         CAST(julianday((SELECT as_of FROM a)) - julianday(due_date) AS INTEGER) AS days_past_due
  FROM p)
SELECT invoice_id, account_id, subscription_id, invoice_date, due_date, amount, paid,
       outstanding, written_off, status, disputed, dispute_reason, adjusted,
       outstanding > 0 AND days_past_due > 0 AS is_overdue,
       CASE WHEN outstanding > 0 AND days_past_due > 0 THEN days_past_due ELSE 0 END AS days_overdue,
       CASE WHEN outstanding = 0 THEN 'Paid'
            WHEN days_past_due <= 0 THEN 'Current'
            WHEN days_past_due <= 30 THEN '1-30'
            WHEN days_past_due <= 60 THEN '31-60'
            WHEN days_past_due <= 90 THEN '61-90'
            ELSE '90+' END AS aging_bucket
FROM i;

-- Question: which invoices are still owed, and how late?  (seed 004
-- overdue_invoices, overdue_amount, days_overdue: the receivables)  The
-- rows of billing_invoice_balances with something outstanding, found
-- without reading the paid history: invoices whose status is 'open' or
-- 'draft' (an index lookup) and 'paid' ones paid on or after the as-of
-- date.
DROP VIEW IF EXISTS billing_open_balances;
CREATE VIEW billing_open_balances AS
WITH a AS (SELECT as_of FROM as_of_date),
c AS MATERIALIZED (SELECT i.invoice_id FROM invoices AS i WHERE i.status IN ('open', 'draft')
      UNION
      SELECT y.invoice_id FROM payments AS y WHERE y.paid_date >= (SELECT as_of FROM a)),
p AS (
  SELECT i.*, (SELECT total(y.amount) FROM payments AS y
               WHERE y.invoice_id = i.invoice_id AND y.paid_date < (SELECT as_of FROM a)) AS paid
  FROM c CROSS JOIN invoices AS i ON i.invoice_id = c.invoice_id   -- CROSS JOIN: drive from the few candidates
  WHERE i.status IN ('open', 'draft', 'paid') AND i.invoice_date < (SELECT as_of FROM a)),
o AS (
  SELECT p.*, max(round(amount - paid, 2), 0) AS outstanding,
         CAST(julianday((SELECT as_of FROM a)) - julianday(due_date) AS INTEGER) AS days_past_due
  FROM p)
SELECT invoice_id, account_id, subscription_id, invoice_date, due_date, amount, paid, outstanding,
       0 AS written_off, status, disputed, dispute_reason, adjusted,
       days_past_due > 0 AS is_overdue,
       CASE WHEN days_past_due > 0 THEN days_past_due ELSE 0 END AS days_overdue,
       CASE WHEN days_past_due <= 0 THEN 'Current'
            WHEN days_past_due <= 30 THEN '1-30'
            WHEN days_past_due <= 60 THEN '31-60'
            WHEN days_past_due <= 90 THEN '61-90'
            ELSE '90+' END AS aging_bucket
FROM o
WHERE outstanding > 0;

-- The same invoices with their account's dimensions, payment terms and
-- credit hold (the view the dashboards filter).
DROP VIEW IF EXISTS billing_invoices;
CREATE VIEW billing_invoices AS
WITH d AS MATERIALIZED (SELECT account_id, account_name, segment, region, channel FROM account_dimensions)
SELECT i.invoice_id, i.account_id, d.account_name, d.segment, d.region, d.channel,
       i.subscription_id, i.invoice_date, substr(i.invoice_date, 1, 7) AS invoice_month, i.due_date,
       i.amount, i.paid, i.outstanding, i.written_off, i.status, i.disputed, i.dispute_reason, i.adjusted,
       a.payment_terms_days, a.credit_hold, i.is_overdue, i.days_overdue, i.aging_bucket
FROM billing_invoice_balances AS i
JOIN accounts AS a ON a.account_id = i.account_id
LEFT JOIN d ON d.account_id = i.account_id;

-- The open invoices with their account's dimensions, payment terms and
-- credit hold (what the receivables queries filter): the rows of
-- billing_invoices with something outstanding, with its columns, found
-- from billing_open_balances (the same rows without the dimensions, what
-- account health and credit holds read; its figures equal
-- billing_invoice_balances' on those rows: a void or uncollectible
-- invoice owes nothing, and a paid one only when paid late).  Written as
-- a filter of billing_invoices it computed every invoice's payments
-- first: 0.70 s against 0.05 s at SCALE=20 (1.1 million invoices, 6,000
-- open), in each of the four receivables queries.
-- tests/dashboards/shared_views.py checks it against billing_invoices.
DROP VIEW IF EXISTS billing_open_invoices;
CREATE VIEW billing_open_invoices AS
WITH d AS MATERIALIZED (SELECT account_id, account_name, segment, region, channel FROM account_dimensions)
SELECT i.invoice_id, i.account_id, d.account_name, d.segment, d.region, d.channel,
       i.subscription_id, i.invoice_date, substr(i.invoice_date, 1, 7) AS invoice_month, i.due_date,
       i.amount, i.paid, i.outstanding, i.written_off, i.status, i.disputed, i.dispute_reason, i.adjusted,
       a.payment_terms_days, a.credit_hold, i.is_overdue, i.days_overdue, i.aging_bucket
FROM billing_open_balances AS i
JOIN accounts AS a ON a.account_id = i.account_id
LEFT JOIN d ON d.account_id = i.account_id;

-- Question: how much is owed, and how late, by segment and region?  (seed
-- 004 billing "outstanding receivables by segment", "overdue invoices &
-- duration")  Open receivables per aging bucket and dimensions.  Additive:
-- invoices, outstanding, disputed.
DROP VIEW IF EXISTS billing_aging;
CREATE VIEW billing_aging AS
SELECT aging_bucket,
       CASE aging_bucket WHEN 'Current' THEN 1 WHEN '1-30' THEN 2 WHEN '31-60' THEN 3
                         WHEN '61-90' THEN 4 ELSE 5 END AS bucket_order,
       segment, region, channel,
       count(*) AS invoices, round(total(outstanding), 2) AS outstanding, sum(disputed) AS disputed,
       max(days_overdue) AS max_days_overdue
FROM billing_open_invoices
GROUP BY aging_bucket, segment, region, channel;

-- Question: how many invoices are disputed or adjusted, and how accurate is
-- billing?  (seed 004 billing "invoice disputes/adjustments", "billing
-- accuracy rate", billing_accuracy_pct = error-free invoices)  Per invoice
-- month and dimensions; an invoice corrected after issue (adjusted) is a
-- billing error.  Additive: invoices, disputed, adjusted, amounts.
-- billing_accuracy = 1 - adjusted / invoices.
DROP VIEW IF EXISTS billing_quality_monthly;
CREATE VIEW billing_quality_monthly AS
-- one pass over the invoices (+invoice_date: a scan, not nearly every
-- invoice through the invoices_date index), each invoice's dimensions
-- looked up in the materialised dimensions, one grouping (was grouped per
-- account first, then again per segment)
WITH d AS MATERIALIZED (SELECT account_id, segment, region, channel FROM account_dimensions)
SELECT substr(i.invoice_date, 1, 7) AS month, d.segment, d.region, d.channel,
       count(*) AS invoices, round(total(i.amount), 2) AS invoiced,
       sum(i.disputed) AS disputed, round(total(CASE WHEN i.disputed = 1 THEN i.amount END), 2) AS disputed_amount,
       sum(i.adjusted) AS adjusted, round(total(CASE WHEN i.adjusted = 1 THEN i.amount END), 2) AS adjusted_amount,
       1 - CAST(sum(i.adjusted) AS REAL) / count(*) AS billing_accuracy
FROM invoices AS i LEFT JOIN d ON d.account_id = i.account_id
WHERE i.status <> 'void' AND +i.invoice_date < (SELECT as_of FROM as_of_date)
GROUP BY month, d.segment, d.region, d.channel;

-- Question: which customers are on credit hold, and what does it put at
-- stake?  (seed 004 billing "customers on credit hold & impact",
-- credit_hold with overdue_amount)  One row per account on hold: what it
-- owes and how late, its ARR (the revenue at stake) and open pipeline
-- (deals the hold blocks).
DROP VIEW IF EXISTS billing_credit_holds;
CREATE VIEW billing_credit_holds AS
WITH pipe AS (SELECT o.account_id, round(total(o.amount), 2) AS open_pipeline
              FROM opportunities AS o JOIN stages AS s ON s.stage = o.stage
              JOIN accounts AS a ON a.account_id = o.account_id AND a.credit_hold = 1
              WHERE s.is_closed = 0 GROUP BY o.account_id),
b AS (SELECT i.account_id, round(total(i.outstanding), 2) AS outstanding,
             round(total(CASE WHEN i.is_overdue THEN i.outstanding END), 2) AS overdue_amount,
             sum(i.is_overdue) AS overdue_invoices, max(i.days_overdue) AS days_overdue
      FROM billing_open_balances AS i JOIN accounts AS a ON a.account_id = i.account_id AND a.credit_hold = 1
      GROUP BY i.account_id)
SELECT r.account_id, r.account_name, r.segment, r.region, r.channel,
       coalesce(b.outstanding, 0) AS outstanding, coalesce(b.overdue_amount, 0) AS overdue_amount,
       coalesce(b.overdue_invoices, 0) AS overdue_invoices, coalesce(b.days_overdue, 0) AS max_days_overdue,
       r.arr AS arr_at_stake, coalesce(pipe.open_pipeline, 0) AS open_pipeline
FROM account_revenue AS r
JOIN accounts AS a ON a.account_id = r.account_id
LEFT JOIN b ON b.account_id = r.account_id
LEFT JOIN pipe ON pipe.account_id = r.account_id
WHERE a.credit_hold = 1;

-- Question: per account, what is owed and how does it pay?  (seed 004
-- overdue_invoices, overdue_amount, days_overdue, payment_terms, seed 002
-- "payment status and history"; customer_health's billing inputs)
DROP VIEW IF EXISTS billing_accounts;
CREATE VIEW billing_accounts AS
-- d materialized: SQLite then indexes it for the join; the kept
-- account_dimensions has no index, and joined bare it was scanned once per
-- account (161 s of the refresh at SCALE=20, quadratic in the accounts)
WITH d AS MATERIALIZED (SELECT account_id, account_name, segment, region, channel FROM account_dimensions),
b AS (SELECT account_id, count(*) AS invoices, round(total(outstanding), 2) AS outstanding,
                  sum(is_overdue) AS overdue_invoices,
                  round(total(CASE WHEN is_overdue THEN outstanding END), 2) AS overdue_amount,
                  max(days_overdue) AS days_overdue, sum(disputed) AS disputed_invoices, sum(adjusted) AS adjusted_invoices
           FROM billing_invoice_balances GROUP BY account_id)
SELECT b.account_id, d.account_name, d.segment, d.region, d.channel, a.payment_terms_days, a.credit_hold,
       b.invoices, b.outstanding, b.overdue_invoices, b.overdue_amount, b.days_overdue,
       b.disputed_invoices, b.adjusted_invoices
FROM b JOIN accounts AS a ON a.account_id = b.account_id
LEFT JOIN d ON d.account_id = b.account_id;
