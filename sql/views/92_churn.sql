-- sql/views/92_churn.sql — churn: the rule (churn_risk) and a learned
-- model, both checked against what happened.
--
-- Question: which customers will leave in the next 90 days, and does
-- churn_risk_level say so?  (Issue 14: churn on customers, inputs as
-- customer_health takes them, plus tenure and MRR trend.)
--
-- A customer at a cutoff: an account with MRR on the cutoff date.  Its
-- inputs are rebuilt as they stood at the cutoff (surveys, tickets,
-- invoices, activities and subscriptions dated before it);
-- executive_sponsor_engaged is the account's current flag (the schema
-- keeps no history of it) and the next QBR is unknown then (NULL).
-- churned = a churn event (not a contraction) in the 90 days after.
-- Cutoffs: every 4 weeks from as_of - 24 months to as_of - 3 months.

DROP VIEW IF EXISTS churn_cutoffs;
CREATE VIEW churn_cutoffs AS
WITH RECURSIVE c(cutoff) AS (
  SELECT date((SELECT as_of FROM as_of_date), '-24 months')
  UNION ALL
  SELECT date(cutoff, '+28 days') FROM c WHERE cutoff < date((SELECT as_of FROM as_of_date), '-3 months', '-28 days')
)
SELECT cutoff FROM c;

DROP VIEW IF EXISTS churn_features;
CREATE VIEW churn_features AS
WITH cust AS (
  SELECT c.cutoff, s.account_id, sum(s.mrr) AS mrr
  FROM churn_cutoffs AS c JOIN subscriptions AS s
    ON s.start_date <= c.cutoff AND (s.end_date IS NULL OR s.end_date > c.cutoff)
  GROUP BY c.cutoff, s.account_id
)
SELECT cust.cutoff, cust.account_id, cust.mrr,
       (SELECT nps(r.score) FROM survey_responses AS r
        WHERE r.account_id = cust.account_id AND r.survey_type = 'NPS'
          AND r.responded_date < cust.cutoff AND r.responded_date >= date(cust.cutoff, '-12 months')) AS nps,
       (SELECT avg(r.score) FROM survey_responses AS r
        WHERE r.account_id = cust.account_id AND r.survey_type = 'CSAT'
          AND r.responded_date < cust.cutoff AND r.responded_date >= date(cust.cutoff, '-6 months')) AS csat,
       (SELECT count(*) FROM support_tickets AS t
        WHERE t.account_id = cust.account_id AND t.opened_at < cust.cutoff
          AND (t.resolved_at IS NULL OR t.resolved_at >= cust.cutoff)
          AND t.opened_at >= date(cust.cutoff, '-12 months')) AS open_tickets,
       (SELECT avg((julianday(t.first_response_at) - julianday(t.opened_at)) * 24 <= t.sla_response_hours)
        FROM support_tickets AS t
        WHERE t.account_id = cust.account_id AND t.opened_at < cust.cutoff
          AND t.opened_at >= date(cust.cutoff, '-90 days') AND t.first_response_at < cust.cutoff) AS sla_compliance,
       -- invoices of the last 12 months due before the cutoff and not paid by it
       (SELECT count(*) FROM invoices AS i
        WHERE i.account_id = cust.account_id AND i.invoice_date >= date(cust.cutoff, '-12 months')
          AND i.due_date < cust.cutoff AND i.status NOT IN ('void', 'draft')
          AND i.amount > coalesce((SELECT sum(p.amount) FROM payments AS p
                                   WHERE p.invoice_id = i.invoice_id AND p.paid_date < cust.cutoff), 0))
         AS overdue_invoices,
       (SELECT max(julianday(cust.cutoff) - julianday(i.due_date)) FROM invoices AS i
        WHERE i.account_id = cust.account_id AND i.invoice_date >= date(cust.cutoff, '-12 months')
          AND i.due_date < cust.cutoff AND i.status NOT IN ('void', 'draft')
          AND i.amount > coalesce((SELECT sum(p.amount) FROM payments AS p
                                   WHERE p.invoice_id = i.invoice_id AND p.paid_date < cust.cutoff), 0))
         AS days_overdue,
       julianday(cust.cutoff) - julianday((SELECT max(substr(a.occurred_at, 1, 10)) FROM activities AS a
         WHERE a.account_id = cust.account_id AND a.occurred_at < cust.cutoff
           AND a.occurred_at >= date(cust.cutoff, '-12 months'))) AS days_since_interaction,
       acc.executive_sponsor_engaged AS executive_sponsor,
       julianday((SELECT min(s.renewal_date) FROM subscriptions AS s
                  WHERE s.account_id = cust.account_id AND s.start_date <= cust.cutoff
                    AND (s.end_date IS NULL OR s.end_date > cust.cutoff) AND s.renewal_date >= cust.cutoff))
         - julianday(cust.cutoff) AS days_to_renewal,
       (julianday(cust.cutoff) - julianday((SELECT min(s.start_date) FROM subscriptions AS s
                                            WHERE s.account_id = cust.account_id))) / 30.4375 AS tenure_months,
       -- MRR trend: the change over the 90 days before the cutoff
       cust.mrr / nullif((SELECT sum(s.mrr) FROM subscriptions AS s
                          WHERE s.account_id = cust.account_id AND s.start_date <= date(cust.cutoff, '-90 days')
                            AND (s.end_date IS NULL OR s.end_date > date(cust.cutoff, '-90 days'))), 0) - 1
         AS mrr_trend,
       EXISTS (SELECT 1 FROM churn_events AS e
               WHERE e.account_id = cust.account_id AND e.churn_type = 'churn'
                 AND e.churn_date > cust.cutoff AND e.churn_date <= date(cust.cutoff, '+90 days')) AS churned,
       date(cust.cutoff, '+90 days') <= (SELECT as_of FROM as_of_date) AS outcome_known
FROM cust
JOIN accounts AS acc ON acc.account_id = cust.account_id;

-- The rule: customer_health, then churn_risk (usage_change unknown here:
-- NULL scores 0 points), by level, against the churn that followed.
DROP VIEW IF EXISTS churn_risk_backtest;
CREATE VIEW churn_risk_backtest AS
WITH r AS (
  SELECT churned, churn_risk(customer_health(nps, csat, open_tickets, sla_compliance, overdue_invoices,
                                             days_overdue, days_since_interaction, executive_sponsor, NULL),
                             days_to_renewal, NULL) AS risk
  FROM churn_features WHERE outcome_known
)
SELECT churn_risk_level(risk) AS level, count(*) AS customers, sum(churned) AS churned,
       round(avg(churned), 4) AS churn_rate_90d, round(avg(risk), 1) AS mean_risk
FROM r
GROUP BY level
ORDER BY min(risk) DESC;

-- The learned model, out of time: for each of the last 6 cutoffs with a
-- known outcome, fit on the customers of cutoffs whose 90 days had ended
-- before it, and score its customers.  Features: the health score and its
-- inputs, tenure, MRR trend and size.  A missing value counts as the
-- training mean (docs/learn.md), so where being missing is itself a signal
-- (no renewal date: a month-to-month customer) an indicator says so.
DROP VIEW IF EXISTS churn_backtest_scores;
CREATE VIEW churn_backtest_scores AS
WITH f AS (
  SELECT churn_features.*,
         customer_health(nps, csat, open_tickets, sla_compliance, overdue_invoices, days_overdue,
                         days_since_interaction, executive_sponsor, NULL) AS health
  FROM churn_features WHERE outcome_known),
tests AS (
  -- the last 6 cutoffs, among those with enough history to fit (learn_fit
  -- needs 5 rows of each label)
  SELECT t.cutoff FROM (SELECT DISTINCT cutoff FROM f) AS t JOIN f ON f.cutoff <= date(t.cutoff, '-90 days')
  GROUP BY t.cutoff HAVING sum(f.churned) >= 5 AND sum(1 - f.churned) >= 5
  ORDER BY t.cutoff DESC LIMIT 6),
models AS (
  SELECT t.cutoff, learn_fit(f.churned, f.cutoff, p.lambda,
           'health', f.health, 'nps', f.nps, 'csat', f.csat, 'open_tickets', f.open_tickets,
           'sla_compliance', f.sla_compliance, 'overdue_invoices', f.overdue_invoices,
           'days_overdue', coalesce(f.days_overdue, 0), 'days_since_interaction', f.days_since_interaction,
           'executive_sponsor', f.executive_sponsor, 'days_to_renewal', f.days_to_renewal,
           'no_renewal_date', f.days_to_renewal IS NULL, 'tenure_months', f.tenure_months,
           'mrr_trend', f.mrr_trend, 'mrr', f.mrr) AS model
  FROM tests AS t JOIN f ON f.cutoff <= date(t.cutoff, '-90 days'), learn_params AS p
  GROUP BY t.cutoff
)
SELECT m.cutoff, f.account_id, f.churned,
       learn_score(m.model,
           'health', f.health, 'nps', f.nps, 'csat', f.csat, 'open_tickets', f.open_tickets,
           'sla_compliance', f.sla_compliance, 'overdue_invoices', f.overdue_invoices,
           'days_overdue', coalesce(f.days_overdue, 0), 'days_since_interaction', f.days_since_interaction,
           'executive_sponsor', f.executive_sponsor, 'days_to_renewal', f.days_to_renewal,
           'no_renewal_date', f.days_to_renewal IS NULL, 'tenure_months', f.tenure_months,
           'mrr_trend', f.mrr_trend, 'mrr', f.mrr) AS churn_probability,
       churn_risk(f.health, f.days_to_renewal, NULL) AS churn_risk
FROM models AS m JOIN f ON f.cutoff = m.cutoff;

-- Learned probability against the rule's score (as a ranking: AUC; the
-- rule's 0..100 is not a probability, so only the model has a Brier score).
DROP VIEW IF EXISTS churn_backtest;
CREATE VIEW churn_backtest AS
SELECT count(*) AS customers, count(DISTINCT cutoff) AS cutoffs, round(avg(churned), 4) AS churn_rate_90d,
       round(auc(churn_probability, churned), 4) AS model_auc,
       round(brier_score(churn_probability, churned), 4) AS model_brier,
       round(avg(churned) * (1 - avg(churned)), 4) AS base_rate_brier,
       round(auc(churn_risk, churned), 4) AS churn_risk_auc
FROM churn_backtest_scores;
