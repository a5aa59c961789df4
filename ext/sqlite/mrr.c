/*
** mrr.c — SQL binding of the MRR engine (computation in ext/core/mrr.c).
**
**   SELECT * FROM mrr_waterfall(source [, from_month [, to_month]])
**       one row per month: starting, new, expansion, reactivation,
**       contraction, churned, ending and net new MRR, and customer counts;
**   SELECT * FROM mrr_movements(source [, from_month [, to_month]])
**       one row per customer per month with a movement;
**   SELECT * FROM mrr_months(source [, from_month [, to_month]])
**       one row per customer per month with MRR > 0.
**
** `source` is a table or view name, or a read-only SELECT, yielding
** customer_id, start_date, end_date, mrr (SPEC section 3).  All three are
** eponymous virtual tables in the style of SQLite's ext/misc/series.c:
** the arguments are HIDDEN columns, xBestIndex takes them from equality
** constraints.
**
** Streaming (issue 4): the source is read once, sorted by customer_id by
** SQLite's own sorter, and the engine holds one customer's periods at a
** time plus one entry per month.  mrr_movements and mrr_months hand out
** rows while they read, customer by customer; mrr_waterfall needs every
** customer before its first row.
**
** Security (SPEC section 3).  The source is prepared as a new top-level
** statement, where SQLite does not apply the trusted_schema rules it
** applies inside views and triggers.  Of SPEC's two remedies this takes
** the second, refusing what could not run in a view, because a separate
** direct-only module would need another name and could not serve the
** dashboards' views.  ext/sqlite/mrr_source.c resolves and checks the
** source (docs/security.md), so the modules themselves can stay
** SQLITE_VTAB_INNOCUOUS and work in
** the views of sql/views/ with trusted_schema=OFF (docs/mrr.md).
*/
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "mrr_source.h"

/* ------------------------------------------------------------ the tables */

#define MRR_WATERFALL 0
#define MRR_MOVEMENTS 1
#define MRR_MONTHS 2

/* mrr_waterfall columns (SPEC section 3 order). */
#define WF_MONTH 0
#define WF_STARTING 1
#define WF_NEW 2         /* WF_NEW + kind: the five movement sums */
#define WF_ENDING 7
#define WF_NET 8
#define WF_N_STARTING 9
#define WF_N_NEW 10
#define WF_N_REACTIVATED 11
#define WF_N_CHURNED 12
#define WF_N_ENDING 13
#define WF_NCOL 14
static const char zWaterfallSchema[] =
    "CREATE TABLE x(month TEXT, starting_mrr REAL, new_mrr REAL,"
    " expansion_mrr REAL, reactivation_mrr REAL, contraction_mrr REAL,"
    " churned_mrr REAL, ending_mrr REAL, net_new_mrr REAL,"
    " starting_customers INT, new_customers INT, reactivated_customers INT,"
    " churned_customers INT, ending_customers INT,"
    " source HIDDEN, from_month HIDDEN, to_month HIDDEN)";

/* mrr_movements columns. */
#define MV_MONTH 0
#define MV_CUSTOMER 1
#define MV_MOVEMENT 2
#define MV_AMOUNT 3
#define MV_PREV 4
#define MV_CURR 5
#define MV_NCOL 6
static const char zMovementsSchema[] =
    "CREATE TABLE x(month TEXT, customer_id, movement TEXT, amount REAL,"
    " prev_mrr REAL, curr_mrr REAL, source HIDDEN, from_month HIDDEN,"
    " to_month HIDDEN)";

/* mrr_months columns. */
#define MO_MONTH 0
#define MO_CUSTOMER 1
#define MO_MRR 2
#define MO_NCOL 3
static const char zMonthsSchema[] =
    "CREATE TABLE x(month TEXT, customer_id, mrr REAL, source HIDDEN,"
    " from_month HIDDEN, to_month HIDDEN)";

/* The three HIDDEN argument columns follow the visible ones, in this
** order; idxNum has bit (1 << MRR_ARG_x) set when xBestIndex passed that
** argument to xFilter (in this order in argv):
**   bit 0 (1)  source      bit 1 (2)  from_month      bit 2 (4)  to_month
** idxStr names them, for EXPLAIN QUERY PLAN. */
#define MRR_ARG_SOURCE 0
#define MRR_ARG_FROM 1
#define MRR_ARG_TO 2
#define MRR_NARG 3
static const char *const azMrrIdxStr[8] = {
    "", "source", "from_month", "source,from_month", "to_month",
    "source,to_month", "from_month,to_month", "source,from_month,to_month"};

/* Rows come out in this order, so ORDER BY a prefix of it, ascending, is
** free: the waterfall by month; the other two customer by customer (in
** the order of ORDER BY customer_id, which is how the source is sorted),
** each customer's months ascending. */
static const int aWaterfallOrder[] = {WF_MONTH};
static const int aCustomerOrder[] = {1 /* customer_id */, 0 /* month */};

typedef struct MrrKind {
  const char *zName;
  const char *zSchema;
  int eKind;
  int nCol; /* visible columns; the arguments follow */
  const int *aOrder;
  int nOrder;
  double rows; /* a rough row count for the planner */
} MrrKind;

static const MrrKind aMrrKind[] = {
    {"mrr_waterfall", zWaterfallSchema, MRR_WATERFALL, WF_NCOL, aWaterfallOrder, 1, 36},
    {"mrr_movements", zMovementsSchema, MRR_MOVEMENTS, MV_NCOL, aCustomerOrder, 2, 100000},
    {"mrr_months", zMonthsSchema, MRR_MONTHS, MO_NCOL, aCustomerOrder, 2, 1000000},
};

typedef struct MrrVtab {
  sqlite3_vtab base; /* base class, must be first */
  sqlite3 *db;
  const MrrKind *pKind;
  int canary; /* revops_mrr_source_canary's result, 0 until it ran */
} MrrVtab;

typedef struct MrrCursor {
  sqlite3_vtab_cursor base; /* base class, must be first */
  MrrVtab *pTab;
  sqlite3_value *apArg[MRR_NARG]; /* as given, for the HIDDEN columns */
  int32_t lower, upper;           /* months to report, inclusive */
  sqlite3_stmt *pSrc;             /* the source, sorted by customer */
  int srcRow;                     /* pSrc holds a row not read yet */
  sqlite3_value *pKey;            /* the current customer's customer_id */
  RevopsMrrCustomer cust;         /* the current customer */
  RevopsMrrTotals totals;         /* mrr_waterfall */
  RevopsMrrRow row;               /* mrr_waterfall: this row */
  RevopsMrrMovement mv;           /* mrr_movements: this row */
  int iStep;                      /* movements, months: index in cust.aStep */
  int32_t month, segEnd;          /* months: this month, end of its step */
  int64_t cents;                  /* months: this row's MRR */
  int eof;
  sqlite3_int64 iRowid;
} MrrCursor;

/* A source naming a view that reads itself through one of these tables
** would recurse until the stack runs out; the chain of nested calls runs
** on one thread, so a thread-local depth bounds it. */
#define MRR_MAX_DEPTH 16
static _Thread_local int mrrDepth;

/* --------------------------------------------------------------- errors */

/* Set "fn(): ..." as the error of the statement and return SQLITE_ERROR
** (SQLITE_NOMEM when even that fails). */
static int mrr_error(MrrCursor *c, const char *zFmt, ...) {
  va_list ap;
  char *z;
  va_start(ap, zFmt);
  z = sqlite3_vmprintf(zFmt, ap);
  va_end(ap);
  sqlite3_free(c->pTab->base.zErrMsg);
  c->pTab->base.zErrMsg =
      z ? revops_utf8_fix(sqlite3_mprintf("%s(): %s", c->pTab->pKind->zName, z)) : 0;
  sqlite3_free(z);
  return c->pTab->base.zErrMsg ? SQLITE_ERROR : SQLITE_NOMEM;
}

/* An error from running the source.  One of ours, nested (a view over
** another MRR table), already names its function: pass it through. */
static int mrr_source_error(MrrCursor *c, int rc) {
  const char *zMsg = sqlite3_errmsg(c->pTab->db);
  if (rc == SQLITE_NOMEM) return SQLITE_NOMEM;
  if (strncmp(zMsg, "mrr_", 4) == 0) {
    sqlite3_free(c->pTab->base.zErrMsg);
    c->pTab->base.zErrMsg = revops_utf8_fix(sqlite3_mprintf("%s", zMsg));
    return c->pTab->base.zErrMsg ? rc : SQLITE_NOMEM;
  }
  return mrr_error(c, "source: %s", zMsg) == SQLITE_NOMEM ? SQLITE_NOMEM : rc;
}

/* A customer_id for a message: 42, 'C42' (cut at 60 bytes), a blob. */
static char *mrr_describe_customer(sqlite3_value *v) {
  char *z = revops_describe_value(v);
  if (z && strncmp(z, "text ", 5) == 0) memmove(z, z + 5, strlen(z + 5) + 1);
  return z;
}

/* "fn(): customer X: <rule>" for a row of the current customer. */
static int mrr_customer_error(MrrCursor *c, sqlite3_value *pCustomer,
                              const char *zFmt, ...) {
  va_list ap;
  char *zRule, *zWho;
  int rc;
  va_start(ap, zFmt);
  zRule = sqlite3_vmprintf(zFmt, ap);
  va_end(ap);
  zWho = mrr_describe_customer(pCustomer);
  rc = zRule && zWho ? mrr_error(c, "customer %s: %s", zWho, zRule) : SQLITE_NOMEM;
  sqlite3_free(zRule);
  sqlite3_free(zWho);
  return rc;
}

/* ------------------------------------------------------------ the source */

/* Prepare c->pSrc from the source (ext/sqlite/mrr_source.c resolves and
** checks it), sorted by customer_id when bSorted. */
static int mrr_prepare_source(MrrCursor *c, const char *zSource, int bSorted) {
  char *zErr = 0;
  int rc = revops_mrr_source_prepare(c->pTab->db, c->pTab->pKind->zName, zSource, bSorted,
                                     &c->pTab->canary, &c->pSrc, &zErr);
  if (rc != SQLITE_OK) {
    sqlite3_free(c->pTab->base.zErrMsg);
    c->pTab->base.zErrMsg = zErr;
    if (zErr == 0 && rc == SQLITE_ERROR) rc = SQLITE_NOMEM;
  }
  return rc;
}

/* ------------------------------------------------------------- the rows */

static int mrr_bad_date(MrrCursor *c, sqlite3_value *pCustomer, sqlite3_value *v,
                        const char *zArg, const char *zOrNull) {
  char *zVal = revops_describe_value(v);
  int rc = zVal ? mrr_customer_error(c, pCustomer,
                                     "%s must be an ISO-8601 date such as '2026-01-31'%s, got %s",
                                     zArg, zOrNull, zVal)
                : SQLITE_NOMEM;
  sqlite3_free(zVal);
  return rc;
}

static int mrr_date(MrrCursor *c, sqlite3_value *pCustomer, sqlite3_value *v,
                    const char *zArg, const char *zOrNull, int64_t *pMs) {
  if (sqlite3_value_type(v) == SQLITE_TEXT) {
    const char *z = (const char *)sqlite3_value_text(v);
    if (z == 0) return SQLITE_NOMEM;
    if (revops_parse_datetime(z, (size_t)sqlite3_value_bytes(v), pMs) == REVOPS_OK) {
      return SQLITE_OK;
    }
  }
  return mrr_bad_date(c, pCustomer, v, zArg, zOrNull);
}

/* mrr: a number >= 0 (SPEC section 3), never text (docs/conventions.md). */
static int mrr_amount(MrrCursor *c, sqlite3_value *pCustomer, sqlite3_value *v,
                      int64_t *pUnits) {
  int t = sqlite3_value_type(v);
  const char *zRule = 0, *zHint = "";
  char *zVal;
  int rc;
  if (t == SQLITE_INTEGER || t == SQLITE_FLOAT) {
    double d = sqlite3_value_double(v);
    if (d < 0) zRule = "must not be negative";
    else if (revops_money_quantize(d, pUnits) != REVOPS_OK) {
      zRule = d == d && d < 1e300 ? "must be at most 900000000000000" : "must be a finite number";
    }
    else return SQLITE_OK;
  } else {
    zRule = "must be a number";
    if (t == SQLITE_TEXT) {
      zHint = " (text is not converted; use CAST(x AS REAL) if it holds a number)";
    }
  }
  zVal = revops_describe_value(v);
  rc = zVal ? mrr_customer_error(c, pCustomer, "mrr %s, got %s%s", zRule, zVal, zHint)
            : SQLITE_NOMEM;
  sqlite3_free(zVal);
  return rc;
}

/* Check the source row pSrc is on and return its period. */
static int mrr_read_row(MrrCursor *c, int64_t *pStart, int *pHasEnd, int64_t *pEnd,
                        int64_t *pUnits) {
  sqlite3_stmt *p = c->pSrc;
  sqlite3_value *pCustomer = sqlite3_column_value(p, 0);
  int rc;
  if (sqlite3_value_type(pCustomer) == SQLITE_NULL) {
    return mrr_error(c, "customer_id must not be NULL");
  }
  rc = mrr_date(c, pCustomer, sqlite3_column_value(p, 1), "start_date", "", pStart);
  if (rc != SQLITE_OK) return rc;
  *pHasEnd = sqlite3_column_type(p, 2) != SQLITE_NULL;
  if (*pHasEnd) {
    rc = mrr_date(c, pCustomer, sqlite3_column_value(p, 2), "end_date", " or NULL", pEnd);
    if (rc != SQLITE_OK) return rc;
  }
  return mrr_amount(c, pCustomer, sqlite3_column_value(p, 3), pUnits);
}

/* Same customer?  Values as ORDER BY compares them: numbers by value,
** text and blobs byte for byte (the sort is COLLATE BINARY). */
static int mrr_same_customer(sqlite3_value *a, sqlite3_value *b) {
  int ta = sqlite3_value_type(a), tb = sqlite3_value_type(b);
  if (ta == SQLITE_INTEGER && tb == SQLITE_INTEGER) {
    return sqlite3_value_int64(a) == sqlite3_value_int64(b);
  }
  if (ta == SQLITE_FLOAT && tb == SQLITE_FLOAT) {
    return sqlite3_value_double(a) == sqlite3_value_double(b);
  }
  if ((ta == SQLITE_INTEGER && tb == SQLITE_FLOAT) || (ta == SQLITE_FLOAT && tb == SQLITE_INTEGER)) {
    /* Exactly, as SQLite compares them: 2^53 + 1 is not 2^53 as a REAL. */
    sqlite3_int64 i = sqlite3_value_int64(ta == SQLITE_INTEGER ? a : b);
    double r = sqlite3_value_double(ta == SQLITE_INTEGER ? b : a);
    return r >= -9223372036854775808.0 && r < 9223372036854775808.0 &&
           (sqlite3_int64)r == i && r == (double)i;
  }
  if (ta != tb || ta == SQLITE_NULL) return 0;
  if (ta == SQLITE_TEXT) {
    const unsigned char *za = sqlite3_value_text(a), *zb = sqlite3_value_text(b);
    int n = sqlite3_value_bytes(a);
    return za && zb && n == sqlite3_value_bytes(b) && memcmp(za, zb, (size_t)n) == 0;
  } else {
    const void *za = sqlite3_value_blob(a), *zb = sqlite3_value_blob(b);
    int n = sqlite3_value_bytes(a);
    return n == sqlite3_value_bytes(b) && (n == 0 || memcmp(za, zb, (size_t)n) == 0);
  }
}

/* Step the source; an error becomes the statement's error. */
static int mrr_step(MrrCursor *c) {
  int rc = sqlite3_step(c->pSrc);
  if (rc == SQLITE_ROW) {
    c->srcRow = 1;
    return SQLITE_OK;
  }
  c->srcRow = 0;
  return rc == SQLITE_DONE ? SQLITE_OK : mrr_source_error(c, rc);
}

/* Read the next customer's periods (pSrc is on its first row) into
** c->cust and finish it.  Leaves pSrc on the next customer's first row. */
static int mrr_next_customer(MrrCursor *c) {
  char zErr[REVOPS_ERRMSG_SIZE];
  int rc = SQLITE_OK;
  sqlite3_value_free(c->pKey);
  c->pKey = 0;
  if (sqlite3_column_type(c->pSrc, 0) == SQLITE_NULL) {
    return mrr_error(c, "customer_id must not be NULL");
  }
  c->pKey = sqlite3_value_dup(sqlite3_column_value(c->pSrc, 0));
  if (c->pKey == 0) return SQLITE_NOMEM;
  revops_mrr_customer_reset(&c->cust);
  do {
    int64_t start = 0, end = 0, units = 0;
    int hasEnd = 0, crc;
    rc = mrr_read_row(c, &start, &hasEnd, &end, &units);
    if (rc != SQLITE_OK) return rc;
    crc = revops_mrr_customer_add(&c->cust, start, hasEnd, end, units, zErr, sizeof(zErr));
    if (crc == REVOPS_MRR_NOMEM) return SQLITE_NOMEM;
    if (crc != REVOPS_OK) return mrr_customer_error(c, c->pKey, "%s", zErr);
    rc = mrr_step(c);
    if (rc != SQLITE_OK) return rc;
  } while (c->srcRow && mrr_same_customer(c->pKey, sqlite3_column_value(c->pSrc, 0)));
  switch (revops_mrr_customer_finish(&c->cust, zErr, sizeof(zErr))) {
    case REVOPS_OK: return SQLITE_OK;
    case REVOPS_MRR_NOMEM: return SQLITE_NOMEM;
    default: return mrr_customer_error(c, c->pKey, "%s", zErr);
  }
}

/* mrr_months without to_month: the latest month of any start or end date
** (SPEC: never the clock), by one unsorted pass over the source. */
static int mrr_last_date(MrrCursor *c, const char *zSource, int32_t *pLast) {
  int rc = mrr_prepare_source(c, zSource, 0);
  *pLast = REVOPS_MRR_NONE;
  if (rc == SQLITE_OK) rc = mrr_step(c);
  while (rc == SQLITE_OK && c->srcRow) {
    int64_t start = 0, end = 0, units = 0;
    int hasEnd = 0;
    int32_t m;
    rc = mrr_read_row(c, &start, &hasEnd, &end, &units);
    if (rc != SQLITE_OK) break;
    m = revops_mrr_month_of(start);
    if (m > *pLast) *pLast = m; /* NONE is INT32_MIN */
    m = hasEnd ? revops_mrr_month_of(end) : m;
    if (m > *pLast) *pLast = m;
    rc = mrr_step(c);
  }
  sqlite3_finalize(c->pSrc);
  c->pSrc = 0;
  c->srcRow = 0;
  return rc;
}

/* ------------------------------------------------------------ iteration */

static void mrr_waterfall_row(MrrCursor *c) {
  if (c->month > c->upper) {
    c->eof = 1;
    return;
  }
  revops_mrr_totals_row(&c->totals, c->month, &c->row);
}

/* mrr_movements: the next step in [lower, upper], customer by customer. */
static int mrr_movements_next(MrrCursor *c) {
  for (;;) {
    for (c->iStep++; c->iStep < c->cust.nStep; c->iStep++) {
      int32_t m = c->cust.aStep[c->iStep].month;
      if (m > c->upper) break;
      if (m >= c->lower) {
        revops_mrr_customer_movement(&c->cust, c->iStep, &c->mv);
        return SQLITE_OK;
      }
    }
    if (!c->srcRow) {
      c->eof = 1;
      return SQLITE_OK;
    }
    {
      int rc = mrr_next_customer(c);
      if (rc != SQLITE_OK) return rc;
    }
    c->iStep = -1;
  }
}

/* mrr_months: the next month in [lower, upper] in which the customer has
** MRR.  Step i holds from its month to the month before step i+1 (the
** last step: for ever, so through `upper`). */
static int mrr_months_next(MrrCursor *c) {
  if (c->iStep >= 0 && c->month < c->segEnd) {
    c->month++;
    return SQLITE_OK;
  }
  for (;;) {
    for (c->iStep++; c->iStep < c->cust.nStep; c->iStep++) {
      const RevopsMrrStep *s = &c->cust.aStep[c->iStep];
      int32_t lo, hi;
      if (s->month > c->upper) break;
      if (s->cents == 0) continue;
      lo = s->month > c->lower ? s->month : c->lower;
      hi = c->iStep + 1 < c->cust.nStep ? c->cust.aStep[c->iStep + 1].month - 1 : c->upper;
      if (hi > c->upper) hi = c->upper;
      if (lo <= hi) {
        c->month = lo;
        c->segEnd = hi;
        c->cents = s->cents;
        return SQLITE_OK;
      }
    }
    if (!c->srcRow) {
      c->eof = 1;
      return SQLITE_OK;
    }
    {
      int rc = mrr_next_customer(c);
      if (rc != SQLITE_OK) return rc;
    }
    c->iStep = -1;
  }
}

/* ------------------------------------------------------------ the module */

static int mrrConnect(sqlite3 *db, void *pAux, int argc, const char *const *argv,
                      sqlite3_vtab **ppVtab, char **pzErr) {
  const MrrKind *k = (const MrrKind *)pAux;
  MrrVtab *p;
  int rc;
  (void)argc;
  (void)argv;
  (void)pzErr;
  rc = sqlite3_declare_vtab(db, k->zSchema);
  if (rc != SQLITE_OK) return rc;
  p = sqlite3_malloc(sizeof(*p));
  if (p == 0) return SQLITE_NOMEM;
  memset(p, 0, sizeof(*p));
  p->db = db;
  p->pKind = k;
  /* Usable in views with trusted_schema=OFF: the source is held to the
  ** rules of a view (see the top of this file). */
  sqlite3_vtab_config(db, SQLITE_VTAB_INNOCUOUS);
  *ppVtab = &p->base;
  return SQLITE_OK;
}

static int mrrDisconnect(sqlite3_vtab *p) {
  sqlite3_free(p);
  return SQLITE_OK;
}

static int mrrOpen(sqlite3_vtab *p, sqlite3_vtab_cursor **ppCursor) {
  MrrCursor *c = sqlite3_malloc(sizeof(*c));
  if (c == 0) return SQLITE_NOMEM;
  memset(c, 0, sizeof(*c));
  c->pTab = (MrrVtab *)p;
  revops_mrr_customer_reset(&c->cust);
  revops_mrr_totals_init(&c->totals);
  c->eof = 1;
  *ppCursor = &c->base;
  return SQLITE_OK;
}

/* Back to the state of a fresh cursor, keeping the customer's buffers. */
static void mrr_cursor_reset(MrrCursor *c) {
  int i;
  for (i = 0; i < MRR_NARG; i++) {
    sqlite3_value_free(c->apArg[i]);
    c->apArg[i] = 0;
  }
  sqlite3_finalize(c->pSrc);
  c->pSrc = 0;
  c->srcRow = 0;
  sqlite3_value_free(c->pKey);
  c->pKey = 0;
  revops_mrr_customer_reset(&c->cust);
  revops_mrr_totals_free(&c->totals);
  c->iStep = -1;
  c->eof = 1;
  c->iRowid = 0;
}

static int mrrClose(sqlite3_vtab_cursor *cur) {
  MrrCursor *c = (MrrCursor *)cur;
  mrr_cursor_reset(c);
  revops_mrr_customer_free(&c->cust);
  sqlite3_free(c);
  return SQLITE_OK;
}

/* from_month / to_month: 'YYYY-MM' text; NULL means the default. */
static int mrr_month_arg(MrrCursor *c, sqlite3_value *v, const char *zArg, int32_t *pMonth,
                         int *pGiven) {
  *pGiven = 0;
  if (v == 0 || sqlite3_value_type(v) == SQLITE_NULL) return SQLITE_OK;
  if (sqlite3_value_type(v) == SQLITE_TEXT) {
    const char *z = (const char *)sqlite3_value_text(v);
    if (z == 0) return SQLITE_NOMEM;
    if (revops_mrr_month_parse(z, (size_t)sqlite3_value_bytes(v), pMonth) == REVOPS_OK) {
      *pGiven = 1;
      return SQLITE_OK;
    }
  }
  {
    char *zVal = revops_describe_value(v);
    int rc = zVal ? mrr_error(c, "%s must be a month such as '2026-01', got %s", zArg, zVal)
                  : SQLITE_NOMEM;
    sqlite3_free(zVal);
    return rc;
  }
}

static int mrr_filter(MrrCursor *c, int idxNum, int argc, sqlite3_value **argv) {
  const MrrKind *k = c->pTab->pKind;
  const char *zSource;
  int32_t from = 0, to = 0;
  int hasFrom, hasTo, i, j = 0, rc;

  mrr_cursor_reset(c);
  for (i = 0; i < MRR_NARG; i++) {
    if ((idxNum & (1 << i)) && j < argc) {
      c->apArg[i] = sqlite3_value_dup(argv[j++]);
      if (c->apArg[i] == 0) return SQLITE_NOMEM;
    }
  }
  if (c->apArg[MRR_ARG_SOURCE] == 0) {
    return mrr_error(c, "source is required (a table name, a view name or a SELECT statement)");
  }
  rc = mrr_month_arg(c, c->apArg[MRR_ARG_FROM], "from_month", &from, &hasFrom);
  if (rc == SQLITE_OK) rc = mrr_month_arg(c, c->apArg[MRR_ARG_TO], "to_month", &to, &hasTo);
  if (rc != SQLITE_OK) return rc;
  if (hasFrom && hasTo && from > to) {
    char zFrom[REVOPS_MRR_MONTH_SIZE], zTo[REVOPS_MRR_MONTH_SIZE];
    revops_mrr_month_format(from, zFrom);
    revops_mrr_month_format(to, zTo);
    return mrr_error(c, "from_month must not be after to_month, got %s after %s", zFrom, zTo);
  }
  switch (sqlite3_value_type(c->apArg[MRR_ARG_SOURCE])) {
    case SQLITE_NULL:
      return SQLITE_OK; /* NULL in, nothing out (docs/conventions.md) */
    case SQLITE_TEXT:
      break;
    default: {
      char *zVal = revops_describe_value(c->apArg[MRR_ARG_SOURCE]);
      rc = zVal ? mrr_error(c, "source must be a table name, a view name or a SELECT"
                               " statement, got %s", zVal)
                : SQLITE_NOMEM;
      sqlite3_free(zVal);
      return rc;
    }
  }
  zSource = (const char *)sqlite3_value_text(c->apArg[MRR_ARG_SOURCE]);
  if (zSource == 0) return SQLITE_NOMEM;

  /* By default every month with a movement: the defaults of SPEC section
  ** 3 only bound the waterfall (and mrr_months' open-ended periods). */
  c->lower = hasFrom ? from : INT32_MIN;
  c->upper = hasTo ? to : INT32_MAX;
  if (k->eKind == MRR_MONTHS && !hasTo) {
    rc = mrr_last_date(c, zSource, &c->upper);
    if (rc != SQLITE_OK || c->upper == REVOPS_MRR_NONE) return rc;
  }
  rc = mrr_prepare_source(c, zSource, 1);
  if (rc == SQLITE_OK) rc = mrr_step(c);
  if (rc != SQLITE_OK) return rc;
  c->eof = 0;
  c->iStep = -1;

  if (k->eKind == MRR_WATERFALL) {
    char zErr[REVOPS_ERRMSG_SIZE];
    while (c->srcRow) {
      rc = mrr_next_customer(c);
      if (rc != SQLITE_OK) return rc;
      if (revops_mrr_totals_add(&c->totals, &c->cust) != REVOPS_OK) return SQLITE_NOMEM;
    }
    sqlite3_finalize(c->pSrc);
    c->pSrc = 0;
    if (revops_mrr_totals_finish(&c->totals, zErr, sizeof(zErr)) != REVOPS_OK) {
      return mrr_error(c, "%s", zErr);
    }
    /* SPEC: from the first month with MRR to the month of the latest
    ** date; the first row starts from the snapshot before from_month. */
    c->lower = hasFrom ? from : c->totals.firstActive;
    c->upper = hasTo ? to : c->totals.lastDate;
    if (c->lower == REVOPS_MRR_NONE || c->upper == REVOPS_MRR_NONE) {
      c->eof = 1;
      return SQLITE_OK;
    }
    c->month = c->lower;
    mrr_waterfall_row(c);
    return SQLITE_OK;
  }
  return k->eKind == MRR_MOVEMENTS ? mrr_movements_next(c) : mrr_months_next(c);
}

static int mrrFilter(sqlite3_vtab_cursor *cur, int idxNum, const char *idxStr, int argc,
                     sqlite3_value **argv) {
  MrrCursor *c = (MrrCursor *)cur;
  int rc;
  (void)idxStr;
  if (mrrDepth >= MRR_MAX_DEPTH) {
    mrr_cursor_reset(c);
    return mrr_error(c, "source nests MRR tables more than %d deep (does a view read itself?)",
                     MRR_MAX_DEPTH);
  }
  mrrDepth++;
  rc = mrr_filter(c, idxNum, argc, argv);
  mrrDepth--;
  if (rc != SQLITE_OK) c->eof = 1;
  c->iRowid = 1;
  return rc;
}

static int mrrNext(sqlite3_vtab_cursor *cur) {
  MrrCursor *c = (MrrCursor *)cur;
  int rc = SQLITE_OK;
  mrrDepth++;
  switch (c->pTab->pKind->eKind) {
    case MRR_WATERFALL:
      c->month++;
      mrr_waterfall_row(c);
      break;
    case MRR_MOVEMENTS:
      rc = mrr_movements_next(c);
      break;
    default:
      rc = mrr_months_next(c);
      break;
  }
  mrrDepth--;
  if (rc != SQLITE_OK) c->eof = 1;
  c->iRowid++;
  return rc;
}

static int mrrEof(sqlite3_vtab_cursor *cur) { return ((MrrCursor *)cur)->eof; }

static void mrr_result_month(sqlite3_context *ctx, int32_t month) {
  char z[REVOPS_MRR_MONTH_SIZE];
  revops_mrr_month_format(month, z);
  sqlite3_result_text(ctx, z, -1, SQLITE_TRANSIENT);
}

/* Cents as REAL: exact below REVOPS_MRR_MAX_CENTS, which the engine
** enforces. */
static void mrr_result_cents(sqlite3_context *ctx, int64_t cents) {
  sqlite3_result_double(ctx, (double)cents / 100.0);
}

static int mrrColumn(sqlite3_vtab_cursor *cur, sqlite3_context *ctx, int i) {
  MrrCursor *c = (MrrCursor *)cur;
  const MrrKind *k = c->pTab->pKind;
  if (i >= k->nCol) {
    if (i - k->nCol < MRR_NARG && c->apArg[i - k->nCol]) {
      sqlite3_result_value(ctx, c->apArg[i - k->nCol]);
    }
    return SQLITE_OK;
  }
  if (k->eKind == MRR_WATERFALL) {
    const RevopsMrrRow *r = &c->row;
    switch (i) {
      case WF_MONTH: mrr_result_month(ctx, r->month); break;
      case WF_STARTING: mrr_result_cents(ctx, r->starting); break;
      case WF_ENDING: mrr_result_cents(ctx, r->ending); break;
      case WF_NET: mrr_result_cents(ctx, r->net); break;
      case WF_N_STARTING: sqlite3_result_int64(ctx, r->nStarting); break;
      case WF_N_NEW: sqlite3_result_int64(ctx, r->nNew); break;
      case WF_N_REACTIVATED: sqlite3_result_int64(ctx, r->nReactivated); break;
      case WF_N_CHURNED: sqlite3_result_int64(ctx, r->nChurned); break;
      case WF_N_ENDING: sqlite3_result_int64(ctx, r->nEnding); break;
      default: mrr_result_cents(ctx, r->aMrr[i - WF_NEW]); break;
    }
  } else if (k->eKind == MRR_MOVEMENTS) {
    switch (i) {
      case MV_MONTH: mrr_result_month(ctx, c->mv.month); break;
      case MV_CUSTOMER: sqlite3_result_value(ctx, c->pKey); break;
      case MV_MOVEMENT:
        sqlite3_result_text(ctx, revops_mrr_movement_name(c->mv.eKind), -1, SQLITE_STATIC);
        break;
      case MV_AMOUNT: mrr_result_cents(ctx, c->mv.amount); break;
      case MV_PREV: mrr_result_cents(ctx, c->mv.prev); break;
      default: mrr_result_cents(ctx, c->mv.curr); break;
    }
  } else {
    switch (i) {
      case MO_MONTH: mrr_result_month(ctx, c->month); break;
      case MO_CUSTOMER: sqlite3_result_value(ctx, c->pKey); break;
      default: mrr_result_cents(ctx, c->cents); break;
    }
  }
  return SQLITE_OK;
}

static int mrrRowid(sqlite3_vtab_cursor *cur, sqlite_int64 *pRowid) {
  *pRowid = ((MrrCursor *)cur)->iRowid;
  return SQLITE_OK;
}

/* Equality constraints on the HIDDEN argument columns become xFilter's
** arguments; everything else (other operators, visible columns) is left
** for SQLite to check.  An argument constrained only by something not yet
** usable (a join column from a later table) makes this plan impossible,
** so SQLite tries an order where it is known. */
static int mrrBestIndex(sqlite3_vtab *tab, sqlite3_index_info *p) {
  const MrrKind *k = ((MrrVtab *)tab)->pKind;
  int aUse[MRR_NARG] = {-1, -1, -1};
  int unusable = 0, idxNum = 0, nArg = 0, i;
  const struct sqlite3_index_constraint *pc = p->aConstraint;
  for (i = 0; i < p->nConstraint; i++, pc++) {
    int iArg = pc->iColumn - k->nCol;
    if (iArg < 0 || iArg >= MRR_NARG || pc->op != SQLITE_INDEX_CONSTRAINT_EQ) continue;
    if (!pc->usable) {
      unusable |= 1 << iArg;
    } else if (aUse[iArg] < 0) {
      aUse[iArg] = i;
      idxNum |= 1 << iArg;
    }
  }
  if (unusable & ~idxNum) return SQLITE_CONSTRAINT;
  for (i = 0; i < MRR_NARG; i++) {
    if (aUse[i] >= 0) {
      p->aConstraintUsage[aUse[i]].argvIndex = ++nArg;
      p->aConstraintUsage[aUse[i]].omit = 1;
    }
  }
  p->idxNum = idxNum;
  p->idxStr = (char *)azMrrIdxStr[idxNum];
  /* Ascending ORDER BY a prefix of the output order costs nothing. */
  if (p->nOrderBy > 0 && p->nOrderBy <= k->nOrder) {
    for (i = 0; i < p->nOrderBy; i++) {
      if (p->aOrderBy[i].desc || p->aOrderBy[i].iColumn != k->aOrder[i]) break;
    }
    if (i == p->nOrderBy) p->orderByConsumed = 1;
  }
  /* Reading and sorting the whole source each time: expensive, and
  ** without a source impossible (xFilter says so). */
  p->estimatedCost = (idxNum & 1) ? 1e6 : 1e12;
  p->estimatedRows = (sqlite3_int64)k->rows;
  return SQLITE_OK;
}

/* Designated initialisers: the struct grows with SQLite versions. */
static sqlite3_module mrrModule = {
    .iVersion = 0,
    .xCreate = 0, /* eponymous only */
    .xConnect = mrrConnect,
    .xBestIndex = mrrBestIndex,
    .xDisconnect = mrrDisconnect,
    .xOpen = mrrOpen,
    .xClose = mrrClose,
    .xFilter = mrrFilter,
    .xNext = mrrNext,
    .xEof = mrrEof,
    .xColumn = mrrColumn,
    .xRowid = mrrRowid,
};

/* All three are innocuous (see the top of this file for why that is
** safe with a SELECT as the source). */
static const RevopsModule aMrrModule[] = {
    {"mrr_waterfall", SQLITE_INNOCUOUS},
    {"mrr_movements", SQLITE_INNOCUOUS},
    {"mrr_months", SQLITE_INNOCUOUS},
};

static int mrr_register(sqlite3 *db, const RevopsDomain *pDomain) {
  int i, rc = SQLITE_OK;
  (void)pDomain;
  for (i = 0; i < REVOPS_COUNT(aMrrKind) && rc == SQLITE_OK; i++) {
    rc = sqlite3_create_module(db, aMrrKind[i].zName, &mrrModule, (void *)&aMrrKind[i]);
  }
  return rc;
}

const RevopsDomain revops_domain_mrr = {
    "mrr", 0, 0, aMrrModule, REVOPS_COUNT(aMrrModule), mrr_register};
