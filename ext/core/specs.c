/*
** specs.c — one table per scalar function (args.h): its arguments' names,
** rules and bounds in SQL order, and the core call of a formula or label.
** ext/sqlite and ext/postgres register and read their functions from these
** tables, so a binding cannot name an argument, check a rule or word an
** error differently from another; the formulas are the domain files'.
*/
#include <math.h>

#include "internal.h"
#include "args.h"
#include "learn.h"

#define UNUSED_ERR (void)zErr, (void)nErr
#define NARGS(...) ((int)(sizeof((RevopsArg[]){__VA_ARGS__}) / sizeof(RevopsArg)))
/* A table: the SQL name, the required arguments, the body, the arguments. */
#define FORMULA(name, nReq, x, ...) \
  const RevopsSpec revops_spec_##name = {#name, nReq, NARGS(__VA_ARGS__), {__VA_ARGS__}, x, 0, 0, 0}
#define LABEL(name, nReq, x, ...) \
  const RevopsSpec revops_spec_##name = {#name, nReq, NARGS(__VA_ARGS__), {__VA_ARGS__}, 0, x, 0, 0}
#define CALL(name, nReq, x, arg, ...) \
  const RevopsSpec revops_spec_##name = {#name, nReq, NARGS(__VA_ARGS__), {__VA_ARGS__}, 0, 0, x, arg}

/* Read arguments [0, n) of the call by p's rules into a[] (NAN: NULL):
** REVOPS_OK, REVOPS_NULL (a required one is NULL, every one checked), or
** REVOPS_REPORTED. */
static int read_args(const RevopsSpec *p, const RevopsCall *c, int n, double *a) {
  int i, anyNull = 0;
  for (i = 0; i < n; i++) {
    RevopsArgRead rd;
    int rc = c->xRead(c->pCtx, i, &p->aArg[i], &rd);
    if (rc == REVOPS_ARG_BAD) return REVOPS_REPORTED;
    a[i] = rd.r;
    if (rc == REVOPS_ARG_NULL && i < p->nRequired) anyNull = 1;
  }
  return anyNull ? REVOPS_NULL : REVOPS_OK;
}

/* One argument by a rule of its own. */
static int read_arg(const RevopsCall *c, int i, const RevopsArg *pArg, RevopsArgRead *pRd) {
  int rc = c->xRead(c->pCtx, i, pArg, pRd);
  return rc == REVOPS_ARG_BAD ? REVOPS_REPORTED : rc;
}

static int result_json(RevopsResult *pRes, RevopsBuf *b) {
  pRes->eType = REVOPS_RES_JSON;
  pRes->zJson = revops_buf_finish(b);
  return pRes->zJson ? REVOPS_OK : REVOPS_NOMEM;
}

int revops_spec_call(const RevopsSpec *p, const RevopsCall *c, RevopsResult *pRes, char *zErr,
                     size_t nErr) {
  double a[REVOPS_MAX_ARGS];
  int n = c->nArg < p->nArg ? c->nArg : p->nArg, rc;
  memset(pRes, 0, sizeof(*pRes));
  if (nErr) zErr[0] = 0;
  if (p->xCall) {
    rc = p->xCall(p, c, pRes, zErr, nErr);
  } else {
    rc = read_args(p, c, n, a);
    if (rc != REVOPS_OK) return rc == REVOPS_NULL ? REVOPS_OK : rc; /* NULL in, NULL out */
    if (p->xLabel) {
      pRes->eType = REVOPS_RES_TEXT;
      pRes->z = p->xLabel(a, n);
      return REVOPS_OK;
    }
    rc = p->xEval(a, n, &pRes->r, zErr, nErr);
    if (rc == REVOPS_OK) pRes->eType = REVOPS_RES_REAL;
    if (rc == REVOPS_NULL) rc = REVOPS_OK;
  }
  if (rc == REVOPS_OK && pRes->eType == REVOPS_RES_REAL && !isfinite(pRes->r)) {
    /* e.g. cac(900000000000000, 1e-300): an error, never a wrong number */
    revops_errf(zErr, nErr, "the result is too large");
    return REVOPS_ERROR;
  }
  if (rc == REVOPS_ERROR && nErr && zErr[0] == 0) revops_errf(zErr, nErr, "failed");
  return rc;
}

/* ---------------------------------------------------------------- deals */
#define DEAL_ARGS                                                                        \
  {"days_in_stage", REVOPS_RULE_NUMBER, 0}, {"expected_stage_days", REVOPS_RULE_NUMBER, 0}, \
      {"days_since_activity", REVOPS_RULE_NUMBER, 0},                                    \
      {"contacts_engaged", REVOPS_RULE_NUMBER, 0}, {"days_to_close", REVOPS_RULE_NUMBER, 0}, \
      {"close_date_pushes", REVOPS_RULE_NUMBER, 0}, {"amount_change", REVOPS_RULE_NUMBER, 0}

/* NULL (NAN) arguments: bit i of the mask, value 0. */
static unsigned null_mask(const double *a, double *aOut, int n) {
  unsigned m = 0;
  int i;
  for (i = 0; i < n; i++) {
    aOut[i] = isnan(a[i]) ? 0 : a[i];
    if (isnan(a[i])) m |= 1u << i;
  }
  return m;
}

/* Every argument may be NULL: the score leaves its factor out.  pArg is
** non-NULL for the explainer (JSON). */
static int deal_call(const RevopsSpec *p, const RevopsCall *c, RevopsResult *pRes, char *zErr,
                     size_t nErr) {
  double a[REVOPS_MAX_ARGS], v[7];
  RevopsDealInput in;
  RevopsDealHealth h;
  RevopsBuf b;
  if (read_args(p, c, 7, a) == REVOPS_REPORTED) return REVOPS_REPORTED;
  in.nullMask = null_mask(a, v, 7);
  in.daysInStage = v[0];
  in.expectedStageDays = v[1];
  in.daysSinceActivity = v[2];
  in.contactsEngaged = v[3];
  in.daysToClose = v[4];
  in.closeDatePushes = v[5];
  in.amountChange = v[6];
  if (revops_deal_health(&in, &h, zErr, nErr) != REVOPS_OK) return REVOPS_ERROR;
  if (p->pArg == 0) {
    pRes->eType = REVOPS_RES_INT;
    pRes->i = h.score;
    return REVOPS_OK;
  }
  revops_deal_health_reasons(&in, &h);
  revops_buf_init(&b);
  revops_deal_health_json(&b, &h);
  return result_json(pRes, &b);
}
CALL(deal_health, 0, deal_call, 0, DEAL_ARGS);
CALL(deal_health_factors, 0, deal_call, "json", DEAL_ARGS);

static const char *deal_status(const double *a, int n) {
  (void)n;
  return revops_deal_health_status(a[0]);
}
LABEL(deal_health_status, 1, deal_status, {"score", REVOPS_RULE_SCORE, 0});

/* ------------------------------------------------------------- pipeline */
static const char *forecast_category(const double *a, int n) {
  (void)n;
  return revops_forecast_category(a[0]);
}
LABEL(forecast_category, 1, forecast_category, {"probability", REVOPS_RULE_FRACTION, 0});

static const char *coverage_status(const double *a, int n) {
  (void)n;
  return revops_coverage_status(a[0]);
}
LABEL(coverage_status, 1, coverage_status, {"ratio", REVOPS_RULE_NONNEG, 0});

static int sales_velocity(const double *a, int n, double *pOut, char *zErr, size_t nErr) {
  (void)n, UNUSED_ERR;
  return revops_sales_velocity(a[0], a[1], a[2], a[3], pOut);
}
FORMULA(sales_velocity, 4, sales_velocity, {"opps", REVOPS_RULE_NONNEG, 0},
        {"win_rate", REVOPS_RULE_FRACTION, 0}, {"avg_deal", REVOPS_RULE_MONEY, 0},
        {"cycle_days", REVOPS_RULE_NONNEG, 0});

static int required_pipeline(const double *a, int n, double *pOut, char *zErr, size_t nErr) {
  (void)n, UNUSED_ERR;
  return revops_required_pipeline(a[0], a[1], a[2], pOut);
}
FORMULA(required_pipeline, 3, required_pipeline, {"quota", REVOPS_RULE_MONEY, 0},
        {"win_rate", REVOPS_RULE_FRACTION, 0}, {"coverage", REVOPS_RULE_NONNEG, 0});

/* stage_probability(stage) is the built-in default; the second argument
** (the stages table's probability, from a join) wins when it is not NULL.
** The function never reads a table itself (docs/pipeline.md). */
static int stage_call(const RevopsSpec *p, const RevopsCall *c, RevopsResult *pRes, char *zErr,
                      size_t nErr) {
  RevopsArgRead stage, override;
  int rcStage, rcOverride = REVOPS_ARG_NULL;
  double v;
  UNUSED_ERR;
  rcStage = read_arg(c, 0, &p->aArg[0], &stage);
  if (rcStage == REVOPS_REPORTED) return rcStage;
  if (c->nArg == 2) {
    rcOverride = read_arg(c, 1, &p->aArg[1], &override);
    if (rcOverride == REVOPS_REPORTED) return rcOverride;
  }
  if (rcStage == REVOPS_ARG_NULL) return REVOPS_OK; /* NULL stage: NULL */
  if (rcOverride == REVOPS_ARG_OK) {
    pRes->eType = REVOPS_RES_REAL;
    pRes->r = override.r;
    return REVOPS_OK;
  }
  v = revops_stage_probability(stage.z, stage.n);
  if (v >= 0) { /* unknown stage: NULL */
    pRes->eType = REVOPS_RES_REAL;
    pRes->r = v;
  }
  return REVOPS_OK;
}
CALL(stage_probability, 1, stage_call, 0, {"stage", REVOPS_RULE_TEXT, 0},
     {"probability", REVOPS_RULE_FRACTION, 0});

/* wilson_lower / wilson_upper: z is optional (NULL or absent: 1.96). */
#define WILSON_ARGS                                              \
  {"successes", REVOPS_RULE_COUNT, REVOPS_WILSON_N_MAX},         \
      {"trials", REVOPS_RULE_COUNT, REVOPS_WILSON_N_MAX},        \
      {"z", REVOPS_RULE_POSITIVE, REVOPS_WILSON_Z_MAX}
static int wilson_lower(const double *a, int n, double *pOut, char *zErr, size_t nErr) {
  double hi;
  return revops_wilson_interval(a[0], a[1], n > 2 && !isnan(a[2]) ? a[2] : 1.96, pOut, &hi, zErr,
                                nErr);
}
static int wilson_upper(const double *a, int n, double *pOut, char *zErr, size_t nErr) {
  double lo;
  return revops_wilson_interval(a[0], a[1], n > 2 && !isnan(a[2]) ? a[2] : 1.96, &lo, pOut, zErr,
                                nErr);
}
FORMULA(wilson_lower, 2, wilson_lower, WILSON_ARGS);
FORMULA(wilson_upper, 2, wilson_upper, WILSON_ARGS);

static const char *win_band(const double *a, int n) {
  (void)n;
  return revops_win_band(a[0]);
}
LABEL(win_band, 1, win_band, {"probability", REVOPS_RULE_FRACTION, 0});

/* ------------------------------------------------------------- forecast */
static const char *mape_grade(const double *a, int n) {
  (void)n;
  return revops_mape_grade(a[0]);
}
LABEL(mape_grade, 1, mape_grade, {"mape", REVOPS_RULE_NONNEG, 0});

/* ------------------------------------------------------------ economics */
static int eco_cac(const double *a, int n, double *pOut, char *zErr, size_t nErr) {
  (void)n, UNUSED_ERR;
  return revops_cac(a[0], a[1], pOut);
}
FORMULA(cac, 2, eco_cac, {"spend", REVOPS_RULE_MONEY, 0}, {"new_customers", REVOPS_RULE_NONNEG, 0});

/* max_months is optional: absent or NULL means no cap (-1 for the core). */
static int eco_ltv(const double *a, int n, double *pOut, char *zErr, size_t nErr) {
  UNUSED_ERR;
  return revops_ltv(a[0], a[1], a[2], (n > 3 && !isnan(a[3])) ? a[3] : -1.0, pOut);
}
FORMULA(ltv, 3, eco_ltv, {"arpa", REVOPS_RULE_MONEY, 0}, {"gross_margin", REVOPS_RULE_FRACTION, 0},
        {"churn_rate", REVOPS_RULE_FRACTION, 0}, {"max_months", REVOPS_RULE_NONNEG, 0});

static int eco_ltv_cac(const double *a, int n, double *pOut, char *zErr, size_t nErr) {
  (void)n, UNUSED_ERR;
  return revops_ltv_cac(a[0], a[1], pOut);
}
FORMULA(ltv_cac, 2, eco_ltv_cac, {"ltv", REVOPS_RULE_MONEY, 0}, {"cac", REVOPS_RULE_MONEY, 0});

static int eco_payback(const double *a, int n, double *pOut, char *zErr, size_t nErr) {
  (void)n, UNUSED_ERR;
  return revops_cac_payback_months(a[0], a[1], a[2], pOut);
}
FORMULA(cac_payback_months, 3, eco_payback, {"cac", REVOPS_RULE_MONEY, 0},
        {"arpa", REVOPS_RULE_MONEY, 0}, {"gross_margin", REVOPS_RULE_FRACTION, 0});

static int eco_magic(const double *a, int n, double *pOut, char *zErr, size_t nErr) {
  (void)n, UNUSED_ERR;
  return revops_magic_number(a[0], a[1], pOut);
}
FORMULA(magic_number, 2, eco_magic, {"net_new_arr", REVOPS_RULE_SMONEY, 0},
        {"prior_quarter_sm_spend", REVOPS_RULE_MONEY, 0});

static int eco_burn(const double *a, int n, double *pOut, char *zErr, size_t nErr) {
  (void)n, UNUSED_ERR;
  return revops_burn_multiple(a[0], a[1], pOut);
}
FORMULA(burn_multiple, 2, eco_burn, {"net_burn", REVOPS_RULE_SMONEY, 0},
        {"net_new_arr", REVOPS_RULE_SMONEY, 0});

static int eco_quick(const double *a, int n, double *pOut, char *zErr, size_t nErr) {
  (void)n, UNUSED_ERR;
  return revops_quick_ratio(a[0], a[1], a[2], a[3], a[4], pOut);
}
FORMULA(quick_ratio, 5, eco_quick, {"new", REVOPS_RULE_MONEY, 0},
        {"expansion", REVOPS_RULE_MONEY, 0}, {"reactivation", REVOPS_RULE_MONEY, 0},
        {"contraction", REVOPS_RULE_MONEY, 0}, {"churned", REVOPS_RULE_MONEY, 0});

static int eco_roi(const double *a, int n, double *pOut, char *zErr, size_t nErr) {
  (void)n, UNUSED_ERR;
  return revops_roi(a[0], a[1], pOut);
}
FORMULA(roi, 2, eco_roi, {"revenue", REVOPS_RULE_MONEY, 0}, {"spend", REVOPS_RULE_MONEY, 0});

static int eco_arr(const double *a, int n, double *pOut, char *zErr, size_t nErr) {
  (void)n, UNUSED_ERR;
  *pOut = revops_arr(a[0]);
  return REVOPS_OK;
}
FORMULA(arr, 1, eco_arr, {"mrr", REVOPS_RULE_SMONEY, 0});

/* ---------------------------------------------------------- attribution */
/* attribution_weight(model, position, touch_count [, ...]): w_shaped adds
** opportunity_position, time_decay days_before_conversion and
** decay_total; arguments a model does not use are ignored. */
static const RevopsArg aAttrW[] = {{"opportunity_position", REVOPS_RULE_NUMBER, 0}};
static const RevopsArg aAttrDecay[] = {{"days_before_conversion", REVOPS_RULE_NUMBER, 0},
                                       {"decay_total", REVOPS_RULE_NUMBER, 0}};

static int attribution_call(const RevopsSpec *p, const RevopsCall *c, RevopsResult *pRes,
                            char *zErr, size_t nErr) {
  const RevopsArg *aExtra = 0;
  double *apVal[4];
  int i, nExtra = 0, rcModel, anyNull = 0, rc;
  RevopsArgRead model, rd;
  RevopsTouch t;

  memset(&t, 0, sizeof(t));
  rcModel = read_arg(c, 0, &p->aArg[0], &model);
  if (rcModel == REVOPS_REPORTED) return rcModel;
  apVal[0] = &t.position;
  apVal[1] = &t.touchCount;
  for (i = 1; i < 3; i++) {
    rc = read_arg(c, i, &p->aArg[i], &rd);
    if (rc == REVOPS_REPORTED) return rc;
    if (rc == REVOPS_ARG_NULL) anyNull = 1;
    *apVal[i - 1] = rd.r;
  }
  if (rcModel == REVOPS_ARG_NULL) return REVOPS_OK;

  t.eModel = revops_attribution_model(model.z, model.n);
  if (t.eModel < 0) {
    c->xBad(c->pCtx, 0, p->aArg[0].zName,
            "must be one of first_touch, last_touch, linear, u_shaped, w_shaped, time_decay", 0);
    return REVOPS_REPORTED;
  }
  if (t.eModel == REVOPS_ATTR_W_SHAPED) {
    if (c->nArg < 4) {
      revops_errf(zErr, nErr, "w_shaped needs opportunity_position (the position of "
                              "the touch that created the opportunity) as 4th argument");
      return REVOPS_ERROR;
    }
    aExtra = aAttrW;
    nExtra = 1;
    apVal[2] = &t.opportunityPosition;
  } else if (t.eModel == REVOPS_ATTR_TIME_DECAY) {
    if (c->nArg < 5) {
      revops_errf(zErr, nErr,
                  "time_decay needs days_before_conversion and decay_total "
                  "as 4th and 5th arguments (decay_total: "
                  "attribution_decay_total(days_before_conversion) OVER "
                  "(PARTITION BY the conversion))");
      return REVOPS_ERROR;
    }
    aExtra = aAttrDecay;
    nExtra = 2;
    apVal[2] = &t.daysBeforeConversion;
    apVal[3] = &t.decayTotal;
  }
  for (i = 0; i < nExtra; i++) {
    rc = read_arg(c, 3 + i, &aExtra[i], &rd);
    if (rc == REVOPS_REPORTED) return rc;
    if (rc == REVOPS_ARG_NULL) anyNull = 1;
    *apVal[2 + i] = rd.r;
  }
  if (anyNull) return REVOPS_OK; /* NULL in, NULL out */
  rc = revops_attribution_weight(&t, &pRes->r, zErr, nErr);
  if (rc == REVOPS_OK) pRes->eType = REVOPS_RES_REAL;
  return rc == REVOPS_NULL ? REVOPS_OK : rc;
}
CALL(attribution_weight, 3, attribution_call, 0, {"model", REVOPS_RULE_TEXT, 0},
     {"position", REVOPS_RULE_NUMBER, 0}, {"touch_count", REVOPS_RULE_NUMBER, 0});

/* ------------------------------------------------------------- accounts */
static const char *account_tier(const double *a, int n) {
  (void)n;
  return revops_account_tier(a[0]);
}
LABEL(account_tier, 1, account_tier, {"annual_value", REVOPS_RULE_MONEY, 0});

static const char *aging_bucket(const double *a, int n) {
  (void)n;
  return revops_aging_bucket(revops_days_between((int64_t)a[0], (int64_t)a[1]));
}
LABEL(aging_bucket, 2, aging_bucket, {"due_date", REVOPS_RULE_DATE, 0},
      {"as_of", REVOPS_RULE_DATE, 0});

static int engagement_score(const double *a, int n, double *pOut, char *zErr, size_t nErr) {
  (void)n, UNUSED_ERR;
  *pOut = revops_engagement_score(a[0], a[1], a[2]);
  return REVOPS_OK;
}
FORMULA(engagement_score, 3, engagement_score, {"opportunities", REVOPS_RULE_COUNT, 0},
        {"installed_products", REVOPS_RULE_COUNT, 0}, {"expired_products", REVOPS_RULE_COUNT, 0});

static const char *account_status(const double *a, int n) {
  (void)n;
  return revops_account_status(a[0], a[1]);
}
LABEL(account_status, 2, account_status, {"opportunities", REVOPS_RULE_COUNT, 0},
      {"expired_products", REVOPS_RULE_COUNT, 0});

/* A score and its explainer (pArg: the explainer's band label). */
static int score_result(const RevopsSpec *p, const RevopsScore *s, RevopsResult *pRes,
                        const char *zBand) {
  RevopsBuf b;
  if (p->pArg == 0) {
    pRes->eType = REVOPS_RES_INT;
    pRes->i = s->score;
    return REVOPS_OK;
  }
  revops_buf_init(&b);
  revops_score_json(&b, s, (const char *)p->pArg, zBand);
  return result_json(pRes, &b);
}

/* Every argument may be NULL: the score leaves its factor out. */
#define HEALTH_ARGS                                                                       \
  {"nps", REVOPS_RULE_NUMBER, 0}, {"csat", REVOPS_RULE_NUMBER, 0},                       \
      {"open_tickets", REVOPS_RULE_NUMBER, 0}, {"sla_compliance", REVOPS_RULE_NUMBER, 0}, \
      {"overdue_invoices", REVOPS_RULE_NUMBER, 0}, {"days_overdue", REVOPS_RULE_NUMBER, 0}, \
      {"days_since_interaction", REVOPS_RULE_NUMBER, 0},                                  \
      {"executive_sponsor", REVOPS_RULE_NUMBER, 0}, {"qbr_scheduled", REVOPS_RULE_NUMBER, 0}
static int health_call(const RevopsSpec *p, const RevopsCall *c, RevopsResult *pRes, char *zErr,
                       size_t nErr) {
  double a[REVOPS_MAX_ARGS], v[REVOPS_HEALTH_NARG];
  RevopsHealthInput in;
  RevopsScore s;
  if (read_args(p, c, REVOPS_HEALTH_NARG, a) == REVOPS_REPORTED) return REVOPS_REPORTED;
  in.nullMask = null_mask(a, v, REVOPS_HEALTH_NARG);
  in.nps = v[0];
  in.csat = v[1];
  in.openTickets = v[2];
  in.slaCompliance = v[3];
  in.overdueInvoices = v[4];
  in.daysOverdue = v[5];
  in.daysSinceInteraction = v[6];
  in.executiveSponsor = v[7];
  in.qbrScheduled = v[8];
  if (revops_customer_health(&in, &s, p->pArg != 0, zErr, nErr) != REVOPS_OK) return REVOPS_ERROR;
  return score_result(p, &s, pRes, revops_customer_health_status(s.score));
}
CALL(customer_health, 0, health_call, 0, HEALTH_ARGS);
CALL(customer_health_factors, 0, health_call, "status", HEALTH_ARGS);

#define CHURN_ARGS                                                                   \
  {"health_score", REVOPS_RULE_NUMBER, 0}, {"days_to_renewal", REVOPS_RULE_NUMBER, 0}, \
      {"usage_change", REVOPS_RULE_NUMBER, 0}
static int churn_call(const RevopsSpec *p, const RevopsCall *c, RevopsResult *pRes, char *zErr,
                      size_t nErr) {
  double a[REVOPS_MAX_ARGS], v[REVOPS_CHURN_NARG];
  RevopsChurnInput in;
  RevopsScore s;
  if (read_args(p, c, REVOPS_CHURN_NARG, a) == REVOPS_REPORTED) return REVOPS_REPORTED;
  in.nullMask = null_mask(a, v, REVOPS_CHURN_NARG);
  in.healthScore = v[0];
  in.daysToRenewal = v[1];
  in.usageChange = v[2];
  if (revops_churn_risk(&in, &s, p->pArg != 0, zErr, nErr) != REVOPS_OK) return REVOPS_ERROR;
  return score_result(p, &s, pRes, revops_churn_risk_level(s.score));
}
CALL(churn_risk, 0, churn_call, 0, CHURN_ARGS);
CALL(churn_risk_factors, 0, churn_call, "level", CHURN_ARGS);

static const char *health_status(const double *a, int n) {
  (void)n;
  return revops_customer_health_status(a[0]);
}
LABEL(customer_health_status, 1, health_status, {"score", REVOPS_RULE_SCORE, 0});

static const char *churn_level(const double *a, int n) {
  (void)n;
  return revops_churn_risk_level(a[0]);
}
LABEL(churn_risk_level, 1, churn_level, {"score", REVOPS_RULE_SCORE, 0});

/* ------------------------------------------------------------- planning */
/* An integer, rounded up; NULL when quota x attainment is 0. */
static int required_aes_call(const RevopsSpec *p, const RevopsCall *c, RevopsResult *pRes,
                             char *zErr, size_t nErr) {
  double a[REVOPS_MAX_ARGS];
  int64_t n = 0;
  int rc = read_args(p, c, 3, a);
  if (rc != REVOPS_OK) return rc == REVOPS_NULL ? REVOPS_OK : rc;
  rc = revops_required_aes(a[0], a[1], a[2], &n, zErr, nErr);
  if (rc == REVOPS_OK) {
    pRes->eType = REVOPS_RES_INT;
    pRes->i = n;
  }
  return rc == REVOPS_NULL ? REVOPS_OK : rc;
}
CALL(required_aes, 3, required_aes_call, 0, {"target", REVOPS_RULE_MONEY, 0},
     {"quota", REVOPS_RULE_MONEY, 0}, {"attainment", REVOPS_RULE_FRACTION, 0});

static int ramped_capacity(const double *a, int n, double *pOut, char *zErr, size_t nErr) {
  (void)n, UNUSED_ERR;
  *pOut = revops_ramped_capacity(a[0] > 1e15 ? (int64_t)1e15 : (int64_t)a[0]);
  return REVOPS_OK;
}
FORMULA(ramped_capacity, 1, ramped_capacity, {"months_since_hire", REVOPS_RULE_MONTH, 0});

/* The scenario functions: the scenario name, then the value (none for
** scenario_confidence); pArg holds the adjustment (NULL: the confidence). */
typedef struct ScenarioAdjust {
  double (*x)(int eScenario, double v);
} ScenarioAdjust;
static int scenario_call(const RevopsSpec *p, const RevopsCall *c, RevopsResult *pRes,
                         char *zErr, size_t nErr) {
  const ScenarioAdjust *adj = p->pArg;
  RevopsArgRead s, value;
  int rcS, rcV = REVOPS_ARG_OK, eScenario;
  UNUSED_ERR;
  rcS = read_arg(c, 0, &p->aArg[0], &s);
  if (rcS == REVOPS_REPORTED) return rcS;
  if (c->nArg > 1 && adj) {
    rcV = read_arg(c, 1, &p->aArg[1], &value);
    if (rcV == REVOPS_REPORTED) return rcV;
  }
  if (rcS == REVOPS_ARG_NULL) return REVOPS_OK;
  eScenario = revops_scenario(s.z, s.n);
  if (eScenario < 0) {
    c->xBad(c->pCtx, 0, p->aArg[0].zName, "must be one of bear, base, bull", 0);
    return REVOPS_REPORTED;
  }
  if (rcV == REVOPS_ARG_NULL) return REVOPS_OK;
  pRes->eType = REVOPS_RES_REAL;
  pRes->r = adj ? adj->x(eScenario, value.r) : revops_scenario_confidence(eScenario);
  return REVOPS_OK;
}
#define SCENARIO(name, arg, rule)                                                 \
  static const ScenarioAdjust adj_##name = {revops_##name};                       \
  CALL(name, 2, scenario_call, &adj_##name, {"scenario", REVOPS_RULE_TEXT, 0}, \
       {arg, rule, 0})
SCENARIO(scenario_revenue, "plan", REVOPS_RULE_MONEY);
SCENARIO(scenario_win_rate, "win_rate", REVOPS_RULE_FRACTION);
SCENARIO(scenario_cycle_days, "cycle_days", REVOPS_RULE_NONNEG);
SCENARIO(scenario_churn_rate, "churn_rate", REVOPS_RULE_FRACTION);
CALL(scenario_confidence, 1, scenario_call, 0, {"scenario", REVOPS_RULE_TEXT, 0});

/* ------------------------------------------------------------ the list */
#define SPEC_PTR(name) &revops_spec_##name,
const RevopsSpec *const revops_specs[] = {REVOPS_SPEC_LIST(SPEC_PTR)};
const int revops_nspec = (int)(sizeof(revops_specs) / sizeof(revops_specs[0]));

const RevopsSpec *revops_spec(const char *zName) {
  int i;
  for (i = 0; i < revops_nspec; i++) {
    if (strcmp(revops_specs[i]->zName, zName) == 0) return revops_specs[i];
  }
  return 0;
}
