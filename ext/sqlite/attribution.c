/*
** attribution.c — SQL binding of multi-touch attribution (computation in
** ext/core/attribution.c).
**
**   attribution_weight(model, position, touch_count)
**   attribution_weight('w_shaped', position, touch_count, opportunity_position)
**   attribution_weight('time_decay', position, touch_count,
**                      days_before_conversion, decay_total)
**       scalar: the touch's share of its conversion, a fraction
**   attribution_decay_total(days_before_conversion)
**       aggregate and window: the sum of 2^(-days / 7) over a conversion's
**       touches, the denominator time_decay normalises by
**
** A scalar cannot see the other touches of its conversion, and time decay
** needs all of them; the window helper carries that sum into the scalar in
** the same query (docs/attribution.md).  Arguments a model does not use are
** ignored, so one call can compare every model over the same rows.
*/
#include <math.h>
#include <string.h>

#include "revops_ext.h"

static const char zModelList[] =
    "first_touch, last_touch, linear, u_shaped, w_shaped, time_decay";

static void attributionWeightFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  static const char zFn[] = "attribution_weight";
  const char *zModel = 0;
  int nModel = 0, rcModel, rcPos, rcCount, anyNull, rcW;
  RevopsTouch t;
  double w = 0;
  char zErr[REVOPS_ERRMSG_SIZE];

  memset(&t, 0, sizeof(t));
  rcModel = revops_arg_text(ctx, argv[0], zFn, "model", &zModel, &nModel);
  if (rcModel == REVOPS_ARG_BAD) return;
  rcPos = revops_arg_number(ctx, argv[1], zFn, "position", &t.position);
  if (rcPos == REVOPS_ARG_BAD) return;
  rcCount = revops_arg_number(ctx, argv[2], zFn, "touch_count", &t.touchCount);
  if (rcCount == REVOPS_ARG_BAD) return;
  if (rcModel == REVOPS_ARG_NULL) return;

  t.eModel = revops_attribution_model(zModel, (size_t)nModel);
  if (t.eModel < 0) {
    char *z = revops_describe_value(argv[0]);
    if (z == 0) {
      sqlite3_result_error_nomem(ctx);
      return;
    }
    revops_result_errorf(ctx, "%s(): model must be one of %s, got %s", zFn, zModelList, z);
    sqlite3_free(z);
    return;
  }
  anyNull = rcPos == REVOPS_ARG_NULL || rcCount == REVOPS_ARG_NULL;

  /* The arguments only some models use. */
  if (t.eModel == REVOPS_ATTR_W_SHAPED) {
    int rc;
    if (argc < 4) {
      revops_result_errorf(ctx,
                           "%s(): w_shaped needs opportunity_position (the position of "
                           "the touch that created the opportunity) as 4th argument", zFn);
      return;
    }
    rc = revops_arg_number(ctx, argv[3], zFn, "opportunity_position", &t.opportunityPosition);
    if (rc == REVOPS_ARG_BAD) return;
    if (rc == REVOPS_ARG_NULL) anyNull = 1;
  } else if (t.eModel == REVOPS_ATTR_TIME_DECAY) {
    int rc;
    if (argc < 5) {
      revops_result_errorf(ctx,
                           "%s(): time_decay needs days_before_conversion and decay_total "
                           "as 4th and 5th arguments (decay_total: "
                           "attribution_decay_total(days_before_conversion) OVER "
                           "(PARTITION BY the conversion))", zFn);
      return;
    }
    rc = revops_arg_number(ctx, argv[3], zFn, "days_before_conversion", &t.daysBeforeConversion);
    if (rc == REVOPS_ARG_BAD) return;
    if (rc == REVOPS_ARG_NULL) anyNull = 1;
    rc = revops_arg_number(ctx, argv[4], zFn, "decay_total", &t.decayTotal);
    if (rc == REVOPS_ARG_BAD) return;
    if (rc == REVOPS_ARG_NULL) anyNull = 1;
  }
  if (anyNull) return; /* NULL in, NULL out */

  zErr[0] = 0;
  rcW = revops_attribution_weight(&t, &w, zErr, sizeof(zErr)); /* before w is read */
  revops_result_double(ctx, zFn, rcW, w, zErr);
}

/* ------------------------------------------- attribution_decay_total */

typedef struct DecayAgg {
  RevopsSum sum; /* of 2^(-days / 7) */
  int64_t n;     /* rows in the frame */
} DecayAgg;

static void decay_step(sqlite3_context *ctx, sqlite3_value **argv, double dir) {
  double d = 0;
  DecayAgg *a = sqlite3_aggregate_context(ctx, sizeof(*a));
  if (a == 0) {
    sqlite3_result_error_nomem(ctx);
    return;
  }
  if (revops_arg_nonneg(ctx, argv[0], "attribution_decay_total", "days_before_conversion", &d) !=
      REVOPS_ARG_OK) {
    return; /* a NULL row is skipped; or the error */
  }
  /* Compensated, so a moving frame subtracts what it added. */
  revops_sum_add(&a->sum, dir * revops_attribution_decay(d));
  a->n += (int64_t)dir;
}

static void decayStep(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  (void)argc;
  decay_step(ctx, argv, 1.0);
}

static void decayInverse(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  (void)argc;
  decay_step(ctx, argv, -1.0);
}

static void decayValue(sqlite3_context *ctx) {
  DecayAgg *a = sqlite3_aggregate_context(ctx, 0);
  if (a && a->n > 0) {
    double v = revops_sum_value(&a->sum);
    sqlite3_result_double(ctx, v < 0 ? 0 : v); /* never a negative hair */
  } else {
    sqlite3_result_null(ctx); /* no rows */
  }
}

static const RevopsFunc aAttributionFunc[] = {
    REVOPS_SCALAR("attribution_weight", 3, REVOPS_PURE, attributionWeightFunc),
    REVOPS_SCALAR("attribution_weight", 4, REVOPS_PURE, attributionWeightFunc),
    REVOPS_SCALAR("attribution_weight", 5, REVOPS_PURE, attributionWeightFunc),
    REVOPS_WINDOW("attribution_decay_total", 1, REVOPS_PURE, decayStep, decayValue,
                  decayValue, decayInverse),
};

const RevopsDomain revops_domain_attribution = {
    "attribution", aAttributionFunc, REVOPS_COUNT(aAttributionFunc), 0, 0, 0};
