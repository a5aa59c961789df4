"""tools/print_dashboard.py — print a persona's dashboard in the terminal.

    revops dashboard DB PERSONA [--segment SMB] [--region EMEA]
        [--channel 'Paid Search'] [--start-date 2025-01-01] [--end-date 2025-12-31]
        [--as-of 2026-03-01] [--format table|json|csv] [--panel NAME]
        [--ext dist/revops] [--rows 12] [--width 100]
    (python3 tools/print_dashboard.py takes the same arguments;
     make dashboard PERSONA=sales DB=demo.db [ARGS='--segment SMB'])

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

The panels come from dashboards.run_persona (the structure every consumer
reads; --format json prints it).  Each metric column is written as its
catalogue metric's unit and format say (revops_metrics, docs/metrics.md):
percent as percentages, currency with cents, counts whole; a KPI line and
the legend under a table or chart carry the metric's label, unit and
window.  A panel that ignores a set filter says so; a panel that fails
shows its error, the others still print, and the exit status is 1 with
the count of failed panels on standard error.  --format csv writes one
panel's rows (--panel NAME) with the values as stored.
Standard library only.
"""
import argparse
import json
import os
import re
import signal
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402
import dashboards  # noqa: E402

def fmt(v, metric=None):
    """One value as a reader sees it: a metric column by its catalogue unit
    and format (dashboards.format_value: percent, currency, counts, ...),
    any other column as it is, long text cut."""
    if metric is not None or (isinstance(v, (int, float)) and not isinstance(v, bool)):
        return dashboards.format_value(v, metric)
    if v is None:
        return "-"
    s = str(v)
    return s if len(s) <= 60 else s[:57] + "..."


def table(cols, rows, limit, metrics=None):
    metrics = metrics or {}
    shown = rows[:limit]
    cells = [[fmt(v, metrics.get(c)) for c, v in zip(cols, r)] for r in shown]
    widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(cols)]
    numeric = [all(isinstance(r[i], (int, float)) or r[i] is None for r in shown) for i in range(len(cols))]
    def line(vals):
        return "  ".join(v.rjust(w) if n else v.ljust(w) for v, w, n in zip(vals, widths, numeric)).rstrip()
    out = [line(cols), line(["-" * w for w in widths])]
    out += [line(r) for r in cells]
    if len(rows) > limit:
        out.append("... %d more rows" % (len(rows) - limit))
    return out


def kpi(cols, rows, limit, metrics=None):
    """One row as "label (unit, window)  value" lines: the catalogue's
    label of each metric column, the column name for the others."""
    metrics = metrics or {}
    if len(rows) != 1:
        return table(cols, rows, limit, metrics) + legend_lines(cols, metrics)
    names = [dashboards.metric_caption(metrics[c]) if metrics.get(c) else c for c in cols]
    w = max(len(n) for n in names)
    return ["%s  %s" % (n.ljust(w), fmt(v, metrics.get(c))) for n, c, v in zip(names, cols, rows[0])]


def _pick(cols, q, key, default):
    want = [c.strip() for c in q.meta.get(key, "").split(",") if c.strip()]
    for c in want:
        if c not in cols:
            raise SystemExit("%s:%d (%s): -- %s: column %r is not in the result (%s)"
                             % (q.path, q.line, q.name, key, c, ", ".join(cols)))
    return want or default


def bars(cols, rows, q, limit, width, mode, metrics=None):
    metrics = metrics or {}
    x = _pick(cols, q, "x", [cols[0]])[0]
    numeric = [c for c in cols if c != x and any(isinstance(r[cols.index(c)], (int, float)) for r in rows)]
    ys = _pick(cols, q, "y", numeric[:1])
    if not ys:
        return table(cols, rows, limit, metrics)
    xi = cols.index(x)
    shown = rows[:limit]
    labels = [fmt(r[xi], metrics.get(x)) for r in shown]
    lw = max(len(s) for s in labels) if labels else 0
    out = []
    for y in ys:
        yi = cols.index(y)
        raw = [r[yi] for r in shown]
        vals = [v if isinstance(v, (int, float)) else 0 for v in raw]
        if len(ys) > 1:
            out.append("[%s]" % (dashboards.metric_caption(metrics[y]) if metrics.get(y) else y))
        if mode == "waterfall":
            out += waterfall(labels, vals, metrics.get(y), lw, width)
            continue
        top = max([abs(v) for v in vals] + [0]) or 1
        for lab, v, rv in zip(labels, vals, raw):
            n = int(round(abs(v) / top * width))
            bar = ("█" if v >= 0 else "░") * n
            if mode == "funnel":
                bar = bar.center(width)
            out.append("%s  %s  %s" % (lab.ljust(lw), bar if mode == "funnel" else bar.ljust(width), fmt(rv, metrics.get(y))))
    if len(rows) > limit:
        out.append("... %d more rows" % (len(rows) - limit))
    return out


_LEVEL = re.compile(r"start|begin|opening|end|closing|total", re.I)


def waterfall(labels, vals, metric, lw, width):
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
    out = ["%s  axis from %s" % ("".ljust(lw), fmt(lo, metric))]
    for a, b, lab, v in levels:
        if a is None:
            start, n, ch = 0, int(round((b - lo) * scale)), "█"
        else:
            s_, e_ = sorted((a, b))
            start, n = int(round((s_ - lo) * scale)), max(1 if v else 0, int(round((e_ - s_) * scale)))
            ch = "▲" if v >= 0 else "▼"
        out.append("%s  %s  %s" % (lab.ljust(lw), (" " * start + ch * n).ljust(width), fmt(v, metric)))
    return out


def render(q, panel, cat, limit, width):
    """The lines of one panel of dashboards.run_persona's structure."""
    head = ["", "== %s" % q.name, "   %s" % q.question]
    if panel["filters_ignored"]:
        head.append("   (this panel ignores the filter%s %s)" % (
            "s" if len(panel["filters_ignored"]) > 1 else "", ", ".join(panel["filters_ignored"])))
    if panel["error"]:
        return head + ["ERROR: %s" % panel["error"]]
    cols, rows = panel["columns"], [tuple(r) for r in panel["rows"]]
    if not rows:
        return head + ["(no rows)"]
    metrics = {c: cat.get(m) for c, m in panel["metrics"].items()}
    chart = q.chart
    if chart == "kpi":
        body = kpi(cols, rows, limit, metrics)
    elif chart in ("bar", "line", "funnel", "waterfall"):
        body = bars(cols, rows, q, limit, width, chart, metrics)
    else:
        body = table(cols, rows, limit, metrics)
    legend = legend_lines(cols, metrics) if chart != "kpi" else []
    return head + body + legend


def legend_lines(cols, metrics):
    """What each metric column is: label, unit, window (the catalogue's)."""
    out = []
    for c in cols:
        m = metrics.get(c)
        if m:
            out.append("   %s: %s" % (c, dashboards.metric_caption(m)))
    return out


def csv_text(panel):
    """One panel as CSV: its columns, then its rows with values as stored
    (no rounding, NULL empty), RFC 4180 quoting."""
    import csv
    import io
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\r\n")
    w.writerow(panel["columns"])
    for r in panel["rows"]:
        w.writerow(["" if v is None else repr(v) if isinstance(v, float) else v for v in r])
    return out.getvalue()


def main(argv=None, prog="print_dashboard.py"):
    if hasattr(signal, "SIGPIPE"):
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)   # quiet when piped into head
    ap = common.parser(prog, "Print a persona's dashboard: every query of sql/dashboards/PERSONA.sql, "
                       "with the filters bound.")
    ap.add_argument("persona", metavar="PERSONA", help="a file of sql/dashboards/ without .sql, e.g. sales")
    ap.add_argument("--dir", default=os.path.join(common.ROOT, "sql", "dashboards"), help=argparse.SUPPRESS)
    ap.add_argument("--rows", type=int, default=12, help="rows printed per panel (default 12)")
    ap.add_argument("--width", type=int, default=40, help="bar width in characters")
    ap.add_argument("--panel", action="append", metavar="NAME",
                    help="only this panel (a query's -- name:; repeatable); csv needs exactly one")
    ap.add_argument("--format", choices=("table", "text", "json", "csv"), default="table",
                    help="table (default; text is the same), json: the structure of tools/dashboards.py "
                         "run_persona, csv: one panel's rows")
    common.add_filters(ap, params=False)
    a = ap.parse_args(argv)
    values = common.filter_values(ap, a)
    try:
        queries = dashboards.persona_queries(a.persona, a.dir)
    except (dashboards.FilterError, dashboards.FormatError) as e:
        raise common.ToolError("%s: %s" % (prog, e))
    if a.panel:
        names = [q.name for q in queries]
        unknown = [p for p in a.panel if p not in names]
        if unknown:
            ap.error("no panel %s in %s (have: %s)" % (", ".join(unknown), a.persona, ", ".join(names)))
        queries = [q for q in queries if q.name in a.panel]
    if a.format == "csv" and len(queries) != 1:
        ap.error("--format csv writes one panel: add --panel NAME (%s)" % ", ".join(q.name for q in queries))
    con = dashboards.connect(a.db, a.ext, prog, values["as_of"])
    try:
        d = dashboards.run_persona(con, a.persona, values, queries=queries)
    except (dashboards.FilterError, dashboards.FormatError) as e:
        raise common.ToolError("%s: %s" % (prog, e))
    if a.format == "json":
        json.dump(d, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    elif a.format == "csv":
        if d["panels"][0]["error"]:
            print("%s: %s" % (prog, d["panels"][0]["error"]), file=sys.stderr)
        else:
            sys.stdout.write(csv_text(d["panels"][0]))
    else:
        active = ", ".join("%s=%s" % (k, v) for k, v in d["filters"].items() if v and k != "as_of") or "none"
        print("# %s dashboard — %s, as of %s, filters: %s" % (a.persona, a.db, d["as_of"], active))
        if d["missing_sources"]:          # figures that need them read empty, not zero
            print("# not loaded: %s" % "; ".join("%s (%s)" % (w, t) for t, w in dashboards.SOURCES
                                                 if t in d["missing_sources"]))
        cat = dashboards.catalogue(con)
        for q, panel in zip(queries, d["panels"]):
            print("\n".join(render(q, panel, cat, a.rows, a.width)))
    if d["failures"]:
        print("%s: %d of %d panels failed" % (prog, d["failures"], len(d["panels"])), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
