/*
** money.c — exact money sums.
**
** SPEC section 2: "Money is exact".  A double sum of 10 million amounts
** drifts, and a window function that subtracts rows as its frame moves
** drifts further.  So amounts are quantised to 1e-4 and weights to a
** quarter of 1e-9, and products are summed as 128-bit integers: the sum is
** exact for amounts with up to 4 decimals and probabilities with up to 9,
** whatever the row order, and the inverse step undoes the step exactly.
**
** 128-bit arithmetic uses the GCC/Clang __int128 type; the value is stored
** as two 64-bit words so it needs only 8-byte alignment.
*/
#include <float.h>
#include <math.h>

#include "revops.h"

#ifndef __SIZEOF_INT128__
#error "revops needs a compiler with __int128 (GCC or Clang on a 64-bit target)"
#endif
__extension__ typedef __int128 money_i128;
__extension__ typedef unsigned __int128 money_u128;

static money_i128 money_get(const RevopsMoney *m) {
  return (money_i128)(((money_u128)(uint64_t)m->hi << 64) | m->lo);
}

static void money_put(RevopsMoney *m, money_i128 v) {
  m->lo = (uint64_t)v;
  m->hi = (int64_t)(v >> 64);
}

/* Round half away from zero, for a double known to fit an int64. */
static int64_t money_round(double x) {
  return (int64_t)(x < 0 ? x - 0.5 : x + 0.5);
}

int revops_money_quantize(double amount, int64_t *pUnits) {
  if (!(amount >= -REVOPS_MONEY_MAX && amount <= REVOPS_MONEY_MAX)) {
    return REVOPS_ERROR; /* also catches NaN */
  }
  *pUnits = money_round(amount * REVOPS_MONEY_SCALE);
  return REVOPS_OK;
}

int64_t revops_weight_quantize(double w, int quarters) {
  return money_round(w * 1e9) * quarters;
}

void revops_money_zero(RevopsMoney *m) {
  m->lo = 0;
  m->hi = 0;
}

void revops_money_add(RevopsMoney *m, int64_t units, int64_t weight) {
  money_put(m, money_get(m) + (money_i128)units * weight);
}

void revops_money_sub(RevopsMoney *m, int64_t units, int64_t weight) {
  money_put(m, money_get(m) - (money_i128)units * weight);
}

/* One cent in accumulator units: 1e4 / 100 * 4e9. */
#define MONEY_CENT ((money_i128)REVOPS_MONEY_SCALE / 100 * REVOPS_WEIGHT_SCALE)

double revops_money_cents(const RevopsMoney *m) {
  money_i128 v = money_get(m);
  money_i128 mag = v < 0 ? -v : v;
  money_i128 cents = (mag + MONEY_CENT / 2) / MONEY_CENT;
  /* cents is exact as a double below 2^53 (90 trillion), so this is the
  ** double nearest to the decimal result. */
  double r = (double)cents / 100.0;
  return v < 0 ? -r : r;
}

double revops_money_value(const RevopsMoney *m) {
  return (double)money_get(m) / ((double)REVOPS_MONEY_SCALE * (double)REVOPS_WEIGHT_SCALE);
}

double revops_money_ratio(const RevopsMoney *num, const RevopsMoney *den) {
  return (double)money_get(num) / (double)money_get(den);
}

double revops_round_cents(double v) {
  double c;
  /* From 1e15 up a double has no cents to round, and v * 100 could
  ** overflow to infinity (found by tests/fuzz/fuzz_money.c with
  ** -6.45e306); NaN passes through too. */
  if (!(fabs(v) < 1e15)) return v;
  c = v * 100.0;
  double f = floor(fabs(c));
  double frac = fabs(c) - f;
  /* A value a hair under a half cent is a half cent that binary could
  ** not hold (10.01 * 0.5 is 5.00499999...): round it as the half it is.
  ** A hair is a few units in the last place of c, so the margin grows
  ** with the amount, but it stays a small fraction of a cent: a margin
  ** relative to the amount alone reached half a cent at 5e8 cents and
  ** added a cent to every amount from 5,000,000 up. */
  double tol = 1e-9 + 8 * DBL_EPSILON * f;
  if (tol > 1e-3) tol = 1e-3;
  if (frac >= 0.5 - tol) f += 1.0;
  return (c < 0 ? -f : f) / 100.0;
}

/* TwoSum (Knuth): s->lo collects the rounding error of every addition. */
void revops_sum_add(RevopsSum *s, double x) {
  double t = s->hi + x;
  double bp = t - s->hi;
  s->lo += (s->hi - (t - bp)) + (x - bp);
  s->hi = t;
}

double revops_sum_value(const RevopsSum *s) { return s->hi + s->lo; }
