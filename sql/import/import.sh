#!/bin/sh
# sql/import/import.sh DB DIR [IMPORT_MODULE]
#
# Load every CSV file of DIR into the revops database DB (created if
# missing), in one transaction, and print rows read / loaded / rejected per
# file.  Rejected rows are in the table import_rejects (docs/data.md).
#   sh sql/import/import.sh crm.db exports/
set -eu
if [ $# -lt 2 ]; then
  echo "usage: sh sql/import/import.sh DB DIR [EXTENSION]" >&2
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
${SQLITE3:-sqlite3} -bail -cmd ".load '$ext'" -cmd '.headers on' -cmd '.mode column' "$db" \
  ".read '$here/../schema.sql'" \
  "CREATE TEMP TABLE import_request(dir TEXT NOT NULL); INSERT INTO import_request VALUES ('$qdir');" \
  ".read '$here/import.sql'"
