"""Loading revops from Python's sqlite3 module, as README.md describes.

Run by tests/run.sh as: python3 tests/python/test_load.py dist/revops
"""
import sqlite3
import sys

ext = sys.argv[1]
passed = failed = 0


def check(label, actual, expected):
    global passed, failed
    if actual == expected:
        passed += 1
    else:
        failed += 1
        print(f"FAIL {label}\n     expected: {expected!r}\n     actual:   {actual!r}")


# Without enable_load_extension(True), SQLite refuses the load_extension()
# SQL function (what Datasette-style tools and SQL scripts use): the
# README's "not authorized" case.
con = sqlite3.connect(":memory:")
try:
    con.execute("SELECT load_extension(?)", (ext,)).fetchone()
    check("load_extension() without enable_load_extension fails", "loaded", "not authorized")
except sqlite3.OperationalError as e:
    check("load_extension() without enable_load_extension fails", str(e), "not authorized")

con.enable_load_extension(True)
con.execute("SELECT load_extension(?)", (ext,)).fetchone()
con.enable_load_extension(False)  # as recommended: only while loading

# The method form, on a second connection.
con2 = sqlite3.connect(":memory:")
con2.enable_load_extension(True)
con2.load_extension(ext)
con2.enable_load_extension(False)
check("Connection.load_extension", con2.execute("SELECT deal_health_status(85)").fetchone()[0], "Healthy")
con2.close()
# The version is written once, in include/revops.h.
import os
import re as _re
_hdr = open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "include", "revops.h")).read()
check("version", con.execute("SELECT revops_version()").fetchone()[0],
      _re.search(r'#define REVOPS_VERSION "([^"]*)"', _hdr).group(1))

# Parameters bind as the native types the functions expect.
con.execute("CREATE TABLE opp(amount REAL, probability REAL)")
con.executemany("INSERT INTO opp VALUES (?, ?)", [(100000, 0.25), (40000, 0.5), (10.01, 0.5)])
check("weighted_pipeline from Python",
      con.execute("SELECT weighted_pipeline(amount, probability) FROM opp").fetchone()[0],
      45005.01)  # 25000 + 20000 + 5.005 rounded half away from zero
check("lead_score with a bound as_of",
      con.execute("SELECT lead_score(?, ?, ?)", ("demo_request", "2026-02-27", "2026-03-01")).fetchone()[0],
      25)

# Errors arrive as OperationalError with the extension's message.
try:
    con.execute("SELECT weighted_pipeline(100, 75)").fetchone()
    check("error reaches Python", None, "an error")
except sqlite3.OperationalError as e:
    check("error reaches Python", str(e),
          "weighted_pipeline(): probability must be between 0 and 1, got 75 (divide percentages by 100)")

# A Python str is text: not converted to a number.
try:
    con.execute("SELECT deal_health(?, 10, 1, 5, 30, 0, 0)", ("12",)).fetchone()
    check("text parameter is refused", None, "an error")
except sqlite3.OperationalError as e:
    check("text parameter is refused", str(e).split(",")[0],
          "deal_health(): days_in_stage must be a number")

con.close()
print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
