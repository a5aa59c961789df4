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
    /* A row of ext/core's tables and its table name the same function,
    ** and a formula or label takes no more arguments than its table has. */
    if (f->xFunc == revops_spec_func) {
      const RevopsSpec *spec = (const RevopsSpec *)f->pArg;
      if (spec == 0 || strcmp(spec->zName, f->zName) != 0 ||
          (spec->xCall == 0 && f->nArg > spec->nArg)) {
        return SQLITE_INTERNAL;
      }
    }
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

/* v as the rules see it; the text only when the rule reads it. */
static int to_value(sqlite3_context *ctx, sqlite3_value *v, int eRule, RevopsValue *p) {
  memset(p, 0, sizeof(*p));
  switch (sqlite3_value_type(v)) {
    case SQLITE_INTEGER: p->eType = REVOPS_VAL_INT; break;
    case SQLITE_FLOAT: p->eType = REVOPS_VAL_FLOAT; break;
    case SQLITE_TEXT: p->eType = REVOPS_VAL_TEXT; break;
    case SQLITE_BLOB: p->eType = REVOPS_VAL_BLOB; return 1;
    default: p->eType = REVOPS_VAL_NULL; return 1;
  }
  if (p->eType != REVOPS_VAL_TEXT) {
    p->r = sqlite3_value_double(v);
  } else if (revops_rule_reads_text(eRule)) {
    p->z = (const char *)sqlite3_value_text(v);
    if (p->z == 0) {
      sqlite3_result_error_nomem(ctx);
      return 0;
    }
    p->n = (size_t)sqlite3_value_bytes(v);
  }
  return 1;
}

int revops_arg_value(sqlite3_context *ctx, sqlite3_value *v, const char *zFunc,
                     const RevopsArg *pArg, RevopsArgRead *p) {
  RevopsValue x;
  int rc;
  if (!to_value(ctx, v, pArg->eRule, &x)) return REVOPS_ARG_BAD;
  rc = revops_arg_read(pArg, &x, p);
  if (rc == REVOPS_ARG_BAD) revops_arg_bad(ctx, v, zFunc, pArg->zName, p->zRule, p->zHint);
  return rc;
}

/* One argument by one rule, as a double. */
static int arg_rule(sqlite3_context *ctx, sqlite3_value *v, const char *zFunc,
                    const char *zArg, int eRule, double *pOut) {
  RevopsArg arg;
  RevopsArgRead rd;
  int rc;
  arg.zName = zArg;
  arg.eRule = eRule;
  arg.rMax = 0;
  rc = revops_arg_value(ctx, v, zFunc, &arg, &rd);
  if (rc == REVOPS_ARG_OK) *pOut = rd.r;
  return rc;
}

int revops_arg_number(sqlite3_context *ctx, sqlite3_value *v,
                      const char *zFunc, const char *zArg, double *pOut) {
  return arg_rule(ctx, v, zFunc, zArg, REVOPS_RULE_NUMBER, pOut);
}

int revops_arg_nonneg(sqlite3_context *ctx, sqlite3_value *v,
                      const char *zFunc, const char *zArg, double *pOut) {
  return arg_rule(ctx, v, zFunc, zArg, REVOPS_RULE_NONNEG, pOut);
}

int revops_arg_fraction(sqlite3_context *ctx, sqlite3_value *v,
                        const char *zFunc, const char *zArg, double *pOut) {
  return arg_rule(ctx, v, zFunc, zArg, REVOPS_RULE_FRACTION, pOut);
}

int revops_arg_money(sqlite3_context *ctx, sqlite3_value *v,
                     const char *zFunc, const char *zArg, int64_t *pUnits) {
  RevopsArg arg = {zArg, REVOPS_RULE_MONEY, 0};
  RevopsArgRead rd;
  int rc = revops_arg_value(ctx, v, zFunc, &arg, &rd);
  if (rc == REVOPS_ARG_OK) *pUnits = rd.i;
  return rc;
}

int revops_arg_date(sqlite3_context *ctx, sqlite3_value *v,
                    const char *zFunc, const char *zArg, int64_t *pMs) {
  RevopsArg arg = {zArg, REVOPS_RULE_DATE, 0};
  RevopsArgRead rd;
  int rc = revops_arg_value(ctx, v, zFunc, &arg, &rd);
  if (rc == REVOPS_ARG_OK) *pMs = rd.i;
  return rc;
}

int revops_arg_text(sqlite3_context *ctx, sqlite3_value *v,
                    const char *zFunc, const char *zArg, const char **pz,
                    int *pn) {
  RevopsArg arg = {zArg, REVOPS_RULE_TEXT, 0};
  RevopsArgRead rd;
  int rc = revops_arg_value(ctx, v, zFunc, &arg, &rd);
  if (rc == REVOPS_ARG_OK) {
    *pz = rd.z;
    *pn = (int)rd.n;
  }
  return rc;
}

void revops_result_json(sqlite3_context *ctx, char *zJson) {
  if (zJson == 0) {
    sqlite3_result_error_nomem(ctx);
    return;
  }
  sqlite3_result_text(ctx, zJson, -1, revops_free);
  sqlite3_result_subtype(ctx, 'J');
}

int revops_args(sqlite3_context *ctx, int argc, sqlite3_value **argv,
                const char *zFunc, const RevopsArg *aArg, int nRequired,
                double *a) {
  int i, rc, anyNull = 0;
  for (i = 0; i < argc; i++) {
    RevopsArgRead rd;
    rc = revops_arg_value(ctx, argv[i], zFunc, &aArg[i], &rd);
    if (rc == REVOPS_ARG_BAD) return REVOPS_ARG_BAD;
    a[i] = rd.r; /* NAN for NULL */
    if (rc == REVOPS_ARG_NULL && i < nRequired) anyNull = 1;
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

/* The binding's side of a RevopsCall (args.h). */
typedef struct SpecCtx {
  sqlite3_context *ctx;
  sqlite3_value **argv;
  const char *zFunc;
} SpecCtx;

static int spec_read(void *p, int iArg, const RevopsArg *pArg, RevopsArgRead *pRd) {
  SpecCtx *s = p;
  return revops_arg_value(s->ctx, s->argv[iArg], s->zFunc, pArg, pRd);
}

static void spec_bad(void *p, int iArg, const char *zArg, const char *zRule, const char *zHint) {
  SpecCtx *s = p;
  revops_arg_bad(s->ctx, s->argv[iArg], s->zFunc, zArg, zRule, zHint);
}

void revops_spec_func(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  const RevopsFunc *f = revops_func(ctx);
  SpecCtx s = {ctx, argv, f->zName};
  RevopsCall call = {argc, &s, spec_read, spec_bad};
  RevopsResult r;
  char zErr[REVOPS_ERRMSG_SIZE];
  int rc = revops_spec_call((const RevopsSpec *)f->pArg, &call, &r, zErr, sizeof(zErr));
  switch (rc) {
    case REVOPS_OK: break;
    case REVOPS_REPORTED: return;
    case REVOPS_NOMEM: sqlite3_result_error_nomem(ctx); return;
    default: revops_result_errorf(ctx, "%s(): %s", f->zName, zErr); return;
  }
  switch (r.eType) {
    case REVOPS_RES_REAL: sqlite3_result_double(ctx, r.r); break;
    case REVOPS_RES_INT: sqlite3_result_int64(ctx, r.i); break;
    case REVOPS_RES_TEXT: sqlite3_result_text(ctx, r.z, -1, SQLITE_STATIC); break;
    case REVOPS_RES_JSON: revops_result_json(ctx, r.zJson); break;
    default: sqlite3_result_null(ctx); break;
  }
}
