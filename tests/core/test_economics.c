/* Unit economics (seed 003 Tier 1, seed 000), and revops_round_cents. */
#include "check.h"
#include "revops.h"

void test_economics(void) {
  double v = -1;

  /* revops_round_cents: whole amounts of 5,000,000 and more must not gain
  ** a cent (the margin for "a hair under a half cent" was once relative to
  ** the amount and reached half a cent at 5e8 cents). */
  CHECK(revops_round_cents(5000000.0) == 5000000.0);
  CHECK(revops_round_cents(4999999.99) == 4999999.99);
  CHECK(revops_round_cents(123456789.12) == 123456789.12);
  CHECK(revops_round_cents(900000000000.0) == 900000000000.0);
  CHECK(revops_round_cents(500000.0045) == 500000.0);     /* below the half */
  CHECK(revops_round_cents(5000000.005) == 5000000.01);   /* the half itself */
  CHECK(revops_round_cents(-5000000.0) == -5000000.0);
  CHECK(revops_round_cents(0.005) == 0.01);
  CHECK(revops_round_cents(0.0049) == 0.0);

  /* CAC: 120000 / 40 = 3000; no customers: undefined. */
  CHECK(revops_cac(120000, 40, &v) == REVOPS_OK && v == 3000);
  v = -1;
  CHECK(revops_cac(120000, 0, &v) == REVOPS_NULL && v == -1);
  CHECK(revops_cac(100, 3, &v) == REVOPS_OK && v == 33.33);

  /* LTV: 1000 x 0.8 / 0.02 = 40000; a 24-month cap binds (800 x 24);
  ** a 60-month cap does not; churn 0 needs a cap. */
  CHECK(revops_ltv(1000, 0.8, 0.02, -1, &v) == REVOPS_OK && v == 40000);
  CHECK(revops_ltv(1000, 0.8, 0.02, 24, &v) == REVOPS_OK && v == 19200);
  CHECK(revops_ltv(1000, 0.8, 0.02, 60, &v) == REVOPS_OK && v == 40000);
  CHECK(revops_ltv(1000, 0.8, 0, 60, &v) == REVOPS_OK && v == 48000);
  CHECK(revops_ltv(1000, 0.8, 0, -1, &v) == REVOPS_NULL);
  CHECK(revops_ltv(1000, 0.8, 0.02, 0, &v) == REVOPS_OK && v == 0);

  CHECK(revops_ltv_cac(40000, 10000, &v) == REVOPS_OK && v == 4);
  CHECK(revops_ltv_cac(40000, 0, &v) == REVOPS_NULL);
  /* 12000 / (1000 x 0.8) = 15 months */
  CHECK(revops_cac_payback_months(12000, 1000, 0.8, &v) == REVOPS_OK && v == 15);
  CHECK(revops_cac_payback_months(12000, 1000, 0, &v) == REVOPS_NULL);
  /* Magic number: no x4. */
  CHECK(revops_magic_number(750000, 1000000, &v) == REVOPS_OK && v == 0.75);
  CHECK(revops_magic_number(-100000, 500000, &v) == REVOPS_OK && v == -0.2);
  CHECK(revops_magic_number(1, 0, &v) == REVOPS_NULL);
  /* Burn multiple: undefined without growth. */
  CHECK(revops_burn_multiple(1500000, 1000000, &v) == REVOPS_OK && v == 1.5);
  CHECK(revops_burn_multiple(-300000, 1000000, &v) == REVOPS_OK && v == -0.3);
  CHECK(revops_burn_multiple(1500000, 0, &v) == REVOPS_NULL);
  CHECK(revops_burn_multiple(1500000, -1, &v) == REVOPS_NULL);
  /* Quick ratio: (100 + 50 + 10) / (20 + 20) = 4. */
  CHECK(revops_quick_ratio(100, 50, 10, 20, 20, &v) == REVOPS_OK && v == 4);
  CHECK(revops_quick_ratio(100, 50, 10, 0, 0, &v) == REVOPS_NULL);
  /* ROI as a fraction: (150000 - 50000) / 50000 = 2. */
  CHECK(revops_roi(150000, 50000, &v) == REVOPS_OK && v == 2);
  CHECK(revops_roi(30000, 50000, &v) == REVOPS_OK && v == -0.4);
  CHECK(revops_roi(1, 0, &v) == REVOPS_NULL);
  /* ARR = MRR x 12. */
  CHECK(revops_arr(83.33) == 999.96);
  CHECK(revops_arr(-500) == -6000);
  CHECK(revops_arr(416666.67) == 5000000.04);
}
