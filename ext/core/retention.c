/*
** retention.c — NRR, GRR and logo retention over one row per customer.
**
** seed 003 Tier 1: NRR = (beginning + expansion - contraction - churn) /
** beginning, which per customer is sum(end) / sum(start) over the cohort of
** customers who had revenue at the start.  GRR caps each customer at its
** starting revenue, so one customer's expansion never hides another's
** churn.  Sums are exact (money.c), so a window frame can move.
*/
#include "internal.h"

void revops_retention_step(RevopsRetention *r, int64_t startUnits,
                           int64_t endUnits, int dir) {
  int64_t kept;
  if (startUnits <= 0) return; /* not in the cohort (e.g. new customers) */
  if (endUnits < 0) endUnits = 0;
  kept = endUnits < startUnits ? endUnits : startUnits;
  if (dir > 0) {
    revops_money_add(&r->start, startUnits, REVOPS_WEIGHT_SCALE);
    revops_money_add(&r->end, endUnits, REVOPS_WEIGHT_SCALE);
    revops_money_add(&r->kept, kept, REVOPS_WEIGHT_SCALE);
  } else {
    revops_money_sub(&r->start, startUnits, REVOPS_WEIGHT_SCALE);
    revops_money_sub(&r->end, endUnits, REVOPS_WEIGHT_SCALE);
    revops_money_sub(&r->kept, kept, REVOPS_WEIGHT_SCALE);
  }
  r->nCohort += dir;
  if (endUnits > 0) r->nRetained += dir;
}

static int retention_ratio(const RevopsRetention *r, const RevopsMoney *num,
                           double *pOut) {
  if (r->nCohort <= 0) return REVOPS_NULL;
  *pOut = revops_money_ratio(num, &r->start);
  return REVOPS_OK;
}

int revops_retention_nrr(const RevopsRetention *r, double *pOut) {
  return retention_ratio(r, &r->end, pOut);
}

int revops_retention_grr(const RevopsRetention *r, double *pOut) {
  return retention_ratio(r, &r->kept, pOut);
}

int revops_retention_logo(const RevopsRetention *r, double *pOut) {
  if (r->nCohort <= 0) return REVOPS_NULL;
  *pOut = (double)r->nRetained / (double)r->nCohort;
  return REVOPS_OK;
}

void revops_retention_merge(RevopsRetention *r, const RevopsRetention *other) {
  revops_money_merge(&r->start, &other->start);
  revops_money_merge(&r->end, &other->end);
  revops_money_merge(&r->kept, &other->kept);
  r->nCohort += other->nCohort;
  r->nRetained += other->nRetained;
}
