/*
** leads.c — lead scoring (ext/sqlite/leads.c on SQLite; the scoring is
** ext/core/leads.c).
**
**   lead_score(signal, occurred_at, as_of [, model])          aggregate, window
**   lead_score_explain(signal, occurred_at, as_of [, model])  aggregate, window
**   lead_grade(score [, model]), revops_lead_model()
**
** The state of a group is one bytea holding everything the group needs,
** so a parallel worker's or a remote server's partial state can be merged
** without anything else: its as_of, the model's text (none for the
** default), the core's per-signal counts, and for lead_score_explain the
** sorted list of unknown names with their counts.  A parsed model is kept
** per call site (the last text parsed), as SQLite's binding keeps it per
** connection, so a custom model is parsed once, not once per row.
*/
#include "postgres.h"

#include <string.h>

#include "fmgr.h"

#include "buf.h"
#include "pg_revops.h"

#define K_LEAD 8
#define K_LEAD_EXPLAIN 9

typedef struct LeadHdr {
  int64 asOfMs;
  int64 nRow;          /* usable rows in the frame */
  int64 nFuture;       /* rows dated after as_of (ignored) */
  int32 hasModel;      /* a usable row fixed as_of and the model */
  int32 nModel;        /* custom model text bytes; 0 = the default */
  int64 nStateBytes;   /* revops_lead_state_size(model) */
  int64 nUnknown;      /* names in the list (explain) */
  int64 nUnknownBytes; /* their bytes together */
  int64 nUsed;         /* payload bytes used */
} LeadHdr;

#define ALIGN8(n) (((n) + 7) & ~(int64)7)
#define LEAD_MODEL(h) ((char *)(h) + sizeof(LeadHdr))
#define LEAD_STATE(h) ((RevopsLeadState *)(LEAD_MODEL(h) + ALIGN8((h)->nModel)))
#define LEAD_UNKNOWN(h) ((char *)LEAD_STATE(h) + (h)->nStateBytes)
/* An unknown name: its count, its length, its bytes (padded to 8). */
typedef struct LeadName {
  int64 n;
  int64 len;
} LeadName;
#define NAME_SIZE(len) (sizeof(LeadName) + ALIGN8(len))

/* ---------------------------------------------------------- the models */
typedef struct LeadCache {
  RevopsLeadModel *pModel;
  char *zText;
  int nText;
} LeadCache;

/* The model for text z[0..n) (n < 0: the default), parsed once per call
** site.  Raises on a bad model. */
static const RevopsLeadModel *lead_model_of(PgCall *c, const char *zFn, const char *z, int n) {
  LeadCache *k = (LeadCache *)c->pCache;
  MemoryContext old;
  RevopsLeadModel *pModel = 0;
  char zErr[REVOPS_ERRMSG_SIZE];
  int rc;
  if (n < 0) return revops_lead_model_default();
  if (k && k->nText == n && memcmp(k->zText, z, (size_t)n) == 0) return k->pModel;
  if ((size_t)n > REVOPS_LEAD_MAX_MODEL_BYTES) {
    pg_error("%s(): model is %d bytes, more than the %d allowed", zFn, n, REVOPS_LEAD_MAX_MODEL_BYTES);
  }
  zErr[0] = 0;
  old = MemoryContextSwitchTo(c->mcxt);
  rc = revops_lead_model_parse(z, (size_t)n, &pModel, zErr, sizeof(zErr));
  MemoryContextSwitchTo(old);
  if (rc == REVOPS_NOMEM) pg_nomem();
  if (rc != REVOPS_OK) pg_error("%s(): model %s", zFn, zErr);
  if (k == 0) k = c->pCache = MemoryContextAllocZero(c->mcxt, sizeof(*k));
  else {
    revops_lead_model_free(k->pModel);
    pfree(k->zText);
  }
  k->pModel = pModel;
  k->zText = MemoryContextAlloc(c->mcxt, n > 0 ? n : 1);
  memcpy(k->zText, z, (size_t)n);
  k->nText = n;
  return pModel;
}

/* Argument iArg as the model: *pz, *pn (n = -1 for the default). */
static void lead_model_arg(FunctionCallInfo fcinfo, PgCall *c, int iArg, const char *zFn,
                           const char **pz, int *pn) {
  PgValue v;
  *pz = 0;
  *pn = -1;
  if (PG_NARGS() <= iArg) return;
  pg_value(fcinfo, c, iArg, &v);
  if (pg_arg_text(&v, zFn, "model", pz, pn) == REVOPS_ARG_NULL) *pn = -1;
}

/* -------------------------------------------------------- unknown names */
static int name_cmp(const char *a, int64 na, const char *b, int64 nb) {
  int r = memcmp(a, b, (size_t)(na < nb ? na : nb));
  if (r) return r;
  return na < nb ? -1 : na > nb;
}

/* Add dir to name z's count, keeping the list sorted; h may move (grown). */
static LeadHdr *lead_unknown(LeadHdr *h, const char *z, int64 n, int64 count) {
  char *p = LEAD_UNKNOWN(h), *end = (char *)h + h->nUsed;
  Size need;
  while (p < end) {
    LeadName e;
    int r;
    memcpy(&e, p, sizeof(e));
    r = name_cmp(p + sizeof(LeadName), e.len, z, n);
    if (r == 0) {
      e.n += count;
      if (e.n <= 0) { /* left the frame */
        Size sz = NAME_SIZE(e.len);
        memmove(p, p + sz, (size_t)(end - p - sz));
        h->nUsed -= sz;
        h->nUnknown--;
        h->nUnknownBytes -= e.len;
      } else {
        memcpy(p, &e, sizeof(e));
      }
      return h;
    }
    if (r > 0) break;
    p += NAME_SIZE(e.len);
  }
  if (count < 0) return h;
  if (h->nUnknown >= REVOPS_LEAD_MAX_UNKNOWN ||
      n > (int64)REVOPS_LEAD_MAX_UNKNOWN_BYTES - h->nUnknownBytes) {
    pg_error("lead_score_explain(): more than %d distinct unknown signals or"
             " %d bytes of their names in one group; map or filter them first",
             REVOPS_LEAD_MAX_UNKNOWN, REVOPS_LEAD_MAX_UNKNOWN_BYTES);
  }
  need = h->nUsed + NAME_SIZE(n);
  if (need > pg_state_size(h)) {
    Size off = p - (char *)h;
    h = pg_state_grow(h, need);
    p = (char *)h + off;
  }
  end = (char *)h + h->nUsed;
  memmove(p + NAME_SIZE(n), p, (size_t)(end - p));
  {
    LeadName e;
    e.n = count;
    e.len = n;
    memcpy(p, &e, sizeof(e));
    memset(p + sizeof(e), 0, ALIGN8(n));
    memcpy(p + sizeof(e), z, (size_t)n);
  }
  h->nUsed = need;
  h->nUnknown++;
  h->nUnknownBytes += n;
  return h;
}

/* ------------------------------------------------------- the aggregates */
typedef struct LeadDef {
  const char *zFn;
  int isExplain;
  int dir;
} LeadDef;
#define LDEF(c) ((const LeadDef *)(c)->f->pArg)

static Datum leadStep(FunctionCallInfo fcinfo, PgCall *c) {
  const LeadDef *d = LDEF(c);
  const char *zFn = d->zFn, *zSignal = 0, *zModel;
  uint32 tag = PG_TAG(d->isExplain ? K_LEAD_EXPLAIN : K_LEAD);
  LeadHdr *h = pg_state_rw(fcinfo, 0, tag, sizeof(LeadHdr));
  const RevopsLeadModel *m;
  PgValue v, vAsOf;
  int nSignal = 0, nModel, rcSignal, rcOcc, iSignal;
  int64 occMs = 0, asOfMs = 0;

  pg_value(fcinfo, c, 1, &v);
  rcSignal = pg_arg_text(&v, zFn, "signal", &zSignal, &nSignal);
  pg_value(fcinfo, c, 2, &v);
  rcOcc = pg_arg_date(&v, zFn, "occurred_at", &occMs);
  pg_value(fcinfo, c, 3, &vAsOf);
  if (vAsOf.eType == PGV_NULL) return pg_state_datum(h);
  lead_model_arg(fcinfo, c, 4, zFn, &zModel, &nModel);
  m = lead_model_of(c, zFn, zModel, nModel);
  if (rcSignal == REVOPS_ARG_NULL || rcOcc == REVOPS_ARG_NULL) return pg_state_datum(h);
  pg_arg_date(&vAsOf, zFn, "as_of", &asOfMs);

  if (!h->hasModel) {
    /* First usable row: it fixes the group's as_of and model. */
    int64 nState = (int64)revops_lead_state_size(m);
    Size need = sizeof(LeadHdr) + ALIGN8(nModel > 0 ? nModel : 0) + nState;
    if (nState > REVOPS_LEAD_MAX_STATE_BYTES + 64) {
      pg_error("%s(): model needs more than %d bytes of state per lead", zFn,
               REVOPS_LEAD_MAX_STATE_BYTES);
    }
    if (need > pg_state_size(h)) h = pg_state_grow(h, need);
    h->asOfMs = asOfMs;
    h->hasModel = 1;
    h->nModel = nModel > 0 ? nModel : 0;
    h->nStateBytes = nState;
    if (nModel > 0) memcpy(LEAD_MODEL(h), zModel, (size_t)nModel);
    memset(LEAD_STATE(h), 0, (size_t)nState);
    h->nUsed = need;
  } else {
    if (asOfMs != h->asOfMs) {
      char zFirst[11], zThis[11];
      revops_format_date(h->asOfMs, zFirst);
      revops_format_date(asOfMs, zThis);
      pg_error("%s(): as_of must be the same for every row of a group, got %s after %s", zFn,
               zThis, zFirst);
    }
    if ((nModel < 0 ? 0 : nModel) != h->nModel || (nModel > 0 && memcmp(LEAD_MODEL(h), zModel, (size_t)nModel) != 0)) {
      pg_error("%s(): model must be the same for every row of a group", zFn);
    }
  }
  h->nRow += d->dir;
  if (occMs > h->asOfMs) {
    h->nFuture += d->dir; /* dated after as_of: ignored (SPEC section 3) */
    return pg_state_datum(h);
  }
  iSignal = revops_lead_signal_index(m, zSignal, (size_t)nSignal);
  if (iSignal < 0) {
    if (d->isExplain) h = lead_unknown(h, zSignal, nSignal, d->dir);
    return pg_state_datum(h);
  }
  revops_lead_state_step(m, LEAD_STATE(h), iSignal, revops_days_between(occMs, h->asOfMs), d->dir);
  return pg_state_datum(h);
}

/* The state of argument iArg, read-only, with its model; NULL when the
** group has no usable row. */
static const LeadHdr *lead_ro(FunctionCallInfo fcinfo, PgCall *c, int iArg, uint32 tag,
                              const RevopsLeadModel **pm) {
  const LeadHdr *h = pg_state_ro(fcinfo, iArg, tag, 0);
  if (h == 0 || !h->hasModel) return 0;
  *pm = lead_model_of(c, LDEF(c)->zFn, LEAD_MODEL(h), h->nModel > 0 ? h->nModel : -1);
  return h;
}

static Datum leadFinal(FunctionCallInfo fcinfo, PgCall *c) {
  const LeadDef *d = LDEF(c);
  const RevopsLeadModel *m = 0;
  const LeadHdr *h = lead_ro(fcinfo, c, 0, PG_TAG(d->isExplain ? K_LEAD_EXPLAIN : K_LEAD), &m);
  if (h == 0 || h->nRow <= 0) PG_RETURN_NULL();
  if (!d->isExplain) {
    RevopsLeadScore s;
    revops_lead_state_score(m, LEAD_STATE(h), &s);
    PG_RETURN_INT32(s.score);
  } else {
    RevopsLeadUnknown *a = h->nUnknown ? palloc(sizeof(*a) * h->nUnknown) : 0;
    const char *p = LEAD_UNKNOWN(h);
    RevopsBuf b;
    int i;
    for (i = 0; i < h->nUnknown; i++) {
      LeadName e;
      memcpy(&e, p, sizeof(e));
      a[i].zName = (char *)p + sizeof(e);
      a[i].nName = (size_t)e.len;
      a[i].n = e.n;
      p += NAME_SIZE(e.len);
    }
    revops_buf_init(&b);
    revops_lead_explain_json(&b, m, LEAD_STATE(h), h->asOfMs, a, (int)h->nUnknown, h->nFuture);
    return pg_json(revops_buf_finish(&b));
  }
}

static Datum leadCombine(FunctionCallInfo fcinfo, PgCall *c) {
  const LeadDef *d = LDEF(c);
  uint32 tag = PG_TAG(d->isExplain ? K_LEAD_EXPLAIN : K_LEAD);
  const RevopsLeadModel *m = 0;
  const LeadHdr *o = lead_ro(fcinfo, c, 1, tag, &m);
  LeadHdr *h = pg_state_rw(fcinfo, 0, tag, sizeof(LeadHdr));
  const char *p;
  int i;
  if (o == 0) return pg_state_datum(h);
  if (!h->hasModel) {
    /* Adopt the other state whole. */
    if (pg_state_size(h) < (Size)o->nUsed) h = pg_state_grow(h, o->nUsed);
    memcpy(h, o, (size_t)o->nUsed);
    return pg_state_datum(h);
  }
  if (h->asOfMs != o->asOfMs || h->nModel != o->nModel ||
      memcmp(LEAD_MODEL(h), LEAD_MODEL(o), (size_t)h->nModel) != 0) {
    pg_error("%s(): as_of and model must be the same for every row of a group", d->zFn);
  }
  h->nRow += o->nRow;
  h->nFuture += o->nFuture;
  revops_lead_state_merge(m, LEAD_STATE(h), LEAD_STATE(o));
  for (i = 0, p = LEAD_UNKNOWN(o); i < o->nUnknown; i++) {
    LeadName e;
    memcpy(&e, p, sizeof(e));
    h = lead_unknown(h, p + sizeof(e), e.len, e.n);
    p += NAME_SIZE(e.len);
  }
  return pg_state_datum(h);
}

/* -------------------------------------------------------------- scalars */
static Datum leadGradeBody(FunctionCallInfo fcinfo, PgCall *c) {
  PgValue v;
  const char *z;
  int n, rc;
  double score = 0;
  const RevopsLeadModel *m;
  pg_value(fcinfo, c, 0, &v);
  rc = pg_arg_number(&v, "lead_grade", "score", &score);
  lead_model_arg(fcinfo, c, 1, "lead_grade", &z, &n);
  m = lead_model_of(c, "lead_grade", z, n);
  if (rc == REVOPS_ARG_NULL) PG_RETURN_NULL();
  if (score < 0 || score > 100) pg_arg_bad(&v, "lead_grade", "score", "must be between 0 and 100", 0);
  return pg_text(revops_lead_grade(m, score));
}

static Datum leadModelBody(FunctionCallInfo fcinfo, PgCall *c) {
  (void)fcinfo, (void)c;
  return pg_json(revops_lead_model_json(revops_lead_model_default()));
}

#define LEAD_ROWS(name, explain)                                                     \
  {"revops_" name "_sfunc", leadStep, &(const LeadDef){name, explain, +1}},          \
  {"revops_" name "_minvfunc", leadStep, &(const LeadDef){name, explain, -1}},       \
  {"revops_" name "_final", leadFinal, &(const LeadDef){name, explain, 0}},          \
  {"revops_" name "_combine", leadCombine, &(const LeadDef){name, explain, 0}}

static const PgFunc aFunc[] = {
    LEAD_ROWS("lead_score", 0),
    LEAD_ROWS("lead_score_explain", 1),
    {"lead_grade", leadGradeBody, 0},
    {"revops_lead_model", leadModelBody, 0},
};

const PgDomain revops_pg_domain_leads = {aFunc, PG_COUNT(aFunc)};
