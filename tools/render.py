"""tools/render.py — the pages people read: one renderer for the HTML report and the served dashboards.

tools/report.py (static files) and datasette/plugins/revops_pages.py (pages
served by Datasette) both draw with this module, from the structure
tools/dashboards.py run_persona returns, so a number looks the same in
both.  What it draws (docs/report.md):

  * numbers as their metric's unit and format say (the catalogue,
    docs/metrics.md): the currency symbol from the setting
    (settings.currency_symbol or settings.currency, else $), K/M/B on
    cards and chart axes with the exact figure on hover and in tables,
    one percent format, days and hours written as such;
  * KPI cards: value, window, change against the same day of the prior
    quarter (like for like for a quarter to date), the benchmark band
    or quota where one exists, a sparkline; the headline cards first
    (tools/layout.py), the others grouped by window;
  * charts with axis titles and units, the partial period hatched or
    dashed, weekly series of sums shown by month, bars as wide as the
    panel, one colour per meaning (higher-is-better blue, lower-is-better
    red, statuses green/amber/red; nothing teal);
  * tables that scroll inside their panel, sort by any column, say Yes/No
    for flags and write dates as dates, and download as CSV;
  * links from every account and deal a panel names to its page.

Every value from the database is escaped (html.escape); the one script is
constant text (SCRIPT), so a page's Content-Security-Policy can allow it
by its hash.  Standard library only.
"""
import base64
import datetime
import hashlib
import html
import json
import math
import re

import dashboards
import layout

ACRONYMS = {"mrr", "arr", "nrr", "grr", "roi", "cac", "ltv", "nps", "csat", "sla", "qoq",
            "yoy", "id", "ae", "mql", "sql", "sal", "ceo", "cro",
            "vp", "qbr", "eol", "wape", "mape", "kpi", "ar", "dso", "icp", "arpa", "arpu", "mau", "csm"}
MAX_ROWS = 100          # rows a table holds; the panel says when the query gave more
LONG_SERIES = 60        # more points than this: sums shown by month, the rest the last 52
CURRENCIES = {"USD": "$", "EUR": "\u20ac", "GBP": "\u00a3", "JPY": "\u00a5", "INR": "\u20b9", "CHF": "CHF ",
              "CAD": "CA$", "AUD": "A$", "SEK": "kr ", "NOK": "kr ", "DKK": "kr ", "BRL": "R$", "CNY": "CN\u00a5"}
UNIT_SUFFIX = {"days": " days", "hours": " h", "minutes": " min", "months": " months"}


def esc(s):
    return html.escape(str(s), quote=True)


def humanize(name):
    words = [w.upper() if w in ACRONYMS else "RevOps" if w == "revops" else
             (w[:-1].upper() + "s" if w.endswith("s") and w[:-1] in ACRONYMS else w)
             for w in name.split("_") if w]
    if words and words[0].islower():
        words[0] = words[0].capitalize()
    return " ".join(words) or name


def persona_title(p):
    return {"ceo": "CEO", "cro": "CRO", "vp_sales": "VP Sales"}.get(p, humanize(p))


def is_number(v):
    return isinstance(v, (int, float)) and not isinstance(v, bool) and not (
        isinstance(v, float) and (math.isnan(v) or math.isinf(v)))


def clip(s, n):
    return s if len(s) <= n else s[:n - 1] + "\u2026"


DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}$")
STAMP_RE = re.compile(r"\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def date_text(v):
    """'2026-02-21' as '21 Feb 2026', a timestamp with its time; other text as it is."""
    if isinstance(v, str) and (DATE_RE.match(v) or STAMP_RE.match(v)):
        try:
            d = datetime.date.fromisoformat(v[:10])
        except ValueError:
            return v
        out = "%d %s %d" % (d.day, MONTHS[d.month - 1], d.year)
        return out + (" " + v[11:16] if len(v) > 10 else "")
    return v


def currency_symbol(con):
    """The currency symbol from the database's settings: currency_symbol as
    written, else currency as an ISO code (USD, EUR, ...), else $."""
    try:
        rows = dict(con.execute("SELECT key, value FROM settings WHERE key IN ('currency_symbol', 'currency')"))
    except Exception:
        rows = {}
    if rows.get("currency_symbol"):
        return str(rows["currency_symbol"])
    code = str(rows.get("currency") or "").strip().upper()
    if code:
        return CURRENCIES.get(code, code + " ")
    return "$"


# ---------------------------------------------------------------- numbers

class Fmt:
    """How a value reads: exact (tables, hover), short (cards, axes)."""

    def __init__(self, currency="$"):
        self.cur = currency

    def plain(self, v):
        """A value with no metric: integers with separators, other numbers two decimals."""
        if v is None:
            return "\u2014"
        if isinstance(v, bool):
            return "Yes" if v else "No"
        if isinstance(v, int):
            return "{:,}".format(v)
        if isinstance(v, float):
            if math.isnan(v) or math.isinf(v):
                return str(v)
            return "{:,.2f}".format(v)
        if isinstance(v, bytes):
            return "<%d bytes>" % len(v)
        return str(v)

    def _money(self, text):
        return "-" + self.cur + text[1:] if text.startswith("-") else self.cur + text

    def exact(self, v, m, unit_suffix=True):
        """The exact figure: currency with its symbol and cents, percent with
        the metric's decimals, counts whole, durations with their unit."""
        if v is None:
            return "\u2014"
        if not is_number(v) or not m:
            return self.plain(v)
        text = dashboards.format_value(v, m)
        unit = m.get("unit")
        if unit == "currency":
            return self._money(text)
        if unit_suffix and unit in UNIT_SUFFIX:
            return text + UNIT_SUFFIX[unit]
        return text

    def short(self, v, m):
        """Cards and axes: currency and counts from 10,000 as 12.3K, 71.9M, 1.24B
        (three significant digits); everything else as exact."""
        if v is None or not is_number(v) or not m:
            return self.exact(v, m)
        unit = m.get("unit")
        if unit in ("currency", "count") and abs(v) >= 10000:
            text = scaled(v)
            return self._money(text) if unit == "currency" else text
        return self.exact(v, m)

    def change(self, v, p, m):
        """(text, css class) of the change from p to v: percent metrics in
        points, ratios and scores as a difference, the rest relative."""
        if not (is_number(v) and is_number(p)) or not m:
            return None
        unit, fmt = m.get("unit"), m.get("format") or ""
        d = v - p
        if d == 0:
            return ("no change", "flat")
        # as many decimals as it takes for a change to show (never "+0.0" for a real one)
        if unit == "percent":
            x, places, suffix = d * 100, 1, " pts"
        elif unit in ("ratio", "score"):
            x, places, suffix = d, int(fmt) if fmt.isdigit() else 2, ""
        else:
            if p == 0:
                return ("new" if v else "no change", "flat")
            x, places, suffix = d / abs(p) * 100, 1, "%"
        while places < 6 and round(abs(x), places) == 0:
            places += 1
        text = "%+.*f%s" % (places, x, suffix)
        arrow = "\u25b2" if d > 0 else "\u25bc"
        direction = m.get("direction") or ""
        good = (d > 0) == direction.startswith("higher")
        cls = "flat" if direction == "neutral" or not direction else ("good" if good else "bad")
        return ("%s %s" % (arrow, text.replace("+", "").replace("-", "")), cls)

    def ticks(self, ticks, m):
        """Axis tick labels in one unit for the axis."""
        unit = (m or {}).get("unit")
        step = abs(ticks[1] - ticks[0]) if len(ticks) > 1 else 1
        if unit == "percent":
            d = max(0, -math.floor(math.log10(step * 100))) if step * 100 < 1 else 0
            return ["{:,.{}f}%".format(t * 100, d) for t in ticks]
        top = max(abs(t) for t in ticks) or 1
        div, suf = 1, ""
        for dv, sf in ((1e9, "B"), (1e6, "M"), (1e3, "K")):
            if top >= dv * 10 or (dv > 1e3 and top >= dv):
                div, suf = dv, sf
                break
        rel = step / div
        d = max(0, -math.floor(math.log10(rel) + 1e-9)) if rel < 1 else 0
        d += 1 if abs(rel * 10 ** d - round(rel * 10 ** d)) > 1e-6 else 0    # steps like 2.5
        out = []
        for t in ticks:
            s = "0" if t == 0 else "{:,.{}f}{}".format(t / div, d, suf)
            out.append(self._money(s) if unit == "currency" and t != 0 else s)
        return out


def scaled(v):
    """12.3K, 71.9M, 1.24B: three significant digits."""
    for div, suf in ((1e9, "B"), (1e6, "M"), (1e3, "K")):
        if abs(v) >= div * 0.9995:
            s = v / div
            places = 2 if abs(s) < 9.995 else 1 if abs(s) < 99.95 else 0
            if round(abs(s), places) >= 1000 and suf != "B":
                continue
            return "{:,.{}f}{}".format(s, places, suf)
    return "{:,.0f}".format(v)


def nice_ticks(lo, hi, n=4):
    if hi == lo:
        hi = lo + (abs(lo) or 1)
    step = (hi - lo) / n
    mag = 10 ** math.floor(math.log10(step))
    for k in (1, 2, 2.5, 5, 10):
        if k * mag >= step:
            step = k * mag
            break
    start = math.floor(lo / step) * step
    ticks, t = [], start
    while t <= hi + step * 1e-9:
        ticks.append(round(t, 12))
        t += step
    if ticks[-1] < hi:
        ticks.append(ticks[-1] + step)
    return ticks


# ---------------------------------------------------------------- colour by meaning

def tone(m):
    """The colour family a metric is drawn in: up (higher is better: blue),
    down (lower is better: red), neutral (slate)."""
    d = (m or {}).get("direction") or ""
    return "up" if d.startswith("higher") else "down" if d.startswith("lower") else "neutral"


STATUS = (("critical", "crit"), ("at risk", "bad"), ("high", "bad"), ("monitor", "warn"),
          ("medium", "warn"), ("warning", "warn"), ("healthy", "good"), ("low", "good"), ("info", "info"))


def status_class(label):
    s = str(label).lower()
    for key, cls in STATUS:
        if key in s:
            return cls
    return ""


# ---------------------------------------------------------------- links

class Links:
    """Where a page's account and deal names link to.  account(id) and
    deal(id) give a URL or None (no page for it); persona(p) the persona
    page in the same filter set."""

    def __init__(self, account=None, deal=None, persona=None):
        self._account, self._deal, self._persona = account, deal, persona

    def account(self, aid):
        return self._account(aid) if self._account and aid is not None else None

    def deal(self, oid):
        return self._deal(oid) if self._deal and oid is not None else None

    def persona(self, p):
        return self._persona(p) if self._persona else p + ".html"


class Names:
    """Which account or deal a row names: ids as they are; an account name
    or a deal name (with its account) only when exactly one record has it."""

    def __init__(self, con=None):
        self.account_ids, self.deal_ids = set(), set()
        self.by_name, self.deal_by = {}, {}
        self.account_name, self.deal_info = {}, {}
        if con is None:
            return
        seen = {}
        for aid, name in con.execute("SELECT account_id, name FROM accounts"):
            self.account_ids.add(aid)
            self.account_name[aid] = name
            seen.setdefault(name, []).append(aid)
        self.by_name = {n: ids[0] for n, ids in seen.items() if len(ids) == 1 and n is not None}
        keys = {}
        for oid, aid, name, amount in con.execute("SELECT opportunity_id, account_id, name, amount FROM opportunities"):
            self.deal_ids.add(oid)
            self.deal_info[oid] = (aid, name)
            keys.setdefault((aid, name), []).append((oid, amount))
        self.deal_by = keys

    def deal_account(self, oid):
        return self.deal_info.get(oid, (None, None))[0]

    def deal_name(self, oid):
        return self.deal_info.get(oid, (None, None))[1]

    def account_of(self, row):
        """row: {column: value}."""
        for c in layout.ACCOUNT_ID:
            if row.get(c) in self.account_ids:
                return row[c]
        for c in layout.ACCOUNT_NAME:
            if c in row and row[c] in self.by_name:
                return self.by_name[row[c]]
        return None

    def deal_of(self, row):
        for c in layout.DEAL_ID:
            if row.get(c) in self.deal_ids:
                return row[c]
        aid = self.account_of(row)
        if aid is None:
            return None
        for c in layout.DEAL_NAME:
            if c in row and isinstance(row[c], str):
                cands = self.deal_by.get((aid, row[c]), [])
                if len(cands) > 1 and is_number(row.get("amount")):
                    cands = [x for x in cands if x[1] is not None and abs(x[1] - row["amount"]) < 0.005]
                if len(cands) == 1:
                    return cands[0][0]
        return None


# ---------------------------------------------------------------- a panel

FLAG_NAME = re.compile(r"^(is|has|was)_|_(flag|met|breached)$|^(disputed|credit_hold|overdue|still_open|bottleneck|"
                       r"executive_sponsor|qbr_scheduled|opted_in|is_decision_maker|at_risk|adjusted|kicked_off)$")


class Panel:
    """One query's outcome (a panel of dashboards.run_persona) with what the
    drawing needs: the catalogue row of each metric column, flags, dates,
    the partial rows, the rows' accounts and deals."""

    def __init__(self, query, panel, catalogue, fmt, links=None, names=None):
        self.query, self.p = query, panel
        self.id = query.name
        self.cols = panel.get("columns") or []
        self.rows = [tuple(r) for r in panel.get("rows") or []]
        self.error = panel.get("error")
        self.filters_ignored = panel.get("filters_ignored") or []
        self.metrics = {c: catalogue[m] for c, m in (panel.get("metrics") or {}).items() if m in catalogue}
        self.metric_ids = dict(panel.get("metrics") or {})
        self.fmt, self.links, self.names = fmt, links or Links(), names or Names()
        dims = set(query.dimensions)
        self.flags = set()
        self.dates = set()
        for i, c in enumerate(self.cols):
            vals = [r[i] for r in self.rows if r[i] is not None]
            if not vals:
                continue
            if c not in self.metrics and all(isinstance(v, int) and v in (0, 1) for v in vals) and \
                    (FLAG_NAME.search(c) or c not in dims):
                self.flags.add(c)
            elif all(isinstance(v, str) and (DATE_RE.match(v) or STAMP_RE.match(v)) for v in vals):
                self.dates.add(c)
        pi = self.cols.index("is_partial") if "is_partial" in self.cols else None
        self.partial = {r for r, row in enumerate(self.rows) if pi is not None and row[pi]}
        if not self.metrics and not self.error:     # a dashboard file without -- metrics: lines
            self.rates = dashboards.rate_columns(query, self.cols, self.rows)
        else:
            self.rates = set()

    # what a value reads as
    def metric(self, c):
        m = self.metrics.get(self.cols[c])
        if m is None and self.cols[c] in self.rates:
            return {"unit": "percent", "format": "1", "label": humanize(self.cols[c])}
        return m

    def exact(self, r, c, unit_suffix=False):
        v, name = self.rows[r][c], self.cols[c]
        if name in self.flags and v is not None:
            return "Yes" if v else "No"
        if name in self.dates:
            return date_text(v)
        return self.fmt.exact(v, self.metric(c), unit_suffix)

    def short(self, r, c):
        return self.fmt.short(self.rows[r][c], self.metric(c))

    def raw(self, r, c):
        """The value as stored, for data-v and CSV: floats in full."""
        v = self.rows[r][c]
        if v is None:
            return ""
        if isinstance(v, float):
            return repr(v)
        return str(v)

    def title(self, c):
        m = self.metrics.get(self.cols[c])
        return m["label"] if m else humanize(self.cols[c])

    def caption(self, c):
        m = self.metrics.get(self.cols[c])
        return dashboards.metric_caption(m) if m else ""

    def unit_of(self, c):
        m = self.metric(c)
        return (m or {}).get("unit") or ""

    def row_dict(self, r):
        return dict(zip(self.cols, self.rows[r]))

    def tag(self, r, c):
        return ' data-q="%s" data-r="%d" data-c="%s"' % (esc(self.id), r, esc(self.cols[c]))

    def value_el(self, r, c, tag="span", cls="v", short=False, extra=""):
        """A value the browser test can find (data-q/-r/-c); short values carry the exact one as a title."""
        text = self.short(r, c) if short else self.exact(r, c, unit_suffix=True)
        exact = self.exact(r, c, unit_suffix=True)
        title = ' title="%s"' % esc(exact) if short and text != exact else ""
        return '<%s class="%s"%s%s%s>%s</%s>' % (tag, cls, self.tag(r, c), title, extra, esc(text), tag)

    # axes
    def x_col(self):
        x = self.query.meta.get("x", "").strip()
        if x in self.cols:
            return self.cols.index(x)
        for i, c in enumerate(self.cols):
            if any(isinstance(r[i], str) for r in self.rows):
                return i
        return 0

    def y_cols(self):
        ys = [c.strip() for c in self.query.meta.get("y", "").split(",") if c.strip()]
        idx = [self.cols.index(c) for c in ys if c in self.cols]
        if idx:
            return idx
        xi = self.x_col()
        return [i for i, c in enumerate(self.cols)
                if i != xi and c not in self.flags and any(is_number(r[i]) for r in self.rows)
                and all(r[i] is None or is_number(r[i]) for r in self.rows)
                and c not in self.query.dimensions]

    def labels(self, rows):
        """The x column's text per row; when it repeats (x: segment over
        segment x region rows), every text column joined, so bars differ."""
        xi = self.x_col()
        first = [self.fmt.plain(date_text(r[xi])) for r in rows]
        if len(set(first)) == len(first):
            return first
        texts = [i for i, _ in enumerate(self.cols) if any(isinstance(r[i], str) for r in rows) and i != xi]
        return [" \u00b7 ".join([first[k]] + [self.fmt.plain(r[i]) for i in texts]) for k, r in enumerate(rows)]

    def is_series(self):
        xi = self.x_col()
        return bool(self.cols) and self.cols[xi] in layout.PERIOD_COLUMNS and len(self.rows) >= 2

    def link_for(self, r):
        """(url, kind) of the deal or account row r names, or (None, None)."""
        row = self.row_dict(r)
        d = self.names.deal_of(row) if any(c in row for c in layout.DEAL_ID + layout.DEAL_NAME) else None
        if d is not None and self.links.deal(d):
            return self.links.deal(d), "deal"
        a = self.names.account_of(row)
        if a is not None and self.links.account(a):
            return self.links.account(a), "account"
        return None, None


# ---------------------------------------------------------------- KPI cards

class Card:
    """One KPI card: a panel cell, and what it is compared with."""

    def __init__(self, panel, r, c, prior=None, band=None, target=None, spark=None):
        self.panel, self.r, self.c = panel, r, c
        self.prior, self.band, self.target, self.spark = prior, band, target, spark
        self.label_suffix, self.direction = "", None

    @property
    def metric(self):
        m = self.panel.metric(self.c)
        if m is not None and self.direction:
            m = dict(m, direction=self.direction)
        return m

    @property
    def value(self):
        return self.panel.rows[self.r][self.c]


def card_html(card, fmt, compare_label, headline=False):
    p, r, c, m = card.panel, card.r, card.c, card.metric
    out = ['<div class="kpi%s tone-%s" data-card="%s:%d:%s">' % (" headline" if headline else "", tone(m),
                                                                  esc(p.id), r, esc(p.cols[c]))]
    label = p.title(c) + card.label_suffix
    window = (m or {}).get("window") or ""
    out.append('<div class="kpi-label">%s</div>' % esc(label))
    out.append(p.value_el(r, c, tag="div", cls="kpi-value", short=True))
    if headline and window:
        out.append('<div class="kpi-window">%s</div>' % esc(window))
    label_c = getattr(card, "compare_label", None)
    if label_c:
        short_d = label_c.split(" (")[0]
        ch = fmt.change(card.value, card.prior, m) if card.prior is not None else None
        if ch:
            out.append('<div class="kpi-delta %s" title="%s: %s" data-prior="%s">%s <span>vs %s</span></div>' % (
                ch[1], esc(label_c), esc(fmt.exact(card.prior, m)), esc(repr(card.prior)), esc(ch[0]), esc(short_d)))
        elif card.prior is None and is_number(card.value):
            out.append('<div class="kpi-delta flat" title="%s"><span>no figure for %s</span></div>' % (esc(label_c), esc(short_d)))
    if card.band:
        b = card.band
        out.append('<div class="kpi-band band-%s" title="%s">%s %s</div>' % (
            esc(b["cls"]), esc(b["title"]), esc(b["name"]), '<span>%s</span>' % esc(b["range"]) if b["range"] else ""))
    if card.target is not None:
        tc, tv = card.target
        out.append('<div class="kpi-target">%s <b%s>%s</b></div>' % (
            esc(p.title(tc)), p.tag(r, tc), esc(fmt.short(tv, p.metric(tc)))))
    if card.spark:
        out.append(sparkline(card.spark, m, fmt))
    out.append("</div>")
    return "".join(out)


def sparkline(series, m, fmt):
    """series: {"points": [(x, v, partial)], "label": ...}; a small line, the partial point hollow."""
    pts = [(x, v, part) for x, v, part in series["points"] if is_number(v)]
    if len(pts) < 2:
        return ""
    w, h, pad = 140, 30, 3
    vals = [v for _, v, _ in pts]
    lo, hi = min(vals), max(vals)
    span = (hi - lo) or 1
    px = lambda i: pad + i * (w - 2 * pad) / (len(pts) - 1)
    py = lambda v: pad + (hi - v) / span * (h - 2 * pad)
    full = [(i, v) for i, (_, v, part) in enumerate(pts)]
    line = " ".join("%.1f,%.1f" % (px(i), py(v)) for i, v in full)
    x_last, v_last, part_last = pts[-1]
    title = "%s, %s to %s: %s \u2192 %s%s" % (series["label"], date_text(pts[0][0]), date_text(x_last),
                                                fmt.short(pts[0][1], m), fmt.short(v_last, m),
                                                " (the last period is partial)" if part_last else "")
    return ('<svg class="spark tone-%s" viewBox="0 0 %d %d" role="img" aria-label="%s"><title>%s</title>'
            '<polyline points="%s"/><circle cx="%.1f" cy="%.1f" r="2.6"%s/></svg>' % (
                tone(m), w, h, esc(title), esc(title), line, px(len(pts) - 1), py(v_last),
                ' class="partial"' if part_last else ""))


def band_of(value, bands, fmt, m):
    """The benchmark band a value falls in: {name, range, cls, title}."""
    if not is_number(value) or not bands:
        return None
    top = max(b["band_order"] for b in bands)
    rng = lambda b: ("%s\u2013%s" % (fmt.exact(b["min_value"], m), fmt.exact(b["max_value"], m))
                     if b["min_value"] is not None and b["max_value"] is not None else
                     ("from %s" % fmt.exact(b["min_value"], m)) if b["min_value"] is not None else
                     ("under %s" % fmt.exact(b["max_value"], m)))
    scale = "; ".join("%s %s" % (b["band"], rng(b)) for b in sorted(bands, key=lambda b: b["band_order"]))
    for b in bands:
        if (b["min_value"] is None or value >= b["min_value"]) and (b["max_value"] is None or value < b["max_value"]):
            cls = "good" if b["band_order"] == top else "bad" if b["band_order"] == 1 else "warn"
            return {"name": b["band"], "range": rng(b), "cls": cls,
                    "title": "Benchmark (%s): %s" % (b["source"], scale)}
    below = [b for b in bands if b["max_value"] is not None and value >= b["max_value"]]
    above = [b for b in bands if b["min_value"] is not None and value < b["min_value"]]
    if not below or not above:
        return None                     # outside every band (a negative burn multiple): no band
    name = "between bands"
    if below and above:
        lo_b = max(below, key=lambda b: b["max_value"])
        hi_b = min(above, key=lambda b: b["min_value"])
        name = "between %s and %s" % (lo_b["band"], hi_b["band"])
    return {"name": name, "range": "", "cls": "warn", "title": "Benchmark (%s): %s" % (bands[0]["source"], scale)}


def draw_kpis(p, cards, fmt, compare_label, subtitle=True):
    """The cards of a KPI panel grouped by window; its text columns as the subtitle."""
    if not p.rows:
        return '<p class="empty">No rows for these filters.</p>'
    if len(p.rows) > 1:
        return draw_table(p)
    subtitle = [p.value_el(0, c, cls="chipv") for c, name in enumerate(p.cols)
                if not is_number(p.rows[0][c]) or (name in p.query.dimensions and name not in p.metrics)] if subtitle else []
    shown = {(cd.r, cd.c) for cd in cards}
    out = []
    if subtitle:
        out.append('<div class="kpi-sub">%s</div>' % " ".join(
            '<span><small>%s</small> %s</span>' % (esc(p.title(c)), el) for c, el in
            zip([c for c, name in enumerate(p.cols) if not is_number(p.rows[0][c]) or
                 (name in p.query.dimensions and name not in p.metrics)], subtitle)))
    groups = []
    for cd in cards:
        w = (cd.metric or {}).get("window") or ""
        for g in groups:
            if g[0] == w:
                g[1].append(cd)
                break
        else:
            groups.append((w, [cd]))
    for w, cds in groups:
        out.append('<div class="kpi-group">%s<div class="kpis">%s</div></div>' % (
            '<h3>%s</h3>' % esc(w[:1].upper() + w[1:]) if w else "",
            "".join(card_html(cd, fmt, compare_label) for cd in cds)))
    moved = [c for c in range(len(p.cols)) if (0, c) not in shown and is_number(p.rows[0][c])
             and not (p.cols[c] in p.query.dimensions and p.cols[c] not in p.metrics)]
    if moved:
        out.append('<p class="note">%s: in the headlines above.</p>' % esc(", ".join(p.title(c) for c in moved)))
    return "".join(out)


# ---------------------------------------------------------------- bars

def draw_bar(p):
    """Horizontal bars as wide as the panel: one column per value column,
    sharing the row labels; a label naming an account or deal links to it."""
    xi, ys = p.x_col(), p.y_cols()
    rows = list(range(min(len(p.rows), 40)))
    if not ys or not rows:
        return ""
    names = p.labels([p.rows[r] for r in rows])
    status_labels = all(status_class(p.rows[r][xi]) for r in rows)
    out = ['<div class="bars" style="grid-template-columns:minmax(90px,max-content)%s">' % (
        " minmax(0,1fr) max-content" * len(ys))]
    out.append('<div class="bh"></div>' + "".join(
        '<div class="bh" title="%s">%s</div><div class="bh"></div>' % (esc(p.caption(ci)), esc(p.title(ci) + unit_note(p, ci)))
        for ci in ys))
    spans = {}
    for ci in ys:
        vals = [p.rows[r][ci] for r in rows if is_number(p.rows[r][ci])]
        lo, hi = min([0] + vals), max([0] + vals)
        spans[ci] = (lo, (hi - lo) or 1)
    for k, r in enumerate(rows):
        url, _ = p.link_for(r)
        label = esc(clip(names[k], 42))
        if url:
            label = '<a href="%s">%s</a>' % (esc(url), label)
        out.append('<div class="bl" title="%s">%s</div>' % (esc(names[k]), label))
        for n, ci in enumerate(ys):
            v = p.rows[r][ci]
            lo, span = spans[ci]
            zero = -lo / span * 100
            cls = "t-%s%d" % (tone(p.metric(ci)), n % 3 + 1)
            sc = status_class(p.rows[r][xi]) if status_labels else ""
            if sc:
                cls = "st-" + sc
            if is_number(v) and v < 0:
                cls += " neg"
            if r in p.partial:
                cls += " partial"
            if is_number(v):
                w = abs(v) / span * 100
                left = zero if v >= 0 else zero - w
                bar = '<i class="%s" style="left:%.2f%%;width:%.2f%%"></i>' % (cls, left, max(w, 0.4))
            else:
                bar = ""
            out.append('<div class="bt">%s%s</div>' % ('<b class="z" style="left:%.2f%%"></b>' % zero if lo < 0 else "", bar))
            out.append(p.value_el(r, ci, tag="div", cls="bv", short=True))
    out.append("</div>")
    if len(p.rows) > len(rows):
        out.append('<p class="note">The first %d of %s rows; all of them under Data.</p>' % (len(rows), p.fmt.plain(len(p.rows))))
    return "".join(out)


def unit_note(p, c):
    u = p.unit_of(c)
    if u in ("currency",):
        return " (%s)" % p.fmt.cur.strip()
    if u in ("days", "hours", "minutes", "months"):
        return " (%s)" % u
    return ""


# ---------------------------------------------------------------- lines

def time_order(p, xi):
    """Row indexes with time running left to right (a query may list the newest first)."""
    rows = list(range(len(p.rows)))
    xs = [p.rows[r][xi] for r in rows]
    if all(isinstance(x, str) for x in xs) and len(xs) > 1 and xs == sorted(xs, reverse=True) and xs != sorted(xs):
        rows.reverse()
    return rows


def readable(p, xi, ys):
    """[(title suffix, x title, points, ys)], points [(x label, {ci: v}, partial)]:
    the series as it is when short; when long, its sums (the query's
    -- additive: columns) added up by month and its other columns' last 52
    points."""
    rows = time_order(p, xi)
    xname = p.title(xi)
    pts = [(p.rows[r][xi], {ci: p.rows[r][ci] for ci in ys}, r in p.partial) for r in rows]
    if len(rows) <= LONG_SERIES or not all(isinstance(x, str) and DATE_RE.match(x) for x, _, _ in pts):
        return [("", xname, pts, ys)]
    out = []
    sums = [ci for ci in ys if p.cols[ci] in p.query.additive]
    rest = [ci for ci in ys if ci not in sums]
    if sums:
        months = []
        for x, vals, part in pts:
            key = x[:7]
            if not months or months[-1][0] != key:
                months.append([key, {ci: None for ci in sums}, False, 0])
            mo = months[-1]
            mo[2] = mo[2] or part
            mo[3] += 1
            for ci in sums:
                if is_number(vals[ci]):
                    mo[1][ci] = (mo[1][ci] or 0) + vals[ci]
        # the month the series starts in holds only its last weeks: partial too
        full = max(n for _, _, _, n in months)
        if len(months) > 1 and months[0][3] < full - 1:
            months[0][2] = True
        out.append((" by month (the %ss of each month added up)" % xname.lower(), "Month",
                    [(k, v, part) for k, v, part, _ in months], sums))
    if rest:
        out.append((" (the last 52 of %d %ss)" % (len(pts), xname.lower()), xname, pts[-52:], rest))
    return out


def draw_line(p):
    xi, ys = p.x_col(), p.y_cols()
    if not ys or not p.rows:
        return ""
    out = []
    for suffix, xtitle, pts, cis in readable(p, xi, ys):
        groups = {}
        for ci in cis:
            groups.setdefault(p.unit_of(ci) == "percent", []).append(ci)
        for _, g in sorted(groups.items()):
            out.append(line_chart(p, pts, g, suffix, xtitle))
    return "".join(out)


def line_chart(p, pts, cis, suffix, xtitle):
    left, right, top, bottom, w, h = 78, 20, 40, 52, 1200, 300
    vals = [v[ci] for _, v, _ in pts for ci in cis if is_number(v[ci])]
    if not vals:
        return ""
    m = p.metric(cis[0])
    lo, hi = min(0, min(vals)), max(0, max(vals))
    ticks = nice_ticks(lo, hi)
    lo, hi = ticks[0], ticks[-1]
    n = len(pts)
    px = lambda i: left + (i * (w - left - right) / (n - 1) if n > 1 else (w - left - right) / 2)
    py = lambda v: top + (hi - v) / ((hi - lo) or 1) * (h - top - bottom)
    unit = p.unit_of(cis[0])
    ytitle = {"currency": "%s (%s)" % ("amount", p.fmt.cur.strip()), "percent": "percent", "count": "count"}.get(
        unit, unit or "value")
    title = ", ".join(p.title(ci) for ci in cis) + suffix
    out = ['<figure class="chart"><figcaption>%s</figcaption>' % esc(title),
           '<svg class="chart line" viewBox="0 0 %d %d" role="img" aria-label="%s">' % (w, h, esc(title))]
    for t, label in zip(ticks, p.fmt.ticks(ticks, m)):
        out.append('<line x1="%d" x2="%d" y1="%.1f" y2="%.1f" class="grid"/>' % (left, w - right, py(t), py(t)))
        out.append('<text x="%d" y="%.1f" text-anchor="end" class="tick">%s</text>' % (left - 8, py(t) + 4, esc(label)))
    out.append('<text class="axis-title" transform="translate(14 %.1f) rotate(-90)" text-anchor="middle">%s</text>' % (
        (top + h - bottom) / 2, esc(ytitle)))
    out.append('<text class="axis-title" x="%.1f" y="%d" text-anchor="middle">%s</text>' % (
        (left + w - right) / 2, h - 6, esc(xtitle)))
    every = max(1, math.ceil(n / 10))
    for i, (x, _, _) in enumerate(pts):
        if i % every == 0 or i == n - 1:
            if i == n - 1 and i % every and (n - 1) % every < every * 0.6:
                continue
            anchor = "start" if (i == 0 and n > 1) else ("end" if i == n - 1 and n > 1 else "middle")
            out.append('<text x="%.1f" y="%d" text-anchor="%s" class="tick">%s</text>' % (
                px(i), h - bottom + 18, anchor, esc(clip(date_text(x) if isinstance(x, str) else p.fmt.plain(x), 14))))
    for k, ci in enumerate(cis):
        mc = p.metric(ci)
        cls = "t-%s%d" % (tone(mc), k % 3 + 1)
        seg, segs = [], []
        for i, (_, v, part) in enumerate(pts):
            if is_number(v[ci]):
                seg.append((i, v[ci], part))
            elif seg:
                segs.append(seg)
                seg = []
        if seg:
            segs.append(seg)
        for s in segs:
            full = [q for q in s if not q[2]]
            if len(full) > 1:
                out.append('<polyline points="%s" class="ln %s"/>' % (
                    " ".join("%.1f,%.1f" % (px(i), py(v)) for i, v, _ in full), cls))
            for a, b in zip(s, s[1:]):
                if a[2] or b[2]:
                    out.append('<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" class="ln dash %s"/>' % (
                        px(a[0]), py(a[1]), px(b[0]), py(b[1]), cls))
        for i, (x, v, part) in enumerate(pts):
            if is_number(v[ci]) and (n <= 40 or part or i == n - 1):
                out.append('<circle cx="%.1f" cy="%.1f" r="%s" class="pt %s%s"><title>%s %s: %s%s</title></circle>' % (
                    px(i), py(v[ci]), "4.5" if part else ("3" if n <= 60 else "2"), cls, " partial" if part else "",
                    esc(date_text(x) if isinstance(x, str) else p.fmt.plain(x)), esc(p.title(ci)),
                    esc(p.fmt.exact(v[ci], mc)), " (partial period)" if part else ""))
        lx = left + k * 230
        out.append('<rect x="%d" y="10" width="12" height="12" rx="2" class="%s"/>' % (lx, cls))
        out.append('<text x="%d" y="20" class="legend"><title>%s</title>%s</text>' % (
            lx + 17, esc(p.caption(ci)), esc(clip(p.title(ci), 34))))
    out.append("</svg></figure>")
    return "".join(out)


# ---------------------------------------------------------------- waterfall

NEGATIVE_NAME = re.compile(r"(contraction|churn|lost|loss|down|decrease|outflow)")


def draw_waterfall(p):
    """Start, signed movements, end.  Wide form (one row, a column per step:
    the last row is drawn) or long form (a row per step: first and last rows
    are the totals).  Movements named contraction/churn/lost are drawn down."""
    xi, ys = p.x_col(), p.y_cols()
    if not ys or not p.rows:
        return ""
    steps = []
    caption = ""
    if len(ys) > 1:
        r = len(p.rows) - 1
        for k, ci in enumerate(ys):
            kind = "total" if k in (0, len(ys) - 1) else ("down" if NEGATIVE_NAME.search(p.cols[ci]) else "up")
            steps.append((p.title(ci).replace(" MRR", ""), p.rows[r][ci], kind, r, ci))
        caption = (p.fmt.plain(p.rows[r][xi]) if xi not in ys else "") + (
            "  (the last of %d rows; all of them under Data)" % len(p.rows) if len(p.rows) > 1 else "")
    else:
        ci = ys[0]
        for r, row in enumerate(p.rows):
            kind = "total" if r in (0, len(p.rows) - 1) else (
                "down" if NEGATIVE_NAME.search(str(row[xi]).lower()) and is_number(row[ci]) and row[ci] > 0 else "up")
            steps.append((p.fmt.plain(row[xi]), row[ci], kind, r, ci))
    levels, run = [], 0.0
    for _, v, kind, _, _ in steps:
        v = v if is_number(v) else 0
        if kind == "total":
            levels.append((0, v))
            run = v
        else:
            d = -abs(v) if kind == "down" else v
            levels.append((run, run + d))
            run += d
    reached = [b for (a, b) in levels] + [a for (a, b), st in zip(levels, steps) if st[2] != "total"]
    lo, hi = min(reached), max(reached)
    if lo > 0 and (hi - lo) < hi * 0.5:
        ticks = nice_ticks(max(0, lo - (hi - lo) * 0.6), hi)
    else:
        ticks = nice_ticks(min(0, lo), hi)
    lo, hi = ticks[0], ticks[-1]
    left, top, bottom, gap = 84, 36, 44, 24
    w = 1200
    bw = min(130, (w - left - 10) / max(1, len(steps)) - gap)
    h = 320
    py = lambda v: top + (hi - v) / ((hi - lo) or 1) * (h - top - bottom)
    m = p.metric(ys[0])
    out = ['<svg class="chart waterfall" viewBox="0 0 %d %d" role="img" aria-label="%s">' % (w, h, esc(p.query.question))]
    if caption:
        out.append('<text x="%d" y="16" class="axis-title">%s</text>' % (left, esc(caption)))
    for t, label in zip(ticks, p.fmt.ticks(ticks, m)):
        out.append('<line x1="%d" x2="%d" y1="%.1f" y2="%.1f" class="grid"/>' % (left, w - 10, py(t), py(t)))
        out.append('<text x="%d" y="%.1f" text-anchor="end" class="tick">%s</text>' % (left - 6, py(t) + 4, esc(label)))
    out.append('<text class="axis-title" transform="translate(14 %.1f) rotate(-90)" text-anchor="middle">%s</text>' % (
        (top + h - bottom) / 2, esc(p.title(ys[0]) if len(ys) == 1 else "amount") + esc(unit_note(p, ys[0]))))
    for k, ((label, v, kind, r, ci), (a, b)) in enumerate(zip(steps, levels)):
        x = left + 10 + k * (bw + gap)
        a2, b2 = max(a, lo), max(b, lo)
        y1, y2 = py(max(a2, b2)), py(min(a2, b2))
        cls = "st-total" if kind == "total" else ("st-good" if b >= a else "st-bad")
        out.append('<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" rx="2" class="%s"/>' % (x, y1, bw, max(y2 - y1, 1), cls))
        if k + 1 < len(steps):
            out.append('<line x1="%.1f" x2="%.1f" y1="%.1f" y2="%.1f" class="conn"/>' % (x + bw, x + bw + gap, py(b2), py(b2)))
        out.append('<text x="%.1f" y="%.1f" text-anchor="middle" class="val"%s><title>%s</title>%s</text>' % (
            x + bw / 2, y1 - 6, p.tag(r, ci), esc(p.exact(r, ci, True)), esc(p.short(r, ci))))
        out.append('<text x="%.1f" y="%d" text-anchor="middle" class="tick">%s</text>' % (
            x + bw / 2, h - bottom + 18, esc(clip(label, 16))))
    out.append("</svg>")
    return "".join(out)


# ---------------------------------------------------------------- funnel

BENCH_NAME = re.compile(r"benchmark|target|goal|median|quartile")


def draw_funnel(p):
    """Centred bars sized by the first value column; the rate after it as a
    bar against a benchmark column (a tick), green at or above it, red below."""
    xi, ys = p.x_col(), p.y_cols()
    rows = list(range(min(len(p.rows), 20)))
    if not ys or not rows:
        return ""
    main = ys[0]
    rest = ys[1:] or [i for i, c in enumerate(p.cols) if i not in ys and i != xi and
                      all(p.rows[r][i] is None or is_number(p.rows[r][i]) for r in rows) and
                      (p.unit_of(i) == "percent" or BENCH_NAME.search(c))]
    bench = [ci for ci in rest if BENCH_NAME.search(p.cols[ci])][:1]
    rates = [ci for ci in rest if ci not in bench]
    vmax = max([p.rows[r][main] for r in rows if is_number(p.rows[r][main])] or [1]) or 1
    names = p.labels([p.rows[r] for r in rows])
    label_w, fw, bar_h, gap, top = 190, 440, 30, 8, 28
    side = 360 if rates else 0
    w = label_w + fw + side + 20
    h = top + len(rows) * (bar_h + gap)
    out = ['<svg class="chart funnel" viewBox="0 0 %d %d" role="img" aria-label="%s">' % (w, h, esc(p.query.question))]
    out.append('<text x="%d" y="16" class="axis-title">%s</text>' % (label_w + 10, esc(p.title(main))))
    if rates:
        title = p.title(rates[0]) + (" vs " + p.title(bench[0]) if bench else "")
        out.append('<text x="%d" y="16" class="axis-title"><title>%s</title>%s</text>' % (
            label_w + fw + 24, esc(title), esc(clip(title, 44))))
    cx = label_w + fw / 2
    for k, r in enumerate(rows):
        row = p.rows[r]
        y = top + k * (bar_h + gap)
        v = row[main] if is_number(row[main]) else 0
        bwid = max(2.0, v / vmax * fw)
        out.append('<text x="%d" y="%.1f" text-anchor="end" class="lbl">%s</text>' % (label_w - 10, y + bar_h * 0.65, esc(clip(names[k], 26))))
        out.append('<rect x="%.1f" y="%d" width="%.1f" height="%d" rx="4" class="t-up1"/>' % (cx - bwid / 2, y, bwid, bar_h))
        on = bwid >= 70
        out.append('<text x="%.1f" y="%.1f" text-anchor="%s" class="val%s"%s>%s</text>' % (
            cx if on else cx + bwid / 2 + 6, y + bar_h * 0.65, "middle" if on else "start", " on" if on else "",
            p.tag(r, main), esc(p.short(r, main))))
        if rates:
            sx = label_w + fw + 24
            rc = rates[0]
            rv = row[rc]
            bv = row[bench[0]] if bench else None
            scale = max([abs(p.rows[x][rc]) for x in rows if is_number(p.rows[x][rc])] +
                        [abs(p.rows[x][bench[0]]) for x in rows if bench and is_number(p.rows[x][bench[0]])] + [1e-9])
            if is_number(rv):
                cls = "st-good" if (is_number(bv) and rv >= bv) else ("st-bad" if is_number(bv) else "t-up2")
                out.append('<rect x="%d" y="%d" width="%.1f" height="%d" rx="3" class="%s"/>' % (
                    sx, y + 8, max(1.0, abs(rv) / scale * 160), bar_h - 16, cls))
            if is_number(bv):
                bx = sx + abs(bv) / scale * 160
                out.append('<line x1="%.1f" x2="%.1f" y1="%d" y2="%d" class="bench"/>' % (bx, bx, y + 3, y + bar_h - 3))
            out.append('<text x="%d" y="%.1f" class="val"%s>%s</text>' % (sx + 172, y + bar_h * 0.65, p.tag(r, rc), esc(p.short(r, rc))))
            if bench:
                out.append('<text x="%d" y="%.1f" class="tick">vs</text>' % (sx + 236, y + bar_h * 0.65))
                out.append('<text x="%d" y="%.1f" class="val dim"%s>%s</text>' % (
                    sx + 256, y + bar_h * 0.65, p.tag(r, bench[0]), esc(p.short(r, bench[0]))))
    out.append("</svg>")
    return "".join(out)


# ---------------------------------------------------------------- tables

WRAP_NAME = re.compile(r"message|detail|reason|comment|recommendation|strengths|opportunities$|action$|note|"
                       r"factor|signals|next_step|loss_reasons|meaning")


def json_summary(v):
    """A JSON object in a cell, shortly: 'key: value; ...' (the JSON in full on hover)."""
    if not (isinstance(v, str) and v[:1] in "{[" and len(v) > 2):
        return None
    try:
        data = json.loads(v)
    except ValueError:
        return None
    if isinstance(data, dict) and isinstance(data.get("factors"), dict):
        data = {k: f.get("reason", f) if isinstance(f, dict) else f for k, f in data["factors"].items()}
    if isinstance(data, dict):
        return clip("; ".join("%s: %s" % (humanize(k), (json.dumps(x) if isinstance(x, (list, dict)) else x))
                              for k, x in data.items()), 160)
    if isinstance(data, list):
        return clip(", ".join(str(x) for x in data), 160)
    return None


def cell_writer(p, c):
    """A function of a row's value giving (text, data-v or None) for column c."""
    name, m = p.cols[c], p.metric(c)
    fmt = p.fmt
    if name in p.flags:
        return lambda v: ("\u2014", "") if v is None else ("Yes" if v else "No", str(v))
    if name in p.dates:
        return lambda v: ("\u2014", "") if v is None else (date_text(v), v)
    if m is not None:
        def num(v):
            if v is None:
                return "\u2014", ""
            t = fmt.exact(v, m, False)
            raw = repr(v) if isinstance(v, float) else str(v)
            return t, (raw if raw != t else None)
        return num

    def plain(v):
        if v is None:
            return "\u2014", ""
        t = fmt.plain(v)
        raw = repr(v) if isinstance(v, float) else v if isinstance(v, str) else str(v)
        return t, (raw if raw != t else None)
    return plain


def draw_table(p, limit=MAX_ROWS, csv_name=None):
    """A table that scrolls inside its panel: headers sort (the page's
    script), a search box for long ones, Download CSV of its rows as stored."""
    if not p.cols:
        return '<p class="empty">The statement returned no columns.</p>'
    num = [all(r[i] is None or is_number(r[i]) for r in p.rows) and p.cols[i] not in p.flags
           for i in range(len(p.cols))]
    n = min(len(p.rows), limit)
    name = csv_name or "%s-%s" % (p.query.persona, p.id)
    tools = ['<div class="tabletools">']
    if n > 10:
        tools.append('<input type="search" class="tsearch" placeholder="Search %d rows" aria-label="Search the rows">' % n)
    tools.append('<button type="button" class="csv" data-name="%s">Download CSV</button>' % esc(name))
    if len(p.rows) > limit:
        tools.append('<span class="note">%s of %s rows (the CSV has these; <code>revops dashboard DB %s --panel %s '
                     '--format csv</code> gives all)</span>' % (p.fmt.plain(limit), p.fmt.plain(len(p.rows)),
                                                              esc(p.query.persona), esc(p.id)))
    tools.append("</div>")
    out = ["".join(tools), '<div class="tablewrap"><table class="data" data-q="%s"><thead><tr>' % esc(p.id)]
    for i, c in enumerate(p.cols):
        cap = p.caption(i)
        u = unit_note(p, i)
        out.append('<th data-c="%s" class="%s"%s><button type="button" class="sort">%s%s</button></th>' % (
            esc(c), "n" if num[i] else "", ' title="%s"' % esc(cap) if cap else "", esc(p.title(i)),
            '<small>%s</small>' % esc(u) if u else ""))
    out.append("</tr></thead><tbody>")
    acc_cols = set(layout.ACCOUNT_ID + layout.ACCOUNT_NAME)
    deal_cols = set(layout.DEAL_ID + layout.DEAL_NAME)
    if "name" in p.cols and not any(x in p.cols for x in ("account_id", "account_name", "opportunity_id")):
        deal_cols.discard("name")
    link_acc = [c for c, nm in enumerate(p.cols) if nm in acc_cols]
    link_deal = [c for c, nm in enumerate(p.cols) if nm in deal_cols]
    writers = [cell_writer(p, c) for c in range(len(p.cols))]
    classes = []
    for c, nm in enumerate(p.cols):
        cls = (["n"] if num[c] else []) + (["d"] if nm in p.dates else []) + (["w"] if WRAP_NAME.search(nm) else [])
        classes.append(' class="%s"' % " ".join(cls) if cls else "")
    wrapcls = ' class="w"'
    for r in range(n):
        row = p.rows[r]
        aurl = durl = None
        if link_acc or link_deal:
            rd = dict(zip(p.cols, row))
            a = p.names.account_of(rd)
            aurl = p.links.account(a) if a else None
            if link_deal:
                d = p.names.deal_of(rd)
                durl = p.links.deal(d) if d else None
        cells = []
        for c, v in enumerate(row):
            text, raw = writers[c](v)
            cls = classes[c]
            attrs = ""
            if isinstance(v, str) and v[:1] in "{[":
                js = json_summary(v)
                if js:
                    raw, text, cls = v, js, wrapcls
            if raw is not None:
                attrs += ' data-v="%s"' % esc(raw)
            content = esc(text)
            url = aurl if (aurl and v is not None and c in link_acc) else durl if (durl and v is not None and c in link_deal) else None
            if url:
                content = '<a href="%s">%s</a>' % (esc(url), content)
            cells.append("<td%s%s>%s</td>" % (cls, attrs, content))
        out.append('<tr data-r="%d"%s>%s</tr>' % (r, ' class="partial"' if r in p.partial else "", "".join(cells)))
    out.append("</tbody></table></div>")
    if not p.rows:
        out.append('<p class="empty">No rows for these filters.</p>')
    return "".join(out)


# ---------------------------------------------------------------- insight cards

SUPPORT_COLS = ("supporting", "supporting_data", "data", "data_points", "evidence")


def is_insight(p):
    return "message" in p.cols and "confidence" in p.cols


def ids_in(value):
    """[(kind, [ids])] an insight card's data JSON names (account_ids, deal_ids, ...)."""
    try:
        data = json.loads(value) if isinstance(value, str) else value
    except ValueError:
        return []
    if not isinstance(data, dict):
        return []
    out = []
    for key, kind in (("account_ids", "account"), ("account_id", "account"), ("deal_ids", "deal"),
                      ("opportunity_id", "deal"), ("opportunity_ids", "deal")):
        ids = data.get(key)
        if ids is not None:
            out.append((kind, [i for i in (ids if isinstance(ids, list) else [ids]) if isinstance(i, str)]))
    return out


def entity_links(data, links, limit=6):
    """Links to the accounts and deals an insight card's data names."""
    out = []
    for key, kind in (("account_ids", "account"), ("account_id", "account"), ("deal_ids", "deal"),
                      ("opportunity_id", "deal"), ("opportunity_ids", "deal")):
        ids = data.get(key)
        if ids is None:
            continue
        ids = ids if isinstance(ids, list) else [ids]
        shown = [(i, links.account(i) if kind == "account" else links.deal(i)) for i in ids if isinstance(i, str)]
        shown = [(i, u) for i, u in shown if u]
        if shown:
            more = len(shown) - limit
            out.append('<span class="dp"><b>%s</b> %s%s</span>' % (
                "Accounts" if kind == "account" else "Deals",
                ", ".join('<a href="%s">%s</a>' % (esc(u), esc(i)) for i, u in shown[:limit]),
                " and %d more" % more if more > 0 else ""))
    return "".join(out)


def draw_insights(p):
    ci = {c: i for i, c in enumerate(p.cols)}
    out = ['<div class="cards">']
    for r, row in enumerate(p.rows[:MAX_ROWS]):
        sev = row[ci["severity"]] if "severity" in ci else None
        conf = row[ci["confidence"]]
        out.append('<article class="card %s">' % status_class(sev or ""))
        out.append('<div class="card-head">')
        if "category" in ci:
            out.append(p.value_el(r, ci["category"], cls="chip"))
        if "severity" in ci:
            out.append(p.value_el(r, ci["severity"], cls="chip sev"))
        out.append("</div>")
        out.append(p.value_el(r, ci["message"], tag="p", cls="msg"))
        frac = min(1.0, max(0.0, conf)) if is_number(conf) else 0.0
        out.append('<div class="conf"><svg viewBox="0 0 200 10" class="confbar" role="img" aria-label="confidence">'
                   '<rect x="0" y="0" width="200" height="10" rx="5" class="track"/>'
                   '<rect x="0" y="0" width="%.1f" height="10" rx="5" class="fill"/></svg>'
                   '<span class="conf-label">confidence %s</span></div>' % (200 * frac, p.value_el(r, ci["confidence"])))
        sup_i = next((ci[c] for c in SUPPORT_COLS if c in ci), None)
        if sup_i is not None and row[sup_i] is not None:
            out.append('<div class="support">')
            try:
                data = json.loads(row[sup_i]) if isinstance(row[sup_i], str) else row[sup_i]
            except ValueError:
                data = row[sup_i]
            if isinstance(data, dict):
                for k, v in list(data.items())[:12]:
                    if k in ("account_ids", "deal_ids", "opportunity_ids"):
                        continue
                    if isinstance(v, (list, dict)):
                        shown = clip(json.dumps(v), 120)
                    elif is_number(v) and dashboards.RATE_NAME.search(k.lower()) and isinstance(v, float) and abs(v) <= 100:
                        shown = "{:,.1f}%".format(v * 100)
                    else:
                        shown = p.fmt.plain(v)
                    out.append('<span class="dp"><b>%s</b> %s</span>' % (esc(humanize(k)), esc(shown)))
                out.append(entity_links(data, p.links))
            else:
                out.append('<span class="dp">%s</span>' % esc(clip(str(row[sup_i]), 300)))
            out.append("</div>")
        extras = [c for c in p.cols if c not in ("category", "severity", "message", "confidence") and c not in SUPPORT_COLS]
        if extras:
            out.append('<details class="more"><summary>details</summary><div class="support">%s</div></details>' % "".join(
                '<span class="dp"><b>%s</b> %s</span>' % (esc(p.title(ci[c])), p.value_el(r, ci[c])) for c in extras))
        out.append("</article>")
    out.append("</div>")
    return "".join(out)


# ---------------------------------------------------------------- a panel's section

DRAW = {"bar": draw_bar, "line": draw_line, "waterfall": draw_waterfall, "funnel": draw_funnel}


def kind_of(p):
    return "insights" if (not p.error and is_insight(p)) else p.query.chart


def section(p, cards=None, compare_label=None, source=None, csv_name=None):
    """One panel: title, question, notes, the drawing (or the error), the data."""
    q = p.query
    kind = kind_of(p)
    wide = kind in ("table", "insights", "line", "waterfall", "funnel") or len(p.cols) > 5 or (
        kind == "kpi" and len(p.cols) > 6)
    out = ['<section class="panel%s%s" id="%s" data-chart="%s" data-rows="%d">' % (
        " wide" if wide else "", " error" if p.error else "", esc(q.name), esc(kind), len(p.rows))]
    out.append('<h2>%s</h2><p class="question">%s</p>' % (esc(humanize(q.name)), esc(q.question)))
    if p.filters_ignored:
        out.append('<p class="ignored">This panel ignores the filter%s %s.</p>' % (
            "s" if len(p.filters_ignored) > 1 else "", esc(", ".join(humanize(f).lower() for f in p.filters_ignored))))
    if p.partial and not p.error:
        out.append('<p class="note partial-note">Hatched or dashed: the period holding the as-of date, still partial.</p>')
    if p.error:
        out.append('<p class="err">This query failed: <code>%s</code></p>' % esc(p.error))
    elif kind == "kpi":
        out.append(draw_kpis(p, cards if cards is not None else default_cards(p), p.fmt, compare_label))
    elif kind == "insights":
        out.append(draw_insights(p))
    elif kind == "table" or kind not in DRAW:
        out.append(draw_table(p, csv_name=csv_name))
    else:
        drawing = DRAW[kind](p) if p.rows else ""
        out.append(drawing or '<p class="empty">No rows for these filters.</p>')
        if p.rows:
            out.append('<details class="data"><summary>Data (%s rows)</summary>%s</details>' % (
                p.fmt.plain(len(p.rows)), draw_table(p, csv_name=csv_name)))
    if source:
        out.append('<p class="src">%s</p>' % source)
    out.append("</section>")
    return "".join(out)


def default_cards(p):
    if len(p.rows) != 1:
        return []
    return [Card(p, 0, c) for c, name in enumerate(p.cols)
            if is_number(p.rows[0][c]) and not (name in p.query.dimensions and name not in p.metrics)]


# ---------------------------------------------------------------- headlines

def headlines_html(cards, fmt, compare_label):
    if not cards:
        return ""
    return ('<section class="headlines" aria-label="Headline figures"><div class="kpis big">%s</div>%s</section>' % (
        "".join(card_html(cd, fmt, compare_label, headline=True) for cd in cards),
        '<p class="note">%s.</p>' % esc(compare_label) if compare_label else ""))


# ---------------------------------------------------------------- filters and navigation

def filterbar(controls, chips, reset=None, form_action=None, note=None):
    """controls: [(name, label, [(value, label, href, selected)])].  Static
    pages: each option carries the page that shows it (data-href; the
    script goes there).  Served pages: a GET form (form_action), submitted
    on change."""
    if form_action is not None:
        out = ['<form class="filterbar" method="get" action="%s" data-autosubmit="1">' % esc(form_action)]
    else:
        out = ['<div class="filterbar">']
    for name, label, options in controls:
        out.append('<label>%s <select name="%s"%s>' % (esc(label), esc(name), "" if form_action is not None else " data-nav=\"1\""))
        for value, olabel, href, selected in options:
            out.append('<option value="%s"%s%s>%s</option>' % (
                esc(value), (' data-href="%s"' % esc(href)) if href else (" disabled" if form_action is None else ""),
                " selected" if selected else "", esc(olabel)))
        out.append("</select></label>")
    if form_action is not None:
        out.append('<noscript><button type="submit">Apply</button></noscript>')
    if chips:
        out.append('<span class="chips">%s</span>' % "".join(
            '<span>%s <b>%s</b></span>' % (esc(k), esc(v)) for k, v in chips))
    if reset:
        out.append('<a class="reset" href="%s">Clear filters</a>' % esc(reset))
    if note:
        out.append('<span class="fnote">%s</span>' % esc(note))
    out.append("</form>" if form_action is not None else "</div>")
    return "".join(out)


def nav_html(personas, here, links, index_href="index.html"):
    out = ['<nav class="personas"><a href="%s"%s>Overview</a>' % (esc(index_href), ' class="here"' if here is None else "")]
    for p in personas:
        out.append('<a href="%s"%s>%s</a>' % (esc(links.persona(p)), ' class="here"' if p == here else "", esc(persona_title(p))))
    out.append("</nav>")
    return "".join(out)


def picker_html(accounts, links, all_href=None):
    """The account picker: search by name (a datalist of every account with
    a page), Enter or a pick opens the account's page."""
    opts = []
    for aid, name, segment in accounts:
        url = links.account(aid)
        if url:
            opts.append('<option value="%s" data-href="%s">' % (esc(name if name else aid), esc(url)))
    return ('<div class="picker"><label for="account-search">Open an account</label>'
            '<input id="account-search" type="search" list="account-list" placeholder="Type a customer name (%d accounts)" '
            'autocomplete="off"><datalist id="account-list">%s</datalist><span class="picker-msg" aria-live="polite"></span>%s</div>' % (
                len(opts), "".join(opts), '<a href="%s">All accounts</a>' % esc(all_href) if all_href else ""))


# ---------------------------------------------------------------- the page

CSS = """
.revops{color-scheme:light;--bg:#f4f6fa;--panel:#fff;--ink:#1b2433;--muted:#5c677a;--line:#dfe4ec;--grid:#e9edf3;
--accent:#2f6fed;--chip:#eef2f8;--up1:#2f6fed;--up2:#7c4dde;--up3:#27346b;--down1:#d9393e;--down2:#e8701a;--down3:#b3306b;
--neutral1:#5b6b7f;--neutral2:#8a6a3f;--neutral3:#8e99ab;--good:#1f9d55;--warn:#c98a00;--bad:#e5484d;--crit:#a3132b;
--info:#2f6fed;--total:#51607a;background:var(--bg);color:var(--ink);
font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;min-height:100vh}
@media (prefers-color-scheme: dark){.revops{color-scheme:dark;--bg:#0d1117;--panel:#161b24;--ink:#e6ebf2;--muted:#95a1b3;
--line:#283142;--grid:#222a38;--accent:#6ea8fe;--chip:#222b3a;--up1:#6ea8fe;--up2:#b08cf5;--up3:#b9c3ff;--down1:#ff6b6e;
--down2:#ff9f4a;--down3:#f07ab0;--neutral1:#9aa8bb;--neutral2:#d0a868;--neutral3:#6f7b8e;--good:#3dd68c;--warn:#f5c542;
--bad:#ff6b6e;--crit:#ff3b5c;--info:#6ea8fe;--total:#8391a8}}
.revops:has(#theme-light:checked){color-scheme:light;--bg:#f4f6fa;--panel:#fff;--ink:#1b2433;--muted:#5c677a;--line:#dfe4ec;
--grid:#e9edf3;--accent:#2f6fed;--chip:#eef2f8;--up1:#2f6fed;--up2:#7c4dde;--up3:#27346b;--down1:#d9393e;--down2:#e8701a;
--down3:#b3306b;--neutral1:#5b6b7f;--neutral2:#8a6a3f;--neutral3:#8e99ab;--good:#1f9d55;--warn:#c98a00;--bad:#e5484d;
--crit:#a3132b;--info:#2f6fed;--total:#51607a}
.revops:has(#theme-dark:checked){color-scheme:dark;--bg:#0d1117;--panel:#161b24;--ink:#e6ebf2;--muted:#95a1b3;--line:#283142;
--grid:#222a38;--accent:#6ea8fe;--chip:#222b3a;--up1:#6ea8fe;--up2:#b08cf5;--up3:#b9c3ff;--down1:#ff6b6e;--down2:#ff9f4a;
--down3:#f07ab0;--neutral1:#9aa8bb;--neutral2:#d0a868;--neutral3:#6f7b8e;--good:#3dd68c;--warn:#f5c542;--bad:#ff6b6e;
--crit:#ff3b5c;--info:#6ea8fe;--total:#8391a8}
.revops *{box-sizing:border-box}
body.revops{margin:0}
.revops a{color:var(--accent)}
.revops .top{display:flex;flex-wrap:wrap;gap:12px 24px;align-items:center;justify-content:space-between;padding:16px 28px;
background:var(--panel);border-bottom:1px solid var(--line)}
.revops .top h1{margin:0;font-size:22px;letter-spacing:-.01em}
.revops .sub{color:var(--muted);font-size:13px}
.revops nav.personas{display:flex;flex-wrap:wrap;gap:6px;padding:10px 28px;border-bottom:1px solid var(--line);background:var(--panel)}
.revops nav.personas a{color:var(--muted);text-decoration:none;padding:4px 10px;border-radius:999px;font-size:13px}
.revops nav.personas a:hover{background:var(--chip);color:var(--ink)}
.revops nav.personas a.here{background:var(--accent);color:#fff}
.revops .filterbar{display:flex;flex-wrap:wrap;gap:8px 16px;align-items:center;padding:10px 28px;border-bottom:1px solid var(--line);
background:var(--panel);font-size:13px;color:var(--muted)}
.revops .filterbar label{display:inline-flex;gap:6px;align-items:center;width:auto;font-weight:400;margin:0}
.revops .filterbar input{font:inherit;color:var(--ink);background:var(--chip);border:1px solid var(--line);border-radius:6px;padding:2px 6px}
.revops .filterbar select{font:inherit;color:var(--ink);background:var(--chip);border:1px solid var(--line);border-radius:6px;padding:3px 6px;max-width:220px}
.revops .chips{display:flex;flex-wrap:wrap;gap:6px}
.revops .chips span{background:var(--chip);border-radius:6px;padding:2px 8px;font-size:12px}
.revops .chips b{color:var(--ink);font-weight:600}
.revops .fnote{font-size:12px}
.revops .theme{display:flex;gap:2px;background:var(--chip);border-radius:8px;padding:3px}
.revops .theme input{position:absolute;opacity:0;pointer-events:none}
.revops .theme label{padding:3px 10px;border-radius:6px;cursor:pointer;font-size:12px;color:var(--muted)}
.revops .theme input:checked+label{background:var(--panel);color:var(--ink);box-shadow:0 1px 2px rgba(0,0,0,.15)}
.revops main{display:grid;grid-template-columns:repeat(auto-fill,minmax(min(100%,560px),1fr));grid-auto-flow:row dense;gap:18px;padding:20px 28px 36px}
.revops .panel{background:var(--panel);border:1px solid var(--line);border-radius:12px;padding:16px 18px;min-width:0;overflow:hidden}
.revops .panel.wide,.revops .headlines,.revops .picker,.revops .wideblock{grid-column:1/-1}
.revops .panel h2{margin:0;font-size:16px}
.revops .question{margin:2px 0 12px;color:var(--muted);font-size:13px}
.revops .src{margin:10px 0 0;color:var(--muted);font-size:11px}
.revops .src code{font-size:11px}
.revops .headlines{background:var(--panel);border:1px solid var(--line);border-radius:12px;padding:14px 18px}
.revops .kpis{display:grid;grid-template-columns:repeat(auto-fill,minmax(190px,1fr));gap:10px}
.revops .kpis.big{grid-template-columns:repeat(auto-fit,minmax(220px,1fr))}
.revops .kpi{background:var(--chip);border-radius:10px;padding:10px 12px;min-width:0;border-top:3px solid transparent}
.revops .kpi.tone-up{border-top-color:var(--up1)}.revops .kpi.tone-down{border-top-color:var(--down1)}
.revops .kpi.tone-neutral{border-top-color:var(--neutral3)}
.revops .kpi-label{color:var(--muted);font-size:12px}
.revops .kpi-value{font-size:22px;overflow-wrap:anywhere;font-weight:650;font-variant-numeric:tabular-nums;letter-spacing:-.01em}
.revops .headline .kpi-value{font-size:28px}
.revops .kpi-window{color:var(--muted);font-size:11px}
.revops .kpi-delta{font-size:12px;font-weight:600;margin-top:2px}
.revops .kpi-delta span{font-weight:400;color:var(--muted)}
.revops .kpi-delta.good{color:var(--good)}.revops .kpi-delta.bad{color:var(--bad)}.revops .kpi-delta.flat{color:var(--muted)}
.revops .kpi-band,.revops .kpi-target{font-size:12px;margin-top:2px}
.revops .kpi-band span{color:var(--muted)}
.revops .band-good{color:var(--good)}.revops .band-warn{color:var(--warn)}.revops .band-bad{color:var(--bad)}
.revops .kpi-group{margin-top:6px}.revops .kpi-group h3{margin:10px 0 6px;font-size:12px;font-weight:600;color:var(--muted);text-transform:uppercase;letter-spacing:.04em}
.revops .kpi-sub{display:flex;flex-wrap:wrap;gap:6px 14px;font-size:13px;margin-bottom:4px}
.revops .kpi-sub small{color:var(--muted)}
.revops svg.spark{width:100%;max-width:160px;height:30px;display:block;margin-top:6px}
.revops svg.spark polyline{fill:none;stroke-width:1.6}
.revops svg.spark.tone-up polyline{stroke:var(--up1)}.revops svg.spark.tone-down polyline{stroke:var(--down1)}
.revops svg.spark.tone-neutral polyline{stroke:var(--neutral1)}
.revops svg.spark circle{fill:var(--ink)}.revops svg.spark circle.partial{fill:var(--panel);stroke:var(--ink);stroke-width:1.2}
.revops .ignored{color:var(--warn);font-size:12px;margin:4px 0}
.revops figure.chart{margin:0 0 10px}.revops figure.chart figcaption{font-size:12px;color:var(--muted);font-weight:600}
.revops svg.chart{width:100%;height:auto;display:block}
.revops svg text{fill:var(--ink);font-size:12px;font-family:inherit}
.revops svg .tick,.revops svg .legend{fill:var(--muted);font-size:11px}
.revops svg .axis-title{fill:var(--muted);font-size:12px;font-weight:600}
.revops svg .val{font-variant-numeric:tabular-nums}
.revops svg .val.on{fill:#fff;font-weight:600}
.revops svg .val.dim{fill:var(--muted)}
.revops svg .grid{stroke:var(--grid);stroke-width:1}
.revops svg .conn{stroke:var(--muted);stroke-dasharray:3 3;stroke-width:1}
.revops svg .bench{stroke:var(--ink);stroke-width:2.5}
.revops svg .ln{fill:none;stroke-width:2.2;stroke-linejoin:round}
.revops svg .ln.dash{stroke-dasharray:5 4}
.revops svg circle.partial{fill:var(--panel);stroke-width:2}
.revops .t-up1{fill:var(--up1);stroke:var(--up1);background:var(--up1)}.revops .t-up2{fill:var(--up2);stroke:var(--up2);background:var(--up2)}
.revops .t-up3{fill:var(--up3);stroke:var(--up3);background:var(--up3)}
.revops .t-down1{fill:var(--down1);stroke:var(--down1);background:var(--down1)}.revops .t-down2{fill:var(--down2);stroke:var(--down2);background:var(--down2)}
.revops .t-down3{fill:var(--down3);stroke:var(--down3);background:var(--down3)}
.revops .t-neutral1{fill:var(--neutral1);stroke:var(--neutral1);background:var(--neutral1)}
.revops .t-neutral2{fill:var(--neutral2);stroke:var(--neutral2);background:var(--neutral2)}
.revops .t-neutral3{fill:var(--neutral3);stroke:var(--neutral3);background:var(--neutral3)}
.revops svg .ln.t-up1,.revops svg .ln.t-up2,.revops svg .ln.t-up3,.revops svg .ln.t-down1,.revops svg .ln.t-down2,
.revops svg .ln.t-down3,.revops svg .ln.t-neutral1,.revops svg .ln.t-neutral2,.revops svg .ln.t-neutral3{fill:none}
.revops .st-good{fill:var(--good);background:var(--good)}.revops .st-warn{fill:var(--warn);background:var(--warn)}
.revops .st-bad{fill:var(--bad);background:var(--bad)}.revops .st-crit{fill:var(--crit);background:var(--crit)}
.revops .st-info{fill:var(--info);background:var(--info)}.revops .st-total{fill:var(--total);background:var(--total)}
.revops .bars{display:grid;gap:6px 10px;align-items:center;font-size:13px}
.revops .bars .bh{font-size:12px;color:var(--muted);font-weight:600;min-width:0;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.revops .bars .bl{min-width:0;overflow:hidden;text-overflow:ellipsis;white-space:nowrap;text-align:right;max-width:260px}
.revops .bars .bt{position:relative;height:20px;background:var(--grid);border-radius:3px;min-width:40px}
.revops .bars .bt i{position:absolute;top:0;bottom:0;border-radius:3px}
.revops .bars .bt i.neg{background:var(--bad)}
.revops .bars .bt b.z{position:absolute;top:-2px;bottom:-2px;width:1px;background:var(--muted)}
.revops .bars .bv{font-variant-numeric:tabular-nums;white-space:nowrap;font-size:12px}
.revops .partial{background-image:repeating-linear-gradient(45deg,transparent 0 4px,rgba(255,255,255,.55) 4px 7px)}
.revops rect.partial{fill-opacity:.45;stroke-dasharray:4 3}
.revops tr.partial td{font-style:italic}
.revops .tabletools{display:flex;flex-wrap:wrap;gap:8px;align-items:center;margin:0 0 8px}
.revops .tabletools input,.revops .picker input{font:inherit;color:var(--ink);background:var(--chip);border:1px solid var(--line);border-radius:6px;padding:3px 8px;min-width:0;max-width:260px}
.revops button{font:inherit;font-size:12px;color:var(--ink);background:var(--chip);border:1px solid var(--line);border-radius:6px;padding:3px 10px;cursor:pointer}
.revops .tablewrap{overflow:auto;max-height:460px;border:1px solid var(--grid);border-radius:8px}
.revops table.data{border-collapse:collapse;width:100%;font-size:13px}
.revops table.data th{position:sticky;top:0;background:var(--panel);text-align:left;color:var(--muted);font-weight:600;
border-bottom:1px solid var(--line);padding:0;white-space:nowrap;z-index:1}
.revops table.data th button.sort{all:unset;display:block;cursor:pointer;padding:6px 8px}
.revops table.data th button.sort small{font-weight:400;margin-left:3px}
.revops table.data th[aria-sort=ascending] button.sort::after{content:" \\25b2"}
.revops table.data th[aria-sort=descending] button.sort::after{content:" \\25bc"}
.revops table.data td{border-bottom:1px solid var(--grid);padding:5px 8px;vertical-align:top;white-space:nowrap}
.revops table.data td.w{white-space:normal;min-width:220px;max-width:460px;overflow-wrap:anywhere}
.revops th.n,.revops td.n{text-align:right;font-variant-numeric:tabular-nums}
.revops details{margin-top:8px}.revops summary{cursor:pointer;color:var(--muted);font-size:12px}
.revops .cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(min(100%,300px),1fr));gap:12px}
.revops .card{border:1px solid var(--line);border-left:4px solid var(--accent);border-radius:10px;padding:12px 14px;background:var(--panel);min-width:0;overflow-wrap:anywhere}
.revops .card.good{border-left-color:var(--good)}.revops .card.warn{border-left-color:var(--warn)}.revops .card.bad{border-left-color:var(--bad)}
.revops .card.crit{border-left-color:var(--crit)}
.revops .card-head{display:flex;gap:6px;margin-bottom:6px}
.revops .chip{background:var(--chip);border-radius:999px;padding:1px 9px;font-size:11px;font-weight:600;color:var(--muted)}
.revops .msg{margin:0 0 8px}
.revops .conf{display:flex;align-items:center;gap:8px;font-size:12px;color:var(--muted)}
.revops .confbar{width:140px;height:10px}.revops .confbar .track{fill:var(--grid)}.revops .confbar .fill{fill:var(--accent)}
.revops .support{display:flex;flex-wrap:wrap;gap:5px;margin-top:8px}
.revops .dp{background:var(--chip);border-radius:6px;padding:1px 7px;font-size:11px;color:var(--muted);max-width:100%}
.revops .dp b{color:var(--ink);font-weight:600;margin-right:3px}
.revops .err{color:var(--bad)}.revops .empty,.revops .note{color:var(--muted);font-size:12px}
.revops .picker{display:flex;flex-wrap:wrap;gap:8px 12px;align-items:center;background:var(--panel);border:1px solid var(--line);border-radius:12px;padding:12px 18px}
.revops .picker input{width:min(100%,420px);max-width:none;font-size:14px;padding:6px 10px}
.revops .picker label{font-weight:600}
.revops .picker-msg{color:var(--warn);font-size:12px}
.revops .facts{display:grid;grid-template-columns:repeat(auto-fill,minmax(min(100%,220px),1fr));gap:6px 18px;font-size:13px;margin:0}
.revops .facts dt{color:var(--muted);font-size:12px}.revops .facts dd{margin:0 0 4px;overflow-wrap:anywhere}
.revops .factors{display:grid;grid-template-columns:max-content minmax(60px,1fr) max-content;gap:6px 10px;align-items:center;font-size:13px}
.revops .factors .ft{height:10px;background:var(--grid);border-radius:5px;position:relative;overflow:hidden}
.revops .factors .ft i{position:absolute;left:0;top:0;bottom:0;background:var(--up1);border-radius:5px}
.revops .factors.risk .ft i{background:var(--down1)}
.revops .panel.empty-panel{align-self:start}
.revops .factors .fr{grid-column:1/-1;color:var(--muted);font-size:12px;margin:-4px 0 4px}
.revops .persona-list{display:grid;grid-template-columns:repeat(auto-fill,minmax(min(100%,300px),1fr));gap:14px}
.revops .persona-list a{color:inherit;text-decoration:none}
.revops .persona-list .panel:hover{border-color:var(--accent)}
.revops .persona-list ul{margin:6px 0 0;padding-left:18px;color:var(--muted);font-size:13px}
.revops .persona-list li{margin:1px 0}
.revops footer{color:var(--muted);font-size:12px;padding:0 28px 28px}
@media print{.revops nav,.revops .theme,.revops details,.revops .filterbar,.revops .tabletools,.revops .picker{display:none}
.revops main{display:block;padding:0}.revops .panel{break-inside:avoid;margin:0 0 12px;border-color:#ccc}.revops .tablewrap{max-height:none}}
"""

# The one script (constant text, allowed by its hash): an error and render
# marker for the browser test (data-errors, data-rendered), sorting,
# searching and CSV of tables, the filter bar, the account picker.
SCRIPT = r"""(function(){var d=document.documentElement,e=[];
window.addEventListener('error',function(x){e.push(String(x.message||(x.target&&x.target.tagName)||'error'));d.setAttribute('data-errors',e.join(' | '))},true);
function cellv(td){return td.hasAttribute('data-v')?td.getAttribute('data-v'):td.textContent}
function num(s){return s!==''&&/^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(s)?parseFloat(s):null}
function sortBy(th){var t=th.closest('table'),i=Array.prototype.indexOf.call(th.parentNode.children,th),b=t.tBodies[0];
var dir=th.getAttribute('aria-sort')==='ascending'?-1:1;
Array.prototype.forEach.call(th.parentNode.children,function(h){h.removeAttribute('aria-sort')});
th.setAttribute('aria-sort',dir>0?'ascending':'descending');
var rows=Array.prototype.slice.call(b.rows);
rows.sort(function(x,y){var a=cellv(x.cells[i]),c=cellv(y.cells[i]);if(a===''&&c!=='')return 1;if(c===''&&a!=='')return -1;
var na=num(a),nc=num(c);var r=(na!==null&&nc!==null)?na-nc:a.localeCompare(c);
return r*dir||(+x.getAttribute('data-r'))-(+y.getAttribute('data-r'))});
rows.forEach(function(r){b.appendChild(r)})}
function csvq(s){return /[",\r\n]/.test(s)?'"'+s.replace(/"/g,'""')+'"':s}
function csv(t){var out=[];var h=[];Array.prototype.forEach.call(t.tHead.rows[0].cells,function(c){h.push(csvq(c.getAttribute('data-c')))});out.push(h.join(','));
var rows=Array.prototype.slice.call(t.tBodies[0].rows).sort(function(x,y){return (+x.getAttribute('data-r'))-(+y.getAttribute('data-r'))});
rows.forEach(function(r){var v=[];Array.prototype.forEach.call(r.cells,function(c){v.push(csvq(cellv(c)))});out.push(v.join(','))});
return out.join('\r\n')+'\r\n'}
window.revopsCsv=function(q){var t=document.querySelector('table.data[data-q="'+q+'"]');return t?csv(t):null};
document.addEventListener('click',function(ev){var s=ev.target.closest&&ev.target.closest('button.sort');if(s){sortBy(s.closest('th'));return}
var c=ev.target.closest&&ev.target.closest('button.csv');if(c){var t=c.closest('.tabletools').nextElementSibling.querySelector('table');
var a=document.createElement('a');a.href=URL.createObjectURL(new Blob([csv(t)],{type:'text/csv;charset=utf-8'}));
a.download=c.getAttribute('data-name')+'.csv';document.body.appendChild(a);a.click();setTimeout(function(){URL.revokeObjectURL(a.href);a.remove()},1000)}});
document.addEventListener('input',function(ev){var s=ev.target;if(!s.classList||!s.classList.contains('tsearch'))return;
var t=s.closest('.tabletools').nextElementSibling.querySelector('table'),q=s.value.toLowerCase();
Array.prototype.forEach.call(t.tBodies[0].rows,function(r){r.hidden=q!==''&&r.textContent.toLowerCase().indexOf(q)<0})});
function pick(inp){var v=inp.value,o=null,l=document.getElementById('account-list');if(!l||!v)return;
Array.prototype.forEach.call(l.options,function(x){if(!o&&x.value===v)o=x});
if(!o)Array.prototype.forEach.call(l.options,function(x){if(!o&&x.value.toLowerCase().indexOf(v.toLowerCase())>=0)o=x});
var m=inp.parentNode.querySelector('.picker-msg');if(o){location.href=o.getAttribute('data-href')}else if(m){m.textContent='No account named '+v}}
document.addEventListener('change',function(ev){var s=ev.target;
if(s.tagName==='SELECT'&&s.hasAttribute('data-nav')){var o=s.options[s.selectedIndex];if(o&&o.getAttribute('data-href'))location.href=o.getAttribute('data-href');return}
if(s.tagName==='SELECT'&&s.form&&s.form.hasAttribute('data-autosubmit')){s.form.submit();return}
if(s.id==='account-search')pick(s)});
document.addEventListener('keydown',function(ev){if(ev.target.id==='account-search'&&ev.key==='Enter'){ev.preventDefault();pick(ev.target)}});
document.addEventListener('DOMContentLoaded',function(){d.setAttribute('data-rendered',String(document.querySelectorAll('section.panel').length))});})();"""
CSS = re.sub(r"\n\s*", "", CSS)
SCRIPT_HASH = base64.b64encode(hashlib.sha256(SCRIPT.encode()).digest()).decode()
CSP = ("default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
       "script-src 'sha256-%s'; base-uri 'none'; form-action 'none'" % SCRIPT_HASH)


def theme_switch(theme):
    checked = {t: (" checked" if t == theme else "") for t in ("auto", "light", "dark")}
    return ('<div class="theme" role="radiogroup" aria-label="Theme">'
            '<input type="radio" name="theme" id="theme-auto"%s><label for="theme-auto">Auto</label>'
            '<input type="radio" name="theme" id="theme-light"%s><label for="theme-light">Light</label>'
            '<input type="radio" name="theme" id="theme-dark"%s><label for="theme-dark">Dark</label></div>' % (
                checked["auto"], checked["light"], checked["dark"]))


def body_html(title, subtitle, nav, filters, main, footer="", theme="auto"):
    """Everything inside <div class="revops"> (or <body class="revops">)."""
    return ('<div class="top"><div><h1>%s</h1><div class="sub">%s</div></div>%s</div>%s%s<main>%s</main>%s' % (
        esc(title), esc(subtitle), theme_switch(theme), nav, filters, main,
        '<footer>%s</footer>' % esc(footer) if footer else ""))


def page(title, body, theme="auto"):
    """A self-contained page: inline CSS, the one script allowed by its hash, nothing fetched."""
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
<body class="revops">
%s
</body>
</html>
""" % (esc(theme), esc(CSP), esc(title), SCRIPT, CSS, body)
