/*
** forecast.c — SQL binding of forecast accuracy.
**
**   mape(actual, forecast)          mean |a - f| / |a| over rows with a <> 0
**   mape_skipped(actual, forecast)  how many rows mape() skipped (a = 0)
**   wape(actual, forecast)          sum |a - f| / sum |a| over every row
**   mape_grade(mape)                seed 003 grade
** The three aggregates are window functions.  Sums are compensated
** (TwoSum), so a moving frame does not drift.
*/
#include <math.h>

#include "revops_ext.h"

enum { FC_MAPE, FC_SKIPPED, FC_WAPE };
static const char *const azFcName[] = {"mape", "mape_skipped", "wape"};

typedef struct ForecastAgg {
  RevopsSum sumPct;    /* sum of |a - f| / |a| over rows with a <> 0 */
  RevopsSum sumAbsErr; /* sum of |a - f| over rows with both values */
  RevopsSum sumAbsAct; /* sum of |a| over rows with both values */
  int64_t nPct;        /* rows in sumPct */
  int64_t nSkipped;    /* rows with a = 0 */
} ForecastAgg;

static void forecast_step(sqlite3_context *ctx, sqlite3_value **argv, double dir) {
  const char *zFn = azFcName[(int)(intptr_t)sqlite3_user_data(ctx)];
  double a = 0, f = 0, err;
  int rcA, rcF;
  ForecastAgg *p = sqlite3_aggregate_context(ctx, sizeof(*p));
  if (p == 0) {
    sqlite3_result_error_nomem(ctx);
    return;
  }
  rcA = revops_arg_number(ctx, argv[0], zFn, "actual", &a);
  if (rcA == REVOPS_ARG_BAD) return;
  rcF = revops_arg_number(ctx, argv[1], zFn, "forecast", &f);
  if (rcF == REVOPS_ARG_BAD) return;
  if (rcA == REVOPS_ARG_NULL || rcF == REVOPS_ARG_NULL) return;
  err = fabs(a - f);
  revops_sum_add(&p->sumAbsErr, dir * err);
  revops_sum_add(&p->sumAbsAct, dir * fabs(a));
  if (a == 0) {
    p->nSkipped += (int64_t)dir;
  } else {
    revops_sum_add(&p->sumPct, dir * (err / fabs(a)));
    p->nPct += (int64_t)dir;
  }
}

static void forecastStep(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  (void)argc;
  forecast_step(ctx, argv, 1.0);
}

static void forecastInverse(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  (void)argc;
  forecast_step(ctx, argv, -1.0);
}

static void forecastValue(sqlite3_context *ctx) {
  ForecastAgg *p = sqlite3_aggregate_context(ctx, 0);
  switch ((int)(intptr_t)sqlite3_user_data(ctx)) {
    case FC_MAPE:
      if (p && p->nPct > 0) {
        sqlite3_result_double(ctx, revops_sum_value(&p->sumPct) / (double)p->nPct);
      } else {
        sqlite3_result_null(ctx);
      }
      break;
    case FC_SKIPPED:
      sqlite3_result_int64(ctx, p ? p->nSkipped : 0);
      break;
    default: {
      double den = p ? revops_sum_value(&p->sumAbsAct) : 0;
      if (den > 0) {
        sqlite3_result_double(ctx, revops_sum_value(&p->sumAbsErr) / den);
      } else {
        sqlite3_result_null(ctx); /* sum |a| = 0: undefined */
      }
    }
  }
}

static void mapeGradeFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  double m;
  (void)argc;
  if (revops_arg_nonneg(ctx, argv[0], "mape_grade", "mape", &m) != REVOPS_ARG_OK) return;
  sqlite3_result_text(ctx, revops_mape_grade(m), -1, SQLITE_STATIC);
}

static const RevopsFunc aForecastFunc[] = {
    REVOPS_WINDOW("mape", 2, REVOPS_PURE, forecastStep, forecastValue,
                  forecastValue, forecastInverse),
    REVOPS_WINDOW("mape_skipped", 2, REVOPS_PURE, forecastStep, forecastValue,
                  forecastValue, forecastInverse),
    REVOPS_WINDOW("wape", 2, REVOPS_PURE, forecastStep, forecastValue,
                  forecastValue, forecastInverse),
    REVOPS_SCALAR("mape_grade", 1, REVOPS_PURE, mapeGradeFunc),
};

const RevopsDomain revops_domain_forecast = {
    "forecast", aForecastFunc, REVOPS_COUNT(aForecastFunc), 0, 0, revops_register_indexed};
