"""learn_fit, learn_score, auc/brier_score/log_loss and forecast ranges
against references written here, independently of the C code.

Run by tests/run.sh as: python3 tests/python/test_learn.py dist/revops

- Logistic regression: Newton's method in plain Python on the same rows
  (standardised with the population standard deviation, L2 penalty on
  every coefficient but the intercept), coefficients to 1e-6.
- Determinism: the same rows in three orders give the same model text.
- Forecast ranges: every one of the 2^n outcomes of up to 20 deals,
  enumerated, against forecast_quantile / forecast_reach.
- Metrics: AUC by counting every (positive, negative) pair, Brier score
  and log loss by their definitions.
"""
import bisect
import itertools
import json
import math
import random
import sqlite3
import sys

ext = sys.argv[1]
passed = failed = 0


def check(label, ok, detail=""):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print(f"FAIL {label}" + (f"\n     {detail}" if detail else ""))


con = sqlite3.connect(":memory:")
con.enable_load_extension(True)
con.load_extension(ext)
con.enable_load_extension(False)


# ------------------------------------------------ logistic regression
def solve(a, b):
    """Gaussian elimination with partial pivoting (a is n x n)."""
    n = len(b)
    m = [row[:] + [b[i]] for i, row in enumerate(a)]
    for c in range(n):
        p = max(range(c, n), key=lambda r: abs(m[r][c]))
        m[c], m[p] = m[p], m[c]
        for r in range(c + 1, n):
            f = m[r][c] / m[c][c]
            for k in range(c, n + 1):
                m[r][k] -= f * m[c][k]
    x = [0.0] * n
    for r in range(n - 1, -1, -1):
        x[r] = (m[r][n] - sum(m[r][k] * x[k] for k in range(r + 1, n))) / m[r][r]
    return x


def reference_fit(rows, labels, lam):
    """rows: lists of floats or None.  Returns (intercept, coefs, means, scales)."""
    p = len(rows[0])
    means, scales = [], []
    for j in range(p):
        vals = [r[j] for r in rows if r[j] is not None]
        mu = sum(vals) / len(vals)
        sd = math.sqrt(sum((v - mu) ** 2 for v in vals) / len(vals))
        if max(vals) == min(vals):
            mu, sd = vals[0], 0.0
        means.append(mu)
        scales.append(sd)
    cols = [j for j in range(p) if scales[j] > 0]
    z = [[1.0] + [0.0 if r[j] is None else (r[j] - means[j]) / scales[j] for j in cols] for r in rows]
    d = len(cols) + 1
    beta = [0.0] * d
    for _ in range(200):
        g = [0.0] * d
        h = [[0.0] * d for _ in range(d)]
        for zi, y in zip(z, labels):
            eta = sum(a * b for a, b in zip(zi, beta))
            mu = 1 / (1 + math.exp(-eta))
            w = mu * (1 - mu)
            for a in range(d):
                g[a] += (mu - y) * zi[a]
                for b in range(d):
                    h[a][b] += w * zi[a] * zi[b]
        for a in range(1, d):
            g[a] += lam * beta[a]
            h[a][a] += lam
        step = solve(h, g)
        beta = [b - s for b, s in zip(beta, step)]
        if max(abs(s) for s in step) < 1e-13:
            break
    coefs = [0.0] * p
    for k, j in enumerate(cols):
        coefs[j] = beta[k + 1]
    return beta[0], coefs, means, scales


def fit_sql(rows, labels, lam, names, order=None):
    con.execute("DROP TABLE IF EXISTS t")
    p = len(names)
    con.execute("CREATE TABLE t(y, " + ", ".join(f"x{j}" for j in range(p)) + ")")
    idx = list(range(len(rows))) if order is None else order
    con.executemany(f"INSERT INTO t VALUES ({', '.join('?' * (p + 1))})",
                    [[labels[i]] + list(rows[i]) for i in idx])
    args = ", ".join(f"'{n}', x{j}" for j, n in enumerate(names))
    return con.execute(f"SELECT learn_fit(y, NULL, {lam}, {args}) FROM t").fetchone()[0]


def compare_fit(label, rows, labels, lam, names):
    text = fit_sql(rows, labels, lam, names)
    m = json.loads(text)
    b0, coefs, means, scales = reference_fit(rows, labels, lam)
    worst = abs(m["intercept"] - b0)
    for j, f in enumerate(m["features"]):
        worst = max(worst, abs(f["coef"] - coefs[j]), abs(f["mean"] - means[j]) / (1 + abs(means[j])),
                    abs(f["scale"] - scales[j]) / (1 + scales[j]))
    check(f"{label}: coefficients match Newton in Python to 1e-6", worst < 1e-6, f"worst difference {worst}")
    check(f"{label}: converged", m["converged"] is True, text[:200])
    return m, text


rng = random.Random(14)
# A realistic table: 400 rows, 4 features, a known signal, some NULLs.
rows, labels = [], []
for i in range(400):
    a = rng.gauss(0, 1)
    b = rng.uniform(0, 90)
    c = rng.choice([0, 1])
    d = None if rng.random() < 0.1 else rng.gauss(5, 2)
    eta = -0.3 + 1.2 * a - 0.02 * b + 0.8 * c + (0 if d is None else 0.1 * (d - 5))
    labels.append(1 if rng.random() < 1 / (1 + math.exp(-eta)) else 0)
    rows.append([a, b, c, d])
m, text = compare_fit("400 rows, 4 features, NULLs", rows, labels, 1.0, ["a", "b", "c", "d"])
check("NULLs are counted as missing", m["features"][3]["missing"] == sum(r[3] is None for r in rows))
check("rows, positives and negatives are reported",
      (m["rows"], m["positives"], m["negatives"]) == (400, sum(labels), 400 - sum(labels)))
compare_fit("strong penalty (lambda 50)", rows, labels, 50.0, ["a", "b", "c", "d"])

# Determinism: the same rows in three orders give the same text, bit for bit.
orders = [list(range(400)), list(range(399, -1, -1)), rng.sample(range(400), 400)]
texts = {fit_sql(rows, labels, 1.0, ["a", "b", "c", "d"], o) for o in orders}
check("same rows in three orders: the same model text", len(texts) == 1, f"{len(texts)} different texts")

# learn_score on the training rows against the reference's probabilities.
b0, coefs, means, scales = reference_fit(rows, labels, 1.0)
worst = 0.0
for r in rows[:50]:
    eta = b0 + sum(0 if (v is None or s == 0) else c * (v - mu) / s
                   for v, c, mu, s in zip(r, coefs, means, scales))
    ref = 1 / (1 + math.exp(-eta))
    got = con.execute("SELECT learn_score(?, 'a', ?, 'b', ?, 'c', ?, 'd', ?)", [text] + r).fetchone()[0]
    worst = max(worst, abs(got - ref))
check("learn_score matches the reference probability to 1e-9", worst < 1e-9, f"worst {worst}")
got = con.execute("SELECT learn_score(?, 'd', ?, 'c', ?, 'b', ?, 'a', ?)", [text] + rows[0][::-1]).fetchone()[0]
ref = con.execute("SELECT learn_score(?, 'a', ?, 'b', ?, 'c', ?, 'd', ?)", [text] + rows[0]).fetchone()[0]
check("learn_score: pairs in any order", got == ref)
ex = json.loads(con.execute("SELECT learn_explain(?, 'a', ?, 'b', ?, 'c', ?, 'd', ?)", [text] + rows[1]).fetchone()[0])
tot = m["intercept"] + sum(f["contribution"] for f in ex["features"])
check("learn_explain: intercept + contributions = logit", abs(tot - ex["logit"]) < 1e-12)
check("learn_explain: probability = learn_score",
      abs(ex["probability"] - con.execute("SELECT learn_score(?, 'a', ?, 'b', ?, 'c', ?, 'd', ?)",
                                          [text] + rows[1]).fetchone()[0]) < 1e-14)

# Perfect separation: x > 0 always wins.  Unpenalised, the coefficient would
# grow without end; lambda keeps it finite and the reference agrees.
rows_s = [[x] for x in [-5, -4, -3, -2, -1.5, -1, 1, 1.5, 2, 3, 4, 5]]
labels_s = [0] * 6 + [1] * 6
m_s, _ = compare_fit("perfect separation, lambda 1", rows_s, labels_s, 1.0, ["x"])
check("perfect separation: finite coefficient", math.isfinite(m_s["features"][0]["coef"]) and m_s["features"][0]["coef"] > 1)
m_s2, _ = compare_fit("perfect separation, lambda 0.01", rows_s, labels_s, 0.01, ["x"])
check("smaller lambda, larger (still finite) coefficient", m_s2["features"][0]["coef"] > m_s["features"][0]["coef"])

# A constant feature: scale 0, coefficient 0, reported; the others fit as
# if it were absent.
rows_c = [[r[0], 7.0, r[2]] for r in rows]
m_c, _ = compare_fit("a constant feature", rows_c, labels, 1.0, ["a", "k", "c"])
check("constant feature: scale 0, coef 0, constant true",
      (m_c["features"][1]["scale"], m_c["features"][1]["coef"], m_c["features"][1]["constant"]) == (0, 0, True))

# ------------------------------------------------------------- metrics
ys = [rng.choice([0, 1]) for _ in range(300)]
ps = [round(rng.random(), 2) for _ in range(300)]   # rounded: many ties
con.execute("DROP TABLE IF EXISTS m")
con.execute("CREATE TABLE m(p, y)")
con.executemany("INSERT INTO m VALUES (?, ?)", list(zip(ps, ys)))
pos = [p for p, y in zip(ps, ys) if y]
neg = [p for p, y in zip(ps, ys) if not y]
auc_ref = sum(1.0 if a > b else 0.5 if a == b else 0.0 for a in pos for b in neg) / (len(pos) * len(neg))
brier_ref = sum((p - y) ** 2 for p, y in zip(ps, ys)) / len(ps)
eps = 1e-15
ll_ref = -sum(math.log(min(max(p, eps), 1 - eps)) if y else math.log(1 - min(max(p, eps), 1 - eps))
              for p, y in zip(ps, ys)) / len(ps)
auc, brier, ll = con.execute("SELECT auc(p, y), brier_score(p, y), log_loss(p, y) FROM m").fetchone()
check("auc against counting every pair (ties count 1/2)", abs(auc - auc_ref) < 1e-12, f"{auc} vs {auc_ref}")
check("brier_score against its definition", abs(brier - brier_ref) < 1e-12, f"{brier} vs {brier_ref}")
check("log_loss against its definition (p clipped at 1e-15)", abs(ll - ll_ref) < 1e-12, f"{ll} vs {ll_ref}")


# ------------------------------------------------------ forecast ranges
def enumerate_outcomes(deals):
    """Every outcome of the deals: (total, probability) pairs, 2^n of them."""
    out = [(0.0, 1.0)]
    for a, p in deals:
        out = [(t, q * (1 - p)) for t, q in out] + [(t + a, q * p) for t, q in out]
    return out


def prepare(outcomes):
    """Sorted totals and the cumulative probability up to each."""
    outcomes.sort()
    totals = [t for t, _ in outcomes]
    return totals, list(itertools.accumulate(pr for _, pr in outcomes))


def quantile_ref(prep, q):
    """The smallest total whose cumulative probability reaches q."""
    totals, cum = prep
    k = bisect.bisect_left(cum, q - 1e-12)
    return totals[min(k, len(totals) - 1)]


def reach_ref(prep, target):
    """P(total >= target)."""
    totals, cum = prep
    k = bisect.bisect_left(totals, target)
    return cum[-1] - (cum[k - 1] if k > 0 else 0.0)


def range_sql(deals, q=None, target=None):
    con.execute("DROP TABLE IF EXISTS d")
    con.execute("CREATE TABLE d(amount, probability)")
    con.executemany("INSERT INTO d VALUES (?, ?)", deals)
    r = json.loads(con.execute("SELECT forecast_range(amount, probability) FROM d").fetchone()[0])
    return r


worst_q = worst_r = 0.0
bad_bound = []
for n in list(range(1, 17)) + [20]:
    deals = [(float(rng.randrange(1, 2000) * 50), round(rng.uniform(0.05, 0.95), 3)) for _ in range(n)]
    if n % 4 == 0:   # some deals certain or hopeless
        deals[0] = (deals[0][0], 1.0)
        deals[1] = (deals[1][0], 0.0)
    outs = prepare(enumerate_outcomes(deals))
    r = range_sql(deals)
    for q in (0.1, 0.25, 0.5, 0.9):
        ref = quantile_ref(outs, q)
        got = con.execute("SELECT forecast_quantile(amount, probability, ?) FROM d", (q,)).fetchone()[0]
        worst_q = max(worst_q, abs(got - ref))
        if abs(got - ref) > r["error_bound"] + 1e-6:
            bad_bound.append((n, q, got, ref, r["error_bound"]))
    for target in (0.0, sum(a for a, _ in deals) / 3, sum(a for a, _ in deals) / 2):
        got = con.execute("SELECT forecast_reach(amount, probability, ?) FROM d", (target,)).fetchone()[0]
        if r["error_bound"] == 0:
            worst_r = max(worst_r, abs(got - reach_ref(outs, target)))
        else:
            lo, hi = reach_ref(outs, target + r["error_bound"]), reach_ref(outs, target - r["error_bound"])
            if not (lo - 1e-12 <= got <= hi + 1e-12):
                bad_bound.append((n, "reach", target, got, lo, hi))
    mean_ref = sum(a * p for a, p in deals)
    check(f"{n} deals: mean", abs(r["mean"] - mean_ref) < 1e-6 * (1 + mean_ref))
check("forecast_quantile vs every outcome of 1..16 and 20 deals (on the grid: exact)", worst_q == 0 and not bad_bound,
      f"worst {worst_q}, outside the bound: {bad_bound[:3]}")
check("forecast_reach vs every outcome of 1..16 and 20 deals", worst_r < 1e-12, f"worst {worst_r}")

# Amounts off the grid (cents, large totals): within the stated bound.
bad = []
for n in (10, 14, 17):
    deals = [(rng.randrange(100000, 50000000) / 100, round(rng.uniform(0.05, 0.95), 3)) for _ in range(n)]
    outs = prepare(enumerate_outcomes(deals))
    r = range_sql(deals)
    for q in (0.1, 0.5, 0.9):
        ref = quantile_ref(outs, q)
        got = con.execute("SELECT forecast_quantile(amount, probability, ?) FROM d", (q,)).fetchone()[0]
        if abs(got - ref) > r["error_bound"] + 1e-6:
            bad.append((n, q, got, ref, r["error_bound"]))
    check(f"{n} deals off the grid: the bound is at most n x step / 2",
          0 < r["error_bound"] <= n * r["step"] / 2 + 1e-9, json.dumps(r))
check("forecast_quantile off the grid: within error_bound of every-outcome enumeration", not bad, str(bad[:3]))

print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
