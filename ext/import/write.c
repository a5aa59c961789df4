/*
** write.c — writing and rejects: a checked row into its table, or a row
** with problems into import_rejects, for the loader (loader.h).
**
** A table empty before the import takes plain INSERTs and its primary key
** finds duplicates; a table with rows is upserted: a known key with other
** values is updated, with the same values left alone.  A duplicate key
** names the line and file it was first seen on (rows inserted in this run
** kept as runs of rowids and lines, rows updated in temp.imp_touched).  A
** constraint SQLite reports at the write becomes the row's reason.
**
** Owns: the statements of one table's load (its parents' lookups
** included), the insert, update and leave-alone decisions (update_only:
** update, never insert; a derived parent whose key is there: nothing),
** duplicate
** keys, constraint failures in words, import_rejects and the keys of
** rejected rows (temp.imp_rejected), the per-file counts of rows written.
** Must not: decide whether a row is valid (check.c and parents.c have,
** before row.c hands it here), read a file, or write import_summary
** (summary.c).
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "loader.h"

/* ------------------------------------------------------------ rejects */

/* Write a reject.  The key of a rejected row is remembered, so that a
** child row pointing at it can say so. */
int imp_reject(ImpLoad *L, const ImpRow *r, const char *zReason) {
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
** be after b 'y'" (imp_rule_words, check.c); anything else is quoted as
** the rule. */
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

/* A derived parent row whose key is there already (a file gave it, or an
** earlier import): it changes nothing, and so is not checked either (a
** stage the export names with no probability, known to revops).  1 when
** the key is there: counted as imp_write counts it. */
int imp_write_known(ImpLoad *L, const ImpRow *r, int *pRc) {
  ImpCount *cnt = &L->aCount[r->iFile * 2 + r->derived];
  sqlite3_int64 rid;
  int iFile;
  sqlite3_int64 line;
  int k, rc;
  for (k = 0; k < L->t->nPk; k++) {
    if (L->aBad[L->t->aPk[k]] || L->aVal[L->t->aPk[k]].type == SQLITE_NULL) return 0;
  }
  rc = imp_select(L);
  if (rc != SQLITE_ROW) {
    sqlite3_reset(L->pSel);
    *pRc = rc == SQLITE_DONE ? SQLITE_OK : rc;
    return 0;
  }
  rid = sqlite3_column_int64(L->pSel, 0);
  sqlite3_reset(L->pSel);
  if (imp_first_seen(L, rid, &iFile, &line)) {
    *pRc = imp_derived_again(L, r, rid);
    return 1;
  }
  cnt->nSame++;
  *pRc = imp_touch(L, rid, r);
  return 1;
}

/* The known row rid (pSel positioned on it) takes the row's values: a
** column the file does not give keeps its value, and so does one the row
** leaves empty when bKeepEmpty (update_only); updated, or left alone when
** nothing changes. */
static int imp_update(ImpLoad *L, const ImpRow *r, sqlite3_int64 rid, int bKeepEmpty) {
  ImpCount *cnt = &L->aCount[r->iFile * 2 + r->derived];
  int same = 1, n = 0, i, rc;
  for (i = 0; i < L->t->nCol; i++) {
    ImpVal v;
    if (L->t->aCol[i].pk) continue;
    if (r->az[i] == 0 || (bKeepEmpty && L->aVal[i].type == SQLITE_NULL)) {
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

/* update_only = yes: the row updates the row of its key, which must be
** there (loaded before: another file, another import); a key this file
** named before is a duplicate. */
static int imp_write_update_only(ImpLoad *L, const ImpRow *r) {
  sqlite3_int64 rid;
  int rc = imp_select(L), k;
  if (rc == SQLITE_DONE) {
    RevopsBuf *b = &L->why;
    sqlite3_reset(L->pSel);
    b->n = 0;
    for (k = 0; k < L->t->nPk; k++) {
      if (k) revops_buf_lit(b, ", ");
      revops_buf_str(b, L->t->aCol[L->t->aPk[k]].zName);
    }
    revops_buf_lit(b, ": no ");
    revops_buf_str(b, L->t->zName);
    revops_buf_lit(b, " row ");
    for (k = 0; k < L->t->nPk; k++) {
      int iCol = L->t->aPk[k];
      if (k) revops_buf_lit(b, ", ");
      if (r->az[iCol]) imp_show(b, r->az[iCol], r->an[iCol]);
    }
    revops_buf_lit(b, " to update (update_only = yes: the row must be loaded first, by another file or import)");
    if (b->oom) return SQLITE_NOMEM;
    return imp_reject(L, r, b->z);
  }
  if (rc != SQLITE_ROW) return rc;
  rid = sqlite3_column_int64(L->pSel, 0);
  sqlite3_bind_int64(L->pTouchSel, 1, rid);
  if (sqlite3_step(L->pTouchSel) == SQLITE_ROW && sqlite3_column_int(L->pTouchSel, 0) == r->iFile) {
    sqlite3_int64 line = sqlite3_column_int64(L->pTouchSel, 1);
    sqlite3_reset(L->pTouchSel);
    sqlite3_reset(L->pSel);
    return imp_duplicate(L, r, r->iFile, line);
  }
  sqlite3_reset(L->pTouchSel);
  return imp_update(L, r, rid, 1);
}

/* The row is valid: insert, update, leave alone, or find it a duplicate. */
int imp_write(ImpLoad *L, const ImpRow *r) {
  int rc, conflict = 0, iFile;
  sqlite3_int64 rid, line;
  ImpCount *cnt = &L->aCount[r->iFile * 2 + r->derived];
  if (L->p->aFile[r->iFile].updateOnly && !r->derived) return imp_write_update_only(L, r);
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
  return imp_update(L, r, rid, 0);
}

/* ----------------------------------------------------------- statements */

/* The statements of one table's load: insert, look up by key, update,
** its parents' lookups; whether the table is fresh (empty before the
** import) and the rowids it had; the touched rows of an upsert. */
int imp_write_prepare(ImpLoad *L) {
  Imp *p = L->p;
  ImpTable *t = L->t;
  RevopsBuf cols, qs, sets, key;
  int i, rc;
  sqlite3_stmt *s = 0;
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
  /* rows updated in this run (a fresh table's too: update_only feeds
  ** update the rows its files inserted) */
  if (rc == SQLITE_OK) {
    rc = imp_exec(p, "DELETE FROM temp.imp_touched");
    if (rc == SQLITE_OK) {
      rc = imp_prepare(p, &L->pTouchIns,
                       "INSERT OR REPLACE INTO temp.imp_touched (rid, file_no, line) VALUES (?, ?, ?)");
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
