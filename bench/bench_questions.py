#!/usr/bin/python3
"""bench/bench_questions.py DIST — a dashboard question against DuckDB
answering it from its own typed database (issue 23's peer).

    BENCH_SCALE=20 BENCH_RUNS=3 python3 bench/bench_questions.py dist

The demo set of BENCH_SCALE is loaded once into build/bench/questions$SCALE.db
(the import; the views of this checkout are installed and the derived
tables refilled on every run: the kept tables current) and into build/bench/questions$SCALE.duckdb (DuckDB's typed
read_csv, bench/import_baselines.py, plus the schema's stages table); both
are reused while they exist.  Each question then runs as a whole process
in interleaved rounds: the sqlite3 shell with dist/revops running the
dashboard's query (sql/dashboards/, no filters), and Node with DuckDB
(one thread, read only) running the same question written for DuckDB here.
Two more processes measure what opening costs each side (the shell's
`SELECT 1`, DuckDB's open and `SELECT 1`), so the net ratio is there too.
CPU = user + system of the child (timing.py).  The answers are compared
value by value (to the cent) before any time is printed.

Questions so far: cro.forecast_trend.  finance.mrr_by_segment and
finance.retention_trend need the MRR engine's month rules written for
DuckDB; not done yet.
"""
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(ROOT, "tools"))
import bench_import  # noqa: E402
import dashboards  # noqa: E402
import import_baselines  # noqa: E402
from timing import median, ratio, rounds  # noqa: E402

# The dashboard question -> the same question for DuckDB (no filters).
# {as_of}: the database's as-of date (as_of_calendar), an input of the
# question read from the SQLite side, not part of what is timed.
QUESTIONS = {
    "cro.forecast_trend": """
WITH c AS (
  SELECT s.snapshot_date AS week, s.amount, coalesce(s.probability, st.probability) AS probability,
         p.amount AS previous_amount, coalesce(p.probability, pt.probability) AS previous_probability,
         CASE
           WHEN st.is_won = 1 AND coalesce(pt.is_won, 0) = 0 THEN 'Won'
           WHEN st.is_closed = 1 AND st.is_won = 0 AND coalesce(pt.is_closed, 0) = 0 THEN 'Lost'
           WHEN p.opportunity_id IS NULL THEN 'New'
           WHEN st.stage_order > pt.stage_order THEN 'Advanced'
           WHEN st.stage_order < pt.stage_order THEN 'Moved back'
           WHEN s.close_date > p.close_date THEN 'Pushed'
           WHEN s.close_date < p.close_date THEN 'Pulled in'
           WHEN s.amount > p.amount THEN 'Increased'
           WHEN s.amount < p.amount THEN 'Reduced'
         END AS change
  FROM opportunity_snapshots AS s
  JOIN stages AS st ON st.stage = s.stage
  LEFT JOIN opportunity_snapshots AS p ON p.snapshot_date = s.snapshot_date - 7 AND p.opportunity_id = s.opportunity_id
  LEFT JOIN stages AS pt ON pt.stage = p.stage),
d AS (SELECT *, CASE WHEN change IN ('Won', 'New', 'Advanced', 'Pulled in', 'Increased') THEN 'up' ELSE 'down' END AS direction
      FROM c WHERE change IS NOT NULL)
SELECT strftime(week, '%Y-%m-%d') AS week, (week + 7 > DATE '{as_of}')::INTEGER AS is_partial,
       coalesce(sum(amount * probability) FILTER (WHERE direction = 'up'), 0)
         - coalesce(sum(previous_amount * previous_probability) FILTER (WHERE direction = 'up'), 0) AS ups,
       coalesce(sum(previous_amount * previous_probability) FILTER (WHERE direction = 'down'), 0)
         - coalesce(sum(amount * probability) FILTER (WHERE direction = 'down'), 0) AS downs,
       coalesce(sum(amount * probability), 0) - coalesce(sum(previous_amount * previous_probability), 0) AS net_change,
       count(*) AS deals_changed
FROM d GROUP BY week ORDER BY week DESC
""",
}


def q(s):
    return bench_import.q(s)


def build(scale, dist, duck):
    os.makedirs(os.path.join(ROOT, "build", "bench"), exist_ok=True)
    db = os.path.join(ROOT, "build", "bench", "questions%s.db" % scale)
    ddb = os.path.join(ROOT, "build", "bench", "questions%s.duckdb" % scale)
    if os.path.exists(db) and os.path.exists(ddb):
        return db, ddb
    tmp = tempfile.mkdtemp(prefix="questions.", dir=os.path.join(ROOT, "build"))
    try:
        gen = os.path.join(tmp, "gen")
        csv = os.path.join(tmp, "csv")
        os.makedirs(csv)
        subprocess.run(["cc", "-O2", "-o", gen, os.path.join(ROOT, "sql", "demo", "gen.c")], check=True)
        subprocess.run([gen, csv, scale], check=True, stdout=subprocess.DEVNULL)
        for p in (db, ddb, ddb + ".wal"):
            if os.path.exists(p):
                os.unlink(p)
        print("building %s and %s (SCALE=%s) ..." % (db, ddb, scale), flush=True)
        subprocess.run(["sh", os.path.join(ROOT, "sql", "import", "import.sh"), db + ".tmp", csv,
                        os.path.join(dist, "revops_import")], check=True, stdout=subprocess.DEVNULL)
        subprocess.run(["sh", os.path.join(ROOT, "sql", "views", "install.sh"), db + ".tmp",
                        os.path.join(dist, "revops")], check=True, stdout=subprocess.DEVNULL)
        import_baselines.write(csv, tmp, os.path.join(dist, "revops_import"))
        # The schema's own rows (stages) that no CSV file carries.
        con = sqlite3.connect(db + ".tmp")
        stages = con.execute("SELECT stage, stage_order, probability, is_closed, is_won FROM stages").fetchall()
        con.close()
        mjs = os.path.join(duck, "questions-build-%d.mjs" % os.getpid())
        with open(os.path.join(tmp, "duck.mjs")) as fh:
            text = fh.read().replace("con.closeSync?.();", "")
        text += "await con.run(`CREATE TABLE stages (stage VARCHAR PRIMARY KEY, stage_order BIGINT, probability DOUBLE, is_closed BIGINT, is_won BIGINT)`);\n"
        for r in stages:
            text += "await con.run(`INSERT INTO stages VALUES (%s)`);\n" % ", ".join(
                "'%s'" % v.replace("'", "''") if isinstance(v, str) else ("NULL" if v is None else repr(v)) for v in r)
        text += "con.closeSync?.();\n"
        with open(mjs, "w") as fh:
            fh.write(text)
        try:
            subprocess.run(["node", mjs, ddb], check=True)
        finally:
            os.unlink(mjs)
        os.rename(db + ".tmp", db)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return db, ddb


def duck_script(path, sql):
    """A Node script that opens the DuckDB file read only (one thread), runs
    sql and prints its rows as JSON (sql None: only open and SELECT 1)."""
    with open(path, "w") as fh:
        fh.write("import { DuckDBInstance } from '@duckdb/node-api';\n"
                 "const inst = await DuckDBInstance.create(process.argv[2], { threads: '1', access_mode: 'READ_ONLY' });\n"
                 "const con = await inst.connect();\n"
                 "const r = await con.runAndReadAll(%s);\n"
                 "console.log(JSON.stringify(r.getRows(), (k, v) => typeof v === 'bigint' ? Number(v) : v));\n"
                 % json.dumps(sql or "SELECT 1"))


def same(a, b):
    if len(a) != len(b):
        return "%d rows against %d" % (len(a), len(b))
    for i, (x, y) in enumerate(zip(a, b)):
        for j, (u, v) in enumerate(zip(x, y)):
            if isinstance(u, (int, float)) or isinstance(v, (int, float)):
                if abs(float(u or 0) - float(v or 0)) > 0.011:
                    return "row %d column %d: %r against %r" % (i + 1, j + 1, u, v)
            elif u != v:
                return "row %d column %d: %r against %r" % (i + 1, j + 1, u, v)
    return None


def main(dist):
    dist = os.path.abspath(dist)
    scale = os.environ.get("BENCH_SCALE", "20")
    runs = int(os.environ.get("BENCH_RUNS", "3"))
    duck = bench_import.duckdb_dir()
    if not duck:
        return
    db, ddb = build(scale, dist, duck)
    # The views of this checkout, reinstalled (and the kept tables refilled)
    # on every run, as bench_dashboards.sh does: the database may be older.
    subprocess.run(["sh", os.path.join(ROOT, "sql", "views", "install.sh"), db, os.path.join(dist, "revops")],
                   check=True, stdout=subprocess.DEVNULL)
    queries = {"%s.%s" % (x.persona, x.name): x for x in dashboards.load(os.path.join(ROOT, "sql", "dashboards"))}
    tmp = tempfile.mkdtemp(prefix="questions.", dir=os.path.join(ROOT, "build"))
    mjs = []
    try:
        ext = os.path.join(dist, "revops")
        open_sql = os.path.join(tmp, "open.sql")
        with open(open_sql, "w") as fh:
            fh.write("PRAGMA trusted_schema = OFF;\nSELECT 1;\n")
        open_duck = os.path.join(duck, "questions-open-%d.mjs" % os.getpid())
        duck_script(open_duck, None)
        mjs.append(open_duck)
        sqlite_open = "sqlite3 -readonly -cmd %s %s < %s" % (q(".load " + ext), q(db), q(open_sql))
        duck_open = "node %s %s" % (q(open_duck), q(ddb))
        print("SCALE=%s, %d rounds; CPU s of each whole process (the shell with dist/revops on the kept tables, "
              "Node with DuckDB 1 thread on its typed database)" % (scale, runs))
        print("  %-22s %8s %8s %9s %9s %10s %10s" % ("question", "sqlite", "duckdb", "ratio", "open sq", "open duck",
                                                    "net ratio"))
        for name, dsql in QUESTIONS.items():
            sql_file = os.path.join(tmp, name + ".sql")
            with open(sql_file, "w") as fh:
                fh.write("PRAGMA trusted_schema = OFF;\n.mode json\n" + queries[name].sql.strip() + "\n")
            qmjs = os.path.join(duck, "questions-%s-%d.mjs" % (name, os.getpid()))
            con = sqlite3.connect("file:%s?mode=ro" % db, uri=True)
            con.enable_load_extension(True)
            con.load_extension(ext)
            as_of = con.execute("SELECT as_of FROM as_of_calendar").fetchone()[0]
            con.close()
            duck_script(qmjs, dsql.replace("{as_of}", as_of))
            mjs.append(qmjs)
            a_cmd = "sqlite3 -readonly -cmd %s %s < %s" % (q(".load " + ext), q(db), q(sql_file))
            b_cmd = "node %s %s" % (q(qmjs), q(ddb))
            mine = json.loads(subprocess.run(["sh", "-c", a_cmd], capture_output=True, text=True, check=True).stdout or "[]")
            theirs = json.loads(subprocess.run(["sh", "-c", b_cmd], capture_output=True, text=True, check=True).stdout)
            diff = same([list(r.values()) for r in mine], theirs)
            if diff:
                print("  %-22s answers differ (%s): no timing" % (name, diff))
                continue
            ra, rb, oa, ob = rounds([a_cmd, b_cmd, sqlite_open, duck_open], runs)
            ca, cb = median([r.cpu for r in ra]), median([r.cpu for r in rb])
            na, nb = median([r.cpu for r in oa]), median([r.cpu for r in ob])
            print("  %-22s %8.2f %8.2f %8.2fx %9.2f %10.2f %9.2fx   (same %d rows)"
                  % (name, ca, cb, ratio(ra, rb), na, nb, (ca - na) / max(cb - nb, 1e-3), len(mine)))
    finally:
        for m in mjs:
            os.unlink(m)
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main(sys.argv[1])
