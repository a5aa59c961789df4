#!/usr/bin/python3
"""bench/bench_import.py DIST — the CSV import against its baselines.

The import (sh sql/import/import.sh, the import module DIST/revops_import)
loads the demo set of each scale; every baseline loads the same files (or
reads them), in the same run, in interleaved rounds (import, floor, reader,
.import, typed SQL, DuckDB; again ...), each a whole process measured by
the kernel (timing.py: CPU = the child's user + system, wall, peak RSS).
Ratios are import / baseline, the median of the per-round ratios: 2.00x
is twice the baseline's CPU.

  floor      cat *.csv | wc -l: reading the bytes, nothing else
  reader     the import's own CSV reader alone: count(*) of revops_csv over
             every file (parse every record, keep nothing)
  .import    the sqlite3 shell's .import --csv into untyped text tables
  typed SQL  plain SQL: .import into a temp table, then a typed INSERT ...
             SELECT into the same STRICT tables (CHECKs, keys, foreign keys,
             indexes), parents first, one transaction, the import's page
             cache; one bad value would abort it where the import rejects
             one row
  duckdb     DuckDB's typed read_csv into tables with the same column types
             and primary keys, one thread, a database file (npm
             @duckdb/node-api under Node, installed by this script into
             BENCH_CACHE, never by make test; skipped with a message when
             node or npm is missing)
  previous   BENCH_OLD=DIR: the import of another built checkout

Environment: BENCH_SCALES="1 20" (demo scales), BENCH_RUNS=3 (rounds),
BENCH_OLD=DIR, BENCH_ONLY="reader typed" (a subset of the baselines),
BENCH_CACHE (default ~/.cache/revops-bench: the DuckDB package).

Afterwards the import's tables are compared with the typed-SQL load's (and
the previous import's), table by table (.sha3sum): a faster import that
loads other data is no result.
"""
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
import import_baselines  # noqa: E402
from timing import median, ratio, rounds  # noqa: E402

DUCKDB_PKG = "@duckdb/node-api@1.5.6-r.1"
RSS_GOAL_MIB = 64


def q(s):
    """A path as one shell word (the paths are the benchmark's own)."""
    return "'" + s.replace("'", "'\\''") + "'"


def duckdb_dir():
    """The cache dir holding @duckdb/node-api, installed on first use."""
    cache = os.environ.get("BENCH_CACHE") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "revops-bench")
    d = os.path.join(cache, "duckdb")
    if os.path.isdir(os.path.join(d, "node_modules", "@duckdb", "node-api")):
        return d
    if not shutil.which("node") or not shutil.which("npm"):
        print("bench_import: DuckDB baseline skipped (needs node and npm for %s)" % DUCKDB_PKG)
        return None
    os.makedirs(d, exist_ok=True)
    r = subprocess.run(["npm", "install", "--silent", "--no-audit", "--no-fund", DUCKDB_PKG],
                       cwd=d, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if r.returncode != 0:
        print("bench_import: DuckDB baseline skipped: npm install %s failed: %s" % (DUCKDB_PKG, r.stderr.strip()[-300:]))
        return None
    return d


def sha3_tables(db, tables):
    return {t: subprocess.run(["sqlite3", db, ".sha3sum %s" % t], capture_output=True, text=True,
                              check=True).stdout for t in tables}


def main(dist):
    dist = os.path.abspath(dist)
    module = os.path.join(dist, "revops_import")
    scales = os.environ.get("BENCH_SCALES", "1 20").split()
    runs = int(os.environ.get("BENCH_RUNS", "3"))
    only = os.environ.get("BENCH_ONLY", "").split()
    old = os.environ.get("BENCH_OLD")
    duck = duckdb_dir()
    os.makedirs(os.path.join(ROOT, "build"), exist_ok=True)
    tmp = tempfile.mkdtemp(prefix="bench-import.", dir=os.path.join(ROOT, "build"))
    try:
        gen = os.path.join(tmp, "gen")
        subprocess.run(["cc", "-O2", "-o", gen, os.path.join(ROOT, "sql", "demo", "gen.c")], check=True)
        for scale in scales:
            bench_scale(scale, runs, only, old, duck, module, gen, tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def bench_scale(scale, runs, only, old, duck, module, gen, tmp):
    d = os.path.join(tmp, "s" + scale)
    csv = os.path.join(d, "csv")
    os.makedirs(csv)
    subprocess.run([gen, csv, scale], check=True, stdout=subprocess.DEVNULL)
    files = sorted(f for f in os.listdir(csv) if f.endswith(".csv"))
    rows = 0
    size = 0
    for f in files:
        with open(os.path.join(csv, f), "rb") as fh:
            rows += sum(1 for _ in fh) - 1
        size += os.path.getsize(os.path.join(csv, f))
    import_baselines.write(csv, d, module)
    db = {k: os.path.join(d, k + ".db") for k in ("import", "text", "typed", "old")}
    duckdb = os.path.join(d, "d.duckdb")
    # (name, command, the file its run writes: removed before each run)
    cmds = [("import", "sh %s %s %s %s >/dev/null" % (
        q(os.path.join(ROOT, "sql", "import", "import.sh")), q(db["import"]), q(csv), q(module)), db["import"])]
    base = [
        ("floor", "cat %s/*.csv | wc -l >/dev/null" % q(csv), None),
        ("reader", "sqlite3 :memory: < %s >/dev/null" % q(os.path.join(d, "reader.sql")), None),
        (".import", "sqlite3 %s < %s" % (q(db["text"]), q(os.path.join(d, "text.sql"))), db["text"]),
        ("typed SQL", "sqlite3 %s < %s" % (q(db["typed"]), q(os.path.join(d, "typed.sql"))), db["typed"]),
    ]
    mjs = None
    if duck:
        # Node resolves the package from the script's own directory.
        mjs = os.path.join(duck, "duck-%d-s%s.mjs" % (os.getpid(), scale))
        shutil.copy(os.path.join(d, "duck.mjs"), mjs)
        base.append(("duckdb", "node %s %s" % (q(mjs), q(duckdb)), duckdb))
    if old:
        base.append(("previous", "cd %s && sh sql/import/import.sh %s %s >/dev/null" % (
            q(old), q(db["old"]), q(csv)), db["old"]))
    if only:
        base = [b for b in base if b[0] in only]
    cmds += base
    log = os.path.join(d, "runs.log")
    print("scale %s: %d files, %d rows, %.0f MB; %d rounds (%s)"
          % (scale, len(files), rows, size / 1e6, runs, ", ".join(c[0] for c in cmds)), flush=True)
    try:
        res = rounds([c[1] for c in cmds], runs, out=log,
                     before=["rm -f %s %s.wal" % (q(c[2]), q(c[2])) if c[2] else None for c in cmds])
    finally:
        if mjs:
            os.unlink(mjs)
    a = res[0]
    acpu = median([r.cpu for r in a])
    arss = max(r.rss_mib for r in a)
    print("  import: cpu %.2f s (user %.2f + sys %.2f), wall %.2f s, %.0f rows per cpu-second, peak RSS %.1f MiB (goal <= %d: %s)"
          % (acpu, median([r.user for r in a]), median([r.sys for r in a]), median([r.wall for r in a]),
             rows / acpu, arss, RSS_GOAL_MIB, "met" if arss <= RSS_GOAL_MIB else "NOT met"))
    print("  %-10s %9s %9s %10s %10s %10s" % ("baseline", "cpu s", "wall s", "peak MiB", "ratio cpu", "ratio wall"))
    for (name, _, _), b in zip(cmds[1:], res[1:]):
        print("  %-10s %9.2f %9.2f %10.1f %9.2fx %9.2fx"
              % (name, median([r.cpu for r in b]), median([r.wall for r in b]), max(r.rss_mib for r in b),
                 ratio(a, b, "cpu"), ratio(a, b, "wall")))
    # The same data: the last round's databases are still there.
    names = [c[0] for c in cmds]
    if "typed SQL" in names or "previous" in names:
        tables = subprocess.run(["sqlite3", db["import"], "SELECT name FROM sqlite_schema WHERE type = 'table' "
                                 "AND name NOT LIKE 'import%' AND name NOT LIKE 'sqlite%' ORDER BY name"],
                                capture_output=True, text=True, check=True).stdout.split()
        mine = sha3_tables(db["import"], tables)
        for name, key in (("typed SQL", "typed"), ("previous", "old")):
            if name in names:
                other = sha3_tables(db[key], tables)
                diff = [t for t in tables if mine[t] != other[t]]
                print("  checked: the import's %d tables and the %s load's: %s"
                      % (len(tables), name, "identical" if not diff else "DIFFER: " + " ".join(diff)))
    shutil.rmtree(d, ignore_errors=True)


if __name__ == "__main__":
    main(sys.argv[1])
