"""tests/report/test_layout.py — tools/layout.py and tools/drill/*.sql name only what exists.

  - HEADLINES: each persona, query and column exists; the row a headline
    picks exists on the demo; a target column is in the same query;
  - BANDS: each metric is in the catalogue, each benchmark in the
    benchmarks table, with units that agree (a percent is a fraction);
  - SERIES: both metrics exist with the same unit, and a time-series panel
    (x a period column) shows the series;
  - COMPARE and PERIODS: the as_of_calendar columns and expressions they
    name give dates;
  - tools/drill/*.sql: every query runs, its first column is the page's key
    and it takes that key as a parameter; every numeric column is a metric
    of the catalogue or a declared dimension, every metric id exists (the
    rule tests/dashboards/catalogue.py applies to sql/dashboards/).
"""
import os
import re
import sys

import harness
import dashboards

T = harness.Counter()
EXT, DB, SCRATCH = harness.args()
sys.path.insert(0, os.path.join(harness.ROOT, "tools"))
import drill  # noqa: E402
import layout  # noqa: E402

con = harness.connect(DB, EXT)
cat = dashboards.catalogue_from_file()
queries = {(q.persona, q.name): q for q in dashboards.load(harness.REAL)}
results = {}


def result(q):
    if (q.persona, q.name) not in results:
        cur = con.execute(q.sql, {p: None for p in q.params()})
        results[(q.persona, q.name)] = ([d[0] for d in cur.description], cur.fetchall())
    return results[(q.persona, q.name)]


shown = {}
for persona, specs in layout.HEADLINES.items():
    T.check(any(p == persona for p, _ in queries), "layout: persona %s exists" % persona)
    T.check(1 <= len(specs) <= 6, "layout: %s has 1 to 6 headlines" % persona)
    for spec in specs:
        qn, col, sel = spec[:3]
        q = queries.get((persona, qn))
        if not T.check(q is not None, "layout: headline %s.%s names a query" % (persona, qn)):
            continue
        cols, rows = result(q)
        T.check(col in cols and col in q.metrics, "layout: headline %s.%s.%s is a metric column" % (persona, qn, col), cols)
        if sel == 0:
            ok = q.chart == "kpi" or len(rows) == 1
            found = len(rows) == 1
        elif sel == "partial":
            ok = "is_partial" in cols
            found = ok and any(r[cols.index("is_partial")] for r in rows)
        else:
            ok = sel[0] in cols
            found = ok and any(r[cols.index(sel[0])] == sel[1] for r in rows)
        T.check(ok, "layout: the row of headline %s.%s.%s (%r) can be picked" % (persona, qn, col, sel))
        shown[persona] = shown.get(persona, 0) + bool(found)
        if len(spec) > 3:
            T.check(spec[3] in cols, "layout: the target %s of %s.%s is in the same query" % (spec[3], persona, qn))

# a row picked by its value may be missing from a small demo; most are there
T.check(all(shown.get(p, 0) >= 2 for p in layout.HEADLINES), "layout: every persona shows two headlines or more on the demo", shown)
bench = {}
for metric, unit in con.execute("SELECT metric, unit FROM benchmarks GROUP BY metric"):
    bench[metric] = unit
AGREE = {"percent": ("fraction",), "ratio": ("ratio", "multiple"), "months": ("months",)}
for mid, b in layout.BANDS.items():
    T.check(mid in cat, "layout: band metric %s is in the catalogue" % mid)
    T.check(b in bench, "layout: benchmark %s is in the benchmarks table" % b)
    if mid in cat and b in bench:
        T.check(bench[b] in AGREE.get(cat[mid]["unit"], ()), "layout: %s (%s) and benchmark %s (%s) agree in unit" % (
            mid, cat[mid]["unit"], b, bench[b]))

series_ids = set()
for (persona, qn), q in queries.items():
    cols, rows = result(q)
    x = q.meta.get("x", "").strip() or next((c for i, c in enumerate(cols) if any(isinstance(r[i], str) for r in rows)), "")
    if x in layout.PERIOD_COLUMNS:
        series_ids |= set(q.metrics.values())
for mid, sid in layout.SERIES.items():
    T.check(mid in cat and sid in cat and cat[mid]["unit"] == cat[sid]["unit"],
            "layout: series %s -> %s: both metrics exist, one unit" % (mid, sid))
    T.check(sid in series_ids, "layout: a time-series panel shows %s" % sid)

T.check(all(m in cat for m in layout.NOT_COMPARED_METRICS), "layout: every metric not compared is in the catalogue",
        sorted(set(layout.NOT_COMPARED_METRICS) - set(cat)))
cal_cols = [r[1] for r in con.execute("SELECT * FROM pragma_table_info('as_of_calendar')")]
for _, col, _ in layout.COMPARE:
    T.check(col in cal_cols, "layout: as_of_calendar has %s" % col)
for key, label, start, end in layout.PERIODS:
    s, e = con.execute("SELECT %s, %s FROM as_of_calendar" % (start, end)).fetchone()
    T.check(re.fullmatch(r"\d{4}-\d\d-\d\d", str(s)) and re.fullmatch(r"\d{4}-\d\d-\d\d", str(e)) and s <= e,
            "layout: period %s is a date range (%s to %s)" % (key, s, e))

for kind in ("account", "deal"):
    for q in drill.queries(kind):
        try:
            cur = con.execute(q.sql, {p: None for p in q.params()})
            cols, rows = [d[0] for d in cur.description], cur.fetchall()
        except Exception as e:
            T.check(False, "drill %s.%s runs" % (kind, q.name), e)
            continue
        T.check(cols[0] == drill.KEY[kind] and drill.KEY[kind] in q.params(),
                "drill %s.%s: its first column is %s and it takes :%s" % (kind, q.name, drill.KEY[kind], drill.KEY[kind]), cols)
        numeric = [c for i, c in enumerate(cols) if any(isinstance(r[i], (int, float)) and not isinstance(r[i], bool)
                                                        for r in rows)]
        unnamed = [c for c in numeric if c not in q.metrics and c not in q.dimensions]
        T.check(not unnamed, "drill %s.%s: every numeric column is a metric or a dimension" % (kind, q.name), unnamed)
        unknown = [m for m in q.metrics.values() if m not in cat]
        T.check(not unknown, "drill %s.%s: every metric id is in the catalogue" % (kind, q.name), unknown)
        T.check(len(rows) > 0 or q.name == "insights", "drill %s.%s: gives rows on the demo" % (kind, q.name))
# Bands at their edges (seed 003: burn multiple elite < 1, great < 1.5,
# good < 2): a negative multiple (cash generated, or ARR shrinking) is in
# no band (issue 21: it read "Elite"); NRR 1.05 is Good, 1.049 below it.
import render  # noqa: E402
import report  # noqa: E402
bands = report.bands_of(con)
burn, nrr_b = bands.get("burn_multiple", []), bands.get("nrr", [])
fmt = render.Fmt()
name = lambda v, b, mid: (render.band_of(v, b, fmt, cat.get(mid, {"unit": "ratio", "decimals": "2"})) or {}).get("name")
T.check(name(-0.3, burn, "burn_multiple") is None and name(-10.23, burn, "burn_multiple") is None,
        "band: a negative burn multiple is in no band", name(-0.3, burn, "burn_multiple"))
T.check([name(v, burn, "burn_multiple") for v in (0.0, 0.99, 1.0, 1.49, 1.5, 2.0, 7.0)]
        == ["Elite", "Elite", "Great", "Great", "Good", "Below good", "Below good"], "band: burn multiple at its edges",
        [name(v, burn, "burn_multiple") for v in (0.0, 0.99, 1.0, 1.49, 1.5, 2.0, 7.0)])
T.check([name(v, nrr_b, "nrr_12m") for v in (1.049, 1.05, 1.30)] == ["Below good", "Good", "World-class"],
        "band: NRR at its edges", [name(v, nrr_b, "nrr_12m") for v in (1.049, 1.05, 1.30)])
con.close()
T.finish()
