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

#include "revops_ext.h"

/* attribution_weight's arguments, rules and body are ext/core's tables
** (specs.c). */

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
    REVOPS_SPEC(attribution_weight, 3, REVOPS_PURE),
    REVOPS_SPEC(attribution_weight, 4, REVOPS_PURE),
    REVOPS_SPEC(attribution_weight, 5, REVOPS_PURE),
    REVOPS_WINDOW("attribution_decay_total", 1, REVOPS_PURE, decayStep, decayValue,
                  decayValue, decayInverse),
};

const RevopsDomain revops_domain_attribution = {
    "attribution", aAttributionFunc, REVOPS_COUNT(aAttributionFunc), 0, 0, 0};
