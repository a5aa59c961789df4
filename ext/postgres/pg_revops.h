/*
** pg_revops.h — what the files of ext/postgres share: the dispatch table,
** the argument readers that carry the NULL and error policy of
** docs/conventions.md (the same rules and messages as ext/sqlite/common.c),
** and the aggregate states.
**
** The binding only converts values, checks arguments and hands them to
** ext/core; every formula is there.  Every SQL function of the extension
** calls one C entry point, revops_dispatch, which finds the function's
** body by its SQL name (once per call site, cached in fn_extra), so the
** shared object exports that entry point and PostgreSQL's magic block and
** nothing else (tests/postgres/run.sh checks it with nm).
*/
#ifndef REVOPS_PG_H
#define REVOPS_PG_H

#include "postgres.h"

#include "fmgr.h"

#include "revops.h"
#include "args.h"

/* ------------------------------------------------------------ dispatch */
typedef struct PgCall PgCall;
typedef Datum (*PgBody)(FunctionCallInfo fcinfo, PgCall *c);

/* One C body per SQL name (a support function of an aggregate has a name
** of its own).  zName is the name as the extension script creates it. */
typedef struct PgFunc {
  const char *zName;
  PgBody xBody;
  const void *pArg; /* the body's own data (a formula, a metric number) */
} PgFunc;

/* A domain's table, listed by common.c (revops_pg_domains). */
typedef struct PgDomain {
  const PgFunc *aFunc;
  int nFunc;
} PgDomain;

#define PG_COUNT(a) ((int)(sizeof(a) / sizeof((a)[0])))
#define PG_MAX_ARGS 100 /* FUNC_MAX_ARGS */

/* Per call site (flinfo->fn_extra), in fn_mcxt. */
struct PgCall {
  const PgFunc *f;
  const char *zName;  /* the user-facing name, for messages */
  int nType;
  Oid aType[PG_MAX_ARGS]; /* each argument's base type */
  Oid retType;        /* the function's declared result type */
  void *pCache;       /* a body's own cache (a parsed model), in fn_mcxt */
  MemoryContext mcxt; /* fn_mcxt */
};

/* ------------------------------------------------------------- values */
/* An argument as the rules read it: SQLite's storage classes, with the
** PostgreSQL types mapped onto them (docs/postgres.md "Types"):
** smallint..bigint and boolean are INTEGER, real, double precision and
** numeric are REAL, text, varchar, char, name, json and untyped literals
** are TEXT, bytea is a BLOB; date, timestamp and timestamptz are dates. */
enum { PGV_NULL, PGV_INT, PGV_FLOAT, PGV_TEXT, PGV_BLOB, PGV_DATE, PGV_OTHER };
typedef struct PgValue {
  int eType;
  int64 i;       /* PGV_INT */
  double r;      /* PGV_INT, PGV_FLOAT: the value as a double */
  const char *z; /* PGV_TEXT: not NUL-terminated */
  int n;
  int64 ms;      /* PGV_DATE: milliseconds since 1970 (UTC) */
  Oid type;
} PgValue;

/* Argument iArg of the SQL call (0-based; the state of an aggregate's
** support function is not counted: pass iFirst = 1 there). */
void pg_value(FunctionCallInfo fcinfo, PgCall *c, int iArg, PgValue *v);
/* A datum of base type t (getBaseType) as a value. */
void pg_datum_value(Datum d, bool isNull, Oid t, PgValue *v);
/* How many SQL arguments the call has, after the first iFirst. */
#define pg_nargs(fcinfo, iFirst) (PG_NARGS() - (iFirst))

/* ---------------------------------------------------- argument helpers */
/* The rules, their words and each function's table are ext/core's
** (args.h); these read a PgValue by them: REVOPS_ARG_OK with the value,
** REVOPS_ARG_NULL, or the error raised (ereport does not return). */

/* Read v by pArg's rule into *p (args.h, revops_arg_read). */
int pg_arg_value(const PgValue *v, const char *zFn, const RevopsArg *pArg, RevopsArgRead *p);
int pg_arg_number(const PgValue *v, const char *zFn, const char *zArg, double *pOut);
int pg_arg_nonneg(const PgValue *v, const char *zFn, const char *zArg, double *pOut);
int pg_arg_fraction(const PgValue *v, const char *zFn, const char *zArg, double *pOut);
int pg_arg_money(const PgValue *v, const char *zFn, const char *zArg, int64 *pUnits);
int pg_arg_date(const PgValue *v, const char *zFn, const char *zArg, int64 *pMs);
int pg_arg_text(const PgValue *v, const char *zFn, const char *zArg, const char **pz, int *pn);

/* "fn(): arg <rule>, got <value><hint>": raises. */
void pg_arg_bad(const PgValue *v, const char *zFn, const char *zArg, const char *zRule,
                const char *zHint) pg_attribute_noreturn();
/* An error with a printf-style message (made valid UTF-8): raises. */
void pg_error(const char *zFmt, ...) pg_attribute_printf(1, 2) pg_attribute_noreturn();
/* "text 'abc'", "a blob", "75", as ext/sqlite's revops_describe_value. */
char *pg_describe(const PgValue *v);
/* Out of memory inside the core: PostgreSQL's own error. */
void pg_nomem(void) pg_attribute_noreturn();

/* Read arguments [iFirst, iFirst + n) by the rules into a[]; from
** nRequired on an argument is optional (NULL: NAN).  REVOPS_ARG_NULL when
** a required one is NULL, after every argument was checked. */
int pg_args(FunctionCallInfo fcinfo, PgCall *c, int iFirst, int n, const char *zFn,
            const RevopsArg *aArg, int nRequired, double *a);

/* A scalar of ext/core's tables (args.h, specs.c): pArg is its
** RevopsSpec; ext/core reads the arguments through pg_arg_value and runs
** the body.  pg_call_init gives it to every function of the tables. */
Datum pg_spec_body(FunctionCallInfo fcinfo, PgCall *c);

/* The result of a formula, as ext/sqlite's revops_result_double: a value,
** NULL, "fn(): <zErr>" or out of memory. */
Datum pg_result_double(FunctionCallInfo fcinfo, const char *zFn, int rc, double v,
                       const char *zErr);
/* Static text and JSON results. */
Datum pg_text(const char *z);
/* Takes a revops_malloc'd string (NULL: out of memory) and returns it as
** json. */
Datum pg_json(char *z);

/* ------------------------------------------------------ aggregate states */
/* Every aggregate's state is a bytea (a concrete type: a parallel worker
** sends it to the leader, postgres_fdw and Citus to the coordinator, as
** bytes): a 4-byte tag naming the aggregate and the layout, then the
** state, 8-byte aligned.  The tag is checked before a state is used, so a
** state from another build or architecture is an error, not a wrong sum. */
#define PG_STATE_HDR 8 /* varlena header + tag */
#define PG_TAG(kind) (0x52560000u | ((uint32)(kind) << 8) | 1u) /* 'RV', kind, layout 1 */

/* The state argument 0 of a transition or combine function as a writable
** block of at least nBytes payload bytes: the one in the aggregate's
** memory when there is one (changed in place), else a new one (zeroed)
** allocated there.  Outside an aggregate, a copy. */
void *pg_state_rw(FunctionCallInfo fcinfo, int iArg, uint32 tag, Size nBytes);
/* A state argument, read-only and aligned (a copy when the bytes are not
** 8-byte aligned); NULL for SQL NULL.  *pn is its payload size. */
const void *pg_state_ro(FunctionCallInfo fcinfo, int iArg, uint32 tag, Size *pn);
/* The Datum to return for a payload pointer from pg_state_rw. */
#define pg_state_datum(p) PointerGetDatum((char *)(p) - PG_STATE_HDR)
/* Grow a state to at least nBytes payload (a new block, the executor
** copies it into its memory and frees the old one). */
void *pg_state_grow(void *p, Size nBytes);
Size pg_state_size(const void *p);

/* The memory the aggregate's state lives in (for a body's own cache). */
MemoryContext pg_agg_context(FunctionCallInfo fcinfo);

/* The domains (tables of PgFunc). */
extern const PgDomain revops_pg_domain_scalars;
extern const PgDomain revops_pg_domain_aggregates;
extern const PgDomain revops_pg_domain_leads;
extern const PgDomain revops_pg_domain_learn;
extern const PgDomain revops_pg_domain_mrr;
/* The dialect layer's date functions (revops_sqlite schema, not the API). */
extern const PgDomain revops_pg_domain_sqlite_dates;

#endif /* REVOPS_PG_H */
