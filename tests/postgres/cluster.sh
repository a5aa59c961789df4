# tests/postgres/cluster.sh — throwaway PostgreSQL 15 servers for the tests
# and the benchmark (sourced, bash).
#
#   pg_available                 0 when PostgreSQL 15's server and PGXS are installed
#   pg_tree DIR BUILD            a private installation in DIR: Debian's server
#                                binaries with build/pg's revops extension beside
#                                the system's (no root, nothing system-wide written)
#   pg_start NAME                initdb + pg_ctl start in $PG_ROOT/NAME on 127.0.0.1
#                                and a free port; sets PGPORT_<NAME>
#   pg_stop NAME, pg_stop_all    stop (every server this shell started)
#   pg_psql NAME [psql args]     psql -X -v ON_ERROR_STOP=1 to NAME's database revops
#
# PostgreSQL refuses to run as root: as root the servers run as the system
# user revops_pg (created when missing).  Connections are TCP on 127.0.0.1
# with a password (scram-sha-256) generated per run; the data and socket
# directories are private to that user.  The caller sets PG_ROOT (a scratch
# directory) and traps pg_stop_all.
PG_BINDIR=${PG_BINDIR:-/usr/lib/postgresql/15/bin}
PG_SHAREDIR=${PG_SHAREDIR:-/usr/share/postgresql/15}
PG_PKGLIBDIR=${PG_PKGLIBDIR:-/usr/lib/postgresql/15/lib}
PG_USER=revops_pg
PG_STARTED=()

pg_available() {
  [ -x "$PG_BINDIR/postgres" ] && [ -x "$PG_BINDIR/initdb" ] && command -v pg_config >/dev/null 2>&1 &&
    [ -f "$(pg_config --pgxs 2>/dev/null)" ] && [ -d "$(pg_config --includedir-server 2>/dev/null)" ]
}

# Run a command as the server's user.
pg_as() {
  if [ "$(id -u)" = 0 ]; then setpriv --reuid="$PG_USER" --regid="$PG_USER" --clear-groups -- "$@"
  else "$@"; fi
}

# The installation PostgreSQL finds relative to its binary: bin, lib and
# share at the same distances as Debian's (/usr/lib/postgresql/15/bin,
# /usr/share/postgresql/15), so CREATE EXTENSION reads our control file.
pg_tree() {
  local dir=$1 build=$2 f
  mkdir -p "$dir/lib/postgresql/15/bin" "$dir/lib/postgresql/15/lib" "$dir/share/postgresql/15/extension"
  for f in postgres initdb pg_ctl; do cp "$PG_BINDIR/$f" "$dir/lib/postgresql/15/bin/"; done
  for f in "$PG_SHAREDIR"/*; do
    [ "$(basename "$f")" = extension ] || ln -sf "$f" "$dir/share/postgresql/15/"
  done
  for f in "$PG_SHAREDIR"/extension/*; do ln -sf "$f" "$dir/share/postgresql/15/extension/"; done
  for f in "$PG_PKGLIBDIR"/*; do ln -sf "$f" "$dir/lib/postgresql/15/lib/"; done
  cp "$build"/revops.so "$dir/lib/postgresql/15/lib/"
  cp "$build"/revops.control "$build"/revops--*.sql "$dir/share/postgresql/15/extension/"
  chmod -R a+rX "$dir"
}

pg_free_port() {
  /usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# pg_start NAME [extra postgres -c settings...]
pg_start() {
  local name=$1 d port
  shift
  d=$PG_ROOT/$name
  if [ "$(id -u)" = 0 ] && ! id "$PG_USER" >/dev/null 2>&1; then
    useradd --system --no-create-home --shell /usr/sbin/nologin "$PG_USER" || return 1
  fi
  mkdir -p "$d/data" "$d/sock"
  chmod 711 "$PG_ROOT"
  [ -f "$PG_ROOT/password" ] || { head -c 18 /dev/urandom | base64 | tr -d '/+=' >"$PG_ROOT/password"; chmod 644 "$PG_ROOT/password"; }
  [ "$(id -u)" = 0 ] && chown -R "$PG_USER:$PG_USER" "$d"
  chmod 700 "$d/data" "$d/sock"
  pg_as "$PG_ROOT/tree/lib/postgresql/15/bin/initdb" -D "$d/data" -U revops -E UTF8 --locale=C \
    --auth-local=trust --auth-host=scram-sha-256 --pwfile="$PG_ROOT/password" >"$d/initdb.log" 2>&1 || {
    cat "$d/initdb.log" >&2
    return 1
  }
  port=$(pg_free_port)
  pg_as "$PG_ROOT/tree/lib/postgresql/15/bin/pg_ctl" -D "$d/data" -l "$d/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$d/sock -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=20 $*" \
    start >"$d/pg_ctl.log" 2>&1 || {
    cat "$d/pg_ctl.log" "$d/server.log" >&2
    return 1
  }
  PG_STARTED+=("$name")
  printf -v "PGPORT_$name" '%s' "$port"
  PGPASSWORD=$(cat "$PG_ROOT/password") psql -X -q -h 127.0.0.1 -p "$port" -U revops -d postgres \
    -c "CREATE DATABASE revops" >/dev/null
}

pg_stop() {
  local d=$PG_ROOT/$1
  [ -d "$d/data" ] && pg_as "$PG_ROOT/tree/lib/postgresql/15/bin/pg_ctl" -D "$d/data" -m fast -w -t 60 stop >/dev/null 2>&1
  return 0
}

pg_stop_all() {
  local n
  for n in "${PG_STARTED[@]}"; do pg_stop "$n"; done
  PG_STARTED=()
}

pg_port() { local v="PGPORT_$1"; printf '%s' "${!v}"; }

pg_psql() {
  local name=$1
  shift
  PGPASSWORD=$(cat "$PG_ROOT/password") psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$(pg_port "$name")" \
    -U revops -d revops "$@"
}

# The libpq connection string of NAME's database (for Python, postgres_fdw).
pg_dsn() { printf 'host=127.0.0.1 port=%s user=revops password=%s dbname=revops' "$(pg_port "$1")" "$(cat "$PG_ROOT/password")"; }
