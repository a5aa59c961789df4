/*
** readers.c — reading files for the CSV import (sql/import/, docs/data.md),
** in the import module dist/revops_import only (never in dist/revops).
**
**   SELECT * FROM revops_csv('data/accounts.csv')
**       one row per record of the file, the header included (header = 1),
**       malformed records included (error says why): nothing is skipped,
**       so the import can put every line either in its table or in
**       import_rejects.  Parsing is ext/core/csv.c.
**   SELECT c1, c2, missing FROM revops_csv('data/accounts.csv', 'account_id name')
**       the same rows with the named columns as plain values c1, c2, ...
**       (in the order asked, whatever the file's order): what the import
**       uses, because it costs no JSON per row.
**   SELECT * FROM revops_dir('data')
**       the entries of a directory, so the import finds its files in SQL.
**
** Both read the file system, so both are SQLITE_VTAB_DIRECTONLY (SPEC
** section 2): a view or trigger in a database someone sent you cannot use
** them to read your files; only SQL you type or run yourself can.  And
** both live in the import module, which a web or BI front end never loads:
** DIRECTONLY does not stop SQL a visitor types.  Files are opened through
** files.c (regular files only, bounded records).
**
** Owns: the revops_csv and revops_dir virtual tables and the connect and
** disconnect every table of the module shares.
** Must not: open a file other than through files.c, or load a table:
** rows go to SQL; the loader (read.c) reads its files itself.
*/
#include <stdio.h>
#include <string.h>

#include "imp.h"
#include "buf.h"

/* The vtab of both tables: the connection, to notice sqlite3_interrupt()
** during a long read. */
typedef struct ImpVtab {
  sqlite3_vtab base; /* base class, must be first */
  sqlite3 *db;
} ImpVtab;

int imp_vtab_connect(sqlite3 *db, const char *zSchema, sqlite3_vtab **ppVtab) {
  ImpVtab *p;
  int rc = sqlite3_declare_vtab(db, zSchema);
  if (rc != SQLITE_OK) return rc;
  p = sqlite3_malloc(sizeof(*p));
  if (p == 0) return SQLITE_NOMEM;
  memset(p, 0, sizeof(*p));
  p->db = db;
  sqlite3_vtab_config(db, SQLITE_VTAB_DIRECTONLY);
  *ppVtab = &p->base;
  return SQLITE_OK;
}

int imp_vtab_disconnect(sqlite3_vtab *p) {
  sqlite3_free(p);
  return SQLITE_OK;
}

/* Text of an argument value for an error message. */
static char *imp_describe(sqlite3_value *v) {
  switch (sqlite3_value_type(v)) {
    case SQLITE_INTEGER:
      return sqlite3_mprintf("%lld", sqlite3_value_int64(v));
    case SQLITE_FLOAT:
      return sqlite3_mprintf("%.15g", sqlite3_value_double(v));
    case SQLITE_TEXT:
      return sqlite3_mprintf("text '%.60q'", (const char *)sqlite3_value_text(v));
    case SQLITE_BLOB:
      return sqlite3_mprintf("a blob");
    default:
      return sqlite3_mprintf("NULL");
  }
}

/* A vtab error in the shape of argument errors: "fn(): ...". */
static void imp_vtab_error(sqlite3_vtab *pVtab, const char *zFmt, ...) {
  va_list ap;
  va_start(ap, zFmt);
  sqlite3_free(pVtab->zErrMsg);
  pVtab->zErrMsg = sqlite3_vmprintf(zFmt, ap);
  va_end(ap);
}

/* Shared by both tables: exactly one hidden argument, the path. */
static int imp_best_index(sqlite3_index_info *pInfo, int iPathCol) {
  int i, iArg = -1;
  for (i = 0; i < pInfo->nConstraint; i++) {
    const struct sqlite3_index_constraint *c = &pInfo->aConstraint[i];
    if (c->iColumn != iPathCol || c->op != SQLITE_INDEX_CONSTRAINT_EQ) continue;
    if (!c->usable) return SQLITE_CONSTRAINT; /* try a plan where it is */
    iArg = i;
  }
  if (iArg >= 0) {
    pInfo->aConstraintUsage[iArg].argvIndex = 1;
    pInfo->aConstraintUsage[iArg].omit = 1;
    pInfo->idxNum = 1;
    /* Reading a file: costly, and the same whatever else the query asks. */
    pInfo->estimatedCost = 1e6;
    pInfo->estimatedRows = 100000;
  } else {
    pInfo->idxNum = 0; /* xFilter reports the missing path */
    pInfo->estimatedCost = 1e12;
  }
  return SQLITE_OK;
}

/* The path argument of xFilter, or NULL after setting the error. */
static const char *imp_path_arg(sqlite3_vtab *pVtab, const char *zFn,
                                int idxNum, int argc, sqlite3_value **argv) {
  const char *z;
  if (idxNum == 0 || argc < 1) {
    imp_vtab_error(pVtab, "%s(): path is required, as in SELECT * FROM %s('data/accounts.csv')",
                   zFn, zFn);
    return 0;
  }
  if (sqlite3_value_type(argv[0]) != SQLITE_TEXT) {
    char *zVal = imp_describe(argv[0]);
    imp_vtab_error(pVtab, "%s(): path must be text, got %s", zFn, zVal ? zVal : "?");
    sqlite3_free(zVal);
    return 0;
  }
  z = (const char *)sqlite3_value_text(argv[0]);
  if (z == 0) return 0;
  if ((size_t)sqlite3_value_bytes(argv[0]) > IMP_MAX_PATH) {
    imp_vtab_error(pVtab, "%s(): path is longer than %d bytes", zFn, IMP_MAX_PATH);
    return 0;
  }
  return z;
}

/* ----------------------------------------------------------- revops_csv */

#define CSV_COL_LINE 0
#define CSV_COL_HEADER 1
#define CSV_COL_RECORD 2
#define CSV_COL_FIELDS 3
#define CSV_COL_RAW 4
#define CSV_COL_NFIELD 5
#define CSV_COL_ERROR 6
#define CSV_COL_MISSING 7
#define CSV_COL_C1 8 /* c1 .. c64: the columns named by the second argument */
#define CSV_NVALUE 64
#define CSV_COL_PATH (CSV_COL_C1 + CSV_NVALUE)
#define CSV_COL_COLUMNS (CSV_COL_PATH + 1)
static const char zCsvSchema[] =
    "CREATE TABLE x(line INT, header INT, record TEXT, fields TEXT, raw TEXT,"
    " nfield INT, error TEXT, missing TEXT,"
    " c1,c2,c3,c4,c5,c6,c7,c8,c9,c10,c11,c12,c13,c14,c15,c16,"
    " c17,c18,c19,c20,c21,c22,c23,c24,c25,c26,c27,c28,c29,c30,c31,c32,"
    " c33,c34,c35,c36,c37,c38,c39,c40,c41,c42,c43,c44,c45,c46,c47,c48,"
    " c49,c50,c51,c52,c53,c54,c55,c56,c57,c58,c59,c60,c61,c62,c63,c64,"
    " path HIDDEN, columns HIDDEN)";

typedef struct CsvCursor {
  sqlite3_vtab_cursor base; /* base class, must be first */
  ImpFile *pFile;
  ImpPing ping;             /* checks for sqlite3_interrupt() while reading */
  unsigned nRead;
  int interrupted;
  RevopsCsv *pCsv;
  int eof;
  sqlite3_int64 iRow;       /* 1 = the header */
  int nHead;                /* header fields */
  char **azKey;             /* normalised header names, JSON-quoted */
  char *zColumns;           /* the names asked for (second argument) */
  int nWant;                /* how many */
  int aWant[CSV_NVALUE];    /* header position of each, -1 = not in the file */
  char *zMissing;           /* ' a b ' for names not in the header, NULL if none */
  char *zHeadErr;           /* what is wrong with the header, or NULL */
  char *zRowErr;            /* this record's problem */
  RevopsBuf rec, fld;       /* record and fields JSON, built on demand */
  int hasRec, hasFld;
} CsvCursor;

static int csvConnect(sqlite3 *db, void *pAux, int argc, const char *const *argv,
                      sqlite3_vtab **ppVtab, char **pzErr) {
  (void)pAux;
  (void)argc;
  (void)argv;
  (void)pzErr;
  return imp_vtab_connect(db, zCsvSchema, ppVtab);
}

static int csvOpen(sqlite3_vtab *p, sqlite3_vtab_cursor **ppCursor) {
  CsvCursor *c = sqlite3_malloc(sizeof(*c));
  if (c == 0) return SQLITE_NOMEM;
  memset(c, 0, sizeof(*c));
  c->ping.db = ((ImpVtab *)p)->db;
  revops_buf_init(&c->rec);
  revops_buf_init(&c->fld);
  c->eof = 1;
  *ppCursor = &c->base;
  return SQLITE_OK;
}

static void csv_reset(CsvCursor *c) {
  int i;
  imp_file_close(c->pFile);
  c->pFile = 0;
  c->interrupted = 0;
  revops_csv_free(c->pCsv);
  c->pCsv = 0;
  for (i = 0; i < c->nHead; i++) sqlite3_free(c->azKey[i]);
  sqlite3_free(c->azKey);
  c->azKey = 0;
  c->nHead = 0;
  sqlite3_free(c->zHeadErr);
  c->zHeadErr = 0;
  sqlite3_free(c->zColumns);
  c->zColumns = 0;
  sqlite3_free(c->zMissing);
  c->zMissing = 0;
  c->nWant = 0;
  sqlite3_free(c->zRowErr);
  c->zRowErr = 0;
  revops_buf_reset(&c->rec);
  revops_buf_reset(&c->fld);
  c->eof = 1;
  c->iRow = 0;
}

static int csvClose(sqlite3_vtab_cursor *cur) {
  csv_reset((CsvCursor *)cur);
  imp_ping_free(&((CsvCursor *)cur)->ping);
  sqlite3_free(cur);
  return SQLITE_OK;
}

/* Every 16 reads (1 MiB), look whether the statement was interrupted: a
** record being skipped past its bound does not return to SQLite. */
static long long csv_read_file(void *pArg, char *zBuf, size_t n) {
  CsvCursor *c = (CsvCursor *)pArg;
  if ((++c->nRead & 15) == 0 && imp_ping(&c->ping)) {
    c->interrupted = 1;
    return -1;
  }
  return imp_file_read(c->pFile, zBuf, n);
}

/* Header names are matched without surrounding blanks and without regard
** to ASCII case (docs/data.md): ' Account_ID' finds account_id. */
static char *csv_header_key(const char *z, size_t n) {
  RevopsBuf b;
  size_t i;
  char *zKey, *zOut;
  while (n > 0 && (z[0] == ' ' || z[0] == '\t')) z++, n--;
  while (n > 0 && (z[n - 1] == ' ' || z[n - 1] == '\t')) n--;
  zKey = sqlite3_malloc64(n + 1);
  if (zKey == 0) return 0;
  for (i = 0; i < n; i++) {
    char ch = z[i];
    zKey[i] = (ch >= 'A' && ch <= 'Z') ? (char)(ch - 'A' + 'a') : ch;
  }
  zKey[n] = 0;
  revops_buf_init(&b);
  revops_buf_json_string(&b, zKey, n);
  sqlite3_free(zKey);
  zOut = revops_buf_finish(&b);
  return zOut;
}

/* Match the names of the second argument (split at blanks and commas,
** normalised like header names) to header positions; those the file does
** not have are listed in zMissing, so the caller can tell "column absent"
** from "value empty". */
static int csv_map_columns(sqlite3_vtab *pVtab, CsvCursor *c) {
  const char *z = c->zColumns;
  RevopsBuf miss;
  int i;
  if (z == 0) return SQLITE_OK;
  revops_buf_init(&miss);
  c->nWant = 0;
  while (*z) {
    size_t n = 0;
    char *zKey;
    while (*z == ' ' || *z == ',' || *z == '\t' || *z == '\n') z++;
    if (*z == 0) break;
    while (z[n] && z[n] != ' ' && z[n] != ',' && z[n] != '\t' && z[n] != '\n') n++;
    if (c->nWant == CSV_NVALUE) {
      imp_vtab_error(pVtab, "revops_csv(): columns may name at most %d columns", CSV_NVALUE);
      revops_buf_reset(&miss);
      return SQLITE_ERROR;
    }
    zKey = csv_header_key(z, n);
    if (zKey == 0) {
      revops_buf_reset(&miss);
      return SQLITE_NOMEM;
    }
    c->aWant[c->nWant] = -1;
    for (i = 0; i < c->nHead; i++) {
      if (strcmp(c->azKey[i], zKey) == 0) {
        c->aWant[c->nWant] = i;
        break;
      }
    }
    if (c->aWant[c->nWant] < 0) {
      /* the JSON quotes of zKey are dropped: names hold no quotes here */
      if (miss.n == 0) revops_buf_append(&miss, " ", 1);
      revops_buf_append(&miss, zKey + 1, strlen(zKey) - 2);
      revops_buf_append(&miss, " ", 1);
    }
    revops_free(zKey);
    c->nWant++;
    z += n;
  }
  if (miss.oom) {
    revops_buf_reset(&miss);
    return SQLITE_NOMEM;
  }
  if (miss.n) {
    c->zMissing = sqlite3_mprintf("%s", miss.z);
    revops_buf_reset(&miss);
    if (c->zMissing == 0) return SQLITE_NOMEM;
  }
  return SQLITE_OK;
}

/* Read the header record: keep its names, and say what is wrong with it
** (an unnamed or repeated column makes every row of the file ambiguous,
** so every row is rejected with that reason). */
static int csv_take_header(sqlite3_vtab *pVtab, CsvCursor *c) {
  int i, j, n = revops_csv_nfield(c->pCsv);
  c->azKey = sqlite3_malloc64(sizeof(char *) * (sqlite3_uint64)(n > 0 ? n : 1));
  if (c->azKey == 0) return SQLITE_NOMEM;
  for (i = 0; i < n; i++) {
    size_t nz;
    const char *z = revops_csv_field(c->pCsv, i, &nz);
    c->azKey[i] = csv_header_key(z, nz);
    if (c->azKey[i] == 0) {
      c->nHead = i;
      return SQLITE_NOMEM;
    }
  }
  c->nHead = n;
  if (revops_csv_error(c->pCsv)) {
    c->zHeadErr = sqlite3_mprintf("the header is malformed: %s", revops_csv_error(c->pCsv));
  } else {
    for (i = 0; i < n && c->zHeadErr == 0; i++) {
      if (strcmp(c->azKey[i], "\"\"") == 0) {
        c->zHeadErr = sqlite3_mprintf("header column %d has no name", i + 1);
      }
      for (j = 0; j < i && c->zHeadErr == 0; j++) {
        if (strcmp(c->azKey[i], c->azKey[j]) == 0) {
          c->zHeadErr = sqlite3_mprintf("header column %s appears twice (columns %d and %d)",
                                        c->azKey[i], j + 1, i + 1);
        }
      }
    }
  }
  return csv_map_columns(pVtab, c);
}

/* Advance to the next record and work out its problem, if any. */
static int csv_step(sqlite3_vtab *pVtab, CsvCursor *c) {
  int rc = revops_csv_next(c->pCsv);
  sqlite3_free(c->zRowErr);
  c->zRowErr = 0;
  c->hasRec = c->hasFld = 0;
  if (rc == 0) {
    c->eof = 1;
    return SQLITE_OK;
  }
  if (rc < 0) {
    const char *zWhy = revops_csv_fatal(c->pCsv);
    if (revops_csv_nomem(c->pCsv)) return SQLITE_NOMEM;
    if (c->interrupted) return SQLITE_INTERRUPT;
    imp_vtab_error(pVtab, "revops_csv(): %s after line %lld", zWhy ? zWhy : "read error",
                   (long long)revops_csv_line(c->pCsv));
    return SQLITE_ERROR;
  }
  c->iRow++;
  if (c->iRow == 1) {
    rc = csv_take_header(pVtab, c);
    if (rc != SQLITE_OK) return rc;
    if (c->zHeadErr) {
      c->zRowErr = sqlite3_mprintf("%s", c->zHeadErr);
      if (c->zRowErr == 0) return SQLITE_NOMEM;
    }
    return SQLITE_OK;
  }
  if (revops_csv_error(c->pCsv)) {
    c->zRowErr = sqlite3_mprintf("malformed CSV: %s", revops_csv_error(c->pCsv));
  } else if (c->zHeadErr) {
    c->zRowErr = sqlite3_mprintf("%s", c->zHeadErr);
  } else if (revops_csv_nfield(c->pCsv) != c->nHead) {
    c->zRowErr = sqlite3_mprintf("has %d fields, the header has %d",
                                 revops_csv_nfield(c->pCsv), c->nHead);
  } else {
    return SQLITE_OK;
  }
  return c->zRowErr ? SQLITE_OK : SQLITE_NOMEM;
}

static int csvFilter(sqlite3_vtab_cursor *cur, int idxNum, const char *idxStr,
                     int argc, sqlite3_value **argv) {
  CsvCursor *c = (CsvCursor *)cur;
  sqlite3_vtab *pVtab = cur->pVtab;
  const char *zPath;
  (void)idxStr;
  csv_reset(c);
  zPath = imp_path_arg(pVtab, "revops_csv", idxNum & 1, argc, argv);
  if (zPath == 0) return pVtab->zErrMsg ? SQLITE_ERROR : SQLITE_NOMEM;
  if (idxNum & 2) {
    sqlite3_value *v = argv[1];
    if (sqlite3_value_type(v) != SQLITE_TEXT) {
      char *zVal = imp_describe(v);
      imp_vtab_error(pVtab, "revops_csv(): columns must be text naming columns, such as 'account_id name', got %s",
                     zVal ? zVal : "?");
      sqlite3_free(zVal);
      return SQLITE_ERROR;
    }
    c->zColumns = sqlite3_mprintf("%s", (const char *)sqlite3_value_text(v));
    if (c->zColumns == 0) return SQLITE_NOMEM;
  }
  {
    char zErr[IMP_MAX_PATH + 200];
    zErr[0] = 0;
    c->pFile = imp_file_open(zPath, zErr, sizeof(zErr));
    if (c->pFile == 0) {
      if (zErr[0] == 0) return SQLITE_NOMEM;
      imp_vtab_error(pVtab, "revops_csv(): %s", zErr);
      return SQLITE_ERROR;
    }
  }
  c->pCsv = revops_csv_new(csv_read_file, c);
  if (c->pCsv == 0) return SQLITE_NOMEM;
  c->eof = 0;
  return csv_step(pVtab, c);
}

static int csvNext(sqlite3_vtab_cursor *cur) {
  return csv_step(cur->pVtab, (CsvCursor *)cur);
}

static int csvEof(sqlite3_vtab_cursor *cur) { return ((CsvCursor *)cur)->eof; }

/* The record as a JSON object keyed by header name; empty fields are null
** (CSV cannot tell an empty string from a missing value). */
static void csv_build_record(CsvCursor *c) {
  int i, n = revops_csv_nfield(c->pCsv);
  RevopsBuf *b = &c->rec;
  b->n = 0;
  revops_buf_append(b, "{", 1);
  for (i = 0; i < n && i < c->nHead; i++) {
    size_t nz;
    const char *z = revops_csv_field(c->pCsv, i, &nz);
    if (i) revops_buf_append(b, ",", 1);
    revops_buf_str(b, c->azKey[i]);
    revops_buf_append(b, ":", 1);
    if (nz == 0) revops_buf_append(b, "null", 4);
    else revops_buf_json_string(b, z, nz);
  }
  revops_buf_append(b, "}", 1);
  c->hasRec = 1;
}

static void csv_build_fields(CsvCursor *c) {
  int i, n = revops_csv_nfield(c->pCsv);
  RevopsBuf *b = &c->fld;
  b->n = 0;
  revops_buf_append(b, "[", 1);
  for (i = 0; i < n; i++) {
    size_t nz;
    const char *z = revops_csv_field(c->pCsv, i, &nz);
    if (i) revops_buf_append(b, ",", 1);
    revops_buf_json_string(b, z, nz);
  }
  revops_buf_append(b, "]", 1);
  c->hasFld = 1;
}

static int csvColumn(sqlite3_vtab_cursor *cur, sqlite3_context *ctx, int i) {
  CsvCursor *c = (CsvCursor *)cur;
  switch (i) {
    case CSV_COL_LINE:
      sqlite3_result_int64(ctx, revops_csv_line(c->pCsv));
      break;
    case CSV_COL_HEADER:
      sqlite3_result_int(ctx, c->iRow == 1);
      break;
    case CSV_COL_RECORD:
      /* A record needs a usable header; malformed records have none. */
      if (c->iRow == 1 || c->zHeadErr || revops_csv_error(c->pCsv)) break;
      if (!c->hasRec) csv_build_record(c);
      if (c->rec.oom) return SQLITE_NOMEM;
      sqlite3_result_text(ctx, c->rec.z, (int)c->rec.n, SQLITE_TRANSIENT);
      break;
    case CSV_COL_FIELDS:
      if (!c->hasFld) csv_build_fields(c);
      if (c->fld.oom) return SQLITE_NOMEM;
      sqlite3_result_text(ctx, c->fld.z, (int)c->fld.n, SQLITE_TRANSIENT);
      break;
    case CSV_COL_RAW: {
      size_t n;
      const char *z = revops_csv_raw(c->pCsv, &n);
      /* Raw bytes as they were; the bytes of invalid UTF-8 (and NUL) as
      ** \xNN, so that a TEXT column holds every record. */
      if (revops_csv_utf8_valid(z, n) && memchr(z, 0, n) == 0) {
        sqlite3_result_text(ctx, z, (int)n, SQLITE_TRANSIENT);
      } else {
        size_t nOut;
        char *zOut = imp_raw_text(z, n, &nOut);
        if (zOut == 0) return SQLITE_NOMEM;
        sqlite3_result_text(ctx, zOut, (int)nOut, sqlite3_free);
      }
      break;
    }
    case CSV_COL_NFIELD:
      sqlite3_result_int(ctx, revops_csv_nfield(c->pCsv));
      break;
    case CSV_COL_ERROR:
      if (c->zRowErr) sqlite3_result_text(ctx, c->zRowErr, -1, SQLITE_TRANSIENT);
      break;
    case CSV_COL_MISSING:
      if (c->zMissing) sqlite3_result_text(ctx, c->zMissing, -1, SQLITE_STATIC);
      break;
    default:
      /* c1..c64: the k-th named column; empty fields are NULL, as in
      ** record.  Nothing for the header or a malformed record. */
      if (i >= CSV_COL_C1 && i < CSV_COL_C1 + c->nWant && c->iRow > 1 && !c->zHeadErr &&
          !revops_csv_error(c->pCsv)) {
        int k = c->aWant[i - CSV_COL_C1];
        size_t n;
        const char *z;
        if (k < 0 || k >= revops_csv_nfield(c->pCsv)) break;
        z = revops_csv_field(c->pCsv, k, &n);
        if (n) sqlite3_result_text(ctx, z, (int)n, SQLITE_TRANSIENT);
      }
      break;
  }
  return SQLITE_OK;
}

static int csvRowid(sqlite3_vtab_cursor *cur, sqlite_int64 *pRowid) {
  *pRowid = ((CsvCursor *)cur)->iRow;
  return SQLITE_OK;
}

/* idxNum bit 1: the path is given (argv[0]); bit 2: the column names too
** (argv[1]). */
static int csvBestIndex(sqlite3_vtab *tab, sqlite3_index_info *pInfo) {
  int i, rc;
  (void)tab;
  rc = imp_best_index(pInfo, CSV_COL_PATH);
  if (rc != SQLITE_OK || pInfo->idxNum == 0) return rc;
  for (i = 0; i < pInfo->nConstraint; i++) {
    const struct sqlite3_index_constraint *k = &pInfo->aConstraint[i];
    if (k->iColumn != CSV_COL_COLUMNS || k->op != SQLITE_INDEX_CONSTRAINT_EQ) continue;
    if (!k->usable) return SQLITE_CONSTRAINT;
    pInfo->aConstraintUsage[i].argvIndex = 2;
    pInfo->aConstraintUsage[i].omit = 1;
    pInfo->idxNum |= 2;
  }
  return SQLITE_OK;
}

static sqlite3_module csvModule = {
    .iVersion = 0,
    .xCreate = 0, /* eponymous only */
    .xConnect = csvConnect,
    .xBestIndex = csvBestIndex,
    .xDisconnect = imp_vtab_disconnect,
    .xOpen = csvOpen,
    .xClose = csvClose,
    .xFilter = csvFilter,
    .xNext = csvNext,
    .xEof = csvEof,
    .xColumn = csvColumn,
    .xRowid = csvRowid,
};

/* ----------------------------------------------------------- revops_dir */

#define DIR_COL_NAME 0
#define DIR_COL_PATH 1
#define DIR_COL_SIZE 2
#define DIR_COL_IS_DIR 3
#define DIR_COL_DIR 4
static const char zDirSchema[] =
    "CREATE TABLE x(name TEXT, path TEXT, size INT, is_dir INT, dir HIDDEN)";

typedef struct DirCursor {
  sqlite3_vtab_cursor base; /* base class, must be first */
  ImpDirEntry *aEntry;      /* the directory's entries, sorted by name */
  int nEntry;
  int iEntry;               /* current entry */
  char *zDir;               /* the directory, without a trailing '/' */
  char *zPath;              /* path of the current entry */
} DirCursor;

static int dirConnect(sqlite3 *db, void *pAux, int argc, const char *const *argv,
                      sqlite3_vtab **ppVtab, char **pzErr) {
  (void)pAux;
  (void)argc;
  (void)argv;
  (void)pzErr;
  return imp_vtab_connect(db, zDirSchema, ppVtab);
}

static int dirOpen(sqlite3_vtab *p, sqlite3_vtab_cursor **ppCursor) {
  DirCursor *c = sqlite3_malloc(sizeof(*c));
  (void)p;
  if (c == 0) return SQLITE_NOMEM;
  memset(c, 0, sizeof(*c));
  *ppCursor = &c->base;
  return SQLITE_OK;
}

static void dir_reset(DirCursor *c) {
  imp_dir_free(c->aEntry, c->nEntry);
  c->aEntry = 0;
  c->nEntry = c->iEntry = 0;
  sqlite3_free(c->zDir);
  sqlite3_free(c->zPath);
  c->zDir = c->zPath = 0;
}

static int dirClose(sqlite3_vtab_cursor *cur) {
  dir_reset((DirCursor *)cur);
  sqlite3_free(cur);
  return SQLITE_OK;
}

static int dir_path(DirCursor *c) {
  sqlite3_free(c->zPath);
  c->zPath = 0;
  if (c->iEntry >= c->nEntry) return SQLITE_OK;
  c->zPath = sqlite3_mprintf("%s/%s", c->zDir, c->aEntry[c->iEntry].zName);
  return c->zPath ? SQLITE_OK : SQLITE_NOMEM;
}

static int dirFilter(sqlite3_vtab_cursor *cur, int idxNum, const char *idxStr,
                     int argc, sqlite3_value **argv) {
  DirCursor *c = (DirCursor *)cur;
  sqlite3_vtab *pVtab = cur->pVtab;
  const char *zDir;
  char zErr[IMP_MAX_PATH + 200];
  size_t n;
  (void)idxStr;
  dir_reset(c);
  zDir = imp_path_arg(pVtab, "revops_dir", idxNum, argc, argv);
  if (zDir == 0) return pVtab->zErrMsg ? SQLITE_ERROR : SQLITE_NOMEM;
  n = strlen(zDir);
  while (n > 1 && (zDir[n - 1] == '/' || zDir[n - 1] == '\\')) n--;
  c->zDir = sqlite3_mprintf("%.*s", (int)n, zDir);
  if (c->zDir == 0) return SQLITE_NOMEM;
  zErr[0] = 0;
  if (imp_dir_list(c->zDir, &c->aEntry, &c->nEntry, zErr, sizeof(zErr)) != 0) {
    imp_vtab_error(pVtab, "revops_dir(): %s", zErr);
    (void)zDir;
    return SQLITE_ERROR;
  }
  return dir_path(c);
}

static int dirNext(sqlite3_vtab_cursor *cur) {
  DirCursor *c = (DirCursor *)cur;
  c->iEntry++;
  return dir_path(c);
}

static int dirEof(sqlite3_vtab_cursor *cur) {
  DirCursor *c = (DirCursor *)cur;
  return c->iEntry >= c->nEntry;
}

static int dirColumn(sqlite3_vtab_cursor *cur, sqlite3_context *ctx, int i) {
  DirCursor *c = (DirCursor *)cur;
  const ImpDirEntry *e = &c->aEntry[c->iEntry];
  switch (i) {
    case DIR_COL_NAME:
      sqlite3_result_text(ctx, e->zName, -1, SQLITE_TRANSIENT);
      break;
    case DIR_COL_PATH:
      sqlite3_result_text(ctx, c->zPath, -1, SQLITE_TRANSIENT);
      break;
    case DIR_COL_SIZE:
      if (e->size >= 0) sqlite3_result_int64(ctx, e->size);
      break;
    case DIR_COL_IS_DIR:
      sqlite3_result_int(ctx, e->isDir);
      break;
    default:
      break;
  }
  return SQLITE_OK;
}

static int dirRowid(sqlite3_vtab_cursor *cur, sqlite_int64 *pRowid) {
  *pRowid = ((DirCursor *)cur)->iEntry + 1;
  return SQLITE_OK;
}

static int dirBestIndex(sqlite3_vtab *tab, sqlite3_index_info *pInfo) {
  (void)tab;
  return imp_best_index(pInfo, DIR_COL_DIR);
}

static sqlite3_module dirModule = {
    .iVersion = 0,
    .xCreate = 0, /* eponymous only */
    .xConnect = dirConnect,
    .xBestIndex = dirBestIndex,
    .xDisconnect = imp_vtab_disconnect,
    .xOpen = dirOpen,
    .xClose = dirClose,
    .xFilter = dirFilter,
    .xNext = dirNext,
    .xEof = dirEof,
    .xColumn = dirColumn,
    .xRowid = dirRowid,
};

/* ---------------------------------------------------------- registration */

int imp_register_readers(sqlite3 *db) {
  int rc = sqlite3_create_module(db, "revops_csv", &csvModule, 0);
  if (rc == SQLITE_OK) rc = sqlite3_create_module(db, "revops_dir", &dirModule, 0);
  return rc;
}
