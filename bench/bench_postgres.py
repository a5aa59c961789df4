#!/usr/bin/python3
"""bench/bench_postgres.py DSN SQLITE_EXT ROWS SQLITE_FILE — one row count
of bench/bench_postgres.sh: generate, copy, time interleaved pairs."""
import os
import sqlite3
import statistics
import sys
import time

import psycopg2

DSN, EXT, N, DBFILE = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
REPS = int(os.environ.get("PG_BENCH_REPS", "3"))
CUST = max(N // 4, 1)

con = psycopg2.connect(DSN)
con.autocommit = True
cur = con.cursor()


def q(sql, *a):
    cur.execute(sql, a)
    return cur.fetchall() if cur.description else None


t0 = time.time()
q("DROP TABLE IF EXISTS deals, subs")
# deterministic rows: money with cents, probabilities with 2 decimals
q("""CREATE UNLOGGED TABLE deals AS SELECT g AS id, 'R' || (g %% 200) AS owner,
     ((g * 7919) %% 1000000) / 10.0 AS amount, ((g * 31) %% 101) / 100.0 AS probability,
     CASE WHEN g %% 3 = 0 THEN (g %% 7 < 3)::int END AS is_won,
     ((g * 13) %% 500000) / 10.0 AS start_mrr, CASE WHEN g %% 9 = 0 THEN NULL ELSE ((g * 17) %% 500000) / 10.0 END AS end_mrr
     FROM generate_series(1::bigint, %s) AS g""", N)
q("""CREATE UNLOGGED TABLE subs AS SELECT 'C' || (g %% %s) AS customer_id,
     to_char(date '2020-01-01' + ((g * 37) %% 1800)::int, 'YYYY-MM-DD') AS start_date,
     CASE WHEN g %% 4 = 0 THEN to_char(date '2020-01-01' + ((g * 37) %% 1800 + 30 * (1 + g %% 24))::int, 'YYYY-MM-DD') END AS end_date,
     ((g * 11) %% 100000) / 10.0 AS mrr FROM generate_series(1::bigint, %s) AS g""", CUST, N)
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
s.execute("CREATE TABLE deals (id INTEGER, owner TEXT, amount REAL, probability REAL, is_won INTEGER, start_mrr REAL, end_mrr REAL)")
s.execute("CREATE TABLE subs (customer_id TEXT, start_date TEXT, end_date TEXT, mrr REAL)")
reader = psycopg2.connect(DSN)  # a named cursor wants a transaction
for t, n in (("deals", 7), ("subs", 4)):
    c2 = reader.cursor(name="copy_" + t)
    c2.itersize = 100000
    c2.execute("SELECT * FROM %s" % t)
    while True:
        rows = c2.fetchmany(100000)
        if not rows:
            break
        s.executemany("INSERT INTO %s VALUES (%s)" % (t, ",".join("?" * n)),
                      [tuple(float(v) if hasattr(v, "as_tuple") else v for v in r) for r in rows])
    c2.close()
reader.close()
s.commit()
copy = time.time() - t0

PAIRS = [
    ("weighted_pipeline", "SELECT weighted_pipeline(amount, probability) FROM deals",
     "SELECT sum(amount * probability) FROM deals"),
    ("win_rate", "SELECT win_rate(is_won) FROM deals", "SELECT avg(is_won) FROM deals"),
    ("nrr", "SELECT nrr(start_mrr, end_mrr) FROM deals",
     "SELECT sum(coalesce(end_mrr, 0)) / sum(start_mrr) FROM deals WHERE start_mrr > 0"),
    ("weighted by owner", "SELECT owner, weighted_pipeline(amount, probability) FROM deals GROUP BY owner",
     "SELECT owner, sum(amount * probability) FROM deals GROUP BY owner"),
    ("mrr_waterfall", "SELECT count(*), sum(ending_mrr) FROM mrr_waterfall('subs')",
     # plain SQL: month-end MRR per month (the snapshot the waterfall starts from)
     """SELECT count(*), sum(m) FROM (SELECT mo, sum(mrr) AS m FROM subs
        JOIN generate_series(date '2020-01-01', date '2026-12-01', interval '1 month') AS mo
          ON start_date < to_char(mo + interval '1 month', 'YYYY-MM-DD')
         AND (end_date IS NULL OR end_date >= to_char(mo + interval '1 month', 'YYYY-MM-DD'))
        GROUP BY mo) AS w"""),
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


print("rows %d: generated in PostgreSQL in %.1f s, copied to SQLite in %.1f s" % (N, gen, copy))
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
