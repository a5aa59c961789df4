-- tests/dirty/marketing_only.sql — a marketing-only export of 2016-2018:
-- spend by day and channel, and leads with their funnel dates; no deals,
-- no revenue.  The latest business date is an MQL date, 2018-06-12 (lead
-- L-M3), so the as-of date is 2018-06-13.
PRAGMA foreign_keys = ON;
INSERT INTO marketing_spend (spend_date, channel, segment, region, amount) VALUES
  ('2017-07-03', 'Paid Search', 'SMB', 'EMEA', 1000),
  ('2018-03-05', 'Paid Search', 'SMB', 'EMEA', 500),
  ('2018-04-02', 'Events', 'Enterprise', 'EMEA', 2500);
INSERT INTO leads (lead_id, created_date, channel, segment, region, status, mql_date, sql_date) VALUES
  ('L-M1', '2017-07-05', 'Paid Search', 'SMB', 'EMEA', 'MQL', '2017-07-10', NULL),
  ('L-M2', '2018-03-06', 'Paid Search', 'SMB', 'EMEA', 'SQL', '2018-03-08', '2018-03-20'),
  ('L-M3', '2018-06-01', 'Events', 'Enterprise', 'EMEA', 'MQL', '2018-06-12', NULL);
