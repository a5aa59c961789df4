/*
** economics.c — SQL binding of unit economics (computation in
** ext/core/economics.c, rules in docs/economics.md).
**
**   cac(spend, new_customers)                             money
**   ltv(arpa, gross_margin, churn_rate [, max_months])    money
**   ltv_cac(ltv, cac)                                     ratio
**   cac_payback_months(cac, arpa, gross_margin)           months
**   magic_number(net_new_arr, prior_quarter_sm_spend)     ratio
**   burn_multiple(net_burn, net_new_arr)                  ratio
**   quick_ratio(new, expansion, reactivation, contraction, churned)
**   roi(revenue, spend)                                   fraction
**   arr(mrr)                                              money
**
** All scalars: NULL in a required argument gives NULL, a zero denominator
** gives NULL, a bad value is an error naming the argument.  Every function
** is a RevopsFormula (revops_ext.h): the rules live in common.c, so they
** cannot drift between functions.
*/
#include <math.h>

#include "revops_ext.h"

/* Each function: its evaluator (the core call) and its formula (argument
** names and rules, how many are required), then one registration row that
** points at the formula.  common.c reads the arguments by the rules and
** turns the core status into the result. */
#define UNUSED_ERR (void)zErr, (void)nErr

static int eco_cac(const double *a, int n, double *pOut, char *zErr, size_t nErr) {
  (void)n, UNUSED_ERR;
  return revops_cac(a[0], a[1], pOut);
}
static const RevopsFormula fCac = {
    eco_cac, 2, {{"spend", REVOPS_RULE_MONEY, 0}, {"new_customers", REVOPS_RULE_NONNEG, 0}}};

/* max_months is optional: absent or NULL means no cap (-1 for the core). */
static int eco_ltv(const double *a, int n, double *pOut, char *zErr, size_t nErr) {
  UNUSED_ERR;
  return revops_ltv(a[0], a[1], a[2], (n > 3 && !isnan(a[3])) ? a[3] : -1.0, pOut);
}
static const RevopsFormula fLtv = {
    eco_ltv, 3,
    {{"arpa", REVOPS_RULE_MONEY, 0}, {"gross_margin", REVOPS_RULE_FRACTION, 0},
     {"churn_rate", REVOPS_RULE_FRACTION, 0}, {"max_months", REVOPS_RULE_NONNEG, 0}}};

static int eco_ltv_cac(const double *a, int n, double *pOut, char *zErr, size_t nErr) {
  (void)n, UNUSED_ERR;
  return revops_ltv_cac(a[0], a[1], pOut);
}
static const RevopsFormula fLtvCac = {
    eco_ltv_cac, 2, {{"ltv", REVOPS_RULE_MONEY, 0}, {"cac", REVOPS_RULE_MONEY, 0}}};

static int eco_payback(const double *a, int n, double *pOut, char *zErr, size_t nErr) {
  (void)n, UNUSED_ERR;
  return revops_cac_payback_months(a[0], a[1], a[2], pOut);
}
static const RevopsFormula fPayback = {
    eco_payback, 3,
    {{"cac", REVOPS_RULE_MONEY, 0}, {"arpa", REVOPS_RULE_MONEY, 0},
     {"gross_margin", REVOPS_RULE_FRACTION, 0}}};

static int eco_magic(const double *a, int n, double *pOut, char *zErr, size_t nErr) {
  (void)n, UNUSED_ERR;
  return revops_magic_number(a[0], a[1], pOut);
}
static const RevopsFormula fMagic = {
    eco_magic, 2,
    {{"net_new_arr", REVOPS_RULE_SMONEY, 0}, {"prior_quarter_sm_spend", REVOPS_RULE_MONEY, 0}}};

static int eco_burn(const double *a, int n, double *pOut, char *zErr, size_t nErr) {
  (void)n, UNUSED_ERR;
  return revops_burn_multiple(a[0], a[1], pOut);
}
static const RevopsFormula fBurn = {
    eco_burn, 2, {{"net_burn", REVOPS_RULE_SMONEY, 0}, {"net_new_arr", REVOPS_RULE_SMONEY, 0}}};

static int eco_quick(const double *a, int n, double *pOut, char *zErr, size_t nErr) {
  (void)n, UNUSED_ERR;
  return revops_quick_ratio(a[0], a[1], a[2], a[3], a[4], pOut);
}
static const RevopsFormula fQuick = {
    eco_quick, 5,
    {{"new", REVOPS_RULE_MONEY, 0}, {"expansion", REVOPS_RULE_MONEY, 0},
     {"reactivation", REVOPS_RULE_MONEY, 0}, {"contraction", REVOPS_RULE_MONEY, 0},
     {"churned", REVOPS_RULE_MONEY, 0}}};

static int eco_roi(const double *a, int n, double *pOut, char *zErr, size_t nErr) {
  (void)n, UNUSED_ERR;
  return revops_roi(a[0], a[1], pOut);
}
static const RevopsFormula fRoi = {
    eco_roi, 2, {{"revenue", REVOPS_RULE_MONEY, 0}, {"spend", REVOPS_RULE_MONEY, 0}}};

static int eco_arr(const double *a, int n, double *pOut, char *zErr, size_t nErr) {
  (void)n, UNUSED_ERR;
  *pOut = revops_arr(a[0]);
  return REVOPS_OK;
}
static const RevopsFormula fArr = {eco_arr, 1, {{"mrr", REVOPS_RULE_SMONEY, 0}}};

static const RevopsFunc aEconomicsFunc[] = {
    REVOPS_FORMULA("cac", 2, &fCac),
    REVOPS_FORMULA("ltv", 3, &fLtv),
    REVOPS_FORMULA("ltv", 4, &fLtv),
    REVOPS_FORMULA("ltv_cac", 2, &fLtvCac),
    REVOPS_FORMULA("cac_payback_months", 3, &fPayback),
    REVOPS_FORMULA("magic_number", 2, &fMagic),
    REVOPS_FORMULA("burn_multiple", 2, &fBurn),
    REVOPS_FORMULA("quick_ratio", 5, &fQuick),
    REVOPS_FORMULA("roi", 2, &fRoi),
    REVOPS_FORMULA("arr", 1, &fArr),
};

const RevopsDomain revops_domain_economics = {
    "economics", aEconomicsFunc, REVOPS_COUNT(aEconomicsFunc), 0, 0, 0};
