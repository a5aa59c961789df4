/*
** planning.c — capacity and scenario planning (seed 003 "Capacity Model"
** and "Scenario Planning").
*/
#include <math.h>
#include <string.h>

#include "internal.h"

/* seed 003: Required AEs = Revenue Target / (Quota x Expected Attainment),
** rounded up to whole people: $5M / ($600K x 70%) = 11.9 -> 12.  Binary
** fractions must not add a person: 420000 / (600000 x 0.7) is 1 exactly,
** but 600000 x 0.7 is a hair below 420000 in binary and the quotient a hair
** above 1.  So the quotient is shrunk by a relative 1e-12 (far below any
** real difference of inputs with cents and percentages) before rounding
** up. */
int revops_required_aes(double target, double quota, double attainment,
                        int64_t *pOut, char *zErr, size_t nErr) {
  double capacity = quota * attainment, r;
  if (capacity == 0) return REVOPS_NULL;
  r = ceil(target / capacity * (1 - 1e-12));
  if (!(r <= 1e15)) {
    revops_errf(zErr, nErr,
                "the result is too large (target / (quota x attainment) is above 1e15)");
    return REVOPS_ERROR;
  }
  *pOut = (int64_t)r;
  return REVOPS_OK;
}

/* seed 003 ramp schedule: months 1-2 onboarding at 0 %, month 3 at 25 %,
** months 4-5 at 50 %, fully ramped from month 6.  Month 1 is the month of
** the hire (SPEC: months are 1-based). */
double revops_ramped_capacity(int64_t month) {
  if (month <= 2) return 0.0;
  if (month == 3) return 0.25;
  if (month <= 5) return 0.5;
  return 1.0;
}

/* seed 003 "Scenario Planning":
**   Bear (70 % confidence): revenue -20 % from plan, win rate -5 points,
**        cycle +15 days, churn +2 points
**   Base (50 %): plan, current trends
**   Bull (30 %): revenue +20 %, win rate +5 points, cycle -10 days
** "Points" are percentage points: a 25 % win rate becomes 20 %, not
** 23.75 %.  The seed gives no churn change for the bull case ("expansion
** up" has no number), so churn stays as planned. */
static const struct {
  const char *zName;
  double revenue, winRate, cycleDays, churnRate, confidence;
} aScenario[] = {
    {"bear", 0.8, -0.05, 15, 0.02, 0.70},
    {"base", 1.0, 0, 0, 0, 0.50},
    {"bull", 1.2, 0.05, -10, 0, 0.30},
};

int revops_scenario(const char *z, size_t n) {
  int i;
  for (i = 0; i < 3; i++) {
    if (strlen(aScenario[i].zName) == n && memcmp(aScenario[i].zName, z, n) == 0) return i;
  }
  return -1;
}

static double clamp01(double v) { return v < 0 ? 0 : v > 1 ? 1 : v; }

double revops_scenario_revenue(int e, double plan) {
  return revops_round_cents(plan * aScenario[e].revenue);
}

/* Rates stay fractions: a 3 % win rate in the bear case is 0, not -2 %.
** Adding points in binary leaves noise (0.25 - 0.05 = 0.19999999999999998),
** so the result is rounded to 12 decimals, finer than any rate is known. */
static double rate_points(double rate, double points) {
  return clamp01(round((rate + points) * 1e12) / 1e12);
}

double revops_scenario_win_rate(int e, double winRate) {
  return rate_points(winRate, aScenario[e].winRate);
}

/* A cycle cannot be shorter than 0 days. */
double revops_scenario_cycle_days(int e, double cycleDays) {
  double d = cycleDays + aScenario[e].cycleDays;
  return d < 0 ? 0 : d;
}

double revops_scenario_churn_rate(int e, double churnRate) {
  return rate_points(churnRate, aScenario[e].churnRate);
}

double revops_scenario_confidence(int e) { return aScenario[e].confidence; }
