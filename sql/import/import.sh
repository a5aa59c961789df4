#!/bin/sh
# sql/import/import.sh DB DIR [IMPORT_MODULE]
#
# Load every CSV file of DIR into the revops database DB (created if
# missing), in one transaction that also creates the schema (so a failed
# import leaves nothing, not even the tables), and print rows read / loaded
# / rejected per file.  Rejected rows are in the table import_rejects
# (docs/data.md).  IMPORT_MODULE is dist/revops_import, the one revops
# module that reads files.
#   sh sql/import/import.sh crm.db exports/
set -eu
if [ $# -lt 2 ]; then
  echo "usage: sh sql/import/import.sh DB DIR [IMPORT_MODULE]" >&2
  exit 2
fi
here=$(cd "$(dirname "$0")" && pwd)
db=$1
dir=$2
ext=${3:-$here/../../dist/revops_import}
[ -d "$dir" ] || { echo "import.sh: $dir is not a directory" >&2; exit 2; }
# Quote the directory as an SQL string literal.
qdir=$(printf '%s' "$dir" | sed "s/'/''/g")
# SQLITE3 may name another shell (the sanitizer tests preload a runtime).
# .timeout: wait for a reader rather than fail at BEGIN or COMMIT.
${SQLITE3:-sqlite3} -bail -cmd ".load '$ext'" -cmd '.timeout 10000' -cmd '.headers on' -cmd '.mode column' "$db" \
  "CREATE TEMP TABLE import_request(dir TEXT NOT NULL); INSERT INTO import_request VALUES ('$qdir');" \
  "BEGIN IMMEDIATE;" \
  ".read '$here/../schema.sql'" \
  ".read '$here/import.sql'"
