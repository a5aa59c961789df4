-- sql/schema.sql — the canonical revops tables (SPEC section 5).
--
-- One SQLite file holds the CRM, marketing, billing and support data of one
-- company; every metric is a function or view over these tables.  The object
-- model is seed 003's (Account -> Contacts, Opportunities with line items,
-- activities and stage history, Subscriptions, Support tickets with CSAT),
-- plus what seeds 000, 001, 002 and 004 need: marketing spend by channel,
-- segment and region, leads and lead events, reps and quotas, weekly
-- opportunity snapshots, products with end-of-life dates and the installed
-- base, invoices and payments, NPS/CSAT surveys, churn reasons, forecast
-- submissions, cost to serve, company financials and benchmarks.
--
-- Conventions (docs/data.md, docs/conventions.md):
--   * every table is STRICT: a value of the wrong type is an error, never
--     coerced;
--   * dates are ISO text.  A `..._date` column holds 'YYYY-MM-DD', a
--     `..._at` column 'YYYY-MM-DD HH:MM:SS' (UTC), a `month` column
--     'YYYY-MM'; each has a CHECK that the text is exactly what SQLite's
--     date()/datetime() write for it after normalising ('+0 days': plain
--     date('2026-02-30') returns its input unchanged), so '2026-02-30',
--     '2026-01-05T10:00' and '1/15/2026' are refused;
--   * probabilities, rates and shares are fractions (0.25, not 25);
--   * money is REAL in the company's currency, never negative unless the
--     column says otherwise;
--   * segments are 'SMB', 'Mid-Market', 'Enterprise' (seed 000); NULL means
--     not known;
--   * booleans are INTEGER 0/1.
-- The CHECK constraints are written in a few fixed shapes (`x = 'a' OR
-- x = 'b' ...`, `x IN (0, 1)`, `x BETWEEN a AND b`, `x >= a`, `x IS date(x,
-- '+0 days')`) because the import (ext/import/schema.c) reads them to
-- validate CSV rows with a reason per column before they reach the table
-- (docs/data.md).  A list of names is written with OR, not `x IN ('a',
-- 'b', ...)`: the same test, NULL included (NULL OR NULL is NULL, which a
-- CHECK lets through, as NULL IN (...) is), but SQLite 3.40 builds an IN
-- list of three or more constants as a temporary b-tree each time a row
-- is checked, which took half of the import's CPU (docs/performance.md).
--
-- Load order follows the foreign keys; the import derives it from them.

PRAGMA foreign_keys = ON;

-- ------------------------------------------------------------- people

-- Sales, marketing, success and support staff: opportunity owners, account
-- owners, SDRs, ticket agents.  Quotas and forecast submissions hang off it.
CREATE TABLE IF NOT EXISTS reps (
  rep_id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  email TEXT,
  role TEXT NOT NULL CHECK (role = 'SDR' OR role = 'AE' OR role = 'AM' OR role = 'CSM' OR role = 'Support' OR role = 'Manager' OR role = 'Marketing'),
  segment TEXT CHECK (segment = 'SMB' OR segment = 'Mid-Market' OR segment = 'Enterprise'),  -- the segment the rep sells to
  region TEXT,
  manager_id TEXT REFERENCES reps (rep_id),
  hire_date TEXT CHECK (hire_date IS date(hire_date, '+0 days')),   -- ramp (seed 003: month 1-2 at 0%, 6+ at 100%)
  end_date TEXT CHECK (end_date IS date(end_date, '+0 days')),      -- left the company; NULL = still employed
  annual_cost REAL CHECK (annual_cost >= 0)              -- fully loaded cost, for cost per meeting (seed 003)
) STRICT;

-- Targets per rep and period: new ARR for AEs, pipeline for SDRs, NRR or
-- expansion for account managers (seed 003 comp plans).
CREATE TABLE IF NOT EXISTS quotas (
  rep_id TEXT NOT NULL REFERENCES reps (rep_id),
  period_start TEXT NOT NULL CHECK (period_start IS date(period_start, '+0 days')),
  period_end TEXT NOT NULL CHECK (period_end IS date(period_end, '+0 days')),  -- exclusive: the first day after the period
  quota_type TEXT NOT NULL DEFAULT 'new_arr' CHECK (quota_type = 'new_arr' OR quota_type = 'pipeline' OR quota_type = 'expansion' OR quota_type = 'nrr'),
  amount REAL NOT NULL CHECK (amount >= 0),  -- money, or a fraction for quota_type 'nrr'
  PRIMARY KEY (rep_id, period_start, quota_type),
  CHECK (period_end > period_start)
) STRICT;

-- --------------------------------------------------------- customers

-- Companies: prospects and customers (seed 003 Account).  Customer status is
-- not stored: a customer is an account with an active subscription.
CREATE TABLE IF NOT EXISTS accounts (
  account_id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  domain TEXT,
  industry TEXT,
  employees INTEGER CHECK (employees >= 0),
  segment TEXT CHECK (segment = 'SMB' OR segment = 'Mid-Market' OR segment = 'Enterprise'),
  region TEXT,                 -- e.g. 'North America', 'EMEA', 'APAC', 'LATAM'
  territory TEXT,              -- sales territory (seed 002 groups accounts by it)
  icp_tier TEXT CHECK (icp_tier = 'A' OR icp_tier = 'B' OR icp_tier = 'C' OR icp_tier = 'D'),  -- ideal-customer-profile fit, A best (seed 003)
  owner_rep_id TEXT REFERENCES reps (rep_id),              -- account executive / manager
  csm_rep_id TEXT REFERENCES reps (rep_id),                -- customer success manager
  parent_account_id TEXT REFERENCES accounts (account_id),
  created_date TEXT CHECK (created_date IS date(created_date, '+0 days')),
  payment_terms_days INTEGER CHECK (payment_terms_days >= 0),  -- net days; due date = invoice date + terms
  credit_hold INTEGER NOT NULL DEFAULT 0 CHECK (credit_hold IN (0, 1)),  -- billing has stopped new orders (seed 004)
  executive_sponsor_engaged INTEGER CHECK (executive_sponsor_engaged IN (0, 1)),  -- seed 004 account view
  last_qbr_date TEXT CHECK (last_qbr_date IS date(last_qbr_date, '+0 days')),
  next_qbr_date TEXT CHECK (next_qbr_date IS date(next_qbr_date, '+0 days'))  -- a QBR is scheduled when this is in the future
) STRICT;
CREATE INDEX IF NOT EXISTS accounts_owner ON accounts (owner_rep_id);
CREATE INDEX IF NOT EXISTS accounts_segment ON accounts (segment, region);

-- People at accounts (seed 003 Contact).  account_id is NULL for contacts
-- not yet matched to an account.
CREATE TABLE IF NOT EXISTS contacts (
  contact_id TEXT PRIMARY KEY,
  account_id TEXT REFERENCES accounts (account_id),
  first_name TEXT,
  last_name TEXT,
  email TEXT,
  title TEXT,
  seniority TEXT CHECK (seniority = 'C-Level' OR seniority = 'VP' OR seniority = 'Director' OR seniority = 'Manager' OR seniority = 'Individual Contributor'),
  persona TEXT,                          -- buyer persona: 'Economic Buyer', 'Champion', 'User', ...
  is_decision_maker INTEGER NOT NULL DEFAULT 0 CHECK (is_decision_maker IN (0, 1)),
  original_source TEXT,                  -- first channel that brought the person (attribution, seed 003)
  latest_source TEXT,                    -- most recent channel
  opted_in INTEGER NOT NULL DEFAULT 1 CHECK (opted_in IN (0, 1)),  -- may receive marketing email
  created_date TEXT CHECK (created_date IS date(created_date, '+0 days')),
  last_activity_date TEXT CHECK (last_activity_date IS date(last_activity_date, '+0 days'))
) STRICT;
CREATE INDEX IF NOT EXISTS contacts_account ON contacts (account_id);
-- an account's first contact with a source (account_dimensions' channel),
-- read from the index in order: no sort, no table row
CREATE INDEX IF NOT EXISTS contacts_account_first ON contacts (account_id, created_date, contact_id, original_source);

-- ----------------------------------------------------------- marketing

-- Marketing programmes; spend, leads and touchpoints point at them.
CREATE TABLE IF NOT EXISTS campaigns (
  campaign_id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  channel TEXT NOT NULL,         -- acquisition channel: 'Paid Search', 'Events', 'Organic', ...
  campaign_type TEXT,            -- 'webinar', 'ebook', 'ads', 'conference', 'outbound', ...
  start_date TEXT CHECK (start_date IS date(start_date, '+0 days')),
  end_date TEXT CHECK (end_date IS date(end_date, '+0 days')),
  budget REAL CHECK (budget >= 0),
  segment TEXT CHECK (segment = 'SMB' OR segment = 'Mid-Market' OR segment = 'Enterprise'),  -- target segment, NULL = all
  region TEXT
) STRICT;

-- Marketing spend per day, channel, segment and region: the grain of seed
-- 000's shared filters, so CAC and ROI can be cut by every one of them.
CREATE TABLE IF NOT EXISTS marketing_spend (
  spend_date TEXT NOT NULL CHECK (spend_date IS date(spend_date, '+0 days')),
  channel TEXT NOT NULL,
  segment TEXT NOT NULL CHECK (segment = 'SMB' OR segment = 'Mid-Market' OR segment = 'Enterprise'),
  region TEXT NOT NULL,
  amount REAL NOT NULL CHECK (amount >= 0),
  campaign_id TEXT REFERENCES campaigns (campaign_id),  -- when the spend belongs to one campaign
  PRIMARY KEY (spend_date, channel, segment, region)
) STRICT;

-- ------------------------------------------------------------- pipeline

-- The sales stages, in order, with their default win probability, the days
-- a deal is expected to spend in each (deal_health's stage velocity), and
-- the forecast category they roll up to (seed 003/001).  The probabilities
-- are stage_probability()'s built-in defaults; edit a row to change one and
-- pass it in with a join: stage_probability(o.stage, s.probability) (the
-- function never reads tables itself: see docs/pipeline.md).
CREATE TABLE IF NOT EXISTS stages (
  stage TEXT PRIMARY KEY,
  stage_order INTEGER NOT NULL,
  probability REAL NOT NULL CHECK (probability BETWEEN 0 AND 1),
  expected_days INTEGER CHECK (expected_days >= 0),   -- NULL for closed stages
  forecast_category TEXT NOT NULL CHECK (forecast_category = 'Omitted' OR forecast_category = 'Upside' OR forecast_category = 'Pipeline' OR forecast_category = 'Best Case' OR forecast_category = 'Commit' OR forecast_category = 'Closed'),
  is_closed INTEGER NOT NULL DEFAULT 0 CHECK (is_closed IN (0, 1)),
  is_won INTEGER NOT NULL DEFAULT 0 CHECK (is_won IN (0, 1)),
  -- Named constraints: the name is what a failing row's reject says.
  CONSTRAINT "a won stage must also be closed (is_closed = 1)" CHECK (is_won = 0 OR is_closed = 1)
) STRICT;
-- Defaults: probabilities chosen so that forecast_category(probability)
-- (SPEC section 4: Commit >= 0.90, Best Case >= 0.60, Pipeline >= 0.20,
-- Upside > 0) gives the category of the row; Closed Won is 'Closed' and
-- Closed Lost 'Omitted' as in seed 001's table.
INSERT OR IGNORE INTO stages VALUES
  ('Discovery',     1, 0.10, 14,   'Upside',    0, 0),
  ('Qualification', 2, 0.20, 14,   'Pipeline',  0, 0),
  ('Demo',          3, 0.40, 21,   'Pipeline',  0, 0),
  ('Proposal',      4, 0.60, 21,   'Best Case', 0, 0),
  ('Negotiation',   5, 0.80, 14,   'Best Case', 0, 0),
  ('Contract Sent', 6, 0.90, 10,   'Commit',    0, 0),
  ('Closed Won',    7, 1.00, NULL, 'Closed',    1, 1),
  ('Closed Lost',   8, 0.00, NULL, 'Omitted',   1, 0);

-- Deals (seed 003 Opportunity).  amount is the current value;
-- original_amount the value when created (deal_health's amount factor);
-- close_date the expected close while open and the actual one once closed;
-- original_close_date the first expected close (pushes are counted from
-- the stage history and weekly snapshots).
CREATE TABLE IF NOT EXISTS opportunities (
  opportunity_id TEXT PRIMARY KEY,
  account_id TEXT REFERENCES accounts (account_id),   -- NULL: an open deal not yet tied to an account (docs/data.md)
  name TEXT,
  owner_rep_id TEXT REFERENCES reps (rep_id),
  opportunity_type TEXT NOT NULL DEFAULT 'New Business' CHECK (opportunity_type = 'New Business' OR opportunity_type = 'Expansion' OR opportunity_type = 'Renewal'),
  stage TEXT NOT NULL REFERENCES stages (stage),
  amount REAL CHECK (amount >= 0),                  -- NULL = not set (a hygiene issue, seed 001)
  original_amount REAL CHECK (original_amount >= 0),
  probability REAL CHECK (probability BETWEEN 0 AND 1),  -- rep override; NULL = the stage's default
  forecast_category TEXT CHECK (forecast_category = 'Omitted' OR forecast_category = 'Upside' OR forecast_category = 'Pipeline' OR forecast_category = 'Best Case' OR forecast_category = 'Commit' OR forecast_category = 'Closed'),  -- override; NULL = the stage's
  created_date TEXT CHECK (created_date IS date(created_date, '+0 days')),   -- NULL: not in the export (docs/data.md)
  close_date TEXT CHECK (close_date IS date(close_date, '+0 days')),
  original_close_date TEXT CHECK (original_close_date IS date(original_close_date, '+0 days')),
  stage_entered_date TEXT CHECK (stage_entered_date IS date(stage_entered_date, '+0 days')),  -- when the current stage began
  next_step TEXT,                                   -- NULL = missing next step (hygiene, seed 001)
  channel TEXT,                                     -- lead source channel
  campaign_id TEXT REFERENCES campaigns (campaign_id),  -- source campaign (seed 003 required field)
  loss_reason TEXT,                                 -- required on Closed Lost (seed 003 hygiene rule)
  competitor TEXT,
  meddpicc_score INTEGER CHECK (meddpicc_score BETWEEN 0 AND 8)  -- one point per MEDDPICC letter
) STRICT;
CREATE INDEX IF NOT EXISTS opportunities_account ON opportunities (account_id);
-- an account's first won new-business deal (account_dimensions' channel)
CREATE INDEX IF NOT EXISTS opportunities_account_close ON opportunities (account_id, close_date, opportunity_id, stage, opportunity_type, channel);
CREATE INDEX IF NOT EXISTS opportunities_owner ON opportunities (owner_rep_id, stage);
CREATE INDEX IF NOT EXISTS opportunities_stage ON opportunities (stage, close_date);
CREATE INDEX IF NOT EXISTS opportunities_campaign ON opportunities (campaign_id);
CREATE INDEX IF NOT EXISTS opportunities_created ON opportunities (created_date);  -- as_of_date

-- ---------------------------------------------------------- products

-- What the company sells, with lifecycle dates: installed products past
-- their end of life are revenue at risk (seed 002).
CREATE TABLE IF NOT EXISTS products (
  product_id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  category TEXT NOT NULL,        -- product category (seed 002: 'WLAN HW', 'x86 Premium Servers', ...)
  product_line TEXT,
  list_price REAL CHECK (list_price >= 0),
  billing TEXT NOT NULL DEFAULT 'recurring' CHECK (billing = 'recurring' OR billing = 'one_time'),
  end_of_sale_date TEXT CHECK (end_of_sale_date IS date(end_of_sale_date, '+0 days')),
  end_of_life_date TEXT CHECK (end_of_life_date IS date(end_of_life_date, '+0 days'))  -- NULL = no end of life announced
) STRICT;

-- Products on opportunities (seed 003 Line Items).
CREATE TABLE IF NOT EXISTS opportunity_line_items (
  opportunity_id TEXT NOT NULL REFERENCES opportunities (opportunity_id),
  line_no INTEGER NOT NULL CHECK (line_no >= 1),
  product_id TEXT NOT NULL REFERENCES products (product_id),
  quantity REAL NOT NULL CHECK (quantity > 0),
  unit_price REAL NOT NULL CHECK (unit_price >= 0),
  discount REAL NOT NULL DEFAULT 0 CHECK (discount BETWEEN 0 AND 1),  -- fraction off unit_price
  amount REAL NOT NULL CHECK (amount >= 0),         -- quantity x unit_price x (1 - discount)
  PRIMARY KEY (opportunity_id, line_no)
) STRICT;
CREATE INDEX IF NOT EXISTS line_items_product ON opportunity_line_items (product_id);

-- One row per stage an opportunity entered (seed 003 Stage History: stage
-- entry dates for velocity).  exited_date is NULL for the current stage.
-- An exited_date before entered_date loads (exports have them): the views
-- flag it (data_quality_issues) and leave it out of stage durations.
CREATE TABLE IF NOT EXISTS opportunity_stage_history (
  opportunity_id TEXT NOT NULL REFERENCES opportunities (opportunity_id),
  stage TEXT NOT NULL REFERENCES stages (stage),
  entered_date TEXT NOT NULL CHECK (entered_date IS date(entered_date, '+0 days')),
  exited_date TEXT CHECK (exited_date IS date(exited_date, '+0 days')),
  amount REAL CHECK (amount >= 0),               -- amount when the stage was entered
  close_date TEXT CHECK (close_date IS date(close_date, '+0 days')),  -- expected close when the stage was entered
  PRIMARY KEY (opportunity_id, entered_date, stage)
) STRICT;

-- The open pipeline as it stood at each weekly snapshot (seed 001 weekly
-- forecast review: ups, downs, close-date pushes; seed 003 forecast
-- accuracy).  A deal appears in every snapshot from its creation to the
-- snapshot after it closed.
CREATE TABLE IF NOT EXISTS opportunity_snapshots (
  snapshot_date TEXT NOT NULL CHECK (snapshot_date IS date(snapshot_date, '+0 days')),
  opportunity_id TEXT NOT NULL REFERENCES opportunities (opportunity_id),
  stage TEXT NOT NULL REFERENCES stages (stage),
  amount REAL CHECK (amount >= 0),
  probability REAL CHECK (probability BETWEEN 0 AND 1),
  forecast_category TEXT CHECK (forecast_category = 'Omitted' OR forecast_category = 'Upside' OR forecast_category = 'Pipeline' OR forecast_category = 'Best Case' OR forecast_category = 'Commit' OR forecast_category = 'Closed'),
  close_date TEXT CHECK (close_date IS date(close_date, '+0 days')),
  owner_rep_id TEXT REFERENCES reps (rep_id),
  PRIMARY KEY (snapshot_date, opportunity_id)
) STRICT;
CREATE INDEX IF NOT EXISTS snapshots_opportunity ON opportunity_snapshots (opportunity_id, snapshot_date);

-- Calls, emails, meetings (seed 003 Activities).  Activity recency and
-- contacts engaged per deal (deal_health) come from here.
CREATE TABLE IF NOT EXISTS activities (
  activity_id TEXT PRIMARY KEY,
  activity_type TEXT NOT NULL CHECK (activity_type = 'Call' OR activity_type = 'Email' OR activity_type = 'Meeting' OR activity_type = 'Demo' OR activity_type = 'Note' OR activity_type = 'Task'),
  occurred_at TEXT NOT NULL CHECK (occurred_at IS datetime(occurred_at, '+0 days')),
  rep_id TEXT REFERENCES reps (rep_id),
  account_id TEXT REFERENCES accounts (account_id),
  contact_id TEXT REFERENCES contacts (contact_id),
  opportunity_id TEXT REFERENCES opportunities (opportunity_id),
  direction TEXT CHECK (direction = 'inbound' OR direction = 'outbound'),
  duration_minutes INTEGER CHECK (duration_minutes >= 0),
  outcome TEXT
) STRICT;
CREATE INDEX IF NOT EXISTS activities_opportunity ON activities (opportunity_id, occurred_at);
CREATE INDEX IF NOT EXISTS activities_account ON activities (account_id, occurred_at);
CREATE INDEX IF NOT EXISTS activities_rep ON activities (rep_id, occurred_at);
-- The as_of_date view (sql/views/00_as_of.sql) reads the latest date of
-- activities, tickets, invoices and subscriptions on every query: these
-- make each a single index lookup.
CREATE INDEX IF NOT EXISTS activities_occurred ON activities (occurred_at);

-- ------------------------------------------------------------- leads

-- Marketing leads and their funnel dates (seed 003 funnel: MQL, SAL, SQL,
-- opportunity).  A lead converts into one opportunity.
CREATE TABLE IF NOT EXISTS leads (
  lead_id TEXT PRIMARY KEY,
  created_date TEXT NOT NULL CHECK (created_date IS date(created_date, '+0 days')),
  channel TEXT NOT NULL,                      -- acquisition channel
  campaign_id TEXT REFERENCES campaigns (campaign_id),
  contact_id TEXT REFERENCES contacts (contact_id),
  account_id TEXT REFERENCES accounts (account_id),  -- lead-to-account match (seed 003 hygiene)
  email TEXT,
  company TEXT,
  segment TEXT CHECK (segment = 'SMB' OR segment = 'Mid-Market' OR segment = 'Enterprise'),
  region TEXT,
  employees INTEGER CHECK (employees >= 0),
  industry TEXT,
  status TEXT NOT NULL DEFAULT 'New' CHECK (status = 'New' OR status = 'Working' OR status = 'Nurture' OR status = 'MQL' OR status = 'SAL' OR status = 'SQL' OR status = 'Converted' OR status = 'Disqualified'),
  owner_rep_id TEXT REFERENCES reps (rep_id),      -- SDR
  mql_date TEXT CHECK (mql_date IS date(mql_date, '+0 days')),
  sal_date TEXT CHECK (sal_date IS date(sal_date, '+0 days')),
  sql_date TEXT CHECK (sql_date IS date(sql_date, '+0 days')),
  converted_date TEXT CHECK (converted_date IS date(converted_date, '+0 days')),
  opportunity_id TEXT REFERENCES opportunities (opportunity_id),  -- the opportunity it converted into
  first_response_minutes INTEGER CHECK (first_response_minutes >= 0),  -- lead response time (seed 003 SLA: 5 minutes)
  rejection_reason TEXT CHECK (rejection_reason = 'Bad contact info' OR rejection_reason = 'Not decision maker' OR rejection_reason = 'Wrong ICP' OR rejection_reason = 'Duplicate' OR rejection_reason = 'Competitor')  -- seed 003 SAL rejection reasons
) STRICT;
CREATE INDEX IF NOT EXISTS leads_created ON leads (created_date, channel);
CREATE INDEX IF NOT EXISTS leads_campaign ON leads (campaign_id);
CREATE INDEX IF NOT EXISTS leads_account ON leads (account_id);
-- an account's first lead (account_dimensions' channel)
CREATE INDEX IF NOT EXISTS leads_account_first ON leads (account_id, created_date, lead_id, channel);
CREATE INDEX IF NOT EXISTS leads_opportunity ON leads (opportunity_id);
-- Covering indexes for the marketing and lead views (marketing_facts,
-- marketing_funnel_counts, lead_response_sla count leads, MQLs and SQLs by
-- date, channel, segment and region): each reads a narrow index range
-- instead of the wide lead rows.
CREATE INDEX IF NOT EXISTS leads_created_dims ON leads (created_date, channel, segment, region, mql_date, sal_date, sql_date, opportunity_id);
CREATE INDEX IF NOT EXISTS leads_mql ON leads (mql_date, channel, segment, region, owner_rep_id, first_response_minutes);
CREATE INDEX IF NOT EXISTS leads_sql ON leads (sql_date, channel, segment, region);

-- Behavioural and firmographic signals per lead: the input of
-- lead_score(signal, occurred_at, as_of).  Signal names are those of
-- revops_lead_model(); unknown names are kept (they score 0 and
-- lead_score_explain lists them).
CREATE TABLE IF NOT EXISTS lead_events (
  event_id INTEGER PRIMARY KEY,
  lead_id TEXT NOT NULL REFERENCES leads (lead_id),
  signal TEXT NOT NULL,
  occurred_at TEXT NOT NULL CHECK (occurred_at IS datetime(occurred_at, '+0 days')),
  campaign_id TEXT REFERENCES campaigns (campaign_id)
) STRICT;
CREATE INDEX IF NOT EXISTS lead_events_lead ON lead_events (lead_id, occurred_at);

-- Marketing touches on the path to a lead and an opportunity, for
-- attribution_weight() (seed 003: first/last touch, linear, U-, W-shaped,
-- time decay).  W-shaped needs the lead-creation and opportunity-creation
-- touches marked.
CREATE TABLE IF NOT EXISTS touchpoints (
  touchpoint_id INTEGER PRIMARY KEY,
  occurred_at TEXT NOT NULL CHECK (occurred_at IS datetime(occurred_at, '+0 days')),
  channel TEXT NOT NULL,
  campaign_id TEXT REFERENCES campaigns (campaign_id),
  lead_id TEXT REFERENCES leads (lead_id),
  contact_id TEXT REFERENCES contacts (contact_id),
  opportunity_id TEXT REFERENCES opportunities (opportunity_id),
  touch_type TEXT,                 -- 'ad_click', 'form_fill', 'webinar', 'email_click', ...
  is_lead_creation INTEGER NOT NULL DEFAULT 0 CHECK (is_lead_creation IN (0, 1)),
  is_opportunity_creation INTEGER NOT NULL DEFAULT 0 CHECK (is_opportunity_creation IN (0, 1))
) STRICT;
CREATE INDEX IF NOT EXISTS touchpoints_opportunity ON touchpoints (opportunity_id, occurred_at);
CREATE INDEX IF NOT EXISTS touchpoints_lead ON touchpoints (lead_id, occurred_at);

-- ------------------------------------------------------- the installed base

-- Products installed at customers (seed 002 install base): expired support
-- and end-of-life products are revenue at risk.
CREATE TABLE IF NOT EXISTS installed_products (
  install_id TEXT PRIMARY KEY,
  account_id TEXT NOT NULL REFERENCES accounts (account_id),
  product_id TEXT NOT NULL REFERENCES products (product_id),
  quantity INTEGER NOT NULL DEFAULT 1 CHECK (quantity >= 1),
  install_date TEXT CHECK (install_date IS date(install_date, '+0 days')),
  support_end_date TEXT CHECK (support_end_date IS date(support_end_date, '+0 days')),  -- NULL = no support contract
  status TEXT NOT NULL DEFAULT 'Active' CHECK (status = 'Active' OR status = 'Expired' OR status = 'Retired'),
  contract_value REAL CHECK (contract_value >= 0),   -- annual value of the product and its support
  serial_number TEXT
) STRICT;
CREATE INDEX IF NOT EXISTS installed_account ON installed_products (account_id);
CREATE INDEX IF NOT EXISTS installed_product ON installed_products (product_id);

-- ------------------------------------------------------------ revenue

-- Recurring revenue: one row per service period of a subscription.  A
-- price, plan or quantity change ends one period and starts the next, so
-- the MRR engine (mrr_waterfall, SPEC section 3) reads this table as it is:
-- end_date is EXCLUSIVE and NULL while the period is active, mrr is the
-- monthly amount (annual contracts divided by 12).  The view
-- subscription_mrr below gives it the column names mrr_waterfall expects.
CREATE TABLE IF NOT EXISTS subscriptions (
  subscription_id TEXT PRIMARY KEY,   -- one id per period: e.g. 'S123-2' for the second period of S123
  account_id TEXT NOT NULL REFERENCES accounts (account_id),
  product_id TEXT REFERENCES products (product_id),
  plan TEXT,                          -- 'Starter', 'Growth', 'Enterprise', ...
  start_date TEXT NOT NULL CHECK (start_date IS date(start_date, '+0 days')),
  end_date TEXT CHECK (end_date IS date(end_date, '+0 days')),   -- exclusive; NULL = active
  mrr REAL NOT NULL CHECK (mrr >= 0),
  quantity REAL CHECK (quantity >= 0),                -- seats or units
  billing_interval TEXT NOT NULL DEFAULT 'month' CHECK (billing_interval = 'month' OR billing_interval = 'quarter' OR billing_interval = 'year'),
  renewal_date TEXT CHECK (renewal_date IS date(renewal_date, '+0 days')),   -- contract end / next renewal (seed 004)
  opportunity_id TEXT REFERENCES opportunities (opportunity_id)  -- the deal that created this period
  -- start = end: an empty period (docs/mrr.md).  An end before the start
  -- loads (exports have them): subscription_mrr leaves such a period out
  -- of MRR and data_quality_issues flags it.
) STRICT;
CREATE INDEX IF NOT EXISTS subscriptions_account ON subscriptions (account_id, start_date);
CREATE INDEX IF NOT EXISTS subscriptions_start ON subscriptions (start_date);  -- as_of_date

-- The subscriptions as the MRR engine's source (SPEC section 3): columns
-- customer_id, start_date, end_date (exclusive, NULL = active), mrr, plus
-- segment, region and plan for filtering, e.g.
--   SELECT * FROM mrr_waterfall('SELECT * FROM subscription_mrr WHERE segment = ''SMB''')
CREATE VIEW IF NOT EXISTS subscription_mrr AS
SELECT s.account_id AS customer_id, s.start_date, s.end_date, s.mrr,
       a.segment, a.region, s.plan, s.product_id, s.subscription_id
FROM subscriptions AS s JOIN accounts AS a ON a.account_id = s.account_id
WHERE s.end_date IS NULL OR s.end_date >= s.start_date;  -- a period ending before it starts is no revenue

-- ------------------------------------------------------------- usage

-- Product usage per account and month (seed 003: "Subscriptions -> Usage
-- Data"; expansion signals "approaching seat/usage limit (>80%)", "new
-- department/team using product", "API usage growing >20% MoM"; revenue
-- intelligence "decreasing product usage predicts churn in 60-90 days",
-- churn_risk's usage factor).  One row per account and calendar month,
-- the month's totals as the product's analytics export them:
--   seats_purchased  seats the account pays for at the month end
--   seats_used       seats assigned to named users ("seats used against
--                    purchased"); may exceed purchased (over-deployment)
--   active_users     distinct users active in the month (MAU)
--   key_feature_events  uses of the product's key features (adoption)
--   api_calls, api_call_limit  metered usage and the plan's allowance
--                    (NULL limit = unlimited)
--   teams_active     departments or teams with an active user
CREATE TABLE IF NOT EXISTS product_usage (
  account_id TEXT NOT NULL REFERENCES accounts (account_id),
  month TEXT NOT NULL CHECK (month IS strftime('%Y-%m', month || '-01')),
  seats_purchased INTEGER NOT NULL CHECK (seats_purchased >= 0),
  seats_used INTEGER NOT NULL CHECK (seats_used >= 0),
  active_users INTEGER NOT NULL CHECK (active_users >= 0),
  key_feature_events INTEGER NOT NULL DEFAULT 0 CHECK (key_feature_events >= 0),
  api_calls INTEGER NOT NULL DEFAULT 0 CHECK (api_calls >= 0),
  api_call_limit INTEGER CHECK (api_call_limit >= 0),
  teams_active INTEGER CHECK (teams_active >= 0),
  PRIMARY KEY (account_id, month)
) STRICT;

-- Why customers leave or shrink (seed 000 Churn Reasons table).
CREATE TABLE IF NOT EXISTS churn_reasons (
  reason_code TEXT PRIMARY KEY,
  description TEXT NOT NULL,
  category TEXT NOT NULL CHECK (category = 'Price' OR category = 'Product' OR category = 'Service' OR category = 'Competition' OR category = 'Business' OR category = 'Other')
) STRICT;
INSERT OR IGNORE INTO churn_reasons VALUES
  ('price', 'Too expensive for the value received', 'Price'),
  ('budget_cut', 'Budget cut or spending freeze', 'Business'),
  ('competitor', 'Switched to a competitor', 'Competition'),
  ('missing_feature', 'Missing a feature they needed', 'Product'),
  ('poor_adoption', 'Low adoption; never got value', 'Product'),
  ('support', 'Unhappy with support or service quality', 'Service'),
  ('acquired', 'Acquired or merged', 'Business'),
  ('out_of_business', 'Went out of business', 'Business'),
  ('champion_left', 'Champion left the company', 'Other');

-- One row per churn or contraction with its reason (seed 000, seed 003
-- churn analysis).  The MRR movement itself comes from subscriptions; this
-- says why.
CREATE TABLE IF NOT EXISTS churn_events (
  churn_id TEXT PRIMARY KEY,
  account_id TEXT NOT NULL REFERENCES accounts (account_id),
  subscription_id TEXT REFERENCES subscriptions (subscription_id),
  churn_date TEXT NOT NULL CHECK (churn_date IS date(churn_date, '+0 days')),
  churn_type TEXT NOT NULL CHECK (churn_type = 'churn' OR churn_type = 'contraction'),
  reason_code TEXT NOT NULL REFERENCES churn_reasons (reason_code),
  mrr_lost REAL NOT NULL CHECK (mrr_lost >= 0),
  competitor TEXT,
  notes TEXT
) STRICT;
CREATE INDEX IF NOT EXISTS churn_events_account ON churn_events (account_id, churn_date);

-- ------------------------------------------------------------ billing

-- Invoices (seed 004 billing persona).  Overdue = not fully paid by
-- due_date; outstanding = amount - sum(payments).  disputed and adjusted
-- feed "invoice disputes" and "billing accuracy".
CREATE TABLE IF NOT EXISTS invoices (
  invoice_id TEXT PRIMARY KEY,
  account_id TEXT NOT NULL REFERENCES accounts (account_id),
  subscription_id TEXT REFERENCES subscriptions (subscription_id),
  invoice_date TEXT NOT NULL CHECK (invoice_date IS date(invoice_date, '+0 days')),
  due_date TEXT NOT NULL CHECK (due_date IS date(due_date, '+0 days')),
  amount REAL NOT NULL CHECK (amount >= 0),
  currency TEXT NOT NULL DEFAULT 'USD' CONSTRAINT "currency must be a three-letter code such as USD" CHECK (length(currency) = 3),
  status TEXT NOT NULL CHECK (status = 'draft' OR status = 'open' OR status = 'paid' OR status = 'void' OR status = 'uncollectible'),
  disputed INTEGER NOT NULL DEFAULT 0 CHECK (disputed IN (0, 1)),
  dispute_reason TEXT,
  adjusted INTEGER NOT NULL DEFAULT 0 CHECK (adjusted IN (0, 1)),  -- corrected after issue: a billing error
  CHECK (due_date >= invoice_date)
) STRICT;
CREATE INDEX IF NOT EXISTS invoices_account ON invoices (account_id, invoice_date);
CREATE INDEX IF NOT EXISTS invoices_status ON invoices (status, due_date);
CREATE INDEX IF NOT EXISTS invoices_date ON invoices (invoice_date);  -- as_of_date

CREATE TABLE IF NOT EXISTS payments (
  payment_id TEXT PRIMARY KEY,
  invoice_id TEXT NOT NULL REFERENCES invoices (invoice_id),
  paid_date TEXT NOT NULL CHECK (paid_date IS date(paid_date, '+0 days')),
  amount REAL NOT NULL CHECK (amount > 0),
  method TEXT CHECK (method = 'card' OR method = 'ach' OR method = 'wire' OR method = 'check' OR method = 'other')
) STRICT;
CREATE INDEX IF NOT EXISTS payments_invoice ON payments (invoice_id);
-- Payments made since a day: the billing views (payments after the as-of
-- date) and insight_receivables_trend (which invoices were still unpaid a
-- month ago), without a scan of every payment.
CREATE INDEX IF NOT EXISTS payments_paid ON payments (paid_date, invoice_id);

-- ------------------------------------------------------------ service

-- Support tickets with their SLA targets (seed 004 operations and service
-- personas; seed 003 Support Tickets -> CSAT).  A ticket breaches its SLA
-- when the first response or the resolution came later than its target.
CREATE TABLE IF NOT EXISTS support_tickets (
  ticket_id TEXT PRIMARY KEY,
  account_id TEXT NOT NULL REFERENCES accounts (account_id),
  contact_id TEXT REFERENCES contacts (contact_id),
  product_id TEXT REFERENCES products (product_id),
  agent_id TEXT REFERENCES reps (rep_id),
  opened_at TEXT NOT NULL CHECK (opened_at IS datetime(opened_at, '+0 days')),
  first_response_at TEXT CHECK (first_response_at IS datetime(first_response_at, '+0 days')),
  resolved_at TEXT CHECK (resolved_at IS datetime(resolved_at, '+0 days')),   -- NULL while open
  priority TEXT NOT NULL CHECK (priority = 'Urgent' OR priority = 'High' OR priority = 'Normal' OR priority = 'Low'),
  status TEXT NOT NULL CHECK (status = 'Open' OR status = 'Pending' OR status = 'Solved' OR status = 'Closed'),
  category TEXT,                          -- issue category: recurring issues are the same category again
  sla_response_hours REAL CHECK (sla_response_hours > 0),
  sla_resolution_hours REAL CHECK (sla_resolution_hours > 0),
  csat INTEGER CHECK (csat BETWEEN 1 AND 5)   -- post-ticket satisfaction, 1-5
  -- resolved_at or first_response_at before opened_at loads (exports have
  -- them): the views flag the ticket (data_quality_issues) and leave the
  -- impossible time out of averages and SLA compliance.
) STRICT;
CREATE INDEX IF NOT EXISTS tickets_account ON support_tickets (account_id, opened_at);
CREATE INDEX IF NOT EXISTS tickets_product ON support_tickets (product_id);
CREATE INDEX IF NOT EXISTS tickets_opened ON support_tickets (opened_at);  -- as_of_date
CREATE INDEX IF NOT EXISTS tickets_status ON support_tickets (status);  -- open tickets (account health)

-- Relationship surveys: NPS (0-10; promoters 9-10, detractors 0-6) and
-- CSAT (1-5).
CREATE TABLE IF NOT EXISTS survey_responses (
  response_id TEXT PRIMARY KEY,
  account_id TEXT NOT NULL REFERENCES accounts (account_id),
  contact_id TEXT REFERENCES contacts (contact_id),
  ticket_id TEXT REFERENCES support_tickets (ticket_id),
  survey_type TEXT NOT NULL CHECK (survey_type = 'NPS' OR survey_type = 'CSAT'),
  responded_date TEXT NOT NULL CHECK (responded_date IS date(responded_date, '+0 days')),
  score INTEGER NOT NULL CHECK (score BETWEEN 0 AND 10),
  comment TEXT,
  CONSTRAINT "a CSAT score is 1 to 5 (only NPS goes 0 to 10)" CHECK (survey_type = 'NPS' OR score BETWEEN 1 AND 5)
) STRICT;
CREATE INDEX IF NOT EXISTS surveys_account ON survey_responses (account_id, responded_date);
CREATE INDEX IF NOT EXISTS surveys_responded ON survey_responses (responded_date);  -- as_of_date

-- ------------------------------------------------------------ finance

-- What reps and managers called for a period, by category, on a date: the
-- forecast side of forecast accuracy (seed 003 MAPE < 15%).
CREATE TABLE IF NOT EXISTS forecast_submissions (
  rep_id TEXT NOT NULL REFERENCES reps (rep_id),
  period_start TEXT NOT NULL CHECK (period_start IS date(period_start, '+0 days')),
  period_end TEXT NOT NULL CHECK (period_end IS date(period_end, '+0 days')),   -- exclusive
  submitted_date TEXT NOT NULL CHECK (submitted_date IS date(submitted_date, '+0 days')),
  category TEXT NOT NULL CHECK (category = 'Commit' OR category = 'Best Case' OR category = 'Pipeline'),
  amount REAL NOT NULL CHECK (amount >= 0),
  PRIMARY KEY (rep_id, period_start, submitted_date, category),
  CHECK (period_end > period_start)
) STRICT;

-- Cost to serve per account and month (seed 004 profit margin per
-- customer).
CREATE TABLE IF NOT EXISTS costs_to_serve (
  account_id TEXT NOT NULL REFERENCES accounts (account_id),
  month TEXT NOT NULL CHECK (month IS strftime('%Y-%m', month || '-01')),
  cost_type TEXT NOT NULL CHECK (cost_type = 'support' OR cost_type = 'success' OR cost_type = 'infrastructure' OR cost_type = 'onboarding' OR cost_type = 'other'),
  amount REAL NOT NULL CHECK (amount >= 0),
  PRIMARY KEY (account_id, month, cost_type)
) STRICT;

-- Company-level monthly figures from finance (seed 003 Tier 1: CAC, magic
-- number, burn multiple, LTV).
CREATE TABLE IF NOT EXISTS company_financials (
  month TEXT PRIMARY KEY CHECK (month IS strftime('%Y-%m', month || '-01')),
  revenue REAL CHECK (revenue >= 0),            -- recognised revenue
  sales_spend REAL CHECK (sales_spend >= 0),
  marketing_spend REAL CHECK (marketing_spend >= 0),  -- S&M spend = sales_spend + marketing_spend
  gross_margin REAL CHECK (gross_margin BETWEEN -1 AND 1),  -- fraction of revenue
  net_burn REAL,                                -- cash out minus cash in; negative = cash generative
  cash_balance REAL,
  headcount INTEGER CHECK (headcount >= 0)
) STRICT;

-- Targets to compare against (seed 000 benchmarks.csv, values from seed
-- 003).  A row is one band of a metric: the metric is in the band when
-- min_value <= value < max_value (NULL = unbounded).  Fractions for rates.
CREATE TABLE IF NOT EXISTS benchmarks (
  metric TEXT NOT NULL,
  band TEXT NOT NULL,
  band_order INTEGER NOT NULL,          -- 1 = worst band
  min_value REAL,
  max_value REAL,
  unit TEXT NOT NULL CHECK (unit = 'fraction' OR unit = 'ratio' OR unit = 'months' OR unit = 'multiple'),
  better TEXT NOT NULL CHECK (better = 'higher' OR better = 'lower'),
  source TEXT NOT NULL,
  PRIMARY KEY (metric, band)
) STRICT;
-- Conversion benchmarks (seed 003 "Conversion Rate Benchmarks (B2B SaaS)").
-- A range such as "2-3%" is [0.02, 0.03]; "<1%" is the band below the next;
-- "8%+" is unbounded above.  Gaps between published bands (1-2%) belong to
-- no band.
INSERT OR IGNORE INTO benchmarks VALUES
  ('visitor_to_known', 'Bottom 25%', 1, NULL, 0.01, 'fraction', 'higher', 'seed 003 conversion benchmarks'),
  ('visitor_to_known', 'Median', 2, 0.02, 0.03, 'fraction', 'higher', 'seed 003 conversion benchmarks'),
  ('visitor_to_known', 'Top 25%', 3, 0.04, 0.06, 'fraction', 'higher', 'seed 003 conversion benchmarks'),
  ('visitor_to_known', 'World-Class', 4, 0.08, NULL, 'fraction', 'higher', 'seed 003 conversion benchmarks'),
  ('known_to_mql', 'Bottom 25%', 1, NULL, 0.05, 'fraction', 'higher', 'seed 003 conversion benchmarks'),
  ('known_to_mql', 'Median', 2, 0.08, 0.12, 'fraction', 'higher', 'seed 003 conversion benchmarks'),
  ('known_to_mql', 'Top 25%', 3, 0.15, 0.20, 'fraction', 'higher', 'seed 003 conversion benchmarks'),
  ('known_to_mql', 'World-Class', 4, 0.25, NULL, 'fraction', 'higher', 'seed 003 conversion benchmarks'),
  ('mql_to_sal', 'Bottom 25%', 1, NULL, 0.40, 'fraction', 'higher', 'seed 003 conversion benchmarks'),
  ('mql_to_sal', 'Median', 2, 0.50, 0.60, 'fraction', 'higher', 'seed 003 conversion benchmarks'),
  ('mql_to_sal', 'Top 25%', 3, 0.70, 0.80, 'fraction', 'higher', 'seed 003 conversion benchmarks'),
  ('mql_to_sal', 'World-Class', 4, 0.85, NULL, 'fraction', 'higher', 'seed 003 conversion benchmarks'),
  ('sal_to_sql', 'Bottom 25%', 1, NULL, 0.30, 'fraction', 'higher', 'seed 003 conversion benchmarks'),
  ('sal_to_sql', 'Median', 2, 0.40, 0.50, 'fraction', 'higher', 'seed 003 conversion benchmarks'),
  ('sal_to_sql', 'Top 25%', 3, 0.55, 0.65, 'fraction', 'higher', 'seed 003 conversion benchmarks'),
  ('sal_to_sql', 'World-Class', 4, 0.70, NULL, 'fraction', 'higher', 'seed 003 conversion benchmarks'),
  ('sql_to_opp', 'Bottom 25%', 1, NULL, 0.50, 'fraction', 'higher', 'seed 003 conversion benchmarks'),
  ('sql_to_opp', 'Median', 2, 0.60, 0.70, 'fraction', 'higher', 'seed 003 conversion benchmarks'),
  ('sql_to_opp', 'Top 25%', 3, 0.75, 0.85, 'fraction', 'higher', 'seed 003 conversion benchmarks'),
  ('sql_to_opp', 'World-Class', 4, 0.90, NULL, 'fraction', 'higher', 'seed 003 conversion benchmarks'),
  ('opp_to_won', 'Bottom 25%', 1, NULL, 0.15, 'fraction', 'higher', 'seed 003 conversion benchmarks'),
  ('opp_to_won', 'Median', 2, 0.20, 0.25, 'fraction', 'higher', 'seed 003 conversion benchmarks'),
  ('opp_to_won', 'Top 25%', 3, 0.30, 0.40, 'fraction', 'higher', 'seed 003 conversion benchmarks'),
  ('opp_to_won', 'World-Class', 4, 0.45, NULL, 'fraction', 'higher', 'seed 003 conversion benchmarks'),
  ('mql_to_won', 'Bottom 25%', 1, NULL, 0.02, 'fraction', 'higher', 'seed 003 conversion benchmarks'),
  ('mql_to_won', 'Median', 2, 0.03, 0.05, 'fraction', 'higher', 'seed 003 conversion benchmarks'),
  ('mql_to_won', 'Top 25%', 3, 0.06, 0.10, 'fraction', 'higher', 'seed 003 conversion benchmarks'),
  ('mql_to_won', 'World-Class', 4, 0.12, NULL, 'fraction', 'higher', 'seed 003 conversion benchmarks'),
-- Tier 1 board metrics (seed 003).  "Good: 105%+" is [1.05, next band).
  ('nrr', 'Below good', 1, NULL, 1.05, 'fraction', 'higher', 'seed 003 Tier 1'),
  ('nrr', 'Good', 2, 1.05, 1.15, 'fraction', 'higher', 'seed 003 Tier 1'),
  ('nrr', 'Great', 3, 1.15, 1.30, 'fraction', 'higher', 'seed 003 Tier 1'),
  ('nrr', 'World-class', 4, 1.30, NULL, 'fraction', 'higher', 'seed 003 Tier 1'),
  ('grr', 'Below good', 1, NULL, 0.85, 'fraction', 'higher', 'seed 003 Tier 1'),
  ('grr', 'Good', 2, 0.85, 0.90, 'fraction', 'higher', 'seed 003 Tier 1'),
  ('grr', 'Great', 3, 0.90, 0.95, 'fraction', 'higher', 'seed 003 Tier 1'),
  ('grr', 'World-class', 4, 0.95, NULL, 'fraction', 'higher', 'seed 003 Tier 1'),
  ('ltv_cac', 'Below target', 1, NULL, 3, 'ratio', 'higher', 'seed 003 Tier 1'),
  ('ltv_cac', 'Target', 2, 3, NULL, 'ratio', 'higher', 'seed 003 Tier 1'),
  ('cac_payback_months', 'Great', 3, NULL, 12, 'months', 'lower', 'seed 003 Tier 1'),
  ('cac_payback_months', 'Good', 2, 12, 18, 'months', 'lower', 'seed 003 Tier 1'),
  ('cac_payback_months', 'Below good', 1, 18, NULL, 'months', 'lower', 'seed 003 Tier 1'),
  ('magic_number', 'Below good', 1, NULL, 0.75, 'ratio', 'higher', 'seed 003 Tier 1'),
  ('magic_number', 'Good', 2, 0.75, 1.0, 'ratio', 'higher', 'seed 003 Tier 1'),
  ('magic_number', 'Great', 3, 1.0, NULL, 'ratio', 'higher', 'seed 003 Tier 1'),
  ('burn_multiple', 'Elite', 4, 0.0, 1.0, 'multiple', 'lower', 'seed 003 Tier 1'),
  ('burn_multiple', 'Great', 3, 1.0, 1.5, 'multiple', 'lower', 'seed 003 Tier 1'),
  ('burn_multiple', 'Good', 2, 1.5, 2.0, 'multiple', 'lower', 'seed 003 Tier 1'),
  ('burn_multiple', 'Below good', 1, 2.0, NULL, 'multiple', 'lower', 'seed 003 Tier 1'),
-- Pipeline ratios (seed 003 "Healthy Pipeline Ratios"; coverage as a
-- multiple of quota, the negotiation share as a fraction of pipeline).
  ('pipeline_coverage', 'Below minimum', 1, NULL, 3.0, 'multiple', 'higher', 'seed 003 healthy pipeline ratios'),
  ('pipeline_coverage', 'Minimum', 2, 3.0, 3.5, 'multiple', 'higher', 'seed 003 healthy pipeline ratios'),
  ('pipeline_coverage', 'Healthy', 3, 3.5, 4.0, 'multiple', 'higher', 'seed 003 healthy pipeline ratios'),
  ('pipeline_coverage', 'Optimal', 4, 4.0, NULL, 'multiple', 'higher', 'seed 003 healthy pipeline ratios'),
  ('weighted_coverage', 'Below minimum', 1, NULL, 1.5, 'multiple', 'higher', 'seed 003 healthy pipeline ratios'),
  ('weighted_coverage', 'Minimum', 2, 1.5, 2.0, 'multiple', 'higher', 'seed 003 healthy pipeline ratios'),
  ('weighted_coverage', 'Healthy', 3, 2.0, 3.0, 'multiple', 'higher', 'seed 003 healthy pipeline ratios'),
  ('weighted_coverage', 'Optimal', 4, 3.0, NULL, 'multiple', 'higher', 'seed 003 healthy pipeline ratios'),
  ('new_pipeline_per_month', 'Below minimum', 1, NULL, 1.0, 'multiple', 'higher', 'seed 003 healthy pipeline ratios'),
  ('new_pipeline_per_month', 'Minimum', 2, 1.0, 1.5, 'multiple', 'higher', 'seed 003 healthy pipeline ratios'),
  ('new_pipeline_per_month', 'Healthy', 3, 1.5, 2.0, 'multiple', 'higher', 'seed 003 healthy pipeline ratios'),
  ('new_pipeline_per_month', 'Optimal', 4, 2.0, NULL, 'multiple', 'higher', 'seed 003 healthy pipeline ratios'),
  ('negotiation_share', 'Below minimum', 1, NULL, 0.15, 'fraction', 'higher', 'seed 003 healthy pipeline ratios'),
  ('negotiation_share', 'Minimum', 2, 0.15, 0.25, 'fraction', 'higher', 'seed 003 healthy pipeline ratios'),
  ('negotiation_share', 'Healthy', 3, 0.25, 0.35, 'fraction', 'higher', 'seed 003 healthy pipeline ratios'),
  ('negotiation_share', 'Optimal', 4, 0.35, NULL, 'fraction', 'higher', 'seed 003 healthy pipeline ratios'),
-- Tier 2 operating targets (seed 003) and forecast accuracy.
  ('mql_to_sql', 'Below target', 1, NULL, 0.40, 'fraction', 'higher', 'seed 003 Tier 2'),
  ('mql_to_sql', 'Target', 2, 0.40, NULL, 'fraction', 'higher', 'seed 003 Tier 2'),
  ('win_rate', 'Below target', 1, NULL, 0.25, 'fraction', 'higher', 'seed 003 Tier 2'),
  ('win_rate', 'Target', 2, 0.25, NULL, 'fraction', 'higher', 'seed 003 Tier 2'),
  ('mape', 'Excellent', 4, NULL, 0.10, 'fraction', 'lower', 'seed 003 forecast accuracy'),
  ('mape', 'Good', 3, 0.10, 0.15, 'fraction', 'lower', 'seed 003 forecast accuracy'),
  ('mape', 'Needs work', 2, 0.15, 0.25, 'fraction', 'lower', 'seed 003 forecast accuracy'),
  ('mape', 'Broken', 1, 0.25, NULL, 'fraction', 'lower', 'seed 003 forecast accuracy');
-- A negative burn multiple (cash generated, or ARR shrinking while burning)
-- is in no band (issue 21: it was "Elite"); files made before this carry
-- the open lower bound and are corrected here.
UPDATE benchmarks SET min_value = 0.0
WHERE metric = 'burn_multiple' AND band = 'Elite' AND min_value IS NULL;

-- ------------------------------------------------------------ settings

-- Choices the views read, one row per key (docs/views.md).  'as_of': the
-- date every "today"-dependent view counts from ('YYYY-MM-DD'); without
-- the row the as_of_date view picks the day after the latest dated fact.
CREATE TABLE IF NOT EXISTS settings (
  key TEXT PRIMARY KEY,
  value TEXT
) STRICT;

-- ------------------------------------------------------------ import log

-- One row per run of sql/import/import.sql.
CREATE TABLE IF NOT EXISTS import_runs (
  run_id INTEGER PRIMARY KEY,
  source_dir TEXT NOT NULL,
  started_at TEXT NOT NULL          -- wall clock, for the log only
) STRICT;

-- Per file and target table: rows read, loaded (inserted + updated +
-- unchanged) and rejected.  read = loaded + rejected on every row.
CREATE TABLE IF NOT EXISTS import_summary (
  run_id INTEGER NOT NULL REFERENCES import_runs (run_id),
  file TEXT NOT NULL,
  table_name TEXT NOT NULL,
  preset TEXT,                      -- export layout recognised, NULL = canonical
  rows_read INTEGER NOT NULL,
  rows_loaded INTEGER NOT NULL,
  rows_inserted INTEGER NOT NULL,
  rows_updated INTEGER NOT NULL,
  rows_unchanged INTEGER NOT NULL,
  rows_rejected INTEGER NOT NULL,
  note TEXT,                        -- columns ignored, rows derived from another file, ...
  PRIMARY KEY (run_id, file, table_name)
) STRICT;

-- Every row that did not land, with why.  A file's rejects are replaced
-- when the file is imported again, so after fixing the file and re-running
-- this table shows what is still wrong.
CREATE TABLE IF NOT EXISTS import_rejects (
  run_id INTEGER NOT NULL REFERENCES import_runs (run_id),
  file TEXT NOT NULL,               -- file name within the imported directory
  line INTEGER NOT NULL,            -- physical line where the row starts (the header is line 1)
  table_name TEXT,                  -- target table, NULL when the file matches none
  raw TEXT,                         -- the row exactly as it was in the file
  reason TEXT NOT NULL
) STRICT;
CREATE INDEX IF NOT EXISTS import_rejects_file ON import_rejects (file, line);
