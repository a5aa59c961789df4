/*
** accounts.c — account tiers, engagement and status (seed 002 "Revenue
** Focus"), customer health and churn risk (seed 004 per-customer metrics,
** seed 001 churn levels), Net Promoter Score.
**
** customer_health and churn_risk are point systems in the style of
** deal_health (SPEC section 3): each factor has a maximum, bands, and its
** own rule for a NULL input, and the points add up to 0..100.  Why each
** weight is what it is: docs/accounts.md.
*/
#include <math.h>
#include <string.h>

#include "internal.h"
#include "args.h"

/* seed 002 "Customer Segmentation by Revenue": Strategic > $100K, Growth
** $50K-$100K (both ends included), Developing < $50K. */
const char *revops_account_tier(double annualValue) {
  if (annualValue > 100000) return "Strategic";
  if (annualValue >= 50000) return "Growth";
  return "Developing";
}

/* Receivables aging (seed 004's billing view: overdue invoices and days
** overdue), in the buckets accounts-receivable reports use: not yet due,
** then 1-30, 31-60, 61-90 and more than 90 days past the due date. */
const char *revops_aging_bucket(int64_t daysPastDue) {
  if (daysPastDue <= 0) return "current";
  if (daysPastDue <= 30) return "1-30";
  if (daysPastDue <= 60) return "31-60";
  if (daysPastDue <= 90) return "61-90";
  return "90+";
}

/* seed 002 "Engagement Score": opportunities x 2 (growth potential),
** installed products x 0.5 (relationship depth), expired products x -1.5
** (risk penalty).  Every term is a multiple of 0.5, so the sum is exact. */
double revops_engagement_score(double opportunities, double installed,
                               double expired) {
  return opportunities * 2 + installed * 0.5 - expired * 1.5;
}

/* seed 002 status column, in the order the seed lists it; the first rule
** that matches wins, so a key account with expired products is still a
** key account (its expired products show in engagement_score). */
const char *revops_account_status(double opportunities, double expired) {
  if (opportunities >= 10) return "KEY ACCOUNT";
  if (opportunities >= 5) return "HIGH VALUE";
  if (expired > 0) return "AT RISK";
  return "NEEDS ENGAGEMENT";
}

int revops_check_count(double v, const char *zArg, char *zErr, size_t nErr) {
  char a[40];
  if (isfinite(v) && v >= 0 && v == floor(v)) return REVOPS_OK;
  revops_fmt_num(a, sizeof(a), v);
  revops_errf(zErr, nErr, "%s must be a whole number of at least 0, got %s", zArg, a);
  return REVOPS_ERROR;
}

/* ------------------------------------------------------ customer health */

enum {
  H_NPS, H_CSAT, H_OPEN_TICKETS, H_SLA, H_OVERDUE_INVOICES, H_DAYS_OVERDUE,
  H_DAYS_SINCE_INTERACTION, H_EXEC_SPONSOR, H_QBR
};
/* The argument names, as the bindings read them (specs.c). */
#define HEALTH_ARG(i) (revops_spec_customer_health.aArg[i].zName)
#define IS_NULL(p, i) (((p)->nullMask >> (i)) & 1u)

static void factor(RevopsScore *s, const char *zName, int points, int max) {
  RevopsFactor *f = &s->aFactor[s->nFactor++];
  f->zName = zName;
  f->points = points;
  f->max = max;
  f->zReason[0] = 0;
}

/* The last factor added. */
#define LAST(s) (&(s)->aFactor[(s)->nFactor - 1])
/* Its reason line, formatted only when the caller wants reasons: the
** score alone skips the number formatting, which was three quarters of
** the cost of a call (bench/bench_library.sh: 1.00 s -> 0.26 s for a
** million customers). */
#define REASON(...)                                                     \
  do {                                                                  \
    if (wantReasons) {                                                  \
      revops_errf(LAST(s)->zReason, sizeof(LAST(s)->zReason), __VA_ARGS__); \
    }                                                                   \
  } while (0)

static int health_check(const RevopsHealthInput *p, char *zErr, size_t nErr) {
  const double aVal[REVOPS_HEALTH_NARG] = {
      p->nps, p->csat, p->openTickets, p->slaCompliance, p->overdueInvoices,
      p->daysOverdue, p->daysSinceInteraction, p->executiveSponsor, p->qbrScheduled};
  char a[40];
  int i;
  for (i = 0; i < REVOPS_HEALTH_NARG; i++) {
    double v = aVal[i];
    const char *zRule = 0, *zHint = "";
    if (IS_NULL(p, i)) continue;
    switch (i) {
      case H_NPS:
        if (!(v >= -100 && v <= 100)) {
          zRule = "must be a Net Promoter Score between -100 and 100";
        }
        break;
      case H_CSAT:
        if (!(v >= 1 && v <= 5)) zRule = "must be a CSAT rating between 1 and 5";
        break;
      case H_SLA:
        if (!(v >= 0 && v <= 1)) {
          zRule = "must be between 0 and 1";
          if (v > 1 && v <= 100) zHint = " (divide percentages by 100)";
        }
        break;
      case H_OPEN_TICKETS:
      case H_OVERDUE_INVOICES:
        if (revops_check_count(v, HEALTH_ARG(i), zErr, nErr) != REVOPS_OK) return REVOPS_ERROR;
        break;
      case H_DAYS_OVERDUE:
      case H_DAYS_SINCE_INTERACTION:
        if (!(v >= 0)) zRule = "must not be negative";
        break;
      default: /* executive_sponsor, qbr_scheduled */
        if (v != 0 && v != 1) zRule = "must be 0 or 1 (false or true)";
        break;
    }
    if (zRule) {
      revops_fmt_num(a, sizeof(a), v);
      revops_errf(zErr, nErr, "%s %s, got %s%s", HEALTH_ARG(i), zRule, a, zHint);
      return REVOPS_ERROR;
    }
  }
  return REVOPS_OK;
}

/* A number for a reason line (locale-proof, see buf.c). */
static const char *num(char *z, double v) {
  revops_fmt_num(z, 40, v);
  return z;
}

int revops_customer_health(const RevopsHealthInput *p, RevopsScore *s, int wantReasons,
                           char *zErr, size_t nErr) {
  char a[40], b[40];
  double v;
  int pts, tickets, sla, i;
  if (health_check(p, zErr, nErr) != REVOPS_OK) return REVOPS_ERROR;
  memset(s, 0, sizeof(*s));

  /* NPS, 20 points: the customer's own statement of loyalty, the best
  ** single predictor of renewal among seed 004's metrics.  Bands follow
  ** the usual reading of NPS: above 50 excellent, above 30 good for B2B
  ** software, 0 as many promoters as detractors.  No survey answer is
  ** scored as a neutral NPS (0..29). */
  if (IS_NULL(p, H_NPS)) {
    factor(s, "nps", 10, 20);
    REASON("no NPS answer: scored as neutral");
  } else {
    v = p->nps;
    pts = v >= 50 ? 20 : v >= 30 ? 16 : v >= 0 ? 10 : v >= -30 ? 4 : 0;
    factor(s, "nps", pts, 20);
    REASON("NPS %s", num(a, v));
  }

  /* CSAT, 10 points: satisfaction with support interactions (seed 004's
  ** 1-5 scale); half the weight of NPS because it rates tickets, not the
  ** relationship.  4 of 5 is the usual "satisfied" line. */
  if (IS_NULL(p, H_CSAT)) {
    factor(s, "csat", 5, 10);
    REASON("no CSAT rating: scored as neutral");
  } else {
    v = p->csat;
    pts = v >= 4.5 ? 10 : v >= 4 ? 8 : v >= 3.5 ? 5 : v >= 3 ? 2 : 0;
    factor(s, "csat", pts, 10);
    REASON("CSAT %s of 5", num(a, v));
  }

  /* Support, 20 points: 10 for the open-ticket backlog, 10 for SLA
  ** compliance (seed 004 operations and service views).  NULL tickets is
  ** none; a NULL SLA compliance means no ticket had an SLA to miss. */
  v = IS_NULL(p, H_OPEN_TICKETS) ? 0 : p->openTickets;
  tickets = v == 0 ? 10 : v <= 2 ? 7 : v <= 5 ? 3 : 0;
  if (IS_NULL(p, H_SLA)) {
    sla = 10;
    if (wantReasons) revops_errf(b, sizeof(b), "no SLA measured");
  } else {
    sla = p->slaCompliance >= 0.95 ? 10 : p->slaCompliance >= 0.90 ? 7
          : p->slaCompliance >= 0.80 ? 3 : 0;
    if (wantReasons) {
      revops_errf(b, sizeof(b), "%s%% within SLA", num(a, floor(p->slaCompliance * 100 + 0.5)));
    }
  }
  factor(s, "support", tickets + sla, 20);
  REASON("%s open ticket%s, %s",
              num(a, v), v == 1 ? "" : "s", b);

  /* Billing, 15 points (seed 004 billing view): nothing overdue scores
  ** 15; otherwise by the age of the oldest overdue invoice (10 / 6 / 3 / 0
  ** for up to 30 / 60 / 90 / more days; unknown age as 31-60), minus 2
  ** for each overdue invoice after the first: several unpaid invoices are
  ** a pattern, not a slip.  days_overdue is ignored when nothing is
  ** overdue. */
  v = IS_NULL(p, H_OVERDUE_INVOICES) ? 0 : p->overdueInvoices;
  if (v == 0) {
    factor(s, "billing", 15, 15);
    REASON("no overdue invoice");
  } else {
    double d = p->daysOverdue;
    if (IS_NULL(p, H_DAYS_OVERDUE)) pts = 6;
    else pts = d <= 30 ? 10 : d <= 60 ? 6 : d <= 90 ? 3 : 0;
    pts -= v >= 6 ? 10 : 2 * ((int)v - 1);
    if (pts < 0) pts = 0;
    factor(s, "billing", pts, 15);
    if (IS_NULL(p, H_DAYS_OVERDUE)) {
      REASON(
                  "%s overdue invoice%s, age unknown", num(a, v), v == 1 ? "" : "s");
    } else {
      REASON(
                  "%s overdue invoice%s, oldest %s days overdue", num(a, v), v == 1 ? "" : "s",
                  num(b, d));
    }
  }

  /* Engagement, 20 points: days since the last interaction (seed 004
  ** account view).  Within two weeks is current (seed 001/003 call a deal
  ** stale after 14 days), a month is the usual account cadence, a quarter
  ** without contact is silence.  Never is 0. */
  if (IS_NULL(p, H_DAYS_SINCE_INTERACTION)) {
    factor(s, "engagement", 0, 20);
    REASON("no interaction recorded");
  } else {
    v = p->daysSinceInteraction;
    pts = v <= 14 ? 20 : v <= 30 ? 15 : v <= 60 ? 8 : v <= 90 ? 3 : 0;
    factor(s, "engagement", pts, 20);
    REASON("last interaction %s days ago",
                num(a, v));
  }

  /* Relationship, 15 points: an engaged executive sponsor (8) and a
  ** scheduled QBR (7), seed 004's account-management engagement metrics;
  ** seed 003 names the sponsor call as the churn intervention.  NULL is
  ** no. */
  {
    int sponsor = !IS_NULL(p, H_EXEC_SPONSOR) && p->executiveSponsor == 1;
    int qbr = !IS_NULL(p, H_QBR) && p->qbrScheduled == 1;
    factor(s, "relationship", (sponsor ? 8 : 0) + (qbr ? 7 : 0), 15);
    REASON("%s, %s",
                sponsor ? "executive sponsor engaged" : "no executive sponsor engaged",
                qbr ? "QBR scheduled" : "no QBR scheduled");
  }

  for (i = 0; i < s->nFactor; i++) s->score += s->aFactor[i].points;
  return REVOPS_OK;
}

const char *revops_customer_health_status(double score) {
  if (score >= 70) return "Healthy";
  if (score >= 40) return "At Risk";
  return "Critical";
}

/* ----------------------------------------------------------- churn risk */

enum { C_HEALTH, C_DAYS_TO_RENEWAL, C_USAGE_CHANGE };

int revops_churn_risk(const RevopsChurnInput *p, RevopsScore *s, int wantReasons,
                      char *zErr, size_t nErr) {
  char a[40];
  double v;
  int pts, i;
  if (!IS_NULL(p, C_HEALTH) && !(p->healthScore >= 0 && p->healthScore <= 100)) {
    revops_errf(zErr, nErr, "health_score must be between 0 and 100, got %s",
                num(a, p->healthScore));
    return REVOPS_ERROR;
  }
  if (!IS_NULL(p, C_DAYS_TO_RENEWAL) && !isfinite(p->daysToRenewal)) {
    revops_errf(zErr, nErr, "days_to_renewal must be a finite number");
    return REVOPS_ERROR;
  }
  if (!IS_NULL(p, C_USAGE_CHANGE) && !(p->usageChange >= -1)) {
    revops_errf(zErr, nErr,
                "usage_change must be a fraction of at least -1, got %s "
                "(it is (current - prior) / prior; divide percentages by 100)",
                num(a, p->usageChange));
    return REVOPS_ERROR;
  }
  memset(s, 0, sizeof(*s));

  /* Health, 60 points: the state of the relationship is most of the risk.
  ** 0.6 point per point of health below 100, rounded half up. */
  if (IS_NULL(p, C_HEALTH)) {
    factor(s, "health", 30, 60);
    REASON("health unknown: scored as 50");
  } else {
    v = p->healthScore;
    pts = (int)floor((100 - v) * 3 / 5 + 0.5);
    factor(s, "health", pts, 60);
    REASON("customer health %s of 100",
                num(a, v));
  }

  /* Renewal, 20 points: how soon the customer can leave.  seed 003 sends
  ** renewal reminders at 90/60/30 days and seed 004 alerts on contracts
  ** ending within 90 days.  No renewal date is a contract that can end any
  ** month (month-to-month), scored as the nearest; a date in the past is a
  ** lapsed contract. */
  if (IS_NULL(p, C_DAYS_TO_RENEWAL)) {
    factor(s, "renewal", 20, 20);
    REASON(
                "no renewal date: can leave in any month");
  } else {
    v = p->daysToRenewal;
    pts = v <= 30 ? 20 : v <= 90 ? 14 : v <= 180 ? 7 : 0;
    factor(s, "renewal", pts, 20);
    if (v < 0) {
      REASON("renewal date passed %s days ago",
                  num(a, -v));
    } else {
      REASON("renews in %s days", num(a, v));
    }
  }

  /* Usage, 20 points: seed 003 "Decreasing product usage predicts churn in
  ** 60-90 days".  usage_change = (current - prior) / prior.  No usage data
  ** is no evidence of decline. */
  if (IS_NULL(p, C_USAGE_CHANGE)) {
    factor(s, "usage", 0, 20);
    REASON("no usage data");
  } else {
    v = p->usageChange;
    pts = v >= 0 ? 0 : v >= -0.10 ? 5 : v >= -0.25 ? 10 : v >= -0.50 ? 15 : 20;
    factor(s, "usage", pts, 20);
    REASON("usage %s %s%%",
                v < 0 ? "down" : "up", num(a, floor(fabs(v) * 100 + 0.5)));
  }

  for (i = 0; i < s->nFactor; i++) s->score += s->aFactor[i].points;
  return REVOPS_OK;
}

/* seed 001 "Churn Predictions": Critical (escalate within 24 hours), High
** (QBR within a week), Medium (proactive outreach), Low. */
const char *revops_churn_risk_level(double score) {
  if (score >= 75) return "Critical";
  if (score >= 50) return "High";
  if (score >= 25) return "Medium";
  return "Low";
}

/* ------------------------------------------------------------------ NPS */

/* Net Promoter Score: % promoters (9-10) - % detractors (0-6) of the
** answers to "how likely are you to recommend us, 0-10". */
void revops_nps_step(RevopsNps *s, int answer, int dir) {
  s->nAnswer += dir;
  if (answer >= 9) s->nPromoter += dir;
  else if (answer <= 6) s->nDetractor += dir;
}

void revops_nps_merge(RevopsNps *s, const RevopsNps *other) {
  s->nAnswer += other->nAnswer;
  s->nPromoter += other->nPromoter;
  s->nDetractor += other->nDetractor;
}

int revops_nps(const RevopsNps *s, double *pOut) {
  if (s->nAnswer <= 0) return REVOPS_NULL;
  *pOut = (double)(s->nPromoter - s->nDetractor) * 100.0 / (double)s->nAnswer;
  return REVOPS_OK;
}

/* customer_health_factors' and churn_risk_factors' document
** (docs/accounts.md), for every binding. */
void revops_score_json(RevopsBuf *b, const RevopsScore *s, const char *zLabel,
                       const char *zBand) {
  int i;
  revops_buf_str(b, "{\"score\":");
  revops_buf_int(b, s->score);
  revops_buf_str(b, ",\"");
  revops_buf_str(b, zLabel);
  revops_buf_str(b, "\":");
  revops_buf_json_string(b, zBand, strlen(zBand));
  revops_buf_str(b, ",\"factors\":{");
  for (i = 0; i < s->nFactor; i++) {
    const RevopsFactor *f = &s->aFactor[i];
    if (i) revops_buf_str(b, ",");
    revops_buf_factor(b, f->zName, f->points, f->max, f->zReason);
  }
  revops_buf_str(b, "}}");
}
