/*
** common.c — registration and argument checking shared by every domain.
**
** The NULL and error policy of docs/conventions.md lives here: every
** function reads its arguments through these helpers, so the messages have
** one shape ("fn(): arg must ..., got X") and no function coerces text.
*/
#include <math.h>
#include <stdarg.h>
#include <string.h>

#include "revops_ext.h"
#include "buf.h"

/* The core allocates through SQLite's allocator (STYLE: memory). */
void *revops_malloc(size_t n) { return sqlite3_malloc64((sqlite3_uint64)n); }
void *revops_realloc(void *p, size_t n) {
  return sqlite3_realloc64(p, (sqlite3_uint64)n);
}
void revops_free(void *p) { sqlite3_free(p); }

int revops_register_funcs(sqlite3 *db, const RevopsFunc *aFunc, int nFunc,
                          void *pApp, void (*xDestroy)(void *)) {
  int i, rc = SQLITE_OK;
  for (i = 0; i < nFunc && rc == SQLITE_OK; i++) {
    const RevopsFunc *f = &aFunc[i];
    /* The row itself is the user data: the body finds its name and its
    ** own argument there, wherever the row sits in its table. */
    void *p = pApp ? pApp : (void *)(uintptr_t)f;
    if (f->xFunc) {
      rc = sqlite3_create_function_v2(db, f->zName, f->nArg, f->eFlags, p,
                                      f->xFunc, 0, 0, xDestroy);
    } else {
      rc = sqlite3_create_window_function(db, f->zName, f->nArg, f->eFlags,
                                          p, f->xStep, f->xFinal,
                                          f->xValue, f->xInverse, xDestroy);
    }
  }
  return rc;
}

int revops_vtab_connect(sqlite3 *db, const char *zSchema, int eConfig,
                        sqlite3_vtab **ppVtab) {
  sqlite3_vtab *p;
  int rc = sqlite3_declare_vtab(db, zSchema);
  if (rc != SQLITE_OK) return rc;
  p = sqlite3_malloc(sizeof(*p));
  if (p == 0) return SQLITE_NOMEM;
  memset(p, 0, sizeof(*p));
  sqlite3_vtab_config(db, eConfig);
  *ppVtab = p;
  return SQLITE_OK;
}

int revops_vtab_disconnect(sqlite3_vtab *p) {
  sqlite3_free(p);
  return SQLITE_OK;
}

char *revops_utf8_fix(char *z) {
  RevopsBuf b;
  size_t n;
  if (z == 0) return 0;
  n = strlen(z);
  if (revops_utf8_invalid_at(z, n) == n) return z;
  revops_buf_init(&b);
  revops_buf_utf8(&b, z, n);
  sqlite3_free(z);
  return revops_buf_finish(&b); /* revops_malloc is sqlite3_malloc64 */
}

void revops_result_errorf(sqlite3_context *ctx, const char *zFmt, ...) {
  va_list ap;
  char *z;
  va_start(ap, zFmt);
  /* Messages quote argument values, which need not be UTF-8. */
  z = revops_utf8_fix(sqlite3_vmprintf(zFmt, ap));
  va_end(ap);
  if (z == 0) {
    sqlite3_result_error_nomem(ctx);
    return;
  }
  sqlite3_result_error(ctx, z, -1);
  sqlite3_free(z);
}

/* Text is shown quoted and cut at 60 bytes (on a UTF-8 boundary). */
char *revops_describe_value(sqlite3_value *v) {
  switch (sqlite3_value_type(v)) {
    case SQLITE_INTEGER:
      return sqlite3_mprintf("%lld", sqlite3_value_int64(v));
    case SQLITE_FLOAT:
      return sqlite3_mprintf("%.15g", sqlite3_value_double(v));
    case SQLITE_TEXT: {
      const char *z = (const char *)sqlite3_value_text(v);
      int n = sqlite3_value_bytes(v);
      if (z == 0) return 0;
      if (n > 60) {
        n = 57;
        while (n > 0 && ((unsigned char)z[n] & 0xC0) == 0x80) n--;
        return sqlite3_mprintf("text '%.*q...'", n, z);
      }
      return sqlite3_mprintf("text '%q'", z);
    }
    case SQLITE_BLOB:
      return sqlite3_mprintf("a blob");
    default:
      return sqlite3_mprintf("NULL");
  }
}

int revops_arg_bad(sqlite3_context *ctx, sqlite3_value *v, const char *zFunc,
                   const char *zArg, const char *zRule, const char *zHint) {
  char *zVal = revops_describe_value(v);
  if (zVal == 0) {
    sqlite3_result_error_nomem(ctx);
  } else {
    revops_result_errorf(ctx, "%s(): %s %s, got %s%s", zFunc, zArg, zRule,
                         zVal, zHint ? zHint : "");
  }
  sqlite3_free(zVal);
  return REVOPS_ARG_BAD;
}

int revops_arg_number(sqlite3_context *ctx, sqlite3_value *v,
                      const char *zFunc, const char *zArg, double *pOut) {
  switch (sqlite3_value_type(v)) {
    case SQLITE_INTEGER:
    case SQLITE_FLOAT:
      *pOut = sqlite3_value_double(v);
      if (!isfinite(*pOut)) {
        return revops_arg_bad(ctx, v, zFunc, zArg, "must be a finite number", 0);
      }
      return REVOPS_ARG_OK;
    case SQLITE_NULL:
      return REVOPS_ARG_NULL;
    case SQLITE_TEXT:
      return revops_arg_bad(ctx, v, zFunc, zArg, "must be a number",
                     " (text is not converted; use CAST(x AS REAL) if it holds a number)");
    default:
      return revops_arg_bad(ctx, v, zFunc, zArg, "must be a number", 0);
  }
}

int revops_arg_nonneg(sqlite3_context *ctx, sqlite3_value *v,
                      const char *zFunc, const char *zArg, double *pOut) {
  int rc = revops_arg_number(ctx, v, zFunc, zArg, pOut);
  if (rc == REVOPS_ARG_OK && *pOut < 0) {
    return revops_arg_bad(ctx, v, zFunc, zArg, "must not be negative", 0);
  }
  return rc;
}

int revops_arg_fraction(sqlite3_context *ctx, sqlite3_value *v,
                        const char *zFunc, const char *zArg, double *pOut) {
  int rc = revops_arg_number(ctx, v, zFunc, zArg, pOut);
  if (rc == REVOPS_ARG_OK && (*pOut < 0 || *pOut > 1)) {
    return revops_arg_bad(ctx, v, zFunc, zArg, "must be between 0 and 1",
                   (*pOut > 1 && *pOut <= 100) ? " (divide percentages by 100)" : 0);
  }
  return rc;
}

int revops_arg_money(sqlite3_context *ctx, sqlite3_value *v,
                     const char *zFunc, const char *zArg, int64_t *pUnits) {
  double d;
  int rc = revops_arg_nonneg(ctx, v, zFunc, zArg, &d);
  if (rc != REVOPS_ARG_OK) return rc;
  if (revops_money_quantize(d, pUnits) != REVOPS_OK) {
    return revops_arg_bad(ctx, v, zFunc, zArg, "must be at most 900000000000000", 0);
  }
  return REVOPS_ARG_OK;
}

int revops_arg_date(sqlite3_context *ctx, sqlite3_value *v,
                    const char *zFunc, const char *zArg, int64_t *pMs) {
  int t = sqlite3_value_type(v);
  if (t == SQLITE_NULL) return REVOPS_ARG_NULL;
  if (t == SQLITE_TEXT) {
    const char *z = (const char *)sqlite3_value_text(v);
    if (z == 0) {
      sqlite3_result_error_nomem(ctx);
      return REVOPS_ARG_BAD;
    }
    if (revops_parse_datetime(z, (size_t)sqlite3_value_bytes(v), pMs) == REVOPS_OK) {
      return REVOPS_ARG_OK;
    }
  }
  return revops_arg_bad(ctx, v, zFunc, zArg,
                 "must be an ISO-8601 date such as '2026-01-31'", 0);
}

int revops_arg_text(sqlite3_context *ctx, sqlite3_value *v,
                    const char *zFunc, const char *zArg, const char **pz,
                    int *pn) {
  int t = sqlite3_value_type(v);
  if (t == SQLITE_NULL) return REVOPS_ARG_NULL;
  if (t != SQLITE_TEXT) return revops_arg_bad(ctx, v, zFunc, zArg, "must be text", 0);
  *pz = (const char *)sqlite3_value_text(v);
  if (*pz == 0) {
    sqlite3_result_error_nomem(ctx);
    return REVOPS_ARG_BAD;
  }
  *pn = sqlite3_value_bytes(v);
  return REVOPS_ARG_OK;
}

void revops_result_json(sqlite3_context *ctx, char *zJson) {
  if (zJson == 0) {
    sqlite3_result_error_nomem(ctx);
    return;
  }
  sqlite3_result_text(ctx, zJson, -1, revops_free);
  sqlite3_result_subtype(ctx, 'J');
}

/* A signed amount within the exact-money range. */
static int arg_signed_money(sqlite3_context *ctx, sqlite3_value *v,
                            const char *zFunc, const char *zArg, double *pOut) {
  int rc = revops_arg_number(ctx, v, zFunc, zArg, pOut);
  if (rc == REVOPS_ARG_OK && fabs(*pOut) > REVOPS_MONEY_MAX) {
    return revops_arg_bad(ctx, v, zFunc, zArg,
                          "must be between -900000000000000 and 900000000000000", 0);
  }
  return rc;
}

/* "must be at most M" (or "greater than 0 and at most M"); M is written
** as a whole number when it is one. */
static int arg_bad_max(sqlite3_context *ctx, sqlite3_value *v, const char *zFunc,
                       const RevopsArg *pArg) {
  char *zRule;
  int rc;
  const char *zLow = pArg->eRule == REVOPS_RULE_POSITIVE ? "greater than 0" : 0;
  if (pArg->rMax <= 0) {
    zRule = sqlite3_mprintf("must be %s", zLow);
  } else if (pArg->rMax == floor(pArg->rMax) && pArg->rMax < 9e18) {
    zRule = sqlite3_mprintf("must be %s%sat most %lld", zLow ? zLow : "", zLow ? " and " : "",
                            (long long)pArg->rMax);
  } else {
    zRule = sqlite3_mprintf("must be %s%sat most %.15g", zLow ? zLow : "", zLow ? " and " : "",
                            pArg->rMax);
  }
  if (zRule == 0) {
    sqlite3_result_error_nomem(ctx);
    return REVOPS_ARG_BAD;
  }
  rc = revops_arg_bad(ctx, v, zFunc, pArg->zName, zRule, 0);
  sqlite3_free(zRule);
  return rc;
}

int revops_args(sqlite3_context *ctx, int argc, sqlite3_value **argv,
                const char *zFunc, const RevopsArg *aArg, int nRequired,
                double *a) {
  int i, rc, anyNull = 0;
  for (i = 0; i < argc; i++) {
    const char *zArg = aArg[i].zName;
    switch (aArg[i].eRule) {
      case REVOPS_RULE_MONEY: {
        int64_t units = 0;
        rc = revops_arg_money(ctx, argv[i], zFunc, zArg, &units);
        a[i] = (double)units / REVOPS_MONEY_SCALE;
        break;
      }
      case REVOPS_RULE_SMONEY:
        rc = arg_signed_money(ctx, argv[i], zFunc, zArg, &a[i]);
        break;
      case REVOPS_RULE_FRACTION:
        rc = revops_arg_fraction(ctx, argv[i], zFunc, zArg, &a[i]);
        break;
      case REVOPS_RULE_NONNEG:
        rc = revops_arg_nonneg(ctx, argv[i], zFunc, zArg, &a[i]);
        break;
      case REVOPS_RULE_COUNT:
        rc = revops_arg_number(ctx, argv[i], zFunc, zArg, &a[i]);
        if (rc == REVOPS_ARG_OK && (a[i] < 0 || a[i] != floor(a[i]))) {
          rc = revops_arg_bad(ctx, argv[i], zFunc, zArg,
                              "must be a whole number of at least 0", 0);
        }
        break;
      case REVOPS_RULE_DATE: {
        int64_t ms = 0;
        rc = revops_arg_date(ctx, argv[i], zFunc, zArg, &ms);
        a[i] = (double)ms; /* exact: |ms| < 2^53 for years 0000-9999 */
        break;
      }
      case REVOPS_RULE_POSITIVE:
        rc = revops_arg_number(ctx, argv[i], zFunc, zArg, &a[i]);
        if (rc == REVOPS_ARG_OK && a[i] <= 0) rc = arg_bad_max(ctx, argv[i], zFunc, &aArg[i]);
        break;
      default:
        rc = revops_arg_number(ctx, argv[i], zFunc, zArg, &a[i]);
        break;
    }
    if (rc == REVOPS_ARG_OK && aArg[i].rMax > 0 && a[i] > aArg[i].rMax) {
      rc = arg_bad_max(ctx, argv[i], zFunc, &aArg[i]);
    }
    if (rc == REVOPS_ARG_BAD) return REVOPS_ARG_BAD;
    if (rc == REVOPS_ARG_NULL) {
      a[i] = NAN;
      if (i < nRequired) anyNull = 1;
    }
  }
  return anyNull ? REVOPS_ARG_NULL : REVOPS_ARG_OK;
}

void revops_result_double(sqlite3_context *ctx, const char *zFunc, int rc,
                          double v, const char *zErr) {
  switch (rc) {
    case REVOPS_OK:
      if (isfinite(v)) {
        sqlite3_result_double(ctx, v);
      } else {
        /* e.g. cac(900000000000000, 1e-300): an error, never a wrong number */
        revops_result_errorf(ctx, "%s(): the result is too large", zFunc);
      }
      break;
    case REVOPS_NULL:
      sqlite3_result_null(ctx);
      break;
    case REVOPS_NOMEM:
      sqlite3_result_error_nomem(ctx);
      break;
    default:
      revops_result_errorf(ctx, "%s(): %s", zFunc, zErr ? zErr : "failed");
      break;
  }
}

void revops_formula_func(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  const RevopsFunc *f = revops_func(ctx);
  const RevopsFormula *p = (const RevopsFormula *)f->pArg;
  double a[REVOPS_MAX_ARGS], v = 0;
  char zErr[REVOPS_ERRMSG_SIZE];
  int rc;
  if (argc > REVOPS_MAX_ARGS) argc = REVOPS_MAX_ARGS; /* rows never exceed it */
  rc = revops_args(ctx, argc, argv, f->zName, p->aArg, p->nRequired, a);
  if (rc != REVOPS_ARG_OK) return; /* NULL in, NULL out; or the error */
  zErr[0] = 0;
  rc = p->xEval(a, argc, &v, zErr, sizeof(zErr));
  revops_result_double(ctx, f->zName, rc, v, zErr);
}

void revops_label_func(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  const RevopsFunc *f = revops_func(ctx);
  const RevopsLabel *p = (const RevopsLabel *)f->pArg;
  double a[REVOPS_MAX_ARGS];
  if (argc > REVOPS_MAX_ARGS) argc = REVOPS_MAX_ARGS;
  if (revops_args(ctx, argc, argv, f->zName, p->aArg, p->nRequired, a) != REVOPS_ARG_OK) {
    return; /* NULL in, NULL out; or the error */
  }
  sqlite3_result_text(ctx, p->xLabel(a, argc), -1, SQLITE_STATIC);
}
