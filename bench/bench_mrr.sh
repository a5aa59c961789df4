#!/usr/bin/env bash
# bench/bench_mrr.sh EXT — the MRR engine against its baselines, in one run.
#
# Data: bench/mrr_gen.sql, deterministic: N customers x 10 periods over
# about 40 months (mid-month dates, gaps, overlaps, upgrades, downgrades,
# open-ended periods).  Every query is timed by bench/mrr_bench.c, which
# steps it to the end and fetches every column of every row.
#
#   floor    SELECT customer_id, start_date, end_date, mrr FROM src
#            ORDER BY customer_id, read to the end: the sort the engine
#            cannot avoid.  Goal: mrr_waterfall within 2x of it.
#   dbt      the same waterfall in plain SQL, built like the dbt
#            mrr-playbook (bench/mrr_dbt.sql).  Goal: mrr_waterfall at
#            least 20x faster.  Its result must equal mrr_waterfall's.
#   memory   peak RSS (/usr/bin/time -v) of mrr_waterfall and of the floor
#            at 1 and 10 million periods: the engine streams, so it must
#            not grow with the row count beyond what the sort needs.
#
# MRR_BENCH_CUSTOMERS (default 100000) and MRR_BENCH_BIG (default 1000000
# customers for the memory run; 0 skips it) change the sizes.
set -euo pipefail
EXT=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
cd "$(dirname "$0")/.."
N=${MRR_BENCH_CUSTOMERS:-100000}
BIG=${MRR_BENCH_BIG:-1000000}
TMP=$(mktemp -d "${TMPDIR:-/tmp}/bench_mrr.XXXXXX")
trap 'rm -rf "$TMP"' EXIT

cc -O2 -o "$TMP/mrr_bench" bench/mrr_bench.c -lsqlite3

gen() { # customers db
  sqlite3 "$2" "CREATE TABLE params(customers INT); INSERT INTO params VALUES ($1);" \
    ".read bench/mrr_gen.sql" "DROP TABLE params;"
}
bench() { # db repeat sql [outfile] -> "seconds rows"
  "$TMP/mrr_bench" "$1" "$EXT" "$2" "$3" ${4:+"$4"}
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

FLOOR="SELECT customer_id, start_date, end_date, mrr FROM src ORDER BY customer_id"
WATERFALL="SELECT * FROM mrr_waterfall('src')"

gen "$N" "$TMP/small.db"
periods=$(sqlite3 "$TMP/small.db" "SELECT count(*) FROM src")
echo "mrr: $N customers, $periods periods (bench/mrr_gen.sql), sqlite $(sqlite3 -version | cut -d' ' -f1)"

read -r t_floor n_floor < <(bench "$TMP/small.db" 3 "$FLOOR")
read -r t_wf n_wf < <(bench "$TMP/small.db" 3 "$WATERFALL" "$TMP/wf.out")
read -r t_mv n_mv < <(bench "$TMP/small.db" 3 "SELECT * FROM mrr_movements('src')")
read -r t_mo n_mo < <(bench "$TMP/small.db" 3 "SELECT * FROM mrr_months('src')")
read -r t_dbt n_dbt < <(bench "$TMP/small.db" 1 "$(cat bench/mrr_dbt.sql)" "$TMP/dbt.out")

printf '  %-58s %8.3f s  %9d rows\n' "floor: the source sorted by customer, read to the end" "$t_floor" "$n_floor"
printf '  %-58s %8.3f s  %9d rows  %sx the floor (goal <= 2x)\n' "mrr_waterfall('src')" "$t_wf" "$n_wf" "$(ratio "$t_wf" "$t_floor")"
printf '  %-58s %8.3f s  %9d rows  %sx the floor\n' "mrr_movements('src')" "$t_mv" "$n_mv" "$(ratio "$t_mv" "$t_floor")"
printf '  %-58s %8.3f s  %9d rows  %sx the floor\n' "mrr_months('src')" "$t_mo" "$n_mo" "$(ratio "$t_mo" "$t_floor")"
printf '  %-58s %8.3f s  %9d rows  mrr_waterfall is %sx faster (goal >= 20x)\n' "plain SQL, dbt mrr-playbook style (bench/mrr_dbt.sql)" "$t_dbt" "$n_dbt" "$(ratio "$t_dbt" "$t_wf")"
if cmp -s "$TMP/wf.out" "$TMP/dbt.out"; then
  echo "  results: identical, every column of every row"
else
  echo "  results: DIFFERENT"
  diff "$TMP/dbt.out" "$TMP/wf.out" | head -n 10
fi

if [ ! -x /usr/bin/time ]; then
  echo "peak memory: skipped, /usr/bin/time is missing (apt-get install time)"
  exit 0
fi
peak() { # db sql -> max RSS in MB
  /usr/bin/time -v "$TMP/mrr_bench" "$1" "$EXT" 1 "$2" 2>&1 >/dev/null |
    awk -F': ' '/Maximum resident set size/ { printf "%.1f", $2 / 1024 }'
}
echo "peak memory (max RSS of the whole process, /usr/bin/time -v):"
sizes="$N:$TMP/small.db"
if [ "$BIG" != 0 ]; then
  gen "$BIG" "$TMP/big.db"
  sizes="$sizes $BIG:$TMP/big.db"
fi
for s in $sizes; do
  db=${s#*:}
  rows=$(sqlite3 "$db" "SELECT count(*) FROM src")
  m_floor=$(peak "$db" "$FLOOR")
  m_wf=$(peak "$db" "$WATERFALL")
  m_mv=$(peak "$db" "SELECT * FROM mrr_movements('src')")
  read -r t_f _ < <(bench "$db" 1 "$FLOOR")
  read -r t_w _ < <(bench "$db" 1 "$WATERFALL")
  printf '  %9d periods: floor %7s MB, mrr_waterfall %7s MB, mrr_movements %7s MB; time %.3f s vs floor %.3f s (%sx)\n' \
    "$rows" "$m_floor" "$m_wf" "$m_mv" "$t_w" "$t_f" "$(ratio "$t_w" "$t_f")"
done
