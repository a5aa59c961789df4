/*
** common.c — the entry point, memory, values, argument rules and states
** shared by every file of ext/postgres.
**
** The rules and their messages are those of ext/sqlite/common.c, word for
** word: a function raises the same error text on PostgreSQL as on SQLite
** for the same value (tests/postgres compares them).  What PostgreSQL adds
** is its types: an argument is declared "any", and pg_value maps the type
** it has onto SQLite's storage classes (pg_revops.h), so an integer, a
** numeric, a boolean or a timestamptz column can be passed as it is.
*/
#include "postgres.h"

#include <math.h>
#include <string.h>

#include "catalog/pg_type.h"
#include "fmgr.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/jsonb.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/timestamp.h"

#include "buf.h"
#include "pg_revops.h"

/* The shared object's exports: the magic block and the entry point.
** Everything else is hidden (-fvisibility=hidden); PostgreSQL 15's
** PGDLLEXPORT is empty on ELF platforms, so it is given its meaning here. */
#undef PGDLLEXPORT
#define PGDLLEXPORT __attribute__((visibility("default")))
PG_MODULE_MAGIC;
PG_FUNCTION_INFO_V1(revops_dispatch);
PGDLLEXPORT Datum revops_dispatch(PG_FUNCTION_ARGS);

/* ------------------------------------------------------------- memory */
/* The core allocates in the current memory context: what a call leaves
** behind goes with the context, also when an error unwinds it. */
void *revops_malloc(size_t n) {
  return palloc_extended(n ? n : 1, MCXT_ALLOC_NO_OOM | MCXT_ALLOC_HUGE);
}
void *revops_realloc(void *p, size_t n) {
  if (p == 0) return revops_malloc(n);
  return repalloc_extended(p, n ? n : 1, MCXT_ALLOC_NO_OOM | MCXT_ALLOC_HUGE);
}
void revops_free(void *p) {
  if (p) pfree(p);
}

void pg_nomem(void) {
  ereport(ERROR, (errcode(ERRCODE_OUT_OF_MEMORY), errmsg("out of memory")));
}

/* ----------------------------------------------------------- dispatch */
static const PgDomain *const aDomain[] = {
    &revops_pg_domain_scalars, &revops_pg_domain_aggregates, &revops_pg_domain_leads,
    &revops_pg_domain_learn, &revops_pg_domain_mrr, &revops_pg_domain_sqlite_dates};

/* The user-facing name of a support function: revops_<name>_sfunc and
** the like carry the aggregate's name between the prefix and the suffix
** (set by the body's table row through pArg when they share a body). */
static PgCall *pg_call_init(FunctionCallInfo fcinfo) {
  FmgrInfo *fl = fcinfo->flinfo;
  char *zName = get_func_name(fl->fn_oid);
  PgCall *c;
  int i, j, k;
  if (zName == 0) elog(ERROR, "revops: function %u has no name", fl->fn_oid);
  for (i = 0; i < PG_COUNT(aDomain); i++) {
    const PgDomain *d = aDomain[i];
    for (j = 0; j < d->nFunc; j++) {
      if (strcmp(d->aFunc[j].zName, zName) != 0) continue;
      c = MemoryContextAllocZero(fl->fn_mcxt, sizeof(*c));
      c->f = &d->aFunc[j];
      c->mcxt = fl->fn_mcxt;
      c->zName = MemoryContextStrdup(fl->fn_mcxt, zName);
      c->nType = PG_NARGS() < PG_MAX_ARGS ? PG_NARGS() : PG_MAX_ARGS;
      for (k = 0; k < c->nType; k++) {
        Oid t = get_fn_expr_argtype(fl, k);
        c->aType[k] = OidIsValid(t) ? getBaseType(t) : InvalidOid;
      }
      fl->fn_extra = c;
      pfree(zName);
      return c;
    }
  }
  ereport(ERROR, (errcode(ERRCODE_UNDEFINED_FUNCTION),
                  errmsg("revops: no function named %s in this build (was it renamed?)", zName)));
  return 0;
}

Datum revops_dispatch(PG_FUNCTION_ARGS) {
  PgCall *c = (PgCall *)fcinfo->flinfo->fn_extra;
  if (c == 0) c = pg_call_init(fcinfo);
  return c->f->xBody(fcinfo, c);
}

/* ------------------------------------------------------------- values */
#define MS_2000 INT64CONST(946684800000) /* 2000-01-01, PostgreSQL's epoch */

static int64 floor_div(int64 a, int64 b) {
  int64 q = a / b;
  return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

void pg_value(FunctionCallInfo fcinfo, PgCall *c, int iArg, PgValue *v) {
  Oid t = iArg < c->nType ? c->aType[iArg] : InvalidOid;
  pg_datum_value(PG_ARGISNULL(iArg) ? (Datum)0 : PG_GETARG_DATUM(iArg), PG_ARGISNULL(iArg), t, v);
}

void pg_datum_value(Datum d, bool isNull, Oid t, PgValue *v) {
  memset(v, 0, sizeof(*v));
  v->type = t;
  if (isNull) {
    v->eType = PGV_NULL;
    return;
  }
  switch (t) {
    case INT2OID: v->eType = PGV_INT; v->i = DatumGetInt16(d); break;
    case INT4OID: v->eType = PGV_INT; v->i = DatumGetInt32(d); break;
    case INT8OID: v->eType = PGV_INT; v->i = DatumGetInt64(d); break;
    case BOOLOID: v->eType = PGV_INT; v->i = DatumGetBool(d) ? 1 : 0; break;
    case FLOAT4OID: v->eType = PGV_FLOAT; v->r = DatumGetFloat4(d); return;
    case FLOAT8OID: v->eType = PGV_FLOAT; v->r = DatumGetFloat8(d); return;
    case NUMERICOID:
      v->eType = PGV_FLOAT;
      v->r = DatumGetFloat8(DirectFunctionCall1(numeric_float8_no_overflow, d));
      return;
    case TEXTOID: case VARCHAROID: case BPCHAROID: case JSONOID: {
      text *p = DatumGetTextPP(d);
      v->eType = PGV_TEXT;
      v->z = VARDATA_ANY(p);
      v->n = (int)VARSIZE_ANY_EXHDR(p);
      return;
    }
    case NAMEOID:
      v->eType = PGV_TEXT;
      v->z = NameStr(*DatumGetName(d));
      v->n = (int)strlen(v->z);
      return;
    case UNKNOWNOID: case CSTRINGOID:
      v->eType = PGV_TEXT;
      v->z = DatumGetCString(d);
      v->n = (int)strlen(v->z);
      return;
    case JSONBOID:
      v->eType = PGV_TEXT;
      v->z = DatumGetCString(DirectFunctionCall1(jsonb_out, d));
      v->n = (int)strlen(v->z);
      return;
    case BYTEAOID: case BITOID: case VARBITOID: /* X'00' is a bit string */
      v->eType = PGV_BLOB;
      return;
    case DATEOID: {
      DateADT x = DatumGetDateADT(d);
      if (DATE_NOT_FINITE(x)) { v->eType = PGV_OTHER; return; }
      v->eType = PGV_DATE;
      v->ms = ((int64)x * 86400 * 1000) + MS_2000;
      return;
    }
    case TIMESTAMPOID: case TIMESTAMPTZOID: {
      Timestamp x = DatumGetTimestamp(d);
      if (TIMESTAMP_NOT_FINITE(x)) { v->eType = PGV_OTHER; return; }
      v->eType = PGV_DATE;
      v->ms = floor_div(x, 1000) + MS_2000;
      return;
    }
    default: v->eType = PGV_OTHER; return;
  }
  v->r = (double)v->i;
}

/* ------------------------------------------------------------- errors */
void pg_error(const char *zFmt, ...) {
  va_list ap;
  char z[1024];
  RevopsBuf b;
  va_start(ap, zFmt);
  pg_vsnprintf(z, sizeof(z), zFmt, ap);
  va_end(ap);
  /* Messages quote argument values, which need not be valid UTF-8. */
  revops_buf_init(&b);
  revops_buf_utf8(&b, z, strlen(z));
  ereport(ERROR, (errcode(ERRCODE_INVALID_PARAMETER_VALUE), errmsg("%s", b.z ? b.z : z)));
  pg_unreachable();
}

char *pg_describe(const PgValue *v) {
  char z[40];
  switch (v->eType) {
    case PGV_INT: return psprintf(INT64_FORMAT, v->i);
    case PGV_FLOAT:
      if (isnan(v->r)) return pstrdup("NaN");
      if (isinf(v->r)) return pstrdup(v->r > 0 ? "Inf" : "-Inf");
      revops_fmt_num(z, sizeof(z), v->r);
      return pstrdup(z);
    case PGV_TEXT: {
      StringInfoData s;
      int i, n = v->n, cut = 0;
      if (n > 60) {
        n = 57;
        while (n > 0 && ((unsigned char)v->z[n] & 0xC0) == 0x80) n--;
        cut = 1;
      }
      initStringInfo(&s);
      appendStringInfoString(&s, "text '");
      for (i = 0; i < n; i++) {
        if (v->z[i] == '\'') appendStringInfoChar(&s, '\'');
        if (v->z[i] == 0) break;
        appendStringInfoChar(&s, v->z[i]);
      }
      appendStringInfoString(&s, cut ? "...'" : "'");
      return s.data;
    }
    case PGV_BLOB: return pstrdup("a blob");
    case PGV_NULL: return pstrdup("NULL");
    case PGV_DATE: return psprintf("a value of type %s", format_type_be(v->type));
    default:
      return OidIsValid(v->type) ? psprintf("a value of type %s", format_type_be(v->type))
                                 : pstrdup("a value");
  }
}

void pg_arg_bad(const PgValue *v, const char *zFn, const char *zArg, const char *zRule,
                const char *zHint) {
  pg_error("%s(): %s %s, got %s%s", zFn, zArg, zRule, pg_describe(v), zHint ? zHint : "");
}

/* -------------------------------------------------------- argument rules */
int pg_arg_number(const PgValue *v, const char *zFn, const char *zArg, double *pOut) {
  switch (v->eType) {
    case PGV_INT:
    case PGV_FLOAT:
      *pOut = v->r;
      if (!isfinite(*pOut)) pg_arg_bad(v, zFn, zArg, "must be a finite number", 0);
      return REVOPS_ARG_OK;
    case PGV_NULL: return REVOPS_ARG_NULL;
    case PGV_TEXT:
      pg_arg_bad(v, zFn, zArg, "must be a number",
                 " (text is not converted; use CAST(x AS REAL) if it holds a number)");
    default: pg_arg_bad(v, zFn, zArg, "must be a number", 0);
  }
}

int pg_arg_nonneg(const PgValue *v, const char *zFn, const char *zArg, double *pOut) {
  int rc = pg_arg_number(v, zFn, zArg, pOut);
  if (rc == REVOPS_ARG_OK && *pOut < 0) pg_arg_bad(v, zFn, zArg, "must not be negative", 0);
  return rc;
}

int pg_arg_fraction(const PgValue *v, const char *zFn, const char *zArg, double *pOut) {
  int rc = pg_arg_number(v, zFn, zArg, pOut);
  if (rc == REVOPS_ARG_OK && (*pOut < 0 || *pOut > 1)) {
    pg_arg_bad(v, zFn, zArg, "must be between 0 and 1",
               (*pOut > 1 && *pOut <= 100) ? " (divide percentages by 100)" : 0);
  }
  return rc;
}

int pg_arg_money(const PgValue *v, const char *zFn, const char *zArg, int64 *pUnits) {
  double d;
  int64_t u = 0;
  int rc = pg_arg_nonneg(v, zFn, zArg, &d);
  if (rc != REVOPS_ARG_OK) return rc;
  if (revops_money_quantize(d, &u) != REVOPS_OK) {
    pg_arg_bad(v, zFn, zArg, "must be at most 900000000000000", 0);
  }
  *pUnits = u;
  return REVOPS_ARG_OK;
}

int pg_arg_date(const PgValue *v, const char *zFn, const char *zArg, int64 *pMs) {
  int64_t ms = 0;
  if (v->eType == PGV_NULL) return REVOPS_ARG_NULL;
  if (v->eType == PGV_DATE) {
    *pMs = v->ms;
    return REVOPS_ARG_OK;
  }
  if (v->eType == PGV_TEXT && revops_parse_datetime(v->z, (size_t)v->n, &ms) == REVOPS_OK) {
    *pMs = ms;
    return REVOPS_ARG_OK;
  }
  pg_arg_bad(v, zFn, zArg, "must be an ISO-8601 date such as '2026-01-31'", 0);
}

int pg_arg_text(const PgValue *v, const char *zFn, const char *zArg, const char **pz, int *pn) {
  if (v->eType == PGV_NULL) return REVOPS_ARG_NULL;
  if (v->eType != PGV_TEXT) pg_arg_bad(v, zFn, zArg, "must be text", 0);
  *pz = v->z;
  *pn = v->n;
  return REVOPS_ARG_OK;
}

/* "must be at most M" (or "greater than 0 and at most M"), as common.c. */
static void arg_bad_max(const PgValue *v, const char *zFn, const PgArgRule *r) {
  const char *zLow = r->eRule == REVOPS_RULE_POSITIVE ? "greater than 0" : 0;
  char *zRule;
  if (r->rMax <= 0) zRule = psprintf("must be %s", zLow);
  else if (r->rMax == floor(r->rMax) && r->rMax < 9e18)
    zRule = psprintf("must be %s%sat most %lld", zLow ? zLow : "", zLow ? " and " : "",
                     (long long)r->rMax);
  else {
    char z[40];
    revops_fmt_num(z, sizeof(z), r->rMax);
    zRule = psprintf("must be %s%sat most %s", zLow ? zLow : "", zLow ? " and " : "", z);
  }
  pg_arg_bad(v, zFn, r->zName, zRule, 0);
}

int pg_args(FunctionCallInfo fcinfo, PgCall *c, int iFirst, int n, const char *zFn,
            const PgArgRule *aRule, int nRequired, double *a) {
  int i, rc, anyNull = 0;
  for (i = 0; i < n; i++) {
    const PgArgRule *r = &aRule[i];
    PgValue v;
    pg_value(fcinfo, c, iFirst + i, &v);
    switch (r->eRule) {
      case REVOPS_RULE_MONEY: {
        int64 units = 0;
        rc = pg_arg_money(&v, zFn, r->zName, &units);
        a[i] = (double)units / REVOPS_MONEY_SCALE;
        break;
      }
      case REVOPS_RULE_SMONEY:
        rc = pg_arg_number(&v, zFn, r->zName, &a[i]);
        if (rc == REVOPS_ARG_OK && fabs(a[i]) > REVOPS_MONEY_MAX) {
          pg_arg_bad(&v, zFn, r->zName, "must be between -900000000000000 and 900000000000000", 0);
        }
        break;
      case REVOPS_RULE_FRACTION: rc = pg_arg_fraction(&v, zFn, r->zName, &a[i]); break;
      case REVOPS_RULE_NONNEG: rc = pg_arg_nonneg(&v, zFn, r->zName, &a[i]); break;
      case REVOPS_RULE_COUNT:
        rc = pg_arg_number(&v, zFn, r->zName, &a[i]);
        if (rc == REVOPS_ARG_OK && (a[i] < 0 || a[i] != floor(a[i]))) {
          pg_arg_bad(&v, zFn, r->zName, "must be a whole number of at least 0", 0);
        }
        break;
      case REVOPS_RULE_DATE: {
        int64 ms = 0;
        rc = pg_arg_date(&v, zFn, r->zName, &ms);
        a[i] = (double)ms;
        break;
      }
      case REVOPS_RULE_POSITIVE:
        rc = pg_arg_number(&v, zFn, r->zName, &a[i]);
        if (rc == REVOPS_ARG_OK && a[i] <= 0) arg_bad_max(&v, zFn, r);
        break;
      default: rc = pg_arg_number(&v, zFn, r->zName, &a[i]); break;
    }
    if (rc == REVOPS_ARG_OK && r->rMax > 0 && a[i] > r->rMax) arg_bad_max(&v, zFn, r);
    if (rc == REVOPS_ARG_NULL) {
      a[i] = NAN;
      if (i < nRequired) anyNull = 1;
    }
  }
  return anyNull ? REVOPS_ARG_NULL : REVOPS_ARG_OK;
}

/* ------------------------------------------------------------- results */
Datum pg_result_double(FunctionCallInfo fcinfo, const char *zFn, int rc, double v,
                       const char *zErr) {
  switch (rc) {
    case REVOPS_OK:
      if (!isfinite(v)) pg_error("%s(): the result is too large", zFn);
      PG_RETURN_FLOAT8(v);
    case REVOPS_NULL: PG_RETURN_NULL();
    case REVOPS_NOMEM: pg_nomem();
    default: pg_error("%s(): %s", zFn, zErr && zErr[0] ? zErr : "failed");
  }
}

Datum pg_text(const char *z) { return PointerGetDatum(cstring_to_text(z)); }

Datum pg_json(char *z) {
  text *t;
  if (z == 0) pg_nomem();
  t = cstring_to_text(z);
  revops_free(z);
  return PointerGetDatum(t);
}

Datum pg_formula_body(FunctionCallInfo fcinfo, PgCall *c) {
  const PgFormula *p = (const PgFormula *)c->f->pArg;
  double a[PG_RULE_MAX_ARGS], v = 0;
  char zErr[REVOPS_ERRMSG_SIZE];
  int n = PG_NARGS() < PG_RULE_MAX_ARGS ? PG_NARGS() : PG_RULE_MAX_ARGS, rc;
  if (pg_args(fcinfo, c, 0, n, c->zName, p->aArg, p->nRequired, a) != REVOPS_ARG_OK) {
    PG_RETURN_NULL();
  }
  zErr[0] = 0;
  rc = p->xEval(a, n, &v, zErr, sizeof(zErr));
  return pg_result_double(fcinfo, c->zName, rc, v, zErr);
}

Datum pg_label_body(FunctionCallInfo fcinfo, PgCall *c) {
  const PgLabel *p = (const PgLabel *)c->f->pArg;
  double a[PG_RULE_MAX_ARGS];
  int n = PG_NARGS() < PG_RULE_MAX_ARGS ? PG_NARGS() : PG_RULE_MAX_ARGS;
  if (pg_args(fcinfo, c, 0, n, c->zName, p->aArg, p->nRequired, a) != REVOPS_ARG_OK) {
    PG_RETURN_NULL();
  }
  return pg_text(p->xLabel(a, n));
}

/* -------------------------------------------------------------- states */
MemoryContext pg_agg_context(FunctionCallInfo fcinfo) {
  MemoryContext m = 0;
  if (!AggCheckCallContext(fcinfo, &m)) m = CurrentMemoryContext;
  return m;
}

static uint32 state_tag(const bytea *p) {
  uint32 tag;
  memcpy(&tag, VARDATA(p), sizeof(tag));
  return tag;
}

static void state_check(const bytea *p, uint32 tag) {
  if (VARSIZE(p) < PG_STATE_HDR || state_tag(p) != tag) {
    pg_error("revops: an aggregate state from another build or architecture"
             " (tag %08x, expected %08x)", VARSIZE(p) >= PG_STATE_HDR ? state_tag(p) : 0, tag);
  }
}

/* In the current (per-row) memory: the executor copies a state it did not
** have into the aggregate's memory itself. */
static void *state_new(uint32 tag, Size nBytes) {
  bytea *p = palloc0(PG_STATE_HDR + nBytes);
  SET_VARSIZE(p, PG_STATE_HDR + nBytes);
  memcpy(VARDATA(p), &tag, sizeof(tag));
  return (char *)p + PG_STATE_HDR;
}

void *pg_state_rw(FunctionCallInfo fcinfo, int iArg, uint32 tag, Size nBytes) {
  MemoryContext m = 0;
  int inAgg = AggCheckCallContext(fcinfo, &m);
  bytea *p;
  if (PG_ARGISNULL(iArg)) return state_new(tag, nBytes);
  if (inAgg) {
    /* The executor's own copy: 4-byte header, palloc'd, aligned. */
    p = PG_GETARG_BYTEA_P(iArg);
    if (((uintptr_t)p & 7) != 0 || VARATT_IS_EXTENDED(PG_GETARG_DATUM(iArg))) {
      p = PG_GETARG_BYTEA_P_COPY(iArg);
    }
  } else {
    p = PG_GETARG_BYTEA_P_COPY(iArg);
  }
  state_check(p, tag);
  if (VARSIZE(p) - PG_STATE_HDR < nBytes) return pg_state_grow((char *)p + PG_STATE_HDR, nBytes);
  return (char *)p + PG_STATE_HDR;
}

const void *pg_state_ro(FunctionCallInfo fcinfo, int iArg, uint32 tag, Size *pn) {
  bytea *p;
  if (PG_ARGISNULL(iArg)) return 0;
  p = PG_GETARG_BYTEA_P(iArg);
  if (((uintptr_t)p & 7) != 0) p = PG_GETARG_BYTEA_P_COPY(iArg);
  state_check(p, tag);
  if (pn) *pn = VARSIZE(p) - PG_STATE_HDR;
  return (char *)p + PG_STATE_HDR;
}

Size pg_state_size(const void *p) {
  return VARSIZE((const char *)p - PG_STATE_HDR) - PG_STATE_HDR;
}

void *pg_state_grow(void *p, Size nBytes) {
  Size n = pg_state_size(p), nNew = n ? n : 64;
  bytea *q;
  while (nNew < nBytes) nNew *= 2;
  if (nNew + PG_STATE_HDR > MaxAllocSize) {
    pg_error("revops: an aggregate state would exceed %zu bytes", (size_t)MaxAllocSize);
  }
  q = palloc0(PG_STATE_HDR + nNew);
  memcpy(q, (char *)p - PG_STATE_HDR, PG_STATE_HDR + n);
  SET_VARSIZE(q, PG_STATE_HDR + nNew);
  return (char *)q + PG_STATE_HDR;
}
