#!/usr/bin/python3
"""tests/postgres/docs.py DSN FILE... — every ```pgsql block followed by
an ```output block in the docs runs on PostgreSQL (psql, unaligned, no
headers, '|' between columns: what the SQLite docs layer prints) and must
print exactly that.  Each file's blocks run in one fresh database, in
order, so a later block can use what an earlier one made.  Prints FAIL
lines and "passed failed"."""
import os
import re
import subprocess
import sys

import psycopg2


def blocks(path):
    lines = open(path, encoding="utf-8").read().split("\n")
    out, i = [], 0
    while i < len(lines):
        if lines[i] == "```pgsql":
            j = lines.index("```", i + 1)
            sql = "\n".join(lines[i + 1:j])
            k = j + 1
            while k < len(lines) and lines[k] == "":
                k += 1
            if k < len(lines) and lines[k] == "```output":
                e = lines.index("```", k + 1)
                out.append((i + 1, sql, "\n".join(lines[k + 1:e])))
                i = e
        i += 1
    return out


def main(dsn, files):
    ok = bad = 0
    for f in files:
        db = "docs_" + re.sub(r"\W", "_", f.rsplit("/", 1)[-1].split(".")[0])
        con = psycopg2.connect(dsn)
        con.autocommit = True
        con.cursor().execute("DROP DATABASE IF EXISTS %s" % db)
        con.cursor().execute("CREATE DATABASE %s" % db)
        con.close()
        target = re.sub(r"dbname=\S+", "dbname=" + db, dsn)
        found = blocks(f)
        if not found:
            bad += 1
            print("FAIL postgres docs: %s has no executed example" % f)
        for line, sql, want in found:
            env = dict(os.environ, PGOPTIONS="-c client_min_messages=warning")
            r = subprocess.run(["psql", "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", target],
                               input=sql, capture_output=True, text=True, env=env)
            got = (r.stdout + r.stderr).rstrip("\n")
            if got == want.rstrip("\n"):
                ok += 1
            else:
                bad += 1
                print("FAIL postgres docs: %s line %d" % (f, line))
                print("     expected: " + want.replace("\n", "\n               "))
                print("     actual:   " + got.replace("\n", "\n               "))
    print("%d %d" % (ok, bad))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
