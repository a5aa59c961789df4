"""tests/security/harness.py — what the security layer's scripts share.

Each script is run as `python3 tests/security/X.py EXT IMPORT_EXT BASE SCRATCH`
by tests/run.sh (layer "security"): EXT and IMPORT_EXT the query extension
and the import module (no suffix), BASE a small demo database (the
generator at SCALE=0.01, imported, views installed; never written to: copy
it), its CSV files in BASE's folder under csv/, SCRATCH a directory of its
own.  It prints FAIL and SKIP lines and ends with "N passed, N failed".
The scripts sql/import/import.sh, sql/views/install.sh and refresh.sh run
with the environment's SQLITE3 (the sanitizer run's preload included).
"""
import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "tests", "lib"))
from checks import Counter, free_port, get, marker_library, wait_up  # noqa: E402,F401  (shared by the test scripts)
INSTALL = os.path.join(ROOT, "sql", "views", "install.sh")
REFRESH = os.path.join(ROOT, "sql", "views", "refresh.sh")
IMPORT = os.path.join(ROOT, "sql", "import", "import.sh")


def args():
    if len(sys.argv) != 5:
        sys.exit("usage: %s EXT IMPORT_EXT BASE SCRATCH" % sys.argv[0])
    ext, imp, base, scratch = (os.path.abspath(a) for a in sys.argv[1:])
    return ext, imp, base, os.path.join(os.path.dirname(base), "csv"), scratch


def copy(base, path):
    for suffix in ("", "-wal", "-shm", "-journal"):
        if os.path.exists(path + suffix):
            os.remove(path + suffix)
    shutil.copy(base, path)
    return path


def run(cmd, timeout=300, **kw):
    """A script, its output (stdout and stderr) and exit code."""
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, errors="replace",
                       timeout=timeout, cwd=ROOT, **kw)
    return p.returncode, p.stdout


def install(db, ext, *opts):
    return run(["sh", INSTALL] + list(opts) + [db, ext])


def refresh(db, ext):
    return run(["sh", REFRESH, db, ext])


def import_(db, csv, imp):
    return run(["sh", IMPORT, db, csv, imp])


def connect(db, ext=None):
    con = sqlite3.connect(db, isolation_level=None)
    if ext:
        con.enable_load_extension(True)
        con.load_extension(ext)
        con.enable_load_extension(False)
    con.execute("PRAGMA trusted_schema = OFF")
    return con


def canonical_sha(db):
    """One digest of every canonical table's rows (sql/schema.sql's tables,
    not the import's log): the data, whatever the kept tables hold."""
    con = sqlite3.connect(db)
    try:
        names = [r[0] for r in con.execute(
            "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite%' "
            "AND name NOT LIKE 'import\\_%' ESCAPE '\\' AND name NOT LIKE '%\\_cache' ESCAPE '\\' "
            "AND name NOT IN ('derived_tables', 'derived_changes', 'alert_log') ORDER BY name")]
        h = hashlib.sha256()
        for n in names:
            h.update(n.encode())
            for row in con.execute('SELECT * FROM "%s" ORDER BY rowid' % n.replace('"', '""')):
                h.update(repr(row).encode())
        return h.hexdigest()
    finally:
        con.close()
