/*
** scalars.c — the scalar functions of every domain but leads and learn
** (ext/sqlite/{housekeeping,deals,pipeline,forecast,economics,attribution,
** accounts,planning}.c on SQLite): the same names, argument rules, NULL
** rules and messages; the computation is ext/core's.
*/
#include "postgres.h"

#include <math.h>
#include <string.h>

#include "fmgr.h"

#include "buf.h"
#include "pg_revops.h"

#define UNUSED_ERR (void)zErr, (void)nErr

/* --------------------------------------------------------- housekeeping */
static Datum versionBody(FunctionCallInfo fcinfo, PgCall *c) {
  (void)fcinfo, (void)c;
  return pg_text(REVOPS_VERSION);
}

/* ---------------------------------------------------------------- deals */
static const char *const azDealArg[] = {
    "days_in_stage", "expected_stage_days", "days_since_activity",
    "contacts_engaged", "days_to_close", "close_date_pushes", "amount_change"};

static int deal_compute(FunctionCallInfo fcinfo, PgCall *c, RevopsDealInput *pIn,
                        RevopsDealHealth *pOut) {
  double *aVal[7];
  char zErr[REVOPS_ERRMSG_SIZE];
  int i;
  memset(pIn, 0, sizeof(*pIn));
  aVal[0] = &pIn->daysInStage;
  aVal[1] = &pIn->expectedStageDays;
  aVal[2] = &pIn->daysSinceActivity;
  aVal[3] = &pIn->contactsEngaged;
  aVal[4] = &pIn->daysToClose;
  aVal[5] = &pIn->closeDatePushes;
  aVal[6] = &pIn->amountChange;
  for (i = 0; i < 7; i++) {
    PgValue v;
    pg_value(fcinfo, c, i, &v);
    if (pg_arg_number(&v, c->zName, azDealArg[i], aVal[i]) == REVOPS_ARG_NULL) {
      pIn->nullMask |= 1u << i;
    }
  }
  if (revops_deal_health(pIn, pOut, zErr, sizeof(zErr)) != REVOPS_OK) {
    pg_error("%s(): %s", c->zName, zErr);
  }
  return 1;
}

static Datum dealHealthBody(FunctionCallInfo fcinfo, PgCall *c) {
  RevopsDealInput in;
  RevopsDealHealth h;
  deal_compute(fcinfo, c, &in, &h);
  PG_RETURN_INT32(h.score);
}

static Datum dealFactorsBody(FunctionCallInfo fcinfo, PgCall *c) {
  RevopsDealInput in;
  RevopsDealHealth h;
  RevopsBuf b;
  deal_compute(fcinfo, c, &in, &h);
  revops_deal_health_reasons(&in, &h);
  revops_buf_init(&b);
  revops_deal_health_json(&b, &h);
  return pg_json(revops_buf_finish(&b));
}

/* A 0..100 score to its band; NULL in, NULL out. */
static Datum score_band(FunctionCallInfo fcinfo, PgCall *c, const char *(*xBand)(double)) {
  PgValue v;
  double score;
  pg_value(fcinfo, c, 0, &v);
  if (pg_arg_number(&v, c->zName, "score", &score) != REVOPS_ARG_OK) PG_RETURN_NULL();
  if (score < 0 || score > 100) pg_arg_bad(&v, c->zName, "score", "must be between 0 and 100", 0);
  return pg_text(xBand(score));
}

static Datum dealStatusBody(FunctionCallInfo fcinfo, PgCall *c) {
  return score_band(fcinfo, c, revops_deal_health_status);
}

/* ------------------------------------------------------------- pipeline */
static Datum forecastCategoryBody(FunctionCallInfo fcinfo, PgCall *c) {
  PgValue v;
  double p;
  pg_value(fcinfo, c, 0, &v);
  if (pg_arg_fraction(&v, c->zName, "probability", &p) != REVOPS_ARG_OK) PG_RETURN_NULL();
  return pg_text(revops_forecast_category(p));
}

static Datum coverageStatusBody(FunctionCallInfo fcinfo, PgCall *c) {
  PgValue v;
  double r;
  pg_value(fcinfo, c, 0, &v);
  if (pg_arg_nonneg(&v, c->zName, "ratio", &r) != REVOPS_ARG_OK) PG_RETURN_NULL();
  return pg_text(revops_coverage_status(r));
}

static int sales_velocity(const double *a, int n, double *pOut, char *zErr, size_t nErr) {
  (void)n, UNUSED_ERR;
  return revops_sales_velocity(a[0], a[1], a[2], a[3], pOut);
}
static const PgFormula fSalesVelocity = {
    sales_velocity, 4,
    {{"opps", REVOPS_RULE_NONNEG, 0}, {"win_rate", REVOPS_RULE_FRACTION, 0},
     {"avg_deal", REVOPS_RULE_MONEY, 0}, {"cycle_days", REVOPS_RULE_NONNEG, 0}}};

static int required_pipeline(const double *a, int n, double *pOut, char *zErr, size_t nErr) {
  (void)n, UNUSED_ERR;
  return revops_required_pipeline(a[0], a[1], a[2], pOut);
}
static const PgFormula fRequiredPipeline = {
    required_pipeline, 3,
    {{"quota", REVOPS_RULE_MONEY, 0}, {"win_rate", REVOPS_RULE_FRACTION, 0},
     {"coverage", REVOPS_RULE_NONNEG, 0}}};

#define WILSON_ARGS                                                        \
  {{"successes", REVOPS_RULE_COUNT, REVOPS_WILSON_N_MAX},                  \
   {"trials", REVOPS_RULE_COUNT, REVOPS_WILSON_N_MAX},                     \
   {"z", REVOPS_RULE_POSITIVE, REVOPS_WILSON_Z_MAX}}
static int wilson_lower(const double *a, int n, double *pOut, char *zErr, size_t nErr) {
  double hi;
  return revops_wilson_interval(a[0], a[1], n > 2 && !isnan(a[2]) ? a[2] : 1.96, pOut, &hi,
                                zErr, nErr);
}
static int wilson_upper(const double *a, int n, double *pOut, char *zErr, size_t nErr) {
  double lo;
  return revops_wilson_interval(a[0], a[1], n > 2 && !isnan(a[2]) ? a[2] : 1.96, &lo, pOut,
                                zErr, nErr);
}
static const PgFormula fWilsonLower = {wilson_lower, 2, WILSON_ARGS};
static const PgFormula fWilsonUpper = {wilson_upper, 2, WILSON_ARGS};

static Datum stageProbabilityBody(FunctionCallInfo fcinfo, PgCall *c) {
  PgValue vs, vp;
  const char *z = 0;
  int n = 0, rcStage, rcOverride = REVOPS_ARG_NULL;
  double p = 0;
  pg_value(fcinfo, c, 0, &vs);
  rcStage = pg_arg_text(&vs, c->zName, "stage", &z, &n);
  if (PG_NARGS() == 2) {
    pg_value(fcinfo, c, 1, &vp);
    rcOverride = pg_arg_fraction(&vp, c->zName, "probability", &p);
  }
  if (rcStage == REVOPS_ARG_NULL) PG_RETURN_NULL();
  if (rcOverride == REVOPS_ARG_OK) PG_RETURN_FLOAT8(p);
  p = revops_stage_probability(z, (size_t)n);
  if (p < 0) PG_RETURN_NULL(); /* unknown stage */
  PG_RETURN_FLOAT8(p);
}

/* ------------------------------------------------------------- forecast */
static Datum mapeGradeBody(FunctionCallInfo fcinfo, PgCall *c) {
  PgValue v;
  double m;
  pg_value(fcinfo, c, 0, &v);
  if (pg_arg_nonneg(&v, c->zName, "mape", &m) != REVOPS_ARG_OK) PG_RETURN_NULL();
  return pg_text(revops_mape_grade(m));
}

/* ------------------------------------------------------------ economics */
static int eco_cac(const double *a, int n, double *pOut, char *zErr, size_t nErr) {
  (void)n, UNUSED_ERR;
  return revops_cac(a[0], a[1], pOut);
}
static const PgFormula fCac = {
    eco_cac, 2, {{"spend", REVOPS_RULE_MONEY, 0}, {"new_customers", REVOPS_RULE_NONNEG, 0}}};

static int eco_ltv(const double *a, int n, double *pOut, char *zErr, size_t nErr) {
  UNUSED_ERR;
  return revops_ltv(a[0], a[1], a[2], (n > 3 && !isnan(a[3])) ? a[3] : -1.0, pOut);
}
static const PgFormula fLtv = {
    eco_ltv, 3,
    {{"arpa", REVOPS_RULE_MONEY, 0}, {"gross_margin", REVOPS_RULE_FRACTION, 0},
     {"churn_rate", REVOPS_RULE_FRACTION, 0}, {"max_months", REVOPS_RULE_NONNEG, 0}}};

static int eco_ltv_cac(const double *a, int n, double *pOut, char *zErr, size_t nErr) {
  (void)n, UNUSED_ERR;
  return revops_ltv_cac(a[0], a[1], pOut);
}
static const PgFormula fLtvCac = {
    eco_ltv_cac, 2, {{"ltv", REVOPS_RULE_MONEY, 0}, {"cac", REVOPS_RULE_MONEY, 0}}};

static int eco_payback(const double *a, int n, double *pOut, char *zErr, size_t nErr) {
  (void)n, UNUSED_ERR;
  return revops_cac_payback_months(a[0], a[1], a[2], pOut);
}
static const PgFormula fPayback = {
    eco_payback, 3,
    {{"cac", REVOPS_RULE_MONEY, 0}, {"arpa", REVOPS_RULE_MONEY, 0},
     {"gross_margin", REVOPS_RULE_FRACTION, 0}}};

static int eco_magic(const double *a, int n, double *pOut, char *zErr, size_t nErr) {
  (void)n, UNUSED_ERR;
  return revops_magic_number(a[0], a[1], pOut);
}
static const PgFormula fMagic = {
    eco_magic, 2,
    {{"net_new_arr", REVOPS_RULE_SMONEY, 0}, {"prior_quarter_sm_spend", REVOPS_RULE_MONEY, 0}}};

static int eco_burn(const double *a, int n, double *pOut, char *zErr, size_t nErr) {
  (void)n, UNUSED_ERR;
  return revops_burn_multiple(a[0], a[1], pOut);
}
static const PgFormula fBurn = {
    eco_burn, 2, {{"net_burn", REVOPS_RULE_SMONEY, 0}, {"net_new_arr", REVOPS_RULE_SMONEY, 0}}};

static int eco_quick(const double *a, int n, double *pOut, char *zErr, size_t nErr) {
  (void)n, UNUSED_ERR;
  return revops_quick_ratio(a[0], a[1], a[2], a[3], a[4], pOut);
}
static const PgFormula fQuick = {
    eco_quick, 5,
    {{"new", REVOPS_RULE_MONEY, 0}, {"expansion", REVOPS_RULE_MONEY, 0},
     {"reactivation", REVOPS_RULE_MONEY, 0}, {"contraction", REVOPS_RULE_MONEY, 0},
     {"churned", REVOPS_RULE_MONEY, 0}}};

static int eco_roi(const double *a, int n, double *pOut, char *zErr, size_t nErr) {
  (void)n, UNUSED_ERR;
  return revops_roi(a[0], a[1], pOut);
}
static const PgFormula fRoi = {
    eco_roi, 2, {{"revenue", REVOPS_RULE_MONEY, 0}, {"spend", REVOPS_RULE_MONEY, 0}}};

static int eco_arr(const double *a, int n, double *pOut, char *zErr, size_t nErr) {
  (void)n, UNUSED_ERR;
  *pOut = revops_arr(a[0]);
  return REVOPS_OK;
}
static const PgFormula fArr = {eco_arr, 1, {{"mrr", REVOPS_RULE_SMONEY, 0}}};

/* ---------------------------------------------------------- attribution */
static const char zModelList[] =
    "first_touch, last_touch, linear, u_shaped, w_shaped, time_decay";

static Datum attributionWeightBody(FunctionCallInfo fcinfo, PgCall *c) {
  const char *zFn = c->zName, *zModel = 0;
  int nModel = 0, rcModel, rcPos, rcCount, anyNull, rcW, argc = PG_NARGS();
  RevopsTouch t;
  PgValue v;
  double w = 0;
  char zErr[REVOPS_ERRMSG_SIZE];

  memset(&t, 0, sizeof(t));
  pg_value(fcinfo, c, 0, &v);
  rcModel = pg_arg_text(&v, zFn, "model", &zModel, &nModel);
  {
    PgValue v1, v2;
    pg_value(fcinfo, c, 1, &v1);
    rcPos = pg_arg_number(&v1, zFn, "position", &t.position);
    pg_value(fcinfo, c, 2, &v2);
    rcCount = pg_arg_number(&v2, zFn, "touch_count", &t.touchCount);
  }
  if (rcModel == REVOPS_ARG_NULL) PG_RETURN_NULL();
  t.eModel = revops_attribution_model(zModel, (size_t)nModel);
  if (t.eModel < 0) pg_error("%s(): model must be one of %s, got %s", zFn, zModelList, pg_describe(&v));
  anyNull = rcPos == REVOPS_ARG_NULL || rcCount == REVOPS_ARG_NULL;
  if (t.eModel == REVOPS_ATTR_W_SHAPED) {
    PgValue v3;
    if (argc < 4) {
      pg_error("%s(): w_shaped needs opportunity_position (the position of "
               "the touch that created the opportunity) as 4th argument", zFn);
    }
    pg_value(fcinfo, c, 3, &v3);
    if (pg_arg_number(&v3, zFn, "opportunity_position", &t.opportunityPosition) == REVOPS_ARG_NULL)
      anyNull = 1;
  } else if (t.eModel == REVOPS_ATTR_TIME_DECAY) {
    PgValue v3, v4;
    if (argc < 5) {
      pg_error("%s(): time_decay needs days_before_conversion and decay_total "
               "as 4th and 5th arguments (decay_total: "
               "attribution_decay_total(days_before_conversion) OVER "
               "(PARTITION BY the conversion))", zFn);
    }
    pg_value(fcinfo, c, 3, &v3);
    if (pg_arg_number(&v3, zFn, "days_before_conversion", &t.daysBeforeConversion) ==
        REVOPS_ARG_NULL)
      anyNull = 1;
    pg_value(fcinfo, c, 4, &v4);
    if (pg_arg_number(&v4, zFn, "decay_total", &t.decayTotal) == REVOPS_ARG_NULL) anyNull = 1;
  }
  if (anyNull) PG_RETURN_NULL();
  zErr[0] = 0;
  rcW = revops_attribution_weight(&t, &w, zErr, sizeof(zErr));
  return pg_result_double(fcinfo, zFn, rcW, w, zErr);
}

/* ------------------------------------------------------------- accounts */
static Datum accountTierBody(FunctionCallInfo fcinfo, PgCall *c) {
  PgValue v;
  int64 units;
  pg_value(fcinfo, c, 0, &v);
  if (pg_arg_money(&v, c->zName, "annual_value", &units) != REVOPS_ARG_OK) PG_RETURN_NULL();
  return pg_text(revops_account_tier((double)units / REVOPS_MONEY_SCALE));
}

static const char *aging_bucket(const double *a, int n) {
  (void)n;
  return revops_aging_bucket(revops_days_between((int64_t)a[0], (int64_t)a[1]));
}
static const PgLabel lAgingBucket = {
    aging_bucket, 2, {{"due_date", REVOPS_RULE_DATE, 0}, {"as_of", REVOPS_RULE_DATE, 0}}};

static int engagement_score(const double *a, int n, double *pOut, char *zErr, size_t nErr) {
  (void)n, UNUSED_ERR;
  *pOut = revops_engagement_score(a[0], a[1], a[2]);
  return REVOPS_OK;
}
static const PgFormula fEngagementScore = {
    engagement_score, 3,
    {{"opportunities", REVOPS_RULE_COUNT, 0}, {"installed_products", REVOPS_RULE_COUNT, 0},
     {"expired_products", REVOPS_RULE_COUNT, 0}}};

static const char *account_status(const double *a, int n) {
  (void)n;
  return revops_account_status(a[0], a[1]);
}
static const PgLabel lAccountStatus = {
    account_status, 2,
    {{"opportunities", REVOPS_RULE_COUNT, 0}, {"expired_products", REVOPS_RULE_COUNT, 0}}};

static const char *const azHealthArg[REVOPS_HEALTH_NARG] = {
    "nps", "csat", "open_tickets", "sla_compliance", "overdue_invoices",
    "days_overdue", "days_since_interaction", "executive_sponsor", "qbr_scheduled"};
static const char *const azChurnArg[REVOPS_CHURN_NARG] = {
    "health_score", "days_to_renewal", "usage_change"};

static void acct_numbers(FunctionCallInfo fcinfo, PgCall *c, int n, const char *const *azArg,
                         double *a, unsigned *pMask) {
  int i;
  *pMask = 0;
  for (i = 0; i < n; i++) {
    PgValue v;
    pg_value(fcinfo, c, i, &v);
    if (pg_arg_number(&v, c->zName, azArg[i], &a[i]) == REVOPS_ARG_NULL) {
      a[i] = 0;
      *pMask |= 1u << i;
    }
  }
}

static void health_compute(FunctionCallInfo fcinfo, PgCall *c, RevopsScore *s, int wantReasons) {
  double a[REVOPS_HEALTH_NARG];
  RevopsHealthInput in;
  char zErr[REVOPS_ERRMSG_SIZE];
  acct_numbers(fcinfo, c, REVOPS_HEALTH_NARG, azHealthArg, a, &in.nullMask);
  in.nps = a[0];
  in.csat = a[1];
  in.openTickets = a[2];
  in.slaCompliance = a[3];
  in.overdueInvoices = a[4];
  in.daysOverdue = a[5];
  in.daysSinceInteraction = a[6];
  in.executiveSponsor = a[7];
  in.qbrScheduled = a[8];
  if (revops_customer_health(&in, s, wantReasons, zErr, sizeof(zErr)) != REVOPS_OK) {
    pg_error("%s(): %s", c->zName, zErr);
  }
}

static void churn_compute(FunctionCallInfo fcinfo, PgCall *c, RevopsScore *s, int wantReasons) {
  double a[REVOPS_CHURN_NARG];
  RevopsChurnInput in;
  char zErr[REVOPS_ERRMSG_SIZE];
  acct_numbers(fcinfo, c, REVOPS_CHURN_NARG, azChurnArg, a, &in.nullMask);
  in.healthScore = a[0];
  in.daysToRenewal = a[1];
  in.usageChange = a[2];
  if (revops_churn_risk(&in, s, wantReasons, zErr, sizeof(zErr)) != REVOPS_OK) {
    pg_error("%s(): %s", c->zName, zErr);
  }
}

static Datum score_json(const RevopsScore *s, const char *zLabel, const char *zBand) {
  RevopsBuf b;
  revops_buf_init(&b);
  revops_score_json(&b, s, zLabel, zBand);
  return pg_json(revops_buf_finish(&b));
}

static Datum customerHealthBody(FunctionCallInfo fcinfo, PgCall *c) {
  RevopsScore s;
  health_compute(fcinfo, c, &s, 0);
  PG_RETURN_INT32(s.score);
}
static Datum customerHealthFactorsBody(FunctionCallInfo fcinfo, PgCall *c) {
  RevopsScore s;
  health_compute(fcinfo, c, &s, 1);
  return score_json(&s, "status", revops_customer_health_status(s.score));
}
static Datum customerHealthStatusBody(FunctionCallInfo fcinfo, PgCall *c) {
  return score_band(fcinfo, c, revops_customer_health_status);
}
static Datum churnRiskBody(FunctionCallInfo fcinfo, PgCall *c) {
  RevopsScore s;
  churn_compute(fcinfo, c, &s, 0);
  PG_RETURN_INT32(s.score);
}
static Datum churnRiskFactorsBody(FunctionCallInfo fcinfo, PgCall *c) {
  RevopsScore s;
  churn_compute(fcinfo, c, &s, 1);
  return score_json(&s, "level", revops_churn_risk_level(s.score));
}
static Datum churnRiskLevelBody(FunctionCallInfo fcinfo, PgCall *c) {
  return score_band(fcinfo, c, revops_churn_risk_level);
}

/* ------------------------------------------------------------- planning */
static Datum requiredAesBody(FunctionCallInfo fcinfo, PgCall *c) {
  PgValue v0, v1, v2;
  int64 target = 0, quota = 0;
  int64_t n = 0;
  double attainment = 0;
  int rcT, rcQ, rcA, rc;
  char zErr[REVOPS_ERRMSG_SIZE];
  pg_value(fcinfo, c, 0, &v0);
  rcT = pg_arg_money(&v0, c->zName, "target", &target);
  pg_value(fcinfo, c, 1, &v1);
  rcQ = pg_arg_money(&v1, c->zName, "quota", &quota);
  pg_value(fcinfo, c, 2, &v2);
  rcA = pg_arg_fraction(&v2, c->zName, "attainment", &attainment);
  if (rcT != REVOPS_ARG_OK || rcQ != REVOPS_ARG_OK || rcA != REVOPS_ARG_OK) PG_RETURN_NULL();
  zErr[0] = 0;
  rc = revops_required_aes((double)target / REVOPS_MONEY_SCALE, (double)quota / REVOPS_MONEY_SCALE,
                           attainment, &n, zErr, sizeof(zErr));
  if (rc == REVOPS_OK) PG_RETURN_INT64(n);
  return pg_result_double(fcinfo, c->zName, rc, 0, zErr);
}

static Datum rampedCapacityBody(FunctionCallInfo fcinfo, PgCall *c) {
  PgValue v;
  double m;
  pg_value(fcinfo, c, 0, &v);
  if (pg_arg_number(&v, c->zName, "months_since_hire", &m) != REVOPS_ARG_OK) PG_RETURN_NULL();
  if (m < 1 || m != floor(m)) {
    pg_arg_bad(&v, c->zName, "months_since_hire",
               "must be a whole number of at least 1 (the month of the hire is month 1)", 0);
  }
  PG_RETURN_FLOAT8(revops_ramped_capacity(m > 1e15 ? (int64_t)1e15 : (int64_t)m));
}

typedef struct ScenarioFn {
  PgArgRule value;
  double (*xAdjust)(int, double);
} ScenarioFn;
static const ScenarioFn scRevenue = {{"plan", REVOPS_RULE_MONEY, 0}, revops_scenario_revenue};
static const ScenarioFn scWinRate = {{"win_rate", REVOPS_RULE_FRACTION, 0}, revops_scenario_win_rate};
static const ScenarioFn scCycleDays = {{"cycle_days", REVOPS_RULE_NONNEG, 0},
                                       revops_scenario_cycle_days};
static const ScenarioFn scChurnRate = {{"churn_rate", REVOPS_RULE_FRACTION, 0},
                                       revops_scenario_churn_rate};
static const ScenarioFn scConfidence = {{0, 0, 0}, 0};

static Datum scenarioBody(FunctionCallInfo fcinfo, PgCall *c) {
  const ScenarioFn *sc = c->f->pArg;
  const char *z = 0;
  int n = 0, rcS, rcV = REVOPS_ARG_OK, eScenario;
  double v = 0;
  PgValue vs;
  pg_value(fcinfo, c, 0, &vs);
  rcS = pg_arg_text(&vs, c->zName, "scenario", &z, &n);
  if (PG_NARGS() > 1) rcV = pg_args(fcinfo, c, 1, 1, c->zName, &sc->value, 1, &v);
  if (rcS == REVOPS_ARG_NULL) PG_RETURN_NULL();
  eScenario = revops_scenario(z, (size_t)n);
  if (eScenario < 0) pg_arg_bad(&vs, c->zName, "scenario", "must be one of bear, base, bull", 0);
  if (rcV == REVOPS_ARG_NULL) PG_RETURN_NULL();
  v = sc->xAdjust ? sc->xAdjust(eScenario, v) : revops_scenario_confidence(eScenario);
  return pg_result_double(fcinfo, c->zName, REVOPS_OK, v, 0);
}

static const PgFunc aFunc[] = {
    {"revops_version", versionBody, 0},
    {"deal_health", dealHealthBody, 0},
    {"deal_health_factors", dealFactorsBody, 0},
    {"deal_health_status", dealStatusBody, 0},
    {"forecast_category", forecastCategoryBody, 0},
    {"coverage_status", coverageStatusBody, 0},
    {"sales_velocity", pg_formula_body, &fSalesVelocity},
    {"required_pipeline", pg_formula_body, &fRequiredPipeline},
    {"stage_probability", stageProbabilityBody, 0},
    {"wilson_lower", pg_formula_body, &fWilsonLower},
    {"wilson_upper", pg_formula_body, &fWilsonUpper},
    {"mape_grade", mapeGradeBody, 0},
    {"cac", pg_formula_body, &fCac},
    {"ltv", pg_formula_body, &fLtv},
    {"ltv_cac", pg_formula_body, &fLtvCac},
    {"cac_payback_months", pg_formula_body, &fPayback},
    {"magic_number", pg_formula_body, &fMagic},
    {"burn_multiple", pg_formula_body, &fBurn},
    {"quick_ratio", pg_formula_body, &fQuick},
    {"roi", pg_formula_body, &fRoi},
    {"arr", pg_formula_body, &fArr},
    {"attribution_weight", attributionWeightBody, 0},
    {"account_tier", accountTierBody, 0},
    {"engagement_score", pg_formula_body, &fEngagementScore},
    {"account_status", pg_label_body, &lAccountStatus},
    {"customer_health", customerHealthBody, 0},
    {"customer_health_factors", customerHealthFactorsBody, 0},
    {"customer_health_status", customerHealthStatusBody, 0},
    {"churn_risk", churnRiskBody, 0},
    {"churn_risk_factors", churnRiskFactorsBody, 0},
    {"churn_risk_level", churnRiskLevelBody, 0},
    {"aging_bucket", pg_label_body, &lAgingBucket},
    {"required_aes", requiredAesBody, 0},
    {"ramped_capacity", rampedCapacityBody, 0},
    {"scenario_revenue", scenarioBody, &scRevenue},
    {"scenario_win_rate", scenarioBody, &scWinRate},
    {"scenario_cycle_days", scenarioBody, &scCycleDays},
    {"scenario_churn_rate", scenarioBody, &scChurnRate},
    {"scenario_confidence", scenarioBody, &scConfidence},
};

const PgDomain revops_pg_domain_scalars = {aFunc, PG_COUNT(aFunc)};
