#!/usr/bin/python3
"""tools/bi_refresh.py — typed reporting tables for BI tools over ODBC.

    python3 tools/bi_refresh.py DB [--ext dist/revops] [--view NAME ...] [--list] [--verbose]
    make bi-refresh DB=demo.db

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
Everything happens in one transaction: a failing view leaves every table
as it was.  report_tables lists what was copied, from which view, how many
rows, as of which date and when.  Re-run after each import (the tables are
copies, not live views).  Standard library only.
"""
import argparse
import os
import re
import sqlite3
import sys

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
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
    """Copy the views into typed report_ tables; return {table: (rows, [(col, type)])}."""
    all_views = [r[0] for r in con.execute(
        "SELECT name FROM sqlite_schema WHERE type = 'view' AND name NOT LIKE 'sqlite%' ORDER BY name")]
    # X_live and X_refill, twins the derived tables add to a view X
    # (sql/views/99_derived.sql), give X's rows: copy X only (a twin only
    # when asked for by name)
    names = set(all_views)
    twins = {v for v in all_views if any(v.endswith(t) and v[:-len(t)] in names for t in ("_live", "_refill"))}
    all_views = [v for v in all_views if v not in twins or (views and v in views)]
    if views:
        unknown = sorted(set(views) - set(all_views))
        if unknown:
            raise SystemExit("bi_refresh: no such view: %s" % ", ".join(unknown))
        all_views = [v for v in all_views if v in views]
    try:
        as_of = con.execute("SELECT as_of FROM as_of_date").fetchone()[0]
    except sqlite3.Error:
        as_of = None
    done = {}
    con.execute("BEGIN IMMEDIATE")
    try:
        con.execute("CREATE TABLE IF NOT EXISTS report_tables (table_name VARCHAR(128) PRIMARY KEY, "
                    "source_view VARCHAR(128) NOT NULL, row_count INTEGER NOT NULL, as_of DATE, "
                    "refreshed_at TIMESTAMP NOT NULL)")
        for v in all_views:
            t = PREFIX + v
            if log:
                log("bi_refresh: %s" % v)
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
            con.execute("INSERT OR REPLACE INTO report_tables VALUES (?, ?, ?, ?, datetime('now'))", (t, v, n, as_of))
            done[t] = (n, typed)
        # Tables of views that no longer exist go too.
        if not views:
            for (t,) in con.execute("SELECT table_name FROM report_tables").fetchall():
                if t not in done:
                    con.execute("DROP TABLE IF EXISTS main.%s" % qi(t))
                    con.execute("DELETE FROM report_tables WHERE table_name = ?", (t,))
        con.execute("DROP TABLE IF EXISTS temp._bi_stage")
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return done


def main(argv=None):
    ap = argparse.ArgumentParser(description="Copy the views into typed report_* tables for BI tools over ODBC.")
    ap.add_argument("db")
    ap.add_argument("--ext", default=os.path.join(ROOT, "dist", "revops"), help="the revops extension")
    ap.add_argument("--view", action="append", help="only this view (repeatable)")
    ap.add_argument("--list", action="store_true", help="print every column's declared type")
    ap.add_argument("--verbose", action="store_true", help="name each view on standard error as it is copied")
    a = ap.parse_args(argv)
    if not os.path.exists(a.db):
        ap.error("no database %s" % a.db)
    con = sqlite3.connect(a.db, isolation_level=None)
    con.enable_load_extension(True)
    con.load_extension(a.ext)
    con.enable_load_extension(False)
    con.execute("PRAGMA trusted_schema = OFF")   # the file is untrusted input (docs/security.md)
    try:
        done = refresh(con, a.view, (lambda m: print(m, file=sys.stderr, flush=True)) if a.verbose else None)
    except sqlite3.Error as e:
        print("bi_refresh: %s (nothing changed)" % e, file=sys.stderr)
        return 1
    for t, (n, typed) in done.items():
        if a.list:
            print("%s\t%d rows\t%s" % (t, n, ", ".join("%s %s" % ct for ct in typed)))
    print("bi_refresh: %d report_ tables refreshed in %s" % (len(done), a.db))
    return 0


if __name__ == "__main__":
    sys.exit(main())
