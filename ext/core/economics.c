/*
** economics.c — unit economics: seed 003 "Tier 1: Board Metrics" and seed
** 000 "Key metric definitions".
**
** Every function returns REVOPS_OK and writes *pOut, or returns REVOPS_NULL
** when the result is undefined because a denominator is zero (SQL: NULL).  Arguments have
** been checked by the caller (docs/economics.md lists the rules).  Money
** results are rounded half away from zero to the cent; ratios and months
** are returned as computed.
*/
#include <math.h>

#include "internal.h"

/* seed 003: CAC = total S&M spend / new customers acquired; seed 000:
** total spend / closed-won deals.  The same division; the caller picks the
** spend and the count. */
int revops_cac(double spend, double newCustomers, double *pOut) {
  if (newCustomers == 0) return REVOPS_NULL;
  *pOut = revops_round_cents(spend / newCustomers);
  return REVOPS_OK;
}

/* seed 003: LTV = ARPA x gross margin / churn rate, i.e. margin per period
** times the expected lifetime 1 / churn periods.  A cap limits the
** lifetime, not the formula: when 1 / churn is within the cap the capped
** and uncapped LTV agree, so adding a cap never moves a healthy number.
** With churn 0 the lifetime is infinite: undefined without a cap. */
int revops_ltv(double arpa, double grossMargin, double churnRate,
               double maxMonths, double *pOut) {
  double margin = arpa * grossMargin;
  if (maxMonths >= 0 && (churnRate == 0 || 1.0 / churnRate > maxMonths)) {
    *pOut = revops_round_cents(margin * maxMonths);
    return REVOPS_OK;
  }
  if (churnRate == 0) return REVOPS_NULL;
  *pOut = revops_round_cents(margin / churnRate);
  return REVOPS_OK;
}

/* seed 003 benchmark: LTV:CAC > 3:1. */
int revops_ltv_cac(double ltv, double cac, double *pOut) {
  if (cac == 0) return REVOPS_NULL;
  *pOut = ltv / cac;
  return REVOPS_OK;
}

/* seed 003: CAC payback = CAC / (ARPA x gross margin), in months when ARPA
** is monthly.  Good < 18, great < 12. */
int revops_cac_payback_months(double cac, double arpa, double grossMargin,
                              double *pOut) {
  double margin = arpa * grossMargin;
  if (margin == 0) return REVOPS_NULL;
  *pOut = cac / margin;
  return REVOPS_OK;
}

/* seed 003: Magic Number = Net New ARR (QoQ) / Prior Quarter S&M Spend.
** The numerator is already annual (ARR), so it is not multiplied by 4: the
** x4 of the original formula annualises a quarter's revenue change, and
** applying it to an ARR delta would overstate the result fourfold. */
int revops_magic_number(double netNewArr, double priorSpend, double *pOut) {
  if (priorSpend == 0) return REVOPS_NULL;
  *pOut = netNewArr / priorSpend;
  return REVOPS_OK;
}

/* seed 003: Burn Multiple = Net Burn / Net New ARR.  With no net new ARR
** (zero or shrinking) the multiple is undefined: a negative quotient would
** read as better than "elite" (< 1x) when it is the worst case. */
int revops_burn_multiple(double netBurn, double netNewArr, double *pOut) {
  if (!(netNewArr > 0)) return REVOPS_NULL;
  *pOut = netBurn / netNewArr;
  return REVOPS_OK;
}

/* SaaS quick ratio: revenue gained over revenue lost in the period, with
** reactivation counted as a gain (mrr_waterfall's movements). */
int revops_quick_ratio(double newMrr, double expansion, double reactivation,
                       double contraction, double churned, double *pOut) {
  double lost = contraction + churned;
  if (lost == 0) return REVOPS_NULL;
  *pOut = (newMrr + expansion + reactivation) / lost;
  return REVOPS_OK;
}

/* seed 000: ROI = ((Revenue - Spend) / Spend) x 100; SPEC section 2 asks
** for fractions, so without the x100: 2.0 is 200 %. */
int revops_roi(double revenue, double spend, double *pOut) {
  if (spend == 0) return REVOPS_NULL;
  *pOut = (revenue - spend) / spend;
  return REVOPS_OK;
}

/* seed 000: ARR = MRR x 12. */
double revops_arr(double mrr) { return revops_round_cents(mrr * 12.0); }
