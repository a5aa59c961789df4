"""tests/dashboards/snapshot.py DB OUTDIR [--ext PATH] [--views-only | --dashboards-only]

Every figure a refactor of sql/ must keep, written to files for `diff -r`:
OUTDIR/views/NAME.txt holds each view's and kept table's columns and rows
(in the order the view returns them, every value by repr, so 0.1 and
0.10000000000000002 differ), OUTDIR/dashboards/PERSONA__SET.json each
persona's dashboard (tools/dashboards.run_persona, the JSON the printer,
the report and Datasette read) under each filter set of FILTER_SETS.

For: a change that must not move a single number (moving repeated logic
into a shared view): snapshot before, install the changed views on a copy,
snapshot again, `diff -r before after` must print nothing.

    cp demo.db /tmp/a.db && sh sql/views/install.sh /tmp/a.db
    python3 tests/dashboards/snapshot.py /tmp/a.db /tmp/snap-after
    diff -r /tmp/snap-before /tmp/snap-after

Reads the database only (the as-of of a filter set is set in a
transaction run_persona rolls back).  Standard library only.
"""
import json
import os
import sqlite3
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "tools"))
import dashboards  # noqa: E402

# The filter sets: none, each dimension, a date range, a moved as-of
# (a year back and a quarter boundary), and all at once.
FILTER_SETS = {
    "none": {},
    "smb": {"segment": "SMB"},
    "enterprise": {"segment": "Enterprise"},
    "emea": {"region": "EMEA"},
    "channel": {"channel": None},          # filled with the data's first channel
    "dates": {"start_date": "2025-01-01", "end_date": "2025-06-30"},
    "asof_2025": {"as_of": "2025-03-01"},
    "asof_q": {"as_of": "2025-09-30"},
    "all": {"segment": "Mid-Market", "region": "North America", "start_date": "2024-07-01",
            "end_date": "2025-12-31", "as_of": "2025-12-31"},
}


def dump_views(con, out):
    os.makedirs(out, exist_ok=True)
    names = [r[0] for r in con.execute(
        "SELECT name FROM sqlite_master WHERE type = 'view' OR (type = 'table' AND name LIKE '%\\_cache' ESCAPE '\\')"
        " ORDER BY name")]
    for name in names:
        with open(os.path.join(out, name + ".txt"), "w") as f:
            try:
                cur = con.execute('SELECT * FROM "%s"' % name.replace('"', '""'))
                cols = [d[0] for d in cur.description]
                # when a kept table was refilled is the clock, not a figure
                clock = [i for i, c in enumerate(cols) if c == "refreshed_at"]
                f.write(repr(cols) + "\n")
                for row in cur:
                    if clock:
                        row = tuple("(the refill time)" if i in clock and v is not None else v
                                    for i, v in enumerate(row))
                    f.write(repr(row) + "\n")
            except sqlite3.Error as e:
                f.write("error: %s\n" % e)
    return len(names)


def dump_dashboards(path, ext, out):
    os.makedirs(out, exist_ok=True)
    directory = os.path.join(ROOT, "sql", "dashboards")
    personas = sorted(os.path.splitext(f)[0] for f in os.listdir(directory) if f.endswith(".sql"))
    n = 0
    for set_name, values in FILTER_SETS.items():
        con = dashboards.connect(path, ext, "snapshot", as_of=values.get("as_of"))
        if "channel" in values and values["channel"] is None:
            values = {"channel": dashboards.filter_choices(con, "channel")[0]}
        for persona in personas:
            d = dashboards.run_persona(con, persona, values)
            with open(os.path.join(out, "%s__%s.json" % (persona, set_name)), "w") as f:
                json.dump(d, f, indent=1, sort_keys=True)
                f.write("\n")
            n += 1
        con.close()
    return n


def main(argv):
    args = [a for a in argv if not a.startswith("--")]
    ext = os.path.join(ROOT, "dist", "revops")
    if "--ext" in argv:
        ext = argv[argv.index("--ext") + 1]
        args.remove(ext)
    if len(args) != 2:
        sys.exit(__doc__.splitlines()[0])
    path, out = args
    if "--dashboards-only" not in argv:
        con = dashboards.open_readonly(path, ext, "snapshot")
        print("views and kept tables:", dump_views(con, os.path.join(out, "views")))
        con.close()
    if "--views-only" not in argv:
        print("dashboards:", dump_dashboards(path, ext, os.path.join(out, "dashboards")))


if __name__ == "__main__":
    main(sys.argv[1:])
