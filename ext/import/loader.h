/*
** loader.h — what the files of revops_import(), the CSV import's loader,
** share: the state of a run (Imp), of one table's load (ImpLoad), of one
** input row (ImpRow), a file's mapping resolved against its header
** (ImpColMap), and each stage's functions.
**
** The files, each calling only those below it (none calls import.c):
**   import.c   revops_import(): the run, the tables in load order, each
**              table's passes over its files
**   read.c     a file's records into rows: header, footers, skipped rows,
**              held stage histories, the date order
**   row.c      one row through the stages, in order; rows waiting for a
**              parent of their own table
**   aggregate.c  aggregate = sum: rows that share a key, added up and
**              written as one
**   write.c    writing and rejects: insert, update, leave alone, duplicate
**              keys, import_rejects
**   parents.c  foreign keys: parent lookups, create_parents, the parent
**              rows a mapping derives
**   resolve.c  mapping resolution: settings onto files, column maps built
**              against a header and evaluated per record
**   check.c    typing and checks: text to typed values, CHECK values and
**              bounds, rules between columns, in words
**   summary.c  one import_summary row per file and table
**   common.c   the run's error, statements, a value quoted, values bound
**
** Owns: the types above and the prototypes of each file.
** Must not: hold code (two small inline helpers aside) or be included
** outside the loader's files; schema.c has schema.h, the file readers
** imp.h.
*/
#ifndef REVOPS_LOADER_H
#define REVOPS_LOADER_H

#include "schema.h"

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
  char *zSection;           /* a FILE -> TABLE section's name (a feed of the file), NULL: the file's own */
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
  int updateOnly;           /* update_only = yes: rows only update rows already in the table */
  int aggregate;            /* aggregate = sum: rows that share a key are added up */
  sqlite3_int64 nSkipped, nCreated;
  sqlite3_int64 nNoTarget;  /* a feed's rows with a required column empty: not rows of its table */
  sqlite3_int64 nSummed;    /* rows added into an earlier one with the same key */
  sqlite3_int64 nEmptied;   /* unknown.X = empty: values with no parent row left empty */
} ImpFileInfo;

/* Where a column's text comes from: alternatives, the first not empty. */
typedef struct ImpAlt {
  int iField;               /* a field of the file, -1 = not in it */
  int iRow;                 /* parent.F.P = TABLE.COLUMN: the row's own column, -1 = none */
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
  int keyHash, iHash;       /* key.X = hash F: a whole number from field F */
  const char *zPrefix;      /* prefix.X = 006, 001: kept only when it starts with one */
  int unknownEmpty;         /* unknown.X = empty */
  int iLookupFk;            /* lookup.X = FK.COLUMN: the foreign key's column, -1 = none */
  const char *zLookupCol;   /*   ... and the parent's column */
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

/* aggregate = sum: the groups of rows that share a key (aggregate.c). */
typedef struct ImpAgg ImpAgg;

/* Loading one table. */
typedef struct ImpLoad {
  Imp *p;
  ImpTable *t;
  int iTable;
  sqlite3_stmt *pIns, *pSel, *pUpd, *pTouchIns, *pTouchSel;
  sqlite3_stmt **apFk;      /* per column: parent lookup */
  sqlite3_stmt **apCreate;  /* per column: create_parents insert */
  sqlite3_stmt **apLookup;  /* per column: lookup.X's parent column */
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
  ImpAgg *pAgg;             /* aggregate = sum: the groups so far */
} ImpLoad;

/* Small allocations that live as long as one file's reading (resolve.c). */
typedef struct ImpArena {
  void **ap;
  int n, nAlloc;
} ImpArena;

/* How a file is read: for its own table, or for the parent rows one of
** its foreign keys names (parent.COLUMN of its mapping). */
typedef struct ImpPass {
  int derived;              /* 0: the file's rows; 1: parent rows */
  int iChild;               /* derived: the file's table */
  int iFk;                  /* derived: the foreign-key column, in that table */
  int second;               /* derived: the pass over rows the first left */
  sqlite3_int64 nLater;     /* derived: rows the first pass left (a parent column empty) */
} ImpPass;

/* A derived pass over one file (parents.c): the parent row built per
** record, read.c holding the storage. */
typedef struct ImpDerive {
  ImpAlts *aParent;         /* per parent column: parent.FK.COL of the mapping */
  int iKey;                 /* the parent column the foreign key names, -1 = none */
  const char **az;          /* per parent column: the row's text */
  size_t *an;
  RevopsBuf *aJoin;         /* per parent column: joined fields */
  /* a learned stage (the parent has stage_order, probability, is_closed
  ** and is_won, and no line gives stage_order): its place in the order */
  int iOrder, iProb, iClosed, iWon, iCategory;
  sqlite3_stmt *pOrder;
  char zOrder[24];
} ImpDerive;

static inline void imp_trim(const char **pz, size_t *pn) {
  const char *z = *pz;
  size_t n = *pn;
  while (n > 0 && (z[0] == ' ' || z[0] == '\t')) z++, n--;
  while (n > 0 && (z[n - 1] == ' ' || z[n - 1] == '\t')) n--;
  *pz = z;
  *pn = n;
}

static inline void imp_problem_start(RevopsBuf *b) {
  if (b->n) revops_buf_lit(b, "; ");
}

/* ------------------------------------------------------------ common.c */
/* The first fatal error of the run, for the caller (later ones dropped). */
void imp_fail(Imp *p, const char *zFmt, ...);
/* The connection's error as the run's, "revops_import(): ..."; the code. */
int imp_sql_error(Imp *p, int rc);
int imp_prepare(Imp *p, sqlite3_stmt **pp, const char *zFmt, ...);
int imp_exec(Imp *p, const char *zSql);
/* Append 'value' as it is in the file, cut at IMP_SHOW bytes. */
void imp_show(RevopsBuf *b, const char *z, size_t n);
void imp_bind_val(sqlite3_stmt *s, int iParam, const ImpVal *v);
/* A column's text as a copy (NULL for NULL). */
char *imp_dup_col(sqlite3_stmt *s, int i);

/* -------------------------------------------------------------- read.c */
/* Read one file: its rows into L's table, or (pass->derived) the parent
** rows of one foreign key. */
int imp_load_csv(ImpLoad *L, int iFile, ImpPass *pass);

/* --------------------------------------------------------------- row.c */
/* One row, start to end: typed, checked, its parents, written or rejected.
** bRetry: a deferred row's second try. */
int imp_row(ImpLoad *L, const ImpRow *r, int bRetry);
/* A copy of a row kept past its record, and freeing n of them. */
int imp_copy_row(ImpDeferred *d, const ImpRow *r, int n);
void imp_copies_free(ImpDeferred *a, int n, int nCol);
/* The row a copy stands for. */
void imp_deferred_row(ImpLoad *L, const ImpDeferred *d, const ImpColMap *aMap, ImpRow *r);
/* Rows waiting for a parent of their own table: kept, tried again once
** the table's files and derived parents are in, freed. */
int imp_defer(ImpLoad *L, const ImpRow *r);
int imp_resolve_deferred(ImpLoad *L);
void imp_deferred_free(ImpLoad *L);

/* ------------------------------------------------------------- write.c */
/* A row with its problems into import_rejects. */
int imp_reject(ImpLoad *L, const ImpRow *r, const char *zReason);
/* A valid row: inserted, updated, left alone, or a duplicate key. */
int imp_write(ImpLoad *L, const ImpRow *r);
/* A derived parent row whose key is there already: 1, counted, nothing
** written or checked. */
int imp_write_known(ImpLoad *L, const ImpRow *r, int *pRc);
/* One table's statements, and whether it is fresh. */
int imp_write_prepare(ImpLoad *L);

/* ----------------------------------------------------------- parents.c */
int imp_set_has(ImpKeySet *set, const char *z, int n);
void imp_set_add(ImpKeySet *set, const char *z, int n);
void imp_set_free(ImpKeySet *set);
/* 1 when column i's parent row exists (*pRc an error). */
int imp_parent_exists(ImpLoad *L, int i, int *pRc);
/* "account_id: unknown 'A9' (no such accounts.account_id)" into L->why. */
int imp_unknown_parent(ImpLoad *L, const ImpRow *r, int i);
/* create_parents = yes: can column i's parent be made from its key; make it. */
int imp_can_create(ImpLoad *L, int i);
int imp_create_parent(ImpLoad *L, int i);
/* lookup.X = FK.COLUMN of the row's mapping: X from the parent row its
** foreign key names, when there is one and it has a value (aBuf: per
** column, holds the text). */
int imp_lookup_row(ImpLoad *L, ImpRow *r, RevopsBuf *aBuf);
/* A derived pass (parent.COLUMN of a mapping): its setup, and the parent
** row one record names (*pLoad = 1: load r). */
int imp_derive_begin(ImpLoad *L, const ImpFileInfo *f, const ImpPass *pass, RevopsCsv *pHead, int nHead,
                     ImpArena *a, ImpDerive *d);
int imp_derive_row(ImpLoad *L, int iFile, ImpPass *pass, ImpRow *r, RevopsCsv *pCsv, int bMapErr,
                   ImpDerive *d, int *pLoad);

/* ----------------------------------------------------------- resolve.c */
void *imp_arena_alloc(ImpArena *a, size_t n);
void imp_arena_free(ImpArena *a);
/* The header field named z (trimmed, any case), or -1. */
int imp_field_of(RevopsCsv *pHead, int nHead, const char *z, size_t n);
/* "A | B + C | 'text'" into alternatives; the first with a value. */
int imp_alts_parse(ImpArena *a, RevopsCsv *pHead, int nHead, const char *z, ImpAlts *pOut);
void imp_alts_eval(const ImpAlts *s, RevopsCsv *pCsv, const char *const *azRow, const size_t *anRow, RevopsBuf *b,
                   const char **pz, size_t *pn);
/* The column maps of table t for file f, and column i's text per record. */
int imp_colmap_build(Imp *p, ImpFileInfo *f, ImpTable *t, RevopsCsv *pHead, int nHead, ImpArena *a,
                     ImpColMap **paMap);
void imp_colmap_eval(const ImpTable *t, int i, const ImpColMap *m, RevopsCsv *pCsv, char *zBuf,
                     RevopsBuf *pJoin, const char **pz, size_t *pn, RevopsBuf *e);
/* The fields that feed the table's date columns. */
int imp_date_fields(const ImpTable *t, const ImpColMap *aMap, const int *aDirect, ImpArena *a, int **paField,
                    int *pn);
/* temp.imp_mapping's settings onto their files, checked against the schema. */
int imp_read_mappings(Imp *p);

/* ------------------------------------------------------------- check.c */
/* A documented synonym of the value (docs/data.md "Vocabulary"), or NULL;
** whether a column has any. */
const char *imp_synonym(const char *zTable, const char *zCol, const char *z, size_t n);
int imp_has_synonyms(const char *zTable, const char *zCol);
void imp_num_text(RevopsBuf *b, double v);
/* Column i's text into L->aVal[i]; problems to L->why, L->aBad[i] set. */
void imp_convert(ImpLoad *L, const ImpRow *r, int i);
/* A value read back from SQLite; column i's value for a new row (the
** file's, or the column's default). */
void imp_val_from_value(ImpVal *v, sqlite3_value *x);
void imp_final_new(ImpLoad *L, int i, ImpVal *v);
/* "a 'x' must be after b 'y'": a rule between two columns, into L->why. */
void imp_rule_words(ImpLoad *L, const ImpRow *r, int iA, int iB, int op, int orNull);
/* The table's rules between columns, on values that converted. */
void imp_rules(ImpLoad *L, const ImpRow *r);

/* --------------------------------------------------------- aggregate.c */
/* A valid row of a file with aggregate = sum (its values in L->aVal) into
** the group of its key; every group written, after the table's files. */
int imp_agg_add(ImpLoad *L, const ImpRow *r);
int imp_agg_flush(ImpLoad *L);
void imp_agg_free(ImpLoad *L);

/* ----------------------------------------------------------- summary.c */
int imp_summarise(ImpLoad *L);

#endif
