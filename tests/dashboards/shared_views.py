"""tests/dashboards/shared_views.py DB EXT — the views that serve two places (issue 26).

Where two views (or two rules of one view) wrote the same logic twice,
one shared view now computes it and both read it.  Each is checked here
against plain SQL on the raw tables, written from the rule as the docs
state it (not from the view's text), on the demo database with the views
installed, at its as-of date and at three moved ones (set in a
transaction that is rolled back):

  * service_recurring_windows: service_recurring_issues (the trailing 12
    months to as-of) and service_recurring_issues_90d (the 90 days to it)
    are, row for row, the accounts and categories with two or more
    support tickets opened in the window, with their ticket and open
    counts and first and last opening;
  * billing_open_invoices (billing_invoices' rows with something
    outstanding, found from billing_open_balances) holds exactly the invoices the receivables definition
    names (billing_open_balances, 70_billing.sql's header: amount less the
    payments before as-of, a 'paid' one paid in full unless paid late, a
    void or uncollectible one owing nothing), with their figures;
  * insight_rate_trends: the churn_rising and sla_breaches_growing cards
    (one arm of insight_cards) print the messages of their own rules,
    composed here from insight_churn_trend and insight_sla_trend with the
    texts the cards printed before the arms were one, and fire exactly
    when the rate rose.

Prints "FAIL ..." per failure and, last, "PASSED FAILED" (the counts the
layer adds up, as tests/dashboards/run.py prints them).
"""
import os
import sys

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "tests", "lib"))
sys.path.insert(0, os.path.join(ROOT, "tools"))
from checks import Counter  # noqa: E402
import common  # noqa: E402  (the one connection helper: trusted_schema OFF)

C = Counter()
AS_OFS = (None, "2025-05-01", "2024-11-01", "2025-12-31")


def rows(con, sql, *args):
    return sorted(tuple(r) for r in con.execute(sql, args).fetchall())


# The recurring-issue rule, from the raw tickets: the window is the opened
# date d (the date part of opened_at) with start < d <= as_of, of tickets
# opened before the as-of date (what service_tickets holds); open is
# status Open or Pending.
RECURRING = """
SELECT t.account_id, t.category, count(*), sum(t.status IN ('Open', 'Pending')),
       min(%(first)s), max(%(first)s)
FROM support_tickets AS t, as_of_date AS a
WHERE t.opened_at < a.as_of
  AND substr(t.opened_at, 1, 10) > date(a.as_of, ?) AND substr(t.opened_at, 1, 10) <= a.as_of
GROUP BY t.account_id, t.category
HAVING count(*) >= 2
"""

# The receivables rule, from the raw invoices and payments.
OPEN_INVOICES = """
WITH a AS (SELECT as_of FROM as_of_date),
p AS (
  SELECT i.invoice_id, i.amount, i.status, i.due_date,
         CASE WHEN i.status = 'paid' AND NOT EXISTS (SELECT 1 FROM payments AS y, a
                                                     WHERE y.invoice_id = i.invoice_id AND y.paid_date >= a.as_of)
              THEN i.amount
              ELSE (SELECT total(y.amount) FROM payments AS y, a
                    WHERE y.invoice_id = i.invoice_id AND y.paid_date < a.as_of) END AS paid
  FROM invoices AS i, a
  WHERE i.invoice_date < a.as_of AND i.status NOT IN ('void', 'uncollectible'))
SELECT p.invoice_id, max(round(p.amount - p.paid, 2), 0),
       max(CAST(julianday(a.as_of) - julianday(p.due_date) AS INTEGER), 0)
FROM p, a
WHERE max(round(p.amount - p.paid, 2), 0) > 0
"""

CHURN_TEXT = ("Churn is rising: %d of %d customers (%.1f%%) churned in the %d days to %s, "
              "against %d of %d (%.1f%%) in the %d days before.")
SLA_TEXT = ("SLA breaches are growing: %d of %d tickets (%.1f%%) opened in the %d days to %s "
            "missed their SLA, against %d of %d (%.1f%%) in the %d days before.")


def days(a, b):
    from datetime import date
    return (date.fromisoformat(b) - date.fromisoformat(a)).days


def expected_card(con, view, k, n, text):
    w = {r[0]: r for r in con.execute("SELECT win, since, until, %s, %s FROM %s" % (k, n, view))}
    r, p = w.get("recent"), w.get("prior")
    if not r or not p or not r[4] or not p[4] or not (1.0 * r[3] / r[4] > 1.0 * p[3] / p[4]):
        return None
    return text % (r[3], r[4], 100.0 * r[3] / r[4], days(r[1], r[2]), r[2],
                   p[3], p[4], 100.0 * p[3] / p[4], days(p[1], p[2]))


def check_at(con, as_of):
    at = as_of or "the database's as-of"
    for view, back, first in (("service_recurring_issues", "-12 months", "substr(t.opened_at, 1, 10)"),
                              ("service_recurring_issues_90d", "-90 days", "t.opened_at")):
        want = rows(con, RECURRING % {"first": first}, back)
        got = rows(con, "SELECT account_id, category, tickets, open_tickets, first_opened, last_opened FROM %s" % view)
        C.check(got == want and len(want) > 0, "%s at %s: the accounts and categories with two or more tickets "
                "in the window (%d rows, plain SQL %d)" % (view, at, len(got), len(want)),
                "only in the view: %s" % sorted(set(got) - set(want))[:5],
                "only in plain SQL: %s" % sorted(set(want) - set(got))[:5])
    want = rows(con, OPEN_INVOICES)
    got = rows(con, "SELECT invoice_id, outstanding, days_overdue FROM billing_open_invoices")
    C.check(got == want and len(want) > 0, "billing_open_invoices at %s: the invoices still owed, what is owed "
            "and days overdue (%d rows, plain SQL %d)" % (at, len(got), len(want)),
            "only in the view: %s" % sorted(set(got) - set(want))[:5],
            "only in plain SQL: %s" % sorted(set(want) - set(got))[:5])
    C.check(rows(con, "SELECT * FROM billing_open_invoices") ==
            rows(con, "SELECT o.* FROM billing_invoices AS o JOIN billing_open_balances AS b USING (invoice_id)"),
            "billing_open_invoices at %s: the rows of billing_open_balances, every column" % at)
    fired = {}
    for rule, view, k, n, text in (("churn_rising", "insight_churn_trend", "churned", "customers", CHURN_TEXT),
                                   ("sla_breaches_growing", "insight_sla_trend", "breaches", "tickets", SLA_TEXT)):
        want = expected_card(con, view, k, n, text)
        got = [r[0] for r in con.execute("SELECT message FROM insight_cards WHERE rule = ?", (rule,))]
        C.check(got == ([want] if want else []), "insight_cards %s at %s: fires when the rate rose, with its "
                "rule's message" % (rule, at), "card: %r" % got, "expected: %r" % want)
        fired[rule] = bool(want)
    return fired


def main(db, ext):
    # written to only inside transactions rolled back (the moved as-of dates)
    con = common.connect(db, ext, "shared_views", write=True, isolation_level=None)
    fired = {}
    for as_of in AS_OFS:
        if as_of:
            con.execute("BEGIN")
            con.execute("INSERT OR REPLACE INTO settings (key, value) VALUES ('as_of', ?)", (as_of,))
        try:
            for rule, f in check_at(con, as_of).items():
                fired[rule] = fired.get(rule, False) or f
        finally:
            if as_of:
                con.execute("ROLLBACK")
    # the message checks are only worth something where a card fired
    C.check(fired.get("churn_rising") and fired.get("sla_breaches_growing"),
            "insight_cards: churn_rising and sla_breaches_growing each fired at one of the as-of dates %s" % (AS_OFS,),
            fired)
    print("%d %d" % (C.passed, C.failed))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
