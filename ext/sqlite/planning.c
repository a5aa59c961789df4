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
  if (rc == REVOPS_OK) sqlite3_result_int64(ctx, n);
  else revops_result_double(ctx, zFn, rc, 0, zErr); /* NULL: quota x attainment is 0 */
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

/* One body for the five scenario functions; each row's pArg says how
** its second argument is read and which core adjustment applies. */
typedef struct ScenarioFn {
  RevopsArg value;                  /* the second argument, if any */
  double (*xAdjust)(int, double);   /* NULL: scenario_confidence */
} ScenarioFn;
static const ScenarioFn scRevenue = {{"plan", REVOPS_RULE_MONEY, 0}, revops_scenario_revenue};
static const ScenarioFn scWinRate = {{"win_rate", REVOPS_RULE_FRACTION, 0},
                                     revops_scenario_win_rate};
static const ScenarioFn scCycleDays = {{"cycle_days", REVOPS_RULE_NONNEG, 0},
                                       revops_scenario_cycle_days};
static const ScenarioFn scChurnRate = {{"churn_rate", REVOPS_RULE_FRACTION, 0},
                                       revops_scenario_churn_rate};
static const ScenarioFn scConfidence = {{0, 0, 0}, 0};

/* One body for the five scenario functions; the user data says which. */
static void scenarioFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  const RevopsFunc *f = revops_func(ctx);
  const ScenarioFn *sc = f->pArg;
  const char *z = 0;
  int n = 0, rcS, rcV = REVOPS_ARG_OK, eScenario;
  double v = 0;

  rcS = revops_arg_text(ctx, argv[0], f->zName, "scenario", &z, &n);
  if (rcS == REVOPS_ARG_BAD) return;
  if (argc > 1) {
    rcV = revops_args(ctx, 1, argv + 1, f->zName, &sc->value, 1, &v);
    if (rcV == REVOPS_ARG_BAD) return;
  }
  if (rcS == REVOPS_ARG_NULL) return;
  eScenario = revops_scenario(z, (size_t)n);
  if (eScenario < 0) {
    revops_arg_bad(ctx, argv[0], f->zName, "scenario", "must be one of bear, base, bull", 0);
    return;
  }
  if (rcV == REVOPS_ARG_NULL) return;
  v = sc->xAdjust ? sc->xAdjust(eScenario, v) : revops_scenario_confidence(eScenario);
  revops_result_double(ctx, f->zName, REVOPS_OK, v, 0);
}

static const RevopsFunc aPlanningFunc[] = {
    REVOPS_SCALAR("required_aes", 3, REVOPS_PURE, requiredAesFunc),
    REVOPS_SCALAR("ramped_capacity", 1, REVOPS_PURE, rampedCapacityFunc),
    REVOPS_SCALAR_ARG("scenario_revenue", 2, REVOPS_PURE, scenarioFunc, &scRevenue),
    REVOPS_SCALAR_ARG("scenario_win_rate", 2, REVOPS_PURE, scenarioFunc, &scWinRate),
    REVOPS_SCALAR_ARG("scenario_cycle_days", 2, REVOPS_PURE, scenarioFunc, &scCycleDays),
    REVOPS_SCALAR_ARG("scenario_churn_rate", 2, REVOPS_PURE, scenarioFunc, &scChurnRate),
    REVOPS_SCALAR_ARG("scenario_confidence", 1, REVOPS_PURE, scenarioFunc, &scConfidence),
};

const RevopsDomain revops_domain_planning = {
    "planning", aPlanningFunc, REVOPS_COUNT(aPlanningFunc), 0, 0, 0};
