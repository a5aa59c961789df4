"""tests/security/faults.py — kill -9 in the middle, and two at once.

  * kill -9 of sql/import/import.sh, sql/views/install.sh and
    sql/views/refresh.sh (the script and every process it started) at 20
    points each, spread over the run (seeded, so every run of the suite
    kills at the same offsets).  After each: the file passes PRAGMA
    integrity_check; its canonical tables hold the old data or the new,
    byte for byte; every kept table that derived_status calls current holds
    exactly its live view's rows; and the script run again completes, with
    the new data and every kept table current.
  * two imports at once into one file: both finish (the second waits for
    the first), and the file holds what one import gives.
  * readers while refresh.sh refills (WAL): every read answers, the kept
    view's figure never changes (refilling changes no figure), and
    derived_status reads as before the refresh (the kept tables reading
    the changed deals out of date, the others current) or all current,
    never anything between.
"""
import hashlib
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import threading
import time

import harness

T = harness.Counter()
EXT, IMP, BASE, CSV, SCRATCH = harness.args()
POINTS = 20
rng = random.Random(20261206)


def start(cmd):
    return subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=harness.ROOT,
                            start_new_session=True)


def wrong_caches(db):
    """Kept tables derived_status calls current whose rows are not their
    live view's (a multiset comparison)."""
    con = harness.connect(db, EXT)
    try:
        if not con.execute("SELECT 1 FROM sqlite_schema WHERE name = 'derived_status'").fetchone():
            return []
        bad = []
        for (name,) in con.execute("SELECT name FROM derived_status WHERE is_current = 1").fetchall():
            q = ('SELECT (SELECT count(*) FROM "{0}_cache") = (SELECT count(*) FROM "{0}_live") AND NOT EXISTS '
                 '(SELECT * FROM "{0}_cache" EXCEPT SELECT * FROM "{0}_live") AND NOT EXISTS '
                 '(SELECT * FROM "{0}_live" EXCEPT SELECT * FROM "{0}_cache")').format(name)
            if not con.execute(q).fetchone()[0]:
                bad.append(name)
        return bad
    finally:
        con.close()


def cache_digests(db):
    """name -> digest of the rows of every kept table derived_status calls
    current (sorted: the digest of the multiset)."""
    con = harness.connect(db, EXT)
    try:
        if not con.execute("SELECT 1 FROM sqlite_schema WHERE name = 'derived_status'").fetchone():
            return {}
        out = {}
        for (name,) in con.execute("SELECT name FROM derived_status WHERE is_current = 1").fetchall():
            rows = sorted(repr(r) for r in con.execute('SELECT * FROM "%s_cache"' % name))
            out[name] = hashlib.sha256("\n".join(rows).encode()).hexdigest()
        return out
    finally:
        con.close()


def all_current(db):
    con = harness.connect(db, EXT)
    try:
        if not con.execute("SELECT 1 FROM sqlite_schema WHERE name = 'derived_status'").fetchone():
            return False
        n, cur = con.execute("SELECT count(*), total(is_current) FROM derived_status").fetchone()
        return n > 0 and n == cur
    finally:
        con.close()


def integrity(db):
    con = sqlite3.connect(db)
    try:
        return con.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        con.close()


# What each script starts from and what it makes.
changed = os.path.join(SCRATCH, "csv_changed")
shutil.copytree(CSV, changed)
path = os.path.join(changed, "accounts.csv")
with open(path, encoding="utf-8") as f:
    lines = f.read().split("\n")
header = lines[0].split(",")
col = header.index("name") if "name" in header else 1
out = [lines[0]]
for line in lines[1:]:
    if line:
        cells = line.split(",")
        cells[col] = cells[col] + " Renamed" if not cells[col].startswith('"') else cells[col]
        line = ",".join(cells)
    out.append(line)
with open(path, "w", encoding="utf-8") as f:
    f.write("\n".join(out))

plain = os.path.join(SCRATCH, "plain.db")     # imported, views not installed
rc, text = harness.import_(plain, CSV, IMP)
T.check(rc == 0, "faults: the database without views is built", text[-300:])
stale = harness.copy(BASE, os.path.join(SCRATCH, "stale.db"))   # installed, then data changed
con = harness.connect(stale)
con.execute("UPDATE opportunities SET amount = amount + 1 WHERE rowid % 7 = 0")
con.close()

SCRIPTS = [
    ("import.sh", BASE, lambda db: ["sh", harness.IMPORT, db, changed, IMP]),
    ("install.sh", plain, lambda db: ["sh", harness.INSTALL, db, EXT]),
    ("refresh.sh", stale, lambda db: ["sh", harness.REFRESH, db, EXT]),
]

for name, before_db, cmd in SCRIPTS:
    before = harness.canonical_sha(before_db)
    clean = harness.copy(before_db, os.path.join(SCRATCH, "clean.db"))
    t0 = time.monotonic()
    rc, text = harness.run(cmd(clean))
    took = time.monotonic() - t0
    if not T.check(rc == 0, "faults: %s runs clean" % name, text[-300:]):
        continue
    after = harness.canonical_sha(clean)
    T.check(name != "import.sh" or after != before, "faults: the import changes the data (else kills prove little)")
    # The kept tables that are current before and after hold their views'
    # rows (checked once, in full); after a kill, a table that claims to be
    # current must hold exactly those rows of the data it has.
    for label, db in (("before", before_db), ("after", clean)):
        bad = wrong_caches(db)
        T.check(not bad, "faults: %s %s, the kept tables called current equal their views" % (label, name), *bad[:5])
    good_caches = {before: cache_digests(before_db), after: cache_digests(clean)}
    side = {}
    for k in range(POINTS):
        db = harness.copy(before_db, os.path.join(SCRATCH, "kill.db"))
        delay = took * (0.1 + 1.1 * (k + rng.random()) / POINTS)
        p = start(cmd(db))
        time.sleep(delay)
        finished = p.poll() is not None
        try:
            os.killpg(p.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        p.wait()
        what = "faults: kill -9 of %s at %.2f s of %.2f%s" % (name, delay, took, " (it had finished)" if finished else "")
        res = integrity(db)
        T.check(res == "ok", what + ": integrity_check", res)
        sha = harness.canonical_sha(db)
        T.check(sha in (before, after), what + ": the old data or the new, nothing between")
        digests = cache_digests(db)
        bad = [n for n, d in digests.items() if good_caches.get(sha, {}).get(n) != d]
        T.check(not bad, what + ": no kept table claims to be current with other rows than its view", *bad[:5])
        outcome = ("new" if sha == after else "old") + (" and current" if all_current(db) else "")
        side[outcome] = side.get(outcome, 0) + 1
        rc, text = harness.run(cmd(db))
        good = rc == 0 and harness.canonical_sha(db) == after and (name == "import.sh" or all_current(db))
        T.check(good, what + ": the next run completes, with the new data and the kept tables current",
                "rc %d" % rc, text[-400:])

    print("INFO faults: %s killed %d times: %s" % (name, POINTS, ", ".join("%s %d" % kv for kv in sorted(side.items()))))

# Two imports at once into one file: serialised.
single = harness.copy(BASE, os.path.join(SCRATCH, "single.db"))
rc, _ = harness.import_(single, changed, IMP)
want = harness.canonical_sha(single)
both = harness.copy(BASE, os.path.join(SCRATCH, "both.db"))
procs = [subprocess.Popen(["sh", harness.IMPORT, both, changed, IMP], stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True, cwd=harness.ROOT) for _ in range(2)]
outs = [p.communicate()[0] for p in procs]
rcs = [p.returncode for p in procs]
T.check(rcs == [0, 0], "faults: two imports at once both finish (the second waits)", repr(rcs),
        *(o[-300:] for o in outs))
T.check(harness.canonical_sha(both) == want, "faults: two imports at once leave what one import leaves")
con = harness.connect(both)
runs = con.execute("SELECT count(*) FROM import_runs").fetchone()[0]
base_runs = harness.connect(BASE).execute("SELECT count(*) FROM import_runs").fetchone()[0]
con.close()
T.check(runs == base_runs + 2, "faults: both imports are logged", "%d runs, %d before" % (runs, base_runs))

# Readers while refresh.sh refills, in WAL mode.
wal = harness.copy(stale, os.path.join(SCRATCH, "wal.db"))
con = sqlite3.connect(wal)
T.check(con.execute("PRAGMA journal_mode = WAL").fetchone()[0] == "wal", "faults: WAL mode set")
con.close()
reader = harness.connect(wal, EXT)
KEPT = "SELECT count(*), total(mrr) FROM revenue_customer_months"
kept = reader.execute(KEPT).fetchone()
STATUS = "SELECT group_concat(is_current, '') FROM (SELECT is_current FROM derived_status ORDER BY position)"
before = reader.execute(STATUS).fetchone()[0]
T.check("0" in before and "1" in before, "faults: the deals changed, some kept tables out of date and some current",
        before)
seen = {"reads": 0, "errors": [], "changed": 0, "half": 0, "states": set()}
stop = threading.Event()


def read_loop():
    r = harness.connect(wal, EXT)
    while not stop.is_set():
        try:
            r.execute("BEGIN")
            k = r.execute(KEPT).fetchone()
            st = r.execute(STATUS).fetchone()[0]
            r.execute("COMMIT")
            seen["reads"] += 1
            if k != kept:
                seen["changed"] += 1
            if st != before and set(st) != {"1"}:
                seen["half"] += 1
            seen["states"].add(st)
        except sqlite3.Error as e:
            seen["errors"].append(str(e))
            try:
                r.execute("ROLLBACK")
            except sqlite3.Error:
                pass
    r.close()


th = threading.Thread(target=read_loop)
th.start()
rc, text = harness.refresh(wal, EXT)
stop.set()
th.join()
reader.close()
T.check(rc == 0, "faults: refresh.sh with a reader reading (WAL)", text[-300:])
T.check(seen["reads"] > 0 and not seen["errors"], "faults: every read during the refresh answers",
        "%d reads" % seen["reads"], *seen["errors"][:3])
T.check(seen["changed"] == 0, "faults: a kept view's figure does not change while it is refilled",
        "%d of %d reads differed" % (seen["changed"], seen["reads"]))
T.check(seen["half"] == 0, "faults: derived_status reads as before the refresh or all current, never between",
        "%d reads saw some current" % seen["half"])
T.check(all_current(wal), "faults: after the refresh every kept table is current")
T.finish()
