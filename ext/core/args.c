/*
** args.c — the argument rules and their words (args.h), for every
** binding: docs/conventions.md's NULL and error policy, checked once.
*/
#include <math.h>
#include <stdio.h>

#include "internal.h"
#include "args.h"
#include "learn.h"

int revops_rule_reads_text(int eRule) {
  return eRule == REVOPS_RULE_TEXT || eRule == REVOPS_RULE_DATE || eRule == REVOPS_RULE_NAME;
}

static int bad(RevopsArgRead *p, const char *zRule, const char *zHint) {
  p->zRule = zRule;
  p->zHint = zHint ? zHint : "";
  return REVOPS_ARG_BAD;
}

/* "must be at most M" (or "greater than 0 and at most M"); M is written as
** a whole number when it is one. */
static int bad_max(RevopsArgRead *p, const RevopsArg *pArg) {
  const char *zLow = pArg->eRule == REVOPS_RULE_POSITIVE ? "greater than 0" : 0;
  const char *zAnd = zLow ? " and " : "";
  if (pArg->rMax <= 0) {
    snprintf(p->zBuf, sizeof(p->zBuf), "must be %s", zLow ? zLow : "");
  } else if (pArg->rMax == floor(pArg->rMax) && pArg->rMax < 9e18) {
    snprintf(p->zBuf, sizeof(p->zBuf), "must be %s%sat most %lld", zLow ? zLow : "", zAnd,
             (long long)pArg->rMax);
  } else {
    char z[40];
    revops_fmt_num(z, sizeof(z), pArg->rMax);
    snprintf(p->zBuf, sizeof(p->zBuf), "must be %s%sat most %s", zLow ? zLow : "", zAnd, z);
  }
  return bad(p, p->zBuf, 0);
}

/* Any finite number: INTEGER or REAL. */
static int read_number(const RevopsValue *v, RevopsArgRead *p) {
  switch (v->eType) {
    case REVOPS_VAL_INT:
    case REVOPS_VAL_FLOAT:
      p->r = v->r;
      if (!isfinite(p->r)) return bad(p, "must be a finite number", 0);
      return REVOPS_ARG_OK;
    case REVOPS_VAL_NULL: return REVOPS_ARG_NULL;
    case REVOPS_VAL_TEXT:
      return bad(p, "must be a number",
                 " (text is not converted; use CAST(x AS REAL) if it holds a number)");
    default: return bad(p, "must be a number", 0);
  }
}

static int read_date(const RevopsValue *v, RevopsArgRead *p) {
  int64_t ms = 0;
  if (v->eType == REVOPS_VAL_NULL) return REVOPS_ARG_NULL;
  if (v->eType == REVOPS_VAL_DATE) {
    ms = v->ms;
  } else if (v->eType != REVOPS_VAL_TEXT || v->z == 0 ||
             revops_parse_datetime(v->z, v->n, &ms) != REVOPS_OK) {
    return bad(p, "must be an ISO-8601 date such as '2026-01-31'", 0);
  }
  p->i = ms;
  p->r = (double)ms; /* exact: |ms| < 2^53 for years 0000-9999 */
  return REVOPS_ARG_OK;
}

int revops_arg_read(const RevopsArg *pArg, const RevopsValue *v, RevopsArgRead *p) {
  int rc;
  p->r = NAN;
  p->i = 0;
  p->z = 0;
  p->n = 0;
  p->zRule = p->zHint = 0;
  switch (pArg->eRule) {
    case REVOPS_RULE_TEXT:
      if (v->eType == REVOPS_VAL_NULL) return REVOPS_ARG_NULL;
      if (v->eType != REVOPS_VAL_TEXT) return bad(p, "must be text", 0);
      p->z = v->z;
      p->n = v->n;
      return REVOPS_ARG_OK;
    case REVOPS_RULE_NAME:
      if (v->eType != REVOPS_VAL_NULL && v->eType != REVOPS_VAL_TEXT) return bad(p, "must be text", 0);
      if (v->eType == REVOPS_VAL_NULL || v->n < 1 || v->n > REVOPS_LEARN_MAX_NAME ||
          memchr(v->z, 0, v->n)) {
        return bad(p, "must be text of 1 to 64 bytes", 0);
      }
      p->z = v->z;
      p->n = v->n;
      return REVOPS_ARG_OK;
    case REVOPS_RULE_DATE: rc = read_date(v, p); break;
    default:
      rc = read_number(v, p);
      if (pArg->eRule == REVOPS_RULE_PENALTY && (rc == REVOPS_ARG_NULL || (rc == REVOPS_ARG_OK && !(p->r > 0)))) {
        return bad(p, "must be a number > 0", " (the L2 penalty)");
      }
      if (rc != REVOPS_ARG_OK) break;
      switch (pArg->eRule) {
        case REVOPS_RULE_NONNEG:
          if (p->r < 0) return bad(p, "must not be negative", 0);
          break;
        case REVOPS_RULE_FRACTION:
          if (p->r < 0 || p->r > 1) {
            return bad(p, "must be between 0 and 1",
                       (p->r > 1 && p->r <= 100) ? " (divide percentages by 100)" : 0);
          }
          break;
        case REVOPS_RULE_MONEY:
          if (p->r < 0) return bad(p, "must not be negative", 0);
          if (revops_money_quantize(p->r, &p->i) != REVOPS_OK) {
            return bad(p, "must be at most 900000000000000", 0);
          }
          p->r = (double)p->i / REVOPS_MONEY_SCALE;
          break;
        case REVOPS_RULE_SMONEY:
          if (fabs(p->r) > REVOPS_MONEY_MAX) {
            return bad(p, "must be between -900000000000000 and 900000000000000", 0);
          }
          break;
        case REVOPS_RULE_COUNT:
          if (p->r < 0 || p->r != floor(p->r)) {
            return bad(p, "must be a whole number of at least 0", 0);
          }
          break;
        case REVOPS_RULE_POSITIVE:
          if (p->r <= 0) return bad_max(p, pArg);
          break;
        case REVOPS_RULE_SCORE:
          if (p->r < 0 || p->r > 100) return bad(p, "must be between 0 and 100", 0);
          break;
        case REVOPS_RULE_MONTH:
          if (p->r < 1 || p->r != floor(p->r)) {
            return bad(p, "must be a whole number of at least 1 (the month of the hire is month 1)",
                       0);
          }
          break;
        case REVOPS_RULE_LABEL:
          if (p->r != 0 && p->r != 1) return bad(p, "must be 0 or 1", 0);
          break;
        case REVOPS_RULE_FEATURE:
          if (fabs(p->r) > REVOPS_LEARN_MAX_VALUE) return bad(p, "must be between -1e15 and 1e15", 0);
          break;
        default: break;
      }
      break;
  }
  if (rc == REVOPS_ARG_OK && pArg->rMax > 0 && p->r > pArg->rMax) return bad_max(p, pArg);
  if (rc == REVOPS_ARG_NULL) p->r = NAN;
  return rc;
}
