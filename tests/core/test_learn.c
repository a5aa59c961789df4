/*
** test_learn.c — the core of learned scores and forecast ranges: seed
** 001's bands, hand-computed cases, and forecast ranges against a seeded
** Monte Carlo of a million trials (an independent computation: no grid,
** no convolution).  The logistic fit itself is checked against Newton's
** method in Python (tests/python/test_learn.py).
*/
#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#include "check.h"
#include "learn.h"

static uint64_t mc_state = 0x9E3779B97F4A7C15ull;
static double mc_unif(void) { /* xorshift64*, 53 bits */
  mc_state ^= mc_state >> 12;
  mc_state ^= mc_state << 25;
  mc_state ^= mc_state >> 27;
  return (double)((mc_state * 0x2545F4914F6CDD1Dull) >> 11) / 9007199254740992.0;
}

static int cmp_dbl(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

/* The share of sorted samples s[0..n) that are <= x. */
static double ecdf(const double *s, int n, double x) {
  int lo = 0, hi = n;
  while (lo < hi) {
    int mid = (lo + hi) / 2;
    if (s[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return (double)lo / n;
}

static void test_monte_carlo(void) {
  enum { NDEAL = 300, NTRIAL = 1000000 };
  static double amt[NDEAL], pr[NDEAL];
  double *tot = malloc(sizeof(double) * NTRIAL), mean = 0, mcMean = 0;
  RevopsRange r;
  char zErr[REVOPS_ERRMSG_SIZE];
  int i, t, k;
  static const double aq[5] = {0.05, 0.1, 0.5, 0.9, 0.95};
  REQUIRE(tot != 0);
  if (tot == 0) return;
  for (i = 0; i < NDEAL; i++) { /* amounts in cents, 1k to 400k */
    amt[i] = floor(1000 + mc_unif() * 399000) + floor(mc_unif() * 100) / 100;
    pr[i] = 0.02 + 0.96 * mc_unif();
    mean += amt[i] * pr[i];
  }
  CHECK(revops_range_build(amt, pr, NDEAL, &r, zErr, sizeof(zErr)) == REVOPS_OK);
  for (t = 0; t < NTRIAL; t++) {
    double s = 0;
    for (i = 0; i < NDEAL; i++) {
      if (mc_unif() < pr[i]) s += amt[i];
    }
    tot[t] = s;
    mcMean += s;
  }
  qsort(tot, NTRIAL, sizeof(double), cmp_dbl);
  CHECK_DBL(r.mean, mean, 1e-6 * mean);
  /* the mean of a million trials: within 5 standard errors */
  {
    double var = 0;
    for (i = 0; i < NDEAL; i++) var += amt[i] * amt[i] * pr[i] * (1 - pr[i]);
    CHECK_DBL(mcMean / NTRIAL, mean, 5 * sqrt(var / NTRIAL));
  }
  /* The bound as documented: at most half a step per deal. */
  CHECK(r.errBound <= NDEAL * r.step / 2);
  for (k = 0; k < 5; k++) {
    double q = aq[k], x = revops_range_quantile(&r, q);
    double d = 5 * sqrt(q * (1 - q) / NTRIAL); /* sampling error, 5 sigma */
    /* x is the smallest grid total with P(<= x) >= q, so the true total
    ** has P(<= x + bound) >= q and P(<= x - step - bound) < q. */
    CHECK(ecdf(tot, NTRIAL, x + r.errBound) >= q - d);
    CHECK(ecdf(tot, NTRIAL, x - r.step - r.errBound) < q + d);
  }
  /* reach: P(total >= target) between the Monte Carlo shares at target
  ** +- the bound */
  {
    double target = tot[NTRIAL / 3], got = revops_range_reach(&r, target);
    double lo = 1 - ecdf(tot, NTRIAL, target + r.errBound), hi = 1 - ecdf(tot, NTRIAL, target - r.errBound - 1e-9);
    CHECK(got >= lo - 0.0025 && got <= hi + 0.0025);
  }
  revops_range_free(&r);
  free(tot);
}

static void test_range_hand(void) {
  /* Two deals of 100 and 200 at 0.5: totals 0, 100, 200, 300 each 1/4. */
  double amt[3] = {100, 200, 50}, pr[3] = {0.5, 0.5, 0};
  RevopsRange r;
  char zErr[REVOPS_ERRMSG_SIZE];
  CHECK(revops_range_build(amt, pr, 3, &r, zErr, sizeof(zErr)) == REVOPS_OK);
  CHECK_DBL(revops_range_quantile(&r, 0.25), 0, 0);
  CHECK_DBL(revops_range_quantile(&r, 0.26), 100, 0);
  CHECK_DBL(revops_range_quantile(&r, 0.5), 100, 0);
  CHECK_DBL(revops_range_quantile(&r, 1), 300, 0);
  CHECK_DBL(revops_range_reach(&r, 150), 0.5, 1e-15);
  CHECK_DBL(revops_range_reach(&r, 0), 1, 1e-15);
  CHECK_DBL(r.errBound, 0, 0);
  revops_range_free(&r);
  /* A certain deal shifts everything. */
  amt[2] = 1000;
  pr[2] = 1;
  CHECK(revops_range_build(amt, pr, 3, &r, zErr, sizeof(zErr)) == REVOPS_OK);
  CHECK_DBL(revops_range_quantile(&r, 0), 1000, 0);
  CHECK_DBL(revops_range_quantile(&r, 0.9), 1300, 0);
  revops_range_free(&r);
  /* No deals: the total is 0. */
  CHECK(revops_range_build(amt, pr, 0, &r, zErr, sizeof(zErr)) == REVOPS_OK);
  CHECK_DBL(revops_range_quantile(&r, 0.5), 0, 0);
  revops_range_free(&r);
}

static void test_bands_and_fit_errors(void) {
  double x[20];
  unsigned char y[20];
  RevopsLogit m;
  char zErr[REVOPS_ERRMSG_SIZE];
  int i;
  CHECK_STR(revops_win_band(0.70), "high");
  CHECK_STR(revops_win_band(0.6999), "medium");
  CHECK_STR(revops_win_band(0.40), "medium");
  CHECK_STR(revops_win_band(0.3999), "low");
  CHECK_DBL(revops_logit_prob(0), 0.5, 0);
  CHECK_DBL(revops_logit_prob(log(3.0)), 0.75, 1e-15);
  CHECK(revops_logit_prob(-800) >= 0 && revops_logit_prob(800) == 1);
  /* 16 positives and 4 negatives: too few negatives. */
  for (i = 0; i < 20; i++) {
    x[i] = i;
    y[i] = i >= 4;
  }
  CHECK(revops_logit_fit(x, y, 20, 1, 1.0, &m, zErr, sizeof(zErr)) == REVOPS_ERROR);
  CHECK_STR(zErr, "needs at least 5 rows of each label to fit, got 16 with label 1 and 4 with label 0");
  y[3] = 0; /* still 4 */
  y[4] = 0; /* 5 now */
  CHECK(revops_logit_fit(x, y, 20, 1, 1.0, &m, zErr, sizeof(zErr)) == REVOPS_OK);
  CHECK(m.converged && m.aFeat[0].coef > 0);
  CHECK(revops_logit_fit(x, y, 20, 1, 0.0, &m, zErr, sizeof(zErr)) == REVOPS_ERROR);
}

/* Out of memory is a status of its own (REVOPS_NOMEM), never told apart
** by its message: each allocation of a fit, a range and an AUC fails in
** turn, and each walk must also reach a clean result past the last one. */
static void test_nomem(void) {
  double x[20], amt[3] = {100, 200, 50}, pr[3] = {0.5, 0.5, 0.2}, auc;
  unsigned char y[20];
  RevopsLogit m;
  RevopsRange r;
  char zErr[REVOPS_ERRMSG_SIZE];
  int i, k, rc, nNomem = 0, nOk = 0;
  for (i = 0; i < 20; i++) {
    x[i] = i;
    y[i] = i % 3 == 0;
  }
  for (k = 1; k <= 30; k++) {
    check_alloc_fail = k;
    rc = revops_logit_fit(x, y, 20, 1, 1.0, &m, zErr, sizeof(zErr));
    check_alloc_fail = 0;
    if (rc == REVOPS_NOMEM) nNomem++;
    else if (rc == REVOPS_OK) nOk++;
    else CHECK_INT(rc, REVOPS_NOMEM);
  }
  CHECK(nNomem > 0 && nOk > 0);
  nNomem = nOk = 0;
  for (k = 1; k <= 30; k++) {
    check_alloc_fail = k;
    rc = revops_range_build(amt, pr, 3, &r, zErr, sizeof(zErr));
    check_alloc_fail = 0;
    if (rc == REVOPS_NOMEM) nNomem++;
    else if (rc == REVOPS_OK) nOk++, revops_range_free(&r);
    else CHECK_INT(rc, REVOPS_NOMEM);
  }
  CHECK(nNomem > 0 && nOk > 0);
  check_alloc_fail = 1;
  CHECK_INT(revops_auc(x, y, 20, &auc), REVOPS_NOMEM);
  check_alloc_fail = 0;
  CHECK_INT(revops_auc(x, y, 20, &auc), REVOPS_OK);
}

void test_learn(void) {
  test_nomem();
  test_bands_and_fit_errors();
  test_range_hand();
  test_monte_carlo();
}
