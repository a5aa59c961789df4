-- tests/sql/lib/install.sql — what the view fixtures (tests/sql/views_*.sql) read
-- first: the schema and every view file, in install order, as
-- sql/views/install.sh installs them (without its derived tables: every
-- view here is live).  The mutations layer checks that this lists every
-- sql/views/*.sql: add a new view file here.
.read sql/schema.sql
.read sql/views/00_as_of.sql
.read sql/views/01_metrics.sql
.read sql/views/02_card_metrics.sql
.read sql/views/10_marketing.sql
.read sql/views/20_leads.sql
.read sql/views/30_pipeline.sql
.read sql/views/35_deals.sql
.read sql/views/40_forecast.sql
.read sql/views/45_reps.sql
.read sql/views/50_revenue.sql
.read sql/views/55_economics.sql
.read sql/views/60_accounts.sql
.read sql/views/62_usage.sql
.read sql/views/65_service.sql
.read sql/views/70_billing.sql
.read sql/views/72_account_health.sql
.read sql/views/75_planning.sql
.read sql/views/78_data_quality.sql
.read sql/views/80_insight_base.sql
.read sql/views/80_insights.sql
.read sql/views/82_actions.sql
.read sql/views/84_coaching.sql
.read sql/views/86_churn_actions.sql
.read sql/views/88_alerts.sql
.read sql/views/90_learn.sql
.read sql/views/91_rule_backtest.sql
.read sql/views/92_churn.sql
.read sql/views/95_forecast_range.sql
.read sql/views/99_derived.sql
