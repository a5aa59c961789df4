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

/* One function body per metric; the user data says which. */
enum { RET_NRR, RET_GRR, RET_LOGO };
static const char *const azRetName[] = {"nrr", "grr", "logo_retention"};

static void retention_step(sqlite3_context *ctx, sqlite3_value **argv, int dir) {
  const char *zFn = azRetName[(int)(intptr_t)sqlite3_user_data(ctx)];
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
  double v = 0;
  int ok = 0;
  if (r) {
    switch ((int)(intptr_t)sqlite3_user_data(ctx)) {
      case RET_NRR: ok = revops_retention_nrr(r, &v); break;
      case RET_GRR: ok = revops_retention_grr(r, &v); break;
      default: ok = revops_retention_logo(r, &v); break;
    }
  }
  if (ok) sqlite3_result_double(ctx, v);
  else sqlite3_result_null(ctx); /* empty cohort */
}

static const RevopsFunc aRetentionFunc[] = {
    REVOPS_WINDOW("nrr", 2, REVOPS_PURE, retentionStep, retentionValue,
                  retentionValue, retentionInverse),
    REVOPS_WINDOW("grr", 2, REVOPS_PURE, retentionStep, retentionValue,
                  retentionValue, retentionInverse),
    REVOPS_WINDOW("logo_retention", 2, REVOPS_PURE, retentionStep,
                  retentionValue, retentionValue, retentionInverse),
};

const RevopsDomain revops_domain_retention = {
    "retention", aRetentionFunc, REVOPS_COUNT(aRetentionFunc), 0, 0, revops_register_indexed};
