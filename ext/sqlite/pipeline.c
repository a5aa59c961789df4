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
#include <math.h>

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
  if (w && revops_win_rate(w, &v)) sqlite3_result_double(ctx, v);
  else sqlite3_result_null(ctx);
}

/* ------------------------------------------------------------- scalars */

static void forecastCategoryFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  double p;
  (void)argc;
  if (revops_arg_fraction(ctx, argv[0], "forecast_category", "probability", &p) != REVOPS_ARG_OK) {
    return; /* NULL in, NULL out; or the error */
  }
  sqlite3_result_text(ctx, revops_forecast_category(p), -1, SQLITE_STATIC);
}

static void coverageStatusFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  double r;
  (void)argc;
  if (revops_arg_nonneg(ctx, argv[0], "coverage_status", "ratio", &r) != REVOPS_ARG_OK) return;
  sqlite3_result_text(ctx, revops_coverage_status(r), -1, SQLITE_STATIC);
}

/* Read n arguments, each checked by its own rule, before any NULL makes
** the result NULL (a bad value is reported even next to a NULL). */
#define PL_MONEY 0
#define PL_FRACTION 1
#define PL_NONNEG 2
static int pipeline_args(sqlite3_context *ctx, sqlite3_value **argv, int n,
                         const char *zFn, const char *const *azArg,
                         const int *aRule, double *aOut) {
  int i, rc, anyNull = 0;
  for (i = 0; i < n; i++) {
    if (aRule[i] == PL_MONEY) {
      int64_t units = 0;
      rc = revops_arg_money(ctx, argv[i], zFn, azArg[i], &units);
      aOut[i] = (double)units / REVOPS_MONEY_SCALE;
    } else if (aRule[i] == PL_FRACTION) {
      rc = revops_arg_fraction(ctx, argv[i], zFn, azArg[i], &aOut[i]);
    } else {
      rc = revops_arg_nonneg(ctx, argv[i], zFn, azArg[i], &aOut[i]);
    }
    if (rc == REVOPS_ARG_BAD) return REVOPS_ARG_BAD;
    if (rc == REVOPS_ARG_NULL) anyNull = 1;
  }
  return anyNull ? REVOPS_ARG_NULL : REVOPS_ARG_OK;
}

/* A finite result, or an error rather than a wrong number. */
static void pipeline_result(sqlite3_context *ctx, const char *zFn, int ok, double v) {
  if (!ok) sqlite3_result_null(ctx); /* division by zero */
  else if (!isfinite(v)) revops_result_errorf(ctx, "%s(): the result is too large", zFn);
  else sqlite3_result_double(ctx, v);
}

static void salesVelocityFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  static const char *const azArg[] = {"opps", "win_rate", "avg_deal", "cycle_days"};
  static const int aRule[] = {PL_NONNEG, PL_FRACTION, PL_MONEY, PL_NONNEG};
  double a[4], v = 0;
  int ok;
  (void)argc;
  if (pipeline_args(ctx, argv, 4, "sales_velocity", azArg, aRule, a) != REVOPS_ARG_OK) return;
  ok = revops_sales_velocity(a[0], a[1], a[2], a[3], &v);
  pipeline_result(ctx, "sales_velocity", ok, v);
}

static void requiredPipelineFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  static const char *const azArg[] = {"quota", "win_rate", "coverage"};
  static const int aRule[] = {PL_MONEY, PL_FRACTION, PL_NONNEG};
  double a[3], v = 0;
  int ok;
  (void)argc;
  if (pipeline_args(ctx, argv, 3, "required_pipeline", azArg, aRule, a) != REVOPS_ARG_OK) return;
  ok = revops_required_pipeline(a[0], a[1], a[2], &v);
  pipeline_result(ctx, "required_pipeline", ok, v);
}

/* stage_probability(stage) is the built-in default; with a second
** argument (the stages table's probability, from a join) that value wins
** when it is not NULL.  The function never reads a table itself: see
** docs/pipeline.md for why. */
static void stageProbabilityFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  const char *z = 0;
  int n = 0, rcStage, rcOverride = REVOPS_ARG_NULL;
  double p = 0;
  rcStage = revops_arg_text(ctx, argv[0], "stage_probability", "stage", &z, &n);
  if (rcStage == REVOPS_ARG_BAD) return;
  if (argc == 2) {
    rcOverride = revops_arg_fraction(ctx, argv[1], "stage_probability", "probability", &p);
    if (rcOverride == REVOPS_ARG_BAD) return;
  }
  if (rcStage == REVOPS_ARG_NULL) return; /* NULL stage: NULL */
  if (rcOverride == REVOPS_ARG_OK) {
    sqlite3_result_double(ctx, p);
    return;
  }
  p = revops_stage_probability(z, (size_t)n);
  if (p >= 0) sqlite3_result_double(ctx, p); /* unknown stage: NULL */
}

/* wilson_lower / wilson_upper: one body, bUpper says which bound.  Counts are whole numbers >= 0 with successes <=
** trials <= 1e15 (exact in a double); z is optional (NULL: 1.96) in
** (0, REVOPS_WILSON_Z_MAX]. */
static void wilson_bound(sqlite3_context *ctx, int argc, sqlite3_value **argv,
                         int bUpper) {
  static const char *const azArg[] = {"successes", "trials"};
  const char *zFn = bUpper ? "wilson_upper" : "wilson_lower";
  char zErr[REVOPS_ERRMSG_SIZE];
  double a[2] = {0, 0}, z = 1.96, lo = 0, hi = 0;
  int i, rc, anyNull = 0;
  for (i = 0; i < 2; i++) {
    rc = revops_arg_number(ctx, argv[i], zFn, azArg[i], &a[i]);
    if (rc == REVOPS_ARG_BAD) return;
    if (rc == REVOPS_ARG_NULL) {
      anyNull = 1;
    } else if (revops_check_count(a[i], azArg[i], zErr, sizeof(zErr)) != REVOPS_OK) {
      revops_result_errorf(ctx, "%s(): %s", zFn, zErr);
      return;
    } else if (a[i] > REVOPS_WILSON_N_MAX) {
      revops_arg_bad(ctx, argv[i], zFn, azArg[i], "must be at most 1000000000000000", 0);
      return;
    }
  }
  if (argc == 3) {
    rc = revops_arg_number(ctx, argv[2], zFn, "z", &z);
    if (rc == REVOPS_ARG_BAD) return;
    if (rc == REVOPS_ARG_NULL) {
      z = 1.96; /* an optional argument given as NULL is not given */
    } else if (z <= 0 || z > REVOPS_WILSON_Z_MAX) {
      revops_arg_bad(ctx, argv[2], zFn, "z", "must be greater than 0 and at most 10", 0);
      return;
    }
  }
  if (anyNull) return;
  if (a[0] > a[1]) {
    revops_arg_bad(ctx, argv[0], zFn, "successes", "must not exceed trials", 0);
    return;
  }
  if (!revops_wilson_interval(a[0], a[1], z, &lo, &hi)) return; /* no trials: NULL */
  sqlite3_result_double(ctx, bUpper ? hi : lo);
}

static void wilsonLowerFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  wilson_bound(ctx, argc, argv, 0);
}

static void wilsonUpperFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  wilson_bound(ctx, argc, argv, 1);
}

static const RevopsFunc aPipelineFunc[] = {
    REVOPS_WINDOW("weighted_pipeline", 2, REVOPS_PURE, pipelineStep,
                  pipelineValue, pipelineValue, pipelineInverse),
    REVOPS_WINDOW("weighted_pipeline", 4, REVOPS_PURE, pipelineStep,
                  pipelineValue, pipelineValue, pipelineInverse),
    REVOPS_WINDOW("win_rate", 1, REVOPS_PURE, winRateStep, winRateValue,
                  winRateValue, winRateInverse),
    REVOPS_SCALAR("forecast_category", 1, REVOPS_PURE, forecastCategoryFunc),
    REVOPS_SCALAR("coverage_status", 1, REVOPS_PURE, coverageStatusFunc),
    REVOPS_SCALAR("sales_velocity", 4, REVOPS_PURE, salesVelocityFunc),
    REVOPS_SCALAR("required_pipeline", 3, REVOPS_PURE, requiredPipelineFunc),
    REVOPS_SCALAR("stage_probability", 1, REVOPS_PURE, stageProbabilityFunc),
    REVOPS_SCALAR("stage_probability", 2, REVOPS_PURE, stageProbabilityFunc),
    REVOPS_SCALAR("wilson_lower", 2, REVOPS_PURE, wilsonLowerFunc),
    REVOPS_SCALAR("wilson_lower", 3, REVOPS_PURE, wilsonLowerFunc),
    REVOPS_SCALAR("wilson_upper", 2, REVOPS_PURE, wilsonUpperFunc),
    REVOPS_SCALAR("wilson_upper", 3, REVOPS_PURE, wilsonUpperFunc),
};

const RevopsDomain revops_domain_pipeline = {
    "pipeline", aPipelineFunc, REVOPS_COUNT(aPipelineFunc), 0, 0, 0};
