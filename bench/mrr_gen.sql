-- bench/mrr_gen.sql: deterministic benchmark data for bench_mrr.sh.
-- Expects a table params(customers INT); fills src(customer_id, start_date,
-- end_date, mrr) with 10 periods per customer over about 40 months:
-- mid-month starts and ends, gaps (reactivations), overlaps, upgrades and
-- downgrades, and for half the customers an open-ended last period.  The
-- same row count always gives the same rows (no random(): a fixed hash).
CREATE TABLE src(customer_id TEXT, start_date TEXT, end_date TEXT, mrr REAL);
WITH RECURSIVE
  c(id) AS (SELECT 1 UNION ALL SELECT id + 1 FROM c WHERE id < (SELECT customers FROM params)),
  k(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM k WHERE i < 9),
  h AS (SELECT id, i, (id * 2654435761 + i * 40503 + 12345) % 1000003 AS h FROM c, k),
  p AS (
    SELECT id, i, h,
      (id % 12) + 3 * i + (h % 3) AS m0,                 -- start month offset
      1 + h % 28 AS d0,                                  -- start day
      1 + (h / 7) % 5 AS dur,                            -- months until the end month
      1 + (h / 13) % 28 AS d1                            -- end day
    FROM h)
INSERT INTO src
SELECT printf('cus_%07d', id),
       date('2023-01-01', '+' || m0 || ' months', '+' || (d0 - 1) || ' days'),
       CASE WHEN i = 9 AND h % 2 = 0 THEN NULL
            ELSE date('2023-01-01', '+' || (m0 + dur) || ' months', '+' || (d1 - 1) || ' days') END,
       10 + (h / 17) % 990 + ((h / 3) % 100) / 100.0
FROM p;
