/* Pipeline additions of SPEC section 4: bands, win rate, velocity,
** required pipeline, stage defaults; the aging discount of seed 003. */
#include "check.h"
#include "revops.h"

void test_pipeline(void) {
  RevopsWinRate w;
  double v = -1;
  int i;

  /* seed 003 forecast categories at every boundary. */
  CHECK_STR(revops_forecast_category(1.0), "Commit");
  CHECK_STR(revops_forecast_category(0.90), "Commit");
  CHECK_STR(revops_forecast_category(0.8999999), "Best Case");
  CHECK_STR(revops_forecast_category(0.60), "Best Case");
  CHECK_STR(revops_forecast_category(0.5999999), "Pipeline");
  CHECK_STR(revops_forecast_category(0.20), "Pipeline");
  CHECK_STR(revops_forecast_category(0.1999999), "Upside");
  CHECK_STR(revops_forecast_category(1e-9), "Upside");
  CHECK_STR(revops_forecast_category(0), "Omitted");

  /* seed 001 coverage bands. */
  CHECK_STR(revops_coverage_status(3), "Strong");
  CHECK_STR(revops_coverage_status(2.9999), "Adequate");
  CHECK_STR(revops_coverage_status(2), "Adequate");
  CHECK_STR(revops_coverage_status(1.9999), "At Risk");
  CHECK_STR(revops_coverage_status(0), "At Risk");

  /* Win rate: 3 won of 4, then a frame drops a won deal: 2 of 3. */
  memset(&w, 0, sizeof(w));
  CHECK(revops_win_rate(&w, &v) == REVOPS_NULL && v == -1); /* no closed deal */
  revops_win_rate_step(&w, 1, +1);
  revops_win_rate_step(&w, 0, +1);
  revops_win_rate_step(&w, 1, +1);
  revops_win_rate_step(&w, 1, +1);
  CHECK(revops_win_rate(&w, &v) == REVOPS_OK && v == 0.75);
  revops_win_rate_step(&w, 1, -1);
  CHECK(revops_win_rate(&w, &v) == REVOPS_OK && v == 2.0 / 3.0);
  revops_win_rate_step(&w, 1, -1);
  revops_win_rate_step(&w, 0, -1);
  revops_win_rate_step(&w, 1, -1);
  CHECK(revops_win_rate(&w, &v) == REVOPS_NULL); /* the frame is empty again */

  /* seed 003: (50 x 0.25 x 30000) / 60 = 6250. */
  CHECK(revops_sales_velocity(50, 0.25, 30000, 60, &v) == REVOPS_OK && v == 6250);
  v = -1;
  CHECK(revops_sales_velocity(50, 0.25, 30000, 0, &v) == REVOPS_NULL && v == -1);
  /* 100 / 3 = 33.333 -> 33.33 */
  CHECK(revops_sales_velocity(1, 1, 100, 3, &v) == REVOPS_OK && v == 33.33);

  /* seed 003: $1M / 25% = $4M; x1.25 = $5M (not 5,000,000.01). */
  CHECK(revops_required_pipeline(1000000, 0.25, 1, &v) == REVOPS_OK && v == 4000000);
  CHECK(revops_required_pipeline(1000000, 0.25, 1.25, &v) == REVOPS_OK && v == 5000000);
  CHECK(revops_required_pipeline(1000000, 0, 1, &v) == REVOPS_NULL);

  /* Wilson score interval, by hand for 8 of 10 at z = 1.96: z^2 = 3.8416,
  ** centre (0.8 + 0.19208) / 1.38416 = 0.716738, half-width
  ** 1.96 x sqrt(0.016 + 0.009604) / 1.38416 = 0.226581. */
  {
    double lo = -1, hi = -1;
    char zErr[REVOPS_ERRMSG_SIZE];
    CHECK(revops_wilson_interval(8, 10, 1.96, &lo, &hi, zErr, sizeof(zErr)) == REVOPS_OK);
    CHECK_DBL(lo, 0.490157, 5e-7);
    CHECK_DBL(hi, 0.943319, 5e-7);
    /* 0 of 10: lower exactly 0, upper z^2 / (n + z^2) = 3.8416 / 13.8416. */
    CHECK(revops_wilson_interval(0, 10, 1.96, &lo, &hi, zErr, sizeof(zErr)) == REVOPS_OK &&
          lo == 0);
    CHECK_DBL(hi, 3.8416 / 13.8416, 1e-15);
    /* 10 of 10: the mirror image, upper exactly 1. */
    CHECK(revops_wilson_interval(10, 10, 1.96, &lo, &hi, zErr, sizeof(zErr)) == REVOPS_OK &&
          hi == 1);
    CHECK_DBL(lo, 10.0 / 13.8416, 1e-15);
    /* 1 of 2 at z = 1: symmetric about 0.5, half-width sqrt(3) / 6 (root
    ** z sqrt(z^2 + 4 s (n - s) / n) = sqrt(3), over 2 (n + z^2) = 6). */
    CHECK(revops_wilson_interval(1, 2, 1, &lo, &hi, zErr, sizeof(zErr)) == REVOPS_OK);
    CHECK_DBL(lo, 0.5 - sqrt(3.0) / 6, 1e-15);
    CHECK_DBL(hi, 0.5 + sqrt(3.0) / 6, 1e-15);
    /* No trials: undefined, the bounds are not written. */
    lo = hi = -1;
    CHECK(revops_wilson_interval(0, 0, 1.96, &lo, &hi, zErr, sizeof(zErr)) == REVOPS_NULL &&
          lo == -1 && hi == -1);
    /* At the bound of 1e15 trials nothing overflows and the order holds. */
    CHECK(revops_wilson_interval(5e14, 1e15, 10, &lo, &hi, zErr, sizeof(zErr)) == REVOPS_OK &&
          lo < 0.5 && hi > 0.5 && lo > 0.4999 && hi < 0.5001);
    /* Out of the rules: an error with the reason, nothing written. */
    lo = hi = -1;
    CHECK(revops_wilson_interval(11, 10, 1.96, &lo, &hi, zErr, sizeof(zErr)) == REVOPS_ERROR &&
          lo == -1);
    CHECK_STR(zErr, "successes must not exceed trials, got 11");
    CHECK(revops_wilson_interval(1, 2e15, 1.96, &lo, &hi, zErr, sizeof(zErr)) == REVOPS_ERROR);
    CHECK(revops_wilson_interval(1, 2, 0, &lo, &hi, zErr, sizeof(zErr)) == REVOPS_ERROR);
    CHECK(revops_wilson_interval(0.5, 2, 1, &lo, &hi, zErr, sizeof(zErr)) == REVOPS_ERROR);
  }

  /* Stage defaults and name matching. */
  CHECK_DBL(revops_stage_probability("Closed Won", 10), 1.0, 0);
  CHECK_DBL(revops_stage_probability("closed_won", 10), 1.0, 0);
  CHECK_DBL(revops_stage_probability("CLOSEDWON", 9), 1.0, 0);
  CHECK_DBL(revops_stage_probability("Negotiation", 11), 0.8, 0);
  CHECK_DBL(revops_stage_probability("Closed Lost", 11), 0.0, 0);
  CHECK_DBL(revops_stage_probability("Limbo", 5), -1, 0);
  CHECK_DBL(revops_stage_probability("", 0), -1, 0);
  /* Only the first n bytes count: "Demo" out of "Demolition". */
  CHECK_DBL(revops_stage_probability("Demolition", 4), 0.4, 0);
  CHECK_DBL(revops_stage_probability("Demolition", 10), -1, 0);
  /* Every default has a probability in [0, 1] and is found by its name. */
  for (i = 0; revops_stage_default(i, 0); i++) {
    double p = -1;
    const char *z = revops_stage_default(i, &p);
    CHECK(p >= 0 && p <= 1);
    CHECK_DBL(revops_stage_probability(z, strlen(z)), p, 0);
  }
  CHECK_INT(i, 12);
  CHECK(revops_stage_default(-1, 0) == 0);

  /* seed 003 aging discount in quarters of the amount: x1.0 (4) under 30
  ** days past the expected close (a close date still ahead counts as 0
  ** days), x0.5 (2) for 30-59, x0.25 (1) from 60 on. */
  CHECK_INT(revops_aging_quarters(-10), 4);
  CHECK_INT(revops_aging_quarters(29), 4);
  CHECK_INT(revops_aging_quarters(30), 2);
  CHECK_INT(revops_aging_quarters(59), 2);
  CHECK_INT(revops_aging_quarters(60), 1);
}
