#!/usr/bin/env bash
# bench/bench_library.sh EXT — the SPEC section 4 functions against the
# same formulas written in plain SQL, over the same rows in the same run.
#   attribution  u_shaped and time_decay weights of 1,000,000 touches
#                (100,000 conversions x 10) with row_number()/count(*)
#                windows, vs CASE / power() expressions (time_decay twice:
#                the plain formula, and the plain formula computing the
#                same windows as the revops call)
#   health       customer_health() of 1,000,000 customers vs its table
#                written as a sum of CASE expressions
#   economics    cac() and ltv() of 1,000,000 rows vs round(a / b, 2)
# Prints seconds (best of 3) and the ratio revops / plain SQL.
set -eu -o pipefail
EXT=$1
LOAD=${EXT%.*}
DB=$(mktemp -d)/bench.db
trap 'rm -rf "$(dirname "$DB")"' EXIT

sqlite3 "$DB" <<'SQL'
CREATE TABLE touch(conv INT, seq INT, days REAL);
WITH RECURSIVE i(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM i WHERE n < 999999)
INSERT INTO touch SELECT n / 10, n % 10, (n * 7919 % 1200) / 10.0 FROM i;
CREATE TABLE cust(nps, csat, tickets, sla, overdue, days_overdue, contact, sponsor, qbr, spend, n);
WITH RECURSIVE i(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM i WHERE n < 999999)
INSERT INTO cust SELECT (n * 37 % 201) - 100, 1 + (n * 13 % 41) / 10.0, n % 9, (70 + n % 31) / 100.0,
  n % 4, (n * 11) % 120, (n * 17) % 150, n % 2, (n / 2) % 2, (n * 7919) % 1000000 / 100.0, 1 + n % 50 FROM i;
SQL

# best of three runs of a query, in seconds
best() {
  local t b=""
  for _ in 1 2 3; do
    # the shell prints "Run Time: real ..." on stdout, after the result
    t=$(printf '.load %s\n.timer on\n%s\n' "$LOAD" "$1" | sqlite3 -bail "$DB" |
         sed -n 's/^Run Time: real \([0-9.]*\).*/\1/p' | tail -n 1)
    if [ -z "$t" ]; then echo "bench_library: query failed: $1" >&2; exit 1; fi
    if [ -z "$b" ] || awk -v a="$t" -v b="$b" 'BEGIN { exit !(a < b) }'; then b=$t; fi
  done
  printf '%s' "$b"
}

row() { # name revops-query plain-query
  local a b
  a=$(best "$2")
  b=$(best "$3")
  printf '%-34s revops %7.3f s   plain SQL %7.3f s   ratio %5.2f\n' "$1" "$a" "$b" \
    "$(awk -v a="$a" -v b="$b" 'BEGIN { print (b > 0 ? a / b : 0) }')"
}

W="WINDOW w AS (PARTITION BY conv ORDER BY seq), c AS (PARTITION BY conv)"
row "u_shaped, 1M touches" \
  "SELECT sum(x) FROM (SELECT attribution_weight('u_shaped', row_number() OVER w, count(*) OVER c) AS x
     FROM touch $W);" \
  "SELECT sum(x) FROM (SELECT CASE WHEN count(*) OVER c = 1 THEN 1.0 WHEN count(*) OVER c = 2 THEN 0.5
     WHEN row_number() OVER w IN (1, count(*) OVER c) THEN 0.4 ELSE 0.2 / (count(*) OVER c - 2) END AS x
     FROM touch $W);"
row "time_decay, 1M touches" \
  "SELECT sum(x) FROM (SELECT attribution_weight('time_decay', row_number() OVER w, count(*) OVER c, days,
     attribution_decay_total(days) OVER c) AS x FROM touch $W);" \
  "SELECT sum(x) FROM (SELECT power(0.5, days / 7.0) / sum(power(0.5, days / 7.0)) OVER c AS x FROM touch $W);"
# The same, with the baseline also computing the position and count
# windows that attribution_weight() takes (it checks them even when the
# model does not need them).
row "time_decay, same windows" \
  "SELECT sum(x) FROM (SELECT attribution_weight('time_decay', row_number() OVER w, count(*) OVER c, days,
     attribution_decay_total(days) OVER c) AS x FROM touch $W);" \
  "SELECT sum(x) FROM (SELECT power(0.5, days / 7.0) / sum(power(0.5, days / 7.0)) OVER c
     + 0 * row_number() OVER w + 0 * count(*) OVER c AS x FROM touch $W);"
row "customer_health, 1M customers" \
  "SELECT sum(customer_health(nps, csat, tickets, sla, overdue, days_overdue, contact, sponsor, qbr)) FROM cust;" \
  "SELECT sum(
     CASE WHEN nps IS NULL THEN 10 WHEN nps >= 50 THEN 20 WHEN nps >= 30 THEN 16 WHEN nps >= 0 THEN 10 WHEN nps >= -30 THEN 4 ELSE 0 END
   + CASE WHEN csat IS NULL THEN 5 WHEN csat >= 4.5 THEN 10 WHEN csat >= 4 THEN 8 WHEN csat >= 3.5 THEN 5 WHEN csat >= 3 THEN 2 ELSE 0 END
   + CASE WHEN coalesce(tickets, 0) = 0 THEN 10 WHEN tickets <= 2 THEN 7 WHEN tickets <= 5 THEN 3 ELSE 0 END
   + CASE WHEN sla IS NULL THEN 10 WHEN sla >= 0.95 THEN 10 WHEN sla >= 0.9 THEN 7 WHEN sla >= 0.8 THEN 3 ELSE 0 END
   + CASE WHEN coalesce(overdue, 0) = 0 THEN 15 ELSE max(0, CASE WHEN days_overdue IS NULL THEN 6
       WHEN days_overdue <= 30 THEN 10 WHEN days_overdue <= 60 THEN 6 WHEN days_overdue <= 90 THEN 3 ELSE 0 END
       - CASE WHEN overdue >= 6 THEN 10 ELSE 2 * (overdue - 1) END) END
   + CASE WHEN contact IS NULL THEN 0 WHEN contact <= 14 THEN 20 WHEN contact <= 30 THEN 15 WHEN contact <= 60 THEN 8
       WHEN contact <= 90 THEN 3 ELSE 0 END
   + CASE WHEN sponsor = 1 THEN 8 ELSE 0 END + CASE WHEN qbr = 1 THEN 7 ELSE 0 END) FROM cust;"
row "cac, 1M rows" \
  "SELECT sum(cac(spend, n)) FROM cust;" \
  "SELECT sum(round(spend / n, 2)) FROM cust;"
row "ltv, 1M rows" \
  "SELECT sum(ltv(spend, 0.8, n / 100.0)) FROM cust;" \
  "SELECT sum(round(spend * 0.8 / (n / 100.0), 2)) FROM cust;"
