"""tests/dashboards/incremental.py DB EXT — the refresh refills only what a
change touches, and leaves every kept table as a full refill would.

Run by tests/run.sh (layer "dashboards") on a copy of the demo database
with the views installed and the kept tables current.  The copy is
changed.  Prints one "FAIL ..." report per failure and, last, "PASSED
FAILED".

For each change below, applied one after the other (the data a user
changes: a tenth of the deal amounts, an UPDATE that changes no value,
some deals' channels, one account's segment, one
subscription's MRR, an activity added, two activities appended for a
rep and a deal (the coaching counts refilled by key), a payment deleted, rows replaced
by their rowid (INSERT OR REPLACE: no DELETE trigger fires and the
largest rowid stays), an activity inserted below the largest rowid, a new
as-of date, and nothing at all):

  * before the refresh, every kept table the change touches reads as out
    of date (derived_status), so its wrapper serves the live rows, never
    the old cache as current;

  * sql/views/refresh.sh (incremental) then sql/views/refresh.sh --full
    (every kept table refilled from scratch): every cache holds the same
    rows in the same order, value for value with SQLite's types (1 and
    1.0 differ), after both; and every wrapper equals its live view;
  * the incremental refresh refilled the kept tables that read the
    changed columns (named here by hand from the view files, not from the
    refresh's own plan) and left alone those that do not read them (an
    UPDATE that changes no value refills nothing);
  * a change that must move a figure did move it (else the comparison
    proves nothing).
"""
import os
import subprocess
import sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import derived  # noqa: E402  (its writable connect)
import run  # noqa: E402
from run import ok  # noqa: E402


def bad(msg, *detail):
    run.bad("incremental refresh: " + msg, *detail)


def connect(db, ext):
    return derived.connect(db, ext, ro=False)


def dump(con, names):
    """Every cache's rows in rowid order (the order the wrapper gives), as
    reprs: Python's sqlite3 keeps the storage class (1 vs 1.0)."""
    return {v: [repr(tuple(r)) for r in con.execute('SELECT * FROM "%s_cache" ORDER BY rowid' % v)]
            for v in names}


def refresh(db, ext, *opts):
    out = subprocess.run(["sh", os.path.join(ROOT, "sql", "views", "refresh.sh")] + list(opts) + [db, ext],
                         stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if out.returncode != 0:
        bad("refresh.sh %s failed (rc %d)" % (" ".join(opts), out.returncode), out.stdout[-500:])
    return out.returncode == 0


def replace_by_rowid(table, where, sets):
    """INSERT OR REPLACE of the rows WHERE picks, by their own rowid, with
    the columns of SETS given its expressions: SQLite deletes each old row
    without a DELETE trigger and the largest rowid does not move."""
    def sql(con):
        cols = [r[1] for r in con.execute('PRAGMA table_info("%s")' % table)]
        vals = ", ".join(sets.get(c, '"%s"' % c) for c in cols)
        return ('INSERT OR REPLACE INTO "%s" (rowid, %s) SELECT rowid, %s FROM "%s" WHERE %s'
                % (table, ", ".join('"%s"' % c for c in cols), vals, table, where))
    return sql


# (label, SQL, kept views that must be refilled, kept views that must not
# be, a kept view whose rows must change).  The sets come from reading the
# view files: account_dimensions takes an account's channel from its
# deals; the ticket, usage, billing and MRR summaries read no deal.
NOT_DEALS = ["service_tickets", "revenue_customer_months", "revenue_retention_customers",
             "revenue_mrr_monthly", "service_monthly", "usage_monthly", "billing_quality_monthly",
             "account_revenue", "account_health"]
# Views that read deals but not their amount (the view files:
# account_dimensions takes a deal's channel and type, opportunity_activity_
# counts only its id, marketing_funnel_counts a lead's deal's dates and
# stage, insight_funnel_stages its stage): a new amount leaves them current.
NOT_AMOUNT = ["account_dimensions", "opportunity_activity_counts", "marketing_funnel_counts", "insight_funnel_stages",
              "opportunity_dimensions"]
CHANGES = [
    ("a tenth of the deals' amounts",
     "UPDATE opportunities SET amount = round(amount * 1.05 + 1, 2) WHERE rowid % 10 = 7 AND amount IS NOT NULL",
     ["forecast_accuracy", "pipeline_stage_conversion", "insight_cards", "marketing_weekly", "rep_performance"],
     NOT_DEALS + NOT_AMOUNT, "forecast_accuracy"),
    ("an UPDATE that changes no value",
     "UPDATE opportunities SET amount = amount, stage = stage WHERE rowid % 10 = 3",
     [], None, None),
    ("a twentieth of the sourced deals' channels",
     "UPDATE opportunities SET channel = CASE channel WHEN 'Paid Search' THEN 'Events' ELSE 'Paid Search' END"
     " WHERE rowid % 20 = 9 AND channel IS NOT NULL",
     ["account_dimensions", "marketing_weekly", "insight_channel_stats", "opportunity_dimensions"],
     ["forecast_accuracy", "forecast_accuracy_by_rep", "opportunity_activity_counts", "marketing_funnel_counts"],
     "marketing_weekly"),
    ("one account's segment",
     "UPDATE accounts SET segment = CASE segment WHEN 'Enterprise' THEN 'SMB' ELSE 'Enterprise' END"
     " WHERE account_id = (SELECT account_id FROM account_health WHERE segment IS NOT NULL ORDER BY arr DESC, account_id LIMIT 1)",
     ["account_dimensions", "service_tickets", "revenue_customer_months", "account_health"],
     ["forecast_accuracy", "forecast_accuracy_by_rep"], "mrr_waterfall_by_segment"),
    ("one subscription's MRR",
     "UPDATE subscriptions SET mrr = mrr + 100 WHERE rowid = (SELECT min(rowid) FROM subscriptions WHERE end_date IS NULL)",
     ["revenue_customer_months", "revenue_mrr_monthly"],
     ["account_dimensions", "service_tickets", "forecast_accuracy", "marketing_weekly"], "revenue_mrr_monthly"),
    ("an activity added",
     "INSERT INTO activities (activity_id, account_id, activity_type, occurred_at)"
     " SELECT 'incremental-1', account_id, 'Call', date((SELECT as_of FROM as_of_date), '-1 day') || ' 10:00:00'"
     " FROM account_health ORDER BY account_id LIMIT 1",
     ["account_health"], ["account_dimensions", "service_tickets", "revenue_customer_months"], None),
    ("activities appended for a rep and a deal",
     "INSERT INTO activities (activity_id, account_id, rep_id, opportunity_id, contact_id, activity_type, occurred_at)"
     " SELECT 'incremental-' || n, o.account_id, CASE n WHEN 3 THEN o.owner_rep_id END, CASE n WHEN 3 THEN o.opportunity_id END,"
     " NULL, CASE n WHEN 3 THEN 'Meeting' ELSE 'Call' END, date((SELECT as_of FROM as_of_date), '-3 day') || ' 11:00:00'"
     " FROM (SELECT * FROM opportunities WHERE owner_rep_id IS NOT NULL ORDER BY opportunity_id LIMIT 1) AS o,"
     " (SELECT 3 AS n UNION ALL SELECT 4)",
     ["coaching_rep_activity", "coaching_deal_contacts", "rep_coaching_metrics"],
     ["account_dimensions", "service_tickets", "revenue_customer_months"], "coaching_rep_activity"),
    ("a payment deleted",
     "DELETE FROM payments WHERE rowid = (SELECT max(rowid) FROM payments)",
     ["billing_accounts"], ["account_dimensions", "service_tickets", "revenue_customer_months", "forecast_accuracy"],
     None),
    ("the latest invoice replaced by its rowid",
     replace_by_rowid("invoices", "rowid = (SELECT max(rowid) FROM invoices)",
                      {"status": "'open'", "amount": "amount + 100"}),
     ["billing_accounts"], ["account_dimensions", "service_tickets", "forecast_accuracy"], "billing_accounts"),
    ("an early subscription replaced by its rowid",
     replace_by_rowid("subscriptions", "rowid = (SELECT min(rowid) FROM subscriptions WHERE end_date IS NULL)",
                      {"mrr": "mrr + 50"}),
     ["revenue_customer_months", "revenue_mrr_monthly"], ["account_dimensions", "forecast_accuracy"],
     "revenue_mrr_monthly"),
    ("an activity inserted below the largest rowid",
     "INSERT INTO activities (rowid, activity_id, account_id, activity_type, occurred_at)"
     " SELECT -5, 'incremental-2', account_id, 'Meeting', date((SELECT as_of FROM as_of_date), '-2 day') || ' 09:00:00'"
     " FROM account_health ORDER BY account_id DESC LIMIT 1",
     ["account_health"], ["account_dimensions", "service_tickets", "revenue_customer_months"], None),
    ("the as-of date a month back",
     "INSERT OR REPLACE INTO settings (key, value) VALUES ('as_of', date((SELECT as_of FROM as_of_date), '-1 month'))",
     ["service_tickets", "account_health", "insight_cards"], ["account_dimensions"], "account_health"),
    ("nothing", None, [], None, None),
]


# Keyed refills (99_derived.sql derived_keyed), by hand: the keys each
# change's new rows carry (derived_status.refill_keys), None where the
# view must be refilled whole.  The first activity has no rep and no deal
# (one key, NULL); the two appended next carry one rep and one deal, and
# NULL (two keys each); the one below the largest rowid is no append.
KEYED = {
    "an activity added": {"coaching_rep_activity": 1, "coaching_deal_contacts": 1},
    "activities appended for a rep and a deal": {"coaching_rep_activity": 2, "coaching_deal_contacts": 2},
    "an activity inserted below the largest rowid": {"coaching_rep_activity": None, "coaching_deal_contacts": None},
}


def main(db, ext):
    con = connect(db, ext)
    names = [r[0] for r in con.execute("SELECT name FROM derived_views ORDER BY position")]
    st = dict(con.execute("SELECT name, is_current FROM derived_status"))
    if names and all(st.get(n) == 1 for n in names):
        ok()
    else:
        bad("not current before the changes", [n for n in names if st.get(n) != 1])
    for label, sql, refilled, untouched, moves in CHANGES:
        before = dump(con, names)
        con.execute("UPDATE derived_tables SET refilled_at = 'before'")
        if sql:
            if callable(sql):
                sql = sql(con)
            n = con.execute(sql).rowcount
            if n > 0:
                ok()
            else:
                bad("%s: changed no row: %s" % (label, sql))
            st = dict(con.execute("SELECT name, is_current FROM derived_status"))
            served = [n for n in refilled if st.get(n) != 0]
            if not served:
                ok()
            else:
                bad("%s: before the refresh, %s still read as current: the old rows would be served" % (label, served))
        if not refresh(db, ext):
            continue
        inc = dump(con, names)
        st = dict(con.execute("SELECT name, is_current FROM derived_status"))
        done = {n for n, at in con.execute("SELECT name, refilled_at FROM derived_tables") if at != "before"}
        stale = [n for n in names if st.get(n) != 1]
        if not stale:
            ok()
        else:
            bad("%s: not current after the incremental refresh: %s" % (label, stale))
        missed = [n for n in refilled if n not in done]
        wrong = [n for n in (untouched if untouched is not None else names) if n in done]
        if not missed and not wrong:
            ok()
        else:
            bad("%s: refilled %s; should have refilled %s and not %s" % (label, sorted(done), missed, wrong))
        for v, n in KEYED.get(label, {}).items():
            got = con.execute("SELECT refilled_at <> 'before', refill_keys FROM derived_tables WHERE name = ?", (v,)).fetchone()
            if got == (1, n):
                ok()
            else:
                bad("%s: %s: (refilled, keys recomputed) %r, should be (1, %r)" % (label, v, got, n))
        if moves:
            if inc[moves] != before[moves]:
                ok()
            else:
                bad("%s: %s did not change: the change proves nothing" % (label, moves))
        if not refresh(db, ext, "--full"):
            continue
        full = dump(con, names)
        for v in names:
            if inc[v] == full[v]:
                ok()
            else:
                diff = next((i for i, (a, b) in enumerate(zip(inc[v], full[v])) if a != b), min(len(inc[v]), len(full[v])))
                bad("%s: %s after the incremental refresh differs from a full refill (%d rows against %d, first at row %d)"
                    % (label, v, len(inc[v]), len(full[v]), diff + 1),
                    "incremental: %s" % inc[v][diff:diff + 1], "full: %s" % full[v][diff:diff + 1])
        # the wrappers read the caches now, and give the live views' rows
        for v in ("account_dimensions", "account_health", "revenue_mrr_monthly", "forecast_accuracy"):
            live = sorted(repr(tuple(r)) for r in con.execute('SELECT * FROM "%s_live"' % v))
            got = sorted(repr(tuple(r)) for r in con.execute('SELECT * FROM "%s"' % v))
            if live and got == live:
                ok()
            else:
                bad("%s: %s differs from %s_live after the refresh" % (label, v, v))
    con.close()


if __name__ == "__main__":
    run.finish(main, sys.argv[1], sys.argv[2], label="incremental refresh")
