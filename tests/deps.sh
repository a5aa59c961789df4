#!/bin/sh
# Check for what `make test` needs; on Debian as root, install what is
# missing, otherwise print the exact command to run.
missing=""
command -v cc >/dev/null 2>&1 || missing="$missing gcc"
command -v make >/dev/null 2>&1 || missing="$missing make"
command -v nm >/dev/null 2>&1 || missing="$missing binutils"
command -v sqlite3 >/dev/null 2>&1 || missing="$missing sqlite3"
command -v isql >/dev/null 2>&1 || missing="$missing unixodbc"
odbcinst -q -d 2>/dev/null | grep -qx '\[SQLite3\]' || missing="$missing libsqliteodbc"
[ -x /usr/bin/python3 ] || missing="$missing python3"
# make windows (part of make test): the mingw-w64 cross compiler and objdump.
command -v x86_64-w64-mingw32-gcc >/dev/null 2>&1 || missing="$missing gcc-mingw-w64-x86-64"
command -v x86_64-w64-mingw32-objdump >/dev/null 2>&1 || missing="$missing binutils-mingw-w64-x86-64"
odbcinst -q -d 2>/dev/null | grep -qx '\[SQLite3\]' || missing="$missing libsqliteodbc"
printf '#include <sqlite3.h>\nint main(void){return 0;}\n' > /tmp/revops_dep_check.c
cc -o /tmp/revops_dep_check /tmp/revops_dep_check.c -lsqlite3 >/dev/null 2>&1 || missing="$missing libsqlite3-dev"
rm -f /tmp/revops_dep_check /tmp/revops_dep_check.c
/usr/bin/python3 -c 'import pyodbc' >/dev/null 2>&1 || missing="$missing python3-pyodbc"
# The PostgreSQL 15 build (make postgres, the postgres layer): the server,
# PGXS and the headers, and psycopg2 for the comparison with SQLite.
[ -x /usr/lib/postgresql/15/bin/postgres ] || missing="$missing postgresql-15"
[ -f /usr/lib/postgresql/15/lib/pgxs/src/makefiles/pgxs.mk ] && [ -f /usr/include/postgresql/15/server/postgres.h ] ||
  missing="$missing postgresql-server-dev-15"
/usr/bin/python3 -c 'import psycopg2' >/dev/null 2>&1 || missing="$missing python3-psycopg2"
# Optional: the report layer renders its pages in chromium and says SKIP
# without it; a failed install does not stop the suite.
if ! command -v chromium >/dev/null 2>&1 && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing: chromium (optional: the report layer's browser test)"
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; } ||
    echo "chromium could not be installed: the report layer's browser test will SKIP" >&2
fi
# A real Datasette runs in the report and security layers from the source
# tree in the project's shared folder (docs/datasette.md): its imports come
# from Debian.
if [ -d "$(dirname "$0")/../../shared/datasette-src/datasette" ]; then
  for m in click:python3-click click_default_group:python3-click-default-group jinja2:python3-jinja2 \
           uvicorn:python3-uvicorn httpx:python3-httpx aiofiles:python3-aiofiles janus:python3-janus \
           pint:python3-pint itsdangerous:python3-itsdangerous asgiref:python3-asgiref hupper:python3-hupper \
           mergedeep:python3-mergedeep pluggy:python3-pluggy yaml:python3-yaml multipart:python3-multipart; do
    /usr/bin/python3 -c "import ${m%%:*}" >/dev/null 2>&1 || missing="$missing ${m#*:}"
  done
fi
[ -z "$missing" ] && exit 0

# Each package once.
missing=$(echo $missing | tr ' ' '\n' | sort -u | tr '\n' ' ')
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing:$missing"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq $missing >/dev/null || {
    echo "apt-get install failed for:$missing" >&2
    exit 1
  }
else
  echo "missing:$missing" >&2
  echo "run: sudo apt-get update && sudo apt-get install -y$missing" >&2
  exit 1
fi
