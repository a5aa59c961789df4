#!/usr/bin/python3
"""Write the import benchmark's baseline scripts from sql/schema.sql.

    python3 bench/import_baselines.py CSV_DIR OUT_DIR IMPORT_MODULE
    (or import_baselines.write(csv_dir, out_dir, import_module) from Python)

OUT_DIR/reader.sql  the import module's CSV reader alone: count(*) of
                    revops_csv over every file (parse every record, keep
                    nothing): the floor of any import of these files
OUT_DIR/text.sql    the sqlite3 shell's .import of every file into text tables
OUT_DIR/typed.sql   plain SQL: .import into a temp text table, then a typed
                    INSERT ... SELECT into the same STRICT tables (CHECKs,
                    keys and indexes of sql/schema.sql), one transaction
OUT_DIR/duck.mjs    DuckDB (npm @duckdb/node-api), one thread: a table per
                    file with the same column types (DATE and TIMESTAMP for
                    date columns) and primary key, loaded by a typed
                    read_csv

Generated from the schema so that every baseline loads exactly the tables
and types the import does.
"""
import os
import re
import sqlite3
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def lit(s):
    return "'" + s.replace("'", "''") + "'"


def write(csv_dir, out, import_module):
    db = sqlite3.connect(":memory:")
    db.executescript(open(os.path.join(ROOT, "sql", "schema.sql")).read())
    tables = {}
    order = []
    for (name, sql) in db.execute("SELECT name, sql FROM sqlite_schema WHERE type = 'table' ORDER BY rowid"):
        cols = [(r[1], r[2].upper(), r[5]) for r in db.execute(f"SELECT * FROM pragma_table_info('{name}')")]
        tables[name] = (cols, sql)
        order.append(name)
    # Parents first (sql/schema.sql declares them in that order): the typed
    # baseline checks foreign keys as the import does.
    present = {f[:-4] for f in os.listdir(csv_dir) if f.endswith(".csv")}
    files = [t for t in order if t in present]

    def header(f):
        with open(os.path.join(csv_dir, f + ".csv")) as fh:
            return fh.readline().strip().split(",")

    with open(os.path.join(out, "reader.sql"), "w") as w:
        w.write(f".load {lit(import_module)}\n")
        for f in files:
            w.write(f"SELECT count(*) FROM revops_csv({lit(os.path.join(csv_dir, f + '.csv'))});\n")

    with open(os.path.join(out, "text.sql"), "w") as w:
        for f in files:
            w.write(f".import --csv {lit(os.path.join(csv_dir, f + '.csv'))} raw_{f}\n")

    with open(os.path.join(out, "typed.sql"), "w") as w:
        # The page cache the import takes (16 MiB), so that neither spills.
        w.write(f"PRAGMA cache_size = -16384;\n.read {lit(os.path.join(ROOT, 'sql', 'schema.sql'))}\nBEGIN;\n")
        for f in files:
            cols, _ = tables[f]
            kinds = {c: t for c, t, _ in cols}
            have = [c for c in header(f) if c in kinds]
            w.write(f".import --csv --schema temp {lit(os.path.join(csv_dir, f + '.csv'))} stage_{f}\n")
            exprs = []
            for c in have:
                if kinds[c] == "INTEGER":
                    exprs.append(f"CAST(nullif({c}, '') AS INTEGER)")
                elif kinds[c] == "REAL":
                    exprs.append(f"CAST(nullif({c}, '') AS REAL)")
                else:
                    exprs.append(f"nullif({c}, '')")
            w.write(f"INSERT INTO main.{f} ({', '.join(have)}) SELECT {', '.join(exprs)} FROM temp.stage_{f};\n")
            w.write(f"DROP TABLE temp.stage_{f};\n")
        w.write("COMMIT;\n")

    lines = ["import { DuckDBInstance } from '@duckdb/node-api';",
             "const inst = await DuckDBInstance.create(process.argv[2], { threads: '1' });",
             "const con = await inst.connect();"]
    for f in files:
        cols, sql = tables[f]
        have = header(f)
        types = {}
        for c, t, _ in cols:
            d = {"INTEGER": "BIGINT", "REAL": "DOUBLE"}.get(t, "VARCHAR")
            if re.search(rf"\b{c} IS date\(", sql):
                d = "DATE"
            elif re.search(rf"\b{c} IS datetime\(", sql):
                d = "TIMESTAMP"
            types[c] = d
        pk = [c for c, _, p in sorted(cols, key=lambda x: x[2]) if p]
        ddl = ", ".join(f"{c} {types[c]}" for c in have if c in types)
        ddl += f", PRIMARY KEY ({', '.join(pk)})"
        spec = ", ".join(f"'{c}': '{types.get(c, 'VARCHAR')}'" for c in have)
        path = os.path.join(csv_dir, f + ".csv")
        lines.append(f"await con.run(`CREATE TABLE {f} ({ddl})`);")
        lines.append(f"await con.run(`INSERT INTO {f} SELECT * FROM read_csv('{path}', header = true, columns = {{{spec}}})`);")
    lines.append("con.closeSync?.();")
    with open(os.path.join(out, "duck.mjs"), "w") as w:
        w.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    write(sys.argv[1], sys.argv[2], sys.argv[3])
