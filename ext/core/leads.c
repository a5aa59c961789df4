/*
** leads.c — lead scoring (seed 003 lead-scoring.yaml, SPEC section 3).
**
** A model is a list of signals, each with points, a group and an optional
** decay.  The state of one lead counts occurrences per (signal, decay step)
** rather than keeping a running maximum, because lead_score is also a
** window function: when a row leaves the frame its count goes down, and the
** best remaining step is still known.  A decaying signal has only a few
** steps (15 points losing 5 a week: 15, 10, 5, 0), so the state is a small
** fixed array allocated once per group.
*/
#include <stdlib.h>
#include <string.h>

#include "internal.h"

typedef struct LeadSignal {
  const char *zName;
  size_t nName;
  int eGroup;      /* REVOPS_LEAD_BEHAVIORAL, _FIRMOGRAPHIC, _NEGATIVE */
  int points;      /* points of a fresh occurrence */
  int decayAfter;  /* decay starts when the age exceeds this many days */
  int decayEvery;  /* days per decay step; 0 = no decay */
  int decayPoints; /* points lost per step */
  int nBucket;     /* decay steps until the points reach 0, plus one */
  int iBucket;     /* offset of this signal's counts in the state */
  /* The start of this signal's entry in lead_score_explain's JSON,
  ** {"signal":"<name>","group":"<group>","points": rendered once, since
  ** the explainer writes it for every lead. */
  const char *zHead;
  size_t nHead;
} LeadSignal;

struct RevopsLeadModel {
  const LeadSignal *aSignal;
  int nSignal;
  int nBucket;
  int aCap[3]; /* per group; -1 = uncapped */
  int inactivityDays, inactivityPoints;
  int thresholdMql, thresholdHot;
  LeadSignal *aOwned; /* parsed models own their signals and names */
  char *zNames;
  char *zHeads;       /* and their explainer heads */
  /* Parsed models: the signals in name order (memcmp, then length), for
  ** the duplicate check and a binary search per row. */
  const LeadSignal **apByName;
};

struct RevopsLeadState {
  int64_t nRecentBehavioral; /* behavioral rows no older than inactivityDays */
  int64_t aCount[];          /* one per (signal, decay step) */
};

/* seed 003 lead-scoring.yaml.  The bucket offsets are checked against a
** parse of revops_lead_model_json(default) by the unit tests. */
#define LEAD_GROUP_BEHAVIORAL "behavioral"
#define LEAD_GROUP_FIRMOGRAPHIC "firmographic"
#define LEAD_GROUP_NEGATIVE "negative"
#define LEAD_HEAD(z, G) "{\"signal\":\"" z "\",\"group\":\"" LEAD_GROUP_##G "\",\"points\":"
#define SIG(z, G, pts, after, every, dp, nb, ib)                                   \
  {z, sizeof(z) - 1, REVOPS_LEAD_##G, pts, after, every, dp, nb, ib, LEAD_HEAD(z, G), \
   sizeof(LEAD_HEAD(z, G)) - 1}
static const LeadSignal aDefaultSignal[] = {
    SIG("pricing_page_visit", BEHAVIORAL, 15, 14, 7, 5, 4, 0),
    SIG("content_download", BEHAVIORAL, 10, 0, 0, 0, 1, 4),
    SIG("webinar_attended", BEHAVIORAL, 12, 0, 0, 0, 1, 5),
    SIG("demo_request", BEHAVIORAL, 25, 0, 0, 0, 1, 6),
    SIG("email_engaged", BEHAVIORAL, 8, 0, 0, 0, 1, 7),
    SIG("deep_session", BEHAVIORAL, 10, 0, 0, 0, 1, 8),
    SIG("return_visit", BEHAVIORAL, 8, 0, 0, 0, 1, 9),
    SIG("chatbot_engaged", BEHAVIORAL, 5, 0, 0, 0, 1, 10),
    SIG("icp_industry", FIRMOGRAPHIC, 15, 0, 0, 0, 1, 11),
    SIG("company_size_fit", FIRMOGRAPHIC, 10, 0, 0, 0, 1, 12),
    SIG("decision_maker", FIRMOGRAPHIC, 10, 0, 0, 0, 1, 13),
    SIG("target_geography", FIRMOGRAPHIC, 5, 0, 0, 0, 1, 14),
    SIG("competitor_domain", NEGATIVE, -100, 0, 0, 0, 1, 15),
    SIG("student_email", NEGATIVE, -30, 0, 0, 0, 1, 16),
    SIG("unsubscribed", NEGATIVE, -20, 0, 0, 0, 1, 17),
};
#undef SIG

static const RevopsLeadModel leadDefault = {
    aDefaultSignal,
    (int)(sizeof(aDefaultSignal) / sizeof(aDefaultSignal[0])),
    18,
    {60, 40, -1},
    30,
    -15,
    50,
    75,
    0,
    0,
    0,
    0};

const RevopsLeadModel *revops_lead_model_default(void) { return &leadDefault; }

static const char *const azGroup[] = {"behavioral", "firmographic", "negative"};

int revops_lead_model_nsignal(const RevopsLeadModel *p) { return p->nSignal; }

const char *revops_lead_model_signal_head(const RevopsLeadModel *p, int i,
                                          size_t *pn) {
  *pn = p->aSignal[i].nHead;
  return p->aSignal[i].zHead;
}

int revops_lead_model_cap(const RevopsLeadModel *p, int eGroup) {
  return (eGroup >= 0 && eGroup <= 2) ? p->aCap[eGroup] : -1;
}

const char *revops_lead_grade(const RevopsLeadModel *p, double score) {
  if (score >= p->thresholdHot) return "Hot";
  if (score >= p->thresholdMql) return "MQL";
  return "Nurture";
}

/* ------------------------------------------------------------- scoring */

size_t revops_lead_state_size(const RevopsLeadModel *p) {
  return sizeof(RevopsLeadState) + sizeof(int64_t) * (size_t)p->nBucket;
}

/* Order of signal names: bytes, then length (a prefix comes first). */
static int lead_name_cmp(const char *a, size_t na, const char *b, size_t nb) {
  int c = memcmp(a, b, na < nb ? na : nb);
  if (c) return c;
  return na < nb ? -1 : na > nb;
}

static int lead_sig_cmp(const void *pa, const void *pb) {
  const LeadSignal *a = *(const LeadSignal *const *)pa;
  const LeadSignal *b = *(const LeadSignal *const *)pb;
  return lead_name_cmp(a->zName, a->nName, b->zName, b->nName);
}

int revops_lead_signal_index(const RevopsLeadModel *p, const char *z,
                             size_t n) {
  int i;
  if (n == 0) return -1;
  if (p->apByName) {
    /* A parsed model may have up to REVOPS_LEAD_MAX_SIGNALS. */
    int lo = 0, hi = p->nSignal - 1;
    while (lo <= hi) {
      int mid = lo + (hi - lo) / 2;
      const LeadSignal *s = p->apByName[mid];
      int c = lead_name_cmp(z, n, s->zName, s->nName);
      if (c == 0) return (int)(s - p->aSignal);
      if (c < 0) hi = mid - 1;
      else lo = mid + 1;
    }
    return -1;
  }
  /* The built-in model: 15 signals whose names mostly differ in length,
  ** so this is a few integer compares per row. */
  for (i = 0; i < p->nSignal; i++) {
    const LeadSignal *s = &p->aSignal[i];
    if (s->nName == n && s->zName[0] == z[0] && memcmp(s->zName, z, n) == 0) {
      return i;
    }
  }
  return -1;
}

static int lead_step_of(const LeadSignal *s, int64_t age) {
  int64_t k;
  if (s->decayEvery == 0 || age <= s->decayAfter) return 0;
  k = (age - s->decayAfter) / s->decayEvery;
  return k >= s->nBucket - 1 ? s->nBucket - 1 : (int)k;
}

static int lead_points_at(const LeadSignal *s, int k) {
  int pts = s->points - k * s->decayPoints;
  return (s->decayEvery && pts < 0) ? 0 : pts;
}

void revops_lead_state_step(const RevopsLeadModel *p, RevopsLeadState *st,
                            int iSignal, int64_t ageDays, int dir) {
  const LeadSignal *s = &p->aSignal[iSignal];
  st->aCount[s->iBucket + lead_step_of(s, ageDays)] += dir;
  if (s->eGroup == REVOPS_LEAD_BEHAVIORAL && ageDays <= p->inactivityDays) {
    st->nRecentBehavioral += dir;
  }
}

int revops_lead_state_signal(const RevopsLeadModel *p,
                             const RevopsLeadState *st, int i, int *pPoints,
                             int *pBase) {
  const LeadSignal *s = &p->aSignal[i];
  int k, n = 0, best = -1;
  for (k = 0; k < s->nBucket; k++) {
    if (st->aCount[s->iBucket + k] > 0) {
      if (best < 0) best = k;
      n += (int)st->aCount[s->iBucket + k];
    }
  }
  if (pBase) *pBase = s->points;
  if (pPoints) *pPoints = best < 0 ? 0 : lead_points_at(s, best);
  return n;
}

void revops_lead_state_score(const RevopsLeadModel *p,
                             const RevopsLeadState *st, RevopsLeadScore *o) {
  int aRaw[3] = {0, 0, 0}, aCapped[3], i, total;
  for (i = 0; i < p->nSignal; i++) {
    int pts;
    if (revops_lead_state_signal(p, st, i, &pts, 0) > 0) {
      aRaw[p->aSignal[i].eGroup] += pts;
    }
  }
  for (i = 0; i < 3; i++) {
    aCapped[i] = (p->aCap[i] >= 0 && aRaw[i] > p->aCap[i]) ? p->aCap[i] : aRaw[i];
  }
  o->behavioralRaw = aRaw[REVOPS_LEAD_BEHAVIORAL];
  o->behavioral = aCapped[REVOPS_LEAD_BEHAVIORAL];
  o->firmographicRaw = aRaw[REVOPS_LEAD_FIRMOGRAPHIC];
  o->firmographic = aCapped[REVOPS_LEAD_FIRMOGRAPHIC];
  o->negative = aCapped[REVOPS_LEAD_NEGATIVE];
  /* The derived penalty applies when no behavioral signal is recent,
  ** including when the lead has none at all (SPEC section 3). */
  o->inactivity = st->nRecentBehavioral > 0 ? 0 : p->inactivityPoints;
  total = o->behavioral + o->firmographic + o->negative + o->inactivity;
  o->score = total < 0 ? 0 : total > 100 ? 100 : total;
}

void revops_lead_state_merge(const RevopsLeadModel *p, RevopsLeadState *st,
                             const RevopsLeadState *other) {
  int i;
  st->nRecentBehavioral += other->nRecentBehavioral;
  for (i = 0; i < p->nBucket; i++) st->aCount[i] += other->aCount[i];
}

static void lead_group_json(RevopsBuf *b, const char *zName, int raw, int cap,
                            int capped) {
  revops_buf_lit(b, ",\"");
  revops_buf_str(b, zName);
  revops_buf_lit(b, "\":{\"points\":");
  revops_buf_int(b, raw);
  revops_buf_lit(b, ",\"cap\":");
  if (cap < 0) revops_buf_lit(b, "null");
  else revops_buf_int(b, cap);
  revops_buf_lit(b, ",\"counted\":");
  revops_buf_int(b, capped);
  revops_buf_lit(b, "}");
}

/* lead_score_explain's document (docs/leads.md), for every binding. */
void revops_lead_explain_json(RevopsBuf *b, const RevopsLeadModel *m,
                              const RevopsLeadState *st, int64_t asOfMs,
                              const RevopsLeadUnknown *aUnknown, int nUnknown,
                              int64_t nFuture) {
  RevopsLeadScore s;
  char zDate[11];
  int i, n = 0;
  revops_lead_state_score(m, st, &s);
  revops_buf_lit(b, "{\"score\":");
  revops_buf_int(b, s.score);
  revops_buf_lit(b, ",\"grade\":\"");
  revops_buf_str(b, revops_lead_grade(m, s.score));
  revops_buf_lit(b, "\",\"as_of\":\"");
  revops_format_date(asOfMs, zDate);
  revops_buf_str(b, zDate);
  revops_buf_lit(b, "\"");
  lead_group_json(b, "behavioral", s.behavioralRaw,
                  revops_lead_model_cap(m, REVOPS_LEAD_BEHAVIORAL), s.behavioral);
  lead_group_json(b, "firmographic", s.firmographicRaw,
                  revops_lead_model_cap(m, REVOPS_LEAD_FIRMOGRAPHIC), s.firmographic);
  revops_buf_lit(b, ",\"negative\":");
  revops_buf_int(b, s.negative);
  revops_buf_lit(b, ",\"inactivity\":");
  revops_buf_int(b, s.inactivity);
  revops_buf_lit(b, ",\"signals\":[");
  for (i = 0; i < revops_lead_model_nsignal(m); i++) {
    int pts, base, cnt = revops_lead_state_signal(m, st, i, &pts, &base);
    size_t nHead;
    const char *zHead;
    if (cnt <= 0) continue;
    zHead = revops_lead_model_signal_head(m, i, &nHead);
    if (n++) revops_buf_lit(b, ",");
    revops_buf_append(b, zHead, nHead);
    revops_buf_int(b, pts);
    revops_buf_lit(b, ",\"base\":");
    revops_buf_int(b, base);
    revops_buf_lit(b, ",\"decay\":");
    revops_buf_int(b, base - pts);
    revops_buf_lit(b, ",\"occurrences\":");
    revops_buf_int(b, cnt);
    revops_buf_lit(b, "}");
  }
  revops_buf_lit(b, "],\"unknown\":[");
  for (i = 0; i < nUnknown; i++) {
    if (i) revops_buf_lit(b, ",");
    revops_buf_lit(b, "{\"signal\":");
    revops_buf_json_string(b, aUnknown[i].zName, aUnknown[i].nName);
    revops_buf_lit(b, ",\"occurrences\":");
    revops_buf_int(b, aUnknown[i].n);
    revops_buf_lit(b, "}");
  }
  revops_buf_lit(b, "],\"ignored_after_as_of\":");
  revops_buf_int(b, nFuture);
  revops_buf_lit(b, "}");
}

/* ------------------------------------------------------------ model JSON */

char *revops_lead_model_json(const RevopsLeadModel *p) {
  RevopsBuf b;
  int i;
  revops_buf_init(&b);
  revops_buf_lit(&b, "{\"signals\":{");
  for (i = 0; i < p->nSignal; i++) {
    const LeadSignal *s = &p->aSignal[i];
    if (i) revops_buf_lit(&b, ",");
    revops_buf_json_string(&b, s->zName, s->nName);
    revops_buf_lit(&b, ":{\"points\":");
    revops_buf_int(&b, s->points);
    revops_buf_lit(&b, ",\"group\":\"");
    revops_buf_str(&b, azGroup[s->eGroup]);
    revops_buf_lit(&b, "\"");
    if (s->decayEvery) {
      revops_buf_lit(&b, ",\"decay\":{\"after_days\":");
      revops_buf_int(&b, s->decayAfter);
      revops_buf_lit(&b, ",\"every_days\":");
      revops_buf_int(&b, s->decayEvery);
      revops_buf_lit(&b, ",\"points\":");
      revops_buf_int(&b, s->decayPoints);
      revops_buf_lit(&b, "}");
    }
    revops_buf_lit(&b, "}");
  }
  revops_buf_lit(&b, "},\"caps\":{");
  for (i = 0; i < 2; i++) {
    if (i) revops_buf_lit(&b, ",");
    revops_buf_lit(&b, "\"");
    revops_buf_str(&b, azGroup[i]);
    revops_buf_lit(&b, "\":");
    if (p->aCap[i] < 0) revops_buf_lit(&b, "null");
    else revops_buf_int(&b, p->aCap[i]);
  }
  revops_buf_lit(&b, "},\"inactivity\":{\"days\":");
  revops_buf_int(&b, p->inactivityDays);
  revops_buf_lit(&b, ",\"points\":");
  revops_buf_int(&b, p->inactivityPoints);
  revops_buf_lit(&b, "},\"thresholds\":{\"mql\":");
  revops_buf_int(&b, p->thresholdMql);
  revops_buf_lit(&b, ",\"hot\":");
  revops_buf_int(&b, p->thresholdHot);
  revops_buf_lit(&b, "}}");
  return revops_buf_finish(&b);
}

void revops_lead_model_free(RevopsLeadModel *p) {
  if (p == 0 || p == &leadDefault) return;
  revops_free(p->aOwned);
  revops_free(p->zNames);
  revops_free(p->zHeads);
  revops_free((void *)p->apByName);
  revops_free(p);
}

typedef struct ModelParse {
  const RevopsJson *j;
  char *zErr;
  size_t nErr;
} ModelParse;

/* Every member of object iObj must be one of azAllowed. */
static int model_only(ModelParse *x, int iObj, const char *zPath,
                      const char *const *azAllowed) {
  int i;
  for (i = x->j->aNode[iObj].iChild; i >= 0; i = x->j->aNode[i].iNext) {
    int k, ok = 0;
    for (k = 0; azAllowed[k]; k++) {
      if (strcmp(x->j->aNode[i].zKey, azAllowed[k]) == 0) ok = 1;
    }
    if (!ok) {
      revops_errf(x->zErr, x->nErr, "%s.%s is not a known setting", zPath,
                  x->j->aNode[i].zKey);
      return 0;
    }
  }
  return 1;
}

static int model_object(ModelParse *x, int iNode, const char *zPath) {
  if (x->j->aNode[iNode].type != REVOPS_JOBJECT) {
    revops_errf(x->zErr, x->nErr, "%s must be an object, got %s", zPath,
                revops_json_type_name(x->j->aNode[iNode].type));
    return 0;
  }
  return 1;
}

/* Read integer member zKey of iObj into *pOut, within [lo, hi].  A
** missing member leaves *pOut (the default) alone unless required. */
static int model_int(ModelParse *x, int iObj, const char *zPath,
                     const char *zKey, int lo, int hi, int required,
                     int *pOut) {
  int i = revops_json_member(x->j, iObj, zKey);
  const RevopsJsonNode *pN;
  if (i < 0) {
    if (!required) return 1;
    revops_errf(x->zErr, x->nErr, "%s.%s is required", zPath, zKey);
    return 0;
  }
  pN = &x->j->aNode[i];
  if (pN->type != REVOPS_JNUMBER || !pN->isInt) {
    revops_errf(x->zErr, x->nErr, "%s.%s must be an integer, got %s", zPath,
                zKey, pN->type == REVOPS_JNUMBER ? "a fraction" : revops_json_type_name(pN->type));
    return 0;
  }
  if (pN->iNum < lo || pN->iNum > hi) {
    revops_errf(x->zErr, x->nErr, "%s.%s must be between %d and %d, got %lld",
                zPath, zKey, lo, hi, (long long)pN->iNum);
    return 0;
  }
  *pOut = (int)pN->iNum;
  return 1;
}

static int model_signal(ModelParse *x, int iNode, LeadSignal *s) {
  static const char *const azSig[] = {"points", "group", "decay", 0};
  static const char *const azDecay[] = {"after_days", "every_days", "points", 0};
  char zPath[160];
  int iGroup, iDecay, g;
  revops_errf(zPath, sizeof(zPath), "$.signals.%s", s->zName);
  if (!model_object(x, iNode, zPath) || !model_only(x, iNode, zPath, azSig)) return 0;
  iGroup = revops_json_member(x->j, iNode, "group");
  if (iGroup < 0) {
    revops_errf(x->zErr, x->nErr, "%s.group is required", zPath);
    return 0;
  }
  for (g = 0; g < 3; g++) {
    if (x->j->aNode[iGroup].type == REVOPS_JSTRING &&
        strcmp(x->j->aNode[iGroup].zStr, azGroup[g]) == 0) {
      break;
    }
  }
  if (g == 3) {
    revops_errf(x->zErr, x->nErr,
                "%s.group must be \"behavioral\", \"firmographic\" or \"negative\"",
                zPath);
    return 0;
  }
  s->eGroup = g;
  /* Positive groups add points, the negative group takes them away; a
  ** signal in the wrong group would silently escape or hit a cap. */
  if (!model_int(x, iNode, zPath, "points", g == REVOPS_LEAD_NEGATIVE ? -1000 : 0,
                 g == REVOPS_LEAD_NEGATIVE ? 0 : 1000, 1, &s->points)) {
    return 0;
  }
  s->nBucket = 1;
  iDecay = revops_json_member(x->j, iNode, "decay");
  if (iDecay >= 0 && x->j->aNode[iDecay].type != REVOPS_JNULL) {
    char zDecay[180];
    revops_errf(zDecay, sizeof(zDecay), "%s.decay", zPath);
    if (!model_object(x, iDecay, zDecay) || !model_only(x, iDecay, zDecay, azDecay)) return 0;
    if (g == REVOPS_LEAD_NEGATIVE || s->points == 0) {
      revops_errf(x->zErr, x->nErr, "%s: only signals with positive points can decay", zDecay);
      return 0;
    }
    if (!model_int(x, iDecay, zDecay, "after_days", 0, 36500, 1, &s->decayAfter) ||
        !model_int(x, iDecay, zDecay, "every_days", 1, 36500, 1, &s->decayEvery) ||
        !model_int(x, iDecay, zDecay, "points", 1, 1000, 1, &s->decayPoints)) {
      return 0;
    }
    s->nBucket = 1 + (s->points + s->decayPoints - 1) / s->decayPoints;
  }
  return 1;
}

int revops_lead_model_parse(const char *zJson, size_t n,
                            RevopsLeadModel **ppModel, char *zErr,
                            size_t nErr) {
  static const char *const azTop[] = {"signals", "caps", "inactivity", "thresholds", 0};
  static const char *const azCaps[] = {"behavioral", "firmographic", 0};
  static const char *const azInact[] = {"days", "points", 0};
  static const char *const azThr[] = {"mql", "hot", 0};
  RevopsJson j;
  ModelParse x;
  RevopsLeadModel *p = 0;
  int iSignals, i, k, nSig, rc = REVOPS_ERROR;
  size_t nNames = 0, nState;
  char zJsonErr[120];

  *ppModel = 0;
  /* Bounds first, in size_t, before the parser allocates anything. */
  if (n > REVOPS_LEAD_MAX_MODEL_BYTES) {
    revops_errf(zErr, nErr, "is %lu bytes, more than the %lu allowed",
                (unsigned long)n, (unsigned long)REVOPS_LEAD_MAX_MODEL_BYTES);
    return REVOPS_ERROR;
  }
  rc = revops_json_parse(&j, zJson, n, zJsonErr, sizeof(zJsonErr));
  if (rc != REVOPS_OK) {
    if (rc != REVOPS_NOMEM) revops_errf(zErr, nErr, "is not valid JSON: %s", zJsonErr);
    revops_json_free(&j);
    return rc;
  }
  rc = REVOPS_ERROR;
  x.j = &j;
  x.zErr = zErr;
  x.nErr = nErr;
  if (!model_object(&x, 0, "$") || !model_only(&x, 0, "$", azTop)) goto done;
  iSignals = revops_json_member(&j, 0, "signals");
  if (iSignals < 0) {
    revops_errf(zErr, nErr, "$.signals is required");
    goto done;
  }
  if (!model_object(&x, iSignals, "$.signals")) goto done;
  nSig = j.aNode[iSignals].nChild;
  if (nSig > REVOPS_LEAD_MAX_SIGNALS) {
    revops_errf(zErr, nErr, "$.signals has %d signals, more than the %d allowed", nSig,
                REVOPS_LEAD_MAX_SIGNALS);
    goto done;
  }
  for (i = j.aNode[iSignals].iChild; i >= 0; i = j.aNode[i].iNext) {
    nNames += strlen(j.aNode[i].zKey) + 1;
  }
  p = revops_malloc(sizeof(*p));
  if (p == 0) goto oom;
  memset(p, 0, sizeof(*p));
  p->aOwned = revops_malloc(sizeof(LeadSignal) * (size_t)(nSig ? nSig : 1));
  p->apByName = revops_malloc(sizeof(LeadSignal *) * (size_t)(nSig ? nSig : 1));
  p->zNames = revops_malloc(nNames ? nNames : 1);
  if (p->aOwned == 0 || p->apByName == 0 || p->zNames == 0) goto oom;
  memset(p->aOwned, 0, sizeof(LeadSignal) * (size_t)(nSig ? nSig : 1));
  p->aSignal = p->aOwned;
  /* Defaults for the optional sections are the default model's. */
  memcpy(p->aCap, leadDefault.aCap, sizeof(p->aCap));
  p->inactivityDays = leadDefault.inactivityDays;
  p->inactivityPoints = leadDefault.inactivityPoints;
  p->thresholdMql = leadDefault.thresholdMql;
  p->thresholdHot = leadDefault.thresholdHot;

  nNames = 0;
  nState = sizeof(RevopsLeadState);
  for (i = j.aNode[iSignals].iChild, k = 0; i >= 0; i = j.aNode[i].iNext, k++) {
    LeadSignal *s = &p->aOwned[k];
    size_t len = strlen(j.aNode[i].zKey);
    if (len == 0) {
      revops_errf(zErr, nErr, "$.signals: a signal name must not be empty");
      goto done;
    }
    memcpy(p->zNames + nNames, j.aNode[i].zKey, len + 1);
    s->zName = p->zNames + nNames;
    s->nName = len;
    nNames += len + 1;
    if (!model_signal(&x, i, s)) goto done;
    /* Each signal adds nBucket counters (at most 1001): the total is
    ** checked as it grows, so it cannot wrap. */
    nState += sizeof(int64_t) * (size_t)s->nBucket;
    if (nState > REVOPS_LEAD_MAX_STATE_BYTES) {
      revops_errf(zErr, nErr,
                  "$.signals needs more than %d bytes of state per lead (each signal"
                  " takes 8 bytes per decay step); use fewer signals or coarser decay",
                  REVOPS_LEAD_MAX_STATE_BYTES);
      goto done;
    }
    s->iBucket = p->nBucket;
    p->nBucket += s->nBucket;
    p->apByName[k] = s;
  }
  p->nSignal = nSig;
  /* Duplicates are neighbours once sorted: n log n, not n^2. */
  qsort((void *)p->apByName, (size_t)nSig, sizeof(LeadSignal *), lead_sig_cmp);
  for (k = 1; k < nSig; k++) {
    if (lead_sig_cmp(&p->apByName[k - 1], &p->apByName[k]) == 0) {
      revops_errf(zErr, nErr, "$.signals.%s appears twice", p->apByName[k]->zName);
      goto done;
    }
  }
  {
    /* Explainer heads, escaped once here (a name may hold a quote). */
    RevopsBuf b;
    revops_buf_init(&b);
    for (k = 0; k < nSig; k++) {
      LeadSignal *s = &p->aOwned[k];
      s->nHead = b.n;
      revops_buf_lit(&b, "{\"signal\":");
      revops_buf_json_string(&b, s->zName, s->nName);
      revops_buf_lit(&b, ",\"group\":\"");
      revops_buf_str(&b, azGroup[s->eGroup]);
      revops_buf_lit(&b, "\",\"points\":");
    }
    {
      size_t nAll = b.n;
      p->zHeads = revops_buf_finish(&b);
      if (p->zHeads == 0) goto oom;
      /* Offsets became lengths: each head runs to the next one's start. */
      for (k = 0; k < nSig; k++) {
        size_t start = p->aOwned[k].nHead;
        size_t end = k + 1 < nSig ? p->aOwned[k + 1].nHead : nAll;
        p->aOwned[k].zHead = p->zHeads + start;
        p->aOwned[k].nHead = end - start;
      }
    }
  }

  i = revops_json_member(&j, 0, "caps");
  if (i >= 0) {
    if (!model_object(&x, i, "$.caps") || !model_only(&x, i, "$.caps", azCaps)) goto done;
    for (k = 0; k < 2; k++) {
      int iCap = revops_json_member(&j, i, azGroup[k]);
      if (iCap >= 0 && j.aNode[iCap].type == REVOPS_JNULL) {
        p->aCap[k] = -1; /* null = uncapped */
      } else if (!model_int(&x, i, "$.caps", azGroup[k], 0, 1000, 0, &p->aCap[k])) {
        goto done;
      }
    }
  }
  i = revops_json_member(&j, 0, "inactivity");
  if (i >= 0) {
    if (!model_object(&x, i, "$.inactivity") ||
        !model_only(&x, i, "$.inactivity", azInact) ||
        !model_int(&x, i, "$.inactivity", "days", 0, 36500, 0, &p->inactivityDays) ||
        !model_int(&x, i, "$.inactivity", "points", -1000, 0, 0, &p->inactivityPoints)) {
      goto done;
    }
  }
  i = revops_json_member(&j, 0, "thresholds");
  if (i >= 0) {
    if (!model_object(&x, i, "$.thresholds") ||
        !model_only(&x, i, "$.thresholds", azThr) ||
        !model_int(&x, i, "$.thresholds", "mql", 0, 100, 0, &p->thresholdMql) ||
        !model_int(&x, i, "$.thresholds", "hot", 0, 100, 0, &p->thresholdHot)) {
      goto done;
    }
  }
  if (p->thresholdMql > p->thresholdHot) {
    revops_errf(zErr, nErr, "$.thresholds.mql (%d) must not exceed $.thresholds.hot (%d)",
                p->thresholdMql, p->thresholdHot);
    goto done;
  }
  rc = REVOPS_OK;
  goto done;
oom:
  rc = REVOPS_NOMEM;
done:
  revops_json_free(&j);
  if (rc != REVOPS_OK) {
    revops_lead_model_free(p);
    return rc;
  }
  *ppModel = p;
  return REVOPS_OK;
}
