-- mrr_waterfall, mrr_movements, mrr_months (SPEC section 3).
--
-- Every expected value is worked out by hand in the comment above it, from
-- the rule: a period [start_date, end_date) counts in month m when it is
-- active at the close of m's last day, i.e. it starts in m or earlier and
-- ends in m+1 or later (NULL end: never ends).
--
-- Waterfall rows are printed as
--   month: starting +new +expansion +reactivation -contraction -churned = ending
--          | customers starting +new +reactivated -churned = ending

CREATE TABLE p(scenario TEXT, customer_id, start_date TEXT, end_date TEXT, mrr REAL);
INSERT INTO p VALUES
  -- A: mid-month start and end.  Active at the close of Jan 31 and Feb 28
  -- (started Jan 15, ends Mar 15); gone at the close of Mar 31.
  ('mid', 'A', '2026-01-15', '2026-03-15', 100),
  -- B: starts and ends within February: never active at a month end.
  ('same', 'A', '2026-01-15', '2026-03-15', 100),
  ('same', 'B', '2026-02-03', '2026-02-25', 70),
  ('same_only', 'B', '2026-02-03', '2026-02-25', 70),
  -- C: 60 in January (ends Feb 1: exclusive, so active at Jan 31 only),
  -- nothing at the close of February and March, 80 from April 10 on.
  ('react', 'C', '2026-01-01', '2026-02-01', 60),
  ('react', 'C', '2026-04-10', NULL, 80),
  -- D: upgrade 100 -> 150 in March, downgrade to 120 in May.
  ('updown', 'D', '2026-01-01', '2026-03-01', 100),
  ('updown', 'D', '2026-03-01', '2026-05-01', 150),
  ('updown', 'D', '2026-05-01', NULL, 120),
  -- E: overlapping periods add: 100 open from January, +50 from Feb 10 to
  -- Apr 10.  Ending the add-on is a contraction, not a churn.
  ('overlap', 'E', '2026-01-01', NULL, 100),
  ('overlap', 'E', '2026-02-10', '2026-04-10', 50),
  -- F: plan switch mid-month: 100 ends Mar 20, 90 starts Mar 20.
  ('switch', 'F', '2026-01-01', '2026-03-20', 100),
  ('switch', 'F', '2026-03-20', NULL, 90),
  -- G: open-ended from Jan 20.
  ('open', 'G', '2026-01-20', NULL, 30),
  -- H: 23:00 at UTC-5 on Jan 31 is Feb 1, 04:00 UTC: starts in February.
  -- I: starts one second before the end of March: counts for March.
  ('tz', 'H', '2026-01-31T23:00:00-05:00', NULL, 10),
  ('tz', 'I', '2026-03-31 23:59:59', NULL, 5),
  -- J: 0.005 + 0.005 = 0.01: rounded once per customer-month, one cent.
  -- K: 0.004 rounds to 0 cents: never a paying customer.  L: mrr 0.
  ('cents', 'J', '2026-01-01', NULL, 0.005),
  ('cents', 'J', '2026-01-01', NULL, 0.005),
  ('cents', 'K', '2026-01-01', NULL, 0.004),
  ('cents', 'L', '2026-01-01', '2026-04-01', 0),
  -- Keys: 1 and 1.0 are the same customer (SQL compares them equal);
  -- the text '1' is another one.
  ('keys', 1, '2026-01-01', NULL, 10),
  ('keys', 1.0, '2026-01-01', NULL, 5),
  ('keys', '1', '2026-01-01', NULL, 7);
-- "all": A, B, C and D together.
INSERT INTO p SELECT 'all', customer_id, start_date, end_date, mrr FROM p
  WHERE scenario IN ('same', 'react', 'updown');

CREATE TABLE scenarios(name TEXT PRIMARY KEY);
INSERT INTO scenarios SELECT DISTINCT scenario FROM p;
-- Each scenario through the SELECT form, as a correlated table-valued
-- function (the source comes from the join).
CREATE VIEW wf AS
  SELECT s.name AS scenario, w.month, w.month || ': ' || w.starting_mrr || ' +' || w.new_mrr ||
    ' +' || w.expansion_mrr || ' +' || w.reactivation_mrr || ' -' || w.contraction_mrr ||
    ' -' || w.churned_mrr || ' = ' || w.ending_mrr || ' | ' || w.starting_customers ||
    ' +' || w.new_customers || ' +' || w.reactivated_customers || ' -' ||
    w.churned_customers || ' = ' || w.ending_customers AS r
  FROM scenarios s, mrr_waterfall(printf('SELECT * FROM p WHERE scenario = %Q', s.name)) w;
-- One string per scenario, rows in month order.
CREATE VIEW wfs AS SELECT scenario, group_concat(r, '; ') AS rows FROM (SELECT * FROM wf ORDER BY scenario, month) GROUP BY scenario;

-- ---------------------------------------------------------- mrr_waterfall
-- Default bounds: from the first month with MRR (Jan) to the month of the
-- latest date (Mar 15 -> Mar).  Mar: A's 100 churns (ended Mar 15).
SELECT 'mid-month start and end', rows,
  '2026-01: 0.0 +100.0 +0.0 +0.0 -0.0 -0.0 = 100.0 | 0 +1 +0 -0 = 1; ' ||
  '2026-02: 100.0 +0.0 +0.0 +0.0 -0.0 -0.0 = 100.0 | 1 +0 +0 -0 = 1; ' ||
  '2026-03: 100.0 +0.0 +0.0 +0.0 -0.0 -100.0 = 0.0 | 1 +0 +0 -1 = 0'
  FROM wfs WHERE scenario = 'mid';
-- B's February period changes nothing.
SELECT 'same-month start and end: no movement', rows, (SELECT rows FROM wfs WHERE scenario = 'mid')
  FROM wfs WHERE scenario = 'same';
-- Only B: no month with MRR, so no rows at all.
SELECT 'a source with no MRR at a month end has no rows', count(*), 0 FROM wf WHERE scenario = 'same_only';
-- Jan: 60 new.  Feb: 60 churned.  Mar: nothing.  Apr: 80 reactivation
-- (active in January, an earlier month).  Latest date Apr 10 -> to Apr.
SELECT 'reactivation after a gap', rows,
  '2026-01: 0.0 +60.0 +0.0 +0.0 -0.0 -0.0 = 60.0 | 0 +1 +0 -0 = 1; ' ||
  '2026-02: 60.0 +0.0 +0.0 +0.0 -0.0 -60.0 = 0.0 | 1 +0 +0 -1 = 0; ' ||
  '2026-03: 0.0 +0.0 +0.0 +0.0 -0.0 -0.0 = 0.0 | 0 +0 +0 -0 = 0; ' ||
  '2026-04: 0.0 +0.0 +0.0 +80.0 -0.0 -0.0 = 80.0 | 0 +0 +1 -0 = 1'
  FROM wfs WHERE scenario = 'react';
-- Mar: 150 - 100 = 50 expansion.  May: 150 - 120 = 30 contraction.
SELECT 'upgrade and downgrade', rows,
  '2026-01: 0.0 +100.0 +0.0 +0.0 -0.0 -0.0 = 100.0 | 0 +1 +0 -0 = 1; ' ||
  '2026-02: 100.0 +0.0 +0.0 +0.0 -0.0 -0.0 = 100.0 | 1 +0 +0 -0 = 1; ' ||
  '2026-03: 100.0 +0.0 +50.0 +0.0 -0.0 -0.0 = 150.0 | 1 +0 +0 -0 = 1; ' ||
  '2026-04: 150.0 +0.0 +0.0 +0.0 -0.0 -0.0 = 150.0 | 1 +0 +0 -0 = 1; ' ||
  '2026-05: 150.0 +0.0 +0.0 +0.0 -30.0 -0.0 = 120.0 | 1 +0 +0 -0 = 1'
  FROM wfs WHERE scenario = 'updown';
-- Feb: 100 + 50 = 150, expansion 50.  Apr: the add-on ended Apr 10,
-- 150 -> 100, contraction 50; still one customer (not churned).
SELECT 'overlapping periods add; churn only when the last one ends', rows,
  '2026-01: 0.0 +100.0 +0.0 +0.0 -0.0 -0.0 = 100.0 | 0 +1 +0 -0 = 1; ' ||
  '2026-02: 100.0 +0.0 +50.0 +0.0 -0.0 -0.0 = 150.0 | 1 +0 +0 -0 = 1; ' ||
  '2026-03: 150.0 +0.0 +0.0 +0.0 -0.0 -0.0 = 150.0 | 1 +0 +0 -0 = 1; ' ||
  '2026-04: 150.0 +0.0 +0.0 +0.0 -50.0 -0.0 = 100.0 | 1 +0 +0 -0 = 1'
  FROM wfs WHERE scenario = 'overlap';
-- Mar: 100 ended Mar 20, 90 started Mar 20: 90 at the close of March,
-- a contraction of 10, never a churn.
SELECT 'plan switch mid-month is one net movement', rows,
  '2026-01: 0.0 +100.0 +0.0 +0.0 -0.0 -0.0 = 100.0 | 0 +1 +0 -0 = 1; ' ||
  '2026-02: 100.0 +0.0 +0.0 +0.0 -0.0 -0.0 = 100.0 | 1 +0 +0 -0 = 1; ' ||
  '2026-03: 100.0 +0.0 +0.0 +0.0 -10.0 -0.0 = 90.0 | 1 +0 +0 -0 = 1'
  FROM wfs WHERE scenario = 'switch';
-- Only date is Jan 20: the default waterfall is January alone.
SELECT 'open-ended period, default bounds', rows,
  '2026-01: 0.0 +30.0 +0.0 +0.0 -0.0 -0.0 = 30.0 | 0 +1 +0 -0 = 1'
  FROM wfs WHERE scenario = 'open';
-- Open-ended periods stay active through to_month.
SELECT 'open-ended period through to_month', group_concat(ending_mrr || '/' || ending_customers, ' '),
  '30.0/1 30.0/1 30.0/1 30.0/1 30.0/1 30.0/1'
  FROM mrr_waterfall('SELECT * FROM p WHERE scenario = ''open''', NULL, '2026-06');
-- H starts Feb 1 04:00 UTC: new in February.  I: new in March.
SELECT 'offsets are converted to UTC; a start late on the last day counts', rows,
  '2026-02: 0.0 +10.0 +0.0 +0.0 -0.0 -0.0 = 10.0 | 0 +1 +0 -0 = 1; ' ||
  '2026-03: 10.0 +5.0 +0.0 +0.0 -0.0 -0.0 = 15.0 | 1 +1 +0 -0 = 2'
  FROM wfs WHERE scenario = 'tz';
-- J: 0.01 in January.  K (0.004 -> 0 cents) and L (mrr 0) never count;
-- L's end (Apr 1) still sets the default to_month: April.
SELECT 'cents: rounded once per customer-month; zero MRR is not a customer', rows,
  '2026-01: 0.0 +0.01 +0.0 +0.0 -0.0 -0.0 = 0.01 | 0 +1 +0 -0 = 1; ' ||
  '2026-02: 0.01 +0.0 +0.0 +0.0 -0.0 -0.0 = 0.01 | 1 +0 +0 -0 = 1; ' ||
  '2026-03: 0.01 +0.0 +0.0 +0.0 -0.0 -0.0 = 0.01 | 1 +0 +0 -0 = 1; ' ||
  '2026-04: 0.01 +0.0 +0.0 +0.0 -0.0 -0.0 = 0.01 | 1 +0 +0 -0 = 1'
  FROM wfs WHERE scenario = 'cents';
-- 1 and 1.0: one customer of 15; '1': another of 7.
SELECT 'customer_id 1 and 1.0 are one customer, text ''1'' another', rows,
  '2026-01: 0.0 +22.0 +0.0 +0.0 -0.0 -0.0 = 22.0 | 0 +2 +0 -0 = 2'
  FROM wfs WHERE scenario = 'keys';
-- A, B, C, D together.  Jan: A 100 + C 60 + D 100 new = 260, 3 customers.
-- Feb: C churns 60: 200, 2.  Mar: A churns 100, D expands 50: 150, 1.
-- Apr: C reactivates 80: 230, 2.  May: D contracts 30: 200, 2.
SELECT 'all movements in one waterfall', rows,
  '2026-01: 0.0 +260.0 +0.0 +0.0 -0.0 -0.0 = 260.0 | 0 +3 +0 -0 = 3; ' ||
  '2026-02: 260.0 +0.0 +0.0 +0.0 -0.0 -60.0 = 200.0 | 3 +0 +0 -1 = 2; ' ||
  '2026-03: 200.0 +0.0 +50.0 +0.0 -0.0 -100.0 = 150.0 | 2 +0 +0 -1 = 1; ' ||
  '2026-04: 150.0 +0.0 +0.0 +80.0 -0.0 -0.0 = 230.0 | 1 +0 +1 -0 = 2; ' ||
  '2026-05: 230.0 +0.0 +0.0 +0.0 -30.0 -0.0 = 200.0 | 2 +0 +0 -0 = 2'
  FROM wfs WHERE scenario = 'all';

-- Bounds.  The name form reads the view.
CREATE VIEW allp AS SELECT customer_id, start_date, end_date, mrr FROM p WHERE scenario = 'all';
-- From February: the first row starts from January's snapshot (260, 3
-- customers), not 0.  June and July: nothing moves, 200 carries on.
SELECT 'from_month: the first row starts from the month before',
  group_concat(month || ' ' || starting_mrr || '/' || starting_customers || ' ' || ending_mrr || '/' || ending_customers, '; '),
  '2026-02 260.0/3 200.0/2; 2026-03 200.0/2 150.0/1; 2026-04 150.0/1 230.0/2; ' ||
  '2026-05 230.0/2 200.0/2; 2026-06 200.0/2 200.0/2; 2026-07 200.0/2 200.0/2'
  FROM mrr_waterfall('allp', '2026-02', '2026-07');
-- Before any data: zero rows up to January.
SELECT 'bounds before the data', group_concat(month || ' ' || starting_mrr || ' ' || ending_mrr, '; '),
  '2025-11 0.0 0.0; 2025-12 0.0 0.0; 2026-01 0.0 260.0'
  FROM mrr_waterfall('allp', '2025-11', '2026-01');
SELECT 'from_month only: to the default to_month (May)', group_concat(month, ' '), '2026-04 2026-05'
  FROM mrr_waterfall('allp', '2026-04');
SELECT 'to_month only: from the first month with MRR', group_concat(month, ' '), '2026-01 2026-02'
  FROM mrr_waterfall('allp', NULL, '2026-02');
SELECT 'one month', group_concat(month || ' ' || starting_mrr || ' ' || ending_mrr), '2026-03 200.0 150.0'
  FROM mrr_waterfall('allp', '2026-03', '2026-03');
SELECT 'a default bound past the given one: no rows', count(*), 0 FROM mrr_waterfall('allp', '2026-09');
SELECT 'a NULL source: no rows', count(*), 0 FROM mrr_waterfall(NULL);
SELECT 'an empty source: no rows', count(*), 0 FROM mrr_waterfall('SELECT * FROM p WHERE 0');
-- Given both bounds, an empty source still has its months, all zero.
SELECT 'an empty source with both bounds', group_concat(month || ' ' || ending_mrr, '; '),
  '2026-01 0.0; 2026-02 0.0' FROM mrr_waterfall('SELECT * FROM p WHERE 0', '2026-01', '2026-02');

-- The identity on every row, each ending = the next starting, net new =
-- ending - starting, in cents.
SELECT 'identity on every row of every scenario', count(*), 0 FROM scenarios s,
  mrr_waterfall(printf('SELECT * FROM p WHERE scenario = %Q', s.name)) w
  WHERE round(100 * (starting_mrr + new_mrr + expansion_mrr + reactivation_mrr - contraction_mrr - churned_mrr)) <> round(100 * ending_mrr)
     OR round(100 * net_new_mrr) <> round(100 * (ending_mrr - starting_mrr))
     OR starting_customers + new_customers + reactivated_customers - churned_customers <> ending_customers;
SELECT 'each ending_mrr is the next starting_mrr', count(*), 0 FROM (
  SELECT ending_mrr, ending_customers, lead(starting_mrr) OVER (ORDER BY month) AS next_start,
         lead(starting_customers) OVER (ORDER BY month) AS next_n
  FROM mrr_waterfall('allp', '2025-12', '2026-08'))
  WHERE next_start IS NOT NULL AND (next_start <> ending_mrr OR next_n <> ending_customers);

-- Arguments as HIDDEN columns: in WHERE, and read back as given.
SELECT 'arguments in WHERE', group_concat(month, ' '), '2026-04 2026-05'
  FROM mrr_waterfall WHERE source = 'allp' AND from_month = '2026-04';
SELECT 'hidden columns read back the arguments', source || ' ' || from_month || ' ' || quote(to_month),
  'allp 2026-04 NULL' FROM mrr_waterfall('allp', '2026-04') LIMIT 1;
-- Other constraints are SQLite's: month > '2026-03' keeps April and May.
SELECT 'a constraint on month filters rows', group_concat(month, ' '), '2026-04 2026-05'
  FROM mrr_waterfall('allp') WHERE month > '2026-03';
SELECT 'ORDER BY month DESC', group_concat(month, ' '), '2026-05 2026-04 2026-03 2026-02 2026-01'
  FROM (SELECT month FROM mrr_waterfall('allp') ORDER BY month DESC);

-- The name form: tables, views, TEMP objects, schema.name, quoting.
CREATE TABLE "odd ""name"""(customer_id, start_date, end_date, mrr);
INSERT INTO "odd ""name""" VALUES ('Z', '2026-01-01', NULL, 1);
SELECT 'a table name with quotes and spaces', (SELECT ending_mrr FROM mrr_waterfall('odd "name"')), 1.0;
SELECT 'schema.name', (SELECT ending_mrr FROM mrr_waterfall('main.odd "name"')), 1.0;
SELECT 'names are matched as SQLite does, in any case', (SELECT ending_mrr FROM mrr_waterfall('ODD "NAME"')), 1.0;
CREATE TEMP TABLE shadow(customer_id, start_date, end_date, mrr);
INSERT INTO shadow VALUES ('T', '2026-01-01', NULL, 2);
CREATE TABLE main.shadow(customer_id, start_date, end_date, mrr);
SELECT 'TEMP first, as SQLite resolves names', (SELECT ending_mrr FROM mrr_waterfall('shadow')), 2.0;
SELECT 'main.shadow', (SELECT count(*) FROM mrr_waterfall('main.shadow')), 0;
-- Extra columns and any column order are fine.
CREATE TABLE wide(note TEXT, mrr REAL, end_date TEXT, segment TEXT, start_date TEXT, customer_id TEXT);
INSERT INTO wide VALUES ('x', 5, NULL, 'SMB', '2026-01-01', 'W');
SELECT 'columns found by name', (SELECT ending_mrr FROM mrr_waterfall('wide')), 5.0;
-- A TEMP VIEW can read what the statement form refuses (a virtual table).
CREATE TEMP VIEW via_json AS SELECT j.value AS customer_id, '2026-01-01' AS start_date, NULL AS end_date, 3 AS mrr
  FROM json_each('["a", "b"]') j;
SELECT 'a TEMP VIEW over a virtual table', (SELECT ending_mrr || '/' || ending_customers FROM mrr_waterfall('via_json')), '6.0/2';
-- Trailing semicolons and comments are allowed after the one statement.
SELECT 'statement with a trailing semicolon and comment',
  (SELECT ending_mrr FROM mrr_waterfall('SELECT * FROM wide; -- the end')), 5.0;
SELECT 'statement ending in a line comment',
  (SELECT ending_mrr FROM mrr_waterfall('SELECT * FROM wide -- no newline')), 5.0;
SELECT 'a WITH statement', (SELECT ending_mrr FROM mrr_waterfall(
  'WITH s AS (SELECT * FROM wide WHERE segment = ''SMB'') SELECT * FROM s')), 5.0;

-- Text customer ids compare byte for byte (the source is sorted COLLATE
-- BINARY): with a NOCASE column, 'a' and 'A' are two customers, and the
-- two 'a' rows (not adjacent in NOCASE order) still form one customer.
CREATE TABLE nocase(customer_id TEXT COLLATE NOCASE, start_date TEXT, end_date TEXT, mrr REAL);
INSERT INTO nocase VALUES ('a', '2026-01-01', NULL, 1), ('A', '2026-01-01', NULL, 2), ('a', '2026-01-01', NULL, 4);
SELECT 'customer ids are compared byte for byte', (SELECT group_concat(customer_id || '=' || mrr, ' ') FROM mrr_months('nocase')), 'A=2.0 a=5.0';

-- 2^53 + 1 and the REAL 2^53 are different values to SQL (it compares
-- integers and reals exactly), so two customers, though they sort next to
-- each other and 2^53 + 1 does not fit a double.
CREATE TABLE bigkeys(customer_id, start_date, end_date, mrr);
INSERT INTO bigkeys VALUES (9007199254740993, '2026-01-01', NULL, 1), (9007199254740992.0, '2026-01-01', NULL, 2);
SELECT 'integer and real keys are compared exactly', (SELECT count(*) FROM mrr_months('bigkeys')), 2;

-- ---------------------------------------------------------- mrr_movements
-- D: new 100 in January, +50 in March, -30 in May; C: new, churned,
-- reactivation; A: new, churned; B: none.  Customer by customer.
SELECT 'movements of every customer',
  (SELECT group_concat(month || ' ' || customer_id || ' ' || movement || ' ' || amount || ' ' || prev_mrr || '->' || curr_mrr, '; ')
   FROM mrr_movements('allp')),
  '2026-01 A new 100.0 0.0->100.0; 2026-03 A churned 100.0 100.0->0.0; ' ||
  '2026-01 C new 60.0 0.0->60.0; 2026-02 C churned 60.0 60.0->0.0; 2026-04 C reactivation 80.0 0.0->80.0; ' ||
  '2026-01 D new 100.0 0.0->100.0; 2026-03 D expansion 50.0 100.0->150.0; 2026-05 D contraction 30.0 150.0->120.0';
SELECT 'movements within bounds', (SELECT group_concat(month || ' ' || customer_id || ' ' || movement, '; ')
   FROM mrr_movements('allp', '2026-02', '2026-04')),
  '2026-03 A churned; 2026-02 C churned; 2026-04 C reactivation; 2026-03 D expansion';
SELECT 'no movement for a same-month period', count(*), 0 FROM mrr_movements('SELECT * FROM p WHERE scenario = ''same_only''');
-- Per month and kind, the movements add up to the waterfall's columns.
SELECT 'movements add up to the waterfall', count(*), 0 FROM mrr_waterfall('allp') w
  WHERE new_mrr <> (SELECT total(amount) FROM mrr_movements('allp') m WHERE m.month = w.month AND movement = 'new')
     OR expansion_mrr <> (SELECT total(amount) FROM mrr_movements('allp') m WHERE m.month = w.month AND movement = 'expansion')
     OR reactivation_mrr <> (SELECT total(amount) FROM mrr_movements('allp') m WHERE m.month = w.month AND movement = 'reactivation')
     OR contraction_mrr <> (SELECT total(amount) FROM mrr_movements('allp') m WHERE m.month = w.month AND movement = 'contraction')
     OR churned_mrr <> (SELECT total(amount) FROM mrr_movements('allp') m WHERE m.month = w.month AND movement = 'churned')
     OR churned_customers <> (SELECT count(*) FROM mrr_movements('allp') m WHERE m.month = w.month AND movement = 'churned');
SELECT 'ORDER BY month uses a sort, rows intact', (SELECT group_concat(month || customer_id, ' ')
  FROM (SELECT * FROM mrr_movements('allp') ORDER BY month, customer_id)),
  '2026-01A 2026-01C 2026-01D 2026-02C 2026-03A 2026-03D 2026-04C 2026-05D';

-- ------------------------------------------------------------ mrr_months
-- C: 60 in January, 80 from April through the default to_month (April,
-- its latest date).
SELECT 'months with MRR, default bounds', (SELECT group_concat(month || ' ' || customer_id || ' ' || mrr, '; ')
  FROM mrr_months('SELECT * FROM p WHERE scenario = ''react''')), '2026-01 C 60.0; 2026-04 C 80.0';
SELECT 'open-ended through to_month', (SELECT group_concat(month || ' ' || mrr, '; ')
  FROM mrr_months('SELECT * FROM p WHERE scenario = ''react''', NULL, '2026-06')),
  '2026-01 60.0; 2026-04 80.0; 2026-05 80.0; 2026-06 80.0';
SELECT 'months within bounds', (SELECT group_concat(month || ' ' || mrr, '; ')
  FROM mrr_months('SELECT * FROM p WHERE scenario = ''react''', '2026-05', '2026-06')),
  '2026-05 80.0; 2026-06 80.0';
-- Customer by customer: C (April only: nothing in March), then D.
SELECT 'months before the first bound are skipped', (SELECT group_concat(month || ' ' || customer_id || ' ' || mrr, '; ')
  FROM mrr_months('allp', '2026-03', '2026-04')),
  '2026-04 C 80.0; 2026-03 D 150.0; 2026-04 D 150.0';
-- Per month, the customers' MRR adds up to ending_mrr, and they count
-- ending_customers.
SELECT 'months add up to the waterfall', count(*), 0 FROM mrr_waterfall('allp') w
  WHERE ending_mrr <> (SELECT total(mrr) FROM mrr_months('allp') m WHERE m.month = w.month)
     OR ending_customers <> (SELECT count(*) FROM mrr_months('allp') m WHERE m.month = w.month);
-- A customer's MRR changes by its movements: mrr_months and
-- mrr_movements agree on every customer-month.
SELECT 'months agree with movements', count(*), 0 FROM mrr_movements('allp', '2026-01', '2026-05') v
  WHERE curr_mrr <> coalesce((SELECT mrr FROM mrr_months('allp') m WHERE m.month = v.month AND m.customer_id = v.customer_id), 0);
