/*
** deals.c — deal health (seed 001), scored as SPEC section 3 fixes it.
**
** Five factors, 100 points: stage velocity 25, activity recency 25,
** multi-threading 20, close date 15, amount 15.  Each factor has its own
** NULL rule; the score itself is never NULL.
*/
#include <math.h>
#include <string.h>

#include "internal.h"

/* Argument positions, as in SQL. */
enum {
  DEAL_DAYS_IN_STAGE, DEAL_EXPECTED_DAYS, DEAL_DAYS_SINCE_ACTIVITY,
  DEAL_CONTACTS, DEAL_DAYS_TO_CLOSE, DEAL_PUSHES, DEAL_AMOUNT_CHANGE
};
#define DEAL_IS_NULL(p, i) (((p)->nullMask >> (i)) & 1u)

static const char *const azDealArg[] = {
    "days_in_stage", "expected_stage_days", "days_since_activity",
    "contacts_engaged", "days_to_close", "close_date_pushes", "amount_change"};

static void deal_factor(RevopsDealFactor *f, const char *zName, int points,
                        int max) {
  f->zName = zName;
  f->points = points;
  f->max = max;
  f->zReason[0] = 0;
}

/* Reasons are only for the explainer (deal_health_factors): deal_health
** itself is called per row on millions of deals and must not format
** text.  Numbers go through revops_fmt_num (locale, see buf.c). */
void revops_deal_health_reasons(const RevopsDealInput *p, RevopsDealHealth *h) {
  char a[40], b[40], c[40];
  RevopsDealFactor *f = h->aFactor;
  if (DEAL_IS_NULL(p, DEAL_DAYS_IN_STAGE) || DEAL_IS_NULL(p, DEAL_EXPECTED_DAYS)) {
    revops_errf(f[0].zReason, sizeof(f[0].zReason),
                "days in stage or expected days unknown: neutral score");
  } else if (p->expectedStageDays == 0) {
    revops_errf(f[0].zReason, sizeof(f[0].zReason),
                "no expected days for this stage: neutral score");
  } else {
    revops_fmt_num(a, sizeof(a), p->daysInStage);
    revops_fmt_num(b, sizeof(b), p->expectedStageDays);
    revops_fmt_num(c, sizeof(c),
                   floor(p->daysInStage / p->expectedStageDays * 100 + 0.5));
    revops_errf(f[0].zReason, sizeof(f[0].zReason),
                "%s days in stage, %s expected (%s%% of expected)", a, b, c);
  }
  if (DEAL_IS_NULL(p, DEAL_DAYS_SINCE_ACTIVITY)) {
    revops_errf(f[1].zReason, sizeof(f[1].zReason), "no activity recorded");
  } else {
    revops_fmt_num(a, sizeof(a), p->daysSinceActivity);
    revops_errf(f[1].zReason, sizeof(f[1].zReason), "last activity %s days ago", a);
  }
  revops_fmt_num(a, sizeof(a), DEAL_IS_NULL(p, DEAL_CONTACTS) ? 0 : p->contactsEngaged);
  revops_errf(f[2].zReason, sizeof(f[2].zReason), "%s contacts engaged", a);
  if (DEAL_IS_NULL(p, DEAL_DAYS_TO_CLOSE)) {
    revops_errf(f[3].zReason, sizeof(f[3].zReason), "no close date");
  } else if (p->daysToClose < 0) {
    revops_fmt_num(a, sizeof(a), -p->daysToClose);
    revops_errf(f[3].zReason, sizeof(f[3].zReason), "close date passed %s days ago", a);
  } else {
    revops_fmt_num(a, sizeof(a), p->daysToClose);
    revops_fmt_num(b, sizeof(b), DEAL_IS_NULL(p, DEAL_PUSHES) ? 0 : p->closeDatePushes);
    revops_errf(f[3].zReason, sizeof(f[3].zReason),
                "closes in %s days, close date pushed %s times", a, b);
  }
  if (DEAL_IS_NULL(p, DEAL_AMOUNT_CHANGE)) {
    revops_errf(f[4].zReason, sizeof(f[4].zReason), "amount unchanged or unknown");
  } else {
    revops_fmt_num(a, sizeof(a), floor(fabs(p->amountChange) * 100 + 0.5));
    revops_errf(f[4].zReason, sizeof(f[4].zReason), "amount %s %s%% since created",
                p->amountChange < 0 ? "down" : "up", a);
  }
}

int revops_deal_health(const RevopsDealInput *p, RevopsDealHealth *h,
                       char *zErr, size_t nErr) {
  const double aVal[] = {p->daysInStage,     p->expectedStageDays,
                         p->daysSinceActivity, p->contactsEngaged,
                         p->daysToClose,     p->closeDatePushes,
                         p->amountChange};
  int pts, i;
  double v;

  /* Rules on the arguments (SPEC section 3): days and counts are never
  ** negative (days_to_close may be: the close date has passed), counts are
  ** whole, and amount_change is a fraction no lower than -1 (a deal cannot
  ** lose more than all of its amount). */
  for (i = 0; i < 7; i++) {
    if (DEAL_IS_NULL(p, i) || !isfinite(aVal[i])) {
      if (!DEAL_IS_NULL(p, i)) {
        revops_errf(zErr, nErr, "%s must be a finite number", azDealArg[i]);
        return REVOPS_ERROR;
      }
      continue;
    }
    if (i == DEAL_DAYS_TO_CLOSE || i == DEAL_AMOUNT_CHANGE) continue;
    if (aVal[i] < 0) {
      char a[40];
      revops_fmt_num(a, sizeof(a), aVal[i]);
      revops_errf(zErr, nErr, "%s must not be negative, got %s", azDealArg[i], a);
      return REVOPS_ERROR;
    }
    if ((i == DEAL_CONTACTS || i == DEAL_PUSHES) && aVal[i] != floor(aVal[i])) {
      char a[40];
      revops_fmt_num(a, sizeof(a), aVal[i]);
      revops_errf(zErr, nErr, "%s must be a whole number, got %s", azDealArg[i], a);
      return REVOPS_ERROR;
    }
  }
  if (!DEAL_IS_NULL(p, DEAL_AMOUNT_CHANGE) && p->amountChange < -1) {
    char a[40];
    revops_fmt_num(a, sizeof(a), p->amountChange);
    revops_errf(zErr, nErr,
                "amount_change must be a fraction of at least -1, got %s "
                "(it is (current - original) / original; divide percentages by 100)",
                a);
    return REVOPS_ERROR;
  }

  memset(h, 0, sizeof(*h));

  /* Stage velocity: r = days_in_stage / expected_stage_days. */
  if (DEAL_IS_NULL(p, DEAL_DAYS_IN_STAGE) || DEAL_IS_NULL(p, DEAL_EXPECTED_DAYS) ||
      p->expectedStageDays == 0) {
    pts = 12;
  } else {
    v = p->daysInStage / p->expectedStageDays;
    pts = v <= 1 ? 25 : v <= 1.5 ? 18 : v <= 2 ? 10 : v <= 3 ? 5 : 0;
  }
  deal_factor(&h->aFactor[0], "stage_velocity", pts, 25);

  /* Activity recency; never any activity scores 0. */
  if (DEAL_IS_NULL(p, DEAL_DAYS_SINCE_ACTIVITY)) {
    pts = 0;
  } else {
    v = p->daysSinceActivity;
    pts = v <= 3 ? 25 : v <= 7 ? 20 : v <= 14 ? 12 : v <= 21 ? 5 : 0;
  }
  deal_factor(&h->aFactor[1], "activity_recency", pts, 25);

  /* Multi-threading. */
  v = DEAL_IS_NULL(p, DEAL_CONTACTS) ? 0 : p->contactsEngaged;
  pts = v >= 5 ? 20 : v == 4 ? 17 : v == 3 ? 14 : v == 2 ? 10 : v == 1 ? 4 : 0;
  deal_factor(&h->aFactor[2], "multi_threading", pts, 20);

  /* Close date: none, or already passed, scores 0; else by pushes. */
  if (DEAL_IS_NULL(p, DEAL_DAYS_TO_CLOSE) || p->daysToClose < 0) {
    pts = 0;
  } else {
    v = DEAL_IS_NULL(p, DEAL_PUSHES) ? 0 : p->closeDatePushes;
    pts = v == 0 ? 15 : v == 1 ? 10 : v == 2 ? 5 : 0;
  }
  deal_factor(&h->aFactor[3], "close_date", pts, 15);

  /* Amount change since the deal was created. */
  if (DEAL_IS_NULL(p, DEAL_AMOUNT_CHANGE)) {
    pts = 15;
  } else {
    v = p->amountChange;
    pts = v >= 0 ? 15 : v >= -0.10 ? 10 : v >= -0.25 ? 5 : 0;
  }
  deal_factor(&h->aFactor[4], "amount", pts, 15);

  for (i = 0; i < REVOPS_DEAL_NFACTOR; i++) h->score += h->aFactor[i].points;

  /* Hygiene flags (seed 001 "Common Issues"). */
  if (DEAL_IS_NULL(p, DEAL_DAYS_SINCE_ACTIVITY) || p->daysSinceActivity >= 14) {
    h->flags |= REVOPS_DEAL_FLAG_STALE;
  }
  if (!DEAL_IS_NULL(p, DEAL_DAYS_TO_CLOSE) && p->daysToClose < 0) {
    h->flags |= REVOPS_DEAL_FLAG_PAST_CLOSE;
  }
  if (DEAL_IS_NULL(p, DEAL_CONTACTS) || p->contactsEngaged <= 1) {
    h->flags |= REVOPS_DEAL_FLAG_SINGLE_THREADED;
  }
  if (!DEAL_IS_NULL(p, DEAL_PUSHES) && p->closeDatePushes >= 2) {
    h->flags |= REVOPS_DEAL_FLAG_SLIPPING;
  }
  return REVOPS_OK;
}

const char *revops_deal_health_status(double score) {
  if (score >= 80) return "Healthy";
  if (score >= 60) return "Monitor";
  if (score >= 40) return "At Risk";
  return "Critical";
}

/* deal_health_factors' document (docs/deals.md), for every binding. */
void revops_deal_health_json(RevopsBuf *b, const RevopsDealHealth *h) {
  static const struct {
    unsigned flag;
    const char *zName;
  } aFlag[] = {{REVOPS_DEAL_FLAG_STALE, "stale"},
               {REVOPS_DEAL_FLAG_PAST_CLOSE, "past_close"},
               {REVOPS_DEAL_FLAG_SINGLE_THREADED, "single_threaded"},
               {REVOPS_DEAL_FLAG_SLIPPING, "slipping"}};
  int i, n = 0;
  revops_buf_lit(b, "{\"score\":");
  revops_buf_int(b, h->score);
  revops_buf_lit(b, ",\"status\":\"");
  revops_buf_str(b, revops_deal_health_status(h->score));
  revops_buf_lit(b, "\",\"factors\":{");
  for (i = 0; i < REVOPS_DEAL_NFACTOR; i++) {
    const RevopsDealFactor *f = &h->aFactor[i];
    if (i) revops_buf_lit(b, ",");
    revops_buf_factor(b, f->zName, f->points, f->max, f->zReason);
  }
  revops_buf_lit(b, "},\"flags\":[");
  for (i = 0; i < (int)(sizeof(aFlag) / sizeof(aFlag[0])); i++) {
    if (h->flags & aFlag[i].flag) {
      if (n++) revops_buf_lit(b, ",");
      revops_buf_lit(b, "\"");
      revops_buf_str(b, aFlag[i].zName);
      revops_buf_lit(b, "\"");
    }
  }
  revops_buf_lit(b, "]}");
}
