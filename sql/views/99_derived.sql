-- sql/views/99_derived.sql — derived tables: the slow shared views, kept.
--
-- Question: how do the persona dashboards answer in under 2 seconds on a
-- large database (issue 10) while every figure stays what the views
-- compute from the data as it is now?
--
-- A few views are read by many dashboard queries and each costs 0.3-2 s
-- at SCALE=10 (account health, the insight cards, the MRR engine's
-- customer-months grouped by segment, ticket SLAs, ...).  For each view V
-- named below, sql/views/install.sh keeps (sql/views/derived/install.sql):
--   V_live   the view computed from the data alone (its text, reading the
--            X_live of the kept views it names);
--   V_refill its text as written, reading the other caches: what
--            refresh.sh fills V_cache from;
--   V_cache  a table holding V's rows, with V's column types;
--   V        a view reading V_cache while it is current and V_live
--            otherwise, so a reader always gets V_live's rows.
-- "Current" means: the fingerprint stored when V_cache was filled equals
-- V's fingerprint now (derived_fingerprint): the largest rowid of every
-- table V reads, directly or through other views (any INSERT raises it),
-- each table's counts of what changed its set of rows (DELETE, REPLACE,
-- an INSERT below the largest rowid) and of updates to each column V
-- reads (derived_changes, kept by triggers on those tables), and the
-- as-of date.  A change to one table leaves the kept views that never
-- read it current, and an UPDATE the kept views that read none of the
-- columns it changed.
-- sql/views/refresh.sh (run by install.sh and by sql/import/import.sh
-- after a load) brings the caches current in one transaction, refilling
-- only a view whose inputs changed: the tables it reads itself, the as-of
-- date, or the rows of a kept view it reads (a refill that gives a kept
-- view the rows it had keeps its version, so the views reading it stay
-- as they are).  docs/views.md "Derived tables".
--
-- The list is in refresh order: a view after the views it reads, so each
-- is filled from caches already current.

-- Only the refresh writes it; install.sh makes it anew (every cache is
-- made anew then too).
DROP TABLE IF EXISTS derived_tables;
CREATE TABLE derived_tables (
  name         TEXT PRIMARY KEY,   -- a view of derived_views
  fingerprint  TEXT,               -- V's derived_fingerprint when made current; NULL: out of date
  inputs       TEXT,               -- what V_refill read (tables, as-of date, kept views' versions) when last refilled
  version      TEXT,               -- new whenever a refill changed the rows
  refreshed_at TEXT,               -- UTC time the refresh last made it current
  refilled_at  TEXT,               -- UTC time its rows were last computed
  row_count    INTEGER,            -- rows in the cache
  refill_keys  INTEGER,            -- keyed views: the keys the last refill recomputed; NULL: every row
  keyed_inputs TEXT,               -- keyed views: inputs without the keyed table's largest rowid
  keyed_rowid  INTEGER             -- keyed views: that largest rowid when the rows were computed
);

-- Per data table, how many of its rows were deleted or replaced, and per
-- column, how many updates changed it (triggers made by install.sh; an
-- INSERT at the top shows in the largest rowid instead).
CREATE TABLE IF NOT EXISTS derived_changes (
  name    TEXT PRIMARY KEY,        -- a table the views read, or table.column
  changes INTEGER NOT NULL
);

DROP VIEW IF EXISTS derived_views;
CREATE VIEW derived_views(position, name) AS VALUES
  (1, 'account_dimensions'),
  (2, 'service_tickets'),
  (3, 'revenue_customer_months'),
  (4, 'revenue_retention_customers'),
  (5, 'revenue_customer_cohorts'),
  (6, 'revenue_retention'),
  (7, 'mrr_waterfall_by_segment'),
  (8, 'revenue_mrr_monthly'),
  (9, 'revenue_growth_yoy'),
  (10, 'revenue_customers_now'),
  (11, 'revenue_churn_12m'),
  (12, 'revenue_kpis'),
  (13, 'revenue_top_customers'),
  (14, 'revenue_concentration'),
  (15, 'economics_ltv_by_segment'),
  (16, 'service_monthly'),
  (17, 'service_surveys_monthly'),
  (18, 'service_recurring_windows'),  -- the 12-month and 90-day recurring issues
  (19, 'billing_quality_monthly'),
  (20, 'revenue_billed_monthly'),
  (21, 'billing_accounts'),
  (22, 'usage_monthly'),
  (23, 'usage_expansion_signals'),
  (24, 'account_revenue'),
  (25, 'billing_credit_holds'),
  (26, 'account_revenue_at_risk'),
  (27, 'account_engagement'),
  (28, 'account_growth_potential'),
  (29, 'account_product_portfolio'),
  (30, 'account_profitability'),
  (31, 'account_clv'),
  (32, 'account_health'),
  (33, 'churn_actions'),
  (34, 'economics_dashboard'),
  (35, 'forecast_accuracy'),
  (36, 'forecast_accuracy_by_rep'),
  (37, 'forecast_accuracy_by_quarter'),
  -- the window's activities per rep and per deal: rep_coaching_metrics'
  -- refill after a change to the deals counted them again (4.4 s at SCALE=20)
  (38, 'coaching_rep_activity'),
  (39, 'coaching_deal_contacts'),
  (40, 'rep_coaching_metrics'),
  -- the spend and lead half of marketing_weekly, which reads no deal
  (41, 'marketing_weekly_leads'),
  (42, 'marketing_weekly'),
  (43, 'marketing_funnel_counts'),
  (44, 'pipeline_stage_conversion'),
  (45, 'next_best_actions'),
  -- the insight cards' rule figures, each kept on its own, so that a change
  -- refills only the rules reading what changed: a change to the deals
  -- recomputed every rule with the cards (4.9 s of the refresh's 13 s at
  -- SCALE=20), those of subscriptions, tickets and invoices included
  (46, 'insight_channel_stats'),
  (47, 'insight_funnel_stages'),
  (48, 'insight_rate_trends'),
  (49, 'insight_retention_bands'),
  (50, 'insight_churn_reason_trend'),
  (51, 'insight_concentration'),
  (52, 'insight_receivables_trend'),
  (53, 'insight_cards'),
  -- the deals' segment, region and channel, for pipeline_weekly_changes
  (54, 'opportunity_dimensions'),
  -- read by cro.forecast_trend and two sales-manager panels: each week's
  -- snapshots joined to the week before's (1.7-1.9 s at SCALE=20 computed)
  (55, 'pipeline_weekly_changes'),
  -- read by operations.tickets_by_product (1.2 s at SCALE=20 from every ticket)
  (56, 'service_tickets_by_product'),
  (57, 'lead_open_scores'),
  (58, 'opportunity_activity_counts'),
  -- read by customer_success.adoption_trend (0.9 s at SCALE=20 from every account-month)
  (59, 'usage_adoption_monthly'),
  -- read by cro.cro_pipeline (coverage), vp_sales and sales_manager: every
  -- quota quarter joined to the rep's deals (0.25 s at SCALE=20 per read)
  (60, 'rep_performance'),
  -- the snapshot month's customers and 12-month cohort: read by the board,
  -- CEO and customer-success panels without :end_date (0.25-0.4 s each to
  -- pick out of the whole caches at SCALE=20)
  (61, 'revenue_customer_months_now'),
  (62, 'revenue_retention_customers_now'),
  -- read by operations.frequent_issues and sla_compliance (0.5 s each at
  -- SCALE=20 grouping every ticket)
  (63, 'service_tickets_by_category'),
  (64, 'service_sla_by_priority');

-- Kept views refilled by key after an append.  A view V of this list
-- groups the rows of table tbl by its column col (V's column of the same
-- name), and V's row for a value x depends on tbl only through tbl's rows
-- with col = x (no rank, median or total across the values).  When the
-- only change to what V reads is rows appended to tbl (its largest rowid
-- grew; no delete, replace, insert below the top, or update of a column V
-- reads, no other input changed), the refresh recomputes only the values
-- of col the new rows carry, NULL included: V's text with
-- "AND expr IN (those values)" put before its "GROUP BY expr", the other
-- rows kept from the cache, all in col's order, as GROUP BY gives them
-- (derived/refresh.sql).  An append of more than a quarter of tbl's rows
-- is refilled whole.  tests/dashboards/incremental.py compares every such
-- refill with a full one.
DROP VIEW IF EXISTS derived_keyed;
CREATE VIEW derived_keyed(name, tbl, col, expr) AS VALUES
  -- a new activity moves one rep's counts and one deal's contacts, where
  -- each refill counted the window's 590,000 activities (2.1-2.3 s each
  -- at SCALE=20)
  ('coaching_rep_activity', 'activities', 'rep_id', 'a.rep_id'),
  ('coaching_deal_contacts', 'activities', 'opportunity_id', 'a.opportunity_id');

-- a view no longer kept has no state
DELETE FROM derived_tables WHERE name NOT IN (SELECT name FROM derived_views);

-- Question: are the derived tables current?  One row per cached view.
DROP VIEW IF EXISTS derived_status;
CREATE VIEW derived_status AS
SELECT v.position, v.name, t.refreshed_at, t.refilled_at, t.row_count,
       coalesce(t.fingerprint = (SELECT fp FROM derived_fingerprint AS f WHERE f.name = v.name), 0) AS is_current,
       t.refill_keys
FROM derived_views AS v LEFT JOIN derived_tables AS t ON t.name = v.name;
