"""datasette/plugins/revops.py — revops in a served Datasette (make serve).

Datasette runs any read-only SQL a visitor types, on connections that
loaded the extension.  Its own --load-extension leaves SQLite's
load_extension() callable by that SQL: a visitor could load the import
module (and read server files) or any shared library on the machine and
call into it.  This plugin is how `make serve` (tools/serve.py) loads
revops instead, on every connection Datasette opens:

  * the query extension only (dist/revops): the import module, which reads
    files, is refused by name and, should it be loaded by other means, by
    its functions;
  * then extension loading is switched off (the C API and the SQL
    function), so load_extension() from the SQL box, a table's _where= or
    a canned query answers "not authorized";
  * PRAGMA trusted_schema = OFF: the file's views and triggers call only
    innocuous functions (docs/security.md).

The extension comes from the plugin's configuration in the metadata,
{"plugins": {"revops": {"extension": "/path/dist/revops.so"}}}, or the
environment variable REVOPS_EXTENSION.  Standard library and Datasette only.
"""
import os

from datasette import hookimpl

IMPORT_FUNCTIONS = ("revops_import", "revops_csv", "revops_dir", "revops_mapping", "revops_presets")


def extension_path(datasette):
    config = datasette.plugin_config("revops") or {}
    return config.get("extension") or os.environ.get("REVOPS_EXTENSION")


@hookimpl
def prepare_connection(conn, database, datasette):
    path = extension_path(datasette)
    if path and os.path.basename(path).startswith("revops_import"):
        raise RuntimeError("revops: %s is the import module, which reads files: a served Datasette loads only "
                           "the query extension (dist/revops)" % path)
    if path:
        conn.enable_load_extension(True)
        try:
            conn.load_extension(path)
        finally:
            conn.enable_load_extension(False)
    else:
        conn.enable_load_extension(False)
    conn.execute("PRAGMA trusted_schema = OFF")
    names = ",".join("'%s'" % n for n in IMPORT_FUNCTIONS)
    loaded = conn.execute("SELECT group_concat(name) FROM (SELECT DISTINCT name FROM pragma_function_list "
                          "WHERE name IN (%s) UNION SELECT name FROM pragma_module_list WHERE name IN (%s))"
                          % (names, names)).fetchone()[0]
    if loaded:
        raise RuntimeError("revops: the import module is loaded into this Datasette (%s): it reads files, and a "
                           "visitor's SQL could call it; serve with make serve, which loads the query extension "
                           "only" % loaded)
