/* Capacity and scenario planning (seed 003). */
#include "check.h"
#include "revops.h"

void test_planning(void) {
  char zErr[REVOPS_ERRMSG_SIZE];
  int64_t n = -1;
  int64_t m;

  /* seed 003: 5,000,000 / (600,000 x 0.70) = 11.9 -> 12. */
  CHECK(revops_required_aes(5000000, 600000, 0.7, &n, zErr, sizeof(zErr)) == REVOPS_OK);
  CHECK_INT(n, 12);
  /* 420,000 / (600,000 x 0.7) is exactly 1 although the product is a hair
  ** below 420,000 in binary. */
  CHECK(revops_required_aes(420000, 600000, 0.7, &n, zErr, sizeof(zErr)) == REVOPS_OK);
  CHECK_INT(n, 1);
  CHECK(revops_required_aes(420000.01, 600000, 0.7, &n, zErr, sizeof(zErr)) == REVOPS_OK);
  CHECK_INT(n, 2);
  CHECK(revops_required_aes(0, 600000, 0.7, &n, zErr, sizeof(zErr)) == REVOPS_OK);
  CHECK_INT(n, 0);
  CHECK(revops_required_aes(1, 0, 0.7, &n, zErr, sizeof(zErr)) == REVOPS_NULL);
  CHECK(revops_required_aes(9e14, 1e-4, 1e-9, &n, zErr, sizeof(zErr)) == REVOPS_ERROR);
  /* Exact multiples over whole percentages: target = k x quota x pct/100
  ** must give k for every k up to 40 and pct 1..100. */
  {
    int k, pct, bad = 0;
    for (pct = 1; pct <= 100; pct++) {
      for (k = 1; k <= 40; k++) {
        double quota = 600000, target = k * quota * pct / 100;
        if (revops_required_aes(target, quota, pct / 100.0, &n, zErr, sizeof(zErr)) != REVOPS_OK || n != k) {
          if (bad++ < 3) printf("FAIL required_aes k=%d pct=%d -> %lld\n", k, pct, (long long)n);
        }
      }
    }
    CHECK_INT(bad, 0);
  }

  /* seed 003 ramp: 0, 0, 0.25, 0.5, 0.5, then 1. */
  CHECK(revops_ramped_capacity(1) == 0);
  CHECK(revops_ramped_capacity(2) == 0);
  CHECK(revops_ramped_capacity(3) == 0.25);
  CHECK(revops_ramped_capacity(4) == 0.5);
  CHECK(revops_ramped_capacity(5) == 0.5);
  {
    int bad = 0; /* month 6 and every month after it: fully ramped */
    for (m = 6; m < 200; m++) bad += revops_ramped_capacity(m) != 1.0;
    CHECK_INT(bad, 0);
  }

  /* Scenarios. */
  CHECK_INT(revops_scenario("bear", 4), REVOPS_SCENARIO_BEAR);
  CHECK_INT(revops_scenario("base", 4), REVOPS_SCENARIO_BASE);
  CHECK_INT(revops_scenario("bull", 4), REVOPS_SCENARIO_BULL);
  CHECK_INT(revops_scenario("Bull", 4), -1);
  CHECK_INT(revops_scenario("bul", 3), -1);
  CHECK(revops_scenario_revenue(REVOPS_SCENARIO_BEAR, 1000000) == 800000);
  CHECK(revops_scenario_revenue(REVOPS_SCENARIO_BULL, 1000000) == 1200000);
  CHECK(revops_scenario_revenue(REVOPS_SCENARIO_BEAR, 1234.56) == 987.65);
  CHECK(revops_scenario_win_rate(REVOPS_SCENARIO_BEAR, 0.25) == 0.2);
  CHECK(revops_scenario_win_rate(REVOPS_SCENARIO_BULL, 0.25) == 0.3);
  CHECK(revops_scenario_win_rate(REVOPS_SCENARIO_BASE, 0.25) == 0.25);
  CHECK(revops_scenario_win_rate(REVOPS_SCENARIO_BEAR, 0.03) == 0);
  CHECK(revops_scenario_win_rate(REVOPS_SCENARIO_BULL, 0.97) == 1);
  CHECK(revops_scenario_cycle_days(REVOPS_SCENARIO_BEAR, 60) == 75);
  CHECK(revops_scenario_cycle_days(REVOPS_SCENARIO_BULL, 60) == 50);
  CHECK(revops_scenario_cycle_days(REVOPS_SCENARIO_BULL, 4) == 0);
  CHECK(revops_scenario_churn_rate(REVOPS_SCENARIO_BEAR, 0.05) == 0.07);
  CHECK(revops_scenario_churn_rate(REVOPS_SCENARIO_BULL, 0.05) == 0.05);
  CHECK(revops_scenario_churn_rate(REVOPS_SCENARIO_BEAR, 0.995) == 1);
  CHECK(revops_scenario_confidence(REVOPS_SCENARIO_BEAR) == 0.70);
  CHECK(revops_scenario_confidence(REVOPS_SCENARIO_BASE) == 0.50);
  CHECK(revops_scenario_confidence(REVOPS_SCENARIO_BULL) == 0.30);
}
