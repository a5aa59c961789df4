"""tests/dashboards/printer.py DB EXT — the terminal dashboards (tools/print_dashboard.py).

Run by tests/run.sh (layer "dashboards") on the demo database with the
views installed; read-only.  Prints one "FAIL ..." report per failure and,
last, "PASSED FAILED".

  * the formatting rules on values written here, by the metric's unit
    and format (tools/dashboards.py format_value): thousands separators,
    two decimals for money, percentages, "-" for NULL, and no non-zero
    value shown as zero;
  * which columns read as percentages (tools/dashboards.py rate_columns,
    shared with the HTML report): by name and values, or `-- percent:`;
  * every persona prints, every query under its name, with no traceback;
  * printed figures are the query's own (a KPI, a bar, a rate), a
    waterfall draws floating bars from an axis, filters reach the queries;
  * an unknown persona and a database without views get a clear message.
"""
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(ROOT, "tools"))
import run  # noqa: E402  (tests/dashboards/run.py: its counters and its read-only connect)
import dashboards  # noqa: E402
import print_dashboard as pd  # noqa: E402

PRINTER = os.path.join(ROOT, "tools", "print_dashboard.py")


bad, check = run.checker("printer: ")


def printed(db, ext, *args):
    p = subprocess.run([sys.executable, PRINTER, db] + list(args) + ["--ext", ext],
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    return p.returncode, p.stdout, p.stderr


class FakeQuery:
    def __init__(self, percent=""):
        self.meta = {"percent": percent} if percent else {}


def main(db, ext):
    # Formatting by the metric's unit and format, on values written here.
    cur, cnt, pct = {"unit": "currency", "format": "2"}, {"unit": "count", "format": "0"}, {"unit": "percent", "format": "1"}
    ratio4, hours = {"unit": "ratio", "format": "4"}, {"unit": "hours", "format": "1"}
    for v, metric, want in [(None, cur, "-"), (1234567, cnt, "1,234,567"), (1234567.891, cur, "1,234,567.89"),
                            (12.5, cur, "12.50"), (0.1234, pct, "12.3%"), (1, pct, "100.0%"), (-0.05, pct, "-5.0%"),
                            # rounding never shows a non-zero figure as zero (issue 21: Herfindahl 0.002 as 0.00)
                            (0.0021, ratio4, "0.0021"), (0.00002, ratio4, "0.00002"), (0.0004, pct, "0.04%"),
                            (0.004, cur, "0.004"), (0.0, pct, "0.0%"), (46.14, hours, "46.1"),
                            (3.0, None, "3.00"), ("x" * 70, None, "x" * 57 + "...")]:
        got = pd.fmt(v, metric)
        check(got == want, "fmt(%r, %r) is %r, not %r" % (v, metric, got, want))

    # Rate columns: a rate's name and fractions, or listed.
    cols = ["share_of_arr", "arr", "win_rate", "growth", "note_count", "herfindahl"]
    rows = [(0.061, 419039.4, 250.0, 0.5, 3, 0.025), (0.057, 392565.84, 0.4, 1, 4, 0.02)]
    got = dashboards.rate_columns(FakeQuery(), cols, rows)
    check(got == {"share_of_arr", "growth"}, "rate_columns by name and value gave %s" % sorted(got))
    got = dashboards.rate_columns(FakeQuery("herfindahl"), cols, rows)
    check(got == {"share_of_arr", "growth", "herfindahl"}, "-- percent: herfindahl was not taken: %s" % sorted(got))
    got = dashboards.rate_columns(FakeQuery(), ["conversion_rate"], [(1,), (0,)])
    check(got == set(), "integers alone (counts) are not rates: %s" % sorted(got))

    # Every persona, every query.
    queries = dashboards.load(os.path.join(ROOT, "sql", "dashboards"))
    personas = sorted({q.persona for q in queries})
    check(len(personas) == 13, "13 personas expected, found %d" % len(personas))
    outs = {}
    for p in personas:
        rc, out, err = printed(db, ext, p)
        outs[p] = out
        missing = [q.name for q in queries if q.persona == p and "== %s\n" % q.name not in out]
        check(rc == 0 and not missing and "Traceback" not in err and out.startswith("# %s dashboard" % p),
              "%s: exit %d, queries not printed: %s" % (p, rc, missing), err[-300:])

    # Printed figures are the query's own.
    con = run.connect(db, ext)
    byname = {(q.persona, q.name): q for q in queries}
    cat = dashboards.catalogue(con)
    q = byname[("board", "revenue_concentration")]
    cols, rows = dashboards.run(con, q)
    r = dict(zip(cols, rows[0]))
    cap = {c: dashboards.metric_caption(cat[m]) for c, m in q.metrics.items()}
    width = max(len(cap.get(c, c)) for c in cols)
    for c, shown in (("arr", "{:,.2f}".format(r["arr"])), ("top10_share", "%.1f%%" % (100 * r["top10_share"])),
                     ("customers", "{:,}".format(r["customers"]))):
        line = "%s  %s" % (cap[c].ljust(width), shown)
        check(line in outs["board"], "board revenue_concentration: %r not printed" % line)
    check("Herfindahl index of ARR (ratio, last month-end before as-of)" in outs["board"]
          and "0.00\n" not in outs["board"].split("Herfindahl", 1)[1][:80],
          "board: the Herfindahl index is labelled and not shown as 0.00")
    q = byname[("board", "top_customers")]
    cols, rows = dashboards.run(con, q)
    first = dict(zip(cols, rows[0]))
    lines = [l for l in outs["board"].splitlines() if l.startswith(first["account_name"] + " ")]
    check(lines and "█" * 40 in lines[0] and lines[0].endswith("{:,.2f}".format(first["arr"])),
          "board top_customers: the largest customer's bar is full and ends with its ARR", lines[:1])
    mw = outs["finance"].split("== mrr_waterfall\n", 1)[-1].split("\n== ", 1)[0]
    check("axis from" in mw and ("▲" in mw or "▼" in mw), "finance mrr_waterfall: no floating bars", mw[:400])

    # Filters reach the queries and the heading.
    rc, out, err = printed(db, ext, "sales", "--segment", "SMB")
    check(rc == 0 and "filters: segment=SMB" in out.splitlines()[0], "sales --segment SMB", out[:200], err[-200:])

    # Clear messages.
    rc, out, err = printed(db, ext, "nobody")
    check(rc != 0 and "no persona 'nobody' (have: account_management, billing" in err, "unknown persona", err[-300:])
    empty = os.path.join(os.path.dirname(os.path.abspath(db)), "printer-empty.db")
    import sqlite3
    sqlite3.connect(empty).execute("CREATE TABLE t(x)").connection.close()
    rc, out, err = printed(empty, ext, "sales")
    check(rc != 0 and "has no views; install them: revops install %s" % empty in err and "Traceback" not in err,
          "database without views", err[-300:])
    os.unlink(empty)


if __name__ == "__main__":
    run.finish(main, sys.argv[1], sys.argv[2], label="printer")
