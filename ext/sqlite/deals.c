/*
** deals.c — SQL binding of deal health (computation in ext/core/deals.c).
**
**   deal_health(days_in_stage, expected_stage_days, days_since_activity,
**               contacts_engaged, days_to_close, close_date_pushes,
**               amount_change)                       -> INTEGER 0..100
**   deal_health_factors(same arguments)              -> JSON
**   deal_health_status(score)                        -> TEXT
*/
#include <string.h>

#include "revops_ext.h"
#include "buf.h"

static const char *const azDealArg[] = {
    "days_in_stage", "expected_stage_days", "days_since_activity",
    "contacts_engaged", "days_to_close", "close_date_pushes", "amount_change"};

/* Read the seven arguments and score; 0 after setting an error. */
static int deal_compute(sqlite3_context *ctx, sqlite3_value **argv,
                        const char *zFunc, RevopsDealInput *pIn,
                        RevopsDealHealth *pOut) {
  double *aVal[7];
  char zErr[REVOPS_ERRMSG_SIZE];
  int i;
  memset(pIn, 0, sizeof(*pIn));
  aVal[0] = &pIn->daysInStage;
  aVal[1] = &pIn->expectedStageDays;
  aVal[2] = &pIn->daysSinceActivity;
  aVal[3] = &pIn->contactsEngaged;
  aVal[4] = &pIn->daysToClose;
  aVal[5] = &pIn->closeDatePushes;
  aVal[6] = &pIn->amountChange;
  for (i = 0; i < 7; i++) {
    int rc = revops_arg_number(ctx, argv[i], zFunc, azDealArg[i], aVal[i]);
    if (rc == REVOPS_ARG_BAD) return 0;
    if (rc == REVOPS_ARG_NULL) pIn->nullMask |= 1u << i;
  }
  if (revops_deal_health(pIn, pOut, zErr, sizeof(zErr)) != REVOPS_OK) {
    revops_result_errorf(ctx, "%s(): %s", zFunc, zErr);
    return 0;
  }
  return 1;
}

static void dealHealthFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  RevopsDealInput in;
  RevopsDealHealth h;
  (void)argc;
  if (deal_compute(ctx, argv, "deal_health", &in, &h)) {
    sqlite3_result_int(ctx, h.score);
  }
}

static void dealFactorsFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  RevopsDealInput in;
  RevopsDealHealth h;
  RevopsBuf b;
  (void)argc;
  if (!deal_compute(ctx, argv, "deal_health_factors", &in, &h)) return;
  revops_deal_health_reasons(&in, &h);
  revops_buf_init(&b);
  revops_deal_health_json(&b, &h);
  revops_result_json(ctx, revops_buf_finish(&b));
}

static void dealStatusFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  double score;
  int rc = revops_arg_number(ctx, argv[0], "deal_health_status", "score", &score);
  (void)argc;
  if (rc != REVOPS_ARG_OK) return; /* NULL in, NULL out; or the error */
  if (score < 0 || score > 100) {
    revops_arg_bad(ctx, argv[0], "deal_health_status", "score", "must be between 0 and 100", 0);
    return;
  }
  sqlite3_result_text(ctx, revops_deal_health_status(score), -1, SQLITE_STATIC);
}

static const RevopsFunc aDealFunc[] = {
    REVOPS_SCALAR("deal_health", 7, REVOPS_PURE, dealHealthFunc),
    REVOPS_SCALAR("deal_health_factors", 7, REVOPS_PURE_JSON, dealFactorsFunc),
    REVOPS_SCALAR("deal_health_status", 1, REVOPS_PURE, dealStatusFunc),
};

const RevopsDomain revops_domain_deals = {
    "deals", aDealFunc, REVOPS_COUNT(aDealFunc), 0, 0, 0};
