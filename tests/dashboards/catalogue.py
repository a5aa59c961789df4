"""tests/dashboards/catalogue.py DB EXT — the metric catalogue and the
dashboard structure (issue 21; issue 26's window convention).

Run by tests/run.sh (layer "dashboards") on the demo database with the
views installed.  Prints one "FAIL ..." report per failure and, last,
"PASSED FAILED".

  * the catalogue: the installed revops_metrics equals its file, every
    field filled, units and directions from the documented lists, one
    label per id, every source view exists and has its column;
  * completeness: every numeric column of every panel of every persona is
    a metric (`-- metrics:`) or a dimension (`-- dimensions:`), every id
    exists, every id of the catalogue is shown by a panel;
  * docs/metrics.md is what the catalogue generates;
  * agreement: every persona with no filter, a segment, a region and a
    date range: one-row panels showing the same metric (with the same
    filters ignored) show the same value, to the cent or 1e-9; grouped
    panels whose column is `-- additive:` add up to that figure;
  * filters: a value in another case is matched, an unknown one refused
    naming the filter, the value as typed and the valid values; a panel
    that ignores a filter names it, and the printer says so;
  * a failing panel: the others still print, JSON carries the error, the
    exit status is 1 with the count;
  * as_of reaches every panel (a moved as-of is the views' as-of) and
    nothing is written;
  * partial periods: every time series has is_partial; at a quarter
    boundary (hand-made fixture) the quarter to date, the prior quarter's
    same days and the partial flag are what the calendar says;
  * no view or dashboard reads the machine's clock;
  * the corrected figures on a fixture with values worked out by hand:
    attainment counts the deal type the quota covers, open disputes are
    the ones still owed, the credit-hold card and list, a negative burn
    multiple has no "Elite" band.
"""
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(ROOT, "tools"))
import run  # noqa: E402  (its counters, finish and close_enough)
import dashboards  # noqa: E402

PRINTER = os.path.join(ROOT, "tools", "print_dashboard.py")
FIELDS = ("label", "description", "formula", "kind", "source_view", "unit", "format", "window",
          "grain", "filters", "direction")


bad, check = run.checker("catalogue: ")


def printed(db, ext, *args, directory=None):
    cmd = [sys.executable, PRINTER, db] + list(args) + ["--ext", ext]
    if directory:
        cmd += ["--dir", directory]
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    return p.returncode, p.stdout, p.stderr


def same(a, b):
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return abs(a - b) <= 0.005 + 1e-9 * max(abs(a), abs(b))
    return a == b


# ------------------------------------------------------------ the catalogue
def check_catalogue(con):
    cat = dashboards.catalogue(con)
    check(cat == dashboards.catalogue_from_file(), "the installed revops_metrics differs from sql/views/01_metrics.sql")
    check(len(cat) >= 300, "the catalogue has %d metrics" % len(cat))
    labels = {}
    for mid, m in cat.items():
        labels.setdefault(m["label"], []).append(mid)
    twice = {l: ids for l, ids in labels.items() if len(ids) > 1}
    check(not twice, "labels standing for two metrics", *["%s: %s" % kv for kv in sorted(twice.items())[:5]])
    objects = {r[0] for r in con.execute("SELECT name FROM sqlite_schema WHERE type IN ('table', 'view')")}
    problems = []
    for mid, m in sorted(cat.items()):
        if not re.fullmatch(r"[a-z][a-z0-9_]*", mid):
            problems.append("%s: id is not snake_case" % mid)
        empty = [f for f in FIELDS if not m[f]]
        if empty:
            problems.append("%s: empty %s" % (mid, ", ".join(empty)))
        if m["unit"] not in dashboards.UNITS:
            problems.append("%s: unit %r" % (mid, m["unit"]))
        if m["direction"] not in ("higher is better", "lower is better", "neutral"):
            problems.append("%s: direction %r" % (mid, m["direction"]))
        if m["kind"] not in ("simple", "ratio", "derived", "balance"):
            problems.append("%s: kind %r" % (mid, m["kind"]))
        if not str(m["format"]).isdigit():
            problems.append("%s: format %r is not a number of decimals" % (mid, m["format"]))
        src = m["source_view"]
        if src and "/" not in src and src not in objects:
            problems.append("%s: source %s is no table or view" % (mid, src))
        elif src in objects and m["value_column"]:
            cols = [d[0] for d in con.execute('SELECT * FROM "%s" LIMIT 0' % src).description]
            if m["value_column"] not in cols:
                problems.append("%s: %s has no column %s" % (mid, src, m["value_column"]))
    check(not problems, "catalogue rows: %d problems" % len(problems), *problems[:8])
    return cat


def run_all(con, values, queries):
    out = {}
    for p in sorted({q.persona for q in queries}):
        out[p] = dashboards.run_persona(con, p, values, queries=[q for q in queries if q.persona == p])
    return out


def check_completeness(cat, runs, queries):
    byq = {(q.persona, q.name): q for q in queries}
    used, problems = set(), []
    for p, d in runs.items():
        for pan in d["panels"]:
            q = byq[(p, pan["name"])]
            if pan["error"]:
                problems.append("%s.%s failed: %s" % (p, pan["name"], pan["error"]))
                continue
            for col, mid in q.metrics.items():
                used.add(mid)
                if col not in pan["columns"]:
                    problems.append("%s.%s: -- metrics: names %s, not a column" % (p, pan["name"], col))
                if mid not in cat:
                    problems.append("%s.%s: %s=%s is not in revops_metrics" % (p, pan["name"], col, mid))
            for i, col in enumerate(pan["columns"]):
                numeric = any(isinstance(r[i], (int, float)) and not isinstance(r[i], bool) for r in pan["rows"])
                if numeric and col not in q.metrics and col not in q.dimensions:
                    problems.append("%s.%s: numeric column %s is neither a metric nor a dimension" % (p, pan["name"], col))
            if set(q.metrics) & set(q.dimensions):
                problems.append("%s.%s: both metric and dimension: %s" % (p, pan["name"], set(q.metrics) & set(q.dimensions)))
    # the figures of insight cards and alerts (revops_card_metrics; their
    # data -> metrics agreement is tests/insights/test_insights.py's)
    card = dashboards.card_metrics_from_file()
    twice = sorted({r[:3] for r in card if sum(1 for x in card if x[:3] == r[:3]) > 1})
    if twice:
        problems.append("revops_card_metrics: a key named twice: %s" % twice[:3])
    for source, rule, key, mid in card:
        used.add(mid)
        if mid not in cat:
            problems.append("revops_card_metrics: %s %s.%s=%s is not in revops_metrics" % (source, rule, key, mid))
    check(not problems, "completeness: %d problems" % len(problems), *problems[:8])
    unused = sorted(set(cat) - used)
    check(not unused, "metrics no panel shows: %s" % ", ".join(unused[:10]))
    check(len(used) == len(set(cat)), "every catalogue id is used (%d of %d)" % (len(used), len(cat)))


def check_doc():
    want = dashboards.metrics_markdown()
    have = open(dashboards.METRICS_DOC, encoding="utf-8").read() if os.path.exists(dashboards.METRICS_DOC) else ""
    check(have == want, "docs/metrics.md differs from the catalogue (run make regen)")


# ------------------------------------------------------------ agreement
def check_agreement(runs, queries, label):
    byq = {(q.persona, q.name): q for q in queries}
    one, compared = {}, 0
    for p, d in runs.items():
        for pan in d["panels"]:
            if pan["error"] or len(pan["rows"]) != 1:
                continue
            for col, mid in pan["metrics"].items():
                key = (mid, tuple(pan["filters_ignored"]))
                one.setdefault(key, []).append(("%s.%s.%s" % (p, pan["name"], col), pan["rows"][0][pan["columns"].index(col)]))
    for key, vals in sorted(one.items()):
        if len(vals) < 2:
            continue
        compared += 1
        first = vals[0][1]
        check(all(same(v, first) for _, v in vals), "%s: metric %s differs between panels" % (label, key[0]),
              *["%s = %r" % x for x in vals])
    # grouped panels add up to the one-row figure (additive columns)
    sums = 0
    for p, d in runs.items():
        for pan in d["panels"]:
            q = byq[(p, pan["name"])]
            # a series over periods is not summed against one period's
            # figure; stacked groupings (a dimension column) sum per group
            if pan["error"] or len(pan["rows"]) < 2 or "is_partial" in pan["columns"]:
                continue
            gcol = next((c for c in ("dimension", "factor") if c in pan["columns"]), None)
            for col in q.additive:
                mid = q.metrics.get(col)
                key = (mid, tuple(pan["filters_ignored"]))
                if mid is None or key not in one or col not in pan["columns"]:
                    continue
                i = pan["columns"].index(col)
                groups = {}
                for r in pan["rows"]:
                    g = r[pan["columns"].index(gcol)] if gcol else None
                    groups[g] = groups.get(g, 0) + (r[i] or 0)
                want = one[key][0][1] or 0
                for g, total in sorted(groups.items(), key=str):
                    sums += 1
                    check(abs(total - want) <= 0.005 * (len(pan["rows"]) + 1) + 1e-9 * abs(want),
                          "%s: %s.%s.%s rows%s add up to %r, %s shows %r" % (
                              label, p, pan["name"], col, " of %s %s" % (gcol, g) if gcol else "", total, one[key][0][0], want))
    check(compared >= 10 and sums >= 5, "%s: only %d metrics shown twice and %d sums compared" % (label, compared, sums))


# ------------------------------------------------------------ filters
def check_filters(db, ext, con, queries):
    f = dashboards.apply_filters(con, {"segment": "smb", "region": "emea", "channel": "paid search"})
    check((f["segment"], f["region"], f["channel"]) == ("SMB", "EMEA", "Paid Search"),
          "values in another case are matched to the data's: %r" % ((f["segment"], f["region"], f["channel"]),))
    for values, parts in [({"region": "Europe"}, ["region", "'Europe'", "APAC", "EMEA", "LATAM", "North America"]),
                          ({"segment": "Small"}, ["segment", "'Small'", "Enterprise", "Mid-Market", "SMB"]),
                          ({"channel": "TV"}, ["channel", "'TV'", "Paid Search"]),
                          ({"start_date": "2025-13-01"}, ["start_date", "'2025-13-01'", "YYYY-MM-DD"]),
                          ({"start_date": "2025-06-01", "end_date": "2025-01-01"}, ["start_date", "after end_date"])]:
        try:
            dashboards.run_persona(con, "sales", values)
            bad("unknown filter %r was not refused" % values)
        except dashboards.FilterError as e:
            check(all(x in str(e) for x in parts), "the error for %r names %s: %s" % (values, parts, e))
    rc, out, err = printed(db, ext, "marketing", "--region", "Europe")
    check(rc != 0 and not out and "no region 'Europe'" in err and "North America" in err,
          "print_dashboard --region Europe: exit %d" % rc, err[-300:])
    # a panel that ignores a filter names it; one that takes it does not
    d = dashboards.run_persona(con, "finance", {"segment": "SMB"})
    pans = {p["name"]: p for p in d["panels"]}
    check(pans["revops_dashboard"]["filters_ignored"] == ["segment"], "finance.revops_dashboard ignores segment: %r"
          % pans["revops_dashboard"]["filters_ignored"])
    check(pans["mrr_by_segment"]["filters_ignored"] == [], "finance.mrr_by_segment takes segment")
    rc, out, err = printed(db, ext, "finance", "--segment", "SMB")
    sec = out.split("== revops_dashboard\n", 1)[-1].split("\n== ", 1)[0]
    check(rc == 0 and "(this panel ignores the filter segment)" in sec, "the printer says revops_dashboard ignores segment", sec[:300])
    sec = out.split("== mrr_by_segment\n", 1)[-1].split("\n== ", 1)[0]
    check("ignores" not in sec, "the printer says nothing of ignored filters on mrr_by_segment")


def check_failing_panel(db, ext):
    tmp = tempfile.mkdtemp()
    try:
        src = open(os.path.join(ROOT, "sql", "dashboards", "sales.sql"), encoding="utf-8").read()
        broken = src.replace("-- name: customer_pipeline\n",
                             "-- name: broken\n-- question: a panel whose SQL fails\nSELECT no_such_column FROM pipeline_deals;\n\n"
                             "-- name: customer_pipeline\n", 1)
        with open(os.path.join(tmp, "sales.sql"), "w", encoding="utf-8") as f:
            f.write(broken)
        n = len(dashboards.parse_file(os.path.join(tmp, "sales.sql")))
        rc, out, err = printed(db, ext, "sales", directory=tmp)
        sec = out.split("== broken\n", 1)[-1].split("\n== ", 1)[0]
        check(rc == 1 and "== customer_pipeline" in out and "== next_best_actions" in out and "ERROR:" in sec
              and "no such column: no_such_column" in sec and "1 of %d panels failed" % n in err,
              "a failing panel: the others print, the error shows, exit 1 with the count", "exit %d" % rc, sec[:200], err[-200:])
        rc, out, err = printed(db, ext, "sales", "--format", "json", directory=tmp)
        d = json.loads(out)
        errs = [p["name"] for p in d["panels"] if p["error"]]
        check(rc == 1 and errs == ["broken"] and d["failures"] == 1 and len(d["panels"]) == n
              and all(p["rows"] for p in d["panels"] if p["name"] != "broken"),
              "JSON: the failing panel carries its error, the others their rows", errs)
        check(set(d) >= {"persona", "as_of", "filters", "panels"} and
              set(d["panels"][0]) >= {"name", "columns", "rows", "metrics", "filters_ignored", "error"},
              "the JSON structure has its documented keys: %s / %s" % (sorted(d), sorted(d["panels"][0])))
    finally:
        shutil.rmtree(tmp)


def check_as_of(db, ext):
    con = dashboards.connect(db, ext)
    base = dashboards.as_of_of(con)
    settings = con.execute("SELECT key, value FROM settings ORDER BY key").fetchall()
    con.close()
    moved = str(sqlite3.connect(":memory:").execute("SELECT date(?, '-1 month')", (base,)).fetchone()[0])
    con = dashboards.connect(db, ext, as_of=moved)
    d = dashboards.run_persona(con, "finance", {"as_of": moved})
    pans = {p["name"]: p for p in d["panels"]}
    r = pans["revops_dashboard"]
    check(d["as_of"] == moved and r["rows"][0][r["columns"].index("as_of")] == moved,
          "a moved as_of is the views' as-of (economics_dashboard.as_of %r, wanted %r)"
          % (r["rows"][0][r["columns"].index("as_of")], moved))
    check(all(p["filters_ignored"] == [] for p in d["panels"]), "no panel ignores as_of")
    d2 = dashboards.run_persona(con, "sales", {"as_of": moved})
    q = {p["name"]: p for p in d2["panels"]}["revenue_this_quarter"]
    want_q = "%s-Q%d" % (moved[:4], (int(moved[5:7]) + 2) // 3)
    check(q["rows"][0][0] == want_q, "sales.revenue_this_quarter is the quarter of the moved as-of: %r" % q["rows"][0][0])
    con.close()
    con = dashboards.connect(db, ext)
    check(con.execute("SELECT key, value FROM settings ORDER BY key").fetchall() == settings
          and dashboards.as_of_of(con) == base, "running with another as_of writes nothing")
    try:
        dashboards.run_persona(con, "sales", {"as_of": moved})
        bad("a read-only connection with another as_of was not refused")
    except dashboards.FilterError as e:
        check("as_of" in str(e) and moved in str(e), "read-only connection and another as_of: %s" % e)
    con.close()


# ------------------------------------------------------------ time series
# Series that end with the last complete period by construction: no row
# can hold the as-of date (each says why in its question).
COMPLETE_ONLY = {("cro", "forecast_accuracy_quarters"), ("vp_sales", "forecast_accuracy_by_rep"),
                 ("board", "tier1_board_metrics"), ("finance", "retention_trend"),
                 ("customer_success", "adoption_trend"), ("finance", "cohort_retention"),
                 ("account_management", "growth_potential")}


def check_series(queries):
    missing = []
    for q in queries:
        x = q.meta.get("x", "")
        first = re.search(r"SELECT\s+(?:[a-z]\.)?([a-z_]+)", q.sql.split("\nSELECT", 1)[-1] if "\nSELECT" in q.sql else q.sql)
        period = x if x in ("week", "month", "quarter", "year") else (
            first.group(1) if first and first.group(1) in ("week", "month", "quarter", "year") else None)
        if period is None or q.chart == "kpi" or (q.persona, q.name) in COMPLETE_ONLY:
            continue
        if "is_partial" not in q.dimensions:
            missing.append("%s.%s (%s)" % (q.persona, q.name, period))
    check(not missing, "time series without is_partial: %s" % ", ".join(missing))


CLOCK = re.compile(r"'now'|\bcurrent_(date|time|timestamp)\b|'localtime'|'utc'|"
                   r"\b(date|time|datetime|julianday|unixepoch)\(\s*\)|\bstrftime\(\s*'[^']*'\s*\)", re.I)


def check_no_clock():
    files = [os.path.join(ROOT, "sql", "dashboards", f) for f in sorted(os.listdir(os.path.join(ROOT, "sql", "dashboards")))
             if f.endswith(".sql")]
    files += [os.path.join(ROOT, "sql", "views", f) for f in sorted(os.listdir(os.path.join(ROOT, "sql", "views")))
              if f.endswith(".sql")]
    hits = []
    for path in files:
        text = re.sub(r"--[^\n]*", "", open(path, encoding="utf-8").read())
        for m in CLOCK.finditer(text):
            line = text[:m.start()].count("\n") + 1
            # 'now' as a label in a VALUES list (80_insights.sql: the point
            # 'now' against the point 'before') is data, not a clock read
            ctx = text[max(0, m.start() - 30):m.end() + 20]
            if m.group(0).lower() == "'now'" and not re.search(r"\b(date|time|datetime|julianday|strftime|unixepoch)\s*\([^)]*'now'", ctx, re.I):
                continue
            hits.append("%s:%d: %s" % (os.path.relpath(path, ROOT), line, m.group(0)))
    check(not hits, "clock reads in sql/: %s" % "; ".join(hits[:5]))
    # the check itself finds one
    check(CLOCK.search("SELECT date('now')") and CLOCK.search("select current_date") and CLOCK.search("julianday()"),
          "the clock pattern finds date('now'), current_date and julianday()")


# ------------------------------------------------------------ fixture
def fixture(ext, as_of, rows):
    """A database with the schema, the views (and the derived tables'
    SQL, unfilled: every kept view computes from the data) and rows."""
    con = sqlite3.connect(":memory:", isolation_level=None)
    con.enable_load_extension(True)
    con.load_extension(ext)
    con.executescript(open(os.path.join(ROOT, "sql", "schema.sql"), encoding="utf-8").read())
    con.executescript(rows)
    con.execute("INSERT OR REPLACE INTO settings VALUES ('as_of', ?)", (as_of,))
    run.install_views(con)
    return con


ROWS = """
INSERT INTO reps (rep_id, name, role, segment, region, hire_date) VALUES
  ('R1', 'Ada AE', 'AE', 'Enterprise', 'EMEA', '2024-01-01'),
  ('R2', 'Bo AE', 'AE', 'SMB', 'EMEA', '2024-01-01');
INSERT INTO quotas (rep_id, period_start, period_end, quota_type, amount) VALUES
  ('R1', '2026-01-01', '2026-04-01', 'new_arr', 100000),
  ('R2', '2026-01-01', '2026-04-01', 'new_arr', 40000);
INSERT INTO accounts (account_id, name, segment, region, credit_hold, payment_terms_days) VALUES
  ('A1', 'Hold Owing', 'Enterprise', 'EMEA', 1, 30),
  ('A2', 'Hold Paid Up', 'Enterprise', 'EMEA', 1, 30),
  ('A3', 'Small Co', 'SMB', 'EMEA', 0, 30);
INSERT INTO opportunities (opportunity_id, account_id, name, owner_rep_id, opportunity_type, stage, amount,
                           created_date, close_date, stage_entered_date) VALUES
  ('O1', 'A1', 'new', 'R1', 'New Business', 'Closed Won', 30000, '2025-11-01', '2026-01-20', '2026-01-20'),
  ('O2', 'A1', 'expansion', 'R1', 'Expansion', 'Closed Won', 20000, '2025-11-01', '2026-02-01', '2026-02-01'),
  ('O3', 'A1', 'renewal', 'R1', 'Renewal', 'Closed Won', 10000, '2025-11-01', '2026-02-10', '2026-02-10'),
  ('O4', 'A2', 'new, prior quarter', 'R1', 'New Business', 'Closed Won', 7000, '2025-10-01', '2025-12-31', '2025-12-31'),
  ('O5', 'A2', 'new, first day', 'R1', 'New Business', 'Closed Won', 1234, '2025-10-01', '2026-01-01', '2026-01-01'),
  ('O6', 'A3', 'small new', 'R2', 'New Business', 'Closed Won', 4000, '2025-10-01', '2026-03-05', '2026-03-05'),
  ('O7', 'A3', 'open', 'R2', 'New Business', 'Proposal', 9000, '2026-01-05', '2026-04-20', '2026-01-05');
INSERT INTO invoices (invoice_id, account_id, invoice_date, due_date, amount, status, disputed, dispute_reason) VALUES
  ('I1', 'A1', '2026-01-05', '2026-02-04', 1000, 'open', 1, 'Seats'),
  ('I2', 'A2', '2026-01-05', '2026-02-04', 500, 'paid', 1, 'Seats'),
  ('I3', 'A2', '2026-02-01', '2026-03-03', 200, 'paid', 0, NULL);
INSERT INTO payments (payment_id, invoice_id, paid_date, amount) VALUES
  ('P2', 'I2', '2026-01-20', 500), ('P3', 'I3', '2026-02-10', 200);
"""


def panel(d, name):
    return {p["name"]: p for p in d["panels"]}[name]


def value(p, col, row=0):
    return p["rows"][row][p["columns"].index(col)]


def check_fixture(ext):
    con = fixture(ext, "2026-03-31", ROWS)
    # Attainment (issue 21): the new-business quota against new business
    # won.  Enterprise quarter to date 2026-01-01..2026-03-31: O1 30,000
    # and O5 1,234 are new business (O2 expansion, O3 renewal are not, O4
    # closed in the prior quarter): 31,234 / 100,000 = 0.31234.  SMB: O6
    # 4,000 / 40,000 = 0.1.  Before the fix Enterprise read 61,234 / 100,000.
    am = dashboards.run_persona(con, "account_management", {})
    rp = panel(am, "revenue_performance")
    rows = {r[0]: dict(zip(rp["columns"], r)) for r in rp["rows"]}
    check(rp["error"] is None and abs(rows["Enterprise"]["attainment"] - 0.31234) < 1e-12
          and rows["Enterprise"]["won_new_business"] == 31234 and abs(rows["SMB"]["attainment"] - 0.1) < 1e-12,
          "account_management.revenue_performance attainment by the quota's deal type", rp["error"], rows)
    vp = panel(dashboards.run_persona(con, "vp_sales", {}), "revenue_performance")
    q1 = dict(zip(vp["columns"], [r for r in vp["rows"] if r[0] == "2026-Q1"][0]))
    # the company figure: (31,234 + 4,000) / 140,000
    check(abs(q1["attainment"] - 35234 / 140000) < 1e-12 and q1["is_partial"] == 1,
          "vp_sales.revenue_performance 2026-Q1: attainment %r, partial %r" % (q1["attainment"], q1["is_partial"]))
    # Billing: I1 disputed and unpaid (open), I2 disputed and paid (settled):
    # one open dispute of 1,000.  Credit holds: A1 and A2 are on hold (the
    # list's 2 rows), only A1 owes (the card's 1).
    bi = dashboards.run_persona(con, "billing", {})
    dr = panel(bi, "dispute_reasons")
    check(dr["rows"] == [["Seats", 1, 1000.0, 1000.0]], "billing.dispute_reasons counts open disputes: %r" % dr["rows"])
    ch = panel(bi, "credit_holds")
    kp = panel(bi, "billing_kpis")
    check(sorted(r[0] for r in ch["rows"]) == ["A1", "A2"] and value(kp, "accounts_on_credit_hold_owing") == 1
          and kp["metrics"]["accounts_on_credit_hold_owing"] == "accounts_on_credit_hold_owing",
          "credit holds: list A1, A2; card 1 with a balance", ch["rows"], kp["rows"])
    cat = dashboards.catalogue(con)
    check(cat["accounts_on_credit_hold_owing"]["label"] != "Accounts on credit hold",
          "the credit-hold card is labelled for what it counts")
    # Partial period at a quarter boundary.  as_of 2026-03-31: the last day
    # of Q1: quarter to date is Jan 1..Mar 31 (O1 30,000 + O2 20,000 + O3
    # 10,000 + O5 1,234 + O6 4,000 = 65,234); Q1 is 89 days after its first
    # day, so the prior quarter's same days are Oct 1..Dec 29 (89 days on:
    # O4 on Dec 31 is out): 0; invoiced I1 1,000 + I2 500 + I3 200.
    sa = panel(dashboards.run_persona(con, "sales", {}), "revenue_this_quarter")
    check(sa["rows"] == [["2026-Q1", 90, 65234.0, 0.0, 1700.0]], "sales.revenue_this_quarter on 2026-03-31: %r" % sa["rows"])
    cal = con.execute("SELECT quarter_start, prior_quarter_start, prior_quarter_same_day, trailing_12m_after FROM as_of_calendar").fetchone()
    check(cal == ("2026-01-01", "2025-10-01", "2025-12-29", "2025-03-31"), "as_of_calendar on 2026-03-31: %r" % (cal,))
    st = panel(dashboards.run_persona(con, "vp_sales", {}), "sales_trends")
    flags = {r[0]: r[st["columns"].index("is_partial")] for r in st["rows"]}
    check(flags.get("2026-Q1") == 1 and flags.get("2025-Q4") == 0, "sales_trends on 2026-03-31: Q1 partial: %r" % flags)
    # the next day is the first of Q2: quarter to date is that one day (no
    # deal), the prior quarter's same day is Jan 1 (O5 1,234), Q1 complete
    con.execute("UPDATE settings SET value = '2026-04-01' WHERE key = 'as_of'")
    sa = panel(dashboards.run_persona(con, "sales", {}), "revenue_this_quarter")
    check(sa["rows"] == [["2026-Q2", 1, 0.0, 1234.0, 0.0]], "sales.revenue_this_quarter on 2026-04-01: %r" % sa["rows"])
    st = panel(dashboards.run_persona(con, "vp_sales", {}), "sales_trends")
    flags = {r[0]: r[st["columns"].index("is_partial")] for r in st["rows"]}
    check(flags.get("2026-Q1") == 0, "sales_trends on 2026-04-01: Q1 complete: %r" % flags)
    cal = con.execute("SELECT quarter, quarter_start, next_quarter_start, prior_quarter_same_day FROM as_of_calendar").fetchone()
    check(cal == ("2026-Q2", "2026-04-01", "2026-07-01", "2026-01-01"), "as_of_calendar on 2026-04-01: %r" % (cal,))
    # Win rate windows: (as_of - 12 months, as_of].  On 2026-04-01 every
    # deal but the open O7 closed in the window: 6 won of 6 closed.  On
    # 2026-12-31 the window starts after 2025-12-31: O4 is out, 5 of 5.
    con.execute("INSERT INTO opportunities (opportunity_id, account_id, owner_rep_id, stage, amount, created_date, close_date)"
                " VALUES ('O8', 'A3', 'R2', 'Closed Lost', 100, '2025-01-01', '2025-04-01'),"
                "        ('O9', 'A3', 'R2', 'Closed Lost', 100, '2025-01-01', '2025-04-02')")
    # O8 closed 2025-04-01, exactly 12 months before: out; O9 the day after: in
    got = con.execute("SELECT win_rate FROM pipeline_summary").fetchone()[0]
    check(abs(got - 6 / 7) < 1e-12, "pipeline_summary win rate over (as_of - 12 months, as_of]: %r, want 6/7" % got)
    con.close()


def check_bands(con):
    d = dashboards.run_persona(con, "board", {})
    t = panel(d, "tier1_board_metrics")
    seed_bands = {r[0] for r in con.execute("SELECT band FROM benchmarks WHERE metric = 'burn_multiple'")}
    neg = [dict(zip(t["columns"], r)) for r in t["rows"] if (r[t["columns"].index("burn_multiple")] or 0) < 0]
    wrong = [(r["quarter"], r["burn_multiple"], r["burn_multiple_band"]) for r in neg if r["burn_multiple_band"] in seed_bands]
    check(neg and not wrong, "a negative burn multiple has none of the seed's bands (%d negative): %s" % (len(neg), wrong[:3]))


def main(db, ext):
    queries = dashboards.load(os.path.join(ROOT, "sql", "dashboards"))
    con = dashboards.connect(db, ext)
    cat = check_catalogue(con)
    base = run_all(con, {}, queries)
    check_completeness(cat, base, queries)
    check_doc()
    as_of = dashboards.as_of_of(con)
    start = con.execute("SELECT date(?, '-12 months')", (as_of,)).fetchone()[0]
    check_agreement(base, queries, "no filter")
    for values in ({"segment": "SMB"}, {"region": "EMEA"}, {"start_date": start, "end_date": as_of}):
        check_agreement(run_all(con, values, queries), queries, "filters %s" % values)
    check_filters(db, ext, con, queries)
    check_bands(con)
    check_series(queries)
    check_no_clock()
    con.close()
    check_failing_panel(db, ext)
    check_as_of(db, ext)
    check_fixture(ext)


if __name__ == "__main__":
    run.finish(main, sys.argv[1], sys.argv[2], label="catalogue")
