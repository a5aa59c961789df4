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

/* A 0/1 label: integer or real 0 and 1; anything else is an error (the
** rules of this file's arguments are ext/core/args.c's). */
static int arg_label(sqlite3_context *ctx, sqlite3_value *v, const char *zFn,
                     const char *zArg, unsigned char *pY) {
  RevopsArg arg = {zArg, REVOPS_RULE_LABEL, 0};
  RevopsArgRead rd;
  int rc = revops_arg_value(ctx, v, zFn, &arg, &rd);
  if (rc == REVOPS_ARG_OK) *pY = rd.r == 1;
  return rc;
}

/* Feature value i (0-based): a number within +-REVOPS_LEARN_MAX_VALUE (so
** that sums of squares over a million rows cannot overflow), or NULL.  The
** argument's name ("value 3") is only formatted for an error: this runs
** per row and per feature. */
static int arg_value(sqlite3_context *ctx, sqlite3_value *v, const char *zFn, int i, double *pOut) {
  char zArg[24];
  int rc, t = sqlite3_value_type(v);
  if (t == SQLITE_NULL) return REVOPS_ARG_NULL;
  if (t == SQLITE_INTEGER || t == SQLITE_FLOAT) {
    *pOut = sqlite3_value_double(v);
    if (fabs(*pOut) <= REVOPS_LEARN_MAX_VALUE) return REVOPS_ARG_OK;
  }
  sqlite3_snprintf(sizeof(zArg), zArg, "value %d", i + 1);
  {
    RevopsArg arg = {zArg, REVOPS_RULE_FEATURE, 0};
    RevopsArgRead rd;
    rc = revops_arg_value(ctx, v, zFn, &arg, &rd);
    *pOut = rd.r;
  }
  return rc;
}

/* The rows an aggregate keeps (learn_fit, auc, the forecast ranges), as
** nCol doubles each.  Every aggregate here is also a window function: the
** inverse step removes the oldest row, which is the one leaving a window
** frame (SQLite removes rows in the order it added them); a row that does
** not match is looked up and swapped out, so the result never depends on
** that order. */
typedef struct RowStore {
  double *a;
  int64_t iStart, nEnd, nAlloc; /* rows [iStart, nEnd) are live */
  int nCol;
} RowStore;

static int64_t rows_count(const RowStore *r) { return r->nEnd - r->iStart; }

static int rows_push(RowStore *r, const double *row) {
  if (r->nEnd == r->nAlloc) {
    int64_t live = rows_count(r);
    if (r->iStart > 0 && r->iStart >= live) { /* compact before growing */
      memmove(r->a, r->a + r->iStart * r->nCol, (size_t)(live * r->nCol) * sizeof(double));
      r->iStart = 0;
      r->nEnd = live;
    } else {
      int64_t nNew = r->nAlloc ? r->nAlloc * 2 : 64;
      double *aNew = sqlite3_realloc64(r->a, (sqlite3_uint64)(nNew * r->nCol) * sizeof(double));
      if (aNew == 0) return 0;
      r->a = aNew;
      r->nAlloc = nNew;
    }
  }
  memcpy(r->a + r->nEnd * r->nCol, row, (size_t)r->nCol * sizeof(double));
  r->nEnd++;
  return 1;
}

static void rows_pop(RowStore *r, const double *row) {
  size_t sz = (size_t)r->nCol * sizeof(double);
  int64_t j;
  for (j = r->iStart; j < r->nEnd; j++) {
    if (memcmp(r->a + j * r->nCol, row, sz) == 0) break;
  }
  if (j == r->nEnd) return; /* never added */
  if (j != r->iStart) memcpy(r->a + j * r->nCol, r->a + r->iStart * r->nCol, sz);
  r->iStart++;
}

static void rows_free(RowStore *r) {
  sqlite3_free(r->a);
  memset(r, 0, sizeof(*r));
}

/* Row values are compared bit for bit: one NaN for "missing". */
static const double kMissing = NAN;

/* ------------------------------------------------------------ learn_fit */

/* A row: label, date (ms, or missing), then the values. */
typedef struct FitAgg {
  RowStore rows;
  int nFeat;     /* 0 until the first row */
  double lambda;
  char **azName; /* the first row's names */
} FitAgg;

enum { ROW_OK, ROW_SKIP, ROW_BAD };

/* Check a row's arguments and fill row[]; ROW_SKIP for a NULL label (the
** row is checked, then skipped). */
static int fit_row(sqlite3_context *ctx, FitAgg *p, int argc, sqlite3_value **argv, double *row) {
  unsigned char y = 0;
  double lambda = 0;
  int64_t ms = 0;
  int rc, rc2, j, nFeat = (argc - 3) / 2, rcDate;
  if (argc < 5 || (argc - 3) % 2 != 0 || nFeat > REVOPS_LEARN_MAX_FEATURES) {
    revops_result_errorf(ctx,
                         "learn_fit(): takes label, date, lambda and then 1 to %d name, value pairs, got %d arguments",
                         REVOPS_LEARN_MAX_FEATURES, argc);
    return ROW_BAD;
  }
  rc = arg_label(ctx, argv[0], "learn_fit", "label", &y);
  if (rc == REVOPS_ARG_BAD) return ROW_BAD;
  rcDate = revops_arg_date(ctx, argv[1], "learn_fit", "date", &ms);
  if (rcDate == REVOPS_ARG_BAD) return ROW_BAD;
  {
    static const RevopsArg aLambda = {"lambda", REVOPS_RULE_PENALTY, 0};
    RevopsArgRead rd;
    if (revops_arg_value(ctx, argv[2], "learn_fit", &aLambda, &rd) == REVOPS_ARG_BAD) return ROW_BAD;
    lambda = rd.r;
  }
  /* Names: text, the same on every row. */
  if (p->nFeat == 0) {
    p->azName = sqlite3_malloc64(sizeof(char *) * (sqlite3_uint64)nFeat);
    if (p->azName == 0) goto nomem;
    memset(p->azName, 0, sizeof(char *) * (size_t)nFeat);
    p->nFeat = nFeat;
    p->lambda = lambda;
    p->rows.nCol = nFeat + 2;
    for (j = 0; j < nFeat; j++) {
      const char *z;
      int k;
      char zArg[24];
      RevopsArg arg = {zArg, REVOPS_RULE_NAME, 0};
      RevopsArgRead rd;
      sqlite3_snprintf(sizeof(zArg), zArg, "name %d", j + 1);
      if (revops_arg_value(ctx, argv[3 + 2 * j], "learn_fit", &arg, &rd) == REVOPS_ARG_BAD) {
        return ROW_BAD;
      }
      z = rd.z;
      p->azName[j] = sqlite3_mprintf("%s", z);
      if (p->azName[j] == 0) goto nomem;
      for (k = 0; k < j; k++) {
        if (strcmp(p->azName[k], z) == 0) {
          revops_result_errorf(ctx, "learn_fit(): %s must differ from the others, got '%s' twice", zArg, z);
          return ROW_BAD;
        }
      }
    }
  } else {
    if (nFeat != p->nFeat) {
      revops_result_errorf(ctx, "learn_fit(): every row must give the same features, got %d then %d pairs",
                           p->nFeat, nFeat);
      return ROW_BAD;
    }
    if (lambda != p->lambda) {
      revops_result_errorf(ctx, "learn_fit(): lambda must be the same on every row, got %!.15g then %!.15g",
                           p->lambda, lambda);
      return ROW_BAD;
    }
    for (j = 0; j < nFeat; j++) {
      sqlite3_value *v = argv[3 + 2 * j];
      const char *z = (const char *)sqlite3_value_text(v);
      if (sqlite3_value_type(v) != SQLITE_TEXT || z == 0 || strcmp(z, p->azName[j]) != 0) {
        char *zGot = revops_describe_value(v);
        revops_result_errorf(ctx, "learn_fit(): name %d must be the same on every row, got '%s' then %s", j + 1,
                             p->azName[j], zGot ? zGot : "?");
        sqlite3_free(zGot);
        return ROW_BAD;
      }
    }
  }
  for (j = 0; j < nFeat; j++) {
    double *x = &row[2 + j];
    rc2 = arg_value(ctx, argv[4 + 2 * j], "learn_fit", j, x);
    if (rc2 == REVOPS_ARG_BAD) return ROW_BAD;
    if (rc2 == REVOPS_ARG_NULL) *x = kMissing; /* imputed by the mean */
    else if (*x == 0) {
      *x = 0.0; /* -0.0 and 0.0: one value */
    }
  }
  if (rc == REVOPS_ARG_NULL) return ROW_SKIP;
  row[0] = y;
  row[1] = rcDate == REVOPS_ARG_OK ? (double)ms : kMissing;
  return ROW_OK;
nomem:
  sqlite3_result_error_nomem(ctx);
  return ROW_BAD;
}

static void fitStep(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  FitAgg *p = sqlite3_aggregate_context(ctx, sizeof(*p));
  double row[REVOPS_LEARN_MAX_FEATURES + 2];
  if (p == 0) {
    sqlite3_result_error_nomem(ctx);
    return;
  }
  if (fit_row(ctx, p, argc, argv, row) != ROW_OK) return;
  if (rows_count(&p->rows) >= REVOPS_LEARN_MAX_ROWS ||
      (rows_count(&p->rows) + 1) * p->nFeat > REVOPS_LEARN_MAX_VALUES) {
    revops_result_errorf(ctx, "learn_fit(): takes at most %d rows and %d values (rows x features) per model",
                         REVOPS_LEARN_MAX_ROWS, REVOPS_LEARN_MAX_VALUES);
    return;
  }
  if (!rows_push(&p->rows, row)) sqlite3_result_error_nomem(ctx);
}

static void fitInverse(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  FitAgg *p = sqlite3_aggregate_context(ctx, sizeof(*p));
  double row[REVOPS_LEARN_MAX_FEATURES + 2];
  if (p && fit_row(ctx, p, argc, argv, row) == ROW_OK) rows_pop(&p->rows, row);
}

static void fit_result(sqlite3_context *ctx, FitAgg *p) {
  RevopsLogit *m;
  char zErr[REVOPS_ERRMSG_SIZE];
  int64_t n = p ? rows_count(&p->rows) : 0;
  int rc;
  if (n == 0) {
    sqlite3_result_null(ctx);
    return;
  }
  m = sqlite3_malloc(sizeof(*m));
  if (m == 0) {
    sqlite3_result_error_nomem(ctx);
    return;
  }
  zErr[0] = 0;
  rc = revops_logit_fit_rows(p->rows.a + p->rows.iStart * p->rows.nCol, n, p->nFeat,
                             (const char *const *)p->azName, p->lambda, m, zErr, sizeof(zErr));
  if (rc == REVOPS_OK) revops_result_json(ctx, revops_logit_json(m));
  else if (rc == REVOPS_NOMEM) sqlite3_result_error_nomem(ctx);
  else revops_result_errorf(ctx, "learn_fit(): %s", zErr);
  sqlite3_free(m);
}

static void fitValue(sqlite3_context *ctx) { fit_result(ctx, sqlite3_aggregate_context(ctx, 0)); }

static void fitFinal(sqlite3_context *ctx) {
  FitAgg *p = sqlite3_aggregate_context(ctx, 0);
  int j;
  fit_result(ctx, p);
  if (p == 0) return;
  if (p->azName) {
    for (j = 0; j < p->nFeat; j++) sqlite3_free(p->azName[j]);
  }
  sqlite3_free(p->azName);
  rows_free(&p->rows);
}

/* ------------------------------------------- learn_score, learn_explain */

/* A parsed model, shared by reference: the connection's cache holds the
** last one parsed (by its text), and SQLite's auxdata holds one for as
** long as a statement's model argument stays the same value, so scoring a
** million rows neither parses nor compares the text per row.  (Views
** score against a model read by a subquery, which auxdata alone would not
** keep: the argument is not a compile-time constant.) */
typedef struct LearnModel {
  int nRef;
  char *zText;
  int nText;
  RevopsLogit m;
} LearnModel;

typedef struct LearnApp {
  int nRef;           /* registrations holding this (one xDestroy each) */
  LearnModel *pLast;  /* last model parsed on this connection */
} LearnApp;

static void learn_model_release(void *pArg) {
  LearnModel *p = (LearnModel *)pArg;
  if (p && --p->nRef == 0) {
    sqlite3_free(p->zText);
    sqlite3_free(p);
  }
}

static void learn_app_release(void *pArg) {
  LearnApp *app = (LearnApp *)pArg;
  if (--app->nRef == 0) {
    learn_model_release(app->pLast);
    sqlite3_free(app);
  }
}

static const RevopsLogit *learn_model(sqlite3_context *ctx, sqlite3_value *v, const char *zFn, int *pNull) {
  LearnApp *app = (LearnApp *)sqlite3_user_data(ctx);
  LearnModel *p = (LearnModel *)sqlite3_get_auxdata(ctx, 0);
  const char *z;
  int n, rc;
  char zErr[REVOPS_ERRMSG_SIZE];
  *pNull = 0;
  if (p) return &p->m;
  rc = revops_arg_text(ctx, v, zFn, "model", &z, &n);
  if (rc == REVOPS_ARG_NULL) *pNull = 1;
  if (rc != REVOPS_ARG_OK) return 0;
  if (app->pLast && app->pLast->nText == n && memcmp(app->pLast->zText, z, (size_t)n) == 0) {
    p = app->pLast;
  } else {
    p = sqlite3_malloc(sizeof(*p));
    if (p == 0) goto nomem;
    memset(p, 0, sizeof(*p));
    p->nRef = 1; /* the cache's */
    zErr[0] = 0;
    rc = revops_logit_parse(z, (size_t)n, &p->m, zErr, sizeof(zErr));
    if (rc != REVOPS_OK) {
      learn_model_release(p);
      if (rc == REVOPS_NOMEM) goto nomem;
      revops_result_errorf(ctx, "%s(): model %s", zFn, zErr);
      return 0;
    }
    p->zText = sqlite3_malloc(n > 0 ? n : 1);
    if (p->zText == 0) {
      learn_model_release(p);
      goto nomem;
    }
    memcpy(p->zText, z, (size_t)n);
    p->nText = n;
    learn_model_release(app->pLast);
    app->pLast = p;
  }
  /* The caller uses p before returning; the cache's reference keeps it
  ** alive even when SQLite drops the auxdata at once. */
  p->nRef++;
  sqlite3_set_auxdata(ctx, 0, p, learn_model_release);
  return &p->m;
nomem:
  sqlite3_result_error_nomem(ctx);
  return 0;
}

/* Feature name zName (NUL-terminated, at most REVOPS_LEARN_MAX_NAME bytes)
** equals z[0..n): lengths first, then bytes. */
static int name_is(const char *zName, const char *z, int n) {
  return n <= REVOPS_LEARN_MAX_NAME && zName[n] == 0 && memcmp(zName, z, (size_t)n) == 0;
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
    const char *z = sqlite3_value_type(vName) == SQLITE_TEXT ? (const char *)sqlite3_value_text(vName) : 0;
    double d;
    int rc, n;
    char zArg[24];
    if (z == 0) {
      sqlite3_snprintf(sizeof(zArg), zArg, "name %d", i + 1);
      revops_arg_bad(ctx, vName, zFn, zArg, "must be text", 0);
      return 0;
    }
    n = sqlite3_value_bytes(vName);
    j = i; /* pairs usually come in the model's order */
    if (!name_is(m->aFeat[j].zName, z, n)) {
      for (j = 0; j < m->nFeat && !name_is(m->aFeat[j].zName, z, n); j++) {}
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
    rc = arg_value(ctx, vVal, zFn, i, &d);
    if (rc == REVOPS_ARG_BAD) return 0;
    ax[j] = rc == REVOPS_ARG_NULL ? NAN : d;
  }
  return 1;
}

static void scoreFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  double ax[REVOPS_LEARN_MAX_FEATURES], z;
  int isNull;
  const RevopsLogit *m;
  if (argc < 1) {
    revops_result_errorf(ctx, "learn_score(): takes the model and one name, value pair per model feature, got 0 arguments");
    return;
  }
  m = learn_model(ctx, argv[0], "learn_score", &isNull);
  if (m == 0) {
    if (isNull) sqlite3_result_null(ctx);
    return;
  }
  if (!read_pairs(ctx, argc, argv, "learn_score", m, ax)) return;
  z = revops_logit_linear(m, ax, 0);
  if (isnan(z)) {
    revops_result_errorf(ctx, "learn_score(): the model's terms for these values are infinite with opposite signs");
    return;
  }
  sqlite3_result_double(ctx, revops_logit_prob(z));
}

static void explainFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  double ax[REVOPS_LEARN_MAX_FEATURES], ac[REVOPS_LEARN_MAX_FEATURES], z;
  int isNull, j;
  char *zOut;
  sqlite3_str *s;
  const RevopsLogit *m;
  if (argc < 1) {
    revops_result_errorf(ctx, "learn_explain(): takes the model and one name, value pair per model feature, got 0 arguments");
    return;
  }
  m = learn_model(ctx, argv[0], "learn_explain", &isNull);
  if (m == 0) {
    if (isNull) sqlite3_result_null(ctx);
    return;
  }
  if (!read_pairs(ctx, argc, argv, "learn_explain", m, ax)) return;
  z = revops_logit_linear(m, ax, ac);
  if (isnan(z)) {
    revops_result_errorf(ctx, "learn_explain(): the model's terms for these values are infinite with opposite signs");
    return;
  }
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

/* -------------------------------------------------------------- metrics */

typedef struct MetricAgg {
  RowStore rows; /* auc: (score, label) */
  RevopsSum sum; /* brier_score, log_loss */
  int64_t n;
} MetricAgg;

enum { M_AUC, M_BRIER, M_LOGLOSS };
static const int aMetricFn[] = {M_AUC, M_BRIER, M_LOGLOSS};
static const char *const azMetric[] = {"auc", "brier_score", "log_loss"};

static void metric_step(sqlite3_context *ctx, sqlite3_value **argv, int dir) {
  int eFn = *(const int *)revops_func(ctx)->pArg;
  const char *zFn = azMetric[eFn];
  MetricAgg *p = sqlite3_aggregate_context(ctx, sizeof(*p));
  double s, row[2];
  unsigned char y = 0;
  int rcS, rcY;
  if (p == 0) {
    sqlite3_result_error_nomem(ctx);
    return;
  }
  rcS = eFn == M_AUC ? revops_arg_number(ctx, argv[0], zFn, "score", &s)
                     : revops_arg_fraction(ctx, argv[0], zFn, "probability", &s);
  if (rcS == REVOPS_ARG_BAD) return;
  rcY = arg_label(ctx, argv[1], zFn, "label", &y);
  if (rcY == REVOPS_ARG_BAD) return;
  if (rcS == REVOPS_ARG_NULL || rcY == REVOPS_ARG_NULL) return;
  if (eFn == M_AUC) {
    row[0] = s == 0 ? 0.0 : s;
    row[1] = y;
    p->rows.nCol = 2;
    if (dir < 0) {
      rows_pop(&p->rows, row);
    } else if (rows_count(&p->rows) >= 10 * (int64_t)REVOPS_LEARN_MAX_ROWS) {
      revops_result_errorf(ctx, "auc(): takes at most %d rows", 10 * REVOPS_LEARN_MAX_ROWS);
    } else if (!rows_push(&p->rows, row)) {
      sqlite3_result_error_nomem(ctx);
    }
    return;
  }
  revops_sum_add(&p->sum, dir * (eFn == M_BRIER ? (s - y) * (s - y) : revops_log_loss_term(s, y)));
  p->n += dir;
}

static void metricStep(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  (void)argc;
  metric_step(ctx, argv, 1);
}

static void metricInverse(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  (void)argc;
  metric_step(ctx, argv, -1);
}

static void metricValue(sqlite3_context *ctx) {
  int eFn = *(const int *)revops_func(ctx)->pArg;
  MetricAgg *p = sqlite3_aggregate_context(ctx, 0);
  if (eFn == M_AUC) {
    int64_t i, n = p ? rows_count(&p->rows) : 0;
    double *aS, auc;
    unsigned char *aY;
    int rc;
    if (n == 0) {
      sqlite3_result_null(ctx);
      return;
    }
    aS = sqlite3_malloc64((sqlite3_uint64)n * sizeof(double));
    aY = sqlite3_malloc64((sqlite3_uint64)n);
    if (!aS || !aY) {
      sqlite3_free(aS);
      sqlite3_free(aY);
      sqlite3_result_error_nomem(ctx);
      return;
    }
    for (i = 0; i < n; i++) {
      aS[i] = p->rows.a[(p->rows.iStart + i) * 2];
      aY[i] = p->rows.a[(p->rows.iStart + i) * 2 + 1] != 0;
    }
    rc = revops_auc(aS, aY, n, &auc);
    if (rc == REVOPS_OK) sqlite3_result_double(ctx, auc);
    else if (rc == REVOPS_ERROR) sqlite3_result_null(ctx); /* one label only */
    else sqlite3_result_error_nomem(ctx);
    sqlite3_free(aS);
    sqlite3_free(aY);
  } else if (p == 0 || p->n <= 0) {
    sqlite3_result_null(ctx);
  } else {
    sqlite3_result_double(ctx, revops_sum_value(&p->sum) / (double)p->n);
  }
}

static void metricFinal(sqlite3_context *ctx) {
  MetricAgg *p = sqlite3_aggregate_context(ctx, 0);
  metricValue(ctx);
  if (p) rows_free(&p->rows);
}

/* ------------------------------------------------------ forecast ranges */

typedef struct RangeAgg {
  RowStore rows; /* (amount, probability) */
  double param;  /* q or target, from the first row */
  int hasParam;
} RangeAgg;

enum { R_QUANTILE, R_REACH, R_RANGE };
static const int aRangeFn[] = {R_QUANTILE, R_REACH, R_RANGE};
static const char *const azRange[] = {"forecast_quantile", "forecast_reach", "forecast_range"};

static void range_step(sqlite3_context *ctx, int argc, sqlite3_value **argv, int dir) {
  int eFn = *(const int *)revops_func(ctx)->pArg;
  const char *zFn = azRange[eFn];
  RangeAgg *p = sqlite3_aggregate_context(ctx, sizeof(*p));
  double a, pr, q = 0, row[2];
  int rcA, rcP;
  (void)argc;
  if (p == 0) {
    sqlite3_result_error_nomem(ctx);
    return;
  }
  rcA = revops_arg_nonneg(ctx, argv[0], zFn, "amount", &a);
  if (rcA == REVOPS_ARG_BAD) return;
  if (rcA == REVOPS_ARG_OK && !(a <= REVOPS_MONEY_MAX)) {
    revops_arg_bad(ctx, argv[0], zFn, "amount", "must be at most 9e14", 0);
    return;
  }
  rcP = revops_arg_fraction(ctx, argv[1], zFn, "probability", &pr);
  if (rcP == REVOPS_ARG_BAD) return;
  if (eFn != R_RANGE) {
    const char *zArg = eFn == R_QUANTILE ? "q" : "target";
    int rc = eFn == R_QUANTILE ? revops_arg_fraction(ctx, argv[2], zFn, zArg, &q)
                               : revops_arg_nonneg(ctx, argv[2], zFn, zArg, &q);
    if (rc == REVOPS_ARG_BAD) return;
    if (rc == REVOPS_ARG_NULL) return; /* a row with a NULL input is skipped (SPEC section 2) */
    if (p->hasParam && q != p->param) {
      revops_result_errorf(ctx, "%s(): %s must be the same on every row, got %!.15g then %!.15g", zFn, zArg,
                           p->param, q);
      return;
    }
    p->param = q;
    p->hasParam = 1;
  }
  if (rcA == REVOPS_ARG_NULL || rcP == REVOPS_ARG_NULL) return;
  row[0] = a == 0 ? 0.0 : a;
  row[1] = pr == 0 ? 0.0 : pr;
  p->rows.nCol = 2;
  if (dir < 0) {
    rows_pop(&p->rows, row);
  } else if (rows_count(&p->rows) >= REVOPS_RANGE_MAX_DEALS) {
    revops_result_errorf(ctx, "%s(): takes at most %d deals", zFn, REVOPS_RANGE_MAX_DEALS);
  } else if (!rows_push(&p->rows, row)) {
    sqlite3_result_error_nomem(ctx);
  }
}

static void rangeStep(sqlite3_context *ctx, int argc, sqlite3_value **argv) { range_step(ctx, argc, argv, 1); }
static void rangeInverse(sqlite3_context *ctx, int argc, sqlite3_value **argv) { range_step(ctx, argc, argv, -1); }

static void rangeValue(sqlite3_context *ctx) {
  int eFn = *(const int *)revops_func(ctx)->pArg;
  RangeAgg *p = sqlite3_aggregate_context(ctx, 0);
  RevopsRange r;
  char zErr[REVOPS_ERRMSG_SIZE];
  int64_t i, n = p ? rows_count(&p->rows) : 0;
  int rc;
  double *aAmt, *aProb;
  if (eFn == R_REACH && (p == 0 || !p->hasParam)) { /* no rows at all: no target */
    sqlite3_result_null(ctx);
    return;
  }
  aAmt = sqlite3_malloc64((sqlite3_uint64)(n > 0 ? n : 1) * sizeof(double));
  aProb = sqlite3_malloc64((sqlite3_uint64)(n > 0 ? n : 1) * sizeof(double));
  if (!aAmt || !aProb) {
    sqlite3_result_error_nomem(ctx);
    goto done;
  }
  for (i = 0; i < n; i++) {
    aAmt[i] = p->rows.a[(p->rows.iStart + i) * 2];
    aProb[i] = p->rows.a[(p->rows.iStart + i) * 2 + 1];
  }
  zErr[0] = 0;
  rc = revops_range_build(aAmt, aProb, n, &r, zErr, sizeof(zErr));
  if (rc != REVOPS_OK) {
    if (rc == REVOPS_NOMEM) sqlite3_result_error_nomem(ctx);
    else revops_result_errorf(ctx, "%s(): %s", azRange[eFn], zErr);
    goto done;
  }
  if (eFn == R_QUANTILE) {
    sqlite3_result_double(ctx, revops_range_quantile(&r, p ? p->param : 0));
  } else if (eFn == R_REACH) {
    sqlite3_result_double(ctx, revops_range_reach(&r, p->param));
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
  sqlite3_free(aAmt);
  sqlite3_free(aProb);
}

static void rangeFinal(sqlite3_context *ctx) {
  RangeAgg *p = sqlite3_aggregate_context(ctx, 0);
  rangeValue(ctx);
  if (p) rows_free(&p->rows);
}

/* ---------------------------------------------------------- registration */

static const RevopsFunc aLearnFunc[] = {
    REVOPS_WINDOW("learn_fit", -1, REVOPS_PURE_JSON, fitStep, fitFinal, fitValue, fitInverse),
    REVOPS_SCALAR("learn_score", -1, REVOPS_PURE, scoreFunc),
    REVOPS_SCALAR("learn_explain", -1, REVOPS_PURE_JSON, explainFunc),
    REVOPS_SPEC(win_band, 1, REVOPS_PURE),
    REVOPS_WINDOW_ARG("auc", 2, REVOPS_PURE, metricStep, metricFinal, metricValue, metricInverse, &aMetricFn[M_AUC]),
    REVOPS_WINDOW_ARG("brier_score", 2, REVOPS_PURE, metricStep, metricFinal, metricValue, metricInverse, &aMetricFn[M_BRIER]),
    REVOPS_WINDOW_ARG("log_loss", 2, REVOPS_PURE, metricStep, metricFinal, metricValue, metricInverse, &aMetricFn[M_LOGLOSS]),
    REVOPS_WINDOW_ARG("forecast_quantile", 3, REVOPS_PURE, rangeStep, rangeFinal, rangeValue, rangeInverse, &aRangeFn[R_QUANTILE]),
    REVOPS_WINDOW_ARG("forecast_reach", 3, REVOPS_PURE, rangeStep, rangeFinal, rangeValue, rangeInverse, &aRangeFn[R_REACH]),
    REVOPS_WINDOW_ARG("forecast_range", 2, REVOPS_PURE_JSON, rangeStep, rangeFinal, rangeValue, rangeInverse, &aRangeFn[R_RANGE]),
};

/* learn_score and learn_explain share one model cache (LearnApp) as their
** user data; every other row is its own user data, and the metric and range
** aggregates find which one they are in the row's pArg. */
static int learn_register(sqlite3 *db, const RevopsDomain *pDomain) {
  int rc;
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
  if (rc == SQLITE_OK) rc = revops_register_funcs(db, &pDomain->aFunc[4], pDomain->nFunc - 4, 0, 0);
  return rc;
}

const RevopsDomain revops_domain_learn = {
    "learn", aLearnFunc, REVOPS_COUNT(aLearnFunc), 0, 0, learn_register};
