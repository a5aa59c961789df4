/*
** mrr.c — the MRR engine as set-returning functions (ext/sqlite/mrr.c's
** table-valued functions on SQLite; the engine is ext/core/mrr.c).
**
**   SELECT * FROM mrr_waterfall(source [, from_month [, to_month]])
**   SELECT * FROM mrr_movements(source [, from_month [, to_month]])
**   SELECT * FROM mrr_months(source [, from_month [, to_month]])
**
** `source` is a table or view name, or a SELECT, yielding customer_id,
** start_date, end_date and mrr (SPEC section 3).  It is read once through
** an SPI cursor, read-only and sorted by customer_id, customer by
** customer, so the engine holds one customer's periods at a time plus one
** entry per month; the rows go to a tuplestore (which spills to disk past
** work_mem).  A name is resolved as a relation and quoted, never pasted;
** a SELECT runs as the calling user, read-only, as a single statement (a
** cursor refuses more than one).
*/
#include "postgres.h"

#include <string.h>

#include "catalog/namespace.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "catalog/pg_type.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/tuplestore.h"
#include "utils/regproc.h"
#include "utils/varlena.h"

#include "pg_revops.h"

enum { MRR_WATERFALL, MRR_MOVEMENTS, MRR_MONTHS };
typedef struct MrrDef {
  const char *zFn;
  int eKind;
} MrrDef;

typedef struct MrrRun {
  const char *zFn;
  Portal portal;
  SPITupleTable *tt;  /* the current batch */
  uint64 iRow, nRow;  /* next row in it */
  int eof;
  char *zKey;         /* the current customer's customer_id, as text */
  int keyIsNumber;    /* customer_id is a number: named unquoted */
  MemoryContext rowcxt; /* reset per row read */
  RevopsMrrCustomer cust;
} MrrRun;

/* ------------------------------------------------------------- messages */
/* "fn(): customer 42: rule" or customer 'C42', as SQLite's binding says it. */
static void mrr_customer_error(MrrRun *r, const char *zKey, const char *zRule) {
  PgValue v;
  char *z;
  memset(&v, 0, sizeof(v));
  v.eType = PGV_TEXT;
  v.z = zKey ? zKey : "NULL";
  v.n = (int)strlen(v.z);
  z = pg_describe(&v) + 5; /* without "text " */
  pg_error("%s(): customer %s: %s", r->zFn, r->keyIsNumber ? zKey : z, zRule);
}

/* ----------------------------------------------------------- the source */
static int word_is(const char *z, const char *zWord) {
  size_t n = strlen(zWord);
  unsigned char ch;
  if (pg_strncasecmp(z, zWord, n) != 0) return 0;
  ch = (unsigned char)z[n];
  return !((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
           ch == '_' || ch == '$' || ch >= 0x80);
}

static const char *skip_blank(const char *z) {
  for (;;) {
    while (*z == ' ' || *z == '\t' || *z == '\n' || *z == '\r' || *z == '\f' || *z == '\v') z++;
    if (z[0] == '-' && z[1] == '-') {
      while (*z && *z != '\n') z++;
    } else if (z[0] == '/' && z[1] == '*') {
      const char *e = strstr(z + 2, "*/");
      if (e == 0) return z + strlen(z);
      z = e + 2;
    } else {
      return z;
    }
  }
}

/* The query reading the source, sorted by customer when bSorted. */
static char *source_query(const char *zFn, const char *zSource, int bSorted) {
  const char *z = skip_blank(zSource);
  const char *zOrder = bSorted ? " ORDER BY 1" : "";
  if (word_is(z, "select") || word_is(z, "with") || word_is(z, "values")) {
    return psprintf("SELECT customer_id, start_date, end_date, mrr FROM (%s\n) AS source%s",
                    zSource, zOrder);
  } else {
    List *names;
    RangeVar *rv;
    Oid rel;
    char kind;
    /* A name: resolved as a relation, then quoted, never pasted. */
    names = stringToQualifiedNameList(zSource);
    rv = makeRangeVarFromNameList(names);
    rel = RangeVarGetRelid(rv, AccessShareLock, true);
    if (!OidIsValid(rel)) {
      pg_error("%s(): source table or view '%s' does not exist", zFn, zSource);
    }
    kind = get_rel_relkind(rel);
    if (kind != RELKIND_RELATION && kind != RELKIND_VIEW && kind != RELKIND_MATVIEW &&
        kind != RELKIND_PARTITIONED_TABLE && kind != RELKIND_FOREIGN_TABLE) {
      pg_error("%s(): source: %s is not a table or a view", zFn, zSource);
    }
    return psprintf("SELECT customer_id, start_date, end_date, mrr FROM %s%s",
                    quote_qualified_identifier(get_namespace_name(get_rel_namespace(rel)),
                                               get_rel_name(rel)),
                    zOrder);
  }
}

static void source_open(MrrRun *r, const char *zSource, int bSorted) {
  char *zSql = source_query(r->zFn, zSource, bSorted);
  SPIPlanPtr plan = SPI_prepare(zSql, 0, 0);
  if (plan == 0) pg_error("%s(): source: %s", r->zFn, SPI_result_code_string(SPI_result));
  r->portal = SPI_cursor_open(0, plan, 0, 0, true);
  r->tt = 0;
  r->iRow = r->nRow = 0;
  r->eof = 0;
}

/* The current row, or 0 at the end. */
static HeapTuple source_row(MrrRun *r) {
  if (r->eof) return 0;
  if (r->iRow >= r->nRow) {
    if (r->tt) SPI_freetuptable(r->tt);
    SPI_cursor_fetch(r->portal, true, 1000);
    r->tt = SPI_tuptable;
    r->nRow = SPI_processed;
    r->iRow = 0;
    if (r->nRow == 0) {
      r->eof = 1;
      return 0;
    }
  }
  return r->tt->vals[r->iRow];
}

static void source_close(MrrRun *r) {
  if (r->portal) SPI_cursor_close(r->portal);
  r->portal = 0;
  r->tt = 0;
}

static void row_date(MrrRun *r, HeapTuple t, int col, const char *zArg, const char *zOrNull,
                     int64 *pMs, int *pGiven) {
  bool isNull;
  Datum d = SPI_getbinval(t, r->tt->tupdesc, col, &isNull);
  PgValue v;
  int64_t ms = 0;
  *pGiven = !isNull;
  if (isNull) return;
  pg_datum_value(d, false, getBaseType(SPI_gettypeid(r->tt->tupdesc, col)), &v);
  if (v.eType == PGV_DATE) {
    *pMs = v.ms;
    return;
  }
  if (v.eType == PGV_TEXT && revops_parse_datetime(v.z, (size_t)v.n, &ms) == REVOPS_OK) {
    *pMs = ms;
    return;
  }
  mrr_customer_error(r, r->zKey, psprintf("%s must be an ISO-8601 date such as '2026-01-31'%s, got %s",
                                          zArg, zOrNull, pg_describe(&v)));
}

static void row_amount(MrrRun *r, HeapTuple t, int64 *pUnits) {
  bool isNull;
  Datum d = SPI_getbinval(t, r->tt->tupdesc, 4, &isNull);
  PgValue v;
  const char *zRule = 0, *zHint = "";
  int64_t u = 0;
  pg_datum_value(d, isNull, getBaseType(SPI_gettypeid(r->tt->tupdesc, 4)), &v);
  if (v.eType == PGV_INT || v.eType == PGV_FLOAT) {
    if (v.r < 0) zRule = "must not be negative";
    else if (revops_money_quantize(v.r, &u) != REVOPS_OK) {
      zRule = v.r == v.r && v.r < 1e300 ? "must be at most 900000000000000" : "must be a finite number";
    } else {
      *pUnits = u;
      return;
    }
  } else {
    zRule = "must be a number";
    if (v.eType == PGV_TEXT) zHint = " (text is not converted; use CAST(x AS REAL) if it holds a number)";
  }
  mrr_customer_error(r, r->zKey, psprintf("mrr %s, got %s%s", zRule, pg_describe(&v), zHint));
}

/* customer_id of row t as text (the comparison key). */
static char *row_key(MrrRun *r, HeapTuple t) {
  bool isNull;
  Oid type;
  (void)SPI_getbinval(t, r->tt->tupdesc, 1, &isNull);
  if (isNull) pg_error("%s(): customer_id must not be NULL", r->zFn);
  type = getBaseType(SPI_gettypeid(r->tt->tupdesc, 1));
  r->keyIsNumber = type == INT2OID || type == INT4OID || type == INT8OID || type == NUMERICOID ||
                   type == FLOAT4OID || type == FLOAT8OID;
  return SPI_getvalue(t, r->tt->tupdesc, 1);
}

static void read_period(MrrRun *r, HeapTuple t, int64 *pStart, int *pHasEnd, int64 *pEnd,
                        int64 *pUnits) {
  int given;
  row_date(r, t, 2, "start_date", "", pStart, &given);
  if (!given) {
    mrr_customer_error(r, r->zKey,
                       "start_date must be an ISO-8601 date such as '2026-01-31', got NULL");
  }
  row_date(r, t, 3, "end_date", " or NULL", pEnd, pHasEnd);
  row_amount(r, t, pUnits);
}

/* The next customer's periods into r->cust, finished; 0 at the end. */
static int next_customer(MrrRun *r) {
  HeapTuple t = source_row(r);
  char zErr[REVOPS_ERRMSG_SIZE];
  if (t == 0) return 0;
  if (r->zKey) pfree(r->zKey);
  r->zKey = row_key(r, t);
  revops_mrr_customer_reset(&r->cust);
  for (;;) {
    int64 start = 0, end = 0, units = 0;
    int hasEnd = 0, rc;
    char *zThis;
    {
      MemoryContext old = MemoryContextSwitchTo(r->rowcxt);
      read_period(r, t, &start, &hasEnd, &end, &units);
      MemoryContextSwitchTo(old);
      MemoryContextReset(r->rowcxt);
    }
    rc = revops_mrr_customer_add(&r->cust, start, hasEnd, end, units, zErr, sizeof(zErr));
    if (rc == REVOPS_MRR_NOMEM) pg_nomem();
    if (rc != REVOPS_OK) mrr_customer_error(r, r->zKey, zErr);
    r->iRow++;
    t = source_row(r);
    if (t == 0) break;
    {
      MemoryContext old = MemoryContextSwitchTo(r->rowcxt);
      int same;
      zThis = row_key(r, t);
      same = strcmp(zThis, r->zKey) == 0;
      MemoryContextSwitchTo(old);
      MemoryContextReset(r->rowcxt);
      if (!same) break;
    }
  }
  switch (revops_mrr_customer_finish(&r->cust, zErr, sizeof(zErr))) {
    case REVOPS_OK: break;
    case REVOPS_MRR_NOMEM: pg_nomem();
    default: mrr_customer_error(r, r->zKey, zErr);
  }
  return 1;
}

static int month_arg(FunctionCallInfo fcinfo, PgCall *c, int i, const char *zFn, const char *zArg,
                     int32_t *pMonth) {
  PgValue v;
  if (PG_NARGS() <= i) return 0;
  pg_value(fcinfo, c, i, &v);
  if (v.eType == PGV_NULL) return 0;
  if (v.eType == PGV_TEXT) {
    char *z = pnstrdup(v.z, v.n);
    if (revops_mrr_month_parse(z, (size_t)v.n, pMonth) == REVOPS_OK) return 1;
  }
  pg_error("%s(): %s must be a month such as '2026-01', got %s", zFn, zArg, pg_describe(&v));
}

static Datum text_datum(const char *z) { return PointerGetDatum(cstring_to_text(z)); }
static Datum month_datum(int32_t m) {
  char z[REVOPS_MRR_MONTH_SIZE];
  revops_mrr_month_format(m, z);
  return text_datum(z);
}
#define CENTS(x) Float8GetDatum((double)(x) / 100.0)

static Datum mrrBody(FunctionCallInfo fcinfo, PgCall *c) {
  const MrrDef *k = (const MrrDef *)c->f->pArg;
  ReturnSetInfo *rsi = (ReturnSetInfo *)fcinfo->resultinfo;
  MrrRun r;
  PgValue vSrc;
  int32_t from = 0, to = 0, lower, upper;
  int hasFrom, hasTo;
  char *zSource;
  Datum val[14];
  bool nul[14];

  check_stack_depth(); /* a view whose source reads itself */
  InitMaterializedSRF(fcinfo, 0);
  memset(&r, 0, sizeof(r));
  memset(nul, 0, sizeof(nul));
  r.zFn = k->zFn;
  hasFrom = month_arg(fcinfo, c, 1, k->zFn, "from_month", &from);
  hasTo = month_arg(fcinfo, c, 2, k->zFn, "to_month", &to);
  if (hasFrom && hasTo && from > to) {
    char zFrom[REVOPS_MRR_MONTH_SIZE], zTo[REVOPS_MRR_MONTH_SIZE];
    revops_mrr_month_format(from, zFrom);
    revops_mrr_month_format(to, zTo);
    pg_error("%s(): from_month must not be after to_month, got %s after %s", k->zFn, zFrom, zTo);
  }
  pg_value(fcinfo, c, 0, &vSrc);
  if (vSrc.eType == PGV_NULL) return (Datum)0; /* NULL in, nothing out */
  if (vSrc.eType != PGV_TEXT) {
    pg_error("%s(): source must be a table name, a view name or a SELECT statement, got %s", k->zFn,
             pg_describe(&vSrc));
  }
  zSource = pnstrdup(vSrc.z, vSrc.n);
  lower = hasFrom ? from : INT32_MIN;
  upper = hasTo ? to : INT32_MAX;

  if (SPI_connect() != SPI_OK_CONNECT) elog(ERROR, "%s(): SPI_connect failed", k->zFn);
  r.rowcxt = AllocSetContextCreate(CurrentMemoryContext, "revops mrr row", ALLOCSET_SMALL_SIZES);
  if (k->eKind == MRR_MONTHS && !hasTo) {
    /* The latest month of any date (never the clock): one unsorted pass. */
    HeapTuple t;
    upper = REVOPS_MRR_NONE;
    source_open(&r, zSource, 0);
    while ((t = source_row(&r)) != 0) {
      int64 start = 0, end = 0, units = 0;
      int hasEnd = 0;
      int32_t m;
      MemoryContext old = MemoryContextSwitchTo(r.rowcxt);
      r.zKey = row_key(&r, t);
      read_period(&r, t, &start, &hasEnd, &end, &units);
      m = revops_mrr_month_of(start);
      if (m > upper) upper = m;
      m = hasEnd ? revops_mrr_month_of(end) : m;
      if (m > upper) upper = m;
      r.iRow++;
      MemoryContextSwitchTo(old);
      MemoryContextReset(r.rowcxt);
      r.zKey = 0;
    }
    source_close(&r);
    if (upper == REVOPS_MRR_NONE) {
      SPI_finish();
      return (Datum)0;
    }
  }
  source_open(&r, zSource, 1);
  if (k->eKind == MRR_WATERFALL) {
    RevopsMrrTotals tot;
    RevopsMrrRow row;
    char zErr[REVOPS_ERRMSG_SIZE];
    int32_t m;
    revops_mrr_totals_init(&tot);
    while (next_customer(&r)) {
      if (revops_mrr_totals_add(&tot, &r.cust) != REVOPS_OK) pg_nomem();
    }
    if (revops_mrr_totals_finish(&tot, zErr, sizeof(zErr)) != REVOPS_OK) pg_error("%s(): %s", k->zFn, zErr);
    lower = hasFrom ? from : tot.firstActive;
    upper = hasTo ? to : tot.lastDate;
    if (lower != REVOPS_MRR_NONE && upper != REVOPS_MRR_NONE) {
      for (m = lower; m <= upper; m++) {
        int j;
        revops_mrr_totals_row(&tot, m, &row);
        val[0] = month_datum(row.month);
        val[1] = CENTS(row.starting);
        for (j = 0; j < REVOPS_MRR_NKIND; j++) val[2 + j] = CENTS(row.aMrr[j]);
        val[7] = CENTS(row.ending);
        val[8] = CENTS(row.net);
        val[9] = Int64GetDatum(row.nStarting);
        val[10] = Int64GetDatum(row.nNew);
        val[11] = Int64GetDatum(row.nReactivated);
        val[12] = Int64GetDatum(row.nChurned);
        val[13] = Int64GetDatum(row.nEnding);
        tuplestore_putvalues(rsi->setResult, rsi->setDesc, val, nul);
        if (m == INT32_MAX) break;
      }
    }
  } else {
    while (next_customer(&r)) {
      int i;
      Datum key = text_datum(r.zKey);
      for (i = 0; i < r.cust.nStep; i++) {
        const RevopsMrrStep *s = &r.cust.aStep[i];
        if (s->month > upper) break;
        if (k->eKind == MRR_MOVEMENTS) {
          RevopsMrrMovement mv;
          if (s->month < lower) continue;
          revops_mrr_customer_movement(&r.cust, i, &mv);
          val[0] = month_datum(mv.month);
          val[1] = key;
          val[2] = text_datum(revops_mrr_movement_name(mv.eKind));
          val[3] = CENTS(mv.amount);
          val[4] = CENTS(mv.prev);
          val[5] = CENTS(mv.curr);
          tuplestore_putvalues(rsi->setResult, rsi->setDesc, val, nul);
        } else {
          int32_t lo, hi, m;
          if (s->cents == 0) continue;
          lo = s->month > lower ? s->month : lower;
          hi = i + 1 < r.cust.nStep ? r.cust.aStep[i + 1].month - 1 : upper;
          if (hi > upper) hi = upper;
          for (m = lo; m <= hi; m++) {
            val[0] = month_datum(m);
            val[1] = key;
            val[2] = CENTS(s->cents);
            tuplestore_putvalues(rsi->setResult, rsi->setDesc, val, nul);
          }
        }
      }
    }
  }
  source_close(&r);
  SPI_finish();
  return (Datum)0;
}

static const PgFunc aFunc[] = {
    {"mrr_waterfall", mrrBody, &(const MrrDef){"mrr_waterfall", MRR_WATERFALL}},
    {"mrr_movements", mrrBody, &(const MrrDef){"mrr_movements", MRR_MOVEMENTS}},
    {"mrr_months", mrrBody, &(const MrrDef){"mrr_months", MRR_MONTHS}},
};

const PgDomain revops_pg_domain_mrr = {aFunc, PG_COUNT(aFunc)};
