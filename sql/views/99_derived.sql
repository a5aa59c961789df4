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
-- derived_fingerprint now.  The fingerprint is the largest rowid of every
-- table the views read (any INSERT raises it), and triggers on those
-- tables clear every stored fingerprint on UPDATE and DELETE; the as-of
-- setting lives in settings, one of those tables.  sql/views/refresh.sh
-- (run by install.sh and by sql/import/import.sh after a load) refills
-- the caches in one transaction.  docs/views.md "Derived tables".
--
-- The list is in refresh order: a view after the views it reads, so each
-- is filled from caches already current.

CREATE TABLE IF NOT EXISTS derived_tables (
  name         TEXT PRIMARY KEY,   -- a view of derived_views
  fingerprint  TEXT,               -- derived_fingerprint when filled; NULL once the data changed
  refreshed_at TEXT,               -- UTC time of the refresh
  row_count    INTEGER             -- rows in the cache
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
  (18, 'service_recurring_issues'),
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
  (38, 'rep_coaching_metrics'),
  (39, 'marketing_weekly'),
  (40, 'marketing_funnel_counts'),
  (41, 'pipeline_stage_conversion'),
  (42, 'next_best_actions'),
  (43, 'insight_cards');

-- a view no longer kept has no state
DELETE FROM derived_tables WHERE name NOT IN (SELECT name FROM derived_views);

-- Question: are the derived tables current?  One row per cached view.
DROP VIEW IF EXISTS derived_status;
CREATE VIEW derived_status AS
SELECT v.position, v.name, t.refreshed_at, t.row_count,
       coalesce(t.fingerprint = (SELECT fp FROM derived_fingerprint), 0) AS is_current
FROM derived_views AS v LEFT JOIN derived_tables AS t ON t.name = v.name;
