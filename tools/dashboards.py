"""tools/dashboards.py — read the persona dashboards of sql/dashboards/.

One file per persona (sql/dashboards/<persona>.sql).  Each query is headed
by comment lines, `-- name:` first:

    -- name: open_pipeline
    -- question: How much open pipeline is there? (seed 004, sales)
    -- chart: bar            (optional: kpi, table, bar, line, waterfall, funnel)
    -- x: stage              (optional chart hints: the label column ...
    -- y: amount             (... and the value column(s), comma-separated)
    SELECT ...;

    -- additive: deals, amount   (optional: columns that are sums, so a
                                  filtered total never exceeds the whole and
                                  the segments add up to it; the tests check)

Any other `-- key: value` line in the header is kept in Query.meta.  The
query runs to the next `-- name:` line or the end of the file and must be
exactly one SQL statement.  Queries take the shared filters as named
parameters :start_date, :end_date, :segment, :region, :channel and :as_of;
NULL means "all" (or, for :as_of, the as_of_date view's date).

This module is the one reader of that format: the terminal printer, the
HTML report, the Datasette metadata generator and the tests all use it.
Standard library only (Debian's python3).
"""
import os
import re
import sqlite3

FILTERS = ("start_date", "end_date", "segment", "region", "channel", "as_of")
_HEADER = re.compile(r"^--\s*([a-z_]+):\s?(.*?)\s*$")
_PARAM = re.compile(r"(?<![:\w]):([A-Za-z_]\w*)")


class Query:
    def __init__(self, persona, name, question, meta, sql, path, line):
        self.persona, self.name, self.question = persona, name, question
        self.meta, self.sql, self.path, self.line = meta, sql, path, line

    @property
    def additive(self):
        return [c.strip() for c in self.meta.get("additive", "").split(",") if c.strip()]

    @property
    def chart(self):
        return self.meta.get("chart", "table")

    def params(self):
        """The named parameters the statement uses, in order of first use."""
        seen = []
        for m in _PARAM.finditer(_strip_literals(self.sql)):
            if m.group(1) not in seen:
                seen.append(m.group(1))
        return seen

    def __repr__(self):
        return "Query(%s.%s)" % (self.persona, self.name)


def _strip_literals(sql):
    """SQL without its string literals and comments (so ':x' in a string is no parameter)."""
    return re.sub(r"'(?:[^']|'')*'|--[^\n]*|/\*.*?\*/", " ", sql, flags=re.S)


class FormatError(Exception):
    pass


def parse_file(path):
    persona = os.path.splitext(os.path.basename(path))[0]
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    queries, cur, body, in_header = [], None, [], False

    def close():
        if cur is None:
            return
        sql = "\n".join(body).strip()
        where = "%s:%d (%s)" % (path, cur["line"], cur["name"])
        if not sql:
            raise FormatError("%s: no SQL after the header" % where)
        if "question" not in cur["meta"]:
            raise FormatError("%s: no '-- question:' line" % where)
        if not sqlite3.complete_statement(sql):
            raise FormatError("%s: the SQL is not one complete statement" % where)
        meta = dict(cur["meta"])
        question = meta.pop("question")
        queries.append(Query(persona, cur["name"], question, meta, sql, path, cur["line"]))

    for i, line in enumerate(lines, 1):
        m = _HEADER.match(line)
        if m and m.group(1) == "name":
            close()
            cur, body, in_header = {"name": m.group(2), "meta": {}, "line": i}, [], True
            if not re.fullmatch(r"[a-z][a-z0-9_]*", cur["name"]):
                raise FormatError("%s:%d: query name %r is not lower_snake_case" % (path, i, m.group(2)))
            continue
        if cur is not None and in_header and m:
            key, val = m.group(1), m.group(2)
            if key in cur["meta"]:
                cur["meta"][key] += " " + val      # a repeated key continues the line
            else:
                cur["meta"][key] = val
            continue
        if cur is not None:
            in_header = False
            body.append(line)
    close()
    names = [q.name for q in queries]
    dup = {n for n in names if names.count(n) > 1}
    if dup:
        raise FormatError("%s: query names used twice: %s" % (path, ", ".join(sorted(dup))))
    return queries


def load(directory=None):
    """Every query of every persona file, personas in file-name order."""
    if directory is None:
        directory = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "sql", "dashboards")
    out = []
    for fn in sorted(os.listdir(directory)):
        if fn.endswith(".sql"):
            out.extend(parse_file(os.path.join(directory, fn)))
    return out


def open_readonly(path, ext, tool):
    """A read-only connection to the database at path with the extension
    loaded (the terminal printer and the report open it the same way); the
    tool's name starts the message when the file is missing."""
    if not os.path.exists(path):
        raise SystemExit("%s: no database %s (make demo builds demo.db)" % (tool, path))
    con = sqlite3.connect("file:%s?mode=ro" % path, uri=True)
    con.enable_load_extension(True)
    con.load_extension(ext)
    con.enable_load_extension(False)
    # The file is untrusted input: its views and triggers may call only
    # innocuous functions (docs/security.md).
    con.execute("PRAGMA trusted_schema = OFF")
    return con


def bind(query, values=None):
    """The parameter dict for a query: every parameter it uses, NULL unless given."""
    values = values or {}
    return {p: values.get(p) for p in query.params()}


# Columns whose fractions read as percentages (docs/conventions.md: rates
# are fractions).  A query can name more with `-- percent: col, col`.
RATE_NAME = re.compile(
    r"(^|_)(rate|rates|pct|percent|percentage|share|conversion|probability|confidence|"
    r"margin|nrr|grr|retention|roi|growth|yoy|qoq|attainment|mape|wape|accuracy|"
    r"compliance|benchmark|utilisation|utilization)(_|$)")


def rate_columns(query, cols, rows):
    """Columns a reader sees as percentages, for the terminal printer and the
    HTML report alike: named as rates (or listed in `-- percent:`), holding
    numbers that look like fractions (some not whole, none beyond +-100)."""
    listed = {c.strip() for c in query.meta.get("percent", "").split(",") if c.strip()}
    out = set()
    for i, c in enumerate(cols):
        if c in listed:
            out.add(c)
            continue
        if not RATE_NAME.search(c.lower()):
            continue
        vals = [r[i] for r in rows if r[i] is not None]
        if vals and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in vals) \
                and any(isinstance(v, float) for v in vals) and all(abs(v) <= 100 for v in vals):
            out.add(c)
    return out


def run(con, query, values=None):
    """(column names, rows) of one query on an open connection."""
    cur = con.execute(query.sql, bind(query, values))
    cols = [d[0] for d in cur.description] if cur.description else []
    return cols, cur.fetchall()


if __name__ == "__main__":
    import sys
    for q in load(sys.argv[1] if len(sys.argv) > 1 else None):
        print("%s\t%s\t%s\t%s" % (q.persona, q.name, ",".join(q.params()), q.question))
