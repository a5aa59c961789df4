/*
** pipeline.c — pipeline arithmetic shared by the SQL functions.
*/
#include <math.h>
#include <string.h>

#include "internal.h"

/* seed 003 "Pipeline Coverage Model": a deal counts at 100% until 30 days
** past its expected close, at 50% from 30 to 59 days, and at 25% from 60.
** Deals not yet due (negative days) count fully.  Returned in quarters so
** that the money accumulator stays in integers. */
int revops_aging_quarters(int64_t daysPastClose) {
  if (daysPastClose < 30) return 4;
  if (daysPastClose < 60) return 2;
  return 1;
}

/* seed 003 "Forecast Categories": Commit 90%+, Best Case 60-89%, Pipeline
** 20-59%, Upside < 20%, Omitted 0%.  Comparisons are on the double the
** caller passed, so 0.9 is Commit and 0.8999 is Best Case. */
const char *revops_forecast_category(double p) {
  if (p >= 0.90) return "Commit";
  if (p >= 0.60) return "Best Case";
  if (p >= 0.20) return "Pipeline";
  if (p > 0) return "Upside";
  return "Omitted";
}

/* seed 001 "Understanding Your Coverage": 3x or higher Strong, 2-3x
** Adequate, under 2x At Risk. */
const char *revops_coverage_status(double ratio) {
  if (ratio >= 3) return "Strong";
  if (ratio >= 2) return "Adequate";
  return "At Risk";
}

/* seed 000 and 001: win rate = won / (won + lost), over closed deals
** only.  Counts are integers, so a window frame's inverse is exact. */
void revops_win_rate_step(RevopsWinRate *w, int isWon, int dir) {
  w->nClosed += dir;
  if (isWon) w->nWon += dir;
}

void revops_win_rate_merge(RevopsWinRate *w, const RevopsWinRate *other) {
  w->nWon += other->nWon;
  w->nClosed += other->nClosed;
}

int revops_win_rate(const RevopsWinRate *w, double *pOut) {
  if (w->nClosed <= 0) return REVOPS_NULL;
  *pOut = (double)w->nWon / (double)w->nClosed;
  return REVOPS_OK;
}

/* seed 003 "Deal Velocity Formula": (# opportunities x win rate x average
** deal size) / sales cycle length, e.g. (50 x 0.25 x 30000) / 60 = 6250
** per day.  A cycle of 0 days has no velocity (division by zero). */
int revops_sales_velocity(double opps, double winRate, double avgDeal,
                          double cycleDays, double *pOut) {
  if (cycleDays == 0) return REVOPS_NULL;
  *pOut = revops_round_cents(opps * winRate * avgDeal / cycleDays);
  return REVOPS_OK;
}

/* seed 003 "Pipeline Coverage Model": required pipeline = quota / win rate
** x coverage multiple ($1M quota at a 25% win rate needs $4M with a
** multiple of 1).  A win rate of 0 needs infinite pipeline: undefined. */
int revops_required_pipeline(double quota, double winRate, double coverage,
                             double *pOut) {
  if (winRate == 0) return REVOPS_NULL;
  *pOut = revops_round_cents(quota / winRate * coverage);
  return REVOPS_OK;
}

/* The Wilson score interval of a binomial proportion (Wilson 1927):
**   (2s + z^2 -/+ z sqrt(z^2 + 4 s (n - s) / n)) / (2 (n + z^2))
** the same bounds as the textbook centre-and-half-width form, written so
** that no difference of two nearly equal terms is taken and no product
** overflows (s (n - s) / n is computed as s ((n - s) / n)).  The bound at
** 0 successes (lower) and at n successes (upper) is exact, as the formula
** gives by hand.  No trials: undefined. */
int revops_wilson_interval(double successes, double trials, double z,
                           double *pLower, double *pUpper, char *zErr,
                           size_t nErr) {
  double z2, root, den;
  char a[40];
  if (!(successes >= 0 && successes == floor(successes) && trials >= 0 &&
        trials == floor(trials) && trials <= REVOPS_WILSON_N_MAX && z > 0 &&
        z <= REVOPS_WILSON_Z_MAX)) {
    revops_errf(zErr, nErr, "successes, trials or z out of range");
    return REVOPS_ERROR;
  }
  if (successes > trials) {
    revops_fmt_num(a, sizeof(a), successes);
    revops_errf(zErr, nErr, "successes must not exceed trials, got %s", a);
    return REVOPS_ERROR;
  }
  if (trials == 0) return REVOPS_NULL;
  z2 = z * z;
  root = z * sqrt(z2 + 4.0 * successes * ((trials - successes) / trials));
  den = 2.0 * (trials + z2);
  *pLower = successes == 0 ? 0.0 : (2.0 * successes + z2 - root) / den;
  *pUpper = successes == trials ? 1.0 : (2.0 * successes + z2 + root) / den;
  return REVOPS_OK;
}

/* Built-in stages, in stage order; sql/schema.sql seeds the stages table
** with the same probabilities for the stages it has (the demo's data
** checks compare them).  The probabilities sit inside seed
** 003's forecast-category bands so that forecast_category() of each is
** the category the seeds give the stage: early stages Upside, qualified
** stages Pipeline (20-59%), proposal stages Best Case (60-89%), contract
** stages Commit (90%+); Closed Lost and On Hold are Omitted (seed 001). */
static const struct {
  const char *zName;
  const char *zKey; /* letters and digits, lower case */
  double probability;
} aStage[] = {
    {"Prospecting", "prospecting", 0.10},
    {"Discovery", "discovery", 0.10}, /* before qualification: Upside */
    {"Qualification", "qualification", 0.20},
    {"Opportunity Created", "opportunitycreated", 0.20}, /* seed 003 funnel */
    {"Demo", "demo", 0.40},
    {"Proposal", "proposal", 0.60},
    {"Proposal/Negotiation", "proposalnegotiation", 0.70}, /* seed 003 funnel */
    {"Negotiation", "negotiation", 0.80},
    {"Contract Sent", "contractsent", 0.90},
    {"Closed Won", "closedwon", 1.0},
    {"Closed Lost", "closedlost", 0.0},
    {"On Hold", "onhold", 0.0}, /* seed 001: omitted */
};
#define NSTAGE ((int)(sizeof(aStage) / sizeof(aStage[0])))

double revops_stage_probability(const char *zStage, size_t nStage) {
  char zKey[32];
  size_t i, n = 0;
  int k;
  for (i = 0; i < nStage; i++) {
    unsigned char c = (unsigned char)zStage[i];
    if (c >= 'A' && c <= 'Z') c = (unsigned char)(c - 'A' + 'a');
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      if (n + 1 >= sizeof(zKey)) return -1; /* longer than any default */
      zKey[n++] = (char)c;
    }
  }
  zKey[n] = 0;
  for (k = 0; k < NSTAGE; k++) {
    if (strcmp(zKey, aStage[k].zKey) == 0) return aStage[k].probability;
  }
  return -1;
}

const char *revops_stage_default(int i, double *pProbability) {
  if (i < 0 || i >= NSTAGE) return 0;
  if (pProbability) *pProbability = aStage[i].probability;
  return aStage[i].zName;
}
