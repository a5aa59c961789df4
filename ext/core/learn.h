/*
** learn.h — learned scores (regularised logistic regression), the
** backtest metrics (AUC, Brier score, log loss) and forecast ranges (the
** distribution of the total won amount of independent deals).  Pure C:
** no SQLite types, so another engine's binding can call it unchanged.
** docs/learn.md is the reference; every bound below is documented there.
*/
#ifndef REVOPS_LEARN_H
#define REVOPS_LEARN_H

#include <stddef.h>
#include <stdint.h>

#include "revops.h"

/* ------------------------------------------------- logistic regression */
#define REVOPS_LEARN_MAX_FEATURES 32    /* name/value pairs per row */
#define REVOPS_LEARN_MAX_ROWS 1000000   /* training rows kept */
#define REVOPS_LEARN_MAX_VALUES 10000000 /* rows x features: memory ~ 24 bytes each */
#define REVOPS_LEARN_MIN_CLASS 5        /* rows of each label needed to fit */
#define REVOPS_LEARN_MAX_NAME 64        /* bytes in a feature name */
#define REVOPS_LEARN_MAX_ITER 100       /* Newton iterations */
#define REVOPS_LEARN_MAX_VALUE 1e15     /* |feature value| */
#define REVOPS_LEARN_TOL 1e-10          /* stop when max |Newton step| < this */

typedef struct RevopsLogitFeature {
  char zName[REVOPS_LEARN_MAX_NAME + 1];
  double mean;     /* training mean of the non-missing values */
  double scale;    /* population standard deviation; 0 = constant feature */
  double coef;     /* coefficient on (x - mean) / scale; 0 when constant */
  int64_t nMissing; /* training rows where the value was NULL (imputed by mean) */
} RevopsLogitFeature;

typedef struct RevopsLogit {
  int nFeat;
  RevopsLogitFeature aFeat[REVOPS_LEARN_MAX_FEATURES];
  double intercept;
  double lambda;
  int64_t nRow, nPos;
  int iterations, converged;
  char zFrom[11], zTo[11]; /* training period ('' when no dates were given) */
} RevopsLogit;

/* Fit P(y = 1) = 1 / (1 + exp(-(b0 + sum_j b_j (x_j - m_j) / s_j))) by
** minimising the negative log-likelihood plus lambda/2 * sum_j b_j^2 (the
** intercept is not penalised), with damped Newton steps.
** aX is nRow x nFeat, row-major; NaN marks a missing value.  aY holds 0 or
** 1.  The rows are sorted into a canonical order first, so the model is
** the same bit for bit whatever order they came in.  -0.0 values in aX
** become 0.0.
** pOut's names and period are the caller's to fill.  REVOPS_ERROR with a
** reason when there are fewer than REVOPS_LEARN_MIN_CLASS rows of either
** label or lambda <= 0. */
int revops_logit_fit(double *aX, unsigned char *aY, int64_t nRow, int nFeat,
                     double lambda, RevopsLogit *pOut, char *zErr, size_t nErr);
/* learn_fit's model from the rows its aggregate kept: nRow rows of
** 2 + nFeat doubles (the label, the date in ms or NaN, the values), and
** the features' names.  Fills pOut with the names and the period of the
** dated rows.  As revops_logit_fit, and REVOPS_NOMEM. */
int revops_logit_fit_rows(const double *aRow, int64_t nRow, int nFeat, const char *const *azName,
                          double lambda, RevopsLogit *pOut, char *zErr, size_t nErr);

/* The model as JSON (revops_free the result; NULL when out of memory).
** Numbers are written with 17 significant digits, so reading the text
** back gives the same model to the last bit or two. */
char *revops_logit_json(const RevopsLogit *p);

/* Read a model written by revops_logit_json (or by hand in that shape). */
int revops_logit_parse(const char *z, size_t n, RevopsLogit *p, char *zErr,
                       size_t nErr);

/* The linear score b0 + sum_j b_j (x_j - m_j) / s_j for values ax[j] in
** the model's feature order (NaN = missing: contributes 0).  aContrib,
** when not NULL, receives each feature's term. */
double revops_logit_linear(const RevopsLogit *p, const double *ax,
                           double *aContrib);
/* 1 / (1 + exp(-z)), without overflow. */
double revops_logit_prob(double z);

/* Seed 001 band of a win probability: "high" (>= 0.70), "medium"
** (>= 0.40), "low". */
const char *revops_win_band(double p);

/* -------------------------------------------------------------- metrics */
/* Area under the ROC curve of scores against 0/1 labels: the probability
** that a random positive scores above a random negative, ties counting
** one half (Mann-Whitney).  Sorts aScore and aY together.  REVOPS_ERROR
** when either label is absent. */
int revops_auc(double *aScore, unsigned char *aY, int64_t n, double *pAuc);
/* One row's log loss, p clipped to [1e-15, 1 - 1e-15]. */
double revops_log_loss_term(double p, int y);

/* ------------------------------------------------------ forecast ranges */
#define REVOPS_RANGE_MAX_CELLS (1 << 21) /* money grid size */
#define REVOPS_RANGE_MAX_DEALS 100000
#define REVOPS_RANGE_DROP 1e-30 /* end cells below this are dropped */

/* The distribution of sum_i a_i * B_i, B_i independent Bernoulli(p_i), by
** exact convolution of the amounts rounded to a grid of `step`. */
typedef struct RevopsRange {
  double *aP;       /* aP[k] = P(rounded total = (iBase + k) * step) */
  int64_t nCell;
  int64_t iBase;    /* cells of the deals with p = 1 */
  double step;      /* grid step: 1, 2 or 5 times a power of ten */
  double errBound;  /* sum of |amount - rounded amount|: any quantile of the
                    ** true total is within this of the one reported */
  double mean;      /* exact sum_i a_i p_i */
  int64_t nDeal;
} RevopsRange;

/* Build the distribution.  Amounts >= 0 and probabilities in [0, 1] are
** the caller's to check. */
int revops_range_build(const double *aAmt, const double *aProb, int64_t n,
                       RevopsRange *p, char *zErr, size_t nErr);
/* The q-quantile: the smallest grid total t with P(total <= t) >= q. */
double revops_range_quantile(const RevopsRange *p, double q);
/* P(total >= target) on the grid. */
double revops_range_reach(const RevopsRange *p, double target);
void revops_range_free(RevopsRange *p);

#endif /* REVOPS_LEARN_H */
