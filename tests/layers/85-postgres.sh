# tests/layers/85-postgres.sh — the postgres layer.
#
# The revops build for PostgreSQL 15 (tests/postgres/run.sh,
# docs/postgres.md): the extension make postgres built (REVOPS_PG_BUILD,
# default build/pg), throwaway servers the script starts and stops itself
# (trap), the data layer's demo set loaded there through the dialect layer; every function,
# view and dashboard query against SQLite's answers, serially and with
# parallel query forced (partial aggregation in the plans); SQLite's error
# texts; two servers joined by postgres_fdw; the docs' PostgreSQL examples.
#
# needs: data
#
# Sourced by tests/run.sh in a process of its own; what it may use:
# tests/lib/layer.sh.

if [ -z "${D:-}" ] || [ ! -s "$D/a.db" ]; then
  fail "postgres: no demo database from the data layer"
else
  mkdir -p "$TMP/postgres"
  add_counts "$(REVOPS_PY="${PY_RUN[*]}" bash tests/postgres/run.sh "$LOAD" "${REVOPS_PG_BUILD:-build/pg}" "$D/a.db" "$TMP/postgres" 2>&1)"
fi
suite_summary postgres "$PASS" "$FAIL"
