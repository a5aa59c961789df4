#!/usr/bin/env bash
# bench/bench_import.sh EXT — the CSV import against its baselines in the
# same run (floor, the CSV reader alone, .import, typed SQL, DuckDB's
# read_csv), interleaved rounds, CPU of each child process, ratios printed:
# bench/bench_import.py says how.  BENCH_SCALES="1 20", BENCH_RUNS=3.
set -eu
exec /usr/bin/python3 "$(dirname "$0")/bench_import.py" "$(dirname "$1")"
