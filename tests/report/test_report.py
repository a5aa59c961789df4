"""tests/report/test_report.py — the HTML report (tools/report.py).

For the fixture dashboards and, once they exist, every persona of
sql/dashboards/:
  - `tools/report.py` writes one page per persona and an index, exit 0;
  - every page is rendered by headless chromium (one browser for a set of
    pages, each read after its load event, render_all): the inline
    marker script ran (data-rendered = the number of sections), no error
    was recorded (data-errors), chromium logged no console message (a CSP
    violation or a script error would be one);
  - every value the rendered DOM shows (elements tagged data-q/-r/-c, in
    KPI cards, tables, chart labels and insight cards) matches the result
    of the same query computed here through Python's sqlite3: text exactly,
    numbers to the precision shown (a "%" figure is the fraction x 100);
    every cell of every query is shown (up to the report's row limit);
  - with all six filters given, the static pages show the filtered results;
  - a hostile account name and channel do not inject markup: one <script>
    (the report's own), no <img>, no on* attribute, the text shown as text.
Without chromium, the browser half prints SKIP (and counts nothing).
"""
import html.parser
import json
import os
import re
import select
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time

import harness
import dashboards

T = harness.Counter()
EXT, DB, SCRATCH = harness.args()
REPORT = os.path.join(harness.ROOT, "tools", "report.py")
PY = "/usr/bin/python3"
MAX_ROWS = 200          # the report's documented row limit per table
KPI_ROWS = 6            # and per KPI query
FILTERED = {"start_date": "2025-06-01", "end_date": "2026-01-31", "segment": "SMB",
            "region": "EMEA", "channel": "Webinar", "as_of": "2026-02-01"}
HOSTILE_NAME = "<script>alert(1)</script><img src=x onerror=alert(2)>\"'&amp;"
HOSTILE_CHANNEL = "</text><svg onload=alert(3)>"


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Page(html.parser.HTMLParser):
    """The tagged values, sections and tags of one page (static HTML or DOM)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.values = []        # (query, row, column, text)
        self.sections = {}      # id -> (chart, rows)
        self.tags = {}          # tag -> count
        self.handlers = []      # on* attributes seen
        self.root = {}
        self._open = []         # stack of [tag, key or None, text]

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags[tag] = self.tags.get(tag, 0) + 1
        self.handlers += [k for k, _ in attrs if k.startswith("on")]
        if tag == "html":
            self.root = a
        if tag == "section" and "data-chart" in a:
            self.sections[a.get("id")] = (a["data-chart"], int(a["data-rows"]))
        key = (a["data-q"], int(a["data-r"]), a["data-c"]) if "data-q" in a else None
        if tag not in VOID:
            self._open.append([tag, key, []])

    def handle_endtag(self, tag):
        if tag in VOID or tag not in [o[0] for o in self._open]:
            return
        while self._open:
            t, key, text = self._open.pop()
            if key is not None:
                self.values.append(key + ("".join(text),))
            if self._open:
                self._open[-1][2].extend(text)
            if t == tag:
                break

    def handle_data(self, data):
        if self._open:
            self._open[-1][2].append(data)


def parse(text):
    p = Page()
    p.feed(text)
    p.close()
    return p


def shows(text, value):
    """Does the displayed text stand for the value?"""
    if value is None:
        return text == "\u2014"
    if isinstance(value, str):
        return text == value
    t = text.replace(",", "")
    pct = t.endswith("%")
    if pct:
        t = t[:-1]
    if not re.fullmatch(r"-?\d+(\.\d+)?", t):
        return False
    if isinstance(value, int) and not pct:
        return "." not in t and int(t) == value and re.fullmatch(r"-?\d{1,3}(,\d{3})*", text)
    if "," in text and not re.fullmatch(r"-?\d{1,3}(,\d{3})*(\.\d+)?%?", text):
        return False
    decimals = len(t.split(".")[1]) if "." in t else 0
    expect = value * 100 if pct else value
    return abs(float(t) - expect) <= 0.5 * 10 ** -decimals * (1 + 1e-9) + 1e-9


def expected(db, directory, values):
    """persona -> [(query, cols, rows)], computed here, not by the report.
    A given as_of is the views' as-of too (docs/dashboards.md): set in
    settings inside a transaction rolled back at the end."""
    con = harness.connect(db, EXT, readonly=not values.get("as_of"))
    con.isolation_level = None
    if values.get("as_of"):
        con.execute("BEGIN")
        con.execute("INSERT OR REPLACE INTO settings (key, value) VALUES ('as_of', ?)", (values["as_of"],))
    out = {}
    for q in dashboards.load(directory):
        params = {p: values.get(p) for p in q.params()}
        cur = con.execute(q.sql, params)
        out.setdefault(q.persona, []).append((q, [d[0] for d in cur.description], cur.fetchall()))
    if values.get("as_of"):
        con.execute("ROLLBACK")
    con.close()
    return out


def run_report(db, directory, out, values, extra=()):
    cmd = [PY, REPORT, db, "--out", out, "--dashboards", directory, "--ext", EXT] + list(extra)
    for k, v in values.items():
        cmd += ["--" + k.replace("_", "-"), v]
    return subprocess.run(cmd, capture_output=True, text=True)


def check_page(label, page, results):
    """Every tagged value matches; every cell is shown; sections as expected."""
    want = {q.name: (q, cols, rows) for q, cols, rows in results}
    T.check(set(page.sections) == set(want), "%s: one section per query" % label,
            "sections: %s" % sorted(page.sections), "queries:  %s" % sorted(want))
    bad, seen = [], set()
    for qn, r, c, text in page.values:
        if qn not in want:
            bad.append("%s: value of unknown query" % qn)
            continue
        q, cols, rows = want[qn]
        if c not in cols or r >= len(rows):
            bad.append("%s row %d column %s: no such cell" % (qn, r, c))
            continue
        v = rows[r][cols.index(c)]
        seen.add((qn, r, c))
        if not shows(text, v):
            bad.append("%s row %d %s: page shows %r, the query gives %r" % (qn, r, c, text, v))
    T.check(not bad, "%s: %d shown values match the queries" % (label, len(page.values)), *bad[:15])
    missing = []
    for qn, (q, cols, rows) in want.items():
        chart, nrows = page.sections.get(qn, (None, -1))
        T.check(nrows == len(rows), "%s: %s row count" % (label, qn), "page: %d, query: %d" % (nrows, len(rows)))
        limit = KPI_ROWS if chart == "kpi" else MAX_ROWS
        for r in range(min(len(rows), limit)):
            for c in cols:
                if chart == "insights" and c in ("supporting", "supporting_data", "data", "data_points", "evidence"):
                    continue
                if (qn, r, c) not in seen:
                    missing.append("%s row %d %s" % (qn, r, c))
    T.check(not missing, "%s: every cell is on the page" % label, *missing[:10])
    return len(page.values)


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def render_all(paths):
    """path -> (exit status, the DOM chromium built from the page, its console
    lines), for several pages in one headless chromium (one browser start,
    about 1 s of CPU, instead of one per page): each page is opened in a new
    tab over the DevTools protocol (--remote-debugging-pipe: JSON messages
    ending in NUL on fds 3 and 4), and its DOM is read once the load event
    has fired.  The console lines are chromium's own log on stderr, as with
    --dump-dom, each given to the page its "source:" names; a console line
    naming no page of the batch counts against every page."""
    prof = tempfile.mkdtemp(dir=SCRATCH, prefix="chromium-")
    log = os.path.join(prof + ".log")
    to_r, to_w = os.pipe()
    from_r, from_w = os.pipe()

    def fds():
        a, b = os.dup(to_r), os.dup(from_w)
        os.dup2(a, 3)
        os.dup2(b, 4)

    got = {}
    with open(log, "w") as err:
        p = subprocess.Popen([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu",
                              "--disable-background-networking", "--disable-component-update",
                              "--disable-sync", "--no-first-run", "--user-data-dir=" + prof,
                              "--enable-logging=stderr", "--v=0", "--remote-debugging-pipe", "about:blank"],
                             stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=err,
                             preexec_fn=fds, close_fds=False,
                             env={k: v for k, v in os.environ.items() if k not in ("LD_PRELOAD", "ASAN_OPTIONS")})
    os.close(to_r)
    os.close(from_w)
    deadline = time.time() + 60 + 30 * len(paths)
    state = {"buf": b"", "id": 0}

    def send(method, params=None, session=None):
        state["id"] += 1
        m = {"id": state["id"], "method": method, "params": params or {}}
        if session:
            m["sessionId"] = session
        os.write(to_w, json.dumps(m).encode() + b"\0")
        return state["id"]

    def recv():
        while b"\0" not in state["buf"]:
            if not select.select([from_r], [], [], max(0, deadline - time.time()))[0]:
                raise TimeoutError("chromium did not answer in time")
            d = os.read(from_r, 1 << 16)
            if not d:
                raise EOFError("chromium closed the pipe")
            state["buf"] += d
        msg, state["buf"] = state["buf"].split(b"\0", 1)
        return json.loads(msg)

    def call(method, params=None, session=None, events=None):
        i = send(method, params, session)
        while True:
            m = recv()
            if m.get("id") == i:
                if "error" in m:
                    raise RuntimeError("%s: %s" % (method, m["error"]))
                return m.get("result", {})
            if events is not None:
                events.append(m)

    problem = ""
    try:
        for path in paths:
            tid = call("Target.createTarget", {"url": "about:blank"})["targetId"]
            sid = call("Target.attachToTarget", {"targetId": tid, "flatten": True})["sessionId"]
            call("Page.enable", session=sid)
            events = []
            call("Page.navigate", {"url": "file://" + path}, sid, events)
            while not any(e.get("method") == "Page.loadEventFired" and e.get("sessionId") == sid for e in events):
                events.append(recv())
            got[path] = call("Runtime.evaluate", {"expression": "document.documentElement.outerHTML",
                                                  "returnByValue": True}, sid)["result"].get("value", "")
            call("Target.closeTarget", {"targetId": tid})
        call("Browser.close")
    except (OSError, EOFError, TimeoutError, RuntimeError, ValueError, KeyError) as e:
        problem = "%s: %s" % (type(e).__name__, e)
        p.kill()
    try:
        rc = p.wait(timeout=30)
    except subprocess.TimeoutExpired:
        p.kill()
        rc = p.wait()
    os.close(to_w)
    os.close(from_r)
    with open(log, encoding="utf-8", errors="replace") as f:
        console = [l for l in f.read().splitlines() if ":CONSOLE" in l]
    shutil.rmtree(prof, ignore_errors=True)
    os.unlink(log)
    out = {}
    for path in paths:
        mine = [l for l in console if ("source: file://%s (" % path) in l or
                not any(("source: file://%s (" % q) in l for q in paths)]
        dom = got.get(path, "")
        out[path] = (rc if path in got else (rc or 1), dom if path in got else problem, mine)
    return out


def browser_check(label, path, results, rendered):
    rc, dom, console = rendered[path]
    if not T.check(rc == 0 and "<html" in dom, "%s: chromium rendered %s" % (label, os.path.basename(path)),
                   "exit %d" % rc, dom[:300]):
        return
    page = parse(dom)
    n_sections = len(results) if results is not None else None
    T.check(page.root.get("data-rendered") is not None and
            (n_sections is None or page.root.get("data-rendered") == str(n_sections)),
            "%s: the page's script ran and saw every section" % label,
            "data-rendered=%r, sections=%r" % (page.root.get("data-rendered"), n_sections))
    T.check("data-errors" not in page.root, "%s: no error while loading" % label, page.root.get("data-errors"))
    T.check(not console, "%s: no console message (script error, CSP violation)" % label, *console[:5])
    if results is not None:
        check_page(label + " (DOM)", page, results)
    return page


# ------------------------------------------------------------------ runs
for dname, directory in harness.dashboard_dirs():
    out = os.path.join(SCRATCH, "report-" + dname.replace("/", "-"))
    p = run_report(DB, directory, out, {})
    T.check(p.returncode == 0, "%s: tools/report.py exits 0" % dname, p.stdout, p.stderr)
    exp = expected(DB, directory, {})
    pages = sorted(f for f in os.listdir(out) if f.endswith(".html")) if os.path.isdir(out) else []
    T.check(pages == sorted([pp + ".html" for pp in exp] + ["index.html"]),
            "%s: one page per persona and an index" % dname, pages)
    for persona, results in exp.items():
        path = os.path.join(out, persona + ".html")
        if os.path.exists(path):
            with open(path, encoding="utf-8") as f:
                check_page("%s %s (HTML)" % (dname, persona), parse(f.read()), results)
    if CHROMIUM and (dname != "fixture" or len(harness.dashboard_dirs()) == 1):
        # (The fixture's pages reach the browser below, with hostile values in them.)
        jobs = [(dname + " " + pp, os.path.join(out, pp + ".html"), exp[pp]) for pp in exp]
        jobs.append((dname + " index", os.path.join(out, "index.html"), None))
        rendered = render_all([path for _, path, _ in jobs])
        for j in jobs:
            browser_check(*j, rendered)
    # All six filters, checked in the static pages (the browser adds nothing here).
    outf = out + "-filtered"
    p = run_report(DB, directory, outf, FILTERED, ["--theme", "dark"])
    T.check(p.returncode == 0, "%s filtered: tools/report.py exits 0" % dname, p.stdout, p.stderr)
    expf = expected(DB, directory, FILTERED)
    for persona, results in expf.items():
        path = os.path.join(outf, persona + ".html")
        if T.check(os.path.exists(path), "%s filtered: %s page" % (dname, persona)):
            with open(path, encoding="utf-8") as f:
                text = f.read()
            check_page("%s filtered %s" % (dname, persona), parse(text), results)
            T.check('id="theme-dark" checked' in text, "%s filtered %s: --theme dark preselects dark" % (dname, persona))
    # Filtering changed something (so the filtered check above is not the unfiltered one again).
    T.check(any(a[2] != b[2] for pp in exp for a, b in zip(exp[pp], expf.get(pp, []))),
            "%s: the filters change at least one result" % dname)

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


for out_dir, want in (("report-fixture", as_of_chip(DB)), ("report-fixture-filtered", "the as_of filter")):
    with open(os.path.join(SCRATCH, out_dir, "index.html"), encoding="utf-8") as f:
        text = f.read()
    T.check("As of source <b>%s</b>" % html.escape(want) in text, "%s: the page says where its as-of date came from" % out_dir,
            "expected: As of source <b>%s</b>" % want, re.findall(r"As of source <b>[^<]*</b>", text))

# Formatting, by hand, on the fixture: money, counts and rates.
fx = {q.name: (cols, rows) for q, cols, rows in expected(DB, harness.FIXTURE, {})["sales"]}
with open(os.path.join(SCRATCH, "report-fixture", "sales.html"), encoding="utf-8") as f:
    vals = {(q, r, c): t for q, r, c, t in parse(f.read()).values}
cols, rows = fx["pipeline_kpis"]
T.check(re.fullmatch(r"\d{1,3}(,\d{3})+\.\d\d", vals.get(("pipeline_kpis", 0, "pipeline"), "")) is not None,
        "format: money has thousands separators and cents", vals.get(("pipeline_kpis", 0, "pipeline")))
wr = rows[0][cols.index("win_rate")]
T.check(vals.get(("pipeline_kpis", 0, "win_rate")) == "%.1f%%" % (wr * 100),
        "format: a rate column is a percentage", vals.get(("pipeline_kpis", 0, "win_rate")), wr)
T.check(re.fullmatch(r"\d+", vals.get(("pipeline_kpis", 0, "open_deals"), "")) is not None,
        "format: a count has no decimals", vals.get(("pipeline_kpis", 0, "open_deals")))

# A failing query: the page says so and the command exits 1.
bad_dir = os.path.join(SCRATCH, "bad_dashboards")
os.makedirs(bad_dir, exist_ok=True)
with open(os.path.join(bad_dir, "broken.sql"), "w") as f:
    f.write("-- name: missing_view\n-- question: What if the view is missing?\nSELECT * FROM no_such_view;\n")
p = run_report(DB, bad_dir, os.path.join(SCRATCH, "report-bad"), {})
T.check(p.returncode == 1 and "no_such_view" in p.stderr, "a failing query makes the command exit 1 and name it",
        "exit %d" % p.returncode, p.stderr)

# Hostile values: escaped everywhere (tables, SVG labels, cards).
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
p = run_report(hdb, harness.FIXTURE, hout, {})
T.check(p.returncode == 0, "hostile: tools/report.py exits 0", p.stderr)
hexp = expected(hdb, harness.FIXTURE, {})
hrendered = render_all([os.path.join(hout, pp + ".html") for pp in ("sales", "revenue")]) if CHROMIUM else {}
for persona in ("sales", "revenue"):
    path = os.path.join(hout, persona + ".html")
    with open(path, encoding="utf-8") as f:
        page = parse(f.read())
    check_page("hostile %s (HTML)" % persona, page, hexp[persona])
    for name, pg in [("HTML", page)] + ([("DOM", browser_check("hostile " + persona, path, hexp[persona], hrendered))] if CHROMIUM else []):
        if pg is None:
            continue
        T.check(pg.tags.get("script") == 1 and not pg.tags.get("img") and not pg.handlers,
                "hostile %s (%s): no injected element or handler" % (persona, name),
                "script=%s img=%s handlers=%s" % (pg.tags.get("script"), pg.tags.get("img"), pg.handlers))
    texts = [t for q, r, c, t in page.values]
    want = HOSTILE_NAME if persona == "sales" else HOSTILE_CHANNEL
    T.check(want in texts or any(want in t for t in texts) or persona == "revenue",
            "hostile %s: the hostile text is shown as text" % persona)
    if persona == "revenue":
        T.check(any(HOSTILE_CHANNEL in t for t in texts), "hostile revenue: the hostile channel is shown as text in an insight card")

if not CHROMIUM:
    T.skip("report: chromium is not installed (apt-get install chromium): no page was rendered in a browser")
T.finish()
