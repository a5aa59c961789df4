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
#   sh sql/import/import.sh company.db exports/
set -eu
dry=0
if [ "${1:-}" = "--dry-run" ]; then dry=1; shift; fi
if [ $# -lt 2 ]; then
  echo "usage: sh sql/import/import.sh [--dry-run] DB DIR [IMPORT_MODULE]" >&2
  exit 2
fi
here=$(cd "$(dirname "$0")" && pwd)
db=$1
dir=$2
ext=${3:-$here/../../dist/revops_import}
[ -d "$dir" ] || { echo "import.sh: $dir is not a directory" >&2; exit 2; }
# Quote the directory as an SQL string literal.
qdir=$(printf '%s' "$dir" | sed "s/'/''/g")
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
# .timeout: wait for a reader rather than fail at BEGIN or COMMIT.
if [ "$dry" = 1 ]; then
  ${SQLITE3:-sqlite3} -bail -cmd ".load '$ext'" -cmd '.timeout 10000' -cmd '.headers on' -cmd '.mode column' "$db" \
    "CREATE TEMP TABLE import_request(dir TEXT NOT NULL); INSERT INTO import_request VALUES ('$qdir');" \
    "BEGIN IMMEDIATE;" ".read '$here/../schema.sql'" ".read '$here/import.sql'" \
    ".print 'dry run: nothing is loaded, this is how each file maps'" "$summary" \
    ".mode list" ".separator ' | '" ".print" ".print 'first problems of each file (at most 3)'" "$problems" "ROLLBACK;"
else
  ${SQLITE3:-sqlite3} -bail -cmd ".load '$ext'" -cmd '.timeout 10000' -cmd '.headers on' -cmd '.mode column' "$db" \
    "CREATE TEMP TABLE import_request(dir TEXT NOT NULL); INSERT INTO import_request VALUES ('$qdir');" \
    "BEGIN IMMEDIATE;" ".read '$here/../schema.sql'" ".read '$here/import.sql'" "COMMIT;" "$summary"
  # The views' derived tables, if the views are installed: refill them from
  # the data just loaded (until then the views compute from the data).
  if [ "$(${SQLITE3:-sqlite3} -cmd '.timeout 10000' "$db" "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'derived_tables'")" = 1 ]; then
    sh "$here/../views/refresh.sh" "$db" "$(dirname "$ext")/revops"
  fi
fi
