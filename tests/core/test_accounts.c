/* Account tiers, engagement, status, customer health, churn risk, NPS. */
#include "check.h"
#include "revops.h"

/* A health input with every argument known. */
static RevopsHealthInput health(double nps, double csat, double tickets, double sla,
                                double overdue, double days, double contact,
                                double sponsor, double qbr) {
  RevopsHealthInput in;
  memset(&in, 0, sizeof(in));
  in.nps = nps;
  in.csat = csat;
  in.openTickets = tickets;
  in.slaCompliance = sla;
  in.overdueInvoices = overdue;
  in.daysOverdue = days;
  in.daysSinceInteraction = contact;
  in.executiveSponsor = sponsor;
  in.qbrScheduled = qbr;
  return in;
}

static int health_score(RevopsHealthInput in) {
  RevopsScore s;
  char zErr[REVOPS_ERRMSG_SIZE];
  if (revops_customer_health(&in, &s, 1, zErr, sizeof(zErr)) != REVOPS_OK) return -1;
  return s.score;
}

static int churn_score(double h, double days, double usage, unsigned nullMask) {
  RevopsChurnInput in;
  RevopsScore s;
  char zErr[REVOPS_ERRMSG_SIZE];
  in.healthScore = h;
  in.daysToRenewal = days;
  in.usageChange = usage;
  in.nullMask = nullMask;
  if (revops_churn_risk(&in, &s, 0, zErr, sizeof(zErr)) != REVOPS_OK) return -1;
  return s.score;
}

void test_accounts(void) {
  RevopsHealthInput in;
  RevopsScore s;
  RevopsNps nps;
  char zErr[REVOPS_ERRMSG_SIZE];
  double v = -1;
  int i, total;

  /* seed 002 tiers, engagement (12 x 2 + 63 x 0.5 - 27 x 1.5 = 15) and
  ** status precedence. */
  /* Aging buckets at every boundary: 0 days past due is still current. */
  CHECK_STR(revops_aging_bucket(-400), "current");
  CHECK_STR(revops_aging_bucket(0), "current");
  CHECK_STR(revops_aging_bucket(1), "1-30");
  CHECK_STR(revops_aging_bucket(30), "1-30");
  CHECK_STR(revops_aging_bucket(31), "31-60");
  CHECK_STR(revops_aging_bucket(60), "31-60");
  CHECK_STR(revops_aging_bucket(61), "61-90");
  CHECK_STR(revops_aging_bucket(90), "61-90");
  CHECK_STR(revops_aging_bucket(91), "90+");
  CHECK_STR(revops_aging_bucket(INT64_MAX), "90+");

  CHECK_STR(revops_account_tier(100000.01), "Strategic");
  CHECK_STR(revops_account_tier(100000), "Growth");
  CHECK_STR(revops_account_tier(50000), "Growth");
  CHECK_STR(revops_account_tier(49999.99), "Developing");
  CHECK(revops_engagement_score(12, 63, 27) == 15);
  CHECK(revops_engagement_score(0, 63, 27) == -9);
  CHECK_STR(revops_account_status(10, 27), "KEY ACCOUNT");
  CHECK_STR(revops_account_status(5, 27), "HIGH VALUE");
  CHECK_STR(revops_account_status(4, 1), "AT RISK");
  CHECK_STR(revops_account_status(4, 0), "NEEDS ENGAGEMENT");
  CHECK(revops_check_count(3, "opportunities", zErr, sizeof(zErr)) == REVOPS_OK);
  CHECK(revops_check_count(2.5, "opportunities", zErr, sizeof(zErr)) == REVOPS_ERROR);
  CHECK_STR(zErr, "opportunities must be a whole number of at least 0, got 2.5");
  CHECK(revops_check_count(-1, "x", zErr, sizeof(zErr)) == REVOPS_ERROR);

  /* customer_health: the docs example, 16 + 8 + 10 + 4 + 20 + 8 = 66. */
  in = health(45, 4.2, 3, 0.92, 2, 45, 12, 1, 0);
  CHECK(revops_customer_health(&in, &s, 1, zErr, sizeof(zErr)) == REVOPS_OK);
  CHECK_INT(s.score, 66);
  CHECK_INT(s.nFactor, 6);
  for (i = 0, total = 0; i < s.nFactor; i++) total += s.aFactor[i].max;
  CHECK_INT(total, 100);
  CHECK_STR(s.aFactor[3].zName, "billing");
  CHECK_INT(s.aFactor[3].points, 4);
  CHECK_STR(s.aFactor[3].zReason, "2 overdue invoices, oldest 45 days overdue");
  CHECK_STR(s.aFactor[2].zReason, "3 open tickets, 92% within SLA");
  /* Without reasons: the same points, empty reason lines. */
  {
    RevopsScore s0;
    CHECK(revops_customer_health(&in, &s0, 0, zErr, sizeof(zErr)) == REVOPS_OK);
    CHECK_INT(s0.score, 66);
    for (i = 0; i < s0.nFactor; i++) {
      CHECK_INT(s0.aFactor[i].points, s.aFactor[i].points);
      CHECK_STR(s0.aFactor[i].zReason, "");
    }
  }
  CHECK_INT(health_score(health(60, 4.8, 0, 1, 0, 0, 5, 1, 1)), 100);
  CHECK_INT(health_score(health(-100, 1, 6, 0, 6, 120, 365, 0, 0)), 0);
  /* Everything NULL: 10 + 5 + 20 + 15 + 0 + 0. */
  in = health(0, 0, 0, 0, 0, 0, 0, 0, 0);
  in.nullMask = (1u << REVOPS_HEALTH_NARG) - 1;
  CHECK(revops_customer_health(&in, &s, 1, zErr, sizeof(zErr)) == REVOPS_OK);
  CHECK_INT(s.score, 50);
  CHECK_STR(s.aFactor[4].zReason, "no interaction recorded");
  /* Rules. */
  in = health(101, 4, 0, 1, 0, 0, 5, 1, 1);
  CHECK(revops_customer_health(&in, &s, 1, zErr, sizeof(zErr)) == REVOPS_ERROR);
  CHECK_STR(zErr, "nps must be a Net Promoter Score between -100 and 100, got 101");
  in = health(10, 4, 0, 95, 0, 0, 5, 1, 1);
  CHECK(revops_customer_health(&in, &s, 1, zErr, sizeof(zErr)) == REVOPS_ERROR);
  CHECK_STR(zErr, "sla_compliance must be between 0 and 1, got 95 (divide percentages by 100)");
  in = health(10, 4, 0, 1, 0, 0, 5, 1, 2);
  CHECK(revops_customer_health(&in, &s, 1, zErr, sizeof(zErr)) == REVOPS_ERROR);
  CHECK_STR(zErr, "qbr_scheduled must be 0 or 1 (false or true), got 2");
  in.nullMask = 1u << 8; /* a NULL flag is not checked */
  CHECK(revops_customer_health(&in, &s, 1, zErr, sizeof(zErr)) == REVOPS_OK);
  CHECK_STR(revops_customer_health_status(70), "Healthy");
  CHECK_STR(revops_customer_health_status(69.9), "At Risk");
  CHECK_STR(revops_customer_health_status(40), "At Risk");
  CHECK_STR(revops_customer_health_status(39.9), "Critical");

  /* churn_risk: (100 - 58) x 0.6 = 25.2 -> 25, 60 days 14, -20 % 10. */
  CHECK_INT(churn_score(58, 60, -0.2, 0), 49);
  CHECK_INT(churn_score(0, 10, -0.9, 0), 100);
  CHECK_INT(churn_score(100, 365, 0, 0), 0);
  CHECK_INT(churn_score(57.5, 365, 0, 0), 26); /* 25.5 rounds up */
  CHECK_INT(churn_score(0, 0, 0, 7), 50);      /* all NULL: 30 + 20 + 0 */
  CHECK_INT(churn_score(100, -1, 0, 0), 20);   /* lapsed renewal */
  CHECK_INT(churn_score(101, 0, 0, 0), -1);
  CHECK_INT(churn_score(50, 0, -1.5, 0), -1);
  CHECK_STR(revops_churn_risk_level(75), "Critical");
  CHECK_STR(revops_churn_risk_level(74.9), "High");
  CHECK_STR(revops_churn_risk_level(50), "High");
  CHECK_STR(revops_churn_risk_level(25), "Medium");
  CHECK_STR(revops_churn_risk_level(24.9), "Low");

  /* NPS: 10, 9, 8, 3 -> (2 - 1) / 4 x 100 = 25; drop the 3 -> 66.7. */
  memset(&nps, 0, sizeof(nps));
  CHECK(revops_nps(&nps, &v) == REVOPS_NULL && v == -1);
  revops_nps_step(&nps, 10, +1);
  revops_nps_step(&nps, 9, +1);
  revops_nps_step(&nps, 8, +1);
  revops_nps_step(&nps, 3, +1);
  CHECK(revops_nps(&nps, &v) == REVOPS_OK && v == 25);
  revops_nps_step(&nps, 3, -1);
  CHECK(revops_nps(&nps, &v) == REVOPS_OK && v == 200.0 / 3.0);
  revops_nps_step(&nps, 7, +1); /* 7 is a passive, 6 a detractor */
  revops_nps_step(&nps, 6, +1);
  CHECK(revops_nps(&nps, &v) == REVOPS_OK && v == 20);
}
