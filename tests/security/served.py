"""tests/security/served.py — the served Datasette is locked down.

A real Datasette 0.64 (importable, or its source tree on
REVOPS_DATASETTE_PATH; tests/run.sh points it at ../shared/datasette-src
when that is there) started the way `make serve` starts it
(tools/serve.py: datasette/plugins/revops.py loads the query extension,
then turns extension loading off): revops functions answer, and
load_extension() of a library whose load writes a marker file is refused
from the SQL box, from a table's _where= and from a canned query, the
marker never written.  For contrast, the same Datasette started with its
own --load-extension lets the SQL box load that library (the hole the
plugin closes).  tools/serve.py refuses the import module.  Without an
importable Datasette it prints SKIP.
"""
import json
import os
import sqlite3
import subprocess
import urllib.parse

import harness

T = harness.Counter()
EXT, IMP, BASE, CSV, SCRATCH = harness.args()
PY = "/usr/bin/python3"
SERVE = os.path.join(harness.ROOT, "tools", "serve.py")
MARK = os.path.join(SCRATCH, "MARK")
EVIL = os.path.join(SCRATCH, "evil.so")
T.check(harness.marker_library(EVIL, MARK), "the marker library builds")


def env():
    e = dict(os.environ)           # under make asan: the runtime preload, as for this script
    extra = os.environ.get("REVOPS_DATASETTE_PATH", "")
    if extra:
        e["PYTHONPATH"] = extra + (":" + e["PYTHONPATH"] if e.get("PYTHONPATH") else "")
    return e


def error_of(body):
    try:
        return json.loads(body).get("error") or ""
    except ValueError:
        return body[:200]


# tools/serve.py refuses the import module, before anything starts.
db = harness.copy(BASE, os.path.join(SCRATCH, "demo.db"))
con = sqlite3.connect(db)
con.execute("CREATE VIEW probe_view AS SELECT escape_fts('a') AS x")
con.commit()
con.close()
p = subprocess.run([PY, SERVE, db, "--ext", IMP, "--check"], capture_output=True, text=True)
T.check(p.returncode != 0 and "import module" in p.stderr, "serve.py refuses the import module", p.stderr[-300:])

probe = subprocess.run([PY, "-c", "import datasette.app"], env=env(), capture_output=True, text=True)
if probe.returncode != 0:
    T.skip("served: Datasette is not importable (set REVOPS_DATASETTE_PATH, docs/datasette.md): "
           "the lockdown was not tried in a real Datasette")
    T.finish()

# A canned query that calls load_extension(), as a metadata file might.
port = harness.free_port()
meta = os.path.join(SCRATCH, "metadata.json")
p = subprocess.run([PY, SERVE, db, "--ext", EXT, "--port", str(port), "--metadata", meta, "--check"],
                   capture_output=True, text=True, env=env())
T.check(p.returncode == 0 and "--plugins-dir" in p.stdout and "--load-extension" not in p.stdout,
        "serve.py starts Datasette with the plugin, not --load-extension", p.stdout, p.stderr[-300:])
with open(meta, encoding="utf-8") as f:
    m = json.load(f)
m["databases"]["demo"]["queries"]["evil"] = {"sql": "SELECT load_extension('%s') AS x" % EVIL}
with open(meta, "w", encoding="utf-8") as f:
    json.dump(m, f)
cmd = p.stdout.split()
proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env(), cwd=harness.ROOT)
base = "http://127.0.0.1:%d" % port
try:
    if T.check(harness.wait_up(proc, base + "/-/versions.json"), "served: make serve's Datasette starts"):
        st, body = harness.get(base + "/demo.json?_shape=arrays&sql=" + urllib.parse.quote("select revops_version()"))
        T.check(st == 200 and json.loads(body)["rows"][0][0], "served: the revops functions answer", body[:200])
        # trusted_schema off: a view of the file may not call a function not
        # marked innocuous (Datasette's own escape_fts(), registered plainly),
        # which the SQL box may.
        st, body = harness.get(base + "/demo/probe_view.json")
        T.check(st != 200 and "unsafe use of escape_fts" in error_of(body), "served: trusted_schema is off",
                "status %d" % st, body[:300])
        st, body = harness.get(base + "/demo.json?_shape=arrays&sql=" + urllib.parse.quote("select escape_fts('a')"))
        T.check(st == 200, "served: the same function answers the SQL box", body[:200])
        for label, url in [
                ("the SQL box", "/demo.json?sql=" + urllib.parse.quote("select load_extension('%s')" % EVIL)),
                ("a table's _where=", "/demo/accounts.json?_where=" + urllib.parse.quote("load_extension('%s')" % EVIL)),
                ("a canned query", "/demo/evil.json"),
                ("the import module from the SQL box", "/demo.json?sql=" + urllib.parse.quote(
                    "select load_extension('%s')" % IMP))]:
            st, body = harness.get(base + url)
            T.check(st != 200 and "not authorized" in error_of(body) and not os.path.exists(MARK),
                    "served: load_extension() from %s is refused" % label, "status %d" % st, body[:300])
        st, body = harness.get(base + "/demo.json?sql=" + urllib.parse.quote("select * from revops_csv('/etc/passwd')"))
        T.check(st != 200 and "no such table" in error_of(body), "served: the import module's readers are not there",
                body[:300])
finally:
    proc.terminate()
    proc.wait(timeout=10)

# The hole it closes: Datasette's own --load-extension leaves load_extension() open.
port = harness.free_port()
proc = subprocess.Popen([PY, "-m", "datasette", "serve", db, "--load-extension=" + EXT, "-p", str(port)],
                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env())
base = "http://127.0.0.1:%d" % port
try:
    if T.check(harness.wait_up(proc, base + "/-/versions.json"), "served: plain Datasette with --load-extension starts"):
        harness.get(base + "/demo.json?sql=" + urllib.parse.quote("select load_extension('%s')" % EVIL))
        T.check(os.path.exists(MARK), "served: without the plugin, the SQL box can load a library "
                "(what the plugin closes; if this fails, Datasette closed it itself)")
finally:
    proc.terminate()
    proc.wait(timeout=10)
T.finish()
