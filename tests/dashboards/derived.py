"""tests/dashboards/derived.py DB EXT — the derived tables (sql/views/99_derived.sql).

Run by tests/run.sh (layer "dashboards") on a copy of the demo database
with the views installed by sql/views/install.sh (which fills the derived
tables).  The copy is changed.  Prints one "FAIL ..." report per failure
and, last, "PASSED FAILED".

  * after install every derived table is current;
  * each cache holds exactly its view's rows: V_cache, and V read through
    its wrapper, against V_live, value for value with SQLite's types
    (1 and 1.0 differ), and the same columns with the same declared types;
  * each V_live reads only tables its own fingerprint covers (or that
    the as-of date reads: its value is in the fingerprint) and no cache
    (EXPLAIN's OpenRead root pages), so no change a view depends on goes
    unseen and V's fallback computes from the data; each V_refill reads
    the caches of kept views refilled before it;
  * an UPDATE, an INSERT, a DELETE and a change of the as-of setting each
    make the caches that read the changed table out of date, and every
    view then gives the new figures (V equals V_live, which differs from
    the old cache where it must); (tests/dashboards/incremental.py: what
    the refresh then refills);
  * sql/views/refresh.sh makes them current again; install.sh run again
    keeps them right;
  * a cached view not written "CREATE VIEW name AS" stops the install,
    which leaves the database as it was.
"""
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import run  # noqa: E402  (tests/dashboards/run.py: its counters and its read-only connect)
from run import ok  # noqa: E402


def bad(msg, *detail):
    run.bad("derived tables: " + msg, *detail)


def connect(db, ext, ro=True):
    if ro:
        return run.connect(db, ext)
    con = sqlite3.connect(db, isolation_level=None)
    con.enable_load_extension(True)
    con.load_extension(ext)
    con.enable_load_extension(False)
    con.execute("PRAGMA trusted_schema = OFF")
    return con


def typed(rows):
    """Rows as a sorted list of reprs: Python's sqlite3 gives int, float,
    str, bytes or None, so repr keeps SQLite's storage class (1 vs 1.0)."""
    return sorted(repr(tuple(r)) for r in rows)


def rows_of(con, name):
    return typed(con.execute('SELECT * FROM "%s"' % name).fetchall())


def status(con):
    return {n: c for n, c in con.execute("SELECT name, is_current FROM derived_status")}


def cached(con):
    return [r[0] for r in con.execute("SELECT name FROM derived_views ORDER BY position")]


def compare_all(con, names, label, cache=True):
    """V (and V_cache while current) against V_live, each view named."""
    for v in names:
        live = rows_of(con, v + "_live")
        if not live:
            bad("%s: %s_live has no rows on the demo: the comparison would prove nothing" % (label, v))
            continue
        for other in ((v + "_cache", v) if cache else (v,)):
            got = rows_of(con, other)
            if got == live:
                ok()
            else:
                extra = [r for r in got if r not in set(live)][:2]
                lost = [r for r in live if r not in set(got)][:2]
                bad("%s: %s differs from %s_live (%d rows against %d)" % (label, other, v, len(got), len(live)),
                    "only in %s: %s" % (other, extra), "only in %s_live: %s" % (v, lost))


def main(db, ext):
    con = connect(db, ext)
    names = cached(con)
    if len(names) >= 10:
        ok()
    else:
        bad("derived_views lists %d views" % len(names))

    # Current after install.sh (it refreshes).
    st = status(con)
    stale = sorted(n for n in names if st.get(n) != 1)
    if not stale:
        ok()
    else:
        bad("not current after sql/views/install.sh: %s" % ", ".join(stale))

    # Same columns, same declared types (what a BI tool and SQLite's
    # affinity see), for the cache, the wrapper and the live view.
    for v in names:
        cols = {}
        for n in (v, v + "_cache", v + "_live"):
            cols[n] = [(r[1], r[2]) for r in con.execute('SELECT * FROM pragma_table_info(?)', (n,))]
        if cols[v] and cols[v] == cols[v + "_cache"] == cols[v + "_live"]:
            ok()
        else:
            bad("%s: columns differ between the view, its cache and its live view" % v, cols)

    compare_all(con, names, "after install")

    # Reading V while current costs a scan of V_cache and the fingerprint
    # once, not once per row (counted in SQLite's virtual-machine steps,
    # through the progress handler: no clock).  The wrapper's test written
    # bare cost 110-140 more steps per cached row (3.2 s for the
    # customer-months at SCALE=20, 0.06 s once); here at most 10.
    def steps(sql):
        n = [0]

        def tick():
            n[0] += 1
            return 0
        con.set_progress_handler(tick, 100)
        try:
            con.execute(sql).fetchall()
        finally:
            con.set_progress_handler(None, 0)
        return n[0] * 100
    # A cache has no index: a refill or a view that joins one as an inner
    # loop (a SCAN of V_cache after another loop at the same level of
    # EXPLAIN QUERY PLAN) reads it once per outer row, quadratic in the
    # data (billing_accounts joined account_dimensions so: 161 s of the
    # refresh at SCALE=20).  A CTE AS MATERIALIZED gets an automatic index.
    # Caches of fewer than 1000 rows here are per month or per segment and
    # do not grow with the data.
    sizes = {v: con.execute('SELECT count(*) FROM "%s_cache"' % v).fetchone()[0] for v in names}
    readers = [r[0] for r in con.execute("SELECT name FROM sqlite_schema WHERE type = 'view' ORDER BY name")]
    nested = []
    for view in readers:
        loops = {}
        for _id, parent, _unused, detail in con.execute('EXPLAIN QUERY PLAN SELECT * FROM "%s"' % view):
            if not re.match(r"(SCAN|SEARCH) ", detail) or detail.startswith("SCAN CONSTANT"):
                continue
            m = re.match(r"SCAN (\S+)_cache( |$)", detail)
            if m and loops.get(parent) and sizes.get(m.group(1), 0) >= 1000:
                nested.append("%s: %s inside %s" % (view, detail, loops[parent][-1]))
            loops.setdefault(parent, []).append(detail)
    if len(readers) > 100 and not nested:
        ok()
    else:
        bad("a cache scanned inside another loop (once per outer row)", *nested[:10])

    for v in names:
        rows = con.execute('SELECT count(*) FROM "%s_cache"' % v).fetchone()[0]
        through = steps('SELECT count(*) FROM "%s"' % v)
        cache = steps('SELECT count(*) FROM (SELECT * FROM "%s_cache" LIMIT -1)' % v)
        if rows < 1000 or (through - cache - 10000) <= 10 * rows:
            ok()
        else:
            bad("%s: reading it through its wrapper takes %d VM steps, its cache %d, for %d rows: "
                "the currency test runs per row" % (v, through, cache, rows))

    # Every table a kept view reads is in its fingerprint: one arm of
    # derived_fingerprint per view, "SELECT 'name', <its fingerprint>".
    fp_sql = con.execute("SELECT sql FROM sqlite_schema WHERE name = 'derived_fingerprint'").fetchone()[0]
    own, arms = {}, {}
    for arm in fp_sql.split(" UNION ALL SELECT ")[1:] + [fp_sql.split(" UNION ALL SELECT ")[0].split(" AS SELECT ", 1)[1]]:
        m = re.match(r"'([a-z_0-9]+)', ", arm)
        if m:
            own[m.group(1)] = set(re.findall(r'FROM "([^"]+)"', arm))
            arms[m.group(1)] = arm
    covered = set().union(*own.values()) if own else set()
    if (sorted(own) == sorted(names) and {"accounts", "subscriptions", "settings", "support_tickets"} <= covered
            and not any(t.startswith("import_") or t == "alert_log" for t in covered)
            # the MRR engine reads subscriptions by name, not in a FROM
            and "subscriptions" in own.get("revenue_customer_months", ())):
        ok()
    else:
        bad("derived_fingerprint covers %s" % {v: sorted(t) for v, t in own.items()})
    # Every column a kept view reads is in its fingerprint: per table, the
    # counts it sums are the table's own (its set of rows) and one per
    # column, "table.column", and each column SQLite's authorizer reports
    # V_live reading must be one of them (except the as-of date's own
    # reads: its value is in the fingerprint).
    fp_cols = {}
    for v, arm in arms.items():
        for t, inlist in re.findall(r"'([a-z_0-9]+)=' \|\| coalesce\(\(SELECT max\(rowid\) FROM \"[a-z_0-9]+\"\), 0\) \|\| '\.' \|\| "
                                    r"coalesce\(\(SELECT sum\(changes\) FROM derived_changes WHERE name IN \(([^)]*)\)\), 0\)", arm):
            fp_cols[(v, t)] = set(re.findall(r"'([^']*)'", inlist))
    def columns_read(sql):
        seen = set()
        def auth(op, a, b, _db, _trig):
            if op == sqlite3.SQLITE_READ and a in covered:
                seen.add((a, b))
            return sqlite3.SQLITE_OK
        con.set_authorizer(auth)
        try:
            con.execute(sql).fetchall()
        finally:
            con.set_authorizer(None)
        return seen
    as_of_cols = columns_read("SELECT * FROM as_of_date LIMIT 0")
    checked = 0
    for v in names:
        need = columns_read('SELECT * FROM "%s_live" LIMIT 0' % v) - as_of_cols
        missing = sorted("%s.%s" % (t, c) for t, c in need
                         if c and c.lower() != "rowid" and "%s.%s" % (t, c) not in fp_cols.get((v, t), set()))
        tables = {t for t, _c in need}
        checked += len(need)
        # (a view may read nothing SQLite compiles: revenue_kpis reads the
        # MRR engine's rows, which it reads by name when it runs)
        if not missing and all(t in fp_cols.get((v, t), ()) for t in tables):
            ok()
        else:
            bad("%s: its fingerprint does not count changes to the columns it reads: %s" % (v, missing or sorted(tables)))
    if checked > 1000 and len(fp_cols) > len(names):
        ok()
    else:
        bad("the column check read %d columns of %d fingerprint tables: it checks nothing" % (checked, len(fp_cols)))
    pages = {}
    for typ, name, tbl, root in con.execute("SELECT type, name, tbl_name, rootpage FROM sqlite_schema WHERE rootpage > 0"):
        pages[root] = tbl
    allowed = covered | {v + "_cache" for v in names} | {"derived_tables", "derived_changes"}
    def tables_read(view):
        read = set()
        for row in con.execute('EXPLAIN SELECT * FROM "%s"' % view):
            opcode, p2, p3 = row[1], row[3], row[4]
            if opcode in ("OpenRead", "OpenWrite") and p3 == 0 and p2 in pages:
                read.add(pages[p2])
        return read
    as_of_tables = tables_read("as_of_date")
    for v in names:
        # V_live computes from the data alone: no cache, and only tables
        # its fingerprint covers
        read = tables_read(v + "_live")
        unseen = sorted(read - own.get(v, set()) - as_of_tables)
        if read and not unseen:
            ok()
        else:
            bad("%s_live reads tables the fingerprint does not cover, or caches: %s" % (v, unseen or "(none found)"))
        # V_refill reads caches of kept views refilled before it (else the
        # refill computes those views again, right but slowly)
        read = tables_read(v + "_refill")
        unseen = sorted(read - allowed)
        if read and not unseen:
            ok()
        else:
            bad("%s_refill reads tables the fingerprint does not cover: %s" % (v, unseen or "(none found)"))
        later = sorted(t[:-len("_cache")] for t in read if t.endswith("_cache")
                       and names.index(t[:-len("_cache")]) > names.index(v))
        if not later:
            ok()
        else:
            bad("derived_views: %s is refilled before the kept views it reads: %s" % (v, later))
    con.close()

    # Changes: each one makes the caches reading the changed table out of
    # date (named here from the view files), and every view gives the new
    # figures at once.
    w = connect(db, ext, ro=False)
    acct = w.execute("SELECT account_id, segment FROM account_health WHERE segment IS NOT NULL ORDER BY arr DESC LIMIT 1").fetchone()
    if acct is None:
        bad("account_health has no customer with a segment on a writable connection")
        return
    new_segment = "Enterprise" if acct[1] != "Enterprise" else "SMB"
    before_dims = w.execute("SELECT segment FROM account_dimensions WHERE account_id = ?", (acct[0],)).fetchone()[0]
    changes = [
        ("UPDATE", "UPDATE accounts SET segment = '%s' WHERE account_id = '%s'" % (new_segment, acct[0].replace("'", "''")),
         "SELECT segment FROM account_dimensions WHERE account_id = '%s'" % acct[0].replace("'", "''"),
         lambda v: v == new_segment and v != before_dims, ["account_dimensions", "account_health", "mrr_waterfall_by_segment"]),
        ("INSERT", "INSERT INTO activities (activity_id, account_id, activity_type, occurred_at) "
                   "SELECT 'derived-test-1', '%s', 'Call', (SELECT as_of FROM as_of_date) || ' 00:00:00'" % acct[0].replace("'", "''"),
         None, None, ["account_health", "insight_cards"]),
        ("DELETE", "DELETE FROM activities WHERE activity_id = 'derived-test-1'", None, None, ["account_health", "insight_cards"]),
        ("as_of", "INSERT OR REPLACE INTO settings (key, value) VALUES ('as_of', date((SELECT as_of FROM as_of_date), '-1 month'))",
         None, None, ["account_health", "service_tickets", "revenue_customer_months", "insight_cards"]),
    ]
    for label, sql, probe, expect, goes_stale in changes:
        subprocess.run(["sh", os.path.join(ROOT, "sql", "views", "refresh.sh"), db, ext], check=True,
                       stdout=subprocess.DEVNULL)
        st = status(w)
        if all(st.get(n) == 1 for n in names):
            ok()
        else:
            bad("%s: refresh.sh left caches out of date: %s" % (label, [n for n in names if st.get(n) != 1]))
        old_health = rows_of(w, "account_health_cache")
        try:
            w.execute(sql)
        except sqlite3.Error as e:
            bad("%s: %s: %s" % (label, sql, e))
            continue
        st = status(w)
        still = [n for n in goes_stale if st.get(n) != 0]
        if not still:
            ok()
        else:
            bad("%s: caches still read as current after the change: %s" % (label, still))
        if probe:
            row = w.execute(probe).fetchone()
            got = row[0] if row else "(no row)"
            if expect(got):
                ok()
            else:
                bad("%s: %s gave %r right after the change" % (label, probe, got))
        r = connect(db, ext)
        # whatever still reads as current must be right
        compare_all(r, names, "after the %s" % label, cache=False)
        if label == "as_of":
            # the as-of date moved a month back: the health of customers
            # (days to renewal, since the last interaction) must differ
            if rows_of(r, "account_health") != old_health:
                ok()
            else:
                bad("as_of: account_health did not change with the as-of date")
        r.close()
    subprocess.run(["sh", os.path.join(ROOT, "sql", "views", "refresh.sh"), db, ext], check=True,
                   stdout=subprocess.DEVNULL)
    r = connect(db, ext)
    compare_all(r, names, "after the last refresh")
    r.close()
    w.close()

    # A table dropped and made again loses its triggers: the caches read as
    # out of date, refresh.sh refuses (it would hide later changes), and
    # install.sh puts the triggers back.
    w = connect(db, ext, ro=False)
    n_triggers = w.execute("SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' AND name LIKE 'derived%'").fetchone()[0]
    w.execute("DROP TABLE touchpoints")
    w.executescript(open(os.path.join(ROOT, "sql", "schema.sql"), encoding="utf-8").read())
    st = status(w)
    w.close()
    check_stale = [n for n in names if st.get(n) != 0]
    if not check_stale:
        ok()
    else:
        bad("a dropped and re-made table left caches current: %s" % check_stale)
    out = subprocess.run(["sh", os.path.join(ROOT, "sql", "views", "refresh.sh"), db, ext],
                         stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    # four triggers per table the views read (update, delete, replace,
    # insert: 99_derived.sql); touchpoints lost its four
    want = "triggers missing: 4 of %d" % n_triggers
    if out.returncode != 0 and want in out.stdout and "run sh sql/views/install.sh first" in out.stdout:
        ok()
    else:
        bad("refresh.sh after a table was dropped: rc %d" % out.returncode, out.stdout[-300:])

    # install.sh again: idempotent, and current after it.
    out = subprocess.run(["sh", os.path.join(ROOT, "sql", "views", "install.sh"), db, ext],
                         stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    r = connect(db, ext)
    st = status(r)
    if out.returncode == 0 and all(st.get(n) == 1 for n in names):
        ok()
    else:
        bad("install.sh run again: rc %d, not current: %s" % (out.returncode, [n for n in names if st.get(n) != 1]),
            out.stdout[-500:])
    count_before = r.execute("SELECT count(*) FROM sqlite_schema").fetchone()[0]
    r.close()

    # A kept view that is not "CREATE VIEW name AS ...": the install stops
    # with a message and changes nothing.
    tmp = tempfile.mkdtemp()
    try:
        shutil.copytree(os.path.join(ROOT, "sql"), os.path.join(tmp, "sql"))
        path = os.path.join(tmp, "sql", "views", "99_derived.sql")
        text = open(path).read()
        text2 = text.replace("(1, 'account_dimensions')", "(1, 'account_dimensions'),\n  (1, 'no_such_view')", 1)
        if text2 == text:
            bad("could not add a view to the copy of derived_views")
        open(path, "w").write(text2)
        out = subprocess.run(["sh", os.path.join(tmp, "sql", "views", "install.sh"), db, ext],
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        r = connect(db, ext)
        count_after = r.execute("SELECT count(*) FROM sqlite_schema").fetchone()[0]
        gone = r.execute("SELECT count(*) FROM sqlite_schema WHERE name = 'no_such_view_cache'").fetchone()[0]
        r.close()
        journal = os.path.exists(db + "-journal")
        if (out.returncode != 0 and "view no_such_view is not" in out.stdout and count_after == count_before
                and gone == 0 and not journal):
            ok()
        else:
            bad("install with an unknown kept view: rc %d, objects %d -> %d, journal left: %s"
                % (out.returncode, count_before, count_after, journal),
                out.stdout[-300:])
    finally:
        shutil.rmtree(tmp)


if __name__ == "__main__":
    run.finish(main, sys.argv[1], sys.argv[2], label="derived tables")
