/*
** forecast.c — forecast accuracy: MAPE, WAPE and the skipped-row count
** (SPEC section 3), and the seed 003 grade.
**
** One accumulator serves the three aggregates and their window frames.
** Sums are compensated (TwoSum), so a moving frame does not drift, and
** every value added is bounded so that no sum can overflow: a row outside
** the bounds is an error at the row, never an Inf or a NULL that would stay
** in the frame after the row has left it.
*/
#include <math.h>

#include "internal.h"

/* Bounds (docs/forecast.md).  With |a|, |f| <= 1e15 every |a - f| and |a|
** is at most 2e15 and a row's percentage error is capped at 1e15, so sums
** over 2^63 rows stay below 2e34: finite, and a frame that drops a row
** subtracts exactly the finite value it added. */
int revops_forecast_step(RevopsForecast *p, double actual, double forecast,
                         int wantPct, int dir, char *zErr, size_t nErr) {
  double err, pct = 0;
  char a[40], f[40];
  if (!(fabs(actual) <= REVOPS_FORECAST_MAX) || !(fabs(forecast) <= REVOPS_FORECAST_MAX)) {
    const int bActual = !(fabs(actual) <= REVOPS_FORECAST_MAX);
    revops_fmt_num(a, sizeof(a), bActual ? actual : forecast);
    revops_errf(zErr, nErr, "%s must be between -1e15 and 1e15, got %s",
                bActual ? "actual" : "forecast", a);
    return REVOPS_ERROR;
  }
  err = fabs(actual - forecast);
  if (wantPct && actual != 0) {
    pct = err / fabs(actual);
    if (!(pct <= REVOPS_FORECAST_PCT_MAX)) {
      revops_fmt_num(a, sizeof(a), actual);
      revops_fmt_num(f, sizeof(f), forecast);
      revops_errf(zErr, nErr,
                  "the percentage error |actual - forecast| / |actual| is above 1e15 "
                  "for actual %s, forecast %s", a, f);
      return REVOPS_ERROR;
    }
  }
  revops_sum_add(&p->sumAbsErr, dir * err);
  revops_sum_add(&p->sumAbsAct, dir * fabs(actual));
  if (actual == 0) {
    p->nSkipped += dir;
  } else {
    if (wantPct) revops_sum_add(&p->sumPct, dir * pct);
    p->nPct += dir;
  }
  return REVOPS_OK;
}

/* MAPE = mean of |a - f| / |a| over rows with a <> 0 (scikit-learn's
** mean_absolute_percentage_error without its epsilon: a zero actual is
** skipped and counted, not divided by 2.2e-16). */
void revops_forecast_merge(RevopsForecast *p, const RevopsForecast *other) {
  revops_sum_merge(&p->sumPct, &other->sumPct);
  revops_sum_merge(&p->sumAbsErr, &other->sumAbsErr);
  revops_sum_merge(&p->sumAbsAct, &other->sumAbsAct);
  p->nPct += other->nPct;
  p->nSkipped += other->nSkipped;
}

int revops_mape(const RevopsForecast *p, double *pOut) {
  if (p->nPct <= 0) return REVOPS_NULL;
  *pOut = revops_sum_value(&p->sumPct) / (double)p->nPct;
  if (*pOut < 0) *pOut = 0; /* a frame emptied of errors: never -0.0 or a hair below */
  return REVOPS_OK;
}

/* WAPE = sum |a - f| / sum |a| over every row; undefined when sum |a| = 0. */
int revops_wape(const RevopsForecast *p, double *pOut) {
  double den = revops_sum_value(&p->sumAbsAct), num;
  if (!(den > 0)) return REVOPS_NULL;
  num = revops_sum_value(&p->sumAbsErr);
  *pOut = num > 0 ? num / den : 0;
  return REVOPS_OK;
}

int64_t revops_mape_skipped(const RevopsForecast *p) { return p->nSkipped; }

/* seed 003 "Forecast accuracy target": <10% Excellent, 10-15% Good,
** 15-25% Needs work, >25% Broken.  Exactly 0.25 is still "Needs work"
** (SPEC: <= 0.25). */
const char *revops_mape_grade(double mape) {
  if (mape < 0.10) return "Excellent";
  if (mape < 0.15) return "Good";
  if (mape <= 0.25) return "Needs work";
  return "Broken";
}
