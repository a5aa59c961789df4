/*
** accounts.c — SQL binding of account tiers, engagement, status, customer
** health, churn risk and NPS (computation in ext/core/accounts.c).
**
**   account_tier(annual_value)                                   -> TEXT
**   engagement_score(opportunities, installed_products, expired_products)
**   account_status(opportunities, expired_products)              -> TEXT
**   customer_health(nps, csat, open_tickets, sla_compliance,
**                   overdue_invoices, days_overdue, days_since_interaction,
**                   executive_sponsor, qbr_scheduled)          -> 0..100
**   customer_health_factors(same arguments)                      -> JSON
**   customer_health_status(score)                                -> TEXT
**   churn_risk(health_score, days_to_renewal, usage_change)    -> 0..100
**   churn_risk_factors(same arguments)                           -> JSON
**   churn_risk_level(score)                                      -> TEXT
**   nps(answer)           aggregate and window over 0..10 survey answers
**   aging_bucket(due_date, as_of)                                -> TEXT
*/
#include "revops_ext.h"

/* account_tier, engagement_score, account_status, customer_health (and
** its explainer and status), churn_risk (and its explainer and level) and
** aging_bucket: their arguments, rules and bodies are ext/core's tables
** (specs.c). */

/* ------------------------------------------------------------------ nps */

static void nps_step(sqlite3_context *ctx, sqlite3_value **argv, int dir) {
  double v = 0;
  RevopsNps *s = sqlite3_aggregate_context(ctx, sizeof(*s));
  if (s == 0) {
    sqlite3_result_error_nomem(ctx);
    return;
  }
  if (revops_arg_number(ctx, argv[0], "nps", "answer", &v) != REVOPS_ARG_OK) return;
  if (!(v >= 0 && v <= 10) || v != (double)(int)v) {
    revops_arg_bad(ctx, argv[0], "nps", "answer", "must be a whole number between 0 and 10", 0);
    return;
  }
  revops_nps_step(s, (int)v, dir);
}

static void npsStep(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  (void)argc;
  nps_step(ctx, argv, +1);
}

static void npsInverse(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  (void)argc;
  nps_step(ctx, argv, -1);
}

static void npsValue(sqlite3_context *ctx) {
  RevopsNps *s = sqlite3_aggregate_context(ctx, 0);
  double v;
  if (s && revops_nps(s, &v) == REVOPS_OK) sqlite3_result_double(ctx, v);
  else sqlite3_result_null(ctx); /* no answers */
}

static const RevopsFunc aAccountsFunc[] = {
    REVOPS_SPEC(account_tier, 1, REVOPS_PURE),
    REVOPS_SPEC(engagement_score, 3, REVOPS_PURE),
    REVOPS_SPEC(account_status, 2, REVOPS_PURE),
    REVOPS_SPEC(customer_health, REVOPS_HEALTH_NARG, REVOPS_PURE),
    REVOPS_SPEC(customer_health_factors, REVOPS_HEALTH_NARG, REVOPS_PURE_JSON),
    REVOPS_SPEC(customer_health_status, 1, REVOPS_PURE),
    REVOPS_SPEC(churn_risk, REVOPS_CHURN_NARG, REVOPS_PURE),
    REVOPS_SPEC(churn_risk_factors, REVOPS_CHURN_NARG, REVOPS_PURE_JSON),
    REVOPS_SPEC(churn_risk_level, 1, REVOPS_PURE),
    REVOPS_WINDOW("nps", 1, REVOPS_PURE, npsStep, npsValue, npsValue, npsInverse),
    REVOPS_SPEC(aging_bucket, 2, REVOPS_PURE),
};

const RevopsDomain revops_domain_accounts = {
    "accounts", aAccountsFunc, REVOPS_COUNT(aAccountsFunc), 0, 0, 0};
