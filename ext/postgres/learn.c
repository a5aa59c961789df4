/*
** learn.c — learned scores, backtest metrics and forecast ranges
** (ext/sqlite/learn.c on SQLite; the computation is ext/core/learn.c).
**
**   learn_fit(label, date, lambda, name, value, ...)  aggregate (VARIADIC "any")
**   learn_score(model, name, value, ...), learn_explain(...)   scalars
**   win_band(probability)
**   auc(score, label)                                  aggregate
**   forecast_quantile(amount, probability, q)          aggregate
**   forecast_reach(amount, probability, target)        aggregate
**   forecast_range(amount, probability)                aggregate (json)
**
** These aggregates keep their rows: the state is a bytea of fixed-width
** rows of doubles after a small header, and merging two states appends
** one's rows to the other's.  The core sorts rows into a canonical order
** before it fits or ranks them, so a model fitted from merged partial
** states is the one a single scan gives.
*/
#include "postgres.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "fmgr.h"

#include "buf.h"
#include "learn.h"
#include "pg_revops.h"

#define K_FIT 10
#define K_AUC 11
#define K_RANGE 12

/* ----------------------------------------------------------- row store */
typedef struct RowHdr {
  int64 iStart, nEnd; /* rows [iStart, nEnd) are live */
  int32 nCol;
  int32 nFeat;        /* learn_fit */
  double param;       /* lambda (learn_fit), q or target (ranges) */
  int32 hasParam;
  int32 pad;
  char azName[REVOPS_LEARN_MAX_FEATURES][REVOPS_LEARN_MAX_NAME + 1]; /* learn_fit */
} RowHdr;

/* The small header of auc and the ranges has no names. */
#define HDR_SIZE(withNames) \
  ((withNames) ? sizeof(RowHdr) : offsetof(RowHdr, azName))
#define ROW_BASE(h, withNames) ((double *)((char *)(h) + HDR_SIZE(withNames)))

static int64 rows_count(const RowHdr *h) { return h->nEnd - h->iStart; }

static RowHdr *rows_push(RowHdr *h, int withNames, const double *row) {
  Size sz = (Size)h->nCol * sizeof(double);
  Size need = HDR_SIZE(withNames) + (Size)(h->nEnd + 1) * sz;
  if (need > pg_state_size(h)) {
    int64 live = rows_count(h);
    if (h->iStart > 0 && h->iStart >= live) { /* compact before growing */
      memmove(ROW_BASE(h, withNames), ROW_BASE(h, withNames) + h->iStart * h->nCol, (size_t)live * sz);
      h->iStart = 0;
      h->nEnd = live;
    } else {
      h = pg_state_grow(h, need);
    }
  }
  memcpy(ROW_BASE(h, withNames) + h->nEnd * h->nCol, row, sz);
  h->nEnd++;
  return h;
}

/* The inverse of a moving frame: the oldest matching row (SQLite's
** order), looked up when another row is asked for. */
static void rows_pop(RowHdr *h, int withNames, const double *row) {
  size_t sz = (size_t)h->nCol * sizeof(double);
  double *a = ROW_BASE(h, withNames);
  int64 j;
  for (j = h->iStart; j < h->nEnd; j++) {
    if (memcmp(a + j * h->nCol, row, sz) == 0) break;
  }
  if (j == h->nEnd) return;
  if (j != h->iStart) memcpy(a + j * h->nCol, a + h->iStart * h->nCol, sz);
  h->iStart++;
}

/* dst += src's rows. */
static RowHdr *rows_merge(RowHdr *h, int withNames, const RowHdr *o) {
  int64 i;
  for (i = o->iStart; i < o->nEnd; i++) {
    h = rows_push(h, withNames, ROW_BASE(o, withNames) + i * o->nCol);
  }
  return h;
}

static const double kMissing = NAN;

/* A 0/1 label (the rules of this file's arguments are ext/core/args.c's). */
static int arg_label(const PgValue *v, const char *zFn, const char *zArg, unsigned char *pY) {
  RevopsArg arg = {zArg, REVOPS_RULE_LABEL, 0};
  RevopsArgRead rd;
  int rc = pg_arg_value(v, zFn, &arg, &rd);
  if (rc == REVOPS_ARG_OK) *pY = rd.r == 1;
  return rc;
}

/* Feature value i (0-based): within +-REVOPS_LEARN_MAX_VALUE, or NULL. */
static int arg_value(const PgValue *v, const char *zFn, int i, double *pOut) {
  char zArg[24];
  RevopsArg arg = {zArg, REVOPS_RULE_FEATURE, 0};
  RevopsArgRead rd;
  int rc;
  if (v->eType == PGV_NULL) return REVOPS_ARG_NULL;
  if ((v->eType == PGV_INT || v->eType == PGV_FLOAT) && fabs(v->r) <= REVOPS_LEARN_MAX_VALUE) {
    *pOut = v->r;
    return REVOPS_ARG_OK;
  }
  snprintf(zArg, sizeof(zArg), "value %d", i + 1);
  rc = pg_arg_value(v, zFn, &arg, &rd);
  *pOut = rd.r;
  return rc;
}

/* SQLite's %!.15g: 15 significant digits and always a decimal point. */
static void buf_real(RevopsBuf *b, double v) {
  char z[48], *e;
  if (v == 0) {
    revops_buf_lit(b, "0.0");
    return;
  }
  revops_fmt_num(z, sizeof(z) - 3, v);
  if (strchr(z, '.') == 0 && strchr(z, 'n') == 0 && strchr(z, 'N') == 0) {
    e = strchr(z, 'e');
    if (e) {
      memmove(e + 2, e, strlen(e) + 1);
      e[0] = '.';
      e[1] = '0';
    } else {
      strcat(z, ".0");
    }
  }
  revops_buf_str(b, z);
}

/* ------------------------------------------------------------ learn_fit */
typedef struct LearnDef {
  const char *zFn;
  int eFn;
  int dir;
} LearnDef;
#define LDEF(c) ((const LearnDef *)(c)->f->pArg)

enum { ROW_OK, ROW_SKIP };

static int fit_row(FunctionCallInfo fcinfo, PgCall *c, RowHdr *h, double *row) {
  int argc = PG_NARGS() - 1, nFeat = (argc - 3) / 2, j, rc, rcDate;
  unsigned char y = 0;
  double lambda = 0;
  int64 ms = 0;
  PgValue v;
  if (argc < 5 || (argc - 3) % 2 != 0 || nFeat > REVOPS_LEARN_MAX_FEATURES) {
    pg_error("learn_fit(): takes label, date, lambda and then 1 to %d name, value pairs, got %d arguments",
             REVOPS_LEARN_MAX_FEATURES, argc);
  }
  pg_value(fcinfo, c, 1, &v);
  rc = arg_label(&v, "learn_fit", "label", &y);
  pg_value(fcinfo, c, 2, &v);
  rcDate = pg_arg_date(&v, "learn_fit", "date", &ms);
  pg_value(fcinfo, c, 3, &v);
  {
    static const RevopsArg aLambda = {"lambda", REVOPS_RULE_PENALTY, 0};
    RevopsArgRead rd;
    pg_arg_value(&v, "learn_fit", &aLambda, &rd);
    lambda = rd.r;
  }
  if (h->nFeat == 0) {
    h->nFeat = nFeat;
    h->param = lambda;
    h->nCol = nFeat + 2;
    for (j = 0; j < nFeat; j++) {
      int k;
      char zArg[24];
      RevopsArg arg = {zArg, REVOPS_RULE_NAME, 0};
      RevopsArgRead rd;
      snprintf(zArg, sizeof(zArg), "name %d", j + 1);
      pg_value(fcinfo, c, 4 + 2 * j, &v);
      pg_arg_value(&v, "learn_fit", &arg, &rd);
      memcpy(h->azName[j], rd.z, rd.n);
      h->azName[j][rd.n] = 0;
      for (k = 0; k < j; k++) {
        if (strcmp(h->azName[k], h->azName[j]) == 0) {
          pg_error("learn_fit(): %s must differ from the others, got '%s' twice", zArg, h->azName[j]);
        }
      }
    }
  } else {
    if (nFeat != h->nFeat) {
      pg_error("learn_fit(): every row must give the same features, got %d then %d pairs", h->nFeat,
               nFeat);
    }
    if (lambda != h->param) {
      RevopsBuf b1, b2;
      revops_buf_init(&b1);
      revops_buf_init(&b2);
      buf_real(&b1, h->param);
      buf_real(&b2, lambda);
      pg_error("learn_fit(): lambda must be the same on every row, got %s then %s", b1.z, b2.z);
    }
    for (j = 0; j < nFeat; j++) {
      pg_value(fcinfo, c, 4 + 2 * j, &v);
      if (v.eType != PGV_TEXT || (size_t)v.n != strlen(h->azName[j]) ||
          memcmp(v.z, h->azName[j], (size_t)v.n) != 0) {
        pg_error("learn_fit(): name %d must be the same on every row, got '%s' then %s", j + 1,
                 h->azName[j], pg_describe(&v));
      }
    }
  }
  for (j = 0; j < nFeat; j++) {
    double *x = &row[2 + j];
    pg_value(fcinfo, c, 5 + 2 * j, &v);
    if (arg_value(&v, "learn_fit", j, x) == REVOPS_ARG_NULL) *x = kMissing;
    else if (*x == 0) *x = 0.0;
  }
  if (rc == REVOPS_ARG_NULL) return ROW_SKIP;
  row[0] = y;
  row[1] = rcDate == REVOPS_ARG_OK ? (double)ms : kMissing;
  return ROW_OK;
}

static Datum fitStep(FunctionCallInfo fcinfo, PgCall *c) {
  RowHdr *h = pg_state_rw(fcinfo, 0, PG_TAG(K_FIT), sizeof(RowHdr));
  double row[REVOPS_LEARN_MAX_FEATURES + 2];
  if (fit_row(fcinfo, c, h, row) != ROW_OK) return pg_state_datum(h);
  if (LDEF(c)->dir < 0) {
    rows_pop(h, 1, row);
    return pg_state_datum(h);
  }
  if (rows_count(h) >= REVOPS_LEARN_MAX_ROWS ||
      (rows_count(h) + 1) * h->nFeat > REVOPS_LEARN_MAX_VALUES) {
    pg_error("learn_fit(): takes at most %d rows and %d values (rows x features) per model",
             REVOPS_LEARN_MAX_ROWS, REVOPS_LEARN_MAX_VALUES);
  }
  return pg_state_datum(rows_push(h, 1, row));
}

static Datum fitFinal(FunctionCallInfo fcinfo, PgCall *c) {
  const RowHdr *h = pg_state_ro(fcinfo, 0, PG_TAG(K_FIT), 0);
  const char *azName[REVOPS_LEARN_MAX_FEATURES];
  RevopsLogit *m;
  char zErr[REVOPS_ERRMSG_SIZE];
  int64 n = h ? rows_count(h) : 0;
  int j, rc;
  (void)c;
  if (n == 0) PG_RETURN_NULL();
  for (j = 0; j < h->nFeat; j++) azName[j] = h->azName[j];
  m = palloc0(sizeof(*m));
  zErr[0] = 0;
  rc = revops_logit_fit_rows(ROW_BASE(h, 1) + h->iStart * h->nCol, n, h->nFeat, azName, h->param,
                             m, zErr, sizeof(zErr));
  if (rc == REVOPS_NOMEM) pg_nomem();
  if (rc != REVOPS_OK) pg_error("learn_fit(): %s", zErr);
  return pg_json(revops_logit_json(m));
}

static Datum fitCombine(FunctionCallInfo fcinfo, PgCall *c) {
  RowHdr *h = pg_state_rw(fcinfo, 0, PG_TAG(K_FIT), sizeof(RowHdr));
  const RowHdr *o = pg_state_ro(fcinfo, 1, PG_TAG(K_FIT), 0);
  int j;
  (void)c;
  if (o == 0 || o->nFeat == 0) return pg_state_datum(h);
  if (h->nFeat == 0) {
    Size n = HDR_SIZE(1) + (Size)rows_count(o) * o->nCol * sizeof(double);
    if (pg_state_size(h) < n) h = pg_state_grow(h, n);
    memcpy(h, o, HDR_SIZE(1));
    h->iStart = h->nEnd = 0;
    return pg_state_datum(rows_merge(h, 1, o));
  }
  if (o->nFeat != h->nFeat) {
    pg_error("learn_fit(): every row must give the same features, got %d then %d pairs", h->nFeat,
             o->nFeat);
  }
  for (j = 0; j < h->nFeat; j++) {
    if (strcmp(h->azName[j], o->azName[j]) != 0) {
      pg_error("learn_fit(): name %d must be the same on every row, got '%s' then '%s'", j + 1,
               h->azName[j], o->azName[j]);
    }
  }
  if (o->param != h->param) pg_error("learn_fit(): lambda must be the same on every row");
  return pg_state_datum(rows_merge(h, 1, o));
}

/* ------------------------------------------- learn_score, learn_explain */
typedef struct LearnCache {
  char *zText;
  int nText;
  RevopsLogit m;
} LearnCache;

static const RevopsLogit *learn_model(FunctionCallInfo fcinfo, PgCall *c, const char *zFn,
                                      int *pNull) {
  LearnCache *k = (LearnCache *)c->pCache;
  PgValue v;
  const char *z;
  int n, rc;
  char zErr[REVOPS_ERRMSG_SIZE];
  *pNull = 0;
  pg_value(fcinfo, c, 0, &v);
  if (pg_arg_text(&v, zFn, "model", &z, &n) == REVOPS_ARG_NULL) {
    *pNull = 1;
    return 0;
  }
  if (k && k->nText == n && memcmp(k->zText, z, (size_t)n) == 0) return &k->m;
  if (k == 0) k = c->pCache = MemoryContextAllocZero(c->mcxt, sizeof(*k));
  else pfree(k->zText);
  k->zText = 0;
  k->nText = -1;
  zErr[0] = 0;
  rc = revops_logit_parse(z, (size_t)n, &k->m, zErr, sizeof(zErr));
  if (rc == REVOPS_NOMEM) pg_nomem();
  if (rc != REVOPS_OK) pg_error("%s(): model %s", zFn, zErr);
  k->zText = MemoryContextAlloc(c->mcxt, n > 0 ? n : 1);
  memcpy(k->zText, z, (size_t)n);
  k->nText = n;
  return &k->m;
}

static void read_pairs(FunctionCallInfo fcinfo, PgCall *c, const char *zFn, const RevopsLogit *m,
                       double *ax) {
  unsigned long long seen = 0;
  int argc = PG_NARGS(), i, j, nPair = (argc - 1) / 2;
  if ((argc - 1) % 2 != 0 || nPair != m->nFeat) {
    pg_error("%s(): takes the model and one name, value pair per model feature (%d), got %d arguments",
             zFn, m->nFeat, argc);
  }
  for (i = 0; i < nPair; i++) {
    PgValue vName, vVal;
    double d = 0;
    char zArg[24];
    pg_value(fcinfo, c, 1 + 2 * i, &vName);
    if (vName.eType != PGV_TEXT) {
      snprintf(zArg, sizeof(zArg), "name %d", i + 1);
      pg_arg_bad(&vName, zFn, zArg, "must be text", 0);
    }
    for (j = 0; j < m->nFeat; j++) {
      int k = (i + j) % m->nFeat; /* pairs usually come in the model's order */
      if ((size_t)vName.n == strlen(m->aFeat[k].zName) &&
          memcmp(m->aFeat[k].zName, vName.z, (size_t)vName.n) == 0) {
        j = k;
        break;
      }
    }
    if (j == m->nFeat) {
      pg_error("%s(): name %d must be a feature of the model, got '%s'", zFn, i + 1,
               pnstrdup(vName.z, vName.n));
    }
    if (seen & (1ULL << j)) pg_error("%s(): name %d repeats feature '%s'", zFn, i + 1, m->aFeat[j].zName);
    seen |= 1ULL << j;
    pg_value(fcinfo, c, 2 + 2 * i, &vVal);
    ax[j] = arg_value(&vVal, zFn, i, &d) == REVOPS_ARG_NULL ? NAN : d;
  }
}

static Datum scoreBody(FunctionCallInfo fcinfo, PgCall *c) {
  const LearnDef *d = LDEF(c);
  double ax[REVOPS_LEARN_MAX_FEATURES], ac[REVOPS_LEARN_MAX_FEATURES], z;
  int isNull, j;
  const RevopsLogit *m;
  RevopsBuf b;
  if (PG_NARGS() < 1) {
    pg_error("%s(): takes the model and one name, value pair per model feature, got 0 arguments", d->zFn);
  }
  m = learn_model(fcinfo, c, d->zFn, &isNull);
  if (m == 0) PG_RETURN_NULL();
  read_pairs(fcinfo, c, d->zFn, m, ax);
  z = revops_logit_linear(m, ax, d->eFn ? ac : 0);
  if (isnan(z)) pg_error("%s(): the model's terms for these values are infinite with opposite signs", d->zFn);
  if (!d->eFn) PG_RETURN_FLOAT8(revops_logit_prob(z));
  revops_buf_init(&b);
  revops_buf_lit(&b, "{\"probability\":");
  buf_real(&b, revops_logit_prob(z));
  revops_buf_lit(&b, ",\"logit\":");
  buf_real(&b, z);
  revops_buf_lit(&b, ",\"intercept\":");
  buf_real(&b, m->intercept);
  revops_buf_lit(&b, ",\"features\":[");
  for (j = 0; j < m->nFeat; j++) {
    if (j) revops_buf_lit(&b, ",");
    revops_buf_lit(&b, "{\"name\":");
    revops_buf_json_string(&b, m->aFeat[j].zName, strlen(m->aFeat[j].zName));
    revops_buf_lit(&b, ",\"value\":");
    if (isnan(ax[j])) revops_buf_lit(&b, "null");
    else buf_real(&b, ax[j]);
    revops_buf_lit(&b, ",\"contribution\":");
    buf_real(&b, ac[j]);
    revops_buf_lit(&b, "}");
  }
  revops_buf_lit(&b, "]}");
  return pg_json(revops_buf_finish(&b));
}

/* ------------------------------------------------------------------ auc */
static Datum aucStep(FunctionCallInfo fcinfo, PgCall *c) {
  RowHdr *h = pg_state_rw(fcinfo, 0, PG_TAG(K_AUC), HDR_SIZE(0));
  PgValue v;
  double s = 0, row[2];
  unsigned char y = 0;
  int rcS, rcY;
  pg_value(fcinfo, c, 1, &v);
  rcS = pg_arg_number(&v, "auc", "score", &s);
  pg_value(fcinfo, c, 2, &v);
  rcY = arg_label(&v, "auc", "label", &y);
  h->nCol = 2;
  if (rcS == REVOPS_ARG_NULL || rcY == REVOPS_ARG_NULL) return pg_state_datum(h);
  row[0] = s == 0 ? 0.0 : s;
  row[1] = y;
  if (LDEF(c)->dir < 0) {
    rows_pop(h, 0, row);
    return pg_state_datum(h);
  }
  if (rows_count(h) >= 10 * (int64)REVOPS_LEARN_MAX_ROWS) {
    pg_error("auc(): takes at most %d rows", 10 * REVOPS_LEARN_MAX_ROWS);
  }
  return pg_state_datum(rows_push(h, 0, row));
}

static Datum aucFinal(FunctionCallInfo fcinfo, PgCall *c) {
  const RowHdr *h = pg_state_ro(fcinfo, 0, PG_TAG(K_AUC), 0);
  int64 i, n = h ? rows_count(h) : 0;
  double *aS, auc;
  unsigned char *aY;
  int rc;
  (void)c;
  if (n == 0) PG_RETURN_NULL();
  aS = palloc_extended((Size)n * sizeof(double), MCXT_ALLOC_HUGE);
  aY = palloc_extended((Size)n, MCXT_ALLOC_HUGE);
  for (i = 0; i < n; i++) {
    aS[i] = ROW_BASE(h, 0)[(h->iStart + i) * 2];
    aY[i] = ROW_BASE(h, 0)[(h->iStart + i) * 2 + 1] != 0;
  }
  rc = revops_auc(aS, aY, n, &auc);
  if (rc == REVOPS_OK) PG_RETURN_FLOAT8(auc);
  if (rc == REVOPS_ERROR) PG_RETURN_NULL(); /* one label only */
  pg_nomem();
}

/* ------------------------------------------------------ forecast ranges */
enum { R_QUANTILE, R_REACH, R_RANGE };

static Datum rangeStep(FunctionCallInfo fcinfo, PgCall *c) {
  const LearnDef *d = LDEF(c);
  const char *zFn = d->zFn;
  RowHdr *h = pg_state_rw(fcinfo, 0, PG_TAG(K_RANGE), HDR_SIZE(0));
  PgValue v;
  double a = 0, pr = 0, q = 0, row[2];
  int rcA, rcP;
  h->nCol = 2;
  pg_value(fcinfo, c, 1, &v);
  rcA = pg_arg_nonneg(&v, zFn, "amount", &a);
  if (rcA == REVOPS_ARG_OK && !(a <= REVOPS_MONEY_MAX)) pg_arg_bad(&v, zFn, "amount", "must be at most 9e14", 0);
  pg_value(fcinfo, c, 2, &v);
  rcP = pg_arg_fraction(&v, zFn, "probability", &pr);
  if (d->eFn != R_RANGE) {
    const char *zArg = d->eFn == R_QUANTILE ? "q" : "target";
    int rc;
    pg_value(fcinfo, c, 3, &v);
    rc = d->eFn == R_QUANTILE ? pg_arg_fraction(&v, zFn, zArg, &q) : pg_arg_nonneg(&v, zFn, zArg, &q);
    if (rc == REVOPS_ARG_NULL) return pg_state_datum(h);
    if (h->hasParam && q != h->param) {
      RevopsBuf b1, b2;
      revops_buf_init(&b1);
      revops_buf_init(&b2);
      buf_real(&b1, h->param);
      buf_real(&b2, q);
      pg_error("%s(): %s must be the same on every row, got %s then %s", zFn, zArg, b1.z, b2.z);
    }
    h->param = q;
    h->hasParam = 1;
  }
  if (rcA == REVOPS_ARG_NULL || rcP == REVOPS_ARG_NULL) return pg_state_datum(h);
  row[0] = a == 0 ? 0.0 : a;
  row[1] = pr == 0 ? 0.0 : pr;
  if (d->dir < 0) {
    rows_pop(h, 0, row);
    return pg_state_datum(h);
  }
  if (rows_count(h) >= REVOPS_RANGE_MAX_DEALS) pg_error("%s(): takes at most %d deals", zFn, REVOPS_RANGE_MAX_DEALS);
  return pg_state_datum(rows_push(h, 0, row));
}

static Datum rangeFinal(FunctionCallInfo fcinfo, PgCall *c) {
  const LearnDef *d = LDEF(c);
  const RowHdr *h = pg_state_ro(fcinfo, 0, PG_TAG(K_RANGE), 0);
  RevopsRange r;
  char zErr[REVOPS_ERRMSG_SIZE];
  int64 i, n = h ? rows_count(h) : 0;
  int rc;
  double *aAmt, *aProb;
  RevopsBuf b;
  if (d->eFn == R_REACH && (h == 0 || !h->hasParam)) PG_RETURN_NULL();
  aAmt = palloc_extended((Size)(n > 0 ? n : 1) * sizeof(double), MCXT_ALLOC_HUGE);
  aProb = palloc_extended((Size)(n > 0 ? n : 1) * sizeof(double), MCXT_ALLOC_HUGE);
  for (i = 0; i < n; i++) {
    aAmt[i] = ROW_BASE(h, 0)[(h->iStart + i) * 2];
    aProb[i] = ROW_BASE(h, 0)[(h->iStart + i) * 2 + 1];
  }
  zErr[0] = 0;
  rc = revops_range_build(aAmt, aProb, n, &r, zErr, sizeof(zErr));
  if (rc == REVOPS_NOMEM) pg_nomem();
  if (rc != REVOPS_OK) pg_error("%s(): %s", d->zFn, zErr);
  if (d->eFn == R_QUANTILE) {
    double v = revops_range_quantile(&r, h ? h->param : 0);
    revops_range_free(&r);
    PG_RETURN_FLOAT8(v);
  }
  if (d->eFn == R_REACH) {
    double v = revops_range_reach(&r, h->param);
    revops_range_free(&r);
    PG_RETURN_FLOAT8(v);
  }
  revops_buf_init(&b);
  revops_buf_lit(&b, "{\"deals\":");
  revops_buf_int(&b, r.nDeal);
  revops_buf_lit(&b, ",\"mean\":");
  buf_real(&b, r.mean);
  revops_buf_lit(&b, ",\"p10\":");
  buf_real(&b, revops_range_quantile(&r, 0.1));
  revops_buf_lit(&b, ",\"p50\":");
  buf_real(&b, revops_range_quantile(&r, 0.5));
  revops_buf_lit(&b, ",\"p90\":");
  buf_real(&b, revops_range_quantile(&r, 0.9));
  revops_buf_lit(&b, ",\"step\":");
  buf_real(&b, r.step);
  revops_buf_lit(&b, ",\"error_bound\":");
  buf_real(&b, r.errBound);
  revops_buf_lit(&b, "}");
  revops_range_free(&r);
  return pg_json(revops_buf_finish(&b));
}

/* auc and the ranges: append the other's rows; a range's parameter must
** agree. */
static Datum rowsCombine(FunctionCallInfo fcinfo, PgCall *c) {
  const LearnDef *d = LDEF(c);
  uint32 tag = PG_TAG(d->eFn == R_RANGE ? K_RANGE : K_AUC);
  RowHdr *h = pg_state_rw(fcinfo, 0, tag, HDR_SIZE(0));
  const RowHdr *o = pg_state_ro(fcinfo, 1, tag, 0);
  if (o == 0) return pg_state_datum(h);
  h->nCol = 2;
  if (o->hasParam) {
    if (h->hasParam && h->param != o->param) pg_error("%s(): the parameter must be the same on every row", d->zFn);
    h->param = o->param;
    h->hasParam = 1;
  }
  return pg_state_datum(rows_merge(h, 0, o));
}

#define LSTEPS(name, e, body)                                                   \
  {"revops_" name "_sfunc", body, &(const LearnDef){name, e, +1}},              \
  {"revops_" name "_minvfunc", body, &(const LearnDef){name, e, -1}}

static const PgFunc aFunc[] = {
    LSTEPS("learn_fit", 0, fitStep),
    {"revops_learn_fit_final", fitFinal, 0},
    {"revops_learn_fit_combine", fitCombine, 0},
    {"learn_score", scoreBody, &(const LearnDef){"learn_score", 0, 0}},
    {"learn_explain", scoreBody, &(const LearnDef){"learn_explain", 1, 0}},
    LSTEPS("auc", 0, aucStep),
    {"revops_auc_final", aucFinal, 0},
    {"revops_auc_combine", rowsCombine, &(const LearnDef){"auc", -1, 0}},
    LSTEPS("forecast_quantile", R_QUANTILE, rangeStep),
    LSTEPS("forecast_reach", R_REACH, rangeStep),
    LSTEPS("forecast_range", R_RANGE, rangeStep),
    {"revops_forecast_quantile_final", rangeFinal, &(const LearnDef){"forecast_quantile", R_QUANTILE, 0}},
    {"revops_forecast_reach_final", rangeFinal, &(const LearnDef){"forecast_reach", R_REACH, 0}},
    {"revops_forecast_range_final", rangeFinal, &(const LearnDef){"forecast_range", R_RANGE, 0}},
    {"revops_range_combine", rowsCombine, &(const LearnDef){"forecast_range", R_RANGE, 0}},
};

const PgDomain revops_pg_domain_learn = {aFunc, PG_COUNT(aFunc)};
