/* MAPE, WAPE and mape_skipped in the core: formulas by hand, window
** removal, the bounds that keep every sum finite, and recovery after a
** frame has dropped a row. */
#include "check.h"
#include "revops.h"

static void add(RevopsForecast *p, double a, double f, int wantPct, int dir) {
  char zErr[REVOPS_ERRMSG_SIZE];
  REQUIRE(revops_forecast_step(p, a, f, wantPct, dir, zErr, sizeof(zErr)) == REVOPS_OK);
}

void test_forecast(void) {
  RevopsForecast p;
  char zErr[REVOPS_ERRMSG_SIZE];
  double v = -1;

  /* Empty: MAPE and WAPE undefined, nothing skipped. */
  memset(&p, 0, sizeof(p));
  CHECK(revops_mape(&p, &v) == REVOPS_NULL && v == -1);
  CHECK(revops_wape(&p, &v) == REVOPS_NULL && v == -1);
  CHECK_INT(revops_mape_skipped(&p), 0);

  /* Rows (100, 90), (200, 220), (0, 10), (50, 50), by hand:
  ** MAPE = (10/100 + 20/200 + 0/50) / 3 = 0.2 / 3 (the zero actual is
  ** skipped and counted); WAPE = (10 + 20 + 10 + 0) / 350 = 40 / 350. */
  add(&p, 100, 90, 1, +1);
  add(&p, 200, 220, 1, +1);
  add(&p, 0, 10, 1, +1);
  add(&p, 50, 50, 1, +1);
  CHECK(revops_mape(&p, &v) == REVOPS_OK);
  CHECK_DBL(v, 0.2 / 3, 1e-16);
  CHECK(revops_wape(&p, &v) == REVOPS_OK);
  CHECK_DBL(v, 40.0 / 350, 1e-16);
  CHECK_INT(revops_mape_skipped(&p), 1);
  /* A frame drops (100, 90) and (0, 10): (0.1 + 0) / 2 = 0.05;
  ** (20 + 0) / 250 = 0.08; nothing skipped. */
  add(&p, 100, 90, 1, -1);
  add(&p, 0, 10, 1, -1);
  CHECK(revops_mape(&p, &v) == REVOPS_OK);
  CHECK_DBL(v, 0.05, 1e-16);
  CHECK(revops_wape(&p, &v) == REVOPS_OK);
  CHECK_DBL(v, 0.08, 1e-16);
  CHECK_INT(revops_mape_skipped(&p), 0);

  /* scikit-learn's docstring: mean_absolute_percentage_error([3, -0.5, 2,
  ** 7], [2.5, 0.0, 2, 8]) = 0.3273809523809524 (negative actuals by |a|). */
  memset(&p, 0, sizeof(p));
  add(&p, 3, 2.5, 1, +1);
  add(&p, -0.5, 0, 1, +1);
  add(&p, 2, 2, 1, +1);
  add(&p, 7, 8, 1, +1);
  CHECK(revops_mape(&p, &v) == REVOPS_OK);
  CHECK_DBL(v, 0.3273809523809524, 1e-15);

  /* Only zero actuals: MAPE undefined, WAPE undefined (sum |a| = 0). */
  memset(&p, 0, sizeof(p));
  add(&p, 0, 10, 1, +1);
  add(&p, 0, 0, 1, +1);
  CHECK(revops_mape(&p, &v) == REVOPS_NULL);
  CHECK(revops_wape(&p, &v) == REVOPS_NULL);
  CHECK_INT(revops_mape_skipped(&p), 2);

  /* issue 9: mape(1e-300, 1e10) was Inf, and a NULL stuck in the frame.
  ** Now it is an error that names both values and changes nothing. */
  memset(&p, 0, sizeof(p));
  add(&p, 100, 90, 1, +1);
  CHECK(revops_forecast_step(&p, 1e-300, 1e10, 1, +1, zErr, sizeof(zErr)) == REVOPS_ERROR);
  CHECK_STR(zErr, "the percentage error |actual - forecast| / |actual| is above 1e15 "
                  "for actual 1e-300, forecast 10000000000");
  CHECK(revops_mape(&p, &v) == REVOPS_OK && v == 0.1);
  /* WAPE does not divide per row: the same row is fine there. */
  CHECK(revops_forecast_step(&p, 1e-300, 1e10, 0, +1, zErr, sizeof(zErr)) == REVOPS_OK);
  CHECK(revops_wape(&p, &v) == REVOPS_OK);
  CHECK_DBL(v, (10 + 1e10) / 100.0, 1e-3);
  /* Percentage errors up to 1e15 are allowed; 2e15 is not. */
  CHECK(revops_forecast_step(&p, 1, 1e15, 1, +1, zErr, sizeof(zErr)) == REVOPS_OK);
  CHECK(revops_forecast_step(&p, 0.5, 1e15, 1, +1, zErr, sizeof(zErr)) == REVOPS_ERROR);
  /* Values beyond 1e15 are an error for every metric, Inf and NaN too. */
  CHECK(revops_forecast_step(&p, 1e300, 1, 0, +1, zErr, sizeof(zErr)) == REVOPS_ERROR);
  CHECK_STR(zErr, "actual must be between -1e15 and 1e15, got 1e+300");
  CHECK(revops_forecast_step(&p, 1, -2e15, 0, +1, zErr, sizeof(zErr)) == REVOPS_ERROR);
  CHECK_STR(zErr, "forecast must be between -1e15 and 1e15, got -2e+15");
  CHECK(revops_forecast_step(&p, NAN, 1, 0, +1, zErr, sizeof(zErr)) == REVOPS_ERROR);
  CHECK(revops_forecast_step(&p, 1, INFINITY, 0, +1, zErr, sizeof(zErr)) == REVOPS_ERROR);

  /* A sliding frame over rows with the extreme allowed values recovers
  ** exactly: add the extremes, remove them, and the small rows' MAPE and
  ** WAPE are what they are alone. */
  memset(&p, 0, sizeof(p));
  add(&p, 1e15, -1e15, 1, +1);  /* |a - f| = 2e15, 200 % */
  add(&p, 1e-3, 1e12, 1, +1);   /* percentage error 1e15 */
  add(&p, 100, 90, 1, +1);
  add(&p, 200, 220, 1, +1);
  add(&p, 1e15, -1e15, 1, -1);
  add(&p, 1e-3, 1e12, 1, -1);
  CHECK(revops_mape(&p, &v) == REVOPS_OK);
  CHECK_DBL(v, 0.1, 1e-15);
  CHECK(revops_wape(&p, &v) == REVOPS_OK);
  CHECK_DBL(v, 0.1, 1e-15);

  /* seed 003 grades: 'Excellent' < 0.10, 'Good' < 0.15, 'Needs work'
  ** <= 0.25, 'Broken' above; each band at both ends. */
  CHECK_STR(revops_mape_grade(0), "Excellent");
  CHECK_STR(revops_mape_grade(0.0999), "Excellent");
  CHECK_STR(revops_mape_grade(0.10), "Good");
  CHECK_STR(revops_mape_grade(0.1499), "Good");
  CHECK_STR(revops_mape_grade(0.15), "Needs work");
  CHECK_STR(revops_mape_grade(0.25), "Needs work");
  CHECK_STR(revops_mape_grade(0.2501), "Broken");
  CHECK_STR(revops_mape_grade(3), "Broken");
}
