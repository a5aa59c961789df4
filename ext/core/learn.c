/*
** learn.c — regularised logistic regression fitted by damped Newton
** steps, the backtest metrics, and forecast ranges by convolution on a
** money grid.  See learn.h for the contracts and docs/learn.md for the
** choices (canonical row order, mean imputation, the grid's error bound).
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "learn.h"

/* ------------------------------------------------- logistic regression */

/* Rows are sorted into one canonical order before anything is summed, so
** the floating-point operations are the same whatever order the rows
** arrived in.  The order: label, then each feature value (missing last).
** Each entry carries what the comparator needs (qsort has no context). */
typedef struct RowRef {
  const double *x;
  int nFeat;
  unsigned char y;
} RowRef;

static int cmp_row(const void *pa, const void *pb) {
  const RowRef *a = pa, *b = pb;
  int j;
  if (a->y != b->y) return a->y < b->y ? -1 : 1;
  for (j = 0; j < a->nFeat; j++) {
    double x = a->x[j], y = b->x[j];
    int nx = isnan(x), ny = isnan(y);
    if (nx || ny) {
      if (nx != ny) return nx ? 1 : -1;
      continue;
    }
    if (x != y) return x < y ? -1 : 1;
  }
  return 0; /* identical rows: either order gives the same sums */
}

/* log(1 + exp(-|z|)) + max(z, 0) - y z: the row's negative log-likelihood. */
static double row_loss(double eta, int y) {
  double l = log1p(exp(-fabs(eta))) + (eta > 0 ? eta : 0);
  return y ? l - eta : l;
}

double revops_logit_prob(double z) {
  if (z >= 0) return 1.0 / (1.0 + exp(-z));
  {
    double e = exp(z);
    return e / (1.0 + e);
  }
}

/* Solve A x = b for symmetric positive definite A (d x d, overwritten by
** its Cholesky factor).  0 when A is not positive definite. */
static int cholesky_solve(double *A, double *b, int d) {
  int i, j, k;
  for (j = 0; j < d; j++) {
    double s = A[j * d + j];
    for (k = 0; k < j; k++) s -= A[j * d + k] * A[j * d + k];
    if (!(s > 0)) return 0;
    s = sqrt(s);
    A[j * d + j] = s;
    for (i = j + 1; i < d; i++) {
      double t = A[i * d + j];
      for (k = 0; k < j; k++) t -= A[i * d + k] * A[j * d + k];
      A[i * d + j] = t / s;
    }
  }
  for (i = 0; i < d; i++) { /* L y = b */
    double t = b[i];
    for (k = 0; k < i; k++) t -= A[i * d + k] * b[k];
    b[i] = t / A[i * d + i];
  }
  for (i = d - 1; i >= 0; i--) { /* L' x = y */
    double t = b[i];
    for (k = i + 1; k < d; k++) t -= A[k * d + i] * b[k];
    b[i] = t / A[i * d + i];
  }
  return 1;
}

/* Penalised objective at beta over the standardised rows Z (n x d, column
** 0 the intercept's 1). */
static double objective(const double *Z, const unsigned char *y, int64_t n,
                        int d, const double *beta, double lambda) {
  double f = 0;
  int64_t i;
  int j;
  for (i = 0; i < n; i++) {
    const double *z = Z + i * d;
    double eta = 0;
    for (j = 0; j < d; j++) eta += z[j] * beta[j];
    f += row_loss(eta, y[i]);
  }
  for (j = 1; j < d; j++) f += 0.5 * lambda * beta[j] * beta[j];
  return f;
}

int revops_logit_fit(double *aX, unsigned char *aY, int64_t nRow, int nFeat,
                     double lambda, RevopsLogit *pOut, char *zErr, size_t nErr) {
  int64_t i, nPos = 0;
  RowRef *aIdx = 0;
  int j, d, iter, rc = REVOPS_ERROR;
  int aCol[REVOPS_LEARN_MAX_FEATURES]; /* model feature of each Z column - 1 */
  double *Z = 0, *H = 0, *g = 0, *beta = 0, *trial = 0;
  unsigned char *ys = 0;

  if (nFeat < 1 || nFeat > REVOPS_LEARN_MAX_FEATURES) {
    revops_errf(zErr, nErr, "takes 1 to %d features, got %d", REVOPS_LEARN_MAX_FEATURES, nFeat);
    return REVOPS_ERROR;
  }
  if (!(lambda > 0) || !isfinite(lambda)) {
    revops_errf(zErr, nErr, "lambda must be a number > 0 (the L2 penalty that keeps the fit finite)");
    return REVOPS_ERROR;
  }
  for (i = 0; i < nRow; i++) nPos += aY[i] != 0;
  if (nPos < REVOPS_LEARN_MIN_CLASS || nRow - nPos < REVOPS_LEARN_MIN_CLASS) {
    revops_errf(zErr, nErr, "needs at least %d rows of each label to fit, got %lld with label 1 and %lld with label 0",
                REVOPS_LEARN_MIN_CLASS, (long long)nPos, (long long)(nRow - nPos));
    return REVOPS_ERROR;
  }
  pOut->nFeat = nFeat;
  pOut->lambda = lambda;
  pOut->nRow = nRow;
  pOut->nPos = nPos;

  /* Canonical order: -0.0 becomes 0.0 so that equal values are equal bits. */
  for (i = 0; i < nRow * nFeat; i++) {
    if (aX[i] == 0) aX[i] = 0.0;
  }
  aIdx = revops_malloc((size_t)nRow * sizeof(*aIdx));
  if (aIdx == 0) goto nomem;
  for (i = 0; i < nRow; i++) {
    aIdx[i].x = aX + i * nFeat;
    aIdx[i].nFeat = nFeat;
    aIdx[i].y = aY[i] != 0;
  }
  qsort(aIdx, (size_t)nRow, sizeof(*aIdx), cmp_row);

  /* Means and scales in canonical order; missing values are left out. */
  d = 1;
  for (j = 0; j < nFeat; j++) {
    RevopsLogitFeature *f = &pOut->aFeat[j];
    double s = 0, ss = 0, lo = 0, hi = 0;
    int64_t m = 0;
    for (i = 0; i < nRow; i++) {
      double x = aIdx[i].x[j];
      if (isnan(x)) continue;
      if (m == 0 || x < lo) lo = x;
      if (m == 0 || x > hi) hi = x;
      s += x;
      m++;
    }
    f->nMissing = nRow - m;
    f->mean = m > 0 ? s / (double)m : 0;
    if (m > 0 && lo == hi) f->mean = lo; /* exact, whatever the rounding */
    for (i = 0; i < nRow; i++) {
      double x = aIdx[i].x[j];
      if (!isnan(x)) ss += (x - f->mean) * (x - f->mean);
    }
    f->scale = (m > 0 && lo != hi) ? sqrt(ss / (double)m) : 0;
    f->coef = 0;
    if (f->scale > 0) aCol[d++ - 1] = j;
  }

  /* Z: the intercept's 1, then (x - mean) / scale per non-constant
  ** feature (0 for a missing value: the mean). */
  Z = revops_malloc((size_t)nRow * (size_t)d * sizeof(double));
  ys = revops_malloc((size_t)nRow);
  H = revops_malloc((size_t)d * (size_t)d * sizeof(double));
  g = revops_malloc((size_t)d * sizeof(double));
  beta = revops_malloc((size_t)d * sizeof(double));
  trial = revops_malloc((size_t)d * sizeof(double));
  if (!Z || !ys || !H || !g || !beta || !trial) goto nomem;
  for (i = 0; i < nRow; i++) {
    const double *x = aIdx[i].x;
    double *z = Z + i * d;
    z[0] = 1;
    for (j = 1; j < d; j++) {
      const RevopsLogitFeature *f = &pOut->aFeat[aCol[j - 1]];
      double v = x[aCol[j - 1]];
      z[j] = isnan(v) ? 0 : (v - f->mean) / f->scale;
    }
    ys[i] = aIdx[i].y;
  }

  memset(beta, 0, (size_t)d * sizeof(double));
  beta[0] = log((double)nPos / (double)(nRow - nPos));
  pOut->converged = 0;
  {
    double fCur = objective(Z, ys, nRow, d, beta, lambda);
    for (iter = 1; iter <= REVOPS_LEARN_MAX_ITER; iter++) {
      double t = 1, maxStep = 0, fNew;
      int k;
      memset(H, 0, (size_t)d * (size_t)d * sizeof(double));
      memset(g, 0, (size_t)d * sizeof(double));
      for (i = 0; i < nRow; i++) {
        const double *z = Z + i * d;
        double eta = 0, mu, w, r;
        for (j = 0; j < d; j++) eta += z[j] * beta[j];
        mu = revops_logit_prob(eta);
        w = mu * (1 - mu);
        r = mu - ys[i];
        for (j = 0; j < d; j++) {
          double wz = w * z[j];
          g[j] += r * z[j];
          for (k = 0; k <= j; k++) H[j * d + k] += wz * z[k];
        }
      }
      for (j = 1; j < d; j++) {
        g[j] += lambda * beta[j];
        H[j * d + j] += lambda;
      }
      for (j = 0; j < d; j++) {
        for (k = j + 1; k < d; k++) H[j * d + k] = H[k * d + j];
      }
      if (H[0] <= 0) H[0] = 1e-300; /* every row certain: the step is tiny anyway */
      if (!cholesky_solve(H, g, d)) {
        revops_errf(zErr, nErr, "the Newton system is singular at iteration %d", iter);
        goto done;
      }
      /* Damped step: halve until the objective does not rise. */
      for (;;) {
        for (j = 0; j < d; j++) trial[j] = beta[j] - t * g[j];
        fNew = objective(Z, ys, nRow, d, trial, lambda);
        if (fNew <= fCur || t < 1e-12) break;
        t *= 0.5;
      }
      for (j = 0; j < d; j++) {
        double s = fabs(t * g[j]);
        if (s > maxStep) maxStep = s;
        beta[j] = trial[j];
      }
      fCur = fNew;
      pOut->iterations = iter;
      if (maxStep < REVOPS_LEARN_TOL) {
        pOut->converged = 1;
        break;
      }
    }
  }
  pOut->intercept = beta[0];
  for (j = 1; j < d; j++) pOut->aFeat[aCol[j - 1]].coef = beta[j];
  rc = REVOPS_OK;
  goto done;
nomem:
  revops_errf(zErr, nErr, "out of memory");
  rc = REVOPS_NOMEM;
done:
  revops_free(aIdx);
  revops_free(Z);
  revops_free(ys);
  revops_free(H);
  revops_free(g);
  revops_free(beta);
  revops_free(trial);
  return rc;
}

/* %.17g whatever the C locale: enough digits to read the same double back. */
static void buf_num17(RevopsBuf *b, double v) {
  char z[40];
  if (!isfinite(v)) {
    revops_buf_lit(b, "null");
    return;
  }
  if (v == floor(v) && fabs(v) < 1e15) {
    revops_buf_int(b, (int64_t)v);
    return;
  }
  snprintf(z, sizeof(z), "%.17g", v);
  for (char *p = z; *p; p++) {
    if (*p != '-' && *p != '+' && *p != 'e' && (*p < '0' || *p > '9')) *p = '.';
  }
  revops_buf_str(b, z);
}

char *revops_logit_json(const RevopsLogit *p) {
  RevopsBuf b;
  int j;
  revops_buf_init(&b);
  revops_buf_lit(&b, "{\"model\":\"logistic\",\"rows\":");
  revops_buf_int(&b, p->nRow);
  revops_buf_lit(&b, ",\"positives\":");
  revops_buf_int(&b, p->nPos);
  revops_buf_lit(&b, ",\"negatives\":");
  revops_buf_int(&b, p->nRow - p->nPos);
  revops_buf_lit(&b, ",\"period\":");
  if (p->zFrom[0]) {
    revops_buf_lit(&b, "[\"");
    revops_buf_str(&b, p->zFrom);
    revops_buf_lit(&b, "\",\"");
    revops_buf_str(&b, p->zTo);
    revops_buf_lit(&b, "\"]");
  } else {
    revops_buf_lit(&b, "null");
  }
  revops_buf_lit(&b, ",\"lambda\":");
  buf_num17(&b, p->lambda);
  revops_buf_lit(&b, ",\"iterations\":");
  revops_buf_int(&b, p->iterations);
  revops_buf_str(&b, p->converged ? ",\"converged\":true" : ",\"converged\":false");
  revops_buf_lit(&b, ",\"intercept\":");
  buf_num17(&b, p->intercept);
  revops_buf_lit(&b, ",\"features\":[");
  for (j = 0; j < p->nFeat; j++) {
    const RevopsLogitFeature *f = &p->aFeat[j];
    if (j) revops_buf_lit(&b, ",");
    revops_buf_lit(&b, "{\"name\":");
    revops_buf_json_string(&b, f->zName, strlen(f->zName));
    revops_buf_lit(&b, ",\"mean\":");
    buf_num17(&b, f->mean);
    revops_buf_lit(&b, ",\"scale\":");
    buf_num17(&b, f->scale);
    revops_buf_lit(&b, ",\"coef\":");
    buf_num17(&b, f->coef);
    revops_buf_lit(&b, ",\"weight\":"); /* per unit of x: coef / scale */
    buf_num17(&b, f->scale > 0 ? f->coef / f->scale : 0);
    revops_buf_lit(&b, ",\"missing\":");
    revops_buf_int(&b, f->nMissing);
    revops_buf_str(&b, f->scale > 0 ? ",\"constant\":false}" : ",\"constant\":true}");
  }
  revops_buf_lit(&b, "]}");
  return revops_buf_finish(&b);
}

static int json_num(const RevopsJson *js, int iObj, const char *zKey, double *pOut,
                    char *zErr, size_t nErr) {
  int i = revops_json_member(js, iObj, zKey);
  if (i < 0 || js->aNode[i].type != REVOPS_JNUMBER) {
    revops_errf(zErr, nErr, "needs a number \"%s\"", zKey);
    return 0;
  }
  *pOut = js->aNode[i].num;
  return 1;
}

int revops_logit_parse(const char *z, size_t n, RevopsLogit *p, char *zErr,
                       size_t nErr) {
  RevopsJson js;
  int rc = REVOPS_ERROR, iFeat, i, k;
  memset(p, 0, sizeof(*p));
  rc = revops_json_parse(&js, z, n, zErr, nErr);
  if (rc != REVOPS_OK) goto done;
  rc = REVOPS_ERROR;
  if (js.aNode[0].type != REVOPS_JOBJECT) {
    revops_errf(zErr, nErr, "must be a JSON object from learn_fit()");
    goto done;
  }
  if (!json_num(&js, 0, "intercept", &p->intercept, zErr, nErr)) goto done;
  iFeat = revops_json_member(&js, 0, "features");
  if (iFeat < 0 || js.aNode[iFeat].type != REVOPS_JARRAY || js.aNode[iFeat].nChild < 1 ||
      js.aNode[iFeat].nChild > REVOPS_LEARN_MAX_FEATURES) {
    revops_errf(zErr, nErr, "needs an array \"features\" of 1 to %d objects", REVOPS_LEARN_MAX_FEATURES);
    goto done;
  }
  for (i = js.aNode[iFeat].iChild; i >= 0; i = js.aNode[i].iNext) {
    RevopsLogitFeature *f = &p->aFeat[p->nFeat];
    int iName;
    if (js.aNode[i].type != REVOPS_JOBJECT) {
      revops_errf(zErr, nErr, "features[%d] must be an object", p->nFeat);
      goto done;
    }
    iName = revops_json_member(&js, i, "name");
    if (iName < 0 || js.aNode[iName].type != REVOPS_JSTRING || js.aNode[iName].zStr[0] == 0 ||
        strlen(js.aNode[iName].zStr) > REVOPS_LEARN_MAX_NAME) {
      revops_errf(zErr, nErr, "features[%d] needs a \"name\" of 1 to %d bytes", p->nFeat, REVOPS_LEARN_MAX_NAME);
      goto done;
    }
    strcpy(f->zName, js.aNode[iName].zStr);
    for (k = 0; k < p->nFeat; k++) {
      if (strcmp(p->aFeat[k].zName, f->zName) == 0) {
        revops_errf(zErr, nErr, "names feature '%s' twice", f->zName);
        goto done;
      }
    }
    if (!json_num(&js, i, "mean", &f->mean, zErr, nErr) || !json_num(&js, i, "scale", &f->scale, zErr, nErr) ||
        !json_num(&js, i, "coef", &f->coef, zErr, nErr)) {
      goto done;
    }
    if (!(f->scale >= 0)) {
      revops_errf(zErr, nErr, "feature '%s' has a negative scale", f->zName);
      goto done;
    }
    p->nFeat++;
  }
  rc = REVOPS_OK;
done:
  revops_json_free(&js);
  return rc;
}

double revops_logit_linear(const RevopsLogit *p, const double *ax, double *aContrib) {
  double z = p->intercept;
  int j;
  for (j = 0; j < p->nFeat; j++) {
    const RevopsLogitFeature *f = &p->aFeat[j];
    double c = 0;
    if (f->scale > 0 && !isnan(ax[j])) c = f->coef * ((ax[j] - f->mean) / f->scale);
    if (aContrib) aContrib[j] = c;
    z += c;
  }
  return z;
}

const char *revops_win_band(double p) {
  return p >= 0.70 ? "high" : p >= 0.40 ? "medium" : "low";
}

/* -------------------------------------------------------------- metrics */

typedef struct ScoreRow {
  double s;
  unsigned char y;
} ScoreRow;

static int cmp_score(const void *pa, const void *pb) {
  const ScoreRow *a = pa, *b = pb;
  if (a->s != b->s) return a->s < b->s ? -1 : 1;
  return (int)a->y - (int)b->y;
}

int revops_auc(double *aScore, unsigned char *aY, int64_t n, double *pAuc) {
  ScoreRow *a;
  int64_t i, j, nPos = 0;
  double rankSum = 0; /* sum of the positives' ranks, ties averaged */
  for (i = 0; i < n; i++) nPos += aY[i] != 0;
  if (nPos == 0 || nPos == n) return REVOPS_ERROR;
  a = revops_malloc((size_t)n * sizeof(*a));
  if (a == 0) return REVOPS_NOMEM;
  for (i = 0; i < n; i++) {
    a[i].s = aScore[i];
    a[i].y = aY[i] != 0;
  }
  qsort(a, (size_t)n, sizeof(*a), cmp_score);
  for (i = 0; i < n; i = j) {
    int64_t pos = 0;
    for (j = i; j < n && a[j].s == a[i].s; j++) pos += a[j].y;
    /* ranks i+1 .. j share the mean rank (i + 1 + j) / 2 */
    rankSum += (double)pos * ((double)(i + 1 + j) / 2.0);
  }
  revops_free(a);
  {
    double np = (double)nPos, nn = (double)(n - nPos);
    *pAuc = (rankSum - np * (np + 1) / 2.0) / (np * nn);
  }
  return REVOPS_OK;
}

double revops_log_loss_term(double p, int y) {
  const double eps = 1e-15;
  if (p < eps) p = eps;
  if (p > 1 - eps) p = 1 - eps;
  return y ? -log(p) : -log1p(-p);
}

/* ------------------------------------------------------ forecast ranges */

typedef struct RangeDeal {
  int64_t k; /* cells */
  double p;
} RangeDeal;

static int cmp_deal(const void *pa, const void *pb) {
  const RangeDeal *a = pa, *b = pb;
  if (a->k != b->k) return a->k < b->k ? -1 : 1;
  if (a->p != b->p) return a->p < b->p ? -1 : 1;
  return 0;
}

/* dst[i] = a * dst[i] + b * src[i]: the two ranges do not overlap, which
** lets the compiler vectorise. */
static void range_block(double *restrict dst, const double *restrict src, int64_t n, double a, double b) {
  int64_t i;
  for (i = n - 1; i >= 0; i--) dst[i] = a * dst[i] + b * src[i];
}

/* u / step rounded half up, for u >= 0 and step > 0. */
static int64_t cells_of(int64_t u, int64_t step) { return u / step + (u % step >= step - u % step ? 1 : 0); }

int revops_range_build(const double *aAmt, const double *aProb, int64_t n,
                       RevopsRange *p, char *zErr, size_t nErr) {
  RangeDeal *aDeal = 0;
  int64_t *aU = 0, i, nVar = 0, total = 0, lo = 0, hi = 0;
  double totalD = 0, err = 0;
  int64_t stepU = 1, p10 = 1; /* in money units of 1e-4 */
  static const int aMant[3] = {1, 2, 5};
  int iMant = 0;
  RevopsSum mean = {0, 0};

  memset(p, 0, sizeof(*p));
  if (n > REVOPS_RANGE_MAX_DEALS) {
    revops_errf(zErr, nErr, "takes at most %d deals, got %lld", REVOPS_RANGE_MAX_DEALS, (long long)n);
    return REVOPS_ERROR;
  }
  aU = revops_malloc((size_t)(n > 0 ? n : 1) * sizeof(*aU));
  aDeal = revops_malloc((size_t)(n > 0 ? n : 1) * sizeof(*aDeal));
  if (!aU || !aDeal) goto nomem;
  for (i = 0; i < n; i++) {
    if (revops_money_quantize(aAmt[i], &aU[i]) != REVOPS_OK || aU[i] < 0) {
      revops_errf(zErr, nErr, "amount out of range");
      goto fail;
    }
    if (aProb[i] > 0) totalD += (double)aU[i];
    revops_sum_add(&mean, aAmt[i] * aProb[i]);
  }
  /* The smallest 1-2-5 step that keeps the grid within its cells. */
  while (totalD / (double)stepU + (double)n / 2 + 2 > (double)REVOPS_RANGE_MAX_CELLS) {
    if (iMant < 2) {
      iMant++;
    } else {
      iMant = 0;
      p10 *= 10;
    }
    stepU = aMant[iMant] * p10;
  }
  for (i = 0; i < n; i++) {
    int64_t k;
    if (!(aProb[i] > 0)) continue;
    k = cells_of(aU[i], stepU);
    err += fabs((double)(aU[i] - k * stepU));
    if (aProb[i] >= 1) {
      p->iBase += k;
      continue;
    }
    aDeal[nVar].k = k;
    aDeal[nVar++].p = aProb[i];
    total += k;
  }
  p->step = (double)stepU / REVOPS_MONEY_SCALE;
  p->errBound = err / REVOPS_MONEY_SCALE;
  p->mean = revops_sum_value(&mean);
  p->nDeal = n;
  p->nCell = total + 1;
  p->aP = revops_malloc((size_t)p->nCell * sizeof(double));
  if (!p->aP) goto nomem;
  memset(p->aP, 0, (size_t)p->nCell * sizeof(double));
  p->aP[0] = 1;
  /* Smallest deals first: the support grows as slowly as it can.  The
  ** support is [lo, hi]; cells below REVOPS_RANGE_DROP at either end are
  ** dropped as they appear (each drop loses at most that much
  ** probability; the documented total is far below rounding). */
  qsort(aDeal, (size_t)nVar, sizeof(*aDeal), cmp_deal);
  for (i = 0; i < nVar; i++) {
    int64_t k = aDeal[i].k, j, top;
    double pw = aDeal[i].p, pl = 1 - pw, *P = p->aP;
    if (k == 0) continue;
    /* new[j] = pl * old[j] + pw * old[j - k], in place from the top: in
    ** blocks of at most k cells a block's sources lie below it, untouched. */
    top = hi + k;
    for (j = top; j >= lo + k;) {
      int64_t nb = j - (lo + k) + 1;
      if (nb > k) nb = k;
      range_block(P + j - nb + 1, P + j - nb + 1 - k, nb, pl, pw);
      j -= nb;
    }
    for (j = (lo + k - 1 < top ? lo + k - 1 : top); j >= lo; j--) P[j] *= pl;
    hi = top;
    while (lo < hi && P[lo] < REVOPS_RANGE_DROP) P[lo++] = 0;
    while (hi > lo && P[hi] < REVOPS_RANGE_DROP) P[hi--] = 0;
  }
  revops_free(aU);
  revops_free(aDeal);
  return REVOPS_OK;
nomem:
  revops_errf(zErr, nErr, "out of memory");
  revops_free(aU);
  revops_free(aDeal);
  revops_range_free(p);
  return REVOPS_NOMEM;
fail:
  revops_free(aU);
  revops_free(aDeal);
  revops_range_free(p);
  return REVOPS_ERROR;
}

double revops_range_quantile(const RevopsRange *p, double q) {
  double c = 0;
  int64_t j, last = 0;
  for (j = 0; j < p->nCell; j++) {
    if (p->aP[j] <= 0) continue;
    last = j;
    c += p->aP[j];
    /* 1e-12: the convolution's rounding, so that q = 1 is reached */
    if (c >= q - 1e-12) break;
  }
  if (j == p->nCell) j = last;
  return (double)(p->iBase + j) * p->step;
}

double revops_range_reach(const RevopsRange *p, double target) {
  double s = 0;
  int64_t j;
  for (j = p->nCell - 1; j >= 0; j--) {
    if ((double)(p->iBase + j) * p->step < target) break;
    s += p->aP[j];
  }
  return s > 1 ? 1 : s;
}

void revops_range_free(RevopsRange *p) {
  revops_free(p->aP);
  p->aP = 0;
  p->nCell = 0;
}

int revops_logit_fit_rows(const double *aRow, int64_t nRow, int nFeat, const char *const *azName,
                          double lambda, RevopsLogit *pOut, char *zErr, size_t nErr) {
  double *aX = revops_malloc((size_t)(nRow * nFeat) * sizeof(double) + 1);
  unsigned char *aY = revops_malloc((size_t)nRow + 1);
  int64_t i, msFrom = 0, msTo = 0;
  int j, hasDate = 0, rc = REVOPS_NOMEM;
  memset(pOut, 0, sizeof(*pOut));
  if (aX && aY) {
    for (i = 0; i < nRow; i++) {
      const double *row = aRow + i * (nFeat + 2);
      aY[i] = row[0] != 0;
      if (!isnan(row[1])) {
        int64_t ms = (int64_t)row[1];
        if (!hasDate || ms < msFrom) msFrom = ms;
        if (!hasDate || ms > msTo) msTo = ms;
        hasDate = 1;
      }
      memcpy(aX + i * nFeat, row + 2, (size_t)nFeat * sizeof(double));
    }
    rc = revops_logit_fit(aX, aY, nRow, nFeat, lambda, pOut, zErr, nErr);
  }
  if (rc == REVOPS_OK) {
    for (j = 0; j < nFeat; j++) memcpy(pOut->aFeat[j].zName, azName[j], strlen(azName[j]) + 1);
    if (hasDate) {
      revops_format_date(msFrom, pOut->zFrom);
      revops_format_date(msTo, pOut->zTo);
    }
  }
  revops_free(aX);
  revops_free(aY);
  return rc;
}
