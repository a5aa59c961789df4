/*
** attribution.c — multi-touch attribution weights (seed 003 "Attribution
** Model Selection", SPEC section 4).
**
** A conversion (an opportunity, a won deal) has touch_count touches in
** time order; position 1 is the first.  Each model gives each touch a
** share of the conversion, and the shares of one conversion sum to 1.
**
**   first_touch   1 to the first touch
**   last_touch    1 to the last touch
**   linear        1 / n each
**   u_shaped      40 % first, 40 % last, 20 % spread over the touches
**                 between
**   w_shaped      30 % first, 30 % the opportunity-creation touch, 30 %
**                 last, 10 % spread over the rest
**   time_decay    2^(-days / 7) (half-life 7 days), normalised over the
**                 conversion's touches
**
** A share with no touch to go to (the 20 % of a two-touch U, the 10 % of a
** three-touch W) is spread equally over the anchor touches, which is why
** two touches give 0.5 each and three W touches 1/3 each (SPEC).
*/
#include <math.h>
#include <string.h>

#include "internal.h"

static const char *const azModel[REVOPS_ATTR_NMODEL] = {
    "first_touch", "last_touch", "linear", "u_shaped", "w_shaped", "time_decay"};

int revops_attribution_model(const char *z, size_t n) {
  int i;
  for (i = 0; i < REVOPS_ATTR_NMODEL; i++) {
    if (strlen(azModel[i]) == n && memcmp(azModel[i], z, n) == 0) return i;
  }
  return -1;
}

const char *revops_attribution_model_name(int eModel) {
  return eModel >= 0 && eModel < REVOPS_ATTR_NMODEL ? azModel[eModel] : 0;
}

double revops_attribution_decay(double days) {
  return exp2(-days / REVOPS_ATTR_HALF_LIFE_DAYS);
}

/* 40/20/40 over n touches, n >= 1. */
static double attr_u_shaped(double pos, double n) {
  if (n == 1) return 1;
  if (n == 2) return 0.5;
  if (pos == 1 || pos == n) return 0.4;
  return 0.2 / (n - 2);
}

/* 30/30/30 + 10 over n touches with the opportunity created at touch k.
** When k is the first or the last touch there are only two anchors and the
** W is the U: the model without an opportunity-creation touch of its own
** is the first-and-last model, and 40/20/40 keeps the middle touches'
** 20 % rather than inventing a split for the missing anchor. */
static double attr_w_shaped(double pos, double n, double k) {
  if (k == 1 || k == n) return attr_u_shaped(pos, n);
  if (n == 3) return 1.0 / 3.0;
  if (pos == 1 || pos == k || pos == n) return 0.3;
  return 0.1 / (n - 3);
}

static int attr_whole(double v) { return isfinite(v) && v == floor(v); }

int revops_attribution_weight(const RevopsTouch *t, double *pOut, char *zErr,
                              size_t nErr) {
  char a[40], b[40];
  double n = t->touchCount, pos = t->position;
  if (!attr_whole(n) || n < 1) {
    revops_fmt_num(a, sizeof(a), n);
    revops_errf(zErr, nErr, "touch_count must be a whole number of at least 1, got %s", a);
    return REVOPS_ERROR;
  }
  if (!attr_whole(pos) || pos < 1) {
    revops_fmt_num(a, sizeof(a), pos);
    revops_errf(zErr, nErr,
                "position must be a whole number of at least 1 (1 = first touch), got %s", a);
    return REVOPS_ERROR;
  }
  if (pos > n) {
    revops_fmt_num(a, sizeof(a), pos);
    revops_fmt_num(b, sizeof(b), n);
    revops_errf(zErr, nErr, "position must be at most touch_count (%s), got %s", b, a);
    return REVOPS_ERROR;
  }
  switch (t->eModel) {
    case REVOPS_ATTR_FIRST_TOUCH:
      *pOut = pos == 1 ? 1.0 : 0.0;
      return REVOPS_OK;
    case REVOPS_ATTR_LAST_TOUCH:
      *pOut = pos == n ? 1.0 : 0.0;
      return REVOPS_OK;
    case REVOPS_ATTR_LINEAR:
      *pOut = 1.0 / n;
      return REVOPS_OK;
    case REVOPS_ATTR_U_SHAPED:
      *pOut = attr_u_shaped(pos, n);
      return REVOPS_OK;
    case REVOPS_ATTR_W_SHAPED: {
      double k = t->opportunityPosition;
      if (!attr_whole(k) || k < 1 || k > n) {
        revops_fmt_num(a, sizeof(a), k);
        revops_fmt_num(b, sizeof(b), n);
        revops_errf(zErr, nErr,
                    "opportunity_position must be a whole number between 1 and "
                    "touch_count (%s), got %s", b, a);
        return REVOPS_ERROR;
      }
      *pOut = attr_w_shaped(pos, n, k);
      return REVOPS_OK;
    }
    case REVOPS_ATTR_TIME_DECAY: {
      double d = t->daysBeforeConversion, s = t->decayTotal, e;
      if (!(d >= 0) || !isfinite(d)) {
        revops_fmt_num(a, sizeof(a), d);
        revops_errf(zErr, nErr, "days_before_conversion must not be negative, got %s", a);
        return REVOPS_ERROR;
      }
      if (!(s >= 0) || !isfinite(s)) {
        revops_fmt_num(a, sizeof(a), s);
        revops_errf(zErr, nErr, "decay_total must not be negative, got %s", a);
        return REVOPS_ERROR;
      }
      e = revops_attribution_decay(d);
      /* The total includes this touch, so it is never below its own decay;
      ** allow for a total summed elsewhere in a different order. */
      if (s < e * (1 - 1e-12)) {
        revops_fmt_num(a, sizeof(a), s);
        revops_fmt_num(b, sizeof(b), e);
        revops_errf(zErr, nErr,
                    "decay_total must be at least this touch's own decay %s, got %s "
                    "(pass attribution_decay_total(days_before_conversion) OVER "
                    "(PARTITION BY the conversion))", b, a);
        return REVOPS_ERROR;
      }
      if (s == 0) {
        /* Every touch decayed below the smallest double (some 20 years
        ** before the conversion): 0 / 0. */
        return REVOPS_NULL;
      }
      *pOut = e >= s ? 1.0 : e / s;
      return REVOPS_OK;
    }
    default:
      revops_errf(zErr, nErr, "unknown model");
      return REVOPS_ERROR;
  }
}
