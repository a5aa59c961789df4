"""bench/timing.py — whole-process timing for the benchmarks, standard library.

A command is run as a child process and measured by the kernel's own
accounting of it (wait4, through bench/rusage.c, built on first use): CPU =
user + system seconds of the child and every descendant it waited for,
wall seconds, and the peak resident set of the largest single process of
the tree (ru_maxrss).  Two commands are
compared in interleaved rounds (A B C, A B C, ...), and the ratio A/B is
taken round by round: on a shared machine whose speed drifts, the runs of
one round see about the same machine, so the median of the per-round
ratios is steadier than a ratio of medians.

    from timing import run, rounds, ratio, median
    r = run("sqlite3 x.db < load.sql")        # Run(cpu, user, sys, wall, rss_mib, rc)
    a, b = rounds(["A command", "B command"], 3)
    ratio(a, b, "cpu")                         # median of a[i].cpu / b[i].cpu

Commands are shell text (sh -c), written by the benchmark itself from paths
it made: never from a database's contents.
"""
import collections
import math
import os
import subprocess
import tempfile
import time

Run = collections.namedtuple("Run", "cpu user sys wall rss_mib rc")


def median(xs):
    xs = sorted(xs)
    n = len(xs)
    if n == 0:
        return float("nan")
    return xs[n // 2] if n % 2 else (xs[n // 2 - 1] + xs[n // 2]) / 2


ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
_RUSAGE = []


def rusage_program():
    """bench/rusage.c, built into build/ when missing or older."""
    if not _RUSAGE:
        src = os.path.join(ROOT, "bench", "rusage.c")
        exe = os.path.join(ROOT, "build", "bench-rusage")
        if not os.path.exists(exe) or os.path.getmtime(exe) < os.path.getmtime(src):
            os.makedirs(os.path.dirname(exe), exist_ok=True)
            subprocess.run(["cc", "-std=c11", "-O2", "-o", exe, src], check=True)
        _RUSAGE.append(exe)
    return _RUSAGE[0]


def run(cmd, out=None):
    """Run shell text cmd once; its output goes to out (a path) or nowhere."""
    sink = open(out, "ab") if out else open(os.devnull, "wb")
    fd, report = tempfile.mkstemp(prefix="rusage.")
    os.close(fd)
    try:
        t0 = time.perf_counter()
        subprocess.run([rusage_program(), report, "sh", "-c", cmd], stdin=subprocess.DEVNULL,
                       stdout=sink, stderr=sink, check=True)
        wall = time.perf_counter() - t0
        with open(report) as fh:
            user, sys_, maxrss, rc = fh.read().split()
    finally:
        sink.close()
        os.unlink(report)
    user, sys_ = float(user), float(sys_)
    # ru_maxrss is KiB on Linux
    return Run(user + sys_, user, sys_, wall, int(maxrss) / 1024.0, int(rc))


def rounds(cmds, n, out=None, before=None):
    """n rounds of the shell commands cmds, each round every command once
    in the given order (A B C ..., A B C ...).  Returns one list of Run per
    command.  before: one shell text per command (or None), run untimed
    before each of its runs, e.g. to remove the database its last run
    wrote.  A command that fails stops the benchmark: a failed run is no
    figure."""
    res = [[] for _ in cmds]
    before = before or [None] * len(cmds)
    for _ in range(n):
        for cmd, acc, pre in zip(cmds, res, before):
            if pre:
                subprocess.run(["sh", "-c", pre], check=True)
            r = run(cmd, out)
            if r.rc != 0:
                raise SystemExit("benchmark command failed (exit %d): %s%s" % (
                    r.rc, cmd, " (output in %s)" % out if out else ""))
            acc.append(r)
    return res


def ratio(ra, rb, field="cpu"):
    """The median of the per-round ratios a/b of one figure."""
    return median([getattr(x, field) / getattr(y, field) for x, y in zip(ra, rb) if getattr(y, field) > 0])


def fit_exponent(xs, ys):
    """Least-squares slope of log(y) on log(x): y ~ x^k (k = 1 is linear)."""
    pts = [(math.log(x), math.log(y)) for x, y in zip(xs, ys) if x > 0 and y > 0]
    if len(pts) < 2:
        return float("nan")
    mx = sum(p[0] for p in pts) / len(pts)
    my = sum(p[1] for p in pts) / len(pts)
    sxx = sum((p[0] - mx) ** 2 for p in pts)
    return sum((p[0] - mx) * (p[1] - my) for p in pts) / sxx if sxx else float("nan")
