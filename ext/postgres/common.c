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
static PgCall *call_new(FunctionCallInfo fcinfo, const PgFunc *f, char *zName) {
  FmgrInfo *fl = fcinfo->flinfo;
  PgCall *c = MemoryContextAllocZero(fl->fn_mcxt, sizeof(*c));
  int k;
  c->f = f;
  c->mcxt = fl->fn_mcxt;
  c->zName = MemoryContextStrdup(fl->fn_mcxt, zName);
  c->retType = get_func_rettype(fl->fn_oid);
  c->nType = PG_NARGS() < PG_MAX_ARGS ? PG_NARGS() : PG_MAX_ARGS;
  for (k = 0; k < c->nType; k++) {
    Oid t = get_fn_expr_argtype(fl, k);
    c->aType[k] = OidIsValid(t) ? getBaseType(t) : InvalidOid;
  }
  fl->fn_extra = c;
  pfree(zName);
  return c;
}

/* The body of a SQL name: a row of a domain's table, else a function of
** ext/core's tables (args.h), which needs no row here. */
static PgCall *pg_call_init(FunctionCallInfo fcinfo) {
  FmgrInfo *fl = fcinfo->flinfo;
  char *zName = get_func_name(fl->fn_oid);
  const RevopsSpec *spec;
  int i, j;
  if (zName == 0) elog(ERROR, "revops: function %u has no name", fl->fn_oid);
  for (i = 0; i < PG_COUNT(aDomain); i++) {
    const PgDomain *d = aDomain[i];
    for (j = 0; j < d->nFunc; j++) {
      if (strcmp(d->aFunc[j].zName, zName) == 0) return call_new(fcinfo, &d->aFunc[j], zName);
    }
  }
  spec = revops_spec(zName);
  if (spec) {
    PgFunc *f = MemoryContextAllocZero(fl->fn_mcxt, sizeof(*f));
    f->zName = spec->zName;
    f->xBody = pg_spec_body;
    f->pArg = spec;
    return call_new(fcinfo, f, zName);
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
/* The value as the rules see it (args.h). */
static void to_value(const PgValue *v, RevopsValue *x) {
  static const int aType[] = {REVOPS_VAL_NULL, REVOPS_VAL_INT,  REVOPS_VAL_FLOAT, REVOPS_VAL_TEXT,
                              REVOPS_VAL_BLOB, REVOPS_VAL_DATE, REVOPS_VAL_OTHER};
  memset(x, 0, sizeof(*x));
  x->eType = aType[v->eType];
  x->r = v->r;
  x->z = v->z;
  x->n = (size_t)v->n;
  x->ms = v->ms;
}

int pg_arg_value(const PgValue *v, const char *zFn, const RevopsArg *pArg, RevopsArgRead *p) {
  RevopsValue x;
  int rc;
  to_value(v, &x);
  rc = revops_arg_read(pArg, &x, p);
  if (rc == REVOPS_ARG_BAD) pg_arg_bad(v, zFn, pArg->zName, p->zRule, p->zHint);
  return rc;
}

/* One argument by one rule. */
static int arg_rule(const PgValue *v, const char *zFn, const char *zArg, int eRule,
                    RevopsArgRead *p) {
  RevopsArg arg;
  arg.zName = zArg;
  arg.eRule = eRule;
  arg.rMax = 0;
  return pg_arg_value(v, zFn, &arg, p);
}

static int arg_double(const PgValue *v, const char *zFn, const char *zArg, int eRule,
                      double *pOut) {
  RevopsArgRead rd;
  int rc = arg_rule(v, zFn, zArg, eRule, &rd);
  if (rc == REVOPS_ARG_OK) *pOut = rd.r;
  return rc;
}

int pg_arg_number(const PgValue *v, const char *zFn, const char *zArg, double *pOut) {
  return arg_double(v, zFn, zArg, REVOPS_RULE_NUMBER, pOut);
}

int pg_arg_nonneg(const PgValue *v, const char *zFn, const char *zArg, double *pOut) {
  return arg_double(v, zFn, zArg, REVOPS_RULE_NONNEG, pOut);
}

int pg_arg_fraction(const PgValue *v, const char *zFn, const char *zArg, double *pOut) {
  return arg_double(v, zFn, zArg, REVOPS_RULE_FRACTION, pOut);
}

int pg_arg_money(const PgValue *v, const char *zFn, const char *zArg, int64 *pUnits) {
  RevopsArgRead rd;
  int rc = arg_rule(v, zFn, zArg, REVOPS_RULE_MONEY, &rd);
  if (rc == REVOPS_ARG_OK) *pUnits = rd.i;
  return rc;
}

int pg_arg_date(const PgValue *v, const char *zFn, const char *zArg, int64 *pMs) {
  RevopsArgRead rd;
  int rc = arg_rule(v, zFn, zArg, REVOPS_RULE_DATE, &rd);
  if (rc == REVOPS_ARG_OK) *pMs = rd.i;
  return rc;
}

int pg_arg_text(const PgValue *v, const char *zFn, const char *zArg, const char **pz, int *pn) {
  RevopsArgRead rd;
  int rc = arg_rule(v, zFn, zArg, REVOPS_RULE_TEXT, &rd);
  if (rc == REVOPS_ARG_OK) {
    *pz = rd.z;
    *pn = (int)rd.n;
  }
  return rc;
}

int pg_args(FunctionCallInfo fcinfo, PgCall *c, int iFirst, int n, const char *zFn,
            const RevopsArg *aArg, int nRequired, double *a) {
  int i, anyNull = 0;
  for (i = 0; i < n; i++) {
    PgValue v;
    RevopsArgRead rd;
    pg_value(fcinfo, c, iFirst + i, &v);
    if (pg_arg_value(&v, zFn, &aArg[i], &rd) == REVOPS_ARG_NULL && i < nRequired) anyNull = 1;
    a[i] = rd.r; /* NAN for NULL */
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

/* The binding's side of a RevopsCall (args.h): errors raise. */
typedef struct SpecCtx {
  FunctionCallInfo fcinfo;
  PgCall *c;
} SpecCtx;

static int spec_read(void *p, int iArg, const RevopsArg *pArg, RevopsArgRead *pRd) {
  SpecCtx *s = p;
  PgValue v;
  pg_value(s->fcinfo, s->c, iArg, &v);
  return pg_arg_value(&v, s->c->zName, pArg, pRd);
}

static void spec_bad(void *p, int iArg, const char *zArg, const char *zRule, const char *zHint) {
  SpecCtx *s = p;
  PgValue v;
  pg_value(s->fcinfo, s->c, iArg, &v);
  pg_arg_bad(&v, s->c->zName, zArg, zRule, zHint);
}

Datum pg_spec_body(FunctionCallInfo fcinfo, PgCall *c) {
  SpecCtx s = {fcinfo, c};
  RevopsCall call = {PG_NARGS(), &s, spec_read, spec_bad};
  RevopsResult r;
  char zErr[REVOPS_ERRMSG_SIZE];
  int rc = revops_spec_call((const RevopsSpec *)c->f->pArg, &call, &r, zErr, sizeof(zErr));
  if (rc == REVOPS_NOMEM) pg_nomem();
  if (rc != REVOPS_OK) pg_error("%s(): %s", c->zName, zErr);
  switch (r.eType) {
    case REVOPS_RES_REAL: PG_RETURN_FLOAT8(r.r);
    case REVOPS_RES_INT:
      /* the SQL script declares integer (a score) or bigint */
      if (c->retType == INT4OID) PG_RETURN_INT32((int32)r.i);
      PG_RETURN_INT64(r.i);
    case REVOPS_RES_TEXT: return pg_text(r.z);
    case REVOPS_RES_JSON: return pg_json(r.zJson);
    default: PG_RETURN_NULL();
  }
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
