"""datasette/plugins/revops_pages.py — the persona dashboards as pages of a served Datasette.

Loaded beside datasette/plugins/revops.py (the lockdown: query extension
only, extension loading off, trusted_schema OFF on every connection, this
file changes none of it) by `revops serve` (tools/serve.py:
--plugins-dir datasette/plugins --template-dir datasette/templates).

  /-/dashboards/<db>                      the personas and their questions
  /-/dashboards/<db>/<persona>?segment=SMB&region=EMEA&channel=Webinar&period=qtd
                                          one persona's dashboard: select boxes
                                          filled from the data, KPI cards with
                                          changes, bands and sparklines, charts,
                                          sortable tables with CSV (tools/render.py,
                                          the renderer of the static report)
  /-/dashboards/<db>/account/<id>, /-/dashboards/<db>/deal/<id>
                                          an account's and a deal's page

  * An unknown filter value is refused (400) with the valid ones, on these
    pages and on the canned queries (/<db>/<persona>_<name>); a value that
    differs from the data's only by case is taken as the data's.
  * as_of: the pages move every view's as-of (and draw the changes against
    an earlier one) on Datasette's write connection, inside a transaction
    that is always rolled back; a database served immutable has no as-of
    control and no changes.  The canned queries take no as_of (a canned
    query cannot move the views' as-of): ?as_of= on one is refused.
  * Internal objects (the derived tables' *_cache tables and *_live,
    *_refill views, derived_* bookkeeping, import_runs, import_summary,
    report_* copies) are neither listed nor served as pages.
  * HTML cells are written as their metric's unit and format say (the
    catalogue, sql/views/01_metrics.sql); the JSON and CSV keep the values
    as stored.

Standard library, Datasette and tools/ only.
"""
import contextvars
import json
import os
import re
import sys
import time
import urllib.parse

from datasette import hookimpl
from datasette.utils.asgi import Response

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "tools"))
import common  # noqa: E402
import dashboards  # noqa: E402
import drill  # noqa: E402
import layout  # noqa: E402
import render  # noqa: E402
import report  # noqa: E402

QUERIES = dashboards.load(os.path.join(ROOT, "sql", "dashboards"))
BY_PERSONA = {}
for _q in QUERIES:
    BY_PERSONA.setdefault(_q.persona, []).append(_q)
CANNED = {"%s_%s" % (q.persona, q.name): q for q in QUERIES}
CATALOGUE = dashboards.catalogue_from_file()
DIMENSIONS = ("segment", "region", "channel")
PAGE_SECONDS = 120          # a page's queries together stop after this (each panel says so)
_current_query = contextvars.ContextVar("revops_canned_query", default=None)

INTERNAL = re.compile(r"(_cache|_cached|_live|_refill)$|^(derived_tables|derived_changes|derived_fingerprint|derived_status|derived_views|"
                      r"import_runs|import_summary|report_tables|sqlite_stat\d)$|^report_")


def internal(name):
    return bool(INTERNAL.search(name or ""))


# ------------------------------------------------------------ hidden objects

@hookimpl
def permission_allowed(datasette, actor, action, resource):
    if action == "view-table" and isinstance(resource, (tuple, list)) and len(resource) == 2 and internal(resource[1]):
        return False
    return None


# ------------------------------------------------------------ formatted cells

def _by_source():
    """(view, column) -> the row-grain metric computed there."""
    out = {}
    for mid, m in sorted(CATALOGUE.items()):
        if m["source_view"] and m["value_column"] and not (m["grain"] or "").startswith("aggregate"):
            out.setdefault((m["source_view"], m["value_column"]), m)
    return out


BY_SOURCE = _by_source()
FMT = render.Fmt("$")


@hookimpl
def render_cell(row, value, column, table, database, datasette):
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        return None
    m = None
    if table:
        m = BY_SOURCE.get((table, column))
    else:
        q = CANNED.get(_current_query.get() or "")
        if q is not None and column in q.metrics:
            m = CATALOGUE.get(q.metrics[column])
    if m is not None:
        return FMT.exact(value, m)
    if isinstance(value, float):
        return FMT.plain(value)
    return None


# ------------------------------------------------------------ canned queries: filters checked

def _error_response(status, message, json_wanted):
    if json_wanted:
        return Response.json({"ok": False, "error": message, "status": status}, status=status)
    return Response.html("<!DOCTYPE html><html><head><title>Invalid filter</title></head><body>"
                         "<h1>Invalid filter</h1><p class=\"message-error\">%s</p></body></html>" % render.esc(message),
                         status=status)


async def _choices(db, name):
    return sorted(r[0] for r in (await db.execute(dashboards._FILTER_VALUES[name])).rows)


async def check_filters(datasette, dbname, args):
    """The filters of a request matched to the data's spelling; raises
    dashboards.FilterError naming the filter, the value and the valid ones."""
    db = datasette.get_database(dbname)
    out = {}
    for k in DIMENSIONS:
        v = args.get(k)
        if v in (None, ""):
            continue
        have = await _choices(db, k)
        match = [h for h in have if h == v] or [h for h in have if str(h).lower() == v.strip().lower()]
        if not match:
            raise dashboards.FilterError("filter %s: no %s %r in the data (valid values: %s)"
                                         % (k, k, v, ", ".join(map(str, have)) or "none"))
        out[k] = match[0]
    for k in ("start_date", "end_date", "as_of"):
        v = args.get(k)
        if v not in (None, "") and not common.is_date(v):
            raise dashboards.FilterError("filter %s: %r is not a date YYYY-MM-DD" % (k, v))
    return out


@hookimpl
def asgi_wrapper(datasette):
    def wrap(app):
        async def checked(scope, receive, send):
            if scope.get("type") != "http":
                return await app(scope, receive, send)
            path = scope.get("path", "")
            m = re.fullmatch(r"/([^/]+)/([a-z][a-z0-9_]*)(\.json|\.csv)?", path)
            if not m or m.group(2) not in CANNED:
                return await app(scope, receive, send)
            token = _current_query.set(m.group(2))
            try:
                qs = scope.get("query_string", b"").decode("utf-8", "replace")
                pairs = urllib.parse.parse_qsl(qs, keep_blank_values=True)
                args = dict(pairs)
                wants_json = m.group(3) is not None
                if args.get("as_of") not in (None, ""):
                    resp = _error_response(400, "as_of: the canned queries read the database's as-of date; a canned "
                                           "query cannot move every view's as-of, so it takes none. Use the dashboard "
                                           "page /-/dashboards/%s/%s?as_of=%s" % (
                                               m.group(1), CANNED[m.group(2)].persona, args["as_of"]), wants_json)
                    return await resp.asgi_send(send)
                try:
                    fixed = await check_filters(datasette, m.group(1), args)
                except dashboards.FilterError as e:
                    return await _error_response(400, str(e), wants_json).asgi_send(send)
                except KeyError:
                    return await app(scope, receive, send)
                if any(args.get(k) != v for k, v in fixed.items()):
                    pairs = [(k, fixed.get(k, v)) for k, v in pairs]
                    scope = dict(scope, query_string=urllib.parse.urlencode(pairs).encode())
                return await app(scope, receive, send)
            finally:
                _current_query.reset(token)
        return checked
    return wrap


@hookimpl
def extra_body_script(template, database, table, columns, view_name, request, datasette):
    """On a canned query's page: its filter boxes become select boxes filled from the data."""
    if template != "query.html" or not request or not database:
        return None
    name = request.url_vars.get("table") if request.url_vars else None
    if name not in CANNED:
        return None

    async def script():
        db = datasette.get_database(database)
        choices = {}
        for k in DIMENSIONS:
            if k in CANNED[name].params():
                try:
                    choices[k] = await _choices(db, k)
                except Exception:
                    pass
        data = json.dumps(choices, ensure_ascii=True).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
        return ("(function(){var c=%s;Object.keys(c).forEach(function(k){var i=document.querySelector('form.sql input[name=\"'+k+'\"]');"
                "if(!i)return;var s=document.createElement('select');s.name=k;s.id=i.id;var o=document.createElement('option');"
                "o.value='';o.textContent='All';s.appendChild(o);c[k].forEach(function(v){var x=document.createElement('option');"
                "x.value=v;x.textContent=v;if(v===i.value)x.selected=true;s.appendChild(x)});i.replaceWith(s)})})();" % data)
    return script


# ------------------------------------------------------------ navigation

@hookimpl
def menu_links(datasette, actor, request):
    dbs = [n for n in datasette.databases if n != "_internal"]
    if not dbs:
        return []
    return [{"href": datasette.urls.path("/-/dashboards/%s" % urllib.parse.quote(dbs[0])), "label": "Dashboards"}]


@hookimpl
def database_actions(datasette, actor, database, request):
    return [{"href": datasette.urls.path("/-/dashboards/%s" % urllib.parse.quote(database)),
             "label": "Persona dashboards"}]


@hookimpl
def register_routes(datasette):
    return [
        (r"^/-/dashboards$", index_all),
        (r"^/-/dashboards/(?P<db>[^/]+)$", index_db),
        (r"^/-/dashboards/(?P<db>[^/]+)/account/(?P<eid>[^/]+)$", account_page),
        (r"^/-/dashboards/(?P<db>[^/]+)/deal/(?P<eid>[^/]+)$", deal_page),
        (r"^/-/dashboards/(?P<db>[^/]+)/(?P<persona>[a-z][a-z0-9_]*)$", persona_page),
    ]


# ------------------------------------------------------------ pages

class ServedLinks(render.Links):
    def __init__(self, datasette, db, names, query=""):
        base = "/-/dashboards/%s" % urllib.parse.quote(db)
        super().__init__(
            account=lambda a: datasette.urls.path("%s/account/%s" % (base, urllib.parse.quote(a, safe=""))) if a in names.account_ids else None,
            deal=lambda d: datasette.urls.path("%s/deal/%s" % (base, urllib.parse.quote(d, safe=""))) if d in names.deal_ids else None,
            persona=lambda p: datasette.urls.path("%s/%s%s" % (base, p, ("?" + query) if query else "")))
        self.prefix = ""
        self.base = datasette.urls.path(base)


async def _page(datasette, request, title, body, status=200):
    html_ = await datasette.render_template(
        "revops_dashboard.html",
        {"title": title, "body": body, "css": render.CSS, "script": render.SCRIPT},
        request=request)
    return Response.html(html_, status=status)


def _db_or_none(datasette, name):
    try:
        return datasette.get_database(name)
    except KeyError:
        return None


async def _not_found(datasette, request, what):
    return await _page(datasette, request, "Not found", '<main><section class="panel wide"><h2>Not found</h2>'
                       '<p class="err">%s</p></section></main>' % render.esc(what), status=404)


async def index_all(datasette, request):
    dbs = [n for n in datasette.databases if n != "_internal"]
    if len(dbs) == 1:
        return Response.redirect(datasette.urls.path("/-/dashboards/%s" % urllib.parse.quote(dbs[0])))
    items = "".join('<li><a href="%s">%s</a></li>' % (render.esc(datasette.urls.path("/-/dashboards/" + urllib.parse.quote(n))),
                                                      render.esc(n)) for n in dbs)
    return await _page(datasette, request, "Dashboards", '<main><section class="panel wide"><h2>Databases</h2><ul>%s</ul>'
                       '</section></main>' % items)


async def index_db(datasette, request):
    name = request.url_vars["db"]
    if _db_or_none(datasette, name) is None:
        return await _not_found(datasette, request, "no database %s" % name)
    links = ServedLinks(datasette, name, render.Names())
    cards = []
    for persona, qs in BY_PERSONA.items():
        items = "".join('<li><a href="%s#%s" title="%s">%s</a></li>' % (
            render.esc(links.persona(persona)), render.esc(q.name), render.esc(q.question), render.esc(render.humanize(q.name)))
            for q in qs)
        cards.append('<section class="panel"><h2><a href="%s">%s</a></h2><p class="question">%d questions</p><ul>%s</ul>'
                     '</section>' % (render.esc(links.persona(persona)), render.esc(render.persona_title(persona)), len(qs), items))
    body = render.body_html("revops dashboards", "%d personas \u00b7 %s" % (len(BY_PERSONA), name),
                            render.nav_html(list(BY_PERSONA), None, links, links.base), "",
                            '<div class="wideblock"><div class="persona-list">%s</div></div>' % "".join(cards))
    return await _page(datasette, request, "revops dashboards", body)


def _deadline(conn, seconds):
    end = time.monotonic() + seconds
    conn.set_progress_handler(lambda: 1 if time.monotonic() > end else 0, 10000)


def _values(request):
    args = request.args
    values = {k: (args.get(k) or None) for k in common.FILTERS}
    period = args.get("period") or None
    return values, period


def build_persona(conn, datasette, dbname, persona, values, period, compare, query):
    """Everything of one persona page, on one connection (the write one when
    the as-of moves or changes are drawn: every move is rolled back)."""
    _deadline(conn, PAGE_SECONDS)
    try:
        qs = BY_PERSONA[persona]
        cat = dashboards.catalogue(conn)
        fmt = render.Fmt(render.currency_symbol(conn))
        names = render.Names(conn)
        values = dict(values)
        values.update({k: v for k, v in dashboards.apply_filters(conn, values).items() if k in DIMENSIONS and v})
        cal = report.calendar(conn, values)
        periods = {key: (label, cal[key + "_start"], cal[key + "_end"]) for key, label, _, _ in layout.PERIODS}
        if period:
            if period not in periods:
                raise dashboards.FilterError("filter period: no period %r (valid values: %s)" % (period, ", ".join(periods)))
            values["start_date"] = values["start_date"] or periods[period][1]
            values["end_date"] = values["end_date"] or periods[period][2]
        ps = report.PageSet("", values)
        ps.panels[persona] = dashboards.run_persona(conn, persona, values, queries=qs)["panels"]
        by = {persona: qs}
        # the series other personas show, for the cards' sparklines
        wanted = {layout.SERIES.get(m, m) for q in report.compared_queries(qs, persona) for m in q.metrics.values()}
        providers = {}
        for q in QUERIES:
            if q.persona != persona and q.chart in ("line", "bar", "table") and wanted & set(q.metrics.values()):
                providers.setdefault(q.persona, []).append(q)
        for p, pqs in providers.items():
            ps.panels[p] = dashboards.run_persona(conn, p, values, queries=pqs)["panels"]
            by[p] = pqs
        if compare:
            report.run_prior(conn, ps, {persona: qs}, cal, None, cat)
        ctx = report.Ctx(conn, cat, fmt, names, report.bands_of(conn), by)
        ctx.account_pages, ctx.deal_pages = names.account_ids, names.deal_ids
        ctx.account_list = [(r[0], r[1], r[2]) for r in conn.execute(
            "SELECT account_id, account_name, segment FROM account_health ORDER BY account_name, account_id")] \
            if persona == "account_management" else []
        links = ServedLinks(datasette, dbname, names, query)
        sidx = report.series_index(ctx, ps, links)
        main = report.persona_body(ctx, ps, persona, links, sidx, cal, "sql/dashboards")
        choices = {k: dashboards.filter_choices(conn, k) for k in DIMENSIONS}
        failures = sum(1 for p in ps.panels[persona] if p["error"])
        return main, cal, periods, choices, values, failures, links
    finally:
        conn.set_progress_handler(None, 0)


async def persona_page(datasette, request):
    dbname, persona = request.url_vars["db"], request.url_vars["persona"]
    db = _db_or_none(datasette, dbname)
    if db is None:
        return await _not_found(datasette, request, "no database %s" % dbname)
    if persona not in BY_PERSONA:
        return await _not_found(datasette, request, "no persona %r (have: %s)" % (persona, ", ".join(BY_PERSONA)))
    values, period = _values(request)
    try:
        fixed = await check_filters(datasette, dbname, request.args)
    except dashboards.FilterError as e:
        return await _error_page(datasette, request, str(e))
    values.update(fixed)
    if values["as_of"] and not db.is_mutable:
        return await _error_page(datasette, request, "filter as_of: this database is served immutable, so its views' "
                                 "as-of cannot move (serve it without --immutable)")
    query = urllib.parse.urlencode([(k, request.args.get(k)) for k in request.args.keys() if request.args.get(k)])
    mutable = db.is_mutable

    def work(conn):
        return build_persona(conn, datasette, dbname, persona, values, period, mutable, query)
    try:
        if mutable:
            main, cal, periods, choices, values, failures, links = await db.execute_write_fn(work)
        else:
            main, cal, periods, choices, values, failures, links = await db.execute_fn(work)
    except dashboards.FilterError as e:
        return await _error_page(datasette, request, str(e))
    controls = []
    for k in DIMENSIONS:
        opts = [("", "All", None, not values.get(k))] + [(v, v, None, values.get(k) == v) for v in choices[k]]
        controls.append((k, render.humanize(k), opts))
    controls.append(("period", "Period", [("", "All time", None, not period)] +
                     [(key, label, None, period == key) for key, (label, _, _) in periods.items()]))
    fbar = render.filterbar(controls, [("As of", render.date_text(cal["as_of"]))] +
                            [(render.humanize(k), values[k]) for k in ("start_date", "end_date") if values.get(k)],
                            reset=links.persona(persona).split("?")[0] if query else None,
                            form_action=links.persona(persona).split("?")[0],
                            note=None if mutable else "served immutable: no as-of control, no changes")
    if mutable:
        fbar = fbar.replace("</form>", '<label>As of <input type="date" name="as_of" value="%s"></label>'
                            '<button type="submit">Apply</button></form>' % render.esc(values.get("as_of") or ""))
    body = render.body_html("%s dashboard" % render.persona_title(persona),
                            "revops \u00b7 as of %s \u00b7 %d questions \u00b7 %s%s" % (
                                render.date_text(cal["as_of"]), len(BY_PERSONA[persona]), dbname,
                                " \u00b7 %d failed" % failures if failures else ""),
                            render.nav_html(list(BY_PERSONA), persona, links, links.base), fbar, main)
    return await _page(datasette, request, "%s dashboard" % render.persona_title(persona), body)


async def _error_page(datasette, request, message):
    return await _page(datasette, request, "Invalid filter", '<main><section class="panel wide"><h2>Invalid filter</h2>'
                       '<p class="err">%s</p></section></main>' % render.esc(message), status=400)


async def _entity(datasette, request, kind):
    dbname, eid = request.url_vars["db"], request.url_vars["eid"]
    db = _db_or_none(datasette, dbname)
    if db is None:
        return await _not_found(datasette, request, "no database %s" % dbname)

    def work(conn):
        _deadline(conn, PAGE_SECONDS)
        try:
            names = render.Names(conn)
            if eid not in (names.account_ids if kind == "account" else names.deal_ids):
                return None
            cat = dashboards.catalogue(conn)
            fmt = render.Fmt(render.currency_symbol(conn))
            links = ServedLinks(datasette, dbname, names)
            panels = drill.run_one(conn, kind, eid)
            as_of = dashboards.as_of_of(conn)
            if kind == "account":
                title = names.account_name.get(eid) or eid
                sub = "Account %s \u00b7 as of %s" % (eid, render.date_text(as_of))
                back = '<a href="%s">Account management</a>' % render.esc(links.persona("account_management"))
            else:
                title = names.deal_name(eid) or eid
                aid = names.deal_account(eid)
                sub = "Deal %s \u00b7 %s \u00b7 as of %s" % (eid, names.account_name.get(aid, aid or "no account"), render.date_text(as_of))
                back = '<a href="%s">%s</a>' % (render.esc(links.account(aid) or links.base),
                                                render.esc(names.account_name.get(aid, "Dashboards")))
            main = drill.entity_page(kind, eid, panels, cat, fmt, links, names, title)
            return title, render.body_html(title, sub, render.nav_html(list(BY_PERSONA), "", links, links.base),
                                           '<div class="filterbar">%s</div>' % back, main)
        finally:
            conn.set_progress_handler(None, 0)
    got = await db.execute_fn(work)
    if got is None:
        return await _not_found(datasette, request, "no %s %s in %s" % (kind, eid, dbname))
    return await _page(datasette, request, got[0], got[1])


async def account_page(datasette, request):
    return await _entity(datasette, request, "account")


async def deal_page(datasette, request):
    return await _entity(datasette, request, "deal")
