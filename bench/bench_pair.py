#!/usr/bin/python3
"""bench/bench_pair.py BASE NEW [ROUNDS] — the persona dashboards of two
source trees in interleaved pairs (issue 23).

BASE and NEW are two checkouts of revops (e.g. main and a worktree), each
built (dist/revops) with its own demo database build/bench/demo$SCALE.db
(BENCH_SCALE, default 20) whose views are installed and kept tables
current: run bench/bench_dashboards.sh in each first.  Each round runs,
for every persona, all its queries on BASE and then on NEW (the order
alternating from persona to persona and round to round), each on a fresh
read-only connection, and takes the CPU seconds of each.  Printed per
persona: the best of the rounds for each tree and the median of the
per-round ratios NEW/BASE.  Pairs a few seconds apart are comparable on a
machine whose speed drifts over minutes; whole runs one after the other
are not.  Standard library only.
"""
import importlib.util
import os
import resource
import sqlite3
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from timing import median  # noqa: E402  (the benches' one median)


def cpu():
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def load_dashboards(root, tag):
    """The tree's own tools/dashboards.py (its query parser and runner)."""
    spec = importlib.util.spec_from_file_location("dashboards_" + tag, os.path.join(root, "tools", "dashboards.py"))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def run_persona(root, mod, queries, persona, db):
    c0 = cpu()
    con = sqlite3.connect("file:%s?mode=ro" % db, uri=True)
    con.enable_load_extension(True)
    con.load_extension(os.path.join(root, "dist", "revops"))
    con.execute("PRAGMA trusted_schema = OFF")
    for q in queries:
        if q.persona == persona:
            mod.run(con, q)
    con.close()
    return cpu() - c0


def main():
    if len(sys.argv) < 3:
        sys.exit("usage: bench/bench_pair.py BASE NEW [ROUNDS]")
    scale = os.environ.get("BENCH_SCALE", "20")
    rounds = int(sys.argv[3]) if len(sys.argv) > 3 else 3
    trees = []
    for tag, root in (("base", sys.argv[1]), ("new", sys.argv[2])):
        root = os.path.abspath(root)
        db = os.path.join(root, "build", "bench", "demo%s.db" % scale)
        if not os.path.exists(db):
            sys.exit("bench_pair: no %s (run bench/bench_dashboards.sh in %s first)" % (db, root))
        mod = load_dashboards(root, tag)
        trees.append((tag, root, mod, mod.load(os.path.join(root, "sql", "dashboards")), db))
    personas = sorted({q.persona for q in trees[0][3]} & {q.persona for q in trees[1][3]})
    times = {t[0]: {p: [] for p in personas} for t in trees}
    for rnd in range(rounds):
        for i, p in enumerate(personas):
            order = trees if (rnd + i) % 2 == 0 else trees[::-1]
            for tag, root, mod, queries, db in order:
                times[tag][p].append(run_persona(root, mod, queries, p, db))
    print("SCALE=%s, %d interleaved rounds, CPU seconds per persona" % (scale, rounds))
    print("%-20s %9s %9s %7s  %s" % ("persona", "base best", "new best", "ratio", "per-round new/base"))
    for p in personas:
        b, n = times["base"][p], times["new"][p]
        per = [y / x for x, y in zip(b, n)]
        print("%-20s %9.2f %9.2f %7.2f  %s" % (p, min(b), min(n), median(per),
                                              " ".join("%.2f" % r for r in per)))


if __name__ == "__main__":
    main()
