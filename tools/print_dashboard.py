"""tools/print_dashboard.py — print a persona's dashboard in the terminal.

    python3 tools/print_dashboard.py DB PERSONA [--segment SMB] [--region EMEA]
        [--channel 'Paid Search'] [--start-date 2025-01-01] [--end-date 2025-12-31]
        [--as-of 2026-03-01] [--ext dist/revops] [--rows 12] [--width 100]
    make dashboard PERSONA=sales DB=demo.db [ARGS='--segment SMB']

Reads sql/dashboards/PERSONA.sql through tools/dashboards.py (the one
reader of the format), runs every query on DB with the revops extension
loaded and the shared filters bound (NULL unless given), and prints each
answer under its question.  The `-- chart:` hint picks the layout:

    kpi        one row, printed as "label  value" lines
    table      aligned columns (the default)
    bar, line  a text bar per row: x label, y value(s)
    funnel     bars of the y column, centred, largest first as given
    waterfall  floating bars: rows whose x names a start or end level are
               drawn from zero, the others from the running total

Numbers are formatted for reading only (the queries return plain numbers):
money and counts with thousands separators, columns named like rates
(rate, share, pct, ratio of fractions, roi, nrr, grr, attainment,
probability, mape, wape, conversion) as percentages.
Standard library only.
"""
import argparse
import os
import re
import signal
import sqlite3
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import dashboards  # noqa: E402

def fmt(v, rate=False):
    """One value as a reader sees it: rates (dashboards.rate_columns) as
    percentages, money and counts with thousands separators."""
    if v is None:
        return "-"
    if isinstance(v, bool):
        return str(v)
    if rate and isinstance(v, (int, float)):
        return "{:.1f}%".format(100 * v)
    if isinstance(v, int):
        return "{:,}".format(v)
    if isinstance(v, float):
        if abs(v) >= 1000 or v == int(v):
            return "{:,.2f}".format(v) if v != int(v) or abs(v) >= 1000 else "{:,}".format(int(v))
        return "{:,.2f}".format(v) if abs(v) >= 1 else "{:.3f}".format(v)
    s = str(v)
    return s if len(s) <= 60 else s[:57] + "..."


def table(cols, rows, limit, rates=()):
    shown = rows[:limit]
    cells = [[fmt(v, c in rates) for c, v in zip(cols, r)] for r in shown]
    widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(cols)]
    numeric = [all(isinstance(r[i], (int, float)) or r[i] is None for r in shown) for i in range(len(cols))]
    def line(vals):
        return "  ".join(v.rjust(w) if n else v.ljust(w) for v, w, n in zip(vals, widths, numeric)).rstrip()
    out = [line(cols), line(["-" * w for w in widths])]
    out += [line(r) for r in cells]
    if len(rows) > limit:
        out.append("... %d more rows" % (len(rows) - limit))
    return out


def kpi(cols, rows, limit, rates=()):
    if len(rows) != 1:
        return table(cols, rows, limit, rates)
    w = max(len(c) for c in cols)
    return ["%s  %s" % (c.ljust(w), fmt(v, c in rates)) for c, v in zip(cols, rows[0])]


def _pick(cols, q, key, default):
    want = [c.strip() for c in q.meta.get(key, "").split(",") if c.strip()]
    for c in want:
        if c not in cols:
            raise SystemExit("%s:%d (%s): -- %s: column %r is not in the result (%s)"
                             % (q.path, q.line, q.name, key, c, ", ".join(cols)))
    return want or default


def bars(cols, rows, q, limit, width, mode, rates=()):
    x = _pick(cols, q, "x", [cols[0]])[0]
    numeric = [c for c in cols if c != x and any(isinstance(r[cols.index(c)], (int, float)) for r in rows)]
    ys = _pick(cols, q, "y", numeric[:1])
    if not ys:
        return table(cols, rows, limit, rates)
    xi = cols.index(x)
    shown = rows[:limit]
    labels = [fmt(r[xi], x in rates) for r in shown]
    lw = max(len(s) for s in labels) if labels else 0
    out = []
    for y in ys:
        yi = cols.index(y)
        raw = [r[yi] for r in shown]
        vals = [v if isinstance(v, (int, float)) else 0 for v in raw]
        if len(ys) > 1:
            out.append("[%s]" % y)
        if mode == "waterfall":
            out += waterfall(labels, vals, y in rates, lw, width)
            continue
        top = max([abs(v) for v in vals] + [0]) or 1
        for lab, v, rv in zip(labels, vals, raw):
            n = int(round(abs(v) / top * width))
            bar = ("█" if v >= 0 else "░") * n
            if mode == "funnel":
                bar = bar.center(width)
            out.append("%s  %s  %s" % (lab.ljust(lw), bar if mode == "funnel" else bar.ljust(width), fmt(rv, y in rates)))
    if len(rows) > limit:
        out.append("... %d more rows" % (len(rows) - limit))
    return out


_LEVEL = re.compile(r"start|begin|opening|end|closing|total", re.I)


def waterfall(labels, vals, rate, lw, width):
    """Floating bars: start/end levels as full bars, movements from the
    running total.  The axis starts near the lowest level reached (not at
    zero), so movements of a few percent of the total stay visible; the
    first line says where it starts."""
    levels, run = [], 0.0
    for lab, v in zip(labels, vals):
        if _LEVEL.search(lab):
            levels.append((None, v, lab, v))
            run = v
        else:
            levels.append((run, run + v, lab, v))
            run += v
    pts = [b for _, b, _, _ in levels] + [a for a, _, _, _ in levels if a is not None]
    lo, hi = min(pts), max(pts)
    lo = max(0.0, lo - 0.25 * (hi - lo)) if lo >= 0 else lo - 0.25 * (hi - lo)
    scale = width / (hi - lo) if hi > lo else 1
    out = ["%s  axis from %s" % ("".ljust(lw), fmt(lo, rate))]
    for a, b, lab, v in levels:
        if a is None:
            start, n, ch = 0, int(round((b - lo) * scale)), "█"
        else:
            s_, e_ = sorted((a, b))
            start, n = int(round((s_ - lo) * scale)), max(1 if v else 0, int(round((e_ - s_) * scale)))
            ch = "▲" if v >= 0 else "▼"
        out.append("%s  %s  %s" % (lab.ljust(lw), (" " * start + ch * n).ljust(width), fmt(v, rate)))
    return out


def render(con, q, values, limit, width):
    cols, rows = dashboards.run(con, q, values)
    head = ["", "== %s" % q.name, "   %s" % q.question]
    if not rows:
        return head + ["(no rows)"]
    chart = q.chart
    rates = dashboards.rate_columns(q, cols, rows)
    if chart == "kpi":
        body = kpi(cols, rows, limit, rates)
    elif chart in ("bar", "line", "funnel", "waterfall"):
        body = bars(cols, rows, q, limit, width, chart, rates)
    else:
        body = table(cols, rows, limit, rates)
    return head + body


def connect(db, ext):
    con = dashboards.open_readonly(db, ext, "print_dashboard")
    if not con.execute("SELECT 1 FROM sqlite_schema WHERE type = 'view' AND name = 'as_of_date'").fetchone():
        raise SystemExit("print_dashboard: %s has no views; install them: sh sql/views/install.sh %s" % (db, db))
    return con


def main(argv=None):
    if hasattr(signal, "SIGPIPE"):
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)   # quiet when piped into head
    root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
    ap = argparse.ArgumentParser(description="Print a persona's dashboard.")
    ap.add_argument("db")
    ap.add_argument("persona")
    ap.add_argument("--ext", default=os.path.join(root, "dist", "revops"))
    ap.add_argument("--dir", default=os.path.join(root, "sql", "dashboards"))
    ap.add_argument("--rows", type=int, default=12)
    ap.add_argument("--width", type=int, default=40, help="bar width in characters")
    for f in dashboards.FILTERS:
        ap.add_argument("--" + f.replace("_", "-"), dest=f)
    a = ap.parse_args(argv)
    path = os.path.join(a.dir, a.persona + ".sql")
    if not os.path.exists(path):
        have = sorted(os.path.splitext(f)[0] for f in os.listdir(a.dir) if f.endswith(".sql"))
        raise SystemExit("print_dashboard: no persona %r (have: %s)" % (a.persona, ", ".join(have)))
    values = {f: getattr(a, f) for f in dashboards.FILTERS}
    con = connect(a.db, a.ext)
    as_of = values["as_of"] or con.execute("SELECT as_of FROM as_of_date").fetchone()[0]
    active = ", ".join("%s=%s" % (k, v) for k, v in values.items() if v and k != "as_of") or "none"
    print("# %s dashboard — %s, as of %s, filters: %s" % (a.persona, a.db, as_of, active))
    for q in dashboards.parse_file(path):
        try:
            print("\n".join(render(con, q, values, a.rows, a.width)))
        except sqlite3.Error as e:
            raise SystemExit("%s:%d (%s): %s" % (q.path, q.line, q.name, e))
    return 0


if __name__ == "__main__":
    sys.exit(main())
