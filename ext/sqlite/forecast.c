/*
** forecast.c — SQL binding of forecast accuracy (computation in
** ext/core/forecast.c).
**
**   mape(actual, forecast)          mean |a - f| / |a| over rows with a <> 0
**   mape_skipped(actual, forecast)  how many rows mape() skipped (a = 0)
**   wape(actual, forecast)          sum |a - f| / sum |a| over every row
**   mape_grade(mape)                seed 003 grade
** The three aggregates are window functions sharing one step; each row's
** pArg is its metric.
*/
#include "revops_ext.h"

enum { FC_MAPE, FC_SKIPPED, FC_WAPE };
static const int aMetric[] = {FC_MAPE, FC_SKIPPED, FC_WAPE};

static int forecast_metric(sqlite3_context *ctx) {
  return *(const int *)revops_func(ctx)->pArg;
}

static void forecast_step(sqlite3_context *ctx, sqlite3_value **argv, int dir) {
  const char *zFn = revops_func(ctx)->zName;
  double a = 0, f = 0;
  int rcA, rcF;
  char zErr[REVOPS_ERRMSG_SIZE];
  RevopsForecast *p = sqlite3_aggregate_context(ctx, sizeof(*p));
  if (p == 0) {
    sqlite3_result_error_nomem(ctx);
    return;
  }
  rcA = revops_arg_number(ctx, argv[0], zFn, "actual", &a);
  if (rcA == REVOPS_ARG_BAD) return;
  rcF = revops_arg_number(ctx, argv[1], zFn, "forecast", &f);
  if (rcF == REVOPS_ARG_BAD) return;
  if (rcA == REVOPS_ARG_NULL || rcF == REVOPS_ARG_NULL) return;
  if (revops_forecast_step(p, a, f, forecast_metric(ctx) == FC_MAPE, dir, zErr,
                           sizeof(zErr)) != REVOPS_OK) {
    revops_result_errorf(ctx, "%s(): %s", zFn, zErr);
  }
}

static void forecastStep(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  (void)argc;
  forecast_step(ctx, argv, +1);
}

static void forecastInverse(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  (void)argc;
  forecast_step(ctx, argv, -1);
}

static void forecastValue(sqlite3_context *ctx) {
  static const RevopsForecast empty;
  const RevopsForecast *p = sqlite3_aggregate_context(ctx, 0);
  double v = 0;
  int rc;
  if (p == 0) p = &empty;
  switch (forecast_metric(ctx)) {
    case FC_SKIPPED:
      sqlite3_result_int64(ctx, revops_mape_skipped(p));
      return;
    case FC_MAPE: rc = revops_mape(p, &v); break;
    default: rc = revops_wape(p, &v); break;
  }
  revops_result_double(ctx, revops_func(ctx)->zName, rc, v, 0);
}

static const RevopsFunc aForecastFunc[] = {
    REVOPS_WINDOW_ARG("mape", 2, REVOPS_PURE, forecastStep, forecastValue,
                      forecastValue, forecastInverse, &aMetric[FC_MAPE]),
    REVOPS_WINDOW_ARG("mape_skipped", 2, REVOPS_PURE, forecastStep, forecastValue,
                      forecastValue, forecastInverse, &aMetric[FC_SKIPPED]),
    REVOPS_WINDOW_ARG("wape", 2, REVOPS_PURE, forecastStep, forecastValue,
                      forecastValue, forecastInverse, &aMetric[FC_WAPE]),
    REVOPS_SPEC(mape_grade, 1, REVOPS_PURE),
};

const RevopsDomain revops_domain_forecast = {
    "forecast", aForecastFunc, REVOPS_COUNT(aForecastFunc), 0, 0, 0};
