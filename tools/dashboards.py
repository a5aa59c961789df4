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

Metric columns.  Every column of a query's result is either a metric of
the catalogue (the revops_metrics view, sql/views/01_metrics.sql) or a
dimension, and the header says which:

    -- metrics: deals=open_deals, amount=open_pipeline, win_rate_12m
                          (column=metric_id; a bare name is a column whose
                           metric id is the same name)
    -- dimensions: rank, year   (numeric columns that are not metrics:
                           positions, labels written as numbers)
    -- ignores: channel     (filters the query takes as parameters but
                           does not apply to every figure; each is named
                           in the panel's filters_ignored when set)

A filter the query does not take as a parameter is ignored by it, and is
named in its filters_ignored when set; as_of never is (it reaches every
view, below).  tests/dashboards/catalogue.py
checks that every numeric column of every panel is one or the other, that
every id exists and that every id of the catalogue is used.

The run of one persona, as every consumer (terminal printer, HTML report,
Datasette metadata, tests) reads it:

    con = dashboards.connect("demo.db", "dist/revops")
    d = dashboards.run_persona(con, "sales", {"segment": "smb"})
    d == {"persona": "sales", "as_of": "2026-03-01",
          "filters": {"start_date": None, ..., "segment": "SMB", ...},
          "missing_sources": [table, ...],   # SOURCES with no row
          "panels": [{"name", "question", "chart", "columns", "rows",
                      "metrics": {column: metric_id},
                      "filters_ignored": [filter, ...],
                      "error": None or the message}, ...],
          "catalogue": {metric_id: {label, unit, format, window, ...}},
          "failures": number of panels whose error is not None}

`make dashboard PERSONA=p ARGS='--format json'` prints that object.
run_persona raises FilterError (naming the filter, the value as typed and
the valid values) before it runs anything when a filter value does not
exist; a value matching an existing one but for case is taken as that
one.  A panel that fails carries its error and the others still run.
format_value(value, metric) writes a value as its metric's unit and
format say (docs/metrics.md "Units and formats").

Dates: :as_of is the one as-of date.  Given and different from the
database's (the as_of_date view), run_persona sets it in `settings` inside
a transaction it rolls back at the end, so every view (windows, ages,
insight cards, alerts) reads the same date as the queries' :as_of; on a
read-only connection it cannot, and it refuses (FilterError) rather than
show panels on two dates.

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

    def _list(self, key):
        return [c.strip() for c in self.meta.get(key, "").split(",") if c.strip()]

    @property
    def metrics(self):
        """{column: metric id} from the `-- metrics:` line."""
        out = {}
        for item in self._list("metrics"):
            col, eq, mid = item.partition("=")
            out[col.strip()] = (mid if eq else col).strip()
        return out

    @property
    def dimensions(self):
        return self._list("dimensions")

    def filters_ignored(self, values):
        """The set filters (of FILTERS) this query does not apply."""
        params, partial = self.params(), set(self._list("ignores"))
        # as_of reaches every panel through the views (run_persona sets it)
        return [f for f in FILTERS if f != "as_of" and (values or {}).get(f) is not None
                and (f not in params or f in partial)]

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


def open_readonly(path, ext, tool, views=True):
    """A read-only connection to the database at path with the extension
    loaded (every tool opens it the same way: tools/common.py connect,
    which names what is missing, e.g. "run revops install DB")."""
    import common
    return common.connect(path, ext, tool, views=views)


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


# ------------------------------------------------------------ the catalogue
CATALOGUE_COLUMNS = ("metric_id", "label", "description", "formula", "kind", "source_view",
                     "value_column", "unit", "format", "window", "grain", "filters",
                     "direction", "seed")


def catalogue(con):
    """{metric_id: {column: value}} read from the revops_metrics view."""
    cur = con.execute("SELECT %s FROM revops_metrics" % ", ".join(CATALOGUE_COLUMNS))
    return {r[0]: dict(zip(CATALOGUE_COLUMNS, r)) for r in cur}


UNITS = ("currency", "percent", "ratio", "count", "days", "hours", "minutes", "months", "score", "text", "date")


def format_value(v, metric=None):
    """One value as its metric's unit and format say: currency with
    thousands separators and cents, percent as value x 100 with a % sign,
    counts as integers, ratios, days, hours and scores with the format's
    decimals.  A non-zero value never reads as zero: decimals are added
    until a digit shows (Herfindahl 0.0021 is "0.0021", not "0.00").
    `format` is "<decimals>" or empty for the unit's default."""
    if v is None:
        return "-"
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        return str(v)
    if isinstance(v, float) and (v != v or v in (float("inf"), float("-inf"))):
        return str(v)
    unit = (metric or {}).get("unit") or ""
    fmt = (metric or {}).get("format") or ""
    default = {"currency": 2, "percent": 1, "ratio": 2, "count": 0, "days": 1, "hours": 1,
               "minutes": 0, "months": 1, "score": 1}.get(unit)
    if fmt.isdigit():
        places = int(fmt)
    elif default is not None:
        places = default
    else:
        places = 0 if isinstance(v, int) else 2
    x = v * 100 if unit == "percent" else v
    if isinstance(v, int) and unit != "percent":
        places = 0              # a whole number stays whole (25 days, 3 deals)
    while places < 8 and x != 0 and round(abs(x), places) == 0:
        places += 1
    text = "{:,.{p}f}".format(x, p=places)
    if unit == "percent":
        text += "%"
    return text


def metric_caption(metric):
    """'Label (unit, window)' as a panel shows it beside a value."""
    if not metric:
        return ""
    bits = [b for b in (metric.get("unit"), metric.get("window")) if b and b not in ("text", "date")]
    return "%s (%s)" % (metric["label"], ", ".join(bits)) if bits else metric["label"]


# ---------------------------------------------------------------- filters
class FilterError(ValueError):
    pass


# Where each filter's valid values come from (the dimension values the
# data has); dates must be calendar dates.
_FILTER_VALUES = {
    "segment": "SELECT DISTINCT segment FROM accounts WHERE segment IS NOT NULL",
    "region": "SELECT DISTINCT region FROM accounts WHERE region IS NOT NULL",
    "channel": ("SELECT channel FROM leads WHERE channel IS NOT NULL UNION "
                "SELECT channel FROM opportunities WHERE channel IS NOT NULL UNION "
                "SELECT channel FROM marketing_spend WHERE channel IS NOT NULL"),
}


def filter_choices(con, name):
    """The valid values of a dimension filter (segment, region, channel): the data's own."""
    return sorted(r[0] for r in con.execute(_FILTER_VALUES[name]))


def _is_date(v):
    import datetime
    try:
        return bool(re.fullmatch(r"\d{4}-\d{2}-\d{2}", v)) and bool(datetime.date.fromisoformat(v))
    except (TypeError, ValueError):
        return False


def apply_filters(con, values):
    """The filters as applied: every key of FILTERS, None when unset,
    dimension values matched to the data's spelling (case-insensitive),
    dates checked.  Raises FilterError naming the filter, the value as
    typed and the valid values."""
    out = {f: None for f in FILTERS}
    for k, v in (values or {}).items():
        if k not in FILTERS:
            out[k] = v          # a query's own parameter (account_id, ...)
            continue
        if v is None or v == "":
            continue
        if k in _FILTER_VALUES:
            have = filter_choices(con, k)
            match = [h for h in have if h == v] or [h for h in have if str(h).lower() == str(v).strip().lower()]
            if not match:
                raise FilterError("filter %s: no %s %r in the data (valid values: %s)"
                                  % (k, k, v, ", ".join(map(str, have)) or "none"))
            out[k] = match[0]
        else:
            if not _is_date(v):
                raise FilterError("filter %s: %r is not a date YYYY-MM-DD" % (k, v))
            out[k] = v
    if out["start_date"] and out["end_date"] and out["start_date"] > out["end_date"]:
        raise FilterError("filter start_date: %r is after end_date %r" % (out["start_date"], out["end_date"]))
    return out


def as_of_of(con):
    return con.execute("SELECT as_of FROM as_of_date").fetchone()[0]


def connect(path, ext, tool="dashboards", as_of=None):
    """A connection for run_persona: read-only, or read-write when as_of is
    given and differs from the database's (run_persona then sets it in a
    transaction it rolls back: nothing is written).  trusted_schema OFF."""
    import common
    con = open_readonly(path, ext, tool)
    try:
        current = as_of_of(con)
    except sqlite3.Error:
        return con
    if as_of and as_of != current:
        con.close()
        con = common.connect(path, ext, tool, write=True, isolation_level=None)
    return con


def persona_queries(persona, directory=None):
    if directory is None:
        directory = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "sql", "dashboards")
    path = os.path.join(directory, persona + ".sql")
    if not os.path.exists(path):
        have = sorted(os.path.splitext(f)[0] for f in os.listdir(directory) if f.endswith(".sql"))
        raise FilterError("no persona %r (have: %s)" % (persona, ", ".join(have)))
    return parse_file(path)


def run_panels(con, queries, values, cat=None):
    """Each query run with the filters (already applied), as panel dicts."""
    panels = []
    for q in queries:
        p = {"name": q.name, "question": q.question, "chart": q.chart, "columns": [], "rows": [],
             "metrics": {}, "filters_ignored": q.filters_ignored(values), "error": None}
        try:
            cols, rows = run(con, q, values)
            p["columns"], p["rows"] = cols, [list(r) for r in rows]
            p["metrics"] = {c: m for c, m in q.metrics.items() if c in cols}
        except sqlite3.Error as e:
            p["error"] = "%s:%d (%s): %s" % (os.path.relpath(q.path), q.line, q.name, e)
        panels.append(p)
    return panels


# The source tables figures need, and what reads empty without them
# (issue 22: empty is not zero, and the pages say which data is missing).
SOURCES = (("accounts", "accounts"), ("opportunities", "deals: pipeline, bookings, win rates"),
           ("subscriptions", "subscriptions: MRR, ARR, retention"), ("invoices", "invoices: billing"),
           ("marketing_spend", "marketing spend: CAC, ROI"), ("leads", "leads: the funnel"),
           ("support_tickets", "support tickets: SLA, service"), ("survey_responses", "surveys: NPS, CSAT"),
           ("quotas", "quotas: attainment, coverage"))


def missing_sources(con):
    """The SOURCES with no row (or no table) in this database, in order:
    [(table, what needs it)]."""
    out = []
    for table, what in SOURCES:
        try:
            has = con.execute('SELECT EXISTS (SELECT 1 FROM "%s")' % table).fetchone()[0]
        except sqlite3.Error:
            has = 0
        if not has:
            out.append((table, what))
    return out


def run_persona(con, persona, values=None, directory=None, queries=None):
    """The JSON structure of one persona's dashboard (module docstring)."""
    if queries is None:
        queries = persona_queries(persona, directory)
    applied = apply_filters(con, values)
    current = as_of_of(con)
    moved = applied["as_of"] is not None and applied["as_of"] != current
    if moved:
        try:
            con.execute("BEGIN IMMEDIATE")
            con.execute("INSERT OR REPLACE INTO settings (key, value) VALUES ('as_of', ?)", (applied["as_of"],))
        except sqlite3.Error as e:
            if con.in_transaction:
                con.execute("ROLLBACK")
            raise FilterError("filter as_of: %r differs from the database's as-of %s and this connection "
                              "cannot set it (%s; open it with dashboards.connect(..., as_of=...))"
                              % (applied["as_of"], current, e))
    try:
        cat = catalogue(con)
        panels = run_panels(con, queries, applied, cat)
        as_of = as_of_of(con)
    finally:
        if moved:
            con.execute("ROLLBACK")
    used = sorted({m for p in panels for m in p["metrics"].values()})
    return {"persona": persona, "as_of": as_of, "filters": {k: applied[k] for k in FILTERS},
            "missing_sources": [t for t, _ in missing_sources(con)],
            "panels": panels, "catalogue": {m: cat[m] for m in used if m in cat},
            "failures": sum(1 for p in panels if p["error"])}


# ------------------------------------------------------------ docs/metrics.md
ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
CATALOGUE_SQL = os.path.join(ROOT, "sql", "views", "01_metrics.sql")
CARD_METRICS_SQL = os.path.join(ROOT, "sql", "views", "02_card_metrics.sql")
METRICS_DOC = os.path.join(ROOT, "docs", "metrics.md")


def catalogue_from_file(path=CATALOGUE_SQL):
    """The catalogue read from its SQL file on an in-memory database (the
    view is plain VALUES: no extension, no data needed)."""
    con = sqlite3.connect(":memory:")
    try:
        con.executescript(open(path, encoding="utf-8").read())
        return catalogue(con)
    finally:
        con.close()


_DOC_HEAD = """# Metrics

<!-- Generated from the revops_metrics view (sql/views/01_metrics.sql) and
the `-- metrics:` lines of sql/dashboards/ by `make regen`
(python3 tools/dashboards.py --write-metrics-doc); the dashboards test
fails when this file and the catalogue differ.  Edit those, not this. -->

Every number a page shows is a metric of the catalogue, `revops_metrics`,
installed with the views and queryable from every client:

```
SELECT metric_id, label, unit, window FROM revops_metrics WHERE metric_id = 'win_rate_12m';
```

One row per metric: `metric_id`, `label`, `description` (one sentence),
`formula`, `kind` (simple, ratio, derived, balance), `source_view` and
`value_column` (where it is computed), `unit` (currency, percent, ratio,
count, days, hours, minutes, months, score), `format` (decimals shown),
`window`, `grain` (a row's attribute such as a deal's amount, or an
aggregate over the panel's rows), `filters` (the shared filters it can be
cut by), `direction` (higher is better, lower is better, neutral) and
`seed` (the seed line it answers).  Two definitions have two ids and two
labels; no label stands for two definitions.

## How a dashboard names its metrics

Each query of `sql/dashboards/<persona>.sql` says which metric every
numeric column is (tools/dashboards.py reads it):

```
-- name: sales_kpis
-- question: ...
-- metrics: open_opportunities=open_deals, pipeline_value=open_pipeline, weighted_pipeline
-- dimensions: rank            (numeric columns that are not metrics)
-- ignores: channel            (filters taken but not applied to every figure)
```

`column=metric_id`, or a bare name when the column's name is the id.  A
filter the query does not take is ignored by it; the panel names it in
`filters_ignored` and the printer and report say so on the panel.

## The dashboard structure

`make dashboard PERSONA=p ARGS='--format json'` prints, and
`dashboards.run_persona(con, persona, filters)` returns, one object:
`persona`, `as_of`, `filters` (as applied: every shared filter, NULL when
unset, values matched case-insensitively to the data's spelling),
`panels` (each `name`, `question`, `chart`, `columns`, `rows`, `metrics`
column -> metric id, `filters_ignored`, `error` null or the message),
`catalogue` (the used metrics' rows), `failures` (panels whose error is
not null) and `missing_sources` (the source tables with no row: figures
that need them are empty, not zero, and the printer and the report say
which data is not loaded).  An unknown filter value is an error naming the filter, the
value as typed and the valid values.  `dashboards.format_value(value,
metric)` writes a value as its metric's unit and format say; a non-zero
value never shows as 0 (decimals are added until a digit shows).  The
terminal printer, the HTML report, the Datasette metadata and the tests
all read this structure.

## Windows

One convention, defined once in the `as_of_calendar` view beside
`as_of_date` (sql/views/00_as_of.sql), which the views read:

| window | dates d | as_of_calendar columns |
|---|---|---|
| as-of snapshot | the state on the as-of date | `as_of` |
| trailing N months to as-of | `date(as_of, '-N months') < d <= as_of` | `trailing_12m_after` (and 1, 3, 6, 24) |
| quarter to date | `quarter_start <= d <= as_of` | `quarter_start` |
| the same days of the prior quarter | `prior_quarter_start <= d <= prior_quarter_same_day` | `prior_quarter_start`, `prior_quarter_same_day` |
| current quarter | `quarter_start <= d < next_quarter_start` | `next_quarter_start` |
| last month-end before as-of | the MRR engine's month-end snapshot of the last month that has ended | `revenue_calendar.month` |

The as-of date is the `settings` row `as_of`, else the day after the
latest dated fact; no view reads the machine's clock.  A dashboard's
`:as_of` is the views' as-of: given another date, tools/dashboards.py sets
it in a transaction it rolls back, so every panel, insight and alert reads
that date.  A time series marks the period holding the as-of date with
`is_partial = 1`; the report draws it hatched, and period-over-period
figures compare like with like (quarter to date against the same days of
the prior quarter).

## Units and formats

| unit | stored as | shown as |
|---|---|---|
| currency | a number in the data's currency | 1,234.56 |
| percent | a fraction (0.25) | 25.0% |
| ratio | a number (3.2x coverage, LTV:CAC) | 3.20 |
| count | an integer | 1,234 |
| days, hours, minutes, months | a number | 12.5 |
| score | a number on the metric's scale (0-100, NPS -100..100, CSAT 1-5) | 72.5 |

"""


def card_metrics_from_file(path=CARD_METRICS_SQL):
    """(source, rule, data_key, metric_id) of revops_card_metrics, read
    from its SQL file (plain VALUES): which insight card and alert figures
    are which metric."""
    con = sqlite3.connect(":memory:")
    try:
        con.executescript(open(path, encoding="utf-8").read())
        return con.execute("SELECT source, rule, data_key, metric_id FROM revops_card_metrics ORDER BY 1, 2, 3").fetchall()
    finally:
        con.close()


def metrics_markdown(cat=None, queries=None):
    """docs/metrics.md as text, from the catalogue and the dashboards."""
    cat = catalogue_from_file() if cat is None else cat
    queries = load() if queries is None else queries
    used = {}
    for q in queries:
        for col, mid in q.metrics.items():
            used.setdefault(mid, []).append("%s.%s" % (q.persona, q.name))
    for source, rule, key, mid in card_metrics_from_file():
        used.setdefault(mid, []).append("%s %s.%s" % ("insight card" if source == "insight" else "alert", rule, key))
    out = [_DOC_HEAD, "## The metrics\n\n%d metrics, by the view or table that computes them.\n" % len(cat)]
    by_view = {}
    for mid, m in sorted(cat.items()):
        by_view.setdefault(m["source_view"] or "(none)", []).append(m)
    for view in sorted(by_view):
        out.append("## Computed in `%s`\n" % view)
        for m in by_view[view]:
            out.append("#### %s\n" % m["metric_id"])
            out.append("**%s** (%s, %s). %s\n" % (m["label"], m["unit"], m["window"], m["description"]))
            out.append("- formula: `%s`" % m["formula"].replace("`", "'"))
            out.append("- kind %s, grain %s, %s; source `%s%s`" % (
                m["kind"], m["grain"], m["direction"], m["source_view"], "." + m["value_column"] if m["value_column"] else ""))
            out.append("- filters: %s" % m["filters"])
            if m["seed"]:
                out.append("- seed: %s" % m["seed"])
            out.append("- shown by: %s\n" % (", ".join(sorted(set(used.get(m["metric_id"], [])))) or "(no panel)"))
    return "\n".join(out).rstrip() + "\n"


if __name__ == "__main__":
    import sys
    if sys.argv[1:] == ["--write-metrics-doc"]:
        with open(METRICS_DOC, "w", encoding="utf-8") as f:
            f.write(metrics_markdown())
        print("dashboards: wrote %s" % os.path.relpath(METRICS_DOC))
    elif sys.argv[1:] == ["--check-metrics-doc"]:
        ok = open(METRICS_DOC, encoding="utf-8").read() == metrics_markdown()
        print("docs/metrics.md is %s" % ("current" if ok else "out of date: make regen"))
        sys.exit(0 if ok else 1)
    else:
        for q in load(sys.argv[1] if len(sys.argv) > 1 else None):
            print("%s\t%s\t%s\t%s" % (q.persona, q.name, ",".join(q.params()), q.question))

