#!/usr/bin/env bash
# tests/postgres/run.sh EXT_LOAD PG_BUILD SQLITE_DEMO_DB TMP — revops on
# PostgreSQL 15 (docs/postgres.md), the postgres layer of tests/run.sh.
#
# Starts throwaway servers (tests/postgres/cluster.sh: initdb in TMP, pg_ctl,
# 127.0.0.1 and a free port, as the user revops_pg when run as root), and
# stops every one of them on the way out, whatever happens (trap).
#   - the shared object exports only PostgreSQL's magic block and
#     revops_dispatch;
#   - CREATE EXTENSION revops: its functions against tests/registry.expected
#     (a function added to one build and not the other fails), every
#     aggregate with a combine function, a bytea state, PARALLEL SAFE and
#     moving-aggregate support, and every name exercised by
#     tests/postgres/functions.sql;
#   - the dialect layer (tools/pg_dialect.py) installs the schema and the
#     views; the demo data loads (pg_dialect.py load); every function, view
#     and dashboard query gives SQLite's answer (tests/postgres/compare.py),
#     and again with parallel query forced, the plans showing partial
#     aggregation; what does not translate yet is named in
#     tests/postgres/known_gaps.txt, and a listed one that works fails;
#   - error messages: tests/postgres/errors.txt, the same texts as SQLite's;
#   - distributed: two servers, the deals hash-partitioned by owner, one
#     partition a postgres_fdw foreign table with extensions 'revops':
#     EXPLAIN VERBOSE shows revops' aggregates in the remote SQL, and the
#     results equal SQLite's;
#   - docs/postgres.md: every ```pgsql block followed by ```output runs
#     and prints exactly that.
# Prints FAIL lines, then "passed failed" counts on the last line.
set -u
LOAD=$1
PGB=$2
DEMO=$3
T=$4
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT" || exit 2
PY=/usr/bin/python3
# What loads the SQLite extension (the ASan build preloads its runtime).
read -r -a PYX <<<"${REVOPS_PY:-/usr/bin/python3}"
ok=0
bad=0
pass() { ok=$((ok + 1)); }
fail() {
  bad=$((bad + 1))
  printf 'FAIL postgres: %s\n' "$1"
  shift
  for l in "$@"; do printf '     %s\n' "$l"; done
}
finish() { echo "$ok $bad"; exit 0; }
# add "FAIL..." lines and "ok bad" from a sub-test's output
take() {
  local out=$1 last
  last=$(printf '%s\n' "$out" | tail -n 1)
  printf '%s\n' "$out" | sed '$d'
  if [[ "$last" =~ ^([0-9]+)\ ([0-9]+)$ ]]; then
    ok=$((ok + BASH_REMATCH[1]))
    bad=$((bad + BASH_REMATCH[2]))
  else
    fail "a check ended without its counts: $last"
  fi
}

# shellcheck source=tests/postgres/cluster.sh
. tests/postgres/cluster.sh
if ! pg_available; then
  fail "PostgreSQL 15 and PGXS are not installed (tests/deps.sh installs postgresql-15 and postgresql-server-dev-15 as root)"
  finish
fi
if [ ! -f "$PGB/revops.so" ]; then
  fail "$PGB/revops.so is missing (make postgres builds it)"
  finish
fi

# ---------------------------------------------------------------- symbols
syms=$(nm -D --defined-only "$PGB/revops.so" | awk '$2 ~ /^[TDBRVWi]$/ {print $3}' | sort | tr '\n' ' ')
if [ "$syms" = "Pg_magic_func pg_finfo_revops_dispatch revops_dispatch " ]; then pass; else
  fail "the PostgreSQL module exports more than its entry point" "$syms"
fi

# ------------------------------------------------------------ the servers
# The servers' directory: its own under /tmp, so the unprivileged server
# user can reach it whatever the caller's scratch directory allows.
PG_ROOT=$(mktemp -d /tmp/revops_pg.XXXXXX)
chmod 711 "$PG_ROOT"
trap 'pg_stop_all; rm -rf "$PG_ROOT"' EXIT
pg_tree "$PG_ROOT/tree" "$PGB"
if ! pg_start a -c max_worker_processes=8 -c max_parallel_workers=4; then
  fail "server a did not start"
  finish
fi
if out=$(pg_psql a -c "CREATE EXTENSION revops" 2>&1); then pass; else fail "CREATE EXTENSION revops" "$out"; finish; fi

# --------------------------------------------------------------- registry
# SQLite's list (tests/registry.expected) as name|narg|kind, against what
# the extension made (its revops_functions view reads the catalogue).
awk -F '|' '/^#/ || NF < 2 { next }
  $1 == "module" { print $2 "||table"; next }
  { print $1 "|" $2 "|" ($3 == "w" ? "window" : "scalar") }' tests/registry.expected | sort >"$T/reg.expected"
pg_psql a -A -t -c "SELECT name || '|' || coalesce(narg::text, '') || '|' || kind FROM revops_functions" | sort >"$T/reg.pg"
if diff -u "$T/reg.expected" "$T/reg.pg" >"$T/reg.diff"; then pass; else
  fail "the extension's functions differ from tests/registry.expected (- SQLite's list, + PostgreSQL's)" "$(cat "$T/reg.diff")"
fi
# Every aggregate: combine function, bytea state (not internal), parallel
# safe, moving-aggregate support.
out=$(pg_psql a -A -t -c "
  SELECT p.proname || '(' || p.pronargs || '): ' ||
         concat_ws(', ', CASE WHEN a.aggcombinefn = 0 THEN 'no combinefunc' END,
                   CASE WHEN a.aggtranstype <> 'bytea'::regtype THEN 'state ' || a.aggtranstype::regtype END,
                   CASE WHEN p.proparallel <> 's' THEN 'not parallel safe' END,
                   CASE WHEN a.aggminvtransfn = 0 THEN 'no minvfunc' END)
  FROM pg_aggregate AS a JOIN pg_proc AS p ON p.oid = a.aggfnoid
  JOIN pg_depend AS d ON d.objid = p.oid AND d.deptype = 'e'
  JOIN pg_extension AS e ON e.oid = d.refobjid AND e.extname = 'revops'
  WHERE a.aggcombinefn = 0 OR a.aggtranstype <> 'bytea'::regtype OR p.proparallel <> 's' OR a.aggminvtransfn = 0")
n=$(pg_psql a -A -t -c "SELECT count(*) FROM revops_functions WHERE kind = 'window'")
if [ -z "$out" ] && [ "$n" -ge 20 ]; then pass; else fail "aggregates without combine, bytea state, parallel safety or moving support ($n aggregates)" "$out"; fi
# Every name is called by tests/postgres/functions.sql.
while read -r name; do
  if grep -qw "$name" tests/postgres/functions.sql; then pass; else fail "$name has no case in tests/postgres/functions.sql"; fi
done < <(cut -d '|' -f 1 "$T/reg.expected" | sort -u)

# ---------------------------------------------------- errors, same texts
take "$($PY tests/postgres/errors.py "$(pg_dsn a)" 2>&1)"

# ------------------------------------------------ dialect layer and data
cp "$DEMO" "$T/demo.db"
if ! sh sql/views/install.sh "$T/demo.db" "$LOAD" >"$T/views.out" 2>&1; then
  fail "sql/views/install.sh on the demo copy" "$(tail -n 5 "$T/views.out")"
  finish
fi
if $PY tools/pg_dialect.py install-tolerant >"$T/install.sql" 2>"$T/dialect.err"; then pass; else
  fail "tools/pg_dialect.py install" "$(cat "$T/dialect.err")"
  finish
fi
pg_psql a -f "$T/install.sql" >"$T/install.out" 2>&1
sed -n "s/^not installed: //p" "$T/install.out" | sort >"$T/missing"
grep -v '^#' tests/postgres/known_gaps.txt | awk 'NF { print $1 }' | sort >"$T/gaps"
bad_views=$(comm -23 "$T/missing" "$T/gaps")
if [ -z "$bad_views" ]; then pass; else
  fail "views that did not install on PostgreSQL (not in tests/postgres/known_gaps.txt)" $bad_views \
    "$(grep -B1 -A2 ERROR "$T/install.out" | head -n 30)"
fi
if out=$($PY tools/pg_dialect.py load "$T/demo.db" "$(pg_dsn a)" 2>&1); then pass; else fail "pg_dialect.py load" "$out"; fi
for mode in functions views dashboards parallel; do
  take "$("${PYX[@]}" tests/postgres/compare.py "$T/demo.db" "$LOAD" "$(pg_dsn a)" $mode 2>&1)"
done

# ------------------------------------------------------------ distributed
if pg_start b; then
  take "$("${PYX[@]}" tests/postgres/fdw.py "$(pg_dsn a)" "$(pg_dsn b)" "$(pg_port b)" "$(cat "$PG_ROOT/password")" "$T/demo.db" "$LOAD" 2>&1)"
else
  fail "server b did not start"
fi

# ------------------------------------------------------------------ docs
take "$($PY tests/postgres/docs.py "$(pg_dsn a)" docs/postgres.md 2>&1)"
finish
