/*
** gen.c — the deterministic synthetic data set behind `make demo`.
**
**   build/demo/gen OUTDIR [SCALE [SEED]]
**
** Writes one CSV file per canonical table (sql/schema.sql) into OUTDIR;
** `make demo` then loads them through the ordinary import
** (sql/import/import.sql), so the demo exercises the import too.
**
** A B2B SaaS company from 2023-01-01 to the demo's as-of date 2026-03-01:
** three segments (SMB, Mid-Market, Enterprise), four regions, ten marketing
** channels with seasonality and growth, a lead funnel near seed 003's
** median conversion rates, deals that move through the stages with
** slippage, close-date pushes, discounts, stalls, activity gaps and
** single-threading, subscriptions that start, expand, contract, churn (with
** reasons) and come back, invoices paid on time, late, disputed or not at
** all, support tickets inside and outside their SLA, NPS and CSAT
** responses, an installed base with end-of-life hardware (seed 002),
** forecast calls, cost to serve, monthly company financials and monthly
** product usage that falls before churn and nears the seat limit before
** expansion (gen_usage, on its own PRNG stream).
**
** Determinism: one PRNG (splitmix64) seeded from SEED, no floating-point
** library calls, money in integer cents, no clock: the same SCALE and SEED
** give byte-identical files on every run.  SCALE multiplies the number of
** reps, accounts and leads, so every fact table grows linearly with it
** (SCALE=100: about 10 million lead events and 1 million subscription
** periods); the calendar (dates, campaigns, stages, products) stays fixed.
**
** Layout: helpers (randomness, dates, CSV formatting), the model (segments,
** channels, stages, products, enum Role, Account, Rep), the two simulations
** everything else calls (sim_opportunity, sim_subscription), then one gen_*
** or write_* function per table or group of tables, called in order by
** main().  The order is part of the data: each step draws from the one
** PRNG, so moving or adding a draw changes every file written after it.
*/
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------ randomness */
static uint64_t rng_state;
static uint64_t rnd(void) { /* splitmix64 */
  uint64_t z = (rng_state += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}
static double unif(void) { return (double)(rnd() >> 11) * (1.0 / 9007199254740992.0); }
static int chance(double p) { return unif() < p; }
static int rint_(int lo, int hi) { return lo + (int)(rnd() % (uint64_t)(hi - lo + 1)); }
/* Index drawn with integer weights. */
static int pick(const int *w, int n) {
  int i, t = 0, r;
  for (i = 0; i < n; i++) t += w[i];
  r = (int)(rnd() % (uint64_t)t);
  for (i = 0; i < n; i++) {
    if (r < w[i]) return i;
    r -= w[i];
  }
  return n - 1;
}
/* ----------------------------------------------------------------- dates */
static int days_from_civil(int y, int m, int d) {
  int era, yoe, doy, doe;
  y -= m <= 2;
  era = (y >= 0 ? y : y - 399) / 400;
  yoe = y - era * 400;
  doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}
static void civil_from_days(int z, int *py, int *pm, int *pd) {
  int era, doe, yoe, y, doy, mp, d, m;
  z += 719468;
  era = (z >= 0 ? z : z - 146096) / 146097;
  doe = z - era * 146097;
  yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  y = yoe + era * 400;
  doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp + (mp < 10 ? 3 : -9);
  *py = y + (m <= 2);
  *pm = m;
  *pd = d;
}
static char *dstr(int day, char *z) {
  int y, m, d;
  civil_from_days(day, &y, &m, &d);
  snprintf(z, 11, "%04d-%02d-%02d", y, m, d);
  return z;
}
/* 'YYYY-MM-DD HH:MM:SS' for a day and a second of that day. */
static char *tstr(int day, int sec, char *z) {
  char zd[11];
  sec = sec < 0 ? 0 : sec % 86400;
  snprintf(z, 20, "%s %02d:%02d:%02d", dstr(day, zd), sec / 3600, sec / 60 % 60, sec % 60);
  return z;
}
static int month_of(int day) { /* months since 2023-01 */
  int y, m, d;
  civil_from_days(day, &y, &m, &d);
  return (y - 2023) * 12 + m - 1;
}
static int month_start(int mi) { return days_from_civil(2023 + mi / 12, mi % 12 + 1, 1); }
static int add_months(int day, int k) {
  int y, m, d, mi;
  civil_from_days(day, &y, &m, &d);
  mi = y * 12 + m - 1 + k;
  y = mi / 12;
  m = mi % 12 + 1;
  if (d > 28) d = 28; /* anniversaries on the 29th-31st move to the 28th */
  return days_from_civil(y, m, d);
}
static int work_sec(void) { return rint_(8 * 3600, 18 * 3600); }

static int D0, ASOF, NMONTH; /* 2023-01-01, 2026-03-01, months in the window */
static double fscale;        /* SCALE as given (row counts scale with it) */
static int scale;            /* SCALE rounded, at least 1 (team units) */

/* Seasonality of demand by calendar month (summer and December dip, Q1 and
** autumn peaks) and growth over the window. */
static const double season[12] = {1.05, 1.0, 1.1, 1.0, 1.0, 0.95, 0.85, 0.75, 1.1, 1.15, 1.05, 0.8};
static double demand(int day) {
  int y, m, d;
  civil_from_days(day, &y, &m, &d);
  return season[m - 1] * (1.0 + 0.6 * (double)(day - D0) / (double)(ASOF - D0));
}
/* A day in [D0, ASOF) drawn with the demand curve. */
static int demand_day(void) {
  for (;;) {
    int day = D0 + (int)(unif() * (ASOF - D0));
    if (unif() * 1.8 < demand(day)) return day;
  }
}

/* ------------------------------------------------------------ CSV output */
static const char *zOutDir;
static FILE *open_csv(const char *zName, const char *zHeader) {
  char zPath[1024];
  FILE *f;
  snprintf(zPath, sizeof(zPath), "%s/%s.csv", zOutDir, zName);
  f = fopen(zPath, "w");
  if (f == 0) {
    perror(zPath);
    exit(1);
  }
  fprintf(f, "%s\n", zHeader);
  return f;
}
/* A text field, quoted when RFC 4180 requires it. */
static const char *q(const char *z, char *zOut, size_t n) {
  size_t o = 0;
  if (z == 0) return "";
  if (strpbrk(z, ",\"\r\n") == 0) return z;
  zOut[o++] = '"';
  for (; *z && o + 3 < n; z++) {
    if (*z == '"') zOut[o++] = '"';
    zOut[o++] = *z;
  }
  zOut[o++] = '"';
  zOut[o] = 0;
  return zOut;
}
/* Cents as a decimal. */
static char *money(int64_t c, char *z) {
  snprintf(z, 24, "%s%lld.%02lld", c < 0 ? "-" : "", (long long)(c < 0 ? -c : c) / 100,
           (long long)(c < 0 ? -c : c) % 100);
  return z;
}
/* A date, or "" for -1 (no date). */
static const char *dstr_or_empty(int day, char *z) { return day < 0 ? "" : dstr(day, z); }
/* Formatters for use inside one fprintf: each use gets its own buffer, a
** compound literal that lives until the end of the enclosing block, so any
** number of them can appear in one call. */
#define M(c) money((c), (char[24]){""})
#define DS(d) dstr((d), (char[11]){""})
#define DSN(d) dstr_or_empty((d), (char[11]){""})

/* ---------------------------------------------------------------- model */
static const char *const aSeg[3] = {"SMB", "Mid-Market", "Enterprise"};
static const char *const aRegion[4] = {"North America", "EMEA", "APAC", "LATAM"};
static const int wRegion[4] = {50, 30, 15, 5};
#define NCHAN 10
static const char *const aChan[NCHAN] = {"Paid Search", "Paid Social", "Organic Search", "Content", "Webinar",
                                         "Events", "Email", "Referral", "Partner", "Outbound"};
static const int wChan[NCHAN] = {22, 7, 18, 12, 10, 8, 6, 8, 6, 3};
/* Weekly spend per channel per segment/region unit, in cents, and lead
** quality per channel (referrals and events convert best). */
static const int chanSpend[NCHAN] = {180000, 90000, 20000, 40000, 50000, 120000, 15000, 10000, 30000, 60000};
static const double chanQual[NCHAN] = {0.45, 0.35, 0.5, 0.45, 0.55, 0.6, 0.4, 0.75, 0.6, 0.4};
static const char *const aIndustry[8] = {"Software", "Financial Services", "Healthcare", "Manufacturing",
                                         "Retail", "Education", "Logistics", "Media"};
static const char *const aSignalB[8] = {"pricing_page_visit", "content_download", "webinar_attended", "demo_request",
                                        "email_engaged", "deep_session", "return_visit", "chatbot_engaged"};
static const int wSignalB[8] = {14, 20, 8, 5, 14, 14, 16, 9};

#define NSTAGE 6 /* open stages, in order; then Closed Won, Closed Lost */
static const char *const aStage[8] = {"Discovery", "Qualification", "Demo", "Proposal",
                                      "Negotiation", "Contract Sent", "Closed Won", "Closed Lost"};
static const int stageDays[NSTAGE] = {14, 14, 21, 21, 14, 10};
static const double stageLose[NSTAGE] = {0.22, 0.22, 0.22, 0.2, 0.14, 0.06};
static const int stageProbPct[8] = {10, 20, 40, 60, 80, 90, 100, 0};
static const char *const stageCat[8] = {"Upside", "Pipeline", "Pipeline", "Best Case", "Best Case",
                                        "Commit", "Closed", "Omitted"};

/* Products: id, name, category, line, list price (cents/month for
** recurring), billing, end of sale, end of life (as 'YYYY-MM-DD' or ""). */
typedef struct Product {
  const char *id, *name, *category, *line;
  int64_t price;
  const char *billing, *eos, *eol;
} Product;
static const Product aProduct[] = {
    {"P-STARTER", "Starter Plan", "Platform", "Core", 49900, "recurring", "", ""},
    {"P-GROWTH", "Growth Plan", "Platform", "Core", 249900, "recurring", "", ""},
    {"P-ENTERPRISE", "Enterprise Plan", "Platform", "Core", 999900, "recurring", "", ""},
    {"P-ANALYTICS", "Analytics Add-on", "Add-on", "Analytics", 59900, "recurring", "", ""},
    {"P-API", "API Access", "Add-on", "Platform", 39900, "recurring", "", ""},
    {"P-SSO", "SSO & Audit", "Add-on", "Security", 29900, "recurring", "", ""},
    {"P-PREMSUPPORT", "Premium Support", "Services", "Support", 79900, "recurring", "", ""},
    {"P-CLASSIC", "Classic Reporting", "Add-on", "Analytics", 19900, "recurring", "2025-06-30", "2026-06-30"},
    {"P-ONPREM", "On-Prem Connector", "Add-on", "Platform", 34900, "recurring", "2024-06-30", "2025-06-30"},
    {"P-ONBOARD", "Onboarding Package", "Services", "Services", 500000, "one_time", "", ""},
    {"HW-AP325", "AP-325 Access Point", "WLAN HW", "Aruba", 69500, "one_time", "", "2099-12-31"},
    {"HW-DL360G8", "DL360p Gen8 Server", "x86 Premium Servers", "ProLiant", 450000, "one_time", "2015-03-31", "2020-12-31"},
    {"HW-SSD12", "1.2TB SAS Drive", "Server Storage & Inf", "Storage", 42000, "one_time", "2018-06-30", "2022-06-30"},
    {"HW-MEM32", "32GB Memory Kit", "Server Storage & Inf", "Storage", 31000, "one_time", "2019-12-31", "2024-12-31"},
    {"HW-C7000", "C7000 Blade Enclosure", "C-Class Infrastructure", "BladeSystem", 900000, "one_time", "2017-12-31", "2021-12-31"},
};
#define NPRODUCT ((int)(sizeof(aProduct) / sizeof(aProduct[0])))

typedef struct Account {
  int seg, region, industry, employees, created;
  int owner, csm;            /* rep indexes */
  int contact0, ncontact;
  int custStart;             /* first day as a customer, -1 = never */
  int64_t startMrr;          /* MRR (cents) of the first subscription */
  int isCustomerAtStart;
  int active;                /* has MRR at the as-of date */
  int churnRisk;             /* 0..2, drives tickets, NPS, overdue */
  int lastQbr;
  int nOpp;
} Account;

/* Roles as the reps table spells them (aRole) and their fully loaded
** annual cost in dollars (roleCost). */
enum Role { ROLE_SDR, ROLE_AE, ROLE_AM, ROLE_CSM, ROLE_SUPPORT, ROLE_MANAGER, ROLE_MARKETING, NROLE };
static const char *const aRole[NROLE] = {"SDR", "AE", "AM", "CSM", "Support", "Manager", "Marketing"};
static const int roleCost[NROLE] = {85000, 190000, 150000, 120000, 90000, 260000, 140000};
typedef struct Rep {
  enum Role role;
  int seg, region, manager, hire; /* seg -1: not segment-bound */
} Rep;

static Account *aAcct;
static int nAcct, nCustAtStart;
static Rep *aRep;
static int nRep, nRepUsed;
static int *aeBySeg[3], nAeBySeg[3], *amList, nAm, *csmList, nCsm, *supList, nSup, *sdrList, nSdr;
static int nCampaign;
static int64_t *mrrByMonth;       /* company MRR at each month end (cents) */
static int64_t *mktByMonth;       /* marketing spend per month (cents) */
static int64_t (*wonByRepQ)[16];  /* new ARR won per AE per quarter (cents) */

static FILE *fOpp, *fHist, *fSnap, *fAct, *fLine, *fTouch, *fSub, *fInv, *fPay, *fChurn,
    *fTicket, *fSurvey, *fCost;
static long long nOppId, nActId, nTouchId, nInvId, nPayId, nChurnId, nTicketId, nSurveyId, nEventId;

static int rep_pick(int *list, int n) { return list[rnd() % (uint64_t)n]; }
static int quarter_of(int day) { return month_of(day) / 3; }
/* A whole percentage as a fraction: 60 -> '0.60', 100 -> '1.00'. */
static char *prob(int pct, char *z) {
  snprintf(z, 8, "%d.%02d", (pct / 100) % 10, pct % 100);
  return z;
}

/* ----------------------------------------------------- opportunities */
/* The opportunity_type values, in the order of the `type` argument. */
enum DealType { DEAL_NEW, DEAL_EXPANSION, DEAL_RENEWAL };
/* forceWin: 1 = the deal is won (an expansion that happened), -1 = lost,
** 0 = decided by the stage loss rates.
** Simulate one deal from `created` and write it with its stage history,
** weekly snapshots, line items, activities and opportunity-creation
** touchpoint.  Returns 1 when won (and the close day in *pWon), 0 when
** lost, -1 when still open at the as-of date. */
static int sim_opportunity(int acct, int type, int created, int64_t amount, double quality, int forceWin,
                           int campaign, int chan, long long *pOppId, int *pClose, int64_t *pAmount) {
  Account *a = &aAcct[acct];
  char zId[24], zb[256], zb2[256], zt[20];
  int stage = 0, t = created, close, origClose, pushes = 0, k, nev = 0, outcome = -1, owner;
  int evDay[64], evStage[64], evClose[64];
  int64_t evAmt[64], origAmount = amount;
  int cycle = a->seg == 0 ? rint_(25, 50) : a->seg == 1 ? rint_(50, 100) : rint_(100, 180);
  int slow = chance(0.2); /* a stalling deal */
  int neglect = chance(0.25); /* nobody updates the close date once it passes */
  int nEngaged, gap, lastAct;
  if (type == 2) cycle = rint_(20, 45); /* renewals move fast */
  if (type == 1) cycle = cycle * 2 / 3;
  close = origClose = created + cycle;
  owner = type == 0 ? a->owner : a->csm >= 0 && chance(0.5) ? amList[acct % nAm] : a->owner;
  snprintf(zId, sizeof(zId), "O%07lld", ++nOppId);
  *pOppId = nOppId;
  evDay[nev] = t, evStage[nev] = 0, evClose[nev] = close, evAmt[nev++] = amount;
  if (type == 2) { /* renewals start late in the cycle */
    stage = 3;
    evStage[0] = 3;
  }
  for (;;) {
    double f = slow ? 1.5 + 2.5 * unif() : 0.5 + unif();
    int next = t + (int)(stageDays[stage] * f * (a->seg == 2 ? 1.5 : 1.0)) + 1;
    /* Slippage: when the expected close passes with the deal still open,
    ** the rep pushes it out 2-6 weeks (seed 001 close-date pushes). */
    while (close < next && close < ASOF && nev < 60 && !(neglect && pushes >= 1)) {
      int pushDay = close + rint_(1, 6);
      if (pushDay >= ASOF) break;
      close = pushDay + rint_(14, 42);
      pushes++;
      evDay[nev] = pushDay, evStage[nev] = stage, evClose[nev] = close, evAmt[nev++] = amount;
    }
    if (next >= ASOF || nev >= 60) break;
    /* Lost: a forced loss half the time once past the first stage, or by
    ** the stage's odds.  || keeps the draws in the same order as before. */
    if ((forceWin < 0 && stage >= 1 && chance(0.5)) ||
        (forceWin == 0 && chance(stageLose[stage] * (1.6 - quality) * (type == 2 ? 0.3 : 1.0) + (pushes >= 3 ? 0.1 : 0)))) {
      outcome = 0;
      stage = 7;
      t = next;
      close = t;
      evDay[nev] = t, evStage[nev] = 7, evClose[nev] = t, evAmt[nev++] = amount;
      break;
    }
    stage++;
    t = next;
    if (stage == 4 && chance(0.35)) amount = amount * rint_(75, 95) / 100; /* discount in negotiation */
    else if (stage == 4 && chance(0.1)) amount = amount * rint_(105, 130) / 100; /* upsell */
    if (stage == NSTAGE) {
      outcome = 1;
      stage = 6;
      /* End-of-quarter pull-in: many deals sign in the quarter's last days. */
      close = t;
      evDay[nev] = t, evStage[nev] = 6, evClose[nev] = t, evAmt[nev++] = amount;
      break;
    }
    evDay[nev] = t, evStage[nev] = stage, evClose[nev] = close, evAmt[nev++] = amount;
  }
  {
    char zs[11];
    const char *zNext = outcome < 0 && chance(0.85) ? (stage < 3 ? "Schedule follow-up call" : "Send revised proposal") : "";
    const char *zLoss = "";
    int entered = nev - 1;
    while (entered > 0 && evStage[entered - 1] == evStage[entered]) entered--;
    const char *zComp = "";
    static const char *const aLoss[5] = {"Price", "No decision", "Lost to competitor", "Timing", "Missing feature"};
    static const char *const aComp[4] = {"Competitor A", "Competitor B", "Competitor C", "In-house build"};
    if (outcome == 0 && chance(0.9)) {
      int li = rint_(0, 4);
      zLoss = aLoss[li];
      if (li == 2) zComp = aComp[rint_(0, 3)];
    }
    snprintf(zb, sizeof(zb), "%s - %s", a->seg == 2 ? "Enterprise deal" : a->seg == 1 ? "Mid-Market deal" : "SMB deal",
             type == 0 ? "New Business" : type == 1 ? "Expansion" : "Renewal");
    /* RNG draws before the call: argument order is unspecified in C. */
    int noAmount = outcome < 0 && chance(0.03);
    int meddpicc = outcome == 1 ? rint_(5, 8) : rint_(1, 6);
    fprintf(fOpp, "%s,A%06d,%s,R%04d,%s,%s,%s,%s,,,%s,%s,%s,%s,%s,%s,%s,%s,%s,%d\n", zId, acct + 1, zb, owner + 1,
            type == 0 ? "New Business" : type == 1 ? "Expansion" : "Renewal", aStage[stage],
            /* 3% of open deals have no amount (a hygiene issue, seed 001) */
            noAmount ? "" : M(amount), M(origAmount), DS(created), DS(close), DS(origClose),
            DS(evDay[entered]), zNext, chan >= 0 ? aChan[chan] : "", campaign >= 0 ? (snprintf(zb2, 16, "CMP%03d", campaign + 1), zb2) : "",
            zLoss, zComp, meddpicc);
    (void)zs;
  }
  /* Stage history: one row per stage entered. */
  for (k = 0; k < nev; k++) {
    int j, exit = -1;
    if (k > 0 && evStage[k] == evStage[k - 1]) continue; /* a push, not a stage */
    for (j = k + 1; j < nev; j++) {
      if (evStage[j] != evStage[k]) {
        exit = evDay[j];
        break;
      }
    }
    if (evStage[k] >= 6) exit = -1;
    fprintf(fHist, "%s,%s,%s,%s,%s,%s\n", zId, aStage[evStage[k]], DS(evDay[k]), DSN(exit), M(evAmt[k]), DS(evClose[k]));
  }
  /* Weekly snapshots (Mondays) from creation to the week after closing. */
  {
    int mon = created + ((4 - (created % 7)) + 7) % 7; /* 1970-01-05 was a Monday: day % 7 == 4 */
    int endDay = outcome < 0 ? ASOF : evDay[nev - 1] + 7;
    for (; mon <= endDay && mon < ASOF; mon += 7) {
      int j = 0;
      while (j + 1 < nev && evDay[j + 1] <= mon) j++;
      char zp[8];
      fprintf(fSnap, "%s,%s,%s,%s,%s,%s,%s,R%04d\n", DS(mon), zId, aStage[evStage[j]], M(evAmt[j]),
              prob(stageProbPct[evStage[j]], zp), stageCat[evStage[j]], DS(evClose[j]), owner + 1);
    }
  }
  /* Line items: the plan for the segment plus add-ons. */
  {
    int64_t left = amount;
    int nli = type == 2 ? 1 : rint_(1, 3), li;
    for (li = 1; li <= nli; li++) {
      int p = li == 1 ? (type == 1 ? 3 + rint_(0, 3) : a->seg) : 3 + rint_(0, 3);
      int64_t part = li == nli ? left : left * rint_(15, 30) / 100;
      int qty = a->seg == 0 ? 1 : rint_(1, 5);
      int disc = chance(0.4) ? rint_(5, 20) : 0;
      int64_t unit = part * 100 / (qty * (100 - disc));
      left -= part;
      fprintf(fLine, "%s,%d,%s,%d,%s,0.%02d,%s\n", zId, li, aProduct[p].id, qty, M(unit), disc, M(part));
    }
  }
  /* Activities: every few days while open; some deals go quiet (activity
  ** gaps), some talk to one person only (single-threaded). */
  nEngaged = chance(0.28) ? 1 : rint_(2, a->ncontact < 6 ? (a->ncontact > 2 ? a->ncontact : 2) : 6);
  if (nEngaged > a->ncontact) nEngaged = a->ncontact;
  gap = (outcome < 0 && chance(0.3)) ? rint_(15, 45) : 0;
  lastAct = (outcome < 0 ? ASOF - 1 : evDay[nev - 1]) - gap;
  {
    int day = created, every = (int)(9 - 6 * quality) + 1;
    static const char *const aType[5] = {"Email", "Call", "Meeting", "Demo", "Email"};
    while (day <= lastAct) {
      int ct = a->contact0 + (int)(rnd() % (uint64_t)(nEngaged > 0 ? nEngaged : 1));
      int ty = rint_(0, 4), sec = work_sec(), inbound = chance(0.2), dur = ty == 0 ? 0 : rint_(10, 60);
      fprintf(fAct, "ACT%08lld,%s,%s,R%04d,A%06d,C%07d,%s,%s,%d,\n", ++nActId, aType[ty], tstr(day, sec, zt),
              owner + 1, acct + 1, ct + 1, zId, inbound ? "inbound" : "outbound", dur);
      day += rint_(1, every * 2);
    }
  }
  if (chan >= 0) {
    fprintf(fTouch, "%lld,%s,%s,%s,,C%07d,%s,meeting_booked,0,1\n", ++nTouchId, tstr(created, work_sec(), zt),
            aChan[chan], campaign >= 0 ? (snprintf(zb2, 16, "CMP%03d", campaign + 1), zb2) : "", a->contact0 + 1, zId);
  }
  a->nOpp++;
  *pClose = evDay[nev - 1];
  *pAmount = amount;
  if (outcome == 1 && type == 0) {
    int qi = quarter_of(*pClose);
    if (qi >= 0 && qi < 16) wonByRepQ[owner][qi] += amount;
  }
  return outcome;
}

/* ------------------------------------------------------ subscriptions */
static long long nSubBase;

/* What ends a subscription period (sim_subscription). */
enum Change { CHANGE_NONE, CHANGE_CHURN, CHANGE_EXPANSION, CHANGE_CONTRACTION, CHANGE_UPLIFT };

/* Seats after an MRR change from `from` to `to`: seats move with the
** price of the plan, at least one. */
static int rescale_seats(int seats, int64_t from, int64_t to) {
  int64_t n = from > 0 ? (seats * to + from / 2) / from : seats;
  return n < 1 ? 1 : (int)n;
}

/* The periods of each account's core plan, kept for gen_usage(): usage
** follows the plan's seats and moves ahead of the change that ends each
** period.  Recording draws no random numbers. */
typedef struct PlanPeriod {
  int acct, start, end; /* end exclusive, -1 = running at the as-of date */
  int seats;            /* seats paid for in the period */
  enum Change change;   /* what ended the period */
} PlanPeriod;
static PlanPeriod *aPlan;
static size_t nPlan, nPlanAlloc;
static void record_plan_period(int acct, int start, int end, int seats, enum Change change) {
  PlanPeriod *p;
  if (nPlan == nPlanAlloc) {
    nPlanAlloc = nPlanAlloc ? 2 * nPlanAlloc : 4096;
    aPlan = realloc(aPlan, nPlanAlloc * sizeof(PlanPeriod));
    if (aPlan == 0) {
      fprintf(stderr, "gen: out of memory\n");
      exit(1);
    }
  }
  p = &aPlan[nPlan++];
  p->acct = acct, p->start = start, p->end = end, p->seats = seats, p->change = change;
}

static void write_invoices(int acct, const char *zSub, int start, int end, int64_t mrr, int interval) {
  Account *a = &aAcct[acct];
  char zId[32], zPay[32];
  int d = start, step = interval == 12 ? 12 : interval == 3 ? 3 : 1;
  int terms = a->seg == 0 ? 0 : a->seg == 1 ? 30 : 45;
  while (d < end && d < ASOF) {
    int due = d + terms;
    int64_t amt = mrr * step;
    int late = 0, unpaid = 0, disputed = 0, adjusted = chance(0.02);
    const char *status = "paid";
    if (chance(0.05 + 0.08 * a->churnRisk)) late = rint_(5, 75);
    if (chance(0.004 + 0.02 * a->churnRisk)) unpaid = 1;
    if (chance(0.012 + 0.01 * a->churnRisk)) disputed = 1;
    if (due + late >= ASOF || unpaid) status = "open";
    if (unpaid && !a->active && due + 120 < ASOF) status = "uncollectible";
    if (chance(0.003)) status = "void";
    snprintf(zId, sizeof(zId), "INV%08lld", ++nInvId);
    fprintf(fInv, "%s,A%06d,%s,%s,%s,%s,USD,%s,%d,%s,%d\n", zId, acct + 1, zSub, DS(d), DS(due), M(amt), status, disputed,
            disputed ? "Charged for seats not used" : "", adjusted);
    if (strcmp(status, "paid") == 0) {
      int paid = due - rint_(0, terms > 10 ? 10 : terms) + late;
      if (paid < d) paid = d;
      if (chance(0.04) && amt > 200) { /* paid in two instalments */
        snprintf(zPay, sizeof(zPay), "PAY%08lld", ++nPayId);
        fprintf(fPay, "%s,%s,%s,%s,%s\n", zPay, zId, DS(paid - 10 > d ? paid - 10 : d), M(amt / 2), "ach");
        amt -= amt / 2;
      }
      snprintf(zPay, sizeof(zPay), "PAY%08lld", ++nPayId);
      fprintf(fPay, "%s,%s,%s,%s,%s\n", zPay, zId, DS(paid), M(amt), a->seg == 0 ? "card" : chance(0.5) ? "ach" : "wire");
    }
    d = add_months(d, step);
  }
}

static const char *const aReasonSmb[] = {"price", "budget_cut", "poor_adoption", "out_of_business", "competitor", "missing_feature"};
static const char *const aReasonEnt[] = {"competitor", "champion_left", "missing_feature", "support", "acquired", "price"};

/* One subscription's life from `start`: at each yearly anniversary it
** renews flat, or churns, expands, contracts or takes a price uplift; each
** change ends one period and starts the next (SPEC section 3 periods, end
** exclusive), with churn and contraction reasons in churn_events. */
static void sim_subscription(int acct, int product, int start, int64_t mrr, int isAddon) {
  Account *a = &aAcct[acct];
  char zSub[48];
  int k = 0, periodStart = start, interval = a->seg == 0 ? 1 : a->seg == 1 ? (chance(0.5) ? 12 : 3) : 12;
  int qty = a->seg == 0 ? rint_(1, 10) : rint_(10, 200);
  long long base = ++nSubBase;
  int seatsNow = qty; /* the core plan's seats (usage data) */
  double churnP = (a->seg == 0 ? 0.16 : a->seg == 1 ? 0.09 : 0.05) * (1 + a->churnRisk) * (isAddon ? 1.5 : 1);
  /* Changes are looked at every 3 (SMB), 6 (Mid-Market) or 12 months
  ** (Enterprise): seat adjustments between renewals, price uplifts only at
  ** a yearly anniversary.  Rates are per year, scaled to the step. */
  int step = a->seg == 0 ? 3 : a->seg == 1 ? 6 : 12;
  double per = step / 12.0, seats = step < 12 ? 0.12 : 0;
  for (;;) {
    int ann = add_months(periodStart, step), end = -1, m, nStep = 1;
    enum Change change = CHANGE_NONE;
    int64_t next = mrr;
    while (ann < ASOF) {
      double r = unif();
      double pc = churnP * per, pe = (0.24 - 0.06 * a->churnRisk) * per + seats, pk = 0.10 * per + seats * 0.6;
      double pu = (nStep * step) % 12 == 0 ? 0.12 : 0;
      if (r < pc) change = CHANGE_CHURN;
      else if (r < pc + pe) change = CHANGE_EXPANSION, next = mrr * rint_(108, 150) / 100;
      else if (r < pc + pe + pk) change = CHANGE_CONTRACTION, next = mrr * rint_(70, 92) / 100;
      else if (r < pc + pe + pk + pu) change = CHANGE_UPLIFT, next = mrr * rint_(103, 107) / 100;
      if (change) break;
      ann = add_months(ann, step);
      nStep++;
    }
    if (change) end = ann;
    if (!isAddon) record_plan_period(acct, periodStart, end, seatsNow, change);
    snprintf(zSub, sizeof(zSub), "S%07lld-%d", base, ++k);
    {
      char zRen[11];
      int ren = add_months(periodStart, 12);
      while (ren <= ASOF) ren = add_months(ren, 12);
      fprintf(fSub, "%s,A%06d,%s,%s,%s,%s,%s,%d,%s,%s,\n", zSub, acct + 1, aProduct[product].id,
              product < 3 ? aProduct[product].name : "Add-on", DS(periodStart), DSN(end), M(mrr), qty,
              interval == 12 ? "year" : interval == 3 ? "quarter" : "month", end < 0 ? dstr(ren, zRen) : "");
    }
    write_invoices(acct, zSub, periodStart, end < 0 ? ASOF : end, mrr, interval);
    for (m = month_of(periodStart) < 0 ? 0 : month_of(periodStart); m < NMONTH; m++) {
      int me = month_start(m + 1) - 1; /* month end */
      if (me >= periodStart && (end < 0 || me < end)) mrrByMonth[m] += mrr;
    }
    if (end < 0) {
      a->active = 1;
      break;
    }
    if (change == CHANGE_CHURN) {
      const char *const *ar = a->seg == 2 ? aReasonEnt : aReasonSmb;
      const char *why = ar[rint_(0, 5)];
      fprintf(fChurn, "CH%07lld,A%06d,%s,%s,churn,%s,%s,%s,\n", ++nChurnId, acct + 1, zSub, DS(end), why, M(mrr),
              strcmp(why, "competitor") == 0 ? "Competitor A" : "");
      /* Reactivation: some come back 3-12 months later. */
      if (!isAddon && chance(0.15)) {
        int back = add_months(end, rint_(3, 12));
        if (back < ASOF - 30) {
          int64_t again = mrr * rint_(70, 110) / 100;
          seatsNow = rescale_seats(seatsNow, mrr, again);
          mrr = again;
          periodStart = back;
          continue;
        }
      }
      break;
    }
    if (change == CHANGE_CONTRACTION) {
      const char *const *ar = a->seg == 2 ? aReasonEnt : aReasonSmb;
      fprintf(fChurn, "CH%07lld,A%06d,%s,%s,contraction,%s,%s,,\n", ++nChurnId, acct + 1, zSub, DS(end),
              ar[rint_(0, 5)], M(mrr - next));
    } else if (change == CHANGE_EXPANSION && !isAddon && end - 60 >= D0 && next - mrr >= 80000) {
      /* A sizeable expansion (>= 800 a month; seat top-ups are
      ** self-serve) comes through an expansion deal won just before. */
      long long oid;
      int cl;
      int64_t am;
      sim_opportunity(acct, DEAL_EXPANSION, end - rint_(30, 60), (next - mrr) * 12, 0.9, 1, -1, -1, &oid, &cl, &am);
    }
    if (change == CHANGE_EXPANSION || change == CHANGE_CONTRACTION) seatsNow = rescale_seats(seatsNow, mrr, next);
    mrr = next;
    periodStart = end;
  }
}


/* The sales, marketing, success and support teams (see enum Role). */
static int add_rep(enum Role role, int seg, int manager, int hire) {
  Rep *r = &aRep[nRepUsed];
  r->role = role, r->seg = seg, r->manager = manager, r->hire = hire;
  return nRepUsed++;
}

static void gen_reps(void) {
  /* Per unit of scale: 3 managers (one per segment), per segment 4/3/2 AEs,
  ** 6 SDRs, 3 AMs, 5 CSMs, 5 support agents, 2 marketers. */
  static const int nAe[3] = {4, 3, 2};
  int per = 3 + 9 + 6 + 3 + 5 + 5 + 2;
  int i, unit;
  char zMgr[16];
  FILE *f;
  nRep = per * scale;
  aRep = calloc((size_t)nRep, sizeof(Rep));
  for (i = 0; i < 3; i++) aeBySeg[i] = calloc((size_t)(nRep), sizeof(int));
  amList = calloc((size_t)nRep, sizeof(int));
  csmList = calloc((size_t)nRep, sizeof(int));
  supList = calloc((size_t)nRep, sizeof(int));
  sdrList = calloc((size_t)nRep, sizeof(int));
  wonByRepQ = calloc((size_t)nRep, sizeof(*wonByRepQ));
  f = open_csv("reps", "rep_id,name,email,role,segment,region,manager_id,hire_date,end_date,annual_cost");
  for (unit = 0; unit < scale; unit++) {
    int mgr0 = nRepUsed, s, n; /* the unit's managers: mgr0 + segment */
    for (s = 0; s < 3; s++) add_rep(ROLE_MANAGER, s, -1, D0 - rint_(400, 1500));
    for (s = 0; s < 3; s++)
      for (n = 0; n < nAe[s]; n++) {
        /* a few AEs hired during the window are still ramping */
        int ae = add_rep(ROLE_AE, s, mgr0 + s, chance(0.25) ? D0 + rint_(200, 1000) : D0 - rint_(100, 900));
        aRep[ae].region = pick(wRegion, 4);
        aeBySeg[s][nAeBySeg[s]++] = ae;
      }
    for (n = 0; n < 6; n++) sdrList[nSdr++] = add_rep(ROLE_SDR, n % 3, mgr0, D0 - rint_(0, 600));
    for (n = 0; n < 3; n++) amList[nAm++] = add_rep(ROLE_AM, n, mgr0 + n, D0 - rint_(100, 900));
    for (n = 0; n < 5; n++) csmList[nCsm++] = add_rep(ROLE_CSM, n % 3, mgr0 + n % 3, D0 - rint_(100, 900));
    for (n = 0; n < 5; n++) supList[nSup++] = add_rep(ROLE_SUPPORT, -1, mgr0, D0 - rint_(100, 900));
    for (n = 0; n < 2; n++) add_rep(ROLE_MARKETING, -1, mgr0, D0 - rint_(100, 900));
  }
  for (i = 0; i < nRep; i++) {
    Rep *r = &aRep[i];
    if (r->manager >= 0) snprintf(zMgr, sizeof(zMgr), "R%04d", r->manager + 1);
    else zMgr[0] = 0;
    fprintf(f, "R%04d,Rep %04d,rep%04d@example.com,%s,%s,%s,%s,%s,,%d.00\n", i + 1, i + 1, i + 1, aRole[r->role],
            r->seg >= 0 ? aSeg[r->seg] : "", r->role == ROLE_AE ? aRegion[r->region] : "", zMgr, DS(r->hire),
            roleCost[r->role]);
  }
  fclose(f);
}

/* The product catalogue, with end-of-sale and end-of-life dates (seed 002). */
static void write_products(void) {
  int i;
  FILE *f;
  f = open_csv("products", "product_id,name,category,product_line,list_price,billing,end_of_sale_date,end_of_life_date");
  for (i = 0; i < NPRODUCT; i++) {
    const Product *p = &aProduct[i];
    fprintf(f, "%s,%s,%s,%s,%s,%s,%s,%s\n", p->id, p->name, p->category, p->line, M(p->price), p->billing, p->eos, p->eol);
}
fclose(f);
}

/* Accounts in memory (written at the end, when their CSM, QBR and
** customer state are known) and their contacts. */
static void gen_accounts_and_contacts(void) {
  int i, j, k;
  FILE *f;
  static const int wSeg[3] = {60, 30, 10};
  nAcct = (int)(4000 * fscale);
  nCustAtStart = nAcct * 3 / 8;
  aAcct = calloc((size_t)nAcct, sizeof(Account));
  f = open_csv("contacts", "contact_id,account_id,first_name,last_name,email,title,seniority,persona,is_decision_maker,"
               "original_source,latest_source,opted_in,created_date,last_activity_date");
  k = 0;
  for (i = 0; i < nAcct; i++) {
    Account *a = &aAcct[i];
    static const char *const aSen[5] = {"C-Level", "VP", "Director", "Manager", "Individual Contributor"};
    static const char *const aTitle[5] = {"CEO", "VP Sales", "Director of Operations", "RevOps Manager", "Analyst"};
    static const char *const aPersona[5] = {"Economic Buyer", "Economic Buyer", "Champion", "Champion", "User"};
    static const int wSen[5] = {8, 15, 25, 30, 22};
    a->seg = pick(wSeg, 3);
    a->region = pick(wRegion, 4);
    a->industry = rint_(0, 7);
    a->employees = a->seg == 0 ? rint_(5, 49) : a->seg == 1 ? rint_(50, 499) : rint_(500, 20000);
    a->isCustomerAtStart = i < nCustAtStart;
    a->created = a->isCustomerAtStart ? D0 - rint_(60, 1400) : D0 - rint_(0, 700) + rint_(0, 1100);
    a->owner = aeBySeg[a->seg][(i / 3) % nAeBySeg[a->seg]];
    a->csm = -1;
    a->custStart = -1;
    a->churnRisk = chance(0.12) ? 2 : chance(0.2) ? 1 : 0;
    a->ncontact = a->seg == 0 ? rint_(1, 3) : a->seg == 1 ? rint_(3, 5) : rint_(4, 8);
    a->contact0 = k;
    for (j = 0; j < a->ncontact; j++, k++) {
      int s = pick(wSen, 5);
      int ch = pick(wChan, NCHAN);
      int latest = chance(0.6) ? ch : pick(wChan, NCHAN), optin = chance(0.93);
      int cday = a->created + rint_(0, 60), lday = ASOF - rint_(1, 200);
      fprintf(f, "C%07d,A%06d,First%d,Last%d,person%d@%s%d.example,%s,%s,%s,%d,%s,%s,%d,%s,%s\n", k + 1, i + 1, k % 97,
              k % 89, k + 1, "acct", i + 1, aTitle[s], aSen[s], aPersona[s], s <= 1, aChan[ch],
              aChan[latest], optin, DS(cday), DS(lday));
    }
  }
  fclose(f);
}

/* Quarterly campaigns per channel and weekly spend per channel, segment
** and region. */
static void gen_marketing(void) {
  FILE *f;
  int nQ = (NMONTH + 2) / 3, ch, qi;
  static const char *const aType[NCHAN] = {"ads", "ads", "seo", "ebook", "webinar", "conference", "newsletter",
                                           "referral", "partner", "outbound"};
  nCampaign = nQ * NCHAN;
  f = open_csv("campaigns", "campaign_id,name,channel,campaign_type,start_date,end_date,budget,segment,region");
  for (qi = 0; qi < nQ; qi++)
    for (ch = 0; ch < NCHAN; ch++) {
      int s = month_start(qi * 3), e = month_start(qi * 3 + 3) - 1;
      fprintf(f, "CMP%03d,%s %d-Q%d,%s,%s,%s,%s,%s,,\n", qi * NCHAN + ch + 1, aChan[ch], 2023 + qi / 4, qi % 4 + 1,
              aChan[ch], aType[ch], DS(s), DS(e), M((int64_t)((double)chanSpend[ch] * 13 * 6 * fscale)));
    }
  fclose(f);
  f = open_csv("marketing_spend", "spend_date,channel,segment,region,amount,campaign_id");
  {
    static const int segW[3] = {50, 32, 18}, regW[4] = {50, 30, 15, 5};
    int week;
    for (week = D0 + ((4 - D0 % 7) + 7) % 7; week < ASOF; week += 7) {
      for (ch = 0; ch < NCHAN; ch++) {
        int s, r;
        for (s = 0; s < 3; s++)
          for (r = 0; r < 4; r++) {
            int64_t amt = (int64_t)((double)chanSpend[ch] * fscale * segW[s] * regW[r] / 2500.0 * demand(week) *
                                    (0.8 + 0.4 * unif()));
            int mi = month_of(week);
            if (ch == 5 && chance(0.6)) amt = 0; /* events spend comes in bursts */
            if (amt == 0) continue;
            if (mi >= 0 && mi < NMONTH) mktByMonth[mi] += amt;
            fprintf(f, "%s,%s,%s,%s,%s,CMP%03d\n", DS(week), aChan[ch], aSeg[s], aRegion[r], M(amt),
                    quarter_of(week) * NCHAN + ch + 1);
          }
      }
    }
  }
  fclose(f);
}

/* The fact tables that the lead, deal and customer simulations append to. */
static void open_fact_files(void) {
  fOpp = open_csv("opportunities", "opportunity_id,account_id,name,owner_rep_id,opportunity_type,stage,amount,original_amount,"
                  "probability,forecast_category,created_date,close_date,original_close_date,stage_entered_date,next_step,"
                  "channel,campaign_id,loss_reason,competitor,meddpicc_score");
  fHist = open_csv("opportunity_stage_history", "opportunity_id,stage,entered_date,exited_date,amount,close_date");
  fSnap = open_csv("opportunity_snapshots", "snapshot_date,opportunity_id,stage,amount,probability,forecast_category,close_date,owner_rep_id");
  fAct = open_csv("activities", "activity_id,activity_type,occurred_at,rep_id,account_id,contact_id,opportunity_id,direction,duration_minutes,outcome");
  fLine = open_csv("opportunity_line_items", "opportunity_id,line_no,product_id,quantity,unit_price,discount,amount");
  fTouch = open_csv("touchpoints", "touchpoint_id,occurred_at,channel,campaign_id,lead_id,contact_id,opportunity_id,touch_type,"
                    "is_lead_creation,is_opportunity_creation");
  fSub = open_csv("subscriptions", "subscription_id,account_id,product_id,plan,start_date,end_date,mrr,quantity,billing_interval,"
                  "renewal_date,opportunity_id");
  fInv = open_csv("invoices", "invoice_id,account_id,subscription_id,invoice_date,due_date,amount,currency,status,disputed,"
                  "dispute_reason,adjusted");
  fPay = open_csv("payments", "payment_id,invoice_id,paid_date,amount,method");
  fChurn = open_csv("churn_events", "churn_id,account_id,subscription_id,churn_date,churn_type,reason_code,mrr_lost,competitor,notes");
  fTicket = open_csv("support_tickets", "ticket_id,account_id,contact_id,product_id,agent_id,opened_at,first_response_at,resolved_at,"
                     "priority,status,category,sla_response_hours,sla_resolution_hours,csat");
  fSurvey = open_csv("survey_responses", "response_id,account_id,contact_id,ticket_id,survey_type,responded_date,score,comment");
  fCost = open_csv("costs_to_serve", "account_id,month,cost_type,amount");
}

/* Leads with their signals and marketing touches; converted leads become
** opportunities, won ones customers. */
static void gen_leads(void) {
  int i;
  char zb[16], zb2[16], zt[20];
  FILE *fLead = open_csv("leads", "lead_id,created_date,channel,campaign_id,contact_id,account_id,email,company,segment,region,"
                         "employees,industry,status,owner_rep_id,mql_date,sal_date,sql_date,converted_date,opportunity_id,"
                         "first_response_minutes,rejection_reason");
  FILE *fEv = open_csv("lead_events", "event_id,lead_id,signal,occurred_at,campaign_id");
  int nLead = (int)(20000 * fscale);
  static const char *const aReject[5] = {"Bad contact info", "Not decision maker", "Wrong ICP", "Duplicate", "Competitor"};
  for (i = 0; i < nLead; i++) {
    int created = demand_day(), ch = pick(wChan, NCHAN), camp = quarter_of(created) * NCHAN + ch;
    int acct = -1, seg, region, emp, ind, nEv, e;
    double qual = chanQual[ch] * 0.6 + 0.5 * unif();
    int mql = -1, sal = -1, sqlD = -1, conv = -1, rejected = -1;
    long long oid = 0;
    const char *status = "Nurture";
    char zLead[16], zOpp[16];
    int sdr = rep_pick(sdrList, nSdr), competitor = chance(0.015), student = chance(0.025);
    snprintf(zLead, sizeof(zLead), "L%08d", i + 1);
    if (chance(0.6)) acct = nCustAtStart + (int)(rnd() % (uint64_t)(nAcct - nCustAtStart));
    if (acct >= 0) {
      seg = aAcct[acct].seg, region = aAcct[acct].region, emp = aAcct[acct].employees, ind = aAcct[acct].industry;
    } else {
      static const int wSeg[3] = {65, 27, 8};
      seg = pick(wSeg, 3), region = pick(wRegion, 4), ind = rint_(0, 7);
      emp = seg == 0 ? rint_(1, 49) : seg == 1 ? rint_(50, 499) : rint_(500, 9000);
    }
    if (competitor || student) qual = 0.05;
    /* Funnel near seed 003 medians: MQL -> SAL 55%, SAL -> SQL 45%,
    ** SQL -> opportunity 65%. */
    if (qual > 0.55 + 0.2 * unif() && created + 3 < ASOF) mql = created + rint_(0, 10);
    if (mql >= 0 && mql + 1 < ASOF) {
      if (chance(0.57)) sal = mql + rint_(0, 2);
      else rejected = rint_(0, 4), status = "Disqualified";
    }
    if (sal >= 0 && sal + 3 < ASOF && chance(0.45 + 0.2 * (qual - 0.5))) sqlD = sal + rint_(1, 10);
    if (sqlD >= 0 && acct >= 0 && sqlD + 2 < ASOF && chance(0.68)) conv = sqlD + rint_(0, 5);
    if (conv >= ASOF) conv = ASOF - 1; /* converted by the as-of date, or its deal would start after it */
    if (conv >= 0) {
      int cl;
      int64_t am, acv = seg == 0 ? rint_(600000, 2400000) : seg == 1 ? rint_(2500000, 9000000) : rint_(9000000, 36000000);
      int r = sim_opportunity(acct, DEAL_NEW, conv, acv, qual, 0, camp, ch, &oid, &cl, &am);
      status = "Converted";
      if (r == 1 && aAcct[acct].custStart < 0) {
        aAcct[acct].custStart = cl + rint_(0, 14);
        aAcct[acct].startMrr = am / 12;
      }
    } else if (sqlD >= 0) {
      status = "SQL";
    } else if (sal >= 0) {
      status = "SAL";
    } else if (mql >= 0 && rejected < 0) {
      status = "MQL";
    } else if (created > ASOF - 20) {
      status = chance(0.5) ? "New" : "Working";
    }
    /* Nothing is dated on or after the as-of date (issue 22): a stage the
    ** draws above put on or after it is not reached yet, so the lead stays
    ** at the stage before (the draws themselves are unchanged, so every
    ** other row of the demo is too). */
    if (sqlD >= ASOF) sqlD = -1, status = "SAL";
    if (sal >= ASOF) sal = -1, status = "MQL";
    if (mql >= ASOF) mql = -1, status = "Working";
    if (oid) snprintf(zOpp, sizeof(zOpp), "O%07lld", oid);
    else zOpp[0] = 0;
    {
      int respMin = chance(0.6) ? rint_(1, 5) : chance(0.7) ? rint_(6, 120) : rint_(121, 3000);
      fprintf(fLead, "%s,%s,%s,CMP%03d,%s%s,%s%s,%s@%s%d.example,%s,%s,%s,%d,%s,%s,R%04d,%s,%s,%s,%s,%s,%d,%s\n", zLead,
              DS(created), aChan[ch], camp + 1, acct >= 0 ? "C" : "",
              acct >= 0 ? (snprintf(zb, 16, "%07d", aAcct[acct].contact0 + 1), zb) : "", acct >= 0 ? "A" : "",
              acct >= 0 ? (snprintf(zb2, 16, "%06d", acct + 1), zb2) : "",
              student ? "student" : "lead", competitor ? "competitor" : student ? "university" : "company", i + 1,
              acct >= 0 ? "" : (i % 50 == 0 ? "\"Smith, Jones & Co\"" : "New Co"), aSeg[seg], aRegion[region], emp,
              aIndustry[ind], status, sdr + 1, DSN(mql), DSN(sal), DSN(sqlD), DSN(conv), zOpp,
              respMin, rejected >= 0 ? aReject[rejected] : "");
    }
    /* Signals: more and stronger for better leads, spread from two weeks
    ** before creation to well after, so scores at the as-of date vary. */
    nEv = 1 + (int)(qual * 4) + rint_(0, 1);
    for (e = 0; e < nEv; e++) {
      int d = created - rint_(0, 14) + (int)(unif() * unif() * 120), b = pick(wSignalB, 8);
      if (d >= ASOF) d = ASOF - 1 - rint_(0, 5);
      if (b == 3 && qual < 0.5) b = 1; /* weak leads rarely ask for a demo */
      fprintf(fEv, "%lld,%s,%s,%s,CMP%03d\n", ++nEventId, zLead, aSignalB[b], tstr(d, work_sec(), zt), camp + 1);
    }
    if (ind <= 2) fprintf(fEv, "%lld,%s,icp_industry,%s,\n", ++nEventId, zLead, tstr(created, 60, zt));
    if (seg >= 1) fprintf(fEv, "%lld,%s,company_size_fit,%s,\n", ++nEventId, zLead, tstr(created, 60, zt));
    if (chance(0.3)) fprintf(fEv, "%lld,%s,decision_maker,%s,\n", ++nEventId, zLead, tstr(created, 60, zt));
    if (region <= 1) fprintf(fEv, "%lld,%s,target_geography,%s,\n", ++nEventId, zLead, tstr(created, 60, zt));
    if (competitor) fprintf(fEv, "%lld,%s,competitor_domain,%s,\n", ++nEventId, zLead, tstr(created, 60, zt));
    if (student) fprintf(fEv, "%lld,%s,student_email,%s,\n", ++nEventId, zLead, tstr(created, 60, zt));
    if (chance(0.05)) {
      int u = created + rint_(5, 90);
      ++nEventId; /* its id stays taken: the other events keep theirs */
      if (u < ASOF) fprintf(fEv, "%lld,%s,unsubscribed,%s,\n", nEventId, zLead, tstr(u, 60, zt));
    }
    /* Marketing touches: the lead-creation touch and one or two before. */
    for (e = rint_(0, 2); e >= 0; e--) {
      int tch = e == 0 ? ch : pick(wChan, NCHAN);
      fprintf(fTouch, "%lld,%s,%s,CMP%03d,%s,,%s,%s,%d,0\n", ++nTouchId, tstr(created - 7 * e, work_sec() - e, zt),
              aChan[tch], quarter_of(created - 7 * e) * NCHAN + tch + 1 > 0 && created - 7 * e >= D0
                  ? quarter_of(created - 7 * e) * NCHAN + tch + 1 : camp + 1,
              zLead, zOpp, e == 0 ? "form_fill" : "ad_click", e == 0);
    }
  }
  fclose(fLead);
  fclose(fEv);
}

/* One customer's life: subscriptions, expansion attempts, open renewal
** deals, tickets, NPS, cost to serve and CSM touches. */
/* Support tickets, more for risky and larger accounts; SLA by priority. */
static void gen_tickets(int i, int start) {
  Account *a = &aAcct[i];
  int j;
  char zb[20], zb2[4], zt[20], zt2[20];
  static const char *const aPri[4] = {"Urgent", "High", "Normal", "Low"};
  static const int wPri[4] = {5, 20, 55, 20};
  static const int slaResp[4] = {1, 4, 8, 24}, slaRes[4] = {8, 24, 72, 120};
  static const char *const aCat[8] = {"Login/SSO", "Billing", "Performance", "Integration", "Bug", "How-to", "Data import",
                                      "Feature request"};
  int years = (ASOF - (start > D0 ? start : D0)) / 365 + 1;
  int n = years * (a->seg == 0 ? 2 : a->seg == 1 ? 5 : 9) * (1 + a->churnRisk);
  int recurring = rint_(0, 7);
  for (j = 0; j < n; j++) {
    int opened = (start > D0 ? start : D0) + (int)(unif() * (ASOF - (start > D0 ? start : D0)));
    int pr = pick(wPri, 4), breachR = chance(0.05 + 0.05 * a->churnRisk), breachS = chance(0.07 + 0.08 * a->churnRisk);
    int osec = work_sec();
    int respH = breachR ? slaResp[pr] + rint_(1, 12) : 0, respMin = breachR ? respH * 60 : rint_(5, slaResp[pr] * 60);
    int resMin = breachS ? slaRes[pr] * 60 + rint_(60, 4000) : rint_(respMin + 10, slaRes[pr] * 60);
    if (resMin < respMin + 10) resMin = respMin + 10;
    long long resolvedAbs = (long long)opened * 86400 + osec + (long long)resMin * 60;
    long long respAbs = (long long)opened * 86400 + osec + (long long)respMin * 60;
    int isOpen = resolvedAbs >= (long long)ASOF * 86400 || chance(0.01);
    int csat = !isOpen && chance(0.6) ? (breachS ? rint_(1, 4) : rint_(3, 5)) : 0;
    int cat = chance(0.3) ? recurring : rint_(0, 7);
    char zTk[32];
    if (opened >= ASOF) continue;
    int agent = rep_pick(supList, nSup), open1 = chance(0.5), closed1 = chance(0.7);
    snprintf(zTk, sizeof(zTk), "T%07lld", ++nTicketId);
    fprintf(fTicket, "%s,A%06d,C%07d,%s,R%04d,%s,%s,%s,%s,%s,%s,%d,%d,%s\n", zTk, i + 1, a->contact0 + 1,
            aProduct[a->seg].id, agent + 1, tstr(opened, osec, zt),
            respAbs < (long long)ASOF * 86400 ? tstr((int)(respAbs / 86400), (int)(respAbs % 86400), zt2) : "",
            isOpen ? "" : tstr((int)(resolvedAbs / 86400), (int)(resolvedAbs % 86400), zb), aPri[pr],
            isOpen ? (open1 ? "Open" : "Pending") : (closed1 ? "Closed" : "Solved"), aCat[cat], slaResp[pr],
            slaRes[pr], csat ? (snprintf(zb2, 4, "%d", csat), zb2) : "");
    if (csat) {
      fprintf(fSurvey, "CS%07lld,A%06d,C%07d,%s,CSAT,%s,%d,\n", ++nSurveyId, i + 1, a->contact0 + 1, zTk,
              DS((int)(resolvedAbs / 86400) + 1 < ASOF ? (int)(resolvedAbs / 86400) + 1 : ASOF - 1), csat);
    }
  }
}

/* NPS twice a year from a contact; risky accounts skew to detractors. */
static void gen_nps(int i, int start) {
  Account *a = &aAcct[i];
  int m;
  for (m = (start > D0 ? month_of(start) + 3 : 0); m < NMONTH; m += 6) {
    int score, d = month_start(m) + rint_(0, 27);
    static const char *const aComment[3] = {"Support is slow to respond", "Works well for our team", "Essential to our process"};
    if (d >= ASOF || !chance(0.7)) continue;
    score = a->churnRisk == 2 ? rint_(0, 7) : a->churnRisk == 1 ? rint_(4, 9) : rint_(7, 10);
    fprintf(fSurvey, "NPS%07lld,A%06d,C%07d,,NPS,%s,%d,%s\n", ++nSurveyId, i + 1,
            a->contact0 + rint_(0, a->ncontact - 1) + 1, DS(d), score,
            aComment[score <= 6 ? 0 : score <= 8 ? 1 : 2]);
  }
}

/* Cost to serve: infrastructure every active month, support with
** tickets, onboarding in the first two months. */
static void gen_costs(int i, int start) {
  Account *a = &aAcct[i];
  int m;
  for (m = month_of(start) < 0 ? 0 : month_of(start); m < NMONTH; m++) {
    int ms = month_start(m);
    char zMon[8];
    snprintf(zMon, sizeof(zMon), "%.7s", DS(ms));
    fprintf(fCost, "A%06d,%s,infrastructure,%s\n", i + 1, zMon, M((int64_t)(a->seg + 1) * rint_(2000, 9000) * (1 + a->seg)));
    if (chance(0.3 + 0.2 * a->churnRisk)) fprintf(fCost, "A%06d,%s,support,%s\n", i + 1, zMon, M(rint_(5000, 60000) * (int64_t)(1 + a->churnRisk)));
    if (m - month_of(start) < 2 && start >= D0) fprintf(fCost, "A%06d,%s,onboarding,%s\n", i + 1, zMon, M(rint_(50000, 400000)));
    if (a->seg == 2) fprintf(fCost, "A%06d,%s,success,%s\n", i + 1, zMon, M(rint_(40000, 180000)));
    if (!a->active && ms > ASOF - 200 && chance(0.5)) break;
  }
}

/* CSM touches: roughly monthly, with gaps before trouble. */
static void gen_csm_touches(int i, int start) {
  Account *a = &aAcct[i];
  char zt[20];
  int d = start > D0 ? start : D0, stop = a->churnRisk == 2 ? ASOF - rint_(40, 120) : ASOF - rint_(1, 30);
  while (d < stop) {
    int meeting = chance(0.3), sec = work_sec(), ct = a->contact0 + rint_(0, a->ncontact - 1), dur = rint_(0, 45);
    int qbr = meeting && chance(0.3);
    fprintf(fAct, "ACT%08lld,%s,%s,R%04d,A%06d,C%07d,,outbound,%d,%s\n", ++nActId, meeting ? "Meeting" : "Email",
            tstr(d, sec, zt), a->csm + 1, i + 1, ct + 1, dur, qbr ? "QBR held" : "");
    if (qbr) a->lastQbr = d;
    d += rint_(20, 45);
  }
}

static void gen_customer(int i) {
  Account *a = &aAcct[i];
  int j;
  int start;
  int64_t mrr;
  if (a->isCustomerAtStart) {
    start = D0 - rint_(30, 900);
    mrr = (a->seg == 0 ? rint_(300, 1500) : a->seg == 1 ? rint_(2000, 6500) : rint_(8000, 26000)) * (int64_t)100;
    a->custStart = start;
  } else if (a->custStart >= 0) {
    start = a->custStart;
    mrr = a->startMrr;
  } else {
    return; /* never a customer */
  }
  if (start >= ASOF) return;
  a->csm = csmList[i % nCsm];
  sim_subscription(i, a->seg, start, mrr, 0);
  if (chance(0.6)) {
    int p = 3 + rint_(0, 5);
    int s2 = start + rint_(30, 500);
    if (s2 < ASOF - 10) sim_subscription(i, p, s2, (int64_t)aProduct[p].price * (a->seg + 1), 1);
  }
  /* Expansion attempts that went nowhere (closed lost). */
  for (j = a->seg; j >= 0; j--) {
    long long oid;
    int cl, d = (start > D0 ? start : D0) + rint_(30, 900);
    int64_t am;
    if (chance(0.35) && d < ASOF - 120) sim_opportunity(i, DEAL_EXPANSION, d, mrr * rint_(2, 6), 0.4, -1, -1, -1, &oid, &cl, &am);
  }
  /* Renewal pipeline: an open renewal or expansion deal for a share of
  ** active customers. */
  if (a->active && chance(0.12)) {
    long long oid;
    int cl;
    int64_t am;
    sim_opportunity(i, chance(0.5) ? DEAL_EXPANSION : DEAL_RENEWAL, ASOF - rint_(10, 80), mrr * rint_(3, 12), 0.7, 0, -1, -1, &oid, &cl, &am);
  }
  gen_tickets(i, start);
  gen_nps(i, start);
  gen_costs(i, start);
  gen_csm_touches(i, start);
}

/* The installed base of hardware, some past end of life (seed 002). */
static void gen_installed_base(void) {
  int i, j;
  FILE *f;
  f = open_csv("installed_products", "install_id,account_id,product_id,quantity,install_date,support_end_date,status,contract_value,serial_number");
  {
    long long nIb = 0;
    for (i = 0; i < nAcct; i++) {
      Account *a = &aAcct[i];
      int n;
      if (a->custStart < 0 || !chance(0.4)) continue;
      n = rint_(1, 6);
      for (j = 0; j < n; j++) {
        int p = 10 + rint_(0, 4), inst = days_from_civil(2014 + rint_(0, 10), rint_(1, 12), rint_(1, 28));
        int supEnd = chance(0.2) ? -1 : add_months(inst, 12 * rint_(3, 7));
        int qty = p == 10 ? rint_(5, 40) : rint_(1, 6);
        const char *st = supEnd >= 0 && supEnd < ASOF ? "Expired" : (chance(0.03) ? "Retired" : "Active");
        fprintf(f, "IB%07lld,A%06d,%s,%d,%s,%s,%s,%s,SN%09llu\n", ++nIb, i + 1, aProduct[p].id, qty, DS(inst), DSN(supEnd), st,
                M(aProduct[p].price * qty / 5), (unsigned long long)(rnd() % 1000000000ULL));
      }
    }
}
fclose(f);
}

/* AE forecast calls every two weeks of each quarter (seed 003 MAPE). */
static void gen_forecast_submissions(void) {
  int i;
  FILE *f;
  f = open_csv("forecast_submissions", "rep_id,period_start,period_end,submitted_date,category,amount");
  {
    int nQ = (NMONTH + 2) / 3;
    for (i = 0; i < nRep; i++) {
      int qi;
      if (aRep[i].role != ROLE_AE) continue;
      for (qi = 0; qi < nQ; qi++) {
        int qs = month_start(qi * 3), qe = month_start(qi * 3 + 3), wk;
        int64_t actual = wonByRepQ[i][qi];
        /* Calls converge on the outcome as the quarter goes on; an
        ** optimistic rep overcalls (seed 003: MAPE target < 15%). */
        double bias = (i % 5 == 0) ? 1.25 : (i % 7 == 0) ? 0.8 : 1.0;
        for (wk = qs; wk < qe && wk < ASOF; wk += 14) {
          double progress = (double)(wk - qs) / (double)(qe - qs);
          double noise = 1.0 + (unif() - 0.5) * 0.5 * (1.0 - progress);
          int64_t commit = (int64_t)((double)actual * bias * noise * (0.85 + 0.15 * progress));
          fprintf(f, "R%04d,%s,%s,%s,Commit,%s\n", i + 1, DS(qs), DS(qe), DS(wk), M(commit));
          fprintf(f, "R%04d,%s,%s,%s,Best Case,%s\n", i + 1, DS(qs), DS(qe), DS(wk), M(commit * 13 / 10));
          fprintf(f, "R%04d,%s,%s,%s,Pipeline,%s\n", i + 1, DS(qs), DS(qe), DS(wk), M(commit * 3));
        }
      }
    }
}
fclose(f);
}

/* Quarterly quotas: new ARR for AEs, pipeline for SDRs, NRR for AMs. */
static void gen_quotas(void) {
  int i;
  FILE *f;
  f = open_csv("quotas", "rep_id,period_start,period_end,quota_type,amount");
  {
    int nQ = (NMONTH + 2) / 3;
    static const int64_t qNew[3] = {9000000, 14000000, 22000000}; /* new ARR per quarter, cents */
    for (i = 0; i < nRep; i++) {
      int qi;
      if (aRep[i].role != ROLE_AE && aRep[i].role != ROLE_SDR && aRep[i].role != ROLE_AM) continue;
      for (qi = 0; qi < nQ; qi++) {
        int qs = month_start(qi * 3), qe = month_start(qi * 3 + 3);
        if (aRep[i].role == ROLE_AE)
          fprintf(f, "R%04d,%s,%s,new_arr,%s\n", i + 1, DS(qs), DS(qe), M(qNew[aRep[i].seg] * (10 + qi) / 12));
        else if (aRep[i].role == ROLE_SDR)
          fprintf(f, "R%04d,%s,%s,pipeline,%s\n", i + 1, DS(qs), DS(qe), M(30000000));
        else
          fprintf(f, "R%04d,%s,%s,nrr,1.05\n", i + 1, DS(qs), DS(qe));
      }
    }
}
fclose(f);
}

/* The accounts table, last: owners, CSMs, QBRs and credit holds are known. */
static void write_accounts(void) {
  int i;
  char zb[16], zb2[12];
  FILE *f;
  f = open_csv("accounts", "account_id,name,domain,industry,employees,segment,region,territory,icp_tier,owner_rep_id,csm_rep_id,"
               "parent_account_id,created_date,payment_terms_days,credit_hold,executive_sponsor_engaged,last_qbr_date,next_qbr_date");
  for (i = 0; i < nAcct; i++) {
    Account *a = &aAcct[i];
    static const char *const aName[] = {"Acme", "Globex", "Initech", "Umbrella", "Stark", "Wayne", "Tyrell", "Cyberdyne",
                                        "Soylent", "Hooli", "Vandelay", "Pied Piper", "Wonka", "Oscorp", "Gringotts", "Aperture"};
    static const char *const aSuffix[] = {"Systems", "Labs", "Analytics", "Logistics", "Health", "Capital", "Foods", "Media"};
    char zName[80], zq[200];
    int tier = a->industry <= 2 ? (a->seg >= 1 ? 0 : 1) : a->industry <= 4 ? 2 : 3;
    int isCust = a->custStart >= 0;
    int hasParent = a->seg == 2 && i > 100 && chance(0.05), hold = isCust && a->churnRisk == 2 && chance(0.3);
    int sponsor = isCust ? (a->churnRisk == 2 ? 0 : chance(0.6)) : 0;
    int nextQbr = isCust && a->active && a->seg >= 1 && chance(0.5) ? ASOF + rint_(5, 80) : -1;
    if (i % 97 == 5) snprintf(zName, sizeof(zName), "%s \"%s\" %d", aName[i % 16], aSuffix[(i / 16) % 8], i + 1);
    else if (i % 89 == 7) snprintf(zName, sizeof(zName), "%s, %s & Co %d", aName[i % 16], aSuffix[(i / 16) % 8], i + 1);
    else snprintf(zName, sizeof(zName), "%s %s %d", aName[i % 16], aSuffix[(i / 16) % 8], i + 1);
    fprintf(f, "A%06d,%s,acct%d.example,%s,%d,%s,%s,%.2s-%02d,%c,R%04d,%s%s,%s,%s,%d,%d,%d,%s,%s\n", i + 1,
            q(zName, zq, sizeof(zq)), i + 1, aIndustry[a->industry], a->employees, aSeg[a->seg], aRegion[a->region],
            aRegion[a->region], (i % 20) + 1, 'A' + tier, a->owner + 1, a->csm >= 0 ? "R" : "",
            a->csm >= 0 ? (snprintf(zb, sizeof(zb), "%04d", a->csm + 1), zb) : "",
            hasParent ? (snprintf(zb2, 12, "A%06d", (i % 100) + 1), zb2) : "", DS(a->created),
            a->seg == 0 ? 0 : a->seg == 1 ? 30 : 45, hold, sponsor, isCust && a->lastQbr ? DS(a->lastQbr) : "",
            DSN(nextQbr));
}
fclose(f);
}

/* Monthly revenue, spend, margin, burn and cash. */
static void gen_company_financials(void) {
  int i;
  FILE *f;
  f = open_csv("company_financials", "month,revenue,sales_spend,marketing_spend,gross_margin,net_burn,cash_balance,headcount");
  {
    int64_t cash = (int64_t)(4000000000.0 * fscale); /* 40M */
    int64_t salesMonthly = 0;
    int m;
    for (i = 0; i < nRep; i++) salesMonthly += (int64_t)(aRep[i].role == ROLE_SDR || aRep[i].role == ROLE_AE || aRep[i].role == ROLE_AM || aRep[i].role == ROLE_MANAGER ? 180000 : 0) * 100 / 12;
    for (m = 0; m < NMONTH; m++) {
      int64_t rev = mrrByMonth[m], mkt = mktByMonth[m];
      int64_t sales = salesMonthly + rev / 10; /* salaries + commissions */
      int gm = 74 + (m * 4) / NMONTH + rint_(-1, 1);
      int64_t opex = rev * (100 - gm) / 100 + sales + mkt + (int64_t)nRep * 1200000 / 12 * 100 / 100;
      int64_t burn = opex - rev;
      char zMon[8];
      cash -= burn;
      snprintf(zMon, sizeof(zMon), "%.7s", DS(month_start(m)));
      fprintf(f, "%s,%s,%s,%s,0.%02d,%s,%s,%d\n", zMon, M(rev), M(sales), M(mkt), gm, M(burn), M(cash), nRep + 40 * scale + m * scale / 2);
    }
}
fclose(f);
}
/* Monthly product usage of each customer's core plan (product_usage).
** It draws from its own PRNG stream, seeded from SEED, so adding it left
** every other file unchanged.  Each account has a baseline seat
** utilisation (lower for riskier accounts); it falls over the four months
** before a churn and the three before a contraction (seed 003: "decreasing
** product usage predicts churn in 60-90 days"), and climbs towards the
** seat limit over the three months before an expansion ("approaching
** seat/usage limit (>80%)"), API calls with it ("API usage growing >20%
** MoM").  Customers still active carry the same signals forward: a share
** of the high-risk ones are fading now, a share of the healthy ones are
** running out of seats. */
static void gen_usage(uint64_t seed) {
  static const int64_t apiLimit[3] = {50000, 500000, 5000000}; /* calls per month by segment */
  static const int seatsPerTeam[3] = {4, 12, 25};
  uint64_t saved = rng_state;
  size_t p0 = 0, p1;
  FILE *f = open_csv("product_usage", "account_id,month,seats_purchased,seats_used,active_users,key_feature_events,api_calls,"
                     "api_call_limit,teams_active");
  rng_state = seed ^ 0x5553414745ULL; /* "USAGE" */
  for (; p0 < nPlan; p0 = p1) {
    int acct = aPlan[p0].acct, m, m0, m1;
    Account *a = &aAcct[acct];
    double base = a->churnRisk == 2 ? 0.35 + 0.3 * unif() : a->churnRisk == 1 ? 0.4 + 0.35 * unif() : 0.45 + 0.35 * unif();
    double engaged = 0.6 + 0.3 * unif();   /* share of seated users active in a month */
    double apiShare = 0.3 + 0.5 * unif();  /* share of the API allowance used at baseline */
    int fading = a->churnRisk == 2 && chance(0.6), crowded = a->churnRisk == 0 && chance(0.2);
    for (p1 = p0; p1 < nPlan && aPlan[p1].acct == acct;) p1++; /* the account's periods */
    m0 = month_of(aPlan[p0].start);
    m1 = aPlan[p1 - 1].end < 0 ? NMONTH - 1 : month_of(aPlan[p1 - 1].end - 1);
    if (m0 < 0) m0 = 0;
    if (m1 > NMONTH - 1) m1 = NMONTH - 1;
    for (m = m0; m <= m1; m++) {
      int ms = month_start(m), me = month_start(m + 1) - 1, seatsUsed, active, teams;
      const PlanPeriod *pp = 0;
      size_t k;
      double u = base * (0.95 + 0.1 * unif()), days;
      int64_t calls;
      /* The period running at the month end, else the last one that
      ** overlaps the month (the month of a churn). */
      for (k = p0; k < p1; k++) {
        const PlanPeriod *q = &aPlan[k];
        if (q->start <= me && (q->end < 0 || q->end > ms)) pp = q;
        if (q->start <= me && (q->end < 0 || q->end > me)) break;
      }
      if (pp == 0) continue; /* between a churn and a comeback */
      days = pp->end < 0 ? ASOF - me : pp->end - me;
      if (pp->end >= 0 && pp->end <= me) u *= 0.3; /* gone part-way through the month */
      else if (pp->change == CHANGE_CHURN && days <= 120) u *= 0.35 + 0.65 * days / 120.0;
      else if (pp->change == CHANGE_CONTRACTION && days <= 90) u *= 0.7 + 0.3 * days / 90.0;
      else if (pp->change == CHANGE_EXPANSION && days <= 90) u += (0.97 - u) * (1.0 - days / 90.0);
      else if (pp->end < 0 && fading && days <= 150) u *= 0.4 + 0.6 * days / 150.0;
      else if (pp->end < 0 && crowded && days <= 90) u += (0.97 - u) * (1.0 - days / 90.0);
      if (u > 1.0) u = 1.0;
      seatsUsed = (int)(pp->seats * u + 0.5);
      active = (int)(seatsUsed * engaged * (0.9 + 0.2 * unif()) + 0.5);
      if (active > seatsUsed) active = seatsUsed;
      teams = seatsUsed > 0 ? 1 + seatsUsed / seatsPerTeam[a->seg] : 0;
      calls = (int64_t)((double)apiLimit[a->seg] * apiShare * (u / base) * (0.9 + 0.2 * unif()));
      fprintf(f, "A%06d,%.7s,%d,%d,%d,%d,%lld,%lld,%d\n", acct + 1, DS(ms), pp->seats, seatsUsed, active,
              active * rint_(4, 25), (long long)calls, (long long)apiLimit[a->seg], teams);
    }
  }
  fclose(f);
  rng_state = saved;
}

static void close_fact_files(void) {
  FILE **pf[] = {&fOpp, &fHist, &fSnap, &fAct, &fLine, &fTouch, &fSub, &fInv, &fPay, &fChurn, &fTicket, &fSurvey, &fCost};
  size_t n;
  for (n = 0; n < sizeof(pf) / sizeof(pf[0]); n++) {
    fclose(*pf[n]);
    *pf[n] = 0;
  }
}

static void free_model(void) {
  int i;
  free(aAcct);
  free(aRep);
  for (i = 0; i < 3; i++) free(aeBySeg[i]);
  free(amList);
  free(csmList);
  free(supList);
  free(sdrList);
  free(wonByRepQ);
  free(mrrByMonth);
  free(mktByMonth);
  free(aPlan);
}

/* ------------------------------------------------------------------ main */
/* The order of the steps is part of the data: every step draws from the
** one PRNG, so moving a step changes every file after it. */
int main(int argc, char **argv) {
  uint64_t seed;
  int i;
  if (argc < 2) {
    fprintf(stderr, "usage: gen OUTDIR [SCALE [SEED]]\n");
    return 2;
  }
  zOutDir = argv[1];
  /* SCALE may be a fraction (tests use 0.05): fact tables shrink with it,
  ** the sales team keeps at least one unit. */
  fscale = argc > 2 ? strtod(argv[2], 0) : 1.0;
  scale = (int)(fscale + 0.5);
  seed = argc > 3 ? strtoull(argv[3], 0, 10) : 20260301;
  if (!(fscale >= 0.01 && fscale <= 10000)) {
    fprintf(stderr, "gen: SCALE must be a number from 0.01 to 10000\n");
    return 2;
  }
  if (scale < 1) scale = 1;
  rng_state = seed;
  D0 = days_from_civil(2023, 1, 1);
  ASOF = days_from_civil(2026, 3, 1);
  NMONTH = month_of(ASOF - 1) + 1;
  mrrByMonth = calloc((size_t)NMONTH, sizeof(int64_t));
  mktByMonth = calloc((size_t)NMONTH, sizeof(int64_t));

  gen_reps();
  write_products();
  gen_accounts_and_contacts();
  gen_marketing();
  open_fact_files();
  gen_leads();
  for (i = 0; i < nAcct; i++) gen_customer(i);
  gen_installed_base();
  gen_forecast_submissions();
  gen_quotas();
  write_accounts();
  gen_company_financials();
  gen_usage(seed);
  close_fact_files();
  free_model();
  return 0;
}
