"""tests/report/harness.py — what the report layer's tests share.

Each test script is run as `python3 tests/report/test_X.py EXT DB SCRATCH`
by tests/run.sh: EXT the extension (no suffix), DB a demo database built at
SCALE=0.1 with the views installed (never written to: copy it first),
SCRATCH a directory of its own.  It prints FAIL and SKIP lines and ends with
"N passed, N failed".  A SKIP is not a pass: it names what did not run.
"""
import os
import sqlite3
import sys

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "tools"))
sys.path.insert(0, os.path.join(ROOT, "tests", "lib"))
from checks import Counter  # noqa: E402,F401  (tests/lib/checks.py: shared by the test scripts)
FIXTURE = os.path.join(ROOT, "tests", "report", "fixture_dashboards")
REAL = os.path.join(ROOT, "sql", "dashboards")


def args():
    if len(sys.argv) != 4:
        sys.exit("usage: %s EXT DB SCRATCH" % sys.argv[0])
    ext, db, scratch = sys.argv[1:]
    return os.path.abspath(ext) if os.sep in ext else ext, os.path.abspath(db), os.path.abspath(scratch)


def connect(db, ext, readonly=True):
    con = sqlite3.connect("file:%s?mode=ro" % db if readonly else db, uri=readonly)
    con.enable_load_extension(True)
    con.load_extension(ext)
    con.enable_load_extension(False)
    return con


def dashboard_dirs():
    """The fixture always; sql/dashboards/ once it has persona files."""
    dirs = [("fixture", FIXTURE)]
    if os.path.isdir(REAL) and any(f.endswith(".sql") for f in os.listdir(REAL)):
        dirs.append(("sql/dashboards", REAL))
    return dirs
