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
#   sh sql/views/install.sh demo.db
set -eu
refresh=1
if [ "${1:-}" = --no-refresh ]; then refresh=0; shift; fi
if [ $# -lt 1 ]; then
  echo "usage: sh sql/views/install.sh [--no-refresh] DB [EXTENSION]" >&2
  exit 2
fi
here=$(cd "$(dirname "$0")" && pwd)
db=$1
ext=${2:-$here/../../dist/revops}
reads() {
  echo ".read '$here/../schema.sql'"
  for f in "$here"/*.sql; do
    [ -e "$f" ] && echo ".read '$f'"
  done
}
# The derived tables' SQL, written from the view files alone (an in-memory
# database), so it does not depend on what DB holds.
derived=$({ reads; echo ".read '$here/derived/install.sql'"; } \
  | ${SQLITE3:-sqlite3} -bail -batch -list -noheader -cmd ".load '$ext'" :memory:)
if printf '%s\n' "$derived" | grep -q '^error: '; then
  printf '%s\n' "$derived" | sed -n 's/^error: //p' >&2
  exit 1
fi
# What an earlier install kept (caches, X_live and X_refill views) is
# dropped first: a view no longer kept leaves nothing behind.
earlier=$(${SQLITE3:-sqlite3} -batch -list -noheader -cmd '.timeout 10000' "$db" "
SELECT 'DROP TABLE IF EXISTS \"' || replace(name, '\"', '\"\"') || '\";' FROM sqlite_schema
WHERE type = 'table' AND name LIKE '%\\_cache' ESCAPE '\\' AND substr(name, 1, length(name) - 6) IN (SELECT name FROM derived_tables)
UNION ALL
SELECT 'DROP VIEW IF EXISTS \"' || replace(name, '\"', '\"\"') || '\";' FROM sqlite_schema
WHERE type = 'view' AND (sql LIKE 'CREATE VIEW \"%\\_live\" AS%' ESCAPE '\\' OR sql LIKE 'CREATE VIEW \"%\\_refill\" AS%' ESCAPE '\\');" 2>/dev/null || true)
{
  echo "BEGIN;"
  printf '%s\n' "$earlier"
  reads
  printf '%s\n' "$derived"
  echo "COMMIT;"
} | ${SQLITE3:-sqlite3} -bail -cmd ".load '$ext'" -cmd '.timeout 10000' "$db"
if [ "$refresh" = 1 ]; then
  sh "$here/refresh.sh" "$db" "$ext"
fi
