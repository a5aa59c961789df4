#!/usr/bin/python3
"""tools/bi_refresh.py — typed reporting tables for BI tools over ODBC.

    revops bi-refresh DB [--ext dist/revops] [--view NAME ...] [--list] [--verbose]
    (python3 tools/bi_refresh.py the same; make bi-refresh DB=demo.db)

The SQLite ODBC driver types a column by its declared type; a view's
computed column has none, so the driver guesses from the first row (a NULL
first row makes it text) and reports TEXT as a 64 KB memo (docs/odbc.md
has the measurements).  This command copies every view V of the database
into a plain (non-STRICT) table report_V (not the twins V_live and
V_refill the derived tables add, docs/views.md) whose columns are declared with
the types the driver understands, decided from the values the view gives
now (SQLite's typeof(), every row, not the first):

    every value NULL             the view's declared type, else the name:
                                 *_date / date -> DATE, *_at -> TIMESTAMP,
                                 anything else DOUBLE
    integers only                INTEGER (BIGINT beyond 32 bits)
    integers and reals           DOUBLE
    text, all YYYY-MM-DD         DATE
    text, all YYYY-MM-DD hh:mm:ss  TIMESTAMP
    other text                   VARCHAR(n), n the longest value rounded up
                                 to 16/32/64/128/255; TEXT beyond 255
    blobs or mixed text/numbers  VARCHAR/TEXT as for text

A table that exists keeps a column's declared type when the new values
still fit it (so a BI model built on it does not change under it); a
column only widens (INTEGER -> DOUBLE, VARCHAR(32) -> VARCHAR(64)).
Everything happens in one transaction, a savepoint per view: a view that
fails (issue 22: one failing query never takes the others down) keeps the
table the last refresh made, its error is written to report_tables.error,
every other view is copied, and the command exits 1 naming each failure
and their count.  report_tables lists what was copied, from which view,
how many rows, as of which date, when, and the error of the last attempt
(NULL when it succeeded).  Re-run after each import (the tables are
copies, not live views).  Standard library only.
"""
import os
import re
import sqlite3
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402  (the arguments and the connection every tool shares)
PREFIX = "report_"
WIDTHS = (16, 32, 64, 128, 255)
DATE_RE = r"[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]"
# SQLite GLOB patterns: a date, a date and time (optionally with fraction).
DATE_GLOB = DATE_RE
TS_GLOB = DATE_RE + "[ T][0-2][0-9]:[0-5][0-9]:[0-5][0-9]*"


def qi(name):
    return '"%s"' % name.replace('"', '""')


def column_facts(con, table, col):
    """What the values of one column are, counted by SQLite itself."""
    c = qi(col)
    return con.execute(
        "SELECT count(*), count(%(c)s),"
        " sum(typeof(%(c)s) = 'integer'), sum(typeof(%(c)s) = 'real'),"
        " sum(typeof(%(c)s) = 'text'), sum(typeof(%(c)s) = 'blob'),"
        " sum(typeof(%(c)s) = 'text' AND %(c)s GLOB '%(d)s' AND date(%(c)s) IS %(c)s),"
        " sum(typeof(%(c)s) = 'text' AND %(c)s GLOB '%(t)s' AND datetime(%(c)s) IS NOT NULL),"
        " max(CASE WHEN typeof(%(c)s) IN ('text', 'blob') THEN length(%(c)s) END),"
        " max(CASE WHEN typeof(%(c)s) = 'integer' THEN abs(%(c)s) END)"
        " FROM temp.%(t2)s" % {"c": c, "d": DATE_GLOB, "t": TS_GLOB, "t2": qi(table)}).fetchone()


def width(n):
    for w in WIDTHS:
        if n <= w:
            return "VARCHAR(%d)" % w
    return "TEXT"


def decide(col, decl, facts):
    """The declared type for one column (see the module comment)."""
    _, nonnull, ints, reals, texts, blobs, dates, stamps, maxlen, maxint = facts
    if not nonnull:
        d = (decl or "").upper()
        if re.search(r"(^|_)date$", col) or col == "as_of":
            return "DATE"
        if col.endswith("_at"):
            return "TIMESTAMP"
        if "INT" in d:
            return "INTEGER"
        if "CHAR" in d or "TEXT" in d or "CLOB" in d:
            return "VARCHAR(255)"
        return "DOUBLE"
    if texts == nonnull and dates == nonnull:
        return "DATE"
    if texts == nonnull and stamps == nonnull:
        return "TIMESTAMP"
    if texts or blobs:
        return width(maxlen or 1)
    if reals:
        return "DOUBLE"
    return "BIGINT" if (maxint or 0) > 2147483647 else "INTEGER"


RANK = {"INTEGER": 1, "BIGINT": 2, "DOUBLE": 3}


def keep_or_widen(old, new):
    """A column keeps its declared type when the new one fits in it."""
    if old is None or old == new:
        return new
    if old in RANK and new in RANK:
        return old if RANK[old] >= RANK[new] else new
    wold = re.fullmatch(r"VARCHAR\((\d+)\)", old)
    wnew = re.fullmatch(r"VARCHAR\((\d+)\)", new)
    if old == "TEXT" and (wnew or new == "TEXT"):
        return old
    if wold and wnew:
        return old if int(wold.group(1)) >= int(wnew.group(1)) else new
    if wold and new in ("DATE", "TIMESTAMP") and int(wold.group(1)) >= 19:
        return old
    return new


def refresh(con, views=None, log=None):
    """Copy the views into typed report_ tables.  Returns (done, failed):
    done {table: (rows, [(col, type)])}, failed {view: message}.  One
    transaction, a savepoint per view: a view that fails keeps its table
    (and its report_tables row) as the last refresh left it, with the
    error in report_tables.error; every other view is copied."""
    all_views = [r[0] for r in con.execute(
        "SELECT name FROM sqlite_schema WHERE type = 'view' AND name NOT LIKE 'sqlite%' ORDER BY name")]
    # X_live and X_refill, twins the derived tables add to a view X
    # (sql/views/99_derived.sql), give X's rows: copy X only (a twin only
    # when asked for by name)
    names = set(all_views)
    twins = {v for v in all_views if any(v.endswith(t) and v[:-len(t)] in names for t in ("_live", "_refill", "_cached"))}
    all_views = [v for v in all_views if v not in twins or (views and v in views)]
    if views:
        unknown = sorted(set(views) - set(all_views))
        if unknown:
            raise common.ToolError("bi_refresh: no such view: %s" % ", ".join(unknown))
        all_views = [v for v in all_views if v in views]
    try:
        as_of = con.execute("SELECT as_of FROM as_of_date").fetchone()[0]
    except sqlite3.Error:
        as_of = None
    done, failed = {}, {}
    con.execute("BEGIN IMMEDIATE")
    try:
        con.execute("CREATE TABLE IF NOT EXISTS report_tables (table_name VARCHAR(128) PRIMARY KEY, "
                    "source_view VARCHAR(128) NOT NULL, row_count INTEGER NOT NULL, as_of DATE, "
                    "refreshed_at TIMESTAMP NOT NULL, error VARCHAR(255))")
        if "error" not in [r[1] for r in con.execute("SELECT * FROM main.pragma_table_info('report_tables')")]:
            con.execute("ALTER TABLE report_tables ADD COLUMN error VARCHAR(255)")     # made by an older version
        for v in all_views:
            t = PREFIX + v
            if log:
                log("bi_refresh: %s" % v)
            con.execute("SAVEPOINT bi_view")
            try:
                done[t] = copy_view(con, v, t, as_of)
                con.execute("RELEASE bi_view")
            except sqlite3.Error as e:
                con.execute("ROLLBACK TO bi_view")
                con.execute("RELEASE bi_view")
                failed[v] = str(e)
                con.execute("INSERT INTO report_tables (table_name, source_view, row_count, as_of, refreshed_at, error) "
                            "VALUES (?, ?, 0, NULL, datetime('now'), ?) ON CONFLICT (table_name) DO UPDATE SET "
                            "error = excluded.error", (t, v, str(e)[:255]))
        # Tables of views that no longer exist go too.
        if not views:
            keep = set(done) | {PREFIX + v for v in failed}
            for (t,) in con.execute("SELECT table_name FROM report_tables").fetchall():
                if t not in keep:
                    con.execute("DROP TABLE IF EXISTS main.%s" % qi(t))
                    con.execute("DELETE FROM report_tables WHERE table_name = ?", (t,))
        con.execute("DROP TABLE IF EXISTS temp._bi_stage")
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return done, failed


def copy_view(con, v, t, as_of):
    """One view into its typed table (inside the caller's savepoint)."""
    decl = {r[1]: r[2] for r in con.execute("SELECT * FROM pragma_table_xinfo(?)", (v,))}
    con.execute("DROP TABLE IF EXISTS temp._bi_stage")
    con.execute("CREATE TEMP TABLE _bi_stage AS SELECT * FROM main.%s" % qi(v))
    cols = [r[1] for r in con.execute("SELECT * FROM temp.pragma_table_info('_bi_stage')")]
    old = {r[1]: r[2] for r in con.execute("SELECT * FROM main.pragma_table_info(?)", (t,))}
    typed = []
    for c in cols:
        new = decide(c, decl.get(c), column_facts(con, "_bi_stage", c))
        typed.append((c, keep_or_widen(old.get(c), new) if set(old) == set(cols) else new))
    con.execute("DROP TABLE IF EXISTS main.%s" % qi(t))
    con.execute("CREATE TABLE main.%s (%s)" % (qi(t), ", ".join("%s %s" % (qi(c), ty) for c, ty in typed)))
    con.execute("INSERT INTO main.%s SELECT * FROM temp._bi_stage" % qi(t))
    n = con.execute("SELECT count(*) FROM main.%s" % qi(t)).fetchone()[0]
    con.execute("INSERT OR REPLACE INTO report_tables (table_name, source_view, row_count, as_of, refreshed_at, error) "
                "VALUES (?, ?, ?, ?, datetime('now'), NULL)", (t, v, n, as_of))
    return n, typed


def main(argv=None, prog="bi_refresh.py"):
    ap = common.parser(prog, "Copy the views into typed report_* tables for BI tools over ODBC (docs/odbc.md). "
                       "A view that fails keeps its last table, its error is in report_tables.error, the "
                       "others are copied, and the exit status is 1.")
    ap.add_argument("--view", action="append", help="only this view (repeatable)")
    ap.add_argument("--list", action="store_true", help="print every column's declared type")
    ap.add_argument("--verbose", action="store_true", help="name each view on standard error as it is copied")
    a = ap.parse_args(argv)
    con = common.connect(a.db, a.ext, prog, write=True, views=False, isolation_level=None)
    try:
        done, failed = refresh(con, a.view, (lambda m: print(m, file=sys.stderr, flush=True)) if a.verbose else None)
    except sqlite3.Error as e:
        print("%s: %s (nothing changed)" % (prog, e), file=sys.stderr)
        return 1
    for t, (n, typed) in done.items():
        if a.list:
            print("%s\t%d rows\t%s" % (t, n, ", ".join("%s %s" % ct for ct in typed)))
    print("%s: %d report_ tables refreshed in %s" % (prog, len(done), a.db))
    for v, e in failed.items():
        print("%s: view %s failed, its table %s%s kept as it was: %s" % (prog, v, PREFIX, v, e), file=sys.stderr)
    if failed:
        print("%s: %d of %d views failed" % (prog, len(failed), len(done) + len(failed)), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
