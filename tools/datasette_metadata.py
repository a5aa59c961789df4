#!/usr/bin/python3
"""tools/datasette_metadata.py — Datasette canned queries from sql/dashboards/.

    python3 tools/datasette_metadata.py [--database demo] [--dashboards DIR]
        [--public] [-o datasette/metadata.json]
    python3 tools/datasette_metadata.py --urls [--base http://127.0.0.1:8001]

One canned query per dashboard query, named `<persona>_<name>`, so each is
served at a stable URL, /<database>/<persona>_<name>.json (docs/datasette.md).
Title "<Persona>: <Name>", description the seed question followed by each
metric column's label, unit and window from the metric catalogue
(sql/views/01_metrics.sql, docs/metrics.md), the SQL, and the
filter parameters it uses (:start_date, :end_date, :segment, :region,
:channel, :as_of), which Datasette shows as a form.

Datasette (0.64) binds a parameter the visitor leaves out as '' (the empty
string), where the dashboards mean NULL ("all").  So every parameter
reference in the canned SQL is written nullif(:name, ''): an empty or
missing field means all, exactly as NULL does in the shell.  :as_of is
read as NULL and is not a parameter of the canned queries: a canned query
cannot move the as-of every view reads (the dashboard pages of
datasette/plugins/revops_pages.py can).  Nothing else changes.  Each view's
metric columns carry the catalogue's label, unit and window as their
column description.

--public adds "allow_sql": false: visitors can run the canned queries and
nothing else (no SQL editor, no ?sql=), the setting docs/datasette.md
advises for a deployment others can reach.  --urls prints the JSON URL of
every query, per persona, as Markdown.  Standard library only.
"""
import argparse
import json
import os
import re
import sqlite3
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import dashboards  # noqa: E402  (the one reader of the dashboard format)
from report import humanize, persona_title  # noqa: E402

# Literals, quoted identifiers and comments are copied as they are; a
# parameter outside them is wrapped.
_TOKEN = re.compile(r"'(?:[^']|'')*'|\"(?:[^\"]|\"\")*\"|\[[^\]]*\]|`[^`]*`|--[^\n]*|/\*.*?\*/"
                    r"|(?<![:\w]):([A-Za-z_]\w*)", re.S)


def empty_means_null(sql, drop=()):
    """Every parameter read as nullif(:p, ''); a parameter of drop read as NULL."""
    def one(m):
        if not m.group(1):
            return m.group(0)
        return "NULL" if m.group(1) in drop else "nullif(:%s, '')" % m.group(1)
    return _TOKEN.sub(one, sql)


# A canned query cannot move the views' as-of (every view reads as_of_date,
# which only a write to settings moves): the served canned queries take no
# :as_of, it reads as NULL (the database's as-of), and a request giving
# ?as_of= is refused by datasette/plugins/revops_pages.py.  The dashboard
# pages /-/dashboards/<db>/<persona>?as_of= move it properly.
SERVED_WITHOUT = ("as_of",)


def query_name(q):
    return "%s_%s" % (q.persona, q.name)


def kept_views():
    """The views kept as derived tables (sql/views/99_derived.sql), read by
    running that file on an in-memory database: its list, not a copy."""
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "sql", "views", "99_derived.sql")
    con = sqlite3.connect(":memory:")
    try:
        con.executescript(open(path, encoding="utf-8").read())
        return [r[0] for r in con.execute("SELECT name FROM derived_views ORDER BY position")]
    finally:
        con.close()


def describe(q, cat):
    """The seed question, then what each metric column is: the catalogue's
    label, unit and window (revops_metrics), so the page says what it shows."""
    lines = ["%s: %s" % (col, dashboards.metric_caption(cat[mid]))
             for col, mid in q.metrics.items() if mid in cat]
    if not lines:
        return q.question
    return q.question + "\n\nColumns: " + "; ".join(lines) + "."


def tables_metadata(cat):
    """Per view: its metrics' columns described by the catalogue (label,
    unit, window); the derived tables' caches hidden (the served pages also
    refuse them: datasette/plugins/revops_pages.py)."""
    out = dict([(v + "_cache", {"hidden": True}) for v in kept_views()] + [("derived_tables", {"hidden": True}), ("derived_changes", {"hidden": True})])
    # A column is described by the metric that is the column itself (its
    # formula the bare column: a row's amount), else by the first per-row
    # metric computed from it (a per-account total of it describes less).
    for mid, m in sorted(cat.items(), key=lambda kv: ((kv[1]["formula"] or "").strip() != kv[1]["value_column"], kv[0])):
        if not (m["source_view"] and m["value_column"]) or (m["grain"] or "").startswith("aggregate"):
            continue
        t = out.setdefault(m["source_view"], {})
        cols = t.setdefault("columns", {})
        cols.setdefault(m["value_column"], "%s: %s" % (dashboards.metric_caption(m), m["description"]))
    return out


def metadata(queries, database="demo", public=False, cat=None):
    cat = dashboards.catalogue_from_file() if cat is None else cat
    canned = {}
    for q in queries:
        name = query_name(q)
        if name in canned:
            raise SystemExit("datasette_metadata: two queries named %s" % name)
        canned[name] = {
            "title": "%s: %s" % (persona_title(q.persona), humanize(q.name)),
            "description": describe(q, cat),
            "sql": empty_means_null(q.sql, SERVED_WITHOUT),
            "params": [p for p in q.params() if p not in SERVED_WITHOUT],
            "hide_sql": True,       # the page opens on the form and the result; "show" reveals the SQL
        }
    meta = {
        "title": "revops",
        "description": "Revenue operations as SQL: the persona dashboards of sql/dashboards/ as canned "
                       "queries. Leave a filter empty for all; dates are YYYY-MM-DD.",
        "source": "revops sql/dashboards",
        "databases": {database: {
            "description_html": '<a href="/-/dashboards/%s">The persona dashboards</a>: every query below as a page '
                                'with filters, KPI cards and charts (docs/datasette.md).' % database,
            "queries": canned,
            # the derived tables' caches and state (docs/views.md "Derived
            # tables"): read through their views, not listed beside the data
            "tables": tables_metadata(cat),
        }},
    }
    if public:
        meta["allow_sql"] = False
    return meta


def urls(queries, database="demo", base="http://127.0.0.1:8001"):
    lines, persona = [], None
    for q in queries:
        if q.persona != persona:
            persona = q.persona
            lines.append("\n**%s** (`sql/dashboards/%s.sql`)\n" % (persona_title(persona), persona))
        lines.append("- `%s/%s/%s.json`" % (base, database, query_name(q)))
    return "\n".join(lines).lstrip("\n") + "\n"


def main(argv=None):
    ap = argparse.ArgumentParser(description="Datasette metadata (canned queries) from the persona dashboards.")
    ap.add_argument("--dashboards", help="directory of <persona>.sql files (default sql/dashboards)")
    ap.add_argument("--database", default="demo", help="the database name: the file name without .db (default demo)")
    ap.add_argument("--public", action="store_true", help='add "allow_sql": false (canned queries only)')
    ap.add_argument("--urls", action="store_true", help="print the JSON URLs per persona as Markdown instead")
    ap.add_argument("--base", default="http://127.0.0.1:8001")
    ap.add_argument("-o", "--output", help="write here (default standard output)")
    a = ap.parse_args(argv)
    d = a.dashboards or os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "sql", "dashboards")
    if not os.path.isdir(d):
        ap.error("no dashboards directory %s" % d)
    queries = dashboards.load(d)
    text = urls(queries, a.database, a.base) if a.urls else \
        json.dumps(metadata(queries, a.database, a.public), indent=2, ensure_ascii=False) + "\n"
    if a.output:
        os.makedirs(os.path.dirname(os.path.abspath(a.output)), exist_ok=True)
        with open(a.output, "w", encoding="utf-8") as f:
            f.write(text)
        print("datasette_metadata: %d canned queries -> %s" % (len(queries), a.output), file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
