"""bench/bench_dashboards.py DB EXT [RUNS] — time every persona dashboard.

Runs every query of every sql/dashboards/<persona>.sql (no filters, as the
dashboard opens) on DB, RUNS times (default 3), and prints per persona the
best total of a run, the slowest query and the ratio to two references:

  * the goal: 2 seconds per persona dashboard on this machine (issue 10);
  * a same-run floor: one pass over every row of every canonical table
    (SELECT sum(length(quote(last column))) FROM t, for each t) — what
    reading the whole database once costs, so a dashboard at 1.0x reads
    as much as scanning everything once.

Also lists queries that returned no rows (a dashboard question without an
answer on this data).  Standard library only.
"""
import os
import resource
import sqlite3
import sys
import time


def cpu():
    """CPU seconds of this process (user + system): on a machine other jobs
    share, wall time also counts their turns; CPU time does not."""
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
sys.path.insert(0, os.path.join(ROOT, "tools"))
import dashboards  # noqa: E402

GOAL = 2.0


def connect(db, ext):
    con = sqlite3.connect("file:%s?mode=ro" % db, uri=True)
    con.enable_load_extension(True)
    con.load_extension(ext)
    con.execute("PRAGMA trusted_schema = OFF")
    return con


def floor(con, runs):
    """One pass over every row of every data table: (tables, wall, cpu), best of runs."""
    tables = [r[0] for r in con.execute(
        "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite%' AND name NOT LIKE 'import%'"
        # the data, not the derived tables (sql/views/99_derived.sql) kept from it
        " AND name NOT LIKE '%\\_cache' ESCAPE '\\' AND name NOT IN ('derived_tables', 'derived_changes')")]
    scan_sql = []
    for t in tables:
        last = [r[1] for r in con.execute('PRAGMA table_info("%s")' % t)][-1]
        scan_sql.append('SELECT sum(length(quote("%s"))) FROM "%s"' % (last, t))
    best = best_cpu = None
    for _ in range(runs):
        t0, c0 = time.perf_counter(), cpu()
        for sql in scan_sql:
            con.execute(sql).fetchall()
        dt, dc = time.perf_counter() - t0, cpu() - c0
        best = dt if best is None else min(best, dt)
        best_cpu = dc if best_cpu is None else min(best_cpu, dc)
    return len(tables), best, best_cpu


def personas(con, runs):
    """Every persona's dashboard, every query without filters, best of runs.
    Returns [(persona, queries, wall, cpu, {query: best cpu}, [empty query])]."""
    queries = dashboards.load(os.path.join(ROOT, "sql", "dashboards"))
    names = []
    for q in queries:
        if q.persona not in names:
            names.append(q.persona)
    out = []
    for p in names:
        qs = [q for q in queries if q.persona == p]
        best = {q.name: None for q in qs}
        empty = []
        totals, cpus = [], []
        for _ in range(runs):
            tot, ctot = 0.0, 0.0
            for q in qs:
                t0, c0 = time.perf_counter(), cpu()
                cols, res = dashboards.run(con, q)
                dt, dc = time.perf_counter() - t0, cpu() - c0
                tot += dt
                ctot += dc
                best[q.name] = dc if best[q.name] is None else min(best[q.name], dc)
                if not res and q.name not in empty:
                    empty.append(q.name)
            totals.append(tot)
            cpus.append(ctot)
        out.append((p, len(qs), min(totals), min(cpus), best, empty))
    return out


def main(db, ext, runs=3):
    con = connect(db, ext)
    ntab, fl, floor_cpu = floor(con, runs)
    rows = con.execute("SELECT (SELECT count(*) FROM opportunities), (SELECT count(*) FROM leads), "
                       "(SELECT count(*) FROM lead_events), (SELECT count(*) FROM activities)").fetchone()
    print("database %s: %d opportunities, %d leads, %d lead events, %d activities" % ((db,) + rows))
    print("floor: one pass over every row of %d tables: %.3f s wall, %.3f s cpu" % (ntab, fl, floor_cpu))
    print("x goal and x floor compare CPU time (the machine is shared; wall time counts other jobs' turns)")
    print()
    print("%-16s %7s %8s %8s %7s %8s  %s" % ("persona", "queries", "wall s", "cpu s", "x goal", "x floor", "slowest query (cpu s)"))
    empty, worst = [], []
    for p, nq, total, ctotal, best, emp in personas(con, runs):
        slow = max(best, key=lambda n: best[n])
        worst.extend((best[n], p, n) for n in best)
        empty.extend((p, n) for n in emp)
        print("%-16s %7d %8.3f %8.3f %7.2f %8.2f  %s (%.3f)"
              % (p, nq, total, ctotal, ctotal / GOAL, ctotal / floor_cpu, slow, best[slow]))
    print()
    top = int(os.environ.get("BENCH_TOP", "8"))
    print("slowest queries overall (cpu):")
    for dt, p, n in sorted(worst, reverse=True)[:top]:
        print("  %.3f s  %s.%s" % (dt, p, n))
    if empty:
        print("queries with no rows: %s" % ", ".join("%s.%s" % e for e in empty))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else 3)
