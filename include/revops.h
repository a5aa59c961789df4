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

#define REVOPS_OK 0
#define REVOPS_ERROR 1

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
** argument breaks a rule (negative count, fractional contacts, ...). */
int revops_deal_health(const RevopsDealInput *p, RevopsDealHealth *pOut,
                       char *zErr, size_t nErr);
/* 'Healthy' >= 80, 'Monitor' >= 60, 'At Risk' >= 40, else 'Critical'. */
const char *revops_deal_health_status(double score);

/* --------------------------------------------------------------- pipeline */
/* seed 003 aging discount, as a multiple of 1/4: 4 (x1.0) when fewer than
** 30 days past the expected close, 2 (x0.5) for 30-59, 1 (x0.25) for 60+. */
int revops_aging_quarters(int64_t daysPastClose);

/* ----------------------------------------------------------------- leads */
typedef struct RevopsLeadModel RevopsLeadModel;

#define REVOPS_LEAD_BEHAVIORAL 0
#define REVOPS_LEAD_FIRMOGRAPHIC 1
#define REVOPS_LEAD_NEGATIVE 2

/* The default model of SPEC section 3 (seed 003 lead-scoring.yaml). */
const RevopsLeadModel *revops_lead_model_default(void);
/* Parse a model from JSON.  On error returns NULL and writes the reason,
** naming the JSON path, into zErr. */
RevopsLeadModel *revops_lead_model_parse(const char *zJson, size_t n,
                                         char *zErr, size_t nErr);
void revops_lead_model_free(RevopsLeadModel *p);
/* The model as JSON text (caller frees with revops_free). */
char *revops_lead_model_json(const RevopsLeadModel *p);
int revops_lead_model_threshold_hot(const RevopsLeadModel *p);
/* A group's cap, or -1 when it is uncapped. */
int revops_lead_model_cap(const RevopsLeadModel *p, int eGroup);
int revops_lead_model_threshold_mql(const RevopsLeadModel *p);
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
/* Signal i's best points and occurrence count in this state. */
int revops_lead_state_signal(const RevopsLeadModel *p,
                             const RevopsLeadState *s, int i, int *pPoints,
                             int *pBase);
int revops_lead_model_nsignal(const RevopsLeadModel *p);
const char *revops_lead_model_signal(const RevopsLeadModel *p, int i,
                                     int *pGroup);
const char *revops_lead_group_name(int eGroup);

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
/* Fractions; return 0 and leave *pOut alone for an empty cohort. */
int revops_retention_nrr(const RevopsRetention *r, double *pOut);
int revops_retention_grr(const RevopsRetention *r, double *pOut);
int revops_retention_logo(const RevopsRetention *r, double *pOut);

/* --------------------------------------------------------------- forecast */
/* seed 003: 'Excellent' < 0.10, 'Good' < 0.15, 'Needs work' <= 0.25,
** 'Broken' above. */
const char *revops_mape_grade(double mape);

/* ---- data */
/* An RFC 4180 CSV reader (ext/core/csv.c) that returns every record, good
** or malformed, with the line it starts on and its raw text, so that an
** import can account for every row.  Input arrives through xRead, which
** fills zBuf with up to n bytes and returns how many (0 at the end, -1 on
** a read error). */
typedef struct RevopsCsv RevopsCsv;
typedef long long (*RevopsCsvRead)(void *pArg, char *zBuf, size_t n);

/* NULL when out of memory. */
RevopsCsv *revops_csv_new(RevopsCsvRead xRead, void *pArg);
void revops_csv_free(RevopsCsv *p);
/* Read the next record: 1 = a record, 0 = end of input, -1 = read error or
** out of memory (revops_csv_fatal says which).  Empty lines are skipped. */
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
