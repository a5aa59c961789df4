#!/bin/sh
# sql/views/refresh.sh DB [EXTENSION]
#
# Refill the derived tables of DB (sql/views/99_derived.sql) from their
# views, in one transaction, so the dashboards read them instead of
# recomputing them.  Run it after changing data by other means than
# sql/import/import.sh (which runs it): until then the views compute from
# the data, giving the same figures more slowly.  SELECT * FROM
# derived_status says whether each table is current.  It waits up to 10 s
# for readers to finish (.timeout), as the import does.
#   sh sql/views/refresh.sh demo.db
set -eu
if [ $# -lt 1 ]; then
  echo "usage: sh sql/views/refresh.sh DB [EXTENSION]" >&2
  exit 2
fi
here=$(cd "$(dirname "$0")" && pwd)
db=$1
ext=${2:-$here/../../dist/revops}
stmts=$(${SQLITE3:-sqlite3} -bail -batch -list -noheader -cmd ".load '$ext'" -cmd '.timeout 10000' "$db" ".read '$here/derived/refresh.sql'")
if printf '%s\n' "$stmts" | grep -q '^error: '; then
  printf '%s\n' "$stmts" | sed -n 's/^error: //p' >&2
  exit 1
fi
{
  echo "BEGIN IMMEDIATE;"
  printf '%s\n' "$stmts"
  echo "COMMIT;"
} | ${SQLITE3:-sqlite3} -bail -cmd ".load '$ext'" -cmd '.timeout 10000' "$db"
