/* The MRR engine (ext/core/mrr.c): months, one customer's month-end
** snapshots and movements, per-month totals.  Every expected value is
** worked out by hand from SPEC section 3: a period [start, end) counts at
** the close of a month's last day. */
#include "check.h"
#include "revops.h"

static int64_t ms(const char *z) {
  int64_t v = 0;
  REQUIRE(revops_parse_datetime(z, strlen(z), &v) == REVOPS_OK);
  return v;
}

static int32_t mon(const char *z) {
  int32_t m = 0;
  REQUIRE(revops_mrr_month_parse(z, strlen(z), &m) == REVOPS_OK);
  return m;
}

static char zErr[REVOPS_ERRMSG_SIZE];

/* Add a period; NULL zEnd = open-ended; amount in currency units. */
static int add(RevopsMrrCustomer *c, const char *zStart, const char *zEnd,
               double amount) {
  int64_t units = 0;
  REQUIRE(revops_money_quantize(amount, &units) == REVOPS_OK);
  zErr[0] = 0;
  return revops_mrr_customer_add(c, ms(zStart), zEnd != 0, zEnd ? ms(zEnd) : 0,
                                 units, zErr, sizeof(zErr));
}

/* "month:cents month:cents ..." of the customer's steps. */
static const char *steps(const RevopsMrrCustomer *c) {
  static char z[512];
  size_t n = 0;
  int i;
  z[0] = 0;
  for (i = 0; i < c->nStep && n < sizeof(z) - 40; i++) {
    char zm[REVOPS_MRR_MONTH_SIZE];
    revops_mrr_month_format(c->aStep[i].month, zm);
    n += (size_t)snprintf(z + n, sizeof(z) - n, "%s%s:%lld", i ? " " : "", zm,
                          (long long)c->aStep[i].cents);
  }
  return z;
}

/* "kind amount prev->curr" of every movement. */
static const char *movements(const RevopsMrrCustomer *c) {
  static char z[512];
  size_t n = 0;
  int i;
  z[0] = 0;
  for (i = 0; i < c->nStep && n < sizeof(z) - 60; i++) {
    RevopsMrrMovement mv;
    char zm[REVOPS_MRR_MONTH_SIZE];
    revops_mrr_customer_movement(c, i, &mv);
    revops_mrr_month_format(mv.month, zm);
    n += (size_t)snprintf(z + n, sizeof(z) - n, "%s%s %s %lld %lld->%lld", i ? ", " : "", zm,
                          revops_mrr_movement_name(mv.eKind), (long long)mv.amount,
                          (long long)mv.prev, (long long)mv.curr);
  }
  return z;
}

/* One waterfall row as "start +new +exp +react -contr -churn = end |
** customers start +new +react -churned = end". */
static const char *row(const RevopsMrrTotals *t, const char *zMonth) {
  static char z[256];
  RevopsMrrRow r;
  revops_mrr_totals_row(t, mon(zMonth), &r);
  snprintf(z, sizeof(z), "%lld +%lld +%lld +%lld -%lld -%lld = %lld | %lld +%lld +%lld -%lld = %lld",
           (long long)r.starting, (long long)r.aMrr[REVOPS_MRR_NEW],
           (long long)r.aMrr[REVOPS_MRR_EXPANSION], (long long)r.aMrr[REVOPS_MRR_REACTIVATION],
           (long long)r.aMrr[REVOPS_MRR_CONTRACTION], (long long)r.aMrr[REVOPS_MRR_CHURNED],
           (long long)r.ending, (long long)r.nStarting, (long long)r.nNew,
           (long long)r.nReactivated, (long long)r.nChurned, (long long)r.nEnding);
  /* The identity, and net = ending - starting, on every row. */
  CHECK(r.starting + r.aMrr[0] + r.aMrr[1] + r.aMrr[2] - r.aMrr[3] - r.aMrr[4] == r.ending);
  CHECK(r.net == r.ending - r.starting);
  CHECK(r.nStarting + r.nNew + r.nReactivated - r.nChurned == r.nEnding);
  return z;
}

static void test_months(void) {
  int32_t m = 0;
  char z[REVOPS_MRR_MONTH_SIZE];
  CHECK_INT(mon("2026-01"), 2026 * 12);
  CHECK_INT(mon("2026-12"), 2026 * 12 + 11);
  CHECK_INT(revops_mrr_month_of(ms("2026-01-31 23:59:59")), 2026 * 12);
  CHECK_INT(revops_mrr_month_of(ms("2026-02-01")), 2026 * 12 + 1);
  /* 23:00 at UTC-5 is 04:00 UTC on February 1st (offsets go to UTC, as
  ** SQLite's date functions do). */
  CHECK_INT(revops_mrr_month_of(ms("2026-01-31T23:00:00-05:00")), 2026 * 12 + 1);
  CHECK_INT(revops_mrr_month_of(ms("1969-12-31 12:00")), 1969 * 12 + 11);
  CHECK(revops_mrr_month_parse("2026-1", 6, &m) == REVOPS_ERROR);
  CHECK(revops_mrr_month_parse("2026-13", 7, &m) == REVOPS_ERROR);
  CHECK(revops_mrr_month_parse("2026-00", 7, &m) == REVOPS_ERROR);
  CHECK(revops_mrr_month_parse("2026/01", 7, &m) == REVOPS_ERROR);
  CHECK(revops_mrr_month_parse("202601x", 7, &m) == REVOPS_ERROR);
  CHECK(revops_mrr_month_parse("2026-01-01", 10, &m) == REVOPS_ERROR);
  revops_mrr_month_format(mon("0999-12"), z);
  CHECK_STR(z, "0999-12");
  revops_mrr_month_format(2026 * 12 + 8, z);
  CHECK_STR(z, "2026-09");
  CHECK_STR(revops_mrr_movement_name(REVOPS_MRR_REACTIVATION), "reactivation");
}

static void test_customer(void) {
  RevopsMrrCustomer c;
  memset(&c, 0, sizeof(c));

  /* Mid-month start and end: active at the close of Jan 31 and Feb 28;
  ** gone by Mar 31 (it ended on the 15th). */
  revops_mrr_customer_reset(&c);
  CHECK(add(&c, "2026-01-15", "2026-03-15", 100) == REVOPS_OK);
  CHECK(revops_mrr_customer_finish(&c, zErr, sizeof(zErr)) == REVOPS_OK);
  CHECK_STR(steps(&c), "2026-01:10000 2026-03:0");
  CHECK_STR(movements(&c), "2026-01 new 10000 0->10000, 2026-03 churned 10000 10000->0");
  CHECK_INT(revops_mrr_customer_at(&c, mon("2025-12")), 0);
  CHECK_INT(revops_mrr_customer_at(&c, mon("2026-02")), 10000);
  CHECK_INT(revops_mrr_customer_at(&c, mon("2026-03")), 0);
  CHECK_INT(c.lastDate, mon("2026-03"));

  /* Starting and ending within one month: never active at a month end,
  ** no movement; its dates still count for the default to_month. */
  revops_mrr_customer_reset(&c);
  CHECK(add(&c, "2026-01-05", "2026-01-20", 50) == REVOPS_OK);
  CHECK(revops_mrr_customer_finish(&c, zErr, sizeof(zErr)) == REVOPS_OK);
  CHECK_INT(c.nStep, 0);
  CHECK_INT(c.lastDate, mon("2026-01"));

  /* end_date is exclusive: ending on Feb 1 counts for January only;
  ** ending on Jan 31 is not active at the close of Jan 31. */
  revops_mrr_customer_reset(&c);
  CHECK(add(&c, "2026-01-01", "2026-02-01", 100) == REVOPS_OK);
  CHECK(add(&c, "2026-03-01", "2026-03-31", 100) == REVOPS_OK);
  CHECK(revops_mrr_customer_finish(&c, zErr, sizeof(zErr)) == REVOPS_OK);
  CHECK_STR(steps(&c), "2026-01:10000 2026-02:0");

  /* A start late on the last day counts; an end late on the last day
  ** does not (the period is gone at the close of the day). */
  revops_mrr_customer_reset(&c);
  CHECK(add(&c, "2026-01-31 22:00", "2026-02-28 22:00", 10) == REVOPS_OK);
  CHECK(revops_mrr_customer_finish(&c, zErr, sizeof(zErr)) == REVOPS_OK);
  CHECK_STR(steps(&c), "2026-01:1000 2026-02:0");

  /* Reactivation after a gap: 60 in January, nothing at the close of
  ** February and March, 80 from April. */
  revops_mrr_customer_reset(&c);
  CHECK(add(&c, "2026-04-10", 0, 80) == REVOPS_OK); /* any order */
  CHECK(add(&c, "2026-01-01", "2026-02-01", 60) == REVOPS_OK);
  CHECK(revops_mrr_customer_finish(&c, zErr, sizeof(zErr)) == REVOPS_OK);
  CHECK_STR(movements(&c), "2026-01 new 6000 0->6000, 2026-02 churned 6000 6000->0, "
                           "2026-04 reactivation 8000 0->8000");
  CHECK_INT(revops_mrr_customer_at(&c, mon("2030-01")), 8000); /* open-ended */

  /* Upgrade then downgrade, periods back to back: 100 -> 150 -> 120. */
  revops_mrr_customer_reset(&c);
  CHECK(add(&c, "2026-03-01", "2026-05-01", 150) == REVOPS_OK);
  CHECK(add(&c, "2026-01-01", "2026-03-01", 100) == REVOPS_OK);
  CHECK(add(&c, "2026-05-01", 0, 120) == REVOPS_OK);
  CHECK(revops_mrr_customer_finish(&c, zErr, sizeof(zErr)) == REVOPS_OK);
  CHECK_STR(movements(&c), "2026-01 new 10000 0->10000, 2026-03 expansion 5000 10000->15000, "
                           "2026-05 contraction 3000 15000->12000");

  /* Overlapping periods add: 100 open from January, +50 from Feb 10 to
  ** Apr 10; ending the add-on is a contraction, not churn. */
  revops_mrr_customer_reset(&c);
  CHECK(add(&c, "2026-01-01", 0, 100) == REVOPS_OK);
  CHECK(add(&c, "2026-02-10", "2026-04-10", 50) == REVOPS_OK);
  CHECK(revops_mrr_customer_finish(&c, zErr, sizeof(zErr)) == REVOPS_OK);
  CHECK_STR(movements(&c), "2026-01 new 10000 0->10000, 2026-02 expansion 5000 10000->15000, "
                           "2026-04 contraction 5000 15000->10000");

  /* Switching plans mid-month: 100 ends Mar 20, 90 starts Mar 20: one
  ** contraction of 10 at the close of March, never a churn. */
  revops_mrr_customer_reset(&c);
  CHECK(add(&c, "2026-01-01", "2026-03-20", 100) == REVOPS_OK);
  CHECK(add(&c, "2026-03-20", 0, 90) == REVOPS_OK);
  CHECK(revops_mrr_customer_finish(&c, zErr, sizeof(zErr)) == REVOPS_OK);
  CHECK_STR(movements(&c), "2026-01 new 10000 0->10000, 2026-03 contraction 1000 10000->9000");

  /* Rounding once per customer-month: 0.005 + 0.005 = 0.01 exactly (one
  ** cent; rounding each period first would give two); 0.004 alone rounds
  ** to 0 cents, so that customer is never active. */
  revops_mrr_customer_reset(&c);
  CHECK(add(&c, "2026-01-01", 0, 0.005) == REVOPS_OK);
  CHECK(add(&c, "2026-01-01", 0, 0.005) == REVOPS_OK);
  CHECK(revops_mrr_customer_finish(&c, zErr, sizeof(zErr)) == REVOPS_OK);
  CHECK_STR(steps(&c), "2026-01:1");
  revops_mrr_customer_reset(&c);
  CHECK(add(&c, "2026-01-01", 0, 0.004) == REVOPS_OK);
  CHECK(add(&c, "2026-02-01", 0, 0) == REVOPS_OK); /* zero MRR: never active */
  CHECK(revops_mrr_customer_finish(&c, zErr, sizeof(zErr)) == REVOPS_OK);
  CHECK_INT(c.nStep, 0);
  CHECK_INT(c.lastDate, mon("2026-02"));
  /* 0.005 alone is half a cent: half away from zero gives 1 cent. */
  revops_mrr_customer_reset(&c);
  CHECK(add(&c, "2026-01-01", 0, 0.005) == REVOPS_OK);
  CHECK(revops_mrr_customer_finish(&c, zErr, sizeof(zErr)) == REVOPS_OK);
  CHECK_STR(steps(&c), "2026-01:1");

  /* Errors. */
  revops_mrr_customer_reset(&c);
  CHECK(add(&c, "2026-02-01", "2026-01-31", 10) == REVOPS_ERROR);
  CHECK_STR(zErr, "end_date must not be before start_date, got 2026-01-31 before 2026-02-01");
  CHECK(add(&c, "2026-02-01 10:00", "2026-02-01 09:30", 10) == REVOPS_ERROR);
  CHECK_STR(zErr, "end_date must not be before start_date, got 2026-02-01 09:30:00 before "
                  "2026-02-01 10:00:00");
  CHECK(add(&c, "2026-02-01", "2026-02-01", 10) == REVOPS_OK); /* empty, allowed */
  /* 900 trillion is the largest amount; a month's MRR above 2^53 cents
  ** (90071992547409.92) would not survive as a REAL. */
  revops_mrr_customer_reset(&c);
  CHECK(add(&c, "2026-01-01", 0, 90000000000000.0) == REVOPS_OK);
  CHECK(revops_mrr_customer_finish(&c, zErr, sizeof(zErr)) == REVOPS_OK);
  CHECK(add(&c, "2026-03-01", 0, 100000000000.0) == REVOPS_OK); /* 90.1 trillion */
  CHECK(revops_mrr_customer_finish(&c, zErr, sizeof(zErr)) == REVOPS_ERROR);
  CHECK_STR(zErr, "MRR must be at most 90071992547409.92, got more in 2026-03");
  /* Two periods of 900 trillion overflow int64 1e-4 units (9e18 each). */
  revops_mrr_customer_reset(&c);
  CHECK(add(&c, "2026-01-01", 0, 900000000000000.0) == REVOPS_OK);
  CHECK(add(&c, "2026-01-01", 0, 900000000000000.0) == REVOPS_OK);
  CHECK(revops_mrr_customer_finish(&c, zErr, sizeof(zErr)) == REVOPS_ERROR);
  CHECK_STR(zErr, "MRR must be at most 90071992547409.92, got more in 2026-01");
  revops_mrr_customer_free(&c);
}

static void test_totals(void) {
  RevopsMrrCustomer c;
  RevopsMrrTotals t;
  memset(&c, 0, sizeof(c));
  revops_mrr_totals_init(&t);

  /* A: 100 Jan 15 - Mar 15.  B: 60 Jan, gap, 80 from Apr 10.
  ** C: 100 -> 150 (Mar) -> 120 (May).  D: starts and ends in Feb.
  ** Added in an order that makes the month array grow at both ends. */
  revops_mrr_customer_reset(&c);
  CHECK(add(&c, "2026-03-01", "2026-05-01", 150) == REVOPS_OK);
  CHECK(add(&c, "2026-05-01", 0, 120) == REVOPS_OK);
  CHECK(add(&c, "2026-01-01", "2026-03-01", 100) == REVOPS_OK);
  CHECK(revops_mrr_customer_finish(&c, zErr, sizeof(zErr)) == REVOPS_OK);
  CHECK(revops_mrr_totals_add(&t, &c) == REVOPS_OK);
  revops_mrr_customer_reset(&c);
  CHECK(add(&c, "2026-02-03", "2026-02-25", 70) == REVOPS_OK);
  CHECK(revops_mrr_customer_finish(&c, zErr, sizeof(zErr)) == REVOPS_OK);
  CHECK(revops_mrr_totals_add(&t, &c) == REVOPS_OK);
  revops_mrr_customer_reset(&c);
  CHECK(add(&c, "2026-04-10", 0, 80) == REVOPS_OK);
  CHECK(add(&c, "2026-01-01", "2026-02-01", 60) == REVOPS_OK);
  CHECK(revops_mrr_customer_finish(&c, zErr, sizeof(zErr)) == REVOPS_OK);
  CHECK(revops_mrr_totals_add(&t, &c) == REVOPS_OK);
  revops_mrr_customer_reset(&c);
  CHECK(add(&c, "2026-01-15", "2026-03-15", 100) == REVOPS_OK);
  CHECK(revops_mrr_customer_finish(&c, zErr, sizeof(zErr)) == REVOPS_OK);
  CHECK(revops_mrr_totals_add(&t, &c) == REVOPS_OK);
  CHECK(revops_mrr_totals_finish(&t, zErr, sizeof(zErr)) == REVOPS_OK);

  CHECK_INT(t.firstActive, mon("2026-01"));
  CHECK_INT(t.lastDate, mon("2026-05"));
  /* Dec: nothing yet.  Jan: A 100 + B 60 + C 100 new = 260, 3 customers.
  ** Feb: B churns 60: 200, 2.  Mar: A churns 100, C expands 50: 150, 1.
  ** Apr: B reactivates 80: 230, 2.  May: C contracts 30: 200, 2.
  ** Jun: no movement, the total carries on. */
  CHECK_STR(row(&t, "2025-12"), "0 +0 +0 +0 -0 -0 = 0 | 0 +0 +0 -0 = 0");
  CHECK_STR(row(&t, "2026-01"), "0 +26000 +0 +0 -0 -0 = 26000 | 0 +3 +0 -0 = 3");
  CHECK_STR(row(&t, "2026-02"), "26000 +0 +0 +0 -0 -6000 = 20000 | 3 +0 +0 -1 = 2");
  CHECK_STR(row(&t, "2026-03"), "20000 +0 +5000 +0 -0 -10000 = 15000 | 2 +0 +0 -1 = 1");
  CHECK_STR(row(&t, "2026-04"), "15000 +0 +0 +8000 -0 -0 = 23000 | 1 +0 +1 -0 = 2");
  CHECK_STR(row(&t, "2026-05"), "23000 +0 +0 +0 -3000 -0 = 20000 | 2 +0 +0 -0 = 2");
  CHECK_STR(row(&t, "2026-06"), "20000 +0 +0 +0 -0 -0 = 20000 | 2 +0 +0 -0 = 2");
  CHECK_STR(row(&t, "2031-06"), "20000 +0 +0 +0 -0 -0 = 20000 | 2 +0 +0 -0 = 2");
  revops_mrr_totals_free(&t);

  /* Totals are capped like customers: two customers of 50 trillion. */
  revops_mrr_totals_init(&t);
  revops_mrr_customer_reset(&c);
  CHECK(add(&c, "2026-01-01", 0, 50000000000000.0) == REVOPS_OK);
  CHECK(revops_mrr_customer_finish(&c, zErr, sizeof(zErr)) == REVOPS_OK);
  CHECK(revops_mrr_totals_add(&t, &c) == REVOPS_OK);
  CHECK(revops_mrr_totals_add(&t, &c) == REVOPS_OK);
  CHECK(revops_mrr_totals_finish(&t, zErr, sizeof(zErr)) == REVOPS_ERROR);
  CHECK_STR(zErr, "total MRR must be at most 90071992547409.92, got more in 2026-01");
  revops_mrr_totals_free(&t);

  /* An empty source: no months, every row zero. */
  revops_mrr_totals_init(&t);
  CHECK(revops_mrr_totals_finish(&t, zErr, sizeof(zErr)) == REVOPS_OK);
  CHECK_INT(t.firstActive, REVOPS_MRR_NONE);
  CHECK_INT(t.lastDate, REVOPS_MRR_NONE);
  CHECK_STR(row(&t, "2026-01"), "0 +0 +0 +0 -0 -0 = 0 | 0 +0 +0 -0 = 0");
  revops_mrr_totals_free(&t);

  /* Months far apart, arriving newest first: the array grows downwards
  ** many times and keeps every month's sums in place. */
  revops_mrr_totals_init(&t);
  {
    int k, bad = 0;
    for (k = 0; k < 600; k++) {
      char zs[16];
      snprintf(zs, sizeof(zs), "%04d-%02d-10", 2100 - k / 12, 12 - k % 12);
      revops_mrr_customer_reset(&c);
      bad += add(&c, zs, 0, 1) != REVOPS_OK;
      bad += revops_mrr_customer_finish(&c, zErr, sizeof(zErr)) != REVOPS_OK;
      bad += revops_mrr_totals_add(&t, &c) != REVOPS_OK;
    }
    CHECK_INT(bad, 0);
  }
  CHECK(revops_mrr_totals_finish(&t, zErr, sizeof(zErr)) == REVOPS_OK);
  /* 600 months back from 2100-12 is 2051-01; one new customer of 1.00
  ** per month, so 2060-12 ends with 120 customers (2051-01..2060-12). */
  CHECK_INT(t.firstActive, mon("2051-01"));
  CHECK_STR(row(&t, "2060-12"), "11900 +100 +0 +0 -0 -0 = 12000 | 119 +1 +0 -0 = 120");
  CHECK_STR(row(&t, "2100-12"), "59900 +100 +0 +0 -0 -0 = 60000 | 599 +1 +0 -0 = 600");
  revops_mrr_totals_free(&t);
  revops_mrr_customer_free(&c);
}

void test_mrr(void) {
  test_months();
  test_customer();
  test_totals();
}
