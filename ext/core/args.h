/*
** args.h — the scalar functions' argument specifications, once for every
** binding: each argument's name, kind, rule and bound, the error text of
** each rule, and one table per function (ext/core/specs.c).
**
** A binding maps its engine's value onto a RevopsValue (SQLite's storage
** classes; PostgreSQL's types onto those, docs/postgres.md "Types"), asks
** revops_arg_read for the verdict, and on REVOPS_ARG_BAD writes the one
** error shape "fn(): <arg> <rule>, got <value><hint>" with its own
** description of the value (the engines name types differently).  So the
** rules, their order and their words cannot drift between bindings: the
** errors layer (SQLite) and the postgres layer compare the texts.
**
** The core only checks and converts: it never sees an engine's value.
*/
#ifndef REVOPS_ARGS_H
#define REVOPS_ARGS_H

#include <stddef.h>
#include <stdint.h>

#include "revops.h"

/* A verdict: the value, SQL NULL (the caller applies its NULL rule), or a
** broken rule (the binding raises the error). */
#define REVOPS_ARG_OK 0
#define REVOPS_ARG_NULL 1
#define REVOPS_ARG_BAD 2

/* The rules.  Every number rule first wants a finite INTEGER or REAL
** (text is an error, never coerced: SPEC section 2). */
enum {
  REVOPS_RULE_NUMBER,   /* any finite number */
  REVOPS_RULE_NONNEG,   /* a number >= 0 (months, days, multiples) */
  REVOPS_RULE_FRACTION, /* in [0, 1]; 75 gets "(divide percentages by 100)" */
  REVOPS_RULE_MONEY,    /* an amount >= 0, at most REVOPS_MONEY_MAX, quantised */
  REVOPS_RULE_SMONEY,   /* a signed amount (a change, a burn), |x| <= max */
  REVOPS_RULE_COUNT,    /* a whole number >= 0 */
  REVOPS_RULE_POSITIVE, /* a number > 0 */
  REVOPS_RULE_DATE,     /* ISO-8601 text (or an engine's date), as ms since 1970 */
  REVOPS_RULE_TEXT,     /* text, as it is */
  REVOPS_RULE_SCORE,    /* a 0..100 score */
  REVOPS_RULE_MONTH,    /* a whole month number >= 1 (month of the hire: 1) */
  REVOPS_RULE_LABEL,    /* a 0/1 label (learn_fit, auc, ...) */
  REVOPS_RULE_FEATURE,  /* a feature value within +-REVOPS_LEARN_MAX_VALUE */
  REVOPS_RULE_PENALTY,  /* learn_fit's lambda: a number > 0, never NULL */
  REVOPS_RULE_NAME      /* a feature name: text of 1 to REVOPS_LEARN_MAX_NAME
                        ** bytes without NUL, never NULL */
};

typedef struct RevopsArg {
  const char *zName; /* as the reference page names it */
  int eRule;
  double rMax;       /* when > 0, also "at most rMax" */
} RevopsArg;
#define REVOPS_MAX_ARGS 9

/* A value as the rules see it. */
enum {
  REVOPS_VAL_NULL,
  REVOPS_VAL_INT,
  REVOPS_VAL_FLOAT,
  REVOPS_VAL_TEXT,
  REVOPS_VAL_BLOB,
  REVOPS_VAL_DATE, /* an engine's date or timestamp type (not SQLite) */
  REVOPS_VAL_OTHER /* any other type */
};
typedef struct RevopsValue {
  int eType;
  double r;      /* INT, FLOAT: the value as a double */
  const char *z; /* TEXT, when revops_rule_reads_text (not NUL-terminated) */
  size_t n;
  int64_t ms;    /* DATE */
} RevopsValue;

/* Whether a rule reads a text value's bytes (a binding fetches them only
** then: for the other rules, text is an error whatever it holds). */
int revops_rule_reads_text(int eRule);

/* What revops_arg_read found. */
typedef struct RevopsArgRead {
  double r;                 /* number rules: the value (money quantised,
                            ** dates as ms); NAN for NULL */
  int64_t i;                /* MONEY: the units; DATE: the ms */
  const char *z;            /* TEXT */
  size_t n;
  const char *zRule;        /* BAD: "must be ..." */
  const char *zHint;        /* BAD: "" or " (divide percentages by 100)" ... */
  char zBuf[96];            /* room for a rule with its bound */
} RevopsArgRead;

/* Check v against pArg's rule.  REVOPS_ARG_OK (the value in *p),
** REVOPS_ARG_NULL, or REVOPS_ARG_BAD with p->zRule and p->zHint. */
int revops_arg_read(const RevopsArg *pArg, const RevopsValue *v, RevopsArgRead *p);

/* ------------------------------------------------- the functions' tables */
/* How the core reads a call's arguments: the binding's side.  xRead reads
** argument iArg by pArg's rule (revops_arg_read on the engine's value):
** REVOPS_ARG_OK, REVOPS_ARG_NULL, or REVOPS_ARG_BAD after reporting the
** error.  xBad reports argument iArg as breaking zRule (the binding
** describes the value).  A binding whose errors do not return
** (PostgreSQL's ereport) never sees REVOPS_ARG_BAD. */
typedef struct RevopsCall {
  int nArg; /* how many arguments the SQL call has */
  void *pCtx;
  int (*xRead)(void *pCtx, int iArg, const RevopsArg *pArg, RevopsArgRead *p);
  void (*xBad)(void *pCtx, int iArg, const char *zArg, const char *zRule, const char *zHint);
} RevopsCall;

/* What a scalar returns. */
enum {
  REVOPS_RES_NULL,
  REVOPS_RES_REAL, /* finite */
  REVOPS_RES_INT,
  REVOPS_RES_TEXT, /* static text */
  REVOPS_RES_JSON  /* zJson: revops_malloc'd, the caller frees it */
};
typedef struct RevopsResult {
  int eType;
  double r;
  int64_t i;
  const char *z;
  char *zJson;
} RevopsResult;

/* revops_spec_call's status when xRead or xBad has reported an error. */
#define REVOPS_REPORTED 16

/* One scalar function: its arguments in SQL order and its body, one of a
** formula over the numbers as read, a label (static text) over them, or a
** body of its own that reads through the RevopsCall.  From nRequired on
** an argument is optional: NULL means "not given" (NAN for a formula). */
typedef struct RevopsSpec {
  const char *zName; /* the SQL name */
  int nRequired;
  int nArg;          /* aArg's length: the most arguments the function takes */
  RevopsArg aArg[REVOPS_MAX_ARGS];
  /* a formula: REVOPS_OK with *pOut, REVOPS_NULL, or REVOPS_ERROR with the
  ** reason (without the function's name) in zErr */
  int (*xEval)(const double *a, int nArg, double *pOut, char *zErr, size_t nErr);
  /* a label: static text, never NULL */
  const char *(*xLabel)(const double *a, int nArg);
  /* a body of its own: as revops_spec_call */
  int (*xCall)(const struct RevopsSpec *p, const RevopsCall *c, RevopsResult *pRes, char *zErr,
               size_t nErr);
  const void *pArg;  /* the body's own data */
} RevopsSpec;

/* Run one call of p: REVOPS_OK with *pRes, REVOPS_ERROR with the reason in
** zErr (the binding writes "fn(): <zErr>"), REVOPS_NOMEM, or
** REVOPS_REPORTED.  Every argument is checked before a NULL decides
** (docs/conventions.md); a result that is not finite is an error ("the
** result is too large"), never Inf or NaN. */
int revops_spec_call(const RevopsSpec *p, const RevopsCall *c, RevopsResult *pRes, char *zErr,
                     size_t nErr);

/* Every scalar function with a table, and the table of one by SQL name
** (NULL when there is none). */
extern const RevopsSpec *const revops_specs[];
extern const int revops_nspec;
const RevopsSpec *revops_spec(const char *zName);

/* The tables by name, for a binding's registration rows. */
#define REVOPS_SPEC_LIST(X)                                                           \
  X(deal_health) X(deal_health_factors) X(deal_health_status) X(forecast_category)    \
  X(coverage_status) X(sales_velocity) X(required_pipeline) X(stage_probability)     \
  X(wilson_lower) X(wilson_upper) X(win_band) X(mape_grade) X(cac) X(ltv) X(ltv_cac)              \
  X(cac_payback_months) X(magic_number) X(burn_multiple) X(quick_ratio) X(roi) X(arr) \
  X(attribution_weight) X(account_tier) X(aging_bucket) X(engagement_score)           \
  X(account_status) X(customer_health) X(customer_health_factors)                     \
  X(customer_health_status) X(churn_risk) X(churn_risk_factors) X(churn_risk_level)   \
  X(required_aes) X(ramped_capacity) X(scenario_revenue) X(scenario_win_rate)         \
  X(scenario_cycle_days) X(scenario_churn_rate) X(scenario_confidence)
#define REVOPS_SPEC_EXTERN(name) extern const RevopsSpec revops_spec_##name;
REVOPS_SPEC_LIST(REVOPS_SPEC_EXTERN)
#undef REVOPS_SPEC_EXTERN

#endif /* REVOPS_ARGS_H */
