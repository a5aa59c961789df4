"""tests/report/test_cli.py — the revops command (tools/revops) end to end on a fresh database.

  - `revops --help` lists every subcommand; each subcommand's --help exits 0
    and names itself (`usage: revops import ...`);
  - import --dry-run loads nothing; import loads the data layer's CSV files
    (as many accounts as accounts.csv has rows); before install a dashboard
    says "install them: revops install DB", not a traceback;
  - install, refresh: every derived table current;
  - dashboard: table, json (the run_persona structure) and csv (one panel,
    the values as stored, equal to the query run here); a filter value in
    another case is taken, an unknown one refused with the valid values;
  - report, alerts (JSON lines), serve --check, bi-refresh;
  - demo: the generator, import and install into a database of its own;
  - a database whose views predate the metric catalogue: dashboard, report,
    alerts and serve each say to run revops install, with no traceback;
  - tools/install.sh (what `make install` runs) into a scratch PREFIX: the
    installed PREFIX/bin/revops runs a dashboard from its own tree.
The CSV directory and the generator come from the data layer
(REVOPS_TEST_CSV, REVOPS_TEST_GEN); without them those parts SKIP.
"""
import csv
import io
import json
import os
import shutil
import sqlite3
import subprocess

import harness

T = harness.Counter()
EXT, DB, SCRATCH = harness.args()
PY = "/usr/bin/python3"
REVOPS = os.path.join(harness.ROOT, "tools", "revops")
CSV_DIR = os.environ.get("REVOPS_TEST_CSV")
GEN = os.environ.get("REVOPS_TEST_GEN")
SO = EXT if EXT.endswith(".so") else EXT + ".so"


def revops(*args, cmd=None):
    p = subprocess.run([PY, cmd or REVOPS] + [str(a) for a in args] + (
        ["--ext", EXT] if args and args[0] not in ("--help",) and "--help" not in args else []),
        capture_output=True, text=True)
    return p.returncode, p.stdout, p.stderr


def no_traceback(label, out, err):
    return T.check("Traceback" not in out + err, "%s: no traceback" % label, (out + err)[-800:])


rc, out, err = revops("--help")
COMMANDS = ("demo", "import", "install", "refresh", "dashboard", "report", "serve", "alerts", "bi-refresh")
T.check(rc == 0 and all(c in out for c in COMMANDS), "revops --help lists every subcommand", out)
for c in COMMANDS:
    rc, out, err = revops(c, "--help")
    T.check(rc == 0 and ("usage: revops " + c) in out, "revops %s --help" % c, rc, out[:300], err[-300:])
rc, out, err = revops("nothing")
T.check(rc == 2 and "no command 'nothing'" in err, "revops refuses an unknown subcommand", rc, err)

fresh = os.path.join(SCRATCH, "fresh.db")
if not CSV_DIR or not os.path.isdir(CSV_DIR):
    T.skip("cli: no CSV directory from the data layer (REVOPS_TEST_CSV): import, install and the rest were not run")
    T.finish()

rc, out, err = revops("import", fresh, CSV_DIR, "--dry-run")
T.check(rc == 0, "revops import --dry-run", out[-500:], err[-500:])
loaded = sqlite3.connect(fresh).execute("SELECT count(*) FROM sqlite_schema WHERE name = 'accounts'").fetchone()[0] \
    if os.path.exists(fresh) else 0
T.check(loaded == 0, "revops import --dry-run loads nothing")
rc, out, err = revops("import", fresh, CSV_DIR)
with open(os.path.join(CSV_DIR, "accounts.csv"), newline="", encoding="utf-8") as f:
    n_accounts = sum(1 for _ in csv.DictReader(f))
con = sqlite3.connect(fresh)
got = con.execute("SELECT count(*) FROM accounts").fetchone()[0] if rc == 0 else None
con.close()
T.check(rc == 0 and got == n_accounts, "revops import loads every account (%d)" % n_accounts, got, out[-500:], err[-500:])

rc, out, err = revops("dashboard", fresh, "sales")
T.check(rc != 0 and "install them: revops install %s" % fresh in err, "revops dashboard before install names revops install", err)
no_traceback("dashboard before install", out, err)

rc, out, err = revops("install", fresh)
T.check(rc == 0, "revops install", out[-500:], err[-500:])
rc, out, err = revops("refresh", fresh)
con = harness.connect(fresh, EXT)
stale = con.execute("SELECT count(*) FROM derived_status WHERE is_current = 0").fetchone()[0]
T.check(rc == 0 and stale == 0, "revops refresh: every derived table current", stale, err[-500:])

# dashboard in three formats, against the query run here
import dashboards  # noqa: E402
q = next(q for q in dashboards.load(harness.REAL) if q.persona == "sales" and q.name == "sales_kpis")
cur = con.execute(q.sql, {p: None for p in q.params()})
cols, row = [d[0] for d in cur.description], cur.fetchone()
segs = dashboards.filter_choices(con, "segment")
cur = con.execute(q.sql, {p: (segs[0] if p == "segment" else None) for p in q.params()})
seg_row = cur.fetchone()
con.close()
rc, out, err = revops("dashboard", fresh, "sales")
T.check(rc == 0 and "== sales_kpis" in out and "# sales dashboard" in out, "revops dashboard prints a table", out[:300], err[-300:])
rc, out, err = revops("dashboard", fresh, "sales", "--format", "json")
try:
    d = json.loads(out)
except ValueError:
    d = {}
p0 = next((p for p in d.get("panels", []) if p["name"] == "sales_kpis"), None)
T.check(rc == 0 and p0 and p0["columns"] == cols and p0["rows"][0] == list(row),
        "revops dashboard --format json: the run_persona structure, the query's figures", out[:300])
rc, out, err = revops("dashboard", fresh, "sales", "--format", "csv", "--panel", "sales_kpis")
rows = list(csv.reader(io.StringIO(out)))
T.check(rc == 0 and rows[0] == cols and len(rows) == 2 and all(
    (float(a) == b if isinstance(b, float) else a == str(b)) for a, b in zip(rows[1], row)),
    "revops dashboard --format csv: one panel, the values as stored", out, row)
rc, out, err = revops("dashboard", fresh, "sales", "--format", "csv")
T.check(rc == 2 and "--panel" in err, "revops dashboard --format csv without --panel says to name one", err)
rc, out, err = revops("dashboard", fresh, "sales", "--format", "json", "--segment", segs[0].lower(), "--panel", "sales_kpis")
T.check(rc == 0 and json.loads(out)["panels"][0]["rows"][0] == list(seg_row) and json.loads(out)["filters"]["segment"] == segs[0],
        "revops dashboard --segment in another case is the data's", out[:300])
rc, out, err = revops("dashboard", fresh, "sales", "--segment", "Nowhere")
T.check(rc != 0 and "Nowhere" in err and all(s in err for s in segs), "revops dashboard refuses an unknown segment with the valid ones", err)
no_traceback("unknown segment", out, err)

out_dir = os.path.join(SCRATCH, "report")
rc, out, err = revops("report", fresh, out_dir, "--persona", "sales", "--sets", "segment")
T.check(rc == 0 and os.path.exists(os.path.join(out_dir, "sales.html")) and
        os.path.exists(os.path.join(out_dir, "sales--segment-smb.html")) and os.path.isdir(os.path.join(out_dir, "accounts")),
        "revops report DB OUT writes the pages", out[-300:], err[-300:])
rc, out, err = revops("alerts", fresh, "--json")
lines = [json.loads(x) for x in out.splitlines() if x.strip()]
T.check(rc in (0, 1) and all("alert_key" in a for a in lines) and (rc == 1) == any(
    a["severity"] == "critical" for a in lines), "revops alerts --json: one JSON object per alert, exit 1 on a critical one", rc, err[-300:])
rc, out, err = revops("serve", fresh, "--check", "--metadata", os.path.join(SCRATCH, "meta.json"))
T.check(rc == 0 and "--plugins-dir" in out and "--template-dir" in out and "--load-extension" not in out,
        "revops serve --check: Datasette with the plugins and templates", out, err)
rc, out, err = revops("bi-refresh", fresh, "--view", "pipeline_summary")
con = sqlite3.connect(fresh)
n = con.execute("SELECT count(*) FROM report_pipeline_summary").fetchone()[0] if rc == 0 else None
con.close()
T.check(rc == 0 and n == 1, "revops bi-refresh copies a view into its typed table", rc, err[-300:])

# the demo
if GEN and os.access(GEN, os.X_OK):
    demo = os.path.join(SCRATCH, "demo2.db")
    rc, out, err = revops("demo", demo, "--scale", "0.02", "--seed", "7", "--gen", GEN)
    con = sqlite3.connect(demo) if os.path.exists(demo) else None
    ok = con is not None and con.execute("SELECT count(*) FROM accounts").fetchone()[0] > 0 and \
        con.execute("SELECT count(*) FROM sqlite_schema WHERE name = 'revops_metrics'").fetchone()[0] == 1
    if con:
        con.close()
    T.check(rc == 0 and ok and "# sales dashboard" in out, "revops demo: generated, imported, installed, printed", rc, err[-500:])
else:
    T.skip("cli: no demo generator (REVOPS_TEST_GEN): revops demo was not run")

# views older than the catalogue: every tool says to install, no traceback
old = os.path.join(SCRATCH, "old.db")
shutil.copy(fresh, old)
con = sqlite3.connect(old)
con.execute("DROP VIEW revops_metrics")
con.commit()
con.close()
for args in (("dashboard", old, "sales"), ("report", old, os.path.join(SCRATCH, "old-report")), ("alerts", old),
             ("serve", old, "--check", "--metadata", os.path.join(SCRATCH, "meta2.json"))):
    rc, out, err = revops(*args)
    T.check(rc != 0 and "no revops_metrics" in err and "revops install %s" % old in err,
            "revops %s on views older than the catalogue: run revops install" % args[0], rc, err[-400:])
    no_traceback("revops %s on old views" % args[0], out, err)

# the installed command
prefix = os.path.join(SCRATCH, "prefix")
imp = os.path.join(os.path.dirname(SO), "revops_import.so")
static = os.path.join(os.path.dirname(SO), "librevops.a")
gen = GEN if GEN and os.path.exists(GEN) else None
if gen and os.path.exists(static) and os.path.exists(imp):
    p = subprocess.run(["sh", os.path.join(harness.ROOT, "tools", "install.sh"), prefix, SO, imp, static, gen],
                       capture_output=True, text=True)
    T.check(p.returncode == 0 and os.path.islink(os.path.join(prefix, "bin", "revops")), "install.sh installs the revops command",
            p.stdout, p.stderr)
    p = subprocess.run([os.path.join(prefix, "bin", "revops"), "dashboard", fresh, "sales", "--panel", "sales_kpis",
                        "--format", "csv"], capture_output=True, text=True)
    T.check(p.returncode == 0 and p.stdout.splitlines()[0] == ",".join(cols), "the installed revops runs from its own tree",
            p.stdout[:300], p.stderr[-300:])
    T.check(os.path.exists(os.path.join(prefix, "share", "revops", "dist", "revops.so")) and
            os.path.exists(os.path.join(prefix, "lib", "sqlite3", "revops.so")) and
            os.path.exists(os.path.join(prefix, "share", "revops", "sql", "views", "install.sh")),
            "install.sh: the extension, the scripts and the views are under PREFIX")
else:
    T.skip("cli: no built library or generator beside %s: install.sh was not tried" % SO)
T.finish()
