/*
** main.c — runs the C unit tests of ext/core.  The core allocates through
** revops_malloc & co., which the SQLite binding maps to sqlite3_malloc;
** here they are the C library's.
*/
#include <stdlib.h>

#include "check.h"
#include "revops.h"

int check_pass, check_fail;

/* check_alloc_fail: when > 0, the allocation after that many more fails
** (and every one after it, until a test sets it back to 0), so a test can
** walk an out-of-memory through each allocation of a core function. */
int check_alloc_fail;
static int alloc_ok(void) {
  if (check_alloc_fail <= 0) return 1;
  if (check_alloc_fail == 1) return 0;
  check_alloc_fail--;
  return 1;
}
void *revops_malloc(size_t n) { return alloc_ok() ? malloc(n) : 0; }
void *revops_realloc(void *p, size_t n) { return alloc_ok() ? realloc(p, n) : 0; }
void revops_free(void *p) { free(p); }

void test_date(void);
void test_money(void);
void test_json(void);
void test_deals(void);
void test_leads(void);
void test_retention(void);
void test_forecast(void);
void test_pipeline(void);
void test_economics(void);
void test_attribution(void);
void test_accounts(void);
void test_planning(void);
void test_mrr(void);
void test_csv(void);
void test_learn(void);

int main(void) {
  test_date();
  test_money();
  test_json();
  test_deals();
  test_leads();
  test_retention();
  test_forecast();
  test_pipeline();
  test_economics();
  test_attribution();
  test_accounts();
  test_planning();
  test_mrr();
  test_csv();
  test_learn();
  printf("%d passed, %d failed\n", check_pass, check_fail);
  return check_fail != 0;
}
