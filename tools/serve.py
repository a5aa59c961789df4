#!/usr/bin/python3
"""tools/serve.py — serve a revops database with Datasette, locked down.

    python3 tools/serve.py DB [--ext dist/revops] [--host 127.0.0.1] [--port 8001]
        [--public] [--check]
    make serve DB=company.db [PORT=8001]

Starts Datasette on DB with the persona dashboards as canned queries
(tools/datasette_metadata.py) and the query extension loaded through the
repository's plugin (datasette/plugins/revops.py), never through
Datasette's --load-extension: on every connection the plugin loads
dist/revops, then switches extension loading off and sets
trusted_schema = OFF, so a visitor's SQL cannot call load_extension()
(docs/security.md "Served: Datasette").  The import module is refused.

Datasette itself is the user's (pip install datasette, or its source tree
on REVOPS_DATASETTE_PATH, docs/datasette.md).  --public serves the canned
queries only (no SQL box).  --check prints the command and exits.
Standard library only.
"""
import argparse
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
import dashboards  # noqa: E402
import datasette_metadata  # noqa: E402

PY = "/usr/bin/python3"


def datasette_env():
    """The environment Datasette runs in: REVOPS_DATASETTE_PATH (a source
    tree, and any paths it needs) in front of PYTHONPATH."""
    env = dict(os.environ)
    extra = os.environ.get("REVOPS_DATASETTE_PATH", "")
    if extra:
        env["PYTHONPATH"] = extra + (":" + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    return env


def command(db, ext, host, port, metadata_path):
    return [PY, "-m", "datasette", "serve", db,
            "--plugins-dir", os.path.join(ROOT, "datasette", "plugins"),
            "--metadata", metadata_path,
            "--setting", "sql_time_limit_ms", "10000",
            "-h", host, "-p", str(port)]


def write_metadata(db, ext, public, path):
    name = os.path.splitext(os.path.basename(db))[0]
    meta = datasette_metadata.metadata(dashboards.load(os.path.join(ROOT, "sql", "dashboards")), name, public)
    meta["plugins"] = {"revops": {"extension": ext}}
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        json.dump(meta, f, indent=2, ensure_ascii=False)
        f.write("\n")


def main(argv=None):
    ap = argparse.ArgumentParser(description="Serve a revops database with Datasette (query extension only, "
                                 "extension loading off for visitors).")
    ap.add_argument("db")
    ap.add_argument("--ext", default=os.path.join(ROOT, "dist", "revops"),
                    help="the query extension (default dist/revops; never the import module)")
    ap.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1: this machine only)")
    ap.add_argument("--port", type=int, default=8001)
    ap.add_argument("--public", action="store_true", help="canned queries only: no SQL box, no ?sql=")
    ap.add_argument("--metadata", default=os.path.join(ROOT, "build", "serve", "metadata.json"),
                    help="where to write the generated metadata (default build/serve/metadata.json)")
    ap.add_argument("--check", action="store_true", help="write the metadata, print the command, do not start")
    a = ap.parse_args(argv)
    if not os.path.isfile(a.db):
        ap.error("no database %s" % a.db)
    ext = os.path.abspath(a.ext)
    if os.path.basename(ext).startswith("revops_import"):
        ap.error("%s is the import module, which reads files: serve the query extension (dist/revops)" % a.ext)
    if not any(os.path.isfile(ext + s) for s in ("", ".so", ".dylib", ".dll")):
        ap.error("no extension %s (run make)" % a.ext)
    write_metadata(a.db, ext, a.public, a.metadata)
    cmd = command(a.db, ext, a.host, a.port, a.metadata)
    env = datasette_env()
    if a.check:
        print(" ".join(cmd))
        return 0
    probe = subprocess.run([PY, "-c", "import datasette.app"], env=env, capture_output=True, text=True)
    if probe.returncode != 0:
        sys.stderr.write("serve: Datasette is not importable by %s (pip install datasette, or set "
                         "REVOPS_DATASETTE_PATH to its source tree: docs/datasette.md)\n%s" % (PY, probe.stderr[-500:]))
        return 2
    print("serve: http://%s:%d/%s (Ctrl-C stops)" % (a.host, a.port, os.path.splitext(os.path.basename(a.db))[0]),
          file=sys.stderr)
    os.execve(PY, cmd, env)


if __name__ == "__main__":
    sys.exit(main())
