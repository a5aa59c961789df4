-- Regression cases for issue 9 (docs/security.md): each would have failed
-- before its fix.  Each row: label, actual, expected.

-- lead_score_explain: an unknown signal holding a NUL byte leaves a
-- sliding window like any other name (it used to be stored cut at the
-- NUL and never matched again, so it stayed in every later frame).
CREATE TABLE nul(id INTEGER PRIMARY KEY, s TEXT);
INSERT INTO nul(s) VALUES (char(97, 0, 98)), (char(97, 0, 98)), ('zzz');
CREATE TABLE nul_x AS
  SELECT id, lead_score_explain(s, '2026-02-01', '2026-03-01')
         OVER (ORDER BY id ROWS BETWEEN CURRENT ROW AND CURRENT ROW) AS x FROM nul;
SELECT 'explain NUL: the name is kept whole (a, NUL, b)',
       (SELECT substr(x, instr(x, '"unknown":')) FROM nul_x WHERE id = 1),
       '"unknown":[{"signal":"a\u0000b","occurrences":1}],"ignored_after_as_of":0}';
SELECT 'explain NUL: escaped as \u0000 in the JSON',
       (SELECT instr(x, '"a\u0000b"') > 0 FROM nul_x WHERE id = 2), 1;
SELECT 'explain NUL: gone once it leaves the frame',
       (SELECT json_extract(x, '$.unknown') FROM nul_x WHERE id = 3), '[{"signal":"zzz","occurrences":1}]';
SELECT 'explain NUL: aggregate counts both',
       (SELECT json_extract(lead_score_explain(s, '2026-02-01', '2026-03-01'), '$.unknown[0].occurrences') FROM nul), 2;

-- The unknown list is in name order (bytes), whatever order the rows
-- entered or left the frame: zeta, alpha, mid arrive in that order.
CREATE TABLE ord(id INTEGER PRIMARY KEY, s TEXT);
INSERT INTO ord(s) VALUES ('zeta'), ('alpha'), ('mid'), ('zeta'), ('beta');
SELECT 'explain order: sorted, not arrival order',
       (SELECT group_concat(j.value ->> '$.signal', ',') FROM json_each(
          (SELECT lead_score_explain(s, '2026-02-01', '2026-03-01') FROM ord WHERE id <= 3), '$.unknown') j),
       'alpha,mid,zeta';
-- Frame of 2 rows: at id 4 the frame is {mid, zeta}; zeta left at id 3 and
-- came back, which used to put it after the names that stayed.
CREATE TABLE ord_x AS
  SELECT id, lead_score_explain(s, '2026-02-01', '2026-03-01')
         OVER (ORDER BY id ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) AS x FROM ord;
SELECT 'explain order: sliding frame, id 4',
       (SELECT json_extract(x, '$.unknown') FROM ord_x WHERE id = 4),
       '[{"signal":"mid","occurrences":1},{"signal":"zeta","occurrences":1}]';
SELECT 'explain order: sliding frame, id 5',
       (SELECT json_extract(x, '$.unknown') FROM ord_x WHERE id = 5),
       '[{"signal":"beta","occurrences":1},{"signal":"zeta","occurrences":1}]';
-- The same frame as a fresh aggregate gives the same text.
SELECT 'explain order: window equals a fresh aggregate',
       (SELECT x FROM ord_x WHERE id = 5) =
       (SELECT lead_score_explain(s, '2026-02-01', '2026-03-01') FROM (SELECT s FROM ord WHERE id IN (5, 4) ORDER BY id DESC)), 1;

-- The bound on unknown names applies to the frame, not to history: 3000
-- distinct names through a 10-row sliding window is fine, each frame
-- reports its 10 names.
CREATE TABLE many(id INTEGER PRIMARY KEY, s TEXT);
WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < 3000)
INSERT INTO many SELECT i, printf('u%05d', i) FROM k;
SELECT 'explain bound: frames of 10 over 3000 names',
       (SELECT count(*) FROM (SELECT id, json_array_length(lead_score_explain(s, '2026-02-01', '2026-03-01')
          OVER (ORDER BY id ROWS BETWEEN 9 PRECEDING AND CURRENT ROW), '$.unknown') AS n FROM many) WHERE n = min(id, 10)),
       3000;
SELECT 'explain bound: 1000 distinct names in one group are allowed',
       (SELECT json_array_length(lead_score_explain(s, '2026-02-01', '2026-03-01'), '$.unknown') FROM many WHERE id <= 1000), 1000;

-- Lead model bounds: the largest allowed models work and score.
-- 1000 non-decaying signals (state 8 + 1000 * 8 bytes).
SELECT 'model bound: 1000 signals accepted',
       lead_score('s999', '2026-02-28', '2026-03-01',
         (WITH RECURSIVE k(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM k WHERE i < 999)
          SELECT json_object('signals', json_group_object('s' || i, json_object('points', 7, 'group', 'behavioral'))) FROM k)),
       7;
-- 8 signals of 1001 decay steps: 8 + 8 * 1001 * 8 = 64072 bytes.
SELECT 'model bound: 64072 bytes of state accepted',
       lead_score('s3', '2026-02-28', '2026-03-01',
         (WITH RECURSIVE k(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM k WHERE i < 7)
          SELECT json_object('signals', json_group_object('s' || i, json_object('points', 1000, 'group', 'behavioral',
            'decay', json_object('after_days', 0, 'every_days', 1, 'points', 1)))) FROM k)),
       60;

-- Invalid UTF-8 in text that ends up in JSON becomes U+FFFD (EF BF BD):
-- the result is valid UTF-8 and valid JSON.
SELECT 'utf-8: an invalid byte in an unknown signal becomes U+FFFD',
       hex(CAST(json_extract(lead_score_explain(CAST(X'62FF63' AS TEXT), '2026-02-01', '2026-03-01'), '$.unknown[0].signal') AS BLOB)),
       '62EFBFBD63';
SELECT 'utf-8: a truncated sequence and a surrogate each become U+FFFD',
       hex(CAST(json_extract(lead_score_explain(CAST(X'E282EDA080' AS TEXT), '2026-02-01', '2026-03-01'), '$.unknown[0].signal') AS BLOB)),
       'EFBFBDEFBFBDEFBFBDEFBFBD';
SELECT 'utf-8: valid multi-byte text passes unchanged',
       json_extract(lead_score_explain('café ✓ 𝄞', '2026-02-01', '2026-03-01'), '$.unknown[0].signal'), 'café ✓ 𝄞';
SELECT 'utf-8: the explainer result is valid JSON', json_valid(lead_score_explain(CAST(X'C0AF' AS TEXT), '2026-02-01', '2026-03-01')), 1;

-- A quoted /* and a closed comment are not an open one.
CREATE TABLE src(customer_id, start_date, end_date, mrr);
INSERT INTO src VALUES ('C1', '2026-01-01', NULL, 10);
SELECT 'mrr source: quoted /* and a closed comment are fine',
       (SELECT group_concat(month || ':' || mrr) FROM mrr_months('SELECT * FROM src WHERE ''/*'' <> "mrr" /* a */', '2026-01', '2026-02')),
       '2026-01:10.0,2026-02:10.0';
SELECT 'mrr source: a trailing -- comment is fine',
       (SELECT count(*) FROM mrr_months('SELECT * FROM src -- /* not a block', '2026-01', '2026-03')), 3;
