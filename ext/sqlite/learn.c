/*
** learn.c — SQL binding of learned scores, backtest metrics and forecast
** ranges (docs/learn.md; the core is ext/core/learn.c).
**
**   learn_fit(label, date, lambda, name, value, ...)  aggregate: the model (JSON)
**   learn_score(model, name, value, ...)              probability
**   learn_explain(model, name, value, ...)            each feature's term (JSON)
**   win_band(probability)                             seed 001 band
**   auc(score, label), brier_score(p, label), log_loss(p, label)   aggregates
**   forecast_quantile(amount, probability, q)         aggregate
**   forecast_reach(amount, probability, target)       aggregate
**   forecast_range(amount, probability)               aggregate (JSON)
** Features are name/value pairs, so the functions need no JSON functions
** of SQLite's and work inside views under trusted_schema=OFF.
*/
#include <math.h>
#include <string.h>

#include "learn.h"
#include "revops_ext.h"

/* ------------------------------------------------------ shared helpers */

/* A 0/1 label: integer or real 0 and 1; anything else is an error. */
static int arg_label(sqlite3_context *ctx, sqlite3_value *v, const char *zFn,
                     const char *zArg, unsigned char *pY) {
  double d;
  int rc = revops_arg_number(ctx, v, zFn, zArg, &d);
  if (rc != REVOPS_ARG_OK) return rc;
  if (d != 0 && d != 1) return revops_arg_bad(ctx, v, zFn, zArg, "must be 0 or 1", 0);
  *pY = d == 1;
  return REVOPS_ARG_OK;
}

/* Grow a buffer of n used elements of size sz to hold one more. */
static int grow(void **pp, int64_t n, int64_t *pAlloc, size_t sz) {
  if (n < *pAlloc) return 1;
  {
    int64_t nNew = *pAlloc ? *pAlloc * 2 : 64;
    void *p = sqlite3_realloc64(*pp, (sqlite3_uint64)nNew * sz);
    if (p == 0) return 0;
    *pp = p;
    *pAlloc = nNew;
  }
  return 1;
}

/* ------------------------------------------------------------ learn_fit */

typedef struct FitAgg {
  double *aX;
  unsigned char *aY;
  int64_t nRow, nAllocX, nAllocY;
  int nFeat;            /* 0 until the first row */
  double lambda;
  char **azName;        /* the first row's names */
  int64_t msFrom, msTo; /* period of the dates given */
  int hasDate;
  int bad;              /* an error was set: ignore later rows */
} FitAgg;

static void fitStep(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  FitAgg *p = sqlite3_aggregate_context(ctx, sizeof(*p));
  unsigned char y;
  double lambda = 0, xv[REVOPS_LEARN_MAX_FEATURES];
  int64_t ms = 0;
  int rc, rc2, j, nFeat = (argc - 3) / 2, rcDate;
  if (p == 0) {
    sqlite3_result_error_nomem(ctx);
    return;
  }
  if (p->bad) return;
  if (argc < 5 || (argc - 3) % 2 != 0 || nFeat > REVOPS_LEARN_MAX_FEATURES) {
    revops_result_errorf(ctx,
                         "learn_fit(): takes label, date, lambda and then 1 to %d name, value pairs, got %d arguments",
                         REVOPS_LEARN_MAX_FEATURES, argc);
    p->bad = 1;
    return;
  }
  rc = arg_label(ctx, argv[0], "learn_fit", "label", &y);
  if (rc == REVOPS_ARG_BAD) goto bad;
  rcDate = revops_arg_date(ctx, argv[1], "learn_fit", "date", &ms);
  if (rcDate == REVOPS_ARG_BAD) goto bad;
  rc2 = revops_arg_number(ctx, argv[2], "learn_fit", "lambda", &lambda);
  if (rc2 == REVOPS_ARG_BAD) goto bad;
  if (rc2 == REVOPS_ARG_NULL || !(lambda > 0) || !isfinite(lambda)) {
    revops_arg_bad(ctx, argv[2], "learn_fit", "lambda", "must be a number > 0", " (the L2 penalty)");
    goto bad;
  }
  /* Names: text, the same on every row. */
  if (p->nFeat == 0) {
    p->azName = sqlite3_malloc64(sizeof(char *) * (sqlite3_uint64)nFeat);
    if (p->azName == 0) goto nomem;
    memset(p->azName, 0, sizeof(char *) * (size_t)nFeat);
    p->nFeat = nFeat;
    p->lambda = lambda;
    for (j = 0; j < nFeat; j++) {
      const char *z;
      int n, k;
      char zArg[24];
      sqlite3_snprintf(sizeof(zArg), zArg, "name %d", j + 1);
      rc2 = revops_arg_text(ctx, argv[3 + 2 * j], "learn_fit", zArg, &z, &n);
      if (rc2 == REVOPS_ARG_BAD) goto bad;
      if (rc2 == REVOPS_ARG_NULL || n < 1 || n > REVOPS_LEARN_MAX_NAME) {
        revops_arg_bad(ctx, argv[3 + 2 * j], "learn_fit", zArg, "must be text of 1 to 64 bytes", 0);
        goto bad;
      }
      p->azName[j] = sqlite3_mprintf("%s", z);
      if (p->azName[j] == 0) goto nomem;
      for (k = 0; k < j; k++) {
        if (strcmp(p->azName[k], z) == 0) {
          revops_result_errorf(ctx, "learn_fit(): %s must differ from the others, got '%s' twice", zArg, z);
          goto bad;
        }
      }
    }
  } else {
    if (nFeat != p->nFeat) {
      revops_result_errorf(ctx, "learn_fit(): every row must give the same features, got %d then %d pairs",
                           p->nFeat, nFeat);
      goto bad;
    }
    if (lambda != p->lambda) {
      revops_result_errorf(ctx, "learn_fit(): lambda must be the same on every row, got %!.15g then %!.15g",
                           p->lambda, lambda);
      goto bad;
    }
    for (j = 0; j < nFeat; j++) {
      sqlite3_value *v = argv[3 + 2 * j];
      const char *z = (const char *)sqlite3_value_text(v);
      if (sqlite3_value_type(v) != SQLITE_TEXT || z == 0 || strcmp(z, p->azName[j]) != 0) {
        char *zGot = revops_describe_value(v);
        revops_result_errorf(ctx, "learn_fit(): name %d must be the same on every row, got '%s' then %s", j + 1,
                             p->azName[j], zGot ? zGot : "?");
        sqlite3_free(zGot);
        goto bad;
      }
    }
  }
  for (j = 0; j < nFeat; j++) {
    char zArg[24];
    sqlite3_snprintf(sizeof(zArg), zArg, "value %d", j + 1);
    rc2 = revops_arg_number(ctx, argv[4 + 2 * j], "learn_fit", zArg, &xv[j]);
    if (rc2 == REVOPS_ARG_BAD) goto bad;
    if (rc2 == REVOPS_ARG_NULL) xv[j] = NAN; /* missing: imputed by the mean */
    else if (!isfinite(xv[j])) {
      revops_arg_bad(ctx, argv[4 + 2 * j], "learn_fit", zArg, "must be finite", 0);
      goto bad;
    }
  }
  if (rc == REVOPS_ARG_NULL) return; /* no label: the row is checked, then skipped */
  if (p->nRow >= REVOPS_LEARN_MAX_ROWS) {
    revops_result_errorf(ctx, "learn_fit(): takes at most %d rows per model", REVOPS_LEARN_MAX_ROWS);
    goto bad;
  }
  if (!grow((void **)&p->aY, p->nRow, &p->nAllocY, 1)) goto nomem;
  if (!grow((void **)&p->aX, p->nRow * nFeat + nFeat - 1, &p->nAllocX, sizeof(double))) goto nomem;
  memcpy(p->aX + p->nRow * nFeat, xv, (size_t)nFeat * sizeof(double));
  p->aY[p->nRow++] = y;
  if (rcDate == REVOPS_ARG_OK) {
    if (!p->hasDate || ms < p->msFrom) p->msFrom = ms;
    if (!p->hasDate || ms > p->msTo) p->msTo = ms;
    p->hasDate = 1;
  }
  return;
nomem:
  sqlite3_result_error_nomem(ctx);
bad:
  p->bad = 1;
}

static void fit_free(FitAgg *p) {
  int j;
  if (p->azName) {
    for (j = 0; j < p->nFeat; j++) sqlite3_free(p->azName[j]);
  }
  sqlite3_free(p->azName);
  sqlite3_free(p->aX);
  sqlite3_free(p->aY);
}

static void fitFinal(sqlite3_context *ctx) {
  FitAgg *p = sqlite3_aggregate_context(ctx, 0);
  RevopsLogit *m;
  char zErr[REVOPS_ERRMSG_SIZE];
  int j;
  if (p == 0) {
    sqlite3_result_null(ctx);
    return;
  }
  if (p->bad || p->nRow == 0) {
    if (!p->bad) sqlite3_result_null(ctx);
    fit_free(p);
    return;
  }
  m = sqlite3_malloc(sizeof(*m));
  if (m == 0) {
    sqlite3_result_error_nomem(ctx);
    fit_free(p);
    return;
  }
  memset(m, 0, sizeof(*m));
  zErr[0] = 0;
  if (revops_logit_fit(p->aX, p->aY, p->nRow, p->nFeat, p->lambda, m, zErr, sizeof(zErr)) != REVOPS_OK) {
    if (strcmp(zErr, "out of memory") == 0) sqlite3_result_error_nomem(ctx);
    else revops_result_errorf(ctx, "learn_fit(): %s", zErr);
  } else {
    for (j = 0; j < p->nFeat; j++) memcpy(m->aFeat[j].zName, p->azName[j], strlen(p->azName[j]) + 1);
    if (p->hasDate) {
      revops_format_date(p->msFrom, m->zFrom);
      revops_format_date(p->msTo, m->zTo);
    }
    revops_result_json(ctx, revops_logit_json(m));
  }
  sqlite3_free(m);
  fit_free(p);
}

/* ------------------------------------------- learn_score, learn_explain */

/* The last model parsed on this connection, kept by its text: views score
** thousands of rows against one model read from a table, which SQLite's
** auxdata would not keep (the argument is not a constant). */
typedef struct LearnApp {
  int nRef;
  char *zText;
  int nText;
  RevopsLogit model;
} LearnApp;

static void learn_app_release(void *pArg) {
  LearnApp *app = (LearnApp *)pArg;
  if (--app->nRef == 0) {
    sqlite3_free(app->zText);
    sqlite3_free(app);
  }
}

static const RevopsLogit *learn_model(sqlite3_context *ctx, sqlite3_value *v, const char *zFn, int *pNull) {
  LearnApp *app = (LearnApp *)sqlite3_user_data(ctx);
  const char *z;
  int n, rc;
  char zErr[REVOPS_ERRMSG_SIZE];
  *pNull = 0;
  rc = revops_arg_text(ctx, v, zFn, "model", &z, &n);
  if (rc == REVOPS_ARG_NULL) *pNull = 1;
  if (rc != REVOPS_ARG_OK) return 0;
  if (app->zText && app->nText == n && memcmp(app->zText, z, (size_t)n) == 0) return &app->model;
  sqlite3_free(app->zText);
  app->zText = 0;
  zErr[0] = 0;
  if (revops_logit_parse(z, (size_t)n, &app->model, zErr, sizeof(zErr)) != REVOPS_OK) {
    if (strcmp(zErr, "out of memory") == 0) sqlite3_result_error_nomem(ctx);
    else revops_result_errorf(ctx, "%s(): model %s", zFn, zErr);
    return 0;
  }
  app->zText = sqlite3_malloc(n > 0 ? n : 1);
  if (app->zText == 0) {
    sqlite3_result_error_nomem(ctx);
    return 0;
  }
  memcpy(app->zText, z, (size_t)n);
  app->nText = n;
  return &app->model;
}

/* Read the name/value pairs after the model into ax[] in the model's
** feature order.  0 after setting an error. */
static int read_pairs(sqlite3_context *ctx, int argc, sqlite3_value **argv, const char *zFn,
                      const RevopsLogit *m, double *ax) {
  unsigned long long seen = 0;
  int i, j, nPair = (argc - 1) / 2;
  if ((argc - 1) % 2 != 0 || nPair != m->nFeat) {
    revops_result_errorf(ctx, "%s(): takes the model and one name, value pair per model feature (%d), got %d arguments",
                         zFn, m->nFeat, argc);
    return 0;
  }
  for (i = 0; i < nPair; i++) {
    sqlite3_value *vName = argv[1 + 2 * i], *vVal = argv[2 + 2 * i];
    const char *z = (const char *)sqlite3_value_text(vName);
    double d;
    int rc;
    char zArg[24];
    if (sqlite3_value_type(vName) != SQLITE_TEXT || z == 0) {
      sqlite3_snprintf(sizeof(zArg), zArg, "name %d", i + 1);
      revops_arg_bad(ctx, vName, zFn, zArg, "must be text", 0);
      return 0;
    }
    j = i; /* pairs usually come in the model's order */
    if (strcmp(m->aFeat[j].zName, z) != 0) {
      for (j = 0; j < m->nFeat && strcmp(m->aFeat[j].zName, z) != 0; j++) {}
    }
    if (j == m->nFeat) {
      revops_result_errorf(ctx, "%s(): name %d must be a feature of the model, got '%s'", zFn, i + 1, z);
      return 0;
    }
    if (seen & (1ULL << j)) {
      revops_result_errorf(ctx, "%s(): name %d repeats feature '%s'", zFn, i + 1, z);
      return 0;
    }
    seen |= 1ULL << j;
    sqlite3_snprintf(sizeof(zArg), zArg, "value %d", i + 1);
    rc = revops_arg_number(ctx, vVal, zFn, zArg, &d);
    if (rc == REVOPS_ARG_BAD) return 0;
    ax[j] = rc == REVOPS_ARG_NULL ? NAN : d;
  }
  return 1;
}

static void scoreFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  double ax[REVOPS_LEARN_MAX_FEATURES];
  int isNull;
  const RevopsLogit *m = learn_model(ctx, argv[0], "learn_score", &isNull);
  if (m == 0) {
    if (isNull) sqlite3_result_null(ctx);
    return;
  }
  if (!read_pairs(ctx, argc, argv, "learn_score", m, ax)) return;
  sqlite3_result_double(ctx, revops_logit_prob(revops_logit_linear(m, ax, 0)));
}

static void explainFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  double ax[REVOPS_LEARN_MAX_FEATURES], ac[REVOPS_LEARN_MAX_FEATURES], z;
  int isNull, j;
  char *zOut;
  sqlite3_str *s;
  const RevopsLogit *m = learn_model(ctx, argv[0], "learn_explain", &isNull);
  if (m == 0) {
    if (isNull) sqlite3_result_null(ctx);
    return;
  }
  if (!read_pairs(ctx, argc, argv, "learn_explain", m, ax)) return;
  z = revops_logit_linear(m, ax, ac);
  s = sqlite3_str_new(0);
  sqlite3_str_appendf(s, "{\"probability\":%!.15g,\"logit\":%!.15g,\"intercept\":%!.15g,\"features\":[",
                      revops_logit_prob(z), z, m->intercept);
  for (j = 0; j < m->nFeat; j++) {
    sqlite3_str_appendf(s, "%s{\"name\":\"%w\",\"value\":", j ? "," : "", m->aFeat[j].zName);
    if (isnan(ax[j])) sqlite3_str_appendall(s, "null");
    else sqlite3_str_appendf(s, "%!.15g", ax[j]);
    sqlite3_str_appendf(s, ",\"contribution\":%!.15g}", ac[j]);
  }
  sqlite3_str_appendall(s, "]}");
  zOut = sqlite3_str_finish(s);
  if (zOut == 0) {
    sqlite3_result_error_nomem(ctx);
    return;
  }
  sqlite3_result_text(ctx, zOut, -1, sqlite3_free);
  sqlite3_result_subtype(ctx, 'J');
}

static void winBandFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  double p;
  (void)argc;
  if (revops_arg_fraction(ctx, argv[0], "win_band", "probability", &p) != REVOPS_ARG_OK) return;
  sqlite3_result_text(ctx, revops_win_band(p), -1, SQLITE_STATIC);
}

/* -------------------------------------------------------------- metrics */

typedef struct MetricAgg {
  double *aS;
  unsigned char *aY;
  int64_t n, nAllocS, nAllocY;
  RevopsSum sum;
  int bad;
} MetricAgg;

enum { M_AUC, M_BRIER, M_LOGLOSS };
static const char *const azMetric[] = {"auc", "brier_score", "log_loss"};

static void metricStep(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  int eFn = (int)(intptr_t)sqlite3_user_data(ctx);
  const char *zFn = azMetric[eFn];
  MetricAgg *p = sqlite3_aggregate_context(ctx, sizeof(*p));
  double s;
  unsigned char y;
  int rcS, rcY;
  (void)argc;
  if (p == 0) {
    sqlite3_result_error_nomem(ctx);
    return;
  }
  if (p->bad) return;
  rcS = eFn == M_AUC ? revops_arg_number(ctx, argv[0], zFn, "score", &s)
                     : revops_arg_fraction(ctx, argv[0], zFn, "probability", &s);
  if (rcS == REVOPS_ARG_BAD) goto bad;
  rcY = arg_label(ctx, argv[1], zFn, "label", &y);
  if (rcY == REVOPS_ARG_BAD) goto bad;
  if (rcS == REVOPS_ARG_NULL || rcY == REVOPS_ARG_NULL) return;
  if (eFn == M_AUC) {
    if (p->n >= REVOPS_LEARN_MAX_ROWS * 10) {
      revops_result_errorf(ctx, "auc(): takes at most %d rows", REVOPS_LEARN_MAX_ROWS * 10);
      goto bad;
    }
    if (!grow((void **)&p->aS, p->n, &p->nAllocS, sizeof(double)) ||
        !grow((void **)&p->aY, p->n, &p->nAllocY, 1)) {
      sqlite3_result_error_nomem(ctx);
      goto bad;
    }
    p->aS[p->n] = s;
    p->aY[p->n] = y;
  } else if (eFn == M_BRIER) {
    revops_sum_add(&p->sum, (s - y) * (s - y));
  } else {
    revops_sum_add(&p->sum, revops_log_loss_term(s, y));
  }
  p->n++;
  return;
bad:
  p->bad = 1;
}

static void metricFinal(sqlite3_context *ctx) {
  int eFn = (int)(intptr_t)sqlite3_user_data(ctx);
  MetricAgg *p = sqlite3_aggregate_context(ctx, 0);
  if (p == 0 || p->bad) {
    if (p == 0) sqlite3_result_null(ctx);
  } else if (p->n == 0) {
    sqlite3_result_null(ctx);
  } else if (eFn == M_AUC) {
    double auc;
    int rc = revops_auc(p->aS, p->aY, p->n, &auc);
    if (rc == REVOPS_OK) sqlite3_result_double(ctx, auc);
    else if (rc == REVOPS_ERROR) sqlite3_result_null(ctx); /* one label only */
    else sqlite3_result_error_nomem(ctx);
  } else {
    sqlite3_result_double(ctx, revops_sum_value(&p->sum) / (double)p->n);
  }
  if (p) {
    sqlite3_free(p->aS);
    sqlite3_free(p->aY);
  }
}

/* ------------------------------------------------------ forecast ranges */

typedef struct RangeAgg {
  double *aAmt, *aProb;
  int64_t n, nAllocA, nAllocP;
  double param; /* q or target, from the first row */
  int hasParam;
  int bad;
} RangeAgg;

enum { R_QUANTILE, R_REACH, R_RANGE };
static const char *const azRange[] = {"forecast_quantile", "forecast_reach", "forecast_range"};

static void rangeStep(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  int eFn = (int)(intptr_t)sqlite3_user_data(ctx);
  const char *zFn = azRange[eFn];
  RangeAgg *p = sqlite3_aggregate_context(ctx, sizeof(*p));
  double a, pr, q = 0;
  int rcA, rcP;
  (void)argc;
  if (p == 0) {
    sqlite3_result_error_nomem(ctx);
    return;
  }
  if (p->bad) return;
  rcA = revops_arg_nonneg(ctx, argv[0], zFn, "amount", &a);
  if (rcA == REVOPS_ARG_BAD) goto bad;
  if (rcA == REVOPS_ARG_OK && !(a <= REVOPS_MONEY_MAX)) {
    revops_arg_bad(ctx, argv[0], zFn, "amount", "must be at most 9e14", 0);
    goto bad;
  }
  rcP = revops_arg_fraction(ctx, argv[1], zFn, "probability", &pr);
  if (rcP == REVOPS_ARG_BAD) goto bad;
  if (eFn != R_RANGE) {
    const char *zArg = eFn == R_QUANTILE ? "q" : "target";
    int rc = eFn == R_QUANTILE ? revops_arg_fraction(ctx, argv[2], zFn, zArg, &q)
                               : revops_arg_nonneg(ctx, argv[2], zFn, zArg, &q);
    if (rc == REVOPS_ARG_BAD) goto bad;
    if (rc == REVOPS_ARG_NULL) {
      revops_arg_bad(ctx, argv[2], zFn, zArg, "must not be NULL", 0);
      goto bad;
    }
    if (p->hasParam && q != p->param) {
      revops_result_errorf(ctx, "%s(): %s must be the same on every row, got %!.15g then %!.15g", zFn, zArg,
                           p->param, q);
      goto bad;
    }
    p->param = q;
    p->hasParam = 1;
  }
  if (rcA == REVOPS_ARG_NULL || rcP == REVOPS_ARG_NULL) return;
  if (p->n >= REVOPS_RANGE_MAX_DEALS) {
    revops_result_errorf(ctx, "%s(): takes at most %d deals", zFn, REVOPS_RANGE_MAX_DEALS);
    goto bad;
  }
  if (!grow((void **)&p->aAmt, p->n, &p->nAllocA, sizeof(double)) ||
      !grow((void **)&p->aProb, p->n, &p->nAllocP, sizeof(double))) {
    sqlite3_result_error_nomem(ctx);
    goto bad;
  }
  p->aAmt[p->n] = a;
  p->aProb[p->n++] = pr;
  return;
bad:
  p->bad = 1;
}

static void rangeFinal(sqlite3_context *ctx) {
  int eFn = (int)(intptr_t)sqlite3_user_data(ctx);
  RangeAgg *p = sqlite3_aggregate_context(ctx, 0);
  RevopsRange r;
  char zErr[REVOPS_ERRMSG_SIZE];
  RangeAgg empty;
  if (p == 0) {
    memset(&empty, 0, sizeof(empty));
    p = &empty;
  }
  if (p->bad) goto done;
  if (eFn == R_QUANTILE && !p->hasParam) { /* no rows at all */
    sqlite3_result_null(ctx);
    goto done;
  }
  zErr[0] = 0;
  if (revops_range_build(p->aAmt, p->aProb, p->n, &r, zErr, sizeof(zErr)) != REVOPS_OK) {
    if (strcmp(zErr, "out of memory") == 0) sqlite3_result_error_nomem(ctx);
    else revops_result_errorf(ctx, "%s(): %s", azRange[eFn], zErr);
    goto done;
  }
  if (eFn == R_QUANTILE) {
    sqlite3_result_double(ctx, revops_range_quantile(&r, p->param));
  } else if (eFn == R_REACH) {
    /* no deals: the total is 0 for certain */
    sqlite3_result_double(ctx, p->hasParam ? revops_range_reach(&r, p->param) : 0.0);
  } else {
    char *z = sqlite3_mprintf(
        "{\"deals\":%lld,\"mean\":%!.15g,\"p10\":%!.15g,\"p50\":%!.15g,\"p90\":%!.15g,"
        "\"step\":%!.15g,\"error_bound\":%!.15g}",
        (long long)r.nDeal, r.mean, revops_range_quantile(&r, 0.1), revops_range_quantile(&r, 0.5),
        revops_range_quantile(&r, 0.9), r.step, r.errBound);
    if (z == 0) sqlite3_result_error_nomem(ctx);
    else {
      sqlite3_result_text(ctx, z, -1, sqlite3_free);
      sqlite3_result_subtype(ctx, 'J');
    }
  }
  revops_range_free(&r);
done:
  sqlite3_free(p->aAmt);
  sqlite3_free(p->aProb);
}

/* ---------------------------------------------------------- registration */

#define REVOPS_AGG(name, n, flags, step, final) {name, n, flags, 0, step, final, 0, 0}

static const RevopsFunc aLearnFunc[] = {
    REVOPS_AGG("learn_fit", -1, REVOPS_PURE_JSON, fitStep, fitFinal),
    REVOPS_SCALAR("learn_score", -1, REVOPS_PURE, scoreFunc),
    REVOPS_SCALAR("learn_explain", -1, REVOPS_PURE_JSON, explainFunc),
    REVOPS_SCALAR("win_band", 1, REVOPS_PURE, winBandFunc),
    REVOPS_AGG("auc", 2, REVOPS_PURE, metricStep, metricFinal),
    REVOPS_AGG("brier_score", 2, REVOPS_PURE, metricStep, metricFinal),
    REVOPS_AGG("log_loss", 2, REVOPS_PURE, metricStep, metricFinal),
    REVOPS_AGG("forecast_quantile", 3, REVOPS_PURE, rangeStep, rangeFinal),
    REVOPS_AGG("forecast_reach", 3, REVOPS_PURE, rangeStep, rangeFinal),
    REVOPS_AGG("forecast_range", 2, REVOPS_PURE_JSON, rangeStep, rangeFinal),
};

/* learn_score and learn_explain share one model cache (LearnApp); the
** metric and range aggregates take their index as user data. */
static int learn_register(sqlite3 *db, const RevopsDomain *pDomain) {
  int i, rc;
  LearnApp *app = sqlite3_malloc(sizeof(*app));
  if (app == 0) return SQLITE_NOMEM;
  memset(app, 0, sizeof(*app));
  app->nRef = 1;
  app->nRef++;
  rc = revops_register_funcs(db, &pDomain->aFunc[1], 1, app, learn_app_release);
  if (rc == SQLITE_OK) {
    app->nRef++;
    rc = revops_register_funcs(db, &pDomain->aFunc[2], 1, app, learn_app_release);
  }
  learn_app_release(app);
  if (rc == SQLITE_OK) rc = revops_register_funcs(db, &pDomain->aFunc[0], 1, 0, 0);
  if (rc == SQLITE_OK) rc = revops_register_funcs(db, &pDomain->aFunc[3], 1, 0, 0);
  for (i = 4; i < pDomain->nFunc && rc == SQLITE_OK; i++) {
    rc = revops_register_funcs(db, &pDomain->aFunc[i], 1, (void *)(intptr_t)(i < 7 ? i - 4 : i - 7), 0);
  }
  return rc;
}

const RevopsDomain revops_domain_learn = {
    "learn", aLearnFunc, REVOPS_COUNT(aLearnFunc), 0, 0, learn_register};
