/*
** retention.c — SQL binding of NRR, GRR and logo retention
** (computation in ext/core/retention.c).
**
**   nrr(start_mrr, end_mrr), grr(start_mrr, end_mrr),
**   logo_retention(start_mrr, end_mrr)
**       aggregates and window functions over one row per customer;
**       fractions, NULL for an empty cohort.
*/
#include "revops_ext.h"

/* One body for the three metrics; each row's pArg is its core ratio. */
typedef struct RetMetric {
  int (*xRatio)(const RevopsRetention *, double *);
} RetMetric;
static const RetMetric mNrr = {revops_retention_nrr};
static const RetMetric mGrr = {revops_retention_grr};
static const RetMetric mLogo = {revops_retention_logo};

static void retention_step(sqlite3_context *ctx, sqlite3_value **argv, int dir) {
  const char *zFn = revops_func(ctx)->zName;
  int64_t start = 0, end = 0;
  int rcStart, rcEnd;
  RevopsRetention *r = sqlite3_aggregate_context(ctx, sizeof(*r));
  if (r == 0) {
    sqlite3_result_error_nomem(ctx);
    return;
  }
  rcStart = revops_arg_money(ctx, argv[0], zFn, "start_mrr", &start);
  if (rcStart == REVOPS_ARG_BAD) return;
  rcEnd = revops_arg_money(ctx, argv[1], zFn, "end_mrr", &end);
  if (rcEnd == REVOPS_ARG_BAD) return;
  /* No start: not in the cohort.  No end: churned (SPEC section 3). */
  if (rcStart == REVOPS_ARG_NULL) return;
  if (rcEnd == REVOPS_ARG_NULL) end = 0;
  revops_retention_step(r, start, end, dir);
}

static void retentionStep(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  (void)argc;
  retention_step(ctx, argv, +1);
}

static void retentionInverse(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  (void)argc;
  retention_step(ctx, argv, -1);
}

static void retentionValue(sqlite3_context *ctx) {
  RevopsRetention *r = sqlite3_aggregate_context(ctx, 0);
  const RetMetric *m = revops_func(ctx)->pArg;
  double v = 0;
  int rc = r ? m->xRatio(r, &v) : REVOPS_NULL; /* an empty cohort is NULL */
  revops_result_double(ctx, revops_func(ctx)->zName, rc, v, 0);
}

static const RevopsFunc aRetentionFunc[] = {
    REVOPS_WINDOW_ARG("nrr", 2, REVOPS_PURE, retentionStep, retentionValue,
                      retentionValue, retentionInverse, &mNrr),
    REVOPS_WINDOW_ARG("grr", 2, REVOPS_PURE, retentionStep, retentionValue,
                      retentionValue, retentionInverse, &mGrr),
    REVOPS_WINDOW_ARG("logo_retention", 2, REVOPS_PURE, retentionStep,
                      retentionValue, retentionValue, retentionInverse, &mLogo),
};

const RevopsDomain revops_domain_retention = {
    "retention", aRetentionFunc, REVOPS_COUNT(aRetentionFunc), 0, 0, 0};
