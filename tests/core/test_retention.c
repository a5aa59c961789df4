/* NRR, GRR and logo retention in the core: a cohort by hand, and a frame
** dropping a customer. */
#include "check.h"
#include "revops.h"

static int64_t u(double amount) {
  int64_t x = 0;
  revops_money_quantize(amount, &x);
  return x;
}

void test_retention(void) {
  RevopsRetention r;
  double v = -1;
  memset(&r, 0, sizeof(r));
  CHECK(revops_retention_nrr(&r, &v) == REVOPS_NULL && v == -1); /* empty cohort */
  /* A: 100 -> 120 (expansion), B: 200 -> 150 (contraction), C: 100 -> 0
  ** (churn), D: 0 -> 50 (new, outside the cohort).
  ** NRR = (120 + 150 + 0) / 400 = 0.675; GRR = (100 + 150 + 0) / 400 =
  ** 0.625; logos kept 2 of 3. */
  revops_retention_step(&r, u(100), u(120), +1);
  revops_retention_step(&r, u(200), u(150), +1);
  revops_retention_step(&r, u(100), u(0), +1);
  revops_retention_step(&r, u(0), u(50), +1);
  CHECK(revops_retention_nrr(&r, &v) == REVOPS_OK && v == 0.675);
  CHECK(revops_retention_grr(&r, &v) == REVOPS_OK && v == 0.625);
  CHECK(revops_retention_logo(&r, &v) == REVOPS_OK && v == 2.0 / 3.0);
  revops_retention_step(&r, u(100), u(0), -1); /* C leaves the frame */
  CHECK(revops_retention_nrr(&r, &v) == REVOPS_OK && v == 0.9);
  CHECK(revops_retention_logo(&r, &v) == REVOPS_OK && v == 1.0);
}
