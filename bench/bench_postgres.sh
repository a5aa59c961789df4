#!/usr/bin/env bash
# bench/bench_postgres.sh EXT [ROWS...] — revops on PostgreSQL 15 against
# plain SQL on PostgreSQL and against the SQLite build, on the same rows
# (docs/performance.md "PostgreSQL").  make bench runs it (ROWS default:
# 1000000 and 10000000; PG_BENCH_ROWS="..." overrides).  PG_BENCH_CHECK_MRR=1
# instead checks the plain-SQL MRR baseline against the join it replaced.
#
# Starts a throwaway server (tests/postgres/cluster.sh) with the extension
# built by make postgres (build/pg), stops it on the way out.  For each
# row count: deals (amount, probability, owner, won) and subscription
# periods generated from one set of column formulas by each engine
# (PostgreSQL's generate_series, SQLite's recursive counter), checked equal
# by exact fingerprints;
# then interleaved pairs (bench/bench_postgres.py) of
#   weighted_pipeline(amount, probability)      vs sum(amount * probability)
#   win_rate(is_won) over closed deals          vs avg(is_won)
#   nrr(start, end)                              vs sum(end) / sum(start)
#   weighted_pipeline by owner (200 groups)      vs sum(...) GROUP BY owner
#   mrr_waterfall(subscriptions)                 vs month-end MRR in plain SQL
# with 0, 1 and 2 parallel workers on PostgreSQL, and the revops query on
# SQLite; CPU seconds of the backend and its workers, wall seconds, ratios.
set -eu
EXT=${1:-dist/revops.so}
shift || true
ROWS=${PG_BENCH_ROWS:-${*:-1000000 10000000}}
cd "$(dirname "$0")/.."
. tests/postgres/cluster.sh
if ! pg_available || [ ! -f build/pg/revops.so ]; then
  echo "bench_postgres: needs PostgreSQL 15 and make postgres" >&2
  exit 0
fi
PG_ROOT=$(mktemp -d)
trap 'pg_stop_all; rm -rf "$PG_ROOT"' EXIT
pg_tree "$PG_ROOT/tree" build/pg
pg_start bench -c shared_buffers=2GB -c work_mem=256MB -c max_worker_processes=8 -c max_parallel_workers=4 \
  -c max_parallel_workers_per_gather=2 -c jit=off
pg_psql bench -c "CREATE EXTENSION revops"
for n in $ROWS; do
  /usr/bin/python3 bench/bench_postgres.py ${PG_BENCH_CHECK_MRR:+--check-mrr} "$(pg_dsn bench)" "${EXT%.*}" "$n" "$PG_ROOT/bench_$n.db"
  rm -f "$PG_ROOT/bench_$n.db"
done
