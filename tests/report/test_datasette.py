"""tests/report/test_datasette.py — the Datasette metadata (tools/datasette_metadata.py).

For the fixture dashboards and, once they exist, sql/dashboards/:
  - the file's structure: databases.<db>.queries, one canned query per
    dashboard query named <persona>_<name> (URL-safe, unique), title,
    description = the seed question, params = the parameters the SQL uses
    (the shared filters, and any other a query takes, e.g. :account_id),
    but not :as_of, which a canned query cannot move for the views (it
    reads NULL: the database's as-of);
  - each view's metric columns are described by the catalogue;
  - every canned query runs through Python's sqlite3 as Datasette runs it
    (a parameter left out is bound as '') and gives the rows the dashboard
    query gives with NULL;
  - --public adds "allow_sql": false;
  - docs/datasette.md names only canned queries that exist.
Datasette itself (0.64) runs when it is importable (on PYTHONPATH, or from
the source tree named by REVOPS_DATASETTE_PATH, see docs/datasette.md):
every canned query's JSON at /demo/<name>.json equals the sqlite3 rows,
and with allow_sql false arbitrary SQL is refused (403) while canned
queries answer.  Otherwise it prints SKIP.
"""
import json
import math
import os
import re
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request

import harness
import dashboards

T = harness.Counter()
EXT, DB, SCRATCH = harness.args()
GEN = os.path.join(harness.ROOT, "tools", "datasette_metadata.py")
PY = "/usr/bin/python3"
FILTERED = {"start_date": "2025-06-01", "end_date": "2026-01-31", "segment": "Mid-Market",
            "region": "North America", "channel": "Paid Search"}


def same(a, b):
    if len(a) != len(b):
        return False
    for ra, rb in zip(a, b):
        if len(ra) != len(rb):
            return False
        for x, y in zip(ra, rb):
            if isinstance(x, float) and isinstance(y, (int, float)):
                if not math.isclose(x, y, rel_tol=1e-12, abs_tol=1e-9):
                    return False
            elif x != y:
                return False
    return True


def generate(directory, out, *extra):
    p = subprocess.run([PY, GEN, "--dashboards", directory, "--database", "demo", "-o", out] + list(extra),
                       capture_output=True, text=True)
    T.check(p.returncode == 0, "generate %s" % out, p.stderr)
    with open(out, encoding="utf-8") as f:
        return json.load(f)


metas = {}
for dname, directory in harness.dashboard_dirs():
    queries = dashboards.load(directory)
    meta = generate(directory, os.path.join(SCRATCH, dname.replace("/", "-") + ".json"))
    metas[dname] = (directory, meta)
    canned = meta.get("databases", {}).get("demo", {}).get("queries", {})
    T.check(isinstance(canned, dict) and len(canned) == len(queries),
            "%s: one canned query per dashboard query" % dname, "%d canned, %d queries" % (len(canned), len(queries)))
    T.check("allow_sql" not in meta, "%s: the default file leaves arbitrary SQL to Datasette's settings" % dname)
    con = harness.connect(DB, EXT)
    for q in queries:
        name = "%s_%s" % (q.persona, q.name)
        c = canned.get(name)
        if not T.check(c is not None, "%s: canned query %s exists" % (dname, name)):
            continue
        T.check(re.fullmatch(r"[a-z][a-z0-9_]*", name) is not None, "%s: %s is URL-safe" % (dname, name))
        T.check(set(c) == {"title", "description", "sql", "params", "hide_sql"} and c["description"].startswith(q.question)
                and c["title"].lower().replace(" ", "").endswith(q.name.replace("_", "").lower()),
                "%s: %s has title, description (the question), sql, params" % (dname, name), json.dumps(c)[:400])
        served = [x for x in q.params() if x != "as_of"]
        T.check(c["params"] == served and all(re.fullmatch(r"[A-Za-z_]\w*", x) for x in c["params"]),
                "%s: %s params are the parameters it uses but as_of" % (dname, name), c["params"], served)
        T.check(":as_of" not in c["sql"], "%s: %s reads no :as_of (NULL: the database's as-of)" % (dname, name))
        # As Datasette runs it: every parameter bound, '' when not given.
        want = con.execute(q.sql, {p: None for p in q.params()}).fetchall()
        got = con.execute(c["sql"], {p: "" for p in c["params"]}).fetchall()
        T.check(same(got, want), "%s: %s with empty parameters = the dashboard query with NULLs" % (dname, name),
                "canned: %r" % (got[:3],), "query:  %r" % (want[:3],))
        # With values given, nullif(:p, '') is :p; the real Datasette run below sends them.
    con.close()
    pub = generate(directory, os.path.join(SCRATCH, dname.replace("/", "-") + "-public.json"), "--public")
    T.check(pub.get("allow_sql") is False and pub["databases"] == meta["databases"],
            "%s: --public adds allow_sql false and nothing else" % dname)
    # a view's metric columns carry the catalogue's label, unit and window
    cols = meta["databases"]["demo"]["tables"].get("pipeline_deals", {}).get("columns", {})
    T.check(cols.get("amount", "").startswith("Deal amount (currency, as-of snapshot)"),
            "%s: pipeline_deals.amount is described by the catalogue" % dname, cols.get("amount"))

# A string literal or comment that looks like a parameter is left alone.
import importlib  # noqa: E402
dm = importlib.import_module("datasette_metadata")
T.check(dm.empty_means_null("SELECT ':segment', x -- :region\nFROM t WHERE a = :segment AND b = \":x\"")
        == "SELECT ':segment', x -- :region\nFROM t WHERE a = nullif(:segment, '') AND b = \":x\"",
        "empty_means_null wraps parameters only")

# docs/datasette.md names only canned queries that exist.
docs = os.path.join(harness.ROOT, "docs", "datasette.md")
if os.path.exists(docs) and "sql/dashboards" in metas:
    names = set(re.findall(r"/demo/([a-z][a-z0-9_]*)\.json", open(docs, encoding="utf-8").read()))
    known = set(metas["sql/dashboards"][1]["databases"]["demo"]["queries"])
    stale = sorted(names - known)
    T.check(not stale, "docs/datasette.md: every /demo/<query>.json it names exists "
            "(python3 tools/datasette_metadata.py --urls prints them)", *stale[:10])


# ------------------------------------------------------------ Datasette itself
def datasette_env():
    env = dict(os.environ)
    extra = os.environ.get("REVOPS_DATASETTE_PATH", "")
    if extra:
        env["PYTHONPATH"] = extra + (":" + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    # under the sanitizer run the extension needs the runtime preloaded, as for this script
    return env


def importable(env):
    p = subprocess.run([PY, "-c", "import datasette.app, datasette.version as v; print(v.__version__)"],
                       capture_output=True, text=True, env=env)
    return p.stdout.strip() if p.returncode == 0 else None


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def get(url):
    try:
        with urllib.request.urlopen(url, timeout=30) as r:
            return r.status, r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode(errors="replace")


def serve(db, meta_path, env):
    port = free_port()
    proc = subprocess.Popen([PY, "-m", "datasette", "serve", db, "--load-extension=" + EXT,
                             "-p", str(port), "--metadata", meta_path, "--setting", "sql_time_limit_ms", "60000"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    base = "http://127.0.0.1:%d" % port
    for _ in range(150):
        if proc.poll() is not None:
            break
        try:
            if get(base + "/-/versions.json")[0] == 200:
                return proc, base
        except OSError:
            time.sleep(0.1)
    proc.kill()
    return None, proc.stderr.read().decode(errors="replace")[-2000:]


env = datasette_env()
version = importable(env)
if version is None:
    T.skip("datasette: not importable (set REVOPS_DATASETTE_PATH to a Datasette 0.64 source tree, docs/datasette.md); "
           "the canned queries were not run by a real Datasette")
else:
    dname = "sql/dashboards" if "sql/dashboards" in metas else "fixture"
    directory, meta = metas[dname]
    db = os.path.join(SCRATCH, "demo.db")      # the database name in the URLs is the file's stem
    shutil.copy(DB, db)
    for public in (False, True):
        path = os.path.join(SCRATCH, "serve%s.json" % ("-public" if public else ""))
        with open(path, "w") as f:
            json.dump(dict(meta, allow_sql=False) if public else meta, f)
        proc, base = serve(db, path, env)
        if not T.check(proc is not None, "datasette %s: serves %s (public=%s)" % (version, dname, public), base):
            continue
        try:
            con = harness.connect(db, EXT)
            if not public:
                for q in dashboards.load(directory):
                    name = "%s_%s" % (q.persona, q.name)
                    for vals in ({}, {p: FILTERED[p] for p in q.params() if p in FILTERED}):
                        qs = "&".join("%s=%s" % (k, urllib.request.quote(v)) for k, v in vals.items())
                        st, body = get("%s/demo/%s.json?_shape=arrays&%s" % (base, name, qs))
                        want = con.execute(q.sql, {p: vals.get(p) for p in q.params()}).fetchall()
                        rows = json.loads(body).get("rows") if st == 200 else None
                        T.check(st == 200 and same([tuple(r) for r in rows], want),
                                "datasette: /demo/%s.json%s = sqlite3" % (name, " (filtered)" if vals else ""),
                                "status %d" % st, body[:300], "want %r" % (want[:3],))
            else:
                st, _ = get(base + "/demo.json?sql=select+1")
                T.check(st == 403, "datasette allow_sql false: arbitrary SQL is refused", "status %d" % st)
                st, _ = get(base + "/demo/accounts.json?_where=" + urllib.request.quote("load_extension('x')"))
                T.check(st == 403, "datasette allow_sql false: a table's _where= is refused", "status %d" % st)
                first = next(iter(meta["databases"]["demo"]["queries"]))
                st, _ = get("%s/demo/%s.json" % (base, first))
                T.check(st == 200, "datasette allow_sql false: canned queries still answer", "status %d" % st)
            con.close()
        finally:
            proc.terminate()
            proc.wait(timeout=10)
T.finish()
