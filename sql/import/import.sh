#!/bin/sh
# sql/import/import.sh [--dry-run] DB DIR [IMPORT_MODULE]
#
# Load every CSV file of DIR into the revops database DB (created if
# missing), in one transaction that also creates the schema (so a failed
# import leaves nothing, not even the tables), and print rows read / loaded
# / rejected per file.  Rejected rows are in the table import_rejects
# (docs/data.md).  IMPORT_MODULE is dist/revops_import, the one revops
# module that reads files.
#   --dry-run   do everything, print how each file was mapped and its first
#               problems, then roll back: nothing is loaded.
# When the metric views are installed (sql/views/install.sh), their derived
# tables are refilled after the load (sql/views/refresh.sh, with the query
# extension beside IMPORT_MODULE: dist/revops).
#
# DB is untrusted input (docs/security.md): the tables a file may load are
# the shipped schema's (sql/lib.sh), and a trigger on a revops table that
# revops did not create stops the import before anything runs
# (sql/check.sql).  A second import into the same DB waits for the first
# (up to 10 s, then stops saying so).
#   sh sql/import/import.sh company.db exports/
set -eu
revops_me=sql/import/import.sh
dry=0
if [ "${1:-}" = "--dry-run" ]; then dry=1; shift; fi
if [ $# -lt 2 ]; then
  echo "usage: sh sql/import/import.sh [--dry-run] DB DIR [IMPORT_MODULE]" >&2
  exit 2
fi
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib.sh"
db=$1
dir=$2
ext=${3:-$here/../../dist/revops_import}
query_ext=$(dirname "$ext")/revops
revops_plain_path IMPORT_MODULE "$ext"
[ -d "$dir" ] || { echo "$revops_me: $dir is not a directory" >&2; exit 2; }
if printf '%s' "$dir" | LC_ALL=C grep -q '[[:cntrl:]]'; then
  echo "$revops_me: DIR must not contain a line break or other control character" >&2; exit 2
fi
# The directory as an SQL string literal (it is the caller's, not the file's).
qdir=$(printf '%s' "$dir" | sed "s/'/''/g")
revops_generate "$query_ext"
# A database file that does not exist yet is created by the shell below; if
# nothing is committed (a failure, a dry run) the empty file it leaves is
# removed again, so a failed import leaves no file behind (docs/data.md).
# Only a file this run created: it did not exist (not even as a dangling
# link) before, it is still empty, and no journal or WAL of another writer
# sits beside it.
db_is_new=0
if [ ! -e "$db" ] && [ ! -L "$db" ]; then db_is_new=1; fi
revops_drop_new_db() {
  if [ "$db_is_new" = 1 ] && [ -f "$db" ] && [ ! -L "$db" ] && [ ! -s "$db" ] &&
     [ ! -e "$db-journal" ] && [ ! -e "$db-wal" ]; then
    rm -f -- "$db"
  fi
}
summary="SELECT s.file, s.table_name, s.preset, s.rows_read AS read, s.rows_loaded AS loaded,
       s.rows_inserted AS inserted, s.rows_updated AS updated, s.rows_unchanged AS unchanged,
       s.rows_rejected AS rejected, s.note
FROM main.import_summary AS s
WHERE s.run_id = (SELECT max(run_id) FROM main.import_runs)
ORDER BY s.file, s.table_name;"
problems="SELECT file, line, reason AS first_problems FROM (
  SELECT file, line, reason, row_number() OVER (PARTITION BY file ORDER BY line) AS k
  FROM main.import_rejects WHERE run_id = (SELECT max(run_id) FROM main.import_runs))
WHERE k <= 3 ORDER BY file, line;"
# SQLITE3 may name another shell (the sanitizer tests preload a runtime).
# BEGIN IMMEDIATE with .timeout: a second import waits for the first.
if ! out=$({
  echo "CREATE TEMP TABLE import_request(dir TEXT NOT NULL); INSERT INTO import_request VALUES ('$qdir');"
  echo "BEGIN IMMEDIATE;"
  cat "$revops_gen/expected.sql"
  revops_check import
  echo "CREATE TEMP TABLE import_targets AS SELECT name FROM temp.revops_expected
        WHERE type = 'table' AND origin = 'schema' AND name NOT LIKE 'import\\_%' ESCAPE '\\';"
  echo "DROP TABLE temp.revops_expected;"
  cat "$here/../schema.sql" "$here/import.sql"
  echo ".headers on"
  echo ".mode column"
  if [ "$dry" = 1 ]; then
    echo ".print 'dry run: nothing is loaded, this is how each file maps'"
    echo "$summary"
    echo ".mode list"
    echo ".separator ' | '"
    echo ".print"
    echo ".print 'first problems of each file (at most 3)'"
    echo "$problems"
    echo "ROLLBACK;"
  else
    echo "COMMIT;"
    echo "$summary"
  fi
} | revops_shell "$db" "$ext" 2>&1); then
  case $out in
    *"database is locked"*)
      echo "$revops_me: $db is being written by another process (an import, install or refresh) for more than 10 s: nothing was loaded; run this again when it has finished" >&2 ;;
    *) revops_report "$out" ;;
  esac
  revops_drop_new_db
  exit 1
fi
[ "$dry" = 1 ] && revops_drop_new_db
printf '%s\n' "$out"
# The views' derived tables, if the views are installed: refill them from
# the data just loaded (until then the views compute from the data).
if [ "$dry" = 0 ] && [ "$(printf 'SELECT count(*) FROM sqlite_schema WHERE type = %s AND name = %s;\n' "'table'" "'derived_tables'" \
     | revops_shell "$db" "$ext" -list -noheader)" = 1 ]; then
  sh "$here/../views/refresh.sh" "$db" "$query_ext" || {
    echo "$revops_me: the data is loaded, but the views' kept tables were not refilled (above); until they are, the views compute from the data" >&2
    exit 1
  }
fi
