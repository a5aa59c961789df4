#!/usr/bin/python3
"""tests/postgres/fdw.py DSN_A DSN_B PORT_B PASSWORD SQLITE_DB EXT — revops
across two servers.

Server a holds the deals hash-partitioned by owner_rep_id: one partition
local, the other a postgres_fdw foreign table on server b, whose server
definition lists extensions 'revops' (postgres_fdw ships a function to the
remote only when it belongs to an extension listed there).  With
enable_partitionwise_aggregate, a query grouped by the partition key runs
each partition's aggregate where the partition is: EXPLAIN VERBOSE must
show revops' aggregates in the Remote SQL, and the results must equal
SQLite's over the same opportunities.  A total over both partitions
(grouped by something else) combines per-partition states on a: partial
aggregation, which postgres_fdw 15 does not push down (the plan says so).
Prints FAIL lines and "passed failed".
"""
import sqlite3
import sys

import psycopg2

sys.path.insert(0, __file__.rsplit("/", 1)[0])
from compare import compare, sqlite_connect  # noqa: E402
import compare as cmp  # noqa: E402

QUERIES = [
    ("by owner", "SELECT owner_rep_id, weighted_pipeline(amount, probability) AS weighted, "
                 "weighted_pipeline(amount, probability, close_date, '2026-03-01') AS aged, "
                 "win_rate(is_won) AS win_rate, count(*) AS deals FROM %s GROUP BY owner_rep_id"),
    ("total", "SELECT weighted_pipeline(amount, probability) AS weighted, win_rate(is_won) AS win_rate, count(*) FROM %s"),
]


def main(dsn_a, dsn_b, port_b, password, db, ext):
    a = psycopg2.connect(dsn_a)
    b = psycopg2.connect(dsn_b)
    a.autocommit = b.autocommit = True
    ca, cb = a.cursor(), b.cursor()
    cb.execute("CREATE EXTENSION IF NOT EXISTS revops")
    cb.execute("DROP TABLE IF EXISTS deals_part1")
    cb.execute("CREATE TABLE deals_part1 (opportunity_id text, owner_rep_id text, amount double precision, "
               "probability double precision, close_date text, is_won integer)")
    ca.execute("CREATE EXTENSION IF NOT EXISTS postgres_fdw")
    ca.execute("DROP TABLE IF EXISTS deals CASCADE")
    ca.execute("DROP SERVER IF EXISTS b CASCADE")
    ca.execute("CREATE SERVER b FOREIGN DATA WRAPPER postgres_fdw OPTIONS "
               "(host '127.0.0.1', port %s, dbname 'revops', extensions 'revops')", (str(port_b),))
    ca.execute("CREATE USER MAPPING FOR CURRENT_USER SERVER b OPTIONS (user 'revops', password %s)", (password,))
    ca.execute("CREATE TABLE deals (opportunity_id text, owner_rep_id text, amount double precision, "
               "probability double precision, close_date text, is_won integer) PARTITION BY HASH (owner_rep_id)")
    ca.execute("CREATE TABLE deals_part0 PARTITION OF deals FOR VALUES WITH (MODULUS 2, REMAINDER 0)")
    ca.execute("CREATE FOREIGN TABLE deals_part1 PARTITION OF deals FOR VALUES WITH (MODULUS 2, REMAINDER 1) "
               "SERVER b OPTIONS (table_name 'deals_part1')")
    scon = sqlite_connect(db, ext)
    src = "(SELECT o.opportunity_id, o.owner_rep_id, o.amount, coalesce(o.probability, s.probability) AS probability, " \
          "o.close_date, CASE WHEN s.is_closed = 1 THEN s.is_won END AS is_won FROM opportunities AS o " \
          "JOIN stages AS s ON s.stage = o.stage) AS d"
    rows = scon.execute("SELECT * FROM " + src).fetchall()
    from psycopg2.extras import execute_values
    execute_values(ca, "INSERT INTO deals VALUES %s", rows, page_size=1000)  # routed: part 1 goes to b
    ca.execute("SELECT (SELECT count(*) FROM deals_part0), (SELECT count(*) FROM deals_part1)")
    n0, n1 = ca.fetchone()
    cb.execute("SELECT count(*) FROM deals_part1")
    if n0 > 0 and n1 > 0 and cb.fetchone()[0] == n1 and n0 + n1 == len(rows):
        cmp.ok += 1
    else:
        cmp.fail("fdw: the deals did not split across the two servers (%s local, %s remote)" % (n0, n1))
    ca.execute("ANALYZE deals_part0")
    ca.execute("SET enable_partitionwise_aggregate = on")
    for label, q in QUERIES:
        ca.execute("EXPLAIN (VERBOSE, COSTS OFF) " + q % "deals")
        plan = "\n".join(r[0] for r in ca.fetchall())
        remote = [l for l in plan.splitlines() if "Remote SQL" in l]
        if label == "by owner":
            if any("weighted_pipeline" in l and "win_rate" in l and "GROUP BY" in l for l in remote):
                cmp.ok += 1
            else:
                cmp.fail("fdw: revops' aggregates do not run on the remote server", *plan.splitlines())
        else:
            # the total: each partition's partial state, combined on a
            if "Partial Aggregate" in plan or "Finalize Aggregate" in plan or "Aggregate" in plan:
                cmp.ok += 1
            else:
                cmp.fail("fdw: no aggregate in the plan of the total", *plan.splitlines())
        ca.execute(q % "deals")
        compare("fdw %s" % label, scon.execute(q % src).fetchall(), ca.fetchall())
    print("%d %d" % (cmp.ok, cmp.bad))


if __name__ == "__main__":
    main(*sys.argv[1:7])
