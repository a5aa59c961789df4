#!/bin/sh
# sql/views/refresh.sh [--full] DB [EXTENSION]
#
# Bring the derived tables of DB (sql/views/99_derived.sql) current, in
# one transaction, so the dashboards read them instead of recomputing
# them: a kept table is refilled from its view only when what the view
# reads changed since its last refill (--full: every one, from scratch).  Run it after changing data by other means than
# sql/import/import.sh (which runs it): until then the views compute from
# the data, giving the same figures more slowly.  SELECT * FROM
# derived_status says whether each table is current.  It waits up to 10 s
# for readers to finish (.timeout), as the import does.
#
# DB is untrusted input (docs/security.md): the refill's statements are
# made from the shipped sources (sql/lib.sh), never from what DB holds, and
# a DB whose revops views or triggers are not the ones install.sh made is
# refused before anything runs (sql/check.sql).
#   sh sql/views/refresh.sh demo.db
set -eu
revops_me=sql/views/refresh.sh
full=0
if [ "${1:-}" = --full ]; then full=1; shift; fi
if [ $# -lt 1 ]; then
  echo "usage: sh sql/views/refresh.sh [--full] DB [EXTENSION]" >&2
  exit 2
fi
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib.sh"
db=$1
ext=${2:-$here/../../dist/revops}
revops_plain_path EXTENSION "$ext"
[ -f "$db" ] || { echo "$revops_me: no database $db" >&2; exit 2; }
revops_generate "$ext"
if ! out=$({
  echo "BEGIN IMMEDIATE;"
  cat "$revops_gen/expected.sql"
  revops_check refresh
  # --full: no stored inputs, so every view is refilled straight
  [ "$full" = 0 ] || echo "UPDATE derived_tables SET inputs = NULL;"
  cat "$revops_gen/refill.sql"
  echo "COMMIT;"
} | revops_shell "$db" "$ext" -list -noheader 2>&1); then
  revops_report "$out"
  exit 1
fi
[ -z "$out" ] || printf '%s\n' "$out"
