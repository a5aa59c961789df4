/*
** pipeline.c — SQL binding of the pipeline functions.
**
**   weighted_pipeline(amount, probability [, close_date, as_of])
**       aggregate and window: sum of amount * probability, exact to the
**       cent, with seed 003's aging discount when dates are given.
**   win_rate(is_won)       aggregate and window over closed deals
**   forecast_category(probability), coverage_status(ratio)      -> TEXT
**   sales_velocity(opps, win_rate, avg_deal, cycle_days)         -> REAL
**   required_pipeline(quota, win_rate, coverage)                 -> REAL
**   stage_probability(stage [, probability])                     -> REAL
**   wilson_lower(successes, trials [, z]), wilson_upper(...)     -> REAL
** (computation in ext/core/pipeline.c).
*/
#include "revops_ext.h"

typedef struct PipelineAgg {
  RevopsMoney sum;
} PipelineAgg;

/* Read one row into units and weight.  Returns REVOPS_ARG_OK to count it,
** REVOPS_ARG_NULL to skip it, REVOPS_ARG_BAD after an error. */
static int pipeline_row(sqlite3_context *ctx, int argc, sqlite3_value **argv,
                        int64_t *pUnits, int64_t *pWeight) {
  static const char zFn[] = "weighted_pipeline";
  double p = 0;
  int quarters = 4, rcAmount, rcProb;
  /* Check every argument before skipping on NULL, so that a bad value is
  ** reported even on a row that would not count. */
  rcAmount = revops_arg_money(ctx, argv[0], zFn, "amount", pUnits);
  if (rcAmount == REVOPS_ARG_BAD) return REVOPS_ARG_BAD;
  rcProb = revops_arg_fraction(ctx, argv[1], zFn, "probability", &p);
  if (rcProb == REVOPS_ARG_BAD) return REVOPS_ARG_BAD;
  if (argc == 4) {
    int64_t closeMs = 0, asOfMs = 0;
    int rcClose = revops_arg_date(ctx, argv[2], zFn, "close_date", &closeMs);
    if (rcClose == REVOPS_ARG_BAD) return REVOPS_ARG_BAD;
    int rcAsOf = revops_arg_date(ctx, argv[3], zFn, "as_of", &asOfMs);
    if (rcAsOf == REVOPS_ARG_BAD) return REVOPS_ARG_BAD;
    /* A deal with no close date, or no as_of to age it against, counts
    ** fully (SPEC section 3; docs/pipeline.md). */
    if (rcClose == REVOPS_ARG_OK && rcAsOf == REVOPS_ARG_OK) {
      quarters = revops_aging_quarters(revops_days_between(closeMs, asOfMs));
    }
  }
  if (rcAmount == REVOPS_ARG_NULL || rcProb == REVOPS_ARG_NULL) return REVOPS_ARG_NULL;
  *pWeight = revops_weight_quantize(p, quarters);
  return REVOPS_ARG_OK;
}

static void pipeline_step(sqlite3_context *ctx, int argc, sqlite3_value **argv,
                          int dir) {
  int64_t units, weight;
  PipelineAgg *a = sqlite3_aggregate_context(ctx, sizeof(*a));
  if (a == 0) {
    sqlite3_result_error_nomem(ctx);
    return;
  }
  if (pipeline_row(ctx, argc, argv, &units, &weight) != REVOPS_ARG_OK) return;
  if (dir > 0) revops_money_add(&a->sum, units, weight);
  else revops_money_sub(&a->sum, units, weight);
}

static void pipelineStep(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  pipeline_step(ctx, argc, argv, +1);
}

static void pipelineInverse(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  pipeline_step(ctx, argc, argv, -1);
}

/* Sums of money are 0.0 over no rows (SPEC section 2). */
static void pipelineValue(sqlite3_context *ctx) {
  PipelineAgg *a = sqlite3_aggregate_context(ctx, 0);
  sqlite3_result_double(ctx, a ? revops_money_cents(&a->sum) : 0.0);
}

/* ------------------------------------------------------------ win_rate */

/* One closed deal: is_won is 0 (lost) or 1 (won); NULL (an open deal, or
** a stage that is not closed) is skipped. */
static void win_rate_step(sqlite3_context *ctx, sqlite3_value **argv, int dir) {
  double v = 0;
  RevopsWinRate *w = sqlite3_aggregate_context(ctx, sizeof(*w));
  int rc;
  if (w == 0) {
    sqlite3_result_error_nomem(ctx);
    return;
  }
  rc = revops_arg_number(ctx, argv[0], "win_rate", "is_won", &v);
  if (rc != REVOPS_ARG_OK) return;
  if (v != 0 && v != 1) {
    revops_arg_bad(ctx, argv[0], "win_rate", "is_won", "must be 0 or 1 (false or true)", 0);
    return;
  }
  revops_win_rate_step(w, v == 1, dir);
}

static void winRateStep(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  (void)argc;
  win_rate_step(ctx, argv, +1);
}

static void winRateInverse(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  (void)argc;
  win_rate_step(ctx, argv, -1);
}

/* A fraction; NULL with no closed deal (SPEC section 2). */
static void winRateValue(sqlite3_context *ctx) {
  RevopsWinRate *w = sqlite3_aggregate_context(ctx, 0);
  double v;
  if (w && revops_win_rate(w, &v) == REVOPS_OK) sqlite3_result_double(ctx, v);
  else sqlite3_result_null(ctx);
}

/* ------------------------------------------------------------- scalars */

/* forecast_category, coverage_status, sales_velocity, required_pipeline,
** stage_probability, wilson_lower and wilson_upper: their arguments, rules
** and bodies are ext/core's tables (specs.c). */

static const RevopsFunc aPipelineFunc[] = {
    REVOPS_WINDOW("weighted_pipeline", 2, REVOPS_PURE, pipelineStep,
                  pipelineValue, pipelineValue, pipelineInverse),
    REVOPS_WINDOW("weighted_pipeline", 4, REVOPS_PURE, pipelineStep,
                  pipelineValue, pipelineValue, pipelineInverse),
    REVOPS_WINDOW("win_rate", 1, REVOPS_PURE, winRateStep, winRateValue,
                  winRateValue, winRateInverse),
    REVOPS_SPEC(forecast_category, 1, REVOPS_PURE),
    REVOPS_SPEC(coverage_status, 1, REVOPS_PURE),
    REVOPS_SPEC(sales_velocity, 4, REVOPS_PURE),
    REVOPS_SPEC(required_pipeline, 3, REVOPS_PURE),
    REVOPS_SPEC(stage_probability, 1, REVOPS_PURE),
    REVOPS_SPEC(stage_probability, 2, REVOPS_PURE),
    REVOPS_SPEC(wilson_lower, 2, REVOPS_PURE),
    REVOPS_SPEC(wilson_lower, 3, REVOPS_PURE),
    REVOPS_SPEC(wilson_upper, 2, REVOPS_PURE),
    REVOPS_SPEC(wilson_upper, 3, REVOPS_PURE),
};

const RevopsDomain revops_domain_pipeline = {
    "pipeline", aPipelineFunc, REVOPS_COUNT(aPipelineFunc), 0, 0, 0};
