/*
** mrr.c — the MRR engine behind mrr_waterfall, mrr_movements and
** mrr_months (SPEC section 3).
**
** Rules (SPEC section 3):
**   - a period [start, end) is active at the close of a month's last day;
**     end is exclusive and NULL means still active;
**   - a customer's MRR for month m is the sum of its active periods at the
**     close of m (end-of-month snapshot), so overlapping periods add and a
**     customer only churns when its last period ends;
**   - movements are classified per customer between consecutive month-end
**     snapshots: new, reactivation (active in some earlier month),
**     churned, expansion, contraction.
**
** "Active at the close of m" needs no day arithmetic: a period is active
** there exactly when it starts in month m or earlier and ends in month m+1
** or later.  A period that starts and ends within one month is never
** active at a month end and makes no movement.
**
** The design streams.  A customer's periods become +mrr / -mrr events at
** their start and end months; sorting them gives the customer's MRR as a
** step function of the month, and each step IS one movement (between two
** steps the snapshots are equal, so nothing moves).  Movements are added
** into per-month sums; the month-end totals are their running sum.  So
** memory is O(months + one customer's periods) and the waterfall identity
** starting + new + expansion + reactivation - contraction - churned =
** ending holds by construction, in exact integer cents.
*/
#include <stdlib.h>
#include <string.h>

#include "internal.h"

struct RevopsMrrEvent {
  int32_t month;
  int64_t units; /* +mrr at a start, -mrr at an end (1e-4 units) */
};

static const char *const azMrrKind[REVOPS_MRR_NKIND] = {
    "new", "expansion", "reactivation", "contraction", "churned"};

const char *revops_mrr_movement_name(int eKind) {
  return eKind >= 0 && eKind < REVOPS_MRR_NKIND ? azMrrKind[eKind] : "?";
}

/* ----------------------------------------------------------------- months */

static int64_t mrr_floor_div(int64_t a, int64_t b) {
  int64_t q = a / b;
  if (a % b != 0 && (a < 0) != (b < 0)) q--;
  return q;
}

int32_t revops_mrr_month_of(int64_t ms) {
  int y, m, d;
  revops_civil_from_days(mrr_floor_div(ms, REVOPS_MS_PER_DAY), &y, &m, &d);
  return (int32_t)y * 12 + (m - 1);
}

int revops_mrr_month_parse(const char *z, size_t n, int32_t *pMonth) {
  int y = 0, m, i;
  if (z == 0 || n != 7 || z[4] != '-') return REVOPS_ERROR;
  for (i = 0; i < 7; i++) {
    if (i != 4 && (z[i] < '0' || z[i] > '9')) return REVOPS_ERROR;
  }
  for (i = 0; i < 4; i++) y = y * 10 + (z[i] - '0');
  m = (z[5] - '0') * 10 + (z[6] - '0');
  if (m < 1 || m > 12) return REVOPS_ERROR;
  *pMonth = (int32_t)y * 12 + (m - 1);
  return REVOPS_OK;
}

void revops_mrr_month_format(int32_t month, char *zOut) {
  int64_t y = mrr_floor_div(month, 12);
  int m = (int)(month - y * 12) + 1;
  revops_errf(zOut, REVOPS_MRR_MONTH_SIZE, "%04d-%02d", (int)y, m);
}

/* A date for an error message: 'YYYY-MM-DD', with the UTC time when the
** value has one. */
static void mrr_format_instant(int64_t ms, char *z, size_t n) {
  char zDate[11];
  int64_t tod = ms - mrr_floor_div(ms, REVOPS_MS_PER_DAY) * REVOPS_MS_PER_DAY;
  revops_format_date(ms, zDate);
  if (tod == 0) {
    revops_errf(z, n, "%s", zDate);
  } else {
    int s = (int)(tod / 1000);
    revops_errf(z, n, "%s %02d:%02d:%02d", zDate, s / 3600, s / 60 % 60, s % 60);
  }
}

/* ------------------------------------------------------------- a customer */

void revops_mrr_customer_reset(RevopsMrrCustomer *c) {
  c->nEvent = 0;
  c->nStep = 0;
  c->lastDate = REVOPS_MRR_NONE;
}

void revops_mrr_customer_free(RevopsMrrCustomer *c) {
  revops_free(c->aEvent);
  revops_free(c->aStep);
  memset(c, 0, sizeof(*c));
  c->lastDate = REVOPS_MRR_NONE;
}

static int mrr_push_event(RevopsMrrCustomer *c, int32_t month, int64_t units) {
  if (c->nEvent == c->nEventAlloc) {
    int nNew = c->nEventAlloc ? c->nEventAlloc * 2 : 16;
    RevopsMrrEvent *aNew = revops_realloc(c->aEvent, (size_t)nNew * sizeof(*aNew));
    if (aNew == 0) return REVOPS_MRR_NOMEM;
    c->aEvent = aNew;
    c->nEventAlloc = nNew;
  }
  c->aEvent[c->nEvent].month = month;
  c->aEvent[c->nEvent].units = units;
  c->nEvent++;
  return REVOPS_OK;
}

int revops_mrr_customer_add(RevopsMrrCustomer *c, int64_t startMs, int hasEnd,
                            int64_t endMs, int64_t units, char *zErr,
                            size_t nErr) {
  int32_t s = revops_mrr_month_of(startMs), e;
  int rc;
  if (hasEnd && endMs < startMs) {
    char zEnd[32], zStart[32];
    mrr_format_instant(endMs, zEnd, sizeof(zEnd));
    mrr_format_instant(startMs, zStart, sizeof(zStart));
    revops_errf(zErr, nErr,
                "end_date must not be before start_date, got %s before %s",
                zEnd, zStart);
    return REVOPS_ERROR;
  }
  /* SPEC: the default to_month is the month of the latest start_date or
  ** end_date, whatever the period's mrr. */
  if (s > c->lastDate) c->lastDate = s; /* NONE is INT32_MIN */
  e = hasEnd ? revops_mrr_month_of(endMs) : s;
  if (e > c->lastDate) c->lastDate = e;
  if (units == 0) return REVOPS_OK; /* active, but adds nothing */
  if (hasEnd && e == s) return REVOPS_OK; /* never active at a month end */
  rc = mrr_push_event(c, s, units);
  if (rc == REVOPS_OK && hasEnd) rc = mrr_push_event(c, e, -units);
  if (rc != REVOPS_OK) revops_errf(zErr, nErr, "out of memory");
  return rc;
}

/* By month, and within a month ends (negative) before starts, so that the
** running sum only ever rises to the month's final value: it cannot
** overflow on the way unless that value itself does. */
static int mrr_event_cmp(const void *pa, const void *pb) {
  const RevopsMrrEvent *a = pa, *b = pb;
  if (a->month != b->month) return a->month < b->month ? -1 : 1;
  return a->units < b->units ? -1 : a->units > b->units;
}

static int mrr_push_step(RevopsMrrCustomer *c, int32_t month, int64_t cents) {
  if (c->nStep == c->nStepAlloc) {
    int nNew = c->nStepAlloc ? c->nStepAlloc * 2 : 16;
    RevopsMrrStep *aNew = revops_realloc(c->aStep, (size_t)nNew * sizeof(*aNew));
    if (aNew == 0) return REVOPS_MRR_NOMEM;
    c->aStep = aNew;
    c->nStepAlloc = nNew;
  }
  c->aStep[c->nStep].month = month;
  c->aStep[c->nStep].cents = cents;
  c->nStep++;
  return REVOPS_OK;
}

static int mrr_too_large(char *zErr, size_t nErr, const char *zWhat,
                         int32_t month) {
  char zMonth[REVOPS_MRR_MONTH_SIZE];
  revops_mrr_month_format(month, zMonth);
  revops_errf(zErr, nErr, "%s must be at most 90071992547409.92, got more in %s",
              zWhat, zMonth);
  return REVOPS_ERROR;
}

int revops_mrr_customer_finish(RevopsMrrCustomer *c, char *zErr, size_t nErr) {
  int64_t level = 0, prevCents = 0;
  int i = 0;
  c->nStep = 0;
  if (c->nEvent > 1) qsort(c->aEvent, (size_t)c->nEvent, sizeof(c->aEvent[0]), mrr_event_cmp);
  while (i < c->nEvent) {
    int32_t month = c->aEvent[i].month;
    int64_t cents;
    for (; i < c->nEvent && c->aEvent[i].month == month; i++) {
      if (__builtin_add_overflow(level, c->aEvent[i].units, &level)) {
        return mrr_too_large(zErr, nErr, "MRR", month);
      }
    }
    /* The snapshot: the exact sum, rounded half away from zero to the
    ** cent once (level >= 0: every end follows its own start). */
    cents = level / 100 + (level % 100 >= 50);
    if (cents > REVOPS_MRR_MAX_CENTS) return mrr_too_large(zErr, nErr, "MRR", month);
    if (cents != prevCents) {
      if (mrr_push_step(c, month, cents) != REVOPS_OK) {
        revops_errf(zErr, nErr, "out of memory");
        return REVOPS_MRR_NOMEM;
      }
      prevCents = cents;
    }
  }
  return REVOPS_OK;
}

int64_t revops_mrr_customer_at(const RevopsMrrCustomer *c, int32_t month) {
  int lo = 0, hi = c->nStep; /* first step after month */
  while (lo < hi) {
    int mid = lo + (hi - lo) / 2;
    if (c->aStep[mid].month <= month) lo = mid + 1;
    else hi = mid;
  }
  return lo == 0 ? 0 : c->aStep[lo - 1].cents;
}

void revops_mrr_customer_movement(const RevopsMrrCustomer *c, int i,
                                  RevopsMrrMovement *m) {
  m->month = c->aStep[i].month;
  m->prev = i > 0 ? c->aStep[i - 1].cents : 0;
  m->curr = c->aStep[i].cents;
  if (m->prev == 0) {
    /* Step 0 is the first month with MRR; any later rise from 0 follows
    ** a month in which the customer was active: a reactivation. */
    m->eKind = i == 0 ? REVOPS_MRR_NEW : REVOPS_MRR_REACTIVATION;
    m->amount = m->curr;
  } else if (m->curr == 0) {
    m->eKind = REVOPS_MRR_CHURNED;
    m->amount = m->prev;
  } else if (m->curr > m->prev) {
    m->eKind = REVOPS_MRR_EXPANSION;
    m->amount = m->curr - m->prev;
  } else {
    m->eKind = REVOPS_MRR_CONTRACTION;
    m->amount = m->prev - m->curr;
  }
}

/* ----------------------------------------------------------------- totals */

void revops_mrr_totals_init(RevopsMrrTotals *t) {
  memset(t, 0, sizeof(*t));
  t->firstActive = REVOPS_MRR_NONE;
  t->lastDate = REVOPS_MRR_NONE;
}

void revops_mrr_totals_free(RevopsMrrTotals *t) {
  revops_free(t->a);
  revops_mrr_totals_init(t);
}

/* Make t->a cover `month`.  Customers arrive in customer order, so months
** arrive in any order: grow at either end, doubling, so that the copying
** stays linear however the months come. */
static int mrr_totals_cover(RevopsMrrTotals *t, int32_t month) {
  int64_t lo, hi, nNew;
  RevopsMrrMonth *aNew;
  if (t->nMonth > 0 && month >= t->base && month < t->base + t->nMonth) {
    return REVOPS_OK;
  }
  if (t->nMonth == 0) {
    lo = month;
    hi = month + 1;
  } else {
    lo = month < t->base ? month : t->base;
    hi = month >= t->base + t->nMonth ? (int64_t)month + 1 : (int64_t)t->base + t->nMonth;
  }
  nNew = hi - lo;
  if (t->nMonth > 0 && nNew < 2 * (int64_t)t->nMonth) {
    /* Room for as many months again on the side that grew. */
    if (month < t->base) lo = hi - 2 * (int64_t)t->nMonth;
    else hi = lo + 2 * (int64_t)t->nMonth;
    nNew = hi - lo;
  }
  if (nNew > INT32_MAX / (int64_t)sizeof(RevopsMrrMonth)) return REVOPS_MRR_NOMEM;
  aNew = revops_malloc((size_t)nNew * sizeof(*aNew));
  if (aNew == 0) return REVOPS_MRR_NOMEM;
  memset(aNew, 0, (size_t)nNew * sizeof(*aNew));
  if (t->nMonth > 0) {
    memcpy(aNew + (t->base - lo), t->a, (size_t)t->nMonth * sizeof(*aNew));
  }
  revops_free(t->a);
  t->a = aNew;
  t->base = (int32_t)lo;
  t->nMonth = (int)nNew;
  t->nAlloc = (int)nNew;
  return REVOPS_OK;
}

int revops_mrr_totals_add(RevopsMrrTotals *t, const RevopsMrrCustomer *c) {
  int i;
  if (c->lastDate > t->lastDate) t->lastDate = c->lastDate; /* NONE is INT32_MIN */
  if (c->nStep == 0) return REVOPS_OK;
  if (t->firstActive == REVOPS_MRR_NONE || c->aStep[0].month < t->firstActive) {
    t->firstActive = c->aStep[0].month;
  }
  for (i = 0; i < c->nStep; i++) {
    RevopsMrrMovement mv;
    RevopsMrrMonth *p;
    if (mrr_totals_cover(t, c->aStep[i].month) != REVOPS_OK) return REVOPS_MRR_NOMEM;
    revops_mrr_customer_movement(c, i, &mv);
    p = &t->a[mv.month - t->base];
    /* Each amount is at most 2^53 cents, so a month's sum reaches the
    ** int64 limit only after a thousand such customers; saturate and let
    ** finish report it (every sum is bounded by a total it checks). */
    if (__builtin_add_overflow(p->aMrr[mv.eKind], mv.amount, &p->aMrr[mv.eKind])) {
      p->aMrr[mv.eKind] = INT64_MAX;
    }
    if (mv.eKind == REVOPS_MRR_NEW) p->nNew++;
    else if (mv.eKind == REVOPS_MRR_REACTIVATION) p->nReactivated++;
    else if (mv.eKind == REVOPS_MRR_CHURNED) p->nChurned++;
  }
  return REVOPS_OK;
}

int revops_mrr_totals_finish(RevopsMrrTotals *t, char *zErr, size_t nErr) {
  int64_t ending = 0, nEnding = 0;
  int k, j;
  for (k = 0; k < t->nMonth; k++) {
    RevopsMrrMonth *p = &t->a[k];
    /* ending = starting + new + expansion + reactivation - contraction -
    ** churned.  The starting total bounds contraction and churn, the
    ** ending total bounds new, expansion and reactivation, so checking
    ** the sums against the cap as they go checks every column. */
    for (j = 0; j < REVOPS_MRR_NKIND; j++) {
      if (p->aMrr[j] > REVOPS_MRR_MAX_CENTS) {
        return mrr_too_large(zErr, nErr, "total MRR", t->base + k);
      }
    }
    ending += p->aMrr[REVOPS_MRR_NEW] + p->aMrr[REVOPS_MRR_EXPANSION] +
              p->aMrr[REVOPS_MRR_REACTIVATION];
    if (ending > REVOPS_MRR_MAX_CENTS) {
      return mrr_too_large(zErr, nErr, "total MRR", t->base + k);
    }
    ending -= p->aMrr[REVOPS_MRR_CONTRACTION] + p->aMrr[REVOPS_MRR_CHURNED];
    nEnding += p->nNew + p->nReactivated - p->nChurned;
    p->ending = ending;
    p->nEnding = nEnding;
  }
  return REVOPS_OK;
}

void revops_mrr_totals_row(const RevopsMrrTotals *t, int32_t month,
                           RevopsMrrRow *r) {
  memset(r, 0, sizeof(*r));
  r->month = month;
  if (t->nMonth == 0 || month < t->base) return; /* before any MRR */
  if (month >= t->base + t->nMonth) {
    /* After the last movement: nothing moves, the total carries on. */
    r->starting = r->ending = t->a[t->nMonth - 1].ending;
    r->nStarting = r->nEnding = t->a[t->nMonth - 1].nEnding;
  } else {
    const RevopsMrrMonth *p = &t->a[month - t->base];
    int j;
    if (month > t->base) {
      r->starting = p[-1].ending;
      r->nStarting = p[-1].nEnding;
    }
    for (j = 0; j < REVOPS_MRR_NKIND; j++) r->aMrr[j] = p->aMrr[j];
    r->nNew = p->nNew;
    r->nReactivated = p->nReactivated;
    r->nChurned = p->nChurned;
    r->ending = p->ending;
    r->nEnding = p->nEnding;
    r->net = r->ending - r->starting;
  }
}
