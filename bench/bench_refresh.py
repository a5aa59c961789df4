#!/usr/bin/python3
"""bench/bench_refresh.py DB DIST — the refresh of the kept tables after a
small change against a full refill of every kept table, in interleaved
rounds, CPU time of the whole process (issue 23: the incremental refresh
at most 10 % of the full one).

    BENCH_RUNS=3 python3 bench/bench_refresh.py build/bench/refresh20.db dist

DB: an imported demo database (sql/demo/gen.c, sql/import/import.sh); it
is changed.  The views are installed first (sql/views/install.sh, untimed)
and the kept tables brought current.  Each round runs, in this order:
  A_c  for each change c of BENCH_CHANGE: the change (untimed, below),
       then sh sql/views/refresh.sh DB: the incremental refresh;
  B    sh sql/views/refresh.sh --full DB: every kept table refilled from
       its view (what every refresh did before issue 23), on the same data.
CPU seconds (user + system of the whole process and its children,
bench/timing.py): the median of each, and per change the median of the
per-round ratios A_c / B.

BENCH_CHANGE (comma-separated, default deals,as_of):
  deals     1 % of the opportunities (every 100th rowid) get a new amount,
            new values each round
  accounts  one account's segment flipped
  activity  one activity appended (an import of new activities)
  as_of     the as-of setting moved a day (every kept view reads it)
"""
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
from timing import median, ratio, rounds  # noqa: E402

CHANGES = {
    "deals": "UPDATE opportunities SET amount = round(amount * 1.01 + 1, 2) WHERE rowid % 100 = 7 AND amount IS NOT NULL;",
    "accounts": "UPDATE accounts SET segment = CASE segment WHEN 'SMB' THEN 'Mid-Market' ELSE 'SMB' END"
                " WHERE rowid = (SELECT min(rowid) FROM accounts);",
    "activity": "INSERT INTO activities (activity_id, account_id, activity_type, occurred_at)"
                " SELECT 'bench-' || (SELECT count(*) FROM activities), account_id, 'Call', '2026-01-15 10:00:00'"
                " FROM accounts ORDER BY rowid LIMIT 1;",
    "as_of": "INSERT OR REPLACE INTO settings (key, value) VALUES ('as_of',"
             " CASE (SELECT value FROM settings WHERE key = 'as_of') WHEN '2026-02-28' THEN '2026-03-01' ELSE '2026-02-28' END);",
}


def q(s):
    return "'" + s.replace("'", "'\\''") + "'"


def main():
    if len(sys.argv) != 3:
        raise SystemExit("usage: bench/bench_refresh.py DB DIST")
    db, dist = sys.argv[1], sys.argv[2]
    runs = int(os.environ.get("BENCH_RUNS", "3"))
    changes = [c for c in os.environ.get("BENCH_CHANGE", "deals,as_of").split(",") if c]
    for c in changes:
        if c not in CHANGES:
            raise SystemExit("bench_refresh: BENCH_CHANGE: no change named %r (%s)" % (c, ", ".join(sorted(CHANGES))))
    ext = os.path.join(dist, "revops")
    refresh = os.path.join(ROOT, "sql", "views", "refresh.sh")
    # The change runs with the extension loaded and the views' triggers
    # firing, as a user's UPDATE would; the SQL is this script's own text,
    # and the shell runs as sql/lib.sh's revops_shell does (trusted_schema
    # off, safe mode after the extension is loaded).
    shell = "sqlite3 -bail -batch -cmd 'PRAGMA trusted_schema = OFF' -cmd %s -safe %s" % (q(".load " + ext), q(db))
    inc = "sh %s %s %s" % (q(refresh), q(db), q(ext))
    full = "sh %s --full %s %s" % (q(refresh), q(db), q(ext))
    subprocess.run(["sh", os.path.join(ROOT, "sql", "views", "install.sh"), "--no-refresh", db, ext],
                   check=True, stdout=subprocess.DEVNULL)
    subprocess.run(["sh", "-c", inc], check=True, stdout=subprocess.DEVNULL)   # current before round 1
    cmds = [inc] * len(changes) + [full]
    before = ["printf '%%s\\n' %s | %s" % (q(CHANGES[c]), shell) for c in changes] + [None]
    res = rounds(cmds, runs, before=before)
    rb = res[-1]
    print("%s, %d interleaved rounds, CPU seconds (user + sys of the whole process), median" % (db, runs))
    print("%-44s %8s %8s %8s %8s" % ("", "cpu", "user", "sys", "wall"))
    rows = [("incremental refresh after: %s" % c, r) for c, r in zip(changes, res)]
    rows.append(("full refill (refresh.sh --full)", rb))
    for label, r in rows:
        print("%-44s %8.2f %8.2f %8.2f %8.2f" % (label, median([x.cpu for x in r]), median([x.user for x in r]),
                                                 median([x.sys for x in r]), median([x.wall for x in r])))
    for c, ra in zip(changes, res):
        print("ratio incremental/full after %-9s cpu %.3f  wall %.3f   (median of per-round ratios; per round cpu %s)"
              % (c + ":", ratio(ra, rb, "cpu"), ratio(ra, rb, "wall"),
                 ", ".join("%.2f/%.2f" % (a.cpu, b.cpu) for a, b in zip(ra, rb))))


if __name__ == "__main__":
    main()
