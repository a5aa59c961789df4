"""tests/security/hostile.py — a database file someone sends you, run
through every script that opens one (docs/security.md "A database file
someone sends you").

Each fixture is the small demo database with one hostile change: names
carrying `";`, a line break and `.shell` in the tables and views the
scripts read, triggers and views calling edit(), writefile() and
load_extension() (of a library whose constructor writes a file), a column
default calling load_extension(), revops names taken by objects of the
wrong kind.  Every fixture, on a fresh copy, goes through
sql/views/install.sh, sql/views/refresh.sh and sql/import/import.sh;
each run must leave no marker file (nothing ran), end as the fixture says
(done, or refused with rc != 0 and a message naming the problem, the file
unchanged byte for byte), and print no escape character.  Also: the
shells the scripts start refuse what safe mode refuses, the import works
after the install (the re-import cycle of docs/data.md), and the
dashboards' Python connection refuses a view's load_extension().
"""
import hashlib
import os
import sqlite3
import subprocess
import sys

import harness

T = harness.Counter()
EXT, IMP, BASE, CSV, SCRATCH = harness.args()
MARK = os.path.join(SCRATCH, "MARK")
ESC = "\x1b"


def file_sha(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def marked():
    return os.path.exists(MARK)


# A library whose load writes MARK: if any load_extension() ran, MARK exists.
EVIL = os.path.join(SCRATCH, "evil.so")
T.check(harness.marker_library(EVIL, MARK), "the marker library builds")
src = EVIL + ".c"
# The marker library works: loaded on purpose, MARK appears (so its absence
# below means nothing loaded it).
con = sqlite3.connect(":memory:")
con.enable_load_extension(True)
try:
    con.load_extension(EVIL)
except sqlite3.Error:
    pass
con.close()
T.check(marked(), "the marker library writes its marker when loaded")
if marked():
    os.remove(MARK)

SHELL_CMD = "touch '%s'" % MARK
INJECT = "'settings\";' || char(10) || '.shell %s' || char(10) || 'SELECT \"'" % SHELL_CMD.replace("'", "''")
EDIT = "edit('x', '%s; true')" % SHELL_CMD.replace("'", "''")
WRITEFILE = "writefile('%s', 'x')" % MARK
LOADEXT = "load_extension('%s')" % EVIL

# ------------------------------------------------------------ safe shells
# What every sqlite3 the scripts start refuses (sql/lib.sh revops_shell).
probe_db = harness.copy(BASE, os.path.join(SCRATCH, "probe.db"))
PROBE = ('here="$1/sql/views"; revops_me=probe; . "$here/../lib.sh"; revops_shell "$2" "$3" -list -noheader')
for label, stmt in [(".shell", ".shell %s" % SHELL_CMD), (".system", ".system %s" % SHELL_CMD),
                    ("writefile()", "SELECT %s;" % WRITEFILE), ("edit()", "SELECT %s;" % EDIT),
                    ("load_extension()", "SELECT %s;" % LOADEXT), (".load", ".load %s" % EVIL),
                    ("ATTACH", "ATTACH '%s' AS x;" % MARK), (".output", ".output %s" % MARK),
                    (".once", ".once %s" % MARK), (".open", ".open %s" % MARK), (".read", ".read %s" % src),
                    ("readfile()", "SELECT readfile('%s');" % src)]:
    p = subprocess.run(["sh", "-c", PROBE, "sh", harness.ROOT, probe_db, EXT], input=stmt + "\nSELECT 'went on';\n",
                       capture_output=True, text=True, cwd=harness.ROOT)
    T.check(p.returncode != 0 and not marked() and "went on" not in p.stdout,
            "the scripts' sqlite3 refuses %s" % label, "rc %d" % p.returncode, p.stdout[-300:], p.stderr[-300:])
    if marked():
        os.remove(MARK)
p = subprocess.run(["sh", "-c", PROBE, "sh", harness.ROOT, probe_db, EXT],
                   input="PRAGMA trusted_schema;\nSELECT revops_version() IS NOT NULL;\n",
                   capture_output=True, text=True, cwd=harness.ROOT)
T.check(p.returncode == 0 and p.stdout.split() == ["0", "1"],
        "the scripts' sqlite3 has trusted_schema off and the extension loaded", p.stdout, p.stderr)

# ------------------------------------------------------------ the cycle
# Import after install: every row unchanged, the kept tables current; an
# empty directory too.  (It used to stop on "table account_dimensions_cache
# has no primary key".)
db = harness.copy(BASE, os.path.join(SCRATCH, "cycle.db"))
rc, out = harness.import_(db, CSV, IMP)
con = harness.connect(db)
runs = con.execute("SELECT sum(rows_read), sum(rows_unchanged), sum(rows_rejected) FROM import_summary "
                   "WHERE run_id = (SELECT max(run_id) FROM import_runs)").fetchone()
current = con.execute("SELECT count(*), total(is_current) FROM derived_status").fetchone()
con.close()
T.check(rc == 0 and runs[0] and runs[0] == runs[1] and runs[2] == 0,
        "import.sh after install.sh: every row read is unchanged", "rc %d, read/unchanged/rejected %r" % (rc, runs),
        out[-500:])
T.check(current[0] > 0 and current[0] == current[1], "import.sh after install.sh: the kept tables are current",
        repr(current))
empty = os.path.join(SCRATCH, "empty")
os.makedirs(empty, exist_ok=True)
rc, out = harness.import_(db, empty, IMP)
T.check(rc == 0, "import.sh of an empty directory after install.sh", out[-300:])
rc, out = harness.install(db, EXT)
T.check(rc == 0, "install.sh again after the imports", out[-300:])

# Any order, any number of times, on one new file: refresh before any
# install says so; then import, install, refresh, import, install, refresh,
# each completing, the data what one import gives and every kept table current.
fresh = os.path.join(SCRATCH, "order.db")
rc, out = harness.refresh(fresh, EXT)
T.check(rc != 0 and "no database" in out, "refresh.sh on a file that does not exist says so", out[-300:])
steps = [("import", lambda: harness.import_(fresh, CSV, IMP)),
         ("refresh before install", lambda: harness.refresh(fresh, EXT)),
         ("install", lambda: harness.install(fresh, EXT)),
         ("refresh", lambda: harness.refresh(fresh, EXT)),
         ("import again", lambda: harness.import_(fresh, CSV, IMP)),
         ("install again", lambda: harness.install(fresh, EXT)),
         ("install --no-refresh", lambda: harness.install(fresh, EXT, "--no-refresh")),
         ("refresh again", lambda: harness.refresh(fresh, EXT))]
for label, step in steps:
    rc, out = step()
    if label == "refresh before install":
        T.check(rc != 0 and "the views are not installed in this database" in out,
                "order: %s is refused, saying why" % label, "rc %d" % rc, out[-300:])
    else:
        T.check(rc == 0, "order: %s completes" % label, "rc %d" % rc, out[-400:])
con = harness.connect(fresh)
current = con.execute("SELECT count(*), total(is_current) FROM derived_status").fetchone()
con.close()
T.check(current[0] > 0 and current[0] == current[1], "order: after the last refresh every kept table is current")
T.check(harness.canonical_sha(fresh) == harness.canonical_sha(BASE), "order: the data is what one import gives")

# ------------------------------------------------------------ fixtures
# (label, setup statements, starting database or None for BASE,
#  {script: None (runs) or the text the refusal must name})
TINY = os.path.join(SCRATCH, "tiny")
os.makedirs(TINY, exist_ok=True)
with open(os.path.join(CSV, "accounts.csv"), encoding="utf-8") as f:
    head = [next(f), next(f)]
with open(os.path.join(TINY, "accounts.csv"), "w", encoding="utf-8") as f:
    f.writelines(head)

ALL = ("install", "refresh", "import")
FIXTURES = [
    ("derived_views holds injected names",
     ["DROP VIEW derived_views",
      "CREATE VIEW derived_views(position, name) AS VALUES (1, %s)" % INJECT], None,
     {"install": None, "refresh": "derived_views", "import": "derived_views"}),
    ("derived_tables holds injected names",
     ["INSERT INTO derived_tables (name, fingerprint, refreshed_at, row_count) VALUES (%s, 'x', 'x', 1)" % INJECT], None,
     {"install": None, "refresh": None, "import": None}),
    ("the file's own tables, views and indexes have injected names",
     ['CREATE TABLE "x"";\n.shell %s\n--" (a)' % SHELL_CMD,
      'CREATE VIEW "v"";\n.shell %s\n--" AS SELECT 1' % SHELL_CMD,
      'CREATE INDEX "i"";\n.shell %s\n--" ON "x"";\n.shell %s\n--" (a)' % (SHELL_CMD, SHELL_CMD),
      'CREATE TABLE "\x1b[31mred" (a)'], None,
     {"install": None, "refresh": None, "import": None}),
    ("a trigger with an injected name on a revops table",
     ['CREATE TRIGGER "t"";\n.shell %s\n\x1b[2J" AFTER UPDATE ON accounts BEGIN SELECT 1; END' % SHELL_CMD], None,
     dict.fromkeys(ALL, "x'74223B0A2E7368656C6C20")),
    ("a trigger calling edit() on derived_tables",
     ["CREATE TRIGGER evil AFTER INSERT ON derived_tables BEGIN SELECT %s; END" % EDIT], None,
     dict.fromkeys(ALL, 'trigger "evil" on derived_tables was not created by revops')),
    ("a trigger calling writefile() on import_runs",
     ["CREATE TRIGGER evil AFTER INSERT ON import_runs BEGIN SELECT %s; END" % WRITEFILE], None,
     dict.fromkeys(ALL, 'trigger "evil" on import_runs was not created by revops')),
    ("a trigger calling load_extension() on accounts",
     ["CREATE TRIGGER evil BEFORE INSERT ON accounts BEGIN SELECT %s; END" % LOADEXT], None,
     dict.fromkeys(ALL, 'trigger "evil" on accounts was not created by revops')),
    ("revops' own trigger name with a body calling edit()",
     ["DROP TRIGGER derived_update_accounts",
      "CREATE TRIGGER derived_update_accounts AFTER UPDATE ON accounts BEGIN SELECT %s; END" % EDIT], None,
     {"install": None, "refresh": 'trigger "derived_update_accounts" on accounts was not created by revops',
      "import": 'trigger "derived_update_accounts" on accounts was not created by revops'}),
    ("a revops view replaced by one calling load_extension()",
     ["DROP VIEW pipeline_summary", "CREATE VIEW pipeline_summary AS SELECT %s AS x" % LOADEXT], None,
     {"install": None, "refresh": "pipeline_summary", "import": "pipeline_summary"}),
    ("a column default calling load_extension()",
     ["PRAGMA writable_schema = ON",
      "UPDATE sqlite_schema SET sql = replace(sql, 'DEFAULT ''New''', 'DEFAULT (%s)') WHERE name = 'leads'"
      % LOADEXT.replace("'", "''")], None,
     {"install": None, "refresh": None,
      "import": "column status of table leads has the default load_extension("}),
    ("a revops table name taken by a view",
     ["CREATE VIEW accounts AS SELECT 1 AS account_id"], "empty",
     dict.fromkeys(ALL, '"accounts" is a view, but revops keeps a table of that name')),
    ("a revops view name taken by a table",
     ["DROP VIEW pipeline_summary", "CREATE TABLE pipeline_summary (x)"], None,
     dict.fromkeys(ALL, '"pipeline_summary" is a table, but revops installs a view of that name')),
    ("a revops table name taken by a virtual table",
     ["CREATE VIRTUAL TABLE settings USING fts5(key, value)"], "empty",
     dict.fromkeys(ALL, '"settings" is a virtual table, but revops keeps a table of that name')),
]

for label, setup, start, expect in FIXTURES:
    fixture = os.path.join(SCRATCH, "fixture.db")
    if start == "empty":
        for suffix in ("", "-journal", "-wal", "-shm"):
            if os.path.exists(fixture + suffix):
                os.remove(fixture + suffix)
    else:
        harness.copy(BASE, fixture)
    con = sqlite3.connect(fixture, isolation_level=None)
    try:
        for stmt in setup:
            con.execute(stmt)
    except sqlite3.Error as e:
        T.check(False, "%s: the fixture is made" % label, str(e))
        con.close()
        continue
    con.close()
    original = file_sha(fixture)
    for script in ALL:
        db = harness.copy(fixture, os.path.join(SCRATCH, "run.db"))
        if script == "install":
            rc, out = harness.install(db, EXT)
        elif script == "refresh":
            rc, out = harness.refresh(db, EXT)
        else:
            rc, out = harness.import_(db, TINY, IMP)
        want = expect[script]
        what = "%s: %s" % (label, script)
        T.check(not marked(), what + ": nothing ran (no marker file)", out[-400:])
        T.check(ESC not in out, what + ": no escape character reaches the terminal", repr(out[-300:]))
        if want is None:
            T.check(rc == 0, what + ": runs", "rc %d" % rc, out[-600:])
        else:
            T.check(rc != 0 and want in out, what + ": refused, naming %r" % want, "rc %d" % rc, out[-600:])
            # refused before anything was written (the import refreshes after
            # its own commit: there only the refresh is refused)
            if not (script == "import" and "not refilled" in out):
                T.check(file_sha(db) == original, what + ": the file is unchanged")
        if marked():
            os.remove(MARK)

# A view calling load_extension() read through the dashboards' connection
# (tools/dashboards.py): refused by trusted_schema, nothing loaded.
sys.path.insert(0, os.path.join(harness.ROOT, "tools"))
import dashboards  # noqa: E402
db = harness.copy(BASE, os.path.join(SCRATCH, "view.db"))
con = sqlite3.connect(db, isolation_level=None)
con.execute("DROP VIEW pipeline_summary")
con.execute("CREATE VIEW pipeline_summary AS SELECT %s AS x" % LOADEXT)
con.close()
con = dashboards.open_readonly(db, EXT, "hostile")
try:
    con.execute("SELECT * FROM pipeline_summary").fetchall()
    err = None
except sqlite3.Error as e:
    err = str(e)
con.close()
T.check(err is not None and ("unsafe use of load_extension" in err or "not authorized" in err) and not marked(),
        "tools/dashboards.py: a view's load_extension() is refused", err)
T.finish()
