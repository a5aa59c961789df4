/*
** import.c — revops_import(): the CSV import's loader, in C; the run, and
** each table's load through the stages (loader.h lists them).
**
**   SELECT revops_import();      -- inside BEGIN IMMEDIATE ... COMMIT
**
** sql/import/import.sql matches the directory's files to tables (by a
** mapping, by the header a preset's match = names, or by name) in
** temp.imp_files, and puts each file's mapping settings (a user's, or the
** shipped preset's it matched) in temp.imp_mapping; this function then
** loads every table in foreign-key order, parents first.  Each file is read
** (read.c) and mapped (resolve.c: docs/data.md "Mappings", a closed set of
** steps per column); each row is typed and checked (check.c), its parents
** found or made (parents.c), and goes straight into its table or into
** import_rejects with every problem it has (row.c puts these in order,
** write.c writes; docs/data.md "The import"); each table ends with its
** summary rows (summary.c):
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
**
** Owns: the registration and the transaction it needs, the page cache
** during the run, the run's files and the statements every table shares,
** the tables in load order, and for each its state (ImpLoad), its passes
** (the files that give it rows, those whose mapping derives them, the
** FILE -> TABLE sections that feed it, then the rows that waited) and,
** for a fresh table, its secondary indexes, built after its rows.
** Must not: read a record, convert a value, word a problem or write a row
** itself; no stage file calls back into it.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "loader.h"

/* The busy timeout given to a connection that has none. */
#define IMP_BUSY_TIMEOUT_MS 10000
/* Page cache during the import, KiB: a load dirties every page it writes,
** and SQLite's default (2 MiB) spills them to disk mid-transaction, which
** costs a third more CPU (docs/performance.md).  Restored afterwards. */
#define IMP_CACHE_KIB 16384

/* --------------------------------------------------------------- tables */

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
  if (L->apLookup) {
    for (i = 0; i < L->t->nCol; i++) sqlite3_finalize(L->apLookup[i]);
  }
  sqlite3_free(L->apLookup);
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
  imp_agg_free(L);
}

/* One table's state: the arrays every stage uses, then its statements
** (write.c). */
static int imp_load_prepare(ImpLoad *L) {
  Imp *p = L->p;
  ImpTable *t = L->t;
  int i;
  L->apFk = sqlite3_malloc64(sizeof(sqlite3_stmt *) * (sqlite3_uint64)t->nCol);
  L->aFkSet = sqlite3_malloc64(sizeof(ImpKeySet) * (sqlite3_uint64)t->nCol);
  L->apCreate = sqlite3_malloc64(sizeof(sqlite3_stmt *) * (sqlite3_uint64)t->nCol);
  if (L->apCreate) memset(L->apCreate, 0, sizeof(sqlite3_stmt *) * (size_t)t->nCol);
  L->apLookup = sqlite3_malloc64(sizeof(sqlite3_stmt *) * (sqlite3_uint64)t->nCol);
  if (L->apLookup) memset(L->apLookup, 0, sizeof(sqlite3_stmt *) * (size_t)t->nCol);
  L->aVal = sqlite3_malloc64(sizeof(ImpVal) * (sqlite3_uint64)t->nCol);
  L->aBad = sqlite3_malloc64((sqlite3_uint64)t->nCol);
  L->aSyn = sqlite3_malloc64((sqlite3_uint64)t->nCol);
  L->aCreateNow = sqlite3_malloc64((sqlite3_uint64)t->nCol);
  L->aCount = sqlite3_malloc64(sizeof(ImpCount) * (sqlite3_uint64)(p->nFile * 2 + 2));
  if (!L->apFk || !L->apCreate || !L->apLookup || !L->aFkSet || !L->aVal || !L->aBad || !L->aSyn || !L->aCreateNow || !L->aCount) return SQLITE_NOMEM;
  for (i = 0; i < t->nCol; i++) L->aSyn[i] = (unsigned char)imp_has_synonyms(t->zName, t->aCol[i].zName);
  memset(L->apFk, 0, sizeof(sqlite3_stmt *) * (size_t)t->nCol);
  memset(L->aFkSet, 0, sizeof(ImpKeySet) * (size_t)t->nCol);
  memset(L->aVal, 0, sizeof(ImpVal) * (size_t)t->nCol);
  memset(L->aCount, 0, sizeof(ImpCount) * (size_t)(p->nFile * 2 + 2));
  revops_buf_init(&L->why);
  return imp_write_prepare(L);
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

/* ------------------------------------------- indexes built after the rows */

/* A fresh table's secondary indexes are dropped before its rows are
** written and built again after them, from the CREATE INDEX text the
** schema holds: SQLite then builds each one from its rows in key order
** (one sort, bounded memory: the sorter spills to temp files) instead of
** inserting every row into every index in random key order, which from
** SCALE=5 up evicts and re-reads index pages on every insert
** (docs/performance.md).  Only indexes that decide nothing are moved: the
** primary key and any UNIQUE index stay, since they find the duplicates
** that become rejects.  All inside the caller's transaction, so a failed
** import still leaves nothing.  When SQLite refuses the DROP (it does
** while another statement reads the database, e.g. INSERT ... SELECT
** revops_import()), the table loads with its indexes in place: slower,
** the same result. */
#define IMP_MAX_LATER 64 /* indexes of one table moved after its rows */

typedef struct ImpLater {
  int n;
  char *azSql[IMP_MAX_LATER];
} ImpLater;

static int imp_indexes_later(Imp *p, const ImpTable *t, ImpLater *x) {
  sqlite3_stmt *s = 0;
  char *azName[IMP_MAX_LATER];
  int n = 0, i, rc;
  memset(x, 0, sizeof(*x));
  rc = imp_prepare(p, &s,
                   "SELECT name, sql FROM main.sqlite_schema WHERE type = 'index' AND tbl_name = %Q"
                   " AND sql IS NOT NULL AND upper(substr(ltrim(sql), 1, 13)) <> 'CREATE UNIQUE'"
                   " AND NOT EXISTS (SELECT 1 FROM main.\"%w\") ORDER BY rowid",
                   t->zName, t->zName);
  if (rc != SQLITE_OK) return rc;
  while (n < IMP_MAX_LATER && (rc = sqlite3_step(s)) == SQLITE_ROW) {
    azName[n] = sqlite3_mprintf("DROP INDEX main.\"%w\"", (const char *)sqlite3_column_text(s, 0));
    x->azSql[n] = sqlite3_mprintf("%s", (const char *)sqlite3_column_text(s, 1));
    if (azName[n] == 0 || x->azSql[n] == 0) {
      sqlite3_free(azName[n]);
      sqlite3_free(x->azSql[n]);
      rc = SQLITE_NOMEM;
      break;
    }
    n++;
  }
  sqlite3_finalize(s);
  if (rc == SQLITE_ROW || rc == SQLITE_DONE) rc = SQLITE_OK;
  for (i = 0; i < n; i++) {
    /* A refused DROP is no error: that index and the rest stay. */
    if (rc == SQLITE_OK && sqlite3_exec(p->db, azName[i], 0, 0, 0) == SQLITE_OK) {
      x->n++;
    } else {
      sqlite3_free(x->azSql[i]);
      x->azSql[i] = 0;
      if (rc == SQLITE_OK) rc = SQLITE_DONE;
    }
    sqlite3_free(azName[i]);
  }
  return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* Build the indexes imp_indexes_later dropped, whatever the load's result
** (a caller who commits after a failed import keeps its indexes). */
static int imp_indexes_build(Imp *p, ImpLater *x, int rc) {
  int i;
  for (i = 0; i < x->n; i++) {
    if (rc != SQLITE_NOMEM && rc != SQLITE_INTERRUPT) {
      int rc2 = sqlite3_exec(p->db, x->azSql[i], 0, 0, 0);
      if (rc2 != SQLITE_OK && rc == SQLITE_OK) rc = imp_sql_error(p, rc2);
    }
    sqlite3_free(x->azSql[i]);
  }
  x->n = 0;
  return rc;
}

static int imp_load_table(Imp *p, int iTable) {
  ImpLoad L;
  ImpLater later;
  int rc, i, k;
  memset(&L, 0, sizeof(L));
  L.p = p;
  L.t = &p->schema.aTable[iTable];
  L.iTable = iTable;
  rc = imp_indexes_later(p, L.t, &later);
  if (rc == SQLITE_OK) rc = imp_load_prepare(&L);
  L.aSeen = sqlite3_malloc64(sizeof(ImpKeySet) * (sqlite3_uint64)(p->nFile + 1));
  if (L.aSeen == 0) rc = SQLITE_NOMEM;
  else memset(L.aSeen, 0, sizeof(ImpKeySet) * (size_t)(p->nFile + 1));
  for (i = 0; i < p->nFile && rc == SQLITE_OK; i++) {
    ImpFileInfo *f = &p->aFile[i];
    ImpPass pass;
    if (f->zTable == 0 || f->zSection || f->updateOnly || strcmp(f->zTable, L.t->zName) != 0) continue;
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
  /* FILE -> TABLE sections (other files feeding this table) and
  ** update_only files, once its own files and derived parents are in
  ** (the rows they update are there). */
  for (i = 0; i < p->nFile && rc == SQLITE_OK; i++) {
    ImpFileInfo *f = &p->aFile[i];
    ImpPass pass;
    if (f->zTable == 0 || (f->zSection == 0 && !f->updateOnly) || strcmp(f->zTable, L.t->zName) != 0) continue;
    memset(&pass, 0, sizeof(pass));
    rc = imp_load_csv(&L, i, &pass);
  }
  /* Rows that wait for a parent of their own table, now that every file
  ** and derived parent is in. */
  if (rc == SQLITE_OK) rc = imp_resolve_deferred(&L);
  /* aggregate = sum: each group of rows that share a key, as one row */
  if (rc == SQLITE_OK) rc = imp_agg_flush(&L);
  if (rc == SQLITE_OK) rc = imp_summarise(&L);
  for (i = 0; L.aSeen && i < p->nFile; i++) imp_set_free(&L.aSeen[i]);
  sqlite3_free(L.aSeen);
  imp_load_free(&L);
  return imp_indexes_build(p, &later, rc);
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
    sqlite3_free(p->aFile[i].zSection);
  }
  sqlite3_free(p->aFile);
  sqlite3_finalize(p->pReject);
  sqlite3_finalize(p->pRejKeyIns);
  sqlite3_finalize(p->pRejKeySel);
  sqlite3_finalize(p->pSummary);
  imp_ping_free(&p->ping);
  imp_schema_free(&p->schema);
}

static int imp_read_files(Imp *p) {
  sqlite3_stmt *s = 0;
  int rc = imp_prepare(p, &s, "SELECT file, path, tbl, preset, note, section FROM temp.imp_files"
                              " ORDER BY file, section IS NOT NULL, section");
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
    f->zSection = imp_dup_col(s, 5);
    if (f->zFile == 0 || f->zPath == 0 || (f->zSection == 0 && sqlite3_column_type(s, 5) != SQLITE_NULL)) {
      rc = SQLITE_NOMEM;
      break;
    }
  }
  sqlite3_finalize(s);
  if (rc == SQLITE_DONE) rc = SQLITE_OK;
  else if (rc != SQLITE_NOMEM) rc = imp_sql_error(p, rc);
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

int imp_register_loader(sqlite3 *db) {
  return sqlite3_create_function_v2(db, "revops_import", 0, SQLITE_UTF8 | SQLITE_DIRECTONLY, 0, impFunc,
                                    0, 0, 0);
}
