"""tests/report/test_report.py — the HTML report (tools/report.py, tools/render.py, tools/drill.py).

For the fixture dashboards and every persona of sql/dashboards/:
  - `revops report` writes a page per persona, per value of each open
    filter (segment, region, channel, period), an index, and a page per
    account and deal; exit 0;
  - every value a page shows (cards, bars, chart labels, insight cards,
    every table cell with its data-v) matches the same query computed here
    through Python's sqlite3: text exactly, dates as dates, flags as
    Yes/No, numbers to the precision shown ("$71.9M" to three digits, its
    exact figure in the title); every cell of every query is on the page;
  - a filter page shows the filtered query's results (a segment, a region,
    a period preset; all six filters on the command line);
  - a KPI card's change is its figure against the same query with every
    view moved to the earlier as-of (computed here), benchmark bands are
    the benchmarks table's, a quota target is its row's quota;
  - every link of every page resolves (a file, and its #anchor);
  - an account page and a deal page show what plain SQL on the raw tables
    says for that account and deal;
  - one failing query: every other panel is drawn, the failing one shows
    its error, exit 1 with the count of failures;
  - hostile names do not inject markup.
In headless chromium (tests/report/browser.py, one browser, a tab per
page): every page loads with its script run, no console message, no
element wider than its panel (at 1400 and 720 pixels); sorting a column
reorders its rows by value; the filter bar's select goes to the filtered
page; the table search hides rows; Download CSV gives exactly the panel's
rows; the account picker opens the account's page.  Without chromium, the
browser half prints SKIP.
"""
import csv
import html
import io
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import urllib.parse

import harness
import pages
from browser import CHROMIUM, Chromium

import dashboards

T = harness.Counter()
EXT, DB, SCRATCH = harness.args()
REPORT = os.path.join(harness.ROOT, "tools", "report.py")
PY = "/usr/bin/python3"
sys.path.insert(0, os.path.join(harness.ROOT, "tools"))
import layout  # noqa: E402
import render  # noqa: E402

MAX_ROWS = render.MAX_ROWS
FILTERED = {"start_date": "2025-06-01", "end_date": "2026-01-31", "segment": "SMB",
            "region": "EMEA", "channel": "Webinar", "as_of": "2026-02-01"}
HOSTILE_NAME = "<script>alert(1)</script><img src=x onerror=alert(2)>\"'&amp;"
HOSTILE_CHANNEL = "</text><svg onload=alert(3)>"


def run_report(db, directory, out, values, extra=()):
    cmd = [PY, REPORT, db, out, "--dashboards", directory, "--ext", EXT] + list(extra)
    for k, v in values.items():
        cmd += ["--" + k.replace("_", "-"), v]
    return subprocess.run(cmd, capture_output=True, text=True)


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def check_links(label, out):
    """Every href of every page names a file that exists (and its #anchor)."""
    bad, n = [], 0
    cache = {}
    for dirpath, _, files in os.walk(out):
        for fn in files:
            if not fn.endswith(".html"):
                continue
            path = os.path.join(dirpath, fn)
            page = pages.parse(read(path))
            cache[path] = page
    for path, page in cache.items():
        for href in page.links:
            n += 1
            u = urllib.parse.urlparse(href)
            if u.scheme or u.netloc:
                bad.append("%s: external link %s" % (os.path.relpath(path, out), href))
                continue
            target = os.path.normpath(os.path.join(os.path.dirname(path), urllib.parse.unquote(u.path))) if u.path else path
            if target not in cache:
                bad.append("%s: %s does not exist" % (os.path.relpath(path, out), href))
            elif u.fragment and u.fragment not in cache[target].ids:
                bad.append("%s: %s has no #%s" % (os.path.relpath(path, out), u.path, u.fragment))
    T.check(not bad and n > 0, "%s: every link of %d pages resolves (%d links)" % (label, len(cache), n), *bad[:10])
    return cache


def set_pages(out):
    """{(persona, key): path} of every persona page a report wrote."""
    found = {}
    for fn in os.listdir(out):
        m = re.fullmatch(r"([a-z][a-z0-9_]*?)(?:--([a-z0-9-]+))?\.html", fn)
        if m and m.group(1) != "index":
            found[(m.group(1), m.group(2) or "")] = os.path.join(out, fn)
    return found


# ------------------------------------------------------------------ the reports
con = harness.connect(DB, EXT)
SEGMENTS = dashboards.filter_choices(con, "segment")
REGIONS = dashboards.filter_choices(con, "region")
CAL = dict(zip(("as_of", "quarter_start", "year_start", "prior_quarter_same_day", "trailing_3m_after", "trailing_12m_after"),
               con.execute("SELECT as_of, quarter_start, year_start, prior_quarter_same_day, trailing_3m_after, "
                           "date(trailing_12m_after, '+1 day') FROM as_of_calendar").fetchone()))
con.close()
reports = {}
for dname, directory in harness.dashboard_dirs():
    out = os.path.join(SCRATCH, "report-" + dname.replace("/", "-"))
    # every filter's pages for the fixture; segments and periods for the
    # 13 personas (the same code draws the others; it keeps the layer quick)
    dims = ["--accounts", "none"] if dname == "fixture" else ["--sets", "segment,period"]
    p = run_report(DB, directory, out, {}, dims)
    T.check(p.returncode == 0, "%s: revops report exits 0" % dname, p.stdout, p.stderr)
    reports[dname] = (directory, out)
    exp = pages.expected(DB, EXT, directory, {})
    found = set_pages(out)
    T.check({pp for pp, k in found if k == ""} == set(exp), "%s: one page per persona" % dname, sorted(found)[:20])
    T.check(os.path.exists(os.path.join(out, "index.html")), "%s: an index" % dname)
    keys = {k for _, k in found}
    want_keys = {"segment-" + render_slug for render_slug in [re.sub(r"[^a-z0-9]+", "-", s.lower()).strip("-") for s in SEGMENTS]}
    want_keys |= {"period-" + k.replace("_", "-") for k, _, _, _ in layout.PERIODS}
    T.check(want_keys <= keys, "%s: a page set per segment and per period preset" % dname, sorted(want_keys - keys))
    for persona, results in exp.items():
        check = pages.check_values
        check(T, "%s %s" % (dname, persona), pages.parse(read(found[(persona, "")])), results, MAX_ROWS)
    # filter pages: a segment, a region, a period, each against its own query results
    for key, values in [("segment-" + re.sub(r"[^a-z0-9]+", "-", SEGMENTS[-1].lower()).strip("-"), {"segment": SEGMENTS[-1]})] + (
                        [("region-" + re.sub(r"[^a-z0-9]+", "-", REGIONS[0].lower()).strip("-"), {"region": REGIONS[0]})]
                        if dname == "fixture" else []) + [
                        ("period-qtd", {"start_date": CAL["quarter_start"], "end_date": CAL["as_of"]}),
                        ("period-t12m", {"start_date": CAL["trailing_12m_after"], "end_date": CAL["as_of"]})]:
        expf = pages.expected(DB, EXT, directory, values)
        for persona, results in expf.items():
            path = found.get((persona, key))
            if path is None:        # a persona none of whose queries takes the filter has no such page
                T.check(not any(p_ in q.params() for q, _, _ in results for p_ in values),
                        "%s %s: a %s page exists when a query takes the filter" % (dname, persona, key))
                continue
            pages.check_values(T, "%s %s %s" % (dname, persona, key), pages.parse(read(path)), results, MAX_ROWS)
    T.check(any(a[2] != b[2] for pp in exp for a, b in zip(exp[pp], pages.expected(DB, EXT, directory, {"segment": SEGMENTS[-1]})[pp])),
            "%s: the segment filter changes at least one result" % dname)
    reports[dname] = (directory, out, check_links(dname, out))

# All six filters on the command line, dark theme.
for dname, directory in harness.dashboard_dirs():
    outf = os.path.join(SCRATCH, "filtered-" + dname.replace("/", "-"))
    p = run_report(DB, directory, outf, FILTERED, ["--theme", "dark", "--sets", "none", "--accounts", "none"])
    T.check(p.returncode == 0, "%s filtered: exits 0" % dname, p.stdout, p.stderr)
    for persona, results in pages.expected(DB, EXT, directory, FILTERED).items():
        path = os.path.join(outf, persona + ".html")
        if T.check(os.path.exists(path), "%s filtered: %s page" % (dname, persona)):
            text = read(path)
            pages.check_values(T, "%s filtered %s" % (dname, persona), pages.parse(text), results, MAX_ROWS)
            T.check('id="theme-dark" checked' in text, "%s filtered %s: --theme dark preselects dark" % (dname, persona))

# The pages say where their as-of date came from (issue 22), worked out
# here from the raw tables (the latest business date of docs/views.md
# "as_of_date", a closed deal's close date only), not from the view.
def as_of_chip(db):
    ro = sqlite3.connect("file:%s?mode=ro" % db, uri=True)
    try:
        if ro.execute("SELECT value FROM settings WHERE key = 'as_of'").fetchone():
            return "the as_of setting"
        facts = [("opportunity_snapshots", "snapshot_date"), ("activities", "occurred_at"),
                 ("invoices", "invoice_date"), ("payments", "paid_date"), ("support_tickets", "opened_at"),
                 ("subscriptions", "start_date"), ("opportunities", "created_date"), ("leads", "created_date"),
                 ("leads", "mql_date"), ("leads", "sql_date"), ("marketing_spend", "spend_date"),
                 ("survey_responses", "responded_date")]
        cands = [(ro.execute("SELECT substr(max(%s), 1, 10) FROM %s" % (c, t)).fetchone()[0], "%s.%s" % (t, c))
                 for t, c in facts]
        cands.append((ro.execute("SELECT max(o.close_date) FROM opportunities AS o JOIN stages AS s"
                                 " ON s.stage = o.stage WHERE s.is_closed = 1").fetchone()[0], "opportunities.close_date"))
    finally:
        ro.close()
    cands = [c for c in cands if c[0] is not None]
    if not cands:
        return "no dated data"
    latest = max(d for d, _ in cands)
    return "the day after the latest %s (%s)" % (min(src for d, src in cands if d == latest), latest)


for out_dir, want in (("report-fixture", as_of_chip(DB)), ("filtered-fixture", "the as_of filter")):
    for page_name in ("index.html", "sales.html"):
        text = read(os.path.join(SCRATCH, out_dir, page_name))
        T.check("As of source <b>%s</b>" % html.escape(want) in text,
                "%s/%s: the page says where its as-of date came from" % (out_dir, page_name),
                "expected: As of source <b>%s</b>" % want, re.findall(r"As of source <b>[^<]*</b>", text))

# ------------------------------------------------------------------ formatting by hand (fixture)
fx = {q.name: (cols, rows) for q, cols, rows in pages.expected(DB, EXT, harness.FIXTURE, {})["sales"]}
vals = {(q, r, c): (t, title) for q, r, c, t, title, _ in pages.parse(read(os.path.join(SCRATCH, "report-fixture", "sales.html"))).values}
cols, rows = fx["pipeline_kpis"]
wr = rows[0][cols.index("win_rate")]
T.check(vals.get(("pipeline_kpis", 0, "win_rate"), ("",))[0] == "%.1f%%" % (wr * 100),
        "format: a rate column is a percentage", vals.get(("pipeline_kpis", 0, "win_rate")), wr)
T.check(re.fullmatch(r"\d+", vals.get(("pipeline_kpis", 0, "open_deals"), ("",))[0]) is not None,
        "format: a count has no decimals", vals.get(("pipeline_kpis", 0, "open_deals")))
# the renderer's rules on values written here
F = render.Fmt("$")
cur, cnt, pct, days, hours = ({"unit": u, "format": f} for u, f in (("currency", "2"), ("count", "0"), ("percent", "1"),
                                                                    ("days", "1"), ("hours", "1")))
for v, m, short, exact in [(71850714.12, cur, "$71.9M", "$71,850,714.12"), (1237923.24, cur, "$1.24M", "$1,237,923.24"),
                           (528310.32, cur, "$528K", "$528,310.32"), (5303.42, cur, "$5,303.42", "$5,303.42"),
                           (-641550.36, cur, "-$642K", "-$641,550.36"), (999999.0, cur, "$1.00M", "$999,999.00"),
                           (12263, cnt, "12.3K", "12,263"), (9999, cnt, "9,999", "9,999"), (0.3777, pct, "37.8%", "37.8%"),
                           (127.7, days, "127.7 days", "127.7 days"), (46.14, hours, "46.1 h", "46.1 h"),
                           (2.5e9, cur, "$2.50B", "$2,500,000,000.00")]:
    T.check(F.short(v, m) == short and F.exact(v, m) == exact, "format: %r as %s is %s, exactly %s" % (v, m["unit"], short, exact),
            F.short(v, m), F.exact(v, m))
T.check(render.Fmt("\u20ac").short(71850714.12, cur) == "\u20ac71.9M", "format: the currency symbol is the setting's")
T.check(F.change(0.971, 0.966, {"unit": "percent", "direction": "higher is better"}) == ("\u25b2 0.5 pts", "good")
        and F.change(528310.32, 1189000.0, {"unit": "currency", "direction": "lower is better"}) == ("\u25bc 55.6%", "good")
        and F.change(10.0, 12.0, {"unit": "currency", "direction": "higher is better"}) == ("\u25bc 16.7%", "bad"),
        "format: a change is in points for percents, relative otherwise, coloured by the metric's direction")

# ------------------------------------------------------------------ cards: changes, bands, quotas, sparklines
if "sql/dashboards" in reports:
    directory, out, cache = reports["sql/dashboards"]
    page_of = lambda persona: pages.parse(read(os.path.join(out, persona + ".html")))
    con = harness.connect(DB, EXT, readonly=False)
    con.isolation_level = None
    qs = {(q.persona, q.name): q for q in dashboards.load(directory)}
    cat = dashboards.catalogue_from_file()
    checked, bad = 0, []
    for persona in ("sales", "finance", "board", "service"):
        html_text = read(os.path.join(out, persona + ".html"))
        for m in re.finditer(r'data-card="([a-z0-9_]+):(\d+):([a-z0-9_]+)">(.*?)(?=<div class="kpi[ "]|</div></div></div>|</section>)', html_text, re.S):
            qn, r, c, inner = m.group(1), int(m.group(2)), m.group(3), m.group(4)
            dm = re.search(r'class="kpi-delta (good|bad|flat)" title="[^"]*" data-prior="([^"]*)">([^<]*)<', inner)
            q = qs[(persona, qn)]
            mid = q.metrics.get(c)
            window = (cat.get(mid) or {}).get("window", "")
            comparable = not re.search(layout.NOT_COMPARED, window) and mid not in layout.NOT_COMPARED_METRICS
            if not comparable:
                if dm:
                    bad.append("%s.%s %s: a change on a snapshot (%s)" % (persona, qn, c, window))
                continue
            col = "trailing_3m_after" if re.search(layout.COMPARE[0][0], window) else "prior_quarter_same_day"
            con.execute("BEGIN")
            con.execute("INSERT OR REPLACE INTO settings (key, value) VALUES ('as_of', ?)", (CAL[col],))
            cur = con.execute(q.sql, {p: (CAL[col] if p == "as_of" else None) for p in q.params()})
            pcols, prows = [d[0] for d in cur.description], cur.fetchall()
            con.execute("ROLLBACK")
            cur = con.execute(q.sql, {p: None for p in q.params()})
            ncols, nrows = [d[0] for d in cur.description], cur.fetchall()
            prior = prows[r][pcols.index(c)] if r < len(prows) and len(prows) == len(nrows) else None
            now = nrows[r][ncols.index(c)]
            checked += 1
            if prior is None or now is None:
                continue
            if not dm:
                bad.append("%s.%s %s: no change shown (now %r, then %r)" % (persona, qn, c, now, prior))
                continue
            if float(dm.group(2)) != prior:
                bad.append("%s.%s %s: the change is against %s, the query at %s gives %r" % (persona, qn, c, dm.group(2), CAL[col], prior))
            text = dm.group(3).strip()
            unit = cat[mid]["unit"]
            if now == prior:
                ok = text == "no change" or "no change" in text
            elif unit == "percent":
                ok = text.endswith("pts") and abs(float(text.split()[1]) - abs(now - prior) * 100) <= 0.051
            elif unit in ("ratio", "score"):
                ok = abs(float(text.split()[1]) - abs(now - prior)) <= 0.5 * 10 ** -int(cat[mid]["format"] or 2) + 1e-9
            else:
                ok = prior != 0 and abs(float(text.split()[1].rstrip("%")) - abs(now - prior) / abs(prior) * 100) <= 0.051
            if not ok or (text.startswith("\u25b2") != (now > prior)):
                bad.append("%s.%s %s: shows %r, %r -> %r" % (persona, qn, c, text, prior, now))
    con.close()
    T.check(checked > 20 and not bad, "cards: %d changes equal the query at the earlier as-of, none on a snapshot" % checked, *bad[:10])
    fin = read(os.path.join(out, "finance.html"))
    con = harness.connect(DB, EXT)
    nrr = con.execute(qs[("finance", "revops_dashboard")].sql, {p: None for p in qs[("finance", "revops_dashboard")].params()}).fetchone()
    nrr = nrr[[d[0] for d in con.execute(qs[("finance", "revops_dashboard")].sql, {p: None for p in qs[("finance", "revops_dashboard")].params()}).description].index("nrr")]
    band = con.execute("SELECT band FROM benchmarks WHERE metric = 'nrr' AND (min_value IS NULL OR ? >= min_value) "
                       "AND (max_value IS NULL OR ? < max_value)", (nrr, nrr)).fetchone()
    con.close()
    m = re.search(r'data-card="revops_dashboard:0:nrr">.*?class="kpi-band band-\w+" title="[^"]*">([^<]*)<', fin, re.S)
    T.check(band and m and m.group(1).strip() == band[0], "cards: finance NRR sits in its benchmarks band", band, m and m.group(1))
    T.check(re.search(r'data-card="revops_dashboard:0:nrr">.*?<svg class="spark', fin, re.S) is not None,
            "cards: the NRR headline has a sparkline (finance.retention_trend)")
    vp = read(os.path.join(out, "vp_sales.html"))
    T.check(re.search(r'data-card="revenue_performance:\d+:won_new_business">[^§]*?kpi-target">[^<]*quota <b', vp, re.S | re.I) is not None,
            "cards: new business won has its quota as the target")
    heads = re.findall(r'<section class="headlines".*?</section>', read(os.path.join(out, "billing.html")), re.S)
    T.check(heads and read(os.path.join(out, "billing.html")).index("headlines") < read(os.path.join(out, "billing.html")).index('data-chart="table"'),
            "layout: billing opens with its headline cards, before any table")
    for persona in layout.HEADLINES:
        if (persona, "") in set_pages(out):
            n = len(re.findall(r'class="kpi headline', read(os.path.join(out, persona + ".html"))))
            T.check(1 <= n <= 6, "layout: %s has %d headline cards (1 to 6)" % (persona, n))
    fin_groups = re.findall(r'<div class="kpi-group"><h3>([^<]*)</h3>', fin)
    T.check(len(fin_groups) >= 4, "layout: finance's KPI cards are grouped by window", fin_groups)
    am = read(os.path.join(out, "account_management.html"))
    T.check('id="account-search"' in am and am.count("<option value=") > 10, "account management has the account picker")

# ------------------------------------------------------------------ account and deal pages against plain SQL
if "sql/dashboards" in reports:
    directory, out, cache = reports["sql/dashboards"]
    con = harness.connect(DB, EXT)
    aid = con.execute("SELECT account_id FROM invoices GROUP BY account_id ORDER BY count(*) DESC, account_id LIMIT 1").fetchone()[0]
    path = os.path.join(out, "accounts", aid + ".html")
    if T.check(os.path.exists(path), "drill: the busiest account has a page (%s)" % aid):
        pg = pages.parse(read(path))
        by = {}
        for q, r, c, t, title, dv in pg.values:
            by.setdefault(q, {}).setdefault(r, {})[c] = (t, dv)
        opp = con.execute("SELECT count(*) FROM opportunities WHERE account_id = ?", (aid,)).fetchone()[0]
        T.check(len(by.get("opportunities", {})) == opp, "drill: %s's page lists its %d opportunities" % (aid, opp), len(by.get("opportunities", {})))
        ncont = con.execute("SELECT count(*) FROM contacts WHERE account_id = ?", (aid,)).fetchone()[0]
        T.check(len(by.get("contacts", {})) == ncont, "drill: %s's page lists its %d contacts" % (aid, ncont))
        open_inv = {r[0] for r in con.execute(
            "SELECT i.invoice_id FROM invoices AS i LEFT JOIN (SELECT invoice_id, total(amount) AS paid FROM payments "
            "GROUP BY invoice_id) AS p ON p.invoice_id = i.invoice_id WHERE i.account_id = ? AND i.status <> 'void' "
            "AND i.amount - coalesce(p.paid, 0) > 0.005", (aid,))}
        shown_inv = {row["invoice_id"][0] for row in by.get("invoices", {}).values() if "invoice_id" in row}
        T.check(open_inv <= shown_inv, "drill: every open invoice of %s is listed" % aid, sorted(open_inv - shown_inv)[:5])
        nt = con.execute("SELECT count(*) FROM support_tickets WHERE account_id = ?", (aid,)).fetchone()[0]
        tk = by.get("tickets_summary", {}).get(0, {}).get("tickets")
        T.check(tk is not None and pages.shows(tk[0], nt), "drill: %s's ticket count is %d" % (aid, nt), tk)
        months = con.execute("SELECT count(*) FROM revenue_customer_months WHERE account_id = ?", (aid,)).fetchone()[0]
        T.check(len(by.get("mrr_history", {})) == months, "drill: %s's MRR history has its %d months" % (aid, months))
    oid = con.execute("SELECT o.opportunity_id FROM opportunities AS o JOIN stages AS s ON s.stage = o.stage WHERE s.is_closed = 0 "
                      "ORDER BY o.amount DESC, o.opportunity_id LIMIT 1").fetchone()[0]
    path = os.path.join(out, "deals", oid + ".html")
    if T.check(os.path.exists(path), "drill: the largest open deal has a page (%s)" % oid):
        pg = pages.parse(read(path))
        amount = con.execute("SELECT amount FROM opportunities WHERE opportunity_id = ?", (oid,)).fetchone()[0]
        got = [(t, title) for q, r, c, t, title, dv in pg.values if q == "profile" and c == "amount"]
        T.check(got and pages.shows(got[0][0], amount, got[0][1]), "drill: the deal page shows its amount", got, amount)
        stages = con.execute("SELECT count(*) FROM opportunity_stage_history WHERE opportunity_id = ?", (oid,)).fetchone()[0]
        T.check(len({r for q, r, c, t, _, _ in pg.values if q == "stage_history"}) == stages,
                "drill: the deal page lists its %d stage changes" % stages)
    # a table naming an account links to its page, a deal to its page
    sales = read(os.path.join(out, "sales.html"))
    T.check(re.search(r'<a href="accounts/A\d+\.html">', sales) and re.search(r'<a href="deals/O\d+\.html">', sales),
            "drill: the sales page links accounts and deals to their pages")
    board = read(os.path.join(out, "board.html"))
    T.check(re.search(r'<div class="bl"[^>]*><a href="accounts/', board) is not None, "drill: a bar naming an account links to it")
    cro = read(os.path.join(out, "cro.html"))
    T.check(re.search(r'class="dp"><b>(Accounts|Deals)</b> <a href="(accounts|deals)/', cro) is not None,
            "drill: an insight card naming deals links to them")
    con.close()

# ------------------------------------------------------------------ one failing query
bad_dir = os.path.join(SCRATCH, "bad_dashboards")
os.makedirs(bad_dir, exist_ok=True)
shutil.copy(os.path.join(harness.FIXTURE, "sales.sql"), os.path.join(bad_dir, "sales.sql"))
with open(os.path.join(bad_dir, "sales.sql"), "a") as f:
    f.write("\n-- name: missing_view\n-- question: What if the view is missing?\nSELECT * FROM no_such_view;\n")
p = run_report(DB, bad_dir, os.path.join(SCRATCH, "report-bad"), {}, ["--sets", "none", "--accounts", "none"])
T.check(p.returncode == 1 and "no_such_view" in p.stderr and "1 failed query" in p.stderr,
        "a failing query: exit 1, named, with the count of failures", "exit %d" % p.returncode, p.stderr)
bp = os.path.join(SCRATCH, "report-bad", "sales.html")
if T.check(os.path.exists(bp), "a failing query: the page is still written"):
    text = read(bp)
    pg = pages.parse(text)
    T.check(pg.sections.get("missing_view", ("",))[0] is not None and "This query failed" in text and "no_such_view" in text,
            "a failing query: its panel shows the error")
    exp_ok = [(q, c, r) for q, c, r in pages.expected(DB, EXT, harness.FIXTURE, {})["sales"]]
    pages.check_values(T, "a failing query: every other panel", pg, exp_ok, MAX_ROWS)

# ------------------------------------------------------------------ hostile values
hdb = os.path.join(SCRATCH, "hostile.db")
shutil.copy(DB, hdb)
con = sqlite3.connect(hdb)
top = con.execute("""SELECT o.account_id FROM opportunities o JOIN stages s ON s.stage = o.stage
                     WHERE s.is_closed = 0 ORDER BY o.amount DESC, o.opportunity_id LIMIT 1""").fetchone()[0]
con.execute("UPDATE accounts SET name = ? WHERE account_id = ?", (HOSTILE_NAME, top))
ch = con.execute("SELECT channel FROM marketing_spend GROUP BY channel ORDER BY total(amount) DESC LIMIT 1").fetchone()[0]
con.execute("UPDATE marketing_spend SET channel = ? WHERE channel = ?", (HOSTILE_CHANNEL, ch))
con.execute("UPDATE opportunities SET channel = ? WHERE channel = ?", (HOSTILE_CHANNEL, ch))
con.commit()
con.close()
hout = os.path.join(SCRATCH, "report-hostile")
p = run_report(hdb, harness.FIXTURE, hout, {}, ["--sets", "channel"])
T.check(p.returncode == 0, "hostile: exits 0", p.stderr)
hexp = pages.expected(hdb, EXT, harness.FIXTURE, {})
hostile_pages = [os.path.join(hout, f) for f in sorted(os.listdir(hout)) if f.endswith(".html")]
for path in hostile_pages:
    pg = pages.parse(read(path))
    T.check(pg.tags.get("script") == 1 and not pg.tags.get("img") and not pg.handlers,
            "hostile %s: no injected element or handler" % os.path.basename(path),
            "script=%s img=%s handlers=%s" % (pg.tags.get("script"), pg.tags.get("img"), pg.handlers))
for persona in ("sales", "revenue"):
    pg = pages.parse(read(os.path.join(hout, persona + ".html")))
    pages.check_values(T, "hostile %s" % persona, pg, hexp[persona], MAX_ROWS)
    texts = [t for q, r, c, t, _, _ in pg.values]
    want = HOSTILE_NAME if persona == "sales" else HOSTILE_CHANNEL
    T.check(any(want in t for t in texts), "hostile %s: the hostile text is shown as text" % persona)
acc = os.path.join(hout, "accounts", top + ".html")
if T.check(os.path.exists(acc), "hostile: the hostile account has its page"):
    pg = pages.parse(read(acc))
    T.check(pg.tags.get("script") == 1 and not pg.tags.get("img") and not pg.handlers and
            HOSTILE_NAME in read(acc).replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&#x27;", "'").replace("&amp;", "&"),
            "hostile: its account page shows the name as text")
    hostile_pages.append(acc)


# ------------------------------------------------------------------ the browser
CHECK_JS = pages.CHECK_JS


def browser_pages(b, label, paths, width_check=True):
    n = 0
    tab = b.open("about:blank")
    for path in paths:
        tab.visit("file://" + path)
        r = tab.eval(CHECK_JS)
        probs = tab.problems
        n += 1
        name = os.path.relpath(path, SCRATCH)
        T.check(r["rendered"] == str(r["sections"]) and not r["errors"] and not probs and not r["bad"],
                "%s %s: loads, its script runs, no console message, no element wider than its panel" % (label, name),
                "rendered=%r sections=%r errors=%r" % (r["rendered"], r["sections"], r["errors"]), *(probs[:4] + r["bad"]))
    tab.close()
    return n


if not CHROMIUM:
    T.skip("report: chromium is not installed (apt-get install chromium): no page was rendered in a browser")
else:
    with Chromium(SCRATCH, width=1400) as b:
        for dname, (directory, out, cache) in reports.items():
            allp = sorted(cache)
            n = browser_pages(b, dname, allp)
            T.check(n == len(allp), "%s: every page (%d) was loaded in chromium" % (dname, len(allp)))
        browser_pages(b, "hostile", hostile_pages)
        if "sql/dashboards" in reports:
            directory, out, cache = reports["sql/dashboards"]
            exp = {q.name: (q, c, r) for q, c, r in pages.expected(DB, EXT, directory, {})["sales"]}
            # sorting: the open opportunities by amount, then back
            tab = b.open("file://" + os.path.join(out, "sales.html"))
            q, cols, rows = exp["open_opportunities"]
            ci = cols.index("amount")
            js = ("(function(){var t=document.querySelector('table.data[data-q=\"open_opportunities\"]');"
                  "var th=t.querySelector('th[data-c=\"amount\"] button');function col(){return [].map.call(t.tBodies[0].rows,"
                  "function(r){return r.cells[%d].getAttribute('data-v')})}th.click();var a=col();th.click();var b=col();"
                  "return [a,b]})()" % ci)
            asc, desc = [[None if v in ("", None) else float(v) for v in x] for x in tab.eval(js)]
            amounts = [r[ci] for r in rows]
            known = [a for a in amounts if a is not None]
            nulls = [None] * (len(amounts) - len(known))
            T.check(asc == sorted(known) + nulls and desc == sorted(known, reverse=True) + nulls and asc != amounts,
                    "browser: a header click sorts the rows by value, a second click the other way", asc[:5], desc[:5])
            # search: rows without the text are hidden
            first = rows[0][cols.index("account_name")]
            shown = tab.eval("(function(){var t=document.querySelector('table.data[data-q=\"open_opportunities\"]');"
                             "var s=t.closest('.panel').querySelector('input.tsearch');s.value=%s;"
                             "s.dispatchEvent(new Event('input',{bubbles:true}));return [].filter.call(t.tBodies[0].rows,"
                             "function(r){return !r.hidden}).length})()" % json.dumps(first))
            T.check(shown == sum(1 for r in rows if first.lower() in " ".join(map(str, r)).lower() or
                                 first.lower() in str(r[cols.index("account_name")]).lower()) and shown < len(rows),
                    "browser: the table search leaves the matching rows", shown)
            # CSV: the download equals the panel's rows
            for qn in ("open_opportunities", "sales_kpis", "pipeline_by_stage"):
                q, cols, rows = exp[qn]
                if not tab.eval("!!document.querySelector('table.data[data-q=\"%s\"]')" % qn):
                    continue
                path = tab.download("(function(){var t=document.querySelector('table.data[data-q=\"%s\"]');"
                                    "t.closest('.panel').querySelector('button.csv').click()})()" % qn)
                got = list(csv.reader(io.StringIO(read(path)))) if path else []
                ok = got and got[0] == cols and len(got) - 1 == min(len(rows), MAX_ROWS) and all(
                    pages.raw_equal(cell, v) for g, r in zip(got[1:], rows) for cell, v in zip(g, r))
                T.check(ok, "browser: Download CSV of %s gives its rows as stored" % qn, got[:3], rows[:2])
            # the filter bar: choosing a segment opens its page, with the filtered figures
            seg = SEGMENTS[-1]
            tab.click_and_wait("(function(){var s=document.querySelector('.filterbar select[name=\"segment\"]');"
                               "for(var i=0;i<s.options.length;i++)if(s.options[i].value===%s)s.selectedIndex=i;"
                               "s.dispatchEvent(new Event('change',{bubbles:true}))})()" % json.dumps(seg))
            url = tab.eval("location.href")
            dom = tab.eval("document.documentElement.outerHTML")
            T.check(url.endswith("sales--segment-%s.html" % re.sub(r"[^a-z0-9]+", "-", seg.lower()).strip("-")),
                    "browser: the segment select opens the segment's page", url)
            fexp = pages.expected(DB, EXT, directory, {"segment": seg})["sales"]
            pages.check_values(T, "browser: the %s page shows the filtered figures" % seg, pages.parse(dom), fexp, MAX_ROWS)
            tab.close()
            # the account picker: a customer's name and Enter open its page
            tab = b.open("file://" + os.path.join(out, "account_management.html"))
            name, href = tab.eval("(function(){var o=document.querySelectorAll('#account-list option')[3];"
                                  "return [o.value,o.getAttribute('data-href')]})()")
            tab.click_and_wait("(function(){var i=document.getElementById('account-search');i.value=%s;"
                               "i.dispatchEvent(new KeyboardEvent('keydown',{key:'Enter',bubbles:true}))})()" % json.dumps(name))
            T.check(tab.eval("location.href").endswith(href) and name in tab.eval("document.querySelector('h1').textContent"),
                    "browser: the account picker opens %s's page" % name, tab.eval("location.href"), href)
            tab.close()
    # narrow screens: the persona pages still fit their panels
    if "sql/dashboards" in reports:
        directory, out, cache = reports["sql/dashboards"]
        with Chromium(SCRATCH, width=720) as b:
            browser_pages(b, "720px", [os.path.join(out, p + ".html") for p in sorted({pp for pp, k in set_pages(out)})])
# Empty is not zero, and the page says which data is missing (issue 22):
# with no spend and no survey loaded, every page names both; the full
# fixture's pages name none.
miss_db = os.path.join(SCRATCH, "missing.db")
shutil.copy(DB, miss_db)
mc = sqlite3.connect(miss_db)
mc.execute("PRAGMA foreign_keys = OFF")
mc.execute("DELETE FROM marketing_spend")
mc.execute("DELETE FROM survey_responses")
mc.commit()
mc.close()
miss_out = os.path.join(SCRATCH, "missing-report")
fixture_dir = os.path.join(harness.ROOT, "tests", "report", "fixture_dashboards")
r = run_report(miss_db, fixture_dir, miss_out, {}, ["--sets", "none", "--accounts", "none"])
want = "marketing spend: CAC, ROI (marketing_spend); surveys: NPS, CSAT (survey_responses)"
if T.check(r.returncode in (0, 1), "report: a database missing two sources is written", r.stderr[-1000:]):
    miss_pages = sorted(f for f in os.listdir(miss_out) if f.endswith(".html"))
    T.check(miss_pages and all(want in html.unescape(read(os.path.join(miss_out, f))) for f in miss_pages),
            "report: every page says spend and surveys are not loaded", [f for f in miss_pages
            if want not in html.unescape(read(os.path.join(miss_out, f)))][:5])
full_pages = [os.path.join(o, f) for _, o, _ in reports.values() for f in os.listdir(o) if f.endswith(".html")]
T.check(full_pages and not any("Not loaded" in read(f) for f in full_pages),
        "report: a database with every source names none as not loaded")

T.finish()
