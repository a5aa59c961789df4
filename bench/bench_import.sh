#!/usr/bin/env bash
# bench/bench_import.sh EXT — the CSV import (sql/import/import.sh, the
# import module beside EXT) against baselines doing the same load, timed in
# interleaved pairs by farm-bench (A B A B ..., the median of the per-pair
# ratios, CPU and wall: this machine is shared and wall time moves).
#
#   BENCH_SCALES="1 5"   demo scales to generate (add 20 for the big set)
#   BENCH_RUNS=3         pairs per baseline
#   BENCH_OLD=DIR        also compare with the import of another checkout
#                        (e.g. an earlier commit, built: DIR/dist/revops.so)
#
# Baselines (A = the import; ratios are A / baseline, so 2.0 = twice the
# baseline's time):
#   floor     cat *.csv | wc -l: reading the bytes, nothing else
#   .import   the sqlite3 shell's .import --csv into untyped text tables
#   typed SQL plain SQL: .import into a temp table, then a typed INSERT ...
#             SELECT into the same STRICT tables (CHECKs, keys, foreign
#             keys, indexes), parents first, one transaction
#   duckdb    DuckDB's typed read_csv into tables with the same types and
#             primary keys, one thread, a database file (npm
#             @duckdb/node-api, installed in build/bench-duckdb, never
#             committed; skipped with a message without npm)
# The import does more than any of them: every row is checked and any
# failure is a reject with its reason, never an aborted load.
set -eu
EXT=$1
IMPORT=$(cd "$(dirname "$EXT")" && pwd)/revops_import
SCALES=${BENCH_SCALES:-"1 5"}
RUNS=${BENCH_RUNS:-3}
cd "$(dirname "$0")/.."
ROOT=$(pwd)
if ! command -v farm-bench >/dev/null 2>&1; then
  echo "bench_import: farm-bench (interleaved timing pairs) is not on PATH: skipped"
  exit 0
fi
mkdir -p build
TMP=$(mktemp -d "$ROOT/build/bench-import.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
cc -O2 -o "$TMP/gen" sql/demo/gen.c

duck=""
if command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1; then
  if [ ! -d build/bench-duckdb/node_modules/@duckdb/node-api ]; then
    mkdir -p build/bench-duckdb
    (cd build/bench-duckdb && npm install --silent --no-audit --no-fund @duckdb/node-api >/dev/null 2>&1) || true
  fi
  [ -d build/bench-duckdb/node_modules/@duckdb/node-api ] && duck=1
fi
[ -n "$duck" ] || echo "bench_import: DuckDB baseline skipped (needs node and npm for @duckdb/node-api)"

# pair NAME A B: one farm-bench call, one result line.
pair() {
  local name=$1 a=$2 b=$3 out
  out=$(farm-bench -n "$RUNS" --warmup 0 --timeout 3600 --vs "$b" -- sh -c "$a" 2>&1)
  printf '%s\n' "$out" >>"$TMP/farm.log"
  printf '%s\n' "$out" | awk -v name="$name" -v rows="$ROWS" '
    $1 == "A" && $2 == "cpu" { acpu = $5 }
    $1 == "A" && $2 == "wall" { awall = $5 }
    $1 == "A" && $2 == "peak" { apeak = $5 }
    $1 == "B" && $2 == "cpu" { bcpu = $5 }
    $1 == "B" && $2 == "wall" { bwall = $5 }
    $1 == "A/B" && $2 == "cpu" { rcpu = $4 }
    $1 == "A/B" && $2 == "wall" { rwall = $4 }
    END {
      if (rcpu == "") { printf "  %-14s  (no result: see farm-bench output)\n", name; exit }
      printf "  %-14s  import cpu %7.2f s wall %7.2f s | baseline cpu %7.2f s wall %7.2f s | ratio cpu %6.2fx wall %6.2fx | %6.0f rows/cpu-s, peak %s MiB\n",
        name, acpu, awall, bcpu, bwall, rcpu, rwall, rows / acpu, apeak }'
}

for scale in $SCALES; do
  D=$TMP/s$scale
  mkdir -p "$D/csv"
  "$TMP/gen" "$D/csv" "$scale"
  ROWS=$(($(cat "$D"/csv/*.csv | wc -l) - $(ls "$D"/csv/*.csv | wc -l)))
  python3 bench/import_baselines.py "$D/csv" "$D"
  echo "scale $scale: $(ls "$D"/csv/*.csv | wc -l) files, $ROWS rows, $(du -sh "$D/csv" | cut -f1); $RUNS pairs each"
  A="rm -f $D/a.db; sh $ROOT/sql/import/import.sh $D/a.db $D/csv $IMPORT >/dev/null"
  pair "floor" "$A" "sh -c 'cat $D/csv/*.csv | wc -l'"
  pair ".import" "$A" "sh -c 'rm -f $D/b.db; sqlite3 $D/b.db < $D/text.sql'"
  pair "typed SQL" "$A" "sh -c 'rm -f $D/c.db; sqlite3 $D/c.db < $D/typed.sql'"
  if [ -n "$duck" ]; then
    cp "$D/duck.mjs" build/bench-duckdb/duck-s$scale.mjs
    pair "duckdb" "$A" "sh -c 'rm -f $D/d.duckdb $D/d.duckdb.wal; node $ROOT/build/bench-duckdb/duck-s$scale.mjs $D/d.duckdb'"
  fi
  if [ -n "${BENCH_OLD:-}" ]; then
    pair "previous" "$A" "sh -c 'rm -f $D/o.db; cd $BENCH_OLD && sh sql/import/import.sh $D/o.db $D/csv >/dev/null'"
  fi
  # The same data: every table of the import equals the typed-SQL load's.
  diff=0
  for t in $(sqlite3 "$D/c.db" "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'import%' AND name NOT LIKE 'sqlite%'"); do
    [ "$(sqlite3 "$D/a.db" ".sha3sum $t")" = "$(sqlite3 "$D/c.db" ".sha3sum $t")" ] || { diff=$((diff + 1)); echo "  differs: $t"; }
  done
  echo "  checked: the import's tables and the typed-SQL load's are identical ($diff differ)"
  rm -f "$D"/*.db "$D"/*.duckdb*
done
