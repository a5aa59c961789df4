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
#include <math.h>

#include "revops_ext.h"
#include "../core/internal.h"

static void requiredAesFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  static const char zFn[] = "required_aes";
  int64_t target = 0, quota = 0, n = 0;
  double attainment = 0;
  int rcT, rcQ, rcA, rc;
  char zErr[REVOPS_ERRMSG_SIZE];
  (void)argc;
  rcT = revops_arg_money(ctx, argv[0], zFn, "target", &target);
  if (rcT == REVOPS_ARG_BAD) return;
  rcQ = revops_arg_money(ctx, argv[1], zFn, "quota", &quota);
  if (rcQ == REVOPS_ARG_BAD) return;
  rcA = revops_arg_fraction(ctx, argv[2], zFn, "attainment", &attainment);
  if (rcA == REVOPS_ARG_BAD) return;
  if (rcT != REVOPS_ARG_OK || rcQ != REVOPS_ARG_OK || rcA != REVOPS_ARG_OK) return;
  rc = revops_required_aes((double)target / REVOPS_MONEY_SCALE,
                           (double)quota / REVOPS_MONEY_SCALE, attainment, &n, zErr,
                           sizeof(zErr));
  if (rc < 0) revops_result_errorf(ctx, "%s(): %s", zFn, zErr);
  else if (rc > 0) sqlite3_result_int64(ctx, n);
  /* rc == 0: quota x attainment is 0, NULL */
}

static void rampedCapacityFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  double m;
  (void)argc;
  if (revops_arg_number(ctx, argv[0], "ramped_capacity", "months_since_hire", &m) !=
      REVOPS_ARG_OK) {
    return;
  }
  if (m < 1 || m != floor(m)) {
    revops_arg_bad(ctx, argv[0], "ramped_capacity", "months_since_hire",
             "must be a whole number of at least 1 (the month of the hire is month 1)", 0);
    return;
  }
  sqlite3_result_double(ctx, revops_ramped_capacity(m > 1e15 ? (int64_t)1e15 : (int64_t)m));
}

/* ---------------------------------------------------------- scenarios */

enum { SC_REVENUE, SC_WIN_RATE, SC_CYCLE_DAYS, SC_CHURN_RATE, SC_CONFIDENCE };
static const struct {
  const char *zName;
  const char *zArg; /* the second argument, if any */
} aScenarioFn[] = {
    {"scenario_revenue", "plan"},
    {"scenario_win_rate", "win_rate"},
    {"scenario_cycle_days", "cycle_days"},
    {"scenario_churn_rate", "churn_rate"},
    {"scenario_confidence", 0},
};

/* One body for the five scenario functions; the user data says which. */
static void scenarioFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  int eFn = (int)(intptr_t)sqlite3_user_data(ctx);
  const char *zFn = aScenarioFn[eFn].zName, *zArg = aScenarioFn[eFn].zArg;
  const char *z = 0;
  int n = 0, rcS, rcV = REVOPS_ARG_OK, eScenario;
  double v = 0;

  rcS = revops_arg_text(ctx, argv[0], zFn, "scenario", &z, &n);
  if (rcS == REVOPS_ARG_BAD) return;
  if (argc > 1) {
    if (eFn == SC_REVENUE) {
      int64_t units = 0;
      rcV = revops_arg_money(ctx, argv[1], zFn, zArg, &units);
      v = (double)units / REVOPS_MONEY_SCALE;
    } else if (eFn == SC_CYCLE_DAYS) {
      rcV = revops_arg_nonneg(ctx, argv[1], zFn, zArg, &v);
    } else {
      rcV = revops_arg_fraction(ctx, argv[1], zFn, zArg, &v);
    }
    if (rcV == REVOPS_ARG_BAD) return;
  }
  if (rcS == REVOPS_ARG_NULL) return;
  eScenario = revops_scenario(z, (size_t)n);
  if (eScenario < 0) {
    revops_arg_bad(ctx, argv[0], zFn, "scenario", "must be one of bear, base, bull", 0);
    return;
  }
  if (rcV == REVOPS_ARG_NULL) return;
  switch (eFn) {
    case SC_REVENUE: v = revops_scenario_revenue(eScenario, v); break;
    case SC_WIN_RATE: v = revops_scenario_win_rate(eScenario, v); break;
    case SC_CYCLE_DAYS: v = revops_scenario_cycle_days(eScenario, v); break;
    case SC_CHURN_RATE: v = revops_scenario_churn_rate(eScenario, v); break;
    default: v = revops_scenario_confidence(eScenario); break;
  }
  if (isfinite(v)) sqlite3_result_double(ctx, v);
  else revops_result_errorf(ctx, "%s(): the result is too large", zFn);
}

static const RevopsFunc aPlanningFunc[] = {
    REVOPS_SCALAR("required_aes", 3, REVOPS_PURE, requiredAesFunc),
    REVOPS_SCALAR("ramped_capacity", 1, REVOPS_PURE, rampedCapacityFunc),
    REVOPS_SCALAR("scenario_revenue", 2, REVOPS_PURE, scenarioFunc),
    REVOPS_SCALAR("scenario_win_rate", 2, REVOPS_PURE, scenarioFunc),
    REVOPS_SCALAR("scenario_cycle_days", 2, REVOPS_PURE, scenarioFunc),
    REVOPS_SCALAR("scenario_churn_rate", 2, REVOPS_PURE, scenarioFunc),
    REVOPS_SCALAR("scenario_confidence", 1, REVOPS_PURE, scenarioFunc),
};

/* The scenario functions switch on their index among the five; the first
** two entries are not scenario functions, so register by hand. */
static int planning_register(sqlite3 *db, const RevopsDomain *pDomain) {
  int i, rc = revops_register_funcs(db, pDomain->aFunc, 2, 0, 0);
  for (i = 2; i < pDomain->nFunc && rc == SQLITE_OK; i++) {
    rc = revops_register_funcs(db, &pDomain->aFunc[i], 1, (void *)(intptr_t)(i - 2), 0);
  }
  return rc;
}

const RevopsDomain revops_domain_planning = {
    "planning", aPlanningFunc, REVOPS_COUNT(aPlanningFunc), 0, 0, planning_register};
