"""tests/dirty/run.py EXT [VARIANT...] — dirty data never takes a page down (issue 22).

Builds small databases by hand from sql/schema.sql's constraints (the
files beside this one), installs the views with sql/views/install.sh (the
derived tables refilled, as a user's install does) and, on each:

  * every view, the derived tables' live and refill views included, runs
    to the end (SELECT * of every column) under trusted_schema=OFF;
  * every persona's dashboard (tools/dashboards.py run_persona, as the
    printer and the report run it) has no failing panel, without filters,
    with each filter the data has a value for, with a date window, with
    all of them at once and with the as-of moved;
  * then the figures each database is there for, worked out by hand in the
    comments of FIGURES below (dirty records flagged and counted, left out
    of the averages they would corrupt; SLA without targets; the as-of
    date and its source; figures NULL where their source is missing).

Prints one "FAIL ..." report per failure and, last, "PASSED FAILED".
"""
import os
import resource
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import traceback

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "tools"))
import dashboards  # noqa: E402

sys.path.insert(0, os.path.join(ROOT, "tests", "lib"))
import checks  # noqa: E402

T = checks.Counter()    # the one counter of the Python test scripts


def bad(msg, *detail):
    T.check(False, "dirty: " + msg, *detail)


def check(cond, msg, *detail):
    return T.check(cond, "dirty: " + msg, *detail)


# name: (fixture files after sql/schema.sql, SQL run after them, kind).
# kind "full": every view (the derived tables' live and refill twins
# included) and every persona with every filter set and with the as-of
# moved; "plain": every view and every persona without filters (on "one"
# with the as-of moved too, to before its ticket and invoice); "bound": a
# copy of the database named (its views installed and its derived tables
# filled) with the SQL run on it, which leaves the derived tables out of
# date, so every view reads its live twin, as a user's does between a
# change and the next refresh: every view and every persona without
# filters (moving an as-of at the bounds of the calendar proves nothing
# more); "views": the same copy, every view only.
VARIANTS = {
    "dirty": (["dirty.sql"], "", "full"),
    # orphan-free but empty: the schema's own rows (stages, benchmarks,
    # churn reasons) and nothing else; no as-of date at all
    "empty": ([], "", "plain"),
    # one row in every table
    "one": (["one.sql"], "", "plain"),
    # the as-of date at the bounds the date CHECKs accept
    # (views only: its month series run to year 9999, 95,000 months, and
    # the personas read those views again at 12 CPU seconds; the personas
    # at the bounds run on the two below)
    "dirty_upper": ("dirty", "INSERT INTO settings VALUES ('as_of', '9999-12-31');", "views"),
    "dirty_lower": ("dirty", "INSERT INTO settings VALUES ('as_of', '0000-01-01');", "bound"),
    # a business date at the upper bound: the day after it is no date
    "dirty_no_as_of": ("dirty",
                       "INSERT INTO activities (activity_id, activity_type, occurred_at)"
                       " VALUES ('A-END', 'Note', '9999-12-31 23:59:59');", "bound"),
    "crm_only": (["crm_only.sql"], "", "plain"),
    "marketing_only": (["marketing_only.sql"], "", "plain"),
}


def build(tmp, name, ext):
    files, extra, kind = VARIANTS[name]
    path = os.path.join(tmp, name + ".db")
    if kind in ("bound", "views"):
        # the named database, as built (its variant runs first)
        shutil.copyfile(os.path.join(tmp, files + ".db"), path)
        con = sqlite3.connect(path)
        con.executescript(extra)
        con.commit()
        con.close()
        con = dashboards.open_readonly(path, ext, "dirty")
        stale = con.execute("SELECT total(is_current) FROM derived_status").fetchone()[0]
        con.close()
        check(stale == 0, "%s: the change leaves every derived table out of date" % name, "%d still current" % stale)
        return path
    con = sqlite3.connect(path)
    con.executescript(open(os.path.join(ROOT, "sql", "schema.sql"), encoding="utf-8").read())
    for f in files:
        con.executescript(open(os.path.join(HERE, f), encoding="utf-8").read())
    if extra:
        con.executescript(extra)
    bad_fk = con.execute("PRAGMA foreign_key_check").fetchall()
    con.commit()
    con.close()
    check(not bad_fk, "%s: the fixture has rows that point at nothing" % name, repr(bad_fk[:3]))
    out = subprocess.run(["sh", os.path.join(ROOT, "sql", "views", "install.sh"), path, ext],
                         capture_output=True, text=True, cwd=ROOT)
    # the views are installed before the derived tables are refilled: a
    # failed refill is a failure, and the views are still tried
    check(out.returncode == 0, "%s: sql/views/install.sh failed (the derived tables refill every kept view)" % name,
          *(out.stdout + out.stderr).strip().splitlines()[-5:])
    return path


def run_views(name, path, ext, twins):
    con = dashboards.open_readonly(path, ext, "dirty")
    failed = []
    views = [r[0] for r in con.execute("SELECT name FROM sqlite_schema WHERE type = 'view' ORDER BY name")]
    if not twins:
        views = [v for v in views if not v.endswith(("_refill", "_live", "_cached"))]
    for v in views:
        try:
            con.execute('SELECT * FROM "%s"' % v).fetchall()
        except sqlite3.Error as e:
            failed.append("view %s: %s" % (v, e))
    check(not failed, "%s: %d of %d views raise an error" % (name, len(failed), len(views)), *failed)
    con.close()


def filter_sets(con):
    """Each shared filter alone with a value the data has, a date window,
    all of them at once, and the as-of date moved a month back."""
    first = lambda sql: (con.execute(sql).fetchone() or [None])[0]
    seg = first("SELECT min(segment) FROM accounts")
    reg = first("SELECT min(region) FROM accounts")
    chan = first("SELECT min(channel) FROM (%s)" % dashboards._FILTER_VALUES["channel"])
    as_of = first("SELECT as_of FROM as_of_date")
    sets = [{}]
    for k, v in (("segment", seg), ("region", reg), ("channel", chan)):
        if v is not None:
            sets.append({k: v})
    sets.append({"start_date": "2025-01-01", "end_date": "2026-12-31"})
    sets.append(dict(sets[-1], **{k: v for k, v in (("segment", seg), ("region", reg), ("channel", chan)) if v}))
    moved = first("SELECT date(?, '-1 month')", ) if False else None
    if as_of and dashboards._is_date(as_of):
        moved = first("SELECT date('%s', '-1 month')" % as_of)
    sets.append({"as_of": moved if moved and dashboards._is_date(moved) else "2025-06-30"})
    return sets


# A persona's dashboard on these few rows takes well under a second of
# CPU; one that takes longer than this is a query that grows with the
# square of a date span (a month series from year 0) and fails.
DEADLINE = 20.0


def run_personas(name, path, ext, queries, kind):
    con = dashboards.open_readonly(path, ext, "dirty")
    sets = filter_sets(con)
    con.close()
    if kind == "plain" and name == "one":
        sets = [sets[0], sets[-1]]     # the as-of moved before its ticket and invoice
    elif kind in ("plain", "bound"):
        sets = [sets[0]]
    personas = sorted({q.persona for q in queries})
    for values in sets:
        con = dashboards.connect(path, ext, "dirty", as_of=values.get("as_of"))
        deadline = [0]
        con.set_progress_handler(lambda: 1 if time.process_time() > deadline[0] else 0, 10000)
        failed = []
        for persona in personas:
            # a query that takes none of the set filters answers as it did
            # without them: only the others run again (the as-of reaches all)
            mine = [q for q in queries if q.persona == persona
                    and (not values or "as_of" in values or set(values) & set(q.params()))]
            deadline[0] = time.process_time() + DEADLINE
            try:
                d = dashboards.run_persona(con, persona, values, queries=mine)
            except (sqlite3.Error, dashboards.FilterError) as e:
                failed.append("%s: %s" % (persona, e))
                continue
            failed += ["%s.%s: %s" % (persona, p["name"], p["error"]) for p in d["panels"] if p["error"]]
        con.close()
        check(not failed, "%s: dashboard panels fail with filters %s" % (name, values or "none"), *failed[:12])


def cpu():
    """CPU seconds of this process and the shells it ran (REVOPS_DIRTY_TIMES)."""
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def main(ext, only=None):
    queries = dashboards.load(os.path.join(ROOT, "sql", "dashboards"))
    tmp = tempfile.mkdtemp(prefix="revops-dirty-")
    try:
        # a bound variant needs the database it copies
        want = set(only or VARIANTS) | {VARIANTS[n][0] for n in only or () if VARIANTS[n][2] in ("bound", "views")}
        for name, (files, _, kind) in VARIANTS.items():
            if name not in want:
                continue
            t0 = cpu()
            path = build(tmp, name, ext)
            t1 = cpu()
            run_views(name, path, ext, kind == "full")
            t2 = cpu()
            if kind != "views":
                run_personas(name, path, ext, queries, kind)
            if os.environ.get("REVOPS_DIRTY_TIMES"):
                sys.stderr.write("%s: CPU s: build %.1f views %.1f personas %.1f\n" % (name, t1 - t0, t2 - t1, cpu() - t2))
            for fn in FIGURES.get(name, ()):
                con = dashboards.open_readonly(path, ext, "dirty")
                try:
                    fn(con)
                finally:
                    con.close()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def one_row(con, sql, *args):
    return con.execute(sql, args).fetchone()


def panel(con, persona, name, values=None):
    """(columns, rows) of one dashboard query, as run_persona runs it."""
    q = [x for x in dashboards.persona_queries(persona) if x.name == name]
    if not q:
        bad("%s.%s is not a query" % (persona, name))
        return [], []
    return dashboards.run(con, q[0], values)


def near(a, b):
    return a is not None and b is not None and abs(a - b) <= 1e-6 * max(1.0, abs(b))


def dirty_figures(con):
    # as-of: the latest business date is activity A-LAST, 2026-02-27
    # 10:00 (the leads end 2026-02-01, snapshots 2026-02-23, tickets
    # 2026-02-20, payments 2026-02-02, surveys 2026-02-05, created dates
    # 2026-02-01, closed deals 2025-10-01), so 2026-02-28
    got = one_row(con, "SELECT as_of, source, latest_date FROM as_of_date")
    check(got == ("2026-02-28", "activities.occurred_at", "2026-02-27"), "dirty: as_of_date", "got %r" % (got,))
    # closed in (2025-02-28, 2026-02-28]: O-WON (won, 61 days), O-MIGRATED
    # (won 2025-03-05, created 2026-01-10: -311 days, left out), O-LOST;
    # open: O-BLANK, O-ZERO, O-SURE, O-OLDCLOSE.  win rate 2/3, average
    # won deal (50000 + 20000) / 2 = 35000, cycle 61 (not (61 - 311) / 2 =
    # -125, which sales_velocity() refuses), velocity 4 x 2/3 x 35000 / 61
    # = 1530.05 a day.
    got = one_row(con, "SELECT open_deals, win_rate, avg_won_deal, avg_cycle_days, velocity_per_day FROM pipeline_summary")
    check(got[0] == 4 and near(got[1], 2 / 3) and near(got[2], 35000) and near(got[3], 61) and near(got[4], 1530.05),
          "dirty: pipeline_summary leaves the deal closed before it was created out of the cycle", "got %r" % (got,))
    got = one_row(con, "SELECT cycle_days, date_issue FROM pipeline_deals WHERE opportunity_id = 'O-MIGRATED'")
    check(got == (None, "Closed before created"), "dirty: O-MIGRATED has no cycle and is flagged", "got %r" % (got,))
    # every record with two dates that cannot both be true, once
    want = {("campaigns", "K-BACK", "Ends before it starts"),
            ("installed_products", "I-BACK", "Support ends before installation"),
            ("leads", "L-BACK", "MQL before created"),
            ("opportunities", "O-ANCIENT", "Closed before created"),
            ("opportunities", "O-MIGRATED", "Closed before created"),
            ("opportunity_stage_history", "O-MIGRATED Discovery", "Left its stage before entering it"),
            ("payments", "PAY-EARLY", "Paid before invoiced"),
            ("reps", "R-AE2", "Left before hired"),
            ("subscriptions", "S-BACK", "Ends before it starts"),
            ("support_tickets", "T-BACK", "Resolved before opened")}
    got = con.execute("SELECT table_name, record_id, issue FROM data_quality_issues").fetchall()
    check(sorted(got) == sorted(want), "dirty: data_quality_issues lists each impossible record once",
          "missing %r" % sorted(want - set(got)), "extra %r" % sorted(set(got) - want))
    cols, rows = panel(con, "operations", "data_quality")
    check(cols and sum(r[cols.index("records")] for r in rows) == 10,
          "dirty: the operations dashboard counts the 10 records", "got %r" % rows)
    # tickets opened before the as-of date: T-MET (both met), T-MISSED
    # (resolved in 48 h against 24: missed), T-ANCIENT (answered at once
    # against 0.5 h, no resolution target: met), T-NOTARGET and T-OPEN (no
    # target: neither), T-BACK (resolved and answered before opened: no
    # time, undecided).  Compliance 2 of 3 decided; 2 without a target;
    # resolution 10, 48 and 4 hours: 62 / 3; response 1, 1, 2 and 0: 1.
    cols, rows = panel(con, "operations", "operations_kpis")
    got = dict(zip(cols, rows[0])) if rows else {}
    check(near(got.get("sla_compliance"), 2 / 3) and got.get("sla_no_target") == 2
          and got.get("tickets_with_impossible_times") == 1 and got.get("total_tickets") == 6
          and near(got.get("avg_resolution_hours"), 62 / 3) and near(got.get("avg_response_hours"), 1.0),
          "dirty: operations_kpis: SLA over tickets with targets, the rest counted apart", "got %r" % got)
    got = one_row(con, "SELECT group_concat(ticket_id || '=' || coalesce(sla_met, '-'), ' ') FROM"
                       " (SELECT * FROM service_ticket_sla ORDER BY ticket_id)")
    check(got == ("T-ANCIENT=1 T-BACK=- T-MET=1 T-MISSED=0 T-NOTARGET=- T-OPEN=-",),
          "dirty: sla_met: a ticket without a target is neither met nor missed", "got %r" % (got,))
    # stage delays: Proposal left by O-WON after 51 days; Discovery by O-WON
    # (10 days) and O-LOST (from 0000-01-01: long, but possible), not by
    # O-MIGRATED (left 20 days before it entered)
    cols, rows = panel(con, "operations", "stage_delays")
    by = {r[0]: dict(zip(cols, r)) for r in rows}
    check(by.get("Proposal", {}).get("deals") == 1 and near(by.get("Proposal", {}).get("avg_days"), 51.0)
          and by.get("Discovery", {}).get("deals") == 2,
          "dirty: stage_delays leaves the stage left before it was entered out", "got %r" % by)


def crm_only_figures(con):
    # the latest business date is a created date (O-C3 and O-C4, loaded
    # 2018-11-20): as of 2018-11-21, not today or nothing
    got = one_row(con, "SELECT as_of, source, latest_date FROM as_of_date")
    check(got == ("2018-11-21", "opportunities.created_date", "2018-11-20"), "crm_only: as_of_date", "got %r" % (got,))
    # closed in (2017-11-21, 2018-11-21]: O-C1 (won, 40 days), O-C2 (won,
    # 100 days), O-C4 (won 2018-07-01, created 2018-11-20: -142 days, left
    # out), O-C5 (lost); O-C3 closed 2016: outside.  win rate 3/4, average
    # won (10000 + 30000 + 8000) / 3 = 16000, cycle (40 + 100) / 2 = 70,
    # velocity 1 open x 0.75 x 16000 / 70 = 171.43 a day
    got = one_row(con, "SELECT open_deals, win_rate, avg_won_deal, avg_cycle_days, velocity_per_day FROM pipeline_summary")
    check(got[0] == 1 and near(got[1], 0.75) and near(got[2], 16000) and near(got[3], 70) and near(got[4], 171.43),
          "crm_only: trailing 12 months of 2018, not empty", "got %r" % (got,))
    # the open deal's age: 2018-11-21 - 2018-09-01 = 81 days, in its stage
    # since 2018-10-01: 51 days (not nine years)
    got = one_row(con, "SELECT age_days, days_in_stage FROM pipeline_deals WHERE opportunity_id = 'O-C6'")
    check(got == (81.0, 51.0), "crm_only: ages counted from the data's own as-of", "got %r" % (got,))
    got = one_row(con, "SELECT count(*) FROM data_quality_issues WHERE issue = 'Closed before created'")
    check(got == (2,), "crm_only: the two migrated deals are flagged", "got %r" % (got,))
    cols, rows = panel(con, "sales", "sales_kpis")
    got = dict(zip(cols, rows[0])) if rows else {}
    check(near(got.get("avg_sales_cycle_days"), 70.0), "crm_only: sales_kpis average cycle of won deals (40, 100)", "got %r" % got)
    # no spend loaded: spend, CAC and ROI are empty, not 0 and -100 %; the
    # one won deal with a source (O-C1, 10000 on 2018-02-19) still counts
    cols, rows = panel(con, "marketing", "marketing_kpis")
    got = dict(zip(cols, rows[0])) if rows else {}
    check(got.get("spend") is None and got.get("won_deals") == 1 and near(got.get("won_amount"), 10000)
          and got.get("cac") is None and got.get("roi") is None,
          "crm_only: marketing_kpis: no spend loaded is no spend, CAC or ROI", "got %r" % got)


def marketing_only_figures(con):
    # the latest business date is L-M3's MQL date, 2018-06-12
    got = one_row(con, "SELECT as_of, source, latest_date FROM as_of_date")
    check(got == ("2018-06-13", "leads.mql_date", "2018-06-12"), "marketing_only: as_of_date", "got %r" % (got,))
    # spend 1000 + 500 + 2500 = 4000 and no opportunity loaded: the won
    # amount, CAC and ROI are empty ("no revenue loaded"), not 0 and -100 %
    cols, rows = panel(con, "marketing", "marketing_kpis")
    got = dict(zip(cols, rows[0])) if rows else {}
    check(near(got.get("spend"), 4000) and got.get("leads") == 3 and got.get("won_amount") is None
          and got.get("cac") is None and got.get("roi") is None,
          "marketing_only: marketing_kpis: no revenue loaded is no won amount, CAC or ROI", "got %r" % got)
    cols, rows = panel(con, "marketing", "channel_spend_roi")
    got = sorted((r[cols.index("channel")], r[cols.index("spend")], r[cols.index("roi")]) for r in rows)
    check(got == [("Events", 2500.0, None), ("Paid Search", 1500.0, None)],
          "marketing_only: channel_spend_roi: spend by channel, no ROI", "got %r" % got)


FIGURES = {"dirty": [dirty_figures], "crm_only": [crm_only_figures], "marketing_only": [marketing_only_figures]}


if __name__ == "__main__":
    try:
        main(sys.argv[1], sys.argv[2:])
    except Exception as e:  # noqa: BLE001 - a crash is a failure, never a silent pass
        bad("crashed: %r" % e, *traceback.format_exc().splitlines()[-4:])
    print("%d %d" % (T.passed, T.failed))
