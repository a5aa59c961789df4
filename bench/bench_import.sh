#!/usr/bin/env bash
# bench/bench_import.sh EXT — the CSV import against the sqlite3 shell's
# own `.import` of the same files, in the same run.
#
#   BENCH_SCALE=1 (default) generates the demo set at that scale.
#
# Baselines: `.import --csv` (the shell's C CSV reader inserting text into
# an untyped table) is the floor for reading a file into SQLite; the full
# import does more (JSON records, typed values, a reason per column,
# foreign keys, upsert, rejects, indexes), so its ratio to the floor is the
# price of "nothing lost, nothing coerced".
set -eu
EXT=$1
LOAD=${EXT%.*}
SCALE=${BENCH_SCALE:-1}
cd "$(dirname "$0")/.."
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
cc -O2 -o "$TMP/gen" sql/demo/gen.c
mkdir -p "$TMP/csv"
"$TMP/gen" "$TMP/csv" "$SCALE"

now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }

rows=$(cat "$TMP"/csv/*.csv | wc -l)
files=$(ls "$TMP"/csv/*.csv | wc -l)
big=$TMP/csv/lead_events.csv
bigrows=$(($(wc -l <"$big") - 1))
echo "scale $SCALE: $files files, $((rows - files)) rows; lead_events.csv $bigrows rows, $(du -h "$big" | cut -f1)"

# One file: read every record.
t0=$(now)
sqlite3 :memory: ".import --csv $big t" "SELECT count(*) FROM t" >/dev/null
t1=$(now)
sqlite3 -cmd ".load $LOAD" :memory: "SELECT count(*) FROM revops_csv('$big')" >/dev/null
t2=$(now)
sqlite3 -cmd ".load $LOAD" :memory: "CREATE TABLE t AS SELECT line, raw, record FROM revops_csv('$big') WHERE header = 0" >/dev/null
t3=$(now)
base=$(secs "$t0" "$t1")
scan=$(secs "$t1" "$t2")
ctas=$(secs "$t2" "$t3")
printf '%-52s %8ss\n' "lead_events: .import --csv into a table (baseline)" "$base"
printf '%-52s %8ss  %sx baseline\n' "lead_events: revops_csv, count the records" "$scan" "$(ratio "$scan" "$base")"
printf '%-52s %8ss  %sx baseline\n' "lead_events: revops_csv into a table (line, raw, record)" "$ctas" "$(ratio "$ctas" "$base")"

# Every file: the shell's .import into text tables vs the full import.
t0=$(now)
{
  for f in "$TMP"/csv/*.csv; do printf '.import --csv %s %s\n' "$f" "raw_$(basename "$f" .csv)"; done
} | sqlite3 "$TMP/floor.db"
t1=$(now)
sh sql/import/import.sh "$TMP/full.db" "$TMP/csv" "$LOAD" >/dev/null
t2=$(now)
sh sql/import/import.sh "$TMP/full.db" "$TMP/csv" "$LOAD" >/dev/null
t3=$(now)
floor=$(secs "$t0" "$t1")
full=$(secs "$t1" "$t2")
again=$(secs "$t2" "$t3")
printf '%-52s %8ss\n' "all files: .import --csv into text tables (baseline)" "$floor"
printf '%-52s %8ss  %sx baseline, %s rows/s\n' "all files: sql/import/import.sh (validate, upsert)" "$full" "$(ratio "$full" "$floor")" \
  "$(awk -v n="$((rows - files))" -v s="$full" 'BEGIN { printf "%d", (s > 0 ? n / s : 0) }')"
printf '%-52s %8ss  %sx baseline\n' "all files again: every row unchanged" "$again" "$(ratio "$again" "$floor")"
