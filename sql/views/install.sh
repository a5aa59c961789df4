#!/bin/sh
# sql/views/install.sh DB [EXTENSION]
#
# Install (or replace, after an upgrade) the revops metric views in DB:
# the canonical schema first (CREATE ... IF NOT EXISTS: it changes nothing
# that is there), then every sql/views/*.sql in file-name order, in one
# transaction.  Each view file drops and recreates its own views, so
# running this again is safe.  docs/views.md lists the views.
#   sh sql/views/install.sh demo.db
set -eu
if [ $# -lt 1 ]; then
  echo "usage: sh sql/views/install.sh DB [EXTENSION]" >&2
  exit 2
fi
here=$(cd "$(dirname "$0")" && pwd)
db=$1
ext=${2:-$here/../../dist/revops}
{
  echo "BEGIN;"
  echo ".read '$here/../schema.sql'"
  for f in "$here"/*.sql; do
    [ -e "$f" ] && echo ".read '$f'"
  done
  echo "COMMIT;"
} | ${SQLITE3:-sqlite3} -bail -cmd ".load '$ext'" "$db"
