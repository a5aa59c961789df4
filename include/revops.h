/*
** revops.h — public C API of revops.
**
** revops is a SQLite loadable extension; most users reach it through SQL
** (`.load ./dist/revops`).  This header is for C programs that link the
** static library (dist/librevops.a) and for a future binding to another
** engine: the core functions below take plain C types, never sqlite3.h
** types, so a Postgres or DuckDB binding can call them unchanged.
**
** Conventions shared by every core function (see docs/conventions.md):
**   - dates are milliseconds since 1970-01-01T00:00:00Z (int64_t), parsed
**     from ISO-8601 text by revops_parse_datetime();
**   - ratios and probabilities are fractions (0.25, not 25);
**   - money is accumulated exactly in RevopsMoney (integer 1e-4 units);
**   - functions that can fail return REVOPS_OK or REVOPS_ERROR and write a
**     one-line reason (without the function name) into a caller buffer.
*/
#ifndef REVOPS_H
#define REVOPS_H

#include <stddef.h>
#include <stdint.h>

/* The version lives here and only here. */
#define REVOPS_VERSION "0.1.0"
#define REVOPS_VERSION_NUMBER 1000 /* major*1000000 + minor*1000 + patch */

/* Oldest SQLite the extension accepts: SQLITE_INNOCUOUS and
** SQLITE_DIRECTONLY arrived in 3.31.0. */
#define REVOPS_MIN_SQLITE_VERSION_NUMBER 3031000
#define REVOPS_MIN_SQLITE_VERSION "3.31.0"

#ifndef REVOPS_API
#if defined(_WIN32)
#define REVOPS_API __declspec(dllexport)
#else
#define REVOPS_API __attribute__((visibility("default")))
#endif
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* The status every core function that can fail or be undefined returns
** (docs/contributing.md): REVOPS_OK with the result written; REVOPS_ERROR
** with a one-line reason (without the function name) in the caller's
** buffer; REVOPS_NULL when the result is undefined (a division by zero, an
** empty group: SQL NULL) and nothing is written; REVOPS_NOMEM when an
** allocation failed.  Lookups that cannot fail return their value. */
#define REVOPS_OK 0
#define REVOPS_ERROR 1
/* Out of memory: the caller reports its engine's own error (SQLITE_NOMEM),
** never a message to compare. */
#define REVOPS_NOMEM 2
#define REVOPS_NULL 3

/* Size of the message buffer the core functions write reasons into. */
#define REVOPS_ERRMSG_SIZE 200

/* The single exported symbol.  sqlite3.h declares the same structs. */
struct sqlite3;
struct sqlite3_api_routines;
REVOPS_API int sqlite3_revops_init(struct sqlite3 *db, char **pzErrMsg,
                                   const struct sqlite3_api_routines *pApi);

/* ------------------------------------------------------------------ dates */
#define REVOPS_MS_PER_DAY INT64_C(86400000)

/* Parse ISO-8601 'YYYY-MM-DD', optionally followed by ' ' or 'T' and
** 'HH:MM', 'HH:MM:SS' or 'HH:MM:SS.fff', optionally followed by 'Z' or a
** '+HH:MM' / '-HH:MM' offset (converted to UTC, as SQLite does).  The
** calendar is checked: '2026-02-30' is rejected.  Returns REVOPS_OK and
** sets *pMs, or REVOPS_ERROR. */
int revops_parse_datetime(const char *z, size_t n, int64_t *pMs);

/* Whole days from `from` to `to`, rounded down (floor), so a signal at
** 2026-01-09 12:00 is 0 days old on 2026-01-10 00:00. */
int64_t revops_days_between(int64_t fromMs, int64_t toMs);

/* Days since 1970-01-01 for a valid civil date, and back. */
int64_t revops_days_from_civil(int y, int m, int d);
void revops_civil_from_days(int64_t days, int *pY, int *pM, int *pD);

/* Write 'YYYY-MM-DD' (11 bytes with the NUL) for the day containing ms. */
void revops_format_date(int64_t ms, char *zOut);

/* ------------------------------------------------------------------ money */
/* Exact money accumulator.  Amounts are quantised to 1e-4 (a hundredth of
** a cent) and weights (probabilities, discounts) to a quarter of 1e-9, and
** products are summed in 128-bit integers: sums are exact and
** order-independent, and a window frame's inverse step removes exactly what
** the step added.  A quarter of 1e-9 is the finest step so that seed 003's
** x0.5 and x0.25 aging discounts of a 9-decimal probability stay exact.
** Stored as two 64-bit words so that it needs only 8-byte alignment (what
** sqlite3_aggregate_context guarantees). */
typedef struct RevopsMoney {
  uint64_t lo;
  int64_t hi;
} RevopsMoney;

#define REVOPS_MONEY_SCALE 10000                 /* units per currency unit */
#define REVOPS_WEIGHT_SCALE INT64_C(4000000000)  /* units per 1.0 of weight */
/* Largest |amount| accepted, so that amount * 1e4 fits in an int64. */
#define REVOPS_MONEY_MAX 900000000000000.0

/* Quantise an amount to 1e-4 units (half away from zero).  REVOPS_ERROR if
** |amount| > REVOPS_MONEY_MAX or the amount is not finite. */
int revops_money_quantize(double amount, int64_t *pUnits);
/* Quantise a weight in [0, 1] to 1e-9 and multiply by `quarters` (4 for
** x1.0, 2 for x0.5, 1 for x0.25): the result is in REVOPS_WEIGHT_SCALE. */
int64_t revops_weight_quantize(double w, int quarters);

void revops_money_zero(RevopsMoney *m);
/* m += units * weight (weight in REVOPS_WEIGHT_SCALE units; pass
** REVOPS_WEIGHT_SCALE itself for a plain sum), and the inverse. */
void revops_money_add(RevopsMoney *m, int64_t units, int64_t weight);
void revops_money_sub(RevopsMoney *m, int64_t units, int64_t weight);
/* The sum rounded half away from zero to the cent, as a double. */
double revops_money_cents(const RevopsMoney *m);
/* The sum as the nearest double. */
double revops_money_value(const RevopsMoney *m);
/* num / den as a double, for ratios of sums such as NRR (den != 0). */
double revops_money_ratio(const RevopsMoney *num, const RevopsMoney *den);

/* Round half away from zero to the cent, treating values within 1e-9
** (relative) of a half cent as exact halves. */
double revops_round_cents(double v);

/* Compensated (TwoSum, double-double) sum for non-money quantities. */
typedef struct RevopsSum {
  double hi;
  double lo;
} RevopsSum;
void revops_sum_add(RevopsSum *s, double x);
double revops_sum_value(const RevopsSum *s);

/* Merging two accumulators of one aggregate (a parallel worker's partial
** state into the leader's, or a remote server's): the result is the state
** the rows of both would have given one accumulator.  Money sums are exact,
** so a merged sum is the same to the last unit whatever the split; a
** compensated sum adds the other's two parts. */
void revops_money_merge(RevopsMoney *m, const RevopsMoney *other);
void revops_sum_merge(RevopsSum *s, const RevopsSum *other);

/* ------------------------------------------------------------------ deals */
/* seed 001: five factors, 100 points in all (SPEC section 3). */
#define REVOPS_DEAL_NFACTOR 5
typedef struct RevopsDealInput {
  double daysInStage, expectedStageDays, daysSinceActivity;
  double contactsEngaged, daysToClose, closeDatePushes, amountChange;
  /* bit i set = argument i is NULL, in the SQL argument order above */
  unsigned nullMask;
} RevopsDealInput;

typedef struct RevopsDealFactor {
  const char *zName; /* stage_velocity, activity_recency, ... */
  int points;
  int max;
  char zReason[96];
} RevopsDealFactor;

#define REVOPS_DEAL_FLAG_STALE 0x01
#define REVOPS_DEAL_FLAG_PAST_CLOSE 0x02
#define REVOPS_DEAL_FLAG_SINGLE_THREADED 0x04
#define REVOPS_DEAL_FLAG_SLIPPING 0x08

typedef struct RevopsDealHealth {
  int score;
  unsigned flags;
  RevopsDealFactor aFactor[REVOPS_DEAL_NFACTOR];
} RevopsDealHealth;

/* Validate and score.  REVOPS_ERROR with the reason in zErr when an
** argument breaks a rule (negative count, fractional contacts, ...).
** Leaves the factors' zReason empty: see revops_deal_health_reasons. */
int revops_deal_health(const RevopsDealInput *p, RevopsDealHealth *pOut,
                       char *zErr, size_t nErr);
/* Fill each factor's one-line reason, after a successful
** revops_deal_health on the same input. */
void revops_deal_health_reasons(const RevopsDealInput *p, RevopsDealHealth *h);
/* 'Healthy' >= 80, 'Monitor' >= 60, 'At Risk' >= 40, else 'Critical'. */
const char *revops_deal_health_status(double score);

/* --------------------------------------------------------------- pipeline */
/* seed 003 aging discount, as a multiple of 1/4: 4 (x1.0) when fewer than
** 30 days past the expected close, 2 (x0.5) for 30-59, 1 (x0.25) for 60+. */
int revops_aging_quarters(int64_t daysPastClose);

/* seed 003 forecast categories by probability p in [0, 1]: 'Commit' >= 0.90,
** 'Best Case' >= 0.60, 'Pipeline' >= 0.20, 'Upside' > 0, 'Omitted' = 0. */
const char *revops_forecast_category(double p);
/* seed 001 coverage bands for ratio >= 0: 'Strong' >= 3, 'Adequate' >= 2,
** else 'At Risk'. */
const char *revops_coverage_status(double ratio);

/* Win rate over closed deals: won / closed.  dir = +1 adds a deal, -1
** removes it (window inverse).  revops_win_rate returns REVOPS_NULL and
** leaves *pOut alone when no deal is counted. */
typedef struct RevopsWinRate {
  int64_t nWon, nClosed;
} RevopsWinRate;
void revops_win_rate_step(RevopsWinRate *w, int isWon, int dir);
int revops_win_rate(const RevopsWinRate *w, double *pOut);
void revops_win_rate_merge(RevopsWinRate *w, const RevopsWinRate *other);

/* The formulas below return REVOPS_OK and write *pOut, or REVOPS_NULL when
** the result is undefined (a division by zero), which SQL reports as NULL.  Callers
** pass arguments already checked against the rules in docs/pipeline.md
** (non-negative amounts, fractions in [0, 1]).  Money results are rounded
** to the cent. */
/* seed 003: opps x win_rate x avg_deal / cycle_days, money per day. */
int revops_sales_velocity(double opps, double winRate, double avgDeal,
                          double cycleDays, double *pOut);
/* seed 003: quota / win_rate x coverage. */
int revops_required_pipeline(double quota, double winRate, double coverage,
                             double *pOut);

/* Wilson score interval of successes out of trials at z standard
** deviations (1.96 for 95 %): REVOPS_OK with both bounds, each in [0, 1];
** REVOPS_NULL when trials is 0; REVOPS_ERROR unless successes and trials
** are whole numbers with 0 <= successes <= trials <= REVOPS_WILSON_N_MAX
** and 0 < z <= REVOPS_WILSON_Z_MAX. */
#define REVOPS_WILSON_N_MAX 1e15
#define REVOPS_WILSON_Z_MAX 10.0
int revops_wilson_interval(double successes, double trials, double z,
                           double *pLower, double *pUpper, char *zErr,
                           size_t nErr);

/* Built-in default probability of an opportunity stage, or -1 when the
** name is not one of the defaults.  Names compare case-insensitively on
** their letters and digits only ('Closed Won', 'closed_won', 'ClosedWon'). */
double revops_stage_probability(const char *zStage, size_t nStage);
/* The i-th built-in stage (0-based, in stage order), or NULL past the end. */
const char *revops_stage_default(int i, double *pProbability);

/* ----------------------------------------------------------------- leads */
typedef struct RevopsLeadModel RevopsLeadModel;

#define REVOPS_LEAD_BEHAVIORAL 0
#define REVOPS_LEAD_FIRMOGRAPHIC 1
#define REVOPS_LEAD_NEGATIVE 2

/* Bounds on a custom model (docs/security.md says why these values): a
** model arrives as text on every row and may come from an untrusted
** table, so its size, its signal count and the per-group state it implies
** are checked, in size_t, before anything is allocated for them. */
#define REVOPS_LEAD_MAX_MODEL_BYTES 1048576 /* JSON text */
#define REVOPS_LEAD_MAX_SIGNALS 1000
#define REVOPS_LEAD_MAX_STATE_BYTES 65536   /* revops_lead_state_size() */
/* lead_score_explain's list of names the model does not know, per group
** (distinct names in the frame, and their bytes together). */
#define REVOPS_LEAD_MAX_UNKNOWN 1000
#define REVOPS_LEAD_MAX_UNKNOWN_BYTES 1048576

/* The default model of SPEC section 3 (seed 003 lead-scoring.yaml). */
const RevopsLeadModel *revops_lead_model_default(void);
/* Parse a model from JSON into *ppModel.  Returns REVOPS_OK,
** REVOPS_ERROR with the reason (naming the JSON path or the bound) in
** zErr, or REVOPS_NOMEM.  Linear in the text (n log n in the signals). */
int revops_lead_model_parse(const char *zJson, size_t n,
                            RevopsLeadModel **ppModel, char *zErr,
                            size_t nErr);
void revops_lead_model_free(RevopsLeadModel *p);
/* The model as JSON text (caller frees with revops_free). */
char *revops_lead_model_json(const RevopsLeadModel *p);
/* A group's cap, or -1 when it is uncapped. */
int revops_lead_model_cap(const RevopsLeadModel *p, int eGroup);
/* 'Hot', 'MQL' or 'Nurture' by the model's thresholds. */
const char *revops_lead_grade(const RevopsLeadModel *p, double score);

/* Per-group scoring state.  Counts occurrences per (signal, decay step) so
** that a window frame can remove a row exactly (lead_score is a window
** function).  Allocate revops_lead_state_size(model) bytes, zeroed. */
typedef struct RevopsLeadState RevopsLeadState;
size_t revops_lead_state_size(const RevopsLeadModel *p);
/* Signal index in the model, or -1 when unknown. */
int revops_lead_signal_index(const RevopsLeadModel *p, const char *z,
                             size_t n);
/* Add (dir=+1) or remove (dir=-1) one occurrence `ageDays` old. */
void revops_lead_state_step(const RevopsLeadModel *p, RevopsLeadState *s,
                            int iSignal, int64_t ageDays, int dir);

typedef struct RevopsLeadScore {
  int score;              /* 0..100 */
  int behavioralRaw, behavioral;     /* before and after the cap */
  int firmographicRaw, firmographic; /* before and after the cap */
  int negative;           /* sum of negative signals */
  int inactivity;         /* 0 or the model's penalty */
} RevopsLeadScore;
void revops_lead_state_score(const RevopsLeadModel *p,
                             const RevopsLeadState *s, RevopsLeadScore *pOut);
/* s += other, two states of the same model (partial aggregation). */
void revops_lead_state_merge(const RevopsLeadModel *p, RevopsLeadState *s,
                             const RevopsLeadState *other);
/* Signal i's best points and occurrence count in this state. */
int revops_lead_state_signal(const RevopsLeadModel *p,
                             const RevopsLeadState *s, int i, int *pPoints,
                             int *pBase);
int revops_lead_model_nsignal(const RevopsLeadModel *p);
/* Signal i's entry in the explainer's JSON up to its points, already
** escaped: {"signal":"<name>","group":"<group>","points": */
const char *revops_lead_model_signal_head(const RevopsLeadModel *p, int i,
                                          size_t *pn);

/* -------------------------------------------------------------- retention */
/* One row per customer: start and end MRR (end NULL = churned = 0). */
typedef struct RevopsRetention {
  RevopsMoney start, end, kept; /* kept = sum of min(start, end) */
  int64_t nCohort, nRetained;
} RevopsRetention;
/* dir = +1 to add a customer, -1 to remove it (window inverse).  Customers
** with start <= 0 are outside the cohort and ignored. */
void revops_retention_step(RevopsRetention *r, int64_t startUnits,
                           int64_t endUnits, int dir);
/* Fractions; REVOPS_NULL and *pOut untouched for an empty cohort. */
int revops_retention_nrr(const RevopsRetention *r, double *pOut);
int revops_retention_grr(const RevopsRetention *r, double *pOut);
int revops_retention_logo(const RevopsRetention *r, double *pOut);
void revops_retention_merge(RevopsRetention *r, const RevopsRetention *other);

/* --------------------------------------------------------------- forecast */
/* MAPE, WAPE and the rows MAPE skipped, over rows added (dir = +1) and
** removed (dir = -1, a window frame moving).  Zero-initialise.  A row has
** |actual| and |forecast| at most REVOPS_FORECAST_MAX and, when wantPct
** (MAPE), a percentage error |a - f| / |a| at most REVOPS_FORECAST_PCT_MAX;
** otherwise revops_forecast_step returns REVOPS_ERROR with the reason and
** changes nothing, so no sum ever holds an Inf. */
#define REVOPS_FORECAST_MAX 1e15
#define REVOPS_FORECAST_PCT_MAX 1e15
typedef struct RevopsForecast {
  RevopsSum sumPct;    /* |a - f| / |a| over rows with a <> 0 (wantPct) */
  RevopsSum sumAbsErr; /* |a - f| */
  RevopsSum sumAbsAct; /* |a| */
  int64_t nPct;        /* rows with a <> 0 */
  int64_t nSkipped;    /* rows with a = 0 */
} RevopsForecast;
int revops_forecast_step(RevopsForecast *p, double actual, double forecast,
                         int wantPct, int dir, char *zErr, size_t nErr);
/* REVOPS_OK with the fraction, or REVOPS_NULL: no row with a <> 0 (MAPE),
** sum |a| = 0 (WAPE). */
int revops_mape(const RevopsForecast *p, double *pOut);
int revops_wape(const RevopsForecast *p, double *pOut);
int64_t revops_mape_skipped(const RevopsForecast *p);
void revops_forecast_merge(RevopsForecast *p, const RevopsForecast *other);
/* seed 003: 'Excellent' < 0.10, 'Good' < 0.15, 'Needs work' <= 0.25,
** 'Broken' above. */
const char *revops_mape_grade(double mape);

/* -------------------------------------------------------------- economics */
/* Unit economics, seed 003 Tier 1 and seed 000.  Same convention as the
** pipeline formulas: REVOPS_OK and *pOut, or REVOPS_NULL when a
** denominator is zero. */
/* spend / new_customers, money. */
int revops_cac(double spend, double newCustomers, double *pOut);
/* arpa x gross_margin x lifetime, lifetime = 1 / churn_rate capped at
** maxMonths when maxMonths >= 0 (pass -1 for no cap); money.  REVOPS_NULL
** when churn is 0 and there is no cap. */
int revops_ltv(double arpa, double grossMargin, double churnRate,
               double maxMonths, double *pOut);
int revops_ltv_cac(double ltv, double cac, double *pOut);
/* cac / (arpa x gross_margin), in months when arpa is monthly. */
int revops_cac_payback_months(double cac, double arpa, double grossMargin,
                              double *pOut);
/* net new ARR of the quarter / prior quarter S&M spend (never x4). */
int revops_magic_number(double netNewArr, double priorSpend, double *pOut);
/* net burn / net new ARR; REVOPS_NULL (undefined) when net new ARR <= 0. */
int revops_burn_multiple(double netBurn, double netNewArr, double *pOut);
/* (new + expansion + reactivation) / (contraction + churned). */
int revops_quick_ratio(double newMrr, double expansion, double reactivation,
                       double contraction, double churned, double *pOut);
/* (revenue - spend) / spend, a fraction (seed 000 without the x100). */
int revops_roi(double revenue, double spend, double *pOut);
/* mrr x 12, money. */
double revops_arr(double mrr);

/* ------------------------------------------------------------ attribution */
/* seed 003 attribution models. */
#define REVOPS_ATTR_FIRST_TOUCH 0
#define REVOPS_ATTR_LAST_TOUCH 1
#define REVOPS_ATTR_LINEAR 2
#define REVOPS_ATTR_U_SHAPED 3
#define REVOPS_ATTR_W_SHAPED 4
#define REVOPS_ATTR_TIME_DECAY 5
#define REVOPS_ATTR_NMODEL 6
/* Model number for a name ('u_shaped'), or -1. */
int revops_attribution_model(const char *z, size_t n);
const char *revops_attribution_model_name(int eModel);
/* seed 003 time decay: 2^(-days / 7), a half-life of 7 days. */
#define REVOPS_ATTR_HALF_LIFE_DAYS 7.0
double revops_attribution_decay(double daysBeforeConversion);

typedef struct RevopsTouch {
  int eModel;
  double position;            /* 1-based */
  double touchCount;          /* touches of this conversion */
  double opportunityPosition; /* w_shaped: touch that created the opportunity */
  double daysBeforeConversion; /* time_decay */
  double decayTotal;          /* time_decay: sum of every touch's decay */
} RevopsTouch;
/* The touch's share of the conversion.  REVOPS_ERROR with the reason in
** zErr when an argument the model uses breaks a rule; REVOPS_NULL when the
** weight is undefined (time_decay with decayTotal 0). */
int revops_attribution_weight(const RevopsTouch *t, double *pOut, char *zErr,
                              size_t nErr);

/* --------------------------------------------------------------- accounts */
/* seed 002 customer segmentation by annual value: 'Strategic' > 100000,
** 'Growth' 50000..100000, 'Developing' < 50000. */
const char *revops_account_tier(double annualValue);
/* Receivables aging bucket of an invoice daysPastDue days past its due
** date (revops_days_between(due, as_of)): 'current' (<= 0), '1-30',
** '31-60', '61-90', '90+' (more than 90). */
const char *revops_aging_bucket(int64_t daysPastDue);
/* seed 002: opportunities x 2 + installed x 0.5 - expired x 1.5. */
double revops_engagement_score(double opportunities, double installed,
                               double expired);
/* seed 002, first match wins: 'KEY ACCOUNT' (10+ opportunities), 'HIGH
** VALUE' (5+), 'AT RISK' (any expired product), 'NEEDS ENGAGEMENT'. */
const char *revops_account_status(double opportunities, double expired);
/* A count argument must be a whole number >= 0; REVOPS_ERROR with the
** reason ("opportunities must be ...") otherwise. */
int revops_check_count(double v, const char *zArg, char *zErr, size_t nErr);

/* One scored factor of customer_health or churn_risk. */
typedef struct RevopsFactor {
  const char *zName;
  int points;
  int max;
  char zReason[96];
} RevopsFactor;

#define REVOPS_SCORE_MAXFACTOR 6
typedef struct RevopsScore {
  int score;
  int nFactor;
  RevopsFactor aFactor[REVOPS_SCORE_MAXFACTOR];
} RevopsScore;

/* customer_health inputs, in SQL argument order (seed 004 per-customer
** metrics).  Bit i of nullMask set = argument i is NULL. */
#define REVOPS_HEALTH_NARG 9
typedef struct RevopsHealthInput {
  double nps;                  /* -100..100 */
  double csat;                 /* 1..5 */
  double openTickets;          /* count */
  double slaCompliance;        /* fraction */
  double overdueInvoices;      /* count */
  double daysOverdue;          /* oldest overdue invoice */
  double daysSinceInteraction; /* days */
  double executiveSponsor;     /* 0 or 1 */
  double qbrScheduled;         /* 0 or 1 */
  unsigned nullMask;
} RevopsHealthInput;
/* Score the customer.  With wantReasons 0 the factors' zReason lines are
** left empty (points and score are the same): a score-only caller skips
** the number formatting. */
int revops_customer_health(const RevopsHealthInput *p, RevopsScore *pOut, int wantReasons,
                           char *zErr, size_t nErr);
/* 'Healthy' >= 70, 'At Risk' >= 40, else 'Critical'. */
const char *revops_customer_health_status(double score);

#define REVOPS_CHURN_NARG 3
typedef struct RevopsChurnInput {
  double healthScore;   /* 0..100, customer_health() */
  double daysToRenewal; /* negative: the renewal date has passed */
  double usageChange;   /* fraction, (current - prior) / prior */
  unsigned nullMask;
} RevopsChurnInput;
int revops_churn_risk(const RevopsChurnInput *p, RevopsScore *pOut, int wantReasons,
                      char *zErr, size_t nErr);
/* 'Critical' >= 75, 'High' >= 50, 'Medium' >= 25, else 'Low'. */
const char *revops_churn_risk_level(double score);

/* Net Promoter Score over 0..10 survey answers: promoters 9-10, detractors
** 0-6.  dir = +1 / -1 as for the other aggregates. */
typedef struct RevopsNps {
  int64_t nPromoter, nDetractor, nAnswer;
} RevopsNps;
void revops_nps_step(RevopsNps *s, int answer, int dir);
/* -100..100; REVOPS_NULL and *pOut untouched when there is no answer. */
int revops_nps(const RevopsNps *s, double *pOut);
void revops_nps_merge(RevopsNps *s, const RevopsNps *other);

/* --------------------------------------------------------------- planning */
/* seed 003 capacity model: ceil(target / (quota x attainment)).
** REVOPS_NULL when quota x attainment is 0 (undefined), REVOPS_ERROR with
** zErr when the result does not fit an integer. */
int revops_required_aes(double target, double quota, double attainment,
                        int64_t *pOut, char *zErr, size_t nErr);
/* seed 003 ramp: months 1-2 -> 0, 3 -> 0.25, 4-5 -> 0.5, 6+ -> 1.0 (month
** 1 is the hire month; month >= 1). */
double revops_ramped_capacity(int64_t month);

/* seed 003 scenario planning. */
#define REVOPS_SCENARIO_BEAR 0
#define REVOPS_SCENARIO_BASE 1
#define REVOPS_SCENARIO_BULL 2
/* Scenario number for 'bear', 'base', 'bull', or -1. */
int revops_scenario(const char *z, size_t n);
double revops_scenario_revenue(int eScenario, double plan);        /* x0.8/1/1.2, cents */
double revops_scenario_win_rate(int eScenario, double winRate);    /* -/+ 0.05, in [0,1] */
double revops_scenario_cycle_days(int eScenario, double cycleDays); /* +15/0/-10, >= 0 */
double revops_scenario_churn_rate(int eScenario, double churnRate); /* +0.02/0/0, in [0,1] */
double revops_scenario_confidence(int eScenario);                  /* 0.70/0.50/0.30 */
/* -------------------------------------------------------------------- mrr */
/* The MRR engine of SPEC section 3 (mrr_waterfall, mrr_movements,
** mrr_months).  A customer's MRR for month m is the sum of the mrr of its
** periods active at the close of m's last day; a period [start, end) is
** active there when it starts in m or earlier and ends in m+1 or later
** (end NULL = never ends), so only the months of its dates matter.  The
** engine streams: feed one customer's periods, finish it, add it to the
** per-month totals, reuse the customer for the next one.  Memory is
** O(months + one customer's periods).
**
** Months are integers: year * 12 + (month - 1).  Money is integer cents:
** a customer's month-end MRR is the exact sum of its periods (in the 1e-4
** units of revops_money_quantize) rounded half away from zero to the cent
** once, and every movement and total is a sum of those cents, so the
** waterfall identity holds exactly.  Amounts are capped at
** REVOPS_MRR_MAX_CENTS (2^53 cents, about 90 trillion), where a REAL stops
** holding every cent; above it is an error, never a rounded number. */
#define REVOPS_MRR_NOMEM REVOPS_NOMEM /* returned next to REVOPS_OK / REVOPS_ERROR */
#define REVOPS_MRR_MAX_CENTS INT64_C(9007199254740992)
#define REVOPS_MRR_NONE INT32_MIN /* "no month" */

/* Movement kinds (SPEC section 3 table). */
#define REVOPS_MRR_NEW 0
#define REVOPS_MRR_EXPANSION 1
#define REVOPS_MRR_REACTIVATION 2
#define REVOPS_MRR_CONTRACTION 3
#define REVOPS_MRR_CHURNED 4
#define REVOPS_MRR_NKIND 5
/* 'new', 'expansion', 'reactivation', 'contraction', 'churned'. */
const char *revops_mrr_movement_name(int eKind);

/* The month (UTC) containing ms. */
int32_t revops_mrr_month_of(int64_t ms);
/* 'YYYY-MM' exactly, month 01..12.  REVOPS_ERROR otherwise. */
int revops_mrr_month_parse(const char *z, size_t n, int32_t *pMonth);
/* Write 'YYYY-MM' into zOut[REVOPS_MRR_MONTH_SIZE]. */
#define REVOPS_MRR_MONTH_SIZE 16
void revops_mrr_month_format(int32_t month, char *zOut);

/* A customer's MRR from `month` on, until the next step. */
typedef struct RevopsMrrStep {
  int32_t month;
  int64_t cents;
} RevopsMrrStep;

typedef struct RevopsMrrEvent RevopsMrrEvent; /* private to mrr.c */

/* One customer at a time.  Zero it once; then for each customer reset it,
** add its periods and finish it.  aStep[0..nStep) is then its MRR as a
** step function of the month, starting from 0: aStep[0] is its first
** month with MRR (cents > 0) and each later step changes the amount.  Steps are
** exactly the customer's movements (revops_mrr_customer_movement). */
typedef struct RevopsMrrCustomer {
  RevopsMrrEvent *aEvent;
  int nEvent, nEventAlloc;
  RevopsMrrStep *aStep;
  int nStep, nStepAlloc;
  int32_t lastDate; /* month of its latest start or end date, or NONE */
} RevopsMrrCustomer;

/* Forget the periods, keep the memory. */
void revops_mrr_customer_reset(RevopsMrrCustomer *c);
void revops_mrr_customer_free(RevopsMrrCustomer *c);
/* One period [startMs, endMs) with mrr `units` (1e-4, >= 0); hasEnd = 0
** for an open period.  REVOPS_ERROR when it ends before it starts,
** REVOPS_MRR_NOMEM when out of memory. */
int revops_mrr_customer_add(RevopsMrrCustomer *c, int64_t startMs, int hasEnd,
                            int64_t endMs, int64_t units, char *zErr,
                            size_t nErr);
/* Build aStep.  REVOPS_ERROR when a month's MRR exceeds
** REVOPS_MRR_MAX_CENTS. */
int revops_mrr_customer_finish(RevopsMrrCustomer *c, char *zErr, size_t nErr);
/* The customer's MRR in cents at the close of `month`. */
int64_t revops_mrr_customer_at(const RevopsMrrCustomer *c, int32_t month);

typedef struct RevopsMrrMovement {
  int32_t month;
  int eKind;                 /* REVOPS_MRR_NEW ... */
  int64_t amount, prev, curr; /* cents; amount > 0 */
} RevopsMrrMovement;
/* The movement of step i (new when MRR rises from 0 for the first time,
** reactivation when it rises from 0 later, churned when it falls to 0,
** else expansion or contraction). */
void revops_mrr_customer_movement(const RevopsMrrCustomer *c, int i,
                                  RevopsMrrMovement *pOut);

/* Per-month sums over every customer added, for the waterfall. */
typedef struct RevopsMrrMonth {
  int64_t aMrr[REVOPS_MRR_NKIND]; /* cents by movement kind */
  int64_t nNew, nReactivated, nChurned;
  int64_t ending, nEnding; /* set by revops_mrr_totals_finish */
} RevopsMrrMonth;

typedef struct RevopsMrrTotals {
  RevopsMrrMonth *a; /* months base .. base + nMonth - 1 */
  int32_t base;
  int nMonth, nAlloc;
  int32_t firstActive; /* first month with MRR, or NONE */
  int32_t lastDate;    /* month of the latest start or end date, or NONE */
} RevopsMrrTotals;

void revops_mrr_totals_init(RevopsMrrTotals *t);
void revops_mrr_totals_free(RevopsMrrTotals *t);
/* Add a finished customer.  REVOPS_MRR_NOMEM when out of memory. */
int revops_mrr_totals_add(RevopsMrrTotals *t, const RevopsMrrCustomer *c);
/* Snapshots from the movements.  REVOPS_ERROR when a total exceeds
** REVOPS_MRR_MAX_CENTS. */
int revops_mrr_totals_finish(RevopsMrrTotals *t, char *zErr, size_t nErr);

/* One waterfall row (SPEC section 3), in cents and customers. */
typedef struct RevopsMrrRow {
  int32_t month;
  int64_t starting, aMrr[REVOPS_MRR_NKIND], ending, net;
  int64_t nStarting, nNew, nReactivated, nChurned, nEnding;
} RevopsMrrRow;
/* The row of any month, also outside the months seen (after finish). */
void revops_mrr_totals_row(const RevopsMrrTotals *t, int32_t month,
                           RevopsMrrRow *pOut);
/* ---- data */
/* An RFC 4180 CSV reader (ext/core/csv.c) that returns every record, good
** or malformed, with the line it starts on and its raw text, so that an
** import can account for every row.  Input arrives through xRead, which
** fills zBuf with up to n bytes and returns how many (0 at the end, -1 on
** a read error). */
typedef struct RevopsCsv RevopsCsv;
typedef long long (*RevopsCsvRead)(void *pArg, char *zBuf, size_t n);

/* NULL when out of memory. */
/* Bounds of one record (docs/data.md "Bounds"): longer or wider records
** are returned as errors, cut at the bound. */
#define REVOPS_CSV_MAX_RECORD 1048576
#define REVOPS_CSV_MAX_FIELDS 1024
RevopsCsv *revops_csv_new(RevopsCsvRead xRead, void *pArg);
void revops_csv_free(RevopsCsv *p);
/* Read the next record: 1 = a record, 0 = end of input, -1 = read error or
** out of memory (revops_csv_nomem says which; revops_csv_fatal words it).
** Empty lines are skipped. */
int revops_csv_next(RevopsCsv *p);
int revops_csv_nfield(const RevopsCsv *p);
/* Field i (0-based), unquoted, NUL-terminated; "" past the last field. */
const char *revops_csv_field(const RevopsCsv *p, int i, size_t *pn);
/* The record as it is in the input, without its line end. */
const char *revops_csv_raw(const RevopsCsv *p, size_t *pn);
/* Line (1-based) where the record starts. */
int64_t revops_csv_line(const RevopsCsv *p);
/* Why the record is malformed (stray quote, unclosed quote, NUL byte,
** invalid UTF-8), or NULL when it is well formed. */
const char *revops_csv_error(const RevopsCsv *p);
/* Why revops_csv_next returned -1. */
const char *revops_csv_fatal(const RevopsCsv *p);
/* 1 when revops_csv_next returned -1 because an allocation failed: the
** caller reports its engine's out-of-memory, never by reading the text. */
int revops_csv_nomem(const RevopsCsv *p);
/* 1 when z[0..n) is valid UTF-8 (no overlong forms or surrogates). */
int revops_csv_utf8_valid(const char *z, size_t n);

/* --------------------------------------------------------------- memory */
/* The core allocates through these three; the SQLite binding implements
** them with sqlite3_malloc64/sqlite3_realloc64/sqlite3_free, a C program
** linking only the core implements them itself. */
void *revops_malloc(size_t n);
void *revops_realloc(void *p, size_t n);
void revops_free(void *p);

#ifdef __cplusplus
}
#endif
#endif /* REVOPS_H */
