#!/usr/bin/python3
"""Write sql/import/import.sql from sql/schema.sql and sql/import/presets.sql.

    python3 sql/import/gen_import.py            # rewrite import.sql
    python3 sql/import/gen_import.py --check    # exit 1 if it is out of date

Why generate: the import must turn CSV text into typed values and reject a
row with a reason per column *before* the row reaches a STRICT table (one
failing row would otherwise abort the whole INSERT).  The rules are those of
the schema itself: declared types, NOT NULL, defaults, primary keys, foreign
keys (read with PRAGMAs) and the CHECK constraints, which schema.sql writes
in a few fixed shapes (x IN (...), x BETWEEN a AND b, x >= a, x IS date(x),
...).  Generating the SQL from the schema keeps the two from drifting, and
the result is plain SQL that any client can run: the sqlite3 shell, Python's
executescript, an ODBC tool.  The output is committed; tests/run.sh checks it
is up to date.
"""
import os
import re
import sqlite3
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
SCHEMA = os.path.join(ROOT, "sql", "schema.sql")
PRESETS = os.path.join(HERE, "presets.sql")
OUT = os.path.join(HERE, "import.sql")

SKIP = {"import_runs", "import_summary", "import_rejects"}


def lit(s):
    """A SQL string literal."""
    return "'" + s.replace("'", "''") + "'"


def split_top(body):
    """Split a CREATE TABLE body at top-level commas, dropping comments."""
    items, cur, depth, i = [], [], 0, 0
    while i < len(body):
        ch = body[i]
        if body.startswith("--", i):
            j = body.find("\n", i)
            i = len(body) if j < 0 else j
            continue
        if ch == "'":
            j = i + 1
            while True:
                j = body.index("'", j)
                if body.startswith("''", j):
                    j += 2
                    continue
                break
            cur.append(body[i:j + 1])
            i = j + 1
            continue
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        if ch == "," and depth == 0:
            items.append("".join(cur).strip())
            cur = []
        else:
            cur.append(ch)
        i += 1
    if "".join(cur).strip():
        items.append("".join(cur).strip())
    return items


def checks_in(text):
    """Every CHECK (...) expression in a column or table item."""
    out = []
    for m in re.finditer(r"\bCHECK\s*\(", text):
        depth, j = 1, m.end()
        while depth:
            if text[j] == "'":
                j = text.index("'", j + 1) + 1
                continue
            depth += {"(": 1, ")": -1}.get(text[j], 0)
            j += 1
        out.append(" ".join(text[m.end():j - 1].split()))
    return out


NUM = r"-?\d+(?:\.\d+)?"


def classify(col, expr):
    """What a column CHECK says, as (kind, data)."""
    c = re.escape(col)
    if re.fullmatch(rf"{c} IS date\({c}, '\+0 days'\)", expr):
        return ("date", None)
    if re.fullmatch(rf"{c} IS datetime\({c}, '\+0 days'\)", expr):
        return ("datetime", None)
    if re.fullmatch(rf"{c} IS strftime\('%Y-%m', {c} \|\| '-01'\)", expr):
        return ("month", None)
    m = re.fullmatch(rf"{c} IN \((.*)\)", expr)
    if m:
        items = [x.strip() for x in m.group(1).split(",")]
        if items == ["0", "1"]:
            return ("bool", None)
        if all(x.startswith("'") for x in items):
            return ("enum", [x[1:-1].replace("''", "'") for x in items])
    m = re.fullmatch(rf"{c} BETWEEN ({NUM}) AND ({NUM})", expr)
    if m:
        return ("between", (m.group(1), m.group(2)))
    m = re.fullmatch(rf"{c} (>=|>|<=|<) ({NUM})", expr)
    if m:
        return ("bound", (m.group(1), m.group(2)))
    return ("generic", expr)


class Column:
    def __init__(self, name, decl, notnull, dflt, pk):
        self.name, self.decl, self.notnull, self.dflt, self.pk = name, decl.upper(), notnull, dflt, pk
        self.kind = {"INTEGER": "int", "REAL": "real"}.get(self.decl, "text")
        self.checks = []   # (kind, data) other than the type-giving ones
        self.fk = None     # (table, column)

    @property
    def required(self):
        return self.pk > 0 or (self.notnull and self.dflt is None)


def load_schema():
    db = sqlite3.connect(":memory:")
    db.executescript(open(SCHEMA).read())
    tables = {}
    for (name, sql) in db.execute(
            "SELECT name, sql FROM sqlite_schema WHERE type = 'table' ORDER BY rowid"):
        if name in SKIP or name.startswith("sqlite_"):
            continue
        cols = [Column(r[1], r[2], r[3], r[4], r[5])
                for r in db.execute(f"SELECT * FROM pragma_table_info({lit(name)})")]
        byname = {c.name: c for c in cols}
        body = sql[sql.index("(") + 1:sql.rindex(")")]
        tchecks = []
        for item in split_top(body):
            first = item.split()[0]
            if first in byname:
                col = byname[first]
                for expr in checks_in(item):
                    k = classify(col.name, expr)
                    if k[0] in ("date", "datetime", "month", "bool"):
                        col.kind = k[0]
                    else:
                        col.checks.append(k)
            elif first.upper() == "CHECK":
                tchecks.extend(checks_in(item))
        for r in db.execute(f"SELECT \"table\", \"from\", \"to\" FROM pragma_foreign_key_list({lit(name)})"):
            byname[r[1]].fk = (r[0], r[2])
        tables[name] = (cols, tchecks)
    # Load order: parents before children (self references aside).
    order, seen = [], set()

    def visit(t):
        if t in seen:
            return
        seen.add(t)
        for c in tables[t][0]:
            if c.fk and c.fk[0] != t:
                visit(c.fk[0])
        order.append(t)
    for t in tables:
        visit(t)
    return tables, order


# ---------------------------------------------------------------- pieces

def conv(c):
    """Typed value of column c from its trimmed text r_<c> (NULL when the
    text does not convert)."""
    r = f"r_{c.name}"
    if c.kind == "text":
        enum = [d for k, d in c.checks if k == "enum"]
        if enum:
            # Enumerations match without regard to case and take the
            # canonical spelling: 'enterprise' loads as 'Enterprise'.
            whens = " ".join(f"WHEN {lit(v.lower())} THEN {lit(v)}" for v in enum[0])
            return f"CASE lower({r}) {whens} ELSE {r} END"
        return r
    if c.kind == "real":
        return (f"CASE WHEN json_valid({r}) AND json_type({r}) IN ('integer', 'real') "
                f"AND abs(CAST({r} AS REAL)) <= 1e15 THEN CAST({r} AS REAL) END")
    if c.kind == "int":
        return (f"CASE WHEN NOT json_valid({r}) THEN NULL WHEN json_type({r}) = 'integer' THEN CAST({r} AS INTEGER) "
                f"WHEN json_type({r}) = 'real' AND CAST({r} AS REAL) = CAST(CAST({r} AS REAL) AS INTEGER) "
                f"AND abs(CAST({r} AS REAL)) < 9e15 THEN CAST(CAST({r} AS REAL) AS INTEGER) END")
    if c.kind == "bool":
        return (f"CASE lower({r}) WHEN '1' THEN 1 WHEN 'true' THEN 1 WHEN 'yes' THEN 1 WHEN 't' THEN 1 WHEN 'y' THEN 1 "
                f"WHEN '0' THEN 0 WHEN 'false' THEN 0 WHEN 'no' THEN 0 WHEN 'f' THEN 0 WHEN 'n' THEN 0 END")
    if c.kind in ("date", "datetime"):
        fn = c.kind
        # The calendar check: date(x, '+0 days') normalises 02-30 to 03-01.
        return (f"CASE WHEN {r} GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*' "
                f"AND date(substr({r}, 1, 10), '+0 days') = substr({r}, 1, 10) THEN {fn}({r}, '+0 days') END")
    if c.kind == "month":
        return (f"CASE WHEN {r} GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]' "
                f"AND strftime('%Y-%m', {r} || '-01') = {r} THEN {r} END")
    raise ValueError(c.kind)


HOW = {
    "real": "is not a number (write a plain number such as 1200.50: no currency sign, no thousands separator)",
    "int": "is not a whole number",
    "bool": "is not a yes/no value (use 1/0, true/false or yes/no)",
    "date": "is not a valid date (use YYYY-MM-DD)",
    "datetime": "is not a valid date and time (use YYYY-MM-DD HH:MM:SS, UTC)",
    "month": "is not a valid month (use YYYY-MM)",
}


def shown(r):
    """The offending text in a message: quoted, cut at 60 characters."""
    return f"'''' || substr({r}, 1, 60) || ''''"


def reasons(table, cols, tchecks):
    """SQL expressions, in order, each giving a reason or NULL."""
    out = []
    for c in cols:
        r, v, h = f"r_{c.name}", f"v_{c.name}", f"h_{c.name}"
        if c.required:
            out.append(f"CASE WHEN NOT {h} THEN {lit('missing required column ' + c.name)} END")
            out.append(f"CASE WHEN {r} IS NULL THEN {lit(c.name + ' is empty (required)')} END")
        if c.kind in HOW:
            out.append(f"CASE WHEN {r} IS NOT NULL AND {v} IS NULL THEN "
                       f"{lit(c.name + ': ')} || {shown(r)} || {lit(' ' + HOW[c.kind])} END")
        for kind, data in c.checks:
            if kind == "enum":
                out.append(f"CASE WHEN {v} NOT IN ({', '.join(lit(x) for x in data)}) THEN "
                           f"{lit(c.name + ': ')} || {shown(r)} || {lit(' is not one of ' + ', '.join(data))} END")
            elif kind == "between":
                lo, hi = data
                hint = ""
                if (lo, hi) == ("0", "1"):
                    hint = (f" || CASE WHEN {v} > 1 AND {v} <= 100 THEN ' (a fraction: divide percentages by 100)' "
                            f"ELSE '' END")
                out.append(f"CASE WHEN {v} NOT BETWEEN {lo} AND {hi} THEN {lit(c.name + ': ')} || {shown(r)} || "
                           f"{lit(f' is not between {lo} and {hi}')}{hint} END")
            elif kind == "bound":
                op, n = data
                out.append(f"CASE WHEN NOT ({v} {op} {n}) THEN {lit(c.name + ': ')} || {shown(r)} || "
                           f"{lit(f' must be {op} {n}')} END")
            else:
                expr = re.sub(rf"\b{re.escape(c.name)}\b", v, data)
                out.append(f"CASE WHEN NOT ({expr}) THEN {lit(c.name + ': ')} || {shown(r)} || "
                           f"{lit(' breaks CHECK (' + data + ')')} END")
    names = sorted((c.name for c in cols), key=len, reverse=True)
    for expr in tchecks:
        e = expr
        for n in names:
            e = re.sub(rf"(?<![\w.]){re.escape(n)}\b", f"v_{n}", e)
        out.append(f"CASE WHEN NOT ({e}) THEN {lit('breaks CHECK (' + expr + ')')} END")
    return out


def table_sql(t, cols, tchecks):
    pk = [c for c in sorted(cols, key=lambda c: c.pk) if c.pk]
    names = [c.name for c in cols]
    L = []
    a = L.append
    a(f"-- ================================================================ {t}")
    a(f"DROP TABLE IF EXISTS temp.imp_{t};")
    a(f"CREATE TEMP TABLE imp_{t} AS")
    # Canonical files are read with revops_csv's named-columns form (plain
    # values, no JSON per row); rows from presets arrive as JSON records.
    # h_<col>: the file has the column (absent columns keep what the table
    # holds); r_<col>: its trimmed text, NULL when empty.
    if len(names) > 64:
        raise ValueError(f"{t}: revops_csv hands out at most 64 named columns")
    # Measured (docs/performance.md): computing the text columns inline and
    # materialising only the typed values is the fastest of the four ways.
    a("WITH txt AS NOT MATERIALIZED (")
    a("  SELECT f.file, c.line, c.raw, c.error, 0 AS derived,")
    a(",\n".join(f"    (c.missing IS NULL OR instr(c.missing, ' {n} ') = 0) AS h_{n}, "
                 f"nullif(trim(c.c{i + 1}), '') AS r_{n}" for i, n in enumerate(names)))
    a(f"  FROM temp.imp_files AS f, revops_csv(f.path, {lit(' '.join(names))}) AS c")
    a(f"  WHERE f.tbl = {lit(t)} AND f.preset IS NULL AND c.header = 0")
    a("  UNION ALL")
    a("  SELECT file, line, raw, error, derived,")
    a(",\n".join(f"    json_type(record, '$.{n}') IS NOT NULL, "
                 f"nullif(trim(json_extract(record, '$.{n}')), '')" for n in names))
    a(f"  FROM temp.imp_preset_rows WHERE tbl = {lit(t)}")
    a("), typed AS MATERIALIZED (")
    a("  SELECT *,")
    a(",\n".join(f"    {conv(c)} AS v_{c.name}" for c in cols))
    a("  FROM txt")
    a(")")
    a("SELECT file, line, raw, derived, " + ", ".join(f"h_{n}, v_{n}" for n in names) + ", coalesce(error,")
    a(",\n".join("  " + x for x in reasons(t, cols, tchecks)) + ") AS reason")
    a("FROM typed;")
    # Foreign keys: parents were loaded first, so the table itself is the
    # reference (plus this file's own rows for a self reference, looked up
    # through an index so that a big file is not scanned once per row).
    for c in cols:
        if c.fk and c.fk[0] == t:
            a(f"CREATE INDEX temp.imp_{t}_{c.fk[1]} ON imp_{t} (v_{c.fk[1]});")
            break
    for c in cols:
        if not c.fk:
            continue
        pt, pc = c.fk
        cond = f"NOT EXISTS (SELECT 1 FROM main.{pt} AS p WHERE p.{pc} = v_{c.name})"
        if pt == t:
            cond += f" AND NOT EXISTS (SELECT 1 FROM temp.imp_{t} AS s WHERE s.reason IS NULL AND s.v_{pc} = imp_{t}.v_{c.name})"
        a(f"UPDATE temp.imp_{t} SET reason = {lit(c.name + ': unknown ')} || "
          f"'''' || substr(v_{c.name}, 1, 60) || '''' || {lit(f' (no such {pt}.{pc})')}")
        a(f"  WHERE reason IS NULL AND v_{c.name} IS NOT NULL AND {cond};")
    # Duplicate keys within this import: the first line wins; a derived row
    # (from a preset) that repeats a key is dropped, not rejected.
    key = ", ".join(f"v_{c.name}" for c in pk)
    keyshow = " || ', ' || ".join(f"coalesce(v_{c.name}, 'NULL')" for c in pk)
    a(f"UPDATE temp.imp_{t} SET reason = CASE WHEN d.derived THEN '(derived duplicate)' ELSE "
      f"{lit('duplicate key (' + ', '.join(c.name for c in pk) + ') ')} || '''' || d.k || '''' || "
      f"' also on line ' || d.first_line || ' of ' || d.first_file END")
    a(f"FROM (SELECT rowid AS rid, derived, {keyshow} AS k,")
    a(f"        row_number() OVER w AS rn, first_value(line) OVER w AS first_line, first_value(file) OVER w AS first_file")
    a(f"      FROM temp.imp_{t} WHERE reason IS NULL")
    a(f"      WINDOW w AS (PARTITION BY {key} ORDER BY derived, file, line)) AS d")
    a(f"WHERE imp_{t}.rowid = d.rid AND d.rn > 1;")
    # Final values: a column the file does not have keeps what the table
    # holds (or takes its default for a new row), and the outcome says
    # whether the row is new, changed or the same.
    on = " AND ".join(f"cur.{c.name} = i.v_{c.name}" for c in pk)
    finals = []
    for c in cols:
        dflt = c.dflt if c.dflt is not None else "NULL"
        if c.pk:
            finals.append(f"i.v_{c.name} AS f_{c.name}")
        elif c.dflt is not None:
            finals.append(f"CASE WHEN i.h_{c.name} AND i.v_{c.name} IS NOT NULL THEN i.v_{c.name} "
                          f"WHEN i.h_{c.name} OR cur.{pk[0].name} IS NULL THEN {dflt} ELSE cur.{c.name} END AS f_{c.name}")
        else:
            finals.append(f"CASE WHEN i.h_{c.name} OR cur.{pk[0].name} IS NULL THEN i.v_{c.name} "
                          f"ELSE cur.{c.name} END AS f_{c.name}")
    a(f"DROP TABLE IF EXISTS temp.imp2_{t};")
    a(f"CREATE TEMP TABLE imp2_{t} AS")
    a(f"SELECT i.file, i.line, i.raw, i.derived, i.reason,")
    a(",\n".join("  " + x for x in finals) + ",")
    same = " AND ".join(f"f_{c.name} IS cur.{c.name}" for c in cols if not c.pk) or "1"
    a(f"  cur.{pk[0].name} IS NOT NULL AS existed")
    a(f"FROM temp.imp_{t} AS i LEFT JOIN main.{t} AS cur ON i.reason IS NULL AND {on};")
    a(f"ALTER TABLE temp.imp2_{t} ADD COLUMN outcome TEXT;")
    a(f"UPDATE temp.imp2_{t} SET outcome = CASE WHEN NOT existed THEN 'inserted' WHEN derived THEN 'unchanged' "
      f"WHEN EXISTS (SELECT 1 FROM main.{t} AS cur WHERE {' AND '.join(f'cur.{c.name} = f_{c.name}' for c in pk)} "
      f"AND {same}) THEN 'unchanged' ELSE 'updated' END WHERE reason IS NULL;")
    collist = ", ".join(names)
    fcols = ", ".join(f"f_{n}" for n in names)
    upd = ", ".join(f"{c.name} = excluded.{c.name}" for c in cols if not c.pk)
    a(f"INSERT INTO main.{t} ({collist})")
    a(f"SELECT {fcols} FROM temp.imp2_{t} WHERE outcome IN ('inserted', 'updated') ORDER BY derived, file, line")
    a(f"ON CONFLICT ({', '.join(c.name for c in pk)}) DO " + (f"UPDATE SET {upd};" if upd else "NOTHING;"))
    a(f"INSERT INTO main.import_rejects (run_id, file, line, table_name, raw, reason)")
    a(f"SELECT (SELECT run_id FROM temp.imp_run), file, line, {lit(t)}, raw, reason FROM temp.imp2_{t}")
    a(f"WHERE reason IS NOT NULL AND reason <> '(derived duplicate)' ORDER BY file, line;")
    a(f"INSERT INTO main.import_summary")
    # A derived row that repeats a key another file gives is neither loaded
    # nor rejected: it is not counted as read either (the note counts it).
    a(f"SELECT (SELECT run_id FROM temp.imp_run), i.file, {lit(t)}, f.preset,")
    a(f"  count(*) - count(CASE i.reason WHEN '(derived duplicate)' THEN 1 END),")
    a(f"  count(i.outcome), count(CASE i.outcome WHEN 'inserted' THEN 1 END),")
    a(f"  count(CASE i.outcome WHEN 'updated' THEN 1 END), count(CASE i.outcome WHEN 'unchanged' THEN 1 END),")
    a(f"  count(CASE WHEN i.reason <> '(derived duplicate)' THEN 1 END),")
    a(f"  CASE WHEN max(i.derived) THEN 'rows derived from this export, one per key' ||")
    a(f"    CASE WHEN count(CASE i.reason WHEN '(derived duplicate)' THEN 1 END) > 0")
    a(f"         THEN '; ' || count(CASE i.reason WHEN '(derived duplicate)' THEN 1 END) || ' already given by another file' ELSE '' END")
    a(f"       ELSE f.note END")
    a(f"FROM temp.imp2_{t} AS i JOIN temp.imp_files AS f ON f.file = i.file")
    a(f"GROUP BY i.file, i.derived;")
    a(f"DROP TABLE temp.imp_{t};")
    a(f"DROP TABLE temp.imp2_{t};")
    return "\n".join(L) + "\n"


def prologue(tables, order):
    cols = ",\n".join(
        f"  ({lit(t)}, {i + 1}, {lit(' '.join(c.name for c in tables[t][0]))})" for i, t in enumerate(order))
    return PROLOGUE.replace("@TABLES@", cols)


PROLOGUE = r"""-- sql/import/import.sql — GENERATED by sql/import/gen_import.py from
-- sql/schema.sql and sql/import/presets.sql.  Do not edit: edit those and
-- run `python3 sql/import/gen_import.py`.
--
-- Loads every *.csv file of one directory into the canonical tables, in one
-- transaction.  Needs the extension loaded (revops_dir, revops_csv), the
-- schema created (sql/schema.sql) and a one-row temp table naming the
-- directory:
--
--   CREATE TEMP TABLE import_request(dir TEXT NOT NULL);
--   INSERT INTO import_request VALUES ('path/to/csv-dir');
--   .read sql/import/import.sql       -- or executescript() of this file
--
-- sql/import/import.sh does all of that in one command.  Each file is
-- matched to a table by its name (accounts.csv -> accounts) or, for the
-- export layouts of sql/import/presets.sql, by its header.  Every data row
-- ends up either in its table (inserted, updated or unchanged: the import is
-- an upsert on the primary key, so re-importing changes nothing) or in
-- import_rejects with its file, line, raw text and reason.  import_summary
-- counts rows read, loaded and rejected per file; the last statement prints
-- it.  docs/data.md explains every rule.

BEGIN IMMEDIATE;

INSERT INTO main.import_runs (source_dir, started_at)
SELECT dir, datetime('now') FROM temp.import_request;
DROP TABLE IF EXISTS temp.imp_run;
CREATE TEMP TABLE imp_run AS SELECT max(run_id) AS run_id FROM main.import_runs;

-- The tables a file may load, in foreign-key order, with their columns.
DROP TABLE IF EXISTS temp.imp_tables;
CREATE TEMP TABLE imp_tables (tbl TEXT PRIMARY KEY, load_order INTEGER, columns TEXT);
INSERT INTO temp.imp_tables VALUES
@TABLES@;

-- The directory's CSV files, their headers, and what each one loads.
DROP TABLE IF EXISTS temp.imp_files;
CREATE TEMP TABLE imp_files AS
SELECT d.name AS file, d.path,
       lower(substr(d.name, 1, length(d.name) - 4)) AS stem,
       (SELECT c.fields FROM revops_csv(d.path) AS c LIMIT 1) AS header,
       CAST(NULL AS TEXT) AS preset, CAST(NULL AS TEXT) AS tbl, CAST(NULL AS TEXT) AS note
FROM temp.import_request AS r, revops_dir(r.dir) AS d
WHERE d.is_dir = 0 AND lower(d.name) LIKE '%.csv' AND d.name NOT LIKE '.%';

-- Header names, normalised as revops_csv normalises them (trimmed, ASCII
-- lower case), one row per file and column.
DROP TABLE IF EXISTS temp.imp_header;
CREATE TEMP TABLE imp_header AS
SELECT f.file, CAST(j.key AS INTEGER) + 1 AS position, lower(trim(j.value, ' ' || char(9))) AS name
FROM temp.imp_files AS f, json_each(f.header) AS j
WHERE f.header IS NOT NULL;

-- Rows that presets derive from export files (filled by presets.sql).
DROP TABLE IF EXISTS temp.imp_preset_rows;
CREATE TEMP TABLE imp_preset_rows (tbl TEXT, file TEXT, line INTEGER, raw TEXT,
                                   record TEXT, error TEXT, derived INTEGER);
"""

MATCH = r"""
-- Canonical files: the file name is the table name.
UPDATE temp.imp_files SET tbl = stem
WHERE preset IS NULL AND stem IN (SELECT tbl FROM temp.imp_tables);

-- Columns no table has are ignored, and said so in the summary.
UPDATE temp.imp_files SET note = (
  SELECT 'ignored columns: ' || group_concat(h.name, ', ')
  FROM temp.imp_header AS h
  WHERE h.file = imp_files.file
    AND (' ' || (SELECT columns FROM temp.imp_tables WHERE tbl = imp_files.tbl) || ' ')
        NOT LIKE '% ' || h.name || ' %')
WHERE tbl IS NOT NULL AND preset IS NULL;
UPDATE temp.imp_files SET note = 'empty file (no header)' WHERE header IS NULL;

-- A file that matches no table: its rows are rejected, not skipped.
INSERT INTO main.import_rejects (run_id, file, line, table_name, raw, reason)
SELECT (SELECT run_id FROM temp.imp_run), f.file, c.line, NULL, c.raw,
       'no table named ' || f.stem || ' (name the file after a table, e.g. accounts.csv, or use a preset layout)'
FROM temp.imp_files AS f, revops_csv(f.path) AS c
WHERE f.tbl IS NULL AND f.preset IS NULL AND c.header = 0;
INSERT INTO main.import_summary
SELECT (SELECT run_id FROM temp.imp_run), f.file, '(no table)', NULL, count(c.line), 0, 0, 0, 0, count(c.line), f.note
FROM temp.imp_files AS f LEFT JOIN revops_csv(f.path) AS c ON c.header = 0
WHERE f.tbl IS NULL AND f.preset IS NULL
GROUP BY f.file;

-- Files with a header but no rows still appear in the summary.
INSERT INTO main.import_summary
SELECT (SELECT run_id FROM temp.imp_run), f.file, f.tbl, f.preset, 0, 0, 0, 0, 0, 0, f.note
FROM temp.imp_files AS f
WHERE f.tbl IS NOT NULL AND NOT EXISTS (SELECT 1 FROM revops_csv(f.path) AS c WHERE c.header = 0);

-- A re-imported file's old rejects are replaced by this run's.
DELETE FROM main.import_rejects
WHERE file IN (SELECT file FROM temp.imp_files)
  AND run_id <> (SELECT run_id FROM temp.imp_run);
"""

EPILOGUE = r"""
DROP TABLE temp.imp_tables;
DROP TABLE temp.imp_header;
DROP TABLE temp.imp_preset_rows;

COMMIT;

-- The summary of this run: rows read = loaded + rejected for every file.
SELECT s.file, s.table_name, s.preset, s.rows_read AS read, s.rows_loaded AS loaded,
       s.rows_inserted AS inserted, s.rows_updated AS updated, s.rows_unchanged AS unchanged,
       s.rows_rejected AS rejected, s.note
FROM main.import_summary AS s
WHERE s.run_id = (SELECT run_id FROM temp.imp_run)
ORDER BY s.file, s.table_name;
DROP TABLE temp.imp_run;
DROP TABLE temp.imp_files;
"""


def generate():
    tables, order = load_schema()
    parts = [prologue(tables, order), open(PRESETS).read(), MATCH]
    for t in order:
        parts.append(table_sql(t, *tables[t]))
    parts.append(EPILOGUE)
    return "\n".join(parts)


def main():
    text = generate()
    if "--check" in sys.argv:
        old = open(OUT).read() if os.path.exists(OUT) else ""
        if old != text:
            print("sql/import/import.sql is out of date: run python3 sql/import/gen_import.py")
            sys.exit(1)
        return
    with open(OUT, "w") as f:
        f.write(text)


if __name__ == "__main__":
    main()
