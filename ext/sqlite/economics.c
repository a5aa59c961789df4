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
** gives NULL, a bad value is an error naming the argument.  One body reads
** every function's arguments from the table below, so the rules cannot
** drift between functions.
*/
#include <math.h>

#include "revops_ext.h"

/* Argument rules. */
#define E_MONEY 0    /* amount >= 0, at most REVOPS_MONEY_MAX */
#define E_SMONEY 1   /* signed amount (a change, a burn) */
#define E_FRACTION 2 /* in [0, 1] */
#define E_NONNEG 3   /* number >= 0 (counts, months) */

enum {
  ECO_CAC, ECO_LTV, ECO_LTV_CAC, ECO_PAYBACK, ECO_MAGIC, ECO_BURN, ECO_QUICK,
  ECO_ROI, ECO_ARR
};

typedef struct EcoSpec {
  int eFunc;
  int nRequired; /* later arguments are optional: NULL means not given */
  const char *azArg[5];
  unsigned char aRule[5];
} EcoSpec;

/* In the order of aEconomicsFunc below (the user data is the index). */
static const EcoSpec aSpec[] = {
    {ECO_CAC, 2, {"spend", "new_customers"}, {E_MONEY, E_NONNEG}},
    {ECO_LTV, 3, {"arpa", "gross_margin", "churn_rate"}, {E_MONEY, E_FRACTION, E_FRACTION}},
    {ECO_LTV, 3, {"arpa", "gross_margin", "churn_rate", "max_months"},
     {E_MONEY, E_FRACTION, E_FRACTION, E_NONNEG}},
    {ECO_LTV_CAC, 2, {"ltv", "cac"}, {E_MONEY, E_MONEY}},
    {ECO_PAYBACK, 3, {"cac", "arpa", "gross_margin"}, {E_MONEY, E_MONEY, E_FRACTION}},
    {ECO_MAGIC, 2, {"net_new_arr", "prior_quarter_sm_spend"}, {E_SMONEY, E_MONEY}},
    {ECO_BURN, 2, {"net_burn", "net_new_arr"}, {E_SMONEY, E_SMONEY}},
    {ECO_QUICK, 5, {"new", "expansion", "reactivation", "contraction", "churned"},
     {E_MONEY, E_MONEY, E_MONEY, E_MONEY, E_MONEY}},
    {ECO_ROI, 2, {"revenue", "spend"}, {E_MONEY, E_MONEY}},
    {ECO_ARR, 1, {"mrr"}, {E_SMONEY}},
};

static const char *const azEcoName[] = {
    "cac", "ltv", "ltv_cac", "cac_payback_months", "magic_number",
    "burn_multiple", "quick_ratio", "roi", "arr"};

/* A signed amount within the exact-money range. */
static int eco_signed_money(sqlite3_context *ctx, sqlite3_value *v,
                            const char *zFn, const char *zArg, double *pOut) {
  int rc = revops_arg_number(ctx, v, zFn, zArg, pOut);
  if (rc == REVOPS_ARG_OK && fabs(*pOut) > REVOPS_MONEY_MAX) {
    char *z = revops_describe_value(v);
    if (z == 0) {
      sqlite3_result_error_nomem(ctx);
    } else {
      revops_result_errorf(ctx,
                           "%s(): %s must be between -900000000000000 and "
                           "900000000000000, got %s", zFn, zArg, z);
    }
    sqlite3_free(z);
    return REVOPS_ARG_BAD;
  }
  return rc;
}

static void economicsFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  const EcoSpec *sp = &aSpec[(int)(intptr_t)sqlite3_user_data(ctx)];
  const char *zFn = azEcoName[sp->eFunc];
  double a[5] = {0, 0, 0, 0, 0}, v = 0;
  int i, rc, anyNull = 0, ok = 0, aNull[5] = {0, 0, 0, 0, 0};

  /* Every argument is checked before a NULL decides the result. */
  for (i = 0; i < argc; i++) {
    switch (sp->aRule[i]) {
      case E_MONEY: {
        int64_t units = 0;
        rc = revops_arg_money(ctx, argv[i], zFn, sp->azArg[i], &units);
        a[i] = (double)units / REVOPS_MONEY_SCALE;
        break;
      }
      case E_SMONEY:
        rc = eco_signed_money(ctx, argv[i], zFn, sp->azArg[i], &a[i]);
        break;
      case E_FRACTION:
        rc = revops_arg_fraction(ctx, argv[i], zFn, sp->azArg[i], &a[i]);
        break;
      default:
        rc = revops_arg_nonneg(ctx, argv[i], zFn, sp->azArg[i], &a[i]);
        break;
    }
    if (rc == REVOPS_ARG_BAD) return;
    if (rc == REVOPS_ARG_NULL) {
      aNull[i] = 1;
      if (i < sp->nRequired) anyNull = 1;
    }
  }
  if (anyNull) return; /* NULL in, NULL out */

  switch (sp->eFunc) {
    case ECO_CAC: ok = revops_cac(a[0], a[1], &v); break;
    case ECO_LTV:
      ok = revops_ltv(a[0], a[1], a[2], (argc > 3 && !aNull[3]) ? a[3] : -1.0, &v);
      break;
    case ECO_LTV_CAC: ok = revops_ltv_cac(a[0], a[1], &v); break;
    case ECO_PAYBACK: ok = revops_cac_payback_months(a[0], a[1], a[2], &v); break;
    case ECO_MAGIC: ok = revops_magic_number(a[0], a[1], &v); break;
    case ECO_BURN: ok = revops_burn_multiple(a[0], a[1], &v); break;
    case ECO_QUICK: ok = revops_quick_ratio(a[0], a[1], a[2], a[3], a[4], &v); break;
    case ECO_ROI: ok = revops_roi(a[0], a[1], &v); break;
    default:
      v = revops_arr(a[0]);
      ok = 1;
      break;
  }
  if (!ok) {
    sqlite3_result_null(ctx); /* a zero denominator */
  } else if (!isfinite(v)) {
    /* e.g. cac(900000000000000, 1e-300): an error, never a wrong number */
    revops_result_errorf(ctx, "%s(): the result is too large", zFn);
  } else {
    sqlite3_result_double(ctx, v);
  }
}

static const RevopsFunc aEconomicsFunc[] = {
    REVOPS_SCALAR("cac", 2, REVOPS_PURE, economicsFunc),
    REVOPS_SCALAR("ltv", 3, REVOPS_PURE, economicsFunc),
    REVOPS_SCALAR("ltv", 4, REVOPS_PURE, economicsFunc),
    REVOPS_SCALAR("ltv_cac", 2, REVOPS_PURE, economicsFunc),
    REVOPS_SCALAR("cac_payback_months", 3, REVOPS_PURE, economicsFunc),
    REVOPS_SCALAR("magic_number", 2, REVOPS_PURE, economicsFunc),
    REVOPS_SCALAR("burn_multiple", 2, REVOPS_PURE, economicsFunc),
    REVOPS_SCALAR("quick_ratio", 5, REVOPS_PURE, economicsFunc),
    REVOPS_SCALAR("roi", 2, REVOPS_PURE, economicsFunc),
    REVOPS_SCALAR("arr", 1, REVOPS_PURE, economicsFunc),
};

const RevopsDomain revops_domain_economics = {
    "economics", aEconomicsFunc, REVOPS_COUNT(aEconomicsFunc), 0, 0,
    revops_register_indexed};

_Static_assert(REVOPS_COUNT(aSpec) == REVOPS_COUNT(aEconomicsFunc),
               "one EcoSpec per registered function, in the same order");
