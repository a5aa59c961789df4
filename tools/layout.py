"""tools/layout.py — how the pages are laid out: headline cards, targets, sparklines, links.

The dashboards (sql/dashboards/) say what each number is (the metric
catalogue, docs/metrics.md); this file says only how a page arranges them,
and every name in it is checked against the dashboards and the catalogue
by tests/report/test_layout.py (a renamed query or metric fails there):

  HEADLINES   per persona, the few cards shown first, each a cell of a
              dashboard query: (query, column, row), row being 0 (the only
              row of a KPI query), "partial" (the row of the period
              holding the as-of date) or (column, value) (the row whose
              column holds value); an optional fourth item names a column
              of the same row that is the card's target (a quota).
  BANDS       metric id -> the `benchmarks` table's metric (seed 003's
              bands): the card shows the band its value falls in.
  SERIES      metric id -> the id of the same measure per period, whose
              panel (any persona's) gives the card its sparkline.  A metric
              is also the series of itself when a period panel shows it.
  PERIODS     the period presets of the filter bar: start and end dates as
              SQL over as_of_calendar (the one definition of the windows,
              sql/views/00_as_of.sql; a trailing window's `_after` date is
              exclusive, so its first day is the day after).
Standard library only.
"""

HEADLINES = {
    "account_management": [("revenue_at_risk", "revenue_at_risk", 0), ("revenue_at_risk", "accounts", 0),
                           ("high_value_opportunities", "amount", 0),
                           ("renewals_summary", "at_risk_arr", ("renewal_window", "0-3 months"))],
    "billing": [("billing_kpis", "outstanding", 0), ("billing_kpis", "overdue_amount", 0),
                ("billing_kpis", "avg_days_overdue", 0), ("billing_accuracy", "billing_accuracy", 0)],
    "board": [("revenue_concentration", "arr", 0), ("retention_rate", "nrr", 0), ("retention_rate", "grr", 0),
              ("revenue_concentration", "top10_share", 0)],
    "ceo": [("annual_revenue_yoy", "arr", 0), ("annual_revenue_yoy", "arr_yoy_growth", 0),
            ("annual_revenue_yoy", "revenue_12m", 0), ("annual_revenue_yoy", "revenue_yoy_growth", 0)],
    "cro": [("cro_pipeline", "total_value", 0), ("cro_pipeline", "weighted_pipeline", 0),
            ("cro_pipeline", "coverage_ratio", 0), ("cro_pipeline", "velocity_per_day", 0)],
    "customer_success": [("churn_predictions", "arr", ("churn_risk_level", "High")),
                         ("churn_predictions", "arr", ("churn_risk_level", "Critical")),
                         ("health_distribution", "arr", ("health_status", "At Risk")),
                         ("handoff_sla", "sla_met_share", 0)],
    "finance": [("revops_dashboard", "arr_current", 0), ("revops_dashboard", "arr_net_new", 0),
                ("revops_dashboard", "nrr", 0), ("revops_dashboard", "ltv_cac_ratio", 0),
                ("revops_dashboard", "burn_multiple", 0)],
    "marketing": [("marketing_kpis", "spend", 0), ("marketing_kpis", "mqls", 0), ("marketing_kpis", "cac", 0),
                  ("marketing_kpis", "roi", 0)],
    "operations": [("operations_kpis", "open_tickets", 0), ("operations_kpis", "avg_resolution_hours", 0),
                   ("operations_kpis", "sla_compliance", 0), ("operations_kpis", "recurring_issues_90d", 0)],
    "sales": [("revenue_this_quarter", "won_this_quarter", 0), ("sales_kpis", "pipeline_value", 0),
              ("sales_kpis", "weighted_pipeline", 0), ("sales_kpis", "win_rate", 0)],
    "sales_manager": [("health_distribution", "amount", ("status", "At Risk")),
                      ("health_distribution", "amount", ("status", "Critical")),
                      ("hygiene_summary", "deals", ("issue", "Past close date")),
                      ("week_in_review", "amount", ("change", "Won"))],
    "service": [("service_kpis", "open_tickets", 0), ("service_kpis", "avg_response_hours", 0),
                ("service_kpis", "sla_compliance", 0), ("service_kpis", "avg_csat", 0)],
    "vp_sales": [("revenue_performance", "won_new_business", "partial", "quota"),
                 ("revenue_performance", "attainment", "partial"),
                 ("revenue_performance", "open_pipeline", "partial"),
                 ("high_value_opportunities", "amount", ("stage", "Contract Sent"))],
}

BANDS = {
    "company_nrr_12m": "nrr", "nrr_12m": "nrr",
    "company_grr_12m": "grr", "grr_12m": "grr",
    "econ_ltv_cac_lq": "ltv_cac",
    "econ_payback_lq": "cac_payback_months",
    "econ_magic_lq": "magic_number",
    "econ_burn_lq": "burn_multiple",
    "coverage_ratio_full_quota": "pipeline_coverage", "coverage_ratio_quarter": "pipeline_coverage",
    "win_rate_12m": "win_rate", "win_rate_all_time": "win_rate",
    "forecast_mape_last_quarter": "mape",
    "mqls_12m": "mql_to_sql",
    "sql_to_opp_12m": "sql_to_opp",
    "full_funnel_12m": "mql_to_won",
}

SERIES = {
    "company_nrr_12m": "nrr_month", "nrr_12m": "nrr_month",
    "company_grr_12m": "grr_month", "grr_12m": "grr_month",
    "company_logo_retention_12m": "logo_retention_month", "logo_retention_12m": "logo_retention_month",
    "econ_cac_lq": "cac", "econ_ltv_lq": "ltv", "econ_ltv_cac_lq": "ltv_cac",
    "econ_payback_lq": "cac_payback_months", "econ_magic_lq": "magic_number", "econ_burn_lq": "burn_multiple",
    "econ_arr_current": "arr_ending_quarter", "arr": "arr_ending_quarter",
    "econ_arr_net_new": "arr_net_new_quarter",
    "won_qtd": "won_amount_quarter",
    "forecast_mape_last_quarter": "forecast_mape",
}

# (key, label, start, end): SQL expressions over as_of_calendar's columns
PERIODS = [
    ("qtd", "Quarter to date", "quarter_start", "as_of"),
    ("last_quarter", "Last quarter", "prior_quarter_start", "date(quarter_start, '-1 day')"),
    ("ytd", "Year to date", "year_start", "as_of"),
    ("t12m", "Trailing 12 months", "date(trailing_12m_after, '+1 day')", "as_of"),
]

# Columns that name an account or a deal (drill-down links, tools/drill.py).
ACCOUNT_ID = ("account_id",)
ACCOUNT_NAME = ("account_name",)
DEAL_ID = ("opportunity_id",)
DEAL_NAME = ("opportunity", "deal_name", "name")
# Period columns: a panel whose x column is one of them is a time series.
PERIOD_COLUMNS = ("week", "month", "quarter", "year", "cohort", "day")

# The change on a KPI card: its value against the same figure at an
# earlier as-of (every view moved there, rolled back).  The first rule
# whose pattern (a regular expression) matches the metric's window picks
# the as_of_calendar column that is that earlier as-of: a window counted in
# whole months (to the last month-end, the last complete month) is compared
# three months earlier (the same month position), any other at the same day
# of the prior quarter (the same days of a quarter to date).
COMPARE = [("month-end|complete month", "trailing_3m_after", "three months earlier"),
           ("", "prior_quarter_same_day", "the same day of the prior quarter")]
# Windows that are the data's current state (an open deal's stage, today's
# balance), which an earlier as-of cannot show as it was: no change is shown.
# With a date range set, a window "(or the ... range)" is the range, and the
# range one quarter earlier is compared.
NOT_COMPARED = r"snapshot|^all |^close dates before as-of|the deal.s life|the invoice.s|fixed|the next"
# Metrics whose window is a period but whose figure counts today's open
# deals (their stage, amount and forecast category as they are now), which
# an earlier as-of cannot show as they were: no change is shown either.
NOT_COMPARED_METRICS = {"coverage_ratio_quarter", "coverage_ratio_full_quota", "velocity_per_day", "rep_coverage",
                        "forecast_category_amount", "forecast_category_deals", "forecast_category_weighted",
                        "weighted_pipeline_aged", "remaining_quota"}
