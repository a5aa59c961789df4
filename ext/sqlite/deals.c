/*
** deals.c — SQL binding of deal health (computation in ext/core/deals.c).
**
**   deal_health(days_in_stage, expected_stage_days, days_since_activity,
**               contacts_engaged, days_to_close, close_date_pushes,
**               amount_change)                       -> INTEGER 0..100
**   deal_health_factors(same arguments)              -> JSON
**   deal_health_status(score)                        -> TEXT
** Their arguments, rules and bodies are ext/core's tables (specs.c).
*/
#include "revops_ext.h"

static const RevopsFunc aDealFunc[] = {
    REVOPS_SPEC(deal_health, 7, REVOPS_PURE),
    REVOPS_SPEC(deal_health_factors, 7, REVOPS_PURE_JSON),
    REVOPS_SPEC(deal_health_status, 1, REVOPS_PURE),
};

const RevopsDomain revops_domain_deals = {
    "deals", aDealFunc, REVOPS_COUNT(aDealFunc), 0, 0, 0};
