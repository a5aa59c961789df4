#!/usr/bin/python3
"""tools/serve.py — serve a revops database with Datasette, locked down.

    revops serve DB [--ext dist/revops] [--host 127.0.0.1] [--port 8001]
        [--public] [--immutable] [--check]
    (python3 tools/serve.py the same; make serve DB=company.db [PORT=8001])

Starts Datasette on DB with the persona dashboards as pages
(/-/dashboards/<db>/<persona>: datasette/plugins/revops_pages.py, drawn
with the templates of datasette/templates/) and as canned queries
(tools/datasette_metadata.py), and the query extension loaded through the
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
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
import common  # noqa: E402  (the arguments and the connection every tool shares)
import dashboards  # noqa: E402
import datasette_metadata  # noqa: E402

PY = common.PY


def datasette_env():
    """The environment Datasette runs in: REVOPS_DATASETTE_PATH (a source
    tree, and any paths it needs) in front of PYTHONPATH."""
    env = dict(os.environ)
    extra = os.environ.get("REVOPS_DATASETTE_PATH", "")
    if extra:
        env["PYTHONPATH"] = extra + (":" + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    return env


def command(db, ext, host, port, metadata_path, immutable=False):
    return [PY, "-m", "datasette", "serve"] + (["--immutable", db] if immutable else [db]) + [
            "--plugins-dir", os.path.join(ROOT, "datasette", "plugins"),
            "--template-dir", os.path.join(ROOT, "datasette", "templates"),
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


def main(argv=None, prog="serve.py"):
    ap = common.parser(prog, "Serve a revops database with Datasette: the persona dashboards as pages and canned "
                       "queries, the query extension only, extension loading off for visitors (docs/datasette.md).")
    ap.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1: this machine only)")
    ap.add_argument("--port", type=int, default=8001)
    ap.add_argument("--public", action="store_true", help="canned queries only: no SQL box, no ?sql=")
    ap.add_argument("--immutable", action="store_true",
                    help="serve the file immutable (no write can happen; the pages then offer no as-of and no changes)")
    ap.add_argument("--metadata", default=os.path.join(ROOT, "build", "serve", "metadata.json"),
                    help="where to write the generated metadata (default build/serve/metadata.json)")
    ap.add_argument("--check", action="store_true", help="write the metadata, print the command, do not start")
    a = ap.parse_args(argv)
    if not os.path.isfile(a.db):
        ap.error("no database %s" % a.db)
    ext = os.path.abspath(a.ext)
    if os.path.basename(ext).startswith("revops_import"):
        ap.error("%s is the import module, which reads files: serve the query extension (dist/revops)" % a.ext)
    if not common.extension_file(ext):
        ap.error("no extension %s (run make)" % a.ext)
    common.connect(a.db, ext, prog).close()         # the views are there ("run revops install DB" otherwise)
    write_metadata(a.db, ext, a.public, a.metadata)
    cmd = command(a.db, ext, a.host, a.port, a.metadata, a.immutable)
    env = datasette_env()
    if a.check:
        print(" ".join(cmd))
        return 0
    probe = subprocess.run([PY, "-c", "import datasette.app"], env=env, capture_output=True, text=True)
    if probe.returncode != 0:
        sys.stderr.write("%s: Datasette is not importable by %s (pip install datasette, or set "
                         "REVOPS_DATASETTE_PATH to its source tree: docs/datasette.md)\n%s" % (prog, PY, probe.stderr[-500:]))
        return 2
    name = os.path.splitext(os.path.basename(a.db))[0]
    print("%s: http://%s:%d/-/dashboards/%s (the dashboards), http://%s:%d/%s (Datasette; Ctrl-C stops)" % (
        prog, a.host, a.port, name, a.host, a.port, name), file=sys.stderr)
    os.execve(PY, cmd, env)


if __name__ == "__main__":
    sys.exit(main())
