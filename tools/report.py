#!/usr/bin/python3
"""tools/report.py — the persona dashboards as self-contained HTML pages.

    python3 tools/report.py DB [--out DIR] [--start-date D] [--end-date D]
        [--segment S] [--region R] [--channel C] [--as-of D]
        [--theme auto|light|dark] [--param NAME=VALUE] [--dashboards DIR] [--ext PATH]

One page per sql/dashboards/<persona>.sql plus index.html, written to
--out (default build/report).  Every query of a persona runs once, with the
shared filters given here as its named parameters (NULL when not given:
"all"), through tools/dashboards.py, the one reader of the dashboard
format; so the page shows exactly what the sqlite3 shell shows for the same
`.parameter set`.  The `-- chart:` hint picks the drawing (kpi, table, bar,
line, waterfall, funnel); a query whose columns include `message` and
`confidence` is drawn as insight cards with confidence bars.

The pages need nothing but a browser: inline CSS, inline SVG, one inline
script (an error and render marker the browser test reads) allowed by its
hash in the page's Content-Security-Policy, which also forbids every
network fetch.  Light and dark themes: the reader's system setting by
default, a switch on the page (pure CSS), and --theme to preselect one.
Every value from the database is escaped.  Numbers are formatted for
reading (docs/report.md): integers and money with thousands separators,
metric columns as their catalogue metric's unit and format say (labels,
units and windows from revops_metrics: docs/metrics.md); the panels come
from tools/dashboards.py run_persona, the structure every consumer reads.
A panel that ignores a set filter says so; the period holding the as-of
date (is_partial) is drawn hatched.

Exit status 1 when any query failed (the page shows the error in place),
2 on bad usage.  Standard library only (Debian's python3).
"""
import argparse
import base64
import datetime
import hashlib
import html
import json
import math
import os
import re
import sqlite3
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import dashboards  # noqa: E402  (the one reader of the dashboard format)

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

ACRONYMS = {"mrr", "arr", "nrr", "grr", "roi", "cac", "ltv", "nps", "csat", "sla", "qoq",
            "yoy", "id", "ae", "mql", "sql", "sal", "ceo", "cro",
            "vp", "qbr", "eol", "wape", "mape", "kpi", "ar", "dso", "icp", "arpa", "arpu", "mau", "csm"}
MAX_ROWS = 200          # rows drawn per table; the page says when there were more
MAX_POINTS = 500        # points per line chart (the first ones; the rest are under Data)


# ---------------------------------------------------------------- formatting

def humanize(name):
    words = [w.upper() if w in ACRONYMS else "RevOps" if w == "revops" else
             (w[:-1].upper() + "s" if w.endswith("s") and w[:-1] in ACRONYMS else w)
             for w in name.split("_") if w]
    if words and words[0].islower():
        words[0] = words[0].capitalize()
    return " ".join(words) or name


def fmt(value, is_rate=False):
    """The text a reader sees for one value."""
    if value is None:
        return "\u2014"
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int) and not is_rate:
        return "{:,}".format(value)
    if isinstance(value, (int, float)):
        if math.isnan(value) or math.isinf(value):
            return str(value)
        if is_rate:             # an integer 1 in a rate column is 100.0% like its neighbours
            return "{:,.1f}%".format(value * 100)
        return "{:,.2f}".format(value)
    if isinstance(value, bytes):
        return "<%d bytes>" % len(value)
    return str(value)


def tick_labels(ticks, is_rate=False):
    """Axis ticks as 1.2M, 350k, 45%: one unit for the axis, and as many
    decimals as the step between ticks needs."""
    step = abs(ticks[1] - ticks[0]) if len(ticks) > 1 else 1
    if is_rate:
        d = max(0, -math.floor(math.log10(step * 100))) if step * 100 < 1 else 0
        return ["{:,.{}f}%".format(t * 100, d) for t in ticks]
    top = max(abs(t) for t in ticks)
    div, suf = 1, ""
    for dv, sf in ((1e9, "B"), (1e6, "M"), (1e3, "k")):
        if top >= dv:
            div, suf = dv, sf
            break
    rel = step / div
    d = max(0, -math.floor(math.log10(rel) + 1e-9)) if rel < 1 else 0
    d += 1 if abs(rel * 10 ** d - round(rel * 10 ** d)) > 1e-6 else 0    # steps like 2.5
    return ["0" if t == 0 else "{:,.{}f}{}".format(t / div, d, suf) for t in ticks]


def esc(s):
    return html.escape(str(s), quote=True)


def is_number(v):
    return isinstance(v, (int, float)) and not isinstance(v, bool) and not (
        isinstance(v, float) and (math.isnan(v) or math.isinf(v)))


class Result:
    """One query's outcome (a panel of dashboards.run_persona), with what the
    drawing needs: each metric column's catalogue row (label, unit, window,
    format), the filters the panel ignores, and which rows are partial
    periods."""

    def __init__(self, query, cols, rows, error=None, metrics=None, filters_ignored=()):
        self.query, self.cols, self.rows, self.error = query, cols, rows, error
        self.metrics = metrics or {}            # column -> catalogue row
        self.filters_ignored = list(filters_ignored)
        if self.metrics:
            self.rates = {c for c, m in self.metrics.items() if m.get("unit") == "percent"}
        else:                                   # a dashboard file without -- metrics: lines
            self.rates = dashboards.rate_columns(query, cols, rows) if not error else set()
        self.id = query.name
        pi = cols.index("is_partial") if "is_partial" in cols else None
        self.partial = {r for r, row in enumerate(rows) if pi is not None and row[pi]}

    def shown(self, r, c):
        v, m = self.rows[r][c], self.metrics.get(self.cols[c])
        if m is not None and v is not None and not isinstance(v, str):
            return dashboards.format_value(v, m)
        return fmt(v, self.cols[c] in self.rates)

    def title(self, c):
        """A column's heading: its metric's label, else the humanized name."""
        m = self.metrics.get(self.cols[c])
        return m["label"] if m else humanize(self.cols[c])

    def caption(self, c):
        """Unit and window of a metric column (the heading's tooltip)."""
        m = self.metrics.get(self.cols[c])
        return dashboards.metric_caption(m) if m else ""

    def cell(self, r, c, tag="span", cls=""):
        """A value element the browser test can find: data-q/-r/-c name it."""
        shown = self.shown(r, c)
        return '<%s class="v%s" data-q="%s" data-r="%d" data-c="%s">%s</%s>' % (
            tag, (" " + cls) if cls else "", esc(self.id), r, esc(self.cols[c]), esc(shown), tag)

    def svg_value(self, r, c, x, y, anchor="start", cls="val"):
        return '<text x="%.1f" y="%.1f" text-anchor="%s" class="%s" data-q="%s" data-r="%d" data-c="%s">%s</text>' % (
            x, y, anchor, cls, esc(self.id), r, esc(self.cols[c]), esc(self.shown(r, c)))

    def x_col(self):
        x = self.query.meta.get("x", "").strip()
        if x in self.cols:
            return self.cols.index(x)
        for i, c in enumerate(self.cols):      # first column holding text
            if any(isinstance(r[i], str) for r in self.rows):
                return i
        return 0

    def labels(self, rows):
        """The x column's text per row; when that repeats (x: segment over
        segment x region rows), every text column joined, so bars differ."""
        xi = self.x_col()
        first = [fmt(r[xi]) for r in rows]
        if len(set(first)) == len(first):
            return first
        texts = [i for i, _ in enumerate(self.cols) if any(isinstance(r[i], str) for r in rows)]
        if xi in texts:
            texts.remove(xi)
        return [" \u00b7 ".join([fmt(r[xi])] + [fmt(r[i]) for i in texts]) for r in rows]

    def y_cols(self):
        ys = [c.strip() for c in self.query.meta.get("y", "").split(",") if c.strip()]
        idx = [self.cols.index(c) for c in ys if c in self.cols]
        if idx:
            return idx
        xi = self.x_col()
        return [i for i, c in enumerate(self.cols)
                if i != xi and any(is_number(r[i]) for r in self.rows)
                and all(r[i] is None or is_number(r[i]) for r in self.rows)]


# ---------------------------------------------------------------- drawing

def nice_ticks(lo, hi, n=4):
    if hi == lo:
        hi = lo + 1
    step = (hi - lo) / n
    mag = 10 ** math.floor(math.log10(step))
    for m in (1, 2, 2.5, 5, 10):
        if m * mag >= step:
            step = m * mag
            break
    start = math.floor(lo / step) * step
    ticks, t = [], start
    while t <= hi + step * 1e-9:
        ticks.append(t)
        t += step
    if ticks[-1] < hi:
        ticks.append(ticks[-1] + step)
    return ticks


def status_class(label):
    s = str(label).lower()
    for key, cls in (("critical", "crit"), ("at risk", "bad"), ("high", "bad"), ("monitor", "warn"),
                     ("medium", "warn"), ("warning", "warn"), ("healthy", "good"), ("low", "good"),
                     ("info", "info")):
        if key in s:
            return cls
    return ""


def draw_bar(res):
    """Horizontal bars, one panel per value column sharing the row labels."""
    xi, ys = res.x_col(), res.y_cols()
    rows = res.rows[:40]
    if not ys or not rows:
        return ""
    names = res.labels(rows)
    label_w = 150 if max(len(n) for n in names) <= 22 else 210
    bar_h, gap, top = 22, 8, 26
    panel_w = 300 if len(ys) == 1 else 240      # two panels still fit a half-width panel
    width = label_w + len(ys) * (panel_w + 24)
    height = top + len(rows) * (bar_h + gap) + 6
    out = ['<svg class="chart bar" width="%d" viewBox="0 0 %d %d" role="img" aria-label="%s">' % (
        width, width, height, esc(res.query.question))]
    for r, row in enumerate(rows):
        y = top + r * (bar_h + gap)
        out.append('<text x="%d" y="%.1f" text-anchor="end" class="lbl">%s</text>' % (
            label_w - 10, y + bar_h * 0.68, esc(_clip(names[r], 30))))
    # Labels that are all statuses (Healthy, Monitor, At Risk, Critical...) colour their bars.
    status_labels = all(status_class(row[xi]) for row in rows)
    for p, ci in enumerate(ys):
        x0 = label_w + p * (panel_w + 24)
        vals = [row[ci] if is_number(row[ci]) else 0 for row in rows]
        lo, hi = min(0, min(vals)), max(0, max(vals))
        span = (hi - lo) or 1
        room = panel_w - 78           # space for the value label
        zero = x0 + (0 - lo) / span * room
        out.append('<text x="%d" y="16" class="axis-title"><title>%s</title>%s</text>' % (
            x0, esc(res.caption(ci)), esc(res.title(ci))))
        out.append('<line x1="%.1f" x2="%.1f" y1="%d" y2="%d" class="zero"/>' % (zero, zero, top - 4, height - 4))
        for r, row in enumerate(rows):
            y = top + r * (bar_h + gap)
            v = vals[r]
            w = abs(v) / span * room
            bx = zero if v >= 0 else zero - w
            cls = "s%d" % (p % 6 + 1)
            sc = status_class(row[xi]) if status_labels else ""
            if sc:
                cls = sc
            if v < 0:
                cls = "neg"
            if r in res.partial:
                cls += " partial"
            out.append('<rect x="%.1f" y="%d" width="%.1f" height="%d" rx="3" class="%s"/>' % (
                bx, y, max(w, 1 if row[ci] is not None else 0), bar_h, cls))
            tx = (bx + w + 6) if v >= 0 else (zero + 6)
            out.append(res.svg_value(r, ci, tx, y + bar_h * 0.68))
    out.append("</svg>")
    return "".join(out)


def _clip(s, n):
    return s if len(s) <= n else s[:n - 1] + "\u2026"


def draw_line(res):
    """One line per value column over the x column; rates and amounts on separate charts."""
    xi, ys = res.x_col(), res.y_cols()
    rows = res.rows[:MAX_POINTS]
    if not ys or not rows:
        return ""
    xs = [row[xi] for row in rows]
    if all(isinstance(x, str) for x in xs) and len(xs) > 1 and xs == sorted(xs, reverse=True):
        rows = rows[::-1]       # newest first in the query: time still runs left to right
    pi = res.cols.index("is_partial") if "is_partial" in res.cols else None
    res.line_partial = [bool(pi is not None and row[pi]) for row in rows]
    groups = {}
    for ci in ys:
        groups.setdefault(res.cols[ci] in res.rates, []).append(ci)
    return "".join(_line_chart(res, xi, cis, rows, is_rate) for is_rate, cis in sorted(groups.items()))


def _line_chart(res, xi, cis, rows, is_rate):
    left, right, top, bottom, w, h = 64, 24, 34, 44, 1240, 280
    vals = [row[ci] for row in rows for ci in cis if is_number(row[ci])]
    if not vals:
        return ""
    lo, hi = min(0, min(vals)), max(vals)
    ticks = nice_ticks(lo, hi)
    lo, hi = ticks[0], ticks[-1]
    n = len(rows)
    px = lambda i: left + (i * (w - left - right) / (n - 1) if n > 1 else (w - left - right) / 2)
    py = lambda v: top + (hi - v) / ((hi - lo) or 1) * (h - top - bottom)
    out = ['<svg class="chart line" width="%d" viewBox="0 0 %d %d" role="img" aria-label="%s">' % (w, w, h, esc(res.query.question))]
    for t, label in zip(ticks, tick_labels(ticks, is_rate)):
        out.append('<line x1="%d" x2="%d" y1="%.1f" y2="%.1f" class="grid"/>' % (left, w - right, py(t), py(t)))
        out.append('<text x="%d" y="%.1f" text-anchor="end" class="tick">%s</text>' % (left - 6, py(t) + 4, esc(label)))
    every = max(1, math.ceil(n / 8))
    for i, row in enumerate(rows):
        if i % every == 0 or (i == n - 1 and (n - 1) % every >= every * 0.6):
            anchor = "start" if (i == 0 and n > 1) else ("end" if i == n - 1 and n > 1 else "middle")
            out.append('<text x="%.1f" y="%d" text-anchor="%s" class="tick">%s</text>' % (
                px(i), h - bottom + 18, anchor, esc(_clip(fmt(row[xi]), 12))))
    for k, ci in enumerate(cis):
        cls = "s%d" % (k % 6 + 1)
        seg, segs = [], []
        for i, row in enumerate(rows):
            if is_number(row[ci]):
                seg.append("%.1f,%.1f" % (px(i), py(row[ci])))
            elif seg:
                segs.append(seg)
                seg = []
        if seg:
            segs.append(seg)
        for s in segs:
            out.append('<polyline points="%s" class="ln %s"/>' % (" ".join(s), cls))
        partial = getattr(res, "line_partial", [False] * len(rows))
        for i, row in enumerate(rows):
            if is_number(row[ci]):
                m = res.metrics.get(res.cols[ci])
                out.append('<circle cx="%.1f" cy="%.1f" r="%d" class="pt %s%s"><title>%s %s: %s%s</title></circle>' % (
                    px(i), py(row[ci]), 5 if partial[i] else 3, cls, " partial" if partial[i] else "",
                    esc(fmt(row[xi])), esc(res.title(ci)),
                    esc(dashboards.format_value(row[ci], m) if m else fmt(row[ci], res.cols[ci] in res.rates)),
                    " (partial period)" if partial[i] else ""))
        # legend with the last value
        lx = left + k * 170
        out.append('<rect x="%d" y="8" width="12" height="12" rx="2" class="%s"/>' % (lx, cls))
        out.append('<text x="%d" y="18" class="legend"><title>%s</title>%s</text>' % (
            lx + 17, esc(res.caption(ci)), esc(res.title(ci))))
    out.append("</svg>")
    return "".join(out)


NEGATIVE_NAME = re.compile(r"(contraction|churn|lost|loss|down|decrease|outflow)")


def draw_waterfall(res):
    """Start, signed movements, end.  Wide form (one row, a column per step:
    the last row is drawn) or long form (a row per step: first and last rows
    are the totals).  Movements named contraction/churn/lost are drawn down."""
    xi, ys = res.x_col(), res.y_cols()
    if not ys or not res.rows:
        return ""
    steps = []     # (label, value, kind, r, c)
    if len(ys) > 1:
        r = len(res.rows) - 1
        row = res.rows[r]
        for k, ci in enumerate(ys):
            kind = "total" if k in (0, len(ys) - 1) else (
                "down" if NEGATIVE_NAME.search(res.cols[ci]) else "up")
            steps.append((humanize(res.cols[ci]).replace(" MRR", ""), row[ci], kind, r, ci))
        caption = (fmt(row[xi]) if xi not in ys else "") + (
            "  (the last of %d rows; all of them under Data)" % len(res.rows) if len(res.rows) > 1 else "")
    else:
        ci = ys[0]
        for r, row in enumerate(res.rows):
            kind = "total" if r in (0, len(res.rows) - 1) else (
                "down" if NEGATIVE_NAME.search(str(row[xi]).lower()) and is_number(row[ci]) and row[ci] > 0 else "up")
            steps.append((fmt(row[xi]), row[ci], kind, r, ci))
        caption = ""
    levels, run = [], 0.0
    for label, v, kind, r, ci in steps:
        v = v if is_number(v) else 0
        if kind == "total":
            levels.append((0, v))
            run = v
        else:
            d = -abs(v) if kind == "down" else v
            levels.append((run, run + d))
            run += d
    # The levels the bars reach (a total's base at 0 excluded): when the
    # totals dwarf the moves, the axis starts near them and the total bars
    # are cut at the axis (the tick labels say where it starts).
    reached = [b for (a, b) in levels] + [a for (a, b), st in zip(levels, steps) if st[2] != "total"]
    lo, hi = min(reached), max(reached)
    if lo > 0 and (hi - lo) < hi * 0.5:
        ticks = nice_ticks(max(0, lo - (hi - lo) * 0.6), hi)
    else:
        ticks = nice_ticks(min(0, lo), hi)
    lo, hi = ticks[0], ticks[-1]
    left, top, bottom, bw, gap = 70, 34, 40, 96, 26
    w = left + len(steps) * (bw + gap) + 10
    h = 300
    py = lambda v: top + (hi - v) / ((hi - lo) or 1) * (h - top - bottom)
    out = ['<svg class="chart waterfall" width="%d" viewBox="0 0 %d %d" role="img" aria-label="%s">' % (w, w, h, esc(res.query.question))]
    if caption:
        out.append('<text x="%d" y="16" class="axis-title">%s</text>' % (left, esc(caption)))
    for t, label in zip(ticks, tick_labels(ticks)):
        out.append('<line x1="%d" x2="%d" y1="%.1f" y2="%.1f" class="grid"/>' % (left, w - 10, py(t), py(t)))
        out.append('<text x="%d" y="%.1f" text-anchor="end" class="tick">%s</text>' % (left - 6, py(t) + 4, esc(label)))
    for k, ((label, v, kind, r, ci), (a, b)) in enumerate(zip(steps, levels)):
        x = left + 10 + k * (bw + gap)
        a2, b2 = max(a, lo), max(b, lo)
        y1, y2 = py(max(a2, b2)), py(min(a2, b2))
        cls = "total" if kind == "total" else ("good" if b >= a else "bad")
        out.append('<rect x="%.1f" y="%.1f" width="%d" height="%.1f" rx="2" class="%s"/>' % (x, y1, bw, max(y2 - y1, 1), cls))
        if k + 1 < len(steps):
            out.append('<line x1="%.1f" x2="%.1f" y1="%.1f" y2="%.1f" class="conn"/>' % (x + bw, x + bw + gap, py(b2), py(b2)))
        out.append(res.svg_value(r, ci, x + bw / 2, y1 - 6, anchor="middle"))
        out.append('<text x="%.1f" y="%d" text-anchor="middle" class="tick">%s</text>' % (x + bw / 2, h - bottom + 18, esc(_clip(label, 14))))
    out.append("</svg>")
    return "".join(out)


BENCH_NAME = re.compile(r"benchmark|target|goal|median|quartile")


def draw_funnel(res):
    """Centred bars sized by the first value column; the rate columns after
    it as text, and a rate against a benchmark/target column as a bullet."""
    xi, ys = res.x_col(), res.y_cols()
    rows = res.rows[:20]
    if not ys or not rows:
        return ""
    main = ys[0]
    rest = ys[1:]
    if not rest:    # no hint for them: the rate and benchmark columns the query has
        rest = [i for i, c in enumerate(res.cols) if i not in ys and i != xi
                and all(row[i] is None or is_number(row[i]) for row in rows)
                and (c in res.rates or BENCH_NAME.search(c))]
    bench = [ci for ci in rest if BENCH_NAME.search(res.cols[ci])][:1]
    rates = [ci for ci in rest if ci not in bench]
    if rates and bench and res.cols[rates[0]] in res.rates:
        res.rates.add(res.cols[bench[0]])      # a benchmark reads like the rate it is compared to
    vmax = max([row[main] for row in rows if is_number(row[main])] or [1]) or 1
    names = res.labels(rows)
    label_w, fw, bar_h, gap, top = 170, 400, 30, 8, 26
    side = 300 if rates else 0
    w = label_w + fw + side + 20
    h = top + len(rows) * (bar_h + gap)
    out = ['<svg class="chart funnel" width="%d" viewBox="0 0 %d %d" role="img" aria-label="%s">' % (w, w, h, esc(res.query.question))]
    if rates:
        title = humanize(res.cols[rates[0]]) + (" vs " + humanize(res.cols[bench[0]]) if bench else "")
        out.append('<text x="%d" y="16" class="axis-title">%s</text>' % (label_w + fw + 24, esc(title)))
    cx = label_w + fw / 2
    for r, row in enumerate(rows):
        y = top + r * (bar_h + gap)
        v = row[main] if is_number(row[main]) else 0
        bwid = max(2.0, v / vmax * fw)
        out.append('<text x="%d" y="%.1f" text-anchor="end" class="lbl">%s</text>' % (label_w - 10, y + bar_h * 0.65, esc(_clip(names[r], 24))))
        out.append('<rect x="%.1f" y="%d" width="%.1f" height="%d" rx="4" class="s%d"/>' % (cx - bwid / 2, y, bwid, bar_h, 1))
        if bwid >= 64:
            out.append(res.svg_value(r, main, cx, y + bar_h * 0.65, anchor="middle", cls="val on"))
        else:
            out.append(res.svg_value(r, main, cx + bwid / 2 + 6, y + bar_h * 0.65))
        if rates:
            sx = label_w + fw + 24
            rc = rates[0]
            rv = row[rc]
            bv = row[bench[0]] if bench else None
            scale = max([abs(x[rc]) for x in rows if is_number(x[rc])] +
                        [abs(x[bench[0]]) for x in rows if bench and is_number(x[bench[0]])] + [1e-9])
            if is_number(rv):
                cls = "good" if (is_number(bv) and rv >= bv) else ("bad" if is_number(bv) else "s2")
                out.append('<rect x="%d" y="%d" width="%.1f" height="%d" rx="3" class="%s"/>' % (
                    sx, y + 8, max(1.0, abs(rv) / scale * 150), bar_h - 16, cls))
            if is_number(bv):
                bx = sx + abs(bv) / scale * 150
                out.append('<line x1="%.1f" x2="%.1f" y1="%d" y2="%d" class="bench"/>' % (bx, bx, y + 3, y + bar_h - 3))
            out.append(res.svg_value(r, rc, sx + 160, y + bar_h * 0.65))
            if bench:
                out.append('<text x="%d" y="%.1f" class="tick">vs</text>' % (sx + 218, y + bar_h * 0.65))
                out.append(res.svg_value(r, bench[0], sx + 238, y + bar_h * 0.65, cls="val dim"))
    out.append("</svg>")
    return "".join(out)


def draw_kpis(res):
    if not res.rows:
        return '<p class="empty">No rows.</p>'
    out = ['<div class="kpis">']
    for r in range(min(len(res.rows), 6)):
        for c, name in enumerate(res.cols):
            cap = res.caption(c)
            out.append('<div class="kpi"><div class="kpi-label">%s</div>%s%s</div>' % (
                esc(res.title(c)) + (" &middot; " + esc(fmt(res.rows[r][0])) if len(res.rows) > 1 and c else ""),
                res.cell(r, c, tag="div", cls="kpi-value"),
                '<div class="kpi-unit">%s</div>' % esc(cap[len(res.title(c)):].strip(" ()")) if cap else ""))
    out.append("</div>")
    return "".join(out)


# Columns of an insight card holding its supporting data points as JSON.
SUPPORT_COLS = ("supporting", "supporting_data", "data", "data_points", "evidence")


def is_insight(res):
    return "message" in res.cols and "confidence" in res.cols


def draw_insights(res):
    ci = {c: i for i, c in enumerate(res.cols)}
    out = ['<div class="cards">']
    for r, row in enumerate(res.rows[:MAX_ROWS]):
        sev = row[ci["severity"]] if "severity" in ci else None
        conf = row[ci["confidence"]]
        out.append('<article class="card %s">' % status_class(sev or ""))
        out.append('<div class="card-head">')
        if "category" in ci:
            out.append(res.cell(r, ci["category"], cls="chip"))
        if "severity" in ci:
            out.append(res.cell(r, ci["severity"], cls="chip sev"))
        out.append("</div>")
        out.append(res.cell(r, ci["message"], tag="p", cls="msg"))
        frac = min(1.0, max(0.0, conf)) if is_number(conf) else 0.0
        out.append('<div class="conf"><svg viewBox="0 0 200 10" class="confbar" role="img" aria-label="confidence">'
                   '<rect x="0" y="0" width="200" height="10" rx="5" class="track"/>'
                   '<rect x="0" y="0" width="%.1f" height="10" rx="5" class="fill"/></svg>'
                   '<span class="conf-label">confidence %s</span></div>' % (
                       200 * frac, res.cell(r, ci["confidence"])))
        sup_i = next((ci[c] for c in SUPPORT_COLS if c in ci), None)
        if sup_i is not None and row[sup_i] is not None:
            out.append('<div class="support">')
            try:
                data = json.loads(row[sup_i]) if isinstance(row[sup_i], str) else row[sup_i]
            except ValueError:
                data = row[sup_i]
            if isinstance(data, dict):
                for k, v in list(data.items())[:12]:
                    shown = fmt(v, bool(dashboards.RATE_NAME.search(k.lower())) and isinstance(v, float) and abs(v) <= 100) \
                        if not isinstance(v, (list, dict)) else json.dumps(v)[:120]
                    out.append('<span class="dp"><b>%s</b> %s</span>' % (esc(humanize(k)), esc(shown)))
            else:
                out.append('<span class="dp">%s</span>' % esc(_clip(str(row[sup_i]), 300)))
            out.append("</div>")
        extras = [c for c in res.cols if c not in ("category", "severity", "message", "confidence")
                  and c not in SUPPORT_COLS]
        if extras:
            out.append('<details class="more"><summary>details</summary><div class="support">%s</div></details>' % "".join(
                '<span class="dp"><b>%s</b> %s</span>' % (esc(humanize(c)), res.cell(r, ci[c])) for c in extras))
        out.append("</article>")
    out.append("</div>")
    return "".join(out)


def draw_table(res, limit=MAX_ROWS):
    if not res.cols:
        return '<p class="empty">The statement returned no columns.</p>'
    num = [all(r[i] is None or is_number(r[i]) for r in res.rows) for i in range(len(res.cols))]
    out = ['<div class="tablewrap"><table><thead><tr>']
    for i, c in enumerate(res.cols):
        cap = res.caption(i)
        out.append('<th class="%s"%s>%s</th>' % ("n" if num[i] else "", ' title="%s"' % esc(cap) if cap else "",
                                                 esc(res.title(i))))
    out.append("</tr></thead><tbody>")
    for r in range(min(len(res.rows), limit)):
        out.append('<tr class="partial">' if r in res.partial else "<tr>")
        for c in range(len(res.cols)):
            out.append('<td class="%s">%s</td>' % ("n" if num[c] else "", res.cell(r, c)))
        out.append("</tr>")
    out.append("</tbody></table></div>")
    if len(res.rows) > limit:
        out.append('<p class="note">Showing %s of %s rows (run the query for all of them).</p>' % (
            fmt(limit), fmt(len(res.rows))))
    if not res.rows:
        out.append('<p class="empty">No rows for these filters.</p>')
    return "".join(out)


DRAW = {"bar": draw_bar, "line": draw_line, "waterfall": draw_waterfall, "funnel": draw_funnel}


def section(res):
    q = res.query
    kind = "insights" if (not res.error and is_insight(res)) else q.chart
    wide = kind in ("table", "insights", "line", "waterfall") or len(res.cols) > 5
    out = ['<section class="panel %s%s" id="%s" data-chart="%s" data-rows="%d">' % (
        "wide" if wide else "", " error" if res.error else "", esc(q.name), esc(kind), len(res.rows))]
    out.append('<h2>%s</h2><p class="question">%s</p>' % (esc(humanize(q.name)), esc(q.question)))
    if res.filters_ignored:
        out.append('<p class="ignored">This panel ignores the filter%s %s.</p>' % (
            "s" if len(res.filters_ignored) > 1 else "", esc(", ".join(res.filters_ignored))))
    if res.partial and not res.error:
        out.append('<p class="note partial-note">Hatched: the period holding the as-of date, still partial.</p>')
    if res.error:
        out.append('<p class="err">This query failed: <code>%s</code></p>' % esc(res.error))
    elif kind == "kpi":
        out.append(draw_kpis(res))
    elif kind == "insights":
        out.append(draw_insights(res))
    elif kind == "table" or kind not in DRAW:
        out.append(draw_table(res))
    else:
        svg = DRAW[kind](res) if res.rows else ""
        out.append(svg or '<p class="empty">No rows for these filters.</p>')
        if res.rows:
            out.append('<details><summary>Data (%s rows)</summary>%s</details>' % (fmt(len(res.rows)), draw_table(res)))
    out.append('<p class="src">%s &middot; <code>%s</code></p></section>' % (
        esc(os.path.relpath(q.path, ROOT) if q.path.startswith(ROOT) else os.path.basename(q.path)) + ":" + str(q.line),
        esc(q.persona + "." + q.name)))
    return "".join(out)


# ---------------------------------------------------------------- page

CSS = """
:root{color-scheme:light;--bg:#f4f6fa;--panel:#ffffff;--ink:#1b2433;--muted:#5c677a;--line:#dfe4ec;
--grid:#e9edf3;--accent:#2f6fed;--s1:#2f6fed;--s2:#12a594;--s3:#e08a00;--s4:#8e4ec6;--s5:#d6409f;--s6:#5b6b7f;
--good:#1f9d55;--warn:#d89b00;--bad:#e5484d;--crit:#a3132b;--info:#2f6fed;--total:#51607a;--chip:#eef2f8}
@media (prefers-color-scheme: dark){:root{color-scheme:dark;--bg:#0d1117;--panel:#161b24;--ink:#e6ebf2;
--muted:#95a1b3;--line:#283142;--grid:#222a38;--accent:#6ea8fe;--s1:#6ea8fe;--s2:#3fd0b8;--s3:#f5b544;
--s4:#b68cf0;--s5:#f07ac3;--s6:#9aa8bb;--good:#3dd68c;--warn:#f5c542;--bad:#ff6b6e;--crit:#ff3b5c;
--info:#6ea8fe;--total:#8391a8;--chip:#222b3a}}
:root:has(#theme-light:checked){color-scheme:light;--bg:#f4f6fa;--panel:#ffffff;--ink:#1b2433;--muted:#5c677a;
--line:#dfe4ec;--grid:#e9edf3;--accent:#2f6fed;--s1:#2f6fed;--s2:#12a594;--s3:#e08a00;--s4:#8e4ec6;--s5:#d6409f;
--s6:#5b6b7f;--good:#1f9d55;--warn:#d89b00;--bad:#e5484d;--crit:#a3132b;--info:#2f6fed;--total:#51607a;--chip:#eef2f8}
:root:has(#theme-dark:checked){color-scheme:dark;--bg:#0d1117;--panel:#161b24;--ink:#e6ebf2;--muted:#95a1b3;
--line:#283142;--grid:#222a38;--accent:#6ea8fe;--s1:#6ea8fe;--s2:#3fd0b8;--s3:#f5b544;--s4:#b68cf0;--s5:#f07ac3;
--s6:#9aa8bb;--good:#3dd68c;--warn:#f5c542;--bad:#ff6b6e;--crit:#ff3b5c;--info:#6ea8fe;--total:#8391a8;--chip:#222b3a}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--ink);font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif}
header{display:flex;flex-wrap:wrap;gap:12px 24px;align-items:center;justify-content:space-between;padding:18px 28px;
background:var(--panel);border-bottom:1px solid var(--line)}
header h1{margin:0;font-size:22px;letter-spacing:-.01em}
header .sub{color:var(--muted);font-size:13px}
nav{display:flex;flex-wrap:wrap;gap:6px;padding:10px 28px;border-bottom:1px solid var(--line);background:var(--panel)}
nav a{color:var(--muted);text-decoration:none;padding:4px 10px;border-radius:999px;font-size:13px}
nav a:hover{background:var(--chip);color:var(--ink)}
nav a.here{background:var(--accent);color:#fff}
.filters{display:flex;flex-wrap:wrap;gap:6px}
.filters span{background:var(--chip);border-radius:6px;padding:2px 8px;font-size:12px;color:var(--muted)}
.filters b{color:var(--ink);font-weight:600}
.theme{display:flex;gap:2px;background:var(--chip);border-radius:8px;padding:3px}
.theme input{position:absolute;opacity:0;pointer-events:none}
.theme label{padding:3px 10px;border-radius:6px;cursor:pointer;font-size:12px;color:var(--muted)}
.theme input:checked+label{background:var(--panel);color:var(--ink);box-shadow:0 1px 2px rgba(0,0,0,.15)}
main{display:grid;grid-template-columns:repeat(auto-fill,minmax(560px,1fr));grid-auto-flow:row dense;gap:18px;padding:22px 28px 40px}
.panel{background:var(--panel);border:1px solid var(--line);border-radius:12px;padding:16px 18px;min-width:0}
.panel.wide{grid-column:1/-1}
.panel h2{margin:0;font-size:16px}
.question{margin:2px 0 12px;color:var(--muted);font-size:13px}
.src{margin:10px 0 0;color:var(--muted);font-size:11px}
.src code{font-size:11px}
.kpis{display:grid;grid-template-columns:repeat(auto-fill,minmax(185px,1fr));gap:10px}
.kpi{background:var(--chip);border-radius:10px;padding:10px 12px}
.kpi-label{color:var(--muted);font-size:12px}
.kpi-unit{color:var(--muted);font-size:11px}
.ignored{color:var(--warn);font-size:12px;margin:4px 0}
rect.partial{fill-opacity:.35;stroke:currentColor;stroke-dasharray:4 3;stroke-width:1}
circle.partial{fill:var(--bg,#fff);stroke-width:2}
tr.partial td{font-style:italic}
.kpi-value{font-size:21px;overflow-wrap:anywhere;font-weight:650;font-variant-numeric:tabular-nums;letter-spacing:-.01em}
svg.chart{max-width:100%;height:auto;display:block}
svg text{fill:var(--ink);font-size:12px;font-family:inherit}
svg .tick,svg .legend{fill:var(--muted);font-size:11px}
svg .axis-title{fill:var(--muted);font-size:12px;font-weight:600}
svg .val{font-variant-numeric:tabular-nums}
svg .val.on{fill:#fff;font-weight:600}
svg .val.dim{fill:var(--muted)}
svg .grid{stroke:var(--grid);stroke-width:1}
svg .zero{stroke:var(--line);stroke-width:1}
svg .conn{stroke:var(--muted);stroke-dasharray:3 3;stroke-width:1}
svg .bench{stroke:var(--ink);stroke-width:2.5}
svg .ln{fill:none;stroke-width:2.2;stroke-linejoin:round}
.s1{fill:var(--s1)}.s2{fill:var(--s2)}.s3{fill:var(--s3)}.s4{fill:var(--s4)}.s5{fill:var(--s5)}.s6{fill:var(--s6)}
.ln.s1{stroke:var(--s1);fill:none}.ln.s2{stroke:var(--s2);fill:none}.ln.s3{stroke:var(--s3);fill:none}
.ln.s4{stroke:var(--s4);fill:none}.ln.s5{stroke:var(--s5);fill:none}.ln.s6{stroke:var(--s6);fill:none}
rect.good{fill:var(--good)}rect.warn{fill:var(--warn)}rect.bad,rect.neg{fill:var(--bad)}rect.crit{fill:var(--crit)}
rect.info{fill:var(--info)}rect.total{fill:var(--total)}
.tablewrap{overflow-x:auto}
table{border-collapse:collapse;width:100%;font-size:13px}
th{text-align:left;color:var(--muted);font-weight:600;border-bottom:1px solid var(--line);padding:6px 8px;white-space:nowrap}
td{border-bottom:1px solid var(--grid);padding:5px 8px;vertical-align:top}
th.n,td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
details{margin-top:8px}summary{cursor:pointer;color:var(--muted);font-size:12px}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(300px,1fr));gap:12px}
.card{border:1px solid var(--line);border-left:4px solid var(--accent);border-radius:10px;padding:12px 14px;background:var(--panel)}
.card.good{border-left-color:var(--good)}.card.warn{border-left-color:var(--warn)}.card.bad{border-left-color:var(--bad)}
.card.crit{border-left-color:var(--crit)}
.card-head{display:flex;gap:6px;margin-bottom:6px}
.chip{background:var(--chip);border-radius:999px;padding:1px 9px;font-size:11px;font-weight:600;color:var(--muted)}
.msg{margin:0 0 8px}
.conf{display:flex;align-items:center;gap:8px;font-size:12px;color:var(--muted)}
.confbar{width:140px;height:10px}.confbar .track{fill:var(--grid)}.confbar .fill{fill:var(--accent)}
.support{display:flex;flex-wrap:wrap;gap:5px;margin-top:8px}
.dp{background:var(--chip);border-radius:6px;padding:1px 7px;font-size:11px;color:var(--muted)}
.dp b{color:var(--ink);font-weight:600;margin-right:3px}
.more{margin-top:6px}.more summary{font-size:11px}
.err{color:var(--bad)}.empty,.note{color:var(--muted);font-size:12px}
.persona-list{display:grid;grid-template-columns:repeat(auto-fill,minmax(300px,1fr));gap:14px}
.persona-list a{color:inherit;text-decoration:none}
.persona-list .panel:hover{border-color:var(--accent)}
.persona-list h2 a:hover,.persona-list li a:hover{color:var(--accent)}
.persona-list ul{margin:6px 0 0;padding-left:18px;color:var(--muted);font-size:13px;columns:2;column-gap:18px}
.persona-list li{break-inside:avoid;margin:1px 0}
footer{color:var(--muted);font-size:12px;padding:0 28px 28px}
@media print{nav,.theme,details{display:none}main{display:block;padding:0}
.panel{break-inside:avoid;margin:0 0 12px;border-color:#ccc}body{background:#fff}}
"""

# The one script: records errors and a render marker on <html> for the
# browser test (data-errors, data-rendered).  Allowed by its hash only.
SCRIPT = ("(function(){var d=document.documentElement,e=[];"
          "window.addEventListener('error',function(x){e.push(String(x.message||(x.target&&x.target.tagName)||'error'));"
          "d.setAttribute('data-errors',e.join(' | '))},true);"
          "document.addEventListener('DOMContentLoaded',function(){"
          "d.setAttribute('data-rendered',String(document.querySelectorAll('section.panel').length))});})();")
SCRIPT_HASH = base64.b64encode(hashlib.sha256(SCRIPT.encode()).digest()).decode()
CSP = ("default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
       "script-src 'sha256-%s'; base-uri 'none'; form-action 'none'" % SCRIPT_HASH)


def persona_title(p):
    return {"ceo": "CEO", "cro": "CRO", "vp_sales": "VP Sales"}.get(p, humanize(p))


def page(title, subtitle, filters, theme, nav, body, generated):
    checked = {t: (" checked" if t == theme else "") for t in ("auto", "light", "dark")}
    chips = "".join('<span>%s <b>%s</b></span>' % (esc(humanize(k)), esc(v if v is not None else ("latest" if k == "as_of" else "all")))
                    for k, v in filters)
    return """<!DOCTYPE html>
<html lang="en" data-theme="%s">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="%s">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="revops tools/report.py">
<title>%s</title>
<script>%s</script>
<style>%s</style>
</head>
<body>
<header>
<div><h1>%s</h1><div class="sub">%s</div></div>
<div class="filters">%s</div>
<div class="theme" role="radiogroup" aria-label="Theme">
<input type="radio" name="theme" id="theme-auto"%s><label for="theme-auto">Auto</label>
<input type="radio" name="theme" id="theme-light"%s><label for="theme-light">Light</label>
<input type="radio" name="theme" id="theme-dark"%s><label for="theme-dark">Dark</label>
</div>
</header>
<nav>%s</nav>
%s
<footer>%s</footer>
</body>
</html>
""" % (esc(theme), esc(CSP), esc(title), SCRIPT, CSS, esc(title), esc(subtitle), chips,
       checked["auto"], checked["light"], checked["dark"], nav, body, esc(generated))


def as_of_shown(con, given):
    """The as-of date the pages show and where it came from (issue 22:
    the page says which source): the filter, the as_of setting, or the
    table.column holding the latest business date (as_of_date.source)."""
    if given:
        return given, "the as_of filter"
    try:
        as_of, source, latest = con.execute("SELECT as_of, source, latest_date FROM as_of_date").fetchone()
    except sqlite3.Error:           # views installed before as_of_date had a source
        try:
            return con.execute("SELECT as_of FROM as_of_date").fetchone()[0], None
        except sqlite3.Error:
            return None, None
    if source is None:
        return as_of, "no dated data"
    if source == "settings":
        return as_of, "the as_of setting"
    return as_of, "the day after the latest %s (%s)" % (source, latest)


def build(db, out, values, theme="auto", dashboards_dir=None, ext=None, personas=None):
    """Write the pages; return (list of written files, list of failures)."""
    ext = ext or os.path.join(ROOT, "dist", "revops")
    d = dashboards_dir or os.path.join(ROOT, "sql", "dashboards")
    if not os.path.isdir(d) or not any(f.endswith(".sql") for f in os.listdir(d)):
        raise SystemExit("report: no dashboard files (<persona>.sql) in %s" % d)
    queries = dashboards.load(d)
    as_of = values.get("as_of")
    con = dashboards.connect(db, ext, "report", as_of)
    shown_as_of, as_of_from = as_of_shown(con, as_of)
    try:
        catalogue = dashboards.catalogue(con)
    except sqlite3.Error:
        catalogue = {}          # views installed before the catalogue existed
    by_persona = {}
    for q in queries:
        by_persona.setdefault(q.persona, []).append(q)
    if personas:
        by_persona = {p: qs for p, qs in by_persona.items() if p in personas}
    os.makedirs(out, exist_ok=True)
    filters = [(k, values.get(k)) for k in dashboards.FILTERS if k != "as_of"] + [("as_of", shown_as_of or as_of)] + ([("as_of_source", as_of_from)] if as_of_from else []) + \
        [(k, v) for k, v in values.items() if k not in dashboards.FILTERS and v is not None]
    generated = "Generated by tools/report.py from %s and %s; the same queries print in the sqlite3 shell." % (
        os.path.basename(db), "sql/dashboards" if dashboards_dir is None else os.path.basename(os.path.normpath(dashboards_dir)))
    written, failures = [], []

    def nav(here):
        links = ['<a href="index.html"%s>Overview</a>' % (' class="here"' if here is None else "")]
        for p in by_persona:
            links.append('<a href="%s.html"%s>%s</a>' % (esc(p), ' class="here"' if p == here else "", esc(persona_title(p))))
        return "".join(links)

    for persona, qs in by_persona.items():
        sections = []
        try:
            panels = dashboards.run_persona(con, persona, values, queries=qs)["panels"]
        except dashboards.FilterError as e:
            raise SystemExit("report: %s" % e)
        for q, p in zip(qs, panels):
            if p["error"]:
                res = Result(q, [], [], error=p["error"], filters_ignored=p["filters_ignored"])
                failures.append("%s.%s: %s" % (persona, q.name, p["error"]))
            else:
                res = Result(q, p["columns"], [tuple(r) for r in p["rows"]],
                             metrics={c: catalogue[m] for c, m in p["metrics"].items() if m in catalogue},
                             filters_ignored=p["filters_ignored"])
            sections.append(section(res))
        body = "<main>%s</main>" % "".join(sections)
        path = os.path.join(out, persona + ".html")
        with open(path, "w", encoding="utf-8") as f:
            f.write(page("%s dashboard" % persona_title(persona), "revops \u00b7 %d questions" % len(qs),
                         filters, theme, nav(persona), body, generated))
        written.append(path)
    cards = []
    for persona, qs in by_persona.items():
        items = "".join('<li><a href="%s.html#%s" title="%s">%s</a></li>' % (
            esc(persona), esc(q.name), esc(q.question), esc(humanize(q.name))) for q in qs)
        cards.append('<section class="panel"><h2><a href="%s.html">%s</a></h2><p class="question">%d questions</p>'
                     '<ul>%s</ul></section>' % (esc(persona), esc(persona_title(persona)), len(qs), items))
    body = '<main><section class="panel wide"><div class="persona-list">%s</div></section></main>' % "".join(cards)
    path = os.path.join(out, "index.html")
    with open(path, "w", encoding="utf-8") as f:
        f.write(page("revops dashboards", "%d personas \u00b7 %s" % (len(by_persona), os.path.basename(db)),
                     filters, theme, nav(None), body, generated))
    written.append(path)
    con.close()
    return written, failures


def _is_date(v):
    try:
        return re.fullmatch(r"\d{4}-\d{2}-\d{2}", v) is not None and bool(datetime.date.fromisoformat(v))
    except ValueError:
        return False


def main(argv=None):
    ap = argparse.ArgumentParser(description="Write the persona dashboards as HTML pages.")
    ap.add_argument("db")
    ap.add_argument("--out", default=os.path.join(ROOT, "build", "report"))
    ap.add_argument("--dashboards", help="directory of <persona>.sql files (default sql/dashboards)")
    ap.add_argument("--ext", help="the revops extension (default dist/revops)")
    ap.add_argument("--theme", choices=("auto", "light", "dark"), default="auto")
    ap.add_argument("--persona", action="append", help="only this persona (repeatable)")
    for f in dashboards.FILTERS:
        ap.add_argument("--" + f.replace("_", "-"), dest=f, default=None)
    ap.add_argument("--param", action="append", default=[], metavar="NAME=VALUE",
                    help="any other parameter a query takes, e.g. account_id=A000424 (repeatable)")
    a = ap.parse_args(argv)
    values = {f: (getattr(a, f) or None) for f in dashboards.FILTERS}
    for kv in a.param:
        k, eq, v = kv.partition("=")
        if not eq or not re.fullmatch(r"[A-Za-z_]\w*", k):
            ap.error("--param takes NAME=VALUE, got %r" % kv)
        values[k] = v or None
    for k in ("start_date", "end_date", "as_of"):
        v = values[k]
        if v is not None and not _is_date(v):
            ap.error("--%s must be a date YYYY-MM-DD, got %r" % (k.replace("_", "-"), v))
    written, failures = build(a.db, a.out, values, a.theme, a.dashboards, a.ext, a.persona)
    print("report: wrote %d pages to %s (open %s)" % (len(written), a.out, os.path.join(a.out, "index.html")))
    for f in failures:
        print("report: query failed: %s" % f, file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
