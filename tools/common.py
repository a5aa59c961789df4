"""tools/common.py — one way in: the arguments and the connection every tool shares.

Every command of tools/ (and the `revops` command, tools/revops, which is a
thin layer over them) reads its arguments with `parser()` and opens a
database with `connect()`, so the options mean the same everywhere:

    DB                       the revops database (a file made by revops import)
    --ext PATH               the query extension (default: $REVOPS_EXT, else
                             dist/revops beside tools/)
    --segment, --region, --channel, --start-date, --end-date, --as-of
                             the shared dashboard filters (add_filters);
                             --param NAME=VALUE for a query's own parameter
    --format                 table, json or csv where a command prints data

connect() is the only place a tool opens a database: it says plainly what
is missing (the file, extension support in this Python, the extension, the
views: "run revops install DB") instead of a traceback, loads the query
extension and switches extension loading off again, and sets
trusted_schema OFF (the file is untrusted input: docs/security.md).
Standard library only (Debian's python3).
"""
import argparse
import datetime
import os
import re
import sqlite3
import urllib.parse

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
PY = "/usr/bin/python3"
# The shared filters of seed 000, in the order every tool lists them.
FILTERS = ("start_date", "end_date", "segment", "region", "channel", "as_of")
# The objects a database needs before any page can be drawn: sql/views/install.sh makes them.
REQUIRED_VIEWS = ("as_of_date", "as_of_calendar", "revops_metrics")


class ToolError(SystemExit):
    """A plain message for the user (printed by Python on exit, status 1)."""


def default_ext():
    return os.environ.get("REVOPS_EXT") or os.path.join(ROOT, "dist", "revops")


def parser(prog, description, db=True, ext=True, epilog=None):
    """prog: the command as the user typed it (`revops report` when the
    revops command runs the tool, else the script's name)."""
    ap = argparse.ArgumentParser(prog=prog, description=description, epilog=epilog,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    if db:
        ap.add_argument("db", metavar="DB", help="the revops database (revops import DB DIR makes one)")
    if ext:
        ap.add_argument("--ext", default=default_ext(), metavar="PATH",
                        help="the revops query extension (default: $REVOPS_EXT, else dist/revops)")
    return ap


def add_filters(ap, params=True):
    g = ap.add_argument_group("filters (left out: all; docs/dashboards.md)")
    g.add_argument("--segment", help="customer segment, e.g. SMB (case does not matter)")
    g.add_argument("--region", help="region, e.g. EMEA")
    g.add_argument("--channel", help="acquisition channel, e.g. Webinar")
    g.add_argument("--start-date", dest="start_date", metavar="YYYY-MM-DD", help="period start")
    g.add_argument("--end-date", dest="end_date", metavar="YYYY-MM-DD", help="period end")
    g.add_argument("--as-of", dest="as_of", metavar="YYYY-MM-DD",
                   help="the as-of date every view counts from (default: the database's as_of_date)")
    if params:
        g.add_argument("--param", action="append", default=[], metavar="NAME=VALUE",
                       help="any other parameter a query takes, e.g. account_id=A000424 (repeatable)")
    return g


def add_format(ap, choices=("table", "json", "csv"), default="table"):
    ap.add_argument("--format", choices=choices, default=default, help="output format (default %s)" % default)


def is_date(v):
    try:
        return bool(re.fullmatch(r"\d{4}-\d{2}-\d{2}", v)) and bool(datetime.date.fromisoformat(v))
    except (TypeError, ValueError):
        return False


def filter_values(ap, a):
    """The filters given on the command line as a dict (None = all), dates
    checked; --param NAME=VALUE entries added."""
    values = {f: (getattr(a, f, None) or None) for f in FILTERS}
    for k in ("start_date", "end_date", "as_of"):
        if values[k] is not None and not is_date(values[k]):
            ap.error("--%s must be a date YYYY-MM-DD, got %r" % (k.replace("_", "-"), values[k]))
    for kv in getattr(a, "param", None) or []:
        k, eq, v = kv.partition("=")
        if not eq or not re.fullmatch(r"[A-Za-z_]\w*", k):
            ap.error("--param takes NAME=VALUE, got %r" % kv)
        values[k] = v or None
    return values


def check_python():
    if not hasattr(sqlite3.Connection, "enable_load_extension"):
        raise ToolError("revops: this Python's sqlite3 cannot load extensions (enable_load_extension is "
                        "missing); run the tools with Debian's /usr/bin/python3 (README \"not authorized\")")


def extension_file(ext):
    for s in ("", ".so", ".dylib", ".dll"):
        if os.path.isfile(ext + s):
            return ext + s
    return None


def missing_views(con):
    have = {r[0] for r in con.execute("SELECT name FROM sqlite_schema WHERE type = 'view'")}
    return [v for v in REQUIRED_VIEWS if v not in have]


def connect(db, ext=None, tool="revops", write=False, views=True, isolation_level=""):
    """An open connection to the database file db with the query extension
    loaded, extension loading off again and trusted_schema OFF; read-only
    unless write.  views: refuse (naming the command that fixes it) a
    database without the revops views, or with views older than the
    metric catalogue."""
    ext = ext or default_ext()
    if not os.path.isfile(db):
        raise ToolError("%s: no database %s (revops demo builds demo.db; revops import DB DIR loads yours)"
                        % (tool, db))
    check_python()
    if not extension_file(ext):
        raise ToolError("%s: no extension %s (run make, or give --ext PATH)" % (tool, ext))
    if write:
        con = sqlite3.connect(db, isolation_level=isolation_level)
    else:
        con = sqlite3.connect("file:%s?mode=ro" % urllib.parse.quote(os.path.abspath(db)), uri=True,
                              isolation_level=isolation_level)
    try:
        con.enable_load_extension(True)
        try:
            con.load_extension(ext)
        finally:
            con.enable_load_extension(False)
        con.execute("PRAGMA trusted_schema = OFF")
        if views:
            gone = missing_views(con)
            if gone:
                raise ToolError("%s: %s has no views%s; install them: revops install %s" % (
                    tool, db, "" if len(gone) == len(REQUIRED_VIEWS) else
                    " of this version (no %s)" % ", ".join(gone), db))
    except sqlite3.Error as e:
        con.close()
        raise ToolError("%s: %s: %s" % (tool, db, e))
    except BaseException:
        con.close()
        raise
    return con
