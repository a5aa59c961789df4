/* Attribution weights: model names, hand-computed weights, the rules on
** arguments, and the sum-to-1 property for every model and 1..50 touches. */
#include "check.h"
#include "revops.h"

static double weight(int eModel, double pos, double n, double k) {
  RevopsTouch t;
  double w = -1;
  char zErr[REVOPS_ERRMSG_SIZE];
  memset(&t, 0, sizeof(t));
  t.eModel = eModel;
  t.position = pos;
  t.touchCount = n;
  t.opportunityPosition = k;
  if (revops_attribution_weight(&t, &w, zErr, sizeof(zErr)) != REVOPS_OK) return -2;
  return w;
}

static int weight_err(const RevopsTouch *t, char *zErr) {
  double w;
  return revops_attribution_weight(t, &w, zErr, REVOPS_ERRMSG_SIZE);
}

void test_attribution(void) {
  char zErr[REVOPS_ERRMSG_SIZE];
  RevopsTouch t;
  double w;
  int m, n, k, i, bad = 0;

  CHECK_INT(revops_attribution_model("u_shaped", 8), REVOPS_ATTR_U_SHAPED);
  CHECK_INT(revops_attribution_model("time_decay", 10), REVOPS_ATTR_TIME_DECAY);
  CHECK_INT(revops_attribution_model("U_shaped", 8), -1);
  CHECK_INT(revops_attribution_model("u_shape", 7), -1);
  CHECK_STR(revops_attribution_model_name(REVOPS_ATTR_W_SHAPED), "w_shaped");
  CHECK(revops_attribution_model_name(REVOPS_ATTR_NMODEL) == 0);

  /* Half-life 7 days: 1, 0.5, 0.25, 0.125. */
  CHECK(revops_attribution_decay(0) == 1);
  CHECK(revops_attribution_decay(7) == 0.5);
  CHECK(revops_attribution_decay(14) == 0.25);
  CHECK(revops_attribution_decay(21) == 0.125);

  /* By hand (docs/attribution.md). */
  CHECK(weight(REVOPS_ATTR_U_SHAPED, 1, 3, 0) == 0.4);
  CHECK(weight(REVOPS_ATTR_U_SHAPED, 2, 3, 0) == 0.2);
  CHECK(weight(REVOPS_ATTR_U_SHAPED, 2, 2, 0) == 0.5);
  CHECK(weight(REVOPS_ATTR_W_SHAPED, 3, 5, 3) == 0.3);
  CHECK(weight(REVOPS_ATTR_W_SHAPED, 2, 5, 3) == 0.05);
  CHECK(weight(REVOPS_ATTR_W_SHAPED, 2, 3, 2) == 1.0 / 3.0);
  CHECK(weight(REVOPS_ATTR_W_SHAPED, 2, 4, 4) == 0.1); /* the U: 0.2 / 2 */
  CHECK(weight(REVOPS_ATTR_W_SHAPED, 1, 2, 2) == 0.5);
  CHECK(weight(REVOPS_ATTR_LINEAR, 3, 8, 0) == 0.125);
  CHECK(weight(REVOPS_ATTR_FIRST_TOUCH, 1, 8, 0) == 1);
  CHECK(weight(REVOPS_ATTR_LAST_TOUCH, 7, 8, 0) == 0);

  /* Rules. */
  memset(&t, 0, sizeof(t));
  t.eModel = REVOPS_ATTR_LINEAR;
  t.position = 4;
  t.touchCount = 3;
  CHECK(weight_err(&t, zErr) == REVOPS_ERROR);
  CHECK_STR(zErr, "position must be at most touch_count (3), got 4");
  t.position = 1;
  t.touchCount = 2.5;
  CHECK(weight_err(&t, zErr) == REVOPS_ERROR);
  CHECK_STR(zErr, "touch_count must be a whole number of at least 1, got 2.5");
  t.touchCount = 5;
  t.eModel = REVOPS_ATTR_W_SHAPED;
  t.opportunityPosition = 6;
  CHECK(weight_err(&t, zErr) == REVOPS_ERROR);
  CHECK_STR(zErr, "opportunity_position must be a whole number between 1 and touch_count (5), got 6");
  t.eModel = REVOPS_ATTR_TIME_DECAY;
  t.daysBeforeConversion = 7;
  t.decayTotal = 0.25; /* below its own 0.5 */
  CHECK(weight_err(&t, zErr) == REVOPS_ERROR);
  t.decayTotal = 0.5;
  CHECK(revops_attribution_weight(&t, &w, zErr, sizeof(zErr)) == REVOPS_OK && w == 1);
  t.daysBeforeConversion = 1e6; /* decays to 0 */
  t.decayTotal = 0;
  CHECK(revops_attribution_weight(&t, &w, zErr, sizeof(zErr)) == REVOPS_NULL);
  t.eModel = 99;
  CHECK(weight_err(&t, zErr) == REVOPS_ERROR);

  /* Property (SPEC): for every model and 1..50 touches, the weights of one
  ** conversion sum to 1 within 1e-12; w_shaped for every opportunity
  ** position, time_decay for seeded random days. */
  {
    unsigned long long seed = 6;
    for (m = 0; m < REVOPS_ATTR_NMODEL; m++) {
      for (n = 1; n <= 50; n++) {
        int nk = m == REVOPS_ATTR_W_SHAPED ? n : 1;
        for (k = 1; k <= nk; k++) {
          double days[50], total = 0, sum = 0;
          for (i = 0; i < n; i++) {
            days[i] = check_rand_int(&seed, 0, 2000) / 10.0; /* 0..200 days */
            total += revops_attribution_decay(days[i]);
          }
          for (i = 1; i <= n; i++) {
            memset(&t, 0, sizeof(t));
            t.eModel = m;
            t.position = i;
            t.touchCount = n;
            t.opportunityPosition = k;
            t.daysBeforeConversion = days[i - 1];
            t.decayTotal = total;
            if (revops_attribution_weight(&t, &w, zErr, sizeof(zErr)) != REVOPS_OK || w < 0 ||
                w > 1) {
              bad++;
              continue;
            }
            sum += w;
          }
          if (fabs(sum - 1) > 1e-12) {
            if (bad++ < 3) printf("FAIL model %d, %d touches, k %d: sum %.17g\n", m, n, k, sum);
          }
        }
      }
    }
    CHECK_INT(bad, 0);
  }
}
