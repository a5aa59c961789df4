/*
** leads.c — SQL binding of lead scoring (computation in ext/core/leads.c).
**
**   lead_score(signal, occurred_at, as_of [, model])          -> INTEGER
**   lead_score_explain(signal, occurred_at, as_of [, model])  -> JSON
**       aggregates and window functions over one lead's signals
**   lead_grade(score [, model])   -> 'Hot' | 'MQL' | 'Nurture'
**   revops_lead_model()           -> the default model as JSON
**
** A custom model arrives as JSON text on every row.  Parsing it per group
** would cost more than scoring, so each connection keeps the last model it
** parsed (LeadApp.pLast), and a group holds a reference to the model it
** started with.  Rows are checked against the group's first row: a
** different as_of or model within one group is an error, not a silent mix.
*/
#include <string.h>

#include "revops_ext.h"
#include "buf.h"

/* A parsed custom model and the text it came from; reference counted. */
typedef struct LeadModelRef {
  int nRef;
  RevopsLeadModel *pModel;
  int nText;
  char *zText;
} LeadModelRef;

/* Per-connection data shared by the lead functions. */
typedef struct LeadApp {
  int nRef;            /* registrations holding this (one xDestroy each) */
  LeadModelRef *pLast; /* last custom model parsed on this connection */
} LeadApp;

static void lead_ref_release(LeadModelRef *p) {
  if (p && --p->nRef == 0) {
    revops_lead_model_free(p->pModel);
    sqlite3_free(p->zText);
    sqlite3_free(p);
  }
}

static void lead_app_release(void *pArg) {
  LeadApp *app = (LeadApp *)pArg;
  if (--app->nRef == 0) {
    lead_ref_release(app->pLast);
    sqlite3_free(app);
  }
}

/* The model for this call: argument 4 when present and not NULL, else
** the default.  *ppRef is NULL for the default and is not retained for
** the caller.  Returns 0 after setting an error. */
static int lead_model(sqlite3_context *ctx, int argc, sqlite3_value **argv,
                      int iArg, const char *zFn, LeadModelRef **ppRef,
                      const RevopsLeadModel **ppModel) {
  LeadApp *app = (LeadApp *)sqlite3_user_data(ctx);
  const char *z;
  int n, rc;
  char zErr[REVOPS_ERRMSG_SIZE];
  LeadModelRef *pNew;

  *ppRef = 0;
  *ppModel = revops_lead_model_default();
  if (argc <= iArg) return 1;
  rc = revops_arg_text(ctx, argv[iArg], zFn, "model", &z, &n);
  if (rc == REVOPS_ARG_NULL) return 1; /* NULL model = the default */
  if (rc == REVOPS_ARG_BAD) return 0;
  if (app->pLast && app->pLast->nText == n && memcmp(app->pLast->zText, z, (size_t)n) == 0) {
    *ppRef = app->pLast;
    *ppModel = app->pLast->pModel;
    return 1;
  }
  zErr[0] = 0;
  /* The bound is checked before anything is copied or parsed. */
  if ((size_t)n > REVOPS_LEAD_MAX_MODEL_BYTES) {
    revops_result_errorf(ctx, "%s(): model is %d bytes, more than the %d allowed", zFn, n,
                         REVOPS_LEAD_MAX_MODEL_BYTES);
    return 0;
  }
  pNew = sqlite3_malloc(sizeof(*pNew));
  if (pNew == 0) goto nomem;
  memset(pNew, 0, sizeof(*pNew));
  pNew->nRef = 1; /* the cache's reference */
  rc = revops_lead_model_parse(z, (size_t)n, &pNew->pModel, zErr, sizeof(zErr));
  if (rc != REVOPS_OK) {
    lead_ref_release(pNew);
    if (rc == REVOPS_NOMEM) goto nomem;
    revops_result_errorf(ctx, "%s(): model %s", zFn, zErr);
    return 0;
  }
  pNew->zText = sqlite3_malloc(n > 0 ? n : 1);
  if (pNew->zText == 0) {
    lead_ref_release(pNew);
    goto nomem;
  }
  memcpy(pNew->zText, z, (size_t)n);
  pNew->nText = n;
  lead_ref_release(app->pLast);
  app->pLast = pNew;
  *ppRef = pNew;
  *ppModel = pNew->pModel;
  return 1;
nomem:
  sqlite3_result_error_nomem(ctx);
  return 0;
}

/* ------------------------------------------------------ the aggregates */

/* lead_score_explain's unknown names, kept sorted by name (bytes, then
** length) so that the output order does not depend on the order rows
** entered or left a window frame, and so that finding a name is a binary
** search.  A name whose count falls to 0 is removed: the list holds the
** frame's names only, and its bounds (REVOPS_LEAD_MAX_UNKNOWN names,
** REVOPS_LEAD_MAX_UNKNOWN_BYTES bytes) apply to the frame.  Names are
** kept with their length: one may hold a NUL byte. */
typedef RevopsLeadUnknown LeadUnknown;

typedef struct LeadAgg {
  LeadModelRef *pRef;            /* retained; NULL with the default model */
  const RevopsLeadModel *pModel; /* NULL until the first usable row */
  int64_t asOfMs;
  int nAsOf;                     /* first as_of text, for a fast compare */
  char zAsOf[40];
  int64_t nRow;    /* usable rows in the frame */
  int64_t nFuture; /* rows dated after as_of (ignored) */
  LeadUnknown *aUnknown; /* lead_score_explain only, sorted */
  int nUnknown, nUnknownAlloc;
  size_t nUnknownBytes;  /* sum of nName */
} LeadAgg;

/* The scoring state follows the header, sized for the group's model. */
#define LEAD_AGG_SIZE ((sizeof(LeadAgg) + 7) & ~(size_t)7)
#define LEAD_STATE(a) ((RevopsLeadState *)((char *)(a) + LEAD_AGG_SIZE))

/* Index of the first entry not less than z[0..n), and whether it is z. */
static int lead_unknown_find(const LeadAgg *a, const char *z, size_t n, int *pFound) {
  int lo = 0, hi = a->nUnknown;
  *pFound = 0;
  while (lo < hi) {
    int mid = lo + (hi - lo) / 2;
    const LeadUnknown *u = &a->aUnknown[mid];
    int c = memcmp(u->zName, z, u->nName < n ? u->nName : n);
    if (c == 0) c = u->nName < n ? -1 : u->nName > n;
    if (c < 0) {
      lo = mid + 1;
    } else {
      if (c == 0) *pFound = 1;
      hi = mid;
    }
  }
  return lo;
}

static int lead_unknown(sqlite3_context *ctx, LeadAgg *a, const char *z, int nz,
                        int dir) {
  size_t n = (size_t)nz;
  int found, i = lead_unknown_find(a, z, n, &found);
  LeadUnknown *u;
  if (found) {
    u = &a->aUnknown[i];
    u->n += dir;
    if (u->n <= 0) { /* left the frame */
      sqlite3_free(u->zName);
      a->nUnknownBytes -= u->nName;
      memmove(u, u + 1, sizeof(*u) * (size_t)(a->nUnknown - i - 1));
      a->nUnknown--;
    }
    return 1;
  }
  if (dir < 0) return 1;
  if (a->nUnknown >= REVOPS_LEAD_MAX_UNKNOWN ||
      n > (size_t)REVOPS_LEAD_MAX_UNKNOWN_BYTES - a->nUnknownBytes) {
    revops_result_errorf(ctx,
                         "lead_score_explain(): more than %d distinct unknown signals or"
                         " %d bytes of their names in one group; map or filter them first",
                         REVOPS_LEAD_MAX_UNKNOWN, REVOPS_LEAD_MAX_UNKNOWN_BYTES);
    return 0;
  }
  if (a->nUnknown == a->nUnknownAlloc) {
    int nNew = a->nUnknownAlloc ? a->nUnknownAlloc * 2 : 4;
    LeadUnknown *aNew = sqlite3_realloc64(a->aUnknown, sizeof(*aNew) * (sqlite3_uint64)nNew);
    if (aNew == 0) goto nomem;
    a->aUnknown = aNew;
    a->nUnknownAlloc = nNew;
  }
  u = &a->aUnknown[i];
  memmove(u + 1, u, sizeof(*u) * (size_t)(a->nUnknown - i));
  u->zName = sqlite3_malloc64(n ? n : 1);
  if (u->zName == 0) {
    memmove(u, u + 1, sizeof(*u) * (size_t)(a->nUnknown - i));
    goto nomem;
  }
  memcpy(u->zName, z, n);
  u->nName = n;
  u->n = 1;
  a->nUnknown++;
  a->nUnknownBytes += n;
  return 1;
nomem:
  sqlite3_result_error_nomem(ctx);
  return 0;
}

static void lead_step(sqlite3_context *ctx, int argc, sqlite3_value **argv,
                      int isExplain, int dir) {
  const char *zFn = isExplain ? "lead_score_explain" : "lead_score";
  const char *zSignal = 0, *zAsOf;
  int nSignal = 0, nAsOf, rcSignal, rcOcc, iSignal;
  int64_t occMs = 0, asOfMs;
  size_t nAgg;
  LeadModelRef *pRef;
  const RevopsLeadModel *pModel;
  LeadAgg *a;

  rcSignal = revops_arg_text(ctx, argv[0], zFn, "signal", &zSignal, &nSignal);
  if (rcSignal == REVOPS_ARG_BAD) return;
  rcOcc = revops_arg_date(ctx, argv[1], zFn, "occurred_at", &occMs);
  if (rcOcc == REVOPS_ARG_BAD) return;
  if (sqlite3_value_type(argv[2]) == SQLITE_NULL) return;
  if (!lead_model(ctx, argc, argv, 3, zFn, &pRef, &pModel)) return;
  if (rcSignal == REVOPS_ARG_NULL || rcOcc == REVOPS_ARG_NULL) return;

  /* revops_lead_model_parse bounds the state (REVOPS_LEAD_MAX_STATE_BYTES);
  ** checked again here, in size_t, before it becomes an int. */
  nAgg = LEAD_AGG_SIZE + revops_lead_state_size(pModel);
  if (nAgg > LEAD_AGG_SIZE + REVOPS_LEAD_MAX_STATE_BYTES) {
    revops_result_errorf(ctx, "%s(): model needs more than %d bytes of state per lead", zFn,
                         REVOPS_LEAD_MAX_STATE_BYTES);
    return;
  }
  a = sqlite3_aggregate_context(ctx, (int)nAgg);
  if (a == 0) {
    sqlite3_result_error_nomem(ctx);
    return;
  }
  zAsOf = (const char *)sqlite3_value_text(argv[2]);
  nAsOf = sqlite3_value_bytes(argv[2]);
  if (a->pModel == 0) {
    /* First usable row: it fixes the group's as_of and model. */
    if (revops_arg_date(ctx, argv[2], zFn, "as_of", &asOfMs) != REVOPS_ARG_OK) return;
    a->asOfMs = asOfMs;
    if (nAsOf < (int)sizeof(a->zAsOf)) {
      memcpy(a->zAsOf, zAsOf, (size_t)nAsOf);
      a->nAsOf = nAsOf;
    }
    a->pModel = pModel;
    a->pRef = pRef;
    if (pRef) pRef->nRef++;
  } else {
    if (a->nAsOf != nAsOf || memcmp(a->zAsOf, zAsOf, (size_t)nAsOf) != 0) {
      if (revops_arg_date(ctx, argv[2], zFn, "as_of", &asOfMs) != REVOPS_ARG_OK) return;
      if (asOfMs != a->asOfMs) {
        char zFirst[11], zThis[11];
        revops_format_date(a->asOfMs, zFirst);
        revops_format_date(asOfMs, zThis);
        revops_result_errorf(ctx,
                             "%s(): as_of must be the same for every row of a group, "
                             "got %s after %s",
                             zFn, zThis, zFirst);
        return;
      }
    }
    if (pModel != a->pModel &&
        (pRef == 0 || a->pRef == 0 || pRef->nText != a->pRef->nText ||
         memcmp(pRef->zText, a->pRef->zText, (size_t)pRef->nText) != 0)) {
      revops_result_errorf(ctx, "%s(): model must be the same for every row of a group", zFn);
      return;
    }
  }
  a->nRow += dir;
  if (occMs > a->asOfMs) {
    a->nFuture += dir; /* dated after as_of: ignored (SPEC section 3) */
    return;
  }
  iSignal = revops_lead_signal_index(a->pModel, zSignal, (size_t)nSignal);
  if (iSignal < 0) {
    if (isExplain) lead_unknown(ctx, a, zSignal, nSignal, dir);
    return; /* unknown signals score 0 */
  }
  revops_lead_state_step(a->pModel, LEAD_STATE(a), iSignal,
                         revops_days_between(occMs, a->asOfMs), dir);
}

static void leadScoreStep(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  lead_step(ctx, argc, argv, 0, +1);
}
static void leadScoreInverse(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  lead_step(ctx, argc, argv, 0, -1);
}
static void leadExplainStep(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  lead_step(ctx, argc, argv, 1, +1);
}
static void leadExplainInverse(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  lead_step(ctx, argc, argv, 1, -1);
}

static void leadScoreValue(sqlite3_context *ctx) {
  LeadAgg *a = sqlite3_aggregate_context(ctx, 0);
  RevopsLeadScore s;
  if (a == 0 || a->pModel == 0 || a->nRow <= 0) {
    sqlite3_result_null(ctx); /* a group with no rows */
    return;
  }
  revops_lead_state_score(a->pModel, LEAD_STATE(a), &s);
  sqlite3_result_int(ctx, s.score);
}

static void leadExplainValue(sqlite3_context *ctx) {
  LeadAgg *a = sqlite3_aggregate_context(ctx, 0);
  RevopsBuf b;
  if (a == 0 || a->pModel == 0 || a->nRow <= 0) {
    sqlite3_result_null(ctx);
    return;
  }
  revops_buf_init(&b);
  revops_lead_explain_json(&b, a->pModel, LEAD_STATE(a), a->asOfMs, a->aUnknown, a->nUnknown,
                           a->nFuture);
  revops_result_json(ctx, revops_buf_finish(&b));
}

static void lead_agg_free(LeadAgg *a) {
  int i;
  if (a == 0) return;
  lead_ref_release(a->pRef);
  a->pRef = 0;
  for (i = 0; i < a->nUnknown; i++) sqlite3_free(a->aUnknown[i].zName);
  sqlite3_free(a->aUnknown);
  a->aUnknown = 0;
  a->nUnknown = 0;
}

static void leadScoreFinal(sqlite3_context *ctx) {
  leadScoreValue(ctx);
  lead_agg_free(sqlite3_aggregate_context(ctx, 0));
}

static void leadExplainFinal(sqlite3_context *ctx) {
  leadExplainValue(ctx);
  lead_agg_free(sqlite3_aggregate_context(ctx, 0));
}

/* ------------------------------------------------------------ scalars */

static void leadGradeFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  LeadModelRef *pRef;
  const RevopsLeadModel *pModel;
  double score;
  int rc = revops_arg_number(ctx, argv[0], "lead_grade", "score", &score);
  if (rc == REVOPS_ARG_BAD) return;
  if (!lead_model(ctx, argc, argv, 1, "lead_grade", &pRef, &pModel)) return;
  if (rc == REVOPS_ARG_NULL) return;
  if (score < 0 || score > 100) {
    revops_arg_bad(ctx, argv[0], "lead_grade", "score", "must be between 0 and 100", 0);
    return;
  }
  sqlite3_result_text(ctx, revops_lead_grade(pModel, score), -1, SQLITE_STATIC);
}

static void leadModelFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  (void)argc;
  (void)argv;
  revops_result_json(ctx, revops_lead_model_json(revops_lead_model_default()));
}

static const RevopsFunc aLeadFunc[] = {
    REVOPS_WINDOW("lead_score", 3, REVOPS_PURE, leadScoreStep, leadScoreFinal,
                  leadScoreValue, leadScoreInverse),
    REVOPS_WINDOW("lead_score", 4, REVOPS_PURE, leadScoreStep, leadScoreFinal,
                  leadScoreValue, leadScoreInverse),
    REVOPS_WINDOW("lead_score_explain", 3, REVOPS_PURE_JSON, leadExplainStep,
                  leadExplainFinal, leadExplainValue, leadExplainInverse),
    REVOPS_WINDOW("lead_score_explain", 4, REVOPS_PURE_JSON, leadExplainStep,
                  leadExplainFinal, leadExplainValue, leadExplainInverse),
    REVOPS_SCALAR("lead_grade", 1, REVOPS_PURE, leadGradeFunc),
    REVOPS_SCALAR("lead_grade", 2, REVOPS_PURE, leadGradeFunc),
    REVOPS_SCALAR("revops_lead_model", 0, REVOPS_PURE_JSON, leadModelFunc),
};

/* All lead functions share one LeadApp: one reference per registration,
** released by SQLite's xDestroy (also called when a registration fails). */
static int lead_register(sqlite3 *db, const RevopsDomain *pDomain) {
  int i, rc = SQLITE_OK;
  LeadApp *app = sqlite3_malloc(sizeof(*app));
  if (app == 0) return SQLITE_NOMEM;
  memset(app, 0, sizeof(*app));
  app->nRef = 1; /* ours, until the loop is done */
  for (i = 0; i < pDomain->nFunc && rc == SQLITE_OK; i++) {
    app->nRef++;
    rc = revops_register_funcs(db, &pDomain->aFunc[i], 1, app, lead_app_release);
  }
  lead_app_release(app);
  return rc;
}

const RevopsDomain revops_domain_leads = {
    "leads", aLeadFunc, REVOPS_COUNT(aLeadFunc), 0, 0, lead_register};
