"""Issue 9 regressions from Python (docs/security.md): a hostile schema row
cannot make mrr_months read a virtual table from a view, and text that is
not UTF-8 never reaches Python undecodable (it raised UnicodeDecodeError).

Run by tests/run.sh as: python3 tests/python/test_security.py dist/revops
"""
import json
import random
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


def connect():
    con = sqlite3.connect(":memory:")
    con.enable_load_extension(True)
    con.load_extension(ext)
    con.enable_load_extension(False)
    return con


def error_of(con, sql, args=()):
    """The error a statement raises, as (type name, message)."""
    try:
        con.execute(sql, args).fetchall()
        return ("no error", "")
    except sqlite3.Error as e:
        return ("sqlite3.Error", str(e))
    except Exception as e:  # UnicodeDecodeError was the bug
        return (type(e).__name__, str(e))


# -- A hostile schema row: "CREATE  VIRTUAL TABLE" (two spaces) written
# through writable_schema, read by mrr_months inside a view.
VTAB_MSG = ("mrr_months(): source 'evil' is a virtual table, which could bypass "
            "trusted_schema; read it through a TEMP VIEW and name the view")
for label, change in [
        ("two spaces", "sql = replace(sql, 'CREATE VIRTUAL TABLE', 'CREATE  VIRTUAL TABLE')"),
        ("two spaces, forged rootpage", "sql = replace(sql, 'CREATE VIRTUAL TABLE', 'CREATE  VIRTUAL TABLE'), rootpage = 2"),
        ("a comment between the words", "sql = replace(sql, 'CREATE VIRTUAL TABLE', 'CREATE/**/VIRTUAL TABLE')")]:
    con = connect()
    con.executescript(f"""
        CREATE VIRTUAL TABLE evil USING fts4(customer_id, start_date, end_date, mrr);
        INSERT INTO evil VALUES ('C1', '2026-01-01', NULL, 100);
        PRAGMA writable_schema = ON;
        UPDATE sqlite_schema SET {change} WHERE name = 'evil';
        PRAGMA schema_version = 1000;
        PRAGMA writable_schema = OFF;
        CREATE VIEW v AS SELECT * FROM mrr_months('evil');
        PRAGMA trusted_schema = OFF;
    """)
    # SQLite itself refuses the table in a view: the guard must match it.
    con.execute("CREATE VIEW direct AS SELECT * FROM evil")
    check(f"hostile row ({label}): SQLite refuses the table in a view",
          error_of(con, "SELECT * FROM direct"), ("sqlite3.Error", 'unsafe use of virtual table "evil"'))
    check(f"hostile row ({label}): mrr_months in a view is refused",
          error_of(con, "SELECT * FROM v"), ("sqlite3.Error", VTAB_MSG))
    # An ordinary table through the same view shape still works.
    con.executescript("""
        CREATE TABLE subs(customer_id, start_date, end_date, mrr);
        INSERT INTO subs VALUES ('C1', '2026-01-01', NULL, 100);
        CREATE VIEW ok AS SELECT * FROM mrr_months('subs', '2026-01', '2026-01');
    """)
    check(f"hostile row ({label}): a plain table still works",
          con.execute("SELECT * FROM ok").fetchall(), [("2026-01", "C1", 100.0)])

# -- Text that is not UTF-8.  Python decodes every TEXT result and error
# message as UTF-8; the extension replaces what is not UTF-8 by U+FFFD,
# one per maximal ill-formed subpart, as Python's own "replace" does.
con = connect()
bad = bytes([0x32, 0x30, 0xFF, 0xC3])
msg = error_of(con, "SELECT lead_score('demo_request', CAST(? AS TEXT), '2026-03-01')", (bad,))
check("invalid UTF-8 in an error message: sqlite3.Error", msg[0], "sqlite3.Error")
check("invalid UTF-8 in an error message: shown as U+FFFD", msg[1],
      "lead_score(): occurred_at must be an ISO-8601 date such as '2026-01-31', got text '20\ufffd\ufffd'")
msg = error_of(con, "SELECT * FROM mrr_waterfall(CAST(? AS TEXT))", (b"t\xfe",))
check("invalid UTF-8 in an MRR message: sqlite3.Error", msg, ("sqlite3.Error", "mrr_waterfall(): source table or view 't\ufffd' does not exist"))

rng = random.Random(9009)
mismatch = []
for i in range(300):
    raw = bytes(rng.choice([0x41, 0x22, 0x5C, 0x00, 0x0A, 0x7F, 0x80, 0xBF, 0xC0, 0xC2, 0xE0, 0xED,
                            0xEF, 0xF0, 0xF4, 0xF5, 0xFF, 0xA0, 0x9F, 0x8F, 0x90])
                for _ in range(rng.randint(1, 12)))
    try:
        out = con.execute("SELECT lead_score_explain(CAST(? AS TEXT), '2026-02-01', '2026-03-01')",
                          (raw,)).fetchone()[0]
        got = json.loads(out)["unknown"][0]["signal"]
    except Exception as e:  # noqa: BLE001 - any failure is the finding
        got = f"{type(e).__name__}: {e}"
    if got != raw.decode("utf-8", "replace"):
        mismatch.append((raw.hex(), got))
check("300 random byte strings in lead_score_explain decode as Python's 'replace'", mismatch[:3], [])

print(f"{passed} passed, {failed} failed")
