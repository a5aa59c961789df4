#!/bin/sh
# sql/views/install.sh [--no-refresh] DB [EXTENSION]
#
# Install (or replace, after an upgrade) the revops metric views in DB:
# the canonical schema first (CREATE ... IF NOT EXISTS: it changes nothing
# that is there), then every sql/views/*.sql in file-name order, then the
# derived tables of sql/views/99_derived.sql, in one transaction; then
# fill the derived tables (sql/views/refresh.sh) unless --no-refresh.
# Each view file drops and recreates its own views, so running this again
# is safe.  docs/views.md lists the views.
#
# DB is untrusted input (docs/security.md): everything run on it is the
# shipped text or made from it on an in-memory database (sql/lib.sh), and
# a trigger on a revops table that revops did not create stops the install
# before anything runs (sql/check.sql).
#   sh sql/views/install.sh demo.db
set -eu
revops_me=sql/views/install.sh
refresh=1
if [ "${1:-}" = --no-refresh ]; then refresh=0; shift; fi
if [ $# -lt 1 ]; then
  echo "usage: sh sql/views/install.sh [--no-refresh] DB [EXTENSION]" >&2
  exit 2
fi
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib.sh"
db=$1
ext=${2:-$here/../../dist/revops}
revops_plain_path EXTENSION "$ext"
# The derived tables' SQL and the list of revops' objects, written from
# the shipped files alone (in-memory databases): a refused install stops
# here, before it opens DB.
revops_generate "$ext"
# One transaction: the check, the triggers install makes dropped before
# anything is written (a file's own trigger of that name goes with them),
# what an earlier install kept and this one does not (caches, X_live and
# X_refill views), then the schema, the views and the derived tables.
if ! out=$({
  echo "BEGIN IMMEDIATE;"
  cat "$revops_gen/expected.sql"
  revops_check install
  cat "$revops_gen/cleanup.sql"
  revops_sources
  cat "$revops_gen/derived.sql"
  echo "COMMIT;"
} | revops_shell "$db" "$ext" -list -noheader 2>&1); then
  revops_report "$out"
  exit 1
fi
[ -z "$out" ] || printf '%s\n' "$out"
if [ "$refresh" = 1 ]; then
  sh "$here/refresh.sh" "$db" "$ext"
fi
