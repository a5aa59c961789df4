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
** is a formula of ext/core/specs.c: the rules and their words live in
** ext/core/args.c, so they cannot drift between functions or bindings.
*/
#include "revops_ext.h"

/* Each function is a formula of ext/core's tables (args.h, specs.c): its
** arguments' names and rules and the core call; common.c reads the
** arguments by the rules and turns the core status into the result. */
static const RevopsFunc aEconomicsFunc[] = {
    REVOPS_SPEC(cac, 2, REVOPS_PURE),
    REVOPS_SPEC(ltv, 3, REVOPS_PURE),
    REVOPS_SPEC(ltv, 4, REVOPS_PURE),
    REVOPS_SPEC(ltv_cac, 2, REVOPS_PURE),
    REVOPS_SPEC(cac_payback_months, 3, REVOPS_PURE),
    REVOPS_SPEC(magic_number, 2, REVOPS_PURE),
    REVOPS_SPEC(burn_multiple, 2, REVOPS_PURE),
    REVOPS_SPEC(quick_ratio, 5, REVOPS_PURE),
    REVOPS_SPEC(roi, 2, REVOPS_PURE),
    REVOPS_SPEC(arr, 1, REVOPS_PURE),
};

const RevopsDomain revops_domain_economics = {
    "economics", aEconomicsFunc, REVOPS_COUNT(aEconomicsFunc), 0, 0, 0};
