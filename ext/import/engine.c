/*
** engine.c — revops_import(): the CSV import's loader, in C.
**
**   SELECT revops_import();      -- inside BEGIN IMMEDIATE ... COMMIT
**
** sql/import/import.sql matches the directory's files to tables (by a
** mapping, by the header a preset's match = names, or by name) in
** temp.imp_files, and puts each file's mapping settings (a user's, or the
** shipped preset's it matched) in temp.imp_mapping; this function then
** loads every table in foreign-key order, parents first.  Each row is read,
** mapped (docs/data.md "Mappings": a closed set of steps per column),
** typed and checked here, in C, and goes straight into its table or into
** import_rejects with every problem it has (docs/data.md "The import"):
**
**   - values are converted by the column's type and CHECK (schema.c reads
**     them from the database, so the rules are those of sql/schema.sql);
**   - foreign keys are looked up in the parent table (loaded before);
**   - a table empty before the import takes plain INSERTs (the fresh-table
**     fast path): its primary key finds duplicates;
**   - a table that has rows is upserted: a known key with other values is
**     updated, with the same values left alone;
**   - the line a duplicate key was first seen on is found from the rowid:
**     rows inserted in this run are kept as runs of (rowid, line), rows
**     updated as a temp table, so memory does not grow with the file.
**
** Cost per row: one CSV record, one INSERT (or a lookup and maybe an
** UPDATE), and a hash probe per foreign key (parent keys found are kept in
** a bounded set; a miss is one index lookup).  Linear in rows.
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine.h"

/* Rows waiting for a parent later in the same file (self references such
** as reps.manager_id): kept in memory, at most this many per table. */
#define IMP_MAX_DEFERRED 100000
/* A value quoted in a reason: at most this many bytes of it. */
#define IMP_SHOW 60
/* The busy timeout given to a connection that has none. */
#define IMP_BUSY_TIMEOUT_MS 10000
/* Page cache during the import, KiB: a load dirties every page it writes,
** and SQLite's default (2 MiB) spills them to disk mid-transaction, which
** costs a third more CPU (docs/performance.md).  Restored afterwards. */
#define IMP_CACHE_KIB 16384

typedef struct ImpVal {
  int type;                 /* SQLITE_NULL, _INTEGER, _FLOAT, _TEXT */
  sqlite3_int64 i;
  double r;
  const char *z;
  int n;
  char buf[24];             /* formatted dates */
} ImpVal;

/* One setting of a user mapping (temp.imp_mapping, from revops_mapping). */
typedef struct ImpSetting {
  char *zSetting, *zCol, *zSrc, *zDst;
} ImpSetting;

typedef struct ImpFileInfo {
  char *zFile, *zPath, *zTable, *zPreset, *zNote;
  const char *zLabel;       /* label = (what the file is, in notes) */
  const char *zFooter;      /* footer = TEXT */
  int stageChanges;         /* rows = stage_changes */
  unsigned long long nLater; /* per foreign key (bit): parent rows left for a second pass */
  sqlite3_int64 nFooter, nNoChange;
  int eOrder;               /* date order found in the file, or declared */
  int orderDeclared;        /* by a mapping: never overridden */
  ImpSetting *aSet;         /* the file's mapping settings */
  int nSet;
  int createParents;
  sqlite3_int64 nSkipped, nCreated;
} ImpFileInfo;

/* Where a column's text comes from: alternatives, the first not empty. */
typedef struct ImpAlt {
  int iField;               /* a field of the file, -1 = not in it */
  const char *zLit;         /* or a quoted literal */
  size_t nLit;
  int *aJoin;               /* or fields joined by a space: A + B */
  int nJoin;
} ImpAlt;
typedef struct ImpAlts {
  ImpAlt *a;
  int n;
} ImpAlts;
typedef struct ImpSyn {     /* value.X (exact) or contains.X */
  int contains;
  const char *zFrom, *zTo;
} ImpSyn;
typedef struct ImpBand {    /* band.X = < 50 => SMB */
  int op;
  double v;
  const char *zLabel;
} ImpBand;
typedef struct ImpWhen {    /* when.X = F is a, b => source */
  int iField, isNot;
  const char *zList;
  ImpAlts src;
} ImpWhen;

/* What a mapping says about one column, for the file being read. */
typedef struct ImpColMap {
  int hasSrc;               /* column.X given (else the column's own name) */
  ImpAlts src;
  const char *zDefault;     /* default.X */
  int keyLine;              /* key.X = line */
  ImpSyn *aSyn;             /* value.X (and lists), then contains.X */
  int nSyn;
  const char *zOtherwise;   /* otherwise.X, NULL = none */
  ImpBand *aBand;
  int nBand;
  int percent;              /* percent.X = yes */
  char cFirst;              /* first.X = ; */
  int hasTimes, iTimes;     /* times.X = F */
  int hasPer, iPer;         /* per.X = F */
  ImpWhen *aWhen;
  int nWhen;
} ImpColMap;

/* One input row: the text of each target column (NULL when the source has
** no such column), where it comes from, and a problem the reader found. */
typedef struct ImpRow {
  int iFile;
  sqlite3_int64 line;
  const char *zRaw;
  size_t nRaw;
  int rawValid;             /* raw is valid UTF-8 without NUL */
  const char *zErr;         /* malformed record, bad header: the only reason */
  const char *zMapErr;      /* what the mapping could not do: among the problems */
  int derived;              /* derived by a preset for a parent table */
  int eOrder;               /* date order of the source */
  const char **az;          /* per column: the field, untrimmed; NULL = absent */
  size_t *an;
  const ImpColMap *aMap;    /* per column: the file's mapping, or NULL */
} ImpRow;

typedef struct ImpSeg {     /* rows rid0.. rid0+n-1 came from lines line0.. */
  sqlite3_int64 rid0, line0, n;
  int iFile;
} ImpSeg;

typedef struct ImpDeferred {
  int iFile, derived;
  sqlite3_int64 line;
  char *zRaw;
  size_t nRaw;
  int rawValid;
  char **az;                /* copies of the fields */
  size_t *an;
} ImpDeferred;


typedef struct ImpCount {
  sqlite3_int64 nRead, nIns, nUpd, nSame, nRej, nDerivedDup;
} ImpCount;

typedef struct Imp {
  sqlite3 *db;
  sqlite3_int64 runId;
  ImpSchema schema;
  ImpFileInfo *aFile;
  int nFile;
  sqlite3_stmt *pReject, *pRejKeyIns, *pRejKeySel, *pSummary;
  ImpPing ping;
  char *zErr;               /* fatal error for the caller */
  sqlite3_int64 nRead;
} Imp;

/* Parent keys found, per foreign-key column: a set of texts, so that most
** rows need no lookup statement.  Bounded (IMP_FK_CACHE_BYTES per column);
** past the bound, lookups go to the table as before. */
#define IMP_FK_CACHE_BYTES (4 << 20)
typedef struct ImpKeySet {
  char **az;                /* slots: NUL-terminated copies, or NULL */
  unsigned nSlot, nUsed;
  size_t nBytes;
  int full;
} ImpKeySet;

/* Loading one table. */
typedef struct ImpLoad {
  Imp *p;
  ImpTable *t;
  int iTable;
  sqlite3_stmt *pIns, *pSel, *pUpd, *pTouchIns, *pTouchSel;
  sqlite3_stmt **apFk;      /* per column: parent lookup */
  sqlite3_stmt **apCreate;  /* per column: create_parents insert */
  ImpKeySet *aFkSet;        /* per column: parent keys found */
  int fresh;                /* empty before this import */
  sqlite3_int64 baseMax;    /* max(rowid) before this import */
  ImpSeg *aSeg;
  int nSeg, nSegAlloc;
  ImpVal *aVal;
  unsigned char *aBad;      /* per column: its value has a problem */
  unsigned char *aSyn;      /* per column: it has synonyms */
  unsigned char *aCreateNow; /* per column: create its parent before writing */
  RevopsBuf why;            /* the row's problems */
  ImpCount *aCount;         /* per file x derived */
  ImpDeferred *aDef;
  int nDef, nDefAlloc;
  ImpKeySet *aSeen;         /* per file: parent keys derived from it (one per key) */
} ImpLoad;

/* ------------------------------------------------------------ helpers */

static void imp_fail(Imp *p, const char *zFmt, ...) {
  va_list ap;
  if (p->zErr) return;
  va_start(ap, zFmt);
  p->zErr = sqlite3_vmprintf(zFmt, ap);
  va_end(ap);
}

static int imp_sql_error(Imp *p, int rc) {
  if (rc == SQLITE_NOMEM) return rc;
  imp_fail(p, "revops_import(): %s", sqlite3_errmsg(p->db));
  return rc == SQLITE_OK ? SQLITE_ERROR : rc;
}

static int imp_prepare(Imp *p, sqlite3_stmt **pp, const char *zFmt, ...) {
  va_list ap;
  char *zSql;
  int rc;
  va_start(ap, zFmt);
  zSql = sqlite3_vmprintf(zFmt, ap);
  va_end(ap);
  if (zSql == 0) return SQLITE_NOMEM;
  rc = sqlite3_prepare_v2(p->db, zSql, -1, pp, 0);
  sqlite3_free(zSql);
  if (rc != SQLITE_OK) return imp_sql_error(p, rc);
  return SQLITE_OK;
}

static int imp_exec(Imp *p, const char *zSql) {
  int rc = sqlite3_exec(p->db, zSql, 0, 0, 0);
  return rc == SQLITE_OK ? rc : imp_sql_error(p, rc);
}

static void imp_trim(const char **pz, size_t *pn) {
  const char *z = *pz;
  size_t n = *pn;
  while (n > 0 && (z[0] == ' ' || z[0] == '\t')) z++, n--;
  while (n > 0 && (z[n - 1] == ' ' || z[n - 1] == '\t')) n--;
  *pz = z;
  *pn = n;
}

/* Append 'value' as it is in the file, cut at IMP_SHOW bytes on a UTF-8
** boundary (invalid bytes as \xNN). */
static void imp_show(RevopsBuf *b, const char *z, size_t n) {
  size_t k = n;
  char *zText;
  size_t nText;
  if (k > IMP_SHOW) {
    k = IMP_SHOW - 3;
    while (k > 0 && ((unsigned char)z[k] & 0xC0) == 0x80) k--;
  }
  zText = imp_raw_text(z, k, &nText);
  revops_buf_append(b, "'", 1);
  if (zText) revops_buf_append(b, zText, nText);
  else b->oom = 1;
  if (k < n) revops_buf_lit(b, "...");
  revops_buf_append(b, "'", 1);
  sqlite3_free(zText);
}

static void imp_problem_start(RevopsBuf *b) {
  if (b->n) revops_buf_lit(b, "; ");
}

/* ----------------------------------------------------- vocabulary */
/* Documented synonyms (docs/data.md "Vocabulary"), matched without regard
** to case after trimming, applied before the value is checked.  "*" is any
** table. */
static const struct {
  const char *zTable, *zCol, *zFrom, *zTo;
} aSynonym[] = {
    {"*", "billing_interval", "monthly", "month"},
    {"*", "billing_interval", "mo", "month"},
    {"*", "billing_interval", "annual", "year"},
    {"*", "billing_interval", "annually", "year"},
    {"*", "billing_interval", "yearly", "year"},
    {"*", "billing_interval", "yr", "year"},
    {"*", "billing_interval", "quarterly", "quarter"},
    {"*", "stage", "won", "Closed Won"},
    {"*", "stage", "closed won", "Closed Won"},
    {"*", "stage", "closed-won", "Closed Won"},
    {"*", "stage", "closedwon", "Closed Won"},
    {"*", "stage", "lost", "Closed Lost"},
    {"*", "stage", "closed lost", "Closed Lost"},
    {"*", "stage", "closed-lost", "Closed Lost"},
    {"*", "stage", "closedlost", "Closed Lost"},
    {"*", "stage", "discovery", "Discovery"},
    {"*", "stage", "qualification", "Qualification"},
    {"*", "stage", "demo", "Demo"},
    {"*", "stage", "proposal", "Proposal"},
    {"*", "stage", "negotiation", "Negotiation"},
    {"*", "stage", "contract sent", "Contract Sent"},
    {"support_tickets", "status", "new", "Open"},
    {"support_tickets", "status", "in progress", "Pending"},
    {"support_tickets", "status", "on hold", "Pending"},
    {"support_tickets", "status", "waiting on customer", "Pending"},
    {"support_tickets", "status", "resolved", "Solved"},
    {"support_tickets", "priority", "medium", "Normal"},
    {"support_tickets", "priority", "critical", "Urgent"},
    {"*", "opportunity_type", "new", "New Business"},
    {"*", "opportunity_type", "newbusiness", "New Business"},
    {"*", "opportunity_type", "existing business", "Expansion"},
    {"*", "opportunity_type", "existingbusiness", "Expansion"},
    {"*", "opportunity_type", "upsell", "Expansion"},
};

static const char *imp_synonym(const char *zTable, const char *zCol, const char *z, size_t n) {
  size_t i;
  for (i = 0; i < sizeof(aSynonym) / sizeof(aSynonym[0]); i++) {
    if (strcmp(aSynonym[i].zCol, zCol) != 0) continue;
    if (aSynonym[i].zTable[0] != '*' && strcmp(aSynonym[i].zTable, zTable) != 0) continue;
    if (strlen(aSynonym[i].zFrom) == n && sqlite3_strnicmp(aSynonym[i].zFrom, z, (int)n) == 0) {
      return aSynonym[i].zTo;
    }
  }
  return 0;
}

/* ------------------------------------------------------ conversion */

static const char *const azHow[] = {
    0,
    "is not a whole number",
    "is not a number (write a plain number such as 1200.50: no currency sign, no thousands separator)",
    "is not a yes/no value (use 1/0, true/false or yes/no)",
    "is not a valid date (use YYYY-MM-DD)",
    "is not a valid date and time (use YYYY-MM-DD HH:MM:SS, UTC)",
    "is not a valid month (use YYYY-MM)",
};

static void imp_num_text(RevopsBuf *b, double v) {
  char z[40];
  revops_fmt_num(z, sizeof(z), v);
  revops_buf_str(b, z);
}

/* Convert column i's text into L->aVal[i]; problems go to L->why. */
static void imp_convert(ImpLoad *L, const ImpRow *r, int i) {
  ImpCol *c = &L->t->aCol[i];
  ImpVal *v = &L->aVal[i];
  RevopsBuf *b = &L->why;
  const char *zField = r->az[i], *z = zField;
  size_t nField = r->an[i], n = nField;
  int ok = 1, k;
  v->type = SQLITE_NULL;
  if (r->aMap && r->aMap[i].zDefault) {
    /* default.X of a mapping: for a column the file lacks or leaves empty */
    const char *zt = z;
    size_t nt = n;
    if (zt) imp_trim(&zt, &nt);
    if (zt == 0 || nt == 0) z = zField = r->aMap[i].zDefault, n = nField = strlen(z);
  }
  if (z == 0) {
    if (c->required) {
      imp_problem_start(b);
      revops_buf_lit(b, "missing required column ");
      revops_buf_str(b, c->zName);
      L->aBad[i] = 1;
    }
    return;
  }
  imp_trim(&z, &n);
  if (n == 0) {
    if (c->required) {
      imp_problem_start(b);
      revops_buf_str(b, c->zName);
      revops_buf_lit(b, " is empty (required)");
      L->aBad[i] = 1;
    }
    return;
  }
  {
    const char *zSyn = L->aSyn[i] ? imp_synonym(L->t->zName, c->zName, z, n) : 0;
    if (zSyn) z = zSyn, n = strlen(zSyn);
  }
  switch (c->kind) {
    case IMP_K_INT: {
      sqlite3_int64 x;
      ok = imp_parse_int(z, n, (int64_t *)&x);
      if (ok) v->type = SQLITE_INTEGER, v->i = x, v->r = (double)x;
      break;
    }
    case IMP_K_REAL: {
      double x;
      ok = imp_parse_real(z, n, &x);
      if (ok) v->type = SQLITE_FLOAT, v->r = x;
      break;
    }
    case IMP_K_BOOL: {
      int x;
      ok = imp_parse_bool(z, n, &x);
      if (ok) v->type = SQLITE_INTEGER, v->i = x, v->r = x;
      break;
    }
    case IMP_K_DATE:
    case IMP_K_DATETIME: {
      int64_t ms;
      int why;
      ok = imp_parse_date(z, n, r->eOrder, &ms, &why);
      if (ok) {
        if (c->kind == IMP_K_DATE) imp_format_date(ms, v->buf), v->n = 10;
        else imp_format_datetime(ms, v->buf), v->n = 19;
        v->type = SQLITE_TEXT;
        v->z = v->buf;
      } else if (why == IMP_DATE_AMBIGUOUS) {
        imp_problem_start(b);
        revops_buf_str(b, c->zName);
        revops_buf_lit(b, ": ");
        imp_show(b, zField, nField);
        revops_buf_lit(b, " could be month/day or day/month and no value of the file decides it"
                          " (declare date_order = MDY or DMY in a mapping, docs/data.md)");
        L->aBad[i] = 1;
        return;
      }
      break;
    }
    case IMP_K_MONTH:
      ok = imp_parse_month(z, n);
      if (ok) v->type = SQLITE_TEXT, v->z = z, v->n = (int)n;
      break;
    default:
      v->type = SQLITE_TEXT, v->z = z, v->n = (int)n;
      break;
  }
  if (!ok) {
    imp_problem_start(b);
    revops_buf_str(b, c->zName);
    revops_buf_lit(b, ": ");
    imp_show(b, zField, nField);
    revops_buf_append(b, " ", 1);
    revops_buf_str(b, azHow[c->kind]);
    L->aBad[i] = 1;
    return;
  }
  if (c->nEnum) {
    for (k = 0; k < c->nEnum; k++) {
      if (strlen(c->azEnum[k]) == (size_t)v->n && sqlite3_strnicmp(c->azEnum[k], v->z, v->n) == 0) {
        v->z = c->azEnum[k];
        break;
      }
    }
    if (k == c->nEnum) {
      imp_problem_start(b);
      revops_buf_str(b, c->zName);
      revops_buf_lit(b, ": ");
      imp_show(b, zField, nField);
      revops_buf_lit(b, " is not one of ");
      for (k = 0; k < c->nEnum; k++) {
        if (k) revops_buf_lit(b, ", ");
        revops_buf_str(b, c->azEnum[k]);
      }
      L->aBad[i] = 1;
      return;
    }
  }
  if (c->nBound && (v->type == SQLITE_INTEGER || v->type == SQLITE_FLOAT)) {
    double x = v->type == SQLITE_INTEGER ? (double)v->i : v->r;
    int inside = 1;
    for (k = 0; k < c->nBound; k++) {
      double lim = c->aBound[k].v;
      switch (c->aBound[k].op) {
        case IMP_OP_GE: inside &= x >= lim; break;
        case IMP_OP_GT: inside &= x > lim; break;
        case IMP_OP_LE: inside &= x <= lim; break;
        default: inside &= x < lim; break;
      }
    }
    if (!inside) {
      static const char *const azOp[] = {">=", ">", "<=", "<"};
      imp_problem_start(b);
      revops_buf_str(b, c->zName);
      revops_buf_lit(b, ": ");
      imp_show(b, zField, nField);
      if (c->nBound == 2 && c->aBound[0].op == IMP_OP_GE && c->aBound[1].op == IMP_OP_LE) {
        revops_buf_lit(b, " is not between ");
        imp_num_text(b, c->aBound[0].v);
        revops_buf_lit(b, " and ");
        imp_num_text(b, c->aBound[1].v);
        if (c->isFraction && x > 1 && x <= 100) {
          revops_buf_lit(b, " (a fraction: divide percentages by 100)");
        }
      } else {
        revops_buf_lit(b, " must be ");
        revops_buf_str(b, azOp[c->aBound[0].op]);
        revops_buf_append(b, " ", 1);
        imp_num_text(b, c->aBound[0].v);
      }
      L->aBad[i] = 1;
    }
  }
}

/* ------------------------------------------------------------ rejects */

/* Write a reject.  The key of a rejected row is remembered, so that a
** child row pointing at it can say so. */
static int imp_reject(ImpLoad *L, const ImpRow *r, const char *zReason) {
  Imp *p = L->p;
  int rc;
  char *zRaw = 0;
  sqlite3_stmt *s = p->pReject;
  sqlite3_bind_int64(s, 1, p->runId);
  sqlite3_bind_text(s, 2, p->aFile[r->iFile].zFile, -1, SQLITE_STATIC);
  sqlite3_bind_int64(s, 3, r->line);
  sqlite3_bind_text(s, 4, L->t->zName, -1, SQLITE_STATIC);
  if (r->zRaw == 0) {
    sqlite3_bind_null(s, 5);
  } else if (r->rawValid) {
    sqlite3_bind_text(s, 5, r->zRaw, (int)r->nRaw, SQLITE_STATIC);
  } else {
    size_t n;
    zRaw = imp_raw_text(r->zRaw, r->nRaw, &n);
    if (zRaw == 0) return SQLITE_NOMEM;
    sqlite3_bind_text(s, 5, zRaw, (int)n, SQLITE_STATIC);
  }
  sqlite3_bind_text(s, 6, zReason, -1, SQLITE_STATIC);
  rc = sqlite3_step(s);
  sqlite3_reset(s);
  sqlite3_free(zRaw);
  if (rc != SQLITE_DONE) return imp_sql_error(p, rc);
  /* One-column keys are what foreign keys point at. */
  if (L->t->nPk == 1 && r->az) {
    int k = L->t->aPk[0];
    const char *z = r->az[k];
    size_t n = r->an[k];
    if (z) {
      imp_trim(&z, &n);
      if (n) {
        s = p->pRejKeyIns;
        sqlite3_bind_text(s, 1, L->t->zName, -1, SQLITE_STATIC);
        sqlite3_bind_text(s, 2, z, (int)n, SQLITE_STATIC);
        sqlite3_bind_text(s, 3, p->aFile[r->iFile].zFile, -1, SQLITE_STATIC);
        sqlite3_bind_int64(s, 4, r->line);
        rc = sqlite3_step(s);
        sqlite3_reset(s);
        if (rc != SQLITE_DONE) return imp_sql_error(p, rc);
      }
    }
  }
  L->aCount[r->iFile * 2 + r->derived].nRej++;
  return SQLITE_OK;
}

/* ------------------------------------------------------------ binding */

static void imp_bind_val(sqlite3_stmt *s, int iParam, const ImpVal *v) {
  switch (v->type) {
    case SQLITE_INTEGER: sqlite3_bind_int64(s, iParam, v->i); break;
    case SQLITE_FLOAT: sqlite3_bind_double(s, iParam, v->r); break;
    case SQLITE_TEXT: sqlite3_bind_text(s, iParam, v->z, v->n, SQLITE_STATIC); break;
    default: sqlite3_bind_null(s, iParam); break;
  }
}

/* Same type and value (SQL's IS). */
static int imp_same(const ImpVal *v, sqlite3_stmt *s, int iCol) {
  int t = sqlite3_column_type(s, iCol);
  if (t != v->type) return 0;
  switch (t) {
    case SQLITE_INTEGER: return sqlite3_column_int64(s, iCol) == v->i;
    case SQLITE_FLOAT: return sqlite3_column_double(s, iCol) == v->r;
    case SQLITE_TEXT:
      return sqlite3_column_bytes(s, iCol) == v->n &&
             memcmp(sqlite3_column_text(s, iCol), v->z, (size_t)v->n) == 0;
    default: return 1;
  }
}

static void imp_val_from_value(ImpVal *v, sqlite3_value *x) {
  v->type = sqlite3_value_type(x);
  switch (v->type) {
    case SQLITE_INTEGER: v->i = sqlite3_value_int64(x); break;
    case SQLITE_FLOAT: v->r = sqlite3_value_double(x); break;
    case SQLITE_TEXT:
      v->z = (const char *)sqlite3_value_text(x);
      v->n = sqlite3_value_bytes(x);
      break;
    default: v->type = SQLITE_NULL; break;
  }
}

/* ------------------------------------------------------- duplicates */

static int imp_seg_add(ImpLoad *L, sqlite3_int64 rid, int iFile, sqlite3_int64 line) {
  ImpSeg *s = L->nSeg ? &L->aSeg[L->nSeg - 1] : 0;
  if (s && s->iFile == iFile && s->rid0 + s->n == rid && s->line0 + s->n == line) {
    s->n++;
    return SQLITE_OK;
  }
  if (L->nSeg == L->nSegAlloc) {
    int nNew = L->nSegAlloc ? L->nSegAlloc * 2 : 64;
    ImpSeg *aNew = sqlite3_realloc64(L->aSeg, sizeof(ImpSeg) * (sqlite3_uint64)nNew);
    if (aNew == 0) return SQLITE_NOMEM;
    L->aSeg = aNew;
    L->nSegAlloc = nNew;
  }
  s = &L->aSeg[L->nSeg++];
  s->rid0 = rid, s->line0 = line, s->n = 1, s->iFile = iFile;
  return SQLITE_OK;
}

/* Where the row with this rowid came from in this run: 1 and the place,
** or 0 when it was there before the import and not touched since. */
static int imp_first_seen(ImpLoad *L, sqlite3_int64 rid, int *piFile, sqlite3_int64 *pLine) {
  if (rid > L->baseMax) {
    int lo = 0, hi = L->nSeg - 1;
    while (lo <= hi) {
      int mid = (lo + hi) / 2;
      ImpSeg *s = &L->aSeg[mid];
      if (rid < s->rid0) hi = mid - 1;
      else if (rid >= s->rid0 + s->n) lo = mid + 1;
      else {
        *piFile = s->iFile;
        *pLine = s->line0 + (rid - s->rid0);
        return 1;
      }
    }
    return 0;
  }
  if (L->pTouchSel == 0) return 0;
  sqlite3_bind_int64(L->pTouchSel, 1, rid);
  if (sqlite3_step(L->pTouchSel) == SQLITE_ROW) {
    *piFile = sqlite3_column_int(L->pTouchSel, 0);
    *pLine = sqlite3_column_int64(L->pTouchSel, 1);
    sqlite3_reset(L->pTouchSel);
    return 1;
  }
  sqlite3_reset(L->pTouchSel);
  return 0;
}

static int imp_duplicate(ImpLoad *L, const ImpRow *r, int iFile, sqlite3_int64 line) {
  RevopsBuf *b = &L->why;
  int k;
  b->n = 0;
  revops_buf_lit(b, "duplicate key (");
  for (k = 0; k < L->t->nPk; k++) {
    if (k) revops_buf_lit(b, ", ");
    revops_buf_str(b, L->t->aCol[L->t->aPk[k]].zName);
  }
  revops_buf_lit(b, ") '");
  for (k = 0; k < L->t->nPk; k++) {
    const ImpVal *v = &L->aVal[L->t->aPk[k]];
    if (k) revops_buf_lit(b, ", ");
    if (v->type == SQLITE_TEXT) revops_buf_append(b, v->z, (size_t)v->n);
    else if (v->type == SQLITE_INTEGER) revops_buf_int(b, v->i);
    else if (v->type == SQLITE_FLOAT) imp_num_text(b, v->r);
    else revops_buf_lit(b, "NULL");
  }
  revops_buf_lit(b, "' also on line ");
  revops_buf_int(b, line);
  revops_buf_lit(b, " of ");
  revops_buf_str(b, L->p->aFile[iFile].zFile);
  if (b->oom) return SQLITE_NOMEM;
  return imp_reject(L, r, b->z);
}

/* --------------------------------------------------- CHECK failures */

/* "CHECK constraint failed: X" in plain words.  X is the constraint's
** name when the schema gives one (a sentence), or its expression: the
** shapes "a > b", "a >= b" (and "a IS NULL OR a > b") become "a 'x' must
** be after b 'y'"; anything else is quoted as the rule. */
static void imp_rule_words(ImpLoad *L, const ImpRow *r, int iA, int iB, int op, int orNull);

static int imp_check_failed(ImpLoad *L, const ImpRow *r, const char *zMsg) {
  static const char zPre[] = "CHECK constraint failed: ";
  RevopsBuf *b = &L->why;
  const char *zExpr = zMsg;
  ImpRule u;
  b->n = 0;
  if (strncmp(zExpr, zPre, sizeof(zPre) - 1) == 0) zExpr += sizeof(zPre) - 1;
  if (imp_parse_rule(L->t, zExpr, &u)) imp_rule_words(L, r, u.iA, u.iB, u.op, u.orNull);
  else revops_buf_str(b, zExpr);
  if (b->oom) return SQLITE_NOMEM;
  return imp_reject(L, r, b->z);
}

/* A write failed with a constraint: duplicate key or a rule. */
static int imp_write_failed(ImpLoad *L, const ImpRow *r, int rc, int *pHandled) {
  int ext = sqlite3_extended_errcode(L->p->db);
  *pHandled = 0;
  if ((rc & 0xff) != SQLITE_CONSTRAINT) return rc;
  *pHandled = 1;
  if (ext == SQLITE_CONSTRAINT_CHECK) {
    char *zMsg = sqlite3_mprintf("%s", sqlite3_errmsg(L->p->db));
    int rc2;
    if (zMsg == 0) return SQLITE_NOMEM;
    rc2 = imp_check_failed(L, r, zMsg);
    sqlite3_free(zMsg);
    return rc2;
  }
  {
    char *zMsg = sqlite3_mprintf("%s", sqlite3_errmsg(L->p->db));
    int rc2;
    if (zMsg == 0) return SQLITE_NOMEM;
    rc2 = imp_reject(L, r, zMsg);
    sqlite3_free(zMsg);
    return rc2;
  }
}

/* ------------------------------------------------------------- writes */

/* The final value of column i for a new row: the file's value, or the
** default when the file has the column empty or lacks it. */
static void imp_final_new(ImpLoad *L, int i, ImpVal *v) {
  ImpCol *c = &L->t->aCol[i];
  if (L->aVal[i].type == SQLITE_NULL && c->pDflt) imp_val_from_value(v, c->pDflt);
  else *v = L->aVal[i];
}

static int imp_insert(ImpLoad *L, const ImpRow *r, int *pConflict) {
  sqlite3_stmt *s = L->pIns;
  int i, rc;
  *pConflict = 0;
  for (i = 0; i < L->t->nCol; i++) {
    ImpVal v;
    imp_final_new(L, i, &v);
    imp_bind_val(s, i + 1, &v);
  }
  rc = sqlite3_step(s);
  sqlite3_reset(s);
  if (rc == SQLITE_DONE) {
    L->aCount[r->iFile * 2 + r->derived].nIns++;
    return imp_seg_add(L, sqlite3_last_insert_rowid(L->p->db), r->iFile, r->line);
  }
  if (rc == SQLITE_CONSTRAINT &&
      (sqlite3_extended_errcode(L->p->db) == SQLITE_CONSTRAINT_PRIMARYKEY ||
       sqlite3_extended_errcode(L->p->db) == SQLITE_CONSTRAINT_UNIQUE)) {
    *pConflict = 1;
    return SQLITE_OK;
  }
  {
    int handled, rc2 = imp_write_failed(L, r, rc, &handled);
    if (handled) return rc2;
  }
  return imp_sql_error(L->p, rc);
}

/* Look the key up: SQLITE_ROW with pSel positioned, or SQLITE_DONE. */
static int imp_select(ImpLoad *L) {
  int k, rc;
  sqlite3_reset(L->pSel);
  for (k = 0; k < L->t->nPk; k++) imp_bind_val(L->pSel, k + 1, &L->aVal[L->t->aPk[k]]);
  rc = sqlite3_step(L->pSel);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE) return imp_sql_error(L->p, rc);
  return rc;
}

static int imp_touch(ImpLoad *L, sqlite3_int64 rid, const ImpRow *r) {
  int rc;
  sqlite3_bind_int64(L->pTouchIns, 1, rid);
  sqlite3_bind_int(L->pTouchIns, 2, r->iFile);
  sqlite3_bind_int64(L->pTouchIns, 3, r->line);
  rc = sqlite3_step(L->pTouchIns);
  sqlite3_reset(L->pTouchIns);
  return rc == SQLITE_DONE ? SQLITE_OK : imp_sql_error(L->p, rc);
}

/* A derived parent row whose key is there already: from the same file
** (another row naming the same parent), it is not counted at all (one per
** key); from another file or import, counted as given by it. */
static int imp_derived_again(ImpLoad *L, const ImpRow *r, sqlite3_int64 rid) {
  ImpCount *cnt = &L->aCount[r->iFile * 2 + r->derived];
  int iFile;
  sqlite3_int64 line;
  if (imp_first_seen(L, rid, &iFile, &line) && iFile == r->iFile) {
    cnt->nRead--;
    return SQLITE_OK;
  }
  cnt->nDerivedDup++;
  return SQLITE_OK;
}

/* The row is valid: insert, update, leave alone, or find it a duplicate. */
static int imp_write(ImpLoad *L, const ImpRow *r) {
  int rc, conflict = 0, iFile, i;
  sqlite3_int64 rid, line;
  ImpCount *cnt = &L->aCount[r->iFile * 2 + r->derived];
  if (L->fresh) {
    rc = imp_insert(L, r, &conflict);
    if (rc != SQLITE_OK || !conflict) return rc;
    rc = imp_select(L);
    if (rc != SQLITE_ROW) return rc == SQLITE_DONE ? imp_sql_error(L->p, SQLITE_CORRUPT) : rc;
    rid = sqlite3_column_int64(L->pSel, 0);
    sqlite3_reset(L->pSel);
    if (r->derived) return imp_derived_again(L, r, rid);
    if (!imp_first_seen(L, rid, &iFile, &line)) return imp_sql_error(L->p, SQLITE_CORRUPT);
    return imp_duplicate(L, r, iFile, line);
  }
  rc = imp_select(L);
  if (rc == SQLITE_DONE) {
    sqlite3_reset(L->pSel);
    rc = imp_insert(L, r, &conflict);
    if (rc == SQLITE_OK && conflict) rc = imp_sql_error(L->p, SQLITE_CONSTRAINT);
    return rc;
  }
  if (rc != SQLITE_ROW) return rc;
  rid = sqlite3_column_int64(L->pSel, 0);
  if (imp_first_seen(L, rid, &iFile, &line)) {
    sqlite3_reset(L->pSel);
    if (r->derived) return imp_derived_again(L, r, rid);
    return imp_duplicate(L, r, iFile, line);
  }
  if (r->derived) {
    /* A derived row never changes what a file or an earlier import gave. */
    sqlite3_reset(L->pSel);
    cnt->nSame++;
    return imp_touch(L, rid, r);
  }
  {
    int same = 1, n = 0;
    for (i = 0; i < L->t->nCol; i++) {
      ImpVal v;
      if (L->t->aCol[i].pk) continue;
      if (r->az[i] == 0) {
        imp_val_from_value(&v, sqlite3_column_value(L->pSel, i + 1));
        /* the current value, re-bound below: copied by SQLITE_TRANSIENT */
        sqlite3_bind_value(L->pUpd, ++n, sqlite3_column_value(L->pSel, i + 1));
        continue;
      }
      if (L->aVal[i].type == SQLITE_NULL && L->t->aCol[i].pDflt) imp_val_from_value(&v, L->t->aCol[i].pDflt);
      else v = L->aVal[i];
      if (!imp_same(&v, L->pSel, i + 1)) same = 0;
      imp_bind_val(L->pUpd, ++n, &v);
    }
    sqlite3_bind_int64(L->pUpd, ++n, rid);
    if (same) {
      sqlite3_reset(L->pSel);
      sqlite3_clear_bindings(L->pUpd);
      cnt->nSame++;
      return imp_touch(L, rid, r);
    }
    rc = sqlite3_step(L->pUpd);
    sqlite3_reset(L->pUpd);
    sqlite3_reset(L->pSel);
    if (rc != SQLITE_DONE) {
      int handled, rc2 = imp_write_failed(L, r, rc, &handled);
      if (handled) return rc2;
      return imp_sql_error(L->p, rc);
    }
    cnt->nUpd++;
    return imp_touch(L, rid, r);
  }
}

/* ------------------------------------------------------- foreign keys */

static unsigned imp_hash(const char *z, int n) {
  unsigned h = 2166136261u;
  int i;
  for (i = 0; i < n; i++) h = (h ^ (unsigned char)z[i]) * 16777619u;
  return h;
}

/* The slot of key z in the set: where it is, or the empty slot for it. */
static char **imp_set_slot(ImpKeySet *set, const char *z, int n) {
  unsigned i = imp_hash(z, n) & (set->nSlot - 1);
  for (;;) {
    char *k = set->az[i];
    if (k == 0 || (memcmp(k, z, (size_t)n) == 0 && k[n] == 0)) return &set->az[i];
    i = (i + 1) & (set->nSlot - 1);
  }
}

static int imp_set_has(ImpKeySet *set, const char *z, int n) {
  return set->nSlot && *imp_set_slot(set, z, n) != 0;
}

static void imp_set_add(ImpKeySet *set, const char *z, int n) {
  char **pSlot;
  if (set->full) return;
  if ((set->nUsed + 1) * 2 > set->nSlot) {
    unsigned nNew = set->nSlot ? set->nSlot * 2 : 256, i;
    char **azOld = set->az, **azNew;
    size_t nAlloc = sizeof(char *) * (size_t)nNew;
    if (set->nBytes + nAlloc > IMP_FK_CACHE_BYTES ||
        (azNew = sqlite3_malloc64((sqlite3_uint64)nAlloc)) == 0) {
      set->full = 1;
      return;
    }
    memset(azNew, 0, nAlloc);
    set->nBytes += nAlloc / 2;
    for (i = 0; i < set->nSlot; i++) {
      if (azOld[i]) {
        set->az = azNew;
        set->nSlot = nNew;
        *imp_set_slot(set, azOld[i], (int)strlen(azOld[i])) = azOld[i];
        set->az = azOld;
        set->nSlot = nNew / 2;
      }
    }
    sqlite3_free(azOld);
    set->az = azNew;
    set->nSlot = nNew;
  }
  if (set->nBytes + (size_t)n + 1 > IMP_FK_CACHE_BYTES) {
    set->full = 1;
    return;
  }
  pSlot = imp_set_slot(set, z, n);
  if (*pSlot) return;
  *pSlot = sqlite3_malloc64((sqlite3_uint64)n + 1);
  if (*pSlot == 0) {
    set->full = 1;
    return;
  }
  memcpy(*pSlot, z, (size_t)n);
  (*pSlot)[n] = 0;
  set->nUsed++;
  set->nBytes += (size_t)n + 1 + sizeof(char *);
}

static void imp_set_free(ImpKeySet *set) {
  unsigned i;
  for (i = 0; i < set->nSlot; i++) sqlite3_free(set->az[i]);
  sqlite3_free(set->az);
  memset(set, 0, sizeof(*set));
}

/* 1 when the parent row exists. */
static int imp_parent_exists(ImpLoad *L, int i, int *pRc) {
  const ImpVal *v = &L->aVal[i];
  sqlite3_stmt *s = L->apFk[i];
  ImpKeySet *set = &L->aFkSet[i];
  int rc;
  *pRc = SQLITE_OK;
  if (v->type == SQLITE_TEXT && memchr(v->z, 0, (size_t)v->n) == 0 && imp_set_has(set, v->z, v->n)) return 1;
  imp_bind_val(s, 1, v);
  rc = sqlite3_step(s);
  sqlite3_reset(s);
  if (rc == SQLITE_ROW) {
    if (v->type == SQLITE_TEXT && memchr(v->z, 0, (size_t)v->n) == 0) imp_set_add(set, v->z, v->n);
    return 1;
  }
  if (rc != SQLITE_DONE) *pRc = imp_sql_error(L->p, rc);
  return 0;
}

/* "account_id: unknown 'A9' (no such accounts.account_id)", and where the
** parent row was rejected if it was. */
static int imp_unknown_parent(ImpLoad *L, const ImpRow *r, int i) {
  ImpCol *c = &L->t->aCol[i];
  RevopsBuf *b = &L->why;
  sqlite3_stmt *s = L->p->pRejKeySel;
  const ImpVal *v = &L->aVal[i];
  int rc;
  imp_problem_start(b);
  revops_buf_str(b, c->zName);
  revops_buf_lit(b, ": unknown ");
  imp_show(b, r->az[i], r->an[i]);
  revops_buf_lit(b, " (no such ");
  revops_buf_str(b, c->zFkTable);
  revops_buf_append(b, ".", 1);
  revops_buf_str(b, c->zFkCol);
  sqlite3_bind_text(s, 1, c->zFkTable, -1, SQLITE_STATIC);
  imp_bind_val(s, 2, v);
  rc = sqlite3_step(s);
  if (rc == SQLITE_ROW) {
    revops_buf_lit(b, "; that ");
    revops_buf_str(b, c->zFkTable);
    revops_buf_lit(b, " row was rejected: line ");
    revops_buf_int(b, sqlite3_column_int64(s, 1));
    revops_buf_lit(b, " of ");
    revops_buf_str(b, (const char *)sqlite3_column_text(s, 0));
  } else if (rc != SQLITE_DONE) {
    sqlite3_reset(s);
    return imp_sql_error(L->p, rc);
  }
  sqlite3_reset(s);
  revops_buf_append(b, ")", 1);
  L->aBad[i] = 1;
  return SQLITE_OK;
}

static void imp_final_new(ImpLoad *L, int i, ImpVal *v);

/* ------------------------------------------------------ table rules */

/* "a 'x' must be after b 'y'": the words of a rule between two columns. */
static void imp_rule_words(ImpLoad *L, const ImpRow *r, int iA, int iB, int op, int orNull) {
  static const char *const azDated[] = {"on or after", "after", "on or before", "before"};
  static const char *const azNum[] = {"at least", "greater than", "at most", "less than"};
  RevopsBuf *b = &L->why;
  ImpCol *a = &L->t->aCol[iA];
  imp_problem_start(b);
  revops_buf_str(b, a->zName);
  revops_buf_append(b, " ", 1);
  if (r->az && r->az[iA]) imp_show(b, r->az[iA], r->an[iA]);
  revops_buf_lit(b, " must be ");
  revops_buf_str(b, a->kind >= IMP_K_DATE ? azDated[op] : azNum[op]);
  revops_buf_append(b, " ", 1);
  revops_buf_str(b, L->t->aCol[iB].zName);
  revops_buf_append(b, " ", 1);
  if (r->az && r->az[iB]) imp_show(b, r->az[iB], r->an[iB]);
  else revops_buf_lit(b, "(as stored)");
  if (orNull) revops_buf_lit(b, " (or be empty)");
}

/* Compare two converted values: <0, 0, >0 (numbers as numbers, text as
** bytes, which orders ISO dates). */
static int imp_val_cmp(const ImpVal *x, const ImpVal *y) {
  if (x->type == SQLITE_TEXT && y->type == SQLITE_TEXT) {
    int n = x->n < y->n ? x->n : y->n, c = memcmp(x->z, y->z, (size_t)n);
    return c ? c : x->n - y->n;
  }
  if (x->type != SQLITE_TEXT && y->type != SQLITE_TEXT) {
    double a = x->type == SQLITE_INTEGER ? (double)x->i : x->r;
    double c = y->type == SQLITE_INTEGER ? (double)y->i : y->r;
    return a < c ? -1 : a > c;
  }
  return 0;
}

/* The table's simple rules, on values that converted (the rest: SQLite's
** CHECK at the write, reported by imp_check_failed). */
static void imp_rules(ImpLoad *L, const ImpRow *r) {
  int k;
  for (k = 0; k < L->t->nRule; k++) {
    const ImpRule *u = &L->t->aRule[k];
    ImpVal a, b;
    int c, ok;
    if (L->aBad[u->iA] || L->aBad[u->iB]) continue;
    imp_final_new(L, u->iA, &a);
    imp_final_new(L, u->iB, &b);
    if (a.type == SQLITE_NULL || b.type == SQLITE_NULL) continue; /* NULL: the CHECK passes */
    if (r->az[u->iA] == 0 || r->az[u->iB] == 0) continue;        /* a stored value: SQLite checks */
    c = imp_val_cmp(&a, &b);
    ok = u->op == IMP_OP_GE ? c >= 0 : u->op == IMP_OP_GT ? c > 0 : u->op == IMP_OP_LE ? c <= 0 : c < 0;
    if (!ok) imp_rule_words(L, r, u->iA, u->iB, u->op, u->orNull);
  }
}

/* --------------------------------------------------------------- rows */

static int imp_defer(ImpLoad *L, const ImpRow *r);

/* create_parents = yes: a missing parent row made from its key alone,
** when the parent table needs nothing else (its other required columns
** are free text: they take the key too, as accounts.name does). */
static int imp_can_create(ImpLoad *L, int i) {
  Imp *p = L->p;
  ImpCol *c = &L->t->aCol[i];
  ImpTable *pt = &p->schema.aTable[c->iFkTable];
  sqlite3_stmt *s = L->apCreate[i];
  int k, rc;
  if (L->aVal[i].type != SQLITE_TEXT) return 0;
  if (s == 0) {
    RevopsBuf cols, qs;
    revops_buf_init(&cols);
    revops_buf_init(&qs);
    for (k = 0; k < pt->nCol; k++) {
      ImpCol *q = &pt->aCol[k];
      char *z;
      int isKey = sqlite3_stricmp(q->zName, c->zFkCol) == 0;
      if (!isKey && !q->required) continue;
      if (!isKey && (q->kind != IMP_K_TEXT || q->nEnum || q->zFkTable)) {
        revops_buf_reset(&cols);
        revops_buf_reset(&qs);
        return 0; /* cannot be made from a key */
      }
      z = sqlite3_mprintf("%s\"%w\"", cols.n ? ", " : "", q->zName);
      if (z == 0) break;
      revops_buf_str(&cols, z);
      revops_buf_str(&qs, qs.n ? ", ?1" : "?1");
      sqlite3_free(z);
    }
    rc = (cols.oom || qs.oom || k < pt->nCol) ? SQLITE_NOMEM
         : imp_prepare(p, &L->apCreate[i], "INSERT INTO main.\"%w\" (%s) VALUES (%s)", pt->zName, cols.z, qs.z);
    revops_buf_reset(&cols);
    revops_buf_reset(&qs);
    if (rc != SQLITE_OK) return 0; /* an error: the row says unknown parent */
    s = L->apCreate[i];
  }
  return s != 0;
}

static int imp_create_parent(ImpLoad *L, int i) {
  Imp *p = L->p;
  sqlite3_stmt *s = L->apCreate[i];
  int rc;
  imp_bind_val(s, 1, &L->aVal[i]);
  rc = sqlite3_step(s);
  sqlite3_reset(s);
  if (rc != SQLITE_DONE) return imp_sql_error(p, rc);
  /* the parent exists now: later rows find it in the key set */
  if (memchr(L->aVal[i].z, 0, (size_t)L->aVal[i].n) == 0) imp_set_add(&L->aFkSet[i], L->aVal[i].z, L->aVal[i].n);
  return SQLITE_OK;
}

/* One row, start to end.  bRetry: a deferred row's second try (its self
** reference is reported if still unknown). */
static int imp_row(ImpLoad *L, const ImpRow *r, int bRetry) {
  ImpTable *t = L->t;
  int i, rc, selfMissing = 0, nCreate = 0;
  L->p->nRead++;
  if ((L->p->nRead & 1023) == 0 && imp_ping(&L->p->ping)) return SQLITE_INTERRUPT;
  if (!bRetry) L->aCount[r->iFile * 2 + r->derived].nRead++;
  if (r->zErr) return imp_reject(L, r, r->zErr);
  L->why.n = 0;
  L->why.oom = 0;
  if (r->zMapErr) revops_buf_str(&L->why, r->zMapErr);
  memset(L->aBad, 0, (size_t)t->nCol);
  memset(L->aCreateNow, 0, (size_t)t->nCol);
  for (i = 0; i < t->nCol; i++) imp_convert(L, r, i);
  for (i = 0; i < t->nCol; i++) {
    ImpCol *c = &t->aCol[i];
    if (!L->apFk[i] || L->aBad[i] || L->aVal[i].type == SQLITE_NULL) continue;
    if (imp_parent_exists(L, i, &rc)) continue;
    if (rc != SQLITE_OK) return rc;
    if (c->iFkTable == L->iTable && !r->derived && !bRetry) {
      selfMissing = 1; /* perhaps later in this file */
      continue;
    }
    if (c->iFkTable != L->iTable && L->p->aFile[r->iFile].createParents && imp_can_create(L, i)) {
      L->aCreateNow[i] = 1; /* made if the row has no other problem */
      nCreate++;
      continue;
    }
    rc = imp_unknown_parent(L, r, i);
    if (rc != SQLITE_OK) return rc;
  }
  imp_rules(L, r);
  if (L->why.oom) return SQLITE_NOMEM;
  if (L->why.n) return imp_reject(L, r, L->why.z);
  for (i = 0; nCreate && i < t->nCol; i++) {
    if (!L->aCreateNow[i]) continue;
    rc = imp_create_parent(L, i);
    if (rc != SQLITE_OK) return rc;
    L->p->aFile[r->iFile].nCreated++;
  }
  if (selfMissing) return imp_defer(L, r);
  return imp_write(L, r);
}

/* A copy of a row (its fields, raw text and place), kept past its record:
** rows waiting for a parent, rows held by rows = stage_changes. */
static int imp_copy_row(ImpDeferred *d, const ImpRow *r, int n) {
  int i;
  memset(d, 0, sizeof(*d));
  d->iFile = r->iFile;
  d->derived = r->derived;
  d->line = r->line;
  d->rawValid = r->rawValid;
  d->az = sqlite3_malloc64(sizeof(char *) * (sqlite3_uint64)n);
  d->an = sqlite3_malloc64(sizeof(size_t) * (sqlite3_uint64)n);
  if (d->az == 0 || d->an == 0) {
    sqlite3_free(d->az);
    sqlite3_free(d->an);
    d->az = 0, d->an = 0;
    return SQLITE_NOMEM;
  }
  memset(d->az, 0, sizeof(char *) * (size_t)n);
  for (i = 0; i < n; i++) {
    d->an[i] = r->an[i];
    if (r->az[i]) {
      d->az[i] = sqlite3_malloc64(r->an[i] + 1);
      if (d->az[i] == 0) return SQLITE_NOMEM;
      memcpy(d->az[i], r->az[i], r->an[i]);
      d->az[i][r->an[i]] = 0;
    }
  }
  if (r->zRaw) {
    d->zRaw = sqlite3_malloc64(r->nRaw + 1);
    if (d->zRaw == 0) return SQLITE_NOMEM;
    memcpy(d->zRaw, r->zRaw, r->nRaw);
    d->nRaw = r->nRaw;
  }
  return SQLITE_OK;
}

static void imp_copies_free(ImpDeferred *a, int n, int nCol) {
  int i, j;
  for (i = 0; i < n; i++) {
    if (a[i].az) {
      for (j = 0; j < nCol; j++) sqlite3_free(a[i].az[j]);
    }
    sqlite3_free(a[i].az);
    sqlite3_free(a[i].an);
    sqlite3_free(a[i].zRaw);
  }
  sqlite3_free(a);
}

static int imp_defer(ImpLoad *L, const ImpRow *r) {
  ImpDeferred *d;
  int n = L->t->nCol;
  if (L->nDef >= IMP_MAX_DEFERRED) return imp_row(L, r, 1);
  if (L->nDef == L->nDefAlloc) {
    int nNew = L->nDefAlloc ? L->nDefAlloc * 2 : 16;
    ImpDeferred *aNew = sqlite3_realloc64(L->aDef, sizeof(ImpDeferred) * (sqlite3_uint64)nNew);
    if (aNew == 0) return SQLITE_NOMEM;
    L->aDef = aNew;
    L->nDefAlloc = nNew;
  }
  d = &L->aDef[L->nDef++];
  return imp_copy_row(d, r, n);
}

static void imp_deferred_free(ImpLoad *L) {
  imp_copies_free(L->aDef, L->nDef, L->t->nCol);
  L->aDef = 0;
  L->nDef = L->nDefAlloc = 0;
}

/* The row a deferred copy stands for. */
static void imp_deferred_row(ImpLoad *L, const ImpDeferred *d, const ImpColMap *aMap, ImpRow *r) {
  memset(r, 0, sizeof(*r));
  r->iFile = d->iFile, r->line = d->line, r->zRaw = d->zRaw, r->nRaw = d->nRaw;
  r->rawValid = d->rawValid, r->derived = d->derived, r->aMap = aMap;
  r->az = (const char **)d->az, r->an = d->an, r->eOrder = L->p->aFile[d->iFile].eOrder;
}

/* Rows that waited for a parent later in the file: retried while any of
** them loads (a chain of managers resolves one link per pass, latest line
** first); what is left is rejected with its unknown parent. */
static int imp_resolve_deferred(ImpLoad *L, const ImpColMap *aMap) {
  int progress = 1, i, j, rc = SQLITE_OK;
  unsigned char *aDone;
  if (L->nDef == 0) return SQLITE_OK;
  aDone = sqlite3_malloc64((sqlite3_uint64)L->nDef);
  if (aDone == 0) return SQLITE_NOMEM;
  memset(aDone, 0, (size_t)L->nDef);
  while (progress && rc == SQLITE_OK) {
    progress = 0;
    for (i = L->nDef - 1; i >= 0 && rc == SQLITE_OK; i--) {
      ImpDeferred *d = &L->aDef[i];
      int ready = 1;
      if (aDone[i]) continue;
      /* Convert again and look at the self references only. */
      L->why.n = 0;
      memset(L->aBad, 0, (size_t)L->t->nCol);
      {
        ImpRow r;
        imp_deferred_row(L, d, aMap, &r);
        for (j = 0; j < L->t->nCol; j++) imp_convert(L, &r, j);
      }
      for (j = 0; j < L->t->nCol && ready; j++) {
        if (L->t->aCol[j].iFkTable != L->iTable || L->aVal[j].type == SQLITE_NULL) continue;
        if (!imp_parent_exists(L, j, &rc)) ready = 0;
      }
      if (rc != SQLITE_OK) break;
      if (ready) {
        ImpRow r;
        imp_deferred_row(L, d, aMap, &r);
        L->p->nRead--;
        rc = imp_row(L, &r, 1);
        aDone[i] = 1;
        progress = 1;
      }
    }
  }
  for (i = 0; i < L->nDef && rc == SQLITE_OK; i++) {
    ImpDeferred *d = &L->aDef[i];
    ImpRow r;
    if (aDone[i]) continue;
    imp_deferred_row(L, d, aMap, &r);
    L->p->nRead--;
    rc = imp_row(L, &r, 1);
  }
  sqlite3_free(aDone);
  imp_deferred_free(L);
  return rc;
}

/* ------------------------------------------------------------ sources */

typedef struct ImpReader {
  Imp *p;
  ImpFile *pFile;
  unsigned nRead;
  int interrupted;
} ImpReader;

static long long imp_read_cb(void *pArg, char *zBuf, size_t n) {
  ImpReader *rd = (ImpReader *)pArg;
  if ((++rd->nRead & 15) == 0 && imp_ping(&rd->p->ping)) {
    rd->interrupted = 1;
    return -1;
  }
  return imp_file_read(rd->pFile, zBuf, n);
}

/* Open a canonical file's reader; SQLITE_OK with *ppCsv, or an error. */
static int imp_open_csv(Imp *p, ImpFileInfo *f, ImpReader *rd, RevopsCsv **ppCsv) {
  char zErr[IMP_MAX_PATH + 200];
  zErr[0] = 0;
  memset(rd, 0, sizeof(*rd));
  rd->p = p;
  rd->pFile = imp_file_open(f->zPath, zErr, sizeof(zErr));
  if (rd->pFile == 0) {
    if (zErr[0] == 0) return SQLITE_NOMEM;
    imp_fail(p, "revops_import(): %s", zErr);
    return SQLITE_ERROR;
  }
  *ppCsv = revops_csv_new(imp_read_cb, rd);
  if (*ppCsv == 0) {
    imp_file_close(rd->pFile);
    return SQLITE_NOMEM;
  }
  return SQLITE_OK;
}

static int imp_csv_fatal(Imp *p, ImpFileInfo *f, RevopsCsv *pCsv, ImpReader *rd) {
  const char *zWhy = revops_csv_fatal(pCsv);
  if (rd->interrupted) return SQLITE_INTERRUPT;
  if (revops_csv_nomem(pCsv)) return SQLITE_NOMEM;
  imp_fail(p, "revops_import(): %s: %s after line %lld", f->zFile, zWhy ? zWhy : "read error",
           (long long)revops_csv_line(pCsv));
  return SQLITE_ERROR;
}

/* ------------------------------------------------------- mappings */
/* A mapping's settings for one file, resolved against its header
** (docs/data.md "Mappings"): where each column's text comes from and what
** is done to it.  Built once per file and table; a closed set of steps,
** never an expression. */

/* Small allocations that live as long as one file's reading. */
typedef struct ImpArena {
  void **ap;
  int n, nAlloc;
} ImpArena;

static void *imp_arena_alloc(ImpArena *a, size_t n) {
  void *p;
  if (a->n == a->nAlloc) {
    int nNew = a->nAlloc ? a->nAlloc * 2 : 32;
    void **apNew = sqlite3_realloc64(a->ap, sizeof(void *) * (sqlite3_uint64)nNew);
    if (apNew == 0) return 0;
    a->ap = apNew, a->nAlloc = nNew;
  }
  p = sqlite3_malloc64(n ? n : 1);
  if (p == 0) return 0;
  memset(p, 0, n ? n : 1);
  a->ap[a->n++] = p;
  return p;
}

static void imp_arena_free(ImpArena *a) {
  int i;
  for (i = 0; i < a->n; i++) sqlite3_free(a->ap[i]);
  sqlite3_free(a->ap);
  memset(a, 0, sizeof(*a));
}

/* The header field named z (trimmed, any case), or -1. */
static int imp_field_of(RevopsCsv *pHead, int nHead, const char *z, size_t n) {
  int j;
  imp_trim(&z, &n);
  for (j = 0; j < nHead; j++) {
    size_t m;
    const char *y = revops_csv_field(pHead, j, &m);
    imp_trim(&y, &m);
    if (m == n && sqlite3_strnicmp(y, z, (int)n) == 0) return j;
  }
  return -1;
}

/* Where " + " starts in z[0..n), or NULL. */
static const char *imp_plus(const char *z, size_t n) {
  size_t i;
  for (i = 0; i + 3 <= n; i++) {
    if (z[i] == ' ' && z[i + 1] == '+' && z[i + 2] == ' ') return z + i;
  }
  return 0;
}

/* "A | B + C | 'text'" into alternatives. */
static int imp_alts_parse(ImpArena *a, RevopsCsv *pHead, int nHead, const char *z, ImpAlts *pOut) {
  const char *p;
  int n = 1, k = 0;
  for (p = z; *p; p++) n += *p == '|';
  pOut->a = imp_arena_alloc(a, sizeof(ImpAlt) * (size_t)n);
  if (pOut->a == 0) return SQLITE_NOMEM;
  for (;;) {
    const char *e = strchr(z, '|'), *s = z;
    size_t m = e ? (size_t)(e - z) : strlen(z);
    imp_trim(&s, &m);
    if (m >= 2 && s[0] == '\'' && s[m - 1] == '\'') {
      pOut->a[k].iField = -1, pOut->a[k].zLit = s + 1, pOut->a[k].nLit = m - 2;
    } else if (imp_plus(s, m)) {
      /* fields joined by a space: FirstName + LastName */
      const char *q = s;
      size_t left = m;
      int nPart = 1;
      for (p = imp_plus(s, m); p; p = imp_plus(p + 3, m - (size_t)(p + 3 - s))) nPart++;
      pOut->a[k].aJoin = imp_arena_alloc(a, sizeof(int) * (size_t)nPart);
      if (pOut->a[k].aJoin == 0) return SQLITE_NOMEM;
      pOut->a[k].iField = -1;
      for (;;) {
        const char *r = imp_plus(q, left);
        size_t np = r ? (size_t)(r - q) : left;
        if (pOut->a[k].nJoin < nPart) pOut->a[k].aJoin[pOut->a[k].nJoin++] = imp_field_of(pHead, nHead, q, np);
        if (r == 0) break;
        left -= (size_t)(r + 3 - q);
        q = r + 3;
      }
    } else {
      pOut->a[k].iField = imp_field_of(pHead, nHead, s, m), pOut->a[k].zLit = 0;
    }
    k++;
    if (e == 0) break;
    z = e + 1;
  }
  pOut->n = k;
  return SQLITE_OK;
}

/* The first alternative with a value; "" when the file has one of the
** columns but leaves them all empty; NULL when it has none of them.  A
** joined alternative is built in b. */
static void imp_alts_eval(const ImpAlts *s, RevopsCsv *pCsv, RevopsBuf *b, const char **pz, size_t *pn) {
  int k, present = 0;
  for (k = 0; k < s->n; k++) {
    const char *z;
    size_t n;
    if (s->a[k].nJoin) {
      int q;
      b->n = 0;
      for (q = 0; q < s->a[k].nJoin; q++) {
        int iField = s->a[k].aJoin[q];
        if (iField < 0 || iField >= revops_csv_nfield(pCsv)) continue;
        present = 1;
        z = revops_csv_field(pCsv, iField, &n);
        imp_trim(&z, &n);
        if (n == 0) continue;
        if (b->n) revops_buf_append(b, " ", 1);
        revops_buf_append(b, z, n);
      }
      if (b->n && !b->oom) {
        *pz = b->z, *pn = b->n;
        return;
      }
      continue;
    }
    if (s->a[k].zLit) z = s->a[k].zLit, n = s->a[k].nLit;
    else if (s->a[k].iField >= 0 && s->a[k].iField < revops_csv_nfield(pCsv)) z = revops_csv_field(pCsv, s->a[k].iField, &n);
    else continue;
    present = 1;
    imp_trim(&z, &n);
    if (n) {
      *pz = z, *pn = n;
      return;
    }
  }
  *pz = present ? "" : 0;
  *pn = 0;
}

/* Build the column maps of table t for file f (settings whose column is
** one of t's; parent.* settings are not column maps). */
static int imp_colmap_build(Imp *p, ImpFileInfo *f, ImpTable *t, RevopsCsv *pHead, int nHead, ImpArena *a,
                            ImpColMap **paMap) {
  ImpColMap *aMap = imp_arena_alloc(a, sizeof(ImpColMap) * (size_t)t->nCol);
  int i, j, rc = SQLITE_OK;
  (void)p;
  if (aMap == 0) return SQLITE_NOMEM;
  for (i = 0; i < t->nCol && rc == SQLITE_OK; i++) {
    ImpColMap *m = &aMap[i];
    int nSyn = 0, nBand = 0, nWhen = 0;
    m->iTimes = m->iPer = -1;
    for (j = 0; j < f->nSet; j++) {
      const ImpSetting *s = &f->aSet[j];
      if (s->zCol == 0 || sqlite3_stricmp(s->zCol, t->aCol[i].zName) != 0) continue;
      if (!strcmp(s->zSetting, "value") || !strcmp(s->zSetting, "contains")) nSyn++;
      else if (!strcmp(s->zSetting, "band")) nBand++;
      else if (!strcmp(s->zSetting, "when")) nWhen++;
    }
    m->aSyn = nSyn ? imp_arena_alloc(a, sizeof(ImpSyn) * (size_t)nSyn) : 0;
    m->aBand = nBand ? imp_arena_alloc(a, sizeof(ImpBand) * (size_t)nBand) : 0;
    m->aWhen = nWhen ? imp_arena_alloc(a, sizeof(ImpWhen) * (size_t)nWhen) : 0;
    if ((nSyn && !m->aSyn) || (nBand && !m->aBand) || (nWhen && !m->aWhen)) return SQLITE_NOMEM;
    /* exact synonyms first (the mapping's own, then lists), contains after */
    for (j = 0; j < f->nSet; j++) {
      const ImpSetting *s = &f->aSet[j];
      if (s->zCol == 0 || sqlite3_stricmp(s->zCol, t->aCol[i].zName) != 0) continue;
      if (!strcmp(s->zSetting, "value")) m->aSyn[m->nSyn].zFrom = s->zSrc, m->aSyn[m->nSyn++].zTo = s->zDst;
    }
    for (j = 0; j < f->nSet && rc == SQLITE_OK; j++) {
      const ImpSetting *s = &f->aSet[j];
      if (s->zCol == 0 || sqlite3_stricmp(s->zCol, t->aCol[i].zName) != 0) continue;
      if (!strcmp(s->zSetting, "contains")) {
        m->aSyn[m->nSyn].contains = 1, m->aSyn[m->nSyn].zFrom = s->zSrc, m->aSyn[m->nSyn++].zTo = s->zDst;
      } else if (!strcmp(s->zSetting, "column")) {
        m->hasSrc = 1;
        rc = imp_alts_parse(a, pHead, nHead, s->zSrc, &m->src);
      } else if (!strcmp(s->zSetting, "default")) {
        m->zDefault = s->zDst;
      } else if (!strcmp(s->zSetting, "key")) {
        m->keyLine = 1;
      } else if (!strcmp(s->zSetting, "otherwise")) {
        m->zOtherwise = s->zDst ? s->zDst : "";
      } else if (!strcmp(s->zSetting, "percent")) {
        m->percent = sqlite3_stricmp(s->zDst, "yes") == 0;
      } else if (!strcmp(s->zSetting, "first")) {
        m->cFirst = s->zDst[0];
      } else if (!strcmp(s->zSetting, "times")) {
        m->hasTimes = 1, m->iTimes = imp_field_of(pHead, nHead, s->zSrc, strlen(s->zSrc));
      } else if (!strcmp(s->zSetting, "per")) {
        m->hasPer = 1, m->iPer = imp_field_of(pHead, nHead, s->zSrc, strlen(s->zSrc));
      } else if (!strcmp(s->zSetting, "band")) {
        ImpBand *b = &m->aBand[m->nBand++];
        imp_map_band(s->zSrc, &b->op, &b->v);
        b->zLabel = s->zDst;
      } else if (!strcmp(s->zSetting, "when")) {
        ImpWhen *w = &m->aWhen[m->nWhen++];
        const char *zIs = imp_map_is(s->zSrc, &w->isNot);
        w->iField = imp_field_of(pHead, nHead, s->zSrc, (size_t)(zIs - s->zSrc));
        w->zList = zIs + (w->isNot ? 8 : 4);
        rc = imp_alts_parse(a, pHead, nHead, s->zDst, &w->src);
      }
    }
    if (rc == SQLITE_OK && !m->hasSrc) {
      /* the column's own name, as for a canonical file */
      m->src.a = imp_arena_alloc(a, sizeof(ImpAlt));
      if (m->src.a == 0) return SQLITE_NOMEM;
      m->src.a[0].iField = imp_field_of(pHead, nHead, t->aCol[i].zName, strlen(t->aCol[i].zName));
      m->src.n = 1;
    }
  }
  *paMap = aMap;
  return rc;
}

/* Is the trimmed text one of the comma-separated list (any case)? */
static int imp_in_list(const char *zList, const char *z, size_t n) {
  for (;;) {
    const char *e = strchr(zList, ','), *s = zList;
    size_t m = e ? (size_t)(e - zList) : strlen(zList);
    imp_trim(&s, &m);
    if (m == n && sqlite3_strnicmp(s, z, (int)n) == 0) return 1;
    if (e == 0) return 0;
    zList = e + 1;
  }
}

/* Months in one billing interval (per.COLUMN): 0 when it is not one. */
static double imp_interval_months(const char *z, size_t n) {
  static const struct { const char *z; double m; } a[] = {
      {"month", 1},      {"monthly", 1},   {"mo", 1},       {"quarter", 3}, {"quarterly", 3},
      {"year", 12},      {"yearly", 12},   {"annual", 12},  {"annually", 12}, {"yr", 12},
      {"week", 12.0 / 52}, {"weekly", 12.0 / 52}, {"day", 12.0 / 365}, {"daily", 12.0 / 365},
  };
  size_t k;
  for (k = 0; k < sizeof(a) / sizeof(a[0]); k++) {
    if (strlen(a[k].z) == n && sqlite3_strnicmp(a[k].z, z, (int)n) == 0) return a[k].m;
  }
  return 0;
}

/* "mrr: 'x' is not a number (times.mrr)": what a step of the mapping
** could not do, the value as in the file. */
static void imp_map_problem(RevopsBuf *e, const char *zCol, const char *z, size_t n, const char *zWhy,
                            const char *zSetting) {
  if (e->n) revops_buf_lit(e, "; ");
  revops_buf_str(e, zCol);
  revops_buf_lit(e, ": ");
  imp_show(e, z, n);
  revops_buf_str(e, zWhy);
  revops_buf_lit(e, " (");
  revops_buf_str(e, zSetting);
  revops_buf_append(e, ".", 1);
  revops_buf_str(e, zCol);
  revops_buf_lit(e, ")");
}

/* Column i's text for the current record: *pz NULL when the file does not
** give the column.  zBuf (at least 40 bytes) holds a computed number;
** problems go to e. */
static void imp_colmap_eval(const ImpTable *t, int i, const ImpColMap *m, RevopsCsv *pCsv, char *zBuf,
                            RevopsBuf *pJoin, const char **pz, size_t *pn, RevopsBuf *e) {
  const ImpCol *c = &t->aCol[i];
  const char *z;
  size_t n;
  int k, matched = 0;
  for (k = 0; k < m->nWhen; k++) {
    const ImpWhen *w = &m->aWhen[k];
    const char *y = "";
    size_t ny = 0;
    int hit;
    if (w->iField >= 0 && w->iField < revops_csv_nfield(pCsv)) {
      y = revops_csv_field(pCsv, w->iField, &ny);
      imp_trim(&y, &ny);
    }
    hit = imp_in_list(w->zList, y, ny);
    if (w->isNot ? !hit : hit) {
      imp_alts_eval(&w->src, pCsv, pJoin, pz, pn);
      if (*pz == 0) *pz = "", *pn = 0;
      return;
    }
  }
  imp_alts_eval(&m->src, pCsv, pJoin, &z, &n);
  *pz = z, *pn = n;
  if (z == 0 || n == 0) return;
  if (m->cFirst) {
    const char *q = memchr(z, m->cFirst, n);
    if (q) n = (size_t)(q - z);
    imp_trim(&z, &n);
    *pz = z, *pn = n;
    if (n == 0) return;
  }
  if (m->percent || m->hasTimes || m->hasPer || m->nBand) {
    double x;
    size_t nx = n;
    if (m->percent && nx > 0 && z[nx - 1] == '%') nx--;
    /* not a number: loaded as it is, and the column's type says why */
    if (!imp_parse_real(z, nx, &x)) return;
    if (m->percent) x /= 100;
    if (m->hasTimes && m->iTimes >= 0 && m->iTimes < revops_csv_nfield(pCsv)) {
      size_t nq;
      const char *q = revops_csv_field(pCsv, m->iTimes, &nq);
      double y;
      imp_trim(&q, &nq);
      if (nq && !imp_parse_real(q, nq, &y)) {
        imp_map_problem(e, c->zName, q, nq, " is not a number", "times");
        return;
      }
      if (nq) x *= y;
    }
    if (m->hasPer) {
      double months = 1;
      if (m->iPer >= 0 && m->iPer < revops_csv_nfield(pCsv)) {
        size_t nq;
        const char *q = revops_csv_field(pCsv, m->iPer, &nq);
        imp_trim(&q, &nq);
        if (nq && (months = imp_interval_months(q, nq)) == 0) {
          imp_map_problem(e, c->zName, q, nq, " is not a billing interval: day, week, month, quarter or year", "per");
          return;
        }
      }
      /* per month, to 4 decimal places (1200 a year: 100; 100 a year: 8.3333) */
      x = round(x / months * 10000) / 10000;
    }
    if (m->nBand) {
      for (k = 0; k < m->nBand; k++) {
        const ImpBand *b = &m->aBand[k];
        int in = b->op == IMP_OP_GE ? x >= b->v : b->op == IMP_OP_GT ? x > b->v : b->op == IMP_OP_LE ? x <= b->v : x < b->v;
        if (in) {
          *pz = b->zLabel, *pn = strlen(b->zLabel);
          return;
        }
      }
      imp_map_problem(e, c->zName, z, n, " is in no band", "band");
      return;
    }
    revops_fmt_num(zBuf, 40, x);
    z = zBuf, n = strlen(zBuf);
    *pz = z, *pn = n;
  }
  for (k = 0; k < m->nSyn && !matched; k++) {
    const ImpSyn *s = &m->aSyn[k];
    size_t nf = strlen(s->zFrom);
    if (!s->contains) {
      matched = nf == n && sqlite3_strnicmp(s->zFrom, z, (int)n) == 0;
    } else {
      size_t q;
      for (q = 0; q + nf <= n && !matched; q++) matched = sqlite3_strnicmp(s->zFrom, z + q, (int)nf) == 0;
    }
    if (matched) *pz = s->zTo, *pn = strlen(s->zTo);
  }
  if (!matched && m->zOtherwise) {
    /* a value the column knows (one of its values, or a built-in synonym) stays */
    int known = imp_synonym(t->zName, c->zName, z, n) != 0;
    for (k = 0; k < c->nEnum && !known; k++) {
      known = strlen(c->azEnum[k]) == n && sqlite3_strnicmp(c->azEnum[k], z, (int)n) == 0;
    }
    if (!known) *pz = m->zOtherwise, *pn = strlen(m->zOtherwise);
  }
}

/* The fields that feed the table's date columns: the file's date order is
** read from them (docs/data.md "Dates"). */
static int imp_date_fields(const ImpTable *t, const ImpColMap *aMap, const int *aDirect, ImpArena *a, int **paField,
                           int *pn) {
  int i, k, n = 0, *aField;
  for (i = 0; i < t->nCol; i++) {
    if (t->aCol[i].kind != IMP_K_DATE && t->aCol[i].kind != IMP_K_DATETIME) continue;
    if (aMap == 0) n++;
    else {
      n += aMap[i].src.n;
      for (k = 0; k < aMap[i].nWhen; k++) n += aMap[i].aWhen[k].src.n;
    }
  }
  aField = imp_arena_alloc(a, sizeof(int) * (size_t)(n + 1));
  if (aField == 0) return SQLITE_NOMEM;
  n = 0;
  for (i = 0; i < t->nCol; i++) {
    if (t->aCol[i].kind != IMP_K_DATE && t->aCol[i].kind != IMP_K_DATETIME) continue;
    if (aMap == 0) {
      if (aDirect[i] >= 0) aField[n++] = aDirect[i];
      continue;
    }
    for (k = 0; k < aMap[i].src.n; k++) {
      if (aMap[i].src.a[k].iField >= 0) aField[n++] = aMap[i].src.a[k].iField;
    }
    for (k = 0; k < aMap[i].nWhen; k++) {
      int q;
      for (q = 0; q < aMap[i].aWhen[k].src.n; q++) {
        if (aMap[i].aWhen[k].src.a[q].iField >= 0) aField[n++] = aMap[i].aWhen[k].src.a[q].iField;
      }
    }
  }
  *paField = aField;
  *pn = n;
  return SQLITE_OK;
}

/* The date order a file's own values decide: read its date fields once,
** looking for a value only one order can read (13/02 or 02/13).  Both
** kinds found: no order (ambiguous values are rejected and the reason asks
** for a declared order). */
static int imp_detect_order(ImpLoad *L, ImpFileInfo *f, const int *aField, int nField) {
  ImpReader rd;
  RevopsCsv *pCsv = 0;
  int rc = imp_open_csv(L->p, f, &rd, &pCsv), found = 0, i, step;
  if (rc != SQLITE_OK) return rc;
  step = revops_csv_next(pCsv); /* the header */
  while (step == 1 && (step = revops_csv_next(pCsv)) == 1) {
    for (i = 0; i < nField; i++) {
      size_t n;
      const char *z;
      int e;
      if (aField[i] >= revops_csv_nfield(pCsv)) continue;
      z = revops_csv_field(pCsv, aField[i], &n);
      imp_trim(&z, &n);
      e = imp_date_evidence(z, n);
      if (e) found |= 1 << e;
    }
  }
  if (step < 0) rc = imp_csv_fatal(L->p, f, pCsv, &rd);
  revops_csv_free(pCsv);
  imp_file_close(rd.pFile);
  if (found == (1 << IMP_ORDER_MDY)) f->eOrder = IMP_ORDER_MDY;
  else if (found == (1 << IMP_ORDER_DMY)) f->eOrder = IMP_ORDER_DMY;
  return rc;
}

/* Does this record have a non-ISO date in a date field? */
static int imp_needs_order(RevopsCsv *pCsv, const int *aField, int nField) {
  int i;
  for (i = 0; i < nField; i++) {
    size_t n;
    const char *z;
    if (aField[i] >= revops_csv_nfield(pCsv)) continue;
    z = revops_csv_field(pCsv, aField[i], &n);
    imp_trim(&z, &n);
    if (n >= 6 && n <= 40 && !(n >= 5 && z[4] == '-') && (memchr(z, '/', n) || memchr(z, '.', n) || memchr(z, '-', n))) {
      return 1;
    }
  }
  return 0;
}

static int imp_resolve_deferred(ImpLoad *L, const ImpColMap *aMap);

/* Does the row's text start with z (after an opening quote)? */
static int imp_starts(const char *zRow, size_t n, const char *z, int anyCase) {
  size_t len = strlen(z);
  if (n > 0 && zRow[0] == '"') zRow++, n--;
  return len > 0 && len <= n && (anyCase ? sqlite3_strnicmp(zRow, z, (int)len) == 0 : memcmp(zRow, z, len) == 0);
}

/* skip = TEXT of a mapping: a row whose text starts with TEXT (after an
** opening quote) is not data, such as a report's total. */
static int imp_skip_row(const ImpFileInfo *f, const char *z, size_t n) {
  int k;
  for (k = 0; k < f->nSet; k++) {
    const ImpSetting *m = &f->aSet[k];
    if (strcmp(m->zSetting, "skip") == 0 && m->zSrc && imp_starts(z, n, m->zSrc, 0)) return 1;
  }
  return 0;
}

/* How a file is read: for its own table, or for the parent rows one of
** its foreign keys names (parent.COLUMN of its mapping). */
typedef struct ImpPass {
  int derived;              /* 0: the file's rows; 1: parent rows */
  int iChild;               /* derived: the file's table */
  int iFk;                  /* derived: the foreign-key column, in that table */
  int second;               /* derived: the pass over rows the first left */
  sqlite3_int64 nLater;     /* derived: rows the first pass left (a parent column empty) */
} ImpPass;

/* One-field rows that may be a report's footer (footer = TEXT): held
** until the end of the file or the next row of data. */
#define IMP_MAX_PENDING 1000
typedef struct ImpPending {
  sqlite3_int64 line;
  char *zRaw, *zErr;
  size_t nRaw;
  int rawValid;
} ImpPending;

/* Rows held by rows = stage_changes: at most this many per file, and this
** many bytes of their text. */
#define IMP_MAX_HELD 1000000
#define IMP_MAX_HELD_BYTES ((size_t)256 << 20)



/* Pending one-field rows that were not a footer: the rows they are. */
static int imp_flush_pending(ImpLoad *L, int iFile, ImpPending *a, int *pn, int nHead) {
  int i, rc = SQLITE_OK;
  for (i = 0; i < *pn; i++) {
    ImpRow r;
    char *zWhy = 0;
    if (rc == SQLITE_OK) {
      memset(&r, 0, sizeof(r));
      r.iFile = iFile, r.line = a[i].line, r.zRaw = a[i].zRaw, r.nRaw = a[i].nRaw, r.rawValid = a[i].rawValid;
      zWhy = a[i].zErr ? sqlite3_mprintf("malformed CSV: %s", a[i].zErr)
                       : sqlite3_mprintf("has 1 fields, the header has %d", nHead);
      if (zWhy == 0) rc = SQLITE_NOMEM;
      else {
        r.zErr = zWhy;
        rc = imp_row(L, &r, 0);
      }
      sqlite3_free(zWhy);
    }
    sqlite3_free(a[i].zRaw);
    sqlite3_free(a[i].zErr);
  }
  *pn = 0;
  return rc;
}

typedef struct ImpOrderKey {
  const char *zKey;
  size_t nKey;
  int64_t ms;
  sqlite3_int64 line;
  int idx;
} ImpOrderKey;

static int imp_order_cmp(const void *pa, const void *pb) {
  const ImpOrderKey *a = pa, *b = pb;
  size_t n = a->nKey < b->nKey ? a->nKey : b->nKey;
  int c = memcmp(a->zKey, b->zKey, n);
  if (c) return c;
  if (a->nKey != b->nKey) return a->nKey < b->nKey ? -1 : 1;
  if (a->ms != b->ms) return a->ms < b->ms ? -1 : 1;
  return a->line < b->line ? -1 : a->line > b->line;
}

/* rows = stage_changes: the held rows of an opportunity's history, in
** time order, become one stage-history row per change of stage, exited
** when the next change entered; rows that change no stage are counted. */
static int imp_stage_changes(ImpLoad *L, int iFile, ImpDeferred *aHeld, int nHeld, const ImpColMap *aMap) {
  ImpTable *t = L->t;
  ImpFileInfo *f = &L->p->aFile[iFile];
  int iOpp = -1, iStage = -1, iIn = -1, iOut = -1, i, rc = SQLITE_OK;
  ImpOrderKey *aKey;
  unsigned char *aKeep;
  const char **azRow;
  size_t *anRow;
  for (i = 0; i < t->nCol; i++) {
    if (!strcmp(t->aCol[i].zName, "opportunity_id")) iOpp = i;
    if (!strcmp(t->aCol[i].zName, "stage")) iStage = i;
    if (!strcmp(t->aCol[i].zName, "entered_date")) iIn = i;
    if (!strcmp(t->aCol[i].zName, "exited_date")) iOut = i;
  }
  if (nHeld == 0) return SQLITE_OK;
  if (iOpp < 0 || iStage < 0 || iIn < 0) {
    imp_fail(L->p, "revops_import(): %s: rows = stage_changes needs a table with opportunity_id, stage and"
             " entered_date (such as opportunity_stage_history), not %s", f->zFile, t->zName);
    return SQLITE_ERROR;
  }
  aKey = sqlite3_malloc64(sizeof(ImpOrderKey) * (sqlite3_uint64)nHeld);
  aKeep = sqlite3_malloc64((sqlite3_uint64)nHeld);
  azRow = sqlite3_malloc64(sizeof(char *) * (sqlite3_uint64)t->nCol);
  anRow = sqlite3_malloc64(sizeof(size_t) * (sqlite3_uint64)t->nCol);
  if (aKey == 0 || aKeep == 0 || azRow == 0 || anRow == 0) {
    sqlite3_free(aKey);
    sqlite3_free(aKeep);
    sqlite3_free(azRow);
    sqlite3_free(anRow);
    return SQLITE_NOMEM;
  }
  for (i = 0; i < nHeld; i++) {
    const char *z = aHeld[i].az[iOpp] ? aHeld[i].az[iOpp] : "";
    size_t n = aHeld[i].az[iOpp] ? aHeld[i].an[iOpp] : 0;
    int why;
    imp_trim(&z, &n);
    aKey[i].zKey = z, aKey[i].nKey = n, aKey[i].line = aHeld[i].line, aKey[i].idx = i;
    z = aHeld[i].az[iIn] ? aHeld[i].az[iIn] : "";
    n = aHeld[i].az[iIn] ? aHeld[i].an[iIn] : 0;
    imp_trim(&z, &n);
    if (!imp_parse_date(z, n, f->eOrder, &aKey[i].ms, &why)) aKey[i].ms = INT64_MAX;
  }
  qsort(aKey, (size_t)nHeld, sizeof(ImpOrderKey), imp_order_cmp);
  /* a row is kept when it starts its opportunity or changes the stage */
  for (i = 0; i < nHeld; i++) {
    ImpDeferred *d = &aHeld[aKey[i].idx];
    aKeep[i] = 1;
    if (i > 0 && aKey[i].nKey == aKey[i - 1].nKey && memcmp(aKey[i].zKey, aKey[i - 1].zKey, aKey[i].nKey) == 0) {
      ImpDeferred *q = &aHeld[aKey[i - 1].idx];
      const char *a = d->az[iStage] ? d->az[iStage] : "", *b = q->az[iStage] ? q->az[iStage] : "";
      size_t na = d->az[iStage] ? d->an[iStage] : 0, nb = q->az[iStage] ? q->an[iStage] : 0;
      const char *sa, *sb;
      imp_trim(&a, &na);
      imp_trim(&b, &nb);
      if ((sa = imp_synonym(t->zName, "stage", a, na)) != 0) a = sa, na = strlen(sa);
      if ((sb = imp_synonym(t->zName, "stage", b, nb)) != 0) b = sb, nb = strlen(sb);
      aKeep[i] = !(na == nb && sqlite3_strnicmp(a, b, (int)na) == 0);
    }
  }
  for (i = 0; i < nHeld && rc == SQLITE_OK; i++) {
    ImpDeferred *d = &aHeld[aKey[i].idx];
    ImpRow r;
    int j;
    if (!aKeep[i]) {
      f->nNoChange++;
      continue;
    }
    imp_deferred_row(L, d, aMap, &r);
    for (j = 0; j < t->nCol; j++) azRow[j] = d->az[j], anRow[j] = d->an[j];
    r.az = azRow, r.an = anRow;
    if (iOut >= 0 && d->az[iOut] == 0) {
      /* exited when the next change of the same opportunity entered */
      for (j = i + 1; j < nHeld; j++) {
        if (aKey[j].nKey != aKey[i].nKey || memcmp(aKey[j].zKey, aKey[i].zKey, aKey[i].nKey) != 0) break;
        if (aKeep[j]) {
          ImpDeferred *q = &aHeld[aKey[j].idx];
          azRow[iOut] = q->az[iIn];
          anRow[iOut] = q->an[iIn];
          break;
        }
      }
    }
    rc = imp_row(L, &r, 0);
  }
  sqlite3_free(aKey);
  sqlite3_free(aKeep);
  sqlite3_free(azRow);
  sqlite3_free(anRow);
  return rc;
}

/* Read one file: its rows into its table, or (pass->derived) the parent
** rows of one foreign key into the table being loaded. */
static int imp_load_csv(ImpLoad *L, int iFile, ImpPass *pass) {
  Imp *p = L->p;
  ImpFileInfo *f = &p->aFile[iFile];
  ImpTable *t = L->t, *ct = pass->derived ? &p->schema.aTable[pass->iChild] : t;
  ImpReader rd;
  RevopsCsv *pCsv = 0;
  int rc, step, i, j, nHead = 0, orderChecked = 0, nDate = 0, iKey = -1;
  int *aMap = 0, *aDate = 0;
  const char **az = 0, **paz = 0;
  size_t *an = 0, *pan = 0;
  char *zHeadErr = 0;
  ImpColMap *aColMap = 0;
  ImpAlts *aParent = 0;
  char (*aKey)[96] = 0;
  char (*aNum)[40] = 0;
  RevopsBuf *aJoin = 0;     /* per column (the file's table's, then the parent's): joined fields */
  ImpArena arena;
  RevopsBuf mapErr;
  ImpPending *aPend = 0;
  int nPend = 0;
  ImpDeferred *aHeld = 0;
  int nHeld = 0, nHeldAlloc = 0;
  size_t nHeldBytes = 0;
  int hold = !pass->derived && f->stageChanges;
  int footer = !pass->derived && f->zFooter != 0;
  size_t nStem = strlen(f->zFile) > 4 ? strlen(f->zFile) - 4 : strlen(f->zFile);
  memset(&arena, 0, sizeof(arena));
  revops_buf_init(&mapErr);
  rc = imp_open_csv(p, f, &rd, &pCsv);
  if (rc != SQLITE_OK) return rc;
  aMap = sqlite3_malloc64(sizeof(int) * (sqlite3_uint64)ct->nCol);
  az = sqlite3_malloc64(sizeof(char *) * (sqlite3_uint64)ct->nCol);
  an = sqlite3_malloc64(sizeof(size_t) * (sqlite3_uint64)ct->nCol);
  paz = sqlite3_malloc64(sizeof(char *) * (sqlite3_uint64)t->nCol);
  pan = sqlite3_malloc64(sizeof(size_t) * (sqlite3_uint64)t->nCol);
  aKey = sqlite3_malloc64(sizeof(*aKey) * (sqlite3_uint64)ct->nCol);
  aNum = sqlite3_malloc64(sizeof(*aNum) * (sqlite3_uint64)ct->nCol);
  aJoin = sqlite3_malloc64(sizeof(RevopsBuf) * (sqlite3_uint64)(ct->nCol + t->nCol));
  if (aJoin) {
    for (i = 0; i < ct->nCol + t->nCol; i++) revops_buf_init(&aJoin[i]);
  }
  if (aMap == 0 || az == 0 || an == 0 || paz == 0 || pan == 0 || aKey == 0 || aNum == 0 || aJoin == 0) {
    rc = SQLITE_NOMEM;
    goto done;
  }
  step = revops_csv_next(pCsv);
  if (step < 0) {
    rc = imp_csv_fatal(p, f, pCsv, &rd);
    goto done;
  }
  if (step == 0) goto done; /* an empty file: import.sql reports it */
  nHead = revops_csv_nfield(pCsv);
  for (i = 0; i < ct->nCol; i++) aMap[i] = imp_field_of(pCsv, nHead, ct->aCol[i].zName, strlen(ct->aCol[i].zName));
  if (f->nSet) {
    /* the file's mapping, column by column (canonical files: none) */
    rc = imp_colmap_build(p, f, ct, pCsv, nHead, &arena, &aColMap);
    if (rc != SQLITE_OK) goto done;
  }
  if (pass->derived) {
    const char *zFk = ct->aCol[pass->iFk].zName;
    size_t nFk = strlen(zFk);
    aParent = imp_arena_alloc(&arena, sizeof(ImpAlts) * (size_t)t->nCol);
    if (aParent == 0) {
      rc = SQLITE_NOMEM;
      goto done;
    }
    for (i = 0; i < t->nCol; i++) {
      if (sqlite3_stricmp(t->aCol[i].zName, ct->aCol[pass->iFk].zFkCol) == 0) iKey = i;
    }
    for (j = 0; j < f->nSet && rc == SQLITE_OK; j++) {
      const ImpSetting *s = &f->aSet[j];
      if (strcmp(s->zSetting, "parent") || sqlite3_strnicmp(s->zCol, zFk, (int)nFk) || s->zCol[nFk] != '.') continue;
      for (i = 0; i < t->nCol; i++) {
        if (sqlite3_stricmp(t->aCol[i].zName, s->zCol + nFk + 1) == 0) {
          rc = imp_alts_parse(&arena, pCsv, nHead, s->zSrc, &aParent[i]);
        }
      }
    }
    if (rc != SQLITE_OK || iKey < 0) goto done;
  } else {
    rc = imp_date_fields(t, aColMap, aMap, &arena, &aDate, &nDate);
    if (rc != SQLITE_OK) goto done;
  }
  /* An unnamed or repeated column makes every row ambiguous. */
  if (revops_csv_error(pCsv)) {
    zHeadErr = sqlite3_mprintf("the header is malformed: %s", revops_csv_error(pCsv));
  } else {
    for (i = 0; i < nHead && zHeadErr == 0; i++) {
      size_t n, m;
      const char *z = revops_csv_field(pCsv, i, &n), *y;
      imp_trim(&z, &n);
      if (n == 0) zHeadErr = sqlite3_mprintf("header column %d has no name", i + 1);
      for (j = 0; j < i && zHeadErr == 0; j++) {
        y = revops_csv_field(pCsv, j, &m);
        imp_trim(&y, &m);
        if (m == n && sqlite3_strnicmp(y, z, (int)n) == 0) {
          char *zLow = sqlite3_mprintf("%.*s", (int)n, z);
          int k;
          if (zLow == 0) break;
          for (k = 0; zLow[k]; k++) {
            if (zLow[k] >= 'A' && zLow[k] <= 'Z') zLow[k] = (char)(zLow[k] - 'A' + 'a');
          }
          zHeadErr = sqlite3_mprintf("header column \"%w\" appears twice (columns %d and %d)", zLow, j + 1, i + 1);
          sqlite3_free(zLow);
        }
      }
    }
  }
  if (footer) {
    aPend = sqlite3_malloc64(sizeof(ImpPending) * IMP_MAX_PENDING);
    if (aPend == 0) {
      rc = SQLITE_NOMEM;
      goto done;
    }
  }
  for (;;) {
    ImpRow r;
    int nField;
    step = revops_csv_next(pCsv);
    if (step == 0) break;
    if (step < 0) {
      rc = imp_csv_fatal(p, f, pCsv, &rd);
      break;
    }
    memset(&r, 0, sizeof(r));
    r.iFile = iFile;
    r.line = revops_csv_line(pCsv);
    r.zRaw = revops_csv_raw(pCsv, &r.nRaw);
    r.az = az;
    r.an = an;
    r.aMap = aColMap;
    nField = revops_csv_nfield(pCsv);
    if (f->nSet && imp_skip_row(f, r.zRaw, r.nRaw)) {
      if (!pass->derived) f->nSkipped++;
      continue;
    }
    r.rawValid = revops_csv_error(pCsv) == 0 || (revops_csv_utf8_valid(r.zRaw, r.nRaw) && !memchr(r.zRaw, 0, r.nRaw));
    if (footer && nHead > 1) {
      if (nField == 1) {
        ImpPending *q;
        if (nPend == IMP_MAX_PENDING) {
          rc = imp_flush_pending(L, iFile, aPend, &nPend, nHead);
          if (rc != SQLITE_OK) break;
        }
        q = &aPend[nPend++];
        memset(q, 0, sizeof(*q));
        q->line = r.line, q->rawValid = r.rawValid, q->nRaw = r.nRaw;
        q->zRaw = sqlite3_malloc64(r.nRaw + 1);
        if (q->zRaw) memcpy(q->zRaw, r.zRaw, r.nRaw);
        if (revops_csv_error(pCsv)) q->zErr = sqlite3_mprintf("%s", revops_csv_error(pCsv));
        if (q->zRaw == 0 || (revops_csv_error(pCsv) && q->zErr == 0)) {
          rc = SQLITE_NOMEM;
          break;
        }
        continue;
      }
      if (nPend) {
        /* data after them: they were not a footer */
        rc = imp_flush_pending(L, iFile, aPend, &nPend, nHead);
        if (rc != SQLITE_OK) break;
      }
    }
    {
      char *zWhy = 0;
      if (revops_csv_error(pCsv)) zWhy = sqlite3_mprintf("malformed CSV: %s", revops_csv_error(pCsv));
      else if (zHeadErr) zWhy = sqlite3_mprintf("%s", zHeadErr);
      else if (nField != nHead) zWhy = sqlite3_mprintf("has %d fields, the header has %d", nField, nHead);
      if (zWhy || (pass->derived && zHeadErr)) {
        /* parent rows come from rows that read; the row itself is
        ** rejected when its own table loads */
        if (!pass->derived) {
          r.zErr = zWhy;
          r.az = 0;
          rc = zWhy ? imp_row(L, &r, 0) : SQLITE_NOMEM;
        }
        sqlite3_free(zWhy);
        if (rc != SQLITE_OK) break;
        continue;
      }
    }
    mapErr.n = 0;
    for (i = 0; i < ct->nCol; i++) {
      if (aColMap == 0) {
        if (aMap[i] < 0) az[i] = 0, an[i] = 0;
        else az[i] = revops_csv_field(pCsv, aMap[i], &an[i]);
      } else if (aColMap[i].keyLine) {
        /* key.X = line: the file's stem and the line, stable across re-imports */
        snprintf(aKey[i], sizeof(aKey[i]), "%.*s-%lld", (int)(nStem > 60 ? 60 : nStem), f->zFile, (long long)r.line);
        az[i] = aKey[i], an[i] = strlen(aKey[i]);
      } else {
        imp_colmap_eval(ct, i, &aColMap[i], pCsv, aNum[i], &aJoin[i], &az[i], &an[i], &mapErr);
        if (aJoin[i].oom) mapErr.oom = 1;
      }
    }
    if (mapErr.oom) {
      rc = SQLITE_NOMEM;
      break;
    }
    if (pass->derived) {
      const char *zk = az[pass->iFk];
      size_t nk = an[pass->iFk];
      int complete = 1;
      if (zk) imp_trim(&zk, &nk);
      if (zk == 0 || nk == 0 || mapErr.n || memchr(zk, 0, nk)) continue;
      if (imp_set_has(&L->aSeen[iFile], zk, (int)nk)) continue; /* one per key and file */
      for (i = 0; i < t->nCol; i++) {
        const ImpCol *c = &t->aCol[i];
        int keyText = c->required && c->kind == IMP_K_TEXT && !c->nEnum && !c->zFkTable;
        paz[i] = 0, pan[i] = 0;
        if (i == iKey) {
          paz[i] = zk, pan[i] = nk;
        } else if (aParent[i].n) {
          imp_alts_eval(&aParent[i], pCsv, &aJoin[ct->nCol + i], &paz[i], &pan[i]);
          if (aJoin[ct->nCol + i].oom) {
            rc = SQLITE_NOMEM;
            break;
          }
          if (paz[i] == 0 || pan[i] == 0) {
            complete = 0; /* perhaps another row names it */
            if (keyText) paz[i] = zk, pan[i] = nk;
          }
        } else if (keyText) {
          paz[i] = zk, pan[i] = nk; /* other required text: the key, as create_parents does */
        }
      }
      if (rc != SQLITE_OK) break;
      if (!pass->second && !complete) {
        pass->nLater++;
        continue;
      }
      if (pass->second && complete) continue;
      imp_set_add(&L->aSeen[iFile], zk, (int)nk);
      r.derived = 1;
      r.az = paz, r.an = pan, r.aMap = 0, r.zRaw = 0, r.nRaw = 0;
      r.eOrder = f->eOrder;
      rc = imp_row(L, &r, 0);
      if (rc != SQLITE_OK) break;
      continue;
    }
    if (!orderChecked && f->eOrder == IMP_ORDER_NONE && nDate && imp_needs_order(pCsv, aDate, nDate)) {
      orderChecked = 1;
      rc = imp_detect_order(L, f, aDate, nDate);
      if (rc != SQLITE_OK) break;
    }
    r.eOrder = f->eOrder;
    if (mapErr.n) r.zMapErr = mapErr.z;
    if (hold && r.zMapErr == 0) {
      size_t nBytes = r.nRaw + sizeof(ImpDeferred);
      for (i = 0; i < t->nCol; i++) nBytes += az[i] ? an[i] + 1 : 0;
      if (nHeld == IMP_MAX_HELD || nHeldBytes + nBytes > IMP_MAX_HELD_BYTES) {
        r.zErr = "rows = stage_changes holds at most 1000000 rows or 256 MiB of one file: split the file";
        r.az = 0;
        rc = imp_row(L, &r, 0);
        if (rc != SQLITE_OK) break;
        continue;
      }
      if (nHeld == nHeldAlloc) {
        int nNew = nHeldAlloc ? nHeldAlloc * 2 : 64;
        ImpDeferred *aNew = sqlite3_realloc64(aHeld, sizeof(ImpDeferred) * (sqlite3_uint64)nNew);
        if (aNew == 0) {
          rc = SQLITE_NOMEM;
          break;
        }
        aHeld = aNew, nHeldAlloc = nNew;
      }
      nHeldBytes += nBytes;
      rc = imp_copy_row(&aHeld[nHeld++], &r, t->nCol);
      if (rc != SQLITE_OK) break;
      continue;
    }
    rc = imp_row(L, &r, 0);
    if (rc != SQLITE_OK) break;
  }
  if (rc == SQLITE_OK && nPend) {
    /* At the end of the file: a footer when one of its rows starts with
    ** the footer text, the rows they are otherwise. */
    int isFooter = 0;
    for (i = 0; i < nPend && !isFooter; i++) isFooter = imp_starts(aPend[i].zRaw, aPend[i].nRaw, f->zFooter, 1);
    if (isFooter) {
      f->nFooter += nPend;
      for (i = 0; i < nPend; i++) sqlite3_free(aPend[i].zRaw), sqlite3_free(aPend[i].zErr);
      nPend = 0;
    } else {
      rc = imp_flush_pending(L, iFile, aPend, &nPend, nHead);
    }
  }
  if (rc == SQLITE_OK && hold) rc = imp_stage_changes(L, iFile, aHeld, nHeld, aColMap);
  /* Rows that waited for a parent later in this file, while the file's
  ** mapping is at hand. */
  if (rc == SQLITE_OK && !pass->derived) rc = imp_resolve_deferred(L, aColMap);
done:
  for (i = 0; i < nPend; i++) sqlite3_free(aPend[i].zRaw), sqlite3_free(aPend[i].zErr);
  sqlite3_free(aPend);
  imp_copies_free(aHeld, nHeld, t->nCol);
  revops_buf_reset(&mapErr);
  for (i = 0; aJoin && i < ct->nCol + t->nCol; i++) revops_buf_reset(&aJoin[i]);
  sqlite3_free(aJoin);
  imp_arena_free(&arena);
  sqlite3_free(aKey);
  sqlite3_free(aNum);
  sqlite3_free(zHeadErr);
  sqlite3_free(aMap);
  sqlite3_free(az);
  sqlite3_free(an);
  sqlite3_free(paz);
  sqlite3_free(pan);
  revops_csv_free(pCsv);
  imp_file_close(rd.pFile);
  return rc;
}

static int imp_date_order(const char *z) {
  if (z == 0) return IMP_ORDER_NONE;
  if (sqlite3_stricmp(z, "MDY") == 0) return IMP_ORDER_MDY;
  if (sqlite3_stricmp(z, "DMY") == 0) return IMP_ORDER_DMY;
  if (sqlite3_stricmp(z, "YMD") == 0) return IMP_ORDER_YMD;
  return IMP_ORDER_NONE;
}

/* ------------------------------------------------------------- tables */

static void imp_load_free(ImpLoad *L) {
  int i;
  sqlite3_finalize(L->pIns);
  sqlite3_finalize(L->pSel);
  sqlite3_finalize(L->pUpd);
  sqlite3_finalize(L->pTouchIns);
  sqlite3_finalize(L->pTouchSel);
  if (L->apFk) {
    for (i = 0; i < L->t->nCol; i++) sqlite3_finalize(L->apFk[i]);
  }
  if (L->apCreate) {
    for (i = 0; i < L->t->nCol; i++) sqlite3_finalize(L->apCreate[i]);
  }
  sqlite3_free(L->apCreate);
  if (L->aFkSet) {
    for (i = 0; i < L->t->nCol; i++) imp_set_free(&L->aFkSet[i]);
  }
  sqlite3_free(L->apFk);
  sqlite3_free(L->aFkSet);
  sqlite3_free(L->aSeg);
  sqlite3_free(L->aVal);
  sqlite3_free(L->aBad);
  sqlite3_free(L->aSyn);
  sqlite3_free(L->aCreateNow);
  sqlite3_free(L->aCount);
  revops_buf_reset(&L->why);
  imp_deferred_free(L);
}

static int imp_load_prepare(ImpLoad *L) {
  Imp *p = L->p;
  ImpTable *t = L->t;
  RevopsBuf cols, qs, sets, key;
  int i, rc;
  sqlite3_stmt *s = 0;
  L->apFk = sqlite3_malloc64(sizeof(sqlite3_stmt *) * (sqlite3_uint64)t->nCol);
  L->aFkSet = sqlite3_malloc64(sizeof(ImpKeySet) * (sqlite3_uint64)t->nCol);
  L->apCreate = sqlite3_malloc64(sizeof(sqlite3_stmt *) * (sqlite3_uint64)t->nCol);
  if (L->apCreate) memset(L->apCreate, 0, sizeof(sqlite3_stmt *) * (size_t)t->nCol);
  L->aVal = sqlite3_malloc64(sizeof(ImpVal) * (sqlite3_uint64)t->nCol);
  L->aBad = sqlite3_malloc64((sqlite3_uint64)t->nCol);
  L->aSyn = sqlite3_malloc64((sqlite3_uint64)t->nCol);
  L->aCreateNow = sqlite3_malloc64((sqlite3_uint64)t->nCol);
  L->aCount = sqlite3_malloc64(sizeof(ImpCount) * (sqlite3_uint64)(p->nFile * 2 + 2));
  if (!L->apFk || !L->apCreate || !L->aFkSet || !L->aVal || !L->aBad || !L->aSyn || !L->aCreateNow || !L->aCount) return SQLITE_NOMEM;
  for (i = 0; i < t->nCol; i++) {
    size_t k;
    L->aSyn[i] = 0;
    for (k = 0; k < sizeof(aSynonym) / sizeof(aSynonym[0]); k++) {
      if (strcmp(aSynonym[k].zCol, t->aCol[i].zName) == 0 &&
          (aSynonym[k].zTable[0] == '*' || strcmp(aSynonym[k].zTable, t->zName) == 0)) {
        L->aSyn[i] = 1;
      }
    }
  }
  memset(L->apFk, 0, sizeof(sqlite3_stmt *) * (size_t)t->nCol);
  memset(L->aFkSet, 0, sizeof(ImpKeySet) * (size_t)t->nCol);
  memset(L->aVal, 0, sizeof(ImpVal) * (size_t)t->nCol);
  memset(L->aCount, 0, sizeof(ImpCount) * (size_t)(p->nFile * 2 + 2));
  revops_buf_init(&L->why);
  if (t->nPk == 0) {
    imp_fail(p, "revops_import(): table %s has no primary key (the import keys every table on it)", t->zName);
    return SQLITE_ERROR;
  }
  revops_buf_init(&cols);
  revops_buf_init(&qs);
  revops_buf_init(&sets);
  revops_buf_init(&key);
  for (i = 0; i < t->nCol; i++) {
    char *z = sqlite3_mprintf("%s\"%w\"", i ? ", " : "", t->aCol[i].zName);
    if (z == 0) break;
    revops_buf_str(&cols, z);
    revops_buf_str(&qs, i ? ", ?" : "?");
    sqlite3_free(z);
    if (!t->aCol[i].pk) {
      z = sqlite3_mprintf("%s\"%w\" = ?", sets.n ? ", " : "", t->aCol[i].zName);
      if (z == 0) break;
      revops_buf_str(&sets, z);
      sqlite3_free(z);
    }
  }
  for (i = 0; i < t->nPk; i++) {
    char *z = sqlite3_mprintf("%s\"%w\" = ?", i ? " AND " : "", t->aCol[t->aPk[i]].zName);
    if (z == 0) break;
    revops_buf_str(&key, z);
    sqlite3_free(z);
  }
  if (cols.oom || qs.oom || sets.oom || key.oom || i < t->nPk) {
    rc = SQLITE_NOMEM;
    goto done;
  }
  rc = imp_prepare(p, &L->pIns, "INSERT INTO main.\"%w\" (%s) VALUES (%s)", t->zName, cols.z, qs.z);
  if (rc == SQLITE_OK) {
    rc = imp_prepare(p, &L->pSel, "SELECT rowid, %s FROM main.\"%w\" WHERE %s", cols.z, t->zName, key.z);
  }
  if (rc == SQLITE_OK && sets.n) {
    rc = imp_prepare(p, &L->pUpd, "UPDATE main.\"%w\" SET %s WHERE rowid = ?", t->zName, sets.z);
  }
  if (rc == SQLITE_OK && sets.n == 0) {
    /* Only key columns: nothing to update (a no-op statement). */
    rc = imp_prepare(p, &L->pUpd, "SELECT ?1 WHERE 0");
  }
  for (i = 0; i < t->nCol && rc == SQLITE_OK; i++) {
    ImpCol *c = &t->aCol[i];
    if (!c->zFkTable) continue;
    rc = imp_prepare(p, &L->apFk[i], "SELECT 1 FROM main.\"%w\" WHERE \"%w\" = ?", c->zFkTable, c->zFkCol);
  }
  if (rc != SQLITE_OK) goto done;
  /* Fresh or not, and the rowids it had. */
  rc = imp_prepare(p, &s, "SELECT (SELECT 1 FROM main.\"%w\" LIMIT 1), (SELECT max(rowid) FROM main.\"%w\")",
                   t->zName, t->zName);
  if (rc == SQLITE_OK) {
    if (sqlite3_step(s) == SQLITE_ROW) {
      L->fresh = sqlite3_column_type(s, 0) == SQLITE_NULL;
      L->baseMax = sqlite3_column_int64(s, 1);
    }
    sqlite3_finalize(s);
  }
  if (rc == SQLITE_OK && !L->fresh) {
    rc = imp_exec(p, "DELETE FROM temp.imp_touched");
    if (rc == SQLITE_OK) {
      rc = imp_prepare(p, &L->pTouchIns, "INSERT INTO temp.imp_touched (rid, file_no, line) VALUES (?, ?, ?)");
    }
    if (rc == SQLITE_OK) {
      rc = imp_prepare(p, &L->pTouchSel, "SELECT file_no, line FROM temp.imp_touched WHERE rid = ?");
    }
  }
done:
  revops_buf_reset(&cols);
  revops_buf_reset(&qs);
  revops_buf_reset(&sets);
  revops_buf_reset(&key);
  return rc;
}

/* One summary row per file (and derived or not) that gave this table rows. */
static int imp_summarise(ImpLoad *L) {
  Imp *p = L->p;
  int i, d, rc;
  for (i = 0; i < p->nFile; i++) {
    for (d = 0; d < 2; d++) {
      ImpCount *c = &L->aCount[i * 2 + d];
      sqlite3_stmt *s = p->pSummary;
      char *zNote = 0;
      if (c->nRead == 0) continue;
      if (d) {
        zNote = c->nDerivedDup
                    ? sqlite3_mprintf("rows derived from this export, one per key; %lld already given by another file",
                                      (long long)c->nDerivedDup)
                    : sqlite3_mprintf("rows derived from this export, one per key");
        if (zNote == 0) return SQLITE_NOMEM;
      }
      sqlite3_bind_int64(s, 1, p->runId);
      sqlite3_bind_text(s, 2, p->aFile[i].zFile, -1, SQLITE_STATIC);
      sqlite3_bind_text(s, 3, L->t->zName, -1, SQLITE_STATIC);
      if (p->aFile[i].zPreset) sqlite3_bind_text(s, 4, p->aFile[i].zPreset, -1, SQLITE_STATIC);
      else sqlite3_bind_null(s, 4);
      sqlite3_bind_int64(s, 5, c->nRead - c->nDerivedDup);
      sqlite3_bind_int64(s, 6, c->nIns + c->nUpd + c->nSame);
      sqlite3_bind_int64(s, 7, c->nIns);
      sqlite3_bind_int64(s, 8, c->nUpd);
      sqlite3_bind_int64(s, 9, c->nSame);
      sqlite3_bind_int64(s, 10, c->nRej);
      if (zNote == 0 && (p->aFile[i].nSkipped || p->aFile[i].nCreated || p->aFile[i].nFooter || p->aFile[i].nNoChange)) {
        ImpFileInfo *f = &p->aFile[i];
        RevopsBuf nb;
        revops_buf_init(&nb);
        if (f->zNote) revops_buf_str(&nb, f->zNote);
        if (f->nFooter) {
          if (nb.n) revops_buf_lit(&nb, "; ");
          revops_buf_int(&nb, f->nFooter);
          revops_buf_str(&nb, f->nFooter == 1 ? " row of the " : " rows of the ");
          if (f->zLabel) {
            revops_buf_str(&nb, f->zLabel);
            revops_buf_append(&nb, " ", 1);
          }
          revops_buf_lit(&nb, "footer skipped");
        }
        if (f->nNoChange) {
          if (nb.n) revops_buf_lit(&nb, "; ");
          revops_buf_int(&nb, f->nNoChange);
          revops_buf_str(&nb, f->nNoChange == 1
                                  ? " row changes no stage (amount, date or probability only) and is not a stage entry"
                                  : " rows change no stage (amount, date or probability only) and are not stage entries");
        }
        if (f->nSkipped) {
          if (nb.n) revops_buf_lit(&nb, "; ");
          revops_buf_int(&nb, f->nSkipped);
          revops_buf_str(&nb, f->nSkipped == 1 ? " row skipped (skip = in the mapping)"
                                                : " rows skipped (skip = in the mapping)");
        }
        if (f->nCreated) {
          if (nb.n) revops_buf_lit(&nb, "; ");
          revops_buf_int(&nb, f->nCreated);
          revops_buf_str(&nb, f->nCreated == 1 ? " missing parent row created from its key (create_parents)"
                                                : " missing parent rows created from their keys (create_parents)");
        }
        zNote = revops_buf_finish(&nb);
        if (zNote == 0) return SQLITE_NOMEM;
        sqlite3_bind_text(s, 11, zNote, -1, SQLITE_STATIC);
        rc = sqlite3_step(s);
        sqlite3_reset(s);
        revops_free(zNote);
        if (rc != SQLITE_DONE) return imp_sql_error(p, rc);
        continue;
      }
      if (zNote) sqlite3_bind_text(s, 11, zNote, -1, SQLITE_STATIC);
      else if (p->aFile[i].zNote) sqlite3_bind_text(s, 11, p->aFile[i].zNote, -1, SQLITE_STATIC);
      else sqlite3_bind_null(s, 11);
      rc = sqlite3_step(s);
      sqlite3_reset(s);
      sqlite3_free(zNote);
      if (rc != SQLITE_DONE) return imp_sql_error(p, rc);
    }
  }
  return SQLITE_OK;
}

/* Does the file's mapping derive parent rows for this column? */
static int imp_has_parent(const ImpFileInfo *f, const char *zCol) {
  int j;
  size_t n = strlen(zCol);
  for (j = 0; j < f->nSet; j++) {
    const ImpSetting *s = &f->aSet[j];
    if (strcmp(s->zSetting, "parent") == 0 && sqlite3_strnicmp(s->zCol, zCol, (int)n) == 0 &&
        (s->zCol[n] == 0 || s->zCol[n] == '.')) {
      return 1;
    }
  }
  return 0;
}

static int imp_load_table(Imp *p, int iTable) {
  ImpLoad L;
  int rc, i, k;
  memset(&L, 0, sizeof(L));
  L.p = p;
  L.t = &p->schema.aTable[iTable];
  L.iTable = iTable;
  rc = imp_load_prepare(&L);
  L.aSeen = sqlite3_malloc64(sizeof(ImpKeySet) * (sqlite3_uint64)(p->nFile + 1));
  if (L.aSeen == 0) rc = SQLITE_NOMEM;
  else memset(L.aSeen, 0, sizeof(ImpKeySet) * (size_t)(p->nFile + 1));
  for (i = 0; i < p->nFile && rc == SQLITE_OK; i++) {
    ImpFileInfo *f = &p->aFile[i];
    ImpPass pass;
    if (f->zTable == 0 || strcmp(f->zTable, L.t->zName) != 0) continue;
    memset(&pass, 0, sizeof(pass));
    rc = imp_load_csv(&L, i, &pass);
  }
  /* Parent rows the files' mappings derive (parent.COLUMN), after the
  ** rows files give: first from rows that give every parent column, then
  ** from the rest, so that a parent is named by any row that names it. */
  for (k = 0; k < 2 && rc == SQLITE_OK; k++) {
    for (i = 0; i < p->nFile && rc == SQLITE_OK; i++) {
      ImpFileInfo *f = &p->aFile[i];
      int iChild = -1, c;
      if (f->zTable == 0) continue;
      for (c = 0; c < p->schema.nTable; c++) {
        if (strcmp(p->schema.aTable[c].zName, f->zTable) == 0) iChild = c;
      }
      if (iChild < 0) continue;
      for (c = 0; c < p->schema.aTable[iChild].nCol && rc == SQLITE_OK; c++) {
        ImpCol *col = &p->schema.aTable[iChild].aCol[c];
        ImpPass pass;
        if (col->iFkTable != iTable || !imp_has_parent(f, col->zName)) continue;
        memset(&pass, 0, sizeof(pass));
        pass.derived = 1, pass.iChild = iChild, pass.iFk = c;
        if (k == 0) {
          rc = imp_load_csv(&L, i, &pass);
          if (pass.nLater) f->nLater |= 1ull << (c & 63);
        } else if (f->nLater & (1ull << (c & 63))) {
          pass.second = 1;
          rc = imp_load_csv(&L, i, &pass);
        }
      }
    }
  }
  if (rc == SQLITE_OK) rc = imp_resolve_deferred(&L, 0);
  if (rc == SQLITE_OK) rc = imp_summarise(&L);
  for (i = 0; L.aSeen && i < p->nFile; i++) imp_set_free(&L.aSeen[i]);
  sqlite3_free(L.aSeen);
  imp_load_free(&L);
  return rc;
}

/* ---------------------------------------------------------------- run */

static void imp_free(Imp *p) {
  int i;
  for (i = 0; i < p->nFile; i++) {
    int k;
    for (k = 0; k < p->aFile[i].nSet; k++) {
      sqlite3_free(p->aFile[i].aSet[k].zSetting);
      sqlite3_free(p->aFile[i].aSet[k].zCol);
      sqlite3_free(p->aFile[i].aSet[k].zSrc);
      sqlite3_free(p->aFile[i].aSet[k].zDst);
    }
    sqlite3_free(p->aFile[i].aSet);
    sqlite3_free(p->aFile[i].zFile);
    sqlite3_free(p->aFile[i].zPath);
    sqlite3_free(p->aFile[i].zTable);
    sqlite3_free(p->aFile[i].zPreset);
    sqlite3_free(p->aFile[i].zNote);
  }
  sqlite3_free(p->aFile);
  sqlite3_finalize(p->pReject);
  sqlite3_finalize(p->pRejKeyIns);
  sqlite3_finalize(p->pRejKeySel);
  sqlite3_finalize(p->pSummary);
  imp_ping_free(&p->ping);
  imp_schema_free(&p->schema);
}

static char *imp_dup_col(sqlite3_stmt *s, int i) {
  if (sqlite3_column_type(s, i) == SQLITE_NULL) return 0;
  return sqlite3_mprintf("%s", (const char *)sqlite3_column_text(s, i));
}

static int imp_read_files(Imp *p) {
  sqlite3_stmt *s = 0;
  int rc = imp_prepare(p, &s, "SELECT file, path, tbl, preset, note FROM temp.imp_files ORDER BY file");
  int nAlloc = 0;
  if (rc != SQLITE_OK) return rc;
  while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
    ImpFileInfo *f;
    if (p->nFile == nAlloc) {
      ImpFileInfo *aNew;
      nAlloc = nAlloc ? nAlloc * 2 : 32;
      aNew = sqlite3_realloc64(p->aFile, sizeof(ImpFileInfo) * (sqlite3_uint64)nAlloc);
      if (aNew == 0) {
        rc = SQLITE_NOMEM;
        break;
      }
      p->aFile = aNew;
    }
    f = &p->aFile[p->nFile++];
    memset(f, 0, sizeof(*f));
    f->zFile = imp_dup_col(s, 0);
    f->zPath = imp_dup_col(s, 1);
    f->zTable = imp_dup_col(s, 2);
    f->zPreset = imp_dup_col(s, 3);
    f->zNote = imp_dup_col(s, 4);
    if (f->zFile == 0 || f->zPath == 0) {
      rc = SQLITE_NOMEM;
      break;
    }
  }
  sqlite3_finalize(s);
  if (rc == SQLITE_DONE) rc = SQLITE_OK;
  else if (rc != SQLITE_NOMEM) rc = imp_sql_error(p, rc);
  return rc;
}

/* Is there a [values NAME] list in the mappings? */
static int imp_list_exists(Imp *p, const char *zName, int *pRc) {
  sqlite3_stmt *s = 0;
  int found = 0;
  *pRc = imp_prepare(p, &s, "SELECT 1 FROM temp.imp_mapping WHERE file = 'values ' || ?1 COLLATE NOCASE LIMIT 1");
  if (*pRc != SQLITE_OK) return 0;
  sqlite3_bind_text(s, 1, zName ? zName : "", -1, SQLITE_STATIC);
  found = sqlite3_step(s) == SQLITE_ROW;
  sqlite3_finalize(s);
  return found;
}

/* parent.FK or parent.FK.COL: FK a foreign key of the file's table, COL a
** column of the table it points to. */
static int imp_parent_ok(Imp *p, const char *zTable, const char *zCol) {
  const char *zDot = strchr(zCol, '.');
  size_t n = zDot ? (size_t)(zDot - zCol) : strlen(zCol);
  int t, k, q;
  for (t = 0; t < p->schema.nTable; t++) {
    ImpTable *pt = &p->schema.aTable[t];
    if (strcmp(pt->zName, zTable) != 0) continue;
    for (k = 0; k < pt->nCol; k++) {
      ImpCol *c = &pt->aCol[k];
      if (strlen(c->zName) != n || sqlite3_strnicmp(c->zName, zCol, (int)n) != 0 || c->iFkTable < 0) continue;
      if (zDot == 0) return 1;
      for (q = 0; q < p->schema.aTable[c->iFkTable].nCol; q++) {
        if (sqlite3_stricmp(p->schema.aTable[c->iFkTable].aCol[q].zName, zDot + 1) == 0) return 1;
      }
    }
  }
  return 0;
}

/* The mappings' settings (temp.imp_mapping: the user's and the shipped
** presets' a file matched, import.sql), onto their files. */
static int imp_read_mappings(Imp *p) {
  sqlite3_stmt *s = 0;
  int rc = imp_prepare(p, &s, "SELECT map_file, line, file, setting, col, src, dst FROM temp.imp_mapping AS m"
                   " WHERE file NOT LIKE 'values %%' AND NOT EXISTS (SELECT 1 FROM temp.imp_mapping AS x"
                   " WHERE x.origin = m.origin AND x.map_file = m.map_file AND x.file = m.file AND x.setting = 'match')"
                   " ORDER BY ord, map_file, line");
  if (rc != SQLITE_OK) return rc;
  while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
    const char *zFile = (const char *)sqlite3_column_text(s, 2);
    int i, k;
    ImpFileInfo *f;
    ImpSetting *m;
    for (i = 0; i < p->nFile; i++) {
      if (zFile && sqlite3_stricmp(p->aFile[i].zFile, zFile) == 0) break;
    }
    if (i == p->nFile) {
      imp_fail(p, "revops_import(): %s line %d maps [%s], which is not a CSV file of the directory",
               (const char *)sqlite3_column_text(s, 0), sqlite3_column_int(s, 1), zFile ? zFile : "");
      rc = SQLITE_ERROR;
      break;
    }
    f = &p->aFile[i];
    m = sqlite3_realloc64(f->aSet, sizeof(ImpSetting) * (sqlite3_uint64)(f->nSet + 1));
    if (m == 0) {
      rc = SQLITE_NOMEM;
      break;
    }
    f->aSet = m;
    m = &f->aSet[f->nSet++];
    m->zSetting = imp_dup_col(s, 3);
    m->zCol = imp_dup_col(s, 4);
    m->zSrc = imp_dup_col(s, 5);
    m->zDst = imp_dup_col(s, 6);
    if (m->zSetting == 0) {
      rc = SQLITE_NOMEM;
      break;
    }
    if (strcmp(m->zSetting, "date_order") == 0) {
      f->eOrder = imp_date_order(m->zDst);
      f->orderDeclared = 1;
    }
    if (strcmp(m->zSetting, "create_parents") == 0) f->createParents = sqlite3_stricmp(m->zDst, "yes") == 0;
    if (strcmp(m->zSetting, "label") == 0) f->zLabel = m->zDst;
    if (strcmp(m->zSetting, "footer") == 0) f->zFooter = m->zSrc;
    if (strcmp(m->zSetting, "rows") == 0) f->stageChanges = 1;
    if (strcmp(m->zSetting, "values") == 0 && !imp_list_exists(p, m->zDst, &rc)) {
      if (rc == SQLITE_OK) {
        imp_fail(p, "revops_import(): %s line %d: values.%s = %s names no [values %s] section of a .map file",
                 (const char *)sqlite3_column_text(s, 0), sqlite3_column_int(s, 1), m->zCol, m->zDst, m->zDst);
        rc = SQLITE_ERROR;
      }
      break;
    }
    /* A column the table does not have is a mistake worth stopping for. */
    if (m->zCol && f->zTable && strcmp(m->zSetting, "parent") == 0) {
      if (!imp_parent_ok(p, f->zTable, m->zCol)) {
        imp_fail(p, "revops_import(): %s line %d: parent.%s: the first name is a column of %s with a foreign key,"
                 " the second a column of the table it points to",
                 (const char *)sqlite3_column_text(s, 0), sqlite3_column_int(s, 1), m->zCol, f->zTable);
        rc = SQLITE_ERROR;
        break;
      }
    } else if (m->zCol && f->zTable) {
      int t = -1;
      for (k = 0; k < p->schema.nTable; k++) {
        if (strcmp(p->schema.aTable[k].zName, f->zTable) == 0) t = k;
      }
      if (t >= 0) {
        for (k = 0; k < p->schema.aTable[t].nCol; k++) {
          if (sqlite3_stricmp(p->schema.aTable[t].aCol[k].zName, m->zCol) == 0) break;
        }
        if (k == p->schema.aTable[t].nCol) {
          imp_fail(p, "revops_import(): %s line %d: table %s has no column %s",
                   (const char *)sqlite3_column_text(s, 0), sqlite3_column_int(s, 1), f->zTable, m->zCol);
          rc = SQLITE_ERROR;
          break;
        }
      }
    }
  }
  sqlite3_finalize(s);
  if (rc == SQLITE_DONE) rc = SQLITE_OK;
  else if (rc != SQLITE_OK && rc != SQLITE_NOMEM && p->zErr == 0) rc = imp_sql_error(p, rc);
  return rc;
}

static int imp_run(Imp *p) {
  sqlite3_stmt *s = 0;
  int rc, i;
  rc = imp_prepare(p, &s, "SELECT run_id FROM temp.imp_run");
  if (rc != SQLITE_OK) return rc;
  if (sqlite3_step(s) == SQLITE_ROW) p->runId = sqlite3_column_int64(s, 0);
  sqlite3_finalize(s);
  rc = imp_schema_load(p->db, &p->schema);
  if (rc != SQLITE_OK && p->schema.zErr) {
    imp_fail(p, "%s", p->schema.zErr);
    return rc;
  }
  if (rc != SQLITE_OK) return rc == SQLITE_NOMEM ? rc : imp_sql_error(p, rc);
  rc = imp_read_files(p);
  if (rc == SQLITE_OK) rc = imp_read_mappings(p);
  /* A mapping may name any table: it must exist. */
  for (i = 0; i < p->nFile && rc == SQLITE_OK; i++) {
    int k, found = 0;
    if (p->aFile[i].zTable == 0) continue;
    for (k = 0; k < p->schema.nTable; k++) found |= strcmp(p->schema.aTable[k].zName, p->aFile[i].zTable) == 0;
    if (!found) {
      imp_fail(p, "revops_import(): a mapping loads %s into table %s, which does not exist", p->aFile[i].zFile,
               p->aFile[i].zTable);
      rc = SQLITE_ERROR;
    }
  }
  /* A reader arriving during the import makes the COMMIT wait for it
  ** (rollback-journal mode) rather than fail after all the work: give the
  ** connection a busy timeout if it has none. */
  if (rc == SQLITE_OK) {
    rc = imp_prepare(p, &s, "PRAGMA busy_timeout");
    if (rc == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW && sqlite3_column_int(s, 0) == 0) {
      sqlite3_busy_timeout(p->db, IMP_BUSY_TIMEOUT_MS);
    }
    sqlite3_finalize(s);
  }
  if (rc == SQLITE_OK) {
    rc = imp_prepare(p, &p->pReject,
                     "INSERT INTO main.import_rejects (run_id, file, line, table_name, raw, reason)"
                     " VALUES (?, ?, ?, ?, ?, ?)");
  }
  if (rc == SQLITE_OK) {
    rc = imp_prepare(p, &p->pRejKeyIns, "INSERT INTO temp.imp_rejected (tbl, k, file, line) VALUES (?, ?, ?, ?)");
  }
  if (rc == SQLITE_OK) {
    rc = imp_prepare(p, &p->pRejKeySel,
                     "SELECT file, line FROM temp.imp_rejected WHERE tbl = ? AND k = ? ORDER BY file, line LIMIT 1");
  }
  if (rc == SQLITE_OK) {
    rc = imp_prepare(p, &p->pSummary,
                     "INSERT INTO main.import_summary (run_id, file, table_name, preset, rows_read,"
                     " rows_loaded, rows_inserted, rows_updated, rows_unchanged, rows_rejected, note)"
                     " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  }
  for (i = 0; i < p->schema.nOrder && rc == SQLITE_OK; i++) {
    rc = imp_load_table(p, p->schema.aOrder[i]);
  }
  return rc;
}

/* The connection's cache_size, as PRAGMA cache_size reports it. */
static int imp_cache_size(sqlite3 *db, sqlite3_int64 *pOut) {
  sqlite3_stmt *s = 0;
  int rc = sqlite3_prepare_v2(db, "PRAGMA main.cache_size", -1, &s, 0);
  if (rc == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW) *pOut = sqlite3_column_int64(s, 0);
  sqlite3_finalize(s);
  return rc;
}

static void imp_set_cache_size(sqlite3 *db, sqlite3_int64 n) {
  char *z = sqlite3_mprintf("PRAGMA main.cache_size = %lld", n);
  if (z) sqlite3_exec(db, z, 0, 0, 0);
  sqlite3_free(z);
}

static void impFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  Imp imp;
  int rc, bigger = 0;
  sqlite3_int64 nCache = 0;
  (void)argc;
  (void)argv;
  memset(&imp, 0, sizeof(imp));
  imp.db = sqlite3_context_db_handle(ctx);
  imp.ping.db = imp.db;
  if (sqlite3_get_autocommit(imp.db)) {
    sqlite3_result_error(ctx,
                         "revops_import(): run it inside BEGIN IMMEDIATE ... COMMIT (sql/import/import.sh"
                         " does), so that a failed import leaves nothing behind",
                         -1);
    return;
  }
  if (imp_cache_size(imp.db, &nCache) == SQLITE_OK && nCache < 0 && -nCache < IMP_CACHE_KIB) {
    imp_set_cache_size(imp.db, -IMP_CACHE_KIB);
    bigger = 1;
  }
  rc = imp_run(&imp);
  if (bigger) imp_set_cache_size(imp.db, nCache);
  if (rc == SQLITE_OK) {
    sqlite3_result_int64(ctx, imp.nRead);
  } else if (rc == SQLITE_NOMEM) {
    sqlite3_result_error_nomem(ctx);
  } else if (rc == SQLITE_INTERRUPT) {
    sqlite3_result_error_code(ctx, SQLITE_INTERRUPT);
  } else {
    sqlite3_result_error(ctx, imp.zErr ? imp.zErr : "revops_import(): failed", -1);
    if (rc != SQLITE_ERROR) sqlite3_result_error_code(ctx, rc);
  }
  sqlite3_free(imp.zErr);
  imp_free(&imp);
}

int imp_register_engine(sqlite3 *db) {
  return sqlite3_create_function_v2(db, "revops_import", 0, SQLITE_UTF8 | SQLITE_DIRECTONLY, 0, impFunc,
                                    0, 0, 0);
}
