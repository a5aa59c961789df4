"""tests/report/test_served.py — the dashboards served by a real Datasette (revops serve).

Datasette 0.64 started the way `revops serve` starts it (tools/serve.py:
the lockdown plugin, datasette/plugins/revops_pages.py, the templates of
datasette/templates/), on a copy of the demo database:
  - the database page lists no internal object (*_cache, *_live, *_refill,
    derived_*, import bookkeeping, report_* copies) and opening one is
    refused; the page links to the dashboards;
  - an unknown filter value is refused (400) naming the valid ones, on a
    dashboard page and on a canned query; a value differing only in case
    is the data's (the same rows as the right spelling); ?as_of= on a
    canned query is refused;
  - in headless chromium, every persona's page /-/dashboards/demo/<persona>
    loads with no console message and no element wider than its panel,
    and every value it shows is the query's (computed here); the form's
    select box filters the page; ?as_of= moves every view's as-of (the
    values are the queries' with settings.as_of moved); an account's and
    a deal's page load and show their records; a canned query's page
    shows select boxes filled from the data and formatted cells, its JSON
    the values as stored.
Without an importable Datasette or chromium it prints SKIP.
"""
import json
import os
import re
import shutil
import subprocess
import urllib.parse

import harness
import checks  # noqa: E402  (tests/lib/checks.py, on the path harness sets)
import pages
from browser import CHROMIUM, Chromium

import dashboards

T = harness.Counter()
EXT, DB, SCRATCH = harness.args()
PY = "/usr/bin/python3"
SERVE = os.path.join(harness.ROOT, "tools", "serve.py")
INTERNAL = re.compile(r"(_cache|_cached|_live|_refill)$|^(derived_tables|derived_changes|derived_fingerprint|derived_status|derived_views|"
                      r"import_runs|import_summary|report_tables)$|^report_")


def env():
    e = dict(os.environ)
    extra = os.environ.get("REVOPS_DATASETTE_PATH", "")
    if extra:
        e["PYTHONPATH"] = extra + (":" + e["PYTHONPATH"] if e.get("PYTHONPATH") else "")
    return e


def get(url):
    return checks.get(url, timeout=120)


if subprocess.run([PY, "-c", "import datasette.app"], env=env(), capture_output=True).returncode != 0:
    T.skip("served: Datasette is not importable (set REVOPS_DATASETTE_PATH, docs/datasette.md): "
           "the served dashboards were not tried")
    T.finish()

db = os.path.join(SCRATCH, "demo.db")
shutil.copy(DB, db)
port = checks.free_port()
meta = os.path.join(SCRATCH, "metadata.json")
p = subprocess.run([PY, SERVE, db, "--ext", EXT, "--port", str(port), "--metadata", meta, "--check"],
                   capture_output=True, text=True, env=env())
T.check(p.returncode == 0 and "--template-dir" in p.stdout, "serve: Datasette with the plugins and the templates", p.stdout, p.stderr)
proc = subprocess.Popen(p.stdout.split(), stdout=subprocess.DEVNULL, stderr=open(os.path.join(SCRATCH, "datasette.log"), "w"),
                        env=env(), cwd=harness.ROOT)
base = "http://127.0.0.1:%d" % port
up = checks.wait_up(proc, base + "/-/versions.json", tries=300)
try:
    if not T.check(up, "served: Datasette starts", open(os.path.join(SCRATCH, "datasette.log")).read()[-2000:]):
        raise SystemExit
    con = harness.connect(db, EXT)
    objects = {r[0]: r[1] for r in con.execute("SELECT name, type FROM sqlite_schema WHERE type IN ('table', 'view')")}
    segments = dashboards.filter_choices(con, "segment")
    con.close()

    # hidden objects
    st, body = get(base + "/demo.json")
    d = json.loads(body)
    listed = [t["name"] for t in d.get("tables", [])] + [v["name"] for v in d.get("views", [])]
    leaked = sorted(n for n in listed if INTERNAL.search(n))
    want = sorted(n for n in objects if not INTERNAL.search(n) and not n.startswith("sqlite_"))
    T.check(st == 200 and not leaked, "served: the database lists no internal object (%d listed)" % len(listed), leaked[:10])
    T.check(set(want) <= set(listed), "served: every other table and view is listed", sorted(set(want) - set(listed))[:10])
    internal = sorted(n for n in objects if INTERNAL.search(n))
    T.check(len(internal) > 20, "served: the demo has internal objects to hide (%d)" % len(internal))
    for name in [n for n in internal if n.endswith("_live")][:1] + [n for n in internal if n.endswith("_cache")][:1] + ["derived_tables"]:
        st, _ = get(base + "/demo/%s.json" % name)
        T.check(st == 403, "served: opening %s is refused" % name, "status %d" % st)
    st, body = get(base + "/demo")
    T.check(st == 200 and "/-/dashboards/demo" in body, "served: the database page links to the dashboards")

    # unknown filter values, case, as_of
    st, body = get(base + "/-/dashboards/demo/sales?segment=Nowhere")
    T.check(st == 400 and "Nowhere" in body and all(s in body for s in segments),
            "served: an unknown segment on a dashboard page is refused with the valid ones", st, body[-600:])
    st, body = get(base + "/demo/sales_sales_kpis.json?segment=Nowhere")
    err = json.loads(body).get("error", "") if body.startswith("{") else body
    T.check(st == 400 and "Nowhere" in err and all(s in err for s in segments),
            "served: an unknown segment on a canned query is refused with the valid ones", st, err)
    st, body = get(base + "/-/dashboards/demo/sales?period=someday")
    T.check(st == 400 and "qtd" in body, "served: an unknown period is refused with the valid ones", st)
    st1, b1 = get(base + "/demo/sales_sales_kpis.json?_shape=arrays&segment=" + urllib.parse.quote(segments[-1].lower()))
    st2, b2 = get(base + "/demo/sales_sales_kpis.json?_shape=arrays&segment=" + urllib.parse.quote(segments[-1]))
    T.check(st1 == st2 == 200 and json.loads(b1)["rows"] == json.loads(b2)["rows"],
            "served: %r is taken as %r" % (segments[-1].lower(), segments[-1]))
    st, body = get(base + "/demo/sales_sales_kpis.json?as_of=2026-01-01")
    T.check(st == 400 and "as_of" in body, "served: ?as_of= on a canned query is refused", st, body[:300])

    # canned query: JSON as stored, HTML formatted
    q = next(q for q in dashboards.load(harness.REAL) if q.persona == "sales" and q.name == "sales_kpis")
    st, body = get(base + "/demo/sales_sales_kpis.json?_shape=array")
    row = json.loads(body)[0]
    con = harness.connect(db, EXT)
    cur = con.execute(q.sql, {p_: None for p_ in q.params()})
    want_row = dict(zip([x[0] for x in cur.description], cur.fetchone()))
    con.close()
    T.check(row == want_row, "served: a canned query's JSON keeps the values as stored", row, want_row)
    st, html_ = get(base + "/demo/sales_sales_kpis")
    T.check(st == 200 and ("%.1f%%" % (want_row["win_rate"] * 100)) in html_ and repr(want_row["win_rate"]) not in html_,
            "served: a canned query's page writes a rate as a percentage", want_row["win_rate"])

    if not CHROMIUM:
        T.skip("served: chromium is not installed: the served pages were not rendered")
    else:
        exp = pages.expected(db, EXT, harness.REAL, {})
        with Chromium(SCRATCH, width=1400) as b:
            tab = b.open("about:blank")
            for persona, results in exp.items():
                tab.visit("%s/-/dashboards/demo/%s" % (base, persona))
                r = tab.eval(pages.CHECK_JS)
                probs = tab.problems
                T.check(r["rendered"] == str(r["sections"]) and r["sections"] == len(results) and not r["errors"]
                        and not probs and not r["bad"],
                        "served %s: loads, no console message, no element wider than its panel" % persona,
                        "rendered=%r sections=%r" % (r["rendered"], r["sections"]), *(probs[:4] + r["bad"]))
                pages.check_values(T, "served %s" % persona, pages.parse(tab.eval("document.documentElement.outerHTML")),
                                   results, 100)
            # the form's select box filters the page
            tab.visit("%s/-/dashboards/demo/sales" % base)
            tab.click_and_wait("(function(){var s=document.querySelector('.filterbar select[name=\"segment\"]');"
                               "for(var i=0;i<s.options.length;i++)if(s.options[i].value===%s)s.selectedIndex=i;"
                               "s.dispatchEvent(new Event('change',{bubbles:true}))})()" % json.dumps(segments[0]))
            T.check(("segment=" + urllib.parse.quote(segments[0])) in tab.eval("location.href").replace("+", "%20"),
                    "served: the segment select reloads the page filtered", tab.eval("location.href"))
            pages.check_values(T, "served sales, %s" % segments[0], pages.parse(tab.eval("document.documentElement.outerHTML")),
                               pages.expected(db, EXT, harness.REAL, {"segment": segments[0]})["sales"], 100)
            # ?as_of= moves every view's as-of
            con = harness.connect(db, EXT)
            moved = con.execute("SELECT date(as_of, '-45 days') FROM as_of_date").fetchone()[0]
            con.close()
            for persona in ("sales", "finance"):
                tab.visit("%s/-/dashboards/demo/%s?as_of=%s" % (base, persona, moved))
                pages.check_values(T, "served %s as of %s" % (persona, moved),
                                   pages.parse(tab.eval("document.documentElement.outerHTML")),
                                   pages.expected(db, EXT, harness.REAL, {"as_of": moved})[persona], 100)
            # account and deal pages
            con = harness.connect(db, EXT)
            aid = con.execute("SELECT account_id FROM opportunities GROUP BY account_id ORDER BY count(*) DESC, account_id LIMIT 1").fetchone()[0]
            nopp = con.execute("SELECT count(*) FROM opportunities WHERE account_id = ?", (aid,)).fetchone()[0]
            oid = con.execute("SELECT opportunity_id FROM opportunities WHERE account_id = ? ORDER BY opportunity_id LIMIT 1", (aid,)).fetchone()[0]
            con.close()
            for kind, eid in (("account", aid), ("deal", oid)):
                tab.visit("%s/-/dashboards/demo/%s/%s" % (base, kind, eid))
                r = tab.eval(pages.CHECK_JS)
                probs = tab.problems
                T.check(not r["errors"] and not probs and not r["bad"] and r["sections"] > 3,
                        "served: the %s page of %s loads and fits" % (kind, eid), *(probs[:4] + r["bad"]))
                if kind == "account":
                    pg = pages.parse(tab.eval("document.documentElement.outerHTML"))
                    T.check(len({rr for qn, rr, c, t, _, _ in pg.values if qn == "opportunities"}) == nopp,
                            "served: the account page lists its %d opportunities" % nopp)
                    links = tab.eval("[].map.call(document.querySelectorAll('table.data[data-q=opportunities] a'),"
                                     "function(a){return a.getAttribute('href')})")
                    T.check(any(("/deal/" + oid) in h for h in links), "served: the account page links its deals", links[:3])
            st, _ = get(base + "/-/dashboards/demo/account/NO_SUCH")
            T.check(st == 404, "served: an unknown account is not found", st)
            # a canned query's page: select boxes from the data
            tab.visit("%s/demo/sales_pipeline_by_stage" % base)
            opts = tab.eval("(function(){var s=document.querySelector('form.sql select[name=segment]');"
                            "return s?[].map.call(s.options,function(o){return o.value}):null})()")
            T.check(opts == [""] + segments, "served: a canned query's segment is a select box of the data's segments", opts)
            T.check(not tab.problems, "served: the canned query page has no console message", tab.problems)
            tab.close()
finally:
    # A server that died mid-run (a crash, the sanitizer, the OOM killer)
    # is named with its exit status and log, not only by the refused
    # connections of the checks after it.
    T.check(proc.poll() is None, "served: Datasette ran to the end of the test",
            "exit status %r" % proc.poll(), open(os.path.join(SCRATCH, "datasette.log"), errors="replace").read()[-3000:])
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
T.finish()
