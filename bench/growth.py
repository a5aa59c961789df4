#!/usr/bin/python3
"""bench/growth.py DIST — how the import, the refresh and every persona grow.

    BENCH_SCALES="1 5 10 20" BENCH_RUNS=1 BENCH_STALE=1 python3 bench/growth.py dist

For each demo scale: generate the CSV files, import them (sh
sql/import/import.sh, a fresh database), install the views without
refilling (sql/views/install.sh --no-refresh), refill the derived tables
(sql/views/refresh.sh), then every persona's dashboard, every query
without filters (bench_dashboards.py), with the derived tables current,
and with BENCH_STALE=1 also out of date (each kept view computed from the
data, what a reader gets after any change until the refresh).  Beside them
the floors of the same run: the CSV reader alone over the files, and one
pass over every row of every data table.

CPU seconds throughout (user + system: the import and refresh as whole
processes, timing.py; the dashboards in this process); peak RSS of the
import.  Prints one Markdown table (measure x scale) with the fitted
exponent k of cost ~ rows^k from SCALE=5 up and from the first scale to
the second: k = 1 is linear.  Each database is removed after its scale
(SCALE=20 is about 3 GB with its derived tables).  BENCH_KEEP=1 keeps them
in build/growth/.
"""
import os
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
import bench_dashboards  # noqa: E402
import import_baselines  # noqa: E402
from timing import fit_exponent, median, rounds  # noqa: E402


def q(s):
    return "'" + s.replace("'", "'\\''") + "'"


def one_scale(scale, dist, runs, stale, work, gen):
    d = os.path.join(work, "s" + scale)
    shutil.rmtree(d, ignore_errors=True)
    csv = os.path.join(d, "csv")
    os.makedirs(csv)
    subprocess.run([gen, csv, scale], check=True, stdout=subprocess.DEVNULL)
    rows = 0
    for f in os.listdir(csv):
        with open(os.path.join(csv, f), "rb") as fh:
            rows += sum(1 for _ in fh) - 1
    module = os.path.join(dist, "revops_import")
    ext = os.path.join(dist, "revops")
    import_baselines.write(csv, d, module)
    db = os.path.join(d, "demo.db")
    m = {"rows": rows}
    imp = "rm -f %s && sh %s %s %s %s >/dev/null" % (
        q(db), q(os.path.join(ROOT, "sql", "import", "import.sh")), q(db), q(csv), q(module))
    reader = "sqlite3 :memory: < %s >/dev/null" % q(os.path.join(d, "reader.sql"))
    log = os.path.join(d, "runs.log")
    ri, rr = rounds([imp, reader], runs, out=log)
    m["import"] = median([r.cpu for r in ri])
    m["import_rss"] = max(r.rss_mib for r in ri)
    m["reader"] = median([r.cpu for r in rr])
    shutil.rmtree(csv)
    inst = rounds(["sh %s --no-refresh %s %s >/dev/null" % (
        q(os.path.join(ROOT, "sql", "views", "install.sh")), q(db), q(ext))], 1, out=log)[0]
    m["install"] = inst[0].cpu
    ref = rounds(["sh %s %s %s >/dev/null" % (
        q(os.path.join(ROOT, "sql", "views", "refresh.sh")), q(db), q(ext))], runs, out=log)[0]
    m["refresh"] = median([r.cpu for r in ref])
    m["refresh_rss"] = max(r.rss_mib for r in ref)
    m["db_mb"] = os.path.getsize(db) / 1e6
    con = bench_dashboards.connect(db, ext)
    _, _, m["scan"] = bench_dashboards.floor(con, runs)
    for p, _, _, c, best, _ in bench_dashboards.personas(con, runs):
        m["persona " + p] = c
        m["slowest " + p] = max(best.items(), key=lambda kv: kv[1])
    con.close()
    if stale:
        subprocess.run(["sqlite3", db, "UPDATE derived_tables SET fingerprint = NULL"], check=True)
        con = bench_dashboards.connect(db, ext)
        for p, _, _, c, best, _ in bench_dashboards.personas(con, 1):
            m["stale " + p] = c
        con.close()
    if not os.environ.get("BENCH_KEEP"):
        shutil.rmtree(d)
    return m


def table(scales, res):
    rows = [r["rows"] for r in res]
    keys = ["reader", "import", "install", "refresh", "scan"]
    keys += sorted(k for k in res[0] if k.startswith("persona "))
    keys += sorted(k for k in res[0] if k.startswith("stale "))
    label = {"reader": "floor: the CSV reader alone", "import": "import", "install": "install the views",
             "refresh": "refresh (every derived table)", "scan": "floor: one pass over every row"}
    big = [i for i, s in enumerate(scales) if float(s) >= 5]
    out = ["| CPU s | " + " | ".join("SCALE=%s" % s for s in scales) + " | k (SCALE>=5) | k (%s->%s) |"
           % (scales[0], scales[1] if len(scales) > 1 else "-"),
           "|---|" + "---|" * (len(scales) + 2)]
    out.append("| rows | " + " | ".join("{:,}".format(r) for r in rows) + " | | |")

    def k(ix, vals):
        if len(ix) < 2:
            return "-"
        return "%.2f" % fit_exponent([rows[i] for i in ix], [vals[i] for i in ix])

    for key in keys:
        vals = [r[key] for r in res]
        name = label.get(key, key.replace("persona ", "").replace("stale ", "") +
                         (" (out of date)" if key.startswith("stale ") else ""))
        out.append("| %s | %s | %s | %s |" % (name, " | ".join("%.2f" % v for v in vals), k(big, vals),
                                             k([0, 1], vals)))
    for pre, name in (("persona ", "every persona, caches current"), ("stale ", "every persona, out of date")):
        ks = [key for key in keys if key.startswith(pre)]
        if ks:
            vals = [sum(r[key] for key in ks) for r in res]
            out.append("| %s (sum) | %s | %s | %s |" % (name, " | ".join("%.2f" % v for v in vals), k(big, vals),
                                                       k([0, 1], vals)))
    out.append("| import rows per CPU-second | " + " | ".join(
        "{:,.0f}".format(r["rows"] / r["import"]) for r in res) + " | | |")
    out.append("| import peak RSS, MiB | " + " | ".join("%.1f" % r["import_rss"] for r in res) + " | | |")
    out.append("| refresh peak RSS, MiB | " + " | ".join("%.1f" % r["refresh_rss"] for r in res) + " | | |")
    out.append("| database file, MB | " + " | ".join("%.0f" % r["db_mb"] for r in res) + " | | |")
    return "\n".join(out)


def main(dist):
    dist = os.path.abspath(dist)
    scales = os.environ.get("BENCH_SCALES", "1 5 10 20").split()
    runs = int(os.environ.get("BENCH_RUNS", "1"))
    stale = os.environ.get("BENCH_STALE", "1") == "1"
    work = os.path.join(ROOT, "build", "growth")
    os.makedirs(work, exist_ok=True)
    gen = os.path.join(work, "gen")
    subprocess.run(["cc", "-O2", "-o", gen, os.path.join(ROOT, "sql", "demo", "gen.c")], check=True)
    res = []
    for s in scales:
        m = one_scale(s, dist, runs, stale, work, gen)
        res.append(m)
        print("SCALE=%s: %s" % (s, ", ".join("%s %s" % (k, ("%.2f" % v) if isinstance(v, float) else v)
                                               for k, v in m.items())), flush=True)
    print()
    print(table(scales, res))
    print()
    print("slowest query of each persona (caches current), CPU s:")
    for p in sorted(k[8:] for k in res[0] if k.startswith("slowest ")):
        print("  %-18s %s" % (p, "  ".join("%s %.2f" % r["slowest " + p] for r in res)))


if __name__ == "__main__":
    main(sys.argv[1])
