/*
** aggregates.c — the fixed-size aggregates: weighted_pipeline, win_rate,
** nrr, grr, logo_retention, mape, mape_skipped, wape, nps,
** attribution_decay_total, brier_score, log_loss.
**
** Each has a transition function (sfunc), the inverse a moving window
** frame calls (minvfunc), a final function and a combine function that
** merges a parallel worker's or a remote server's partial state
** (ext/core's revops_*_merge).  The state is the core's accumulator in a
** bytea (pg_revops.h), changed in place in the aggregate's memory.  Row
** rules and messages are ext/sqlite's ({pipeline,retention,forecast,
** accounts,attribution,learn}.c).
*/
#include "postgres.h"

#include <math.h>
#include <string.h>

#include "fmgr.h"

#include "learn.h"
#include "pg_revops.h"

/* What a support function serves: the aggregate's SQL name (messages),
** its metric, and the direction of the step. */
typedef struct AggDef {
  const char *zFn;
  int eMetric;
  int dir;
} AggDef;
#define AGG(c) ((const AggDef *)(c)->f->pArg)

enum { K_MONEY = 1, K_WINRATE, K_RETENTION, K_FORECAST, K_NPS, K_DECAY, K_METRIC };

/* ---------------------------------------------------- weighted_pipeline */
static Datum pipelineStep(FunctionCallInfo fcinfo, PgCall *c) {
  static const char zFn[] = "weighted_pipeline";
  RevopsMoney *m = pg_state_rw(fcinfo, 0, PG_TAG(K_MONEY), sizeof(*m));
  PgValue v;
  int64 units = 0;
  double p = 0;
  int quarters = 4, rcAmount, rcProb;
  pg_value(fcinfo, c, 1, &v);
  rcAmount = pg_arg_money(&v, zFn, "amount", &units);
  pg_value(fcinfo, c, 2, &v);
  rcProb = pg_arg_fraction(&v, zFn, "probability", &p);
  if (PG_NARGS() == 5) {
    int64 closeMs = 0, asOfMs = 0;
    int rcClose, rcAsOf;
    pg_value(fcinfo, c, 3, &v);
    rcClose = pg_arg_date(&v, zFn, "close_date", &closeMs);
    pg_value(fcinfo, c, 4, &v);
    rcAsOf = pg_arg_date(&v, zFn, "as_of", &asOfMs);
    if (rcClose == REVOPS_ARG_OK && rcAsOf == REVOPS_ARG_OK) {
      quarters = revops_aging_quarters(revops_days_between(closeMs, asOfMs));
    }
  }
  if (rcAmount == REVOPS_ARG_OK && rcProb == REVOPS_ARG_OK) {
    int64_t w = revops_weight_quantize(p, quarters);
    if (AGG(c)->dir > 0) revops_money_add(m, units, w);
    else revops_money_sub(m, units, w);
  }
  return pg_state_datum(m);
}

/* Sums of money are 0.0 over no rows (SPEC section 2). */
static Datum pipelineFinal(FunctionCallInfo fcinfo, PgCall *c) {
  RevopsMoney m;
  const void *p = pg_state_ro(fcinfo, 0, PG_TAG(K_MONEY), 0);
  (void)c;
  if (p == 0) PG_RETURN_FLOAT8(0.0);
  memcpy(&m, p, sizeof(m));
  PG_RETURN_FLOAT8(revops_money_cents(&m));
}

static Datum moneyCombine(FunctionCallInfo fcinfo, PgCall *c) {
  RevopsMoney *m = pg_state_rw(fcinfo, 0, PG_TAG(K_MONEY), sizeof(*m)), o;
  const void *p = pg_state_ro(fcinfo, 1, PG_TAG(K_MONEY), 0);
  (void)c;
  if (p) {
    memcpy(&o, p, sizeof(o));
    revops_money_merge(m, &o);
  }
  return pg_state_datum(m);
}

/* -------------------------------------------------------------- win_rate */
static Datum winRateStep(FunctionCallInfo fcinfo, PgCall *c) {
  RevopsWinRate *w = pg_state_rw(fcinfo, 0, PG_TAG(K_WINRATE), sizeof(*w));
  PgValue v;
  double d = 0;
  pg_value(fcinfo, c, 1, &v);
  if (pg_arg_number(&v, "win_rate", "is_won", &d) == REVOPS_ARG_OK) {
    if (d != 0 && d != 1) pg_arg_bad(&v, "win_rate", "is_won", "must be 0 or 1 (false or true)", 0);
    revops_win_rate_step(w, d == 1, AGG(c)->dir);
  }
  return pg_state_datum(w);
}

static Datum winRateFinal(FunctionCallInfo fcinfo, PgCall *c) {
  RevopsWinRate w;
  const void *p = pg_state_ro(fcinfo, 0, PG_TAG(K_WINRATE), 0);
  double v;
  (void)c;
  if (p == 0) PG_RETURN_NULL();
  memcpy(&w, p, sizeof(w));
  if (revops_win_rate(&w, &v) != REVOPS_OK) PG_RETURN_NULL();
  PG_RETURN_FLOAT8(v);
}

static Datum winRateCombine(FunctionCallInfo fcinfo, PgCall *c) {
  RevopsWinRate *w = pg_state_rw(fcinfo, 0, PG_TAG(K_WINRATE), sizeof(*w)), o;
  const void *p = pg_state_ro(fcinfo, 1, PG_TAG(K_WINRATE), 0);
  (void)c;
  if (p) {
    memcpy(&o, p, sizeof(o));
    revops_win_rate_merge(w, &o);
  }
  return pg_state_datum(w);
}

/* ----------------------------------------------------- nrr, grr, logos */
enum { RET_NRR, RET_GRR, RET_LOGO };

static Datum retentionStep(FunctionCallInfo fcinfo, PgCall *c) {
  const char *zFn = AGG(c)->zFn;
  RevopsRetention *r = pg_state_rw(fcinfo, 0, PG_TAG(K_RETENTION), sizeof(*r));
  PgValue v;
  int64 start = 0, end = 0;
  int rcStart, rcEnd;
  pg_value(fcinfo, c, 1, &v);
  rcStart = pg_arg_money(&v, zFn, "start_mrr", &start);
  pg_value(fcinfo, c, 2, &v);
  rcEnd = pg_arg_money(&v, zFn, "end_mrr", &end);
  /* No start: not in the cohort.  No end: churned (SPEC section 3). */
  if (rcStart == REVOPS_ARG_OK) {
    if (rcEnd == REVOPS_ARG_NULL) end = 0;
    revops_retention_step(r, start, end, AGG(c)->dir);
  }
  return pg_state_datum(r);
}

static Datum retentionFinal(FunctionCallInfo fcinfo, PgCall *c) {
  RevopsRetention r;
  const void *p = pg_state_ro(fcinfo, 0, PG_TAG(K_RETENTION), 0);
  double v = 0;
  int rc;
  if (p == 0) PG_RETURN_NULL();
  memcpy(&r, p, sizeof(r));
  switch (AGG(c)->eMetric) {
    case RET_NRR: rc = revops_retention_nrr(&r, &v); break;
    case RET_GRR: rc = revops_retention_grr(&r, &v); break;
    default: rc = revops_retention_logo(&r, &v); break;
  }
  return pg_result_double(fcinfo, AGG(c)->zFn, rc, v, 0);
}

static Datum retentionCombine(FunctionCallInfo fcinfo, PgCall *c) {
  RevopsRetention *r = pg_state_rw(fcinfo, 0, PG_TAG(K_RETENTION), sizeof(*r)), o;
  const void *p = pg_state_ro(fcinfo, 1, PG_TAG(K_RETENTION), 0);
  (void)c;
  if (p) {
    memcpy(&o, p, sizeof(o));
    revops_retention_merge(r, &o);
  }
  return pg_state_datum(r);
}

/* ------------------------------------------------ mape, mape_skipped, wape */
enum { FC_MAPE, FC_SKIPPED, FC_WAPE };

static Datum forecastStep(FunctionCallInfo fcinfo, PgCall *c) {
  const char *zFn = AGG(c)->zFn;
  RevopsForecast *p = pg_state_rw(fcinfo, 0, PG_TAG(K_FORECAST), sizeof(*p));
  PgValue v;
  double a = 0, f = 0;
  int rcA, rcF;
  char zErr[REVOPS_ERRMSG_SIZE];
  pg_value(fcinfo, c, 1, &v);
  rcA = pg_arg_number(&v, zFn, "actual", &a);
  pg_value(fcinfo, c, 2, &v);
  rcF = pg_arg_number(&v, zFn, "forecast", &f);
  if (rcA == REVOPS_ARG_OK && rcF == REVOPS_ARG_OK &&
      revops_forecast_step(p, a, f, AGG(c)->eMetric == FC_MAPE, AGG(c)->dir, zErr,
                           sizeof(zErr)) != REVOPS_OK) {
    pg_error("%s(): %s", zFn, zErr);
  }
  return pg_state_datum(p);
}

static Datum forecastFinal(FunctionCallInfo fcinfo, PgCall *c) {
  RevopsForecast f;
  const void *p = pg_state_ro(fcinfo, 0, PG_TAG(K_FORECAST), 0);
  double v = 0;
  int rc;
  memset(&f, 0, sizeof(f));
  if (p) memcpy(&f, p, sizeof(f));
  switch (AGG(c)->eMetric) {
    case FC_SKIPPED: PG_RETURN_INT64(revops_mape_skipped(&f));
    case FC_MAPE: rc = revops_mape(&f, &v); break;
    default: rc = revops_wape(&f, &v); break;
  }
  return pg_result_double(fcinfo, AGG(c)->zFn, rc, v, 0);
}

static Datum forecastCombine(FunctionCallInfo fcinfo, PgCall *c) {
  RevopsForecast *f = pg_state_rw(fcinfo, 0, PG_TAG(K_FORECAST), sizeof(*f)), o;
  const void *p = pg_state_ro(fcinfo, 1, PG_TAG(K_FORECAST), 0);
  (void)c;
  if (p) {
    memcpy(&o, p, sizeof(o));
    revops_forecast_merge(f, &o);
  }
  return pg_state_datum(f);
}

/* ------------------------------------------------------------------- nps */
static Datum npsStep(FunctionCallInfo fcinfo, PgCall *c) {
  RevopsNps *s = pg_state_rw(fcinfo, 0, PG_TAG(K_NPS), sizeof(*s));
  PgValue v;
  double d = 0;
  pg_value(fcinfo, c, 1, &v);
  if (pg_arg_number(&v, "nps", "answer", &d) == REVOPS_ARG_OK) {
    if (!(d >= 0 && d <= 10) || d != (double)(int)d) {
      pg_arg_bad(&v, "nps", "answer", "must be a whole number between 0 and 10", 0);
    }
    revops_nps_step(s, (int)d, AGG(c)->dir);
  }
  return pg_state_datum(s);
}

static Datum npsFinal(FunctionCallInfo fcinfo, PgCall *c) {
  RevopsNps s;
  const void *p = pg_state_ro(fcinfo, 0, PG_TAG(K_NPS), 0);
  double v;
  (void)c;
  if (p == 0) PG_RETURN_NULL();
  memcpy(&s, p, sizeof(s));
  if (revops_nps(&s, &v) != REVOPS_OK) PG_RETURN_NULL();
  PG_RETURN_FLOAT8(v);
}

static Datum npsCombine(FunctionCallInfo fcinfo, PgCall *c) {
  RevopsNps *s = pg_state_rw(fcinfo, 0, PG_TAG(K_NPS), sizeof(*s)), o;
  const void *p = pg_state_ro(fcinfo, 1, PG_TAG(K_NPS), 0);
  (void)c;
  if (p) {
    memcpy(&o, p, sizeof(o));
    revops_nps_merge(s, &o);
  }
  return pg_state_datum(s);
}

/* ----------------------- compensated means: decay total, brier, log loss */
typedef struct SumAgg {
  RevopsSum sum;
  int64 n;
} SumAgg;

static Datum decayStep(FunctionCallInfo fcinfo, PgCall *c) {
  SumAgg *a = pg_state_rw(fcinfo, 0, PG_TAG(K_DECAY), sizeof(*a));
  PgValue v;
  double d = 0;
  pg_value(fcinfo, c, 1, &v);
  if (pg_arg_nonneg(&v, "attribution_decay_total", "days_before_conversion", &d) == REVOPS_ARG_OK) {
    revops_sum_add(&a->sum, AGG(c)->dir * revops_attribution_decay(d));
    a->n += AGG(c)->dir;
  }
  return pg_state_datum(a);
}

static Datum decayFinal(FunctionCallInfo fcinfo, PgCall *c) {
  SumAgg a;
  const void *p = pg_state_ro(fcinfo, 0, PG_TAG(K_DECAY), 0);
  double v;
  (void)c;
  if (p == 0) PG_RETURN_NULL();
  memcpy(&a, p, sizeof(a));
  if (a.n <= 0) PG_RETURN_NULL();
  v = revops_sum_value(&a.sum);
  PG_RETURN_FLOAT8(v < 0 ? 0 : v);
}

enum { M_BRIER, M_LOGLOSS };

static Datum metricStep(FunctionCallInfo fcinfo, PgCall *c) {
  const char *zFn = AGG(c)->zFn;
  SumAgg *a = pg_state_rw(fcinfo, 0, PG_TAG(K_METRIC), sizeof(*a));
  PgValue v;
  double s = 0, y = 0;
  int rcS, rcY;
  pg_value(fcinfo, c, 1, &v);
  rcS = pg_arg_fraction(&v, zFn, "probability", &s);
  pg_value(fcinfo, c, 2, &v);
  rcY = pg_arg_number(&v, zFn, "label", &y);
  if (rcY == REVOPS_ARG_OK && y != 0 && y != 1) pg_arg_bad(&v, zFn, "label", "must be 0 or 1", 0);
  if (rcS == REVOPS_ARG_OK && rcY == REVOPS_ARG_OK) {
    revops_sum_add(&a->sum, AGG(c)->dir * (AGG(c)->eMetric == M_BRIER
                                               ? (s - y) * (s - y)
                                               : revops_log_loss_term(s, y == 1)));
    a->n += AGG(c)->dir;
  }
  return pg_state_datum(a);
}

static Datum metricFinal(FunctionCallInfo fcinfo, PgCall *c) {
  SumAgg a;
  const void *p = pg_state_ro(fcinfo, 0, PG_TAG(K_METRIC), 0);
  (void)c;
  if (p == 0) PG_RETURN_NULL();
  memcpy(&a, p, sizeof(a));
  if (a.n <= 0) PG_RETURN_NULL();
  PG_RETURN_FLOAT8(revops_sum_value(&a.sum) / (double)a.n);
}

static Datum sumCombine(FunctionCallInfo fcinfo, PgCall *c) {
  uint32 tag = PG_TAG(c->f->pArg == 0 ? K_DECAY : K_METRIC);
  SumAgg *a = pg_state_rw(fcinfo, 0, tag, sizeof(*a)), o;
  const void *p = pg_state_ro(fcinfo, 1, tag, 0);
  if (p) {
    memcpy(&o, p, sizeof(o));
    revops_sum_merge(&a->sum, &o.sum);
    a->n += o.n;
  }
  return pg_state_datum(a);
}

/* The brier_score / log_loss combine's pArg only says "metric". */
static const int kMetric = 1;

#define STEPS(name, fn, metric, step)                                 \
  {"revops_" name "_sfunc", step, &(const AggDef){fn, metric, +1}},   \
  {"revops_" name "_minvfunc", step, &(const AggDef){fn, metric, -1}}

static const PgFunc aFunc[] = {
    STEPS("weighted_pipeline", "weighted_pipeline", 0, pipelineStep),
    {"revops_weighted_pipeline_final", pipelineFinal, 0},
    {"revops_money_combine", moneyCombine, 0},
    STEPS("win_rate", "win_rate", 0, winRateStep),
    {"revops_win_rate_final", winRateFinal, 0},
    {"revops_win_rate_combine", winRateCombine, 0},
    STEPS("nrr", "nrr", RET_NRR, retentionStep),
    STEPS("grr", "grr", RET_GRR, retentionStep),
    STEPS("logo_retention", "logo_retention", RET_LOGO, retentionStep),
    {"revops_nrr_final", retentionFinal, &(const AggDef){"nrr", RET_NRR, 0}},
    {"revops_grr_final", retentionFinal, &(const AggDef){"grr", RET_GRR, 0}},
    {"revops_logo_retention_final", retentionFinal, &(const AggDef){"logo_retention", RET_LOGO, 0}},
    {"revops_retention_combine", retentionCombine, 0},
    STEPS("mape", "mape", FC_MAPE, forecastStep),
    STEPS("mape_skipped", "mape_skipped", FC_SKIPPED, forecastStep),
    STEPS("wape", "wape", FC_WAPE, forecastStep),
    {"revops_mape_final", forecastFinal, &(const AggDef){"mape", FC_MAPE, 0}},
    {"revops_mape_skipped_final", forecastFinal, &(const AggDef){"mape_skipped", FC_SKIPPED, 0}},
    {"revops_wape_final", forecastFinal, &(const AggDef){"wape", FC_WAPE, 0}},
    {"revops_forecast_combine", forecastCombine, 0},
    STEPS("nps", "nps", 0, npsStep),
    {"revops_nps_final", npsFinal, 0},
    {"revops_nps_combine", npsCombine, 0},
    STEPS("attribution_decay_total", "attribution_decay_total", 0, decayStep),
    {"revops_attribution_decay_total_final", decayFinal, 0},
    {"revops_decay_combine", sumCombine, 0},
    STEPS("brier_score", "brier_score", M_BRIER, metricStep),
    STEPS("log_loss", "log_loss", M_LOGLOSS, metricStep),
    {"revops_brier_score_final", metricFinal, 0},
    {"revops_log_loss_final", metricFinal, 0},
    {"revops_metric_combine", sumCombine, &kMetric},
};

const PgDomain revops_pg_domain_aggregates = {aFunc, PG_COUNT(aFunc)};
