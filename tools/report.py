#!/usr/bin/python3
"""tools/report.py — the persona dashboards as self-contained HTML pages.

    revops report DB OUT [--segment S] [--region R] [--channel C]
        [--start-date D] [--end-date D] [--as-of D] [--theme auto|light|dark]
        [--sets segment,region,channel,period | --sets none]
        [--accounts customers|all|none] [--currency SYMBOL]
        [--persona P ...] [--param NAME=VALUE] [--dashboards DIR] [--ext PATH]
    (python3 tools/report.py DB --out OUT ... the same; make report DB=demo.db)

Writes into OUT (default build/report):

  index.html                  the personas and their questions
  <persona>.html              one page per sql/dashboards/<persona>.sql, with
                              the filters given here (none: all)
  <persona>--<filter>.html    the same page for one value of a filter the
                              command line left open (each segment, region,
                              channel, and the period presets of
                              tools/layout.py): the filter bar's select boxes
                              go from page to page (docs/report.md "Filters")
  accounts/<id>.html          an account's page; accounts/index.html lists them
  deals/<id>.html             a deal's page

Every query runs through tools/dashboards.py run_persona (the structure every
consumer reads) and is drawn by tools/render.py (the one renderer, shared with
the served pages): numbers by their metric's unit and format, KPI cards with
the change against the same day of the prior quarter (every view moved to that
as-of inside a transaction rolled back: nothing is written), benchmark bands,
quotas and sparklines, charts, sortable tables with CSV, links to account
and deal pages.  The pages need nothing but a browser: inline CSS and SVG,
one inline script allowed by its hash in the page's Content-Security-Policy,
which forbids every network fetch.

A query that fails shows its error in its panel and every other panel is
drawn (issue 22); the command then exits 1, naming each failed query and
their count.  Exit 2 on bad usage.  Standard library only (Debian's python3).
"""
import hashlib
import os
import re
import shutil
import sqlite3
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402  (the arguments and the connection every tool shares)
import dashboards  # noqa: E402  (the one reader of the dashboard format)
import drill  # noqa: E402
import layout  # noqa: E402
import render  # noqa: E402

ROOT = common.ROOT
esc = render.esc
humanize = render.humanize
persona_title = render.persona_title
SET_DIMENSIONS = ("segment", "region", "channel", "period")


# ---------------------------------------------------------------- dates

def calendar(con, values):
    """The as-of date, the comparison date (the same day of the prior
    quarter) and the period presets, read from as_of_calendar at the as-of
    the filters give (moved and rolled back like every panel)."""
    cols = ["as_of", "quarter", "prior_quarter_same_day", "trailing_3m_after"]
    exprs = ["as_of", "quarter", "prior_quarter_same_day", "trailing_3m_after"]
    for key, _, start, end in layout.PERIODS:
        cols += [key + "_start", key + "_end"]
        exprs += [start, end]
    sql = "SELECT %s FROM as_of_calendar" % ", ".join("%s AS %s" % (e, c) for e, c in zip(exprs, cols))
    q = dashboards.Query("report", "calendar", "the as-of calendar", {}, sql, __file__, 0)
    d = dashboards.run_persona(con, "report", {"as_of": values.get("as_of")}, queries=[q])
    p = d["panels"][0]
    if p["error"]:
        raise common.ToolError("report: the as-of calendar could not be read: %s" % p["error"])
    return dict(zip(p["columns"], p["rows"][0]))


def shift(date, days):
    import datetime
    return (datetime.date.fromisoformat(date) - datetime.timedelta(days=days)).isoformat()


def compare_key(metric, values):
    """(as_of_calendar column, words) of the earlier as-of a metric is
    compared at, or None when its window cannot be seen as it was
    (tools/layout.py COMPARE, NOT_COMPARED, NOT_COMPARED_METRICS)."""
    w = (metric or {}).get("window") or ""
    if (metric or {}).get("metric_id") in layout.NOT_COMPARED_METRICS:
        return None
    ranged = bool(values.get("start_date") or values.get("end_date")) and "range" in w
    if re.search(layout.NOT_COMPARED, w) and not ranged:
        return None
    for pattern, col, words in layout.COMPARE:
        if re.search(pattern, w):
            return col, words
    return None


def prior_values(values, cal, col):
    """The filters at the earlier as-of cal[col]: a date range moved back as many days."""
    import datetime
    days = (datetime.date.fromisoformat(cal["as_of"]) - datetime.date.fromisoformat(cal[col])).days
    out = dict(values)
    out["as_of"] = cal[col]
    for k in ("start_date", "end_date"):
        if out.get(k):
            out[k] = shift(out[k], days)
    return out


# ---------------------------------------------------------------- page sets

def slug(v):
    s = re.sub(r"[^a-z0-9]+", "-", str(v).lower()).strip("-")[:40]
    return s


def file_id(v):
    """A file name for an id from the data: as it is when plainly safe, else a hash."""
    s = str(v)
    if re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,79}", s):
        return s
    return "x" + hashlib.sha1(s.encode("utf-8", "surrogatepass")).hexdigest()[:16]


class PageSet:
    """One set of persona pages: the base filters plus at most one more."""

    def __init__(self, key, values, dim=None, value=None, label=None):
        self.key, self.values, self.dim, self.value, self.label = key, values, dim, value, label
        self.panels = {}        # persona -> [panel dict]
        self.prior = {}         # persona -> {query name: panel dict}

    def file(self, persona):
        return persona + (".html" if not self.key else "--" + self.key + ".html")


def page_sets(con, values, cal, dims):
    """The base set and one per value of each open filter dimension."""
    sets = [PageSet("", dict(values))]
    for dim in dims:
        if dim == "period":
            if values.get("start_date") or values.get("end_date"):
                continue
            for key, label, _, _ in layout.PERIODS:
                v = dict(values, start_date=cal[key + "_start"], end_date=cal[key + "_end"])
                sets.append(PageSet("period-" + slug(key), v, "period", key, label))
            continue
        if values.get(dim):
            continue
        used = set()
        for choice in dashboards.filter_choices(con, dim):
            k = slug(choice) or "x"
            if k in used or k != str(choice).lower().replace(" ", "-"):
                k = (k + "-" if k else "") + hashlib.sha1(str(choice).encode("utf-8", "surrogatepass")).hexdigest()[:6]
            used.add(k)
            sets.append(PageSet("%s-%s" % (dim, k), dict(values, **{dim: choice}), dim, choice, str(choice)))
    return sets


def takes(q, dim):
    params = q.params()
    if dim == "period":
        return "start_date" in params or "end_date" in params
    return dim in params


def run_set(con, ps, by_persona, base):
    """Every persona of one set; a query that does not take the set's
    filter is the base set's panel (named as ignoring it)."""
    for persona, qs in by_persona.items():
        if base is None or ps.dim is None:
            ps.panels[persona] = dashboards.run_persona(con, persona, ps.values, queries=qs)["panels"]
            continue
        rerun = [q for q in qs if takes(q, ps.dim)]
        fresh = dashboards.run_persona(con, persona, ps.values, queries=rerun)["panels"] if rerun else []
        got = {p["name"]: p for p in fresh}
        out = []
        for q, bp in zip(qs, base.panels[persona]):
            if q.name in got:
                out.append(got[q.name])
            else:
                p = dict(bp)
                p["filters_ignored"] = sorted(set(bp["filters_ignored"]) | set(q.filters_ignored(ps.values)))
                out.append(p)
        ps.panels[persona] = out


def compared_queries(qs, persona):
    names = {h[0] for h in layout.HEADLINES.get(persona, [])}
    return [q for q in qs if q.chart == "kpi" or q.name in names]


def run_prior(con, ps, by_persona, cal, base, cat):
    """The KPI and headline queries at each earlier as-of their metrics are
    compared at: ps.prior[persona][(column, query name)] = panel."""
    for persona, qs in by_persona.items():
        ps.prior[persona] = {}
        for col in sorted({k[0] for k in (compare_key(cat.get(m), ps.values) for q in compared_queries(qs, persona)
                                              for m in q.metrics.values()) if k}):
            cq = [q for q in compared_queries(qs, persona)
                  if any((compare_key(cat.get(m), ps.values) or (None,))[0] == col for m in q.metrics.values())]
            if base is not None and ps.dim is not None:
                for q in [q for q in cq if not takes(q, ps.dim)]:
                    if (col, q.name) in base.prior[persona]:
                        ps.prior[persona][(col, q.name)] = base.prior[persona][(col, q.name)]
                cq = [q for q in cq if (col, q.name) not in ps.prior[persona]]
            if cq:
                for p in dashboards.run_persona(con, persona, prior_values(ps.values, cal, col), queries=cq)["panels"]:
                    ps.prior[persona][(col, p["name"])] = p


# ---------------------------------------------------------------- cards

def row_of(panel, selector):
    """The row a headline names: 0, "partial" or (column, value)."""
    rows, cols = panel.get("rows") or [], panel.get("columns") or []
    if selector == 0:
        return 0 if len(rows) == 1 else None
    if selector == "partial":
        if "is_partial" not in cols:
            return None
        i = cols.index("is_partial")
        hits = [r for r, row in enumerate(rows) if row[i]]
        return hits[0] if hits else None
    col, val = selector
    if col not in cols:
        return None
    i = cols.index(col)
    hits = [r for r, row in enumerate(rows) if row[i] == val]
    return hits[0] if hits else None


class Ctx:
    """What every page of one build shares."""

    def __init__(self, con, cat, fmt, names, bands, by_persona):
        self.con, self.cat, self.fmt, self.names, self.bands = con, cat, fmt, names, bands
        self.by_persona = by_persona


def series_index(ctx, ps, links):
    """metric id -> (Panel, column) of a time-series panel showing it, for sparklines."""
    idx = {}
    for persona, qs in ctx.by_persona.items():
        for q, pd in zip(qs, ps.panels[persona]):
            if pd["error"] or not pd["rows"]:
                continue
            p = render.Panel(q, pd, ctx.cat, ctx.fmt, links, ctx.names)
            if not p.is_series() or p.filters_ignored:
                continue
            for c, mid in pd["metrics"].items():
                idx.setdefault(mid, (p, p.cols.index(c)))
    return idx


def spark_for(mid, sidx, own):
    sid = layout.SERIES.get(mid, mid)
    hit = sidx.get(sid)
    if not hit or hit[0] is own:
        return None
    p, c = hit
    xi = p.x_col()
    rows = render.time_order(p, xi)
    pts = [(p.rows[r][xi], p.rows[r][c], r in p.partial) for r in rows]
    if len(pts) > 24:
        pts = pts[-24:]
    m = p.metrics.get(p.cols[c]) or {}
    return {"points": pts, "label": "%s, %s" % (m.get("label", p.title(c)), m.get("window", ""))}


def make_card(ctx, ps, persona, p, r, c, selector, sidx, cal, target=None):
    mid = p.metric_ids.get(p.cols[c])
    m = p.metric(c)
    key = compare_key(m, ps.values)
    prior, label = None, None
    if key is not None:
        label = "%s (%s)" % (render.date_text(cal[key[0]]), key[1])
        prior_panel = ps.prior.get(persona, {}).get((key[0], p.id))
        if prior_panel is not None and not prior_panel.get("error"):
            pr = row_of(prior_panel, selector)
            if pr is not None and p.cols[c] in prior_panel["columns"]:
                prior = prior_panel["rows"][pr][prior_panel["columns"].index(p.cols[c])]
    band = None
    if mid in layout.BANDS:
        band = render.band_of(p.rows[r][c], ctx.bands.get(layout.BANDS[mid], []), ctx.fmt, m)
    card = render.Card(p, r, c, prior=prior, band=band, spark=spark_for(mid, sidx, p) if mid else None)
    card.compare_label = label
    if isinstance(selector, tuple):
        # one row of a breakdown: named by its row, and a status row coloured
        # by the status (a risk row's rise is bad whatever the breakdown's direction)
        card.label_suffix = ": %s" % selector[1]
        sc = render.status_class(selector[1])
        card.direction = "lower is better" if sc in ("bad", "crit", "warn") else "higher is better" if sc == "good" else None
    elif selector == "partial":
        x = p.rows[r][p.x_col()]
        card.label_suffix = ", %s to date" % x if isinstance(x, str) else ""
    if target is not None and target in p.cols:
        card.target = (p.cols.index(target), p.rows[r][p.cols.index(target)])
    return card


def persona_body(ctx, ps, persona, links, sidx, cal, source_dir):
    qs = ctx.by_persona[persona]
    panels = [render.Panel(q, pd, ctx.cat, ctx.fmt, links, ctx.names) for q, pd in zip(qs, ps.panels[persona])]
    by_name = {p.id: p for p in panels}
    heads, taken = [], set()
    for spec in layout.HEADLINES.get(persona, []):
        qn, col, sel = spec[:3]
        p = by_name.get(qn)
        if p is None or p.error or col not in p.cols:
            continue
        r = row_of(p.p, sel)
        if r is None:
            continue
        c = p.cols.index(col)
        heads.append(make_card(ctx, ps, persona, p, r, c, sel, sidx, cal, spec[3] if len(spec) > 3 else None))
        taken.add((qn, r, c))
    compare_label = "Changes compare with %s; snapshots of the current state (open pipeline, balances) have none" % (
        ", ".join("%s (%s) for %s" % (render.date_text(cal[col]), words, "figures counted in whole months" if pat else "the others")
                  for pat, col, words in layout.COMPARE))
    sections = []
    order = [p for p in panels if p.query.chart == "kpi"] + [p for p in panels if p.query.chart != "kpi"]
    for p in order:
        cards = None
        if p.query.chart == "kpi" and not p.error and len(p.rows) == 1:
            cards = [make_card(ctx, ps, persona, p, 0, cd.c, 0, sidx, cal)
                     for cd in render.default_cards(p) if (p.id, 0, cd.c) not in taken]
        src = "%s:%d &middot; <code>%s</code>" % (esc(source_dir + "/" + os.path.basename(p.query.path)), p.query.line,
                                                esc(persona + "." + p.id))
        sections.append(render.section(p, cards, None, src))
    picker = ""
    if persona == "account_management" and ctx.account_list:
        picker = render.picker_html(ctx.account_list, links, links.prefix + "accounts/index.html")
    return render.headlines_html(heads, ctx.fmt, compare_label) + picker + "".join(sections)


# ---------------------------------------------------------------- build

def bands_of(con):
    out = {}
    try:
        for r in con.execute("SELECT metric, band, band_order, min_value, max_value, unit, better, source FROM benchmarks"):
            out.setdefault(r[0], []).append(dict(zip(("metric", "band", "band_order", "min_value", "max_value", "unit",
                                                      "better", "source"), r)))
    except sqlite3.Error:
        pass
    return out


class StaticLinks(render.Links):
    def __init__(self, ctx, ps, prefix=""):
        self.prefix = prefix
        super().__init__(
            account=lambda a: prefix + "accounts/%s.html" % file_id(a) if a in ctx.account_pages else None,
            deal=lambda d: prefix + "deals/%s.html" % file_id(d) if d in ctx.deal_pages else None,
            persona=lambda p: prefix + (ps.file(p) if not ps.dim or any(takes(q, ps.dim) for q in ctx.by_persona[p])
                                        else p + ".html"))


def controls_for(ctx, sets, ps, persona, dims):
    """The filter bar of one page: a select per open dimension, each option the page that shows it."""
    base = sets[0]
    controls = []
    for dim in dims:
        opts = [s for s in sets if s.dim == dim]
        if not opts:
            continue
        label = "Period" if dim == "period" else humanize(dim)
        first = "All time" if dim == "period" else "All"
        here = any(takes(q, dim) for q in ctx.by_persona[persona])
        options = [("", first, base.file(persona), ps.dim != dim)]
        # a page none of whose panels takes the filter has no page per value
        options += [(s.value, s.label, s.file(persona) if here else None, ps is s) for s in opts]
        controls.append((dim, label + ("" if here else " (no panel here takes it)"), options))
    return controls


def as_of_source(con, given):
    """Where the pages' as-of date came from (issue 22: the page says which
    source): the as_of filter, the as_of setting, or the day after the
    table.column holding the latest business date (as_of_date.source)."""
    if given:
        return "the as_of filter"
    try:
        source, latest = con.execute("SELECT source, latest_date FROM as_of_date").fetchone()
    except sqlite3.Error:           # views installed before as_of_date had a source
        return None
    if source is None:
        return "no dated data"
    if source == "settings":
        return "the as_of setting"
    return "the day after the latest %s (%s)" % (source, latest)


def chips_of(values, as_of, fixed_only=True, source=None, missing=()):
    out = [(humanize(k), v) for k, v in values.items() if v is not None and k != "as_of" and k in common.FILTERS]
    out.append(("As of", render.date_text(as_of)))
    if source:
        out.append(("As of source", source))
    if missing:                       # figures that need these read empty, not zero
        out.append(("Not loaded", "; ".join("%s (%s)" % (what, table) for table, what in missing)))
    return out


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def build(db, out, values, theme="auto", dashboards_dir=None, ext=None, personas=None, dims=SET_DIMENSIONS,
          accounts="customers", currency=None, log=None):
    """Write the pages; return (list of written files, list of failures)."""
    d = dashboards_dir or os.path.join(ROOT, "sql", "dashboards")
    if not os.path.isdir(d) or not any(f.endswith(".sql") for f in os.listdir(d)):
        raise common.ToolError("report: no dashboard files (<persona>.sql) in %s" % d)
    source_dir = os.path.relpath(d, ROOT) if os.path.abspath(d).startswith(ROOT + os.sep) else os.path.basename(os.path.normpath(d))
    queries = dashboards.load(d)
    by_persona = {}
    for q in queries:
        by_persona.setdefault(q.persona, []).append(q)
    if personas:
        unknown = sorted(set(personas) - set(by_persona))
        if unknown:
            raise common.ToolError("report: no persona %s (have: %s)" % (", ".join(unknown), ", ".join(by_persona)))
        by_persona = {p: qs for p, qs in by_persona.items() if p in personas}
    log = log or (lambda m: None)
    # Read-write so that the comparisons (and an --as-of) can move every
    # view's as-of inside a transaction that is rolled back.
    con = common.connect(db, ext, "report", write=True, isolation_level=None)
    try:
        try:
            dashboards.apply_filters(con, values)
        except dashboards.FilterError as e:
            raise common.ToolError("report: %s" % e)
        cat = dashboards.catalogue(con)
        fmt = render.Fmt(currency or render.currency_symbol(con))
        names = render.Names(con)
        ctx = Ctx(con, cat, fmt, names, bands_of(con), by_persona)
        values = dict(values)
        as_of_from = as_of_source(con, values.get("as_of"))
        missing = dashboards.missing_sources(con)
        cal = calendar(con, values)
        sets = page_sets(con, values, cal, dims)
        log("report: %d page sets, %d personas" % (len(sets), len(by_persona)))
        for ps in sets:
            run_set(con, ps, by_persona, sets[0] if ps is not sets[0] else None)
            run_prior(con, ps, by_persona, cal, sets[0] if ps is not sets[0] else None, cat)
        # accounts and deals with a page: every customer, every account and
        # deal a persona page names, every open deal and its account
        ctx.account_pages, ctx.deal_pages, ctx.account_list, ctx.all_accounts = set(), set(), [], []
        acc, deals = {}, {}
        if accounts != "none":
            named_a, named_d = named(ctx, sets)
            acc = drill.run_all(con, "account")
            deals = drill.run_all(con, "deal")
            open_deals = {o for o, pn in deals.items() if (pn.get("profile") or {}).get("rows")}
            customers = {a for a, pn in acc.items() if (pn.get("profile") or {}).get("rows")}
            ctx.deal_pages = (open_deals | named_d) & set(deals)
            ctx.account_pages = (set(names.account_ids) if accounts == "all" else
                                 customers | named_a | {names.deal_account(o) for o in ctx.deal_pages}) & names.account_ids
            # the picker: every customer by name (seed 002 "Dropdown menu with all customers")
            ctx.account_list = sorted(((a, names.account_name.get(a), _segment(acc.get(a))) for a in customers),
                                      key=lambda x: (str(x[1] or ""), x[0]))
            ctx.all_accounts = sorted(((a, names.account_name.get(a), _segment(acc.get(a))) for a in ctx.account_pages),
                                      key=lambda x: (str(x[1] or ""), x[0]))
        os.makedirs(out, exist_ok=True)
        written, failures = [], []
        generated = "Generated by revops report from %s and %s; the same queries print with revops dashboard." % (
            os.path.basename(db), source_dir)
        for ps in sets:
            links = StaticLinks(ctx, ps)
            sidx = series_index(ctx, ps, links)
            for persona in by_persona:
                if ps.dim and not any(takes(q, ps.dim) for q in by_persona[persona]):
                    continue
                main = persona_body(ctx, ps, persona, links, sidx, cal, source_dir)
                fbar = render.filterbar(controls_for(ctx, sets, ps, persona, dims), chips_of(values, cal["as_of"], source=as_of_from, missing=missing),
                                        reset=sets[0].file(persona) if ps is not sets[0] else None,
                                        note=("Filtered: %s = %s" % (humanize(ps.dim), ps.label)) if ps.dim else None)
                body = render.body_html("%s dashboard" % persona_title(persona),
                                        "revops \u00b7 as of %s \u00b7 %d questions \u00b7 %s" % (
                                            render.date_text(cal["as_of"]), len(by_persona[persona]), os.path.basename(db)),
                                        render.nav_html(list(by_persona), persona, links), fbar, main, generated, theme)
                path = os.path.join(out, ps.file(persona))
                write(path, render.page("%s dashboard" % persona_title(persona), body, theme))
                written.append(path)
                for q, pd in zip(by_persona[persona], ps.panels[persona]):
                    if pd["error"]:
                        failures.append("%s.%s%s: %s" % (persona, q.name, " (%s)" % ps.key if ps.key else "", pd["error"]))
        written.append(write_index(ctx, sets[0], out, by_persona, values, cal, theme, generated, db, as_of_from, missing))
        written += write_entities(ctx, out, acc, deals, cal, theme, generated, by_persona, failures)
    finally:
        con.close()
    return written, failures


def named(ctx, sets):
    """The accounts and deals the persona pages name (table rows, bar labels, insight cards)."""
    accounts, deal_ids = set(), set()
    cols_a = set(layout.ACCOUNT_ID + layout.ACCOUNT_NAME)
    cols_d = set(layout.DEAL_ID + layout.DEAL_NAME)
    for ps in sets:
        for persona, qs in ctx.by_persona.items():
            for q, pd in zip(qs, ps.panels.get(persona, [])):
                cols = pd.get("columns") or []
                ha, hd = cols_a & set(cols), cols_d & set(cols)
                if ha or hd:
                    for row in pd["rows"][:render.MAX_ROWS]:
                        rd = dict(zip(cols, row))
                        a = ctx.names.account_of(rd)
                        if a:
                            accounts.add(a)
                        if hd:
                            d = ctx.names.deal_of(rd)
                            if d:
                                deal_ids.add(d)
                for key in ("data", "supporting", "supporting_data"):
                    if key in cols and "message" in cols:
                        i = cols.index(key)
                        for row in pd["rows"]:
                            for k, ids in render.ids_in(row[i]):
                                (accounts if k == "account" else deal_ids).update(
                                    x for x in ids if x in (ctx.names.account_ids if k == "account" else ctx.names.deal_ids))
    return accounts, deal_ids


def _segment(panels):
    p = (panels or {}).get("profile")
    if p and p.get("rows") and "segment" in p["columns"]:
        return p["rows"][0][p["columns"].index("segment")]
    return None


def write_index(ctx, base, out, by_persona, values, cal, theme, generated, db, as_of_from=None, missing=()):
    links = StaticLinks(ctx, base)
    cards = []
    for persona, qs in by_persona.items():
        items = "".join('<li><a href="%s#%s" title="%s">%s</a></li>' % (
            esc(base.file(persona)), esc(q.name), esc(q.question), esc(humanize(q.name))) for q in qs)
        cards.append('<section class="panel"><h2><a href="%s">%s</a></h2><p class="question">%d questions</p>'
                     '<ul>%s</ul></section>' % (esc(base.file(persona)), esc(persona_title(persona)), len(qs), items))
    extra = ""
    if ctx.account_pages:
        extra = '<p class="note"><a href="accounts/index.html">All %d accounts</a> (each with its page).</p>' % len(ctx.account_pages)
    main = '<div class="wideblock"><div class="persona-list">%s</div>%s</div>' % ("".join(cards), extra)
    body = render.body_html("revops dashboards", "%d personas \u00b7 %s \u00b7 as of %s" % (
        len(by_persona), os.path.basename(db), render.date_text(cal["as_of"])),
        render.nav_html(list(by_persona), None, links), render.filterbar([], chips_of(values, cal["as_of"], source=as_of_from, missing=missing)), main,
        generated, theme)
    path = os.path.join(out, "index.html")
    write(path, render.page("revops dashboards", body, theme))
    return path


def write_entities(ctx, out, acc, deals, cal, theme, generated, by_persona, failures):
    written = []
    if not ctx.account_pages:
        return written
    for sub in ("accounts", "deals"):
        d = os.path.join(out, sub)
        if os.path.isdir(d):
            shutil.rmtree(d)
        os.makedirs(d)
    base = PageSet("", {})
    links = StaticLinks(ctx, base, prefix="../")
    nav = render.nav_html(list(by_persona), "", links, "../index.html")
    seen_fail = set()
    for kind, pages, data in (("account", ctx.account_pages, acc), ("deal", ctx.deal_pages, deals)):
        for eid in sorted(pages):
            panels = data.get(eid, {})
            for name, pd in panels.items():
                if pd.get("error") and (kind, name) not in seen_fail:
                    seen_fail.add((kind, name))
                    failures.append("%s page %s: %s" % (kind, name, pd["error"]))
            if kind == "account":
                title = ctx.names.account_name.get(eid) or eid
                seg = _segment(panels)
                sub = "Account %s%s \u00b7 as of %s" % (eid, " \u00b7 " + seg if seg else "", render.date_text(cal["as_of"]))
            else:
                title = ctx.names.deal_name(eid) or eid
                aid = ctx.names.deal_account(eid)
                sub = "Deal %s \u00b7 %s \u00b7 as of %s" % (eid, ctx.names.account_name.get(aid, aid or "no account"),
                                                          render.date_text(cal["as_of"]))
            main = drill.entity_page(kind, eid, panels, ctx.cat, ctx.fmt, links, ctx.names, title)
            back = ('%s<a href="index.html">All accounts</a>' % (
                '<a href="../account_management.html">Account management</a> \u00b7 ' if "account_management" in by_persona else "")
                    if kind == "account" else
                    '<a href="%s">%s</a>' % (esc(links.account(ctx.names.deal_account(eid)) or "../index.html"),
                                             esc(ctx.names.account_name.get(ctx.names.deal_account(eid), "Overview"))))
            body = render.body_html(title, sub, nav, '<div class="filterbar">%s</div>' % back, main, generated, theme)
            path = os.path.join(out, kind + "s", file_id(eid) + ".html")
            write(path, render.page(title, body, theme))
            written.append(path)
    # the list of accounts (the picker's fallback)
    rows = "".join('<tr data-r="%d"><td><a href="%s">%s</a></td><td>%s</td><td>%s</td></tr>' % (
        k, esc(file_id(a) + ".html"), esc(n or a), esc(a), esc(s or "")) for k, (a, n, s) in enumerate(ctx.all_accounts))
    table = ('<section class="panel wide" id="accounts" data-chart="table" data-rows="%d"><h2>All accounts</h2>'
             '<p class="question">Every account with a page, by name.</p><div class="tabletools">'
             '<input type="search" class="tsearch" placeholder="Search %d accounts" aria-label="Search the accounts">'
             '<button type="button" class="csv" data-name="accounts">Download CSV</button></div><div class="tablewrap">'
             '<table class="data" data-q="accounts"><thead><tr><th data-c="account_name"><button type="button" class="sort">'
             'Account</button></th><th data-c="account_id"><button type="button" class="sort">ID</button></th>'
             '<th data-c="segment"><button type="button" class="sort">Segment</button></th></tr></thead><tbody>%s'
             '</tbody></table></div></section>' % (len(ctx.all_accounts), len(ctx.all_accounts), rows))
    body = render.body_html("Accounts", "%d accounts \u00b7 as of %s" % (len(ctx.all_accounts), render.date_text(cal["as_of"])),
                            nav, '<div class="filterbar">%s</div>' % (
                                '<a href="../account_management.html">Account management</a>' if "account_management" in by_persona
                                else '<a href="../index.html">Overview</a>'),
                            render.picker_html(ctx.all_accounts, render.Links(account=lambda a: file_id(a) + ".html")) + table,
                            generated, theme)
    path = os.path.join(out, "accounts", "index.html")
    write(path, render.page("Accounts", body, theme))
    written.append(path)
    return written


def main(argv=None, prog="report.py"):
    ap = common.parser(prog, "Write the persona dashboards as HTML pages: one per persona, per value of each "
                       "open filter, and one per account and deal (docs/report.md).")
    ap.add_argument("out_pos", nargs="?", metavar="OUT", help="the directory to write (default build/report)")
    ap.add_argument("--out", help=argparse_suppress())
    ap.add_argument("--dashboards", help="directory of <persona>.sql files (default sql/dashboards)")
    ap.add_argument("--theme", choices=("auto", "light", "dark"), default="auto")
    ap.add_argument("--persona", action="append", help="only this persona (repeatable)")
    ap.add_argument("--sets", default=",".join(SET_DIMENSIONS), metavar="LIST",
                    help="the filters that get a page per value (default segment,region,channel,period; none: no others)")
    ap.add_argument("--accounts", choices=("customers", "all", "none"), default="customers",
                    help="account and deal pages: customers and accounts with deals (default), all, none")
    ap.add_argument("--currency", metavar="SYMBOL", help="the currency symbol (default: the settings table's, else $)")
    common.add_filters(ap)
    a = ap.parse_args(argv)
    values = common.filter_values(ap, a)
    dims = [] if a.sets.strip() in ("", "none") else [x.strip() for x in a.sets.split(",")]
    bad = [x for x in dims if x not in SET_DIMENSIONS]
    if bad:
        ap.error("--sets: %s is not one of %s" % (", ".join(bad), ", ".join(SET_DIMENSIONS)))
    out = a.out_pos or a.out or os.path.join(ROOT, "build", "report")
    written, failures = build(a.db, out, values, a.theme, a.dashboards, a.ext, a.persona, dims, a.accounts, a.currency)
    print("%s: wrote %d pages to %s (open %s)" % (prog, len(written), out, os.path.join(out, "index.html")))
    for f in failures:
        print("%s: query failed: %s" % (prog, f), file=sys.stderr)
    if failures:
        print("%s: %d failed %s; every other panel was drawn" % (prog, len(failures),
                                                                "query" if len(failures) == 1 else "queries"), file=sys.stderr)
    return 1 if failures else 0


def argparse_suppress():
    import argparse
    return argparse.SUPPRESS


if __name__ == "__main__":
    sys.exit(main())
