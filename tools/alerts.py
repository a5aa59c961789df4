#!/usr/bin/python3
"""tools/alerts.py — print the open revops alerts; acknowledge or resolve one.

    revops alerts DB                           open alerts as text
                                               (python3 tools/alerts.py takes the same arguments)
    python3 tools/alerts.py DB                 open alerts as text
    python3 tools/alerts.py DB --json          one JSON object per line (cron -> email/chat)
    python3 tools/alerts.py DB --all           also acknowledged and resolved ones
    python3 tools/alerts.py DB --ack KEY [--note TEXT] [--by NAME]
    python3 tools/alerts.py DB --resolve KEY [--note TEXT] [--by NAME]

Exit status: 0 when no critical alert is open, 1 when one is (so a cron job
or CI step can page someone), 2 on a usage or database error.

The alerts are the `alerts` view of sql/views/88_alerts.sql (installed by
sql/views/install.sh).  Acknowledging or resolving appends a row to
alert_log with the alert's current fingerprint (the facts behind it); the
alert stays quiet until those facts change, then it is open again.  The
views need the revops extension: --ext PATH, else $REVOPS_EXT, else
dist/revops next to this file's repository.  Standard library only.
"""
import json
import os
import sqlite3
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402  (the arguments and the connection every tool shares)


class UsageError(Exception):
    pass


def connect(db, ext, prog="alerts"):
    """Read-write (acknowledging writes alert_log), extension loaded,
    trusted_schema OFF: tools/common.py connect."""
    try:
        return common.connect(db, ext, prog, write=True)
    except common.ToolError as e:
        raise UsageError(str(e).split(": ", 1)[1] if str(e).startswith(prog + ": ") else str(e))


def alerts(con, everything):
    cols = ("alert_key", "alert_type", "severity", "status", "message", "row_count", "status_at", "status_note", "data", "metrics")
    rows = con.execute(
        "SELECT %s FROM alerts %s ORDER BY severity_order, alert_key"
        % (", ".join(cols), "" if everything else "WHERE status = 'open'")).fetchall()
    out = []
    for r in rows:
        a = dict(zip(cols, r))
        # the figures the message prints and their catalogue metrics (JSON text in the view)
        a["data"], a["metrics"] = json.loads(a["data"]), json.loads(a["metrics"])
        a["rows"] = [dict(zip(("kind", "id", "detail"), x)) for x in con.execute(
            "SELECT kind, id, detail FROM alert_rows WHERE alert_key = ? ORDER BY row_no", (a["alert_key"],))]
        out.append(a)
    return out


def record(con, key, action, by, note):
    row = con.execute("SELECT fingerprint FROM alerts_raised WHERE alert_key = ?", (key,)).fetchone()
    if row is None:
        keys = [k for (k,) in con.execute("SELECT alert_key FROM alerts_raised ORDER BY alert_key")]
        raise UsageError("no raised alert %r (raised now: %s)" % (key, ", ".join(keys) or "none"))
    with con:
        con.execute("INSERT INTO alert_log (alert_key, action, fingerprint, logged_at, logged_by, note) "
                    "VALUES (?, ?, ?, datetime('now'), ?, ?)", (key, action, row[0], by, note))


def main(argv, prog="alerts.py"):
    p = common.parser(prog, "Print open revops alerts; acknowledge or resolve one.  Exit status 1 while a "
                      "critical alert is open, 2 on a usage or database error.")
    p.add_argument("--json", action="store_true", help="JSON lines instead of text")
    p.add_argument("--all", action="store_true", help="include acknowledged and resolved alerts")
    g = p.add_mutually_exclusive_group()
    g.add_argument("--ack", metavar="KEY", help="acknowledge the alert KEY as it stands now")
    g.add_argument("--resolve", metavar="KEY", help="mark the alert KEY resolved as it stands now")
    p.add_argument("--note", help="note stored with --ack or --resolve")
    p.add_argument("--by", default=os.environ.get("USER"), help="who acknowledges or resolves (default $USER)")
    p.add_argument("--max-rows", type=int, default=10, help="rows shown per alert in text mode (default 10)")
    args = p.parse_args(argv)
    try:
        con = connect(args.db, args.ext, prog)
        if args.ack or args.resolve:
            record(con, args.ack or args.resolve, "acknowledged" if args.ack else "resolved", args.by, args.note)
        items = alerts(con, args.all)
    except (sqlite3.Error, UsageError) as e:
        print("%s: %s" % (prog, e), file=sys.stderr)
        return 2
    for a in items:
        if args.json:
            print(json.dumps(a, ensure_ascii=False, sort_keys=True))
            continue
        print("[%s] %s (%s): %s" % (a["severity"].upper(), a["alert_type"], a["alert_key"], a["message"]))
        if a["status"] != "open":
            print("    %s at %s%s" % (a["status"], a["status_at"], ": " + a["status_note"] if a["status_note"] else ""))
        for r in a["rows"][:args.max_rows]:
            print("    %s %s: %s" % (r["kind"], r["id"], r["detail"]))
        if len(a["rows"]) > args.max_rows:
            print("    ... %d more (SELECT * FROM alert_rows WHERE alert_key = '%s')" % (len(a["rows"]) - args.max_rows, a["alert_key"]))
    if not items and not args.json:
        print("no open alerts")
    critical = any(a["severity"] == "critical" and a["status"] == "open" for a in items)
    return 1 if critical else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
