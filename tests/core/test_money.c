/* Money: exact sums in 1e-4 units and quarter-nano weights. */
#include "check.h"
#include "revops.h"

static int64_t units(double amount) {
  int64_t u = 0;
  revops_money_quantize(amount, &u);
  return u;
}

void test_money(void) {
  RevopsMoney m;
  int i;
  int64_t u;

  CHECK_INT(units(10.01), 100100);
  CHECK_INT(units(0.285), 2850); /* 0.28499999999999998 in binary */
  CHECK_INT(units(-1.5), -15000);
  CHECK(revops_money_quantize(9e14, &u) == REVOPS_OK);
  CHECK(revops_money_quantize(9.1e14, &u) == REVOPS_ERROR);
  CHECK(revops_money_quantize(0.0 / 0.0, &u) == REVOPS_ERROR);
  CHECK_INT(revops_weight_quantize(0.35, 4), INT64_C(1400000000));
  CHECK_INT(revops_weight_quantize(0.35, 1), INT64_C(350000000));

  /* 0.1 ten times is 1.00 exactly, where a double sum gives 0.9999999999999999. */
  revops_money_zero(&m);
  for (i = 0; i < 10; i++) revops_money_add(&m, units(0.1), REVOPS_WEIGHT_SCALE);
  CHECK(revops_money_cents(&m) == 1.0);

  /* Half cents round away from zero: 10.01 x 0.5 = 5.005 -> 5.01. */
  revops_money_zero(&m);
  revops_money_add(&m, units(10.01), revops_weight_quantize(0.5, 4));
  CHECK(revops_money_cents(&m) == 5.01);
  revops_money_zero(&m);
  revops_money_sub(&m, units(10.01), revops_weight_quantize(0.5, 4));
  CHECK(revops_money_cents(&m) == -5.01);
  /* 0.25 x 0.01 = 0.0025 -> 0.00; x 0.02 = 0.005 -> 0.01. */
  revops_money_zero(&m);
  revops_money_add(&m, units(0.01), revops_weight_quantize(0.25, 4));
  CHECK(revops_money_cents(&m) == 0.0);
  revops_money_zero(&m);
  revops_money_add(&m, units(0.02), revops_weight_quantize(0.25, 4));
  CHECK(revops_money_cents(&m) == 0.01);

  /* Aging quarters: 1000 x 0.3 at x0.25 = 75.00; at x0.5 = 150.00. */
  revops_money_zero(&m);
  revops_money_add(&m, units(1000), revops_weight_quantize(0.3, 1));
  CHECK(revops_money_cents(&m) == 75.0);
  revops_money_add(&m, units(1000), revops_weight_quantize(0.3, 2));
  CHECK(revops_money_cents(&m) == 225.0);

  /* Far beyond int64: 1e6 rows of the largest amount at probability 1. */
  revops_money_zero(&m);
  for (i = 0; i < 1000000; i++) revops_money_add(&m, units(9e14), REVOPS_WEIGHT_SCALE);
  CHECK(revops_money_value(&m) == 9e20);

  /* 128-bit words, the same with __int128 and with the two-halves fallback
  ** (the core tests run in both builds).  Ten of the largest amount at a
  ** plain weight: 10 x 9e18 x 4e9 = 3.6e29 = 19515639104 x 2^64 +
  ** 13633616144484007936 (Python), 9e17 cents. */
  {
    RevopsMoney big, one;
    int k;
    revops_money_zero(&big);
    for (k = 0; k < 10; k++) revops_money_add(&big, INT64_C(9000000000000000000), REVOPS_WEIGHT_SCALE);
    CHECK(big.hi == INT64_C(19515639104) && big.lo == UINT64_C(13633616144484007936));
    CHECK(revops_money_cents(&big) == 9e15);
    /* Back below zero: -(2^70 + 5) is hi -65, lo 2^64 - 5 in two's
    ** complement; a negative times a negative adds. */
    for (k = 0; k < 10; k++) revops_money_add(&big, INT64_C(-9000000000000000000), REVOPS_WEIGHT_SCALE);
    CHECK(big.hi == 0 && big.lo == 0);
    revops_money_sub(&big, INT64_C(1) << 35, INT64_C(1) << 35); /* -2^70 */
    revops_money_add(&big, -5, 1);
    CHECK(big.hi == -65 && big.lo == UINT64_C(18446744073709551611));
    revops_money_add(&big, -(INT64_C(1) << 35), -(INT64_C(1) << 35));
    revops_money_add(&big, 5, 1);
    CHECK(big.hi == 0 && big.lo == 0);
    /* The nearest double, ties to even, whatever the build: 2^65 + 2^12 + 1
    ** is just over half an ulp (2^13) above 2^65, so it rounds up; 2^65 +
    ** 2^12 is exactly half and rounds to the even 2^65. */
    revops_money_zero(&one);
    revops_money_add(&one, 1, 1);
    big.hi = 2;
    big.lo = (UINT64_C(1) << 12) + 1;
    CHECK(revops_money_ratio(&big, &one) == 36893488147419111424.0); /* 2^65 + 2^13 */
    big.lo = UINT64_C(1) << 12;
    CHECK(revops_money_ratio(&big, &one) == 36893488147419103232.0); /* 2^65 */
    /* -3 x 2^64 + 2^12 = -(3 x 2^64 - 2^12): again half an ulp, to the
    ** even -3 x 2^64. */
    big.hi = -3;
    big.lo = UINT64_C(1) << 12;
    CHECK(revops_money_ratio(&big, &one) == -55340232221128654848.0);
  }
  for (i = 0; i < 1000000; i++) revops_money_sub(&m, units(9e14), REVOPS_WEIGHT_SCALE);
  CHECK(m.lo == 0 && m.hi == 0);

  /* Property: any order of adds and removes leaves exactly the rest. */
  {
    unsigned long long seed = 42;
    int64_t aU[1000], aW[1000], hundredths = 0;
    RevopsMoney fwd, mixed;
    revops_money_zero(&fwd);
    revops_money_zero(&mixed);
    for (i = 0; i < 1000; i++) {
      aU[i] = (int64_t)check_rand_int(&seed, 0, 10000000) * 100; /* whole cents */
      aW[i] = revops_weight_quantize(check_rand_int(&seed, 0, 100) / 100.0, 4);
      revops_money_add(&mixed, aU[i], aW[i]);
    }
    for (i = 999; i >= 500; i--) revops_money_sub(&mixed, aU[i], aW[i]);
    for (i = 0; i < 500; i++) {
      revops_money_add(&fwd, aU[i], aW[i]);

      hundredths += aU[i] / 100 * (aW[i] / 40000000);
    }
    CHECK(fwd.lo == mixed.lo && fwd.hi == mixed.hi);
    /* whole cents x whole percent = hundredths of a cent; round to cents. */
    CHECK(revops_money_cents(&fwd) == (double)((hundredths + 50) / 100) / 100.0);
  }

  /* revops_round_cents: a hair under a half cent is the half cent. */
  CHECK(revops_round_cents(10.01 * 0.5) == 5.01);
  CHECK(revops_round_cents(-10.01 * 0.5) == -5.01);
  CHECK(revops_round_cents(0.1 + 0.2) == 0.3);
  CHECK(revops_round_cents(1.234) == 1.23);

  {
    RevopsSum s = {0, 0};
    for (i = 0; i < 10; i++) revops_sum_add(&s, 0.1);
    CHECK(revops_sum_value(&s) == 1.0);
  }
}
