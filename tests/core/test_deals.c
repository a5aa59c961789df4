/* Deal health: every band boundary of SPEC section 3, by hand. */
#include "check.h"
#include "revops.h"

#define NUL 1e300 /* marker: this argument is SQL NULL */

/* Score one factor: the points of factor iFactor for these arguments. */
static int factor(int iFactor, double a, double b, double c, double d,
                  double e, double f, double g) {
  double v[7] = {a, b, c, d, e, f, g};
  RevopsDealInput in;
  RevopsDealHealth h;
  char zErr[REVOPS_ERRMSG_SIZE];
  int i;
  memset(&in, 0, sizeof(in));
  for (i = 0; i < 7; i++) {
    if (v[i] == NUL) in.nullMask |= 1u << i;
  }
  in.daysInStage = v[0];
  in.expectedStageDays = v[1];
  in.daysSinceActivity = v[2];
  in.contactsEngaged = v[3];
  in.daysToClose = v[4];
  in.closeDatePushes = v[5];
  in.amountChange = v[6];
  if (revops_deal_health(&in, &h, zErr, sizeof(zErr)) != REVOPS_OK) return -1;
  return iFactor < 0 ? h.score : h.aFactor[iFactor].points;
}

static const char *error_of(double a, double b, double c, double d, double e,
                            double f, double g) {
  static char zErr[REVOPS_ERRMSG_SIZE];
  RevopsDealInput in = {a, b, c, d, e, f, g, 0};
  RevopsDealHealth h;
  zErr[0] = 0;
  if (revops_deal_health(&in, &h, zErr, sizeof(zErr)) == REVOPS_OK) return "(no error)";
  return zErr;
}

void test_deals(void) {
  RevopsDealInput in;
  RevopsDealHealth h;
  char zErr[REVOPS_ERRMSG_SIZE];

  /* Totals: everything best = 25+25+20+15+15; everything NULL =
  ** 12 (stage neutral) + 0 + 0 + 0 + 15 (amount unknown). */
  CHECK_INT(factor(-1, 5, 10, 1, 5, 30, 0, 0.05), 100);
  CHECK_INT(factor(-1, NUL, NUL, NUL, NUL, NUL, NUL, NUL), 27);

  /* Stage velocity, r = days / expected. */
  CHECK_INT(factor(0, 10, 10, 0, 0, 0, 0, 0), 25);  /* r = 1 */
  CHECK_INT(factor(0, 15, 10, 0, 0, 0, 0, 0), 18);  /* r = 1.5 */
  CHECK_INT(factor(0, 15.1, 10, 0, 0, 0, 0, 0), 10);
  CHECK_INT(factor(0, 20, 10, 0, 0, 0, 0, 0), 10);  /* r = 2 */
  CHECK_INT(factor(0, 21, 10, 0, 0, 0, 0, 0), 5);
  CHECK_INT(factor(0, 30, 10, 0, 0, 0, 0, 0), 5);   /* r = 3 */
  CHECK_INT(factor(0, 31, 10, 0, 0, 0, 0, 0), 0);
  CHECK_INT(factor(0, 5, 0, 0, 0, 0, 0, 0), 12);    /* expected 0 */
  CHECK_INT(factor(0, NUL, 10, 0, 0, 0, 0, 0), 12);
  CHECK_INT(factor(0, 5, NUL, 0, 0, 0, 0, 0), 12);

  /* Activity recency. */
  CHECK_INT(factor(1, 0, 0, 3, 0, 0, 0, 0), 25);
  CHECK_INT(factor(1, 0, 0, 3.5, 0, 0, 0, 0), 20);
  CHECK_INT(factor(1, 0, 0, 7, 0, 0, 0, 0), 20);
  CHECK_INT(factor(1, 0, 0, 8, 0, 0, 0, 0), 12);
  CHECK_INT(factor(1, 0, 0, 14, 0, 0, 0, 0), 12);
  CHECK_INT(factor(1, 0, 0, 15, 0, 0, 0, 0), 5);
  CHECK_INT(factor(1, 0, 0, 21, 0, 0, 0, 0), 5);
  CHECK_INT(factor(1, 0, 0, 22, 0, 0, 0, 0), 0);
  CHECK_INT(factor(1, 0, 0, NUL, 0, 0, 0, 0), 0);

  /* Multi-threading. */
  CHECK_INT(factor(2, 0, 0, 0, 9, 0, 0, 0), 20);
  CHECK_INT(factor(2, 0, 0, 0, 5, 0, 0, 0), 20);
  CHECK_INT(factor(2, 0, 0, 0, 4, 0, 0, 0), 17);
  CHECK_INT(factor(2, 0, 0, 0, 3, 0, 0, 0), 14);
  CHECK_INT(factor(2, 0, 0, 0, 2, 0, 0, 0), 10);
  CHECK_INT(factor(2, 0, 0, 0, 1, 0, 0, 0), 4);
  CHECK_INT(factor(2, 0, 0, 0, 0, 0, 0, 0), 0);
  CHECK_INT(factor(2, 0, 0, 0, NUL, 0, 0, 0), 0);

  /* Close date. */
  CHECK_INT(factor(3, 0, 0, 0, 0, 0, 0, 0), 15);
  CHECK_INT(factor(3, 0, 0, 0, 0, 10, 1, 0), 10);
  CHECK_INT(factor(3, 0, 0, 0, 0, 10, 2, 0), 5);
  CHECK_INT(factor(3, 0, 0, 0, 0, 10, 3, 0), 0);
  CHECK_INT(factor(3, 0, 0, 0, 0, 10, NUL, 0), 15);
  CHECK_INT(factor(3, 0, 0, 0, 0, -1, 0, 0), 0);
  CHECK_INT(factor(3, 0, 0, 0, 0, NUL, 0, 0), 0);

  /* Amount change. */
  CHECK_INT(factor(4, 0, 0, 0, 0, 0, 0, 0), 15);
  CHECK_INT(factor(4, 0, 0, 0, 0, 0, 0, 0.2), 15);
  CHECK_INT(factor(4, 0, 0, 0, 0, 0, 0, -0.05), 10);
  CHECK_INT(factor(4, 0, 0, 0, 0, 0, 0, -0.10), 10);
  CHECK_INT(factor(4, 0, 0, 0, 0, 0, 0, (45.0 - 50.0) / 50.0), 10); /* -10% computed */
  CHECK_INT(factor(4, 0, 0, 0, 0, 0, 0, -0.11), 5);
  CHECK_INT(factor(4, 0, 0, 0, 0, 0, 0, -0.25), 5);
  CHECK_INT(factor(4, 0, 0, 0, 0, 0, 0, -0.26), 0);
  CHECK_INT(factor(4, 0, 0, 0, 0, 0, 0, -1), 0);
  CHECK_INT(factor(4, 0, 0, 0, 0, 0, 0, NUL), 15);

  /* Rules on arguments. */
  CHECK_STR(error_of(-1, 10, 0, 0, 0, 0, 0), "days_in_stage must not be negative, got -1");
  CHECK_STR(error_of(1, -10, 0, 0, 0, 0, 0), "expected_stage_days must not be negative, got -10");
  CHECK_STR(error_of(1, 10, -2, 0, 0, 0, 0), "days_since_activity must not be negative, got -2");
  CHECK_STR(error_of(1, 10, 0, -1, 0, 0, 0), "contacts_engaged must not be negative, got -1");
  CHECK_STR(error_of(1, 10, 0, 2.5, 0, 0, 0), "contacts_engaged must be a whole number, got 2.5");
  CHECK_STR(error_of(1, 10, 0, 2, 0, -1, 0), "close_date_pushes must not be negative, got -1");
  CHECK_STR(error_of(1, 10, 0, 2, 0, 1.5, 0), "close_date_pushes must be a whole number, got 1.5");
  CHECK_STR(error_of(1, 10, 0, 2, -30, 1, 0), "(no error)");
  CHECK_STR(error_of(1, 10, 0, 2, 0, 1, -10),
            "amount_change must be a fraction of at least -1, got -10 (it is (current - original) / original; divide percentages by 100)");

  /* Flags and reasons. */
  memset(&in, 0, sizeof(in));
  in.daysInStage = 30;
  in.expectedStageDays = 20;
  in.daysSinceActivity = 14;
  in.contactsEngaged = 1;
  in.daysToClose = -3;
  in.closeDatePushes = 2;
  in.amountChange = -0.2;
  CHECK(revops_deal_health(&in, &h, zErr, sizeof(zErr)) == REVOPS_OK);
  /* 18 (r = 1.5) + 12 + 4 + 0 + 5 */
  CHECK_INT(h.score, 39);
  CHECK_INT(h.flags, REVOPS_DEAL_FLAG_STALE | REVOPS_DEAL_FLAG_PAST_CLOSE |
                         REVOPS_DEAL_FLAG_SINGLE_THREADED | REVOPS_DEAL_FLAG_SLIPPING);
  CHECK_STR(h.aFactor[0].zReason, "");
  revops_deal_health_reasons(&in, &h);
  CHECK_STR(h.aFactor[0].zReason, "30 days in stage, 20 expected (150% of expected)");
  CHECK_STR(h.aFactor[1].zReason, "last activity 14 days ago");
  CHECK_STR(h.aFactor[2].zReason, "1 contacts engaged");
  CHECK_STR(h.aFactor[3].zReason, "close date passed 3 days ago");
  CHECK_STR(h.aFactor[4].zReason, "amount down 20% since created");
  in.daysSinceActivity = 13;
  in.contactsEngaged = 2;
  in.daysToClose = 0;
  in.closeDatePushes = 1;
  CHECK(revops_deal_health(&in, &h, zErr, sizeof(zErr)) == REVOPS_OK);
  CHECK_INT(h.flags, 0);

  CHECK_STR(revops_deal_health_status(100), "Healthy");
  CHECK_STR(revops_deal_health_status(80), "Healthy");
  CHECK_STR(revops_deal_health_status(79), "Monitor");
  CHECK_STR(revops_deal_health_status(60), "Monitor");
  CHECK_STR(revops_deal_health_status(59), "At Risk");
  CHECK_STR(revops_deal_health_status(40), "At Risk");
  CHECK_STR(revops_deal_health_status(39), "Critical");
  CHECK_STR(revops_deal_health_status(0), "Critical");
}
