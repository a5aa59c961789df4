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
#include <string.h>

#include "revops_ext.h"
#include "buf.h"

static void accountTierFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  int64_t units;
  (void)argc;
  if (revops_arg_money(ctx, argv[0], "account_tier", "annual_value", &units) != REVOPS_ARG_OK) {
    return; /* NULL in, NULL out; or the error */
  }
  sqlite3_result_text(ctx, revops_account_tier((double)units / REVOPS_MONEY_SCALE), -1,
                      SQLITE_STATIC);
}

static const char *aging_bucket(const double *a, int n) {
  (void)n;
  return revops_aging_bucket(revops_days_between((int64_t)a[0], (int64_t)a[1]));
}
static const RevopsLabel lAgingBucket = {
    aging_bucket, 2, {{"due_date", REVOPS_RULE_DATE, 0}, {"as_of", REVOPS_RULE_DATE, 0}}};

static int engagement_score(const double *a, int n, double *pOut, char *zErr, size_t nErr) {
  (void)n, (void)zErr, (void)nErr;
  *pOut = revops_engagement_score(a[0], a[1], a[2]);
  return REVOPS_OK;
}
static const RevopsFormula fEngagementScore = {
    engagement_score, 3,
    {{"opportunities", REVOPS_RULE_COUNT, 0}, {"installed_products", REVOPS_RULE_COUNT, 0},
     {"expired_products", REVOPS_RULE_COUNT, 0}}};

static void accountStatusFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  static const RevopsArg aArg[] = {{"opportunities", REVOPS_RULE_COUNT, 0},
                                   {"expired_products", REVOPS_RULE_COUNT, 0}};
  double a[2];
  if (revops_args(ctx, argc, argv, "account_status", aArg, 2, a) != REVOPS_ARG_OK) return;
  sqlite3_result_text(ctx, revops_account_status(a[0], a[1]), -1, SQLITE_STATIC);
}

/* ------------------------------------------- customer health, churn risk */

static const char *const azHealthArg[REVOPS_HEALTH_NARG] = {
    "nps", "csat", "open_tickets", "sla_compliance", "overdue_invoices",
    "days_overdue", "days_since_interaction", "executive_sponsor", "qbr_scheduled"};
static const char *const azChurnArg[REVOPS_CHURN_NARG] = {
    "health_score", "days_to_renewal", "usage_change"};

/* Read n numbers into a[], NULLs into *pMask; 0 after setting an error. */
static int acct_numbers(sqlite3_context *ctx, sqlite3_value **argv, int n,
                        const char *zFn, const char *const *azArg, double *a,
                        unsigned *pMask) {
  int i;
  *pMask = 0;
  for (i = 0; i < n; i++) {
    int rc = revops_arg_number(ctx, argv[i], zFn, azArg[i], &a[i]);
    if (rc == REVOPS_ARG_BAD) return 0;
    if (rc == REVOPS_ARG_NULL) {
      a[i] = 0;
      *pMask |= 1u << i;
    }
  }
  return 1;
}

static int health_compute(sqlite3_context *ctx, sqlite3_value **argv, const char *zFn,
                          RevopsScore *s, int wantReasons) {
  double a[REVOPS_HEALTH_NARG];
  RevopsHealthInput in;
  char zErr[REVOPS_ERRMSG_SIZE];
  if (!acct_numbers(ctx, argv, REVOPS_HEALTH_NARG, zFn, azHealthArg, a, &in.nullMask)) return 0;
  in.nps = a[0];
  in.csat = a[1];
  in.openTickets = a[2];
  in.slaCompliance = a[3];
  in.overdueInvoices = a[4];
  in.daysOverdue = a[5];
  in.daysSinceInteraction = a[6];
  in.executiveSponsor = a[7];
  in.qbrScheduled = a[8];
  if (revops_customer_health(&in, s, wantReasons, zErr, sizeof(zErr)) != REVOPS_OK) {
    revops_result_errorf(ctx, "%s(): %s", zFn, zErr);
    return 0;
  }
  return 1;
}

static int churn_compute(sqlite3_context *ctx, sqlite3_value **argv, const char *zFn,
                         RevopsScore *s, int wantReasons) {
  double a[REVOPS_CHURN_NARG];
  RevopsChurnInput in;
  char zErr[REVOPS_ERRMSG_SIZE];
  if (!acct_numbers(ctx, argv, REVOPS_CHURN_NARG, zFn, azChurnArg, a, &in.nullMask)) return 0;
  in.healthScore = a[0];
  in.daysToRenewal = a[1];
  in.usageChange = a[2];
  if (revops_churn_risk(&in, s, wantReasons, zErr, sizeof(zErr)) != REVOPS_OK) {
    revops_result_errorf(ctx, "%s(): %s", zFn, zErr);
    return 0;
  }
  return 1;
}

/* The explainer's document (ext/core/accounts.c, revops_score_json). */
static void score_json(sqlite3_context *ctx, const RevopsScore *s, const char *zLabel,
                       const char *zBand) {
  RevopsBuf b;
  revops_buf_init(&b);
  revops_score_json(&b, s, zLabel, zBand);
  revops_result_json(ctx, revops_buf_finish(&b));
}

static void customerHealthFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  RevopsScore s;
  (void)argc;
  if (health_compute(ctx, argv, "customer_health", &s, 0)) sqlite3_result_int(ctx, s.score);
}

static void customerHealthFactorsFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  RevopsScore s;
  (void)argc;
  if (!health_compute(ctx, argv, "customer_health_factors", &s, 1)) return;
  score_json(ctx, &s, "status", revops_customer_health_status(s.score));
}

static void churnRiskFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  RevopsScore s;
  (void)argc;
  if (churn_compute(ctx, argv, "churn_risk", &s, 0)) sqlite3_result_int(ctx, s.score);
}

static void churnRiskFactorsFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  RevopsScore s;
  (void)argc;
  if (!churn_compute(ctx, argv, "churn_risk_factors", &s, 1)) return;
  score_json(ctx, &s, "level", revops_churn_risk_level(s.score));
}

/* A 0..100 score to its band; NULL in, NULL out. */
static void score_band(sqlite3_context *ctx, sqlite3_value *v, const char *zFn,
                       const char *(*xBand)(double)) {
  double score;
  if (revops_arg_number(ctx, v, zFn, "score", &score) != REVOPS_ARG_OK) return;
  if (score < 0 || score > 100) {
    revops_arg_bad(ctx, v, zFn, "score", "must be between 0 and 100", 0);
    return;
  }
  sqlite3_result_text(ctx, xBand(score), -1, SQLITE_STATIC);
}

static void customerHealthStatusFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  (void)argc;
  score_band(ctx, argv[0], "customer_health_status", revops_customer_health_status);
}

static void churnRiskLevelFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  (void)argc;
  score_band(ctx, argv[0], "churn_risk_level", revops_churn_risk_level);
}

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
    REVOPS_SCALAR("account_tier", 1, REVOPS_PURE, accountTierFunc),
    REVOPS_FORMULA("engagement_score", 3, &fEngagementScore),
    REVOPS_SCALAR("account_status", 2, REVOPS_PURE, accountStatusFunc),
    REVOPS_SCALAR("customer_health", REVOPS_HEALTH_NARG, REVOPS_PURE, customerHealthFunc),
    REVOPS_SCALAR("customer_health_factors", REVOPS_HEALTH_NARG, REVOPS_PURE_JSON,
                  customerHealthFactorsFunc),
    REVOPS_SCALAR("customer_health_status", 1, REVOPS_PURE, customerHealthStatusFunc),
    REVOPS_SCALAR("churn_risk", REVOPS_CHURN_NARG, REVOPS_PURE, churnRiskFunc),
    REVOPS_SCALAR("churn_risk_factors", REVOPS_CHURN_NARG, REVOPS_PURE_JSON, churnRiskFactorsFunc),
    REVOPS_SCALAR("churn_risk_level", 1, REVOPS_PURE, churnRiskLevelFunc),
    REVOPS_WINDOW("nps", 1, REVOPS_PURE, npsStep, npsValue, npsValue, npsInverse),
    REVOPS_LABEL("aging_bucket", 2, &lAgingBucket),
};

const RevopsDomain revops_domain_accounts = {
    "accounts", aAccountsFunc, REVOPS_COUNT(aAccountsFunc), 0, 0, 0};
