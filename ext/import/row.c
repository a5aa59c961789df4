/*
** row.c — one row through the stages, in order: typed and checked
** (check.c), its parents found, made or waited for (parents.c), then
** written or rejected with every problem it has (write.c).
**
** A row whose parent is a row of the same table (reps.manager_id naming a
** manager further down, or one a mapping derives) waits, as a copy, until
** every file of the table is read; the rows waiting are tried again while
** any of them loads, and what is left gets its parent from create_parents
** or is rejected with its unknown parent.
**
** Owns: imp_row (the one path every row takes), copies of rows kept past
** their record, the rows that wait for a parent later in the file.
** Must not: read a file (read.c hands it rows), or do a stage's work
** itself: it only decides which stage comes next.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "loader.h"

/* Rows waiting for a parent later in the same file (self references such
** as reps.manager_id): kept in memory, at most this many per table. */
#define IMP_MAX_DEFERRED 100000

/* One row, start to end.  bRetry: a deferred row's second try (its self
** reference is reported if still unknown). */
/* A FILE -> TABLE section's row that leaves a required column of its
** table empty (a deal with no product, no lead) is no row of that table:
** skipped and counted.  An update_only feed needs only the key. */
static int imp_feed_empty(ImpLoad *L, const ImpRow *r) {
  const ImpFileInfo *f = &L->p->aFile[r->iFile];
  int i;
  for (i = 0; i < L->t->nCol; i++) {
    const ImpCol *c = &L->t->aCol[i];
    const char *z = r->az[i];
    size_t n = z ? r->an[i] : 0;
    if (!(f->updateOnly ? c->pk : c->required)) continue;
    if (z) imp_trim(&z, &n);
    if (n == 0 && !(r->aMap && r->aMap[i].zDefault)) return 1;
  }
  return 0;
}

int imp_row(ImpLoad *L, const ImpRow *r, int bRetry) {
  ImpTable *t = L->t;
  ImpFileInfo *f = &L->p->aFile[r->iFile];
  int i, rc, selfMissing = 0, nCreate = 0, nEmptied = 0;
  if (!bRetry && !r->derived && f->zSection && r->az && imp_feed_empty(L, r)) {
    f->nNoTarget++;
    return SQLITE_OK;
  }
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
  if (r->derived && imp_write_known(L, r, &rc)) return rc;
  for (i = 0; i < t->nCol; i++) {
    ImpCol *c = &t->aCol[i];
    if (!L->apFk[i] || L->aBad[i] || L->aVal[i].type == SQLITE_NULL) continue;
    if (imp_parent_exists(L, i, &rc)) continue;
    if (rc != SQLITE_OK) return rc;
    if (c->iFkTable == L->iTable && !r->derived && !bRetry) {
      selfMissing = 1; /* perhaps later in its files, or derived */
      continue;
    }
    if (r->aMap && r->aMap[i].unknownEmpty && c->iFkTable != L->iTable) {
      L->aVal[i].type = SQLITE_NULL; /* unknown.X = empty */
      nEmptied++;
      continue;
    }
    /* create_parents: a parent of another table at once; one of the same
    ** table once every row of its files had its chance (bRetry) */
    if ((c->iFkTable != L->iTable || bRetry) && f->createParents && !r->derived &&
        imp_can_create(L, i)) {
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
    f->nCreated++;
  }
  if (selfMissing) return imp_defer(L, r);
  f->nEmptied += nEmptied;
  if (f->aggregate && !r->derived) return imp_agg_add(L, r);
  return imp_write(L, r);
}

/* A copy of a row (its fields, raw text and place), kept past its record:
** rows waiting for a parent, rows held by rows = stage_changes. */
int imp_copy_row(ImpDeferred *d, const ImpRow *r, int n) {
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

void imp_copies_free(ImpDeferred *a, int n, int nCol) {
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
/* -------------------------------------------------------- deferred rows */

/* A row waits as a copy; a mapping's default.X is written into the copy,
** since the file's mapping is gone when the rows are tried again (at the
** end of the table's files). */
int imp_defer(ImpLoad *L, const ImpRow *r) {
  ImpDeferred *d;
  int n = L->t->nCol, i, rc;
  if (L->nDef >= IMP_MAX_DEFERRED) return imp_row(L, r, 1);
  if (L->nDef == L->nDefAlloc) {
    int nNew = L->nDefAlloc ? L->nDefAlloc * 2 : 16;
    ImpDeferred *aNew = sqlite3_realloc64(L->aDef, sizeof(ImpDeferred) * (sqlite3_uint64)nNew);
    if (aNew == 0) return SQLITE_NOMEM;
    L->aDef = aNew;
    L->nDefAlloc = nNew;
  }
  d = &L->aDef[L->nDef++];
  rc = imp_copy_row(d, r, n);
  for (i = 0; i < n && rc == SQLITE_OK && r->aMap; i++) {
    const char *z = d->az[i];
    size_t m = z ? d->an[i] : 0;
    if (r->aMap[i].zDefault == 0) continue;
    if (z) imp_trim(&z, &m);
    if (m) continue;
    sqlite3_free(d->az[i]);
    d->an[i] = strlen(r->aMap[i].zDefault);
    d->az[i] = sqlite3_malloc64(d->an[i] + 1);
    if (d->az[i] == 0) return SQLITE_NOMEM;
    memcpy(d->az[i], r->aMap[i].zDefault, d->an[i] + 1);
  }
  return rc;
}

void imp_deferred_free(ImpLoad *L) {
  imp_copies_free(L->aDef, L->nDef, L->t->nCol);
  L->aDef = 0;
  L->nDef = L->nDefAlloc = 0;
}

/* The row a deferred copy stands for. */
void imp_deferred_row(ImpLoad *L, const ImpDeferred *d, const ImpColMap *aMap, ImpRow *r) {
  memset(r, 0, sizeof(*r));
  r->iFile = d->iFile, r->line = d->line, r->zRaw = d->zRaw, r->nRaw = d->nRaw;
  r->rawValid = d->rawValid, r->derived = d->derived, r->aMap = aMap;
  r->az = (const char **)d->az, r->an = d->an, r->eOrder = L->p->aFile[d->iFile].eOrder;
}

/* Does the deferred row d wait for a parent?  Its self references are
** converted again; 0: every one is there now.  With aPending (the keys of
** rows still waiting), 2: one names a row that is itself waiting. */
static int imp_waits(ImpLoad *L, const ImpDeferred *d, ImpKeySet *aPending, int *pRc) {
  ImpRow r;
  int j, waits = 0;
  L->why.n = 0;
  memset(L->aBad, 0, (size_t)L->t->nCol);
  imp_deferred_row(L, d, 0, &r);
  for (j = 0; j < L->t->nCol; j++) imp_convert(L, &r, j);
  for (j = 0; j < L->t->nCol && *pRc == SQLITE_OK; j++) {
    const ImpVal *v = &L->aVal[j];
    if (L->t->aCol[j].iFkTable != L->iTable || v->type == SQLITE_NULL) continue;
    if (imp_parent_exists(L, j, pRc)) continue;
    if (aPending && v->type == SQLITE_TEXT && imp_set_has(aPending, v->z, v->n)) return 2;
    waits = 1;
  }
  return waits;
}

/* Rows that waited for a parent of their own table (a manager, a parent
** account): tried again once every file of the table and the parents the
** mappings derive are in, while any of them loads (a chain resolves one
** link per pass, latest line first).  Then the rows whose missing parent
** is not itself waiting go on (create_parents makes the parent, or the
** row is rejected with its unknown parent), and the passes start again;
** what is left (a cycle) goes on last. */
int imp_resolve_deferred(ImpLoad *L) {
  int progress = 1, i, rc = SQLITE_OK;
  unsigned char *aDone;
  ImpKeySet pending;
  const ImpTable *t = L->t;
  if (L->nDef == 0) return SQLITE_OK;
  aDone = sqlite3_malloc64((sqlite3_uint64)L->nDef);
  if (aDone == 0) return SQLITE_NOMEM;
  memset(aDone, 0, (size_t)L->nDef);
  memset(&pending, 0, sizeof(pending));
  while (progress && rc == SQLITE_OK) {
    progress = 0;
    for (i = L->nDef - 1; i >= 0 && rc == SQLITE_OK; i--) {
      ImpRow r;
      if (aDone[i] || imp_waits(L, &L->aDef[i], 0, &rc) || rc != SQLITE_OK) continue;
      imp_deferred_row(L, &L->aDef[i], 0, &r);
      L->p->nRead--;
      rc = imp_row(L, &r, 1);
      aDone[i] = 1;
      progress = 1;
    }
    if (progress || rc != SQLITE_OK) continue;
    /* no row can load as it is: those whose parent is no waiting row */
    imp_set_free(&pending);
    for (i = 0; i < L->nDef && t->nPk == 1; i++) {
      const char *z = L->aDef[i].az[t->aPk[0]];
      size_t n = z ? L->aDef[i].an[t->aPk[0]] : 0;
      if (aDone[i] || z == 0) continue;
      imp_trim(&z, &n);
      if (n && memchr(z, 0, n) == 0) imp_set_add(&pending, z, (int)n);
    }
    for (i = 0; i < L->nDef && rc == SQLITE_OK; i++) {
      ImpRow r;
      if (aDone[i] || imp_waits(L, &L->aDef[i], pending.full ? 0 : &pending, &rc) == 2 || rc != SQLITE_OK) continue;
      imp_deferred_row(L, &L->aDef[i], 0, &r);
      L->p->nRead--;
      rc = imp_row(L, &r, 1);
      aDone[i] = 1;
      progress = 1;
    }
  }
  for (i = 0; i < L->nDef && rc == SQLITE_OK; i++) {
    ImpRow r;
    if (aDone[i]) continue;
    imp_deferred_row(L, &L->aDef[i], 0, &r);
    L->p->nRead--;
    rc = imp_row(L, &r, 1);
  }
  imp_set_free(&pending);
  sqlite3_free(aDone);
  imp_deferred_free(L);
  return rc;
}
