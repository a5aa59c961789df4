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
** 128-bit arithmetic uses the compiler's __int128 where it has one (GCC and
** Clang on 64-bit targets), and otherwise, or when REVOPS_NO_INT128 is
** defined (the core tests build both), two uint64 halves with the same
** results bit for bit: MSVC and 32-bit targets build the same extension.
** The value is stored as two 64-bit words so it needs only 8-byte
** alignment.
*/
#include <float.h>
#include <math.h>

#include "revops.h"

#if defined(__SIZEOF_INT128__) && !defined(REVOPS_NO_INT128)
/* ------------------------------------------------------------ __int128 */
__extension__ typedef __int128 money_i128;
__extension__ typedef unsigned __int128 money_u128;

static money_i128 money_get(const RevopsMoney *m) {
  return (money_i128)(((money_u128)(uint64_t)m->hi << 64) | m->lo);
}

static void money_put(RevopsMoney *m, money_i128 v) {
  m->lo = (uint64_t)v;
  m->hi = (int64_t)(v >> 64);
}

static void money_addmul(RevopsMoney *m, int64_t a, int64_t b, int dir) {
  money_i128 p = (money_i128)a * b;
  money_put(m, dir > 0 ? money_get(m) + p : money_get(m) - p);
}

/* The value as the nearest double. */
static double money_to_double(const RevopsMoney *m) { return (double)money_get(m); }

/* |value| / d rounded half up, for d > 0; the quotient fits in 64 bits. */
static uint64_t money_abs_div_round(const RevopsMoney *m, uint64_t d) {
  money_i128 v = money_get(m);
  money_u128 mag = (money_u128)(v < 0 ? -v : v);
  return (uint64_t)((mag + d / 2) / d);
}

static int money_is_negative(const RevopsMoney *m) { return m->hi < 0; }

#else
/* ------------------------------------------------ two uint64 halves */
/* Unsigned 128-bit value as halves; the signed value is two's complement,
** as RevopsMoney stores it. */
typedef struct U128 {
  uint64_t lo, hi;
} U128;

static U128 u128_add(U128 a, U128 b) {
  U128 r;
  r.lo = a.lo + b.lo;
  r.hi = a.hi + b.hi + (r.lo < a.lo);
  return r;
}

static U128 u128_neg(U128 a) {
  U128 r;
  r.lo = ~a.lo + 1;
  r.hi = ~a.hi + (r.lo == 0);
  return r;
}

/* a x b for unsigned 64-bit a, b, from 32-bit pieces. */
static U128 u128_mul64(uint64_t a, uint64_t b) {
  uint64_t a0 = a & 0xFFFFFFFFu, a1 = a >> 32, b0 = b & 0xFFFFFFFFu, b1 = b >> 32;
  uint64_t p00 = a0 * b0, p01 = a0 * b1, p10 = a1 * b0, p11 = a1 * b1;
  uint64_t mid = (p00 >> 32) + (p01 & 0xFFFFFFFFu) + (p10 & 0xFFFFFFFFu);
  U128 r;
  r.lo = (mid << 32) | (p00 & 0xFFFFFFFFu);
  r.hi = p11 + (p01 >> 32) + (p10 >> 32) + (mid >> 32);
  return r;
}

static U128 money_get(const RevopsMoney *m) {
  U128 r;
  r.lo = m->lo;
  r.hi = (uint64_t)m->hi;
  return r;
}

static void money_put(RevopsMoney *m, U128 v) {
  m->lo = v.lo;
  /* Two's complement back to int64 without implementation-defined
  ** conversion of values above INT64_MAX. */
  m->hi = v.hi <= (uint64_t)INT64_MAX ? (int64_t)v.hi
                                      : -(int64_t)(~v.hi) - 1;
}

static int money_is_negative(const RevopsMoney *m) { return m->hi < 0; }

static uint64_t u64_abs(int64_t a) { return a < 0 ? ~(uint64_t)a + 1 : (uint64_t)a; }

static void money_addmul(RevopsMoney *m, int64_t a, int64_t b, int dir) {
  U128 p = u128_mul64(u64_abs(a), u64_abs(b));
  if ((a < 0) != (b < 0)) p = u128_neg(p);
  if (dir < 0) p = u128_neg(p);
  money_put(m, u128_add(money_get(m), p));
}

/* An unsigned 128-bit value as the nearest double (ties to even), as the
** compiler converts __int128: the top 64 significant bits with a sticky
** bit for everything below, converted once. */
static double u128_to_double(U128 v) {
  int n = 0;
  uint64_t top;
  if (v.hi == 0) return (double)v.lo;
  while ((v.hi >> n) != 0) n++; /* bits of hi: 1..64 */
  top = (n == 64 ? v.hi : (v.hi << (64 - n)) | (v.lo >> n));
  if (n == 64 ? v.lo != 0 : (v.lo & ((UINT64_C(1) << n) - 1)) != 0) top |= 1;
  return ldexp((double)top, n);
}

static double money_to_double(const RevopsMoney *m) {
  U128 v = money_get(m);
  return money_is_negative(m) ? -u128_to_double(u128_neg(v)) : u128_to_double(v);
}

/* |value| / d rounded half up, for 0 < d < 2^63: shift-and-subtract long
** division (at value time only, never per row added). */
static uint64_t money_abs_div_round(const RevopsMoney *m, uint64_t d) {
  U128 v = money_get(m), half;
  uint64_t q_lo = 0, rem = 0;
  int i;
  if (money_is_negative(m)) v = u128_neg(v);
  half.lo = d / 2;
  half.hi = 0;
  v = u128_add(v, half);
  for (i = 127; i >= 0; i--) {
    uint64_t bit = i >= 64 ? (v.hi >> (i - 64)) & 1 : (v.lo >> i) & 1;
    rem = (rem << 1) | bit; /* rem < d < 2^63: no overflow */
    if (rem >= d) {
      rem -= d;
      if (i < 64) q_lo |= UINT64_C(1) << i; /* the quotient fits in 64 bits */
    }
  }
  return q_lo;
}
#endif

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
  money_addmul(m, units, weight, +1);
}

void revops_money_sub(RevopsMoney *m, int64_t units, int64_t weight) {
  money_addmul(m, units, weight, -1);
}

/* One cent in accumulator units: 1e4 / 100 * 4e9. */
#define MONEY_CENT ((uint64_t)REVOPS_MONEY_SCALE / 100 * (uint64_t)REVOPS_WEIGHT_SCALE)

double revops_money_cents(const RevopsMoney *m) {
  uint64_t cents = money_abs_div_round(m, MONEY_CENT);
  /* cents is exact as a double below 2^53 (90 trillion), so this is the
  ** double nearest to the decimal result. */
  double r = (double)cents / 100.0;
  return money_is_negative(m) ? -r : r;
}

double revops_money_value(const RevopsMoney *m) {
  return money_to_double(m) / ((double)REVOPS_MONEY_SCALE * (double)REVOPS_WEIGHT_SCALE);
}

double revops_money_ratio(const RevopsMoney *num, const RevopsMoney *den) {
  return money_to_double(num) / money_to_double(den);
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

/* Two's complement addition of the halves: the same bits as __int128's
** addition, so both builds merge alike. */
void revops_money_merge(RevopsMoney *m, const RevopsMoney *other) {
  uint64_t lo = m->lo + other->lo;
  uint64_t hi = (uint64_t)m->hi + (uint64_t)other->hi + (lo < m->lo);
  m->lo = lo;
  m->hi = hi <= (uint64_t)INT64_MAX ? (int64_t)hi : -(int64_t)(~hi) - 1;
}

void revops_sum_merge(RevopsSum *s, const RevopsSum *other) {
  revops_sum_add(s, other->hi);
  revops_sum_add(s, other->lo);
}
