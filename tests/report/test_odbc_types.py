"""tests/report/test_odbc_types.py — what a BI tool sees over ODBC (docs/odbc.md).

Through pyodbc, unixODBC and the SQLite ODBC driver (LoadExt = revops):
  - the driver's known failures on a view (pinned, docs/odbc.md says them):
    a computed column takes its type from the first row, so NULL first
    makes a number text and coalesce(nrr(...), 0) with a NULL first group
    turns 1.05 into 1; a count beyond 32 bits wraps; no DSN option
    (StepAPI, JDConv, NoWCHAR, BigInt, ShortNames, LongNames) changes that;
  - after tools/bi_refresh.py, report_<view> declares DATE, TIMESTAMP,
    DOUBLE, INTEGER/BIGINT, VARCHAR(n): pyodbc gets datetime.date, float,
    int, str with the view's exact values, and SQLColumns (cursor.columns)
    reports SQL_TYPE_DATE, SQL_DOUBLE, SQL_INTEGER, SQL_VARCHAR;
  - every view of the database gets its table, with the same rows, and
    every column's ODBC type agrees with the values SQLite holds;
  - a refresh keeps a column's type while the values fit, widens it when
    not; a failing view keeps its last table, its error in
    report_tables.error, every other view is copied and the exit status
    is 1 with the count of failures (issue 22);
  - the pitfalls docs/odbc.md names: a wrong LoadExt path connects and
    fails only at the first revops call; `isql -b` exits 0 on an SQL error.
"""
import datetime
import os
import shutil
import sqlite3
import subprocess

import harness

T = harness.Counter()
EXT, DB, SCRATCH = harness.args()
SO = EXT if EXT.endswith(".so") else EXT + ".so"
PY = "/usr/bin/python3"
REFRESH = os.path.join(harness.ROOT, "tools", "bi_refresh.py")
try:
    import pyodbc
except ImportError:
    pyodbc = None

HAZARDS = """
CREATE VIEW v_hazards AS
WITH g(seg, s, e) AS (VALUES ('A', NULL, NULL), ('B', 100.0, 105.0), ('C', 200, 190.5))
SELECT seg AS segment, coalesce(nrr(s, e), 0) AS nrr, e AS ending_mrr,
       CASE WHEN seg = 'A' THEN NULL ELSE '2026-04-30' END AS close_date,
       count(*) AS deals, NULL AS empty_date, NULL AS empty_value,
       CASE seg WHEN 'A' THEN NULL ELSE seg || 'x' END AS label,
       CASE WHEN seg = 'B' THEN '2026-03-01 10:00:00' END AS updated_at,
       5000000000 * (seg = 'C') AS big
FROM g GROUP BY seg ORDER BY seg;
CREATE TABLE keep_src (amount REAL, name TEXT);
INSERT INTO keep_src VALUES (1.5, 'short');
CREATE VIEW v_keep AS SELECT amount * 1 AS amount, name FROM keep_src;
"""
# column -> (python type through pyodbc, SQLColumns data_type, type name)
WANT = {"segment": (str, 12, "VARCHAR(16)"), "nrr": (float, 8, "DOUBLE"), "ending_mrr": (float, 8, "DOUBLE"),
        "close_date": (datetime.date, 91, "DATE"), "deals": (int, 4, "INTEGER"),
        "empty_date": (datetime.date, 91, "DATE"), "empty_value": (float, 8, "DOUBLE"),
        "label": (str, 12, "VARCHAR(16)"), "updated_at": (datetime.datetime, 93, "TIMESTAMP"),
        "big": (int, -5, "BIGINT")}


def odbc(db, loadext=SO):
    return pyodbc.connect("Driver=SQLite3;Database=%s;LoadExt=%s;" % (db, loadext))


def refresh(db, *extra):
    return subprocess.run([PY, REFRESH, db, "--ext", EXT] + list(extra), capture_output=True, text=True)


def norm(v):
    """pyodbc's value as SQLite holds it (dates back to ISO text)."""
    if isinstance(v, datetime.datetime):
        return v.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(v, datetime.date):
        return v.isoformat()
    return v


if pyodbc is None:
    T.check(False, "odbc: python3-pyodbc is missing (apt-get install python3-pyodbc; tests/deps.sh installs it)")
    T.finish()

db = os.path.join(SCRATCH, "bi.db")
shutil.copy(DB, db)
con = harness.connect(db, EXT, readonly=False)
con.executescript(HAZARDS)
con.close()

# ---------------------------------------------------------------- before
o = odbc(db)
cur = o.cursor().execute("SELECT * FROM v_hazards")
desc = {d[0]: d[1] for d in cur.description}
rows = cur.fetchall()
T.check(desc["nrr"] is int and rows[1][1] == 1 and rows[2][1] == 0,
        "odbc before: a NULL-first coalesce(nrr(), 0) column is typed integer, 1.05 arrives as 1 (docs/odbc.md)",
        desc, rows)
T.check(desc["ending_mrr"] is str and rows[1][2] == "105.0",
        "odbc before: a NULL-first money column arrives as text", desc, rows)
T.check(desc["close_date"] is str, "odbc before: a date in a view arrives as text", desc)
T.check(rows[2][9] != 5000000000, "odbc before: a computed integer beyond 32 bits wraps", rows[2])
cols = {r.column_name: (r.type_name, r.data_type) for r in o.cursor().columns(table="v_hazards")}
T.check(all(t == ("", 12) for t in cols.values()), "odbc before: SQLColumns gives a view's computed columns no type", cols)
for opt in ("StepAPI=1", "JDConv=1", "NoWCHAR=1", "BigInt=1", "ShortNames=1", "LongNames=1"):
    oo = pyodbc.connect("Driver=SQLite3;Database=%s;LoadExt=%s;%s;" % (db, SO, opt))
    d = oo.cursor().execute("SELECT ending_mrr, nrr, close_date FROM v_hazards").description
    oo.close()
    T.check([x[1] for x in d] == [str, int, str], "odbc before: the DSN option %s does not fix a view's types" % opt, d)
cur = o.cursor().execute("SELECT close_date FROM opportunities LIMIT 1")
T.check(cur.description[0][1] is str and cur.description[0][3] == 65536,
        "odbc before: a STRICT table's TEXT date is a 64 KB memo string", cur.description)
o.close()

# ---------------------------------------------------------------- refresh
p = refresh(db, "--verbose")
if not T.check(p.returncode == 0 and "report_ tables refreshed" in p.stdout, "bi_refresh runs over every view"
               " (the last view it names on stderr is the one that failed)",
               "exit %d%s" % (p.returncode, " (killed by signal %d: a crash in the extension)" % -p.returncode
                              if p.returncode < 0 else ""), p.stdout[-1500:], p.stderr[-1500:]):
    T.finish()      # nothing below can run without the tables
lite = harness.connect(db, EXT)
o = odbc(db)
cur = o.cursor().execute("SELECT * FROM report_v_hazards")
desc = {d[0]: d[1] for d in cur.description}
got = cur.fetchall()
want = lite.execute("SELECT * FROM v_hazards").fetchall()
for name, (pytype, sqltype, decl) in WANT.items():
    T.check(desc.get(name) is pytype, "odbc after: %s arrives as %s" % (name, pytype.__name__), desc.get(name))
cols = {r.column_name: (r.type_name, r.data_type) for r in o.cursor().columns(table="report_v_hazards")}
for name, (pytype, sqltype, decl) in WANT.items():
    T.check(cols.get(name) == (decl, sqltype), "odbc after: SQLColumns says %s is %s (%d)" % (name, decl, sqltype),
            cols.get(name))
T.check([tuple(norm(v) for v in r) for r in got] == [tuple(r) for r in want],
        "odbc after: every value equals the view's (1.05 stays 1.05, 5000000000 stays whole)", got, want)

# Every view: a table, the same rows, ODBC types that agree with the values.
views = [r[0] for r in lite.execute("SELECT name FROM sqlite_schema WHERE type = 'view' ORDER BY name")]
# not X_live and X_refill, the twins the derived tables add to a view X
# (docs/views.md "Derived tables"): they give X's rows
twins = [v for v in views if any(v.endswith(t) and v[:-len(t)] in views for t in ("_live", "_refill", "_cached"))]
T.check(len(twins) >= 10, "the demo has derived tables' twins to leave out", twins)
views = [v for v in views if v not in twins]
listed = dict(lite.execute("SELECT source_view, row_count FROM report_tables").fetchall())
T.check(sorted(listed) == views, "report_tables lists every view", sorted(listed), views)
PY_OF = {"integer": (int,), "real": (float,), "text": (str, datetime.date, datetime.datetime)}
bad = []
lite.close()
lite = harness.connect(db, EXT, readonly=False)     # for one temp table per view: each view runs once
for v in views:
    t = "report_" + v
    lite.execute("DROP TABLE IF EXISTS temp.snap")
    lite.execute('CREATE TEMP TABLE snap AS SELECT * FROM main."%s"' % v)
    n = lite.execute("SELECT count(*) FROM temp.snap").fetchone()[0]
    diff = lite.execute('SELECT count(*) FROM (SELECT * FROM temp.snap EXCEPT SELECT * FROM main."%s")' % t).fetchone()[0]
    diff += lite.execute('SELECT count(*) FROM (SELECT * FROM main."%s" EXCEPT SELECT * FROM temp.snap)' % t).fetchone()[0]
    if n != listed.get(v) or diff:
        bad.append("%s: %s rows, report_tables says %s, %d rows differ" % (v, n, listed.get(v), diff))
    cur = o.cursor().execute('SELECT * FROM "%s"' % t)
    names = [d[0] for d in cur.description]
    kinds = {d[0]: d[1] for d in cur.description}
    for c in names:
        ty = [r[0] for r in lite.execute('SELECT DISTINCT typeof("%s") FROM temp.snap WHERE "%s" IS NOT NULL' % (c, c))]
        ok = all(kinds[c] in PY_OF[x] for x in ty if x in PY_OF)
        if ty == ["integer", "real"] or ty == ["real", "integer"]:
            ok = kinds[c] is float
        if not ok:
            bad.append("%s.%s: ODBC type %s, values %s" % (t, c, kinds[c].__name__, ty))
    for r in o.cursor().columns(table=t):
        if r.data_type == -1:       # SQL_LONGVARCHAR: only for text longer than 255
            m = lite.execute('SELECT max(length("%s")) FROM main."%s"' % (r.column_name, t)).fetchone()[0]
            if not m or m <= 255:
                bad.append("%s.%s: a memo type for text of at most %s characters" % (t, r.column_name, m))
T.check(not bad, "every view (%d): report_ table with the same rows and types that fit its values" % len(views), *bad[:15])
o.close()
lite.close()

# ---------------------------------------------------------------- keep, widen, fail
rw = sqlite3.connect(db)
rw.execute("UPDATE keep_src SET amount = 2.0, name = 'a name longer than sixteen characters'")
rw.commit()
rw.close()
p = refresh(db, "--view", "v_keep", "--list")
T.check("amount DOUBLE" in p.stdout and "name VARCHAR(64)" in p.stdout,
        "refresh keeps DOUBLE for whole numbers now and widens VARCHAR(16) to VARCHAR(64)", p.stdout, p.stderr)
# A failing view beside one that refreshes: the other is copied, the
# failing one keeps the table it had (none here), its error is recorded,
# exit 1 with the count.
rw = sqlite3.connect(db)
rw.execute("CREATE VIEW v_zz_broken AS SELECT weighted_pipeline(100, 75) AS w")
rw.execute("UPDATE keep_src SET amount = 7.5")
rw.commit()
rw.close()
p = refresh(db, "--view", "v_keep", "--view", "v_zz_broken")
rw = sqlite3.connect(db)
kept = rw.execute("SELECT amount FROM report_v_keep").fetchall()
exists = rw.execute("SELECT count(*) FROM sqlite_schema WHERE name = 'report_v_zz_broken'").fetchone()[0]
err = rw.execute("SELECT error FROM report_tables WHERE table_name = 'report_v_zz_broken'").fetchone()
ok_err = rw.execute("SELECT error FROM report_tables WHERE table_name = 'report_v_keep'").fetchone()
rw.close()
T.check(p.returncode == 1 and "weighted_pipeline" in p.stderr and "1 of 2 views failed" in p.stderr
        and kept == [(7.5,)] and not exists and err and "weighted_pipeline" in err[0] and ok_err == (None,),
        "a failing view: exit 1 with the count, the error named and recorded, the other view refreshed",
        p.returncode, p.stderr, kept, err, ok_err)
# Fixed, the next refresh copies it and clears the error.
rw = sqlite3.connect(db)
rw.execute("DROP VIEW v_zz_broken")
rw.execute("CREATE VIEW v_zz_broken AS SELECT weighted_pipeline(100, 0.75) AS w")
rw.commit()
rw.close()
p = refresh(db, "--view", "v_zz_broken")
rw = sqlite3.connect(db)
got = rw.execute("SELECT w FROM report_v_zz_broken").fetchall()
err = rw.execute("SELECT error FROM report_tables WHERE table_name = 'report_v_zz_broken'").fetchone()
rw.close()
T.check(p.returncode == 0 and got == [(75.0,)] and err == (None,), "the view fixed: copied, its error cleared",
        p.returncode, p.stderr, got, err)

# ---------------------------------------------------------------- pitfalls
o = odbc(db, "/nonexistent/revops.so")
plain = o.cursor().execute("SELECT count(*) FROM report_tables").fetchone()[0]
try:
    o.cursor().execute("SELECT revops_version()").fetchall()
    err = None
except pyodbc.Error as e:
    err = str(e)
T.check(plain > 0 and err is not None and "no such function: revops_version" in err,
        "pitfall: a wrong LoadExt path connects, and fails only at the first revops call", err)
o.close()
ini = os.path.join(SCRATCH, "odbc.ini")
with open(ini, "w") as f:
    f.write("[revops]\nDriver=SQLite3\nDatabase=%s\nLoadExt=%s\n" % (db, SO))
if shutil.which("isql"):
    p = subprocess.run(["isql", "-b", "revops"], input="SELECT no_such_column FROM report_tables\n",
                       capture_output=True, text=True, env=dict(os.environ, ODBCINI=ini))
    T.check(p.returncode == 0 and "ERROR" in (p.stdout + p.stderr),
            "pitfall: isql -b exits 0 on an SQL error (check its output, docs/odbc.md)", p.returncode, p.stdout, p.stderr)
else:
    T.skip("odbc: isql is missing, the isql pitfall was not checked")
T.finish()
