#!/usr/bin/python3
"""bench/bench_postgres.py DSN SQLITE_EXT ROWS SQLITE_FILE — one row count
of bench/bench_postgres.sh: generate, copy, time interleaved pairs."""
import os
import sqlite3
import statistics
import sys
import time

import psycopg2

CHECK_MRR = "--check-mrr" in sys.argv
ARGS = [a for a in sys.argv[1:] if a != "--check-mrr"]
DSN, EXT, N, DBFILE = ARGS[0], ARGS[1], int(ARGS[2]), ARGS[3]
REPS = int(os.environ.get("PG_BENCH_REPS", "3"))
CUST = max(N // 4, 1)

con = psycopg2.connect(DSN)
con.autocommit = True
cur = con.cursor()


def q(sql, *a):
    cur.execute(sql, a)
    return cur.fetchall() if cur.description else None


def q0(sql):  # no parameters: % is itself
    cur.execute(sql)
    return cur.fetchall()


# The rows, one formula per column, written once (FORMULAS) and evaluated by
# each engine itself: PostgreSQL from generate_series, SQLite from a
# recursive counter.  Copying 10 million rows through Python took minutes
# (23 s a million); generating them costs seconds, and the fingerprints
# below check that both engines hold the same rows.  {g} is the row
# number, {cust} the number of customers; money has cents, probabilities
# two decimals.
DEALS = [
    ("id", "INTEGER", "{g}"),
    ("owner", "TEXT", "'R' || ({g} % 200)"),
    ("amount", "REAL", "(({g} * 7919) % 1000000) / 10.0"),
    ("probability", "REAL", "(({g} * 31) % 101) / 100.0"),
    ("is_won", "INTEGER", "CASE WHEN {g} % 3 = 0 THEN CASE WHEN {g} % 7 < 3 THEN 1 ELSE 0 END END"),
    ("start_mrr", "REAL", "(({g} * 13) % 500000) / 10.0"),
    ("end_mrr", "REAL", "CASE WHEN {g} % 9 = 0 THEN NULL ELSE (({g} * 17) % 500000) / 10.0 END"),
]
SUBS = [
    ("customer_id", "TEXT", "'C' || ({g} % {cust})"),
    ("start_date", "TEXT", "{date}(({g} * 37) % 1800)"),
    ("end_date", "TEXT", "CASE WHEN {g} % 4 = 0 THEN {date}(({g} * 37) % 1800 + 30 * (1 + {g} % 24)) END"),
    ("mrr", "REAL", "(({g} * 11) % 100000) / 10.0"),
]
# 'YYYY-MM-DD' of 2020-01-01 plus n days, in each dialect
PG_DATE = "to_char(date '2020-01-01' + ({n})::int, 'YYYY-MM-DD')"
SL_DATE = "date('2020-01-01', '+' || ({n}) || ' days')"


def columns(cols, g, date):
    out = []
    for name, _, f in cols:
        f = f.replace("{g}", g).replace("{cust}", str(CUST))
        while "{date}(" in f:  # {date}(expr): the dialect's date of expr
            i = f.index("{date}(") + len("{date}(")
            depth, j = 1, i
            while depth:
                depth += {"(": 1, ")": -1}.get(f[j], 0)
                j += 1
            f = f[:i - len("{date}(")] + date.replace("{n}", f[i:j - 1]) + f[j:]
        out.append("%s AS %s" % (f, name))
    return ", ".join(out)


t0 = time.time()
q("DROP TABLE IF EXISTS deals, subs")
cur.execute("CREATE UNLOGGED TABLE deals AS SELECT %s FROM generate_series(1::bigint, %d) AS g"
            % (columns(DEALS, "g", PG_DATE), N))
cur.execute("CREATE UNLOGGED TABLE subs AS SELECT %s FROM generate_series(1::bigint, %d) AS g"
            % (columns(SUBS, "g", PG_DATE), N))
q("ANALYZE deals")
q("ANALYZE subs")
gen = time.time() - t0

# the same rows in SQLite
t0 = time.time()
if os.path.exists(DBFILE):
    os.remove(DBFILE)
s = sqlite3.connect(DBFILE)
s.enable_load_extension(True)
s.load_extension(EXT)
s.execute("PRAGMA journal_mode = OFF")
s.execute("PRAGMA synchronous = OFF")
for t, cols in (("deals", DEALS), ("subs", SUBS)):
    s.execute("CREATE TABLE %s (%s)" % (t, ", ".join("%s %s" % (c, ty) for c, ty, _ in cols)))
    s.execute("WITH RECURSIVE n(g) AS (SELECT 1 UNION ALL SELECT g + 1 FROM n WHERE g < %d) "
              "INSERT INTO %s SELECT %s FROM n" % (N, t, columns(cols, "g", SL_DATE)))
s.commit()
copy = time.time() - t0

# Fingerprints of the rows, exact (integers): counts, sums of cents and of
# days, and a sum that depends on which row holds which value.
FP_PG = """SELECT count(*), sum(round(amount * 10)::bigint), sum(round(probability * 100)::bigint),
  count(is_won), sum(is_won), sum(round(start_mrr * 10)::bigint), sum(round(end_mrr * 10)::bigint),
  sum(id % 1009 * round(amount * 10)::bigint % 1000003), count(DISTINCT owner) FROM deals"""
FP_SL = """SELECT count(*), sum(CAST(round(amount * 10) AS INTEGER)), sum(CAST(round(probability * 100) AS INTEGER)),
  count(is_won), sum(is_won), sum(CAST(round(start_mrr * 10) AS INTEGER)), sum(CAST(round(end_mrr * 10) AS INTEGER)),
  sum(id % 1009 * CAST(round(amount * 10) AS INTEGER) % 1000003), count(DISTINCT owner) FROM deals"""
FP_SUBS = """SELECT count(*), count(DISTINCT customer_id), min(start_date), max(start_date), count(end_date),
  max(end_date), sum(length(customer_id) * 7 + length(coalesce(end_date, ''))), sum(CAST(round(mrr * 10) AS bigint)),
  sum(CASE WHEN start_date < '2022-06-01' THEN 1 ELSE 0 END), sum(CASE WHEN end_date >= '2024-01-15' THEN 1 ELSE 0 END)
  FROM subs"""
fp = (q0(FP_PG)[0], q0(FP_SUBS)[0])
fs = (s.execute(FP_SL).fetchone(), s.execute(FP_SUBS.replace("bigint", "INTEGER")).fetchone())
fp = tuple(tuple(int(v) if hasattr(v, "as_tuple") else v for v in r) for r in fp)
if fp != fs:
    raise SystemExit("bench_postgres: the engines hold different rows:\n  PostgreSQL %r\n  SQLite     %r" % (fp, fs))

MRR_PLAIN = """SELECT count(*), sum(m) FROM (
  SELECT mo, sum(d) OVER (ORDER BY mo) AS m, sum(k) OVER (ORDER BY mo) AS k FROM (
    SELECT to_char(mo, 'YYYY-MM') AS mo, coalesce(sum(d), 0) AS d, coalesce(sum(k), 0) AS k
    FROM generate_series(date '2020-01-01', date '2026-12-01', interval '1 month') AS mo
    LEFT JOIN (SELECT substr(start_date, 1, 7) AS ym, mrr AS d, 1 AS k FROM subs
               UNION ALL
               SELECT substr(end_date, 1, 7), -mrr, -1 FROM subs WHERE end_date IS NOT NULL) AS e
      ON e.ym = to_char(mo, 'YYYY-MM')
    GROUP BY mo) AS months) AS w
  WHERE k > 0"""
MRR_JOIN = """SELECT count(*), sum(m) FROM (SELECT mo, sum(mrr) AS m FROM subs
  JOIN generate_series(date '2020-01-01', date '2026-12-01', interval '1 month') AS mo
    ON start_date < to_char(mo + interval '1 month', 'YYYY-MM-DD')
   AND (end_date IS NULL OR end_date >= to_char(mo + interval '1 month', 'YYYY-MM-DD'))
  GROUP BY mo) AS w"""
if CHECK_MRR:
    a, b = q0(MRR_PLAIN), q0(MRR_JOIN)
    print("mrr plain SQL: running sum %r, join %r: %s" % (a, b, "same" if a == b else "DIFFERENT"))
    sys.exit(0 if a == b else 1)

PAIRS = [
    ("weighted_pipeline", "SELECT weighted_pipeline(amount, probability) FROM deals",
     "SELECT sum(amount * probability) FROM deals"),
    ("win_rate", "SELECT win_rate(is_won) FROM deals", "SELECT avg(is_won) FROM deals"),
    ("nrr", "SELECT nrr(start_mrr, end_mrr) FROM deals",
     "SELECT sum(coalesce(end_mrr, 0)) / sum(start_mrr) FROM deals WHERE start_mrr > 0"),
    ("weighted by owner", "SELECT owner, weighted_pipeline(amount, probability) FROM deals GROUP BY owner",
     "SELECT owner, sum(amount * probability) FROM deals GROUP BY owner"),
    ("mrr_waterfall", "SELECT count(*), sum(ending_mrr) FROM mrr_waterfall('subs')",
     # plain SQL: month-end MRR per month (the snapshot the waterfall starts
     # from), as one writes it for a large table: each period adds its MRR
     # in its start month and takes it away in its end month, a running sum
     # over the months gives the MRR at each month's end (and the number of
     # periods then active, to keep only months that have one).  The same
     # figures as joining every period to every month (the form this
     # benchmark used first, rows x months comparisons: 35 s a run at 1M
     # rows); bench/bench_postgres.py --check-mrr compares the two.
     MRR_PLAIN),
]

# CPU of the backend and of its parallel workers: /proc of every process
# whose leader is this backend (pg_stat_activity.leader_pid), sampled.
BACKEND = q("SELECT pg_backend_pid()")[0][0]
TICK = os.sysconf("SC_CLK_TCK")


def proc_cpu(pid):
    try:
        with open("/proc/%d/stat" % pid) as f:
            parts = f.read().rsplit(")", 1)[1].split()
        return (int(parts[11]) + int(parts[12])) / TICK
    except OSError:
        return 0.0


def run_pg(sql, workers):
    cur.execute("SET max_parallel_workers_per_gather = %d" % workers)
    cur.execute("SET parallel_setup_cost = 0; SET parallel_tuple_cost = 0.001" if workers else "RESET parallel_setup_cost")
    mon = psycopg2.connect(DSN)
    mon.autocommit = True
    mc = mon.cursor()
    c0 = proc_cpu(BACKEND)
    t0 = time.time()
    import threading
    worker_cpu = {}
    stop = []

    def watch():
        while not stop:
            mc.execute("SELECT pid FROM pg_stat_activity WHERE leader_pid = %s AND pid <> %s", (BACKEND, BACKEND))
            for (pid,) in mc.fetchall():
                worker_cpu[pid] = proc_cpu(pid)
            time.sleep(0.05)
    th = threading.Thread(target=watch)
    th.start()
    cur.execute(sql)
    rows = cur.fetchall()
    wall = time.time() - t0
    stop.append(1)
    th.join()
    mon.close()
    return rows, wall, proc_cpu(BACKEND) - c0 + sum(worker_cpu.values())


def run_sqlite(sql):
    t0, c0 = time.time(), time.process_time()
    rows = s.execute(sql).fetchall()
    return rows, time.time() - t0, time.process_time() - c0


PG_MB = q0("SELECT (pg_total_relation_size('deals') + pg_total_relation_size('subs')) / 1048576.0")[0][0]
print("rows %d: generated in PostgreSQL in %.1f s (%.0f MB), in SQLite in %.1f s (%.0f MB)" % (
    N, gen, PG_MB, copy, os.path.getsize(DBFILE) / 1048576.0))
print("%-18s %8s %9s %9s %9s %9s %7s %7s" % ("query", "workers", "revops s", "plain s", "cpu rev", "cpu plain", "wall x", "cpu x"))
for name, rev, plain in PAIRS:
    for w in (0, 1, 2):
        a, b = [], []
        for k in range(REPS):  # interleaved, the order alternating
            if k % 2 == 0:
                a.append(run_pg(rev, w)[1:])
                b.append(run_pg(plain, w)[1:])
            else:
                b.append(run_pg(plain, w)[1:])
                a.append(run_pg(rev, w)[1:])
        aw, ac = statistics.median(x[0] for x in a), statistics.median(x[1] for x in a)
        bw, bc = statistics.median(x[0] for x in b), statistics.median(x[1] for x in b)
        print("%-18s %8d %9.3f %9.3f %9.3f %9.3f %7.2f %7.2f" % (name, w, aw, bw, ac, bc, aw / bw, ac / max(bc, 1e-6)))
    # the same revops query on SQLite, against PostgreSQL with 0 workers
    sq = rev.replace("mrr_waterfall('subs')", "mrr_waterfall('subs')")
    sl, pl = [], []
    for k in range(REPS):
        if k % 2 == 0:
            sl.append(run_sqlite(sq)[1:])
            pl.append(run_pg(rev, 0)[1:])
        else:
            pl.append(run_pg(rev, 0)[1:])
            sl.append(run_sqlite(sq)[1:])
    sw, sc = statistics.median(x[0] for x in sl), statistics.median(x[1] for x in sl)
    pw, pc = statistics.median(x[0] for x in pl), statistics.median(x[1] for x in pl)
    print("%-18s %8s %9.3f %9s %9.3f %9s %7.2f %7.2f   (SQLite; x = PostgreSQL 0 workers / SQLite)" % (
        name, "sqlite", sw, "", sc, "", pw / sw, pc / max(sc, 1e-6)))
    sys.stdout.flush()
s.close()
q("DROP TABLE deals, subs")
