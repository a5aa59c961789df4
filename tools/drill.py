"""tools/drill.py — the account and deal pages every account and deal name links to.

The queries are tools/drill/account.sql and deal.sql, in the dashboards'
format (tools/dashboards.py), each taking :account_id or :opportunity_id.
Two ways to run them:

  * every entity at once (bulk): each query once with NULL, the rows split
    by their first column (account_id / opportunity_id) — what the static
    report does for a thousand accounts in a few seconds;
  * one entity (the served page /-/dashboards/<db>/account/<id>).

Either way the page is drawn by tools/render.py like a dashboard panel, plus
the `factors` drawing: a health score's factors (points of max, reason).
Standard library only.
"""
import json
import os
import sqlite3

import dashboards
import render

HERE = os.path.dirname(os.path.abspath(__file__))
FILES = {"account": os.path.join(HERE, "drill", "account.sql"), "deal": os.path.join(HERE, "drill", "deal.sql")}
KEY = {"account": "account_id", "deal": "opportunity_id"}


def queries(kind):
    return dashboards.parse_file(FILES[kind])


def run_all(con, kind, ids=None, catalogue=None):
    """{entity id: {query name: panel}} for every entity (or those in ids)."""
    out = {}
    qs = queries(kind)
    for q in qs:
        try:
            cols, rows = dashboards.run(con, q, {KEY[kind]: None})
            err = None
        except sqlite3.Error as e:
            cols, rows, err = [], [], "%s:%d (%s): %s" % (os.path.relpath(q.path), q.line, q.name, e)
        if err:
            for eid in (ids or []):
                out.setdefault(eid, {})[q.name] = panel_of(q, [], [], err)
            continue
        groups = {}
        for r in rows:
            if ids is None or r[0] in ids:
                groups.setdefault(r[0], []).append(list(r))
        for eid, rs in groups.items():
            out.setdefault(eid, {})[q.name] = panel_of(q, cols, rs)
    return out


def run_one(con, kind, eid):
    """{query name: panel} for one entity."""
    out = {}
    for q in queries(kind):
        try:
            cols, rows = dashboards.run(con, q, {KEY[kind]: eid})
            out[q.name] = panel_of(q, cols, [list(r) for r in rows])
        except sqlite3.Error as e:
            out[q.name] = panel_of(q, [], [], "%s (%s): %s" % (os.path.basename(q.path), q.name, e))
    return out


def panel_of(q, cols, rows, error=None):
    return {"name": q.name, "question": q.question, "chart": q.chart, "columns": cols, "rows": rows,
            "metrics": {c: m for c, m in q.metrics.items() if c in cols}, "filters_ignored": [], "error": error}


def factors_html(p):
    """Each JSON factors column: a bar per factor, its points of its maximum, and the reason."""
    out = []
    if not p.rows:
        return '<p class="empty">No score for it (not a current customer or open deal).</p>'
    for c, name in enumerate(p.cols):
        v = p.rows[0][c]
        if not isinstance(v, str) or not v.startswith("{"):
            continue
        try:
            data = json.loads(v)
        except ValueError:
            continue
        factors = data.get("factors") if isinstance(data, dict) else None
        if not isinstance(factors, dict):
            continue
        head = [x for x in (("score %s" % data["score"]) if "score" in data else "", data.get("status") or data.get("level") or "") if x]
        risk = "risk" in name or "churn" in name          # points of risk: drawn as risk
        out.append('<h3 class="fh">%s <small>%s</small></h3><div class="factors%s" data-q="%s" data-r="0" data-c="%s">' % (
            render.esc(render.humanize(name)), render.esc(" \u00b7 ".join(map(str, head))), " risk" if risk else "",
            render.esc(p.id), render.esc(name)))
        for k, f in factors.items():
            if not isinstance(f, dict):
                continue
            pts, mx = f.get("points"), f.get("max")
            frac = (pts / mx) if render.is_number(pts) and render.is_number(mx) and mx else 0
            out.append('<div>%s</div><div class="ft"><i style="width:%.1f%%"></i></div><div>%s of %s</div>'
                       '<div class="fr">%s</div>' % (render.esc(render.humanize(k)), 100 * max(0, min(1, frac)),
                                                    render.esc(pts), render.esc(mx), render.esc(f.get("reason", ""))))
        flags = data.get("flags")
        if flags:
            out.append('<div class="fr">flags: %s</div>' % render.esc(", ".join(map(str, flags))))
        out.append("</div>")
    return "".join(out) or '<p class="empty">No factors recorded.</p>'


def facts_html(p, skip=(), link_account=True):
    """A one-row profile's text columns as a definition list."""
    if not p.rows:
        return ""
    items = []
    for c, name in enumerate(p.cols):
        v = p.rows[0][c]
        if name in skip or render.is_number(v) and name not in p.query.dimensions:
            continue
        text = p.exact(0, c)
        url = None
        if link_account and name in ("account_name", "account_id") and p.links.account(p.rows[0][p.cols.index("account_id")] if "account_id" in p.cols else None):
            url = p.links.account(p.rows[0][p.cols.index("account_id")])
        content = render.esc(text)
        if url:
            content = '<a href="%s">%s</a>' % (render.esc(url), content)
        items.append('<div><dt>%s</dt><dd%s>%s</dd></div>' % (render.esc(p.title(c)), p.tag(0, c), content))
    return '<dl class="facts">%s</dl>' % "".join(items)


def entity_page(kind, eid, panels, cat, fmt, links, names, title_name, compare_label=None):
    """The <main> content of one account's or deal's page."""
    sections = []
    for q in queries(kind):
        pd = panels.get(q.name)
        if pd is None:
            if q.chart in ("kpi", "factors"):
                continue
            sections.append('<section class="panel empty-panel" id="%s" data-chart="%s" data-rows="0"><h2>%s</h2>'
                            '<p class="question">%s</p><p class="empty">None recorded.</p></section>' % (
                                render.esc(q.name), render.esc(q.chart), render.esc(render.humanize(q.name)),
                                render.esc(q.question)))
            continue
        p = render.Panel(q, pd, cat, fmt, links, names)
        if q.name in ("profile", "closed_profile") and not p.rows and not p.error:
            continue
        if q.chart == "factors":
            body = p.error and '<p class="err">This query failed: <code>%s</code></p>' % render.esc(p.error) or factors_html(p)
            sections.append('<section class="panel" id="%s" data-chart="factors" data-rows="%d"><h2>%s</h2>'
                            '<p class="question">%s</p>%s</section>' % (
                                render.esc(q.name), len(p.rows), render.esc(render.humanize(q.name)),
                                render.esc(q.question), body))
            continue
        # the entity's own key column is not shown again on its own page
        if q.chart == "kpi" and p.rows and not p.error:
            body = facts_html(p, skip=(render.layout.ACCOUNT_ID if kind == "account" else ("opportunity_id",)),
                              link_account=kind != "account") + \
                render.draw_kpis(p, render.default_cards(p), fmt, compare_label, subtitle=False)
            sections.append('<section class="panel wide" id="%s" data-chart="kpi" data-rows="%d"><h2>%s</h2>'
                            '<p class="question">%s</p>%s</section>' % (
                                render.esc(q.name), len(p.rows), render.esc(render.humanize(q.name)),
                                render.esc(q.question), body))
            continue
        sections.append(render.section(p, csv_name="%s-%s-%s" % (kind, eid, q.name)))
    return "".join(sections)
