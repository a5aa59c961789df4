#!/usr/bin/env bash
# bench/bench_learn.sh EXT — learned scores and forecast ranges (issue 14),
# each timed against a baseline in the same run with farm-bench: A and B
# run in turn (A B A B ...), the ratio is taken pair by pair and its median
# printed, CPU time beside wall time (the machines are shared).
#
#   RUNS=5 bash bench/bench_learn.sh dist/revops.so
#
# Goals (issue 14): fitting 100,000 closed deals x 10 features under 2 s;
# scoring 1,000,000 deals within 2x of sum() over the same rows; a forecast
# range over 10,000 open deals under 1 s.  The data is generated in SQL
# from a multiplicative hash of the row number (the same on every
# machine) and cached in bench/out/learn.db.
set -eu
EXT=$(cd "$(dirname "$1")" && pwd)/$(basename "${1%.*}")
RUNS=${RUNS:-5}
cd "$(dirname "$0")/.."
mkdir -p bench/out
DB=$PWD/bench/out/learn.db

if [ ! -s "$DB" ]; then
  echo "generating $DB ..." >&2
  sqlite3 "$DB" <<'SQL'
.output /dev/null
PRAGMA journal_mode = OFF;
PRAGMA synchronous = OFF;
-- u(i, k): a pseudo-random fraction from the row number and a salt.
-- Ten features on different scales, and a label drawn from a known
-- logistic model of four of them, so the fit has something to find.
CREATE TABLE closed(y INTEGER, x1 REAL, x2 REAL, x3 REAL, x4 REAL, x5 REAL,
                    x6 REAL, x7 REAL, x8 REAL, x9 REAL, x10 REAL);
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 99999),
f AS (SELECT i, (i * 2654435761 % 4294967291) / 4294967291.0 AS u1, (i * 40503 % 65521) / 65521.0 AS u2,
             (i * 69069 % 1000003) / 1000003.0 AS u3, (i * 1103515245 % 2147483647) / 2147483647.0 AS u4,
             (i * 22695477 % 999983) / 999983.0 AS u5, (i * 134775813 % 4294967291) / 4294967291.0 AS u6
      FROM n)
INSERT INTO closed
  SELECT (u6 < 1 / (1 + exp(-(-0.5 + 2.0 * u1 - 0.03 * (u2 * 60) + 0.8 * (u3 > 0.5) + 0.4 * (u4 * 5 - 2.5))))),
         u1, u2 * 60, (u3 > 0.5), u4 * 5, u5 * 1000, (i % 7), u1 * u2, (i % 13) / 13.0, u3 * 90, u5 - u4
  FROM f;
CREATE TABLE deals AS SELECT * FROM closed;
INSERT INTO deals SELECT * FROM closed;  -- 200,000
INSERT INTO deals SELECT * FROM deals;   -- 400,000
INSERT INTO deals SELECT * FROM deals;   -- 800,000
INSERT INTO deals SELECT * FROM closed;  -- 900,000
INSERT INTO deals SELECT * FROM closed;  -- 1,000,000
CREATE TABLE open_deals(amount REAL, probability REAL);
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 9999)
INSERT INTO open_deals
  SELECT 1000 + (i * 2654435761 % 4294967291) % 20000000 / 100.0, 0.02 + (i * 40503 % 65521) / 65521.0 * 0.96 FROM n;
SQL
fi

FEATS="'x1', x1, 'x2', x2, 'x3', x3, 'x4', x4, 'x5', x5, 'x6', x6, 'x7', x7, 'x8', x8, 'x9', x9, 'x10', x10"
sqlite3 -cmd ".load $EXT" "$DB" "DROP TABLE IF EXISTS model;
  CREATE TABLE model AS SELECT learn_fit(y, NULL, 1.0, $FEATS) AS m FROM closed;"
# The model transcribed into plain SQL: the same formula with the fitted
# numbers as constants.
PLAIN=$(sqlite3 "$DB" "SELECT '1.0 / (1.0 + exp(-(' || json_extract(m, '$.intercept') ||
  (SELECT group_concat(' + ' || (f.value ->> 'coef') || ' * (' || (f.value ->> 'name') || ' - ' || (f.value ->> 'mean') ||
                       ') / ' || (f.value ->> 'scale'), '') FROM json_each(m, '$.features') AS f) || ')))' FROM model")

# Each side is a small script (bench/out/learn-*.sh) running one query
# in a fresh sqlite3 process: start-up is in both sides' times.
NQ=0
script() { # SQL: writes bench/out/learn-N.sh running it, N in $NQ
  NQ=$((NQ + 1))
  printf '%s\n' "$1;" >"bench/out/learn-$NQ.sql"
  printf 'exec sqlite3 -cmd %s %s <%s >/dev/null\n' "'.load $EXT'" "$DB" "$PWD/bench/out/learn-$NQ.sql" \
    >"bench/out/learn-$NQ.sh"
}
pair() { # label revops-sql baseline-sql
  local a b
  script "$2"
  a=$PWD/bench/out/learn-$NQ.sh
  script "$3"
  b=$PWD/bench/out/learn-$NQ.sh
  farm-bench -n "$RUNS" --timeout 900 --vs "sh $b" -- sh "$a" 2>&1 | awk -v l="$1" '
    $1 == "A" && $2 == "cpu" { acpu = $5 } $1 == "A" && $2 == "wall" { awall = $5 }
    $1 == "B" && $2 == "cpu" { bcpu = $5 } $1 == "B" && $2 == "wall" { bwall = $5 }
    $1 == "A/B" && $2 == "cpu" { rcpu = $4 } $1 == "A/B" && $2 == "wall" { rwall = $4 }
    END { printf "%-50s cpu %7.3f s vs %7.3f s = %6.2fx   wall %7.3f s vs %7.3f s = %6.2fx\n",
                 l, acpu, bcpu, rcpu, awall, bwall, rwall }'
}

echo "median of $RUNS interleaved pairs (farm-bench), sqlite $(sqlite3 --version | cut -d' ' -f1)"
pair "learn_fit, 100,000 rows x 10 features, vs a scan" \
  "SELECT length(learn_fit(y, NULL, 1.0, $FEATS)) FROM closed" \
  "SELECT sum(y + x1 + x2 + x3 + x4 + x5 + x6 + x7 + x8 + x9 + x10) FROM closed"
pair "learn_score, 1,000,000 rows, vs sum() of the 10" \
  "SELECT sum(learn_score((SELECT m FROM model), $FEATS)) FROM deals" \
  "SELECT sum(x1 + x2 + x3 + x4 + x5 + x6 + x7 + x8 + x9 + x10) FROM deals"
pair "learn_score, 1,000,000 rows, vs the model in SQL" \
  "SELECT sum(learn_score((SELECT m FROM model), $FEATS)) FROM deals" \
  "SELECT sum($PLAIN) FROM deals"
pair "forecast_range, 10,000 deals, vs sum(amount * p)" \
  "SELECT forecast_range(amount, probability) FROM open_deals" \
  "SELECT sum(amount * probability) FROM open_deals"
