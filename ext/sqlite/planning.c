/*
** planning.c — SQL binding of capacity and scenario planning
** (computation in ext/core/planning.c).
**
**   required_aes(target, quota, attainment)      -> INTEGER (rounded up)
**   ramped_capacity(months_since_hire)           -> REAL 0..1
**   scenario_revenue(scenario, plan)             -> REAL (money)
**   scenario_win_rate(scenario, win_rate)        -> REAL fraction
**   scenario_cycle_days(scenario, cycle_days)    -> REAL days
**   scenario_churn_rate(scenario, churn_rate)    -> REAL fraction
**   scenario_confidence(scenario)                -> REAL fraction
** scenario is 'bear', 'base' or 'bull' (seed 003).
*/
#include "revops_ext.h"

/* Every function's arguments, rules and body are ext/core's tables
** (specs.c). */
static const RevopsFunc aPlanningFunc[] = {
    REVOPS_SPEC(required_aes, 3, REVOPS_PURE),
    REVOPS_SPEC(ramped_capacity, 1, REVOPS_PURE),
    REVOPS_SPEC(scenario_revenue, 2, REVOPS_PURE),
    REVOPS_SPEC(scenario_win_rate, 2, REVOPS_PURE),
    REVOPS_SPEC(scenario_cycle_days, 2, REVOPS_PURE),
    REVOPS_SPEC(scenario_churn_rate, 2, REVOPS_PURE),
    REVOPS_SPEC(scenario_confidence, 1, REVOPS_PURE),
};

const RevopsDomain revops_domain_planning = {
    "planning", aPlanningFunc, REVOPS_COUNT(aPlanningFunc), 0, 0, 0};
