"""tests/dashboards/money_checks.py DB EXT — key numbers of the money-side
personas (board, ceo, finance, service, billing, account_management,
customer_success) against plain SQL written here.

The plain SQL reads the tables, never the views, and spells each formula
out (month-end MRR as the sum of the periods running at the close of the
month's last day, NRR as a ratio of sums, CAC as spend over first-time
customers, overdue as unpaid past due), so a wrong view, join or function
shows up as a difference.  CHECKS has the shape of tests/dashboards/run.py's
key-number table, which joins them to its own (same label rule: a row
is picked when the label is one of its cells); run alone, this file
prints one "FAIL ..." line per difference and "PASSED FAILED" last.
"""
import os
import sqlite3
import sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "tools"))
import dashboards  # noqa: E402

AS_OF = "(SELECT as_of FROM as_of_date)"
# The last month end before the as-of date, and the one 12 months earlier.
ME = "date(" + AS_OF + ", 'start of month', '-1 day')"
ME_AGO = "date(" + AS_OF + ", 'start of month', '-12 months', '-1 day')"
ME_PREV = "date(" + AS_OF + ", 'start of month', '-1 month', '-1 day')"


def mrr_at(day, extra=""):
    """Per-account MRR at the close of `day` (SQL text), accounts with MRR > 0."""
    return ("SELECT s.account_id, a.segment, round(sum(s.mrr), 2) AS mrr FROM subscriptions s "
            "JOIN accounts a ON a.account_id = s.account_id "
            "WHERE s.start_date <= %s AND (s.end_date IS NULL OR s.end_date > %s) %s "
            "GROUP BY s.account_id HAVING round(sum(s.mrr), 2) > 0" % (day, day, extra))


COHORT = ("WITH s0 AS (" + mrr_at(ME_AGO) + "), s1 AS (" + mrr_at(ME) + ") "
          "SELECT {expr} FROM s0 LEFT JOIN s1 ON s1.account_id = s0.account_id")
# First month end at which each account had MRR: new customers (month ends
# from 2019-12 on; the demo starts paying in 2020).
FIRST = ("WITH RECURSIVE m(d) AS (SELECT date('2020-01-01', '-1 day') UNION ALL "
         "SELECT date(d, '+1 day', '+1 month', '-1 day') FROM m WHERE d < " + ME + "), "
         "a AS (SELECT s.account_id, m.d FROM subscriptions s JOIN m "
         "ON s.start_date <= m.d AND (s.end_date IS NULL OR s.end_date > m.d) "
         "GROUP BY s.account_id, m.d HAVING round(sum(s.mrr), 2) > 0), "
         "f AS (SELECT account_id, min(d) AS first_d FROM a GROUP BY account_id) ")
PAID = ("(SELECT total(p.amount) FROM payments p WHERE p.invoice_id = i.invoice_id AND p.paid_date < " + AS_OF + ")")
# Owed: not void or written off, not 'paid' (unless paid after the as-of
# date), and less paid before the as-of date than invoiced.
OWED = ("FROM invoices i WHERE i.invoice_date < " + AS_OF +
        " AND i.status NOT IN ('void', 'uncollectible')"
        " AND (i.status <> 'paid' OR EXISTS (SELECT 1 FROM payments p WHERE p.invoice_id = i.invoice_id"
        " AND p.paid_date >= " + AS_OF + ")) AND round(i.amount - " + PAID + ", 2) > 0")
OVERDUE = OWED + " AND i.due_date < " + AS_OF

# (persona, query, column, plain SQL, filters[, label to pick rows])
CHECKS = [
    ("board", "retention_rate", "cohort_customers", COHORT.format(expr="count(*)"), {}),
    ("board", "retention_rate", "nrr", COHORT.format(expr="total(s1.mrr) / total(s0.mrr)"), {}),
    ("board", "retention_rate", "logo_retention", COHORT.format(expr="avg(s1.account_id IS NOT NULL)"), {}),
    ("board", "retention_rate", "grr",
     COHORT.format(expr="total(min(coalesce(s1.mrr, 0), s0.mrr)) / total(s0.mrr)"), {}),
    ("board", "retention_rate", "nrr",
     "WITH s0 AS (" + mrr_at(ME_AGO, "AND a.segment = 'SMB'") + "), s1 AS (" + mrr_at(ME) + ") "
     "SELECT total(s1.mrr) / total(s0.mrr) FROM s0 LEFT JOIN s1 ON s1.account_id = s0.account_id", {"segment": "SMB"}),
    ("board", "top_customers", "arr", "SELECT round(12 * mrr, 2) FROM (" + mrr_at(ME) + ") ORDER BY mrr DESC LIMIT 1",
     {}, 1),
    ("ceo", "segment_growth", "arr",
     "SELECT round(12 * total(mrr), 2) FROM (" + mrr_at(ME, "AND a.segment = 'Enterprise'") + ")", {"segment": "Enterprise"}),
    ("ceo", "segment_growth", "arr_year_ago",
     "SELECT round(12 * total(mrr), 2) FROM (" + mrr_at(ME_AGO, "AND a.segment = 'Enterprise'") + ")",
     {"segment": "Enterprise"}),
    ("finance", "mrr_by_segment", "mrr", "SELECT total(mrr) FROM (" + mrr_at(ME) + ")", {}),
    ("finance", "mrr_by_segment", "customers", "SELECT count(*) FROM (" + mrr_at(ME) + ")", {}),
    ("finance", "mrr_waterfall", "amount", "SELECT total(mrr) FROM (" + mrr_at(ME) + ")", {}, "Ending MRR"),
    # The monthly retention debrief: the waterfall of the demo's last month
    # (its as-of date is 2026-03-01), starting from January's month end.
    ("finance", "mrr_waterfall", "amount", "SELECT total(mrr) FROM (" + mrr_at(ME_PREV) + ")",
     {"start_date": "2026-02-01"}, "Starting MRR"),
    ("finance", "mrr_waterfall", "amount", "SELECT total(mrr) FROM (" + mrr_at(ME) + ")",
     {"start_date": "2026-02-01"}, "Ending MRR"),
    ("finance", "unit_economics", "new_customers",
     FIRST + "SELECT count(*) FROM f WHERE f.first_d BETWEEN '2025-10-01' AND '2025-12-31'", {}, "2025-Q4"),
    ("finance", "unit_economics", "cac",
     FIRST + "SELECT (SELECT total(sales_spend) + total(marketing_spend) FROM company_financials "
     "WHERE month BETWEEN '2025-10' AND '2025-12') / count(*) FROM f WHERE f.first_d BETWEEN '2025-10-01' AND '2025-12-31'",
     {}, "2025-Q4"),
    ("service", "service_kpis", "open_tickets",
     "SELECT count(*) FROM support_tickets WHERE status IN ('Open', 'Pending') AND opened_at < " + AS_OF, {}),
    ("service", "service_kpis", "total_tickets", "SELECT count(*) FROM support_tickets WHERE opened_at < " + AS_OF, {}),
    ("service", "service_kpis", "avg_csat",
     "SELECT avg(csat) FROM support_tickets WHERE opened_at < " + AS_OF, {}),
    ("service", "open_cases", "tickets",
     "SELECT count(*) FROM support_tickets t JOIN accounts a ON a.account_id = t.account_id "
     "WHERE t.status IN ('Open', 'Pending') AND t.opened_at < " + AS_OF + " AND a.segment = 'SMB'", {"segment": "SMB"}),
    ("billing", "billing_kpis", "overdue_invoices", "SELECT count(*) " + OVERDUE, {}),
    ("billing", "billing_kpis", "overdue_amount", "SELECT round(total(i.amount - " + PAID + "), 2) " + OVERDUE, {}),
    ("billing", "billing_kpis", "outstanding", "SELECT round(total(i.amount - " + PAID + "), 2) " + OWED, {}),
    ("billing", "billing_accuracy", "billing_accuracy",
     "SELECT 1 - avg(adjusted) FROM invoices WHERE status <> 'void' AND invoice_date < " + AS_OF, {}),
    ("billing", "receivables_by_segment", "overdue_amount",
     "SELECT round(total(i.amount - " + PAID + "), 2) " + OVERDUE +
     " AND i.account_id IN (SELECT account_id FROM accounts WHERE segment = 'Mid-Market')", {"segment": "Mid-Market"}),
    ("account_management", "renewals_summary", "renewal_arr",
     "SELECT round(12 * total(mrr), 2) FROM subscriptions WHERE start_date <= " + AS_OF +
     " AND (end_date IS NULL OR end_date > " + AS_OF + ") AND renewal_date >= " + AS_OF +
     " AND renewal_date < date(" + AS_OF + ", '+6 months')", {}),
    ("account_management", "revenue_at_risk", "expired_value",
     "SELECT total(i.contract_value) FROM installed_products i JOIN products p ON p.product_id = i.product_id "
     "WHERE i.status <> 'Retired' AND (i.status = 'Expired' OR i.support_end_date < " + AS_OF +
     " OR p.end_of_life_date < " + AS_OF + ")", {}),
    ("account_management", "account_tiers", "customers", "SELECT count(*) FROM (" + mrr_at(ME) + ")", {}),
    ("customer_success", "churn_reasons", "churned",
     "SELECT count(*) FROM churn_events WHERE churn_type = 'churn' AND churn_date < date(" + AS_OF + ", 'start of month')",
     {}),
    ("customer_success", "health_distribution", "customers", "SELECT count(*) FROM (" + mrr_at(ME) + ")", {}),
    ("customer_success", "adoption_trend", "seats_purchased",
     "SELECT sum(seats_purchased) FROM product_usage WHERE month = '2026-02'", {}, "2026-02"),
]
# A key number of 0 on the small test set (no open deal above 80%): the
# check then compares row counts with this plain SQL (run.py's EMPTY_OK).
# Open disputes: disputed invoices dated before as-of, neither void nor
# uncollectible, with an amount still owed (paid counts the payments made
# before as-of; an invoice marked paid with no later payment owes nothing),
# one row per reason.
_AS_OF = "(SELECT as_of FROM as_of_date)"
EMPTY_OK = {
    ("billing", "dispute_reasons"):
        "SELECT count(DISTINCT coalesce(i.dispute_reason, '')) FROM invoices AS i"
        " WHERE i.disputed = 1 AND i.invoice_date < " + _AS_OF + " AND i.status NOT IN ('void', 'uncollectible')"
        " AND NOT (i.status = 'paid' AND NOT EXISTS (SELECT 1 FROM payments AS y WHERE y.invoice_id = i.invoice_id"
        "          AND y.paid_date >= " + _AS_OF + "))"
        " AND round(i.amount - (SELECT total(y.amount) FROM payments AS y WHERE y.invoice_id = i.invoice_id"
        "          AND y.paid_date < " + _AS_OF + "), 2) > 0",
}
PERSONAS = ("board", "ceo", "finance", "service", "billing", "account_management", "customer_success")


def main(db, ext):
    """Run alone: the money side's key numbers by tests/dashboards/run.py's
    own check (the same comparison the suite makes), and every persona
    here covered by one."""
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import run  # noqa: E402  (it joins CHECKS to its own table)
    con = run.connect(db, ext)
    queries = [q for q in dashboards.load(os.path.join(ROOT, "sql", "dashboards")) if q.persona in PERSONAS]
    covered = run.check_key_numbers(con, queries)
    for persona in PERSONAS:
        if persona not in covered:
            run.bad("no key number of persona %s is checked against plain SQL" % persona)
    print("%d %d" % (run.PASS, run.FAIL))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
